/*
 * notify_templates.c: the message templates page (notify.templates).
 * A supervisor edits the SMS text of each event in each language and
 * sees how many SMS parts it takes and in which alphabet (GSM-7
 * 160/153, UCS-2 70/67) in the worst case: composed as the booking
 * library sends it (messages.h) with the longest site name and address
 * and the service whose documents take the most parts in that language
 * (a second SMS when the documents do not fit). Every save keeps
 * the previous text (message_template_history) and is audited; a save
 * over a newer version is refused with both texts shown (409).
 *
 * Why havre-portal: templates serve every workflow (appointments now,
 * "document ready" for dossiers and civil status later), like agents
 * and the audit trail, which the portal already administers.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "common_sql.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "messages.h"
#include "portal.h"
#include "session.h"
#include "sms.h"
#include "tpl.h"

/* The edit form. */
const struct field_spec template_fields[] = {
	{"body", FIELD_TEXT, 1, 1, 1000, NULL},
	{"version", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* Events and the language key of their names. */
static const char *const events[][2] = {
	{"confirmation", "Notify.Event.Confirmation"},
	{"change", "Notify.Event.Change"},
	{"cancellation", "Notify.Event.Cancellation"},
	{"reminder", "Notify.Event.Reminder"},
	{"document_ready", "Notify.Event.DocumentReady"},
	{"reply_confirmed", "Notify.Event.ReplyConfirmed"},
	{"reply_help", "Notify.Event.ReplyHelp"},
	{"documents_more", "Notify.Event.DocumentsMore"},
	{"documents_none", "Notify.Event.DocumentsNone"},
	{"documents_next", "Notify.Event.DocumentsNext"},
	{"documents_list", "Notify.Event.DocumentsList"},
	{"documents_link", "Notify.Event.DocumentsLink"},
};

/* The events that are pieces of a message, not messages: shown with
 * example values in place of {documents}. */
static const char *const fragments[] = {
	"documents_more", "documents_none", "documents_next",
	"documents_link",
};

/* The name of an event in the page language (the code if unknown). */
static const char *
event_label(struct req *r, const char *event)
{
	const char	*s;
	size_t		 i;

	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (strcmp(events[i][0], event) == 0) {
			s = tpl_text(r->hdf, events[i][1]);
			return s != NULL ? s : event;
		}
	return event;
}

/* Set <node><what>.{Segments,Units,UnitsPlural,Coding,Sample} from text
 * and c. */
static void
cost_set(struct req *r, const char *node, const char *what,
    const char *text, const struct sms_cost *c)
{
	char	 key[96];

	snprintf(key, sizeof(key), "%s%s.Segments", node, what);
	page_set_int(r, key, (long long)c->segments);
	snprintf(key, sizeof(key), "%s%s.Units", node, what);
	page_set_int(r, key, (long long)c->units);
	snprintf(key, sizeof(key), "%s%s.UnitsPlural", node, what);
	page_set(r, key, tpl_plural(r->lang, (long long)c->units));
	snprintf(key, sizeof(key), "%s%s.Coding", node, what);
	page_set(r, key, tpl_text(r->hdf, c->coding == SMS_GSM7 ?
	    "Notify.Templates.Gsm" : "Notify.Templates.Ucs"));
	snprintf(key, sizeof(key), "%s%s.Sample", node, what);
	page_set(r, key, text);
}

/*
 * Set <node>.Segments, .Units, .Coding, .Sample and .TooLong for body,
 * the template of event in lang: a fragment rendered with example
 * values; a message in its worst case (appt_message_worst), with
 * <node>.Second.* when the documents go in a second SMS and
 * <node>.WorstService. Returns 0, or the HTTP status of a database
 * failure.
 */
static int
cost_fill(struct req *r, const char *node, const char *event,
    const char *lang, const char *body)
{
	struct appt_composed c;
	struct sms_var	 v[] = {
		{"reference", "AB12-CD34"},
		{"date", "15/01/2030"},
		{"time", "09:00"},
		{"site", "Centre"},
		{"address", "12 Rue Capois"},
		{"manage_url", NULL},
		{"count", "2"},
		{"documents", "Passport"},
	};
	struct buf	 raw = {0};
	char		 key[96], service[40];
	enum db_rc	 rc;
	size_t		 i;
	int		 status = 0;

	memset(&c, 0, sizeof(c));
	v[5].value = conf_get(r->conf, "Notify.ManageUrl", "/book/manage");
	for (i = 0; i < sizeof(fragments) / sizeof(fragments[0]); i++)
		if (strcmp(event, fragments[i]) == 0)
			break;
	if (i < sizeof(fragments) / sizeof(fragments[0])) {
		c.n = 1;
		if (sms_render(body, v, sizeof(v) / sizeof(v[0]), &raw) != 0 ||
		    raw.data == NULL ||
		    sms_finish(raw.data, &c.text[0], &c.cost[0]) != 0)
			goto out;
	} else if ((rc = appt_message_worst(r->db, r->conf, lang, body, &c,
	    service, sizeof(service))) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	} else if (service[0] != '\0') {
		snprintf(key, sizeof(key), "%s.WorstService", node);
		page_set(r, key, service);
	}
	cost_set(r, node, "", c.text[0].data, &c.cost[0]);
	if (c.n > 1)
		cost_set(r, node, ".Second", c.text[1].data, &c.cost[1]);
	if (c.shortened & (APPT_LEFT_OUT | APPT_CUT)) {
		snprintf(key, sizeof(key), "%s.TooLong", node);
		page_set(r, key, "1");
	}
out:
	buf_free(&raw);
	appt_composed_free(&c);
	return status;
}

/*
 * GET /notify/templates (notify.templates): every template with its
 * event, language, version, last editor and SMS parts.
 * Template: portal/notify_templates.cs (Tpl.List.N.*).
 */
int
page_notify_templates(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64];
	int		 n = 0, i, status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Notify.Templates.Title"));
	if ((st = db_cstmt(r->db, CSQL_TEMPLATE_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW && n < 500) {
#define SET(k, v) do { \
		snprintf(node, sizeof(node), "Tpl.List.%d." k, n); \
		page_set(r, node, (v)); } while (0)
		snprintf(node, sizeof(node), "Tpl.List.%d.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		SET("Event", event_label(r, db_col_text(st, 1)));
		SET("Code", db_col_text(st, 1));
		SET("Lang", db_col_text(st, 2));
		SET("Body", db_col_text(st, 3));
		SET("Version", db_col_text(st, 4));
		SET("UpdatedAt", db_col_text(st, 5));
		SET("UpdatedBy", db_col_text(st, 6));
#undef SET
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	/* The costs once the list is read: they run their own queries. */
	for (i = 0; i < n; i++) {
		snprintf(node, sizeof(node), "Tpl.List.%d", i);
		if ((status = cost_fill(r, node, hdf_get_valuef(r->hdf,
		    "Tpl.List.%d.Code", i), hdf_get_valuef(r->hdf,
		    "Tpl.List.%d.Lang", i), hdf_get_valuef(r->hdf,
		    "Tpl.List.%d.Body", i))) != 0)
			return status;
	}
	return 200;
}

/*
 * Load template id into Tpl.{Id,Event,Lang,Version,Body} (and, on a
 * GET, the form's values). Returns DB_ROW when found, DB_OK when not,
 * or the error.
 */
static enum db_rc
template_load(struct req *r, int64_t id, char *body, size_t bodysz,
    long long *version)
{
	struct db_stmt	*st;
	enum db_rc	 rc, found = DB_OK;

	if ((st = db_cstmt(r->db, CSQL_TEMPLATE_GET)) == NULL)
		return db_last_rc(r->db);
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		page_set_int(r, "Tpl.Id", id);
		page_set(r, "Tpl.Event", event_label(r, db_col_text(st, 0)));
		page_set(r, "Tpl.Code", db_col_text(st, 0));
		page_set(r, "Tpl.Lang", db_col_text(st, 1));
		page_set(r, "Tpl.Body", db_col_text(st, 2));
		page_set(r, "Tpl.Version", db_col_text(st, 3));
		if (body != NULL)
			snprintf(body, bodysz, "%s", db_col_text(st, 2));
		if (version != NULL)
			*version = db_col_int(st, 3);
		found = DB_ROW;
	}
	return rc != DB_OK ? rc : found;
}

/*
 * GET /notify/templates/{id} (notify.templates): the edit form with
 * the current text's SMS parts and the earlier versions. Also fills a
 * rejected form again (keeping the input). 404 for an unknown id.
 * Template: portal/notify_template.cs.
 */
int
page_notify_template_form(struct req *r)
{
	struct db_stmt	*st;
	int64_t		 id = req_param_int(r, "id");
	char		 body[4096], node[64];
	long long	 version = 0;
	enum db_rc	 rc;
	int		 n = 0, status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Notify.Templates.Title"));
	rc = template_load(r, id, body, sizeof(body), &version);
	if (rc == DB_OK)
		return 404;
	if (rc != DB_ROW)
		return db_http_status(rc);
	if (r->method == M_GET) {
		page_set(r, "Form.body.Value", body);
		page_set_int(r, "Form.version.Value", version);
	}
	if ((status = cost_fill(r, "Tpl", hdf_get_value(r->hdf, "Tpl.Code",
	    ""), hdf_get_value(r->hdf, "Tpl.Lang", ""), r->method == M_GET ?
	    body : form_str(r, "body"))) != 0)
		return status;
	if ((st = db_cstmt(r->db, CSQL_TEMPLATE_HISTORY)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Tpl.History.%d.Version", n);
		page_set(r, node, db_col_text(st, 0));
		snprintf(node, sizeof(node), "Tpl.History.%d.At", n);
		page_set(r, node, db_col_text(st, 1));
		snprintf(node, sizeof(node), "Tpl.History.%d.By", n);
		page_set(r, node, db_col_text(st, 2));
		snprintf(node, sizeof(node), "Tpl.History.%d.Body", n);
		page_set(r, node, db_col_text(st, 3));
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	return 200;
}

/* What save_txn needs and gives back. */
struct tsave_ctx {
	struct req	*r;
	int64_t		 id;
	const char	*body;
	long long	 version;
	int		 found;		/* out */
	int		 conflict;	/* out: the version moved on */
};

/* Keep the old text, write the new one, audit (db_txn function). */
static enum db_rc
tsave_txn(struct db *db, void *arg)
{
	struct tsave_ctx	*c = arg;
	struct audit_change	 ch;
	struct db_stmt		*st;
	struct buf		 old = {0};
	char			 idtext[24];
	enum db_rc		 rc;
	long long		 stored = 0;

	c->found = c->conflict = 0;
	if ((st = db_cstmt(db, CSQL_TEMPLATE_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	while ((rc = db_step(st)) == DB_ROW) {
		buf_reset(&old);
		buf_puts(&old, db_col_text(st, 2));
		stored = db_col_int(st, 3);
		c->found = 1;
	}
	if (rc != DB_OK || !c->found)
		goto out;
	if (stored != c->version) {
		c->conflict = 1;
		goto out;
	}
	if ((st = db_cstmt(db, CSQL_TEMPLATE_HISTORY_ADD)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, c->id);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	if ((st = db_cstmt(db, CSQL_TEMPLATE_UPDATE)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_text(st, 0, c->body);
	if (c->r->session != NULL && c->r->session->agent_id > 0)
		db_bind_int(st, 1, c->r->session->agent_id);
	else
		db_bind_null(st, 1);
	db_bind_int(st, 2, c->id);
	db_bind_int(st, 3, c->version);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	ch.field = "body";
	ch.old_value = old.data != NULL ? old.data : "";
	ch.new_value = c->body;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	rc = audit_req(c->r, "message_template", idtext, "update", &ch, 1);
out:
	buf_free(&old);
	return rc;
}

/*
 * POST /notify/templates/{id} (notify.templates, CSRF): body (1..1000
 * characters), version. Saves a new version (the old one goes to the
 * history) and redirects to the form with a flash; a stale version
 * answers 409 with the current text and the input kept; a {name} the
 * messages do not fill answers 422, naming it (Tpl.Unknown).
 */
int
page_notify_template_save(struct req *r)
{
	struct tsave_ctx c;
	enum db_rc	 rc;
	int		 status;
	char		 loc[64], unknown[64];

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = req_param_int(r, "id");
	c.body = form_str(r, "body");
	c.version = form_int(r, "version");
	/* A placeholder the messages never fill would reach applicants
	 * as written ("{adress}"): refused here, named on the page. */
	if (sms_unknown_placeholder(c.body, appt_message_placeholders,
	    unknown, sizeof(unknown))) {
		form_set_error(r, "body", "Notify.Templates.Unknown");
		if ((status = page_notify_template_form(r)) != 200)
			return status;
		page_set(r, "Tpl.Unknown", unknown);
		return 422;
	}
	if ((rc = db_txn(r->db, tsave_txn, &c)) != DB_OK) {
		log_err("cannot save template %lld: %s", (long long)c.id,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (!c.found)
		return 404;
	if (c.conflict) {
		if ((status = page_notify_template_form(r)) != 200)
			return status;
		page_set(r, "Tpl.Conflict", "1");
		/* Saving again replaces the newer text knowingly. */
		page_set(r, "Form.version.Value", hdf_get_value(r->hdf,
		    "Tpl.Version", "0"));
		return 409;
	}
	log_info("message template %lld saved", (long long)c.id);
	flash_set(r, "ok", "Notify.Templates.Saved");
	snprintf(loc, sizeof(loc), "/notify/templates/%lld", (long long)c.id);
	return resp_redirect(r, loc);
}

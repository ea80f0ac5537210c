/*
 * requests.c: a person's requests about their data (issue 20 item 5;
 * dataprotection.requests): access (GDPR art. 15), rectification (art.
 * 16) and erasure (art. 17). A request is recorded with the day it was
 * received and falls due one month later (art. 12(3); the due day is
 * computed by the database, migration 0056); it is then answered with
 * the decision (granted, partly, refused), its reason and the answer
 * sent. Each save is audited. The figures (open, due within 7 days,
 * overdue, answered late this year) show on the requests page and, for
 * the same permission, on the dashboard (dashboard.c).
 *
 * While its first month runs, an open request can be extended once by
 * two further months (art. 12(3)), with the reason told to the person:
 * it is then due three months after receipt; the first due day is kept
 * and both show on the request's page, the list counts the extended
 * ones.
 *
 * The rectification or erasure itself is done where the data lives
 * (the person's record, the purge): this page keeps the request, its
 * deadline and the answer, as the law asks the agency to show.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "portal.h"
#include "tpl.h"

static const char *const request_kinds[] = {"access", "rectification",
	"erasure", NULL};
static const char *const request_decisions[] = {"granted", "partly",
	"refused", NULL};

/* POST /dataprotection/requests */
const struct field_spec request_fields[] = {
	{"kind", FIELD_ENUM, 1, 0, 0, request_kinds},
	{"person_id", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"requester", FIELD_STRING, 1, 1, 200, NULL},
	{"details", FIELD_TEXT, 1, 1, 2000, NULL},
	{"received_on", FIELD_DATE, 1, 0, 0, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* POST /dataprotection/requests/{id} */
const struct field_spec answer_fields[] = {
	{"decision", FIELD_ENUM, 1, 0, 0, request_decisions},
	{"decision_reason", FIELD_TEXT, 1, 1, 2000, NULL},
	{"answer", FIELD_TEXT, 1, 1, 4000, NULL},
	{"version", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* POST /dataprotection/requests/{id}/extend */
const struct field_spec extend_fields[] = {
	{"extension_reason", FIELD_TEXT, 1, 10, 2000, NULL},
	{"version", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* The agency's today (Site.TimeZone), YYYY-MM-DD, and 7 days on. */
static void
agency_days(const struct req *r, char today[16], char week[16])
{
	const char	*zone = r->conf && r->conf->timezone ?
	    r->conf->timezone : "UTC";
	time_t		 now = time(NULL);

	time_format_zone(now, zone, "%Y-%m-%d", today, 16);
	time_format_zone(now + 7 * 86400, zone, "%Y-%m-%d", week, 16);
}

/* See portal.h. */
int
requests_counts(struct req *r, const char *prefix)
{
	static const char *const keys[] = {"Open", "Due7", "Overdue",
		"Late", "Extended"};
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 today[16], week[16], node[64];
	size_t		 i;

	agency_days(r, today, week);
	if ((st = db_stmt(r->db, PSQL_REQ_COUNTS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, week);
	db_bind_text(st, 1, today);
	db_bind_text(st, 2, today);
	if ((rc = db_step(st)) != DB_ROW)
		return db_http_status(rc == DB_OK ? DB_ERROR : rc);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		snprintf(node, sizeof(node), "%s.%s", prefix, keys[i]);
		page_set_int(r, node, db_col_int(st, i));
	}
	db_reset(st);
	return 0;
}

/*
 * Fill <prefix>.{Id, Kind, KindLabel, PersonId, Requester, Details,
 * Received, Due, Status, Decision, DecisionLabel, DecisionReason,
 * Answer, Answered, RecordedBy, AnsweredBy, Version, Overdue, FirstDue,
 * Extended, ExtendedBy, ExtensionReason} from the
 * current row of a PSQL_REQ_LIST or PSQL_REQ_GET statement.
 */
static void
request_row(struct req *r, struct db_stmt *st, const char *prefix)
{
	static const char *const keys[] = {"Id", "Kind", "PersonId",
		"Requester", "Details", "Received", "Due", "Status",
		"Decision", "DecisionReason", "Answer", "Answered",
		"RecordedBy", "AnsweredBy", "Version", "Overdue", "FirstDue",
		"Extended", "ExtendedBy", "ExtensionReason"};
	char	 node[96], key[96];
	size_t	 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		snprintf(node, sizeof(node), "%s.%s", prefix, keys[i]);
		page_set(r, node, db_col_null(st, i) ? "" : db_col_text(st, i));
	}
	snprintf(key, sizeof(key), "DataProtection.Request.Kind.%s",
	    db_col_text(st, 1));
	snprintf(node, sizeof(node), "%s.KindLabel", prefix);
	page_set(r, node, tpl_text(r->hdf, key));
	if (!db_col_null(st, 8)) {
		snprintf(key, sizeof(key), "DataProtection.Request.Decision.%s",
		    db_col_text(st, 8));
		snprintf(node, sizeof(node), "%s.DecisionLabel", prefix);
		page_set(r, node, tpl_text(r->hdf, key));
	}
}

/*
 * GET /dataprotection/requests (dataprotection.requests): the figures
 * (Requests.Counts.{Open, Due7, Overdue, Late}), the requests, open
 * ones first by due day (Requests.List.N.*, request_row), and the form
 * recording one (request_fields). Also fills a rejected form again.
 * Template portal/requests.cs.
 */
int
page_requests(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 today[16], week[16], node[64];
	size_t		 n = 0;
	int		 status;

	page_set(r, "Page.Title", tpl_text(r->hdf,
	    "DataProtection.Request.Title"));
	if ((status = requests_counts(r, "Requests.Counts")) != 0)
		return status;
	agency_days(r, today, week);
	if ((st = db_stmt(r->db, PSQL_REQ_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, today);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Requests.List.%zu", n++);
		request_row(r, st, node);
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	portal_options_set(r, "kind", request_kinds,
	    "DataProtection.Request.Kind");
	if (r->method == M_GET)
		page_set(r, "Form.received_on.Value", today);
	return 200;
}

/* What request_txn and answer_txn need and give back. */
struct request_ctx {
	struct req	*r;
	int64_t		 id;		/* answer; record: out */
	int64_t		 person_id;	/* 0: none */
	int		 missing;	/* out: no such person / request */
	int		 stale;		/* out: answered already, or moved on */
	char		 due[2][16];	/* extend, out: due days before, after */
	char		 today[16];	/* answer: the agency's today */
};

/* Record a request and audit it (db_txn function). */
static enum db_rc
request_txn(struct db *db, void *arg)
{
	struct request_ctx	*c = arg;
	struct audit_change	 ch[4];
	struct db_stmt		*st;
	struct actor		 act;
	enum db_rc		 rc;
	char			 id[24], pid[24];

	c->missing = 0;
	if (c->person_id != 0) {
		if ((st = db_stmt(db, PSQL_HOLD_PERSON)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->person_id);
		if ((rc = db_step(st)) == DB_OK) {
			c->missing = 1;
			return DB_OK;
		}
		if (rc != DB_ROW)
			return rc;
		db_reset(st);
	}
	actor_of(c->r, &act);
	if ((st = db_stmt(db, PSQL_REQ_ADD)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, form_str(c->r, "kind"));
	if (c->person_id != 0)
		db_bind_int(st, 1, c->person_id);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, form_str(c->r, "requester"));
	db_bind_text(st, 3, form_str(c->r, "details"));
	db_bind_text(st, 4, form_str(c->r, "received_on"));
	db_bind_text(st, 5, form_str(c->r, "received_on"));
	db_bind_text(st, 6, act.name);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	c->id = (int64_t)db_insert_id(st);
	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	snprintf(pid, sizeof(pid), "%lld", (long long)c->person_id);
	ch[0] = (struct audit_change){"kind", NULL, form_str(c->r, "kind")};
	ch[1] = (struct audit_change){"person_id", NULL,
	    c->person_id != 0 ? pid : ""};
	ch[2] = (struct audit_change){"received_on", NULL,
	    form_str(c->r, "received_on")};
	ch[3] = (struct audit_change){"requester", NULL,
	    form_str(c->r, "requester")};
	return audit_req(c->r, "subject_request", id, "record", ch, 4);
}

/*
 * POST /dataprotection/requests (dataprotection.requests, CSRF;
 * request_fields): record a request received on a day, for a person's
 * record or none yet. Redirects to the request; 422 when the record
 * named does not exist or a received day is in the future.
 */
int
page_request_add(struct req *r)
{
	struct request_ctx c;
	enum db_rc	 rc;
	char		 today[16], week[16], loc[64];
	int		 status;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.person_id = form_int(r, "person_id");
	agency_days(r, today, week);
	if (strcmp(form_str(r, "received_on"), today) > 0) {
		form_set_error(r, "received_on",
		    "DataProtection.Request.Future");
		return (status = page_requests(r)) == 200 ? 422 : status;
	}
	if ((rc = db_txn(r->db, request_txn, &c)) != DB_OK) {
		log_err("cannot record a request: %s", db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (c.missing) {
		form_set_error(r, "person_id", "DataProtection.Hold.NoTarget");
		return (status = page_requests(r)) == 200 ? 422 : status;
	}
	flash_set(r, "ok", "DataProtection.Request.Recorded");
	snprintf(loc, sizeof(loc), "/dataprotection/requests/%lld",
	    (long long)c.id);
	return resp_redirect(r, loc);
}

/*
 * GET /dataprotection/requests/{id} (dataprotection.requests): the
 * request (Request.*, request_row) and, while open, the form answering
 * it (answer_fields). Also fills a rejected form again. 404 for an
 * unknown request. Template portal/request.cs.
 */
int
page_request_view(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 today[16], week[16];
	int		 found = 0;

	page_set(r, "Page.Title", tpl_text(r->hdf,
	    "DataProtection.Request.One"));
	agency_days(r, today, week);
	if ((st = db_stmt(r->db, PSQL_REQ_GET)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, today);
	db_bind_int(st, 1, req_param_int(r, "id"));
	while ((rc = db_step(st)) == DB_ROW) {
		request_row(r, st, "Request");
		found = 1;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	if (!found)
		return 404;
	if (r->method == M_GET)
		page_set(r, "Form.version.Value", hdf_get_value(r->hdf,
		    "Request.Version", ""));
	portal_options_set(r, "decision", request_decisions,
	    "DataProtection.Request.Decision");
	return 200;
}

/* Answer an open request at its version, audit it (db_txn function). */
static enum db_rc
answer_txn(struct db *db, void *arg)
{
	struct request_ctx	*c = arg;
	struct audit_change	 ch[3];
	struct db_stmt		*st;
	struct actor		 act;
	enum db_rc		 rc;
	char			 id[24];

	c->stale = 0;
	actor_of(c->r, &act);
	if ((st = db_stmt(db, PSQL_REQ_ANSWER)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, form_str(c->r, "decision"));
	db_bind_text(st, 1, form_str(c->r, "decision_reason"));
	db_bind_text(st, 2, form_str(c->r, "answer"));
	db_bind_text(st, 3, act.name);
	db_bind_text(st, 4, c->today);
	db_bind_int(st, 5, c->id);
	db_bind_int(st, 6, form_int(c->r, "version"));
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) != 1) {
		c->stale = 1;
		return DB_OK;
	}
	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	ch[0] = (struct audit_change){"decision", NULL,
	    form_str(c->r, "decision")};
	ch[1] = (struct audit_change){"decision_reason", NULL,
	    form_str(c->r, "decision_reason")};
	ch[2] = (struct audit_change){"answer", NULL, form_str(c->r, "answer")};
	return audit_req(c->r, "subject_request", id, "answer", ch, 3);
}

/*
 * POST /dataprotection/requests/{id} (dataprotection.requests, CSRF;
 * answer_fields): the decision, its reason and the answer sent, on the
 * agency's today. Redirects to the request; 409 when it was answered
 * already or changed since the form was read; 404 for an unknown one.
 */
int
page_request_answer(struct req *r)
{
	struct request_ctx c;
	enum db_rc	 rc;
	char		 loc[64], week[16];
	int		 status;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = req_param_int(r, "id");
	agency_days(r, c.today, week);
	if ((status = page_request_view(r)) != 200)
		return status;
	if ((rc = db_txn(r->db, answer_txn, &c)) != DB_OK) {
		log_err("cannot answer request %lld: %s", (long long)c.id,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (c.stale) {
		page_set(r, "Request.Stale", "1");
		return 409;
	}
	flash_set(r, "ok", "DataProtection.Request.AnsweredMsg");
	snprintf(loc, sizeof(loc), "/dataprotection/requests/%lld",
	    (long long)c.id);
	return resp_redirect(r, loc);
}

/* Extend an open request in its first month, audit it (db_txn
 * function). */
static enum db_rc
extend_txn(struct db *db, void *arg)
{
	struct request_ctx	*c = arg;
	struct audit_change	 ch[2];
	struct db_stmt		*st;
	struct actor		 act;
	enum db_rc		 rc;
	char			 id[24];

	c->stale = 0;
	actor_of(c->r, &act);
	if ((st = db_stmt(db, PSQL_REQ_EXTEND)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, c->today);
	db_bind_text(st, 1, act.name);
	db_bind_text(st, 2, form_str(c->r, "extension_reason"));
	db_bind_int(st, 3, c->id);
	db_bind_int(st, 4, form_int(c->r, "version"));
	db_bind_text(st, 5, c->today);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) != 1) {
		c->stale = 1;
		return DB_OK;
	}
	if ((st = db_stmt(db, PSQL_REQ_DUE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	snprintf(c->due[0], sizeof(c->due[0]), "%s", db_col_text(st, 0));
	snprintf(c->due[1], sizeof(c->due[1]), "%s", db_col_text(st, 1));
	db_reset(st);
	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	ch[0] = (struct audit_change){"due_on", c->due[0], c->due[1]};
	ch[1] = (struct audit_change){"extension_reason", NULL,
	    form_str(c->r, "extension_reason")};
	return audit_req(c->r, "subject_request", id, "extend", ch, 2);
}

/*
 * POST /dataprotection/requests/{id}/extend (dataprotection.requests,
 * CSRF; extend_fields): extend an open request by two further months
 * (GDPR art. 12(3)) with the reason told to the person, on the agency's
 * today. Redirects to the request; 422 when its first month is over
 * (the extension had to be decided and told before the first due day);
 * 409 when it was answered or extended already, or changed since the
 * form was read; 404 for an unknown one.
 */
int
page_request_extend(struct req *r)
{
	struct request_ctx c;
	enum db_rc	 rc;
	char		 loc[64], week[16];
	int		 status;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = req_param_int(r, "id");
	agency_days(r, c.today, week);
	if ((status = page_request_view(r)) != 200)
		return status;
	if (strcmp(hdf_get_value(r->hdf, "Request.Status", ""), "open") != 0 ||
	    hdf_get_value(r->hdf, "Request.Extended", "")[0] != '\0') {
		page_set(r, "Request.Stale", "1");
		return 409;
	}
	if (strcmp(hdf_get_value(r->hdf, "Request.Due", ""), c.today) < 0) {
		form_set_error(r, "extension_reason",
		    "DataProtection.Request.ExtendLate");
		return 422;
	}
	if ((rc = db_txn(r->db, extend_txn, &c)) != DB_OK) {
		log_err("cannot extend request %lld: %s", (long long)c.id,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (c.stale) {
		page_set(r, "Request.Stale", "1");
		return 409;
	}
	log_info("request %lld extended: due %s, first due %s",
	    (long long)c.id, c.due[1], c.due[0]);
	flash_set(r, "ok", "DataProtection.Request.ExtendedMsg");
	snprintf(loc, sizeof(loc), "/dataprotection/requests/%lld",
	    (long long)c.id);
	return resp_redirect(r, loc);
}

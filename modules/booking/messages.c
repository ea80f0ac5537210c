/*
 * messages.c: what an appointment says by SMS (see messages.h). The
 * text comes from message_template in the booking's language; times
 * are stored in UTC and written in the site's zone. Every document to
 * bring is named: as written, else in the agency's short forms, else in
 * a second message sent with the first; a Latin-script message is
 * folded into GSM-7 (common/sms.c) so that one dash in a site's name
 * does not make it UCS-2, which holds less than half as much.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "booking.h"
#include "htime.h"
#include "log.h"
#include "messages.h"
#include "outbox.h"

#define MANAGE_URL_DEFAULT	"/book/manage"
#define DOCS_MAX		64	/* document lines read, at most */
#define VARS_MAX		16

/* The columns of BSQL_MSG_APPOINTMENT, copied out of the row. */
struct appt_info {
	char	 reference[16];
	char	 start_utc[32];
	char	 phone[17];
	char	 lang[8];
	char	 site[201];
	char	 address[512];
	char	 zone[65];
	char	 status[16];
	enum appt_docs state;
	struct buf docs;
	struct buf shorts;
};

/* The templates of one language (appt_texts' storage). */
struct lang_texts {
	struct buf	 body, none, next, list, link, more;
	struct appt_texts t;
};

/* One line of a list. */
struct line {
	const char	*s;
	size_t		 len;
};

/* Copy a column into a fixed buffer (cut if too long). */
static void
col_copy(struct db_stmt *st, size_t i, char *out, size_t outsz)
{
	const char	*s = db_col_text(st, i);

	snprintf(out, outsz, "%s", s != NULL ? s : "");
}

/*
 * Split text into its trimmed lines (at most max): blank lines are
 * skipped when keep_blank is 0, kept as empty lines otherwise. Returns
 * how many.
 */
static size_t
split_lines(const char *text, int keep_blank, struct line *d, size_t max)
{
	const char	*p = text, *e, *a, *b;
	size_t		 n = 0;

	while (p != NULL && *p != '\0' && n < max) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		a = p;
		b = e;
		while (a < b && (*a == ' ' || *a == '\t' || *a == '\r'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' ||
		    b[-1] == '\r'))
			b--;
		if (b > a || keep_blank) {
			d[n].s = a;
			d[n].len = (size_t)(b - a);
			n++;
		}
		p = *e == '\0' ? NULL : e + 1;
	}
	return n;
}

/*
 * Render tpl with vars plus {documents} (docs) and {count} (count, or
 * none when NULL) into raw, then the text to send into out with its
 * cost. Returns 0 or -1.
 */
static int
render_one(const char *tpl, const struct sms_var *vars, size_t nvars,
    const char *docs, const char *count, struct buf *out, struct sms_cost *c)
{
	struct sms_var	 all[VARS_MAX + 2];
	struct buf	 raw = {0};
	size_t		 m;
	int		 rc = -1;

	m = nvars < VARS_MAX ? nvars : VARS_MAX;
	memcpy(all, vars, m * sizeof(vars[0]));
	all[m].name = "documents";
	all[m++].value = docs;
	if (count != NULL) {
		all[m].name = "count";
		all[m++].value = count;
	}
	if (sms_render(tpl != NULL ? tpl : "", all, m, &raw) == 0 &&
	    raw.data != NULL && sms_finish(raw.data, out, c) == 0)
		rc = 0;
	buf_free(&raw);
	return rc;
}

/*
 * Join into out the first k documents of d (with their short form from
 * sh when brief and one is set), separated by sep, then more (when not
 * NULL). Returns 0 or -1.
 */
static int
join_docs(const struct line *d, const struct line *sh, size_t nsh, size_t k,
    int brief, const char *sep, const char *more, struct buf *out)
{
	size_t	 i;
	int	 rc = 0;

	buf_reset(out);
	rc |= buf_append(out, "", 0);
	for (i = 0; i < k; i++) {
		if (i > 0)
			rc |= buf_puts(out, sep);
		if (brief && i < nsh && sh[i].len > 0)
			rc |= buf_append(out, sh[i].s, sh[i].len);
		else
			rc |= buf_append(out, d[i].s, d[i].len);
	}
	if (more != NULL) {
		if (k > 0)
			rc |= buf_puts(out, sep);
		rc |= buf_puts(out, more);
	}
	return rc != 0 ? -1 : 0;
}

/* See messages.h. */
void
appt_composed_free(struct appt_composed *c)
{
	if (c == NULL)
		return;
	buf_free(&c->text[0]);
	buf_free(&c->text[1]);
	memset(c, 0, sizeof(*c));
}

/*
 * Message i of c: tpl with {documents} = the list d (k of n, the rest
 * as more_tpl), trying as written then short. Returns 1 when it fits
 * in max parts, 0 when not (c->text[i] then holds the last try), -1
 * on error.
 */
static int
try_list(struct appt_composed *c, size_t i, const char *tpl,
    const struct sms_var *vars, size_t nvars, const struct line *d,
    size_t n, const struct line *sh, size_t nsh, const char *sep,
    size_t max, struct buf *docs)
{
	int	 brief;

	for (brief = 0; brief <= 1; brief++) {
		if (brief && nsh == 0)
			break;
		if (join_docs(d, sh, nsh, n, brief, sep, NULL, docs) != 0 ||
		    render_one(tpl, vars, nvars, docs->data, NULL,
		    &c->text[i], &c->cost[i]) != 0)
			return -1;
		if (c->cost[i].segments <= max) {
			if (brief)
				c->shortened |= APPT_SHORT_FORMS;
			return 1;
		}
	}
	return 0;
}

/* See messages.h. */
int
appt_message_compose(const struct appt_texts *t, const struct sms_var *vars,
    size_t nvars, enum appt_docs state, const char *docs, const char *shorts,
    size_t max, struct appt_composed *c)
{
	struct line	 d[DOCS_MAX], sh[DOCS_MAX];
	struct buf	 list = {0}, frag = {0};
	struct sms_cost	 fc;
	const char	*sep = t->sep != NULL ? t->sep : ", ";
	char		 count[24];
	size_t		 n = 0, nsh = 0, k, i;
	int		 rc = -1, fit;

	appt_composed_free(c);
	if (max == 0)
		max = 1;
	c->n = 1;
	if (state == APPT_DOCS_LISTED) {
		n = split_lines(docs != NULL ? docs : "", 0, d, DOCS_MAX);
		nsh = split_lines(shorts != NULL ? shorts : "", 1, sh,
		    DOCS_MAX);
		/* Short forms that change nothing need no second try. */
		for (i = 0; i < nsh && i < n; i++)
			if (sh[i].len > 0 && (sh[i].len != d[i].len ||
			    memcmp(sh[i].s, d[i].s, d[i].len) != 0))
				break;
		if (i == nsh || i == n)
			nsh = 0;
		if (n == 0)
			state = APPT_DOCS_NONE;
	}
	if (state != APPT_DOCS_LISTED || t->body == NULL ||
	    strstr(t->body, "{documents}") == NULL) {
		/* One fragment in place of the list (or no list). */
		if (render_one(state == APPT_DOCS_NONE ? t->none : t->link,
		    vars, nvars, "", NULL, &frag, &fc) != 0 ||
		    render_one(t->body, vars, nvars, frag.data, NULL,
		    &c->text[0], &c->cost[0]) != 0)
			goto out;
		goto cut;
	}
	if ((fit = try_list(c, 0, t->body, vars, nvars, d, n, sh, nsh, sep,
	    max, &list)) < 0)
		goto out;
	if (fit)
		goto cut;

	/* The documents go in a second message, sent with this one. */
	c->n = 2;
	if (render_one(t->next, vars, nvars, "", NULL, &frag, &fc) != 0 ||
	    render_one(t->body, vars, nvars, frag.data, NULL, &c->text[0],
	    &c->cost[0]) != 0)
		goto out;
	if ((fit = try_list(c, 1, t->list != NULL && *t->list != '\0' ?
	    t->list : "{documents}", vars, nvars, d, n, sh, nsh, sep, max,
	    &list)) < 0)
		goto out;
	/* Past the limit even alone: the first ones, then a pointer to
	 * the booking page for the rest (the last resort). */
	for (k = n; !fit && k-- > 0; ) {
		snprintf(count, sizeof(count), "%zu", n - k);
		if (render_one(t->more, vars, nvars, "", count, &frag,
		    &fc) != 0 ||
		    join_docs(d, sh, nsh, k, 1, sep, frag.data, &list) != 0 ||
		    render_one(t->list != NULL && *t->list != '\0' ? t->list :
		    "{documents}", vars, nvars, list.data, NULL, &c->text[1],
		    &c->cost[1]) != 0)
			goto out;
		if (c->cost[1].segments <= max) {
			c->shortened |= APPT_LEFT_OUT;
			fit = 1;
		}
	}
cut:
	for (i = 0; i < c->n; i++) {
		int	 cut = sms_truncate(&c->text[i], max, &c->cost[i]);

		if (cut < 0)
			goto out;
		if (cut)
			c->shortened |= APPT_CUT;
	}
	rc = 0;
out:
	buf_free(&list);
	buf_free(&frag);
	return rc;
}

/* Free the storage of a lang_texts. */
static void
lang_texts_free(struct lang_texts *l)
{
	buf_free(&l->body);
	buf_free(&l->none);
	buf_free(&l->next);
	buf_free(&l->list);
	buf_free(&l->link);
	buf_free(&l->more);
}

/*
 * Load the templates of lang into l: event's (unless body is not NULL:
 * then that text) and the documents' fragments. Returns DB_OK,
 * DB_ERROR when the event has no template (logged), or the database
 * error.
 */
static enum db_rc
lang_texts_load(struct db *db, const char *event, const char *body,
    const char *lang, struct lang_texts *l)
{
	static const char *const names[] = {"documents_none",
	    "documents_next", "documents_list", "documents_link",
	    "documents_more"};
	struct buf	*bufs[] = {&l->none, &l->next, &l->list, &l->link,
	    &l->more};
	size_t		 i;
	int		 n;

	memset(&l->t, 0, sizeof(l->t));
	if (body != NULL) {
		buf_reset(&l->body);
		if (buf_puts(&l->body, body) != 0)
			return DB_ERROR;
	} else if ((n = outbox_template(db, event, lang, &l->body)) <= 0) {
		if (n == 0)
			log_err("messages: no template for %s", event);
		return n == 0 || db_last_rc(db) == DB_OK ? DB_ERROR :
		    db_last_rc(db);
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (outbox_template(db, names[i], lang, bufs[i]) < 0)
			return db_last_rc(db) != DB_OK ? db_last_rc(db) :
			    DB_ERROR;
	l->t.body = l->body.data;
	l->t.none = l->none.data;
	l->t.next = l->next.data;
	l->t.list = l->list.data;
	l->t.link = l->link.data;
	l->t.more = l->more.data;
	/* Arabic-script languages list with the Arabic comma. */
	l->t.sep = strcmp(lang, "ar") == 0 || strcmp(lang, "fa") == 0 ||
	    strcmp(lang, "ur") == 0 ? "\xd8\x8c " : ", ";
	return DB_OK;
}

/*
 * Read appointment id into *a. Returns DB_OK, DB_ERROR when there is
 * no such appointment, or the database error.
 */
static enum db_rc
appt_load(struct db *db, int64_t id, struct appt_info *a)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int		 found = 0, rcb = 0;

	if ((st = booking_stmt(db, BSQL_MSG_APPOINTMENT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		col_copy(st, 0, a->reference, sizeof(a->reference));
		col_copy(st, 1, a->start_utc, sizeof(a->start_utc));
		col_copy(st, 2, a->phone, sizeof(a->phone));
		col_copy(st, 3, a->lang, sizeof(a->lang));
		col_copy(st, 4, a->site, sizeof(a->site));
		col_copy(st, 5, a->address, sizeof(a->address));
		col_copy(st, 6, a->zone, sizeof(a->zone));
		buf_reset(&a->docs);
		buf_reset(&a->shorts);
		rcb |= buf_puts(&a->docs, db_col_text(st, 7) != NULL ?
		    db_col_text(st, 7) : "");
		rcb |= buf_puts(&a->shorts, db_col_text(st, 8) != NULL ?
		    db_col_text(st, 8) : "");
		/*
		 * The booking's language lists nothing: "nothing to bring"
		 * only when English (the reference text every service has)
		 * lists nothing either; else the list is in another language
		 * only, and the message points to the booking page rather
		 * than quote it in a language the applicant did not choose.
		 */
		if (strspn(a->docs.data != NULL ? a->docs.data : "",
		    " \t\r\n") < a->docs.len)
			a->state = APPT_DOCS_LISTED;
		else if (db_col_int(st, 9) != 0)
			a->state = APPT_DOCS_ELSEWHERE;
		else
			a->state = APPT_DOCS_NONE;
		col_copy(st, 10, a->status, sizeof(a->status));
		found = 1;
	}
	if (rc != DB_OK)
		return rc;
	if (rcb != 0)
		return DB_ERROR;
	if (!found) {
		log_warn("messages: no appointment %lld", (long long)id);
		return DB_ERROR;
	}
	return DB_OK;
}

/* See messages.h. {count} belongs to the documents_more template. */
const char *const appt_message_placeholders[] = {
	"reference", "date", "time", "site", "address", "manage_url",
	"status", "documents", "count", NULL,
};

/* The booking page's address for messages. */
static const char *
manage_url(const struct conf *conf)
{
	return conf != NULL ? conf_get(conf, "Notify.ManageUrl",
	    MANAGE_URL_DEFAULT) : MANAGE_URL_DEFAULT;
}

/* See messages.h. */
enum db_rc
appt_message_render(struct db *db, const struct conf *conf, int64_t id,
    const char *event, struct appt_composed *out, char phone[17],
    char lang[8])
{
	struct appt_info a;
	struct lang_texts l;
	struct sms_var	 v[7];
	char		 date[32] = "", tm[16] = "", refshown[10];
	time_t		 t;
	enum db_rc	 rc;

	memset(&a, 0, sizeof(a));
	memset(&l, 0, sizeof(l));
	if ((rc = appt_load(db, id, &a)) != DB_OK)
		goto out;
	if (time_parse_utc(a.start_utc, &t) == 0) {
		time_format_zone(t, a.zone, "%d/%m/%Y", date, sizeof(date));
		time_format_zone(t, a.zone, "%H:%M", tm, sizeof(tm));
	}
	if ((rc = lang_texts_load(db, event, NULL, a.lang, &l)) != DB_OK)
		goto out;
	/* Shown as XXXX-XXXX, as on the pages: easier to read out and
	 * type back (every search folds the dash away). */
	booking_reference_display(a.reference, refshown);
	v[0].name = "reference";	v[0].value = refshown;
	v[1].name = "date";		v[1].value = date;
	v[2].name = "time";		v[2].value = tm;
	v[3].name = "site";		v[3].value = a.site;
	v[4].name = "address";		v[4].value = a.address;
	v[5].name = "manage_url";	v[5].value = manage_url(conf);
	v[6].name = "status";		v[6].value = a.status;
	if (appt_message_compose(&l.t, v, 7, a.state, a.docs.data,
	    a.shorts.data, SMS_MAX_SEGMENTS, out) != 0) {
		rc = DB_ERROR;
		goto out;
	}
	if (out->shortened & (APPT_LEFT_OUT | APPT_CUT))
		log_warn("messages: %s for appointment %lld shortened (%d)",
		    event, (long long)id, out->shortened);
	if (phone != NULL)
		snprintf(phone, 17, "%s", a.phone);
	if (lang != NULL)
		snprintf(lang, 8, "%s", a.lang);
	rc = DB_OK;
out:
	buf_free(&a.docs);
	buf_free(&a.shorts);
	lang_texts_free(&l);
	return rc;
}

/* Total parts of c, for comparing worst cases. */
static size_t
parts(const struct appt_composed *c)
{
	return c->cost[0].segments + (c->n > 1 ? c->cost[1].segments : 0);
}

/* See messages.h. */
enum db_rc
appt_message_worst(struct db *db, const struct conf *conf, const char *lang,
    const char *body, struct appt_composed *out, char *service,
    size_t servicesz)
{
	struct lang_texts l;
	struct appt_composed c;
	struct db_stmt	*st;
	struct buf	 site = {0}, address = {0};
	struct sms_var	 v[7];
	enum db_rc	 rc;
	int		 any = 0;

	memset(&l, 0, sizeof(l));
	memset(&c, 0, sizeof(c));
	if (service != NULL && servicesz > 0)
		service[0] = '\0';
	if ((rc = lang_texts_load(db, NULL, body, lang, &l)) != DB_OK)
		goto out;
	if ((st = booking_stmt(db, BSQL_MSG_LONGEST_SITE)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		buf_reset(&site);
		buf_reset(&address);
		if (buf_puts(&site, db_col_text(st, 0)) != 0 ||
		    buf_puts(&address, db_col_text(st, 1)) != 0) {
			db_reset(st);
			rc = DB_ERROR;
			goto out;
		}
	}
	if (rc != DB_OK)
		goto out;
	v[0].name = "reference";	v[0].value = "AB12-CD34";
	v[1].name = "date";		v[1].value = "15/01/2030";
	v[2].name = "time";		v[2].value = "09:00";
	v[3].name = "site";		v[3].value = site.data != NULL ?
	    site.data : "Centre";
	v[4].name = "address";		v[4].value = address.data;
	v[5].name = "manage_url";	v[5].value = manage_url(conf);
	v[6].name = "status";		v[6].value = "booked";
	if ((st = booking_stmt(db, BSQL_MSG_SERVICE_DOCS)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_text(st, 0, lang);
	while ((rc = db_step(st)) == DB_ROW) {
		if (appt_message_compose(&l.t, v, 7, APPT_DOCS_LISTED,
		    db_col_text(st, 1), db_col_text(st, 2), SMS_MAX_SEGMENTS,
		    &c) != 0) {
			db_reset(st);
			rc = DB_ERROR;
			goto out;
		}
		if (!any || parts(&c) > parts(out) || (parts(&c) ==
		    parts(out) && c.text[0].len + c.text[1].len >
		    out->text[0].len + out->text[1].len)) {
			appt_composed_free(out);
			*out = c;
			memset(&c, 0, sizeof(c));
			if (service != NULL)
				snprintf(service, servicesz, "%s",
				    db_col_text(st, 0));
			any = 1;
		}
	}
	if (rc != DB_OK)
		goto out;
	/* No service lists documents in lang: as a service asking for
	 * nothing. */
	if (!any && appt_message_compose(&l.t, v, 7, APPT_DOCS_NONE, "", "",
	    SMS_MAX_SEGMENTS, out) != 0)
		rc = DB_ERROR;
out:
	appt_composed_free(&c);
	buf_free(&site);
	buf_free(&address);
	lang_texts_free(&l);
	return rc;
}

/*
 * Render event for appointment id and queue it with dedup key (NULL:
 * none; a second message gets the key with "#2"). Both messages are
 * queued in the caller's transaction, in order: havre-notify sends them
 * one after the other. Returns what outbox_enqueue returns, or the
 * render error.
 */
static enum db_rc
enqueue(struct db *db, const struct conf *conf, int64_t id,
    const char *event, const char *dedup)
{
	struct outbox_msg m;
	struct appt_composed c;
	char		 phone[17], lang[8], key2[104];
	int64_t		 mid = 0;
	enum db_rc	 rc;
	size_t		 i;

	memset(&c, 0, sizeof(c));
	if ((rc = appt_message_render(db, conf, id, event, &c, phone,
	    lang)) != DB_OK)
		goto out;
	for (i = 0; i < c.n; i++) {
		memset(&m, 0, sizeof(m));
		m.channel = "sms";
		m.to = phone;
		m.lang = lang;
		m.event = event;
		m.entity = "appointment";
		m.entity_id = id;
		m.body = c.text[i].data;
		m.dedup_key = dedup;
		if (i > 0 && dedup != NULL) {
			snprintf(key2, sizeof(key2), "%s#2", dedup);
			m.dedup_key = key2;
		}
		if ((rc = outbox_enqueue(db, &m, &mid)) != DB_OK)
			goto out;
		log_info("outbox: queued %s message %lld (%zu of %zu) for "
		    "appointment %lld", event, (long long)mid, i + 1, c.n,
		    (long long)id);
	}
out:
	appt_composed_free(&c);
	return rc;
}

/* See messages.h. */
enum db_rc
appt_message_enqueue(struct db *db, const struct conf *conf, int64_t id,
    const char *event)
{
	return enqueue(db, conf, id, event, NULL);
}

/* See messages.h. */
enum db_rc
appt_reminder_enqueue(struct db *db, const struct conf *conf, int64_t id)
{
	struct appt_info a;
	char		 key[96];
	enum db_rc	 rc;

	memset(&a, 0, sizeof(a));
	rc = appt_load(db, id, &a);
	buf_free(&a.docs);
	buf_free(&a.shorts);
	if (rc != DB_OK)
		return rc;
	/* A moved appointment gets a reminder for its new time. */
	snprintf(key, sizeof(key), "reminder:%lld:%s", (long long)id,
	    a.start_utc);
	return enqueue(db, conf, id, "reminder", key);
}

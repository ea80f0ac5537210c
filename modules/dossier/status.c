/*
 * status.c: the applicant's status page on the public vhost (/status,
 * issue 15 item 7). Three steps, no script:
 *
 *  1. GET /status: the dossier's reference (as printed, XXXX-XXXX, any
 *     case, with or without the dash) and the date of birth.
 *  2. POST /status: when the reference names a dossier whose principal
 *     applicant was born on that date and has a phone on file, a
 *     six-digit code is made, only its keyed MAC kept (status_code,
 *     migration 0015), earlier codes of the dossier closed, and the SMS
 *     queued in the outbox in the same transaction (havre-notify sends
 *     it through Kannel). Whatever the details, the answer is the same
 *     page asking for the code: it never says whether they matched.
 *  3. POST /status/code: reference, date of birth and code again. All
 *     right: the code is closed (single use), a proof cookie st_<REF>
 *     (a MAC of the reference, the dossier and an expiry, valid
 *     Status.ViewMinutes) is set and the browser goes to GET
 *     /status/{ref}. Anything wrong (unknown reference, wrong birth
 *     date, wrong, forged, expired, used or replaced code): one message
 *     that does not say which, and nothing changes but the throttle
 *     counters and the live code's attempts (Status.CodeAttempts wrong
 *     ones close it).
 *
 * Throttles (rate_hit, ratelimit.h), each per hour: codes asked per
 * client address (Status.SendsPerAddress, 10) and per reference
 * (Status.SendsPerReference, 3: no SMS bombing); failed code entries
 * per address (Status.FailuresPerAddress, 20) and per reference
 * (Status.FailuresPerReference, 10). Over any of them: 429 with the
 * time to come back, and nothing is checked.
 *
 * The page shows the current step in plain words (Status.Step.<code> of
 * the language files, else Status.Step.Other, or Status.Step.Final for
 * a final status), the principal applicant's next open appointment
 * (person_appointment), and the documents still missing: the officer's
 * list (dossier.missing_documents, one per line, edited on the dossier
 * page) and, when the current status pauses the clocks for the
 * applicant's documents, a sentence saying so. It never reads the
 * officers' notes, decisions, events or the officer's name.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "audit.h"
#include "booking.h"
#include "conf.h"
#include "crypto.h"
#include "dossier.h"
#include "htime.h"
#include "log.h"
#include "outbox.h"
#include "ratelimit.h"
#include "sms.h"
#include "tpl.h"

/* Digits of a code. */
#define CODE_DIGITS	6
/* Lines of the officer's list shown at most. */
#define MISSING_MAX	30

/* GET /status: a reference to fill in (from a link or a failed view). */
const struct field_spec status_query_fields[] = {
	{"ref", FIELD_STRING, 0, 0, 16, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /status: ask for a code. */
const struct field_spec status_ask_fields[] = {
	{"ref", FIELD_STRING, 1, 1, 16, NULL},
	{"birth_date", FIELD_DATE, 1, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /status/code: the code with the details it was asked for. The
 * code is checked by the handler (digits or not), so that a malformed
 * one gets the same message as a wrong one. */
const struct field_spec status_code_fields[] = {
	{"ref", FIELD_STRING, 1, 1, 16, NULL},
	{"birth_date", FIELD_DATE, 1, 0, 0, NULL},
	{"code", FIELD_STRING, 1, 1, 16, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* A dossier as the status page reads it. */
struct status_case {
	int64_t	 id;
	int64_t	 version_id;
	int64_t	 person_id;
	char	 status[WF_CODE_MAX + 1];
	char	 phone[33];
	int	 birth_year, birth_month, birth_day;
	char	 precision[8];
	char	 missing[2001];
};

/* A server key of the status page: "status-code" (codes' MACs) or
 * "status-view" (proof cookies). Returns 0, or -1 (logged). */
static int
status_key(const struct req *r, int view, unsigned char key[32])
{
	static unsigned char	keys[2][32];
	static int		have[2];

	if (!have[view]) {
		if (key_file_get(r->conf, view ? "status-view" : "status-code",
		    keys[view], sizeof(keys[view])) != 0)
			return -1;
		have[view] = 1;
	}
	memcpy(key, keys[view], 32);
	return 0;
}

/*
 * Load the dossier with reference ref (normalised). Returns 1 with c
 * filled, 0 when there is none (or it has no principal applicant), or
 * the negative HTTP status of a database failure.
 */
static int
case_load(struct req *r, const char *ref, struct status_case *c)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(c, 0, sizeof(*c));
	if ((st = db_stmt(r->db, DSQL_STATUS_FIND)) == NULL)
		return -db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, ref);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 0 : -db_http_status(rc);
	c->id = db_col_int(st, 0);
	c->version_id = db_col_int(st, 1);
	snprintf(c->status, sizeof(c->status), "%s", db_col_text(st, 2));
	snprintf(c->missing, sizeof(c->missing), "%s", db_col_text(st, 3));
	c->birth_year = (int)db_col_int(st, 4);
	c->birth_month = (int)db_col_int(st, 5);
	c->birth_day = (int)db_col_int(st, 6);
	snprintf(c->precision, sizeof(c->precision), "%s", db_col_text(st, 7));
	snprintf(c->phone, sizeof(c->phone), "%s", db_col_text(st, 8));
	c->person_id = db_col_int(st, 9);
	db_reset(st);
	return 1;
}

/*
 * 1 if the typed birth date d matches the applicant's on the parts the
 * register knows (a date known to the month only matches any day of
 * that month); a birth date the register does not know matches nothing.
 */
static int
birth_matches(const struct status_case *c, const struct pdate *d)
{
	if (strcmp(c->precision, "unknown") == 0 || c->birth_year == 0)
		return 0;
	if (d->year != c->birth_year)
		return 0;
	if (strcmp(c->precision, "year") == 0)
		return 1;
	if (d->month != c->birth_month)
		return 0;
	if (strcmp(c->precision, "month") == 0)
		return 1;
	return d->day == c->birth_day;
}

/* The MAC of a code for a dossier (out: 65 bytes). Returns 0 or -1. */
static int
code_mac(const struct req *r, int64_t dossier, const char *code,
    char out[65])
{
	unsigned char	key[32];
	char		msg[48];

	if (status_key(r, 0, key) != 0)
		return -1;
	snprintf(msg, sizeof(msg), "%lld:%s", (long long)dossier, code);
	mac_hex(key, msg, out);
	sodium_memzero(key, sizeof(key));
	return 0;
}

/* What a view proof is about: dossier id under ref. */
static void
view_what(const char *ref, int64_t id, char out[64])
{
	snprintf(out, 64, "view:%s:%lld", ref, (long long)id);
}

/* Set Status.LangHref: path then "?lang=" (path is ours: /status or
 * /status/<normalised reference>). */
static void
lang_href(struct req *r, const char *path)
{
	char	href[48];

	snprintf(href, sizeof(href), "%s?lang=", path);
	page_set(r, "Status.LangHref", href);
}

/*
 * GET /status (public; query ref): the first step, the reference and
 * the date of birth. Also the fill of a rejected POST /status. Template
 * dossier/status_form.cs.
 */
int
page_status_form(struct req *r)
{
	char	ref[BOOKING_REF_LEN + 1], shown[10];

	page_set(r, "Page.Title", tpl_text(r->hdf, "Status.Title"));
	lang_href(r, "/status");
	/* A reference from a link is shown as people read it. */
	if (r->method == M_GET && booking_reference_normalise(form_str(r,
	    "ref"), ref) == 0) {
		booking_reference_display(ref, shown);
		page_set(r, "Form.ref.Value", shown);
	}
	r->tpl = "dossier/status_form.cs";
	return r->form.nerrors ? 422 : 200;
}

/* The 429 of a throttle: the form of step (tpl) with the time to come
 * back in the agency's zone. */
static int
throttled(struct req *r, const char *tpl, long wait)
{
	char	when[32];

	time_format_zone(time(NULL) + wait, r->conf->timezone, "%H:%M", when,
	    sizeof(when));
	page_set(r, "Status.Error", "Status.Throttled");
	page_set(r, "Status.RetryAt", when);
	page_set(r, "Page.Title", tpl_text(r->hdf, "Status.Title"));
	lang_href(r, "/status");
	r->tpl = tpl;
	log_info("status: throttled for %ld s", wait);
	return 429;
}

/*
 * Check the throttles of bucket (address, then the reference when it
 * is one) without recording. Returns 0 (allowed), > 0 the seconds to
 * wait, or the negative HTTP status of a database failure.
 */
static long
throttle_check(struct req *r, const char *addr_bucket, long addr_max,
    const char *ref_bucket, const char *ref, long ref_max)
{
	enum db_rc	rc;
	long		wait = 0, wait2 = 0;

	if ((rc = ratelimit_check(r->db, addr_bucket, r->remote_addr, 3600,
	    addr_max, &wait)) != DB_OK)
		return -db_http_status(rc);
	if (ref != NULL && (rc = ratelimit_check(r->db, ref_bucket, ref, 3600,
	    ref_max, &wait2)) != DB_OK)
		return -db_http_status(rc);
	return wait > wait2 ? wait : wait2;
}

/* Record one hit in the address bucket and, for a reference, in the
 * reference bucket. Returns 0 or the HTTP status of the failure. */
static int
throttle_record(struct req *r, const char *addr_bucket,
    const char *ref_bucket, const char *ref)
{
	enum db_rc	rc;

	if ((rc = ratelimit_record(r->db, addr_bucket, r->remote_addr)) !=
	    DB_OK || (ref != NULL && (rc = ratelimit_record(r->db, ref_bucket,
	    ref)) != DB_OK))
		return db_http_status(rc);
	return 0;
}

/* What the code's transaction needs. */
struct send_ctx {
	struct req		*r;
	const struct status_case *c;
	const char		*mac;
	const char		*body;
	long			 minutes;
};

/* Close the dossier's live codes, store the new one's MAC, queue the
 * SMS and audit it (not the code). */
static enum db_rc
send_txn(struct db *db, void *arg)
{
	struct send_ctx	*s = arg;
	struct db_stmt	*st;
	struct outbox_msg m;
	enum db_rc	 rc;
	char		 idtext[24];

	if ((st = db_stmt(db, DSQL_STATUS_CODES_CLOSE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, s->c->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, DSQL_STATUS_CODE_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, s->c->id);
	db_bind_text(st, 1, s->mac);
	db_bind_int(st, 2, s->minutes);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	memset(&m, 0, sizeof(m));
	m.channel = "sms";
	m.to = s->c->phone;
	m.lang = s->r->lang;
	m.event = "status_code";
	m.entity = "dossier";
	m.entity_id = s->c->id;
	m.body = s->body;
	if ((rc = outbox_enqueue(db, &m, NULL)) != DB_OK)
		return rc;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)s->c->id);
	return audit_req(s->r, "dossier", idtext, "status_code_sent", NULL, 0);
}

/*
 * Make a code for dossier c, store its MAC and queue its SMS in the
 * page's language. Returns 0 or the HTTP status of a failure.
 */
static int
code_send(struct req *r, const struct status_case *c)
{
	struct send_ctx	 s;
	struct sms_var	 v[2];
	struct buf	 raw = {0}, text = {0};
	enum db_rc	 rc;
	char		 code[CODE_DIGITS + 1], mac[65], minutes[16];
	int		 status = 0;

	snprintf(code, sizeof(code), "%0*u", CODE_DIGITS,
	    (unsigned)randombytes_uniform(1000000));
	memset(&s, 0, sizeof(s));
	s.r = r;
	s.c = c;
	s.minutes = conf_get_int(r->conf, "Status.CodeMinutes", 10);
	if (s.minutes < 1 || s.minutes > 60)
		s.minutes = 10;
	snprintf(minutes, sizeof(minutes), "%ld", s.minutes);
	v[0] = (struct sms_var){"code", code};
	v[1] = (struct sms_var){"minutes", minutes};
	if (code_mac(r, c->id, code, mac) != 0 ||
	    sms_render(tpl_text(r->hdf, "Status.Sms"), v, 2, &raw) != 0 ||
	    raw.data == NULL || sms_finish(raw.data, &text, NULL) != 0) {
		status = 500;
		goto out;
	}
	s.mac = mac;
	s.body = text.data;
	if ((rc = db_txn(r->db, send_txn, &s)) != DB_OK) {
		log_err("status: dossier %lld: code not queued: %s",
		    (long long)c->id, db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	log_info("status: code queued for dossier %lld", (long long)c->id);
out:
	sodium_memzero(code, sizeof(code));
	if (raw.data != NULL)
		sodium_memzero(raw.data, raw.len);
	if (text.data != NULL)
		sodium_memzero(text.data, text.len);
	buf_free(&raw);
	buf_free(&text);
	return status;
}

/* The code step's page data: the details carried in hidden fields. */
static void
code_form(struct req *r, const char *ref)
{
	char	shown[10];

	page_set(r, "Page.Title", tpl_text(r->hdf, "Status.Code.Title"));
	booking_reference_display(ref, shown);
	page_set(r, "Status.Ref", shown);
	page_set(r, "Status.BirthDate", form_get(r, "birth_date")->norm);
	lang_href(r, "/status");
	r->tpl = "dossier/status_code.cs";
}

/*
 * POST /status (public, CSRF; status_ask_fields): ask for a code. Over
 * a throttle: 429. Otherwise the hit is counted against the address and
 * the reference; when the details match a dossier with a phone on file
 * a code is sent (send_txn); the answer is the code form in every case.
 * Template dossier/status_code.cs.
 */
int
page_status_ask(struct req *r)
{
	struct status_case	 c;
	char			 ref[BOOKING_REF_LEN + 1];
	const char		*refkey = NULL;
	long			 wait;
	int			 rc;

	if (booking_reference_normalise(form_str(r, "ref"), ref) == 0)
		refkey = ref;
	wait = throttle_check(r, "status_send",
	    conf_get_int(r->conf, "Status.SendsPerAddress", 10),
	    "status_send_ref", refkey,
	    conf_get_int(r->conf, "Status.SendsPerReference", 3));
	if (wait < 0)
		return (int)-wait;
	if (wait > 0)
		return throttled(r, "dossier/status_form.cs", wait);
	if ((rc = throttle_record(r, "status_send", "status_send_ref",
	    refkey)) != 0)
		return rc;
	if (refkey == NULL) {
		/* Not even the shape of a reference: say so, it gives
		 * nothing away. */
		form_set_error(r, "ref", "Status.BadReference");
		return page_status_form(r);
	}
	if ((rc = case_load(r, ref, &c)) < 0)
		return -rc;
	if (rc == 1 && birth_matches(&c, &form_get(r, "birth_date")->date) &&
	    c.phone[0] == '+' && (rc = code_send(r, &c)) != 0)
		return rc;
	code_form(r, ref);
	return 200;
}

/*
 * The fill of a rejected POST /status/code (a field missing or
 * malformed): the code form again, or the first step when the
 * reference is not one. Returns 422.
 */
int
page_status_code_fill(struct req *r)
{
	char	ref[BOOKING_REF_LEN + 1];

	if (booking_reference_normalise(form_str(r, "ref"), ref) == 0)
		code_form(r, ref);
	else
		page_status_form(r);
	return 422;
}

/* What the code check's transaction needs. */
struct check_ctx {
	const struct req	*r;
	int64_t			 dossier;
	const char		*code;
	long			 attempts;	/* most wrong ones per code */
	int			 ok;		/* out */
};

/* Compare the code with the dossier's live one: right, close it; wrong,
 * count the attempt (the last allowed closes it). */
static enum db_rc
check_txn(struct db *db, void *arg)
{
	struct check_ctx *k = arg;
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 id;
	char		 stored[65], mac[65];
	int		 same;

	k->ok = 0;
	if ((st = db_stmt(db, DSQL_STATUS_CODE_LIVE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, k->dossier);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;	/* none live: DB_OK, not ok */
	id = db_col_int(st, 0);
	snprintf(stored, sizeof(stored), "%s", db_col_text(st, 1));
	db_reset(st);
	if (code_mac(k->r, k->dossier, k->code, mac) != 0)
		return DB_ERROR;
	same = strlen(stored) == 64 && sodium_memcmp(stored, mac, 64) == 0;
	if (same) {
		if ((st = db_stmt(db, DSQL_STATUS_CODE_USED)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, id);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
		k->ok = 1;
		return DB_OK;
	}
	if ((st = db_stmt(db, DSQL_STATUS_CODE_MISSED)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, k->attempts);
	db_bind_int(st, 1, k->attempts);
	db_bind_int(st, 2, id);
	return db_exec(st);
}

/* 1 if s is exactly CODE_DIGITS ASCII digits. */
static int
code_shape(const char *s)
{
	return strlen(s) == CODE_DIGITS && strspn(s, "0123456789") ==
	    CODE_DIGITS;
}

/*
 * POST /status/code (public, CSRF; status_code_fields): check the code.
 * Over a throttle: 429. Right reference, birth date and live code: the
 * code is closed, the proof cookie set, a redirect to /status/{ref}.
 * Anything else: 422, the code form again with Status.Refused (the
 * same words whatever was wrong), one failure counted against the
 * address and the reference. Template dossier/status_code.cs.
 */
int
page_status_check(struct req *r)
{
	struct status_case	 c;
	struct check_ctx	 k;
	enum db_rc		 rc;
	unsigned char		 key[32];
	char			 ref[BOOKING_REF_LEN + 1], proof[PROOF_MAX];
	char			 name[16], loc[32], what[64];
	const char		*refkey = NULL, *code = form_str(r, "code");
	long			 wait, minutes;
	int			 found;

	if (booking_reference_normalise(form_str(r, "ref"), ref) == 0)
		refkey = ref;
	wait = throttle_check(r, "status_fail",
	    conf_get_int(r->conf, "Status.FailuresPerAddress", 20),
	    "status_fail_ref", refkey,
	    conf_get_int(r->conf, "Status.FailuresPerReference", 10));
	if (wait < 0)
		return (int)-wait;
	if (wait > 0) {
		if (refkey != NULL)
			code_form(r, ref);
		return throttled(r, refkey != NULL ? "dossier/status_code.cs" :
		    "dossier/status_form.cs", wait);
	}
	memset(&k, 0, sizeof(k));
	if (refkey != NULL && code_shape(code)) {
		if ((found = case_load(r, ref, &c)) < 0)
			return -found;
		if (found && birth_matches(&c, &form_get(r, "birth_date")->date)) {
			k.r = r;
			k.dossier = c.id;
			k.code = code;
			k.attempts = conf_get_int(r->conf, "Status.CodeAttempts",
			    5);
			if (k.attempts < 1)
				k.attempts = 5;
			if ((rc = db_txn(r->db, check_txn, &k)) != DB_OK)
				return db_http_status(rc);
		}
	}
	if (!k.ok) {
		int	status;

		if ((status = throttle_record(r, "status_fail",
		    "status_fail_ref", refkey)) != 0)
			return status;
		page_set(r, "Status.Error", "Status.Refused");
		if (refkey != NULL) {
			code_form(r, ref);
		} else {
			page_status_form(r);
		}
		return 422;
	}
	minutes = conf_get_int(r->conf, "Status.ViewMinutes", 30);
	if (minutes < 1 || minutes > 24 * 60)
		minutes = 30;
	if (status_key(r, 1, key) != 0)
		return 500;
	view_what(ref, c.id, what);
	proof_make(key, what, (long long)time(NULL) + minutes * 60, proof);
	sodium_memzero(key, sizeof(key));
	snprintf(name, sizeof(name), "st_%s", ref);
	resp_cookie(r, name, proof, minutes * 60);
	snprintf(loc, sizeof(loc), "/status/%s", ref);
	return resp_redirect(r, loc);
}

/*
 * 1 if the request holds a valid, unexpired proof cookie for dossier
 * id under ref, else 0.
 */
static int
proof_ok(const struct req *r, const char *ref, int64_t id)
{
	unsigned char	 key[32];
	char		 name[16], what[64];
	int		 ok;

	if (status_key(r, 1, key) != 0)
		return 0;
	snprintf(name, sizeof(name), "st_%s", ref);
	view_what(ref, id, what);
	ok = proof_check(key, what, req_cookie(r, name));
	sodium_memzero(key, sizeof(key));
	return ok;
}

/* Fill Status.Appt.{Date, Time, Site, Address}: the principal
 * applicant's next open appointment, if any. Returns 0 or a status. */
static int
appointment_fill(struct req *r, const struct status_case *c)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	time_t		 t;
	char		 buf[32];

	if ((st = db_stmt(r->db, DSQL_STATUS_NEXT_APPT)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, c->person_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 0 : db_http_status(rc);
	if (time_parse_utc(db_col_text(st, 0), &t) == 0) {
		time_format_zone(t, db_col_text(st, 3), "%Y-%m-%d", buf,
		    sizeof(buf));
		page_set(r, "Status.Appt.Date", buf);
		time_format_zone(t, db_col_text(st, 3), "%H:%M", buf,
		    sizeof(buf));
		page_set(r, "Status.Appt.Time", buf);
		page_set(r, "Status.Appt.Site", db_col_text(st, 1));
		page_set(r, "Status.Appt.Address", db_col_text(st, 2));
	}
	db_reset(st);
	return 0;
}

/* Fill Status.Missing.N.Line from the officer's list and
 * Status.Waiting when the status pauses for the applicant. */
static void
missing_fill(struct req *r, const struct status_case *c,
    const struct wf_def *def)
{
	const char	*s, *nl;
	char		 node[40], line[512];
	int		 i, n = 0;

	if (def != NULL && (i = wf_status_find(def, c->status)) >= 0 &&
	    def->statuses[i].pauses)
		page_set(r, "Status.Waiting", "1");
	for (s = c->missing; *s != '\0' && n < MISSING_MAX;
	    s = nl ? nl + 1 : s + strlen(s)) {
		size_t	len;

		nl = strchr(s, '\n');
		len = nl ? (size_t)(nl - s) : strlen(s);
		while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == ' '))
			len--;
		while (len > 0 && *s == ' ') {
			s++;
			len--;
		}
		if (len == 0)
			continue;
		snprintf(line, sizeof(line), "%.*s", (int)len, s);
		snprintf(node, sizeof(node), "Status.Missing.%d.Line", n++);
		page_set(r, node, line);
	}
}

/*
 * GET /status/{ref} (public; the proof cookie st_<REF>): the dossier's
 * current step in plain words, the next appointment and the documents
 * still missing; each view in the access log. Without a valid proof:
 * back to /status with a message. Template dossier/status_view.cs.
 */
int
page_status_view(struct req *r)
{
	struct status_case	 c;
	const struct wf_def	*def;
	enum db_rc		 rc;
	const char		*p = req_param(r, "ref");
	char			 ref[BOOKING_REF_LEN + 1], shown[10], key[64];
	char			 idtext[24], loc[40];
	int			 found, i, status;

	if (p == NULL || booking_reference_normalise(p, ref) != 0 ||
	    strcmp(p, ref) != 0)
		goto again;
	if ((found = case_load(r, ref, &c)) < 0)
		return -found;
	if (found == 0 || !proof_ok(r, ref, c.id))
		goto again;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c.id);
	if ((rc = access_write(r, "dossier", idtext, "status:applicant")) !=
	    DB_OK)
		return db_http_status(rc);
	def = wf_version_def(r->db, c.version_id, &rc);
	if (def == NULL && rc != DB_OK)
		return db_http_status(rc);
	page_set(r, "Page.Title", tpl_text(r->hdf, "Status.View.Title"));
	booking_reference_display(ref, shown);
	page_set(r, "Status.Ref", shown);
	snprintf(loc, sizeof(loc), "/status/%s", ref);
	lang_href(r, loc);
	/* The step in plain words: the status's own sentence, else the
	 * generic one (final or not). */
	snprintf(key, sizeof(key), "Status.Step.%s", c.status);
	if (!tpl_has_text(r->hdf, key))
		snprintf(key, sizeof(key), "Status.Step.%s", def != NULL &&
		    (i = wf_status_find(def, c.status)) >= 0 &&
		    def->statuses[i].final ? "Final" : "Other");
	page_set(r, "Status.Step", tpl_text(r->hdf, key));
	if ((status = appointment_fill(r, &c)) != 0)
		return status;
	missing_fill(r, &c, def);
	r->tpl = "dossier/status_view.cs";
	return 200;
again:
	flash_set(r, "info", "Status.Again");
	snprintf(loc, sizeof(loc), "/status?ref=%.8s",
	    p != NULL && booking_reference_normalise(p, ref) == 0 ? ref : "");
	return resp_redirect(r, loc);
}

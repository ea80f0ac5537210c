/*
 * api.c: the partner API (JSON; permission partner.api, normally an API
 * key of a partner-agency role; channel "partner", its own contingent):
 *   GET    /appointments/api/v1/availability   free partner slots
 *   POST   /appointments/api/v1/bookings       book (Idempotency-Key)
 *   GET    /appointments/api/v1/bookings/{ref} one booking
 *   DELETE /appointments/api/v1/bookings/{ref} cancel it
 * Documented with curl examples in docs/api-appointments.md. Errors are
 * JSON: {"error":code} plus "errors" (422) or "alternatives" (409).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "app.h"
#include "appointments.h"
#include "person.h"
#include "audit.h"
#include "auth.h"
#include "buf.h"
#include "db.h"
#include "htime.h"
#include "jsonresp.h"
#include "log.h"
#include "pages.h"
#include "session.h"
#include "sql.h"
#include "tpl.h"
#include "valid.h"

/* The availability window: default 14 days, at most 62. */
#define AVAIL_DEFAULT_DAYS	14
#define AVAIL_MAX_DAYS		62
#define AVAIL_MAX_ROWS		5000
#define AVAIL_MAX_SITES		50

/* Languages an applicant may ask for. */
static const char *const api_langs[] = {"en", "fr", "ar", "es", "ht", NULL};

/* Filters of the availability query (codes and local dates). */
const struct field_spec api_avail_fields[] = {
	{"site", FIELD_STRING, 0, 1, 32, NULL},
	{"service", FIELD_STRING, 0, 1, 32, NULL},
	{"level", FIELD_STRING, 0, 1, 32, NULL},
	{"from", FIELD_DATE, 0, 0, 0, NULL},
	{"to", FIELD_DATE, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* "YYYY-MM-DDTHH:MM:SS" local and an offset in minutes as ISO 8601 with
 * the offset ("+01:00"). out holds 26 bytes. */
static void
iso_local(const char *local, long long offmin, char out[26])
{
	long long	a = offmin < 0 ? -offmin : offmin;
	long long	h = (a / 60) % 100, m = a % 60;
	size_t		n = local != NULL ? strnlen(local, 19) : 0;

	/* By hand: this runs for every slot of an availability answer. */
	if (n > 0)
		memcpy(out, local, n);
	out[n] = offmin < 0 ? '-' : '+';
	out[n + 1] = (char)('0' + h / 10);
	out[n + 2] = (char)('0' + h % 10);
	out[n + 3] = ':';
	out[n + 4] = (char)('0' + m / 10);
	out[n + 5] = (char)('0' + m % 10);
	out[n + 6] = '\0';
}

/* Append v in decimal (without printf: once per slot answered). */
static void
decimal(struct buf *b, int64_t v)
{
	char		 d[24];
	size_t		 n = sizeof(d);
	uint64_t	 u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do {
		d[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0 && n > 1);
	if (v < 0)
		d[--n] = '-';
	buf_append(b, d + n, sizeof(d) - n);
}

/* Append s as the body of a JSON string: as is when it holds only
 * characters JSON never escapes (codes, dates), else escaped. */
static void
json_body(struct buf *b, const char *s)
{
	static unsigned char	 plain[256];
	static const char	 chars[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:+ ";
	size_t			 len;

	if (s == NULL)
		return;
	/* A table made once, not strspn: with this many accepted
	 * characters glibc builds one at each call (four per slot). */
	if (!plain['a'])
		for (len = 0; chars[len] != '\0'; len++)
			plain[(unsigned char)chars[len]] = 1;
	for (len = 0; plain[(unsigned char)s[len]]; len++)
		continue;
	if (s[len] == '\0')
		buf_append(b, s, len);
	else
		buf_puts_json(b, s);
}

/*
 * Look up a code in one of the *_BY_CODE statements; fills *id (and
 * the statement stays readable for more columns through the callback
 * values below). Returns 1 found, 0 unknown, -1 database error.
 */
struct site_row {
	int64_t	 id;
	char	 zone[65];
	char	 cc[5];
};

/* Site by code. Returns 1, 0 (unknown or inactive) or -1 (*rc set). */
static int
site_by_code(struct req *r, const char *code, struct site_row *s,
    enum db_rc *rcp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(s, 0, sizeof(*s));
	if ((st = db_stmt(r->db, ASQL_API_SITE_BY_CODE)) == NULL) {
		*rcp = db_last_rc(r->db);
		return -1;
	}
	db_bind_ascii(st, 0, code);
	if ((rc = db_step(st)) == DB_OK)
		return 0;
	if (rc != DB_ROW) {
		*rcp = rc;
		return -1;
	}
	s->id = db_col_int(st, 0);
	snprintf(s->zone, sizeof(s->zone), "%s", db_col_text(st, 1));
	snprintf(s->cc, sizeof(s->cc), "%s", db_col_text(st, 2));
	db_reset(st);
	return 1;
}

/* id (and the first extra integer column into *extra, if not NULL) of a
 * code through statement sql. Returns 1, 0 or -1 (*rc set). */
static int
id_by_code(struct req *r, size_t sql, const char *code, int64_t *id,
    int64_t *extra, enum db_rc *rcp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	*id = 0;
	if ((st = db_stmt(r->db, sql)) == NULL) {
		*rcp = db_last_rc(r->db);
		return -1;
	}
	db_bind_ascii(st, 0, code);
	if ((rc = db_step(st)) == DB_OK)
		return 0;
	if (rc != DB_ROW) {
		*rcp = rc;
		return -1;
	}
	*id = db_col_int(st, 0);
	if (extra != NULL)
		*extra = db_col_int(st, 1);
	db_reset(st);
	return 1;
}

/* One availability row as JSON ({"site",...,"remaining"}) into out;
 * first says whether it is the first of the list. */
static void
avail_row(struct buf *out, int first, const char *site, const char *service,
    const char *level, const char *local, long long offmin, int64_t left)
{
	char	start[26];

	iso_local(local, offmin, start);
	buf_puts(out, first ? "{\"site\":\"" : ",{\"site\":\"");
	json_body(out, site);
	buf_puts(out, "\",\"service\":\"");
	json_body(out, service);
	buf_puts(out, "\",\"level\":\"");
	json_body(out, level);
	buf_puts(out, "\",\"start\":\"");
	json_body(out, start);
	buf_puts(out, "\",\"remaining\":");
	decimal(out, left);
	buf_puts(out, "}");
}

/* What avail_slot() writes into, and the rows written; key_dead: the
 * API key from the worker's memory was found not live (nothing
 * written). */
struct avail_fill {
	struct buf	*out;
	size_t		 nrows;
	int		 key_dead;
};

/* A booking library slot (booking_slot_fn): written when it is free
 * (seats left, to come, its day open); stops after AVAIL_MAX_ROWS. */
static int
avail_slot(const struct booking_slot *s, void *arg)
{
	struct avail_fill	*f = arg;

	if (s->remaining <= 0 || !s->future || s->closed)
		return 0;
	if (f->nrows >= AVAIL_MAX_ROWS)
		return 1;
	avail_row(f->out, f->nrows++ == 0, s->site_code, s->service_code,
	    s->level_code, s->local_start, s->offset_minutes, s->remaining);
	return 0;
}

/*
 * The free partner slots of every site (or site_id) for every service
 * (or service_id) of local days fromd..tod into out (the general
 * statement).
 * Returns DB_OK or the error.
 */
static enum db_rc
avail_general(struct req *r, int64_t site_id, int64_t service_id,
    int64_t level_id, const char *fromd, const char *tod, struct buf *out)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 nrows = 0;

	if ((st = db_stmt(r->db, ASQL_API_AVAILABILITY)) == NULL)
		return db_last_rc(r->db);
	db_bind_text(st, 0, channel_names[CH_PARTNER]);
	db_bind_int(st, 1, site_id);
	db_bind_int(st, 2, site_id);
	db_bind_int(st, 3, service_id);
	db_bind_int(st, 4, service_id);
	db_bind_int(st, 5, level_id);
	db_bind_int(st, 6, level_id);
	db_bind_text(st, 7, fromd);
	db_bind_text(st, 8, tod);
	while ((rc = db_step(st)) == DB_ROW) {
		if (nrows >= AVAIL_MAX_ROWS) {
			db_reset(st);
			return DB_OK;
		}
		avail_row(out, nrows++ == 0, db_col_text(st, 0),
		    db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3),
		    db_col_int(st, 4), db_col_int(st, 5));
	}
	return rc;
}

/*
 * The free partner slots of choice's site and service at level_id (0:
 * all) of local days fromd..tod (ndays) into f: the booking library's
 * one indexed query over the days. choice->stale says that a choice
 * recalled from the worker's memory was not current (nothing written:
 * start again with a fresh read). Returns DB_OK or the error.
 */
static enum db_rc
avail_choice(struct req *r, struct booking_choice *choice, int64_t level_id,
    const char *fromd, const char *tod, int ndays, struct avail_fill *f)
{
	enum db_rc	 rc;
	size_t		 i;
	int		 k;

	if (choice->site_id == 0) {
		/* Found by the separate lookups: read together, with the
		 * levels offered. */
		if ((k = booking_choice_by_code(r->db, form_str(r, "site"),
		    form_str(r, "service"), CH_PARTNER, choice, &rc)) <= 0)
			return k < 0 ? rc : DB_OK;
	}
	if (level_id != 0) {
		/* One level: listed only if offered. */
		for (i = 0; i < choice->nlevels &&
		    choice->levels[i].id != level_id; i++)
			;
		if (i == choice->nlevels)
			return DB_OK;
		choice->levels[0] = choice->levels[i];
		choice->nlevels = 1;
	}
	choice->level_id = level_id;
	if (r->key_recalled && r->session != NULL) {
		/* The key from the worker's memory is confirmed by the
		 * same statement as the days' versions. */
		rc = booking_days_slots_key(r->db, choice, CH_PARTNER, fromd,
		    tod, ndays, r->session->apikey_id, &k, avail_slot, f);
		if (rc == DB_OK && k)
			r->key_recalled = 0;	/* confirmed live */
		else if (rc == DB_OK)
			f->key_dead = 1;
		return rc;
	}
	return booking_days_slots(r->db, choice, CH_PARTNER, fromd, tod, ndays,
	    avail_slot, f);
}

/*
 * The availability answer (see page_api_availability); recall lets the
 * worker's memory answer for the site and service. Returns the status
 * sent, or sets *stale (nothing sent) when a recalled choice was not
 * current.
 */
static int
avail_answer(struct req *r, int recall, int *stale)
{
	struct db_stmt		*st;
	struct site_row		 site;
	struct booking_choice	 choice;
	struct buf		 out = {0};
	enum db_rc		 rc = DB_OK;
	json_t			*errors;
	int64_t			 service_id = 0, level_id = 0;
	int64_t			 sites[AVAIL_MAX_SITES];
	size_t			 nsites = 0, i;
	const char		*from = form_str(r, "from");
	const char		*to = form_str(r, "to");
	char			 today[11], fromd[11], tod[11], last[11];
	int			 ndays, k;

	memset(&site, 0, sizeof(site));
	memset(&choice, 0, sizeof(choice));
	errors = json_object();
	/* The usual question, one site and one service: both in one query,
	 * or none when this worker read them lately (the day query below
	 * confirms them); the separate lookups below name what is
	 * unknown. */
	if (form_str(r, "site")[0] != '\0' &&
	    form_str(r, "service")[0] != '\0') {
		k = recall ? booking_choice_recall_by_code(r->db,
		    form_str(r, "site"), form_str(r, "service"), CH_PARTNER,
		    &choice, &rc) : booking_choice_by_code(r->db,
		    form_str(r, "site"), form_str(r, "service"), CH_PARTNER,
		    &choice, &rc);
		if (k < 0)
			goto dbfail;
		if (k == 1) {
			site.id = choice.site_id;
			snprintf(site.zone, sizeof(site.zone), "%s", choice.zone);
			snprintf(site.cc, sizeof(site.cc), "%s", choice.cc);
			service_id = choice.service_id;
		}
	}
	/* Any answer but the one-site one (whose statement confirms it):
	 * a key from the worker's memory is looked up first. */
	if (r->key_recalled && (site.id == 0 || service_id == 0) &&
	    (k = auth_key_confirm(r)) != 0) {
		json_decref(errors);
		return k;
	}
	if (site.id == 0 && form_str(r, "site")[0] != '\0') {
		if ((k = site_by_code(r, form_str(r, "site"), &site, &rc)) < 0)
			goto dbfail;
		if (k == 0)
			json_object_set_new(errors, "site",
			    json_string(tpl_text(r->hdf, "Appt.Api.UnknownSite")));
	}
	if (service_id == 0 && form_str(r, "service")[0] != '\0') {
		if ((k = id_by_code(r, ASQL_API_SERVICE_BY_CODE,
		    form_str(r, "service"), &service_id, NULL, &rc)) < 0)
			goto dbfail;
		if (k == 0)
			json_object_set_new(errors, "service", json_string(
			    tpl_text(r->hdf, "Appt.Api.UnknownService")));
	}
	if (form_str(r, "level")[0] != '\0') {
		if ((k = id_by_code(r, ASQL_API_LEVEL_BY_CODE,
		    form_str(r, "level"), &level_id, NULL, &rc)) < 0)
			goto dbfail;
		if (k == 0)
			json_object_set_new(errors, "level", json_string(
			    tpl_text(r->hdf, "Appt.Api.UnknownLevel")));
	}
	appt_today(site.id ? site.zone : "UTC", today);
	snprintf(fromd, sizeof(fromd), "%s", from[0] ? from : today);
	if (to[0])
		snprintf(tod, sizeof(tod), "%s", to);
	else if (appt_day_add(fromd, AVAIL_DEFAULT_DAYS - 1, tod) != 0)
		snprintf(tod, sizeof(tod), "%s", fromd);
	/* Number of days, bounded: walk at most AVAIL_MAX_DAYS. */
	snprintf(last, sizeof(last), "%s", fromd);
	for (ndays = 1; strcmp(last, tod) < 0 && ndays <= AVAIL_MAX_DAYS;
	    ndays++)
		if (appt_day_add(fromd, ndays, last) != 0)
			break;
	if (strcmp(tod, fromd) < 0)
		json_object_set_new(errors, "to", json_string(tpl_text(r->hdf,
		    "Appt.Api.ToBeforeFrom")));
	else if (ndays > AVAIL_MAX_DAYS)
		json_object_set_new(errors, "to", json_string(tpl_text(r->hdf,
		    "Appt.Api.RangeTooLong")));
	if (json_object_size(errors) > 0) {
		/* The recalled choice's zone chose the default dates. */
		if (choice.recalled) {
			json_decref(errors);
			*stale = 1;
			return 0;
		}
		if ((k = auth_key_confirm(r)) != 0) {
			json_decref(errors);
			return k;
		}
		return jsonresp_value(r, 422, json_pack("{s:s,s:o}", "error",
		    "invalid", "errors", errors));
	}
	json_decref(errors);
	errors = NULL;

	/* Make sure the slots of the window exist. */
	if (site.id)
		sites[nsites++] = site.id;
	else {
		if ((st = db_stmt(r->db, ASQL_SITE_LIST)) == NULL) {
			rc = db_last_rc(r->db);
			goto dbfail;
		}
		while ((rc = db_step(st)) == DB_ROW)
			if (db_col_int(st, 4) && nsites < AVAIL_MAX_SITES)
				sites[nsites++] = db_col_int(st, 0);
		if (rc != DB_OK)
			goto dbfail;
	}
	if (!(site.id != 0 && service_id != 0))
		for (i = 0; i < nsites; i++)
			if ((rc = booking_slots_make(r->db, sites[i], fromd,
			    ndays)) != DB_OK)
				goto dbfail;

	/* Written straight into a buffer, in jansson's compact form
	 * (building and dumping a jansson tree cost most of this page's
	 * instructions); buf_puts_json() escapes <, > and & besides. */
	buf_puts(&out, "{\"slots\":[");
	if (site.id != 0 && service_id != 0) {
		/* One site and one service: the booking library's one
		 * indexed query over the days. */
		struct avail_fill	 f = {&out, 0, 0};

		rc = avail_choice(r, &choice, level_id, fromd, tod, ndays, &f);
		if (rc == DB_OK && f.key_dead) {
			/* Revoked since this worker last looked it up: the
			 * look-up answers (401), else start again. */
			buf_free(&out);
			if ((k = auth_key_confirm(r)) != 0)
				return k;
			*stale = 1;
			return 0;
		}
		if (rc == DB_OK && choice.stale) {
			buf_free(&out);
			*stale = 1;
			return 0;
		}
	} else
		rc = avail_general(r, site.id, service_id, level_id, fromd,
		    tod, &out);
	if (rc != DB_OK) {
		buf_free(&out);
		goto dbfail;
	}
	if (buf_puts(&out, "]}") == -1) {
		buf_free(&out);
		return jsonresp_error(r, 500, "internal");
	}
	k = resp_json(r, 200, out.data);
	buf_free(&out);
	return k;
dbfail:
	json_decref(errors);
	return jsonresp_db_fail(r, rc);
}

/*
 * GET /appointments/api/v1/availability (partner.api; fields
 * api_avail_fields: site, service, level codes; from, to local dates,
 * default the next 14 days): {"slots":[{"site","service","level",
 * "start" (ISO 8601 with the site's offset),"remaining"}]} for the
 * partner channel, in time order. For one site and one service the
 * only query is usually the day query (the choice from the worker's
 * memory, which that query confirms; read again when not current).
 */
int
page_api_availability(struct req *r)
{
	int	stale = 0, status;

	/* The route is ROUTE_KEY_LATER: only the one-site question with no
	 * level confirms a key from the worker's memory in its statement
	 * (avail_choice); any other looks it up first. */
	if (r->key_recalled && (form_str(r, "site")[0] == '\0' ||
	    form_str(r, "service")[0] == '\0' ||
	    form_str(r, "level")[0] != '\0') &&
	    (status = auth_key_confirm(r)) != 0)
		return status;
	status = avail_answer(r, 1, &stale);
	if (stale) {
		stale = 0;
		status = avail_answer(r, 0, &stale);
	}
	return status;
}

/* The key under which Idempotency-Key rows are kept: the API key, or
 * minus the agent for a signed-in agent with partner.api. */
static int64_t
idem_owner(const struct req *r)
{
	if (r->session == NULL)
		return 0;
	return r->session->apikey_id ? r->session->apikey_id :
	    -r->session->agent_id;
}

/*
 * Answer booking reference as JSON with status (201 after a booking,
 * 200 otherwise). Only partner-channel bookings are visible, and an API
 * key sees only its own. Returns the status sent.
 */
static int
booking_answer(struct req *r, const char *ref, int status)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	time_t		 t;
	char		 start[26], idtext[24];
	json_t		*j;

	if ((st = db_stmt(r->db, ASQL_API_APPT_BY_REF)) == NULL)
		return jsonresp_db_fail(r, db_last_rc(r->db));
	db_bind_text(st, 0, ref);
	if ((rc = db_step(st)) == DB_OK)
		return jsonresp_error(r, 404, "not_found");
	if (rc != DB_ROW)
		return jsonresp_db_fail(r, rc);
	if (strcmp(db_col_text(st, 13), "partner") != 0 ||
	    (r->session && r->session->apikey_id &&
	    db_col_int(st, 14) != r->session->apikey_id)) {
		db_reset(st);
		return jsonresp_error(r, 404, "not_found");
	}
	if (time_parse_utc(db_col_text(st, 5), &t) != 0)
		t = 0;
	time_iso8601_zone(t, db_col_text(st, 6), start);
	j = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}",
	    "reference", db_col_text(st, 1), "site", db_col_text(st, 2),
	    "service", db_col_text(st, 3), "level", db_col_text(st, 4),
	    "start", start, "status", db_col_text(st, 7),
	    "family_name", db_col_text(st, 8),
	    "given_names", db_col_text(st, 9), "phone", db_col_text(st, 10),
	    "document_number", db_col_text(st, 11),
	    "language", db_col_text(st, 12), "channel", db_col_text(st, 13));
	snprintf(idtext, sizeof(idtext), "%lld", (long long)db_col_int(st, 0));
	db_reset(st);
	/* Reading a booking shows a person's data: log the access. */
	if (status == 200)
		access_write(r, "appointment", idtext, "partner api");
	return jsonresp_value(r, status, j);
}

/*
 * Parse an ISO 8601 start: "YYYY-MM-DDTHH:MM[:SS]" followed by "Z",
 * "+HH:MM" or "-HH:MM" (an instant), or by nothing (the site's local
 * time, zone). Returns 0 and sets *out, or -1.
 */
static int
parse_start(const char *s, const char *zone, time_t *out)
{
	long long	 v[6] = {0, 0, 0, 0, 0, 0}, oh, om;
	static const int pos[5] = {0, 5, 8, 11, 14};
	static const int len[5] = {4, 2, 2, 2, 2};
	char		 tmp[8];
	const char	*p;
	struct tm	 tm;
	int		 i, rc;

	if (s == NULL || strlen(s) < 16 || strlen(s) > 32 || s[4] != '-' ||
	    s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
		return -1;
	for (i = 0; i < 5; i++) {
		snprintf(tmp, sizeof(tmp), "%.*s", len[i], s + pos[i]);
		if (strspn(tmp, "0123456789") != strlen(tmp) ||
		    parse_int(tmp, 0, 9999, &v[i]) != 0)
			return -1;
	}
	p = s + 16;
	if (*p == ':') {
		snprintf(tmp, sizeof(tmp), "%.2s", p + 1);
		if (parse_int(tmp, 0, 59, &v[5]) != 0 ||
		    strspn(tmp, "0123456789") != 2)
			return -1;
		p += 3;
	}
	if (*p == '\0') {
		rc = time_local_to_utc(zone, (int)v[0], (int)v[1], (int)v[2],
		    (int)v[3], (int)v[4], out);
		return rc == 0 ? 0 : -1;
	}
	memset(&tm, 0, sizeof(tm));
	if (v[0] < 1900 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 ||
	    v[3] > 23 || v[4] > 59)
		return -1;
	tm.tm_year = (int)v[0] - 1900;
	tm.tm_mon = (int)v[1] - 1;
	tm.tm_mday = (int)v[2];
	tm.tm_hour = (int)v[3];
	tm.tm_min = (int)v[4];
	tm.tm_sec = (int)v[5];
	*out = timegm(&tm);
	if (strcmp(p, "Z") == 0)
		return 0;
	if ((p[0] != '+' && p[0] != '-') || strlen(p) != 6 || p[3] != ':')
		return -1;
	snprintf(tmp, sizeof(tmp), "%.2s", p + 1);
	if (parse_int(tmp, 0, 14, &oh) != 0)
		return -1;
	snprintf(tmp, sizeof(tmp), "%.2s", p + 4);
	if (parse_int(tmp, 0, 59, &om) != 0)
		return -1;
	*out -= (p[0] == '+' ? 1 : -1) * (time_t)(oh * 3600 + om * 60);
	return 0;
}

/*
 * Members of a booking (POST /bookings), checked before the handler
 * runs. The codes are looked up, start is read in the site's zone and
 * the phone normalised with the site's country code by book_checks():
 * those need the site, so the specs only bound them here.
 */
const struct field_spec api_book_fields[] = {
	{"site", FIELD_STRING, 1, 1, 32, NULL},
	{"service", FIELD_STRING, 1, 1, 32, NULL},
	{"level", FIELD_STRING, 1, 1, 32, NULL},
	{"start", FIELD_STRING, 1, 1, 32, NULL},
	{"family_name", FIELD_STRING, 1, 1, 200, NULL},
	{"given_names", FIELD_STRING, 1, 1, 200, NULL},
	{"phone", FIELD_STRING, 1, 1, 40, NULL},
	{"document_number", FIELD_STRING, 0, 1, 64, NULL},
	{"language", FIELD_ENUM, 0, 0, 0, api_langs},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* A booking's members once looked up. */
struct book_input {
	struct site_row	 site;
	int64_t		 service_id;
	int64_t		 needs_doc;	/* the service asks for a document */
	int64_t		 level_id;
	char		 phone[17];	/* E.164 */
	time_t		 start;
};

/* The text of a member the field specs accepted, or NULL (absent or
 * refused: it has its message already). */
static const char *
accepted(const struct req *r, const char *name)
{
	const struct field_value *v = form_get(r, name);

	return (v != NULL && v->valid && v->present) ? form_str(r, name) :
	    NULL;
}

/*
 * Look up the site, service and level codes of a booking into in;
 * unknown ones are refused with form_set_error. Returns 0, or -1 on a
 * database error (*rcp set).
 */
static int
book_codes(struct req *r, struct book_input *in, enum db_rc *rcp)
{
	const char	*s;
	int		 k;

	if ((s = accepted(r, "site")) != NULL) {
		if ((k = site_by_code(r, s, &in->site, rcp)) < 0)
			return -1;
		if (k == 0)
			form_set_error(r, "site", "Appt.Api.UnknownSite");
	}
	if ((s = accepted(r, "service")) != NULL) {
		if ((k = id_by_code(r, ASQL_API_SERVICE_BY_CODE, s,
		    &in->service_id, &in->needs_doc, rcp)) < 0)
			return -1;
		if (k == 0)
			form_set_error(r, "service",
			    "Appt.Api.UnknownService");
	}
	if ((s = accepted(r, "level")) != NULL) {
		if ((k = id_by_code(r, ASQL_API_LEVEL_BY_CODE, s,
		    &in->level_id, NULL, rcp)) < 0)
			return -1;
		if (k == 0)
			form_set_error(r, "level", "Appt.Api.UnknownLevel");
	}
	return 0;
}

/*
 * The checks of a booking only the database and its site can make, on
 * the members the field specs accepted: codes known, the phone in
 * E.164 with the site's country code (a national number is the site's),
 * the document number readable and given when the service asks for one,
 * start an instant (a local time is the site's) still to come. Fills
 * in; refusals go through form_set_error. Returns 0, or -1 on a
 * database error (*rcp set).
 */
static int
book_checks(struct req *r, struct book_input *in, enum db_rc *rcp)
{
	const struct field_value *docv = form_get(r, "document_number");
	const char	*s;
	char		 docn[PERSON_DOCNO_SIZE];

	memset(in, 0, sizeof(*in));
	if (book_codes(r, in, rcp) != 0)
		return -1;
	if ((s = accepted(r, "phone")) != NULL && !valid_phone(s,
	    in->site.id ? in->site.cc : NULL, in->phone))
		form_set_error(r, "phone", "Form.Error.Phone");
	if ((s = accepted(r, "document_number")) != NULL) {
		person_docno_normalise(s, docn);
		if (docn[0] == '\0')
			form_set_error(r, "document_number",
			    "Appt.Error.Document");
	} else if (in->needs_doc && docv != NULL && docv->valid)
		form_set_error(r, "document_number",
		    "Appt.Error.DocumentRequired");
	if ((s = accepted(r, "start")) != NULL && in->site.id) {
		if (parse_start(s, in->site.zone, &in->start) != 0)
			form_set_error(r, "start", "Appt.Api.BadStart");
		else if (in->start <= time(NULL))
			form_set_error(r, "start", "Appt.Error.Past");
	}
	return 0;
}

/*
 * Look up an Idempotency-Key: 1 found with the same body (ref filled),
 * 2 found with another body, 0 not found, -1 database error (*rc).
 */
static int
idem_lookup(struct req *r, const char *key, const unsigned char hash[32],
    char ref[9], enum db_rc *rcp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int		 same;

	if ((st = db_stmt(r->db, ASQL_IDEM_GET)) == NULL) {
		*rcp = db_last_rc(r->db);
		return -1;
	}
	db_bind_blob(st, 0, hash, 32);
	db_bind_int(st, 1, idem_owner(r));
	db_bind_text(st, 2, key);
	if ((rc = db_step(st)) == DB_OK)
		return 0;
	if (rc != DB_ROW) {
		*rcp = rc;
		return -1;
	}
	same = db_col_int(st, 0) != 0;
	snprintf(ref, 9, "%s", db_col_text(st, 1));
	db_reset(st);
	return same ? 1 : 2;
}

/* 409 slot_full with the nearest free partner slots of the same site
 * and level (a week around the asked start). */
static int
answer_full(struct req *r, int64_t site_id, int64_t level_id,
    const char *utc, const char *localday)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	json_t		*alts;
	char		 from[11], start[26];

	if (appt_day_add(localday, -3, from) == 0)
		booking_slots_make(r->db, site_id, from, 7);
	if ((st = db_stmt(r->db, ASQL_API_ALTERNATIVES)) == NULL)
		return jsonresp_db_fail(r, db_last_rc(r->db));
	db_bind_int(st, 0, site_id);
	db_bind_int(st, 1, level_id);
	db_bind_text(st, 2, channel_names[CH_PARTNER]);
	db_bind_text(st, 3, utc);
	alts = json_array();
	while ((rc = db_step(st)) == DB_ROW) {
		iso_local(db_col_text(st, 0), db_col_int(st, 1), start);
		json_array_append_new(alts, json_pack("{s:s,s:I}", "start",
		    start, "remaining", (json_int_t)db_col_int(st, 2)));
	}
	if (rc != DB_OK) {
		json_decref(alts);
		return jsonresp_db_fail(r, rc);
	}
	return jsonresp_value(r, 409, json_pack("{s:s,s:o}", "error",
	    "slot_full", "alternatives", alts));
}

/*
 * Check the Idempotency-Key header idem of a booking and look it up;
 * hash gets the hash of the body. Returns 0 to go on and book, or the
 * status of the answer made instead: the booking of the first request
 * with this key and body (a replay), 422 for a malformed key or one
 * used with another body, a database failure.
 */
static int
idem_check(struct req *r, const char *idem, unsigned char hash[32])
{
	enum db_rc	rc = DB_OK;
	char		ref[9];
	int		k;

	if (idem[0] == '\0' || strlen(idem) > 128 ||
	    strspn(idem, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_.:") != strlen(idem))
		return jsonresp_value(r, 422, json_pack("{s:s,s:{s:s}}", "error",
		    "invalid", "errors", "idempotency_key", tpl_text(r->hdf,
		    "Appt.Api.BadIdempotencyKey")));
	crypto_generichash(hash, 32, (const unsigned char *)r->rawbody,
	    r->rawbodysz, NULL, 0);
	if ((k = idem_lookup(r, idem, hash, ref, &rc)) < 0)
		return jsonresp_db_fail(r, rc);
	if (k == 1) {
		resp_header(r, "Idempotent-Replayed", "true");
		return booking_answer(r, ref, 201);
	}
	if (k == 2)
		return jsonresp_value(r, 422, json_pack("{s:s,s:{s:s}}", "error",
		    "idempotency_key_reused", "errors", "idempotency_key",
		    tpl_text(r->hdf, "Appt.Api.IdempotencyReused")));
	return 0;
}

/*
 * Keep the Idempotency-Key idem (body hash) of booking id. Returns 0,
 * or the status of the answer made instead: when a concurrent request
 * with the same key won, this booking is given back and the winner's
 * is answered; a database failure.
 */
static int
idem_record(struct req *r, const char *idem, const unsigned char hash[32],
    int64_t id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 ref[9];
	int		 k;

	if ((st = db_stmt(r->db, ASQL_IDEM_INSERT)) == NULL)
		return jsonresp_db_fail(r, db_last_rc(r->db));
	db_bind_int(st, 0, idem_owner(r));
	db_bind_text(st, 1, idem);
	db_bind_blob(st, 2, hash, 32);
	db_bind_int(st, 3, id);
	if ((rc = db_exec(st)) == DB_OK)
		return 0;
	if (rc != DB_DUP)
		return jsonresp_db_fail(r, rc);
	booking_cancel(r, id);
	if ((k = idem_lookup(r, idem, hash, ref, &rc)) < 0)
		return jsonresp_db_fail(r, rc);
	if (k == 2)
		return jsonresp_error(r, 422, "idempotency_key_reused");
	if (k == 0)
		return jsonresp_error(r, 500, "internal");
	resp_header(r, "Idempotent-Replayed", "true");
	return booking_answer(r, ref, 201);
}

/*
 * The partner slot of the booking's site and level at its start, made
 * from the template if need be: *slot_id, utc ("YYYY-MM-DD HH:MM:SS")
 * and localday (the site's day of the start). Returns 1 found, 0 no
 * such slot, -1 database error (*rcp set).
 */
static int
book_slot(struct req *r, const struct book_input *in, int64_t *slot_id,
    char utc[20], char localday[11], enum db_rc *rcp)
{
	struct db_stmt	*st;
	struct tm	 tm;
	enum db_rc	 rc;

	gmtime_r(&in->start, &tm);
	time_format_datetime(&tm, utc);
	time_utc_to_local(in->start, in->site.zone, &tm, NULL);
	time_format_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    localday);
	if ((rc = booking_slots_make(r->db, in->site.id, localday, 1)) !=
	    DB_OK) {
		*rcp = rc;
		return -1;
	}
	if ((st = db_stmt(r->db, ASQL_API_SLOT_AT)) == NULL) {
		*rcp = db_last_rc(r->db);
		return -1;
	}
	db_bind_int(st, 0, in->site.id);
	db_bind_int(st, 1, in->level_id);
	db_bind_text(st, 2, channel_names[CH_PARTNER]);
	db_bind_text(st, 3, utc);
	if ((rc = db_step(st)) == DB_OK)
		return 0;
	if (rc != DB_ROW) {
		*rcp = rc;
		return -1;
	}
	*slot_id = db_col_int(st, 0);
	db_reset(st);
	return 1;
}

/*
 * Answer booking_create's result br for in: ref is the new booking's
 * reference, utc and localday its slot's (see book_slot). Returns the
 * status sent.
 */
static int
book_answer(struct req *r, enum booking_rc br, const struct book_input *in,
    const char *ref, const char *utc, const char *localday)
{
	switch (br) {
	case BOOK_OK:
		return booking_answer(r, ref, 201);
	case BOOK_SLOT_FULL:
		return answer_full(r, in->site.id, in->level_id, utc,
		    localday);
	case BOOK_PERSON_ACTIVE:
		return jsonresp_value(r, 409, json_pack("{s:s,s:s}", "error",
		    "person_active", "message", tpl_text(r->hdf,
		    "Appt.Error.PersonActive")));
	case BOOK_PHONE_LIMIT:
		return jsonresp_value(r, 409, json_pack("{s:s,s:s}", "error",
		    "phone_limit", "message", tpl_text(r->hdf,
		    "Appt.Error.PhoneLimit")));
	case BOOK_NOT_OFFERED:
		form_set_error(r, "service", "Appt.Error.NotOffered");
		return auth_json_form_errors(r);
	case BOOK_PAST:
		form_set_error(r, "start", "Appt.Error.Past");
		return auth_json_form_errors(r);
	case BOOK_NOT_FOUND:
		form_set_error(r, "start", "Appt.Api.NoSlot");
		return auth_json_form_errors(r);
	case BOOK_DB_DOWN:
		return jsonresp_error(r, 503, "unavailable");
	default:
		return jsonresp_error(r, 500, "internal");
	}
}

/*
 * A booking refused by its field specs (api_book_fields; the route's
 * fill): adds the refusals book_checks finds in the members the specs
 * accepted, so that the 422 names every field at once. Returns 422, or
 * the status of a database failure's answer.
 */
int
page_api_book_fill(struct req *r)
{
	struct book_input	in;
	enum db_rc		rc = DB_OK;

	if (book_checks(r, &in, &rc) != 0)
		return jsonresp_db_fail(r, rc);
	return 422;
}

/*
 * POST /appointments/api/v1/bookings (partner.api; a JSON object body
 * checked against api_book_fields before this runs: site, service,
 * level, start, family_name, given_names, phone, document_number,
 * language; optional Idempotency-Key header): 201 with the booking,
 * 409 {"error":"slot_full","alternatives":[..]} (or person_active,
 * phone_limit), 422 {"error":"invalid","errors":{field:message}}.
 * A retry with the same key and body answers the first booking; the
 * same key with another body is refused (422).
 */
int
page_api_book(struct req *r)
{
	struct book_input	 in;
	struct booking		 b;
	enum db_rc		 rc = DB_OK;
	enum booking_rc		 br;
	const char		*idem = req_env(r, "HTTP_IDEMPOTENCY_KEY");
	const char		*lang = form_str(r, "language");
	unsigned char		 hash[32];
	char			 utc[20], localday[11], ref[9];
	int64_t			 id = 0;
	int			 k;

	memset(&b, 0, sizeof(b));
	if (idem != NULL && (k = idem_check(r, idem, hash)) != 0)
		return k;
	if (book_checks(r, &in, &rc) != 0)
		return jsonresp_db_fail(r, rc);
	if (r->form.nerrors > 0)
		return auth_json_form_errors(r);
	if ((k = book_slot(r, &in, &b.slot_id, utc, localday, &rc)) < 0)
		return jsonresp_db_fail(r, rc);
	if (k == 0) {
		form_set_error(r, "start", "Appt.Api.NoSlot");
		return auth_json_form_errors(r);
	}
	b.site_id = in.site.id;
	b.service_id = in.service_id;
	b.level_id = in.level_id;
	b.channel = CH_PARTNER;
	b.family_name = form_str(r, "family_name");
	b.given_names = form_str(r, "given_names");
	b.phone = in.phone;
	b.document_number = form_str(r, "document_number");
	b.lang = lang[0] != '\0' ? lang : "en";
	b.notes = "";
	br = booking_create(r, &b, ref, &id);
	if (br == BOOK_OK && idem != NULL &&
	    (k = idem_record(r, idem, hash, id)) != 0)
		return k;
	if (br == BOOK_PERSON_ACTIVE && idem != NULL &&
	    idem_lookup(r, idem, hash, ref, &rc) == 1) {
		/* The first request with this key committed meanwhile. */
		resp_header(r, "Idempotent-Replayed", "true");
		return booking_answer(r, ref, 201);
	}
	return book_answer(r, br, &in, ref, utc, localday);
}

/* The {ref} path parameter upper-cased into ref; returns 0 if it is a
 * well-formed reference, else -1. */
static int
ref_param(const struct req *r, char ref[9])
{
	const char	*p = req_param(r, "ref");
	size_t		 i;

	if (p == NULL || strlen(p) != 8)
		return -1;
	for (i = 0; i < 8; i++) {
		char	c = p[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (strchr(BOOKING_REF_ALPHABET, c) == NULL ||
		    c == '\0')
			return -1;
		ref[i] = c;
	}
	ref[8] = '\0';
	return 0;
}

/*
 * GET /appointments/api/v1/bookings/{ref} (partner.api): the booking as
 * JSON, or 404 {"error":"not_found"}.
 */
int
page_api_booking(struct req *r)
{
	char	ref[9];

	if (ref_param(r, ref) != 0)
		return jsonresp_error(r, 404, "not_found");
	return booking_answer(r, ref, 200);
}

/*
 * DELETE /appointments/api/v1/bookings/{ref} (partner.api): cancel the
 * booking and free its seat; 200 with the booking, 404, or 409
 * {"error":"not_active"} if it was cancelled or finished already.
 */
int
page_api_cancel(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	enum booking_rc	 br;
	char		 ref[9];
	int64_t		 id;

	if (ref_param(r, ref) != 0)
		return jsonresp_error(r, 404, "not_found");
	if ((st = db_stmt(r->db, ASQL_API_APPT_BY_REF)) == NULL)
		return jsonresp_db_fail(r, db_last_rc(r->db));
	db_bind_text(st, 0, ref);
	if ((rc = db_step(st)) == DB_OK)
		return jsonresp_error(r, 404, "not_found");
	if (rc != DB_ROW)
		return jsonresp_db_fail(r, rc);
	id = db_col_int(st, 0);
	if (strcmp(db_col_text(st, 13), "partner") != 0 ||
	    (r->session && r->session->apikey_id &&
	    db_col_int(st, 14) != r->session->apikey_id)) {
		db_reset(st);
		return jsonresp_error(r, 404, "not_found");
	}
	db_reset(st);
	br = booking_cancel(r, id);
	switch (br) {
	case BOOK_OK:
		return booking_answer(r, ref, 200);
	case BOOK_NOT_ACTIVE:
		return jsonresp_error(r, 409, "not_active");
	case BOOK_NOT_FOUND:
		return jsonresp_error(r, 404, "not_found");
	case BOOK_DB_DOWN:
		return jsonresp_error(r, 503, "unavailable");
	default:
		return jsonresp_error(r, 500, "internal");
	}
}

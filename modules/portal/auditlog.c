/*
 * auditlog.c: the audit trail viewer (permission audit.view): the
 * audit_event rows (who changed what, old -> new) or the access_event
 * rows (who viewed which record), newest first, 50 a page, filtered by
 * actor, entity, entity id and a date range in the site's time zone.
 * The hash chain is not checked here: havre-admin audit-verify does.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "portal.h"
#include "tpl.h"

#define AUDIT_PAGE_ROWS	50
#define AUDIT_MAX_CHANGES 64	/* changes shown per event */

static const char *const kind_choices[] = {"changes", "access", NULL};

/* The filter form (GET): every field optional. */
const struct field_spec audit_fields[] = {
	{"agent", FIELD_STRING, 0, 0, 64, NULL},
	{"entity", FIELD_STRING, 0, 0, 64, NULL},
	{"entity_id", FIELD_STRING, 0, 0, 64, NULL},
	{"from", FIELD_DATE, 0, 0, 0, NULL},
	{"to", FIELD_DATE, 0, 0, 0, NULL},
	{"kind", FIELD_ENUM, 0, 0, 0, kind_choices},
	{"page", FIELD_INT, 0, 1, 100000, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The configured display zone. */
static const char *
site_zone(const struct req *r)
{
	return (r->conf != NULL && r->conf->timezone != NULL) ?
	    r->conf->timezone : "UTC";
}

/* See portal.h. */
void
portal_local_time(const struct req *r, const char *utc, char *out,
    size_t outsz)
{
	time_t	t;

	if (outsz == 0)
		return;
	out[0] = '\0';
	if (utc == NULL || utc[0] == '\0' || time_parse_utc(utc, &t) != 0)
		return;
	time_format_zone(t, site_zone(r), "%Y-%m-%d %H:%M", out, outsz);
}

/*
 * The UTC time ("YYYY-MM-DD HH:MM:SS", 20 bytes) at which day date
 * ("YYYY-MM-DD", already validated) plus add_days begins in zone.
 * Returns 0, or -1 if the date cannot be converted. TZ is set for the
 * conversion and put back to UTC (workers are single-threaded; htime.c
 * does the same).
 */
static int
local_midnight_utc(const char *date, int add_days, const char *zone,
    char out[20])
{
	struct tm	 tm;
	long long	 y, m, d;
	char		 part[8], path[256];
	FILE		*f;
	time_t		 t;

	if (strlen(date) != 10)
		return -1;
	snprintf(part, sizeof(part), "%.4s", date);
	if (parse_int(part, 1, 9999, &y) != 0)
		return -1;
	snprintf(part, sizeof(part), "%.2s", date + 5);
	if (parse_int(part, 1, 12, &m) != 0)
		return -1;
	snprintf(part, sizeof(part), "%.2s", date + 8);
	if (parse_int(part, 1, 31, &d) != 0)
		return -1;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
	if (strstr(zone, "..") != NULL || (f = fopen(path, "r")) == NULL)
		zone = "UTC";
	else
		fclose(f);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)m - 1;
	tm.tm_mday = (int)d + add_days;
	tm.tm_isdst = -1;
	setenv("TZ", zone, 1);
	tzset();
	t = mktime(&tm);
	setenv("TZ", "UTC", 1);
	tzset();
	if (t == (time_t)-1 || gmtime_r(&t, &tm) == NULL)
		return -1;
	if (strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		return -1;
	return 0;
}

/* Append the UTF-8 bytes of code point cp to b. */
static void
put_utf8(struct buf *b, unsigned long cp)
{
	char	u[4];

	if (cp < 0x80) {
		u[0] = (char)cp;
		buf_append(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, u, 4);
	}
}

/* Read 4 hex digits at p into *v. Returns 0 or -1. */
static int
hex4(const char *p, unsigned long *v)
{
	int	i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char	c = p[i];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned long)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/* Skip JSON white space. */
static const char *
json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * Decode the JSON string at p (at its opening quote) into out (reset
 * first). Returns the position after the closing quote, or NULL if it
 * is malformed.
 */
static const char *
json_string(const char *p, struct buf *out)
{
	unsigned long	cp, lo;

	buf_reset(out);
	buf_append(out, "", 0);
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		if (*p == '\0')
			return NULL;
		if (*p != '\\') {
			buf_append(out, p++, 1);
			continue;
		}
		p++;
		switch (*p) {
		case '"': case '\\': case '/':
			buf_append(out, p, 1);
			break;
		case 'n':
			buf_append(out, "\n", 1);
			break;
		case 't':
			buf_append(out, "\t", 1);
			break;
		case 'r':
			buf_append(out, "\r", 1);
			break;
		case 'b':
			buf_append(out, "\b", 1);
			break;
		case 'f':
			buf_append(out, "\f", 1);
			break;
		case 'u':
			if (hex4(p + 1, &cp) != 0)
				return NULL;
			p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && p[1] == '\\' &&
			    p[2] == 'u' && hex4(p + 3, &lo) == 0 &&
			    lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				p += 6;
			} else if (cp >= 0xd800 && cp < 0xe000)
				cp = 0xfffd;
			if (cp == 0)
				cp = 0xfffd;
			put_utf8(out, cp);
			break;
		default:
			return NULL;
		}
		p++;
	}
	return p + 1;
}

/*
 * Parse a JSON string or null at p into out; *isnull tells which.
 * Returns the position after it, or NULL if malformed.
 */
static const char *
json_string_or_null(const char *p, struct buf *out, int *isnull)
{
	*isnull = 0;
	if (strncmp(p, "null", 4) == 0) {
		*isnull = 1;
		buf_reset(out);
		buf_append(out, "", 0);
		return p + 4;
	}
	return json_string(p, out);
}

/*
 * Put the changes of one audit event (the JSON object written by
 * audit.c: {"field":{"old":s|null,"new":s|null},...}) under base as
 * Changes.N.{Field, Old, New, OldNull, NewNull} (OldNull, NewNull: "1"
 * for null or empty, shown as "(empty)"). An object of another shape
 * is shown raw as ChangesRaw. Returns the number of changes.
 */
static size_t
changes_fill(struct req *r, const char *base, const char *json)
{
	struct buf	 field = {0}, oldv = {0}, newv = {0}, key = {0};
	const char	*p = json_ws(json);
	size_t		 n = 0;
	int		 oldnull = 1, newnull = 1, isnull;
	char		 node[96];

	if (*p++ != '{')
		goto bad;
	p = json_ws(p);
	while (*p != '}') {
		if (n > 0) {
			if (*p++ != ',')
				goto bad;
			p = json_ws(p);
		}
		if ((p = json_string(p, &field)) == NULL)
			goto bad;
		p = json_ws(p);
		if (*p++ != ':')
			goto bad;
		p = json_ws(p);
		if (*p++ != '{')
			goto bad;
		oldnull = newnull = 1;
		buf_reset(&oldv);
		buf_reset(&newv);
		for (p = json_ws(p); *p != '}'; p = json_ws(p)) {
			if (*p == ',')
				p = json_ws(p + 1);
			if ((p = json_string(p, &key)) == NULL)
				goto bad;
			p = json_ws(p);
			if (*p++ != ':')
				goto bad;
			p = json_ws(p);
			if (strcmp(key.data, "old") == 0) {
				p = json_string_or_null(p, &oldv, &isnull);
				oldnull = isnull;
			} else if (strcmp(key.data, "new") == 0) {
				p = json_string_or_null(p, &newv, &isnull);
				newnull = isnull;
			} else
				goto bad;
			if (p == NULL)
				goto bad;
		}
		p = json_ws(p + 1);
		if (n < AUDIT_MAX_CHANGES) {
			snprintf(node, sizeof(node), "%s.Changes.%zu.Field",
			    base, n);
			page_set(r, node, field.data);
			snprintf(node, sizeof(node), "%s.Changes.%zu.Old",
			    base, n);
			page_set(r, node, oldnull ? "" : oldv.data);
			snprintf(node, sizeof(node), "%s.Changes.%zu.New",
			    base, n);
			page_set(r, node, newnull ? "" : newv.data);
			snprintf(node, sizeof(node), "%s.Changes.%zu.OldNull",
			    base, n);
			page_set(r, node, oldnull || oldv.len == 0 ? "1" : "0");
			snprintf(node, sizeof(node), "%s.Changes.%zu.NewNull",
			    base, n);
			page_set(r, node, newnull || newv.len == 0 ? "1" : "0");
		}
		n++;
	}
	goto out;
bad:
	snprintf(node, sizeof(node), "%s.ChangesRaw", base);
	page_set(r, node, utf8_valid(json, strlen(json)) ? json : "");
	n = 0;
out:
	buf_free(&field);
	buf_free(&oldv);
	buf_free(&newv);
	buf_free(&key);
	return n;
}

/*
 * Bind the filters shared by both searches (parameters 0..9): actor,
 * entity, entity id (twice each), then the from and to bounds (twice
 * each; NULL when absent).
 */
static void
bind_filters(struct db_stmt *st, const char *agent, const char *entity,
    const char *entity_id, const char *from, const char *to)
{
	db_bind_text(st, 0, agent);
	db_bind_text(st, 1, agent);
	/* entity is an ascii column: "é" finds nothing, not a 500 */
	db_bind_ascii(st, 2, entity);
	db_bind_ascii(st, 3, entity);
	db_bind_text(st, 4, entity_id);
	db_bind_text(st, 5, entity_id);
	db_bind_text(st, 6, from[0] ? from : NULL);
	db_bind_text(st, 7, from[0] ? from : NULL);
	db_bind_text(st, 8, to[0] ? to : NULL);
	db_bind_text(st, 9, to[0] ? to : NULL);
}

/*
 * GET /audit (audit.view; fields audit_fields; also the fill of a
 * rejected filter, which then lists unfiltered): one page of
 * audit_event rows (Audit.Rows.N.{Seq, At, Actor, Entity, EntityId,
 * Action, Changes.M.*}) or, with kind=access, access_event rows
 * (Audit.Rows.N.{Id, At, Actor, Entity, EntityId, Reason}), newest
 * first. Audit.{Kind, Page, HasPrev, HasNext, TimeZone}. Template
 * portal/audit.cs.
 */
int
page_audit(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	const char	*agent = form_str(r, "agent");
	const char	*entity = form_str(r, "entity");
	const char	*entity_id = form_str(r, "entity_id");
	const char	*kind = form_str(r, "kind");
	char		 from[20] = "", to[20] = "", node[64], base[48];
	char		 when[64];
	long long	 page = form_int(r, "page");
	int		 access = strcmp(kind, "access") == 0;
	size_t		 n = 0;

	if (page < 1)
		page = 1;
	page_set(r, "Page.Title", tpl_text(r->hdf, "Audit.Title"));
	page_set(r, "Audit.Kind", access ? "access" : "changes");
	page_set(r, "Audit.TimeZone", site_zone(r));
	page_set_int(r, "Audit.Page", page);
	if (form_str(r, "from")[0] != '\0' &&
	    local_midnight_utc(form_str(r, "from"), 0, site_zone(r), from) != 0)
		form_set_error(r, "from", "Form.Error.Date");
	if (form_str(r, "to")[0] != '\0' &&
	    local_midnight_utc(form_str(r, "to"), 1, site_zone(r), to) != 0)
		form_set_error(r, "to", "Form.Error.Date");

	st = db_stmt(r->db, access ? PSQL_ACCESS_SEARCH : PSQL_AUDIT_SEARCH);
	if (st == NULL)
		return db_http_status(db_last_rc(r->db));
	bind_filters(st, agent, entity, entity_id, from, to);
	/* One row more than shown tells whether a next page exists. */
	db_bind_int(st, 10, AUDIT_PAGE_ROWS + 1);
	db_bind_int(st, 11, (page - 1) * AUDIT_PAGE_ROWS);
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == AUDIT_PAGE_ROWS) {
			page_set(r, "Audit.HasNext", "1");
			db_reset(st);
			rc = DB_OK;
			break;
		}
		snprintf(base, sizeof(base), "Audit.Rows.%zu", n);
		snprintf(node, sizeof(node), "%s.Seq", base);
		page_set_int(r, node, db_col_int(st, 0));
		portal_local_time(r, db_col_text(st, 1), when, sizeof(when));
		snprintf(node, sizeof(node), "%s.At", base);
		page_set(r, node, when);
		snprintf(node, sizeof(node), "%s.Actor", base);
		page_set(r, node, db_col_text(st, 2));
		snprintf(node, sizeof(node), "%s.Entity", base);
		page_set(r, node, db_col_text(st, 3));
		snprintf(node, sizeof(node), "%s.EntityId", base);
		page_set(r, node, db_col_text(st, 4));
		if (access) {
			snprintf(node, sizeof(node), "%s.Reason", base);
			page_set(r, node, db_col_text(st, 5));
		} else {
			snprintf(node, sizeof(node), "%s.Action", base);
			page_set(r, node, db_col_text(st, 5));
			changes_fill(r, base, db_col_text(st, 6) ?
			    db_col_text(st, 6) : "{}");
		}
		n++;
	}
	if (rc != DB_OK) {
		log_err("audit search failed: %s", db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (page > 1)
		page_set(r, "Audit.HasPrev", "1");
	page_set_int(r, "Audit.Count", (long long)n);
	return r->form.nerrors > 0 ? 422 : 200;
}

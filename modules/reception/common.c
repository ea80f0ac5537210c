/*
 * common.c: what every reception page shares: the site being worked on
 * (with its time zone: days and times are the site's local ones), date
 * arithmetic on local days, visit events, and the lazy closing of past
 * days that marks no-shows.
 *
 * No-shows (issue 5, "No-shows are marked automatically after the site
 * closes"): there is no cron here. The first reception request for a
 * site (any page: check-in, counter, board, dashboard) after the site's
 * last closing time of the day (or after midnight when it has no hours
 * that day) marks every appointment of that day and before that is still
 * booked or confirmed as a no-show, each with its audit event, in one
 * transaction. reception_day_close records the day so that this runs
 * once per site and day, whatever the number of workers.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "audit.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "reception.h"
#include "session.h"
#include "tpl.h"

/* Read a site row (RSQL_SITE_GET's columns) from st into s. */
static void
site_read(struct db_stmt *st, struct site *s)
{
	s->id = db_col_int(st, 0);
	snprintf(s->code, sizeof(s->code), "%s", db_col_text(st, 1));
	snprintf(s->name, sizeof(s->name), "%s", db_col_text(st, 2));
	snprintf(s->zone, sizeof(s->zone), "%s", db_col_text(st, 3));
	s->slot_minutes = (int)db_col_int(st, 4);
	if (s->slot_minutes <= 0)
		s->slot_minutes = 60;
	snprintf(s->languages, sizeof(s->languages), "%s", db_col_text(st, 5));
}

/* See reception.h. */
enum db_rc
site_load(struct db *db, int64_t id, struct site *s)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(s, 0, sizeof(*s));
	if ((st = db_stmt(db, RSQL_SITE_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	site_read(st, s);
	db_reset(st);
	return DB_ROW;
}

/* See reception.h. */
enum db_rc
site_load_code(struct db *db, const char *code, struct site *s)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(s, 0, sizeof(*s));
	if ((st = db_stmt(db, RSQL_SITE_BY_CODE)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, code);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	site_read(st, s);
	db_reset(st);
	return DB_ROW;
}

/* See reception.h. */
int
site_pick(struct req *r, int64_t want, struct site *s)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 node[48];

	memset(s, 0, sizeof(*s));
	if ((st = db_stmt(r->db, RSQL_SITES)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Sites.%zu.Value", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Sites.%zu.Label", n);
		page_set(r, node, db_col_text(st, 1));
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	if (want == 0 && r->session != NULL && r->session->home_site > 0)
		want = r->session->home_site;
	if (want == 0) {
		if ((st = db_stmt(r->db, RSQL_SITE_FIRST)) == NULL)
			return db_http_status(db_last_rc(r->db));
		if ((rc = db_step(st)) == DB_ROW) {
			want = db_col_int(st, 0);
			db_reset(st);
		} else if (rc != DB_OK)
			return db_http_status(rc);
	}
	if (want == 0)
		return 200;
	rc = site_load(r->db, want, s);
	if (rc == DB_OK)
		return 404;
	if (rc != DB_ROW)
		return db_http_status(rc);
	page_set_int(r, "Site.Id", s->id);
	page_set(r, "Site.Code", s->code);
	page_set(r, "Site.Name", s->name);
	page_set_int(r, "Form.site.Value", s->id);
	if (close_past_days(r, s) > 0)
		log_info("site %lld: no-shows marked", (long long)s->id);
	return 0;
}

/* See reception.h. */
void
utc_format(time_t t, char out[20])
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	time_format_datetime(&tm, out);
}

/* See reception.h. */
void
site_today(const struct site *s, time_t now, char day[11], char hms[9])
{
	struct tm	tm;
	long		off;

	time_utc_to_local(now, s->zone, &tm, &off);
	time_format_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, day);
	if (hms != NULL)
		snprintf(hms, 9, "%02u:%02u:%02u", (unsigned)tm.tm_hour % 100u,
		    (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u);
}

/* Parse "YYYY-MM-DD" into y, m, d. Returns 0 or -1. */
static int
day_parse(const char *day, int *y, int *m, int *d)
{
	long long	v;
	char		part[5];

	if (day == NULL || strlen(day) != 10 || day[4] != '-' || day[7] != '-')
		return -1;
	snprintf(part, sizeof(part), "%.4s", day);
	if (parse_int(part, 1900, 2200, &v) != 0)
		return -1;
	*y = (int)v;
	snprintf(part, sizeof(part), "%.2s", day + 5);
	if (parse_int(part, 1, 12, &v) != 0)
		return -1;
	*m = (int)v;
	snprintf(part, sizeof(part), "%.2s", day + 8);
	if (parse_int(part, 1, 31, &v) != 0)
		return -1;
	*d = (int)v;
	return 0;
}

/* See reception.h. */
int
day_add(const char *day, int n, char out[11])
{
	struct tm	tm;
	time_t		t;
	int		y, m, d;

	if (day_parse(day, &y, &m, &d) != 0)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + n;
	tm.tm_hour = 12;	/* noon: no day is ever skipped */
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	time_format_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
	return 0;
}

/*
 * The UTC instant of local midnight starting day in the site's zone
 * (a midnight lost to a daylight-saving change is taken one hour later).
 */
static int
midnight_utc(const struct site *s, const char *day, char out[20])
{
	time_t		t;
	int		y, m, d, rc;

	if (day_parse(day, &y, &m, &d) != 0)
		return -1;
	rc = time_local_to_utc(s->zone, y, m, d, 0, 0, &t);
	if (rc == 1)
		rc = time_local_to_utc(s->zone, y, m, d, 1, 0, &t);
	if (rc != 0)
		return -1;
	utc_format(t, out);
	return 0;
}

/* See reception.h. */
int
day_bounds_utc(const struct site *s, const char *day, char from[20],
    char to[20])
{
	char	next[11];

	if (day_add(day, 1, next) != 0)
		return -1;
	if (midnight_utc(s, day, from) != 0 || midnight_utc(s, next, to) != 0)
		return -1;
	return 0;
}

/* See reception.h. */
void
site_time(const struct site *s, const char *utc, const char *fmt,
    char *out, size_t outsz)
{
	time_t	t;

	out[0] = '\0';
	if (utc == NULL || utc[0] == '\0' || time_parse_utc(utc, &t) != 0)
		return;
	if (strcmp(fmt, "%H:%M") == 0)
		time_format_zone(t, s->zone, "%H:%M", out, outsz);
	else
		time_format_zone(t, s->zone, "%Y-%m-%d %H:%M", out, outsz);
}

/* See reception.h. */
void
now_text(char out[27])
{
	time_format_us(time_now_us(), out);
}

/* See reception.h. */
enum db_rc
event_add(struct db *db, int64_t visit, int64_t appointment,
    const char *kind, int64_t station, int64_t counter, int64_t agent,
    const char *outcome, const char *at)
{
	struct db_stmt	*st;

	if ((st = db_stmt(db, RSQL_EVENT_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, visit);
	db_bind_int(st, 1, appointment);
	db_bind_text(st, 2, kind);
	if (station)
		db_bind_int(st, 3, station);
	else
		db_bind_null(st, 3);
	if (counter)
		db_bind_int(st, 4, counter);
	else
		db_bind_null(st, 4);
	if (agent)
		db_bind_int(st, 5, agent);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, outcome);
	db_bind_text(st, 7, at);
	return db_exec(st);
}

/* See reception.h. */
int
options_fill(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 node[48], key[64];

	if ((st = db_stmt(r->db, RSQL_SERVICES)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, r->lang);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Services.%zu.Value", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Services.%zu.Label", n);
		page_set(r, node, db_col_text(st, 1));
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	if ((st = db_stmt(r->db, RSQL_LEVELS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Levels.%zu.Value", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Levels.%zu.Code", n);
		page_set(r, node, db_col_text(st, 1));
		snprintf(key, sizeof(key), "Reception.Level.%s",
		    db_col_text(st, 1));
		snprintf(node, sizeof(node), "Levels.%zu.Label", n);
		page_set(r, node, tpl_has_text(r->hdf, key) ?
		    tpl_text(r->hdf, key) : db_col_text(st, 1));
		n++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

/* What close_txn needs and gives back. */
struct close_ctx {
	struct req		*r;
	const struct site	*s;
	const char		*day;	/* the local day being closed */
	const char		*cutoff; /* UTC: appointments before it */
	int			 marked;
};

/*
 * Close a day (db_txn function): claim it in reception_day_close (a
 * second worker finds it claimed and does nothing), then mark the
 * appointments still booked or confirmed before the cut-off as no-shows,
 * with an audit event each (actor "reception:close-day").
 */
static enum db_rc
close_txn(struct db *db, void *arg)
{
	struct close_ctx	*c = arg;
	struct db_stmt		*st;
	struct actor		 who;
	struct audit_change	 ch[1];
	enum db_rc		 rc;
	int64_t			 ids[256];
	size_t			 n = 0, i;
	char			 idtext[24];

	c->marked = 0;
	if ((st = db_stmt(db, RSQL_CLOSE_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->s->id);
	db_bind_text(st, 1, c->day);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) == 0)
		return DB_OK;
	memset(&who, 0, sizeof(who));
	who.name = "reception:close-day";
	who.reqid = c->r->reqid;
	for (;;) {
		if ((st = db_stmt(db, RSQL_NOSHOW_PENDING)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->s->id);
		db_bind_text(st, 1, c->cutoff);
		n = 0;
		while ((rc = db_step(st)) == DB_ROW) {
			if (n < sizeof(ids) / sizeof(ids[0]))
				ids[n++] = db_col_int(st, 0);
		}
		if (rc != DB_OK)
			return rc;
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			if ((st = db_stmt(db, RSQL_NOSHOW_MARK)) == NULL)
				return db_last_rc(db);
			db_bind_int(st, 0, ids[i]);
			if ((rc = db_exec(st)) != DB_OK)
				return rc;
			snprintf(idtext, sizeof(idtext), "%lld",
			    (long long)ids[i]);
			ch[0] = (struct audit_change){"status", "booked",
			    "noshow"};
			if ((rc = audit_write(db, &who, "appointment", idtext,
			    "noshow", ch, 1)) != DB_OK)
				return rc;
			c->marked++;
		}
		if (n < sizeof(ids) / sizeof(ids[0]))
			break;
	}
	if ((st = db_stmt(db, RSQL_CLOSE_COUNT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->marked);
	db_bind_int(st, 1, c->s->id);
	db_bind_text(st, 2, c->day);
	return db_exec(st);
}

/* See reception.h. */
int
close_past_days(struct req *r, const struct site *s)
{
	struct close_ctx	 c;
	struct db_stmt		*st;
	struct tm		 tm;
	enum db_rc		 rc;
	time_t			 now = time(NULL);
	long			 off;
	char			 today[11], hms[9], day[11], from[20], to[20];
	char			 closes[16] = "";

	site_today(s, now, today, hms);
	time_utc_to_local(now, s->zone, &tm, &off);
	/* Today's last closing time (ISO weekday: Monday 1 .. Sunday 7). */
	if ((st = db_stmt(r->db, RSQL_SITE_CLOSES)) == NULL)
		return -1;
	db_bind_int(st, 0, s->id);
	db_bind_int(st, 1, tm.tm_wday == 0 ? 7 : tm.tm_wday);
	if ((rc = db_step(st)) == DB_ROW) {
		if (!db_col_null(st, 0))
			snprintf(closes, sizeof(closes), "%s",
			    db_col_text(st, 0));
		db_reset(st);
	} else if (rc != DB_OK)
		return -1;
	/* Closed for today once past its closing time (or no hours at
	 * all); else only the days before today are. */
	if (closes[0] == '\0' || strcmp(hms, closes) >= 0)
		snprintf(day, sizeof(day), "%s", today);
	else if (day_add(today, -1, day) != 0)
		return -1;
	if ((st = db_stmt(r->db, RSQL_CLOSE_CHECK)) == NULL)
		return -1;
	db_bind_int(st, 0, s->id);
	db_bind_text(st, 1, day);
	if ((rc = db_step(st)) == DB_ROW) {
		db_reset(st);
		return 0;
	}
	if (rc != DB_OK)
		return -1;
	if (day_bounds_utc(s, day, from, to) != 0)
		return -1;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.s = s;
	c.day = day;
	c.cutoff = to;
	if ((rc = db_txn(r->db, close_txn, &c)) != DB_OK) {
		log_err("closing %s of site %lld: %s", day, (long long)s->id,
		    db_errmsg(r->db));
		return -1;
	}
	if (c.marked > 0)
		log_info("closed %s of site %lld: %d no-shows", day,
		    (long long)s->id, c.marked);
	return c.marked;
}

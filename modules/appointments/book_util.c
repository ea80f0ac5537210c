/*
 * book_util.c: what the pages of the applicants' site share: loading
 * and checking the choices made so far (site, service, public level,
 * web slot), local dates in the site's zone, the month calendar, a
 * day's times, the nearest free times, and rendering a page with any
 * status (a refusal explains itself with the site's own layout).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "appointments.h"
#include "book.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "sql.h"
#include "tpl.h"

/* At most this many calendar days are made ready per page. */
#define MONTH_DAYS_MAX	31

/*
 * Render tpl with the request's HDF as the whole answer, with status.
 * Returns status (or the 500 error page's status if rendering fails).
 */
int
book_render(struct req *r, int status, const char *tpl)
{
	buf_reset(&r->out);
	if (tpl_render(r->hdf, tpl, &r->out) != 0)
		return error_page(r, 500, NULL);
	r->status = status;
	r->done = 1;
	r->ctype = "text/html; charset=utf-8";
	return status;
}

/*
 * Answer with book_problem.cs: title and msg are language keys, back a
 * local URL (or NULL). Returns status.
 */
int
book_problem(struct req *r, int status, const char *title, const char *msg,
    const char *back)
{
	page_set(r, "Page.Title", tpl_text(r->hdf, title));
	page_set(r, "Book.ProblemTitle", title);
	page_set(r, "Book.Problem", msg);
	if (back != NULL)
		page_set(r, "Book.BackHref", back);
	if (hdf_get_value(r->hdf, "Book.LangHref", NULL) == NULL)
		book_lang_href(r, "/book", NULL);
	return book_render(r, status, "appointments/book_problem.cs");
}

/*
 * Set Book.LangHref: path, then "?query&" (or "?"), then "lang=", so
 * the language links keep the page's state. query holds our own
 * numbers and dates, and typed text only %-escaped (http_url_escape).
 */
void
book_lang_href(struct req *r, const char *path, const char *query)
{
	struct buf	b = {0};

	buf_printf(&b, "%s?%s%slang=", path, query ? query : "",
	    query && *query ? "&" : "");
	page_set(r, "Book.LangHref", b.data ? b.data : "/book?lang=");
	buf_free(&b);
}

/*
 * A UTC "YYYY-MM-DD HH:MM:SS" formatted with fmt (strftime) in zone;
 * out gets "" when the time is malformed.
 */
void
book_local_time(const char *utc, const char *zone, const char *fmt,
    char *out, size_t outsz)
{
	time_t	t;

	out[0] = '\0';
	if (utc == NULL || time_parse_utc(utc, &t) != 0)
		return;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	time_format_zone(t, zone, fmt, out, outsz);
#pragma GCC diagnostic pop
}

/* Days since 1970-01-01 of a proleptic Gregorian date (civil
 * calendar arithmetic on March-based years). */
static long
days_from_civil(int y, int m, int d)
{
	long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date of a day number (inverse of days_from_civil). */
static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long	era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ISO weekday (1 = Monday) of a day number. */
static int
weekday_of(long days)
{
	long	w = (days + 3) % 7;	/* 1970-01-01 was a Thursday */

	return (int)(w < 0 ? w + 7 : w) + 1;
}

/* Days in a month. */
static int
month_length(int y, int m)
{
	static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return len[m - 1];
}

/* Parse "YYYY-MM-DD" (a real date, years 2000..2999). Returns 0 or -1. */
int
book_date_parse(const char *s, int *y, int *m, int *d)
{
	long long	v;
	char		tmp[5];

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	snprintf(tmp, sizeof(tmp), "%.4s", s);
	if (parse_int(tmp, 2000, 2999, &v) != 0)
		return -1;
	*y = (int)v;
	snprintf(tmp, sizeof(tmp), "%.2s", s + 5);
	if (!(tmp[0] >= '0' && tmp[0] <= '9') || parse_int(tmp, 1, 12, &v))
		return -1;
	*m = (int)v;
	snprintf(tmp, sizeof(tmp), "%.2s", s + 8);
	if (!(tmp[0] >= '0' && tmp[0] <= '9') || parse_int(tmp, 1, 31, &v))
		return -1;
	*d = (int)v;
	return *d <= month_length(*y, *m) ? 0 : -1;
}

/* out = day + n days (out holds 11 bytes; "" if day is malformed). */
void
book_date_add(const char *day, int n, char out[11])
{
	int	y, m, d;

	out[0] = '\0';
	if (book_date_parse(day, &y, &m, &d) != 0)
		return;
	civil_from_days(days_from_civil(y, m, d) + n, &y, &m, &d);
	time_format_date(y, m, d, out);
}

/* "Monday 15 March 2025" in the page's language. */
void
book_date_label(struct req *r, const char *day, char *out, size_t outsz)
{
	char	key[40], wd[64];
	int	y, m, d;

	if (book_date_parse(day, &y, &m, &d) != 0) {
		snprintf(out, outsz, "%s", day ? day : "");
		return;
	}
	snprintf(key, sizeof(key), "Book.Weekdays.%d",
	    weekday_of(days_from_civil(y, m, d)));
	snprintf(wd, sizeof(wd), "%s", tpl_text(r->hdf, key));
	snprintf(key, sizeof(key), "Book.Months.%d", m);
	snprintf(out, outsz, "%s %d %s %d", wd, d, tpl_text(r->hdf, key), y);
}

/* Today and the last bookable day at the site (Appointments.HorizonDays
 * ahead, default 90). */
static void
book_today(struct req *r, struct book_ctx *c)
{
	long	horizon = conf_get_int(r->conf, "Appointments.HorizonDays", 90);

	if (horizon < 1 || horizon > 366)
		horizon = 90;
	time_format_zone(time(NULL), c->zone, "%Y-%m-%d", c->today,
	    sizeof(c->today));
	book_date_add(c->today, (int)horizon, c->last);
}

/*
 * Load an active site into c and the page (Book.Site.*). Returns 1 if
 * found, 0 if not, or -status on a database error.
 */
int
book_load_site(struct req *r, struct book_ctx *c, int64_t id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if (id <= 0)
		return 0;
	if ((st = db_stmt(r->db, ASQL_BOOK_SITE)) == NULL)
		return -db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 0 : -db_http_status(rc);
	c->site_id = id;
	snprintf(c->site_name, sizeof(c->site_name), "%s", db_col_text(st, 0));
	snprintf(c->address, sizeof(c->address), "%s", db_col_text(st, 1));
	snprintf(c->zone, sizeof(c->zone), "%s", db_col_text(st, 2));
	snprintf(c->cc, sizeof(c->cc), "%s", db_col_text(st, 3));
	db_reset(st);
	c->stamp = -1;
	book_today(r, c);
	page_set_int(r, "Book.Site.Id", id);
	page_set(r, "Book.Site.Name", c->site_name);
	page_set(r, "Book.Site.Address", c->address);
	page_set(r, "Book.Site.Zone", c->zone);
	page_set(r, "Book.Site.PhoneCode", c->cc);
	return 1;
}

/* Load an active service (Book.Service.*). Same convention. */
int
book_load_service(struct req *r, struct book_ctx *c, int64_t id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if (id <= 0)
		return 0;
	if ((st = db_stmt(r->db, ASQL_BOOK_SERVICE)) == NULL)
		return -db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, r->lang);
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 0 : -db_http_status(rc);
	c->service_id = id;
	snprintf(c->service_code, sizeof(c->service_code), "%s",
	    db_col_text(st, 0));
	page_set(r, "Book.Service.Name", db_col_text(st, 1));
	c->needs_document = db_col_int(st, 2) != 0;
	db_reset(st);
	page_set_int(r, "Book.Service.Id", id);
	if (c->needs_document)
		page_set(r, "Book.Service.NeedsDocument", "1");
	return 1;
}

/*
 * Load an active site, an active service and a public level offered on
 * the web for it, with one query through the booking library, into c
 * and the page (Book.Site.*, Book.Service.*, Book.Level.*, as the three
 * loaders above fill them). With recall, the worker's memory of them
 * may answer without a query (c->recalled): only for a page that then
 * confirms them with book_day_slots(). Returns 1 if all three are, 0
 * if any is not, or -status on a database error.
 */
int
book_load_choice(struct req *r, struct book_ctx *c, int64_t site,
    int64_t service, int64_t level, int recall)
{
	struct booking_choice	 ch;
	enum db_rc		 rc;
	char			 key[64];
	int			 k;

	k = recall ? booking_choice_recall(r->db, r->lang, CH_WEB, 1, site,
	    service, level, &ch, &rc) : booking_choice_get(r->db, r->lang,
	    CH_WEB, 1, site, service, level, &ch, &rc);
	if (k <= 0)
		return k < 0 ? -db_http_status(rc) : 0;
	c->recalled = ch.recalled;
	c->site_id = site;
	snprintf(c->site_name, sizeof(c->site_name), "%s", ch.site_name);
	snprintf(c->address, sizeof(c->address), "%s", ch.address);
	snprintf(c->zone, sizeof(c->zone), "%s", ch.zone);
	snprintf(c->cc, sizeof(c->cc), "%s", ch.cc);
	c->stamp = ch.stamp;
	book_today(r, c);
	page_set_int(r, "Book.Site.Id", site);
	page_set(r, "Book.Site.Name", c->site_name);
	page_set(r, "Book.Site.Address", c->address);
	page_set(r, "Book.Site.Zone", c->zone);
	page_set(r, "Book.Site.PhoneCode", c->cc);
	c->service_id = service;
	snprintf(c->service_code, sizeof(c->service_code), "%s",
	    ch.service_code);
	page_set(r, "Book.Service.Name", ch.service_name);
	c->needs_document = ch.needs_document;
	page_set_int(r, "Book.Service.Id", service);
	if (c->needs_document)
		page_set(r, "Book.Service.NeedsDocument", "1");
	c->level_id = level;
	snprintf(c->level_code, sizeof(c->level_code), "%s", ch.level_code);
	snprintf(key, sizeof(key), "Book.Level.Names.%s", c->level_code);
	page_set_int(r, "Book.Level.Id", level);
	page_set(r, "Book.Level.Code", c->level_code);
	page_set(r, "Book.Level.Name", tpl_has_text(r->hdf, key) ?
	    tpl_text(r->hdf, key) : c->level_code);
	return 1;
}

/*
 * Load a slot of c's site and level on the web channel (Book.Slot.*).
 * Returns 1 if it is one (full, past or closed ones included: see
 * c->slot_*), 0 if not, or -status.
 */
int
book_load_slot(struct req *r, struct book_ctx *c, int64_t id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 label[128];
	int		 ok;

	if (id <= 0)
		return 0;
	if ((st = db_stmt(r->db, ASQL_BOOK_SLOT)) == NULL)
		return -db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 0 : -db_http_status(rc);
	ok = db_col_int(st, 0) == c->site_id &&
	    db_col_int(st, 1) == c->level_id &&
	    strcmp(db_col_text(st, 2), "web") == 0;
	snprintf(c->slot_day, sizeof(c->slot_day), "%s", db_col_text(st, 3));
	snprintf(c->slot_hm, sizeof(c->slot_hm), "%s", db_col_text(st, 4));
	c->slot_remaining = (long)db_col_int(st, 5);
	c->slot_future = db_col_int(st, 6) != 0;
	snprintf(c->slot_start, sizeof(c->slot_start), "%s",
	    db_col_text(st, 7));
	c->slot_closed = db_col_int(st, 8) != 0;
	db_reset(st);
	if (!ok)
		return 0;
	c->slot_id = id;
	book_date_label(r, c->slot_day, label, sizeof(label));
	page_set_int(r, "Book.Slot.Id", id);
	page_set(r, "Book.Slot.Day", c->slot_day);
	page_set(r, "Book.Slot.Date", label);
	page_set(r, "Book.Slot.Time", c->slot_hm);
	page_set_int(r, "Book.Slot.Remaining", c->slot_remaining);
	return 1;
}

/* Days of a month with their state, read from the database. */
struct month_day {
	long	remaining;
	long	capacity;
	int	has_slots;
	int	closed;
};

/*
 * The month calendar (Book.Cal.*) of c's site and level for month
 * "YYYY-MM" (clamped to the months from today to the last bookable
 * day; NULL or malformed: this month). Slots of the days shown are
 * made first. Returns 0 or a status.
 */
int
book_calendar(struct req *r, struct book_ctx *c, const char *month)
{
	struct month_day days[32];
	struct db_stmt	*st;
	enum db_rc	 rc;
	long long	 v;
	char		 from[11], to[11], first[11], node[64], tmp[24];
	char		 title[80], key[32], date[11];
	int		 ty, tm, td, ly, lm, ld, y, m, d, len, i, open = 0;
	int		 col, week;
	long		 start;

	if (book_date_parse(c->today, &ty, &tm, &td) != 0 ||
	    book_date_parse(c->last, &ly, &lm, &ld) != 0)
		return 500;
	y = ty;
	m = tm;
	if (month != NULL && strlen(month) == 7 && month[4] == '-') {
		snprintf(tmp, sizeof(tmp), "%.4s", month);
		if (parse_int(tmp, 2000, 2999, &v) == 0) {
			y = (int)v;
			snprintf(tmp, sizeof(tmp), "%.2s", month + 5);
			if (tmp[0] >= '0' && tmp[0] <= '9' &&
			    parse_int(tmp, 1, 12, &v) == 0)
				m = (int)v;
			else
				y = ty;
		}
	}
	if (y * 12 + m < ty * 12 + tm) {
		y = ty;
		m = tm;
	}
	if (y * 12 + m > ly * 12 + lm) {
		y = ly;
		m = lm;
	}
	len = month_length(y, m);
	snprintf(first, sizeof(first), "%04d-%02d-01", y, m);
	snprintf(from, sizeof(from), "%s", strcmp(first, c->today) < 0 ?
	    c->today : first);
	time_format_date(y, m, len, to);
	if (strcmp(to, c->last) > 0)
		snprintf(to, sizeof(to), "%s", c->last);
	memset(days, 0, sizeof(days));
	if (strcmp(from, to) <= 0) {
		int	fy, fm, fd, ey, em, ed, n;

		book_date_parse(from, &fy, &fm, &fd);
		book_date_parse(to, &ey, &em, &ed);
		n = ed - fd + 1;
		if (n > MONTH_DAYS_MAX)
			n = MONTH_DAYS_MAX;
		if ((rc = booking_slots_make(r->db, c->site_id, from, n)) !=
		    DB_OK)
			return db_http_status(rc);
		if ((st = db_stmt(r->db, ASQL_BOOK_MONTH)) == NULL)
			return db_http_status(db_last_rc(r->db));
		db_bind_int(st, 0, c->site_id);
		db_bind_int(st, 1, c->level_id);
		db_bind_text(st, 2, from);
		db_bind_text(st, 3, to);
		db_bind_text(st, 4, from);
		db_bind_text(st, 5, to);
		if (c->move_day[0] != '\0') {
			db_bind_text(st, 6, c->move_day);
			db_bind_text(st, 7, c->move_hm);
		} else {
			db_bind_null(st, 6);
			db_bind_null(st, 7);
		}
		while ((rc = db_step(st)) == DB_ROW) {
			if (book_date_parse(db_col_text(st, 0), &i, &i, &d) ||
			    d < 1 || d > 31)
				continue;
			days[d].has_slots = 1;
			days[d].remaining = (long)db_col_int(st, 1);
			days[d].capacity = (long)db_col_int(st, 2);
		}
		if (rc != DB_OK)
			return db_http_status(rc);
		if ((st = db_stmt(r->db, ASQL_BOOK_CLOSED)) == NULL)
			return db_http_status(db_last_rc(r->db));
		db_bind_int(st, 0, c->site_id);
		db_bind_text(st, 1, from);
		db_bind_text(st, 2, to);
		while ((rc = db_step(st)) == DB_ROW)
			if (book_date_parse(db_col_text(st, 0), &i, &i,
			    &d) == 0)
				days[d].closed = 1;
		if (rc != DB_OK)
			return db_http_status(rc);
	}
	snprintf(key, sizeof(key), "Book.Months.%d", m);
	snprintf(title, sizeof(title), "%s %d", tpl_text(r->hdf, key), y);
	page_set(r, "Book.Cal.Title", title);
	if (y * 12 + m > ty * 12 + tm) {
		snprintf(tmp, sizeof(tmp), "%04d-%02d", m == 1 ? y - 1 : y,
		    m == 1 ? 12 : m - 1);
		page_set(r, "Book.Cal.Prev", tmp);
	}
	if (y * 12 + m < ly * 12 + lm) {
		snprintf(tmp, sizeof(tmp), "%04d-%02d", m == 12 ? y + 1 : y,
		    m == 12 ? 1 : m + 1);
		page_set(r, "Book.Cal.Next", tmp);
	}
	snprintf(tmp, sizeof(tmp), "%04d-%02d", y, m);
	page_set(r, "Book.Cal.Month", tmp);
	/* Weeks from Monday: blank cells before the 1st and after the
	 * last day. */
	start = days_from_civil(y, m, 1);
	col = weekday_of(start) - 1;
	week = 0;
	for (i = 0; i < col; i++) {
		snprintf(node, sizeof(node), "Book.Cal.Weeks.%d.Days.%d.State",
		    week, i);
		page_set(r, node, "");
	}
	for (d = 1; d <= len; d++) {
		const char	*state;

		time_format_date(y, m, d, date);
		if (strcmp(date, from) < 0 || strcmp(date, to) > 0)
			state = "past";
		else if (days[d].closed || !days[d].has_slots ||
		    days[d].capacity == 0)
			state = "closed";
		else if (days[d].remaining == 0)
			state = "full";
		else {
			state = "open";
			open++;
		}
		snprintf(node, sizeof(node), "Book.Cal.Weeks.%d.Days.%d.Num",
		    week, col);
		page_set_int(r, node, d);
		snprintf(node, sizeof(node), "Book.Cal.Weeks.%d.Days.%d.Date",
		    week, col);
		page_set(r, node, date);
		snprintf(node, sizeof(node), "Book.Cal.Weeks.%d.Days.%d.State",
		    week, col);
		page_set(r, node, state);
		snprintf(node, sizeof(node), "Book.Cal.Weeks.%d.Days.%d.Seats",
		    week, col);
		page_set_int(r, node, days[d].remaining);
		snprintf(node, sizeof(node), "Book.Cal.Weeks.%d.Days.%d.Plural",
		    week, col);
		page_set(r, node, tpl_plural(r->lang, days[d].remaining));
		if (++col == 7 && d < len) {
			col = 0;
			week++;
		}
	}
	for (; col > 0 && col < 7; col++) {
		snprintf(node, sizeof(node), "Book.Cal.Weeks.%d.Days.%d.State",
		    week, col);
		page_set(r, node, "");
	}
	if (open == 0)
		page_set(r, "Book.Cal.Empty", "1");
	return 0;
}

/* What day_slot() fills: the page, the counts, a closed day seen; the
 * time not counted as open (a move's own time that day, else NULL); the
 * UTC start of the first time still to come ("" if none). */
struct day_fill {
	struct req	*r;
	HDF		*slots;		/* Book.Slots, made at the first */
	int		 n;
	int		 open;
	int		 closed;
	const char	*own_hm;
	char		 first_future[20];
};

/*
 * One slot of the day page (booking_slot_fn): Book.Slots.N.{Id, Time,
 * Remaining, State} with State past, full or open. Stops at a closed
 * day (the page then says so).
 */
static int
day_slot(const struct booking_slot *s, void *arg)
{
	struct day_fill	*f = arg;
	const char	*state;
	char		 num[24];
	HDF		*row;

	if (s->closed) {
		f->closed = 1;
		return 1;
	}
	if (!s->future)
		state = "past";
	else if (s->remaining == 0)
		state = "full";
	else {
		state = "open";
		if (f->own_hm == NULL || strcmp(s->local_hm, f->own_hm) != 0)
			f->open++;
	}
	if (s->future && (f->first_future[0] == '\0' ||
	    strcmp(s->start_utc, f->first_future) < 0))
		snprintf(f->first_future, sizeof(f->first_future), "%s",
		    s->start_utc);
	/* Each row is set from its own node (names found from there, not
	 * from the root, and not formatted): two dozen rows a page. */
	if (f->slots == NULL)
		f->slots = page_node(f->r, "Book.Slots");
	row = f->slots != NULL ? page_node_in(f->slots,
	    fmt_int(f->n, num)) : NULL;
	page_set_int_in(row, "Id", s->slot_id);
	page_set_in(row, "Time", s->local_hm);
	page_set_int_in(row, "Remaining", s->remaining);
	page_set_in(row, "Plural", tpl_plural(f->r->lang, s->remaining));
	page_set_in(row, "State", state);
	f->n++;
	return 0;
}

/* c's site and level on the web as the booking library's choice. */
static void
day_choice(const struct book_ctx *c, struct booking_choice *ch)
{
	memset(ch, 0, sizeof(*ch));
	ch->site_id = c->site_id;
	snprintf(ch->zone, sizeof(ch->zone), "%s", c->zone);
	ch->stamp = c->stamp;
	ch->recalled = c->recalled;
	ch->service_id = c->service_id;
	ch->level_id = c->level_id;
	ch->levels[0].id = c->level_id;
	snprintf(ch->levels[0].code, sizeof(ch->levels[0].code), "%s",
	    c->level_code);
	ch->nlevels = 1;
}

/* See book.h. */
int
book_day_check(struct req *r, struct book_ctx *c, const char *day)
{
	struct booking_choice	 ch;
	enum db_rc		 rc;
	int			 y, m, d;

	if (book_date_parse(day, &y, &m, &d) != 0)
		return 400;
	if (strcmp(day, c->today) < 0)
		return c->recalled ? BOOK_DAY_STALE : BOOK_DAY_PAST;
	if (strcmp(day, c->last) > 0)
		return c->recalled ? BOOK_DAY_STALE : BOOK_DAY_FAR;
	day_choice(c, &ch);
	c->dver.key_id = 0;
	if ((rc = booking_days_check(r->db, &ch, day, day, 1, &c->dver)) !=
	    DB_OK)
		return db_http_status(rc);
	return ch.stale ? BOOK_DAY_STALE : 0;
}

/* See book.h. */
int
book_day_fill(struct req *r, struct book_ctx *c, const char *day)
{
	struct day_fill		 f;
	struct booking_choice	 ch;
	enum db_rc		 rc;
	char			 label[128];

	memset(&f, 0, sizeof(f));
	f.r = r;
	if (c->move_day[0] != '\0' && strcmp(day, c->move_day) == 0)
		f.own_hm = c->move_hm;
	day_choice(c, &ch);
	if ((rc = booking_days_walk(r->db, &ch, CH_WEB, day, day, &c->dver,
	    day_slot, &f)) != DB_OK)
		return db_http_status(rc);
	if (f.closed || f.n == 0)
		return BOOK_DAY_CLOSED;
	snprintf(c->day_first_future, sizeof(c->day_first_future), "%s",
	    f.first_future);
	book_date_label(r, day, label, sizeof(label));
	page_set(r, "Book.Day.Date", label);
	page_set(r, "Book.Day.Day", day);
	page_set_int(r, "Book.Open", f.open);
	return 0;
}

/*
 * The times of one local day (Book.Day.Date, Book.Slots.N.*,
 * Book.Open) of c's site and level on the web. Checks the day first.
 * Returns 0; BOOK_DAY_PAST, BOOK_DAY_FAR or BOOK_DAY_CLOSED (no time
 * at all that day); BOOK_DAY_STALE when c was recalled and is not
 * current (nor confirmed, for a refused day: its zone says which day
 * it is there); 400 for a malformed day; or a failure status.
 */
int
book_day_slots(struct req *r, struct book_ctx *c, const char *day)
{
	int	s;

	if ((s = book_day_check(r, c, day)) != 0)
		return s;
	return book_day_fill(r, c, day);
}

/*
 * The nearest free web times of c's site and level to UTC start
 * (Book.Alternatives.N.*), after making the slots of the week from
 * c->slot_day. Returns 0 or a status.
 */
int
book_alternatives(struct req *r, struct book_ctx *c, const char *start)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 label[128], node[64], from[11];
	int		 n = 0;

	snprintf(from, sizeof(from), "%s", strcmp(c->slot_day, c->today) > 0 ?
	    c->slot_day : c->today);
	if ((rc = booking_slots_make(r->db, c->site_id, from, 8)) != DB_OK)
		return db_http_status(rc);
	if ((st = db_stmt(r->db, ASQL_BOOK_NEAREST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, c->site_id);
	db_bind_int(st, 1, c->level_id);
	db_bind_int(st, 2, c->slot_id);
	db_bind_text(st, 3, start);
	while ((rc = db_step(st)) == DB_ROW) {
		book_date_label(r, db_col_text(st, 1), label, sizeof(label));
		snprintf(node, sizeof(node), "Book.Alternatives.%d.Id", n);
		page_set(r, node, db_col_text(st, 0));
		snprintf(node, sizeof(node), "Book.Alternatives.%d.Date", n);
		page_set(r, node, label);
		snprintf(node, sizeof(node), "Book.Alternatives.%d.Time", n);
		page_set(r, node, db_col_text(st, 2));
		snprintf(node, sizeof(node), "Book.Alternatives.%d.Remaining",
		    n);
		page_set(r, node, db_col_text(st, 3));
		snprintf(node, sizeof(node), "Book.Alternatives.%d.Plural", n);
		page_set(r, node, tpl_plural(r->lang, db_col_int(st, 3)));
		n++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

/* See book.h. The key is read once per worker. */
int
book_proof(struct req *r, const char *ref, const char *phone, char out[65])
{
	static unsigned char	key[32];
	static int		have_key;
	char			msg[48];

	if (!have_key) {
		if (key_file_get(r->conf, "book-proof", key, sizeof(key)) != 0)
			return -1;
		have_key = 1;
	}
	snprintf(msg, sizeof(msg), "%s:%s", ref, phone);
	mac_hex(key, msg, out);
	return 0;
}

/* See book.h. */
int
book_day_invalid(const struct req *r)
{
	const struct field_value	*v = form_get(r, "day");

	return v != NULL && v->present && !v->valid;
}

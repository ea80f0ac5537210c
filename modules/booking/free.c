/*
 * free.c: the slots of a site's days as every channel reads them (the
 * public day page, the partner API's availability): one indexed query
 * through the library, after making the days' slots. The query reads
 * slot_quota's rows of the days and channel and nothing else but the
 * day's closure and the audit trail's last number; the levels (which,
 * in what order, their codes) come from the choice, and the times are
 * put in their text forms here: the server neither joins, sorts nor
 * formats, which made most of this page's cost.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "booking.h"
#include "htime.h"

/* At most this many slots are read per call (63 days x 96 quarter
 * hours x 3 levels is 18144). */
#define DAY_ROWS_MAX	20000

/* One slot as read, before sorting. */
struct day_row {
	int64_t		 id;
	int64_t		 level_id;
	int64_t		 remaining;
	size_t		 level;		/* index in the choice's levels */
	int		 closed;
	char		 day[11];	/* local "YYYY-MM-DD" */
	char		 hms[9];	/* local "HH:MM:SS" */
	char		 start[20];	/* UTC "YYYY-MM-DD HH:MM:SS" */
};

/* The rows of one call. */
struct day_rows {
	struct day_row	*v;
	size_t		 n;
	size_t		 cap;
};

/* Copy column i of st into out (cut to outsz; by hand: three per
 * slot). */
static void
col_copy(struct db_stmt *st, size_t i, char *out, size_t outsz)
{
	const char	*s = db_col_text(st, i);
	size_t		 n = s != NULL ? strnlen(s, outsz - 1) : 0;

	if (n > 0)
		memcpy(out, s, n);
	out[n] = '\0';
}

/* The value of n ASCII digits at s, or -1 if any is not a digit. */
static long
digits(const char *s, size_t n)
{
	long	v = 0;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * Minutes since 1970-01-01 00:00 of "YYYY-MM-DD" day and "HH:MM" at
 * hm, on a proleptic Gregorian calendar without zones (Howard
 * Hinnant's days_from_civil), or INT64_MIN if malformed.
 */
static int64_t
civil_minutes(const char *day, const char *hm)
{
	long	y = digits(day, 4), m = digits(day + 5, 2);
	long	d = digits(day + 8, 2), h = digits(hm, 2);
	long	mi = digits(hm + 3, 2), era, yoe, doy, doe;

	if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31 || h < 0 || mi < 0 ||
	    day[4] != '-' || day[7] != '-' || hm[2] != ':')
		return INT64_MIN;
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return ((int64_t)(era * 146097 + doe - 719468) * 24 + h) * 60 + mi;
}

/* The index of level_id among c's levels, or c->nlevels if absent. */
static size_t
level_index(const struct booking_choice *c, int64_t level_id)
{
	size_t	i;

	for (i = 0; i < c->nlevels; i++)
		if (c->levels[i].id == level_id)
			break;
	return i;
}

/* Slots in start order, then level rank (then id: a stable order). */
static const struct booking_choice *sort_choice;

static int
row_cmp(const void *a, const void *b)
{
	const struct day_row	*x = a, *y = b;
	int			 k = strcmp(x->start, y->start);
	int64_t			 rx, ry;

	if (k != 0)
		return k;
	rx = sort_choice->levels[x->level].rank;
	ry = sort_choice->levels[y->level].rank;
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Append the current row of st to rows when its level is one of c's.
 * Returns 0, or -1 when out of memory.
 */
static int
row_add(struct day_rows *rows, struct db_stmt *st,
    const struct booking_choice *c)
{
	struct day_row	*r, *nv;
	size_t		 level;

	if ((level = level_index(c, db_col_int(st, 2))) == c->nlevels)
		return 0;	/* not offered for the service on the channel */
	if (rows->n == rows->cap) {
		rows->cap = rows->cap ? rows->cap * 2 : 64;
		if ((nv = realloc(rows->v, rows->cap * sizeof(*nv))) == NULL)
			return -1;
		rows->v = nv;
	}
	r = &rows->v[rows->n++];
	r->id = db_col_int(st, 1);
	r->level_id = db_col_int(st, 2);
	r->level = level;
	col_copy(st, 3, r->day, sizeof(r->day));
	col_copy(st, 4, r->hms, sizeof(r->hms));
	col_copy(st, 5, r->start, sizeof(r->start));
	r->remaining = db_col_int(st, 6);
	if (r->remaining < 0)
		r->remaining = 0;
	r->closed = db_col_int(st, 7) != 0;
	/* DATE, TIME and DATETIME columns: never another length (the
	 * text forms in rows_walk count on it). */
	if (strlen(r->day) != 10 || strlen(r->hms) != 8 ||
	    strlen(r->start) != 19)
		rows->n--;
	return 0;
}

/*
 * Run the day query of c's site, days from..to and channel ch into
 * rows, and the audit trail's last number into *stamp (-1 if none).
 * Returns DB_OK or the error.
 */
static enum db_rc
rows_read(struct db *db, const struct booking_choice *c, enum channel ch,
    const char *from, const char *to, struct day_rows *rows, int64_t *stamp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	*stamp = -1;
	st = booking_stmt(db, c->level_id ? BSQL_DAY_SLOTS_LEVEL :
	    BSQL_DAY_SLOTS);
	if (st == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->site_id);
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	db_bind_text(st, 3, channel_names[ch]);
	if (c->level_id)
		db_bind_int(st, 4, c->level_id);
	while ((rc = db_step(st)) == DB_ROW) {
		*stamp = db_col_null(st, 0) ? -1 : db_col_int(st, 0);
		/* A day without slots: one row, its slot columns NULL. */
		if (db_col_null(st, 1))
			continue;
		if (rows->n >= DAY_ROWS_MAX) {
			db_reset(st);
			return DB_OK;
		}
		if (row_add(rows, st, c) != 0) {
			db_reset(st);
			return DB_ERROR;
		}
	}
	return rc;
}

/*
 * Walk rows (sorted) through fn as booking_slots of c, against the UTC
 * time now ("YYYY-MM-DD HH:MM:SS").
 */
static void
rows_walk(const struct day_rows *rows, const struct booking_choice *c,
    const char *now, booking_slot_fn fn, void *arg)
{
	const struct day_row	*r;
	struct booking_slot	 s;
	int64_t			 local, utc;
	char			 hm[6], start[20];
	size_t			 i;

	s.site_code = c->site_code;
	s.service_code = c->service_code;
	for (i = 0; i < rows->n; i++) {
		r = &rows->v[i];
		/* "HH:MM" and "YYYY-MM-DDTHH:MM:SS" (row_add kept only
		 * rows whose texts have their lengths). */
		memcpy(hm, r->hms, 5);
		hm[5] = '\0';
		memcpy(start, r->day, 10);
		start[10] = 'T';
		memcpy(start + 11, r->hms, 8);
		start[19] = '\0';
		local = civil_minutes(r->day, r->hms);
		utc = civil_minutes(r->start, r->start + 11);
		s.slot_id = r->id;
		s.level_id = r->level_id;
		s.level_code = c->levels[r->level].code;
		s.local_hm = hm;
		s.local_start = start;
		s.offset_minutes = local != INT64_MIN && utc != INT64_MIN ?
		    local - utc : 0;
		s.remaining = r->remaining;
		s.future = strcmp(r->start, now) > 0;
		s.closed = r->closed;
		if (fn(&s, arg) != 0)
			break;
	}
}

/* See booking.h. */
enum db_rc
booking_days_slots(struct db *db, struct booking_choice *c,
    enum channel ch, const char *from, const char *to, int ndays,
    booking_slot_fn fn, void *arg)
{
	struct day_rows	 rows = {NULL, 0, 0};
	struct tm	 tm;
	enum db_rc	 rc;
	int64_t		 stamp;
	time_t		 t;
	char		 now[20];

	c->stale = 0;
	if (ch >= CH__MAX)
		return DB_ERROR;
	if ((rc = booking_slots_make_at(db, c->site_id, c->zone, c->stamp,
	    from, ndays)) != DB_OK)
		return rc;
	/* Read before the clock: a slot starting meanwhile is "past". */
	if ((rc = rows_read(db, c, ch, from, to, &rows, &stamp)) != DB_OK)
		goto out;
	if (c->recalled && stamp != c->stamp) {
		/* An audited change came since the choice was read: it may
		 * name another zone, levels or nothing at all any more. */
		booking_choice_forget(c);
		c->stale = 1;
		goto out;
	}
	t = time(NULL);
	gmtime_r(&t, &tm);
	time_format_datetime(&tm, now);
	sort_choice = c;
	if (rows.n > 1)
		qsort(rows.v, rows.n, sizeof(*rows.v), row_cmp);
	rows_walk(&rows, c, now, fn, arg);
out:
	free(rows.v);
	return rc;
}

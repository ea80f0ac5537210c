/*
 * free.c: the slots of a site's days as every channel reads them (the
 * public day page, the partner API's availability): one indexed query
 * through the library, after making the days' slots. The query reads
 * slot_quota's rows of the days and channel and nothing else but the
 * day's closure and the audit trail's last number; the levels (which,
 * in what order, their codes) come from the choice, and the times are
 * put in their text forms here: the server neither joins, sorts nor
 * formats, which made most of this page's cost.
 *
 * Each worker keeps the rows it read (days_cache), and confirms them
 * on every call with one primary-key range read of slot_day_version
 * (migration 0031: a version per site and local day, moved by triggers
 * in the same transaction as any change of that day's slots or
 * closure, whoever makes it). The rows are used again only when the
 * count and the sum of the versions of the days asked are those seen
 * when the rows were read; the versions are read before the rows, so a
 * change committed in between makes the next call read them again: a
 * booking made through any worker of any host is seen by the next call
 * of every worker. What a slot shows as past is worked out at each call
 * from the clock, never kept. The booking itself stays the authority:
 * its transaction takes the seat with a conditional UPDATE (seat.c).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "booking.h"
#include "htime.h"
#include "memo.h"

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

/* Day reads this worker keeps (a site's days for the public pages and
 * the partner API; a few sites, levels and ranges at once). */
#define DAYS_CACHE_MAX		32
/* Larger reads (weeks of quarter-hour slots) are not kept. */
#define DAYS_CACHE_ROWS_MAX	4096

/*
 * One kept read: the question (site, channel, level or 0, days), the
 * versions it was read at and its rows as read (every level of the
 * query; the choice's are picked at each call). Kept at most
 * BOOKING_RECALL_TTL seconds: the versions say when the rows changed,
 * the lifetime bounds what could go unseen after an event the triggers
 * cannot see (a backup restored under running workers).
 */
struct days_entry {
	int			 used;
	int64_t			 site_id;
	enum channel		 ch;
	int64_t			 level_id;
	char			 from[11], to[11];
	struct booking_days_ver	 ver;
	double			 at;	/* time_mono_s(): read */
	struct day_rows		 rows;
};

static struct days_entry days_cache[DAYS_CACHE_MAX];

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

/* Make room for one more row in rows. Returns 0, or -1 when out of
 * memory. */
static int
rows_grow(struct day_rows *rows)
{
	struct day_row	*nv;

	if (rows->n == rows->cap) {
		rows->cap = rows->cap ? rows->cap * 2 : 64;
		if ((nv = realloc(rows->v, rows->cap * sizeof(*nv))) == NULL)
			return -1;
		rows->v = nv;
	}
	return 0;
}

/*
 * Append the current row of st to rows (every level the query reads:
 * rows_pick keeps the choice's). Returns 0, or -1 when out of memory.
 */
static int
row_add(struct day_rows *rows, struct db_stmt *st)
{
	struct day_row	*r;

	if (rows_grow(rows) != 0)
		return -1;
	r = &rows->v[rows->n++];
	r->id = db_col_int(st, 1);
	r->level_id = db_col_int(st, 2);
	r->level = 0;
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
 * The rows of all whose level is one of c's into out (emptied first),
 * with their level's index in c. Returns 0, or -1 when out of memory.
 */
static int
rows_pick(const struct day_rows *all, const struct booking_choice *c,
    struct day_rows *out)
{
	size_t	i, level;

	out->n = 0;
	for (i = 0; i < all->n; i++) {
		level = level_index(c, all->v[i].level_id);
		if (level == c->nlevels)
			continue;	/* not offered for the service */
		if (rows_grow(out) != 0)
			return -1;
		out->v[out->n] = all->v[i];
		out->v[out->n++].level = level;
	}
	return 0;
}

/*
 * Run the day query of c's site, days from..to and channel ch into
 * rows (every level the query reads). Returns DB_OK or the error.
 */
static enum db_rc
rows_read(struct db *db, const struct booking_choice *c, enum channel ch,
    const char *from, const char *to, struct day_rows *rows)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

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
		/* A day without slots: one row, its slot columns NULL. */
		if (db_col_null(st, 1))
			continue;
		if (rows->n >= DAY_ROWS_MAX) {
			db_reset(st);
			return DB_OK;
		}
		if (row_add(rows, st) != 0) {
			db_reset(st);
			return DB_ERROR;
		}
	}
	return rc;
}

/*
 * The audit trail's last number (ver->stamp, -1 if none) and the
 * versions of days from..to of site (count, sum): one statement, a
 * primary-key read of audit_head and a primary-key range of
 * slot_day_version (and ver->key_id's row of api_key when set). Returns
 * DB_OK or the error.
 */
static enum db_rc
version_read(struct db *db, int64_t site_id, const char *from,
    const char *to, struct booking_days_ver *ver)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	size_t		 b = 0;

	ver->stamp = -1;
	ver->count = ver->sum = 0;
	ver->key_live = 0;
	st = booking_stmt(db, ver->key_id ? BSQL_DAY_VERSION_KEY :
	    BSQL_DAY_VERSION);
	if (st == NULL)
		return db_last_rc(db);
	if (ver->key_id)
		db_bind_int(st, b++, ver->key_id);
	db_bind_int(st, b++, site_id);
	db_bind_text(st, b++, from);
	db_bind_text(st, b, to);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	ver->stamp = db_col_null(st, 0) ? -1 : db_col_int(st, 0);
	ver->count = db_col_int(st, 1);
	ver->sum = db_col_null(st, 2) ? 0 : db_col_int(st, 2);
	if (ver->key_id)
		ver->key_live = db_col_int(st, 3) > 0;
	db_reset(st);
	return DB_OK;
}

/* The kept read of question (site, ch, level, from, to), or NULL. */
static struct days_entry *
cache_find(int64_t site_id, enum channel ch, int64_t level_id,
    const char *from, const char *to)
{
	struct days_entry	*e;
	size_t			 i;

	for (i = 0; i < DAYS_CACHE_MAX; i++) {
		e = &days_cache[i];
		if (e->used && e->site_id == site_id && e->ch == ch &&
		    e->level_id == level_id && strcmp(e->from, from) == 0 &&
		    strcmp(e->to, to) == 0)
			return e;
	}
	return NULL;
}

/* A place for a new read: a free entry, else the oldest one (its rows
 * emptied, their memory kept for the new ones). */
static struct days_entry *
cache_slot(void)
{
	struct days_entry	*e;

	e = &days_cache[memo_pick(days_cache, DAYS_CACHE_MAX,
	    sizeof(days_cache[0]), offsetof(struct days_entry, used),
	    offsetof(struct days_entry, at))];
	e->used = 0;
	e->rows.n = 0;
	return e;
}

/*
 * The rows of question (c's site and level, ch, from..to) at versions
 * ver: this worker's kept read when it was made at the same versions
 * within BOOKING_RECALL_TTL seconds, else a fresh read, kept when small
 * enough. Sets *rowsp to them (owned by the cache, or by *own, which
 * the caller frees). Returns DB_OK or the error.
 */
static enum db_rc
rows_get(struct db *db, const struct booking_choice *c, enum channel ch,
    const char *from, const char *to, const struct booking_days_ver *ver,
    const struct day_rows **rowsp, struct day_rows *own)
{
	struct days_entry	*e;
	enum db_rc		 rc;
	double			 now = time_mono_s();

	e = cache_find(c->site_id, ch, c->level_id, from, to);
	if (e != NULL && e->ver.count == ver->count &&
	    e->ver.sum == ver->sum && now - e->at < BOOKING_RECALL_TTL) {
		*rowsp = &e->rows;
		return DB_OK;
	}
	if (e == NULL)
		e = cache_slot();
	e->used = 0;
	e->rows.n = 0;
	if ((rc = rows_read(db, c, ch, from, to, &e->rows)) != DB_OK) {
		e->rows.n = 0;
		return rc;
	}
	if (e->rows.n > DAYS_CACHE_ROWS_MAX) {
		/* Too large to keep: the caller's for this call. */
		*own = e->rows;
		memset(&e->rows, 0, sizeof(e->rows));
		*rowsp = own;
		return DB_OK;
	}
	e->used = 1;
	e->site_id = c->site_id;
	e->ch = ch;
	e->level_id = c->level_id;
	snprintf(e->from, sizeof(e->from), "%s", from);
	snprintf(e->to, sizeof(e->to), "%s", to);
	e->ver = *ver;
	e->at = now;
	*rowsp = &e->rows;
	return DB_OK;
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
		s.start_utc = r->start;
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
booking_days_check(struct db *db, struct booking_choice *c,
    const char *from, const char *to, int ndays, struct booking_days_ver *v)
{
	enum db_rc	rc;
	int64_t		key_id = v->key_id;

	c->stale = 0;
	memset(v, 0, sizeof(*v));
	v->key_id = key_id;
	if ((rc = booking_slots_make_at(db, c->site_id, c->zone, c->stamp,
	    from, ndays)) != DB_OK)
		return rc;
	/* The versions before the rows (see the top of this file), and
	 * the audit trail's number, which confirms a recalled choice. */
	if ((rc = version_read(db, c->site_id, from, to, v)) != DB_OK)
		return rc;
	if (c->recalled && v->stamp != c->stamp) {
		/* An audited change came since the choice was read: it may
		 * name another zone, levels or nothing at all any more. */
		booking_choice_forget(c);
		c->stale = 1;
	}
	return DB_OK;
}

/* See booking.h. */
enum db_rc
booking_days_walk(struct db *db, const struct booking_choice *c,
    enum channel ch, const char *from, const char *to,
    const struct booking_days_ver *v, booking_slot_fn fn, void *arg)
{
	const struct day_rows	*all = NULL;
	struct day_rows		 own = {NULL, 0, 0}, rows = {NULL, 0, 0};
	struct tm		 tm;
	enum db_rc		 rc;
	time_t			 t;
	char			 now[20];

	if (ch >= CH__MAX)
		return DB_ERROR;
	/* Read before the clock: a slot starting meanwhile is "past". */
	if ((rc = rows_get(db, c, ch, from, to, v, &all, &own)) != DB_OK)
		goto out;
	if (rows_pick(all, c, &rows) != 0) {
		rc = DB_ERROR;
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
	free(own.v);
	return rc;
}

/* See booking.h. */
enum db_rc
booking_days_slots(struct db *db, struct booking_choice *c,
    enum channel ch, const char *from, const char *to, int ndays,
    booking_slot_fn fn, void *arg)
{
	struct booking_days_ver	 v;
	enum db_rc		 rc;

	if (ch >= CH__MAX)
		return DB_ERROR;
	memset(&v, 0, sizeof(v));
	if ((rc = booking_days_check(db, c, from, to, ndays, &v)) != DB_OK ||
	    c->stale)
		return rc;
	return booking_days_walk(db, c, ch, from, to, &v, fn, arg);
}

/* See booking.h. */
enum db_rc
booking_days_slots_key(struct db *db, struct booking_choice *c,
    enum channel ch, const char *from, const char *to, int ndays,
    int64_t key_id, int *key_live, booking_slot_fn fn, void *arg)
{
	struct booking_days_ver	 v;
	enum db_rc		 rc;

	*key_live = 0;
	if (ch >= CH__MAX)
		return DB_ERROR;
	memset(&v, 0, sizeof(v));
	v.key_id = key_id;
	if ((rc = booking_days_check(db, c, from, to, ndays, &v)) != DB_OK)
		return rc;
	*key_live = v.key_live;
	if (c->stale || !v.key_live)
		return DB_OK;
	return booking_days_walk(db, c, ch, from, to, &v, fn, arg);
}

/*
 * slots.c: slot capacity. Concrete slots (slot_quota rows) are made on
 * demand from the weekly template and the per-date overrides, converting
 * each slot's local start time to UTC for that date in the site's zone
 * (see booking.h); every channel finds its slots through here.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "booking.h"
#include "buf.h"
#include "db.h"
#include "htime.h"
#include "log.h"

/* One slot to create, read from BSQL_SLOTS_MISSING. */
struct missing {
	char		 day[11];	/* YYYY-MM-DD, local */
	char		 hm[6];		/* HH:MM, local */
	int64_t		 level_id;
	char		 channel[12];
	int64_t		 capacity;
};

/* At most this many slots are created per call (63 days x 24 hours x 3
 * levels x 4 channels would be 18144: a template has far fewer). */
#define MISSING_MAX 20000

/*
 * Read the missing slots of ndays days from day into a malloc'd array.
 * Returns DB_OK and sets *out (caller frees) and *n, or the error.
 */
static enum db_rc
missing_read(struct db *db, int64_t site_id, const char *day, int ndays,
    struct missing **out, size_t *n)
{
	struct db_stmt	*st;
	struct missing	*v = NULL, *nv;
	size_t		 cap = 0;
	enum db_rc	 rc;

	*out = NULL;
	*n = 0;
	if ((st = booking_stmt(db, BSQL_SLOTS_MISSING)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, day);
	db_bind_int(st, 1, ndays);
	db_bind_int(st, 2, site_id);
	db_bind_int(st, 3, site_id);
	db_bind_int(st, 4, site_id);
	db_bind_int(st, 5, site_id);
	db_bind_int(st, 6, site_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n >= MISSING_MAX) {
			db_reset(st);
			rc = DB_OK;
			break;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL) {
				db_reset(st);
				free(v);
				return DB_ERROR;
			}
			v = nv;
		}
		snprintf(v[*n].day, sizeof(v[*n].day), "%s", db_col_text(st, 0));
		v[*n].level_id = db_col_int(st, 1);
		snprintf(v[*n].channel, sizeof(v[*n].channel), "%s",
		    db_col_text(st, 2));
		snprintf(v[*n].hm, sizeof(v[*n].hm), "%s", db_col_text(st, 3));
		v[*n].capacity = db_col_int(st, 4);
		(*n)++;
	}
	if (rc != DB_OK) {
		free(v);
		*n = 0;
		return rc;
	}
	*out = v;
	return DB_OK;
}

/* Parse "YYYY-MM-DD" and "HH:MM" into numbers. Returns 0 or -1. */
static int
parse_day_hm(const char *day, const char *hm, int *y, int *mo, int *d,
    int *h, int *mi)
{
	long long	v;
	char		tmp[8];

	if (strlen(day) != 10 || day[4] != '-' || day[7] != '-' ||
	    strlen(hm) != 5 || hm[2] != ':')
		return -1;
	snprintf(tmp, sizeof(tmp), "%.4s", day);
	if (parse_int(tmp, 1900, 9999, &v) != 0)
		return -1;
	*y = (int)v;
	snprintf(tmp, sizeof(tmp), "%.2s", day + 5);
	if (parse_int(tmp, 1, 12, &v) != 0)
		return -1;
	*mo = (int)v;
	snprintf(tmp, sizeof(tmp), "%.2s", day + 8);
	if (parse_int(tmp, 1, 31, &v) != 0)
		return -1;
	*d = (int)v;
	snprintf(tmp, sizeof(tmp), "%.2s", hm);
	if (parse_int(tmp, 0, 23, &v) != 0)
		return -1;
	*h = (int)v;
	snprintf(tmp, sizeof(tmp), "%.2s", hm + 3);
	if (parse_int(tmp, 0, 59, &v) != 0)
		return -1;
	*mi = (int)v;
	return 0;
}

/*
 * What a worker found complete: for one site, the local days from..to
 * (days since the epoch) had every slot they need when the audit trail
 * stood at sequence number stamp. Templates, overrides, opening hours
 * and closed dates only change in audited transactions, which move the
 * stamp; slots are never removed. So while the stamp stays, those days
 * need no check (a short lifetime bounds what a change made outside the
 * programs, straight in SQL, could leave unseen).
 */
struct done_range {
	int64_t	 site_id;
	int64_t	 stamp;
	long	 from;
	long	 to;
	time_t	 at;		/* CLOCK_MONOTONIC seconds of the check */
};

#define DONE_MAX	32	/* sites remembered per worker */
#define DONE_TTL	60	/* seconds */

static struct done_range done[DONE_MAX];

/* Monotonic seconds. */
static time_t
mono_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* Days since the epoch of "YYYY-MM-DD", or -1 if malformed. */
static long
day_number(const char *day)
{
	struct tm	tm;
	int		y, mo, d, h, mi;

	if (parse_day_hm(day, "00:00", &y, &mo, &d, &h, &mi) != 0)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	return (long)(timegm(&tm) / 86400);
}

/* Returns 1 if days from..to of site are known complete at stamp. */
static int
done_known(int64_t site_id, int64_t stamp, long from, long to)
{
	time_t	now = mono_now();
	size_t	i;

	for (i = 0; i < DONE_MAX; i++)
		if (done[i].site_id == site_id)
			return done[i].stamp == stamp &&
			    now - done[i].at < DONE_TTL &&
			    done[i].from <= from && to <= done[i].to;
	return 0;
}

/* Remember that days from..to of site were complete at stamp (checked
 * at now): joined to the site's range when it touches it and is still
 * valid, else replacing it (or the oldest entry). */
static void
done_note(int64_t site_id, int64_t stamp, long from, long to, time_t now)
{
	struct done_range	*e = NULL;
	size_t			 i;

	for (i = 0; i < DONE_MAX && e == NULL; i++)
		if (done[i].site_id == site_id)
			e = &done[i];
	if (e != NULL && e->stamp == stamp && now - e->at < DONE_TTL &&
	    from <= e->to + 1 && e->from <= to + 1) {
		/* Keep the older check time: the whole range expires
		 * together. */
		e->from = from < e->from ? from : e->from;
		e->to = to > e->to ? to : e->to;
		return;
	}
	if (e == NULL) {
		e = &done[0];
		for (i = 0; i < DONE_MAX; i++) {
			if (done[i].site_id == 0) {
				e = &done[i];
				break;
			}
			if (done[i].at < e->at)
				e = &done[i];
		}
	}
	e->site_id = site_id;
	e->stamp = stamp;
	e->from = from;
	e->to = to;
	e->at = now;
}

/* The slots missing_read found, to insert (slots_insert). */
struct slots_job {
	int64_t			 site_id;
	const char		*zone;
	const char		*day;	/* the range read: first day, */
	int			 ndays;	/* number of days */
	const struct missing	*v;
	size_t			 n;
};

/*
 * Count the days of ndays from day that lack slots for site (fewer
 * slot_quota rows than template rows). Returns DB_OK with *n, or the
 * error.
 */
static enum db_rc
incomplete_days(struct db *db, int64_t site_id, const char *day, int ndays,
    int64_t *n)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = booking_stmt(db, BSQL_SLOTS_INCOMPLETE)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, day);
	db_bind_int(st, 1, ndays);
	db_bind_int(st, 2, site_id);
	db_bind_int(st, 3, site_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	*n = db_col_int(st, 0);
	db_reset(st);
	return DB_OK;
}

/*
 * db_txn_fn: insert job's slots, each local time converted to UTC in
 * the site's zone once (rows come ordered by day and time). INSERT
 * IGNORE: safe to run again.
 *
 * The site's row is locked first: several workers opening a new month
 * at once would otherwise insert the same thousands of rows together,
 * and since they go in day order, not in the unique key's order (level,
 * channel, start), each one's duplicate checks lock gaps where the
 * others insert: deadlocks, again at every try, until db_txn gave up
 * (a 500 for most of them: the soak found it). Serialised, the second
 * finds the days complete once the first committed and inserts nothing.
 * Returns DB_OK or the error.
 */
static enum db_rc
slots_insert(struct db *db, void *arg)
{
	const struct slots_job	*job = arg;
	const struct missing	*v = job->v;
	struct db_stmt		*st;
	struct tm		 tm;
	enum db_rc		 rc;
	size_t			 i;
	char			 utc[20], lastday[11] = "", lasthm[6] = "";
	time_t			 t = 0;
	int64_t			 incomplete;
	int			 y, mo, d, h, mi, conv = -1;

	if ((st = booking_stmt(db, BSQL_SITE_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, job->site_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;	/* DB_OK: the site is gone, nothing to make */
	db_reset(st);
	/* The transaction's first plain read: it sees what another worker
	 * committed while this one waited for the lock. */
	if ((rc = incomplete_days(db, job->site_id, job->day, job->ndays,
	    &incomplete)) != DB_OK)
		return rc;
	if (incomplete == 0)
		return DB_OK;
	for (i = 0; i < job->n; i++) {
		if (strcmp(v[i].day, lastday) != 0 ||
		    strcmp(v[i].hm, lasthm) != 0) {
			snprintf(lastday, sizeof(lastday), "%s", v[i].day);
			snprintf(lasthm, sizeof(lasthm), "%s", v[i].hm);
			if (parse_day_hm(v[i].day, v[i].hm, &y, &mo, &d, &h,
			    &mi) != 0)
				conv = -1;
			else
				conv = time_local_to_utc(job->zone, y, mo, d,
				    h, mi, &t);
			if (conv < 0)
				log_err("slot %s %s of site %lld: bad time or "
				    "zone %s", v[i].day, v[i].hm,
				    (long long)job->site_id, job->zone);
		}
		/* The spring gap: that local time does not exist today. */
		if (conv != 0)
			continue;
		gmtime_r(&t, &tm);
		time_format_datetime(&tm, utc);
		if ((st = booking_stmt(db, BSQL_SLOT_INSERT)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, job->site_id);
		db_bind_int(st, 1, v[i].level_id);
		db_bind_text(st, 2, v[i].channel);
		db_bind_text(st, 3, utc);
		db_bind_text(st, 4, v[i].day);
		db_bind_text(st, 5, v[i].hm);
		db_bind_int(st, 6, v[i].capacity < 0 ? 0 : v[i].capacity);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* See booking.h. Most calls find the days already known complete
 * (done_known); then the only query is the site's zone and stamp. */
enum db_rc
booking_slots_make(struct db *db, int64_t site_id, const char *day,
    int ndays)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 zone[65];
	int64_t		 stamp;

	if (ndays < 1 || ndays > 63)
		return DB_ERROR;
	if ((st = booking_stmt(db, BSQL_SITE_ZONE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, site_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;	/* DB_OK: no such site, nothing to make */
	snprintf(zone, sizeof(zone), "%s", db_col_text(st, 0));
	stamp = db_col_null(st, 2) ? -1 : db_col_int(st, 2);
	db_reset(st);
	return booking_slots_make_at(db, site_id, zone, stamp, day, ndays);
}

/* See booking.h. */
enum db_rc
booking_slots_make_at(struct db *db, int64_t site_id, const char *zone,
    int64_t stamp, const char *day, int ndays)
{
	struct missing	*v = NULL;
	struct slots_job job;
	enum db_rc	 rc;
	size_t		 n = 0;
	time_t		 now;
	int64_t		 incomplete;
	long		 first;
	int		 remember = 0;

	if (ndays < 1 || ndays > 63)
		return DB_ERROR;
	now = mono_now();
	if ((first = day_number(day)) >= 0 && stamp >= 0) {
		if (done_known(site_id, stamp, first, first + ndays - 1))
			return DB_OK;
		remember = 1;
	}

	/* Else one count finds the days with fewer slots than template
	 * rows (closed days and days without opening hours among them). */
	if ((rc = incomplete_days(db, site_id, day, ndays, &incomplete)) !=
	    DB_OK)
		return rc;
	if (incomplete == 0) {
		if (remember)
			done_note(site_id, stamp, first, first + ndays - 1, now);
		return DB_OK;
	}
	if ((rc = missing_read(db, site_id, day, ndays, &v, &n)) != DB_OK)
		return rc;
	job.site_id = site_id;
	job.zone = zone;
	job.day = day;
	job.ndays = ndays;
	job.v = v;
	job.n = n;
	/* One transaction for all the slots (a site's first weeks are
	 * thousands of rows: one commit each took seconds under load);
	 * inside a caller's transaction, in it. */
	rc = db_in_txn(db) ? slots_insert(db, &job) :
	    db_txn(db, slots_insert, &job);
	if (rc == DB_OK && remember && n < MISSING_MAX)
		done_note(site_id, stamp, first, first + ndays - 1, now);
	free(v);
	return rc;
}

/* See booking.h. */
enum db_rc
booking_slot_under_way(struct db *db, int64_t site_id, int64_t level_id,
    enum channel ch, const char *day, const char *hms, int slot_minutes,
    int64_t *slot_id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	long long	 h = 0, m = 0, nh = 0, nm = 0;
	char		 part[3];

	*slot_id = 0;
	if (ch >= CH__MAX)
		return DB_ERROR;
	if ((rc = booking_slots_make(db, site_id, day, 1)) != DB_OK)
		return rc;
	if ((st = booking_stmt(db, BSQL_SLOT_UNDER_WAY)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, site_id);
	db_bind_int(st, 1, level_id);
	db_bind_text(st, 2, channel_names[ch]);
	db_bind_text(st, 3, day);
	db_bind_text(st, 4, hms);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;	/* DB_OK: no slot has started yet */
	snprintf(part, sizeof(part), "%.2s", db_col_text(st, 1));
	parse_int(part, 0, 23, &h);
	snprintf(part, sizeof(part), "%.2s", db_col_text(st, 1) + 3);
	parse_int(part, 0, 59, &m);
	snprintf(part, sizeof(part), "%.2s", hms);
	parse_int(part, 0, 23, &nh);
	snprintf(part, sizeof(part), "%.2s", hms + 3);
	parse_int(part, 0, 59, &nm);
	/* The slot is under way only until its end. */
	if (nh * 60 + nm < h * 60 + m + slot_minutes)
		*slot_id = db_col_int(st, 0);
	db_reset(st);
	return DB_OK;
}

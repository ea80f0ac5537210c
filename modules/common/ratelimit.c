/*
 * ratelimit.c: per-key sliding-window rate limits on table rate_hit.
 * Counting and inserting are two statements, not one transaction: a
 * burst of concurrent hits may pass the limit by a few, which is fine
 * for throttling (quotas that must never be exceeded take their seat
 * with a conditional UPDATE instead, see modules/booking/seat.c).
 */
#include "config.h"

#include <sodium.h>

#include "common_sql.h"
#include "db.h"
#include "log.h"
#include "ratelimit.h"

/* One record in this many purges rows older than a day. */
#define PURGE_ONE_IN	64

/* See ratelimit.h. */
enum db_rc
ratelimit_check(struct db *db, const char *bucket, const char *key,
    long window_s, long max, long *wait)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	long		 count, oldest;

	*wait = 0;
	if (window_s < 1)
		window_s = 1;
	if (window_s > RATELIMIT_MAX_WINDOW)
		window_s = RATELIMIT_MAX_WINDOW;
	if ((st = db_cstmt(db, CSQL_RATE_COUNT)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, bucket);
	db_bind_text(st, 1, key != NULL ? key : "-");
	db_bind_int(st, 2, window_s);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	count = (long)db_col_int(st, 0);
	oldest = (long)db_col_int(st, 1);
	db_reset(st);
	if (count >= max) {
		/* Allowed again when the oldest hit leaves the window. */
		*wait = window_s - oldest;
		if (*wait < 1)
			*wait = 1;
	}
	return DB_OK;
}

/* See ratelimit.h. */
enum db_rc
ratelimit_record(struct db *db, const char *bucket, const char *key)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_cstmt(db, CSQL_RATE_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, bucket);
	db_bind_text(st, 1, key != NULL ? key : "-");
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (randombytes_uniform(PURGE_ONE_IN) == 0 &&
	    (st = db_cstmt(db, CSQL_RATE_PURGE)) != NULL &&
	    db_exec(st) != DB_OK)
		log_warn("rate_hit purge failed: %s", db_errmsg(db));
	return DB_OK;
}

/* See ratelimit.h. */
enum db_rc
ratelimit_hit(struct db *db, const char *bucket, const char *key,
    long window_s, long max, long *wait)
{
	enum db_rc	rc;

	if ((rc = ratelimit_check(db, bucket, key, window_s, max, wait)) !=
	    DB_OK || *wait > 0)
		return rc;
	return ratelimit_record(db, bucket, key);
}

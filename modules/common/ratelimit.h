/*
 * ratelimit.h: a generic per-key rate limit on the rate_hit table
 * (migration 0003): at most max hits of one key (a client address, a
 * phone ...) in a bucket ("book_confirm") within a sliding window.
 * State lives in the database, so every worker on every host shares it.
 * Old rows are purged opportunistically. Windows are capped at one day
 * (rows older than that are purged).
 */
#ifndef HAVRE_RATELIMIT_H
#define HAVRE_RATELIMIT_H

#include "db.h"

#define RATELIMIT_MAX_WINDOW	86400

/*
 * Check whether key may make one more hit in bucket without recording
 * it. Returns DB_OK with *wait = 0 (allowed) or the seconds until the
 * oldest hit in the window expires (refused); or the database error
 * (*wait is then 0).
 */
enum db_rc	 ratelimit_check(struct db *, const char *bucket,
		    const char *key, long window_s, long max, long *wait);
/* Record one hit of key in bucket (and now and then purge old rows).
 * Returns DB_OK or the database error. */
enum db_rc	 ratelimit_record(struct db *, const char *bucket,
		    const char *key);
/*
 * Check, and when allowed record, one hit: ratelimit_check followed by
 * ratelimit_record. Returns DB_OK with *wait = 0 (allowed, recorded) or
 * > 0 (refused, not recorded), or the database error.
 */
enum db_rc	 ratelimit_hit(struct db *, const char *bucket,
		    const char *key, long window_s, long max, long *wait);

#endif

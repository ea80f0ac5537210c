/*
 * htime.h: time helpers. Times are stored in UTC (DATETIME(6)) and
 * shown in a site's or the agency's zone.
 */
#ifndef HAVRE_HTIME_H
#define HAVRE_HTIME_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Microseconds since the epoch, UTC. */
int64_t	 time_now_us(void);
/* Format microseconds since the epoch as "YYYY-MM-DD HH:MM:SS.uuuuuu"
 * (UTC), the text form of DATETIME(6). out holds 27 bytes. */
void	 time_format_us(int64_t us, char out[27]);
/* Parse "YYYY-MM-DD HH:MM:SS[.uuuuuu]" (UTC) into seconds since the
 * epoch. Returns 0 or -1 if malformed. */
int	 time_parse_utc(const char *, time_t *);
/*
 * Format a UTC time for display in an IANA zone ("Europe/Paris") as
 * fmt (strftime). Returns 0, or -1 if the zone is unknown (then UTC
 * is used).
 */
int	 time_format_zone(time_t, const char *zone, const char *fmt,
	    char *out, size_t outsz) __attribute__((format(strftime, 3, 0)));

#endif

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
/* Seconds of the monotonic clock (for durations and cache ages: a
 * clock set back does not make them negative). */
double	 time_mono_s(void);
/* Format microseconds since the epoch as "YYYY-MM-DD HH:MM:SS.uuuuuu"
 * (UTC), the text form of DATETIME(6). out holds 27 bytes. */
void	 time_format_us(int64_t us, char out[27]);
/* Format a calendar date as "YYYY-MM-DD" (the year taken modulo
 * 10000, month and day as given: a partial date keeps its zeros).
 * out holds 11 bytes. */
void	 time_format_date(int year, int month, int day, char out[11]);
/* Format a broken-down time as "YYYY-MM-DD HH:MM:SS", the text form of
 * DATETIME. out holds 20 bytes. */
void	 time_format_datetime(const struct tm *, char out[20]);
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

/*
 * Local wall-clock time in an IANA zone to UTC. zone must name a file
 * under /usr/share/zoneinfo. On a daylight-saving change a local time
 * may not exist (the spring gap) or exist twice (the autumn repeat): the
 * repeat gives its first occurrence (the earlier instant). Returns 0 and
 * sets *out, 1 if the time does not exist that day, or -1 if the zone
 * is unknown or the date malformed.
 */
int	 time_local_to_utc(const char *zone, int year, int month, int day,
	    int hour, int minute, time_t *out);
/*
 * UTC to local wall-clock time in zone: fills *tm (tm_year as struct tm
 * has it) and *gmtoff (seconds east of UTC). Returns 0, or -1 if the
 * zone is unknown (then UTC is used).
 */
int	 time_utc_to_local(time_t, const char *zone, struct tm *,
	    long *gmtoff);
/* Returns 1 if zone names a time zone of /usr/share/zoneinfo, else 0. */
int	 time_zone_valid(const char *zone);
/* ISO 8601 with the zone's offset: "2025-03-30T09:00:00+02:00". out
 * holds 26 bytes. Returns 0, or -1 if the zone is unknown (UTC used). */
int	 time_iso8601_zone(time_t, const char *zone, char out[26]);
/* ISO weekday (1 = Monday .. 7 = Sunday) of a calendar date, or 0 if
 * the date is malformed. */
int	 time_iso_weekday(int year, int month, int day);

#endif

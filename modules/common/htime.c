/*
 * htime.c: UTC storage and per-zone display of times.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "htime.h"

/* See htime.h. */
int64_t
time_now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* See htime.h. */
void
time_format_us(int64_t us, char out[27])
{
	time_t		secs = (time_t)(us / 1000000);
	struct tm	tm;
	char		tmp[64];

	gmtime_r(&secs, &tm);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d %02d:%02d:%02d.%06d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (int)(us % 1000000));
	memcpy(out, tmp, 26);
	out[26] = '\0';
}

/* See htime.h. */
int
time_parse_utc(const char *s, time_t *out)
{
	struct tm	tm;
	int		n = 0;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL || sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
	    &n) != 6 || n != 19)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm);
	return 0;
}

/*
 * See htime.h. The zone database is consulted through TZ; workers are
 * single-threaded, and TZ is restored to UTC afterwards.
 */
int
time_format_zone(time_t t, const char *zone, const char *fmt, char *out,
    size_t outsz)
{
	struct tm	tm;
	int		rc = 0;
	char		path[256];
	FILE		*f;

	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s",
	    zone ? zone : "UTC");
	if (zone == NULL || strstr(zone, "..") != NULL ||
	    (f = fopen(path, "r")) == NULL) {
		zone = "UTC";
		rc = -1;
	} else
		fclose(f);
	setenv("TZ", zone, 1);
	tzset();
	localtime_r(&t, &tm);
	/* fmt is checked at each call site: see the attribute in htime.h. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (strftime(out, outsz, fmt, &tm) == 0 && outsz > 0)
		out[0] = '\0';
#pragma GCC diagnostic pop
	setenv("TZ", "UTC", 1);
	tzset();
	return rc;
}

/*
 * htime.c: UTC storage and per-zone display of times.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "htime.h"


/* UTC as a POSIX TZ string: the C library needs no zone file for it
 * (the name "UTC" made tzset() read /usr/share/zoneinfo/UTC). */
#define UTC_TZ	"UTC0"

/*
 * The C library's local time is the zone of the last conversion made
 * here: each function below points TZ at its zone first (zone_set), and
 * nothing in the programs reads local time otherwise (UTC goes through
 * gmtime_r and timegm). Going back to UTC after each conversion made
 * tzset() read the site's zone file again at the next one (glibc keeps
 * one zone's rules): on a page that converts once, nine system calls
 * and a parse of the file for nothing.
 */

/* See htime.h. */
int64_t
time_now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* See htime.h. */
double
time_mono_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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
void
time_format_date(int year, int month, int day, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)year % 10000u,
	    (unsigned)month % 100u, (unsigned)day % 100u);
}

/* See htime.h. */
void
time_format_datetime(const struct tm *tm, char out[20])
{
	snprintf(out, 20, "%04u-%02u-%02u %02u:%02u:%02u",
	    (unsigned)(tm->tm_year + 1900) % 10000u,
	    (unsigned)(tm->tm_mon + 1) % 100u, (unsigned)tm->tm_mday % 100u,
	    (unsigned)tm->tm_hour % 100u, (unsigned)tm->tm_min % 100u,
	    (unsigned)tm->tm_sec % 100u);
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

/* Point the C library's local time at zone (TZ + tzset), unless it is
 * there already (see above). */
static void
zone_set(const char *zone)
{
	const char	*now = getenv("TZ");

	if (now != NULL && strcmp(now, zone) == 0)
		return;
	setenv("TZ", zone, 1);
	tzset();
}

/*
 * See htime.h. The zone database is consulted through TZ; workers are
 * single-threaded, and TZ stays at that zone (see above).
 */
int
time_format_zone(time_t t, const char *zone, const char *fmt, char *out,
    size_t outsz)
{
	struct tm	tm;
	int		rc = 0;

	if (!time_zone_valid(zone)) {
		zone = UTC_TZ;
		rc = -1;
	}
	zone_set(zone);
	localtime_r(&t, &tm);
	/* fmt is checked at each call site: see the attribute in htime.h. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (strftime(out, outsz, fmt, &tm) == 0 && outsz > 0)
		out[0] = '\0';
#pragma GCC diagnostic pop
	return rc;
}

/* See htime.h. Names are made of [A-Za-z0-9_+-] segments joined by
 * "/", never start with "/" or contain "..", and name a TZif file. */
int
time_zone_valid(const char *zone)
{
	/* The last zone found valid: pages ask for one site's zone again
	 * and again (a zone file does not go away under a worker). */
	static char	 last[65];
	char		 path[256], magic[4];
	FILE		*f;
	size_t		 n;

	if (zone == NULL || zone[0] == '\0' || zone[0] == '/' ||
	    strlen(zone) > 64 || strstr(zone, "..") != NULL ||
	    strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_+-/") != strlen(zone))
		return 0;
	if (strcmp(zone, last) == 0)
		return 1;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	n = fread(magic, 1, sizeof(magic), f);
	fclose(f);
	if (n != sizeof(magic) || memcmp(magic, "TZif", 4) != 0)
		return 0;
	snprintf(last, sizeof(last), "%s", zone);
	return 1;
}


/* Offset east of UTC in effect at t in the current TZ. */
static long
offset_at(time_t t)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	return tm.tm_gmtoff;
}

/*
 * See htime.h. The wall-clock fields read as if they were UTC give t0;
 * the instant is t0 - offset for an offset in effect around that day.
 * Each offset in effect a day before, at, and a day after t0 is tried;
 * the candidates whose local time reads back as the asked fields are
 * the answers (none: gap; two: the autumn repeat, take the earlier).
 */
int
time_local_to_utc(const char *zone, int year, int month, int day, int hour,
    int minute, time_t *out)
{
	struct tm	want, got;
	time_t		t0, cand, best = 0;
	long		offs[3];
	int		i, found = 0;

	if (!time_zone_valid(zone) || year < 1900 || year > 9999 ||
	    month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 ||
	    hour > 23 || minute < 0 || minute > 59)
		return -1;
	memset(&want, 0, sizeof(want));
	want.tm_year = year - 1900;
	want.tm_mon = month - 1;
	want.tm_mday = day;
	want.tm_hour = hour;
	want.tm_min = minute;
	t0 = timegm(&want);
	/* timegm normalises 31 February: refuse dates that moved. */
	gmtime_r(&t0, &got);
	if (got.tm_mday != day || got.tm_mon != month - 1)
		return -1;
	zone_set(zone);
	offs[0] = offset_at(t0 - 86400);
	offs[1] = offset_at(t0);
	offs[2] = offset_at(t0 + 86400);
	for (i = 0; i < 3; i++) {
		cand = t0 - offs[i];
		localtime_r(&cand, &got);
		if (got.tm_year != want.tm_year || got.tm_mon != want.tm_mon ||
		    got.tm_mday != want.tm_mday || got.tm_hour != hour ||
		    got.tm_min != minute)
			continue;
		if (!found || cand < best)
			best = cand;
		found = 1;
	}
	if (!found)
		return 1;
	*out = best;
	return 0;
}

/* See htime.h. */
int
time_utc_to_local(time_t t, const char *zone, struct tm *tm, long *gmtoff)
{
	int	rc = 0;

	if (!time_zone_valid(zone)) {
		gmtime_r(&t, tm);
		if (gmtoff != NULL)
			*gmtoff = 0;
		return -1;
	}
	zone_set(zone);
	localtime_r(&t, tm);
	if (gmtoff != NULL)
		*gmtoff = tm->tm_gmtoff;
	return rc;
}

/* See htime.h. */
int
time_iso8601_zone(time_t t, const char *zone, char out[26])
{
	struct tm	tm;
	long		off, a;
	int		rc;
	char		tmp[64];

	rc = time_utc_to_local(t, zone, &tm, &off);
	a = off < 0 ? -off : off;
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+', a / 3600,
	    (a % 3600) / 60);
	memcpy(out, tmp, 25);
	out[25] = '\0';
	return rc;
}

/* See htime.h. */
int
time_iso_weekday(int year, int month, int day)
{
	struct tm	tm, got;
	time_t		t;

	if (year < 1900 || year > 9999 || month < 1 || month > 12 ||
	    day < 1 || day > 31)
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &got);
	if (got.tm_mday != day)
		return 0;
	return got.tm_wday == 0 ? 7 : got.tm_wday;
}

/*
 * test_time.c: unit tests of htime.c's zone conversions: local wall
 * clock to UTC and back in Europe/Paris (ordinary winter and summer
 * days, the spring-forward gap, the autumn repeat), America/Port-au-
 * Prince (its own daylight-saving rules), UTC, unknown zones, ISO 8601
 * with the zone's offset, and ISO weekdays.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "htime.h"
#include "tap.h"

/* "YYYY-MM-DD HH:MM" in UTC for t, into out (64 bytes). */
static const char *
utc_text(time_t t, char out[64])
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	snprintf(out, 64, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
	return out;
}

static void
test_paris(void)
{
	time_t	t = 0;
	char	s[64];

	is_int(time_local_to_utc("Europe/Paris", 2025, 1, 15, 9, 0, &t), 0,
	    "Paris winter 09:00 exists");
	is_str(utc_text(t, s), "2025-01-15 08:00", "winter: UTC+1");
	is_int(time_local_to_utc("Europe/Paris", 2025, 7, 15, 9, 0, &t), 0,
	    "Paris summer 09:00 exists");
	is_str(utc_text(t, s), "2025-07-15 07:00", "summer: UTC+2");
	/* 30 March 2025: 02:00 -> 03:00. */
	is_int(time_local_to_utc("Europe/Paris", 2025, 3, 30, 2, 0, &t), 1,
	    "spring forward: 02:00 does not exist");
	is_int(time_local_to_utc("Europe/Paris", 2025, 3, 30, 2, 30, &t), 1,
	    "spring forward: 02:30 does not exist");
	is_int(time_local_to_utc("Europe/Paris", 2025, 3, 30, 1, 0, &t), 0,
	    "spring forward: 01:00 exists");
	is_str(utc_text(t, s), "2025-03-30 00:00", "01:00 is UTC+1");
	is_int(time_local_to_utc("Europe/Paris", 2025, 3, 30, 3, 0, &t), 0,
	    "spring forward: 03:00 exists");
	is_str(utc_text(t, s), "2025-03-30 01:00", "03:00 is UTC+2");
	is_int(time_local_to_utc("Europe/Paris", 2025, 3, 30, 9, 0, &t), 0,
	    "spring forward day 09:00");
	is_str(utc_text(t, s), "2025-03-30 07:00", "09:00 is UTC+2");
	/* 26 October 2025: 03:00 -> 02:00; 02:30 happens twice. */
	is_int(time_local_to_utc("Europe/Paris", 2025, 10, 26, 2, 30, &t), 0,
	    "autumn repeat: 02:30 exists");
	is_str(utc_text(t, s), "2025-10-26 00:30",
	    "autumn repeat: first occurrence (UTC+2)");
	is_int(time_local_to_utc("Europe/Paris", 2025, 10, 26, 9, 0, &t), 0,
	    "autumn day 09:00");
	is_str(utc_text(t, s), "2025-10-26 08:00", "09:00 is UTC+1 again");
	is_int(time_local_to_utc("Europe/Paris", 2025, 2, 30, 9, 0, &t), -1,
	    "30 February refused");
}

static void
test_haiti_utc(void)
{
	time_t	t = 0;
	char	s[64], iso[26];

	is_int(time_local_to_utc("America/Port-au-Prince", 2025, 1, 15, 9, 0,
	    &t), 0, "Port-au-Prince winter");
	is_str(utc_text(t, s), "2025-01-15 14:00", "winter: UTC-5");
	is_int(time_local_to_utc("America/Port-au-Prince", 2025, 7, 15, 9, 0,
	    &t), 0, "Port-au-Prince summer");
	is_str(utc_text(t, s), "2025-07-15 13:00", "summer: UTC-4");
	/* 9 March 2025: 02:00 -> 03:00 in Haiti. */
	is_int(time_local_to_utc("America/Port-au-Prince", 2025, 3, 9, 2, 0,
	    &t), 1, "Haiti spring gap");
	time_iso8601_zone(t = 1752584400, "America/Port-au-Prince", iso);
	is_str(iso, "2025-07-15T09:00:00-04:00", "ISO 8601 with -04:00");
	time_iso8601_zone(1736928000, "Europe/Paris", iso);
	is_str(iso, "2025-01-15T09:00:00+01:00", "ISO 8601 with +01:00");
	is_int(time_local_to_utc("UTC", 2025, 3, 30, 2, 0, &t), 0,
	    "UTC has no gap");
	is_str(utc_text(t, s), "2025-03-30 02:00", "UTC is itself");
	time_iso8601_zone(t, "UTC", iso);
	is_str(iso, "2025-03-30T02:00:00+00:00", "ISO 8601 in UTC");
	is_int(time_local_to_utc("Mars/Olympus", 2025, 1, 1, 9, 0, &t), -1,
	    "unknown zone");
	is_int(time_local_to_utc("../etc/passwd", 2025, 1, 1, 9, 0, &t), -1,
	    "path in zone refused");
	ok(time_zone_valid("Europe/Paris"), "zone valid");
	ok(!time_zone_valid("/etc/passwd"), "absolute path invalid");
	ok(!time_zone_valid(""), "empty invalid");
	ok(!time_zone_valid("Europe"), "a folder is not a zone");
}

static void
test_weekday(void)
{
	is_int(time_iso_weekday(2025, 3, 30), 7, "30 March 2025 is a Sunday");
	is_int(time_iso_weekday(2025, 3, 31), 1, "31 March 2025 is a Monday");
	is_int(time_iso_weekday(2024, 2, 29), 4, "29 February 2024: Thursday");
	is_int(time_iso_weekday(2025, 2, 29), 0, "29 February 2025 refused");
}

static void
test_format_date(void)
{
	char		d[11], dt[20];
	struct tm	tm;

	time_format_date(2026, 4, 7, d);
	is_str(d, "2026-04-07", "a full date");
	time_format_date(1988, 4, 0, d);
	is_str(d, "1988-04-00", "a birth date known to the month keeps its zero day");
	time_format_date(812, 1, 1, d);
	is_str(d, "0812-01-01", "a year below 1000 is padded");
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 11;
	tm.tm_mday = 6;
	tm.tm_hour = 5;
	tm.tm_min = 4;
	tm.tm_sec = 3;
	time_format_datetime(&tm, dt);
	is_str(dt, "2026-12-06 05:04:03", "a DATETIME's text");
}

int
main(void)
{
	test_format_date();
	test_paris();
	test_haiti_utc();
	test_weekday();
	return done_testing();
}

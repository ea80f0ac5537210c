/*
 * fuzz_time.c: libFuzzer target for what turns numbers and dates into
 * the text of pages: the time-zone check (a zone name reaches a file
 * path), local wall-clock time to UTC and back (the partner API's dates
 * and the slot builder), the ISO 8601 form, DATETIME text, and the
 * plural category chosen for a count in each language.
 *
 * Input: line 1 = a zone name; line 2 = "Y-M-D h:m" (a local time in
 * that zone); line 3 = a DATETIME text; line 4 = a count.
 */
#include <ctype.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "htime.h"
#include "tpl.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The longest clock change looked back over: an autumn repeat puts the
 * later occurrence of a local time at most this much after the earlier. */
#define REPEAT_MAX	(3 * 3600)

/* Next line of *s (cut at '\n'), or "" when none is left. */
static char *
next_line(char **s)
{
	char	*line = *s, *nl;

	if (line == NULL)
		return (char *)"";
	if ((nl = strchr(line, '\n')) != NULL) {
		*nl = '\0';
		*s = nl + 1;
	} else
		*s = NULL;
	return line;
}

/* A zone accepted as valid names a file under /usr/share/zoneinfo
 * without leaving it. */
static void
check_zone(const char *zone)
{
	if (!time_zone_valid(zone))
		return;
	if (zone[0] == '/' || strstr(zone, "..") != NULL ||
	    strlen(zone) > 64)
		abort();
}

/* "YYYY-MM-DDTHH:MM:SS+HH:MM" with digits where digits belong. */
static void
check_iso(const char *s)
{
	static const char	pat[] = "dddd-dd-ddTdd:dd:dd?dd:dd";
	size_t			i;

	if (strlen(s) != sizeof(pat) - 1)
		abort();
	for (i = 0; pat[i] != '\0'; i++)
		if ((pat[i] == 'd' && !isdigit((unsigned char)s[i])) ||
		    (pat[i] == '?' && s[i] != '+' && s[i] != '-') ||
		    (pat[i] != 'd' && pat[i] != '?' && s[i] != pat[i]))
			abort();
}

/* A local time that converts reads back as itself in the zone, and its
 * ISO form is well made. */
static void
check_local(const char *zone, const char *text)
{
	struct tm	tm;
	time_t		t, back;
	long		off;
	char		iso[26];
	int		y, mo, d, h, mi, rc;

	if (sscanf(text, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) != 5)
		return;
	rc = time_local_to_utc(zone, y, mo, d, h, mi, &t);
	if (rc == -1)
		return;
	if (!time_zone_valid(zone) || y < 1900 || y > 9999 || mo < 1 ||
	    mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 ||
	    mi > 59)
		abort();
	if (rc == 1)
		return;		/* the spring gap: no such local time */
	if (rc != 0 || time_utc_to_local(t, zone, &tm, &off) != 0)
		abort();
	if (tm.tm_year + 1900 != y || tm.tm_mon + 1 != mo ||
	    tm.tm_mday != d || tm.tm_hour != h || tm.tm_min != mi ||
	    tm.tm_sec != 0)
		abort();
	/* the earlier of an autumn repeat is the one given */
	for (back = 1800; back <= REPEAT_MAX; back += 1800) {
		if (time_utc_to_local(t - back, zone, &tm, &off) != 0)
			abort();
		if (tm.tm_year + 1900 == y && tm.tm_mon + 1 == mo &&
		    tm.tm_mday == d && tm.tm_hour == h && tm.tm_min == mi)
			abort();
	}
	time_iso8601_zone(t, zone, iso);
	check_iso(iso);
}

/* DATETIME text that parses formats back to text that parses to the
 * same instant (years 1..9999, what a DATETIME column holds). */
static void
check_datetime(const char *text)
{
	struct tm	tm;
	time_t		t, u;
	char		out[20];

	if (time_parse_utc(text, &t) != 0)
		return;
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 < 1 ||
	    tm.tm_year + 1900 > 9999)
		return;
	time_format_datetime(&tm, out);
	if (strlen(out) != 19 || time_parse_utc(out, &u) != 0 || u != t)
		abort();
}

/* Every language answers a CLDR category for any count, English "one"
 * exactly for 1 and -1. */
static void
check_plural(const char *text)
{
	static const char *const langs[] = { "en", "fr", "ar", "es", "ht",
	    "xx", NULL };
	static const char *const cats[] = { "zero", "one", "two", "few",
	    "many", "other", NULL };
	const char	*c;
	long long	 n;
	size_t		 i, j;
	char		*end;

	n = strtoll(text, &end, 10);
	if (end == text)
		return;
	for (i = 0; langs[i] != NULL; i++) {
		c = tpl_plural(langs[i], n);
		for (j = 0; cats[j] != NULL && strcmp(c, cats[j]) != 0; j++)
			;
		if (cats[j] == NULL)
			abort();
	}
	if ((strcmp(tpl_plural("en", n), "one") == 0) != (n == 1 || n == -1))
		abort();
	(void)tpl_plural(NULL, n);
}

/* Returns 0; aborts when an invariant breaks. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, *rest, *zone, *local, *dt, *count;

	if (size > 4096 || (s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	rest = s;
	zone = next_line(&rest);
	local = next_line(&rest);
	dt = next_line(&rest);
	count = next_line(&rest);
	check_zone(zone);
	check_local(zone, local);
	check_datetime(dt);
	check_plural(count);
	free(s);
	return 0;
}

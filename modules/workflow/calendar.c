/*
 * calendar.c: day numbers (days since 1970-01-01, proleptic Gregorian,
 * by the civil-from-days arithmetic of H. Hinnant's date algorithms)
 * and the agency's working days: not a weekend day, not a closed day.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "htime.h"
#include "wf.h"

int64_t
wf_day(int y, int m, int d)
{
	int64_t		era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
wf_ymd(int64_t z, int *year, int *month, int *mday)
{
	int64_t		era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	*year = (int)(y + (m <= 2));
	*month = (int)m;
	*mday = (int)d;
}

static int
month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
wf_day_parse(const char *s, int64_t *day)
{
	int	y, m, d, n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d,
	    &n) != 3 || n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > month_days(y, m))
		return -1;
	*day = wf_day(y, m, d);
	return 0;
}

void
wf_day_format(int64_t day, char out[11])
{
	int	y, m, d;

	wf_ymd(day, &y, &m, &d);
	time_format_date(y, m, d, out);
}

int
wf_weekday(int64_t day)
{
	/* 1970-01-01 was a Thursday (4). */
	int64_t	w = (day % 7 + 7 + 3) % 7;

	return (int)w + 1;
}

static int
cmp_day(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int
wf_workday(const struct wf_calendar *c, int64_t day)
{
	if (c->weekend & (1u << wf_weekday(day)))
		return 0;
	return c->nclosed == 0 || bsearch(&day, c->closed, c->nclosed,
	    sizeof(*c->closed), cmp_day) == NULL;
}

int64_t
wf_add_workdays(const struct wf_calendar *c, int64_t day, int n)
{
	/* A week holds at least one working day unless every weekday is a
	 * weekend day: then count calendar days rather than loop forever. */
	if ((c->weekend & 0xfe) == 0xfe)
		return day + n;
	while (n > 0) {
		day++;
		if (wf_workday(c, day))
			n--;
	}
	return day;
}

int64_t
wf_workdays_between(const struct wf_calendar *c, int64_t from, int64_t to)
{
	int64_t	n = 0, d;

	if (to < from)
		return -wf_workdays_between(c, to, from);
	for (d = from + 1; d <= to; d++)
		n += wf_workday(c, d);
	return n;
}

int64_t
wf_add_months(int64_t day, int n)
{
	int	y, m, d, last;

	wf_ymd(day, &y, &m, &d);
	m += n;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	last = month_days(y, m);
	return wf_day(y, m, d > last ? last : d);
}

/*
 * clock.c: a legal-deadline clock. Its due date is always recomputed
 * from what is stored (start, length with extensions, days paused), so
 * a pause, a resume and an extension can come in any order without
 * drift.
 */
#include "config.h"

#include "wf.h"

static int64_t
next_workday(const struct wf_calendar *c, int64_t day)
{
	int	guard;

	/* At most a year of closed days in a row is believed. */
	for (guard = 0; guard < 366 && !wf_workday(c, day); guard++)
		day++;
	return day;
}

int64_t
wf_clock_due(const struct wf_calendar *c, const struct wf_clock *k)
{
	int64_t	due;

	switch (k->unit) {
	case WF_WORKDAYS:
		return wf_add_workdays(c, k->started,
		    k->length + (int)k->paused_total);
	case WF_MONTHS:
		due = wf_add_months(k->started, k->length) + k->paused_total;
		break;
	default:
		due = k->started + k->length + k->paused_total;
		break;
	}
	/* A time limit that ends on a closed day ends on the next working
	 * day (Regulation (EEC, Euratom) 1182/71, art. 3(4)). */
	return next_workday(c, due);
}

int64_t
wf_clock_left(const struct wf_calendar *c, const struct wf_clock *k,
    int64_t today)
{
	int64_t	due = wf_clock_due(c, k);

	if (k->paused_since >= 0)
		today = k->paused_since;
	if (k->unit == WF_WORKDAYS)
		return wf_workdays_between(c, today, due);
	return due - today;
}

void
wf_clock_pause(struct wf_clock *k, int64_t today)
{
	if (k->paused_since < 0 && k->stopped < 0)
		k->paused_since = today;
}

void
wf_clock_resume(const struct wf_calendar *c, struct wf_clock *k,
    int64_t today)
{
	if (k->paused_since < 0 || today <= k->paused_since) {
		k->paused_since = -1;
		return;
	}
	if (k->unit == WF_WORKDAYS)
		k->paused_total += wf_workdays_between(c, k->paused_since,
		    today);
	else
		k->paused_total += today - k->paused_since;
	k->paused_since = -1;
}

enum wf_light
wf_clock_light(const struct wf_calendar *c, const struct wf_clock *k,
    int warn, int64_t today)
{
	int64_t	left;

	if (k->stopped >= 0)
		return WF_STOPPED;
	if (k->paused_since >= 0)
		return WF_PAUSED;
	left = wf_clock_left(c, k, today);
	if (left < 0)
		return WF_RED;
	/* warn is in calendar days whatever the clock counts. */
	if (wf_clock_due(c, k) - today <= warn)
		return WF_AMBER;
	return WF_GREEN;
}

const char *
wf_light_name(enum wf_light l)
{
	static const char *const names[] = {"green", "amber", "red",
	    "paused", "stopped"};

	return names[l];
}

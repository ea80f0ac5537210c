/*
 * test_workflow.c: the workflow facility (modules/workflow): definitions
 * accepted and refused with a message naming the fault, and clocks
 * across a deadline, a pause, an extension and a working-day calendar,
 * against dates computed by hand (the comments show the counting).
 * Calendar used: weekend Saturday and Sunday; closed 2026-12-25 (a
 * Friday) and 2027-01-01 (a Friday).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "wf.h"

static int64_t
D(const char *s)
{
	int64_t	d = -999999;

	if (wf_day_parse(s, &d) != 0)
		printf("# bad date in test: %s\n", s);
	return d;
}

static const char *
S(int64_t day)
{
	static char	buf[4][11];
	static int	i;

	i = (i + 1) % 4;
	wf_day_format(day, buf[i]);
	return buf[i];
}

static const char good[] =
    "{\"initial\": \"lodged\","
    " \"statuses\": ["
    "  {\"code\": \"lodged\", \"label\": {\"en\": \"Lodged\", \"fr\": \"Enregistr\\u00e9e\"}},"
    "  {\"code\": \"waiting\", \"label\": {\"en\": \"Waiting\"}, \"pauses\": true},"
    "  {\"code\": \"decided\", \"label\": {\"en\": \"Decided\"}},"
    "  {\"code\": \"closed\", \"label\": {\"en\": \"Closed\"}, \"final\": true}],"
    " \"transitions\": ["
    "  {\"from\": \"lodged\", \"to\": \"waiting\", \"permission\": \"dossier.edit\"},"
    "  {\"from\": \"waiting\", \"to\": \"lodged\", \"permission\": \"dossier.edit\"},"
    "  {\"from\": \"lodged\", \"to\": \"decided\", \"permission\": \"dossier.decide\"},"
    "  {\"from\": \"decided\", \"to\": \"closed\", \"permission\": \"dossier.edit\"}],"
    " \"deadlines\": ["
    "  {\"code\": \"decision\", \"label\": {\"en\": \"Decision\"}, \"start\": \"lodged\","
    "   \"stop\": [\"decided\"], \"length\": 6, \"unit\": \"months\", \"extend\": 9,"
    "   \"source\": \"Directive 2013/32/EU art. 31(3)\"}]}";

/* The good definition with one piece of text replaced. */
static int
parse_changed(const char *from, const char *to, char *err, size_t errsz)
{
	static struct wf_def	d;
	char			buf[4096];
	const char		*p = strstr(good, from);

	if (p == NULL) {
		snprintf(err, errsz, "test: '%s' not in the definition", from);
		return 99;
	}
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(p - good), good, to,
	    p + strlen(from));
	return wf_parse(buf, &d, err, errsz);
}

static void
refused(const char *from, const char *to, const char *want, const char *why)
{
	char	err[256] = "";
	int	rc = parse_changed(from, to, err, sizeof(err));

	ok(rc == -1 && strstr(err, want) != NULL, "refused: %s (%s)", why,
	    err);
}

static void
test_definitions(void)
{
	static struct wf_def	d;
	char			err[256] = "";
	const struct wf_transition *t;

	ok(wf_parse(good, &d, err, sizeof(err)) == 0, "good definition (%s)",
	    err);
	is_int(d.nstatuses, 4, "four statuses");
	is_int(d.ntrans, 4, "four transitions");
	is_int(d.initial, 0, "initial is lodged");
	ok(d.statuses[1].pauses && !d.statuses[0].pauses, "waiting pauses");
	ok(d.statuses[3].final, "closed is final");
	t = wf_transition_find(&d, 0, 2);
	ok(t != NULL && strcmp(t->permission, "dossier.decide") == 0,
	    "lodged -> decided needs dossier.decide");
	ok(wf_transition_find(&d, 2, 0) == NULL, "decided -> lodged not allowed");
	ok(wf_transition_find(&d, 0, 3) == NULL, "lodged -> closed not allowed");
	is_int(d.deadlines[0].length, 6, "decision: 6");
	is_int(d.deadlines[0].unit, WF_MONTHS, "decision: months");
	is_int(d.deadlines[0].extend, 9, "extendable by 9");
	is_int(d.deadlines[0].warn, 7, "warn defaults to 7 days");
	is_str(wf_label_text(&d.statuses[0].label, "fr", "?"), "Enregistrée",
	    "French label");
	is_str(wf_label_text(&d.statuses[1].label, "ar", "?"), "Waiting",
	    "missing Arabic label falls back to English");

	refused("\"length\": 6", "\"length\": 0", "length must be",
	    "a zero-length deadline (clock negative from its first day)");
	refused("\"length\": 6", "\"length\": -3", "length must be",
	    "a negative deadline");
	refused("\"extend\": 9", "\"extend\": -1", "extend must be",
	    "a negative extension");
	refused("\"to\": \"closed\"", "\"to\": \"archived\"",
	    "unknown status \"archived\"", "a transition to an unknown status");
	refused("\"permission\": \"dossier.edit\"}]",
	    "\"permission\": \"DROP TABLE\"}]", "permission must be",
	    "a permission that cannot exist");
	refused(",   \"source\": \"Directive 2013/32/EU art. 31(3)\"", "",
	    "source", "a deadline without its legal source");
	refused("\"code\": \"waiting\"", "\"code\": \"lodged\"",
	    "declared twice", "a status declared twice");
	refused("{\"from\": \"decided\", \"to\": \"closed\"",
	    "{\"from\": \"closed\", \"to\": \"decided\"", "is final",
	    "a transition out of a final status");
	refused("\"stop\": [\"decided\"]", "\"stop\": [\"lodged\"]",
	    "cannot both start and stop", "a clock stopped where it starts");
	refused("\"unit\": \"months\"", "\"unit\": \"fortnights\"",
	    "unit must be", "an unknown unit");
	refused("{\"initial\"", "[{\"initial\"", "not valid JSON",
	    "broken JSON");
}

static void
test_days(void)
{
	int	y, m, d;

	is_int(wf_day(1970, 1, 1), 0, "day 0 is 1970-01-01");
	is_int(wf_day(2000, 3, 1), 11017, "2000-03-01 (10957 + 31 + 29)");
	wf_ymd(11017, &y, &m, &d);
	ok(y == 2000 && m == 3 && d == 1, "and back");
	is_int(wf_weekday(D("2026-12-06")), 7, "2026-12-06 is a Sunday");
	is_int(wf_weekday(D("2026-12-25")), 5, "2026-12-25 is a Friday");
	ok(wf_day_parse("2026-02-29", &(int64_t){0}) == -1,
	    "2026-02-29 does not exist");
	ok(wf_day_parse("2026-13-01", &(int64_t){0}) == -1, "month 13");
	is_str(S(wf_add_months(D("2024-01-31"), 1)), "2024-02-29",
	    "31 January 2024 + 1 month = 29 February (leap year)");
	is_str(S(wf_add_months(D("2026-11-30"), 3)), "2027-02-28",
	    "30 November + 3 months = 28 February");
}

static void
test_clocks(void)
{
	int64_t			closed[] = {0, 0};
	struct wf_calendar	cal = {(1u << 6) | (1u << 7), closed, 2};
	struct wf_clock		k;

	closed[0] = D("2026-12-25");
	closed[1] = D("2027-01-01");
	ok(!wf_workday(&cal, D("2026-12-25")), "Christmas is closed");
	ok(!wf_workday(&cal, D("2026-12-26")), "a Saturday is not worked");
	ok(wf_workday(&cal, D("2026-12-24")), "24 December is worked");

	/* 15 working days from Monday 2026-12-14: 15-18 (4), 21-24 (8),
	 * 25 closed, 28-31 (12), 1 January closed, 4-6 (15). */
	memset(&k, 0, sizeof(k));
	k.started = D("2026-12-14");
	k.length = 15;
	k.unit = WF_WORKDAYS;
	k.paused_since = k.stopped = -1;
	is_str(S(wf_clock_due(&cal, &k)), "2027-01-06",
	    "15 working days across Christmas and New Year");
	/* left on Thursday 24 Dec: 28,29,30,31, 4,5,6 = 7 working days */
	is_int(wf_clock_left(&cal, &k, D("2026-12-24")), 7,
	    "7 working days left on 24 December");
	is_int(wf_clock_left(&cal, &k, D("2027-01-06")), 0, "0 on the due day");
	is_int(wf_clock_left(&cal, &k, D("2027-01-08")), -2,
	    "2 working days overdue on Friday 8 January");
	is_str(wf_light_name(wf_clock_light(&cal, &k, 7, D("2026-12-24"))),
	    "green", "13 calendar days before: green with warn 7");
	is_str(wf_light_name(wf_clock_light(&cal, &k, 7, D("2026-12-31"))),
	    "amber", "6 days before: amber");
	is_str(wf_light_name(wf_clock_light(&cal, &k, 7, D("2027-01-07"))),
	    "red", "the day after: red");

	/* Paused on Monday 21 Dec, resumed on Monday 4 Jan: the working
	 * days in (21 Dec, 4 Jan] are 22,23,24,28,29,30,31,4 = 8, so the due
	 * date moves 8 working days: 7,8,11,12,13,14,15,18 -> 18 January. */
	wf_clock_pause(&k, D("2026-12-21"));
	is_str(wf_light_name(wf_clock_light(&cal, &k, 7, D("2027-01-07"))),
	    "paused", "paused shows as paused");
	/* left counts as of the pause: (21 Dec, 6 Jan] = 22,23,24,28,29,
	 * 30,31,4,5,6 = 10 */
	is_int(wf_clock_left(&cal, &k, D("2027-01-02")), 10,
	    "while paused, the days left stand still (10)");
	wf_clock_resume(&cal, &k, D("2027-01-04"));
	is_int(k.paused_total, 8, "8 working days paused");
	is_str(S(wf_clock_due(&cal, &k)), "2027-01-18",
	    "due date moved by the pause");

	/* Six months from 31 August 2026: 28 February 2027, a Sunday, so
	 * the time limit ends on Monday 1 March. */
	memset(&k, 0, sizeof(k));
	k.started = D("2026-08-31");
	k.length = 6;
	k.unit = WF_MONTHS;
	k.paused_since = k.stopped = -1;
	is_str(S(wf_clock_due(&cal, &k)), "2027-03-01",
	    "6 months, clamped to February, rolled past a Sunday");
	/* extended by 9 months: 31 August 2026 + 15 months = 30 November
	 * 2027 (a Tuesday) */
	k.length += 9;
	is_str(S(wf_clock_due(&cal, &k)), "2027-11-30", "extended by 9 months");

	/* 15 calendar days from Thursday 10 December: 25 December, closed;
	 * 26 and 27 are a weekend: Monday 28 December. */
	memset(&k, 0, sizeof(k));
	k.started = D("2026-12-10");
	k.length = 15;
	k.unit = WF_DAYS;
	k.paused_since = k.stopped = -1;
	is_str(S(wf_clock_due(&cal, &k)), "2026-12-28",
	    "a calendar deadline ending on a closed day moves on");
	is_int(wf_clock_left(&cal, &k, D("2026-12-20")), 8, "8 days left");
	/* paused 12-15 .. 12-22: 7 calendar days -> 17 + 7 = 1 January
	 * (closed), then the 2nd is a Saturday, 3rd a Sunday: 4 January. */
	wf_clock_pause(&k, D("2026-12-15"));
	wf_clock_resume(&cal, &k, D("2026-12-22"));
	is_int(k.paused_total, 7, "7 calendar days paused");
	is_str(S(wf_clock_due(&cal, &k)), "2027-01-04",
	    "pause pushes the end onto New Year, then past the weekend");
	k.stopped = D("2026-12-30");
	is_str(wf_light_name(wf_clock_light(&cal, &k, 7, D("2027-02-01"))),
	    "stopped", "a stopped clock is stopped");
}

int
main(void)
{
	test_definitions();
	test_days();
	test_clocks();
	return done_testing();
}

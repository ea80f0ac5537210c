/*
 * wf.h: the workflow facility (libworkflow): procedures as data and
 * the legal-deadline clocks they declare. Used by havre-dossier and
 * havre-registration (case procedures, through libcasefile) and
 * havre-civil (the acts' statuses); wf_store.h reads stored versions.
 *
 * A procedure version is a JSON definition (stored in
 * wf_procedure_version.definition, never changed once a dossier uses
 * it; a supervisor's edit makes a new version):
 *
 *   {"initial": "lodged",
 *    "statuses": [{"code": "lodged", "label": {"en": "...", "fr": "..."},
 *                  "pauses": false, "final": false}, ...],
 *    "transitions": [{"from": "lodged", "to": "interviewed",
 *                     "permission": "dossier.edit"}, ...],
 *    "deadlines": [{"code": "decision", "label": {"en": "..."},
 *                   "start": "lodged", "stop": ["decided", "withdrawn"],
 *                   "length": 6, "unit": "months", "extend": 9,
 *                   "warn": 30, "source": "Directive 2013/32/EU art. 31(3)"}]}
 *
 * wf_parse() checks it whole (known statuses everywhere, one initial
 * status, permissions well formed, every deadline's length at least
 * one unit and its extension not negative, its source given), so a
 * rule that would make a clock negative or point nowhere is refused
 * with a message naming the part at fault.
 *
 * Days are counted as day numbers (days since 1970-01-01). A clock
 * counts calendar days, months, or working days of the agency's
 * calendar (weekend days plus the configured closed days).
 */
#ifndef HAVRE_WF_H
#define HAVRE_WF_H

#include <stddef.h>
#include <stdint.h>

#define WF_CODE_MAX	32	/* a status's or deadline's code */
#define WF_LABEL_MAX	200	/* a label in one language, bytes */
#define WF_PERM_MAX	64
#define WF_SOURCE_MAX	300
#define WF_MAX_STATUSES	24
#define WF_MAX_TRANS	64
#define WF_MAX_DEADLINES 8
#define WF_MAX_STOPS	6
#define WF_LANGS	5	/* en fr ar es ht */

/* The languages labels may carry, in this order (en first: fallback). */
extern const char *const wf_langs[WF_LANGS];

struct wf_label {
	char	 text[WF_LANGS][WF_LABEL_MAX];
};

struct wf_status {
	char		 code[WF_CODE_MAX + 1];
	struct wf_label	 label;
	int		 pauses;	/* clocks stand still while in it */
	int		 final;		/* no transition leaves it */
};

struct wf_transition {
	int	 from, to;	/* indexes into statuses */
	char	 permission[WF_PERM_MAX + 1];
};

enum wf_unit {
	WF_DAYS,	/* calendar days */
	WF_WORKDAYS,	/* working days of the agency's calendar */
	WF_MONTHS,	/* calendar months, same day of month (clamped) */
};

struct wf_deadline {
	char		 code[WF_CODE_MAX + 1];
	struct wf_label	 label;
	int		 start;		/* status whose entry starts the clock */
	int		 stops[WF_MAX_STOPS];	/* statuses whose entry stops it */
	size_t		 nstops;
	int		 length;	/* >= 1, in unit */
	enum wf_unit	 unit;
	int		 extend;	/* most it may be extended by, >= 0 */
	int		 warn;		/* calendar days before due: amber */
	char		 source[WF_SOURCE_MAX];
};

struct wf_def {
	struct wf_status	 statuses[WF_MAX_STATUSES];
	size_t			 nstatuses;
	int			 initial;
	struct wf_transition	 trans[WF_MAX_TRANS];
	size_t			 ntrans;
	struct wf_deadline	 deadlines[WF_MAX_DEADLINES];
	size_t			 ndeadlines;
};

/*
 * Parse and check a definition. Returns 0 and fills def, or -1 with a
 * message (English, for the log and the supervisor's form) in err.
 */
int	 wf_parse(const char *json, struct wf_def *def, char *err,
	    size_t errsz);
/* Index of the status with this code, or -1. */
int	 wf_status_find(const struct wf_def *, const char *code);
/* The transition from -> to (status indexes), or NULL if not allowed. */
const struct wf_transition *wf_transition_find(const struct wf_def *,
	    int from, int to);
/* A label in language lang (falls back to English, then to fallback). */
const char *wf_label_text(const struct wf_label *, const char *lang,
	    const char *fallback);
/* The unit's name as written in definitions ("days" ...). */
const char *wf_unit_name(enum wf_unit);

/* --- calendar.c: day numbers and the agency's working days --- */

/* Day number of a civil date (proleptic Gregorian). */
int64_t	 wf_day(int year, int month, int day);
/* The civil date of a day number. */
void	 wf_ymd(int64_t day, int *year, int *month, int *mday);
/* Parse "YYYY-MM-DD" (a valid date) into a day number: 0, or -1. */
int	 wf_day_parse(const char *text, int64_t *day);
/* "YYYY-MM-DD" of a day number (out: 11 bytes). */
void	 wf_day_format(int64_t day, char out[11]);
/* ISO weekday of a day number: 1 Monday .. 7 Sunday. */
int	 wf_weekday(int64_t day);

/* The agency's calendar: weekend days (bit 1<<weekday, ISO numbers) and
 * closed days (holidays), sorted ascending without repeats. */
struct wf_calendar {
	unsigned	 weekend;
	int64_t		*closed;
	size_t		 nclosed;
};

/* 1 if the day is a working day of the calendar. */
int	 wf_workday(const struct wf_calendar *, int64_t day);
/* The n-th working day after day (n >= 0; n == 0: day itself). */
int64_t	 wf_add_workdays(const struct wf_calendar *, int64_t day, int n);
/* Working days in (from, to]; negative when to < from. */
int64_t	 wf_workdays_between(const struct wf_calendar *, int64_t from,
	    int64_t to);
/* day plus n calendar months, the day of month clamped to the month's
 * last day (31 January + 1 month = 28 or 29 February). */
int64_t	 wf_add_months(int64_t day, int n);

/* --- clock.c: a deadline clock --- */

/* A clock as stored (dossier_clock): everything its due date follows
 * from, so that it is recomputed, never accumulated. */
struct wf_clock {
	int64_t		 started;	/* day the clock started */
	int		 length;	/* the rule's length + extensions */
	enum wf_unit	 unit;
	int64_t		 paused_total;	/* days stood still (working days for
					   a working-day clock, else calendar) */
	int64_t		 paused_since;	/* day a pause began, or -1 */
	int64_t		 stopped;	/* day it stopped, or -1 */
};

/*
 * The due date: started + length units, pushed on by the days paused;
 * a calendar or month deadline that ends on a closed day ends on the
 * next working day (as Regulation 1182/71 art. 3(4) counts time limits).
 */
int64_t	 wf_clock_due(const struct wf_calendar *, const struct wf_clock *);
/*
 * Days left on today: calendar days for calendar and month clocks,
 * working days for working-day clocks (0 on the due day, negative once
 * overdue). A paused clock counts as if today were the day it paused.
 */
int64_t	 wf_clock_left(const struct wf_calendar *, const struct wf_clock *,
	    int64_t today);
/* Pause a running clock on today (no effect if paused or stopped). */
void	 wf_clock_pause(struct wf_clock *, int64_t today);
/* Resume a paused clock on today: the days paused are added. */
void	 wf_clock_resume(const struct wf_calendar *, struct wf_clock *,
	    int64_t today);

/* Traffic light of a clock for the pages. */
enum wf_light {
	WF_GREEN,
	WF_AMBER,	/* at most warn days left */
	WF_RED,		/* overdue */
	WF_PAUSED,
	WF_STOPPED,
};
enum wf_light wf_clock_light(const struct wf_calendar *,
	    const struct wf_clock *, int warn, int64_t today);
const char *wf_light_name(enum wf_light);

#endif

/*
 * reception.h: havre-reception's declarations: the program's SQL table
 * (sql.c), the helpers every page shares (common.c: the site being
 * worked on, local days, the lazy closing of past days), and the pages:
 * check-in and walk-ins (checkin.c), the counters (counter.c), the
 * hall's display board (board.c), stations and counters configuration
 * (stations.c) and the dashboards (dashboard.c, svg.c).
 */
#ifndef HAVRE_RECEPTION_H
#define HAVRE_RECEPTION_H

#include <stdint.h>
#include <time.h>

#include "app.h"
#include "buf.h"
#include "db.h"

/* Permissions of the route table (migration 0002). */
#define PERM_CHECKIN	"reception.checkin"
#define PERM_COUNTER	"reception.counter"
#define PERM_DASHBOARD	"reception.dashboard"
/* Stations and counters are a site's configuration, like its quotas. */
#define PERM_CONFIGURE	"appointments.configure"

enum reception_sql {
	/* sites (common.c) */
	RSQL_SITES,
	RSQL_SITE_GET,
	RSQL_SITE_BY_CODE,
	RSQL_SITE_FIRST,
	RSQL_SITE_CLOSES,
	RSQL_SITE_LANG_SET,
	RSQL_SERVICES,
	RSQL_LEVELS,
	/* closing of past days: no-shows (common.c) */
	RSQL_CLOSE_CHECK,
	RSQL_CLOSE_INSERT,
	RSQL_NOSHOW_PENDING,
	RSQL_NOSHOW_MARK,
	RSQL_CLOSE_COUNT,
	/* check-in and walk-ins (checkin.c) */
	RSQL_APPT_BY_REF,
	RSQL_APPT_LOCK,
	RSQL_APPT_ARRIVE,
	RSQL_TODAY_SEARCH,
	RSQL_TICKET_NEXT,
	RSQL_TICKET_GET,
	RSQL_FIRST_STATION,
	RSQL_VISIT_INSERT,
	RSQL_EVENT_INSERT,
	RSQL_VISIT_BY_ID,
	RSQL_WALKIN_OFFER,
	RSQL_LEVEL_RANK,
	RSQL_SLOT_START,
	/* counters (counter.c) */
	RSQL_COUNTERS_SITE,
	RSQL_COUNTER_GET,
	RSQL_COUNTER_CURRENT,
	RSQL_QUEUE,
	RSQL_QUEUE_HEAD_LOCK,
	RSQL_VISIT_LOCK,
	RSQL_VISIT_CALL,
	RSQL_VISIT_RECALL,
	RSQL_VISIT_START,
	RSQL_VISIT_MOVE,
	RSQL_VISIT_END,
	RSQL_NEXT_STATION,
	RSQL_APPT_DONE,
	/* display board (board.c) */
	RSQL_BOARD_CALLED,
	RSQL_BOARD_WAITING,
	/* configuration (stations.c) */
	RSQL_STATIONS,
	RSQL_STATION_COUNTERS,
	RSQL_STATION_INSERT,
	RSQL_STATION_GET,
	RSQL_STATION_UPDATE,
	RSQL_COUNTER_INSERT,
	RSQL_COUNTER_ROW,
	RSQL_COUNTER_UPDATE,
	/* dashboards (dashboard.c) */
	RSQL_DASH_COUNTS,
	RSQL_DASH_OVERALL,
	RSQL_DASH_STATION,
	RSQL_DASH_COUNTER,
	RSQL_DASH_AGENT,
	RSQL_DASH_LEVEL,
	RSQL_DASH_HEAT,
	RSQL_DASH_LEAD,
	RSQL__MAX
};

extern const char *const reception_sqls[RSQL__MAX];

/* The site a page works on. */
struct site {
	int64_t	 id;
	char	 code[33];
	char	 name[801];
	char	 zone[65];
	int	 slot_minutes;
	char	 languages[65];	/* board languages, "en,fr,ar" */
};

/* --- common.c --- */

/*
 * Load the site of a page: the site id given (0: the agent's home
 * site, else the first site). Fills the list of sites for the page's
 * site picker (Sites.N.{Value,Label}) and Site.{Id,Code,Name}. Returns 0,
 * 404 when the given site does not exist, 200 with s->id == 0 when there
 * is no site at all, or the status of a database failure.
 */
int	 site_pick(struct req *, int64_t want, struct site *s);
/* Load a site by id (found: DB_ROW) or by code. */
enum db_rc site_load(struct db *, int64_t id, struct site *);
enum db_rc site_load_code(struct db *, const char *code, struct site *);
/* The site's local date now ("YYYY-MM-DD", 11 bytes) and local time
 * ("HH:MM:SS", 9 bytes; may be NULL). */
void	 site_today(const struct site *, time_t now, char day[11],
	    char hms[9]);
/* The UTC instants ("YYYY-MM-DD HH:MM:SS") at which local day starts and
 * the next one starts. Returns 0 or -1 if the day is malformed. */
int	 day_bounds_utc(const struct site *, const char *day, char from[20],
	    char to[20]);
/* "YYYY-MM-DD HH:MM:SS" of a UTC instant (20 bytes). */
void	 utc_format(time_t, char out[20]);
/* Add n days to a date ("YYYY-MM-DD"); returns 0 or -1. */
int	 day_add(const char *day, int n, char out[11]);
/* A stored UTC time shown in the site's zone as fmt ("" if empty). */
void	 site_time(const struct site *, const char *utc, const char *fmt,
	    char *out, size_t outsz);
/*
 * The lazy closing of past days: the first reception request for a site
 * after it closed (its last closing time today, or midnight) marks the
 * appointments still booked or confirmed before that as no-shows, once
 * (reception_day_close), each with its audit event. Returns the number
 * marked, or -1 on a database failure (logged; pages go on).
 */
int	 close_past_days(struct req *, const struct site *);
/* Fill Services.N.{Value,Label} and Levels.N.{Value,Label,Code}. */
int	 options_fill(struct req *);
/* The current time as DATETIME(6) text (UTC), 27 bytes. */
void	 now_text(char out[27]);
/* Append an event of a visit inside the caller's transaction. 0 ids
 * and NULL outcome bind SQL NULL. */
enum db_rc event_add(struct db *, int64_t visit, int64_t appointment,
	    const char *kind, int64_t station, int64_t counter, int64_t agent,
	    const char *outcome, const char *at);

/* --- checkin.c (reception.checkin) --- */
int	 page_home(struct req *);
int	 page_checkin(struct req *);
int	 page_checkin_post(struct req *);
int	 page_walkin_post(struct req *);
extern const struct field_spec site_query_fields[];
extern const struct field_spec checkin_query_fields[];
extern const struct field_spec checkin_fields[];
extern const struct field_spec walkin_fields[];
/* --- counter.c (reception.counter) --- */
int	 page_counter(struct req *);
int	 page_counter_call(struct req *);
int	 page_visit_action(struct req *);
extern const struct field_spec counter_query_fields[];
extern const struct field_spec call_fields[];
extern const struct field_spec visit_fields[];

/* --- board.c (public) --- */
int	 page_board(struct req *);
extern const struct field_spec board_fields[];

/* --- stations.c (appointments.configure) --- */
int	 page_stations(struct req *);
int	 page_station_new(struct req *);
int	 page_station_save(struct req *);
int	 page_counter_new(struct req *);
int	 page_counter_save(struct req *);
int	 page_board_languages(struct req *);
extern const struct field_spec stations_query_fields[];
extern const struct field_spec station_new_fields[];
extern const struct field_spec station_fields[];
extern const struct field_spec counter_new_fields[];
extern const struct field_spec counter_fields[];
extern const struct field_spec languages_fields[];

/* --- dashboard.c (reception.dashboard) --- */
int	 page_dashboard(struct req *);
int	 page_dashboard_csv(struct req *);
extern const struct field_spec dashboard_fields[];

#endif

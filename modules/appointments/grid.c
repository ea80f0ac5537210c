/*
 * grid.c: the quota grid (appointments.configure). For a site, service
 * level and channel: the weekly template (seats per slot start time and
 * weekday, in the site's local time) and a chosen week's concrete slots
 * shown as "booked / capacity", with raise, lower and close actions that
 * write a per-date override. Lowering a slot (or a template cell) below
 * what is already booked is refused and nothing changes: the CHECK on
 * slot_quota (booked <= capacity) is never put to the test.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "appointments.h"
#include "audit.h"
#include "buf.h"
#include "db.h"
#include "htime.h"
#include "pages.h"
#include "sql.h"
#include "tpl.h"

#define GRID_TIMES	48	/* distinct start times shown (half-hours) */
#define MAX_CAPACITY	1000

static const char *const channel_choices[] = {"web", "callcentre",
	"partner", "walkin", NULL};
static const char *const action_choices[] = {"raise", "lower", "close",
	NULL};
/* The week of one level (and its template), or one day with every level
 * side by side, as the agencies' own grids show it. */
static const char *const view_choices[] = {"week", "day", NULL};

#define GRID_LEVELS	8	/* level columns of the day view */

/* The grid's selection. */
const struct field_spec quota_query_fields[] = {
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"level", FIELD_INT, 0, 1, 2147483647LL, NULL},
	{"channel", FIELD_ENUM, 0, 0, 0, channel_choices},
	{"week", FIELD_DATE, 0, 0, 0, NULL},
	{"view", FIELD_ENUM, 0, 0, 0, view_choices},
	{"day", FIELD_DATE, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/*
 * One slot's action, from the day view's one form: the button pressed
 * is named by its action and carries the slot's id (raise=ID, lower=ID
 * or close=ID), so a cell costs three buttons, not a form of its own
 * (the page stays under 40 KB). level and day say where to return.
 */
const struct field_spec quota_slot_fields[] = {
	{"site", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"level", FIELD_INT, 0, 1, 2147483647LL, NULL},
	{"channel", FIELD_ENUM, 1, 0, 0, channel_choices},
	{"day", FIELD_DATE, 1, 0, 0, NULL},
	{"raise", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"lower", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"close", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"view", FIELD_ENUM, 0, 0, 0, view_choices},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* One template cell: the seats of a weekday's start time. */
const struct field_spec quota_template_fields[] = {
	{"site", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"level", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{"channel", FIELD_ENUM, 1, 0, 0, channel_choices},
	{"week", FIELD_DATE, 0, 0, 0, NULL},
	{"weekday", FIELD_INT, 1, 1, 7, NULL},
	{"time", FIELD_TIME, 1, 0, 0, NULL},
	{"capacity", FIELD_INT, 1, 0, MAX_CAPACITY, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* A grid cell: the template's seats and the slot. */
struct cell {
	long long	 tpl;		/* -1: no template cell */
	long long	 capacity;	/* -1: no slot */
	long long	 booked;
	long long	 id;		/* day view: the slot's id */
};

/* The columns of a grid: the week's days, or the day's levels. */
#define GRID_COLS	(GRID_LEVELS > 7 ? GRID_LEVELS : 7)

/* The grid being built: one row per start time, in order. */
struct grid {
	char		 times[GRID_TIMES][6];
	size_t		 ntimes;
	struct cell	 cells[GRID_TIMES][GRID_COLS];
};

/* The row of a start time, added in order if new; -1 when full. */
static int
grid_row(struct grid *g, const char *hm)
{
	size_t	i, j, k;

	for (i = 0; i < g->ntimes; i++) {
		int c = strcmp(hm, g->times[i]);

		if (c == 0)
			return (int)i;
		if (c < 0)
			break;
	}
	if (g->ntimes >= GRID_TIMES)
		return -1;
	for (j = g->ntimes; j > i; j--) {
		memcpy(g->times[j], g->times[j - 1], 6);
		for (k = 0; k < GRID_COLS; k++)
			g->cells[j][k] = g->cells[j - 1][k];
	}
	snprintf(g->times[i], 6, "%s", hm);
	for (k = 0; k < GRID_COLS; k++)
		g->cells[i][k] = (struct cell){-1, -1, 0, 0};
	g->ntimes++;
	return (int)i;
}

/* A row's anchor, "t-0930" for 09:30: where an action returns to. */
static void
grid_anchor(const char *hm, char out[8])
{
	snprintf(out, 8, "t-%.2s%.2s", hm, hm[0] && hm[1] && hm[2] ?
	    hm + 3 : "");
}

/* Appt.Rows.N.{Time,Anchor} and each cell's Slot, Booked, Capacity
 * (and Tpl when tpl): what both views print. */
static void
grid_publish(struct req *r, const struct grid *g, size_t ncols, int tpl)
{
	char	node[80], anchor[8];
	size_t	i, w;

	for (i = 0; i < g->ntimes; i++) {
		snprintf(node, sizeof(node), "Appt.Rows.%zu.Time", i);
		page_set(r, node, g->times[i]);
		grid_anchor(g->times[i], anchor);
		snprintf(node, sizeof(node), "Appt.Rows.%zu.Anchor", i);
		page_set(r, node, anchor);
		for (w = 0; w < ncols; w++) {
			const struct cell *c = &g->cells[i][w];

			if (tpl) {
				snprintf(node, sizeof(node),
				    "Appt.Rows.%zu.Cells.%zu.Tpl", i, w);
				if (c->tpl >= 0)
					page_set_int(r, node, c->tpl);
				else
					page_set(r, node, "");
			}
			snprintf(node, sizeof(node),
			    "Appt.Rows.%zu.Cells.%zu.Slot", i, w);
			page_set(r, node, c->capacity >= 0 ? "1" : "0");
			snprintf(node, sizeof(node),
			    "Appt.Rows.%zu.Cells.%zu.Capacity", i, w);
			page_set_int(r, node, c->capacity < 0 ? 0 : c->capacity);
			snprintf(node, sizeof(node),
			    "Appt.Rows.%zu.Cells.%zu.Booked", i, w);
			page_set_int(r, node, c->booked);
		}
	}
	page_set_int(r, "Appt.RowCount", (long long)g->ntimes);
}

/* The Monday (YYYY-MM-DD) of the week holding day. Returns 0 or -1. */
static int
monday_of(const char *day, char out[11])
{
	long long	y, m, d;
	char		tmp[8];
	int		wd;

	if (strlen(day) != 10)
		return -1;
	snprintf(tmp, sizeof(tmp), "%.4s", day);
	if (parse_int(tmp, 1900, 9999, &y) != 0)
		return -1;
	snprintf(tmp, sizeof(tmp), "%.2s", day + 5);
	if (parse_int(tmp, 1, 12, &m) != 0)
		return -1;
	snprintf(tmp, sizeof(tmp), "%.2s", day + 8);
	if (parse_int(tmp, 1, 31, &d) != 0)
		return -1;
	if ((wd = time_iso_weekday((int)y, (int)m, (int)d)) == 0)
		return -1;
	return appt_day_add(day, 1 - wd, out);
}

/*
 * The week view: one level's template and the week's slots, one column
 * per weekday, to read (the day view changes a slot).
 */
static int
quota_week_fill(struct req *r, struct grid *g, int64_t site_id,
    int64_t level_id, const char *channel, const char *monday)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 sunday[11];
	int		 row;

	if (appt_day_add(monday, 6, sunday) != 0)
		return 422;
	if ((st = db_stmt(r->db, ASQL_TEMPLATE_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, site_id);
	db_bind_int(st, 1, level_id);
	db_bind_text(st, 2, channel);
	while ((rc = db_step(st)) == DB_ROW) {
		long long wd = db_col_int(st, 0);

		if ((row = grid_row(g, db_col_text(st, 1))) < 0 || wd < 1 ||
		    wd > 7)
			continue;
		g->cells[row][wd - 1].tpl = db_col_int(st, 2);
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	if ((st = db_stmt(r->db, ASQL_WEEK_SLOTS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, site_id);
	db_bind_int(st, 1, level_id);
	db_bind_text(st, 2, channel);
	db_bind_text(st, 3, monday);
	db_bind_text(st, 4, sunday);
	while ((rc = db_step(st)) == DB_ROW) {
		long long wd = db_col_int(st, 4);

		if ((row = grid_row(g, db_col_text(st, 1))) < 0 || wd < 1 ||
		    wd > 7)
			continue;
		g->cells[row][wd - 1].capacity = db_col_int(st, 2);
		g->cells[row][wd - 1].booked = db_col_int(st, 3);
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	grid_publish(r, g, 7, 1);
	return 0;
}

/*
 * The day view: every level side by side (Appt.Cols.L.{Id,Label}, in
 * the levels' order), one row per start time of the day's slots, so the
 * rows are the site's opening hours for that channel.
 */
static int
quota_day_fill(struct req *r, struct grid *g, int64_t site_id,
    const char *channel, const char *day)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	HDF		*o;
	const char	*v;
	char		 codes[GRID_LEVELS][32], node[64];
	size_t		 n = 0, l;
	int		 row;

	if ((o = hdf_get_obj(r->hdf, "Appt.Levels")) != NULL)
		for (o = hdf_obj_child(o); o != NULL && n < GRID_LEVELS;
		    o = hdf_obj_next(o), n++) {
			snprintf(codes[n], sizeof(codes[n]), "%s",
			    hdf_get_value(o, "Code", ""));
			snprintf(node, sizeof(node), "Appt.Cols.%zu.Id", n);
			page_set(r, node, hdf_get_value(o, "Id", ""));
			snprintf(node, sizeof(node), "Appt.Cols.%zu.Label", n);
			page_set(r, node, hdf_get_value(o, "Label", ""));
		}
	if ((st = db_stmt(r->db, ASQL_DAY_CAPACITY)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, site_id);
	db_bind_text(st, 1, day);
	db_bind_text(st, 2, channel);
	while ((rc = db_step(st)) == DB_ROW) {
		for (l = 0; l < n; l++)
			if (strcmp(codes[l], db_col_text(st, 2)) == 0)
				break;
		if (l == n || (row = grid_row(g, db_col_text(st, 1))) < 0)
			continue;
		g->cells[row][l].id = db_col_int(st, 0);
		g->cells[row][l].capacity = db_col_int(st, 3);
		g->cells[row][l].booked = db_col_int(st, 4);
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	grid_publish(r, g, n, 0);
	for (row = 0; (size_t)row < g->ntimes; row++)
		for (l = 0; l < n; l++) {
			snprintf(node, sizeof(node),
			    "Appt.Rows.%d.Cells.%zu.Id", row, l);
			page_set_int(r, node, g->cells[row][l].id);
			snprintf(node, sizeof(node),
			    "Appt.Rows.%d.Cells.%zu.Label", row, l);
			v = hdf_get_valuef(r->hdf, "Appt.Cols.%zu.Label",
			    l);
			page_set(r, node, v != NULL ? v : "");
		}
	return 0;
}

/* The week view's navigation and column headers. */
static int
quota_week_nav(struct req *r, const char *monday)
{
	char	prev[11], next[11], day[11], node[64], key[32];
	size_t	w;

	page_set(r, "Appt.Week", monday);
	if (appt_day_add(monday, -7, prev) == 0)
		page_set(r, "Appt.PrevWeek", prev);
	if (appt_day_add(monday, 7, next) == 0)
		page_set(r, "Appt.NextWeek", next);
	for (w = 0; w < 7; w++) {
		if (appt_day_add(monday, (int)w, day) != 0)
			return 500;
		snprintf(node, sizeof(node), "Appt.Days.%zu.Date", w);
		page_set(r, node, day);
		snprintf(key, sizeof(key), "Appt.Weekday.%zu", w + 1);
		snprintf(node, sizeof(node), "Appt.Days.%zu.Label", w);
		page_set(r, node, tpl_text(r->hdf, key));
	}
	return 0;
}

/* The day view's navigation: the day, its weekday, the days around. */
static int
quota_day_nav(struct req *r, const char *day, const char *monday)
{
	char	prev[11], next[11], key[32];
	int	wd;

	page_set(r, "Appt.Day", day);
	if (appt_day_add(day, -1, prev) != 0 || appt_day_add(day, 1, next) != 0)
		return 422;
	page_set(r, "Appt.PrevDay", prev);
	page_set(r, "Appt.NextDay", next);
	for (wd = 1; wd <= 7; wd++)
		if (appt_day_add(monday, wd - 1, prev) == 0 &&
		    strcmp(prev, day) == 0)
			break;
	snprintf(key, sizeof(key), "Appt.Weekday.%d", wd > 7 ? 1 : wd);
	page_set(r, "Appt.DayLabel", tpl_text(r->hdf, key));
	return 0;
}

/*
 * GET /appointments/quota (appointments.configure; fields
 * quota_query_fields: site, level, channel, week, view, day), also the
 * fill of a refused action: the pickers, then either the week view of
 * one level (Appt.Days.N.{Date,Label}, Appt.Rows.N.{Time, Anchor,
 * Cells.W.{Tpl, Slot, Booked, Capacity, Day, Weekday}}) or, with
 * view=day, one day with every level side by side (Appt.Cols.L.{Id,
 * Label}, Appt.Rows.N.{Time, Anchor, Cells.L.{Slot, Booked,
 * Capacity, Id, Label}}). Template appointments/quota.cs.
 */
int
page_quota(struct req *r)
{
	struct grid	*g = NULL;
	enum db_rc	 rc;
	HDF		*o;
	long long	 v;
	int64_t		 site_id, level_id;
	const char	*channel, *view;
	char		 zone[65] = "UTC", today[11], monday[11], day[11],
			 node[80];
	size_t		 i;
	int		 k, status = 200;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.Quota.Title"));
	site_id = form_int(r, "site");
	level_id = form_int(r, "level");
	channel = form_get(r, "channel") && form_get(r, "channel")->present &&
	    form_get(r, "channel")->valid ? form_str(r, "channel") : "web";
	view = strcmp(form_str(r, "view"), "day") == 0 ? "day" : "week";
	if ((status = appt_sites_fill(r, site_id)) != 0)
		return status;
	if (site_id == 0 && (o = hdf_get_obj(r->hdf, "Appt.Sites.0")) != NULL &&
	    parse_int(hdf_get_value(o, "Id", ""), 1, DB_ID_MAX, &v) == 0) {
		site_id = v;
		if ((status = appt_sites_fill(r, site_id)) != 0)
			return status;
	}
	if ((status = appt_levels_fill(r)) != 0)
		return status;
	if (level_id == 0 && (o = hdf_get_obj(r->hdf, "Appt.Levels")) != NULL)
		for (o = hdf_obj_child(o); o != NULL; o = hdf_obj_next(o))
			if (strcmp(hdf_get_value(o, "Code", ""), "regular") == 0 &&
			    parse_int(hdf_get_value(o, "Id", ""), 1,
			    2147483647LL, &v) == 0)
				level_id = v;
	for (i = 0; channel_choices[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Appt.Channels.%zu.Value", i);
		page_set(r, node, channel_choices[i]);
		snprintf(node, sizeof(node), "Appt.Channels.%zu.Label", i);
		page_set(r, node, appt_label(r, "Channel", channel_choices[i]));
	}
	page_set_int(r, "Appt.Level", level_id);
	page_set(r, "Appt.Channel", channel);
	page_set(r, "Appt.View", view);
	if (site_id == 0)
		return r->method == M_POST ? 422 : 200;
	if ((k = appt_site_zone(r, site_id, zone, &rc)) < 0)
		return db_http_status(rc);
	if (k == 0)
		return 404;
	appt_today(zone, today);
	/* The day shown (day view), else the week asked, else today. */
	snprintf(day, sizeof(day), "%s", form_str(r, "day")[0] ?
	    form_str(r, "day") : form_str(r, "week")[0] ? form_str(r,
	    "week") : today);
	if (monday_of(strcmp(view, "day") == 0 || !form_str(r, "week")[0] ?
	    day : form_str(r, "week"), monday) != 0)
		return 422;
	page_set_int(r, "Appt.Site", site_id);
	page_set(r, "Appt.Zone", zone);
	if ((status = quota_week_nav(r, monday)) != 0 ||
	    (strcmp(view, "day") == 0 &&
	    (status = quota_day_nav(r, day, monday)) != 0))
		return status;
	if ((rc = booking_slots_make(r->db, site_id, monday, 7)) != DB_OK)
		return db_http_status(rc);
	if ((g = calloc(1, sizeof(*g))) == NULL)
		return 500;
	if (strcmp(view, "day") == 0)
		status = quota_day_fill(r, g, site_id, channel, day);
	else
		status = quota_week_fill(r, g, site_id, level_id, channel,
		    monday);
	free(g);
	if (status != 0)
		return status;
	return r->method == M_POST ? 422 : 200;
}

/* What slot_txn and template_txn need and report. */
struct quota_ctx {
	struct req	*r;
	int64_t		 site_id;
	int64_t		 level_id;
	const char	*channel;
	const char	*day;		/* slot: the date */
	const char	*time;		/* HH:MM */
	const char	*action;	/* slot: raise, lower, close */
	int64_t		 slot_id;	/* slot: the one acted on */
	char		 slot_channel[16]; /* slot: as stored, */
	char		 slot_day[11];	/* read under its lock */
	char		 slot_time[6];
	long long	 weekday;	/* template */
	long long	 capacity;	/* template: the new capacity */
	int		 noslot;
	int		 below;
};

/* Change one slot's capacity on its date (db_txn function). */
static enum db_rc
slot_txn(struct db *db, void *arg)
{
	struct quota_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[1];
	enum db_rc		 rc;
	int64_t			 id;
	long long		 cap, booked, newcap;
	char			 idtext[24], oldtext[24], newtext[24];

	c->noslot = c->below = 0;
	if ((st = db_stmt(db, ASQL_SLOT_FIND)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->slot_id);
	db_bind_int(st, 1, c->site_id);
	if ((rc = db_step(st)) != DB_ROW) {
		c->noslot = rc == DB_OK;
		return rc == DB_OK ? DB_ERROR : rc;
	}
	id = db_col_int(st, 0);
	cap = db_col_int(st, 1);
	booked = db_col_int(st, 2);
	c->level_id = db_col_int(st, 3);
	snprintf(c->slot_channel, sizeof(c->slot_channel), "%s",
	    db_col_text(st, 4));
	snprintf(c->slot_day, sizeof(c->slot_day), "%s", db_col_text(st, 5));
	snprintf(c->slot_time, sizeof(c->slot_time), "%s", db_col_text(st, 6));
	c->channel = c->slot_channel;
	c->day = c->slot_day;
	c->time = c->slot_time;
	db_reset(st);
	if (strcmp(c->action, "raise") == 0)
		newcap = cap < MAX_CAPACITY ? cap + 1 : cap;
	else if (strcmp(c->action, "lower") == 0)
		newcap = cap > 0 ? cap - 1 : 0;
	else
		newcap = 0;
	/* Never below what is booked: refuse, change nothing. */
	if (newcap < booked) {
		c->below = 1;
		return DB_ERROR;
	}
	if ((st = db_stmt(db, ASQL_OVERRIDE_SET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->site_id);
	db_bind_int(st, 1, c->level_id);
	db_bind_text(st, 2, c->channel);
	db_bind_text(st, 3, c->day);
	db_bind_text(st, 4, c->time);
	db_bind_int(st, 5, newcap);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, ASQL_SLOT_SET_CAPACITY)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, newcap);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, newcap);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) != 1) {
		c->below = 1;
		return DB_ERROR;
	}
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	snprintf(oldtext, sizeof(oldtext), "%lld", cap);
	snprintf(newtext, sizeof(newtext), "%lld", newcap);
	ch[0] = (struct audit_change){"capacity", oldtext, newtext};
	return audit_req(c->r, "slot_quota", idtext, c->action, ch, 1);
}

/* Where to go back to after an action: the same grid, at the row
 * changed (its anchor), so the agent does not scroll down again. A slot
 * action comes from the day view, a template cell from the week's. */
static void
grid_location(struct req *r, const char *time, char *out, size_t outsz)
{
	char	anchor[8];

	grid_anchor(time, anchor);
	if (strcmp(form_str(r, "view"), "day") == 0)
		snprintf(out, outsz, "/appointments/quota?site=%lld&level=%lld"
		    "&channel=%s&view=day&day=%s#%s",
		    (long long)form_int(r, "site"),
		    (long long)form_int(r, "level"), form_str(r, "channel"),
		    form_str(r, "day"), anchor);
	else
		snprintf(out, outsz, "/appointments/quota?site=%lld&level=%lld"
		    "&channel=%s&week=%s#%s", (long long)form_int(r, "site"),
		    (long long)form_int(r, "level"), form_str(r, "channel"),
		    form_str(r, "week"), anchor);
}

/* The fields both quota changes read: site, level, channel, time. */
static void
quota_ctx_init(struct req *r, struct quota_ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->r = r;
	c->site_id = form_int(r, "site");
	c->level_id = form_int(r, "level");
	c->channel = form_str(r, "channel");
	c->time = form_str(r, "time");
}

/*
 * The answer of a quota change that ended with rc: a redirect to the
 * grid with a flash on DB_OK; when refused (err, a language key, not
 * NULL) the grid again with err on field and status refused; else the
 * database failure's status.
 */
static int
quota_answer(struct req *r, const struct quota_ctx *c, enum db_rc rc,
    const char *field, const char *err, int refused)
{
	char	loc[200];
	int	status;

	if (rc == DB_OK) {
		flash_set(r, "ok", "Appt.Flash.QuotaSaved");
		grid_location(r, c->time, loc, sizeof(loc));
		return resp_redirect(r, loc);
	}
	if (err != NULL) {
		form_set_error(r, field, err);
		page_set(r, "Appt.Refused", err);
		if ((status = page_quota(r)) >= 400 && status != 422)
			return status;
		return refused;
	}
	return db_http_status(rc);
}

/*
 * POST /appointments/quota/slot (appointments.configure, CSRF; fields
 * quota_slot_fields): raise, lower or close one slot of the site on its
 * date (a per-date override); exactly one of raise, lower and close
 * names the slot. Lowering below what is booked answers 409 with the
 * grid and a message, and changes nothing. Redirects to the day's grid
 * at the slot's row.
 */
int
page_quota_slot(struct req *r)
{
	struct quota_ctx	c;
	enum db_rc		rc;
	size_t			i, n = 0;

	quota_ctx_init(r, &c);
	for (i = 0; action_choices[i] != NULL; i++)
		if (form_get(r, action_choices[i])->present) {
			c.action = action_choices[i];
			c.slot_id = form_int(r, action_choices[i]);
			n++;
		}
	if (n != 1) {
		form_set_error(r, "raise", "Form.Error.Enum");
		page_set(r, "Appt.Refused", "Form.Error.Enum");
		return (rc = page_quota(r)) >= 400 && rc != 422 ? rc : 422;
	}
	rc = db_txn(r->db, slot_txn, &c);
	if (c.below)
		return quota_answer(r, &c, rc, c.action,
		    "Appt.Error.BelowBooked", 409);
	return quota_answer(r, &c, rc, c.action, c.noslot ?
	    "Appt.Error.NoSlot" : NULL, 422);
}

/* Set one template cell and push it to the future slots that follow
 * the template (db_txn function). */
static enum db_rc
template_txn(struct db *db, void *arg)
{
	struct quota_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[1];
	enum db_rc		 rc;
	char			 idtext[96], newtext[24];

	c->below = 0;
	if ((st = db_stmt(db, ASQL_TEMPLATE_MAX_BOOKED)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->site_id);
	db_bind_int(st, 1, c->level_id);
	db_bind_text(st, 2, c->channel);
	db_bind_text(st, 3, c->time);
	db_bind_int(st, 4, c->weekday);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	if (db_col_int(st, 0) > c->capacity) {
		db_reset(st);
		c->below = 1;
		return DB_ERROR;
	}
	db_reset(st);
	if ((st = db_stmt(db, ASQL_TEMPLATE_SET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->site_id);
	db_bind_int(st, 1, c->level_id);
	db_bind_text(st, 2, c->channel);
	db_bind_int(st, 3, c->weekday);
	db_bind_text(st, 4, c->time);
	db_bind_int(st, 5, c->capacity);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, ASQL_TEMPLATE_APPLY)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->capacity);
	db_bind_int(st, 1, c->site_id);
	db_bind_int(st, 2, c->level_id);
	db_bind_text(st, 3, c->channel);
	db_bind_text(st, 4, c->time);
	db_bind_int(st, 5, c->weekday);
	db_bind_int(st, 6, c->capacity);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	snprintf(idtext, sizeof(idtext), "%lld:%lld:%s:%lld:%s",
	    (long long)c->site_id, (long long)c->level_id, c->channel,
	    c->weekday, c->time);
	snprintf(newtext, sizeof(newtext), "%lld", c->capacity);
	ch[0] = (struct audit_change){"capacity", NULL, newtext};
	return audit_req(c->r, "quota_template", idtext, "set", ch, 1);
}

/*
 * POST /appointments/quota/template (appointments.configure, CSRF;
 * fields quota_template_fields): set the seats of one weekday's start
 * time in the weekly template; future slots without an override follow.
 * A capacity below what a future slot already has booked answers 409
 * and changes nothing. Redirects to the grid.
 */
int
page_quota_template(struct req *r)
{
	struct quota_ctx	c;
	enum db_rc		rc;

	quota_ctx_init(r, &c);
	c.weekday = form_int(r, "weekday");
	c.capacity = form_int(r, "capacity");
	rc = db_txn(r->db, template_txn, &c);
	return quota_answer(r, &c, rc, "capacity", c.below ?
	    "Appt.Error.BelowBooked" : NULL, 409);
}

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

/* The grid's selection. */
const struct field_spec quota_query_fields[] = {
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"level", FIELD_INT, 0, 1, 2147483647LL, NULL},
	{"channel", FIELD_ENUM, 0, 0, 0, channel_choices},
	{"week", FIELD_DATE, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* One slot's action: raise, lower or close it on that date. */
const struct field_spec quota_slot_fields[] = {
	{"site", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"level", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{"channel", FIELD_ENUM, 1, 0, 0, channel_choices},
	{"week", FIELD_DATE, 0, 0, 0, NULL},
	{"day", FIELD_DATE, 1, 0, 0, NULL},
	{"time", FIELD_TIME, 1, 0, 0, NULL},
	{"action", FIELD_ENUM, 1, 0, 0, action_choices},
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

/* A grid cell: the template's seats and the week's slot. */
struct cell {
	long long	 tpl;		/* -1: no template cell */
	long long	 capacity;	/* -1: no slot */
	long long	 booked;
};

/* The grid being built. */
struct grid {
	char		 times[GRID_TIMES][6];
	size_t		 ntimes;
	struct cell	 cells[GRID_TIMES][7];
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
		for (k = 0; k < 7; k++)
			g->cells[j][k] = g->cells[j - 1][k];
	}
	snprintf(g->times[i], 6, "%s", hm);
	for (k = 0; k < 7; k++)
		g->cells[i][k] = (struct cell){-1, -1, 0};
	g->ntimes++;
	return (int)i;
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
 * GET /appointments/quota (appointments.configure; fields
 * quota_query_fields: site, level, channel, week), also the fill of a
 * refused action: the pickers, Appt.Days.N.{Date,Label}, and
 * Appt.Rows.N.{Time, Cells.W.{Tpl, Slot, Booked, Capacity, Day,
 * Weekday}}. Template appointments/quota.cs.
 */
int
page_quota(struct req *r)
{
	struct grid	*g = NULL;
	struct db_stmt	*st;
	enum db_rc	 rc;
	HDF		*o;
	long long	 v;
	int64_t		 site_id, level_id;
	const char	*channel;
	char		 zone[65] = "UTC", today[11], monday[11], sunday[11],
			 day[11], node[80], key[32], prev[11], next[11];
	size_t		 i, w;
	int		 k, row, status = 200;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.Quota.Title"));
	site_id = form_int(r, "site");
	level_id = form_int(r, "level");
	channel = form_get(r, "channel") && form_get(r, "channel")->present &&
	    form_get(r, "channel")->valid ? form_str(r, "channel") : "web";
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
	if (site_id == 0)
		return r->method == M_POST ? 422 : 200;
	if ((k = appt_site_zone(r, site_id, zone, &rc)) < 0)
		return db_http_status(rc);
	if (k == 0)
		return 404;
	appt_today(zone, today);
	if (monday_of(form_str(r, "week")[0] ? form_str(r, "week") : today,
	    monday) != 0 || appt_day_add(monday, 6, sunday) != 0)
		return 422;
	page_set_int(r, "Appt.Site", site_id);
	page_set(r, "Appt.Zone", zone);
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
	if ((rc = booking_slots_make(r->db, site_id, monday, 7)) != DB_OK)
		return db_http_status(rc);
	if ((g = calloc(1, sizeof(*g))) == NULL)
		return 500;
	status = r->method == M_POST ? 422 : 200;

	if ((st = db_stmt(r->db, ASQL_TEMPLATE_LIST)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
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
	if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if ((st = db_stmt(r->db, ASQL_WEEK_SLOTS)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
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
	if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	for (i = 0; i < g->ntimes; i++) {
		snprintf(node, sizeof(node), "Appt.Rows.%zu.Time", i);
		page_set(r, node, g->times[i]);
		for (w = 0; w < 7; w++) {
			const struct cell *c = &g->cells[i][w];

			if (appt_day_add(monday, (int)w, day) != 0)
				day[0] = '\0';
			snprintf(node, sizeof(node), "Appt.Rows.%zu.Cells.%zu.Day",
			    i, w);
			page_set(r, node, day);
			snprintf(node, sizeof(node),
			    "Appt.Rows.%zu.Cells.%zu.Weekday", i, w);
			snprintf(key, sizeof(key), "Appt.Weekday.%zu", w + 1);
			page_set(r, node, tpl_text(r->hdf, key));
			snprintf(node, sizeof(node), "Appt.Rows.%zu.Cells.%zu.Tpl",
			    i, w);
			if (c->tpl >= 0)
				page_set_int(r, node, c->tpl);
			else
				page_set(r, node, "");
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
out:
	free(g);
	return status;
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
	db_bind_int(st, 0, c->site_id);
	db_bind_int(st, 1, c->level_id);
	db_bind_text(st, 2, c->channel);
	db_bind_text(st, 3, c->day);
	db_bind_text(st, 4, c->time);
	if ((rc = db_step(st)) != DB_ROW) {
		c->noslot = rc == DB_OK;
		return rc == DB_OK ? DB_ERROR : rc;
	}
	id = db_col_int(st, 0);
	cap = db_col_int(st, 1);
	booked = db_col_int(st, 2);
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

/* Where to go back to after an action: the same grid. */
static void
grid_location(struct req *r, char *out, size_t outsz)
{
	snprintf(out, outsz, "/appointments/quota?site=%lld&level=%lld"
	    "&channel=%s&week=%s", (long long)form_int(r, "site"),
	    (long long)form_int(r, "level"), form_str(r, "channel"),
	    form_str(r, "week")[0] ? form_str(r, "week") :
	    form_str(r, "day"));
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
quota_answer(struct req *r, enum db_rc rc, const char *field,
    const char *err, int refused)
{
	char	loc[200];
	int	status;

	if (rc == DB_OK) {
		flash_set(r, "ok", "Appt.Flash.QuotaSaved");
		grid_location(r, loc, sizeof(loc));
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
 * quota_slot_fields): raise, lower or close one slot on its date (a
 * per-date override). Lowering below what is booked answers 409 with
 * the grid and a message, and changes nothing. Redirects to the grid.
 */
int
page_quota_slot(struct req *r)
{
	struct quota_ctx	c;
	enum db_rc		rc;

	quota_ctx_init(r, &c);
	c.day = form_str(r, "day");
	c.action = form_str(r, "action");
	rc = db_txn(r->db, slot_txn, &c);
	if (c.below)
		return quota_answer(r, rc, "action", "Appt.Error.BelowBooked",
		    409);
	return quota_answer(r, rc, "time", c.noslot ? "Appt.Error.NoSlot" :
	    NULL, 422);
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
	return quota_answer(r, rc, "capacity", c.below ?
	    "Appt.Error.BelowBooked" : NULL, 409);
}

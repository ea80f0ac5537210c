/*
 * case.c: a dossier as the pages need it: loading with its procedure
 * version, who may open a sealed one, timeline events, and what a
 * change of status does to its legal-deadline clocks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "dossier.h"
#include "log.h"
#include "session.h"

enum db_rc
dossier_load(struct db *db, int64_t id, struct dossier *d)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(d, 0, sizeof(*d));
	if ((st = db_stmt(db, DSQL_DOSSIER_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	d->id = db_col_int(st, 0);
	snprintf(d->reference, sizeof(d->reference), "%s", db_col_text(st, 1));
	d->procedure_id = db_col_int(st, 2);
	d->version_id = db_col_int(st, 3);
	snprintf(d->status, sizeof(d->status), "%s", db_col_text(st, 4));
	snprintf(d->lodged_on, sizeof(d->lodged_on), "%s", db_col_text(st, 5));
	snprintf(d->decided_on, sizeof(d->decided_on), "%s",
	    db_col_text(st, 6));
	d->assignee = db_col_int(st, 7);
	snprintf(d->assignee_name, sizeof(d->assignee_name), "%s",
	    db_col_text(st, 8));
	d->sealed = (int)db_col_int(st, 9);
	d->version = db_col_int(st, 10);
	snprintf(d->procedure_name, sizeof(d->procedure_name), "%s",
	    db_col_text(st, 11));
	d->procedure_number = (int)db_col_int(st, 12);
	snprintf(d->created_at, sizeof(d->created_at), "%s",
	    db_col_text(st, 13));
	db_reset(st);
	if ((d->def = proc_def(db, d->version_id, &rc)) == NULL)
		return rc == DB_OK ? DB_ERROR : rc;
	return DB_ROW;
}

int
dossier_can_open(const struct req *r, const struct dossier *d)
{
	if (!d->sealed)
		return 1;
	if (r->session == NULL)
		return 0;
	return (d->assignee != 0 && d->assignee == r->session->agent_id) ||
	    session_can(r->session, PERM_SEALED);
}

enum db_rc
dossier_event(struct db *db, struct req *r, int64_t dossier,
    const char *kind, const char *from, const char *to, const char *detail)
{
	struct db_stmt	*st;
	struct actor	 a;

	actor_of(r, &a);
	if ((st = db_stmt(db, DSQL_EVENT_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, dossier);
	if (a.agent_id)
		db_bind_int(st, 1, a.agent_id);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, a.name);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, from);
	db_bind_text(st, 5, to);
	db_bind_text(st, 6, detail);
	return db_exec(st);
}

/* A clock row as read for a change. */
struct clock_row {
	int64_t		 id;
	char		 code[WF_CODE_MAX + 1];
	int		 rule_length;
	int		 extended;
	struct wf_clock	 k;
};

static int
unit_parse(const char *s)
{
	int	u;

	for (u = WF_DAYS; u <= WF_MONTHS; u++)
		if (strcmp(wf_unit_name((enum wf_unit)u), s) == 0)
			return u;
	return WF_DAYS;
}

static int64_t
day_or_none(const char *s)
{
	int64_t	d;

	return s[0] != '\0' && wf_day_parse(s, &d) == 0 ? d : -1;
}

/* Read the dossier's clocks (at most WF_MAX_DEADLINES). */
static enum db_rc
clocks_read(struct db *db, int64_t dossier, struct clock_row *rows,
    size_t *n)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	struct clock_row *c;

	*n = 0;
	if ((st = db_stmt(db, DSQL_CLOCKS)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, dossier);
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == WF_MAX_DEADLINES)
			continue;
		c = &rows[(*n)++];
		memset(c, 0, sizeof(*c));
		c->id = db_col_int(st, 0);
		snprintf(c->code, sizeof(c->code), "%s", db_col_text(st, 1));
		wf_day_parse(db_col_text(st, 2), &c->k.started);
		c->rule_length = (int)db_col_int(st, 3);
		c->k.unit = (enum wf_unit)unit_parse(db_col_text(st, 4));
		c->extended = (int)db_col_int(st, 5);
		c->k.length = c->rule_length + c->extended;
		c->k.paused_total = db_col_int(st, 6);
		c->k.paused_since = day_or_none(db_col_text(st, 7));
		c->k.stopped = day_or_none(db_col_text(st, 8));
	}
	return rc;
}

/* Bind a day number, or NULL for none (< 0). */
static void
bind_day(struct db_stmt *st, size_t i, int64_t day)
{
	char	text[11];

	if (day < 0) {
		db_bind_null(st, i);
		return;
	}
	wf_day_format(day, text);
	db_bind_text(st, i, text);
}

/* Write a clock back with its recomputed due date. */
static enum db_rc
clock_write(struct db *db, const struct wf_calendar *cal,
    const struct clock_row *c)
{
	struct db_stmt	*st;
	int64_t		 due = wf_clock_due(cal, &c->k);

	if ((st = db_stmt(db, DSQL_CLOCK_UPDATE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->extended);
	db_bind_int(st, 1, c->k.paused_total);
	bind_day(st, 2, c->k.paused_since);
	bind_day(st, 3, c->k.stopped);
	bind_day(st, 4, due);
	if (c->k.stopped >= 0)
		db_bind_int(st, 5, c->k.stopped <= due);
	else
		db_bind_null(st, 5);
	db_bind_int(st, 6, c->id);
	return db_exec(st);
}

/* Start the clock of deadline dl on today. */
static enum db_rc
clock_start(struct db *db, const struct wf_calendar *cal,
    const struct wf_deadline *dl, int64_t dossier, int pauses,
    int64_t today)
{
	struct db_stmt	*st;
	struct wf_clock	 k;

	memset(&k, 0, sizeof(k));
	k.started = today;
	k.length = dl->length;
	k.unit = dl->unit;
	k.paused_since = pauses ? today : -1;
	k.stopped = -1;
	if ((st = db_stmt(db, DSQL_CLOCK_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, dossier);
	db_bind_text(st, 1, dl->code);
	bind_day(st, 2, today);
	db_bind_int(st, 3, dl->length);
	db_bind_text(st, 4, wf_unit_name(dl->unit));
	bind_day(st, 5, k.paused_since);
	bind_day(st, 6, wf_clock_due(cal, &k));
	return db_exec(st);
}

static int
stops_at(const struct wf_deadline *dl, int status)
{
	size_t	i;

	for (i = 0; i < dl->nstops; i++)
		if (dl->stops[i] == status)
			return 1;
	return 0;
}

enum db_rc
clocks_on_status(struct db *db, const struct wf_calendar *cal,
    const struct wf_def *def, int64_t dossier, int from, int to,
    int64_t today)
{
	struct clock_row		 rows[WF_MAX_DEADLINES], *c;
	const struct wf_deadline	*dl;
	enum db_rc			 rc;
	size_t				 n, i, j;
	int				 pauses = def->statuses[to].pauses;

	(void)from;
	if ((rc = clocks_read(db, dossier, rows, &n)) != DB_OK)
		return rc;
	for (i = 0; i < def->ndeadlines; i++) {
		dl = &def->deadlines[i];
		for (c = NULL, j = 0; j < n; j++)
			if (strcmp(rows[j].code, dl->code) == 0)
				c = &rows[j];
		if (c == NULL) {
			/* A clock starts on the first entry into its status
			 * only: coming back to it does not restart it. */
			if (dl->start == to && (rc = clock_start(db, cal, dl,
			    dossier, pauses, today)) != DB_OK)
				return rc;
			continue;
		}
		if (c->k.stopped >= 0)
			continue;
		if (stops_at(dl, to)) {
			wf_clock_resume(cal, &c->k, today);
			c->k.stopped = today;
		} else if (pauses)
			wf_clock_pause(&c->k, today);
		else
			wf_clock_resume(cal, &c->k, today);
		if ((rc = clock_write(db, cal, c)) != DB_OK)
			return rc;
	}
	return dossier_due_refresh(db, dossier);
}

/* See dossier.h. */
enum db_rc
clock_extend(struct db *db, const struct wf_calendar *cal, int64_t dossier,
    const char *code, int n, int max, int *before, int *result)
{
	struct clock_row	 rows[WF_MAX_DEADLINES];
	enum db_rc		 rc;
	size_t			 cnt, j;

	*result = EXTEND_NOT_RUNNING;
	if ((rc = clocks_read(db, dossier, rows, &cnt)) != DB_OK)
		return rc;
	for (j = 0; j < cnt; j++) {
		if (strcmp(rows[j].code, code) != 0 || rows[j].k.stopped >= 0)
			continue;
		*before = rows[j].extended;
		/* The rule's "extend" is the most the clock may gain in
		 * all, whatever the number of extensions. */
		if (rows[j].extended + n > max) {
			*result = EXTEND_OVER;
			return DB_OK;
		}
		rows[j].extended += n;
		rows[j].k.length += n;
		if ((rc = clock_write(db, cal, &rows[j])) != DB_OK)
			return rc;
		*result = EXTEND_DONE;
		return dossier_due_refresh(db, dossier);
	}
	return DB_OK;
}

enum db_rc
dossier_due_refresh(struct db *db, int64_t dossier)
{
	struct db_stmt	*st;

	if ((st = db_stmt(db, DSQL_DOSSIER_DUE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, dossier);
	db_bind_int(st, 1, dossier);
	db_bind_int(st, 2, dossier);
	return db_exec(st);
}

int
dossier_open_path(struct req *r, struct dossier *d)
{
	enum db_rc	rc;
	char		idtext[24];

	if ((rc = dossier_load(r->db, req_param_int(r, "id"), d)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	if (dossier_can_open(r, d))
		return 0;
	/* A refused look at a sealed case file is logged too. */
	snprintf(idtext, sizeof(idtext), "%lld", (long long)d->id);
	access_write(r, "dossier", idtext, "refused:sealed");
	return 403;
}

int
dossier_page_again(struct req *r, int status)
{
	int	s = page_view(r);

	return s == 200 ? status : s;
}

int
dossier_redirect(struct req *r, int64_t id, const char *anchor,
    const char *msgkey)
{
	char	loc[96];

	flash_set(r, "ok", msgkey);
	snprintf(loc, sizeof(loc), "/dossier/%lld%s", (long long)id, anchor);
	return resp_redirect(r, loc);
}

void
person_display(const char *family, const char *given, char *out,
    size_t outsz)
{
	if (family == NULL)
		family = "";
	if (given == NULL)
		given = "";
	if (family[0] != '\0' && given[0] != '\0')
		snprintf(out, outsz, "%s, %s", family, given);
	else
		snprintf(out, outsz, "%s%s", family, given);
}

int
clocks_fill(struct req *r, const struct dossier *d,
    const struct wf_calendar *cal, int64_t today)
{
	struct clock_row		 rows[WF_MAX_DEADLINES];
	const struct wf_deadline	*dl;
	enum db_rc			 rc;
	size_t				 n, i, j, out = 0;
	char				 node[64], day[11];

	if ((rc = clocks_read(r->db, d->id, rows, &n)) != DB_OK)
		return db_http_status(rc);
	for (i = 0; i < n; i++) {
		for (dl = NULL, j = 0; j < d->def->ndeadlines; j++)
			if (strcmp(d->def->deadlines[j].code, rows[i].code) == 0)
				dl = &d->def->deadlines[j];
		if (dl == NULL)
			continue;
#define SET(k, v) do { snprintf(node, sizeof(node), "Clocks.%zu." k, out); \
	page_set(r, node, (v)); } while (0)
#define SETI(k, v) do { snprintf(node, sizeof(node), "Clocks.%zu." k, out); \
	page_set_int(r, node, (v)); } while (0)
		SET("Code", dl->code);
		SET("Label", wf_label_text(&dl->label, r->lang, dl->code));
		SET("Source", dl->source);
		SET("Unit", wf_unit_name(dl->unit));
		wf_day_format(rows[i].k.started, day);
		SET("Started", day);
		wf_day_format(wf_clock_due(cal, &rows[i].k), day);
		SET("Due", day);
		SETI("Left", wf_clock_left(cal, &rows[i].k, today));
		SET("Light", wf_light_name(wf_clock_light(cal, &rows[i].k,
		    dl->warn, today)));
		SETI("Length", dl->length);
		SETI("Extended", rows[i].extended);
		SETI("ExtendLeft", dl->extend - rows[i].extended);
		if (rows[i].k.stopped >= 0) {
			wf_day_format(rows[i].k.stopped, day);
			SET("Stopped", day);
		}
		if (rows[i].k.paused_since >= 0) {
			wf_day_format(rows[i].k.paused_since, day);
			SET("PausedSince", day);
		}
#undef SET
#undef SETI
		out++;
	}
	return 0;
}

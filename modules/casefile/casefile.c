/*
 * casefile.c: a case file (dossier) as more than one program opens and
 * moves it (moved here from havre-dossier for havre-registration, which
 * opens the dossiers of a household): procedure versions parsed once
 * per worker, the agency's calendar and today, timeline events, what a
 * status does to the legal-deadline clocks, and the opening of a
 * dossier with its principal applicant.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "booking.h"
#include "casefile.h"
#include "conf.h"
#include "htime.h"
#include "log.h"
#include "session.h"

/* The statement id of the library's table. */
static struct db_stmt *
casefile_stmt(struct db *db, enum casefile_sql id)
{
	return db_tstmt(db, &casefile_sqls, id);
}


/* Weekend days from Workflow.Weekend ("sat,sun"; ISO names mon..sun). */
static unsigned
weekend_mask(const struct conf *conf)
{
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri",
	    "sat", "sun"};
	const char	*w = conf_get(conf, "Workflow.Weekend", "sat,sun");
	unsigned	 mask = 0;
	size_t		 i;

	for (i = 0; i < 7; i++)
		if (strstr(w, days[i]) != NULL)
			mask |= 1u << (i + 1);
	return mask;
}

enum db_rc
calendar_load(struct req *r, struct wf_calendar *cal)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		*v, day;
	size_t		 cap = 0;

	memset(cal, 0, sizeof(*cal));
	cal->weekend = weekend_mask(r->conf);
	if ((st = casefile_stmt(r->db, CSQL_CLOSED_LIST)) == NULL)
		return db_last_rc(r->db);
	while ((rc = db_step(st)) == DB_ROW) {
		if (wf_day_parse(db_col_text(st, 0), &day) != 0)
			continue;
		if (cal->nclosed == cap) {
			cap = cap ? cap * 2 : 64;
			if ((v = reallocarray(cal->closed, cap,
			    sizeof(*v))) == NULL) {
				db_reset(st);
				calendar_free(cal);
				return DB_ERROR;
			}
			cal->closed = v;
		}
		cal->closed[cal->nclosed++] = day;
	}
	if (rc != DB_OK)
		calendar_free(cal);
	return rc;
}

void
calendar_free(struct wf_calendar *cal)
{
	free(cal->closed);
	cal->closed = NULL;
	cal->nclosed = 0;
}

int64_t
dossier_today(const struct req *r)
{
	struct tm	tm;
	const char	*zone = r->conf && r->conf->timezone ?
	    r->conf->timezone : "UTC";

	if (time_utc_to_local(time(NULL), zone, &tm, NULL) != 0)
		return (int64_t)(time(NULL) / 86400);
	return wf_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* See casefile.h. */
enum db_rc
dossier_event(struct db *db, struct req *r, int64_t dossier,
    const char *kind, const char *from, const char *to, const char *detail)
{
	struct db_stmt	*st;
	struct actor	 a;

	actor_of(r, &a);
	if ((st = casefile_stmt(db, CSQL_EVENT_INSERT)) == NULL)
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

/* See casefile.h. */
enum db_rc
clocks_read(struct db *db, int64_t dossier, struct clock_row *rows,
    size_t *n)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	struct clock_row *c;

	*n = 0;
	if ((st = casefile_stmt(db, CSQL_CLOCKS)) == NULL)
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

	if ((st = casefile_stmt(db, CSQL_CLOCK_UPDATE)) == NULL)
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
	if ((st = casefile_stmt(db, CSQL_CLOCK_INSERT)) == NULL)
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

	if ((st = casefile_stmt(db, CSQL_DOSSIER_DUE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, dossier);
	db_bind_int(st, 1, dossier);
	db_bind_int(st, 2, dossier);
	return db_exec(st);
}


/* See casefile.h. */
int
procedure_current(struct req *r, int64_t id, int64_t *version_id,
    const struct wf_def **def)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int		 active;

	if ((st = casefile_stmt(r->db, CSQL_PROC_GET)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	active = (int)db_col_int(st, 4);
	*version_id = db_col_int(st, 6);
	db_reset(st);
	if (!active)
		return 404;
	if ((*def = wf_version_def(r->db, *version_id, &rc)) == NULL)
		return db_http_status(rc == DB_OK ? DB_ERROR : rc);
	return 0;
}

/* See casefile.h. */
enum db_rc
procedure_by_code(struct db *db, const char *code, int64_t *id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = casefile_stmt(db, CSQL_PROC_BY_CODE)) == NULL)
		return db_last_rc(db);
	db_bind_ascii(st, 0, code);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	*id = db_col_int(st, 0);
	db_reset(st);
	return DB_ROW;
}

/* See casefile.h. */
enum db_rc
dossier_person_add(struct db *db, int64_t dossier, int64_t person,
    const char *role, const char *relation)
{
	struct db_stmt	*st;

	if ((st = casefile_stmt(db, CSQL_PERSON_ADD)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, dossier);
	db_bind_int(st, 1, person);
	db_bind_text(st, 2, role);
	db_bind_text(st, 3, relation);
	return db_exec(st);
}

/* See casefile.h. */
enum db_rc
dossier_create(struct db *db, struct req *r, struct dossier_new *c)
{
	struct db_stmt		*st;
	struct audit_change	 ch[4];
	enum db_rc		 rc;
	char			 idtext[24], lodged[11], person[24], shown[10];

	wf_day_format(c->lodged, lodged);
	if ((st = casefile_stmt(db, CSQL_DOSSIER_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, c->reference);
	db_bind_int(st, 1, c->procedure);
	db_bind_int(st, 2, c->version_id);
	db_bind_text(st, 3, c->def->statuses[c->def->initial].code);
	db_bind_text(st, 4, lodged);
	if (c->assignee)
		db_bind_int(st, 5, c->assignee);
	else
		db_bind_null(st, 5);
	db_bind_int(st, 6, c->sealed);
	if (r->session && r->session->agent_id)
		db_bind_int(st, 7, r->session->agent_id);
	else
		db_bind_null(st, 7);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	c->id = (int64_t)db_insert_id(st);
	if ((rc = dossier_person_add(db, c->id, c->person, "principal",
	    NULL)) != DB_OK)
		return rc;
	booking_reference_display(c->reference, shown);
	if ((rc = dossier_event(db, r, c->id, "created", NULL,
	    c->def->statuses[c->def->initial].code, shown)) != DB_OK)
		return rc;
	/* The clocks start at lodging, which may precede today (a claim
	 * lodged at the border and registered later). */
	if ((rc = clocks_on_status(db, c->cal, c->def, c->id, -1,
	    c->def->initial, c->lodged)) != DB_OK)
		return rc;
	snprintf(person, sizeof(person), "%lld", (long long)c->person);
	ch[0] = (struct audit_change){"reference", NULL, c->reference};
	ch[1] = (struct audit_change){"person", NULL, person};
	ch[2] = (struct audit_change){"status", NULL,
	    c->def->statuses[c->def->initial].code};
	ch[3] = (struct audit_change){"lodged_on", NULL, lodged};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	return audit_req(r, "dossier", idtext, "create", ch, 4);
}

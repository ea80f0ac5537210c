/*
 * proc.c: procedure versions (parsed once per worker: a version never
 * changes once stored), the agency's calendar and today's date in the
 * agency's zone.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "dossier.h"
#include "htime.h"
#include "log.h"
#include "tpl.h"

/* Versions kept parsed per worker; beyond, the oldest is replaced. */
#define DEF_CACHE	32

static struct {
	int64_t		 version_id;
	struct wf_def	 def;
} cache[DEF_CACHE];
static size_t	cache_next;

const struct wf_def *
proc_def(struct db *db, int64_t version_id, enum db_rc *rcp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 i, slot;
	char		 err[256];

	*rcp = DB_OK;
	for (i = 0; i < DEF_CACHE; i++)
		if (cache[i].version_id == version_id)
			return &cache[i].def;
	if ((st = db_stmt(db, DSQL_VERSION_GET)) == NULL) {
		*rcp = db_last_rc(db);
		return NULL;
	}
	db_bind_int(st, 0, version_id);
	if ((rc = db_step(st)) != DB_ROW) {
		*rcp = rc == DB_OK ? DB_ERROR : rc;
		log_err("procedure version %lld not readable",
		    (long long)version_id);
		return NULL;
	}
	slot = cache_next;
	cache_next = (cache_next + 1) % DEF_CACHE;
	cache[slot].version_id = 0;
	if (wf_parse(db_col_text(st, 0), &cache[slot].def, err,
	    sizeof(err)) != 0) {
		log_err("procedure version %lld does not parse: %s",
		    (long long)version_id, err);
		db_reset(st);
		*rcp = DB_ERROR;
		return NULL;
	}
	db_reset(st);
	cache[slot].version_id = version_id;
	return &cache[slot].def;
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
	if ((st = db_stmt(r->db, DSQL_CLOSED_LIST)) == NULL)
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

const char *
status_label(const struct req *r, const struct wf_def *def,
    const char *code)
{
	int	i;

	if (def == NULL || (i = wf_status_find(def, code)) < 0)
		return code;
	return wf_label_text(&def->statuses[i].label, r->lang, code);
}

int
procedures_fill(struct req *r, const char *node, int all)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 name[96];
	size_t		 n = 0;

	if ((st = db_stmt(r->db, DSQL_PROC_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		if (!all && db_col_int(st, 4) == 0)
			continue;
		snprintf(name, sizeof(name), "%s.%zu.Value", node, n);
		page_set_int(r, name, db_col_int(st, 0));
		snprintf(name, sizeof(name), "%s.%zu.Label", node, n);
		page_set(r, name, db_col_text(st, 2));
		snprintf(name, sizeof(name), "%s.%zu.Code", node, n);
		page_set(r, name, db_col_text(st, 1));
		snprintf(name, sizeof(name), "%s.%zu.Number", node, n);
		page_set_int(r, name, db_col_int(st, 3));
		snprintf(name, sizeof(name), "%s.%zu.Active", node, n);
		page_set_int(r, name, db_col_int(st, 4));
		n++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

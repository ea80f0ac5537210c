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
	if ((d->def = wf_version_def(db, d->version_id, &rc)) == NULL)
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

int
dossier_needs_glass(const struct req *r, const struct dossier *d)
{
	return d->sealed && r->session != NULL && !(d->assignee != 0 &&
	    d->assignee == r->session->agent_id) &&
	    session_can(r->session, PERM_SEALED);
}

/*
 * Is there a break-glass opening of d by the request's agent still
 * running? DB_ROW yes, DB_OK no, or the failure.
 */
static enum db_rc
glass_valid(struct req *r, const struct dossier *d)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_stmt(r->db, DSQL_GLASS_VALID)) == NULL)
		return db_last_rc(r->db);
	db_bind_int(st, 0, r->session->agent_id);
	db_bind_int(st, 1, d->id);
	if ((rc = db_step(st)) == DB_ROW)
		db_reset(st);
	return rc;
}

int
dossier_open_path(struct req *r, struct dossier *d)
{
	enum db_rc	rc;
	char		idtext[24], loc[64];

	if ((rc = dossier_load(r->db, req_param_int(r, "id"), d)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	snprintf(idtext, sizeof(idtext), "%lld", (long long)d->id);
	/* Outside one's assignment a sealed case file opens only with a
	 * reason given first (issue 20, "break glass"): a page asks for
	 * it; a change sent without one is refused. */
	if (dossier_needs_glass(r, d)) {
		if ((rc = glass_valid(r, d)) == DB_ROW)
			return 0;
		if (rc != DB_OK)
			return db_http_status(rc);
		access_write(r, "dossier", idtext, "refused:break_glass");
		if (r->method != M_GET)
			return 403;
		snprintf(loc, sizeof(loc), "/dossier/%s/break-glass", idtext);
		return resp_redirect(r, loc);
	}
	if (dossier_can_open(r, d))
		return 0;
	/* A refused look at a sealed case file is logged too. */
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

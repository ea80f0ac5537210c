/*
 * glass.c: "break glass" (issue 20 item 4). A sealed case file opens
 * for its officer; anyone else holding dossier.sealed first says why
 * (GET /dossier/{id}/break-glass asks, dossier_open_path sends them
 * there). The reason is kept in break_glass with who and when, written
 * to the access log (reason break_glass) and the audit trail, and opens
 * the case file for that agent for Dossier.BreakGlassHours (default 8).
 * Supervisors see every opening on havre-portal's access review.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "conf.h"
#include "dossier.h"
#include "log.h"
#include "session.h"
#include "tpl.h"

/* POST /dossier/{id}/break-glass */
const struct field_spec break_glass_fields[] = {
	{"reason", FIELD_STRING, 1, 10, 500, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/*
 * GET /dossier/{id}/break-glass (dossier.view): the question before a
 * sealed case file opens outside one's assignment: its reference and
 * the reason field. A case file that needs no reason (not sealed, one's
 * own) redirects to its page; one the agent may not open at all is 403
 * (logged). Also the fill of a rejected reason. Template
 * dossier/break_glass.cs.
 */
int
page_break_glass_form(struct req *r)
{
	struct dossier	*d;
	enum db_rc	 rc;
	char		 loc[64], idtext[24];
	int		 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((rc = dossier_load(r->db, req_param_int(r, "id"), d)) != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	if (!dossier_needs_glass(r, d)) {
		if (!dossier_can_open(r, d)) {
			snprintf(idtext, sizeof(idtext), "%lld", (long long)d->id);
			access_write(r, "dossier", idtext, "refused:sealed");
			status = 403;
			goto out;
		}
		snprintf(loc, sizeof(loc), "/dossier/%lld", (long long)d->id);
		status = resp_redirect(r, loc);
		goto out;
	}
	page_set(r, "Page.Title", tpl_text(r->hdf, "Dossier.Glass.Title"));
	page_set_int(r, "Glass.Id", d->id);
	page_set(r, "Glass.Reference", d->reference);
	page_set(r, "Glass.Officer", d->assignee_name);
	page_set_int(r, "Glass.Hours", conf_get_int(r->conf,
	    "Dossier.BreakGlassHours", 8));
	status = 200;
out:
	free(d);
	return status;
}

/* What glass_txn records. */
struct glass_ctx {
	struct req	*r;
	int64_t		 id;
	const char	*reason;
	long long	 hours;
};

/* The opening, its audit event (db_txn function). */
static enum db_rc
glass_txn(struct db *db, void *arg)
{
	struct glass_ctx	*c = arg;
	struct audit_change	 ch = {"reason", NULL, c->reason};
	struct db_stmt		*st;
	struct actor		 act;
	enum db_rc		 rc;
	char			 idtext[24];

	actor_of(c->r, &act);
	if ((st = db_stmt(db, DSQL_GLASS_ADD)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	db_bind_int(st, 1, act.agent_id);
	db_bind_text(st, 2, act.name);
	db_bind_text(st, 3, c->reason);
	db_bind_int(st, 4, c->hours);
	db_bind_text(st, 5, act.reqid);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	return audit_req(c->r, "dossier", idtext, "break_glass", &ch, 1);
}

/*
 * POST /dossier/{id}/break-glass (dossier.view, CSRF;
 * break_glass_fields: a reason of 10 to 500 characters): record the
 * opening and its reason (break_glass, the access log, the audit
 * trail), then redirect to the case file. 403 when no reason is needed
 * or the agent may not open it at all; 422 for a reason too short.
 */
int
page_break_glass(struct req *r)
{
	struct dossier	*d;
	struct glass_ctx c;
	enum db_rc	 rc;
	char		 loc[64], idtext[24];
	int		 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((rc = dossier_load(r->db, req_param_int(r, "id"), d)) != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	if (!dossier_needs_glass(r, d)) {
		status = 403;
		goto out;
	}
	c.r = r;
	c.id = d->id;
	c.reason = form_str(r, "reason");
	c.hours = conf_get_int(r->conf, "Dossier.BreakGlassHours", 8);
	if (c.hours < 1 || c.hours > 24)
		c.hours = 8;
	if ((rc = db_txn(r->db, glass_txn, &c)) != DB_OK) {
		log_err("dossier %lld: cannot record a break-glass opening: %s",
		    (long long)d->id, db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	snprintf(idtext, sizeof(idtext), "%lld", (long long)d->id);
	if ((rc = access_write(r, "dossier", idtext, "break_glass")) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	log_info("dossier %lld opened by break glass", (long long)d->id);
	snprintf(loc, sizeof(loc), "/dossier/%lld", (long long)d->id);
	status = resp_redirect(r, loc);
out:
	free(d);
	return status;
}

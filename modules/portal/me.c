/*
 * me.c: a signed-in agent's own account: profile, roles, a link to the
 * password change, and the agent's live sessions, each of which can be
 * revoked (revoking the current one signs out).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "common_sql.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "portal.h"
#include "session.h"
#include "tpl.h"

/* The label of a language code (the code itself if unknown). */
static const char *
lang_label(const char *code)
{
	if (strcmp(code, "en") == 0)
		return "English";
	if (strcmp(code, "fr") == 0)
		return "Français";
	if (strcmp(code, "ar") == 0)
		return "العربية";
	return code;
}

/*
 * Profile and roles of the signed-in agent: Me.{Username, DisplayName,
 * Email, Lang, MustChange}, Me.Roles.N.Label. Returns 0, 404 if the
 * agent vanished, or the status of a database failure.
 */
static int
profile_fill(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 node[64];

	if ((st = db_stmt(r->db, PSQL_AGENT_GET)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, r->session->agent_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	page_set(r, "Me.Username", db_col_text(st, 0));
	page_set(r, "Me.DisplayName", db_col_text(st, 1));
	page_set(r, "Me.Email", db_col_text(st, 2));
	page_set(r, "Me.Lang", lang_label(db_col_text(st, 3)));
	page_set(r, "Me.MustChange", db_col_int(st, 7) ? "1" : "0");
	db_reset(st);

	if ((st = db_stmt(r->db, PSQL_AGENT_ROLES)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, r->session->agent_id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Me.Roles.%zu.Label", n++);
		page_set(r, node, portal_role_label(r, db_col_text(st, 0)));
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

/*
 * The agent's live sessions, newest first: Me.Sessions.N.{Id, Created,
 * LastSeen, Addr, UserAgent, Current}. Returns 0 or the status of a
 * database failure.
 */
static int
sessions_fill(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 node[64], when[64];
	int64_t		 id;

	if ((st = db_stmt(r->db, PSQL_MY_SESSIONS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, r->session->agent_id);
	while ((rc = db_step(st)) == DB_ROW) {
		id = db_col_int(st, 0);
		snprintf(node, sizeof(node), "Me.Sessions.%zu.Id", n);
		page_set_int(r, node, id);
		portal_local_time(r, db_col_text(st, 1), when, sizeof(when));
		snprintf(node, sizeof(node), "Me.Sessions.%zu.Created", n);
		page_set(r, node, when);
		portal_local_time(r, db_col_text(st, 2), when, sizeof(when));
		snprintf(node, sizeof(node), "Me.Sessions.%zu.LastSeen", n);
		page_set(r, node, when);
		snprintf(node, sizeof(node), "Me.Sessions.%zu.Addr", n);
		page_set(r, node, db_col_text(st, 3));
		snprintf(node, sizeof(node), "Me.Sessions.%zu.UserAgent", n);
		page_set(r, node, db_col_text(st, 4));
		if (id == r->session->id) {
			snprintf(node, sizeof(node), "Me.Sessions.%zu.Current",
			    n);
			page_set(r, node, "1");
		}
		n++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

/*
 * GET /me (any signed-in agent): own profile, roles and live sessions.
 * Template portal/me.cs. An API key has no account page (404).
 */
int
page_me(struct req *r)
{
	int	status;

	if (r->session == NULL || r->session->agent_id == 0)
		return 404;
	page_set(r, "Page.Title", tpl_text(r->hdf, "Me.Title"));
	page_set(r, "Me.TimeZone", r->conf ? r->conf->timezone : "UTC");
	if ((status = profile_fill(r)) != 0)
		return status;
	if ((status = sessions_fill(r)) != 0)
		return status;
	return 200;
}

/* What revoke_txn needs and gives back. */
struct revoke_ctx {
	struct req	*r;
	int64_t		 id;
	int		 found;		/* out: it was a live session of ours */
};

/* Revoke one of the agent's own sessions and write the audit event
 * (db_txn function). */
static enum db_rc
revoke_txn(struct db *db, void *arg)
{
	struct revoke_ctx	*c = arg;
	struct audit_change	 ch[1];
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 idtext[24];

	c->found = 0;
	if ((st = db_cstmt(db, CSQL_SESSION_REVOKE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	db_bind_int(st, 1, c->r->session->agent_id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) == 0)
		return DB_OK;
	c->found = 1;
	ch[0] = (struct audit_change){"revoked", "0", "1"};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	return audit_req(c->r, "session", idtext, "revoke", ch, 1);
}

/*
 * POST /me/sessions/{id}/revoke (any signed-in agent, CSRF): end one
 * of the agent's own live sessions. Redirects to /me with a flash, or
 * to /login when it was the current session. 404 if the session is
 * not a live one of this agent.
 */
int
page_me_revoke(struct req *r)
{
	struct revoke_ctx	 c;
	enum db_rc		 rc;

	if (r->session == NULL || r->session->agent_id == 0)
		return 404;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = req_param_int(r, "id");
	if ((rc = db_txn(r->db, revoke_txn, &c)) != DB_OK) {
		log_err("cannot revoke session %lld: %s", (long long)c.id,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (!c.found)
		return 404;
	log_info("session %lld revoked by its agent", (long long)c.id);
	if (c.id == r->session->id) {
		/* Already revoked above; this clears the cookie. */
		if ((rc = auth_session_end(r)) != DB_OK)
			return db_http_status(rc);
		flash_set(r, "ok", "Flash.LoggedOut");
		return resp_redirect(r, "/login");
	}
	flash_set(r, "ok", "Me.Flash.Revoked");
	return resp_redirect(r, "/me");
}

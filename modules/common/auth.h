/*
 * auth.h: the checks dispatch makes before a handler runs: who is
 * asking (session cookie or API key), whether the route's permission is
 * granted, and whether a state-changing request carries a valid CSRF
 * token from the same origin. Also starting and ending sessions.
 */
#ifndef HAVRE_AUTH_H
#define HAVRE_AUTH_H

#include <stdint.h>

#include "db.h"

struct req;

/* The portal's pages every signed-in agent can reach, even with a
 * temporary password that must be changed first. */
#define AUTH_PASSWORD_PATH	"/password"
#define AUTH_LOGOUT_PATH	"/logout"

/*
 * Identify the requester from the session cookie or an
 * "Authorization: Bearer" API key; sets req->session (and is_api,
 * bad_key, session_expired). Returns 0, or -1 if the database could not
 * be reached (the requester is then unknown).
 */
int	 auth_identify(struct req *);
/* Page data for a signed-in agent's layout: Page.Agent.*, Page.Csrf,
 * Page.Nav. (An anonymous visitor's Page.Csrf is set by auth_check, for
 * routes that render a page or check the token.) */
void	 auth_page_data(struct req *);
/*
 * Enforce the route's permission and CSRF flag. identify_rc is
 * auth_identify's result. Returns 0 to let the handler run, else the
 * status of the response already produced (login redirect, 401, 403,
 * 503).
 */
int	 auth_check(struct req *, int identify_rc);
/*
 * On a route flagged ROUTE_KEY_LATER, r's API key may come from the
 * worker's memory of keys found live lately (r->key_recalled) without a
 * look-up; the handler confirms it in its own statement (the key's row
 * not revoked) before answering anything, and calls this when that
 * says it is not live, or before any other answer. Looks the key up
 * (and the route's permission) as auth_check would. Returns 0 when the
 * request may go on (r->key_recalled is then 0), else the status of the
 * error page already answered (401, 403, 503).
 */
int	 auth_key_confirm(struct req *);
/*
 * Write the API key uses this worker keeps (auth.c says why it keeps
 * them): those due (the oldest waited a second, or a full batch), or
 * all when force (the worker is idle or ending). Failures are logged.
 */
void	 auth_key_uses_flush(struct db *, int force);
/* Answer a failed CSRF check: a 403 page that can re-send the user's
 * fields with a fresh token (or a JSON 403). Returns 403. */
int	 auth_csrf_failed(struct req *);
/* 422 JSON body {"errors":{field:message}} for a rejected API form. */
int	 auth_json_form_errors(struct req *);

/*
 * Start a session for an agent who just proved who they are: the
 * session the browser came with is revoked (rotation), a new token is
 * set as the cookie. Returns DB_OK or the error.
 */
enum db_rc auth_session_start(struct req *, int64_t agent_id);
/* Revoke the request's session and clear the cookie. */
enum db_rc auth_session_end(struct req *);

#endif

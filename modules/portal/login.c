/*
 * login.c: signing in and out, and changing one's password.
 *
 * Login answers with the same message, after the same argon2id work,
 * whether the username exists or not. Failures are throttled per
 * account and per client address: after Auth.MaxFailures (5) failures
 * within Auth.LockMinutes (15) each new try must wait longer (5 s,
 * 10 s, 20 s ...), and after Auth.LockFailures (10) the account or
 * address is locked until LockMinutes after the last failure. An
 * account's count starts again when it signs in; an address's does
 * not (one valid account must not open a password spray across the
 * others). The current password of the password-change page counts
 * the same. The page says when to try again. Refused tries are not
 * counted, so waiting always helps. (OWASP Authentication Cheat Sheet: throttle, don't
 * lock forever, don't reveal which accounts exist.)
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "conf.h"
#include "htime.h"
#include "log.h"
#include "passwd.h"
#include "portal.h"
#include "session.h"
#include "tpl.h"

const struct field_spec login_fields[] = {
	{"username", FIELD_STRING, 1, 1, 64, NULL},
	{"password", FIELD_SECRET, 1, 1, PASSWORD_MAX_LENGTH, NULL},
	{"next", FIELD_STRING, 0, 0, 512, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

const struct field_spec password_fields[] = {
	{"current", FIELD_SECRET, 1, 1, PASSWORD_MAX_LENGTH, NULL},
	{"new", FIELD_SECRET, 1, 1, PASSWORD_MAX_LENGTH, NULL},
	{"confirm", FIELD_SECRET, 1, 1, PASSWORD_MAX_LENGTH, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/*
 * A safe place to return to after login: a local path the portal or a
 * program serves ("/x..."), not "//host" or "/\host", and only
 * characters a path needs. Returns next or "/dashboard".
 */
static const char *
safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    next[1] == '\\' || strcmp(next, "/login") == 0 ||
	    strspn(next, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789/._-%") != strlen(next))
		return "/dashboard";
	return next;
}

/*
 * GET /login (intranet, anyone): the sign-in form. Already signed in:
 * straight to the dashboard. ?expired=1 says the session ended.
 * Template portal/login.cs. Also fills the re-rendered form.
 */
int
page_login_form(struct req *r)
{
	const struct kv	*next = kv_get(&r->query, "next");
	const struct kv *expired = kv_get(&r->query, "expired");

	if (r->session != NULL && !r->is_api && r->method == M_GET)
		return resp_redirect(r, "/dashboard");
	page_set(r, "Page.Title", tpl_text(r->hdf, "Login.Title"));
	if (r->method == M_GET) {
		if (next != NULL)
			page_set(r, "Form.next.Value", safe_next(next->value));
		if (expired != NULL)
			page_set(r, "Login.Expired", "1");
	}
	return 200;
}

/* How long a client must still wait, in seconds, given its failures in
 * the window and the seconds since the last one; 0 if it may try. */
static long
throttle_wait(const struct conf *conf, long failures, long since_last,
    long scale)
{
	long	max = conf_get_int(conf, "Auth.MaxFailures", 5) * scale;
	long	lock = conf_get_int(conf, "Auth.LockFailures", 10) * scale;
	long	window = conf_get_int(conf, "Auth.LockMinutes", 15) * 60;
	long	wait;

	if (failures < max)
		return 0;
	if (failures >= lock)
		wait = window;
	else {
		long steps = (failures - max) / scale;

		wait = 5L << (steps > 8 ? 8 : steps);
		if (wait > window)
			wait = window;
	}
	return since_last >= wait ? 0 : wait - since_last;
}

/*
 * Failures recorded for key within window seconds: an account's
 * (PSQL_FAILURES_USER, counted since its last success) or an
 * address's (PSQL_FAILURES_ADDR, whoever succeeded from it). Returns
 * DB_OK and fills *count and *since_last.
 */
static enum db_rc
failures(struct req *r, size_t id, const char *key, long window,
    long *count, long *since_last)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_stmt(r->db, id)) == NULL)
		return db_last_rc(r->db);
	db_bind_text(st, 0, key);
	db_bind_int(st, 1, window);
	if (id == PSQL_FAILURES_USER)
		db_bind_text(st, 2, key);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	*count = (long)db_col_int(st, 0);
	*since_last = (long)db_col_int(st, 1);
	db_reset(st);
	return DB_OK;
}

/*
 * Check both throttles. Returns DB_OK with *wait = seconds to wait (0:
 * may try now), or the database error.
 */
static enum db_rc
login_throttle(struct req *r, const char *username, long *wait)
{
	long		window = conf_get_int(r->conf, "Auth.LockMinutes", 15) * 60;
	/* set by failures() when it answers DB_OK; initialised for gcc -O3,
	 * which cannot see that it answers nothing else without them */
	long		n = 0, since = 0, w;
	enum db_rc	rc;
	/* An office behind one address has many agents: the address gets
	 * four times the account's allowance. */
	const long	addr_scale = 4;

	*wait = 0;
	if ((rc = failures(r, PSQL_FAILURES_USER, username, window, &n,
	    &since)) != DB_OK)
		return rc;
	*wait = throttle_wait(r->conf, n, since, 1);
	if ((rc = failures(r, PSQL_FAILURES_ADDR, r->remote_addr ?
	    r->remote_addr : "-", window, &n, &since)) != DB_OK)
		return rc;
	w = throttle_wait(r->conf, n, since, addr_scale);
	if (w > *wait)
		*wait = w;
	return DB_OK;
}

/* Record one attempt (outside any transaction: failures must stay). */
static void
attempt_add(struct req *r, const char *username, int success)
{
	struct db_stmt	*st;

	if ((st = db_stmt(r->db, PSQL_ATTEMPT_ADD)) == NULL)
		return;
	db_bind_text(st, 0, username);
	db_bind_text(st, 1, r->remote_addr ? r->remote_addr : "-");
	db_bind_int(st, 2, success);
	if (db_exec(st) != DB_OK)
		log_err("cannot record a login attempt");
}

/* Show when the client may try again, in words and as a local time. */
static int
login_refused_wait(struct req *r, long wait)
{
	char	when[32];

	time_format_zone(time(NULL) + wait, r->conf->timezone, "%H:%M:%S",
	    when, sizeof(when));
	page_set(r, "Login.Wait.Until", when);
	page_set_int(r, "Login.Wait.Minutes", (wait + 59) / 60);
	page_set(r, "Login.Error", "Login.Error.Throttled");
	page_login_form(r);
	return 429;
}

struct login_txn {
	struct req	*r;
	int64_t		 agent_id;
};

/* Start the session and audit the login, in one transaction. */
static enum db_rc
login_txn(struct db *db, void *arg)
{
	struct login_txn	*t = arg;
	struct actor		 a;
	char			 id[24];
	enum db_rc		 rc;

	(void)db;
	if ((rc = auth_session_start(t->r, t->agent_id)) != DB_OK)
		return rc;
	actor_of(t->r, &a);
	a.agent_id = t->agent_id;
	a.name = form_str(t->r, "username");
	snprintf(id, sizeof(id), "%lld", (long long)t->agent_id);
	return audit_write(t->r->db, &a, "agent", id, "login", NULL, 0);
}

/*
 * POST /login (intranet, anyone, CSRF: anonymous token; fields
 * username, password, next): check the throttles, verify the password
 * (argon2id, also for unknown users), record the attempt, start a new
 * session and go to next (or /dashboard, or /password when the
 * password is temporary). Template portal/login.cs on failure.
 */
int
page_login(struct req *r)
{
	const char	*username = form_str(r, "username");
	const char	*password = form_str(r, "password");
	struct db_stmt	*st;
	struct login_txn t = {r, 0};
	char		 hash[crypto_pwhash_STRBYTES] = "";
	long		 wait;
	int		 disabled = 0, must_change = 0, ok;
	enum db_rc	 rc;

	if ((rc = login_throttle(r, username, &wait)) != DB_OK)
		return db_http_status(rc);
	if (wait > 0) {
		log_info("login throttled for %ld s", wait);
		return login_refused_wait(r, wait);
	}
	if ((st = db_stmt(r->db, PSQL_AGENT_BY_USERNAME)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, username);
	if ((rc = db_step(st)) == DB_ROW) {
		t.agent_id = db_col_int(st, 0);
		snprintf(hash, sizeof(hash), "%s", db_col_text(st, 1));
		disabled = (int)db_col_int(st, 2);
		must_change = (int)db_col_int(st, 3);
		db_reset(st);
	} else if (rc != DB_OK)
		return db_http_status(rc);
	/* The same work whether or not the user exists. */
	ok = passwd_verify(t.agent_id ? hash : NULL, password);
	sodium_memzero(hash, sizeof(hash));
	if (ok == -2)
		return 503;
	attempt_add(r, username, ok == 1 && !disabled);
	if (ok != 1) {
		page_set(r, "Login.Error", "Login.Error.Invalid");
		page_login_form(r);
		return 422;
	}
	/* Only someone who knows the password learns it is disabled. */
	if (disabled) {
		page_set(r, "Login.Error", "Login.Error.Disabled");
		page_login_form(r);
		return 422;
	}
	if ((rc = db_txn(r->db, login_txn, &t)) != DB_OK)
		return db_http_status(rc);
	flash_set(r, "ok", "Flash.LoggedIn");
	if (must_change)
		return resp_redirect(r, AUTH_PASSWORD_PATH);
	return resp_redirect(r, safe_next(form_str(r, "next")));
}

/* End the session and audit the logout. */
static enum db_rc
logout_txn(struct db *db, void *arg)
{
	struct req	*r = arg;
	char		 id[24];
	enum db_rc	 rc;

	(void)db;
	if ((rc = auth_session_end(r)) != DB_OK)
		return rc;
	snprintf(id, sizeof(id), "%lld", (long long)r->session->agent_id);
	return audit_req(r, "agent", id, "logout", NULL, 0);
}

/*
 * POST /logout (intranet, any agent, CSRF): end this session and go to
 * the login page.
 */
int
page_logout(struct req *r)
{
	enum db_rc	rc;

	if ((rc = db_txn(r->db, logout_txn, r)) != DB_OK)
		return db_http_status(rc);
	flash_set(r, "ok", "Flash.LoggedOut");
	return resp_redirect(r, "/login");
}

/*
 * GET /password (intranet, any agent): the change-password form, which
 * is where a temporary password leads. Template portal/password.cs.
 */
int
page_password_form(struct req *r)
{
	page_set(r, "Page.Title", tpl_text(r->hdf, "Password.Title"));
	if (r->session->must_change_password)
		page_set(r, "Password.MustChange", "1");
	page_set_int(r, "Password.MinLength", PASSWORD_MIN_LENGTH);
	return 200;
}

struct password_txn {
	struct req	*r;
	const char	*hash;
};

/* Store the new hash, end the agent's other sessions, audit. */
static enum db_rc
password_txn(struct db *db, void *arg)
{
	struct password_txn		*t = arg;
	struct db_stmt			*st;
	const struct session		*s = t->r->session;
	static const struct audit_change change[] = {
		{"password", "(hidden)", "(changed)"},
	};
	char				 id[24];
	enum db_rc			 rc;

	if ((st = db_stmt(db, PSQL_AGENT_SET_PASSWORD)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, t->hash);
	db_bind_int(st, 1, 0);
	db_bind_int(st, 2, s->agent_id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, PSQL_SESSIONS_REVOKE_OTHERS)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, s->agent_id);
	db_bind_int(st, 1, s->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	snprintf(id, sizeof(id), "%lld", (long long)s->agent_id);
	return audit_req(t->r, "agent", id, "password_change", change, 1);
}

/*
 * POST /password (intranet, any agent, CSRF; fields current, new,
 * confirm): check the current password (throttled like a sign-in:
 * 429 while the account or the address must wait) and the policy,
 * store the new hash, end the agent's other sessions. Template
 * portal/password.cs on failure, each message next to its field.
 */
int
page_password(struct req *r)
{
	const char		*cur = form_str(r, "current");
	const char		*new = form_str(r, "new");
	const char		*why;
	struct db_stmt		*st;
	struct password_txn	 t = {r, NULL};
	char			 old[crypto_pwhash_STRBYTES] = "";
	char			 hash[crypto_pwhash_STRBYTES];
	char			 username[80] = "";
	enum db_rc		 rc;
	long			 wait;
	int			 ok;

	if ((st = db_stmt(r->db, PSQL_AGENT_PASSWORD)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, r->session->agent_id);
	if ((rc = db_step(st)) != DB_ROW)
		return db_http_status(rc);
	snprintf(old, sizeof(old), "%s", db_col_text(st, 0));
	snprintf(username, sizeof(username), "%s", db_col_text(st, 1));
	db_reset(st);
	/* A stolen session must not be a way to guess the password: the
	 * current password is throttled like a sign-in, on the same
	 * counts (the account's and the address's). */
	if ((rc = login_throttle(r, username, &wait)) != DB_OK)
		return db_http_status(rc);
	if (wait > 0) {
		log_info("password change throttled for %ld s", wait);
		form_set_error(r, "current", "Password.Error.Throttled");
		page_password_form(r);
		return 429;
	}
	if ((ok = passwd_verify(old, cur)) == -2)
		return 503;
	attempt_add(r, username, ok == 1);
	if (ok != 1)
		form_set_error(r, "current", "Password.Error.Current");
	else if ((why = passwd_policy(new, username)) != NULL)
		form_set_error(r, "new", why);
	else if (strcmp(new, form_str(r, "confirm")) != 0)
		form_set_error(r, "confirm", "Password.Error.Confirm");
	else if (strcmp(new, cur) == 0)
		form_set_error(r, "new", "Password.Error.Same");
	if (r->form.nerrors) {
		page_password_form(r);
		return 422;
	}
	if ((ok = passwd_hash(new, hash)) != 0)
		return ok == -2 ? 503 : 500;
	t.hash = hash;
	if ((rc = db_txn(r->db, password_txn, &t)) != DB_OK)
		return db_http_status(rc);
	flash_set(r, "ok", "Flash.PasswordChanged");
	return resp_redirect(r, "/dashboard");
}

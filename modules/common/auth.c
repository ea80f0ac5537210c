/*
 * auth.c: who is asking, and may they? Dispatch calls these before any
 * handler runs, from the route row's permission and CSRF flag.
 *
 * Agents carry a session cookie: 32 random bytes (hex), HttpOnly,
 * SameSite=Strict, Secure unless configured off; the database stores
 * only its BLAKE2b hash. A session ends after Session.IdleMinutes
 * without a request (30) or Session.AbsoluteHours after login (12).
 * Machine clients send "Authorization: Bearer KEY" on API routes.
 * CSRF: state-changing routes need the form field "csrf" equal to the
 * session's token (anonymous visitors: a random cookie, double-submit)
 * and an Origin (or Referer) naming our own host.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "buf.h"
#include "common_sql.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "memo.h"
#include "session.h"
#include "tpl.h"

#define SESSION_COOKIE	"havre_session"
#define ANON_COOKIE	"havre_csrf"
#define TOUCH_AFTER_S	60	/* write last_seen_at at most once a minute */

/* Idle and absolute session limits from the configuration, in seconds. */
static long
idle_seconds(const struct req *r)
{
	return r->conf ? conf_get_int(r->conf, "Session.IdleMinutes", 30) * 60 :
	    1800;
}

static long
absolute_seconds(const struct req *r)
{
	return r->conf ? conf_get_int(r->conf, "Session.AbsoluteHours", 12) *
	    3600 : 43200;
}

/* Duplicate a column's text ("" for NULL). */
static char *
col_dup(struct db_stmt *st, size_t i)
{
	const char	*s = db_col_text(st, i);

	return strdup(s ? s : "");
}

/*
 * Load the permissions granted to an agent into s. Returns DB_OK or the
 * error.
 */
static enum db_rc
load_perms(struct db *db, struct session *s, int64_t agent_id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_cstmt(db, CSQL_AGENT_PERMS)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, agent_id);
	while ((rc = db_step(st)) == DB_ROW)
		if (s->nperms < SESSION_MAX_PERMS)
			s->perms[s->nperms++] = col_dup(st, 0);
	return rc;
}

/*
 * Find the live session for a cookie value. Returns DB_OK with
 * r->session set (or left NULL if none matches), or a database error.
 */
static enum db_rc
load_session(struct req *r, const char *token)
{
	struct db_stmt	*st;
	struct session	*s;
	unsigned char	 hash[32];
	enum db_rc	 rc;
	int64_t		 idle_for;

	secret_hash(token, hash);
	if ((st = db_cstmt(r->db, CSQL_SESSION_LOOKUP)) == NULL)
		return db_last_rc(r->db);
	db_bind_blob(st, 0, hash, sizeof(hash));
	db_bind_int(st, 1, idle_seconds(r));
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		db_reset(st);
		return DB_ERROR;
	}
	s->id = db_col_int(st, 0);
	s->agent_id = db_col_int(st, 1);
	snprintf(s->csrf, sizeof(s->csrf), "%s", db_col_text(st, 2));
	s->username = col_dup(st, 3);
	s->display_name = col_dup(st, 4);
	s->lang = col_dup(st, 5);
	s->home_site = db_col_int(st, 6);
	s->must_change_password = (int)db_col_int(st, 7);
	idle_for = db_col_int(st, 8);
	db_reset(st);
	r->session = s;
	if ((rc = load_perms(r->db, s, s->agent_id)) != DB_OK)
		return rc;
	if (idle_for >= TOUCH_AFTER_S) {
		if ((st = db_cstmt(r->db, CSQL_SESSION_TOUCH)) == NULL)
			return db_last_rc(r->db);
		db_bind_int(st, 0, s->id);
		return db_exec(st);
	}
	return DB_OK;
}

/* Permissions in name order (qsort). */
static int
perm_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The API keys this worker found live lately, by the hash of their
 * secret: a route flagged ROUTE_KEY_LATER (the partner availability)
 * runs on such a key without the look-up and confirms it in its own
 * one statement (auth_key_confirm when that says it is not live). A
 * key's id, name and role's permissions only change by its revocation
 * (the confirmation reads revoked_at) or by a migration; KEY_MEMO_TTL
 * bounds the latter. Every other route looks the key up as before.
 */
#define KEY_MEMO_MAX	8
#define KEY_MEMO_TTL	60

struct key_memo {
	int		 used;
	unsigned char	 hash[32];
	int64_t		 id;
	char		*name;
	char		*perms[SESSION_MAX_PERMS];
	size_t		 nperms;
	double		 at;		/* time_mono_s(): looked up */
};

static struct key_memo key_memos[KEY_MEMO_MAX];

/* Forget memo m. */
static void
key_memo_clear(struct key_memo *m)
{
	size_t	i;

	for (i = 0; i < m->nperms; i++)
		free(m->perms[i]);
	free(m->name);
	memset(m, 0, sizeof(*m));
}

/* Remember the key of hash as session s (just looked up). */
static void
key_memo_note(const unsigned char hash[32], const struct session *s)
{
	struct key_memo	*m = NULL;
	size_t		 i;

	for (i = 0; i < KEY_MEMO_MAX && m == NULL; i++)
		if (key_memos[i].used &&
		    memcmp(key_memos[i].hash, hash, 32) == 0)
			m = &key_memos[i];
	if (m == NULL)
		m = &key_memos[memo_pick(key_memos, KEY_MEMO_MAX,
		    sizeof(key_memos[0]), offsetof(struct key_memo, used),
		    offsetof(struct key_memo, at))];
	key_memo_clear(m);
	memcpy(m->hash, hash, 32);
	m->id = s->apikey_id;
	if ((m->name = strdup(s->username)) == NULL)
		return;
	for (i = 0; i < s->nperms; i++) {
		if ((m->perms[i] = strdup(s->perms[i])) == NULL) {
			key_memo_clear(m);
			return;
		}
		m->nperms++;
	}
	m->at = time_mono_s();
	m->used = 1;
}

/*
 * A session of the key of hash from this worker's memory (NULL when
 * not remembered within KEY_MEMO_TTL, or out of memory).
 */
static struct session *
key_memo_session(const unsigned char hash[32])
{
	struct key_memo	*m = NULL;
	struct session	*s;
	size_t		 i;

	for (i = 0; i < KEY_MEMO_MAX && m == NULL; i++)
		if (key_memos[i].used &&
		    memcmp(key_memos[i].hash, hash, 32) == 0)
			m = &key_memos[i];
	if (m == NULL)
		return NULL;
	if (time_mono_s() - m->at >= KEY_MEMO_TTL) {
		key_memo_clear(m);
		return NULL;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->apikey_id = m->id;
	s->username = strdup(m->name);
	s->display_name = strdup(m->name);
	for (i = 0; i < m->nperms; i++)
		if ((s->perms[s->nperms] = strdup(m->perms[i])) != NULL)
			s->nperms++;
	if (s->username == NULL || s->display_name == NULL ||
	    s->nperms != m->nperms) {
		session_free(&s);
		return NULL;
	}
	return s;
}

/*
 * Find the live API key for the hash of a bearer token, with its
 * role's permissions: one query. Returns DB_OK with r->session set
 * (is_api) or r->bad_key set, or a database error.
 */
static enum db_rc
load_api_key(struct req *r, const unsigned char hash[32])
{
	struct db_stmt	*st;
	struct session	*s = NULL;
	enum db_rc	 rc;
	char		*perm;

	if ((st = db_cstmt(r->db, CSQL_APIKEY_LOOKUP)) == NULL)
		return db_last_rc(r->db);
	db_bind_blob(st, 0, hash, 32);
	while ((rc = db_step(st)) == DB_ROW) {
		if (s == NULL) {
			if ((s = calloc(1, sizeof(*s))) == NULL) {
				db_reset(st);
				return DB_ERROR;
			}
			s->apikey_id = db_col_int(st, 0);
			s->username = col_dup(st, 1);
			s->display_name = col_dup(st, 1);
			r->session = s;
			r->is_api = 1;
		}
		if (!db_col_null(st, 2) && s->nperms < SESSION_MAX_PERMS &&
		    (perm = col_dup(st, 2)) != NULL)
			s->perms[s->nperms++] = perm;
	}
	if (rc != DB_OK)
		return rc;
	if (s == NULL) {
		r->bad_key = 1;
		log_info("unknown or revoked API key");
		return DB_OK;
	}
	qsort(s->perms, s->nperms, sizeof(s->perms[0]), perm_cmp);
	key_memo_note(hash, s);
	return DB_OK;
}

/* See auth.h. */
int
auth_identify(struct req *r)
{
	const char	*authz = req_env(r, "HTTP_AUTHORIZATION");
	const char	*cookie = req_cookie(r, SESSION_COOKIE);
	enum db_rc	 rc = DB_OK;

	r->session = NULL;
	if (authz != NULL && strncmp(authz, "Bearer ", 7) == 0) {
		const char *key = authz + 7;

		while (*key == ' ')
			key++;
		if (strlen(key) < 16 || strlen(key) > 128) {
			r->bad_key = 1;
			return 0;
		}
		secret_hash(key, r->key_hash);
		/* From memory: auth_check (or the route) confirms it. */
		if ((r->session = key_memo_session(r->key_hash)) != NULL) {
			r->is_api = 1;
			r->key_recalled = 1;
			return 0;
		}
		rc = load_api_key(r, r->key_hash);
	} else if (cookie != NULL) {
		if (!is_hex(cookie, 64))
			r->session_expired = 1;
		else if ((rc = load_session(r, cookie)) == DB_OK &&
		    r->session == NULL)
			r->session_expired = 1;
		if (r->session_expired)
			resp_cookie(r, SESSION_COOKIE, "", 0);
	}
	if (rc != DB_OK && rc != DB_ROW) {
		session_free(&r->session);
		return -1;
	}
	return 0;
}

/*
 * Navigation: the workflows this agent may use, for the layout and the
 * dashboard. Only programs listed in Site.Workflows are shown (the ones
 * deployed here).
 */
static void
nav_fill(struct req *r)
{
	static const struct {
		const char *program, *href, *label, *perms[4];
	} items[] = {
		{"portal", "/dashboard", "Nav.Dashboard", {PERM_LOGIN}},
		{"appointments", "/appointments", "Nav.Appointments",
		    {"appointments.view", "appointments.book",
		    "appointments.configure"}},
		{"reception", "/reception", "Nav.Reception",
		    {"reception.checkin", "reception.counter",
		    "reception.dashboard"}},
		{"registration", "/registration", "Nav.Registration",
		    {"registration.register"}},
		{"identity", "/identity", "Nav.Identity", {"identity.search"}},
		{"dossier", "/dossier", "Nav.Dossier", {"dossier.view"}},
		{"civil", "/civil", "Nav.Civil", {"civil.draft", "civil.sign",
		    "civil.issue"}},
		{"portal", "/agents", "Nav.Agents", {"agents.admin"}},
		{"portal", "/audit", "Nav.Audit", {"audit.view"}},
		{"portal", "/dataprotection", "Nav.DataProtection",
		    {"dataprotection.retention"}},
		{"portal", "/access-review", "Nav.AccessReview",
		    {"dataprotection.review"}},
	};
	const char	*deployed;
	size_t		 i, j, n = 0;
	char		 node[64];

	deployed = r->conf ? conf_get(r->conf, "Site.Workflows", "portal") :
	    "portal";
	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		int	 may = 0;
		size_t	 plen = strlen(items[i].program);
		const char *p = strstr(deployed, items[i].program);

		if (p == NULL || (p != deployed && p[-1] != ',') ||
		    (p[plen] != '\0' && p[plen] != ','))
			continue;
		for (j = 0; j < 4 && items[i].perms[j] != NULL; j++)
			may |= session_can(r->session, items[i].perms[j]);
		if (!may)
			continue;
		snprintf(node, sizeof(node), "Page.Nav.%zu.Href", n);
		page_set(r, node, items[i].href);
		snprintf(node, sizeof(node), "Page.Nav.%zu.Label", n);
		page_set(r, node, tpl_text(r->hdf, items[i].label));
		if (r->path != NULL && strncmp(r->path, items[i].href,
		    strlen(items[i].href)) == 0) {
			snprintf(node, sizeof(node), "Page.Nav.%zu.Current", n);
			page_set(r, node, "1");
		}
		n++;
	}
}

/* See auth.h. */
void
auth_page_data(struct req *r)
{
	if (r->session == NULL || r->is_api)
		return;
	page_set(r, "Page.Agent.Name", r->session->display_name);
	page_set(r, "Page.Agent.Username", r->session->username);
	page_set(r, "Page.Csrf", r->session->csrf);
	nav_fill(r);
}

/*
 * Anonymous forms (login, public booking) use a double-submit token: a
 * random cookie echoed in the form. Only routes that render a page or
 * check the token need it, so health probes, JSON answers and error
 * pages neither draw randomness nor set a cookie.
 */
static void
anon_token(struct req *r)
{
	const char	*c = req_cookie(r, ANON_COOKIE);

	if (is_hex(c, 64))
		snprintf(r->anon_csrf, sizeof(r->anon_csrf), "%s", c);
	else {
		token_hex(r->anon_csrf, 32);
		resp_cookie(r, ANON_COOKIE, r->anon_csrf, -1);
	}
	page_set(r, "Page.Csrf", r->anon_csrf);
}

/*
 * Split "host[:port]" (hostport, len bytes) into the host's length and
 * the port (or def when absent). IPv6 literals keep their brackets.
 */
static size_t
split_hostport(const char *hp, size_t len, const char *def, char *port,
    size_t portsz)
{
	const char	*colon = NULL, *p;

	for (p = hp; p < hp + len; p++)
		if (*p == ':')
			colon = p;
		else if (*p == ']')
			colon = NULL;
	if (colon == NULL) {
		snprintf(port, portsz, "%s", def ? def : "");
		return len;
	}
	snprintf(port, portsz, "%.*s", (int)(hp + len - colon - 1), colon + 1);
	return (size_t)(colon - hp);
}

/*
 * Returns 1 if the request's Origin (or, failing that, Referer) names
 * the host and port it was sent to. Browsers send Origin on every
 * POST; a request with neither header is refused. Debian's stock
 * fastcgi_params pass HTTP_HOST without the port, so a Host without one
 * is completed with SERVER_PORT.
 */
static int
same_origin(const struct req *r)
{
	const char	*origin = req_env(r, "HTTP_ORIGIN");
	const char	*host = req_env(r, "HTTP_HOST");
	const char	*p, *end, *defport;
	char		 oport[16], hport[16];
	size_t		 olen, hlen;

	if (origin == NULL || strcmp(origin, "null") == 0)
		origin = req_env(r, "HTTP_REFERER");
	if (origin == NULL || host == NULL)
		return 0;
	if (strncmp(origin, "https://", 8) == 0) {
		p = origin + 8;
		defport = "443";
	} else if (strncmp(origin, "http://", 7) == 0) {
		p = origin + 7;
		defport = "80";
	} else
		return 0;
	end = p + strcspn(p, "/?#");
	olen = split_hostport(p, (size_t)(end - p), defport, oport,
	    sizeof(oport));
	hlen = split_hostport(host, strlen(host), req_env(r, "SERVER_PORT"),
	    hport, sizeof(hport));
	return olen == hlen && strncasecmp(p, host, olen) == 0 &&
	    strcmp(oport, hport) == 0;
}

/*
 * Returns 1 if the form's csrf field equals the expected token
 * (constant-time comparison) and the request comes from our origin.
 */
static int
csrf_ok(const struct req *r)
{
	const struct kv	*kv = kv_get(&r->body, "csrf");
	const char	*want;
	size_t		 len;

	want = r->session != NULL ? r->session->csrf : r->anon_csrf;
	if (kv == NULL || !same_origin(r))
		return 0;
	len = strlen(want);
	return len == 64 && strlen(kv->value) == len &&
	    sodium_memcmp(kv->value, want, len) == 0;
}

/*
 * Anonymous on a protected route: browsers go to the login page with
 * the path to come back to (GET only: a POST cannot be replayed);
 * machine clients get a JSON 401.
 */
static int
need_login(struct req *r)
{
	const char	*accept = req_env(r, "HTTP_ACCEPT");
	struct buf	 next = {0};
	int		 status;

	if ((r->route->flags & ROUTE_API) && (accept == NULL ||
	    strstr(accept, "text/html") == NULL))
		return error_page(r, 401, NULL);
	buf_puts(&next, "/login");
	if (r->method == M_GET && strcmp(r->path, "/") != 0) {
		buf_puts(&next, "?next=");
		http_url_escape(&next, r->path, "/._-");
	}
	if (r->session_expired)
		buf_puts(&next, r->method == M_GET && strcmp(r->path, "/") ?
		    "&expired=1" : "?expired=1");
	status = resp_redirect(r, next.data);
	buf_free(&next);
	return status;
}

/*
 * The uses of API keys. Each use is one row of api_key_use (who, when,
 * what: key, time, method, path, client address, request id), as an
 * access log. A worker does not write a row per request, which cost the
 * partner API a write (and a disk sync) on every read: it keeps the uses
 * it served, each with its own time, and writes them with one statement
 * (auth_key_uses_flush) when the oldest has waited KEY_USE_DELAY
 * seconds or KEY_USE_BATCH are waiting, when it is idle (app.c wakes it
 * at least once a second) and when it ends. A use after a quiet spell
 * is written at once, so that a key used now and then is logged exactly
 * as before; only a worker killed outright (SIGKILL, a crash) loses the
 * uses of its last second. api_key.last_used_at moves at most once a
 * minute per worker (the statement checks it too, so several workers
 * write it rarely).
 */
#define KEY_USE_BATCH	32
#define KEY_USE_DELAY	1	/* seconds */
#define KEY_USE_PATH	255	/* api_key_use.path */

struct key_use {
	int64_t	 key;
	char	 at[27];		/* UTC, microseconds */
	char	 method[8];
	char	 path[KEY_USE_PATH + 1];	/* ASCII: others as '?' */
	char	 addr[64];
	char	 reqid[17];
};

static struct key_use	key_uses[KEY_USE_BATCH];
static size_t		nkey_uses;
static time_t		key_uses_since;		/* the oldest waiting use */
static time_t		key_uses_written;	/* the last write */

/* The keys this worker touched lately (api_key.last_used_at). */
#define KEY_TOUCH_MAX	16
#define KEY_TOUCH_EVERY	60	/* seconds */
static struct {
	int64_t	 id;
	time_t	 at;		/* CLOCK_MONOTONIC seconds */
} key_touched[KEY_TOUCH_MAX];

/* Monotonic seconds. */
static time_t
mono_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/*
 * Returns 1 if api_key.last_used_at of key id is due (this worker has
 * not touched it for KEY_TOUCH_EVERY seconds), and notes the touch.
 */
static int
key_touch_due(int64_t id)
{
	time_t	now = mono_now();
	size_t	i, oldest = 0;

	for (i = 0; i < KEY_TOUCH_MAX; i++) {
		if (key_touched[i].id == id) {
			if (now - key_touched[i].at < KEY_TOUCH_EVERY)
				return 0;
			key_touched[i].at = now;
			return 1;
		}
		if (key_touched[i].at < key_touched[oldest].at)
			oldest = i;
	}
	key_touched[oldest].id = id;
	key_touched[oldest].at = now;
	return 1;
}

/* Copy s into out (outsz bytes) with every byte outside printable
 * ASCII as '?': the path column takes text, and one row that the
 * database refused would lose the whole batch. */
static void
ascii_copy(char *out, size_t outsz, const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && s[i] != '\0' && i + 1 < outsz; i++)
		out[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	out[i] = '\0';
}

/* Append the waiting uses to b as the JSON array CSQL_APIKEY_USES
 * reads. Returns 0 or -1 (no memory). */
static int
key_uses_json(struct buf *b)
{
	const struct key_use	*u;
	size_t			 i;
	int			 rc = 0;

	rc |= buf_puts(b, "[");
	for (i = 0; i < nkey_uses; i++) {
		u = &key_uses[i];
		rc |= buf_printf(b, "%s[%lld,\"%s\",\"", i ? "," : "",
		    (long long)u->key, u->at);
		rc |= buf_puts_json(b, u->method);
		rc |= buf_puts(b, "\",\"");
		rc |= buf_puts_json(b, u->path);
		if (u->addr[0] != '\0') {
			rc |= buf_puts(b, "\",\"");
			rc |= buf_puts_json(b, u->addr);
			rc |= buf_puts(b, "\",\"");
		} else
			rc |= buf_puts(b, "\",null,\"");
		rc |= buf_puts_json(b, u->reqid);
		rc |= buf_puts(b, "\"]");
	}
	rc |= buf_puts(b, "]");
	return rc == 0 ? 0 : -1;
}

/* See auth.h. */
void
auth_key_uses_flush(struct db *db, int force)
{
	struct db_stmt	*st;
	struct buf	 json = {0};
	time_t		 now = mono_now();

	if (nkey_uses == 0 || (!force && nkey_uses < KEY_USE_BATCH &&
	    now - key_uses_since < KEY_USE_DELAY))
		return;
	if (key_uses_json(&json) != 0 ||
	    (st = db_cstmt(db, CSQL_APIKEY_USES)) == NULL) {
		log_err("cannot record %zu API key uses", nkey_uses);
		goto out;
	}
	db_bind_text(st, 0, json.data);
	if (db_exec(st) != DB_OK)
		log_err("cannot record %zu API key uses", nkey_uses);
out:
	/* Written or logged as lost: never kept to grow without bound. */
	nkey_uses = 0;
	key_uses_written = now;
	buf_free(&json);
}

/* Note one use of the request's API key (see above), and move the key's
 * last_used_at when due. */
static void
log_key_use(struct req *r)
{
	struct db_stmt	*st;
	struct key_use	*u;
	time_t		 now = mono_now();

	if (nkey_uses == KEY_USE_BATCH)
		auth_key_uses_flush(r->db, 1);
	u = &key_uses[nkey_uses];
	u->key = r->session->apikey_id;
	time_format_us(time_now_us(), u->at);
	ascii_copy(u->method, sizeof(u->method), req_env(r, "REQUEST_METHOD"));
	ascii_copy(u->path, sizeof(u->path), r->path);
	ascii_copy(u->addr, sizeof(u->addr), r->remote_addr);
	ascii_copy(u->reqid, sizeof(u->reqid), r->reqid);
	if (nkey_uses++ == 0)
		key_uses_since = now;
	/* After a quiet spell, at once (see above). */
	auth_key_uses_flush(r->db, now - key_uses_written >= KEY_USE_DELAY);
	if (!key_touch_due(r->session->apikey_id) ||
	    (st = db_cstmt(r->db, CSQL_APIKEY_TOUCH)) == NULL)
		return;
	db_bind_int(st, 0, r->session->apikey_id);
	db_exec(st);
}

/* See auth.h. */
int
auth_check(struct req *r, int identify_rc)
{
	const struct route	*rt = r->route;

	/* A key from this worker's memory: looked up now, unless the
	 * route confirms it in its own statement. */
	if (r->key_recalled && !(rt->flags & ROUTE_KEY_LATER)) {
		session_free(&r->session);
		r->is_api = 0;
		r->key_recalled = 0;
		if (load_api_key(r, r->key_hash) != DB_OK) {
			session_free(&r->session);
			r->is_api = 1;
			return error_page(r, 503, NULL);
		}
	}
	if (r->bad_key) {
		r->is_api = 1;
		return error_page(r, 401, NULL);
	}
	if (r->is_api) {
		/* Keys open API routes only, never agents' pages. */
		if (!(rt->flags & ROUTE_API))
			return error_page(r, 403, NULL);
		log_key_use(r);
	}
	if (r->session == NULL && (rt->tpl != NULL || (rt->flags & ROUTE_CSRF)))
		anon_token(r);
	if (rt->perm != PERM_PUBLIC) {
		if (r->session == NULL) {
			if (identify_rc != 0)
				return error_page(r, 503, NULL);
			return need_login(r);
		}
		/* A temporary password must be changed before anything
		 * else; only the change page and logout stay open. */
		if (r->session->must_change_password && !r->is_api &&
		    strcmp(r->path, AUTH_PASSWORD_PATH) != 0 &&
		    strcmp(r->path, AUTH_LOGOUT_PATH) != 0)
			return resp_redirect(r, AUTH_PASSWORD_PATH);
		if (!session_can(r->session, rt->perm)) {
			log_info("permission %s refused to %s", rt->perm,
			    r->session->username);
			return error_page(r, 403, NULL);
		}
	}
	if ((rt->flags & ROUTE_CSRF) && r->method != M_GET && !r->is_api &&
	    !csrf_ok(r)) {
		log_info("CSRF check failed on %s", r->path);
		return auth_csrf_failed(r);
	}
	return 0;
}

/* See auth.h. */
int
auth_key_confirm(struct req *r)
{
	if (!r->key_recalled)
		return 0;
	session_free(&r->session);
	r->is_api = 1;
	r->key_recalled = 0;
	if (load_api_key(r, r->key_hash) != DB_OK) {
		session_free(&r->session);
		return error_page(r, 503, NULL);
	}
	if (r->bad_key)
		return error_page(r, 401, NULL);
	if (r->route->perm != PERM_PUBLIC &&
	    !session_can(r->session, r->route->perm)) {
		log_info("permission %s refused to %s", r->route->perm,
		    r->session->username);
		return error_page(r, 403, NULL);
	}
	return 0;
}

/*
 * The CSRF refusal page: 403, and the user's input is not lost. The
 * page re-posts their fields (escaped, as hidden inputs) with a fresh
 * token when they press the button, after the usual checks again.
 */
int
auth_csrf_failed(struct req *r)
{
	size_t	i, n = 0;
	char	node[64];

	for (i = 0; i < r->body.n && n < 100; i++) {
		const struct kv	*kv = &r->body.v[i];

		if (strcmp(kv->name, "csrf") == 0 || kv->filename != NULL ||
		    !utf8_valid(kv->name, strlen(kv->name)) ||
		    !utf8_valid(kv->value, strlen(kv->value)) ||
		    strstr(kv->name, "password") != NULL)
			continue;
		snprintf(node, sizeof(node), "Retry.Fields.%zu.Name", n);
		page_set(r, node, kv->name);
		snprintf(node, sizeof(node), "Retry.Fields.%zu.Value", n);
		page_set(r, node, kv->value);
		n++;
	}
	page_set(r, "Retry.Action", r->path);
	error_page(r, 403, "Error.Csrf");
	if (r->ctype != NULL && strncmp(r->ctype, "text/html", 9) == 0) {
		buf_reset(&r->out);
		page_set(r, "Error.Retry", "1");
		if (tpl_render(r->hdf, "error.cs", &r->out) != 0)
			return error_page(r, 500, NULL);
	}
	return 403;
}

/* See auth.h. */
enum db_rc
auth_session_start(struct req *r, int64_t agent_id)
{
	struct db_stmt	*st;
	const char	*old = req_cookie(r, SESSION_COOKIE);
	char		 token[65], csrf[65];
	unsigned char	 hash[32];
	enum db_rc	 rc;

	/* Rotate: the session the browser came with (if any) ends. */
	if (is_hex(old, 64)) {
		secret_hash(old, hash);
		if ((st = db_cstmt(r->db, CSQL_SESSION_REVOKE_TOKEN)) == NULL)
			return db_last_rc(r->db);
		db_bind_blob(st, 0, hash, sizeof(hash));
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	token_hex(token, 32);
	token_hex(csrf, 32);
	secret_hash(token, hash);
	if ((st = db_cstmt(r->db, CSQL_SESSION_INSERT)) == NULL)
		return db_last_rc(r->db);
	db_bind_blob(st, 0, hash, sizeof(hash));
	db_bind_int(st, 1, agent_id);
	db_bind_text(st, 2, csrf);
	db_bind_int(st, 3, absolute_seconds(r));
	db_bind_text(st, 4, r->remote_addr);
	db_bind_text(st, 5, req_env(r, "HTTP_USER_AGENT") ?
	    req_env(r, "HTTP_USER_AGENT") : "");
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	resp_cookie(r, SESSION_COOKIE, token, -1);
	sodium_memzero(token, sizeof(token));
	return DB_OK;
}

/* See auth.h. */
enum db_rc
auth_session_end(struct req *r)
{
	struct db_stmt	*st;

	resp_cookie(r, SESSION_COOKIE, "", 0);
	if (r->session == NULL || r->session->id == 0)
		return DB_OK;
	if ((st = db_cstmt(r->db, CSQL_SESSION_REVOKE)) == NULL)
		return db_last_rc(r->db);
	db_bind_int(st, 0, r->session->id);
	db_bind_int(st, 1, r->session->agent_id);
	return db_exec(st);
}

/* See auth.h. */
int
auth_json_form_errors(struct req *r)
{
	struct buf	j = {0};
	size_t		i, n = 0;
	int		status;

	buf_puts(&j, "{\"error\":\"invalid\",\"errors\":{");
	for (i = 0; i < r->form.n; i++) {
		const struct field_value *v = &r->form.v[i];

		if (v->valid)
			continue;
		buf_printf(&j, "%s\"%s\":\"", n++ ? "," : "",
		    r->form.spec[i].name);
		buf_puts_json(&j, tpl_text(r->hdf, v->errkey));
		buf_puts(&j, "\"");
	}
	buf_puts(&j, "}}");
	status = resp_json(r, 422, j.data);
	buf_free(&j);
	return status;
}

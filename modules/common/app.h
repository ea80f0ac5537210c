/*
 * app.h: a Havre program is a route table plus handlers. app_main()
 * runs the FastCGI worker loop (under spawn-fcgi, mod_fcgid with the
 * socket on fd 0, or its own --socket/--workers supervisor), builds one
 * struct req per request and dispatches it: vhost, method, path,
 * session, permission, CSRF and form validation all happen here, before
 * any handler runs. Handlers only do their workflow.
 */
#ifndef HAVRE_APP_H
#define HAVRE_APP_H

#include <stddef.h>
#include <stdint.h>

#include "cs.h"
#include "buf.h"
#include "http.h"
#include "form.h"

struct conf;
struct db;
struct session;

enum method {
	M_GET = 1,	/* HEAD is served as GET without a body */
	M_POST = 2,
	M_PUT = 4,
	M_DELETE = 8,
};

enum vhost {
	VHOST_INTRANET = 1,	/* agents: HAVRE_VHOST=intranet from nginx */
	VHOST_PUBLIC = 2,	/* applicants, verifiers */
	VHOST_ANY = 3,		/* /healthz, static helpers */
};

/* Route flags. */
#define ROUTE_CSRF	0x01	/* state-changing: CSRF token + Origin checked */
#define ROUTE_API	0x02	/* Authorization: Bearer accepted; JSON errors */
#define ROUTE_NOLOG	0x04	/* no access log line (health probes) */
#define ROUTE_JSON	0x08	/* the body is a JSON object; fields are its members */
/* an API key from the worker's memory: the handler confirms it
 * (auth_key_confirm) */
#define ROUTE_KEY_LATER	0x10

/* Permission values besides a named permission. */
#define PERM_PUBLIC	NULL		/* anyone, no session needed */
#define PERM_LOGIN	"login"		/* any signed-in agent */

#define ROUTE_MAX_PARAMS 4

struct req;

/* A handler answers an HTTP status; see dispatch in app.c:
 * 2xx/422 with nothing sent renders the route's template; 4xx/5xx with
 * nothing sent renders the localised error page. */
typedef int (*handler_fn)(struct req *);

struct route {
	int			 methods;	/* M_GET | M_POST ... */
	const char		*pattern;	/* "/x/{id:int}/{ref:token}" */
	int			 vhost;		/* VHOST_* */
	const char		*perm;		/* PERM_PUBLIC, PERM_LOGIN or a permission */
	int			 flags;		/* ROUTE_* */
	handler_fn		 handler;
	const char		*tpl;		/* template rendered on success / re-render */
	const struct field_spec	*fields;	/* declared inputs (NULL: none) */
	size_t			 nfields;	/* 0: fields ends with a {NULL} row */
	/* loads page data before re-rendering a rejected form; on an API
	 * route, may add the checks only the program can make (a code
	 * unknown) so that the 422 names every field at once */
	handler_fn		 fill;
};

struct app {
	const char		*name;		/* "havre-portal" */
	const struct route	*routes;
	size_t			 nroutes;
	const char *const	*sqls;		/* the program's SQL table */
	size_t			 nsqls;
	/* once per worker after connect setup, with the configuration, or
	 * NULL; non-zero stops the worker */
	int			(*init)(const struct conf *);
};

struct req {
	/* transport */
	void			*fcgi;		/* FCGX_Request *, NULL in tests */
	const struct app	*app;
	const struct conf	*conf;
	struct db		*db;		/* the worker's connection */
	char			 reqid[17];
	char			**envp;		/* CGI parameters, owned by libfcgi */
	const char		*remote_addr;

	/* parsed input */
	int			 method;	/* M_* (HEAD folded into GET) */
	int			 head;		/* 1 for HEAD: send no body */
	int			 vhost;
	char			*path;		/* decoded, normalised, base path removed */
	struct kvlist		 query;
	struct kvlist		 cookies;
	struct kvlist		 body;
	int			 input_error;	/* malformed path/query/body: 400 */
	char			*rawbody;	/* request body bytes (NUL-terminated) */
	size_t			 rawbodysz;
	const struct route	*route;
	char			*param_name[ROUTE_MAX_PARAMS];
	char			*param[ROUTE_MAX_PARAMS];
	size_t			 nparams;
	struct form		 form;

	/* who */
	struct session		*session;	/* NULL when anonymous */
	int			 is_api;	/* authenticated by API key */
	int			 bad_key;	/* an unknown or revoked API key was sent */
	/* the key is from the worker's memory, not confirmed yet
	 * (auth_key_confirm); the bearer token's hash */
	int			 key_recalled;
	unsigned char		 key_hash[32];
	int			 session_expired; /* a session cookie no longer valid */
	char			 anon_csrf[65];	/* CSRF token of an anonymous visitor */

	/* output */
	HDF			*hdf;		/* page data: the request's arena */
	char			 lang[8];
	int			 status;
	int			 done;		/* a response body was set */
	const char		*tpl;		/* overrides route->tpl when set */
	struct buf		 headers;	/* extra header lines, CRLF-terminated */
	struct buf		 out;		/* body to send */
	const char		*ctype;		/* Content-Type of out */
};

/* Run the program: parse argv (--config, --socket, --workers, --routes),
 * load configuration, serve until SIGTERM. Returns the exit status. */
int	 app_main(int argc, char *argv[], const struct app *);

/*
 * Build a request from CGI-style parameters (envp as "NAME=value") and a
 * body, for the worker loop and for tests. Returns NULL on allocation
 * failure. req_free() releases everything, NULLs the pointer.
 */
struct req *req_new(const struct app *, const struct conf *, char **envp,
	    const char *body, size_t bodysz);
void	 req_free(struct req **);
/* A CGI parameter (REQUEST_METHOD, HTTP_COOKIE ...) or NULL. */
const char *req_env(const struct req *, const char *name);
/* A cookie's raw value or NULL. */
const char *req_cookie(const struct req *, const char *name);
/* A path parameter by name (as matched), or NULL; as an integer. */
const char *req_param(const struct req *, const char *name);
int64_t	 req_param_int(const struct req *, const char *name);

/*
 * Match path against a route pattern. Segments {name:int} (1..2^53),
 * {name:token} ([A-Za-z0-9_-], 1..64) and {name:str} (any one segment).
 * Returns 1 and fills names/values (malloc'd) on a match, else 0.
 */
int	 route_match(const char *pattern, const char *path,
	    char **names, char **values, size_t *n);

/* Find and run the route for req; fills req->out. Returns the status. */
int	 dispatch(struct req *);

/*
 * The status dispatch answers for a handler's (or a fill's) return:
 * the status itself when it is an HTTP status (100..599), else 500 (a
 * handler that returned 0 or garbage is a bug of ours: sent as is, the
 * proxy would answer 502 for an invalid status line).
 */
int	 dispatch_status(int status);

/* Responses. All return the status they set. */
int	 resp_redirect(struct req *, const char *location);	/* 303 */
int	 resp_json(struct req *, int status, const char *json);
int	 resp_bytes(struct req *, int status, const char *ctype,
	    const void *, size_t);
/* Render the localised error page for status; msgkey NULL = default. */
int	 error_page(struct req *, int status, const char *msgkey);
/* Add a header line; refused (returns -1) if CR/LF in name or value. */
int	 resp_header(struct req *, const char *name, const char *value);
/* Set a cookie: Path=/, HttpOnly, SameSite=Strict, Secure per config;
 * maxage < 0: session cookie; 0: delete. */
int	 resp_cookie(struct req *, const char *name, const char *value, long maxage);
/* Show a message (language key) on the next page (post/redirect/get). */
void	 flash_set(struct req *, const char *kind, const char *msgkey);

/* Shorthand to set page data: copies value. */
void	 page_set(struct req *, const char *node, const char *value);
void	 page_set_int(struct req *, const char *node, long long value);
/* The same under a node of the page (a list's row: page_node), name
 * relative to it; a NULL node sets nothing. For pages that set many
 * rows: each name is then found from that node, not from the root. */
/* page_node: the node (made when missing), or NULL when out of memory
 * (logged); page_node_in: the same under parent (NULL: NULL). */
HDF	*page_node(struct req *, const char *node);
HDF	*page_node_in(HDF *parent, const char *node);
void	 page_set_in(HDF *node, const char *name, const char *value);
void	 page_set_int_in(HDF *node, const char *name, long long value);
/* v in decimal into out (24 bytes), as "%lld" writes it; returns out. */
char	*fmt_int(long long v, char out[24]);

#endif

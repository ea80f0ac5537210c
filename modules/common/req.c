/*
 * req.c: the per-request struct. One owner (the worker loop), one free
 * function. Everything a request allocates hangs off it, and its HDF is
 * the arena page data is built in.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "session.h"

/* Find NAME=value in a CGI-style environment array. */
static const char *
env_lookup(char **envp, const char *name)
{
	size_t	len = strlen(name);

	for (; envp != NULL && *envp != NULL; envp++)
		if (strncmp(*envp, name, len) == 0 && (*envp)[len] == '=')
			return *envp + len + 1;
	return NULL;
}

/*
 * Path of the request: REQUEST_URI up to '?', decoded and normalised
 * (the same under nginx and Apache), minus the configured base path.
 * Returns a malloc'd path or NULL if malformed.
 */
static char *
request_path(char **envp, const char *base)
{
	const char	*uri = env_lookup(envp, "REQUEST_URI");
	const char	*q;
	char		*path;
	size_t		 blen;

	if (uri == NULL)
		uri = env_lookup(envp, "SCRIPT_NAME");
	if (uri == NULL || *uri == '\0')
		uri = "/";
	q = strchr(uri, '?');
	if ((path = http_normalise_path(uri, q ? (size_t)(q - uri) :
	    strlen(uri))) == NULL)
		return NULL;
	blen = base ? strlen(base) : 0;
	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	if (blen > 0 && strncmp(path, base, blen) == 0 &&
	    (path[blen] == '/' || path[blen] == '\0')) {
		memmove(path, path + blen, strlen(path + blen) + 1);
		if (*path == '\0') {
			path[0] = '/';
			path[1] = '\0';
		}
	}
	return path;
}

/* Map REQUEST_METHOD to M_*; 0 for methods no route serves. */
static int
parse_method(const char *m, int *head)
{
	*head = 0;
	if (m == NULL || strcmp(m, "GET") == 0)
		return M_GET;
	if (strcmp(m, "HEAD") == 0) {
		*head = 1;
		return M_GET;
	}
	if (strcmp(m, "POST") == 0)
		return M_POST;
	if (strcmp(m, "PUT") == 0)
		return M_PUT;
	if (strcmp(m, "DELETE") == 0)
		return M_DELETE;
	return 0;
}

/* Parse the body by its content type. Unknown types are kept raw only
 * (JSON API handlers read rawbody). Returns 0, or -1 if malformed. */
static int
parse_body(struct req *r, const char *ctype)
{
	enum http_parse	rc = HTTP_PARSE_OK;

	if (r->rawbodysz == 0 || ctype == NULL)
		return 0;
	if (strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0)
		rc = http_parse_urlencoded(&r->body, r->rawbody, r->rawbodysz);
	else if (strncasecmp(ctype, "multipart/form-data", 19) == 0)
		rc = http_parse_multipart(&r->body, ctype, r->rawbody,
		    r->rawbodysz);
	return rc == HTTP_PARSE_OK ? 0 : -1;
}

/* See app.h. */
struct req *
req_new(const struct app *app, const struct conf *conf, char **envp,
    const char *body, size_t bodysz)
{
	struct req	*r;
	const char	*v, *base;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->app = app;
	r->conf = conf;
	r->fcgi = NULL;
	r->status = 200;
	if (hdf_init(&r->hdf) != STATUS_OK) {
		free(r);
		return NULL;
	}
	/* libfcgi owns these strings until FCGX_Finish_r, after us. */
	r->envp = envp;
	r->remote_addr = env_lookup(envp, "REMOTE_ADDR");
	r->method = parse_method(env_lookup(envp, "REQUEST_METHOD"), &r->head);
	v = env_lookup(envp, "HAVRE_VHOST");
	/* Without the vhost parameter from the proxy, assume the public
	 * side: a misconfigured proxy must not expose agent pages. */
	r->vhost = (v != NULL && strcmp(v, "intranet") == 0) ?
	    VHOST_INTRANET : VHOST_PUBLIC;
	base = conf != NULL ? conf->base_path : NULL;
	if ((r->path = request_path(envp, base)) == NULL)
		r->input_error = 1;
	v = env_lookup(envp, "QUERY_STRING");
	if (v != NULL && *v != '\0' &&
	    http_parse_urlencoded(&r->query, v, strlen(v)) != HTTP_PARSE_OK)
		r->input_error = 1;
	v = env_lookup(envp, "HTTP_COOKIE");
	if (v != NULL && http_parse_cookies(&r->cookies, v) != HTTP_PARSE_OK)
		r->input_error = 1;
	if (bodysz > 0) {
		if ((r->rawbody = malloc(bodysz + 1)) == NULL) {
			req_free(&r);
			return NULL;
		}
		memcpy(r->rawbody, body, bodysz);
		r->rawbody[bodysz] = '\0';
		r->rawbodysz = bodysz;
		if (parse_body(r, env_lookup(envp, "CONTENT_TYPE")) != 0)
			r->input_error = 1;
	}
	return r;
}

/* See app.h. */
void
req_free(struct req **rp)
{
	struct req	*r;
	size_t		 i;

	if (rp == NULL || (r = *rp) == NULL)
		return;
	session_free(&r->session);
	for (i = 0; i < r->nparams; i++) {
		free(r->param_name[i]);
		free(r->param[i]);
	}
	kv_free(&r->query);
	kv_free(&r->cookies);
	kv_free(&r->body);
	free(r->form.v);
	free(r->rawbody);
	free(r->path);
	buf_free(&r->headers);
	buf_free(&r->out);
	hdf_destroy(&r->hdf);
	free(r);
	*rp = NULL;
}

/* See app.h. */
const char *
req_env(const struct req *r, const char *name)
{
	return env_lookup(r->envp, name);
}

/* See app.h. */
const char *
req_param(const struct req *r, const char *name)
{
	size_t	i;

	for (i = 0; i < r->nparams; i++)
		if (strcmp(r->param_name[i], name) == 0)
			return r->param[i];
	return NULL;
}

/* See app.h. Returns 0 if the parameter is absent (routes only match
 * {name:int} segments that are positive integers). */
int64_t
req_param_int(const struct req *r, const char *name)
{
	const char	*v = req_param(r, name);
	long long	 n;

	if (v == NULL || parse_int(v, 1, DB_ID_MAX, &n) != 0)
		return 0;
	return (int64_t)n;
}

/* See app.h. */
const char *
req_cookie(const struct req *r, const char *name)
{
	const struct kv	*kv = kv_get(&r->cookies, name);

	return kv ? kv->value : NULL;
}

/*
 * resp.c: building responses: redirects, JSON, bytes, cookies, headers,
 * flash messages and the localised error page. Nothing here sends: the
 * worker loop sends req->out once the whole response is ready.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "conf.h"
#include "log.h"
#include "tpl.h"

/* See app.h. Location must be a local path from the route table or a
 * validated return path: it is refused unless it starts with one '/'. */
int
resp_redirect(struct req *r, const char *location)
{
	if (location == NULL || location[0] != '/' || location[1] == '/' ||
	    location[1] == '\\' || resp_header(r, "Location", location) != 0) {
		log_err("refused redirect target");
		return error_page(r, 500, NULL);
	}
	buf_reset(&r->out);
	r->status = 303;
	r->done = 1;
	r->ctype = "text/plain; charset=utf-8";
	return 303;
}

/* See app.h. */
int
resp_json(struct req *r, int status, const char *json)
{
	buf_reset(&r->out);
	buf_puts(&r->out, json);
	buf_puts(&r->out, "\n");
	r->status = status;
	r->done = 1;
	r->ctype = "application/json";
	return status;
}

/* See app.h. */
int
resp_bytes(struct req *r, int status, const char *ctype, const void *data,
    size_t len)
{
	buf_reset(&r->out);
	buf_append(&r->out, data, len);
	r->status = status;
	r->done = 1;
	r->ctype = ctype;
	return status;
}

/* See app.h. */
int
resp_header(struct req *r, const char *name, const char *value)
{
	if (!http_header_safe(name) || !http_header_safe(value) ||
	    strchr(name, ':') != NULL)
		return -1;
	buf_puts(&r->headers, name);
	buf_puts(&r->headers, ": ");
	buf_puts(&r->headers, value);
	buf_puts(&r->headers, "\r\n");
	return 0;
}

/* Cookie names and values are limited to characters that need no
 * quoting, so nothing the client sent can split the header. */
static int
cookie_safe(const char *s)
{
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._:-~") == strlen(s);
}

/* See app.h. */
int
resp_cookie(struct req *r, const char *name, const char *value, long maxage)
{
	char	line[512];
	int	secure = r->conf == NULL || r->conf->cookie_secure;

	if (!cookie_safe(name) || !cookie_safe(value))
		return -1;
	if (maxage < 0)
		snprintf(line, sizeof(line), "%s=%s; Path=/; HttpOnly; "
		    "SameSite=Strict%s", name, value, secure ? "; Secure" : "");
	else
		snprintf(line, sizeof(line), "%s=%s; Path=/; Max-Age=%ld; "
		    "HttpOnly; SameSite=Strict%s", name, value, maxage,
		    secure ? "; Secure" : "");
	return resp_header(r, "Set-Cookie", line);
}

/* See app.h. */
void
flash_set(struct req *r, const char *kind, const char *msgkey)
{
	char	v[128];

	snprintf(v, sizeof(v), "%s:%s", kind, msgkey);
	resp_cookie(r, "flash", v, 60);
}

/* See app.h. */
void
page_set(struct req *r, const char *node, const char *value)
{
	hdf_set_value(r->hdf, node, value ? value : "");
}

/* See app.h. By hand: pages set hundreds of numbers, and snprintf
 * cost about a thousand instructions each. */
char *
fmt_int(long long v, char out[24])
{
	char			 d[24];
	size_t			 n = 0, i = 0;
	unsigned long long	 u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	do
		d[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		out[i++] = '-';
	while (n > 0)
		out[i++] = d[--n];
	out[i] = '\0';
	return out;
}

/* See app.h. */
void
page_set_int(struct req *r, const char *node, long long value)
{
	char	v[24];

	hdf_set_value(r->hdf, node, fmt_int(value, v));
}

/* See app.h. */
HDF *
page_node(struct req *r, const char *node)
{
	return page_node_in(r->hdf, node);
}

/* See app.h. */
HDF *
page_node_in(HDF *parent, const char *node)
{
	HDF	*h = NULL;
	NEOERR	*err;

	if (parent == NULL)
		return NULL;
	if ((err = hdf_get_node(parent, node, &h)) != STATUS_OK) {
		log_err("page data %s: out of memory", node);
		nerr_ignore(&err);
		return NULL;
	}
	return h;
}

/* See app.h. */
void
page_set_in(HDF *node, const char *name, const char *value)
{
	if (node != NULL)
		hdf_set_value(node, name, value ? value : "");
}

/* See app.h. */
void
page_set_int_in(HDF *node, const char *name, long long value)
{
	char	v[24];

	if (node != NULL)
		hdf_set_value(node, name, fmt_int(value, v));
}

/* Short machine name of an error status, for JSON errors. */
static const char *
json_error_name(int status)
{
	switch (status) {
	case 400: return "bad_request";
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 413: return "payload_too_large";
	case 422: return "invalid";
	case 429: return "too_many_requests";
	case 503: return "unavailable";
	case 507: return "insufficient_storage";
	default: return "internal_error";
	}
}

/*
 * Returns 1 if the client wants JSON: an API route or key, an Accept
 * header, or, for errors raised before routing (a body over the cap),
 * a Bearer key or a JSON body, which no browser page sends.
 */
static int
wants_json(const struct req *r)
{
	const char	*accept = req_env(r, "HTTP_ACCEPT");
	const char	*authz = req_env(r, "HTTP_AUTHORIZATION");
	const char	*ctype = req_env(r, "CONTENT_TYPE");

	if (r->is_api || (r->route != NULL && (r->route->flags & ROUTE_API) &&
	    authz != NULL))
		return 1;
	if ((authz != NULL && strncmp(authz, "Bearer ", 7) == 0) ||
	    (ctype != NULL && strncmp(ctype, "application/json", 16) == 0))
		return 1;
	return accept != NULL && strstr(accept, "application/json") != NULL &&
	    strstr(accept, "text/html") == NULL;
}

/* See app.h. The page says what happened and shows the request id;
 * details are in the log only. */
int
error_page(struct req *r, int status, const char *msgkey)
{
	char	key[64];

	status = dispatch_status(status);
	r->status = status;
	r->done = 1;
	buf_reset(&r->out);
	if (wants_json(r)) {
		struct buf	j = {0};

		buf_printf(&j, "{\"error\":\"%s\",\"request_id\":\"%s\"}",
		    json_error_name(status), r->reqid);
		resp_json(r, status, j.data);
		buf_free(&j);
		return status;
	}
	if (hdf_get_value(r->hdf, "Config.VarEscapeMode", NULL) == NULL &&
	    tpl_prepare(r->hdf, r->conf ? r->conf->default_lang : "en") != 0)
		goto plain;
	page_set(r, "Page.ReqId", r->reqid);
	page_set_int(r, "Error.Status", status);
	snprintf(key, sizeof(key), "Error.%d.Title", status);
	page_set(r, "Error.Title", tpl_text(r->hdf, key));
	page_set(r, "Page.Title", tpl_text(r->hdf, key));
	if (msgkey == NULL) {
		snprintf(key, sizeof(key), "Error.%d.Message", status);
		msgkey = key;
	}
	page_set(r, "Error.Message", tpl_text(r->hdf, msgkey));
	if (tpl_render(r->hdf, "error.cs", &r->out) != 0)
		goto plain;
	r->ctype = "text/html; charset=utf-8";
	return status;
plain:
	buf_reset(&r->out);
	buf_printf(&r->out, "%d %s\nRequest id: %s\n", status,
	    http_reason(status), r->reqid);
	r->ctype = "text/plain; charset=utf-8";
	return status;
}

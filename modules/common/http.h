/*
 * http.h: parsing of untrusted request bytes (query strings, cookies,
 * urlencoded and multipart/form-data bodies, paths) and building of
 * response headers. The parsers work on plain buffers so that unit
 * tests and fuzz targets can drive them without FastCGI.
 */
#ifndef HAVRE_HTTP_H
#define HAVRE_HTTP_H

#include <stddef.h>
#include "buf.h"

/* One name/value pair from a query, cookie header or body. */
struct kv {
	char	*name;
	char	*value;		/* NUL-terminated; may contain NUL if binary */
	size_t	 valsz;		/* bytes in value (multipart files) */
	char	*filename;	/* multipart: client's file name, or NULL */
	char	*ctype;		/* multipart: part Content-Type, or NULL */
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
	size_t		 cap;
};

#define HTTP_MAX_PAIRS 256	/* more pairs than this is a malformed request */

/* Result of a parser. */
enum http_parse {
	HTTP_PARSE_OK = 0,
	HTTP_PARSE_BAD,		/* malformed: answer 400 */
	HTTP_PARSE_NOMEM,
};

/* application/x-www-form-urlencoded (also query strings): '+' is space,
 * %XX decoded; a bad escape or more than HTTP_MAX_PAIRS pairs is BAD. */
enum http_parse	 http_parse_urlencoded(struct kvlist *, const char *, size_t);
/* A Cookie header: "a=b; c=d". Values are not decoded. */
enum http_parse	 http_parse_cookies(struct kvlist *, const char *);
/* multipart/form-data: boundary taken from the Content-Type value. */
enum http_parse	 http_parse_multipart(struct kvlist *, const char *ctype,
		    const char *body, size_t len);
/*
 * Decode %XX in a request path, reject NUL, invalid UTF-8, and resolve
 * "." and ".." segments and repeated slashes. Returns a malloc'd string
 * or NULL if the path is malformed (answer 400).
 */
char		*http_normalise_path(const char *raw, size_t len);

/* First value named name, or NULL. */
const struct kv	*kv_get(const struct kvlist *, const char *name);
/* Append a copy of name and of the len bytes of value (NUL added).
 * Returns HTTP_PARSE_OK, HTTP_PARSE_BAD past HTTP_MAX_PAIRS pairs, or
 * HTTP_PARSE_NOMEM. */
enum http_parse	 kv_add(struct kvlist *, const char *name, const char *value,
		    size_t len);
/* Free every pair and the array; the list may be reused. */
void		 kv_free(struct kvlist *);

/* Returns 1 if s is safe in a header value (no CR, LF or NUL). */
int		 http_header_safe(const char *);
/* Reason phrase for a status ("Not Found"). */
const char	*http_reason(int status);
/* Append s to b for a URL: every byte but ASCII letters, digits and
 * those of keep (e.g. "-._~" in a query value, "/._-" in a path) as
 * %XX. */
void		 http_url_escape(struct buf *, const char *s, const char *keep);

#endif

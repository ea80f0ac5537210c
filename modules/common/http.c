/*
 * http.c: parsers for the untrusted bytes of a request (query strings
 * and urlencoded bodies, the Cookie header, multipart/form-data bodies,
 * the request path) into name/value lists, plus the small helpers that
 * keep response headers safe. Nothing here touches FastCGI, so unit
 * tests and fuzz targets drive these functions on plain buffers.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "http.h"

/* RFC 2046 section 5.1.1: a boundary is 1 to 70 characters. */
#define BOUNDARY_MAX 70

/*
 * Value of the hexadecimal digit c, or -1.
 */
static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Copy sz bytes of p into a new NUL-terminated string. Returns the
 * malloc'd copy or NULL on allocation failure.
 */
static char *
memdup_str(const char *p, size_t sz)
{
	char	*s;

	if ((s = malloc(sz + 1)) == NULL)
		return NULL;
	if (sz > 0)
		memcpy(s, p, sz);
	s[sz] = '\0';
	return s;
}

/*
 * First occurrence of the nsz bytes of needle in the hsz bytes of hay,
 * or NULL. (memmem(3) is not in POSIX.)
 */
static const char *
mem_find(const char *hay, size_t hsz, const char *needle, size_t nsz)
{
	const char	*p, *end;

	if (nsz == 0)
		return hay;
	if (hsz < nsz)
		return NULL;
	end = hay + (hsz - nsz);
	for (p = hay; p <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p) + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, needle, nsz) == 0)
			return p;
	}
	return NULL;
}

/*
 * Returns 1 if the sz bytes at p equal the NUL-terminated lower-case
 * ASCII word w, ignoring ASCII case, else 0.
 */
static int
word_eq(const char *p, size_t sz, const char *w)
{
	size_t	 i;
	char	 c;

	if (strlen(w) != sz)
		return 0;
	for (i = 0; i < sz; i++) {
		c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[i])
			return 0;
	}
	return 1;
}

/*
 * Move *p forward and *e backward past spaces and tabs.
 */
static void
trim(const char **p, const char **e)
{
	while (*p < *e && (**p == ' ' || **p == '\t'))
		(*p)++;
	while (*e > *p && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
		(*e)--;
}

/*
 * Append a pair to the list, taking ownership of name, value, filename
 * and ctype (all malloc'd; filename and ctype may be NULL). On any
 * failure they are freed here. Returns HTTP_PARSE_OK, HTTP_PARSE_BAD
 * if the list already holds HTTP_MAX_PAIRS pairs, or HTTP_PARSE_NOMEM.
 */
static enum http_parse
kv_push(struct kvlist *l, char *name, char *value, size_t valsz,
    char *filename, char *ctype)
{
	enum http_parse	 rc = HTTP_PARSE_OK;
	struct kv	*nv;
	size_t		 ncap;

	if (name == NULL || value == NULL) {
		rc = HTTP_PARSE_NOMEM;
		goto out;
	}
	if (l->n >= HTTP_MAX_PAIRS) {
		rc = HTTP_PARSE_BAD;
		goto out;
	}
	if (l->n == l->cap) {
		ncap = l->cap == 0 ? 8 : l->cap * 2;
		if ((nv = realloc(l->v, ncap * sizeof(*nv))) == NULL) {
			rc = HTTP_PARSE_NOMEM;
			goto out;
		}
		l->v = nv;
		l->cap = ncap;
	}
	l->v[l->n].name = name;
	l->v[l->n].value = value;
	l->v[l->n].valsz = valsz;
	l->v[l->n].filename = filename;
	l->v[l->n].ctype = ctype;
	l->n++;
	return HTTP_PARSE_OK;
out:
	free(name);
	free(value);
	free(filename);
	free(ctype);
	return rc;
}

/* See http.h. */
enum http_parse
kv_add(struct kvlist *l, const char *name, const char *value, size_t len)
{
	char	*v;

	if ((v = malloc(len + 1)) != NULL) {
		memcpy(v, value, len);
		v[len] = '\0';
	}
	return kv_push(l, strdup(name), v, len, NULL, NULL);
}

/*
 * Decode sz bytes of urlencoded text ('+' is a space, %XX a byte) into
 * a new NUL-terminated string, its length in *outsz. Returns
 * HTTP_PARSE_OK with *out set, HTTP_PARSE_BAD on a truncated or
 * non-hex escape, a decoded or raw NUL byte (it would silently cut the
 * value short for every string consumer), or HTTP_PARSE_NOMEM.
 */
static enum http_parse
url_decode(const char *p, size_t sz, char **out, size_t *outsz)
{
	char	*s;
	size_t	 i, n = 0;
	int	 hi, lo;

	*out = NULL;
	if ((s = malloc(sz + 1)) == NULL)
		return HTTP_PARSE_NOMEM;
	for (i = 0; i < sz; i++) {
		if (p[i] == '%') {
			if (sz - i < 3 ||
			    (hi = hexval((unsigned char)p[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)p[i + 2])) < 0 ||
			    (hi == 0 && lo == 0))
				goto bad;
			s[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (p[i] == '+')
			s[n++] = ' ';
		else if (p[i] == '\0')
			goto bad;
		else
			s[n++] = p[i];
	}
	s[n] = '\0';
	*out = s;
	*outsz = n;
	return HTTP_PARSE_OK;
bad:
	free(s);
	return HTTP_PARSE_BAD;
}

/*
 * Parse len bytes of application/x-www-form-urlencoded data (a body or
 * a query string) and append the pairs to l. Empty segments ("a=1&&b=2")
 * and pairs with an empty name are skipped; a name without '=' gets the
 * value "". Returns HTTP_PARSE_OK, HTTP_PARSE_BAD (bad escape, NUL byte,
 * more than HTTP_MAX_PAIRS pairs) or HTTP_PARSE_NOMEM. On error, pairs
 * appended so far stay in l: the caller frees l with kv_free().
 */
enum http_parse
http_parse_urlencoded(struct kvlist *l, const char *p, size_t len)
{
	const char	*seg, *end, *eq, *amp;
	char		*name, *value;
	size_t		 namesz, valsz;
	enum http_parse	 rc;

	if (p == NULL)
		return HTTP_PARSE_OK;
	end = p + len;
	for (seg = p; seg < end; seg = amp + 1) {
		if ((amp = memchr(seg, '&', (size_t)(end - seg))) == NULL)
			amp = end;
		if (amp == seg)
			continue;
		if ((eq = memchr(seg, '=', (size_t)(amp - seg))) == NULL)
			eq = amp;
		rc = url_decode(seg, (size_t)(eq - seg), &name, &namesz);
		if (rc != HTTP_PARSE_OK)
			return rc;
		if (eq < amp)
			rc = url_decode(eq + 1, (size_t)(amp - eq - 1),
			    &value, &valsz);
		else
			rc = url_decode(eq, 0, &value, &valsz);
		if (rc != HTTP_PARSE_OK) {
			free(name);
			return rc;
		}
		if (namesz == 0) {
			free(name);
			free(value);
			continue;
		}
		rc = kv_push(l, name, value, valsz, NULL, NULL);
		if (rc != HTTP_PARSE_OK)
			return rc;
	}
	return HTTP_PARSE_OK;
}

/*
 * Parse a Cookie header ("a=b; c=d") and append the pairs to l. Names
 * and values are trimmed of spaces and tabs and kept raw (no decoding,
 * quotes kept). Segments without '=' or with an empty name are skipped.
 * A NULL header is an empty list. Returns HTTP_PARSE_OK, HTTP_PARSE_BAD
 * (more than HTTP_MAX_PAIRS cookies) or HTTP_PARSE_NOMEM.
 */
enum http_parse
http_parse_cookies(struct kvlist *l, const char *hdr)
{
	const char	*seg, *end, *semi, *eq, *np, *ne, *vp, *ve;
	enum http_parse	 rc;

	if (hdr == NULL)
		return HTTP_PARSE_OK;
	end = hdr + strlen(hdr);
	for (seg = hdr; seg < end; seg = semi + 1) {
		if ((semi = memchr(seg, ';', (size_t)(end - seg))) == NULL)
			semi = end;
		if ((eq = memchr(seg, '=', (size_t)(semi - seg))) == NULL)
			continue;
		np = seg;
		ne = eq;
		trim(&np, &ne);
		vp = eq + 1;
		ve = semi;
		trim(&vp, &ve);
		if (np == ne)
			continue;
		rc = kv_push(l, memdup_str(np, (size_t)(ne - np)),
		    memdup_str(vp, (size_t)(ve - vp)), (size_t)(ve - vp),
		    NULL, NULL);
		if (rc != HTTP_PARSE_OK)
			return rc;
	}
	return HTTP_PARSE_OK;
}

/*
 * Read one header parameter value at [*pp, e): either a quoted string
 * or a token up to ';'. Backslash is not an escape: browsers send
 * file names with '"' as %22 and backslashes raw (WHATWG HTML, "multipart
 * form-data encoding"), and old ones send "C:\path\name". On
 * success stores a malloc'd copy in *out, moves *pp past the value and
 * returns HTTP_PARSE_OK; an unterminated quote is HTTP_PARSE_BAD.
 */
static enum http_parse
param_value(const char **pp, const char *e, char **out)
{
	const char	*p = *pp, *ve;

	*out = NULL;
	if (p < e && *p == '"') {
		p++;
		if ((ve = memchr(p, '"', (size_t)(e - p))) == NULL)
			return HTTP_PARSE_BAD;
		*pp = ve + 1;
	} else {
		for (ve = p; ve < e && *ve != ';'; ve++)
			continue;
		*pp = ve;
		trim(&p, &ve);
	}
	if ((*out = memdup_str(p, (size_t)(ve - p))) == NULL)
		return HTTP_PARSE_NOMEM;
	return HTTP_PARSE_OK;
}

/*
 * Walk the parameters ("; a=b; c=\"d\"") of a header value in [p, e)
 * and store a copy of the value of each wanted name (lower case) in the
 * matching slot of out (names[i] -> out[i]; a repeated name keeps its
 * first value). Returns HTTP_PARSE_OK, HTTP_PARSE_BAD on malformed
 * syntax, or HTTP_PARSE_NOMEM; on error the caller frees out[].
 */
static enum http_parse
header_params(const char *p, const char *e, const char *const *names,
    char **out, size_t nnames)
{
	const char	*np, *ne;
	char		*v;
	size_t		 i;
	enum http_parse	 rc;

	while (p < e) {
		if (*p == ';' || *p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		for (np = p; p < e && *p != '=' && *p != ';'; p++)
			continue;
		if (p == e || *p != '=')
			return HTTP_PARSE_BAD;
		ne = p++;
		trim(&np, &ne);
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if ((rc = param_value(&p, e, &v)) != HTTP_PARSE_OK)
			return rc;
		for (i = 0; i < nnames; i++)
			if (out[i] == NULL &&
			    word_eq(np, (size_t)(ne - np), names[i]))
				break;
		if (i < nnames)
			out[i] = v;
		else
			free(v);
		/* After a quoted value only spaces may precede ';'. */
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p < e && *p != ';')
			return HTTP_PARSE_BAD;
	}
	return HTTP_PARSE_OK;
}

/*
 * Returns 1 if c may appear in a multipart boundary (RFC 2046 bchars).
 */
static int
bchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return 1;
	return strchr("'()+_,-./:=? ", c) != NULL && c != '\0';
}

/*
 * Extract the boundary parameter of a multipart/form-data Content-Type
 * into a malloc'd "--boundary" delimiter string. Returns HTTP_PARSE_OK
 * with *delim set, HTTP_PARSE_BAD if the type is not multipart/form-data
 * or the boundary is missing, too long, empty or ends with a space,
 * or HTTP_PARSE_NOMEM.
 */
static enum http_parse
multipart_delim(const char *ctype, char **delim)
{
	static const char *const names[] = { "boundary" };
	const char	*semi, *end, *tp, *te;
	char		*bnd = NULL;
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i, bsz;
	enum http_parse	 rc;

	*delim = NULL;
	if (ctype == NULL)
		return HTTP_PARSE_BAD;
	end = ctype + strlen(ctype);
	if ((semi = strchr(ctype, ';')) == NULL)
		semi = end;
	tp = ctype;
	te = semi;
	trim(&tp, &te);
	if (!word_eq(tp, (size_t)(te - tp), "multipart/form-data"))
		return HTTP_PARSE_BAD;
	rc = header_params(semi, end, names, &bnd, 1);
	if (rc != HTTP_PARSE_OK)
		goto out;
	rc = HTTP_PARSE_BAD;
	if (bnd == NULL || (bsz = strlen(bnd)) == 0 || bsz > BOUNDARY_MAX ||
	    bnd[bsz - 1] == ' ')
		goto out;
	for (i = 0; i < bsz; i++)
		if (!bchar((unsigned char)bnd[i]))
			goto out;
	rc = HTTP_PARSE_NOMEM;
	if (buf_puts(&b, "--") == -1 || buf_puts(&b, bnd) == -1)
		goto out;
	if ((*delim = buf_take(&b)) == NULL)
		goto out;
	rc = HTTP_PARSE_OK;
out:
	free(bnd);
	buf_free(&b);
	return rc;
}

/*
 * Parse the header block of one part, starting at p (the byte after the
 * delimiter line) within [p, e). Stores malloc'd copies of the field
 * name, the client file name (or NULL) and the part Content-Type (or
 * NULL), and in *body the first byte after the blank line. Returns
 * HTTP_PARSE_OK, HTTP_PARSE_BAD (no headers, no Content-Disposition
 * form-data with a name, malformed line, NUL byte) or HTTP_PARSE_NOMEM.
 * On error the caller frees what was stored.
 */
static enum http_parse
part_headers(const char *p, const char *e, char **name, char **filename,
    char **ctype, const char **body)
{
	static const char *const names[] = { "name", "filename" };
	char		*vals[2] = { NULL, NULL };
	const char	*eol, *colon, *vp, *ve, *semi, *tp, *te;
	enum http_parse	 rc;
	int		 nhdr = 0, seen_cd = 0;

	for (;;) {
		if ((eol = mem_find(p, (size_t)(e - p), "\r\n", 2)) == NULL)
			return HTTP_PARSE_BAD;
		if (eol == p)
			break;
		nhdr++;
		if (memchr(p, '\0', (size_t)(eol - p)) != NULL)
			return HTTP_PARSE_BAD;
		if ((colon = memchr(p, ':', (size_t)(eol - p))) == NULL ||
		    colon == p || *p == ' ' || *p == '\t')
			return HTTP_PARSE_BAD;
		vp = colon + 1;
		ve = eol;
		trim(&vp, &ve);
		if (word_eq(p, (size_t)(colon - p), "content-disposition")) {
			if (seen_cd++)
				return HTTP_PARSE_BAD;
			if ((semi = memchr(vp, ';', (size_t)(ve - vp))) == NULL)
				semi = ve;
			tp = vp;
			te = semi;
			trim(&tp, &te);
			if (!word_eq(tp, (size_t)(te - tp), "form-data"))
				return HTTP_PARSE_BAD;
			rc = header_params(semi, ve, names, vals, 2);
			*name = vals[0];
			*filename = vals[1];
			if (rc != HTTP_PARSE_OK)
				return rc;
		} else if (word_eq(p, (size_t)(colon - p), "content-type")) {
			if (*ctype != NULL)
				return HTTP_PARSE_BAD;
			*ctype = memdup_str(vp, (size_t)(ve - vp));
			if (*ctype == NULL)
				return HTTP_PARSE_NOMEM;
		}
		/* Other part headers (Content-Transfer-Encoding...) are
		 * ignored: browsers send none. */
		p = eol + 2;
	}
	if (nhdr == 0 || *name == NULL || **name == '\0')
		return HTTP_PARSE_BAD;
	*body = p + 2;
	return HTTP_PARSE_OK;
}

/*
 * Parse a multipart/form-data body of len bytes, the boundary coming
 * from the Content-Type header value ctype (quoted or not). Each part
 * needs a Content-Disposition: form-data header with a name; filename
 * and Content-Type are kept when present. Values are binary-safe (valsz
 * is their length; a NUL is appended). A preamble before the first
 * delimiter and an epilogue after the closing one are ignored.
 * Returns HTTP_PARSE_OK, HTTP_PARSE_BAD (no or bad boundary, missing
 * closing delimiter, part without headers or name, more than
 * HTTP_MAX_PAIRS parts) or HTTP_PARSE_NOMEM. On error, parts appended
 * so far stay in l: the caller frees l with kv_free().
 */
enum http_parse
http_parse_multipart(struct kvlist *l, const char *ctype, const char *body,
    size_t len)
{
	char		*delim = NULL, *crdelim = NULL;
	char		*name = NULL, *filename = NULL, *pctype = NULL;
	const char	*p, *e, *cont, *next;
	size_t		 dsz;
	enum http_parse	 rc;

	if ((rc = multipart_delim(ctype, &delim)) != HTTP_PARSE_OK)
		goto out;
	dsz = strlen(delim);
	rc = HTTP_PARSE_BAD;
	if (body == NULL)
		goto out;
	e = body + len;
	/* The first delimiter opens the body or follows a CRLF. */
	rc = HTTP_PARSE_NOMEM;
	if ((crdelim = malloc(dsz + 3)) == NULL)
		goto out;
	crdelim[0] = '\r';
	crdelim[1] = '\n';
	memcpy(crdelim + 2, delim, dsz + 1);
	rc = HTTP_PARSE_BAD;
	if (len >= dsz && memcmp(body, delim, dsz) == 0)
		p = body;
	else if ((p = mem_find(body, len, crdelim, dsz + 2)) != NULL)
		p += 2;
	else
		goto out;
	for (;;) {
		/* p is at a delimiter: "--" closes, else a part follows. */
		rc = HTTP_PARSE_BAD;
		p += dsz;
		if (e - p >= 2 && p[0] == '-' && p[1] == '-')
			break;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (e - p < 2 || p[0] != '\r' || p[1] != '\n')
			goto out;
		p += 2;
		rc = part_headers(p, e, &name, &filename, &pctype, &cont);
		if (rc != HTTP_PARSE_OK)
			goto out;
		rc = HTTP_PARSE_BAD;
		next = mem_find(cont, (size_t)(e - cont), crdelim, dsz + 2);
		if (next == NULL)
			goto out;
		rc = kv_push(l, name, memdup_str(cont, (size_t)(next - cont)),
		    (size_t)(next - cont), filename, pctype);
		name = filename = pctype = NULL;
		if (rc != HTTP_PARSE_OK)
			goto out;
		p = next + 2;
	}
	rc = HTTP_PARSE_OK;
out:
	free(delim);
	free(crdelim);
	free(name);
	free(filename);
	free(pctype);
	return rc;
}

/*
 * Decode and normalise the len bytes of a request path: %XX escapes
 * are decoded ('+' stays '+'), then "." segments and empty segments
 * are dropped and ".." removes the previous segment (never climbing
 * above the root). The result starts with '/' and has no trailing
 * slash unless it is "/". Returns a malloc'd string, or NULL if the
 * path does not start with '/', has a bad escape, a NUL or other
 * control character (raw or escaped), or invalid UTF-8 (or on
 * allocation failure).
 */
char *
http_normalise_path(const char *raw, size_t len)
{
	char		*dec = NULL, *out = NULL;
	const char	*seg, *end, *slash;
	size_t		 i, n = 0, o, segsz;
	int		 hi, lo;
	unsigned char	 c;

	if (raw == NULL || len == 0 || raw[0] != '/')
		goto out;
	if ((dec = malloc(len + 1)) == NULL)
		goto out;
	for (i = 0; i < len; i++) {
		c = (unsigned char)raw[i];
		if (c == '%') {
			if (len - i < 3 ||
			    (hi = hexval((unsigned char)raw[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)raw[i + 2])) < 0)
				goto fail;
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
		}
		if (c < 0x20 || c == 0x7f)
			goto fail;
		dec[n++] = (char)c;
	}
	dec[n] = '\0';
	if (!utf8_valid(dec, n))
		goto fail;
	/* The result is never longer than the decoded path (+ "/"). */
	if ((out = malloc(n + 2)) == NULL)
		goto fail;
	o = 0;
	end = dec + n;
	for (seg = dec; seg < end; seg = slash + 1) {
		if ((slash = memchr(seg, '/', (size_t)(end - seg))) == NULL)
			slash = end;
		segsz = (size_t)(slash - seg);
		if (segsz == 0 || (segsz == 1 && seg[0] == '.'))
			continue;
		if (segsz == 2 && seg[0] == '.' && seg[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;	/* the slash before it */
			continue;
		}
		out[o++] = '/';
		memcpy(out + o, seg, segsz);
		o += segsz;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	goto out;
fail:
	free(out);
	out = NULL;
out:
	free(dec);
	return out;
}

/*
 * Returns the first pair of l named name, or NULL if there is none.
 */
const struct kv *
kv_get(const struct kvlist *l, const char *name)
{
	size_t	 i;

	if (l == NULL || name == NULL)
		return NULL;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	return NULL;
}

/*
 * Free every pair and the array of l; l is left empty and reusable.
 * NULL-safe.
 */
void
kv_free(struct kvlist *l)
{
	size_t	 i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].value);
		free(l->v[i].filename);
		free(l->v[i].ctype);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/*
 * Returns 1 if s may be written as a header value: not NULL and free
 * of CR and LF (a NUL cannot occur inside a C string), else 0.
 */
int
http_header_safe(const char *s)
{
	if (s == NULL)
		return 0;
	return strpbrk(s, "\r\n") == NULL;
}

/*
 * Reason phrase for an HTTP status code (RFC 9110). Codes not in the
 * table get a phrase for their class; never returns NULL.
 */
const char *
http_reason(int status)
{
	static const struct {
		int		 code;
		const char	*reason;
	} reasons[] = {
		{ 100, "Continue" },
		{ 200, "OK" },
		{ 201, "Created" },
		{ 202, "Accepted" },
		{ 204, "No Content" },
		{ 206, "Partial Content" },
		{ 301, "Moved Permanently" },
		{ 302, "Found" },
		{ 303, "See Other" },
		{ 304, "Not Modified" },
		{ 307, "Temporary Redirect" },
		{ 308, "Permanent Redirect" },
		{ 400, "Bad Request" },
		{ 401, "Unauthorized" },
		{ 403, "Forbidden" },
		{ 404, "Not Found" },
		{ 405, "Method Not Allowed" },
		{ 406, "Not Acceptable" },
		{ 408, "Request Timeout" },
		{ 409, "Conflict" },
		{ 410, "Gone" },
		{ 411, "Length Required" },
		{ 412, "Precondition Failed" },
		{ 413, "Content Too Large" },
		{ 414, "URI Too Long" },
		{ 415, "Unsupported Media Type" },
		{ 416, "Range Not Satisfiable" },
		{ 422, "Unprocessable Content" },
		{ 429, "Too Many Requests" },
		{ 431, "Request Header Fields Too Large" },
		{ 500, "Internal Server Error" },
		{ 501, "Not Implemented" },
		{ 502, "Bad Gateway" },
		{ 503, "Service Unavailable" },
		{ 504, "Gateway Timeout" },
		{ 507, "Insufficient Storage" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].code == status)
			return reasons[i].reason;
	switch (status / 100) {
	case 1:
		return "Informational";
	case 2:
		return "Success";
	case 3:
		return "Redirection";
	case 4:
		return "Client Error";
	case 5:
		return "Server Error";
	default:
		return "Unknown";
	}
}

/* See http.h. */
void
http_url_escape(struct buf *b, const char *s, const char *keep)
{
	for (; *s != '\0'; s++) {
		unsigned char	c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(keep, c) != NULL)
			buf_append(b, s, 1);
		else
			buf_printf(b, "%%%02X", c);
	}
}

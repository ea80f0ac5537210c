/*
 * buf.c: the growable NUL-terminated byte buffer used to render pages
 * and build strings, HTML and JSON escaping into it, UTF-8 checks and
 * the ranged integer parser used instead of the unchecked ato* family.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/*
 * Make room for at least extra more bytes plus the terminating NUL.
 * Returns 0 on success, -1 on allocation failure or size overflow (the
 * buffer is then unchanged).
 */
static int
buf_grow(struct buf *b, size_t extra)
{
	size_t	 need, ncap;
	char	*p;

	if (extra > SIZE_MAX - b->len - 1)
		return -1;
	need = b->len + extra + 1;
	if (b->data != NULL && need <= b->cap)
		return 0;
	ncap = b->cap < 64 ? 64 : b->cap;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2) {
			ncap = need;
			break;
		}
		ncap *= 2;
	}
	if ((p = realloc(b->data, ncap)) == NULL)
		return -1;
	b->data = p;
	b->cap = ncap;
	return 0;
}

/*
 * Append sz bytes from p (which may contain NUL bytes). The data stays
 * NUL-terminated. Returns 0 on success, -1 on allocation failure.
 */
int
buf_append(struct buf *b, const void *p, size_t sz)
{
	if (buf_grow(b, sz) == -1)
		return -1;
	if (sz > 0)
		memcpy(b->data + b->len, p, sz);
	b->len += sz;
	b->data[b->len] = '\0';
	return 0;
}

/*
 * Append the NUL-terminated string s. Returns 0 or -1 (no memory).
 */
int
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

/*
 * Append printf-formatted text. Returns 0 on success, -1 on allocation
 * or formatting failure (the buffer keeps its previous contents).
 */
int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n) == -1)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->data[b->len] = '\0';
		return -1;
	}
	b->len += (size_t)n;
	return 0;
}

/*
 * Append s with the five HTML-significant characters replaced by
 * entities, so the text is safe in element content and in quoted
 * attribute values. Returns 0 or -1 (no memory).
 */
int
buf_puts_html(struct buf *b, const char *s)
{
	const char	*start, *ent;

	/* Ensure the buffer exists even for an empty string. */
	if (buf_append(b, "", 0) == -1)
		return -1;
	for (start = s; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			ent = "&amp;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '"':
			ent = "&quot;";
			break;
		case '\'':
			ent = "&#39;";
			break;
		default:
			continue;
		}
		if (buf_append(b, start, (size_t)(s - start)) == -1 ||
		    buf_puts(b, ent) == -1)
			return -1;
		start = s + 1;
	}
	return buf_append(b, start, (size_t)(s - start));
}

/*
 * Append s escaped for the inside of a JSON string: quote, backslash
 * and every control character are escaped; '<', '>', '&' and the line
 * separators U+2028/U+2029 are escaped too so that the output is also
 * safe inside an HTML <script> block. Other bytes pass unchanged.
 * Returns 0 or -1 (no memory).
 */
int
buf_puts_json(struct buf *b, const char *s)
{
	const unsigned char	*p, *start;
	char			 esc[8];
	const char		*rep;
	size_t			 skip;

	if (buf_append(b, "", 0) == -1)
		return -1;
	for (p = start = (const unsigned char *)s; *p != '\0'; p++) {
		rep = NULL;
		skip = 1;
		switch (*p) {
		case '"':
			rep = "\\\"";
			break;
		case '\\':
			rep = "\\\\";
			break;
		case '\n':
			rep = "\\n";
			break;
		case '\r':
			rep = "\\r";
			break;
		case '\t':
			rep = "\\t";
			break;
		case '\b':
			rep = "\\b";
			break;
		case '\f':
			rep = "\\f";
			break;
		case '<':
		case '>':
		case '&':
		case 0x7f:
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
			rep = esc;
			break;
		case 0xe2:
			/* U+2028 and U+2029 end a line in JavaScript. */
			if (p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
				snprintf(esc, sizeof(esc), "\\u%04x",
				    0x2000 | (p[2] - 0x80));
				rep = esc;
				skip = 3;
			}
			break;
		default:
			if (*p < 0x20) {
				snprintf(esc, sizeof(esc), "\\u%04x", *p);
				rep = esc;
			}
			break;
		}
		if (rep == NULL)
			continue;
		if (buf_append(b, start, (size_t)(p - start)) == -1 ||
		    buf_puts(b, rep) == -1)
			return -1;
		p += skip - 1;
		start = p + 1;
	}
	return buf_append(b, start, (size_t)(p - start));
}

/*
 * Empty the buffer but keep its allocation for reuse.
 */
void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/*
 * Release the storage; the struct is left empty and reusable.
 */
void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/*
 * Hand the data to the caller, who must free(3) it. Returns an empty
 * malloc'd string if nothing was appended, or NULL if even that fails.
 * The buffer becomes empty.
 */
char *
buf_take(struct buf *b)
{
	char	*p;

	if (b->data == NULL)
		return strdup("");
	p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/*
 * Length of the well-formed UTF-8 sequence at the start of s (at most
 * len bytes), or 0 if it is malformed: a stray continuation byte, a
 * truncated sequence, an overlong form, a surrogate (U+D800..U+DFFF),
 * a code point above U+10FFFF, or NUL.
 */
static size_t
utf8_seq(const unsigned char *s, size_t len)
{
	size_t	 n, i;
	uint32_t cp;

	if (len == 0 || s[0] == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else
		return 0;	/* 80..c1: continuation or overlong; f5.. */
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000))
		return 0;	/* overlong */
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;	/* UTF-16 surrogate */
	if (cp > 0x10ffff)
		return 0;
	return n;
}

/*
 * Returns 1 if the len bytes at s are well-formed UTF-8 without NUL,
 * overlong forms, surrogates or code points above U+10FFFF, else 0.
 * An empty input is valid.
 */
int
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	while (len > 0) {
		if ((n = utf8_seq(p, len)) == 0)
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

/*
 * Number of code points in the NUL-terminated string s, counted as the
 * bytes that are not UTF-8 continuation bytes (exact for valid UTF-8).
 */
size_t
utf8_len(const char *s)
{
	const unsigned char	*p;
	size_t			 n = 0;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * Parse s as a base-10 integer: an optional '-' or '+' then digits
 * only (no spaces, no trailing text, no empty string). Returns 0 and
 * stores the value in *out if it lies within [min, max]; returns -1
 * otherwise (out untouched), including on overflow.
 */
int
parse_int(const char *s, long long min, long long max, long long *out)
{
	const char		*p;
	unsigned long long	 u = 0, limit;
	long long		 v;
	int			 neg = 0;

	if (s == NULL || min > max)
		return -1;
	p = s;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	/* Digits only (strtoll would take leading spaces and "0x"), by
	 * hand: database columns come as text and are read through here,
	 * and strtoll cost several times this loop. */
	if (*p < '0' || *p > '9')
		return -1;
	limit = neg ? (unsigned long long)LLONG_MAX + 1 :
	    (unsigned long long)LLONG_MAX;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (u > (limit - (unsigned long long)(*p - '0')) / 10)
			return -1;	/* out of range, as strtoll's ERANGE */
		u = u * 10 + (unsigned long long)(*p - '0');
	}
	if (*p != '\0')
		return -1;
	if (neg)
		v = u == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN :
		    -(long long)u;
	else
		v = (long long)u;
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

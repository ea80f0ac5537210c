/*
 * sms.c: GSM 03.38 alphabet detection, segment counting, template
 * rendering and the shortening of document lists (see sms.h).
 *
 * Sources: 3GPP TS 23.038 (the default alphabet and its extension
 * table) and TS 23.040 (a concatenated message carries a 6-byte user
 * data header, which leaves 153 septets or 67 UTF-16 units per part).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "sms.h"

#define GSM7_SINGLE	160
#define GSM7_PART	153
#define UCS2_SINGLE	70
#define UCS2_PART	67
#define SMS_MAX_DOCS	64

/* The non-ASCII characters of the GSM-7 basic table. */
static const uint32_t gsm7_basic_extra[] = {
	0x00A3, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, 0x00F2, 0x00C7,
	0x00D8, 0x00F8, 0x00C5, 0x00E5, 0x0394, 0x03A6, 0x0393, 0x039B,
	0x03A9, 0x03A0, 0x03A8, 0x03A3, 0x0398, 0x039E, 0x00C6, 0x00E6,
	0x00DF, 0x00C9, 0x00A4, 0x00A1, 0x00C4, 0x00D6, 0x00D1, 0x00DC,
	0x00A7, 0x00BF, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
};

/*
 * Decode one UTF-8 character at s (at least one byte before the NUL).
 * Returns its length in bytes and stores the code point, or 0 when
 * the bytes are malformed (overlong, surrogate, out of range, cut).
 */
static size_t
utf8_decode(const unsigned char *s, uint32_t *cp)
{
	uint32_t	 c;
	size_t		 n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		c = s[0] & 0x1F;
		n = 2;
	} else if ((s[0] & 0xF0) == 0xE0) {
		c = s[0] & 0x0F;
		n = 3;
	} else if ((s[0] & 0xF8) == 0xF0) {
		c = s[0] & 0x07;
		n = 4;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/*
 * Septets that code point cp takes in GSM-7: 1 (basic table), 2
 * (extension table, sent as ESC + code) or 0 (not representable).
 */
static int
gsm7_septets(uint32_t cp)
{
	size_t	 i;

	switch (cp) {
	case '^': case '{': case '}': case '\\': case '[': case ']':
	case '~': case '|': case 0x20AC:
		return 2;
	case '`':
		return 0;
	case '\n': case '\r':
		return 1;
	default:
		break;
	}
	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	for (i = 0; i < sizeof(gsm7_basic_extra) / sizeof(gsm7_basic_extra[0]);
	    i++)
		if (gsm7_basic_extra[i] == cp)
			return 1;
	return 0;
}

/* See sms.h. */
int
sms_is_gsm7(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 n;

	while (*p != '\0') {
		if ((n = utf8_decode(p, &cp)) == 0 || gsm7_septets(cp) == 0)
			return 0;
		p += n;
	}
	return 1;
}

/*
 * Units of code point cp in coding: septets for GSM-7, UTF-16 units
 * for UCS-2.
 */
static size_t
char_units(enum sms_coding coding, uint32_t cp)
{
	if (coding == SMS_GSM7)
		return (size_t)gsm7_septets(cp);
	return cp > 0xFFFF ? 2 : 1;
}

/*
 * Walk the text s in coding and count its units and parts; when cut is
 * not NULL, also find the byte length of the longest prefix that fits
 * in max parts (*cut). Returns 0, or -1 for malformed UTF-8.
 */
static int
walk(const char *s, enum sms_coding coding, size_t max, struct sms_cost *c,
    size_t *cut)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 single, part, units = 0, parts = 1, used = 0;
	size_t			 n, u, fit_single = 0, fit_multi = 0;
	uint32_t		 cp;

	single = coding == SMS_GSM7 ? GSM7_SINGLE : UCS2_SINGLE;
	part = coding == SMS_GSM7 ? GSM7_PART : UCS2_PART;
	while (*p != '\0') {
		if ((n = utf8_decode(p, &cp)) == 0)
			return -1;
		u = char_units(coding, cp);
		units += u;
		/* Multi-part filling: a character never straddles parts. */
		if (used + u > part) {
			parts++;
			used = 0;
		}
		used += u;
		p += n;
		if (units <= single)
			fit_single = (size_t)((const char *)p - s);
		if (parts <= max)
			fit_multi = (size_t)((const char *)p - s);
	}
	if (units <= single)
		parts = 1;
	c->coding = coding;
	c->units = units;
	c->segments = parts;
	if (cut != NULL)
		*cut = (units <= single || max <= 1) ? fit_single : fit_multi;
	return 0;
}

/* See sms.h. */
int
sms_cost(const char *s, struct sms_cost *c)
{
	return walk(s, sms_is_gsm7(s) ? SMS_GSM7 : SMS_UCS2, 1, c, NULL);
}

/* See sms.h. */
int
sms_render(const char *tpl, const struct sms_var *vars, size_t nvars,
    struct buf *out)
{
	const char	*p = tpl, *open, *close;
	size_t		 i, len;

	while ((open = strchr(p, '{')) != NULL) {
		if (buf_append(out, p, (size_t)(open - p)) != 0)
			return -1;
		close = strchr(open + 1, '}');
		if (close == NULL)
			break;
		len = (size_t)(close - open - 1);
		for (i = 0; i < nvars; i++)
			if (strlen(vars[i].name) == len &&
			    memcmp(vars[i].name, open + 1, len) == 0)
				break;
		if (i < nvars) {
			if (vars[i].value != NULL &&
			    buf_puts(out, vars[i].value) != 0)
				return -1;
			p = close + 1;
		} else {
			/* Not ours: keep the brace, look again after it. */
			if (buf_append(out, open, 1) != 0)
				return -1;
			p = open + 1;
		}
	}
	if (buf_puts(out, p) != 0)
		return -1;
	if (out->data == NULL && buf_append(out, "", 0) != 0)
		return -1;
	return 0;
}

/* See sms.h. */
int
sms_unknown_placeholder(const char *tpl, const char *const *known,
    char *name, size_t namesz)
{
	const char	*p = tpl, *open, *close;
	size_t		 i, len;

	while ((open = strchr(p, '{')) != NULL &&
	    (close = strchr(open + 1, '}')) != NULL) {
		len = (size_t)(close - open - 1);
		/* "{" then text up to the next "}" with no "{" inside. */
		if (memchr(open + 1, '{', len) != NULL) {
			p = open + 1;
			continue;
		}
		for (i = 0; known[i] != NULL; i++)
			if (strlen(known[i]) == len &&
			    memcmp(known[i], open + 1, len) == 0)
				break;
		if (known[i] == NULL) {
			snprintf(name, namesz, "%.*s", (int)len, open + 1);
			return 1;
		}
		p = close + 1;
	}
	return 0;
}

/* One line of the documents list. */
struct doc {
	const char	*s;
	size_t		 len;
};

/* Split docs into trimmed non-blank lines (at most max). Returns how
 * many. */
static size_t
split_docs(const char *docs, struct doc *d, size_t max)
{
	const char	*p = docs, *e, *a, *b;
	size_t		 n = 0;

	while (p != NULL && *p != '\0' && n < max) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		a = p;
		b = e;
		while (a < b && (*a == ' ' || *a == '\t' || *a == '\r'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' ||
		    b[-1] == '\r'))
			b--;
		if (b > a) {
			d[n].s = a;
			d[n].len = (size_t)(b - a);
			n++;
		}
		p = *e == '\0' ? NULL : e + 1;
	}
	return n;
}

/*
 * Render tpl with vars plus {documents} = the first k of d joined
 * with ", ", followed by more_tpl when k < n. out is reset first.
 * Returns 0 or -1.
 */
static int
render_with_docs(const char *tpl, const struct sms_var *vars, size_t nvars,
    const struct doc *d, size_t n, size_t k, const char *more_tpl,
    struct buf *out)
{
	struct sms_var	 all[32];
	struct buf	 docs = {0}, more = {0};
	char		 count[24];
	size_t		 i, m;
	int		 rc = -1;

	m = nvars < 30 ? nvars : 30;
	memcpy(all, vars, m * sizeof(vars[0]));
	for (i = 0; i < k; i++) {
		if (i > 0 && buf_puts(&docs, ", ") != 0)
			goto out;
		if (buf_append(&docs, d[i].s, d[i].len) != 0)
			goto out;
	}
	if (k < n && more_tpl != NULL) {
		snprintf(count, sizeof(count), "%zu", n - k);
		all[m].name = "count";
		all[m].value = count;
		if (sms_render(more_tpl, all, m + 1, &more) != 0)
			goto out;
		if (k > 0 && buf_puts(&docs, ", ") != 0)
			goto out;
		if (buf_puts(&docs, more.data) != 0)
			goto out;
	}
	all[m].name = "documents";
	all[m].value = docs.data != NULL ? docs.data : "";
	buf_reset(out);
	if (sms_render(tpl, all, m + 1, out) != 0)
		goto out;
	rc = 0;
out:
	buf_free(&docs);
	buf_free(&more);
	return rc;
}

/* See sms.h. */
int
sms_compose(const char *tpl, const struct sms_var *vars, size_t nvars,
    const char *docs, const char *more_tpl, size_t max_segments,
    struct buf *out, struct sms_cost *cost)
{
	struct doc	 d[SMS_MAX_DOCS];
	struct sms_cost	 c;
	size_t		 n, k, cut;

	if (max_segments == 0)
		max_segments = 1;
	n = split_docs(docs != NULL ? docs : "", d, SMS_MAX_DOCS);
	/* The whole list first, then one document fewer at a time. */
	for (k = n + 1; k-- > 0; ) {
		if (render_with_docs(tpl, vars, nvars, d, n, k, more_tpl,
		    out) != 0)
			return -1;
		if (sms_cost(out->data, &c) != 0)
			return -1;
		if (c.segments <= max_segments) {
			if (cost != NULL)
				*cost = c;
			return k < n ? 1 : 0;
		}
	}
	/* Still too long without any document: cut the text. */
	if (walk(out->data, c.coding, max_segments, &c, &cut) != 0)
		return -1;
	out->data[cut] = '\0';
	out->len = cut;
	if (sms_cost(out->data, &c) != 0)
		return -1;
	if (cost != NULL)
		*cost = c;
	return 1;
}

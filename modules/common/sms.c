/*
 * sms.c: GSM 03.38 alphabet detection, folding into it, segment
 * counting and template rendering (see sms.h).
 *
 * Sources: 3GPP TS 23.038 (the default alphabet and its extension
 * table) and TS 23.040 (a concatenated message carries a 6-byte user
 * data header, which leaves 153 septets or 67 UTF-16 units per part).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "sms.h"

#define GSM7_SINGLE	160
#define GSM7_PART	153
#define UCS2_SINGLE	70
#define UCS2_PART	67

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
	case '~': case '|': case 0x20AC: case '\f':
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

/*
 * An empty value leaves no empty list item: when out ends with a comma
 * (or an Arabic comma, U+060C) and spaces, drop them, so that "{site},
 * {address}." with no address reads "Centre." rather than "Centre, .".
 */
static void
drop_separator(struct buf *out)
{
	size_t	 n = out->len;

	while (n > 0 && out->data[n - 1] == ' ')
		n--;
	if (n >= 1 && (out->data[n - 1] == ',' || out->data[n - 1] == ';'))
		n--;
	else if (n >= 2 && (unsigned char)out->data[n - 2] == 0xD8 &&
	    (unsigned char)out->data[n - 1] == 0x8C)
		n -= 2;
	else
		return;
	while (n > 0 && out->data[n - 1] == ' ')
		n--;
	out->len = n;
	out->data[n] = '\0';
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
			if (vars[i].value == NULL || vars[i].value[0] == '\0')
				drop_separator(out);
			else if (buf_puts(out, vars[i].value) != 0)
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


/*
 * Folding into GSM-7. Characters outside the default alphabet that
 * have a plain equivalent in it: typographic punctuation and spaces,
 * Latin letters with accents the alphabet lacks (é è ù ì ò à and the
 * letters of the basic table stay as they are), a few symbols. Sorted
 * by code point (bsearch). Invisible characters (zero-width spaces,
 * joiners, bidi controls, soft hyphen, BOM) fold to nothing.
 * Lower-case ç folds to c: the table's 0x09 is a capital Ç (TS 23.038;
 * some phones show it small, others capital), and "recu" reads better
 * than "reÇu".
 */
static const struct fold {
	uint32_t	 cp;
	const char	*to;
} gsm7_folds[] = {
	{0x0009, " "}, {0x0060, "'"},
	{0x00A0, " "}, {0x00A2, "c"}, {0x00A6, "|"}, {0x00A8, ""},
	{0x00A9, "(c)"}, {0x00AA, "a"}, {0x00AB, "\""}, {0x00AC, "-"},
	{0x00AD, ""}, {0x00AE, "(R)"}, {0x00AF, "-"}, {0x00B0, "o"},
	{0x00B1, "+/-"}, {0x00B2, "2"}, {0x00B3, "3"}, {0x00B4, "'"},
	{0x00B5, "u"}, {0x00B6, ""}, {0x00B7, "."}, {0x00B8, ","},
	{0x00B9, "1"}, {0x00BA, "o"}, {0x00BB, "\""}, {0x00BC, "1/4"},
	{0x00BD, "1/2"}, {0x00BE, "3/4"},
	{0x00C0, "A"}, {0x00C1, "A"}, {0x00C2, "A"}, {0x00C3, "A"},
	{0x00C8, "E"}, {0x00CA, "E"}, {0x00CB, "E"}, {0x00CC, "I"},
	{0x00CD, "I"}, {0x00CE, "I"}, {0x00CF, "I"}, {0x00D0, "D"},
	{0x00D2, "O"}, {0x00D3, "O"}, {0x00D4, "O"}, {0x00D5, "O"},
	{0x00D7, "x"}, {0x00D9, "U"}, {0x00DA, "U"}, {0x00DB, "U"},
	{0x00DD, "Y"}, {0x00DE, "TH"},
	{0x00E1, "a"}, {0x00E2, "a"}, {0x00E3, "a"}, {0x00E7, "c"},
	{0x00EA, "e"}, {0x00EB, "e"}, {0x00ED, "i"}, {0x00EE, "i"},
	{0x00EF, "i"}, {0x00F0, "d"}, {0x00F3, "o"}, {0x00F4, "o"},
	{0x00F5, "o"}, {0x00F7, "/"}, {0x00FA, "u"}, {0x00FB, "u"},
	{0x00FD, "y"}, {0x00FE, "th"}, {0x00FF, "y"},
	{0x0132, "IJ"}, {0x0133, "ij"}, {0x0149, "'n"}, {0x0152, "OE"},
	{0x0153, "oe"},
	{0x02B9, "'"}, {0x02BB, "'"}, {0x02BC, "'"}, {0x02C6, "^"},
	{0x02DC, "~"},
	{0x2000, " "}, {0x2001, " "}, {0x2002, " "}, {0x2003, " "},
	{0x2004, " "}, {0x2005, " "}, {0x2006, " "}, {0x2007, " "},
	{0x2008, " "}, {0x2009, " "}, {0x200A, " "}, {0x200B, ""},
	{0x200C, ""}, {0x200D, ""}, {0x200E, ""}, {0x200F, ""},
	{0x2010, "-"}, {0x2011, "-"}, {0x2012, "-"}, {0x2013, "-"},
	{0x2014, "-"}, {0x2015, "-"}, {0x2018, "'"}, {0x2019, "'"},
	{0x201A, "'"}, {0x201B, "'"}, {0x201C, "\""}, {0x201D, "\""},
	{0x201E, "\""}, {0x201F, "\""}, {0x2022, "-"}, {0x2024, "."},
	{0x2026, "..."}, {0x202A, ""}, {0x202B, ""}, {0x202C, ""},
	{0x202D, ""}, {0x202E, ""}, {0x202F, " "}, {0x2032, "'"},
	{0x2033, "\""}, {0x2039, "'"}, {0x203A, "'"}, {0x2044, "/"},
	{0x205F, " "}, {0x2060, ""}, {0x2066, ""}, {0x2067, ""},
	{0x2068, ""}, {0x2069, ""}, {0x2116, "No"}, {0x2122, "TM"},
	{0x2212, "-"}, {0x3000, " "}, {0xFEFF, ""},
};

/* Latin Extended-A (U+0100-U+017F) without its accents, one letter
 * per code point ('?': in gsm7_folds, which is looked up first). */
static const char latin_ext_a[] =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGg"
    "GgGgHhHhIiIiIiIiIi??JjKkkLlLlLlL"
    "lLlNnNnNn?NnOoOoOo??RrRrRrSsSsSs"
    "SsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

static int
fold_cmp(const void *key, const void *elem)
{
	uint32_t	 cp = *(const uint32_t *)key;
	const struct fold *f = elem;

	return cp < f->cp ? -1 : cp > f->cp;
}

/*
 * Append the GSM-7 fold of cp to out. Returns 1 when appended, 0 when
 * cp has no fold, -1 on allocation failure.
 */
static int
fold_append(struct buf *out, uint32_t cp)
{
	const struct fold *f;

	f = bsearch(&cp, gsm7_folds, sizeof(gsm7_folds) /
	    sizeof(gsm7_folds[0]), sizeof(gsm7_folds[0]), fold_cmp);
	if (f != NULL)
		return buf_puts(out, f->to) == 0 ? 1 : -1;
	/* Combining accents of decomposed text: the letter stays. */
	if (cp >= 0x0300 && cp <= 0x036F)
		return 1;
	if (cp >= 0x0100 && cp <= 0x017F)
		return buf_append(out, &latin_ext_a[cp - 0x0100], 1) == 0 ?
		    1 : -1;
	return 0;
}

/* See sms.h. */
int
sms_fold_gsm7(const char *s, struct buf *out)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 n;
	int			 all = 1, rc;

	buf_reset(out);
	if (buf_append(out, "", 0) != 0)
		return -1;
	while (*p != '\0') {
		if ((n = utf8_decode(p, &cp)) == 0)
			return -1;
		if (gsm7_septets(cp) > 0)
			rc = 0;
		else if ((rc = fold_append(out, cp)) < 0)
			return -1;
		if (rc == 0) {
			if (gsm7_septets(cp) == 0)
				all = 0;
			if (buf_append(out, p, n) != 0)
				return -1;
		}
		p += n;
	}
	return all;
}

/* See sms.h. */
int
sms_finish(const char *s, struct buf *out, struct sms_cost *c)
{
	struct sms_cost	 tmp;
	int		 rc;

	if ((rc = sms_fold_gsm7(s, out)) < 0)
		return -1;
	if (rc == 0) {
		/* Something stays outside GSM-7: UCS-2 anyway, and UCS-2
		 * carries the text as written. */
		buf_reset(out);
		if (buf_puts(out, s) != 0)
			return -1;
	}
	return sms_cost(out->data, c != NULL ? c : &tmp);
}

/* See sms.h. */
int
sms_truncate(struct buf *b, size_t max_segments, struct sms_cost *c)
{
	struct sms_cost	 tmp;
	size_t		 cut;

	if (c == NULL)
		c = &tmp;
	if (max_segments == 0)
		max_segments = 1;
	if (b->data == NULL && buf_append(b, "", 0) != 0)
		return -1;
	if (sms_cost(b->data, c) != 0)
		return -1;
	if (c->segments <= max_segments)
		return 0;
	if (walk(b->data, c->coding, max_segments, c, &cut) != 0)
		return -1;
	b->data[cut] = '\0';
	b->len = cut;
	if (sms_cost(b->data, c) != 0)
		return -1;
	return 1;
}

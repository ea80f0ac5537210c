/*
 * key.c: the person key of the one-active-appointment-per-service rule,
 * one function for every channel (web, call centre, partner API,
 * walk-in), so that the unique key appointment_active sees one person
 * however the name was typed (see booking.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "booking.h"
#include "person.h"

/*
 * The base letters of U+00C0..U+017F (Latin-1 Supplement letters and
 * Latin Extended-A), lower case, NULL where the character is no letter
 * to fold (the signs × and ÷ are kept as they are).
 */
static const char *const latin_fold[0x180 - 0xC0] = {
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* U+00C8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", NULL,
	/* U+00D8 */ "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* U+00E8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", NULL,
	/* U+00F8 */ "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c",
	/* U+0108 */ "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e",
	/* U+0118 */ "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h",
	/* U+0128 */ "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k",
	/* U+0138 */ "k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n",
	/* U+0148 */ "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r",
	/* U+0158 */ "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t",
	/* U+0168 */ "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y",
	/* U+0178 */ "y", "z", "z", "z", "z", "z", "z", "s",
};

/*
 * Decode the UTF-8 sequence at s into *cp. Returns its length (1..4),
 * or 1 with *cp = -1 for a byte that starts no valid sequence.
 */
static size_t
utf8_next(const unsigned char *s, long *cp)
{
	size_t	len, i;
	long	v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		v = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		v = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		v = s[0] & 0x07;
	} else {
		*cp = -1;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = -1;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
}

/* Encode cp (a valid code point) as UTF-8 into out. Returns its length. */
static size_t
utf8_put(long cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Lower case of the Greek and Cyrillic capitals (other scripts have no
 * case, or keep theirs: the key only needs to be stable). */
static long
fold_case(long cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 0x20;
	if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
		return cp + 0x20;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 0x50;
	return cp;
}

/* 1 if cp separates the words of a name. */
static int
is_separator(long cp)
{
	return cp == ' ' || cp == '\t' || cp == '.' || cp == '-' ||
	    cp == '\'' || cp == ',' || cp == 0x2019 /* ’ */ ||
	    cp == 0x2010 || cp == 0x2011 /* hyphens */ || cp == 0xA0;
}

/*
 * Append name folded (see booking.h) to the NUL-terminated out, never
 * past outsz bytes (NUL included): whole characters only.
 */
static void
name_fold(const char *name, char *out, size_t outsz)
{
	const unsigned char	*s = (const unsigned char *)name;
	size_t			 n = strlen(out), len, k;
	int			 sep = 1;
	long			 cp;
	char			 enc[4];
	const char		*rep;

	while (s != NULL && *s != '\0') {
		s += utf8_next(s, &cp);
		if (is_separator(cp)) {
			if (!sep && n + 2 < outsz) {
				out[n++] = ' ';
				sep = 1;
			}
			continue;
		}
		/* Combining marks (accents typed decomposed) go. */
		if (cp >= 0x300 && cp <= 0x36F)
			continue;
		rep = NULL;
		if (cp >= 0xC0 && cp < 0x180)
			rep = latin_fold[cp - 0xC0];
		if (rep != NULL)
			len = strlen(rep);
		else if (cp < 0)
			continue;	/* not UTF-8: dropped */
		else {
			len = utf8_put(fold_case(cp), enc);
			rep = enc;
		}
		if (n + len + 1 > outsz)
			break;
		for (k = 0; k < len; k++)
			out[n++] = rep[k];
		sep = 0;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

/* See booking.h. */
void
booking_person_key(const char *document, const char *phone,
    const char *family, const char *given, char out[BOOKING_KEY_SIZE])
{
	char	doc[PERSON_DOCNO_SIZE];
	size_t	n;

	person_docno_normalise(document, doc);
	if (doc[0] != '\0') {
		snprintf(out, BOOKING_KEY_SIZE, "d:%s", doc);
		return;
	}
	snprintf(out, BOOKING_KEY_SIZE, "p:%.20s:", phone ? phone : "");
	/* The family name takes at most 200 bytes, the rest is given's. */
	name_fold(family, out, 200);
	n = strlen(out);
	out[n++] = '|';
	out[n] = '\0';
	name_fold(given, out, BOOKING_KEY_SIZE);
}

/*
 * phonetic.c: phonetic codes for Latin name tokens. Metaphone (Lawrence
 * Philips, "Hanging on the Metaphone", Computer Language 7(12), 1990),
 * following the rules as Apache commons-codec reads them, and American
 * Soundex (with the H/W rule of the 1880-1920 census instructions).
 * Tested against the commons-codec and jellyfish vectors in
 * tests/unit/test_match_metrics.c.
 */
#include <ctype.h>
#include <string.h>

#include "matchint.h"

#define MP_MAX	128

/* Is position i of w (length n) one of the characters in set? */
static int
at_in(const char *w, size_t n, size_t i, const char *set)
{
	return i < n && w[i] != '\0' && strchr(set, w[i]) != NULL;
}

/* Does w (length n) hold the string lit at position i? */
static int
at_is(const char *w, size_t n, size_t i, const char *lit)
{
	size_t l = strlen(lit);

	return i + l <= n && memcmp(w + i, lit, l) == 0;
}

/* Append c to out (size outsz, length *len) when there is room. */
static void
put(char *out, size_t outsz, size_t *len, char c)
{
	if (*len + 1 < outsz) {
		out[(*len)++] = c;
		out[*len] = '\0';
	}
}

/*
 * Metaphone code of s into out (NUL-terminated, upper case), at most
 * maxlen characters (0: no limit beyond outsz). A one-letter word is
 * its own code. Letters outside A-Z take a place but code nothing.
 */
void
phonetic_metaphone(const char *s, char *out, size_t outsz, size_t maxlen)
{
	char w[MP_MAX + 1];
	size_t n = 0, i, len = 0, start = 0;

	if (outsz == 0)
		return;
	out[0] = '\0';
	if (maxlen == 0 || maxlen >= outsz)
		maxlen = outsz - 1;
	for (i = 0; s[i] != '\0' && n < MP_MAX; i++)
		w[n++] = (char)toupper((unsigned char)s[i]);
	w[n] = '\0';
	if (n == 0)
		return;
	if (n == 1) {
		put(out, outsz, &len, w[0]);
		return;
	}
	/* Initial exceptions: KN GN PN AE WR drop the first letter, WH is W,
	 * X is S. */
	switch (w[0]) {
	case 'K':
	case 'G':
	case 'P':
		if (w[1] == 'N')
			start = 1;
		break;
	case 'A':
		if (w[1] == 'E')
			start = 1;
		break;
	case 'W':
		if (w[1] == 'R')
			start = 1;
		else if (w[1] == 'H') {
			start = 1;
			w[1] = 'W';
		}
		break;
	case 'X':
		w[0] = 'S';
		break;
	default:
		break;
	}
	memmove(w, w + start, n - start + 1);
	n -= start;

	for (i = 0; i < n && len < maxlen; i++) {
		char c = w[i];
		int last = i + 1 == n;

		/* Doubled letters count once, except C. */
		if (c != 'C' && i > 0 && w[i - 1] == c)
			continue;
		switch (c) {
		case 'A': case 'E': case 'I': case 'O': case 'U':
			if (i == 0)
				put(out, outsz, &len, c);
			break;
		case 'B':
			/* Silent in a final MB. */
			if (!(i > 0 && w[i - 1] == 'M' && last))
				put(out, outsz, &len, 'B');
			break;
		case 'C':
			if (i > 0 && w[i - 1] == 'S' && !last &&
			    at_in(w, n, i + 1, "EIY"))
				break;			/* SCI SCE SCY */
			if (at_is(w, n, i, "CIA"))
				put(out, outsz, &len, 'X');
			else if (!last && at_in(w, n, i + 1, "EIY"))
				put(out, outsz, &len, 'S');
			else if (i > 0 && w[i - 1] == 'S' &&
			    at_in(w, n, i + 1, "H"))
				put(out, outsz, &len, 'K');	/* SCH */
			else if (at_in(w, n, i + 1, "H"))
				put(out, outsz, &len, 'X');	/* CH, even CHR */
			else
				put(out, outsz, &len, 'K');
			break;
		case 'D':
			if (i + 2 < n && w[i + 1] == 'G' &&
			    at_in(w, n, i + 2, "EIY")) {
				put(out, outsz, &len, 'J');	/* DGE DGI DGY */
				i += 2;
			} else
				put(out, outsz, &len, 'T');
			break;
		case 'G':
			if (i + 2 == n && w[i + 1] == 'H')
				break;			/* final GH */
			if (i + 2 < n && w[i + 1] == 'H' &&
			    !at_in(w, n, i + 2, "AEIOU"))
				break;			/* GH before a consonant */
			if (i > 0 && at_is(w, n, i, "GN"))
				break;			/* silent G */
			if (!last && at_in(w, n, i + 1, "EIY") &&
			    !(i > 0 && w[i - 1] == 'G'))
				put(out, outsz, &len, 'J');
			else
				put(out, outsz, &len, 'K');
			break;
		case 'H':
			if (last)
				break;
			if (i > 0 && strchr("CSPTG", w[i - 1]) != NULL)
				break;
			if (at_in(w, n, i + 1, "AEIOU"))
				put(out, outsz, &len, 'H');
			break;
		case 'F': case 'J': case 'L': case 'M': case 'N': case 'R':
			put(out, outsz, &len, c);
			break;
		case 'K':
			if (!(i > 0 && w[i - 1] == 'C'))
				put(out, outsz, &len, 'K');
			break;
		case 'P':
			put(out, outsz, &len, at_in(w, n, i + 1, "H") ? 'F' : 'P');
			break;
		case 'Q':
			put(out, outsz, &len, 'K');
			break;
		case 'S':
			if (at_is(w, n, i, "SH") || at_is(w, n, i, "SIO") ||
			    at_is(w, n, i, "SIA"))
				put(out, outsz, &len, 'X');
			else
				put(out, outsz, &len, 'S');
			break;
		case 'T':
			if (at_is(w, n, i, "TIA") || at_is(w, n, i, "TIO"))
				put(out, outsz, &len, 'X');
			else if (at_is(w, n, i, "TCH"))
				;			/* silent */
			else if (at_is(w, n, i, "TH"))
				put(out, outsz, &len, '0');
			else
				put(out, outsz, &len, 'T');
			break;
		case 'V':
			put(out, outsz, &len, 'F');
			break;
		case 'W':
		case 'Y':
			if (!last && at_in(w, n, i + 1, "AEIOU"))
				put(out, outsz, &len, c);
			break;
		case 'X':
			put(out, outsz, &len, 'K');
			put(out, outsz, &len, 'S');
			break;
		case 'Z':
			put(out, outsz, &len, 'S');
			break;
		default:
			break;
		}
	}
	if (len > maxlen)
		out[maxlen] = '\0';
}

/*
 * American Soundex of s into out: the first letter, then the digits of
 * the following consonants, adjacent equal digits once (also across H
 * and W), padded with 0 to four characters. Non-letters are ignored;
 * a word without letters gives "".
 */
void
phonetic_soundex(const char *s, char out[5])
{
	static const char code[] = "01230120022455012623010202";
	size_t len = 0;
	char last = 0;

	out[0] = '\0';
	for (; *s != '\0' && len < 4; s++) {
		int c = toupper((unsigned char)*s);
		char d;

		if (c < 'A' || c > 'Z')
			continue;
		d = code[c - 'A'];
		if (len == 0) {
			out[len++] = (char)c;
			last = d;
			continue;
		}
		if (c == 'H' || c == 'W')
			continue;
		if (d == '0') {
			last = '0';
			continue;
		}
		if (d != last)
			out[len++] = d;
		last = d;
	}
	if (len == 0)
		return;
	while (len < 4)
		out[len++] = '0';
	out[len] = '\0';
}

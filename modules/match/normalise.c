/*
 * normalise.c: names as written (any script, UTF-8) to comparable
 * tokens: a Latin ASCII form (ICU transliteration, one compound
 * transliterator opened once per process and warmed up per script; an
 * ASCII fast path that never calls ICU), a consonant skeleton (so that
 * Latin "Mohammed" and Arabic محمد both give "mhmt"), a Metaphone code,
 * the dictionary's canonical variant, and particles flagged and split
 * (al-Hassan, Abdul Rahman, Abd al-Rahman, عبد الرحمن).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "buf.h"
#include "log.h"
#include "matchint.h"

#ifndef MATCH_DATADIR
#define MATCH_DATADIR "modules/match/data"
#endif

#define VARIANTS_FILE	"name-variants.tsv"
#define RAW_MAX		(MATCH_TOKEN_LEN - 1)	/* bytes of one raw token */
#define U16_MAX		768			/* UTF-16 units after transliteration */

/*
 * Language-specific romanisations first (they give passport-like
 * spellings: Шевченко -> shevchenko, ተስፋየ -> tesfaye), then Any-Latin
 * for every other script, then Latin-ASCII only on what is not ASCII
 * yet (2-3 times faster, same output), then lower case. The leading NFC
 * keeps ICU from reading the first filter as a global one. Facts
 * measured in STACK-FACTS.md ("ICU for names").
 */
static const char trans_id[] =
    "NFC; [:Cyrillic:] Russian-Latin/BGN; [:Armenian:] Armenian-Latin/BGN; "
    "[:Georgian:] Georgian-Latin/BGN; [:Ethiopic:] Ethiopic-Latin/ES3842; "
    "Any-Latin; [:^ASCII:] Latin-ASCII; Lower";

/* One sample per script: each script's rules are built lazily on first
 * use (Chinese ~150 ms), so pay that at start. */
static const char *const warm_up[] = {
	"\xd9\x85\xd8\xad\xd9\x85\xd8\xaf",		/* محمد */
	"\xd0\xa8\xd0\xb5\xd0\xb2",			/* Шев */
	"\xd4\xb1\xd6\x80\xd5\xa1\xd5\xb4",		/* Արամ */
	"\xe1\x83\x92\xe1\x83\x98",			/* გი */
	"\xe1\x8b\xae\xe1\x8a\x93\xe1\x88\xb5",		/* ዮናስ */
	"\xe7\x8e\x8b",					/* 王 */
	"M\xc3\xbcller",				/* Müller */
	"\xce\x95\xce\xbb",				/* Ελ */
	"\xea\xb9\x80",					/* 김 */
	"\xe3\x82\xbf\xe3\x83\xad",			/* タロ */
	"\xe0\xa4\xb0\xe0\xa4\xbe\xe0\xa4\xae",		/* राम */
};

struct match_ctx {
	UTransliterator	*trans;
	struct variants	*variants;
};

/* The dictionary of the open context, for match_common_name(). */
static const struct variants *current_variants;

/*
 * Decode one code point of valid UTF-8 at s into *cp. Returns its
 * length in bytes (1..4).
 */
static size_t
utf8_next(const char *s, UChar32 *cp)
{
	const unsigned char *p = (const unsigned char *)s;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] < 0xe0) {
		*cp = ((p[0] & 0x1f) << 6) | (p[1] & 0x3f);
		return 2;
	}
	if (p[0] < 0xf0) {
		*cp = ((p[0] & 0x0f) << 12) | ((p[1] & 0x3f) << 6) |
		    (p[2] & 0x3f);
		return 3;
	}
	*cp = ((p[0] & 0x07) << 18) | ((p[1] & 0x3f) << 12) |
	    ((p[2] & 0x3f) << 6) | (p[3] & 0x3f);
	return 4;
}

/* Append code point cp as UTF-8 to out (size outsz, length *len) if it
 * fits whole. Returns 1 if appended, 0 if not. */
static int
utf8_put(char *out, size_t outsz, size_t *len, UChar32 cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	if (*len + n + 1 > outsz)
		return 0;
	memcpy(out + *len, b, n);
	*len += n;
	out[*len] = '\0';
	return 1;
}

/*
 * Formatted text into dst (dstsz > 0 bytes). When it does not fit, the
 * cut is moved back to the start of the last whole UTF-8 sequence.
 */
void
match_fmt(char *dst, size_t dstsz, const char *fmt, ...)
{
	va_list ap;
	int n;
	size_t len;

	if (dstsz == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(dst, dstsz, fmt, ap);
	va_end(ap);
	if (n < 0) {
		dst[0] = '\0';
		return;
	}
	if ((size_t)n < dstsz)
		return;
	len = strlen(dst);
	/* Drop a trailing partial sequence: back to its lead byte, then
	 * keep it only if it is complete. */
	if (len > 0 && ((unsigned char)dst[len - 1] & 0x80)) {
		size_t lead = len - 1, need;
		unsigned char c;

		while (lead > 0 && ((unsigned char)dst[lead] & 0xc0) == 0x80)
			lead--;
		c = (unsigned char)dst[lead];
		need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		if (len - lead < need)
			dst[lead] = '\0';
	}
}

/*
 * Fold Arabic-script text (see matchint.h): أ إ آ ٱ -> ا, ة -> ه,
 * ى ی ئ -> ي, ؤ -> و, ک -> ك, harakat / tatweel / ZWNJ dropped; and
 * the letters of Pashto that ICU's Any-Latin does not know (it drops
 * them: ګل read "l") to the Persian or Arabic letter Dari writes for the
 * same sound in the same names (Pashto alphabet, ISO 233-3 / the
 * Afghan Academy's tables): ګ -> گ (وردګ, منګل), ټ -> ت, ډ -> د,
 * ړ -> ر (کاکړ, کونړ), ښ -> ش (ښینواری / شینواری), ځ -> ز
 * (ځدراڼ / زدران), څ -> س (ts, romanised "s" as Dari writes it), ڼ -> ن,
 * ې ۍ -> ي (ملالۍ, احمدزۍ / احمدزی). Folding changes the keys of the
 * Pashto records stored before it: `havre-admin persons rekey`.
 */
void
match_fold_arabic(const char *in, char *out, size_t outsz)
{
	size_t len = 0;

	if (outsz == 0)
		return;
	out[0] = '\0';
	while (*in != '\0') {
		UChar32 cp;

		in += utf8_next(in, &cp);
		switch (cp) {
		case 0x0623: case 0x0625: case 0x0622: case 0x0671:
			cp = 0x0627;
			break;
		case 0x0629:
			cp = 0x0647;
			break;
		case 0x0649: case 0x06cc: case 0x0626:
			cp = 0x064a;
			break;
		case 0x0624:
			cp = 0x0648;
			break;
		case 0x06a9:
			cp = 0x0643;
			break;
		case 0x06ab:			/* Pashto gaf with ring */
			cp = 0x06af;
			break;
		case 0x067c:			/* Pashto tteh */
			cp = 0x062a;
			break;
		case 0x0689:			/* Pashto ddal */
			cp = 0x062f;
			break;
		case 0x0693:			/* Pashto rreh */
			cp = 0x0631;
			break;
		case 0x069a:			/* Pashto sheen (x̌) */
			cp = 0x0634;
			break;
		case 0x0681:			/* Pashto dze */
			cp = 0x0632;
			break;
		case 0x0685:			/* Pashto tse */
			cp = 0x0633;
			break;
		case 0x06bc:			/* Pashto nnoon */
			cp = 0x0646;
			break;
		case 0x06d0: case 0x06cd:	/* Pashto e, ay */
			cp = 0x064a;
			break;
		default:
			break;
		}
		if ((cp >= 0x064b && cp <= 0x065f) || cp == 0x0670 ||
		    cp == 0x0640 || cp == 0x200c || cp == 0x200d)
			continue;
		if (!utf8_put(out, outsz, &len, cp))
			break;
	}
}

/*
 * Consonant skeleton of a lower-case ASCII Latin form: digraphs to one
 * letter (kh k, gh j, sh s, ch s, th t, dh t, ph f, zh j, ck k; tch and
 * tsch as ch: French and German spellings of Slavic names), letters
 * of one sound class merged (c q k; g j; z s; d t; p b; v f; x ks),
 * vowels dropped (w and y too, except at the start: Arabic writes long
 * vowels with و and ي), repeated consonants once (Arabic does not write
 * the shadda), a final h dropped (ة, -ah). "mohammed", "mehmet" and
 * محمد ("mhmd") all give "mhmt"; "abdullah" and عبدالله give "btl".
 */
void
match_skeleton(const char *latin, char *out, size_t outsz)
{
	size_t i, len = 0;

	if (outsz == 0)
		return;
	out[0] = '\0';
	for (i = 0; latin[i] != '\0'; i++) {
		char c = latin[i], n = latin[i + 1], m = 0, m2 = 0;

		if (n == 'h' && strchr("kgscdtpz", c) != NULL) {
			static const char from[] = "kgscdtpz";
			static const char to[] = "kjssttfj";

			m = to[strchr(from, c) - from];
			i++;
		} else if (c == 'c' && n == 'k') {
			m = 'k';
			i++;
		} else {
			switch (c) {
			case 'a': case 'e': case 'i': case 'o': case 'u':
				continue;
			case 't':
				/* tch, tsch: the ch of French and German
				 * spelling (Chevtchenko, Schewtschenko) */
				if ((n == 'c' && latin[i + 2] == 'h') ||
				    (n == 's' && latin[i + 2] == 'c' &&
				    latin[i + 3] == 'h'))
					continue;
				m = c;
				break;
			case 'w': case 'y':
				if (i > 0)
					continue;
				m = c;
				break;
			case 'c': case 'q': case 'k':
				m = 'k';
				break;
			case 'g': case 'j':
				m = 'j';
				break;
			case 'z':
				m = 's';
				break;
			case 'd':
				m = 't';
				break;
			case 'p':
				m = 'b';
				break;
			case 'v':
				m = 'f';
				break;
			case 'x':
				m = 'k';
				m2 = 's';
				break;
			default:
				if (!isalnum((unsigned char)c))
					continue;
				m = c;
				break;
			}
		}
		if (len > 0 && out[len - 1] == m && m2 == 0)
			continue;
		if (len + 1 < outsz)
			out[len++] = m;
		if (m2 != 0 && len + 1 < outsz)
			out[len++] = m2;
		out[len] = '\0';
	}
	if (len > 1 && out[len - 1] == 'h')
		out[--len] = '\0';
}

/* Is c a Latin vowel? */
static int
latin_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Add skeleton sk to out[*n] unless it is empty, the token's own or
 * already there. */
static void
alt_add(const struct name_token *t, char out[][MATCH_TOKEN_LEN], size_t *n,
    const char *sk)
{
	size_t i;

	if (sk[0] == '\0' || *n >= MATCH_ALT_MAX ||
	    strcmp(sk, t->skeleton) == 0)
		return;
	for (i = 0; i < *n; i++)
		if (strcmp(out[i], sk) == 0)
			return;
	match_fmt(out[(*n)++], MATCH_TOKEN_LEN, "%s", sk);
}

/* The length of t's Latin form before a Pashto -zai (see ALT_TRIBE
 * below), or 0 when it has none. */
static size_t
tribe_stem(const struct name_token *t)
{
	static const char *const latin[] = { "zai", "zay", "zei", "zey",
	    "zoi", "zoy" };
	size_t	len = strlen(t->latin), i;

	if (t->script != MATCH_SCRIPT_LATIN)
		return len >= 6 && strcmp(t->latin + len - 2, "zy") == 0 ?
		    len - 2 : 0;
	for (i = 0; len >= 7 && i < sizeof(latin) / sizeof(latin[0]); i++)
		if (strcmp(t->latin + len - 3, latin[i]) == 0)
			return len - 3;
	return 0;
}

/* See matchint.h. */
int
match_tribe_skeleton(const struct name_token *t, char out[MATCH_TOKEN_LEN])
{
	char	stem[MATCH_TOKEN_LEN];
	size_t	k;

	if (t->particle || (k = tribe_stem(t)) == 0)
		return 0;
	match_fmt(stem, sizeof(stem), "%.*s", (int)k, t->latin);
	match_skeleton(stem, out, MATCH_TOKEN_LEN);
	return out[0] != '\0';
}

/*
 * A Latin form with its long vowels written once: Somali writes them
 * twice (Cabdullaahi, Xaliimo, Hodaan), the dictionary lists the usual
 * spellings; ee is left alone (English spelling writes i with it:
 * Sameer is Samir, Samer another name). Returns 1 if out differs from
 * latin (out then holds the single form), else 0.
 */
static int
long_vowels_single(const char *latin, char *out, size_t outsz)
{
	size_t	i, n = 0;
	int	changed = 0;

	for (i = 0; latin[i] != '\0' && n + 1 < outsz; i++) {
		if (i > 0 && latin[i] == latin[i - 1] &&
		    strchr("aiou", latin[i]) != NULL) {
			changed = 1;
			continue;
		}
		out[n++] = latin[i];
	}
	out[n] = '\0';
	return changed;
}

/*
 * The other consonant skeletons of token t, for the spellings one
 * skeleton cannot bring together (issue 14: known persons missed in a
 * register of common names, tests/bench/identity):
 * - Somali orthography (ALT_SOMALI): x is ḥ (Xasan, Hasan) and c is
 *   ʿayn (Cabdi, Abdi), which other spellings write h and nothing: a
 *   Latin token starting with x, or with an x or a c before a vowel
 *   and a long vowel written twice (Xasan, Faarax, Ismaaciil; the
 *   commonest such names, Maxamed, Cali and Cumar, are in the
 *   dictionary; Alex, Maxwell, Carlos or Lucas stay as they are:
 *   splink's fake_20000 lost F1 to Alex and Max), also has the
 *   skeleton with x as h and c dropped. Stored too, since a query in
 *   the usual spelling cannot guess where a record wrote x;
 * - an Arabic article glued outside the dictionary (ALT_ARTICLE):
 *   "Almadaj" / "Al-Madaj", "Alsadah" / السدح: a Latin al + at least
 *   three letters also has the skeleton of the rest (the other way,
 *   article then name, keys.c glues the two; not el: Elena and Lena
 *   are two names);
 * - w and v (ALT_W_V), one letter romanised two ways: Persian و
 *   (Javad / Jawad, Davood / Dawood, Parviz / Parwiz), Slavic в in
 *   German and Polish spelling (Iwan / Ivan, Pawel / Pavel, Шевченко /
 *   Schewtschenko): a Latin or Cyrillic token holding w or v (read
 *   Latin) also has the skeleton with each w read v and
 *   each v read w (the skeleton keeps w only at the start and makes v
 *   an f, so Iwan gives "n" and Ivan "fn"). Queries and the scorer
 *   only: a record's keys are not multiplied for it;
 * - a long vowel or ʿayn before w/y (ALT_AYN_W; the scorer asks for
 *   it across scripts only: "Awad" and "Wadi" are two names): the
 *   skeleton keeps w
 *   and y only at the start, so "Awad" gives "t" and عوض (read "wd",
 *   the ʿayn unwritten in Latin) "wt": a Latin token whose first
 *   consonant is w or y after vowels also has the skeleton keeping it,
 *   and a token of another script starting with w or y the skeleton
 *   without it;
 * - a Pashto tribal name with and without its -zai (ALT_TRIBE): one
 *   family is written Popalzai and Popal, Barakzai and Barak, in one
 *   register and on one person's papers (not where the dictionary
 *   knows the two apart: Ahmadzai, Ahmad): a token whose Latin form
 *   ends in zai, zay, zei, zey, zoi or zoy (زی read zy in another
 *   script) after at least four letters also has the skeleton of
 *   those letters. Stored too, since a query of the short form cannot
 *   guess the suffix.
 * Returns how many were written in out (none equal to t->skeleton).
 */
size_t
match_alt_skeletons(const struct name_token *t, int which,
    char out[][MATCH_TOKEN_LEN])
{
	char buf[MATCH_TOKEN_LEN], sk[MATCH_TOKEN_LEN];
	const char *l = t->latin;
	size_t n = 0, i, k = 0, len = strlen(l);
	int somali = 0;

	if (t->particle || len == 0)
		return 0;
	if ((which & ALT_SOMALI) && t->script == MATCH_SCRIPT_LATIN) {
		int xc = l[0] == 'x', twice = 0;

		for (i = 0; i < len; i++) {
			if (l[i] == 'x' || (l[i] == 'c' && latin_vowel(l[i + 1])))
				xc = 1;
			if (latin_vowel(l[i]) && l[i + 1] == l[i])
				twice = 1;
		}
		somali = xc && (twice || l[0] == 'x');
		if (somali) {
			for (i = 0; i < len && k + 1 < sizeof(buf); i++) {
				if (l[i] == 'x')
					buf[k++] = 'h';
				else if (l[i] != 'c' || l[i + 1] == 'h')
					buf[k++] = l[i];
			}
			buf[k] = '\0';
			match_skeleton(buf, sk, sizeof(sk));
			alt_add(t, out, &n, sk);
		}
	}
	if ((which & ALT_ARTICLE) && t->script == MATCH_SCRIPT_LATIN &&
	    len >= 5 && l[0] == 'a' && l[1] == 'l') {
		match_skeleton(l + 2, sk, sizeof(sk));
		alt_add(t, out, &n, sk);
	}
	if ((which & ALT_W_V) && (t->script == MATCH_SCRIPT_LATIN ||
	    t->script == MATCH_SCRIPT_CYRILLIC) && strpbrk(l, "wv") != NULL) {
		for (i = 0, k = 0; i < len && k + 1 < sizeof(buf); i++)
			buf[k++] = l[i] == 'w' ? 'v' : l[i] == 'v' ? 'w' : l[i];
		buf[k] = '\0';
		match_skeleton(buf, sk, sizeof(sk));
		alt_add(t, out, &n, sk);
	}
	if ((which & ALT_TRIBE) && match_tribe_skeleton(t, sk))
		alt_add(t, out, &n, sk);
	if (!(which & ALT_AYN_W))
		return n;
	if (t->script == MATCH_SCRIPT_LATIN) {
		for (i = 0; i < len && latin_vowel(l[i]); i++)
			;
		if (i > 0 && (l[i] == 'w' || l[i] == 'y')) {
			match_skeleton(l + i, sk, sizeof(sk));
			alt_add(t, out, &n, sk);
		}
	} else if (len >= 2 && (l[0] == 'w' || l[0] == 'y')) {
		match_skeleton(l + 1, sk, sizeof(sk));
		alt_add(t, out, &n, sk);
	}
	return n;
}

/* Map an ICU script code to a MATCH_SCRIPT_*. */
static int
script_of(UChar32 cp)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(cp, &st);

	switch (sc) {
	case USCRIPT_LATIN:
		return MATCH_SCRIPT_LATIN;
	case USCRIPT_ARABIC:
		return MATCH_SCRIPT_ARABIC;
	case USCRIPT_CYRILLIC:
		return MATCH_SCRIPT_CYRILLIC;
	case USCRIPT_ARMENIAN:
		return MATCH_SCRIPT_ARMENIAN;
	case USCRIPT_GEORGIAN:
		return MATCH_SCRIPT_GEORGIAN;
	case USCRIPT_ETHIOPIC:
		return MATCH_SCRIPT_ETHIOPIC;
	case USCRIPT_HAN:
		return MATCH_SCRIPT_HAN;
	default:
		return MATCH_SCRIPT_OTHER;
	}
}

/*
 * Transliterate UTF-8 text to lower-case ASCII letters and digits in
 * out (MATCH_TOKEN_LEN bytes); spaces ICU puts between syllables of a
 * Chinese name are dropped. Returns 0, or -1 if ICU failed (out "").
 */
static int
transliterate(struct match_ctx *ctx, const char *in, char *out)
{
	UChar u[U16_MAX];
	char o[3 * U16_MAX + 1];
	int32_t ulen = 0, limit, olen = 0, i;
	size_t n = 0;
	UErrorCode st = U_ZERO_ERROR;

	out[0] = '\0';
	u_strFromUTF8(u, U16_MAX, &ulen, in, -1, &st);
	if (U_FAILURE(st))
		return -1;
	limit = ulen;
	utrans_transUChars(ctx->trans, u, &ulen, U16_MAX, 0, &limit, &st);
	if (U_FAILURE(st))
		return -1;
	u_strToUTF8(o, sizeof(o), &olen, u, ulen, &st);
	if (U_FAILURE(st))
		return -1;
	for (i = 0; i < olen && n + 1 < MATCH_TOKEN_LEN; i++) {
		char c = o[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[n++] = c;
		else if (c >= 'A' && c <= 'Z')
			out[n++] = (char)(c - 'A' + 'a');
	}
	out[n] = '\0';
	return 0;
}

/* Lower-case UTF-8 text with ICU (root locale) into out (outsz bytes,
 * cut at a code point). */
static void
lower_utf8(const char *in, char *out, size_t outsz)
{
	UChar u[U16_MAX], l[U16_MAX];
	int32_t ulen = 0, llen, olen = 0;
	UErrorCode st = U_ZERO_ERROR;

	snprintf(out, outsz, "%s", in);
	u_strFromUTF8(u, U16_MAX, &ulen, in, -1, &st);
	if (U_FAILURE(st))
		return;
	llen = u_strToLower(l, U16_MAX, u, ulen, "", &st);
	if (U_FAILURE(st))
		return;
	u_strToUTF8(out, (int32_t)outsz, &olen, l, llen, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		snprintf(out, outsz, "%s", in);
}

/* Fill the derived fields of a token whose written, latin, script and
 * particle fields are set: skeleton, phonetic code, variant. */
static void
derive(struct match_ctx *ctx, struct name_token *t)
{
	struct variant_hit hit;
	char single[MATCH_TOKEN_LEN];

	match_skeleton(t->latin, t->skeleton, sizeof(t->skeleton));
	phonetic_metaphone(t->latin, t->phonetic, sizeof(t->phonetic), 8);
	t->variant[0] = '\0';
	if ((t->script != MATCH_SCRIPT_LATIN &&
	    variants_find(ctx->variants, t->written, &hit)) ||
	    variants_find(ctx->variants, t->latin, &hit) ||
	    (long_vowels_single(t->latin, single, sizeof(single)) &&
	    variants_find(ctx->variants, single, &hit)))
		snprintf(t->variant, sizeof(t->variant), "%s", hit.canonical);
}

/* Next free token of nm, or NULL when full. */
static struct name_token *
next_token(struct name *nm)
{
	struct name_token *t;

	if (nm->n >= MATCH_MAX_TOKENS)
		return NULL;
	t = &nm->t[nm->n];
	memset(t, 0, sizeof(*t));
	return t;
}

/* Add a Latin token: written and latin are the same ASCII text. */
static void
add_latin(struct match_ctx *ctx, struct name *nm, const char *written,
    size_t wlen, const char *latin, size_t llen, int particle)
{
	struct name_token *t = next_token(nm);

	if (t == NULL || llen == 0)
		return;
	if (wlen >= sizeof(t->written))
		wlen = sizeof(t->written) - 1;
	if (llen >= sizeof(t->latin))
		llen = sizeof(t->latin) - 1;
	memcpy(t->written, written, wlen);
	memcpy(t->latin, latin, llen);
	t->script = MATCH_SCRIPT_LATIN;
	t->particle = particle;
	derive(ctx, t);
	nm->n++;
}

/*
 * Split a Latin compound: Abdulrahman / Abdurrahman / Abdel-Kader as
 * abd + al + name (but Abdullah and Abdallah stay whole), and
 * al/el + a dictionary name (Alhassan). Returns 1 if it added the
 * parts, 0 if the token is not such a compound.
 */
static int
split_latin(struct match_ctx *ctx, struct name *nm, const char *w,
    const char *l)
{
	static const char *const abd_al[] = { "abdul", "abdel", "abdal",
	    "abdoul", "abdol", "abdil", NULL };
	static const char *const abd_sun[] = { "abdur", "abder", "abdar",
	    "abdus", "abdes", "abdun", "abden", NULL };
	static const char *const allah[] = { "lah", "la", "llah", "lahi",
	    "lahi", "ah", NULL };
	struct variant_hit hit;
	char rest[MATCH_TOKEN_LEN];
	size_t i, plen, llen = strlen(l);

	/* "Abdul Rahman": the first part alone is abd + the article. */
	for (i = 0; abd_al[i] != NULL; i++)
		if (strcmp(l, abd_al[i]) == 0)
			goto abd_alone;
	for (i = 0; abd_sun[i] != NULL; i++)
		if (strcmp(l, abd_sun[i]) == 0)
			goto abd_alone;
	for (i = 0; abd_al[i] != NULL; i++) {
		plen = strlen(abd_al[i]);
		if (llen >= plen + 3 && strncmp(l, abd_al[i], plen) == 0)
			goto abd;
	}
	for (i = 0; abd_sun[i] != NULL; i++) {
		plen = strlen(abd_sun[i]);
		if (llen >= plen + 3 && strncmp(l, abd_sun[i], plen) == 0) {
			/* abdurrahman and abdurahman: the sun letter once */
			if (l[plen] == l[plen - 1])
				snprintf(rest, sizeof(rest), "%s", l + plen);
			else
				snprintf(rest, sizeof(rest), "%c%s",
				    l[plen - 1], l + plen);
			goto split;
		}
	}
	if ((strncmp(l, "al", 2) == 0 || strncmp(l, "el", 2) == 0) &&
	    llen >= 5 && variants_find(ctx->variants, l + 2, &hit) &&
	    !variants_find(ctx->variants, l, &hit)) {
		add_latin(ctx, nm, w, 2, l, 2, PARTICLE_ARTICLE);
		add_latin(ctx, nm, w + 2, strlen(w + 2), l + 2, llen - 2,
		    PARTICLE_NONE);
		return 1;
	}
	return 0;
abd:
	snprintf(rest, sizeof(rest), "%s", l + plen);
	for (i = 0; allah[i] != NULL; i++)
		if (strcmp(rest, allah[i]) == 0)
			return 0;
	goto split;
abd_alone:
	add_latin(ctx, nm, "abd", 3, "abd", 3, PARTICLE_NONE);
	add_latin(ctx, nm, "al", 2, "al", 2, PARTICLE_ARTICLE);
	return 1;
split:
	add_latin(ctx, nm, "abd", 3, "abd", 3, PARTICLE_NONE);
	add_latin(ctx, nm, "al", 2, "al", 2, PARTICLE_ARTICLE);
	add_latin(ctx, nm, rest, strlen(rest), rest, strlen(rest),
	    PARTICLE_NONE);
	return 1;
}

/* The fast path: a token of ASCII bytes only. */
static void
token_ascii(struct match_ctx *ctx, struct name *nm, const char *raw,
    size_t rlen, int hyphen)
{
	char w[MATCH_TOKEN_LEN], l[MATCH_TOKEN_LEN];
	size_t i, wl = 0, ll = 0;

	for (i = 0; i < rlen && wl + 1 < sizeof(w); i++) {
		char c = (char)tolower((unsigned char)raw[i]);

		w[wl++] = c;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			l[ll++] = c;
	}
	w[wl] = '\0';
	l[ll] = '\0';
	if (ll == 0)
		return;
	if (split_latin(ctx, nm, w, l))
		return;
	add_latin(ctx, nm, w, wl, l, ll, particle_latin(l, hyphen));
}

/* Add a token in a non-Latin script (or Latin with diacritics) whose
 * written form is already folded / lower-cased. */
static void
add_native(struct match_ctx *ctx, struct name *nm, const char *written,
    int script, int particle)
{
	struct name_token *t = next_token(nm);

	if (t == NULL)
		return;
	snprintf(t->written, sizeof(t->written), "%s", written);
	if (transliterate(ctx, written, t->latin) == -1 || t->latin[0] == '\0')
		return;
	t->script = script;
	t->particle = particle;
	if (script == MATCH_SCRIPT_LATIN && !particle)
		t->particle = particle_latin(t->latin, 0);
	derive(ctx, t);
	nm->n++;
}

/* ال at the start of folded Arabic text. */
#define AR_AL		"\xd8\xa7\xd9\x84"
/* عبد */
#define AR_ABD		"\xd8\xb9\xd8\xa8\xd8\xaf"
/* له (the end of عبدالله) */
#define AR_LH		"\xd9\x84\xd9\x87"

/*
 * Does raw (as written) begin with ال that is not the article? The
 * article is written with a bare alef; أل and إل (إلهام Ilham, إلياس
 * Ilyas, ألطاف Altaf) are a name's own letters, which the fold makes
 * look alike. Persian writes a few such names with a bare alef too
 * (folded forms, whole tokens): الهام Elham, الناز Elnaz, الهه
 * Elaheh, الياس Elyas, الماس Almas, الطاف Altaf.
 */
static int
al_is_name(const char *raw, const char *folded)
{
	static const char *const names[] = {
		"\xd8\xa7\xd9\x84\xd9\x87\xd8\xa7\xd9\x85",	/* الهام */
		"\xd8\xa7\xd9\x84\xd9\x86\xd8\xa7\xd8\xb2",	/* الناز */
		"\xd8\xa7\xd9\x84\xd9\x87\xd9\x87",		/* الهه */
		"\xd8\xa7\xd9\x84\xd9\x8a\xd8\xa7\xd8\xb3",	/* الياس */
		"\xd8\xa7\xd9\x84\xd9\x85\xd8\xa7\xd8\xb3",	/* الماس */
		"\xd8\xa7\xd9\x84\xd8\xb7\xd8\xa7\xd9\x81",	/* الطاف */
	};
	size_t i;

	if (strncmp(raw, "\xd8\xa3\xd9\x84", 4) == 0 ||	/* أل */
	    strncmp(raw, "\xd8\xa5\xd9\x84", 4) == 0)	/* إل */
		return 1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(folded, names[i]) == 0)
			return 1;
	return 0;
}

/*
 * An Arabic-script token: folded, then split when it carries the
 * article (الحسن -> ال + حسن; not a name's own ال, al_is_name) or is
 * a compound with عبد (عبدالرحمن -> عبد + ال + رحمن; عبدالله stays
 * whole).
 */
static void
token_arabic(struct match_ctx *ctx, struct name *nm, const char *raw)
{
	char f[MATCH_TOKEN_LEN];
	const char *rest;

	match_fold_arabic(raw, f, sizeof(f));
	if (f[0] == '\0')
		return;
	if (al_is_name(raw, f)) {
		add_native(ctx, nm, f, MATCH_SCRIPT_ARABIC, 0);
		return;
	}
	if (strncmp(f, AR_ABD AR_AL, strlen(AR_ABD AR_AL)) == 0) {
		rest = f + strlen(AR_ABD AR_AL);
		if (utf8_len(rest) >= 2 && strcmp(rest, AR_LH) != 0) {
			add_native(ctx, nm, AR_ABD, MATCH_SCRIPT_ARABIC, 0);
			add_native(ctx, nm, AR_AL, MATCH_SCRIPT_ARABIC,
			    PARTICLE_ARTICLE);
			add_native(ctx, nm, rest, MATCH_SCRIPT_ARABIC, 0);
			return;
		}
	}
	if (strncmp(f, AR_AL, strlen(AR_AL)) == 0 &&
	    utf8_len(f + strlen(AR_AL)) >= 2 &&
	    strcmp(f + strlen(AR_AL), AR_LH) != 0) {
		add_native(ctx, nm, AR_AL, MATCH_SCRIPT_ARABIC,
		    PARTICLE_ARTICLE);
		add_native(ctx, nm, f + strlen(AR_AL), MATCH_SCRIPT_ARABIC, 0);
		return;
	}
	add_native(ctx, nm, f, MATCH_SCRIPT_ARABIC, particle_arabic(f));
}

/* NFKC of UTF-8 text into out (outsz bytes): Arabic presentation
 * forms, full-width Latin and compatibility letters become ordinary
 * letters. On failure out is a copy of in. */
static void
nfkc(const char *in, char *out, size_t outsz)
{
	UChar u[U16_MAX], v[U16_MAX];
	int32_t ulen = 0, vlen, olen = 0;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFKCInstance(&st);

	match_fmt(out, outsz, "%s", in);
	if (U_FAILURE(st))
		return;
	u_strFromUTF8(u, U16_MAX, &ulen, in, -1, &st);
	if (U_FAILURE(st))
		return;
	vlen = unorm2_normalize(n2, u, ulen, v, U16_MAX, &st);
	if (U_FAILURE(st))
		return;
	u_strToUTF8(out, (int32_t)outsz, &olen, v, vlen, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		match_fmt(out, outsz, "%s", in);
}

/* A token with non-ASCII bytes: Arabic, another script, or Latin with
 * diacritics. */
static void
token_native(struct match_ctx *ctx, struct name *nm, const char *in)
{
	char low[MATCH_TOKEN_LEN], raw[MATCH_TOKEN_LEN];
	const char *p = raw;
	int script = MATCH_SCRIPT_OTHER;

	nfkc(in, raw, sizeof(raw));

	while (*p != '\0') {
		UChar32 cp;

		p += utf8_next(p, &cp);
		if (u_isalpha(cp)) {
			script = script_of(cp);
			break;
		}
	}
	if (script == MATCH_SCRIPT_ARABIC) {
		token_arabic(ctx, nm, raw);
		return;
	}
	lower_utf8(raw, low, sizeof(low));
	add_native(ctx, nm, low, script, 0);
}

/* Is cp a token separator? */
static int
is_separator(UChar32 cp)
{
	switch (cp) {
	case ' ': case '\t': case '\n': case '\r': case '-': case ',':
	case '.': case '/': case '(': case ')': case '_': case ';': case ':':
	case '"': case '&': case '+': case '[': case ']':
	case 0x00a0: case 0x060c: case 0x3000: case 0x30fb: case 0x2010:
	case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
		return 1;
	default:
		return u_isUWhiteSpace(cp);
	}
}

/* Is cp dropped inside a token (apostrophes, ʿayn and hamza signs,
 * middle dot, zero-width characters, marks)? */
static int
is_dropped(UChar32 cp)
{
	switch (cp) {
	case '\'': case '`': case 0x00b4: case 0x2018: case 0x2019:
	case 0x02bc: case 0x02bb: case 0x02bf: case 0x02be: case 0x00b7:
	case 0x200b: case 0x200c: case 0x200d: case 0x200e: case 0x200f:
	case 0xfeff:
		return 1;
	default:
		return 0;
	}
}

/*
 * Normalise a name as written into tokens (see match.h). Returns 0, or
 * -1 if written is not valid UTF-8 (nm is then empty).
 */
int
match_name(struct match_ctx *ctx, const char *written, struct name *nm)
{
	char raw[RAW_MAX + 1];
	size_t rlen = 0, i;
	int ascii = 1, nparticles = 0;
	const char *p = written;

	nm->n = 0;
	if (written == NULL)
		return 0;
	if (!utf8_valid(written, strlen(written)))
		return -1;
	for (;;) {
		UChar32 cp = 0;
		size_t step = 0;

		if (*p != '\0')
			step = utf8_next(p, &cp);
		if (*p == '\0' || is_separator(cp)) {
			if (rlen > 0) {
				raw[rlen] = '\0';
				if (ascii)
					token_ascii(ctx, nm, raw, rlen,
					    cp == '-' || cp == 0x2010 ||
					    cp == 0x2011);
				else
					token_native(ctx, nm, raw);
			}
			rlen = 0;
			ascii = 1;
			if (*p == '\0' || nm->n >= MATCH_MAX_TOKENS)
				break;
			p += step;
			continue;
		}
		if (!is_dropped(cp) && rlen + step <= RAW_MAX) {
			memcpy(raw + rlen, p, step);
			rlen += step;
			if (cp >= 0x80)
				ascii = 0;
		}
		p += step;
	}
	/* A name made of particles only (Vietnamese "Le", Chinese "Di")
	 * is a name. */
	for (i = 0; i < nm->n; i++)
		if (nm->t[i].particle)
			nparticles++;
	if ((size_t)nparticles == nm->n)
		for (i = 0; i < nm->n; i++)
			nm->t[i].particle = PARTICLE_NONE;
	return 0;
}

/* 1 if canonical is flagged common in the open dictionary, else 0. */
int
match_common_name(const char *canonical)
{
	if (current_variants == NULL || canonical == NULL ||
	    canonical[0] == '\0')
		return 0;
	return variants_is_common(current_variants, canonical);
}

/*
 * Open the matcher (see match.h): the transliterator, warmed up on one
 * sample per script, and the dictionary datadir/name-variants.tsv
 * (datadir NULL: MATCH_DATADIR). Returns NULL on failure (logged).
 */
struct match_ctx *
match_open(const char *datadir)
{
	struct match_ctx *ctx = NULL;
	UChar id[sizeof(trans_id)];
	UParseError pe;
	UErrorCode st = U_ZERO_ERROR;
	char path[1024], out[MATCH_TOKEN_LEN];
	size_t i;
	int32_t idlen = 0;
	int ok = 0;

	if (datadir == NULL || datadir[0] == '\0')
		datadir = MATCH_DATADIR;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", datadir,
	    VARIANTS_FILE) >= sizeof(path)) {
		log_err("match: data path too long");
		goto out;
	}
	if ((ctx = calloc(1, sizeof(*ctx))) == NULL)
		goto out;
	u_strFromUTF8(id, (int32_t)(sizeof(id) / sizeof(id[0])), &idlen,
	    trans_id, -1, &st);
	if (U_SUCCESS(st))
		ctx->trans = utrans_openU(id, idlen, UTRANS_FORWARD, NULL, 0,
		    &pe, &st);
	if (U_FAILURE(st) || ctx->trans == NULL) {
		log_err("match: cannot open the transliterator: %s",
		    u_errorName(st));
		goto out;
	}
	for (i = 0; i < sizeof(warm_up) / sizeof(warm_up[0]); i++)
		(void)transliterate(ctx, warm_up[i], out);
	if (variants_load(path, &ctx->variants) == -1)
		goto out;
	current_variants = ctx->variants;
	ok = 1;
out:
	if (!ok)
		match_close(&ctx);
	return ctx;
}

/* Close the matcher; NULL-safe; *ctxp becomes NULL. */
void
match_close(struct match_ctx **ctxp)
{
	struct match_ctx *ctx;

	if (ctxp == NULL || (ctx = *ctxp) == NULL)
		return;
	if (current_variants == ctx->variants)
		current_variants = NULL;
	if (ctx->trans != NULL)
		utrans_close(ctx->trans);
	variants_free(&ctx->variants);
	free(ctx);
	*ctxp = NULL;
}

/*
 * keys.c: blocking keys. A person is stored with a small set of short
 * ASCII keys (person_name_key); a query computes its own set and the
 * candidates are the persons sharing at least one key, fetched by
 * indexed look-ups, then scored by score.c. Keys are chosen so that the
 * same person written in another spelling or script shares at least
 * one (skeletons and dictionary variants are script-independent), while
 * each key stays selective (a name part alone is too common in a large
 * register, so it is combined with the birth year or another part).
 *
 * Stored keys (match_keys), for the first MAX_NAME_PARTS content
 * tokens of family then given names (particles skipped):
 *   d:NUMBER       each document number
 *   t:+E164        each phone
 *   s:SKEL         each part's consonant skeleton ("_latin" if none)
 *   v:CANON        each part's dictionary variant, when it has one
 *   ys:SKEL:YYYY   skeleton + birth year, when the year is known
 *   yv:CANON:YYYY  variant + birth year
 *   b:YYYY-MM-DD   the full birth date (not a 1 January placeholder)
 *   n:ID|ID        each pair of parts (ID = sSKEL, and vCANON when the
 *                  part has a variant), sorted, so swapped family and
 *                  given names give the same key
 *   a:LET|LET      each pair of parts by their sorted letters (letters
 *                  scrambled: rHrry sonJ / Harry Jones), sorted
 *   yd:SKEL:D      skeleton + the last digit of the birth year (a
 *                  mistyped decade: 1976 / 1986; on splink's fake_20000
 *                  these two keys raise the share of true pairs found
 *                  from 0.78 to 0.86 for 2.2 times the pairs compared)
 *   and for a part written in Somali orthography (Xasiib, Faarax:
 *   normalise.c's match_alt_skeletons), its other skeleton (Hasib) in
 *   ys: and n: keys as well (not s:, which count names' frequencies).
 *
 * Query keys (match_query_keys): d:, t:, n:, a:, yd: as stored, and
 * ys:, n:, s: for each part's other skeletons too (all the rules of
 * match_alt_skeletons, and an article written apart glued to the name
 * after it): "Almadaj" finds "Al-Madaj", "Awad" finds عوض, and the
 * other way round [issue 14: the known persons' spelling and script
 * queries of tests/bench/identity's skewed register]; b: as
 * stored and with day and month swapped; ys:/yv: for the year before,
 * the year and the year after; s:/v: only when the query has neither
 * two name parts nor a year (otherwise they would fetch whole
 * populations of a common name). A caller may still skip a key
 * that matches too many rows (a LIMIT per key).
 *
 * Look-up keys (match_lookup_keys): the query keys and s:/v: for every
 * name part, always: an agent's look-up lists whoever carries a name
 * typed, even beside a word nobody carries; the caller reads a block
 * only when it is small (identity's search sizes each block first).
 */
#include <stdio.h>
#include <string.h>

#include "matchint.h"

#define MAX_NAME_PARTS	4
#define MAX_ALT		(MATCH_ALT_MAX + 1)	/* match_alt_skeletons + glued */

/* Letters of a Latin form sorted (an anagram's key: ropeC, Cooper). */
static void
sorted_letters(const char *latin, char *out, size_t outsz)
{
	int count[26] = { 0 };
	size_t i, k = 0;
	int c;

	for (i = 0; latin[i] != '\0'; i++)
		if (latin[i] >= 'a' && latin[i] <= 'z')
			count[latin[i] - 'a']++;
	for (c = 0; c < 26; c++)
		for (; count[c] > 0 && k + 1 < outsz; count[c]--)
			out[k++] = (char)('a' + c);
	out[k] = '\0';
}

struct keyset {
	char	(*keys)[MATCH_KEY_LEN];
	size_t	 n, max;
};

/* Add a key unless already present or the set is full. */
static void
key_add(struct keyset *ks, const char *fmt_a, const char *a, const char *b)
{
	char k[MATCH_KEY_LEN];
	size_t i;

	if (ks->n >= ks->max)
		return;
	if (b != NULL)
		match_fmt(k, sizeof(k), "%s%s%s", fmt_a, a, b);
	else
		match_fmt(k, sizeof(k), "%s%s", fmt_a, a);
	for (i = 0; i < ks->n; i++)
		if (strcmp(ks->keys[i], k) == 0)
			return;
	memcpy(ks->keys[ks->n++], k, sizeof(k));
}

/* Identifier of a token part: its skeleton, or "_" + Latin form. */
static void
skel_id(const struct name_token *t, char *out, size_t outsz)
{
	if (t->skeleton[0] != '\0')
		match_fmt(out, outsz, "%s", t->skeleton);
	else
		match_fmt(out, outsz, "_%s", t->latin);
}

/* Collect up to MAX_NAME_PARTS distinct content tokens of p. */
static size_t
name_parts(const struct match_person *p, const struct name_token **out)
{
	const struct name *names[2] = { &p->family, &p->given };
	size_t i, j, k, n = 0;

	for (i = 0; i < 2; i++)
		for (j = 0; j < names[i]->n && n < MAX_NAME_PARTS; j++) {
			const struct name_token *t = &names[i]->t[j];

			if (t->particle || t->latin[0] == '\0')
				continue;
			for (k = 0; k < n; k++)
				if (strcmp(out[k]->latin, t->latin) == 0)
					break;
			if (k == n)
				out[n++] = t;
		}
	return n;
}

/*
 * The other skeletons of parts[0..np) (match_alt_skeletons, which:
 * ALT_STORED for a stored record, ALT_ALL for a query) into alt[i],
 * nalt[i] of them, each "s" + skeleton as ids are. A query also glues
 * an article written apart to the name after it ("Al-Madaj", ال + سدح:
 * the skeletons of "almadaj" and "alsdh"), as a record may hold it
 * glued ("Almadaj", "Alsadah"); the other way is match_alt_skeletons'
 * own.
 */
static void
alt_ids(const struct match_person *p, const struct name_token **parts,
    size_t np, int which, char alt[][MAX_ALT][MATCH_KEY_LEN], size_t *nalt)
{
	const struct name *names[2] = { &p->family, &p->given };
	char sk[MATCH_ALT_MAX][MATCH_TOKEN_LEN], glued[2 * MATCH_TOKEN_LEN];
	char gsk[MATCH_TOKEN_LEN];
	size_t i, j, k, n;

	for (i = 0; i < np; i++) {
		n = match_alt_skeletons(parts[i], which, sk);
		for (k = 0, nalt[i] = 0; k < n; k++)
			match_fmt(alt[i][nalt[i]++], MATCH_KEY_LEN, "s%s",
			    sk[k]);
	}
	if (!(which & ALT_ARTICLE))
		return;
	for (i = 0; i < 2; i++)
		for (j = 1; j < names[i]->n; j++) {
			const struct name_token *a = &names[i]->t[j - 1];

			if (a->particle != PARTICLE_ARTICLE)
				continue;
			for (k = 0; k < np && parts[k] != &names[i]->t[j]; k++)
				;
			if (k == np || nalt[k] >= MAX_ALT)
				continue;
			match_fmt(glued, sizeof(glued), "%s%s", a->latin,
			    names[i]->t[j].latin);
			match_skeleton(glued, gsk, sizeof(gsk));
			if (strcmp(gsk, parts[k]->skeleton) != 0)
				match_fmt(alt[k][nalt[k]++], MATCH_KEY_LEN,
				    "s%s", gsk);
		}
}

/* Add the pair key of ids x and y, sorted. */
static void
pair_add(struct keyset *ks, const char *x, const char *y)
{
	char both[MATCH_KEY_LEN];

	if (strcmp(x, y) == 0)
		return;
	if (strcmp(x, y) < 0)
		match_fmt(both, sizeof(both), "%s|%s", x, y);
	else
		match_fmt(both, sizeof(both), "%s|%s", y, x);
	key_add(ks, "n:", both, NULL);
}

/* What keys_of computes. */
enum keys_for {
	KEYS_STORED,	/* the stored set */
	KEYS_QUERY,	/* years around the birth year; name-only keys
			   only when nothing more selective exists */
	KEYS_LOOKUP,	/* KEYS_QUERY and name-only keys always */
};

/* The keys of p into ks, for what (enum keys_for). */
static void
keys_of(const struct match_person *p, struct keyset *ks, enum keys_for what)
{
	const struct name_token *parts[MAX_NAME_PARTS];
	char ids[MAX_NAME_PARTS][2][MATCH_KEY_LEN], year[16];
	char alt[MAX_NAME_PARTS][MAX_ALT][MATCH_KEY_LEN];
	char tribe[MATCH_TOKEN_LEN];
	size_t nalt[MAX_NAME_PARTS], k;
	char la[MATCH_KEY_LEN], lb[MATCH_KEY_LEN], both[MATCH_KEY_LEN];
	size_t np = name_parts(p, parts), i, j, a, b;
	int y, y0 = 0, y1 = -1, query = what != KEYS_STORED;
	int have_year = p->birth.precision != DATE_UNKNOWN && p->birth.year > 0;

	for (i = 0; i < p->ndocs; i++)
		if (p->docs[i][0] != '\0')
			key_add(ks, "d:", p->docs[i], NULL);
	for (i = 0; i < p->nphones; i++)
		if (p->phones[i][0] != '\0')
			key_add(ks, "t:", p->phones[i], NULL);
	for (i = 0; i < np; i++) {
		ids[i][0][0] = 's';
		skel_id(parts[i], ids[i][0] + 1, sizeof(ids[i][0]) - 1);
		ids[i][1][0] = '\0';
		if (parts[i]->variant[0] != '\0')
			match_fmt(ids[i][1], sizeof(ids[i][1]), "v%s",
			    parts[i]->variant);
	}
	alt_ids(p, parts, np, query ? ALT_ALL : ALT_STORED, alt, nalt);
	for (a = 0; a < np; a++)
		for (b = a + 1; b < np; b++) {
			pair_add(ks, ids[a][0], ids[b][0]);
			if (ids[a][1][0] != '\0' || ids[b][1][0] != '\0')
				pair_add(ks, ids[a][1][0] ? ids[a][1] :
				    ids[a][0], ids[b][1][0] ? ids[b][1] :
				    ids[b][0]);
		}
	if (have_year) {
		y0 = query ? p->birth.year - 1 : p->birth.year;
		y1 = query ? p->birth.year + 1 : p->birth.year;
		for (y = y0; y <= y1; y++) {
			snprintf(year, sizeof(year), ":%d", y);
			for (i = 0; i < np; i++) {
				key_add(ks, "ys:", ids[i][0] + 1, year);
				if (ids[i][1][0] != '\0')
					key_add(ks, "yv:", ids[i][1] + 1,
					    year);
			}
		}
	}
	/* The full birth date alone (about 35 persons a day in a register
	 * of a million); not for the 1 January placeholder, which would
	 * gather a large share of the register. A query also looks up the
	 * date with day and month swapped. */
	if (p->birth.precision == DATE_DAY &&
	    !(p->birth.month == 1 && p->birth.day == 1)) {
		match_fmt(year, sizeof(year), "%04d-%02d-%02d", p->birth.year,
		    p->birth.month, p->birth.day);
		key_add(ks, "b:", year, NULL);
		if (query && p->birth.day <= 12 &&
		    p->birth.day != p->birth.month) {
			match_fmt(year, sizeof(year), "%04d-%02d-%02d",
			    p->birth.year, p->birth.day, p->birth.month);
			key_add(ks, "b:", year, NULL);
		}
	}
	/* Letters scrambled (rHrry sonJ / Harry Jones): each pair of
	 * parts by their sorted letters. */
	for (a = 0; a < np; a++)
		for (b = a + 1; b < np; b++) {
			sorted_letters(parts[a]->latin, la, sizeof(la));
			sorted_letters(parts[b]->latin, lb, sizeof(lb));
			if (la[0] == '\0' || lb[0] == '\0' ||
			    strcmp(la, lb) == 0)
				continue;
			if (strcmp(la, lb) < 0)
				match_fmt(both, sizeof(both), "%s|%s", la, lb);
			else
				match_fmt(both, sizeof(both), "%s|%s", lb, la);
			key_add(ks, "a:", both, NULL);
		}
	/* A mistyped decade (1976 / 1986): each part with the last digit
	 * of the year. */
	if (have_year)
		for (i = 0; i < np; i++) {
			snprintf(year, sizeof(year), ":%d",
			    p->birth.year % 10);
			key_add(ks, "yd:", ids[i][0] + 1, year);
		}
	/* The other skeletons last, so that a long name's cannot crowd
	 * out the keys above (MATCH_MAX_KEYS): with the year, and paired
	 * with the other parts' own and other skeletons. */
	if (have_year)
		for (y = y0; y <= y1; y++) {
			snprintf(year, sizeof(year), ":%d", y);
			for (i = 0; i < np; i++)
				for (k = 0; k < nalt[i]; k++)
					key_add(ks, "ys:", alt[i][k] + 1,
					    year);
		}
	for (a = 0; a < np; a++)
		for (b = 0; b < np; b++) {
			for (k = 0; b != a && k < nalt[a]; k++)
				pair_add(ks, alt[a][k], ids[b][0]);
			for (k = 0; b > a && k < nalt[a]; k++)
				for (j = 0; j < nalt[b]; j++)
					pair_add(ks, alt[a][k], alt[b][j]);
		}
	if (what == KEYS_QUERY && (np >= 2 || have_year))
		return;
	for (j = 0; j < np; j++) {
		key_add(ks, "s:", ids[j][0] + 1, NULL);
		if (ids[j][1][0] != '\0')
			key_add(ks, "v:", ids[j][1] + 1, NULL);
		/* Not stored: s: rows count a name's frequency (score.c),
		 * which a second skeleton would blur (splink's fake_20000
		 * lost F1 0.0002 to it); but a tribal name's stem is
		 * stored, so that the short name typed alone lists it
		 * ("Popal": Popalzai), and counts it as one more carrier
		 * of that family name, which it is. */
		for (k = 0; query && k < nalt[j]; k++)
			key_add(ks, "s:", alt[j][k] + 1, NULL);
		if (!query && match_tribe_skeleton(parts[j], tribe))
			key_add(ks, "s:", tribe, NULL);
	}
}

/* Stored blocking keys of p (see the top of this file and match.h).
 * Returns the number written (<= max). */
size_t
match_keys(const struct match_person *p, char keys[][MATCH_KEY_LEN],
    size_t max)
{
	struct keyset ks = { keys, 0, max };

	keys_of(p, &ks, KEYS_STORED);
	return ks.n;
}

/* Keys a query looks up (see the top of this file). Returns the number
 * written (<= max). */
size_t
match_query_keys(const struct match_person *p, char keys[][MATCH_KEY_LEN],
    size_t max)
{
	struct keyset ks = { keys, 0, max };

	keys_of(p, &ks, KEYS_QUERY);
	return ks.n;
}

/* Keys an agent's look-up reads (see the top of this file). Returns
 * the number written (<= max). */
size_t
match_lookup_keys(const struct match_person *p, char keys[][MATCH_KEY_LEN],
    size_t max)
{
	struct keyset ks = { keys, 0, max };

	keys_of(p, &ks, KEYS_LOOKUP);
	return ks.n;
}

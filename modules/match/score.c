/*
 * score.c: the pairwise score of a candidate against a query, with a
 * per-field explanation. Each field adds a weight in the spirit of
 * Fellegi-Sunter (a log2 likelihood ratio: positive when the fields
 * agree, negative when they disagree, 0 when one side is unknown); the
 * total decides the class and is mapped to a 0..1 score for display.
 * Every threshold and weight is in the table below, with its origin.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matchint.h"

/*
 * THE TABLE. Origins:
 * - [FS] a Fellegi-Sunter starting value: log2(m/u) with m the share
 *   of true pairs agreeing and u the share of random pairs agreeing
 *   (u for a surname ~1/1000, for a full birth date ~1/20000, for sex
 *   1/2); disagreement log2((1-m)/(1-u)). The date levels were checked
 *   against m/u counted on the even-numbered clusters of splink's
 *   fake_20000 (true pairs vs 400,000 random pairs, levels as below):
 *   same date m 0.41 u 0.00006 (log2 12.8, capped at 9 [CASE]); one
 *   digit m 0.09 u 0.0014 (6.1); at most 40 days m 0.13 u 0.0035 (5.2);
 *   ten years apart with a near day m 0.16 u 0.0063 (4.7); further
 *   apart m 0.01 u 0.88 (-6.5).
 * - [F1k] tuned by hand on splink's fake_1000 (tests/bench/identity,
 *   maximising pairwise F1 of "probable or above").
 * - [F20e] tuned by coordinate search (one entry at a time, a few steps
 *   each, kept when F1 rose by 0.0005) on the even-numbered clusters
 *   of fake_20000 with splink's city as the birthplace and name
 *   frequencies from the file (quality -D -p -s even -w name=value),
 *   then reported on the odd-numbered clusters, which were never used
 *   for tuning: F1 0.848 tuned half / 0.847 held-out half (without
 *   frequencies 0.834 / 0.833).
 * - [G20e] grouping (group.c), chosen on the even-numbered clusters of
 *   fake_20000 (names, birth date, city as birthplace, frequencies from
 *   the file) over a grid of edge 0.55-0.70 and average 0.35-0.50:
 *   F1 of the pairs within groups 0.905-0.909 for edges 0.55-0.70 at
 *   average 0.45, so the edge is the probable line itself (0.70: a
 *   group starts from a probable pair; two records alone are reported
 *   only when probable); odd clusters, never used: 0.926; the whole
 *   file 0.907 (precision 0.936, recall 0.881), against 0.839 for the
 *   probable pairs alone. Plain transitive closure of the probable
 *   pairs chains 935,553 pairs (precision 0.03).
 * - [CASE] chosen so that a case the issue names comes out right (two
 *   different persons sharing a common name are never "certain").
 * - [ISS14] from issue 14 (registers of very common names): set so that
 *   namesakes stop reaching "probable", checked with fake_20000's F1
 *   (figures beside each entry) and tests/bench/identity's skewed
 *   register.
 * Figures at these values (quality -D; names and birth date / with
 *   splink's city as birthplace; with name frequencies from the file,
 *   then without): fake_1000 F1 0.921 / 0.941, without 0.910 / 0.930;
 *   fake_20000 F1 0.771 / 0.822 (precision 0.87, recall 0.78),
 *   without 0.733 / 0.799; blocking finds 86% of its true pairs
 *   (518,720 pairs compared); without the records that have no name
 *   (the import rejects them), as the bench now counts: pairs alone
 *   0.790 / 0.839, grouped 0.856 / 0.907, without frequencies grouped
 *   0.816 / 0.878; blocking finds 89%. With the [ISS14] entries
 *   (date_year_apart_full, tf_common, parents by frequency, dates
 *   years apart): with the city, grouped 0.902 (precision 0.943,
 *   recall 0.864). Before the frequencies, the date levels
 *   and the a:/yd: keys: fake_1000 0.902 / 0.937, fake_20000 0.695 /
 *   0.738 (78% found, 237,732 pairs compared).
 *   What is left: fake_20000 draws its records from a few thousand
 *   first names and surnames, many persons share name and birth year,
 *   and many records keep one scrambled name and a date moved by days
 *   or a decade; splink separates those with the e-mail column, which a
 *   person record here lacks (and the benchmark does not use).
 */
static struct {
	/* token similarity per kind of agreement (the bar an agent sees) */
	double	sim_same;	/* 1.00 identical Latin form */
	double	sim_variant;	/* 0.95 one dictionary name [CASE] */
	double	sim_translit;	/* 0.92 other script, same name */
	double	sim_skeleton;	/* 0.88 same consonants, other vowels [F1k] */
	double	sim_phonetic;	/* 0.85 same Metaphone code [F1k] */
	double	sim_translit_near;	/* 0.78 other script, skeletons 1 edit apart */
	double	sim_anagram;	/* 0.78 letters scrambled (ropeC / Cooper) [F1k] */
	/* 0.85 the same skeleton once another orthography is allowed for
	 * (match_alt_skeletons: Somali x/c, an article glued, ʿayn before
	 * w): as sure as a phonetic code [ISS14] */
	double	sim_alt;
	double	sim_prefix;	/* 0.72 Rob / Robert [F1k] */
	double	sim_initial;	/* 0.55 R / Robert */
	double	typo_jw;	/* 0.88 Jaro-Winkler at least this is a typo [F1k] */
	double	typo_floor;	/* 0.80 a 1-edit typo scores at least this */
	/* a field's similarity below this is a disagreement [F1k] */
	double	sim_agree_min;
	/* names (family, given: weights at full agreement and full
	 * disagreement) [FS] then [F1k] */
	double	family_agree, family_disagree;
	double	given_agree, given_disagree;	/* [F20e] */
	double	swapped_penalty;	/* family/given swapped [F1k] */
	/* a record without a family name whose given names hold the
	 * query's given and family names, in that order (a fifth of
	 * Afghan records: "Wali Wali" with no family name for a query
	 * Wali / Wali): the extra part read as the family name costs
	 * what an extra part costs (extra_token_penalty) [CASE] */
	double	given_as_family_penalty;
	double	common_factor;	/* a common name's agreement counts this much [CASE] */
	double	extra_token_penalty;	/* per unmatched extra name part [F1k] */
	/* birth date [FS] then [F1k] */
	double	date_same;		/* same full date (u ~ 1/20000, capped) */
	double	date_swapped;		/* day and month swapped */
	double	date_one_part;		/* same year, one of month/day differs [F20e] */
	double	date_year_typo;		/* month and day same, year 1 apart */
	double	date_digit_typo;	/* one digit differs (2006 / 2016) */
	double	date_partial;		/* partial dates compatible (year-only) */
	double	date_same_year;		/* same year, month and day differ [F20e] */
	double	date_near;		/* at most near_days apart [FS] [F20e] */
	double	date_decade;		/* 10 years apart, month-day near [FS] */
	double	date_year_apart;	/* one year apart [F20e] */
	/* full dates one year apart, day and month differing too: more
	 * than a typing error explains [ISS14]; -1 with tf_common -2 and
	 * score_dates_apart: fake_20000 grouped F1 0.902 (-1.5 0.901, -3
	 * 0.895); year_apart stays for a partial side */
	double	date_year_apart_full;
	double	date_different;		/* further apart [FS] [F20e] */
	/* documents, phones */
	double	doc_equal;		/* same normalised number: strong [FS] */
	double	doc_different;		/* both have documents, none equal */
	double	phone_equal;
	double	phone_different;
	/* sex, nationality, parents */
	double	sex_same, sex_different;
	double	nat_same, nat_different;
	/* a parent's name [FS]: disagreement log2((1 - m) / (1 - u)) with
	 * m 0.95 (a parent's name is kept, spellings aside) and u 0.02
	 * (a father's name from a region's common names): -4.3, rounded */
	double	parent_agree, parent_disagree;
	double	place_agree, place_disagree;	/* birthplace [F20e] */
	/* dates: "near" is at most this many days apart [F20e] */
	double	near_days;
	/* term frequency (only with match_set_frequency): a name agreeing
	 * weighs agree + tf_scale * log2(avg / count), avg = tf_share *
	 * total but at least tf_min_count, the adjustment kept within
	 * [-tf_down, tf_up]; count: persons carrying the rarest agreeing
	 * part [FS]: tf_share is the share of an average name in a register
	 * (the 9 of family_agree is log2 of 1/500); tf_min_count keeps a
	 * small register (fake_1000) from calling every name common */
	double	tf_share, tf_scale, tf_down, tf_up;
	double	tf_min_count;	/* the average name's count at least this */
	/* a name is common when its tf_adjust is at most this (-2: carried
	 * by 4 times the average name or more, 0.8 % of the register; in
	 * a register of several regions, a region's top names carry about
	 * that); records agreeing on common names only are at most
	 * possible [ISS14]: on fake_20000 the grouped F1 is 0.902 at -2
	 * (0.903 at -3, 0.899 at -1, 0.894 for every name); on the skewed
	 * register of 200,000, absent persons answered probable 0.26 at
	 * -2, 0.29 at -3 */
	double	tf_common;
	/* classes on the total weight [F1k], probable [F20e], [CASE] */
	double	class_possible, class_probable, class_certain;
	/* probable when no name frequencies are supplied [F20e] */
	double	class_probable_nofreq;
	/* grouping (group.c) [G20e]: pairs scoring at least group_edge
	 * are taken best first; two groups join when the mean score of
	 * every pair across them is at least group_avg, up to group_max
	 * records (a person is rarely recorded more than a dozen times;
	 * the bound keeps a merge at most group_max^2 scores) */
	double	group_edge, group_avg, group_max;
	/* prior odds [FS]: the classes were set on registers of about
	 * prior_base persons (fake_20000); in a register N times larger
	 * two records sharing a block are about N times less likely to be
	 * one person (Fellegi-Sunter's prior, splink's lambda), so with
	 * name frequencies the total is lowered by log2(N / prior_base)
	 * bits (never raised) */
	double	prior_base;
	/* the prior's bits are multiplied by this (match_set_prior_scale)
	 * [ISS14]: 1, the plain Fellegi-Sunter correction, for the
	 * duplicate pass among a register's records; a search for one
	 * person, who may well be absent, sets more: the names' weights
	 * add as if names were independent, which registers of one
	 * region break, and the best of many namesakes looks good by
	 * chance. On the skewed register of 200,000, absent persons
	 * answered probable: 0.26 at 1, 0.16 at 1.5, 0.06 at 2, 0.015 at
	 * 2.5, recall@1 0.92-0.93 throughout; at 1,000,000 scale 2 also
	 * in the duplicate pass cut its recall from 0.91 to 0.75. No
	 * effect below prior_base (fake_20000 unchanged). */
	double	prior_scale;
} W = {
	.sim_same = 1.00, .sim_variant = 0.95, .sim_translit = 0.92,
	.sim_skeleton = 0.88, .sim_phonetic = 0.85, .sim_translit_near = 0.78,
	.sim_anagram = 0.78, .sim_alt = 0.85, .sim_prefix = 0.72, .sim_initial = 0.55,
	.typo_jw = 0.88, .typo_floor = 0.80,
	.sim_agree_min = 0.70,
	.family_agree = 9.0, .family_disagree = -5.0,
	.given_agree = 9.0, .given_disagree = -6.0,
	.swapped_penalty = 1.0, .given_as_family_penalty = 0.5,
	.common_factor = 0.6,
	.extra_token_penalty = 0.5,
	.date_same = 9.0, .date_swapped = 6.0, .date_one_part = 3.0,
	.date_year_typo = 4.0, .date_digit_typo = 2.0, .date_partial = 3.0,
	.date_same_year = -2.0,
	.date_near = 3.0, .date_decade = 2.0,
	.date_year_apart = 0.0, .date_year_apart_full = -1.0,
	.date_different = -6.5,
	.doc_equal = 14.0, .doc_different = -2.0,
	.phone_equal = 7.0, .phone_different = -0.5,
	.sex_same = 0.3, .sex_different = -4.0,
	.nat_same = 0.8, .nat_different = -1.5,
	.parent_agree = 3.0, .parent_disagree = -4.0,
	.place_agree = 3.0, .place_disagree = -4.0,
	.near_days = 40,
	.tf_share = 0.002, .tf_scale = 1.0, .tf_down = 4.0, .tf_up = 3.0,
	.tf_min_count = 5.0, .tf_common = -2.0,
	.class_possible = 6.0, .class_probable = 8.5, .class_certain = 22.0,
	.class_probable_nofreq = 10.5,
	.group_edge = 0.70, .group_avg = 0.45, .group_max = 40,
	.prior_base = 20000, .prior_scale = 1.0,
};

/* The table's entries by name, for match_weight_set(). */
#define WENT(f)	{ #f, &W.f }
static const struct {
	const char	*name;
	double		*v;
} wnames[] = {
	WENT(sim_same), WENT(sim_variant), WENT(sim_translit),
	WENT(sim_skeleton), WENT(sim_phonetic), WENT(sim_translit_near),
	WENT(sim_anagram), WENT(sim_alt), WENT(sim_prefix), WENT(sim_initial),
	WENT(typo_jw), WENT(typo_floor), WENT(sim_agree_min),
	WENT(family_agree), WENT(family_disagree), WENT(given_agree),
	WENT(given_disagree), WENT(swapped_penalty),
	WENT(given_as_family_penalty), WENT(common_factor),
	WENT(extra_token_penalty), WENT(date_same), WENT(date_swapped),
	WENT(date_one_part), WENT(date_year_typo), WENT(date_digit_typo),
	WENT(date_partial), WENT(date_same_year), WENT(date_near),
	WENT(date_decade), WENT(date_year_apart), WENT(date_year_apart_full),
	WENT(date_different),
	WENT(doc_equal), WENT(doc_different), WENT(phone_equal),
	WENT(phone_different), WENT(sex_same), WENT(sex_different),
	WENT(nat_same), WENT(nat_different), WENT(parent_agree),
	WENT(parent_disagree), WENT(place_agree), WENT(place_disagree),
	WENT(near_days), WENT(tf_share), WENT(tf_scale), WENT(tf_down),
	WENT(tf_up), WENT(tf_min_count), WENT(tf_common), WENT(class_possible),
	WENT(class_probable), WENT(class_certain),
	WENT(class_probable_nofreq), WENT(group_edge), WENT(group_avg),
	WENT(group_max), WENT(prior_base), WENT(prior_scale),
};

/* Set the table's entry name to v (benchmarks tune with it). Returns
 * 0, or -1 when there is no such entry. */
int
match_weight_set(const char *name, double v)
{
	size_t i;

	for (i = 0; i < sizeof(wnames) / sizeof(wnames[0]); i++)
		if (strcmp(wnames[i].name, name) == 0) {
			*wnames[i].v = v;
			return 0;
		}
	return -1;
}

/* match_group's thresholds (matchint.h). */
void
match_group_limits(double *edge, double *avg, double *max)
{
	*edge = W.group_edge;
	*avg = W.group_avg;
	*max = W.group_max;
}

/* The name frequency source (match_set_frequency), process-wide like
 * the dictionary: NULL when none. */
static match_freq_fn	 freq_fn;
static void		*freq_arg;
static long		 freq_total;

/* See match.h. */
void
match_set_prior_scale(double scale)
{
	W.prior_scale = scale > 0 ? scale : 1.0;
}

/* Install or remove (fn NULL) the name frequency source (match.h). */
void
match_set_frequency(match_freq_fn fn, void *arg, long total)
{
	freq_fn = total > 0 ? fn : NULL;
	freq_arg = arg;
	freq_total = total;
}

/* log2(x) for x > 0, to about 1e-6 (without libm, which the programs
 * linking libmatch do not all take): halve or double into [1, 2), then
 * ln(m) = 2 atanh((m - 1) / (m + 1)) by its series. */
static double
lg2(double x)
{
	double e = 0.0, z, z2, term, sum = 0.0;
	int k;

	if (x <= 0.0)
		return -64.0;
	while (x >= 2.0) {
		x /= 2.0;
		e += 1.0;
	}
	while (x < 1.0) {
		x *= 2.0;
		e -= 1.0;
	}
	z = (x - 1.0) / (x + 1.0);
	z2 = z * z;
	term = z;
	for (k = 1; k < 30; k += 2) {
		sum += term / k;
		term *= z2;
	}
	return e + 2.0 * sum / 0.69314718055994531;
}

/* Token t's stored key "s:SKELETON" (keys.c) into key, the one a name
 * frequency is asked of; 0, or -1 for a token without Latin form. */
static int
token_freq_key(const struct name_token *t, char key[MATCH_KEY_LEN])
{
	if (t->latin[0] == '\0')
		return -1;
	if (t->skeleton[0] != '\0')
		match_fmt(key, MATCH_KEY_LEN, "s:%s", t->skeleton);
	else
		match_fmt(key, MATCH_KEY_LEN, "s:_%s", t->latin);
	return 0;
}

/* Persons carrying token t's stored key "s:SKELETON" (keys.c), or -1
 * when no source is installed or it does not know. */
static long
token_freq(const struct name_token *t)
{
	char key[MATCH_KEY_LEN];

	if (freq_fn == NULL || token_freq_key(t, key) != 0)
		return -1;
	return freq_fn(key, freq_arg);
}

/* See match.h. */
size_t
match_freq_keys(const struct match_person *p, char keys[][MATCH_KEY_LEN],
    size_t max)
{
	const struct name	*nm[] = {&p->family, &p->given, &p->father,
		&p->mother, &p->birthplace};
	char			 key[MATCH_KEY_LEN];
	size_t			 i, j, k, n = 0;

	for (i = 0; i < sizeof(nm) / sizeof(nm[0]); i++)
		for (j = 0; j < nm[i]->n && n < max; j++) {
			if (token_freq_key(&nm[i]->t[j], key) != 0)
				continue;
			for (k = 0; k < n && strcmp(keys[k], key) != 0; k++)
				;
			if (k == n)
				memcpy(keys[n++], key, MATCH_KEY_LEN);
		}
	return n;
}

/* Display form of a token: written, first ASCII letter upper-cased. */
static void
display(const struct name_token *t, char *out, size_t outsz)
{
	match_fmt(out, outsz, "%s", t->written);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

/* Are a and b made of the same letters, but for at most one letter
 * more or less (letters scrambled further than Damerau-Levenshtein
 * sees: ropeC / Cooper)? */
static int
same_letters(const char *a, const char *b)
{
	int count[256] = { 0 }, diff = 0;
	size_t i;

	for (i = 0; a[i] != '\0'; i++)
		count[(unsigned char)a[i]]++;
	for (i = 0; b[i] != '\0'; i++)
		count[(unsigned char)b[i]]--;
	for (i = 0; i < 256; i++)
		diff += count[i] < 0 ? -count[i] : count[i];
	return diff <= 1;
}

/* Does a skeleton of a equal one of b's once the other orthographies
 * of match_alt_skeletons are allowed for (two consonants at least: one
 * says too little)? */
static int
alt_agree(const struct name_token *a, const struct name_token *b)
{
	char aa[MATCH_ALT_MAX][MATCH_TOKEN_LEN];
	char ab[MATCH_ALT_MAX][MATCH_TOKEN_LEN];
	size_t na, nb, i, j;
	int which = ALT_SOMALI | ALT_ARTICLE | ALT_TRIBE |
	    (a->script != b->script ? ALT_AYN_W : 0);

	/* w for v only where one name has a w and the other a v (Awad and
	 * Wadi both read with v would agree by chance) */
	if ((strchr(a->latin, 'w') != NULL && strchr(b->latin, 'v') != NULL) ||
	    (strchr(a->latin, 'v') != NULL && strchr(b->latin, 'w') != NULL))
		which |= ALT_W_V;

	na = match_alt_skeletons(a, which, aa);
	nb = match_alt_skeletons(b, which, ab);
	for (i = 0; i < na; i++)
		if (strlen(aa[i]) >= 2 && strcmp(aa[i], b->skeleton) == 0)
			return 1;
	for (j = 0; j < nb; j++)
		if (strlen(ab[j]) >= 2 && strcmp(ab[j], a->skeleton) == 0)
			return 1;
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (strlen(aa[i]) >= 2 && strcmp(aa[i], ab[j]) == 0)
				return 1;
	return 0;
}

/*
 * Similarity of two name tokens in [0, 1] and how they agree ("same",
 * "variant", "transliteration", "phonetic", "typo", "prefix",
 * "initial", "different"): the first level that holds, from the
 * strongest down.
 */
double
match_token_sim(const struct name_token *a, const struct name_token *b,
    const char **how)
{
	int cross = a->script != b->script;
	int known_apart = a->variant[0] != '\0' && b->variant[0] != '\0' &&
	    strcmp(a->variant, b->variant) != 0;
	size_t la = strlen(a->latin), lb = strlen(b->latin);
	double jw;
	int dl;

	if (la == 0 || lb == 0) {
		*how = "different";
		return 0.0;
	}
	if (strcmp(a->latin, b->latin) == 0) {
		*how = cross ? "transliteration" : "same";
		return cross ? W.sim_translit : W.sim_same;
	}
	if (a->variant[0] != '\0' && !known_apart && b->variant[0] != '\0') {
		*how = cross ? "transliteration" : "variant";
		return cross ? W.sim_translit : W.sim_variant;
	}
	/* one consonant in common says little in one script: Arar and
	 * Rohai both give "r" (a 1M skewed-register query "El arar" found
	 * a Rohai first); Aly / Ali stay alike (one edit apart) [ISS14] */
	if (!known_apart && a->skeleton[0] != '\0' &&
	    strcmp(a->skeleton, b->skeleton) == 0 && (cross ||
	    a->skeleton[1] != '\0' || metric_damerau(a->latin, b->latin) <= 1)) {
		*how = cross ? "transliteration" : "phonetic";
		return cross ? W.sim_translit : W.sim_skeleton;
	}
	if (!known_apart && alt_agree(a, b)) {
		*how = cross ? "transliteration" : "phonetic";
		return W.sim_alt;
	}
	if (cross) {
		/* Another script: only the skeleton is comparable. */
		if (!known_apart && strlen(a->skeleton) >= 3 &&
		    strlen(b->skeleton) >= 3 &&
		    metric_damerau(a->skeleton, b->skeleton) <= 1) {
			*how = "transliteration";
			return W.sim_translit_near;
		}
		*how = "different";
		return 0.0;
	}
	if (!known_apart && a->phonetic[0] != '\0' && a->phonetic[1] != '\0' &&
	    strcmp(a->phonetic, b->phonetic) == 0) {
		*how = "phonetic";
		return W.sim_phonetic;
	}
	jw = metric_jaro_winkler(a->latin, b->latin);
	dl = metric_damerau(a->latin, b->latin);
	if ((dl == 1 && la >= 4 && lb >= 4) ||
	    (dl == 2 && la >= 8 && lb >= 8) || jw >= W.typo_jw) {
		*how = "typo";
		return jw > W.typo_floor ? (jw < W.sim_phonetic ? jw :
		    W.sim_phonetic) : W.typo_floor;
	}
	if (la >= 4 && lb >= 4 && same_letters(a->latin, b->latin)) {
		*how = "typo";
		return W.sim_anagram;
	}
	if ((la >= 3 && lb > la && strncmp(a->latin, b->latin, la) == 0) ||
	    (lb >= 3 && la > lb && strncmp(a->latin, b->latin, lb) == 0)) {
		*how = "prefix";
		return W.sim_prefix;
	}
	if ((la == 1 || lb == 1) && a->latin[0] == b->latin[0]) {
		*how = "initial";
		return W.sim_initial;
	}
	*how = "different";
	return 0.0;
}

/* The result of comparing two lists of name tokens. */
struct align {
	double		 sim;		/* 0..1 */
	const char	*how;		/* the weakest agreement used */
	int		 common;	/* every agreeing token is a common name */
	int		 extra;		/* unmatched parts on the longer side */
	long		 freq;		/* persons carrying the rarest agreeing
					   part (the larger count of its two
					   sides), -1 when unknown */
	char		 detail[128];
	const char	*note;		/* match_reason's note, or NULL */
};

/* Rank of a "how" (higher is stronger), to pick the weakest. */
static int
how_rank(const char *how)
{
	static const char *const order[] = { "different", "initial", "prefix",
	    "typo", "phonetic", "transliteration", "variant", "same", NULL };
	int i;

	for (i = 0; order[i] != NULL; i++)
		if (strcmp(order[i], how) == 0)
			return i;
	return 0;
}

/* Non-particle tokens of n into out (at most MATCH_MAX_TOKENS); returns
 * their number. */
static size_t
content_tokens(const struct name *n, const struct name_token **out)
{
	size_t i, k = 0;

	for (i = 0; i < n->n; i++)
		if (!n->t[i].particle)
			out[k++] = &n->t[i];
	return k;
}

/* Append "x ~ y" for the detail (= same, / different, ~ alike), cut to
 * fit; the reason's how says in which way. */
static void
detail_add(char *d, size_t dsz, const struct name_token *a,
    const struct name_token *b, const char *how)
{
	char da[MATCH_TOKEN_LEN], db[MATCH_TOKEN_LEN];
	size_t len = strlen(d);

	display(a, da, sizeof(da));
	display(b, db, sizeof(db));
	match_fmt(d + len, dsz - len, "%s%s %s %s", len ? ", " : "", da,
	    strcmp(how, "same") == 0 ? "=" : (strcmp(how, "different") == 0 ?
	    "/" : "~"), db);
}

/*
 * Align two token lists greedily (the most similar pair first) and fill
 * al. A token left over on the shorter side counts 0; leftovers on the
 * longer side only cost extra_token_penalty each. Returns 0, or -1
 * when either side has no tokens (unknown).
 */
static int
align_tokens(const struct name_token **a, size_t na,
    const struct name_token **b, size_t nb, struct align *al)
{
	double sim[MATCH_MAX_TOKENS][MATCH_MAX_TOKENS];
	const char *how[MATCH_MAX_TOKENS][MATCH_MAX_TOKENS];
	int used_a[MATCH_MAX_TOKENS] = { 0 }, used_b[MATCH_MAX_TOKENS] = { 0 };
	size_t i, j, k, pairs = na < nb ? na : nb;
	double sum = 0.0;
	int weakest = 99, ncommon = 0, nagree = 0;

	memset(al, 0, sizeof(*al));
	al->how = "different";
	al->freq = -1;
	if (na == 0 || nb == 0)
		return -1;
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			sim[i][j] = match_token_sim(a[i], b[j], &how[i][j]);
	for (k = 0; k < pairs; k++) {
		double best = -1.0;
		size_t bi = 0, bj = 0;

		for (i = 0; i < na; i++)
			for (j = 0; j < nb; j++)
				if (!used_a[i] && !used_b[j] &&
				    sim[i][j] > best) {
					best = sim[i][j];
					bi = i;
					bj = j;
				}
		used_a[bi] = used_b[bj] = 1;
		sum += best;
		if (how_rank(how[bi][bj]) < weakest) {
			weakest = how_rank(how[bi][bj]);
			al->how = how[bi][bj];
		}
		if (best >= W.sim_agree_min) {
			long fa, fb;

			nagree++;
			if (match_common_name(a[bi]->variant))
				ncommon++;
			if (freq_fn != NULL && (fa = token_freq(a[bi])) >= 0 &&
			    (fb = token_freq(b[bj])) >= 0) {
				if (fb > fa)
					fa = fb;
				if (al->freq < 0 || fa < al->freq)
					al->freq = fa;
			}
		}
		detail_add(al->detail, sizeof(al->detail), a[bi], b[bj],
		    how[bi][bj]);
	}
	al->sim = sum / (double)pairs;
	al->extra = (int)((na > nb ? na : nb) - pairs);
	al->common = nagree > 0 && ncommon == nagree;
	return 0;
}

/* Append s to the string d of size dsz, cut to fit. */
static void
append(char *d, size_t dsz, const char *s)
{
	size_t len = strlen(d);

	match_fmt(d + len, dsz - len, "%s", s);
}

/*
 * Names written apart or together (Xiao Ming / Xiaoming): compare the
 * concatenated Latin forms and skeletons. Returns 1 and fills al when
 * they are equal, else 0.
 */
static int
align_joined(const struct name_token **a, size_t na,
    const struct name_token **b, size_t nb, struct align *al)
{
	char ja[256] = "", jb[256] = "", sa[256] = "", sb[256] = "";
	size_t i;

	if (na == nb)
		return 0;
	for (i = 0; i < na; i++) {
		append(ja, sizeof(ja), a[i]->latin);
		append(sa, sizeof(sa), a[i]->skeleton);
	}
	for (i = 0; i < nb; i++) {
		append(jb, sizeof(jb), b[i]->latin);
		append(sb, sizeof(sb), b[i]->skeleton);
	}
	memset(al, 0, sizeof(*al));
	al->freq = -1;
	if (strcmp(ja, jb) == 0) {
		al->sim = W.sim_variant;
		al->how = "same";
	} else if (strlen(sa) >= 3 && strcmp(sa, sb) == 0) {
		al->sim = W.sim_skeleton;
		al->how = "phonetic";
	} else
		return 0;
	match_fmt(al->detail, sizeof(al->detail), "%s ~ %s", ja, jb);
	al->note = na > nb ? "written_apart" : "written_together";
	return 1;
}

/* Compare two names (content tokens); -1 when either is empty. */
static int
compare_names(const struct name *qa, const struct name *cb, struct align *al)
{
	const struct name_token *a[MATCH_MAX_TOKENS], *b[MATCH_MAX_TOKENS];
	size_t na = content_tokens(qa, a), nb = content_tokens(cb, b);
	struct align joined;

	if (align_tokens(a, na, b, nb, al) == -1)
		return -1;
	if (al->sim < W.sim_skeleton && align_joined(a, na, b, nb, &joined) &&
	    joined.sim > al->sim)
		*al = joined;
	return 0;
}

/* The term-frequency adjustment of a name carried by freq persons:
 * tf_scale * log2(average / freq), within [-tf_down, tf_up]; positive
 * for a name rarer than the average one. */
static double
tf_adjust(long freq)
{
	double avg = W.tf_share * (double)freq_total, adj;

	if (avg < W.tf_min_count)
		avg = W.tf_min_count;
	adj = W.tf_scale * lg2(avg / (double)(freq > 0 ? freq : 1));
	if (adj > W.tf_up)
		adj = W.tf_up;
	if (adj < -W.tf_down)
		adj = -W.tf_down;
	return adj;
}

/* Weight of a name field of similarity sim. */
static double
name_weight(const struct align *al, double agree, double disagree)
{
	double w;

	if (al->sim >= W.sim_agree_min) {
		if (al->freq >= 0)
			agree += tf_adjust(al->freq);
		w = agree * (al->sim - 0.5) / 0.5;
		if (al->common)
			w *= W.common_factor;
		w -= W.extra_token_penalty * al->extra;
		return w;
	}
	return disagree * (W.sim_agree_min - al->sim) / W.sim_agree_min;
}

/* Add a reason to r (silently dropped past MATCH_MAX_REASONS). */
static struct match_reason *
add_reason(struct match_result *r, const char *field, const char *how,
    double score, double weight)
{
	struct match_reason *re;

	if (r->nreasons >= MATCH_MAX_REASONS)
		return NULL;
	re = &r->reasons[r->nreasons++];
	re->field = field;
	re->how = how;
	re->score = score < 0 ? 0 : (score > 1 ? 1 : score);
	re->weight = weight;
	re->detail[0] = '\0';
	re->note = NULL;
	r->score += weight;
	return re;
}

/* Number of n's parts that are not particles. */
static size_t
ncontent(const struct name *n)
{
	size_t i, k = 0;

	for (i = 0; i < n->n; i++)
		k += !n->t[i].particle;
	return k;
}

/*
 * One side has a family name (fam, with its given names giv), the other
 * none, and its given names (lg) hold as many parts as giv and fam
 * together: read lg's first parts as the given names and the rest as
 * the family name (a fifth of Afghan records have no family name, and
 * "Wali Wali" is then a given name and the father's, which a query
 * types Wali / Wali). qlong: the side without a family name is the
 * query. Fills f and g (query first, as compare_names does) and returns
 * their weight less given_as_family_penalty when both agree, else
 * -1e9.
 */
static double
given_as_family(const struct name *fam, const struct name *giv,
    const struct name *lg, int qlong, struct align *f, struct align *g)
{
	const struct name_token *F[MATCH_MAX_TOKENS], *G[MATCH_MAX_TOKENS];
	const struct name_token *L[MATCH_MAX_TOKENS];
	size_t nf = content_tokens(fam, F), ng = content_tokens(giv, G);
	size_t nl = content_tokens(lg, L);

	if (nf == 0 || ng == 0 || nl != nf + ng)
		return -1e9;
	if (qlong) {
		(void)align_tokens(L, ng, G, ng, g);
		(void)align_tokens(L + ng, nf, F, nf, f);
	} else {
		(void)align_tokens(G, ng, L, ng, g);
		(void)align_tokens(F, nf, L + ng, nf, f);
	}
	if (f->sim < W.sim_agree_min || g->sim < W.sim_agree_min)
		return -1e9;
	return name_weight(f, W.family_agree, W.family_disagree) +
	    name_weight(g, W.given_agree, W.given_disagree) -
	    W.given_as_family_penalty;
}

/*
 * Family and given names, straight or swapped (the best of both; a
 * swap costs swapped_penalty), or, when one side has no family name,
 * the other's family name read from its given names (given_as_family).
 * Adds up to two reasons.
 */
static void
score_names(const struct match_person *q, const struct match_person *c,
    struct match_result *r)
{
	struct align f, g, fs, gs, lf, lg;
	int hf, hg, hfs, hgs;
	double ws = 0.0, wx = -1e9, wl = -1e9;
	struct match_reason *re;

	hf = compare_names(&q->family, &c->family, &f) == 0;
	hg = compare_names(&q->given, &c->given, &g) == 0;
	if (hf)
		ws += name_weight(&f, W.family_agree, W.family_disagree);
	if (hg)
		ws += name_weight(&g, W.given_agree, W.given_disagree);
	hfs = compare_names(&q->family, &c->given, &fs) == 0;
	hgs = compare_names(&q->given, &c->family, &gs) == 0;
	if (hfs || hgs) {
		wx = -W.swapped_penalty;
		if (hfs)
			wx += name_weight(&fs, W.family_agree,
			    W.family_disagree);
		if (hgs)
			wx += name_weight(&gs, W.given_agree,
			    W.given_disagree);
		/* A swap must explain at least as many fields. */
		if (hfs + hgs < hf + hg)
			wx = -1e9;
	}
	if (!hf && ncontent(&c->family) == 0 && ncontent(&q->family) > 0)
		wl = given_as_family(&q->family, &q->given, &c->given, 0, &lf,
		    &lg);
	else if (!hf && ncontent(&q->family) == 0 &&
	    ncontent(&c->family) > 0)
		wl = given_as_family(&c->family, &c->given, &q->given, 1, &lf,
		    &lg);
	if (wl > ws + 0.01 && wl > wx + 0.01) {
		re = add_reason(r, "family_name", lf.how, lf.sim,
		    name_weight(&lf, W.family_agree, W.family_disagree) -
		    W.given_as_family_penalty);
		if (re != NULL) {
			match_fmt(re->detail, sizeof(re->detail), "%s",
			    lf.detail);
			re->note = "given_as_family";
		}
		re = add_reason(r, "given_names", lg.how, lg.sim,
		    name_weight(&lg, W.given_agree, W.given_disagree));
		if (re != NULL) {
			match_fmt(re->detail, sizeof(re->detail), "%s",
			    lg.detail);
			re->note = lg.note;
		}
		return;
	}
	if (wx > ws + 0.01 && ((hfs && fs.sim >= W.sim_agree_min) ||
	    (hgs && gs.sim >= W.sim_agree_min))) {
		if (hfs) {
			re = add_reason(r, "family_name", "swapped", fs.sim,
			    name_weight(&fs, W.family_agree,
			    W.family_disagree) - W.swapped_penalty);
			if (re != NULL) {
				match_fmt(re->detail, sizeof(re->detail), "%s",
				    fs.detail);
				re->note = fs.note;
			}
		}
		if (hgs) {
			re = add_reason(r, "given_names", "swapped", gs.sim,
			    name_weight(&gs, W.given_agree, W.given_disagree) -
			    (hfs ? 0 : W.swapped_penalty));
			if (re != NULL) {
				match_fmt(re->detail, sizeof(re->detail), "%s",
				    gs.detail);
				re->note = gs.note;
			}
		}
		return;
	}
	if (hf) {
		re = add_reason(r, "family_name", f.how, f.sim,
		    name_weight(&f, W.family_agree, W.family_disagree));
		if (re != NULL) {
			match_fmt(re->detail, sizeof(re->detail), "%s", f.detail);
			re->note = f.note;
		}
	}
	if (hg) {
		re = add_reason(r, "given_names", g.how, g.sim,
		    name_weight(&g, W.given_agree, W.given_disagree));
		if (re != NULL) {
			match_fmt(re->detail, sizeof(re->detail), "%s", g.detail);
			re->note = g.note;
		}
	}
}

/* Two dates that agree on nothing but maybe the year, dy years apart
 * (full: both are full dates): how, weight, bar and note. */
static void
date_by_year(int dy, int full, const char **how, double *w, double *s,
    const char **note)
{
	if (dy == 0) {
		*how = "same_year";
		*w = W.date_same_year;
		*s = 0.5;
		*note = "same_year";
	} else if (dy == 1) {
		*how = "year_apart";
		*w = full ? W.date_year_apart_full : W.date_year_apart;
		*s = full ? 0.2 : 0.3;
		*note = "one_year_apart";
	} else {
		*how = "different";
		*w = W.date_different;
		*s = 0.0;
	}
}

/* A full date of 1 January is a placeholder for "year only"
 * (registration practice when the day is unknown). */
static struct pdate
effective_date(const struct pdate *d, int *placeholder)
{
	struct pdate e = *d;

	*placeholder = 0;
	if (e.precision == DATE_DAY && e.month == 1 && e.day == 1) {
		e.precision = DATE_YEAR;
		e.month = e.day = 0;
		*placeholder = 1;
	}
	return e;
}

/* Number of the 8 digits of two full dates that differ (a mistyped
 * digit: 2006 / 2016). */
static int
digits_apart(const struct pdate *a, const struct pdate *b)
{
	char x[16], y[16];
	int i, n = 0;

	match_fmt(x, sizeof(x), "%04d%02d%02d", a->year, a->month, a->day);
	match_fmt(y, sizeof(y), "%04d%02d%02d", b->year, b->month, b->day);
	for (i = 0; i < 8; i++)
		n += x[i] != y[i];
	return n;
}

/* Day number of a full date (days since 1970-01-01, proleptic
 * Gregorian; H. Hinnant's days_from_civil). */
static long
days_of(const struct pdate *d)
{
	long y = d->year - (d->month <= 2), era, yoe, doy, doe;
	int m = d->month;

	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d->day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Are the month and day of two full dates at most near_days apart
 * (the years set equal; across the new year too)? */
static int
month_day_near(const struct pdate *a, const struct pdate *b)
{
	struct pdate x = *a, y = *b;
	long d;

	x.year = y.year = 2001;	/* not a leap year: 29 February as 1 March */
	if (x.month == 2 && x.day == 29)
		x.month = 3, x.day = 1;
	if (y.month == 2 && y.day == 29)
		y.month = 3, y.day = 1;
	d = labs(days_of(&x) - days_of(&y));
	if (d > 365 - d)
		d = 365 - d;
	return d <= (long)W.near_days;
}

/* Birth dates: see the date_* weights. */
static void
score_dates(const struct match_person *q, const struct match_person *c,
    struct match_result *r)
{
	struct pdate a, b;
	char fa[11], fb[11];
	const char *how, *note;
	double w, s;
	int pa, pb, dy;
	struct match_reason *re;

	if (q->birth.precision == DATE_UNKNOWN)
		return;
	pdate_format(&q->birth, fa);
	if (c->birth.precision == DATE_UNKNOWN) {
		re = add_reason(r, "birth_date", "unknown", 0.5, 0.0);
		if (re != NULL)
			match_fmt(re->detail, sizeof(re->detail),
			    "%s / ?", fa);
		return;
	}
	pdate_format(&c->birth, fb);
	a = effective_date(&q->birth, &pa);
	b = effective_date(&c->birth, &pb);
	dy = abs(a.year - b.year);
	note = NULL;
	if (a.precision == DATE_DAY && b.precision == DATE_DAY) {
		if (dy == 0 && a.month == b.month && a.day == b.day) {
			how = "same";
			w = W.date_same;
			s = 1.0;
		} else if (dy == 0 && a.month == b.day && a.day == b.month) {
			how = "day_month_swapped";
			w = W.date_swapped;
			s = 0.85;
			note = "day_month_swapped";
		} else if (labs(days_of(&a) - days_of(&b)) <= (long)W.near_days) {
			how = dy == 0 ? "same_year" : "year_apart";
			w = W.date_near;
			s = 0.75;
			note = "days_apart";
		} else if (dy == 0 && (a.month == b.month || a.day == b.day)) {
			how = "same_year";
			w = W.date_one_part;
			s = 0.7;
			note = a.month == b.month ? "same_month" : "same_day";
		} else if (dy == 1 && a.month == b.month && a.day == b.day) {
			how = "year_apart";
			w = W.date_year_typo;
			s = 0.7;
			note = "day_month_year_apart";
		} else if (digits_apart(&a, &b) == 1) {
			how = "typo";
			w = W.date_digit_typo;
			s = 0.6;
			note = "one_digit";
		} else if (dy == 10 && month_day_near(&a, &b)) {
			how = "typo";
			w = W.date_decade;
			s = 0.5;
			note = "ten_years";
		} else
			date_by_year(dy, 1, &how, &w, &s, &note);
	} else {
		/* At least one side is partial: compatible when every
		 * part known on both sides agrees. */
		int compatible = dy == 0 &&
		    (a.month == 0 || b.month == 0 || a.month == b.month) &&
		    (a.day == 0 || b.day == 0 || a.day == b.day);

		if (compatible) {
			how = "same_year";
			w = W.date_partial;
			s = 0.7;
			note = pa || pb ? "year_only" : "partial_compatible";
		} else
			date_by_year(dy, 0, &how, &w, &s, &note);
	}
	re = add_reason(r, "birth_date", how, s, w);
	if (re != NULL) {
		match_fmt(re->detail, sizeof(re->detail), "%s %s %s", fa,
		    strcmp(how, "same") == 0 ? "=" :
		    (strcmp(how, "different") == 0 ? "/" : "~"), fb);
		re->note = note;
	}
}

/* Documents and phones: any equal value is strong evidence. */
static void
score_ids(const struct match_person *q, const struct match_person *c,
    struct match_result *r)
{
	struct match_reason *re;
	size_t i, j;

	if (q->ndocs > 0 && c->ndocs > 0) {
		for (i = 0; i < q->ndocs; i++)
			for (j = 0; j < c->ndocs; j++)
				if (q->docs[i][0] != '\0' &&
				    strcmp(q->docs[i], c->docs[j]) == 0) {
					re = add_reason(r, "document", "equal",
					    1.0, W.doc_equal);
					if (re != NULL)
						match_fmt(re->detail,
						    sizeof(re->detail),
						    "%s = %s", q->docs[i],
						    c->docs[j]);
					goto phones;
				}
		re = add_reason(r, "document", "different", 0.0,
		    W.doc_different);
		if (re != NULL)
			match_fmt(re->detail, sizeof(re->detail), "%s / %s",
			    q->docs[0], c->docs[0]);
	}
phones:
	if (q->nphones > 0 && c->nphones > 0) {
		for (i = 0; i < q->nphones; i++)
			for (j = 0; j < c->nphones; j++)
				if (strcmp(q->phones[i], c->phones[j]) == 0) {
					re = add_reason(r, "phone", "equal",
					    1.0, W.phone_equal);
					if (re != NULL)
						match_fmt(re->detail,
						    sizeof(re->detail),
						    "%s = %s", q->phones[i],
						    c->phones[j]);
					return;
				}
		re = add_reason(r, "phone", "different", 0.0,
		    W.phone_different);
		if (re != NULL)
			match_fmt(re->detail, sizeof(re->detail), "%s / %s",
			    q->phones[0], c->phones[0]);
	}
}

/*
 * A name that is not the person's own (birthplace, father's, mother's):
 * compared like names, weighed agree/disagree. A parent's name (scaled
 * 1 for a parent, 0 for a place) agreeing weighs by how common it is
 * among the register's names [ISS14]: agree * (1 + adj / tf_down),
 * adj as tf_adjust, so a father called Mohammed in a register of
 * Mohammeds adds nothing and a rare one up to 1.75 times agree. Adds
 * one reason when both sides are known.
 */
static void
score_other_name(struct match_result *r, const char *field,
    const struct name *q, const struct name *c, double agree,
    double disagree, int parent)
{
	struct match_reason	*re;
	struct align		 al;
	long			 freq;
	double			 w;

	if (compare_names(q, c, &al) != 0)
		return;
	freq = al.freq;
	al.freq = -1;
	w = name_weight(&al, agree, disagree);
	if (parent && w > 0 && freq >= 0)
		w *= 1.0 + tf_adjust(freq) / W.tf_down;
	re = add_reason(r, field, al.how, al.sim, w);
	if (re != NULL) {
		match_fmt(re->detail, sizeof(re->detail), "%s", al.detail);
		re->note = al.note;
	}
}

/* Sex, nationality, birthplace, father's and mother's names. */
static void
score_others(const struct match_person *q, const struct match_person *c,
    struct match_result *r)
{
	struct match_reason *re;
	int same;

	if (q->sex != 0 && c->sex != 0) {
		same = q->sex == c->sex;
		re = add_reason(r, "sex", same ? "same" : "different",
		    same ? 1.0 : 0.0, same ? W.sex_same : W.sex_different);
		if (re != NULL)
			match_fmt(re->detail, sizeof(re->detail), "%c %s %c",
			    q->sex, same ? "=" : "/", c->sex);
	}
	if (q->nationality[0] != '\0' && c->nationality[0] != '\0') {
		same = strcmp(q->nationality, c->nationality) == 0;
		re = add_reason(r, "nationality", same ? "same" : "different",
		    same ? 1.0 : 0.0, same ? W.nat_same : W.nat_different);
		if (re != NULL)
			match_fmt(re->detail, sizeof(re->detail), "%s %s %s",
			    q->nationality, same ? "=" : "/", c->nationality);
	}
	score_other_name(r, "birth_place", &q->birthplace, &c->birthplace,
	    W.place_agree, W.place_disagree, 0);
	score_other_name(r, "father_name", &q->father, &c->father,
	    W.parent_agree, W.parent_disagree, 1);
	score_other_name(r, "mother_name", &q->mother, &c->mother,
	    W.parent_agree, W.parent_disagree, 1);
}

/* The probable threshold: with name frequencies (match_set_frequency)
 * or without. */
static double
class_probable(void)
{
	return freq_fn != NULL ? W.class_probable : W.class_probable_nofreq;
}

/*
 * Map a total weight to the 0..1 score an agent sees: piecewise linear
 * through the class thresholds (possible 0.4, probable 0.7, certain 0.9,
 * 1.0 ten points above certain).
 */
static double
display_score(double t)
{
	double probable = class_probable();

	if (t <= 0)
		return 0.0;
	if (t < W.class_possible)
		return 0.4 * t / W.class_possible;
	if (t < probable)
		return 0.4 + 0.3 * (t - W.class_possible) /
		    (probable - W.class_possible);
	if (t < W.class_certain)
		return 0.7 + 0.2 * (t - probable) /
		    (W.class_certain - probable);
	if (t < W.class_certain + 10)
		return 0.9 + 0.1 * (t - W.class_certain) / 10.0;
	return 1.0;
}

/*
 * The register's size as a reason of its own (prior_base): in a large
 * register look-alikes are rarer, and the agent sees by how much the
 * total was lowered for it.
 */
static void
score_prior(struct match_result *r)
{
	struct match_reason	*re;
	double			 w;

	if (freq_fn == NULL || freq_total <= W.prior_base)
		return;
	w = W.prior_scale * lg2((double)freq_total / W.prior_base);
	if ((re = add_reason(r, "register", "size", 0.0, -w)) != NULL)
		match_fmt(re->detail, sizeof(re->detail), "%ld: -%.1f",
		    freq_total, w);
	else
		r->score -= w;	/* no room for the line: the weight still counts */
}

/* The highest total a pair held to "possible" keeps: just below the
 * probable line. */
static double
possible_cap(void)
{
	return class_probable() - 0.5;
}

/*
 * Lower r's total to possible_cap() with a reason of its own (field,
 * how, which says why, and the weight taken as the detail), so the
 * agent sees why the pair is no more than possible; without room for
 * the line, the total still drops.
 */
static void
cap_at_possible(struct match_result *r, const char *field, const char *how)
{
	struct match_reason	*re;
	double			 cap = possible_cap();

	if ((re = add_reason(r, field, how, 0.0, cap - r->score)) != NULL)
		match_fmt(re->detail, sizeof(re->detail), "%.1f", re->weight);
	else
		r->score = cap;
}

/*
 * Does any name part of q agree with one of c's (family and given
 * against family and given, parents against parents) while not common
 * in the register (tf_adjust above tf_common)?
 */
static int
rare_name_agrees(const struct match_person *q, const struct match_person *c)
{
	const struct name *qn[4] = { &q->family, &q->given, &q->father,
	    &q->mother };
	const struct name *cn[4][2] = { { &c->family, &c->given },
	    { &c->family, &c->given }, { &c->father, NULL },
	    { &c->mother, NULL } };
	const char *how;
	size_t i, j, k, m;
	long f;

	for (i = 0; i < 4; i++)
		for (j = 0; j < qn[i]->n; j++) {
			const struct name_token *a = &qn[i]->t[j];

			if (a->particle)
				continue;
			for (k = 0; k < 2 && cn[i][k] != NULL; k++)
				for (m = 0; m < cn[i][k]->n; m++)
					if (!cn[i][k]->t[m].particle &&
					    match_token_sim(a, &cn[i][k]->t[m],
					    &how) >= W.sim_agree_min &&
					    (f = token_freq(a)) >= 0 &&
					    tf_adjust(f) > W.tf_common)
						return 1;
		}
	return 0;
}

/*
 * Is there agreement beyond names in r: a document or phone equal, a
 * birth place agreeing, or full birth dates (on both sides, not the
 * 1 January placeholder) agreeing at least as a typing error would?
 */
static int
agrees_beyond_names(const struct match_person *q,
    const struct match_person *c, const struct match_result *r)
{
	struct pdate a, b;
	size_t i;
	int pa, pb;

	a = effective_date(&q->birth, &pa);
	b = effective_date(&c->birth, &pb);
	for (i = 0; i < r->nreasons; i++) {
		const struct match_reason *re = &r->reasons[i];

		if (re->weight <= 0)
			continue;
		if (strcmp(re->field, "document") == 0 ||
		    strcmp(re->field, "phone") == 0 ||
		    strcmp(re->field, "birth_place") == 0)
			return 1;
		if (strcmp(re->field, "birth_date") == 0 &&
		    a.precision == DATE_DAY && b.precision == DATE_DAY)
			return 1;
	}
	return 0;
}

/*
 * Two records whose only agreement is common names are at most
 * "possible" [ISS14]: in a register where a handful of names cover a
 * large share of people, namesakes agree on every name, often on the
 * year and the parents' (common) names too. With name frequencies
 * only; the cap is a reason of its own, so an agent sees why.
 */
static void
score_common_only(const struct match_person *q, const struct match_person *c,
    struct match_result *r)
{
	if (freq_fn == NULL || r->score <= possible_cap() ||
	    agrees_beyond_names(q, c, r) || rare_name_agrees(q, c))
		return;
	/* only common names agree: no date, document or rare name */
	cap_at_possible(r, "names", "common_only");
}

/*
 * Two full birth dates (both sides, not the 1 January placeholder)
 * further apart than any typing error the date rules allow ("different"
 * above) make two records at most "possible", whatever their names
 * agree on, unless a document or phone is the same [ISS14]: rare names
 * agreeing (+12 each) outweighed date_different, so namesakes born
 * years apart came out probable. On fake_20000 it costs 0.0005 of the
 * grouped F1 (precision +0.002, recall -0.003).
 */
static void
score_dates_apart(const struct match_person *q, const struct match_person *c,
    struct match_result *r)
{
	const struct match_reason	*d = NULL;
	struct pdate			 a, b;
	size_t				 i;
	int				 pa, pb;

	a = effective_date(&q->birth, &pa);
	b = effective_date(&c->birth, &pb);
	if (r->score <= possible_cap() || a.precision != DATE_DAY ||
	    b.precision != DATE_DAY)
		return;
	for (i = 0; i < r->nreasons; i++) {
		if ((strcmp(r->reasons[i].field, "document") == 0 ||
		    strcmp(r->reasons[i].field, "phone") == 0) &&
		    r->reasons[i].weight > 0)
			return;
		if (strcmp(r->reasons[i].field, "birth_date") == 0)
			d = &r->reasons[i];
	}
	if (d == NULL || strcmp(d->how, "different") != 0)
		return;
	/* full dates years apart: at most possible */
	cap_at_possible(r, "birth_date", "far_apart");
}

/*
 * Are names a and b written alike part for part (particles aside): the
 * same Latin form, or across scripts the same name (at least
 * sim_translit)? Both empty is alike too (a record without a family
 * name typed without one).
 */
static int
names_exact(const struct name *a, const struct name *b)
{
	const struct name_token *ta[MATCH_MAX_TOKENS], *tb[MATCH_MAX_TOKENS];
	size_t na = content_tokens(a, ta), nb = content_tokens(b, tb), i;
	const char *how;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (ta[i]->script == tb[i]->script ?
		    strcmp(ta[i]->latin, tb[i]->latin) != 0 :
		    match_token_sim(ta[i], tb[i], &how) < W.sim_translit)
			return 0;
	return 1;
}

/*
 * A person typed as the register holds them: family and given names
 * alike part for part (names_exact; given names known), the same full
 * birth date on both sides (not the 1 January placeholder), and no
 * field that disagrees (sex, parents, documents ...: a negative weight
 * other than the register's size). Such a pair is at least "possible"
 * whatever the names' frequency [ISS14]: in a register of a million
 * persons whose names are among the commonest, the names' weights
 * (lowered by frequency) and the full date did not make up for the
 * register's prior (prior_scale 2 in a search), and the person typed
 * exactly came out "none" among namesakes. The chance that another
 * person carries the same names and full date is about N * p(names) /
 * 20,000 (0.1 for a million persons whose two names each carry 5 % of
 * the register): what "possible" says. With the father's or mother's
 * name known on both sides and every such parent alike too, the pair
 * is at least "probable" (a million persons of 5 % names and parents
 * hold about one such pair of distinct persons). The rise is a reason
 * of its own ("names", "exact" or "exact_parents"), so an agent sees
 * why. Only raises.
 */
static void
score_exact(const struct match_person *q, const struct match_person *c,
    struct match_result *r)
{
	const struct name	*qp[2] = { &q->father, &q->mother };
	const struct name	*cp[2] = { &c->father, &c->mother };
	struct match_reason	*re;
	struct pdate		 a, b;
	size_t			 i;
	int			 pa, pb, parents = 0;
	double			 floor;

	a = effective_date(&q->birth, &pa);
	b = effective_date(&c->birth, &pb);
	if (a.precision != DATE_DAY || b.precision != DATE_DAY ||
	    a.year != b.year || a.month != b.month || a.day != b.day ||
	    ncontent(&q->given) == 0 || !names_exact(&q->family, &c->family) ||
	    !names_exact(&q->given, &c->given))
		return;
	for (i = 0; i < r->nreasons; i++)
		if (r->reasons[i].weight < 0 &&
		    strcmp(r->reasons[i].field, "register") != 0)
			return;
	for (i = 0; i < 2; i++) {
		if (ncontent(qp[i]) == 0 || ncontent(cp[i]) == 0)
			continue;
		if (!names_exact(qp[i], cp[i])) {
			parents = -1;
			break;
		}
		parents = 1;
	}
	floor = parents > 0 ? class_probable() : W.class_possible;
	if (r->score >= floor)
		return;
	re = add_reason(r, "names", parents > 0 ? "exact_parents" : "exact",
	    1.0, floor - r->score);
	if (re != NULL)
		match_fmt(re->detail, sizeof(re->detail), "+%.1f", re->weight);
	else
		r->score = floor;
}

/*
 * Score candidate c against query q (see match.h). r->score is 0..1,
 * r->cls the class, r->reasons one line per field known on both sides
 * (plus "unknown" for a query birth date the candidate lacks).
 */
void
match_score(const struct match_person *q, const struct match_person *c,
    struct match_result *r)
{
	double total;

	memset(r, 0, sizeof(*r));
	score_ids(q, c, r);
	score_names(q, c, r);
	score_dates(q, c, r);
	score_others(q, c, r);
	score_prior(r);
	r->raw = r->score;
	score_common_only(q, c, r);
	score_dates_apart(q, c, r);
	score_exact(q, c, r);
	total = r->score;
	r->total = total;
	if (total >= W.class_certain)
		r->cls = MATCH_CERTAIN;
	else if (total >= class_probable())
		r->cls = MATCH_PROBABLE;
	else if (total >= W.class_possible)
		r->cls = MATCH_POSSIBLE;
	else
		r->cls = MATCH_NONE;
	r->score = display_score(total);
}

/*
 * Share of the query's name parts (family and given, particles aside)
 * that the candidate carries in either of its names, whatever the
 * field: the look-up side of a search ("Ali" lists every person called
 * Ali, family or given name). A part counts as carried when some part
 * of the candidate agrees with it (match_token_sim at least
 * sim_agree_min, the line name fields agree on). 0 when the query has
 * no name.
 */
double
match_names_carried(const struct match_person *q,
    const struct match_person *c)
{
	const struct name_token *qt[2 * MATCH_MAX_TOKENS];
	const struct name_token *ct[2 * MATCH_MAX_TOKENS];
	const char *how;
	size_t nq, nc, i, j, found = 0;

	nq = content_tokens(&q->family, qt);
	nq += content_tokens(&q->given, qt + nq);
	nc = content_tokens(&c->family, ct);
	nc += content_tokens(&c->given, ct + nc);
	if (nq == 0)
		return 0.0;
	for (i = 0; i < nq; i++)
		for (j = 0; j < nc; j++)
			if (match_token_sim(qt[i], ct[j], &how) >=
			    W.sim_agree_min) {
				found++;
				break;
			}
	return (double)found / (double)nq;
}

/*
 * How closely c agrees with what was typed in q beyond the names (see
 * match.h): the tie-break between records the score cannot tell apart.
 * The birth date compared as written, ten points a level: 3 the same
 * full date (a 1 January placeholder too, which the score reads as a
 * year only: a desk that typed 1988-01-01 had that record in front of
 * it, not one born on 7 July 1988), 2 the same year and month, 1 the
 * same year (or a partial date that does not contradict), 0 otherwise
 * or unknown, and half a level more for a partial date recorded just as
 * it was typed (1975 typed: a record of 1975 before one of 14 September
 * 1975; the desk had a record of that form in front of it; at 1,000,000
 * persons recall@1 0.899 to 0.906, no kind of query lower); then a
 * point for each other field known on both sides
 * that agrees in r (sex, nationality, birth place, father's and
 * mother's names, documents, phones).
 */
double
match_closeness(const struct match_person *q, const struct match_person *c,
    const struct match_result *r)
{
	static const char *const others[] = { "sex", "nationality",
	    "birth_place", "father_name", "mother_name", "document",
	    "phone" };
	const struct pdate *a = &q->birth, *b = &c->birth;
	double level = 0;
	size_t i, k;

	if (a->precision != DATE_UNKNOWN && b->precision != DATE_UNKNOWN &&
	    a->year == b->year) {
		level = 1;
		if (a->precision >= DATE_MONTH && b->precision >= DATE_MONTH &&
		    a->month == b->month)
			level = a->precision == DATE_DAY &&
			    b->precision == DATE_DAY && a->day == b->day ? 3 : 2;
	}
	/* a partial date recorded as it was typed */
	if (level > 0 && a->precision < DATE_DAY && b->precision == a->precision)
		level += 0.5;
	level *= 10;
	for (i = 0; i < r->nreasons; i++)
		for (k = 0; k < sizeof(others) / sizeof(others[0]); k++)
			if (strcmp(r->reasons[i].field, others[k]) == 0 &&
			    r->reasons[i].weight > 0) {
				level += 1;
				break;
			}
	return level;
}

/* Name of a class: "certain", "probable", "possible" or "none". */
const char *
match_class_name(enum match_class c)
{
	switch (c) {
	case MATCH_CERTAIN:
		return "certain";
	case MATCH_PROBABLE:
		return "probable";
	case MATCH_POSSIBLE:
		return "possible";
	default:
		return "none";
	}
}

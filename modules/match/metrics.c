/*
 * metrics.c: string similarity for name tokens: Jaro, Jaro-Winkler
 * (Winkler 1990, as jellyfish computes it), Levenshtein and
 * unrestricted Damerau-Levenshtein (Lowrance-Wagner). All work on code
 * points of UTF-8 text, at most METRIC_MAX_CP of them, on the stack.
 */
#include <stdint.h>
#include <string.h>

#include "matchint.h"

/*
 * Decode UTF-8 s into at most METRIC_MAX_CP code points in out. Bytes
 * that are not valid UTF-8 count as one code point each (the metrics
 * must never fail). Returns the number of code points.
 */
static size_t
decode(const char *s, uint32_t out[METRIC_MAX_CP])
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	while (*p != '\0' && n < METRIC_MAX_CP) {
		uint32_t c = *p;
		int extra = 0, i;

		if (c >= 0xf0 && c < 0xf8) {
			c &= 0x07;
			extra = 3;
		} else if (c >= 0xe0) {
			c &= 0x0f;
			extra = 2;
		} else if (c >= 0xc0) {
			c &= 0x1f;
			extra = 1;
		}
		if (*p >= 0xf8)
			extra = 0;
		for (i = 1; i <= extra; i++)
			if ((p[i] & 0xc0) != 0x80)
				break;
		if (i <= extra) {
			/* Broken sequence: take the byte alone. */
			out[n++] = *p++;
			continue;
		}
		for (i = 1; i <= extra; i++)
			c = (c << 6) | (p[i] & 0x3f);
		out[n++] = c;
		p += 1 + extra;
	}
	return n;
}

/*
 * Jaro similarity of two code point arrays: 0 when either is empty,
 * 1 when equal. Returns a value in [0, 1].
 */
static double
jaro_cp(const uint32_t *a, size_t la, const uint32_t *b, size_t lb)
{
	unsigned char fa[METRIC_MAX_CP], fb[METRIC_MAX_CP];
	size_t range, i, j, k, lo, hi, common = 0, trans = 0;

	if (la == 0 || lb == 0)
		return 0.0;
	range = (la > lb ? la : lb) / 2;
	range = range > 0 ? range - 1 : 0;
	memset(fa, 0, la);
	memset(fb, 0, lb);
	for (i = 0; i < la; i++) {
		lo = i > range ? i - range : 0;
		hi = i + range + 1 < lb ? i + range + 1 : lb;
		for (j = lo; j < hi; j++) {
			if (fb[j] || a[i] != b[j])
				continue;
			fa[i] = fb[j] = 1;
			common++;
			break;
		}
	}
	if (common == 0)
		return 0.0;
	for (i = 0, k = 0; i < la; i++) {
		if (!fa[i])
			continue;
		while (!fb[k])
			k++;
		if (a[i] != b[k])
			trans++;
		k++;
	}
	trans /= 2;
	return ((double)common / la + (double)common / lb +
	    (double)(common - trans) / common) / 3.0;
}

/* Jaro similarity of two UTF-8 strings, in [0, 1]. */
double
metric_jaro(const char *s1, const char *s2)
{
	uint32_t a[METRIC_MAX_CP], b[METRIC_MAX_CP];
	size_t la = decode(s1, a), lb = decode(s2, b);

	return jaro_cp(a, la, b, lb);
}

/*
 * Jaro-Winkler similarity of two UTF-8 strings, in [0, 1]: the common
 * prefix (up to 4 code points) raises a Jaro score above 0.7 by 0.1 per
 * code point of the remaining distance (Winkler 1990).
 */
double
metric_jaro_winkler(const char *s1, const char *s2)
{
	uint32_t a[METRIC_MAX_CP], b[METRIC_MAX_CP];
	size_t la = decode(s1, a), lb = decode(s2, b), i, lim;
	double w = jaro_cp(a, la, b, lb);

	if (w > 0.7) {
		lim = la < lb ? la : lb;
		if (lim > 4)
			lim = 4;
		for (i = 0; i < lim && a[i] == b[i]; i++)
			;
		w += (double)i * 0.1 * (1.0 - w);
	}
	return w;
}

/* Levenshtein distance of two UTF-8 strings (insert, delete, substitute). */
int
metric_levenshtein(const char *s1, const char *s2)
{
	uint32_t a[METRIC_MAX_CP], b[METRIC_MAX_CP];
	int row[METRIC_MAX_CP + 1];
	size_t la = decode(s1, a), lb = decode(s2, b), i, j;

	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		int diag = row[0], up;

		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			int best;

			up = row[j];
			best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/*
 * Unrestricted Damerau-Levenshtein distance (transpositions of
 * adjacent code points count 1 even with edits between them), the
 * Lowrance-Wagner algorithm. The "last row seen" map is a small linear
 * table because names have few distinct code points.
 */
int
metric_damerau(const char *s1, const char *s2)
{
	int d[METRIC_MAX_CP + 2][METRIC_MAX_CP + 2];
	uint32_t a[METRIC_MAX_CP], b[METRIC_MAX_CP];
	uint32_t seen_cp[2 * METRIC_MAX_CP];
	size_t seen_row[2 * METRIC_MAX_CP], nseen = 0;
	size_t la = decode(s1, a), lb = decode(s2, b), i, j, k;
	int maxd = (int)(la + lb);

	d[0][0] = maxd;
	for (i = 0; i <= la; i++) {
		d[i + 1][0] = maxd;
		d[i + 1][1] = (int)i;
	}
	for (j = 0; j <= lb; j++) {
		d[0][j + 1] = maxd;
		d[1][j + 1] = (int)j;
	}
	for (i = 1; i <= la; i++) {
		size_t db = 0;

		for (j = 1; j <= lb; j++) {
			size_t i1 = 0, j1 = db;
			int cost = 1, best, t;

			for (k = 0; k < nseen; k++)
				if (seen_cp[k] == b[j - 1]) {
					i1 = seen_row[k];
					break;
				}
			if (a[i - 1] == b[j - 1]) {
				cost = 0;
				db = j;
			}
			best = d[i][j] + cost;
			if (d[i + 1][j] + 1 < best)
				best = d[i + 1][j] + 1;
			if (d[i][j + 1] + 1 < best)
				best = d[i][j + 1] + 1;
			t = d[i1][j1] + (int)(i - i1 - 1) + 1 + (int)(j - j1 - 1);
			if (t < best)
				best = t;
			d[i + 1][j + 1] = best;
		}
		for (k = 0; k < nseen; k++)
			if (seen_cp[k] == a[i - 1])
				break;
		if (k == nseen) {
			seen_cp[nseen] = a[i - 1];
			nseen++;
		}
		seen_row[k] = i;
	}
	return d[la + 1][lb + 1];
}

/*
 * test_match_group.c: modules/match's grouping (group.c) on score
 * matrices set around the table's thresholds: a record joins the group
 * it scores well with on average, two groups linked by one good pair
 * between strangers stay apart (where transitive closure would chain
 * them), a pair the caller knows to be two persons keeps them apart,
 * pairs below the edge threshold never link, groups stop at the
 * bound, the result does not depend on the order pairs were found in,
 * and real records of one person found through each other.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "match_testdata.h"
#include "matchint.h"
#include "valid.h"

#define N	50

static double	 S[N][N];	/* the pair scores of a test */
static long	 calls;		/* score calls made by match_group */

/* match_pair_fn over S. */
static double
matrix_score(uint32_t a, uint32_t b, void *arg)
{
	(void)arg;
	calls++;
	return S[a][b];
}

/* Set the score of pair (a, b) both ways. */
static void
set(int a, int b, double s)
{
	S[a][b] = S[b][a] = s;
}

/* The edges of S over n records: pairs scoring at least min. */
static size_t
edges_of(size_t n, struct match_edge *e, double min)
{
	size_t a, b, k = 0;

	for (a = 0; a < n; a++)
		for (b = a + 1; b < n; b++)
			if (S[a][b] >= min)
				e[k++] = (struct match_edge){(uint32_t)a,
				    (uint32_t)b, (float)S[a][b]};
	return k;
}

/* Group n records of S. */
static void
group_of(size_t n, uint32_t *g)
{
	static struct match_edge e[N * N];
	size_t ne = edges_of(n, e, match_group_min());

	calls = 0;
	if (match_group(n, e, ne, matrix_score, NULL, g) != 0)
		abort();
}

/* Records of one person in splink's style: typos, a missing name, a
 * moved date, found through the record they share most with. */
static void
real_records(void)
{
	struct match_ctx	*m = test_match_open();
	static const char	*rec[][4] = {
		{"Henderson", "Reuben", "1995-10-27", "Bristol"},
		{"Henderseon", "Reuben", "1995-10-27", "Bristol"},
		{"Henderson", "Reben", "1996-10-26", "Bristol"},
		{"", "Reuben", "1995-10-27", "Bristol"},
		{"Henderson", "Grace", "1971-02-03", "Leeds"},
	};
	static struct match_person p[5];
	struct match_edge	 e[10];
	struct match_result	 r;
	uint32_t		 g[5];
	size_t			 i, j, ne = 0;

	if (m == NULL) {
		ok(0, "the matcher opens");
		return;
	}
	for (i = 0; i < 5; i++) {
		memset(&p[i], 0, sizeof(p[i]));
		match_name(m, rec[i][0], &p[i].family);
		match_name(m, rec[i][1], &p[i].given);
		match_name(m, rec[i][3], &p[i].birthplace);
		if (!valid_partial_date(rec[i][2], &p[i].birth))
			p[i].birth.precision = DATE_UNKNOWN;
	}
	for (i = 0; i < 5; i++)
		for (j = i + 1; j < 5; j++) {
			match_score(&p[i], &p[j], &r);
			S[i][j] = S[j][i] = r.score;
			if (r.score >= match_group_min())
				e[ne++] = (struct match_edge){(uint32_t)i,
				    (uint32_t)j, (float)r.score};
		}
	ok(match_group(5, e, ne, matrix_score, NULL, g) == 0, "grouped");
	ok(g[0] == g[1] && g[1] == g[2] && g[2] == g[3],
	    "four records of Reuben Henderson form one group");
	ok(g[4] != g[0], "Grace Henderson is someone else");
	match_close(&m);
}

int
main(void)
{
	static struct match_edge e[N * N];
	uint32_t	 g[N], h[N];
	double		 edge, avg, max;
	size_t		 i, j, ne, big;
	int		 same;

	match_group_limits(&edge, &avg, &max);
	ok(edge >= avg, "an edge alone is enough for two single records "
	    "(edge %.2f, average %.2f)", edge, avg);

	/* 0 ~ 1 strongly, 1 ~ 2 well, 0 ~ 2 weakly: the mean decides. */
	memset(S, 0, sizeof(S));
	set(0, 1, 0.95);
	set(1, 2, edge + 0.02);
	set(0, 2, 2 * avg - (edge + 0.02) + 0.02);
	group_of(3, g);
	ok(g[0] == g[1] && g[1] == g[2], "a record joins the group it "
	    "scores well with on average");
	set(0, 2, 2 * avg - (edge + 0.02) - 0.05);
	group_of(3, g);
	ok(g[0] == g[1] && g[2] != g[0], "not when the mean is below %.2f",
	    avg);
	ok(calls == 3, "each pair scored once: the first pair, then the "
	    "two across (%ld)", calls);

	/* Two pairs of strangers linked by one good pair (1 ~ 2). */
	memset(S, 0, sizeof(S));
	set(0, 1, 0.95);
	set(2, 3, 0.95);
	set(1, 2, 0.80);
	group_of(4, g);
	ok(g[0] == g[1] && g[2] == g[3] && g[0] != g[2],
	    "one good pair does not chain two groups");

	/* A pair the caller knows to be two persons (a negative score)
	 * keeps their groups apart, however well the rest scores. */
	memset(S, 0, sizeof(S));
	set(0, 1, 0.95);
	set(1, 2, 0.95);
	set(0, 2, -1);
	group_of(3, g);
	ok(g[0] == g[1] && g[2] != g[0], "a known conflict keeps records "
	    "apart");

	/* Below the edge threshold nothing links. */
	memset(S, 0, sizeof(S));
	set(0, 1, edge - 0.01);
	group_of(2, g);
	ok(g[0] == 0 && g[1] == 1, "a pair below %.2f stays apart", edge);

	/* The bound: N records all alike. */
	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++)
			S[i][j] = 0.95;
	group_of(N, g);
	for (i = 0, big = 0; i < N; i++) {
		size_t k = 0;

		for (j = 0; j < N; j++)
			k += g[j] == g[i];
		if (k > big)
			big = k;
	}
	ok(big > 1 && big <= (size_t)max, "groups stop at %g records "
	    "(largest %zu)", max, big);

	/* The order the pairs come in, and which way round, do not matter
	 * (scores of two decimals: many ties). */
	srand(7);
	for (i = 0; i < N; i++)
		for (j = i + 1; j < N; j++)
			set((int)i, (int)j, (rand() % 100) / 100.0);
	ne = edges_of(N, e, edge);
	if (match_group(N, e, ne, matrix_score, NULL, g) != 0)
		abort();
	for (i = 0; i + 1 < ne; i++) {
		struct match_edge t = e[i];
		size_t k = i + (size_t)rand() % (ne - i);

		e[i] = e[k];
		e[k] = t;
		if (rand() % 2) {
			t = e[i];
			e[i].a = t.b;
			e[i].b = t.a;
		}
	}
	if (match_group(N, e, ne, matrix_score, NULL, h) != 0)
		abort();
	for (i = 0, same = 1; i < N; i++)
		for (j = 0; j < N; j++)
			if ((g[i] == g[j]) != (h[i] == h[j]))
				same = 0;
	ok(same, "the same groups whatever the pairs' order and direction");

	real_records();
	return done_testing();
}

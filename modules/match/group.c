/*
 * group.c: from scored pairs to persons (match_group). A pair's score
 * sees two records only; a register holds the same person three, five,
 * eight times, each record with its own typos, missing fields and moved
 * dates. Two records that score low against each other can both score
 * high against a third: grouping finds them. Plain transitive closure
 * would chain strangers (A ~ B ~ C ~ ... through common names), so a
 * merge of two groups is decided by average linkage: the mean score
 * over every pair across the two groups, scored on demand (never when
 * the caller says two of them are different persons). Pairs are
 * taken best first, and a group never grows beyond a bound, so the work
 * is at most bound^2 scores per attempt to merge.
 */
#include <stdint.h>
#include <stdlib.h>

#include "matchint.h"

/* The groups being built: union-find parents, members as circular
 * lists (next), sizes at the roots. */
struct groups {
	uint32_t	*parent, *next, *size;
};

/* The root of i's group (path halving). */
static uint32_t
groups_find(struct groups *g, uint32_t i)
{
	while (g->parent[i] != i) {
		g->parent[i] = g->parent[g->parent[i]];
		i = g->parent[i];
	}
	return i;
}

/* Join the groups of roots x and y (y becomes the root). */
static void
groups_join(struct groups *g, uint32_t x, uint32_t y)
{
	uint32_t t;

	g->parent[x] = y;
	g->size[y] += g->size[x];
	t = g->next[x];
	g->next[x] = g->next[y];
	g->next[y] = t;
}

/*
 * Is the mean score over every pair across the groups of roots x and y
 * at least avg, with no pair in conflict (fn negative)? Stops as soon
 * as the answer is known: a conflict, or a sum the rest could not lift
 * to the mean (scores are at most 1).
 */
static int
groups_link(struct groups *g, uint32_t x, uint32_t y, double avg,
    match_pair_fn fn, void *arg)
{
	double	 need = avg * g->size[x] * g->size[y], sum = 0, left, s;
	uint32_t u = x, v;

	left = (double)g->size[x] * g->size[y];
	do {
		v = y;
		do {
			if ((s = fn(u, v, arg)) < 0)
				return 0;
			sum += s;
			left--;
			if (sum + left < need)
				return 0;
			v = g->next[v];
		} while (v != y);
		u = g->next[u];
	} while (u != x);
	return sum >= need;
}

/* qsort: best score first, then by persons (a stable, repeatable
 * order whatever order the caller found the pairs in). */
static int
cmp_edge(const void *p, const void *q)
{
	const struct match_edge *a = p, *b = q;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* See match.h. */
double
match_group_min(void)
{
	double edge, avg, max;

	match_group_limits(&edge, &avg, &max);
	return edge;
}

/* See match.h. */
int
match_group(size_t n, struct match_edge *edges, size_t nedges,
    match_pair_fn fn, void *arg, uint32_t *group)
{
	struct groups	 g;
	double		 edge, avg, max;
	size_t		 i;
	uint32_t	 x, y;
	int		 rc = -1;

	match_group_limits(&edge, &avg, &max);
	g.parent = calloc(n ? n : 1, sizeof(*g.parent));
	g.next = calloc(n ? n : 1, sizeof(*g.next));
	g.size = calloc(n ? n : 1, sizeof(*g.size));
	if (g.parent == NULL || g.next == NULL || g.size == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		g.parent[i] = g.next[i] = (uint32_t)i;
		g.size[i] = 1;
	}
	/* a pair either way round is the same pair: one order for ties */
	for (i = 0; i < nedges; i++)
		if (edges[i].a > edges[i].b) {
			x = edges[i].a;
			edges[i].a = edges[i].b;
			edges[i].b = x;
		}
	qsort(edges, nedges, sizeof(*edges), cmp_edge);
	for (i = 0; i < nedges && edges[i].score >= edge; i++) {
		if (edges[i].a >= n || edges[i].b >= n)
			continue;
		x = groups_find(&g, edges[i].a);
		y = groups_find(&g, edges[i].b);
		if (x == y || g.size[x] + g.size[y] > max)
			continue;
		if (!groups_link(&g, x, y, avg, fn, arg))
			continue;
		groups_join(&g, x, y);
	}
	for (i = 0; i < n; i++)
		group[i] = groups_find(&g, (uint32_t)i);
	rc = 0;
out:
	free(g.parent);
	free(g.next);
	free(g.size);
	return rc;
}

/*
 * scan.c: the duplicate scan (see match.h): which of a set of persons
 * held in memory are one person, with each other or with the other
 * persons given beside them (a register). havre-admin's import-persons
 * runs it over a file and the register; registration will run it too.
 *
 * Each person's matcher view is packed into an arena (a header, then
 * its name tokens: family, given, father, mother, birthplace; then
 * "source\0source_id\0"), about 1.5 KB a person, and its stored
 * blocking keys go into one array of (key hash, person) sorted once: a
 * key's block is a binary search away, the persons of a block are
 * scored without a query, with name frequencies counted from the same
 * keys (match_set_frequency). Each person to check takes the persons
 * sharing its query keys (at most SCAN_KEY_ROWS a block), scores the
 * SCAN_SCORED hit most, and keeps the pairs scoring at least
 * match_group_min(); one scanner (thread) per processor shares the
 * persons to check. The pairs kept are grouped (match_group) and every
 * pair of a group with at least one person to check is handed to the
 * caller with its own score.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "match.h"

/* Candidates scored per person checked (the persons sharing most
 * keys), and persons taken from one key's block. */
#define SCAN_SCORED	50
#define SCAN_KEY_ROWS	200

/* Most scanners (threads) of a scan, and the persons to check below
 * which one scanner does it all. */
#define SCAN_THREADS_MAX	8
#define SCAN_THREADS_FROM	20000

/* How often (persons checked) the progress function is called. */
#define SCAN_PROGRESS_EVERY	50000

/* A packed person: this header, its name tokens, source, source_id. */
struct match_scan_person {
	struct pdate	 birth;
	char		 sex;
	char		 nat[4];
	char		 doc[65];
	char		 phone[17];
	unsigned char	 n[5];		/* tokens of family, given, father, mother,
					   birthplace */
};
#define ARENA_CHUNK	(64u << 20)

/* The arena: chunks of ARENA_CHUNK bytes, never moved. */
struct arena {
	char	**chunk;
	size_t	  nchunk, used;
};

/* A node of the scan: a person's id and packed view (NULL: dropped). */
struct node {
	int64_t				 id;
	const struct match_scan_person	*p;
};

/* One stored key of a person: FNV-1a hash of the key, node index. */
struct ent {
	uint64_t	 h;
	uint32_t	 node;
};

/* The scan's persons. */
struct match_scan {
	struct arena	 arena;		/* packed persons */
	struct node	*nodes;		/* every person added */
	size_t		 nnodes, capnodes;
	struct ent	*ents;		/* their stored keys */
	size_t		 nents, capents;
	size_t		 nquery;	/* nodes[0..nquery): to check */
	int		 queries_ended;
};

/* One candidate of a person checked: a node and the keys it shares. */
struct cand {
	int64_t	id;		/* a node index */
	int	hits;
};

/* One run of the scan: the graph of kept pairs and the caller's
 * functions. */
struct run {
	struct match_scan	*s;
	match_scan_pair_fn	 pair;
	match_scan_progress_fn	 progress;
	void			*arg;
	struct match_person	*self, *other;
	struct match_edge	*edges;
	size_t			 nedges;
	size_t			 scored;
	size_t			 done;		/* persons checked (atomic) */
};

/*
 * A scanner of the persons nodes[from..to): its scratch and the pairs
 * it kept. Only memory is read: one scanner per processor shares the
 * work.
 */
struct scanner {
	struct run		*run;
	size_t			 from, to;
	struct match_person	*self, *other;
	char			(*keys)[MATCH_KEY_LEN];
	struct cand		*cands;
	uint32_t		*stamp, *hits;	/* per node */
	struct match_edge	*edges;
	size_t			 nedges, capedges, scored;
	int			 nomem;
	pthread_t		 thread;
};

/* Allocate n bytes (8-aligned) in the arena. Returns NULL when out of
 * memory. */
static void *
arena_alloc(struct arena *ar, size_t n)
{
	char	**grown;

	n = (n + 7) & ~(size_t)7;
	if (n > ARENA_CHUNK)
		return NULL;
	if (ar->nchunk == 0 || ar->used + n > ARENA_CHUNK) {
		if ((grown = reallocarray(ar->chunk, ar->nchunk + 1,
		    sizeof(*grown))) == NULL)
			return NULL;
		ar->chunk = grown;
		if ((ar->chunk[ar->nchunk] = malloc(ARENA_CHUNK)) == NULL)
			return NULL;
		ar->nchunk++;
		ar->used = 0;
	}
	ar->used += n;
	return ar->chunk[ar->nchunk - 1] + ar->used - n;
}

/* Free the arena's chunks. */
static void
arena_free(struct arena *ar)
{
	size_t	i;

	for (i = 0; i < ar->nchunk; i++)
		free(ar->chunk[i]);
	free(ar->chunk);
	memset(ar, 0, sizeof(*ar));
}

/* FNV-1a of a key. */
static uint64_t
key_hash(const char *k)
{
	uint64_t	h = 14695981039346656037ull;

	for (; *k != '\0'; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211ull;
	return h;
}

/* See match.h. */
struct match_scan *
match_scan_new(void)
{
	return calloc(1, sizeof(struct match_scan));
}

/* See match.h. */
void
match_scan_free(struct match_scan **ps)
{
	struct match_scan	*s;

	if (ps == NULL || (s = *ps) == NULL)
		return;
	arena_free(&s->arena);
	free(s->nodes);
	free(s->ents);
	free(s);
	*ps = NULL;
}

/* See match.h. */
const struct match_scan_person *
match_scan_pack(struct match_scan *s, const struct match_person *mp,
    const char *source, const char *source_id)
{
	const struct name		*nm[5] = {&mp->family, &mp->given,
					    &mp->father, &mp->mother,
					    &mp->birthplace};
	struct match_scan_person	*h;
	struct name_token		*t;
	size_t				 i, nt = 0, ls, li;
	char				*str;

	for (i = 0; i < 5; i++)
		nt += nm[i]->n;
	ls = strlen(source) + 1;
	li = strlen(source_id) + 1;
	if ((h = arena_alloc(&s->arena, sizeof(*h) + nt * sizeof(*t) + ls +
	    li)) == NULL)
		return NULL;
	h->birth = mp->birth;
	h->sex = mp->sex;
	memcpy(h->nat, mp->nationality, sizeof(h->nat));
	memcpy(h->doc, mp->ndocs ? mp->docs[0] : "", mp->ndocs ?
	    sizeof(h->doc) : 1);
	memcpy(h->phone, mp->nphones ? mp->phones[0] : "", mp->nphones ?
	    sizeof(h->phone) : 1);
	t = (struct name_token *)(h + 1);
	for (i = 0; i < 5; i++) {
		h->n[i] = (unsigned char)nm[i]->n;
		memcpy(t, nm[i]->t, nm[i]->n * sizeof(*t));
		t += nm[i]->n;
	}
	str = (char *)t;
	memcpy(str, source, ls);
	memcpy(str + ls, source_id, li);
	return h;
}

/* Unpack h into mp; *source and *source_id point into the arena. */
static void
unpack(const struct match_scan_person *h, struct match_person *mp,
    const char **source, const char **source_id)
{
	struct name		*nm[5] = {&mp->family, &mp->given, &mp->father,
				    &mp->mother, &mp->birthplace};
	const struct name_token	*t = (const struct name_token *)(h + 1);
	size_t			 i;

	for (i = 0; i < 5; i++) {
		nm[i]->n = h->n[i];
		memcpy(nm[i]->t, t, h->n[i] * sizeof(*t));
		t += h->n[i];
	}
	mp->birth = h->birth;
	mp->sex = h->sex;
	memcpy(mp->nationality, h->nat, sizeof(h->nat));
	mp->ndocs = h->doc[0] != '\0';
	if (mp->ndocs)
		memcpy(mp->docs[0], h->doc, sizeof(h->doc));
	mp->nphones = h->phone[0] != '\0';
	if (mp->nphones)
		memcpy(mp->phones[0], h->phone, sizeof(h->phone));
	*source = (const char *)t;
	*source_id = *source + strlen(*source) + 1;
}

/* See match.h. */
int
match_scan_add(struct match_scan *s, int64_t id,
    const struct match_scan_person *p, char keys[][MATCH_KEY_LEN],
    size_t nkeys)
{
	size_t	k, cap;
	void	*grown;

	if (s->nnodes == s->capnodes) {
		cap = s->capnodes ? s->capnodes * 2 : 4096;
		if ((grown = reallocarray(s->nodes, cap, sizeof(*s->nodes))) ==
		    NULL)
			return -1;
		s->nodes = grown;
		s->capnodes = cap;
	}
	if (s->nents + nkeys > s->capents) {
		cap = (s->capents + nkeys) * 2;
		if ((grown = reallocarray(s->ents, cap, sizeof(*s->ents))) ==
		    NULL)
			return -1;
		s->ents = grown;
		s->capents = cap;
	}
	for (k = 0; k < nkeys; k++) {
		s->ents[s->nents].h = key_hash(keys[k]);
		s->ents[s->nents++].node = (uint32_t)s->nnodes;
	}
	s->nodes[s->nnodes].id = id;
	s->nodes[s->nnodes++].p = p;
	if (!s->queries_ended)
		s->nquery = s->nnodes;
	return 0;
}

/* See match.h. */
size_t
match_scan_queries_end(struct match_scan *s)
{
	s->queries_ended = 1;
	return s->nquery;
}

/* qsort: most hits first. */
static int
cmp_hits(const void *a, const void *b)
{
	const struct cand	*x = a, *y = b;

	if (x->hits != y->hits)
		return y->hits - x->hits;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* qsort: (id, node) pairs by id, then node. */
static int
cmp_idnode(const void *p, const void *q)
{
	const int64_t *a = p, *b = q;

	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return a[1] < b[1] ? -1 : a[1] > b[1];
}

/*
 * One person may have been added twice to check (a file naming the
 * same person twice: the later row updated it): only the last stays a
 * node of the scan; the earlier ones are dropped (their p set to NULL;
 * their keys are removed by ents_live). Returns the number dropped, or
 * -1 when out of memory.
 */
static long
queries_unique(struct match_scan *s)
{
	int64_t	(*v)[2];
	size_t	 i;
	long	 dropped = 0;

	if (s->nquery < 2)
		return 0;
	if ((v = calloc(s->nquery, sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < s->nquery; i++) {
		v[i][0] = s->nodes[i].id;
		v[i][1] = (int64_t)i;
	}
	qsort(v, s->nquery, sizeof(*v), cmp_idnode);
	for (i = 0; i + 1 < s->nquery; i++)
		if (v[i][0] == v[i + 1][0]) {
			s->nodes[v[i][1]].p = NULL;
			dropped++;
		}
	free(v);
	return dropped;
}

/* Remove the keys of dropped nodes (queries_unique) from ents. */
static void
ents_live(struct match_scan *s)
{
	size_t i, k = 0;

	for (i = 0; i < s->nents; i++)
		if (s->nodes[s->ents[i].node].p != NULL)
			s->ents[k++] = s->ents[i];
	s->nents = k;
}

/* qsort: entries by key hash, then node. */
static int
cmp_ent(const void *a, const void *b)
{
	const struct ent	*x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->node < y->node ? -1 : x->node > y->node;
}

/* The first entry of hash h (s->nents when none); with after set, the
 * first entry past h's. */
static size_t
ent_bound(const struct match_scan *s, uint64_t h, int after)
{
	size_t	lo = 0, hi = s->nents, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->ents[mid].h < h || (after && s->ents[mid].h == h))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * match_freq_fn of the scan: persons carrying key (all in memory), the
 * count of the key's block; the same numbers whatever the order in
 * which the persons were added.
 */
static long
scan_freq(const char *key, void *arg)
{
	struct match_scan	*s = arg;
	uint64_t		 h = key_hash(key);

	return (long)(ent_bound(s, h, 1) - ent_bound(s, h, 0));
}

/*
 * Keep the SCAN_SCORED candidates of cands[0..nc) hit most (ties: the
 * first found), best first, without sorting them all (a person of a
 * large register has thousands). Returns how many are kept.
 */
static size_t
top_hits(struct cand *cands, size_t nc)
{
	size_t	hist[MATCH_MAX_KEYS + 2] = {0}, i, n = 0, above = 0, tie;
	int	t;

	if (nc <= SCAN_SCORED) {
		qsort(cands, nc, sizeof(*cands), cmp_hits);
		return nc;
	}
	for (i = 0; i < nc; i++)
		hist[cands[i].hits > MATCH_MAX_KEYS ? MATCH_MAX_KEYS + 1 :
		    cands[i].hits]++;
	for (t = MATCH_MAX_KEYS + 1; t > 0 && above + hist[t] < SCAN_SCORED;
	    t--)
		above += hist[t];
	tie = SCAN_SCORED - above;
	for (i = 0; i < nc && n < SCAN_SCORED; i++) {
		int	h = cands[i].hits > MATCH_MAX_KEYS ?
		    MATCH_MAX_KEYS + 1 : cands[i].hits;

		if (h > t || (h == t && tie > 0)) {
			if (h == t)
				tie--;
			cands[n++] = cands[i];
		}
	}
	qsort(cands, n, sizeof(*cands), cmp_hits);
	return n;
}

/* Score node x (unpacked in sc->self) against node y; keep the pair as
 * an edge when it scores at least match_group_min(). Returns 0, or -1
 * when out of memory. */
static int
scanner_score(struct scanner *sc, uint32_t x, uint32_t y)
{
	struct match_result	 res;
	struct match_edge	*grown;
	const char		*src, *sid;
	size_t			 cap;

	unpack(sc->run->s->nodes[y].p, sc->other, &src, &sid);
	match_score(sc->self, sc->other, &res);
	sc->scored++;
	if (res.score < match_group_min())
		return 0;
	if (sc->nedges == sc->capedges) {
		cap = sc->capedges ? sc->capedges * 2 : 4096;
		if ((grown = reallocarray(sc->edges, cap, sizeof(*grown))) ==
		    NULL)
			return -1;
		sc->edges = grown;
		sc->capedges = cap;
	}
	sc->edges[sc->nedges++] = (struct match_edge){x < y ? x : y,
	    x < y ? y : x, (float)res.score};
	return 0;
}

/*
 * Check node i: the persons sharing its query keys (at most
 * SCAN_KEY_ROWS a block), the SCAN_SCORED hit most scored. Returns 0,
 * or -1 when out of memory.
 */
static int
scanner_person(struct scanner *sc, size_t i)
{
	const struct match_scan	*s = sc->run->s;
	const char		*ssrc, *ssid;
	size_t			 k, j, x, nkeys, nc = 0, taken;
	uint64_t		 h;

	if (s->nodes[i].p == NULL)	/* a repeated person (queries_unique) */
		return 0;
	unpack(s->nodes[i].p, sc->self, &ssrc, &ssid);
	nkeys = match_query_keys(sc->self, sc->keys, MATCH_MAX_KEYS);
	for (k = 0; k < nkeys; k++) {
		h = key_hash(sc->keys[k]);
		taken = 0;
		for (x = ent_bound(s, h, 0); x < s->nents &&
		    s->ents[x].h == h && taken < SCAN_KEY_ROWS; x++) {
			j = s->ents[x].node;
			if (j == i)
				continue;
			taken++;
			/* a candidate's id here is its node index */
			if (sc->stamp[j] != i + 1) {
				sc->stamp[j] = (uint32_t)(i + 1);
				sc->hits[j] = 0;
				sc->cands[nc].id = (int64_t)j;
				sc->cands[nc++].hits = 0;
			}
			sc->hits[j]++;
		}
	}
	for (j = 0; j < nc; j++)
		sc->cands[j].hits = (int)sc->hits[sc->cands[j].id];
	nc = top_hits(sc->cands, nc);
	for (j = 0; j < nc; j++)
		if (scanner_score(sc, (uint32_t)i, (uint32_t)sc->cands[j].id) ==
		    -1) {
			sc->nomem = 1;
			return -1;
		}
	return 0;
}

/* Check sc's persons (a thread's function). Returns NULL. */
static void *
scanner_run(void *arg)
{
	struct scanner	*sc = arg;
	struct run	*run = sc->run;
	size_t		 i, n;

	for (i = sc->from; i < sc->to; i++) {
		if (scanner_person(sc, i) == -1)
			break;
		n = __atomic_add_fetch(&run->done, 1, __ATOMIC_RELAXED);
		if (n % SCAN_PROGRESS_EVERY == 0 && run->progress != NULL)
			run->progress(n, run->s->nquery, run->arg);
	}
	return NULL;
}

/* Allocate scanner sc's scratch for a scan over n nodes. Returns 0,
 * or -1 when out of memory. */
static int
scanner_init(struct scanner *sc, struct run *run, size_t n)
{
	memset(sc, 0, sizeof(*sc));
	sc->run = run;
	if ((sc->self = calloc(1, sizeof(*sc->self))) == NULL ||
	    (sc->other = calloc(1, sizeof(*sc->other))) == NULL ||
	    (sc->keys = calloc(MATCH_MAX_KEYS, MATCH_KEY_LEN)) == NULL ||
	    (sc->cands = calloc(MATCH_MAX_KEYS * SCAN_KEY_ROWS,
	    sizeof(*sc->cands))) == NULL ||
	    (sc->stamp = calloc(n + 1, sizeof(*sc->stamp))) == NULL ||
	    (sc->hits = calloc(n + 1, sizeof(*sc->hits))) == NULL)
		return -1;
	return 0;
}

/* Free scanner sc's scratch and kept pairs. */
static void
scanner_free(struct scanner *sc)
{
	free(sc->self);
	free(sc->other);
	free(sc->keys);
	free(sc->cands);
	free(sc->stamp);
	free(sc->hits);
	free(sc->edges);
	memset(sc, 0, sizeof(*sc));
}

/* How many scanners: one per processor (at most SCAN_THREADS_MAX)
 * when there are enough persons to check to share, else one. */
static size_t
scanner_count(const struct match_scan *s)
{
	long	ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	if (s->nquery < SCAN_THREADS_FROM || ncpu < 2)
		return 1;
	return ncpu > SCAN_THREADS_MAX ? SCAN_THREADS_MAX : (size_t)ncpu;
}

/*
 * Check every person to check with nscan scanners (threads when more
 * than one; the first runs in this thread) and gather their pairs into
 * run->edges. Returns 0, or -1 when out of memory.
 */
static int
run_scanners(struct run *run, struct scanner *sc, size_t nscan)
{
	size_t	 n = run->s->nquery, k, started = 1, total = 0;
	int	 rc = 0;

	for (k = 0; k < nscan; k++) {
		sc[k].from = n * k / nscan;
		sc[k].to = n * (k + 1) / nscan;
	}
	for (k = 1; k < nscan; k++) {
		if (pthread_create(&sc[k].thread, NULL, scanner_run, &sc[k]) !=
		    0)
			break;
		started++;
	}
	scanner_run(&sc[0]);
	/* what a thread could not be started for, this one does */
	for (k = started; k < nscan; k++)
		scanner_run(&sc[k]);
	for (k = 1; k < started; k++)
		pthread_join(sc[k].thread, NULL);
	for (k = 0; k < nscan; k++) {
		if (sc[k].nomem)
			rc = -1;
		total += sc[k].nedges;
		run->scored += sc[k].scored;
	}
	if (rc != 0)
		return rc;
	if ((run->edges = calloc(total ? total : 1, sizeof(*run->edges))) ==
	    NULL)
		return -1;
	for (k = 0; k < nscan; k++) {
		memcpy(run->edges + run->nedges, sc[k].edges, sc[k].nedges *
		    sizeof(*run->edges));
		run->nedges += sc[k].nedges;
	}
	return 0;
}

/* qsort: edges by persons (to drop the pairs found from both sides). */
static int
cmp_edge_pair(const void *p, const void *q)
{
	const struct match_edge *a = p, *b = q;

	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* match_pair_fn of the grouping: the score of nodes a and b. */
static double
run_pair_score(uint32_t a, uint32_t b, void *arg)
{
	struct run		*run = arg;
	struct match_result	 res;
	const char		*src, *sid;

	unpack(run->s->nodes[a].p, run->self, &src, &sid);
	unpack(run->s->nodes[b].p, run->other, &src, &sid);
	match_score(run->self, run->other, &res);
	return res.score;
}

/*
 * Hand the pair of nodes x and y of a group of size members whose
 * smallest person id is gid to the caller, with its own score, class
 * and reasons. Returns 0 or what the caller's function returned.
 */
static int
run_report(struct run *run, uint32_t x, uint32_t y, size_t size,
    int64_t gid)
{
	const struct node	*a = &run->s->nodes[x], *b = &run->s->nodes[y];
	struct match_result	 res;
	struct match_scan_pair	 pr;

	if (a->id == b->id)	/* never a person with itself */
		return 0;
	unpack(a->p, run->self, &pr.source_a, &pr.source_id_a);
	unpack(b->p, run->other, &pr.source_b, &pr.source_id_b);
	match_score(run->self, run->other, &res);
	pr.id_a = a->id;
	pr.id_b = b->id;
	pr.res = &res;
	pr.group_size = size;
	pr.group_id = gid;
	return run->pair(&pr, run->arg);
}

/* qsort: nodes by group, then node. */
static int
cmp_member(const void *p, const void *q)
{
	const uint64_t a = *(const uint64_t *)p, b = *(const uint64_t *)q;

	return a < b ? -1 : a > b;
}

/*
 * Report the pairs of the group of members m[from..to) (group << 32 |
 * node, sorted) that hold at least one person to check. Returns 0 or
 * what the caller's function returned.
 */
static int
run_group(struct run *run, const uint64_t *m, size_t from, size_t to)
{
	const struct match_scan	*s = run->s;
	size_t			 i, j;
	int64_t			 gid = INT64_MAX;
	int			 rc;

	for (i = from; i < to; i++)
		if (s->nodes[(uint32_t)m[i]].id < gid)
			gid = s->nodes[(uint32_t)m[i]].id;
	for (i = from; i < to; i++)
		for (j = i + 1; j < to; j++) {
			/* pairs of persons not to check are not this
			 * scan's to report */
			if ((uint32_t)m[i] >= s->nquery &&
			    (uint32_t)m[j] >= s->nquery)
				continue;
			if ((rc = run_report(run, (uint32_t)m[i],
			    (uint32_t)m[j], to - from, gid)) != 0)
				return rc;
		}
	return 0;
}

/*
 * Group the nodes (match_group) over the pairs kept and report every
 * pair of a group with at least one person to check. Returns 0, -1
 * when out of memory, or what the caller's function returned.
 */
static int
run_groups(struct run *run)
{
	size_t		 n = run->s->nnodes, i, j, a, b;
	uint32_t	*group = NULL;
	uint64_t	*m = NULL;
	int		 rc = -1;

	/* each pair once (both sides may have found it) */
	qsort(run->edges, run->nedges, sizeof(*run->edges), cmp_edge_pair);
	for (i = 0, j = 0; i < run->nedges; i++)
		if (j == 0 || cmp_edge_pair(&run->edges[j - 1], &run->edges[i]))
			run->edges[j++] = run->edges[i];
	run->nedges = j;
	if ((group = calloc(n ? n : 1, sizeof(*group))) == NULL ||
	    (m = calloc(n ? n : 1, sizeof(*m))) == NULL ||
	    match_group(n, run->edges, run->nedges, run_pair_score, run,
	    group) == -1)
		goto out;
	for (i = 0; i < n; i++)
		m[i] = (uint64_t)group[i] << 32 | i;
	qsort(m, n, sizeof(*m), cmp_member);
	rc = 0;
	for (a = 0; a < n && rc == 0; a = b) {
		for (b = a + 1; b < n && m[b] >> 32 == m[a] >> 32; b++)
			;
		if (b - a >= 2)
			rc = run_group(run, m, a, b);
	}
out:
	free(group);
	free(m);
	return rc;
}

/* See match.h. */
int
match_scan_run(struct match_scan *s, match_scan_pair_fn pair,
    match_scan_progress_fn progress, void *arg,
    struct match_scan_stats *stats)
{
	struct run	 run;
	struct scanner	 sc[SCAN_THREADS_MAX];
	size_t		 k, nscan = 1;
	long		 dropped;
	int		 rc = -1;

	memset(&run, 0, sizeof(run));
	memset(sc, 0, sizeof(sc));
	memset(stats, 0, sizeof(*stats));
	run.s = s;
	run.pair = pair;
	run.progress = progress;
	run.arg = arg;
	if (s->nquery == 0)		/* nothing to check */
		return 0;
	if ((dropped = queries_unique(s)) == -1)
		return -1;
	ents_live(s);
	nscan = scanner_count(s);
	if ((run.self = calloc(1, sizeof(*run.self))) == NULL ||
	    (run.other = calloc(1, sizeof(*run.other))) == NULL)
		goto out;
	for (k = 0; k < nscan; k++)
		if (scanner_init(&sc[k], &run, s->nnodes) == -1)
			goto out;
	qsort(s->ents, s->nents, sizeof(*s->ents), cmp_ent);
	match_set_frequency(scan_freq, s, (long)s->nnodes - dropped);
	if (run_scanners(&run, sc, nscan) == -1)
		goto out;
	for (k = 0; k < nscan; k++)
		scanner_free(&sc[k]);
	stats->queries = s->nquery;
	stats->others = s->nnodes - s->nquery;
	stats->scanners = nscan;
	stats->scored = run.scored;
	rc = run_groups(&run);
	stats->kept = run.nedges;	/* each pair once, after run_groups */
out:
	match_set_frequency(NULL, NULL, 0);
	for (k = 0; k < nscan; k++)
		scanner_free(&sc[k]);
	free(run.self);
	free(run.other);
	free(run.edges);
	return rc;
}

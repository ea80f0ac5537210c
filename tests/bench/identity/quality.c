/*
 * quality.c: what modules/match is worth, in figures (never pass/fail).
 *
 * 1. Deduplication of splink's synthetic persons (true clusters given):
 *    every record's query keys are looked up in an index of every
 *    record's stored keys (as havre-identity does in person_name_key,
 *    with a cap per key), each candidate pair is scored once; then the
 *    records are grouped (match_group, as the import's duplicate pass
 *    does) and the pairs within groups are compared with the true
 *    pairs: precision, recall, F1, pairs compared, blocking recall,
 *    time; the pairs scoring probable or above on their own are
 *    compared too. Records without any name are left out (the import
 *    rejects them).
 * 2. Cross-script recall on netransliteration-wikidata: for each
 *    (Latin, native) spelling pair of a name, does the matcher see the
 *    same name (token similarity at least "agree"), and do the two share
 *    a blocking key?
 * 3. Normalisation speed (names/s): Latin names of the file, and Arabic
 *    names of the clusters file.
 *
 * Usage: quality [-c cap] [-p] [-v] [-s even|odd] [-w name=value] [-F]
 * [-D] [file.csv] (default: fake_20000 from $HAVRE_TESTDATA/splink).
 * -p uses the city column as the birthplace (names and birth date only
 * without it; splink's e-mail column is never used: a person record
 * has no e-mail). -v prints missed and wrong pairs (-vv also the true
 * pairs blocking missed). -s keeps only the clusters of even or odd
 * number (tune on one half, report on the other). -w sets an entry of
 * score.c's weight table (tuning). -F scores without name frequencies
 * (by default the file's own counts of each name key are supplied, as
 * havre-identity supplies person_name_key counts). -D runs the
 * deduplication benchmark only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "match.h"
#include "matchint.h"
#include "valid.h"
#include "../../unit/match_testdata.h"

struct rec {
	struct match_person	 p;
	long			 cluster;
	char			 first[64], last[64], dob[16], city[64];
};

/* A chained hash index: key -> list of record numbers. */
struct ent {
	char		 key[MATCH_KEY_LEN];
	uint32_t	*ids;
	size_t		 n, cap;
	struct ent	*next;
};

#define NBUCKETS	(1u << 18)

static struct ent *buckets[NBUCKETS];
static int use_city;		/* -p: splink's city as birthplace */
static int parity = -1;		/* -s even|odd: only clusters of that parity */
static int use_freq = 1;	/* -F turns name frequencies off */

/* FNV-1a. */
static uint32_t
hash_key(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/* The entry of key, created when create is 1; NULL if absent. */
static struct ent *
index_get(const char *key, int create)
{
	uint32_t b = hash_key(key) & (NBUCKETS - 1);
	struct ent *e;

	for (e = buckets[b]; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e;
	if (!create)
		return NULL;
	if ((e = calloc(1, sizeof(*e))) == NULL)
		abort();
	match_fmt(e->key, sizeof(e->key), "%s", key);
	e->next = buckets[b];
	buckets[b] = e;
	return e;
}

/* Append record id to key's list (aborts when memory runs out: a
 * benchmark). */
static void
index_add(const char *key, uint32_t id)
{
	struct ent *e = index_get(key, 1);

	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 4;
		if ((e->ids = realloc(e->ids, e->cap * sizeof(*e->ids))) ==
		    NULL)
			abort();
	}
	e->ids[e->n++] = id;
}

/* Name frequency from the index (match_set_frequency): the records
 * carrying key. */
static long
index_freq(const char *key, void *arg)
{
	struct ent *e = index_get(key, 0);

	(void)arg;
	return e != NULL ? (long)e->n : 0;
}

/* Monotonic seconds. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A set of pairs (i < j) as open addressing over 64-bit values. */
struct pairset {
	uint64_t	*v;
	size_t		 n, cap;
};

/* Insert; returns 1 if new, 0 if present. */
static int
pairset_add(struct pairset *s, uint64_t x)
{
	size_t i;

	if ((s->n + 1) * 2 > s->cap) {
		struct pairset t = { NULL, 0, s->cap ? s->cap * 2 : 1 << 16 };

		if ((t.v = calloc(t.cap, sizeof(*t.v))) == NULL)
			abort();
		for (i = 0; i < s->cap; i++)
			if (s->v[i])
				pairset_add(&t, s->v[i]);
		free(s->v);
		*s = t;
	}
	i = (size_t)((x * 0x9e3779b97f4a7c15ull) >> 20) & (s->cap - 1);
	while (s->v[i] != 0) {
		if (s->v[i] == x)
			return 0;
		i = (i + 1) & (s->cap - 1);
	}
	s->v[i] = x;
	s->n++;
	return 1;
}

/* Is x in the set? */
static int
pairset_has(const struct pairset *s, uint64_t x)
{
	size_t i;

	if (s->cap == 0)
		return 0;
	i = (size_t)((x * 0x9e3779b97f4a7c15ull) >> 20) & (s->cap - 1);
	while (s->v[i] != 0) {
		if (s->v[i] == x)
			return 1;
		i = (i + 1) & (s->cap - 1);
	}
	return 0;
}

/* The scored pairs worth grouping (match_group_min() and above). */
static struct match_edge	*edges;
static size_t			 nedges, capedges;

/* Keep edge (a, b) scoring s. */
static void
edge_add(uint32_t a, uint32_t b, double s)
{
	if (nedges == capedges) {
		capedges = capedges ? capedges * 2 : 4096;
		if ((edges = realloc(edges, capedges * sizeof(*edges))) ==
		    NULL)
			abort();
	}
	edges[nedges++] = (struct match_edge){a, b, (float)s};
}

/* match_pair_fn over the records. */
static double
rec_pair(uint32_t a, uint32_t b, void *arg)
{
	const struct rec	*r = arg;
	struct match_result	 res;

	match_score(&r[a].p, &r[b].p, &res);
	return res.score;
}

/* qsort over uint64_t. */
static int
cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/*
 * Group the records (match_group over the kept edges) and print the
 * precision, recall and F1 of the pairs within groups.
 */
static void
group_report(struct rec *r, size_t nr, size_t truepairs)
{
	uint32_t	*g = calloc(nr, sizeof(*g));
	uint64_t	*k = calloc(nr, sizeof(*k));
	size_t		 i, a, b, c, d, pred = 0, tp = 0, groups = 0, big = 0;
	double		 t0 = now(), p, rc;

	if (g == NULL || k == NULL || match_group(nr, edges, nedges,
	    rec_pair, r, g) == -1)
		abort();
	/* by group, then true cluster: pairs of a group, pairs of a
	 * cluster within it */
	for (i = 0; i < nr; i++)
		k[i] = (uint64_t)g[i] << 32 | (uint64_t)r[i].cluster;
	qsort(k, nr, sizeof(*k), cmp_u64);
	for (a = 0; a < nr; a = b) {
		for (b = a; b < nr && k[b] >> 32 == k[a] >> 32; b++)
			;
		pred += (b - a) * (b - a - 1) / 2;
		groups += b - a > 1;
		if (b - a > big)
			big = b - a;
		for (c = a; c < b; c = d) {
			for (d = c; d < b && k[d] == k[c]; d++)
				;
			tp += (d - c) * (d - c - 1) / 2;
		}
	}
	p = pred ? (double)tp / pred : 0;
	rc = truepairs ? (double)tp / truepairs : 0;
	printf("grouped (match_group over %zu pairs): %zu groups, largest "
	    "%zu, in %.3f s\n", nedges, groups, big, now() - t0);
	printf("pairs within groups: precision %.4f recall %.4f F1 %.4f "
	    "(tp %zu, fp %zu)\n", p, rc, p + rc > 0 ? 2 * p * rc / (p + rc) :
	    0, tp, pred - tp);
	free(g);
	free(k);
}

/* Trim spaces at both ends in place. */
static char *
trim(char *s)
{
	size_t n;

	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

/* Deduplication benchmark. Returns 0, or 1 when the file is missing. */
static int
bench_dedup(struct match_ctx *m, const char *path, size_t cap, int verbose)
{
	FILE *f;
	struct rec *r = NULL;
	size_t nr = 0, capr = 0, i, k, nk, tp = 0, fp = 0, truepairs = 0,
	    blocked_true = 0, compared = 0, skipped_keys = 0;
	char line[1024], keys[MATCH_MAX_KEYS][MATCH_KEY_LEN];
	struct pairset seen = { NULL, 0, 0 };
	size_t classes[4] = { 0 };
	double t0, t1, t2, t3;
	long maxc = -1;

	if ((f = fopen(path, "r")) == NULL) {
		printf("# skip: %s not found\n", path);
		return 1;
	}
	t0 = now();
	if (fgets(line, sizeof(line), f) == NULL) {
		fclose(f);
		return 1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *fl[8];
		struct rec *x;

		if (csv_split(line, fl, 8) < 7)
			continue;
		if (nr == capr) {
			capr = capr ? capr * 2 : 1024;
			if ((r = realloc(r, capr * sizeof(*r))) == NULL)
				abort();
		}
		x = &r[nr++];
		memset(x, 0, sizeof(*x));
		snprintf(x->first, sizeof(x->first), "%s", trim(fl[1]));
		snprintf(x->last, sizeof(x->last), "%s", trim(fl[2]));
		snprintf(x->dob, sizeof(x->dob), "%s", trim(fl[3]));
		snprintf(x->city, sizeof(x->city), "%s", trim(fl[4]));
		x->cluster = strtol(fl[6], NULL, 10);
		if ((parity >= 0 && x->cluster % 2 != parity) ||
		    (x->first[0] == '\0' && x->last[0] == '\0')) {
			nr--;
			continue;
		}
		if (x->cluster > maxc)
			maxc = x->cluster;
		match_name(m, x->first, &x->p.given);
		match_name(m, x->last, &x->p.family);
		if (use_city)
			match_name(m, x->city, &x->p.birthplace);
		if (!valid_partial_date(x->dob, &x->p.birth))
			x->p.birth.precision = DATE_UNKNOWN;
	}
	fclose(f);
	t1 = now();
	for (i = 0; i < nr; i++) {
		nk = match_keys(&r[i].p, keys, MATCH_MAX_KEYS);
		for (k = 0; k < nk; k++)
			index_add(keys[k], (uint32_t)i);
	}
	if (use_freq)
		match_set_frequency(index_freq, NULL, (long)nr);
	/* True pairs: records per cluster. */
	{
		size_t *count = calloc((size_t)maxc + 1, sizeof(size_t));

		if (count == NULL)
			abort();
		for (i = 0; i < nr; i++)
			count[r[i].cluster]++;
		for (i = 0; i <= (size_t)maxc; i++)
			truepairs += count[i] * (count[i] - (count[i] > 0)) / 2;
		free(count);
	}
	t2 = now();
	for (i = 0; i < nr; i++) {
		nk = match_query_keys(&r[i].p, keys, MATCH_MAX_KEYS);
		for (k = 0; k < nk; k++) {
			struct ent *e = index_get(keys[k], 0);
			size_t j;

			if (e == NULL)
				continue;
			if (e->n > cap) {
				skipped_keys++;
				continue;
			}
			for (j = 0; j < e->n; j++) {
				uint32_t a = (uint32_t)i, b = e->ids[j];
				struct match_result res;
				int same;

				if (a == b)
					continue;
				if (a > b) {
					uint32_t t = a;

					a = b;
					b = t;
				}
				if (!pairset_add(&seen,
				    ((uint64_t)a << 32 | b) + 1))
					continue;
				compared++;
				match_score(&r[i].p, &r[e->ids[j]].p, &res);
				classes[res.cls]++;
				if (res.score >= match_group_min())
					edge_add(a, b, res.score);
				same = r[a].cluster == r[b].cluster;
				blocked_true += same;
				if (res.cls >= MATCH_PROBABLE) {
					if (same)
						tp++;
					else
						fp++;
				}
				if (verbose && same != (res.cls >=
				    MATCH_PROBABLE)) {
					size_t z;

					printf("# %s %s %s %s | %s %s %s %.2f",
					    same ? "MISS" : "FALSE",
					    r[a].first, r[a].last, r[a].dob,
					    r[b].first, r[b].last, r[b].dob,
					    res.score);
					for (z = 0; z < res.nreasons; z++)
						printf(" [%s %s %.1f]",
						    res.reasons[z].field,
						    res.reasons[z].how,
						    res.reasons[z].weight);
					printf("\n");
				}
			}
		}
	}
	t3 = now();
	if (verbose > 1) {
		/* True pairs blocking did not find (records of a cluster
		 * are adjacent in splink's files). */
		size_t a, b;

		for (a = 0; a < nr; a++)
			for (b = a + 1; b < nr && r[b].cluster == r[a].cluster;
			    b++)
				if (!pairset_has(&seen,
				    ((uint64_t)a << 32 | b) + 1))
					printf("# UNBLOCKED %s %s %s | %s %s "
					    "%s\n", r[a].first, r[a].last,
					    r[a].dob, r[b].first, r[b].last,
					    r[b].dob);
	}
	{
		double p = tp + fp ? (double)tp / (tp + fp) : 0,
		    rc = truepairs ? (double)tp / truepairs : 0,
		    f1 = p + rc > 0 ? 2 * p * rc / (p + rc) : 0;

		printf("dedup file: %s\n", path);
		printf("records: %zu, true pairs: %zu\n", nr, truepairs);
		printf("pairs compared: %zu (blocking found %zu of the true "
		    "pairs: %.3f; keys over the cap of %zu skipped: %zu)\n",
		    compared, blocked_true,
		    truepairs ? (double)blocked_true / truepairs : 0, cap,
		    skipped_keys);
		printf("classes: certain %zu, probable %zu, possible %zu, "
		    "none %zu\n", classes[MATCH_CERTAIN],
		    classes[MATCH_PROBABLE], classes[MATCH_POSSIBLE],
		    classes[MATCH_NONE]);
		printf("pairs probable or above on their own: precision %.4f "
		    "recall %.4f F1 %.4f (tp %zu, fp %zu)\n", p, rc, f1, tp,
		    fp);
		printf("time: normalise %.3f s (%.0f names/s), keys+index "
		    "%.3f s, block+score %.3f s (%.0f pairs/s)\n", t1 - t0,
		    2.0 * nr / (t1 - t0), t2 - t1, t3 - t2,
		    compared / (t3 - t2));
	}
	group_report(r, nr, truepairs);
	match_set_frequency(NULL, NULL, 0);
	free(seen.v);
	free(edges);
	free(r);
	return 0;
}

/* Does any stored key of a equal a stored key of b? */
static int
share_key(const struct match_person *a, const struct match_person *b)
{
	char ka[MATCH_MAX_KEYS][MATCH_KEY_LEN], kb[MATCH_MAX_KEYS][MATCH_KEY_LEN];
	size_t na = match_keys(a, ka, MATCH_MAX_KEYS),
	    nb = match_keys(b, kb, MATCH_MAX_KEYS), i, j;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (strcmp(ka[i], kb[j]) == 0)
				return 1;
	return 0;
}

/* Best token similarity between two single names. */
static double
name_sim(const struct name *a, const struct name *b)
{
	double best = 0, s;
	const char *how;
	size_t i, j;

	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++)
			if ((s = match_token_sim(&a->t[i], &b->t[j], &how)) >
			    best)
				best = s;
	return best;
}

/*
 * Cross-script recall on a TSV of "latin<TAB>native letters separated
 * by spaces<TAB>count" (wd_russian_20), or on the Arabic clusters CSV
 * (is_clusters). Only pairs seen at least mincount times are used.
 */
static void
bench_cross(struct match_ctx *m, const char *rel, int is_clusters,
    long mincount, size_t limit)
{
	FILE *f = testdata_open(rel);
	char line[8192];
	size_t pairs = 0, found = 0, keyed = 0, names = 0;
	double t0, tn = 0;

	if (f == NULL) {
		printf("# skip: %s/%s not found\n", testdata_dir(), rel);
		return;
	}
	if (is_clusters && fgets(line, sizeof(line), f) == NULL) {
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL && pairs < limit) {
		char native[256], *lat[64];
		long counts[64];
		size_t nl, i;
		struct match_person pn, pl;

		memset(&pn, 0, sizeof(pn));
		if ((nl = translit_line(line, is_clusters, native, lat,
		    counts)) == 0)
			continue;
		t0 = now();
		match_name(m, native, &pn.family);
		tn += now() - t0;
		names++;
		for (i = 0; i < nl; i++) {
			if (counts[i] < mincount || pn.family.n == 0)
				continue;
			memset(&pl, 0, sizeof(pl));
			if (match_name(m, lat[i], &pl.family) == -1 ||
			    pl.family.n == 0)
				continue;
			pairs++;
			if (name_sim(&pn.family, &pl.family) >= 0.7)
				found++;
			if (share_key(&pn, &pl))
				keyed++;
		}
	}
	fclose(f);
	printf("cross-script %s (count >= %ld): %zu pairs, recall %.3f "
	    "(similarity >= 0.7), shared blocking key %.3f; %.0f native "
	    "names/s\n", rel, mincount, pairs,
	    pairs ? (double)found / pairs : 0,
	    pairs ? (double)keyed / pairs : 0, tn > 0 ? names / tn : 0);
}

/* Normalisation speed on a fixed list, repeated. */
static void
bench_speed(struct match_ctx *m)
{
	static const char *const latin[] = { "Mohammed", "Abdul Rahman",
	    "Alexander", "Watson", "al-Hassan", "Fatima Zahra", "Smith",
	    "Yusuf", "Shevchenko", "Tesfaye" };
	static const char *const arabic[] = {
	    "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf",
	    "\xd8\xb9\xd8\xa8\xd8\xaf \xd8\xa7\xd9\x84\xd8\xb1\xd8\xad\xd9\x85"
	    "\xd9\x86",
	    "\xd9\x81\xd8\xa7\xd8\xb7\xd9\x85\xd8\xa9",
	    "\xd9\x8a\xd9\x88\xd8\xb3\xd9\x81" };
	struct name n;
	size_t i, reps = 200000;
	double t0;

	t0 = now();
	for (i = 0; i < reps; i++)
		match_name(m, latin[i % 10], &n);
	printf("speed: Latin names %.0f names/s\n", reps / (now() - t0));
	reps = 50000;
	t0 = now();
	for (i = 0; i < reps; i++)
		match_name(m, arabic[i % 4], &n);
	printf("speed: Arabic names %.0f names/s\n", reps / (now() - t0));
}

/* Parse options, open the matcher, run the three benchmarks. Returns 0,
 * 1 if the matcher cannot be opened, 2 on a usage error. */
int
main(int argc, char **argv)
{
	struct match_ctx *m;
	const char *path = NULL;
	char def[1024];
	size_t cap = 1000;
	int c, verbose = 0, dedup_only = 0;
	double t0 = now();

	while ((c = getopt(argc, argv, "c:pvs:w:FD")) != -1) {
		char *eq;

		switch (c) {
		case 's':
			parity = strcmp(optarg, "odd") == 0;
			break;
		case 'w':
			if ((eq = strchr(optarg, '=')) == NULL) {
				fprintf(stderr, "-w name=value\n");
				return 2;
			}
			*eq = '\0';
			if (match_weight_set(optarg, strtod(eq + 1, NULL)) ==
			    -1) {
				fprintf(stderr, "no weight %s\n", optarg);
				return 2;
			}
			break;
		case 'F':
			use_freq = 0;
			break;
		case 'D':
			dedup_only = 1;
			break;

		case 'c':
			cap = (size_t)strtoul(optarg, NULL, 10);
			break;
		case 'p':
			use_city = 1;
			break;
		case 'v':
			verbose++;
			break;
		default:
			fprintf(stderr, "usage: quality [-c cap] [-p] [-v] "
			    "[-s even|odd] [-w name=value] [-F] [-D] "
			    "[file.csv]\n");
			return 2;
		}
	}
	if (optind < argc)
		path = argv[optind];
	else {
		snprintf(def, sizeof(def),
		    "%s/splink/fake_20000_from_splink_demos.csv",
		    testdata_dir());
		path = def;
	}
	if ((m = test_match_open()) == NULL) {
		fprintf(stderr, "cannot open the matcher\n");
		return 1;
	}
	printf("match_open: %.3f s\n", now() - t0);
	bench_dedup(m, path, cap, verbose);
	if (dedup_only) {
		match_close(&m);
		return 0;
	}
	bench_cross(m, "netransliteration-wikidata/"
	    "derived_arabic_latin_variant_clusters.csv", 1, 5, 1000000);
	bench_cross(m, "netransliteration-wikidata/wd_russian_20", 0, 2,
	    1000000);
	bench_speed(m);
	match_close(&m);
	return 0;
}

/*
 * search.c: finding the persons of the register a query may be (the
 * one way every program does it: havre-identity's search and duplicate
 * check, havre-registration's duplicate check). The query's blocking
 * keys (match_query_keys) are looked up in person_name_key (index range
 * scans, capped per key, several keys a statement), plus exact document
 * numbers and phones; the persons hit most are loaded PERSON_BATCH a
 * statement and scored with match_score against the register's name
 * frequencies (person_freq_install); person_dup_check keeps those of
 * the caller's class or above.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "htime.h"
#include "person.h"


/*
 * Retrieval (issue 14: the right person must not be lost in the large
 * blocks of a register of very common names). Each query key's block
 * (the persons carrying it) is read with one row more than BLOCK_READ,
 * which sizes it (a large block's size is kept per worker, as the name
 * frequencies are, and not read again); then the blocks are used
 * rarest first, each in full, while the query's ROW_BUDGET lasts; a
 * block larger than BLOCK_READ is not used at all, since a cut block
 * (the first rows by id) would pick persons at random and crowd the
 * pool. The exact and near-exact forms are in the rare keys
 * whatever the register: the full birth date (b:, about 35 persons a
 * day in a million), the name parts with the year (ys:, yv:), the
 * documents and phones. Only when the rare keys leave the pool short
 * of the persons to score (one very common name typed alone) are the
 * large blocks read, smallest first, up to the budget left: a look-up
 * of "Mohammed" lists some Mohammeds and says more exist.
 *
 * BLOCK_READ 2000 and ROW_BUDGET 12000: an indexed range of 2000 keys
 * reads in about 1 ms here, so the blocks used cost a few ms (the p95
 * target is 50 ms, scoring takes the rest). SCORED is how many of the
 * persons hit most are scored (loaded PERSON_BATCH a statement, four
 * name normalisations each): 60 for a duplicate check, SCORED_MAX
 * (five pages of SHOWN) for an agent's look-up. HITS_SLOTS bounds the
 * pool (open addressing, at most half full: ROW_BUDGET plus documents
 * and phones fit).
 */
#define BLOCK_READ	2000
#define ROW_BUDGET	12000
#define SCORED		60
#define SCORED_MAX	PERSON_SCORED_MAX
#define SHOWN		PERSON_SHOWN
#define HITS_SLOTS	32768
#define PERSON_PRIOR_SCALE	2.0	/* match_set_prior_scale */

/* Candidates hit by the lookups: person id -> weight of the hits. */
struct hits {
	int64_t	 id[HITS_SLOTS];
	double	 w[HITS_SLOTS];
	size_t	 n;
};

/* A query key, the size of its block (capped at BLOCK_READ + 1) and,
 * when it was small enough to read, its persons. */
struct qkey {
	char		 key[MATCH_KEY_LEN];
	long		 size;
	int64_t		*ids;		/* size of them, or NULL (not read) */
	int		 used;		/* its persons went into the pool */
};

/* Add weight w to person id (ignored when the table is full). */
static void
hits_add(struct hits *h, int64_t id, double w)
{
	size_t	i = (size_t)((uint64_t)id * 2654435761u) % HITS_SLOTS;

	for (;;) {
		if (h->id[i] == id) {
			h->w[i] += w;
			return;
		}
		if (h->id[i] == 0) {
			if (h->n >= HITS_SLOTS / 2)
				return;
			h->id[i] = id;
			h->w[i] = w;
			h->n++;
			return;
		}
		i = (i + 1) % HITS_SLOTS;
	}
}

/* Run a lookup statement (already bound) and add each person it
 * returns with weight w. Returns DB_OK or the error. */
static enum db_rc
lookup_run(struct db_stmt *st, struct hits *h, double w)
{
	enum db_rc	rc;

	while ((rc = db_step(st)) == DB_ROW)
		hits_add(h, db_col_int(st, 0), w);
	return rc;
}

/* A key's weight: rarer keys weigh more (1 / (1 + log10 rows)). */
static double
key_weight(long rows)
{
	return 1.0 / (1.0 + log10((double)rows + 1));
}



/* Split a space-separated column into at most max strings of size sz. */
static size_t
split_list(const char *s, char *out, size_t sz, size_t max)
{
	size_t	n = 0, len;

	while (s != NULL && *s != '\0' && n < max) {
		len = strcspn(s, " ");
		if (len > 0 && len < sz) {
			memcpy(out + n * sz, s, len);
			out[n * sz + len] = '\0';
			n++;
		}
		s += len;
		s += strspn(s, " ");
	}
	return n;
}

/* Fill candidate c and the matcher's view mp from a row of
 * PSQL_CANDIDATE (column 0 the id), and score it against qp. */
static void
candidate_fill(struct match_ctx *m, struct db_stmt *st,
    const struct match_person *qp, struct person_cand *c,
    struct match_person *mp)
{
	int64_t	prec;

	memset(mp, 0, sizeof(*mp));
	snprintf(c->family, sizeof(c->family), "%s", db_col_text(st, 1));
	snprintf(c->given, sizeof(c->given), "%s", db_col_text(st, 2));
	match_name(m, c->family, &mp->family);
	match_name(m, c->given, &mp->given);
	match_name(m, db_col_text(st, 3), &mp->father);
	match_name(m, db_col_text(st, 4), &mp->mother);
	snprintf(c->sex, sizeof(c->sex), "%s", db_col_text(st, 5));
	mp->sex = c->sex[0];
	mp->birth.year = (int)db_col_int(st, 6);
	mp->birth.month = (int)db_col_int(st, 7);
	mp->birth.day = (int)db_col_int(st, 8);
	prec = db_col_int(st, 9) - 1;
	mp->birth.precision = (prec >= DATE_UNKNOWN && prec <= DATE_DAY) ?
	    (enum date_precision)prec : DATE_UNKNOWN;
	if (mp->birth.precision == DATE_UNKNOWN || mp->birth.year == 0)
		c->birth[0] = '\0';
	else
		pdate_format(&mp->birth, c->birth);
	snprintf(c->nationality, sizeof(c->nationality), "%s",
	    db_col_text(st, 10));
	snprintf(mp->nationality, sizeof(mp->nationality), "%s",
	    c->nationality);
	snprintf(c->source, sizeof(c->source), "%s", db_col_text(st, 11));
	snprintf(c->source_id, sizeof(c->source_id), "%s",
	    db_col_text(st, 12));
	mp->ndocs = split_list(db_col_text(st, 13), &mp->docs[0][0],
	    sizeof(mp->docs[0]), MATCH_MAX_DOCS);
	mp->nphones = split_list(db_col_text(st, 14), &mp->phones[0][0],
	    sizeof(mp->phones[0]), MATCH_MAX_PHONES);
	match_score(qp, mp, &c->res);
	c->carried = match_names_carried(qp, mp);
	c->closeness = match_closeness(qp, mp, &c->res);
	c->lookup = c->res.cls == MATCH_NONE;
}

/*
 * Load and score the candidates c[0..n) (n <= PERSON_BATCH) in one
 * statement; loaded[i] is set for each found active (a person merged
 * or gone since the lookup is left out). Returns DB_OK or the error.
 */
static enum db_rc
candidates_score(struct db *db, struct match_ctx *m,
    const struct match_person *qp, struct person_cand *c, size_t n,
    int *loaded, struct match_person *mp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 id;
	size_t		 i;

	if ((st = db_tstmt(db, &person_sqls, PSQL_CANDIDATE)) == NULL)
		return db_last_rc(db);
	for (i = 0; i < PERSON_BATCH; i++) {
		db_bind_int(st, i, i < n ? c[i].id : 0);
		if (i < n)
			loaded[i] = 0;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		id = db_col_int(st, 0);
		for (i = 0; i < n && c[i].id != id; i++)
			;
		if (i < n && !loaded[i]) {
			candidate_fill(m, st, qp, &c[i], mp);
			loaded[i] = 1;
		}
	}
	return rc;
}

/* qsort: best hits first. */
static int
by_hits(const void *a, const void *b)
{
	const struct person_cand	*x = a, *y = b;

	if (x->hits != y->hits)
		return x->hits < y->hits ? 1 : -1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Name frequencies (match_set_frequency) and block sizes (retrieval).
 * A name agreeing weighs by how rare it is in this register: the count
 * of person_name_key rows of its key and the number of active persons;
 * a query key is read only when its block is small. All are read by
 * indexed COUNTs; once the register is large (FREQ_CACHE_FROM persons)
 * they are cached per worker for FREQ_TTL seconds (a few persons more
 * or less do not move a logarithm), in FREQ_SLOTS direct-mapped slots
 * (bounded: a collision replaces the older entry). A small register
 * (the tests', a new site's) is counted afresh on every search, so that
 * its results do not depend on what a worker saw before. A count stops
 * at FREQ_CAP_FACTOR times the average name's count (score.c: tf_share
 * 0.002 of the register, at least tf_min_count 5): beyond 16 times
 * (2^tf_down) the adjustment no longer changes.
 */
#define FREQ_TTL		300
#define FREQ_CACHE_FROM		20000
#define FREQ_SLOTS		4096
#define FREQ_CAP_FACTOR		16

struct freq_slot {
	char	key[MATCH_KEY_LEN];
	long	n;
	double	at;
};

static struct freq_slot	*freq_cache;	/* name frequencies */
static struct freq_slot	*block_cache;	/* block sizes (retrieval) */
static long		 freq_total = -1;
static double		 freq_total_at;

/* Is the register large enough for the cache? */
static int
freq_cached(void)
{
	return freq_total >= FREQ_CACHE_FROM;
}

/* The worker's slot for key in *cache (allocated on first use), or
 * NULL while the register is too small to cache. */
static struct freq_slot *
cache_slot(struct freq_slot **cache, const char *key)
{
	uint32_t	 h = 2166136261u;
	const char	*p;

	if (!freq_cached() || (*cache == NULL && (*cache =
	    calloc(FREQ_SLOTS, sizeof(**cache))) == NULL))
		return NULL;
	for (p = key; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return &(*cache)[h % FREQ_SLOTS];
}

/* Does slot s hold a fresh count of key? */
static int
cache_fresh(const struct freq_slot *s, const char *key)
{
	return s != NULL && strcmp(s->key, key) == 0 &&
	    time_mono_s() - s->at < FREQ_TTL;
}

/* Keep count n of key in slot s (NULL: nothing kept). */
static void
cache_put(struct freq_slot *s, const char *key, long n)
{
	if (s == NULL)
		return;
	snprintf(s->key, sizeof(s->key), "%s", key);
	s->n = n;
	s->at = time_mono_s();
}

/*
 * Persons carrying key, counted up to cap by one indexed COUNT, or
 * from *cache once the register is large. Returns the count (at most
 * cap), or -1 when the database does not answer.
 */
static long
key_count(struct db *db, struct freq_slot **cache, const char *key,
    long cap)
{
	struct db_stmt		*st;
	struct freq_slot	*s = cache_slot(cache, key);
	long			 n;

	if (cache_fresh(s, key))
		return s->n;
	if ((st = db_tstmt(db, &person_sqls, PSQL_KEY_COUNT)) == NULL)
		return -1;
	db_bind_text(st, 0, key);
	db_bind_int(st, 1, cap);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return -1;
	}
	n = (long)db_col_int(st, 0);
	db_reset(st);
	cache_put(s, key, n);
	return n;
}

/*
 * match_freq_fn: persons carrying key (arg: the worker's db), capped as
 * above. Returns the count, or -1 when the database does not answer
 * (the matcher then uses the average).
 */
static long
freq_count(const char *key, void *arg)
{
	double	avg = 0.002 * (double)freq_total;

	if (avg < 5)
		avg = 5;
	return key_count(arg, &freq_cache, key,
	    (long)(avg * FREQ_CAP_FACTOR) + 1);
}

/* See person.h. */
void
person_freq_install(struct db *db)
{
	struct db_stmt	*st;
	double		 t = time_mono_s();

	if (freq_total < FREQ_CACHE_FROM || t - freq_total_at >= FREQ_TTL) {
		if ((st = db_tstmt(db, &person_sqls, PSQL_ACTIVE_COUNT)) != NULL) {
			if (db_step(st) == DB_ROW) {
				freq_total = (long)db_col_int(st, 0);
				freq_total_at = t;
			}
			db_reset(st);
		}
	}
	/* Without a total (the database did not answer): no frequencies. */
	match_set_frequency(freq_count, db, freq_total);
	/* A search and the duplicate check look for one person, who may
	 * be absent: the larger prior (match.h). */
	match_set_prior_scale(PERSON_PRIOR_SCALE);
}

/* qsort: smallest block first. */
static int
by_size(const void *a, const void *b)
{
	const struct qkey	*x = a, *y = b;

	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* Read key's block (at most limit rows) into h with weight w. */
static enum db_rc
key_read(struct db *db, const char *key, long limit, double w,
    struct hits *h)
{
	struct db_stmt	*st;

	if ((st = db_tstmt(db, &person_sqls, PSQL_KEY_LOOKUP)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, key);
	db_bind_int(st, 1, limit);
	return lookup_run(st, h, w);
}

/*
 * Size the keys k[0..n) and, unless a block is known (block cache) to
 * be larger than BLOCK_READ, read it in the same statement (LIMIT
 * BLOCK_READ + 1: one more row says "too large"): PERSON_KEYS_BATCH
 * keys a statement (PSQL_KEY_BLOCKS, padded with "", which no key is),
 * key i's persons into ids + i * (BLOCK_READ + 1). A query's forty
 * keys cost five round trips instead of forty. Returns DB_OK or the
 * error.
 */
static enum db_rc
keys_size_read(struct db *db, struct qkey *k, size_t n, int64_t *ids)
{
	struct freq_slot	*s;
	struct db_stmt		*st;
	struct qkey		*batch[PERSON_KEYS_BATCH];
	const char		*key;
	enum db_rc		 rc;
	size_t			 i, j, nb;
	int64_t			 id;

	for (i = 0; i < n; ) {
		for (nb = 0; i < n && nb < PERSON_KEYS_BATCH; i++) {
			s = cache_slot(&block_cache, k[i].key);
			k[i].ids = ids + i * (BLOCK_READ + 1);
			k[i].size = 0;
			if (cache_fresh(s, k[i].key) && s->n > BLOCK_READ) {
				k[i].size = s->n;
				k[i].ids = NULL;
				continue;
			}
			batch[nb++] = &k[i];
		}
		if (nb == 0)
			continue;
		if ((st = db_tstmt(db, &person_sqls, PSQL_KEY_BLOCKS)) == NULL)
			return db_last_rc(db);
		for (j = 0; j < PERSON_KEYS_BATCH; j++)
			db_bind_text(st, j, j < nb ? batch[j]->key : "");
		while ((rc = db_step(st)) == DB_ROW) {
			key = db_col_text(st, 0);
			id = db_col_int(st, 1);
			/* a key twice in the batch gets its rows twice:
			 * the first copy not yet full takes each row */
			for (j = 0; j < nb; j++)
				if (batch[j]->size <= BLOCK_READ &&
				    strcmp(batch[j]->key, key) == 0) {
					batch[j]->ids[batch[j]->size++] = id;
					break;
				}
		}
		if (rc != DB_OK)
			return rc;
		for (j = 0; j < nb; j++) {
			if (batch[j]->size > BLOCK_READ)
				batch[j]->ids = NULL;
			cache_put(cache_slot(&block_cache, batch[j]->key),
			    batch[j]->key, batch[j]->size);
		}
	}
	return DB_OK;
}

/* Add the first n persons of key k's block to h. */
static void
key_use(struct qkey *k, long n, struct hits *h)
{
	double	w = key_weight(k->size);
	long	i;

	for (i = 0; i < n && i < k->size; i++)
		hits_add(h, k->ids[i], w);
	k->used = 1;
}

/*
 * Keys keys[0..nkeys) into h: each sized and, when small, read in one
 * statement; then used rarest first, each block whole, within *budget;
 * the large blocks only to fill a pool short of want persons. *more is
 * set when a block was left out or cut.
 */
static enum db_rc
keys_use(struct db *db, char keys[][MATCH_KEY_LEN], size_t nkeys,
    struct hits *h, size_t want, long *budget, int *more)
{
	struct qkey	*qk = NULL;
	int64_t		*ids = NULL;
	size_t		 i;
	long		 take;
	enum db_rc	 rc = DB_ERROR;

	if (nkeys == 0)
		return DB_OK;
	if ((qk = calloc(nkeys, sizeof(*qk))) == NULL ||
	    (ids = calloc(nkeys * (BLOCK_READ + 1), sizeof(*ids))) == NULL)
		goto out;
	for (i = 0; i < nkeys; i++)
		memcpy(qk[i].key, keys[i], MATCH_KEY_LEN);
	if ((rc = keys_size_read(db, qk, nkeys, ids)) != DB_OK)
		goto out;
	qsort(qk, nkeys, sizeof(*qk), by_size);
	for (i = 0; i < nkeys; i++) {
		if (qk[i].size == 0)
			continue;
		if (qk[i].ids == NULL || qk[i].size > *budget) {
			*more = 1;
			continue;
		}
		key_use(&qk[i], qk[i].size, h);
		*budget -= qk[i].size;
	}
	for (i = 0; i < nkeys && h->n < want && *budget > 0; i++) {
		if (qk[i].used || qk[i].size == 0)
			continue;
		take = *budget < BLOCK_READ ? *budget : BLOCK_READ;
		if (qk[i].ids != NULL)
			key_use(&qk[i], take, h);
		else if ((rc = key_read(db, qk[i].key, take,
		    key_weight(qk[i].size), h)) != DB_OK)
			goto out;
		*budget -= take;
	}
	rc = DB_OK;
out:
	free(qk);
	free(ids);
	return rc;
}

/*
 * The query's keys into h (see Retrieval above): match_query_keys
 * first; for an agent's look-up whose pool is still shorter than a
 * page, then the keys of each name part alone (match_lookup_keys less
 * those), so that whoever carries a name typed is listed. A name part
 * alone is a large block in a large register: reading those keys only
 * when the others found too few keeps a search's cold cost down.
 */
static enum db_rc
keys_retrieve(struct db *db, const struct match_person *qp, int lookups,
    struct hits *h, size_t want, int *more)
{
	char		 (*keys)[MATCH_KEY_LEN] = NULL, (*extra)[MATCH_KEY_LEN];
	size_t		 nkeys, nall, nextra = 0, i, j;
	long		 budget = ROW_BUDGET;
	enum db_rc	 rc = DB_ERROR;

	if ((keys = calloc(2 * MATCH_MAX_KEYS, MATCH_KEY_LEN)) == NULL)
		return DB_ERROR;
	extra = keys + MATCH_MAX_KEYS;
	nkeys = match_query_keys(qp, keys, MATCH_MAX_KEYS);
	if ((rc = keys_use(db, keys, nkeys, h, want, &budget, more)) != DB_OK ||
	    !lookups || h->n >= SHOWN)
		goto out;
	nall = match_lookup_keys(qp, extra, MATCH_MAX_KEYS);
	for (i = 0; i < nall; i++) {
		for (j = 0; j < nkeys && strcmp(keys[j], extra[i]) != 0; j++)
			;
		if (j == nkeys)
			memmove(extra[nextra++], extra[i], MATCH_KEY_LEN);
	}
	rc = keys_use(db, extra, nextra, h, want, &budget, more);
out:
	free(keys);
	return rc;
}

/* Exact documents and phones: each weighs as much as many keys. */
static enum db_rc
ids_retrieve(struct db *db, const struct match_person *qp, struct hits *h)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 i;

	for (i = 0; i < qp->ndocs; i++) {
		if ((st = db_tstmt(db, &person_sqls, PSQL_DOC_LOOKUP)) == NULL)
			return db_last_rc(db);
		db_bind_text(st, 0, qp->docs[i]);
		if ((rc = lookup_run(st, h, 5.0)) != DB_OK)
			return rc;
	}
	for (i = 0; i < qp->nphones; i++) {
		if ((st = db_tstmt(db, &person_sqls, PSQL_PHONE_LOOKUP)) == NULL)
			return db_last_rc(db);
		db_bind_text(st, 0, qp->phones[i]);
		if ((rc = lookup_run(st, h, 3.0)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* A result's rank value: its score (0..1) for the duplicate classes;
 * for a look-up, the share of the query's names it carries plus its
 * score (below 0.4 for class none): who carries every name typed comes
 * first, the date and the names' agreement order the rest. */
static double
rank_value(const struct person_cand *c)
{
	return c->lookup ? c->carried + c->res.score : c->res.score;
}

/* qsort: the duplicate classes first, then the look-ups, each by rank
 * value; equal values by the total weight (the score an agent sees is
 * clamped at 0: look-ups that every field but one name contradicts
 * all show 0), then by the total before the caps (match_result.raw:
 * a cap holds every pair it caps at one total, "Bilal" and "Fatima
 * Bilal" alike for a query Bilal), then (namesakes: the same names,
 * often all held to "possible" by the same cap) by how closely the
 * record agrees with what was typed (match_closeness: the date as
 * written, then the other fields), so the person typed exactly comes
 * before those who merely share the names [issue 14]; then by id. */
static int
by_rank(const void *a, const void *b)
{
	const struct person_cand	*x = a, *y = b;
	double			 rx = rank_value(x), ry = rank_value(y);

	if (x->lookup != y->lookup)
		return x->lookup - y->lookup;
	if (rx != ry)
		return rx < ry ? 1 : -1;
	if (x->res.total != y->res.total)
		return x->res.total < y->res.total ? 1 : -1;
	if (x->res.raw != y->res.raw)
		return x->res.raw < y->res.raw ? 1 : -1;
	if (x->closeness != y->closeness)
		return x->closeness < y->closeness ? 1 : -1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* See person.h. */
enum db_rc
person_search_run(struct db *db, const struct match_person *qp,
    struct person_search *q)
{
	struct hits		*h = NULL;
	struct person_cand	*pool = NULL;
	struct match_person	*mp = NULL;
	size_t			 i, j, npool = 0, kept = 0, scored, batch;
	int			 loaded[PERSON_BATCH];
	enum db_rc		 rc = DB_ERROR;

	q->n = 0;
	q->more = 0;
	scored = q->scored ? q->scored : q->lookups ? SCORED_MAX : SCORED;
	if ((h = calloc(1, sizeof(*h))) == NULL ||
	    (mp = calloc(1, sizeof(*mp))) == NULL)
		goto out;
	person_freq_install(db);
	if ((rc = ids_retrieve(db, qp, h)) != DB_OK ||
	    (rc = keys_retrieve(db, qp, q->lookups, h, scored,
	    &q->more)) != DB_OK)
		goto out;
	if (h->n == 0)
		goto out;
	if ((pool = calloc(h->n, sizeof(*pool))) == NULL) {
		rc = DB_ERROR;
		goto out;
	}
	for (i = 0; i < HITS_SLOTS; i++)
		if (h->id[i] != 0) {
			pool[npool].id = h->id[i];
			pool[npool].hits = h->w[i];
			npool++;
		}
	qsort(pool, npool, sizeof(*pool), by_hits);
	if (npool > scored) {
		npool = scored;
		q->more = 1;
	}
	for (i = 0; i < npool; i += PERSON_BATCH) {
		batch = npool - i < PERSON_BATCH ? npool - i : PERSON_BATCH;
		if ((rc = candidates_score(db, q->m, qp, pool + i, batch,
		    loaded, mp)) != DB_OK)
			goto out;
		for (j = 0; j < batch; j++) {
			if (!loaded[j] || (pool[i + j].lookup && (!q->lookups ||
			    pool[i + j].carried <= 0)))
				continue;
			pool[kept++] = pool[i + j];
		}
	}
	rc = DB_OK;
	qsort(pool, kept, sizeof(*pool), by_rank);
	for (i = 0; i < kept && i < q->max; i++)
		q->cands[i] = pool[i];
	q->n = i;
	if (kept > q->max)
		q->more = 1;
out:
	free(h);
	free(pool);
	free(mp);
	return rc;
}

/* See person.h. */
enum db_rc
person_score_ids(struct db *db, struct match_ctx *m,
    const struct match_person *qp, const int64_t *ids, size_t nids,
    struct person_cand *c, size_t *n)
{
	struct match_person	*mp = NULL;
	int			 loaded[PERSON_BATCH];
	size_t			 i, j, batch;
	enum db_rc		 rc = DB_ERROR;

	*n = 0;
	if ((mp = calloc(1, sizeof(*mp))) == NULL)
		return DB_ERROR;
	person_freq_install(db);
	for (i = 0; i < nids; i++) {
		memset(&c[i], 0, sizeof(c[i]));
		c[i].id = ids[i];
	}
	for (i = 0; i < nids; i += PERSON_BATCH) {
		batch = nids - i < PERSON_BATCH ? nids - i : PERSON_BATCH;
		if ((rc = candidates_score(db, m, qp, c + i, batch, loaded,
		    mp)) != DB_OK)
			goto out;
		for (j = 0; j < batch; j++)
			if (loaded[j])
				c[(*n)++] = c[i + j];
	}
	qsort(c, *n, sizeof(*c), by_rank);
	rc = DB_OK;
out:
	free(mp);
	return rc;
}

/* See person.h. */
enum db_rc
person_dup_check(struct db *db, struct match_ctx *m,
    const struct match_person *qp, size_t scored, enum match_class min,
    int64_t self, struct person_cand *c, size_t max, size_t *n)
{
	struct person_cand	*all = NULL;
	struct person_search	 q;
	enum db_rc		 rc;
	size_t			 i;

	*n = 0;
	if ((all = calloc(PERSON_SHOWN, sizeof(*all))) == NULL)
		return DB_ERROR;
	memset(&q, 0, sizeof(q));
	q.m = m;
	q.scored = scored;
	q.cands = all;
	q.max = PERSON_SHOWN;
	if ((rc = person_search_run(db, qp, &q)) == DB_OK)
		for (i = 0; i < q.n && *n < max; i++)
			if (all[i].id != self && all[i].res.cls >= min)
				c[(*n)++] = all[i];
	free(all);
	return rc;
}

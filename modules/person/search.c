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
 * which sizes it, unless the register's common keys' table (freq.c)
 * says it is larger (then it is not read); then the blocks are used
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
 * PSQL_CANDIDATE (column 0 the id). */
static void
candidate_fill(struct match_ctx *m, struct db_stmt *st,
    struct person_cand *c, struct match_person *mp)
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
}

/* Score candidate c (its matcher view mp) against qp. */
static void
candidate_score(const struct match_person *qp, struct person_cand *c,
    const struct match_person *mp)
{
	match_score(qp, mp, &c->res);
	c->carried = match_names_carried(qp, mp);
	c->closeness = match_closeness(qp, mp, &c->res);
	c->lookup = c->res.cls == MATCH_NONE;
}

/* Names' keys a person's score may ask a frequency of (match_freq_keys:
 * four names and the birth place, MATCH_MAX_TOKENS parts each). */
#define FREQ_KEYS_PER	(5 * MATCH_MAX_TOKENS)

/*
 * Load and score the candidates c[0..n) (n <= PERSON_BATCH) in one
 * statement; loaded[i] is set for each found active (a person merged
 * or gone since the lookup is left out). Before scoring, the name
 * frequencies of the query's and the batch's names are read at once
 * (person_freq_count: the common keys' table in one statement, the
 * rarer keys counted live a few a statement) instead of one look-up
 * per name as the scorer meets it. mp has room for PERSON_BATCH.
 * Returns DB_OK or the error.
 */
static enum db_rc
candidates_score(struct db *db, struct match_ctx *m,
    const struct match_person *qp, struct person_cand *c, size_t n,
    int *loaded, struct match_person *mp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 id;
	size_t		 i, nkeys;
	char		 (*keys)[MATCH_KEY_LEN];

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
			candidate_fill(m, st, &c[i], &mp[i]);
			loaded[i] = 1;
		}
	}
	if (rc != DB_OK)
		return rc;
	if ((keys = calloc((PERSON_BATCH + 1) * FREQ_KEYS_PER,
	    MATCH_KEY_LEN)) == NULL)
		return DB_ERROR;
	nkeys = match_freq_keys(qp, keys, FREQ_KEYS_PER);
	for (i = 0; i < n; i++)
		if (loaded[i])
			nkeys += match_freq_keys(&mp[i], keys + nkeys,
			    FREQ_KEYS_PER);
	rc = person_freq_count(db, keys, nkeys);
	free(keys);
	/* without the counts (the database did not answer), the scorer
	 * asks again per name and takes the average when none comes */
	for (i = 0; i < n; i++)
		if (loaded[i])
			candidate_score(qp, &c[i], &mp[i]);
	return rc;
}

/*
 * A search's working memory, kept by the worker: the pool of hits
 * (512 KiB) and the matcher's views of a batch (PERSON_BATCH persons),
 * which glibc would map and unmap at each search (allocations this
 * large bypass its heap), paying a page fault for every page touched:
 * at 1,000,000 persons a quarter of a common name's search. A worker
 * runs one search at a time; each use clears what it takes.
 */
static struct hits		*work_hits;
static struct match_person	*work_mp;

/* The pool, cleared; NULL when memory runs out. */
static struct hits *
hits_get(void)
{
	if (work_hits == NULL && (work_hits = malloc(sizeof(*work_hits))) ==
	    NULL)
		return NULL;
	memset(work_hits, 0, sizeof(*work_hits));
	return work_hits;
}

/* Room for PERSON_BATCH matcher views (candidate_fill clears each);
 * NULL when memory runs out. */
static struct match_person *
batch_get(void)
{
	if (work_mp == NULL)
		work_mp = calloc(PERSON_BATCH, sizeof(*work_mp));
	return work_mp;
}

/* A person of the pool and the weight of its hits. */
struct hit {
	int64_t	 id;
	double	 w;
};

/* qsort: best hits first, then by id. */
static int
by_weight(const void *a, const void *b)
{
	const struct hit	*x = a, *y = b;

	if (x->w != y->w)
		return x->w < y->w ? 1 : -1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * The persons of h hit most, at most max of them, best first, into a
 * new array *pool of person_cand (id and hits set); *more is set when
 * h held more. Returns how many, or (size_t)-1 when memory runs out.
 * The pool (up to HITS_SLOTS / 2 persons) is ordered as 16-byte pairs
 * and only the persons kept become candidates: sorting and zeroing
 * thousands of candidates (a few KiB each) cost a common name's search
 * more than its database (perf at 1,000,000 persons: 30 % of the
 * worker in qsort's moves, 25 % in page faults).
 */
static size_t
hits_top(const struct hits *h, size_t max, struct person_cand **pool,
    int *more)
{
	struct hit	*all;
	size_t		 i, n = 0;

	*pool = NULL;
	if (h->n == 0)
		return 0;
	if ((all = calloc(h->n, sizeof(*all))) == NULL)
		return (size_t)-1;
	for (i = 0; i < HITS_SLOTS && n < h->n; i++)
		if (h->id[i] != 0) {
			all[n].id = h->id[i];
			all[n].w = h->w[i];
			n++;
		}
	qsort(all, n, sizeof(*all), by_weight);
	if (n > max) {
		n = max;
		*more = 1;
	}
	if (n > 0 && (*pool = calloc(n, sizeof(**pool))) == NULL) {
		free(all);
		return (size_t)-1;
	}
	for (i = 0; i < n; i++) {
		(*pool)[i].id = all[i].id;
		(*pool)[i].hits = all[i].w;
	}
	free(all);
	return n;
}

/* Before a search scores: the register's name frequencies (freq.c,
 * this search's own) and the prior of a search for one person. */
static void
search_install(struct db *db)
{
	person_freq_install(db);
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
 * Size the keys k[0..n) and read the small blocks: the common keys'
 * table (freq.c: every key carried by more than PERSON_FREQ_MIN
 * persons, 200, fewer than BLOCK_READ) is read for all of them in one
 * statement, and a key it lists with more than BLOCK_READ persons is
 * not read at all; the others are read (LIMIT BLOCK_READ + 1: one more
 * row says "too large", a key that grew since the table's refresh)
 * PERSON_KEYS_BATCH keys a statement (PSQL_KEY_BLOCKS, padded with "",
 * which no key is), key i's persons into ids + i * (BLOCK_READ + 1). A
 * block read whole is its key's count: kept as the name's frequency
 * (person_freq_note) when the table does not list it. Returns DB_OK or
 * the error.
 */
static enum db_rc
keys_size_read(struct db *db, struct qkey *k, size_t n, int64_t *ids)
{
	struct db_stmt		*st;
	struct qkey		*batch[PERSON_KEYS_BATCH];
	char			 (*keys)[MATCH_KEY_LEN];
	const char		*key;
	enum db_rc		 rc;
	size_t			 i, j, nb;
	int64_t			 id;
	long			 known;

	if (n == 0)
		return DB_OK;
	if ((keys = calloc(n, MATCH_KEY_LEN)) == NULL)
		return DB_ERROR;
	for (i = 0; i < n; i++)
		memcpy(keys[i], k[i].key, MATCH_KEY_LEN);
	rc = person_freq_table(db, keys, n);
	free(keys);
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < n; ) {
		for (nb = 0; i < n && nb < PERSON_KEYS_BATCH; i++) {
			k[i].ids = ids + i * (BLOCK_READ + 1);
			k[i].size = 0;
			known = person_freq_known(k[i].key);
			if (known > BLOCK_READ) {
				k[i].size = known;
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
			else
				person_freq_note(batch[j]->key, batch[j]->size);
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
	if ((h = hits_get()) == NULL || (mp = batch_get()) == NULL)
		goto out;
	search_install(db);
	if ((rc = ids_retrieve(db, qp, h)) != DB_OK ||
	    (rc = keys_retrieve(db, qp, q->lookups, h, scored,
	    &q->more)) != DB_OK)
		goto out;
	if ((npool = hits_top(h, scored, &pool, &q->more)) == (size_t)-1) {
		rc = DB_ERROR;
		goto out;
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
	if (kept > 0)
		qsort(pool, kept, sizeof(*pool), by_rank);
	for (i = 0; i < kept && i < q->max; i++)
		q->cands[i] = pool[i];
	q->n = i;
	if (kept > q->max)
		q->more = 1;
out:
	free(pool);
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
	if ((mp = batch_get()) == NULL)
		return DB_ERROR;
	search_install(db);
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
	if (*n > 0)
		qsort(c, *n, sizeof(*c), by_rank);
	rc = DB_OK;
out:
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

/*
 * The persons written since since (less PERSON_RECHECK_MARGIN) that
 * carry some of qp's keys, at most limit, most keys first, into h
 * (weight: the keys carried). One statement: from the persons written
 * (the purge's index person_purge, a short range) to their keys, so a
 * common key's block is never read. Returns DB_OK or the error.
 */
static enum db_rc
changed_retrieve(struct db *db, const struct match_person *qp,
    const char *since, size_t limit, struct hits *h)
{
	struct db_stmt	*st;
	char		 (*keys)[MATCH_KEY_LEN];
	size_t		 nkeys, i;
	enum db_rc	 rc;

	if ((keys = calloc(MATCH_MAX_KEYS, MATCH_KEY_LEN)) == NULL)
		return DB_ERROR;
	nkeys = match_query_keys(qp, keys, MATCH_MAX_KEYS);
	if ((st = db_tstmt(db, &person_sqls, PSQL_CHANGED_KEYS)) == NULL) {
		free(keys);
		return db_last_rc(db);
	}
	db_bind_text(st, 0, since);
	for (i = 0; i < MATCH_MAX_KEYS; i++)
		db_bind_text(st, 1 + i, i < nkeys ? keys[i] : "");
	db_bind_int(st, 1 + MATCH_MAX_KEYS, (int64_t)limit);
	while ((rc = db_step(st)) == DB_ROW)
		hits_add(h, db_col_int(st, 0), (double)db_col_int(st, 1));
	free(keys);
	return rc;
}

/* See person.h. What the full check would find now that the check
 * since did not: a person created or changed since (caught by its
 * keys), a document or phone of the member's added to anyone (its
 * exact look-ups, as cheap as ever), and the persons it found, scored
 * as they are now (a candidate merged since is left out, as the full
 * check would). The register's other persons are as they were when it
 * looked them all up. */
enum db_rc
person_dup_recheck(struct db *db, struct match_ctx *m,
    const struct match_person *qp, const char *since, const int64_t *seen,
    size_t nseen, size_t scored, enum match_class min,
    struct person_cand *c, size_t max, size_t *n)
{
	struct hits		*h = NULL;
	struct person_cand	*pool = NULL;
	int64_t			*ids = NULL;
	size_t			 i, np = 0, nids = 0;
	int			 more = 0;
	enum db_rc		 rc = DB_ERROR;

	*n = 0;
	if (scored == 0)
		scored = SCORED;
	if ((h = hits_get()) == NULL)
		goto out;
	for (i = 0; i < nseen; i++)
		hits_add(h, seen[i], 1000.0);	/* scored whatever else */
	if ((rc = ids_retrieve(db, qp, h)) != DB_OK ||
	    (rc = changed_retrieve(db, qp, since, scored, h)) != DB_OK)
		goto out;
	rc = DB_ERROR;
	if ((np = hits_top(h, scored + nseen, &pool, &more)) == (size_t)-1)
		goto out;
	rc = DB_OK;
	if (np == 0)
		goto out;
	rc = DB_ERROR;
	if ((ids = calloc(np, sizeof(*ids))) == NULL)
		goto out;
	for (i = 0; i < np; i++)
		ids[nids++] = pool[i].id;
	if ((rc = person_score_ids(db, m, qp, ids, nids, pool,
	    &np)) != DB_OK)
		goto out;
	for (i = 0; i < np && *n < max; i++)
		if (pool[i].res.cls >= min)
			c[(*n)++] = pool[i];
out:
	free(pool);
	free(ids);
	return rc;
}

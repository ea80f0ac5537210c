/*
 * freq.c: the register's name frequencies (match_set_frequency) and
 * block sizes (search.c's retrieval), issue 16 and 14 at 1,000,000
 * persons.
 *
 * A name agreeing weighs by how rare it is in the register: the count
 * of person_name_key rows of its key "s:SKELETON" and the number of
 * active persons (score.c's tf_* entries); a query key's block is read
 * only when it is small (search.c, BLOCK_READ). Counting those live
 * costs an indexed COUNT of up to ~32,000 index entries per common name
 * and 2,001 rows per common key; each worker used to count them on its
 * first look and keep them 300 s, so at a desk, where every household
 * brings other names through several workers, most looks were cold
 * (tests/bench/README.md, registration: member check p95 674 ms).
 *
 * Now the register's COMMON keys are counted once, out of the desk's
 * transactions, into person_key_freq (migration 0026): every key
 * carried by more than min_count persons (PERSON_FREQ_MIN, 200, by
 * default) with its count, written by person_freq_refresh (havre-admin
 * persons frequencies from cron, import-persons at its end, persons
 * rekey); no agent's transaction writes it, so two hosts registering
 * two "Mohammed" at once under Galera never meet on a counter row. A
 * search reads the rows of all its keys in one indexed statement
 * (PSQL_FREQ_KEYS, FREQ_BATCH keys: the query's keys, then each batch
 * of candidates' names); a key absent from the table was carried by at
 * most min_count persons at the refresh, and is counted live with a
 * LIMIT of min_count + 1 (at most 201 index entries: cheap),
 * PSQL_KEY_COUNTS, COUNT_BATCH keys a statement, or taken from its
 * block when the search read it whole. What one search learnt is kept
 * for that search only (FREQ_SLOTS): nothing depends on what a worker
 * saw before, and every worker and host reads the same counts.
 *
 * The caps, and where each comes from:
 *  - cap = FREQ_CAP_FACTOR (16) x the average name's count (score.c:
 *    tf_share 0.002 of the register, at least tf_min_count 5) + 1:
 *    score.c's tf_adjust is tf_scale (1) x log2(average / count) kept
 *    within [-tf_down, tf_up]; beyond 2^tf_down = 16 times the average
 *    the adjustment no longer changes, so no count need go further;
 *  - live cap = min(cap, min_count + 1) for a key absent from the
 *    table: one row more than the threshold says "grew past it since
 *    the refresh", and is taken as min_count + 1 until the next one (an
 *    underestimate of a name that became common within a day: it
 *    weighs at most log2(count / 201) bits more, never past tf_up);
 *  - PERSON_FREQ_MIN 200: score.c's adjustment is flat (tf_up, 3 bits)
 *    below an eighth of the average name, 0.002 x N / 8 = 200 at N =
 *    800,000: from that size on, 5 or 200 persons weigh a name the
 *    same; in a smaller register the counts under 200 that do matter
 *    are counted live, exactly, and cheaply; and every block search.c
 *    would not read (BLOCK_READ, 2,000) is in the table;
 *  - FREQ_LIVE_BELOW 20,000 persons: below it (the tests' registers, a
 *    new site) the total is counted afresh on every search (an indexed
 *    COUNT of a few thousand rows); from it the total is the refresh's
 *    (a few persons more or less do not move a logarithm).
 * With the table fresh, a key's count is exactly what live counting
 * capped at cap gives (tests/cli/persons-frequencies.test.mjs); without
 * any refresh yet, everything is counted live as before (a large
 * register without the table is slow, and says so in the log once per
 * worker: havre-admin persons frequencies).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "person.h"

#define FREQ_CAP_FACTOR		16
#define FREQ_LIVE_BELOW		20000
#define FREQ_SLOTS		4096	/* a search's keys: at most half full */
#define FREQ_BATCH		80	/* keys a PSQL_FREQ_KEYS reads */
#define COUNT_BATCH		8	/* keys a PSQL_KEY_COUNTS counts */
#define FREQ_WRITE_BATCH	500	/* rows a refresh transaction writes */
#define FREQ_PRUNE_BATCH	1000	/* rows a refresh's DELETE removes */
#define TOTAL_TTL		300	/* without a table: the total's age */
#define PERSON_PRIOR_SCALE	2.0	/* match_set_prior_scale */

/* A key's state in this search. */
#define F_UNKNOWN	(-1)	/* not looked up yet */
#define F_ABSENT	(-2)	/* not in the table: rarer than min_count */

struct fslot {
	char		key[MATCH_KEY_LEN];
	long		n;	/* the count, or F_UNKNOWN, F_ABSENT */
	unsigned	gen;	/* the search that filled it (F.gen) */
};

/* This search's frequencies. person_freq_install starts a new search
 * by moving F.gen: a slot of another generation is empty, so the
 * 256 KB of slots are not cleared at every search (a few hundred are
 * used). */
static struct {
	struct db	*db;
	long		 total;		/* active persons */
	long		 min_count;	/* the table's threshold, -1: none */
	long		 cap;		/* see above */
	long		 live_cap;
	size_t		 used;
	unsigned	 gen;
	struct fslot	 slot[FREQ_SLOTS];
} F = { .min_count = -1, .gen = 1 };

/* Without a table: a large register's total, kept per worker. */
static long	total_kept = -1;
static double	total_at;
static int	warned;

/* Key's slot (added, F_UNKNOWN, when add and there is room), or NULL. */
static struct fslot *
slot_of(const char *key, int add)
{
	uint32_t	 h = 2166136261u;
	const char	*p;
	size_t		 i;

	for (p = key; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (i = h % FREQ_SLOTS; F.slot[i].gen == F.gen;
	    i = (i + 1) % FREQ_SLOTS)
		if (strcmp(F.slot[i].key, key) == 0)
			return &F.slot[i];
	if (!add || F.used >= FREQ_SLOTS / 2 || key[0] == '\0' ||
	    strlen(key) >= MATCH_KEY_LEN)
		return NULL;
	snprintf(F.slot[i].key, sizeof(F.slot[i].key), "%s", key);
	F.slot[i].n = F_UNKNOWN;
	F.slot[i].gen = F.gen;
	F.used++;
	return &F.slot[i];
}

/* See person.h. */
long
person_freq_known(const char *key)
{
	struct fslot	*s = slot_of(key, 0);

	return s != NULL && s->n >= 0 ? s->n : -1;
}

/* See person.h. */
void
person_freq_note(const char *key, long n)
{
	struct fslot	*s = slot_of(key, 1);

	if (s != NULL && s->n == F_ABSENT)
		s->n = n < F.live_cap ? n : F.live_cap;
}

/*
 * Look keys[0..n) up in person_key_freq, FREQ_BATCH a statement (those
 * this search knows already skipped): each found gets its count (at
 * most cap), the others F_ABSENT. Without a table, every key is
 * F_ABSENT. Returns DB_OK or the error.
 */
static enum db_rc
table_read(struct db *db, char keys[][MATCH_KEY_LEN], size_t n)
{
	struct fslot	*batch[FREQ_BATCH], *s;
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 i, j, nb;
	long		 c;

	for (i = 0; i < n; ) {
		for (nb = 0; i < n && nb < FREQ_BATCH; i++)
			if ((s = slot_of(keys[i], 1)) != NULL &&
			    s->n == F_UNKNOWN) {
				s->n = F_ABSENT;
				if (F.min_count >= 0)
					batch[nb++] = s;
			}
		if (nb == 0)
			continue;
		if ((st = db_tstmt(db, &person_sqls, PSQL_FREQ_KEYS)) == NULL)
			return db_last_rc(db);
		for (j = 0; j < FREQ_BATCH; j++)
			db_bind_text(st, j, j < nb ? batch[j]->key : "");
		while ((rc = db_step(st)) == DB_ROW)
			if ((s = slot_of(db_col_text(st, 0), 0)) != NULL) {
				c = (long)db_col_int(st, 1);
				s->n = c < F.cap ? c : F.cap;
			}
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* See person.h. */
enum db_rc
person_freq_table(struct db *db, char keys[][MATCH_KEY_LEN], size_t n)
{
	return table_read(db, keys, n);
}

/* See person.h. */
enum db_rc
person_freq_count(struct db *db, char keys[][MATCH_KEY_LEN], size_t n)
{
	struct fslot	*batch[COUNT_BATCH], *s;
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 i, j, nb;
	int64_t		 k;

	if ((rc = table_read(db, keys, n)) != DB_OK)
		return rc;
	for (i = 0; i < n; ) {
		for (nb = 0; i < n && nb < COUNT_BATCH; i++)
			if ((s = slot_of(keys[i], 0)) != NULL &&
			    s->n == F_ABSENT) {
				for (j = 0; j < nb && batch[j] != s; j++)
					;
				if (j == nb)
					batch[nb++] = s;
			}
		if (nb == 0)
			continue;
		if ((st = db_tstmt(db, &person_sqls, PSQL_KEY_COUNTS)) == NULL)
			return db_last_rc(db);
		for (j = 0; j < COUNT_BATCH; j++) {
			db_bind_text(st, 2 * j, j < nb ? batch[j]->key : "");
			db_bind_int(st, 2 * j + 1, F.live_cap);
		}
		while ((rc = db_step(st)) == DB_ROW)
			if ((k = db_col_int(st, 0)) >= 0 && (size_t)k < nb)
				batch[k]->n = (long)db_col_int(st, 1);
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}

/*
 * match_freq_fn: persons carrying key, from what this search read
 * (person_freq_count before scoring reads them all); a key it did not
 * is read now. Returns the count, or -1 when the database does not
 * answer (the matcher then uses the average).
 */
static long
freq_fn(const char *key, void *arg)
{
	char	one[1][MATCH_KEY_LEN];
	long	n;

	(void)arg;
	if ((n = person_freq_known(key)) >= 0)
		return n;
	if (F.db == NULL || strlen(key) >= MATCH_KEY_LEN)
		return -1;
	memcpy(one[0], key, strlen(key) + 1);
	if (person_freq_count(F.db, one, 1) != DB_OK)
		return -1;
	return person_freq_known(key);
}

/* The active persons, counted now (-1: no answer). */
static long
active_count(struct db *db)
{
	struct db_stmt	*st;
	long		 n = -1;

	if ((st = db_tstmt(db, &person_sqls, PSQL_ACTIVE_COUNT)) == NULL)
		return -1;
	if (db_step(st) == DB_ROW)
		n = (long)db_col_int(st, 0);
	db_reset(st);
	return n;
}

/* See person.h. */
void
person_freq_install(struct db *db)
{
	struct db_stmt	*st;
	long		 persons = -1;
	double		 avg, t;

	if (++F.gen == 0) {	/* wrapped: no slot may look current */
		memset(F.slot, 0, sizeof(F.slot));
		F.gen = 1;
	}
	F.used = 0;
	F.db = db;
	F.min_count = -1;
	if ((st = db_tstmt(db, &person_sqls, PSQL_FREQ_RUN)) != NULL) {
		if (db_step(st) == DB_ROW) {
			F.min_count = (long)db_col_int(st, 0);
			persons = (long)db_col_int(st, 1);
		}
		db_reset(st);
	}
	if (F.min_count >= 0 && persons >= FREQ_LIVE_BELOW)
		F.total = persons;
	else if (F.min_count < 0 && total_kept >= FREQ_LIVE_BELOW &&
	    (t = time_mono_s()) - total_at < TOTAL_TTL)
		F.total = total_kept;
	else {
		F.total = active_count(db);
		total_kept = F.total;
		total_at = time_mono_s();
		if (F.min_count < 0 && F.total >= FREQ_LIVE_BELOW && !warned) {
			warned = 1;
			log_warn("a register of %ld persons without its name "
			    "frequencies: every name is counted live (run "
			    "havre-admin persons frequencies)", F.total);
		}
	}
	avg = 0.002 * (double)F.total;
	if (avg < 5)
		avg = 5;
	F.cap = (long)(avg * FREQ_CAP_FACTOR) + 1;
	F.live_cap = F.min_count >= 0 && F.min_count + 1 < F.cap ?
	    F.min_count + 1 : F.cap;
	/* Without a total (the database did not answer): no frequencies. */
	match_set_frequency(freq_fn, NULL, F.total);
	/* A search and the duplicate check look for one person, who may
	 * be absent: the larger prior (match.h). */
	match_set_prior_scale(PERSON_PRIOR_SCALE);
}

/* ------------------------------------------------------------ refresh */

/* A refresh's state. */
struct refresh {
	const struct actor	*actor;
	long			 min;
	int64_t			 run;
	char			 (*keys)[MATCH_KEY_LEN];
	long			*counts;
	size_t			 n, size, at;	/* listed, room, written */
	long			 persons;
	uint64_t		 pruned;
};

/* Claim the next run number (one row, id 1; a first refresh's row is
 * not read by searches until it ends: refreshed_at NULL). */
static enum db_rc
claim_txn(struct db *db, void *arg)
{
	struct refresh	*r = arg;
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_tstmt(db, &person_sqls, PSQL_FREQ_CLAIM)) == NULL)
		return db_last_rc(db);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((st = db_tstmt(db, &person_sqls, PSQL_FREQ_RUN_NO)) == NULL)
		return db_last_rc(db);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	r->run = db_col_int(st, 0);
	db_reset(st);
	return DB_OK;
}

/* Write the next FREQ_WRITE_BATCH counts, in one transaction. */
static enum db_rc
write_txn(struct db *db, void *arg)
{
	struct refresh	*r = arg;
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 i;

	for (i = r->at; i < r->n && i < r->at + FREQ_WRITE_BATCH; i++) {
		if ((st = db_tstmt(db, &person_sqls, PSQL_FREQ_PUT)) == NULL)
			return db_last_rc(db);
		db_bind_text(st, 0, r->keys[i]);
		db_bind_int(st, 1, r->counts[i]);
		db_bind_int(st, 2, r->run);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* The refresh's end: its row, and one audit event (counts only). */
static enum db_rc
done_txn(struct db *db, void *arg)
{
	struct refresh		*r = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[4];
	enum db_rc		 rc;
	char			 run[24], min[24], listed[24], persons[24];

	if ((st = db_tstmt(db, &person_sqls, PSQL_FREQ_DONE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, r->min);
	db_bind_int(st, 1, r->persons);
	db_bind_int(st, 2, (int64_t)r->n);
	db_bind_int(st, 3, r->run);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (r->actor == NULL)
		return DB_OK;
	snprintf(run, sizeof(run), "%lld", (long long)r->run);
	snprintf(min, sizeof(min), "%ld", r->min);
	snprintf(listed, sizeof(listed), "%zu", r->n);
	snprintf(persons, sizeof(persons), "%ld", r->persons);
	ch[0] = (struct audit_change){ "min_count", NULL, min };
	ch[1] = (struct audit_change){ "keys_listed", NULL, listed };
	ch[2] = (struct audit_change){ "persons", NULL, persons };
	ch[3] = (struct audit_change){ "run", NULL, run };
	return audit_write(db, r->actor, "person_key_freq", run, "refresh",
	    ch, 4);
}

/* Read every key carried by more than r->min persons into r. */
static enum db_rc
scan(struct db *db, struct refresh *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	void		*p;
	size_t		 size;

	if ((st = db_tstmt(db, &person_sqls, PSQL_FREQ_SCAN)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, r->min);
	while ((rc = db_step(st)) == DB_ROW) {
		if (r->n == r->size) {
			size = r->size ? 2 * r->size : 4096;
			if ((p = realloc(r->keys, size * MATCH_KEY_LEN)) ==
			    NULL) {
				db_reset(st);
				return DB_ERROR;
			}
			r->keys = p;
			if ((p = realloc(r->counts, size * sizeof(long))) ==
			    NULL) {
				db_reset(st);
				return DB_ERROR;
			}
			r->counts = p;
			r->size = size;
		}
		if (db_col_len(st, 0) >= MATCH_KEY_LEN)
			continue;
		snprintf(r->keys[r->n], MATCH_KEY_LEN, "%s",
		    db_col_text(st, 0));
		r->counts[r->n++] = (long)db_col_int(st, 1);
	}
	return rc;
}

/* See person.h. */
enum db_rc
person_freq_refresh(struct db *db, long min, const struct actor *actor,
    struct person_freq_run *out)
{
	struct refresh	 r;
	struct db_stmt	*st;
	enum db_rc	 rc;
	uint64_t	 gone;

	memset(&r, 0, sizeof(r));
	memset(out, 0, sizeof(*out));
	r.actor = actor;
	r.min = min;
	if ((rc = db_txn(db, claim_txn, &r)) != DB_OK)
		goto out;
	/* One read of the keys' index, outside any transaction: a
	 * consistent snapshot that locks nothing the desks write. */
	if ((rc = scan(db, &r)) != DB_OK)
		goto out;
	if ((r.persons = active_count(db)) < 0) {
		rc = db_last_rc(db);
		goto out;
	}
	for (r.at = 0; r.at < r.n; r.at += FREQ_WRITE_BATCH)
		if ((rc = db_txn(db, write_txn, &r)) != DB_OK)
			goto out;
	/* Keys an older run listed and this one did not: rarer now (a
	 * later run that began meanwhile keeps its own rows). */
	do {
		if ((st = db_tstmt(db, &person_sqls, PSQL_FREQ_PRUNE)) ==
		    NULL) {
			rc = db_last_rc(db);
			goto out;
		}
		db_bind_int(st, 0, r.run);
		if ((rc = db_exec(st)) != DB_OK)
			goto out;
		gone = db_affected(st);
		r.pruned += gone;
	} while (gone >= FREQ_PRUNE_BATCH);
	rc = db_txn(db, done_txn, &r);
out:
	out->run = r.run;
	out->listed = r.n;
	out->pruned = r.pruned;
	out->persons = r.persons;
	free(r.keys);
	free(r.counts);
	return rc;
}

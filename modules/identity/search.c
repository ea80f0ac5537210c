/*
 * search.c: the cross-script person search (identity.search). The
 * query's blocking keys (match_keys) are looked up in person_name_key
 * (index range scans, capped per key), plus exact document numbers and
 * phones; the persons hit most are scored with match_score and shown
 * best first with a class and a per-field explanation, as HTML for
 * agents or as JSON for other systems (Accept: application/json, API
 * key with identity.search).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "identity.h"
#include "person.h"
#include "log.h"
#include "session.h"
#include "tpl.h"

static const char *const sex_choices[] = {"M", "F", "X", NULL};

/* The search form (GET): every field optional, at least one needed. */
const struct field_spec search_fields[] = {
	{"family_name", FIELD_STRING, 0, 0, 200, NULL},
	{"given_names", FIELD_STRING, 0, 0, 200, NULL},
	{"birth_date", FIELD_PDATE, 0, 0, 0, NULL},
	{"sex", FIELD_ENUM, 0, 0, 0, sex_choices},
	{"nationality", FIELD_COUNTRY, 0, 0, 0, NULL},
	{"document_number", FIELD_STRING, 0, 0, 64, NULL},
	{"phone", FIELD_PHONE, 0, 0, 0, NULL},
	{"q", FIELD_STRING, 0, 0, 300, NULL},
	{"page", FIELD_INT, 0, 1, IDENTITY_SCORED_MAX / IDENTITY_SHOWN, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

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
 * persons hit most are scored (loaded IDENTITY_BATCH a statement, four
 * name normalisations each): 60 for a duplicate check, SCORED_MAX
 * (five pages of SHOWN) for an agent's look-up. HITS_SLOTS bounds the
 * pool (open addressing, at most half full: ROW_BUDGET plus documents
 * and phones fit).
 */
#define BLOCK_READ	2000
#define ROW_BUDGET	12000
#define SCORED		60
#define SCORED_MAX	IDENTITY_SCORED_MAX
#define SHOWN		IDENTITY_SHOWN
#define HITS_SLOTS	32768
#define IDENTITY_PRIOR_SCALE	2.0	/* match_set_prior_scale */

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
	const int64_t	*ids;		/* size of them, or NULL (not read) */
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

/* Returns 1 if s holds a digit, else 0. */
static int
has_digit(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= '0' && *s <= '9')
			return 1;
	return 0;
}

/*
 * Read the free-text box: dates (1990, 1990-05, 1990-05-23) become the
 * birth date, numbers that read as phones the phone, other tokens with
 * digits a document number, and the words the names (the last one the
 * family name when none was typed; the matcher allows for swapped
 * names). Fills the query's parts left empty by the form.
 */
static void
free_text(struct req *r, const char *q, struct match_person *qp,
    struct buf *names)
{
	char		 copy[301], *tok, *save, phone[17], doc[65];
	struct pdate	 d;
	const char	*cc;

	snprintf(copy, sizeof(copy), "%s", q);
	cc = r->conf ? conf_get(r->conf, "Site.PhoneCountryCode", NULL) : NULL;
	for (tok = strtok_r(copy, " \t,;", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t,;", &save)) {
		if (!has_digit(tok)) {
			buf_puts(names, names->len ? " " : "");
			buf_puts(names, tok);
			continue;
		}
		if (valid_partial_date(tok, &d)) {
			if (qp->birth.precision == DATE_UNKNOWN)
				qp->birth = d;
		} else if ((tok[0] == '+' || strlen(tok) >= 9) &&
		    strspn(tok, "+0123456789") == strlen(tok) &&
		    valid_phone(tok, cc, phone)) {
			if (qp->nphones < MATCH_MAX_PHONES)
				snprintf(qp->phones[qp->nphones++],
				    sizeof(qp->phones[0]), "%s", phone);
			person_docno_normalise(tok, doc);
			if (qp->ndocs < MATCH_MAX_DOCS && doc[0])
				snprintf(qp->docs[qp->ndocs++],
				    sizeof(qp->docs[0]), "%s", doc);
		} else {
			person_docno_normalise(tok, doc);
			if (qp->ndocs < MATCH_MAX_DOCS && doc[0])
				snprintf(qp->docs[qp->ndocs++],
				    sizeof(qp->docs[0]), "%s", doc);
		}
	}
}

/*
 * Where the family name starts in free-text words: the last word, and
 * before it the particles that belong to it ("bin Salman", "Al Hassan",
 * "van der Berg"). A text of particles only is all family name.
 */
static char *
family_split(char *words)
{
	char	*start, *prev, save;

	if ((start = strrchr(words, ' ')) == NULL)
		return words;
	start++;
	while (start > words) {
		for (prev = start - 1; prev > words && prev[-1] != ' '; prev--)
			;
		save = start[-1];
		start[-1] = '\0';
		if (!match_word_is_particle(prev)) {
			start[-1] = save;
			break;
		}
		start[-1] = save;
		start = prev;
	}
	return start;
}

/* Words (separated by spaces) in s, NULL counting none. */
static size_t
words_count(const char *s)
{
	size_t	n = 0;

	while (s != NULL && *s != '\0') {
		s += strspn(s, " \t");
		if (*s == '\0')
			break;
		n++;
		s += strcspn(s, " \t");
	}
	return n;
}

/* Returns 1 if s holds a word that is a name: two letters or more and
 * not a particle ("Al", "bin", "de" alone name nobody). */
static int
has_name_word(const char *s)
{
	char	word[256];
	size_t	len, i, letters;

	while (*s != '\0') {
		s += strspn(s, " \t,;");
		len = strcspn(s, " \t,;");
		if (len > 0 && len < sizeof(word)) {
			memcpy(word, s, len);
			word[len] = '\0';
			for (i = 0, letters = 0; i < len; i++)
				if (((unsigned char)word[i] & 0xc0) != 0x80 &&
				    (unsigned char)word[i] > ' ' &&
				    word[i] != '-' && word[i] != '\'')
					letters++;
			if (letters >= 2 && !has_digit(word) &&
			    !match_word_is_particle(word))
				return 1;
		}
		s += len;
	}
	return 0;
}

/*
 * Build the query from the form. Returns 1 if anything was asked, 0 if
 * nothing, -1 if the names typed are particles only and nothing else
 * (a document, a phone) was asked: a look-up of "Al" would list half
 * the register; -2 if the family or the given names hold more words
 * than a name can (MATCH_MAX_TOKENS).
 */
static int
query_build(struct req *r, struct match_person *qp)
{
	const struct field_value	*v;
	struct buf			 names = {0};
	char				 family[801], doc[65], *sp;
	const char			*given;
	int				 asked = 0;

	memset(qp, 0, sizeof(*qp));
	snprintf(family, sizeof(family), "%s", form_str(r, "family_name"));
	given = form_str(r, "given_names");
	if ((v = form_get(r, "birth_date")) != NULL && v->present &&
	    v->valid) {
		qp->birth = v->date;
		asked = 1;
	}
	if (form_str(r, "sex")[0] != '\0') {
		qp->sex = form_str(r, "sex")[0];
		asked = 1;
	}
	snprintf(qp->nationality, sizeof(qp->nationality), "%s",
	    form_str(r, "nationality"));
	person_docno_normalise(form_str(r, "document_number"), doc);
	if (doc[0] != '\0')
		snprintf(qp->docs[qp->ndocs++], sizeof(qp->docs[0]), "%s", doc);
	if (form_str(r, "phone")[0] != '\0')
		snprintf(qp->phones[qp->nphones++], sizeof(qp->phones[0]), "%s",
		    form_str(r, "phone"));
	buf_puts(&names, given);
	if (form_str(r, "q")[0] != '\0')
		free_text(r, form_str(r, "q"), qp, &names);
	/* A name holds MATCH_MAX_TOKENS words; more would be dropped
	 * without a word: say so instead. */
	if (words_count(names.data) > MATCH_MAX_TOKENS ||
	    words_count(family) > MATCH_MAX_TOKENS) {
		buf_free(&names);
		return -2;
	}
	/* Free-text words with no family name typed: the last word is
	 * taken as the family name, with the particles written before it
	 * ("Mohammed Al Hassan": family "Al Hassan", as "Al-Hassan"). */
	if (family[0] == '\0' && given[0] == '\0' && names.len > 0) {
		sp = family_split(names.data);
		snprintf(family, sizeof(family), "%s", sp);
		if (sp > names.data)
			sp[-1] = '\0';
		else
			names.data[0] = '\0';
		names.len = strlen(names.data);
	}
	match_name(identity_matcher, family, &qp->family);
	match_name(identity_matcher, names.data ? names.data : "", &qp->given);
	buf_free(&names);
	if (qp->family.n || qp->given.n || qp->ndocs || qp->nphones ||
	    qp->nationality[0])
		asked = 1;
	if ((qp->family.n || qp->given.n) && !qp->ndocs && !qp->nphones &&
	    !has_name_word(form_str(r, "family_name")) &&
	    !has_name_word(form_str(r, "given_names")) &&
	    !has_name_word(form_str(r, "q")))
		return -1;
	return asked;
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
 * ISQL_CANDIDATE (column 0 the id), and score it against qp. */
static void
candidate_fill(struct db_stmt *st, const struct match_person *qp,
    struct ident_cand *c, struct match_person *mp)
{
	int64_t	prec;

	memset(mp, 0, sizeof(*mp));
	snprintf(c->family, sizeof(c->family), "%s", db_col_text(st, 1));
	snprintf(c->given, sizeof(c->given), "%s", db_col_text(st, 2));
	match_name(identity_matcher, c->family, &mp->family);
	match_name(identity_matcher, c->given, &mp->given);
	match_name(identity_matcher, db_col_text(st, 3), &mp->father);
	match_name(identity_matcher, db_col_text(st, 4), &mp->mother);
	snprintf(c->sex, sizeof(c->sex), "%s", db_col_text(st, 5));
	mp->sex = c->sex[0];
	mp->birth.year = (int)db_col_int(st, 6);
	mp->birth.month = (int)db_col_int(st, 7);
	mp->birth.day = (int)db_col_int(st, 8);
	prec = db_col_int(st, 9) - 1;
	mp->birth.precision = (prec >= DATE_UNKNOWN && prec <= DATE_DAY) ?
	    (enum date_precision)prec : DATE_UNKNOWN;
	identity_birth_text(&mp->birth, c->birth);
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
 * Load and score the candidates c[0..n) (n <= IDENTITY_BATCH) in one
 * statement; loaded[i] is set for each found active (a person merged
 * or gone since the lookup is left out). Returns DB_OK or the error.
 */
static enum db_rc
candidates_score(struct db *db, const struct match_person *qp,
    struct ident_cand *c, size_t n, int *loaded, struct match_person *mp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 id;
	size_t		 i;

	if ((st = db_stmt(db, ISQL_CANDIDATE)) == NULL)
		return db_last_rc(db);
	for (i = 0; i < IDENTITY_BATCH; i++) {
		db_bind_int(st, i, i < n ? c[i].id : 0);
		if (i < n)
			loaded[i] = 0;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		id = db_col_int(st, 0);
		for (i = 0; i < n && c[i].id != id; i++)
			;
		if (i < n && !loaded[i]) {
			candidate_fill(st, qp, &c[i], mp);
			loaded[i] = 1;
		}
	}
	return rc;
}

/* qsort: best hits first. */
static int
by_hits(const void *a, const void *b)
{
	const struct ident_cand	*x = a, *y = b;

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

/* Monotonic seconds. */
static double
freq_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

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
	    freq_now() - s->at < FREQ_TTL;
}

/* Keep count n of key in slot s (NULL: nothing kept). */
static void
cache_put(struct freq_slot *s, const char *key, long n)
{
	if (s == NULL)
		return;
	snprintf(s->key, sizeof(s->key), "%s", key);
	s->n = n;
	s->at = freq_now();
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
	if ((st = db_stmt(db, ISQL_KEY_COUNT)) == NULL)
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

/* See identity.h. */
void
identity_freq_install(struct db *db)
{
	struct db_stmt	*st;
	double		 t = freq_now();

	if (freq_total < FREQ_CACHE_FROM || t - freq_total_at >= FREQ_TTL) {
		if ((st = db_stmt(db, ISQL_ACTIVE_COUNT)) != NULL) {
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
	match_set_prior_scale(IDENTITY_PRIOR_SCALE);
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

	if ((st = db_stmt(db, ISQL_KEY_LOOKUP)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, key);
	db_bind_int(st, 1, limit);
	return lookup_run(st, h, w);
}

/*
 * Size key k and, unless its block is known (block cache) to be larger
 * than BLOCK_READ, read it in the same statement (LIMIT BLOCK_READ + 1:
 * one more row says "too large") into ids. Returns DB_OK or the error.
 */
static enum db_rc
key_size_read(struct db *db, struct qkey *k, int64_t *ids)
{
	struct freq_slot	*s = cache_slot(&block_cache, k->key);
	struct db_stmt		*st;
	enum db_rc		 rc;
	long			 n = 0;

	k->ids = NULL;
	if (cache_fresh(s, k->key) && s->n > BLOCK_READ) {
		k->size = s->n;
		return DB_OK;
	}
	if ((st = db_stmt(db, ISQL_KEY_LOOKUP)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, k->key);
	db_bind_int(st, 1, BLOCK_READ + 1);
	while ((rc = db_step(st)) == DB_ROW)
		ids[n++] = db_col_int(st, 0);
	if (rc != DB_OK)
		return rc;
	k->size = n;
	if (n <= BLOCK_READ)
		k->ids = ids;
	cache_put(s, k->key, n);
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
	for (i = 0; i < nkeys; i++) {
		memcpy(qk[i].key, keys[i], MATCH_KEY_LEN);
		if ((rc = key_size_read(db, &qk[i],
		    ids + i * (BLOCK_READ + 1))) != DB_OK)
			goto out;
	}
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
		if ((st = db_stmt(db, ISQL_DOC_LOOKUP)) == NULL)
			return db_last_rc(db);
		db_bind_text(st, 0, qp->docs[i]);
		if ((rc = lookup_run(st, h, 5.0)) != DB_OK)
			return rc;
	}
	for (i = 0; i < qp->nphones; i++) {
		if ((st = db_stmt(db, ISQL_PHONE_LOOKUP)) == NULL)
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
rank_value(const struct ident_cand *c)
{
	return c->lookup ? c->carried + c->res.score : c->res.score;
}

/* qsort: the duplicate classes first, then the look-ups, each by rank
 * value; equal values by the total weight (the score an agent sees is
 * clamped at 0: look-ups that every field but one name contradicts
 * all show 0), then (namesakes: the same names, often all held to
 * "possible" by the same cap) by how closely the record agrees with
 * what was typed (match_closeness: the date as written, then the other
 * fields), so the person typed exactly comes before those who merely
 * share the names [issue 14]; then by id. */
static int
by_rank(const void *a, const void *b)
{
	const struct ident_cand	*x = a, *y = b;
	double			 rx = rank_value(x), ry = rank_value(y);

	if (x->lookup != y->lookup)
		return x->lookup - y->lookup;
	if (rx != ry)
		return rx < ry ? 1 : -1;
	if (x->res.total != y->res.total)
		return x->res.total < y->res.total ? 1 : -1;
	if (x->closeness != y->closeness)
		return x->closeness < y->closeness ? 1 : -1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* See identity.h. */
enum db_rc
identity_search_run(struct db *db, const struct match_person *qp,
    struct ident_search *q)
{
	struct hits		*h = NULL;
	struct ident_cand	*pool = NULL;
	struct match_person	*mp = NULL;
	size_t			 i, j, npool = 0, kept = 0, scored, batch;
	int			 loaded[IDENTITY_BATCH];
	enum db_rc		 rc = DB_ERROR;

	q->n = 0;
	q->more = 0;
	scored = q->lookups ? SCORED_MAX : SCORED;
	if ((h = calloc(1, sizeof(*h))) == NULL ||
	    (mp = calloc(1, sizeof(*mp))) == NULL)
		goto out;
	identity_freq_install(db);
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
	for (i = 0; i < npool; i += IDENTITY_BATCH) {
		batch = npool - i < IDENTITY_BATCH ? npool - i : IDENTITY_BATCH;
		if ((rc = candidates_score(db, qp, pool + i, batch, loaded,
		    mp)) != DB_OK)
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

/* One candidate as page data under base: Id, FamilyName, GivenNames,
 * BirthDate, Sex, Nationality, Source, SourceId, Score, Class,
 * ClassLabel, Carried (percent of the query's names it carries),
 * Reasons.M.{Field, How, Bar, Percent, Detail, Note}. */
static void
candidate_page(struct req *r, const char *base, const struct ident_cand *c)
{
	const struct match_reason	*m;
	char				 node[128], rb[96], words[64];
	size_t				 j;
	int				 bar;

#define SETS(b, k, v) do { snprintf(node, sizeof(node), "%s." k, (b)); \
	page_set(r, node, (v)); } while (0)
#define SETI(b, k, v) do { snprintf(node, sizeof(node), "%s." k, (b)); \
	page_set_int(r, node, (v)); } while (0)
	SETI(base, "Id", c->id);
	SETS(base, "FamilyName", c->family);
	SETS(base, "GivenNames", c->given);
	tpl_pdate_words(r->hdf, c->birth, words, sizeof(words));
	SETS(base, "BirthDate", words);
	SETS(base, "Sex", c->sex[0] ? identity_label(r, "Sex", c->sex) : "");
	SETS(base, "Nationality", c->nationality);
	SETS(base, "Source", c->source);
	SETS(base, "SourceId", c->source_id);
	SETI(base, "Score", (long long)lround(c->res.score * 100));
	SETI(base, "Carried", (long long)lround(c->carried * 100));
	SETS(base, "Class", match_class_name(c->res.cls));
	SETS(base, "ClassLabel", identity_label(r, "Class",
	    match_class_name(c->res.cls)));
	for (j = 0; j < c->res.nreasons; j++) {
		m = &c->res.reasons[j];
		bar = (int)lround(m->score * 10);
		if (bar < 0)
			bar = 0;
		if (bar > 10)
			bar = 10;
		snprintf(rb, sizeof(rb), "%s.Reasons.%zu", base, j);
		SETS(rb, "Field", identity_label(r, "Field", m->field));
		SETS(rb, "How", identity_label(r, "How", m->how));
		SETI(rb, "Bar", bar);
		SETI(rb, "Percent", (long long)lround(m->score * 100));
		SETS(rb, "Detail", m->detail);
		SETS(rb, "Note", m->note != NULL ? identity_label(r, "Note",
		    m->note) : "");
	}
#undef SETS
#undef SETI
}

/*
 * The page's slice of the results (from, n of them) as page data: the
 * duplicate classes in Search.Results.N, the weaker look-ups in
 * Search.Lookups.N (candidate_page), numbered from the slice's start
 * (ol start); Search.Count (all), Search.From, Search.To, Search.Page,
 * Search.PrevPage / Search.NextPage when there are such pages,
 * Search.More when more persons carry the names than were listed.
 */
static void
results_page(struct req *r, const struct ident_search *q, size_t from,
    size_t n, long long page)
{
	char	base[64];
	size_t	i, nres = 0, nlook = 0;

	for (i = from; i < from + n; i++) {
		if (q->cands[i].lookup) {
			if (nlook++ == 0)
				page_set_int(r, "Search.LookupsStart",
				    (long long)i + 1);
			snprintf(base, sizeof(base), "Search.Lookups.%zu",
			    nlook - 1);
		} else {
			if (nres++ == 0)
				page_set_int(r, "Search.ResultsStart",
				    (long long)i + 1);
			snprintf(base, sizeof(base), "Search.Results.%zu",
			    nres - 1);
		}
		candidate_page(r, base, &q->cands[i]);
	}
	page_set_int(r, "Search.Count", (long long)q->n);
	page_set_int(r, "Search.Shown", (long long)n);
	page_set_int(r, "Search.From", (long long)(n ? from + 1 : 0));
	page_set_int(r, "Search.To", (long long)(from + n));
	page_set_int(r, "Search.Page", page);
	if (page > 1)
		page_set_int(r, "Search.PrevPage", page - 1);
	if (from + n < q->n)
		page_set_int(r, "Search.NextPage", page + 1);
	if (q->more && from + n >= q->n)
		page_set(r, "Search.More", "1");
}

/* Append "name":"value" (escaped) to j. */
static void
json_str(struct buf *j, const char *name, const char *value, int comma)
{
	buf_printf(j, "%s\"%s\":\"", comma ? "," : "", name);
	buf_puts_json(j, value);
	buf_puts(j, "\"");
}

/*
 * The page's slice of the results as the API's JSON: {"candidates":
 * [...], "page": N, "more": bool}; each candidate says with "lookup"
 * whether it is a weaker look-up (class none: it carries the names,
 * not enough else) rather than a duplicate class. "more" is true when
 * a next page or more persons exist. Returns the status.
 */
static int
results_json(struct req *r, const struct ident_cand *c, size_t n,
    long long page, int more)
{
	struct buf			 j = {0};
	const struct match_reason	*m;
	size_t				 i, k;
	int				 status;

	buf_puts(&j, "{\"candidates\":[");
	for (i = 0; i < n; i++) {
		buf_printf(&j, "%s{\"person_id\":%lld", i ? "," : "",
		    (long long)c[i].id);
		json_str(&j, "source", c[i].source, 1);
		if (c[i].source_id[0])
			json_str(&j, "source_id", c[i].source_id, 1);
		else
			buf_puts(&j, ",\"source_id\":null");
		json_str(&j, "family_name", c[i].family, 1);
		json_str(&j, "given_names", c[i].given, 1);
		if (c[i].birth[0])
			json_str(&j, "birth_date", c[i].birth, 1);
		else
			buf_puts(&j, ",\"birth_date\":null");
		buf_printf(&j, ",\"score\":%.3f", c[i].res.score);
		json_str(&j, "class", match_class_name(c[i].res.cls), 1);
		buf_printf(&j, ",\"lookup\":%s", c[i].lookup ? "true" :
		    "false");
		buf_puts(&j, ",\"reasons\":[");
		for (k = 0; k < c[i].res.nreasons; k++) {
			m = &c[i].res.reasons[k];
			buf_puts(&j, k ? ",{" : "{");
			json_str(&j, "field", m->field ? m->field : "", 0);
			json_str(&j, "how", m->how ? m->how : "", 1);
			buf_printf(&j, ",\"score\":%.3f,\"weight\":%.3f",
			    m->score, m->weight);
			json_str(&j, "detail", m->detail, 1);
			if (m->note != NULL)
				json_str(&j, "note", m->note, 1);
			buf_puts(&j, "}");
		}
		buf_puts(&j, "]}");
	}
	buf_printf(&j, "],\"page\":%lld,\"more\":%s}", page,
	    more ? "true" : "false");
	status = resp_json(r, 200, j.data);
	buf_free(&j);
	return status;
}

/* Returns 1 if the client asked for JSON (API key, or Accept). */
static int
wants_json(const struct req *r)
{
	const char	*accept = req_env(r, "HTTP_ACCEPT");

	return r->is_api || (accept != NULL &&
	    strstr(accept, "application/json") != NULL);
}

/* The options of the form: sexes (Search.Sexes.N.{Value,Label}). */
static void
options_fill(struct req *r)
{
	char	node[64];
	size_t	i;

	for (i = 0; sex_choices[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Search.Sexes.%zu.Value", i);
		page_set(r, node, sex_choices[i]);
		snprintf(node, sizeof(node), "Search.Sexes.%zu.Label", i);
		page_set(r, node, identity_label(r, "Sex", sex_choices[i]));
	}
}

/* Characters of access_event.reason. */
#define SEARCH_TRAIL_CHARS	200

/*
 * What was searched, for the access trail: "name=value" for each field
 * given, joined by "; ", cut at SEARCH_TRAIL_CHARS characters (at a
 * character boundary). out holds SEARCH_TRAIL_CHARS * 4 + 1 bytes. The
 * trail keeps who looked for whom; the logs never carry it.
 */
static void
search_trail(const struct req *r, char out[SEARCH_TRAIL_CHARS * 4 + 1])
{
	struct buf	 b = {0};
	const char	*v, *p;
	size_t		 i, chars = 0;

	for (i = 0; search_fields[i].name != NULL; i++) {
		if ((v = form_str(r, search_fields[i].name))[0] == '\0')
			continue;
		buf_printf(&b, "%s%s=", b.len ? "; " : "", search_fields[i].name);
		buf_puts(&b, v);
	}
	out[0] = '\0';
	if (b.data == NULL)
		return;
	for (p = b.data; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80 &&
		    ++chars > SEARCH_TRAIL_CHARS)
			break;
	}
	memcpy(out, b.data, (size_t)(p - b.data));
	out[p - b.data] = '\0';
	buf_free(&b);
}

/*
 * GET /identity and /identity/search (identity.search; search_fields;
 * also the fill of a rejected search): the search form and, when
 * anything was asked, the persons found: first the duplicate classes
 * best first with score, class and explanation, then the weaker
 * look-ups (persons carrying the names typed), SHOWN a page (page=N,
 * up to IDENTITY_SCORED_MAX persons in all). Names of particles only
 * ("Al", "bin") are refused on the field with a message asking for
 * more. With Accept: application/json (or an API key) the answer is
 * {"candidates":[...],"page":N,"more":bool} (at most 20), and a bad
 * field is a JSON 422. Each search asked writes an access event
 * (person_search, the number of persons shown, what was asked).
 * Template identity/search.cs.
 */
int
page_search(struct req *r)
{
	struct match_person	*qp = NULL;
	struct ident_search	 q = {0};
	enum db_rc		 rc;
	size_t			 from = 0, shown = 0;
	long long		 page = 1;
	int			 status, json = wants_json(r), asked;
	char			 trail[SEARCH_TRAIL_CHARS * 4 + 1], nshown[24];

	page_set(r, "Page.Title", tpl_text(r->hdf, "Identity.Search.Title"));
	options_fill(r);
	if (r->session != NULL && session_can(r->session, "identity.edit"))
		page_set(r, "Search.CanCreate", "1");
	if (r->form.nerrors > 0)
		return json ? auth_json_form_errors(r) : 422;
	if (form_str(r, "page")[0] != '\0')
		page = form_int(r, "page");
	q.lookups = 1;
	q.max = IDENTITY_SCORED_MAX;
	if ((qp = calloc(1, sizeof(*qp))) == NULL ||
	    (q.cands = calloc(q.max, sizeof(*q.cands))) == NULL) {
		status = 500;
		goto out;
	}
	if (identity_matcher_open(r) != 0) {
		status = 503;
		goto out;
	}
	if ((asked = query_build(r, qp)) < 0) {
		form_set_error(r, form_str(r, "q")[0] ? "q" :
		    form_str(r, "family_name")[0] ? "family_name" :
		    "given_names", asked == -1 ? "Identity.Search.OnlyParticles" :
		    "Identity.Search.TooManyWords");
		status = json ? auth_json_form_errors(r) : 422;
		goto out;
	}
	if (!asked) {
		status = json ? results_json(r, q.cands, 0, 1, 0) : 200;
		goto out;
	}
	page_set(r, "Search.Asked", "1");
	if ((rc = identity_search_run(r->db, qp, &q)) != DB_OK) {
		log_err("search failed: %s", db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	/* A page past the end (the register changed since the link was
	 * made) shows the last one. */
	if ((page - 1) * SHOWN >= (long long)q.n && q.n > 0)
		page = (long long)((q.n - 1) / SHOWN) + 1;
	from = (size_t)(page - 1) * SHOWN;
	if (from < q.n)
		shown = q.n - from < SHOWN ? q.n - from : SHOWN;
	/* Every search by an agent or an API key is on the access trail,
	 * with what was asked and how many persons were shown. */
	search_trail(r, trail);
	snprintf(nshown, sizeof(nshown), "%zu", shown);
	if ((rc = access_write(r, "person_search", nshown, trail)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (json)
		status = results_json(r, q.cands + from, shown, page,
		    q.more || from + shown < q.n);
	else {
		results_page(r, &q, from, shown, page);
		status = 200;
	}
out:
	free(qp);
	free(q.cands);
	return status;
}

/*
 * person.h: the person library (havre-identity, havre-admin, and the
 * registration and civil-status programs to come): a person record
 * loaded whole, its blocking keys rewritten, its matcher view,
 * document numbers normalised one way, the fingerprint of its
 * identifying fields, MRZ parsing (mrz.h). Its SQL is its own table
 * (person_sqls[] in sql.c), reached through db_tstmt().
 * Depends on common (and match for names and keys); never on a program.
 */
#ifndef HAVRE_PERSON_H
#define HAVRE_PERSON_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "match.h"
#include "valid.h"

/* The document types (person_document.doc_type), NULL-terminated. */
extern const char *const person_doc_types[];

/* Bytes of a normalised document number, its NUL included. */
#define PERSON_DOCNO_SIZE	65

/*
 * Normalise a document number the one way every program compares them:
 * ASCII letters upper-cased, digits kept, everything else (spaces,
 * dashes, dots, non-ASCII bytes) dropped, at most 64 characters. in may
 * be NULL (gives ""). out holds PERSON_DOCNO_SIZE bytes.
 */
void	 person_docno_normalise(const char *in, char out[PERSON_DOCNO_SIZE]);

/*
 * The fingerprint of a person's identifying fields (names, sex, birth
 * date, nationality, parents' names, normalised document numbers), as
 * an SQL expression for the duplicate decisions of duplicate_pair:
 * MD5 as a change detector only (no secret, no adversary: a decision
 * is asked again when it changes). ph is the SQL giving the person's
 * id (a placeholder "?" or a column). havre-identity's decisions and
 * havre-admin's import compare the same value: keep this the one copy.
 */
#define PERSON_FINGERPRINT(ph) \
	"(SELECT CONVERT(MD5(CONCAT_WS(0x1f, fp.family_name, fp.given_names, " \
	"COALESCE(fp.sex, ''), fp.birth_year, fp.birth_month, fp.birth_day, " \
	"fp.birth_precision, COALESCE(fp.nationality, ''), fp.father_name, " \
	"fp.mother_name, COALESCE((SELECT GROUP_CONCAT(fd.number_norm " \
	"ORDER BY fd.number_norm SEPARATOR ' ') FROM person_document fd " \
	"WHERE fd.person_id = fp.id), ''))) USING ascii) FROM person fp " \
	"WHERE fp.id = " \
	ph ")"

/* A person as stored (or as submitted). */
struct person {
	int64_t		 id;
	int64_t		 version;
	int64_t		 merged_into;
	char		 family_name[801];
	char		 given_names[801];
	char		 family_latin[1601];
	char		 given_latin[1601];
	char		 sex[2];
	struct pdate	 birth;
	char		 birth_place[801];
	char		 nationality[4];
	char		 father_name[801];
	char		 mother_name[801];
	char		 source[257];
	char		 source_id[513];
	char		 status[8];
	char		 created_at[27];
	char		 updated_at[27];
	char		 death_date[11];	/* YYYY-MM-DD or "" */
};

/* The library's SQL (person_sqls in sql.c). */
enum person_sql {
	PSQL_PERSON_GET,	/* id -> the person's columns */
	PSQL_DOC_NORMS,		/* person_id -> number_norm (first 50) */
	PSQL_PHONES_OF,		/* person_id -> value (first 50) */
	PSQL_KEYS_DELETE,	/* person_id */
	PSQL_KEY_INSERT,	/* key, person_id */
	PSQL_KEYS_OF,		/* person_id -> key, in byte order */
	PSQL_LATIN_SET,		/* family_latin, given_latin, id */
	/* search.c */
	PSQL_KEY_LOOKUP,	/* key, limit -> person_id */
	PSQL_KEY_BLOCKS,	/* PERSON_KEYS_BATCH keys -> key, person_id */
	PSQL_DOC_LOOKUP,	/* number_norm -> person_id */
	PSQL_PHONE_LOOKUP,	/* value -> person_id */
	PSQL_CANDIDATE,		/* PERSON_BATCH ids -> id, what the matcher needs */
	PSQL_ACTIVE_COUNT,	/* -> active persons */
	/* freq.c */
	PSQL_FREQ_RUN,		/* -> min_count, persons of the last refresh */
	PSQL_FREQ_KEYS,		/* 80 keys -> key, persons (the common ones) */
	PSQL_KEY_COUNTS,	/* 8 x (key, cap) -> index, persons (<= cap) */
	PSQL_FREQ_CLAIM,	/* a refresh's run number, moved on */
	PSQL_FREQ_RUN_NO,	/* -> run */
	PSQL_FREQ_SCAN,		/* min -> key, persons (more than min) */
	PSQL_FREQ_PUT,		/* key, persons, run */
	PSQL_FREQ_PRUNE,	/* run: rows of older runs (1000 at most) */
	PSQL_FREQ_DONE,		/* min, persons, listed, run */
	/* search.c: the save's check again */
	PSQL_CHANGED_KEYS,	/* since, 80 keys, limit -> person_id, keys */
	PSQL__MAX
};

extern const struct db_table person_sqls;

/*
 * Load person id. Returns DB_ROW if found, DB_OK if there is none,
 * else the database error.
 */
enum db_rc person_load(struct db *, int64_t id, struct person *);
/*
 * The normalised numbers of person id's documents, at most max of
 * them, into docs (PERSON_DOCNO_SIZE bytes each); *n their count (0
 * for id 0). Returns DB_OK or the database error.
 */
enum db_rc person_doc_norms(struct db *, int64_t id,
	    char docs[][PERSON_DOCNO_SIZE], size_t max, size_t *n);
/*
 * Fill the Latin forms of p's names (family_latin, given_latin) with
 * matcher m. Returns 0, or -1 (bad UTF-8 or out of memory).
 */
int	 person_latin(struct match_ctx *m, struct person *p);
/*
 * Whether latin, a name's Latin form, tells a reader something the name
 * as written does not: 0 when both have the same letters and digits once
 * ASCII case, spaces and punctuation are set aside ("Al-Hassan" and "al
 * hassan"), so pages show the Latin form beside names in another script
 * (or with letters it folds) only.
 */
int	 person_latin_says_more(const char *name, const char *latin);
/*
 * The matcher's view of p (names, birth place, birth date, sex,
 * nationality) with documents docs (ndocs, empty ones skipped) through
 * matcher m, into mp (cleared first).
 */
void	 person_match(struct match_ctx *m, const struct person *p,
	    char docs[][PERSON_DOCNO_SIZE], size_t ndocs,
	    struct match_person *mp);
/*
 * Rewrite the blocking keys (person_name_key) of person id from what
 * is stored (names, birth date, sex, nationality, documents, phones)
 * through matcher m, inside the caller's transaction.
 * Returns DB_OK, DB_ERROR when there is no such person or memory runs
 * out, or the database error.
 */
enum db_rc person_keys_rewrite(struct db *, struct match_ctx *m,
	    int64_t id);
/*
 * Bring person id's blocking keys and the Latin forms of its names
 * (family_name_latin, given_names_latin) up to what matcher m gives
 * today, inside the caller's transaction: each is written only when it
 * differs from what is stored (after a change to the matcher's rules,
 * such as a script's letters folded: havre-admin persons rekey). The
 * person's version is not moved (nothing an agent typed changed).
 * *changed gets PERSON_REKEY_KEYS and/or PERSON_REKEY_LATIN for what
 * was rewritten. Returns DB_OK, DB_ERROR when there is no such person
 * or memory runs out, or the database error.
 */
#define PERSON_REKEY_KEYS	1
#define PERSON_REKEY_LATIN	2
enum db_rc person_keys_refresh(struct db *, struct match_ctx *m,
	    int64_t id, int *changed);
/*
 * Delete the blocking keys of person id (a merged record leaves the
 * search), inside the caller's transaction. Returns DB_OK or the error.
 */
enum db_rc person_keys_delete(struct db *, int64_t id);

/*
 * Finding persons (search.c): the one retrieval of havre-identity's
 * search and duplicate check and of havre-registration's duplicate
 * check. A query's blocking keys are read in person_name_key
 * PERSON_KEYS_BATCH a statement, with its documents and phones; the
 * persons hit most are loaded PERSON_BATCH a statement and scored.
 */
#define PERSON_KEYS_BATCH	8	/* keys a PSQL_KEY_BLOCKS reads */
#define PERSON_BATCH		20	/* persons a PSQL_CANDIDATE loads */
#define PERSON_SHOWN		20	/* the most a search answers a page */
#define PERSON_SCORED_MAX	100	/* scored for an agent's look-up */

/* One scored candidate of a search or of a duplicate check. */
struct person_cand {
	int64_t			 id;
	double			 hits;
	struct match_result	 res;
	double			 carried;	/* match_names_carried */
	double			 closeness;	/* match_closeness */
	int			 lookup;	/* class none: a weaker look-up */
	char			 family[801];
	char			 given[801];
	char			 source[257];
	char			 source_id[513];
	char			 birth[11];
	char			 sex[2];
	char			 nationality[4];
};

/* A search: what the caller wants, what it got. */
struct person_search {
	struct match_ctx	*m;		/* the worker's matcher */
	int			 lookups;	/* also persons merely carrying the names */
	size_t			 scored;	/* persons scored at most (0: 60,
						 * PERSON_SCORED_MAX for look-ups) */
	struct person_cand	*cands;		/* room for max */
	size_t			 max;
	size_t			 n;		/* out: filled, best first */
	int			 more;		/* out: more persons than listed */
};

/*
 * Find and score the candidates of qp (blocking keys, documents,
 * phones; search.c says how the keys are read). Fills q->cands (active
 * records only): first the duplicate classes (possible and above) by
 * score, then, when q->lookups, the persons carrying some of the
 * query's names (lookup set), by the share carried then score.
 * Returns DB_OK or the error.
 */
enum db_rc person_search_run(struct db *, const struct match_person *qp,
	    struct person_search *q);
/*
 * The duplicate check: the candidates of qp (person_search_run, no
 * look-ups, the scored persons hit most, 0 for the default) of class
 * min or above, other than person self (0: none), at most max of them
 * best first into c, *n their count. Returns DB_OK or the error.
 */
enum db_rc person_dup_check(struct db *, struct match_ctx *m,
	    const struct match_person *qp, size_t scored,
	    enum match_class min, int64_t self, struct person_cand *c,
	    size_t max, size_t *n);
/*
 * Score persons ids[0..nids) against qp without looking anything up
 * (the candidates a check found before, scored again on what they are
 * now): those still active into c (room for nids), best first, *n
 * their count. Returns DB_OK or the error.
 */
enum db_rc person_score_ids(struct db *, struct match_ctx *m,
	    const struct match_person *qp, const int64_t *ids, size_t nids,
	    struct person_cand *c, size_t *n);
/*
 * The duplicate check again, of what may have changed since a check
 * that looked the whole register up (registration's save, for a member
 * whose fields are unchanged since): the persons written since "since"
 * (a UTC DATETIME(6) of the database, less PERSON_RECHECK_MARGIN
 * seconds) carrying some of qp's keys, the persons holding qp's
 * documents and phones (any time: adding one does not touch the
 * person), and seen[0..nseen) (what that check found), scored as they
 * are now; of class min or above, at most max of them best first into
 * c, *n their count. Returns DB_OK or the error.
 * The margin covers what a timestamp cannot: a transaction that set
 * updated_at before the check and committed after it (seconds), a
 * Galera node's write applied later (under a second; seconds under
 * flow control), two hosts' clocks apart (NTP: milliseconds). A person
 * written within it before the check was perhaps already there, and
 * left out by that check among many namesakes (it scores the persons
 * hit most): met again here, it is shown, one decision more rather
 * than a person missed.
 */
#define PERSON_RECHECK_MARGIN	60
enum db_rc person_dup_recheck(struct db *, struct match_ctx *m,
	    const struct match_person *qp, const char *since,
	    const int64_t *seen, size_t nseen, size_t scored,
	    enum match_class min, struct person_cand *c, size_t max,
	    size_t *n);

/*
 * Name frequencies and block sizes (freq.c says how and why): the
 * register's common keys counted into person_key_freq by
 * person_freq_refresh, the others counted live; what a search read is
 * kept for that search only.
 *
 * person_freq_install: give the matcher the register's name frequencies
 * (match_set_frequency) and forget the previous search's; called
 * before any match_score (the functions above do it).
 * person_freq_table: look keys[0..n) up in the table (one statement
 * for up to 80), so that person_freq_known answers those it lists.
 * person_freq_count: the same, then count live those it does not list
 * (capped), so that person_freq_known answers all of them.
 * person_freq_known: key's count in this search, or -1 (not read, or
 * rarer than the table's threshold and not counted yet).
 * person_freq_note: key, absent from the table, carried by n persons
 * (a block read whole): kept as its live count.
 */
void	 person_freq_install(struct db *);
enum db_rc person_freq_table(struct db *, char keys[][MATCH_KEY_LEN],
	    size_t n);
enum db_rc person_freq_count(struct db *, char keys[][MATCH_KEY_LEN],
	    size_t n);
long	 person_freq_known(const char *key);
void	 person_freq_note(const char *key, long n);

/*
 * Count the register's common keys (carried by more than min persons;
 * PERSON_FREQ_MIN by default, freq.c says why) into person_key_freq,
 * in bounded transactions that never hold a lock on what the desks
 * write; keys that became rarer leave it; one audit event when actor
 * is not NULL. Returns DB_OK or the error (out tells how far it went).
 */
#define PERSON_FREQ_MIN		200
struct actor;
struct person_freq_run {
	int64_t		 run;
	size_t		 listed;	/* keys in the table */
	uint64_t	 pruned;	/* rows of older runs removed */
	long		 persons;	/* active persons then */
};
enum db_rc person_freq_refresh(struct db *, long min,
	    const struct actor *actor, struct person_freq_run *out);

#endif

/*
 * identity.h: havre-identity's pages (person records, their documents,
 * phones and photo; the cross-script search and its JSON API; the
 * duplicate check and its review queue, merges and unmerges, family
 * links, the person's timeline) and its SQL table. The route table in
 * main.c lists them all.
 */
#ifndef HAVRE_IDENTITY_H
#define HAVRE_IDENTITY_H

#include <stdint.h>

#include "app.h"
#include "db.h"
#include "match.h"
#include "person.h"

/* The program's SQL (identity_sqls[] in sql.c). */
enum identity_sql {
	ISQL_PERSON_INSERT,	/* 12 fields -> id */
	ISQL_PERSON_LOCK,	/* id -> version (FOR UPDATE) */
	ISQL_PERSON_UPDATE,	/* 11 fields, id, version */
	ISQL_DOCS_OF,		/* person_id -> id, type, number, norm, country, expiry, mrz */
	ISQL_DOC_INSERT,	/* person_id, type, number, norm, country, expiry, mrz */
	ISQL_DOC_GET,		/* id, person_id -> type, number, country, expiry */
	ISQL_DOC_DELETE,	/* id, person_id */
	ISQL_PHONES_OF,		/* person_id -> id, value */
	ISQL_PHONE_INSERT,	/* person_id, value */
	ISQL_PHONE_GET,		/* id, person_id -> value */
	ISQL_PHONE_DELETE,	/* id, person_id */
	ISQL_PHOTO_GET,		/* person_id -> file_id, mime, size */
	ISQL_PHOTO_SET,		/* person_id, file_id, mime, size, agent */
	/* dups.c */
	ISQL_PAIR_GET,		/* a, b -> id, status, reason, version */
	ISQL_PAIR_UPSERT,	/* a, b, status, origin, score, class, explanation, reason, agent, a, b */
	ISQL_PAIR_BY_ID,	/* id -> a, b, status, origin, score, class, explanation, reason, version, detected, decided, stale */
	ISQL_PAIR_DECIDE,	/* status, reason, agent, a, b, id, version */
	ISQL_PAIR_QUEUE,	/* limit, offset -> id, a, b, status, origin, score, class, detected, names */
	ISQL_PAIR_QUEUE_COUNT,	/* -> n */
	ISQL_PAIR_CLOSE,	/* merged: status merged for a, b */
	ISQL_PAIR_REOPEN,	/* unmerged: status same -> pending for a, b */
	/* family.c */
	ISQL_LINKS_OF,		/* person -> id, relative, relation, names, birth, death, nationality, status */
	ISQL_LINK_INSERT,	/* person, relative, relation, agent */
	ISQL_LINK_GET,		/* id, person -> relative, relation */
	ISQL_LINK_DELETE,	/* person, relative, relation */
	ISQL_WARNING_INSERT,	/* person, code, detail, agent */
	ISQL_WARNINGS_OF,	/* person -> code, detail, when, agent */
	/* merge.c */
	ISQL_MERGE_INSERT,	/* survivor, merged, pair, survivor version, agent */
	ISQL_MERGE_GET,		/* id -> survivor, merged, status, survivor version, when, version */
	ISQL_MERGE_SNAPSHOT,	/* merge, survivor: copy the survivor's fields */
	ISQL_MERGE_RESTORE,	/* merge, survivor: write them back */
	ISQL_MERGE_UNDONE,	/* agent, id, version */
	ISQL_MERGES_OF,		/* person (either side) -> id, survivor, merged, status, when */
	ISQL_MERGE_SET_MERGED,	/* survivor, merged id, merged version */
	ISQL_MERGE_SET_ACTIVE,	/* merged id */
	ISQL_MOVE_INSERT,	/* merge, table, column, row, from, to */
	ISQL_MOVES_OF,		/* merge -> table, column, row, from, to (last first) */
	ISQL_MOVE_DOCS,		/* merged, survivor -> ids of documents that can move */
	ISQL_MOVE_CONTACTS,	/* merged, survivor -> ids of contacts that can move */
	ISQL_MOVE_LINKS_OWN,	/* merged, survivor -> ids of links person_id = merged */
	ISQL_MOVE_LINKS_REL,	/* merged, survivor -> ids of links relative_id = merged */
	ISQL_MOVE_APPTS,	/* merged -> appointment ids linked */
	ISQL_SET_DOC,		/* to, id, from */
	ISQL_SET_CONTACT,	/* to, id, from */
	ISQL_SET_LINK_OWN,	/* to, id, from */
	ISQL_SET_LINK_REL,	/* to, id, from */
	ISQL_SET_APPT,		/* to, id, from */
	ISQL_PERSON_LOCK2,	/* a, b -> id, version, status (FOR UPDATE) */
	/* timeline.c */
	ISQL_TIMELINE,		/* person x5 -> kind, at, ref id, text, detail */
	/* export.c: the subject-access export; each statement binds the
	 * person once and answers a pending flag (1: the entry belongs to
	 * a case file still open) then the section's columns */
	ISQL_EX_PERSON,
	ISQL_EX_HISTORY,
	ISQL_EX_DOCUMENTS,
	ISQL_EX_PHOTO,
	ISQL_EX_CONTACTS,
	ISQL_EX_FAMILY,
	ISQL_EX_APPOINTMENTS,
	ISQL_EX_VISITS,
	ISQL_EX_SMS,
	ISQL_EX_DOSSIERS,
	ISQL_EX_DOSSIER_EVENTS,
	ISQL_EX_DECISIONS,
	ISQL_EX_DOSSIER_DOCUMENTS,
	ISQL_EX_NOTES,
	ISQL_EX_EXCHANGES,
	ISQL_EX_CIVIL_ACTS,
	ISQL_EX_ISSUED,
	ISQL_EX_ACCESS,
	ISQL_EX_WITHHOLD,	/* -> category, scope, legal_source */
	ISQL__MAX
};

extern const char *const identity_sqls[ISQL__MAX];

/* The matcher of this worker (util.c; opened by identity_init). */
extern struct match_ctx *identity_matcher;
int	 identity_init(const struct conf *);
/* Open the matcher on first use, its dictionary under Paths.MatchData
 * (default: the installed one). Returns 0, or -1 (logged): answer 503. */
int	 identity_matcher_open(const struct req *);

/* The most candidates a search answers, and an agent's look-up scores
 * (the person library's search, person.h). */
#define IDENTITY_SHOWN		PERSON_SHOWN
#define IDENTITY_SCORED_MAX	PERSON_SCORED_MAX

/*
 * The duplicate check (dups.c). A record being created or changed in
 * an identifying field (names, birth date, sex, nationality, documents,
 * parents' names) is compared with the others; the candidates scoring
 * probable or above need an agent's decision before the save: "same
 * person" (then merge) or "not the same person" with a reason. The
 * decision is stored per pair (duplicate_pair) with the fingerprints of
 * both records' identifying fields.
 */
#define DUP_MAX		8	/* candidates decided at once */
#define DUP_DOCS	8	/* documents compared per record */

struct dup_cand {
	int64_t			 id;
	struct match_result	 res;
	int			 verdict;	/* 0 none, 1 same, 2 distinct */
	char			 reason[501];
};

struct dup_set {
	struct dup_cand	 c[DUP_MAX];
	size_t		 n;
};

/* The decision inputs every form under the check carries (N < DUP_MAX):
 * dup_id_N (the candidate), verdict_N (same|distinct), reason_N. */
extern const char *const dup_verdicts[];
#define DUP_FIELD_ROWS(n) \
	{"dup_id_" #n, FIELD_INT, 0, 1, DB_ID_MAX, NULL}, \
	{"verdict_" #n, FIELD_ENUM, 0, 0, 0, dup_verdicts}, \
	{"reason_" #n, FIELD_STRING, 0, 0, 500, NULL}
#define DUP_FIELDS \
	DUP_FIELD_ROWS(0), DUP_FIELD_ROWS(1), DUP_FIELD_ROWS(2), \
	DUP_FIELD_ROWS(3), DUP_FIELD_ROWS(4), DUP_FIELD_ROWS(5), \
	DUP_FIELD_ROWS(6), DUP_FIELD_ROWS(7), \
	{"ack_warnings", FIELD_BOOL, 0, 0, 0, NULL}

/*
 * Run the check for p (documents docs, ndocs) as it is about to be
 * saved; self is its id (0 for a new record, never its own candidate).
 * Fills out with the candidates probable or above. Returns DB_OK or the
 * error (503 when the matcher cannot open: DB_DOWN).
 */
enum db_rc dup_check(struct req *, const struct person *,
	    char docs[][65], size_t ndocs, int64_t self, struct dup_set *);
/*
 * Read the agent's decisions (dup_id_N, verdict_N, reason_N) into set.
 * A "not the same person" without a reason marks reason_N in error.
 * Returns the number of candidates still undecided (0: save).
 */
size_t	 dup_decisions(struct req *, struct dup_set *);
/*
 * The side-by-side comparison for the page: Dup.Show, Dup.Cands.N.{Id,
 * Score, Class, ClassLabel, Verdict, Reason, Rows.M.{Label, Mine,
 * Theirs, How, Bar, Percent, Detail}}. Returns 0 or a status.
 */
int	 dup_panel_fill(struct req *, const struct person *,
	    char docs[][65], size_t ndocs, const struct dup_set *);
/*
 * Store the decisions of set for record self inside the caller's
 * transaction, with their audit events (origin "form"; "api" and
 * "import" store every candidate as pending). Sets *same_with to the
 * first candidate said to be the same person (0: none).
 */
enum db_rc dup_record(struct db *, struct req *, int64_t self,
	    const struct dup_set *, const char *origin, int64_t *same_with);
/* Where to go after a save with a "same person" verdict. */
int	 dup_after_save(struct req *, int64_t self, int64_t same_with);
/* The queue and a pair (identity.merge). */
int	 page_dup_queue(struct req *);
int	 page_dup_view(struct req *);
int	 page_dup_decide(struct req *);
extern const struct field_spec dup_decide_fields[];
extern const struct field_spec queue_fields[];

/* kin.c: links and consistency warnings (family.c: the link pages). */
#define WARN_MAX	8
struct warnings {
	char	code[WARN_MAX][32];
	char	detail[WARN_MAX][200];
	size_t	n;
};
/*
 * The consistency warnings of p (id self, 0 when new) with its family
 * links, plus a link being added (relative rel_id as p's relation, or
 * 0/NULL). Returns DB_OK or the error.
 */
enum db_rc family_warnings(struct db *, const struct person *, int64_t self,
	    int64_t rel_id, const char *relation, struct warnings *);
/* A document issued after it expires (issued, expiry "YYYY-MM-DD"). */
void	 doc_warnings(const char *issued, const char *expiry,
	    struct warnings *);
/* Warnings need the ack_warnings box: put them in the page
 * (Warn.Show, Warn.Items.N.{Code,Text}). Returns 1 if they stop the
 * save (not acknowledged), else 0. */
int	 warnings_gate(struct req *, const struct warnings *);
/* Store acknowledged warnings for person id (inside a transaction). */
enum db_rc warnings_record(struct db *, struct req *, int64_t id,
	    const struct warnings *);
/* Insert a link and its reciprocal, with the audit event. */
enum db_rc family_link_txn(struct db *, struct req *, int64_t person,
	    int64_t relative, const char *relation);
/*
 * Remove link id link of person and its reciprocal, with the audit
 * event, inside the caller's transaction. *found says whether person
 * had that link. Returns DB_OK or the error.
 */
enum db_rc family_unlink_txn(struct db *, struct req *, int64_t person,
	    int64_t link, int *found);
/* Family, warnings and merges of a person for its page. */
int	 family_fill(struct req *, int64_t id);
extern const char *const relations[];

/* family.c: the link pages */
int	 page_link_add(struct req *);
int	 page_link_delete_ask(struct req *);
int	 page_link_delete(struct req *);
extern const struct field_spec link_fields[];
extern const struct field_spec remove_confirm_fields[];

/* merge.c */
int	 page_merge_form(struct req *);
int	 page_merge(struct req *);
int	 page_merge_view(struct req *);
int	 page_unmerge(struct req *);
extern const struct field_spec merge_fields[];
extern const struct field_spec unmerge_fields[];

/* timeline.c */
int	 page_timeline(struct req *);

/* persons.c: the API's creation (JSON). */
int	 page_person_api_create(struct req *);
extern const struct field_spec person_new_query[];

/* persons.c */
int	 page_person_new_form(struct req *);
int	 page_person_new(struct req *);
int	 page_person_view(struct req *);
int	 page_person_edit_form(struct req *);
int	 page_person_edit(struct req *);

/* util.c: helpers of every page file (and the matcher, above). */
/* The document types as options (Person.DocTypes.N.{Value,Label}). */
void	 identity_doc_types_fill(struct req *);
/* A label from the language file (Identity.<group>.<name>), else name. */
const char *identity_label(struct req *, const char *group, const char *name);
/* The label of a sex code in the page's language ("" for none). */
const char *identity_sex_label(struct req *, const char *);
/* "1990-05-00" style text of a birth date ("" when unknown). */
void	 identity_birth_text(const struct pdate *, char out[11]);
/* Countries.N.{Value,Label}: every nationality code the forms accept
 * (valid_country) with the country's name in the page's language (ICU's
 * display names; English from country.c when ICU has none), in ICU's
 * order of ISO regions, then ICAO's XXA, XXB, XXC, XXX: a datalist lets
 * an agent pick a country by its name (issue 13 item 9). */
void	 identity_countries_fill(struct req *);
/* The name of nationality code a3 in the page's language (as in the
 * datalist) into out (outsz bytes, 192 is enough); "" for an unknown
 * code. Returns out. */
const char *identity_country_label(struct req *, const char *a3,
	    char *out, size_t outsz);
/* A stored UTC time shown in Site.TimeZone ("" if malformed). */
void	 identity_local_time(const struct req *, const char *utc, char *out,
	    size_t outsz);

/* documents.c: documents, phones and the photo */
int	 page_document_add(struct req *);
int	 page_document_delete(struct req *);
int	 page_document_delete_ask(struct req *);
int	 page_phone_add(struct req *);
int	 page_phone_delete(struct req *);
int	 page_phone_delete_ask(struct req *);
int	 page_photo_upload(struct req *);
int	 page_photo_download(struct req *);
/* search.c */
int	 page_search(struct req *);

/* Declared inputs (each list ends with a {NULL} row). */
extern const struct field_spec person_fields[];
extern const struct field_spec document_fields[];
extern const struct field_spec phone_fields[];
extern const struct field_spec photo_fields[];
extern const struct field_spec search_fields[];

/* export.c: the subject-access export */
extern const struct field_spec export_fields[];
int	 page_export(struct req *);
int	 page_export_json(struct req *);

#endif

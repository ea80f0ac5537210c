/*
 * registration.h: havre-registration's declarations (issue 16): the
 * household's draft kept server-side (draft.c), a member's step with
 * its automatic checks and the duplicate check against the register
 * (member.c), the household's summary, triage, saving in one
 * transaction and the receipt (household.c), the SQL table (sql.c).
 */
#ifndef HAVRE_REGISTRATION_H
#define HAVRE_REGISTRATION_H

#include <stdint.h>

#include "app.h"
#include "db.h"
#include "form.h"
#include "match.h"
#include "person.h"

#define PERM_REGISTER	"registration.register"
#define PERM_CONFIGURE	"registration.configure"

/* The most persons of one household (positions 1..REG_MAX_MEMBERS). */
#define REG_MAX_MEMBERS	12
/* The most candidates the duplicate check keeps for a member. */
#define REG_MAX_CANDS	5
/* Bytes of member_check_hash's text (32 hex digits and the NUL). */
#define REG_HASH_SIZE	33

enum reg_sql {
	RSQL_DRAFT_OPEN,	/* agent -> the open draft */
	RSQL_DRAFT_INSERT,
	RSQL_DRAFT_TOUCH,
	RSQL_DRAFT_PURGE,
	RSQL_DRAFT_LOCK,
	RSQL_DRAFT_SAVED,
	RSQL_DRAFT_GET,
	RSQL_MEMBERS,
	RSQL_MEMBER_UPSERT,
	RSQL_MEMBER_DECIDE,
	RSQL_MEMBER_DELETE,
	RSQL_PERSON_DOSSIERS,
	RSQL_PERSON_PROTECTED,
	RSQL_RULES,
	RSQL_PERSON_INSERT,
	RSQL_DOC_INSERT,
	RSQL_PHONE_INSERT,
	RSQL_LINK_INSERT,
	RSQL_TRIAGE_INSERT,
	RSQL_MISSING_SET,
	RSQL_RECEIPT,
	RSQL_TRIAGE_GET,
	RSQL_PROCEDURES,
	RSQL_VISIT_GET,
	/* the interview booked from the receipt (interview.c) */
	RSQL_IV_PROPOSE,
	RSQL_IV_DOSSIER_LOCK,
	RSQL_IV_OF_DOSSIER,
	/* the photo (photo.c) */
	RSQL_PHOTO_OF_MEMBER,
	RSQL_PHOTO_SET,
	RSQL_PHOTO_TO_PERSON,
	RSQL_PHOTO_PURGEABLE,
	RSQL_PHOTO_DETACH,
	/* the triage rules' page (rules.c) */
	RSQL_RULE_LIST,
	RSQL_RULE_GET,
	RSQL_RULE_LOCK,
	RSQL_RULE_UPDATE,
	RSQL_RULE_INSERT,
	RSQL__MAX
};

extern const char *const reg_sqls[RSQL__MAX];

/* A household member as the draft holds it. */
struct member {
	int64_t	 id;
	int	 position;		/* 1: the principal */
	char	 relation[16];
	char	 family_name[801], given_names[801];
	char	 family_latin[1601], given_latin[1601];
	char	 sex[2];
	char	 birth[11];		/* YYYY-MM-DD with 00 for unknown */
	char	 nationality[4];
	char	 languages[401];
	char	 interpreter[9];
	char	 phone[33];
	char	 address[1201];
	char	 doc_type[25], doc_number[257], doc_country[4];
	char	 doc_issued[11], doc_expiry[11];
	char	 mrz[201];
	char	 needs[201];		/* comma-separated codes */
	char	 leaflet[33], leaflet_lang[9];
	int	 consent;
	char	 decision[8];		/* "", "create", "link" */
	int64_t	 link_person_id;
	char	 seen[401];
	char	 photo[33];		/* stored_file id, "" when none */
	char	 check_hash[REG_HASH_SIZE];	/* member_check_hash when
						 * seen was found */
	char	 check_at[27];	/* when a check last looked the whole
				 * register up (UTC, the database's), "" */
};

/* A draft with its members. */
struct draft {
	int64_t		 id;
	char		 status[8];
	char		 lodged_on[11];
	int64_t		 dossier_id;
	/* what the booking held, for a registration started from
	 * reception (the principal's form until first saved) */
	int64_t		 visit_id;
	char		 pre_family[801], pre_given[801], pre_phone[33];
	char		 pre_document[257], pre_lang[9];
	struct member	 m[REG_MAX_MEMBERS];
	size_t		 n;
};

/* A candidate of the duplicate check. */
struct reg_cand {
	int64_t			 id;
	struct match_result	 res;
};

/* --- draft.c --- */
extern const char *const reg_needs[];
extern const char *const reg_relations[];
/* The worker's matcher (opened at start). */
extern struct match_ctx *reg_matcher;
int	 reg_init(const struct conf *);
/*
 * The agent's open draft into d (purging first the drafts older than
 * Registration.DraftDays): DB_ROW, DB_OK when there is none, or the
 * failure.
 */
enum db_rc draft_open(struct req *, struct draft *d);
/* Load draft id with its members (any status, the agent's own):
 * DB_ROW, DB_OK if none, or the failure. */
enum db_rc draft_load(struct req *, int64_t id, struct draft *d);
/* The member at position pos of d, or NULL. */
struct member *draft_member(struct draft *d, int pos);
/*
 * The duplicate check of m against the register: candidates scoring
 * possible or above (at most REG_MAX_CANDS, best first) into c, *n
 * their count. Returns DB_OK or the failure (DB_DOWN: no matcher).
 */
enum db_rc reg_dup_check(struct db *, const struct member *m,
	    struct reg_cand *c, size_t *n);
/*
 * The candidates of m found before (m->seen) scored again as they are
 * now (merged ones left out), those still possible or above into c, *n
 * their count, when the fields the check reads are those it read
 * (m->check_hash); otherwise the full check (reg_dup_check). The
 * side-by-side page and the decision use it: a member's answer that
 * has not changed is not looked up again. *full (may be NULL) is set
 * when the full check ran (the member's check_at is then now). Returns
 * DB_OK or the failure.
 */
enum db_rc reg_dup_seen(struct db *, const struct member *m,
	    struct reg_cand *c, size_t *n, int *full);
/*
 * The save's check again of m (issue 16 item 6: a person registered
 * elsewhere meanwhile is caught): when the fields the check reads are
 * those it read (m->check_hash) and it looked the whole register up
 * at m->check_at, only what may have changed since is looked at
 * (person_dup_recheck: the persons written since carrying some of the
 * member's keys, the member's documents and phones, the candidates it
 * found scored again); otherwise the full check (reg_dup_check). The
 * candidates possible or above into c, *n their count. Returns DB_OK
 * or the failure (DB_DOWN: no matcher).
 */
enum db_rc reg_dup_recheck(struct db *, const struct member *m,
	    struct reg_cand *c, size_t *n);
/* The hash (hex) of the fields of m the duplicate check reads. */
void	 member_check_hash(const struct member *m, char out[REG_HASH_SIZE]);
/* m as a person record (for the matcher and for saving). */
void	 member_person(const struct member *m, struct person *p);
/* "Family, Given" of m into out. */
void	 member_display(const struct member *m, char *out, size_t outsz);

/* --- member.c: a member's step --- */
extern const struct field_spec member_fields[];
extern const struct field_spec match_fields[];
int	 page_member(struct req *);
int	 page_member_save(struct req *);
int	 page_member_fill(struct req *);
int	 page_match(struct req *);
int	 page_match_save(struct req *);

/* --- household.c --- */
extern const struct field_spec save_fields[];
extern const struct field_spec start_fields[];
extern const struct field_spec receipt_fields[];
int	 page_home(struct req *);
int	 page_start(struct req *);
int	 page_summary(struct req *);
int	 page_save(struct req *);
int	 page_receipt(struct req *);

/* --- photo.c: a member's photo --- */
extern const struct field_spec photo_fields[];
int	 page_photo_upload(struct req *);
int	 page_photo_view(struct req *);
/* Give member m's photo (if any) to person, who keeps a photo they
 * already have, inside the save's transaction. Returns DB_OK or the
 * failure. */
enum db_rc photo_to_person(struct db *, struct req *, const struct member *m,
	    int64_t person);

/* --- rules.c: the triage rules' page --- */
extern const struct field_spec rule_fields[];
int	 page_rules(struct req *);
int	 page_rule(struct req *);
int	 page_rule_new(struct req *);
int	 page_rule_save(struct req *);
int	 page_rule_create(struct req *);

/* --- interview.c: the interview booked from the receipt --- */
extern const struct field_spec interview_fields[];
extern const char *const reg_sms_langs[];
/*
 * The receipt's interview of saved draft d (its dossier), the SMS in
 * lang by default: the active interview booked (Receipt.Interview.*),
 * else the interview sites and the free times proposed at the chosen
 * one (form field "site", else the first), the first the proposal
 * (Interview.*). Returns 0 or a status.
 */
int	 interview_fill(struct req *, const struct draft *d, const char *lang);
int	 page_interview_book(struct req *);

#endif

/*
 * draft.c: the household's draft, kept server-side so that no step
 * needs JavaScript and an interrupted registration resumes where it
 * stopped (one open draft per agent: the desk's current registration;
 * drafts older than Registration.DraftDays are purged when an agent
 * opens the desk, their photos with them), and the duplicate check of a
 * member against the person register through libmatch's blocking keys
 * and scores (the person library's check, person_dup_check), kept with
 * the member as the ids it found and the hash of the fields it read,
 * so that the later steps score those again instead of looking the
 * register up again (reg_dup_seen).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "conf.h"
#include "files.h"
#include "log.h"
#include "registration.h"
#include "session.h"

/* UNHCR's specific-needs categories (the codes of the form and of
 * registration_rule.value). */
const char *const reg_needs[] = {"unaccompanied_child", "separated_child",
	"torture_survivor", "serious_medical", "disability",
	"pregnant_lactating", "older_at_risk", "single_parent", NULL};

/* A member's relation to the principal (the principal: "principal"). */
const char *const reg_relations[] = {"spouse", "child", "parent",
	"sibling", NULL};

struct match_ctx *reg_matcher;

/*
 * Worker start-up: the matcher is opened now (ICU's transliterators
 * take ~0.1 s) so that the first member's check does not wait; if it
 * cannot be, each check tries again (503 meanwhile). Returns 0.
 */
int
reg_init(const struct conf *conf)
{
	const char	*dir = conf_get(conf, "Paths.MatchData", NULL);

	if ((reg_matcher = match_open(dir)) == NULL)
		log_err("cannot open the matcher");
	return 0;
}

#define COPY(dst, i) snprintf((dst), sizeof(dst), "%s", db_col_text(st, (i)))

/* Read the members of draft d (its id set). Returns DB_OK or the
 * failure. */
static enum db_rc
members_read(struct req *r, struct draft *d)
{
	struct db_stmt	*st;
	struct member	*m;
	enum db_rc	 rc;

	d->n = 0;
	if ((st = db_stmt(r->db, RSQL_MEMBERS)) == NULL)
		return db_last_rc(r->db);
	db_bind_int(st, 0, d->id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (d->n == REG_MAX_MEMBERS)
			continue;
		m = &d->m[d->n++];
		memset(m, 0, sizeof(*m));
		m->id = db_col_int(st, 0);
		m->position = (int)db_col_int(st, 1);
		COPY(m->relation, 2);
		COPY(m->family_name, 3);
		COPY(m->given_names, 4);
		COPY(m->family_latin, 5);
		COPY(m->given_latin, 6);
		COPY(m->sex, 7);
		COPY(m->birth, 8);
		COPY(m->nationality, 9);
		COPY(m->languages, 10);
		COPY(m->interpreter, 11);
		COPY(m->phone, 12);
		COPY(m->address, 13);
		COPY(m->doc_type, 14);
		COPY(m->doc_number, 15);
		COPY(m->doc_country, 16);
		COPY(m->doc_issued, 17);
		COPY(m->doc_expiry, 18);
		COPY(m->mrz, 19);
		COPY(m->needs, 20);
		COPY(m->leaflet, 21);
		COPY(m->leaflet_lang, 22);
		m->consent = (int)db_col_int(st, 23);
		COPY(m->decision, 24);
		m->link_person_id = db_col_int(st, 25);
		COPY(m->seen, 26);
		COPY(m->photo, 27);
		COPY(m->check_hash, 28);
		COPY(m->check_at, 29);
	}
	return rc;
}

/* See registration.h. */
enum db_rc
draft_load(struct req *r, int64_t id, struct draft *d)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(d, 0, sizeof(*d));
	if ((st = db_stmt(r->db, RSQL_DRAFT_GET)) == NULL)
		return db_last_rc(r->db);
	db_bind_int(st, 0, id);
	db_bind_int(st, 1, r->session->agent_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	d->id = db_col_int(st, 0);
	COPY(d->status, 1);
	COPY(d->lodged_on, 2);
	d->dossier_id = db_col_int(st, 3);
	d->visit_id = db_col_int(st, 4);
	COPY(d->pre_family, 5);
	COPY(d->pre_given, 6);
	COPY(d->pre_phone, 7);
	COPY(d->pre_document, 8);
	COPY(d->pre_lang, 9);
	db_reset(st);
	if ((rc = members_read(r, d)) != DB_OK)
		return rc;
	return DB_ROW;
}

/* The photos of drafts to purge, a batch at a time (purge_txn). */
#define PURGE_PHOTOS	50
struct purge_ctx {
	long	 days;
	char	 files[PURGE_PHOTOS][FILES_ID_LEN + 1];	/* out */
	size_t	 n;					/* out */
};

/*
 * The purge of the drafts left longer than c->days (db_txn function):
 * their members' photos first, each detached and its document store row
 * forgotten (their contents are removed once committed: c->files); when
 * a whole batch of photos was found, the drafts wait for the next purge
 * (so that no photo is left behind), else they go with their members.
 * Returns DB_OK or the failure.
 */
static enum db_rc
purge_txn(struct db *db, void *arg)
{
	struct purge_ctx	*c = arg;
	struct db_stmt		*st;
	enum db_rc		 rc;
	size_t			 i;

	c->n = 0;
	if ((st = db_stmt(db, RSQL_PHOTO_PURGEABLE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->days);
	while ((rc = db_step(st)) == DB_ROW)
		if (c->n < PURGE_PHOTOS)
			snprintf(c->files[c->n++], sizeof(c->files[0]), "%s",
			    db_col_text(st, 0));
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < c->n; i++) {
		if ((st = db_stmt(db, RSQL_PHOTO_DETACH)) == NULL)
			return db_last_rc(db);
		db_bind_text(st, 0, c->files[i]);
		if ((rc = db_exec(st)) != DB_OK ||
		    (rc = files_forget(db, c->files[i])) != DB_OK)
			return rc;
	}
	if (c->n == PURGE_PHOTOS)
		return DB_OK;
	if ((st = db_stmt(db, RSQL_DRAFT_PURGE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->days);
	return db_exec(st);
}

/* See registration.h. */
enum db_rc
draft_open(struct req *r, struct draft *d)
{
	struct db_stmt		*st;
	struct purge_ctx	*c;
	enum db_rc		 rc;
	int64_t			 id;
	long			 days;
	size_t			 i;

	memset(d, 0, sizeof(*d));
	/* A draft left longer than this is purged (default a week: a
	 * desk's registration is finished the same day or started again). */
	days = r->conf ? conf_get_int(r->conf, "Registration.DraftDays", 7) : 7;
	if (days < 1)
		days = 1;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return DB_ERROR;
	c->days = days;
	rc = db_txn(r->db, purge_txn, c);
	for (i = 0; rc == DB_OK && i < c->n; i++)
		if (files_unlink(r->conf, c->files[i]) != 0)
			log_warn("cannot remove a purged draft's photo %s",
			    c->files[i]);
	free(c);
	if (rc != DB_OK)
		return rc;
	if ((st = db_stmt(r->db, RSQL_DRAFT_OPEN)) == NULL)
		return db_last_rc(r->db);
	db_bind_int(st, 0, r->session->agent_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	id = db_col_int(st, 0);
	db_reset(st);
	return draft_load(r, id, d);
}

#undef COPY

/* See registration.h. */
struct member *
draft_member(struct draft *d, int pos)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		if (d->m[i].position == pos)
			return &d->m[i];
	return NULL;
}

/* See registration.h. */
void
member_person(const struct member *m, struct person *p)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->family_name, sizeof(p->family_name), "%s", m->family_name);
	snprintf(p->given_names, sizeof(p->given_names), "%s", m->given_names);
	snprintf(p->family_latin, sizeof(p->family_latin), "%s",
	    m->family_latin);
	snprintf(p->given_latin, sizeof(p->given_latin), "%s", m->given_latin);
	snprintf(p->sex, sizeof(p->sex), "%s", m->sex);
	snprintf(p->nationality, sizeof(p->nationality), "%s",
	    m->nationality);
	if (m->birth[0] == '\0' || !valid_partial_date(m->birth, &p->birth))
		memset(&p->birth, 0, sizeof(p->birth));
	snprintf(p->status, sizeof(p->status), "active");
}

/* See registration.h. */
void
member_display(const struct member *m, char *out, size_t outsz)
{
	if (m->family_name[0] != '\0' && m->given_names[0] != '\0')
		snprintf(out, outsz, "%s, %s", m->family_name, m->given_names);
	else
		snprintf(out, outsz, "%s%s", m->family_name, m->given_names);
}

/*
 * m as the matcher's query (names as written and in Latin letters,
 * birth date, sex, nationality, document number, phone) into qp.
 * Returns 0, or -1 when memory runs out.
 */
static int
member_query(const struct member *m, struct match_person *qp)
{
	struct person	*q;
	char		 docs[1][PERSON_DOCNO_SIZE];

	if ((q = calloc(1, sizeof(*q))) == NULL)
		return -1;
	member_person(m, q);
	person_docno_normalise(m->doc_number, docs[0]);
	person_match(reg_matcher, q, docs, docs[0][0] ? 1 : 0, qp);
	if (m->phone[0] != '\0' && qp->nphones < MATCH_MAX_PHONES &&
	    strlen(m->phone) < sizeof(qp->phones[0]))
		memcpy(qp->phones[qp->nphones++], m->phone,
		    strlen(m->phone) + 1);
	free(q);
	return 0;
}

/* See registration.h. */
void
member_check_hash(const struct member *m, char out[REG_HASH_SIZE])
{
	crypto_generichash_state	 st;
	unsigned char			 h[(REG_HASH_SIZE - 1) / 2];
	const char			*f[] = {m->family_name, m->given_names,
		m->family_latin, m->given_latin, m->sex, m->birth,
		m->nationality, m->doc_number, m->phone};
	size_t				 i;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	/* each field with its NUL: "ab","c" differs from "a","bc" */
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		crypto_generichash_update(&st, (const unsigned char *)f[i],
		    strlen(f[i]) + 1);
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(out, REG_HASH_SIZE, h, sizeof(h));
}

/*
 * The class a candidate needs to be shown at the desk: possible or
 * above (identity's check asks probable). With the register's name
 * frequencies, a member typed exactly as the register holds them but
 * with a common name and no document scores possible (or less) in a
 * register of 1,000,000 (tests/bench/README.md, registration: 34 of
 * 193 such members were not shown at probable); the registrar, who
 * has the person in front of them, decides in one click.
 */
#define REG_MIN_CLASS	MATCH_POSSIBLE

/* Keep the candidates of pc[0..np) of class REG_MIN_CLASS or above, at
 * most REG_MAX_CANDS, into c. */
static void
cands_keep(const struct person_cand *pc, size_t np, struct reg_cand *c,
    size_t *n)
{
	size_t	i;

	*n = 0;
	for (i = 0; i < np && *n < REG_MAX_CANDS; i++)
		if (pc[i].res.cls >= REG_MIN_CLASS) {
			c[*n].id = pc[i].id;
			c[*n].res = pc[i].res;
			(*n)++;
		}
}

/* The persons a member's check scores, those hit most (identity's
 * check: 60): a member typed whole (names, date, document, phone) is
 * among the first of them, and each one scored costs four name
 * normalisations on the desk's time. */
#define REG_SCORED	25

/*
 * The duplicate check is the person library's (person_dup_check: the
 * blocking keys read a few a statement, the persons hit most loaded
 * twenty a statement and scored against the register's name
 * frequencies), the one havre-identity's check runs: a member is
 * found as identity would find them, of the REG_SCORED persons hit most.
 */

/* How member_dup looks the register up for a member. */
enum dup_how {
	DUP_FULL,	/* the full check (person_dup_check) */
	DUP_SEEN,	/* the candidates its check found, scored again */
	DUP_SINCE,	/* those, and what was written since its check */
};

/*
 * The candidates of member m into c (*n of them), looked up as how
 * says; ids[0..nids) are the candidates its check found (DUP_SEEN,
 * DUP_SINCE). Returns DB_OK or the failure.
 */
static enum db_rc
member_dup(struct db *db, const struct member *m, enum dup_how how,
    const int64_t *ids, size_t nids, struct reg_cand *c, size_t *n)
{
	struct match_person	*qp = NULL;
	struct person_cand	*pc = NULL;
	enum db_rc		 rc = DB_ERROR;
	size_t			 np = 0;

	*n = 0;
	if (reg_matcher == NULL && (reg_matcher = match_open(NULL)) == NULL)
		return DB_DOWN;
	if ((qp = calloc(1, sizeof(*qp))) == NULL ||
	    (pc = calloc(REG_MAX_CANDS, sizeof(*pc))) == NULL ||
	    member_query(m, qp) != 0)
		goto out;
	if (how == DUP_FULL)
		rc = person_dup_check(db, reg_matcher, qp, REG_SCORED,
		    REG_MIN_CLASS, 0, pc, REG_MAX_CANDS, &np);
	else if (how == DUP_SEEN)
		rc = person_score_ids(db, reg_matcher, qp, ids, nids, pc, &np);
	else
		rc = person_dup_recheck(db, reg_matcher, qp, m->check_at, ids,
		    nids, REG_SCORED, REG_MIN_CLASS, pc, REG_MAX_CANDS, &np);
	if (rc == DB_OK)
		cands_keep(pc, np, c, n);
out:
	free(qp);
	free(pc);
	return rc;
}

enum db_rc
reg_dup_check(struct db *db, const struct member *m, struct reg_cand *c,
    size_t *n)
{
	return member_dup(db, m, DUP_FULL, NULL, 0, c, n);
}

/* The ids of m->seen ("1,2,3") into ids (room for REG_MAX_CANDS);
 * returns their count. */
static size_t
seen_ids(const struct member *m, int64_t *ids)
{
	long long	 id;
	char		 one[24];
	const char	*s;
	size_t		 nids = 0, len;

	for (s = m->seen; *s != '\0' && nids < REG_MAX_CANDS; ) {
		len = strcspn(s, ",");
		if (len > 0 && len < sizeof(one)) {
			memcpy(one, s, len);
			one[len] = '\0';
			if (valid_int(one, 1, DB_ID_MAX, &id))
				ids[nids++] = (int64_t)id;
		}
		s += len;
		s += strspn(s, ",");
	}
	return nids;
}

/* See registration.h. */
enum db_rc
reg_dup_seen(struct db *db, const struct member *m, struct reg_cand *c,
    size_t *n, int *full)
{
	int64_t		 ids[REG_MAX_CANDS];
	char		 hash[REG_HASH_SIZE];
	size_t		 nids;

	*n = 0;
	if (full != NULL)
		*full = 0;
	member_check_hash(m, hash);
	if (strcmp(hash, m->check_hash) != 0) {
		if (full != NULL)
			*full = 1;
		return reg_dup_check(db, m, c, n);
	}
	if ((nids = seen_ids(m, ids)) == 0)
		return DB_OK;
	return member_dup(db, m, DUP_SEEN, ids, nids, c, n);
}

/* See registration.h. */
enum db_rc
reg_dup_recheck(struct db *db, const struct member *m, struct reg_cand *c,
    size_t *n)
{
	int64_t		 ids[REG_MAX_CANDS];
	char		 hash[REG_HASH_SIZE];
	size_t		 nids;

	member_check_hash(m, hash);
	if (strcmp(hash, m->check_hash) != 0 || m->check_at[0] == '\0')
		return reg_dup_check(db, m, c, n);
	nids = seen_ids(m, ids);
	return member_dup(db, m, DUP_SINCE, ids, nids, c, n);
}

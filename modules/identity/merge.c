/*
 * merge.c: merging two records of the same person, and undoing it.
 * The agent picks the surviving record and, field by field, the value
 * to keep. In one transaction: the survivor's own fields are saved in
 * person_merge_snapshot, it takes the chosen values, the merged
 * record's documents, contacts, family links and linked appointments
 * move to it (each moved row recorded in person_merge_move), and the
 * merged record is marked merged (its page redirects to the survivor).
 * Later dossiers and civil-status acts add their tables to the moves
 * below. An unmerge moves every recorded row back and restores the
 * survivor's snapshot, so both records are as they were. Optimistic
 * concurrency on both records (their version columns) and on the merge
 * itself: a stale form, a record merged meanwhile, or an unmerge done
 * twice change nothing and say why.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "buf.h"
#include "db.h"
#include "identity.h"
#include "log.h"
#include "session.h"
#include "tpl.h"

static const char *const sides[] = {"a", "b", NULL};

/* The fields an agent picks one by one (pick_<name>), with their
 * language keys. */
#define NPICK	9
static const char *const pick_names[NPICK] = {
	"family_name", "given_names", "sex", "birth_date", "birth_place",
	"nationality", "father_name", "mother_name", "death_date",
};

const struct field_spec merge_fields[] = {
	{"survivor", FIELD_ENUM, 1, 0, 0, sides},
	{"version_a", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{"version_b", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{"pick_family_name", FIELD_ENUM, 0, 0, 0, sides},
	{"pick_given_names", FIELD_ENUM, 0, 0, 0, sides},
	{"pick_sex", FIELD_ENUM, 0, 0, 0, sides},
	{"pick_birth_date", FIELD_ENUM, 0, 0, 0, sides},
	{"pick_birth_place", FIELD_ENUM, 0, 0, 0, sides},
	{"pick_nationality", FIELD_ENUM, 0, 0, 0, sides},
	{"pick_father_name", FIELD_ENUM, 0, 0, 0, sides},
	{"pick_mother_name", FIELD_ENUM, 0, 0, 0, sides},
	{"pick_death_date", FIELD_ENUM, 0, 0, 0, sides},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec unmerge_fields[] = {
	{"version", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/*
 * The rows a merge moves: the statement listing the merged record's
 * rows that can move (not those the survivor already has), the one
 * moving a row (to, row id, from), and the table/column names recorded
 * in person_merge_move. Add dossiers and civil-status acts here.
 */
static const struct mover {
	size_t		 list;
	size_t		 set;
	const char	*table;
	const char	*column;
	int		 list_binds;	/* 1: merged; 3: merged, survivor, survivor; 2: merged, survivor */
} movers[] = {
	{ISQL_MOVE_DOCS, ISQL_SET_DOC, "person_document", "person_id", 2},
	{ISQL_MOVE_CONTACTS, ISQL_SET_CONTACT, "person_contact", "person_id",
	    2},
	{ISQL_MOVE_LINKS_OWN, ISQL_SET_LINK_OWN, "person_link", "person_id",
	    3},
	{ISQL_MOVE_LINKS_REL, ISQL_SET_LINK_REL, "person_link", "relative_id",
	    3},
	{ISQL_MOVE_APPTS, ISQL_SET_APPT, "person_appointment", "person_id",
	    1},
};
#define NMOVERS	(sizeof(movers) / sizeof(movers[0]))

/* Text of field i of p (birth in the caller's buffer). */
static const char *
pick_text(struct req *r, const struct person *p, size_t i, char birth[11])
{
	switch (i) {
	case 0:
		return p->family_name;
	case 1:
		return p->given_names;
	case 2:
		return identity_sex_label(r, p->sex);
	case 3:
		identity_birth_text(&p->birth, birth);
		return birth;
	case 4:
		return p->birth_place;
	case 5:
		return p->nationality;
	case 6:
		return p->father_name;
	case 7:
		return p->mother_name;
	default:
		return p->death_date;
	}
}

/* Copy field i from src into dst. */
static void
pick_copy(struct person *dst, const struct person *src, size_t i)
{
	switch (i) {
	case 0:
		memcpy(dst->family_name, src->family_name,
		    sizeof(dst->family_name));
		break;
	case 1:
		memcpy(dst->given_names, src->given_names,
		    sizeof(dst->given_names));
		break;
	case 2:
		memcpy(dst->sex, src->sex, sizeof(dst->sex));
		break;
	case 3:
		dst->birth = src->birth;
		break;
	case 4:
		memcpy(dst->birth_place, src->birth_place,
		    sizeof(dst->birth_place));
		break;
	case 5:
		memcpy(dst->nationality, src->nationality,
		    sizeof(dst->nationality));
		break;
	case 6:
		memcpy(dst->father_name, src->father_name,
		    sizeof(dst->father_name));
		break;
	case 7:
		memcpy(dst->mother_name, src->mother_name,
		    sizeof(dst->mother_name));
		break;
	default:
		memcpy(dst->death_date, src->death_date,
		    sizeof(dst->death_date));
		break;
	}
}

/*
 * Load both records of a merge form; a refusal (same record, unknown,
 * already merged) is put in Merge.Error and its status returned.
 * Returns 0 when both can merge.
 */
static int
merge_pair_load(struct req *r, int64_t a, int64_t b, struct person *pa,
    struct person *pb)
{
	enum db_rc	rc;

	page_set_int(r, "Merge.A", a);
	page_set_int(r, "Merge.B", b);
	if (a == b) {
		page_set(r, "Merge.Error", "Identity.Merge.Error.Self");
		return 422;
	}
	if ((rc = person_load(r->db, a, pa)) != DB_ROW ||
	    (rc = person_load(r->db, b, pb)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	if (strcmp(pa->status, "active") != 0 ||
	    strcmp(pb->status, "active") != 0) {
		page_set(r, "Merge.Error", "Identity.Merge.Error.Merged");
		page_set_int(r, "Merge.MergedInto",
		    strcmp(pa->status, "active") != 0 ? pa->merged_into :
		    pb->merged_into);
		return 409;
	}
	return 0;
}

/* Write the access event of a view of person id (what: the page).
 * Returns 0, or the status of the database error. */
static int
pair_access(struct req *r, int64_t id, const char *what)
{
	enum db_rc	rc;
	char		idtext[24];

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if ((rc = access_write(r, "person", idtext, what)) != DB_OK)
		return db_http_status(rc);
	return 0;
}

/* The form's page data: Merge.{NameA, NameB, Rows.N.{Name, Label, A,
 * B, Pick}} and the form's values on a first view. */
static void
merge_form_fill(struct req *r, const struct person *pa,
    const struct person *pb)
{
	char		 node[96], key[64], ba[11], bb[11], name[40];
	const char	*ta, *tb, *pick;
	size_t		 i;

	page_set(r, "Merge.NameA", pa->family_name);
	page_set(r, "Merge.GivenA", pa->given_names);
	page_set(r, "Merge.NameB", pb->family_name);
	page_set(r, "Merge.GivenB", pb->given_names);
	if (r->method == M_GET) {
		page_set(r, "Form.survivor.Value", "a");
		page_set_int(r, "Form.version_a.Value", pa->version);
		page_set_int(r, "Form.version_b.Value", pb->version);
	}
	for (i = 0; i < NPICK; i++) {
		ta = pick_text(r, pa, i, ba);
		tb = pick_text(r, pb, i, bb);
		snprintf(node, sizeof(node), "Merge.Rows.%zu.Name", i);
		page_set(r, node, pick_names[i]);
		snprintf(key, sizeof(key), "Identity.Field.%s", pick_names[i]);
		snprintf(node, sizeof(node), "Merge.Rows.%zu.Label", i);
		page_set(r, node, tpl_has_text(r->hdf, key) ?
		    tpl_text(r->hdf, key) : pick_names[i]);
		snprintf(node, sizeof(node), "Merge.Rows.%zu.A", i);
		page_set(r, node, ta);
		snprintf(node, sizeof(node), "Merge.Rows.%zu.B", i);
		page_set(r, node, tb);
		snprintf(name, sizeof(name), "pick_%s", pick_names[i]);
		pick = r->method == M_GET ? (ta[0] == '\0' && tb[0] != '\0' ?
		    "b" : "a") : form_str(r, name);
		snprintf(node, sizeof(node), "Merge.Rows.%zu.Pick", i);
		page_set(r, node, pick[0] ? pick : "a");
	}
}

/*
 * GET /identity/merge/{a}/{b} (identity.merge; also the fill of a
 * rejected POST): the two records side by side, the survivor to choose
 * (a by default) and, field by field, the value to keep. A record
 * merged with itself (422) or already merged (409) shows why instead.
 * A GET writes an access event for each record. Template
 * identity/merge.cs.
 */
int
page_merge_form(struct req *r)
{
	struct person	*pa = NULL, *pb = NULL;
	int		 status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Identity.Merge.Title"));
	if ((pa = calloc(1, sizeof(*pa))) == NULL ||
	    (pb = calloc(1, sizeof(*pb))) == NULL) {
		status = 500;
		goto out;
	}
	status = merge_pair_load(r, req_param_int(r, "a"),
	    req_param_int(r, "b"), pa, pb);
	if (status != 0)
		goto out;
	/* Both records are shown side by side: two views. */
	if (r->method == M_GET &&
	    ((status = pair_access(r, pa->id, "merge")) != 0 ||
	    (status = pair_access(r, pb->id, "merge")) != 0))
		goto out;
	merge_form_fill(r, pa, pb);
	page_set(r, "Merge.Show", "1");
	status = 200;
out:
	free(pa);
	free(pb);
	return status;
}

/* What merge_txn needs and gives back. */
struct merge_ctx {
	struct req	*r;
	int64_t		 a, b;
	int64_t		 version_a, version_b;
	int		 survivor_b;		/* 1: b survives */
	int		 pick_b[NPICK];		/* 1: keep b's value */
	int64_t		 id;			/* out: the merge */
	int64_t		 survivor, merged;	/* out */
	size_t		 moved;			/* out */
	int		 gone;			/* out: a record is missing */
	int		 already;		/* out: one is merged */
	int		 stale;			/* out: a version moved on */
};

/* Bind a move statement's list parameters. */
static void
mover_bind(struct db_stmt *st, const struct mover *m, int64_t merged,
    int64_t survivor)
{
	db_bind_int(st, 0, merged);
	if (m->list_binds >= 2)
		db_bind_int(st, 1, survivor);
	if (m->list_binds >= 3)
		db_bind_int(st, 2, survivor);
}

/*
 * Move the rows of one table from merged to survivor, recording each.
 * Returns DB_OK or the error; *n counts the rows moved.
 */
static enum db_rc
move_rows(struct db *db, const struct mover *m, int64_t merge,
    int64_t merged, int64_t survivor, size_t *n)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		*ids = NULL;
	size_t		 nids = 0, cap = 0, i;
	int64_t		*grown;

	if ((st = db_stmt(db, m->list)) == NULL)
		return db_last_rc(db);
	mover_bind(st, m, merged, survivor);
	while ((rc = db_step(st)) == DB_ROW) {
		if (nids == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = reallocarray(ids, cap,
			    sizeof(*ids))) == NULL) {
				db_reset(st);
				rc = DB_ERROR;
				goto out;
			}
			ids = grown;
		}
		ids[nids++] = db_col_int(st, 0);
	}
	if (rc != DB_OK)
		goto out;
	for (i = 0; i < nids; i++) {
		if ((st = db_stmt(db, m->set)) == NULL) {
			rc = db_last_rc(db);
			goto out;
		}
		db_bind_int(st, 0, survivor);
		db_bind_int(st, 1, ids[i]);
		db_bind_int(st, 2, merged);
		if ((rc = db_exec(st)) != DB_OK)
			goto out;
		if ((st = db_stmt(db, ISQL_MOVE_INSERT)) == NULL) {
			rc = db_last_rc(db);
			goto out;
		}
		db_bind_int(st, 0, merge);
		db_bind_text(st, 1, m->table);
		db_bind_text(st, 2, m->column);
		db_bind_int(st, 3, ids[i]);
		db_bind_int(st, 4, merged);
		db_bind_int(st, 5, survivor);
		if ((rc = db_exec(st)) != DB_OK)
			goto out;
		(*n)++;
	}
	rc = DB_OK;
out:
	free(ids);
	return rc;
}

/*
 * Lock both records; fills versions and statuses. Returns DB_OK with
 * *found the number of rows, or the error.
 */
static enum db_rc
lock_both(struct db *db, int64_t a, int64_t b, int64_t ver[2],
    int active[2], int *found)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 id;

	*found = 0;
	ver[0] = ver[1] = 0;
	active[0] = active[1] = 0;
	if ((st = db_stmt(db, ISQL_PERSON_LOCK2)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, a);
	db_bind_int(st, 1, b);
	while ((rc = db_step(st)) == DB_ROW) {
		id = db_col_int(st, 0);
		ver[id == a ? 0 : 1] = db_col_int(st, 1);
		active[id == a ? 0 : 1] = strcmp(db_col_text(st, 2),
		    "active") == 0;
		(*found)++;
	}
	return rc;
}

/* The pair row of a and b, or 0. */
static enum db_rc
pair_id(struct db *db, int64_t a, int64_t b, int64_t *id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	*id = 0;
	if ((st = db_stmt(db, ISQL_PAIR_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, a < b ? a : b);
	db_bind_int(st, 1, a < b ? b : a);
	if ((rc = db_step(st)) == DB_ROW) {
		*id = db_col_int(st, 0);
		db_reset(st);
		rc = DB_OK;
	}
	return rc;
}

/* Merge (db_txn function): see the top of the file. */
static enum db_rc
merge_txn(struct db *db, void *arg)
{
	struct merge_ctx	*c = arg;
	struct person		*s = NULL, *m = NULL, *want = NULL;
	struct audit_change	 ch[NPICK + 3];
	struct db_stmt		*st;
	enum db_rc		 rc;
	int64_t			 ver[2], pair;
	int			 active[2], found;
	char			 t_merge[24], t_other[24], t_moved[24];
	char			 ob[NPICK][11], nb[NPICK][11], idtext[24];
	const char		*ot, *nt;
	size_t			 i, k, nch = 0;

	c->gone = c->already = c->stale = 0;
	c->moved = 0;
	if ((rc = lock_both(db, c->a, c->b, ver, active, &found)) != DB_OK)
		return rc;
	if (found != 2) {
		c->gone = 1;
		return DB_OK;
	}
	if (!active[0] || !active[1]) {
		c->already = 1;
		return DB_OK;
	}
	if (ver[0] != c->version_a || ver[1] != c->version_b) {
		c->stale = 1;
		return DB_OK;
	}
	c->survivor = c->survivor_b ? c->b : c->a;
	c->merged = c->survivor_b ? c->a : c->b;
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (m = calloc(1, sizeof(*m))) == NULL ||
	    (want = calloc(1, sizeof(*want))) == NULL) {
		rc = DB_ERROR;
		goto out;
	}
	if ((rc = person_load(db, c->survivor, s)) != DB_ROW ||
	    (rc = person_load(db, c->merged, m)) != DB_ROW) {
		rc = rc == DB_OK ? DB_ERROR : rc;
		goto out;
	}
	*want = *s;
	for (i = 0; i < NPICK; i++)
		if (c->pick_b[i] != c->survivor_b)
			pick_copy(want, m, i);
	if (person_latin(identity_matcher, want) == -1) {
		rc = DB_ERROR;
		goto out;
	}
	if ((rc = pair_id(db, c->a, c->b, &pair)) != DB_OK)
		goto out;
	if ((st = db_stmt(db, ISQL_MERGE_INSERT)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, c->survivor);
	db_bind_int(st, 1, c->merged);
	if (pair > 0)
		db_bind_int(st, 2, pair);
	else
		db_bind_null(st, 2);
	db_bind_int(st, 3, s->version + 1);
	if (c->r->session != NULL && c->r->session->agent_id != 0)
		db_bind_int(st, 4, c->r->session->agent_id);
	else
		db_bind_null(st, 4);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	c->id = (int64_t)db_insert_id(st);
	if ((st = db_stmt(db, ISQL_MERGE_SNAPSHOT)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, c->id);
	db_bind_int(st, 1, c->survivor);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	/* The survivor takes the chosen values (version + 1). */
	if ((st = db_stmt(db, ISQL_PERSON_UPDATE)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_text(st, 0, want->family_name);
	db_bind_text(st, 1, want->given_names);
	db_bind_text(st, 2, want->family_latin);
	db_bind_text(st, 3, want->given_latin);
	db_bind_text(st, 4, want->sex[0] ? want->sex : NULL);
	db_bind_int(st, 5, want->birth.year);
	db_bind_int(st, 6, want->birth.month);
	db_bind_int(st, 7, want->birth.day);
	db_bind_text(st, 8, want->birth.precision == DATE_DAY ? "day" :
	    want->birth.precision == DATE_MONTH ? "month" :
	    want->birth.precision == DATE_YEAR ? "year" : "unknown");
	db_bind_text(st, 9, want->birth_place);
	db_bind_text(st, 10, want->nationality[0] ? want->nationality : NULL);
	db_bind_text(st, 11, want->father_name);
	db_bind_text(st, 12, want->mother_name);
	db_bind_text(st, 13, want->death_date[0] ? want->death_date : NULL);
	db_bind_int(st, 14, c->survivor);
	db_bind_int(st, 15, s->version);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	if (db_affected(st) != 1) {
		rc = DB_ERROR;
		goto out;
	}
	for (k = 0; k < NMOVERS; k++)
		if ((rc = move_rows(db, &movers[k], c->id, c->merged,
		    c->survivor, &c->moved)) != DB_OK)
			goto out;
	if ((st = db_stmt(db, ISQL_MERGE_SET_MERGED)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, c->survivor);
	db_bind_int(st, 1, c->merged);
	db_bind_int(st, 2, m->version);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	if (db_affected(st) != 1) {
		rc = DB_ERROR;
		goto out;
	}
	/* The merged record leaves the search; the survivor's keys now
	 * include the documents it received. */
	if ((rc = person_keys_delete(db, c->merged)) != DB_OK ||
	    (rc = person_keys_rewrite(db, identity_matcher, c->survivor)) !=
	    DB_OK)
		goto out;
	if ((st = db_stmt(db, ISQL_PAIR_CLOSE)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, c->a < c->b ? c->a : c->b);
	db_bind_int(st, 1, c->a < c->b ? c->b : c->a);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;

	snprintf(t_merge, sizeof(t_merge), "%lld", (long long)c->id);
	snprintf(t_other, sizeof(t_other), "%lld", (long long)c->merged);
	snprintf(t_moved, sizeof(t_moved), "%zu", c->moved);
	ch[nch++] = (struct audit_change){"merge", NULL, t_merge};
	ch[nch++] = (struct audit_change){"merged_record", NULL, t_other};
	ch[nch++] = (struct audit_change){"rows_moved", NULL, t_moved};
	for (i = 0; i < NPICK; i++) {
		ot = pick_text(c->r, s, i, ob[i]);
		nt = pick_text(c->r, want, i, nb[i]);
		if (strcmp(ot, nt) != 0)
			ch[nch++] = (struct audit_change){pick_names[i], ot,
			    nt};
	}
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->survivor);
	if ((rc = audit_req(c->r, "person", idtext, "merge", ch, nch)) !=
	    DB_OK)
		goto out;
	snprintf(t_other, sizeof(t_other), "%lld", (long long)c->survivor);
	ch[0] = (struct audit_change){"merge", NULL, t_merge};
	ch[1] = (struct audit_change){"merged_into", NULL, t_other};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->merged);
	rc = audit_req(c->r, "person", idtext, "merged_into", ch, 2);
out:
	free(s);
	free(m);
	free(want);
	return rc;
}

/*
 * POST /identity/merge/{a}/{b} (identity.merge, CSRF; merge_fields):
 * merge the two records. Redirects to the survivor with a flash; 422
 * for a record merged with itself; 409 when one was merged meanwhile or
 * either changed since the form was shown (nothing changed); 404 for an
 * unknown record.
 */
int
page_merge(struct req *r)
{
	struct merge_ctx	 c;
	enum db_rc		 rc;
	char			 name[40], loc[64];
	size_t			 i;
	int			 status;

	if ((status = page_merge_form(r)) != 200)
		return status;
	if (identity_matcher_open(r) != 0)
		return 503;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.a = req_param_int(r, "a");
	c.b = req_param_int(r, "b");
	c.version_a = form_int(r, "version_a");
	c.version_b = form_int(r, "version_b");
	c.survivor_b = strcmp(form_str(r, "survivor"), "b") == 0;
	for (i = 0; i < NPICK; i++) {
		snprintf(name, sizeof(name), "pick_%s", pick_names[i]);
		c.pick_b[i] = form_str(r, name)[0] ?
		    strcmp(form_str(r, name), "b") == 0 : c.survivor_b;
	}
	if ((rc = db_txn(r->db, merge_txn, &c)) != DB_OK) {
		log_err("cannot merge %lld and %lld: %s", (long long)c.a,
		    (long long)c.b, db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (c.gone)
		return 404;
	if (c.already || c.stale) {
		page_set(r, "Merge.Error", c.already ?
		    "Identity.Merge.Error.Merged" :
		    "Identity.Merge.Error.Stale");
		page_set(r, "Merge.Show", "0");
		return 409;
	}
	log_info("person %lld merged into %lld (merge %lld, %zu rows moved)",
	    (long long)c.merged, (long long)c.survivor, (long long)c.id,
	    c.moved);
	flash_set(r, "ok", "Identity.Flash.Merged");
	snprintf(loc, sizeof(loc), "/identity/merges/%lld", (long long)c.id);
	return resp_redirect(r, loc);
}

/* A merge as loaded. */
struct merge_row {
	int64_t	 survivor, merged;
	char	 status[8];
	int64_t	 survivor_version;
	char	 when[27];
	int64_t	 version;
	char	 undone[27];
};

/* Load merge id. Returns DB_ROW, DB_OK if none, or the error. */
static enum db_rc
merge_load(struct db *db, int64_t id, struct merge_row *m)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(m, 0, sizeof(*m));
	if ((st = db_stmt(db, ISQL_MERGE_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	m->survivor = db_col_int(st, 0);
	m->merged = db_col_int(st, 1);
	snprintf(m->status, sizeof(m->status), "%s", db_col_text(st, 2));
	m->survivor_version = db_col_int(st, 3);
	snprintf(m->when, sizeof(m->when), "%s", db_col_text(st, 4));
	m->version = db_col_int(st, 5);
	snprintf(m->undone, sizeof(m->undone), "%s", db_col_text(st, 6));
	db_reset(st);
	return DB_ROW;
}

/*
 * GET /identity/merges/{merge} (identity.merge; also the fill of a
 * rejected unmerge): a merge, the rows it moved, and the unmerge form.
 * 404 for an unknown merge. Template identity/merge_view.cs.
 */
int
page_merge_view(struct req *r)
{
	struct merge_row	 m;
	struct person		*s = NULL, *g = NULL;
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 when[64], node[64];
	size_t			 n = 0;
	int			 status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Identity.Merge.ViewTitle"));
	if ((rc = merge_load(r->db, req_param_int(r, "merge"), &m)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (g = calloc(1, sizeof(*g))) == NULL) {
		status = 500;
		goto out;
	}
	if ((rc = person_load(r->db, m.survivor, s)) != DB_ROW ||
	    (rc = person_load(r->db, m.merged, g)) != DB_ROW) {
		status = db_http_status(rc == DB_OK ? DB_ERROR : rc);
		goto out;
	}
	page_set_int(r, "MergeView.Id", req_param_int(r, "merge"));
	page_set_int(r, "MergeView.Survivor", m.survivor);
	page_set_int(r, "MergeView.Merged", m.merged);
	page_set(r, "MergeView.SurvivorName", s->family_name);
	page_set(r, "MergeView.SurvivorGiven", s->given_names);
	page_set(r, "MergeView.MergedName", g->family_name);
	page_set(r, "MergeView.MergedGiven", g->given_names);
	page_set(r, "MergeView.Status", m.status);
	snprintf(node, sizeof(node), "Identity.Merge.Status.%s", m.status);
	page_set(r, "MergeView.StatusLabel", tpl_text(r->hdf, node));
	identity_local_time(r, m.when, when, sizeof(when));
	page_set(r, "MergeView.When", when);
	identity_local_time(r, m.undone, when, sizeof(when));
	page_set(r, "MergeView.Undone", when);
	if (r->method == M_GET)
		page_set_int(r, "Form.version.Value", m.version);
	if ((st = db_stmt(r->db, ISQL_MOVES_OF)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, req_param_int(r, "merge"));
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "MergeView.Moves.%zu.Table", n);
		page_set(r, node, db_col_text(st, 0));
		snprintf(node, sizeof(node), "MergeView.Moves.%zu.Column", n);
		page_set(r, node, db_col_text(st, 1));
		snprintf(node, sizeof(node), "MergeView.Moves.%zu.Row", n);
		page_set_int(r, node, db_col_int(st, 2));
		n++;
	}
	if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	status = 200;
out:
	free(s);
	free(g);
	return status;
}

/* The move statement of a recorded row (table, column), or -1. */
static long
setter_of(const char *table, const char *column)
{
	size_t	k;

	for (k = 0; k < NMOVERS; k++)
		if (strcmp(movers[k].table, table) == 0 &&
		    strcmp(movers[k].column, column) == 0)
			return (long)movers[k].set;
	return -1;
}

/* What unmerge_txn needs and gives back. */
struct unmerge_ctx {
	struct req	*r;
	int64_t		 id;
	int64_t		 version;
	struct merge_row m;		/* out */
	int		 found;		/* out */
	int		 undone;	/* out: already undone */
	int		 stale;		/* out: the merge form is stale */
	int		 changed;	/* out: the survivor changed since */
	int		 blocked;	/* out: a row cannot move back */
	size_t		 moved;		/* out */
};

/* A recorded move, read before moving (the result set is reused). */
struct move {
	char	 table[64];
	char	 column[64];
	int64_t	 row, from, to;
};

/* Undo a merge (db_txn function). A row that cannot move back rolls
 * everything back (DB_ERROR with blocked set). */
static enum db_rc
unmerge_txn(struct db *db, void *arg)
{
	struct unmerge_ctx	*c = arg;
	struct audit_change	 ch[2];
	struct db_stmt		*st;
	struct move		*mv = NULL, *grown;
	enum db_rc		 rc;
	int64_t			 ver[2];
	int			 active[2], found;
	size_t			 n = 0, cap = 0, i;
	long			 set;
	char			 t_merge[24], idtext[24];

	c->found = c->undone = c->stale = c->changed = c->blocked = 0;
	c->moved = 0;
	if ((rc = merge_load(db, c->id, &c->m)) != DB_ROW)
		return rc;
	c->found = 1;
	if (strcmp(c->m.status, "done") != 0) {
		c->undone = 1;
		return DB_OK;
	}
	if (c->m.version != c->version) {
		c->stale = 1;
		return DB_OK;
	}
	if ((rc = lock_both(db, c->m.survivor, c->m.merged, ver, active,
	    &found)) != DB_OK)
		return rc;
	if (found != 2 || !active[0] || active[1] ||
	    ver[0] != c->m.survivor_version) {
		c->changed = 1;
		return DB_OK;
	}
	if ((st = db_stmt(db, ISQL_MOVES_OF)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = reallocarray(mv, cap, sizeof(*mv))) ==
			    NULL) {
				db_reset(st);
				rc = DB_ERROR;
				goto out;
			}
			mv = grown;
		}
		snprintf(mv[n].table, sizeof(mv[n].table), "%s",
		    db_col_text(st, 0));
		snprintf(mv[n].column, sizeof(mv[n].column), "%s",
		    db_col_text(st, 1));
		mv[n].row = db_col_int(st, 2);
		mv[n].from = db_col_int(st, 3);
		mv[n].to = db_col_int(st, 4);
		n++;
	}
	if (rc != DB_OK)
		goto out;
	for (i = 0; i < n; i++) {
		if ((set = setter_of(mv[i].table, mv[i].column)) < 0 ||
		    (st = db_stmt(db, (size_t)set)) == NULL) {
			rc = set < 0 ? DB_ERROR : db_last_rc(db);
			c->blocked = set < 0;
			goto out;
		}
		db_bind_int(st, 0, mv[i].from);
		db_bind_int(st, 1, mv[i].row);
		db_bind_int(st, 2, mv[i].to);
		rc = db_exec(st);
		if (rc == DB_DUP || (rc == DB_OK && db_affected(st) != 1)) {
			c->blocked = 1;
			rc = DB_ERROR;
		}
		if (rc != DB_OK)
			goto out;
		c->moved++;
	}
	if ((st = db_stmt(db, ISQL_MERGE_RESTORE)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, c->id);
	db_bind_int(st, 1, c->m.survivor);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	if ((st = db_stmt(db, ISQL_MERGE_SET_ACTIVE)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, c->m.merged);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	if ((rc = person_keys_rewrite(db, identity_matcher, c->m.survivor)) !=
	    DB_OK ||
	    (rc = person_keys_rewrite(db, identity_matcher, c->m.merged)) !=
	    DB_OK)
		goto out;
	if ((st = db_stmt(db, ISQL_MERGE_UNDONE)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	if (c->r->session != NULL && c->r->session->agent_id != 0)
		db_bind_int(st, 0, c->r->session->agent_id);
	else
		db_bind_null(st, 0);
	db_bind_int(st, 1, c->id);
	db_bind_int(st, 2, c->version);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	if (db_affected(st) != 1) {
		c->blocked = 1;
		rc = DB_ERROR;
		goto out;
	}
	if ((st = db_stmt(db, ISQL_PAIR_REOPEN)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, c->m.survivor < c->m.merged ? c->m.survivor :
	    c->m.merged);
	db_bind_int(st, 1, c->m.survivor < c->m.merged ? c->m.merged :
	    c->m.survivor);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	snprintf(t_merge, sizeof(t_merge), "%lld", (long long)c->id);
	ch[0] = (struct audit_change){"merge", t_merge, NULL};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->m.merged);
	ch[1] = (struct audit_change){"merged_record", idtext, NULL};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->m.survivor);
	if ((rc = audit_req(c->r, "person", idtext, "unmerge", ch, 2)) !=
	    DB_OK)
		goto out;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->m.survivor);
	ch[1] = (struct audit_change){"merged_into", idtext, NULL};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->m.merged);
	rc = audit_req(c->r, "person", idtext, "unmerge", ch, 2);
out:
	free(mv);
	return rc;
}

/*
 * POST /identity/merges/{merge}/undo (identity.merge, CSRF;
 * unmerge_fields): undo a merge: every moved row goes back, the
 * survivor's fields are restored, the merged record is active again.
 * Redirects to the merge with a flash; 409 when it was already undone,
 * the form is stale, the survivor changed since the merge, or a row
 * cannot go back (nothing changed); 404 for an unknown merge.
 */
int
page_unmerge(struct req *r)
{
	struct unmerge_ctx	 c;
	enum db_rc		 rc;
	char			 loc[64];
	int			 status;

	if ((status = page_merge_view(r)) != 200)
		return status;
	if (identity_matcher_open(r) != 0)
		return 503;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = req_param_int(r, "merge");
	c.version = form_int(r, "version");
	rc = db_txn(r->db, unmerge_txn, &c);
	if (rc != DB_OK && !c.blocked) {
		log_err("cannot undo merge %lld: %s", (long long)c.id,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (!c.found)
		return 404;
	if (c.undone || c.stale || c.changed || c.blocked) {
		page_set(r, "MergeView.Error", c.undone ?
		    "Identity.Merge.Error.Undone" : c.stale ?
		    "Identity.Merge.Error.Stale" : c.changed ?
		    "Identity.Merge.Error.Changed" :
		    "Identity.Merge.Error.Blocked");
		return 409;
	}
	log_info("merge %lld undone (%zu rows moved back)", (long long)c.id,
	    c.moved);
	flash_set(r, "ok", "Identity.Flash.Unmerged");
	snprintf(loc, sizeof(loc), "/identity/merges/%lld", (long long)c.id);
	return resp_redirect(r, loc);
}

/*
 * dups.c: the duplicate check and its review queue. Before a record is
 * created, or saved with a change in an identifying field (names, birth
 * date, sex, nationality, documents, parents' names), the matcher looks
 * for the records scoring probable or above; the agent sees each side
 * by side with what was typed, with the explanation of the score, and
 * must decide: "same person" (the merge comes next) or "not the same
 * person" with a reason. Decisions are stored per pair in
 * duplicate_pair with the fingerprints of both records' identifying
 * fields. Paths that cannot ask (the API, the import) store the pairs
 * as pending: identity.merge holders decide them in the review queue.
 */
#include "config.h"

#include <math.h>
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

const char *const dup_verdicts[] = {"same", "distinct", NULL};

/* POST /identity/duplicates/{pair}: the decision on a queued pair. */
const struct field_spec dup_decide_fields[] = {
	{"verdict", FIELD_ENUM, 1, 0, 0, dup_verdicts},
	{"reason", FIELD_STRING, 0, 0, 500, NULL},
	{"version", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* GET /identity/duplicates?page=N */
const struct field_spec queue_fields[] = {
	{"page", FIELD_INT, 0, 1, 100000, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* Pairs per page of the queue. */
#define QUEUE_PAGE	25

/* The rows of the side-by-side comparison, in order, and the language
 * key of each (Identity.Field.<name>). */
#define NCMP	9
static const char *const cmp_fields[NCMP] = {
	"family_name", "given_names", "sex", "birth_date", "birth_place",
	"nationality", "father_name", "mother_name", "document",
};

/* See identity.h. */
enum db_rc
dup_check(struct req *r, const struct person *p, char docs[][65],
    size_t ndocs, int64_t self, struct dup_set *set)
{
	struct match_person	*mp = NULL;
	struct person_cand	*cands = NULL;
	enum db_rc		 rc = DB_ERROR;
	size_t			 i, n = 0;

	memset(set, 0, sizeof(*set));
	if (identity_matcher_open(r) != 0)
		return DB_DOWN;
	if ((mp = calloc(1, sizeof(*mp))) == NULL ||
	    (cands = calloc(DUP_MAX, sizeof(*cands))) == NULL)
		goto out;
	person_match(identity_matcher, p, docs, ndocs, mp);
	if ((rc = person_dup_check(r->db, identity_matcher, mp, 0,
	    MATCH_PROBABLE, self, cands, DUP_MAX, &n)) != DB_OK) {
		log_err("duplicate check failed: %s", db_errmsg(r->db));
		goto out;
	}
	for (i = 0; i < n; i++) {
		set->c[set->n].id = cands[i].id;
		set->c[set->n].res = cands[i].res;
		set->n++;
	}
out:
	free(mp);
	free(cands);
	return rc;
}

/* See identity.h. */
size_t
dup_decisions(struct req *r, struct dup_set *set)
{
	char		 name[32];
	const char	*v;
	size_t		 i, k, undecided = 0;

	for (i = 0; i < set->n; i++) {
		struct dup_cand	*c = &set->c[i];

		c->verdict = 0;
		c->reason[0] = '\0';
		for (k = 0; k < DUP_MAX; k++) {
			snprintf(name, sizeof(name), "dup_id_%zu", k);
			if (form_int(r, name) == c->id)
				break;
		}
		if (k == DUP_MAX) {
			undecided++;
			continue;
		}
		snprintf(name, sizeof(name), "verdict_%zu", k);
		v = form_str(r, name);
		if (strcmp(v, "same") == 0)
			c->verdict = 1;
		else if (strcmp(v, "distinct") == 0)
			c->verdict = 2;
		snprintf(name, sizeof(name), "reason_%zu", k);
		snprintf(c->reason, sizeof(c->reason), "%s", form_str(r, name));
		if (c->verdict == 0) {
			/* The panel was shown and sent back without an
			 * answer for this record: say what is needed
			 * (issue 13 item 7), not just show it again. */
			snprintf(name, sizeof(name), "verdict_%zu", i);
			form_set_error(r, name, "Identity.Dup.VerdictRequired");
			undecided++;
		} else if (c->verdict == 2 && c->reason[0] == '\0') {
			/* The panel shows candidate i at index i. */
			snprintf(name, sizeof(name), "reason_%zu", i);
			form_set_error(r, name, "Identity.Dup.ReasonRequired");
		}
	}
	return undecided;
}

/* Join docs with ", " into out. */
static void
docs_join(char docs[][65], size_t n, char *out, size_t outsz)
{
	size_t	i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n && len < outsz; i++)
		len += (size_t)snprintf(out + len, outsz - len, "%s%s",
		    i ? ", " : "", docs[i]);
}

/* The comparison values of p (cmp_fields order) into vals. */
static void
cmp_values(struct req *r, const struct person *p, const char *docs,
    const char *vals[NCMP], char birth[11])
{
	identity_birth_text(&p->birth, birth);
	vals[0] = p->family_name;
	vals[1] = p->given_names;
	vals[2] = identity_sex_label(r, p->sex);
	vals[3] = birth;
	vals[4] = p->birth_place;
	vals[5] = p->nationality;
	vals[6] = p->father_name;
	vals[7] = p->mother_name;
	vals[8] = docs;
}

/* One reason's strength as page data under base (How, Bar, Percent,
 * Detail). */
static void
reason_set(struct req *r, const char *base, const struct match_reason *m)
{
	char	node[160];
	int	bar = (int)lround(m->score * 10);

	if (bar < 0)
		bar = 0;
	if (bar > 10)
		bar = 10;
	snprintf(node, sizeof(node), "%s.How", base);
	page_set(r, node, identity_label(r, "How", m->how));
	snprintf(node, sizeof(node), "%s.Bar", base);
	page_set_int(r, node, bar);
	snprintf(node, sizeof(node), "%s.Percent", base);
	page_set_int(r, node, (long long)lround(m->score * 100));
	snprintf(node, sizeof(node), "%s.Detail", base);
	page_set(r, node, m->detail);
	snprintf(node, sizeof(node), "%s.Note", base);
	page_set(r, node, m->note != NULL ? identity_label(r, "Note", m->note) :
	    "");
}

/*
 * The side-by-side rows of two records under base: base.Rows.N.{Label,
 * Mine, Theirs, Differs, How, Bar, Percent, Detail}; the reasons of
 * fields not compared row by row (phone ...) follow as rows of their
 * own.
 */
static void
rows_fill(struct req *r, const char *base, const struct person *mine,
    const char *mydocs, const struct person *theirs, const char *theirdocs,
    const struct match_result *res)
{
	const char	*mv[NCMP], *tv[NCMP];
	char		 mb[11], tb[11], row[128], node[160];
	size_t		 i, k, n = 0;

	cmp_values(r, mine, mydocs, mv, mb);
	cmp_values(r, theirs, theirdocs, tv, tb);
	for (i = 0; i < NCMP; i++, n++) {
		snprintf(row, sizeof(row), "%s.Rows.%zu", base, n);
		snprintf(node, sizeof(node), "%s.Label", row);
		page_set(r, node, identity_label(r, "Field", cmp_fields[i]));
		snprintf(node, sizeof(node), "%s.Mine", row);
		page_set(r, node, mv[i]);
		snprintf(node, sizeof(node), "%s.Theirs", row);
		page_set(r, node, tv[i]);
		snprintf(node, sizeof(node), "%s.Differs", row);
		page_set(r, node, strcmp(mv[i], tv[i]) != 0 ? "1" : "0");
		for (k = 0; k < res->nreasons; k++)
			if (res->reasons[k].field != NULL &&
			    strcmp(res->reasons[k].field, cmp_fields[i]) == 0) {
				reason_set(r, row, &res->reasons[k]);
				break;
			}
	}
	for (k = 0; k < res->nreasons; k++) {
		const char	*f = res->reasons[k].field;

		if (f == NULL)
			continue;
		for (i = 0; i < NCMP && strcmp(f, cmp_fields[i]) != 0; i++)
			;
		if (i < NCMP)
			continue;
		snprintf(row, sizeof(row), "%s.Rows.%zu", base, n++);
		snprintf(node, sizeof(node), "%s.Label", row);
		page_set(r, node, identity_label(r, "Field", f));
		reason_set(r, row, &res->reasons[k]);
	}
}

/* The score and class of res under base (Score, Class, ClassLabel). */
static void
score_set(struct req *r, const char *base, const struct match_result *res)
{
	char	node[128];

	snprintf(node, sizeof(node), "%s.Score", base);
	page_set_int(r, node, (long long)lround(res->score * 100));
	snprintf(node, sizeof(node), "%s.Class", base);
	page_set(r, node, match_class_name(res->cls));
	snprintf(node, sizeof(node), "%s.ClassLabel", base);
	page_set(r, node, identity_label(r, "Class", match_class_name(res->cls)));
}

/* See identity.h. */
int
dup_panel_fill(struct req *r, const struct person *p, char docs[][65],
    size_t ndocs, const struct dup_set *set)
{
	struct person	*c = NULL;
	const struct field_value *v;
	char		 mydocs[600], theirdocs[600], base[64], node[96];
	char		 cdocs[DUP_DOCS][65], name[32], label[420];
	size_t		 i, ncdocs;
	enum db_rc	 rc;
	int		 status = 0;

	if (set->n == 0)
		return 0;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return 500;
	docs_join(docs, docs != NULL ? ndocs : 0, mydocs, sizeof(mydocs));
	page_set(r, "Dup.Show", "1");
	page_set_int(r, "Dup.Count", (long long)set->n);
	for (i = 0; i < set->n; i++) {
		const struct dup_cand	*d = &set->c[i];

		if ((rc = person_load(r->db, d->id, c)) != DB_ROW ||
		    (rc = person_doc_norms(r->db, d->id, cdocs, DUP_DOCS,
		    &ncdocs)) != DB_OK) {
			status = db_http_status(rc == DB_OK ? DB_ERROR : rc);
			goto out;
		}
		docs_join(cdocs, ncdocs, theirdocs, sizeof(theirdocs));
		snprintf(base, sizeof(base), "Dup.Cands.%zu", i);
		snprintf(node, sizeof(node), "%s.Index", base);
		page_set_int(r, node, (long long)i);
		snprintf(node, sizeof(node), "%s.Id", base);
		page_set_int(r, node, d->id);
		snprintf(node, sizeof(node), "%s.FamilyName", base);
		page_set(r, node, c->family_name);
		snprintf(node, sizeof(node), "%s.GivenNames", base);
		page_set(r, node, c->given_names);
		snprintf(node, sizeof(node), "%s.Verdict", base);
		page_set(r, node, d->verdict == 1 ? "same" :
		    d->verdict == 2 ? "distinct" : "");
		snprintf(node, sizeof(node), "%s.Reason", base);
		page_set(r, node, d->reason);
		snprintf(name, sizeof(name), "reason_%zu", i);
		if ((v = form_get(r, name)) != NULL && v->errkey != NULL) {
			snprintf(node, sizeof(node), "%s.Error", base);
			page_set(r, node, v->errkey);
		}
		snprintf(name, sizeof(name), "verdict_%zu", i);
		if ((v = form_get(r, name)) != NULL && v->errkey != NULL) {
			snprintf(node, sizeof(node), "%s.VerdictError", base);
			page_set(r, node, v->errkey);
		}
		/* The error summary names the record each answer is about. */
		snprintf(label, sizeof(label), "%.200s, %.200s (#%lld)",
		    c->family_name, c->given_names, (long long)d->id);
		snprintf(node, sizeof(node), "Form.verdict_%zu.Label", i);
		page_set(r, node, label);
		snprintf(node, sizeof(node), "Form.reason_%zu.Label", i);
		page_set(r, node, label);
		score_set(r, base, &d->res);
		rows_fill(r, base, p, mydocs, c, theirdocs, &d->res);
	}
out:
	free(c);
	return status;
}

/* The explanation of res as "field:how; ..." into out. */
static void
explanation(const struct match_result *res, char *out, size_t outsz)
{
	size_t	k, w = 0;

	out[0] = '\0';
	for (k = 0; k < res->nreasons && w < outsz; k++)
		w += (size_t)snprintf(out + w, outsz - w, "%s%s:%s",
		    w ? "; " : "", res->reasons[k].field ?
		    res->reasons[k].field : "", res->reasons[k].how ?
		    res->reasons[k].how : "");
}

/* See identity.h. */
enum db_rc
dup_record(struct db *db, struct req *r, int64_t self,
    const struct dup_set *set, const char *origin, int64_t *same_with)
{
	struct audit_change	 ch[4];
	struct db_stmt		*st;
	enum db_rc		 rc;
	const char		*status;
	char			 score[16], why[1000], idtext[24], other[24];
	int64_t			 a, b;
	size_t			 i;
	int			 asked = strcmp(origin, "form") == 0;

	*same_with = 0;
	for (i = 0; set != NULL && i < set->n; i++) {
		const struct dup_cand	*d = &set->c[i];

		a = self < d->id ? self : d->id;
		b = self < d->id ? d->id : self;
		status = !asked ? "pending" : d->verdict == 1 ? "same" :
		    "distinct";
		snprintf(score, sizeof(score), "%.3f", d->res.score);
		explanation(&d->res, why, sizeof(why));
		if ((st = db_stmt(db, ISQL_PAIR_UPSERT)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, a);
		db_bind_int(st, 1, b);
		db_bind_text(st, 2, status);
		db_bind_text(st, 3, origin);
		db_bind_text(st, 4, score);
		db_bind_text(st, 5, match_class_name(d->res.cls));
		db_bind_text(st, 6, why);
		db_bind_int(st, 7, a);
		db_bind_int(st, 8, b);
		db_bind_text(st, 9, asked ? d->reason : "");
		db_bind_text(st, 10, status);
		if (asked && r->session != NULL && r->session->agent_id != 0)
			db_bind_int(st, 11, r->session->agent_id);
		else
			db_bind_null(st, 11);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
		snprintf(other, sizeof(other), "%lld", (long long)d->id);
		ch[0] = (struct audit_change){"candidate", NULL, other};
		ch[1] = (struct audit_change){"decision", NULL, status};
		ch[2] = (struct audit_change){"score", NULL, score};
		ch[3] = (struct audit_change){"reason", NULL,
		    asked ? d->reason : ""};
		snprintf(idtext, sizeof(idtext), "%lld", (long long)self);
		if ((rc = audit_req(r, "person", idtext, "duplicate_decision",
		    ch, 4)) != DB_OK)
			return rc;
		if (asked && d->verdict == 1 && *same_with == 0)
			*same_with = d->id;
	}
	return DB_OK;
}

/* See identity.h. */
int
dup_after_save(struct req *r, int64_t self, int64_t same_with)
{
	char	loc[96];

	if (r->session != NULL && session_can(r->session, "identity.merge")) {
		flash_set(r, "info", "Identity.Flash.GoMerge");
		snprintf(loc, sizeof(loc), "/identity/merge/%lld/%lld",
		    (long long)same_with, (long long)self);
	} else {
		flash_set(r, "info", "Identity.Flash.SentForMerge");
		snprintf(loc, sizeof(loc), "/identity/persons/%lld",
		    (long long)self);
	}
	return resp_redirect(r, loc);
}

/*
 * GET /identity/duplicates (identity.merge; queue_fields: page): the
 * pending pairs (from imports and the API, and "same person" verdicts
 * waiting for their merge), best score first, QUEUE_PAGE per page.
 * Template identity/duplicates.cs (Queue.Items.N.{Id, A, B, NameA,
 * NameB, Status, Origin, Score, Class, ClassLabel, Detected}).
 */
int
page_dup_queue(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	long long	 total = 0, pages, page;
	char		 base[48], node[96], when[64];
	size_t		 n = 0;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Identity.Queue.Title"));
	if (r->form.nerrors > 0)
		return 422;
	if ((st = db_stmt(r->db, ISQL_PAIR_QUEUE_COUNT)) == NULL)
		return db_http_status(db_last_rc(r->db));
	if ((rc = db_step(st)) != DB_ROW)
		return db_http_status(rc == DB_OK ? DB_ERROR : rc);
	total = db_col_int(st, 0);
	db_reset(st);
	pages = total > 0 ? (total + QUEUE_PAGE - 1) / QUEUE_PAGE : 1;
	page = form_int(r, "page");
	if (page < 1)
		page = 1;
	if (page > pages)
		page = pages;
	page_set_int(r, "Queue.Total", total);
	page_set_int(r, "Queue.Page", page);
	page_set_int(r, "Queue.Pages", pages);
	if ((st = db_stmt(r->db, ISQL_PAIR_QUEUE)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, QUEUE_PAGE);
	db_bind_int(st, 1, (page - 1) * QUEUE_PAGE);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(base, sizeof(base), "Queue.Items.%zu", n++);
#define SETS(k, v) do { snprintf(node, sizeof(node), "%s." k, base); \
	page_set(r, node, (v)); } while (0)
#define SETI(k, v) do { snprintf(node, sizeof(node), "%s." k, base); \
	page_set_int(r, node, (v)); } while (0)
		SETI("Id", db_col_int(st, 0));
		SETI("A", db_col_int(st, 1));
		SETI("B", db_col_int(st, 2));
		SETS("Status", db_col_text(st, 3));
		SETS("StatusLabel", identity_label(r, "Dup.Status", db_col_text(st, 3)));
		SETS("Origin", identity_label(r, "Dup.Origin", db_col_text(st, 4)));
		SETI("Score", db_col_int(st, 5));
		SETS("Class", db_col_text(st, 6));
		SETS("ClassLabel", identity_label(r, "Class", db_col_text(st, 6)));
		identity_local_time(r, db_col_text(st, 7), when, sizeof(when));
		SETS("Detected", when);
		SETS("NameA", db_col_text(st, 8));
		SETS("NameB", db_col_text(st, 9));
#undef SETS
#undef SETI
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	return 200;
}

/* A queued pair as loaded. */
struct pair {
	int64_t	 a, b;
	char	 status[16];
	char	 origin[16];
	long long score;
	char	 reason[501];
	int64_t	 version;
	char	 detected[27];
	char	 decided[27];
	int	 stale;
	long	 group;		/* records of its import group (0: none) */
};

/* The size of the group an import found the pair in ("group:N
 * records" in its explanation, modules/admin/import.c), or 0. */
static long
explanation_group(const char *why)
{
	const char	*g = why != NULL ? strstr(why, "group:") : NULL;
	long		 n = 0;

	if (g == NULL)
		return 0;
	for (g += 6; *g >= '0' && *g <= '9' && n < 100000; g++)
		n = n * 10 + (*g - '0');
	return n;
}

/* Load pair id. Returns DB_ROW, DB_OK if none, or the error. */
static enum db_rc
pair_load(struct db *db, int64_t id, struct pair *p)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(p, 0, sizeof(*p));
	if ((st = db_stmt(db, ISQL_PAIR_BY_ID)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	p->a = db_col_int(st, 0);
	p->b = db_col_int(st, 1);
	snprintf(p->status, sizeof(p->status), "%s", db_col_text(st, 2));
	snprintf(p->origin, sizeof(p->origin), "%s", db_col_text(st, 3));
	p->score = db_col_int(st, 4);
	snprintf(p->reason, sizeof(p->reason), "%s", db_col_text(st, 7));
	p->version = db_col_int(st, 8);
	snprintf(p->detected, sizeof(p->detected), "%s", db_col_text(st, 9));
	snprintf(p->decided, sizeof(p->decided), "%s", db_col_text(st, 10));
	p->stale = db_col_int(st, 11) != 0;
	p->group = explanation_group(db_col_text(st, 6));
	db_reset(st);
	return DB_ROW;
}

/*
 * GET /identity/duplicates/{pair} (identity.merge; also the fill of a
 * rejected decision): the two records side by side with the matcher's
 * explanation as of now, and the decision form. 404 for an unknown
 * pair. A GET writes an access event for each record. Template
 * identity/duplicate.cs (Pair.*, Dup.Cands.0.*).
 */
int
page_dup_view(struct req *r)
{
	struct pair		 pr;
	struct person		*a = NULL, *b = NULL;
	struct match_person	*ma = NULL, *mb = NULL;
	struct match_result	 res;
	char			 da[DUP_DOCS][65], db_[DUP_DOCS][65];
	char			 ta[600], tb[600], when[64], idtext[24];
	size_t			 na, nb;
	enum db_rc		 rc;
	int			 status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Identity.Queue.Pair"));
	if (identity_matcher_open(r) != 0)
		return 503;
	if ((rc = pair_load(r->db, req_param_int(r, "pair"), &pr)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	if ((a = calloc(1, sizeof(*a))) == NULL ||
	    (b = calloc(1, sizeof(*b))) == NULL ||
	    (ma = calloc(1, sizeof(*ma))) == NULL ||
	    (mb = calloc(1, sizeof(*mb))) == NULL) {
		status = 500;
		goto out;
	}
	if ((rc = person_load(r->db, pr.a, a)) != DB_ROW ||
	    (rc = person_load(r->db, pr.b, b)) != DB_ROW ||
	    (rc = person_doc_norms(r->db, pr.a, da, DUP_DOCS, &na)) != DB_OK ||
	    (rc = person_doc_norms(r->db, pr.b, db_, DUP_DOCS, &nb)) !=
	    DB_OK) {
		status = db_http_status(rc == DB_OK ? DB_ERROR : rc);
		goto out;
	}
	/* Both records are shown side by side: two views. */
	if (r->method == M_GET) {
		snprintf(idtext, sizeof(idtext), "%lld", (long long)pr.a);
		if ((rc = access_write(r, "person", idtext, "duplicate")) ==
		    DB_OK) {
			snprintf(idtext, sizeof(idtext), "%lld",
			    (long long)pr.b);
			rc = access_write(r, "person", idtext, "duplicate");
		}
		if (rc != DB_OK) {
			status = db_http_status(rc);
			goto out;
		}
	}
	person_match(identity_matcher, a, da, na, ma);
	person_match(identity_matcher, b, db_, nb, mb);
	person_freq_install(r->db);
	match_score(ma, mb, &res);
	docs_join(da, na, ta, sizeof(ta));
	docs_join(db_, nb, tb, sizeof(tb));
	page_set_int(r, "Pair.Id", req_param_int(r, "pair"));
	page_set_int(r, "Pair.A", pr.a);
	page_set_int(r, "Pair.B", pr.b);
	page_set(r, "Pair.NameA", a->family_name);
	page_set(r, "Pair.GivenA", a->given_names);
	page_set(r, "Pair.NameB", b->family_name);
	page_set(r, "Pair.GivenB", b->given_names);
	page_set(r, "Pair.StatusA", a->status);
	page_set(r, "Pair.StatusB", b->status);
	page_set(r, "Pair.Status", pr.status);
	page_set(r, "Pair.StatusLabel", identity_label(r, "Dup.Status", pr.status));
	page_set(r, "Pair.Origin", identity_label(r, "Dup.Origin", pr.origin));
	page_set(r, "Pair.Reason", pr.reason);
	page_set(r, "Pair.Stale", pr.stale ? "1" : "0");
	if (pr.group > 2)
		page_set_int(r, "Pair.Group", pr.group);
	identity_local_time(r, pr.detected, when, sizeof(when));
	page_set(r, "Pair.Detected", when);
	identity_local_time(r, pr.decided, when, sizeof(when));
	page_set(r, "Pair.Decided", when);
	if (r->method == M_GET)
		page_set_int(r, "Form.version.Value", pr.version);
	score_set(r, "Pair", &res);
	rows_fill(r, "Pair", a, ta, b, tb, &res);
	status = 200;
out:
	free(a);
	free(b);
	free(ma);
	free(mb);
	return status;
}

/* What decide_txn needs and gives back. */
struct decide_ctx {
	struct req	*r;
	int64_t		 id;
	int64_t		 a, b;		/* out */
	const char	*verdict;
	const char	*reason;
	int64_t		 version;
	int		 found;		/* out */
	int		 conflict;	/* out */
};

/* Record the decision on the pair if its version is still the one
 * shown, with its audit event (db_txn function). */
static enum db_rc
decide_txn(struct db *db, void *arg)
{
	struct decide_ctx	*c = arg;
	struct audit_change	 ch[4];
	struct pair		 pr;
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 idtext[24], ta[24], tb[24];

	c->found = c->conflict = 0;
	if ((rc = pair_load(db, c->id, &pr)) != DB_ROW)
		return rc;
	c->found = 1;
	c->a = pr.a;
	c->b = pr.b;
	if (strcmp(pr.status, "merged") == 0 || pr.version != c->version) {
		c->conflict = 1;
		return DB_OK;
	}
	if ((st = db_stmt(db, ISQL_PAIR_DECIDE)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, strcmp(c->verdict, "same") == 0 ? "same" :
	    "distinct");
	db_bind_text(st, 1, c->reason);
	if (c->r->session != NULL && c->r->session->agent_id != 0)
		db_bind_int(st, 2, c->r->session->agent_id);
	else
		db_bind_null(st, 2);
	db_bind_int(st, 3, pr.a);
	db_bind_int(st, 4, pr.b);
	db_bind_int(st, 5, c->id);
	db_bind_int(st, 6, c->version);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) == 0) {
		c->conflict = 1;
		return DB_OK;
	}
	snprintf(ta, sizeof(ta), "%lld", (long long)pr.a);
	snprintf(tb, sizeof(tb), "%lld", (long long)pr.b);
	ch[0] = (struct audit_change){"person_a", NULL, ta};
	ch[1] = (struct audit_change){"person_b", NULL, tb};
	ch[2] = (struct audit_change){"decision", pr.status, c->verdict};
	ch[3] = (struct audit_change){"reason", pr.reason, c->reason};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	return audit_req(c->r, "duplicate_pair", idtext, "decide", ch, 4);
}

/*
 * POST /identity/duplicates/{pair} (identity.merge, CSRF;
 * dup_decide_fields): decide a pair. "same" goes on to the merge form;
 * "distinct" needs a reason and returns to the queue. 409 when someone
 * decided or merged it meanwhile; 422 without a reason; 404 for an
 * unknown pair.
 */
int
page_dup_decide(struct req *r)
{
	struct decide_ctx	 c;
	enum db_rc		 rc;
	char			 loc[96];
	int			 status;

	if ((status = page_dup_view(r)) != 200)
		return status;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = req_param_int(r, "pair");
	c.verdict = form_str(r, "verdict");
	c.reason = form_str(r, "reason");
	c.version = form_int(r, "version");
	if (strcmp(c.verdict, "distinct") == 0 && c.reason[0] == '\0') {
		form_set_error(r, "reason", "Identity.Dup.ReasonRequired");
		return 422;
	}
	if ((rc = db_txn(r->db, decide_txn, &c)) != DB_OK) {
		log_err("cannot decide pair %lld: %s", (long long)c.id,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (!c.found)
		return 404;
	if (c.conflict) {
		page_set(r, "Pair.Conflict", "1");
		return 409;
	}
	if (strcmp(c.verdict, "same") == 0) {
		flash_set(r, "info", "Identity.Flash.GoMerge");
		snprintf(loc, sizeof(loc), "/identity/merge/%lld/%lld",
		    (long long)c.a, (long long)c.b);
		return resp_redirect(r, loc);
	}
	flash_set(r, "ok", "Identity.Flash.Decided");
	return resp_redirect(r, "/identity/duplicates");
}

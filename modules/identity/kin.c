/*
 * kin.c: what havre-identity's pages share about family links (spouse,
 * parent, child, sibling) and consistency warnings; the link pages
 * themselves are family.c's. Every link is written with its reciprocal
 * (parent <-> child, spouse <-> spouse, sibling <-> sibling) in one
 * transaction, and removed the same way, so that both records always
 * tell the same story. Warnings (a child born before a parent was 12 or
 * after the parent's death, a spouse under 16, a document expiring
 * before it was issued) do not block a save: the agent ticks a box to
 * acknowledge them, and they are kept with the record.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "audit.h"
#include "buf.h"
#include "db.h"
#include "identity.h"
#include "log.h"
#include "session.h"
#include "tpl.h"

const char *const relations[] = {"spouse", "parent", "child", "sibling",
    NULL};

/*
 * Age limits of the checks. A parent younger than 12 at the child's
 * birth is biologically near impossible: such a link is more likely a
 * data-entry error (a swapped relation, a wrong year). 16 is the lowest
 * minimum age of marriage with judicial consent in the countries whose
 * civil codes the agencies deal with most; a younger spouse needs a
 * second look (possible forced or child marriage, or a wrong date).
 */
#define PARENT_MIN_YEARS	12
#define SPOUSE_MIN_YEARS	16

/* The relation seen from the other side. */
static const char *
reciprocal(const char *rel)
{
	if (strcmp(rel, "parent") == 0)
		return "child";
	if (strcmp(rel, "child") == 0)
		return "parent";
	return rel;
}

/* A comparable number for a birth date, unknown parts 0 (0: unknown). */
static long
pdate_key(const struct pdate *d)
{
	if (d->precision == DATE_UNKNOWN || d->year == 0)
		return 0;
	return (long)d->year * 10000 + (long)d->month * 100 + d->day;
}

/* The same for a "YYYY-MM-DD" text (0: none or malformed). */
static long
text_key(const char *s)
{
	int	y, m, d;

	if (s == NULL || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d", &y, &m,
	    &d) != 3)
		return 0;
	return (long)y * 10000 + (long)m * 100 + d;
}

/* Today (UTC) as a date key. */
static long
today_key(void)
{
	time_t		now = time(NULL);
	struct tm	tm;

	gmtime_r(&now, &tm);
	return (long)(tm.tm_year + 1900) * 10000 + (long)(tm.tm_mon + 1) *
	    100 + tm.tm_mday;
}

/* Append a warning (dropped beyond WARN_MAX). */
static void
warn_add(struct warnings *w, const char *code, const char *detail)
{
	if (w->n >= WARN_MAX)
		return;
	snprintf(w->code[w->n], sizeof(w->code[0]), "%s", code);
	snprintf(w->detail[w->n], sizeof(w->detail[0]), "%s", detail);
	w->n++;
}

/* A relative as the checks see it. */
struct kin {
	char		 relation[16];
	char		 name[200];
	struct pdate	 birth;
	char		 death[11];
};

/*
 * Check p (birth, death) against one relative k; detail names the
 * relative and its dates.
 */
static void
kin_check(const struct person *p, const struct kin *k, struct warnings *w)
{
	long	pb = pdate_key(&p->birth), kb = pdate_key(&k->birth);
	long	pd = text_key(p->death_date), kd = text_key(k->death);
	long	today = today_key();
	char	detail[200], kbt[11];

	identity_birth_text(&k->birth, kbt);
	snprintf(detail, sizeof(detail), "%.150s (%s%s%s)", k->name,
	    kbt[0] ? kbt : "?", k->death[0] ? " - " : "", k->death);
	if (strcmp(k->relation, "parent") == 0) {
		if (pb && kb && pb < kb + PARENT_MIN_YEARS * 10000L)
			warn_add(w, "parent_too_young", detail);
		if (pb && kd && pb > kd)
			warn_add(w, "born_after_parent_death", detail);
	} else if (strcmp(k->relation, "child") == 0) {
		if (pb && kb && kb < pb + PARENT_MIN_YEARS * 10000L)
			warn_add(w, "parent_too_young", detail);
		if (kb && pd && kb > pd)
			warn_add(w, "born_after_parent_death", detail);
	} else if (strcmp(k->relation, "spouse") == 0) {
		if ((pb && today - pb < SPOUSE_MIN_YEARS * 10000L) ||
		    (kb && today - kb < SPOUSE_MIN_YEARS * 10000L))
			warn_add(w, "spouse_under_16", detail);
	}
}

/* See identity.h. */
enum db_rc
family_warnings(struct db *db, const struct person *p, int64_t self,
    int64_t rel_id, const char *relation, struct warnings *w)
{
	struct person	*rel = NULL;
	struct kin	 k;
	struct db_stmt	*st;
	enum db_rc	 rc = DB_OK;
	struct warnings	 all;
	size_t		 i;
	int64_t		 prec;

	memset(w, 0, sizeof(*w));
	memset(&all, 0, sizeof(all));
	if (self > 0) {
		if ((st = db_stmt(db, ISQL_LINKS_OF)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, self);
		while ((rc = db_step(st)) == DB_ROW) {
			memset(&k, 0, sizeof(k));
			snprintf(k.relation, sizeof(k.relation), "%s",
			    db_col_text(st, 2));
			snprintf(k.name, sizeof(k.name), "%s %s",
			    db_col_text(st, 3), db_col_text(st, 4));
			k.birth.year = (int)db_col_int(st, 5);
			k.birth.month = (int)db_col_int(st, 6);
			k.birth.day = (int)db_col_int(st, 7);
			prec = db_col_int(st, 8) - 1;
			k.birth.precision = (prec >= DATE_UNKNOWN &&
			    prec <= DATE_DAY) ? (enum date_precision)prec :
			    DATE_UNKNOWN;
			snprintf(k.death, sizeof(k.death), "%s",
			    db_col_text(st, 9));
			kin_check(p, &k, &all);
		}
		if (rc != DB_OK)
			return rc;
	}
	if (rel_id > 0 && relation != NULL) {
		if ((rel = calloc(1, sizeof(*rel))) == NULL)
			return DB_ERROR;
		if ((rc = person_load(db, rel_id, rel)) == DB_ROW) {
			memset(&k, 0, sizeof(k));
			snprintf(k.relation, sizeof(k.relation), "%s",
			    relation);
			snprintf(k.name, sizeof(k.name), "%.90s %.90s",
			    rel->family_name, rel->given_names);
			k.birth = rel->birth;
			snprintf(k.death, sizeof(k.death), "%s",
			    rel->death_date);
			kin_check(p, &k, &all);
			rc = DB_OK;
		}
		free(rel);
		if (rc != DB_OK)
			return rc;
	}
	/* Warnings already acknowledged on this record are not asked
	 * again. */
	for (i = 0; i < all.n; i++) {
		int	known = 0;

		if (self > 0) {
			if ((st = db_stmt(db, ISQL_WARNINGS_OF)) == NULL)
				return db_last_rc(db);
			db_bind_int(st, 0, self);
			while ((rc = db_step(st)) == DB_ROW)
				if (strcmp(db_col_text(st, 0), all.code[i]) ==
				    0 && strcmp(db_col_text(st, 1),
				    all.detail[i]) == 0)
					known = 1;
			if (rc != DB_OK)
				return rc;
		}
		if (!known)
			warn_add(w, all.code[i], all.detail[i]);
	}
	return DB_OK;
}

/* See identity.h. */
void
doc_warnings(const char *issued, const char *expiry, struct warnings *w)
{
	long	i = text_key(issued), e = text_key(expiry);
	char	detail[64];

	if (i && e && e < i) {
		snprintf(detail, sizeof(detail), "%s > %s", issued, expiry);
		warn_add(w, "expires_before_issue", detail);
	}
}

/* See identity.h. */
int
warnings_gate(struct req *r, const struct warnings *w)
{
	char	node[64], key[64];
	size_t	i;

	if (w->n == 0)
		return 0;
	page_set(r, "Warn.Show", "1");
	for (i = 0; i < w->n; i++) {
		snprintf(node, sizeof(node), "Warn.Items.%zu.Code", i);
		page_set(r, node, w->code[i]);
		snprintf(key, sizeof(key), "Identity.Warn.%s", w->code[i]);
		snprintf(node, sizeof(node), "Warn.Items.%zu.Text", i);
		page_set(r, node, tpl_has_text(r->hdf, key) ?
		    tpl_text(r->hdf, key) : w->code[i]);
		snprintf(node, sizeof(node), "Warn.Items.%zu.Detail", i);
		page_set(r, node, w->detail[i]);
	}
	if (form_int(r, "ack_warnings"))
		return 0;
	form_set_error(r, "ack_warnings", "Identity.Warn.AckRequired");
	return 1;
}

/* See identity.h. */
enum db_rc
warnings_record(struct db *db, struct req *r, int64_t id,
    const struct warnings *w)
{
	struct audit_change	 ch[1];
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 idtext[24];
	size_t			 i;

	for (i = 0; w != NULL && i < w->n; i++) {
		if ((st = db_stmt(db, ISQL_WARNING_INSERT)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, id);
		db_bind_text(st, 1, w->code[i]);
		db_bind_text(st, 2, w->detail[i]);
		if (r->session != NULL && r->session->agent_id != 0)
			db_bind_int(st, 3, r->session->agent_id);
		else
			db_bind_null(st, 3);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
		ch[0] = (struct audit_change){w->code[i], NULL, w->detail[i]};
		snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
		if ((rc = audit_req(r, "person", idtext, "warning_acknowledged",
		    ch, 1)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/*
 * Lock persons a and b (in id order). Returns DB_ROW if both exist and
 * are active, DB_OK if not, else the error.
 */
static enum db_rc
lock_pair(struct db *db, int64_t a, int64_t b)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int		 n = 0, active = 0;

	if ((st = db_stmt(db, ISQL_PERSON_LOCK2)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, a);
	db_bind_int(st, 1, b);
	while ((rc = db_step(st)) == DB_ROW) {
		n++;
		if (strcmp(db_col_text(st, 2), "active") == 0)
			active++;
	}
	if (rc != DB_OK)
		return rc;
	return n == 2 && active == 2 ? DB_ROW : DB_OK;
}

/* Insert one directed link row. */
static enum db_rc
link_insert(struct db *db, struct req *r, int64_t person, int64_t relative,
    const char *relation)
{
	struct db_stmt	*st;

	if ((st = db_stmt(db, ISQL_LINK_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, person);
	db_bind_int(st, 1, relative);
	db_bind_text(st, 2, relation);
	if (r->session != NULL && r->session->agent_id != 0)
		db_bind_int(st, 3, r->session->agent_id);
	else
		db_bind_null(st, 3);
	return db_exec(st);
}

/* Audit a link change on both records. */
static enum db_rc
link_audit(struct req *r, int64_t person, int64_t relative,
    const char *relation, const char *action)
{
	struct audit_change	 ch[2];
	char			 a[24], b[24];
	enum db_rc		 rc;
	int			 add = strcmp(action, "link_add") == 0;

	snprintf(a, sizeof(a), "%lld", (long long)person);
	snprintf(b, sizeof(b), "%lld", (long long)relative);
	ch[0] = (struct audit_change){"relative", add ? NULL : b, add ? b :
	    NULL};
	ch[1] = (struct audit_change){"relation", add ? NULL : relation,
	    add ? relation : NULL};
	if ((rc = audit_req(r, "person", a, action, ch, 2)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"relative", add ? NULL : a, add ? a :
	    NULL};
	ch[1] = (struct audit_change){"relation", add ? NULL :
	    reciprocal(relation), add ? reciprocal(relation) : NULL};
	return audit_req(r, "person", b, action, ch, 2);
}

/* See identity.h. Returns DB_DUP when the link exists, DB_ERROR when a
 * record is gone or merged (callers check first). */
enum db_rc
family_link_txn(struct db *db, struct req *r, int64_t person,
    int64_t relative, const char *relation)
{
	enum db_rc	rc;

	if (person == relative)
		return DB_ERROR;
	if ((rc = lock_pair(db, person, relative)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	if ((rc = link_insert(db, r, person, relative, relation)) != DB_OK ||
	    (rc = link_insert(db, r, relative, person,
	    reciprocal(relation))) != DB_OK)
		return rc;
	return link_audit(r, person, relative, relation, "link_add");
}

/* See identity.h. */
enum db_rc
family_unlink_txn(struct db *db, struct req *r, int64_t person,
    int64_t link, int *found)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 relative;
	char		 relation[16];

	*found = 0;
	if ((st = db_stmt(db, ISQL_LINK_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, link);
	db_bind_int(st, 1, person);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	relative = db_col_int(st, 0);
	snprintf(relation, sizeof(relation), "%s", db_col_text(st, 1));
	db_reset(st);
	*found = 1;
	if ((st = db_stmt(db, ISQL_LINK_DELETE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, person);
	db_bind_int(st, 1, relative);
	db_bind_text(st, 2, relation);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, ISQL_LINK_DELETE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, relative);
	db_bind_int(st, 1, person);
	db_bind_text(st, 2, reciprocal(relation));
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return link_audit(r, person, relative, relation, "link_remove");
}

/* See identity.h. */
int
family_fill(struct req *r, int64_t id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	struct pdate	 b;
	char		 node[64], key[64], birth[11], when[64], words[64];
	size_t		 n = 0, i;
	int64_t		 prec;

	if ((st = db_stmt(r->db, ISQL_LINKS_OF)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
#define SET(k, v) do { snprintf(node, sizeof(node), "Person.Family.%zu." k, \
	n); page_set(r, node, (v)); } while (0)
		snprintf(node, sizeof(node), "Person.Family.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Person.Family.%zu.RelativeId", n);
		page_set_int(r, node, db_col_int(st, 1));
		SET("Relation", db_col_text(st, 2));
		snprintf(key, sizeof(key), "Identity.Relation.%s",
		    db_col_text(st, 2));
		SET("RelationLabel", tpl_text(r->hdf, key));
		SET("FamilyName", db_col_text(st, 3));
		SET("GivenNames", db_col_text(st, 4));
		memset(&b, 0, sizeof(b));
		b.year = (int)db_col_int(st, 5);
		b.month = (int)db_col_int(st, 6);
		b.day = (int)db_col_int(st, 7);
		prec = db_col_int(st, 8) - 1;
		b.precision = (prec >= DATE_UNKNOWN && prec <= DATE_DAY) ?
		    (enum date_precision)prec : DATE_UNKNOWN;
		identity_birth_text(&b, birth);
		tpl_pdate_words(r->hdf, birth, words, sizeof(words));
		SET("BirthDate", words);
		SET("DeathDate", db_col_text(st, 9));
		SET("Nationality", db_col_text(st, 10));
		SET("Status", db_col_text(st, 11));
		SET("Sex", identity_sex_label(r, db_col_text(st, 12)));
#undef SET
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	for (i = 0; relations[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Person.Relations.%zu.Value", i);
		page_set(r, node, relations[i]);
		snprintf(node, sizeof(node), "Person.Relations.%zu.Label", i);
		snprintf(key, sizeof(key), "Identity.Relation.%s", relations[i]);
		page_set(r, node, tpl_text(r->hdf, key));
	}
	n = 0;
	if ((st = db_stmt(r->db, ISQL_WARNINGS_OF)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(key, sizeof(key), "Identity.Warn.%s",
		    db_col_text(st, 0));
		snprintf(node, sizeof(node), "Person.Warnings.%zu.Text", n);
		page_set(r, node, tpl_has_text(r->hdf, key) ?
		    tpl_text(r->hdf, key) : db_col_text(st, 0));
		snprintf(node, sizeof(node), "Person.Warnings.%zu.Detail", n);
		page_set(r, node, db_col_text(st, 1));
		identity_local_time(r, db_col_text(st, 2), when, sizeof(when));
		snprintf(node, sizeof(node), "Person.Warnings.%zu.When", n);
		page_set(r, node, when);
		snprintf(node, sizeof(node), "Person.Warnings.%zu.By", n);
		page_set(r, node, db_col_text(st, 3));
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	n = 0;
	if ((st = db_stmt(r->db, ISQL_MERGES_OF)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Person.Merges.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Person.Merges.%zu.Survivor", n);
		page_set_int(r, node, db_col_int(st, 1));
		snprintf(node, sizeof(node), "Person.Merges.%zu.Merged", n);
		page_set_int(r, node, db_col_int(st, 2));
		snprintf(key, sizeof(key), "Identity.Merge.Status.%s",
		    db_col_text(st, 3));
		snprintf(node, sizeof(node), "Person.Merges.%zu.Status", n);
		page_set(r, node, tpl_text(r->hdf, key));
		identity_local_time(r, db_col_text(st, 4), when, sizeof(when));
		snprintf(node, sizeof(node), "Person.Merges.%zu.When", n);
		page_set(r, node, when);
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	if (r->session != NULL && session_can(r->session, "identity.merge"))
		page_set(r, "Person.CanMerge", "1");
	return 0;
}

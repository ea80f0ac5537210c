/*
 * rules.c: the page that edits the triage rules of the registration
 * desk (registration_rule, migrations 0021 and 0024; how the summary
 * applies them: household.c's triage_propose). Agents holding
 * registration.configure (supervisors, administrators) list the rules in
 * rank order, edit one (its value, the procedure it proposes, its rank,
 * the priority track, enabled or disabled) or add one; every change
 * states its reason, shown on the list and kept in the audit trail.
 * Saves are the versioned edit of common's edit.c: a save made against
 * a stale copy changes nothing and shows the stored values beside the
 * agent's; the change and its audit event are one transaction.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "edit.h"
#include "log.h"
#include "registration.h"
#include "session.h"
#include "tpl.h"

/* The kinds of rule (registration_rule.kind) and what value each takes. */
static const char *const rule_kinds[] = {"safe_country",
	"previous_application", "specific_need", "family_protected", NULL};

/* POST /registration/rules and /registration/rules/{id}; the kind is
 * read on a creation only (a rule keeps its kind). */
const struct field_spec rule_fields[] = {
	{"kind", FIELD_ENUM, 0, 0, 0, rule_kinds},
	{"value", FIELD_STRING, 0, 0, 32, NULL},
	{"procedure", FIELD_STRING, 1, 1, 32, NULL},
	{"rank", FIELD_INT, 1, 0, 100000, NULL},
	{"priority", FIELD_BOOL, 0, 0, 0, NULL},
	{"active", FIELD_BOOL, 0, 0, 0, NULL},
	{"reason", FIELD_STRING, 1, 1, 500, NULL},
	{"version", FIELD_INT, 0, 0, 2147483647LL, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* A rule as stored or as submitted. */
struct rule_row {
	int64_t	 id;
	char	 kind[24];
	char	 value[33];
	char	 procedure[33];
	int64_t	 rank;
	int	 priority;
	int	 active;
	char	 reason[501];
	char	 updated[20];
	int64_t	 version;
};

/* Read the current row of st into w. */
static void
rule_read(struct db_stmt *st, struct rule_row *w)
{
	memset(w, 0, sizeof(*w));
	w->id = db_col_int(st, 0);
	snprintf(w->kind, sizeof(w->kind), "%s", db_col_text(st, 1));
	snprintf(w->value, sizeof(w->value), "%s", db_col_text(st, 2));
	snprintf(w->procedure, sizeof(w->procedure), "%s", db_col_text(st, 3));
	w->rank = db_col_int(st, 4);
	w->priority = db_col_int(st, 5) != 0;
	w->active = db_col_int(st, 6) != 0;
	snprintf(w->reason, sizeof(w->reason), "%s", db_col_text(st, 7));
	snprintf(w->updated, sizeof(w->updated), "%s", db_col_text(st, 8));
	w->version = db_col_int(st, 9);
}

/* Rule id (locked when lock) into w: DB_ROW, DB_OK if none, or the
 * failure. */
static enum db_rc
rule_load(struct db *db, int64_t id, int lock, struct rule_row *w)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_stmt(db, lock ? RSQL_RULE_LOCK : RSQL_RULE_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	rule_read(st, w);
	db_reset(st);
	return DB_ROW;
}

/* A rule's kind as the agent reads it. */
static const char *
kind_label(struct req *r, const char *kind)
{
	char	key[64];

	snprintf(key, sizeof(key), "Registration.Rules.Kind.%s", kind);
	return tpl_has_text(r->hdf, key) ? tpl_text(r->hdf, key) : kind;
}

/* A procedure code as the agent reads it. */
static const char *
procedure_name(struct req *r, const char *code)
{
	char	key[80];

	snprintf(key, sizeof(key), "Registration.Procedure.%s", code);
	return tpl_has_text(r->hdf, key) ? tpl_text(r->hdf, key) : code;
}

/* A rule's value as the agent reads it (a need's label, a code). */
static const char *
value_label(struct req *r, const struct rule_row *w)
{
	char	key[80];

	if (strcmp(w->kind, "specific_need") != 0)
		return w->value;
	snprintf(key, sizeof(key), "Registration.Need.%s", w->value);
	return tpl_has_text(r->hdf, key) ? tpl_text(r->hdf, key) : w->value;
}

/*
 * GET /registration/rules (registration.configure): the triage rules in
 * rank order, Rules.N.{Id, Kind, Value, Procedure, Rank, Priority,
 * Active, Reason, Updated}. Template registration/rules.cs.
 */
int
page_rules(struct req *r)
{
	struct db_stmt	*st;
	struct rule_row	 w;
	enum db_rc	 rc;
	char		 node[48];
	size_t		 n = 0;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Registration.Rules.Title"));
	if ((st = db_stmt(r->db, RSQL_RULE_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		rule_read(st, &w);
#define SET(k, v) do { snprintf(node, sizeof(node), "Rules.%zu." k, n); \
	page_set(r, node, (v)); } while (0)
		snprintf(node, sizeof(node), "Rules.%zu.Id", n);
		page_set_int(r, node, w.id);
		SET("Kind", kind_label(r, w.kind));
		SET("Value", value_label(r, &w));
		SET("Procedure", procedure_name(r, w.procedure));
		snprintf(node, sizeof(node), "Rules.%zu.Rank", n);
		page_set_int(r, node, w.rank);
		SET("Priority", w.priority ? "1" : "0");
		SET("Active", w.active ? "1" : "0");
		SET("Reason", w.reason);
		SET("Updated", w.updated);
#undef SET
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	return 200;
}

/*
 * The form's lists: Options.Kinds.N, Options.Procedures.N (the dossier
 * procedures a rule may propose). *known (when not NULL) is set when
 * procedure is one of them. Returns 0 or a status.
 */
static int
options_fill(struct req *r, const char *procedure, int *known)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[48];
	size_t		 i, n = 0;

	if (known != NULL)
		*known = 0;
	for (i = 0; rule_kinds[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Options.Kinds.%zu.Value", i);
		page_set(r, node, rule_kinds[i]);
		snprintf(node, sizeof(node), "Options.Kinds.%zu.Label", i);
		page_set(r, node, kind_label(r, rule_kinds[i]));
	}
	if ((st = db_stmt(r->db, RSQL_PROCEDURES)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Options.Procedures.%zu.Value", n);
		page_set(r, node, db_col_text(st, 0));
		snprintf(node, sizeof(node), "Options.Procedures.%zu.Label", n);
		page_set(r, node, procedure_name(r, db_col_text(st, 0)));
		if (known != NULL && strcmp(db_col_text(st, 0), procedure) == 0)
			*known = 1;
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	return 0;
}

/* Form.*.Value of stored rule w (the reason is the agent's to give). */
static void
rule_to_form(struct req *r, const struct rule_row *w)
{
	page_set(r, "Form.value.Value", w->value);
	page_set(r, "Form.procedure.Value", w->procedure);
	page_set_int(r, "Form.rank.Value", w->rank);
	if (w->priority)
		page_set(r, "Form.priority.Value", "1");
	if (w->active)
		page_set(r, "Form.active.Value", "1");
	page_set_int(r, "Form.version.Value", w->version);
}

/* Rule.* of the form's heading: stored rule w. */
static void
rule_heading(struct req *r, const struct rule_row *w)
{
	page_set_int(r, "Rule.Id", w->id);
	page_set(r, "Rule.Kind", kind_label(r, w->kind));
	page_set(r, "Rule.KindCode", w->kind);
	page_set(r, "Rule.Reason", w->reason);
	page_set(r, "Rule.Updated", w->updated);
}

/*
 * GET /registration/rules/{id} (registration.configure): a rule's form
 * (its kind fixed; its value, procedure, rank, priority track, enabled;
 * the reason of this change), the last change's reason shown. Also the
 * fill of a rejected POST. Template registration/rule.cs.
 */
int
page_rule(struct req *r)
{
	struct rule_row	 w;
	enum db_rc	 rc;
	int		 status;

	if ((rc = rule_load(r->db, req_param_int(r, "id"), 0, &w)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	page_set(r, "Page.Title", tpl_text(r->hdf, "Registration.Rules.Edit"));
	rule_heading(r, &w);
	if (r->method == M_GET)
		rule_to_form(r, &w);
	if ((status = options_fill(r, "", NULL)) != 0)
		return status;
	return r->method == M_POST ? 422 : 200;
}

/*
 * GET /registration/rules/new (registration.configure): the form of a
 * new rule (enabled by default). Also the fill of a rejected POST
 * /registration/rules. Template registration/rule.cs.
 */
int
page_rule_new(struct req *r)
{
	int	status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Registration.Rules.New"));
	page_set(r, "Rule.New", "1");
	if (r->method == M_GET) {
		page_set(r, "Form.active.Value", "1");
		page_set(r, "Form.rank.Value", "50");
	}
	if ((status = options_fill(r, "", NULL)) != 0)
		return status;
	return r->method == M_POST ? 422 : 200;
}

/* The rule of the form into w (kind from the stored rule, or the form
 * on a creation). */
static void
rule_from_form(struct req *r, const char *kind, struct rule_row *w)
{
	size_t	i;

	memset(w, 0, sizeof(*w));
	snprintf(w->kind, sizeof(w->kind), "%s", kind);
	snprintf(w->value, sizeof(w->value), "%s", form_str(r, "value"));
	/* a country code as ISO writes it */
	if (strcmp(kind, "safe_country") == 0)
		for (i = 0; w->value[i] != '\0'; i++)
			if (w->value[i] >= 'a' && w->value[i] <= 'z')
				w->value[i] = (char)(w->value[i] - 'a' + 'A');
	snprintf(w->procedure, sizeof(w->procedure), "%s",
	    form_str(r, "procedure"));
	w->rank = form_int(r, "rank");
	w->priority = form_int(r, "priority") != 0;
	w->active = form_int(r, "active") != 0;
	snprintf(w->reason, sizeof(w->reason), "%s", form_str(r, "reason"));
	w->version = form_int(r, "version");
}

/*
 * The checks of rule w only the program makes: the value its kind takes
 * (a safe country: an ISO 3166 alpha-3 code; a specific need: one of
 * UNHCR's categories the desk records; the other kinds none), a
 * procedure the desk can open. Returns the error count or -1 with a
 * status in *status.
 */
static int
rule_check(struct req *r, const struct rule_row *w, int *status)
{
	size_t	i;
	int	ok = 0, known;

	if (strcmp(w->kind, "safe_country") == 0) {
		ok = strlen(w->value) == 3;
		for (i = 0; ok && i < 3; i++)
			ok = w->value[i] >= 'A' && w->value[i] <= 'Z';
	} else if (strcmp(w->kind, "specific_need") == 0) {
		for (i = 0; reg_needs[i] != NULL && !ok; i++)
			ok = strcmp(reg_needs[i], w->value) == 0;
	} else
		ok = w->value[0] == '\0';
	if (!ok)
		form_set_error(r, "value", "Registration.Rules.Error.Value");
	if ((*status = options_fill(r, w->procedure, &known)) != 0)
		return -1;
	if (!known)
		form_set_error(r, "procedure", "Form.Error.Enum");
	return (int)r->form.nerrors;
}

#define RULE_FIELDS	7

/* "yes" or "no" in the page's language. */
static const char *
yes_no(struct req *r, int v)
{
	return tpl_text(r->hdf, v ? "Registration.Rules.Yes" :
	    "Registration.Rules.No");
}

/* The fields of a rule's edit, stored (o; NULL on a creation) against
 * submitted (w), into f; yes/no texts in t (4 bytes each). With r the
 * labels in the page's language, else the audit trail's names only. */
static void
rule_fields_of(struct req *r, const struct rule_row *o,
    const struct rule_row *w, struct edit_field f[RULE_FIELDS],
    char t[6][24])
{
	snprintf(t[0], 24, "%lld", o ? (long long)o->rank : 0LL);
	snprintf(t[1], 24, "%lld", (long long)w->rank);
	snprintf(t[2], 24, "%d", o ? o->priority : 0);
	snprintf(t[3], 24, "%d", w->priority);
	snprintf(t[4], 24, "%d", o ? o->active : 0);
	snprintf(t[5], 24, "%d", w->active);
	f[0] = (struct edit_field){"kind", NULL, o ? o->kind : NULL, w->kind};
	f[1] = (struct edit_field){"value", NULL, o ? o->value : NULL,
	    w->value};
	f[2] = (struct edit_field){"procedure_code", NULL,
	    o ? o->procedure : NULL, w->procedure};
	f[3] = (struct edit_field){"rank_order", NULL, o ? t[0] : NULL, t[1]};
	f[4] = (struct edit_field){"priority_track", NULL, o ? t[2] : NULL,
	    t[3]};
	f[5] = (struct edit_field){"active", NULL, o ? t[4] : NULL, t[5]};
	f[6] = (struct edit_field){"reason", NULL, o ? o->reason : NULL,
	    w->reason};
	if (r == NULL)
		return;
	f[0].label = tpl_text(r->hdf, "Registration.Rules.Kind.Label");
	f[1].label = tpl_text(r->hdf, "Registration.Rules.Value");
	f[2].label = tpl_text(r->hdf, "Registration.Rules.Procedure");
	f[3].label = tpl_text(r->hdf, "Registration.Rules.Rank");
	f[4].label = tpl_text(r->hdf, "Registration.Rules.Priority");
	f[5].label = tpl_text(r->hdf, "Registration.Rules.Active");
	f[6].label = tpl_text(r->hdf, "Registration.Rules.Reason");
	/* the values as the agent reads them */
	f[0].stored = o ? kind_label(r, o->kind) : NULL;
	f[0].mine = kind_label(r, w->kind);
	f[2].stored = o ? procedure_name(r, o->procedure) : NULL;
	f[2].mine = procedure_name(r, w->procedure);
	f[4].stored = o ? yes_no(r, o->priority) : NULL;
	f[4].mine = yes_no(r, w->priority);
	f[5].stored = o ? tpl_text(r->hdf, o->active ?
	    "Registration.Rules.Enabled" : "Registration.Rules.Disabled") :
	    NULL;
	f[5].mine = tpl_text(r->hdf, w->active ?
	    "Registration.Rules.Enabled" : "Registration.Rules.Disabled");
}

/* What rule_txn needs and gives back (creating: no stored rule). */
struct rule_ctx {
	struct req		*r;
	int			 creating;
	int64_t			 id;		/* in (save) / out (create) */
	const struct rule_row	*want;
	struct rule_row		 old;		/* out: the stored rule */
	int			 found;		/* out */
	int			 conflict;	/* out */
};

/* Create or save a rule with its audit event (db_txn function): the
 * stored rule locked, its version checked by the guarded UPDATE. */
static enum db_rc
rule_txn(struct db *db, void *arg)
{
	struct rule_ctx		*c = arg;
	const struct rule_row	*w = c->want;
	struct edit_field	 f[RULE_FIELDS];
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 t[6][24];
	int			 k = 0;

	c->found = c->conflict = 0;
	if (!c->creating) {
		if ((rc = rule_load(db, c->id, 1, &c->old)) != DB_ROW)
			return rc;
		c->found = 1;
		if ((st = db_stmt(db, RSQL_RULE_UPDATE)) == NULL)
			return db_last_rc(db);
	} else {
		if ((st = db_stmt(db, RSQL_RULE_INSERT)) == NULL)
			return db_last_rc(db);
		db_bind_text(st, k++, w->kind);
	}
	db_bind_text(st, k++, w->value);
	db_bind_text(st, k++, w->procedure);
	db_bind_int(st, k++, w->rank);
	db_bind_int(st, k++, w->priority);
	db_bind_int(st, k++, w->active);
	db_bind_text(st, k++, w->reason);
	db_bind_int(st, k++, c->r->session->agent_id);
	if (!c->creating) {
		db_bind_int(st, k++, c->id);
		db_bind_int(st, k++, w->version);
	}
	if ((rc = edit_save(st, c->creating, &c->id, &c->conflict)) !=
	    DB_OK || c->conflict)
		return rc;
	c->found = 1;
	rule_fields_of(NULL, c->creating ? NULL : &c->old, w, f, t);
	return edit_audit(c->r, "registration_rule", c->id,
	    c->creating ? "create" : "update", f, RULE_FIELDS, NULL);
}

/* Create (id 0) or save rule id from the form; the page's answer. */
static int
rule_write(struct req *r, int64_t id)
{
	struct rule_ctx		 c;
	struct rule_row		 w, stored;
	struct edit_field	 f[RULE_FIELDS];
	enum db_rc		 rc;
	char			 t[6][24], loc[64];
	const char		*kind = form_str(r, "kind");
	int			 status, n;

	if (id != 0) {
		if ((rc = rule_load(r->db, id, 0, &stored)) != DB_ROW)
			return rc == DB_OK ? 404 : db_http_status(rc);
		kind = stored.kind;
	} else if (kind[0] == '\0')
		form_set_error(r, "kind", "Form.Error.Required");
	rule_from_form(r, kind, &w);
	if ((n = rule_check(r, &w, &status)) < 0)
		return status;
	if (n > 0)
		goto refused;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.creating = id == 0;
	c.id = id;
	c.want = &w;
	rc = db_txn(r->db, rule_txn, &c);
	if (rc == DB_DUP) {
		/* one rule per kind and value (registration_rule_kind) */
		form_set_error(r, "value", "Registration.Rules.Error.Exists");
		goto refused;
	}
	if (rc != DB_OK) {
		log_err("cannot save a triage rule: %s", db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (!c.found)
		return 404;
	if (c.conflict) {
		r->tpl = "registration/rule.cs";
		page_set(r, "Page.Title", tpl_text(r->hdf,
		    "Registration.Rules.Edit"));
		rule_heading(r, &c.old);
		rule_fields_of(r, &c.old, &w, f, t);
		edit_conflict(r, f, RULE_FIELDS, c.old.version);
		return 409;
	}
	log_info("triage rule %lld %s", (long long)c.id,
	    id == 0 ? "created" : "saved");
	flash_set(r, "ok", "Registration.Rules.Flash.Saved");
	snprintf(loc, sizeof(loc), "/registration/rules#rule-%lld",
	    (long long)c.id);
	return resp_redirect(r, loc);
refused:
	r->tpl = "registration/rule.cs";
	if (id != 0) {
		page_set(r, "Page.Title", tpl_text(r->hdf,
		    "Registration.Rules.Edit"));
		rule_heading(r, &stored);
	} else {
		page_set(r, "Page.Title", tpl_text(r->hdf,
		    "Registration.Rules.New"));
		page_set(r, "Rule.New", "1");
	}
	return 422;
}

/*
 * POST /registration/rules/{id} (registration.configure, CSRF;
 * rule_fields): save a rule with the reason of the change (versioned:
 * 409 with both values when it changed since the form was shown; 422
 * with the form for a value its kind does not take, an unknown
 * procedure, no reason). Redirects to the list.
 */
int
page_rule_save(struct req *r)
{
	return rule_write(r, req_param_int(r, "id"));
}

/*
 * POST /registration/rules (registration.configure, CSRF; rule_fields):
 * add a rule (its kind, value, procedure, rank, priority track,
 * enabled) with its reason; 422 as a save, and for a kind and value
 * that already have a rule. Redirects to the list.
 */
int
page_rule_create(struct req *r)
{
	return rule_write(r, 0);
}

/*
 * act.c: civil-status acts (birth, marriage, death): their fields, the
 * request opened for a person (from the person's record or from a
 * dossier: its principal), the list, the workbench page, and the
 * status changes through the act's procedure (the workflow facility,
 * wf_procedure kind 'civil'). The four-eyes review and the amendment
 * are in fields.c: this file only moves an act through the transitions
 * that need no second officer (starting the preparation, sending to
 * verification).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "civil.h"
#include "log.h"
#include "session.h"
#include "tpl.h"

const char *const civil_kinds[] = {"birth", "marriage", "death", NULL};

#define K_BIRTH		(1u << 0)
#define K_MARRIAGE	(1u << 1)
#define K_DEATH		(1u << 2)

/* The fields of the acts, in the order of the form. */
const struct cfield civil_fields[] = {
	{"family_name", CF_NAME, K_BIRTH | K_DEATH, PF_FAMILY},
	{"given_names", CF_NAME, K_BIRTH | K_DEATH, PF_GIVEN},
	{"sex", CF_SEX, K_BIRTH | K_DEATH, PF_SEX},
	{"birth_date", CF_DATE, K_BIRTH | K_DEATH, PF_BIRTH},
	{"birth_place", CF_TEXT, K_BIRTH | K_DEATH, PF_PLACE},
	{"father", CF_NAME, K_BIRTH, PF_FATHER},
	{"mother", CF_NAME, K_BIRTH, PF_MOTHER},
	{"spouse1", CF_NAME, K_MARRIAGE, PF_NONE},
	{"spouse2", CF_NAME, K_MARRIAGE, PF_NONE},
	{"marriage_date", CF_DATE, K_MARRIAGE, PF_NONE},
	{"marriage_place", CF_TEXT, K_MARRIAGE, PF_NONE},
	{"death_date", CF_DATE, K_DEATH, PF_NONE},
	{"death_place", CF_TEXT, K_DEATH, PF_NONE},
};
const size_t civil_nfields = sizeof(civil_fields) / sizeof(civil_fields[0]);

const struct cfield *
cfield_find(const char *code)
{
	size_t	i;

	for (i = 0; code != NULL && i < civil_nfields; i++)
		if (strcmp(civil_fields[i].code, code) == 0)
			return &civil_fields[i];
	return NULL;
}

int
cfield_of(const struct cfield *f, int kind)
{
	return kind >= 0 && (f->kinds & (1u << kind)) != 0;
}

int
civil_kind_index(const char *kind)
{
	int	i;

	for (i = 0; kind != NULL && civil_kinds[i] != NULL; i++)
		if (strcmp(civil_kinds[i], kind) == 0)
			return i;
	return -1;
}

static const char *const status_choices[] = {"requested", "preparation",
	"verification", "established", "amended", NULL};

/* GET /civil */
const struct field_spec list_fields[] = {
	{"status", FIELD_ENUM, 0, 0, 0, status_choices},
	{"person", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* GET /civil/new?person=&dossier= */
const struct field_spec new_query_fields[] = {
	{"person", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"dossier", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /civil */
const struct field_spec new_fields[] = {
	{"kind", FIELD_ENUM, 1, 0, 0, civil_kinds},
	{"person", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"dossier", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

static const char *const transition_choices[] = {"preparation",
	"verification", NULL};

/* POST /civil/{id}/transition: the drafter's moves. */
const struct field_spec transition_fields[] = {
	{"to", FIELD_ENUM, 1, 0, 0, transition_choices},
	{"version", FIELD_INT, 1, 1, 1000000000, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

int64_t
civil_agent(const struct req *r)
{
	return r->session != NULL ? r->session->agent_id : 0;
}

static void
id_text(int64_t id, char out[24])
{
	snprintf(out, 24, "%lld", (long long)id);
}

/* Read an act's columns (ACT_COLUMNS) from the current row. */
static void
act_read(struct db_stmt *st, struct act *a)
{
	memset(a, 0, sizeof(*a));
	a->id = db_col_int(st, 0);
	snprintf(a->kind, sizeof(a->kind), "%s", db_col_text(st, 1));
	a->kind_index = civil_kind_index(a->kind);
	a->person_id = db_col_int(st, 2);
	a->dossier_id = db_col_int(st, 3);
	a->version_id = db_col_int(st, 4);
	snprintf(a->status, sizeof(a->status), "%s", db_col_text(st, 5));
	a->act_version = (int)db_col_int(st, 6);
	a->officer_id = db_col_int(st, 7);
	a->submitted_by = db_col_int(st, 8);
	snprintf(a->requested_at, sizeof(a->requested_at), "%s",
	    db_col_text(st, 9));
	snprintf(a->established_at, sizeof(a->established_at), "%s",
	    db_col_text(st, 10));
	snprintf(a->amend_reason, sizeof(a->amend_reason), "%s",
	    db_col_text(st, 11));
	a->version = db_col_int(st, 12);
}

/* Load (lock: in the caller's transaction) act id with its definition.
 * Returns DB_ROW, DB_OK (none) or the failure. */
static enum db_rc
act_get(struct db *db, int64_t id, struct act *a, int lock)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_stmt(db, lock ? CSQL_ACT_LOCK : CSQL_ACT_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	act_read(st, a);
	db_reset(st);
	if ((a->def = wf_version_def(db, a->version_id, &rc)) == NULL)
		return rc == DB_OK ? DB_ERROR : rc;
	return DB_ROW;
}

enum db_rc
act_load(struct db *db, int64_t id, struct act *a)
{
	return act_get(db, id, a, 0);
}

enum db_rc
act_lock(struct db *db, int64_t id, struct act *a)
{
	return act_get(db, id, a, 1);
}

int
act_open_path(struct req *r, struct act *a)
{
	enum db_rc	rc;

	if ((rc = act_load(r->db, req_param_int(r, "id"), a)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	return 0;
}

int
act_editable(const struct act *a)
{
	return strcmp(a->status, "requested") == 0 ||
	    strcmp(a->status, "preparation") == 0 ||
	    strcmp(a->status, "amended") == 0;
}

enum db_rc
act_lock_editable(struct db *db, int64_t id, struct act *a, int *notfound,
    int *closed)
{
	enum db_rc	rc;

	*notfound = *closed = 0;
	if ((rc = act_lock(db, id, a)) != DB_ROW) {
		*notfound = rc == DB_OK;
		return rc;
	}
	if (!act_editable(a)) {
		*closed = 1;
		return DB_OK;
	}
	return DB_ROW;
}

enum db_rc
act_touch(struct db *db, struct req *r, const struct act *a)
{
	struct db_stmt		*st;
	struct audit_change	 ch;
	enum db_rc		 rc;
	char			 idtext[24];

	if (a->officer_id == 0 && civil_agent(r) != 0) {
		if ((st = db_stmt(db, CSQL_ACT_OFFICER)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, civil_agent(r));
		db_bind_int(st, 1, a->id);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	if (strcmp(a->status, "requested") != 0)
		return DB_OK;
	if ((st = db_stmt(db, CSQL_ACT_STATUS)) == NULL)
		return db_last_rc(db);
	db_bind_ascii(st, 0, "preparation");
	db_bind_int(st, 1, a->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	ch = (struct audit_change){"status", a->status, "preparation"};
	id_text(a->id, idtext);
	return audit_req(r, "civil_act", idtext, "transition", &ch, 1);
}

const char *
act_status_label(const struct req *r, const struct act *a, const char *code)
{
	int	i = a->def ? wf_status_find(a->def, code) : -1;

	if (i < 0)
		return code;
	return wf_label_text(&a->def->statuses[i].label, r->lang, code);
}

int
act_redirect(struct req *r, int64_t id, const char *anchor,
    const char *msgkey)
{
	char	loc[96];

	flash_set(r, "ok", msgkey);
	snprintf(loc, sizeof(loc), "/civil/%lld%s", (long long)id, anchor);
	return resp_redirect(r, loc);
}

int
act_page_again(struct req *r, int status)
{
	int	s;

	r->tpl = "civil/act.cs";
	s = page_view(r);
	return s == 200 ? status : s;
}

int
act_not_editable(struct req *r, const struct act *a)
{
	page_set(r, "Civil.Refused", strcmp(a->status, "established") == 0 ?
	    "Civil.Error.Established" : "Civil.Error.NotEditable");
	return act_page_again(r, 409);
}

/* Person.{Id, Name, Latin} of the page (DB_ROW, DB_OK none, failure). */
static enum db_rc
person_fill(struct req *r, int64_t id, const char *node)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 k[64], name[1700];

	if ((st = db_stmt(r->db, CSQL_PERSON_NAME)) == NULL)
		return db_last_rc(r->db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	snprintf(k, sizeof(k), "%s.Id", node);
	page_set_int(r, k, id);
	snprintf(name, sizeof(name), "%s, %s", db_col_text(st, 0),
	    db_col_text(st, 1));
	snprintf(k, sizeof(k), "%s.Name", node);
	page_set(r, k, name);
	if (db_col_len(st, 2) > 0) {
		snprintf(name, sizeof(name), "%s, %s", db_col_text(st, 2),
		    db_col_text(st, 3));
		snprintf(k, sizeof(k), "%s.Latin", node);
		page_set(r, k, name);
	}
	db_reset(st);
	return DB_ROW;
}

/* Kinds.N.{Value, Label} for the request form. */
static void
kinds_fill(struct req *r)
{
	size_t	i;
	char	k[64], key[64];

	for (i = 0; civil_kinds[i] != NULL; i++) {
		snprintf(k, sizeof(k), "Kinds.%zu.Value", i);
		page_set(r, k, civil_kinds[i]);
		snprintf(k, sizeof(k), "Kinds.%zu.Label", i);
		snprintf(key, sizeof(key), "Civil.Kind.%s", civil_kinds[i]);
		page_set(r, k, tpl_text(r->hdf, key));
	}
}

/*
 * GET /civil (civil.draft; list_fields): the latest 200 acts, by status
 * or for one person.
 */
int
page_list(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0, i;
	const char	*status = form_str(r, "status");
	char		 k[64], name[1700], key[64];

	page_set(r, "Page.Title", tpl_text(r->hdf, "Civil.List.Title"));
	page_set_int(r, "Can.Backlog", session_can(r->session, PERM_BACKLOG));
	for (i = 0; status_choices[i] != NULL; i++) {
		snprintf(k, sizeof(k), "Statuses.%zu.Value", i);
		page_set(r, k, status_choices[i]);
		snprintf(k, sizeof(k), "Statuses.%zu.Label", i);
		snprintf(key, sizeof(key), "Civil.StatusName.%s", status_choices[i]);
		page_set(r, k, tpl_text(r->hdf, key));
	}
	if ((st = db_stmt(r->db, CSQL_ACT_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_ascii(st, 0, status);
	db_bind_ascii(st, 1, status);
	db_bind_int(st, 2, form_int(r, "person"));
	db_bind_int(st, 3, form_int(r, "person"));
	while ((rc = db_step(st)) == DB_ROW) {
#define SET(f, v) do { snprintf(k, sizeof(k), "Acts.%zu." f, n); \
	page_set(r, k, (v)); } while (0)
		snprintf(k, sizeof(k), "Acts.%zu.Id", n);
		page_set_int(r, k, db_col_int(st, 0));
		snprintf(key, sizeof(key), "Civil.Kind.%s", db_col_text(st, 1));
		SET("Kind", tpl_text(r->hdf, key));
		snprintf(key, sizeof(key), "Civil.StatusName.%s", db_col_text(st, 2));
		SET("Status", tpl_text(r->hdf, key));
		snprintf(k, sizeof(k), "Acts.%zu.Version", n);
		page_set_int(r, k, db_col_int(st, 3));
		SET("Requested", db_col_text(st, 4));
		snprintf(name, sizeof(name), "%s, %s", db_col_text(st, 5),
		    db_col_text(st, 6));
		SET("Name", name);
		SET("Latin", db_col_text(st, 7));
		SET("Officer", db_col_text(st, 8));
#undef SET
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	return 200;
}

/*
 * GET /civil/new?person=N or ?dossier=N (civil.draft): the request
 * form for a person (a dossier's principal).
 */
int
page_new(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 person = form_int(r, "person");
	int64_t		 dossier = form_int(r, "dossier");

	r->tpl = "civil/new.cs";
	page_set(r, "Page.Title", tpl_text(r->hdf, "Civil.New.Title"));
	kinds_fill(r);
	if (dossier > 0) {
		page_set_int(r, "Dossier.Id", dossier);
		if (person == 0) {
			if ((st = db_stmt(r->db, CSQL_DOSSIER_PRINCIPAL)) == NULL)
				return db_http_status(db_last_rc(r->db));
			db_bind_int(st, 0, dossier);
			if ((rc = db_step(st)) == DB_ROW) {
				person = db_col_int(st, 0);
				db_reset(st);
			} else if (rc != DB_OK)
				return db_http_status(rc);
		}
	}
	if (person > 0) {
		rc = person_fill(r, person, "Person");
		if (rc != DB_ROW && rc != DB_OK)
			return db_http_status(rc);
	}
	return 200;
}

struct create_ctx {
	struct req	*r;
	int		 kind;
	int64_t		 person;
	int64_t		 dossier;
	int64_t		 version_id;
	const struct wf_def *def;
	int64_t		 id;
};

static enum db_rc
create_txn(struct db *db, void *arg)
{
	struct create_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[4];
	enum db_rc		 rc;
	int64_t			 source;
	char			 idtext[24], person[24], dossier[24];

	if ((st = db_stmt(db, CSQL_ACT_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_ascii(st, 0, civil_kinds[c->kind]);
	db_bind_int(st, 1, c->person);
	if (c->dossier)
		db_bind_int(st, 2, c->dossier);
	else
		db_bind_null(st, 2);
	db_bind_int(st, 3, c->version_id);
	db_bind_ascii(st, 4, c->def->statuses[c->def->initial].code);
	if (civil_agent(c->r))
		db_bind_int(st, 5, civil_agent(c->r));
	else
		db_bind_null(st, 5);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	c->id = (int64_t)db_insert_id(st);
	/* The identity record is the first source: the values pre-filled
	 * from it point to it. */
	if ((st = db_stmt(db, CSQL_SOURCE_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	db_bind_ascii(st, 1, "identity");
	db_bind_text(st, 2, tpl_text(c->r->hdf, "Civil.IdentitySource"));
	db_bind_null(st, 3);
	db_bind_int(st, 4, 0);
	db_bind_null(st, 5);
	db_bind_null(st, 6);
	if (civil_agent(c->r))
		db_bind_int(st, 7, civil_agent(c->r));
	else
		db_bind_null(st, 7);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	source = (int64_t)db_insert_id(st);
	if ((rc = fields_prefill(db, c->id, c->kind, c->person, source)) !=
	    DB_OK)
		return rc;
	id_text(c->person, person);
	id_text(c->dossier, dossier);
	ch[0] = (struct audit_change){"kind", NULL, civil_kinds[c->kind]};
	ch[1] = (struct audit_change){"person", NULL, person};
	ch[2] = (struct audit_change){"dossier", NULL, c->dossier ? dossier :
	    NULL};
	ch[3] = (struct audit_change){"status", NULL,
	    c->def->statuses[c->def->initial].code};
	id_text(c->id, idtext);
	return audit_req(c->r, "civil_act", idtext, "create", ch, 4);
}

/*
 * POST /civil (civil.draft, CSRF; new_fields): open a request for an
 * act of a person (of a dossier), its fields pre-filled from the
 * person's identity record. 422 for an unknown person.
 */
int
page_create(struct req *r)
{
	struct create_ctx	 c;
	struct db_stmt		*st;
	enum db_rc		 rc;
	int			 status;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.kind = (int)form_int(r, "kind");
	c.person = form_int(r, "person");
	c.dossier = form_int(r, "dossier");
	rc = person_fill(r, c.person, "Checked");
	if (rc == DB_OK) {
		form_set_error(r, "person", "Civil.Error.NoPerson");
		status = page_new(r);
		return status == 200 ? 422 : status;
	}
	if (rc != DB_ROW)
		return db_http_status(rc);
	if ((st = db_stmt(r->db, CSQL_PROC_CURRENT)) == NULL)
		return db_http_status(db_last_rc(r->db));
	if ((rc = db_step(st)) != DB_ROW) {
		log_err("civil: no procedure civil_act");
		return db_http_status(rc == DB_OK ? DB_ERROR : rc);
	}
	c.version_id = db_col_int(st, 0);
	db_reset(st);
	if ((c.def = wf_version_def(r->db, c.version_id, &rc)) == NULL)
		return db_http_status(rc == DB_OK ? DB_ERROR : rc);
	if ((rc = db_txn(r->db, create_txn, &c)) != DB_OK) {
		log_err("civil: cannot open a request: %s", db_errmsg(r->db));
		return db_http_status(rc);
	}
	return act_redirect(r, c.id, "", "Civil.Flash.Created");
}

/* Transitions.N.{To, Label} the agent may take from the act's status
 * through this page's form (the review and the amendment have theirs). */
static void
transitions_fill(struct req *r, const struct act *a)
{
	const struct wf_transition *t;
	int	 from = wf_status_find(a->def, a->status);
	size_t	 i, n = 0;
	char	 k[64];

	for (i = 0; transition_choices[i] != NULL; i++) {
		int to = wf_status_find(a->def, transition_choices[i]);

		if (to < 0 || (t = wf_transition_find(a->def, from, to)) ==
		    NULL || !session_can(r->session, t->permission))
			continue;
		if (strcmp(a->status, "verification") == 0)
			continue;	/* sent back by the review only */
		snprintf(k, sizeof(k), "Transitions.%zu.To", n);
		page_set(r, k, transition_choices[i]);
		snprintf(k, sizeof(k), "Transitions.%zu.Label", n);
		page_set(r, k, act_status_label(r, a, transition_choices[i]));
		n++;
	}
}

/*
 * GET /civil/{id} (civil.draft): the workbench: sources beside the
 * form, per field the values read in each source and the chosen one,
 * the review, the versions and the mentions. Writes an access event.
 */
int
page_view(struct req *r)
{
	struct act	*a;
	enum db_rc	 rc;
	int		 status;
	char		 idtext[24], key[64];

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return 500;
	if ((status = act_open_path(r, a)) != 0)
		goto out;
	r->tpl = "civil/act.cs";
	id_text(a->id, idtext);
	if ((rc = access_write(r, "civil_act", idtext, "view")) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	page_set_int(r, "Act.Id", a->id);
	page_set(r, "Act.Kind", a->kind);
	snprintf(key, sizeof(key), "Civil.Kind.%s", a->kind);
	page_set(r, "Act.KindLabel", tpl_text(r->hdf, key));
	page_set(r, "Act.Status", a->status);
	page_set(r, "Act.StatusLabel", act_status_label(r, a, a->status));
	page_set_int(r, "Act.ActVersion", a->act_version);
	page_set_int(r, "Act.Version", a->version);
	page_set(r, "Act.Requested", a->requested_at);
	page_set(r, "Act.Established", a->established_at);
	page_set(r, "Act.AmendReason", a->amend_reason);
	page_set_int(r, "Act.Editable", act_editable(a));
	if (a->dossier_id)
		page_set_int(r, "Act.Dossier", a->dossier_id);
	snprintf(key, sizeof(key), "%s %lld", tpl_text(r->hdf,
	    "Civil.Act.Number"), (long long)a->id);
	page_set(r, "Page.Title", key);
	rc = person_fill(r, a->person_id, "Person");
	if (rc != DB_ROW && rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	page_set_int(r, "Can.Sign", session_can(r->session, PERM_SIGN));
	transitions_fill(r, a);
	kinds_fill(r);
	if ((status = sources_fill(r, a)) != 0)
		goto out;
	if ((status = fields_fill(r, a)) != 0)
		goto out;
	status = 200;
out:
	free(a);
	return status;
}

/*
 * The workbench again after a form refused by its declared specs (the
 * route's fill): the form that was sent gets the field ids the error
 * summary links to. Returns page_view's status.
 */
int
page_view_choose(struct req *r)
{
	const struct cfield *f = cfield_find(req_param(r, "field"));

	if (f != NULL)
		page_set(r, "Civil.FormField", f->code);
	return page_view(r);
}

int
page_view_found(struct req *r)
{
	page_set(r, "Civil.FormField", "found");
	return page_view(r);
}

int
page_view_declaration(struct req *r)
{
	page_set(r, "Civil.FormField", "declaration");
	return page_view(r);
}

struct move_ctx {
	struct req	*r;
	int64_t		 id;
	int64_t		 version;
	const char	*to;
	int		 stale;		/* the version was not the stored one */
	int		 illegal;	/* no such transition from the status */
	int		 missing;	/* required fields without a value */
	int		 notfound;
};

static enum db_rc
move_txn(struct db *db, void *arg)
{
	struct move_ctx		*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch;
	struct act		 a;
	const struct wf_transition *t;
	enum db_rc		 rc;
	char			 idtext[24];

	c->stale = c->illegal = c->missing = c->notfound = 0;
	if ((rc = act_get(db, c->id, &a, 1)) != DB_ROW) {
		c->notfound = rc == DB_OK;
		return rc;
	}
	if (a.version != c->version) {
		c->stale = 1;
		return DB_OK;
	}
	t = wf_transition_find(a.def, wf_status_find(a.def, a.status),
	    wf_status_find(a.def, c->to));
	if (t == NULL || strcmp(a.status, "verification") == 0 ||
	    !session_can(c->r->session, t->permission)) {
		c->illegal = 1;
		return DB_OK;
	}
	if (strcmp(c->to, "verification") == 0) {
		if ((rc = fields_missing(db, &a, &c->missing)) != DB_OK)
			return rc;
		if (c->missing > 0)
			return DB_OK;
		if ((st = db_stmt(db, CSQL_ACT_SUBMIT)) == NULL)
			return db_last_rc(db);
		db_bind_ascii(st, 0, c->to);
		db_bind_int(st, 1, civil_agent(c->r));
		db_bind_int(st, 2, a.id);
	} else {
		if ((rc = act_touch(db, c->r, &a)) != DB_OK)
			return rc;
		return DB_OK;	/* act_touch moved it and wrote the audit */
	}
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	ch = (struct audit_change){"status", a.status, c->to};
	id_text(a.id, idtext);
	return audit_req(c->r, "civil_act", idtext, "transition", &ch, 1);
}

/*
 * POST /civil/{id}/transition (civil.draft, CSRF; transition_fields):
 * start the preparation, or send the act to verification (every field
 * of its kind must have a chosen value: else 422). 409 for a stale
 * version; 422 for a move the act's procedure does not allow from its
 * status (or one that needs a permission the agent lacks).
 */
int
page_transition(struct req *r)
{
	struct move_ctx	 c;
	enum db_rc	 rc;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = req_param_int(r, "id");
	c.version = form_int(r, "version");
	c.to = form_str(r, "to");
	if ((rc = db_txn(r->db, move_txn, &c)) != DB_OK) {
		log_err("civil %lld: transition failed: %s", (long long)c.id,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (c.notfound)
		return 404;
	if (c.stale) {
		page_set(r, "Civil.Refused", "Civil.Error.Stale");
		return act_page_again(r, 409);
	}
	if (c.illegal) {
		form_set_error(r, "to", "Civil.Error.Illegal");
		return act_page_again(r, 422);
	}
	if (c.missing) {
		form_set_error(r, "to", "Civil.Error.Missing");
		return act_page_again(r, 422);
	}
	return act_redirect(r, c.id, "", strcmp(c.to, "verification") == 0 ?
	    "Civil.Flash.Submitted" : "Civil.Flash.Moved");
}

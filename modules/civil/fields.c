/*
 * fields.c: an act's fields: pre-filled from the person's identity
 * record, the values read in each source beside the chosen value (the
 * differences marked), the chosen value with its source and reason; the
 * four-eyes review (a second officer validates or sends back with
 * comments per field; whoever drafted the act's current version may
 * never validate it, whatever their roles); the amendment of an
 * established act (its established version stays whole in
 * civil_act_version); marginal mentions on established acts.
 */
#include "config.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "civil.h"
#include "log.h"
#include "person.h"
#include "session.h"
#include "tpl.h"

/* POST /civil/{id}/fields/{field} */
const struct field_spec choose_fields[] = {
	{"value", FIELD_STRING, 1, 1, 400, NULL},
	{"latin", FIELD_STRING, 0, 1, 400, NULL},
	{"source", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"page", FIELD_INT, 0, 1, 1000, NULL},
	{"rect", FIELD_STRING, 0, 7, 15, NULL},
	{"reason", FIELD_TEXT, 0, 1, 1000, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

static const char *const decisions[] = {"validate", "return", NULL};

/* POST /civil/{id}/review: a comment per field (c_<field>), as
 * civil_fields lists them. */
const struct field_spec review_fields[] = {
	{"decision", FIELD_ENUM, 1, 0, 0, decisions},
	{"version", FIELD_INT, 1, 1, 1000000000, NULL},
	{"c_family_name", FIELD_STRING, 0, 1, 1000, NULL},
	{"c_given_names", FIELD_STRING, 0, 1, 1000, NULL},
	{"c_sex", FIELD_STRING, 0, 1, 1000, NULL},
	{"c_birth_date", FIELD_STRING, 0, 1, 1000, NULL},
	{"c_birth_place", FIELD_STRING, 0, 1, 1000, NULL},
	{"c_father", FIELD_STRING, 0, 1, 1000, NULL},
	{"c_mother", FIELD_STRING, 0, 1, 1000, NULL},
	{"c_spouse1", FIELD_STRING, 0, 1, 1000, NULL},
	{"c_spouse2", FIELD_STRING, 0, 1, 1000, NULL},
	{"c_marriage_date", FIELD_STRING, 0, 1, 1000, NULL},
	{"c_marriage_place", FIELD_STRING, 0, 1, 1000, NULL},
	{"c_death_date", FIELD_STRING, 0, 1, 1000, NULL},
	{"c_death_place", FIELD_STRING, 0, 1, 1000, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec amend_fields[] = {
	{"reason", FIELD_TEXT, 1, 5, 1000, NULL},
	{"version", FIELD_INT, 1, 1, 1000000000, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

static const char *const mention_kinds[] = {"marriage", "divorce", "death",
	"name_change", NULL};

const struct field_spec mention_fields[] = {
	{"kind", FIELD_ENUM, 1, 0, 0, mention_kinds},
	{"on_date", FIELD_DATE, 1, 0, 0, NULL},
	{"text", FIELD_TEXT, 1, 1, 1000, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

static void
id_text(int64_t id, char out[24])
{
	snprintf(out, 24, "%lld", (long long)id);
}

/*
 * Two values compared as an officer would at a glance: spaces at the
 * ends and repeated ones ignored, ASCII letters in either case. Returns
 * 1 if they are the same.
 */
static int
same_value(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' && (a[1] == ' ' || a[1] == '\0'))
			a++;
		while (*b == ' ' && (b[1] == ' ' || b[1] == '\0'))
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
}

static void
skip_spaces(const char **s)
{
	while (**s == ' ')
		(*s)++;
}

/* same_value with leading spaces skipped too. */
static int
same(const char *a, const char *b)
{
	skip_spaces(&a);
	skip_spaces(&b);
	return same_value(a, b);
}

/* --- pre-filling --- */

static enum db_rc
prefill_one(struct db *db, int64_t act, const char *field,
    const char *value, const char *latin, int64_t source)
{
	struct db_stmt	*st;

	if (value == NULL || value[0] == '\0')
		return DB_OK;
	if ((st = db_stmt(db, CSQL_FIELD_SET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, act);
	db_bind_ascii(st, 1, field);
	db_bind_text(st, 2, value);
	db_bind_text(st, 3, latin != NULL && latin[0] ? latin : NULL);
	db_bind_int(st, 4, source);
	db_bind_null(st, 5);
	db_bind_null(st, 6);
	db_bind_null(st, 7);
	db_bind_null(st, 8);	/* nobody chose it: the record said so */
	return db_exec(st);
}

enum db_rc
fields_prefill(struct db *db, int64_t act, int kind, int64_t person,
    int64_t source)
{
	struct person	*p;
	enum db_rc	 rc = DB_OK;
	size_t		 i;
	char		 birth[11];

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return DB_ERROR;
	if ((rc = person_load(db, person, p)) != DB_ROW) {
		free(p);
		return rc == DB_OK ? DB_ERROR : rc;
	}
	rc = DB_OK;
	birth[0] = '\0';
	if (p->birth.precision != DATE_UNKNOWN)
		pdate_format(&p->birth, birth);
	for (i = 0; i < civil_nfields && rc == DB_OK; i++) {
		const struct cfield *f = &civil_fields[i];

		if (!cfield_of(f, kind))
			continue;
		switch (f->prefill) {
		case PF_FAMILY:
			rc = prefill_one(db, act, f->code, p->family_name,
			    p->family_latin, source);
			break;
		case PF_GIVEN:
			rc = prefill_one(db, act, f->code, p->given_names,
			    p->given_latin, source);
			break;
		case PF_SEX:
			rc = prefill_one(db, act, f->code, p->sex, NULL, source);
			break;
		case PF_BIRTH:
			rc = prefill_one(db, act, f->code, birth, NULL, source);
			break;
		case PF_PLACE:
			rc = prefill_one(db, act, f->code, p->birth_place, NULL,
			    source);
			break;
		case PF_FATHER:
			rc = prefill_one(db, act, f->code, p->father_name, NULL,
			    source);
			break;
		case PF_MOTHER:
			rc = prefill_one(db, act, f->code, p->mother_name, NULL,
			    source);
			break;
		default:
			break;
		}
	}
	free(p);
	return rc;
}

enum db_rc
fields_missing(struct db *db, const struct act *a, int *missing)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 i;
	int		 have[CFIELD_MAX] = {0};

	*missing = 0;
	if ((st = db_stmt(db, CSQL_FIELDS_OF)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, a->id);
	while ((rc = db_step(st)) == DB_ROW) {
		const struct cfield *f = cfield_find(db_col_text(st, 0));

		if (f != NULL)
			have[f - civil_fields] = 1;
	}
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < civil_nfields; i++)
		if (cfield_of(&civil_fields[i], a->kind_index) && !have[i])
			(*missing)++;
	return DB_OK;
}

/* --- choosing a value --- */

/* Is value right for the field's type? 1 or 0 (with *errkey). */
static int
value_valid(const struct cfield *f, const char *value, char *norm,
    size_t normsz, const char **errkey)
{
	struct pdate	d;

	snprintf(norm, normsz, "%s", value);
	switch (f->type) {
	case CF_DATE:
		if (!valid_partial_date(value, &d)) {
			*errkey = "Civil.Error.Date";
			return 0;
		}
		pdate_format(&d, norm);
		return 1;
	case CF_SEX:
		if (strcmp(value, "F") != 0 && strcmp(value, "M") != 0 &&
		    strcmp(value, "X") != 0) {
			*errkey = "Civil.Error.Sex";
			return 0;
		}
		return 1;
	default:
		return 1;
	}
}

/* Do the values read for the field differ among themselves or from
 * value? *differs 1 if so. */
static enum db_rc
found_differ(struct db *db, int64_t act, const char *field,
    const char *value, int *differs)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	*differs = 0;
	if ((st = db_stmt(db, CSQL_FOUND_OF)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, act);
	while ((rc = db_step(st)) == DB_ROW)
		if (strcmp(db_col_text(st, 0), field) == 0 &&
		    !same(db_col_text(st, 5), value))
			*differs = 1;
	return rc;
}

struct choose_ctx {
	struct req		*r;
	int64_t			 act;
	const struct cfield	*f;
	const char		*value;
	int			 closed, notfound;
	char			 old[401];
};

static enum db_rc
choose_txn(struct db *db, void *arg)
{
	struct choose_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[4];
	struct act		 a;
	enum db_rc		 rc;
	const struct field_value *page = form_get(c->r, "page");
	const char		*rect = form_str(c->r, "rect");
	const char		*latin = form_str(c->r, "latin");
	const char		*reason = form_str(c->r, "reason");
	char			 idtext[24];

	if ((rc = act_lock_editable(db, c->act, &a, &c->notfound,
	    &c->closed)) != DB_ROW)
		return rc;
	if ((st = db_stmt(db, CSQL_FIELD_SET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->act);
	db_bind_ascii(st, 1, c->f->code);
	db_bind_text(st, 2, c->value);
	db_bind_text(st, 3, c->f->type == CF_NAME && latin[0] ? latin : NULL);
	db_bind_int(st, 4, form_int(c->r, "source"));
	if (page->present)
		db_bind_int(st, 5, page->i);
	else
		db_bind_null(st, 5);
	db_bind_ascii(st, 6, rect[0] ? rect : NULL);
	db_bind_text(st, 7, reason[0] ? reason : NULL);
	if (civil_agent(c->r))
		db_bind_int(st, 8, civil_agent(c->r));
	else
		db_bind_null(st, 8);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((rc = act_touch(db, c->r, &a)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"field", NULL, c->f->code};
	ch[1] = (struct audit_change){"value", NULL, c->value};
	ch[2] = (struct audit_change){"source", NULL, form_str(c->r, "source")};
	ch[3] = (struct audit_change){"reason", NULL, reason[0] ? reason :
	    NULL};
	id_text(c->act, idtext);
	return audit_req(c->r, "civil_act", idtext, "choose", ch, 4);
}

/*
 * POST /civil/{id}/fields/{field} (civil.draft, CSRF; choose_fields):
 * the chosen value of a field, with its source (one of the act's, page
 * within the source's), an optional rectangle, its Latin form (names:
 * required) and the reason (required when the values read in the
 * sources differ from it or from each other). 409 once the act is not
 * open to edits: an established act changes only through an amendment.
 */
int
page_choose(struct req *r)
{
	struct choose_ctx	 c;
	struct act		*a;
	const char		*errkey = NULL;
	enum db_rc		 rc;
	char			 norm[401];
	int			 status, ok, differs;

	memset(&c, 0, sizeof(c));
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return 500;
	if ((status = act_open_path(r, a)) != 0)
		goto out;
	c.f = cfield_find(req_param(r, "field"));
	if (c.f == NULL || !cfield_of(c.f, a->kind_index)) {
		status = 404;
		goto out;
	}
	if (!act_editable(a)) {
		status = act_not_editable(r, a);
		goto out;
	}
	if (!value_valid(c.f, form_str(r, "value"), norm, sizeof(norm),
	    &errkey))
		form_set_error(r, "value", errkey);
	if (c.f->type == CF_NAME && form_str(r, "latin")[0] == '\0')
		form_set_error(r, "latin", "Civil.Error.Latin");
	if (form_str(r, "rect")[0] && !rect_valid(form_str(r, "rect")))
		form_set_error(r, "rect", "Civil.Error.Rect");
	ok = source_check(r, a->id, form_int(r, "source"), form_int(r,
	    "page"));
	if (ok < 0) {
		status = -ok;
		goto out;
	}
	if (!ok)
		form_set_error(r, "source", "Civil.Error.Source");
	if ((rc = found_differ(r->db, a->id, c.f->code, norm, &differs)) !=
	    DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (differs && form_str(r, "reason")[0] == '\0')
		form_set_error(r, "reason", "Civil.Error.Reason");
	if (r->form.nerrors > 0) {
		page_set(r, "Civil.FormField", c.f->code);
		status = act_page_again(r, 422);
		goto out;
	}
	c.r = r;
	c.act = a->id;
	c.value = norm;
	if ((rc = db_txn(r->db, choose_txn, &c)) != DB_OK) {
		log_err("civil %lld: cannot choose a value: %s",
		    (long long)a->id, db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	if (c.notfound)
		status = 404;
	else if (c.closed)
		status = act_not_editable(r, a);
	else {
		char anchor[48];

		snprintf(anchor, sizeof(anchor), "#field-%s", c.f->code);
		status = act_redirect(r, a->id, anchor, "Civil.Flash.Chosen");
	}
out:
	free(a);
	return status;
}

/* --- the four-eyes review --- */

/* Did agent draft the act's current version: its officer, the one who
 * sent it to verification, or one who chose one of its values? */
static enum db_rc
drafted_by(struct db *db, const struct act *a, int64_t agent, int *yes)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	*yes = agent == 0 || a->officer_id == agent ||
	    a->submitted_by == agent;
	if (*yes)
		return DB_OK;
	if ((st = db_stmt(db, CSQL_DRAFTED_BY)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, a->id);
	db_bind_int(st, 1, agent);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	*yes = db_col_int(st, 0) > 0;
	db_reset(st);
	return DB_OK;
}

/* The act's current fields as JSON (the established version kept). */
static enum db_rc
fields_json(struct db *db, int64_t act, char **out)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	json_t		*o, *f;

	*out = NULL;
	if ((o = json_object()) == NULL)
		return DB_ERROR;
	if ((st = db_stmt(db, CSQL_FIELDS_OF)) == NULL) {
		json_decref(o);
		return db_last_rc(db);
	}
	db_bind_int(st, 0, act);
	while ((rc = db_step(st)) == DB_ROW) {
		f = json_pack("{s:s, s:s, s:I, s:s, s:I, s:s, s:s, s:s}",
		    "value", db_col_text(st, 1),
		    "latin", db_col_text(st, 2),
		    "source", (json_int_t)db_col_int(st, 3),
		    "source_title", db_col_text(st, 4),
		    "page", (json_int_t)db_col_int(st, 5),
		    "rect", db_col_text(st, 6),
		    "reason", db_col_text(st, 7),
		    "chosen_by", db_col_text(st, 8));
		if (f == NULL || json_object_set_new(o, db_col_text(st, 0),
		    f) != 0) {
			db_reset(st);
			json_decref(o);
			return DB_ERROR;
		}
	}
	if (rc == DB_OK && (*out = json_dumps(o, JSON_SORT_KEYS |
	    JSON_COMPACT)) == NULL)
		rc = DB_ERROR;
	json_decref(o);
	return rc;
}

struct review_ctx {
	struct req	*r;
	int64_t		 act;
	int64_t		 version;
	int		 validate;
	int		 stale, wrong_status, own, notfound;
	int64_t		 review;
};

static enum db_rc
review_txn(struct db *db, void *arg)
{
	struct review_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[2];
	struct act		 a;
	enum db_rc		 rc;
	size_t			 i;
	char			*json = NULL, idtext[24], name[40];
	const char		*to;
	int64_t			 me = civil_agent(c->r);

	c->stale = c->wrong_status = c->own = c->notfound = 0;
	if ((rc = act_lock(db, c->act, &a)) != DB_ROW) {
		c->notfound = rc == DB_OK;
		return rc;
	}
	if (a.version != c->version) {
		c->stale = 1;
		return DB_OK;
	}
	if (strcmp(a.status, "verification") != 0) {
		c->wrong_status = 1;
		return DB_OK;
	}
	/* Four eyes: checked here, on the locked row, whatever the roles. */
	if ((rc = drafted_by(db, &a, me, &c->own)) != DB_OK)
		return rc;
	if (c->own)
		return DB_OK;
	if ((st = db_stmt(db, CSQL_REVIEW_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, a.id);
	db_bind_int(st, 1, a.act_version);
	db_bind_ascii(st, 2, c->validate ? "validated" : "returned");
	db_bind_int(st, 3, me);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	c->review = (int64_t)db_insert_id(st);
	for (i = 0; i < civil_nfields; i++) {
		const char *comment;

		snprintf(name, sizeof(name), "c_%s", civil_fields[i].code);
		comment = form_str(c->r, name);
		if (comment[0] == '\0')
			continue;
		if ((st = db_stmt(db, CSQL_COMMENT_INSERT)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->review);
		db_bind_ascii(st, 1, civil_fields[i].code);
		db_bind_text(st, 2, comment);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	if (c->validate) {
		to = "established";
		if ((rc = fields_json(db, a.id, &json)) != DB_OK)
			return rc;
		if ((st = db_stmt(db, CSQL_VERSION_INSERT)) == NULL) {
			free(json);
			return db_last_rc(db);
		}
		db_bind_int(st, 0, a.id);
		db_bind_int(st, 1, a.act_version);
		db_bind_text(st, 2, json);
		db_bind_text(st, 3, a.amend_reason[0] ? a.amend_reason : NULL);
		db_bind_int(st, 4, me);
		if (a.submitted_by)
			db_bind_int(st, 5, a.submitted_by);
		else
			db_bind_null(st, 5);
		rc = db_exec(st);
		free(json);
		if (rc != DB_OK)
			return rc;
		if ((st = db_stmt(db, CSQL_ACT_ESTABLISH)) == NULL)
			return db_last_rc(db);
		db_bind_ascii(st, 0, to);
		db_bind_int(st, 1, a.id);
	} else {
		to = "preparation";
		if ((st = db_stmt(db, CSQL_ACT_STATUS)) == NULL)
			return db_last_rc(db);
		db_bind_ascii(st, 0, to);
		db_bind_int(st, 1, a.id);
	}
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"status", a.status, to};
	id_text(c->review, idtext);
	ch[1] = (struct audit_change){"review", NULL, idtext};
	id_text(a.id, idtext);
	return audit_req(c->r, "civil_act", idtext, c->validate ? "validate" :
	    "return", ch, 2);
}

/*
 * POST /civil/{id}/review (civil.sign, CSRF; review_fields): the
 * second officer validates the act in verification (it is established;
 * its fields are kept whole as the established version) or sends it
 * back to preparation with at least one comment on a field. 403 with a
 * clear message for whoever drafted it (its officer, who sent it, or
 * who chose one of its values), whatever their roles; 409 for a stale
 * version or an act not in verification.
 */
int
page_review(struct req *r)
{
	struct review_ctx	 c;
	enum db_rc		 rc;
	size_t			 i;
	int			 comments = 0;
	char			 name[40];

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.act = req_param_int(r, "id");
	c.version = form_int(r, "version");
	c.validate = form_int(r, "decision") == 0;
	for (i = 0; i < civil_nfields; i++) {
		snprintf(name, sizeof(name), "c_%s", civil_fields[i].code);
		comments += form_str(r, name)[0] != '\0';
	}
	if (!c.validate && comments == 0) {
		form_set_error(r, "decision", "Civil.Error.CommentNeeded");
		return act_page_again(r, 422);
	}
	if ((rc = db_txn(r->db, review_txn, &c)) != DB_OK) {
		log_err("civil %lld: review failed: %s", (long long)c.act,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (c.notfound)
		return 404;
	if (c.own) {
		log_info("civil %lld: four eyes: agent %lld drafted it",
		    (long long)c.act, (long long)civil_agent(r));
		return error_page(r, 403, "Civil.Error.OwnDraft");
	}
	if (c.stale || c.wrong_status) {
		page_set(r, "Civil.Refused", c.stale ? "Civil.Error.Stale" :
		    "Civil.Error.NotInVerification");
		return act_page_again(r, 409);
	}
	return act_redirect(r, c.act, "", c.validate ?
	    "Civil.Flash.Established" : "Civil.Flash.Returned");
}

/* --- amendments --- */

struct amend_ctx {
	struct req	*r;
	int64_t		 act;
	int64_t		 version;
	int		 stale, wrong_status, notfound;
};

static enum db_rc
amend_txn(struct db *db, void *arg)
{
	struct amend_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[2];
	struct act		 a;
	enum db_rc		 rc;
	char			 idtext[24];
	const char		*reason = form_str(c->r, "reason");

	c->stale = c->wrong_status = c->notfound = 0;
	if ((rc = act_lock(db, c->act, &a)) != DB_ROW) {
		c->notfound = rc == DB_OK;
		return rc;
	}
	if (a.version != c->version) {
		c->stale = 1;
		return DB_OK;
	}
	if (strcmp(a.status, "established") != 0 ||
	    wf_transition_find(a.def, wf_status_find(a.def, a.status),
	    wf_status_find(a.def, "amended")) == NULL) {
		c->wrong_status = 1;
		return DB_OK;
	}
	if ((st = db_stmt(db, CSQL_ACT_AMEND)) == NULL)
		return db_last_rc(db);
	db_bind_ascii(st, 0, "amended");
	db_bind_text(st, 1, reason);
	db_bind_int(st, 2, a.id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"status", a.status, "amended"};
	ch[1] = (struct audit_change){"reason", NULL, reason};
	id_text(a.id, idtext);
	return audit_req(c->r, "civil_act", idtext, "amend", ch, 2);
}

/*
 * POST /civil/{id}/amend (civil.draft, CSRF; amend_fields): open an
 * amendment of an established act, with its reason. The established
 * version stays whole (civil_act_version); the act's values can be
 * changed again and go through verification as a new version. 409 for
 * an act not established or a stale version.
 */
int
page_amend(struct req *r)
{
	struct amend_ctx	 c;
	enum db_rc		 rc;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.act = req_param_int(r, "id");
	c.version = form_int(r, "version");
	if ((rc = db_txn(r->db, amend_txn, &c)) != DB_OK) {
		log_err("civil %lld: amendment failed: %s", (long long)c.act,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (c.notfound)
		return 404;
	if (c.stale || c.wrong_status) {
		page_set(r, "Civil.Refused", c.stale ? "Civil.Error.Stale" :
		    "Civil.Error.NotEstablished");
		return act_page_again(r, 409);
	}
	return act_redirect(r, c.act, "", "Civil.Flash.Amending");
}

/* --- marginal mentions --- */

struct mention_ctx {
	struct req	*r;
	int64_t		 act;
	int		 wrong_status, notfound;
};

static enum db_rc
mention_txn(struct db *db, void *arg)
{
	struct mention_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[3];
	struct act		 a;
	enum db_rc		 rc;
	char			 idtext[24];

	c->wrong_status = c->notfound = 0;
	if ((rc = act_lock(db, c->act, &a)) != DB_ROW) {
		c->notfound = rc == DB_OK;
		return rc;
	}
	if (strcmp(a.status, "established") != 0) {
		c->wrong_status = 1;
		return DB_OK;
	}
	if ((st = db_stmt(db, CSQL_MENTION_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, a.id);
	db_bind_ascii(st, 1, mention_kinds[form_int(c->r, "kind")]);
	db_bind_text(st, 2, form_get(c->r, "on_date")->norm);
	db_bind_text(st, 3, form_str(c->r, "text"));
	if (civil_agent(c->r))
		db_bind_int(st, 4, civil_agent(c->r));
	else
		db_bind_null(st, 4);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"mention", NULL,
	    mention_kinds[form_int(c->r, "kind")]};
	ch[1] = (struct audit_change){"on_date", NULL,
	    form_get(c->r, "on_date")->norm};
	ch[2] = (struct audit_change){"text", NULL, form_str(c->r, "text")};
	id_text(a.id, idtext);
	return audit_req(c->r, "civil_act", idtext, "mention", ch, 3);
}

/*
 * POST /civil/{id}/mentions (civil.draft, CSRF; mention_fields): a
 * marginal mention (marriage, divorce, death, change of name) on an
 * established act. 409 for an act not established.
 */
int
page_mention_add(struct req *r)
{
	struct mention_ctx	 c;
	enum db_rc		 rc;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.act = req_param_int(r, "id");
	if ((rc = db_txn(r->db, mention_txn, &c)) != DB_OK) {
		log_err("civil %lld: mention failed: %s", (long long)c.act,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (c.notfound)
		return 404;
	if (c.wrong_status) {
		page_set(r, "Civil.Refused", "Civil.Error.NotEstablished");
		return act_page_again(r, 409);
	}
	return act_redirect(r, c.act, "#mentions", "Civil.Flash.Mention");
}

/* --- the workbench's data --- */

/* Found.*: each field's values read in the sources, under
 * Fields.<i>.Found.N.{Source, Title, Page, Rect, Value, Differs}. */
static int
found_fill(struct req *r, const struct act *a, const int *index,
    char chosen[][401])
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 counts[CFIELD_MAX] = {0};
	char		 k[96];

	if ((st = db_stmt(r->db, CSQL_FOUND_OF)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, a->id);
	while ((rc = db_step(st)) == DB_ROW) {
		const struct cfield *f = cfield_find(db_col_text(st, 0));
		size_t	fi, n;
		int	i;

		if (f == NULL || (i = index[f - civil_fields]) < 0)
			continue;
		fi = (size_t)(f - civil_fields);
		n = counts[fi]++;
#define SET(x, v) do { snprintf(k, sizeof(k), "Fields.%d.Found.%zu." x, i, \
	n); page_set(r, k, (v)); } while (0)
		SET("Source", db_col_text(st, 1));
		SET("Title", db_col_text(st, 2));
		if (db_col_int(st, 3) > 0)
			SET("Page", db_col_text(st, 3));
		SET("Rect", db_col_text(st, 4));
		SET("Value", db_col_text(st, 5));
		if (chosen[fi][0] && !same(chosen[fi], db_col_text(st, 5)))
			SET("Differs", "1");
#undef SET
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	/* A field whose sources disagree among themselves is marked too. */
	return 0;
}

int
fields_fill(struct req *r, const struct act *a)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 i, n = 0;
	int		 index[CFIELD_MAX], status;
	char		 (*chosen)[401] = NULL;
	char		 k[96], key[64];
	int64_t		 last_review = -1;

	if ((chosen = calloc(CFIELD_MAX, sizeof(*chosen))) == NULL)
		return 500;
	for (i = 0; i < civil_nfields; i++) {
		index[i] = -1;
		if (!cfield_of(&civil_fields[i], a->kind_index))
			continue;
		index[i] = (int)n;
		snprintf(k, sizeof(k), "Fields.%zu.Code", n);
		page_set(r, k, civil_fields[i].code);
		snprintf(k, sizeof(k), "Fields.%zu.Label", n);
		snprintf(key, sizeof(key), "Civil.FieldName.%s",
		    civil_fields[i].code);
		page_set(r, k, tpl_text(r->hdf, key));
		snprintf(k, sizeof(k), "Fields.%zu.Name", n);
		page_set_int(r, k, civil_fields[i].type == CF_NAME);
		snprintf(k, sizeof(k), "Fields.%zu.Type", n);
		page_set(r, k, civil_fields[i].type == CF_DATE ? "date" :
		    civil_fields[i].type == CF_SEX ? "sex" : "text");
		n++;
	}
	if ((st = db_stmt(r->db, CSQL_FIELDS_OF)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, a->id);
	while ((rc = db_step(st)) == DB_ROW) {
		const struct cfield *f = cfield_find(db_col_text(st, 0));
		int	 fi;

		if (f == NULL || (fi = index[f - civil_fields]) < 0)
			continue;
		snprintf(chosen[f - civil_fields], 401, "%s", db_col_text(st, 1));
#define SET(x, col) do { snprintf(k, sizeof(k), "Fields.%d.Chosen." x, fi); \
	page_set(r, k, db_col_text(st, col)); } while (0)
		SET("Value", 1);
		SET("Latin", 2);
		SET("Source", 3);
		SET("SourceTitle", 4);
		if (db_col_int(st, 5) > 0)
			SET("Page", 5);
		SET("Rect", 6);
		SET("Reason", 7);
		SET("By", 8);
		SET("At", 9);
#undef SET
	}
	if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if ((status = found_fill(r, a, index, chosen)) != 0)
		goto out;

	/* reviews and their comments (the latest first) */
	if ((st = db_stmt(r->db, CSQL_REVIEWS_OF)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, a->id);
	n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(k, sizeof(k), "Reviews.%zu.Id", n);
		page_set(r, k, db_col_text(st, 0));
		snprintf(k, sizeof(k), "Reviews.%zu.ActVersion", n);
		page_set(r, k, db_col_text(st, 1));
		snprintf(k, sizeof(k), "Reviews.%zu.Decision", n);
		snprintf(key, sizeof(key), "Civil.Review.%s", db_col_text(st, 2));
		page_set(r, k, tpl_text(r->hdf, key));
		snprintf(k, sizeof(k), "Reviews.%zu.At", n);
		page_set(r, k, db_col_text(st, 3));
		snprintf(k, sizeof(k), "Reviews.%zu.By", n);
		page_set(r, k, db_col_text(st, 4));
		if (n == 0)
			last_review = db_col_int(st, 0);
		n++;
	}
	if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if ((st = db_stmt(r->db, CSQL_COMMENTS_OF)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, a->id);
	n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		const struct cfield *f = cfield_find(db_col_text(st, 1));

		snprintf(k, sizeof(k), "Comments.%zu.Review", n);
		page_set(r, k, db_col_text(st, 0));
		snprintf(k, sizeof(k), "Comments.%zu.Field", n);
		snprintf(key, sizeof(key), "Civil.FieldName.%s", db_col_text(st, 1));
		page_set(r, k, tpl_text(r->hdf, key));
		snprintf(k, sizeof(k), "Comments.%zu.Text", n);
		page_set(r, k, db_col_text(st, 2));
		/* The latest review's comments beside their fields. */
		if (db_col_int(st, 0) == last_review && f != NULL &&
		    index[f - civil_fields] >= 0) {
			snprintf(k, sizeof(k), "Fields.%d.Comment",
			    index[f - civil_fields]);
			page_set(r, k, db_col_text(st, 2));
		}
		n++;
	}
	if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}

	/* established versions, the latest first */
	if ((st = db_stmt(r->db, CSQL_VERSIONS_OF)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, a->id);
	n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		json_t		*o, *v;
		const char	*code;
		size_t		 m = 0;

		snprintf(k, sizeof(k), "Versions.%zu.Number", n);
		page_set(r, k, db_col_text(st, 0));
		snprintf(k, sizeof(k), "Versions.%zu.Reason", n);
		page_set(r, k, db_col_text(st, 2));
		snprintf(k, sizeof(k), "Versions.%zu.At", n);
		page_set(r, k, db_col_text(st, 3));
		snprintf(k, sizeof(k), "Versions.%zu.By", n);
		page_set(r, k, db_col_text(st, 4));
		o = json_loads(db_col_text(st, 1), 0, NULL);
		if (json_is_object(o)) {
			for (i = 0; i < civil_nfields; i++) {
				code = civil_fields[i].code;
				v = json_object_get(o, code);
				if (!json_is_object(v))
					continue;
				snprintf(k, sizeof(k),
				    "Versions.%zu.Fields.%zu.Label", n, m);
				snprintf(key, sizeof(key), "Civil.FieldName.%s",
				    code);
				page_set(r, k, tpl_text(r->hdf, key));
				snprintf(k, sizeof(k),
				    "Versions.%zu.Fields.%zu.Value", n, m);
				page_set(r, k, json_string_value(
				    json_object_get(v, "value")));
				snprintf(k, sizeof(k),
				    "Versions.%zu.Fields.%zu.Latin", n, m);
				page_set(r, k, json_string_value(
				    json_object_get(v, "latin")));
				snprintf(k, sizeof(k),
				    "Versions.%zu.Fields.%zu.Reason", n, m);
				page_set(r, k, json_string_value(
				    json_object_get(v, "reason")));
				snprintf(k, sizeof(k),
				    "Versions.%zu.Fields.%zu.Source", n, m);
				page_set(r, k, json_string_value(
				    json_object_get(v, "source_title")));
				m++;
			}
		}
		json_decref(o);
		n++;
	}
	if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}

	/* marginal mentions */
	if ((st = db_stmt(r->db, CSQL_MENTIONS_OF)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, a->id);
	n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(k, sizeof(k), "Mentions.%zu.Kind", n);
		snprintf(key, sizeof(key), "Civil.Mention.%s", db_col_text(st, 0));
		page_set(r, k, tpl_text(r->hdf, key));
		snprintf(k, sizeof(k), "Mentions.%zu.Date", n);
		page_set(r, k, db_col_text(st, 1));
		snprintf(k, sizeof(k), "Mentions.%zu.Text", n);
		page_set(r, k, db_col_text(st, 2));
		n++;
	}
	if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	for (i = 0; mention_kinds[i] != NULL; i++) {
		snprintf(k, sizeof(k), "MentionKinds.%zu.Value", i);
		page_set(r, k, mention_kinds[i]);
		snprintf(k, sizeof(k), "MentionKinds.%zu.Label", i);
		snprintf(key, sizeof(key), "Civil.Mention.%s", mention_kinds[i]);
		page_set(r, k, tpl_text(r->hdf, key));
	}
	status = 0;
out:
	free(chosen);
	return status;
}

/*
 * persons.c: person records (create, view, edit; creation through the
 * API). Names are kept as written in any script, with their Latin forms
 * from the matcher; the blocking keys of person_name_key are rewritten
 * in the same transaction as every change, together with its audit
 * event. A creation, and every change of an identifying field, goes
 * through the duplicate check (dups.c) and the consistency warnings
 * (family.c) first. Edits use optimistic concurrency (the version
 * column): a stale edit is refused with 409 and both values shown.
 * Every view of a person writes an access event; a merged record
 * redirects to the survivor.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "edit.h"
#include "htime.h"
#include "identity.h"
#include "log.h"
#include "session.h"
#include "tpl.h"

/* Sex as stored: M, F, X (unspecified, as in ICAO 9303). */
static const char *const sex_choices[] = {"M", "F", "X", NULL};
/* birth_precision ENUM names, indexed by enum date_precision. */
static const char *const precision_names[] = {
	"unknown", "year", "month", "day",
};

/* Inputs of the create and edit forms (edit also needs version). */
const struct field_spec person_fields[] = {
	{"family_name", FIELD_STRING, 1, 1, 200, NULL},
	{"given_names", FIELD_STRING, 0, 0, 200, NULL},
	{"sex", FIELD_ENUM, 0, 0, 0, sex_choices},
	{"birth_date", FIELD_PDATE, 0, 0, 0, NULL},
	{"birth_place", FIELD_STRING, 0, 0, 200, NULL},
	{"nationality", FIELD_COUNTRY, 0, 0, 0, NULL},
	{"father_name", FIELD_STRING, 0, 0, 200, NULL},
	{"mother_name", FIELD_STRING, 0, 0, 200, NULL},
	{"death_date", FIELD_DATE, 0, 0, 0, NULL},
	{"version", FIELD_INT, 0, 1, 2147483647LL, NULL},
	/* a relative being recorded from a person's page */
	{"relative_of", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"relation", FIELD_ENUM, 0, 0, 0, relations},
	DUP_FIELDS,
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* GET /identity/persons/new?relative_of=ID&relation=child */
const struct field_spec person_new_query[] = {
	{"relative_of", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"relation", FIELD_ENUM, 0, 0, 0, relations},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* Read the submitted fields into p (names, dates ...; not version). */
static void
person_from_form(const struct req *r, struct person *p)
{
	const struct field_value	*v;

	snprintf(p->family_name, sizeof(p->family_name), "%s",
	    form_str(r, "family_name"));
	snprintf(p->given_names, sizeof(p->given_names), "%s",
	    form_str(r, "given_names"));
	snprintf(p->sex, sizeof(p->sex), "%s", form_str(r, "sex"));
	memset(&p->birth, 0, sizeof(p->birth));
	if ((v = form_get(r, "birth_date")) != NULL && v->present && v->valid)
		p->birth = v->date;
	snprintf(p->birth_place, sizeof(p->birth_place), "%s",
	    form_str(r, "birth_place"));
	snprintf(p->nationality, sizeof(p->nationality), "%s",
	    form_str(r, "nationality"));
	snprintf(p->father_name, sizeof(p->father_name), "%s",
	    form_str(r, "father_name"));
	snprintf(p->mother_name, sizeof(p->mother_name), "%s",
	    form_str(r, "mother_name"));
	p->death_date[0] = '\0';
	if ((v = form_get(r, "death_date")) != NULL && v->present && v->valid)
		snprintf(p->death_date, sizeof(p->death_date), "%.10s",
		    v->norm);
	p->version = form_int(r, "version");
}

/* Put p's stored values in the form's nodes, for a fresh edit page. */
static void
person_to_form(struct req *r, const struct person *p)
{
	char	birth[11];

	identity_birth_text(&p->birth, birth);
	page_set(r, "Form.family_name.Value", p->family_name);
	page_set(r, "Form.given_names.Value", p->given_names);
	page_set(r, "Form.sex.Value", p->sex);
	page_set(r, "Form.birth_date.Value", birth);
	page_set(r, "Form.birth_place.Value", p->birth_place);
	page_set(r, "Form.nationality.Value", p->nationality);
	page_set(r, "Form.father_name.Value", p->father_name);
	page_set(r, "Form.mother_name.Value", p->mother_name);
	page_set(r, "Form.death_date.Value", p->death_date);
	page_set_int(r, "Form.version.Value", p->version);
}

/* The options of the form: sexes (Person.Sexes.N.{Value,Label}) and
 * the nationalities' datalist (Countries.N, identity_countries_fill). */
static void
options_fill(struct req *r)
{
	char	node[64], key[64];
	size_t	i;

	identity_countries_fill(r);
	for (i = 0; sex_choices[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Person.Sexes.%zu.Value", i);
		page_set(r, node, sex_choices[i]);
		snprintf(node, sizeof(node), "Person.Sexes.%zu.Label", i);
		snprintf(key, sizeof(key), "Identity.Sex.%s", sex_choices[i]);
		page_set(r, node, tpl_text(r->hdf, key));
	}
}

/* Bind p's 14 editable columns (with its Latin forms) from parameter 0. */
static void
person_bind(struct db_stmt *st, const struct person *p)
{
	db_bind_text(st, 0, p->family_name);
	db_bind_text(st, 1, p->given_names);
	db_bind_text(st, 2, p->family_latin);
	db_bind_text(st, 3, p->given_latin);
	db_bind_text(st, 4, p->sex[0] ? p->sex : NULL);
	db_bind_int(st, 5, p->birth.year);
	db_bind_int(st, 6, p->birth.month);
	db_bind_int(st, 7, p->birth.day);
	db_bind_text(st, 8, precision_names[p->birth.precision]);
	db_bind_text(st, 9, p->birth_place);
	db_bind_text(st, 10, p->nationality[0] ? p->nationality : NULL);
	db_bind_text(st, 11, p->father_name);
	db_bind_text(st, 12, p->mother_name);
	db_bind_text(st, 13, p->death_date[0] ? p->death_date : NULL);
}

/* Text forms of p's fields for the audit trail and the conflict table,
 * in the order of audit_fields[]. */
#define NAUDIT	10
static const char *const audit_fields[NAUDIT] = {
	"family_name", "given_names", "sex", "birth_date", "birth_place",
	"nationality", "father_name", "mother_name", "latin_names",
	"death_date",
};

/* The buffers behind the texts of a stored and a submitted person. */
struct person_edit_text {
	char	 ob[11], nb[11];
	char	 ol[3300], nl[3300];
};

/* Fill texts[NAUDIT] with pointers into p (birth and latin into the
 * caller's buffers). */
static void
person_texts(const struct person *p, const char *texts[NAUDIT],
    char birth[11], char *latin, size_t latinsz)
{
	identity_birth_text(&p->birth, birth);
	snprintf(latin, latinsz, "%s / %s", p->family_latin, p->given_latin);
	texts[0] = p->family_name;
	texts[1] = p->given_names;
	texts[2] = p->sex;
	texts[3] = birth;
	texts[4] = p->birth_place;
	texts[5] = p->nationality;
	texts[6] = p->father_name;
	texts[7] = p->mother_name;
	texts[8] = latin;
	texts[9] = p->death_date;
}

/* The label key of each audited field, for the conflict table (NULL:
 * audited, not shown: the Latin forms follow the names). */
static const char *const field_labels[NAUDIT] = {
	"Identity.Field.FamilyName", "Identity.Field.GivenNames",
	"Identity.Field.Sex", "Identity.Field.BirthDate",
	"Identity.Field.BirthPlace", "Identity.Field.Nationality",
	"Identity.Field.FatherName", "Identity.Field.MotherName", NULL,
	"Identity.Field.DeathDate",
};

/*
 * The fields of a person edit, stored (o) against submitted (w), into
 * f (texts in t): as the audit trail records them when r is NULL, else
 * as the agent reads them in the conflict table (labels and the sex in
 * the page's language; the Latin forms left out, they follow the
 * names).
 */
static void
person_edit_fields(struct req *r, const struct person *o,
    const struct person *w, struct edit_field f[NAUDIT],
    struct person_edit_text *t)
{
	const char	*ot[NAUDIT], *nt[NAUDIT];
	size_t		 i;

	person_texts(o, ot, t->ob, t->ol, sizeof(t->ol));
	person_texts(w, nt, t->nb, t->nl, sizeof(t->nl));
	for (i = 0; i < NAUDIT; i++)
		f[i] = (struct edit_field){audit_fields[i], NULL, ot[i], nt[i]};
	if (r == NULL)
		return;
	for (i = 0; i < NAUDIT; i++)
		f[i].label = field_labels[i] ? tpl_text(r->hdf,
		    field_labels[i]) : NULL;
	f[2].stored = identity_sex_label(r, ot[2]);
	f[2].mine = identity_sex_label(r, nt[2]);
	/* Not shown: the same text on both sides is never a row. */
	f[8].stored = f[8].mine = "";
}

/*
 * The relative a new record is being linked to (relative_of, relation
 * of the form): its name in Person.RelativeName. Returns its id, 0 when
 * none was asked, -1 after marking relative_of in error (unknown or
 * merged record, or no relation).
 */
static int64_t
relative_fill(struct req *r)
{
	struct person	*p;
	int64_t		 id = form_int(r, "relative_of");
	int64_t		 ret = -1;

	if (id <= 0)
		return 0;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return -1;
	if (person_load(r->db, id, p) != DB_ROW ||
	    strcmp(p->status, "active") != 0)
		form_set_error(r, "relative_of", "Identity.Error.NoRelative");
	else if (form_str(r, "relation")[0] == '\0')
		form_set_error(r, "relation", "Form.Error.Required");
	else {
		page_set_int(r, "Person.RelativeOf", id);
		page_set(r, "Person.RelativeName", p->family_name);
		page_set(r, "Person.Relation", form_str(r, "relation"));
		ret = id;
	}
	free(p);
	return ret;
}

/*
 * GET /identity/persons/new (identity.edit; person_new_query: a
 * relative being recorded from a person's page; also the fill of a
 * rejected POST): the empty creation form. Template
 * identity/person_form.cs (Person.New = 1).
 */
int
page_person_new_form(struct req *r)
{
	page_set(r, "Page.Title", tpl_text(r->hdf, "Identity.New.Title"));
	page_set(r, "Person.New", "1");
	options_fill(r);
	relative_fill(r);
	return 200;
}

/* The relation seen from the other side. */
static const char *
relation_reciprocal(const char *rel)
{
	if (strcmp(rel, "parent") == 0)
		return "child";
	if (strcmp(rel, "child") == 0)
		return "parent";
	return rel;
}

/* What create_txn needs and gives back. */
struct create_ctx {
	struct req		*r;
	const struct person	*p;
	const struct dup_set	*dups;
	const char		*origin;	/* "form" or "api" */
	const struct warnings	*warn;
	int64_t			 relative;	/* link to this record, or 0 */
	const char		*relation;	/* the new record is relative's <relation> */
	int64_t			 id;		/* out */
	int64_t			 same_with;	/* out */
};

/* Insert the person, its keys and the audit event, the duplicate
 * decisions, warnings and family link (db_txn function). */
static enum db_rc
create_txn(struct db *db, void *arg)
{
	struct create_ctx	*c = arg;
	struct audit_change	 ch[NAUDIT];
	const char		*texts[NAUDIT];
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 idtext[24], birth[11], latin[3300];
	size_t			 i, n = 0;

	if ((st = db_stmt(db, ISQL_PERSON_INSERT)) == NULL)
		return db_last_rc(db);
	person_bind(st, c->p);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	c->id = (int64_t)db_insert_id(st);
	if ((rc = person_keys_rewrite(db, identity_matcher, c->id)) !=
	    DB_OK)
		return rc;
	person_texts(c->p, texts, birth, latin, sizeof(latin));
	for (i = 0; i < NAUDIT; i++)
		if (texts[i][0] != '\0')
			ch[n++] = (struct audit_change){audit_fields[i], NULL,
			    texts[i]};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	if ((rc = audit_req(c->r, "person", idtext, "create", ch, n)) != DB_OK)
		return rc;
	if ((rc = dup_record(db, c->r, c->id, c->dups, c->origin,
	    &c->same_with)) != DB_OK)
		return rc;
	if (c->warn != NULL && (rc = warnings_record(db, c->r, c->id,
	    c->warn)) != DB_OK)
		return rc;
	if (c->relative > 0)
		return family_link_txn(db, c->r, c->relative, c->id,
		    c->relation);
	return DB_OK;
}

/*
 * POST /identity/persons/new (identity.edit, CSRF; person_fields):
 * create a person. The duplicate check comes first: candidates scoring
 * probable or above are shown side by side with what was typed (409)
 * until each has a decision; consistency warnings (with the relative
 * being linked) need the ack_warnings box (422). Redirects to the new
 * record (or to the merge of a "same person") with a flash; 422 with a
 * message per field for bad input.
 */
int
page_person_new(struct req *r)
{
	struct create_ctx	 c;
	struct person		*p = NULL;
	struct dup_set		*dups = NULL;
	struct warnings		 warn;
	enum db_rc		 rc;
	char			 loc[64];
	int			 status;
	int64_t			 relative;
	size_t			 undecided;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Identity.New.Title"));
	page_set(r, "Person.New", "1");
	options_fill(r);
	if (identity_matcher_open(r) != 0)
		return 503;
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (dups = calloc(1, sizeof(*dups))) == NULL) {
		status = 500;
		goto out;
	}
	if ((relative = relative_fill(r)) < 0) {
		status = 422;
		goto out;
	}
	person_from_form(r, p);
	if (person_latin(identity_matcher, p) == -1) {
		form_set_error(r, "family_name", "Form.Error.BadUtf8");
		status = 422;
		goto out;
	}
	if ((rc = dup_check(r, p, NULL, 0, 0, dups)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	undecided = dup_decisions(r, dups);
	rc = family_warnings(r->db, p, 0, relative, relative > 0 ?
	    relation_reciprocal(form_str(r, "relation")) : NULL, &warn);
	if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (undecided > 0 || r->form.nerrors > 0) {
		if ((status = dup_panel_fill(r, p, NULL, 0, dups)) != 0)
			goto out;
		warnings_gate(r, &warn);
		status = undecided > 0 ? 409 : 422;
		goto out;
	}
	if (warnings_gate(r, &warn)) {
		status = 422;
		goto out;
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.p = p;
	c.dups = dups;
	c.origin = "form";
	c.warn = &warn;
	c.relative = relative;
	c.relation = form_str(r, "relation");
	if ((rc = db_txn(r->db, create_txn, &c)) != DB_OK) {
		log_err("cannot create a person: %s", db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	log_info("person %lld created", (long long)c.id);
	if (c.same_with > 0) {
		status = dup_after_save(r, c.id, c.same_with);
		goto out;
	}
	flash_set(r, "ok", "Identity.Flash.Created");
	if (relative > 0)
		snprintf(loc, sizeof(loc), "/identity/persons/%lld#family",
		    (long long)relative);
	else
		snprintf(loc, sizeof(loc), "/identity/persons/%lld",
		    (long long)c.id);
	status = resp_redirect(r, loc);
out:
	free(p);
	free(dups);
	return status;
}

/*
 * POST /identity/persons (identity.edit, API key or agent with CSRF;
 * person_fields): create a person from another system. The API cannot
 * be asked, so the duplicate check reports: every candidate scoring
 * probable or above becomes a pending pair of the review queue, and the
 * answer lists them: 201 {"person_id":N,"pending_duplicates":[{
 * "person_id":..,"score":..,"class":..}]}. Bad input: JSON 422.
 */
int
page_person_api_create(struct req *r)
{
	struct create_ctx	 c;
	struct person		*p = NULL;
	struct dup_set		*dups = NULL;
	struct buf		 j = {0};
	enum db_rc		 rc;
	char			 loc[64];
	int			 status;
	size_t			 i;

	if (identity_matcher_open(r) != 0)
		return resp_json(r, 503, "{\"error\":\"unavailable\"}");
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (dups = calloc(1, sizeof(*dups))) == NULL) {
		status = 500;
		goto out;
	}
	person_from_form(r, p);
	if (person_latin(identity_matcher, p) == -1) {
		form_set_error(r, "family_name", "Form.Error.BadUtf8");
		status = auth_json_form_errors(r);
		goto out;
	}
	/* Family links are made on the agents' pages. */
	if (form_int(r, "relative_of") > 0) {
		form_set_error(r, "relative_of", "Identity.Error.NoRelative");
		status = auth_json_form_errors(r);
		goto out;
	}
	if ((rc = dup_check(r, p, NULL, 0, 0, dups)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.p = p;
	c.dups = dups;
	c.origin = "api";
	if ((rc = db_txn(r->db, create_txn, &c)) != DB_OK) {
		log_err("cannot create a person: %s", db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	buf_printf(&j, "{\"person_id\":%lld,\"pending_duplicates\":[",
	    (long long)c.id);
	for (i = 0; i < dups->n; i++)
		buf_printf(&j, "%s{\"person_id\":%lld,\"score\":%.3f,"
		    "\"class\":\"%s\"}", i ? "," : "",
		    (long long)dups->c[i].id, dups->c[i].res.score,
		    match_class_name(dups->c[i].res.cls));
	buf_puts(&j, "]}");
	snprintf(loc, sizeof(loc), "/identity/persons/%lld", (long long)c.id);
	resp_header(r, "Location", loc);
	status = resp_json(r, 201, j.data);
out:
	buf_free(&j);
	free(p);
	free(dups);
	return status;
}

/*
 * Put the person's documents (Person.Docs.N.*), phones
 * (Person.Phones.N.*) and photo (Person.Photo) in the page. Returns 0
 * or the status of a database failure.
 */
static int
person_parts_fill(struct req *r, int64_t id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 node[64], key[64];
	const char	*type;

	if ((st = db_stmt(r->db, ISQL_DOCS_OF)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		type = db_col_text(st, 1);
		snprintf(node, sizeof(node), "Person.Docs.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(key, sizeof(key), "Identity.DocType.%s", type);
		snprintf(node, sizeof(node), "Person.Docs.%zu.Type", n);
		page_set(r, node, tpl_has_text(r->hdf, key) ?
		    tpl_text(r->hdf, key) : type);
		snprintf(node, sizeof(node), "Person.Docs.%zu.Number", n);
		page_set(r, node, db_col_text(st, 2));
		snprintf(node, sizeof(node), "Person.Docs.%zu.Country", n);
		page_set(r, node, db_col_text(st, 4));
		snprintf(node, sizeof(node), "Person.Docs.%zu.Expiry", n);
		page_set(r, node, db_col_text(st, 5));
		snprintf(node, sizeof(node), "Person.Docs.%zu.Mrz", n);
		page_set(r, node, db_col_text(st, 6)[0] ? "1" : "0");
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	n = 0;
	if ((st = db_stmt(r->db, ISQL_PHONES_OF)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Person.Phones.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Person.Phones.%zu.Value", n);
		page_set(r, node, db_col_text(st, 1));
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	if ((st = db_stmt(r->db, ISQL_PHOTO_GET)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) == DB_ROW) {
		page_set(r, "Person.Photo", "1");
		db_reset(st);
	} else if (rc != DB_OK)
		return db_http_status(rc);
	return 0;
}

/* Put the person's stored fields in Person.* for the view. */
static void
person_page(struct req *r, const struct person *p)
{
	char	birth[11], when[64], words[64], cname[192];

	identity_birth_text(&p->birth, birth);
	page_set_int(r, "Person.Id", p->id);
	page_set(r, "Person.FamilyName", p->family_name);
	page_set(r, "Person.GivenNames", p->given_names);
	/* the Latin forms where they say more than the names as written */
	if (person_latin_says_more(p->family_name, p->family_latin))
		page_set(r, "Person.FamilyLatin", p->family_latin);
	if (person_latin_says_more(p->given_names, p->given_latin))
		page_set(r, "Person.GivenLatin", p->given_latin);
	page_set(r, "Person.Sex", identity_sex_label(r, p->sex));
	tpl_pdate_words(r->hdf, birth, words, sizeof(words));
	page_set(r, "Person.BirthDate", words);
	page_set(r, "Person.BirthPrecision", precision_names[p->birth.precision]);
	page_set(r, "Person.BirthPlace", p->birth_place);
	page_set(r, "Person.Nationality", p->nationality);
	page_set(r, "Person.NationalityName", identity_country_label(r,
	    p->nationality, cname, sizeof(cname)));
	page_set(r, "Person.FatherName", p->father_name);
	page_set(r, "Person.MotherName", p->mother_name);
	page_set(r, "Person.Source", p->source);
	page_set(r, "Person.SourceId", p->source_id);
	page_set(r, "Person.Status", p->status);
	page_set_int(r, "Person.MergedInto", p->merged_into);
	page_set_int(r, "Person.Version", p->version);
	identity_local_time(r, p->created_at, when, sizeof(when));
	page_set(r, "Person.Created", when);
	identity_local_time(r, p->updated_at, when, sizeof(when));
	page_set(r, "Person.Updated", when);
	if (r->session != NULL && session_can(r->session, "identity.edit"))
		page_set(r, "Person.CanEdit", "1");
	/* case files are opened from the person's record (havre-dossier) */
	if (r->session != NULL && session_can(r->session, "dossier.create") &&
	    strcmp(p->status, "active") == 0)
		page_set(r, "Person.CanOpenDossier", "1");
	/* the subject-access export (export.c) */
	if (r->session != NULL && session_can(r->session,
	    "dataprotection.export"))
		page_set(r, "Person.CanExport", "1");
	/* and civil-status acts requested (havre-civil) */
	if (r->session != NULL && session_can(r->session, "civil.draft") &&
	    strcmp(p->status, "active") == 0)
		page_set(r, "Person.CanRequestAct", "1");
}

/*
 * GET /identity/persons/{id} (identity.search; also the fill of a
 * rejected document, phone, photo or family form): the person's record
 * with documents, phones, photo, family (each member's key data),
 * acknowledged warnings and merges, and the forms to add them for
 * identity.edit holders. Writes an access event. A merged record
 * redirects to its survivor. 404 for an unknown id. Template
 * identity/person.cs.
 */
int
page_person_view(struct req *r)
{
	struct person	*p;
	enum db_rc	 rc;
	char		 idtext[24], loc[64];
	int		 status;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return 500;
	rc = person_load(r->db, req_param_int(r, "id"), p);
	if (rc != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	if (strcmp(p->status, "merged") == 0 && p->merged_into > 0 &&
	    r->method == M_GET) {
		flash_set(r, "info", "Identity.Flash.WasMerged");
		snprintf(loc, sizeof(loc), "/identity/persons/%lld",
		    (long long)p->merged_into);
		status = resp_redirect(r, loc);
		goto out;
	}
	snprintf(idtext, sizeof(idtext), "%lld", (long long)p->id);
	if ((rc = access_write(r, "person", idtext, "view")) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	page_set(r, "Page.Title", p->family_name);
	person_page(r, p);
	page_set(r, "Person.DeathDate", p->death_date);
	identity_doc_types_fill(r);
	if ((status = person_parts_fill(r, p->id)) != 0)
		goto out;
	if ((status = family_fill(r, p->id)) != 0)
		goto out;
	status = 200;
out:
	free(p);
	return status;
}

/*
 * GET /identity/persons/{id}/edit (identity.edit; also the fill of a
 * rejected POST): the edit form with the stored values (a rejected
 * POST keeps the submitted ones). A merged record sends to its
 * survivor's form. 404 for an unknown id. A GET writes an access
 * event. Template identity/person_form.cs.
 */
int
page_person_edit_form(struct req *r)
{
	struct person	*p;
	enum db_rc	 rc;
	char		 loc[80], idtext[24];
	int		 status = 200;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return 500;
	rc = person_load(r->db, req_param_int(r, "id"), p);
	if (rc != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	if (r->method == M_GET && strcmp(p->status, "merged") == 0 &&
	    p->merged_into > 0) {
		flash_set(r, "info", "Identity.Flash.WasMerged");
		snprintf(loc, sizeof(loc), "/identity/persons/%lld/edit",
		    (long long)p->merged_into);
		status = resp_redirect(r, loc);
		goto out;
	}
	/* The form shows the whole record: a view like any other. */
	snprintf(idtext, sizeof(idtext), "%lld", (long long)p->id);
	if (r->method == M_GET &&
	    (rc = access_write(r, "person", idtext, "edit")) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	page_set(r, "Page.Title", tpl_text(r->hdf, "Identity.Edit.Title"));
	page_set_int(r, "Person.Id", p->id);
	page_set(r, "Person.FamilyName", p->family_name);
	options_fill(r);
	if (r->method == M_GET)
		person_to_form(r, p);
	else if (form_get(r, "version") != NULL &&
	    !form_get(r, "version")->present)
		form_set_error(r, "version", "Form.Error.Required");
out:
	free(p);
	return status;
}

/* What save_txn needs and gives back. */
struct save_ctx {
	struct req		*r;
	int64_t			 id;
	const struct person	*want;
	const struct dup_set	*dups;		/* NULL: no identifying change */
	const struct warnings	*warn;
	struct person		*old;		/* out: the values replaced */
	int			 found;		/* out */
	int			 conflict;	/* out */
	int			 merged;	/* out: merged meanwhile */
	int			 ident_changed;	/* out: the check is needed */
	size_t			 nchanges;	/* out */
	int64_t			 same_with;	/* out */
};

/* Returns 1 if an identifying field differs between a and b. */
static int
identifying_changed(const struct person *a, const struct person *b)
{
	return strcmp(a->family_name, b->family_name) != 0 ||
	    strcmp(a->given_names, b->given_names) != 0 ||
	    strcmp(a->sex, b->sex) != 0 ||
	    a->birth.year != b->birth.year ||
	    a->birth.month != b->birth.month ||
	    a->birth.day != b->birth.day ||
	    a->birth.precision != b->birth.precision ||
	    strcmp(a->nationality, b->nationality) != 0 ||
	    strcmp(a->father_name, b->father_name) != 0 ||
	    strcmp(a->mother_name, b->mother_name) != 0;
}

/*
 * Update the person if the version is still the submitted one, rewrite
 * its keys, write the audit event old -> new, the duplicate decisions
 * and acknowledged warnings (db_txn function). A missing or merged
 * person, a stale version, or an identifying change the duplicate check
 * has not seen (dups NULL) changes nothing (DB_OK; found, merged,
 * conflict and ident_changed tell).
 */
static enum db_rc
save_txn(struct db *db, void *arg)
{
	struct save_ctx		*c = arg;
	struct edit_field	 f[NAUDIT];
	struct person_edit_text	 t;
	struct db_stmt		*st;
	enum db_rc		 rc;
	int			 nchanges;

	c->found = c->conflict = c->merged = c->ident_changed = 0;
	c->nchanges = 0;
	c->same_with = 0;
	if ((st = db_stmt(db, ISQL_PERSON_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	db_reset(st);
	if ((rc = person_load(db, c->id, c->old)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	c->found = 1;
	if (strcmp(c->old->status, "active") != 0) {
		c->merged = 1;
		return DB_OK;
	}
	if (c->old->version != c->want->version) {
		c->conflict = 1;
		return DB_OK;
	}
	if (identifying_changed(c->old, c->want) && c->dups == NULL) {
		c->ident_changed = 1;
		return DB_OK;
	}
	if ((st = db_stmt(db, ISQL_PERSON_UPDATE)) == NULL)
		return db_last_rc(db);
	person_bind(st, c->want);
	db_bind_int(st, 14, c->id);
	db_bind_int(st, 15, c->want->version);
	if ((rc = edit_exec(st, &c->conflict)) != DB_OK || c->conflict)
		return rc;
	if ((rc = person_keys_rewrite(db, identity_matcher, c->id)) !=
	    DB_OK)
		return rc;
	person_edit_fields(NULL, c->old, c->want, f, &t);
	if ((rc = edit_audit(c->r, "person", c->id, "update", f, NAUDIT,
	    &nchanges)) != DB_OK)
		return rc;
	c->nchanges = (size_t)nchanges;
	if (c->dups != NULL && (rc = dup_record(db, c->r, c->id, c->dups,
	    "form", &c->same_with)) != DB_OK)
		return rc;
	if (c->warn != NULL)
		return warnings_record(db, c->r, c->id, c->warn);
	return DB_OK;
}

/*
 * A save lost to another change: the stored values beside the
 * submitted ones (the Conflict node, common/edit.c); the stored version
 * goes into the form so that saving again overwrites knowingly.
 */
static void
conflict_fill(struct req *r, const struct person *stored,
    const struct person *mine)
{
	struct edit_field	 f[NAUDIT];
	struct person_edit_text	*t;

	/* Two copies of the Latin names (~6 KB): not on the stack. */
	if ((t = calloc(1, sizeof(*t))) == NULL) {
		page_set(r, "Conflict.Show", "1");
		return;
	}
	person_edit_fields(r, stored, mine, f, t);
	edit_conflict(r, f, NAUDIT, stored->version);
	free(t);
}

/*
 * POST /identity/persons/{id}/edit (identity.edit, CSRF;
 * person_fields with version): save the person. Redirects to the
 * record with a flash; 409 with both values shown when someone saved
 * in between; 422 for a bad field; 404 for an unknown id.
 */
int
page_person_edit(struct req *r)
{
	struct save_ctx	 c;
	struct person	*want = NULL, *old = NULL;
	struct dup_set	*dups = NULL;
	struct warnings	 warn;
	char		 docs[DUP_DOCS][65];
	size_t		 ndocs = 0, undecided;
	enum db_rc	 rc;
	char		 loc[64];
	int		 status;

	if ((status = page_person_edit_form(r)) != 200)
		return status;
	if (r->form.nerrors > 0)
		return 422;
	if (identity_matcher_open(r) != 0)
		return 503;
	if ((want = calloc(1, sizeof(*want))) == NULL ||
	    (old = calloc(1, sizeof(*old))) == NULL) {
		status = 500;
		goto out;
	}
	person_from_form(r, want);
	if (person_latin(identity_matcher, want) == -1) {
		form_set_error(r, "family_name", "Form.Error.BadUtf8");
		status = 422;
		goto out;
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = req_param_int(r, "id");
	c.want = want;
	c.old = old;
	if ((rc = person_load(r->db, c.id, old)) != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	/* A stale form is refused before anything else (save_txn checks
	 * again under the lock). */
	if (strcmp(old->status, "active") != 0 ||
	    old->version != want->version) {
		conflict_fill(r, old, want);
		if (strcmp(old->status, "active") != 0) {
			page_set(r, "Conflict.Merged", "1");
			page_set_int(r, "Person.MergedInto", old->merged_into);
		}
		status = 409;
		goto out;
	}
	/* An identifying field changed: the duplicate check, as for a new
	 * record (earlier decisions on this record no longer hold). */
	if (strcmp(old->status, "active") == 0 &&
	    identifying_changed(old, want)) {
		if ((dups = calloc(1, sizeof(*dups))) == NULL) {
			status = 500;
			goto out;
		}
		if ((rc = person_doc_norms(r->db, c.id, docs, DUP_DOCS,
		    &ndocs)) != DB_OK ||
		    (rc = dup_check(r, want, docs, ndocs, c.id, dups)) !=
		    DB_OK) {
			status = db_http_status(rc);
			goto out;
		}
		undecided = dup_decisions(r, dups);
		if (undecided > 0 || r->form.nerrors > 0) {
			if ((status = dup_panel_fill(r, want, docs, ndocs,
			    dups)) != 0)
				goto out;
			status = undecided > 0 ? 409 : 422;
			goto out;
		}
		c.dups = dups;
	}
	if ((rc = family_warnings(r->db, want, c.id, 0, NULL, &warn)) !=
	    DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (warnings_gate(r, &warn)) {
		status = 422;
		goto out;
	}
	c.warn = &warn;
	if ((rc = db_txn(r->db, save_txn, &c)) != DB_OK) {
		log_err("cannot save person %lld: %s", (long long)c.id,
		    db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	if (!c.found) {
		status = 404;
		goto out;
	}
	if (c.merged || c.conflict || c.ident_changed) {
		rc = person_load(r->db, c.id, old);
		if (rc != DB_ROW) {
			status = rc == DB_OK ? 404 : db_http_status(rc);
			goto out;
		}
		conflict_fill(r, old, want);
		if (c.merged) {
			page_set(r, "Conflict.Merged", "1");
			page_set_int(r, "Person.MergedInto", old->merged_into);
		}
		status = 409;
		goto out;
	}
	log_info("person %lld saved (%zu changes)", (long long)c.id,
	    c.nchanges);
	if (c.same_with > 0) {
		status = dup_after_save(r, c.id, c.same_with);
		goto out;
	}
	flash_set(r, "ok", "Flash.Saved");
	snprintf(loc, sizeof(loc), "/identity/persons/%lld", (long long)c.id);
	status = resp_redirect(r, loc);
out:
	free(want);
	free(old);
	free(dups);
	return status;
}

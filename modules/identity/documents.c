/*
 * documents.c: a person's identity documents (type, number, issuing
 * country, expiry; a passport's MRZ parsed and its check digits
 * verified), phone numbers (E.164) and photo (JPEG or PNG decided by
 * libmagic, a file of the document store, files.h). Each change runs in
 * one transaction with the rewrite of the person's blocking keys and
 * the audit event.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "files.h"
#include "identity.h"
#include "person.h"
#include "log.h"
#include "mrz.h"
#include "session.h"
#include "tpl.h"

/* The largest photo accepted is the store's cap for photos (also
 * capped by Limits.MaxUpload and nginx's client_max_body_size). */
#define PHOTO_MAX_BYTES	FILES_PHOTO_MAX

/* The number is required unless an MRZ gives it (checked here). */
const struct field_spec document_fields[] = {
	{"doc_type", FIELD_ENUM, 1, 0, 0, person_doc_types},
	{"number", FIELD_STRING, 0, 1, 64, NULL},
	{"issuing_country", FIELD_COUNTRY, 0, 0, 0, NULL},
	{"expiry", FIELD_DATE, 0, 0, 0, NULL},
	{"mrz", FIELD_TEXT, 0, 0, 200, NULL},
	{"issued", FIELD_DATE, 0, 0, 0, NULL},
	DUP_FIELDS,
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec phone_fields[] = {
	{"phone", FIELD_PHONE, 1, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec photo_fields[] = {
	{"photo", FIELD_FILE, 1, 0, PHOTO_MAX_BYTES, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The person's page, for redirects. */
static int
back_to_person(struct req *r, int64_t id, const char *anchor)
{
	char	loc[96];

	snprintf(loc, sizeof(loc), "/identity/persons/%lld%s", (long long)id,
	    anchor);
	return resp_redirect(r, loc);
}

/*
 * Lock person id for a change of its parts. Returns DB_ROW if it
 * exists, DB_OK if not, else the error.
 */
static enum db_rc
person_lock(struct db *db, int64_t id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_stmt(db, ISQL_PERSON_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) == DB_ROW)
		db_reset(st);
	return rc;
}

/* A document being added. */
struct doc {
	const char	*type;
	char		 number[65];
	char		 norm[65];
	char		 country[4];
	char		 expiry[11];
	char		 issued[11];
	char		 mrz[201];
};

/* A kind of part that can be removed: its statements and audit names. */
struct part_kind {
	enum identity_sql	 get;		/* id, person_id -> text... */
	enum identity_sql	 del;		/* id, person_id */
	int			 ncols;		/* columns of get joined */
	const char		*field;		/* audit change field */
	const char		*action;	/* audit action */
	const char		*param;		/* the route's part id */
	const char		*anchor;	/* the person page's section */
	const char		*what;		/* for the log */
	const char		*path;		/* the part's folder in the URL */
	const char		*title;		/* the question's language key */
};

static const struct part_kind doc_kind = {
	ISQL_DOC_GET, ISQL_DOC_DELETE, 2, "document", "document_remove",
	"doc", "#documents", "document", "documents",
	"Identity.RemovePart.DocTitle",
};

static const struct part_kind phone_kind = {
	ISQL_PHONE_GET, ISQL_PHONE_DELETE, 1, "phone", "phone_remove",
	"contact", "#phones", "phone", "phones",
	"Identity.RemovePart.PhoneTitle",
};

/* What a part change needs and gives back. */
struct part_ctx {
	struct req		*r;
	int64_t			 person;
	int64_t			 part;		/* document or contact id */
	const struct part_kind	*kind;		/* removal */
	const struct doc	*doc;
	const struct dup_set	*dups;		/* document: decisions */
	const struct warnings	*warn;		/* document: acknowledged */
	int64_t			 same_with;	/* out */
	const char		*phone;
	const struct files_meta	*file;		/* photo */
	char			 old_file[FILES_ID_LEN + 1];	/* out: replaced photo */
	char			 old_text[200];	/* out: removed part */
	int			 found;		/* out */
};

/*
 * The common end of a part change (inside its db_txn function): rewrite
 * the person's blocking keys and append the audit event action on the
 * person with its n changes. Returns DB_OK or the database error.
 */
static enum db_rc
part_commit(struct db *db, struct part_ctx *c, const char *action,
    const struct audit_change *ch, size_t n)
{
	enum db_rc	rc;
	char		idtext[24];

	if ((rc = person_keys_rewrite(db, identity_matcher, c->person)) !=
	    DB_OK)
		return rc;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->person);
	return audit_req(c->r, "person", idtext, action, ch, n);
}

/* Insert the document, rewrite the keys, audit (db_txn function). */
static enum db_rc
doc_add_txn(struct db *db, void *arg)
{
	struct part_ctx		*c = arg;
	const struct doc	*d = c->doc;
	struct audit_change	 ch[6];
	struct db_stmt		*st;
	enum db_rc		 rc;
	size_t			 n = 0;

	c->found = 0;
	if ((rc = person_lock(db, c->person)) != DB_ROW)
		return rc;
	c->found = 1;
	if ((st = db_stmt(db, ISQL_DOC_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->person);
	db_bind_text(st, 1, d->type);
	db_bind_text(st, 2, d->number);
	db_bind_text(st, 3, d->norm);
	db_bind_text(st, 4, d->country[0] ? d->country : NULL);
	db_bind_text(st, 5, d->expiry[0] ? d->expiry : NULL);
	db_bind_text(st, 6, d->mrz[0] ? d->mrz : NULL);
	db_bind_text(st, 7, d->issued[0] ? d->issued : NULL);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	ch[n++] = (struct audit_change){"document_type", NULL, d->type};
	ch[n++] = (struct audit_change){"document_number", NULL, d->number};
	if (d->country[0])
		ch[n++] = (struct audit_change){"issuing_country", NULL,
		    d->country};
	if (d->expiry[0])
		ch[n++] = (struct audit_change){"expiry", NULL, d->expiry};
	if (d->issued[0])
		ch[n++] = (struct audit_change){"issued", NULL, d->issued};
	if (d->mrz[0])
		ch[n++] = (struct audit_change){"mrz", NULL, "verified"};
	if ((rc = part_commit(db, c, "document_add", ch, n)) != DB_OK)
		return rc;
	if ((rc = dup_record(db, c->r, c->person, c->dups, "form",
	    &c->same_with)) != DB_OK)
		return rc;
	return warnings_record(db, c->r, c->person, c->warn);
}

/*
 * Read and check the document form into d: an MRZ, when given, must
 * parse with every check digit right and agree with the number typed
 * (it fills the number, country and expiry left empty). Marks the
 * fields in error; returns the number of errors.
 */
static size_t
doc_from_form(struct req *r, struct doc *d)
{
	const struct field_value	*v;
	const char			*raw;
	struct mrz			 m;
	enum mrz_error			 e;
	size_t				 i, n = 0;

	memset(d, 0, sizeof(*d));
	d->type = form_str(r, "doc_type");
	snprintf(d->number, sizeof(d->number), "%s", form_str(r, "number"));
	snprintf(d->country, sizeof(d->country), "%s",
	    form_str(r, "issuing_country"));
	if ((v = form_get(r, "expiry")) != NULL && v->present && v->valid)
		snprintf(d->expiry, sizeof(d->expiry), "%.10s", v->norm);
	if ((v = form_get(r, "issued")) != NULL && v->present && v->valid)
		snprintf(d->issued, sizeof(d->issued), "%.10s", v->norm);
	raw = form_str(r, "mrz");
	if (raw[0] != '\0') {
		if ((e = mrz_parse(raw, strlen(raw), &m)) != MRZ_OK) {
			form_set_error(r, "mrz", mrz_error_key(e));
			return r->form.nerrors;
		}
		/* Keep the MRZ upper-cased, lines joined by newlines. */
		for (i = 0; raw[i] != '\0' && n + 1 < sizeof(d->mrz); i++) {
			if (raw[i] == '\r' || raw[i] == ' ' || raw[i] == '\t')
				continue;
			d->mrz[n++] = (raw[i] >= 'a' && raw[i] <= 'z') ?
			    (char)(raw[i] - 'a' + 'A') : raw[i];
		}
		d->mrz[n] = '\0';
		person_docno_normalise(d->number, d->norm);
		if (d->number[0] == '\0')
			snprintf(d->number, sizeof(d->number), "%s", m.number);
		else if (strcmp(d->norm, m.number) != 0)
			form_set_error(r, "number", "Identity.Error.MrzNumber");
		if (d->country[0] == '\0' && valid_country(m.issuing))
			snprintf(d->country, sizeof(d->country), "%s",
			    m.issuing);
		if (d->expiry[0] == '\0')
			snprintf(d->expiry, sizeof(d->expiry), "20%.2s-%.2s-%.2s",
			    m.expiry, m.expiry + 2, m.expiry + 4);
	}
	if (d->number[0] == '\0')
		form_set_error(r, "number", "Form.Error.Required");
	person_docno_normalise(d->number, d->norm);
	if (d->number[0] != '\0' && d->norm[0] == '\0')
		form_set_error(r, "number", "Identity.Error.DocNumber");
	return r->form.nerrors;
}

/* Re-render the person's page with the document form refused. */
static int
doc_refused(struct req *r, int status)
{
	int	view = page_person_view(r);

	return view == 200 ? status : view;
}

/*
 * POST /identity/persons/{id}/documents (identity.edit, CSRF;
 * document_fields): add a document. A document is an identifying
 * field: the duplicate check runs first (409 on the person's page with
 * the candidates side by side until each is decided), and a document
 * expiring before its issue needs ack_warnings. Redirects to the person
 * (or to the merge of a "same person") with a flash; 422 on the
 * person's page for a bad field, a wrong MRZ check digit or a document
 * already recorded; 404 for an unknown person.
 */
int
page_document_add(struct req *r)
{
	struct part_ctx	 c;
	struct doc	 d;
	struct person	*p = NULL;
	struct dup_set	*dups = NULL;
	struct warnings	 warn;
	char		 docs[DUP_DOCS + 1][65];
	size_t		 ndocs = 0;
	enum db_rc	 rc;
	int		 status;

	if (doc_from_form(r, &d) > 0)
		return doc_refused(r, 422);
	if (identity_matcher_open(r) != 0)
		return 503;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.person = req_param_int(r, "id");
	c.doc = &d;
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (dups = calloc(1, sizeof(*dups))) == NULL) {
		status = 500;
		goto out;
	}
	if ((rc = person_load(r->db, c.person, p)) != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	if ((rc = person_doc_norms(r->db, c.person, docs, DUP_DOCS,
	    &ndocs)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	/* The record as it will be: its documents and this one. */
	snprintf(docs[ndocs++], sizeof(docs[0]), "%s", d.norm);
	if ((rc = dup_check(r, p, docs, ndocs, c.person, dups)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (dup_decisions(r, dups) > 0 || r->form.nerrors > 0) {
		status = doc_refused(r, r->form.nerrors > 0 ? 422 : 409);
		if (status == 409 || status == 422) {
			page_set(r, "Dup.Form", "document");
			if (dup_panel_fill(r, p, docs, ndocs, dups) != 0)
				status = 500;
		}
		goto out;
	}
	memset(&warn, 0, sizeof(warn));
	doc_warnings(d.issued, d.expiry, &warn);
	if (warnings_gate(r, &warn)) {
		page_set(r, "Warn.Form", "document");
		status = doc_refused(r, 422);
		goto out;
	}
	c.dups = dups;
	c.warn = &warn;
	rc = db_txn(r->db, doc_add_txn, &c);
	if (rc == DB_DUP) {
		form_set_error(r, "number", "Identity.Error.DocDuplicate");
		status = doc_refused(r, 422);
		goto out;
	}
	if (rc != DB_OK) {
		log_err("cannot add a document: %s", db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	if (!c.found) {
		status = 404;
		goto out;
	}
	if (c.same_with > 0) {
		status = dup_after_save(r, c.person, c.same_with);
		goto out;
	}
	flash_set(r, "ok", "Identity.Flash.DocumentAdded");
	status = back_to_person(r, c.person, "#documents");
out:
	free(p);
	free(dups);
	return status;
}

/*
 * Delete the part (document or phone), rewrite the keys, audit (db_txn
 * function). The removed part's text comes back in old_text.
 */
static enum db_rc
part_delete_txn(struct db *db, void *arg)
{
	struct part_ctx		*c = arg;
	const struct part_kind	*k = c->kind;
	struct audit_change	 ch[1];
	struct db_stmt		*st;
	enum db_rc		 rc;

	c->found = 0;
	if ((rc = person_lock(db, c->person)) != DB_ROW)
		return rc;
	if ((st = db_stmt(db, k->get)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->part);
	db_bind_int(st, 1, c->person);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	if (k->ncols == 2)
		snprintf(c->old_text, sizeof(c->old_text), "%s %s",
		    db_col_text(st, 0), db_col_text(st, 1));
	else
		snprintf(c->old_text, sizeof(c->old_text), "%s",
		    db_col_text(st, 0));
	db_reset(st);
	c->found = 1;
	if ((st = db_stmt(db, k->del)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->part);
	db_bind_int(st, 1, c->person);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){k->field, c->old_text, NULL};
	return part_commit(db, c, k->action, ch, 1);
}

/*
 * The question before the part of kind k named by the route is removed
 * (a removal takes two steps, issue 13 item 2): the person, the part
 * (Remove.{Title, Kind, Text, Action, Back}) and what will happen.
 * Nothing changes. Returns 200, 404 when the person has no such part,
 * or the database failure's status. Template identity/part_remove.cs.
 */
static int
part_delete_ask(struct req *r, const struct part_kind *k)
{
	struct person	*p;
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 id = req_param_int(r, "id");
	int64_t		 part = req_param_int(r, k->param);
	char		 text[200], key[64], url[120];
	int		 status = 0;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return 500;
	if ((rc = person_load(r->db, id, p)) != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	if ((st = db_stmt(r->db, k->get)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, part);
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	if (k->ncols == 2) {
		/* a document: its type's name, then its number */
		snprintf(key, sizeof(key), "Identity.DocType.%s",
		    db_col_text(st, 0));
		page_set(r, "Remove.Kind", tpl_text(r->hdf, key));
		snprintf(text, sizeof(text), "%s", db_col_text(st, 1));
	} else
		snprintf(text, sizeof(text), "%s", db_col_text(st, 0));
	db_reset(st);
	page_set_int(r, "Person.Id", p->id);
	page_set(r, "Person.FamilyName", p->family_name);
	page_set(r, "Person.GivenNames", p->given_names);
	page_set(r, "Remove.Part", k->what);
	page_set(r, "Remove.Text", text);
	snprintf(url, sizeof(url), "/identity/persons/%lld/%s/%lld/delete",
	    (long long)id, k->path, (long long)part);
	page_set(r, "Remove.Action", url);
	snprintf(url, sizeof(url), "/identity/persons/%lld%s", (long long)id,
	    k->anchor);
	page_set(r, "Remove.Back", url);
	page_set(r, "Page.Title", tpl_text(r->hdf, k->title));
	page_set(r, "Remove.Title", tpl_text(r->hdf, k->title));
	r->tpl = "identity/part_remove.cs";
	status = 200;
out:
	free(p);
	return status;
}

/*
 * Remove the part of kind k named by the route's id and k->param once
 * confirmed (confirm=1; without it, the question and nothing changes).
 * Returns a redirect to the person's page with a flash, 404 if the
 * person has no such part, or the database failure's status.
 */
static int
part_delete(struct req *r, const struct part_kind *k)
{
	struct part_ctx	c;
	enum db_rc	rc;

	if (form_int(r, "confirm") != 1)
		return part_delete_ask(r, k);
	if (identity_matcher_open(r) != 0)
		return 503;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.person = req_param_int(r, "id");
	c.part = req_param_int(r, k->param);
	c.kind = k;
	if ((rc = db_txn(r->db, part_delete_txn, &c)) != DB_OK) {
		log_err("cannot remove a %s: %s", k->what, db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (!c.found)
		return 404;
	flash_set(r, "ok", "Flash.Deleted");
	return back_to_person(r, c.person, k->anchor);
}

/*
 * GET /identity/persons/{id}/documents/{doc}/delete (identity.edit): the
 * question before a document is removed; nothing changes.
 */
int
page_document_delete_ask(struct req *r)
{
	return part_delete_ask(r, &doc_kind);
}

/*
 * POST /identity/persons/{id}/documents/{doc}/delete (identity.edit,
 * CSRF; field confirm): with confirm=1, remove a document (audited, the
 * person's keys rewritten) and redirect with a flash; without it, the
 * question. 404 if the person has no such document.
 */
int
page_document_delete(struct req *r)
{
	return part_delete(r, &doc_kind);
}

/* Insert the phone, rewrite the keys, audit (db_txn function). */
static enum db_rc
phone_add_txn(struct db *db, void *arg)
{
	struct part_ctx		*c = arg;
	struct audit_change	 ch[1];
	struct db_stmt		*st;
	enum db_rc		 rc;

	c->found = 0;
	if ((rc = person_lock(db, c->person)) != DB_ROW)
		return rc;
	c->found = 1;
	if ((st = db_stmt(db, ISQL_PHONE_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->person);
	db_bind_text(st, 1, c->phone);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"phone", NULL, c->phone};
	return part_commit(db, c, "phone_add", ch, 1);
}

/*
 * POST /identity/persons/{id}/phones (identity.edit, CSRF;
 * phone_fields): add a phone number (stored E.164). Redirects with a
 * flash; 422 for a malformed or already recorded number; 404 for an
 * unknown person.
 */
int
page_phone_add(struct req *r)
{
	struct part_ctx	 c;
	enum db_rc	 rc;
	int		 status;

	if (identity_matcher_open(r) != 0)
		return 503;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.person = req_param_int(r, "id");
	c.phone = form_str(r, "phone");
	rc = db_txn(r->db, phone_add_txn, &c);
	if (rc == DB_DUP) {
		form_set_error(r, "phone", "Identity.Error.PhoneDuplicate");
		status = page_person_view(r);
		return status == 200 ? 422 : status;
	}
	if (rc != DB_OK) {
		log_err("cannot add a phone: %s", db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (!c.found)
		return 404;
	flash_set(r, "ok", "Identity.Flash.PhoneAdded");
	return back_to_person(r, c.person, "#phones");
}

/*
 * GET /identity/persons/{id}/phones/{contact}/delete (identity.edit):
 * the question before a phone number is removed; nothing changes.
 */
int
page_phone_delete_ask(struct req *r)
{
	return part_delete_ask(r, &phone_kind);
}

/*
 * POST /identity/persons/{id}/phones/{contact}/delete (identity.edit,
 * CSRF; field confirm): with confirm=1, remove a phone number (audited,
 * the person's keys rewritten) and redirect with a flash; without it,
 * the question. 404 if the person has no such number.
 */
int
page_phone_delete(struct req *r)
{
	return part_delete(r, &phone_kind);
}

/*
 * The agent behind the request, or 0 (an API key or none).
 */
static int64_t
photo_agent(const struct req *r)
{
	return r->session != NULL ? r->session->agent_id : 0;
}

/*
 * Record the new photo and audit (db_txn function): the store's row of
 * the new file, the person's photo pointing at it, the replaced file's
 * row removed (its id comes back in old_file, for files_unlink once
 * committed), and the audit event on the person.
 * Returns DB_OK (c->found 0 for an unknown person) or the error.
 */
static enum db_rc
photo_txn(struct db *db, void *arg)
{
	struct part_ctx		*c = arg;
	struct audit_change	 ch[3];
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 idtext[24];

	c->found = 0;
	c->old_file[0] = '\0';
	if ((rc = person_lock(db, c->person)) != DB_ROW)
		return rc;
	c->found = 1;
	if ((st = db_stmt(db, ISQL_PHOTO_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->person);
	if ((rc = db_step(st)) == DB_ROW) {
		snprintf(c->old_file, sizeof(c->old_file), "%s",
		    db_col_text(st, 0));
		db_reset(st);
	} else if (rc != DB_OK)
		return rc;
	if ((rc = files_record(db, c->file, photo_agent(c->r))) != DB_OK)
		return rc;
	if ((st = db_stmt(db, ISQL_PHOTO_SET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->person);
	db_bind_text(st, 1, c->file->id);
	db_bind_text(st, 2, c->file->mime);
	db_bind_int(st, 3, (int64_t)c->file->size);
	if (photo_agent(c->r) != 0)
		db_bind_int(st, 4, photo_agent(c->r));
	else
		db_bind_null(st, 4);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (c->old_file[0] != '\0' &&
	    (rc = files_forget(db, c->old_file)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"photo", c->old_file[0] ? c->old_file :
	    NULL, c->file->id};
	ch[1] = (struct audit_change){"photo_type", NULL, c->file->mime};
	ch[2] = (struct audit_change){"photo_blake2b", NULL, c->file->hash};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->person);
	return audit_req(c->r, "person", idtext, "photo", ch, 3);
}

/*
 * POST /identity/persons/{id}/photo (identity.edit, CSRF, multipart;
 * photo_fields): set the person's photo, a file of the document store
 * (use person.photo: JPEG or PNG as decided by libmagic; encrypted).
 * The replaced photo's file is removed once the change committed.
 * Redirects with a flash; 422 for another type or a file too large;
 * 507 when the store's disk is full (the page again, the message at the
 * field; nothing stored); 404 for an unknown person.
 */
int
page_photo_upload(struct req *r)
{
	const struct field_value	*v = form_get(r, "photo");
	struct part_ctx			 c;
	struct files_meta		 file;
	enum files_rc			 frc;
	enum db_rc			 rc;
	int				 status;

	if (v == NULL || !v->present)
		return 422;
	frc = files_write(r->conf, FILES_PERSON_PHOTO, v->data, v->datasz,
	    &file);
	if (frc == FILES_BAD_TYPE || frc == FILES_EMPTY ||
	    frc == FILES_TOO_BIG || frc == FILES_NO_SPACE) {
		form_set_error(r, "photo",
		    frc == FILES_TOO_BIG ? "Form.Error.FileTooBig" :
		    frc == FILES_NO_SPACE ? "Form.Error.StoreFull" :
		    "Identity.Error.PhotoType");
		status = page_person_view(r);
		/* 507 Insufficient Storage (RFC 4918): the server cannot
		 * store what the request carries; the agent may retry. */
		if (status != 200)
			return status;
		return frc == FILES_NO_SPACE ? 507 : 422;
	}
	if (frc != FILES_OK)
		return 500;
	if (identity_matcher_open(r) != 0) {
		files_unlink(r->conf, file.id);
		return 503;
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.person = req_param_int(r, "id");
	c.file = &file;
	if ((rc = db_txn(r->db, photo_txn, &c)) != DB_OK || !c.found) {
		files_unlink(r->conf, file.id);
		if (rc == DB_OK)
			return 404;
		log_err("cannot record a photo: %s", db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (c.old_file[0] != '\0' && files_unlink(r->conf, c.old_file) != 0)
		log_warn("cannot remove the replaced photo file %s",
		    c.old_file);
	flash_set(r, "ok", "Identity.Flash.PhotoSaved");
	return back_to_person(r, c.person, "#photo");
}

/*
 * GET /identity/persons/{id}/photo (identity.search): the photo from
 * the document store as an attachment (Content-Disposition: attachment,
 * nosniff, its type as libmagic decided it), after an access event.
 * 404 when there is none; 500 if its file was altered (logged).
 */
int
page_photo_download(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 file[FILES_ID_LEN + 1], mime[FILES_MIME_LEN];
	char		 idtext[24], name[64];
	int64_t		 id = req_param_int(r, "id");

	if ((st = db_stmt(r->db, ISQL_PHOTO_GET)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	snprintf(file, sizeof(file), "%s", db_col_text(st, 0));
	snprintf(mime, sizeof(mime), "%s", db_col_text(st, 1));
	db_reset(st);
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if ((rc = access_write(r, "person", idtext, "photo")) != DB_OK)
		return db_http_status(rc);
	snprintf(name, sizeof(name), "person-%lld.%s", (long long)id,
	    strcmp(mime, "image/png") == 0 ? "png" : "jpg");
	return files_send(r, file, name);
}

/*
 * sources.c: the sources of an act on the workbench: uploaded documents
 * (the document store's allow-list for civil.source: PDF, JPEG or PNG as
 * libmagic decides), their pages as images (an image is its own page; a
 * PDF's pages are rendered at upload by render.c, outside the worker,
 * and stored encrypted as civil.page files), declarations, and the
 * values read in a source for a field (page and rectangle optional).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "civil.h"
#include "log.h"
#include "tpl.h"

const struct field_spec source_fields[] = {
	{"title", FIELD_STRING, 1, 1, 200, NULL},
	{"file", FIELD_FILE, 1, 0, FILES_DOCUMENT_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec declaration_fields[] = {
	{"title", FIELD_STRING, 1, 1, 200, NULL},
	{"declarant", FIELD_STRING, 1, 1, 200, NULL},
	{"statement", FIELD_TEXT, 1, 1, 4000, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* A rectangle on a page, in percent of its width and height:
 * "x,y,w,h" (integers 0..100). */
#define RECT_MAX	15

const struct field_spec found_fields[] = {
	{"field", FIELD_STRING, 1, 1, 32, NULL},
	{"source", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"page", FIELD_INT, 0, 1, 1000, NULL},
	{"rect", FIELD_STRING, 0, 7, RECT_MAX, NULL},
	{"value", FIELD_STRING, 1, 1, 400, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

static void
id_text(int64_t id, char out[24])
{
	snprintf(out, 24, "%lld", (long long)id);
}

/* Is s "x,y,w,h" with four integers 0..100 and the box on the page? */
int
rect_valid(const char *s)
{
	long	 v[4];
	char	*end;
	int	 i;

	for (i = 0; i < 4; i++) {
		if (*s < '0' || *s > '9')
			return 0;
		v[i] = strtol(s, &end, 10);
		if (end - s > 3 || v[i] > 100)
			return 0;
		s = end;
		if (i < 3 && *s++ != ',')
			return 0;
	}
	return *s == '\0' && v[0] + v[2] <= 100 && v[1] + v[3] <= 100 &&
	    v[2] > 0 && v[3] > 0;
}

struct source_ctx {
	struct req		*r;
	int64_t			 act;
	const char		*kind;
	const char		*title;
	const struct files_meta	*file;
	const struct files_meta	*pages;	/* rendered pages, or NULL */
	size_t			 npages;
	const char		*declarant;
	const char		*statement;
	int			 notfound, closed;
	int64_t			 id;
};

static enum db_rc
source_txn(struct db *db, void *arg)
{
	struct source_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[3];
	struct act		 a;
	enum db_rc		 rc;
	size_t			 i, n;
	char			 idtext[24];
	int64_t			 agent = civil_agent(c->r);

	/* Locked: its status decides whether it may change. */
	if ((rc = act_lock_editable(db, c->act, &a, &c->notfound,
	    &c->closed)) != DB_ROW)
		return rc;
	if (c->file != NULL && (rc = files_record(db, c->file, agent)) !=
	    DB_OK)
		return rc;
	for (i = 0; i < c->npages; i++)
		if ((rc = files_record(db, &c->pages[i], agent)) != DB_OK)
			return rc;
	if ((st = db_stmt(db, CSQL_SOURCE_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->act);
	db_bind_ascii(st, 1, c->kind);
	db_bind_text(st, 2, c->title);
	db_bind_ascii(st, 3, c->file ? c->file->id : NULL);
	n = c->file == NULL ? 0 : c->npages ? c->npages : 1;
	db_bind_int(st, 4, (int64_t)n);
	db_bind_text(st, 5, c->declarant);
	db_bind_text(st, 6, c->statement);
	if (agent)
		db_bind_int(st, 7, agent);
	else
		db_bind_null(st, 7);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	c->id = (int64_t)db_insert_id(st);
	for (i = 0; i < n; i++) {
		if ((st = db_stmt(db, CSQL_PAGE_INSERT)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->id);
		db_bind_int(st, 1, (int64_t)i + 1);
		/* An image is its own first and only page. */
		db_bind_ascii(st, 2, c->npages ? c->pages[i].id : c->file->id);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	if ((rc = act_touch(db, c->r, &a)) != DB_OK)
		return rc;
	id_text(c->id, idtext);
	ch[0] = (struct audit_change){"source", NULL, idtext};
	ch[1] = (struct audit_change){"kind", NULL, c->kind};
	ch[2] = (struct audit_change){"file", NULL, c->file ? c->file->id :
	    NULL};
	id_text(c->act, idtext);
	return audit_req(c->r, "civil_act", idtext, "source", ch, 3);
}

/*
 * POST /civil/{id}/sources (civil.draft, CSRF, multipart;
 * source_fields): a source document. The store decides its type by
 * libmagic (PDF, JPEG or PNG, else 422); a PDF is rendered to page
 * images first, in a separate limited process: one that cannot be
 * rendered within the limits (a bomb, an endless loop, a broken file)
 * is refused with 422 and nothing is kept. 409 once the act is not
 * open to edits.
 */
int
page_source_add(struct req *r)
{
	const struct field_value *v = form_get(r, "file");
	struct source_ctx	 c;
	struct files_meta	 file, *pages = NULL;
	struct render_page	*rendered = NULL;
	struct act		*a;
	enum files_rc		 frc;
	enum render_rc		 rrc;
	enum db_rc		 rc;
	size_t			 npages = 0, stored = 0, i;
	int			 status, have_file = 0;

	memset(&c, 0, sizeof(c));
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return 500;
	if ((status = act_open_path(r, a)) != 0)
		goto out;
	if (!act_editable(a)) {
		status = act_not_editable(r, a);
		goto out;
	}
	frc = files_write(r->conf, FILES_CIVIL_SOURCE, v->data, v->datasz,
	    &file);
	if (frc == FILES_BAD_TYPE || frc == FILES_EMPTY ||
	    frc == FILES_TOO_BIG) {
		form_set_error(r, "file", frc == FILES_TOO_BIG ?
		    "Form.Error.FileTooBig" : "Civil.Error.SourceType");
		status = act_page_again(r, 422);
		goto out;
	}
	if (frc != FILES_OK) {
		status = 500;
		goto out;
	}
	have_file = 1;
	if (strcmp(file.mime, "application/pdf") == 0) {
		rrc = render_pdf(r->conf, v->data, v->datasz, &rendered,
		    &npages);
		if (rrc == RENDER_REFUSED) {
			form_set_error(r, "file", "Civil.Error.Unrenderable");
			status = act_page_again(r, 422);
			goto out;
		}
		if (rrc != RENDER_OK) {
			status = 500;
			goto out;
		}
		if ((pages = calloc(npages, sizeof(*pages))) == NULL) {
			status = 500;
			goto out;
		}
		for (stored = 0; stored < npages; stored++) {
			frc = files_write(r->conf, FILES_CIVIL_PAGE,
			    rendered[stored].data, rendered[stored].len,
			    &pages[stored]);
			if (frc != FILES_OK) {
				log_err("civil: a rendered page not stored "
				    "(%d)", (int)frc);
				status = frc == FILES_BAD_TYPE ? 422 : 500;
				if (status == 422) {
					form_set_error(r, "file",
					    "Civil.Error.Unrenderable");
					status = act_page_again(r, 422);
				}
				goto out;
			}
		}
	}
	c.r = r;
	c.act = a->id;
	c.kind = "document";
	c.title = form_str(r, "title");
	c.file = &file;
	c.pages = pages;
	c.npages = npages;
	if ((rc = db_txn(r->db, source_txn, &c)) != DB_OK || c.closed ||
	    c.notfound) {
		if (rc != DB_OK)
			log_err("civil %lld: cannot record a source: %s",
			    (long long)a->id, db_errmsg(r->db));
		status = rc != DB_OK ? db_http_status(rc) : c.notfound ? 404 :
		    act_not_editable(r, a);
		goto out;
	}
	have_file = 0;
	stored = 0;
	status = act_redirect(r, a->id, "#sources", "Civil.Flash.SourceAdded");
out:
	if (have_file)
		files_unlink(r->conf, file.id);
	for (i = 0; i < stored; i++)
		files_unlink(r->conf, pages[i].id);
	render_free(&rendered, npages);
	free(pages);
	free(a);
	return status;
}

/*
 * POST /civil/{id}/declarations (civil.draft, CSRF;
 * declaration_fields): a declaration as a source (who declared what).
 */
int
page_declaration_add(struct req *r)
{
	struct source_ctx	 c;
	enum db_rc		 rc;
	struct act		*a;
	int			 status;

	memset(&c, 0, sizeof(c));
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return 500;
	if ((status = act_open_path(r, a)) != 0)
		goto out;
	c.r = r;
	c.act = a->id;
	c.kind = "declaration";
	c.title = form_str(r, "title");
	c.declarant = form_str(r, "declarant");
	c.statement = form_str(r, "statement");
	if ((rc = db_txn(r->db, source_txn, &c)) != DB_OK) {
		log_err("civil %lld: cannot record a declaration: %s",
		    (long long)a->id, db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	if (c.notfound || c.closed) {
		status = c.notfound ? 404 : act_not_editable(r, a);
		goto out;
	}
	status = act_redirect(r, a->id, "#sources",
	    "Civil.Flash.DeclarationAdded");
out:
	free(a);
	return status;
}

/*
 * GET /civil/{id}/sources/{s}/pages/{p} (civil.draft): a page of a
 * source document as an image (PNG or JPEG from the store, checked
 * against its recorded hash). 404 if it is not a page of the act.
 */
int
page_page_image(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	enum files_rc	 frc;
	void		*data = NULL;
	size_t		 len = 0, size;
	const char	*ctype;
	char		 id[FILES_ID_LEN + 1], hash[FILES_HASH_LEN + 1];

	if ((st = db_stmt(r->db, CSQL_PAGE_GET)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, req_param_int(r, "s"));
	db_bind_int(st, 1, req_param_int(r, "id"));
	db_bind_int(st, 2, req_param_int(r, "p"));
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	snprintf(id, sizeof(id), "%s", db_col_text(st, 0));
	/* constants: the response keeps the pointer */
	ctype = strcmp(db_col_text(st, 1), "image/jpeg") == 0 ? "image/jpeg" :
	    strcmp(db_col_text(st, 1), "image/png") == 0 ? "image/png" : NULL;
	snprintf(hash, sizeof(hash), "%s", db_col_text(st, 2));
	size = (size_t)db_col_int(st, 3);
	db_reset(st);
	if (ctype == NULL)
		return 404;
	frc = files_read(r->conf, id, hash, size, &data, &len);
	if (frc != FILES_OK)
		return frc == FILES_MISSING ? 404 : 500;
	resp_header(r, "Content-Disposition", "inline");
	resp_bytes(r, 200, ctype, data, len);
	free(data);
	return 200;
}

/*
 * POST /civil/{id}/found (civil.draft, CSRF; found_fields): a value of
 * a field as read in one of the act's sources, with its page and
 * rectangle. 422 for a field the act does not have, a source not its
 * own, a page beyond the source's or a malformed rectangle.
 */
struct found_ctx {
	struct req	*r;
	int64_t		 act;
	int		 closed, notfound;
};

static enum db_rc
found_txn(struct db *db, void *arg)
{
	struct found_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[3];
	struct act		 a;
	enum db_rc		 rc;
	const struct field_value *page = form_get(c->r, "page");
	const char		*rect = form_str(c->r, "rect");
	char			 idtext[24];

	if ((rc = act_lock_editable(db, c->act, &a, &c->notfound,
	    &c->closed)) != DB_ROW)
		return rc;
	if ((st = db_stmt(db, CSQL_FOUND_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->act);
	db_bind_ascii(st, 1, form_str(c->r, "field"));
	db_bind_int(st, 2, form_int(c->r, "source"));
	if (page->present)
		db_bind_int(st, 3, page->i);
	else
		db_bind_null(st, 3);
	db_bind_ascii(st, 4, rect[0] ? rect : NULL);
	db_bind_text(st, 5, form_str(c->r, "value"));
	if (civil_agent(c->r))
		db_bind_int(st, 6, civil_agent(c->r));
	else
		db_bind_null(st, 6);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((rc = act_touch(db, c->r, &a)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"field", NULL, form_str(c->r, "field")};
	ch[1] = (struct audit_change){"source", NULL, form_str(c->r,
	    "source")};
	ch[2] = (struct audit_change){"value", NULL, form_str(c->r, "value")};
	id_text(c->act, idtext);
	return audit_req(c->r, "civil_act", idtext, "found", ch, 3);
}

/* See civil.h. */
int
source_check(struct req *r, int64_t act, int64_t s, long long page)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int		 ok;

	if ((st = db_stmt(r->db, CSQL_SOURCE_GET)) == NULL)
		return -db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, s);
	db_bind_int(st, 1, act);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 0 : -db_http_status(rc);
	ok = page <= 0 || page <= db_col_int(st, 2);
	db_reset(st);
	return ok;
}

int
page_found_add(struct req *r)
{
	struct found_ctx	 c;
	const struct cfield	*f;
	struct act		*a;
	enum db_rc		 rc;
	int			 status, ok;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return 500;
	if ((status = act_open_path(r, a)) != 0)
		goto out;
	if (!act_editable(a)) {
		status = act_not_editable(r, a);
		goto out;
	}
	f = cfield_find(form_str(r, "field"));
	if (f == NULL || !cfield_of(f, a->kind_index))
		form_set_error(r, "field", "Civil.Error.Field");
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
	if (r->form.nerrors > 0) {
		page_set(r, "Civil.FormField", "found");
		status = act_page_again(r, 422);
		goto out;
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.act = a->id;
	if ((rc = db_txn(r->db, found_txn, &c)) != DB_OK) {
		log_err("civil %lld: cannot record a value: %s",
		    (long long)a->id, db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	if (c.notfound)
		status = 404;
	else if (c.closed)
		status = act_not_editable(r, a);
	else
		status = act_redirect(r, a->id, "#found",
		    "Civil.Flash.FoundAdded");
out:
	free(a);
	return status;
}

/*
 * Sources.N.{Id, Kind, Title, Pages, Declarant, Statement, When,
 * Document, Page.M.{N}} and SourceChoices.N.{Value, Label} of the
 * workbench.
 */
int
sources_fill(struct req *r, const struct act *a)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0, docs = 0;
	long long	 p, pages;
	char		 k[80], label[260];

	if ((st = db_stmt(r->db, CSQL_SOURCES)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, a->id);
	while ((rc = db_step(st)) == DB_ROW) {
#define SET(f, v) do { snprintf(k, sizeof(k), "Sources.%zu." f, n); \
	page_set(r, k, (v)); } while (0)
		snprintf(k, sizeof(k), "Sources.%zu.Id", n);
		page_set_int(r, k, db_col_int(st, 0));
		SET("Kind", db_col_text(st, 1));
		SET("Title", db_col_text(st, 2));
		pages = db_col_int(st, 3);
		snprintf(k, sizeof(k), "Sources.%zu.Pages", n);
		page_set_int(r, k, pages);
		SET("Declarant", db_col_text(st, 4));
		SET("Statement", db_col_text(st, 5));
		SET("When", db_col_text(st, 6));
		if (strcmp(db_col_text(st, 1), "document") == 0) {
			snprintf(k, sizeof(k), "Sources.%zu.Document", n);
			page_set_int(r, k, 1);
			docs++;
		}
		for (p = 1; p <= pages; p++) {
			snprintf(k, sizeof(k), "Sources.%zu.Page.%lld.N", n,
			    p - 1);
			page_set_int(r, k, p);
		}
		snprintf(k, sizeof(k), "SourceChoices.%zu.Value", n);
		page_set_int(r, k, db_col_int(st, 0));
		snprintf(label, sizeof(label), "%lld. %s",
		    (long long)db_col_int(st, 0), db_col_text(st, 2));
		snprintf(k, sizeof(k), "SourceChoices.%zu.Label", n);
		page_set(r, k, label);
#undef SET
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Act.Documents", (long long)docs);
	return 0;
}

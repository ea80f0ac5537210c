/*
 * exchange_api.c: the partners' JSON API of exchanges (issue 15.4),
 * for a partner organisation's API key (permission exchange.answer,
 * role partner_agency). A key sees and answers only the exchanges
 * addressed to it: any other exchange, whoever's, is "not_found", so
 * that a key learns nothing of the others.
 *   GET  /dossier/api/v1/exchanges[?state=open|all]  its exchanges
 *   GET  /dossier/api/v1/exchanges/{x}               one, with its files
 *   POST /dossier/api/v1/exchanges/{x}/acknowledge   received
 *   POST /dossier/api/v1/exchanges/{x}/attachments   a file (multipart)
 *   POST /dossier/api/v1/exchanges/{x}/answer        {"answer":..}
 * Documented with curl examples in docs/api-dossier.md. Errors are
 * JSON: {"error":code}, with "errors" {field: message} for a 422.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app.h"
#include "auth.h"
#include "booking.h"
#include "dossier.h"
#include "files.h"
#include "jsonresp.h"
#include "log.h"
#include "session.h"

static const char *const states[] = {"open", "all", NULL};

const struct field_spec xapi_list_fields[] = {
	{"state", FIELD_ENUM, 0, 0, 0, states},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* version: optional; when given, the answer is refused (409 stale) if
 * the exchange changed since the partner read it. */
const struct field_spec xapi_answer_fields[] = {
	{"answer", FIELD_TEXT, 1, 1, 20000, NULL},
	{"version", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec xapi_file_fields[] = {
	{"file", FIELD_FILE, 1, 0, FILES_DOCUMENT_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The partner key of the request; 0 for an agent's session, which
 * has no exchanges of its own. */
static int64_t
partner_of(const struct req *r)
{
	return r->session != NULL ? r->session->apikey_id : 0;
}

/* A row of DSQL_XAPI_LIST/GET as a JSON object (overdue: open and past
 * its due date in the agency's calendar). */
static json_t *
exchange_json(struct req *r, struct db_stmt *st)
{
	char	 ref[10];
	int64_t	 due;
	int	 open = (int)db_col_int(st, 7);
	int	 late;

	late = open && wf_day_parse(db_col_text(st, 5), &due) == 0 &&
	    due < dossier_today(r);
	booking_reference_display(db_col_text(st, 1), ref);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s,s:s?,s:s?,"
	    "s:s?,s:I}",
	    "id", (json_int_t)db_col_int(st, 0),
	    "dossier", ref,
	    "type", db_col_text(st, 2),
	    "legal_basis", db_col_text(st, 3),
	    "question", db_col_text(st, 4),
	    "due_on", db_col_text(st, 5),
	    "status", late ? "overdue" : db_col_text(st, 6),
	    "open", open,
	    "sent_at", db_col_text(st, 8),
	    "acknowledged_at", db_col_text(st, 9)[0] ? db_col_text(st, 9) :
	    NULL,
	    "answered_at", db_col_text(st, 10)[0] ? db_col_text(st, 10) :
	    NULL,
	    "answer", db_col_text(st, 11)[0] ? db_col_text(st, 11) : NULL,
	    "version", (json_int_t)db_col_int(st, 12));
}

/*
 * The partner's exchange id as JSON with its attachments into *out.
 * Returns 1, 0 if it is not the partner's (or does not exist), -1 on a
 * database failure (*rcp).
 */
static int
exchange_load(struct req *r, int64_t id, json_t **out, enum db_rc *rcp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	json_t		*x, *files;

	*out = NULL;
	if (partner_of(r) == 0)
		return 0;
	if ((st = db_stmt(r->db, DSQL_XAPI_GET)) == NULL) {
		*rcp = db_last_rc(r->db);
		return -1;
	}
	db_bind_int(st, 0, id);
	db_bind_int(st, 1, partner_of(r));
	if ((rc = db_step(st)) != DB_ROW) {
		*rcp = rc;
		return rc == DB_OK ? 0 : -1;
	}
	x = exchange_json(r, st);
	db_reset(st);
	if ((st = db_stmt(r->db, DSQL_XAPI_FILES)) == NULL) {
		json_decref(x);
		*rcp = db_last_rc(r->db);
		return -1;
	}
	db_bind_int(st, 0, id);
	files = json_array();
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(files, json_pack("{s:I,s:s,s:s,s:I,s:s}",
		    "id", (json_int_t)db_col_int(st, 0),
		    "filename", db_col_text(st, 1),
		    "type", db_col_text(st, 2),
		    "size", (json_int_t)db_col_int(st, 3),
		    "created_at", db_col_text(st, 4)));
	if (rc != DB_OK) {
		json_decref(files);
		json_decref(x);
		*rcp = rc;
		return -1;
	}
	json_object_set_new(x, "attachments", files);
	*out = x;
	return 1;
}

/* Answer the partner's exchange id with status (404 if not its own). */
static int
exchange_answer_json(struct req *r, int64_t id, int status)
{
	json_t		*x;
	enum db_rc	 rc = DB_OK;
	int		 k;

	if ((k = exchange_load(r, id, &x, &rc)) < 0)
		return jsonresp_db_fail(r, rc);
	if (k == 0)
		return jsonresp_error(r, 404, "not_found");
	return jsonresp_value(r, status, x);
}

/*
 * GET /dossier/api/v1/exchanges (exchange.answer; state=open, the
 * default, or all): {"exchanges":[...]} of the key's own exchanges,
 * open ones first by due date, at most 200.
 */
int
page_xapi_list(struct req *r)
{
	const struct field_value	*v = form_get(r, "state");
	struct db_stmt			*st;
	enum db_rc			 rc;
	json_t				*list;
	int				 all = v != NULL && v->present &&
	    v->i == 1;

	list = json_array();
	if (partner_of(r) != 0) {
		if ((st = db_stmt(r->db, DSQL_XAPI_LIST)) == NULL) {
			json_decref(list);
			return jsonresp_db_fail(r, db_last_rc(r->db));
		}
		db_bind_int(st, 0, partner_of(r));
		db_bind_int(st, 1, all ? 0 : 1);
		while ((rc = db_step(st)) == DB_ROW)
			json_array_append_new(list, exchange_json(r, st));
		if (rc != DB_OK) {
			json_decref(list);
			return jsonresp_db_fail(r, rc);
		}
	}
	return jsonresp_value(r, 200, json_pack("{s:o}", "exchanges", list));
}

/*
 * GET /dossier/api/v1/exchanges/{x} (exchange.answer): the exchange
 * with its attachments; 404 {"error":"not_found"} if it is not the
 * key's.
 */
int
page_xapi_get(struct req *r)
{
	return exchange_answer_json(r, req_param_int(r, "x"), 200);
}

/* The JSON answer to exchange_change's refusals. */
static int
xapi_refusal(struct req *r, enum xresult xr, enum db_rc rc,
    const char *stored)
{
	switch (xr) {
	case XR_NOT_FOUND:
		return jsonresp_error(r, 404, "not_found");
	case XR_CLOSED:
		return jsonresp_value(r, 409, json_pack("{s:s,s:s}", "error",
		    "closed", "status", stored));
	case XR_STALE:
		return jsonresp_error(r, 409, "stale");
	default:
		return jsonresp_db_fail(r, rc == DB_OK ? DB_ERROR : rc);
	}
}

/*
 * POST /dossier/api/v1/exchanges/{x}/acknowledge (exchange.answer): the
 * partner says it received the request. 200 with the exchange (also
 * when acknowledged already, unchanged); 409 {"error":"closed"} once
 * answered or withdrawn; 404.
 */
int
page_xapi_ack(struct req *r)
{
	enum xresult	xr;
	enum db_rc	rc = DB_OK;
	char		stored[16];
	int64_t		id = req_param_int(r, "x");

	if (partner_of(r) == 0)
		return jsonresp_error(r, 404, "not_found");
	xr = exchange_change(r, XCH_ACK, id, 0, partner_of(r), 0, NULL, NULL,
	    NULL, stored, &rc);
	if (xr != XR_DONE && xr != XR_UNCHANGED)
		return xapi_refusal(r, xr, rc, stored);
	return exchange_answer_json(r, id, 200);
}

/*
 * POST /dossier/api/v1/exchanges/{x}/attachments (exchange.answer;
 * multipart/form-data with one "file"): a file for the answer to come
 * (PDF, JPEG or PNG as libmagic decides, up to 10 MB; encrypted at
 * rest). 201 {"filename","type","size"}; 422 for another type or
 * an empty file; 409 closed; 404.
 */
int
page_xapi_file(struct req *r)
{
	const struct field_value	*v = form_get(r, "file");
	struct files_meta		 file;
	json_t				*x = NULL;
	enum files_rc			 frc;
	enum xresult			 xr;
	enum db_rc			 rc = DB_OK;
	char				 stored[16], name[201];
	int64_t				 id = req_param_int(r, "x");
	int				 k;

	/* Whose it is first: nothing is written for another's exchange. */
	if ((k = exchange_load(r, id, &x, &rc)) < 0)
		return jsonresp_db_fail(r, rc);
	json_decref(x);
	if (k == 0)
		return jsonresp_error(r, 404, "not_found");
	frc = files_write(r->conf, FILES_EXCHANGE_ANSWER, v->data, v->datasz,
	    &file);
	if (frc == FILES_BAD_TYPE || frc == FILES_EMPTY ||
	    frc == FILES_TOO_BIG) {
		form_set_error(r, "file", frc == FILES_TOO_BIG ?
		    "Form.Error.FileTooBig" : "Dossier.Error.DocumentType");
		return auth_json_form_errors(r);
	}
	if (frc != FILES_OK)
		return jsonresp_error(r, 500, "internal");
	files_upload_name(v->filename, file.mime, "answer", name,
	    sizeof(name));
	xr = exchange_change(r, XCH_FILE, id, 0, partner_of(r), 0, NULL,
	    &file, name, stored, &rc);
	if (xr != XR_DONE) {
		files_unlink(r->conf, file.id);
		return xapi_refusal(r, xr, rc, stored);
	}
	return jsonresp_value(r, 201, json_pack("{s:s,s:s,s:I}", "filename",
	    name, "type", file.mime, "size", (json_int_t)file.size));
}

/*
 * POST /dossier/api/v1/exchanges/{x}/answer (exchange.answer; a JSON
 * object checked against xapi_answer_fields: answer, optional version):
 * the answer; the files added before go with it. 200 with the
 * exchange; 409 {"error":"closed"} if answered or withdrawn, or
 * {"error":"stale"} if version is not the current one; 422; 404.
 */
int
page_xapi_answer(struct req *r)
{
	enum xresult	xr;
	enum db_rc	rc = DB_OK;
	char		stored[16];
	int64_t		id = req_param_int(r, "x");

	if (partner_of(r) == 0)
		return jsonresp_error(r, 404, "not_found");
	xr = exchange_change(r, XCH_ANSWER, id, 0, partner_of(r),
	    form_int(r, "version"), form_str(r, "answer"), NULL, NULL, stored,
	    &rc);
	if (xr != XR_DONE)
		return xapi_refusal(r, xr, rc, stored);
	return exchange_answer_json(r, id, 200);
}

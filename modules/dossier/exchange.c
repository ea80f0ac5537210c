/*
 * exchange.c: exchanges (issue 15.4), which replace letters and calls
 * between the officer and the services or organisations a dossier
 * needs: a typed request (medical examination, document verification,
 * security check, information from another agency, translation ...)
 * with its legal basis and due date, to one of the agency's services or
 * to a partner organisation (an API key whose role holds
 * exchange.answer; it answers through exchange_api.c). Its status is
 * sent, acknowledged, answered or withdrawn; an open one (sent or
 * acknowledged) past its due date shows as overdue: nothing has to run
 * for it to become so. The answer's attachments are files of the
 * document store (use exchange.answer).
 *
 * Every change runs in one transaction with the dossier's timeline
 * event, its audit event and the dossier's exchange_due (the earliest
 * due date of its open exchanges, which the work list of dossiers with
 * an overdue exchange reads through an index); the exchange's row is
 * locked and its version checked where two changes can race (a
 * partner's answer and an officer's withdrawal).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "dossier.h"
#include "edit.h"
#include "files.h"
#include "log.h"
#include "session.h"
#include "tpl.h"

/* The types of exchange. Their labels: Dossier.Exchange.Types.<code>. */
const char *const exchange_types[] = {"medical_examination",
	"document_verification", "security_check", "agency_information",
	"translation", "other", NULL};

/* The most exchanges one dossier page shows (newest first). */
#define EXCHANGES_MAX	100

/*
 * POST /dossier/{id}/exchanges: type, recipient ("service:N" or
 * "partner:N", from the form's select), legal basis, the request
 * itself and its due date (today or later).
 */
const struct field_spec exchange_fields[] = {
	{"type", FIELD_ENUM, 1, 0, 0, exchange_types},
	{"recipient", FIELD_STRING, 1, 3, 30, NULL},
	{"legal_basis", FIELD_STRING, 1, 3, 500, NULL},
	{"question", FIELD_TEXT, 1, 3, 4000, NULL},
	{"due_on", FIELD_DATE, 1, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec exchange_withdraw_fields[] = {
	{"version", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /dossier/{id}/exchanges/{x}/answer: an internal service's
 * answer as its agent records it, with one optional attachment. */
const struct field_spec exchange_answer_fields[] = {
	{"answer", FIELD_TEXT, 1, 1, 20000, NULL},
	{"file", FIELD_FILE, 0, 0, FILES_DOCUMENT_MAX, NULL},
	{"version", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

static void
id_text(int64_t id, char out[24])
{
	snprintf(out, 24, "%lld", (long long)id);
}

/* Recompute the dossier's exchange_due in the caller's transaction. */
static enum db_rc
exchange_due_refresh(struct db *db, int64_t dossier)
{
	struct db_stmt	*st;

	if ((st = db_stmt(db, DSQL_X_DUE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, dossier);
	db_bind_int(st, 1, dossier);
	return db_exec(st);
}

/* --- one change of an exchange (exchange_change) --- */

struct xctx {
	struct req		*r;
	enum xchange		 what;
	int64_t			 id, dossier, partner, version;
	const char		*text;
	const struct files_meta	*file;
	const char		*filename;
	enum xresult		 result;	/* out */
	char			 status[16];	/* out: stored status */
	int64_t			 stored_version;	/* out */
};

/* Record c->file as an attachment of the locked exchange. */
static enum db_rc
attach(struct db *db, struct xctx *c, int64_t dossier, const char *actor)
{
	struct db_stmt		*st;
	struct audit_change	 ch[2];
	enum db_rc		 rc;
	char			 idtext[24];
	int64_t			 agent = c->r->session ?
	    c->r->session->agent_id : 0;

	if ((rc = files_record(db, c->file, agent)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, DSQL_X_FILE_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	db_bind_text(st, 1, c->file->id);
	db_bind_text(st, 2, c->filename);
	db_bind_text(st, 3, actor);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((rc = dossier_event(db, c->r, dossier, "exchange_file", NULL,
	    NULL, c->filename)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"attachment", NULL, c->filename};
	ch[1] = (struct audit_change){"file", NULL, c->file->id};
	id_text(c->id, idtext);
	return audit_req(c->r, "exchange", idtext, "attach", ch, 2);
}

static enum db_rc
xchange_txn(struct db *db, void *arg)
{
	struct xctx		*c = arg;
	struct db_stmt		*st;
	struct actor		 a;
	struct audit_change	 ch[2];
	enum db_rc		 rc;
	int64_t			 dossier, version, partner;
	const char		*to = NULL, *kind = NULL, *action = NULL;
	char			 idtext[24], detail[64], type[33];
	size_t			 sql = DSQL_X_ACK;

	c->result = XR_DB;
	actor_of(c->r, &a);
	if ((st = db_stmt(db, DSQL_X_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc == DB_OK)
			c->result = XR_NOT_FOUND;
		return rc;
	}
	dossier = db_col_int(st, 0);
	snprintf(c->status, sizeof(c->status), "%s", db_col_text(st, 1));
	version = db_col_int(st, 2);
	partner = db_col_int(st, 3);
	snprintf(type, sizeof(type), "%s", db_col_text(st, 4));
	db_reset(st);
	c->stored_version = version;
	/* A partner sees its own exchanges only; an agent records the
	 * answer of the agency's own services only (partner -1). */
	if ((c->partner > 0 && partner != c->partner) ||
	    (c->partner < 0 && partner != 0) ||
	    (c->dossier != 0 && dossier != c->dossier)) {
		c->result = XR_NOT_FOUND;
		return DB_OK;
	}
	if (strcmp(c->status, "answered") == 0 ||
	    strcmp(c->status, "withdrawn") == 0) {
		c->result = XR_CLOSED;
		return DB_OK;
	}
	if (c->version != 0 && c->version != version) {
		c->result = XR_STALE;
		return DB_OK;
	}
	switch (c->what) {
	case XCH_FILE:
		if ((rc = attach(db, c, dossier, a.name)) != DB_OK)
			return rc;
		c->result = XR_DONE;
		return DB_OK;
	case XCH_ACK:
		if (strcmp(c->status, "acknowledged") == 0) {
			c->result = XR_UNCHANGED;
			return DB_OK;
		}
		sql = DSQL_X_ACK;
		to = "acknowledged";
		kind = "exchange_acknowledged";
		action = "acknowledge";
		break;
	case XCH_ANSWER:
		if (c->file != NULL &&
		    (rc = attach(db, c, dossier, a.name)) != DB_OK)
			return rc;
		sql = DSQL_X_ANSWER;
		to = "answered";
		kind = "exchange_answered";
		action = "answer";
		break;
	case XCH_WITHDRAW:
		sql = DSQL_X_WITHDRAW;
		to = "withdrawn";
		kind = "exchange_withdrawn";
		action = "withdraw";
		break;
	}
	if ((st = db_stmt(db, sql)) == NULL)
		return db_last_rc(db);
	if (c->what == XCH_ANSWER) {
		db_bind_text(st, 0, c->text);
		db_bind_text(st, 1, a.name);
		db_bind_int(st, 2, c->id);
		db_bind_int(st, 3, version);
	} else {
		db_bind_int(st, 0, c->id);
		db_bind_int(st, 1, version);
	}
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	snprintf(detail, sizeof(detail), "#%lld %s", (long long)c->id, type);
	if ((rc = dossier_event(db, c->r, dossier, kind, NULL, NULL,
	    detail)) != DB_OK)
		return rc;
	if ((rc = exchange_due_refresh(db, dossier)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"status", c->status, to};
	ch[1] = (struct audit_change){"answer", NULL, c->text};
	id_text(c->id, idtext);
	if ((rc = audit_req(c->r, "exchange", idtext, action, ch,
	    c->what == XCH_ANSWER ? 2 : 1)) != DB_OK)
		return rc;
	snprintf(c->status, sizeof(c->status), "%s", to);
	c->result = XR_DONE;
	return DB_OK;
}

/* See dossier.h. */
enum xresult
exchange_change(struct req *r, enum xchange what, int64_t id,
    int64_t dossier, int64_t partner, int64_t version, const char *text,
    const struct files_meta *file, const char *filename,
    char status_out[16], enum db_rc *rcp)
{
	struct xctx	c;
	enum db_rc	rc;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.what = what;
	c.id = id;
	c.dossier = dossier;
	c.partner = partner;
	c.version = version;
	c.text = text;
	c.file = file;
	c.filename = filename;
	rc = db_txn(r->db, xchange_txn, &c);
	*rcp = rc;
	if (status_out != NULL)
		snprintf(status_out, 16, "%s", c.status);
	if (rc != DB_OK) {
		log_err("exchange %lld: change failed: %s", (long long)id,
		    db_errmsg(r->db));
		return XR_DB;
	}
	return c.result;
}

/* --- the officer's pages --- */

/*
 * The recipient "service:N" or "partner:N": fills *service or *partner
 * and its name. Returns 1 if it names an active service or a partner
 * key that may answer, 0 if not, or -1 on a database failure (*rcp).
 */
static int
recipient_parse(struct req *r, const char *s, int64_t *service,
    int64_t *partner, char *name, size_t namesz, enum db_rc *rcp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	long long	 id;
	const char	*num;
	int		 is_partner;

	*service = *partner = 0;
	if (strncmp(s, "service:", 8) == 0) {
		is_partner = 0;
		num = s + 8;
	} else if (strncmp(s, "partner:", 8) == 0) {
		is_partner = 1;
		num = s + 8;
	} else
		return 0;
	if (!valid_int(num, 1, DB_ID_MAX, &id))
		return 0;
	if ((st = db_stmt(r->db, is_partner ? DSQL_X_PARTNER_GET :
	    DSQL_X_SERVICE_GET)) == NULL) {
		*rcp = db_last_rc(r->db);
		return -1;
	}
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc == DB_OK)
			return 0;
		*rcp = rc;
		return -1;
	}
	snprintf(name, namesz, "%s", db_col_text(st, 0));
	db_reset(st);
	if (is_partner)
		*partner = id;
	else
		*service = id;
	return 1;
}

struct send_ctx {
	struct req	*r;
	int64_t		 dossier, service, partner;
	const char	*recipient;
	char		 due[11];
	int64_t		 id;		/* out */
};

static enum db_rc
send_txn(struct db *db, void *arg)
{
	struct send_ctx		*c = arg;
	struct db_stmt		*st;
	struct actor		 a;
	struct audit_change	 ch[5];
	enum db_rc		 rc;
	char			 idtext[24], dossier[24], detail[300];
	const char		*type = form_str(c->r, "type");

	actor_of(c->r, &a);
	if ((st = db_stmt(db, DSQL_X_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->dossier);
	db_bind_text(st, 1, type);
	db_bind_text(st, 2, form_str(c->r, "legal_basis"));
	db_bind_text(st, 3, form_str(c->r, "question"));
	db_bind_text(st, 4, c->due);
	if (c->service)
		db_bind_int(st, 5, c->service);
	else
		db_bind_null(st, 5);
	if (c->partner)
		db_bind_int(st, 6, c->partner);
	else
		db_bind_null(st, 6);
	if (a.agent_id)
		db_bind_int(st, 7, a.agent_id);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, a.name);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	c->id = (int64_t)db_insert_id(st);
	snprintf(detail, sizeof(detail), "#%lld %s: %s", (long long)c->id,
	    type, c->recipient);
	if ((rc = dossier_event(db, c->r, c->dossier, "exchange_sent", NULL,
	    NULL, detail)) != DB_OK)
		return rc;
	if ((rc = exchange_due_refresh(db, c->dossier)) != DB_OK)
		return rc;
	id_text(c->dossier, dossier);
	ch[0] = (struct audit_change){"dossier", NULL, dossier};
	ch[1] = (struct audit_change){"type", NULL, type};
	ch[2] = (struct audit_change){"recipient", NULL, c->recipient};
	ch[3] = (struct audit_change){"due_on", NULL, c->due};
	ch[4] = (struct audit_change){"legal_basis", NULL,
	    form_str(c->r, "legal_basis")};
	id_text(c->id, idtext);
	return audit_req(c->r, "exchange", idtext, "send", ch, 5);
}

/*
 * POST /dossier/{id}/exchanges (dossier.exchange, CSRF;
 * exchange_fields): send a request to a service or a partner. 422 with
 * the page for an unknown recipient or a due date in the past; nothing
 * is stored then. Redirects to the dossier's exchanges.
 */
int
page_exchange_send(struct req *r)
{
	const struct field_value	*due = form_get(r, "due_on");
	struct send_ctx			 c;
	struct dossier			*d;
	enum db_rc			 rc = DB_OK;
	char				 name[201];
	int				 status, k;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	memset(&c, 0, sizeof(c));
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	c.r = r;
	c.dossier = d->id;
	k = recipient_parse(r, form_str(r, "recipient"), &c.service,
	    &c.partner, name, sizeof(name), &rc);
	if (k < 0) {
		status = db_http_status(rc);
		goto out;
	}
	if (k == 0)
		form_set_error(r, "recipient", "Dossier.Exchange.Error.Recipient");
	/* A request due before today would be overdue when it leaves. */
	if (wf_day(due->date.year, due->date.month, due->date.day) <
	    dossier_today(r))
		form_set_error(r, "due_on", "Dossier.Exchange.Error.DuePast");
	if (r->form.nerrors > 0) {
		status = dossier_page_again(r, 422);
		goto out;
	}
	wf_day_format(wf_day(due->date.year, due->date.month, due->date.day),
	    c.due);
	c.recipient = name;
	if ((rc = db_txn(r->db, send_txn, &c)) != DB_OK) {
		log_err("dossier %lld: cannot send an exchange: %s",
		    (long long)d->id, db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	status = dossier_redirect(r, d->id, "#exchanges",
	    "Dossier.Exchange.Flash.Sent");
out:
	free(d);
	return status;
}

/* The answer to exchange_change's refusals on the officer's pages. */
static int
refusal(struct req *r, enum xresult xr, enum db_rc rc, const char *stored,
    int64_t version)
{
	struct edit_field	f;

	switch (xr) {
	case XR_NOT_FOUND:
		return 404;
	case XR_CLOSED:
		form_set_error(r, "version", "Dossier.Exchange.Error.Closed");
		return dossier_page_again(r, 409);
	case XR_STALE:
		f = (struct edit_field){"status",
		    tpl_text(r->hdf, "Dossier.Exchange.StatusLabel"), stored,
		    ""};
		edit_conflict(r, &f, 1, version);
		return dossier_page_again(r, 409);
	default:
		return db_http_status(rc == DB_OK ? DB_ERROR : rc);
	}
}

/*
 * POST /dossier/{id}/exchanges/{x}/withdraw (dossier.exchange, CSRF;
 * version): withdraw an open exchange. 409 if it was answered or
 * withdrawn meanwhile, or changed since the page was shown.
 */
int
page_exchange_withdraw(struct req *r)
{
	struct dossier	*d;
	enum xresult	 xr;
	enum db_rc	 rc = DB_OK;
	char		 stored[16];
	int		 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	xr = exchange_change(r, XCH_WITHDRAW, req_param_int(r, "x"), d->id, 0,
	    form_int(r, "version"), NULL, NULL, NULL, stored, &rc);
	if (xr != XR_DONE) {
		status = refusal(r, xr, rc, stored, form_int(r, "version"));
		goto out;
	}
	status = dossier_redirect(r, d->id, "#exchanges",
	    "Dossier.Exchange.Flash.Withdrawn");
out:
	free(d);
	return status;
}

/*
 * POST /dossier/{id}/exchanges/{x}/answer (dossier.exchange, CSRF,
 * multipart; exchange_answer_fields): record the answer of one of the
 * agency's services (a partner answers through the API), with one
 * optional attachment (PDF, JPEG or PNG). 422 for another type; 409 if
 * it was answered or withdrawn meanwhile; 404 for a partner's exchange.
 */
int
page_exchange_answer(struct req *r)
{
	const struct field_value	*v = form_get(r, "file");
	struct files_meta		 file;
	struct dossier			*d;
	enum files_rc			 frc;
	enum xresult			 xr;
	enum db_rc			 rc = DB_OK;
	char				 stored[16], name[201];
	int				 status, has_file = 0;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	if (v != NULL && v->present && v->datasz > 0) {
		frc = files_write(r->conf, FILES_EXCHANGE_ANSWER, v->data,
		    v->datasz, &file);
		if (frc == FILES_BAD_TYPE || frc == FILES_TOO_BIG ||
		    frc == FILES_EMPTY) {
			form_set_error(r, "file", frc == FILES_TOO_BIG ?
			    "Form.Error.FileTooBig" :
			    "Dossier.Error.DocumentType");
			status = dossier_page_again(r, 422);
			goto out;
		}
		if (frc != FILES_OK) {
			status = 500;
			goto out;
		}
		has_file = 1;
		files_upload_name(v->filename, file.mime, "answer", name,
		    sizeof(name));
	}
	xr = exchange_change(r, XCH_ANSWER, req_param_int(r, "x"), d->id, -1,
	    form_int(r, "version"), form_str(r, "answer"),
	    has_file ? &file : NULL, has_file ? name : NULL, stored, &rc);
	if (xr != XR_DONE) {
		if (has_file)
			files_unlink(r->conf, file.id);
		status = refusal(r, xr, rc, stored, form_int(r, "version"));
		goto out;
	}
	status = dossier_redirect(r, d->id, "#exchanges",
	    "Dossier.Exchange.Flash.Answered");
out:
	free(d);
	return status;
}

/*
 * GET /dossier/{id}/exchanges/{x}/files/{f} (dossier.view): an answer's
 * attachment, after an access event naming it. 404 if it is not that
 * exchange's of that dossier; 403 for a sealed dossier one may not
 * open.
 */
int
page_exchange_file(struct req *r)
{
	struct db_stmt	*st;
	struct dossier	*d;
	char		 idtext[24], reason[64];
	int		 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	if ((st = db_stmt(r->db, DSQL_X_FILE_GET)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, req_param_int(r, "f"));
	db_bind_int(st, 1, req_param_int(r, "x"));
	db_bind_int(st, 2, d->id);
	id_text(d->id, idtext);
	snprintf(reason, sizeof(reason), "exchange-file:%lld",
	    (long long)req_param_int(r, "f"));
	status = files_download(r, st, "dossier", idtext, reason);
out:
	free(d);
	return status;
}

/* --- the dossier page's section --- */

/* XServices.N / XPartners.N.{Value, Label}: the recipients offered. */
static int
recipients_fill(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64], value[40];
	size_t		 n, k;

	for (k = 0; k < 2; k++) {
		if ((st = db_stmt(r->db, k == 0 ? DSQL_X_SERVICES :
		    DSQL_X_PARTNERS)) == NULL)
			return db_http_status(db_last_rc(r->db));
		for (n = 0; (rc = db_step(st)) == DB_ROW; n++) {
			snprintf(value, sizeof(value), "%s:%lld",
			    k == 0 ? "service" : "partner",
			    (long long)db_col_int(st, 0));
			snprintf(node, sizeof(node), "%s.%zu.Value",
			    k == 0 ? "XServices" : "XPartners", n);
			page_set(r, node, value);
			snprintf(node, sizeof(node), "%s.%zu.Label",
			    k == 0 ? "XServices" : "XPartners", n);
			page_set(r, node, db_col_text(st, 1));
		}
		if (rc != DB_OK)
			return db_http_status(rc);
	}
	return 0;
}

/* A language text by key, or fallback when the key has none. */
static const char *
text_or(struct req *r, const char *key, const char *fallback)
{
	return tpl_has_text(r->hdf, key) ? tpl_text(r->hdf, key) : fallback;
}

/*
 * See dossier.h. Exchanges.N.{Id, Type, TypeLabel, LegalBasis,
 * Question, Due, Status (overdue when open and past due), StatusLabel,
 * Open, Overdue, Sent, SentBy, Acknowledged, Answered, Answer, AnswerBy,
 * Recipient, Partner, Version, Files.M.{Id, Name, Type, KB, When, By}}.
 */
int
exchanges_fill(struct req *r, const struct dossier *d, int64_t today)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 ids[EXCHANGES_MAX], due;
	size_t		 nfiles[EXCHANGES_MAX];
	size_t		 n = 0, i, overdue = 0;
	char		 node[80], key[80];
	const char	*status;
	int		 open, late, s;

	page_set_int(r, "Can.Exchange", session_can(r->session,
	    PERM_EXCHANGE));
	if (session_can(r->session, PERM_EXCHANGE) &&
	    (s = recipients_fill(r)) != 0)
		return s;
	if ((st = db_stmt(r->db, DSQL_X_OF_DOSSIER)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, d->id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == EXCHANGES_MAX)
			continue;
		ids[n] = db_col_int(st, 0);
		nfiles[n] = 0;
		open = (int)db_col_int(st, 6);
		late = open && wf_day_parse(db_col_text(st, 4), &due) == 0 &&
		    due < today;
		status = late ? "overdue" : db_col_text(st, 5);
		overdue += late;
#define SET(k, v) do { snprintf(node, sizeof(node), "Exchanges.%zu." k, n); \
	page_set(r, node, (v)); } while (0)
#define SETI(k, v) do { snprintf(node, sizeof(node), "Exchanges.%zu." k, n); \
	page_set_int(r, node, (v)); } while (0)
		SETI("Id", ids[n]);
		SET("Type", db_col_text(st, 1));
		snprintf(key, sizeof(key), "Dossier.Exchange.Types.%s",
		    db_col_text(st, 1));
		SET("TypeLabel", text_or(r, key, db_col_text(st, 1)));
		SET("LegalBasis", db_col_text(st, 2));
		SET("Question", db_col_text(st, 3));
		SET("Due", db_col_text(st, 4));
		SET("Status", status);
		snprintf(key, sizeof(key), "Dossier.Exchange.Status.%s",
		    status);
		SET("StatusLabel", text_or(r, key, status));
		SETI("Open", open);
		SETI("Overdue", late);
		if (late)
			SETI("DaysLate", today - due);
		SET("Sent", db_col_text(st, 7));
		SET("SentBy", db_col_text(st, 8));
		SET("Acknowledged", db_col_text(st, 9));
		SET("Answered", db_col_text(st, 10));
		SET("Answer", db_col_text(st, 11));
		SET("AnswerBy", db_col_text(st, 12));
		SET("Recipient", db_col_text(st, 13));
		SETI("Partner", db_col_int(st, 14));
		SETI("Version", db_col_int(st, 15));
#undef SET
#undef SETI
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Dossier.ExchangesOverdue", (long long)overdue);
	if (n == 0)
		return 0;
	if ((st = db_stmt(r->db, DSQL_X_FILES_OF_DOSSIER)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, d->id);
	while ((rc = db_step(st)) == DB_ROW) {
		for (i = 0; i < n && ids[i] != db_col_int(st, 1); i++)
			;
		if (i == n)
			continue;
#define SET(k, v) do { snprintf(node, sizeof(node), \
	"Exchanges.%zu.Files.%zu." k, i, nfiles[i]); \
	page_set(r, node, (v)); } while (0)
		snprintf(node, sizeof(node), "Exchanges.%zu.Files.%zu.Id", i,
		    nfiles[i]);
		page_set_int(r, node, db_col_int(st, 0));
		SET("Name", db_col_text(st, 2));
		SET("When", db_col_text(st, 3));
		SET("Type", db_col_text(st, 4));
		snprintf(node, sizeof(node), "Exchanges.%zu.Files.%zu.KB", i,
		    nfiles[i]);
		page_set_int(r, node, (db_col_int(st, 5) + 1023) / 1024);
		SET("By", db_col_text(st, 6));
#undef SET
		nfiles[i]++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

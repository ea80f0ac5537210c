/*
 * items.c: what officers add to a dossier: notes (encrypted at rest with
 * libsodium secretbox under Paths.Var/keys/notes.key, so a database dump
 * alone does not read them), documents (files of the document store,
 * PDF, JPEG or PNG as libmagic decides; every download in the access
 * log) and decisions with their text.
 */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "crypto.h"
#include "dossier.h"
#include "files.h"
#include "log.h"
#include "session.h"
#include "tpl.h"

/* The longest note, in code points (its ciphertext fits the column). */
#define NOTE_MAX	4000

static const char *const outcomes[] = {"granted", "subsidiary",
	"rejected", "inadmissible", "transfer", "closed", NULL};

const struct field_spec note_fields[] = {
	{"note", FIELD_TEXT, 1, 1, NOTE_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec document_fields[] = {
	{"title", FIELD_STRING, 1, 1, 200, NULL},
	{"file", FIELD_FILE, 1, 0, FILES_DOCUMENT_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec decision_fields[] = {
	{"outcome", FIELD_ENUM, 1, 0, 0, outcomes},
	{"text", FIELD_TEXT, 1, 10, 20000, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* --- notes --- */

struct note_ctx {
	struct req	*r;
	int64_t		 dossier;
	unsigned char	*sealed;
	size_t		 sealedsz;
};

static enum db_rc
note_txn(struct db *db, void *arg)
{
	struct note_ctx		*c = arg;
	struct db_stmt		*st;
	struct actor		 a;
	struct audit_change	 ch;
	enum db_rc		 rc;
	char			 idtext[24];

	actor_of(c->r, &a);
	if ((st = db_stmt(db, DSQL_NOTE_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->dossier);
	if (a.agent_id)
		db_bind_int(st, 1, a.agent_id);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, a.name);
	db_bind_blob(st, 3, c->sealed, c->sealedsz);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((rc = dossier_event(db, c->r, c->dossier, "note", NULL, NULL,
	    NULL)) != DB_OK)
		return rc;
	/* The audit trail says a note was written, never what it says. */
	ch = (struct audit_change){"note", NULL, "(encrypted)"};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->dossier);
	return audit_req(c->r, "dossier", idtext, "note", &ch, 1);
}

/*
 * POST /dossier/{id}/notes (dossier.edit, CSRF; note_fields): add a
 * note, encrypted before it reaches the database. Redirects to the
 * notes; 422 for an empty or too long note.
 */
int
page_note_add(struct req *r)
{
	struct note_ctx		 c;
	struct dossier		*d;
	unsigned char		 key[crypto_secretbox_KEYBYTES];
	const char		*text = form_str(r, "note");
	size_t			 len = strlen(text);
	enum db_rc		 rc;
	int			 status;

	memset(&c, 0, sizeof(c));
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	if (key_file_get(r->conf, "notes", key, sizeof(key)) != 0) {
		status = 500;
		goto out;
	}
	c.r = r;
	c.dossier = d->id;
	c.sealedsz = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
	    len;
	if ((c.sealed = malloc(c.sealedsz)) == NULL) {
		status = 500;
		goto out;
	}
	randombytes_buf(c.sealed, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(c.sealed + crypto_secretbox_NONCEBYTES,
	    (const unsigned char *)text, len, c.sealed, key);
	sodium_memzero(key, sizeof(key));
	if ((rc = db_txn(r->db, note_txn, &c)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	status = dossier_redirect(r, d->id, "#notes", "Dossier.Flash.NoteAdded");
out:
	free(c.sealed);
	free(d);
	return status;
}

/* Notes.N.{Author, When, Text} decrypted (a note that does not decrypt
 * shows as unreadable and is logged). */
static int
notes_fill(struct req *r, const struct dossier *d)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	unsigned char	 key[crypto_secretbox_KEYBYTES];
	unsigned char	*plain = NULL;
	const unsigned char *body;
	size_t		 len, n = 0;
	char		 node[64];

	if (key_file_get(r->conf, "notes", key, sizeof(key)) != 0)
		return 500;
	if ((st = db_stmt(r->db, DSQL_NOTES)) == NULL) {
		sodium_memzero(key, sizeof(key));
		return db_http_status(db_last_rc(r->db));
	}
	db_bind_int(st, 0, d->id);
	while ((rc = db_step(st)) == DB_ROW) {
		body = (const unsigned char *)db_col_text(st, 3);
		len = db_col_len(st, 3);
		snprintf(node, sizeof(node), "Notes.%zu.Author", n);
		page_set(r, node, db_col_text(st, 1));
		snprintf(node, sizeof(node), "Notes.%zu.When", n);
		page_set(r, node, db_col_text(st, 2));
		snprintf(node, sizeof(node), "Notes.%zu.Text", n);
		if (len < crypto_secretbox_NONCEBYTES +
		    crypto_secretbox_MACBYTES || (plain = malloc(len)) == NULL ||
		    crypto_secretbox_open_easy(plain,
		    body + crypto_secretbox_NONCEBYTES,
		    len - crypto_secretbox_NONCEBYTES, body, key) != 0) {
			log_err("dossier %lld: note %lld does not decrypt",
			    (long long)d->id, (long long)db_col_int(st, 0));
			page_set(r, node, tpl_text(r->hdf,
			    "Dossier.NoteUnreadable"));
		} else {
			plain[len - crypto_secretbox_NONCEBYTES -
			    crypto_secretbox_MACBYTES] = '\0';
			page_set(r, node, (const char *)plain);
		}
		free(plain);
		plain = NULL;
		n++;
	}
	sodium_memzero(key, sizeof(key));
	return rc == DB_OK ? 0 : db_http_status(rc);
}

/* --- documents --- */

struct doc_ctx {
	struct req			*r;
	int64_t				 dossier;
	const struct files_meta		*file;
	const char			*title;
	char				 filename[201];
};

static enum db_rc
doc_txn(struct db *db, void *arg)
{
	struct doc_ctx		*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[2];
	enum db_rc		 rc;
	char			 idtext[24];
	int64_t			 agent = c->r->session ?
	    c->r->session->agent_id : 0;

	if ((rc = files_record(db, c->file, agent)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, DSQL_DOC_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->dossier);
	db_bind_text(st, 1, c->file->id);
	db_bind_text(st, 2, c->title);
	db_bind_text(st, 3, c->filename);
	if (agent)
		db_bind_int(st, 4, agent);
	else
		db_bind_null(st, 4);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((rc = dossier_event(db, c->r, c->dossier, "document", NULL, NULL,
	    c->title)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"document", NULL, c->title};
	ch[1] = (struct audit_change){"file", NULL, c->file->id};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->dossier);
	return audit_req(c->r, "dossier", idtext, "document", ch, 2);
}

/*
 * POST /dossier/{id}/documents (dossier.edit, CSRF, multipart;
 * document_fields): store a document in the document store (PDF, JPEG
 * or PNG by libmagic; encrypted at rest) and list it on the dossier.
 * 422 for another type, an empty file or one too large; nothing is
 * kept of a refused or failed upload.
 */
int
page_document_add(struct req *r)
{
	const struct field_value	*v = form_get(r, "file");
	struct doc_ctx			 c;
	struct files_meta		 file;
	struct dossier			*d;
	enum files_rc			 frc;
	enum db_rc			 rc;
	int				 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	frc = files_write(r->conf, FILES_DOSSIER_DOCUMENT, v->data, v->datasz,
	    &file);
	if (frc == FILES_BAD_TYPE || frc == FILES_EMPTY ||
	    frc == FILES_TOO_BIG) {
		form_set_error(r, "file", frc == FILES_TOO_BIG ?
		    "Form.Error.FileTooBig" : "Dossier.Error.DocumentType");
		status = dossier_page_again(r, 422);
		goto out;
	}
	if (frc != FILES_OK) {
		status = 500;
		goto out;
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.dossier = d->id;
	c.file = &file;
	c.title = form_str(r, "title");
	files_upload_name(v->filename, file.mime, "document", c.filename,
	    sizeof(c.filename));
	if ((rc = db_txn(r->db, doc_txn, &c)) != DB_OK) {
		files_unlink(r->conf, file.id);
		log_err("dossier %lld: cannot record a document: %s",
		    (long long)d->id, db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	status = dossier_redirect(r, d->id, "#documents", "Dossier.Flash.DocumentAdded");
out:
	free(d);
	return status;
}

/*
 * GET /dossier/{id}/documents/{doc} (dossier.view): the document as an
 * attachment, after an access event naming it. 404 if the document is
 * not the dossier's; 403 for a sealed dossier one may not open.
 */
int
page_document_get(struct req *r)
{
	struct db_stmt	*st;
	struct dossier	*d;
	char		 idtext[24], reason[64];
	int		 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	if ((st = db_stmt(r->db, DSQL_DOC_GET)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, req_param_int(r, "doc"));
	db_bind_int(st, 1, d->id);
	snprintf(idtext, sizeof(idtext), "%lld", (long long)d->id);
	snprintf(reason, sizeof(reason), "document:%lld",
	    (long long)req_param_int(r, "doc"));
	status = files_download(r, st, "dossier", idtext, reason);
out:
	free(d);
	return status;
}

/* Documents.N.{Id, Title, Name, When, Type, Size}. */
static int
docs_fill(struct req *r, const struct dossier *d)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64];
	size_t		 n = 0;

	if ((st = db_stmt(r->db, DSQL_DOCS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, d->id);
	while ((rc = db_step(st)) == DB_ROW) {
#define SET(k, v) do { snprintf(node, sizeof(node), "Documents.%zu." k, n); \
	page_set(r, node, (v)); } while (0)
		snprintf(node, sizeof(node), "Documents.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		SET("Title", db_col_text(st, 1));
		SET("Name", db_col_text(st, 2));
		SET("When", db_col_text(st, 3));
		SET("Type", db_col_text(st, 4));
		snprintf(node, sizeof(node), "Documents.%zu.KB", n);
		page_set_int(r, node, (db_col_int(st, 5) + 1023) / 1024);
#undef SET
		n++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

/* --- decisions --- */

struct decision_ctx {
	struct req	*r;
	int64_t		 dossier;
};

static enum db_rc
decision_txn(struct db *db, void *arg)
{
	struct decision_ctx	*c = arg;
	struct db_stmt		*st;
	struct actor		 a;
	struct audit_change	 ch[2];
	enum db_rc		 rc;
	char			 idtext[24];

	actor_of(c->r, &a);
	if ((st = db_stmt(db, DSQL_DECISION_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->dossier);
	db_bind_text(st, 1, form_str(c->r, "outcome"));
	db_bind_text(st, 2, form_str(c->r, "text"));
	if (a.agent_id)
		db_bind_int(st, 3, a.agent_id);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, a.name);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((rc = dossier_event(db, c->r, c->dossier, "decision", NULL, NULL,
	    form_str(c->r, "outcome"))) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"outcome", NULL,
	    form_str(c->r, "outcome")};
	ch[1] = (struct audit_change){"text", NULL, form_str(c->r, "text")};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->dossier);
	return audit_req(c->r, "dossier", idtext, "decision", ch, 2);
}

/*
 * POST /dossier/{id}/decisions (dossier.decide, CSRF; decision_fields):
 * record a decision's outcome and text (the status moves through the
 * procedure's own transition). Redirects to the decisions.
 */
int
page_decision_add(struct req *r)
{
	struct decision_ctx	 c;
	struct dossier		*d;
	enum db_rc		 rc;
	int			 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	c.r = r;
	c.dossier = d->id;
	if ((rc = db_txn(r->db, decision_txn, &c)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	status = dossier_redirect(r, d->id, "#decisions", "Dossier.Flash.DecisionAdded");
out:
	free(d);
	return status;
}

/* Decisions.N.{Outcome, OutcomeLabel, Text, Author, When}. */
static int
decisions_fill(struct req *r, const struct dossier *d)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64], key[64];
	size_t		 n = 0;

	if ((st = db_stmt(r->db, DSQL_DECISIONS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, d->id);
	while ((rc = db_step(st)) == DB_ROW) {
#define SET(k, v) do { snprintf(node, sizeof(node), "Decisions.%zu." k, n); \
	page_set(r, node, (v)); } while (0)
		SET("Outcome", db_col_text(st, 1));
		snprintf(key, sizeof(key), "Dossier.Outcomes.%s",
		    db_col_text(st, 1));
		SET("OutcomeLabel", tpl_has_text(r->hdf, key) ?
		    tpl_text(r->hdf, key) : db_col_text(st, 1));
		SET("Text", db_col_text(st, 2));
		SET("Author", db_col_text(st, 3));
		SET("When", db_col_text(st, 4));
#undef SET
		n++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

int
items_fill(struct req *r, const struct dossier *d)
{
	int	status;

	if ((status = docs_fill(r, d)) != 0 ||
	    (status = decisions_fill(r, d)) != 0)
		return status;
	return notes_fill(r, d);
}

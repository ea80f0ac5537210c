/*
 * photo.c: the photo of a household member at the registration desk
 * (issue 16, item 1). The member's page has a photo form of its own
 * (multipart, a file input that works without script); where the
 * browser has a camera and allows it, /static/registration.js adds
 * "Use the camera", shows the webcam's picture and puts the photo taken
 * into the same file input as a JPEG, so that both ways reach the server
 * as one upload. The file goes to the document store as a person photo
 * (common's files.c: JPEG or PNG as libmagic decides, never the
 * client's word; at most FILES_PHOTO_MAX bytes; encrypted at rest), its
 * row recorded in the transaction that points the draft's member at it
 * (the previous photo's row forgotten there, its content removed once
 * committed), with an audit event. The save of the household gives it
 * to the person created (person_photo), or to a linked person who has
 * none yet (one who has keeps theirs).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "files.h"
#include "log.h"
#include "registration.h"
#include "session.h"

/* POST /registration/member/{pos}/photo */
const struct field_spec photo_fields[] = {
	{"photo", FIELD_FILE, 1, 0, FILES_PHOTO_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

struct photo_ctx {
	struct req		*r;
	int64_t			 draft;
	int			 pos;
	const struct files_meta	*file;
	int			 found;				/* out */
	int			 gone;				/* out */
	char			 old[FILES_ID_LEN + 1];		/* out */
};

/*
 * The photo's change (db_txn function): the draft locked (the agent's,
 * open), its member's previous photo read, the new file's row, the
 * member pointed at it, the previous row forgotten, the audit event.
 * Returns DB_OK (c->found 0: no such open draft), DB_ERROR with
 * c->gone set when the member is not there (nothing written), or the
 * failure.
 */
static enum db_rc
photo_txn(struct db *db, void *arg)
{
	struct photo_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[3];
	enum db_rc		 rc;
	char			 idtext[48];
	int			 open;

	c->found = 0;
	c->gone = 0;
	c->old[0] = '\0';
	if ((st = db_stmt(db, RSQL_DRAFT_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->draft);
	db_bind_int(st, 1, c->r->session->agent_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	open = strcmp(db_col_text(st, 0), "open") == 0;
	db_reset(st);
	if (!open)
		return DB_OK;
	if ((st = db_stmt(db, RSQL_PHOTO_OF_MEMBER)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->draft);
	db_bind_int(st, 1, c->pos);
	if ((rc = db_step(st)) == DB_ROW) {
		snprintf(c->old, sizeof(c->old), "%s", db_col_text(st, 0));
		db_reset(st);
	} else if (rc != DB_OK)
		return rc;
	if ((rc = files_record(db, c->file, c->r->session->agent_id)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, RSQL_PHOTO_SET)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, c->file->id);
	db_bind_int(st, 1, c->draft);
	db_bind_int(st, 2, c->pos);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) == 0) {
		/* no such member (deleted meanwhile): undo the file's row */
		c->gone = 1;
		return DB_ERROR;
	}
	if (c->old[0] != '\0' && (rc = files_forget(db, c->old)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"photo", c->old[0] ? c->old : NULL,
	    c->file->id};
	ch[1] = (struct audit_change){"photo_type", NULL, c->file->mime};
	ch[2] = (struct audit_change){"photo_blake2b", NULL, c->file->hash};
	snprintf(idtext, sizeof(idtext), "%lld/%d", (long long)c->draft,
	    c->pos);
	if ((rc = audit_req(c->r, "registration_member", idtext, "photo", ch,
	    3)) != DB_OK)
		return rc;
	c->found = 1;
	return DB_OK;
}

/*
 * POST /registration/member/{pos}/photo (registration.register, CSRF,
 * multipart; photo_fields): the photo of the person at pos of the
 * agent's open draft (the person's step saved first), taken with the
 * webcam or chosen as a file. Redirects to the person's step with a
 * flash. 422 with the step again for a type other than JPEG or PNG, an
 * empty file or one over FILES_PHOTO_MAX (the field spec's cap answers
 * that one first); 507 when the store's disk is full; 404 when the
 * draft has no person at pos. Nothing is stored when refused.
 */
int
page_photo_upload(struct req *r)
{
	const struct field_value	*v = form_get(r, "photo");
	struct draft			*d = NULL;
	struct photo_ctx		 c;
	struct files_meta		 file;
	enum files_rc			 frc;
	enum db_rc			 rc;
	char				 loc[64];
	int64_t				 pos = req_param_int(r, "pos");
	int				 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((rc = draft_open(r, d)) != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	if (pos < 1 || pos > REG_MAX_MEMBERS ||
	    draft_member(d, (int)pos) == NULL) {
		status = 404;
		goto out;
	}
	if (v == NULL || !v->present) {
		status = 422;
		goto out;
	}
	frc = files_write(r->conf, FILES_PERSON_PHOTO, v->data, v->datasz,
	    &file);
	if (frc == FILES_BAD_TYPE || frc == FILES_EMPTY ||
	    frc == FILES_TOO_BIG || frc == FILES_NO_SPACE) {
		form_set_error(r, "photo",
		    frc == FILES_TOO_BIG ? "Form.Error.FileTooBig" :
		    frc == FILES_NO_SPACE ? "Form.Error.StoreFull" :
		    "Registration.Photo.Error.Type");
		free(d);
		d = NULL;
		r->tpl = "registration/member.cs";
		if ((status = page_member(r)) != 200)
			goto out;
		/* 507 Insufficient Storage (RFC 4918), as identity's photo */
		status = frc == FILES_NO_SPACE ? 507 : 422;
		goto out;
	}
	if (frc != FILES_OK) {
		status = 500;
		goto out;
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.draft = d->id;
	c.pos = (int)pos;
	c.file = &file;
	if ((rc = db_txn(r->db, photo_txn, &c)) != DB_OK || !c.found) {
		files_unlink(r->conf, file.id);
		if (rc == DB_OK || c.gone) {
			/* nothing was written: the draft or member went */
			status = 404;
			goto out;
		}
		log_err("cannot record a registration photo: %s",
		    db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	if (c.old[0] != '\0' && files_unlink(r->conf, c.old) != 0)
		log_warn("cannot remove the replaced photo file %s", c.old);
	flash_set(r, "ok", "Registration.Photo.Flash.Saved");
	snprintf(loc, sizeof(loc), "/registration/member/%lld#photo",
	    (long long)pos);
	status = resp_redirect(r, loc);
out:
	free(d);
	return status;
}

/*
 * GET /registration/member/{pos}/photo (registration.register): the
 * photo of the person at pos of the agent's open draft, from the
 * document store (as an attachment, nosniff, its type as libmagic
 * decided), after an access event; the member's page shows it. 404 when
 * there is none.
 */
int
page_photo_view(struct req *r)
{
	struct draft	*d;
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 idtext[48];
	int64_t		 pos = req_param_int(r, "pos");
	int64_t		 draft;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	rc = draft_open(r, d);
	draft = d->id;
	free(d);
	if (rc != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	/* column 0 the file, column 1 a name for the download */
	if ((st = db_stmt(r->db, RSQL_PHOTO_OF_MEMBER)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, draft);
	db_bind_int(st, 1, pos);
	snprintf(idtext, sizeof(idtext), "%lld/%lld", (long long)draft,
	    (long long)pos);
	return files_download(r, st, "registration_member", idtext, "photo");
}

/* See registration.h. */
enum db_rc
photo_to_person(struct db *db, struct req *r, const struct member *m,
    int64_t person)
{
	struct db_stmt		*st;
	struct audit_change	 ch;
	enum db_rc		 rc;
	char			 idtext[24];

	if (m->photo[0] == '\0')
		return DB_OK;
	if ((st = db_stmt(db, RSQL_PHOTO_TO_PERSON)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, person);
	db_bind_int(st, 1, r->session->agent_id);
	db_bind_text(st, 2, m->photo);
	db_bind_int(st, 3, person);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) == 0)
		return DB_OK;	/* the person keeps the photo they have */
	ch = (struct audit_change){"photo", NULL, m->photo};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)person);
	return audit_req(r, "person", idtext, "photo", &ch, 1);
}

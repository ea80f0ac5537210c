/*
 * family.c: the family link pages of havre-identity: add a link (with
 * the consistency warnings it raises) and remove one, each with its
 * reciprocal, from a person's page. What the other pages need of
 * links and warnings is kin.c's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "identity.h"
#include "log.h"
#include "session.h"
#include "tpl.h"

/* POST /identity/persons/{id}/family: relative_id is the person's
 * <relation>. */
const struct field_spec link_fields[] = {
	{"relative_id", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"relation", FIELD_ENUM, 1, 0, 0, relations},
	{"ack_warnings", FIELD_BOOL, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST .../family/{link}/delete, .../documents/{doc}/delete and
 * .../phones/{contact}/delete: confirm=1 is the answer "Yes, remove" of
 * the question page (issue 13.2). */
const struct field_spec remove_confirm_fields[] = {
	{"confirm", FIELD_INT, 0, 1, 1, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* What link_add_txn needs. */
struct link_ctx {
	struct req		*r;
	int64_t			 person, relative, link;
	const char		*relation;
	const struct warnings	*warn;
	int			 found;		/* out */
};

/* Link and record the acknowledged warnings (db_txn function). */
static enum db_rc
link_add_txn(struct db *db, void *arg)
{
	struct link_ctx	*c = arg;
	enum db_rc	 rc;

	if ((rc = family_link_txn(db, c->r, c->person, c->relative,
	    c->relation)) != DB_OK)
		return rc;
	return warnings_record(db, c->r, c->person, c->warn);
}

/* Re-render the person's page with the family form in error. */
static int
link_refused(struct req *r)
{
	int	status = page_person_view(r);

	return status == 200 ? 422 : status;
}

/*
 * POST /identity/persons/{id}/family (identity.edit, CSRF;
 * link_fields): link an existing record as the person's <relation>,
 * with the reciprocal link. Consistency warnings need ack_warnings.
 * Redirects to the family section with a flash; 422 on the person's
 * page for a record linked to itself, unknown or merged, a link that
 * exists, or warnings not acknowledged; 404 for an unknown person.
 */
int
page_link_add(struct req *r)
{
	struct link_ctx	 c;
	struct person	*p = NULL, *rel = NULL;
	struct warnings	 warn;
	enum db_rc	 rc;
	char		 loc[80];
	int		 status;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.person = req_param_int(r, "id");
	c.relative = form_int(r, "relative_id");
	c.relation = form_str(r, "relation");
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (rel = calloc(1, sizeof(*rel))) == NULL) {
		status = 500;
		goto out;
	}
	if ((rc = person_load(r->db, c.person, p)) != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	if (c.relative == c.person) {
		form_set_error(r, "relative_id", "Identity.Error.LinkSelf");
		status = link_refused(r);
		goto out;
	}
	rc = person_load(r->db, c.relative, rel);
	if (rc != DB_ROW || strcmp(rel->status, "active") != 0 ||
	    strcmp(p->status, "active") != 0) {
		if (rc != DB_ROW && rc != DB_OK) {
			status = db_http_status(rc);
			goto out;
		}
		form_set_error(r, "relative_id", "Identity.Error.NoRelative");
		status = link_refused(r);
		goto out;
	}
	if ((rc = family_warnings(r->db, p, c.person, c.relative, c.relation,
	    &warn)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (warnings_gate(r, &warn)) {
		status = link_refused(r);
		goto out;
	}
	c.warn = &warn;
	rc = db_txn(r->db, link_add_txn, &c);
	if (rc == DB_DUP) {
		form_set_error(r, "relative_id", "Identity.Error.LinkExists");
		status = link_refused(r);
		goto out;
	}
	if (rc != DB_OK) {
		log_err("cannot link %lld to %lld: %s", (long long)c.person,
		    (long long)c.relative, db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	flash_set(r, "ok", "Identity.Flash.Linked");
	snprintf(loc, sizeof(loc), "/identity/persons/%lld#family",
	    (long long)c.person);
	status = resp_redirect(r, loc);
out:
	free(p);
	free(rel);
	return status;
}

/* Remove the link and its reciprocal, audit (db_txn function). */
static enum db_rc
link_delete_txn(struct db *db, void *arg)
{
	struct link_ctx	*c = arg;

	return family_unlink_txn(db, c->r, c->person, c->link, &c->found);
}

/*
 * GET /identity/persons/{id}/family/{link}/delete (identity.edit), also
 * the first POST to it and the fill of a rejected one: the question
 * before a family link is removed, saying what will happen: the person,
 * the relation and the relative (Unlink.*); the link removed from both
 * records; both records kept; the removal audited. "Yes, remove" posts
 * confirm=1, "Keep it" goes back to the family section. Nothing
 * changes. Returns 200, or 404 for an unknown person or a link that is
 * not the person's. Template identity/family_unlink.cs.
 */
int
page_link_delete_ask(struct req *r)
{
	struct person	*p;
	enum db_rc	 rc;
	HDF		*o;
	int64_t		 id = req_param_int(r, "id");
	int64_t		 link = req_param_int(r, "link");
	int		 status;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return 500;
	if ((rc = person_load(r->db, id, p)) != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	page_set_int(r, "Person.Id", p->id);
	page_set(r, "Person.FamilyName", p->family_name);
	page_set(r, "Person.GivenNames", p->given_names);
	if ((status = family_fill(r, id)) != 0)
		goto out;
	/* The link among the person's (family_fill): not there, 404. */
	status = 404;
	o = hdf_get_obj(r->hdf, "Person.Family");
	for (o = o != NULL ? hdf_obj_child(o) : NULL; o != NULL;
	    o = hdf_obj_next(o)) {
		if (hdf_get_int_value(o, "Id", 0) != link)
			continue;
		page_set_int(r, "Unlink.Id", link);
		page_set(r, "Unlink.RelationLabel",
		    hdf_get_value(o, "RelationLabel", ""));
		page_set(r, "Unlink.RelativeId", hdf_get_value(o, "RelativeId",
		    ""));
		page_set(r, "Unlink.FamilyName", hdf_get_value(o, "FamilyName",
		    ""));
		page_set(r, "Unlink.GivenNames", hdf_get_value(o, "GivenNames",
		    ""));
		page_set(r, "Page.Title", tpl_text(r->hdf,
		    "Identity.Family.UnlinkTitle"));
		r->tpl = "identity/family_unlink.cs";
		status = 200;
		break;
	}
out:
	free(p);
	return status;
}

/*
 * POST /identity/persons/{id}/family/{link}/delete (identity.edit,
 * CSRF; field confirm): without confirm=1, the question
 * (page_link_delete_ask) and nothing changes; with it, remove a family
 * link and its reciprocal (audited). Redirects with a flash; 404 if the
 * person has no such link.
 */
int
page_link_delete(struct req *r)
{
	struct link_ctx	c;
	enum db_rc	rc;
	char		loc[80];

	if (form_int(r, "confirm") != 1)
		return page_link_delete_ask(r);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.person = req_param_int(r, "id");
	c.link = req_param_int(r, "link");
	if ((rc = db_txn(r->db, link_delete_txn, &c)) != DB_OK) {
		log_err("cannot remove a link: %s", db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (!c.found)
		return 404;
	flash_set(r, "ok", "Flash.Deleted");
	snprintf(loc, sizeof(loc), "/identity/persons/%lld#family",
	    (long long)c.person);
	return resp_redirect(r, loc);
}

/*
 * timeline.c: one chronological view of everything about a person,
 * newest first: the record's changes (audit events of entity person:
 * creation, edits, documents, duplicate decisions, links, merges),
 * appointments (linked explicitly in person_appointment, or booked with
 * the number of one of the person's documents) with their booking and
 * their time, and the visits that came of them (reception's
 * visit_event rows), and the events of the person's dossiers (not
 * sealed ones). Each entry links to its source. Civil-status acts will
 * join the same query.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db.h"
#include "identity.h"
#include "tpl.h"

/*
 * GET /identity/persons/{id}/timeline (identity.search): the person's
 * timeline (Timeline.Items.N.{Kind, KindLabel, When, Text, Detail,
 * Link}), at most 300 entries. Writes an access event. 404 for an
 * unknown person. Template identity/timeline.cs.
 */
int
page_timeline(struct req *r)
{
	struct person	*p;
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 idtext[24], node[64], key[96], when[64], link[96];
	const char	*kind, *text;
	size_t		 n = 0;
	int		 status;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return 500;
	rc = person_load(r->db, req_param_int(r, "id"), p);
	if (rc != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	snprintf(idtext, sizeof(idtext), "%lld", (long long)p->id);
	if ((rc = access_write(r, "person", idtext, "timeline")) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	page_set(r, "Page.Title", tpl_text(r->hdf, "Identity.Timeline.Title"));
	page_set_int(r, "Person.Id", p->id);
	page_set(r, "Person.FamilyName", p->family_name);
	page_set(r, "Person.GivenNames", p->given_names);
	if ((st = db_stmt(r->db, ISQL_TIMELINE)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, p->id);
	db_bind_int(st, 1, p->id);
	db_bind_int(st, 2, p->id);
	db_bind_text(st, 3, idtext);
	db_bind_int(st, 4, p->id);
	while ((rc = db_step(st)) == DB_ROW) {
		kind = db_col_text(st, 0);
		text = db_col_text(st, 3);
#define SET(k, v) do { snprintf(node, sizeof(node), "Timeline.Items.%zu." k, \
	n); page_set(r, node, (v)); } while (0)
		SET("Kind", kind);
		snprintf(key, sizeof(key), "Identity.Timeline.Kind.%s", kind);
		SET("KindLabel", tpl_has_text(r->hdf, key) ?
		    tpl_text(r->hdf, key) : kind);
		identity_local_time(r, db_col_text(st, 1), when, sizeof(when));
		SET("When", when);
		snprintf(key, sizeof(key), "Identity.Timeline.%s.%s",
		    strcmp(kind, "change") == 0 ? "Action" :
		    strcmp(kind, "visit") == 0 ? "Visit" :
		    strcmp(kind, "dossier") == 0 ? "Dossier" : "Status", text);
		SET("Text", tpl_has_text(r->hdf, key) ? tpl_text(r->hdf, key) :
		    text);
		SET("Detail", db_col_text(st, 4));
		if (strcmp(kind, "change") == 0)
			snprintf(link, sizeof(link), "/audit?entity=person&entity_id=%s",
			    idtext);
		else if (strcmp(kind, "dossier") == 0)
			snprintf(link, sizeof(link), "/dossier/%lld",
			    (long long)db_col_int(st, 2));
		else
			snprintf(link, sizeof(link),
			    "/appointments/bookings/%lld",
			    (long long)db_col_int(st, 2));
		SET("Link", link);
#undef SET
		n++;
	}
	if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	page_set_int(r, "Timeline.Count", (long long)n);
	status = 200;
out:
	free(p);
	return status;
}

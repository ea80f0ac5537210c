/*
 * review.c: the access review (issue 20 item 4; dataprotection.review,
 * supervisors and the data-protection officer). Over the last N days
 * (?days=, default 30), from the access log: the agents whose reads
 * look unusual, that is who read at least M persons outside the case
 * files assigned to them (?min=, default DataProtection.ReviewMin or
 * 20), read a sealed case file not assigned to them, or were refused
 * one; and every "break glass" opening of a sealed case file with its
 * reason (havre-dossier, glass.c). The figures are counts over the
 * access log: a name on the list is a question to ask, not a finding.
 * Both lists are also given as CSV (/access-review/export), for a
 * review kept outside Havre.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "buf.h"
#include "conf.h"
#include "csvw.h"
#include "db.h"
#include "portal.h"
#include "tpl.h"

static const char *const review_tables[] = {"agents", "glass", NULL};

/* GET /access-review?days=&min= and /access-review/export?days=&min=&table= */
const struct field_spec review_fields[] = {
	{"days", FIELD_INT, 0, 1, 366, NULL},
	{"min", FIELD_INT, 0, 1, 1000000, NULL},
	{"table", FIELD_ENUM, 0, 0, 0, review_tables},
	{NULL, 0, 0, 0, 0, NULL},
};

/* The review's window (days, default 30) and threshold (min, default
 * DataProtection.ReviewMin or 20), from the request. */
static void
review_window(struct req *r, long long *days, long long *min)
{
	*days = form_int(r, "days") > 0 ? form_int(r, "days") : 30;
	*min = form_int(r, "min") > 0 ? form_int(r, "min") :
	    conf_get_int(r->conf, "DataProtection.ReviewMin", 20);
}

/*
 * GET /access-review (dataprotection.review; review_fields):
 * Review.{Days, Min}, Review.Agents.N.{Actor, Persons, Outside,
 * Sealed, Glass, Refused} (most outside reads first), and
 * Review.Glass.N.{At, Actor, Reference, DossierId, Reason, Until}
 * (newest first). Template portal/review.cs.
 */
int
page_review(struct req *r)
{
	static const char *const akeys[] = {"Actor", "Persons", "Outside",
		"Sealed", "Glass", "Refused"};
	static const char *const gkeys[] = {"At", "Actor", "Reference",
		"DossierId", "Reason", "Until"};
	struct db_stmt	*st;
	enum db_rc	 rc;
	long long	 days, min;
	char		 node[64];
	size_t		 n = 0, i;

	review_window(r, &days, &min);
	page_set(r, "Page.Title", tpl_text(r->hdf, "DataProtection.Review.Title"));
	page_set_int(r, "Review.Days", days);
	page_set_int(r, "Review.Min", min);
	if (r->method == M_GET && form_str(r, "days")[0] == '\0')
		page_set_int(r, "Form.days.Value", days);
	if (r->method == M_GET && form_str(r, "min")[0] == '\0')
		page_set_int(r, "Form.min.Value", min);
	if ((st = db_stmt(r->db, PSQL_REVIEW_AGENTS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, days);
	db_bind_int(st, 1, min);
	while ((rc = db_step(st)) == DB_ROW) {
		for (i = 0; i < sizeof(akeys) / sizeof(akeys[0]); i++) {
			snprintf(node, sizeof(node), "Review.Agents.%zu.%s", n,
			    akeys[i]);
			page_set(r, node, db_col_text(st, i + 1));
		}
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	n = 0;
	if ((st = db_stmt(r->db, PSQL_REVIEW_GLASS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, days);
	while ((rc = db_step(st)) == DB_ROW) {
		for (i = 0; i < sizeof(gkeys) / sizeof(gkeys[0]); i++) {
			snprintf(node, sizeof(node), "Review.Glass.%zu.%s", n,
			    gkeys[i]);
			page_set(r, node, db_col_text(st, i));
		}
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	return 200;
}

/*
 * GET /access-review/export (dataprotection.review; review_fields:
 * days, min, table agents (default) or glass): one of the page's two
 * lists as CSV through csvw, the same rows and counts, as an attachment
 * named access-review-<table>-<days>d.csv. Agents: agent, persons_read,
 * outside_assigned, sealed_not_theirs, break_glass, refused. Glass:
 * at_utc, agent, dossier, dossier_id, reason, open_until_utc.
 */
int
page_review_csv(struct req *r)
{
	static const char *const ahead[] = {"agent", "persons_read",
		"outside_assigned", "sealed_not_theirs", "break_glass",
		"refused"};
	static const char *const ghead[] = {"at_utc", "agent", "dossier",
		"dossier_id", "reason", "open_until_utc"};
	struct db_stmt	*st;
	struct buf	 b = {0};
	const char	*table = form_str(r, "table");
	enum db_rc	 rc;
	long long	 days, min;
	char		 disp[96];
	size_t		 i, first;
	int		 glass, e = 0, status;

	review_window(r, &days, &min);
	glass = strcmp(table, "glass") == 0;
	for (i = 0; i < 6; i++)
		e |= csvw_field(&b, glass ? ghead[i] : ahead[i], i == 0);
	e |= csvw_end(&b);
	if ((st = db_stmt(r->db, glass ? PSQL_REVIEW_GLASS :
	    PSQL_REVIEW_AGENTS)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, days);
	if (!glass)
		db_bind_int(st, 1, min);
	/* the agents' statement starts with the agent's id, not shown */
	first = glass ? 0 : 1;
	while ((rc = db_step(st)) == DB_ROW) {
		for (i = 0; i < 6; i++)
			e |= csvw_field(&b, db_col_text(st, first + i),
			    i == 0);
		e |= csvw_end(&b);
	}
	if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (e) {
		status = 500;
		goto out;
	}
	snprintf(disp, sizeof(disp),
	    "attachment; filename=\"access-review-%s-%lldd.csv\"",
	    glass ? "glass" : "agents", days);
	resp_header(r, "Content-Disposition", disp);
	status = resp_bytes(r, 200, "text/csv; charset=utf-8",
	    b.data ? b.data : "", b.len);
out:
	buf_free(&b);
	return status;
}

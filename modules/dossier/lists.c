/*
 * lists.c: the work lists (mine, unassigned, due within 7 or 30 days,
 * overdue, paused, with an overdue exchange, all), filtered by procedure and status and sorted by
 * due date or lodging date, every choice kept in the URL so that a list
 * can be bookmarked; and a supervisor's assignment of several dossiers
 * at once. Each list reads one index (migration 0012) with LIMIT.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "booking.h"
#include "dossier.h"
#include "log.h"
#include "session.h"
#include "tpl.h"
#include "valid.h"

static const char *const list_names[] = {"mine", "unassigned", "due7",
	"due30", "overdue", "paused", "exchanges", "all", NULL};
static const char *const sorts[] = {"due", "lodged", NULL};

/* GET /dossier: which list, filters, order, page. */
const struct field_spec list_fields[] = {
	{"list", FIELD_ENUM, 0, 0, 0, list_names},
	{"procedure", FIELD_INT, 0, 0, DB_ID_MAX, NULL},
	{"status", FIELD_STRING, 0, 0, WF_CODE_MAX, NULL},
	{"sort", FIELD_ENUM, 0, 0, 0, sorts},
	{"page", FIELD_INT, 0, 1, 100, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /dossier/assign: the dossiers ticked (ids, repeated) and the
 * officer (0: nobody); the list's URL to come back to. */
const struct field_spec assign_bulk_fields[] = {
	{"ids", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"agent_id", FIELD_INT, 1, 0, DB_ID_MAX, NULL},
	{"back", FIELD_STRING, 0, 0, 300, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The most dossiers one bulk assignment moves (a page of a list). */
#define BULK_MAX	LIST_PAGE

/* The list's query string without page (filters and order kept;
 * status is a status code, [a-z0-9_], so nothing needs escaping). */
static void
list_query(char *out, size_t outsz, const char *list, int64_t procedure,
    const char *status, const char *sort)
{
	snprintf(out, outsz, "list=%s&procedure=%lld&status=%s&sort=%s", list,
	    (long long)procedure, status, sort);
}

/* Bind the list's own parameters; returns how many. */
static size_t
bind_list(struct req *r, struct db_stmt *st, int list, int64_t today)
{
	char	a[11], b[11];

	switch (list) {
	case LIST_MINE:
		db_bind_int(st, 0, r->session ? r->session->agent_id : 0);
		return 1;
	case LIST_DUE7:
	case LIST_DUE30:
		wf_day_format(today, a);
		wf_day_format(today + (list == LIST_DUE7 ? 7 : 30), b);
		db_bind_text(st, 0, a);
		db_bind_text(st, 1, b);
		return 2;
	case LIST_OVERDUE:
	case LIST_XOVERDUE:
		wf_day_format(today, a);
		db_bind_text(st, 0, a);
		return 1;
	default:
		return 0;
	}
}

/* One row of the list into Rows.N. */
static void
row_fill(struct req *r, struct db_stmt *st, size_t n, int64_t today)
{
	const struct wf_def	*def;
	enum db_rc		 rc;
	char			 node[64], ref[10], name[1700];
	int64_t			 due;
	int			 sealed = (int)db_col_int(st, 8);
	int64_t			 assignee = db_col_int(st, 9);

#define SET(k, v) do { snprintf(node, sizeof(node), "Rows.%zu." k, n); \
	page_set(r, node, (v)); } while (0)
#define SETI(k, v) do { snprintf(node, sizeof(node), "Rows.%zu." k, n); \
	page_set_int(r, node, (v)); } while (0)
	SETI("Id", db_col_int(st, 0));
	booking_reference_display(db_col_text(st, 1), ref);
	SET("Reference", ref);
	SET("Procedure", db_col_text(st, 2));
	def = wf_version_def(r->db, db_col_int(st, 4), &rc);
	SET("Status", status_label(r, def, db_col_text(st, 3)));
	SET("Lodged", db_col_text(st, 5));
	if (wf_day_parse(db_col_text(st, 6), &due) == 0 &&
	    strcmp(db_col_text(st, 6), "9999-12-31") != 0) {
		SET("Due", db_col_text(st, 6));
		SETI("Left", due - today);
		SET("Light", due < today ? "red" : due - today <= 7 ? "amber" :
		    "green");
	} else if (db_col_int(st, 7))
		SET("Light", "paused");
	SETI("Sealed", sealed);
	/* A sealed dossier's applicant is not named to those who may not
	 * open it. */
	if (!sealed || session_can(r->session, PERM_SEALED) ||
	    (assignee != 0 && r->session && assignee == r->session->agent_id)) {
		person_display(db_col_text(st, 11), db_col_text(st, 12), name,
		    sizeof(name));
		SET("Name", name);
	}
	SET("Officer", db_col_text(st, 10));
	SETI("Version", db_col_int(st, 13));
	/* An open exchange past its due date (the earliest one is kept on
	 * the dossier): a marker in every list. */
	if (wf_day_parse(db_col_text(st, 14), &due) == 0 && due < today)
		SETI("ExchangeOverdue", 1);
#undef SET
#undef SETI
}

/* Statuses.N.{Value, Label}: the statuses of the chosen procedure, or
 * of every active one (codes once). */
static void
statuses_fill(struct req *r, int64_t procedure)
{
	const struct wf_def	*def;
	HDF			*o;
	enum db_rc		 rc;
	char			 node[64];
	size_t			 n = 0, i;
	int64_t			 vid;
	struct db_stmt		*st;

	o = hdf_get_obj(r->hdf, "Procedures");
	for (o = o ? hdf_obj_child(o) : NULL; o != NULL; o = hdf_obj_next(o)) {
		if (procedure != 0 && hdf_get_int_value(o, "Value", 0) !=
		    procedure)
			continue;
		if ((st = db_stmt(r->db, DSQL_PROC_GET)) == NULL)
			return;
		db_bind_int(st, 0, hdf_get_int_value(o, "Value", 0));
		if (db_step(st) != DB_ROW)
			continue;
		vid = db_col_int(st, 6);
		db_reset(st);
		if ((def = wf_version_def(r->db, vid, &rc)) == NULL)
			continue;
		for (i = 0; i < def->nstatuses; i++) {
			snprintf(node, sizeof(node), "StatusSeen.%s",
			    def->statuses[i].code);
			if (hdf_get_value(r->hdf, node, NULL) != NULL)
				continue;
			page_set(r, node, "1");
			snprintf(node, sizeof(node), "Statuses.%zu.Value", n);
			page_set(r, node, def->statuses[i].code);
			snprintf(node, sizeof(node), "Statuses.%zu.Label", n);
			page_set(r, node, wf_label_text(&def->statuses[i].label,
			    r->lang, def->statuses[i].code));
			n++;
		}
	}
}

/* Tabs.N.{Name, Label, Href, Current}, keeping filters and order. */
static void
tabs_fill(struct req *r, int list, int64_t procedure, const char *status,
    const char *sort)
{
	char	node[64], key[64], q[400], href[420];
	size_t	i;

	for (i = 0; i < LIST__MAX; i++) {
		snprintf(node, sizeof(node), "Tabs.%zu.Name", i);
		page_set(r, node, list_names[i]);
		snprintf(key, sizeof(key), "Dossier.List.%s", list_names[i]);
		snprintf(node, sizeof(node), "Tabs.%zu.Label", i);
		page_set(r, node, tpl_text(r->hdf, key));
		list_query(q, sizeof(q), list_names[i], procedure, status,
		    sort);
		snprintf(href, sizeof(href), "/dossier?%s", q);
		snprintf(node, sizeof(node), "Tabs.%zu.Href", i);
		page_set(r, node, href);
		if ((int)i == list) {
			snprintf(node, sizeof(node), "Tabs.%zu.Current", i);
			page_set(r, node, "1");
		}
	}
}

/*
 * GET /dossier (dossier.view; list_fields): a work list, LIST_PAGE rows
 * a page (Rows.N.{Id, Reference, Procedure, Status, Lodged, Due, Left,
 * Light, Name, Officer, Sealed, Version}), with its tabs, filters and
 * pager links that keep every choice. Officers (for dossier.assign)
 * feed the bulk assignment. Template dossier/list.cs.
 */
int
page_lists(struct req *r)
{
	const struct field_value	*lv = form_get(r, "list");
	const struct field_value	*sv = form_get(r, "sort");
	struct db_stmt			*st;
	enum db_rc			 rc;
	int64_t				 procedure = form_int(r, "procedure");
	int64_t				 today = dossier_today(r);
	const char			*status = form_str(r, "status");
	const char			*sort;
	char				 q[400], href[440], node[64];
	long long			 page = form_int(r, "page");
	size_t				 k, n = 0;
	int				 list, more = 0;

	list = lv != NULL && lv->present ? (int)lv->i : LIST_MINE;
	/* Status codes are [a-z0-9_]: anything else matches nothing. */
	if (strspn(status, "abcdefghijklmnopqrstuvwxyz0123456789_") !=
	    strlen(status))
		status = "";
	sort = sorts[sv != NULL && sv->present ? sv->i : 0];
	if (page < 1)
		page = 1;
	page_set(r, "Page.Title", tpl_text(r->hdf, "Dossier.Lists.Title"));
	page_set(r, "List.Name", list_names[list]);
	page_set(r, "List.Sort", sort);
	page_set_int(r, "List.Procedure", procedure);
	page_set(r, "List.Status", status);
	page_set_int(r, "List.Page", page);
	page_set_int(r, "Can.Assign", session_can(r->session, PERM_ASSIGN));
	page_set_int(r, "Can.Create", session_can(r->session, PERM_CREATE));
	page_set_int(r, "Can.Monitor", session_can(r->session, PERM_MONITOR));
	if ((k = (size_t)procedures_fill(r, "Procedures", 1)) != 0)
		return (int)k;
	statuses_fill(r, procedure);
	tabs_fill(r, list, procedure, status, sort);
	if ((st = db_stmt(r->db, DSQL_LIST_FIRST + 2 * list +
	    (strcmp(sort, "lodged") == 0))) == NULL)
		return db_http_status(db_last_rc(r->db));
	k = bind_list(r, st, list, today);
	db_bind_int(st, k++, procedure);
	db_bind_int(st, k++, procedure);
	db_bind_text(st, k++, status);
	db_bind_text(st, k++, status);
	/* one row more than a page says whether there is a next one */
	db_bind_int(st, k++, LIST_PAGE + 1);
	db_bind_int(st, k, (page - 1) * LIST_PAGE);
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == LIST_PAGE) {
			more = 1;
			continue;
		}
		row_fill(r, st, n++, today);
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "List.Count", (long long)n);
	list_query(q, sizeof(q), list_names[list], procedure, status, sort);
	page_set(r, "List.Query", q);
	if (page > 1) {
		snprintf(href, sizeof(href), "/dossier?%s&page=%lld", q,
		    page - 1);
		page_set(r, "List.PrevHref", href);
	}
	if (more && page < 100) {
		snprintf(href, sizeof(href), "/dossier?%s&page=%lld", q,
		    page + 1);
		page_set(r, "List.NextHref", href);
	}
	if (session_can(r->session, PERM_ASSIGN)) {
		if ((st = db_stmt(r->db, DSQL_OFFICERS)) == NULL)
			return db_http_status(db_last_rc(r->db));
		for (k = 0; (rc = db_step(st)) == DB_ROW; k++) {
			snprintf(node, sizeof(node), "Officers.%zu.Value", k);
			page_set_int(r, node, db_col_int(st, 0));
			snprintf(node, sizeof(node), "Officers.%zu.Label", k);
			page_set(r, node, db_col_text(st, 1));
		}
		if (rc != DB_OK)
			return db_http_status(rc);
	}
	return 200;
}

struct bulk_ctx {
	struct req	*r;
	int64_t		 ids[BULK_MAX];
	size_t		 n;
	int64_t		 agent;
	size_t		 moved;		/* out */
};

static enum db_rc
bulk_txn(struct db *db, void *arg)
{
	struct bulk_ctx		*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch;
	enum db_rc		 rc;
	char			 idtext[24], before[24], after[24];
	int64_t			 version, was;
	size_t			 i;

	c->moved = 0;
	snprintf(after, sizeof(after), "%lld", (long long)c->agent);
	for (i = 0; i < c->n; i++) {
		if ((st = db_stmt(db, DSQL_DOSSIER_LOCK)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->ids[i]);
		if ((rc = db_step(st)) == DB_OK)
			continue;	/* no such dossier: skipped */
		if (rc != DB_ROW)
			return rc;
		version = db_col_int(st, 1);
		was = db_col_int(st, 2);
		db_reset(st);
		if ((st = db_stmt(db, DSQL_DOSSIER_ASSIGN)) == NULL)
			return db_last_rc(db);
		if (c->agent)
			db_bind_int(st, 0, c->agent);
		else
			db_bind_null(st, 0);
		db_bind_int(st, 1, c->ids[i]);
		db_bind_int(st, 2, version);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
		if ((rc = dossier_event(db, c->r, c->ids[i], "assigned", NULL,
		    NULL, after)) != DB_OK)
			return rc;
		snprintf(before, sizeof(before), "%lld", (long long)was);
		ch = (struct audit_change){"assignee", before, after};
		snprintf(idtext, sizeof(idtext), "%lld", (long long)c->ids[i]);
		if ((rc = audit_req(c->r, "dossier", idtext, "assign", &ch,
		    1)) != DB_OK)
			return rc;
		c->moved++;
	}
	return DB_OK;
}

/*
 * POST /dossier/assign (dossier.assign, CSRF; assign_bulk_fields):
 * give every ticked dossier (ids, repeated, at most a page) to
 * agent_id (0: to nobody) in one transaction, each audited. Redirects
 * back to the list (its query kept); 422 for an unknown officer or a
 * malformed id.
 */
int
page_assign_bulk(struct req *r)
{
	struct bulk_ctx	*c;
	struct db_stmt	*st;
	enum db_rc	 rc;
	const char	*back = form_str(r, "back");
	char		 loc[400];
	long long	 v;
	size_t		 i;
	int		 status;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return 500;
	c->r = r;
	c->agent = form_int(r, "agent_id");
	for (i = 0; i < r->body.n; i++) {
		if (strcmp(r->body.v[i].name, "ids") != 0)
			continue;
		if (c->n == BULK_MAX || !valid_int(r->body.v[i].value, 1,
		    DB_ID_MAX, &v)) {
			form_set_error(r, "ids", "Dossier.Error.BulkIds");
			status = page_lists(r);
			status = status == 200 ? 422 : status;
			goto out;
		}
		c->ids[c->n++] = v;
	}
	if (c->agent != 0) {
		if ((st = db_stmt(r->db, DSQL_AGENT_GET)) == NULL) {
			status = db_http_status(db_last_rc(r->db));
			goto out;
		}
		db_bind_int(st, 0, c->agent);
		if ((rc = db_step(st)) != DB_ROW) {
			if (rc != DB_OK) {
				status = db_http_status(rc);
				goto out;
			}
			form_set_error(r, "agent_id", "Dossier.Error.NoAgent");
			status = page_lists(r);
			status = status == 200 ? 422 : status;
			goto out;
		}
		db_reset(st);
	}
	if ((rc = db_txn(r->db, bulk_txn, c)) != DB_OK) {
		log_err("bulk assignment failed: %s", db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	flash_set(r, "ok", "Dossier.Flash.Assigned");
	/* back is a query string of this list only: anything else goes to
	 * the default list (never an open redirect). */
	if (strncmp(back, "list=", 5) == 0 && strspn(back,
	    "abcdefghijklmnopqrstuvwxyz0123456789=&_%-") == strlen(back))
		snprintf(loc, sizeof(loc), "/dossier?%s", back);
	else
		snprintf(loc, sizeof(loc), "/dossier");
	status = resp_redirect(r, loc);
out:
	free(c);
	return status;
}

/*
 * procedures.c: procedures as data, for supervisors: each procedure's
 * statuses, transitions (with the permission each needs) and deadlines
 * (with their legal source) read as tables; its name, whether new
 * dossiers may use it, and its rules edited. A changed definition is
 * checked whole by the workflow facility and saved as a new version:
 * dossiers keep the version they started under. Also the agency's
 * closed days, which working-day clocks skip.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "dossier.h"
#include "edit.h"
#include "log.h"
#include "session.h"
#include "tpl.h"

/* The longest definition a supervisor may save, in code points. */
#define DEF_MAX	60000

const struct field_spec procedure_fields[] = {
	{"name", FIELD_STRING, 1, 1, 200, NULL},
	{"active", FIELD_BOOL, 0, 0, 0, NULL},
	{"definition", FIELD_TEXT, 1, 2, DEF_MAX, NULL},
	{"version", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec closed_fields[] = {
	{"day", FIELD_DATE, 1, 0, 0, NULL},
	{"label", FIELD_STRING, 1, 1, 200, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec closed_delete_fields[] = {
	{"day", FIELD_DATE, 1, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* ClosedDays.N.{Day, Label}. */
static int
closed_fill(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64];
	size_t		 n = 0;

	if ((st = db_stmt(r->db, DSQL_CLOSED_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "ClosedDays.%zu.Day", n);
		page_set(r, node, db_col_text(st, 0));
		snprintf(node, sizeof(node), "ClosedDays.%zu.Label", n);
		page_set(r, node, db_col_text(st, 1));
		n++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

/*
 * GET /dossier/procedures (dossier.view): the procedures with their
 * version, and the agency's closed days (forms for dossier.configure).
 * Also the fill of a rejected closed-day form. Template
 * dossier/procedures.cs.
 */
int
page_procedures(struct req *r)
{
	int	status;

	r->tpl = "dossier/procedures.cs";
	page_set(r, "Page.Title", tpl_text(r->hdf, "Dossier.Procedures.Title"));
	page_set_int(r, "Can.Configure", session_can(r->session,
	    PERM_CONFIGURE));
	if ((status = procedures_fill(r, "Procedures", 1)) != 0 ||
	    (status = closed_fill(r)) != 0)
		return status;
	return 200;
}

/* The stored procedure: name, active, version, current definition and
 * its number. Returns DB_ROW, DB_OK (none) or the failure. */
struct stored_proc {
	char	 name[201];
	int	 active;
	int64_t	 version;
	int	 number;
	int64_t	 version_id;
	char	*definition;	/* malloc'd */
};

static enum db_rc
proc_read(struct db *db, int64_t id, struct stored_proc *p)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(p, 0, sizeof(*p));
	if ((st = db_stmt(db, DSQL_PROC_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	snprintf(p->name, sizeof(p->name), "%s", db_col_text(st, 2));
	p->number = (int)db_col_int(st, 3);
	p->active = (int)db_col_int(st, 4);
	p->version = db_col_int(st, 5);
	p->version_id = db_col_int(st, 6);
	p->definition = strdup(db_col_text(st, 7));
	db_reset(st);
	return p->definition != NULL ? DB_ROW : DB_ERROR;
}

/* The definition as tables: Def.Statuses.N, Def.Transitions.N,
 * Def.Deadlines.N. */
static void
def_fill(struct req *r, const struct wf_def *def)
{
	char	node[64], len[32];
	size_t	i, j;

	for (i = 0; i < def->nstatuses; i++) {
#define SET(k, v) do { snprintf(node, sizeof(node), "Def.Statuses.%zu." k, \
	i); page_set(r, node, (v)); } while (0)
		SET("Code", def->statuses[i].code);
		SET("Label", wf_label_text(&def->statuses[i].label, r->lang,
		    ""));
		SET("Pauses", def->statuses[i].pauses ? "1" : "0");
		SET("Final", def->statuses[i].final ? "1" : "0");
		SET("Initial", (int)i == def->initial ? "1" : "0");
#undef SET
	}
	for (i = 0; i < def->ntrans; i++) {
#define SET(k, v) do { snprintf(node, sizeof(node), \
	"Def.Transitions.%zu." k, i); page_set(r, node, (v)); } while (0)
		SET("From", wf_label_text(
		    &def->statuses[def->trans[i].from].label, r->lang, ""));
		SET("To", wf_label_text(&def->statuses[def->trans[i].to].label,
		    r->lang, ""));
		SET("Permission", def->trans[i].permission);
#undef SET
	}
	for (i = 0; i < def->ndeadlines; i++) {
		const struct wf_deadline *dl = &def->deadlines[i];
		char stops[WF_MAX_STOPS * (WF_LABEL_MAX + 2)] = "";
		size_t used = 0;

#define SET(k, v) do { snprintf(node, sizeof(node), \
	"Def.Deadlines.%zu." k, i); page_set(r, node, (v)); } while (0)
		SET("Label", wf_label_text(&dl->label, r->lang, dl->code));
		SET("Start", wf_label_text(&def->statuses[dl->start].label,
		    r->lang, ""));
		for (j = 0; j < dl->nstops && used < sizeof(stops); j++)
			used += (size_t)snprintf(stops + used,
			    sizeof(stops) - used, "%s%s", j > 0 ? ", " : "",
			    wf_label_text(&def->statuses[dl->stops[j]].label,
			    r->lang, ""));
		SET("Stop", stops);
		snprintf(len, sizeof(len), "%d", dl->length);
		SET("Length", len);
		SET("Unit", wf_unit_name(dl->unit));
		snprintf(len, sizeof(len), "%d", dl->extend);
		SET("Extend", len);
		SET("Source", dl->source);
#undef SET
	}
}

/* Fill the procedure page (and the form unless it is being re-shown). */
static int
procedure_fill(struct req *r, int64_t id, int keep_form)
{
	struct stored_proc	 p;
	const struct wf_def	*def;
	enum db_rc		 rc;

	if ((rc = proc_read(r->db, id, &p)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	r->tpl = "dossier/procedure.cs";
	page_set(r, "Page.Title", p.name);
	page_set_int(r, "Procedure.Id", id);
	page_set(r, "Procedure.Name", p.name);
	page_set_int(r, "Procedure.Number", p.number);
	page_set_int(r, "Can.Configure", session_can(r->session,
	    PERM_CONFIGURE));
	if (!keep_form) {
		page_set(r, "Form.name.Value", p.name);
		page_set(r, "Form.active.Value", p.active ? "1" : "");
		page_set(r, "Form.definition.Value", p.definition);
		page_set_int(r, "Form.version.Value", p.version);
	}
	if ((def = wf_version_def(r->db, p.version_id, &rc)) != NULL)
		def_fill(r, def);
	free(p.definition);
	return 0;
}

/*
 * GET /dossier/procedures/{id} (dossier.view): a procedure's rules as
 * tables and, for dossier.configure, its edit form. Also the fill of a
 * rejected save. Template dossier/procedure.cs.
 */
int
page_procedure(struct req *r)
{
	int	status = procedure_fill(r, req_param_int(r, "id"),
	    r->method == M_POST);

	return status == 0 ? 200 : status;
}

struct save_ctx {
	struct req		*r;
	int64_t			 id;
	const struct stored_proc *stored;
	int			 new_def;	/* the definition changed */
	int			 number;	/* out: the version in force */
	int			 conflict;	/* out */
};

static enum db_rc
save_txn(struct db *db, void *arg)
{
	struct save_ctx		*c = arg;
	struct db_stmt		*st;
	struct edit_field	 f[3];
	enum db_rc		 rc;
	char			 before[24], after[24];
	int			 n = 0;

	c->number = c->stored->number;
	if (c->new_def) {
		if ((st = db_stmt(db, DSQL_VERSION_MAX)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->id);
		if ((rc = db_step(st)) != DB_ROW)
			return rc == DB_OK ? DB_ERROR : rc;
		c->number = (int)db_col_int(st, 0) + 1;
		db_reset(st);
		if ((st = db_stmt(db, DSQL_VERSION_INSERT)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->id);
		db_bind_int(st, 1, c->number);
		db_bind_text(st, 2, form_str(c->r, "definition"));
		if (c->r->session && c->r->session->agent_id)
			db_bind_int(st, 3, c->r->session->agent_id);
		else
			db_bind_null(st, 3);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	if ((st = db_stmt(db, DSQL_PROC_UPDATE)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, form_str(c->r, "name"));
	db_bind_int(st, 1, form_int(c->r, "active") != 0);
	db_bind_int(st, 2, c->number);
	db_bind_int(st, 3, c->id);
	db_bind_int(st, 4, form_int(c->r, "version"));
	if ((rc = edit_exec(st, &c->conflict)) != DB_OK || c->conflict)
		return rc;
	snprintf(before, sizeof(before), "%d", c->stored->number);
	snprintf(after, sizeof(after), "%d", c->number);
	f[n++] = (struct edit_field){"name", "", c->stored->name,
	    form_str(c->r, "name")};
	f[n++] = (struct edit_field){"active", "", c->stored->active ? "1" :
	    "0", form_int(c->r, "active") ? "1" : "0"};
	f[n++] = (struct edit_field){"definition_version", "", before, after};
	return edit_audit(c->r, "procedure", c->id, "update", f, 3, NULL);
}

/*
 * POST /dossier/procedures/{id} (dossier.configure, CSRF;
 * procedure_fields): save the name, whether new dossiers may use it,
 * and the definition; a changed definition is checked whole (422 with
 * the workflow facility's message on the definition field) and becomes
 * a new version. 409 with both values when someone saved meanwhile.
 */
int
page_procedure_save(struct req *r)
{
	struct stored_proc	 p;
	struct save_ctx		 c;
	struct wf_def		*def;
	struct edit_field	 f[3];
	enum db_rc		 rc;
	char			 err[256], loc[64];
	int64_t			 id = req_param_int(r, "id");
	int			 status;

	if ((rc = proc_read(r->db, id, &p)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = id;
	c.stored = &p;
	c.new_def = strcmp(p.definition, form_str(r, "definition")) != 0;
	if (c.new_def) {
		if ((def = malloc(sizeof(*def))) == NULL) {
			status = 500;
			goto out;
		}
		if (wf_parse(form_str(r, "definition"), def, err,
		    sizeof(err)) != 0) {
			free(def);
			/* the facility's message, as written (English) */
			form_set_error(r, "definition", err);
			status = procedure_fill(r, id, 1);
			status = status == 0 ? 422 : status;
			goto out;
		}
		free(def);
	}
	if ((rc = db_txn(r->db, save_txn, &c)) != DB_OK) {
		log_err("procedure %lld: save failed: %s", (long long)id,
		    db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	if (c.conflict) {
		free(p.definition);
		if ((rc = proc_read(r->db, id, &p)) != DB_ROW)
			return db_http_status(rc == DB_OK ? DB_ERROR : rc);
		if ((status = procedure_fill(r, id, 1)) != 0)
			goto out;
		f[0] = (struct edit_field){"name", tpl_text(r->hdf,
		    "Dossier.Procedures.Name"), p.name, form_str(r, "name")};
		f[1] = (struct edit_field){"active", tpl_text(r->hdf,
		    "Dossier.Procedures.Active"), p.active ? "1" : "0",
		    form_int(r, "active") ? "1" : "0"};
		f[2] = (struct edit_field){"definition", tpl_text(r->hdf,
		    "Dossier.Procedures.Definition"), p.definition,
		    form_str(r, "definition")};
		edit_conflict(r, f, 3, p.version);
		status = 409;
		goto out;
	}
	flash_set(r, "ok", "Flash.Saved");
	snprintf(loc, sizeof(loc), "/dossier/procedures/%lld", (long long)id);
	status = resp_redirect(r, loc);
out:
	free(p.definition);
	return status;
}

struct closed_ctx {
	struct req	*r;
	int		 add;
	int		 found;	/* out (delete) */
};

static enum db_rc
closed_txn(struct db *db, void *arg)
{
	struct closed_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch;
	enum db_rc		 rc;
	const char		*day = form_get(c->r, "day")->norm;

	if ((st = db_stmt(db, c->add ? DSQL_CLOSED_INSERT :
	    DSQL_CLOSED_DELETE)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, day);
	if (c->add)
		db_bind_text(st, 1, form_str(c->r, "label"));
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	c->found = db_affected(st) > 0;
	if (!c->found)
		return DB_OK;
	ch = c->add ? (struct audit_change){"label", NULL,
	    form_str(c->r, "label")} : (struct audit_change){"label", "",
	    NULL};
	return audit_req(c->r, "closed_day", day, c->add ? "create" :
	    "delete", &ch, 1);
}

/*
 * POST /dossier/closed-days (dossier.configure, CSRF; closed_fields):
 * add a closed day. 422 when the day is already closed. Running clocks
 * keep the due dates they have; the day counts for clocks computed
 * from then on (a transition, a pause, an extension).
 */
int
page_closed_add(struct req *r)
{
	struct closed_ctx	c = {r, 1, 0};
	enum db_rc		rc;
	int			status;

	if ((rc = db_txn(r->db, closed_txn, &c)) == DB_DUP) {
		form_set_error(r, "day", "Dossier.Error.DayClosed");
		status = page_procedures(r);
		return status == 200 ? 422 : status;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	flash_set(r, "ok", "Flash.Saved");
	return resp_redirect(r, "/dossier/procedures#closed");
}

/*
 * POST /dossier/closed-days/delete (dossier.configure, CSRF;
 * closed_delete_fields): open a closed day again. 404 if it was not.
 */
int
page_closed_delete(struct req *r)
{
	struct closed_ctx	c = {r, 0, 0};
	enum db_rc		rc;

	if ((rc = db_txn(r->db, closed_txn, &c)) != DB_OK)
		return db_http_status(rc);
	if (!c.found)
		return 404;
	flash_set(r, "ok", "Flash.Deleted");
	return resp_redirect(r, "/dossier/procedures#closed");
}

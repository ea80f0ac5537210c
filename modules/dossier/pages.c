/*
 * pages.c: a dossier's own pages: opening one for a person of the
 * register, the dossier page (household, procedure and status, clocks,
 * officer, interviews, documents, notes, decisions, timeline), and its
 * changes: a transition of the procedure, the officer, the seal, a
 * clock's extension and a household member. Every change is version-guarded
 * (a stale form is refused with both values shown), runs in one
 * transaction with its timeline event and its audit event.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "booking.h"
#include "dossier.h"
#include "edit.h"
#include "log.h"
#include "person.h"
#include "session.h"
#include "tpl.h"

static const char *const relations[] = {"spouse", "child", "parent",
	"sibling", "other", NULL};

/* POST /dossier: open a dossier for a person of the register. */
const struct field_spec new_fields[] = {
	{"person_id", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"procedure_id", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"lodged_on", FIELD_DATE, 0, 0, 0, NULL},
	{"sealed", FIELD_BOOL, 0, 0, 0, NULL},
	{"assign_me", FIELD_BOOL, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* GET /dossier/new: the person the dossier is for (optional). */
const struct field_spec new_query_fields[] = {
	{"person_id", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec transition_fields[] = {
	{"to", FIELD_STRING, 1, 1, WF_CODE_MAX, NULL},
	{"version", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"reason", FIELD_TEXT, 0, 0, 1000, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec assign_fields[] = {
	{"agent_id", FIELD_INT, 0, 0, DB_ID_MAX, NULL},
	{"version", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec seal_fields[] = {
	{"sealed", FIELD_BOOL, 0, 0, 0, NULL},
	{"version", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /dossier/{id}/missing: the documents the applicant still has
 * to bring, one per line (shown on the status page). */
const struct field_spec missing_fields[] = {
	{"missing_documents", FIELD_TEXT, 0, 0, 2000, NULL},
	{"version", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec extend_fields[] = {
	{"by", FIELD_INT, 1, 1, 3660, NULL},
	{"reason", FIELD_STRING, 1, 3, 500, NULL},
	{"version", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

const struct field_spec member_fields[] = {
	{"person_id", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"relation", FIELD_ENUM, 1, 0, 0, relations},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* Text of an id for audit and access events. */
static void
id_text(int64_t id, char out[24])
{
	snprintf(out, 24, "%lld", (long long)id);
}

/* Fill Person.{Id, Name} for the form of a new dossier. */
static int
new_person_fill(struct req *r, int64_t id)
{
	struct person	*p;
	enum db_rc	 rc;
	char		 name[1700];
	int		 status = 0;

	if (id <= 0)
		return 0;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return 500;
	if ((rc = person_load(r->db, id, p)) == DB_ROW &&
	    strcmp(p->status, "active") == 0) {
		person_display(p->family_name, p->given_names, name,
		    sizeof(name));
		page_set_int(r, "Person.Id", p->id);
		page_set(r, "Person.Name", name);
	} else if (rc != DB_ROW && rc != DB_OK)
		status = db_http_status(rc);
	free(p);
	return status;
}

/*
 * GET /dossier/new (dossier.create; ?person_id=): the form that opens a
 * dossier for a person of the register, with the active procedures.
 * Also the fill of a rejected POST /dossier. Template dossier/new.cs.
 */
int
page_new(struct req *r)
{
	const struct field_value	*v = form_get(r, "person_id");
	int				 status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Dossier.New.Title"));
	if ((status = procedures_fill(r, "Procedures", 0)) != 0)
		return status;
	r->tpl = "dossier/new.cs";
	status = new_person_fill(r, v != NULL && v->valid ? v->i : 0);
	return status == 0 ? 200 : status;
}

struct create_ctx {
	struct req		*r;
	struct dossier_new	 n;
};

static enum db_rc
create_txn(struct db *db, void *arg)
{
	struct create_ctx	*c = arg;

	return dossier_create(db, c->r, &c->n);
}

/*
 * POST /dossier (dossier.create, CSRF; new_fields): open a dossier for
 * person_id under the current version of procedure_id, lodged on
 * lodged_on (default today; never in the future), with the person as
 * principal applicant; the clocks of the initial status start on the
 * lodging date. Redirects to the new dossier; 422 with the form for an
 * unknown or merged person, an inactive procedure or a future date.
 */
int
page_create(struct req *r)
{
	struct create_ctx	 c;
	struct wf_calendar	 cal;
	struct person		*p = NULL;
	const struct field_value *lodged = form_get(r, "lodged_on");
	enum db_rc		 rc;
	int			 status, tries;

	memset(&c, 0, sizeof(c));
	memset(&cal, 0, sizeof(cal));
	c.r = r;
	c.n.person = form_int(r, "person_id");
	c.n.procedure = form_int(r, "procedure_id");
	c.n.sealed = form_int(r, "sealed") != 0;
	if (form_int(r, "assign_me") && r->session != NULL &&
	    session_can(r->session, PERM_EDIT))
		c.n.assignee = r->session->agent_id;
	c.n.lodged = dossier_today(r);
	if (lodged != NULL && lodged->present) {
		c.n.lodged = wf_day(lodged->date.year, lodged->date.month,
		    lodged->date.day);
		if (c.n.lodged > dossier_today(r)) {
			form_set_error(r, "lodged_on",
			    "Dossier.Error.LodgedFuture");
			status = page_new(r);
			return status == 200 ? 422 : status;
		}
	}
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return 500;
	rc = person_load(r->db, c.n.person, p);
	if (rc != DB_ROW || strcmp(p->status, "active") != 0) {
		free(p);
		if (rc != DB_ROW && rc != DB_OK)
			return db_http_status(rc);
		form_set_error(r, "person_id", "Dossier.Error.NoPerson");
		status = page_new(r);
		return status == 200 ? 422 : status;
	}
	free(p);
	if ((status = procedure_current(r, c.n.procedure, &c.n.version_id,
	    &c.n.def)) != 0) {
		if (status != 404)
			return status;
		form_set_error(r, "procedure_id", "Dossier.Error.NoProcedure");
		status = page_new(r);
		return status == 200 ? 422 : status;
	}
	if ((rc = calendar_load(r, &cal)) != DB_OK)
		return db_http_status(rc);
	c.n.cal = &cal;
	/* A reference drawn twice (1 in 31^8 per pair) is drawn again. */
	for (tries = 0; tries < 5; tries++) {
		booking_reference_new(c.n.reference);
		if ((rc = db_txn(r->db, create_txn, &c)) != DB_DUP)
			break;
	}
	calendar_free(&cal);
	if (rc != DB_OK) {
		log_err("cannot open a dossier: %s", db_errmsg(r->db));
		return db_http_status(rc);
	}
	return dossier_redirect(r, c.n.id, "", "Dossier.Flash.Created");
}

/* Household.N.{Id, Name, Role, Relation, Birth, Nationality, Sex}. */
static int
household_fill(struct req *r, const struct dossier *d)
{
	struct db_stmt	*st;
	struct person	*p;
	enum db_rc	 rc;
	int64_t		 ids[50];
	char		 roles[50][16], rels[50][16], node[64], name[1700],
			 birth[11], words[64];
	size_t		 n = 0, i;
	int		 status = 0;

	if ((st = db_stmt(r->db, DSQL_HOUSEHOLD)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, d->id);
	while ((rc = db_step(st)) == DB_ROW && n < 50) {
		ids[n] = db_col_int(st, 0);
		snprintf(roles[n], sizeof(roles[n]), "%s", db_col_text(st, 1));
		snprintf(rels[n], sizeof(rels[n]), "%s", db_col_text(st, 2));
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return 500;
	for (i = 0; i < n; i++) {
		if ((rc = person_load(r->db, ids[i], p)) != DB_ROW) {
			if (rc == DB_OK)
				continue;
			status = db_http_status(rc);
			break;
		}
#define SET(k, v) do { snprintf(node, sizeof(node), "Household.%zu." k, i); \
	page_set(r, node, (v)); } while (0)
		snprintf(node, sizeof(node), "Household.%zu.Id", i);
		page_set_int(r, node, p->id);
		person_display(p->family_name, p->given_names, name,
		    sizeof(name));
		SET("Name", name);
		{
			char	latin[1700];

			/* the Latin form only where it says something the
			 * name as written does not (another script) */
			person_display(p->family_latin, p->given_latin, latin,
			    sizeof(latin));
			if (person_latin_says_more(name, latin))
				SET("Latin", latin);
		}
		pdate_format(&p->birth, birth);
		tpl_pdate_words(r->hdf, p->birth.year ? birth : "", words,
		    sizeof(words));
		SET("Birth", words);
		SET("Nationality", p->nationality);
		SET("Sex", p->sex);
		SET("Role", roles[i]);
		SET("Relation", rels[i]);
		SET("Status", p->status);
#undef SET
	}
	free(p);
	return status;
}

/* Events.N.{When, Actor, Kind, From, To, Detail} (newest first). */
static int
events_fill(struct req *r, const struct dossier *d)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64];
	size_t		 n = 0;

	if ((st = db_stmt(r->db, DSQL_EVENTS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, d->id);
	while ((rc = db_step(st)) == DB_ROW) {
#define SET(k, v) do { snprintf(node, sizeof(node), "Events.%zu." k, n); \
	page_set(r, node, (v)); } while (0)
		SET("When", db_col_text(st, 0));
		SET("Actor", db_col_text(st, 1));
		SET("Kind", db_col_text(st, 2));
		SET("From", status_label(r, d->def, db_col_text(st, 3)));
		SET("To", status_label(r, d->def, db_col_text(st, 4)));
		SET("Detail", db_col_text(st, 5));
#undef SET
		n++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

/* Transitions.N.{To, Label, Allowed}: the ways out of the status, each
 * marked with whether the agent holds its permission. */
static void
transitions_fill(struct req *r, const struct dossier *d)
{
	const struct wf_def	*def = d->def;
	char			 node[64];
	size_t			 i, n = 0;
	int			 from = wf_status_find(def, d->status);

	for (i = 0; i < def->ntrans; i++) {
		if (def->trans[i].from != from)
			continue;
		snprintf(node, sizeof(node), "Transitions.%zu.To", n);
		page_set(r, node, def->statuses[def->trans[i].to].code);
		snprintf(node, sizeof(node), "Transitions.%zu.Label", n);
		page_set(r, node, wf_label_text(
		    &def->statuses[def->trans[i].to].label, r->lang, ""));
		snprintf(node, sizeof(node), "Transitions.%zu.Allowed", n);
		page_set_int(r, node, session_can(r->session,
		    def->trans[i].permission));
		n++;
	}
}

/* Officers.N.{Value, Label} for the assignment select. */
static int
officers_fill(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64];
	size_t		 n = 0;

	if ((st = db_stmt(r->db, DSQL_OFFICERS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Officers.%zu.Value", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Officers.%zu.Label", n);
		page_set(r, node, db_col_text(st, 1));
		n++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

/*
 * The documents the applicant still has to bring (the officer's list)
 * into out (reset first). Returns DB_OK or the failure.
 */
static enum db_rc
missing_get(struct db *db, int64_t id, struct buf *out)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	buf_reset(out);
	if ((st = db_stmt(db, DSQL_MISSING_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	if (buf_puts(out, db_col_text(st, 0)) != 0)
		rc = DB_ERROR;
	else
		rc = DB_OK;
	db_reset(st);
	return rc;
}

/* Fill MissingLines.N.Line (and the form's value unless it is being
 * re-rendered with the officer's input). Returns 0 or a status. */
static int
missing_fill(struct req *r, const struct dossier *d)
{
	struct buf	b = {0};
	enum db_rc	rc;

	if ((rc = missing_get(r->db, d->id, &b)) != DB_OK) {
		buf_free(&b);
		return db_http_status(rc);
	}
	if (b.data != NULL) {
		const char	*p, *nl;
		char		 node[40], line[512];
		size_t		 len;
		int		 n = 0;

		for (p = b.data; *p != '\0' && n < 50; p = nl ? nl + 1 :
		    p + strlen(p)) {
			nl = strchr(p, '\n');
			len = nl ? (size_t)(nl - p) : strlen(p);
			while (len > 0 && (p[len - 1] == '\r' ||
			    p[len - 1] == ' '))
				len--;
			if (len == 0)
				continue;
			snprintf(line, sizeof(line), "%.*s", (int)len, p);
			snprintf(node, sizeof(node), "MissingLines.%d.Line",
			    n++);
			page_set(r, node, line);
		}
	}
	if (hdf_get_obj(r->hdf, "Form.missing_documents") == NULL)
		page_set(r, "Form.missing_documents.Value",
		    b.data != NULL ? b.data : "");
	buf_free(&b);
	return 0;
}

/* Fill the dossier page for d (loaded and allowed). */
static int
view_fill(struct req *r, const struct dossier *d)
{
	struct wf_calendar	cal;
	enum db_rc		rc;
	char			ref[10];
	int			status;

	booking_reference_display(d->reference, ref);
	page_set(r, "Page.Title", ref);
	page_set_int(r, "Dossier.Id", d->id);
	page_set(r, "Dossier.Reference", ref);
	page_set(r, "Dossier.Procedure", d->procedure_name);
	page_set_int(r, "Dossier.ProcedureNumber", d->procedure_number);
	page_set(r, "Dossier.Status", d->status);
	page_set(r, "Dossier.StatusLabel", status_label(r, d->def, d->status));
	page_set(r, "Dossier.LodgedOn", d->lodged_on);
	page_set(r, "Dossier.DecidedOn", d->decided_on);
	page_set_int(r, "Dossier.Assignee", d->assignee);
	page_set(r, "Dossier.AssigneeName", d->assignee_name);
	page_set_int(r, "Dossier.Sealed", d->sealed);
	page_set_int(r, "Dossier.Version", d->version);
	page_set_int(r, "Can.Edit", session_can(r->session, PERM_EDIT));
	page_set_int(r, "Can.Decide", session_can(r->session, PERM_DECIDE));
	page_set_int(r, "Can.Assign", session_can(r->session, PERM_ASSIGN));
	page_set_int(r, "Can.Seal", session_can(r->session, PERM_SEALED));
	/* civil-status acts are requested from the case file (havre-civil) */
	page_set_int(r, "Can.RequestAct", session_can(r->session,
	    "civil.draft"));
	if ((status = household_fill(r, d)) != 0 ||
	    (status = events_fill(r, d)) != 0 ||
	    (status = missing_fill(r, d)) != 0)
		return status;
	if ((rc = calendar_load(r, &cal)) != DB_OK)
		return db_http_status(rc);
	status = clocks_fill(r, d, &cal, dossier_today(r));
	calendar_free(&cal);
	if (status != 0)
		return status;
	transitions_fill(r, d);
	if (session_can(r->session, PERM_ASSIGN) &&
	    (status = officers_fill(r)) != 0)
		return status;
	if ((status = exchanges_fill(r, d, dossier_today(r))) != 0 ||
	    (status = interviews_fill(r, d)) != 0)
		return status;
	return items_fill(r, d);
}

/*
 * GET /dossier/{id} (dossier.view): the dossier page. A sealed dossier
 * opens only for its officer and dossier.sealed (403 otherwise, logged
 * in the access log like every view). Also the fill of the dossier's
 * rejected forms. Template dossier/view.cs.
 */
int
page_view(struct req *r)
{
	struct dossier	*d;
	char		 idtext[24];
	enum db_rc	 rc;
	int		 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	id_text(d->id, idtext);
	if ((rc = access_write(r, "dossier", idtext, "view")) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	r->tpl = "dossier/view.cs";
	status = view_fill(r, d);
	if (status == 0)
		status = 200;
out:
	free(d);
	return status;
}

/* What a version-guarded change of a dossier needs. */
struct change_ctx {
	struct req		*r;
	const struct dossier	*d;
	const struct wf_calendar *cal;
	int64_t			 version;	/* the form's */
	int			 to;		/* transition: target index */
	int64_t			 agent;		/* assignment */
	char			 agent_name[201];
	int			 sealed;
	const char		*code;		/* extension: clock code */
	int			 by;
	const char		*reason;
	int			 stale;		/* out: version moved on */
	char			 stored_status[WF_CODE_MAX + 1];	/* out */
	int			 before;	/* out: extension so far */
	int			 max;		/* extension: the rule's limit */
	int			 result;	/* out: EXTEND_* */
};

/* Lock the dossier row; sets c->stale when the form's version is not
 * the stored one (and the stored status). */
static enum db_rc
lock_dossier(struct db *db, struct change_ctx *c)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_stmt(db, DSQL_DOSSIER_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->d->id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	snprintf(c->stored_status, sizeof(c->stored_status), "%s",
	    db_col_text(st, 0));
	c->stale = db_col_int(st, 1) != c->version;
	db_reset(st);
	return DB_OK;
}

static enum db_rc
transition_txn(struct db *db, void *arg)
{
	struct change_ctx	*c = arg;
	const struct wf_def	*def = c->d->def;
	struct db_stmt		*st;
	struct audit_change	 ch;
	enum db_rc		 rc;
	char			 idtext[24], today[11];
	int			 from, decides;

	if ((rc = lock_dossier(db, c)) != DB_OK || c->stale)
		return rc;
	from = wf_status_find(def, c->stored_status);
	wf_day_format(dossier_today(c->r), today);
	/* decided_on: the first time a decision status is reached (the
	 * locked version is the loaded one, so c->d->decided_on is too) */
	decides = (strcmp(def->statuses[c->to].code, "decided") == 0 ||
	    strcmp(def->statuses[c->to].code, "inadmissible") == 0) &&
	    c->d->decided_on[0] == '\0';
	if ((st = db_stmt(db, DSQL_DOSSIER_STATUS)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, def->statuses[c->to].code);
	db_bind_int(st, 1, def->statuses[c->to].final);
	if (decides)
		db_bind_text(st, 2, today);
	else
		db_bind_null(st, 2);
	db_bind_int(st, 3, c->d->id);
	db_bind_int(st, 4, c->version);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((rc = dossier_event(db, c->r, c->d->id, "transition",
	    c->stored_status, def->statuses[c->to].code, c->reason)) != DB_OK)
		return rc;
	if ((rc = clocks_on_status(db, c->cal, def, c->d->id, from, c->to,
	    dossier_today(c->r))) != DB_OK)
		return rc;
	/* the monitoring's counters, once the clocks it stops are met or
	 * not (monitor.c) */
	if (decides && (rc = monitor_count_decision(db, c->d->id,
	    c->d->procedure_id, c->d->lodged_on, today)) != DB_OK)
		return rc;
	ch = (struct audit_change){"status", c->stored_status,
	    def->statuses[c->to].code};
	id_text(c->d->id, idtext);
	return audit_req(c->r, "dossier", idtext, "transition", &ch, 1);
}

/* A lost change: the dossier page with the stored and asked values. */
static int
conflict(struct req *r, const struct dossier *d, const char *label,
    const char *stored, const char *mine)
{
	struct dossier			 now;
	struct edit_field		 f;
	int				 status;

	if (dossier_load(r->db, d->id, &now) != DB_ROW)
		now = *d;
	r->tpl = "dossier/view.cs";
	if ((status = view_fill(r, &now)) != 0)
		return status;
	f = (struct edit_field){"status", label, stored, mine};
	edit_conflict(r, &f, 1, now.version);
	return 409;
}

/*
 * POST /dossier/{id}/transition (dossier.view + the transition's own
 * permission, CSRF; transition_fields): move the dossier to status
 * "to". Refused, nothing changed: 422 when the procedure has no such
 * transition from the current status; 403 with its message when the
 * agent lacks the transition's permission; 409 with both statuses when
 * the dossier changed since the form was shown. Redirects with a flash.
 */
int
page_transition(struct req *r)
{
	struct change_ctx	 c;
	struct wf_calendar	 cal;
	struct dossier		*d;
	const struct wf_transition *t;
	enum db_rc		 rc;
	int			 status, from;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	memset(&c, 0, sizeof(c));
	memset(&cal, 0, sizeof(cal));
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	c.r = r;
	c.d = d;
	c.version = form_int(r, "version");
	c.reason = form_str(r, "reason");
	from = wf_status_find(d->def, d->status);
	c.to = wf_status_find(d->def, form_str(r, "to"));
	if (c.version != d->version) {
		status = conflict(r, d, tpl_text(r->hdf, "Dossier.Status"),
		    status_label(r, d->def, d->status),
		    status_label(r, d->def, form_str(r, "to")));
		goto out;
	}
	if (c.to < 0 || (t = wf_transition_find(d->def, from, c.to)) == NULL) {
		form_set_error(r, "to", "Dossier.Error.Illegal");
		r->tpl = "dossier/view.cs";
		status = view_fill(r, d);
		status = status == 0 ? 422 : status;
		goto out;
	}
	if (!session_can(r->session, t->permission)) {
		status = error_page(r, 403, "Dossier.Error.TransitionPermission");
		goto out;
	}
	if ((rc = calendar_load(r, &cal)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	c.cal = &cal;
	if ((rc = db_txn(r->db, transition_txn, &c)) != DB_OK) {
		log_err("dossier %lld: transition failed: %s",
		    (long long)d->id, db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	if (c.stale) {
		status = conflict(r, d, tpl_text(r->hdf, "Dossier.Status"),
		    status_label(r, d->def, c.stored_status),
		    status_label(r, d->def, form_str(r, "to")));
		goto out;
	}
	status = dossier_redirect(r, d->id, "", "Dossier.Flash.Moved");
out:
	calendar_free(&cal);
	free(d);
	return status;
}

static enum db_rc
assign_txn(struct db *db, void *arg)
{
	struct change_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch;
	enum db_rc		 rc;
	char			 idtext[24], before[24], after[24];

	if ((rc = lock_dossier(db, c)) != DB_OK || c->stale)
		return rc;
	if ((st = db_stmt(db, DSQL_DOSSIER_ASSIGN)) == NULL)
		return db_last_rc(db);
	if (c->agent)
		db_bind_int(st, 0, c->agent);
	else
		db_bind_null(st, 0);
	db_bind_int(st, 1, c->d->id);
	db_bind_int(st, 2, c->version);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((rc = dossier_event(db, c->r, c->d->id, "assigned", NULL, NULL,
	    c->agent_name)) != DB_OK)
		return rc;
	id_text(c->d->assignee, before);
	id_text(c->agent, after);
	ch = (struct audit_change){"assignee", before, after};
	id_text(c->d->id, idtext);
	return audit_req(c->r, "dossier", idtext, "assign", &ch, 1);
}

/* The agent's display name if agent is an enabled agent: 1, else 0. */
static int
agent_name(struct req *r, int64_t agent, char *out, size_t outsz,
    int *status)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	*status = 0;
	if ((st = db_stmt(r->db, DSQL_AGENT_GET)) == NULL) {
		*status = db_http_status(db_last_rc(r->db));
		return 0;
	}
	db_bind_int(st, 0, agent);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc != DB_OK)
			*status = db_http_status(rc);
		return 0;
	}
	snprintf(out, outsz, "%s", db_col_text(st, 1));
	db_reset(st);
	return 1;
}

/*
 * POST /dossier/{id}/assign (dossier.assign, CSRF; assign_fields):
 * give the dossier to agent_id (0: to nobody). 422 for an unknown or
 * disabled agent; 409 if the dossier changed meanwhile.
 */
int
page_assign(struct req *r)
{
	struct change_ctx	 c;
	struct dossier		*d;
	enum db_rc		 rc;
	int			 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	memset(&c, 0, sizeof(c));
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	c.r = r;
	c.d = d;
	c.version = form_int(r, "version");
	c.agent = form_int(r, "agent_id");
	if (c.agent != 0 && !agent_name(r, c.agent, c.agent_name,
	    sizeof(c.agent_name), &status)) {
		if (status != 0)
			goto out;
		form_set_error(r, "agent_id", "Dossier.Error.NoAgent");
		r->tpl = "dossier/view.cs";
		status = view_fill(r, d);
		status = status == 0 ? 422 : status;
		goto out;
	}
	if (c.version == d->version &&
	    (rc = db_txn(r->db, assign_txn, &c)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (c.version != d->version || c.stale) {
		status = conflict(r, d, tpl_text(r->hdf, "Dossier.Officer"),
		    d->assignee_name, c.agent_name);
		goto out;
	}
	status = dossier_redirect(r, d->id, "", "Dossier.Flash.Assigned");
out:
	free(d);
	return status;
}

static enum db_rc
seal_txn(struct db *db, void *arg)
{
	struct change_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch;
	enum db_rc		 rc;
	char			 idtext[24];

	if ((rc = lock_dossier(db, c)) != DB_OK || c->stale)
		return rc;
	if ((st = db_stmt(db, DSQL_DOSSIER_SEAL)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->sealed);
	db_bind_int(st, 1, c->d->id);
	db_bind_int(st, 2, c->version);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((rc = dossier_event(db, c->r, c->d->id,
	    c->sealed ? "sealed" : "unsealed", NULL, NULL, NULL)) != DB_OK)
		return rc;
	ch = (struct audit_change){"sealed", c->d->sealed ? "1" : "0",
	    c->sealed ? "1" : "0"};
	id_text(c->d->id, idtext);
	return audit_req(c->r, "dossier", idtext, "seal", &ch, 1);
}

/*
 * POST /dossier/{id}/seal (dossier.sealed, CSRF; seal_fields): seal or
 * unseal the dossier. 409 if it changed meanwhile.
 */
int
page_seal(struct req *r)
{
	struct change_ctx	 c;
	struct dossier		*d;
	enum db_rc		 rc;
	int			 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	memset(&c, 0, sizeof(c));
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	c.r = r;
	c.d = d;
	c.version = form_int(r, "version");
	c.sealed = form_int(r, "sealed") != 0;
	if (c.version == d->version &&
	    (rc = db_txn(r->db, seal_txn, &c)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (c.version != d->version || c.stale) {
		status = conflict(r, d, tpl_text(r->hdf, "Dossier.Sealed"),
		    d->sealed ? "1" : "0", c.sealed ? "1" : "0");
		goto out;
	}
	status = dossier_redirect(r, d->id, "", "Flash.Saved");
out:
	free(d);
	return status;
}

static enum db_rc
missing_txn(struct db *db, void *arg)
{
	struct change_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch;
	struct buf		 before = {0};
	enum db_rc		 rc;
	char			 idtext[24];

	if ((rc = lock_dossier(db, c)) != DB_OK || c->stale)
		return rc;
	if ((rc = missing_get(db, c->d->id, &before)) != DB_OK)
		goto out;
	if ((st = db_stmt(db, DSQL_MISSING_SET)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_text(st, 0, c->reason);
	db_bind_int(st, 1, c->d->id);
	db_bind_int(st, 2, c->version);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	if ((rc = dossier_event(db, c->r, c->d->id, "missing_documents",
	    NULL, NULL, c->reason)) != DB_OK)
		goto out;
	ch = (struct audit_change){"missing_documents",
	    before.data != NULL ? before.data : "", c->reason};
	id_text(c->d->id, idtext);
	rc = audit_req(c->r, "dossier", idtext, "missing_documents", &ch, 1);
out:
	buf_free(&before);
	return rc;
}

/*
 * POST /dossier/{id}/missing (dossier.edit, CSRF; missing_fields): the
 * documents the applicant still has to bring, one per line, as the
 * applicant reads them on the status page (/status). 409 with both
 * lists if the dossier changed meanwhile.
 */
int
page_missing_save(struct req *r)
{
	struct change_ctx	 c;
	struct dossier		*d;
	struct buf		 now = {0};
	enum db_rc		 rc;
	int			 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	memset(&c, 0, sizeof(c));
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	c.r = r;
	c.d = d;
	c.version = form_int(r, "version");
	c.reason = form_str(r, "missing_documents");
	if (c.version == d->version &&
	    (rc = db_txn(r->db, missing_txn, &c)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (c.version != d->version || c.stale) {
		if ((rc = missing_get(r->db, d->id, &now)) != DB_OK) {
			status = db_http_status(rc);
			goto out;
		}
		status = conflict(r, d, tpl_text(r->hdf,
		    "Dossier.Missing.Title"), now.data != NULL ? now.data : "",
		    c.reason);
		goto out;
	}
	status = dossier_redirect(r, d->id, "#missing", "Dossier.Flash.MissingSaved");
out:
	buf_free(&now);
	free(d);
	return status;
}

static enum db_rc
extend_txn(struct db *db, void *arg)
{
	struct change_ctx	*c = arg;
	struct audit_change	 ch[2];
	enum db_rc		 rc;
	char			 idtext[24], detail[600], by[24];

	if ((rc = lock_dossier(db, c)) != DB_OK || c->stale)
		return rc;
	if ((rc = clock_extend(db, c->cal, c->d->id, c->code, c->by, c->max,
	    &c->before, &c->result)) != DB_OK || c->result != EXTEND_DONE)
		return rc;
	snprintf(detail, sizeof(detail), "%s +%d: %s", c->code, c->by,
	    c->reason);
	if ((rc = dossier_event(db, c->r, c->d->id, "extended", NULL, NULL,
	    detail)) != DB_OK)
		return rc;
	snprintf(by, sizeof(by), "+%d", c->by);
	ch[0] = (struct audit_change){c->code, NULL, by};
	ch[1] = (struct audit_change){"reason", NULL, c->reason};
	id_text(c->d->id, idtext);
	return audit_req(c->r, "dossier", idtext, "extend", ch, 2);
}

/*
 * POST /dossier/{id}/clocks/{code}/extend (dossier.edit, CSRF;
 * extend_fields): extend a running clock by "by" units of its rule with
 * a reason. 422 when the rule allows no extension or less than asked
 * (the total may not pass the rule's "extend"), or the clock is not
 * running; 409 if the dossier changed meanwhile.
 */
int
page_extend(struct req *r)
{
	struct change_ctx		 c;
	struct wf_calendar		 cal;
	struct dossier			*d;
	const struct wf_deadline	*dl = NULL;
	enum db_rc			 rc;
	size_t				 i;
	int				 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	memset(&c, 0, sizeof(c));
	memset(&cal, 0, sizeof(cal));
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	c.r = r;
	c.d = d;
	c.version = form_int(r, "version");
	c.code = req_param(r, "code");
	c.by = (int)form_int(r, "by");
	c.reason = form_str(r, "reason");
	for (i = 0; i < d->def->ndeadlines; i++)
		if (strcmp(d->def->deadlines[i].code, c.code) == 0)
			dl = &d->def->deadlines[i];
	if (dl == NULL) {
		status = 404;
		goto out;
	}
	if ((rc = calendar_load(r, &cal)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	c.cal = &cal;
	c.max = dl->extend;
	if (c.version == d->version &&
	    (rc = db_txn(r->db, extend_txn, &c)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (c.version == d->version && !c.stale &&
	    c.result != EXTEND_DONE) {
		form_set_error(r, "by", c.result == EXTEND_OVER ?
		    "Dossier.Error.ExtendOver" : "Dossier.Error.NotRunning");
		r->tpl = "dossier/view.cs";
		status = view_fill(r, d);
		status = status == 0 ? 422 : status;
		goto out;
	}
	if (c.version != d->version || c.stale) {
		status = conflict(r, d, tpl_text(r->hdf, "Dossier.Clocks"),
		    "", form_str(r, "by"));
		goto out;
	}
	status = dossier_redirect(r, d->id, "#clocks", "Dossier.Flash.Extended");
out:
	calendar_free(&cal);
	free(d);
	return status;
}

static enum db_rc
member_txn(struct db *db, void *arg)
{
	struct change_ctx	*c = arg;
	struct audit_change	 ch[2];
	enum db_rc		 rc;
	char			 idtext[24], person[24];

	if ((rc = dossier_person_add(db, c->d->id, c->agent, "member",
	    c->reason)) != DB_OK)
		return rc;
	id_text(c->agent, person);
	if ((rc = dossier_event(db, c->r, c->d->id, "member", NULL, NULL,
	    person)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"member", NULL, person};
	ch[1] = (struct audit_change){"relation", NULL, c->reason};
	id_text(c->d->id, idtext);
	return audit_req(c->r, "dossier", idtext, "member", ch, 2);
}

/*
 * POST /dossier/{id}/persons (dossier.edit, CSRF; member_fields): add a
 * person of the register to the household with their relation to the
 * principal. 422 for an unknown or merged person or one already in it.
 */
int
page_member_add(struct req *r)
{
	struct change_ctx	 c;
	struct dossier		*d;
	struct person		*p = NULL;
	enum db_rc		 rc;
	int			 status;

	if ((d = calloc(1, sizeof(*d))) == NULL ||
	    (p = calloc(1, sizeof(*p))) == NULL) {
		free(d);
		return 500;
	}
	memset(&c, 0, sizeof(c));
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	c.r = r;
	c.d = d;
	c.agent = form_int(r, "person_id");
	c.reason = form_str(r, "relation");
	rc = person_load(r->db, c.agent, p);
	if (rc == DB_ROW && strcmp(p->status, "active") == 0)
		rc = db_txn(r->db, member_txn, &c);
	else if (rc == DB_ROW || rc == DB_OK)
		rc = DB_DUP;	/* refused below like a duplicate */
	if (rc == DB_DUP) {
		form_set_error(r, "person_id", "Dossier.Error.NoMember");
		r->tpl = "dossier/view.cs";
		status = view_fill(r, d);
		status = status == 0 ? 422 : status;
		goto out;
	}
	if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	status = dossier_redirect(r, d->id, "#household", "Dossier.Flash.MemberAdded");
out:
	free(p);
	free(d);
	return status;
}

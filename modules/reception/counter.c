/*
 * counter.c: a counter agent's page (permission reception.counter). The
 * agent chooses their counter, sees the person at it and the station's
 * queue (level rank first: extreme urgency before urgent before regular;
 * then the appointment time, a walk-in's being their arrival; then the
 * arrival), and calls the next person, starts, finishes (the visit moves
 * to the next station, or leaves after the last), or ends the visit with
 * an outcome: must return with documents, refused, absent when called.
 * An absent person may be called again up to Reception.MaxRecalls times
 * (default 3) before being marked absent.
 *
 * Every action runs in one transaction that locks the visit, checks its
 * state and the version the agent's page showed (optimistic concurrency:
 * another counter's or a double-submitted action is refused with a
 * message, changing nothing), writes the visit_event and the audit event.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "audit.h"
#include "booking.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "reception.h"
#include "session.h"
#include "tpl.h"

/* GET /reception/counter. */
const struct field_spec counter_query_fields[] = {
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"counter", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /reception/counter/{id}/call: no input besides the token. */
const struct field_spec call_fields[] = {
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /reception/visits/{id}/{action}: the agent's counter and the
 * visit's version as the page showed it. */
const struct field_spec visit_fields[] = {
	{"counter", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"version", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* A counter with its station. */
struct counter {
	int64_t	 id;
	int64_t	 station;
	int64_t	 site;
	int64_t	 service;
	int64_t	 position;
	char	 name[129];
	char	 station_name[401];
};

/* Load counter id. Returns DB_ROW, DB_OK if unknown, or the error. */
static enum db_rc
counter_load(struct db *db, int64_t id, struct counter *c)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(c, 0, sizeof(*c));
	if ((st = db_stmt(db, RSQL_COUNTER_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	c->id = db_col_int(st, 0);
	snprintf(c->name, sizeof(c->name), "%s", db_col_text(st, 1));
	c->station = db_col_int(st, 2);
	snprintf(c->station_name, sizeof(c->station_name), "%s",
	    db_col_text(st, 3));
	c->site = db_col_int(st, 4);
	c->service = db_col_int(st, 5);
	c->position = db_col_int(st, 6);
	db_reset(st);
	return DB_ROW;
}

/* "Family, Given" into out. */
static void
full_name(const char *family, const char *given, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s%s%s", family, given[0] ? ", " : "", given);
}

/*
 * Fill the counter page for counter id (0: only the picker): the site's
 * counters (Counters.N.{Value,Label}), Counter.*, the person at the
 * counter (Visit.*) and the station's queue (Queue.N.*). Returns 0 or a
 * status (404 for an unknown counter).
 */
static int
counter_fill(struct req *r, int64_t id)
{
	struct counter	 c;
	struct site	 s;
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 node[64], label[1200], name[420], when[32], shown[10];
	long		 max_recalls;
	int		 status;
	int64_t		 site = form_int(r, "site");

	page_set(r, "Page.Title", tpl_text(r->hdf, "Reception.Counter.Title"));
	if (id > 0) {
		if ((rc = counter_load(r->db, id, &c)) == DB_OK)
			return 404;
		if (rc != DB_ROW)
			return db_http_status(rc);
		site = c.site;
	}
	if ((status = site_pick(r, site, &s)) != 0)
		return status == 200 ? 0 : status;
	if ((st = db_stmt(r->db, RSQL_COUNTERS_SITE)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, r->lang);
	db_bind_int(st, 1, s.id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Counters.%zu.Value", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(label, sizeof(label), "%s — %s %s (%s)",
		    db_col_text(st, 2), tpl_text(r->hdf,
		    "Reception.Counter.Desk"), db_col_text(st, 1),
		    db_col_text(st, 3));
		snprintf(node, sizeof(node), "Counters.%zu.Label", n);
		page_set(r, node, label);
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	if (id <= 0)
		return 0;
	page_set_int(r, "Form.counter.Value", c.id);
	page_set_int(r, "Counter.Id", c.id);
	page_set(r, "Counter.Name", c.name);
	page_set(r, "Counter.Station", c.station_name);
	max_recalls = r->conf ? conf_get_int(r->conf, "Reception.MaxRecalls",
	    3) : 3;
	page_set_int(r, "Counter.MaxRecalls", max_recalls);

	if ((st = db_stmt(r->db, RSQL_COUNTER_CURRENT)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, c.id);
	if ((rc = db_step(st)) == DB_ROW) {
		page_set_int(r, "Visit.Id", db_col_int(st, 0));
		page_set(r, "Visit.Ticket", db_col_text(st, 1));
		page_set(r, "Visit.Status", db_col_text(st, 2));
		page_set_int(r, "Visit.Version", db_col_int(st, 3));
		page_set_int(r, "Visit.Recalls", db_col_int(st, 4));
		if (strcmp(db_col_text(st, 2), "called") == 0 &&
		    db_col_int(st, 4) < max_recalls)
			page_set(r, "Visit.CanRecall", "1");
		full_name(db_col_text(st, 5), db_col_text(st, 6), name,
		    sizeof(name));
		page_set(r, "Visit.Name", name);
		booking_reference_display(db_col_text(st, 7), shown);
		page_set(r, "Visit.Reference", shown);
		page_set(r, "Visit.Level", db_col_text(st, 8));
		site_time(&s, db_col_text(st, 9), "%H:%M", when, sizeof(when));
		page_set(r, "Visit.CalledAt", when);
		db_reset(st);
		/* A registrar at the counter registers the applicant there
		 * (havre-registration, prefilled from the booking). */
		if (session_can(r->session, "registration.register"))
			page_set(r, "Visit.CanRegister", "1");
	} else if (rc != DB_OK)
		return db_http_status(rc);

	if ((st = db_stmt(r->db, RSQL_QUEUE)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, c.station);
	n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Queue.%zu.Ticket", n);
		page_set(r, node, db_col_text(st, 1));
		snprintf(node, sizeof(node), "Queue.%zu.Level", n);
		page_set(r, node, db_col_text(st, 2));
		site_time(&s, db_col_text(st, 3), "%H:%M", when, sizeof(when));
		snprintf(node, sizeof(node), "Queue.%zu.Arrived", n);
		page_set(r, node, when);
		full_name(db_col_text(st, 4), db_col_text(st, 5), name,
		    sizeof(name));
		snprintf(node, sizeof(node), "Queue.%zu.Name", n);
		page_set(r, node, name);
		if (strcmp(db_col_text(st, 6), "walkin") == 0) {
			snprintf(node, sizeof(node), "Queue.%zu.Walkin", n);
			page_set(r, node, "1");
		} else {
			site_time(&s, db_col_text(st, 7), "%H:%M", when,
			    sizeof(when));
			snprintf(node, sizeof(node), "Queue.%zu.Time", n);
			page_set(r, node, when);
		}
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Queue.Count", (long long)n);
	return 0;
}

/*
 * GET /reception/counter (reception.counter; site, counter): choose a
 * counter; the person at it and the station's queue. 404 for an unknown
 * counter. Template reception/counter.cs.
 */
int
page_counter(struct req *r)
{
	int	status;

	if ((status = counter_fill(r, form_int(r, "counter"))) != 0)
		return status;
	return 200;
}

/* Refuse an action: the counter page with a message, status 409. */
static int
refuse(struct req *r, int64_t counter, const char *key)
{
	int	status;

	if ((status = counter_fill(r, counter)) != 0)
		return status;
	page_set(r, "Counter.Error", tpl_text(r->hdf, key));
	return 409;
}

/* Back to the counter's page with a message. */
static int
to_counter(struct req *r, int64_t counter, const char *flash)
{
	char	loc[64];

	flash_set(r, "ok", flash);
	snprintf(loc, sizeof(loc), "/reception/counter?counter=%lld",
	    (long long)counter);
	return resp_redirect(r, loc);
}

/* What the action transactions need and give back. */
struct action_ctx {
	struct req		*r;
	const struct counter	*c;
	int64_t			 visit;
	int64_t			 version;	/* as the page showed it */
	const char		*action;
	long			 max_recalls;
	const char		*refusal;	/* out: message key */
	char			 ticket[9];	/* out */
};

/* The visit as locked by RSQL_VISIT_LOCK. */
struct visit_row {
	char	 status[16];
	int64_t	 version;
	int64_t	 station;
	int64_t	 counter;
	int64_t	 appt;
	int64_t	 recalls;
	int64_t	 service;
	int64_t	 site;
	int64_t	 position;
	char	 ticket[9];
};

/* Lock and read visit id. DB_ROW, DB_OK if unknown, or the error. */
static enum db_rc
visit_lock(struct db *db, int64_t id, struct visit_row *v)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(v, 0, sizeof(*v));
	if ((st = db_stmt(db, RSQL_VISIT_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	snprintf(v->status, sizeof(v->status), "%s", db_col_text(st, 0));
	v->version = db_col_int(st, 1);
	v->station = db_col_int(st, 2);
	v->counter = db_col_int(st, 3);
	v->appt = db_col_int(st, 4);
	v->recalls = db_col_int(st, 5);
	v->service = db_col_int(st, 6);
	v->site = db_col_int(st, 7);
	v->position = db_col_int(st, 8);
	snprintf(v->ticket, sizeof(v->ticket), "%s", db_col_text(st, 9));
	db_reset(st);
	return DB_ROW;
}

/* Run an UPDATE guarded by the version; DB_OK if it changed the row,
 * else sets the stale refusal and returns DB_ERROR (rolls back). */
static enum db_rc
guarded(struct action_ctx *a, struct db_stmt *st)
{
	enum db_rc	rc;

	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) == 0) {
		a->refusal = "Reception.Error.Stale";
		return DB_ERROR;
	}
	return DB_OK;
}

/* Audit a visit's change of status. */
static enum db_rc
audit_visit(struct action_ctx *a, const char *action, const char *from,
    const char *to)
{
	struct audit_change	ch[2];
	char			idtext[24];

	snprintf(idtext, sizeof(idtext), "%lld", (long long)a->visit);
	ch[0] = (struct audit_change){"status", from, to};
	ch[1] = (struct audit_change){"counter", NULL, a->c->name};
	return audit_req(a->r, "visit", idtext, action, ch, 2);
}

/*
 * The call transaction: the head of the station's queue (rows another
 * counter holds are skipped) is called to this counter. A counter that
 * still has someone, or an empty queue, is refused.
 */
static enum db_rc
call_txn(struct db *db, void *arg)
{
	struct action_ctx	*a = arg;
	struct db_stmt		*st;
	enum db_rc		 rc;
	int64_t			 version, appt;
	int64_t			 agent = a->r->session ?
				    a->r->session->agent_id : 0;
	char			 now[27];

	a->refusal = NULL;
	if ((st = db_stmt(db, RSQL_COUNTER_CURRENT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, a->c->id);
	if ((rc = db_step(st)) == DB_ROW) {
		db_reset(st);
		a->refusal = "Reception.Error.Busy";
		return DB_ERROR;
	}
	if (rc != DB_OK)
		return rc;
	if ((st = db_stmt(db, RSQL_QUEUE_HEAD_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, a->c->station);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc != DB_OK)
			return rc;
		a->refusal = "Reception.Error.EmptyQueue";
		return DB_ERROR;
	}
	a->visit = db_col_int(st, 0);
	version = db_col_int(st, 1);
	appt = db_col_int(st, 2);
	db_reset(st);
	now_text(now);
	if ((st = db_stmt(db, RSQL_VISIT_CALL)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, a->c->id);
	if (agent)
		db_bind_int(st, 1, agent);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, now);
	db_bind_int(st, 3, a->visit);
	db_bind_int(st, 4, version);
	if ((rc = guarded(a, st)) != DB_OK)
		return rc;
	if ((rc = event_add(db, a->visit, appt, "call", a->c->station,
	    a->c->id, agent, NULL, now)) != DB_OK)
		return rc;
	return audit_visit(a, "call", "waiting", "called");
}

/*
 * POST /reception/counter/{id}/call (reception.counter, CSRF): call the
 * next person of the counter's station. Redirects to the counter page;
 * 409 with a message when the queue is empty or the counter is busy.
 */
int
page_counter_call(struct req *r)
{
	struct action_ctx	a;
	struct counter		c;
	enum db_rc		rc;

	if ((rc = counter_load(r->db, req_param_int(r, "id"), &c)) == DB_OK)
		return 404;
	if (rc != DB_ROW)
		return db_http_status(rc);
	memset(&a, 0, sizeof(a));
	a.r = r;
	a.c = &c;
	rc = db_txn(r->db, call_txn, &a);
	if (a.refusal != NULL)
		return refuse(r, c.id, a.refusal);
	if (rc != DB_OK) {
		log_err("call at counter %lld: %s", (long long)c.id,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	return to_counter(r, c.id, "Reception.Flash.Called");
}

/*
 * The action transaction of page_visit_action: checks the visit is at
 * this counter in the state the action needs, then the version, then
 * changes it and writes its events and audit event.
 */
static enum db_rc
action_txn(struct db *db, void *arg)
{
	struct action_ctx	*a = arg;
	struct visit_row	 v;
	struct db_stmt		*st;
	enum db_rc		 rc;
	const char		*act = a->action, *end = NULL;
	int64_t			 agent = a->r->session ?
				    a->r->session->agent_id : 0, next = 0;
	char			 now[27];
	int			 called, serving;

	a->refusal = NULL;
	if ((rc = visit_lock(db, a->visit, &v)) != DB_ROW) {
		if (rc != DB_OK)
			return rc;
		a->refusal = "Reception.Error.NoVisit";
		return DB_ERROR;
	}
	snprintf(a->ticket, sizeof(a->ticket), "%s", v.ticket);
	called = strcmp(v.status, "called") == 0 && v.counter == a->c->id;
	serving = strcmp(v.status, "serving") == 0 && v.counter == a->c->id;
	/* The state each action needs, with the message for each way of
	 * being elsewhere. */
	if (strcmp(act, "finish") == 0 && !serving) {
		a->refusal = called ? "Reception.Error.NotStarted" :
		    "Reception.Error.AlreadyFinished";
		return DB_ERROR;
	}
	if (strcmp(act, "start") == 0 && !called) {
		a->refusal = serving ? "Reception.Error.AlreadyStarted" :
		    "Reception.Error.NotHere";
		return DB_ERROR;
	}
	if ((strcmp(act, "recall") == 0 || strcmp(act, "absent") == 0) &&
	    !called) {
		a->refusal = "Reception.Error.NotCalled";
		return DB_ERROR;
	}
	if ((strcmp(act, "returning") == 0 || strcmp(act, "refused") == 0) &&
	    !called && !serving) {
		a->refusal = "Reception.Error.NotHere";
		return DB_ERROR;
	}
	if (strcmp(act, "recall") == 0 && v.recalls >= a->max_recalls) {
		a->refusal = "Reception.Error.MaxRecalls";
		return DB_ERROR;
	}
	if (v.version != a->version) {
		a->refusal = "Reception.Error.Stale";
		return DB_ERROR;
	}
	now_text(now);

	if (strcmp(act, "start") == 0) {
		if ((st = db_stmt(db, RSQL_VISIT_START)) == NULL)
			return db_last_rc(db);
		if (agent)
			db_bind_int(st, 0, agent);
		else
			db_bind_null(st, 0);
		db_bind_int(st, 1, a->visit);
		db_bind_int(st, 2, v.version);
		if ((rc = guarded(a, st)) != DB_OK)
			return rc;
		if ((rc = event_add(db, a->visit, v.appt, "start", v.station,
		    a->c->id, agent, NULL, now)) != DB_OK)
			return rc;
		return audit_visit(a, "start", "called", "serving");
	}
	if (strcmp(act, "recall") == 0) {
		if ((st = db_stmt(db, RSQL_VISIT_RECALL)) == NULL)
			return db_last_rc(db);
		db_bind_text(st, 0, now);
		db_bind_int(st, 1, a->visit);
		db_bind_int(st, 2, v.version);
		if ((rc = guarded(a, st)) != DB_OK)
			return rc;
		if ((rc = event_add(db, a->visit, v.appt, "recall", v.station,
		    a->c->id, agent, NULL, now)) != DB_OK)
			return rc;
		return audit_visit(a, "recall", "called", "called");
	}

	/* finish: the step ends; the visit goes on to the next station or
	 * leaves. Outcomes end the visit where it is. */
	if (strcmp(act, "finish") == 0) {
		if ((rc = event_add(db, a->visit, v.appt, "end", v.station,
		    a->c->id, agent, NULL, now)) != DB_OK)
			return rc;
		if ((st = db_stmt(db, RSQL_NEXT_STATION)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, v.site);
		db_bind_int(st, 1, v.service);
		db_bind_int(st, 2, v.position);
		db_bind_int(st, 3, v.position);
		db_bind_int(st, 4, v.station);
		if ((rc = db_step(st)) == DB_ROW) {
			next = db_col_int(st, 0);
			db_reset(st);
		} else if (rc != DB_OK)
			return rc;
		if (next > 0) {
			if ((st = db_stmt(db, RSQL_VISIT_MOVE)) == NULL)
				return db_last_rc(db);
			db_bind_int(st, 0, next);
			db_bind_int(st, 1, a->visit);
			db_bind_int(st, 2, v.version);
			if ((rc = guarded(a, st)) != DB_OK)
				return rc;
			if ((rc = event_add(db, a->visit, v.appt, "queue",
			    next, 0, agent, NULL, now)) != DB_OK)
				return rc;
			return audit_visit(a, "finish", "serving", "waiting");
		}
		end = "done";
	} else if (strcmp(act, "returning") == 0 ||
	    strcmp(act, "refused") == 0 || strcmp(act, "absent") == 0) {
		end = act;
		/* A step under way ends with the outcome. */
		if (serving && (rc = event_add(db, a->visit, v.appt, "end",
		    v.station, a->c->id, agent, NULL, now)) != DB_OK)
			return rc;
		if ((rc = event_add(db, a->visit, v.appt, "outcome", v.station,
		    a->c->id, agent, act, now)) != DB_OK)
			return rc;
	} else {
		a->refusal = "Reception.Error.NoVisit";
		return DB_ERROR;
	}
	if ((st = db_stmt(db, RSQL_VISIT_END)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, end);
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, a->visit);
	db_bind_int(st, 3, v.version);
	if ((rc = guarded(a, st)) != DB_OK)
		return rc;
	if (strcmp(end, "done") == 0 && (rc = event_add(db, a->visit, v.appt,
	    "exit", 0, 0, agent, NULL, now)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, RSQL_APPT_DONE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, v.appt);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return audit_visit(a, act, v.status, end);
}

/*
 * POST /reception/visits/{id}/{action} (reception.counter, CSRF;
 * counter, version): action is start, recall, finish, returning,
 * refused or absent. Redirects to the counter page with a message; 409
 * with the reason when the visit is not at this counter in the right
 * state (finished twice, not started, stale version ...); 404 for an
 * unknown action or counter.
 */
int
page_visit_action(struct req *r)
{
	static const char *const actions[][2] = {
		{"start", "Reception.Flash.Started"},
		{"recall", "Reception.Flash.Recalled"},
		{"finish", "Reception.Flash.Finished"},
		{"returning", "Reception.Flash.Ended"},
		{"refused", "Reception.Flash.Ended"},
		{"absent", "Reception.Flash.Ended"},
	};
	struct action_ctx	 a;
	struct counter		 c;
	enum db_rc		 rc;
	const char		*act = req_param(r, "action"), *flash = NULL;
	size_t			 i;

	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (act != NULL && strcmp(act, actions[i][0]) == 0)
			flash = actions[i][1];
	if (flash == NULL)
		return 404;
	if ((rc = counter_load(r->db, form_int(r, "counter"), &c)) == DB_OK)
		return 404;
	if (rc != DB_ROW)
		return db_http_status(rc);
	memset(&a, 0, sizeof(a));
	a.r = r;
	a.c = &c;
	a.visit = req_param_int(r, "id");
	a.version = form_int(r, "version");
	a.action = act;
	a.max_recalls = r->conf ? conf_get_int(r->conf,
	    "Reception.MaxRecalls", 3) : 3;
	rc = db_txn(r->db, action_txn, &a);
	if (a.refusal != NULL)
		return refuse(r, c.id, a.refusal);
	if (rc != DB_OK) {
		log_err("%s of visit %lld: %s", act, (long long)a.visit,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	log_info("visit %lld (%s): %s at counter %lld", (long long)a.visit,
	    a.ticket, act, (long long)c.id);
	return to_counter(r, c.id, flash);
}

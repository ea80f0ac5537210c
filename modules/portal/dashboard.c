/*
 * dashboard.c: the landing page, the health check, the language choice
 * and each agent's dashboard: what matters today in the workflows they
 * may use (appointments by site and status, people waiting, SMS that
 * failed, duplicates to review, case files due)
 * and the workflows themselves.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "common_sql.h"
#include "conf.h"
#include "db.h"
#include "htime.h"
#include "portal.h"
#include "session.h"
#include "tpl.h"

static const char *const lang_choices[] = {"en", "fr", "ar", "es", "ht",
    NULL};

const struct field_spec lang_fields[] = {
	{"lang", FIELD_ENUM, 1, 0, 0, lang_choices},
	{NULL, 0, 0, 0, 0, NULL},
};

/*
 * Read the applied schema version. Returns DB_OK and sets *version,
 * or the database error.
 */
static enum db_rc
schema_version(struct db *db, long long *version)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_cstmt(db, CSQL_SCHEMA_VERSION)) == NULL)
		return db_last_rc(db);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	*version = db_col_int(st, 0);
	db_reset(st);
	return DB_OK;
}

/*
 * GET / (intranet, anyone): the landing page with the schema version
 * read from the database (one query); a signed-in agent goes to the
 * dashboard. Template portal/home.cs.
 */
int
page_home(struct req *r)
{
	long long	version = 0;
	enum db_rc	rc;

	if (r->session != NULL && !r->is_api)
		return resp_redirect(r, "/dashboard");
	if ((rc = schema_version(r->db, &version)) != DB_OK)
		return db_http_status(rc);
	page_set(r, "Page.Title", tpl_text(r->hdf, "Portal.Home.Title"));
	page_set_int(r, "Portal.SchemaVersion", version);
	return 200;
}

/*
 * GET /healthz (any vhost, anyone): {"database":"ok"} with 200, or 503
 * with "down" when the database does not answer. For load balancers
 * and monitoring. The intranet's answer adds "schema_version":N; the
 * public one does not tell outsiders which release runs.
 */
int
page_healthz(struct req *r)
{
	long long	version = 0;
	char		json[96];

	if (schema_version(r->db, &version) != DB_OK)
		return resp_json(r, 503, r->vhost == VHOST_PUBLIC ?
		    "{\"database\":\"down\"}" :
		    "{\"database\":\"down\",\"schema_version\":null}");
	if (r->vhost == VHOST_PUBLIC)
		return resp_json(r, 200, "{\"database\":\"ok\"}");
	snprintf(json, sizeof(json),
	    "{\"database\":\"ok\",\"schema_version\":%lld}", version);
	return resp_json(r, 200, json);
}

/*
 * POST /lang (any vhost, anyone; field lang): remember the chosen
 * language in a cookie and go back to the landing page. No CSRF token:
 * it changes no stored state, only the caller's own cookie.
 */
int
page_lang(struct req *r)
{
	resp_cookie(r, "lang", form_str(r, "lang"), 365L * 24 * 3600);
	return resp_redirect(r, "/");
}

/* The appointment statuses in the order the dashboard shows them (the
 * booking library's list; labels Appt.Status.<code>). */
static const char *const appt_statuses[] = {"booked", "confirmed",
	"arrived", "done", "noshow", "cancelled", NULL};

/*
 * Dashboard.Today.Appointments.N.{SiteId, Site, Day, Total,
 * Statuses.M.{Code, Label, Count}}: each site's appointments of its own
 * today (its zone) by status, sites without any left out. Returns 0 or
 * a status.
 */
static int
today_appointments(struct req *r)
{
	struct db_stmt	*st, *sq;
	enum db_rc	 rc, rq;
	char		 node[96], day[16], zone[65], name[201];
	long long	 counts[8], total;
	int64_t		 site;
	size_t		 n = 0, i, sites = 0;
	time_t		 now = time(NULL);

	if ((st = db_stmt(r->db, PSQL_DASH_SITES)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW && sites++ < 500) {
		site = db_col_int(st, 0);
		snprintf(name, sizeof(name), "%s", db_col_text(st, 1));
		snprintf(zone, sizeof(zone), "%s", db_col_text(st, 2));
		time_format_zone(now, zone, "%Y-%m-%d", day, sizeof(day));
		if ((sq = db_stmt(r->db, PSQL_DASH_APPOINTMENTS)) == NULL) {
			db_reset(st);
			return db_http_status(db_last_rc(r->db));
		}
		db_bind_int(sq, 0, site);
		db_bind_text(sq, 1, day);
		db_bind_int(sq, 2, site);
		db_bind_text(sq, 3, day);
		memset(counts, 0, sizeof(counts));
		total = 0;
		while ((rq = db_step(sq)) == DB_ROW)
			for (i = 0; appt_statuses[i] != NULL; i++)
				if (strcmp(db_col_text(sq, 0),
				    appt_statuses[i]) == 0) {
					counts[i] += db_col_int(sq, 1);
					total += db_col_int(sq, 1);
				}
		if (rq != DB_OK) {
			db_reset(st);
			return db_http_status(rq);
		}
		if (total == 0)
			continue;
#define SET(fmt, ...) do { snprintf(node, sizeof(node), \
		"Dashboard.Today.Appointments.%zu." fmt, n, __VA_ARGS__); } \
		while (0)
		SET("%s", "SiteId");
		page_set_int(r, node, site);
		SET("%s", "Site");
		page_set(r, node, name);
		SET("%s", "Day");
		page_set(r, node, day);
		SET("%s", "Total");
		page_set_int(r, node, total);
		for (i = 0; appt_statuses[i] != NULL; i++) {
			char	key[48];

			SET("Statuses.%zu.Code", i);
			page_set(r, node, appt_statuses[i]);
			SET("Statuses.%zu.Count", i);
			page_set_int(r, node, counts[i]);
			snprintf(key, sizeof(key), "Appt.Status.%s",
			    appt_statuses[i]);
			SET("Statuses.%zu.Label", i);
			page_set(r, node, tpl_text(r->hdf, key));
		}
#undef SET
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Dashboard.Today.AppointmentSites", (long long)n);
	for (i = 0; appt_statuses[i] != NULL; i++) {
		char	key[48];

		snprintf(node, sizeof(node), "Dashboard.Today.Statuses.%zu", i);
		snprintf(key, sizeof(key), "Appt.Status.%s", appt_statuses[i]);
		page_set(r, node, tpl_text(r->hdf, key));
	}
	return 0;
}

/*
 * Dashboard.Today.Waiting.N.{Site, Count, CountPlural, Longest,
 * LongestPlural}: the people waiting at each site now and the longest
 * wait in minutes (since they last joined a queue). Returns 0 or a
 * status.
 */
static int
today_waiting(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64];
	size_t		 n = 0;

	if ((st = db_stmt(r->db, PSQL_DASH_WAITING)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW && n < 200) {
		long long	count = db_col_int(st, 2);
		long long	wait = db_col_int(st, 3);

		if (wait < 0)
			wait = 0;
		snprintf(node, sizeof(node), "Dashboard.Today.Waiting.%zu.Site", n);
		page_set(r, node, db_col_text(st, 1));
		snprintf(node, sizeof(node), "Dashboard.Today.Waiting.%zu.Count", n);
		page_set_int(r, node, count);
		snprintf(node, sizeof(node),
		    "Dashboard.Today.Waiting.%zu.CountPlural", n);
		page_set(r, node, tpl_plural(r->lang, count));
		snprintf(node, sizeof(node), "Dashboard.Today.Waiting.%zu.Longest", n);
		page_set_int(r, node, wait);
		snprintf(node, sizeof(node),
		    "Dashboard.Today.Waiting.%zu.LongestPlural", n);
		page_set(r, node, tpl_plural(r->lang, wait));
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Dashboard.Today.WaitingSites", (long long)n);
	return 0;
}

/* The page language's name of an SMS event ("document_ready" ->
 * Notify.Event.DocumentReady), or the code. */
static const char *
event_label(struct req *r, const char *event)
{
	char	key[64];
	size_t	i, k;
	int	up = 1;

	k = (size_t)snprintf(key, sizeof(key), "Notify.Event.");
	for (i = 0; event[i] != '\0' && k + 1 < sizeof(key); i++) {
		if (event[i] == '_') {
			up = 1;
			continue;
		}
		key[k++] = up && event[i] >= 'a' && event[i] <= 'z' ?
		    (char)(event[i] - 'a' + 'A') : event[i];
		up = 0;
	}
	key[k] = '\0';
	return tpl_has_text(r->hdf, key) ? tpl_text(r->hdf, key) : event;
}

/*
 * Dashboard.Today.SmsFailed (count of the last 24 hours, with its
 * plural category) and Dashboard.Today.Sms.N.{Id, Reference, Event,
 * At}: the latest five, each leading to its appointment. Returns 0 or
 * a status.
 */
static int
today_sms(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64], ref[16], at[40];
	const char	*zone = r->conf && r->conf->timezone ? r->conf->timezone :
	    "UTC";
	size_t		 n = 0;
	time_t		 t;

	if ((st = db_stmt(r->db, PSQL_DASH_SMS_FAILED)) == NULL)
		return db_http_status(db_last_rc(r->db));
	if ((rc = db_step(st)) != DB_ROW)
		return db_http_status(rc == DB_OK ? DB_ERROR : rc);
	page_set_int(r, "Dashboard.Today.SmsFailed", db_col_int(st, 0));
	page_set(r, "Dashboard.Today.SmsPlural", tpl_plural(r->lang,
	    db_col_int(st, 0)));
	db_reset(st);
	if ((st = db_stmt(r->db, PSQL_DASH_SMS_FAILED_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW && n < 5) {
		snprintf(node, sizeof(node), "Dashboard.Today.Sms.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		/* References are shown XXXX-XXXX everywhere (issue 13.3). */
		snprintf(ref, sizeof(ref), "%.4s-%.4s", db_col_text(st, 1),
		    strlen(db_col_text(st, 1)) > 4 ? db_col_text(st, 1) + 4 :
		    "");
		snprintf(node, sizeof(node), "Dashboard.Today.Sms.%zu.Reference", n);
		page_set(r, node, ref);
		snprintf(node, sizeof(node), "Dashboard.Today.Sms.%zu.Event", n);
		page_set(r, node, event_label(r, db_col_text(st, 2)));
		at[0] = '\0';
		if (time_parse_utc(db_col_text(st, 3), &t) == 0)
			time_format_zone(t, zone, "%Y-%m-%d %H:%M", at,
			    sizeof(at));
		snprintf(node, sizeof(node), "Dashboard.Today.Sms.%zu.At", n);
		page_set(r, node, at);
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	return 0;
}

/* Dashboard.Today.Duplicates: pairs awaiting a decision (and their
 * plural category). Returns 0 or a status. */
static int
today_duplicates(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_stmt(r->db, PSQL_DASH_DUPLICATES)) == NULL)
		return db_http_status(db_last_rc(r->db));
	if ((rc = db_step(st)) != DB_ROW)
		return db_http_status(rc == DB_OK ? DB_ERROR : rc);
	page_set_int(r, "Dashboard.Today.Duplicates", db_col_int(st, 0));
	page_set(r, "Dashboard.Today.DuplicatesPlural", tpl_plural(r->lang,
	    db_col_int(st, 0)));
	db_reset(st);
	return 0;
}

/*
 * Dashboard.Today.Dossiers.{Mine, Overdue, Due7} (the agent's open case
 * files, those past a legal deadline, those due within 7 days of the
 * agency's today) and, for those who assign, .Unassigned. Returns 0 or
 * a status.
 */
static int
today_dossiers(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 today[16], week[16];
	const char	*zone = r->conf && r->conf->timezone ? r->conf->timezone :
	    "UTC";
	time_t		 now = time(NULL);

	time_format_zone(now, zone, "%Y-%m-%d", today, sizeof(today));
	time_format_zone(now + 7 * 86400, zone, "%Y-%m-%d", week,
	    sizeof(week));
	if ((st = db_stmt(r->db, PSQL_DASH_DOSSIERS_MINE)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, today);
	db_bind_text(st, 1, today);
	db_bind_text(st, 2, week);
	db_bind_int(st, 3, r->session->agent_id);
	if ((rc = db_step(st)) != DB_ROW)
		return db_http_status(rc == DB_OK ? DB_ERROR : rc);
	page_set_int(r, "Dashboard.Today.Dossiers.Mine", db_col_int(st, 0));
	page_set_int(r, "Dashboard.Today.Dossiers.Overdue", db_col_int(st, 1));
	page_set_int(r, "Dashboard.Today.Dossiers.Due7", db_col_int(st, 2));
	db_reset(st);
	if (!session_can(r->session, "dossier.assign"))
		return 0;
	if ((st = db_stmt(r->db, PSQL_DASH_DOSSIERS_UNASSIGNED)) == NULL)
		return db_http_status(db_last_rc(r->db));
	if ((rc = db_step(st)) != DB_ROW)
		return db_http_status(rc == DB_OK ? DB_ERROR : rc);
	page_set_int(r, "Dashboard.Today.Dossiers.Unassigned",
	    db_col_int(st, 0));
	page_set(r, "Dashboard.Today.Dossiers.CanAssign", "1");
	db_reset(st);
	return 0;
}

/*
 * What matters today, each part for the agents whose permissions open
 * its workflow (Dashboard.Show.*): appointments and failed SMS
 * (appointments.view), people waiting (any reception permission),
 * duplicates to review (identity.merge), case files (dossier.view),
 * persons' requests (dataprotection.requests). Returns 0 or a status.
 */
static int
today_fill(struct req *r)
{
	const struct session	*s = r->session;
	int			 status;

	if (s == NULL)
		return 0;
	if (session_can(s, "appointments.view")) {
		page_set(r, "Dashboard.Show.Appointments", "1");
		page_set(r, "Dashboard.Show.Sms", "1");
		if ((status = today_appointments(r)) != 0 ||
		    (status = today_sms(r)) != 0)
			return status;
	}
	if (session_can(s, "reception.checkin") ||
	    session_can(s, "reception.counter") ||
	    session_can(s, "reception.dashboard")) {
		page_set(r, "Dashboard.Show.Waiting", "1");
		if ((status = today_waiting(r)) != 0)
			return status;
	}
	if (session_can(s, "identity.merge")) {
		page_set(r, "Dashboard.Show.Duplicates", "1");
		if ((status = today_duplicates(r)) != 0)
			return status;
	}
	if (session_can(s, "dossier.view") && s->agent_id != 0) {
		page_set(r, "Dashboard.Show.Dossiers", "1");
		if ((status = today_dossiers(r)) != 0)
			return status;
	}
	/* persons' requests about their data and their legal deadline */
	if (session_can(s, "dataprotection.requests")) {
		page_set(r, "Dashboard.Show.Requests", "1");
		if ((status = requests_counts(r, "Dashboard.Today.Requests")) != 0)
			return status;
	}
	return 0;
}

/*
 * GET /dashboard (intranet, any agent): what matters today in the
 * agent's workflows (today_fill), then the workflows this agent may use
 * (the navigation computed from their permissions), with a line on
 * what each is for. Template portal/dashboard.cs.
 */
int
page_dashboard(struct req *r)
{
	HDF	*nav = hdf_get_obj(r->hdf, "Page.Nav");
	char	 node[64], key[64];
	size_t	 n = 0;
	int	 status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Dashboard.Title"));
	if ((status = today_fill(r)) != 0)
		return status;
	for (nav = nav ? hdf_obj_child(nav) : NULL; nav != NULL;
	    nav = hdf_obj_next(nav)) {
		const char *href = hdf_get_value(nav, "Href", "");

		if (strcmp(href, "/dashboard") == 0)
			continue;
		snprintf(node, sizeof(node), "Dashboard.Items.%zu.Href", n);
		page_set(r, node, href);
		snprintf(node, sizeof(node), "Dashboard.Items.%zu.Label", n);
		page_set(r, node, hdf_get_value(nav, "Label", ""));
		/* "/agents" -> Dashboard.Help.agents */
		snprintf(key, sizeof(key), "Dashboard.Help.%s", href + 1);
		snprintf(node, sizeof(node), "Dashboard.Items.%zu.Help", n);
		page_set(r, node, tpl_text(r->hdf, key));
		n++;
	}
	page_set_int(r, "Dashboard.Count", (long long)n);
	return 200;
}

/*
 * GET /api/v1/me (any vhost, any agent or API key; JSON): who the
 * caller is and what they may do, so that a partner can check its key
 * and its permissions before calling a workflow's API.
 */
int
page_api_me(struct req *r)
{
	const struct session	*s = r->session;
	struct buf		 j = {0};
	size_t			 i;
	int			 status;

	buf_puts(&j, "{\"kind\":\"");
	buf_puts(&j, r->is_api ? "api_key" : "agent");
	buf_puts(&j, "\",\"name\":\"");
	buf_puts_json(&j, s->username);
	buf_puts(&j, "\",\"permissions\":[");
	for (i = 0; i < s->nperms; i++) {
		buf_puts(&j, i ? ",\"" : "\"");
		buf_puts_json(&j, s->perms[i]);
		buf_puts(&j, "\"");
	}
	buf_puts(&j, "]}");
	status = resp_json(r, 200, j.data);
	buf_free(&j);
	return status;
}

/*
 * stations.c: configuration of a site's stations and counters
 * (permission appointments.configure: stations belong to a site's set-up
 * like its quotas, and supervisors hold it). For each site and service,
 * an ordered list of steps (document check, archives, data entry, photo,
 * exit ...), each with its counters; and the languages of the site's
 * display board. Edits carry the row's version: a stale save is refused
 * (409) with the stored values shown beside the submitted ones.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db.h"
#include "log.h"
#include "reception.h"
#include "tpl.h"

/* GET /reception/stations. */
const struct field_spec stations_query_fields[] = {
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"service", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /reception/stations. */
const struct field_spec station_new_fields[] = {
	{"site", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"service", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"name", FIELD_STRING, 1, 1, 100, NULL},
	{"position", FIELD_INT, 1, 1, 99, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /reception/stations/{id}. */
const struct field_spec station_fields[] = {
	{"name", FIELD_STRING, 1, 1, 100, NULL},
	{"position", FIELD_INT, 1, 1, 99, NULL},
	{"active", FIELD_BOOL, 0, 0, 0, NULL},
	{"version", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /reception/stations/{id}/counters. */
const struct field_spec counter_new_fields[] = {
	{"name", FIELD_STRING, 1, 1, 32, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /reception/counters/{id}. */
const struct field_spec counter_fields[] = {
	{"name", FIELD_STRING, 1, 1, 32, NULL},
	{"active", FIELD_BOOL, 0, 0, 0, NULL},
	{"version", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /reception/sites/{id}/languages: "en,fr,ar". */
const struct field_spec languages_fields[] = {
	{"languages", FIELD_STRING, 1, 2, 64, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/*
 * Fill the configuration page of a site and service: pickers, the
 * stations (Stations.N.{Id, Position, Name, Active, Version,
 * Counters.M.{Id, Name, Active, Version}}) and the board languages.
 */
static int
stations_fill(struct req *r, int64_t site, int64_t service)
{
	struct site	 s;
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0, i, m;
	int64_t		 ids[100];
	char		 node[80];
	int		 status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Reception.Stations.Title"));
	if ((status = site_pick(r, site, &s)) != 0)
		return status == 200 ? 0 : status;
	if ((status = options_fill(r)) != 0)
		return status;
	page_set(r, "Stations.Languages", s.languages);
	if (service == 0) {
		long long v;

		if (parse_int(hdf_get_value(r->hdf, "Services.0.Value", ""), 1,
		    DB_ID_MAX, &v) != 0)
			return 0;
		service = v;
	}
	page_set_int(r, "Form.service.Value", service);
	page_set_int(r, "Stations.Service", service);
	if ((st = db_stmt(r->db, RSQL_STATIONS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, s.id);
	db_bind_int(st, 1, service);
	while ((rc = db_step(st)) == DB_ROW) {
		if (n >= sizeof(ids) / sizeof(ids[0])) {
			db_reset(st);
			break;
		}
		ids[n] = db_col_int(st, 0);
		snprintf(node, sizeof(node), "Stations.List.%zu.Id", n);
		page_set_int(r, node, ids[n]);
		snprintf(node, sizeof(node), "Stations.List.%zu.Position", n);
		page_set_int(r, node, db_col_int(st, 1));
		snprintf(node, sizeof(node), "Stations.List.%zu.Name", n);
		page_set(r, node, db_col_text(st, 2));
		snprintf(node, sizeof(node), "Stations.List.%zu.Active", n);
		page_set(r, node, db_col_int(st, 3) ? "1" : "0");
		snprintf(node, sizeof(node), "Stations.List.%zu.Version", n);
		page_set_int(r, node, db_col_int(st, 4));
		n++;
	}
	if (rc != DB_OK && rc != DB_ROW)
		return db_http_status(rc);
	page_set_int(r, "Stations.Next", (long long)n + 1);
	for (i = 0; i < n; i++) {
		if ((st = db_stmt(r->db, RSQL_STATION_COUNTERS)) == NULL)
			return db_http_status(db_last_rc(r->db));
		db_bind_int(st, 0, ids[i]);
		m = 0;
		while ((rc = db_step(st)) == DB_ROW) {
			snprintf(node, sizeof(node),
			    "Stations.List.%zu.Counters.%zu.Id", i, m);
			page_set_int(r, node, db_col_int(st, 0));
			snprintf(node, sizeof(node),
			    "Stations.List.%zu.Counters.%zu.Name", i, m);
			page_set(r, node, db_col_text(st, 1));
			snprintf(node, sizeof(node),
			    "Stations.List.%zu.Counters.%zu.Active", i, m);
			page_set(r, node, db_col_int(st, 2) ? "1" : "0");
			snprintf(node, sizeof(node),
			    "Stations.List.%zu.Counters.%zu.Version", i, m);
			page_set_int(r, node, db_col_int(st, 3));
			m++;
		}
		if (rc != DB_OK)
			return db_http_status(rc);
	}
	return 0;
}

/*
 * GET /reception/stations (appointments.configure; site, service): the
 * stations of a service at a site with their counters, and the forms to
 * change them. Template reception/stations.cs.
 */
int
page_stations(struct req *r)
{
	int	status;

	if ((status = stations_fill(r, form_int(r, "site"),
	    form_int(r, "service"))) != 0)
		return status;
	return 200;
}

/* Back to a site and service's configuration with a message. */
static int
to_stations(struct req *r, int64_t site, int64_t service, const char *flash)
{
	char	loc[96];

	flash_set(r, "ok", flash);
	if (service > 0)
		snprintf(loc, sizeof(loc),
		    "/reception/stations?site=%lld&service=%lld",
		    (long long)site, (long long)service);
	else
		snprintf(loc, sizeof(loc), "/reception/stations?site=%lld",
		    (long long)site);
	return resp_redirect(r, loc);
}

/* One change: a statement with its binds already made, its audit. */
struct change_ctx {
	struct req		*r;
	size_t			 sql;
	const char		*texts[6];	/* binds: text, or NULL ... */
	int64_t			 ints[6];	/* ... integer at that place */
	size_t			 nbinds;
	int			 guarded;	/* 0 rows changed: stale */
	const char		*entity;
	int64_t			 entity_id;	/* 0: the inserted row's */
	const char		*action;
	struct audit_change	 ch[4];
	size_t			 nch;
	int			 stale;		/* out */
	int			 dup;		/* out */
	int64_t			 id;		/* out */
};

/* Run the change and its audit event (db_txn function). */
static enum db_rc
change_txn(struct db *db, void *arg)
{
	struct change_ctx	*c = arg;
	struct db_stmt		*st;
	enum db_rc		 rc;
	size_t			 i;
	char			 idtext[24];

	c->stale = c->dup = 0;
	if ((st = db_stmt(db, c->sql)) == NULL)
		return db_last_rc(db);
	for (i = 0; i < c->nbinds; i++)
		if (c->texts[i] != NULL)
			db_bind_text(st, i, c->texts[i]);
		else
			db_bind_int(st, i, c->ints[i]);
	if ((rc = db_exec(st)) == DB_DUP) {
		c->dup = 1;
		return DB_ERROR;
	}
	if (rc != DB_OK)
		return rc;
	if (c->guarded && db_affected(st) == 0) {
		c->stale = 1;
		return DB_ERROR;
	}
	c->id = c->entity_id ? c->entity_id : (int64_t)db_insert_id(st);
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	return audit_req(c->r, c->entity, idtext, c->action, c->ch, c->nch);
}

/* Run a change; returns 0 (done), or a status after logging. */
static int
change_run(struct req *r, struct change_ctx *c)
{
	enum db_rc	rc;

	c->r = r;
	rc = db_txn(r->db, change_txn, c);
	if (c->stale || c->dup)
		return 0;
	if (rc != DB_OK) {
		log_err("%s %s: %s", c->entity, c->action, db_errmsg(r->db));
		return db_http_status(rc);
	}
	return 0;
}

/*
 * Read station id: its site and service, and (when the buffers are not
 * NULL) its name (namesz bytes) and position as text. Returns 0, 404
 * for an unknown station, or the database failure's status.
 */
static int
station_get(struct req *r, int64_t id, int64_t *site, int64_t *service,
    char *name, size_t namesz, char pos[24])
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_stmt(r->db, RSQL_STATION_GET)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	*site = db_col_int(st, 0);
	*service = db_col_int(st, 1);
	if (pos != NULL)
		snprintf(pos, 24, "%lld", (long long)db_col_int(st, 2));
	if (name != NULL)
		snprintf(name, namesz, "%s", db_col_text(st, 3));
	db_reset(st);
	return 0;
}

/*
 * The page of a refused change c (stale or dup) at site and service:
 * 409 with the stored name (and position, when not NULL) for a stale
 * version, else 422 for a counter name taken. Returns the status.
 */
static int
change_refused(struct req *r, const struct change_ctx *c, int64_t site,
    int64_t service, const char *oldname, const char *oldpos)
{
	int	status;

	if ((status = stations_fill(r, site, service)) != 0)
		return status;
	if (c->stale) {
		page_set(r, "Stations.Conflict.Name", oldname);
		if (oldpos != NULL)
			page_set(r, "Stations.Conflict.Position", oldpos);
		page_set(r, "Stations.Conflict.Mine", form_str(r, "name"));
		return 409;
	}
	page_set(r, "Stations.Error",
	    tpl_text(r->hdf, "Reception.Error.CounterTaken"));
	return 422;
}

/*
 * POST /reception/stations (appointments.configure, CSRF;
 * station_new_fields): add a station. Redirects to the configuration.
 */
int
page_station_new(struct req *r)
{
	struct change_ctx	 c;
	struct site		 s;
	enum db_rc		 rc;
	int			 status;
	int64_t			 service = form_int(r, "service");

	if ((rc = site_load(r->db, form_int(r, "site"), &s)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	memset(&c, 0, sizeof(c));
	c.sql = RSQL_STATION_INSERT;
	c.ints[0] = s.id;
	c.ints[1] = service;
	c.ints[2] = form_int(r, "position");
	c.texts[3] = form_str(r, "name");
	c.nbinds = 4;
	c.entity = "station";
	c.action = "create";
	c.ch[0] = (struct audit_change){"name", NULL, form_str(r, "name")};
	c.nch = 1;
	if ((status = change_run(r, &c)) != 0)
		return status;
	return to_stations(r, s.id, service, "Reception.Flash.Saved");
}

/*
 * POST /reception/stations/{id} (appointments.configure, CSRF;
 * station_fields): rename, move or (de)activate a station. 409 with the
 * stored values when the version moved on; 404 for an unknown station.
 */
int
page_station_save(struct req *r)
{
	struct change_ctx	 c;
	int64_t			 id = req_param_int(r, "id");
	/* set by station_get() when it answers 0; initialised for gcc
	 * -O3, which cannot see that db_http_status() is never 0 */
	int64_t			 site = 0, service = 0;
	char			 oldname[401], oldpos[24], newpos[24];
	int			 status;

	if ((status = station_get(r, id, &site, &service, oldname,
	    sizeof(oldname), oldpos)) != 0)
		return status;
	snprintf(newpos, sizeof(newpos), "%lld", form_int(r, "position"));
	memset(&c, 0, sizeof(c));
	c.sql = RSQL_STATION_UPDATE;
	c.ints[0] = form_int(r, "position");
	c.texts[1] = form_str(r, "name");
	c.ints[2] = form_int(r, "active") ? 1 : 0;
	c.ints[3] = id;
	c.ints[4] = form_int(r, "version");
	c.nbinds = 5;
	c.guarded = 1;
	c.entity = "station";
	c.entity_id = id;
	c.action = "update";
	c.ch[0] = (struct audit_change){"name", oldname, form_str(r, "name")};
	c.ch[1] = (struct audit_change){"position", oldpos, newpos};
	c.ch[2] = (struct audit_change){"active", NULL,
	    form_int(r, "active") ? "1" : "0"};
	c.nch = 3;
	if ((status = change_run(r, &c)) != 0)
		return status;
	if (c.stale)
		return change_refused(r, &c, site, service, oldname, oldpos);
	return to_stations(r, site, service, "Reception.Flash.Saved");
}

/*
 * POST /reception/stations/{id}/counters (appointments.configure, CSRF;
 * name): add a counter to a station. 422 when the station already has a
 * counter of that name; 404 for an unknown station.
 */
int
page_counter_new(struct req *r)
{
	struct change_ctx	 c;
	int64_t			 id = req_param_int(r, "id");
	/* set by station_get() when it answers 0; initialised for gcc
	 * -O3, which cannot see that db_http_status() is never 0 */
	int64_t			 site = 0, service = 0;
	int			 status;

	if ((status = station_get(r, id, &site, &service, NULL, 0,
	    NULL)) != 0)
		return status;
	memset(&c, 0, sizeof(c));
	c.sql = RSQL_COUNTER_INSERT;
	c.ints[0] = id;
	c.texts[1] = form_str(r, "name");
	c.nbinds = 2;
	c.entity = "counter";
	c.action = "create";
	c.ch[0] = (struct audit_change){"name", NULL, form_str(r, "name")};
	c.nch = 1;
	if ((status = change_run(r, &c)) != 0)
		return status;
	if (c.dup)
		return change_refused(r, &c, site, service, NULL, NULL);
	return to_stations(r, site, service, "Reception.Flash.Saved");
}

/*
 * POST /reception/counters/{id} (appointments.configure, CSRF;
 * counter_fields): rename or (de)activate a counter. 409 with the stored
 * name when the version moved on; 422 for a name taken at the station.
 */
int
page_counter_save(struct req *r)
{
	struct change_ctx	 c;
	struct db_stmt		*st;
	enum db_rc		 rc;
	int64_t			 id = req_param_int(r, "id");
	/* set by station_get() when it answers 0; initialised for gcc
	 * -O3, which cannot see that db_http_status() is never 0 */
	int64_t			 site = 0, service = 0;
	char			 oldname[129];
	int			 status;

	if ((st = db_stmt(r->db, RSQL_COUNTER_ROW)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	snprintf(oldname, sizeof(oldname), "%s", db_col_text(st, 1));
	site = db_col_int(st, 4);
	service = db_col_int(st, 5);
	db_reset(st);
	memset(&c, 0, sizeof(c));
	c.sql = RSQL_COUNTER_UPDATE;
	c.texts[0] = form_str(r, "name");
	c.ints[1] = form_int(r, "active") ? 1 : 0;
	c.ints[2] = id;
	c.ints[3] = form_int(r, "version");
	c.nbinds = 4;
	c.guarded = 1;
	c.entity = "counter";
	c.entity_id = id;
	c.action = "update";
	c.ch[0] = (struct audit_change){"name", oldname, form_str(r, "name")};
	c.ch[1] = (struct audit_change){"active", NULL,
	    form_int(r, "active") ? "1" : "0"};
	c.nch = 2;
	if ((status = change_run(r, &c)) != 0)
		return status;
	if (c.stale || c.dup)
		return change_refused(r, &c, site, service, oldname, NULL);
	return to_stations(r, site, service, "Reception.Flash.Saved");
}

/*
 * POST /reception/sites/{id}/languages (appointments.configure, CSRF;
 * languages): the display board's languages, a comma-separated list of
 * configured language codes. 422 when one is not a configured language.
 */
int
page_board_languages(struct req *r)
{
	struct change_ctx	 c;
	struct site		 s;
	enum db_rc		 rc;
	char			 copy[65], clean[65], *tok, *save;
	size_t			 len = 0;
	int			 status;

	if ((rc = site_load(r->db, req_param_int(r, "id"), &s)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	snprintf(copy, sizeof(copy), "%s", form_str(r, "languages"));
	clean[0] = '\0';
	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (!tpl_lang_ok(tok)) {
			form_set_error(r, "languages",
			    "Reception.Error.Languages");
			if ((status = stations_fill(r, s.id, 0)) != 0)
				return status;
			return 422;
		}
		len += (size_t)snprintf(clean + len, sizeof(clean) - len,
		    "%s%s", len ? "," : "", tok);
		if (len >= sizeof(clean))
			break;
	}
	memset(&c, 0, sizeof(c));
	c.sql = RSQL_SITE_LANG_SET;
	c.ints[0] = s.id;
	c.texts[1] = clean;
	c.nbinds = 2;
	c.entity = "reception_site";
	c.entity_id = s.id;
	c.action = "languages";
	c.ch[0] = (struct audit_change){"languages", s.languages, clean};
	c.nch = 1;
	if ((status = change_run(r, &c)) != 0)
		return status;
	return to_stations(r, s.id, 0, "Reception.Flash.Saved");
}

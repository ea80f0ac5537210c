/*
 * dashboard.c: the landing page, the health check, the language choice
 * and each agent's dashboard of the workflows they may use.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "common_sql.h"
#include "db.h"
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

/*
 * GET /dashboard (intranet, any agent): the workflows this agent may
 * use (the navigation computed from their permissions), with a line on
 * what each is for. Template portal/dashboard.cs.
 */
int
page_dashboard(struct req *r)
{
	HDF	*nav = hdf_get_obj(r->hdf, "Page.Nav");
	char	 node[64], key[64];
	size_t	 n = 0;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Dashboard.Title"));
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

/*
 * havre-portal: the landing page, health check and language choice on
 * the intranet; later login, agents' administration and audit pages.
 * The route table below is the program's whole attack surface.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "common_sql.h"
#include "db.h"
#include "log.h"

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
 * GET / (intranet, public): the landing page, with the schema version
 * read from the database (one query). Template portal/home.cs.
 */
static int
page_home(struct req *r)
{
	long long	version = 0;
	enum db_rc	rc;

	if ((rc = schema_version(r->db, &version)) != DB_OK)
		return rc == DB_DOWN ? 503 : 500;
	page_set(r, "Page.Title", hdf_get_value(r->hdf,
	    "Lang.Portal.Home.Title", ""));
	page_set_int(r, "Portal.SchemaVersion", version);
	return 200;
}

/*
 * GET /healthz (any vhost, no login): {"database":"ok",
 * "schema_version":N} with 200, or 503 with "down" when the database
 * does not answer. For load balancers and monitoring.
 */
static int
page_healthz(struct req *r)
{
	long long	version = 0;
	char		json[96];

	if (schema_version(r->db, &version) != DB_OK)
		return resp_json(r, 503,
		    "{\"database\":\"down\",\"schema_version\":null}");
	snprintf(json, sizeof(json),
	    "{\"database\":\"ok\",\"schema_version\":%lld}", version);
	return resp_json(r, 200, json);
}

static const char *const lang_choices[] = {"en", "fr", "ar", "es", "ht",
    NULL};

static const struct field_spec lang_fields[] = {
	{"lang", FIELD_ENUM, 1, 0, 0, lang_choices},
};

/*
 * POST /lang (intranet, public; field lang): remember the chosen
 * language in a cookie and go back to the landing page. No CSRF token:
 * it changes no stored state, only the caller's own cookie.
 */
static int
page_lang(struct req *r)
{
	resp_cookie(r, "lang", form_str(r, "lang"), 365L * 24 * 3600);
	return resp_redirect(r, "/");
}

static const struct route routes[] = {
	{M_GET, "/", VHOST_INTRANET, PERM_PUBLIC, 0, page_home,
	    "portal/home.cs", NULL, 0, NULL},
	{M_GET, "/healthz", VHOST_ANY, PERM_PUBLIC, ROUTE_NOLOG, page_healthz,
	    NULL, NULL, 0, NULL},
	{M_POST, "/lang", VHOST_ANY, PERM_PUBLIC, 0, page_lang, NULL,
	    lang_fields, 1, NULL},
};

static const struct app portal = {
	"havre-portal", routes, sizeof(routes) / sizeof(routes[0]), NULL, 0,
	NULL,
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &portal);
}

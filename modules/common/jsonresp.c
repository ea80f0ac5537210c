/*
 * jsonresp.c: JSON answers of the programs' APIs (see jsonresp.h).
 */
#include "config.h"

#include <stdlib.h>

#include "app.h"
#include "jsonresp.h"

/* See jsonresp.h. */
int
jsonresp_value(struct req *r, int status, json_t *j)
{
	char	*s;

	if (j == NULL || (s = json_dumps(j, JSON_COMPACT)) == NULL) {
		json_decref(j);
		return resp_json(r, 500, "{\"error\":\"internal\"}");
	}
	json_decref(j);
	status = resp_json(r, status, s);
	free(s);
	return status;
}

/* See jsonresp.h. */
int
jsonresp_error(struct req *r, int status, const char *code)
{
	return jsonresp_value(r, status, json_pack("{s:s}", "error", code));
}

/* See jsonresp.h. */
int
jsonresp_db_fail(struct req *r, enum db_rc rc)
{
	return db_http_status(rc) == 503 ?
	    jsonresp_error(r, 503, "unavailable") :
	    jsonresp_error(r, 500, "internal");
}

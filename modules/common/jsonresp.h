/*
 * jsonresp.h: JSON answers of the programs' APIs built with jansson:
 * a value, {"error": code}, and the error for a failed database call.
 * Each sets the whole response (resp_json) and returns its status.
 */
#ifndef HAVRE_JSONRESP_H
#define HAVRE_JSONRESP_H

#include <jansson.h>

#include "db.h"

struct req;

/*
 * Answer j (a reference stolen: freed here in every case) as compact
 * JSON with status. A NULL j or a failed dump answers 500
 * {"error":"internal"}. Returns the status sent.
 */
int	 jsonresp_value(struct req *, int status, json_t *j);

/* {"error": code} with status. Returns the status sent. */
int	 jsonresp_error(struct req *, int status, const char *code);

/* The answer for a failed database call rc: 503 {"error":"unavailable"}
 * when the database is down, else 500 {"error":"internal"}. Returns the
 * status sent. */
int	 jsonresp_db_fail(struct req *, enum db_rc rc);

#endif

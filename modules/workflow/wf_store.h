/*
 * wf_store.h: procedure versions as stored (wf_procedure_version), for
 * the programs whose records follow a procedure (havre-dossier and
 * havre-registration through libcasefile, havre-civil). A version never
 * changes once used, so each worker parses it once and keeps it.
 */
#ifndef HAVRE_WF_STORE_H
#define HAVRE_WF_STORE_H

#include <stdint.h>

#include "db.h"
#include "wf.h"

/*
 * The definition of procedure version id, parsed on first use and kept
 * by the worker (the last few versions). Returns it, or NULL with *rcp
 * set (the database's error, or DB_ERROR for a missing or unparsable
 * version, logged).
 */
const struct wf_def *wf_version_def(struct db *, int64_t version_id,
	    enum db_rc *rcp);

#endif

/*
 * store.c: procedure versions read from wf_procedure_version and parsed
 * once per worker (wf_store.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "log.h"
#include "wf_store.h"

/* Versions kept parsed per worker; beyond, the oldest is replaced. */
#define DEF_CACHE	32

static const char *const store_sqls_v[] = {
	"SELECT definition FROM wf_procedure_version WHERE id = ?",
};
static const struct db_table store_sqls = { "wfsql", store_sqls_v, 1 };

static struct {
	int64_t		 version_id;
	struct wf_def	 def;
} cache[DEF_CACHE];
static size_t	cache_next;

/* See wf_store.h. */
const struct wf_def *
wf_version_def(struct db *db, int64_t version_id, enum db_rc *rcp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 i, slot;
	char		 err[256];

	*rcp = DB_OK;
	for (i = 0; i < DEF_CACHE; i++)
		if (cache[i].version_id == version_id)
			return &cache[i].def;
	if ((st = db_tstmt(db, &store_sqls, 0)) == NULL) {
		*rcp = db_last_rc(db);
		return NULL;
	}
	db_bind_int(st, 0, version_id);
	if ((rc = db_step(st)) != DB_ROW) {
		*rcp = rc == DB_OK ? DB_ERROR : rc;
		log_err("procedure version %lld not readable",
		    (long long)version_id);
		return NULL;
	}
	slot = cache_next;
	cache_next = (cache_next + 1) % DEF_CACHE;
	cache[slot].version_id = 0;
	if (wf_parse(db_col_text(st, 0), &cache[slot].def, err,
	    sizeof(err)) != 0) {
		log_err("procedure version %lld does not parse: %s",
		    (long long)version_id, err);
		db_reset(st);
		*rcp = DB_ERROR;
		return NULL;
	}
	db_reset(st);
	cache[slot].version_id = version_id;
	return &cache[slot].def;
}

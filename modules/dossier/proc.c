/*
 * proc.c: procedure versions (parsed once per worker: a version never
 * changes once stored), the agency's calendar and today's date in the
 * agency's zone.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "dossier.h"
#include "htime.h"
#include "log.h"
#include "tpl.h"

const char *
status_label(const struct req *r, const struct wf_def *def,
    const char *code)
{
	int	i;

	if (def == NULL || (i = wf_status_find(def, code)) < 0)
		return code;
	return wf_label_text(&def->statuses[i].label, r->lang, code);
}

int
procedures_fill(struct req *r, const char *node, int all)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 name[96];
	size_t		 n = 0;

	if ((st = db_stmt(r->db, DSQL_PROC_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		if (!all && db_col_int(st, 4) == 0)
			continue;
		snprintf(name, sizeof(name), "%s.%zu.Value", node, n);
		page_set_int(r, name, db_col_int(st, 0));
		snprintf(name, sizeof(name), "%s.%zu.Label", node, n);
		page_set(r, name, db_col_text(st, 2));
		snprintf(name, sizeof(name), "%s.%zu.Code", node, n);
		page_set(r, name, db_col_text(st, 1));
		snprintf(name, sizeof(name), "%s.%zu.Number", node, n);
		page_set_int(r, name, db_col_int(st, 3));
		snprintf(name, sizeof(name), "%s.%zu.Active", node, n);
		page_set_int(r, name, db_col_int(st, 4));
		n++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

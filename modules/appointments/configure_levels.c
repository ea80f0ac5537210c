/*
 * configure_levels.c: the service levels page of havre-appointments
 * (permission appointments.configure): which levels (extreme urgency,
 * urgent, regular) the public may choose when booking online; agents
 * book every level. The change runs in one transaction with its audit
 * event.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "appointments.h"
#include "audit.h"
#include "buf.h"
#include "conf.h"
#include "configure.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "pages.h"
#include "sql.h"
#include "tpl.h"

/* The levels page: public_<level code>, and the form's own hidden
 * "levels" field (required: an empty POST cannot clear every box). */
const struct field_spec level_fields[] = {
	{"levels", FIELD_INT, 1, 1, 1, NULL},
	{"public_extreme", FIELD_BOOL, 0, 0, 0, NULL},
	{"public_urgent", FIELD_BOOL, 0, 0, 0, NULL},
	{"public_regular", FIELD_BOOL, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};


/*
 * GET /appointments/levels (appointments.configure; also the fill of a
 * rejected POST): the service levels in queue order with the "public
 * may choose it" checkboxes, ApptConf.Levels.N.{Code,Label,Field}.
 * Template appointments/configure_levels.cs.
 */
int
page_levels(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64], field[40];
	size_t		 n = 0;

	r->tpl = "appointments/configure_levels.cs";
	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.Levels.Title"));
	if ((st = db_stmt(r->db, ASQL_LEVEL_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		const char *code = db_col_text(st, 1);
		int i;

		for (i = 0; i < NLEVELS; i++)
			if (strcmp(code, level_codes[i]) == 0)
				break;
		if (i == NLEVELS)
			continue;
		snprintf(field, sizeof(field), "public_%s", code);
		snprintf(node, sizeof(node), "ApptConf.Levels.%zu.Code", n);
		page_set(r, node, code);
		snprintf(node, sizeof(node), "ApptConf.Levels.%zu.Label", n);
		page_set(r, node, appt_label(r, "Level", code));
		snprintf(node, sizeof(node), "ApptConf.Levels.%zu.Field", n);
		page_set(r, node, field);
		if (r->method == M_GET) {
			snprintf(node, sizeof(node), "Form.%s.Value", field);
			page_set(r, node, conf_flag(db_col_int(st, 2) != 0));
		}
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	return 200;
}

/* What levels_txn needs. */
struct levels_ctx {
	struct req	*r;
	int		 want[NLEVELS];	/* public flags submitted */
};

/* Set the public flag of each seeded level and write one audit event
 * with the flags that changed (db_txn function). */
static enum db_rc
levels_txn(struct db *db, void *arg)
{
	struct levels_ctx	*c = arg;
	struct audit_change	 ch[NLEVELS];
	struct db_stmt		*st;
	enum db_rc		 rc;
	int64_t			 ids[NLEVELS];
	int			 old[NLEVELS];
	size_t			 n = 0;
	int			 i;

	memset(old, 0, sizeof(old));
	memset(ids, 0, sizeof(ids));
	if ((st = db_stmt(db, ASQL_LEVEL_LIST)) == NULL)
		return db_last_rc(db);
	while ((rc = db_step(st)) == DB_ROW)
		for (i = 0; i < NLEVELS; i++)
			if (strcmp(db_col_text(st, 1), level_codes[i]) == 0) {
				ids[i] = db_col_int(st, 0);
				old[i] = db_col_int(st, 2) != 0;
			}
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < NLEVELS; i++) {
		if (ids[i] == 0 || old[i] == c->want[i])
			continue;
		if ((st = db_stmt(db, ASQL_LEVEL_SET_PUBLIC)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->want[i]);
		db_bind_int(st, 1, ids[i]);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
		ch[n++] = (struct audit_change){level_codes[i], conf_flag(old[i]),
		    conf_flag(c->want[i])};
	}
	if (n == 0)
		return DB_OK;
	return audit_req(c->r, "service_level", "public", "update", ch, n);
}

/*
 * POST /appointments/levels (appointments.configure, CSRF; fields
 * level_fields): which levels the public may choose. Redirects with a
 * flash.
 */
int
page_levels_save(struct req *r)
{
	struct levels_ctx	 c;
	enum db_rc		 rc;
	char			 name[40];
	int			 i;

	memset(&c, 0, sizeof(c));
	c.r = r;
	for (i = 0; i < NLEVELS; i++) {
		snprintf(name, sizeof(name), "public_%s", level_codes[i]);
		c.want[i] = form_int(r, name) != 0;
	}
	if ((rc = db_txn(r->db, levels_txn, &c)) != DB_OK) {
		log_err("cannot save the levels: %s", db_errmsg(r->db));
		return db_http_status(rc);
	}
	flash_set(r, "ok", "Appt.Flash.LevelsSaved");
	return resp_redirect(r, "/appointments/levels");
}


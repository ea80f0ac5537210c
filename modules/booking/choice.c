/*
 * choice.c: a site, a service and a level as every channel reads them
 * (the public booking pages, the partner API): one query for the three,
 * with what making the site's slots needs (its zone, the audit trail's
 * last number).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "booking.h"

/* Copy column i of st into out (cut to outsz). */
static void
col_copy(struct db_stmt *st, size_t i, char *out, size_t outsz)
{
	const char	*s = db_col_text(st, i);

	snprintf(out, outsz, "%s", s != NULL ? s : "");
}

/* See booking.h. */
int
booking_choice_get(struct db *db, const char *lang, enum channel ch,
    int public_only, int64_t site_id, int64_t service_id, int64_t level_id,
    struct booking_choice *c, enum db_rc *rcp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(c, 0, sizeof(*c));
	if (site_id <= 0 || service_id <= 0 || level_id <= 0 || ch >= CH__MAX)
		return 0;
	if ((st = booking_stmt(db, BSQL_CHOICE)) == NULL) {
		*rcp = db_last_rc(db);
		return -1;
	}
	db_bind_text(st, 0, lang);
	db_bind_int(st, 1, service_id);
	db_bind_int(st, 2, level_id);
	db_bind_text(st, 3, channel_names[ch]);
	db_bind_int(st, 4, public_only ? 1 : 0);
	db_bind_int(st, 5, site_id);
	if ((rc = db_step(st)) != DB_ROW) {
		*rcp = rc;
		return rc == DB_OK ? 0 : -1;
	}
	c->site_id = site_id;
	col_copy(st, 0, c->site_name, sizeof(c->site_name));
	col_copy(st, 1, c->address, sizeof(c->address));
	col_copy(st, 2, c->zone, sizeof(c->zone));
	col_copy(st, 3, c->cc, sizeof(c->cc));
	c->service_id = service_id;
	col_copy(st, 4, c->service_code, sizeof(c->service_code));
	col_copy(st, 5, c->service_name, sizeof(c->service_name));
	c->needs_document = db_col_int(st, 6) != 0;
	c->level_id = level_id;
	col_copy(st, 7, c->level_code, sizeof(c->level_code));
	c->stamp = db_col_null(st, 8) ? -1 : db_col_int(st, 8);
	db_reset(st);
	*rcp = DB_OK;
	return 1;
}

/* See booking.h. */
int
booking_choice_by_code(struct db *db, const char *site_code,
    const char *service_code, struct booking_choice *c, enum db_rc *rcp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(c, 0, sizeof(*c));
	if ((st = booking_stmt(db, BSQL_CHOICE_BY_CODE)) == NULL) {
		*rcp = db_last_rc(db);
		return -1;
	}
	db_bind_text(st, 0, service_code);
	db_bind_text(st, 1, site_code);
	if ((rc = db_step(st)) != DB_ROW) {
		*rcp = rc;
		return rc == DB_OK ? 0 : -1;
	}
	c->site_id = db_col_int(st, 0);
	col_copy(st, 1, c->zone, sizeof(c->zone));
	col_copy(st, 2, c->cc, sizeof(c->cc));
	c->service_id = db_col_int(st, 3);
	col_copy(st, 4, c->service_code, sizeof(c->service_code));
	c->needs_document = db_col_int(st, 5) != 0;
	c->stamp = db_col_null(st, 6) ? -1 : db_col_int(st, 6);
	db_reset(st);
	*rcp = DB_OK;
	return 1;
}

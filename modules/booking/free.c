/*
 * free.c: the slots of a site's days as every channel reads them (the
 * public day page, the partner API's availability): one indexed query
 * through the library, after making the days' slots.
 */
#include "config.h"

#include "booking.h"

/* See booking.h. */
enum db_rc
booking_days_slots(struct db *db, const struct booking_choice *c,
    enum channel ch, const char *from, const char *to, int ndays,
    booking_slot_fn fn, void *arg)
{
	struct db_stmt		*st;
	struct booking_slot	 s;
	enum db_rc		 rc;

	if (ch >= CH__MAX)
		return DB_ERROR;
	if ((rc = booking_slots_make_at(db, c->site_id, c->zone, c->stamp,
	    from, ndays)) != DB_OK)
		return rc;
	if ((st = booking_stmt(db, BSQL_DAY_FREE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->service_id);
	db_bind_int(st, 1, c->site_id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	db_bind_text(st, 4, channel_names[ch]);
	db_bind_int(st, 5, c->level_id);
	db_bind_int(st, 6, c->level_id);
	while ((rc = db_step(st)) == DB_ROW) {
		s.slot_id = db_col_int(st, 0);
		s.level_id = db_col_int(st, 1);
		s.level_code = db_col_text(st, 2);
		s.local_hm = db_col_text(st, 3);
		s.local_start = db_col_text(st, 4);
		s.offset_minutes = db_col_int(st, 5);
		s.remaining = db_col_int(st, 6);
		s.future = (int)db_col_int(st, 7);
		s.closed = (int)db_col_int(st, 8);
		s.site_code = db_col_text(st, 9);
		s.service_code = db_col_text(st, 10);
		if (fn(&s, arg) != 0) {
			db_reset(st);
			return DB_OK;
		}
	}
	return rc;
}

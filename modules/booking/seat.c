/*
 * seat.c: taking and releasing one seat of a slot, inside the caller's
 * transaction, with one conditional UPDATE (see booking.h for the
 * guarantee): never checked first and inserted later.
 */
#include "config.h"

#include "booking.h"

/* See booking.h. The affected-row count decides: 1 means the seat is
 * ours (until COMMIT), 0 means the slot was full or closed. */
enum seat_rc
booking_seat_take(struct db *db, int64_t slot_id, enum db_rc *rcp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = booking_stmt(db, BSQL_SEAT_TAKE)) == NULL) {
		*rcp = db_last_rc(db);
		return SEAT_DBERR;
	}
	db_bind_int(st, 0, slot_id);
	if ((rc = db_exec(st)) != DB_OK) {
		*rcp = rc;
		return SEAT_DBERR;
	}
	*rcp = DB_OK;
	return db_affected(st) == 1 ? SEAT_TAKEN : SEAT_FULL;
}

/* See booking.h. */
enum db_rc
booking_seat_release(struct db *db, int64_t slot_id)
{
	struct db_stmt	*st;

	if ((st = booking_stmt(db, BSQL_SEAT_RELEASE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, slot_id);
	return db_exec(st);
}

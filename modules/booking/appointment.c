/*
 * appointment.c: writing an appointment row, the same for every channel:
 * a fresh reference, the one person key, and the unique key
 * appointment_active that refuses a second active appointment of one
 * person for one service.
 */
#include "config.h"

#include <string.h>

#include "booking.h"
#include "log.h"

/* References drawn before giving up (31^8 of them: a clash is rare). */
#define REF_TRIES 5

/* Bind the columns of a to the insert statement, reference first. */
static void
appt_bind(struct db_stmt *st, const struct booking_appt *a,
    const char *reference, const char *key)
{
	db_bind_text(st, 0, reference);
	db_bind_int(st, 1, a->site_id);
	db_bind_int(st, 2, a->service_id);
	db_bind_int(st, 3, a->level_id);
	db_bind_text(st, 4, channel_names[a->channel]);
	db_bind_int(st, 5, a->slot_id);
	db_bind_text(st, 6, a->start_utc);
	db_bind_text(st, 7, a->family_name ? a->family_name : "");
	db_bind_text(st, 8, a->given_names ? a->given_names : "");
	db_bind_text(st, 9, a->phone ? a->phone : "");
	db_bind_text(st, 10, a->document_number ? a->document_number : "");
	db_bind_text(st, 11, key);
	db_bind_text(st, 12, a->lang ? a->lang : "en");
	db_bind_text(st, 13, appt_status_names[a->status]);
	db_bind_text(st, 14, a->notes ? a->notes : "");
	if (a->agent_id)
		db_bind_int(st, 15, a->agent_id);
	else
		db_bind_null(st, 15);
	if (a->apikey_id)
		db_bind_int(st, 16, a->apikey_id);
	else
		db_bind_null(st, 16);
}

/* See booking.h. */
enum db_rc
booking_appt_insert(struct db *db, const struct booking_appt *a,
    char reference[BOOKING_REF_LEN + 1], int64_t *id)
{
	struct db_stmt	*st = NULL;
	enum db_rc	 rc = DB_ERROR;
	char		 key[BOOKING_KEY_SIZE];
	int		 tries;

	*id = 0;
	if (a->channel >= CH__MAX || a->status >= APPT__MAX)
		return DB_ERROR;
	booking_person_key(a->document_number, a->phone, a->family_name,
	    a->given_names, key);
	for (tries = 0; tries < REF_TRIES; tries++) {
		booking_reference_new(reference);
		if ((st = booking_stmt(db, BSQL_APPT_INSERT)) == NULL)
			return db_last_rc(db);
		appt_bind(st, a, reference, key);
		if ((rc = db_exec(st)) != DB_DUP)
			break;
		/* Which unique key: the person's active appointment, or a
		 * reference drawn twice (then draw again). */
		if (strstr(db_errmsg(db), "appointment_active") != NULL)
			return DB_DUP;
	}
	if (rc == DB_DUP) {
		log_err("booking: %d reference collisions", REF_TRIES);
		return DB_ERROR;
	}
	if (rc == DB_OK)
		*id = (int64_t)db_insert_id(st);
	return rc;
}

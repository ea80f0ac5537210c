/*
 * booking.c: the one way to book, cancel and move an appointment, for
 * every channel (web, call centre, partner API, walk-in). Each runs in
 * one db_txn with its audit row; the seat is taken with the booking
 * library's booking_seat_take() inside that transaction, never checked
 * first and inserted later, and the row written by booking_appt_insert()
 * (the one person key of every channel).
 *
 * Fairness rules (issue 4, "Fairness"): one active appointment per
 * person per service, the person being booking_person_key() (the
 * normalised document number when there is one, else the phone plus
 * the folded names; the unique index appointment_active enforces it);
 * at most
 * Appointments.MaxActivePerPhone (default 3) active appointments per
 * phone, counted under FOR UPDATE inside the transaction.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "appointments.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "session.h"
#include "sql.h"

/* What create_txn needs and gives back. */
struct create_ctx {
	struct req		*r;
	const struct booking	*b;
	enum booking_rc		 result;
	char			 reference[9];
	int64_t			 id;
	long			 max_per_phone;
};

/* Map a database error to the booking result: the server down and a
 * conflict that outlived db_txn's tries (nothing written) answer 503. */
static enum booking_rc
rc_of(enum db_rc rc)
{
	return db_http_status(rc) == 503 ? BOOK_DB_DOWN : BOOK_ERROR;
}

/*
 * The booking result of a transaction (what, for the log) that ended
 * with rc after setting result: BOOK_OK, the refusal, or the database
 * error's result (logged unless the database is down).
 */
static enum booking_rc
txn_result(struct req *r, enum db_rc rc, enum booking_rc result,
    const char *what)
{
	if (rc == DB_OK)
		return BOOK_OK;
	if (result != BOOK_ERROR && result != BOOK_OK)
		return result;
	if (rc != DB_DOWN)
		log_err("%s: transaction failed (%d): %s", what, (int)rc,
		    db_errmsg(r->db));
	return rc_of(rc);
}

/*
 * Inside a booking transaction: the audit event action on appointment
 * id with its n changes, and the SMS message of that kind queued in the
 * same transaction (issue 6). Returns DB_OK or the database error.
 */
static enum db_rc
audit_notify(struct db *db, struct req *r, int64_t id, const char *action,
    const struct audit_change *ch, size_t n, const char *message)
{
	enum db_rc	rc;
	char		idtext[24];

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if ((rc = audit_req(r, "appointment", idtext, action, ch, n)) != DB_OK)
		return rc;
	return appt_message_enqueue(db, r->conf, id, message);
}

/*
 * The booking transaction: check the slot and the offer, count the
 * phone's active appointments (locked), take the seat, insert, audit.
 * A refusal sets c->result and returns DB_ERROR so that db_txn rolls
 * everything back (the seat too).
 */
static enum db_rc
create_txn(struct db *db, void *arg)
{
	struct create_ctx	*c = arg;
	const struct booking	*b = c->b;
	struct db_stmt		*st;
	struct audit_change	 ch[8];
	enum db_rc		 rc;
	struct booking_appt	 appt;
	enum seat_rc		 q;
	char			 start[20], slottext[24];
	long			 active = 0;
	struct actor		 who;

	c->result = BOOK_ERROR;
	/* The slot: this site, level and channel; in the future; open. */
	if ((st = db_stmt(db, ASQL_SLOT_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, b->slot_id);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc == DB_OK)
			c->result = BOOK_NOT_FOUND;
		return rc == DB_OK ? DB_ERROR : rc;
	}
	if (db_col_int(st, 0) != b->site_id ||
	    db_col_int(st, 1) != b->level_id ||
	    b->channel >= CH__MAX ||
	    strcmp(db_col_text(st, 2), channel_names[b->channel]) != 0 ||
	    db_col_int(st, 8) != 0) {
		db_reset(st);
		c->result = BOOK_NOT_OFFERED;
		return DB_ERROR;
	}
	if (db_col_int(st, 7) == 0) {
		db_reset(st);
		c->result = BOOK_PAST;
		return DB_ERROR;
	}
	snprintf(start, sizeof(start), "%s", db_col_text(st, 3));
	db_reset(st);

	/* The service is offered at that level on that channel. */
	if ((st = db_stmt(db, ASQL_OFFER_CHECK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, b->site_id);
	db_bind_int(st, 1, b->service_id);
	db_bind_int(st, 2, b->level_id);
	db_bind_text(st, 3, channel_names[b->channel]);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc == DB_OK)
			c->result = BOOK_NOT_OFFERED;
		return rc == DB_OK ? DB_ERROR : rc;
	}
	db_reset(st);

	/* At most max_per_phone active appointments per phone. */
	if ((st = db_stmt(db, ASQL_PHONE_ACTIVE_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, b->phone);
	while ((rc = db_step(st)) == DB_ROW)
		active++;
	if (rc != DB_OK)
		return rc;
	if (active >= c->max_per_phone) {
		c->result = BOOK_PHONE_LIMIT;
		return DB_ERROR;
	}

	/* The seat, inside this transaction. */
	q = booking_seat_take(db, b->slot_id, &rc);
	if (q == SEAT_DBERR)
		return rc;
	if (q == SEAT_FULL) {
		c->result = BOOK_SLOT_FULL;
		return DB_ERROR;
	}

	actor_of(c->r, &who);
	appt = (struct booking_appt){
		.site_id = b->site_id, .service_id = b->service_id,
		.level_id = b->level_id, .channel = b->channel,
		.slot_id = b->slot_id, .start_utc = start,
		.family_name = b->family_name, .given_names = b->given_names,
		.phone = b->phone, .document_number = b->document_number,
		.lang = b->lang, .notes = b->notes, .status = APPT_BOOKED,
		.agent_id = who.agent_id, .apikey_id = who.apikey_id,
	};
	if ((rc = booking_appt_insert(db, &appt, c->reference, &c->id)) ==
	    DB_DUP) {
		c->result = BOOK_PERSON_ACTIVE;
		return DB_ERROR;
	}
	if (rc != DB_OK)
		return rc;
	snprintf(slottext, sizeof(slottext), "%lld", (long long)b->slot_id);
	ch[0] = (struct audit_change){"reference", NULL, c->reference};
	ch[1] = (struct audit_change){"channel", NULL,
	    channel_names[b->channel]};
	ch[2] = (struct audit_change){"slot", NULL, slottext};
	ch[3] = (struct audit_change){"start_utc", NULL, start};
	ch[4] = (struct audit_change){"family_name", NULL, b->family_name};
	ch[5] = (struct audit_change){"given_names", NULL, b->given_names};
	ch[6] = (struct audit_change){"phone", NULL, b->phone};
	ch[7] = (struct audit_change){"document_number", NULL,
	    b->document_number ? b->document_number : ""};
	if ((rc = audit_notify(db, c->r, c->id, "create", ch, 8,
	    "confirmation")) != DB_OK)
		return rc;
	c->result = BOOK_OK;
	return DB_OK;
}

/* See appointments.h. */
enum booking_rc
booking_create(struct req *r, const struct booking *b, char reference[9],
    int64_t *id)
{
	struct create_ctx	c;
	enum db_rc		rc;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.b = b;
	c.max_per_phone = r->conf ? conf_get_int(r->conf,
	    "Appointments.MaxActivePerPhone", 3) : 3;
	if (b->phone == NULL || b->family_name == NULL ||
	    b->given_names == NULL || b->channel >= CH__MAX)
		return BOOK_ERROR;
	rc = db_txn(r->db, create_txn, &c);
	if (rc == DB_OK) {
		memcpy(reference, c.reference, 9);
		*id = c.id;
	}
	return txn_result(r, rc, c.result, "booking");
}

/* What cancel_txn and move_txn need. */
struct change_ctx {
	struct req	*r;
	int64_t		 id;
	int64_t		 new_slot;	/* move only */
	enum booking_rc	 result;
};

/* Appointment fields read under lock by appt_lock(). */
struct locked {
	char	 status[16];
	int64_t	 slot_id;
	int64_t	 site_id;
	int64_t	 service_id;
	int64_t	 level_id;
	char	 channel[12];
	char	 reference[9];
	char	 start[20];
};

/* Lock appointment id and read it. Returns DB_ROW, DB_OK if absent,
 * or the error. */
static enum db_rc
appt_lock(struct db *db, int64_t id, struct locked *a)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(a, 0, sizeof(*a));
	if ((st = db_stmt(db, ASQL_APPT_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	snprintf(a->status, sizeof(a->status), "%s", db_col_text(st, 0));
	a->slot_id = db_col_int(st, 1);
	a->site_id = db_col_int(st, 2);
	a->service_id = db_col_int(st, 3);
	a->level_id = db_col_int(st, 4);
	snprintf(a->channel, sizeof(a->channel), "%s", db_col_text(st, 5));
	snprintf(a->reference, sizeof(a->reference), "%s", db_col_text(st, 7));
	snprintf(a->start, sizeof(a->start), "%s", db_col_text(st, 8));
	db_reset(st);
	return DB_ROW;
}

/* Returns 1 if a status holds a seat (see BOOKING_STATUSES). */
static int
status_active(const char *s)
{
	return appt_status_active(appt_status_of(s));
}

/*
 * Lock appointment c->id into a and check that it holds a seat.
 * Returns DB_ROW, else what the db_txn function returns (c->result
 * set for a refusal: not found, not active).
 */
static enum db_rc
active_lock(struct db *db, struct change_ctx *c, struct locked *a)
{
	enum db_rc	rc;

	if ((rc = appt_lock(db, c->id, a)) != DB_ROW) {
		if (rc == DB_OK)
			c->result = BOOK_NOT_FOUND;
		return rc == DB_OK ? DB_ERROR : rc;
	}
	if (!status_active(a->status)) {
		c->result = BOOK_NOT_ACTIVE;
		return DB_ERROR;
	}
	return DB_ROW;
}

/* Cancel under lock, free the seat, audit (db_txn function). */
static enum db_rc
cancel_txn(struct db *db, void *arg)
{
	struct change_ctx	*c = arg;
	struct locked		 a;
	struct db_stmt		*st;
	struct audit_change	 ch[1];
	enum db_rc		 rc;

	c->result = BOOK_ERROR;
	if ((rc = active_lock(db, c, &a)) != DB_ROW)
		return rc;
	if ((st = db_stmt(db, ASQL_APPT_CANCEL)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (a.slot_id && (rc = booking_seat_release(db, a.slot_id)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"status", a.status,
	    appt_status_names[APPT_CANCELLED]};
	if ((rc = audit_notify(db, c->r, c->id, "cancel", ch, 1,
	    "cancellation")) != DB_OK)
		return rc;
	c->result = BOOK_OK;
	return DB_OK;
}

/* See appointments.h. */
enum booking_rc
booking_cancel(struct req *r, int64_t appointment_id)
{
	struct change_ctx	c;
	enum db_rc		rc;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = appointment_id;
	rc = db_txn(r->db, cancel_txn, &c);
	return txn_result(r, rc, c.result, "cancel");
}

/*
 * Move under lock: the new slot must be of the same site, level and
 * channel, open and in the future; take its seat, then free the old
 * one, then update and audit (db_txn function).
 */
static enum db_rc
move_txn(struct db *db, void *arg)
{
	struct change_ctx	*c = arg;
	struct locked		 a;
	struct db_stmt		*st;
	struct audit_change	 ch[2];
	enum db_rc		 rc;
	enum seat_rc		 q;
	char			 oldslot[24], newslot[24], start[20];

	c->result = BOOK_ERROR;
	if ((rc = active_lock(db, c, &a)) != DB_ROW)
		return rc;
	if (a.slot_id == c->new_slot) {
		c->result = BOOK_OK;
		return DB_OK;
	}
	if ((st = db_stmt(db, ASQL_SLOT_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->new_slot);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc == DB_OK)
			c->result = BOOK_NOT_FOUND;
		return rc == DB_OK ? DB_ERROR : rc;
	}
	if (db_col_int(st, 0) != a.site_id ||
	    db_col_int(st, 1) != a.level_id ||
	    strcmp(db_col_text(st, 2), a.channel) != 0 ||
	    db_col_int(st, 8) != 0) {
		db_reset(st);
		c->result = BOOK_NOT_OFFERED;
		return DB_ERROR;
	}
	if (db_col_int(st, 7) == 0) {
		db_reset(st);
		c->result = BOOK_PAST;
		return DB_ERROR;
	}
	snprintf(start, sizeof(start), "%s", db_col_text(st, 3));
	db_reset(st);
	q = booking_seat_take(db, c->new_slot, &rc);
	if (q == SEAT_DBERR)
		return rc;
	if (q == SEAT_FULL) {
		c->result = BOOK_SLOT_FULL;
		return DB_ERROR;
	}
	if (a.slot_id && (rc = booking_seat_release(db, a.slot_id)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, ASQL_APPT_MOVE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->new_slot);
	db_bind_text(st, 1, start);
	db_bind_int(st, 2, c->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	snprintf(oldslot, sizeof(oldslot), "%lld", (long long)a.slot_id);
	snprintf(newslot, sizeof(newslot), "%lld", (long long)c->new_slot);
	ch[0] = (struct audit_change){"slot", oldslot, newslot};
	ch[1] = (struct audit_change){"start_utc", a.start, start};
	if ((rc = audit_notify(db, c->r, c->id, "move", ch, 2, "change")) !=
	    DB_OK)
		return rc;
	c->result = BOOK_OK;
	return DB_OK;
}

/* See appointments.h. */
enum booking_rc
booking_move(struct req *r, int64_t appointment_id, int64_t new_slot_id)
{
	struct change_ctx	c;
	enum db_rc		rc;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = appointment_id;
	c.new_slot = new_slot_id;
	rc = db_txn(r->db, move_txn, &c);
	return txn_result(r, rc, c.result, "move");
}

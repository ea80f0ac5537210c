/*
 * appointments.h: havre-appointments' shared declarations: the booking
 * transactions of the program's channels (booking.c, on the booking
 * library's seats and appointment rows), the program's SQL table
 * (sql.c) and its pages.
 *
 * Every booking of this program's channels (web, call centre, partner
 * API) goes through booking_create(), reception's walk-ins through the
 * same library calls: the seat is taken inside the transaction that
 * writes the appointment (booking_seat_take), so a slot's capacity is
 * never exceeded, whatever the number of workers and concurrent
 * requests.
 */
#ifndef HAVRE_APPOINTMENTS_H
#define HAVRE_APPOINTMENTS_H

#include <stdint.h>

#include "app.h"
#include "db.h"

/* Channels, statuses, slots, seats, references, the person key and an
 * appointment's messages come from the booking library. */
#include "booking.h"

/* --- booking.c: one way to book, cancel and move, for every channel --- */

struct booking {
	int64_t		 site_id;
	int64_t		 service_id;
	int64_t		 level_id;
	enum channel	 channel;
	int64_t		 slot_id;	/* the chosen slot (its channel must match) */
	const char	*family_name;
	const char	*given_names;
	const char	*phone;		/* E.164 */
	const char	*document_number; /* "" when the service asks for none */
	const char	*lang;
	const char	*notes;		/* call centre only; "" otherwise */
};

enum booking_rc {
	BOOK_OK,
	BOOK_SLOT_FULL,		/* offer alternatives */
	BOOK_PERSON_ACTIVE,	/* one active appointment per person per service */
	BOOK_PHONE_LIMIT,	/* too many active appointments for this phone */
	BOOK_NOT_OFFERED,	/* service/level/channel/site mismatch, or closed */
	BOOK_PAST,		/* slot already started */
	BOOK_NOT_FOUND,		/* unknown appointment or slot */
	BOOK_NOT_ACTIVE,	/* cancelling or moving a cancelled/finished one */
	BOOK_STALE,		/* version changed (optimistic concurrency) */
	BOOK_DB_DOWN,		/* answer 503 */
	BOOK_ERROR,		/* logged; answer 500 */
};

/*
 * Book: checks the offer and the fairness rules, takes the seat, writes
 * the appointment and its audit row in one db_txn (retried on deadlock).
 * The actor (agent or API key) comes from the request. On BOOK_OK fills
 * reference (8 characters + NUL) and *id.
 */
enum booking_rc	 booking_create(struct req *, const struct booking *,
		    char reference[9], int64_t *id);
/* Cancel an active appointment and free its seat (one transaction). */
enum booking_rc	 booking_cancel(struct req *, int64_t appointment_id);
/*
 * Move an active appointment to another slot: takes the new seat and
 * frees the old one in one transaction; on BOOK_SLOT_FULL nothing
 * changed.
 */
enum booking_rc	 booking_move(struct req *, int64_t appointment_id,
		    int64_t new_slot_id);
/* --- notifications (issue 6): the booking library's messages.h, sms.c --- */
/*
 * appt_message_enqueue(db, conf, appointment_id, event) renders the
 * event's template ("confirmation", "change", "cancellation") in the
 * booking's language and queues the SMS inside the caller's transaction
 * (see messages.h); booking.c calls it in create/move/cancel.
 */
/* GET /book/sms/dlr, /book/sms/mo: Kannel's callbacks (sms.c). */
int	 page_sms_dlr(struct req *);
int	 page_sms_mo(struct req *);
extern const struct field_spec sms_dlr_fields[];
extern const struct field_spec sms_mo_fields[];
/* The label of an outbox status (queued, sent, delivered ...) in the
 * page language; "" for none. */
const char *sms_status_label(struct req *, const char *status);
/* The page language's name of an SMS event ("confirmation" ->
 * Notify.Event.Confirmation), or the code itself. */
const char *sms_event_label(struct req *, const char *event);
/* --- end of notifications --- */

#endif

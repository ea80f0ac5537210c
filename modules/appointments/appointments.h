/*
 * appointments.h: havre-appointments' shared declarations: channels,
 * slot capacity (quota.c), the booking core used by every channel
 * (booking.c), the program's SQL table (sql.c) and its pages.
 *
 * Every booking, whatever its channel (web, call centre, partner API,
 * walk-in), goes through booking_create(): the seat is taken inside the
 * transaction that writes the appointment, with
 *   UPDATE slot_quota SET booked = booked + 1
 *   WHERE id = ? AND booked < capacity
 * so a slot's capacity is never exceeded, whatever the number of
 * workers and concurrent requests.
 */
#ifndef HAVRE_APPOINTMENTS_H
#define HAVRE_APPOINTMENTS_H

#include <stdint.h>

#include "app.h"
#include "db.h"

enum channel {
	CH_WEB,
	CH_CALLCENTRE,
	CH_PARTNER,
	CH_WALKIN,
	CH__MAX
};

/* "web", "callcentre", "partner", "walkin": the ENUM values in SQL. */
extern const char *const channel_names[CH__MAX];

/* --- quota.c: slot capacity --- */

/*
 * Make sure slot_quota rows exist for one local day (YYYY-MM-DD) of a
 * site, for every level and channel, from quota_template and
 * quota_override (INSERT IGNORE: existing slots keep their bookings).
 * Closed days get no slots; a local time that does not exist on that day
 * (the spring daylight-saving gap) is skipped; an ambiguous one (the
 * autumn repeat) takes its first occurrence. Returns DB_OK or the error.
 */
enum db_rc	 slots_materialise(struct db *, int64_t site_id, const char *day);
/* The same for ndays (1..63) consecutive local days from day: one query
 * when every slot already exists (pages showing several days). */
enum db_rc	 slots_materialise_days(struct db *, int64_t site_id,
		    const char *day, int ndays);
/* The channel of a name ("web" ...), or CH__MAX if unknown. */
enum channel	 channel_of(const char *);

/* Result of taking a seat. */
enum quota_rc {
	QUOTA_TAKEN,	/* one seat taken */
	QUOTA_FULL,	/* no seat left (or the slot is closed) */
	QUOTA_DBERR,	/* see the db_rc */
};

/* Take one seat of a slot inside the caller's transaction. */
enum quota_rc	 quota_take(struct db *, int64_t slot_id, enum db_rc *);
/* Give one seat back inside the caller's transaction. */
enum db_rc	 quota_release(struct db *, int64_t slot_id);

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
/*
 * The fairness rule's person key: "d:<normalised document>" when a
 * document number is given, else "p:<phone>:<family>|<given>" with the
 * names folded (ASCII lower case, separators collapsed). out holds 301
 * bytes. Pages that edit names or phones recompute it with this.
 */
void		 booking_person_key(const char *document, const char *phone,
		    const char *family, const char *given, char out[301]);

/* --- notifications (issue 6): messages.c (libapptmsg), sms.c --- */
/*
 * appt_message_enqueue(db, conf, appointment_id, event) renders the
 * event's template ("confirmation", "change", "cancellation") in the
 * booking's language and queues the SMS inside the caller's transaction
 * (see messages.h); booking.c calls it in create/move/cancel.
 */
#include "messages.h"
/* GET /book/sms/dlr, /book/sms/mo: Kannel's callbacks (sms.c). */
int	 page_sms_dlr(struct req *);
int	 page_sms_mo(struct req *);
extern const struct field_spec sms_dlr_fields[];
extern const struct field_spec sms_mo_fields[];
/* The label of an outbox status (queued, sent, delivered ...) in the
 * page language; "" for none. */
const char *sms_status_label(struct req *, const char *status);
/* --- end of notifications --- */

#endif

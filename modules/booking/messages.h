/*
 * messages.h: the messages an appointment sends (confirmation, change,
 * cancellation, reminder) and the replies to SMS answers, rendered from
 * the templates in the booking's language. Part of the booking library
 * (libbooking.a, see booking.h): havre-appointments sends them inside
 * the booking transactions, havre-notify the reminders.
 */
#ifndef HAVRE_APPT_MESSAGES_H
#define HAVRE_APPT_MESSAGES_H

#include <stdint.h>

#include "buf.h"
#include "conf.h"
#include "db.h"
#include "sms.h"

/*
 * Render the template of event for appointment id in the booking's
 * language into out (reset first): reference, date and time in the
 * site's zone, site, address, documents to bring (shortened with a
 * pointer to the booking page, Notify.ManageUrl, so that it fits in 3
 * parts). Sets *phone (17 bytes) and *lang (8 bytes) when not NULL.
 * Returns DB_OK, DB_ERROR when the appointment or the template does not
 * exist (logged), or the database error.
 */
enum db_rc	 appt_message_render(struct db *, const struct conf *,
		    int64_t id, const char *event, struct buf *out,
		    char phone[17], char lang[8]);
/*
 * Render event for appointment id and queue it as an SMS, inside the
 * caller's transaction (call it from the db_txn function that books,
 * moves or cancels). Returns DB_OK or the database error.
 */
enum db_rc	 appt_message_enqueue(struct db *, const struct conf *,
		    int64_t id, const char *event);
/*
 * Queue the reminder of appointment id once per appointment and start
 * time (a dedup key): returns DB_OK when queued, DB_DUP when it already
 * was, or the database error.
 */
enum db_rc	 appt_reminder_enqueue(struct db *, const struct conf *,
		    int64_t id);

/* Every {name} an appointment's message templates may use (NULL
 * ends the list): what appt_message_render fills in. */
extern const char *const appt_message_placeholders[];

#endif

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

/* How the documents to bring read in a message's language. */
enum appt_docs {
	APPT_DOCS_LISTED,	/* the lines of the list are named */
	APPT_DOCS_NONE,		/* the service asks for nothing */
	APPT_DOCS_ELSEWHERE,	/* listed in English only: the booking page */
};

/*
 * The texts of one language that make an appointment's messages (NULL
 * reads as ""). Every template may use the placeholders of
 * appt_message_placeholders.
 */
struct appt_texts {
	const char	*body;	/* the event's template, {documents} */
	const char	*none;	/* documents_none: "nothing" */
	const char	*next;	/* documents_next: "see the next SMS" */
	const char	*list;	/* documents_list: the second message */
	const char	*link;	/* documents_link: "the list: {manage_url}" */
	const char	*more;	/* documents_more: "and {count} more: ..." */
	const char	*sep;	/* between documents: ", " (Arabic "، ") */
};

/* What appt_message_compose sets in appt_composed.shortened. */
#define APPT_SHORT_FORMS	0x1	/* documents' short forms used */
#define APPT_LEFT_OUT		0x2	/* documents left to the booking page */
#define APPT_CUT		0x4	/* a text cut at the part limit */

/* One to two messages, sent together in this order. */
struct appt_composed {
	struct buf	 text[2];
	struct sms_cost	 cost[2];
	size_t		 n;		/* messages: 1 or 2 */
	int		 shortened;	/* APPT_* bits */
};

/*
 * Compose the messages of t->body (out, freed and refilled), each
 * folded into GSM-7 when that makes it all GSM-7 (sms_finish) and at
 * most max_segments parts:
 *   - docs is the list (one document a line, blank lines skipped),
 *     shorts the agency's short forms, line by line (line N is the
 *     short form of document N; an empty or missing line keeps the
 *     document as written);
 *   - {documents} is every document as written; if that is too long,
 *     every document with its short form; if still too long, {documents}
 *     becomes t->next and a second message, t->list, names them (as
 *     written, else short; past the limit even there, the first ones
 *     and t->more with {count} left out, the last resort);
 *   - APPT_DOCS_NONE: t->none; APPT_DOCS_ELSEWHERE: t->link.
 * A template too long by itself is cut at the limit (APPT_CUT).
 * Returns 0, or -1 on malformed UTF-8 or allocation failure.
 */
int		 appt_message_compose(const struct appt_texts *t,
		    const struct sms_var *vars, size_t nvars,
		    enum appt_docs state, const char *docs,
		    const char *shorts, size_t max_segments,
		    struct appt_composed *out);
/* Free the texts of c (NULL-safe; c may be composed again). */
void		 appt_composed_free(struct appt_composed *c);

/*
 * Render the template of event for appointment id in the booking's
 * language into out (see appt_message_compose): reference, date and
 * time in the site's zone, site, address (left out with its comma when
 * the site has none), documents to bring (in the booking's language:
 * else "nothing" when the service lists none in English either, else a
 * pointer to the booking page, Notify.ManageUrl). Sets *phone (17
 * bytes) and *lang (8 bytes) when not NULL. Returns DB_OK, DB_ERROR
 * when the appointment or the template does not exist (logged), or the
 * database error.
 */
enum db_rc	 appt_message_render(struct db *, const struct conf *,
		    int64_t id, const char *event, struct appt_composed *out,
		    char phone[17], char lang[8]);
/*
 * The worst case of template body in lang, into out: composed with the
 * longest site name and address and, one service after another, every
 * active service's documents in lang, keeping the composition that
 * takes the most parts; example reference, date and time. Fills
 * service (the worst service's code; "" when none) when not NULL.
 * Returns DB_OK or the database error.
 */
enum db_rc	 appt_message_worst(struct db *, const struct conf *,
		    const char *lang, const char *body,
		    struct appt_composed *out, char *service, size_t servicesz);
/*
 * Render event for appointment id and queue it as an SMS (or two, the
 * second naming the documents, see appt_message_compose), inside the
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

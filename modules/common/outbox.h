/*
 * outbox.h: the transactional outbox. A workflow that announces a
 * change (a booking, a move, a document ready) calls outbox_enqueue()
 * inside the db_txn function that writes the change, so that the
 * message exists if and only if the change committed; havre-notify
 * sends what is queued. Message bodies are personal data: they go to
 * the outbox row only, never to the log.
 */
#ifndef HAVRE_OUTBOX_H
#define HAVRE_OUTBOX_H

#include <stdint.h>

#include "buf.h"
#include "db.h"

/* One message to queue. */
struct outbox_msg {
	const char	*channel;	/* "sms" or "mail" */
	const char	*to;		/* E.164 for sms */
	const char	*lang;		/* language of the body */
	const char	*event;		/* "confirmation", "reminder" ... */
	const char	*entity;	/* what it is about: "appointment" */
	int64_t		 entity_id;	/* 0: none */
	const char	*body;		/* UTF-8 */
	const char	*dedup_key;	/* NULL, or at most one message per key */
};

/*
 * Queue msg inside the caller's transaction (due now). The coding and
 * the number of parts are computed from the body. Sets *id when not
 * NULL. Returns DB_OK, DB_DUP when dedup_key was already used, or the
 * database error (DB_RETRY: let db_txn run the transaction again).
 */
enum db_rc	 outbox_enqueue(struct db *, const struct outbox_msg *,
		    int64_t *id);
/*
 * The current template of event in lang (else in English) into out
 * (reset first). Returns 1 when found, 0 when there is none, -1 on a
 * database error.
 */
int		 outbox_template(struct db *, const char *event,
		    const char *lang, struct buf *out);

#endif

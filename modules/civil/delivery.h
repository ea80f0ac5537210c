/*
 * delivery.h: issued documents delivered to the person (issue 17, item
 * 6). People who move often do not receive what the office mails them:
 * when a document is issued, delivery_offer() queues "your document is
 * ready" by SMS with a link to the public vhost and a one-time code,
 * with which the person downloads the PDF there (/verify/collect,
 * verify.c). Only a keyed MAC of each code is stored
 * (civil_delivery_code, migration 0040).
 *
 * Rules (docs/certificates.md, "Delivery"): a code is eight digits,
 * valid Civil.CollectDays (7) days, once; Civil.CollectAttempts (5)
 * wrong entries close it; a new offer closes the document's earlier
 * codes. A used code lets its browser download the PDF again for
 * Civil.CollectMinutes (30); every download is an access event.
 */
#ifndef HAVRE_CIVIL_DELIVERY_H
#define HAVRE_CIVIL_DELIVERY_H

#include <stdint.h>

#include "db.h"

struct actor;
struct conf;

/* Digits of a delivery code. */
#define DELIVERY_CODE_DIGITS	8

/* Why an offer was refused (nothing written, nothing queued). */
enum delivery_refusal {
	DELIVERY_OK = 0,
	DELIVERY_NO_DOCUMENT,	/* no issued_document with that id */
	DELIVERY_REVOKED,	/* the document was revoked */
	DELIVERY_NO_PDF,	/* the document has no PDF in the store */
	DELIVERY_BAD_PHONE,	/* phone is not E.164 ("+" and digits) */
	DELIVERY_NO_TEMPLATE,	/* no civil_collect template (not even en) */
};

/*
 * Offer issued document document_id to the person at phone (E.164)
 * in lang (a public-site language; its civil_collect template, else
 * English): close the document's live codes, store a new code's MAC,
 * queue the SMS (link Civil.PublicUrl + "/verify/collect/<serial>",
 * the code, the days) in the outbox, and write the audit event
 * (issued_document, "offered"; never the code nor the phone) as who
 * (not NULL).
 * Call it inside the caller's db_txn function (the issuing
 * transaction): the code and the SMS exist if and only if it commits;
 * a rerun of the transaction makes a new code. conf gives the key file
 * and the settings.
 * Returns DB_OK with *refused DELIVERY_OK (offered) or a refusal
 * (nothing written), or the database error (DB_RETRY: let db_txn run
 * the transaction again).
 */
enum db_rc	 delivery_offer(struct db *, const struct conf *,
		    const struct actor *who, int64_t document_id,
		    const char *phone, const char *lang,
		    enum delivery_refusal *refused);

/*
 * Close document_id's live codes because it was revoked (inside the
 * revoking transaction): a code sent before cannot fetch it any more.
 * Returns DB_OK or the database error.
 */
enum db_rc	 delivery_close_revoked(struct db *, int64_t document_id);

/*
 * The MAC of code for document_id under the collect-code key file, as
 * 64 hex characters into out (65 bytes). Returns 0, or -1 (the key
 * file cannot be made or read: logged).
 */
int		 delivery_code_mac(const struct conf *, int64_t document_id,
		    const char *code, char out[65]);

#endif

/*
 * notify.h: havre-notify, the daemon that empties the outbox: it claims
 * due messages (SELECT ... FOR UPDATE SKIP LOCKED in a short
 * transaction, so several daemons on several hosts never send one
 * message twice), sends them through Kannel's HTTP sendsms interface
 * (send.c), retries with exponential back-off while the gateway is down
 * or refuses, and queues appointment reminders (main.c).
 */
#ifndef HAVRE_NOTIFY_H
#define HAVRE_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

enum notify_sql {
	NSQL_CLAIM_DUE,		/* batch -> ids of due messages, locked (SKIP LOCKED) */
	NSQL_CLAIM_MARK,	/* claimer, id: queued -> sending, attempts + 1 */
	NSQL_MESSAGE_GET,	/* id -> to, body, coding, attempts */
	NSQL_MARK_SENT,		/* provider id, id, claimer */
	NSQL_MARK_RETRY,	/* delay s, error, id, claimer */
	NSQL_MARK_FAILED,	/* error, id, claimer */
	NSQL_RECLAIM_STALE,	/* seconds: sending claims older than that -> queued */
	NSQL_REMINDERS_DUE,	/* hours -> appointment ids needing their reminder */
	NSQL__MAX
};

extern const char *const notify_sqls[NSQL__MAX];

/* How the gateway is reached (Notify.* keys of the configuration). */
struct kannel {
	const char	*url;		/* Notify.SendsmsUrl */
	const char	*user;		/* Notify.SendsmsUser */
	const char	*password;	/* Notify.SendsmsPassword */
	const char	*sender;	/* Notify.Sender */
	const char	*dlr_url;	/* Notify.DlrUrl ("": no delivery reports) */
	const char	*secret;	/* Notify.Secret, put in the dlr-url */
	long		 timeout;	/* seconds for one request */
};

/* Outcome of one sendsms call. */
enum send_rc {
	SEND_OK,	/* accepted (or queued) by the gateway */
	SEND_RETRY,	/* gateway down, busy or refusing: try again later */
	SEND_UNKNOWN,	/* the gateway took the whole request and gave no
			   answer (it stopped or hung meanwhile): it may
			   well have sent it; sending again could make two */
};

/* Set up and tear down libcurl (once per process). 0 or -1. */
int		 send_init(void);
void		 send_cleanup(void);
/*
 * Send message id (to, UTF-8 body; ucs2: coding=2) through the
 * gateway, asking for delivery reports to the dlr-url carrying id and
 * the secret. On SEND_OK fills provider (the gateway's answer, cut to
 * providersz); on SEND_RETRY and SEND_UNKNOWN fills err (never the
 * body).
 */
enum send_rc	 send_sms(const struct kannel *, int64_t id, const char *to,
		    const char *body, int ucs2, char *provider,
		    size_t providersz, char *err, size_t errsz);

#endif

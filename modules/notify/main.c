/*
 * havre-notify: the outbox daemon (not a FastCGI program). Usage:
 *   havre-notify [--config PATH] [--once]
 * Every Notify.PollMs it gives back claims of daemons that died, queues
 * due appointment reminders (every Notify.ReminderEverySeconds), then
 * claims due messages in a short transaction (SELECT ... FOR UPDATE
 * SKIP LOCKED, then status 'sending' with its own name as claimer),
 * sends each through Kannel outside any transaction, and records the
 * outcome: sent (also when the gateway took the request and gave no
 * answer: sending again could make two), or queued again after an
 * exponential back-off
 * (Notify.BackoffBase * 2^(attempts-1), at most Notify.BackoffMax
 * seconds), or failed after Notify.MaxAttempts tries. SIGTERM or SIGINT
 * stop it after the message being sent. --once runs one pass (until
 * nothing is due) and exits: for tests and cron.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "booking.h"

#define CLAIM_MAX	100	/* messages claimed in one transaction, at most */

static volatile sig_atomic_t stopping;

/* Settings read once from the configuration. */
struct settings {
	struct kannel	 k;
	long		 max_attempts;
	long		 backoff_base;
	long		 backoff_max;
	long		 batch;
	long		 poll_ms;
	long		 reminder_hours;
	long		 reminder_every;
	long		 claim_timeout;
	char		 claimer[64];
};

/* One claim transaction's input and output. */
struct claim {
	const char	*claimer;
	long		 batch;
	int64_t		 ids[CLAIM_MAX];
	size_t		 n;
};

/* SIGTERM, SIGINT: finish the current message, then exit. */
static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Sleep ms milliseconds unless a stop is requested. */
static void
nap(long ms)
{
	struct timespec	 ts;

	while (ms > 0 && !stopping) {
		long	 step = ms > 100 ? 100 : ms;

		ts.tv_sec = 0;
		ts.tv_nsec = step * 1000000L;
		nanosleep(&ts, NULL);
		ms -= step;
	}
}

/*
 * The claim transaction: lock up to c->batch due messages (skipping
 * those another daemon holds) and mark them ours. Safe to rerun.
 * Only a row the UPDATE changed (still queued) is ours: on Galera the
 * SKIP LOCKED read is node-local, and a claim by a daemon on another
 * node either commits first (the row is no longer queued here, nothing
 * is changed) or conflicts with ours at COMMIT (1213: db_txn reruns
 * this from BEGIN).
 */
static enum db_rc
claim_txn(struct db *db, void *arg)
{
	struct claim	*c = arg;
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 i, kept = 0;

	c->n = 0;
	if ((st = db_stmt(db, NSQL_CLAIM_DUE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->batch);
	while ((rc = db_step(st)) == DB_ROW)
		if (c->n < CLAIM_MAX)
			c->ids[c->n++] = db_col_int(st, 0);
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < c->n; i++) {
		if ((st = db_stmt(db, NSQL_CLAIM_MARK)) == NULL)
			return db_last_rc(db);
		db_bind_text(st, 0, c->claimer);
		db_bind_int(st, 1, c->ids[i]);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
		if (db_affected(st) == 1)
			c->ids[kept++] = c->ids[i];
	}
	c->n = kept;
	return DB_OK;
}

/* Run statement id with a text, an int, a text ... Helper for the
 * three outcome updates; returns the db_rc. */
static enum db_rc
mark(struct db *db, size_t which, const char *text, int64_t delay,
    int64_t id, const char *claimer)
{
	struct db_stmt	*st;
	size_t		 i = 0;

	if ((st = db_stmt(db, which)) == NULL)
		return db_last_rc(db);
	if (which == NSQL_MARK_RETRY)
		db_bind_int(st, i++, delay);
	db_bind_text(st, i++, text);
	db_bind_int(st, i++, id);
	db_bind_text(st, i, claimer);
	return db_exec(st);
}

/*
 * The message went out but recording it failed with rc (the database
 * node died, a Galera cluster reconfiguring): try again every half
 * second for up to half the claim timeout, while the claim is still
 * ours, so that the message is not given back and sent twice. Returns
 * the last db_rc.
 */
static enum db_rc
mark_sent_again(struct db *db, const struct settings *s,
    const char *provider, int64_t id, enum db_rc rc)
{
	long	 waited = 0;

	while ((rc == DB_DOWN || rc == DB_RETRY) && !stopping &&
	    waited < s->claim_timeout * 1000 / 2) {
		nap(500);
		waited += 500;
		rc = mark(db, NSQL_MARK_SENT, provider, 0, id, s->claimer);
	}
	if (rc == DB_OK)
		log_warn("message %lld: its sending recorded after %ld ms",
		    (long long)id, waited);
	return rc;
}

/* Seconds to wait before try number attempts + 1. */
static long
backoff(const struct settings *s, long attempts)
{
	long	 d = s->backoff_base;

	while (--attempts > 0 && d < s->backoff_max)
		d *= 2;
	return d > s->backoff_max ? s->backoff_max : d;
}

/*
 * Send claimed message id and record the outcome. Returns 0, or -1 when
 * the database failed (the claim then expires and another pass retries).
 */
static int
deliver(struct db *db, const struct settings *s, int64_t id)
{
	struct db_stmt	*st;
	struct buf	 to = {0}, body = {0};
	char		 provider[128], err[256];
	long		 attempts = 0;
	int		 ucs2 = 0, found = 0, rv = -1;
	enum db_rc	 rc;
	enum send_rc	 src;

	if ((st = db_stmt(db, NSQL_MESSAGE_GET)) == NULL)
		goto out;
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		buf_reset(&to);
		buf_reset(&body);
		if (buf_puts(&to, db_col_text(st, 0)) != 0 ||
		    buf_puts(&body, db_col_text(st, 1)) != 0) {
			db_reset(st);
			goto out;
		}
		ucs2 = db_col_int(st, 2) == 2;
		attempts = (long)db_col_int(st, 3);
		found = 1;
	}
	if (rc != DB_OK || !found)
		goto out;
	src = send_sms(&s->k, id, to.data, body.data, ucs2, provider,
	    sizeof(provider), err, sizeof(err));
	if (src == SEND_OK) {
		rc = mark(db, NSQL_MARK_SENT, provider, 0, id, s->claimer);
		log_info("message %lld sent (try %ld): %s", (long long)id,
		    attempts, provider);
	} else if (src == SEND_UNKNOWN) {
		/* Counted as sent, never sent again: one message missing
		 * its delivery report is better than every applicant whose
		 * message was in flight getting it twice; the delivery
		 * report, when it comes, says delivered. */
		snprintf(provider, sizeof(provider), "no answer: %.100s", err);
		rc = mark(db, NSQL_MARK_SENT, provider, 0, id, s->claimer);
		log_warn("message %lld: the gateway took it and gave no answer "
		    "(try %ld: %s): counted as sent, not sent again",
		    (long long)id, attempts, err);
	} else if (attempts >= s->max_attempts) {
		rc = mark(db, NSQL_MARK_FAILED, err, 0, id, s->claimer);
		log_warn("message %lld failed after %ld tries: %s",
		    (long long)id, attempts, err);
	} else {
		long	 d = backoff(s, attempts);

		rc = mark(db, NSQL_MARK_RETRY, err, d, id, s->claimer);
		log_warn("message %lld not sent (try %ld), again in %ld s: %s",
		    (long long)id, attempts, d, err);
	}
	if (rc != DB_OK && (src == SEND_OK || src == SEND_UNKNOWN))
		rc = mark_sent_again(db, s, provider, id, rc);
	if (rc != DB_OK) {
		log_err("message %lld: recording the outcome failed: %s",
		    (long long)id, db_errmsg(db));
		goto out;
	}
	rv = 0;
out:
	buf_free(&to);
	buf_free(&body);
	return rv;
}

/* Queue the reminders that are due. Returns 0 or -1 (database). */
static int
reminders(struct db *db, const struct conf *conf, const struct settings *s)
{
	struct db_stmt	*st;
	int64_t		 ids[200];
	size_t		 n = 0, i, queued = 0;
	enum db_rc	 rc;

	if ((st = db_stmt(db, NSQL_REMINDERS_DUE)) == NULL)
		return -1;
	db_bind_int(st, 0, s->reminder_hours);
	while ((rc = db_step(st)) == DB_ROW)
		if (n < sizeof(ids) / sizeof(ids[0]))
			ids[n++] = db_col_int(st, 0);
	if (rc != DB_OK)
		return -1;
	for (i = 0; i < n && !stopping; i++) {
		/* Each reminder is one statement: the dedup key makes a
		 * second daemon's attempt a harmless duplicate. */
		rc = appt_reminder_enqueue(db, conf, ids[i]);
		if (rc == DB_OK)
			queued++;
		else if (rc != DB_DUP)
			log_warn("reminder for appointment %lld not queued",
			    (long long)ids[i]);
	}
	if (queued > 0)
		log_info("%zu reminders queued", queued);
	return 0;
}

/*
 * One pass: expired claims, reminders when due, then claim and send
 * until nothing is due or a stop is requested. Returns the number of
 * messages handled, or -1 when the database is unavailable.
 */
static long
pass(struct db *db, const struct conf *conf, const struct settings *s,
    time_t *next_reminders)
{
	struct claim	 c;
	struct db_stmt	*st;
	long		 handled = 0;
	size_t		 i;

	if ((st = db_stmt(db, NSQL_RECLAIM_STALE)) == NULL)
		return -1;
	db_bind_int(st, 0, s->claim_timeout);
	if (db_exec(st) != DB_OK)
		return -1;
	if (db_affected(st) > 0)
		log_warn("%llu expired claims given back",
		    (unsigned long long)db_affected(st));
	if (time(NULL) >= *next_reminders) {
		if (reminders(db, conf, s) != 0)
			log_warn("reminders: %s", db_errmsg(db));
		*next_reminders = time(NULL) + s->reminder_every;
	}
	while (!stopping) {
		memset(&c, 0, sizeof(c));
		c.claimer = s->claimer;
		c.batch = s->batch;
		if (db_txn(db, claim_txn, &c) != DB_OK)
			return -1;
		if (c.n == 0)
			break;
		/* Stopping between messages leaves the rest claimed; they
		 * go back to the queue after the claim timeout, so give
		 * them back now instead. */
		for (i = 0; i < c.n; i++) {
			if (stopping) {
				mark(db, NSQL_MARK_RETRY, "daemon stopped", 0,
				    c.ids[i], s->claimer);
				continue;
			}
			if (deliver(db, s, c.ids[i]) != 0)
				return -1;
			handled++;
		}
	}
	return handled;
}

/* Read the Notify.* settings. */
static void
settings_load(const struct conf *conf, struct settings *s)
{
	char	 host[48];

	memset(s, 0, sizeof(*s));
	s->k.url = conf_get(conf, "Notify.SendsmsUrl",
	    "http://127.0.0.1:13013/cgi-bin/sendsms");
	s->k.user = conf_get(conf, "Notify.SendsmsUser", "havre");
	s->k.password = conf_get(conf, "Notify.SendsmsPassword", "");
	s->k.sender = conf_get(conf, "Notify.Sender", "");
	s->k.dlr_url = conf_get(conf, "Notify.DlrUrl", "");
	s->k.secret = conf_get(conf, "Notify.Secret", "");
	s->k.timeout = conf_get_int(conf, "Notify.TimeoutSeconds", 10);
	s->max_attempts = conf_get_int(conf, "Notify.MaxAttempts", 10);
	s->backoff_base = conf_get_int(conf, "Notify.BackoffBase", 5);
	s->backoff_max = conf_get_int(conf, "Notify.BackoffMax", 900);
	s->batch = conf_get_int(conf, "Notify.Batch", 20);
	s->poll_ms = conf_get_int(conf, "Notify.PollMs", 1000);
	s->reminder_hours = conf_get_int(conf, "Notify.ReminderHours", 24);
	s->reminder_every = conf_get_int(conf,
	    "Notify.ReminderEverySeconds", 60);
	s->claim_timeout = conf_get_int(conf, "Notify.ClaimTimeout", 300);
	if (s->k.timeout < 1 || s->k.timeout > 120)
		s->k.timeout = 10;
	if (s->max_attempts < 1)
		s->max_attempts = 1;
	if (s->backoff_base < 1)
		s->backoff_base = 1;
	if (s->backoff_max < s->backoff_base)
		s->backoff_max = s->backoff_base;
	if (s->batch < 1 || s->batch > CLAIM_MAX)
		s->batch = 20;
	if (s->poll_ms < 50 || s->poll_ms > 60000)
		s->poll_ms = 1000;
	if (s->reminder_hours < 1 || s->reminder_hours > 24 * 14)
		s->reminder_hours = 24;
	if (s->reminder_every < 1)
		s->reminder_every = 60;
	/* A claim must outlive one send (connect + transfer time). */
	if (s->claim_timeout < s->k.timeout * 2 + 10)
		s->claim_timeout = s->k.timeout * 2 + 10;
	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "host");
	host[sizeof(host) - 1] = '\0';
	snprintf(s->claimer, sizeof(s->claimer), "%s:%ld", host,
	    (long)getpid());
}

static void
usage(void)
{
	fprintf(stderr, "usage: havre-notify [--config PATH] [--once]\n");
}

int
main(int argc, char *argv[])
{
	struct conf	 conf;
	struct settings	 s;
	struct sigaction sa;
	struct db	*db = NULL;
	const char	*path = NULL;
	time_t		 next_reminders = 0;
	long		 n, down_ms = 0;
	int		 once = 0, i, status = 1;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--once") == 0)
			once = 1;
		else {
			usage();
			return 2;
		}
	}
	if (conf_load(&conf, path) != 0)
		return 1;
	/* Its own database account (DB.Accounts.notify) when it has one. */
	if (conf_use_account(&conf, "havre-notify") == -1)
		goto out;
	if (log_open("havre-notify", conf.log_dir) != 0) {
		fprintf(stderr, "havre-notify: cannot open the log\n");
		goto out;
	}
	settings_load(&conf, &s);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	if (send_init() != 0) {
		log_err("libcurl initialisation failed");
		goto out;
	}
	if ((db = db_new(&conf, notify_sqls, NSQL__MAX)) == NULL) {
		log_err("out of memory");
		goto out;
	}
	log_info("started as %s (gateway %s, %ld tries at most)", s.claimer,
	    s.k.url, s.max_attempts);
	while (!stopping) {
		if ((n = pass(db, &conf, &s, &next_reminders)) < 0) {
			/* Database unavailable: wait longer each time. */
			down_ms = down_ms == 0 ? 500 : down_ms * 2;
			if (down_ms > 10000)
				down_ms = 10000;
			log_warn("database unavailable (%s), again in %ld ms",
			    db_errmsg(db), down_ms);
			if (once)
				goto out;
			nap(down_ms);
			continue;
		}
		down_ms = 0;
		if (once)
			break;
		nap(s.poll_ms);
	}
	log_info("stopped");
	status = 0;
out:
	db_free(&db);
	send_cleanup();
	log_close();
	conf_free(&conf);
	return status;
}

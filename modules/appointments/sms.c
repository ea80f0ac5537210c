/*
 * sms.c: the SMS gateway's callbacks on the public vhost. Kannel calls
 * /book/sms/dlr with a delivery report of one of our messages and
 * /book/sms/mo with a reply an applicant sent. Neither has a session:
 * each request must come from an address of Notify.AllowFrom (default
 * 127.0.0.1) and carry Notify.Secret (compared in constant time);
 * anything else is refused, logged, and changes nothing. Kannel drops a
 * callback that fails, so these answer fast and never 500 on bad input.
 * Message texts and phone numbers never reach the log.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "appointments.h"
#include "audit.h"
#include "common_sql.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "tpl.h"
#include "valid.h"

/* Delivery report: our message id, the secret, Kannel's status (%d). */
const struct field_spec sms_dlr_fields[] = {
	{"id", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"k", FIELD_SECRET, 0, 0, 128, NULL},
	{"st", FIELD_INT, 0, 0, 255, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* Reply: the secret, sender (%p), our number (%P), the text (%a). */
const struct field_spec sms_mo_fields[] = {
	{"k", FIELD_SECRET, 0, 0, 128, NULL},
	{"from", FIELD_STRING, 0, 0, 32, NULL},
	{"to", FIELD_STRING, 0, 0, 32, NULL},
	{"text", FIELD_TEXT, 0, 0, 1600, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* The words of a reply, compared in upper case (ASCII letters folded). */
static const char *const confirm_words[] = {
	"OK", "1", "WI", "OUI", "YES", "SI", "نعم", NULL
};
static const char *const cancel_words[] = {
	"ANNULER", "2", "CANCEL", "STOP", "ANULAR", "ANILE", "إلغاء", "الغاء",
	NULL
};

enum mo_action { MO_CONFIRM, MO_CANCEL, MO_HELP };

/* Answer a callback with a short text/plain body. */
static int
answer(struct req *r, int status, const char *text)
{
	return resp_bytes(r, status, "text/plain; charset=utf-8", text,
	    strlen(text));
}

/*
 * Returns 1 if the request comes from an allowed address and carries
 * the shared secret, else 0 (logged as a forged callback).
 */
static int
callback_allowed(struct req *r, const char *what)
{
	const char	*allow, *p, *e, *addr = r->remote_addr;
	const char	*secret, *given;
	size_t		 len;
	int		 ok = 0;

	allow = conf_get(r->conf, "Notify.AllowFrom", "127.0.0.1");
	for (p = allow; addr != NULL && *p != '\0'; p = *e ? e + 1 : e) {
		while (*p == ' ' || *p == ',')
			p++;
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		len = (size_t)(e - p);
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len > 0 && strlen(addr) == len &&
		    strncmp(p, addr, len) == 0) {
			ok = 1;
			break;
		}
	}
	if (!ok) {
		log_warn("sms %s: refused, address %s not allowed", what,
		    addr != NULL ? addr : "-");
		return 0;
	}
	secret = conf_get(r->conf, "Notify.Secret", "");
	given = form_str(r, "k");
	if (*secret == '\0' || strlen(given) != strlen(secret) ||
	    sodium_memcmp(given, secret, strlen(secret)) != 0) {
		log_warn("sms %s: refused, %s secret from %s", what,
		    *given == '\0' ? "no" : "wrong", addr);
		return 0;
	}
	return 1;
}

/*
 * GET /book/sms/dlr (public vhost, PERM_PUBLIC, secret + allow-list)
 * Parameters: id (our outbox id), k (secret), st (Kannel's status: 1
 * delivered, 2 failed, 8 accepted by the SMSC, 16 rejected). Updates
 * the message's status; an unknown id is logged and ignored.
 * Answers text/plain: 200 "ok", 403 refused, 400 malformed.
 */
int
page_sms_dlr(struct req *r)
{
	const struct field_value *id = form_get(r, "id");
	const struct field_value *st = form_get(r, "st");
	struct db_stmt	*s;
	size_t		 i;

	if (!callback_allowed(r, "dlr"))
		return answer(r, 403, "forbidden\n");
	if (id == NULL || st == NULL || !id->present || !id->valid ||
	    !st->present || !st->valid) {
		log_warn("sms dlr: malformed report ignored");
		return answer(r, 400, "bad request\n");
	}
	if ((s = db_cstmt(r->db, CSQL_OUTBOX_DLR)) == NULL)
		return answer(r, 503, "unavailable\n");
	for (i = 0; i < 5; i++)
		db_bind_int(s, i, st->i);
	db_bind_int(s, 5, id->i);
	if (db_exec(s) != DB_OK) {
		log_err("sms dlr: message %lld: %s", id->i, db_errmsg(r->db));
		return answer(r, 503, "unavailable\n");
	}
	if (db_affected(s) == 0)
		log_info("sms dlr: message %lld unknown or unchanged "
		    "(status %lld): ignored", id->i, st->i);
	else
		log_info("sms dlr: message %lld status %lld", id->i, st->i);
	return answer(r, 200, "ok\n");
}

/*
 * The keyword of a reply: its first word, ASCII letters in upper case,
 * trailing punctuation dropped, into out (at most outsz - 1 bytes).
 */
static void
first_word(const char *text, char *out, size_t outsz)
{
	size_t	 n = 0;

	while (*text == ' ' || *text == '\t' || *text == '\n' ||
	    *text == '\r')
		text++;
	while (*text != '\0' && *text != ' ' && *text != '\t' &&
	    *text != '\n' && *text != '\r' && n + 1 < outsz)
		out[n++] = (char)toupper((unsigned char)*text++);
	while (n > 0 && strchr(".!,;:?", out[n - 1]) != NULL)
		n--;
	out[n] = '\0';
}

/* Which action a keyword asks for. */
static enum mo_action
mo_action_of(const char *word)
{
	size_t	 i;

	for (i = 0; confirm_words[i] != NULL; i++)
		if (strcmp(word, confirm_words[i]) == 0)
			return MO_CONFIRM;
	for (i = 0; cancel_words[i] != NULL; i++)
		if (strcmp(word, cancel_words[i]) == 0)
			return MO_CANCEL;
	return MO_HELP;
}

/* One reply to record (sms_inbound) and maybe act on. */
struct mo_ctx {
	struct req	*r;
	const char	*from;		/* E.164 */
	const char	*keyword;	/* NULL when not a keyword */
	unsigned char	 hash[32];	/* of the text */
	int64_t		 appt_id;
	const char	*action;	/* sms_inbound.action */
	int		 confirm;	/* also set the booking confirmed */
	int		 changed;	/* the booking was confirmed now */
};

/* Insert the sms_inbound row of c (inside a transaction or not). */
static enum db_rc
inbound_add(struct db *db, const struct mo_ctx *c)
{
	struct db_stmt	*st;

	if ((st = booking_stmt(db, BSQL_SMS_INBOUND_ADD)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, c->from);
	db_bind_text(st, 1, c->keyword);
	db_bind_blob(st, 2, c->hash, sizeof(c->hash));
	if (c->appt_id > 0)
		db_bind_int(st, 3, c->appt_id);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, c->action);
	return db_exec(st);
}

/* Confirm the booking (if still 'booked'), audit, record the reply:
 * one transaction (db_txn function). */
static enum db_rc
confirm_txn(struct db *db, void *arg)
{
	struct mo_ctx		*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch = {"status", "booked", "confirmed"};
	char			 idtext[24];
	enum db_rc		 rc;

	c->changed = 0;
	if ((st = booking_stmt(db, BSQL_SMS_CONFIRM)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->appt_id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) > 0) {
		c->changed = 1;
		snprintf(idtext, sizeof(idtext), "%lld", (long long)c->appt_id);
		if ((rc = audit_req(c->r, "appointment", idtext,
		    "sms_confirm", &ch, 1)) != DB_OK)
			return rc;
	}
	return inbound_add(db, c);
}

/* Render event for the booking as the HTTP answer (Kannel sends it
 * back as an SMS; X-Kannel-Coding: 2 when it is not GSM-7). Replies
 * name no documents: one message. */
static int
answer_message(struct req *r, int64_t appt_id, const char *event)
{
	struct appt_composed c;
	int		 status;

	memset(&c, 0, sizeof(c));
	if (appt_message_render(r->db, r->conf, appt_id, event, &c, NULL,
	    NULL) != DB_OK) {
		appt_composed_free(&c);
		return answer(r, 200, "");
	}
	if (c.cost[0].coding != SMS_GSM7)
		resp_header(r, "X-Kannel-Coding", "2");
	status = resp_bytes(r, 200, "text/plain; charset=utf-8",
	    c.text[0].data, c.text[0].len);
	appt_composed_free(&c);
	return status;
}

/*
 * GET /book/sms/mo (public vhost, PERM_PUBLIC, secret + allow-list)
 * Parameters: k (secret), from (sender), to (our number), text. The
 * sender's next active booking is confirmed by OK/1/WI/OUI/YES/نعم,
 * cancelled by ANNULER/2/CANCEL/STOP (booking_cancel frees the seat and
 * queues the cancellation SMS); any other text gets the help message in
 * the booking's language as the answer (the reply SMS). A sender with
 * no active booking is logged and gets no answer.
 */
int
page_sms_mo(struct req *r)
{
	struct mo_ctx	 c;
	struct db_stmt	*st;
	const char	*from = form_str(r, "from"), *text = form_str(r, "text");
	const struct field_value *fv = form_get(r, "text");
	char		 phone[17], digits[40], word[24];
	enum mo_action	 action;
	enum booking_rc	 brc;
	enum db_rc	 rc;
	int		 found = 0;

	if (!callback_allowed(r, "mo"))
		return answer(r, 403, "forbidden\n");
	if (fv == NULL || !fv->valid) {
		log_warn("sms mo: malformed text ignored");
		return answer(r, 200, "");
	}
	/* Senders come as +<digits> or bare international digits. */
	if (!valid_phone(from, NULL, phone)) {
		snprintf(digits, sizeof(digits), "+%s", from);
		if (*from == '+' || !valid_phone(digits, NULL, phone)) {
			log_warn("sms mo: malformed sender ignored");
			return answer(r, 200, "");
		}
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.from = phone;
	secret_hash(text, c.hash);
	first_word(text, word, sizeof(word));
	action = mo_action_of(word);
	c.keyword = action == MO_HELP ? NULL : word;

	if ((st = booking_stmt(r->db, BSQL_SMS_NEXT_BOOKING)) == NULL)
		return answer(r, 503, "");
	db_bind_text(st, 0, phone);
	while ((rc = db_step(st)) == DB_ROW) {
		c.appt_id = db_col_int(st, 0);
		found = 1;
	}
	if (rc != DB_OK)
		return answer(r, 503, "");
	if (!found) {
		/* Unknown number or nothing to act on: no state change. */
		log_info("sms mo: no active booking for the sender: ignored");
		return answer(r, 200, "");
	}

	switch (action) {
	case MO_CONFIRM:
		c.action = "confirmed";
		if ((rc = db_txn(r->db, confirm_txn, &c)) != DB_OK) {
			log_err("sms mo: confirming appointment %lld: %s",
			    (long long)c.appt_id, db_errmsg(r->db));
			return answer(r, 503, "");
		}
		log_info("sms mo: appointment %lld confirmed by SMS%s",
		    (long long)c.appt_id, c.changed ? "" : " (already)");
		return answer_message(r, c.appt_id, "reply_confirmed");
	case MO_CANCEL:
		brc = booking_cancel(r, c.appt_id);
		c.action = brc == BOOK_OK ? "cancelled" : "failed";
		if (inbound_add(r->db, &c) != DB_OK)
			log_warn("sms mo: reply not recorded: %s",
			    db_errmsg(r->db));
		log_info("sms mo: appointment %lld cancel by SMS: %d",
		    (long long)c.appt_id, (int)brc);
		/* The cancellation SMS is already in the outbox. */
		return answer(r, 200, "");
	case MO_HELP:
	default:
		c.action = "help";
		if (inbound_add(r->db, &c) != DB_OK)
			log_warn("sms mo: reply not recorded: %s",
			    db_errmsg(r->db));
		log_info("sms mo: help sent for appointment %lld",
		    (long long)c.appt_id);
		return answer_message(r, c.appt_id, "reply_help");
	}
}

/* See appointments.h. */
const char *
sms_status_label(struct req *r, const char *status)
{
	static const char *const codes[] = {
		"queued", "sending", "sent", "delivered", "failed", NULL
	};
	static const char *const keys[] = {
		"Notify.Status.Queued", "Notify.Status.Sending",
		"Notify.Status.Sent", "Notify.Status.Delivered",
		"Notify.Status.Failed",
	};
	const char	*s;
	size_t		 i;

	if (status == NULL || *status == '\0')
		return "";
	for (i = 0; codes[i] != NULL; i++)
		if (strcmp(status, codes[i]) == 0) {
			s = tpl_text(r->hdf, keys[i]);
			return s != NULL ? s : status;
		}
	return status;
}

/* See appointments.h. */
const char *
sms_event_label(struct req *r, const char *event)
{
	char		 key[64];
	size_t		 i, k;
	int		 up = 1;
	const char	*s;

	if (event == NULL || *event == '\0')
		return "";
	/* "document_ready" -> "Notify.Event.DocumentReady" */
	k = (size_t)snprintf(key, sizeof(key), "Notify.Event.");
	for (i = 0; event[i] != '\0' && k + 1 < sizeof(key); i++) {
		if (event[i] == '_') {
			up = 1;
			continue;
		}
		key[k++] = up && event[i] >= 'a' && event[i] <= 'z' ?
		    (char)(event[i] - 'a' + 'A') : event[i];
		up = 0;
	}
	key[k] = '\0';
	if (!tpl_has_text(r->hdf, key))
		return event;
	s = tpl_text(r->hdf, key);
	return s != NULL ? s : event;
}

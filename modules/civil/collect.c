/*
 * collect.c: the person downloads their issued document (issue 17,
 * item 6; delivery.h). Public vhost, no account, no script:
 *
 *  1. GET /verify/collect/{serial} (the SMS's link) or GET
 *     /verify/collect: the serial (prefilled from the link) and the
 *     code received by SMS.
 *  2. POST /verify/collect: right serial and live code: the code is
 *     closed (single use, audited as "collected"), a proof cookie
 *     cl_<SERIAL> (a MAC of the serial, the document and an expiry,
 *     valid Civil.CollectMinutes) is set and the browser goes to the
 *     PDF. Anything wrong (unknown or revoked serial, wrong, expired,
 *     used or replaced code): one message that does not say which; a
 *     wrong code counts against the live code (Civil.CollectAttempts
 *     wrong ones close it).
 *  3. GET /verify/collect/{serial}/pdf: the PDF as an attachment while
 *     the proof holds, so a download cut off on a bad connection can be
 *     tried again; each download is an access event. Without a proof:
 *     back to step 1.
 *
 * Throttles (rate_hit), per hour: failed code entries per client
 * address (Civil.CollectFailuresPerAddress, 20) and per serial
 * (Civil.CollectFailuresPerSerial, 10). Over one: 429, nothing checked.
 *
 * And on the intranet, POST /civil/documents/{id}/offer: an officer
 * sends the code again (the person lost the SMS or changed phone):
 * delivery_offer() to the phone typed, else the person's newest one.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "audit.h"
#include "certify.h"
#include "conf.h"
#include "crypto.h"
#include "delivery.h"
#include "files.h"
#include "htime.h"
#include "log.h"
#include "ratelimit.h"
#include "tpl.h"
#include "verify.h"

/* POST /verify/collect. The code is checked by the handler (eight
 * digits, spaces and dashes ignored), so that a malformed one gets the
 * same message as a wrong one. */
const struct field_spec collect_fields[] = {
	{"serial", FIELD_STRING, 1, 1, 40, NULL},
	{"code", FIELD_STRING, 1, 1, 24, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /civil/documents/{id}/offer: the phone, or the person's. */
const struct field_spec offer_fields[] = {
	{"phone", FIELD_PHONE, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* A document as the download reads it. */
struct collect_doc {
	int64_t	 id;
	int	 revoked;
	char	 pdf[FILES_ID_LEN + 1];
};

/*
 * Load the document of serial (canonical). Returns 1 with d filled, 0
 * when there is none, or the negative HTTP status of a failure.
 */
static int
doc_load(struct req *r, const char *serial, struct collect_doc *d)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(d, 0, sizeof(*d));
	if ((st = db_tstmt(r->db, &verify_sqls, VSQL_DOC_BY_SERIAL)) == NULL)
		return -db_http_status(db_last_rc(r->db));
	db_bind_ascii(st, 0, serial);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 0 : -db_http_status(rc);
	d->id = db_col_int(st, 0);
	d->revoked = db_col_int(st, 2) != 0;
	snprintf(d->pdf, sizeof(d->pdf), "%s", db_col_text(st, 3) ?
	    db_col_text(st, 3) : "");
	db_reset(st);
	return 1;
}

/* The key of download proofs (collect-view.key), read once. Returns
 * it, or NULL (logged). */
static const unsigned char *
collect_key(const struct req *r)
{
	static unsigned char	key[32];
	static int		have;

	if (!have) {
		if (key_file_get(r->conf, "collect-view", key,
		    sizeof(key)) != 0)
			return NULL;
		have = 1;
	}
	return key;
}

/* What a download proof is about: document id under serial. */
static void
collect_what(const char *serial, int64_t id, char out[64])
{
	snprintf(out, 64, "collect:%s:%lld", serial, (long long)id);
}

/* 1 if the request holds a valid, unexpired proof for document id
 * under serial, else 0. */
static int
proof_ok(const struct req *r, const char *serial, int64_t id)
{
	const unsigned char	*key;
	char			 name[24], what[64];

	if ((key = collect_key(r)) == NULL)
		return 0;
	snprintf(name, sizeof(name), "cl_%s", serial);
	collect_what(serial, id, what);
	return proof_check(key, what, req_cookie(r, name));
}

/* The form's page data: the serial shown (canonical or as typed). */
static int
collect_page(struct req *r, const char *serial, int status)
{
	char	href[64];

	page_set(r, "Page.Title", tpl_text(r->hdf, "Verify.Collect.Title"));
	if (serial != NULL)
		page_set(r, "Form.serial.Value", serial);
	/* Only a canonical serial goes into the language links. */
	if (serial != NULL && strlen(serial) == CERTIFY_SERIAL_LEN &&
	    strspn(serial, "0123456789ABCDEFGHJKMNPQRSTVWXYZ-") ==
	    CERTIFY_SERIAL_LEN)
		snprintf(href, sizeof(href), "/verify/collect/%s?lang=",
		    serial);
	else
		snprintf(href, sizeof(href), "/verify/collect?lang=");
	page_set(r, "Verify.LangHref", href);
	r->tpl = "civil/collect.cs";
	return status;
}

/*
 * GET /verify/collect (public): the serial and the code. Also the fill
 * of a rejected POST /verify/collect. Template civil/collect.cs.
 */
int
page_collect_form(struct req *r)
{
	return collect_page(r, r->method == M_POST ? form_str(r, "serial") :
	    NULL, r->form.nerrors ? 422 : 200);
}

/*
 * GET /verify/collect/{serial} (public; the SMS's link): the form with
 * the serial filled in. A serial that is not one: the empty form.
 * Template civil/collect.cs.
 */
int
page_collect_serial(struct req *r)
{
	char	serial[CERTIFY_SERIAL_LEN + 1];

	if (certify_serial_normalise(req_param(r, "serial"), serial) != 0)
		return collect_page(r, NULL, 200);
	return collect_page(r, serial, 200);
}

/* The 429 of the throttle, with the time to come back. */
static int
throttled(struct req *r, const char *serial, long wait)
{
	char	when[32];

	time_format_zone(time(NULL) + wait, r->conf->timezone, "%H:%M", when,
	    sizeof(when));
	page_set(r, "Verify.Error", "Verify.Collect.Throttled");
	page_set(r, "Verify.RetryAt", when);
	log_info("collect: throttled for %ld s", wait);
	return collect_page(r, serial, 429);
}

/* What the code check's transaction needs. */
struct check_ctx {
	struct req	*r;
	int64_t		 doc;
	const char	*code;
	long		 attempts;	/* most wrong ones per code */
	int		 ok;		/* out */
};

/* Compare the code with the document's live one: right, close it and
 * audit the collection; wrong, count the attempt (the last allowed
 * closes it). */
static enum db_rc
check_txn(struct db *db, void *arg)
{
	struct check_ctx *k = arg;
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 id;
	char		 stored[65], mac[65], idtext[24];
	int		 same;

	k->ok = 0;
	if ((st = db_tstmt(db, &verify_sqls, VSQL_CODE_LIVE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, k->doc);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;	/* none live: DB_OK, not ok */
	id = db_col_int(st, 0);
	snprintf(stored, sizeof(stored), "%s", db_col_text(st, 1));
	db_reset(st);
	if (delivery_code_mac(k->r->conf, k->doc, k->code, mac) != 0)
		return DB_ERROR;
	same = strlen(stored) == 64 && sodium_memcmp(stored, mac, 64) == 0;
	if (!same) {
		if ((st = db_tstmt(db, &verify_sqls, VSQL_CODE_MISSED)) ==
		    NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, k->attempts);
		db_bind_int(st, 1, k->attempts);
		db_bind_int(st, 2, id);
		return db_exec(st);
	}
	if ((st = db_tstmt(db, &verify_sqls, VSQL_CODE_USED)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)k->doc);
	if ((rc = audit_req(k->r, "issued_document", idtext, "collected",
	    NULL, 0)) != DB_OK)
		return rc;
	k->ok = 1;
	return DB_OK;
}

/* The code as typed without its spaces and dashes into out, if it is
 * then DELIVERY_CODE_DIGITS digits. Returns 1 if so, else 0. */
static int
code_clean(const char *typed, char out[DELIVERY_CODE_DIGITS + 1])
{
	size_t	n = 0;

	for (; *typed != '\0'; typed++) {
		if (*typed == ' ' || *typed == '-')
			continue;
		if (*typed < '0' || *typed > '9' || n == DELIVERY_CODE_DIGITS)
			return 0;
		out[n++] = *typed;
	}
	out[n] = '\0';
	return n == DELIVERY_CODE_DIGITS;
}

/*
 * POST /verify/collect (public, CSRF; collect_fields): check the code.
 * Over a throttle: 429. Right serial and live code: the code closed,
 * the proof cookie set, a redirect to the PDF. Anything else: 422, the
 * form again with Verify.Collect.Refused (the same words whatever was
 * wrong), one failure counted against the address and the serial.
 * Template civil/collect.cs.
 */
int
page_collect(struct req *r)
{
	struct collect_doc	 d;
	struct check_ctx	 k;
	enum db_rc		 rc;
	const unsigned char	*pkey;
	char			 serial[CERTIFY_SERIAL_LEN + 1], proof[PROOF_MAX];
	char			 what[64];
	char			 code[DELIVERY_CODE_DIGITS + 1], name[24];
	char			 loc[48];
	const char		*key = NULL;
	long			 wait = 0, wait2 = 0, minutes;
	int			 found, status;

	if (certify_serial_normalise(form_str(r, "serial"), serial) == 0)
		key = serial;
	if ((rc = ratelimit_check(r->db, "collect_fail", r->remote_addr, 3600,
	    conf_get_int(r->conf, "Civil.CollectFailuresPerAddress", 20),
	    &wait)) != DB_OK || (key != NULL && (rc = ratelimit_check(r->db,
	    "collect_fail_serial", key, 3600, conf_get_int(r->conf,
	    "Civil.CollectFailuresPerSerial", 10), &wait2)) != DB_OK))
		return db_http_status(rc);
	if (wait > 0 || wait2 > 0)
		return throttled(r, key != NULL ? key : form_str(r, "serial"),
		    wait > wait2 ? wait : wait2);
	memset(&k, 0, sizeof(k));
	memset(&d, 0, sizeof(d));
	if (key != NULL && code_clean(form_str(r, "code"), code)) {
		if ((found = doc_load(r, serial, &d)) < 0)
			return -found;
		if (found && !d.revoked && d.pdf[0] != '\0') {
			k.r = r;
			k.doc = d.id;
			k.code = code;
			k.attempts = conf_get_int(r->conf,
			    "Civil.CollectAttempts", 5);
			if (k.attempts < 1 || k.attempts > 100)
				k.attempts = 5;
			rc = db_txn(r->db, check_txn, &k);
			sodium_memzero(code, sizeof(code));
			if (rc != DB_OK)
				return db_http_status(rc);
		}
	}
	sodium_memzero(code, sizeof(code));
	if (!k.ok) {
		if ((rc = ratelimit_record(r->db, "collect_fail",
		    r->remote_addr)) != DB_OK || (key != NULL &&
		    (rc = ratelimit_record(r->db, "collect_fail_serial",
		    key)) != DB_OK))
			return db_http_status(rc);
		page_set(r, "Verify.Error", "Verify.Collect.Refused");
		log_info("collect: refused");
		return collect_page(r, key != NULL ? key :
		    form_str(r, "serial"), 422);
	}
	minutes = conf_get_int(r->conf, "Civil.CollectMinutes", 30);
	if (minutes < 1 || minutes > 24 * 60)
		minutes = 30;
	if ((pkey = collect_key(r)) == NULL)
		return 500;
	collect_what(serial, d.id, what);
	proof_make(pkey, what, (long long)time(NULL) + minutes * 60, proof);
	snprintf(name, sizeof(name), "cl_%s", serial);
	resp_cookie(r, name, proof, minutes * 60);
	log_info("collect: document %lld collected", (long long)d.id);
	snprintf(loc, sizeof(loc), "/verify/collect/%s/pdf", serial);
	status = resp_redirect(r, loc);
	return status;
}

/*
 * GET /verify/collect/{serial}/pdf (public; the proof cookie
 * cl_<SERIAL>): the document's PDF as an attachment, each download an
 * access event. Without a valid proof (or for a document revoked since):
 * back to the form with a message.
 */
int
page_collect_pdf(struct req *r)
{
	struct collect_doc	 d;
	const char		*p = req_param(r, "serial");
	char			 serial[CERTIFY_SERIAL_LEN + 1], idtext[24];
	char			 loc[48], filename[32];
	enum db_rc		 rc;
	int			 found;

	if (p == NULL || certify_serial_normalise(p, serial) != 0 ||
	    strcmp(p, serial) != 0)
		goto again;
	if ((found = doc_load(r, serial, &d)) < 0)
		return -found;
	if (found == 0 || d.revoked || d.pdf[0] == '\0' ||
	    !proof_ok(r, serial, d.id))
		goto again;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)d.id);
	if ((rc = access_write(r, "issued_document", idtext,
	    "collect:person")) != DB_OK)
		return db_http_status(rc);
	snprintf(filename, sizeof(filename), "%s.pdf", serial);
	return files_send(r, d.pdf, filename);
again:
	flash_set(r, "info", "Verify.Collect.Again");
	if (p != NULL && certify_serial_normalise(p, serial) == 0)
		snprintf(loc, sizeof(loc), "/verify/collect/%s", serial);
	else
		snprintf(loc, sizeof(loc), "/verify/collect");
	return resp_redirect(r, loc);
}

/* What the offer's transaction needs. */
struct offer_ctx {
	struct req		*r;
	int64_t			 doc;
	const char		*phone;
	char			 lang[8];
	enum delivery_refusal	 refused;
};

/* The offer in its own transaction (delivery_offer audits it). */
static enum db_rc
offer_txn(struct db *db, void *arg)
{
	struct offer_ctx *o = arg;
	struct actor	 who;

	actor_of(o->r, &who);
	return delivery_offer(db, o->r->conf, &who, o->doc, o->phone, o->lang,
	    &o->refused);
}

/*
 * POST /civil/documents/{id}/offer (intranet, civil.draft, CSRF;
 * offer_fields): send the document's download code again, by SMS to
 * phone or else to the person's newest phone, in the document's
 * language when the public site has it (else its default). A 303 to
 * the document's page with a message; 404 for an unknown document; 409
 * with the reason for a revoked one, one without a PDF or a person
 * without a phone.
 */
int
page_offer(struct req *r)
{
	struct offer_ctx o;
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 phone[33] = "", loc[48];
	int64_t		 person;

	memset(&o, 0, sizeof(o));
	o.r = r;
	o.doc = req_param_int(r, "id");
	if ((st = db_tstmt(r->db, &verify_sqls, VSQL_DOC_GET)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, o.doc);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	person = db_col_int(st, 3);
	snprintf(o.lang, sizeof(o.lang), "%s", db_col_text(st, 4));
	db_reset(st);
	if (!tpl_lang_ok(o.lang))
		snprintf(o.lang, sizeof(o.lang), "%s", r->conf->default_lang);
	if (form_get(r, "phone")->present)
		snprintf(phone, sizeof(phone), "%s", form_get(r, "phone")->norm);
	else {
		if ((st = db_tstmt(r->db, &verify_sqls, VSQL_PERSON_PHONE)) ==
		    NULL)
			return db_http_status(db_last_rc(r->db));
		db_bind_int(st, 0, person);
		if ((rc = db_step(st)) == DB_ROW) {
			snprintf(phone, sizeof(phone), "%s", db_col_text(st, 0));
			db_reset(st);
		} else if (rc != DB_OK)
			return db_http_status(rc);
	}
	o.phone = phone;
	if ((rc = db_txn(r->db, offer_txn, &o)) != DB_OK)
		return db_http_status(rc);
	switch (o.refused) {
	case DELIVERY_OK:
		break;
	case DELIVERY_NO_DOCUMENT:
		return 404;
	case DELIVERY_REVOKED:
		return error_page(r, 409, "Civil.Offer.Revoked");
	case DELIVERY_NO_PDF:
		return error_page(r, 409, "Civil.Offer.NoPdf");
	case DELIVERY_BAD_PHONE:
		return error_page(r, 409, "Civil.Offer.NoPhone");
	default:
		return error_page(r, 409, "Civil.Offer.NoTemplate");
	}
	flash_set(r, "ok", "Civil.Offer.Sent");
	snprintf(loc, sizeof(loc), "/civil/documents/%lld", (long long)o.doc);
	return resp_redirect(r, loc);
}

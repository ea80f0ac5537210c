/*
 * verify.c: /verify on the public vhost (issue 17, item 5): anyone (a
 * bank, a school, another administration) checks an issued document,
 * without an account and without script:
 *
 *  - GET /verify?serial=...: the serial as printed, typed in any case,
 *    with or without dashes or spaces, O for 0 and I or L for 1
 *    (certify_serial_normalise). The office's register says whether
 *    the serial exists; its signed payload is verified again against
 *    the keyring, and its revocation is read.
 *  - POST /verify with payload: the text of the QR code (it holds the
 *    signed payload only, docs/certificates.md), pasted or sent by a
 *    scanner. The signature is checked, then the register: a payload
 *    that verifies but is not the one recorded under its serial is not
 *    genuine; a revoked one is revoked. POST keeps the names it carries
 *    out of the access logs that a GET's query would reach.
 *
 * The verdict: genuine and valid, genuine but expired, revoked (only
 * the office knows), or not genuine; with a genuine document only the
 * minimum: the document's type, the names (as written and in Latin
 * letters), the birth date, the issue date and the validity.
 * Also /verify/keys (the published public keys, a page) and
 * /verify/keys.txt (the file `havre-admin keys export-public` prints).
 *
 * The keyring is built from signing_key once per worker and kept
 * Civil.KeyringSeconds (60); a payload naming a key the ring lacks
 * reloads it at once (at most once a second), so a key made by
 * `havre-admin keys new` verifies at once, and a retirement reaches
 * every worker within the minute.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "buf.h"
#include "certify.h"
#include "conf.h"
#include "htime.h"
#include "log.h"
#include "tpl.h"
#include "verify.h"

/* Seconds the keyring is kept, by default; and the least between two
 * reloads for a key the ring lacks. */
#define RING_SECONDS	60
#define RING_MISS_SECONDS 1

/* GET /verify: the serial, when one was typed. Checked by the handler
 * (certify_serial_normalise), so the field only caps its size. */
const struct field_spec verify_query_fields[] = {
	{"serial", FIELD_STRING, 0, 0, 40, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /verify: the QR code's text (CERTIFY_TEXT_MAX bytes at most,
 * checked by the handler; the cap here is in code points). */
const struct field_spec verify_payload_fields[] = {
	{"payload", FIELD_TEXT, 1, 1, CERTIFY_TEXT_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The worker's keyring and when it was read (0: never). */
static struct certify_keyring	ring;
static time_t			ring_at;

/*
 * Read every signing_key row into the worker's keyring (replacing it).
 * Returns DB_OK, or the database error (the old ring is kept).
 */
static enum db_rc
ring_load(struct db *db)
{
	struct certify_keyring	 fresh = {0};
	struct certify_pubkey	 k;
	struct db_stmt		*st;
	enum db_rc		 rc;

	if ((st = db_tstmt(db, &verify_sqls, VSQL_KEYS)) == NULL)
		return db_last_rc(db);
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&k, 0, sizeof(k));
		if (db_col_text(st, 0) == NULL ||
		    !certify_key_id_valid(db_col_text(st, 0)) ||
		    db_col_len(st, 3) != CERTIFY_PK_LEN ||
		    time_parse_utc(db_col_text(st, 1), &k.valid_from) != 0 ||
		    (db_col_text(st, 2) != NULL &&
		    time_parse_utc(db_col_text(st, 2), &k.valid_until) != 0)) {
			log_warn("verify: signing_key %s malformed, skipped",
			    db_col_text(st, 0) ? db_col_text(st, 0) : "?");
			continue;
		}
		snprintf(k.id, sizeof(k.id), "%s", db_col_text(st, 0));
		memcpy(k.pk, db_col_text(st, 3), CERTIFY_PK_LEN);
		if (certify_keyring_add(&fresh, &k) != 0) {
			db_reset(st);
			certify_keyring_free(&fresh);
			return DB_ERROR;
		}
	}
	if (rc != DB_OK) {
		certify_keyring_free(&fresh);
		return rc;
	}
	certify_keyring_free(&ring);
	ring = fresh;
	ring_at = time(NULL);
	return DB_OK;
}

/*
 * The keyring, read again when older than Civil.KeyringSeconds, or
 * when key_id (may be NULL) is not in it and it is older than
 * RING_MISS_SECONDS. Returns DB_OK or the database error.
 */
static enum db_rc
ring_get(struct req *r, const char *key_id)
{
	time_t	now = time(NULL);
	long	ttl = conf_get_int(r->conf, "Civil.KeyringSeconds",
		    RING_SECONDS);

	if (ttl < 0 || ttl > 3600)
		ttl = RING_SECONDS;
	if (ring_at == 0 || now - ring_at >= ttl || now < ring_at)
		return ring_load(r->db);
	if (key_id != NULL && certify_keyring_find(&ring, key_id) == NULL &&
	    now - ring_at >= RING_MISS_SECONDS)
		return ring_load(r->db);
	return DB_OK;
}

/* The key id a payload names (its 11th field) into id, or "". */
static void
payload_key_id(const char *text, size_t len, char id[CERTIFY_KEYID_MAX + 1])
{
	const char	*end = text + len, *p = text, *start = NULL;
	int		 field = 1;

	id[0] = '\0';
	for (; p < end; p++)
		if (*p == '|' && ++field == 11)
			start = p + 1;
		else if (*p == '|' && field == 12 && start != NULL) {
			if ((size_t)(p - start) <= CERTIFY_KEYID_MAX)
				snprintf(id, CERTIFY_KEYID_MAX + 1, "%.*s",
				    (int)(p - start), start);
			return;
		}
}

/* A birth date as the payload has it ("1988-00-00") as people read
 * it: "1988", "1988-05" or the whole date; "" stays "". */
static void
birth_shown(const char *d, char out[11])
{
	if (strlen(d) != 10) {
		snprintf(out, 11, "%s", d);
		return;
	}
	if (strcmp(d + 4, "-00-00") == 0)
		snprintf(out, 11, "%.4s", d);
	else if (strcmp(d + 7, "-00") == 0)
		snprintf(out, 11, "%.7s", d);
	else
		snprintf(out, 11, "%s", d);
}

/* "family given" of two names (either may be empty) into out. */
static void
two_names(const char *family, const char *given, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s%s%s", family, family[0] && given[0] ? " " :
	    "", given);
}

/* Set Verify.LangHref: /verify, keeping the serial shown, then the
 * language. serial is canonical (safe in a URL) or NULL. */
static void
lang_href(struct req *r, const char *serial)
{
	char	href[64];

	if (serial != NULL)
		snprintf(href, sizeof(href), "/verify?serial=%s&lang=", serial);
	else
		snprintf(href, sizeof(href), "/verify?lang=");
	page_set(r, "Verify.LangHref", href);
}

/* The verdict's name in the page data. */
static const char *
verdict_code(enum certify_verdict v)
{
	switch (v) {
	case CERTIFY_VALID:
		return "valid";
	case CERTIFY_EXPIRED:
		return "expired";
	case CERTIFY_REVOKED:
		return "revoked";
	default:
		return "not_genuine";
	}
}

/*
 * Fill Verify.{Verdict, Why, Serial, Doc.*} for verdict v of doc (its
 * facts when v is not CERTIFY_NOT_GENUINE). why is a language key or
 * NULL; serial the serial to show (NULL: none).
 */
static void
verdict_fill(struct req *r, enum certify_verdict v,
    const struct certify_doc *doc, const char *why, const char *serial)
{
	char	 text[2 * CERTIFY_NAME_MAX + 2], key[32], date[11];
	struct tm tm;

	page_set(r, "Verify.Verdict", verdict_code(v));
	if (why != NULL)
		page_set(r, "Verify.Why", why);
	if (serial != NULL && serial[0] != '\0')
		page_set(r, "Verify.Serial", serial);
	page_set(r, "Page.Title", tpl_text(r->hdf, v == CERTIFY_VALID ?
	    "Verify.Verdict.valid" : v == CERTIFY_EXPIRED ?
	    "Verify.Verdict.expired" : v == CERTIFY_REVOKED ?
	    "Verify.Verdict.revoked" : "Verify.Verdict.not_genuine"));
	if (v == CERTIFY_NOT_GENUINE || doc == NULL)
		return;
	snprintf(key, sizeof(key), "Verify.Type.%s",
	    certify_type_code(doc->type));
	page_set(r, "Verify.Doc.Type", tpl_text(r->hdf, key));
	two_names(doc->family_name, doc->given_names, text, sizeof(text));
	page_set(r, "Verify.Doc.Name", text);
	two_names(doc->family_name_latin, doc->given_names_latin, text,
	    sizeof(text));
	page_set(r, "Verify.Doc.NameLatin", text);
	birth_shown(doc->birth_date, date);
	page_set(r, "Verify.Doc.Birth", date);
	if (gmtime_r(&doc->issued_at, &tm) != NULL) {
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		page_set(r, "Verify.Doc.Issued", date);
	}
	page_set(r, "Verify.Doc.ValidUntil", doc->valid_until);
}

/* The page's common data and template. */
static void
verify_page(struct req *r, const char *serial)
{
	if (hdf_get_value(r->hdf, "Page.Title", NULL) == NULL)
		page_set(r, "Page.Title", tpl_text(r->hdf, "Verify.Title"));
	lang_href(r, serial);
	r->tpl = "civil/verify.cs";
}

/*
 * Look up serial (canonical) in the register. Returns 1 with *id, the
 * payload (into payload, CERTIFY_TEXT_MAX + 1 bytes) and *revoked; 0
 * when there is none; or the negative HTTP status of a failure.
 */
static int
register_find(struct req *r, const char *serial, int64_t *id, char *payload,
    int *revoked)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_tstmt(r->db, &verify_sqls, VSQL_DOC_BY_SERIAL)) == NULL)
		return -db_http_status(db_last_rc(r->db));
	db_bind_ascii(st, 0, serial);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 0 : -db_http_status(rc);
	*id = db_col_int(st, 0);
	snprintf(payload, CERTIFY_TEXT_MAX + 1, "%s", db_col_text(st, 1) ?
	    db_col_text(st, 1) : "");
	*revoked = db_col_int(st, 2) != 0;
	db_reset(st);
	return 1;
}

/*
 * GET /verify (public; query serial): the forms, and with a serial the
 * verdict of the document the register holds under it. A serial that
 * is not one: 422 with the field's message. Template civil/verify.cs.
 */
int
page_verify(struct req *r)
{
	struct certify_doc	 doc;
	enum certify_verdict	 v;
	enum db_rc		 rc;
	char			 serial[CERTIFY_SERIAL_LEN + 1];
	char			 payload[CERTIFY_TEXT_MAX + 1];
	char			 kid[CERTIFY_KEYID_MAX + 1];
	const char		*typed = form_str(r, "serial");
	int64_t			 id;
	int			 found, revoked;

	if (r->form.nerrors > 0) {
		verify_page(r, NULL);
		return 422;
	}
	if (typed == NULL || typed[0] == '\0') {
		verify_page(r, NULL);
		return 200;
	}
	if (certify_serial_normalise(typed, serial) != 0) {
		form_set_error(r, "serial", "Verify.BadSerial");
		verify_page(r, NULL);
		return 422;
	}
	page_set(r, "Form.serial.Value", serial);
	if ((found = register_find(r, serial, &id, payload, &revoked)) < 0)
		return -found;
	if (found == 0) {
		verdict_fill(r, CERTIFY_NOT_GENUINE, NULL, "Verify.Why.Unknown",
		    serial);
		verify_page(r, serial);
		log_info("verify: serial unknown");
		return 200;
	}
	payload_key_id(payload, strlen(payload), kid);
	if ((rc = ring_get(r, kid)) != DB_OK)
		return db_http_status(rc);
	v = certify_verify(payload, strlen(payload), &ring, time(NULL), &doc,
	    NULL);
	if (v != CERTIFY_NOT_GENUINE && revoked)
		v = CERTIFY_REVOKED;
	verdict_fill(r, v, &doc, v == CERTIFY_NOT_GENUINE ?
	    "Verify.Why.Invalid" : NULL, serial);
	verify_page(r, serial);
	log_info("verify: document %lld by serial: %s", (long long)id,
	    verdict_code(v));
	return 200;
}

/*
 * POST /verify (public, CSRF; payload): the verdict of a QR code's
 * text. Whitespace around it (a scanner's newline) is ignored. Not
 * genuine: malformed, unknown key, bad signature, issued outside its
 * key's validity, or not the payload the register holds under its
 * serial. Template civil/verify.cs.
 */
int
page_verify_payload(struct req *r)
{
	struct certify_doc	 doc;
	enum certify_verdict	 v = CERTIFY_NOT_GENUINE;
	enum db_rc		 rc;
	const char		*text = form_str(r, "payload"), *why;
	char			 stored[CERTIFY_TEXT_MAX + 1];
	char			 kid[CERTIFY_KEYID_MAX + 1];
	size_t			 len;
	int64_t			 id = 0;
	int			 found = 0, revoked = 0;

	why = "Verify.Why.Invalid";
	while (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n')
		text++;
	len = strlen(text);
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' ||
	    text[len - 1] == '\r' || text[len - 1] == '\n'))
		len--;
	memset(&doc, 0, sizeof(doc));
	if (len > 0 && len <= CERTIFY_TEXT_MAX) {
		payload_key_id(text, len, kid);
		if ((rc = ring_get(r, kid)) != DB_OK)
			return db_http_status(rc);
		v = certify_verify(text, len, &ring, time(NULL), &doc, NULL);
	}
	if (v != CERTIFY_NOT_GENUINE) {
		/* Genuine by its signature: the register must hold exactly
		 * these bytes under its serial (a key that leaked cannot
		 * add documents), and knows its revocation. */
		if ((found = register_find(r, doc.serial, &id, stored,
		    &revoked)) < 0)
			return -found;
		if (found == 0 || strlen(stored) != len ||
		    memcmp(stored, text, len) != 0) {
			v = CERTIFY_NOT_GENUINE;
			why = "Verify.Why.NotRecorded";
		} else if (revoked)
			v = CERTIFY_REVOKED;
	}
	verdict_fill(r, v, &doc, v == CERTIFY_NOT_GENUINE ? why : NULL,
	    v == CERTIFY_NOT_GENUINE ? NULL : doc.serial);
	verify_page(r, NULL);
	log_info("verify: payload of %zu bytes: %s", len, verdict_code(v));
	return 200;
}

/*
 * GET /verify/keys (public): the published public keys, each with its
 * id, validity and key (base64url), and the link to the key file.
 * Template civil/verify_keys.cs.
 */
int
page_verify_keys(struct req *r)
{
	enum db_rc	rc;
	char		node[48], b64[64], when[32];
	struct tm	tm;
	size_t		i;

	if ((rc = ring_load(r->db)) != DB_OK)
		return db_http_status(rc);
	for (i = 0; i < ring.nkeys; i++) {
		const struct certify_pubkey *k = &ring.keys[i];

		snprintf(node, sizeof(node), "Verify.Keys.%zu.Id", i);
		page_set(r, node, k->id);
		gmtime_r(&k->valid_from, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm);
		snprintf(node, sizeof(node), "Verify.Keys.%zu.From", i);
		page_set(r, node, when);
		if (k->valid_until != 0) {
			gmtime_r(&k->valid_until, &tm);
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC",
			    &tm);
			snprintf(node, sizeof(node), "Verify.Keys.%zu.Until", i);
			page_set(r, node, when);
		}
		sodium_bin2base64(b64, sizeof(b64), k->pk, sizeof(k->pk),
		    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		snprintf(node, sizeof(node), "Verify.Keys.%zu.Key", i);
		page_set(r, node, b64);
	}
	page_set(r, "Page.Title", tpl_text(r->hdf, "Verify.Keys.Title"));
	page_set(r, "Verify.LangHref", "/verify/keys?lang=");
	r->tpl = "civil/verify_keys.cs";
	return 200;
}

/*
 * GET /verify/keys.txt (public): the published key file, the same text
 * as `havre-admin keys export-public` (docs/certificates.md), as a
 * download for havre-verify or any Ed25519 library.
 */
int
page_verify_keyfile(struct req *r)
{
	struct buf	out = {0};
	enum db_rc	rc;
	int		status;

	if ((rc = ring_load(r->db)) != DB_OK)
		return db_http_status(rc);
	if (certify_keyfile_format(&ring, &out) != 0)
		goto fail;
	resp_header(r, "Content-Disposition",
	    "attachment; filename=\"havre-keys.txt\"");
	status = resp_bytes(r, 200, "text/plain; charset=utf-8", out.data,
	    out.len);
	buf_free(&out);
	return status;
fail:
	buf_free(&out);
	return 500;
}

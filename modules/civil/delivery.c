/*
 * delivery.c: "your document is ready" by SMS with a one-time code
 * (issue 17, item 6; see delivery.h). The issuing handler calls
 * delivery_offer() in its transaction; the public pages that take the
 * code are in collect.c.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "audit.h"
#include "conf.h"
#include "crypto.h"
#include "delivery.h"
#include "log.h"
#include "outbox.h"
#include "sms.h"
#include "verify.h"

/* Days a code stays valid, by default and at most. */
#define DAYS_DEFAULT	7
#define DAYS_MAX	60

/* See delivery.h. */
int
delivery_code_mac(const struct conf *conf, int64_t document_id,
    const char *code, char out[65])
{
	static unsigned char	key[32];
	static int		have;
	char			msg[48];

	if (!have) {
		if (key_file_get(conf, "collect-code", key, sizeof(key)) != 0)
			return -1;
		have = 1;
	}
	snprintf(msg, sizeof(msg), "%lld:%s", (long long)document_id, code);
	mac_hex(key, msg, out);
	sodium_memzero(msg, sizeof(msg));
	return 0;
}

/* 1 if phone is E.164: "+" then 8 to 15 digits. */
static int
phone_ok(const char *phone)
{
	size_t	n;

	if (phone == NULL || phone[0] != '+')
		return 0;
	n = strlen(phone + 1);
	return n >= 8 && n <= 15 && strspn(phone + 1, "0123456789") == n;
}

/* See delivery.h. */
enum db_rc
delivery_close_revoked(struct db *db, int64_t document_id)
{
	struct db_stmt	*st;

	if ((st = db_tstmt(db, &verify_sqls, VSQL_CODES_REVOKED)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, document_id);
	return db_exec(st);
}

/* See delivery.h. */
enum db_rc
delivery_offer(struct db *db, const struct conf *conf, const struct actor *who,
    int64_t document_id, const char *phone, const char *lang,
    enum delivery_refusal *refused)
{
	struct db_stmt	*st;
	struct outbox_msg m;
	struct sms_var	 v[4];
	struct buf	 tpl = {0}, raw = {0}, text = {0};
	enum db_rc	 rc;
	char		 serial[16], code[DELIVERY_CODE_DIGITS + 1], mac[65];
	char		 url[512], days[8], idtext[24];
	const char	*base;
	long		 ndays;
	int		 revoked, has_pdf, found;

	*refused = DELIVERY_OK;
	memset(code, 0, sizeof(code));
	if (!phone_ok(phone)) {
		*refused = DELIVERY_BAD_PHONE;
		return DB_OK;
	}
	if ((st = db_tstmt(db, &verify_sqls, VSQL_DOC_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, document_id);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc == DB_OK)
			*refused = DELIVERY_NO_DOCUMENT;
		return rc;
	}
	snprintf(serial, sizeof(serial), "%s", db_col_text(st, 0));
	revoked = db_col_int(st, 1) != 0;
	has_pdf = db_col_int(st, 2) != 0;
	db_reset(st);
	if (revoked || !has_pdf) {
		*refused = revoked ? DELIVERY_REVOKED : DELIVERY_NO_PDF;
		return DB_OK;
	}
	if ((found = outbox_template(db, "civil_collect", lang, &tpl)) < 0) {
		rc = DB_ERROR;
		goto out;
	}
	if (found == 0 || tpl.data == NULL) {
		*refused = DELIVERY_NO_TEMPLATE;
		rc = DB_OK;
		goto out;
	}

	ndays = conf_get_int(conf, "Civil.CollectDays", DAYS_DEFAULT);
	if (ndays < 1 || ndays > DAYS_MAX)
		ndays = DAYS_DEFAULT;
	snprintf(days, sizeof(days), "%ld", ndays);
	base = conf_get(conf, "Civil.PublicUrl", "");
	snprintf(url, sizeof(url), "%s/verify/collect/%s", base, serial);
	/* Eight digits, uniform: 10^8 fits randombytes_uniform's range. */
	snprintf(code, sizeof(code), "%0*u", DELIVERY_CODE_DIGITS,
	    (unsigned)randombytes_uniform(100000000U));
	if (delivery_code_mac(conf, document_id, code, mac) != 0) {
		rc = DB_ERROR;
		goto out;
	}

	if ((st = db_tstmt(db, &verify_sqls, VSQL_CODES_CLOSE)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, document_id);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	if ((st = db_tstmt(db, &verify_sqls, VSQL_CODE_INSERT)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, document_id);
	db_bind_text(st, 1, mac);
	if (who->agent_id > 0)
		db_bind_int(st, 2, who->agent_id);
	else
		db_bind_null(st, 2);
	db_bind_int(st, 3, ndays);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;

	v[0] = (struct sms_var){"serial", serial};
	v[1] = (struct sms_var){"url", url};
	v[2] = (struct sms_var){"code", code};
	v[3] = (struct sms_var){"days", days};
	if (sms_render(tpl.data, v, 4, &raw) != 0 || raw.data == NULL ||
	    sms_finish(raw.data, &text, NULL) != 0) {
		rc = DB_ERROR;
		goto out;
	}
	memset(&m, 0, sizeof(m));
	m.channel = "sms";
	m.to = phone;
	m.lang = lang;
	m.event = "civil_collect";
	m.entity = "issued_document";
	m.entity_id = document_id;
	m.body = text.data;
	if ((rc = outbox_enqueue(db, &m, NULL)) != DB_OK)
		goto out;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)document_id);
	rc = audit_write(db, who, "issued_document", idtext, "offered", NULL,
	    0);
	log_info("delivery: code queued for document %lld",
	    (long long)document_id);
out:
	sodium_memzero(code, sizeof(code));
	if (raw.data != NULL)
		sodium_memzero(raw.data, raw.len);
	if (text.data != NULL)
		sodium_memzero(text.data, text.len);
	buf_free(&tpl);
	buf_free(&raw);
	buf_free(&text);
	return rc;
}

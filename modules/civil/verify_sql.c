/*
 * verify_sql.c: the statements of havre-civil's public side (verify.h):
 * the keyring, documents by serial, delivery codes. Placeholders only;
 * prepared once per worker connection. Times travel as UTC text.
 */
#include "config.h"

#include "verify.h"

#define UTC(x) "DATE_FORMAT(" x ", '%Y-%m-%d %H:%i:%s')"

static const char *const sqls[VSQL__MAX] = {
	[VSQL_KEYS] =
	    "SELECT id, " UTC("valid_from") ", " UTC("valid_until") ", "
	    "public_key FROM signing_key ORDER BY valid_from, id",
	[VSQL_DOC_BY_SERIAL] =
	    "SELECT id, payload, revoked_at IS NOT NULL, "
	    "COALESCE(pdf_file, '') FROM issued_document WHERE serial = ?",
	[VSQL_DOC_GET] =
	    "SELECT serial, revoked_at IS NOT NULL, pdf_file IS NOT NULL, "
	    "person_id, lang FROM issued_document WHERE id = ?",
	[VSQL_CODES_CLOSE] =
	    "UPDATE civil_delivery_code SET closed_at = UTC_TIMESTAMP(6), "
	    "closed_why = 'replaced' WHERE document_id = ? "
	    "AND closed_at IS NULL",
	[VSQL_CODES_REVOKED] =
	    "UPDATE civil_delivery_code SET closed_at = UTC_TIMESTAMP(6), "
	    "closed_why = 'revoked' WHERE document_id = ? "
	    "AND closed_at IS NULL",
	[VSQL_CODE_INSERT] =
	    "INSERT INTO civil_delivery_code (document_id, code_mac, "
	    "created_at, created_by, expires_at) VALUES (?, ?, "
	    "UTC_TIMESTAMP(6), ?, UTC_TIMESTAMP(6) + INTERVAL ? DAY)",
	[VSQL_CODE_LIVE] =
	    "SELECT id, code_mac FROM civil_delivery_code "
	    "WHERE document_id = ? AND closed_at IS NULL "
	    "AND expires_at > UTC_TIMESTAMP(6) ORDER BY id DESC LIMIT 1 "
	    "FOR UPDATE",
	[VSQL_CODE_USED] =
	    "UPDATE civil_delivery_code SET used_at = UTC_TIMESTAMP(6), "
	    "closed_at = UTC_TIMESTAMP(6), closed_why = 'used' WHERE id = ?",
	[VSQL_CODE_MISSED] =
	    "UPDATE civil_delivery_code SET "
	    "closed_why = IF(attempts + 1 >= ?, 'attempts', NULL), "
	    "closed_at = IF(attempts + 1 >= ?, UTC_TIMESTAMP(6), NULL), "
	    "attempts = attempts + 1 WHERE id = ?",
	[VSQL_PERSON_PHONE] =
	    "SELECT value FROM person_contact WHERE person_id = ? "
	    "AND kind = 'phone' ORDER BY id DESC LIMIT 1",
};

/* See verify.h. */
const struct db_table verify_sqls = { "vsql", sqls, VSQL__MAX };

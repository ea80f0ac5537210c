/*
 * common_sql.c: the text of the common library's statements, indexed by
 * enum common_sql. Placeholders only; never built at run time.
 */
#include "common_sql.h"

const char *const common_sqls[CSQL__MAX] = {
	[CSQL_SCHEMA_VERSION] =
	    "SELECT COALESCE(MAX(version), 0) FROM schema_migration",

	/* A live session: not revoked, agent not disabled, within the
	 * absolute expiry and the idle limit (seconds, bound). */
	[CSQL_SESSION_LOOKUP] =
	    "SELECT s.id, s.agent_id, s.csrf, a.username, a.display_name, "
	    "a.lang, COALESCE(a.home_site_id, 0), a.must_change_password, "
	    "TIMESTAMPDIFF(SECOND, s.last_seen_at, UTC_TIMESTAMP(6)) "
	    "FROM session s JOIN agent a ON a.id = s.agent_id "
	    "WHERE s.token_hash = ? AND s.revoked_at IS NULL "
	    "AND a.disabled = 0 AND s.expires_at > UTC_TIMESTAMP(6) "
	    "AND s.last_seen_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
	[CSQL_SESSION_TOUCH] =
	    "UPDATE session SET last_seen_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[CSQL_SESSION_INSERT] =
	    "INSERT INTO session (token_hash, agent_id, csrf, created_at, "
	    "last_seen_at, expires_at, client_addr, user_agent) VALUES "
	    "(?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), "
	    "UTC_TIMESTAMP(6) + INTERVAL ? SECOND, ?, LEFT(?, 255))",
	[CSQL_SESSION_REVOKE] =
	    "UPDATE session SET revoked_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ? AND agent_id = ? AND revoked_at IS NULL",
	[CSQL_SESSION_REVOKE_TOKEN] =
	    "UPDATE session SET revoked_at = UTC_TIMESTAMP(6) "
	    "WHERE token_hash = ? AND revoked_at IS NULL",
	[CSQL_AGENT_PERMS] =
	    "SELECT DISTINCT rp.permission FROM agent_role ar "
	    "JOIN role_permission rp ON rp.role_id = ar.role_id "
	    "WHERE ar.agent_id = ? ORDER BY rp.permission",
	/* A live key and its role's permissions, one row each (one row
	 * with a NULL permission for a role without any); the caller
	 * sorts them (an ORDER BY here costs a temporary table). */
	[CSQL_APIKEY_LOOKUP] =
	    "SELECT k.id, k.name, rp.permission FROM api_key k "
	    "LEFT JOIN role_permission rp ON rp.role_id = k.role_id "
	    "WHERE k.key_hash = ? AND k.revoked_at IS NULL",
	/* Uses of API keys, written in batches (auth.c): a JSON array of
	 * [key id, "YYYY-MM-DD HH:MM:SS.uuuuuu" (UTC), method, path,
	 * client address or null, request id] rows. */
	[CSQL_APIKEY_USES] =
	    "INSERT INTO api_key_use (api_key_id, at, method, path, "
	    "client_addr, request_id) SELECT j.k, j.at, j.m, LEFT(j.p, 255), "
	    "j.a, j.r FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    "k BIGINT PATH '$[0]', at DATETIME(6) PATH '$[1]', "
	    "m VARCHAR(8) PATH '$[2]', p VARCHAR(1024) PATH '$[3]', "
	    "a VARCHAR(64) PATH '$[4]', r CHAR(16) PATH '$[5]')) j",
	/* At most once a minute (api_key_use logs every use). */
	[CSQL_APIKEY_TOUCH] =
	    "UPDATE api_key SET last_used_at = UTC_TIMESTAMP(6) WHERE id = ? "
	    "AND revoked_at IS NULL AND (last_used_at IS NULL "
	    "OR last_used_at < UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE)",

	/* The audit chain (see audit.c for the locking order). */
	[CSQL_AUDIT_HEAD_LOCK] =
	    "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
	[CSQL_AUDIT_HEAD_READ] =
	    "SELECT seq, hash FROM audit_head WHERE id = 1",
	[CSQL_AUDIT_HEAD_MOVE] =
	    "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1",
	[CSQL_AUDIT_INSERT] =
	    "INSERT INTO audit_event (seq, at, agent_id, api_key_id, actor, "
	    "entity, entity_id, action, changes, request_id, prev_hash, hash, "
	    "changes_hash, changes_salt) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* The time is read back in exactly the text form it was hashed in. */
	[CSQL_AUDIT_WALK] =
	    "SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), agent_id, "
	    "api_key_id, actor, entity, entity_id, action, changes, "
	    "request_id, prev_hash, hash, changes_hash, changes_salt, "
	    "redacted_at IS NOT NULL FROM audit_event "
	    "WHERE seq >= ? ORDER BY seq LIMIT ?",
	/* The redaction events' ranges (audit_verify's first pass). */
	[CSQL_AUDIT_REDACTIONS] =
	    "SELECT seq, changes FROM audit_event "
	    "WHERE entity = 'audit' AND action = 'redact' ORDER BY seq",
	[CSQL_AUDIT_REDACT] =
	    "UPDATE audit_event SET changes = ?, changes_salt = NULL, "
	    "redacted_at = ? WHERE seq = ? AND changes_hash IS NOT NULL "
	    "AND redacted_at IS NULL",
	[CSQL_ACCESS_INSERT] =
	    "INSERT INTO access_event (at, agent_id, api_key_id, actor, "
	    "entity, entity_id, reason, request_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",

	/* The document store: a row per file (files.c). */
	[CSQL_FILE_INSERT] =
	    "INSERT INTO stored_file (id, purpose, mime, size, blake2b, "
	    "created_at, created_by) VALUES (?, ?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6), ?)",
	[CSQL_FILE_DELETE] =
	    "DELETE FROM stored_file WHERE id = ?",
	[CSQL_FILE_GET] =
	    "SELECT mime, size, blake2b FROM stored_file WHERE id = ?",
	[CSQL_FILE_LIST] =
	    "SELECT id, purpose, size, blake2b FROM stored_file "
	    "WHERE id > ? ORDER BY id LIMIT 500",

	/* Rate limits (ratelimit.c): hits of a key within the window, and
	 * the age in seconds of the oldest of them. */
	[CSQL_RATE_COUNT] =
	    "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MIN(at), "
	    "UTC_TIMESTAMP(6)), 0) FROM rate_hit WHERE bucket = ? "
	    "AND hit_key = ? AND at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
	[CSQL_RATE_INSERT] =
	    "INSERT INTO rate_hit (bucket, hit_key, at) "
	    "VALUES (?, LEFT(?, 128), UTC_TIMESTAMP(6))",
	[CSQL_RATE_PURGE] =
	    "DELETE FROM rate_hit WHERE at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY "
	    "LIMIT 500",

	/* Notifications (outbox.c and its users). A message is queued due
	 * now; coding 1 = GSM-7, 2 = UCS-2. */
	[CSQL_OUTBOX_INSERT] =
	    "INSERT INTO outbox_message (channel, to_addr, lang, event, "
	    "entity, entity_id, body, coding, segments, status, next_try_at, "
	    "dedup_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "'queued', UTC_TIMESTAMP(6), ?, UTC_TIMESTAMP(6))",
	/* A delivery report (Kannel dlr-mask values: 1 delivered, 2 failed,
	 * 8 accepted by the SMSC, 16 rejected by the SMSC): binds st x5, id.
	 * An ACK never hides a final status; delivered is never undone. */
	[CSQL_OUTBOX_DLR] =
	    "UPDATE outbox_message SET status = CASE WHEN ? = 1 THEN "
	    "'delivered' WHEN ? IN (2, 16) AND status <> 'delivered' THEN "
	    "'failed' ELSE status END, delivered_at = CASE WHEN ? = 1 THEN "
	    "COALESCE(delivered_at, UTC_TIMESTAMP(6)) ELSE delivered_at END, "
	    "dlr_status = CASE WHEN ? = 8 AND dlr_status IS NOT NULL THEN "
	    "dlr_status ELSE ? END WHERE id = ? AND channel = 'sms' "
	    "AND status IN ('sending', 'sent', 'delivered')",
	/* The template of an event in a language, else in English:
	 * event, lang, lang. */
	[CSQL_TEMPLATE_BODY] =
	    "SELECT body FROM message_template WHERE event = ? "
	    "AND lang IN (?, 'en') ORDER BY lang = ? DESC LIMIT 1",
	[CSQL_TEMPLATE_LIST] =
	    "SELECT t.id, t.event, t.lang, t.body, t.version, "
	    "DATE_FORMAT(t.updated_at, '%Y-%m-%d %H:%i:%s'), "
	    "COALESCE(a.username, '') FROM message_template t "
	    "LEFT JOIN agent a ON a.id = t.updated_by ORDER BY t.event, t.lang",
	[CSQL_TEMPLATE_GET] =
	    "SELECT event, lang, body, version FROM message_template "
	    "WHERE id = ? FOR UPDATE",
	/* Optimistic concurrency: 0 rows when the version moved on. */
	[CSQL_TEMPLATE_UPDATE] =
	    "UPDATE message_template SET body = ?, updated_by = ?, "
	    "updated_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND version = ?",
	/* Keep the body being replaced (before CSQL_TEMPLATE_UPDATE). */
	[CSQL_TEMPLATE_HISTORY_ADD] =
	    "INSERT INTO message_template_history (template_id, version, body, "
	    "updated_by, updated_at) SELECT id, version, body, updated_by, "
	    "updated_at FROM message_template WHERE id = ?",
	[CSQL_TEMPLATE_HISTORY] =
	    "SELECT h.version, DATE_FORMAT(h.updated_at, '%Y-%m-%d %H:%i:%s'), "
	    "COALESCE(a.username, ''), h.body FROM message_template_history h "
	    "LEFT JOIN agent a ON a.id = h.updated_by WHERE h.template_id = ? "
	    "ORDER BY h.version DESC LIMIT 20",
};

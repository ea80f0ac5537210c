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
	[CSQL_ROLE_PERMS] =
	    "SELECT permission FROM role_permission WHERE role_id = ? "
	    "ORDER BY permission",
	[CSQL_APIKEY_LOOKUP] =
	    "SELECT id, name, role_id FROM api_key "
	    "WHERE key_hash = ? AND revoked_at IS NULL",
	[CSQL_APIKEY_USE] =
	    "INSERT INTO api_key_use (api_key_id, at, method, path, "
	    "client_addr, request_id) VALUES (?, UTC_TIMESTAMP(6), ?, "
	    "LEFT(?, 255), ?, ?)",
	[CSQL_APIKEY_TOUCH] =
	    "UPDATE api_key SET last_used_at = UTC_TIMESTAMP(6) WHERE id = ?",

	/* The audit chain (see audit.c for the locking order). */
	[CSQL_AUDIT_HEAD_LOCK] =
	    "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
	[CSQL_AUDIT_HEAD_READ] =
	    "SELECT seq, hash FROM audit_head WHERE id = 1",
	[CSQL_AUDIT_HEAD_MOVE] =
	    "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1",
	[CSQL_AUDIT_INSERT] =
	    "INSERT INTO audit_event (seq, at, agent_id, api_key_id, actor, "
	    "entity, entity_id, action, changes, request_id, prev_hash, hash) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* The time is read back in exactly the text form it was hashed in. */
	[CSQL_AUDIT_WALK] =
	    "SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), agent_id, "
	    "api_key_id, actor, entity, entity_id, action, changes, "
	    "request_id, prev_hash, hash FROM audit_event "
	    "WHERE seq >= ? ORDER BY seq LIMIT ?",
	[CSQL_ACCESS_INSERT] =
	    "INSERT INTO access_event (at, agent_id, api_key_id, actor, "
	    "entity, entity_id, reason, request_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
};

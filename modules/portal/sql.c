/*
 * sql.c: every statement of havre-portal, indexed by enum portal_sql.
 * Placeholders only; prepared once per worker connection.
 */
#include "config.h"

#include "portal.h"

const char *const portal_sqls[PSQL__MAX] = {
	/* login.c */
	[PSQL_AGENT_BY_USERNAME] =
	    "SELECT id, password_hash, disabled, must_change_password "
	    "FROM agent WHERE username = ?",
	[PSQL_AGENT_PASSWORD] =
	    "SELECT password_hash, username FROM agent WHERE id = ?",
	[PSQL_AGENT_SET_PASSWORD] =
	    "UPDATE agent SET password_hash = ?, must_change_password = ?, "
	    "updated_at = UTC_TIMESTAMP(6), version = version + 1 WHERE id = ?",
	[PSQL_ATTEMPT_ADD] =
	    "INSERT INTO login_attempt (username, client_addr, at, success) "
	    "VALUES (LEFT(?, 64), ?, UTC_TIMESTAMP(6), ?)",
	/* An account's failures within the window since its last
	 * success: how many, and how long ago the last one was. */
	[PSQL_FAILURES_USER] =
	    "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MAX(at), "
	    "UTC_TIMESTAMP(6)), 0) FROM login_attempt "
	    "WHERE username = ? AND success = 0 "
	    "AND at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND "
	    "AND at > COALESCE((SELECT MAX(at) FROM login_attempt "
	    "WHERE username = ? AND success = 1), '1970-01-01')",
	/* An address's failures within the window, whoever succeeded
	 * from it meanwhile: one valid account must not reset the count
	 * for a password spray across all the others. */
	[PSQL_FAILURES_ADDR] =
	    "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MAX(at), "
	    "UTC_TIMESTAMP(6)), 0) FROM login_attempt "
	    "WHERE client_addr = ? AND success = 0 "
	    "AND at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
	[PSQL_SESSIONS_REVOKE_OTHERS] =
	    "UPDATE session SET revoked_at = UTC_TIMESTAMP(6) "
	    "WHERE agent_id = ? AND id <> ? AND revoked_at IS NULL",

	/* agents.c, me.c, auditlog.c: statements below. */

	/* agents.c. The list: q (empty for all) matched anywhere in the
	 * username or display name (db_like_contains: accents and case
	 * aside, as the columns' collation compares); roles as "name,name"; the last login
	 * is the newest session's creation (UTC). */
	[PSQL_AGENT_LIST] =
	    "SELECT a.id, a.username, a.display_name, COALESCE(s.name, ''), "
	    "a.disabled, COALESCE((SELECT GROUP_CONCAT(r.name ORDER BY r.id "
	    "SEPARATOR ',') FROM agent_role ar JOIN role r ON r.id = ar.role_id "
	    "WHERE ar.agent_id = a.id), ''), "
	    "COALESCE(DATE_FORMAT((SELECT MAX(se.created_at) FROM session se "
	    "WHERE se.agent_id = a.id), '%Y-%m-%d %H:%i:%s'), '') "
	    "FROM agent a LEFT JOIN site s ON s.id = a.home_site_id "
	    "WHERE (? = '' OR a.username LIKE ? ESCAPE '!' "
	    "OR a.display_name LIKE ? ESCAPE '!') "
	    "ORDER BY a.username LIMIT 500",
	[PSQL_AGENT_GET] =
	    "SELECT username, display_name, COALESCE(email, ''), lang, "
	    "COALESCE(home_site_id, 0), disabled, version, "
	    "must_change_password FROM agent WHERE id = ?",
	[PSQL_AGENT_INSERT] =
	    "INSERT INTO agent (username, display_name, email, lang, "
	    "home_site_id, password_hash, must_change_password, disabled, "
	    "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, 1, ?, "
	    "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 1)",
	/* Optimistic concurrency: 0 rows when the version moved on. */
	[PSQL_AGENT_UPDATE] =
	    "UPDATE agent SET display_name = ?, email = ?, lang = ?, "
	    "home_site_id = ?, disabled = ?, updated_at = UTC_TIMESTAMP(6), "
	    "version = version + 1 WHERE id = ? AND version = ?",
	[PSQL_AGENT_ROLES] =
	    "SELECT r.name FROM agent_role ar JOIN role r ON r.id = ar.role_id "
	    "WHERE ar.agent_id = ? ORDER BY r.id",
	[PSQL_AGENT_ROLE_ADD] =
	    "INSERT INTO agent_role (agent_id, role_id) "
	    "SELECT ?, id FROM role WHERE name = ?",
	[PSQL_AGENT_ROLES_CLEAR] =
	    "DELETE FROM agent_role WHERE agent_id = ?",
	[PSQL_AGENT_SESSIONS_REVOKE_ALL] =
	    "UPDATE session SET revoked_at = UTC_TIMESTAMP(6) "
	    "WHERE agent_id = ? AND revoked_at IS NULL",
	[PSQL_ROLE_LIST] =
	    "SELECT name, label FROM role ORDER BY id",
	[PSQL_SITE_LIST] =
	    "SELECT id, name FROM site ORDER BY name, id",

	/* dashboard.c: what matters today (issue 13 item 10). A site's
	 * appointments of its local today (computed in C from its zone) by
	 * status: the slot's day, or the visit's for one without a slot
	 * (both read through their site-and-day indexes). */
	[PSQL_DASH_SITES] =
	    "SELECT id, name, time_zone FROM site WHERE active = 1 "
	    "ORDER BY name, id",
	[PSQL_DASH_APPOINTMENTS] =
	    "SELECT status, COUNT(*) FROM ("
	    "SELECT a.status FROM slot_quota q "
	    "JOIN appointment a ON a.slot_id = q.id "
	    "WHERE q.site_id = ? AND q.local_day = ? "
	    "UNION ALL "
	    "SELECT a.status FROM visit v "
	    "JOIN appointment a ON a.id = v.appointment_id "
	    "WHERE v.site_id = ? AND v.local_day = ? AND a.slot_id IS NULL) t "
	    "GROUP BY status",
	/* People waiting now per site, and since when the longest has
	 * waited: the last time each joined a queue (else arrived). */
	[PSQL_DASH_WAITING] =
	    "SELECT si.id, si.name, COUNT(*), "
	    "TIMESTAMPDIFF(MINUTE, MIN(COALESCE((SELECT MAX(e.at) "
	    "FROM visit_event e WHERE e.visit_id = v.id AND e.kind = 'queue'), "
	    "v.arrived_at)), UTC_TIMESTAMP(6)) "
	    "FROM visit v JOIN site si ON si.id = v.site_id "
	    "WHERE v.status = 'waiting' "
	    "GROUP BY si.id, si.name ORDER BY si.name, si.id",
	[PSQL_DASH_SMS_FAILED] =
	    "SELECT COUNT(*) FROM outbox_message WHERE status = 'failed' "
	    "AND created_at >= UTC_TIMESTAMP(6) - INTERVAL 1 DAY",
	[PSQL_DASH_SMS_FAILED_LIST] =
	    "SELECT a.id, a.reference, o.event, "
	    "DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s') "
	    "FROM outbox_message o JOIN appointment a "
	    "ON o.entity = 'appointment' AND a.id = o.entity_id "
	    "WHERE o.status = 'failed' "
	    "AND o.created_at >= UTC_TIMESTAMP(6) - INTERVAL 1 DAY "
	    "ORDER BY o.id DESC LIMIT 5",
	[PSQL_DASH_DUPLICATES] =
	    "SELECT COUNT(*) FROM duplicate_pair WHERE status = 'pending'",
	/* the agent's open case files (havre-dossier) over index
	 * dossier_mine (assignee, closed, next_due) */
	[PSQL_DASH_DOSSIERS_MINE] =
	    "SELECT COUNT(*), COALESCE(SUM(next_due < ?), 0), "
	    "COALESCE(SUM(next_due BETWEEN ? AND ?), 0) FROM dossier "
	    "WHERE assignee = ? AND closed = 0",
	[PSQL_DASH_DOSSIERS_UNASSIGNED] =
	    "SELECT COUNT(*) FROM dossier WHERE assignee IS NULL "
	    "AND closed = 0",

	/* me.c: the agent's live sessions, newest first (UTC). */
	[PSQL_MY_SESSIONS] =
	    "SELECT id, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), "
	    "DATE_FORMAT(last_seen_at, '%Y-%m-%d %H:%i:%s'), "
	    "COALESCE(client_addr, ''), COALESCE(user_agent, '') "
	    "FROM session WHERE agent_id = ? AND revoked_at IS NULL "
	    "AND expires_at > UTC_TIMESTAMP(6) ORDER BY created_at DESC, id DESC "
	    "LIMIT 100",

	/* auditlog.c. Every filter is optional: an empty actor, entity or
	 * entity id and a NULL bound match everything. Bounds are UTC
	 * times; limit and offset last. */
	[PSQL_AUDIT_SEARCH] =
	    "SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), actor, entity, "
	    "entity_id, action, changes FROM audit_event "
	    "WHERE (? = '' OR actor = ?) AND (? = '' OR entity = ?) "
	    "AND (? = '' OR entity_id = ?) AND (? IS NULL OR at >= ?) "
	    "AND (? IS NULL OR at < ?) ORDER BY seq DESC LIMIT ? OFFSET ?",
	[PSQL_ACCESS_SEARCH] =
	    "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), actor, entity, "
	    "entity_id, reason FROM access_event "
	    "WHERE (? = '' OR actor = ?) AND (? = '' OR entity = ?) "
	    "AND (? = '' OR entity_id = ?) AND (? IS NULL OR at >= ?) "
	    "AND (? IS NULL OR at < ?) ORDER BY at DESC, id DESC "
	    "LIMIT ? OFFSET ?",

	/* dataprotection.c: retention rules and their history, holds */
#define RULE_COLS \
	"SELECT category, keep_days, action, starts, what, legal_source, " \
	"enabled, version, DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i'), " \
	"updated_by FROM retention_rule "
	[PSQL_RULE_LIST] = RULE_COLS "ORDER BY category",
	[PSQL_RULE_GET] = RULE_COLS "WHERE category = ?",
	[PSQL_RULE_HISTORY] =
	    "SELECT version, keep_days, legal_source, "
	    "DATE_FORMAT(changed_at, '%Y-%m-%d %H:%i'), changed_by, reason "
	    "FROM retention_rule_history WHERE category = ? "
	    "ORDER BY id DESC LIMIT 100",
	[PSQL_RULE_LOCK] =
	    "SELECT version, keep_days, legal_source FROM retention_rule "
	    "WHERE category = ? FOR UPDATE",
	[PSQL_RULE_HISTORY_ADD] =
	    "INSERT INTO retention_rule_history (category, version, "
	    "keep_days, legal_source, enabled, changed_at, changed_by, reason) "
	    "SELECT category, version, keep_days, legal_source, enabled, "
	    "UTC_TIMESTAMP(6), ?, ? FROM retention_rule WHERE category = ?",
	[PSQL_RULE_UPDATE] =
	    "UPDATE retention_rule SET keep_days = ?, legal_source = ?, "
	    "updated_by = ?, updated_at = UTC_TIMESTAMP(6), "
	    "version = version + 1 WHERE category = ? AND version = ?",
#define HOLD_COLS \
	"SELECT id, kind, entity, entity_id, reason, " \
	"DATE_FORMAT(placed_at, '%Y-%m-%d %H:%i'), placed_by, " \
	"DATE_FORMAT(released_at, '%Y-%m-%d %H:%i'), released_by " \
	"FROM legal_hold "
	/* in force first, then the 200 last released */
	[PSQL_HOLD_LIST] =
	    HOLD_COLS "ORDER BY released_at IS NOT NULL, id DESC LIMIT 300",
	[PSQL_HOLD_GET] = HOLD_COLS "WHERE id = ?",
	[PSQL_HOLD_PERSON] = "SELECT 1 FROM person WHERE id = ?",
	[PSQL_HOLD_DOSSIER] = "SELECT 1 FROM dossier WHERE id = ?",
	[PSQL_HOLD_APPOINTMENT] = "SELECT 1 FROM appointment WHERE id = ?",
	[PSQL_HOLD_ADD] =
	    "INSERT INTO legal_hold (kind, entity, entity_id, reason, "
	    "placed_at, placed_by) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), ?)",
	[PSQL_HOLD_FIND] =
	    "SELECT released_at IS NULL FROM legal_hold WHERE id = ? "
	    "FOR UPDATE",
	[PSQL_HOLD_RELEASE] =
	    "UPDATE legal_hold SET released_at = UTC_TIMESTAMP(6), "
	    "released_by = ? WHERE id = ? AND released_at IS NULL",

	/* review.c: per agent over the window (days), the persons read,
	 * those outside every case file assigned to the agent, the sealed
	 * case files not theirs read, break-glass openings and refused
	 * looks; listed when outside >= min or any sealed or refused */
	[PSQL_REVIEW_AGENTS] =
	    "SELECT x.agent_id, MAX(x.actor), COUNT(DISTINCT x.person), "
	    "COUNT(DISTINCT x.outside), COUNT(DISTINCT x.sealed), SUM(x.glass), "
	    "SUM(x.refused) FROM (SELECT e.agent_id, e.actor, "
	    "IF(e.entity = 'person', e.entity_id, NULL) AS person, "
	    "IF(e.entity = 'person' AND NOT EXISTS (SELECT 1 FROM "
	    "dossier_person dp JOIN dossier d ON d.id = dp.dossier_id "
	    "WHERE dp.person_id = e.entity_id AND d.assignee = e.agent_id), "
	    "e.entity_id, NULL) AS outside, "
	    "IF(e.entity = 'dossier' AND e.reason NOT LIKE 'refused:%' AND "
	    "EXISTS (SELECT 1 FROM dossier d WHERE d.id = e.entity_id AND "
	    "d.sealed = 1 AND (d.assignee IS NULL OR d.assignee <> "
	    "e.agent_id)), e.entity_id, NULL) AS sealed, "
	    "(e.reason = 'break_glass') AS glass, "
	    "(e.reason LIKE 'refused:%') AS refused "
	    "FROM access_event e WHERE e.at >= UTC_TIMESTAMP(6) - INTERVAL ? "
	    "DAY AND e.agent_id IS NOT NULL) x GROUP BY x.agent_id "
	    "HAVING COUNT(DISTINCT x.outside) >= ? OR COUNT(DISTINCT x.sealed) "
	    "> 0 OR SUM(x.refused) > 0 ORDER BY COUNT(DISTINCT x.outside) "
	    "DESC, COUNT(DISTINCT x.sealed) DESC, "
	    "x.agent_id LIMIT 200",
	[PSQL_REVIEW_GLASS] =
	    "SELECT DATE_FORMAT(g.at, '%Y-%m-%d %H:%i'), g.actor, d.reference, "
	    "g.dossier_id, g.reason, DATE_FORMAT(g.expires_at, "
	    "'%Y-%m-%d %H:%i') FROM break_glass g JOIN dossier d ON d.id = "
	    "g.dossier_id WHERE g.at >= UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "ORDER BY g.at DESC, g.id DESC LIMIT 500",

	/* requests.c: persons' requests; due_on is received + 1 month */
	[PSQL_REQ_COUNTS] =
	    "SELECT COALESCE(SUM(status = 'open'), 0), "
	    "COALESCE(SUM(status = 'open' AND due_on <= ? AND due_on >= ?), 0), "
	    "COALESCE(SUM(status = 'open' AND due_on < ?), 0), "
	    "COALESCE(SUM(status = 'answered' AND answered_on > due_on AND "
	    "answered_on >= MAKEDATE(YEAR(UTC_DATE()), 1)), 0), "
	    "COALESCE(SUM(status = 'open' AND extended_on IS NOT NULL), 0) "
	    "FROM subject_request",
#define REQ_COLS \
	"SELECT id, kind, person_id, requester, details, " \
	"DATE_FORMAT(received_on, '%Y-%m-%d'), DATE_FORMAT(due_on, " \
	"'%Y-%m-%d'), status, decision, decision_reason, answer, " \
	"DATE_FORMAT(answered_on, '%Y-%m-%d'), recorded_by, answered_by, " \
	"version, status = 'open' AND due_on < ?, " \
	"DATE_FORMAT(first_due_on, '%Y-%m-%d'), " \
	"DATE_FORMAT(extended_on, '%Y-%m-%d'), extended_by, " \
	"extension_reason FROM subject_request "
	[PSQL_REQ_LIST] =
	    REQ_COLS "ORDER BY status = 'answered', due_on, id LIMIT 500",
	[PSQL_REQ_GET] = REQ_COLS "WHERE id = ?",
	[PSQL_REQ_ADD] =
	    "INSERT INTO subject_request (kind, person_id, requester, details, "
	    "received_on, due_on, recorded_at, recorded_by) VALUES (?, ?, ?, "
	    "?, ?, CAST(? AS DATE) + INTERVAL 1 MONTH, UTC_TIMESTAMP(6), ?)",
	[PSQL_REQ_ANSWER] =
	    "UPDATE subject_request SET status = 'answered', decision = ?, "
	    "decision_reason = ?, answer = ?, answered_by = ?, "
	    "answered_on = ?, version = version + 1 "
	    "WHERE id = ? AND version = ? AND status = 'open'",
	/* art. 12(3): three months after receipt in all, decided and told
	 * within the first month, once */
	[PSQL_REQ_EXTEND] =
	    "UPDATE subject_request SET first_due_on = due_on, "
	    "due_on = received_on + INTERVAL 3 MONTH, extended_on = ?, "
	    "extended_by = ?, extension_reason = ?, version = version + 1 "
	    "WHERE id = ? AND version = ? AND status = 'open' "
	    "AND extended_on IS NULL AND due_on >= ?",
	[PSQL_REQ_DUE] =
	    "SELECT DATE_FORMAT(first_due_on, '%Y-%m-%d'), "
	    "DATE_FORMAT(due_on, '%Y-%m-%d') FROM subject_request WHERE id = ?",
};

/*
 * sql.c: every statement of havre-dossier, indexed by enum dossier_sql.
 * Placeholders only; prepared once per worker connection. Dates travel
 * as "YYYY-MM-DD" text, times as UTC text.
 */
#include "config.h"

#include "booking.h"
#include "dossier.h"

#define DAY(x) "DATE_FORMAT(" x ", '%Y-%m-%d')"
#define UTC(x) "DATE_FORMAT(" x ", '%Y-%m-%d %H:%i:%s')"
#define AGENT_NAME(a) "COALESCE(NULLIF(" a ".display_name, ''), " a \
	".username, '')"

/* A work list's row: the dossier, its procedure, its principal
 * applicant's name and its officer. STRAIGHT_JOIN keeps the dossier
 * first: with the procedures joined first (six rows, the optimizer's
 * pick at 1,000,000 dossiers) the unfiltered list read every dossier and
 * its applicant's name into a temporary table before sorting (40 s in
 * tests/bench/dossier) instead of 50 rows of index dossier_next. */
#define LIST_SELECT \
	"SELECT d.id, d.reference, p.name, d.status, d.procedure_version_id, " \
	DAY("d.lodged_on") ", " DAY("d.next_due") ", d.paused, d.sealed, " \
	"d.assignee, " AGENT_NAME("a") ", " \
	"(SELECT pe.family_name FROM dossier_person dp JOIN person pe ON " \
	"pe.id = dp.person_id WHERE dp.dossier_id = d.id AND dp.role = " \
	"'principal' LIMIT 1), " \
	"(SELECT pe.given_names FROM dossier_person dp JOIN person pe ON " \
	"pe.id = dp.person_id WHERE dp.dossier_id = d.id AND dp.role = " \
	"'principal' LIMIT 1), d.version, " DAY("d.exchange_due") " " \
	"FROM dossier d STRAIGHT_JOIN wf_procedure p ON p.id = " \
	"d.procedure_id LEFT JOIN agent a ON a.id = d.assignee WHERE "
/* The filters every list takes: procedure (0: any), status ('': any). */
#define LIST_FILTER \
	" AND (? = 0 OR d.procedure_id = ?) AND (? = '' OR d.status = ?) "
#define BY_DUE " ORDER BY d.next_due, d.id LIMIT ? OFFSET ?"
#define BY_LODGED " ORDER BY d.lodged_on, d.id LIMIT ? OFFSET ?"
/* Each list twice: ordered by due date, then by lodging date. The
 * first parameters are the list's own (lists.c binds them). */
#define LIST(n, where) \
	[DSQL_LIST_FIRST + 2 * (n)] = LIST_SELECT where LIST_FILTER BY_DUE, \
	[DSQL_LIST_FIRST + 2 * (n) + 1] = LIST_SELECT where LIST_FILTER BY_LODGED

const char *const dossier_sqls[DSQL__MAX] = {
	/* procedures */
	[DSQL_PROC_LIST] =
	    "SELECT p.id, p.code, p.name, p.current_version, p.active, "
	    "p.version FROM wf_procedure p WHERE p.kind = 'dossier' "
	    "ORDER BY p.name, p.id LIMIT 200",
	[DSQL_PROC_GET] =
	    "SELECT p.id, p.code, p.name, p.current_version, p.active, "
	    "p.version, v.id, v.definition FROM wf_procedure p "
	    "JOIN wf_procedure_version v ON v.procedure_id = p.id "
	    "AND v.number = p.current_version WHERE p.id = ? "
	    "AND p.kind = 'dossier'",
	[DSQL_PROC_UPDATE] =
	    "UPDATE wf_procedure SET name = ?, active = ?, "
	    "current_version = ?, version = version + 1, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND version = ?",
	[DSQL_VERSION_INSERT] =
	    "INSERT INTO wf_procedure_version (procedure_id, number, "
	    "definition, created_at, created_by) VALUES (?, ?, ?, "
	    "UTC_TIMESTAMP(6), ?)",
	[DSQL_VERSION_MAX] =
	    "SELECT COALESCE(MAX(number), 0) FROM wf_procedure_version "
	    "WHERE procedure_id = ? FOR UPDATE",
	[DSQL_CLOSED_LIST] =
	    "SELECT " DAY("day") ", label FROM closed_day ORDER BY day "
	    "LIMIT 5000",
	[DSQL_CLOSED_INSERT] =
	    "INSERT INTO closed_day (day, label) VALUES (?, ?)",
	[DSQL_CLOSED_DELETE] =
	    "DELETE FROM closed_day WHERE day = ?",

	/* a dossier */
	[DSQL_DOSSIER_GET] =
	    "SELECT d.id, d.reference, d.procedure_id, "
	    "d.procedure_version_id, d.status, " DAY("d.lodged_on") ", "
	    "COALESCE(" DAY("d.decided_on") ", ''), COALESCE(d.assignee, 0), "
	    AGENT_NAME("a") ", d.sealed, d.version, p.name, v.number, "
	    UTC("d.created_at") " FROM dossier d "
	    "JOIN wf_procedure p ON p.id = d.procedure_id "
	    "JOIN wf_procedure_version v ON v.id = d.procedure_version_id "
	    "LEFT JOIN agent a ON a.id = d.assignee WHERE d.id = ?",
	[DSQL_DOSSIER_LOCK] =
	    "SELECT status, version, COALESCE(assignee, 0), sealed "
	    "FROM dossier WHERE id = ? FOR UPDATE",
	[DSQL_DOSSIER_STATUS] =
	    "UPDATE dossier SET status = ?, closed = ?, "
	    "decided_on = COALESCE(decided_on, ?), version = version + 1, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND version = ?",
	[DSQL_DOSSIER_ASSIGN] =
	    "UPDATE dossier SET assignee = ?, version = version + 1, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND version = ?",
	[DSQL_DOSSIER_SEAL] =
	    "UPDATE dossier SET sealed = ?, version = version + 1, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND version = ?",
	[DSQL_DOSSIER_BY_REF] =
	    "SELECT id FROM dossier WHERE reference = ?",
	[DSQL_AGENT_GET] =
	    "SELECT id, " AGENT_NAME("a") " FROM agent a WHERE a.id = ? "
	    "AND a.disabled = 0",
	/* the officers a dossier can be given to */
	[DSQL_OFFICERS] =
	    "SELECT DISTINCT a.id, " AGENT_NAME("a") " FROM agent a "
	    "JOIN agent_role ar ON ar.agent_id = a.id "
	    "JOIN role_permission rp ON rp.role_id = ar.role_id "
	    "WHERE rp.permission = 'dossier.edit' AND a.disabled = 0 "
	    "ORDER BY 2, 1 LIMIT 500",
	[DSQL_HOUSEHOLD] =
	    "SELECT person_id, role, COALESCE(relation, '') FROM "
	    "dossier_person WHERE dossier_id = ? "
	    "ORDER BY role = 'principal' DESC, added_at, person_id LIMIT 50",
	[DSQL_EVENTS] =
	    "SELECT " UTC("at") ", actor, kind, COALESCE(from_status, ''), "
	    "COALESCE(to_status, ''), COALESCE(detail, '') FROM dossier_event "
	    "WHERE dossier_id = ? ORDER BY at DESC, id DESC LIMIT 200",

	/* notes, documents, decisions */
	[DSQL_NOTE_INSERT] =
	    "INSERT INTO dossier_note (dossier_id, agent_id, actor, "
	    "created_at, body) VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?)",
	[DSQL_NOTES] =
	    "SELECT id, actor, " UTC("created_at") ", body FROM dossier_note "
	    "WHERE dossier_id = ? ORDER BY created_at DESC, id DESC LIMIT 100",
	[DSQL_DOC_INSERT] =
	    "INSERT INTO dossier_document (dossier_id, file_id, title, "
	    "filename, created_at, agent_id) VALUES (?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6), ?)",
	[DSQL_DOCS] =
	    "SELECT d.id, d.title, d.filename, " UTC("d.created_at") ", "
	    "f.mime, f.size FROM dossier_document d JOIN stored_file f ON "
	    "f.id = d.file_id WHERE d.dossier_id = ? ORDER BY d.created_at, "
	    "d.id LIMIT 200",
	[DSQL_DOC_GET] =
	    "SELECT file_id, filename, title FROM dossier_document "
	    "WHERE id = ? AND dossier_id = ?",
	[DSQL_DECISION_INSERT] =
	    "INSERT INTO dossier_decision (dossier_id, outcome, text, final, "
	    "agent_id, actor, created_at) VALUES (?, ?, ?, 0, ?, ?, "
	    "UTC_TIMESTAMP(6))",
	[DSQL_DECISIONS] =
	    "SELECT id, outcome, text, actor, " UTC("created_at") " FROM "
	    "dossier_decision WHERE dossier_id = ? ORDER BY created_at DESC, "
	    "id DESC LIMIT 50",

	/* exchanges: the recipients an officer may choose (the agency's
	 * services; partner organisations, API keys whose role holds
	 * exchange.answer) */
	[DSQL_X_SERVICES] =
	    "SELECT id, name FROM exchange_service WHERE active = 1 "
	    "ORDER BY name, id LIMIT 100",
	[DSQL_X_PARTNERS] =
	    "SELECT DISTINCT k.id, k.name FROM api_key k JOIN role_permission "
	    "rp ON rp.role_id = k.role_id WHERE rp.permission = "
	    "'exchange.answer' AND k.revoked_at IS NULL ORDER BY k.name, k.id "
	    "LIMIT 200",
	[DSQL_X_SERVICE_GET] =
	    "SELECT name FROM exchange_service WHERE id = ? AND active = 1",
	[DSQL_X_PARTNER_GET] =
	    "SELECT k.name FROM api_key k JOIN role_permission rp ON "
	    "rp.role_id = k.role_id WHERE k.id = ? AND rp.permission = "
	    "'exchange.answer' AND k.revoked_at IS NULL LIMIT 1",
	[DSQL_X_INSERT] =
	    "INSERT INTO exchange (dossier_id, type, legal_basis, question, "
	    "due_on, service_id, partner_key_id, status, open, sent_at, "
	    "sent_by, sent_actor) VALUES (?, ?, ?, ?, ?, ?, ?, 'sent', 1, "
	    "UTC_TIMESTAMP(6), ?, ?)",
	[DSQL_X_OF_DOSSIER] =
	    "SELECT x.id, x.type, x.legal_basis, x.question, "
	    DAY("x.due_on") ", x.status, x.open, " UTC("x.sent_at") ", "
	    "x.sent_actor, COALESCE(" UTC("x.acknowledged_at") ", ''), "
	    "COALESCE(" UTC("x.answered_at") ", ''), COALESCE(x.answer, ''), "
	    "COALESCE(x.answer_actor, ''), COALESCE(s.name, k.name, ''), "
	    "x.partner_key_id IS NOT NULL, x.version FROM exchange x "
	    "LEFT JOIN exchange_service s ON s.id = x.service_id "
	    "LEFT JOIN api_key k ON k.id = x.partner_key_id "
	    "WHERE x.dossier_id = ? ORDER BY x.sent_at DESC, x.id DESC "
	    "LIMIT 100",
	[DSQL_X_FILES_OF_DOSSIER] =
	    "SELECT a.id, a.exchange_id, a.filename, " UTC("a.created_at") ", "
	    "f.mime, f.size, a.actor FROM exchange x JOIN exchange_attachment "
	    "a ON a.exchange_id = x.id JOIN stored_file f ON f.id = a.file_id "
	    "WHERE x.dossier_id = ? ORDER BY a.id LIMIT 500",
	[DSQL_X_LOCK] =
	    "SELECT dossier_id, status, version, COALESCE(partner_key_id, 0), "
	    "type FROM exchange WHERE id = ? FOR UPDATE",
	[DSQL_X_ACK] =
	    "UPDATE exchange SET status = 'acknowledged', acknowledged_at = "
	    "UTC_TIMESTAMP(6), version = version + 1 WHERE id = ? "
	    "AND version = ?",
	[DSQL_X_ANSWER] =
	    "UPDATE exchange SET status = 'answered', open = 0, answered_at = "
	    "UTC_TIMESTAMP(6), closed_at = UTC_TIMESTAMP(6), answer = ?, "
	    "answer_actor = ?, version = version + 1 WHERE id = ? "
	    "AND version = ?",
	[DSQL_X_WITHDRAW] =
	    "UPDATE exchange SET status = 'withdrawn', open = 0, closed_at = "
	    "UTC_TIMESTAMP(6), version = version + 1 WHERE id = ? "
	    "AND version = ?",
	[DSQL_X_DUE] =
	    "UPDATE dossier SET exchange_due = COALESCE((SELECT MIN(x.due_on) "
	    "FROM exchange x WHERE x.dossier_id = ? AND x.open = 1), "
	    "'9999-12-31') WHERE id = ?",
	[DSQL_X_FILE_INSERT] =
	    "INSERT INTO exchange_attachment (exchange_id, file_id, filename, "
	    "created_at, actor) VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?)",
	[DSQL_X_FILE_GET] =
	    "SELECT a.file_id, a.filename FROM exchange_attachment a JOIN "
	    "exchange x ON x.id = a.exchange_id WHERE a.id = ? AND "
	    "a.exchange_id = ? AND x.dossier_id = ?",
	/* the partner API: a partner key's own exchanges (open ones only
	 * when the second parameter is 1) */
	[DSQL_XAPI_LIST] =
	    "SELECT x.id, d.reference, x.type, x.legal_basis, x.question, "
	    DAY("x.due_on") ", x.status, x.open, " UTC("x.sent_at") ", "
	    "COALESCE(" UTC("x.acknowledged_at") ", ''), "
	    "COALESCE(" UTC("x.answered_at") ", ''), COALESCE(x.answer, ''), "
	    "x.version FROM exchange x JOIN dossier d ON d.id = x.dossier_id "
	    "WHERE x.partner_key_id = ? AND x.open >= ? "
	    "ORDER BY x.open DESC, x.due_on, x.id LIMIT 200",
	[DSQL_XAPI_GET] =
	    "SELECT x.id, d.reference, x.type, x.legal_basis, x.question, "
	    DAY("x.due_on") ", x.status, x.open, " UTC("x.sent_at") ", "
	    "COALESCE(" UTC("x.acknowledged_at") ", ''), "
	    "COALESCE(" UTC("x.answered_at") ", ''), COALESCE(x.answer, ''), "
	    "x.version FROM exchange x JOIN dossier d ON d.id = x.dossier_id "
	    "WHERE x.id = ? AND x.partner_key_id = ?",
	[DSQL_XAPI_FILES] =
	    "SELECT a.id, a.filename, f.mime, f.size, " UTC("a.created_at") " "
	    "FROM exchange_attachment a JOIN stored_file f ON f.id = a.file_id "
	    "WHERE a.exchange_id = ? ORDER BY a.id LIMIT 100",
	/* the applicant's status page (status.c): a dossier by its
	 * reference with its principal applicant's birth date and newest
	 * phone; its codes; the person's next open appointment */
	[DSQL_STATUS_FIND] =
	    "SELECT d.id, d.procedure_version_id, d.status, "
	    "d.missing_documents, p.birth_year, p.birth_month, p.birth_day, "
	    "p.birth_precision, COALESCE((SELECT c.value FROM person_contact "
	    "c WHERE c.person_id = p.id AND c.kind = 'phone' ORDER BY "
	    "c.created_at DESC, c.id DESC LIMIT 1), ''), p.id "
	    "FROM dossier d JOIN dossier_person dp ON dp.dossier_id = d.id "
	    "AND dp.role = 'principal' JOIN person p ON p.id = dp.person_id "
	    "WHERE d.reference = ? LIMIT 1",
	[DSQL_STATUS_CODES_CLOSE] =
	    "UPDATE status_code SET closed_at = UTC_TIMESTAMP(6), "
	    "closed_why = 'replaced' WHERE dossier_id = ? AND closed_at IS NULL",
	[DSQL_STATUS_CODE_INSERT] =
	    "INSERT INTO status_code (dossier_id, code_mac, created_at, "
	    "expires_at) VALUES (?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + "
	    "INTERVAL ? MINUTE)",
	[DSQL_STATUS_CODE_LIVE] =
	    "SELECT id, code_mac FROM status_code WHERE dossier_id = ? "
	    "AND closed_at IS NULL AND expires_at > UTC_TIMESTAMP(6) "
	    "ORDER BY id DESC LIMIT 1 FOR UPDATE",
	[DSQL_STATUS_CODE_USED] =
	    "UPDATE status_code SET closed_at = UTC_TIMESTAMP(6), "
	    "closed_why = 'used' WHERE id = ? AND closed_at IS NULL",
	/* a wrong code: one more attempt; the last one allowed closes it
	 * (the assignments run left to right, attempts last) */
	[DSQL_STATUS_CODE_MISSED] =
	    "UPDATE status_code SET "
	    "closed_why = IF(attempts + 1 >= ?, 'attempts', NULL), "
	    "closed_at = IF(attempts + 1 >= ?, UTC_TIMESTAMP(6), NULL), "
	    "attempts = attempts + 1 WHERE id = ?",
	[DSQL_STATUS_NEXT_APPT] =
	    "SELECT " UTC("a.start_utc") ", s.name, COALESCE(s.address, ''), "
	    "s.time_zone FROM person_appointment pa JOIN appointment a ON "
	    "a.id = pa.appointment_id JOIN site s ON s.id = a.site_id "
	    "WHERE pa.person_id = ? AND a.status IN " BOOKING_SQL_OPEN " "
	    "AND a.start_utc > UTC_TIMESTAMP() ORDER BY a.start_utc, a.id "
	    "LIMIT 1",
	[DSQL_MISSING_GET] =
	    "SELECT missing_documents FROM dossier WHERE id = ?",
	[DSQL_MISSING_SET] =
	    "UPDATE dossier SET missing_documents = ?, version = version + 1, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND version = ?",
	/* the interview appointment (interview.c, migration 0018): the
	 * interview sites with their service and level; a day's slots of
	 * one on the call-centre channel (the agents' contingent); a slot
	 * as the booking checks it; the principal applicant with the
	 * newest phone on file; a dossier's active interviews (under its
	 * row lock); the links of a new appointment; a dossier's
	 * interviews, newest first. */
	[DSQL_IV_SLOTS] =
	    "SELECT q.id, TIME_FORMAT(q.local_time, '%H:%i'), q.capacity, "
	    "q.booked, q.start_utc > UTC_TIMESTAMP(), c.day IS NOT NULL "
	    "FROM slot_quota q LEFT JOIN site_closed c ON c.site_id = "
	    "q.site_id AND c.day = q.local_day WHERE q.site_id = ? AND "
	    "q.local_day = ? AND q.channel = 'callcentre' AND q.level_id = ? "
	    "AND q.capacity > 0 ORDER BY q.start_utc LIMIT 200",
	[DSQL_IV_OF_DOSSIER] =
	    "SELECT a.id, a.reference, " UTC("a.start_utc") ", s.name, "
	    "s.time_zone, a.status, a.status IN " BOOKING_SQL_ACTIVE ", "
	    "a.phone, a.lang FROM dossier_appointment da JOIN appointment a "
	    "ON a.id = da.appointment_id JOIN site s ON s.id = a.site_id "
	    "WHERE da.dossier_id = ? ORDER BY a.start_utc DESC, a.id DESC "
	    "LIMIT 20",
	/* monitoring (monitor.c), one procedure at a time, from the
	 * counters of migration 0017 (and the open dossiers over index
	 * dossier_open). Periods are inclusive days. */
	/* processing time: decisions per number of days from lodging to
	 * decision, over the months of the period */
	[DSQL_MON_PROCESSING] =
	    "SELECT days, SUM(decisions) FROM dossier_stat_duration "
	    "WHERE procedure_id = ? AND month BETWEEN ? AND ? "
	    "GROUP BY days ORDER BY days",
	/* per day: decisions, with a deadline, within it */
	[DSQL_MON_DECISIONS] =
	    "SELECT " DAY("day") ", decisions, with_deadline, "
	    "within_deadline FROM dossier_stat_day WHERE procedure_id = ? "
	    "AND day BETWEEN ? AND ? ORDER BY day",
	/* open dossiers per lodging day (backlog and its age) */
	[DSQL_MON_OPEN] =
	    "SELECT " DAY("lodged_on") ", COUNT(*) FROM dossier "
	    "WHERE procedure_id = ? AND closed = 0 GROUP BY lodged_on "
	    "ORDER BY lodged_on",
	/* open exchanges past their due date (today) of the procedure's
	 * dossiers: index exchange_due reads the overdue ones only */
	[DSQL_MON_XOVERDUE] =
	    "SELECT COUNT(*) FROM exchange x JOIN dossier d ON d.id = "
	    "x.dossier_id WHERE x.open = 1 AND x.due_on < ? AND "
	    "d.procedure_id = ?",
	/* kept by the transaction that decides (pages.c): the clocks
	 * the decision stopped (on its day) and whether all were met */
	[DSQL_STAT_CLOCKS] =
	    "SELECT COUNT(*), COALESCE(MIN(met), 1) FROM dossier_clock "
	    "WHERE dossier_id = ? AND stopped_on = ?",
	[DSQL_STAT_DAY_ADD] =
	    "INSERT INTO dossier_stat_day (procedure_id, day, decisions, "
	    "with_deadline, within_deadline) VALUES (?, ?, 1, ?, ?) "
	    "ON DUPLICATE KEY UPDATE decisions = decisions + 1, "
	    "with_deadline = with_deadline + VALUES(with_deadline), "
	    "within_deadline = within_deadline + VALUES(within_deadline)",
	[DSQL_STAT_DURATION_ADD] =
	    "INSERT INTO dossier_stat_duration (procedure_id, month, days, "
	    "decisions) VALUES (?, DATE_FORMAT(?, '%Y-%m-01'), "
	    "GREATEST(0, DATEDIFF(?, ?)), 1) "
	    "ON DUPLICATE KEY UPDATE decisions = decisions + 1",

	/* break glass (case.c) */
	[DSQL_GLASS_VALID] =
	    "SELECT 1 FROM break_glass WHERE agent_id = ? AND dossier_id = ? "
	    "AND expires_at > UTC_TIMESTAMP(6) LIMIT 1",
	[DSQL_GLASS_ADD] =
	    "INSERT INTO break_glass (dossier_id, agent_id, actor, reason, at, "
	    "expires_at, request_id) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), "
	    "UTC_TIMESTAMP(6) + INTERVAL ? HOUR, ?)",

	/* work lists: mine (agent), unassigned, due within 7 or 30 days
	 * (today, today + N), overdue (today), paused, all */
	LIST(LIST_MINE, "d.assignee = ? AND d.closed = 0"),
	LIST(LIST_UNASSIGNED, "d.assignee IS NULL AND d.closed = 0"),
	LIST(LIST_DUE7, "d.closed = 0 AND d.next_due BETWEEN ? AND ?"),
	LIST(LIST_DUE30, "d.closed = 0 AND d.next_due BETWEEN ? AND ?"),
	LIST(LIST_OVERDUE, "d.closed = 0 AND d.next_due < ?"),
	LIST(LIST_PAUSED, "d.closed = 0 AND d.paused = 1"),
	/* an open exchange past its due date (today) */
	LIST(LIST_XOVERDUE, "d.closed = 0 AND d.exchange_due < ?"),
	LIST(LIST_ALL, "1 = 1"),
};

/*
 * sql.c: every statement of havre-identity, indexed by enum
 * identity_sql. Placeholders only; prepared once per worker connection.
 */
#include "config.h"

#include "identity.h"

/* The fingerprint of a person's identifying fields (person.h). */
#define FP(ph)	PERSON_FINGERPRINT(ph)

/* The appointments of a person: linked explicitly, or booked with the
 * number of one of its documents (as typed or normalised). */
#define APPTS_OF \
	"SELECT a.id, a.start_utc, a.status, a.reference, a.created_at " \
	"FROM appointment a WHERE a.id IN (SELECT pa.appointment_id FROM " \
	"person_appointment pa WHERE pa.person_id = ?) OR a.document_number " \
	"IN (SELECT d.number FROM person_document d WHERE d.person_id = ?) " \
	"OR a.document_number IN (SELECT d.number_norm FROM person_document " \
	"d WHERE d.person_id = ?)"

/* The subject-access export (export.c). EX_SUBJ: the person and every
 * record merged into it, at any depth (an export for a merged person
 * includes what was merged into it); EX_APPTS: their appointments, as
 * APPTS_OF; EX_DOS: their case files. Times are UTC. */
/* An id as the entity_id text of the audit tables (their collation). */
#define EX_IDTEXT(c)	"CAST(" c " AS CHAR) COLLATE utf8mb4_unicode_ci"
#define EX_T(c)	"DATE_FORMAT(" c ", '%Y-%m-%d %H:%i:%s')"
#define EX_D(c)	"DATE_FORMAT(" c ", '%Y-%m-%d')"
#define EX_SUBJ \
	"WITH RECURSIVE subj AS (SELECT id FROM person WHERE id = ? " \
	"UNION SELECT p.id FROM person p JOIN subj ON p.merged_into = " \
	"subj.id) "
#define EX_APPTS \
	", appts AS (SELECT a.* FROM appointment a WHERE a.id IN (SELECT " \
	"pa.appointment_id FROM person_appointment pa JOIN subj ON " \
	"subj.id = pa.person_id) OR a.document_number IN (SELECT d.number " \
	"FROM person_document d JOIN subj ON subj.id = d.person_id) OR " \
	"a.document_number IN (SELECT d.number_norm FROM person_document d " \
	"JOIN subj ON subj.id = d.person_id)) "
#define EX_DOS \
	", dos AS (SELECT dp.dossier_id FROM dossier_person dp JOIN subj " \
	"ON subj.id = dp.person_id) "
/* A table x of the subject's case files, with d the case file. */
#define EX_OF_DOS(table) \
	"FROM " table " x JOIN dossier d ON d.id = x.dossier_id WHERE " \
	"x.dossier_id IN (SELECT dossier_id FROM dos) "

const char *const identity_sqls[ISQL__MAX] = {
	/* persons.c. birth_precision is bound by name (unknown, year,
	 * month, day); person_load reads it back as its index (1..4). */
	[ISQL_PERSON_INSERT] =
	    "INSERT INTO person (family_name, given_names, family_name_latin, "
	    "given_names_latin, sex, birth_year, birth_month, birth_day, "
	    "birth_precision, birth_place, nationality, father_name, "
	    "mother_name, death_date, source, created_at, updated_at, version) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'havre', "
	    "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 1)",
	[ISQL_PERSON_LOCK] =
	    "SELECT version FROM person WHERE id = ? FOR UPDATE",
	/* Optimistic concurrency: 0 rows when the version moved on. */
	[ISQL_PERSON_UPDATE] =
	    "UPDATE person SET family_name = ?, given_names = ?, "
	    "family_name_latin = ?, given_names_latin = ?, sex = ?, "
	    "birth_year = ?, birth_month = ?, birth_day = ?, "
	    "birth_precision = ?, birth_place = ?, nationality = ?, "
	    "father_name = ?, mother_name = ?, death_date = ?, "
	    "updated_at = UTC_TIMESTAMP(6), "
	    "version = version + 1 WHERE id = ? AND version = ?",

	/* documents.c */
	[ISQL_DOCS_OF] =
	    "SELECT id, doc_type, number, number_norm, "
	    "COALESCE(issuing_country, ''), "
	    "COALESCE(DATE_FORMAT(expiry, '%Y-%m-%d'), ''), COALESCE(mrz, ''), "
	    "COALESCE(DATE_FORMAT(issued, '%Y-%m-%d'), '') "
	    "FROM person_document WHERE person_id = ? ORDER BY id LIMIT 50",
	[ISQL_DOC_INSERT] =
	    "INSERT INTO person_document (person_id, doc_type, number, "
	    "number_norm, issuing_country, expiry, mrz, issued, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))",
	[ISQL_DOC_GET] =
	    "SELECT doc_type, number, COALESCE(issuing_country, ''), "
	    "COALESCE(DATE_FORMAT(expiry, '%Y-%m-%d'), '') "
	    "FROM person_document WHERE id = ? AND person_id = ?",
	[ISQL_DOC_DELETE] =
	    "DELETE FROM person_document WHERE id = ? AND person_id = ?",
	[ISQL_PHONES_OF] =
	    "SELECT id, value FROM person_contact WHERE person_id = ? "
	    "AND kind = 'phone' ORDER BY id LIMIT 50",
	[ISQL_PHONE_INSERT] =
	    "INSERT INTO person_contact (person_id, kind, value, created_at) "
	    "VALUES (?, 'phone', ?, UTC_TIMESTAMP(6))",
	[ISQL_PHONE_GET] =
	    "SELECT value FROM person_contact WHERE id = ? AND person_id = ?",
	[ISQL_PHONE_DELETE] =
	    "DELETE FROM person_contact WHERE id = ? AND person_id = ?",
	[ISQL_PHOTO_GET] =
	    "SELECT file_id, mime, size FROM person_photo WHERE person_id = ?",
	[ISQL_PHOTO_SET] =
	    "REPLACE INTO person_photo (person_id, file_id, mime, size, "
	    "uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), ?)",

	/* dups.c: one row per pair, a < b */
	[ISQL_PAIR_GET] =
	    "SELECT id, status, reason, version FROM duplicate_pair "
	    "WHERE person_a = ? AND person_b = ?",
	[ISQL_PAIR_UPSERT] =
	    "INSERT INTO duplicate_pair (person_a, person_b, status, origin, "
	    "score, class, explanation, fingerprint_a, fingerprint_b, reason, "
	    "detected_at, decided_at, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    FP("?") ", " FP("?") ", ?, UTC_TIMESTAMP(6), "
	    "IF(? = 'pending', NULL, UTC_TIMESTAMP(6)), ?) "
	    "ON DUPLICATE KEY UPDATE status = VALUES(status), "
	    "origin = VALUES(origin), score = VALUES(score), "
	    "class = VALUES(class), explanation = VALUES(explanation), "
	    "fingerprint_a = VALUES(fingerprint_a), "
	    "fingerprint_b = VALUES(fingerprint_b), reason = VALUES(reason), "
	    "decided_at = VALUES(decided_at), decided_by = VALUES(decided_by), "
	    "version = version + 1",
	/* stale: a record changed in an identifying field since */
	[ISQL_PAIR_BY_ID] =
	    "SELECT dp.person_a, dp.person_b, dp.status, dp.origin, "
	    "CAST(dp.score * 100 AS SIGNED), dp.class, dp.explanation, "
	    "dp.reason, dp.version, "
	    "DATE_FORMAT(dp.detected_at, '%Y-%m-%d %H:%i:%s'), "
	    "COALESCE(DATE_FORMAT(dp.decided_at, '%Y-%m-%d %H:%i:%s'), ''), "
	    "(dp.fingerprint_a <> " FP("dp.person_a") " OR dp.fingerprint_b <> "
	    FP("dp.person_b") ") FROM duplicate_pair dp WHERE dp.id = ?",
	[ISQL_PAIR_DECIDE] =
	    "UPDATE duplicate_pair SET status = ?, reason = ?, decided_by = ?, "
	    "decided_at = UTC_TIMESTAMP(6), fingerprint_a = " FP("?") ", "
	    "fingerprint_b = " FP("?") ", version = version + 1 "
	    "WHERE id = ? AND version = ?",
	[ISQL_PAIR_QUEUE] =
	    "SELECT dp.id, dp.person_a, dp.person_b, dp.status, dp.origin, "
	    "CAST(dp.score * 100 AS SIGNED), dp.class, "
	    "DATE_FORMAT(dp.detected_at, '%Y-%m-%d %H:%i:%s'), "
	    "CONCAT(pa.family_name, ', ', pa.given_names), "
	    "CONCAT(pb.family_name, ', ', pb.given_names) "
	    "FROM duplicate_pair dp JOIN person pa ON pa.id = dp.person_a "
	    "JOIN person pb ON pb.id = dp.person_b "
	    "WHERE dp.status IN ('pending', 'same') AND pa.status = 'active' "
	    "AND pb.status = 'active' ORDER BY dp.score DESC, dp.id "
	    "LIMIT ? OFFSET ?",
	[ISQL_PAIR_QUEUE_COUNT] =
	    "SELECT COUNT(*) FROM duplicate_pair dp "
	    "JOIN person pa ON pa.id = dp.person_a "
	    "JOIN person pb ON pb.id = dp.person_b "
	    "WHERE dp.status IN ('pending', 'same') AND pa.status = 'active' "
	    "AND pb.status = 'active'",
	[ISQL_PAIR_CLOSE] =
	    "UPDATE duplicate_pair SET status = 'merged', "
	    "version = version + 1 WHERE person_a = ? AND person_b = ?",
	[ISQL_PAIR_REOPEN] =
	    "UPDATE duplicate_pair SET status = 'pending', "
	    "version = version + 1 WHERE person_a = ? AND person_b = ? "
	    "AND status = 'merged'",

	/* family.c */
	[ISQL_LINKS_OF] =
	    "SELECT l.id, l.relative_id, l.relation, p.family_name, "
	    "p.given_names, p.birth_year, p.birth_month, p.birth_day, "
	    "p.birth_precision + 0, "
	    "COALESCE(DATE_FORMAT(p.death_date, '%Y-%m-%d'), ''), "
	    "COALESCE(p.nationality, ''), p.status, COALESCE(p.sex, '') "
	    "FROM person_link l JOIN person p ON p.id = l.relative_id "
	    "WHERE l.person_id = ? ORDER BY FIELD(l.relation, 'spouse', "
	    "'parent', 'child', 'sibling'), p.birth_year, l.id LIMIT 100",
	[ISQL_LINK_INSERT] =
	    "INSERT INTO person_link (person_id, relative_id, relation, "
	    "created_at, created_by) VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?)",
	[ISQL_LINK_GET] =
	    "SELECT relative_id, relation FROM person_link "
	    "WHERE id = ? AND person_id = ?",
	[ISQL_LINK_DELETE] =
	    "DELETE FROM person_link WHERE person_id = ? AND relative_id = ? "
	    "AND relation = ?",
	[ISQL_WARNING_INSERT] =
	    "INSERT INTO person_warning (person_id, code, detail, "
	    "acknowledged_by, acknowledged_at) "
	    "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))",
	[ISQL_WARNINGS_OF] =
	    "SELECT w.code, w.detail, "
	    "DATE_FORMAT(w.acknowledged_at, '%Y-%m-%d %H:%i:%s'), "
	    "COALESCE(a.username, '') FROM person_warning w "
	    "LEFT JOIN agent a ON a.id = w.acknowledged_by "
	    "WHERE w.person_id = ? ORDER BY w.id DESC LIMIT 50",

	/* merge.c */
	[ISQL_MERGE_INSERT] =
	    "INSERT INTO person_merge (survivor_id, merged_id, pair_id, "
	    "survivor_version, merged_at, merged_by) "
	    "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), ?)",
	[ISQL_MERGE_GET] =
	    "SELECT survivor_id, merged_id, status, survivor_version, "
	    "DATE_FORMAT(merged_at, '%Y-%m-%d %H:%i:%s'), version, "
	    "COALESCE(DATE_FORMAT(undone_at, '%Y-%m-%d %H:%i:%s'), '') "
	    "FROM person_merge WHERE id = ? FOR UPDATE",
	[ISQL_MERGE_SNAPSHOT] =
	    "INSERT INTO person_merge_snapshot (merge_id, family_name, "
	    "given_names, family_name_latin, given_names_latin, sex, "
	    "birth_year, birth_month, birth_day, birth_precision, death_date, "
	    "birth_place, nationality, father_name, mother_name) "
	    "SELECT ?, family_name, given_names, family_name_latin, "
	    "given_names_latin, sex, birth_year, birth_month, birth_day, "
	    "birth_precision, death_date, birth_place, nationality, "
	    "father_name, mother_name FROM person WHERE id = ?",
	[ISQL_MERGE_RESTORE] =
	    "UPDATE person p JOIN person_merge_snapshot s ON s.merge_id = ? "
	    "SET p.family_name = s.family_name, p.given_names = s.given_names, "
	    "p.family_name_latin = s.family_name_latin, "
	    "p.given_names_latin = s.given_names_latin, p.sex = s.sex, "
	    "p.birth_year = s.birth_year, p.birth_month = s.birth_month, "
	    "p.birth_day = s.birth_day, p.birth_precision = s.birth_precision, "
	    "p.death_date = s.death_date, p.birth_place = s.birth_place, "
	    "p.nationality = s.nationality, p.father_name = s.father_name, "
	    "p.mother_name = s.mother_name, "
	    "p.updated_at = UTC_TIMESTAMP(6), p.version = p.version + 1 "
	    "WHERE p.id = ?",
	[ISQL_MERGE_UNDONE] =
	    "UPDATE person_merge SET status = 'undone', "
	    "undone_at = UTC_TIMESTAMP(6), undone_by = ?, "
	    "version = version + 1 WHERE id = ? AND version = ? "
	    "AND status = 'done'",
	[ISQL_MERGES_OF] =
	    "SELECT id, survivor_id, merged_id, status, "
	    "DATE_FORMAT(merged_at, '%Y-%m-%d %H:%i:%s') FROM person_merge "
	    "WHERE survivor_id = ? OR merged_id = ? ORDER BY id DESC LIMIT 50",
	[ISQL_MERGE_SET_MERGED] =
	    "UPDATE person SET status = 'merged', merged_into = ?, "
	    "updated_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND version = ? AND status = 'active'",
	[ISQL_MERGE_SET_ACTIVE] =
	    "UPDATE person SET status = 'active', merged_into = NULL, "
	    "updated_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND status = 'merged'",
	[ISQL_MOVE_INSERT] =
	    "INSERT INTO person_merge_move (merge_id, table_name, "
	    "column_name, row_id, from_id, to_id) VALUES (?, ?, ?, ?, ?, ?)",
	[ISQL_MOVES_OF] =
	    "SELECT table_name, column_name, row_id, from_id, to_id "
	    "FROM person_merge_move WHERE merge_id = ? ORDER BY id DESC",
	/* What can move: not what the survivor already has (the unique
	 * keys), nor a link between the two records themselves. */
	[ISQL_MOVE_DOCS] =
	    "SELECT d.id FROM person_document d WHERE d.person_id = ? AND "
	    "NOT EXISTS (SELECT 1 FROM person_document s WHERE "
	    "s.person_id = ? AND s.doc_type = d.doc_type AND "
	    "s.number_norm = d.number_norm) ORDER BY d.id",
	[ISQL_MOVE_CONTACTS] =
	    "SELECT c.id FROM person_contact c WHERE c.person_id = ? AND "
	    "NOT EXISTS (SELECT 1 FROM person_contact s WHERE "
	    "s.person_id = ? AND s.kind = c.kind AND s.value = c.value) "
	    "ORDER BY c.id",
	[ISQL_MOVE_LINKS_OWN] =
	    "SELECT l.id FROM person_link l WHERE l.person_id = ? AND "
	    "l.relative_id <> ? AND NOT EXISTS (SELECT 1 FROM person_link s "
	    "WHERE s.person_id = ? AND s.relative_id = l.relative_id AND "
	    "s.relation = l.relation) ORDER BY l.id",
	[ISQL_MOVE_LINKS_REL] =
	    "SELECT l.id FROM person_link l WHERE l.relative_id = ? AND "
	    "l.person_id <> ? AND NOT EXISTS (SELECT 1 FROM person_link s "
	    "WHERE s.relative_id = ? AND s.person_id = l.person_id AND "
	    "s.relation = l.relation) ORDER BY l.id",
	[ISQL_MOVE_APPTS] =
	    "SELECT appointment_id FROM person_appointment "
	    "WHERE person_id = ? ORDER BY appointment_id",
	[ISQL_SET_DOC] =
	    "UPDATE person_document SET person_id = ? "
	    "WHERE id = ? AND person_id = ?",
	[ISQL_SET_CONTACT] =
	    "UPDATE person_contact SET person_id = ? "
	    "WHERE id = ? AND person_id = ?",
	[ISQL_SET_LINK_OWN] =
	    "UPDATE person_link SET person_id = ? "
	    "WHERE id = ? AND person_id = ?",
	[ISQL_SET_LINK_REL] =
	    "UPDATE person_link SET relative_id = ? "
	    "WHERE id = ? AND relative_id = ?",
	[ISQL_SET_APPT] =
	    "UPDATE person_appointment SET person_id = ? "
	    "WHERE appointment_id = ? AND person_id = ?",
	[ISQL_PERSON_LOCK2] =
	    "SELECT id, version, status, COALESCE(merged_into, 0) FROM person "
	    "WHERE id IN (?, ?) ORDER BY id FOR UPDATE",

	/* timeline.c: record changes (audit), appointments (booked, then
	 * their time) and visit events, newest first. Dossiers and
	 * civil-status acts join here when their tables exist. */
	[ISQL_TIMELINE] =
	    "WITH appts AS (" APPTS_OF ") "
	    "SELECT 'change', DATE_FORMAT(e.at, '%Y-%m-%d %H:%i:%s') AS t, "
	    "e.seq, e.action, e.actor FROM audit_event e "
	    "WHERE e.entity = 'person' AND e.entity_id = ? "
	    "UNION ALL SELECT 'booked', "
	    "DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), id, status, "
	    "reference FROM appts "
	    "UNION ALL SELECT 'appointment', "
	    "DATE_FORMAT(start_utc, '%Y-%m-%d %H:%i:%s'), id, status, "
	    "reference FROM appts "
	    "UNION ALL SELECT 'visit', "
	    "DATE_FORMAT(ve.at, '%Y-%m-%d %H:%i:%s'), ve.appointment_id, "
	    "ve.kind, COALESCE(ve.outcome, '') FROM visit_event ve "
	    "JOIN appts ON appts.id = ve.appointment_id "
	    /* the events of the person's dossiers (havre-dossier), except
	     * sealed ones, which open only for their officers */
	    "UNION ALL SELECT 'dossier', "
	    "DATE_FORMAT(de.at, '%Y-%m-%d %H:%i:%s'), de.dossier_id, de.kind, "
	    "CONCAT(d.reference, ' ', COALESCE(de.to_status, '')) "
	    "FROM dossier_event de JOIN dossier_person dp ON "
	    "dp.dossier_id = de.dossier_id JOIN dossier d ON d.id = "
	    "de.dossier_id WHERE dp.person_id = ? AND d.sealed = 0 "
	    "ORDER BY 2 DESC, 1 LIMIT 300",

	/* export.c: one statement per section, columns as its table
	 * says; at most EXPORT_ROWS_MAX rows each */
	[ISQL_EX_PERSON] =
	    EX_SUBJ "SELECT 0, id, family_name, given_names, "
	    "family_name_latin, given_names_latin, sex, birth_precision, "
	    "CONCAT(LPAD(birth_year, 4, '0'), '-', LPAD(birth_month, 2, '0'), "
	    "'-', LPAD(birth_day, 2, '0')), birth_place, nationality, "
	    "father_name, mother_name, " EX_D("death_date") ", status, "
	    "merged_into, source, source_id, " EX_T("created_at") ", "
	    EX_T("updated_at") " FROM person WHERE id IN (SELECT id FROM subj) "
	    "ORDER BY id LIMIT 20000",
	[ISQL_EX_HISTORY] =
	    EX_SUBJ "SELECT 0, e.seq, e.entity_id, " EX_T("e.at") ", e.actor, "
	    "e.action, e.changes FROM audit_event e WHERE e.entity = 'person' "
	    "AND e.entity_id IN (SELECT " EX_IDTEXT("id") " FROM subj) "
	    "ORDER BY e.seq LIMIT 20000",
	[ISQL_EX_DOCUMENTS] =
	    EX_SUBJ "SELECT 0, d.person_id, d.doc_type, d.number, "
	    "d.issuing_country, " EX_D("d.issued") ", " EX_D("d.expiry") ", "
	    "d.mrz, " EX_T("d.created_at") " FROM person_document d JOIN subj "
	    "ON subj.id = d.person_id ORDER BY d.id LIMIT 20000",
	[ISQL_EX_PHOTO] =
	    EX_SUBJ "SELECT 0, ph.person_id, ph.mime, ph.size, "
	    EX_T("ph.uploaded_at") " FROM person_photo ph JOIN subj ON "
	    "subj.id = ph.person_id ORDER BY ph.person_id LIMIT 20000",
	[ISQL_EX_CONTACTS] =
	    EX_SUBJ "SELECT 0, c.person_id, c.kind, c.value, "
	    EX_T("c.created_at") " FROM person_contact c JOIN subj ON "
	    "subj.id = c.person_id ORDER BY c.id LIMIT 20000",
	[ISQL_EX_FAMILY] =
	    EX_SUBJ "SELECT 0, l.person_id, l.relation, l.relative_id, "
	    "r.family_name, r.given_names, " EX_T("l.created_at") " FROM "
	    "person_link l JOIN subj ON subj.id = l.person_id JOIN person r ON "
	    "r.id = l.relative_id ORDER BY l.id LIMIT 20000",
	/* newest first: the first row's language is the person's */
	[ISQL_EX_APPOINTMENTS] =
	    EX_SUBJ EX_APPTS "SELECT 0, a.reference, a.channel, s.code, "
	    "v.code, " EX_T("a.start_utc") ", a.status, a.family_name, "
	    "a.given_names, a.phone, a.document_number, a.lang, a.notes, "
	    EX_T("a.created_at") ", " EX_T("a.cancelled_at") ", "
	    EX_T("a.contact_purged_at") " FROM appts a JOIN site s ON s.id = "
	    "a.site_id JOIN service v ON v.id = a.service_id "
	    "ORDER BY a.created_at DESC, a.id DESC LIMIT 20000",
	[ISQL_EX_VISITS] =
	    EX_SUBJ EX_APPTS "SELECT 0, a.reference, ve.kind, ve.outcome, "
	    EX_T("ve.at") " FROM visit_event ve JOIN appts a ON a.id = "
	    "ve.appointment_id ORDER BY ve.at, ve.id LIMIT 20000",
	/* messages about their appointments or case files, or sent to
	 * one of their phones */
	[ISQL_EX_SMS] =
	    EX_SUBJ EX_APPTS EX_DOS "SELECT 0, " EX_T("m.created_at") ", "
	    "m.channel, m.to_addr, m.lang, m.event, m.status, m.body, "
	    EX_T("m.sent_at") ", " EX_T("m.delivered_at") " FROM "
	    "outbox_message m WHERE (m.entity = 'appointment' AND m.entity_id "
	    "IN (SELECT id FROM appts)) OR (m.entity = 'dossier' AND "
	    "m.entity_id IN (SELECT dossier_id FROM dos)) OR m.to_addr IN "
	    "(SELECT c.value FROM person_contact c JOIN subj ON subj.id = "
	    "c.person_id) ORDER BY m.id LIMIT 20000",
	[ISQL_EX_DOSSIERS] =
	    EX_SUBJ "SELECT d.closed = 0, dp.person_id, d.reference, p.code, "
	    "d.status, dp.role, dp.relation, " EX_D("d.lodged_on") ", "
	    EX_D("d.decided_on") ", d.closed, d.sealed FROM dossier_person dp "
	    "JOIN subj ON subj.id = dp.person_id JOIN dossier d ON d.id = "
	    "dp.dossier_id JOIN wf_procedure p ON p.id = d.procedure_id "
	    "ORDER BY d.id, dp.person_id LIMIT 20000",
	[ISQL_EX_DOSSIER_EVENTS] =
	    EX_SUBJ EX_DOS "SELECT d.closed = 0, d.reference, " EX_T("x.at")
	    ", x.actor, x.kind, x.from_status, x.to_status, x.detail "
	    EX_OF_DOS("dossier_event") "ORDER BY x.at, x.id LIMIT 20000",
	[ISQL_EX_DECISIONS] =
	    EX_SUBJ EX_DOS "SELECT d.closed = 0, d.reference, x.outcome, "
	    "x.final, x.text, x.actor, " EX_T("x.created_at") " "
	    EX_OF_DOS("dossier_decision") "ORDER BY x.id LIMIT 20000",
	[ISQL_EX_DOSSIER_DOCUMENTS] =
	    EX_SUBJ EX_DOS "SELECT d.closed = 0, d.reference, x.title, "
	    "x.filename, " EX_T("x.created_at") " "
	    EX_OF_DOS("dossier_document") "ORDER BY x.id LIMIT 20000",
	/* the body is sealed (Paths.Var/keys/notes.key): export.c opens it */
	[ISQL_EX_NOTES] =
	    EX_SUBJ EX_DOS "SELECT d.closed = 0, d.reference, x.actor, "
	    EX_T("x.created_at") ", x.body " EX_OF_DOS("dossier_note")
	    "ORDER BY x.id LIMIT 20000",
	/* who received data about them: services and partners asked */
	[ISQL_EX_EXCHANGES] =
	    EX_SUBJ EX_DOS "SELECT d.closed = 0, d.reference, x.type, "
	    "IF(x.service_id IS NULL, 'partner', 'service'), "
	    "COALESCE(s.name, k.name), x.legal_basis, x.question, "
	    EX_T("x.sent_at") ", x.sent_actor, " EX_D("x.due_on") ", "
	    "x.status, " EX_T("x.answered_at") ", x.answer FROM exchange x "
	    "JOIN dossier d ON d.id = x.dossier_id LEFT JOIN exchange_service "
	    "s ON s.id = x.service_id LEFT JOIN api_key k ON k.id = "
	    "x.partner_key_id WHERE x.dossier_id IN (SELECT dossier_id FROM "
	    "dos) ORDER BY x.id LIMIT 20000",
	[ISQL_EX_CIVIL_ACTS] =
	    EX_SUBJ "SELECT 0, c.person_id, c.kind, c.status, c.act_version, "
	    EX_T("c.requested_at") ", " EX_T("c.established_at") ", "
	    "d.reference FROM civil_act c JOIN subj ON subj.id = c.person_id "
	    "LEFT JOIN dossier d ON d.id = c.dossier_id ORDER BY c.id "
	    "LIMIT 20000",
	[ISQL_EX_ISSUED] =
	    EX_SUBJ "SELECT 0, i.person_id, i.serial, i.doc_type, i.lang, "
	    EX_T("i.issued_at") ", " EX_D("i.valid_until") ", "
	    EX_T("i.revoked_at") ", i.revoke_reason FROM issued_document i "
	    "JOIN subj ON subj.id = i.person_id ORDER BY i.id LIMIT 20000",
	/* who read their record or their case files, when, why */
	[ISQL_EX_ACCESS] =
	    EX_SUBJ EX_DOS "SELECT 0, " EX_T("e.at") ", e.actor, e.entity, "
	    "e.entity_id, e.reason FROM access_event e WHERE (e.entity = "
	    "'person' AND e.entity_id IN (SELECT " EX_IDTEXT("id") " FROM "
	    "subj)) OR (e.entity = 'dossier' AND e.entity_id IN (SELECT "
	    EX_IDTEXT("dossier_id") " FROM dos)) ORDER BY e.at, e.id "
	    "LIMIT 20000",
	[ISQL_EX_WITHHOLD] =
	    "SELECT category, scope, legal_source FROM subject_access_withhold "
	    "WHERE enabled = 1 ORDER BY category",
};

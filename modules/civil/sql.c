/*
 * sql.c: every statement of havre-civil, indexed by enum civil_sql.
 * Placeholders only; prepared once per worker connection. Times travel
 * as UTC text.
 */
#include "config.h"

#include "civil.h"

#define UTC(x) "DATE_FORMAT(" x ", '%Y-%m-%d %H:%i:%s')"
#define AGENT_NAME(a) "COALESCE(NULLIF(" a ".display_name, ''), " a \
	".username, '')"
#define ACT_COLUMNS \
	"a.id, a.kind, a.person_id, COALESCE(a.dossier_id, 0), " \
	"a.procedure_version_id, a.status, a.act_version, " \
	"COALESCE(a.officer_id, 0), COALESCE(a.submitted_by, 0), " \
	UTC("a.requested_at") ", COALESCE(" UTC("a.established_at") ", ''), " \
	"COALESCE(a.amend_reason, ''), a.version"

/* An issued document's status as the lists show it: revoked, expired
 * (its last valid day is past, UTC) or valid. */
#define DOC_STATUS \
	"CASE WHEN d.revoked_at IS NOT NULL THEN 'revoked' " \
	"WHEN d.valid_until IS NOT NULL AND d.valid_until < UTC_DATE() " \
	"THEN 'expired' ELSE 'valid' END"
#define DOC_LIST_COLUMNS \
	"d.id, d.serial, d.doc_type, " UTC("d.issued_at") ", " \
	"COALESCE(DATE_FORMAT(d.valid_until, '%Y-%m-%d'), ''), " \
	DOC_STATUS ", COALESCE(d.act_id, 0), d.lang"
#define DOC_COLUMNS \
	DOC_LIST_COLUMNS ", d.person_id, COALESCE(d.act_version, 0), " \
	"d.key_id, d.pdf_file IS NOT NULL, " \
	"COALESCE(" AGENT_NAME("i") ", ''), " \
	"COALESCE(" UTC("d.revoked_at") ", ''), " \
	"COALESCE(" AGENT_NAME("v") ", ''), COALESCE(d.revoke_reason, ''), " \
	"COALESCE(d.replaced_by, 0), COALESCE(n.serial, ''), " \
	"COALESCE(o.id, 0), COALESCE(o.serial, ''), d.payload, " \
	"COALESCE(DATE_FORMAT(d.valid_until, '%Y-%m-%d'), '')"

const char *const civil_sqls[CSQL__MAX] = {
	[CSQL_PROC_CURRENT] =
	    "SELECT v.id FROM wf_procedure p JOIN wf_procedure_version v "
	    "ON v.procedure_id = p.id AND v.number = p.current_version "
	    "WHERE p.code = 'civil_act' AND p.kind = 'civil'",
	[CSQL_ACT_INSERT] =
	    "INSERT INTO civil_act (kind, person_id, dossier_id, "
	    "procedure_version_id, status, requested_at, requested_by, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6), ?, "
	    "UTC_TIMESTAMP(6))",
	[CSQL_ACT_GET] =
	    "SELECT " ACT_COLUMNS " FROM civil_act a WHERE a.id = ?",
	[CSQL_ACT_LOCK] =
	    "SELECT " ACT_COLUMNS " FROM civil_act a WHERE a.id = ? "
	    "FOR UPDATE",
	[CSQL_ACT_STATUS] =
	    "UPDATE civil_act SET status = ?, version = version + 1, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[CSQL_ACT_OFFICER] =
	    "UPDATE civil_act SET officer_id = COALESCE(officer_id, ?), "
	    "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ?",
	[CSQL_ACT_SUBMIT] =
	    "UPDATE civil_act SET status = ?, submitted_by = ?, "
	    "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ?",
	[CSQL_ACT_ESTABLISH] =
	    "UPDATE civil_act SET status = ?, amend_reason = NULL, "
	    "established_at = COALESCE(established_at, UTC_TIMESTAMP(6)), "
	    "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ?",
	[CSQL_ACT_AMEND] =
	    "UPDATE civil_act SET status = ?, act_version = act_version + 1, "
	    "amend_reason = ?, submitted_by = NULL, version = version + 1, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[CSQL_ACT_LIST] =
	    "SELECT a.id, a.kind, a.status, a.act_version, "
	    UTC("a.requested_at") ", p.family_name, p.given_names, "
	    "COALESCE(p.family_name_latin, ''), "
	    "COALESCE(" AGENT_NAME("o") ", '') FROM civil_act a "
	    "JOIN person p ON p.id = a.person_id "
	    "LEFT JOIN agent o ON o.id = a.officer_id "
	    "WHERE (? = '' OR a.status = ?) AND (? = 0 OR a.person_id = ?) "
	    "ORDER BY a.requested_at DESC, a.id DESC LIMIT 200",
	[CSQL_PERSON_NAME] =
	    "SELECT family_name, given_names, "
	    "COALESCE(family_name_latin, ''), COALESCE(given_names_latin, '') "
	    "FROM person WHERE id = ? AND status = 'active'",
	[CSQL_DOSSIER_PRINCIPAL] =
	    "SELECT person_id FROM dossier_person WHERE dossier_id = ? "
	    "AND role = 'principal' LIMIT 1",

	/* sources */
	[CSQL_SOURCE_INSERT] =
	    "INSERT INTO civil_source (act_id, kind, title, file_id, pages, "
	    "declarant, statement, created_at, created_by) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), ?)",
	[CSQL_SOURCE_PAGES] =
	    "UPDATE civil_source SET pages = ? WHERE id = ?",
	[CSQL_SOURCES] =
	    "SELECT s.id, s.kind, s.title, s.pages, COALESCE(s.declarant, ''), "
	    "COALESCE(s.statement, ''), " UTC("s.created_at") " "
	    "FROM civil_source s WHERE s.act_id = ? ORDER BY s.id LIMIT 50",
	[CSQL_SOURCE_GET] =
	    "SELECT id, kind, pages FROM civil_source WHERE id = ? "
	    "AND act_id = ?",
	[CSQL_PAGE_INSERT] =
	    "INSERT INTO civil_source_page (source_id, page, file_id) "
	    "VALUES (?, ?, ?)",
	[CSQL_PAGE_GET] =
	    "SELECT p.file_id, f.mime, f.blake2b, f.size FROM civil_source_page p "
	    "JOIN civil_source s ON s.id = p.source_id "
	    "JOIN stored_file f ON f.id = p.file_id "
	    "WHERE p.source_id = ? AND s.act_id = ? AND p.page = ?",
	[CSQL_PAGES_OF] =
	    "SELECT p.source_id, p.page FROM civil_source_page p "
	    "JOIN civil_source s ON s.id = p.source_id WHERE s.act_id = ? "
	    "ORDER BY p.source_id, p.page LIMIT 1000",

	/* values read in the sources, chosen values */
	[CSQL_FOUND_INSERT] =
	    "INSERT INTO civil_found (act_id, field, source_id, page, rect, "
	    "value, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6), ?)",
	[CSQL_FOUND_OF] =
	    "SELECT f.field, f.source_id, s.title, COALESCE(f.page, 0), "
	    "COALESCE(f.rect, ''), f.value FROM civil_found f "
	    "JOIN civil_source s ON s.id = f.source_id WHERE f.act_id = ? "
	    "ORDER BY f.field, f.id LIMIT 1000",
	[CSQL_FIELD_SET] =
	    "INSERT INTO civil_field (act_id, field, value, value_latin, "
	    "source_id, page, rect, reason, chosen_at, chosen_by) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), ?) "
	    "ON DUPLICATE KEY UPDATE value = VALUES(value), "
	    "value_latin = VALUES(value_latin), source_id = VALUES(source_id), "
	    "page = VALUES(page), rect = VALUES(rect), "
	    "reason = VALUES(reason), chosen_at = VALUES(chosen_at), "
	    "chosen_by = VALUES(chosen_by)",
	[CSQL_FIELDS_OF] =
	    "SELECT f.field, f.value, COALESCE(f.value_latin, ''), "
	    "f.source_id, s.title, COALESCE(f.page, 0), COALESCE(f.rect, ''), "
	    "COALESCE(f.reason, ''), COALESCE(" AGENT_NAME("g") ", ''), "
	    UTC("f.chosen_at") " FROM civil_field f "
	    "JOIN civil_source s ON s.id = f.source_id "
	    "LEFT JOIN agent g ON g.id = f.chosen_by WHERE f.act_id = ? "
	    "ORDER BY f.field LIMIT 100",
	/* Did agent draft the act's current version (chose one of its
	 * values)? */
	[CSQL_DRAFTED_BY] =
	    "SELECT COUNT(*) FROM civil_field WHERE act_id = ? "
	    "AND chosen_by = ?",

	/* established versions, reviews, mentions */
	[CSQL_VERSION_INSERT] =
	    "INSERT INTO civil_act_version (act_id, number, fields, "
	    "amend_reason, established_at, established_by, drafted_by) "
	    "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), ?, ?)",
	[CSQL_VERSIONS_OF] =
	    "SELECT v.number, v.fields, COALESCE(v.amend_reason, ''), "
	    UTC("v.established_at") ", COALESCE(" AGENT_NAME("e") ", '') "
	    "FROM civil_act_version v LEFT JOIN agent e ON "
	    "e.id = v.established_by WHERE v.act_id = ? ORDER BY v.number DESC "
	    "LIMIT 50",
	[CSQL_REVIEW_INSERT] =
	    "INSERT INTO civil_review (act_id, act_version, decision, "
	    "reviewer, at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))",
	[CSQL_COMMENT_INSERT] =
	    "INSERT INTO civil_review_comment (review_id, field, comment) "
	    "VALUES (?, ?, ?)",
	[CSQL_REVIEWS_OF] =
	    "SELECT r.id, r.act_version, r.decision, " UTC("r.at") ", "
	    "COALESCE(" AGENT_NAME("g") ", '') FROM civil_review r "
	    "LEFT JOIN agent g ON g.id = r.reviewer WHERE r.act_id = ? "
	    "ORDER BY r.id DESC LIMIT 50",
	[CSQL_COMMENTS_OF] =
	    "SELECT c.review_id, c.field, c.comment FROM civil_review_comment c "
	    "JOIN civil_review r ON r.id = c.review_id WHERE r.act_id = ? "
	    "ORDER BY c.review_id DESC, c.field LIMIT 500",
	[CSQL_MENTION_INSERT] =
	    "INSERT INTO civil_mention (act_id, kind, on_date, text, "
	    "created_at, created_by) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), ?)",
	[CSQL_MENTIONS_OF] =
	    "SELECT kind, DATE_FORMAT(on_date, '%Y-%m-%d'), text "
	    "FROM civil_mention WHERE act_id = ? ORDER BY on_date, id LIMIT 100",

	/* the backlog */
	[CSQL_BL_STATUS] =
	    "SELECT status, COUNT(*) FROM civil_act GROUP BY status",
	[CSQL_BL_OFFICER] =
	    "SELECT COALESCE(" AGENT_NAME("o") ", ''), COUNT(*) "
	    "FROM civil_act a LEFT JOIN agent o ON o.id = a.officer_id "
	    "WHERE a.status <> 'established' GROUP BY a.officer_id "
	    "ORDER BY COUNT(*) DESC LIMIT 50",
	/* Open requests (not established) by days since the request. */
	[CSQL_BL_AGES] =
	    "SELECT DATEDIFF(UTC_TIMESTAMP(), requested_at) FROM civil_act "
	    "WHERE status <> 'established' LIMIT 100000",
	/* Days from request to first establishment, sorted. */
	[CSQL_BL_DURATIONS] =
	    "SELECT DATEDIFF(established_at, requested_at) AS d FROM civil_act "
	    "WHERE established_at IS NOT NULL ORDER BY d LIMIT 100000",

	/* documents issued (issue.c) */
	/* The key that signs now: the newest valid at this time and not
	 * retired (docs/certificates.md, rotation). */
	[CSQL_KEY_CURRENT] =
	    "SELECT id, public_key, " UTC("valid_from") ", "
	    "COALESCE(" UTC("valid_until") ", '') FROM signing_key "
	    "WHERE retired_at IS NULL AND valid_from <= UTC_TIMESTAMP(6) "
	    "AND (valid_until IS NULL OR valid_until > UTC_TIMESTAMP(6)) "
	    "ORDER BY valid_from DESC, id DESC LIMIT 1",
	[CSQL_DOC_BY_KEY] =
	    "SELECT id FROM issued_document WHERE request_key = ?",
	[CSQL_DOC_INSERT] =
	    "INSERT INTO issued_document (serial, doc_type, person_id, "
	    "act_id, act_version, lang, payload, key_id, pdf_file, issued_at, "
	    "issued_by, valid_until, request_key) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[CSQL_DOC_GET] =
	    "SELECT " DOC_COLUMNS " FROM issued_document d "
	    "LEFT JOIN agent i ON i.id = d.issued_by "
	    "LEFT JOIN agent v ON v.id = d.revoked_by "
	    "LEFT JOIN issued_document n ON n.id = d.replaced_by "
	    "LEFT JOIN issued_document o ON o.replaced_by = d.id "
	    "WHERE d.id = ?",
	[CSQL_DOC_LOCK] =
	    "SELECT d.id, d.revoked_at IS NOT NULL, COALESCE(d.replaced_by, 0) "
	    "FROM issued_document d WHERE d.id = ? FOR UPDATE",
	[CSQL_DOC_REVOKE] =
	    "UPDATE issued_document SET revoked_at = UTC_TIMESTAMP(6), "
	    "revoked_by = ?, revoke_reason = ?, replaced_by = ?, "
	    "version = version + 1 WHERE id = ? AND revoked_at IS NULL",
	[CSQL_DOC_PDF] =
	    "SELECT pdf_file, CONCAT(REPLACE(serial, '-', ''), '.pdf') "
	    "FROM issued_document WHERE id = ? AND pdf_file IS NOT NULL",
	[CSQL_DOCS_OF_PERSON] =
	    "SELECT " DOC_LIST_COLUMNS " FROM issued_document d "
	    "WHERE d.person_id = ? ORDER BY d.issued_at DESC, d.id DESC "
	    "LIMIT 200",
	[CSQL_DOCS_OF_ACT] =
	    "SELECT " DOC_LIST_COLUMNS " FROM issued_document d "
	    "WHERE d.act_id = ? ORDER BY d.issued_at DESC, d.id DESC "
	    "LIMIT 200",
	/* The act's latest established version: what a copy shows. */
	[CSQL_ACT_LAST_VERSION] =
	    "SELECT number, fields, " UTC("established_at") " "
	    "FROM civil_act_version WHERE act_id = ? ORDER BY number DESC "
	    "LIMIT 1",
	/* A person's facts for an attestation's payload and page. */
	[CSQL_PERSON_FACTS] =
	    "SELECT family_name, given_names, family_name_latin, "
	    "given_names_latin, birth_year, birth_month, birth_day, "
	    "birth_precision, COALESCE(nationality, ''), birth_place "
	    "FROM person WHERE id = ? AND status = 'active'",
};

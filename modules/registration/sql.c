/*
 * sql.c: every statement of havre-registration, indexed by enum
 * reg_sql (registration.h). Placeholders only; prepared once per worker
 * connection. Dates travel as "YYYY-MM-DD" text.
 */
#include "config.h"

#include "booking.h"
#include "registration.h"

#define DAY(x) "DATE_FORMAT(" x ", '%Y-%m-%d')"
#define UTC(x) "DATE_FORMAT(" x ", '%Y-%m-%d %H:%i:%s')"

const char *const reg_sqls[RSQL__MAX] = {
	/* the agent's draft: one open at a time (draft.c) */
	[RSQL_DRAFT_OPEN] =
	    "SELECT id FROM registration_draft WHERE agent_id = ? "
	    "AND status = 'open' ORDER BY id DESC LIMIT 1",
	[RSQL_DRAFT_INSERT] =
	    "INSERT INTO registration_draft (agent_id, status, lodged_on, "
	    "visit_id, pre_family, pre_given, pre_phone, pre_document, "
	    "pre_lang, created_at, updated_at) VALUES (?, 'open', ?, ?, ?, ?, "
	    "?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
	[RSQL_DRAFT_TOUCH] =
	    "UPDATE registration_draft SET updated_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ?",
	/* drafts left longer than Registration.DraftDays (members go
	 * with them: ON DELETE CASCADE) */
	[RSQL_DRAFT_PURGE] =
	    "DELETE FROM registration_draft WHERE status = 'open' "
	    "AND updated_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY",
	[RSQL_DRAFT_LOCK] =
	    "SELECT status, COALESCE(dossier_id, 0) FROM registration_draft "
	    "WHERE id = ? AND agent_id = ? FOR UPDATE",
	[RSQL_DRAFT_SAVED] =
	    "UPDATE registration_draft SET status = 'saved', dossier_id = ?, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[RSQL_DRAFT_GET] =
	    "SELECT id, status, " DAY("lodged_on") ", COALESCE(dossier_id, 0), "
	    "COALESCE(visit_id, 0), pre_family, pre_given, pre_phone, "
	    "pre_document, pre_lang "
	    "FROM registration_draft WHERE id = ? AND agent_id = ?",
	[RSQL_MEMBERS] =
	    "SELECT id, position, relation, family_name, given_names, "
	    "family_latin, given_latin, sex, birth, nationality, "
	    "languages, interpreter, phone, address, doc_type, "
	    "doc_number, doc_country, doc_issued, doc_expiry, mrz, "
	    "needs, leaflet, leaflet_lang, consent, decision, "
	    "COALESCE(link_person_id, 0), seen, COALESCE(photo_file, ''), "
	    "check_hash, "
	    "COALESCE(DATE_FORMAT(check_at, '%Y-%m-%d %H:%i:%s.%f'), '') "
	    "FROM registration_member "
	    "WHERE draft_id = ? ORDER BY position LIMIT 12",
	[RSQL_MEMBER_UPSERT] =
	    "INSERT INTO registration_member (draft_id, position, "
	    "relation, family_name, given_names, family_latin, "
	    "given_latin, sex, birth, nationality, languages, "
	    "interpreter, phone, address, doc_type, doc_number, "
	    "doc_country, doc_issued, doc_expiry, mrz, needs, leaflet, "
	    "leaflet_lang, consent, decision, link_person_id, seen, "
	    "check_hash, check_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6)) "
	    "ON DUPLICATE KEY UPDATE "
	    "relation = VALUES(relation), family_name = "
	    "VALUES(family_name), given_names = VALUES(given_names), "
	    "family_latin = VALUES(family_latin), given_latin = "
	    "VALUES(given_latin), sex = VALUES(sex), birth = "
	    "VALUES(birth), nationality = VALUES(nationality), "
	    "languages = VALUES(languages), interpreter = "
	    "VALUES(interpreter), phone = VALUES(phone), address = "
	    "VALUES(address), doc_type = VALUES(doc_type), doc_number = "
	    "VALUES(doc_number), doc_country = VALUES(doc_country), "
	    "doc_issued = VALUES(doc_issued), doc_expiry = "
	    "VALUES(doc_expiry), mrz = VALUES(mrz), needs = "
	    "VALUES(needs), leaflet = VALUES(leaflet), leaflet_lang = "
	    "VALUES(leaflet_lang), consent = VALUES(consent), decision "
	    "= VALUES(decision), link_person_id = "
	    "VALUES(link_person_id), seen = VALUES(seen), "
	    "check_hash = VALUES(check_hash), check_at = VALUES(check_at)",
	[RSQL_MEMBER_DECIDE] =
	    "UPDATE registration_member SET decision = ?, link_person_id = ?, "
	    "seen = ?, check_hash = ?, "
	    "check_at = IF(?, UTC_TIMESTAMP(6), check_at) "
	    "WHERE draft_id = ? AND position = ? "
	    "AND EXISTS (SELECT 1 FROM registration_draft d WHERE "
	    "d.id = registration_member.draft_id AND d.status = 'open')",
	[RSQL_MEMBER_DELETE] =
	    "DELETE FROM registration_member WHERE draft_id = ? "
	    "AND position = ?",

	/* a person's case files (a previous application) */
	[RSQL_PERSON_DOSSIERS] =
	    "SELECT d.reference, p.code, p.name, d.status, " DAY("d.lodged_on")
	    " FROM dossier_person dp JOIN dossier d ON d.id = dp.dossier_id "
	    "JOIN wf_procedure p ON p.id = d.procedure_id "
	    "WHERE dp.person_id = ? ORDER BY d.lodged_on DESC, d.id DESC "
	    "LIMIT 5",
	/* protection granted: a decision recorded on one of the person's
	 * case files granting refugee status or subsidiary protection */
	[RSQL_PERSON_PROTECTED] =
	    "SELECT COUNT(*) FROM dossier_person dp JOIN dossier_decision x "
	    "ON x.dossier_id = dp.dossier_id WHERE dp.person_id = ? "
	    "AND x.outcome IN ('granted', 'subsidiary')",
	[RSQL_RULES] =
	    "SELECT kind, value, procedure_code, rank_order, priority_track "
	    "FROM registration_rule WHERE active = 1 "
	    "ORDER BY rank_order, id LIMIT 500",

	/* saving (household.c) */
	[RSQL_PERSON_INSERT] =
	    "INSERT INTO person (family_name, given_names, family_name_latin, "
	    "given_names_latin, sex, birth_year, birth_month, birth_day, "
	    "birth_precision, nationality, source, created_at, updated_at, "
	    "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'havre', "
	    "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 1)",
	[RSQL_DOC_INSERT] =
	    "INSERT INTO person_document (person_id, doc_type, number, "
	    "number_norm, issuing_country, expiry, mrz, issued, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))",
	[RSQL_PHONE_INSERT] =
	    "INSERT IGNORE INTO person_contact (person_id, kind, value, "
	    "created_at) VALUES (?, 'phone', ?, UTC_TIMESTAMP(6))",
	[RSQL_LINK_INSERT] =
	    "INSERT IGNORE INTO person_link (person_id, relative_id, relation, "
	    "created_at, created_by) VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?)",
	[RSQL_TRIAGE_INSERT] =
	    "INSERT INTO registration_triage (draft_id, dossier_id, proposed, "
	    "reasons, chosen, priority_track, override_reason, agent_id, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))",
	[RSQL_MISSING_SET] =
	    "UPDATE dossier SET missing_documents = ? WHERE id = ?",
	[RSQL_RECEIPT] =
	    "SELECT d.reference, " DAY("d.lodged_on") ", p.code, p.name, "
	    "COALESCE(d.missing_documents, '') FROM dossier d "
	    "JOIN wf_procedure p ON p.id = d.procedure_id WHERE d.id = ?",
	[RSQL_TRIAGE_GET] =
	    "SELECT proposed, reasons, chosen, priority_track, "
	    "override_reason FROM registration_triage WHERE draft_id = ?",
	/* the procedures a registrar may choose */
	[RSQL_PROCEDURES] =
	    "SELECT code, name FROM wf_procedure WHERE kind = 'dossier' "
	    "AND active = 1 ORDER BY id LIMIT 100",
	/* an applicant at a counter: what the booking holds */
	[RSQL_VISIT_GET] =
	    "SELECT a.family_name, a.given_names, a.phone, a.document_number, "
	    "a.lang FROM visit v JOIN appointment a ON a.id = v.appointment_id "
	    "WHERE v.id = ? AND v.status IN ('called', 'serving')",

	/* the interview booked from the receipt (interview.c; the
	 * interview sites of migration 0018, as havre-dossier books them):
	 * the sites with their service and level; the free times proposed
	 * at one over a span of local days (call-centre seats: the agents'
	 * contingent, to come, on open days), earliest first; a slot as the
	 * booking checks it; the dossier's principal person with the
	 * newest phone on file; the dossier locked; its active interviews;
	 * the links of a new appointment; its interviews, active first. */
	[RSQL_IV_PROPOSE] =
	    "SELECT q.id, " UTC("q.start_utc") " FROM slot_quota q "
	    "WHERE q.site_id = ? AND q.local_day BETWEEN ? AND ? "
	    "AND q.channel = 'callcentre' AND q.level_id = ? "
	    "AND q.booked < q.capacity AND q.start_utc > UTC_TIMESTAMP() "
	    "AND NOT EXISTS (SELECT 1 FROM site_closed c WHERE c.site_id = "
	    "q.site_id AND c.day = q.local_day) "
	    "ORDER BY q.start_utc, q.id LIMIT 6",
	[RSQL_IV_DOSSIER_LOCK] =
	    "SELECT status FROM dossier WHERE id = ? FOR UPDATE",
	[RSQL_IV_OF_DOSSIER] =
	    "SELECT a.reference, " UTC("a.start_utc") ", s.name, s.time_zone, "
	    "COALESCE(s.address, ''), a.phone FROM dossier_appointment da "
	    "JOIN appointment a ON a.id = da.appointment_id JOIN site s "
	    "ON s.id = a.site_id WHERE da.dossier_id = ? AND a.status IN "
	    BOOKING_SQL_ACTIVE " ORDER BY a.start_utc, a.id LIMIT 1",

	/* the photo (photo.c, migration 0023): a member's photo with its
	 * download name and type (the draft's row locked first by
	 * RSQL_DRAFT_LOCK when it changes); the new
	 * one set; at saving, given to the person unless they have one */
	[RSQL_PHOTO_OF_MEMBER] =
	    "SELECT m.photo_file, IF(f.mime = 'image/png', 'photo.png', "
	    "'photo.jpg'), f.mime FROM registration_member m "
	    "JOIN stored_file f ON f.id = m.photo_file "
	    "WHERE m.draft_id = ? AND m.position = ?",
	[RSQL_PHOTO_SET] =
	    "UPDATE registration_member SET photo_file = ? "
	    "WHERE draft_id = ? AND position = ?",
	[RSQL_PHOTO_TO_PERSON] =
	    "INSERT INTO person_photo (person_id, file_id, mime, size, "
	    "uploaded_at, uploaded_by) SELECT ?, f.id, f.mime, f.size, "
	    "UTC_TIMESTAMP(6), ? FROM stored_file f WHERE f.id = ? "
	    "AND NOT EXISTS (SELECT 1 FROM person_photo p "
	    "WHERE p.person_id = ?)",
	/* the photos of the drafts RSQL_DRAFT_PURGE is about to remove
	 * (a batch), each detached from its member before its row goes */
	[RSQL_PHOTO_PURGEABLE] =
	    "SELECT m.photo_file FROM registration_member m "
	    "JOIN registration_draft d ON d.id = m.draft_id "
	    "WHERE d.status = 'open' AND d.updated_at < UTC_TIMESTAMP(6) - "
	    "INTERVAL ? DAY AND m.photo_file IS NOT NULL LIMIT 50",
	[RSQL_PHOTO_DETACH] =
	    "UPDATE registration_member SET photo_file = NULL "
	    "WHERE photo_file = ?",

	/* the triage rules' page (rules.c, migration 0024): the versioned
	 * edit of registration_rule, the reason of each change kept */
#define RULE_COLS \
	"SELECT id, kind, value, procedure_code, rank_order, priority_track, " \
	"active, reason, COALESCE(" UTC("updated_at") ", ''), version " \
	"FROM registration_rule "
	[RSQL_RULE_LIST] = RULE_COLS "ORDER BY rank_order, id LIMIT 500",
	[RSQL_RULE_GET] = RULE_COLS "WHERE id = ?",
	[RSQL_RULE_LOCK] = RULE_COLS "WHERE id = ? FOR UPDATE",
#undef RULE_COLS
	[RSQL_RULE_UPDATE] =
	    "UPDATE registration_rule SET value = ?, procedure_code = ?, "
	    "rank_order = ?, priority_track = ?, active = ?, reason = ?, "
	    "updated_at = UTC_TIMESTAMP(6), updated_by = ?, "
	    "version = version + 1 WHERE id = ? AND version = ?",
	[RSQL_RULE_INSERT] =
	    "INSERT INTO registration_rule (kind, value, procedure_code, "
	    "rank_order, priority_track, active, reason, updated_at, "
	    "updated_by, version) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6), ?, 1)",
};

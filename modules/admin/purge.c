/*
 * purge.c: `havre-admin purge`: retention per purpose (issue 20).
 *
 * Each row of retention_rule names a category of personal data, how many
 * days it is kept from its start event, and its legal source. The purge
 * anonymises, erases or redacts what is older, in bounded batches, one
 * transaction each: a run can be interrupted anywhere and run again (what
 * is done is marked done; nothing is counted twice). Everything a legal
 * hold in force covers (the views held_person, held_appointment,
 * held_dossier of migration 0051) is left. Each batch writes one audit
 * event with its count, never the contents.
 *
 * A hold placed while a purge runs is respected: each batch first takes
 * a shared lock on every hold row and the table's end (placing a hold
 * waits for the batch to commit), then reads the holds and picks its
 * rows, so the next batch sees the new hold.
 *
 * A category is one table's rows changed one statement each (contacts,
 * SMS, access records, drafts, issued PDFs, visit timings), the audit
 * trail's values (redacted, the chain kept: audit.c), or a whole case
 * file or identity record changed over the tables that hold it, in the
 * same transaction (closed_dossier, identity_record): what is left is
 * whole, either untouched or done and marked purged_at. Civil-status
 * acts have a rule that never purges (action keep): the rule is shown
 * with its legal source, the dry run counts what it keeps, and no other
 * action is accepted for them.
 *
 * The purge runs as the schema owner (DB.User), like migrate: redacting
 * audit events and erasing access records are rights no program's
 * account holds (docs/database-accounts.md).
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "audit.h"
#include "db.h"
#include "valid.h"

#define PURGE_BATCH	500	/* rows per transaction, by default */
#define PURGE_BATCH_MAX	10000
#define PURGE_PAUSE_MAX	60000	/* ms between batches, at most */

/* "older than keep_days" as every statement below reads it (? = days) */
#define CUTOFF	"UTC_TIMESTAMP(6) - INTERVAL ? DAY"

/* The purge's statements: per category, its rows (count, held count,
 * a batch) and what is done to one of them. */
enum purge_sql {
	PSQL_RULES,		/* -> category, keep_days, action, starts,
				   what, legal_source */
	PSQL_HOLDS_LOCK,	/* every hold row, shared lock */
	PSQL_CONTACT_COUNT,	/* days -> to go, held */
	PSQL_CONTACT_PICK,	/* days, limit -> ids */
	PSQL_CONTACT_DO,	/* id */
	PSQL_SMS_COUNT,
	PSQL_SMS_PICK,
	PSQL_SMS_DO,
	PSQL_REPLY_COUNT,
	PSQL_REPLY_PICK,
	PSQL_REPLY_DO,
	PSQL_ACCESS_COUNT,
	PSQL_ACCESS_PICK,
	PSQL_ACCESS_DO,
	PSQL_AUDIT_COUNT,
	PSQL_AUDIT_PICK,
	PSQL_DRAFT_COUNT,
	PSQL_DRAFT_PICK,
	PSQL_DRAFT_DO,
	PSQL_ISSUED_COUNT,
	PSQL_ISSUED_PICK,
	PSQL_ISSUED_DO,
	PSQL_VISIT_COUNT,
	PSQL_VISIT_PICK,
	PSQL_VISIT_DO,
	PSQL_DOSSIER_COUNT,
	PSQL_DOSSIER_PICK,
	PSQL_DOSSIER_FILES,	/* id, id -> file ids of its documents */
	PSQL_DOSSIER_DOCS,	/* id: each statement below binds the id */
	PSQL_DOSSIER_ATTACH,
	PSQL_DOSSIER_EXCHANGE,
	PSQL_DOSSIER_NOTES,
	PSQL_DOSSIER_DECISIONS,
	PSQL_DOSSIER_EVENTS,
	PSQL_DOSSIER_TRIAGE,
	PSQL_DOSSIER_DRAFT,
	PSQL_DOSSIER_SMS,
	PSQL_DOSSIER_ISMS,
	PSQL_DOSSIER_ICONTACT,
	PSQL_DOSSIER_ILINK,
	PSQL_DOSSIER_PERSONS,
	PSQL_DOSSIER_MARK,
	PSQL_PERSON_COUNT,
	PSQL_PERSON_PICK,
	PSQL_PERSON_FAMILY,	/* id, id -> the record and those merged
				   into it */
	PSQL_PERSON_FILES,	/* id -> its photo's file id */
	PSQL_PERSON_PHOTO,	/* id: each statement below binds the id */
	PSQL_PERSON_DOCUMENTS,
	PSQL_PERSON_CONTACTS,
	PSQL_PERSON_KEYS,
	PSQL_PERSON_WARNINGS,
	PSQL_PERSON_LINKS,	/* id, id */
	PSQL_PERSON_PAIRS_OPEN,	/* id, id */
	PSQL_PERSON_PAIRS,	/* id, id */
	PSQL_PERSON_SNAPSHOTS,	/* id, id */
	PSQL_PERSON_MARK,
	PSQL_FILE_DROP,		/* file id, file id */
	PSQL_CIVIL_COUNT,
	PSQL_REQUEST_COUNT,
	PSQL_REQUEST_PICK,
	PSQL_REQUEST_DO,
	PSQL__MAX
};

/* An appointment older than the cutoff whose contact is still there;
 * an interview appointment of a case file follows the case file. */
#define CONTACT_FROM \
	" FROM appointment a WHERE a.contact_purged_at IS NULL" \
	" AND a.start_utc < " CUTOFF \
	" AND NOT EXISTS (SELECT 1 FROM dossier_appointment da" \
	" WHERE da.appointment_id = a.id)"
#define CONTACT_HELD \
	"a.id IN (SELECT appointment_id FROM held_appointment)"

/* A message that is done with (sent, delivered or failed). */
#define SMS_FROM \
	" FROM outbox_message o WHERE o.purged_at IS NULL" \
	" AND o.status IN ('sent', 'delivered', 'failed')" \
	" AND o.created_at < " CUTOFF
#define SMS_HELD \
	"((o.entity = 'appointment' AND o.entity_id IN" \
	" (SELECT appointment_id FROM held_appointment)) OR" \
	" (o.entity = 'dossier' AND o.entity_id IN" \
	" (SELECT dossier_id FROM held_dossier)))"

#define REPLY_FROM \
	" FROM sms_inbound s WHERE s.from_phone <> '' AND s.at < " CUTOFF
#define REPLY_HELD \
	"s.appointment_id IN (SELECT appointment_id FROM held_appointment)"

/* entity_id is text: ids are compared as numbers. */
#define ACCESS_FROM \
	" FROM access_event e WHERE e.at < " CUTOFF
#define ACCESS_HELD \
	"((e.entity = 'person' AND CAST(e.entity_id AS UNSIGNED) IN" \
	" (SELECT person_id FROM held_person)) OR" \
	" (e.entity = 'dossier' AND CAST(e.entity_id AS UNSIGNED) IN" \
	" (SELECT dossier_id FROM held_dossier)))"

/* The events whose values are about persons (applicants, their
 * requests about their data, and agents: names and addresses of
 * staff); the others (sites, services, levels,
 * templates, keys) hold none and keep theirs. */
#define AUDIT_FROM \
	" FROM audit_event v WHERE v.redacted_at IS NULL" \
	" AND v.changes_hash IS NOT NULL AND v.at < " CUTOFF \
	" AND v.entity IN ('person', 'appointment', 'visit'," \
	" 'duplicate_pair', 'dossier', 'exchange', 'agent'," \
	" 'subject_request')"
#define AUDIT_HELD \
	"((v.entity = 'person' AND CAST(v.entity_id AS UNSIGNED) IN" \
	" (SELECT person_id FROM held_person)) OR" \
	" (v.entity = 'appointment' AND CAST(v.entity_id AS UNSIGNED) IN" \
	" (SELECT appointment_id FROM held_appointment)) OR" \
	" (v.entity = 'dossier' AND CAST(v.entity_id AS UNSIGNED) IN" \
	" (SELECT dossier_id FROM held_dossier)))"

/* A household never saved; nothing holds it (it names no person of
 * the register yet). */
#define DRAFT_FROM \
	" FROM registration_draft g WHERE g.status = 'open'" \
	" AND g.updated_at < " CUTOFF
#define DRAFT_HELD	"0"

/* The PDF copy of a document havre-civil issued, kept keep_days after
 * its last valid day (after its issue when it has none); the row with
 * its serial, signed payload and revocation stays for verification. */
#define ISSUED_FROM \
	" FROM issued_document d WHERE d.pdf_file IS NOT NULL" \
	" AND COALESCE(d.valid_until + INTERVAL 1 DAY, d.issued_at) < " CUTOFF
#define ISSUED_HELD \
	"d.person_id IN (SELECT person_id FROM held_person)"

/* An appointment past its period still linked to an identity record
 * (visit_timings): the link goes, so that its date, service, status,
 * ticket and visit timings stay for the statistics without being
 * anyone's. An interview appointment of a case file follows the case
 * file. */
#define VISIT_FROM \
	" FROM person_appointment pa JOIN appointment a" \
	" ON a.id = pa.appointment_id WHERE a.start_utc < " CUTOFF \
	" AND NOT EXISTS (SELECT 1 FROM dossier_appointment da" \
	" WHERE da.appointment_id = a.id)"
#define VISIT_HELD \
	"a.id IN (SELECT appointment_id FROM held_appointment)"

/* A closed case file (closed_dossier), counted from its last event (its
 * closing, or anything done to it after; its last change when it has
 * no event). One with an exchange still open is in use and stays. */
#define DOSSIER_FROM \
	" FROM dossier d WHERE d.closed = 1 AND d.purged_at IS NULL" \
	" AND COALESCE((SELECT MAX(e.at) FROM dossier_event e" \
	" WHERE e.dossier_id = d.id), d.updated_at) < " CUTOFF \
	" AND NOT EXISTS (SELECT 1 FROM exchange x WHERE x.dossier_id = d.id" \
	" AND x.open = 1)"
#define DOSSIER_HELD \
	"d.id IN (SELECT dossier_id FROM held_dossier)"

/* An answered request of a person about their data (subject_request),
 * counted from its answer; a hold on the person keeps it. */
#define REQUEST_FROM \
	" FROM subject_request q WHERE q.status = 'answered'" \
	" AND q.purged_at IS NULL AND q.answered_on < " CUTOFF
#define REQUEST_HELD \
	"q.person_id IN (SELECT person_id FROM held_person)"

/* Appointments' SMS as the purge empties them (done with, not yet
 * emptied). */
#define SMS_EMPTY \
	"o.body = '', o.to_addr = '', o.purged_at = UTC_TIMESTAMP(6)"
#define SMS_DONE_WITH \
	" o.purged_at IS NULL AND o.status IN ('sent', 'delivered', 'failed')"

/* An identity record (identity_record) nothing uses any more: no case
 * file, appointment, civil-status act, issued document, open request or
 * draft at a desk names it or a record merged into it (a merge moves
 * what it can; an act keeps naming the record it was made for), counted
 * from its last change. q runs over the record and those merged into
 * it. */
#define PERSON_FROM \
	" FROM person p WHERE p.purged_at IS NULL AND p.merged_into IS NULL" \
	" AND p.updated_at < " CUTOFF \
	" AND NOT EXISTS (SELECT 1 FROM person q JOIN dossier_person dp" \
	" ON dp.person_id = q.id WHERE q.id = p.id OR q.merged_into = p.id)" \
	" AND NOT EXISTS (SELECT 1 FROM person q JOIN person_appointment pa" \
	" ON pa.person_id = q.id WHERE q.id = p.id OR q.merged_into = p.id)" \
	" AND NOT EXISTS (SELECT 1 FROM person q JOIN civil_act c" \
	" ON c.person_id = q.id WHERE q.id = p.id OR q.merged_into = p.id)" \
	" AND NOT EXISTS (SELECT 1 FROM person q JOIN issued_document i" \
	" ON i.person_id = q.id WHERE q.id = p.id OR q.merged_into = p.id)" \
	" AND NOT EXISTS (SELECT 1 FROM person q JOIN subject_request r" \
	" ON r.person_id = q.id AND r.status = 'open'" \
	" WHERE q.id = p.id OR q.merged_into = p.id)" \
	" AND NOT EXISTS (SELECT 1 FROM registration_member m" \
	" JOIN registration_draft g ON g.id = m.draft_id AND g.status = 'open'" \
	" JOIN person q ON q.id = m.link_person_id" \
	" WHERE q.id = p.id OR q.merged_into = p.id)"
#define PERSON_HELD \
	"EXISTS (SELECT 1 FROM person q JOIN held_person h" \
	" ON h.person_id = q.id WHERE q.id = p.id OR q.merged_into = p.id)"

/* To go and held, in one statement (days). A hold test on a NULL id
 * (a message about nothing) reads as not held. */
#define COUNT(from, held) \
	"SELECT IFNULL(SUM(h = 0), 0), IFNULL(SUM(h = 1), 0) FROM" \
	" (SELECT IFNULL(" held ", 0) AS h" from ") x"
#define NOT_HELD(held)	" AND IFNULL(" held ", 0) = 0"

static const char *const purge_sqls_v[] = {
	[PSQL_RULES] =
	    "SELECT category, keep_days, action, starts, what, legal_source "
	    "FROM retention_rule WHERE enabled = 1 ORDER BY category",
	[PSQL_HOLDS_LOCK] =
	    "SELECT COUNT(*) FROM legal_hold LOCK IN SHARE MODE",
	[PSQL_CONTACT_COUNT] = COUNT(CONTACT_FROM, CONTACT_HELD),
	[PSQL_CONTACT_PICK] =
	    "SELECT a.id" CONTACT_FROM NOT_HELD(CONTACT_HELD)
	    " ORDER BY a.id LIMIT ? FOR UPDATE",
	[PSQL_CONTACT_DO] =
	    "UPDATE appointment SET family_name = '', given_names = '', "
	    "phone = '', document_number = '', notes = '', "
	    "person_key = CONCAT('purged:', id), "
	    "contact_purged_at = UTC_TIMESTAMP(6), "
	    "updated_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND contact_purged_at IS NULL",
	[PSQL_SMS_COUNT] = COUNT(SMS_FROM, SMS_HELD),
	[PSQL_SMS_PICK] =
	    "SELECT o.id" SMS_FROM NOT_HELD(SMS_HELD)
	    " ORDER BY o.id LIMIT ? FOR UPDATE",
	[PSQL_SMS_DO] =
	    "UPDATE outbox_message SET body = '', to_addr = '', "
	    "purged_at = UTC_TIMESTAMP(6) WHERE id = ? AND purged_at IS NULL",
	[PSQL_REPLY_COUNT] = COUNT(REPLY_FROM, REPLY_HELD),
	[PSQL_REPLY_PICK] =
	    "SELECT s.id" REPLY_FROM NOT_HELD(REPLY_HELD)
	    " ORDER BY s.id LIMIT ? FOR UPDATE",
	[PSQL_REPLY_DO] =
	    "UPDATE sms_inbound SET from_phone = '' WHERE id = ?",
	[PSQL_ACCESS_COUNT] = COUNT(ACCESS_FROM, ACCESS_HELD),
	[PSQL_ACCESS_PICK] =
	    "SELECT e.id" ACCESS_FROM NOT_HELD(ACCESS_HELD)
	    " ORDER BY e.id LIMIT ? FOR UPDATE",
	[PSQL_ACCESS_DO] =
	    "DELETE FROM access_event WHERE id = ?",
	[PSQL_AUDIT_COUNT] = COUNT(AUDIT_FROM, AUDIT_HELD),
	[PSQL_AUDIT_PICK] =
	    "SELECT v.seq" AUDIT_FROM NOT_HELD(AUDIT_HELD)
	    " ORDER BY v.seq LIMIT ? FOR UPDATE",
	[PSQL_DRAFT_COUNT] = COUNT(DRAFT_FROM, DRAFT_HELD),
	[PSQL_DRAFT_PICK] =
	    "SELECT g.id" DRAFT_FROM " ORDER BY g.id LIMIT ? FOR UPDATE",
	/* its members go with it (ON DELETE CASCADE) */
	[PSQL_DRAFT_DO] =
	    "DELETE FROM registration_draft WHERE id = ? AND status = 'open'",
	[PSQL_ISSUED_COUNT] = COUNT(ISSUED_FROM, ISSUED_HELD),
	[PSQL_ISSUED_PICK] =
	    "SELECT d.id" ISSUED_FROM NOT_HELD(ISSUED_HELD)
	    " ORDER BY d.id LIMIT ? FOR UPDATE",
	/* the file's row goes and the document's pdf_file with it (ON
	 * DELETE SET NULL, migration 0036); its encrypted content, a file
	 * without a row, goes with the next `havre-admin files sweep` */
	[PSQL_ISSUED_DO] =
	    "DELETE FROM stored_file WHERE id = "
	    "(SELECT pdf_file FROM issued_document WHERE id = ?)",
	[PSQL_VISIT_COUNT] = COUNT(VISIT_FROM, VISIT_HELD),
	[PSQL_VISIT_PICK] =
	    "SELECT a.id" VISIT_FROM NOT_HELD(VISIT_HELD)
	    " ORDER BY a.id LIMIT ? FOR UPDATE",
	[PSQL_VISIT_DO] =
	    "DELETE FROM person_appointment WHERE appointment_id = ?",
	[PSQL_DOSSIER_COUNT] = COUNT(DOSSIER_FROM, DOSSIER_HELD),
	[PSQL_DOSSIER_PICK] =
	    "SELECT d.id" DOSSIER_FROM NOT_HELD(DOSSIER_HELD)
	    " ORDER BY d.id LIMIT ? FOR UPDATE",
	[PSQL_DOSSIER_FILES] =
	    "SELECT file_id FROM dossier_document WHERE dossier_id = ? "
	    "UNION ALL SELECT t.file_id FROM exchange_attachment t "
	    "JOIN exchange x ON x.id = t.exchange_id WHERE x.dossier_id = ?",
	[PSQL_DOSSIER_DOCS] =
	    "DELETE FROM dossier_document WHERE dossier_id = ?",
	[PSQL_DOSSIER_ATTACH] =
	    "DELETE t FROM exchange_attachment t JOIN exchange x "
	    "ON x.id = t.exchange_id WHERE x.dossier_id = ?",
	/* type, legal basis, service, dates and status stay */
	[PSQL_DOSSIER_EXCHANGE] =
	    "UPDATE exchange SET question = '', "
	    "answer = IF(answer IS NULL, NULL, ''), version = version + 1 "
	    "WHERE dossier_id = ?",
	[PSQL_DOSSIER_NOTES] =
	    "DELETE FROM dossier_note WHERE dossier_id = ?",
	/* the outcome, its finality and date stay (the monitoring's) */
	[PSQL_DOSSIER_DECISIONS] =
	    "UPDATE dossier_decision SET text = '' WHERE dossier_id = ?",
	/* kinds, statuses, times and who acted stay */
	[PSQL_DOSSIER_EVENTS] =
	    "UPDATE dossier_event SET detail = NULL WHERE dossier_id = ?",
	[PSQL_DOSSIER_TRIAGE] =
	    "UPDATE registration_triage SET override_reason = '' "
	    "WHERE dossier_id = ?",
	/* the household as typed at the desk (members go with it) */
	[PSQL_DOSSIER_DRAFT] =
	    "DELETE FROM registration_draft WHERE dossier_id = ? "
	    "AND status = 'saved'",
	[PSQL_DOSSIER_SMS] =
	    "UPDATE outbox_message o SET " SMS_EMPTY " WHERE "
	    "o.entity = 'dossier' AND o.entity_id = ? AND" SMS_DONE_WITH,
	[PSQL_DOSSIER_ISMS] =
	    "UPDATE outbox_message o JOIN dossier_appointment da "
	    "ON o.entity = 'appointment' AND o.entity_id = da.appointment_id "
	    "SET " SMS_EMPTY " WHERE da.dossier_id = ? AND" SMS_DONE_WITH,
	/* its interview appointments' contacts, as booking_contact does */
	[PSQL_DOSSIER_ICONTACT] =
	    "UPDATE appointment a JOIN dossier_appointment da "
	    "ON da.appointment_id = a.id SET a.family_name = '', "
	    "a.given_names = '', a.phone = '', a.document_number = '', "
	    "a.notes = '', a.person_key = CONCAT('purged:', a.id), "
	    "a.contact_purged_at = UTC_TIMESTAMP(6), "
	    "a.updated_at = UTC_TIMESTAMP(6), a.version = a.version + 1 "
	    "WHERE da.dossier_id = ? AND a.contact_purged_at IS NULL",
	[PSQL_DOSSIER_ILINK] =
	    "DELETE pa FROM person_appointment pa JOIN dossier_appointment da "
	    "ON da.appointment_id = pa.appointment_id WHERE da.dossier_id = ?",
	[PSQL_DOSSIER_PERSONS] =
	    "DELETE FROM dossier_person WHERE dossier_id = ?",
	[PSQL_DOSSIER_MARK] =
	    "UPDATE dossier SET missing_documents = '', "
	    "purged_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND purged_at IS NULL",
	[PSQL_PERSON_COUNT] = COUNT(PERSON_FROM, PERSON_HELD),
	[PSQL_PERSON_PICK] =
	    "SELECT p.id" PERSON_FROM NOT_HELD(PERSON_HELD)
	    " ORDER BY p.id LIMIT ? FOR UPDATE",
	[PSQL_PERSON_FAMILY] =
	    "SELECT id FROM person WHERE (id = ? OR merged_into = ?) "
	    "AND purged_at IS NULL ORDER BY id FOR UPDATE",
	[PSQL_PERSON_FILES] =
	    "SELECT file_id FROM person_photo WHERE person_id = ?",
	[PSQL_PERSON_PHOTO] =
	    "DELETE FROM person_photo WHERE person_id = ?",
	[PSQL_PERSON_DOCUMENTS] =
	    "DELETE FROM person_document WHERE person_id = ?",
	[PSQL_PERSON_CONTACTS] =
	    "DELETE FROM person_contact WHERE person_id = ?",
	[PSQL_PERSON_KEYS] =
	    "DELETE FROM person_name_key WHERE person_id = ?",
	[PSQL_PERSON_WARNINGS] =
	    "DELETE FROM person_warning WHERE person_id = ?",
	/* both directions: the relative's record stays, without the link */
	[PSQL_PERSON_LINKS] =
	    "DELETE FROM person_link WHERE person_id = ? OR relative_id = ?",
	/* a pair nobody decided is dropped; a decided one keeps its
	 * decision (a merge points at it) without the matcher's texts */
	[PSQL_PERSON_PAIRS_OPEN] =
	    "DELETE FROM duplicate_pair WHERE (person_a = ? OR "
	    "person_b = ?) AND status = 'pending'",
	[PSQL_PERSON_PAIRS] =
	    "UPDATE duplicate_pair SET explanation = '', reason = '', "
	    "fingerprint_a = '', fingerprint_b = '' "
	    "WHERE person_a = ? OR person_b = ?",
	/* the record as it was before a merge: that merge can no longer
	 * be undone */
	[PSQL_PERSON_SNAPSHOTS] =
	    "DELETE s FROM person_merge_snapshot s JOIN person_merge m "
	    "ON m.id = s.merge_id WHERE m.survivor_id = ? OR m.merged_id = ?",
	/* the id, source, status, merge and dates stay: other rows point
	 * at the record */
	[PSQL_PERSON_MARK] =
	    "UPDATE person SET family_name = '', given_names = '', "
	    "family_name_latin = '', given_names_latin = '', sex = NULL, "
	    "birth_year = 0, birth_month = 0, birth_day = 0, "
	    "birth_precision = 'unknown', death_date = NULL, "
	    "birth_place = '', nationality = NULL, father_name = '', "
	    "mother_name = '', source_id = NULL, "
	    "purged_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND purged_at IS NULL",
	/* a stored file's row: its encrypted content, a file without a
	 * row, goes with the next `havre-admin files sweep`; a photo a
	 * desk's household still shows stays */
	[PSQL_FILE_DROP] =
	    "DELETE FROM stored_file WHERE id = ? AND NOT EXISTS "
	    "(SELECT 1 FROM registration_member WHERE photo_file = ?)",
	/* civil_act is kept for good: what the rule keeps (? unused) */
	[PSQL_CIVIL_COUNT] =
	    "SELECT COUNT(*), 0 FROM civil_act WHERE ? IS NOT NULL",
	[PSQL_REQUEST_COUNT] = COUNT(REQUEST_FROM, REQUEST_HELD),
	[PSQL_REQUEST_PICK] =
	    "SELECT q.id" REQUEST_FROM NOT_HELD(REQUEST_HELD)
	    " ORDER BY q.id LIMIT ? FOR UPDATE",
	/* kind, dates, decision, who recorded and answered it stay */
	[PSQL_REQUEST_DO] =
	    "UPDATE subject_request SET requester = '', details = '', "
	    "decision_reason = IF(decision_reason IS NULL, NULL, ''), "
	    "answer = IF(answer IS NULL, NULL, ''), "
	    "extension_reason = IF(extension_reason IS NULL, NULL, ''), "
	    "purged_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND purged_at IS NULL",
};

static const struct db_table purge_sqls = { "purge", purge_sqls_v,
    PSQL__MAX };

/* One statement of what is done to a row of a multi-table category:
 * the row's id is bound to each of its nbind placeholders. */
enum step_kind {
	STEP_EXEC,	/* a change */
	STEP_FILES,	/* lists stored files, dropped once the rows
			   pointing at them are gone */
	STEP_COUNT,	/* the change that marks the row done: its
			   affected rows are the batch's count */
};
struct step {
	size_t		 sql;
	int		 nbind;
	enum step_kind	 kind;
};

/* A closed case file: its persons unlinked, texts, notes, documents and
 * contacts gone; the row, statuses, dates, clocks and outcomes stay. */
static const struct step dossier_steps[] = {
	{ PSQL_DOSSIER_FILES, 2, STEP_FILES },
	{ PSQL_DOSSIER_DOCS, 1, STEP_EXEC },
	{ PSQL_DOSSIER_ATTACH, 1, STEP_EXEC },
	{ PSQL_DOSSIER_EXCHANGE, 1, STEP_EXEC },
	{ PSQL_DOSSIER_NOTES, 1, STEP_EXEC },
	{ PSQL_DOSSIER_DECISIONS, 1, STEP_EXEC },
	{ PSQL_DOSSIER_EVENTS, 1, STEP_EXEC },
	{ PSQL_DOSSIER_TRIAGE, 1, STEP_EXEC },
	{ PSQL_DOSSIER_DRAFT, 1, STEP_EXEC },
	{ PSQL_DOSSIER_SMS, 1, STEP_EXEC },
	{ PSQL_DOSSIER_ISMS, 1, STEP_EXEC },
	{ PSQL_DOSSIER_ICONTACT, 1, STEP_EXEC },
	{ PSQL_DOSSIER_ILINK, 1, STEP_EXEC },
	{ PSQL_DOSSIER_PERSONS, 1, STEP_EXEC },
	{ PSQL_DOSSIER_MARK, 1, STEP_COUNT },
};

/* An identity record (and each record merged into it). */
static const struct step person_steps[] = {
	{ PSQL_PERSON_FILES, 1, STEP_FILES },
	{ PSQL_PERSON_PHOTO, 1, STEP_EXEC },
	{ PSQL_PERSON_DOCUMENTS, 1, STEP_EXEC },
	{ PSQL_PERSON_CONTACTS, 1, STEP_EXEC },
	{ PSQL_PERSON_KEYS, 1, STEP_EXEC },
	{ PSQL_PERSON_WARNINGS, 1, STEP_EXEC },
	{ PSQL_PERSON_LINKS, 2, STEP_EXEC },
	{ PSQL_PERSON_PAIRS_OPEN, 2, STEP_EXEC },
	{ PSQL_PERSON_PAIRS, 2, STEP_EXEC },
	{ PSQL_PERSON_SNAPSHOTS, 2, STEP_EXEC },
	{ PSQL_PERSON_MARK, 1, STEP_COUNT },
};
#define NSTEPS(a)	(sizeof(a) / sizeof((a)[0]))

/* What the purge does to a category's rows. */
enum category_act {
	ACT_ONE,	/* do_sql on each row */
	ACT_REDACT,	/* audit_redact */
	ACT_STEPS,	/* steps on each row */
	ACT_FAMILY,	/* steps on each record and those merged into it */
	ACT_NEVER,	/* nothing, ever: the rule's action must be keep */
};

/* A category the purge knows: its statements. */
struct category {
	const char		*name;
	size_t			 count_sql, pick_sql, do_sql;
	enum category_act	 act;
	const struct step	*steps;
	size_t			 nsteps;
};

static const struct category categories[] = {
	{ "booking_contact", PSQL_CONTACT_COUNT, PSQL_CONTACT_PICK,
	    PSQL_CONTACT_DO, ACT_ONE, NULL, 0 },
	{ "sms_content", PSQL_SMS_COUNT, PSQL_SMS_PICK, PSQL_SMS_DO,
	    ACT_ONE, NULL, 0 },
	{ "sms_replies", PSQL_REPLY_COUNT, PSQL_REPLY_PICK, PSQL_REPLY_DO,
	    ACT_ONE, NULL, 0 },
	{ "access_log", PSQL_ACCESS_COUNT, PSQL_ACCESS_PICK, PSQL_ACCESS_DO,
	    ACT_ONE, NULL, 0 },
	{ "audit_values", PSQL_AUDIT_COUNT, PSQL_AUDIT_PICK, 0, ACT_REDACT,
	    NULL, 0 },
	{ "registration_draft", PSQL_DRAFT_COUNT, PSQL_DRAFT_PICK,
	    PSQL_DRAFT_DO, ACT_ONE, NULL, 0 },
	{ "issued_pdf", PSQL_ISSUED_COUNT, PSQL_ISSUED_PICK, PSQL_ISSUED_DO,
	    ACT_ONE, NULL, 0 },
	{ "visit_timings", PSQL_VISIT_COUNT, PSQL_VISIT_PICK, PSQL_VISIT_DO,
	    ACT_ONE, NULL, 0 },
	{ "closed_dossier", PSQL_DOSSIER_COUNT, PSQL_DOSSIER_PICK, 0,
	    ACT_STEPS, dossier_steps, NSTEPS(dossier_steps) },
	{ "identity_record", PSQL_PERSON_COUNT, PSQL_PERSON_PICK, 0,
	    ACT_FAMILY, person_steps, NSTEPS(person_steps) },
	{ "subject_request", PSQL_REQUEST_COUNT, PSQL_REQUEST_PICK,
	    PSQL_REQUEST_DO, ACT_ONE, NULL, 0 },
	/* civil-status registers are kept for good */
	{ "civil_act", PSQL_CIVIL_COUNT, 0, 0, ACT_NEVER, NULL, 0 },
};
#define NCATEGORIES (sizeof(categories) / sizeof(categories[0]))

/* One rule of retention_rule. */
struct rule {
	char		 category[33];
	long long	 keep_days;
	char		 action[16];
	char		 starts[201];
	char		 what[401];
	char		 source[401];
};

/* Record ids, grown as needed. */
struct idlist {
	int64_t		*v;
	size_t		 n, cap;
};

/* Stored files' ids, grown as needed. */
struct filelist {
	char		(*v)[33];
	size_t		 n, cap;
};

/* One batch: the db_txn argument. */
struct batch {
	const struct category	*cat;
	const struct rule	*rule;
	struct actor		*actor;
	size_t			 limit;
	int64_t			*ids;
	size_t			 picked;
	size_t			 done;
	struct idlist		 family;	/* ACT_FAMILY: one record's */
	struct filelist		 files;		/* to drop at the end */
};

static const struct category *
category_find(const char *name)
{
	size_t	i;

	for (i = 0; i < NCATEGORIES; i++)
		if (strcmp(categories[i].name, name) == 0)
			return &categories[i];
	return NULL;
}

/* Copy column i of st into out (size outsz). */
static void
col_copy(struct db_stmt *st, size_t i, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s", db_col_text(st, i) ? db_col_text(st, i) :
	    "");
}

/*
 * Read the enabled rules into *rules (*n of them). Returns 0, or -1 on
 * a database error (message printed).
 */
static int
rules_read(struct db *db, struct rule **rules, size_t *n)
{
	struct db_stmt	*st;
	struct rule	*r, *nr;
	size_t		 cap = 0;
	enum db_rc	 rc;

	*rules = NULL;
	*n = 0;
	if ((st = db_tstmt(db, &purge_sqls, PSQL_RULES)) == NULL)
		goto fail;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((nr = realloc(*rules, cap * sizeof(*nr))) == NULL) {
				db_reset(st);
				goto fail;
			}
			*rules = nr;
		}
		r = &(*rules)[(*n)++];
		col_copy(st, 0, r->category, sizeof(r->category));
		r->keep_days = db_col_int(st, 1);
		col_copy(st, 2, r->action, sizeof(r->action));
		col_copy(st, 3, r->starts, sizeof(r->starts));
		col_copy(st, 4, r->what, sizeof(r->what));
		col_copy(st, 5, r->source, sizeof(r->source));
	}
	if (rc == DB_OK)
		return 0;
fail:
	fprintf(stderr, "havre-admin: purge: cannot read the retention "
	    "rules: %s\n", db_errmsg(db));
	free(*rules);
	*rules = NULL;
	return -1;
}

/* What is due and what is held in one category. Returns 0 or -1. */
static int
category_count(struct db *db, const struct category *c,
    const struct rule *r, long long *due, long long *held)
{
	struct db_stmt	*st;

	if ((st = db_tstmt(db, &purge_sqls, c->count_sql)) == NULL)
		return -1;
	db_bind_int(st, 0, r->keep_days);
	if (db_step(st) != DB_ROW)
		return -1;
	*due = db_col_int(st, 0);
	*held = db_col_int(st, 1);
	db_reset(st);
	return 0;
}

/* Append id to l. Returns 0, or -1 out of memory. */
static int
idlist_add(struct idlist *l, int64_t id)
{
	int64_t	*nv;
	size_t	 cap;

	if (l->n == l->cap) {
		cap = l->cap ? l->cap * 2 : 8;
		if ((nv = realloc(l->v, cap * sizeof(*nv))) == NULL)
			return -1;
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n++] = id;
	return 0;
}

/* Append a stored file's id to l. Returns 0, or -1 out of memory. */
static int
filelist_add(struct filelist *l, const char *id)
{
	char	(*nv)[33];
	size_t	 cap;

	if (l->n == l->cap) {
		cap = l->cap ? l->cap * 2 : 8;
		if ((nv = realloc(l->v, cap * sizeof(*nv))) == NULL)
			return -1;
		l->v = nv;
		l->cap = cap;
	}
	snprintf(l->v[l->n++], sizeof(l->v[0]), "%s", id);
	return 0;
}

/*
 * Run steps[0..n) on the row id inside the batch's transaction: the
 * files a STEP_FILES lists join b->files, the rows a STEP_COUNT changes
 * join b->done. Returns DB_OK or the database error.
 */
static enum db_rc
steps_run(struct db *db, struct batch *b, const struct step *steps,
    size_t n, int64_t id)
{
	struct db_stmt	*st;
	const char	*f;
	size_t		 i;
	int		 k;
	enum db_rc	 rc;

	for (i = 0; i < n; i++) {
		if ((st = db_tstmt(db, &purge_sqls, steps[i].sql)) == NULL)
			return db_last_rc(db);
		for (k = 0; k < steps[i].nbind; k++)
			db_bind_int(st, (size_t)k, id);
		if (steps[i].kind != STEP_FILES) {
			if ((rc = db_exec(st)) != DB_OK)
				return rc;
			if (steps[i].kind == STEP_COUNT)
				b->done += db_affected(st);
			continue;
		}
		while ((rc = db_step(st)) == DB_ROW)
			if ((f = db_col_text(st, 0)) != NULL &&
			    filelist_add(&b->files, f) == -1) {
				db_reset(st);
				return DB_ERROR;
			}
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}

/*
 * Run the category's steps on the record id and on each record merged
 * into it (ACT_FAMILY). Returns DB_OK or the database error.
 */
static enum db_rc
family_run(struct db *db, struct batch *b, int64_t id)
{
	struct db_stmt	*st;
	size_t		 i;
	enum db_rc	 rc;

	b->family.n = 0;
	if ((st = db_tstmt(db, &purge_sqls, PSQL_PERSON_FAMILY)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW)
		if (idlist_add(&b->family, db_col_int(st, 0)) == -1) {
			db_reset(st);
			return DB_ERROR;
		}
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < b->family.n; i++)
		if ((rc = steps_run(db, b, b->cat->steps, b->cat->nsteps,
		    b->family.v[i])) != DB_OK)
			return rc;
	return DB_OK;
}

/* Drop the rows of the files b->files lists. Returns DB_OK or the
 * database error. */
static enum db_rc
files_drop(struct db *db, struct batch *b)
{
	struct db_stmt	*st;
	size_t		 i;
	enum db_rc	 rc;

	for (i = 0; i < b->files.n; i++) {
		if ((st = db_tstmt(db, &purge_sqls, PSQL_FILE_DROP)) == NULL)
			return db_last_rc(db);
		db_bind_text(st, 0, b->files.v[i]);
		db_bind_text(st, 1, b->files.v[i]);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/*
 * One batch, in its transaction: lock the holds, pick at most limit rows
 * that are due and not held, act on each, and record the count. Sets
 * b->done. Returns DB_OK or the database error (db_txn retries).
 */
static enum db_rc
batch_txn(struct db *db, void *arg)
{
	struct batch		*b = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[3];
	char			 count[24], days[24];
	size_t			 n = 0, i;
	enum db_rc		 rc;

	b->done = 0;
	b->picked = 0;
	b->files.n = 0;
	if ((st = db_tstmt(db, &purge_sqls, PSQL_HOLDS_LOCK)) == NULL)
		return db_last_rc(db);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	db_reset(st);
	if ((st = db_tstmt(db, &purge_sqls, b->cat->pick_sql)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, b->rule->keep_days);
	db_bind_int(st, 1, (int64_t)b->limit);
	while (n < b->limit && (rc = db_step(st)) == DB_ROW)
		b->ids[n++] = db_col_int(st, 0);
	if (rc != DB_ROW && rc != DB_OK)
		return rc;
	db_reset(st);
	b->picked = n;
	if (n == 0)
		return DB_OK;
	rc = DB_OK;
	switch (b->cat->act) {
	case ACT_REDACT:
		rc = audit_redact(db, b->actor, b->ids, n, b->cat->name,
		    &b->done);
		break;
	case ACT_ONE:
		for (i = 0; i < n && rc == DB_OK; i++) {
			if ((st = db_tstmt(db, &purge_sqls,
			    b->cat->do_sql)) == NULL)
				return db_last_rc(db);
			db_bind_int(st, 0, b->ids[i]);
			if ((rc = db_exec(st)) == DB_OK)
				b->done += db_affected(st);
		}
		break;
	case ACT_STEPS:
		for (i = 0; i < n && rc == DB_OK; i++)
			rc = steps_run(db, b, b->cat->steps, b->cat->nsteps,
			    b->ids[i]);
		break;
	case ACT_FAMILY:
		for (i = 0; i < n && rc == DB_OK; i++)
			rc = family_run(db, b, b->ids[i]);
		break;
	case ACT_NEVER:
		return DB_ERROR;
	}
	if (rc == DB_OK)
		rc = files_drop(db, b);
	if (rc != DB_OK || b->done == 0)
		return rc;
	snprintf(count, sizeof(count), "%zu", b->done);
	snprintf(days, sizeof(days), "%lld", b->rule->keep_days);
	ch[0] = (struct audit_change){ "count", NULL, count };
	ch[1] = (struct audit_change){ "action", NULL, b->rule->action };
	ch[2] = (struct audit_change){ "keep_days", NULL, days };
	return audit_write(db, b->actor, "retention", b->cat->name, "purge",
	    ch, 3);
}

/*
 * Purge one category batch after batch until none is left. Prints the
 * count. Returns 0, or -1 on a database error (what was committed
 * stays; a rerun continues).
 */
static int
category_purge(struct db *db, const struct category *c,
    const struct rule *r, size_t limit, long long pause)
{
	struct batch	 b;
	struct actor	 act;
	char		 name[80];
	uint64_t	 total = 0;
	enum db_rc	 rc;

	admin_actor(&act, name, sizeof(name));
	memset(&b, 0, sizeof(b));
	b.cat = c;
	b.rule = r;
	b.actor = &act;
	b.limit = limit;
	if ((b.ids = calloc(limit, sizeof(*b.ids))) == NULL)
		return -1;
	for (;;) {
		if ((rc = db_txn(db, batch_txn, &b)) != DB_OK) {
			fprintf(stderr, "havre-admin: purge: %s: %s (%llu "
			    "done before; run again to go on)\n", c->name,
			    db_errmsg(db), (unsigned long long)total);
			free(b.ids);
			free(b.family.v);
			free(b.files.v);
			return -1;
		}
		total += b.done;
		if (b.picked < limit)
			break;
		admin_pause_ms(pause);
	}
	free(b.ids);
	free(b.family.v);
	free(b.files.v);
	printf("%-16s %s: %llu\n", c->name, r->action,
	    (unsigned long long)total);
	return 0;
}

/* Print what one rule would do (--dry-run). Returns 0 or -1. */
static int
category_preview(struct db *db, const struct category *c,
    const struct rule *r)
{
	long long	due, held;

	if (category_count(db, c, r, &due, &held) == -1) {
		fprintf(stderr, "havre-admin: purge: %s: %s\n", c->name,
		    db_errmsg(db));
		return -1;
	}
	printf("%-16s would %s %lld, %lld held\n", c->name, r->action, due,
	    held);
	if (strcmp(r->action, "keep") == 0)
		printf("    never purged: %s\n", r->what);
	else
		printf("    %lld days after %s: %s\n", r->keep_days,
		    r->starts, r->what);
	printf("    source: %s\n", r->source);
	return 0;
}

/*
 * havre-admin purge [--dry-run] [--category C] [--batch N] [--pause MS]
 * --dry-run lists per category what would go, what is held and why;
 * otherwise each category is purged in batches of N rows (PURGE_BATCH),
 * with a pause of MS milliseconds between batches to bound the load.
 * A rule whose category the purge does not know fails the run (a typo
 * in the rules must not pass for "nothing to purge").
 * Returns ADMIN_OK, ADMIN_FAIL or ADMIN_USAGE.
 */
int
cmd_purge(struct admin *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "category", required_argument, NULL, 'c' },
		{ "batch", required_argument, NULL, 'b' },
		{ "pause", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const struct category	*cat;
	const char		*only = NULL;
	struct rule		*rules;
	struct db		*db;
	long long		 batch = PURGE_BATCH, pause = 0;
	size_t			 n, i, k, matched = 0;
	int			 c, dry = 0, keep, rc = ADMIN_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'n')
			dry = 1;
		else if (c == 'c')
			only = optarg;
		else if (c == 'b' && valid_int(optarg, 1, PURGE_BATCH_MAX,
		    &batch))
			;
		else if (c == 'p' && valid_int(optarg, 0, PURGE_PAUSE_MAX,
		    &pause))
			;
		else
			return admin_usage(a);
	}
	if (optind != argc)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL || rules_read(db, &rules, &n) == -1)
		return ADMIN_FAIL;
	for (i = 0; i < n; i++) {
		if (only != NULL && strcmp(only, rules[i].category) != 0)
			continue;
		matched++;
		if ((cat = category_find(rules[i].category)) == NULL) {
			fprintf(stderr, "havre-admin: purge: rule %s: no such "
			    "category (known:", rules[i].category);
			for (k = 0; k < NCATEGORIES; k++)
				fprintf(stderr, " %s", categories[k].name);
			fprintf(stderr, ")\n");
			rc = ADMIN_FAIL;
			continue;
		}
		keep = strcmp(rules[i].action, "keep") == 0;
		if (cat->act == ACT_NEVER && !keep) {
			/* civil-status registers are kept for good, whatever
			 * a rule says (the rule says why) */
			fprintf(stderr, "havre-admin: purge: rule %s: this "
			    "category is never purged (its action must be "
			    "keep, not %s)\n", cat->name, rules[i].action);
			rc = ADMIN_FAIL;
			continue;
		}
		if (keep && !dry) {
			printf("%-16s keep: never purged\n", cat->name);
			continue;
		}
		if ((dry ? category_preview(db, cat, &rules[i]) :
		    category_purge(db, cat, &rules[i], (size_t)batch,
		    pause)) == -1)
			rc = ADMIN_FAIL;
	}
	free(rules);
	if (only != NULL && matched == 0) {
		fprintf(stderr, "havre-admin: purge: no enabled rule for "
		    "category %s\n", only);
		return ADMIN_FAIL;
	}
	return rc;
}

-- 0061: retention of case files, identity records and visit timings,
-- and civil-status acts kept for good (issue 20; havre-admin purge,
-- docs/data-protection.md). Numbered after 0051 because it changes and
-- fills retention_rule, which 0051 creates (a migration numbered before
-- it fails on a new database); the marks it relies on are in 0041.
--
-- 'keep' is a rule that never purges: the category is shown with its
-- legal source, the dry run counts what it keeps, and the purge refuses
-- any other action for it.
ALTER TABLE retention_rule MODIFY action
	ENUM('anonymise','erase','redact','keep') NOT NULL;

INSERT INTO retention_rule (category, keep_days, action, starts, what,
    legal_source, updated_at) VALUES
('visit_timings', 180, 'anonymise', 'the appointment''s date',
 'the link between an appointment (with its visit at reception) and the person''s identity record; the date, service, status, tickets and visit timings stay for the statistics, no longer anyone''s. An interview appointment of a case file follows the case file',
 'GDPR art. 5(1)(c) and (e), art. 89(1) (statistics kept without identifying anyone)', UTC_TIMESTAMP(6)),
('closed_dossier', 1825, 'anonymise', 'the closed case file''s last event (its closing, or anything done to it after)',
 'a closed case file''s persons (the links to their records), officers'' notes, documents and their files, decision texts, event details, exchanges'' questions, answers and attachments, SMS texts, and its interview appointments'' contacts and links; its reference, procedure, statuses, dates, clocks and decisions'' outcomes stay for the monitoring. A case file with an open exchange stays',
 'GDPR art. 5(1)(e); the agency''s records schedule agreed with its archives service (Code du patrimoine art. L212-2): five years covers an appeal and a subsequent application', UTC_TIMESTAMP(6)),
('identity_record', 365, 'anonymise', 'the record''s last change, once no case file, appointment, civil-status act, issued document, open request or draft uses it',
 'the identity record''s names, birth, nationality, parents'', documents, contacts, photo, family links, search keys and the snapshots of its merges (with the records merged into it); its number stays so that other rows keep pointing at something',
 'GDPR art. 5(1)(c) and (e), art. 17(1)(a) (no longer necessary)', UTC_TIMESTAMP(6)),
('civil_act', 0, 'keep', 'the act''s request',
 'civil-status acts, their versions, mentions and sources, and the persons they name',
 'Civil-status registers are permanent public archives (Code du patrimoine art. L211-4 and L213-2: open after 75 years); GDPR art. 17(3)(b) and (d)', UTC_TIMESTAMP(6));

-- 0051: retention per purpose, legal holds (issue 20).
--
-- retention_rule: one row per category of personal data; the purge
-- (havre-admin purge) removes or anonymises what is older than keep_days
-- counted from the category's start event, unless a legal hold covers
-- it. The rules are data: an agency sets its own lengths and sources.
CREATE TABLE retention_rule (
	category VARCHAR(32) CHARACTER SET ascii NOT NULL,
	keep_days INT NOT NULL,
	action ENUM('anonymise','erase','redact') NOT NULL,
	-- what the period counts from, and what goes (for the officer)
	starts VARCHAR(200) NOT NULL,
	what VARCHAR(400) NOT NULL,
	legal_source VARCHAR(400) NOT NULL,
	enabled TINYINT NOT NULL DEFAULT 1,
	updated_at DATETIME(6) NOT NULL,
	PRIMARY KEY (category),
	-- 0: as soon as the start event has passed
	CONSTRAINT retention_keep CHECK (keep_days >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO retention_rule (category, keep_days, action, starts, what,
    legal_source, updated_at) VALUES
('booking_contact', 90, 'anonymise', 'the appointment''s date',
 'names, phone, document number and notes of an appointment (its date, service, status and visit timings stay for the statistics); an interview appointment of a case file follows the case file',
 'GDPR art. 5(1)(c) and (e) (data minimisation, storage limitation); the booking notice given to applicants', UTC_TIMESTAMP(6)),
('sms_content', 90, 'anonymise', 'the message''s creation',
 'text and phone number of a sent, delivered or failed SMS (event, parts, status and times stay)',
 'GDPR art. 5(1)(e); ePrivacy directive 2002/58/EC art. 6 (traffic data)', UTC_TIMESTAMP(6)),
('sms_replies', 90, 'anonymise', 'the reply''s arrival',
 'the sender''s phone number of an SMS reply (keyword, action and time stay)',
 'GDPR art. 5(1)(e); ePrivacy directive 2002/58/EC art. 6 (traffic data)', UTC_TIMESTAMP(6)),
('access_log', 1825, 'erase', 'the access',
 'records of who read a person''s or a case file''s page',
 'GDPR art. 5(2) and 32 (accountability, security of processing); the agency''s logging policy (5 years)', UTC_TIMESTAMP(6)),
('audit_values', 3650, 'redact', 'the event',
 'old and new values in audit events about persons, appointments, visits, duplicate pairs, case files, exchanges and agents (who did what and when stays, and the chain keeps verifying)',
 'GDPR art. 5(1)(e); the agency''s archiving rules for case records (10 years)', UTC_TIMESTAMP(6));

-- legal_hold: a pending appeal, litigation or a supervisor's hold
-- suspends the purge of everything it covers: a person (their
-- appointments, SMS, access records and audit events), a case file (its
-- persons and everything of theirs) or one appointment. Released holds
-- stay as history.
CREATE TABLE legal_hold (
	id BIGINT NOT NULL AUTO_INCREMENT,
	kind ENUM('appeal','litigation','supervisor') NOT NULL,
	entity ENUM('person','dossier','appointment') NOT NULL,
	entity_id BIGINT NOT NULL,
	reason VARCHAR(500) NOT NULL,
	placed_at DATETIME(6) NOT NULL,
	placed_by VARCHAR(100) NOT NULL,
	released_at DATETIME(6) NULL,
	released_by VARCHAR(100) NULL,
	PRIMARY KEY (id),
	KEY hold_entity (entity, entity_id, released_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the holds in force cover, as the purge reads it.
CREATE VIEW held_person AS
	SELECT h.entity_id AS person_id FROM legal_hold h
	WHERE h.released_at IS NULL AND h.entity = 'person'
	UNION
	SELECT dp.person_id FROM legal_hold h
	JOIN dossier_person dp ON dp.dossier_id = h.entity_id
	WHERE h.released_at IS NULL AND h.entity = 'dossier';
CREATE VIEW held_appointment AS
	SELECT h.entity_id AS appointment_id FROM legal_hold h
	WHERE h.released_at IS NULL AND h.entity = 'appointment'
	UNION
	SELECT pa.appointment_id FROM person_appointment pa
	JOIN held_person hp ON hp.person_id = pa.person_id
	UNION
	SELECT da.appointment_id FROM legal_hold h
	JOIN dossier_appointment da ON da.dossier_id = h.entity_id
	WHERE h.released_at IS NULL AND h.entity = 'dossier';
CREATE VIEW held_dossier AS
	SELECT h.entity_id AS dossier_id FROM legal_hold h
	WHERE h.released_at IS NULL AND h.entity = 'dossier'
	UNION
	SELECT dp.dossier_id FROM dossier_person dp
	JOIN held_person hp ON hp.person_id = dp.person_id;

-- What has been purged already, so that a rerun takes up where the last
-- run stopped and counts nothing twice.
ALTER TABLE appointment ADD COLUMN contact_purged_at DATETIME(6) NULL,
	ADD KEY appointment_purge (contact_purged_at, start_utc);
ALTER TABLE outbox_message ADD COLUMN purged_at DATETIME(6) NULL,
	ADD KEY outbox_purge (purged_at, created_at);
ALTER TABLE sms_inbound ADD KEY inbound_at (at);
ALTER TABLE audit_event ADD KEY audit_redact (redacted_at, at);

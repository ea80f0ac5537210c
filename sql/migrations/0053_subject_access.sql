-- 0053: the subject-access export (issue 20 item 1, GDPR art. 15).
--
-- An agent holding dataprotection.export produces, for one person,
-- everything Havre holds about them (havre-identity,
-- /identity/persons/{id}/export, as a printable page in two languages
-- and as JSON). The data-protection officer's role holds it with the
-- other data-protection permissions; the administrator holds every
-- permission.
INSERT INTO permission (name, description) VALUES
	('dataprotection.export', 'Produce a person''s subject-access export (everything held about them)'),
	('dataprotection.retention', 'Edit retention rules; place and release legal holds'),
	('dataprotection.review', 'Review agents'' reads of persons and case files, and break-glass openings');

INSERT INTO role (name, label) VALUES
	('data_protection_officer', 'Data-protection officer');

INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.name FROM role r JOIN permission p ON p.name IN
	('dataprotection.export', 'dataprotection.retention',
	 'dataprotection.review', 'identity.search', 'audit.view')
	WHERE r.name = 'data_protection_officer';
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.name FROM role r JOIN permission p ON p.name IN
	('dataprotection.export', 'dataprotection.retention',
	 'dataprotection.review')
	WHERE r.name = 'administrator';
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'dataprotection.review' FROM role r
	WHERE r.name = 'supervisor';

-- What the law lets the agency withhold from an export, per category
-- (the export's section names): 'always', or 'pending' (only what
-- belongs to a case file still open). The export lists every category
-- it withheld, with how many entries and this source; it never hides
-- that something was withheld.
CREATE TABLE subject_access_withhold (
	category VARCHAR(32) CHARACTER SET ascii NOT NULL,
	scope ENUM('always', 'pending') NOT NULL,
	legal_source VARCHAR(400) NOT NULL,
	enabled TINYINT NOT NULL DEFAULT 1,
	updated_at DATETIME(6) NOT NULL,
	PRIMARY KEY (category)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO subject_access_withhold (category, scope, legal_source,
    updated_at) VALUES
('dossier_notes', 'pending',
 'GDPR art. 23(1)(e) and (h) and national law: the officers'' internal notes on a claim are withheld while the decision is pending; they are given once the case file is closed',
 UTC_TIMESTAMP(6));

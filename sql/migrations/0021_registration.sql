-- 0021: the registration desk (issue 16; modules/registration). A
-- household is typed step by step into a draft kept server-side (one
-- open draft per agent: the desk's current registration, resumed where
-- it stopped, purged after Registration.DraftDays), checked, then saved
-- in one transaction that creates or links the persons, their family
-- links and the principal's dossier, and records the triage.

CREATE TABLE registration_draft (
	id BIGINT NOT NULL AUTO_INCREMENT,
	agent_id BIGINT NOT NULL,
	status ENUM('open', 'saved') NOT NULL DEFAULT 'open',
	lodged_on DATE NOT NULL,
	-- the saved household: its dossier (the receipt's reference)
	dossier_id BIGINT NULL,
	created_at DATETIME(6) NOT NULL,
	updated_at DATETIME(6) NOT NULL,
	PRIMARY KEY (id),
	KEY registration_draft_agent (agent_id, status),
	KEY registration_draft_updated (status, updated_at),
	CONSTRAINT registration_draft_agent_fk FOREIGN KEY (agent_id)
		REFERENCES agent (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One person of a draft household: position 1 is the principal
-- applicant, the others carry their relation to the principal. The
-- fields as the desk typed them (checked before they are stored).
CREATE TABLE registration_member (
	id BIGINT NOT NULL AUTO_INCREMENT,
	draft_id BIGINT NOT NULL,
	position TINYINT NOT NULL,
	relation ENUM('principal', 'spouse', 'child', 'parent', 'sibling')
		NOT NULL,
	family_name VARCHAR(200) NOT NULL DEFAULT '',
	given_names VARCHAR(200) NOT NULL DEFAULT '',
	family_latin VARCHAR(400) NOT NULL DEFAULT '',
	given_latin VARCHAR(400) NOT NULL DEFAULT '',
	sex CHAR(1) CHARACTER SET ascii NOT NULL DEFAULT '',
	birth VARCHAR(10) CHARACTER SET ascii NOT NULL DEFAULT '',
	nationality CHAR(3) CHARACTER SET ascii NOT NULL DEFAULT '',
	languages VARCHAR(100) NOT NULL DEFAULT '',
	interpreter VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT '',
	phone VARCHAR(32) CHARACTER SET ascii NOT NULL DEFAULT '',
	address VARCHAR(300) NOT NULL DEFAULT '',
	doc_type VARCHAR(24) CHARACTER SET ascii NOT NULL DEFAULT '',
	doc_number VARCHAR(64) NOT NULL DEFAULT '',
	doc_country CHAR(3) CHARACTER SET ascii NOT NULL DEFAULT '',
	doc_issued VARCHAR(10) CHARACTER SET ascii NOT NULL DEFAULT '',
	doc_expiry VARCHAR(10) CHARACTER SET ascii NOT NULL DEFAULT '',
	mrz VARCHAR(200) CHARACTER SET ascii NOT NULL DEFAULT '',
	-- UNHCR's specific-needs categories, comma-separated codes
	needs VARCHAR(200) CHARACTER SET ascii NOT NULL DEFAULT '',
	leaflet VARCHAR(32) CHARACTER SET ascii NOT NULL DEFAULT '',
	leaflet_lang VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT '',
	consent TINYINT NOT NULL DEFAULT 0,
	-- the duplicate check's outcome: '' not run or candidates waiting,
	-- 'create' (no candidate, or the agent said none is this person),
	-- 'link' (link_person_id is this person)
	decision ENUM('', 'create', 'link') NOT NULL DEFAULT '',
	link_person_id BIGINT NULL,
	-- the candidates the agent saw (ids, comma-separated): a check at
	-- saving that finds another one asks again
	seen VARCHAR(400) CHARACTER SET ascii NOT NULL DEFAULT '',
	PRIMARY KEY (id),
	UNIQUE KEY registration_member_position (draft_id, position),
	CONSTRAINT registration_member_draft_fk FOREIGN KEY (draft_id)
		REFERENCES registration_draft (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The triage rules: configurable data. Each matching rule proposes its
-- procedure with its reason; the lowest rank wins; a rule with
-- priority_track puts the household on the priority track.
--   safe_country: the principal's nationality (value) is on the agency's
--     list of safe countries of origin (Directive 2013/32/EU, art. 31(8)(b)
--     and 36-37): accelerated examination;
--   previous_application: a member linked to an existing person who has
--     a case file (art. 40: a subsequent application);
--   specific_need: a member with the need (value) needs special
--     procedural guarantees (art. 24(3)): not accelerated, priority track;
--   family_protected: a member linked to an existing person granted
--     protection: family reunification.
CREATE TABLE registration_rule (
	id BIGINT NOT NULL AUTO_INCREMENT,
	kind ENUM('safe_country', 'previous_application', 'specific_need',
		'family_protected') NOT NULL,
	value VARCHAR(32) CHARACTER SET ascii NOT NULL DEFAULT '',
	procedure_code VARCHAR(32) CHARACTER SET ascii NOT NULL,
	rank_order INT NOT NULL,
	priority_track TINYINT NOT NULL DEFAULT 0,
	active TINYINT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY registration_rule_kind (kind, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO registration_rule (kind, value, procedure_code, rank_order,
    priority_track) VALUES
	('previous_application', '', 'subsequent', 10, 0),
	('specific_need', 'unaccompanied_child', 'regular', 20, 1),
	('specific_need', 'separated_child', 'regular', 20, 1),
	('specific_need', 'torture_survivor', 'regular', 20, 1),
	('specific_need', 'serious_medical', 'regular', 20, 1),
	('specific_need', 'disability', 'regular', 20, 1),
	('specific_need', 'pregnant_lactating', 'regular', 20, 1),
	('specific_need', 'older_at_risk', 'regular', 20, 1),
	('specific_need', 'single_parent', 'regular', 30, 0),
	('family_protected', '', 'family_reunification', 40, 0),
	('safe_country', 'ALB', 'accelerated', 50, 0),
	('safe_country', 'BIH', 'accelerated', 50, 0),
	('safe_country', 'MKD', 'accelerated', 50, 0),
	('safe_country', 'MNE', 'accelerated', 50, 0),
	('safe_country', 'SRB', 'accelerated', 50, 0),
	('safe_country', 'GEO', 'accelerated', 50, 0),
	('safe_country', 'MDA', 'accelerated', 50, 0);

-- The triage of a saved household: what the rules proposed and why,
-- what the registrar chose and, when it differs, the reason.
CREATE TABLE registration_triage (
	id BIGINT NOT NULL AUTO_INCREMENT,
	draft_id BIGINT NOT NULL,
	dossier_id BIGINT NOT NULL,
	proposed VARCHAR(32) CHARACTER SET ascii NOT NULL,
	reasons VARCHAR(400) NOT NULL DEFAULT '',
	chosen VARCHAR(32) CHARACTER SET ascii NOT NULL,
	priority_track TINYINT NOT NULL DEFAULT 0,
	override_reason VARCHAR(500) NOT NULL DEFAULT '',
	agent_id BIGINT NULL,
	created_at DATETIME(6) NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY registration_triage_draft (draft_id),
	KEY registration_triage_dossier (dossier_id),
	CONSTRAINT registration_triage_dossier_fk FOREIGN KEY (dossier_id)
		REFERENCES dossier (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

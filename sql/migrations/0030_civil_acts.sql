-- 0030: civil-status acts (issue 17, items 1-3 and 7): requests for a
-- birth, marriage or death act, their sources (uploaded documents with
-- their pages rendered to images, declarations, the identity record),
-- the values read in each source, the value chosen for each field with
-- its source and reason, the four-eyes reviews with their per-field
-- comments, the established versions (an amendment keeps the previous
-- one) and the marginal mentions. Statuses through the workflow facility
-- (wf_procedure kind 'civil').

-- An act. status is a status code of its procedure version; act_version
-- counts its establishments (1 for the first, 2 after an amendment ...).
-- submitted_by is the agent who last sent it to verification: with every
-- agent who chose one of its current values, a drafter who may not
-- validate it (four eyes).
CREATE TABLE civil_act (
	id BIGINT NOT NULL AUTO_INCREMENT,
	kind VARCHAR(16) CHARACTER SET ascii NOT NULL,	-- birth, marriage, death
	person_id BIGINT NOT NULL,
	dossier_id BIGINT NULL,
	procedure_version_id BIGINT NOT NULL,
	status VARCHAR(32) CHARACTER SET ascii NOT NULL,
	act_version INT NOT NULL DEFAULT 1,
	requested_at DATETIME(6) NOT NULL,
	requested_by BIGINT NULL,
	officer_id BIGINT NULL,		-- who prepares it (the first to edit it)
	submitted_by BIGINT NULL,
	amend_reason VARCHAR(1000) NULL,	-- the amendment under way
	established_at DATETIME(6) NULL,	-- its first establishment
	version INT NOT NULL DEFAULT 1,		-- optimistic concurrency
	updated_at DATETIME(6) NOT NULL,
	PRIMARY KEY (id),
	KEY civil_act_person (person_id),
	KEY civil_act_status (status, requested_at),
	KEY civil_act_established (established_at),
	CONSTRAINT civil_act_person_fk FOREIGN KEY (person_id)
		REFERENCES person (id),
	CONSTRAINT civil_act_dossier_fk FOREIGN KEY (dossier_id)
		REFERENCES dossier (id),
	CONSTRAINT civil_act_procedure_fk FOREIGN KEY (procedure_version_id)
		REFERENCES wf_procedure_version (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A source of an act: an uploaded document (a file of the store,
-- purpose civil.source; a PDF's pages rendered to PNG files of purpose
-- civil.page at upload), a declaration (who declared what), or the
-- person's identity record (the values pre-filled from it).
CREATE TABLE civil_source (
	id BIGINT NOT NULL AUTO_INCREMENT,
	act_id BIGINT NOT NULL,
	kind VARCHAR(16) CHARACTER SET ascii NOT NULL,	-- document, declaration, identity
	title VARCHAR(200) NOT NULL,
	file_id CHAR(32) CHARACTER SET ascii NULL,
	pages INT NOT NULL DEFAULT 0,
	declarant VARCHAR(200) NULL,
	statement TEXT NULL,
	created_at DATETIME(6) NOT NULL,
	created_by BIGINT NULL,
	PRIMARY KEY (id),
	KEY civil_source_act (act_id, id),
	CONSTRAINT civil_source_act_fk FOREIGN KEY (act_id)
		REFERENCES civil_act (id),
	CONSTRAINT civil_source_file_fk FOREIGN KEY (file_id)
		REFERENCES stored_file (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A page of a document source as an image: the uploaded image itself
-- (page 1), or a PDF page rendered by pdftoppm in a separate process.
CREATE TABLE civil_source_page (
	source_id BIGINT NOT NULL,
	page INT NOT NULL,
	file_id CHAR(32) CHARACTER SET ascii NOT NULL,
	PRIMARY KEY (source_id, page),
	CONSTRAINT civil_source_page_source_fk FOREIGN KEY (source_id)
		REFERENCES civil_source (id),
	CONSTRAINT civil_source_page_file_fk FOREIGN KEY (file_id)
		REFERENCES stored_file (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A value of a field as read in a source (as written there: another
-- spelling, a date in another calendar), where (page, rectangle "x,y,w,h"
-- in percent of the page), by whom.
CREATE TABLE civil_found (
	id BIGINT NOT NULL AUTO_INCREMENT,
	act_id BIGINT NOT NULL,
	field VARCHAR(32) CHARACTER SET ascii NOT NULL,
	source_id BIGINT NOT NULL,
	page INT NULL,
	rect VARCHAR(32) CHARACTER SET ascii NULL,
	value VARCHAR(400) NOT NULL,
	created_at DATETIME(6) NOT NULL,
	created_by BIGINT NULL,
	PRIMARY KEY (id),
	KEY civil_found_act (act_id, field, id),
	CONSTRAINT civil_found_act_fk FOREIGN KEY (act_id)
		REFERENCES civil_act (id),
	CONSTRAINT civil_found_source_fk FOREIGN KEY (source_id)
		REFERENCES civil_source (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The chosen value of a field of the current version: as written (the
-- original script for names) and in Latin letters (names), its source
-- (page, rectangle), the reason for the choice, who chose it.
CREATE TABLE civil_field (
	act_id BIGINT NOT NULL,
	field VARCHAR(32) CHARACTER SET ascii NOT NULL,
	value VARCHAR(400) NOT NULL,
	value_latin VARCHAR(400) NULL,
	source_id BIGINT NOT NULL,
	page INT NULL,
	rect VARCHAR(32) CHARACTER SET ascii NULL,
	reason VARCHAR(1000) NULL,
	chosen_at DATETIME(6) NOT NULL,
	chosen_by BIGINT NULL,
	PRIMARY KEY (act_id, field),
	CONSTRAINT civil_field_act_fk FOREIGN KEY (act_id)
		REFERENCES civil_act (id),
	CONSTRAINT civil_field_source_fk FOREIGN KEY (source_id)
		REFERENCES civil_source (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each established version of an act, whole (fields with their sources
-- and reasons as JSON): what an amendment leaves behind.
CREATE TABLE civil_act_version (
	act_id BIGINT NOT NULL,
	number INT NOT NULL,
	fields MEDIUMTEXT NOT NULL,
	amend_reason VARCHAR(1000) NULL,	-- why this version replaced the last
	established_at DATETIME(6) NOT NULL,
	established_by BIGINT NULL,
	drafted_by BIGINT NULL,
	PRIMARY KEY (act_id, number),
	CONSTRAINT civil_act_version_act_fk FOREIGN KEY (act_id)
		REFERENCES civil_act (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A four-eyes review: validated or sent back, with comments per field.
CREATE TABLE civil_review (
	id BIGINT NOT NULL AUTO_INCREMENT,
	act_id BIGINT NOT NULL,
	act_version INT NOT NULL,
	decision VARCHAR(16) CHARACTER SET ascii NOT NULL,	-- validated, returned
	reviewer BIGINT NOT NULL,
	at DATETIME(6) NOT NULL,
	PRIMARY KEY (id),
	KEY civil_review_act (act_id, id),
	CONSTRAINT civil_review_act_fk FOREIGN KEY (act_id)
		REFERENCES civil_act (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE civil_review_comment (
	review_id BIGINT NOT NULL,
	field VARCHAR(32) CHARACTER SET ascii NOT NULL,
	comment VARCHAR(1000) NOT NULL,
	PRIMARY KEY (review_id, field),
	CONSTRAINT civil_review_comment_fk FOREIGN KEY (review_id)
		REFERENCES civil_review (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Marginal mentions on an established act.
CREATE TABLE civil_mention (
	id BIGINT NOT NULL AUTO_INCREMENT,
	act_id BIGINT NOT NULL,
	kind VARCHAR(16) CHARACTER SET ascii NOT NULL,	-- marriage, divorce, death, name_change
	on_date DATE NOT NULL,
	text VARCHAR(1000) NOT NULL,
	created_at DATETIME(6) NOT NULL,
	created_by BIGINT NULL,
	PRIMARY KEY (id),
	KEY civil_mention_act (act_id, id),
	CONSTRAINT civil_mention_act_fk FOREIGN KEY (act_id)
		REFERENCES civil_act (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The act's procedure: requested -> preparation -> verification ->
-- established; verification -> preparation (sent back by the second
-- officer); established -> amended (an amendment opened: the established
-- version stays in civil_act_version) -> verification.
INSERT INTO wf_procedure (code, kind, name, current_version, version, updated_at)
	VALUES ('civil_act', 'civil', 'Civil-status act', 1, 1, UTC_TIMESTAMP(6));
INSERT INTO wf_procedure_version (procedure_id, number, definition, created_at)
	SELECT id, 1, '{"initial":"requested","statuses":[{"code":"requested","label":{"en":"Requested","fr":"Demandé","ar":"مطلوب"}},{"code":"preparation","label":{"en":"In preparation","fr":"En préparation","ar":"قيد الإعداد"}},{"code":"verification","label":{"en":"In verification","fr":"En vérification","ar":"قيد التحقق"}},{"code":"established","label":{"en":"Established","fr":"Établi","ar":"محرَّر"}},{"code":"amended","label":{"en":"Amendment in preparation","fr":"Rectification en préparation","ar":"تصحيح قيد الإعداد"}}],"transitions":[{"from":"requested","to":"preparation","permission":"civil.draft"},{"from":"preparation","to":"verification","permission":"civil.draft"},{"from":"verification","to":"preparation","permission":"civil.sign"},{"from":"verification","to":"established","permission":"civil.sign"},{"from":"established","to":"amended","permission":"civil.draft"},{"from":"amended","to":"verification","permission":"civil.draft"}],"deadlines":[]}', UTC_TIMESTAMP(6) FROM wf_procedure WHERE code = 'civil_act';

-- Supervisors see the backlog.
INSERT INTO permission (name, description) VALUES
	('civil.backlog', 'See the civil-status backlog and processing times');
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'civil.backlog' FROM role r
	WHERE r.name IN ('administrator', 'supervisor');

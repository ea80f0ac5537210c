-- 0005: identity, second part (issue 8). Duplicate pairs and the
-- decisions on them, reversible merges (every moved row recorded so that
-- an unmerge moves it back), family links, appointments linked to a
-- person explicitly, and the consistency warnings an agent acknowledged.

-- A death date (consistency checks: no child born after a parent died)
-- and a document's issue date (no document expiring before its issue).
ALTER TABLE person ADD COLUMN death_date DATE NULL AFTER birth_precision;
ALTER TABLE person_document ADD COLUMN issued DATE NULL AFTER issuing_country;

-- One row per pair of persons (person_a < person_b) the matcher scored
-- probable or above. status: pending (from an import or the API, in the
-- review queue), distinct (an agent said "not the same person", reason
-- given), same (an agent said "same person": a merge is to be done),
-- merged (the merge was done). fingerprint_a/_b are the fingerprints of
-- both records' identifying fields when the decision was taken: a
-- decision holds while both still match, and is asked again as soon as
-- an identifying field of either record changes.
CREATE TABLE duplicate_pair (
	id BIGINT NOT NULL AUTO_INCREMENT,
	person_a BIGINT NOT NULL,
	person_b BIGINT NOT NULL,
	status ENUM('pending', 'distinct', 'same', 'merged') NOT NULL DEFAULT 'pending',
	origin ENUM('form', 'api', 'import') NOT NULL,
	score DECIMAL(4,3) NOT NULL DEFAULT 0,
	class VARCHAR(10) CHARACTER SET ascii NOT NULL DEFAULT '',
	explanation VARCHAR(1000) NOT NULL DEFAULT '',
	fingerprint_a CHAR(32) CHARACTER SET ascii NOT NULL DEFAULT '',
	fingerprint_b CHAR(32) CHARACTER SET ascii NOT NULL DEFAULT '',
	reason VARCHAR(500) NOT NULL DEFAULT '',
	detected_at DATETIME(6) NOT NULL,
	decided_at DATETIME(6) NULL,
	decided_by BIGINT NULL,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY pair_persons (person_a, person_b),
	KEY pair_b (person_b),
	KEY pair_status (status, detected_at),
	CONSTRAINT pair_a_fk FOREIGN KEY (person_a) REFERENCES person (id),
	CONSTRAINT pair_b_fk FOREIGN KEY (person_b) REFERENCES person (id),
	CONSTRAINT pair_order CHECK (person_a < person_b)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Family links: relative_id is person_id's <relation> (a 'parent' row
-- says relative_id is person_id's parent). Every link has its reciprocal
-- (parent <-> child, spouse <-> spouse, sibling <-> sibling), written and
-- removed in the same transaction.
CREATE TABLE person_link (
	id BIGINT NOT NULL AUTO_INCREMENT,
	person_id BIGINT NOT NULL,
	relative_id BIGINT NOT NULL,
	relation ENUM('spouse', 'parent', 'child', 'sibling') NOT NULL,
	created_at DATETIME(6) NOT NULL,
	created_by BIGINT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY link_pair (person_id, relative_id, relation),
	KEY link_relative (relative_id),
	CONSTRAINT link_person_fk FOREIGN KEY (person_id) REFERENCES person (id),
	CONSTRAINT link_relative_fk FOREIGN KEY (relative_id) REFERENCES person (id),
	CONSTRAINT link_not_self CHECK (person_id <> relative_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Appointments linked to a person explicitly (besides those matched by
-- a document number); they follow the person through merges.
CREATE TABLE person_appointment (
	appointment_id BIGINT NOT NULL,
	person_id BIGINT NOT NULL,
	linked_at DATETIME(6) NOT NULL,
	linked_by BIGINT NULL,
	PRIMARY KEY (appointment_id),
	KEY person_appointment_person (person_id),
	CONSTRAINT pa_appointment_fk FOREIGN KEY (appointment_id) REFERENCES appointment (id),
	CONSTRAINT pa_person_fk FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Consistency warnings (child born before a parent was 12 or after the
-- parent's death, spouse under 16, document expiring before its issue)
-- that an agent acknowledged when saving: kept with the record.
CREATE TABLE person_warning (
	id BIGINT NOT NULL AUTO_INCREMENT,
	person_id BIGINT NOT NULL,
	code VARCHAR(32) CHARACTER SET ascii NOT NULL,
	detail VARCHAR(400) NOT NULL DEFAULT '',
	acknowledged_by BIGINT NULL,
	acknowledged_at DATETIME(6) NOT NULL,
	PRIMARY KEY (id),
	KEY warning_person (person_id, acknowledged_at),
	CONSTRAINT warning_person_fk FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A merge: merged_id's record now redirects to survivor_id. status done,
-- or undone after an unmerge. survivor_version is the survivor's version
-- right after the merge: an unmerge is refused once the survivor changed
-- again (its later changes would be lost).
CREATE TABLE person_merge (
	id BIGINT NOT NULL AUTO_INCREMENT,
	survivor_id BIGINT NOT NULL,
	merged_id BIGINT NOT NULL,
	pair_id BIGINT NULL,
	status ENUM('done', 'undone') NOT NULL DEFAULT 'done',
	survivor_version INT NOT NULL,
	merged_at DATETIME(6) NOT NULL,
	merged_by BIGINT NULL,
	undone_at DATETIME(6) NULL,
	undone_by BIGINT NULL,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	KEY merge_survivor (survivor_id),
	KEY merge_merged (merged_id),
	CONSTRAINT merge_survivor_fk FOREIGN KEY (survivor_id) REFERENCES person (id),
	CONSTRAINT merge_merged_fk FOREIGN KEY (merged_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The survivor's own fields before the merge (the field-by-field choice
-- may have replaced them): an unmerge writes them back as they were.
CREATE TABLE person_merge_snapshot (
	merge_id BIGINT NOT NULL,
	family_name VARCHAR(200) NOT NULL,
	given_names VARCHAR(200) NOT NULL,
	family_name_latin VARCHAR(400) NOT NULL,
	given_names_latin VARCHAR(400) NOT NULL,
	sex CHAR(1) CHARACTER SET ascii NULL,
	birth_year SMALLINT NOT NULL,
	birth_month TINYINT NOT NULL,
	birth_day TINYINT NOT NULL,
	birth_precision ENUM('unknown', 'year', 'month', 'day') NOT NULL,
	death_date DATE NULL,
	birth_place VARCHAR(200) NOT NULL,
	nationality CHAR(3) CHARACTER SET ascii NULL,
	father_name VARCHAR(200) NOT NULL,
	mother_name VARCHAR(200) NOT NULL,
	PRIMARY KEY (merge_id),
	CONSTRAINT snapshot_merge_fk FOREIGN KEY (merge_id) REFERENCES person_merge (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every row a merge moved: table_name.column_name of row row_id went
-- from from_id (the merged record) to to_id (the survivor). An unmerge
-- moves each back. table_name is one of a fixed list known to the code
-- (person_document, person_contact, person_link, person_appointment;
-- later dossiers and civil-status acts add theirs), never used to build
-- SQL.
CREATE TABLE person_merge_move (
	id BIGINT NOT NULL AUTO_INCREMENT,
	merge_id BIGINT NOT NULL,
	table_name VARCHAR(64) CHARACTER SET ascii NOT NULL,
	column_name VARCHAR(64) CHARACTER SET ascii NOT NULL,
	row_id BIGINT NOT NULL,
	from_id BIGINT NOT NULL,
	to_id BIGINT NOT NULL,
	PRIMARY KEY (id),
	KEY move_merge (merge_id),
	CONSTRAINT move_merge_fk FOREIGN KEY (merge_id) REFERENCES person_merge (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

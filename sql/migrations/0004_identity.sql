-- 0004: identity. Person records with their names as written (any
-- script) and their Latin forms, a birth date with its precision,
-- identity documents, contacts, a photo (a reference into the encrypted
-- upload store), and the blocking keys of the matcher (modules/match)
-- that search and the import look candidates up by.
-- Merges, duplicate decisions and family links come with a later
-- migration (issue 8): person.status/merged_into are ready for them.

CREATE TABLE person (
	id BIGINT NOT NULL AUTO_INCREMENT,
	-- names as written (any script) and their Latin forms (ICU + dictionary)
	family_name VARCHAR(200) NOT NULL DEFAULT '',
	given_names VARCHAR(200) NOT NULL DEFAULT '',
	family_name_latin VARCHAR(400) NOT NULL DEFAULT '',
	given_names_latin VARCHAR(400) NOT NULL DEFAULT '',
	sex CHAR(1) CHARACTER SET ascii NULL,
	-- birth date: unknown parts are 0; precision says which parts are known
	birth_year SMALLINT NOT NULL DEFAULT 0,
	birth_month TINYINT NOT NULL DEFAULT 0,
	birth_day TINYINT NOT NULL DEFAULT 0,
	birth_precision ENUM('unknown', 'year', 'month', 'day') NOT NULL DEFAULT 'unknown',
	birth_place VARCHAR(200) NOT NULL DEFAULT '',
	-- ISO 3166 alpha-3 or ICAO XXA/XXB/XXC/XXX
	nationality CHAR(3) CHARACTER SET ascii NULL,
	father_name VARCHAR(200) NOT NULL DEFAULT '',
	mother_name VARCHAR(200) NOT NULL DEFAULT '',
	-- where the record came from: 'havre' for records made here, else the
	-- legacy system of an import; source_id is that system's id
	source VARCHAR(64) NOT NULL DEFAULT 'havre',
	source_id VARCHAR(128) NULL,
	status ENUM('active', 'merged') NOT NULL DEFAULT 'active',
	merged_into BIGINT NULL,
	created_at DATETIME(6) NOT NULL,
	updated_at DATETIME(6) NOT NULL,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY person_source (source, source_id),
	KEY person_merged (merged_into),
	CONSTRAINT person_merged_into FOREIGN KEY (merged_into) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Identity documents. number is as written, number_norm the matcher's
-- form (upper case, letters and digits only) that searches compare.
CREATE TABLE person_document (
	id BIGINT NOT NULL AUTO_INCREMENT,
	person_id BIGINT NOT NULL,
	doc_type ENUM('passport', 'id_card', 'residence_permit', 'travel_document',
		'birth_certificate', 'driving_licence', 'other') NOT NULL,
	number VARCHAR(64) NOT NULL,
	number_norm VARCHAR(64) CHARACTER SET ascii NOT NULL,
	issuing_country CHAR(3) CHARACTER SET ascii NULL,
	expiry DATE NULL,
	-- the machine-readable zone as read (lines joined by a newline),
	-- kept only once its check digits were verified
	mrz VARCHAR(200) CHARACTER SET ascii NULL,
	created_at DATETIME(6) NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY document_person (person_id, doc_type, number_norm),
	KEY document_number (number_norm),
	CONSTRAINT document_person_fk FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Phone numbers (E.164) and, later, other ways to reach the person.
CREATE TABLE person_contact (
	id BIGINT NOT NULL AUTO_INCREMENT,
	person_id BIGINT NOT NULL,
	kind ENUM('phone') NOT NULL DEFAULT 'phone',
	value VARCHAR(32) CHARACTER SET ascii NOT NULL,
	created_at DATETIME(6) NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY contact_person (person_id, kind, value),
	KEY contact_value (value),
	CONSTRAINT contact_person_fk FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Blocking keys (match_keys()): rewritten with every change of the
-- person's names, dates or documents, in the same transaction. The
-- primary key puts the key first, so that a lookup by key is an index
-- range scan; the second index serves the rewrite.
CREATE TABLE person_name_key (
	`key` VARCHAR(48) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	person_id BIGINT NOT NULL,
	PRIMARY KEY (`key`, person_id),
	KEY name_key_person (person_id),
	CONSTRAINT name_key_person_fk FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- The photo: a file of the encrypted upload store (modules/common/upload.c),
-- its type decided by libmagic. One current photo per person.
CREATE TABLE person_photo (
	person_id BIGINT NOT NULL,
	file_id CHAR(32) CHARACTER SET ascii NOT NULL,
	mime VARCHAR(64) CHARACTER SET ascii NOT NULL,
	size INT NOT NULL,
	uploaded_at DATETIME(6) NOT NULL,
	uploaded_by BIGINT NULL,
	PRIMARY KEY (person_id),
	CONSTRAINT photo_person_fk FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 0035: issued documents that anyone can verify (libcertify,
-- docs/certificates.md).
--
-- signing_key: the Ed25519 keys that sign issued documents, by the id
-- each payload names. Only the public key is here; the secret is the
-- file Paths.Var/keys/sign-<id>.key (mode 0600), so a copy of the
-- database or of a backup of it signs nothing. A key signs documents
-- issued in [valid_from, valid_until); `havre-admin keys retire` sets
-- retired_at and ends valid_until there, so what it signed before stays
-- genuine and nothing dated after can be. Rows are never deleted:
-- verification needs the old keys for as long as their documents live.
CREATE TABLE signing_key (
	id VARCHAR(32) CHARACTER SET ascii NOT NULL,
	algorithm ENUM('ed25519') NOT NULL DEFAULT 'ed25519',
	public_key BINARY(32) NOT NULL,
	valid_from DATETIME(6) NOT NULL,
	valid_until DATETIME(6) NULL,
	retired_at DATETIME(6) NULL,
	created_at DATETIME(6) NOT NULL,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY signing_key_public (public_key),
	KEY signing_key_current (retired_at, valid_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- issued_document: every full copy, extract and attestation issued, by
-- its serial (12 Crockford base-32 characters, XXXX-XXXX-XXXX, random:
-- a serial typed on /verify cannot be guessed from another). doc_type
-- is the payload's two-letter code (CN CM CD EN EM ED AP AE); payload
-- the signed text the QR code holds, exactly as signed; pdf_file the
-- PDF in the document store. Revocation is known only here (the offline
-- verifier cannot know it): revoked_at with its reason, and replaced_by
-- the document re-issued in its place.
CREATE TABLE issued_document (
	id BIGINT NOT NULL AUTO_INCREMENT,
	serial CHAR(14) CHARACTER SET ascii NOT NULL,
	doc_type CHAR(2) CHARACTER SET ascii NOT NULL,
	person_id BIGINT NOT NULL,
	lang VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT 'fr',
	payload VARCHAR(1600) NOT NULL,
	key_id VARCHAR(32) CHARACTER SET ascii NOT NULL,
	pdf_file CHAR(32) CHARACTER SET ascii NULL,
	issued_at DATETIME(6) NOT NULL,
	issued_by BIGINT NULL,
	valid_until DATE NULL,
	revoked_at DATETIME(6) NULL,
	revoked_by BIGINT NULL,
	revoke_reason VARCHAR(500) NULL,
	replaced_by BIGINT NULL,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY issued_document_serial (serial),
	KEY issued_document_person (person_id, issued_at),
	KEY issued_document_key (key_id),
	CONSTRAINT issued_document_person_fk FOREIGN KEY (person_id)
		REFERENCES person (id),
	CONSTRAINT issued_document_key_fk FOREIGN KEY (key_id)
		REFERENCES signing_key (id),
	CONSTRAINT issued_document_file_fk FOREIGN KEY (pdf_file)
		REFERENCES stored_file (id),
	CONSTRAINT issued_document_issuer_fk FOREIGN KEY (issued_by)
		REFERENCES agent (id),
	CONSTRAINT issued_document_revoker_fk FOREIGN KEY (revoked_by)
		REFERENCES agent (id),
	CONSTRAINT issued_document_replaced_fk FOREIGN KEY (replaced_by)
		REFERENCES issued_document (id),
	CONSTRAINT issued_document_type_ck CHECK (doc_type IN
		('CN', 'CM', 'CD', 'EN', 'EM', 'ED', 'AP', 'AE')),
	CONSTRAINT issued_document_revoked_ck CHECK (revoked_at IS NOT NULL
		OR (revoke_reason IS NULL AND revoked_by IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

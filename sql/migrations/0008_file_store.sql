-- 0008: the document store (modules/common/files.c, docs/file-store.md).
-- Every stored file has a row here; its content, encrypted with
-- libsodium secretstream, is the file Paths.Files/<first two hex>/<id>.
-- purpose names the use (its allow-list of types and its size cap are in
-- files.c): person.photo today, dossier and civil-status sources next.
-- mime is the type libmagic decided when the file was stored, never the
-- client's. blake2b is the BLAKE2b-256 of the plaintext, in hex:
-- `havre-admin files verify` decrypts every file and compares.
CREATE TABLE stored_file (
	id CHAR(32) CHARACTER SET ascii NOT NULL,
	purpose VARCHAR(32) CHARACTER SET ascii NOT NULL,
	mime VARCHAR(64) CHARACTER SET ascii NOT NULL,
	size BIGINT NOT NULL,
	-- NULL only for the photos adopted below, stored before hashes were
	-- kept: decryption (an authenticated cipher) still vouches for them.
	blake2b CHAR(64) CHARACTER SET ascii NULL,
	created_at DATETIME(6) NOT NULL,
	created_by BIGINT NULL,
	PRIMARY KEY (id),
	KEY stored_file_purpose (purpose, created_at),
	CONSTRAINT stored_file_agent FOREIGN KEY (created_by) REFERENCES agent (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The photos stored by the upload store before this migration (same
-- folder layout and key, so their files stay where they are).
INSERT INTO stored_file (id, purpose, mime, size, blake2b, created_at,
	created_by)
SELECT file_id, 'person.photo', mime, size, NULL, uploaded_at, uploaded_by
FROM person_photo;

-- A person's photo is a file of the store.
ALTER TABLE person_photo
	ADD CONSTRAINT photo_file_fk FOREIGN KEY (file_id)
	REFERENCES stored_file (id);

-- 0015: the applicant's status page (issue 15, item 7; /status on the
-- public vhost, modules/dossier/status.c): one-time codes sent by SMS to
-- the principal applicant's phone, and the short list of documents the
-- officer still expects from the applicant.

-- A one-time code. Only a keyed MAC of the code is kept (BLAKE2b under
-- the key file Paths.Var/keys/status-code.key, over "<dossier id>:<code>"):
-- a copy of the table does not give the codes away, and six digits
-- cannot be tried offline without the key. A code is valid until
-- expires_at (Status.CodeMinutes, 10 by default), once: closed_at is set
-- when it is used, when a newer code replaces it, or when its wrong
-- attempts reach Status.CodeAttempts (5 by default); closed_why says
-- which.
CREATE TABLE status_code (
	id BIGINT NOT NULL AUTO_INCREMENT,
	dossier_id BIGINT NOT NULL,
	code_mac CHAR(64) CHARACTER SET ascii NOT NULL,
	created_at DATETIME(6) NOT NULL,
	expires_at DATETIME(6) NOT NULL,
	attempts INT NOT NULL DEFAULT 0,
	closed_at DATETIME(6) NULL,
	closed_why VARCHAR(16) CHARACTER SET ascii NULL,	-- used, replaced, attempts
	PRIMARY KEY (id),
	KEY status_code_dossier (dossier_id, closed_at, expires_at),
	CONSTRAINT status_code_dossier_fk FOREIGN KEY (dossier_id)
		REFERENCES dossier (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The documents the applicant still has to bring, one per line, as the
-- officer writes them on the dossier page for the applicant to read on
-- the status page (plain words, no internal remarks: notes stay notes).
ALTER TABLE dossier
	ADD COLUMN missing_documents VARCHAR(2000) NOT NULL DEFAULT '';

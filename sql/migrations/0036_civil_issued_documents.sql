-- 0036: documents issued from havre-civil (issue 17, items 4 and 6's
-- issuing side): full copies and extracts of an established act,
-- attestations from a person's record, their revocation and re-issue
-- (docs/civil.md, "Issued documents"). Builds on issued_document
-- (0035).

-- What each document was issued from, and the form's one-time key: the
-- issue form carries a random request_key, so a form sent twice (a
-- double click, a retried POST) finds the document the first one made
-- instead of issuing a second (the unique key also settles two sends
-- racing each other). act_id and act_version name the established
-- version a copy or an extract reproduces; an attestation has neither.
ALTER TABLE issued_document
	ADD COLUMN act_id BIGINT NULL AFTER person_id,
	ADD COLUMN act_version INT NULL AFTER act_id,
	ADD COLUMN request_key CHAR(32) CHARACTER SET ascii NULL,
	ADD UNIQUE KEY issued_document_request (request_key),
	ADD KEY issued_document_act (act_id, issued_at),
	ADD CONSTRAINT issued_document_act_fk FOREIGN KEY (act_id)
		REFERENCES civil_act (id);

-- The PDF's stored file may go before the document's row: its
-- retention ends (havre-admin purge, category issued_pdf) while the
-- serial, the signed payload and the revocation stay for verification.
-- Deleting the file's row empties pdf_file.
ALTER TABLE issued_document DROP FOREIGN KEY issued_document_file_fk;
ALTER TABLE issued_document ADD CONSTRAINT issued_document_file_fk
	FOREIGN KEY (pdf_file) REFERENCES stored_file (id) ON DELETE SET NULL;

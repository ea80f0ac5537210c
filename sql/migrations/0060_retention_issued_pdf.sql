-- 0060: the retention of issued documents' PDF copies (issue 17 and 20;
-- havre-admin purge, category issued_pdf, docs/civil.md): the copy in
-- the document store is erased one year after the end of the
-- document's validity (its issue when it has none). The document's row
-- stays (serial, signed payload, revocation), so /verify keeps
-- answering, and the act stays in the register, so a copy can be
-- issued again. A legal hold on the person keeps theirs.
INSERT INTO retention_rule (category, keep_days, action, starts, what,
    legal_source, updated_at) VALUES
('issued_pdf', 365, 'erase',
 'the end of the issued document''s validity (its issue when it has none)',
 'the PDF copy of an issued certificate or attestation in the document store (the serial, the signed payload and the revocation stay, so /verify keeps answering; the act stays in the register and the document can be issued again)',
 'GDPR art. 5(1)(c) and (e) (data minimisation, storage limitation); the act itself is kept with the civil-status registers (Code du patrimoine art. L213-2, 75 years)',
 UTC_TIMESTAMP(6));

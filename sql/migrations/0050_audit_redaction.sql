-- 0050: audit events whose personal data can be redacted without
-- breaking the chain (issue 20). From this migration on, an event's
-- changes are chained through their hash: changes_hash =
-- BLAKE2b-256(changes_salt || changes), and hash = BLAKE2b-256(prev_hash
-- || canonical bytes of the event with changes_hash in place of the
-- changes). Redacting an event replaces its changes with a fixed marker,
-- erases the random salt (so the hash left behind cannot be matched
-- against guessed names) and sets redacted_at; changes_hash stays, so
-- the chain still verifies, and audit-verify tells a redacted event
-- (marker, redacted_at, named by a later redaction event of the chain)
-- from a tampered one. Events
-- written before this migration (changes_hash NULL) keep the first form
-- and cannot be redacted.
ALTER TABLE audit_event
	ADD COLUMN changes_hash BINARY(32) NULL AFTER changes,
	ADD COLUMN changes_salt BINARY(16) NULL AFTER changes_hash,
	ADD COLUMN redacted_at DATETIME(6) NULL AFTER changes_salt;

-- 0027: when a registration member's duplicate check last looked the
-- whole register up (issue 16, speed): the save checks again only the
-- persons written since (created or changed: person.updated_at, the
-- purge's index person_purge), plus the member's documents and phones
-- and the candidates it found, as long as the member's answer is
-- unchanged (check_hash); NULL (a member checked before this migration)
-- asks the full check.
ALTER TABLE registration_member
	ADD COLUMN check_at DATETIME(6) NULL AFTER check_hash;

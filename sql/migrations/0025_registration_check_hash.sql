-- 0025: the duplicate check of a registration member is kept with the
-- hash of the fields it read (issue 16, speed): the side-by-side page
-- and the decision score the candidates it found (seen) again instead
-- of looking the register up again, as long as the member's answer is
-- unchanged; '' (a member checked before this migration) asks the full
-- check again.
ALTER TABLE registration_member
	ADD COLUMN check_hash CHAR(32) CHARACTER SET ascii NOT NULL DEFAULT ''
		AFTER seen;

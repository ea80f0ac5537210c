-- 0022: a registration started from reception (issue 16, item 2). When
-- an applicant checked in at reception is served at a registration
-- counter, the counter page starts the registration with what the
-- booking holds; the draft keeps the visit and those values, which
-- fill the principal's form until it is first saved.
ALTER TABLE registration_draft
	ADD COLUMN visit_id BIGINT NULL AFTER agent_id,
	ADD COLUMN pre_family VARCHAR(200) NOT NULL DEFAULT '',
	ADD COLUMN pre_given VARCHAR(200) NOT NULL DEFAULT '',
	ADD COLUMN pre_phone VARCHAR(32) CHARACTER SET ascii NOT NULL DEFAULT '',
	ADD COLUMN pre_document VARCHAR(64) NOT NULL DEFAULT '',
	ADD COLUMN pre_lang VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT '';

-- 0024: the triage rules edited on a page (issue 16; modules/registration
-- rules.c). Each rule gets the version of the versioned edit (a save
-- made against a stale copy is refused with both values), the reason of
-- its last change with who and when (every change states why: it is
-- shown on the list and kept in the audit trail). Editing the rules is
-- a permission of its own, granted to supervisors and administrators.
ALTER TABLE registration_rule
	ADD COLUMN version INT NOT NULL DEFAULT 1,
	ADD COLUMN reason VARCHAR(500) NOT NULL DEFAULT '',
	ADD COLUMN updated_at DATETIME(6) NULL,
	ADD COLUMN updated_by BIGINT NULL;

INSERT INTO permission (name, description) VALUES
	('registration.configure', 'Edit the triage rules of the registration desk');
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'registration.configure' FROM role r
	WHERE r.name IN ('administrator', 'supervisor');

-- 0041: what the purge of closed case files and identity records has
-- done already (issue 20; havre-admin purge, categories closed_dossier
-- and identity_record, seeded by migration 0061). A case file past its
-- period keeps its row (reference, procedure, statuses, dates: the
-- monitoring's figures) with purged_at set once its persons, notes,
-- documents and texts are gone; an identity record nothing uses any
-- more keeps its id (other rows point at it) with its names, birth,
-- documents, contacts and photo gone and purged_at set. A rerun skips
-- what is marked, so an interrupted purge resumes where it stopped.
ALTER TABLE dossier ADD COLUMN purged_at DATETIME(6) NULL,
	ADD KEY dossier_purge (closed, purged_at);
ALTER TABLE person ADD COLUMN purged_at DATETIME(6) NULL,
	ADD KEY person_purge (purged_at, updated_at);

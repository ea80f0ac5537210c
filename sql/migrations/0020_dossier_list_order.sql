-- 0020: the work lists ordered oldest first (sort=lodged) read an index
-- in lodging order too, as the default order (next deadline first)
-- reads dossier_mine / dossier_due / dossier_paused / dossier_next
-- (migration 0012): without them, "all, oldest first" sorted every
-- dossier (2.6 s p95 at 1,000,000 dossiers, tests/bench/dossier).
ALTER TABLE dossier
	ADD KEY dossier_mine_lodged (assignee, closed, lodged_on),
	ADD KEY dossier_open_lodged (closed, lodged_on),
	ADD KEY dossier_paused_lodged (closed, paused, lodged_on),
	ADD KEY dossier_all_lodged (lodged_on);

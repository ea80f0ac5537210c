-- 0016: the dossier's monitoring figures (issue 15.6) read the dossier
-- table through two covering indexes, so that a year of one procedure
-- is a short range scan of one index each and no running counter is
-- needed (tests/bench/dossier measures it at 1,000,000 dossiers):
--  - decisions of a procedure in a period, with their lodging date
--    (processing time, throughput per week, share within the deadline);
--  - the open dossiers of a procedure by lodging date (backlog and its
--    age profile).
ALTER TABLE dossier
	ADD KEY dossier_decided (procedure_id, decided_on, lodged_on),
	ADD KEY dossier_open (procedure_id, closed, lodged_on);

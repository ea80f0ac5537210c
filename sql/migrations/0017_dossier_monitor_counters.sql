-- 0017: running counters of the dossier's monitoring figures (issue
-- 15.6), replacing 0016's live reading of decisions. Read live, a year of the regular procedure at 1,000,000
-- dossiers took seconds (its ~100,000 decisions joined to their clocks:
-- tests/bench/dossier); these tables are kept in the transaction that
-- decides a dossier (modules/dossier/pages.c, transition_txn), so the
-- page reads a few hundred rows per procedure and year:
--  - per procedure and day: decisions, those that stopped a legal-
--    deadline clock, and those whose clocks stopped that day were all
--    met (throughput per week, share within the deadline);
--  - per procedure, month of decision and processing time in days
--    (lodging to decision): decisions (p50 and p90 over whole months).
-- The backlog (open dossiers by lodging date) stays a live count over
-- index dossier_open (0016).
CREATE TABLE dossier_stat_day (
	procedure_id BIGINT NOT NULL,
	day DATE NOT NULL,
	decisions INT NOT NULL DEFAULT 0,
	with_deadline INT NOT NULL DEFAULT 0,
	within_deadline INT NOT NULL DEFAULT 0,
	PRIMARY KEY (procedure_id, day),
	CONSTRAINT dossier_stat_day_procedure FOREIGN KEY (procedure_id)
		REFERENCES wf_procedure (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE dossier_stat_duration (
	procedure_id BIGINT NOT NULL,
	month DATE NOT NULL,		-- its first day
	days INT NOT NULL,		-- lodging to decision
	decisions INT NOT NULL DEFAULT 0,
	PRIMARY KEY (procedure_id, month, days),
	CONSTRAINT dossier_stat_duration_procedure FOREIGN KEY (procedure_id)
		REFERENCES wf_procedure (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 0016's index for the live reading of decisions is no longer read.
ALTER TABLE dossier DROP KEY dossier_decided;

-- The dossiers decided before this migration, counted once.
INSERT INTO dossier_stat_day (procedure_id, day, decisions, with_deadline,
	within_deadline)
SELECT x.procedure_id, x.decided_on, COUNT(*), SUM(x.n > 0),
	SUM(x.n > 0 AND x.ok = 1)
FROM (SELECT d.id, d.procedure_id, d.decided_on, COUNT(c.id) AS n,
	MIN(c.met) AS ok FROM dossier d LEFT JOIN dossier_clock c
	ON c.dossier_id = d.id AND c.stopped_on = d.decided_on
	WHERE d.decided_on IS NOT NULL GROUP BY d.id) x
GROUP BY x.procedure_id, x.decided_on;
INSERT INTO dossier_stat_duration (procedure_id, month, days, decisions)
SELECT procedure_id, DATE_FORMAT(decided_on, '%Y-%m-01'),
	GREATEST(0, DATEDIFF(decided_on, lodged_on)), COUNT(*)
FROM dossier WHERE decided_on IS NOT NULL GROUP BY 1, 2, 3;

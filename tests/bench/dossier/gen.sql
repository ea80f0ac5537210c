-- tests/bench/dossier/gen.sql: a deterministic register of case files
-- for the dossier benchmark (run.sh feeds it to the mariadb client of
-- the benchmark's own stack). Every value is arithmetic on the row's
-- sequence number (the Sequence engine's seq_1_to_N): the same
-- parameters always give the same rows.
--
-- Parameters (user variables set by run.sh before this file):
--   @n       dossiers (1,000,000); events are ten per dossier
--   @today   the day the register ends on (lodging spans 5 years to it)
--   @officer the benchmark agent's id: assignee of 1 in 50 assigned
--            dossiers (its "mine" list)
-- Rows: @n / 4 persons (each the principal applicant of four dossiers),
-- 49 more officers, @n dossiers over the six seeded procedures (regular
-- 50 %, accelerated 15 %, subsequent, Dublin and family reunification
-- 10 % each, border 5 %), one clock each (the procedure's first
-- deadline, 6 months), 10 * @n events, and the monitoring's counters.
--
-- A dossier s: lodged (s * 7919) mod 1826 days before @today; its
-- processing would take 15 + (s * 104729) mod 366 days: decided then if
-- that day has come, else open (one of four open statuses, the second
-- pausing its clock; 1 in 10 unassigned). 3 in 100 are withdrawn.
-- Decided dossiers are closed, but those decided in the last 15 days
-- wait for notification (status decided, still open).

SET SESSION unique_checks = 0;
SET SESSION foreign_key_checks = 0;

-- The officers: @officer and 49 more (no role, cannot sign in).
INSERT INTO agent (username, display_name, password_hash,
	must_change_password, disabled, created_at, updated_at)
SELECT CONCAT('benchofficer', seq), CONCAT('Bench officer ', seq), '!',
	0, 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM seq_1_to_49;
CREATE TEMPORARY TABLE bench_officer (k INT PRIMARY KEY, id BIGINT);
INSERT INTO bench_officer VALUES (0, @officer);
INSERT INTO bench_officer SELECT CAST(SUBSTRING(username, 13) AS INT), id
	FROM agent WHERE username LIKE 'benchofficer%';

-- The procedures by share: 20 slots.
CREATE TEMPORARY TABLE bench_proc (k INT PRIMARY KEY, procedure_id BIGINT,
	version_id BIGINT, dublin TINYINT, clock VARCHAR(32));
INSERT INTO bench_proc
SELECT s.seq, p.id, v.id, p.code = 'dublin',
	IF(p.code = 'dublin', 'take_charge', IF(p.code = 'subsequent',
	'admissibility', 'decision'))
FROM seq_0_to_19 s
JOIN wf_procedure p ON p.code = CASE
	WHEN s.seq < 10 THEN 'regular'
	WHEN s.seq < 13 THEN 'accelerated'
	WHEN s.seq < 15 THEN 'subsequent'
	WHEN s.seq < 17 THEN 'dublin'
	WHEN s.seq < 19 THEN 'family_reunification'
	ELSE 'border' END
JOIN wf_procedure_version v ON v.procedure_id = p.id AND v.number = 1;

-- Persons: plain Latin names, a birth year.
SET @persons = GREATEST(1, @n DIV 4);
SET @person0 = (SELECT COALESCE(MAX(id), 0) FROM person);
INSERT INTO person (id, family_name, given_names, family_name_latin,
	given_names_latin, sex, birth_year, birth_precision, birth_place,
	source, created_at, updated_at)
SELECT @person0 + seq, CONCAT('Benchfamily', seq MOD 9973),
	CONCAT('Given', seq), CONCAT('benchfamily', seq MOD 9973),
	CONCAT('given', seq), IF(seq MOD 2 = 0, 'F', 'M'),
	1950 + seq MOD 55, 'year', '', 'bench', UTC_TIMESTAMP(6),
	UTC_TIMESTAMP(6)
FROM seq_1_to_100000000 WHERE seq <= @persons;

-- The dossiers, in chunks of 200,000 (bounded transactions).
CREATE TEMPORARY TABLE bench_chunk (lo BIGINT PRIMARY KEY, hi BIGINT);
INSERT INTO bench_chunk SELECT (seq - 1) * 200000 + 1,
	LEAST(seq * 200000, @n) FROM seq_1_to_1000
	WHERE (seq - 1) * 200000 < @n;
SET @dossier0 = (SELECT COALESCE(MAX(id), 0) FROM dossier);

DELIMITER //
BEGIN NOT ATOMIC
	FOR c IN (SELECT lo, hi FROM bench_chunk ORDER BY lo) DO
		INSERT INTO dossier (id, reference, procedure_id,
			procedure_version_id, status, lodged_on, decided_on,
			assignee, sealed, next_due, paused, closed, created_at,
			updated_at)
		SELECT @dossier0 + x.s,
			CONCAT('B', LPAD(UPPER(CONV(x.s, 10, 36)), 7, '0')),
			p.procedure_id, p.version_id,
			CASE
			WHEN x.withdrawn THEN 'withdrawn'
			WHEN x.done AND p.dublin THEN 'transferred'
			WHEN x.done AND x.fresh THEN 'decided'
			WHEN x.done THEN 'closed'
			WHEN x.s MOD 4 = 0 THEN 'lodged'
			WHEN x.s MOD 4 = 1 THEN 'waiting_documents'
			WHEN p.dublin THEN IF(x.s MOD 4 = 2, 'request_sent',
				'accepted')
			ELSE IF(x.s MOD 4 = 2, 'interview_scheduled',
				'interviewed') END,
			x.lodged,
			IF(x.done AND NOT p.dublin AND NOT x.withdrawn,
				x.lodged + INTERVAL x.dur DAY, NULL),
			-- open: not withdrawn, and not decided, or decided in
			-- the last 15 days (not Dublin: transferred is final)
			IF(NOT x.withdrawn AND (NOT x.done OR
			    (x.fresh AND NOT p.dublin)) AND x.s MOD 10 = 0,
			    NULL, o.id),
			x.s MOD 100 = 7,
			IF(NOT x.withdrawn AND NOT x.done AND x.s MOD 4 <> 1,
				x.lodged + INTERVAL 6 MONTH, '9999-12-31'),
			NOT x.withdrawn AND NOT x.done AND x.s MOD 4 = 1,
			NOT (NOT x.withdrawn AND (NOT x.done OR
			    (x.fresh AND NOT p.dublin))),
			x.lodged + INTERVAL 9 HOUR, x.lodged + INTERVAL 9 HOUR
		FROM (SELECT y.s, y.dur, @today - INTERVAL y.age DAY AS lodged,
			y.dur <= y.age AS done, y.dur + 15 > y.age AS fresh,
			y.s MOD 100 IN (3, 53, 97) AS withdrawn
			FROM (SELECT seq AS s, (seq * 7919) MOD 1826 AS age,
			    15 + (seq * 104729) MOD 366 AS dur
			    FROM seq_1_to_100000000
			    WHERE seq BETWEEN c.lo AND c.hi) y) x
		JOIN bench_proc p ON p.k = x.s MOD 20
		JOIN bench_officer o ON o.k = (x.s DIV 20) MOD 50;

		INSERT INTO dossier_person (dossier_id, person_id, role,
			added_at)
		SELECT @dossier0 + seq, @person0 + 1 + (seq - 1) MOD @persons,
			'principal', UTC_TIMESTAMP(6)
		FROM seq_1_to_100000000 WHERE seq BETWEEN c.lo AND c.hi;

		-- The procedure's first deadline: 6 months from lodging,
		-- stopped on the decision (or the withdrawal or transfer).
		INSERT INTO dossier_clock (dossier_id, code, started_on, length,
			unit, paused_since, stopped_on, due_on, met)
		SELECT z.id, z.clock, z.lodged_on, 6, 'months', z.paused_since,
			z.stopped_on, z.due_on, z.stopped_on <= z.due_on
		FROM (SELECT d.id, p.clock, d.lodged_on,
			IF(d.paused, d.lodged_on + INTERVAL 30 DAY, NULL)
			    AS paused_since,
			IF(d.status IN ('lodged', 'waiting_documents',
			    'interview_scheduled', 'interviewed', 'request_sent',
			    'accepted'), NULL, LEAST(@today, d.lodged_on +
			    INTERVAL 15 + (d.id - @dossier0) * 104729 MOD 366
			    DAY)) AS stopped_on,
			d.lodged_on + INTERVAL 6 MONTH AS due_on
			FROM dossier d JOIN bench_proc p ON p.procedure_id =
			    d.procedure_id AND p.k = (d.id - @dossier0) MOD 20
			WHERE d.id BETWEEN @dossier0 + c.lo AND
			    @dossier0 + c.hi) z;

		-- Ten events a dossier, from its lodging on.
		INSERT INTO dossier_event (dossier_id, at, agent_id, actor, kind,
			from_status, to_status, detail)
		SELECT d.id, d.lodged_on + INTERVAL k.seq * 3 DAY +
			INTERVAL 9 + k.seq HOUR, d.assignee, 'Bench officer',
			ELT(1 + k.seq MOD 5, 'created', 'transition', 'note',
			    'assigned', 'document'),
			IF(k.seq MOD 5 = 1, 'lodged', NULL),
			IF(k.seq MOD 5 = 1, 'interview_scheduled', NULL),
			CONCAT('bench event ', k.seq)
		FROM dossier d JOIN seq_0_to_9 k
		WHERE d.id BETWEEN @dossier0 + c.lo AND @dossier0 + c.hi;
	END FOR;
END//
DELIMITER ;

-- The monitoring's counters (migration 0017 keeps them as dossiers are
-- decided; the same backfill as the migration's).
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

ANALYZE TABLE person, dossier, dossier_person, dossier_clock, dossier_event,
	dossier_stat_day, dossier_stat_duration;

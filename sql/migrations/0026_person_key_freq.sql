-- 0026: the register's common blocking keys and how many persons carry
-- each (issue 16 and 14, speed at 1,000,000 persons): the name
-- frequencies that score a name's agreement and the block sizes that
-- decide which keys the search reads, shared by every worker and host
-- and read for all of a query's keys in one indexed statement, instead
-- of each worker counting each name (up to ~32,000 index entries) and
-- sizing each block (2,001 rows) on its first look.
-- Only keys carried by more than person_key_freq_run.min_count persons
-- are listed; a key absent is rarer than that and is counted live,
-- capped just above it (cheap). Written only by havre-admin (import-
-- persons at its end, persons rekey, persons frequencies from cron),
-- never by an agent's transaction: two hosts registering two persons
-- of the same name under Galera do not meet on one counter row.
CREATE TABLE person_key_freq (
	`key` VARCHAR(48) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	persons INT NOT NULL,
	-- the refresh (person_key_freq_run.run) that wrote the row: a row
	-- of an older one is a key that became rare, deleted at its end
	run INT NOT NULL,
	PRIMARY KEY (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- The last refresh (one row, id 1): its threshold, the active persons
-- then (the total the frequencies are relative to, read instead of a
-- COUNT over the register once it is large) and when it ended.
CREATE TABLE person_key_freq_run (
	id TINYINT NOT NULL,
	run INT NOT NULL,
	min_count INT NOT NULL,
	persons BIGINT NOT NULL,
	keys_listed INT NOT NULL,
	refreshed_at DATETIME(6) NULL,
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- 0001: the table in which `havre-admin migrate` records each applied
-- migration (number, file name, BLAKE2b-256 of the file, when, UTC).
-- havre-admin creates the same table itself before reading it; keep the
-- two definitions identical (modules/admin/main.c, ASQL_MIGRATION_CREATE).
--
-- Rules for every migration: InnoDB only (Galera replicates nothing
-- else), utf8mb4 with utf8mb4_unicode_ci, a primary key on every table,
-- times in UTC (DATETIME(6)), no LOCK TABLES, no DELIMITER lines (the
-- file is sent to the server as one multi-statement text).

-- Tables that forget their own character set get the right one.
ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS schema_migration (
	version INT NOT NULL,
	name VARCHAR(255) NOT NULL,
	checksum CHAR(64) CHARACTER SET ascii NOT NULL,
	applied_at DATETIME(6) NOT NULL,
	PRIMARY KEY (version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

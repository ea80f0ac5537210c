-- 0031: a version per site and local day of its slots (issue 12 item
-- 6). The public day page and the partner API's availability keep a
-- day's slots per worker (libbooking's free.c) and check them on each
-- request with one primary-key range read of this table instead of
-- reading slot_quota again: the rows are current when the count and
-- the sum of the versions of the days asked have not moved since they
-- were read.
--
-- The versions are moved by triggers, in the same transaction as the
-- change, whoever makes it: a seat taken or given back (bookings,
-- cancellations, moves, walk-ins, interviews), a capacity raised,
-- lowered or closed, slots made or removed, a day closed or opened
-- (site_closed), and changes made straight in SQL. So no writer can be
-- forgotten, in any program, and under Galera (row-based replication
-- carries the trigger's rows). A version only ever grows and rows are
-- never deleted by the programs, so (count, sum) over a range of days
-- changes whenever any of its days changes. No foreign key: a site's
-- removal (the bench's fixtures) deletes its slots first, which
-- bumps versions here, then this table's rows of that site.
--
-- One row per site and day, not one global row: concurrent bookings of
-- one site's same day wait on that row until commit (they already
-- share its slots), bookings of other days and sites do not. Triggers
-- run as their definer (the schema owner, havre-admin migrate): the
-- programs' accounts need no right on this table but SELECT for the
-- readers. With binary logging on and a schema owner without SUPER,
-- CREATE TRIGGER needs log_bin_trust_function_creators=1.
CREATE TABLE slot_day_version (
	site_id BIGINT NOT NULL,
	local_day DATE NOT NULL,
	version BIGINT NOT NULL DEFAULT 1,
	PRIMARY KEY (site_id, local_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER slot_quota_version_ins AFTER INSERT ON slot_quota
FOR EACH ROW
	INSERT INTO slot_day_version (site_id, local_day)
	VALUES (NEW.site_id, NEW.local_day)
	ON DUPLICATE KEY UPDATE version = version + 1;

-- Both the old and the new day (the same one, usually: then it moves by
-- two, which is as good).
CREATE TRIGGER slot_quota_version_upd AFTER UPDATE ON slot_quota
FOR EACH ROW
	INSERT INTO slot_day_version (site_id, local_day)
	VALUES (OLD.site_id, OLD.local_day), (NEW.site_id, NEW.local_day)
	ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER slot_quota_version_del AFTER DELETE ON slot_quota
FOR EACH ROW
	INSERT INTO slot_day_version (site_id, local_day)
	VALUES (OLD.site_id, OLD.local_day)
	ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER site_closed_version_ins AFTER INSERT ON site_closed
FOR EACH ROW
	INSERT INTO slot_day_version (site_id, local_day)
	VALUES (NEW.site_id, NEW.day)
	ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER site_closed_version_upd AFTER UPDATE ON site_closed
FOR EACH ROW
	INSERT INTO slot_day_version (site_id, local_day)
	VALUES (OLD.site_id, OLD.day), (NEW.site_id, NEW.day)
	ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER site_closed_version_del AFTER DELETE ON site_closed
FOR EACH ROW
	INSERT INTO slot_day_version (site_id, local_day)
	VALUES (OLD.site_id, OLD.day)
	ON DUPLICATE KEY UPDATE version = version + 1;

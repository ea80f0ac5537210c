-- 0003: appointments. Sites get an address, opening hours and closed
-- dates; services (per-language names and documents to bring) are offered
-- at service levels (regular, urgent, extreme urgency) on channels (web,
-- call centre, partner, walk-in). Capacity is a weekly template of slots
-- per site x level x channel, with per-date overrides, materialised into
-- slot_quota rows; a booking takes its seat with
--   UPDATE slot_quota SET booked = booked + 1 WHERE id = ? AND booked < capacity
-- in the same transaction as the appointment row (never check-then-insert).
-- Times: slot_quota.start_utc and appointment.start_utc are UTC; templates
-- and overrides are in the site's local time (site.time_zone), converted
-- per date so that daylight-saving changes are honoured.

ALTER TABLE site
	ADD COLUMN address TEXT NOT NULL DEFAULT '',
	ADD COLUMN phone_country_code VARCHAR(4) CHARACTER SET ascii NOT NULL DEFAULT '33',
	ADD COLUMN slot_minutes INT NOT NULL DEFAULT 60,
	ADD COLUMN active TINYINT NOT NULL DEFAULT 1;

-- Opening hours: one or more intervals per ISO weekday (1 = Monday).
CREATE TABLE site_hours (
	site_id BIGINT NOT NULL,
	weekday TINYINT NOT NULL,
	opens TIME NOT NULL,
	closes TIME NOT NULL,
	PRIMARY KEY (site_id, weekday, opens),
	CONSTRAINT hours_site FOREIGN KEY (site_id) REFERENCES site (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE site_closed (
	site_id BIGINT NOT NULL,
	day DATE NOT NULL,
	reason VARCHAR(200) NOT NULL DEFAULT '',
	PRIMARY KEY (site_id, day),
	CONSTRAINT closed_site FOREIGN KEY (site_id) REFERENCES site (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Service levels: rank orders queues (1 = served first).
CREATE TABLE service_level (
	id INT NOT NULL AUTO_INCREMENT,
	code VARCHAR(32) CHARACTER SET ascii NOT NULL,
	rank_order INT NOT NULL,
	public TINYINT NOT NULL DEFAULT 0,
	PRIMARY KEY (id),
	UNIQUE KEY level_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO service_level (code, rank_order, public) VALUES
	('extreme', 1, 0), ('urgent', 2, 1), ('regular', 3, 1);

CREATE TABLE service (
	id BIGINT NOT NULL AUTO_INCREMENT,
	code VARCHAR(32) CHARACTER SET ascii NOT NULL,
	duration_minutes INT NOT NULL DEFAULT 20,
	needs_document TINYINT NOT NULL DEFAULT 0,
	active TINYINT NOT NULL DEFAULT 1,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY service_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Name and documents to bring (one per line), per language.
CREATE TABLE service_text (
	service_id BIGINT NOT NULL,
	lang VARCHAR(8) CHARACTER SET ascii NOT NULL,
	name VARCHAR(200) NOT NULL,
	documents TEXT NOT NULL,
	PRIMARY KEY (service_id, lang),
	CONSTRAINT text_service FOREIGN KEY (service_id) REFERENCES service (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which levels and channels offer a service.
CREATE TABLE service_offer (
	service_id BIGINT NOT NULL,
	level_id INT NOT NULL,
	channel ENUM('web','callcentre','partner','walkin') NOT NULL,
	PRIMARY KEY (service_id, level_id, channel),
	CONSTRAINT offer_service FOREIGN KEY (service_id) REFERENCES service (id),
	CONSTRAINT offer_level FOREIGN KEY (level_id) REFERENCES service_level (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The weekly template: capacity of each slot, in the site's local time.
CREATE TABLE quota_template (
	site_id BIGINT NOT NULL,
	level_id INT NOT NULL,
	channel ENUM('web','callcentre','partner','walkin') NOT NULL,
	weekday TINYINT NOT NULL,
	start_time TIME NOT NULL,
	capacity INT NOT NULL,
	PRIMARY KEY (site_id, level_id, channel, weekday, start_time),
	CONSTRAINT qt_site FOREIGN KEY (site_id) REFERENCES site (id),
	CONSTRAINT qt_level FOREIGN KEY (level_id) REFERENCES service_level (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per-date overrides of the template (capacity 0 closes the slot).
CREATE TABLE quota_override (
	site_id BIGINT NOT NULL,
	level_id INT NOT NULL,
	channel ENUM('web','callcentre','partner','walkin') NOT NULL,
	day DATE NOT NULL,
	start_time TIME NOT NULL,
	capacity INT NOT NULL,
	PRIMARY KEY (site_id, level_id, channel, day, start_time),
	CONSTRAINT qo_site FOREIGN KEY (site_id) REFERENCES site (id),
	CONSTRAINT qo_level FOREIGN KEY (level_id) REFERENCES service_level (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Concrete slots: created (INSERT IGNORE) from template and overrides for
-- the days being shown or booked; booked never exceeds capacity.
CREATE TABLE slot_quota (
	id BIGINT NOT NULL AUTO_INCREMENT,
	site_id BIGINT NOT NULL,
	level_id INT NOT NULL,
	channel ENUM('web','callcentre','partner','walkin') NOT NULL,
	start_utc DATETIME NOT NULL,
	local_day DATE NOT NULL,
	local_time TIME NOT NULL,
	capacity INT NOT NULL,
	booked INT NOT NULL DEFAULT 0,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY slot_key (site_id, level_id, channel, start_utc),
	KEY slot_day (site_id, local_day),
	CONSTRAINT slot_site FOREIGN KEY (site_id) REFERENCES site (id),
	CONSTRAINT slot_level FOREIGN KEY (level_id) REFERENCES service_level (id),
	CONSTRAINT slot_within CHECK (booked >= 0 AND booked <= capacity)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- person_key: the normalised document number, or the phone plus the
-- normalised name; active_key makes "one active appointment per person
-- per service" a unique index (NULL for inactive rows, which never clash).
CREATE TABLE appointment (
	id BIGINT NOT NULL AUTO_INCREMENT,
	reference CHAR(8) CHARACTER SET ascii NOT NULL,
	site_id BIGINT NOT NULL,
	service_id BIGINT NOT NULL,
	level_id INT NOT NULL,
	channel ENUM('web','callcentre','partner','walkin') NOT NULL,
	slot_id BIGINT NULL,
	start_utc DATETIME NOT NULL,
	family_name VARCHAR(200) NOT NULL,
	given_names VARCHAR(200) NOT NULL,
	phone VARCHAR(16) CHARACTER SET ascii NOT NULL,
	document_number VARCHAR(64) NOT NULL DEFAULT '',
	person_key VARCHAR(300) NOT NULL,
	lang VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT 'en',
	status ENUM('booked','confirmed','arrived','done','noshow','cancelled') NOT NULL DEFAULT 'booked',
	notes TEXT NOT NULL,
	created_at DATETIME(6) NOT NULL,
	updated_at DATETIME(6) NOT NULL,
	cancelled_at DATETIME(6) NULL,
	agent_id BIGINT NULL,
	api_key_id BIGINT NULL,
	version INT NOT NULL DEFAULT 1,
	active_key VARCHAR(330) AS (IF(status IN ('booked','confirmed','arrived'),
		CONCAT(service_id, ':', person_key), NULL)) PERSISTENT,
	PRIMARY KEY (id),
	UNIQUE KEY appointment_reference (reference),
	UNIQUE KEY appointment_active (active_key),
	KEY appointment_day (site_id, start_utc),
	KEY appointment_phone (phone, status),
	KEY appointment_document (document_number),
	KEY appointment_slot (slot_id),
	CONSTRAINT appt_site FOREIGN KEY (site_id) REFERENCES site (id),
	CONSTRAINT appt_service FOREIGN KEY (service_id) REFERENCES service (id),
	CONSTRAINT appt_level FOREIGN KEY (level_id) REFERENCES service_level (id),
	CONSTRAINT appt_slot FOREIGN KEY (slot_id) REFERENCES slot_quota (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Idempotency-Key of the partner API: a retried POST returns the booking
-- made by the first one.
CREATE TABLE api_idempotency (
	api_key_id BIGINT NOT NULL,
	idem_key VARCHAR(128) CHARACTER SET ascii NOT NULL,
	request_hash BINARY(32) NOT NULL,
	appointment_id BIGINT NOT NULL,
	created_at DATETIME(6) NOT NULL,
	PRIMARY KEY (api_key_id, idem_key),
	CONSTRAINT idem_appt FOREIGN KEY (appointment_id) REFERENCES appointment (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Rate limits on public endpoints (common ratelimit.c): one row per hit.
CREATE TABLE rate_hit (
	id BIGINT NOT NULL AUTO_INCREMENT,
	bucket VARCHAR(32) CHARACTER SET ascii NOT NULL,
	hit_key VARCHAR(128) CHARACTER SET ascii NOT NULL,
	at DATETIME(6) NOT NULL,
	PRIMARY KEY (id),
	KEY rate_key (bucket, hit_key, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

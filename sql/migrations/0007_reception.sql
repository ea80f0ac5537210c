-- 0007: reception (havre-reception). A visit is an arrival at a site: an
-- appointment checked in, or a walk-in (who gets an appointment row of the
-- walkin channel, taking a seat of that channel's slot_quota like any
-- booking). A visit goes through the stations configured for its site and
-- service, in order (document check, archives, data entry, photo, exit
-- ...); each station has counters (desks). Every step is a visit_event row
-- with its time, so waiting and service times, throughput and the other
-- dashboard figures are SQL queries over visit and visit_event.
-- Times are UTC (DATETIME(6)); local_day is the site's local date.

-- Per-site reception settings: the languages of the hall's display board.
CREATE TABLE reception_site (
	site_id BIGINT NOT NULL,
	languages VARCHAR(64) CHARACTER SET ascii NOT NULL DEFAULT 'en,fr,ar',
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (site_id),
	CONSTRAINT rsite_site FOREIGN KEY (site_id) REFERENCES site (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The ordered steps of a service at a site (position 1 comes first).
CREATE TABLE station (
	id BIGINT NOT NULL AUTO_INCREMENT,
	site_id BIGINT NOT NULL,
	service_id BIGINT NOT NULL,
	position INT NOT NULL,
	name VARCHAR(100) NOT NULL,
	active TINYINT NOT NULL DEFAULT 1,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	KEY station_order (site_id, service_id, position),
	CONSTRAINT station_site FOREIGN KEY (site_id) REFERENCES site (id),
	CONSTRAINT station_service FOREIGN KEY (service_id) REFERENCES service (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A station's counters (desks), named as the hall's signs show them.
CREATE TABLE counter (
	id BIGINT NOT NULL AUTO_INCREMENT,
	station_id BIGINT NOT NULL,
	name VARCHAR(32) NOT NULL,
	active TINYINT NOT NULL DEFAULT 1,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY counter_name (station_id, name),
	CONSTRAINT counter_station FOREIGN KEY (station_id) REFERENCES station (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Ticket numbers: one sequence per site, local day and letter (the
-- letter stands for the service level).
CREATE TABLE reception_ticket (
	site_id BIGINT NOT NULL,
	local_day DATE NOT NULL,
	letter CHAR(1) CHARACTER SET ascii NOT NULL,
	last INT NOT NULL,
	PRIMARY KEY (site_id, local_day, letter)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A visit. status: waiting (in the queue of station_id), called (to
-- counter_id), serving (at counter_id), then one of the ends: done (went
-- through every station), returning (must come back with documents),
-- refused, absent (did not answer the calls). rank_order and queue_time
-- (the appointment's start, or the arrival for a walk-in) order the queue.
CREATE TABLE visit (
	id BIGINT NOT NULL AUTO_INCREMENT,
	site_id BIGINT NOT NULL,
	service_id BIGINT NOT NULL,
	level_id INT NOT NULL,
	appointment_id BIGINT NOT NULL,
	local_day DATE NOT NULL,
	ticket VARCHAR(8) CHARACTER SET ascii NOT NULL,
	rank_order INT NOT NULL,
	queue_time DATETIME(6) NOT NULL,
	arrived_at DATETIME(6) NOT NULL,
	status ENUM('waiting','called','serving','done','returning','refused','absent') NOT NULL DEFAULT 'waiting',
	station_id BIGINT NULL,
	counter_id BIGINT NULL,
	agent_id BIGINT NULL,
	called_at DATETIME(6) NULL,
	recalls INT NOT NULL DEFAULT 0,
	exited_at DATETIME(6) NULL,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY visit_appointment (appointment_id),
	UNIQUE KEY visit_ticket (site_id, local_day, ticket),
	KEY visit_queue (station_id, status, rank_order, queue_time, arrived_at),
	KEY visit_counter (counter_id, status),
	CONSTRAINT visit_site FOREIGN KEY (site_id) REFERENCES site (id),
	CONSTRAINT visit_appt FOREIGN KEY (appointment_id) REFERENCES appointment (id),
	CONSTRAINT visit_station FOREIGN KEY (station_id) REFERENCES station (id),
	CONSTRAINT visit_counter FOREIGN KEY (counter_id) REFERENCES counter (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every step of a visit with its time. kind: arrival (check-in), queue
-- (joins a station's queue), call, recall, start, end (of the step at a
-- station), exit (left after the last station), outcome (returning,
-- refused, absent: the visit ended there).
CREATE TABLE visit_event (
	id BIGINT NOT NULL AUTO_INCREMENT,
	visit_id BIGINT NOT NULL,
	appointment_id BIGINT NOT NULL,
	kind ENUM('arrival','queue','call','recall','start','end','exit','outcome') NOT NULL,
	station_id BIGINT NULL,
	counter_id BIGINT NULL,
	agent_id BIGINT NULL,
	outcome VARCHAR(16) CHARACTER SET ascii NULL,
	at DATETIME(6) NOT NULL,
	PRIMARY KEY (id),
	KEY event_visit (visit_id, at),
	KEY event_appointment (appointment_id),
	KEY event_station (station_id, kind, at),
	CONSTRAINT event_visit FOREIGN KEY (visit_id) REFERENCES visit (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Days whose no-shows have been marked (done lazily by the first
-- reception request after the site closed: see modules/reception/close.c).
CREATE TABLE reception_day_close (
	site_id BIGINT NOT NULL,
	local_day DATE NOT NULL,
	closed_at DATETIME(6) NOT NULL,
	noshows INT NOT NULL DEFAULT 0,
	PRIMARY KEY (site_id, local_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

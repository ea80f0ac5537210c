-- 0056: a person's requests about their data (issue 20 item 5): access
-- (GDPR art. 15), rectification (art. 16) and erasure (art. 17),
-- recorded as requests with the date received and the date due (one
-- month later: art. 12(3)), then the decision with its reason and the
-- answer sent, each save audited. Open, due-soon and overdue counts
-- show on the requests page and the portal's dashboard.
INSERT INTO permission (name, description) VALUES
	('dataprotection.requests', 'Record and answer persons'' access, rectification and erasure requests');
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'dataprotection.requests' FROM role r
	WHERE r.name IN ('data_protection_officer', 'administrator');

CREATE TABLE subject_request (
	id BIGINT NOT NULL AUTO_INCREMENT,
	kind ENUM('access', 'rectification', 'erasure') NOT NULL,
	-- the person's record when known (a request may come before it is
	-- found); the requester as they signed
	person_id BIGINT NULL,
	requester VARCHAR(200) NOT NULL,
	details VARCHAR(2000) NOT NULL,
	received_on DATE NOT NULL,
	-- received_on + 1 month (MariaDB keeps the day, or takes the
	-- month's last one: 31 January is due on 28 or 29 February)
	due_on DATE NOT NULL,
	status ENUM('open', 'answered') NOT NULL DEFAULT 'open',
	decision ENUM('granted', 'partly', 'refused') NULL,
	decision_reason VARCHAR(2000) NULL,
	answer VARCHAR(4000) NULL,
	answered_on DATE NULL,
	recorded_at DATETIME(6) NOT NULL,
	recorded_by VARCHAR(100) NOT NULL,
	answered_by VARCHAR(100) NULL,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	KEY subject_request_open (status, due_on),
	KEY subject_request_person (person_id),
	CONSTRAINT subject_request_person_fk FOREIGN KEY (person_id)
		REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

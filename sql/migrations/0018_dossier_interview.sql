-- 0018: the interview appointment of a dossier (issue 15, item 5;
-- modules/dossier/interview.c). An officer books the principal
-- applicant's interview from the dossier through the booking library:
-- the seat of a slot_quota row taken in the transaction that writes the
-- appointment, the appointment's confirmation SMS queued in it too.

-- Where interviews are held, and as what: each row makes a site an
-- interview site, naming the service of the booking library the
-- interview is (its names and documents to bring per language, its
-- appointments' one-active-per-person rule) and the service level whose
-- slots officers book. Interviews take the seats of the site's
-- call-centre channel (the agents' contingent of the quota grid): give
-- an interview site its own call-centre template, or a site of its own,
-- so that interviews do not eat the call centre's seats. The service
-- needs no service_offer row: the public, partners and the call centre
-- never list it; only this table offers it.
CREATE TABLE interview_site (
	site_id BIGINT NOT NULL,
	service_id BIGINT NOT NULL,
	level_id INT NOT NULL,
	PRIMARY KEY (site_id),
	CONSTRAINT interview_site_site FOREIGN KEY (site_id) REFERENCES site (id),
	CONSTRAINT interview_site_service FOREIGN KEY (service_id)
		REFERENCES service (id),
	CONSTRAINT interview_site_level FOREIGN KEY (level_id)
		REFERENCES service_level (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The appointments booked from a dossier (its interviews), besides the
-- person_appointment row that links each to the principal applicant
-- (identity's timeline and the status page's next appointment read
-- that one). One active interview per dossier: checked under the
-- dossier's row lock in the booking transaction.
CREATE TABLE dossier_appointment (
	appointment_id BIGINT NOT NULL,
	dossier_id BIGINT NOT NULL,
	booked_at DATETIME(6) NOT NULL,
	booked_by BIGINT NULL,
	PRIMARY KEY (appointment_id),
	KEY dossier_appointment_dossier (dossier_id),
	CONSTRAINT dossier_appointment_appt FOREIGN KEY (appointment_id)
		REFERENCES appointment (id),
	CONSTRAINT dossier_appointment_dossier_fk FOREIGN KEY (dossier_id)
		REFERENCES dossier (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO permission (name, description) VALUES
	('dossier.interview', 'Book the interview appointment of a case file');
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'dossier.interview' FROM role r
	WHERE r.name IN ('administrator', 'supervisor', 'case_officer');

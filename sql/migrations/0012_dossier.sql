-- 0012: the dossier (issue 15): procedures as data (modules/workflow),
-- the agency's closed days, dossiers with their household, events,
-- legal-deadline clocks, documents, encrypted notes and decisions.

-- A procedure and its versions. A version's definition is the JSON that
-- modules/workflow/wf.h describes (statuses, transitions with the
-- permission each needs, deadlines with their legal source). A
-- supervisor's edit adds a version; a dossier keeps the version it
-- started under, so a rule changed later never moves its clocks.
CREATE TABLE wf_procedure (
	id BIGINT NOT NULL AUTO_INCREMENT,
	code VARCHAR(32) CHARACTER SET ascii NOT NULL,
	kind VARCHAR(16) CHARACTER SET ascii NOT NULL,	-- dossier (civil, registration next)
	name VARCHAR(200) NOT NULL,
	current_version INT NOT NULL,
	active TINYINT NOT NULL DEFAULT 1,	-- offered for new dossiers
	version INT NOT NULL DEFAULT 1,
	updated_at DATETIME(6) NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY wf_procedure_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE wf_procedure_version (
	id BIGINT NOT NULL AUTO_INCREMENT,
	procedure_id BIGINT NOT NULL,
	number INT NOT NULL,
	definition MEDIUMTEXT NOT NULL,
	created_at DATETIME(6) NOT NULL,
	created_by BIGINT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY wf_version_number (procedure_id, number),
	CONSTRAINT wf_version_procedure FOREIGN KEY (procedure_id)
		REFERENCES wf_procedure (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The agency's closed days (public holidays, closures): working-day
-- clocks skip them, and a calendar deadline ending on one moves to the
-- next working day. Weekend days are Workflow.Weekend in the
-- configuration.
CREATE TABLE closed_day (
	day DATE NOT NULL,
	label VARCHAR(200) NOT NULL,
	PRIMARY KEY (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A dossier. next_due is the earliest due date of its running clocks
-- (9999-12-31 when none runs, so that an index orders the lists) and
-- paused whether one stands still: kept in the transactions that change
-- clocks, so that the work lists read one index.
CREATE TABLE dossier (
	id BIGINT NOT NULL AUTO_INCREMENT,
	reference CHAR(8) CHARACTER SET ascii NOT NULL,
	procedure_id BIGINT NOT NULL,
	procedure_version_id BIGINT NOT NULL,
	status VARCHAR(32) CHARACTER SET ascii NOT NULL,
	lodged_on DATE NOT NULL,
	decided_on DATE NULL,
	assignee BIGINT NULL,
	sealed TINYINT NOT NULL DEFAULT 0,
	next_due DATE NOT NULL DEFAULT '9999-12-31',
	paused TINYINT NOT NULL DEFAULT 0,
	closed TINYINT NOT NULL DEFAULT 0,	-- in a final status
	created_at DATETIME(6) NOT NULL,
	created_by BIGINT NULL,
	updated_at DATETIME(6) NOT NULL,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY dossier_reference (reference),
	KEY dossier_mine (assignee, closed, next_due),
	KEY dossier_due (closed, next_due),
	KEY dossier_paused (closed, paused, next_due),
	KEY dossier_procedure (procedure_id, status, next_due),
	KEY dossier_lodged (procedure_id, lodged_on),
	KEY dossier_next (next_due),
	CONSTRAINT dossier_procedure_fk FOREIGN KEY (procedure_id)
		REFERENCES wf_procedure (id),
	CONSTRAINT dossier_version_fk FOREIGN KEY (procedure_version_id)
		REFERENCES wf_procedure_version (id),
	CONSTRAINT dossier_assignee_fk FOREIGN KEY (assignee)
		REFERENCES agent (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The household: the principal applicant and the members, persons of
-- the identity register.
CREATE TABLE dossier_person (
	dossier_id BIGINT NOT NULL,
	person_id BIGINT NOT NULL,
	role VARCHAR(16) CHARACTER SET ascii NOT NULL,	-- principal, member
	relation VARCHAR(16) CHARACTER SET ascii NULL,	-- spouse, child ...
	added_at DATETIME(6) NOT NULL,
	PRIMARY KEY (dossier_id, person_id),
	KEY dossier_person_person (person_id),
	CONSTRAINT dossier_person_dossier FOREIGN KEY (dossier_id)
		REFERENCES dossier (id),
	CONSTRAINT dossier_person_person_fk FOREIGN KEY (person_id)
		REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The timeline: every change of a dossier, in the transaction of the
-- change (its audit event carries the same facts for the hash chain).
CREATE TABLE dossier_event (
	id BIGINT NOT NULL AUTO_INCREMENT,
	dossier_id BIGINT NOT NULL,
	at DATETIME(6) NOT NULL,
	agent_id BIGINT NULL,
	actor VARCHAR(200) NOT NULL,
	kind VARCHAR(24) CHARACTER SET ascii NOT NULL,
	from_status VARCHAR(32) CHARACTER SET ascii NULL,
	to_status VARCHAR(32) CHARACTER SET ascii NULL,
	detail VARCHAR(1000) NULL,
	PRIMARY KEY (id),
	KEY dossier_event_dossier (dossier_id, at),
	KEY dossier_event_kind (kind, at),
	CONSTRAINT dossier_event_dossier_fk FOREIGN KEY (dossier_id)
		REFERENCES dossier (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A legal-deadline clock: what its due date follows from (struct
-- wf_clock); due_on is kept for the lists. met: stopped on or before
-- the due date (monitoring's share within the legal deadline).
CREATE TABLE dossier_clock (
	id BIGINT NOT NULL AUTO_INCREMENT,
	dossier_id BIGINT NOT NULL,
	code VARCHAR(32) CHARACTER SET ascii NOT NULL,
	started_on DATE NOT NULL,
	length INT NOT NULL,
	unit VARCHAR(8) CHARACTER SET ascii NOT NULL,
	extended INT NOT NULL DEFAULT 0,
	paused_total INT NOT NULL DEFAULT 0,
	paused_since DATE NULL,
	stopped_on DATE NULL,
	due_on DATE NOT NULL,
	met TINYINT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY dossier_clock_code (dossier_id, code),
	KEY dossier_clock_due (stopped_on, due_on),
	CONSTRAINT dossier_clock_dossier FOREIGN KEY (dossier_id)
		REFERENCES dossier (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Documents of a dossier: files of the store (purpose dossier.document).
CREATE TABLE dossier_document (
	id BIGINT NOT NULL AUTO_INCREMENT,
	dossier_id BIGINT NOT NULL,
	file_id CHAR(32) CHARACTER SET ascii NOT NULL,
	title VARCHAR(200) NOT NULL,
	filename VARCHAR(200) NOT NULL,
	created_at DATETIME(6) NOT NULL,
	agent_id BIGINT NULL,
	PRIMARY KEY (id),
	KEY dossier_document_dossier (dossier_id, created_at),
	CONSTRAINT dossier_document_dossier_fk FOREIGN KEY (dossier_id)
		REFERENCES dossier (id),
	CONSTRAINT dossier_document_file FOREIGN KEY (file_id)
		REFERENCES stored_file (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Officers' notes, encrypted at rest (libsodium secretbox under the key
-- file Paths.Var/keys/notes.key): body is nonce || ciphertext.
CREATE TABLE dossier_note (
	id BIGINT NOT NULL AUTO_INCREMENT,
	dossier_id BIGINT NOT NULL,
	agent_id BIGINT NULL,
	actor VARCHAR(200) NOT NULL,
	created_at DATETIME(6) NOT NULL,
	body VARBINARY(12000) NOT NULL,
	PRIMARY KEY (id),
	KEY dossier_note_dossier (dossier_id, created_at),
	CONSTRAINT dossier_note_dossier_fk FOREIGN KEY (dossier_id)
		REFERENCES dossier (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Decisions with their text (a draft until the transition that decides).
CREATE TABLE dossier_decision (
	id BIGINT NOT NULL AUTO_INCREMENT,
	dossier_id BIGINT NOT NULL,
	outcome VARCHAR(24) CHARACTER SET ascii NOT NULL,
	text TEXT NOT NULL,
	final TINYINT NOT NULL DEFAULT 0,
	agent_id BIGINT NULL,
	actor VARCHAR(200) NOT NULL,
	created_at DATETIME(6) NOT NULL,
	PRIMARY KEY (id),
	KEY dossier_decision_dossier (dossier_id, created_at),
	CONSTRAINT dossier_decision_dossier_fk FOREIGN KEY (dossier_id)
		REFERENCES dossier (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Permissions of the dossier beyond view/edit/decide (migration 0002).
INSERT INTO permission (name, description) VALUES
	('dossier.create', 'Open case files'),
	('dossier.assign', 'Assign case files to officers, in bulk'),
	('dossier.sealed', 'Open sealed case files not assigned to oneself'),
	('dossier.configure', 'Edit procedures, their rules and the closed days'),
	('dossier.monitor', 'See processing-time and backlog figures');
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.name FROM role r JOIN permission p ON p.name IN
	('dossier.create', 'dossier.assign', 'dossier.sealed', 'dossier.configure',
	 'dossier.monitor')
	WHERE r.name IN ('administrator', 'supervisor');
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'dossier.edit' FROM role r WHERE r.name = 'supervisor';
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'dossier.create' FROM role r
	WHERE r.name IN ('case_officer', 'registrar');

-- The seeded procedures (version 1 each). Sources are the EU asylum
-- acquis an agency adapts to its own law; "agency rule" marks a limit
-- the law leaves to the agency.
INSERT INTO wf_procedure (code, kind, name, current_version, version, updated_at)
	VALUES ('regular', 'dossier', 'Regular procedure', 1, 1, UTC_TIMESTAMP(6));
INSERT INTO wf_procedure_version (procedure_id, number, definition, created_at)
	SELECT id, 1, '{"initial":"lodged","statuses":[{"code":"lodged","label":{"en":"Lodged","fr":"Enregistrée","ar":"مسجّل"}},{"code":"waiting_documents","label":{"en":"Waiting for the applicant''s documents","fr":"En attente de documents du demandeur","ar":"في انتظار وثائق مقدّم الطلب"},"pauses":true},{"code":"interview_scheduled","label":{"en":"Interview scheduled","fr":"Entretien programmé","ar":"المقابلة مُبرمجة"}},{"code":"interviewed","label":{"en":"Interviewed","fr":"Entretien réalisé","ar":"أُجريت المقابلة"}},{"code":"decision_drafted","label":{"en":"Decision drafted","fr":"Décision rédigée","ar":"مشروع القرار محرَّر"}},{"code":"decided","label":{"en":"Decided","fr":"Décision prise","ar":"صدر القرار"}},{"code":"notified","label":{"en":"Decision notified","fr":"Décision notifiée","ar":"تم التبليغ بالقرار"}},{"code":"closed","label":{"en":"Closed","fr":"Clôturée","ar":"مغلق"},"final":true},{"code":"withdrawn","label":{"en":"Withdrawn","fr":"Retirée","ar":"مسحوب"},"final":true}],"transitions":[{"from":"lodged","to":"waiting_documents","permission":"dossier.edit"},{"from":"waiting_documents","to":"lodged","permission":"dossier.edit"},{"from":"lodged","to":"interview_scheduled","permission":"dossier.edit"},{"from":"interview_scheduled","to":"interviewed","permission":"dossier.edit"},{"from":"interview_scheduled","to":"lodged","permission":"dossier.edit"},{"from":"interviewed","to":"waiting_documents","permission":"dossier.edit"},{"from":"waiting_documents","to":"interviewed","permission":"dossier.edit"},{"from":"interviewed","to":"decision_drafted","permission":"dossier.edit"},{"from":"decision_drafted","to":"interviewed","permission":"dossier.edit"},{"from":"decision_drafted","to":"decided","permission":"dossier.decide"},{"from":"decided","to":"notified","permission":"dossier.edit"},{"from":"notified","to":"closed","permission":"dossier.edit"},{"from":"lodged","to":"withdrawn","permission":"dossier.edit"},{"from":"waiting_documents","to":"withdrawn","permission":"dossier.edit"},{"from":"interview_scheduled","to":"withdrawn","permission":"dossier.edit"},{"from":"interviewed","to":"withdrawn","permission":"dossier.edit"}],"deadlines":[{"code":"decision","label":{"en":"Decision","fr":"Décision","ar":"القرار"},"start":"lodged","stop":["decided","withdrawn"],"length":6,"unit":"months","extend":9,"warn":30,"source":"Directive 2013/32/EU, art. 31(3): decision within 6 months of lodging, extendable by up to 9 months"},{"code":"notification","label":{"en":"Notification of the decision","fr":"Notification de la décision","ar":"التبليغ بالقرار"},"start":"decided","stop":["notified"],"length":15,"unit":"days","extend":0,"warn":5,"source":"Agency rule: the decision is notified within 15 days of being taken"}]}', UTC_TIMESTAMP(6) FROM wf_procedure WHERE code = 'regular';

INSERT INTO wf_procedure (code, kind, name, current_version, version, updated_at)
	VALUES ('accelerated', 'dossier', 'Accelerated procedure', 1, 1, UTC_TIMESTAMP(6));
INSERT INTO wf_procedure_version (procedure_id, number, definition, created_at)
	SELECT id, 1, '{"initial":"lodged","statuses":[{"code":"lodged","label":{"en":"Lodged","fr":"Enregistrée","ar":"مسجّل"}},{"code":"waiting_documents","label":{"en":"Waiting for the applicant''s documents","fr":"En attente de documents du demandeur","ar":"في انتظار وثائق مقدّم الطلب"},"pauses":true},{"code":"interview_scheduled","label":{"en":"Interview scheduled","fr":"Entretien programmé","ar":"المقابلة مُبرمجة"}},{"code":"interviewed","label":{"en":"Interviewed","fr":"Entretien réalisé","ar":"أُجريت المقابلة"}},{"code":"decision_drafted","label":{"en":"Decision drafted","fr":"Décision rédigée","ar":"مشروع القرار محرَّر"}},{"code":"decided","label":{"en":"Decided","fr":"Décision prise","ar":"صدر القرار"}},{"code":"notified","label":{"en":"Decision notified","fr":"Décision notifiée","ar":"تم التبليغ بالقرار"}},{"code":"closed","label":{"en":"Closed","fr":"Clôturée","ar":"مغلق"},"final":true},{"code":"withdrawn","label":{"en":"Withdrawn","fr":"Retirée","ar":"مسحوب"},"final":true}],"transitions":[{"from":"lodged","to":"waiting_documents","permission":"dossier.edit"},{"from":"waiting_documents","to":"lodged","permission":"dossier.edit"},{"from":"lodged","to":"interview_scheduled","permission":"dossier.edit"},{"from":"interview_scheduled","to":"interviewed","permission":"dossier.edit"},{"from":"interview_scheduled","to":"lodged","permission":"dossier.edit"},{"from":"interviewed","to":"waiting_documents","permission":"dossier.edit"},{"from":"waiting_documents","to":"interviewed","permission":"dossier.edit"},{"from":"interviewed","to":"decision_drafted","permission":"dossier.edit"},{"from":"decision_drafted","to":"interviewed","permission":"dossier.edit"},{"from":"decision_drafted","to":"decided","permission":"dossier.decide"},{"from":"decided","to":"notified","permission":"dossier.edit"},{"from":"notified","to":"closed","permission":"dossier.edit"},{"from":"lodged","to":"withdrawn","permission":"dossier.edit"},{"from":"waiting_documents","to":"withdrawn","permission":"dossier.edit"},{"from":"interview_scheduled","to":"withdrawn","permission":"dossier.edit"},{"from":"interviewed","to":"withdrawn","permission":"dossier.edit"}],"deadlines":[{"code":"decision","label":{"en":"Decision","fr":"Décision","ar":"القرار"},"start":"lodged","stop":["decided","withdrawn"],"length":15,"unit":"workdays","extend":0,"warn":5,"source":"Directive 2013/32/EU, art. 31(8)-(9): accelerated examination within a reasonable time; agency rule: 15 working days"},{"code":"notification","label":{"en":"Notification of the decision","fr":"Notification de la décision","ar":"التبليغ بالقرار"},"start":"decided","stop":["notified"],"length":15,"unit":"days","extend":0,"warn":5,"source":"Agency rule: the decision is notified within 15 days of being taken"}]}', UTC_TIMESTAMP(6) FROM wf_procedure WHERE code = 'accelerated';

INSERT INTO wf_procedure (code, kind, name, current_version, version, updated_at)
	VALUES ('border', 'dossier', 'Border procedure', 1, 1, UTC_TIMESTAMP(6));
INSERT INTO wf_procedure_version (procedure_id, number, definition, created_at)
	SELECT id, 1, '{"initial":"lodged","statuses":[{"code":"lodged","label":{"en":"Lodged","fr":"Enregistrée","ar":"مسجّل"}},{"code":"waiting_documents","label":{"en":"Waiting for the applicant''s documents","fr":"En attente de documents du demandeur","ar":"في انتظار وثائق مقدّم الطلب"},"pauses":true},{"code":"interview_scheduled","label":{"en":"Interview scheduled","fr":"Entretien programmé","ar":"المقابلة مُبرمجة"}},{"code":"interviewed","label":{"en":"Interviewed","fr":"Entretien réalisé","ar":"أُجريت المقابلة"}},{"code":"decision_drafted","label":{"en":"Decision drafted","fr":"Décision rédigée","ar":"مشروع القرار محرَّر"}},{"code":"decided","label":{"en":"Decided","fr":"Décision prise","ar":"صدر القرار"}},{"code":"notified","label":{"en":"Decision notified","fr":"Décision notifiée","ar":"تم التبليغ بالقرار"}},{"code":"closed","label":{"en":"Closed","fr":"Clôturée","ar":"مغلق"},"final":true},{"code":"withdrawn","label":{"en":"Withdrawn","fr":"Retirée","ar":"مسحوب"},"final":true}],"transitions":[{"from":"lodged","to":"waiting_documents","permission":"dossier.edit"},{"from":"waiting_documents","to":"lodged","permission":"dossier.edit"},{"from":"lodged","to":"interview_scheduled","permission":"dossier.edit"},{"from":"interview_scheduled","to":"interviewed","permission":"dossier.edit"},{"from":"interview_scheduled","to":"lodged","permission":"dossier.edit"},{"from":"interviewed","to":"waiting_documents","permission":"dossier.edit"},{"from":"waiting_documents","to":"interviewed","permission":"dossier.edit"},{"from":"interviewed","to":"decision_drafted","permission":"dossier.edit"},{"from":"decision_drafted","to":"interviewed","permission":"dossier.edit"},{"from":"decision_drafted","to":"decided","permission":"dossier.decide"},{"from":"decided","to":"notified","permission":"dossier.edit"},{"from":"notified","to":"closed","permission":"dossier.edit"},{"from":"lodged","to":"withdrawn","permission":"dossier.edit"},{"from":"waiting_documents","to":"withdrawn","permission":"dossier.edit"},{"from":"interview_scheduled","to":"withdrawn","permission":"dossier.edit"},{"from":"interviewed","to":"withdrawn","permission":"dossier.edit"}],"deadlines":[{"code":"decision","label":{"en":"Decision at the border","fr":"Décision à la frontière","ar":"القرار على الحدود"},"start":"lodged","stop":["decided","withdrawn"],"length":28,"unit":"days","extend":0,"warn":7,"source":"Directive 2013/32/EU, art. 43(2): decision within 4 weeks at the border, else entry is granted"},{"code":"notification","label":{"en":"Notification of the decision","fr":"Notification de la décision","ar":"التبليغ بالقرار"},"start":"decided","stop":["notified"],"length":15,"unit":"days","extend":0,"warn":5,"source":"Agency rule: the decision is notified within 15 days of being taken"}]}', UTC_TIMESTAMP(6) FROM wf_procedure WHERE code = 'border';

INSERT INTO wf_procedure (code, kind, name, current_version, version, updated_at)
	VALUES ('subsequent', 'dossier', 'Subsequent application', 1, 1, UTC_TIMESTAMP(6));
INSERT INTO wf_procedure_version (procedure_id, number, definition, created_at)
	SELECT id, 1, '{"initial":"lodged","statuses":[{"code":"lodged","label":{"en":"Lodged","fr":"Enregistrée","ar":"مسجّل"}},{"code":"waiting_documents","label":{"en":"Waiting for the applicant''s documents","fr":"En attente de documents du demandeur","ar":"في انتظار وثائق مقدّم الطلب"},"pauses":true},{"code":"preliminary_exam","label":{"en":"Preliminary examination","fr":"Examen préliminaire","ar":"الفحص الأولي"}},{"code":"inadmissible","label":{"en":"Inadmissible","fr":"Irrecevable","ar":"غير مقبول"},"final":true},{"code":"interview_scheduled","label":{"en":"Interview scheduled","fr":"Entretien programmé","ar":"المقابلة مُبرمجة"}},{"code":"interviewed","label":{"en":"Interviewed","fr":"Entretien réalisé","ar":"أُجريت المقابلة"}},{"code":"decision_drafted","label":{"en":"Decision drafted","fr":"Décision rédigée","ar":"مشروع القرار محرَّر"}},{"code":"decided","label":{"en":"Decided","fr":"Décision prise","ar":"صدر القرار"}},{"code":"notified","label":{"en":"Decision notified","fr":"Décision notifiée","ar":"تم التبليغ بالقرار"}},{"code":"closed","label":{"en":"Closed","fr":"Clôturée","ar":"مغلق"},"final":true},{"code":"withdrawn","label":{"en":"Withdrawn","fr":"Retirée","ar":"مسحوب"},"final":true}],"transitions":[{"from":"lodged","to":"preliminary_exam","permission":"dossier.edit"},{"from":"preliminary_exam","to":"waiting_documents","permission":"dossier.edit"},{"from":"waiting_documents","to":"preliminary_exam","permission":"dossier.edit"},{"from":"preliminary_exam","to":"inadmissible","permission":"dossier.decide"},{"from":"preliminary_exam","to":"interview_scheduled","permission":"dossier.edit"},{"from":"preliminary_exam","to":"withdrawn","permission":"dossier.edit"},{"from":"interview_scheduled","to":"interviewed","permission":"dossier.edit"},{"from":"interviewed","to":"waiting_documents","permission":"dossier.edit"},{"from":"waiting_documents","to":"interviewed","permission":"dossier.edit"},{"from":"interviewed","to":"decision_drafted","permission":"dossier.edit"},{"from":"decision_drafted","to":"interviewed","permission":"dossier.edit"},{"from":"decision_drafted","to":"decided","permission":"dossier.decide"},{"from":"decided","to":"notified","permission":"dossier.edit"},{"from":"notified","to":"closed","permission":"dossier.edit"},{"from":"waiting_documents","to":"withdrawn","permission":"dossier.edit"},{"from":"interview_scheduled","to":"withdrawn","permission":"dossier.edit"},{"from":"interviewed","to":"withdrawn","permission":"dossier.edit"}],"deadlines":[{"code":"admissibility","label":{"en":"Admissibility","fr":"Recevabilité","ar":"المقبولية"},"start":"lodged","stop":["inadmissible","interview_scheduled","withdrawn"],"length":8,"unit":"workdays","extend":0,"warn":3,"source":"Directive 2013/32/EU, arts. 40-42: preliminary examination of new elements; agency rule: 8 working days"},{"code":"decision","label":{"en":"Decision","fr":"Décision","ar":"القرار"},"start":"interview_scheduled","stop":["decided","withdrawn"],"length":6,"unit":"months","extend":9,"warn":30,"source":"Directive 2013/32/EU, art. 31(3): decision within 6 months, extendable by up to 9 months"},{"code":"notification","label":{"en":"Notification of the decision","fr":"Notification de la décision","ar":"التبليغ بالقرار"},"start":"decided","stop":["notified"],"length":15,"unit":"days","extend":0,"warn":5,"source":"Agency rule: the decision is notified within 15 days of being taken"}]}', UTC_TIMESTAMP(6) FROM wf_procedure WHERE code = 'subsequent';

INSERT INTO wf_procedure (code, kind, name, current_version, version, updated_at)
	VALUES ('dublin', 'dossier', 'Dublin transfer', 1, 1, UTC_TIMESTAMP(6));
INSERT INTO wf_procedure_version (procedure_id, number, definition, created_at)
	SELECT id, 1, '{"initial":"lodged","statuses":[{"code":"lodged","label":{"en":"Lodged","fr":"Enregistrée","ar":"مسجّل"}},{"code":"waiting_documents","label":{"en":"Waiting for the applicant''s documents","fr":"En attente de documents du demandeur","ar":"في انتظار وثائق مقدّم الطلب"},"pauses":true},{"code":"request_sent","label":{"en":"Request sent to the responsible State","fr":"Requête envoyée à l''État responsable","ar":"أُرسل الطلب إلى الدولة المسؤولة"}},{"code":"accepted","label":{"en":"Accepted by the responsible State","fr":"Acceptée par l''État responsable","ar":"قبلته الدولة المسؤولة"}},{"code":"refused_by_state","label":{"en":"Refused by the responsible State","fr":"Refusée par l''État responsable","ar":"رفضته الدولة المسؤولة"}},{"code":"transferred","label":{"en":"Transferred","fr":"Transféré","ar":"تم النقل"},"final":true},{"code":"closed","label":{"en":"Closed","fr":"Clôturée","ar":"مغلق"},"final":true},{"code":"withdrawn","label":{"en":"Withdrawn","fr":"Retirée","ar":"مسحوب"},"final":true}],"transitions":[{"from":"lodged","to":"waiting_documents","permission":"dossier.edit"},{"from":"waiting_documents","to":"lodged","permission":"dossier.edit"},{"from":"lodged","to":"request_sent","permission":"dossier.edit"},{"from":"request_sent","to":"accepted","permission":"dossier.edit"},{"from":"request_sent","to":"refused_by_state","permission":"dossier.edit"},{"from":"accepted","to":"transferred","permission":"dossier.edit"},{"from":"refused_by_state","to":"closed","permission":"dossier.edit"},{"from":"accepted","to":"closed","permission":"dossier.decide"},{"from":"lodged","to":"withdrawn","permission":"dossier.edit"},{"from":"request_sent","to":"withdrawn","permission":"dossier.edit"}],"deadlines":[{"code":"take_charge","label":{"en":"Take-charge request","fr":"Requête aux fins de prise en charge","ar":"طلب التكفّل"},"start":"lodged","stop":["request_sent","withdrawn"],"length":3,"unit":"months","extend":0,"warn":14,"source":"Regulation (EU) 604/2013, art. 21(1): take-charge request within 3 months of lodging"},{"code":"transfer","label":{"en":"Transfer","fr":"Transfert","ar":"النقل"},"start":"accepted","stop":["transferred","closed"],"length":6,"unit":"months","extend":12,"warn":30,"source":"Regulation (EU) 604/2013, art. 29(1)-(2): transfer within 6 months of acceptance, up to 1 year (imprisonment) or 18 months (absconding)"}]}', UTC_TIMESTAMP(6) FROM wf_procedure WHERE code = 'dublin';

INSERT INTO wf_procedure (code, kind, name, current_version, version, updated_at)
	VALUES ('family_reunification', 'dossier', 'Family reunification', 1, 1, UTC_TIMESTAMP(6));
INSERT INTO wf_procedure_version (procedure_id, number, definition, created_at)
	SELECT id, 1, '{"initial":"lodged","statuses":[{"code":"lodged","label":{"en":"Lodged","fr":"Enregistrée","ar":"مسجّل"}},{"code":"waiting_documents","label":{"en":"Waiting for the applicant''s documents","fr":"En attente de documents du demandeur","ar":"في انتظار وثائق مقدّم الطلب"},"pauses":true},{"code":"interview_scheduled","label":{"en":"Interview scheduled","fr":"Entretien programmé","ar":"المقابلة مُبرمجة"}},{"code":"interviewed","label":{"en":"Interviewed","fr":"Entretien réalisé","ar":"أُجريت المقابلة"}},{"code":"decision_drafted","label":{"en":"Decision drafted","fr":"Décision rédigée","ar":"مشروع القرار محرَّر"}},{"code":"decided","label":{"en":"Decided","fr":"Décision prise","ar":"صدر القرار"}},{"code":"notified","label":{"en":"Decision notified","fr":"Décision notifiée","ar":"تم التبليغ بالقرار"}},{"code":"closed","label":{"en":"Closed","fr":"Clôturée","ar":"مغلق"},"final":true},{"code":"withdrawn","label":{"en":"Withdrawn","fr":"Retirée","ar":"مسحوب"},"final":true}],"transitions":[{"from":"lodged","to":"waiting_documents","permission":"dossier.edit"},{"from":"waiting_documents","to":"lodged","permission":"dossier.edit"},{"from":"lodged","to":"interview_scheduled","permission":"dossier.edit"},{"from":"interview_scheduled","to":"interviewed","permission":"dossier.edit"},{"from":"interview_scheduled","to":"lodged","permission":"dossier.edit"},{"from":"interviewed","to":"waiting_documents","permission":"dossier.edit"},{"from":"waiting_documents","to":"interviewed","permission":"dossier.edit"},{"from":"interviewed","to":"decision_drafted","permission":"dossier.edit"},{"from":"decision_drafted","to":"interviewed","permission":"dossier.edit"},{"from":"decision_drafted","to":"decided","permission":"dossier.decide"},{"from":"decided","to":"notified","permission":"dossier.edit"},{"from":"notified","to":"closed","permission":"dossier.edit"},{"from":"lodged","to":"withdrawn","permission":"dossier.edit"},{"from":"waiting_documents","to":"withdrawn","permission":"dossier.edit"},{"from":"interview_scheduled","to":"withdrawn","permission":"dossier.edit"},{"from":"interviewed","to":"withdrawn","permission":"dossier.edit"}],"deadlines":[{"code":"decision","label":{"en":"Decision","fr":"Décision","ar":"القرار"},"start":"lodged","stop":["decided","withdrawn"],"length":9,"unit":"months","extend":3,"warn":30,"source":"Directive 2003/86/EC, art. 5(4): decision no later than 9 months after the application, extendable in exceptional circumstances"},{"code":"notification","label":{"en":"Notification of the decision","fr":"Notification de la décision","ar":"التبليغ بالقرار"},"start":"decided","stop":["notified"],"length":15,"unit":"days","extend":0,"warn":5,"source":"Agency rule: the decision is notified within 15 days of being taken"}]}', UTC_TIMESTAMP(6) FROM wf_procedure WHERE code = 'family_reunification';

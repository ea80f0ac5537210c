-- 0014: exchanges (issue 15.4), replacing letters and calls: a typed
-- request from a dossier to an internal service or to a partner
-- organisation, with its legal basis, due date, status and the answer
-- with its attachments (files of the document store, use
-- exchange.answer). A partner organisation is an API key whose role
-- holds exchange.answer (havre-admin apikey add --role partner_agency):
-- it sees and answers only the exchanges addressed to its own key.

-- The agency's own services an officer may ask (their agents record the
-- answer on the dossier page).
CREATE TABLE exchange_service (
	id INT NOT NULL AUTO_INCREMENT,
	code VARCHAR(32) CHARACTER SET ascii NOT NULL,
	name VARCHAR(200) NOT NULL,
	active TINYINT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY exchange_service_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO exchange_service (code, name) VALUES
	('medical', 'Medical service'),
	('documents', 'Document verification unit'),
	('security', 'Security screening unit'),
	('translation', 'Translation unit');

-- An exchange. status is what happened last (sent, acknowledged,
-- answered, withdrawn); "overdue" is not stored: an open exchange
-- (sent or acknowledged) whose due date has passed is shown as overdue
-- wherever it is read, so no job has to move it. open mirrors
-- "sent or acknowledged" for the indexes. Exactly one of service_id
-- and partner_key_id names the recipient.
CREATE TABLE exchange (
	id BIGINT NOT NULL AUTO_INCREMENT,
	dossier_id BIGINT NOT NULL,
	type VARCHAR(32) CHARACTER SET ascii NOT NULL,
	legal_basis VARCHAR(500) NOT NULL,
	question TEXT NOT NULL,
	due_on DATE NOT NULL,
	service_id INT NULL,
	partner_key_id BIGINT NULL,
	status VARCHAR(16) CHARACTER SET ascii NOT NULL,
	open TINYINT NOT NULL DEFAULT 1,
	sent_at DATETIME(6) NOT NULL,
	sent_by BIGINT NULL,
	sent_actor VARCHAR(200) NOT NULL,
	acknowledged_at DATETIME(6) NULL,
	answered_at DATETIME(6) NULL,
	answer TEXT NULL,
	answer_actor VARCHAR(200) NULL,
	closed_at DATETIME(6) NULL,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	KEY exchange_dossier (dossier_id, sent_at),
	KEY exchange_partner (partner_key_id, open, due_on),
	KEY exchange_due (open, due_on),
	CONSTRAINT exchange_dossier_fk FOREIGN KEY (dossier_id)
		REFERENCES dossier (id),
	CONSTRAINT exchange_service_fk FOREIGN KEY (service_id)
		REFERENCES exchange_service (id),
	CONSTRAINT exchange_partner_fk FOREIGN KEY (partner_key_id)
		REFERENCES api_key (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The answer's attachments (added while the exchange is open, then part
-- of its answer).
CREATE TABLE exchange_attachment (
	id BIGINT NOT NULL AUTO_INCREMENT,
	exchange_id BIGINT NOT NULL,
	file_id CHAR(32) CHARACTER SET ascii NOT NULL,
	filename VARCHAR(200) NOT NULL,
	created_at DATETIME(6) NOT NULL,
	actor VARCHAR(200) NOT NULL,
	PRIMARY KEY (id),
	KEY exchange_attachment_exchange (exchange_id, created_at),
	CONSTRAINT exchange_attachment_exchange_fk FOREIGN KEY (exchange_id)
		REFERENCES exchange (id),
	CONSTRAINT exchange_attachment_file FOREIGN KEY (file_id)
		REFERENCES stored_file (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The earliest due date of a dossier's open exchanges (9999-12-31 when
-- none is open), kept in the transactions that change exchanges, so
-- that the work list of dossiers with an overdue exchange and its
-- marker read one index.
ALTER TABLE dossier
	ADD COLUMN exchange_due DATE NOT NULL DEFAULT '9999-12-31',
	ADD KEY dossier_exchange_due (closed, exchange_due);

INSERT INTO permission (name, description) VALUES
	('dossier.exchange', 'Send and withdraw exchanges of case files, record an internal service''s answer'),
	('exchange.answer', 'Partner organisation: read, acknowledge and answer the exchanges addressed to it');
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'dossier.exchange' FROM role r
	WHERE r.name IN ('administrator', 'supervisor', 'case_officer');
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'exchange.answer' FROM role r
	WHERE r.name = 'partner_agency';

-- 0002: agents, roles and permissions, sessions, login attempts, API keys,
-- and the tamper-evident audit trail (audit_event, chained with BLAKE2b
-- through audit_head) plus the personal-data access log (access_event).
-- Sessions and API keys store only a BLAKE2b-256 hash of their secret.

CREATE TABLE site (
	id BIGINT NOT NULL AUTO_INCREMENT,
	code VARCHAR(32) CHARACTER SET ascii NOT NULL,
	name VARCHAR(200) NOT NULL,
	time_zone VARCHAR(64) CHARACTER SET ascii NOT NULL DEFAULT 'UTC',
	country CHAR(3) CHARACTER SET ascii NULL,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY site_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE permission (
	name VARCHAR(64) CHARACTER SET ascii NOT NULL,
	description VARCHAR(200) NOT NULL,
	PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE role (
	id INT NOT NULL AUTO_INCREMENT,
	name VARCHAR(64) CHARACTER SET ascii NOT NULL,
	label VARCHAR(100) NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY role_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE role_permission (
	role_id INT NOT NULL,
	permission VARCHAR(64) CHARACTER SET ascii NOT NULL,
	PRIMARY KEY (role_id, permission),
	CONSTRAINT rp_role FOREIGN KEY (role_id) REFERENCES role (id),
	CONSTRAINT rp_perm FOREIGN KEY (permission) REFERENCES permission (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE agent (
	id BIGINT NOT NULL AUTO_INCREMENT,
	username VARCHAR(64) NOT NULL,
	display_name VARCHAR(200) NOT NULL,
	email VARCHAR(254) NULL,
	lang VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT 'en',
	home_site_id BIGINT NULL,
	password_hash VARCHAR(255) CHARACTER SET ascii NOT NULL,
	must_change_password TINYINT NOT NULL DEFAULT 1,
	disabled TINYINT NOT NULL DEFAULT 0,
	created_at DATETIME(6) NOT NULL,
	updated_at DATETIME(6) NOT NULL,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY agent_username (username),
	CONSTRAINT agent_site FOREIGN KEY (home_site_id) REFERENCES site (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE agent_role (
	agent_id BIGINT NOT NULL,
	role_id INT NOT NULL,
	PRIMARY KEY (agent_id, role_id),
	CONSTRAINT ar_agent FOREIGN KEY (agent_id) REFERENCES agent (id),
	CONSTRAINT ar_role FOREIGN KEY (role_id) REFERENCES role (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE session (
	id BIGINT NOT NULL AUTO_INCREMENT,
	token_hash BINARY(32) NOT NULL,
	agent_id BIGINT NOT NULL,
	csrf CHAR(64) CHARACTER SET ascii NOT NULL,
	created_at DATETIME(6) NOT NULL,
	last_seen_at DATETIME(6) NOT NULL,
	expires_at DATETIME(6) NOT NULL,
	client_addr VARCHAR(64) CHARACTER SET ascii NULL,
	user_agent VARCHAR(255) NULL,
	revoked_at DATETIME(6) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY session_token (token_hash),
	KEY session_agent (agent_id),
	CONSTRAINT session_agent FOREIGN KEY (agent_id) REFERENCES agent (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE login_attempt (
	id BIGINT NOT NULL AUTO_INCREMENT,
	username VARCHAR(64) NOT NULL,
	client_addr VARCHAR(64) CHARACTER SET ascii NOT NULL,
	at DATETIME(6) NOT NULL,
	success TINYINT NOT NULL,
	PRIMARY KEY (id),
	KEY attempt_user (username, at),
	KEY attempt_addr (client_addr, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE api_key (
	id BIGINT NOT NULL AUTO_INCREMENT,
	name VARCHAR(100) NOT NULL,
	key_hash BINARY(32) NOT NULL,
	role_id INT NOT NULL,
	created_at DATETIME(6) NOT NULL,
	last_used_at DATETIME(6) NULL,
	revoked_at DATETIME(6) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY api_key_name (name),
	UNIQUE KEY api_key_hash (key_hash),
	CONSTRAINT api_key_role FOREIGN KEY (role_id) REFERENCES role (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE api_key_use (
	id BIGINT NOT NULL AUTO_INCREMENT,
	api_key_id BIGINT NOT NULL,
	at DATETIME(6) NOT NULL,
	method VARCHAR(8) CHARACTER SET ascii NOT NULL,
	path VARCHAR(255) NOT NULL,
	client_addr VARCHAR(64) CHARACTER SET ascii NULL,
	request_id CHAR(16) CHARACTER SET ascii NOT NULL,
	PRIMARY KEY (id),
	KEY use_key (api_key_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The audit chain: every row's hash is BLAKE2b-256(prev_hash || canonical
-- bytes of the row). audit_head holds the last sequence number and hash;
-- a writer locks it (SELECT ... FOR UPDATE) so the chain stays linear on
-- one node and across a Galera cluster (conflicts surface as 1213, retried).
CREATE TABLE audit_head (
	id TINYINT NOT NULL,
	seq BIGINT NOT NULL,
	hash BINARY(32) NOT NULL,
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, REPEAT(CHAR(0), 32));

CREATE TABLE audit_event (
	seq BIGINT NOT NULL,
	at DATETIME(6) NOT NULL,
	agent_id BIGINT NULL,
	api_key_id BIGINT NULL,
	actor VARCHAR(100) NOT NULL,
	entity VARCHAR(64) CHARACTER SET ascii NOT NULL,
	entity_id VARCHAR(64) NOT NULL,
	action VARCHAR(64) CHARACTER SET ascii NOT NULL,
	changes MEDIUMTEXT NOT NULL,
	request_id CHAR(16) CHARACTER SET ascii NOT NULL,
	prev_hash BINARY(32) NOT NULL,
	hash BINARY(32) NOT NULL,
	PRIMARY KEY (seq),
	KEY audit_entity (entity, entity_id),
	KEY audit_agent (agent_id, at),
	KEY audit_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE access_event (
	id BIGINT NOT NULL AUTO_INCREMENT,
	at DATETIME(6) NOT NULL,
	agent_id BIGINT NULL,
	api_key_id BIGINT NULL,
	actor VARCHAR(100) NOT NULL,
	entity VARCHAR(64) CHARACTER SET ascii NOT NULL,
	entity_id VARCHAR(64) NOT NULL,
	reason VARCHAR(200) NOT NULL DEFAULT '',
	request_id CHAR(16) CHARACTER SET ascii NOT NULL,
	PRIMARY KEY (id),
	KEY access_entity (entity, entity_id),
	KEY access_agent (agent_id, at),
	KEY access_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Permissions: named capabilities, granted to roles. Route rows name them.
INSERT INTO permission (name, description) VALUES
	('agents.admin', 'Create, edit and disable agents; assign roles; reset passwords'),
	('audit.view', 'Read the audit trail and the personal-data access log'),
	('appointments.book', 'Book, edit and cancel appointments for callers'),
	('appointments.configure', 'Configure sites, services, levels and quotas'),
	('appointments.view', 'See a site''s day list'),
	('reception.checkin', 'Check applicants in at reception'),
	('reception.counter', 'Serve applicants at a counter'),
	('reception.dashboard', 'See counter performance dashboards'),
	('registration.register', 'Register applicants and families'),
	('identity.search', 'Search person records'),
	('identity.edit', 'Create and edit person records'),
	('identity.merge', 'Decide on duplicates, merge and unmerge records'),
	('dossier.view', 'Read case files'),
	('dossier.edit', 'Edit case files, record events and decisions'),
	('dossier.decide', 'Record decisions on case files'),
	('civil.draft', 'Draft civil-status acts'),
	('civil.sign', 'Verify and establish civil-status acts (four eyes)'),
	('civil.issue', 'Issue certificates and attestations'),
	('civil.verify', 'Check certificates and attestations presented by applicants'),
	('notify.templates', 'Edit message templates'),
	('partner.api', 'Use the partner API');

INSERT INTO role (name, label) VALUES
	('administrator', 'Administrator'),
	('supervisor', 'Supervisor'),
	('registrar', 'Registrar'),
	('case_officer', 'Case officer'),
	('civil_status_officer', 'Civil-status officer'),
	('reception', 'Reception'),
	('call_centre', 'Call-centre operator'),
	('partner_agency', 'Partner agency'),
	('verifier', 'Verifier');

-- administrator: everything.
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.name FROM role r, permission p WHERE r.name = 'administrator';
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.name FROM role r JOIN permission p ON p.name IN
	('audit.view', 'appointments.book', 'appointments.configure', 'appointments.view',
	 'reception.checkin', 'reception.counter', 'reception.dashboard', 'identity.search',
	 'identity.merge', 'dossier.view', 'notify.templates')
	WHERE r.name = 'supervisor';
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.name FROM role r JOIN permission p ON p.name IN
	('registration.register', 'identity.search', 'identity.edit', 'appointments.view',
	 'reception.checkin', 'dossier.view')
	WHERE r.name = 'registrar';
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.name FROM role r JOIN permission p ON p.name IN
	('identity.search', 'identity.edit', 'dossier.view', 'dossier.edit', 'dossier.decide')
	WHERE r.name = 'case_officer';
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.name FROM role r JOIN permission p ON p.name IN
	('identity.search', 'civil.draft', 'civil.sign', 'civil.issue', 'dossier.view')
	WHERE r.name = 'civil_status_officer';
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.name FROM role r JOIN permission p ON p.name IN
	('appointments.view', 'reception.checkin', 'reception.counter')
	WHERE r.name = 'reception';
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.name FROM role r JOIN permission p ON p.name IN
	('appointments.book', 'appointments.view')
	WHERE r.name = 'call_centre';
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.name FROM role r JOIN permission p ON p.name IN
	('partner.api', 'identity.search')
	WHERE r.name = 'partner_agency';
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, p.name FROM role r JOIN permission p ON p.name IN
	('civil.verify', 'identity.search')
	WHERE r.name = 'verifier';

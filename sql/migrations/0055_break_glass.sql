-- 0055: "break glass" and the access review (issue 20 item 4).
--
-- A sealed case file opens without question for its officer. Anyone
-- else allowed to open it (dossier.sealed) first gives a reason; the
-- reason is kept here, with who and when, and opens the case file for
-- that agent for a few hours (Dossier.BreakGlassHours, default 8). The
-- opening is also in the access log (reason break_glass) and the audit
-- trail. Supervisors review these openings, and agents whose reads look
-- unusual, on /access-review (dataprotection.review).
CREATE TABLE break_glass (
	id BIGINT NOT NULL AUTO_INCREMENT,
	dossier_id BIGINT NOT NULL,
	agent_id BIGINT NOT NULL,
	actor VARCHAR(100) NOT NULL,
	reason VARCHAR(500) NOT NULL,
	at DATETIME(6) NOT NULL,
	expires_at DATETIME(6) NOT NULL,
	request_id CHAR(16) CHARACTER SET ascii NOT NULL,
	PRIMARY KEY (id),
	KEY break_glass_open (agent_id, dossier_id, expires_at),
	KEY break_glass_at (at),
	CONSTRAINT break_glass_dossier FOREIGN KEY (dossier_id)
		REFERENCES dossier (id),
	CONSTRAINT break_glass_agent FOREIGN KEY (agent_id)
		REFERENCES agent (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 0054: the data-protection administration page (issue 20; havre-portal,
-- /dataprotection): a retention rule's length and legal source are
-- edited there with a reason. Each save is versioned (optimistic
-- concurrency on version), keeps the rule as it was in
-- retention_rule_history with who changed it, when and why, and is
-- audited. Legal holds are placed and released there too (legal_hold,
-- migration 0051).
ALTER TABLE retention_rule ADD COLUMN version INT NOT NULL DEFAULT 1,
	ADD COLUMN updated_by VARCHAR(100) NULL;

CREATE TABLE retention_rule_history (
	id BIGINT NOT NULL AUTO_INCREMENT,
	category VARCHAR(32) CHARACTER SET ascii NOT NULL,
	-- the rule as it was before the change
	version INT NOT NULL,
	keep_days INT NOT NULL,
	legal_source VARCHAR(400) NOT NULL,
	enabled TINYINT NOT NULL,
	-- the change
	changed_at DATETIME(6) NOT NULL,
	changed_by VARCHAR(100) NOT NULL,
	reason VARCHAR(500) NOT NULL,
	PRIMARY KEY (id),
	KEY retention_history_category (category, version),
	CONSTRAINT retention_history_rule FOREIGN KEY (category)
		REFERENCES retention_rule (category)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

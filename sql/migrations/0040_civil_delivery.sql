-- 0040: issued documents delivered to the person (issue 17, item 6;
-- modules/civil/delivery.c, docs/certificates.md "Delivery").
--
-- When a document is issued, havre-civil calls delivery_offer(): it
-- makes a one-time code, keeps only its keyed MAC here (BLAKE2b under
-- the key file Paths.Var/keys/collect-code.key, over
-- "<document id>:<code>": a copy of the table gives no code away, and
-- eight digits cannot be tried offline without the key), closes the
-- document's earlier live codes and queues "your document is ready"
-- (message_template civil_collect) with the link and the code in the
-- outbox, in the issuing transaction. On the public vhost
-- (/verify/collect) the serial and the code download the PDF.
-- A code is valid until expires_at (Civil.CollectDays, 7 by default),
-- once: closed_at is set when it is used (used_at too), when a newer
-- code replaces it, or when its wrong attempts reach
-- Civil.CollectAttempts (5 by default); closed_why says which.
CREATE TABLE civil_delivery_code (
	id BIGINT NOT NULL AUTO_INCREMENT,
	document_id BIGINT NOT NULL,
	code_mac CHAR(64) CHARACTER SET ascii NOT NULL,
	created_at DATETIME(6) NOT NULL,
	created_by BIGINT NULL,
	expires_at DATETIME(6) NOT NULL,
	attempts INT NOT NULL DEFAULT 0,
	used_at DATETIME(6) NULL,
	closed_at DATETIME(6) NULL,
	closed_why VARCHAR(16) CHARACTER SET ascii NULL,	-- used, replaced, attempts
	PRIMARY KEY (id),
	KEY civil_delivery_live (document_id, closed_at, expires_at),
	CONSTRAINT civil_delivery_document_fk FOREIGN KEY (document_id)
		REFERENCES issued_document (id),
	CONSTRAINT civil_delivery_agent_fk FOREIGN KEY (created_by)
		REFERENCES agent (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The SMS, one per language of the public site: {serial} the
-- document's serial, {url} the page to collect it, {code} the one-time
-- code, {days} how long it is valid. Kept short: about 140 characters
-- with a 25-character site address (one GSM-7 part; fr and es fold
-- their accents to GSM-7), two UCS-2 parts in Arabic.
INSERT INTO message_template (event, lang, body, updated_at) VALUES
('civil_collect', 'en', 'Your document {serial} is ready. Download it within {days} days at {url} with the code {code}.', UTC_TIMESTAMP(6)),
('civil_collect', 'fr', 'Votre document {serial} est prêt. Téléchargez-le dans les {days} jours sur {url} avec le code {code}.', UTC_TIMESTAMP(6)),
('civil_collect', 'ar', 'وثيقتك {serial} جاهزة. حمّلها خلال {days} أيام من {url} بالرمز {code}', UTC_TIMESTAMP(6)),
('civil_collect', 'es', 'Su documento {serial} está listo. Descárguelo en {days} días en {url} con el código {code}.', UTC_TIMESTAMP(6)),
('civil_collect', 'ht', 'Dokiman ou {serial} pare. Telechaje l nan {days} jou sou {url} ak kòd {code}.', UTC_TIMESTAMP(6));

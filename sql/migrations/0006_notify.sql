-- 0006: notifications. A transactional outbox (a message row is written
-- in the transaction of the change it announces, so it exists if and
-- only if the change committed), sent by havre-notify through the SMS
-- gateway; message templates per event and language, edited by a
-- supervisor (versioned); replies received by SMS.
--
-- Message bodies are personal data: they live in outbox_message.body
-- only, never in the application log. Replies are not stored as text:
-- sms_inbound keeps a hash of the text and the keyword recognised.

CREATE TABLE outbox_message (
	id BIGINT NOT NULL AUTO_INCREMENT,
	channel ENUM('sms','mail') NOT NULL DEFAULT 'sms',
	-- E.164 for sms ("+50912345678"), an address for mail
	to_addr VARCHAR(254) CHARACTER SET ascii NOT NULL,
	lang VARCHAR(8) CHARACTER SET ascii NOT NULL,
	event VARCHAR(32) CHARACTER SET ascii NOT NULL,
	-- what the message is about ("appointment", 42)
	entity VARCHAR(32) CHARACTER SET ascii NOT NULL DEFAULT '',
	entity_id BIGINT NULL,
	body TEXT NOT NULL,
	-- 1: GSM-7 alphabet, 2: UCS-2 (sent with coding=2)
	coding TINYINT NOT NULL DEFAULT 1,
	segments TINYINT NOT NULL DEFAULT 1,
	status ENUM('queued','sending','sent','delivered','failed') NOT NULL DEFAULT 'queued',
	attempts INT NOT NULL DEFAULT 0,
	next_try_at DATETIME(6) NOT NULL,
	-- the daemon ("host:pid") that claimed it, and when
	claimed_by VARCHAR(64) CHARACTER SET ascii NULL,
	claimed_at DATETIME(6) NULL,
	-- the gateway's answer ("0: Accepted for delivery"), delivery report
	provider_id VARCHAR(64) CHARACTER SET ascii NULL,
	dlr_status INT NULL,
	last_error VARCHAR(255) NULL,
	-- at most one message per key (reminders: one per appointment and start)
	dedup_key VARCHAR(96) CHARACTER SET ascii NULL,
	created_at DATETIME(6) NOT NULL,
	sent_at DATETIME(6) NULL,
	delivered_at DATETIME(6) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY outbox_dedup (dedup_key),
	KEY outbox_due (status, next_try_at),
	KEY outbox_entity (entity, entity_id, id),
	KEY outbox_to (to_addr, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Templates: one current body per event and language, with {reference}
-- {date} {time} {site} {address} {documents} {manage_url} {count}
-- placeholders; every save keeps the previous body in the history.
CREATE TABLE message_template (
	id INT NOT NULL AUTO_INCREMENT,
	event VARCHAR(32) CHARACTER SET ascii NOT NULL,
	lang VARCHAR(8) CHARACTER SET ascii NOT NULL,
	body TEXT NOT NULL,
	updated_by BIGINT NULL,
	updated_at DATETIME(6) NOT NULL,
	version INT NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY template_event_lang (event, lang)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE message_template_history (
	template_id INT NOT NULL,
	version INT NOT NULL,
	body TEXT NOT NULL,
	updated_by BIGINT NULL,
	updated_at DATETIME(6) NOT NULL,
	PRIMARY KEY (template_id, version),
	CONSTRAINT history_template FOREIGN KEY (template_id) REFERENCES message_template (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Replies (Kannel's MO get-url): who, the keyword recognised (NULL when
-- none), a BLAKE2b hash of the text (never the text), the booking it
-- acted on and what was done.
CREATE TABLE sms_inbound (
	id BIGINT NOT NULL AUTO_INCREMENT,
	from_phone VARCHAR(32) CHARACTER SET ascii NOT NULL,
	keyword VARCHAR(16) NULL,
	text_hash BINARY(32) NOT NULL,
	appointment_id BIGINT NULL,
	action ENUM('confirmed','cancelled','help','unknown_number','no_booking','failed') NOT NULL,
	at DATETIME(6) NOT NULL,
	PRIMARY KEY (id),
	KEY inbound_from (from_phone, at),
	KEY inbound_appt (appointment_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The seeded templates (fr, en, ar, es, ht). Kept short: an SMS is 160
-- GSM-7 characters (153 per part when split) or 70 UCS-2 characters (67).
INSERT INTO message_template (event, lang, body, updated_at) VALUES
('confirmation', 'en', 'Appointment booked, ref. {reference}: {date} at {time}, {site}, {address}. Bring: {documents}. Reply OK to confirm or CANCEL to cancel. {manage_url}', UTC_TIMESTAMP(6)),
('change', 'en', 'Your appointment {reference} has moved to {date} at {time}, {site}, {address}. Bring: {documents}. Reply OK to confirm or CANCEL to cancel.', UTC_TIMESTAMP(6)),
('cancellation', 'en', 'Your appointment {reference} on {date} at {time} is cancelled. To book again: {manage_url}', UTC_TIMESTAMP(6)),
('reminder', 'en', 'Reminder: appointment {reference} on {date} at {time}, {site}, {address}. Bring: {documents}. Reply OK to confirm or CANCEL to cancel.', UTC_TIMESTAMP(6)),
('document_ready', 'en', 'Your document is ready ({reference}). Collect it at {site}, {address}, with an identity document.', UTC_TIMESTAMP(6)),
('reply_confirmed', 'en', 'Thank you, your appointment {reference} on {date} at {time} is confirmed.', UTC_TIMESTAMP(6)),
('reply_help', 'en', 'Reply OK to confirm your appointment {reference} or CANCEL to cancel it. Details: {manage_url}', UTC_TIMESTAMP(6)),
('documents_more', 'en', 'and {count} more: {manage_url}', UTC_TIMESTAMP(6)),

('confirmation', 'fr', 'Rendez-vous réservé, réf. {reference} : le {date} à {time}, {site}, {address}. Apportez : {documents}. Répondez OUI pour confirmer ou ANNULER pour annuler. {manage_url}', UTC_TIMESTAMP(6)),
('change', 'fr', 'Votre rendez-vous {reference} est déplacé au {date} à {time}, {site}, {address}. Apportez : {documents}. Répondez OUI pour confirmer ou ANNULER pour annuler.', UTC_TIMESTAMP(6)),
('cancellation', 'fr', 'Votre rendez-vous {reference} du {date} à {time} est annulé. Pour reprendre rendez-vous : {manage_url}', UTC_TIMESTAMP(6)),
('reminder', 'fr', 'Rappel : rendez-vous {reference} le {date} à {time}, {site}, {address}. Apportez : {documents}. Répondez OUI pour confirmer ou ANNULER pour annuler.', UTC_TIMESTAMP(6)),
('document_ready', 'fr', 'Votre document est disponible ({reference}). Retirez-le à {site}, {address}, muni d''une pièce d''identité.', UTC_TIMESTAMP(6)),
('reply_confirmed', 'fr', 'Merci, votre rendez-vous {reference} du {date} à {time} est confirmé.', UTC_TIMESTAMP(6)),
('reply_help', 'fr', 'Répondez OUI pour confirmer votre rendez-vous {reference} ou ANNULER pour l''annuler. Détails : {manage_url}', UTC_TIMESTAMP(6)),
('documents_more', 'fr', 'et {count} autres : {manage_url}', UTC_TIMESTAMP(6)),

('confirmation', 'ar', 'تم حجز موعدك، المرجع {reference}: {date} الساعة {time}، {site}، {address}. أحضر: {documents}. أرسل نعم أو 1 للتأكيد أو 2 للإلغاء. {manage_url}', UTC_TIMESTAMP(6)),
('change', 'ar', 'تم نقل موعدك {reference} إلى {date} الساعة {time}، {site}، {address}. أحضر: {documents}. أرسل نعم أو 1 للتأكيد أو 2 للإلغاء.', UTC_TIMESTAMP(6)),
('cancellation', 'ar', 'تم إلغاء موعدك {reference} بتاريخ {date} الساعة {time}. لحجز موعد جديد: {manage_url}', UTC_TIMESTAMP(6)),
('reminder', 'ar', 'تذكير: موعدك {reference} بتاريخ {date} الساعة {time}، {site}، {address}. أحضر: {documents}. أرسل نعم أو 1 للتأكيد أو 2 للإلغاء.', UTC_TIMESTAMP(6)),
('document_ready', 'ar', 'وثيقتك جاهزة ({reference}). يمكنك استلامها في {site}، {address}، مع وثيقة هوية.', UTC_TIMESTAMP(6)),
('reply_confirmed', 'ar', 'شكرا، تم تأكيد موعدك {reference} بتاريخ {date} الساعة {time}.', UTC_TIMESTAMP(6)),
('reply_help', 'ar', 'أرسل نعم أو 1 لتأكيد موعدك {reference} أو 2 لإلغائه. التفاصيل: {manage_url}', UTC_TIMESTAMP(6)),
('documents_more', 'ar', 'و{count} وثائق أخرى: {manage_url}', UTC_TIMESTAMP(6)),

('confirmation', 'es', 'Cita reservada, ref. {reference}: {date} a las {time}, {site}, {address}. Traiga: {documents}. Responda 1 para confirmar o 2 para anular. {manage_url}', UTC_TIMESTAMP(6)),
('change', 'es', 'Su cita {reference} se ha cambiado al {date} a las {time}, {site}, {address}. Traiga: {documents}. Responda 1 para confirmar o 2 para anular.', UTC_TIMESTAMP(6)),
('cancellation', 'es', 'Su cita {reference} del {date} a las {time} ha sido anulada. Para pedir otra cita: {manage_url}', UTC_TIMESTAMP(6)),
('reminder', 'es', 'Recordatorio: cita {reference} el {date} a las {time}, {site}, {address}. Traiga: {documents}. Responda 1 para confirmar o 2 para anular.', UTC_TIMESTAMP(6)),
('document_ready', 'es', 'Su documento está listo ({reference}). Recójalo en {site}, {address}, con un documento de identidad.', UTC_TIMESTAMP(6)),
('reply_confirmed', 'es', 'Gracias, su cita {reference} del {date} a las {time} queda confirmada.', UTC_TIMESTAMP(6)),
('reply_help', 'es', 'Responda 1 para confirmar su cita {reference} o 2 para anularla. Detalles: {manage_url}', UTC_TIMESTAMP(6)),
('documents_more', 'es', 'y {count} más: {manage_url}', UTC_TIMESTAMP(6)),

('confirmation', 'ht', 'Randevou w anrejistre, ref. {reference}: {date} a {time}, {site}, {address}. Pote: {documents}. Reponn WI pou konfime oswa 2 pou anile. {manage_url}', UTC_TIMESTAMP(6)),
('change', 'ht', 'Randevou w {reference} chanje pou {date} a {time}, {site}, {address}. Pote: {documents}. Reponn WI pou konfime oswa 2 pou anile.', UTC_TIMESTAMP(6)),
('cancellation', 'ht', 'Randevou w {reference} {date} a {time} anile. Pou pran yon lòt randevou: {manage_url}', UTC_TIMESTAMP(6)),
('reminder', 'ht', 'Rapèl: randevou w {reference} {date} a {time}, {site}, {address}. Pote: {documents}. Reponn WI pou konfime oswa 2 pou anile.', UTC_TIMESTAMP(6)),
('document_ready', 'ht', 'Dokiman w pare ({reference}). Vin chèche l nan {site}, {address}, ak yon pyès idantite.', UTC_TIMESTAMP(6)),
('reply_confirmed', 'ht', 'Mèsi, randevou w {reference} {date} a {time} konfime.', UTC_TIMESTAMP(6)),
('reply_help', 'ht', 'Reponn WI pou konfime randevou w {reference} oswa 2 pou anile l. Detay: {manage_url}', UTC_TIMESTAMP(6)),
('documents_more', 'ht', 'ak {count} lòt: {manage_url}', UTC_TIMESTAMP(6));

-- 0018_dossier_interview.sql: demo data of the dossier's interview
-- appointment (havre-dossier interview.c, migration 0018). The service
-- "asylum-interview" (names and documents to bring in en, fr, ar, es,
-- ht) is the interview; the Paris site holds interviews at the regular
-- level, on its call-centre seats (the demo grid of 0003_appointments:
-- 2 a slot). The service has no service_offer row: the booking site,
-- partners and the call centre do not list it.
INSERT INTO service (code, duration_minutes, needs_document) VALUES
	('asylum-interview', 90, 0)
ON DUPLICATE KEY UPDATE duration_minutes = VALUES(duration_minutes);

INSERT INTO service_text (service_id, lang, name, documents)
SELECT s.id, t.lang, t.name, t.docs FROM service s JOIN (
	SELECT 'en' lang, 'Asylum interview' name,
	 'Your application receipt\nYour passport or any identity document\nThe documents you mentioned in your application' docs
	UNION ALL SELECT 'fr', 'Entretien de demande d''asile',
	 'Votre récépissé de demande\nVotre passeport ou toute pièce d''identité\nLes documents cités dans votre demande'
	UNION ALL SELECT 'ar', 'مقابلة طلب اللجوء',
	 'وصل طلبك\nجواز سفرك أو أي وثيقة هوية\nالوثائق التي ذكرتها في طلبك'
	UNION ALL SELECT 'es', 'Entrevista de solicitud de asilo',
	 'El resguardo de su solicitud\nSu pasaporte o cualquier documento de identidad\nLos documentos citados en su solicitud'
	UNION ALL SELECT 'ht', 'Entèvyou demann azil',
	 'Resi demann ou\nPaspò ou oswa nenpòt pyès idantite\nDokiman ou te site nan demann ou'
) t WHERE s.code = 'asylum-interview'
ON DUPLICATE KEY UPDATE name = VALUES(name), documents = VALUES(documents);

INSERT IGNORE INTO interview_site (site_id, service_id, level_id)
	SELECT si.id, sv.id, l.id FROM site si, service sv, service_level l
	WHERE si.code = 'paris' AND sv.code = 'asylum-interview'
	AND l.code = 'regular';

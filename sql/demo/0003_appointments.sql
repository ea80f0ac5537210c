-- 0003_appointments.sql: demo data of havre-appointments. Two sites in
-- different time zones (Paris and Port-au-Prince), four services with
-- their names and documents to bring in en, fr, ar, es and ht, a weekly
-- quota grid (hourly slots within opening hours: 4 seats per slot and
-- level for the web, 2 for the call centre, 2 for partners, 2 walk-in),
-- and bookings on the next three days. slot_quota rows for those days
-- are made here (the programs make the others on demand); their UTC
-- start uses each zone's daylight-saving rule (EU: last Sunday of March
-- to last Sunday of October; Haiti, as the US: second Sunday of March to
-- first Sunday of November), exact for daytime slots. slot_quota.booked
-- is set from the bookings inserted.

INSERT INTO site (code, name, time_zone, country, address, phone_country_code)
VALUES
	('paris', 'Paris — Bureau des étrangers', 'Europe/Paris', 'FRA',
	 '12 rue de la Cité, 75004 Paris', '33'),
	('pap', 'Port-au-Prince — Bureau consulaire', 'America/Port-au-Prince',
	 'HTI', '45 avenue John Brown, Port-au-Prince', '509')
ON DUPLICATE KEY UPDATE address = VALUES(address),
	phone_country_code = VALUES(phone_country_code),
	time_zone = VALUES(time_zone);

-- Opening hours: Paris Monday-Friday 09:00-17:00; Port-au-Prince
-- Monday-Saturday 08:00-12:00 and 13:00-16:00.
INSERT IGNORE INTO site_hours (site_id, weekday, opens, closes)
	SELECT s.id, d.seq, '09:00', '17:00' FROM site s, seq_1_to_5 d
	WHERE s.code = 'paris';
INSERT IGNORE INTO site_hours (site_id, weekday, opens, closes)
	SELECT s.id, d.seq, h.o, h.c FROM site s, seq_1_to_6 d,
	(SELECT '08:00' o, '12:00' c UNION SELECT '13:00', '16:00') h
	WHERE s.code = 'pap';
INSERT IGNORE INTO site_closed (site_id, day, reason)
	SELECT id, CONCAT(YEAR(CURDATE()) + 1, '-01-01'), 'New Year' FROM site
	WHERE code IN ('paris', 'pap');

INSERT INTO service (code, duration_minutes, needs_document) VALUES
	('passport', 20, 1), ('residence', 30, 1), ('civil-copy', 15, 0),
	('legalisation', 15, 0)
ON DUPLICATE KEY UPDATE duration_minutes = VALUES(duration_minutes);

INSERT INTO service_text (service_id, lang, name, documents)
SELECT s.id, t.lang, t.name, t.docs FROM service s JOIN (
	SELECT 'passport' code, 'en' lang, 'Passport application' name,
	 'Your current passport or identity card\nTwo recent photographs\nProof of address' docs
	UNION ALL SELECT 'passport', 'fr', 'Demande de passeport',
	 'Votre passeport ou carte d''identité actuelle\nDeux photographies récentes\nUn justificatif de domicile'
	UNION ALL SELECT 'passport', 'ar', 'طلب جواز سفر',
	 'جواز سفرك أو بطاقة هويتك الحالية\nصورتان حديثتان\nإثبات عنوان السكن'
	UNION ALL SELECT 'passport', 'es', 'Solicitud de pasaporte',
	 'Su pasaporte o documento de identidad actual\nDos fotografías recientes\nUn justificante de domicilio'
	UNION ALL SELECT 'passport', 'ht', 'Demann paspò',
	 'Paspò oswa kat idantite ou genyen kounye a\nDe foto resan\nPrèv adrès'
	UNION ALL SELECT 'residence', 'en', 'Residence permit',
	 'Passport\nThree photographs\nProof of address\nProof of income'
	UNION ALL SELECT 'residence', 'fr', 'Titre de séjour',
	 'Passeport\nTrois photographies\nJustificatif de domicile\nJustificatif de ressources'
	UNION ALL SELECT 'residence', 'ar', 'تصريح الإقامة',
	 'جواز السفر\nثلاث صور\nإثبات عنوان السكن\nإثبات الدخل'
	UNION ALL SELECT 'residence', 'es', 'Permiso de residencia',
	 'Pasaporte\nTres fotografías\nJustificante de domicilio\nJustificante de ingresos'
	UNION ALL SELECT 'residence', 'ht', 'Pèmi rezidans',
	 'Paspò\nTwa foto\nPrèv adrès\nPrèv revni'
	UNION ALL SELECT 'civil-copy', 'en', 'Copy of a civil-status record',
	 'An identity document\nThe record''s date and place if you know them'
	UNION ALL SELECT 'civil-copy', 'fr', 'Copie d''acte d''état civil',
	 'Une pièce d''identité\nLa date et le lieu de l''acte si vous les connaissez'
	UNION ALL SELECT 'civil-copy', 'ar', 'نسخة من وثيقة أحوال مدنية',
	 'وثيقة هوية\nتاريخ الوثيقة ومكانها إن كنت تعرفهما'
	UNION ALL SELECT 'civil-copy', 'es', 'Copia de un acta del registro civil',
	 'Un documento de identidad\nLa fecha y el lugar del acta si los conoce'
	UNION ALL SELECT 'civil-copy', 'ht', 'Kopi yon ak eta sivil',
	 'Yon pyès idantite\nDat ak kote ak la si ou konnen yo'
	UNION ALL SELECT 'legalisation', 'en', 'Legalisation of a document',
	 'The original document\nA copy of the document\nAn identity document'
	UNION ALL SELECT 'legalisation', 'fr', 'Légalisation d''un document',
	 'Le document original\nUne copie du document\nUne pièce d''identité'
	UNION ALL SELECT 'legalisation', 'ar', 'تصديق وثيقة',
	 'الوثيقة الأصلية\nنسخة من الوثيقة\nوثيقة هوية'
	UNION ALL SELECT 'legalisation', 'es', 'Legalización de un documento',
	 'El documento original\nUna copia del documento\nUn documento de identidad'
	UNION ALL SELECT 'legalisation', 'ht', 'Legalizasyon yon dokiman',
	 'Dokiman orijinal la\nYon kopi dokiman an\nYon pyès idantite'
) t ON t.code = s.code
ON DUPLICATE KEY UPDATE name = VALUES(name), documents = VALUES(documents);

-- Every service on every level and channel, except extreme urgency,
-- which the web does not offer (the public may not choose it anyway).
INSERT IGNORE INTO service_offer (service_id, level_id, channel)
	SELECT s.id, l.id, c.ch FROM service s, service_level l,
	(SELECT 'web' ch UNION SELECT 'callcentre' UNION SELECT 'partner'
	 UNION SELECT 'walkin') c
	WHERE s.code IN ('passport', 'residence', 'civil-copy', 'legalisation')
	AND NOT (l.code = 'extreme' AND c.ch = 'web');

-- The weekly template: an hourly slot at every opening hour.
INSERT IGNORE INTO quota_template (site_id, level_id, channel, weekday,
	start_time, capacity)
	SELECT h.site_id, l.id, c.ch, h.weekday, MAKETIME(hr.seq, 0, 0), c.cap
	FROM site_hours h JOIN site s ON s.id = h.site_id
	JOIN seq_0_to_23 hr ON MAKETIME(hr.seq, 0, 0) >= h.opens
		AND MAKETIME(hr.seq, 0, 0) < h.closes
	JOIN service_level l
	JOIN (SELECT 'web' ch, 4 cap UNION SELECT 'callcentre', 2
	 UNION SELECT 'partner', 2 UNION SELECT 'walkin', 2) c
	WHERE s.code IN ('paris', 'pap');

-- The slots of the next three days, from the template (UTC by the
-- zone's rule: see the header).
INSERT IGNORE INTO slot_quota (site_id, level_id, channel, start_utc,
	local_day, local_time, capacity)
	SELECT t.site_id, t.level_id, t.channel,
		TIMESTAMP(d.day, t.start_time) - INTERVAL (CASE s.code
		WHEN 'paris' THEN IF(d.day >= LAST_DAY(CONCAT(YEAR(d.day), '-03-01'))
			- INTERVAL (DAYOFWEEK(LAST_DAY(CONCAT(YEAR(d.day), '-03-01'))) - 1) DAY
			AND d.day < LAST_DAY(CONCAT(YEAR(d.day), '-10-01'))
			- INTERVAL (DAYOFWEEK(LAST_DAY(CONCAT(YEAR(d.day), '-10-01'))) - 1) DAY,
			2, 1)
		ELSE IF(d.day >= DATE(CONCAT(YEAR(d.day), '-03-01'))
			+ INTERVAL ((8 - DAYOFWEEK(CONCAT(YEAR(d.day), '-03-01'))) % 7 + 7) DAY
			AND d.day < DATE(CONCAT(YEAR(d.day), '-11-01'))
			+ INTERVAL ((8 - DAYOFWEEK(CONCAT(YEAR(d.day), '-11-01'))) % 7) DAY,
			-4, -5) END) HOUR,
		d.day, t.start_time, t.capacity
	FROM (SELECT CURDATE() + INTERVAL seq DAY AS day FROM seq_1_to_3) d
	JOIN quota_template t ON t.weekday = WEEKDAY(d.day) + 1
	JOIN site s ON s.id = t.site_id
	WHERE s.code IN ('paris', 'pap')
	AND NOT EXISTS (SELECT 1 FROM site_closed c WHERE c.site_id = s.id
		AND c.day = d.day);

-- Bookings: on those slots, two web bookings per regular slot, one per
-- urgent slot, one call-centre booking per regular slot and one
-- partner booking every other hour; names from a small list, phones and
-- references unique.
INSERT INTO appointment (reference, site_id, service_id, level_id, channel,
	slot_id, start_utc, family_name, given_names, phone, document_number,
	person_key, lang, status, notes, created_at, updated_at)
	SELECT x.ref, x.site_id, x.service_id, x.level_id, x.channel, x.slot_id,
		x.start_utc, x.family, x.given, x.phone, x.doc,
		-- booking_person_key() of these names: lower case, no accent,
		-- dashes as spaces.
		IF(x.doc <> '', CONCAT('d:', x.doc),
			CONCAT('p:', x.phone, ':', REPLACE(LOWER(x.family), 'í', 'i'),
			'|', REPLACE(LOWER(x.given), '-', ' '))),
		x.lang, 'booked', x.notes, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
	FROM (
		-- four random characters, then q.id * 10 + n.seq (unique per row,
		-- as the phone) in four base-31 digits: RAND() alone, MariaDB's
		-- simple generator, repeated an 8-character reference within a
		-- thousand rows for about one seed in 25, and the load failed
		SELECT CONCAT(
			SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + FLOOR(RAND() * 31), 1),
			SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + FLOOR(RAND() * 31), 1),
			SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + FLOOR(RAND() * 31), 1),
			SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + FLOOR(RAND() * 31), 1),
			SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + FLOOR((q.id * 10 + n.seq) / 29791) % 31, 1),
			SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + FLOOR((q.id * 10 + n.seq) / 961) % 31, 1),
			SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + FLOOR((q.id * 10 + n.seq) / 31) % 31, 1),
			SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + (q.id * 10 + n.seq) % 31, 1)) ref,
			q.site_id, sv.id service_id, q.level_id, q.channel, q.id slot_id,
			q.start_utc,
			ELT(1 + (q.id * 3 + n.seq) % 8, 'Haddad', 'Joseph', 'Martin',
				'Nguyen', 'Pierre', 'Diallo', 'Kovalenko', 'García') family,
			ELT(1 + (q.id + n.seq * 5) % 8, 'Amina', 'Jean-Baptiste', 'Lucie',
				'Minh', 'Rose-Marie', 'Ousmane', 'Olena', 'Carmen') given,
			CONCAT(IF(s.code = 'paris', '+336', '+5093'),
				LPAD(q.id * 10 + n.seq, 7, '0')) phone,
			IF(sv.needs_document, CONCAT('X', LPAD(q.id * 10 + n.seq, 8, '0')), '') doc,
			ELT(1 + (q.id + n.seq) % 5, 'fr', 'en', 'ar', 'es', 'ht') lang,
			IF(q.channel = 'callcentre', 'Called from a mobile', '') notes
		FROM slot_quota q
		JOIN site s ON s.id = q.site_id
		JOIN service_level l ON l.id = q.level_id
		JOIN seq_1_to_2 n
		JOIN service sv ON sv.code = ELT(1 + (q.id + n.seq) % 4, 'passport',
			'residence', 'civil-copy', 'legalisation')
		WHERE s.code IN ('paris', 'pap') AND q.booked = 0
		AND q.local_day BETWEEN CURDATE() + INTERVAL 1 DAY
			AND CURDATE() + INTERVAL 3 DAY
		AND ((q.channel = 'web' AND l.code = 'regular')
			OR (q.channel = 'web' AND l.code = 'urgent' AND n.seq = 1)
			OR (q.channel = 'callcentre' AND l.code = 'regular' AND n.seq = 1)
			OR (q.channel = 'partner' AND l.code = 'regular' AND n.seq = 1
				AND HOUR(q.local_time) % 2 = 0))
	) x;

-- Keep the seat counts equal to the bookings.
UPDATE slot_quota q JOIN site s ON s.id = q.site_id
	SET q.booked = (SELECT COUNT(*) FROM appointment a WHERE a.slot_id = q.id
		AND a.status IN ('booked', 'confirmed', 'arrived'))
	WHERE s.code IN ('paris', 'pap');

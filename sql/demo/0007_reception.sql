-- 0007_reception.sql: demo data of havre-reception. For every service
-- offered at the demo sites of 0003_appointments.sql ('paris', 'pap'),
-- four stations in order (document check, data entry, photo, exit) with
-- their counters, and the display boards' languages. Written to apply
-- even when those sites or services are missing (the joins then insert
-- nothing) and to be loaded again without duplicates.

INSERT INTO reception_site (site_id, languages)
	SELECT id, IF(code = 'pap', 'fr,ht,en', 'en,fr,ar') FROM site
	WHERE code IN ('paris', 'pap')
ON DUPLICATE KEY UPDATE languages = VALUES(languages);

INSERT INTO station (site_id, service_id, position, name)
	SELECT s.id, v.id, t.pos, t.name
	FROM site s JOIN service v ON v.active = 1
	JOIN (SELECT 1 pos, 'Document check' name UNION ALL
	      SELECT 2, 'Data entry' UNION ALL
	      SELECT 3, 'Photo' UNION ALL
	      SELECT 4, 'Exit') t
	WHERE s.code IN ('paris', 'pap')
	AND NOT EXISTS (SELECT 1 FROM station x WHERE x.site_id = s.id
		AND x.service_id = v.id AND x.position = t.pos);

-- Counters: two at document check and data entry, one elsewhere.
INSERT IGNORE INTO counter (station_id, name)
	SELECT st.id, CONCAT(st.position, c.n)
	FROM station st JOIN site s ON s.id = st.site_id
	JOIN (SELECT 'A' n UNION ALL SELECT 'B') c
	ON c.n = 'A' OR st.position IN (1, 2)
	WHERE s.code IN ('paris', 'pap');

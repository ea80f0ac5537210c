/*
 * sql.c: every statement of havre-appointments, indexed by enum
 * appt_sql (sql.h). Placeholders only; prepared once per worker
 * connection. Times in slot_quota and appointment are UTC; local_day and
 * local_time are the site's wall clock, kept for grids and day lists.
 */
#include "config.h"

#include <stddef.h>

#include "booking.h"
#include "sql.h"

/* The active statuses (booking.h): one seat taken, counted by the
 * fairness rules. */
#define ACTIVE BOOKING_SQL_ACTIVE

const char *const appt_sqls[ASQL__MAX] = {
	/* pages.c: a site's zone (and the audit trail's last number). */
	[ASQL_SITE_ZONE] =
	    "SELECT s.time_zone, s.active, h.seq FROM site s "
	    "LEFT JOIN audit_head h ON h.id = 1 WHERE s.id = ?",

	/* booking.c */
	[ASQL_SLOT_GET] =
	    "SELECT s.site_id, s.level_id, s.channel, "
	    "DATE_FORMAT(s.start_utc, '%Y-%m-%d %H:%i:%s'), "
	    "DATE_FORMAT(s.local_day, '%Y-%m-%d'), s.capacity, s.booked, "
	    "s.start_utc > UTC_TIMESTAMP(), "
	    "EXISTS (SELECT 1 FROM site_closed c WHERE c.site_id = s.site_id "
	    "AND c.day = s.local_day) "
	    "FROM slot_quota s WHERE s.id = ?",
	[ASQL_OFFER_CHECK] =
	    "SELECT s.needs_document FROM service_offer o "
	    "JOIN service s ON s.id = o.service_id "
	    "JOIN site si ON si.id = ? "
	    "WHERE o.service_id = ? AND o.level_id = ? AND o.channel = ? "
	    "AND s.active = 1 AND si.active = 1",
	/* Locks the phone's active rows (and the gap) until COMMIT, so two
	 * concurrent bookings for one phone count each other. */
	[ASQL_PHONE_ACTIVE_LOCK] =
	    "SELECT id FROM appointment WHERE phone = ? AND status IN " ACTIVE
	    " FOR UPDATE",
	[ASQL_APPT_LOCK] =
	    "SELECT status, COALESCE(slot_id, 0), site_id, service_id, "
	    "level_id, channel, version, reference, "
	    "DATE_FORMAT(start_utc, '%Y-%m-%d %H:%i:%s') "
	    "FROM appointment WHERE id = ? FOR UPDATE",
	[ASQL_APPT_CANCEL] =
	    "UPDATE appointment SET status = 'cancelled', "
	    "cancelled_at = UTC_TIMESTAMP(6), updated_at = UTC_TIMESTAMP(6), "
	    "version = version + 1 WHERE id = ?",
	[ASQL_APPT_MOVE] =
	    "UPDATE appointment SET slot_id = ?, start_utc = ?, "
	    "updated_at = UTC_TIMESTAMP(6), version = version + 1 WHERE id = ?",

	/* configure.c: sites */
	[ASQL_SITE_LIST] =
	    "SELECT id, code, name, time_zone, active FROM site "
	    "ORDER BY name, id LIMIT 500",
	[ASQL_LEVEL_LIST] =
	    "SELECT id, code, public FROM service_level ORDER BY rank_order",

	[ASQL_SITE_GET] =
	    "SELECT code, name, time_zone, address, active, phone_country_code, "
	    "slot_minutes, version, COALESCE(country, '') FROM site WHERE id = ?",
	[ASQL_SERVICE_GET] =
	    "SELECT code, duration_minutes, active, needs_document, version "
	    "FROM service WHERE id = ?",

	/* configure.c: sites (times as HH:MM; 23:59:59 closes at midnight) */
	[ASQL_SITE_INSERT] =
	    "INSERT INTO site (code, name, time_zone, address, "
	    "phone_country_code, slot_minutes, active, version) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
	/* Optimistic concurrency: 0 rows when the version moved on. */
	[ASQL_SITE_UPDATE] =
	    "UPDATE site SET code = ?, name = ?, time_zone = ?, address = ?, "
	    "phone_country_code = ?, slot_minutes = ?, active = ?, "
	    "version = version + 1 WHERE id = ? AND version = ?",
	[ASQL_SITE_HOURS] =
	    "SELECT weekday, TIME_FORMAT(opens, '%H:%i'), "
	    "TIME_FORMAT(closes, '%H:%i') FROM site_hours WHERE site_id = ? "
	    "ORDER BY weekday, opens",
	[ASQL_SITE_HOURS_CLEAR] =
	    "DELETE FROM site_hours WHERE site_id = ?",
	[ASQL_SITE_HOURS_ADD] =
	    "INSERT INTO site_hours (site_id, weekday, opens, closes) "
	    "VALUES (?, ?, ?, ?)",
	[ASQL_SITE_CLOSED_LIST] =
	    "SELECT DATE_FORMAT(day, '%Y-%m-%d'), reason FROM site_closed "
	    "WHERE site_id = ? ORDER BY day DESC LIMIT 500",
	[ASQL_SITE_CLOSED_ADD] =
	    "INSERT INTO site_closed (site_id, day, reason) VALUES (?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE reason = VALUES(reason)",
	[ASQL_SITE_CLOSED_DELETE] =
	    "DELETE FROM site_closed WHERE site_id = ? AND day = ?",
	/* configure.c: services (the name in the page language, bind 0,
	 * else English, else the code) and levels */
	[ASQL_SERVICE_LIST] =
	    "SELECT s.id, s.code, COALESCE(t.name, te.name, s.code), "
	    "s.duration_minutes, s.needs_document, s.active, "
	    "(SELECT COUNT(*) FROM service_offer o WHERE o.service_id = s.id) "
	    "FROM service s "
	    "LEFT JOIN service_text t ON t.service_id = s.id AND t.lang = ? "
	    "LEFT JOIN service_text te ON te.service_id = s.id "
	    "AND te.lang = 'en' ORDER BY s.code LIMIT 500",
	[ASQL_SERVICE_INSERT] =
	    "INSERT INTO service (code, duration_minutes, needs_document, "
	    "active, version) VALUES (?, ?, ?, ?, 1)",
	[ASQL_SERVICE_UPDATE] =
	    "UPDATE service SET code = ?, duration_minutes = ?, "
	    "needs_document = ?, active = ?, version = version + 1 "
	    "WHERE id = ? AND version = ?",
	[ASQL_SERVICE_TEXTS] =
	    "SELECT lang, name, documents, documents_short FROM service_text "
	    "WHERE service_id = ?",
	[ASQL_SERVICE_TEXT_SET] =
	    "INSERT INTO service_text (service_id, lang, name, documents, "
	    "documents_short) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "name = VALUES(name), documents = VALUES(documents), "
	    "documents_short = VALUES(documents_short)",
	[ASQL_SERVICE_TEXT_DELETE] =
	    "DELETE FROM service_text WHERE service_id = ? AND lang = ?",
	[ASQL_SERVICE_OFFERS] =
	    "SELECT level_id, channel FROM service_offer WHERE service_id = ?",
	[ASQL_SERVICE_OFFERS_CLEAR] =
	    "DELETE FROM service_offer WHERE service_id = ?",
	[ASQL_SERVICE_OFFER_ADD] =
	    "INSERT INTO service_offer (service_id, level_id, channel) "
	    "VALUES (?, ?, ?)",
	[ASQL_LEVEL_SET_PUBLIC] =
	    "UPDATE service_level SET public = ? WHERE id = ?",

	/* callcentre.c. Service names in the page language (bind 0), else
	 * English, else the code. */
	[ASQL_SERVICES_OFFERED] =
	    "SELECT s.id, s.code, COALESCE(t.name, te.name, s.code), "
	    "s.needs_document FROM service s "
	    "LEFT JOIN service_text t ON t.service_id = s.id AND t.lang = ? "
	    "LEFT JOIN service_text te ON te.service_id = s.id "
	    "AND te.lang = 'en' WHERE s.active = 1 AND EXISTS (SELECT 1 "
	    "FROM service_offer o WHERE o.service_id = s.id AND o.channel = ?) "
	    "ORDER BY 3 LIMIT 200",
	[ASQL_DAY_CAPACITY] =
	    "SELECT q.id, TIME_FORMAT(q.local_time, '%H:%i'), l.code, "
	    "q.capacity, q.booked, q.start_utc > UTC_TIMESTAMP() "
	    "FROM slot_quota q JOIN service_level l ON l.id = q.level_id "
	    "WHERE q.site_id = ? AND q.local_day = ? AND q.channel = ? "
	    "ORDER BY q.start_utc, l.rank_order",
	/* A caller: by reference, phone, or the start of the family name
	 * (LEFT(): no LIKE wildcards from the input). */
	[ASQL_FIND_CALLER] =
	    "SELECT a.id, a.reference, a.family_name, a.given_names, a.phone, "
	    "a.status, DATE_FORMAT(a.start_utc, '%Y-%m-%d %H:%i:%s'), "
	    "si.time_zone, si.name, sv.code "
	    "FROM appointment a JOIN site si ON si.id = a.site_id "
	    "JOIN service sv ON sv.id = a.service_id "
	    "WHERE a.reference = ? OR a.phone = ? "
	    "OR (? <> '' AND a.phone LIKE CONCAT('%', ?)) "
	    "OR LEFT(a.family_name, CHAR_LENGTH(?)) = ? "
	    "ORDER BY a.start_utc DESC LIMIT 50",
	[ASQL_DAY_LIST] =
	    "SELECT a.id, a.reference, TIME_FORMAT(q.local_time, '%H:%i'), "
	    "a.family_name, a.given_names, COALESCE(t.name, sv.code), l.code, "
	    "a.phone, a.notes, a.channel, a.status, "
	    /* issue 6: the status of the booking's latest SMS */
	    "COALESCE((SELECT o.status FROM outbox_message o "
	    "WHERE o.entity = 'appointment' AND o.entity_id = a.id "
	    "ORDER BY o.id DESC LIMIT 1), '') "
	    "FROM appointment a JOIN slot_quota q ON q.id = a.slot_id "
	    "JOIN service sv ON sv.id = a.service_id "
	    "LEFT JOIN service_text t ON t.service_id = sv.id AND t.lang = ? "
	    "JOIN service_level l ON l.id = a.level_id "
	    "WHERE a.site_id = ? AND q.local_day = ? "
	    "ORDER BY q.start_utc, l.rank_order, a.id LIMIT 2001",
	[ASQL_APPT_GET] =
	    "SELECT a.reference, si.name, si.time_zone, "
	    "COALESCE(t.name, sv.code), l.code, a.channel, a.status, "
	    "a.family_name, a.given_names, a.phone, a.document_number, a.lang, "
	    "a.notes, a.version, DATE_FORMAT(q.local_day, '%Y-%m-%d'), "
	    "TIME_FORMAT(q.local_time, '%H:%i'), a.site_id, "
	    "si.phone_country_code, COALESCE(a.slot_id, 0) "
	    "FROM appointment a JOIN site si ON si.id = a.site_id "
	    "JOIN service sv ON sv.id = a.service_id "
	    "LEFT JOIN service_text t ON t.service_id = sv.id AND t.lang = ? "
	    "JOIN service_level l ON l.id = a.level_id "
	    "LEFT JOIN slot_quota q ON q.id = a.slot_id WHERE a.id = ?",
	/* An appointment's history (issue 13 item 4), oldest first: its
	 * audit events (who, what; a status or a start changed, read from
	 * the changes' JSON) and its SMS (one row each: event, number, state
	 * and when it was queued, sent, delivered). Columns: kind ('audit',
	 * 'sms'), at (UTC), action or SMS event, actor or number, old and
	 * new status, old and new start (UTC), SMS state, sent at, delivered
	 * at. */
	[ASQL_APPT_HISTORY] =
	    "SELECT kind, at, action, who, status_old, status_new, "
	    "start_old, start_new, state, sent, delivered FROM ("
	    "SELECT _utf8mb4'audit' COLLATE utf8mb4_unicode_ci AS kind, "
	    "e.at AS at, e.seq AS ord, "
	    "CONVERT(e.action USING utf8mb4) COLLATE utf8mb4_unicode_ci "
	    "AS action, e.actor AS who, "
	    "CONVERT(JSON_VALUE(e.changes, '$.status.old') USING utf8mb4) "
	    "COLLATE utf8mb4_unicode_ci AS status_old, "
	    "CONVERT(JSON_VALUE(e.changes, '$.status.new') USING utf8mb4) "
	    "COLLATE utf8mb4_unicode_ci AS status_new, "
	    "CONVERT(JSON_VALUE(e.changes, '$.start_utc.old') USING utf8mb4) "
	    "COLLATE utf8mb4_unicode_ci AS start_old, "
	    "CONVERT(JSON_VALUE(e.changes, '$.start_utc.new') USING utf8mb4) "
	    "COLLATE utf8mb4_unicode_ci AS start_new, "
	    "_utf8mb4'' COLLATE utf8mb4_unicode_ci AS state, "
	    "NULL AS sent, NULL AS delivered "
	    "FROM audit_event e "
	    "WHERE e.entity = 'appointment' AND e.entity_id = ? "
	    "UNION ALL "
	    "SELECT _utf8mb4'sms' COLLATE utf8mb4_unicode_ci, o.created_at, "
	    "o.id, CONVERT(o.event USING utf8mb4) COLLATE utf8mb4_unicode_ci, "
	    "CONVERT(o.to_addr USING utf8mb4) COLLATE utf8mb4_unicode_ci, "
	    "NULL, NULL, NULL, NULL, "
	    "CONVERT(o.status USING utf8mb4) COLLATE utf8mb4_unicode_ci, "
	    "o.sent_at, o.delivered_at "
	    "FROM outbox_message o "
	    "WHERE o.entity = 'appointment' AND o.entity_id = ?) h "
	    "ORDER BY at, kind, ord LIMIT 200",
	/* Optimistic concurrency: 0 rows when the version moved on (or the
	 * appointment was cancelled meanwhile). */
	[ASQL_APPT_UPDATE] =
	    "UPDATE appointment SET family_name = ?, given_names = ?, "
	    "phone = ?, person_key = ?, notes = ?, status = ?, "
	    "updated_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND version = ? AND status <> 'cancelled'",

	/* grid.c */
	[ASQL_TEMPLATE_LIST] =
	    "SELECT weekday, TIME_FORMAT(start_time, '%H:%i'), capacity "
	    "FROM quota_template WHERE site_id = ? AND level_id = ? "
	    "AND channel = ? ORDER BY start_time, weekday",
	[ASQL_WEEK_SLOTS] =
	    "SELECT id, TIME_FORMAT(local_time, '%H:%i'), capacity, booked, "
	    "WEEKDAY(local_day) + 1 FROM slot_quota WHERE site_id = ? "
	    "AND level_id = ? AND channel = ? AND local_day BETWEEN ? AND ? "
	    "ORDER BY local_time, local_day",
	[ASQL_SLOT_FIND] =
	    "SELECT id, capacity, booked, level_id, channel, "
	    "DATE_FORMAT(local_day, '%Y-%m-%d'), "
	    "TIME_FORMAT(local_time, '%H:%i') FROM slot_quota "
	    "WHERE id = ? AND site_id = ? FOR UPDATE",
	[ASQL_OVERRIDE_SET] =
	    "INSERT INTO quota_override (site_id, level_id, channel, day, "
	    "start_time, capacity) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE capacity = VALUES(capacity)",
	[ASQL_SLOT_SET_CAPACITY] =
	    "UPDATE slot_quota SET capacity = ?, version = version + 1 "
	    "WHERE id = ? AND booked <= ?",
	/* The most booked future slot that follows a template cell (no
	 * override for its date). Binds: site, level, channel, time,
	 * weekday. */
	[ASQL_TEMPLATE_MAX_BOOKED] =
	    "SELECT COALESCE(MAX(q.booked), 0) FROM slot_quota q "
	    "WHERE q.site_id = ? AND q.level_id = ? AND q.channel = ? "
	    "AND q.local_time = ? AND WEEKDAY(q.local_day) + 1 = ? "
	    "AND q.start_utc > UTC_TIMESTAMP() AND NOT EXISTS (SELECT 1 "
	    "FROM quota_override o WHERE o.site_id = q.site_id "
	    "AND o.level_id = q.level_id AND o.channel = q.channel "
	    "AND o.day = q.local_day AND o.start_time = q.local_time)",
	[ASQL_TEMPLATE_SET] =
	    "INSERT INTO quota_template (site_id, level_id, channel, weekday, "
	    "start_time, capacity) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE capacity = VALUES(capacity)",
	/* Binds: capacity, site, level, channel, time, weekday, capacity. */
	[ASQL_TEMPLATE_APPLY] =
	    "UPDATE slot_quota q SET q.capacity = ?, q.version = q.version + 1 "
	    "WHERE q.site_id = ? AND q.level_id = ? AND q.channel = ? "
	    "AND q.local_time = ? AND WEEKDAY(q.local_day) + 1 = ? "
	    "AND q.start_utc > UTC_TIMESTAMP() AND q.booked <= ? "
	    "AND NOT EXISTS (SELECT 1 FROM quota_override o "
	    "WHERE o.site_id = q.site_id AND o.level_id = q.level_id "
	    "AND o.channel = q.channel AND o.day = q.local_day "
	    "AND o.start_time = q.local_time)",

	/* --- the public site (book*.c): web channel, public levels --- */
	/* Binds: the search ('' for all) and its LIKE pattern twice, then
	 * limit and offset (a page of the list). */
	[ASQL_BOOK_SITES] =
	    "SELECT id, name, address FROM site WHERE active = 1 "
	    "AND (? = '' OR name LIKE ? OR address LIKE ?) "
	    "ORDER BY name, id LIMIT ? OFFSET ?",
	[ASQL_BOOK_SITES_COUNT] =
	    "SELECT COUNT(*), (SELECT COUNT(*) FROM site WHERE active = 1) "
	    "FROM site WHERE active = 1 "
	    "AND (? = '' OR name LIKE ? OR address LIKE ?)",
	[ASQL_BOOK_SITE] =
	    "SELECT name, address, time_zone, phone_country_code FROM site "
	    "WHERE id = ? AND active = 1",
	/* Services with a web offer at a public level for which the site
	 * has web capacity (a template, or an override to come); the name
	 * in the page's language, else English, else any. */
	[ASQL_BOOK_SERVICES] =
	    "SELECT s.id, COALESCE((SELECT t.name FROM service_text t "
	    "WHERE t.service_id = s.id ORDER BY t.lang = ? DESC, "
	    "t.lang = 'en' DESC, t.lang LIMIT 1), s.code) AS nm, "
	    "s.needs_document FROM service s WHERE s.active = 1 "
	    "AND EXISTS (SELECT 1 FROM service_offer o "
	    "JOIN service_level l ON l.id = o.level_id "
	    "WHERE o.service_id = s.id AND o.channel = 'web' AND l.public = 1 "
	    "AND (EXISTS (SELECT 1 FROM quota_template q WHERE q.site_id = ? "
	    "AND q.level_id = l.id AND q.channel = 'web' AND q.capacity > 0) "
	    "OR EXISTS (SELECT 1 FROM quota_override q WHERE q.site_id = ? "
	    "AND q.level_id = l.id AND q.channel = 'web' AND q.capacity > 0 "
	    "AND q.day >= UTC_DATE()))) ORDER BY nm LIMIT 100",
	[ASQL_BOOK_SERVICE] =
	    "SELECT s.code, COALESCE((SELECT t.name FROM service_text t "
	    "WHERE t.service_id = s.id ORDER BY t.lang = ? DESC, "
	    "t.lang = 'en' DESC, t.lang LIMIT 1), s.code), s.needs_document "
	    "FROM service s WHERE s.id = ? AND s.active = 1",
	/* Regular first: the public's usual choice. */
	[ASQL_BOOK_LEVELS] =
	    "SELECT l.id, l.code FROM service_level l "
	    "JOIN service_offer o ON o.level_id = l.id AND o.channel = 'web' "
	    "WHERE o.service_id = ? AND l.public = 1 "
	    "AND (EXISTS (SELECT 1 FROM quota_template q WHERE q.site_id = ? "
	    "AND q.level_id = l.id AND q.channel = 'web' AND q.capacity > 0) "
	    "OR EXISTS (SELECT 1 FROM quota_override q WHERE q.site_id = ? "
	    "AND q.level_id = l.id AND q.channel = 'web' AND q.capacity > 0 "
	    "AND q.day >= UTC_DATE())) ORDER BY l.rank_order DESC",
	[ASQL_BOOK_LEVEL] =
	    "SELECT l.code FROM service_level l "
	    "JOIN service_offer o ON o.level_id = l.id AND o.channel = 'web' "
	    "WHERE o.service_id = ? AND l.id = ? AND l.public = 1",
	/* Places left per local day, counting only slots still ahead. The
	 * start_utc bounds (a local day lies within a day of its UTC date)
	 * let slot_key (site, level, channel, start_utc) read only the
	 * range's slots; binds: site, level, from, to, from, to. */
	[ASQL_BOOK_MONTH] =
	    "SELECT DATE_FORMAT(local_day, '%Y-%m-%d'), "
	    "SUM(GREATEST(capacity - booked, 0)), SUM(capacity) "
	    "FROM slot_quota WHERE site_id = ? AND level_id = ? "
	    "AND channel = 'web' AND local_day BETWEEN ? AND ? "
	    "AND start_utc >= CAST(? AS DATE) - INTERVAL 1 DAY "
	    "AND start_utc < CAST(? AS DATE) + INTERVAL 2 DAY "
	    "AND start_utc > UTC_TIMESTAMP() "
	    /* a move: the booking's own time is no place to move to */
	    "AND NOT (local_day <=> ? AND local_time <=> ?) "
	    "GROUP BY local_day",
	[ASQL_BOOK_CLOSED] =
	    "SELECT DATE_FORMAT(day, '%Y-%m-%d') FROM site_closed "
	    "WHERE site_id = ? AND day BETWEEN ? AND ?",
	/* Binds: site, level, day x3 (start_utc bounds as in BOOK_MONTH). */
	[ASQL_BOOK_DAY_SLOTS] =
	    "SELECT id, TIME_FORMAT(local_time, '%H:%i'), "
	    "GREATEST(capacity - booked, 0), start_utc > UTC_TIMESTAMP() "
	    "FROM slot_quota WHERE site_id = ? AND level_id = ? "
	    "AND channel = 'web' AND local_day = ? AND capacity > 0 "
	    "AND start_utc >= CAST(? AS DATE) - INTERVAL 1 DAY "
	    "AND start_utc < CAST(? AS DATE) + INTERVAL 2 DAY "
	    "ORDER BY start_utc",
	[ASQL_BOOK_SLOT] =
	    "SELECT s.site_id, s.level_id, s.channel, "
	    "DATE_FORMAT(s.local_day, '%Y-%m-%d'), "
	    "TIME_FORMAT(s.local_time, '%H:%i'), "
	    "GREATEST(s.capacity - s.booked, 0), "
	    "s.start_utc > UTC_TIMESTAMP(), "
	    "DATE_FORMAT(s.start_utc, '%Y-%m-%d %H:%i:%s'), "
	    "EXISTS (SELECT 1 FROM site_closed c WHERE c.site_id = s.site_id "
	    "AND c.day = s.local_day) FROM slot_quota s WHERE s.id = ?",
	/* The free web slots nearest in time to the one wanted. */
	[ASQL_BOOK_NEAREST] =
	    "SELECT s.id, DATE_FORMAT(s.local_day, '%Y-%m-%d'), "
	    "TIME_FORMAT(s.local_time, '%H:%i'), s.capacity - s.booked "
	    "FROM slot_quota s WHERE s.site_id = ? AND s.level_id = ? "
	    "AND s.channel = 'web' AND s.booked < s.capacity "
	    "AND s.start_utc > UTC_TIMESTAMP() AND s.id <> ? "
	    "AND NOT EXISTS (SELECT 1 FROM site_closed c "
	    "WHERE c.site_id = s.site_id AND c.day = s.local_day) "
	    "ORDER BY ABS(TIMESTAMPDIFF(SECOND, s.start_utc, ?)), s.start_utc "
	    "LIMIT 6",
	[ASQL_BOOK_APPT] =
	    "SELECT a.id, a.phone, a.status, a.site_id, a.service_id, "
	    "a.level_id, DATE_FORMAT(a.start_utc, '%Y-%m-%d %H:%i:%s'), "
	    "a.family_name, a.given_names, a.lang, si.name, si.address, "
	    "si.time_zone, l.code, COALESCE((SELECT t.name FROM service_text t "
	    "WHERE t.service_id = a.service_id ORDER BY t.lang = ? DESC, "
	    "t.lang = 'en' DESC, t.lang LIMIT 1), sv.code), a.channel "
	    "FROM appointment a JOIN site si ON si.id = a.site_id "
	    "JOIN service sv ON sv.id = a.service_id "
	    "JOIN service_level l ON l.id = a.level_id WHERE a.reference = ?",
	[ASQL_BOOK_DOCS] =
	    "SELECT documents FROM service_text WHERE service_id = ? "
	    "ORDER BY lang = ? DESC, lang = ? DESC, lang = 'en' DESC, lang "
	    "LIMIT 1",

	/* api.c. Starts are shown as the slot's local wall clock plus the
	 * offset (local minus UTC, in minutes): exact, and no zone lookup
	 * per row. Binds: channel, site x2, service x2, level x2 (0 = any),
	 * first and last local day. The "+ 0" joins keep site, service and
	 * level from becoming constant tables when a filter is given: the
	 * server reuses the prepared plan's ORDER BY, and a later call
	 * without that filter would come back unordered. */
	[ASQL_API_AVAILABILITY] =
	    "SELECT si.code, sv.code, l.code, "
	    "DATE_FORMAT(TIMESTAMP(q.local_day, q.local_time), "
	    "'%Y-%m-%dT%H:%i:%s'), "
	    "TIMESTAMPDIFF(MINUTE, q.start_utc, "
	    "TIMESTAMP(q.local_day, q.local_time)), q.capacity - q.booked "
	    "FROM slot_quota q JOIN site si ON si.id = q.site_id + 0 "
	    "JOIN service_level l ON l.id = q.level_id + 0 "
	    "JOIN service_offer o ON o.level_id = q.level_id "
	    "AND o.channel = q.channel "
	    "JOIN service sv ON sv.id = o.service_id + 0 AND sv.active = 1 "
	    "WHERE q.channel = ? AND si.active = 1 "
	    "AND (? = 0 OR q.site_id = ?) AND (? = 0 OR o.service_id = ?) "
	    "AND (? = 0 OR q.level_id = ?) "
	    "AND q.local_day BETWEEN ? AND ? "
	    "AND q.start_utc > UTC_TIMESTAMP() AND q.booked < q.capacity "
	    "AND NOT EXISTS (SELECT 1 FROM site_closed c "
	    "WHERE c.site_id = q.site_id AND c.day = q.local_day) "
	    "ORDER BY q.start_utc, si.code, sv.code, l.rank_order LIMIT 5001",
	[ASQL_API_SITE_BY_CODE] =
	    "SELECT id, time_zone, phone_country_code FROM site "
	    "WHERE code = ? AND active = 1",
	[ASQL_API_SERVICE_BY_CODE] =
	    "SELECT id, needs_document FROM service WHERE code = ? AND active = 1",
	[ASQL_API_LEVEL_BY_CODE] =
	    "SELECT id FROM service_level WHERE code = ?",
	[ASQL_API_SLOT_AT] =
	    "SELECT id FROM slot_quota WHERE site_id = ? AND level_id = ? "
	    "AND channel = ? AND start_utc = ?",
	/* The nearest free slots to an instant (UTC text, last bind). */
	[ASQL_API_ALTERNATIVES] =
	    "SELECT DATE_FORMAT(TIMESTAMP(q.local_day, q.local_time), "
	    "'%Y-%m-%dT%H:%i:%s'), "
	    "TIMESTAMPDIFF(MINUTE, q.start_utc, "
	    "TIMESTAMP(q.local_day, q.local_time)), q.capacity - q.booked, "
	    "q.id FROM slot_quota q WHERE q.site_id = ? AND q.level_id = ? "
	    "AND q.channel = ? AND q.start_utc > UTC_TIMESTAMP() "
	    "AND q.booked < q.capacity "
	    "AND NOT EXISTS (SELECT 1 FROM site_closed c "
	    "WHERE c.site_id = q.site_id AND c.day = q.local_day) "
	    "ORDER BY ABS(TIMESTAMPDIFF(SECOND, q.start_utc, ?)), q.start_utc "
	    "LIMIT 5",
	[ASQL_API_APPT_BY_REF] =
	    "SELECT a.id, a.reference, si.code, sv.code, l.code, "
	    "DATE_FORMAT(a.start_utc, '%Y-%m-%d %H:%i:%s'), si.time_zone, "
	    "a.status, a.family_name, a.given_names, a.phone, "
	    "a.document_number, a.lang, a.channel, COALESCE(a.api_key_id, 0) "
	    "FROM appointment a JOIN site si ON si.id = a.site_id "
	    "JOIN service sv ON sv.id = a.service_id "
	    "JOIN service_level l ON l.id = a.level_id WHERE a.reference = ?",
	/* Binds: the request's body hash, owner, key. */
	[ASQL_IDEM_GET] =
	    "SELECT i.request_hash = ?, a.reference FROM api_idempotency i "
	    "JOIN appointment a ON a.id = i.appointment_id "
	    "WHERE i.api_key_id = ? AND i.idem_key = ?",
	[ASQL_IDEM_INSERT] =
	    "INSERT INTO api_idempotency (api_key_id, idem_key, request_hash, "
	    "appointment_id, created_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))",
};

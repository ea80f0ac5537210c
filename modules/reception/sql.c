/*
 * sql.c: every statement of havre-reception, indexed by enum
 * reception_sql. Placeholders only; prepared once per worker connection.
 * Times are bound and read as UTC text ("YYYY-MM-DD HH:MM:SS[.uuuuuu]").
 */
#include "config.h"

#include "booking.h"
#include "reception.h"

/* The fields of a visit's queue order: level rank (extreme urgency
 * first), appointment time (arrival for walk-ins), arrival. */
#define QUEUE_ORDER "ORDER BY v.rank_order, v.queue_time, v.arrived_at, v.id "
#define UTC(x) "DATE_FORMAT(" x ", '%Y-%m-%d %H:%i:%s')"
/* A service's name in the page language, else its code. */
#define SERVICE_NAME(s) "COALESCE((SELECT t.name FROM service_text t " \
	"WHERE t.service_id = " s " AND t.lang = ?), (SELECT sv.code FROM " \
	"service sv WHERE sv.id = " s "))"

const char *const reception_sqls[RSQL__MAX] = {
	/* sites */
	[RSQL_SITES] =
	    "SELECT id, name FROM site WHERE active = 1 ORDER BY name, id "
	    "LIMIT 500",
	[RSQL_SITE_GET] =
	    "SELECT s.id, s.code, s.name, s.time_zone, s.slot_minutes, "
	    "COALESCE(r.languages, 'en,fr,ar') FROM site s "
	    "LEFT JOIN reception_site r ON r.site_id = s.id WHERE s.id = ?",
	[RSQL_SITE_BY_CODE] =
	    "SELECT s.id, s.code, s.name, s.time_zone, s.slot_minutes, "
	    "COALESCE(r.languages, 'en,fr,ar') FROM site s "
	    "LEFT JOIN reception_site r ON r.site_id = s.id WHERE s.code = ?",
	[RSQL_SITE_FIRST] =
	    "SELECT id FROM site WHERE active = 1 ORDER BY id LIMIT 1",
	[RSQL_SITE_CLOSES] =
	    "SELECT TIME_FORMAT(MAX(closes), '%H:%i:%s') FROM site_hours "
	    "WHERE site_id = ? AND weekday = ?",
	[RSQL_SITE_LANG_SET] =
	    "INSERT INTO reception_site (site_id, languages) VALUES (?, ?) "
	    "ON DUPLICATE KEY UPDATE languages = VALUES(languages), "
	    "version = version + 1",
	[RSQL_SERVICES] =
	    "SELECT s.id, COALESCE(t.name, s.code) FROM service s "
	    "LEFT JOIN service_text t ON t.service_id = s.id AND t.lang = ? "
	    "WHERE s.active = 1 ORDER BY 2, s.id LIMIT 500",
	[RSQL_LEVELS] =
	    "SELECT id, code, rank_order FROM service_level "
	    "ORDER BY rank_order, id",

	/* closing of past days */
	[RSQL_CLOSE_CHECK] =
	    "SELECT 1 FROM reception_day_close WHERE site_id = ? "
	    "AND local_day = ?",
	[RSQL_CLOSE_INSERT] =
	    "INSERT IGNORE INTO reception_day_close (site_id, local_day, "
	    "closed_at) VALUES (?, ?, UTC_TIMESTAMP(6))",
	[RSQL_NOSHOW_PENDING] =
	    "SELECT id, reference FROM appointment WHERE site_id = ? "
	    "AND status IN " BOOKING_SQL_OPEN " AND start_utc < ? "
	    "ORDER BY id LIMIT 5000 FOR UPDATE",
	[RSQL_NOSHOW_MARK] =
	    "UPDATE appointment SET status = 'noshow', "
	    "updated_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND status IN " BOOKING_SQL_OPEN,
	[RSQL_CLOSE_COUNT] =
	    "UPDATE reception_day_close SET noshows = ? WHERE site_id = ? "
	    "AND local_day = ?",

	/* check-in */
	[RSQL_APPT_BY_REF] =
	    "SELECT a.id, a.site_id, a.service_id, a.level_id, a.status, "
	    UTC("a.start_utc") ", a.family_name, a.given_names, l.rank_order, "
	    "l.code, COALESCE(v.ticket, ''), a.reference "
	    "FROM appointment a JOIN service_level l ON l.id = a.level_id "
	    "LEFT JOIN visit v ON v.appointment_id = a.id "
	    "WHERE a.reference = ?",
	[RSQL_APPT_LOCK] =
	    "SELECT status FROM appointment WHERE id = ? FOR UPDATE",
	[RSQL_APPT_ARRIVE] =
	    "UPDATE appointment SET status = 'arrived', "
	    "updated_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND status IN " BOOKING_SQL_OPEN,
	/* Today's appointments of a site: q (empty for all) in the names,
	 * its digits in the phone, or the reference. The ASCII columns
	 * (phone, reference) only ever meet normalised ASCII binds: typed
	 * text with an accent or in Arabic against them is an "illegal mix
	 * of collations". Names by LIKE (db_like_contains), which compares
	 * by the column's collation: "elodie" finds "Élodie". */
	[RSQL_TODAY_SEARCH] =
	    "SELECT a.id, a.reference, a.family_name, a.given_names, a.phone, "
	    UTC("a.start_utc") ", a.status, " SERVICE_NAME("a.service_id")
	    ", l.code, COALESCE(v.ticket, ''), a.channel "
	    "FROM appointment a JOIN service_level l ON l.id = a.level_id "
	    "LEFT JOIN visit v ON v.appointment_id = a.id "
	    "WHERE a.site_id = ? AND a.start_utc >= ? AND a.start_utc < ? "
	    "AND (? = '' OR a.family_name LIKE ? ESCAPE '!' "
	    "OR a.given_names LIKE ? ESCAPE '!' "
	    "OR (? <> '' AND LOCATE(?, a.phone) > 0) "
	    "OR a.reference = ?) ORDER BY a.start_utc, a.family_name LIMIT 200",
	/* The ticket sequence: the upsert locks the row for the reading
	 * that follows in the same transaction. */
	[RSQL_TICKET_NEXT] =
	    "INSERT INTO reception_ticket (site_id, local_day, letter, last) "
	    "VALUES (?, ?, ?, 1) ON DUPLICATE KEY UPDATE last = last + 1",
	[RSQL_TICKET_GET] =
	    "SELECT last FROM reception_ticket WHERE site_id = ? "
	    "AND local_day = ? AND letter = ?",
	[RSQL_FIRST_STATION] =
	    "SELECT id FROM station WHERE site_id = ? AND service_id = ? "
	    "AND active = 1 ORDER BY position, id LIMIT 1",
	[RSQL_VISIT_INSERT] =
	    "INSERT INTO visit (site_id, service_id, level_id, appointment_id, "
	    "local_day, ticket, rank_order, queue_time, arrived_at, status, "
	    "station_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)",
	[RSQL_EVENT_INSERT] =
	    "INSERT INTO visit_event (visit_id, appointment_id, kind, "
	    "station_id, counter_id, agent_id, outcome, at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[RSQL_VISIT_BY_ID] =
	    "SELECT v.ticket, COALESCE((SELECT s.name FROM station s "
	    "WHERE s.id = v.station_id), ''), a.family_name, a.given_names, "
	    UTC("a.start_utc") ", " UTC("v.arrived_at") ", a.channel "
	    "FROM visit v JOIN appointment a ON a.id = v.appointment_id "
	    "WHERE v.id = ? AND v.site_id = ?",
	[RSQL_WALKIN_OFFER] =
	    "SELECT 1 FROM service_offer WHERE service_id = ? AND level_id = ? "
	    "AND channel = 'walkin'",
	[RSQL_LEVEL_RANK] =
	    "SELECT rank_order FROM service_level WHERE id = ?",
	[RSQL_SLOT_START] =
	    "SELECT " UTC("start_utc") " FROM slot_quota WHERE id = ?",

	/* counters */
	[RSQL_COUNTERS_SITE] =
	    "SELECT c.id, c.name, st.name, " SERVICE_NAME("st.service_id")
	    " FROM counter c JOIN station st ON st.id = c.station_id "
	    "WHERE st.site_id = ? AND c.active = 1 AND st.active = 1 "
	    "ORDER BY st.service_id, st.position, st.id, c.name LIMIT 500",
	[RSQL_COUNTER_GET] =
	    "SELECT c.id, c.name, c.station_id, st.name, st.site_id, "
	    "st.service_id, st.position, c.active FROM counter c "
	    "JOIN station st ON st.id = c.station_id WHERE c.id = ?",
	[RSQL_COUNTER_CURRENT] =
	    "SELECT v.id, v.ticket, v.status, v.version, v.recalls, "
	    "a.family_name, a.given_names, a.reference, l.code, "
	    UTC("v.called_at") ", " UTC("a.start_utc") ", a.channel "
	    "FROM visit v JOIN appointment a ON a.id = v.appointment_id "
	    "JOIN service_level l ON l.id = v.level_id "
	    "WHERE v.counter_id = ? AND v.status IN ('called', 'serving') "
	    "ORDER BY v.called_at LIMIT 1",
	[RSQL_QUEUE] =
	    "SELECT v.id, v.ticket, l.code, " UTC("v.arrived_at") ", "
	    "a.family_name, a.given_names, a.channel, " UTC("a.start_utc")
	    " FROM visit v JOIN appointment a ON a.id = v.appointment_id "
	    "JOIN service_level l ON l.id = v.level_id "
	    "WHERE v.station_id = ? AND v.status = 'waiting' "
	    QUEUE_ORDER "LIMIT 50",
	/* The head of a station's queue; another counter calling at the
	 * same moment skips the row this one holds. */
	[RSQL_QUEUE_HEAD_LOCK] =
	    "SELECT v.id, v.version, v.appointment_id FROM visit v "
	    "WHERE v.station_id = ? AND v.status = 'waiting' "
	    QUEUE_ORDER "LIMIT 1 FOR UPDATE SKIP LOCKED",
	[RSQL_VISIT_LOCK] =
	    "SELECT v.status, v.version, COALESCE(v.station_id, 0), "
	    "COALESCE(v.counter_id, 0), v.appointment_id, v.recalls, "
	    "v.service_id, v.site_id, COALESCE(st.position, 0), v.ticket "
	    "FROM visit v LEFT JOIN station st ON st.id = v.station_id "
	    "WHERE v.id = ? FOR UPDATE",
	[RSQL_VISIT_CALL] =
	    "UPDATE visit SET status = 'called', counter_id = ?, agent_id = ?, "
	    "called_at = ?, version = version + 1 WHERE id = ? AND version = ?",
	[RSQL_VISIT_RECALL] =
	    "UPDATE visit SET recalls = recalls + 1, called_at = ?, "
	    "version = version + 1 WHERE id = ? AND version = ?",
	[RSQL_VISIT_START] =
	    "UPDATE visit SET status = 'serving', agent_id = ?, "
	    "version = version + 1 WHERE id = ? AND version = ?",
	[RSQL_VISIT_MOVE] =
	    "UPDATE visit SET status = 'waiting', station_id = ?, "
	    "counter_id = NULL, called_at = NULL, recalls = 0, "
	    "version = version + 1 WHERE id = ? AND version = ?",
	[RSQL_VISIT_END] =
	    "UPDATE visit SET status = ?, counter_id = NULL, exited_at = ?, "
	    "version = version + 1 WHERE id = ? AND version = ?",
	[RSQL_NEXT_STATION] =
	    "SELECT id FROM station WHERE site_id = ? AND service_id = ? "
	    "AND active = 1 AND (position > ? OR (position = ? AND id > ?)) "
	    "ORDER BY position, id LIMIT 1",
	[RSQL_APPT_DONE] =
	    "UPDATE appointment SET status = 'done', "
	    "updated_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND status = 'arrived'",

	/* display board: ticket numbers and counters only */
	[RSQL_BOARD_CALLED] =
	    "SELECT v.ticket, c.name, v.status FROM visit v "
	    "JOIN counter c ON c.id = v.counter_id WHERE v.site_id = ? "
	    "AND v.local_day = ? AND v.status IN ('called', 'serving') "
	    "ORDER BY v.called_at DESC, v.id DESC LIMIT 10",
	[RSQL_BOARD_WAITING] =
	    "SELECT v.ticket FROM visit v WHERE v.site_id = ? "
	    "AND v.local_day = ? AND v.status = 'waiting' "
	    QUEUE_ORDER "LIMIT 30",

	/* configuration */
	[RSQL_STATIONS] =
	    "SELECT id, position, name, active, version FROM station "
	    "WHERE site_id = ? AND service_id = ? ORDER BY position, id "
	    "LIMIT 100",
	[RSQL_STATION_COUNTERS] =
	    "SELECT id, name, active, version FROM counter "
	    "WHERE station_id = ? ORDER BY name LIMIT 100",
	[RSQL_STATION_INSERT] =
	    "INSERT INTO station (site_id, service_id, position, name) "
	    "VALUES (?, ?, ?, ?)",
	[RSQL_STATION_GET] =
	    "SELECT site_id, service_id, position, name, active, version "
	    "FROM station WHERE id = ?",
	[RSQL_STATION_UPDATE] =
	    "UPDATE station SET position = ?, name = ?, active = ?, "
	    "version = version + 1 WHERE id = ? AND version = ?",
	[RSQL_COUNTER_INSERT] =
	    "INSERT INTO counter (station_id, name) VALUES (?, ?)",
	[RSQL_COUNTER_ROW] =
	    "SELECT c.station_id, c.name, c.active, c.version, st.site_id, "
	    "st.service_id FROM counter c JOIN station st "
	    "ON st.id = c.station_id WHERE c.id = ?",
	[RSQL_COUNTER_UPDATE] =
	    "UPDATE counter SET name = ?, active = ?, version = version + 1 "
	    "WHERE id = ? AND version = ?",

	/*
	 * Dashboards. Each takes the site and a range of local days
	 * (from, to inclusive), or for appointments the UTC range of those
	 * days. Percentiles are PERCENTILE_DISC: the smallest value whose
	 * cumulative distribution reaches p (the nearest-rank method).
	 */
	/* Appointments: made (not walk-ins), cancelled, arrived (arrived or
	 * done), no-shows, still open; walk-ins. */
	[RSQL_DASH_COUNTS] =
	    "SELECT COALESCE(SUM(channel <> 'walkin'), 0), "
	    "COALESCE(SUM(channel <> 'walkin' AND status = 'cancelled'), 0), "
	    "COALESCE(SUM(channel <> 'walkin' AND status IN ('arrived', "
	    "'done')), 0), "
	    "COALESCE(SUM(channel <> 'walkin' AND status = 'noshow'), 0), "
	    "COALESCE(SUM(channel <> 'walkin' AND status IN ('booked', "
	    "'confirmed')), 0), "
	    "COALESCE(SUM(channel = 'walkin'), 0) "
	    "FROM appointment WHERE site_id = ? AND start_utc >= ? "
	    "AND start_utc < ?",
	/* Per visit: arrival to the first call; arrival to leaving. */
	[RSQL_DASH_OVERALL] =
	    "WITH vv AS (SELECT v.arrived_at a, v.exited_at x, "
	    "(SELECT MIN(e.at) FROM visit_event e WHERE e.visit_id = v.id "
	    "AND e.kind = 'call') c FROM visit v WHERE v.site_id = ? "
	    "AND v.local_day BETWEEN ? AND ?), "
	    "m AS (SELECT 'wait' k, TIMESTAMPDIFF(SECOND, a, c) x FROM vv "
	    "WHERE c IS NOT NULL UNION ALL SELECT 'total', "
	    "TIMESTAMPDIFF(SECOND, a, x) FROM vv WHERE x IS NOT NULL) "
	    "SELECT DISTINCT k, COUNT(*) OVER (PARTITION BY k), "
	    "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY x) "
	    "OVER (PARTITION BY k), "
	    "PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY x) "
	    "OVER (PARTITION BY k) FROM m ORDER BY k DESC",
	/* Per station: waiting (joining its queue to the first call) and
	 * service (start to end of the step). */
	[RSQL_DASH_STATION] =
	    "WITH st AS (SELECT e.visit_id, e.station_id, "
	    "MIN(IF(e.kind = 'queue', e.at, NULL)) q, "
	    "MIN(IF(e.kind = 'call', e.at, NULL)) c, "
	    "MIN(IF(e.kind = 'start', e.at, NULL)) s, "
	    "MIN(IF(e.kind = 'end', e.at, NULL)) en "
	    "FROM visit_event e JOIN visit v ON v.id = e.visit_id "
	    "WHERE v.site_id = ? AND v.local_day BETWEEN ? AND ? "
	    "AND e.station_id IS NOT NULL GROUP BY e.visit_id, e.station_id), "
	    "m AS (SELECT station_id, 'wait' k, TIMESTAMPDIFF(SECOND, q, c) x "
	    "FROM st WHERE q IS NOT NULL AND c IS NOT NULL UNION ALL "
	    "SELECT station_id, 'service', TIMESTAMPDIFF(SECOND, s, en) "
	    "FROM st WHERE s IS NOT NULL AND en IS NOT NULL), "
	    "r AS (SELECT DISTINCT station_id, k, "
	    "COUNT(*) OVER (PARTITION BY station_id, k) n, "
	    "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY x) "
	    "OVER (PARTITION BY station_id, k) p50, "
	    "PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY x) "
	    "OVER (PARTITION BY station_id, k) p90 FROM m) "
	    "SELECT r.station_id, sn.name, " SERVICE_NAME("sn.service_id")
	    ", r.k, r.n, r.p50, r.p90 FROM r JOIN station sn "
	    "ON sn.id = r.station_id "
	    "ORDER BY sn.service_id, sn.position, sn.id, r.k DESC",
	/* Throughput: steps finished per counter (and per agent below). */
	[RSQL_DASH_COUNTER] =
	    "SELECT c.name, st.name, COUNT(*) FROM visit_event e "
	    "JOIN visit v ON v.id = e.visit_id "
	    "JOIN counter c ON c.id = e.counter_id "
	    "JOIN station st ON st.id = c.station_id "
	    "WHERE v.site_id = ? AND v.local_day BETWEEN ? AND ? "
	    "AND e.kind = 'end' "
	    "GROUP BY c.id, c.name, st.name, st.service_id, st.position "
	    "ORDER BY st.service_id, st.position, c.name",
	[RSQL_DASH_AGENT] =
	    "SELECT COALESCE(ag.display_name, '?'), COUNT(*) "
	    "FROM visit_event e JOIN visit v ON v.id = e.visit_id "
	    "LEFT JOIN agent ag ON ag.id = e.agent_id "
	    "WHERE v.site_id = ? AND v.local_day BETWEEN ? AND ? "
	    "AND e.counter_id IS NOT NULL AND e.kind = 'end' "
	    "GROUP BY e.agent_id, ag.display_name ORDER BY 2 DESC, 1",
	/* Per service and level: visits, those that went through, and the
	 * wait from arrival to the first call. */
	[RSQL_DASH_LEVEL] =
	    "WITH vv AS (SELECT v.service_id, v.level_id, v.status, "
	    "TIMESTAMPDIFF(SECOND, v.arrived_at, (SELECT MIN(e.at) "
	    "FROM visit_event e WHERE e.visit_id = v.id AND e.kind = 'call')) w "
	    "FROM visit v WHERE v.site_id = ? AND v.local_day BETWEEN ? AND ?), "
	    "r AS (SELECT DISTINCT service_id, level_id, "
	    "COUNT(*) OVER (PARTITION BY service_id, level_id) n, "
	    "SUM(status = 'done') OVER (PARTITION BY service_id, level_id) d, "
	    "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY w) "
	    "OVER (PARTITION BY service_id, level_id) p50, "
	    "PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY w) "
	    "OVER (PARTITION BY service_id, level_id) p90 FROM vv) "
	    "SELECT " SERVICE_NAME("r.service_id") ", l.code, r.n, r.d, "
	    "r.p50, r.p90 FROM r JOIN service_level l ON l.id = r.level_id "
	    "ORDER BY r.service_id, l.rank_order",
	/* Quota fill per slot: booked and capacity per level, channel and
	 * local start time, summed over the days. */
	[RSQL_DASH_HEAT] =
	    "SELECT l.code, q.channel, TIME_FORMAT(q.local_time, '%H:%i'), "
	    "SUM(q.booked), SUM(q.capacity) FROM slot_quota q "
	    "JOIN service_level l ON l.id = q.level_id WHERE q.site_id = ? "
	    "AND q.local_day BETWEEN ? AND ? "
	    "GROUP BY l.rank_order, l.code, q.channel, q.local_time "
	    "ORDER BY l.rank_order, q.channel, q.local_time LIMIT 2000",
	/* Booking lead time (creation to start, minutes) of the bookings
	 * made for those days (walk-ins excluded). */
	[RSQL_DASH_LEAD] =
	    "WITH m AS (SELECT TIMESTAMPDIFF(MINUTE, created_at, start_utc) x "
	    "FROM appointment WHERE site_id = ? AND start_utc >= ? "
	    "AND start_utc < ? AND channel <> 'walkin') "
	    "SELECT DISTINCT COUNT(*) OVER (), "
	    "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY x) OVER (), "
	    "PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY x) OVER () FROM m",
};

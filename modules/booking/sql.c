/*
 * sql.c: every statement of the booking library, indexed by enum
 * booking_sql (booking.h), used through booking_stmt(). Placeholders
 * only; prepared once per worker connection. Times in slot_quota and
 * appointment are UTC; local_day and local_time are the site's wall
 * clock.
 */
#include "config.h"

#include <stddef.h>

#include "booking.h"

static const char *const booking_sqls[BSQL__MAX] = {
	/* slots.c */
	/* The third column, the audit trail's last sequence number, moves
	 * with every audited change (templates, overrides, hours, closed
	 * dates among them): booking_slots_make() remembers per worker
	 * which days it found complete at which number. */
	[BSQL_SITE_ZONE] =
	    "SELECT s.time_zone, s.active, h.seq FROM site s "
	    "LEFT JOIN audit_head h ON h.id = 1 WHERE s.id = ?",
	/* Slot making, one writer per site at a time (slots_insert). */
	[BSQL_SITE_LOCK] =
	    "SELECT id FROM site WHERE id = ? FOR UPDATE",
	/*
	 * The slots a range of local days should have (the weekly template,
	 * overridden per date, plus override-only slots), within opening
	 * hours, on days that are not closed, and that have no slot_quota
	 * row yet. Binds: first day, number of days (<= 63), then the site
	 * id five times.
	 */
	[BSQL_SLOTS_MISSING] =
	    "WITH d AS (SELECT CAST(? AS DATE) + INTERVAL seq DAY AS day "
	    "FROM seq_0_to_62 WHERE seq < ?), "
	    "x AS (SELECT d.day, t.level_id, t.channel, t.start_time, "
	    "COALESCE(o.capacity, t.capacity) AS capacity "
	    "FROM d JOIN quota_template t ON t.site_id = ? "
	    "AND t.weekday = WEEKDAY(d.day) + 1 "
	    "LEFT JOIN quota_override o ON o.site_id = t.site_id "
	    "AND o.level_id = t.level_id AND o.channel = t.channel "
	    "AND o.day = d.day AND o.start_time = t.start_time "
	    "UNION ALL "
	    "SELECT o.day, o.level_id, o.channel, o.start_time, o.capacity "
	    "FROM quota_override o JOIN d ON d.day = o.day WHERE o.site_id = ? "
	    "AND NOT EXISTS (SELECT 1 FROM quota_template t "
	    "WHERE t.site_id = o.site_id AND t.level_id = o.level_id "
	    "AND t.channel = o.channel AND t.weekday = WEEKDAY(o.day) + 1 "
	    "AND t.start_time = o.start_time)) "
	    "SELECT DATE_FORMAT(x.day, '%Y-%m-%d'), x.level_id, x.channel, "
	    "TIME_FORMAT(x.start_time, '%H:%i'), x.capacity FROM x "
	    "WHERE EXISTS (SELECT 1 FROM site_hours h WHERE h.site_id = ? "
	    "AND h.weekday = WEEKDAY(x.day) + 1 AND x.start_time >= h.opens "
	    "AND x.start_time < h.closes) "
	    "AND NOT EXISTS (SELECT 1 FROM site_closed c WHERE c.site_id = ? "
	    "AND c.day = x.day) "
	    "AND NOT EXISTS (SELECT 1 FROM slot_quota q WHERE q.site_id = ? "
	    "AND q.local_day = x.day AND q.level_id = x.level_id "
	    "AND q.channel = x.channel AND q.local_time = x.start_time) "
	    "ORDER BY x.day, x.start_time",
	/* The fast path of booking_slots_make(): the days of the range
	 * that have fewer slots than template rows for their weekday. When
	 * none, every slot exists (new template cells raise the count;
	 * closed days and the spring gap keep the full query running). */
	[BSQL_SLOTS_INCOMPLETE] =
	    "SELECT COUNT(*) FROM (SELECT CAST(? AS DATE) + INTERVAL seq DAY "
	    "AS day FROM seq_0_to_62 WHERE seq < ?) d "
	    "WHERE (SELECT COUNT(*) FROM quota_template t WHERE t.site_id = ? "
	    "AND t.weekday = WEEKDAY(d.day) + 1) > (SELECT COUNT(*) "
	    "FROM slot_quota q WHERE q.site_id = ? AND q.local_day = d.day)",
	[BSQL_SLOT_INSERT] =
	    "INSERT IGNORE INTO slot_quota (site_id, level_id, channel, "
	    "start_utc, local_day, local_time, capacity) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)",
	/* The walk-in (or other channel's) slot that started last at a
	 * local time of a day. Binds: site, level, channel, day, HH:MM:SS. */
	[BSQL_SLOT_UNDER_WAY] =
	    "SELECT id, TIME_FORMAT(local_time, '%H:%i:%s') FROM slot_quota "
	    "WHERE site_id = ? AND level_id = ? AND channel = ? "
	    "AND local_day = ? AND local_time <= ? "
	    "ORDER BY local_time DESC LIMIT 1",

	/* seat.c: the seat, never check-then-insert (see booking.h). */
	[BSQL_SEAT_TAKE] =
	    "UPDATE slot_quota SET booked = booked + 1 "
	    "WHERE id = ? AND booked < capacity",
	[BSQL_SEAT_RELEASE] =
	    "UPDATE slot_quota SET booked = booked - 1 "
	    "WHERE id = ? AND booked > 0",

	/* appointment.c */
	[BSQL_APPT_INSERT] =
	    "INSERT INTO appointment (reference, site_id, service_id, level_id, "
	    "channel, slot_id, start_utc, family_name, given_names, phone, "
	    "document_number, person_key, lang, status, notes, created_at, "
	    "updated_at, agent_id, api_key_id, version) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), ?, ?, 1)",

	/* free.c: the slots with a capacity of local days from..to of a
	 * site on a channel (all levels, or one), with the seats left and
	 * whether their day is closed: one range on the index slot_site_day
	 * (site_id, local_day, channel, level_id; migration 0009), nothing
	 * else joined but the day's closure (a primary-key look-up per row).
	 * Which of the levels the service is offered at, their order and
	 * codes, and the text forms are the caller's (booking_days_slots(),
	 * from the choice), so the server neither sorts nor formats.
	 * Driven from the audit head, a one-row table: the first column is
	 * the audit trail's last number, the stamp that says whether a
	 * choice remembered by the worker is still current, and a day
	 * without slots still answers one row (its slot columns NULL).
	 * Binds: site, from, to, channel (and the level). */
#define BSQL_DAY_SLOTS_(level)						\
	    "SELECT h.seq, q.id, q.level_id, q.local_day, q.local_time, "	\
	    "q.start_utc, q.capacity - q.booked, c.day IS NOT NULL "		\
	    "FROM audit_head h LEFT JOIN slot_quota q ON q.site_id = ? "	\
	    "AND q.local_day BETWEEN ? AND ? AND q.channel = ? " level		\
	    "AND q.capacity > 0 LEFT JOIN site_closed c "			\
	    "ON c.site_id = q.site_id AND c.day = q.local_day WHERE h.id = 1"
	[BSQL_DAY_SLOTS] = BSQL_DAY_SLOTS_(""),
	[BSQL_DAY_SLOTS_LEVEL] = BSQL_DAY_SLOTS_("AND q.level_id = ? "),
	/* free.c: what confirms the rows a worker kept: the audit trail's
	 * last number (a recalled choice) and the count and sum of the
	 * versions of a site's days from..to (migration 0031's triggers
	 * move them with every change of those days' slots or closure):
	 * two primary-key reads. Binds: site, from, to. */
	[BSQL_DAY_VERSION] =
	    "SELECT (SELECT seq FROM audit_head WHERE id = 1), "
	    "COUNT(*), SUM(version) FROM slot_day_version "
	    "WHERE site_id = ? AND local_day BETWEEN ? AND ?",
	/* The same, confirming in the same statement that the partner's
	 * API key, from the worker's memory (auth.c), is still live (1, or
	 * 0 when revoked or gone). Binds: key id, site, from, to. */
	[BSQL_DAY_VERSION_KEY] =
	    "SELECT (SELECT seq FROM audit_head WHERE id = 1), "
	    "COUNT(*), SUM(version), (SELECT COUNT(*) FROM api_key "
	    "WHERE id = ? AND revoked_at IS NULL) FROM slot_day_version "
	    "WHERE site_id = ? AND local_day BETWEEN ? AND ?",

	/* choice.c: a site, a service (its name in a language, else in
	 * English, else any) and a level offered on a channel; the audit
	 * trail's last number, which dates what a worker remembers of it.
	 * Binds: lang, service, level, channel, public only, site. */
	[BSQL_CHOICE] =
	    "SELECT si.name, si.address, si.time_zone, si.phone_country_code, "
	    "sv.code, COALESCE((SELECT t.name FROM service_text t "
	    "WHERE t.service_id = sv.id ORDER BY t.lang = ? DESC, "
	    "t.lang = 'en' DESC, t.lang LIMIT 1), sv.code), sv.needs_document, "
	    "l.code, l.rank_order, h.seq, si.code FROM site si "
	    "JOIN service sv ON sv.id = ? AND sv.active = 1 "
	    "JOIN service_offer o ON o.service_id = sv.id AND o.level_id = ? "
	    "AND o.channel = ? "
	    "JOIN service_level l ON l.id = o.level_id AND (? = 0 OR l.public = 1) "
	    "LEFT JOIN audit_head h ON h.id = 1 "
	    "WHERE si.id = ? AND si.active = 1",
	/* An active site and service by their codes, with the levels the
	 * service is offered at on a channel (one row each, in rank order;
	 * one row with NULL levels when none). Binds: service code, channel,
	 * site code. */
	[BSQL_CHOICE_BY_CODE] =
	    "SELECT si.id, si.time_zone, si.phone_country_code, sv.id, sv.code, "
	    "sv.needs_document, h.seq, si.code, l.id, l.code, l.rank_order "
	    "FROM site si JOIN service sv ON sv.code = ? AND sv.active = 1 "
	    "LEFT JOIN audit_head h ON h.id = 1 "
	    "LEFT JOIN service_offer o ON o.service_id = sv.id AND o.channel = ? "
	    "LEFT JOIN service_level l ON l.id = o.level_id "
	    "WHERE si.code = ? AND si.active = 1 ORDER BY l.rank_order, l.id",

	/* messages.c and the SMS replies of havre-appointments */
	/* The documents in the booking's language (NULL when the service
	 * has no text in it), their short forms, whether English lists
	 * any (messages.c says "see the booking page" then). */
	[BSQL_MSG_APPOINTMENT] =
	    "SELECT a.reference, DATE_FORMAT(a.start_utc, '%Y-%m-%d %H:%i:%s'), "
	    "a.phone, a.lang, s.name, s.address, s.time_zone, "
	    "t.documents, t.documents_short, "
	    "TRIM(COALESCE(te.documents, '')) <> '', a.status "
	    "FROM appointment a JOIN site s ON s.id = a.site_id "
	    "LEFT JOIN service_text t ON t.service_id = a.service_id "
	    "AND t.lang = a.lang LEFT JOIN service_text te "
	    "ON te.service_id = a.service_id AND te.lang = 'en' WHERE a.id = ?",
	/* The worst case of a template (the portal's template editor). */
	[BSQL_MSG_LONGEST_SITE] =
	    "SELECT name, address FROM site WHERE active = 1 "
	    "ORDER BY CHAR_LENGTH(name) + CHAR_LENGTH(address) DESC, id "
	    "LIMIT 1",
	[BSQL_MSG_SERVICE_DOCS] =
	    "SELECT s.code, t.documents, t.documents_short FROM service s "
	    "JOIN service_text t ON t.service_id = s.id AND t.lang = ? "
	    "WHERE s.active = 1 AND TRIM(t.documents) <> '' ORDER BY s.id",
	[BSQL_SMS_NEXT_BOOKING] =
	    "SELECT id, lang, status FROM appointment WHERE phone = ? "
	    "AND status IN " BOOKING_SQL_OPEN " "
	    "AND start_utc > UTC_TIMESTAMP() ORDER BY start_utc LIMIT 1",
	[BSQL_SMS_CONFIRM] =
	    "UPDATE appointment SET status = 'confirmed', "
	    "updated_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND status = 'booked'",
	[BSQL_SMS_INBOUND_ADD] =
	    "INSERT INTO sms_inbound (from_phone, keyword, text_hash, "
	    "appointment_id, action, at) VALUES (LEFT(?, 32), ?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6))",
};

static const struct db_table booking_table = {
	"bsql", booking_sqls, BSQL__MAX,
};

/* See booking.h. */
struct db_stmt *
booking_stmt(struct db *db, enum booking_sql id)
{
	return db_tstmt(db, &booking_table, (size_t)id);
}

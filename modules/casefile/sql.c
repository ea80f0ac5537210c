/*
 * sql.c: every statement of the case-file library, indexed by enum
 * casefile_sql (casefile.h). Placeholders only; prepared once per
 * connection of the program that links the library (db_tstmt).
 */
#include "config.h"

#include "booking.h"
#include "casefile.h"

#define DAY(x) "DATE_FORMAT(" x ", '%Y-%m-%d')"

static const char *const sqls[CSQL__MAX] = {
	[CSQL_PROC_GET] =
	    "SELECT p.id, p.code, p.name, p.current_version, p.active, "
	    "p.version, v.id, v.definition FROM wf_procedure p "
	    "JOIN wf_procedure_version v ON v.procedure_id = p.id "
	    "AND v.number = p.current_version WHERE p.id = ? "
	    "AND p.kind = 'dossier'",
	[CSQL_PROC_BY_CODE] =
	    "SELECT id FROM wf_procedure WHERE code = ? AND kind = 'dossier'",
	[CSQL_CLOSED_LIST] =
	    "SELECT " DAY("day") ", label FROM closed_day ORDER BY day "
	    "LIMIT 5000",
	[CSQL_DOSSIER_INSERT] =
	    "INSERT INTO dossier (reference, procedure_id, "
	    "procedure_version_id, status, lodged_on, assignee, sealed, "
	    "created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6), ?, UTC_TIMESTAMP(6))",
	[CSQL_DOSSIER_DUE] =
	    "UPDATE dossier SET next_due = COALESCE((SELECT MIN(c.due_on) "
	    "FROM dossier_clock c WHERE c.dossier_id = ? AND c.stopped_on "
	    "IS NULL AND c.paused_since IS NULL), '9999-12-31'), "
	    "paused = EXISTS (SELECT 1 FROM dossier_clock c WHERE "
	    "c.dossier_id = ? AND c.stopped_on IS NULL AND c.paused_since IS "
	    "NOT NULL) WHERE id = ?",
	[CSQL_PERSON_ADD] =
	    "INSERT INTO dossier_person (dossier_id, person_id, role, "
	    "relation, added_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))",
	[CSQL_EVENT_INSERT] =
	    "INSERT INTO dossier_event (dossier_id, at, agent_id, actor, kind, "
	    "from_status, to_status, detail) VALUES (?, UTC_TIMESTAMP(6), ?, "
	    "?, ?, ?, ?, ?)",
	[CSQL_CLOCKS] =
	    "SELECT id, code, " DAY("started_on") ", length, unit, extended, "
	    "paused_total, COALESCE(" DAY("paused_since") ", ''), "
	    "COALESCE(" DAY("stopped_on") ", ''), " DAY("due_on") " "
	    "FROM dossier_clock WHERE dossier_id = ? ORDER BY id",
	[CSQL_CLOCK_INSERT] =
	    "INSERT INTO dossier_clock (dossier_id, code, started_on, length, "
	    "unit, paused_since, due_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[CSQL_CLOCK_UPDATE] =
	    "UPDATE dossier_clock SET extended = ?, paused_total = ?, "
	    "paused_since = ?, stopped_on = ?, due_on = ?, met = ? "
	    "WHERE id = ?",
	/* interview.c: the interview sites whose site and service are
	 * active */
#define IV_SITE \
	"SELECT i.site_id, s.name, s.time_zone, i.service_id, i.level_id " \
	"FROM interview_site i JOIN site s ON s.id = i.site_id " \
	"JOIN service v ON v.id = i.service_id WHERE s.active = 1 " \
	"AND v.active = 1 "
	[CSQL_IV_SITES] = IV_SITE "ORDER BY s.name, s.id LIMIT 100",
	[CSQL_IV_SITE_GET] = IV_SITE "AND i.site_id = ?",
#undef IV_SITE
	[CSQL_IV_SLOT_GET] =
	    "SELECT q.site_id, q.level_id, q.channel, "
	    "DATE_FORMAT(q.start_utc, '%Y-%m-%d %H:%i:%s'), "
	    "q.start_utc > UTC_TIMESTAMP(), EXISTS (SELECT 1 FROM site_closed "
	    "c WHERE c.site_id = q.site_id AND c.day = q.local_day) "
	    "FROM slot_quota q WHERE q.id = ?",
	[CSQL_IV_ACTIVE] =
	    "SELECT COUNT(*) FROM dossier_appointment da JOIN appointment a "
	    "ON a.id = da.appointment_id WHERE da.dossier_id = ? "
	    "AND a.status IN " BOOKING_SQL_ACTIVE,
	[CSQL_IV_LINK_DOSSIER] =
	    "INSERT INTO dossier_appointment (appointment_id, dossier_id, "
	    "booked_at, booked_by) VALUES (?, ?, UTC_TIMESTAMP(6), ?)",
	[CSQL_IV_LINK_PERSON] =
	    "INSERT INTO person_appointment (appointment_id, person_id, "
	    "linked_at, linked_by) VALUES (?, ?, UTC_TIMESTAMP(6), ?)",
	[CSQL_IV_PRINCIPAL] =
	    "SELECT dp.person_id, COALESCE((SELECT c.value FROM person_contact "
	    "c WHERE c.person_id = dp.person_id AND c.kind = 'phone' ORDER BY "
	    "c.created_at DESC, c.id DESC LIMIT 1), '') FROM dossier_person dp "
	    "WHERE dp.dossier_id = ? AND dp.role = 'principal' LIMIT 1",
};

/* See casefile.h. */
const struct db_table casefile_sqls = { "csql", sqls, CSQL__MAX };

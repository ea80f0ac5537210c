/*
 * sql.h: havre-appointments' SQL table, indexed by enum appt_sql
 * (appt_sqls[] in sql.c). The core (booking.c) and the agents'
 * pages come first; the public site's statements (book*.c) have their
 * own section at the end, before ASQL__MAX.
 */
#ifndef HAVRE_APPOINTMENTS_SQL_H
#define HAVRE_APPOINTMENTS_SQL_H

enum appt_sql {
	/* pages.c */
	ASQL_SITE_ZONE,		/* id -> time_zone, active */

	/* booking.c */
	ASQL_SLOT_GET,		/* id -> site, level, channel, start_utc, local_day, capacity, booked, future, closed */
	ASQL_OFFER_CHECK,	/* service, level, channel -> needs_document (no row: not offered) */
	ASQL_PHONE_ACTIVE_LOCK,	/* phone -> ids of active appointments, FOR UPDATE */
	ASQL_APPT_LOCK,		/* id -> status, slot_id, site, service, level, channel, version, reference, FOR UPDATE */
	ASQL_APPT_CANCEL,	/* id */
	ASQL_APPT_MOVE,		/* slot_id, start_utc, id */

	/* configure.c: sites */
	ASQL_SITE_LIST,
	ASQL_SITE_GET,
	ASQL_SITE_INSERT,
	ASQL_SITE_UPDATE,
	ASQL_SITE_HOURS,
	ASQL_SITE_HOURS_CLEAR,
	ASQL_SITE_HOURS_ADD,
	ASQL_SITE_CLOSED_LIST,
	ASQL_SITE_CLOSED_ADD,
	ASQL_SITE_CLOSED_DELETE,
	/* configure.c: services and levels */
	ASQL_SERVICE_LIST,
	ASQL_SERVICE_GET,
	ASQL_SERVICE_INSERT,
	ASQL_SERVICE_UPDATE,
	ASQL_SERVICE_TEXTS,
	ASQL_SERVICE_TEXT_SET,
	ASQL_SERVICE_TEXT_DELETE,	/* service, lang */
	ASQL_SERVICE_OFFERS,
	ASQL_SERVICE_OFFERS_CLEAR,
	ASQL_SERVICE_OFFER_ADD,
	ASQL_LEVEL_LIST,
	ASQL_LEVEL_SET_PUBLIC,
	/* quota grid */
	ASQL_TEMPLATE_LIST,	/* site, level, channel -> weekday, start_time, capacity */
	ASQL_TEMPLATE_SET,
	ASQL_TEMPLATE_DELETE,
	ASQL_TEMPLATE_MAX_BOOKED, /* future slots following the template cell -> max booked */
	ASQL_TEMPLATE_APPLY,	/* push a template capacity to future slots without override */
	ASQL_WEEK_SLOTS,	/* site, level, channel, from, to -> slots */
	ASQL_OVERRIDE_SET,
	ASQL_SLOT_FIND,		/* id, site -> id, capacity, booked, level, channel, day, time FOR UPDATE */
	ASQL_SLOT_SET_CAPACITY,	/* capacity, id, capacity: only if booked <= capacity */

	/* callcentre.c, day.c */
	ASQL_DAY_CAPACITY,	/* site, day, channel -> slots with level and remaining */
	ASQL_FIND_CALLER,	/* q x3 -> appointments */
	ASQL_DAY_LIST,		/* site, day -> appointments */
	ASQL_APPT_GET,		/* id -> everything shown */
	ASQL_APPT_HISTORY,	/* id (text), id -> its audit events and SMS, in time order */
	ASQL_APPT_UPDATE,	/* names, phone, person_key, notes, status, id, version */
	ASQL_SERVICES_OFFERED,	/* channel -> service id, code, name (lang) */

	/* api.c */
	ASQL_API_AVAILABILITY,
	ASQL_API_SITE_BY_CODE,
	ASQL_API_SERVICE_BY_CODE,
	ASQL_API_LEVEL_BY_CODE,
	ASQL_API_SLOT_AT,	/* site, level, channel, start_utc -> id */
	ASQL_API_ALTERNATIVES,	/* site, level, channel, start_utc -> nearest free slots */
	ASQL_API_APPT_BY_REF,
	ASQL_IDEM_GET,
	ASQL_IDEM_INSERT,

	/* --- the public site (book*.c) --- */
	ASQL_BOOK_SITES,	/* search, like, like, limit, offset -> id,
				   name, address of active sites */
	ASQL_BOOK_SITES_COUNT,	/* search, like, like -> matching, all */
	ASQL_BOOK_SITE,		/* id -> name, address, time_zone, phone_country_code */
	ASQL_BOOK_SERVICES,	/* lang, site, site -> id, name, needs_document */
	ASQL_BOOK_SERVICE,	/* lang, id -> code, name, needs_document */
	ASQL_BOOK_LEVELS,	/* service, site, site -> id, code (public, web) */
	ASQL_BOOK_LEVEL,	/* service, level -> code (public, web) */
	ASQL_BOOK_MONTH,	/* site, level, from, to, from, to, move day, move time
				   (NULL, NULL: none) -> day, remaining, capacity */
	ASQL_BOOK_CLOSED,	/* site, from, to -> closed days */
	ASQL_BOOK_DAY_SLOTS,	/* site, level, day x3 -> id, HH:MM, remaining, future */
	ASQL_BOOK_SLOT,		/* id -> site, level, channel, day, HH:MM, remaining, future, start, closed */
	ASQL_BOOK_NEAREST,	/* site, level, not id, start -> nearest free web slots */
	ASQL_BOOK_APPT,		/* lang, reference -> the booking shown to the applicant */
	ASQL_BOOK_DOCS,		/* service, lang, lang -> documents to bring */

	ASQL__MAX
};

extern const char *const appt_sqls[ASQL__MAX];

#endif

/*
 * checkin.c: the reception desk (permission reception.checkin). Finding
 * today's appointment (a QR scanner types the reference into the same
 * field as a person would; today's list can be searched by name or
 * phone), checking it in (arrival time, a ticket number, the queue of the
 * service's first station), and walk-ins.
 *
 * Walk-ins take a seat of the site's walk-in quota: the walkin-channel
 * slot_quota row of their level for the slot under way, with
 *   UPDATE slot_quota SET booked = booked + 1 WHERE id = ? AND booked < capacity
 * in the same transaction as the appointment and the visit, as every
 * booking does: the slots, the seat, the reference, the person key and
 * the appointment row come from the booking library (modules/booking),
 * the same calls as havre-appointments' channels make.
 *
 * Tickets: a letter per service level (its rank: A for the first, extreme
 * urgency; B, C ...) and a number per site, local day and letter: A001.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "audit.h"
#include "booking.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "reception.h"
#include "session.h"
#include "tpl.h"

/* The site picker of any reception page (GET ?site=). */
const struct field_spec site_query_fields[] = {
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* GET /reception/checkin: site, search text, the visit just made. */
const struct field_spec checkin_query_fields[] = {
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"q", FIELD_STRING, 0, 0, 100, NULL},
	{"visit", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /reception/checkin: the reference, scanned or typed. */
const struct field_spec checkin_fields[] = {
	{"site", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"ref", FIELD_STRING, 1, 1, 200, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /reception/walkin. */
const struct field_spec walkin_fields[] = {
	{"site", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"service", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"level", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{"family_name", FIELD_STRING, 1, 1, 200, NULL},
	{"given_names", FIELD_STRING, 0, 0, 200, NULL},
	{"phone", FIELD_PHONE, 0, 0, 0, NULL},
	{"document_number", FIELD_STRING, 0, 0, 64, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The ticket letter of a level's rank (1 -> A ... 26 and more -> Z). */
static char
ticket_letter(long long rank)
{
	if (rank < 1)
		rank = 1;
	if (rank > 26)
		rank = 26;
	return (char)('A' + rank - 1);
}

/* Minutes from the appointment's start to now (late > 0, early < 0). */
static long
minutes_late(const char *start_utc, time_t now)
{
	time_t	t;

	if (time_parse_utc(start_utc, &t) != 0)
		return 0;
	return (long)((now - t) / 60);
}

/* Put an early/late text under node ("12 min early", "on time" ...). */
static void
set_lateness(struct req *r, const char *node, long late)
{
	char	 name[96], num[24];

	snprintf(num, sizeof(num), "%ld", late < 0 ? -late : late);
	snprintf(name, sizeof(name), "%s.Minutes", node);
	page_set(r, name, num);
	snprintf(name, sizeof(name), "%s.Kind", node);
	page_set(r, name, late < -5 ? "early" : late > 5 ? "late" : "ontime");
}

/*
 * Today's appointments of the site matching q (all when empty), with
 * their early/late state: Checkin.List.N.{Id, Reference, Name, Phone,
 * Time, Status, Service, Level, Ticket, Lateness.*}.
 */
static int
today_list(struct req *r, const struct site *s, const char *q)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	time_t		 now = time(NULL);
	size_t		 n = 0;
	char		 today[11], from[20], to[20], node[64], when[32];
	char		 name[420], ref[9], digits[16], shown[10];
	char		 like[2 * 4 * 100 + 3];	/* q: 100 characters */
	const char	*exact;

	site_today(s, now, today, NULL);
	if (day_bounds_utc(s, today, from, to) != 0)
		return 500;
	exact = booking_reference_normalise(q, ref) == 0 ? ref : "";
	db_like_contains(q, like, sizeof(like));
	booking_phone_digits(q, 3, digits);
	if ((st = db_stmt(r->db, RSQL_TODAY_SEARCH)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, r->lang);
	db_bind_int(st, 1, s->id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	db_bind_text(st, 4, q);
	db_bind_text(st, 5, like);
	db_bind_text(st, 6, like);
	db_bind_text(st, 7, digits);
	db_bind_text(st, 8, digits);
	db_bind_text(st, 9, exact);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *status = db_col_text(st, 6);

		snprintf(node, sizeof(node), "Checkin.List.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Checkin.List.%zu.Reference", n);
		booking_reference_display(db_col_text(st, 1), shown);
		page_set(r, node, shown);
		snprintf(name, sizeof(name), "%s, %s", db_col_text(st, 2),
		    db_col_text(st, 3));
		snprintf(node, sizeof(node), "Checkin.List.%zu.Name", n);
		page_set(r, node, name);
		snprintf(node, sizeof(node), "Checkin.List.%zu.Phone", n);
		page_set(r, node, db_col_text(st, 4));
		site_time(s, db_col_text(st, 5), "%H:%M", when, sizeof(when));
		snprintf(node, sizeof(node), "Checkin.List.%zu.Time", n);
		page_set(r, node, when);
		snprintf(node, sizeof(node), "Checkin.List.%zu.Status", n);
		page_set(r, node, status);
		snprintf(node, sizeof(node), "Checkin.List.%zu.Service", n);
		page_set(r, node, db_col_text(st, 7));
		snprintf(node, sizeof(node), "Checkin.List.%zu.Level", n);
		page_set(r, node, db_col_text(st, 8));
		snprintf(node, sizeof(node), "Checkin.List.%zu.Ticket", n);
		page_set(r, node, db_col_text(st, 9));
		if (strcmp(status, "booked") == 0 ||
		    strcmp(status, "confirmed") == 0) {
			snprintf(node, sizeof(node), "Checkin.List.%zu.Open", n);
			page_set(r, node, "1");
			snprintf(node, sizeof(node),
			    "Checkin.List.%zu.Lateness", n);
			set_lateness(r, node, minutes_late(db_col_text(st, 5),
			    now));
		}
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Checkin.Count", (long long)n);
	return 0;
}

/* The visit just made (?visit=): Checkin.Done.{Ticket, Station, Name,
 * Lateness.*, Walkin}. */
static int
done_fill(struct req *r, const struct site *s, int64_t visit)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	time_t		 arrived;
	char		 name[420];

	if ((st = db_stmt(r->db, RSQL_VISIT_BY_ID)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, visit);
	db_bind_int(st, 1, s->id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 0 : db_http_status(rc);
	page_set(r, "Checkin.Done.Ticket", db_col_text(st, 0));
	page_set(r, "Checkin.Done.Station", db_col_text(st, 1));
	snprintf(name, sizeof(name), "%s, %s", db_col_text(st, 2),
	    db_col_text(st, 3));
	page_set(r, "Checkin.Done.Name", name);
	if (strcmp(db_col_text(st, 6), "walkin") == 0)
		page_set(r, "Checkin.Done.Walkin", "1");
	else if (time_parse_utc(db_col_text(st, 5), &arrived) == 0)
		set_lateness(r, "Checkin.Done.Lateness",
		    minutes_late(db_col_text(st, 4), arrived));
	db_reset(st);
	return 0;
}

/*
 * GET /reception (any signed-in agent): the section's landing page,
 * links by permission and the site picker. Template reception/home.cs.
 */
int
page_home(struct req *r)
{
	struct site	s;
	int		status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Reception.Title"));
	if ((status = site_pick(r, form_int(r, "site"), &s)) != 0 &&
	    status != 200)
		return status;
	page_set(r, "Home.Checkin", session_can(r->session, PERM_CHECKIN) ?
	    "1" : "0");
	page_set(r, "Home.Counter", session_can(r->session, PERM_COUNTER) ?
	    "1" : "0");
	page_set(r, "Home.Dashboard", session_can(r->session,
	    PERM_DASHBOARD) ? "1" : "0");
	page_set(r, "Home.Configure", session_can(r->session,
	    PERM_CONFIGURE) ? "1" : "0");
	return 200;
}

/*
 * GET /reception/checkin (reception.checkin; also the fill of a
 * rejected check-in or walk-in): site picker, the reference field
 * (scanner or keyboard), today's list filtered by q, the walk-in form,
 * and the visit just made (?visit=). Template reception/checkin.cs.
 */
int
page_checkin(struct req *r)
{
	struct site	s;
	int		status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Reception.Checkin.Title"));
	if ((status = site_pick(r, form_int(r, "site"), &s)) != 0)
		return status;
	page_set(r, "Checkin.Q", form_str(r, "q"));
	if ((status = options_fill(r)) != 0)
		return status;
	if ((status = today_list(r, &s, form_str(r, "q"))) != 0)
		return status;
	if (form_int(r, "visit") > 0 &&
	    (status = done_fill(r, &s, form_int(r, "visit"))) != 0)
		return status;
	return 200;
}

/* What arrive_txn needs and gives back. */
struct arrive_ctx {
	struct req		*r;
	const struct site	*s;
	int64_t			 appt;
	int64_t			 service;
	int64_t			 level;
	int64_t			 rank;
	int64_t			 station;
	const char		*start;		/* appointment start, UTC */
	const char		*reference;
	int			 stale;		/* out: no longer open */
	int64_t			 visit;		/* out */
	char			 ticket[8];	/* out */
};

/*
 * Draw the next ticket of the site, day and letter, and insert the visit
 * with its arrival and queue events (inside the caller's transaction).
 */
static enum db_rc
visit_create(struct db *db, struct arrive_ctx *c, const char *day,
    const char *now, const char *queue_time)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 letter[2];
	int64_t		 agent = c->r->session ? c->r->session->agent_id : 0;

	letter[0] = ticket_letter(c->rank);
	letter[1] = '\0';
	if ((st = db_stmt(db, RSQL_TICKET_NEXT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->s->id);
	db_bind_text(st, 1, day);
	db_bind_text(st, 2, letter);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, RSQL_TICKET_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->s->id);
	db_bind_text(st, 1, day);
	db_bind_text(st, 2, letter);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	snprintf(c->ticket, sizeof(c->ticket), "%c%03lld", letter[0],
	    (long long)(db_col_int(st, 0) % 10000));
	db_reset(st);

	if ((st = db_stmt(db, RSQL_VISIT_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->s->id);
	db_bind_int(st, 1, c->service);
	db_bind_int(st, 2, c->level);
	db_bind_int(st, 3, c->appt);
	db_bind_text(st, 4, day);
	db_bind_text(st, 5, c->ticket);
	db_bind_int(st, 6, c->rank);
	db_bind_text(st, 7, queue_time);
	db_bind_text(st, 8, now);
	db_bind_int(st, 9, c->station);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	c->visit = (int64_t)db_insert_id(st);
	if ((rc = event_add(db, c->visit, c->appt, "arrival", 0, 0, agent,
	    NULL, now)) != DB_OK)
		return rc;
	return event_add(db, c->visit, c->appt, "queue", c->station, 0, agent,
	    NULL, now);
}

/*
 * The check-in transaction: lock the appointment, check it is still
 * open (a second desk may have checked it in meanwhile: stale), mark it
 * arrived, create the visit, audit.
 */
static enum db_rc
arrive_txn(struct db *db, void *arg)
{
	struct arrive_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[2];
	enum db_rc		 rc;
	char			 now[27], day[11], idtext[24], status[16];

	c->stale = 0;
	if ((st = db_stmt(db, RSQL_APPT_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->appt);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	snprintf(status, sizeof(status), "%s", db_col_text(st, 0));
	db_reset(st);
	if (strcmp(status, "booked") != 0 && strcmp(status, "confirmed") != 0) {
		c->stale = 1;
		return DB_OK;
	}
	if ((st = db_stmt(db, RSQL_APPT_ARRIVE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->appt);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	now_text(now);
	site_today(c->s, time(NULL), day, NULL);
	if ((rc = visit_create(db, c, day, now, c->start)) != DB_OK)
		return rc;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->appt);
	ch[0] = (struct audit_change){"status", status, "arrived"};
	ch[1] = (struct audit_change){"ticket", NULL, c->ticket};
	return audit_req(c->r, "appointment", idtext, "arrive", ch, 2);
}

/* Refuse a check-in: the message beside the reference field, 422. */
static int
refuse(struct req *r, const char *field, const char *key)
{
	int	status;

	form_set_error(r, field, key);
	if ((status = page_checkin(r)) != 200)
		return status;
	return 422;
}

/* Redirect to the check-in page showing the visit just made. */
static int
to_visit(struct req *r, int64_t site, int64_t visit, const char *flash)
{
	char	loc[96];

	flash_set(r, "ok", flash);
	snprintf(loc, sizeof(loc), "/reception/checkin?site=%lld&visit=%lld",
	    (long long)site, (long long)visit);
	return resp_redirect(r, loc);
}

/* The first active station of a service at a site: its id (> 0), 0 if
 * none, or -status on a database failure. */
static int64_t
first_station(struct req *r, int64_t site, int64_t service)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 id;

	if ((st = db_stmt(r->db, RSQL_FIRST_STATION)) == NULL)
		return -db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, site);
	db_bind_int(st, 1, service);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 0 : -db_http_status(rc);
	id = db_col_int(st, 0);
	db_reset(st);
	return id;
}

/*
 * POST /reception/checkin (reception.checkin, CSRF; site, ref): check
 * today's appointment in. Redirects to the check-in page with the
 * ticket; refusals (unknown reference, cancelled, another day or site,
 * already arrived, no stations) come back as 422 with the message next
 * to the field and change nothing.
 */
int
page_checkin_post(struct req *r)
{
	struct arrive_ctx	 c;
	struct db_stmt		*st;
	struct site		 s;
	enum db_rc		 rc;
	char			 ref[9], start[20], status[16], apptday[11];
	char			 today[11], ticket[9];
	int64_t			 appt_site, station;
	int			 code;
	time_t			 t;
	struct tm		 tm;
	long			 off;

	if ((code = site_pick(r, form_int(r, "site"), &s)) != 0)
		return code == 200 ? 404 : code;
	if (booking_reference_normalise(form_str(r, "ref"), ref) != 0)
		return refuse(r, "ref", "Reception.Error.Unknown");
	memset(&c, 0, sizeof(c));
	if ((st = db_stmt(r->db, RSQL_APPT_BY_REF)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, ref);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc != DB_OK)
			return db_http_status(rc);
		return refuse(r, "ref", "Reception.Error.Unknown");
	}
	c.appt = db_col_int(st, 0);
	appt_site = db_col_int(st, 1);
	c.service = db_col_int(st, 2);
	c.level = db_col_int(st, 3);
	snprintf(status, sizeof(status), "%s", db_col_text(st, 4));
	snprintf(start, sizeof(start), "%s", db_col_text(st, 5));
	c.rank = db_col_int(st, 8);
	snprintf(ticket, sizeof(ticket), "%s", db_col_text(st, 10));
	db_reset(st);

	if (appt_site != s.id)
		return refuse(r, "ref", "Reception.Error.OtherSite");
	if (strcmp(status, "cancelled") == 0)
		return refuse(r, "ref", "Reception.Error.Cancelled");
	if (strcmp(status, "arrived") == 0 || strcmp(status, "done") == 0 ||
	    ticket[0] != '\0') {
		page_set(r, "Checkin.Already", ticket);
		return refuse(r, "ref", "Reception.Error.Already");
	}
	if (strcmp(status, "noshow") == 0)
		return refuse(r, "ref", "Reception.Error.NoShow");
	site_today(&s, time(NULL), today, NULL);
	if (time_parse_utc(start, &t) != 0)
		return 500;
	time_utc_to_local(t, s.zone, &tm, &off);
	time_format_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, apptday);
	if (strcmp(apptday, today) != 0) {
		page_set(r, "Checkin.OtherDay", apptday);
		return refuse(r, "ref", "Reception.Error.OtherDay");
	}
	if ((station = first_station(r, s.id, c.service)) < 0)
		return (int)-station;
	if (station == 0)
		return refuse(r, "ref", "Reception.Error.NoStations");

	c.r = r;
	c.s = &s;
	c.station = station;
	c.start = start;
	c.reference = ref;
	if ((rc = db_txn(r->db, arrive_txn, &c)) != DB_OK) {
		log_err("check-in of appointment %lld: %s", (long long)c.appt,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (c.stale)
		return refuse(r, "ref", "Reception.Error.Already");
	log_info("appointment %lld arrived, ticket %s", (long long)c.appt,
	    c.ticket);
	return to_visit(r, s.id, c.visit, "Reception.Flash.Arrived");
}

/*
 * The walk-in slot of a level for the slot under way at the site's
 * local time now: its id (> 0), 0 when the site has no walk-in slot now
 * (none made for today, or the last one has ended), or -status. The
 * day's slots are made by the booking library like every channel's.
 */
static int64_t
walkin_slot(struct req *r, const struct site *s, int64_t level)
{
	enum db_rc	 rc;
	int64_t		 id;
	char		 day[11], hms[9];

	site_today(s, time(NULL), day, hms);
	if ((rc = booking_slot_under_way(r->db, s->id, level, CH_WALKIN, day,
	    hms, s->slot_minutes, &id)) != DB_OK)
		return -db_http_status(rc);
	return id;
}

/* What walkin_txn needs and gives back. */
struct walkin_ctx {
	struct arrive_ctx	 a;
	int64_t			 slot;
	const char		*family;
	const char		*given;
	const char		*phone;
	const char		*doc;
	int			 full;		/* out: no seat left */
	int			 active;	/* out: person already booked */
	char			 reference[9];	/* out */
};

/*
 * The walk-in transaction: take the seat, write the appointment (walkin
 * channel, arrived), the visit and its events, and the audit event.
 * A full slot or an active appointment of the same person rolls back.
 */
static enum db_rc
walkin_txn(struct db *db, void *arg)
{
	struct walkin_ctx	*w = arg;
	struct arrive_ctx	*c = &w->a;
	struct db_stmt		*st;
	struct audit_change	 ch[5];
	struct booking_appt	 appt;
	enum seat_rc		 q;
	enum db_rc		 rc = DB_ERROR;
	char			 now[27], day[11], start[20];
	char			 idtext[24], slottext[24];

	w->full = w->active = 0;
	q = booking_seat_take(db, w->slot, &rc);
	if (q == SEAT_DBERR)
		return rc;
	if (q == SEAT_FULL) {
		w->full = 1;
		return DB_ERROR;
	}
	if ((st = db_stmt(db, RSQL_SLOT_START)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, w->slot);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	snprintf(start, sizeof(start), "%s", db_col_text(st, 0));
	db_reset(st);
	appt = (struct booking_appt){
		.site_id = c->s->id, .service_id = c->service,
		.level_id = c->level, .channel = CH_WALKIN, .slot_id = w->slot,
		.start_utc = start, .family_name = w->family,
		.given_names = w->given, .phone = w->phone,
		.document_number = w->doc, .lang = c->r->lang, .notes = "",
		.status = APPT_ARRIVED,
		.agent_id = c->r->session != NULL ?
		    c->r->session->agent_id : 0,
	};
	if ((rc = booking_appt_insert(db, &appt, w->reference, &c->appt)) ==
	    DB_DUP) {
		w->active = 1;
		return DB_ERROR;
	}
	if (rc != DB_OK)
		return rc;
	now_text(now);
	site_today(c->s, time(NULL), day, NULL);
	/* A walk-in queues by arrival among the appointments' times. */
	if ((rc = visit_create(db, c, day, now, now)) != DB_OK)
		return rc;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->appt);
	snprintf(slottext, sizeof(slottext), "%lld", (long long)w->slot);
	ch[0] = (struct audit_change){"reference", NULL, w->reference};
	ch[1] = (struct audit_change){"channel", NULL, "walkin"};
	ch[2] = (struct audit_change){"slot", NULL, slottext};
	ch[3] = (struct audit_change){"family_name", NULL, w->family};
	ch[4] = (struct audit_change){"ticket", NULL, c->ticket};
	return audit_req(c->r, "appointment", idtext, "walkin", ch, 5);
}

/*
 * POST /reception/walkin (reception.checkin, CSRF; walkin_fields): a
 * walk-in within the site's walk-in quota. Redirects to the check-in
 * page with the ticket; 422 when the service is not offered to walk-ins
 * at that level, the walk-in quota of the slot is used up (or there is
 * no slot now), the person already has an active appointment for the
 * service, or the service has no stations here.
 */
int
page_walkin_post(struct req *r)
{
	struct walkin_ctx	 w;
	struct db_stmt		*st;
	struct site		 s;
	enum db_rc		 rc;
	int64_t			 station, slot;
	int			 code;

	if ((code = site_pick(r, form_int(r, "site"), &s)) != 0)
		return code == 200 ? 404 : code;
	memset(&w, 0, sizeof(w));
	w.a.r = r;
	w.a.s = &s;
	w.a.service = form_int(r, "service");
	w.a.level = form_int(r, "level");
	if ((st = db_stmt(r->db, RSQL_WALKIN_OFFER)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, w.a.service);
	db_bind_int(st, 1, w.a.level);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc != DB_OK)
			return db_http_status(rc);
		return refuse(r, "service", "Reception.Error.NotOffered");
	}
	db_reset(st);
	if ((st = db_stmt(r->db, RSQL_LEVEL_RANK)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, w.a.level);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? refuse(r, "level", "Form.Error.Enum") :
		    db_http_status(rc);
	w.a.rank = db_col_int(st, 0);
	db_reset(st);
	if ((station = first_station(r, s.id, w.a.service)) < 0)
		return (int)-station;
	if (station == 0)
		return refuse(r, "service", "Reception.Error.NoStations");
	if ((slot = walkin_slot(r, &s, w.a.level)) < 0)
		return (int)-slot;
	if (slot == 0)
		return refuse(r, "level", "Reception.Error.NoWalkinSlot");
	w.a.station = station;
	w.slot = slot;
	w.family = form_str(r, "family_name");
	w.given = form_str(r, "given_names");
	w.phone = form_str(r, "phone");
	w.doc = form_str(r, "document_number");
	rc = db_txn(r->db, walkin_txn, &w);
	if (w.full)
		return refuse(r, "level", "Reception.Error.WalkinFull");
	if (w.active)
		return refuse(r, "family_name", "Reception.Error.Active");
	if (rc != DB_OK) {
		log_err("walk-in at site %lld: %s", (long long)s.id,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	log_info("walk-in appointment %lld, ticket %s", (long long)w.a.appt,
	    w.a.ticket);
	return to_visit(r, s.id, w.a.visit, "Reception.Flash.Walkin");
}

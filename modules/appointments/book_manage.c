/*
 * book_manage.c: an applicant's own booking on the public site: find it
 * with its reference and the phone given when booking, then view it
 * (the confirmation page, printable, with a QR code of the reference),
 * cancel it (the seat is freed) or move it to another day and time
 * (booking_move(): the new seat is taken and the old one freed in one
 * transaction). An unknown reference and a wrong phone get the same
 * message, and failed searches are limited per client address
 * (Appointments.ManageFailuresPerHour, default 20), so references
 * cannot be enumerated. Proof of the phone is kept in a cookie
 * bk_<REF> (HttpOnly, SameSite=Strict, one day) holding a MAC of the
 * reference and the phone under a server key (book_proof): it reveals
 * nothing and cannot be forged; no server session; every page checks it
 * against the booking.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "app.h"
#include "appointments.h"
#include "person.h"
#include "book.h"
#include "conf.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "ratelimit.h"
#include "sql.h"
#include "tpl.h"


/* GET /book/manage: a reference to fill in (from a link). */
const struct field_spec book_ref_fields[] = {
	{"ref", FIELD_STRING, 0, 0, 16, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* POST /book/manage: the reference and the phone. */
const struct field_spec book_find_fields[] = {
	{"ref", FIELD_STRING, 1, 1, 16, NULL},
	{"phone", FIELD_STRING, 1, 4, 32, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* POST /book/manage/{ref}/move: the new slot; confirm=1 is the answer
 * "Yes, move it" of the question page (issue 13.2). */
const struct field_spec book_move_fields[] = {
	{"slot", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"confirm", FIELD_INT, 0, 1, 1, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/*
 * POST /book/manage/{ref}/cancel: confirm=1 is the answer "Yes, cancel"
 * of the question page; without it the POST only asks (issue 13.2: a
 * destructive action takes two steps).
 */
const struct field_spec book_cancel_fields[] = {
	{"confirm", FIELD_INT, 0, 1, 1, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* A booking as the applicant sees it. */
struct appt {
	int64_t	 id;
	char	 ref[9];
	char	 phone[17];
	char	 status[16];
	char	 start[20];
	char	 lang[8];
	char	 channel[12];
	int	 active;	/* open: the applicant may move or cancel it */
};

/*
 * Normalise a typed reference: letters and digits only, upper case,
 * exactly 8 of them. Returns 0 and fills out (9 bytes), else -1.
 */
static int
ref_normalise(const char *in, char out[9])
{
	char	tmp[65];

	person_docno_normalise(in, tmp);
	if (strlen(tmp) != 8)
		return -1;
	memcpy(out, tmp, 9);
	return 0;
}

/*
 * Read the booking with reference ref into a and the page (Book.Appt.*,
 * the choices as Book.Site/Service/Level) and c (site, zone, level).
 * Returns 1 if found, 0 if not, -status on a database error.
 */
static int
appt_load(struct req *r, const char *ref, struct appt *a, struct book_ctx *c)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 buf[128], key[64], shown[10];

	memset(a, 0, sizeof(*a));
	if ((st = db_stmt(r->db, ASQL_BOOK_APPT)) == NULL)
		return -db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, r->lang);
	db_bind_text(st, 1, ref);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 0 : -db_http_status(rc);
	a->id = db_col_int(st, 0);
	snprintf(a->ref, sizeof(a->ref), "%s", ref);
	snprintf(a->phone, sizeof(a->phone), "%s", db_col_text(st, 1));
	snprintf(a->status, sizeof(a->status), "%s", db_col_text(st, 2));
	c->site_id = db_col_int(st, 3);
	c->service_id = db_col_int(st, 4);
	c->level_id = db_col_int(st, 5);
	snprintf(a->start, sizeof(a->start), "%s", db_col_text(st, 6));
	snprintf(buf, sizeof(buf), "%s %s", db_col_text(st, 8),
	    db_col_text(st, 7));
	page_set(r, "Book.Appt.Name", buf);
	snprintf(a->lang, sizeof(a->lang), "%s", db_col_text(st, 9));
	snprintf(c->site_name, sizeof(c->site_name), "%s", db_col_text(st, 10));
	snprintf(c->address, sizeof(c->address), "%s", db_col_text(st, 11));
	snprintf(c->zone, sizeof(c->zone), "%s", db_col_text(st, 12));
	snprintf(c->level_code, sizeof(c->level_code), "%s",
	    db_col_text(st, 13));
	page_set(r, "Book.Appt.Service", db_col_text(st, 14));
	page_set(r, "Book.Service.Name", db_col_text(st, 14));
	snprintf(a->channel, sizeof(a->channel), "%s", db_col_text(st, 15));
	db_reset(st);
	/* The applicant moves or cancels an appointment only while it is
	 * open (booked or confirmed): once arrived it stays active for
	 * the one-active rule until done, but is reception's. */
	a->active = appt_status_open(appt_status_of(a->status));
	booking_reference_display(ref, shown);
	page_set(r, "Book.Appt.Ref", shown);
	page_set(r, "Book.Appt.RefRaw", ref);
	page_set(r, "Book.Appt.SiteName", c->site_name);
	page_set(r, "Book.Appt.Address", c->address);
	page_set(r, "Book.Appt.Zone", c->zone);
	page_set(r, "Book.Site.Name", c->site_name);
	page_set(r, "Book.Site.Address", c->address);
	page_set(r, "Book.Site.Zone", c->zone);
	snprintf(key, sizeof(key), "Book.Level.Names.%s", c->level_code);
	page_set(r, "Book.Appt.Level", tpl_has_text(r->hdf, key) ?
	    tpl_text(r->hdf, key) : c->level_code);
	page_set(r, "Book.Level.Name", tpl_has_text(r->hdf, key) ?
	    tpl_text(r->hdf, key) : c->level_code);
	snprintf(key, sizeof(key), "Book.Status.%s", a->status);
	page_set(r, "Book.Appt.StatusLabel", tpl_has_text(r->hdf, key) ?
	    tpl_text(r->hdf, key) : a->status);
	if (a->active)
		page_set(r, "Book.Appt.Active", "1");
	book_local_time(a->start, c->zone, "%Y-%m-%d", buf, sizeof(buf));
	snprintf(c->slot_day, sizeof(c->slot_day), "%.10s", buf);
	page_set(r, "Book.Appt.Day", c->slot_day);
	book_date_label(r, c->slot_day, buf, sizeof(buf));
	page_set(r, "Book.Appt.Date", buf);
	book_local_time(a->start, c->zone, "%H:%M", buf, sizeof(buf));
	page_set(r, "Book.Appt.Time", buf);
	return 1;
}

/*
 * The booking of the path's {ref} for a browser holding the proof of
 * its phone (cookie bk_<REF>). Returns 1 with a and c filled; 0 when
 * there is no such booking or no valid proof, having answered with a
 * redirect to the search form (the same for both: no enumeration); or
 * -status on a database error.
 */
static int
appt_owned(struct req *r, struct appt *a, struct book_ctx *c)
{
	const char	*p = req_param(r, "ref"), *proof;
	char		 ref[9], name[16], loc[48], want[65];
	int		 rc;

	memset(c, 0, sizeof(*c));
	if (p == NULL || ref_normalise(p, ref) != 0 || strcmp(p, ref) != 0)
		goto again;
	snprintf(name, sizeof(name), "bk_%s", ref);
	if ((proof = req_cookie(r, name)) == NULL)
		goto again;
	if ((rc = appt_load(r, ref, a, c)) < 0)
		return rc;
	/* The proof is a MAC of the reference and the phone (book_proof). */
	if (rc == 0 || a->phone[0] != '+' ||
	    book_proof(r, ref, a->phone, want) != 0 || strlen(proof) != 64 ||
	    sodium_memcmp(proof, want, 64) != 0)
		goto again;
	return 1;
again:
	flash_set(r, "info", "Book.Flash.Again");
	snprintf(loc, sizeof(loc), "/book/manage?ref=%.8s",
	    p != NULL && ref_normalise(p, ref) == 0 ? ref : "");
	resp_redirect(r, loc);
	return 0;
}

/*
 * GET /book/manage (public; query ref): the search form. Also the fill
 * of POST /book/manage (422). Template appointments/book_manage.cs.
 */
int
page_book_manage_form(struct req *r)
{
	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Manage.Title"));
	book_lang_href(r, "/book/manage", NULL);
	r->tpl = "appointments/book_manage.cs";
	return r->form.nerrors ? 422 : 200;
}

/* The 429 of too many failed searches: when to come back. */
static int
find_throttled(struct req *r, long wait)
{
	char	when[32];

	time_format_zone(time(NULL) + wait, r->conf->timezone, "%H:%M",
	    when, sizeof(when));
	page_set(r, "Book.Error", "Book.Manage.Throttled");
	page_set(r, "Book.RetryAt", when);
	page_book_manage_form(r);
	log_info("book: manage searches throttled for %ld s", wait);
	return 429;
}

/*
 * POST /book/manage (public, CSRF; fields ref, phone): find the
 * booking. Right reference and phone: the proof cookie and a redirect
 * to the booking. Otherwise one message for every case (422), and the
 * failure counts against the client address; too many: 429.
 */
int
page_book_manage_find(struct req *r)
{
	struct appt	 a;
	struct book_ctx	 c;
	enum db_rc	 rc;
	char		 ref[9], phone[17], name[16], loc[40], proof[65];
	long		 wait, max;
	int		 found = 0;
	const char	*addr = r->remote_addr;

	max = conf_get_int(r->conf, "Appointments.ManageFailuresPerHour", 20);
	if ((rc = ratelimit_check(r->db, "book_manage", addr, 3600, max,
	    &wait)) != DB_OK)
		return db_http_status(rc);
	if (wait > 0)
		return find_throttled(r, wait);
	memset(&c, 0, sizeof(c));
	if (ref_normalise(form_str(r, "ref"), ref) == 0) {
		int	rcl = appt_load(r, ref, &a, &c);

		if (rcl < 0)
			return -rcl;
		/* The phone is read with the booking's site's country
		 * code (an inactive site: international numbers only). */
		if (rcl == 1 && (rcl = book_load_site(r, &c, c.site_id)) < 0)
			return -rcl;
		found = valid_phone(form_str(r, "phone"), c.cc[0] ? c.cc :
		    NULL, phone) && a.phone[0] != '\0' &&
		    strcmp(phone, a.phone) == 0;
	}
	if (!found) {
		if ((rc = ratelimit_record(r->db, "book_manage", addr)) !=
		    DB_OK)
			return db_http_status(rc);
		hdf_remove_tree(r->hdf, "Book.Appt");
		page_set(r, "Book.Error", "Book.Manage.NotFound");
		page_set_int(r, "Form.Errors", 1);
		page_book_manage_form(r);
		return 422;
	}
	if (book_proof(r, ref, phone, proof) != 0)
		return 500;
	snprintf(name, sizeof(name), "bk_%s", ref);
	resp_cookie(r, name, proof, 24L * 3600);
	snprintf(loc, sizeof(loc), "/book/manage/%s", ref);
	return resp_redirect(r, loc);
}

/*
 * The documents to bring (Book.Docs.N.Line): the service's list in the
 * page's language, else the booking's, else English, one per line.
 */
static int
docs_fill(struct req *r, const struct book_ctx *c, const struct appt *a)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	const char	*s, *nl;
	char		 node[40], line[512];
	int		 n = 0;

	if ((st = db_stmt(r->db, ASQL_BOOK_DOCS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, c->service_id);
	db_bind_text(st, 1, r->lang);
	db_bind_text(st, 2, a->lang);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 0 : db_http_status(rc);
	for (s = db_col_text(st, 0); s != NULL && *s != '\0' && n < 50;
	    s = nl ? nl + 1 : s + strlen(s)) {
		size_t	len;

		nl = strchr(s, '\n');
		len = nl ? (size_t)(nl - s) : strlen(s);
		while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == ' '))
			len--;
		if (len == 0)
			continue;
		snprintf(line, sizeof(line), "%.*s", (int)len, s);
		snprintf(node, sizeof(node), "Book.Docs.%d.Line", n++);
		page_set(r, node, line);
	}
	db_reset(st);
	return 0;
}

/*
 * GET /book/manage/{ref} (public; the proof cookie): the booking, which
 * is also the confirmation page: reference XXXX-XXXX and its QR code,
 * date and time in the site's zone, address, documents to bring; with
 * cancel and move when still active. Template
 * appointments/book_booking.cs.
 */
int
page_book_view(struct req *r)
{
	struct appt	 a;
	struct book_ctx	 c;
	struct buf	 qr = {0};
	char		 path[40];
	int		 rc, size;

	if ((rc = appt_owned(r, &a, &c)) <= 0)
		return rc < 0 ? -rc : 303;
	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Done.Title"));
	snprintf(path, sizeof(path), "/book/manage/%s", a.ref);
	book_lang_href(r, path, NULL);
	/* A cancelled, missed or finished appointment is no ticket: no QR
	 * code to show at the reception, no documents to bring. */
	if (!appt_status_active(appt_status_of(a.status)))
		return 200;
	page_set(r, "Book.Appt.Ticket", "1");
	if ((rc = docs_fill(r, &c, &a)) != 0)
		return rc;
	if (book_qr_path(a.ref, &qr, &size) == 0) {
		page_set(r, "Book.Qr.Path", qr.data);
		page_set_int(r, "Book.Qr.Size", size);
	}
	buf_free(&qr);
	return 200;
}

/*
 * The question before a cancellation, for the booking a of the path:
 * what will happen (the date, time and office; the seat freed; an SMS
 * sent), "Yes, cancel" (POST confirm=1) and "Keep it". A booking no
 * longer open goes back to its page with a message. Returns 200 with
 * the template set, or 303 (answered).
 */
static int
cancel_ask(struct req *r, const struct appt *a)
{
	char	path[48];

	snprintf(path, sizeof(path), "/book/manage/%s", a->ref);
	if (!a->active) {
		flash_set(r, "error", "Book.Flash.NotActive");
		resp_redirect(r, path);
		return 303;
	}
	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Cancel.Title"));
	page_set(r, "Book.BackHref", path);
	snprintf(path, sizeof(path), "/book/manage/%s/cancel", a->ref);
	page_set(r, "Book.CancelAction", path);
	book_lang_href(r, path, NULL);
	r->tpl = "appointments/book_cancel.cs";
	return 200;
}

/*
 * GET /book/manage/{ref}/cancel (public; the proof cookie): the
 * question before a cancellation (cancel_ask); nothing changes.
 * Template appointments/book_cancel.cs.
 */
int
page_book_cancel_ask(struct req *r)
{
	struct appt	 a;
	struct book_ctx	 c;
	int		 rc;

	if ((rc = appt_owned(r, &a, &c)) <= 0)
		return rc < 0 ? -rc : 303;
	return cancel_ask(r, &a);
}

/*
 * POST /book/manage/{ref}/cancel (public, CSRF; the proof cookie;
 * field confirm): without confirm=1, the question (cancel_ask) and
 * nothing changes; with it, cancel the booking, free its seat and queue
 * the cancellation SMS (booking_cancel, audited); back to the booking
 * with a message. A second confirmed POST finds it no longer active.
 */
int
page_book_cancel(struct req *r)
{
	struct appt	 a;
	struct book_ctx	 c;
	char		 loc[40];
	int		 rc;

	if ((rc = appt_owned(r, &a, &c)) <= 0)
		return rc < 0 ? -rc : 303;
	snprintf(loc, sizeof(loc), "/book/manage/%s", a.ref);
	if (form_int(r, "confirm") != 1)
		return cancel_ask(r, &a);
	switch (booking_cancel(r, a.id)) {
	case BOOK_OK:
		flash_set(r, "ok", "Book.Flash.Cancelled");
		break;
	case BOOK_NOT_ACTIVE:
	case BOOK_NOT_FOUND:
		flash_set(r, "error", "Book.Flash.NotActive");
		break;
	case BOOK_DB_DOWN:
		return 503;
	default:
		return 500;
	}
	return resp_redirect(r, loc);
}

/*
 * The booking of the path for a move: owned, still active, with its
 * site loaded (zone, today). Returns 1, 0 (answered: redirect), or a
 * negative status.
 */
static int
move_target(struct req *r, struct appt *a, struct book_ctx *c)
{
	char	loc[40];
	int	rc;
	int64_t	level;

	if ((rc = appt_owned(r, a, c)) <= 0)
		return rc;
	if (!a->active) {
		flash_set(r, "error", "Book.Flash.NotActive");
		snprintf(loc, sizeof(loc), "/book/manage/%s", a->ref);
		resp_redirect(r, loc);
		return 0;
	}
	level = c->level_id;
	if ((rc = book_load_site(r, c, c->site_id)) <= 0)
		return rc < 0 ? rc : -404;
	c->level_id = level;
	snprintf(c->move_day, sizeof(c->move_day), "%s",
	    hdf_get_value(r->hdf, "Book.Appt.Day", ""));
	snprintf(c->move_hm, sizeof(c->move_hm), "%s",
	    hdf_get_value(r->hdf, "Book.Appt.Time", ""));
	page_set(r, "Book.Move", "1");
	return 1;
}

/*
 * GET /book/manage/{ref}/day (public; the proof cookie; query month):
 * the calendar to move the booking to another day. Template
 * appointments/book_calendar.cs.
 */
int
page_book_move_day(struct req *r)
{
	struct appt	 a;
	struct book_ctx	 c;
	char		 href[80], q[24];
	int		 rc;

	if ((rc = move_target(r, &a, &c)) <= 0)
		return rc < 0 ? -rc : 303;
	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Manage.MoveTitle"));
	snprintf(href, sizeof(href), "/book/manage/%s/day?month=", a.ref);
	page_set(r, "Book.MonthHref", href);
	snprintf(href, sizeof(href), "/book/manage/%s/slot?day=", a.ref);
	page_set(r, "Book.DayHref", href);
	snprintf(href, sizeof(href), "/book/manage/%s", a.ref);
	page_set(r, "Book.BackHref", href);
	if ((rc = book_calendar(r, &c, form_str(r, "month"))) != 0)
		return rc;
	snprintf(href, sizeof(href), "/book/manage/%s/day", a.ref);
	snprintf(q, sizeof(q), "month=%s",
	    hdf_get_value(r->hdf, "Book.Cal.Month", ""));
	book_lang_href(r, href, q);
	return 200;
}

/*
 * The times of day for a move (page data of book_slots.cs). Returns 0
 * or the status of the page already answered.
 */
static int
move_slots(struct req *r, struct appt *a, struct book_ctx *c,
    const char *day)
{
	char	href[80], q[24];
	int	rc = 0;	/* read only when a day was given: gcc -O1 cannot see it */

	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Manage.MoveTitle"));
	snprintf(href, sizeof(href), "/book/manage/%s/day?month=%.7s", a->ref,
	    day);
	page_set(r, "Book.BackHref", href);
	snprintf(q, sizeof(q), "day=%s", day);
	snprintf(href, sizeof(href), "/book/manage/%s/slot", a->ref);
	book_lang_href(r, href, q);
	if (*day == '\0' || (rc = book_day_slots(r, c, day)) < 0) {
		const char *msg = *day == '\0' ? "Book.Refused.ClosedDay" :
		    rc == BOOK_DAY_PAST ? "Book.Refused.PastDay" :
		    rc == BOOK_DAY_FAR ? "Book.Refused.FarDay" :
		    "Book.Refused.ClosedDay";

		snprintf(href, sizeof(href), "/book/manage/%s/day", a->ref);
		if (book_day_invalid(r))
			return book_problem(r, 422, "Book.Refused.BadDateTitle",
			    "Book.Refused.BadDate", href);
		return book_problem(r, 422, "Book.Refused.NotOfferedTitle", msg,
		    href);
	}
	if (rc != 0)
		return rc;
	snprintf(href, sizeof(href), "/book/manage/%s/move", a->ref);
	page_set(r, "Book.MoveAction", href);
	r->tpl = "appointments/book_slots.cs";
	return 0;
}

/*
 * GET /book/manage/{ref}/slot (public; the proof cookie; query day):
 * the day's times to move the booking to, one button each (POST
 * /book/manage/{ref}/move). Template appointments/book_slots.cs.
 */
int
page_book_move_slot(struct req *r)
{
	struct appt	 a;
	struct book_ctx	 c;
	int		 rc;

	if ((rc = move_target(r, &a, &c)) <= 0)
		return rc < 0 ? -rc : 303;
	if ((rc = move_slots(r, &a, &c, form_str(r, "day"))) != 0)
		return rc;
	return 200;
}

/*
 * The question before a move, the new slot loaded in c (Book.Slot.*):
 * from the current day and time (Book.Appt.*) to the new ones, the old
 * place freed, an SMS sent; "Yes, move it" posts the slot again with
 * confirm=1. Returns 200 with the template set.
 */
static int
move_ask(struct req *r, const struct appt *a, const struct book_ctx *c)
{
	char	href[80];

	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.MoveAsk.Title"));
	snprintf(href, sizeof(href), "/book/manage/%s/move", a->ref);
	page_set(r, "Book.MoveAction", href);
	snprintf(href, sizeof(href), "/book/manage/%s/slot?day=%s", a->ref,
	    c->slot_day);
	page_set(r, "Book.OtherTimeHref", href);
	snprintf(href, sizeof(href), "/book/manage/%s", a->ref);
	page_set(r, "Book.BackHref", href);
	book_lang_href(r, href, NULL);
	r->tpl = "appointments/book_move.cs";
	return 200;
}

/*
 * POST /book/manage/{ref}/move (public, CSRF, the proof cookie; fields
 * slot, confirm): without confirm=1, the question "move from X to Y"
 * (move_ask) and nothing changes; with it, move the booking
 * (booking_move: the new seat taken and the old one freed in one
 * transaction, the change SMS queued), then back to the booking. Taken
 * meanwhile: 409, the day's times again with a message; the booking
 * unchanged.
 */
int
page_book_move(struct req *r)
{
	struct appt	 a;
	struct book_ctx	 c;
	char		 loc[40];
	int		 rc;
	int64_t		 slot = form_int(r, "slot");

	if ((rc = move_target(r, &a, &c)) <= 0)
		return rc < 0 ? -rc : 303;
	if ((rc = book_load_slot(r, &c, slot)) < 0)
		return -rc;
	if (rc == 0 || c.slot_closed)
		return book_problem(r, 422, "Book.Refused.NotOfferedTitle",
		    "Book.Refused.BadSlot", NULL);
	/* Its own time: nothing to move (the list does not offer it). */
	if (strcmp(c.slot_day, hdf_get_value(r->hdf, "Book.Appt.Day", "")) ==
	    0 && strcmp(c.slot_hm, hdf_get_value(r->hdf, "Book.Appt.Time",
	    "")) == 0) {
		snprintf(loc, sizeof(loc), "/book/manage/%s/day", a.ref);
		return book_problem(r, 422, "Book.MoveAsk.SameTitle",
		    "Book.MoveAsk.Same", loc);
	}
	if (form_int(r, "confirm") != 1)
		return move_ask(r, &a, &c);
	snprintf(loc, sizeof(loc), "/book/manage/%s", a.ref);
	switch (booking_move(r, a.id, slot)) {
	case BOOK_OK:
		flash_set(r, "ok", "Book.Flash.Moved");
		return resp_redirect(r, loc);
	case BOOK_SLOT_FULL:
	case BOOK_PAST:
		hdf_remove_tree(r->hdf, "Book.Slot");
		page_set(r, "Book.Problem", "Book.Manage.MoveFull");
		if ((rc = move_slots(r, &a, &c, c.slot_day)) != 0)
			return rc;
		return book_render(r, 409, "appointments/book_slots.cs");
	case BOOK_NOT_ACTIVE:
		flash_set(r, "error", "Book.Flash.NotActive");
		return resp_redirect(r, loc);
	case BOOK_NOT_OFFERED:
	case BOOK_NOT_FOUND:
		return book_problem(r, 422, "Book.Refused.NotOfferedTitle",
		    "Book.Refused.BadSlot", NULL);
	case BOOK_DB_DOWN:
		return 503;
	default:
		return 500;
	}
}

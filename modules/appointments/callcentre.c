/*
 * callcentre.c: the call-centre page (appointments.book): find a caller
 * by phone, reference or name, see the remaining capacity of a site's
 * day per slot and level on the call-centre channel (its own
 * contingent), and book; and, for every agent who sees a site's day
 * (appointments.view), the day list and one appointment's page, where
 * names, phone, notes and status are edited (optimistic concurrency) and
 * the appointment is cancelled.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "appointments.h"
#include "person.h"
#include "audit.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "pages.h"
#include "session.h"
#include "sql.h"
#include "tpl.h"
#include "valid.h"


/* Languages an applicant may prefer. */
static const char *const lang_choices[] = {"en", "fr", "ar", "es", "ht",
	NULL};
static const char *const lang_labels[] = {"English", "Français", "العربية",
	"Español", "Kreyòl ayisyen"};

/* Statuses an agent may set on the appointment page (cancelling has its
 * own action, because it frees the seat). */
static const char *const status_choices[] = {"booked", "confirmed",
	"arrived", "done", "noshow", NULL};

/* The call-centre page's query: site, day, caller search. */
const struct field_spec cc_query_fields[] = {
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"day", FIELD_DATE, 0, 0, 0, NULL},
	{"q", FIELD_STRING, 0, 0, 100, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The call-centre booking form. */
const struct field_spec cc_book_fields[] = {
	{"site", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"day", FIELD_DATE, 0, 0, 0, NULL},
	{"q", FIELD_STRING, 0, 0, 100, NULL},
	{"slot", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"service", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"family_name", FIELD_STRING, 1, 1, 200, NULL},
	{"given_names", FIELD_STRING, 1, 1, 200, NULL},
	{"phone", FIELD_STRING, 1, 3, 32, NULL},
	{"document_number", FIELD_STRING, 0, 0, 64, NULL},
	{"lang", FIELD_ENUM, 1, 0, 0, lang_choices},
	{"notes", FIELD_TEXT, 0, 0, 2000, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The day list's query. */
const struct field_spec day_fields[] = {
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"day", FIELD_DATE, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The appointment's edit form. */
const struct field_spec appt_edit_fields[] = {
	{"family_name", FIELD_STRING, 1, 1, 200, NULL},
	{"given_names", FIELD_STRING, 1, 1, 200, NULL},
	{"phone", FIELD_STRING, 1, 3, 32, NULL},
	{"notes", FIELD_TEXT, 0, 0, 2000, NULL},
	{"status", FIELD_ENUM, 1, 0, 0, status_choices},
	{"version", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The site's phone country code ("" if unknown) into cc (5 bytes). */
static void
site_cc(struct req *r, int64_t site_id, char cc[5])
{
	struct db_stmt	*st;

	cc[0] = '\0';
	if ((st = db_stmt(r->db, ASQL_SITE_GET)) == NULL)
		return;
	db_bind_int(st, 0, site_id);
	if (db_step(st) == DB_ROW) {
		snprintf(cc, 5, "%s", db_col_text(st, 5));
		db_reset(st);
	}
}

/* Appt.Langs.N.{Value,Label}: the applicant's language options. */
static void
langs_fill(struct req *r)
{
	size_t	i;
	char	node[48];

	for (i = 0; lang_choices[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Appt.Langs.%zu.Value", i);
		page_set(r, node, lang_choices[i]);
		snprintf(node, sizeof(node), "Appt.Langs.%zu.Label", i);
		page_set(r, node, lang_labels[i]);
	}
}

/* Appt.Services.N.{Value,Label,NeedsDocument}: services offered on
 * channel, named in the page language. Returns 0 or a status. */
static int
services_fill(struct req *r, enum channel ch)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 node[64], label[300];

	if ((st = db_stmt(r->db, ASQL_SERVICES_OFFERED)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, r->lang);
	db_bind_text(st, 1, channel_names[ch]);
	while ((rc = db_step(st)) == DB_ROW && n < 200) {
		snprintf(node, sizeof(node), "Appt.Services.%zu.Value", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(label, sizeof(label), "%s%s%s", db_col_text(st, 2),
		    db_col_int(st, 3) ? " — " : "",
		    db_col_int(st, 3) ? tpl_text(r->hdf,
		    "Appt.NeedsDocumentShort") : "");
		snprintf(node, sizeof(node), "Appt.Services.%zu.Label", n);
		page_set(r, node, label);
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	return 0;
}

/*
 * The chosen site and day of a page: site from the form (or the agent's
 * home site, or the first site), day from the form or today in the
 * site's zone. Sets Appt.Site, Appt.Day, Appt.Zone, Appt.Prev/Next.
 * Returns 1 with a site, 0 without any site, or -status on failure.
 */
static int
site_day(struct req *r, int64_t *site_id, char zone[65], char day[11])
{
	enum db_rc	 rc;
	HDF		*o;
	long long	 v;
	char		 other[11];
	int		 k, status;

	*site_id = form_int(r, "site");
	if (*site_id == 0 && r->session && r->session->home_site)
		*site_id = r->session->home_site;
	if (*site_id == 0 && (o = hdf_get_obj(r->hdf, "Appt.Sites.0")) != NULL &&
	    parse_int(hdf_get_value(o, "Id", ""), 1, DB_ID_MAX, &v) == 0)
		*site_id = v;
	if ((status = appt_sites_fill(r, *site_id)) != 0)
		return -status;
	if (*site_id == 0)
		return 0;
	if ((k = appt_site_zone(r, *site_id, zone, &rc)) < 0)
		return -db_http_status(rc);
	if (k == 0) {
		form_set_error(r, "site", "Form.Error.Enum");
		return 0;
	}
	/* The pickers were filled before the default was known. */
	if ((status = appt_sites_fill(r, *site_id)) != 0)
		return -status;
	if (form_str(r, "day")[0] != '\0' && form_get(r, "day")->valid)
		snprintf(day, 11, "%s", form_str(r, "day"));
	else
		appt_today(zone, day);
	page_set_int(r, "Appt.Site", *site_id);
	page_set(r, "Appt.Day", day);
	page_set(r, "Appt.Zone", zone);
	if (appt_day_add(day, -1, other) == 0)
		page_set(r, "Appt.Prev", other);
	if (appt_day_add(day, 1, other) == 0)
		page_set(r, "Appt.Next", other);
	return 1;
}

/*
 * Appt.Slots.N.{Id,Time,LevelLabel,Capacity,Remaining,Open}: the slots
 * of a site's day on channel ch, what the slot picker (slot_picker.cs)
 * offers, and Appt.Grid (rows = times, one cell per level) for the
 * call centre's capacity table. only_level (a level code, or NULL for
 * all) keeps that level's slots; slot except_slot (0: none) is never
 * open (an appointment's own slot, when it moves). Returns 0 or a
 * status.
 */
static int
capacity_fill(struct req *r, int64_t site_id, const char *day,
    enum channel ch, const char *only_level, int64_t except_slot)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0, row = 0, cell = 0;
	char		 node[64], last[6] = "";
	long long	 remaining;

	if ((rc = booking_slots_make(r->db, site_id, day, 1)) != DB_OK)
		return db_http_status(rc);
	if ((st = db_stmt(r->db, ASQL_DAY_CAPACITY)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, site_id);
	db_bind_text(st, 1, day);
	db_bind_text(st, 2, channel_names[ch]);
	while ((rc = db_step(st)) == DB_ROW && n < 1000) {
		const char *hm = db_col_text(st, 1);

		if (only_level != NULL &&
		    strcmp(db_col_text(st, 2), only_level) != 0)
			continue;
		remaining = db_col_int(st, 3) - db_col_int(st, 4);
		snprintf(node, sizeof(node), "Appt.Slots.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Appt.Slots.%zu.Time", n);
		page_set(r, node, hm);
		snprintf(node, sizeof(node), "Appt.Slots.%zu.LevelLabel", n);
		page_set(r, node, appt_label(r, "Level", db_col_text(st, 2)));
		snprintf(node, sizeof(node), "Appt.Slots.%zu.Remaining", n);
		page_set_int(r, node, remaining);
		snprintf(node, sizeof(node), "Appt.Slots.%zu.Plural", n);
		page_set(r, node, tpl_plural(r->lang, remaining));
		snprintf(node, sizeof(node), "Appt.Slots.%zu.Capacity", n);
		page_set_int(r, node, db_col_int(st, 3));
		snprintf(node, sizeof(node), "Appt.Slots.%zu.Open", n);
		page_set(r, node, remaining > 0 && db_col_int(st, 5) &&
		    db_col_int(st, 0) != except_slot ? "1" : "0");
		/* The grid: one row per time, one cell per level. */
		if (strcmp(hm, last) != 0) {
			if (last[0] != '\0')
				row++;
			cell = 0;
			snprintf(last, sizeof(last), "%s", hm);
			snprintf(node, sizeof(node), "Appt.Grid.%zu.Time", row);
			page_set(r, node, hm);
		}
		snprintf(node, sizeof(node), "Appt.Grid.%zu.Cells.%zu.Level",
		    row, cell);
		page_set(r, node, appt_label(r, "Level", db_col_text(st, 2)));
		snprintf(node, sizeof(node),
		    "Appt.Grid.%zu.Cells.%zu.Remaining", row, cell);
		page_set_int(r, node, remaining);
		snprintf(node, sizeof(node),
		    "Appt.Grid.%zu.Cells.%zu.Capacity", row, cell);
		page_set_int(r, node, db_col_int(st, 3));
		cell++;
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Appt.SlotCount", (long long)n);
	return 0;
}

/*
 * Appt.Found.N.*: appointments matching q: a reference as printed or
 * read out (any case, with or without its dash), a phone as the caller
 * says it (international, or national in the site's country, else the
 * agency's, with spaces, dots or dashes; its last digits also match a
 * number of another country), or the start of a family name. Only
 * normalised ASCII reaches the ASCII columns (reference, phone): typed
 * text in any script is compared with names only. Returns 0 or a
 * status.
 */
static int
search_fill(struct req *r, const char *q, const char *cc)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 node[64], phone[17], ref[BOOKING_REF_LEN + 1];
	char		 digits[16], when[64], shown[10];
	time_t		 t;

	if (q[0] == '\0')
		return 0;
	page_set(r, "Appt.Q", q);
	if (cc[0] == '\0' && r->conf != NULL)
		cc = conf_get(r->conf, "Site.PhoneCountryCode", "");
	if (!valid_phone(q, cc[0] ? cc : NULL, phone))
		phone[0] = '\0';
	if (booking_reference_normalise(q, ref) != 0)
		ref[0] = '\0';
	booking_phone_digits(q, 8, digits);
	if ((st = db_stmt(r->db, ASQL_FIND_CALLER)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, ref);
	db_bind_text(st, 1, phone);
	db_bind_text(st, 2, digits);
	db_bind_text(st, 3, digits);
	db_bind_text(st, 4, q);
	db_bind_text(st, 5, q);
	while ((rc = db_step(st)) == DB_ROW && n < 50) {
		snprintf(node, sizeof(node), "Appt.Found.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Appt.Found.%zu.Reference", n);
		booking_reference_display(db_col_text(st, 1), shown);
		page_set(r, node, shown);
		snprintf(node, sizeof(node), "Appt.Found.%zu.Name", n);
		snprintf(when, sizeof(when), "%s", db_col_text(st, 2));
		page_set(r, node, when);
		snprintf(node, sizeof(node), "Appt.Found.%zu.Given", n);
		page_set(r, node, db_col_text(st, 3));
		snprintf(node, sizeof(node), "Appt.Found.%zu.Phone", n);
		page_set(r, node, db_col_text(st, 4));
		snprintf(node, sizeof(node), "Appt.Found.%zu.Status", n);
		page_set(r, node, appt_label(r, "Status", db_col_text(st, 5)));
		if (time_parse_utc(db_col_text(st, 6), &t) == 0)
			time_format_zone(t, db_col_text(st, 7),
			    "%Y-%m-%d %H:%M", when, sizeof(when));
		else
			when[0] = '\0';
		snprintf(node, sizeof(node), "Appt.Found.%zu.When", n);
		page_set(r, node, when);
		snprintf(node, sizeof(node), "Appt.Found.%zu.Site", n);
		page_set(r, node, db_col_text(st, 8));
		snprintf(node, sizeof(node), "Appt.Found.%zu.Service", n);
		page_set(r, node, db_col_text(st, 9));
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Appt.FoundCount", (long long)n);
	return 0;
}

/*
 * GET /appointments/callcentre (appointments.book; fields
 * cc_query_fields: site, day, q), also the fill of a rejected booking:
 * the caller search (Appt.Found), the day's call-centre capacity
 * (Appt.Slots, Appt.Grid) and the booking form (Appt.Services,
 * Appt.Langs). Template appointments/callcentre.cs.
 */
int
page_callcentre(struct req *r)
{
	int64_t	 site_id = 0;
	char	 zone[65] = "UTC", day[11] = "", cc[5] = "";
	int	 k, status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.CallCentre.Title"));
	langs_fill(r);
	if ((status = services_fill(r, CH_CALLCENTRE)) != 0)
		return status;
	if ((k = site_day(r, &site_id, zone, day)) < 0)
		return -k;
	if (k > 0) {
		site_cc(r, site_id, cc);
		if ((status = capacity_fill(r, site_id, day, CH_CALLCENTRE,
		    NULL, 0)) != 0)
			return status;
	}
	if ((status = search_fill(r, form_str(r, "q"), cc)) != 0)
		return status;
	if (r->method == M_GET && hdf_get_value(r->hdf, "Form.lang.Value",
	    NULL) == NULL)
		page_set(r, "Form.lang.Value", r->lang);
	return r->method == M_POST ? 422 : 200;
}

/* The message key of a refused booking, and the field it belongs to. */
static void
booking_refusal(struct req *r, enum booking_rc br)
{
	switch (br) {
	case BOOK_SLOT_FULL:
		form_set_error(r, "slot", "Appt.Error.SlotFull");
		break;
	case BOOK_PERSON_ACTIVE:
		form_set_error(r, "family_name", "Appt.Error.PersonActive");
		break;
	case BOOK_PHONE_LIMIT:
		form_set_error(r, "phone", "Appt.Error.PhoneLimit");
		break;
	case BOOK_NOT_OFFERED:
		form_set_error(r, "service", "Appt.Error.NotOffered");
		break;
	case BOOK_PAST:
		form_set_error(r, "slot", "Appt.Error.Past");
		break;
	default:
		form_set_error(r, "slot", "Appt.Error.NoSlot");
		break;
	}
}

/*
 * POST /appointments/callcentre/book (appointments.book, CSRF; fields
 * cc_book_fields): book the chosen call-centre slot for a caller. On
 * success redirects to the call-centre page searching the new
 * reference; a full slot or a fairness refusal re-renders the page with
 * the input and a message (409), a bad field 422.
 */
int
page_callcentre_book(struct req *r)
{
	struct db_stmt	*st;
	struct booking	 b;
	enum booking_rc	 br;
	enum db_rc	 rc;
	char		 cc[5], phone[17], docn[65], ref[9], loc[160];
	int64_t		 id = 0, needs_doc = 0;
	int		 status;

	memset(&b, 0, sizeof(b));
	site_cc(r, form_int(r, "site"), cc);
	if (!valid_phone(form_str(r, "phone"), cc[0] ? cc : NULL, phone))
		form_set_error(r, "phone", "Form.Error.Phone");
	/* The service: does it ask for a document? */
	if ((st = db_stmt(r->db, ASQL_SERVICE_GET)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, form_int(r, "service"));
	if ((rc = db_step(st)) == DB_ROW) {
		needs_doc = db_col_int(st, 3);
		db_reset(st);
	} else if (rc == DB_OK)
		form_set_error(r, "service", "Form.Error.Enum");
	else
		return db_http_status(rc);
	person_docno_normalise(form_str(r, "document_number"), docn);
	if (form_str(r, "document_number")[0] != '\0' && docn[0] == '\0')
		form_set_error(r, "document_number", "Appt.Error.Document");
	else if (needs_doc && docn[0] == '\0')
		form_set_error(r, "document_number",
		    "Appt.Error.DocumentRequired");
	/* The slot gives the level; booking_create checks the rest. */
	if ((st = db_stmt(r->db, ASQL_SLOT_GET)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, form_int(r, "slot"));
	if ((rc = db_step(st)) == DB_ROW) {
		b.level_id = db_col_int(st, 1);
		if (db_col_int(st, 0) != form_int(r, "site"))
			form_set_error(r, "slot", "Appt.Error.NoSlot");
		db_reset(st);
	} else if (rc == DB_OK)
		form_set_error(r, "slot", "Appt.Error.NoSlot");
	else
		return db_http_status(rc);
	if (r->form.nerrors > 0) {
		if ((status = page_callcentre(r)) >= 400 && status != 422)
			return status;
		return 422;
	}
	b.site_id = form_int(r, "site");
	b.service_id = form_int(r, "service");
	b.channel = CH_CALLCENTRE;
	b.slot_id = form_int(r, "slot");
	b.family_name = form_str(r, "family_name");
	b.given_names = form_str(r, "given_names");
	b.phone = phone;
	b.document_number = form_str(r, "document_number");
	b.lang = form_str(r, "lang");
	b.notes = form_str(r, "notes");
	br = booking_create(r, &b, ref, &id);
	if (br == BOOK_OK) {
		flash_set(r, "ok", "Appt.Flash.Booked");
		snprintf(loc, sizeof(loc),
		    "/appointments/callcentre?site=%lld&day=%s&q=%s",
		    (long long)b.site_id, form_str(r, "day"), ref);
		return resp_redirect(r, loc);
	}
	if (br == BOOK_DB_DOWN)
		return 503;
	if (br == BOOK_ERROR)
		return 500;
	booking_refusal(r, br);
	if ((status = page_callcentre(r)) >= 400 && status != 422)
		return status;
	return br == BOOK_SLOT_FULL || br == BOOK_PERSON_ACTIVE ||
	    br == BOOK_PHONE_LIMIT ? 409 : 422;
}

/*
 * GET /appointments/day (appointments.view; fields day_fields: site,
 * day): a site's appointments of one local day, in time order:
 * Appt.List.N.{Id, Reference, Time, Name, Given, Service, Level, Phone,
 * Notes, Channel, Status, StatusCode}. Template appointments/day.cs.
 */
int
page_day(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 site_id = 0;
	char		 zone[65] = "UTC", day[11] = "", node[64];
	char		 shown[10];
	size_t		 n = 0;
	int		 k;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.Day.Title"));
	if ((k = site_day(r, &site_id, zone, day)) < 0)
		return -k;
	if (k == 0)
		return 200;
	if ((st = db_stmt(r->db, ASQL_DAY_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, r->lang);
	db_bind_int(st, 1, site_id);
	db_bind_text(st, 2, day);
	while ((rc = db_step(st)) == DB_ROW && n < 2000) {
#define SET(field, value) do { \
		snprintf(node, sizeof(node), "Appt.List.%zu." field, n); \
		page_set(r, node, (value)); } while (0)
		snprintf(node, sizeof(node), "Appt.List.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		/* References are shown XXXX-XXXX everywhere (issue 13.3). */
		booking_reference_display(db_col_text(st, 1), shown);
		SET("Reference", shown);
		SET("Time", db_col_text(st, 2));
		SET("Name", db_col_text(st, 3));
		SET("Given", db_col_text(st, 4));
		SET("Service", db_col_text(st, 5));
		SET("Level", appt_label(r, "Level", db_col_text(st, 6)));
		SET("Phone", db_col_text(st, 7));
		SET("Notes", db_col_text(st, 8));
		SET("Channel", appt_label(r, "Channel", db_col_text(st, 9)));
		SET("Status", appt_label(r, "Status", db_col_text(st, 10)));
		SET("StatusCode", db_col_text(st, 10));
		SET("Sms", sms_status_label(r, db_col_text(st, 11)));
#undef SET
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Appt.Count", (long long)n);
	return 200;
}

/* An appointment as stored, for the page and the edit. */
struct appt {
	char	 reference[9];
	char	 site[201];
	char	 zone[65];
	char	 service[201];
	char	 level[33];
	char	 channel[12];
	char	 status[12];
	char	 family[801];
	char	 given[801];
	char	 phone[17];
	char	 document[65];
	char	 lang[8];
	char	*notes;		/* malloc'd */
	int64_t	 version;
	char	 day[11];
	char	 time[6];
	int64_t	 site_id;
	char	 cc[5];
	int64_t	 slot_id;	/* 0: none (a walk-in) */
};

/* Load appointment id. Returns DB_ROW, DB_OK (none) or the error. The
 * caller frees a->notes. */
static enum db_rc
appt_load(struct req *r, int64_t id, struct appt *a)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(a, 0, sizeof(*a));
	if ((st = db_stmt(r->db, ASQL_APPT_GET)) == NULL)
		return db_last_rc(r->db);
	db_bind_text(st, 0, r->lang);
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	snprintf(a->reference, sizeof(a->reference), "%s", db_col_text(st, 0));
	snprintf(a->site, sizeof(a->site), "%s", db_col_text(st, 1));
	snprintf(a->zone, sizeof(a->zone), "%s", db_col_text(st, 2));
	snprintf(a->service, sizeof(a->service), "%s", db_col_text(st, 3));
	snprintf(a->level, sizeof(a->level), "%s", db_col_text(st, 4));
	snprintf(a->channel, sizeof(a->channel), "%s", db_col_text(st, 5));
	snprintf(a->status, sizeof(a->status), "%s", db_col_text(st, 6));
	snprintf(a->family, sizeof(a->family), "%s", db_col_text(st, 7));
	snprintf(a->given, sizeof(a->given), "%s", db_col_text(st, 8));
	snprintf(a->phone, sizeof(a->phone), "%s", db_col_text(st, 9));
	snprintf(a->document, sizeof(a->document), "%s", db_col_text(st, 10));
	snprintf(a->lang, sizeof(a->lang), "%s", db_col_text(st, 11));
	a->notes = strdup(db_col_text(st, 12) ? db_col_text(st, 12) : "");
	a->version = db_col_int(st, 13);
	snprintf(a->day, sizeof(a->day), "%s", db_col_text(st, 14) ?
	    db_col_text(st, 14) : "");
	snprintf(a->time, sizeof(a->time), "%s", db_col_text(st, 15) ?
	    db_col_text(st, 15) : "");
	a->site_id = db_col_int(st, 16);
	snprintf(a->cc, sizeof(a->cc), "%s", db_col_text(st, 17));
	a->slot_id = db_col_int(st, 18);
	db_reset(st);
	return DB_ROW;
}

/* Page data of an appointment: Appt.A.* (stored values). */
static void
appt_page(struct req *r, const struct appt *a)
{
	size_t	i;
	char	node[48], shown[10];

	booking_reference_display(a->reference, shown);
	page_set(r, "Appt.A.Reference", shown);
	page_set(r, "Appt.A.Site", a->site);
	page_set_int(r, "Appt.A.SiteId", a->site_id);
	page_set(r, "Appt.A.Zone", a->zone);
	page_set(r, "Appt.A.Service", a->service);
	page_set(r, "Appt.A.Level", appt_label(r, "Level", a->level));
	page_set(r, "Appt.A.Channel", appt_label(r, "Channel", a->channel));
	page_set(r, "Appt.A.Status", appt_label(r, "Status", a->status));
	page_set(r, "Appt.A.StatusCode", a->status);
	page_set(r, "Appt.A.FamilyName", a->family);
	page_set(r, "Appt.A.GivenNames", a->given);
	page_set(r, "Appt.A.Phone", a->phone);
	page_set(r, "Appt.A.Document", a->document);
	page_set(r, "Appt.A.Lang", appt_label(r, "LangName", a->lang));
	page_set(r, "Appt.A.Notes", a->notes ? a->notes : "");
	page_set(r, "Appt.A.Day", a->day);
	page_set(r, "Appt.A.Time", a->time);
	page_set(r, "Appt.A.Active", strcmp(a->status, "booked") == 0 ||
	    strcmp(a->status, "confirmed") == 0 ||
	    strcmp(a->status, "arrived") == 0 ? "1" : "0");
	for (i = 0; status_choices[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Appt.Statuses.%zu.Value", i);
		page_set(r, node, status_choices[i]);
		snprintf(node, sizeof(node), "Appt.Statuses.%zu.Label", i);
		page_set(r, node, appt_label(r, "Status", status_choices[i]));
	}
}

/* The query of an appointment's page: the day the move picker shows. */
const struct field_spec appt_view_fields[] = {
	{"day", FIELD_DATE, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* A stored UTC time s ("YYYY-MM-DD HH:MM:SS[.uuuuuu]") as the site's
 * local "YYYY-MM-DD HH:MM" in out (len bytes); "" when s is NULL or
 * malformed. */
static void
when_local(const char *s, const char *zone, char *out, size_t len)
{
	time_t	t;

	out[0] = '\0';
	if (s != NULL && time_parse_utc(s, &t) == 0)
		time_format_zone(t, zone, "%Y-%m-%d %H:%M", out, len);
}

/*
 * Appt.History.N.{Kind,When,Who,What,StatusFrom,StatusTo,From,To,State,
 * Sent,Delivered}: appointment id's history, oldest first (issue 13
 * item 4): every audited change (created, edited, status changed,
 * moved, cancelled, arrived, confirmed by SMS...) with who did it, and
 * every SMS sent about it with its number and state (queued, sent,
 * delivered, failed) and when it was sent and delivered. Times in the
 * site's zone. Returns 0 or a status.
 */
static int
history_fill(struct req *r, int64_t id, const char *zone)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 node[64], idtext[24], when[40];
	const char	*kind, *so, *sn;

	if ((st = db_stmt(r->db, ASQL_APPT_HISTORY)) == NULL)
		return db_http_status(db_last_rc(r->db));
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	db_bind_text(st, 0, idtext);
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW && n < 200) {
#define SET(field, value) do { \
		snprintf(node, sizeof(node), "Appt.History.%zu." field, n); \
		page_set(r, node, (value)); } while (0)
#define SET_WHEN(field, col) do { \
		when_local(db_col_text(st, (col)), zone, when, sizeof(when)); \
		if (when[0] != '\0') \
			SET(field, when); } while (0)
		kind = db_col_text(st, 0);
		SET("Kind", kind);
		SET_WHEN("When", 1);
		SET("Who", db_col_text(st, 3) ? db_col_text(st, 3) : "");
		if (strcmp(kind, "sms") == 0) {
			SET("What", sms_event_label(r, db_col_text(st, 2)));
			SET("State", sms_status_label(r, db_col_text(st, 8)));
			SET_WHEN("Sent", 9);
			SET_WHEN("Delivered", 10);
		} else {
			SET("What", appt_label(r, "History.Action",
			    db_col_text(st, 2)));
			so = db_col_text(st, 4);
			sn = db_col_text(st, 5);
			if (sn != NULL && (so == NULL || strcmp(so, sn) != 0)) {
				if (so != NULL)
					SET("StatusFrom",
					    appt_label(r, "Status", so));
				SET("StatusTo", appt_label(r, "Status", sn));
			}
			SET_WHEN("From", 6);
			SET_WHEN("To", 7);
		}
#undef SET_WHEN
#undef SET
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Appt.HistoryCount", (long long)n);
	return 0;
}

/*
 * The move picker of an active appointment a, for an agent who may book
 * (appointments.book): the day (the query's, else the appointment's),
 * its neighbours, and the free slots of the appointment's site, level
 * and channel on that day (capacity_fill: the call centre's picker;
 * booking_move takes the new seat and frees the old one in one
 * transaction). Sets Appt.Move.{Show,Day,Prev,Next} and Appt.Slots.
 * Returns 0 or a status.
 */
static int
move_fill(struct req *r, const struct appt *a)
{
	const struct field_value	*v = form_get(r, "day");
	char				 day[11], other[11];

	if (!appt_status_active(appt_status_of(a->status)) ||
	    a->slot_id == 0 || channel_of(a->channel) == CH__MAX ||
	    !session_can(r->session, "appointments.book"))
		return 0;
	if (v != NULL && v->present && v->valid && form_str(r, "day")[0])
		snprintf(day, sizeof(day), "%s", form_str(r, "day"));
	else if (a->day[0] != '\0')
		snprintf(day, sizeof(day), "%s", a->day);
	else
		appt_today(a->zone, day);
	page_set(r, "Appt.Move.Show", "1");
	page_set(r, "Appt.Move.Day", day);
	if (appt_day_add(day, -1, other) == 0)
		page_set(r, "Appt.Move.Prev", other);
	if (appt_day_add(day, 1, other) == 0)
		page_set(r, "Appt.Move.Next", other);
	return capacity_fill(r, a->site_id, day, channel_of(a->channel),
	    a->level, a->slot_id);
}

/*
 * GET /appointments/bookings/{id} (appointments.view; field day, the
 * move picker's day), also the fill of a rejected edit or move: the
 * appointment (Appt.A.*), the applicant, its edit form, the move picker
 * (move_fill) and its history (history_fill). Viewing it is logged
 * (access_event). Template appointments/appointment.cs.
 */
int
page_appt_form(struct req *r)
{
	struct appt	 a;
	enum db_rc	 rc;
	int64_t		 id = req_param_int(r, "id");
	char		 idtext[24];
	int		 status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.Appointment.Title"));
	if ((rc = appt_load(r, id, &a)) == DB_OK)
		return 404;
	if (rc != DB_ROW)
		return db_http_status(rc);
	page_set_int(r, "Appt.A.Id", id);
	appt_page(r, &a);
	if ((status = move_fill(r, &a)) != 0 ||
	    (status = history_fill(r, id, a.zone)) != 0) {
		free(a.notes);
		return status;
	}
	if (r->method == M_GET) {
		page_set(r, "Form.family_name.Value", a.family);
		page_set(r, "Form.given_names.Value", a.given);
		page_set(r, "Form.phone.Value", a.phone);
		page_set(r, "Form.notes.Value", a.notes ? a.notes : "");
		page_set(r, "Form.status.Value", strcmp(a.status,
		    "cancelled") == 0 ? "" : a.status);
		page_set_int(r, "Form.version.Value", a.version);
		snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
		/* No page without its access record. */
		if ((rc = access_write(r, "appointment", idtext, "view")) !=
		    DB_OK) {
			free(a.notes);
			return db_http_status(rc);
		}
	}
	free(a.notes);
	return 200;
}

/* What edit_txn needs. */
struct edit_ctx {
	struct req	*r;
	int64_t		 id;
	int64_t		 version;
	const char	*family;
	const char	*given;
	const char	*phone;
	const char	*notes;
	const char	*status;
	struct appt	*old;
	int		 stale;
	int		 dup;
};

/* Update under optimistic concurrency and audit (db_txn function). */
static enum db_rc
edit_txn(struct db *db, void *arg)
{
	struct edit_ctx		*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[5];
	enum db_rc		 rc;
	char			 key[301], idtext[24];
	size_t			 n = 0;

	c->stale = c->dup = 0;
	booking_person_key(c->old->document, c->phone, c->family, c->given,
	    key);
	if ((st = db_stmt(db, ASQL_APPT_UPDATE)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, c->family);
	db_bind_text(st, 1, c->given);
	db_bind_text(st, 2, c->phone);
	db_bind_text(st, 3, key);
	db_bind_text(st, 4, c->notes);
	db_bind_text(st, 5, c->status);
	db_bind_int(st, 6, c->id);
	db_bind_int(st, 7, c->version);
	if ((rc = db_exec(st)) == DB_DUP) {
		c->dup = 1;
		return DB_ERROR;
	}
	if (rc != DB_OK)
		return rc;
	if (db_affected(st) == 0) {
		c->stale = 1;
		return DB_ERROR;
	}
#define CHANGE(name, o, v) do { if (strcmp((o), (v)) != 0) \
	ch[n++] = (struct audit_change){(name), (o), (v)}; } while (0)
	CHANGE("family_name", c->old->family, c->family);
	CHANGE("given_names", c->old->given, c->given);
	CHANGE("phone", c->old->phone, c->phone);
	CHANGE("notes", c->old->notes ? c->old->notes : "", c->notes);
	CHANGE("status", c->old->status, c->status);
#undef CHANGE
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	return audit_req(c->r, "appointment", idtext, "update", ch, n);
}

/*
 * POST /appointments/bookings/{id} (appointments.view, CSRF; fields
 * appt_edit_fields): save names, phone, notes and status. A stale
 * version answers 409 with the stored values beside the user's
 * (Appt.Stale); a cancelled appointment cannot be edited (409).
 * Redirects to the appointment's page with a flash.
 */
int
page_appt_save(struct req *r)
{
	struct appt	 a;
	struct edit_ctx	 c;
	enum db_rc	 rc;
	int64_t		 id = req_param_int(r, "id");
	char		 phone[17], loc[64];
	int		 status;

	if ((rc = appt_load(r, id, &a)) == DB_OK)
		return 404;
	if (rc != DB_ROW)
		return db_http_status(rc);
	if (!valid_phone(form_str(r, "phone"), a.cc[0] ? a.cc : NULL, phone))
		form_set_error(r, "phone", "Form.Error.Phone");
	if (strcmp(a.status, "cancelled") == 0) {
		form_set_error(r, "status", "Appt.Error.Cancelled");
		free(a.notes);
		page_appt_form(r);
		return 409;
	}
	if (r->form.nerrors > 0) {
		free(a.notes);
		status = page_appt_form(r);
		return status == 200 ? 422 : status;
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = id;
	c.version = form_int(r, "version");
	c.family = form_str(r, "family_name");
	c.given = form_str(r, "given_names");
	c.phone = phone;
	c.notes = form_str(r, "notes");
	c.status = form_str(r, "status");
	c.old = &a;
	rc = db_txn(r->db, edit_txn, &c);
	if (rc == DB_OK) {
		free(a.notes);
		flash_set(r, "ok", "Appt.Flash.Saved");
		snprintf(loc, sizeof(loc), "/appointments/bookings/%lld",
		    (long long)id);
		return resp_redirect(r, loc);
	}
	if (c.stale || c.dup) {
		if (c.stale) {
			page_set(r, "Appt.Stale", "1");
			form_set_error(r, "version", "Appt.Error.Stale");
		} else
			form_set_error(r, "family_name",
			    "Appt.Error.PersonActive");
		free(a.notes);
		page_appt_form(r);
		return 409;
	}
	free(a.notes);
	return db_http_status(rc);
}

/* POST /appointments/bookings/{id}/cancel: confirm=1 is the answer
 * "Yes, cancel" of the question page (issue 13.2). */
const struct field_spec appt_cancel_fields[] = {
	{"confirm", FIELD_INT, 0, 1, 1, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/*
 * The question before an agent cancels appointment id (loaded in a):
 * who, when and where; the seat freed; the SMS sent to the applicant's
 * phone (when there is one); "Yes, cancel" (POST confirm=1) and "Keep
 * it" (back to the day list). Not active: the appointment's page with
 * the error (409). Returns the status; frees a->notes.
 */
static int
cancel_ask(struct req *r, int64_t id, struct appt *a)
{
	char	href[96];

	if (!appt_status_active(appt_status_of(a->status))) {
		free(a->notes);
		page_appt_form(r);
		form_set_error(r, "status", "Appt.Error.NotActive");
		return 409;
	}
	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.CancelAsk.Title"));
	page_set_int(r, "Appt.A.Id", id);
	appt_page(r, a);
	free(a->notes);
	a->notes = NULL;
	snprintf(href, sizeof(href), "/appointments/day?site=%lld&day=%s",
	    (long long)a->site_id, a->day);
	page_set(r, "Appt.BackHref", href);
	r->tpl = "appointments/appointment_cancel.cs";
	return 200;
}

/*
 * GET /appointments/bookings/{id}/cancel (appointments.view): the
 * question before a cancellation (cancel_ask); nothing changes.
 * Template appointments/appointment_cancel.cs.
 */
int
page_appt_cancel_ask(struct req *r)
{
	struct appt	 a;
	enum db_rc	 rc;
	int64_t		 id = req_param_int(r, "id");

	if ((rc = appt_load(r, id, &a)) == DB_OK)
		return 404;
	if (rc != DB_ROW)
		return db_http_status(rc);
	return cancel_ask(r, id, &a);
}

/*
 * POST /appointments/bookings/{id}/cancel (appointments.view, CSRF;
 * field confirm): without confirm=1, the question (cancel_ask) and
 * nothing changes; with it, cancel the appointment, free its seat and
 * queue the cancellation SMS (booking_cancel, audited); redirects to
 * the site's day list with a flash (409 page if it was not active, 404
 * if unknown).
 */
int
page_appt_cancel(struct req *r)
{
	struct appt	 a;
	enum db_rc	 rc;
	enum booking_rc	 br;
	int64_t		 id = req_param_int(r, "id");
	char		 loc[96];

	if ((rc = appt_load(r, id, &a)) == DB_OK)
		return 404;
	if (rc != DB_ROW)
		return db_http_status(rc);
	if (form_int(r, "confirm") != 1)
		return cancel_ask(r, id, &a);
	br = booking_cancel(r, id);
	if (br == BOOK_OK) {
		flash_set(r, "ok", "Appt.Flash.Cancelled");
		snprintf(loc, sizeof(loc), "/appointments/day?site=%lld&day=%s",
		    (long long)a.site_id, a.day);
		free(a.notes);
		return resp_redirect(r, loc);
	}
	free(a.notes);
	if (br == BOOK_NOT_ACTIVE) {
		page_appt_form(r);
		form_set_error(r, "status", "Appt.Error.NotActive");
		return 409;
	}
	if (br == BOOK_NOT_FOUND)
		return 404;
	return br == BOOK_DB_DOWN ? 503 : 500;
}

/* The move form: the new slot (same site, level and channel). */
const struct field_spec appt_move_fields[] = {
	{"slot", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"day", FIELD_DATE, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/*
 * POST /appointments/bookings/{id}/move (appointments.book, CSRF;
 * fields slot, day): reschedule to another slot of the same site, level
 * and channel, chosen in the appointment page's picker: the new seat is
 * taken and the old one freed in one transaction, with its audit row
 * and the "change" SMS (booking_move). Redirects to the appointment
 * with a flash; a slot taken meanwhile answers 409 with the page, the
 * picker on that day and a message.
 */
int
page_appt_move(struct req *r)
{
	enum booking_rc	 br;
	int64_t		 id = req_param_int(r, "id");
	char		 loc[64];

	br = booking_move(r, id, form_int(r, "slot"));
	switch (br) {
	case BOOK_OK:
		flash_set(r, "ok", "Appt.Flash.Moved");
		snprintf(loc, sizeof(loc), "/appointments/bookings/%lld",
		    (long long)id);
		return resp_redirect(r, loc);
	case BOOK_NOT_FOUND:
		if (page_appt_form(r) == 404)
			return 404;
		form_set_error(r, "slot", "Appt.Error.NoSlot");
		return 422;
	case BOOK_DB_DOWN:
		return 503;
	case BOOK_ERROR:
		return 500;
	default:
		if (page_appt_form(r) == 404)
			return 404;
		booking_refusal(r, br);
		return br == BOOK_SLOT_FULL || br == BOOK_NOT_ACTIVE ? 409 :
		    422;
	}
}

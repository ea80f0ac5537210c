/*
 * interview.c: the interview appointment of a dossier (issue 15, item
 * 5). An officer holding dossier.interview books the principal
 * applicant's interview from the dossier through the booking library,
 * at an interview site (table interview_site, migration 0018: the site,
 * the service the interview is, the level whose slots are booked) on
 * the site's call-centre channel, the agents' contingent of the quota
 * grid. The picker shows a day's slots of the chosen site as the call
 * centre's does (one radio button per free time, previous and next day,
 * no script).
 *
 * The booking is one transaction: the dossier's row locked here (its
 * version checked: a form shown before another change is refused with
 * both statuses; a closed dossier refused), no other active interview
 * of the dossier; then the case-file library's booking
 * (cf_interview_book, modules/casefile/interview.c, which
 * havre-registration's receipt runs too): the slot checked, the seat
 * taken, the appointment written and linked to the dossier and to the
 * principal person, and, when the officer asks and the procedure allows
 * it, the move of the dossier to interview_scheduled with its clocks
 * (this file's step), the timeline event, the audit events and the
 * confirmation SMS.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "booking.h"
#include "dossier.h"
#include "edit.h"
#include "htime.h"
#include "log.h"
#include "person.h"
#include "session.h"
#include "tpl.h"

/* The status a dossier may move to in the same step, when its
 * procedure has it (every seeded procedure does). */
#define IV_STATUS	"interview_scheduled"

/* The languages an applicant may receive the SMS in. */
static const char *const lang_choices[] = {"en", "fr", "ar", "es", "ht",
	NULL};
static const char *const lang_labels[] = {"English", "Français", "العربية",
	"Español", "Kreyòl ayisyen"};

/* GET /dossier/{id}/interview: the site and the day shown. */
const struct field_spec interview_query_fields[] = {
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"day", FIELD_DATE, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /dossier/{id}/interview: the slot chosen on a site's day. */
const struct field_spec interview_fields[] = {
	{"site", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"day", FIELD_DATE, 0, 0, 0, NULL},
	{"slot", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"lang", FIELD_ENUM, 1, 0, 0, lang_choices},
	{"move", FIELD_BOOL, 0, 0, 0, NULL},
	{"version", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* What the booking transaction ended with. */
enum iv_result {
	IV_OK,
	IV_STALE,	/* the dossier changed since the form was shown */
	IV_CLOSED,	/* the dossier is in a final status */
	IV_ACTIVE,	/* the dossier has an active interview already */
	IV_PERSON,	/* the person has an active interview (booking's key) */
	IV_FULL,	/* the slot has no seat left */
	IV_NO_SLOT,	/* not a slot of this site and level, or past, closed */
	IV_ERROR,	/* database failure (the db_txn result says which) */
};

/* Text of an id. */
static void
id_text(int64_t id, char out[24])
{
	snprintf(out, 24, "%lld", (long long)id);
}

/* See dossier.h. Interviews.N.{Reference, When, Zone, Site, Status,
 * StatusCode, Active, Phone}. */
int
interviews_fill(struct req *r, const struct dossier *d)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[48], shown[10], when[32];
	size_t		 n = 0;
	int		 active = 0;

	page_set_int(r, "Can.Interview", session_can(r->session,
	    PERM_INTERVIEW));
	if ((st = db_stmt(r->db, DSQL_IV_OF_DOSSIER)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, d->id);
	while ((rc = db_step(st)) == DB_ROW) {
#define SET(k, v) do { snprintf(node, sizeof(node), "Interviews.%zu." k, n); \
	page_set(r, node, (v)); } while (0)
		booking_reference_display(db_col_text(st, 1), shown);
		SET("Reference", shown);
		cf_interview_when(db_col_text(st, 2), db_col_text(st, 4), when);
		SET("When", when);
		SET("Zone", db_col_text(st, 4));
		SET("Site", db_col_text(st, 3));
		SET("StatusCode", db_col_text(st, 5));
		SET("Active", db_col_int(st, 6) ? "1" : "0");
		SET("Phone", db_col_text(st, 7));
#undef SET
		if (db_col_int(st, 6))
			active = 1;
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Dossier.InterviewActive", active);
	return 0;
}

/*
 * Interview.Slots.N.{Id, Time, Remaining, Plural, Open}: the slots of
 * site s's local day on the interviews' channel and level; open when a
 * seat is left, it has not started and its day is not closed. Makes the
 * day's slots first. Returns 0 or a status.
 */
static int
slots_fill(struct req *r, const struct cf_interview_site *s, const char *day)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[48];
	size_t		 n = 0, open = 0;
	long long	 left;
	int		 is_open;

	if ((rc = booking_slots_make(r->db, s->site_id, day, 1)) != DB_OK)
		return db_http_status(rc);
	if ((st = db_stmt(r->db, DSQL_IV_SLOTS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, s->site_id);
	db_bind_text(st, 1, day);
	db_bind_int(st, 2, s->level_id);
	while ((rc = db_step(st)) == DB_ROW) {
		left = db_col_int(st, 2) - db_col_int(st, 3);
		is_open = left > 0 && db_col_int(st, 4) && !db_col_int(st, 5);
		snprintf(node, sizeof(node), "Interview.Slots.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Interview.Slots.%zu.Time", n);
		page_set(r, node, db_col_text(st, 1));
		snprintf(node, sizeof(node), "Interview.Slots.%zu.Remaining", n);
		page_set_int(r, node, left);
		snprintf(node, sizeof(node), "Interview.Slots.%zu.Plural", n);
		page_set(r, node, tpl_plural(r->lang, left));
		snprintf(node, sizeof(node), "Interview.Slots.%zu.Open", n);
		page_set(r, node, is_open ? "1" : "0");
		open += is_open;
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Interview.OpenCount", (long long)open);
	return 0;
}

/*
 * The status index the dossier would move to with the booking, when its
 * procedure allows the move from its status and the agent holds the
 * transition's permission; else -1.
 */
static int
move_target(const struct req *r, const struct dossier *d)
{
	const struct wf_transition	*t;
	int				 from, to;

	from = wf_status_find(d->def, d->status);
	to = wf_status_find(d->def, IV_STATUS);
	if (from < 0 || to < 0 ||
	    (t = wf_transition_find(d->def, from, to)) == NULL)
		return -1;
	return session_can(r->session, t->permission) ? to : -1;
}

/*
 * The picker page's data for dossier d: the dossier, the principal
 * applicant and their phone, the interview sites, the chosen site's day
 * with its slots, the languages, the move's offer, an active interview
 * (Dossier.InterviewActive, Interviews.N). Returns 0 or a status.
 */
static int
picker_fill(struct req *r, const struct dossier *d)
{
	const struct field_value *dayv = form_get(r, "day");
	struct cf_interview_person	 p;
	struct cf_interview_site		 s;
	enum db_rc		 rc;
	int64_t			 site = form_int(r, "site"), first, dn;
	char			 ref[10], name[1700], day[11], other[11],
				 node[48];
	size_t			 i;
	int			 status, k, to;

	booking_reference_display(d->reference, ref);
	page_set(r, "Page.Title", tpl_text(r->hdf, "Dossier.Interview.Title"));
	page_set_int(r, "Dossier.Id", d->id);
	page_set(r, "Dossier.Reference", ref);
	page_set(r, "Dossier.StatusLabel", status_label(r, d->def, d->status));
	if (hdf_get_obj(r->hdf, "Form.version") == NULL)
		page_set_int(r, "Form.version.Value", d->version);
	if ((status = interviews_fill(r, d)) != 0)
		return status;
	if ((rc = cf_interview_principal(r->db, d->id, 1, &p)) != DB_ROW &&
	    rc != DB_OK)
		return db_http_status(rc);
	if (p.person_id != 0) {
		person_display(p.family, p.given, name, sizeof(name));
		page_set(r, "Interview.Applicant", name);
		page_set_int(r, "Interview.PersonId", p.person_id);
		page_set(r, "Interview.Phone", p.phone);
	}
	for (i = 0; lang_choices[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Interview.Langs.%zu.Value", i);
		page_set(r, node, lang_choices[i]);
		snprintf(node, sizeof(node), "Interview.Langs.%zu.Label", i);
		page_set(r, node, lang_labels[i]);
	}
	if (hdf_get_value(r->hdf, "Form.lang.Value", NULL) == NULL)
		page_set(r, "Form.lang.Value", r->lang);
	if ((to = move_target(r, d)) >= 0) {
		page_set(r, "Interview.MoveLabel", status_label(r, d->def,
		    d->def->statuses[to].code));
		if (r->method == M_GET)
			page_set(r, "Form.move.Value", "1");
	}
	if ((status = cf_interview_sites_fill(r, &first)) != 0)
		return status;
	if (site == 0)
		site = first;
	if (site == 0)
		return 0;	/* no interview site: the page says so */
	if ((k = cf_interview_site_get(r->db, site, &s, &rc)) < 0)
		return db_http_status(rc);
	if (k == 0) {
		form_set_error(r, "site", "Form.Error.Enum");
		return 0;
	}
	if (dayv != NULL && dayv->present && dayv->valid)
		snprintf(day, sizeof(day), "%.10s", dayv->norm);
	else	/* an unknown zone reads as UTC */
		(void)time_format_zone(time(NULL), s.zone, "%Y-%m-%d", day,
		    sizeof(day));
	page_set_int(r, "Interview.Site", s.site_id);
	page_set_int(r, "Form.site.Value", s.site_id);
	page_set(r, "Interview.SiteName", s.name);
	page_set(r, "Interview.Zone", s.zone);
	page_set(r, "Interview.Day", day);
	if (wf_day_parse(day, &dn) == 0) {
		wf_day_format(dn - 1, other);
		page_set(r, "Interview.Prev", other);
		wf_day_format(dn + 1, other);
		page_set(r, "Interview.Next", other);
	}
	return slots_fill(r, &s, day);
}

/*
 * GET /dossier/{id}/interview (dossier.interview; fields
 * interview_query_fields: site, day): the interview picker of a dossier:
 * the principal applicant and the phone the SMS goes to, the interview
 * sites, a day's free times at the chosen one (today in the site's zone
 * by default; previous and next day), the SMS language, and the offer
 * to move the dossier to interview_scheduled in the same step. Also the
 * fill of a refused booking (422). Template dossier/interview.cs.
 */
int
page_interview(struct req *r)
{
	struct dossier	*d;
	int		 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((status = dossier_open_path(r, d)) == 0) {
		r->tpl = "dossier/interview.cs";
		status = picker_fill(r, d);
	}
	free(d);
	if (status != 0)
		return status;
	return r->method == M_POST ? 422 : 200;
}

/* What book_txn needs and gives back. */
struct book_ctx {
	struct req		*r;
	const struct dossier	*d;
	const struct cf_interview_site	*s;
	const struct cf_interview_person	*p;
	const struct wf_calendar *cal;
	int64_t			 version;	/* the form's */
	int64_t			 slot_id;
	const char		*lang;
	int			 to;		/* status index, -1: no move */
	enum iv_result		 result;	/* out */
	char			 stored_status[WF_CODE_MAX + 1];	/* out */
	char			 reference[BOOKING_REF_LEN + 1];	/* out */
	int64_t			 appt_id;	/* out */
	char			 when[32];	/* out: local start */
};

/* The dossier's move to c->to inside the booking (its row locked, its
 * version checked): status, clocks, timeline, audit. */
static enum db_rc
move_in_txn(struct db *db, struct book_ctx *c)
{
	const struct wf_def	*def = c->d->def;
	struct db_stmt		*st;
	struct audit_change	 ch;
	enum db_rc		 rc;
	char			 idtext[24];
	int			 from = wf_status_find(def, c->stored_status);

	if ((st = db_stmt(db, DSQL_DOSSIER_STATUS)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, def->statuses[c->to].code);
	db_bind_int(st, 1, def->statuses[c->to].final);
	db_bind_null(st, 2);		/* no decision */
	db_bind_int(st, 3, c->d->id);
	db_bind_int(st, 4, c->version);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((rc = dossier_event(db, c->r, c->d->id, "transition",
	    c->stored_status, def->statuses[c->to].code, NULL)) != DB_OK)
		return rc;
	if ((rc = clocks_on_status(db, c->cal, def, c->d->id, from, c->to,
	    dossier_today(c->r))) != DB_OK)
		return rc;
	ch = (struct audit_change){"status", c->stored_status,
	    def->statuses[c->to].code};
	id_text(c->d->id, idtext);
	return audit_req(c->r, "dossier", idtext, "transition", &ch, 1);
}

/* cf_interview_book's step: the move asked for (arg: the book_ctx). */
static enum db_rc
move_step(struct db *db, void *arg)
{
	struct book_ctx	*c = arg;

	return c->to >= 0 ? move_in_txn(db, c) : DB_OK;
}

/*
 * The booking (db_txn function): see the top of the file. A refusal
 * sets c->result and returns DB_ERROR, so that everything is rolled
 * back (the seat too).
 */
static enum db_rc
book_txn(struct db *db, void *arg)
{
	struct book_ctx		*c = arg;
	const struct wf_def	*def = c->d->def;
	struct cf_interview	 b;
	struct db_stmt		*st;
	enum db_rc		 rc;
	int			 k;

	c->result = IV_ERROR;
	/* The dossier, locked: its version, its status. */
	if ((st = db_stmt(db, DSQL_DOSSIER_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->d->id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	snprintf(c->stored_status, sizeof(c->stored_status), "%s",
	    db_col_text(st, 0));
	k = db_col_int(st, 1) != c->version;
	db_reset(st);
	if (k) {
		c->result = IV_STALE;
		return DB_ERROR;
	}
	if ((k = wf_status_find(def, c->stored_status)) >= 0 &&
	    def->statuses[k].final) {
		c->result = IV_CLOSED;
		return DB_ERROR;
	}
	/* One active interview per dossier (the row lock above makes two
	 * officers booking at once take turns). */
	if ((rc = cf_interview_active(db, c->d->id, &k)) != DB_OK)
		return rc;
	if (k) {
		c->result = IV_ACTIVE;
		return DB_ERROR;
	}
	memset(&b, 0, sizeof(b));
	b.r = c->r;
	b.dossier = c->d->id;
	b.s = c->s;
	b.p = c->p;
	b.slot_id = c->slot_id;
	b.lang = c->lang;
	b.step = move_step;
	b.step_arg = c;
	rc = cf_interview_book(db, &b);
	switch (b.result) {
	case CF_IV_OK:
		c->result = IV_OK;
		break;
	case CF_IV_PERSON:
		c->result = IV_PERSON;
		break;
	case CF_IV_FULL:
		c->result = IV_FULL;
		break;
	case CF_IV_NO_SLOT:
		c->result = IV_NO_SLOT;
		break;
	default:
		c->result = IV_ERROR;
		break;
	}
	snprintf(c->reference, sizeof(c->reference), "%s", b.reference);
	c->appt_id = b.appt_id;
	snprintf(c->when, sizeof(c->when), "%s", b.when);
	return rc;
}

/*
 * POST /dossier/{id}/interview (dossier.interview, CSRF;
 * interview_fields): book the principal applicant's interview in slot
 * "slot" of interview site "site", the SMS in "lang"; with "move", the
 * dossier moves to interview_scheduled in the same transaction.
 * Redirects to the dossier's interview section. Refused, nothing
 * changed, with the picker again: 409 for a full slot, an active
 * interview of the dossier or of the person, or a dossier changed since
 * the picker was shown (both statuses); 422 for a slot that is not a
 * free time of that site, a closed dossier, a dossier without a
 * principal applicant, or a move the procedure does not allow.
 */
int
page_interview_book(struct req *r)
{
	struct book_ctx		 c;
	struct wf_calendar	 cal;
	struct dossier		*d;
	struct cf_interview_person	 p;
	struct cf_interview_site		 s;
	struct edit_field	 f;
	enum db_rc		 rc;
	char			 loc[64];
	int			 status, k;

	memset(&c, 0, sizeof(c));
	memset(&cal, 0, sizeof(cal));
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((status = dossier_open_path(r, d)) != 0)
		goto out;
	if ((k = cf_interview_site_get(r->db, form_int(r, "site"), &s, &rc)) < 0) {
		status = db_http_status(rc);
		goto out;
	}
	if (k == 0)
		form_set_error(r, "site", "Form.Error.Enum");
	if ((rc = cf_interview_principal(r->db, d->id, 1, &p)) != DB_ROW) {
		if (rc != DB_OK) {
			status = db_http_status(rc);
			goto out;
		}
		form_set_error(r, "slot", "Dossier.Interview.Error.NoApplicant");
	}
	c.to = -1;
	if (form_int(r, "move") &&
	    (c.to = move_target(r, d)) < 0)
		form_set_error(r, "move", "Dossier.Interview.Error.NoMove");
	if (r->form.nerrors > 0)
		goto again;
	if ((rc = calendar_load(r, &cal)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	c.r = r;
	c.d = d;
	c.s = &s;
	c.p = &p;
	c.cal = &cal;
	c.version = form_int(r, "version");
	c.slot_id = form_int(r, "slot");
	c.lang = form_str(r, "lang");
	rc = db_txn(r->db, book_txn, &c);
	if (rc == DB_OK) {
		log_info("dossier %lld: interview %lld booked (%s)",
		    (long long)d->id, (long long)c.appt_id, c.reference);
		flash_set(r, "ok", p.phone[0] != '\0' ?
		    "Dossier.Interview.Flash.Booked" :
		    "Dossier.Interview.Flash.BookedNoSms");
		snprintf(loc, sizeof(loc), "/dossier/%lld#interview",
		    (long long)d->id);
		status = resp_redirect(r, loc);
		goto out;
	}
	switch (c.result) {
	case IV_STALE:
		f = (struct edit_field){"status", tpl_text(r->hdf,
		    "Dossier.Status"), status_label(r, d->def,
		    c.stored_status), status_label(r, d->def, d->status)};
		/* The page shows the stored dossier (and its version). */
		if (dossier_load(r->db, d->id, d) != DB_ROW) {
			status = 500;
			goto out;
		}
		r->tpl = "dossier/interview.cs";
		if ((status = picker_fill(r, d)) != 0)
			goto out;
		edit_conflict(r, &f, 1, d->version);
		status = 409;
		goto out;
	case IV_CLOSED:
		form_set_error(r, "slot", "Dossier.Interview.Error.Closed");
		goto again;
	case IV_ACTIVE:
	case IV_PERSON:
		form_set_error(r, "slot", "Dossier.Interview.Error.Active");
		status = 409;
		goto fill;
	case IV_FULL:
		form_set_error(r, "slot", "Dossier.Interview.Error.Full");
		status = 409;
		goto fill;
	case IV_NO_SLOT:
		form_set_error(r, "slot", "Dossier.Interview.Error.NoSlot");
		goto again;
	default:
		if (rc != DB_DOWN)
			log_err("dossier %lld: interview booking failed: %s",
			    (long long)d->id, db_errmsg(r->db));
		status = db_http_status(rc == DB_OK ? DB_ERROR : rc);
		goto out;
	}
again:
	status = 422;
fill:
	r->tpl = "dossier/interview.cs";
	if ((k = picker_fill(r, d)) != 0)
		status = k;
out:
	calendar_free(&cal);
	free(d);
	return status;
}

/*
 * interview.c: the interview appointment proposed on the receipt of a
 * saved household and booked through the booking library (issue 16,
 * item 5). The interview sites are havre-dossier's (table
 * interview_site, migration 0018: the site, the service the interview
 * is, the level whose slots are booked; the seats of the site's
 * call-centre channel, the agents' contingent of the quota grid). The
 * receipt proposes the earliest free times at the chosen site from the
 * site's next day on (never today's: a proposal does not depend on the
 * hour the household was registered at), the first one selected; the
 * registrar books it, or another, with the SMS's language.
 *
 * The booking is one transaction, the case-file library's
 * (cf_interview_book, modules/casefile/interview.c, which havre-dossier
 * runs too): the dossier's row locked here (so that two submits, or an
 * officer booking from the dossier at the same time, take turns), an
 * active interview of the dossier already there ends it without a
 * change (a retried submit books one interview); then the library
 * checks the slot, takes the seat, writes the appointment with its
 * links, the timeline event and the audit events, and queues the
 * confirmation SMS. The receipt then shows the appointment.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "booking.h"
#include "casefile.h"
#include "htime.h"
#include "log.h"
#include "messages.h"
#include "registration.h"
#include "session.h"
#include "tpl.h"

/* Local days searched for free times, from the site's next day. */
#define IV_DAYS		14

/* The languages an applicant may receive the SMS in. */
const char *const reg_sms_langs[] = {"en", "fr", "ar", "es", "ht", NULL};
static const char *const sms_lang_labels[] = {"English", "Français",
	"العربية", "Español", "Kreyòl ayisyen"};

/* POST /registration/receipt/{id}/interview */
const struct field_spec interview_fields[] = {
	{"site", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"slot", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"lang", FIELD_ENUM, 1, 0, 0, reg_sms_langs},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/*
 * The principal of dossier id into p (cf_interview_principal), named
 * as the desk typed them (principal's member m, when given), with the
 * phone typed at the desk before the one on file. Returns DB_ROW,
 * DB_OK when the dossier has no principal, or the failure.
 */
static enum db_rc
principal_get(struct db *db, int64_t id, const struct member *m,
    struct cf_interview_person *p)
{
	enum db_rc	rc;

	if ((rc = cf_interview_principal(db, id, 0, p)) != DB_ROW)
		return rc;
	if (m != NULL) {
		if (m->phone[0] != '\0')
			snprintf(p->phone, sizeof(p->phone), "%s", m->phone);
		snprintf(p->family, sizeof(p->family), "%s", m->family_name);
		snprintf(p->given, sizeof(p->given), "%s", m->given_names);
	}
	return DB_ROW;
}

/* The principal member of d, or NULL. */
static const struct member *
principal_member(const struct draft *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		if (d->m[i].position == 1)
			return &d->m[i];
	return NULL;
}

/*
 * Receipt.Interview.{Reference, When, Zone, Site, Address, Phone}: the
 * active interview of dossier id. Returns 1 when there is one, 0 when
 * not, -1 (*rc).
 */
static int
booked_fill(struct req *r, int64_t id, enum db_rc *rc)
{
	struct db_stmt	*st;
	char		 shown[10], when[32];

	if ((st = db_stmt(r->db, RSQL_IV_OF_DOSSIER)) == NULL) {
		*rc = db_last_rc(r->db);
		return -1;
	}
	db_bind_int(st, 0, id);
	if ((*rc = db_step(st)) != DB_ROW)
		return *rc == DB_OK ? 0 : -1;
	booking_reference_display(db_col_text(st, 0), shown);
	page_set(r, "Receipt.Interview.Reference", shown);
	cf_interview_when(db_col_text(st, 1), db_col_text(st, 3), when);
	page_set(r, "Receipt.Interview.When", when);
	page_set(r, "Receipt.Interview.Site", db_col_text(st, 2));
	page_set(r, "Receipt.Interview.Zone", db_col_text(st, 3));
	page_set(r, "Receipt.Interview.Address", db_col_text(st, 4));
	page_set(r, "Receipt.Interview.Phone", db_col_text(st, 5));
	db_reset(st);
	*rc = DB_OK;
	return 1;
}

/*
 * Interview.Slots.N.{Id, When}: the free times proposed at site s, from
 * its next local day over IV_DAYS days (the days' slots made first),
 * earliest first. Returns 0 or a status.
 */
static int
proposals_fill(struct req *r, const struct cf_interview_site *s)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 today;
	char		 day[11], from[11], to[11], node[48], when[32];
	size_t		 n = 0;

	if (time_format_zone(time(NULL), s->zone, "%Y-%m-%d", day,
	    sizeof(day)) != 0 || wf_day_parse(day, &today) != 0)
		return 500;
	wf_day_format(today + 1, from);
	wf_day_format(today + IV_DAYS, to);
	if ((rc = booking_slots_make(r->db, s->site_id, from, IV_DAYS)) !=
	    DB_OK)
		return db_http_status(rc);
	if ((st = db_stmt(r->db, RSQL_IV_PROPOSE)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, s->site_id);
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	db_bind_int(st, 3, s->level_id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Interview.Slots.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		cf_interview_when(db_col_text(st, 1), s->zone, when);
		snprintf(node, sizeof(node), "Interview.Slots.%zu.When", n);
		page_set(r, node, when);
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	return 0;
}

/* See registration.h. */
int
interview_fill(struct req *r, const struct draft *d, const char *lang)
{
	const struct field_value *sitev = form_get(r, "site");
	struct cf_interview_site	 s;
	struct cf_interview_person	 p;
	enum db_rc	 rc;
	char		 node[48];
	int64_t		 site = 0, first = 0;
	size_t		 i;
	int		 k, status;

	if ((k = booked_fill(r, d->dossier_id, &rc)) < 0)
		return db_http_status(rc);
	if (k == 1)
		return 0;
	if ((rc = principal_get(r->db, d->dossier_id, principal_member(d),
	    &p)) != DB_ROW && rc != DB_OK)
		return db_http_status(rc);
	page_set(r, "Interview.Phone", p.phone);
	for (i = 0; reg_sms_langs[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Interview.Langs.%zu.Value", i);
		page_set(r, node, reg_sms_langs[i]);
		snprintf(node, sizeof(node), "Interview.Langs.%zu.Label", i);
		page_set(r, node, sms_lang_labels[i]);
	}
	if (hdf_get_value(r->hdf, "Form.lang.Value", NULL) == NULL)
		page_set(r, "Form.lang.Value", lang);
	if ((status = cf_interview_sites_fill(r, &first)) != 0)
		return status;
	if (sitev != NULL && sitev->present && sitev->valid)
		site = form_int(r, "site");
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
	page_set_int(r, "Interview.Site", s.site_id);
	page_set_int(r, "Form.site.Value", s.site_id);
	page_set(r, "Interview.SiteName", s.name);
	page_set(r, "Interview.Zone", s.zone);
	return proposals_fill(r, &s);
}

/* What book_txn needs and gives back. */
struct book_ctx {
	struct cf_interview	 b;		/* the booking, its outcome */
	int			 already;	/* out: an interview was there */
};

/*
 * The booking (db_txn function): see the top of the file. A refusal
 * sets c->b.result and returns DB_ERROR so that everything is rolled
 * back (the seat too); a dossier with an interview already sets
 * c->already and returns DB_OK having written nothing.
 */
static enum db_rc
book_txn(struct db *db, void *arg)
{
	struct book_ctx	*c = arg;
	struct db_stmt	*st;
	enum db_rc	 rc;

	c->already = 0;
	c->b.result = CF_IV_ERROR;
	if ((st = db_stmt(db, RSQL_IV_DOSSIER_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->b.dossier);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	db_reset(st);
	if ((rc = cf_interview_active(db, c->b.dossier, &c->already)) !=
	    DB_OK || c->already)
		return rc;
	return cf_interview_book(db, &c->b);
}

/*
 * POST /registration/receipt/{id}/interview (registration.register,
 * CSRF; interview_fields: site, slot, lang): book the interview of the
 * agent's saved household (draft id) in slot "slot" of interview site
 * "site", its confirmation SMS in "lang"; see the top of the file.
 * Redirects to the receipt, which shows it. A dossier with an active
 * interview already (a retried submit) changes nothing and redirects
 * to the receipt too. Refused, nothing changed, with the receipt again:
 * 409 for a full slot or a person with an active interview elsewhere;
 * 422 for a slot that is not a free time of that site; 404 for a draft
 * not saved or not the agent's.
 */
int
page_interview_book(struct req *r)
{
	struct draft	*d;
	struct book_ctx	 c;
	struct cf_interview_site	 s;
	struct cf_interview_person	 p;
	enum db_rc	 rc;
	char		 loc[64];
	int		 status, k;

	memset(&c, 0, sizeof(c));
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((rc = draft_load(r, req_param_int(r, "id"), d)) != DB_ROW ||
	    strcmp(d->status, "saved") != 0 || d->dossier_id == 0) {
		status = rc == DB_ROW || rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	snprintf(loc, sizeof(loc), "/registration/receipt/%lld#interview",
	    (long long)d->id);
	if ((k = cf_interview_site_get(r->db, form_int(r, "site"), &s, &rc)) < 0) {
		status = db_http_status(rc);
		goto out;
	}
	if (k == 0) {
		form_set_error(r, "site", "Form.Error.Enum");
		status = 422;
		goto out;
	}
	if ((rc = principal_get(r->db, d->dossier_id, principal_member(d),
	    &p)) != DB_ROW) {
		status = db_http_status(rc == DB_OK ? DB_ERROR : rc);
		goto out;
	}
	c.b.r = r;
	c.b.dossier = d->dossier_id;
	c.b.s = &s;
	c.b.p = &p;
	c.b.slot_id = form_int(r, "slot");
	c.b.lang = form_str(r, "lang");
	rc = db_txn(r->db, book_txn, &c);
	if (rc == DB_OK && c.already) {
		flash_set(r, "info", "Registration.Interview.Flash.Already");
		status = resp_redirect(r, loc);
		goto out;
	}
	if (rc == DB_OK) {
		log_info("draft %lld: interview %lld booked (%s)",
		    (long long)d->id, (long long)c.b.appt_id, c.b.reference);
		flash_set(r, "ok", p.phone[0] != '\0' ?
		    "Registration.Interview.Flash.Booked" :
		    "Registration.Interview.Flash.BookedNoSms");
		status = resp_redirect(r, loc);
		goto out;
	}
	switch (c.b.result) {
	case CF_IV_PERSON:
		form_set_error(r, "slot", "Registration.Interview.Error.Active");
		status = 409;
		break;
	case CF_IV_FULL:
		form_set_error(r, "slot", "Registration.Interview.Error.Full");
		status = 409;
		break;
	case CF_IV_NO_SLOT:
		form_set_error(r, "slot", "Registration.Interview.Error.NoSlot");
		status = 422;
		break;
	default:
		if (rc != DB_DOWN)
			log_err("draft %lld: interview booking failed: %s",
			    (long long)d->id, db_errmsg(r->db));
		status = db_http_status(rc == DB_OK ? DB_ERROR : rc);
		goto out;
	}
out:
	free(d);
	if (status == 409 || status == 422) {
		/* the receipt again, with the message next to the times */
		if ((k = page_receipt(r)) != 200)
			return k;
	}
	return status;
}

/*
 * interview.c: the interview appointment of a dossier booked through
 * the booking library, the one transaction havre-dossier's interview
 * page and havre-registration's receipt both run (issues 15 and 16).
 * The caller's transaction has locked the dossier's row (so that two
 * submits, or an officer and a registrar at once, take turns) and
 * checked what is its own (the form's version, an interview already
 * there); cf_interview_book then checks the slot (the site's, at its
 * interview level, on the call-centre channel, to come, on an open
 * day), takes the seat (booking_seat_take: never checked first and
 * inserted later), writes the appointment (booking_appt_insert, whose
 * unique key refuses a second active appointment of the person for the
 * interview service), links it to the dossier (dossier_appointment)
 * and to the principal person (person_appointment: identity's timeline
 * and /status read it), runs the caller's step (havre-dossier's move
 * to interview_scheduled), writes the dossier's timeline event, the
 * audit events of the appointment and of the dossier, and queues the
 * confirmation SMS (appt_message_enqueue: the booking library's
 * messages with the documents to bring in the SMS's language).
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
#include "messages.h"
#include "person.h"
#include "session.h"

/* Text of an id. */
static void
id_text(int64_t id, char out[24])
{
	snprintf(out, 24, "%lld", (long long)id);
}

/* See casefile.h. */
void
cf_interview_when(const char *utc, const char *zone, char out[32])
{
	time_t	t;

	out[0] = '\0';
	if (time_parse_utc(utc, &t) == 0)
		(void)time_format_zone(t, zone, "%Y-%m-%d %H:%M", out, 32);
}

/* See casefile.h. */
enum db_rc
cf_interview_active(struct db *db, int64_t dossier, int *active)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	*active = 0;
	if ((st = db_tstmt(db, &casefile_sqls, CSQL_IV_ACTIVE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, dossier);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	*active = db_col_int(st, 0) > 0;
	db_reset(st);
	return DB_OK;
}

/* Link appointment appt to the dossier or the person (statement which,
 * the agent when there is one). */
static enum db_rc
link_insert(struct db *db, enum casefile_sql which, int64_t appt,
    int64_t to, int64_t agent)
{
	struct db_stmt	*st;

	if ((st = db_tstmt(db, &casefile_sqls, which)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, appt);
	db_bind_int(st, 1, to);
	if (agent)
		db_bind_int(st, 2, agent);
	else
		db_bind_null(st, 2);
	return db_exec(st);
}

/* See casefile.h. */
int
cf_interview_site_get(struct db *db, int64_t id, struct cf_interview_site *s,
    enum db_rc *rc)
{
	struct db_stmt	*st;

	memset(s, 0, sizeof(*s));
	if ((st = db_tstmt(db, &casefile_sqls, CSQL_IV_SITE_GET)) == NULL) {
		*rc = db_last_rc(db);
		return -1;
	}
	db_bind_int(st, 0, id);
	if ((*rc = db_step(st)) != DB_ROW)
		return *rc == DB_OK ? 0 : -1;
	s->site_id = db_col_int(st, 0);
	snprintf(s->name, sizeof(s->name), "%s", db_col_text(st, 1));
	snprintf(s->zone, sizeof(s->zone), "%s", db_col_text(st, 2));
	s->service_id = db_col_int(st, 3);
	s->level_id = db_col_int(st, 4);
	db_reset(st);
	*rc = DB_OK;
	return 1;
}

/* See casefile.h. */
enum db_rc
cf_interview_principal(struct db *db, int64_t dossier, int names,
    struct cf_interview_person *p)
{
	struct db_stmt	*st;
	struct person	*pe;
	enum db_rc	 rc;
	char		 docs[1][PERSON_DOCNO_SIZE];
	size_t		 n = 0;

	memset(p, 0, sizeof(*p));
	if ((st = db_tstmt(db, &casefile_sqls, CSQL_IV_PRINCIPAL)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, dossier);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	p->person_id = db_col_int(st, 0);
	snprintf(p->phone, sizeof(p->phone), "%s", db_col_text(st, 1));
	db_reset(st);
	if (names) {
		/* struct person holds every name at its full size: not on
		 * the stack */
		if ((pe = calloc(1, sizeof(*pe))) == NULL)
			return DB_ERROR;
		if ((rc = person_load(db, p->person_id, pe)) == DB_ROW) {
			snprintf(p->family, sizeof(p->family), "%s",
			    pe->family_name);
			snprintf(p->given, sizeof(p->given), "%s",
			    pe->given_names);
		}
		free(pe);
		if (rc == DB_OK)	/* the person is gone */
			memset(p, 0, sizeof(*p));
		if (rc != DB_ROW)
			return rc;
	}
	if ((rc = person_doc_norms(db, p->person_id, docs, 1, &n)) != DB_OK)
		return rc;
	if (n > 0)
		snprintf(p->document, sizeof(p->document), "%s", docs[0]);
	return DB_ROW;
}

/* See casefile.h. */
int
cf_interview_sites_fill(struct req *r, int64_t *first)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[48];
	size_t		 n = 0;

	*first = 0;
	if ((st = db_tstmt(r->db, &casefile_sqls, CSQL_IV_SITES)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW && n < CF_IV_SITES_MAX) {
		if (n == 0)
			*first = db_col_int(st, 0);
		snprintf(node, sizeof(node), "Interview.Sites.%zu.Value", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Interview.Sites.%zu.Label", n);
		page_set(r, node, db_col_text(st, 1));
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	return 0;
}

/* See casefile.h. */
enum db_rc
cf_interview_book(struct db *db, struct cf_interview *b)
{
	const struct cf_interview_site		*s = b->s;
	const struct cf_interview_person	*p = b->p;
	struct db_stmt				*st;
	struct booking_appt			 a;
	struct audit_change			 ch[9];
	struct actor				 who;
	enum db_rc				 rc;
	enum seat_rc				 q;
	char					 start[20], idtext[24],
						 appttext[24], slottext[24],
						 person[24], shown[10],
						 detail[400];
	int					 k;

	b->result = CF_IV_ERROR;
	/* The slot: the site's, at its interview level, on the channel, to
	 * come, on an open day. */
	if ((st = db_tstmt(db, &casefile_sqls, CSQL_IV_SLOT_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, b->slot_id);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc == DB_OK)
			b->result = CF_IV_NO_SLOT;
		return rc == DB_OK ? DB_ERROR : rc;
	}
	k = db_col_int(st, 0) == s->site_id &&
	    db_col_int(st, 1) == s->level_id &&
	    strcmp(db_col_text(st, 2), channel_names[CF_IV_CHANNEL]) == 0 &&
	    db_col_int(st, 4) != 0 && db_col_int(st, 5) == 0;
	snprintf(start, sizeof(start), "%s", db_col_text(st, 3));
	db_reset(st);
	if (!k) {
		b->result = CF_IV_NO_SLOT;
		return DB_ERROR;
	}
	/* The seat, inside this transaction. */
	q = booking_seat_take(db, b->slot_id, &rc);
	if (q == SEAT_DBERR)
		return rc;
	if (q == SEAT_FULL) {
		b->result = CF_IV_FULL;
		return DB_ERROR;
	}
	actor_of(b->r, &who);
	a = (struct booking_appt){
		.site_id = s->site_id, .service_id = s->service_id,
		.level_id = s->level_id, .channel = CF_IV_CHANNEL,
		.slot_id = b->slot_id, .start_utc = start,
		.family_name = p->family, .given_names = p->given,
		.phone = p->phone, .document_number = p->document,
		.lang = b->lang, .notes = "", .status = APPT_BOOKED,
		.agent_id = who.agent_id, .apikey_id = 0,
	};
	if ((rc = booking_appt_insert(db, &a, b->reference, &b->appt_id)) ==
	    DB_DUP) {
		b->result = CF_IV_PERSON;
		return DB_ERROR;
	}
	if (rc != DB_OK)
		return rc;
	/* Its links: the dossier's interview, the principal's appointment. */
	if ((rc = link_insert(db, CSQL_IV_LINK_DOSSIER, b->appt_id, b->dossier,
	    who.agent_id)) != DB_OK ||
	    (rc = link_insert(db, CSQL_IV_LINK_PERSON, b->appt_id,
	    p->person_id, who.agent_id)) != DB_OK)
		return rc;
	/* The caller's own step (a move), then the booking's event. */
	if (b->step != NULL && (rc = b->step(db, b->step_arg)) != DB_OK)
		return rc;
	booking_reference_display(b->reference, shown);
	cf_interview_when(start, s->zone, b->when);
	snprintf(detail, sizeof(detail), "%s, %s (%s), %s", shown, b->when,
	    s->zone, s->name);
	if ((rc = dossier_event(db, b->r, b->dossier, "interview", NULL, NULL,
	    detail)) != DB_OK)
		return rc;
	/* The audit trail: the appointment as every channel writes it, and
	 * the dossier's interview. */
	id_text(b->appt_id, appttext);
	id_text(b->slot_id, slottext);
	id_text(b->dossier, idtext);
	id_text(p->person_id, person);
	ch[0] = (struct audit_change){"reference", NULL, b->reference};
	ch[1] = (struct audit_change){"channel", NULL,
	    channel_names[CF_IV_CHANNEL]};
	ch[2] = (struct audit_change){"slot", NULL, slottext};
	ch[3] = (struct audit_change){"start_utc", NULL, start};
	ch[4] = (struct audit_change){"family_name", NULL, p->family};
	ch[5] = (struct audit_change){"given_names", NULL, p->given};
	ch[6] = (struct audit_change){"phone", NULL, p->phone};
	ch[7] = (struct audit_change){"document_number", NULL, p->document};
	ch[8] = (struct audit_change){"dossier", NULL, idtext};
	if ((rc = audit_req(b->r, "appointment", appttext, "create", ch,
	    9)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"appointment", NULL, appttext};
	ch[1] = (struct audit_change){"reference", NULL, b->reference};
	ch[2] = (struct audit_change){"start_utc", NULL, start};
	ch[3] = (struct audit_change){"person", NULL, person};
	if ((rc = audit_req(b->r, "dossier", idtext, "interview", ch, 4)) !=
	    DB_OK)
		return rc;
	/* The confirmation SMS, as for any appointment (no phone on file:
	 * none; the pages say so before the agent books). */
	if (p->phone[0] != '\0' && (rc = appt_message_enqueue(db,
	    b->r->conf, b->appt_id, "confirmation")) != DB_OK)
		return rc;
	b->result = CF_IV_OK;
	return DB_OK;
}

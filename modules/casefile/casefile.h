/*
 * casefile.h: the case-file library (libcasefile): what havre-dossier
 * and havre-registration both do to a dossier. Procedure versions
 * parsed once per worker, the agency's calendar and today's date,
 * timeline events, the legal-deadline clocks a status starts, pauses
 * or stops, and the opening of a dossier with its principal applicant
 * and household members, the interview appointment booked in one
 * transaction (interview.c). Its SQL is its own table (casefile_sqls in
 * sql.c, reached through db_tstmt). Depends on common, workflow and
 * booking (references); never on a program.
 */
#ifndef HAVRE_CASEFILE_H
#define HAVRE_CASEFILE_H

#include <stdint.h>

#include "app.h"
#include "booking.h"
#include "db.h"
#include "wf.h"
#include "wf_store.h"

/* The library's SQL (casefile_sqls in sql.c). */
enum casefile_sql {
	CSQL_PROC_GET,		/* id -> the procedure and its current version */
	CSQL_PROC_BY_CODE,	/* code -> id */
	CSQL_CLOSED_LIST,	/* the agency's closed days */
	CSQL_DOSSIER_INSERT,
	CSQL_DOSSIER_DUE,
	CSQL_PERSON_ADD,
	CSQL_EVENT_INSERT,
	CSQL_CLOCKS,
	CSQL_CLOCK_INSERT,
	CSQL_CLOCK_UPDATE,
	/* interview.c */
	CSQL_IV_SITES,		/* -> interview sites (active site and service) */
	CSQL_IV_SITE_GET,	/* site -> the interview site, if active */
	CSQL_IV_SLOT_GET,	/* slot -> site, level, channel, start, to come, closed */
	CSQL_IV_ACTIVE,		/* dossier -> its active interviews */
	CSQL_IV_LINK_DOSSIER,	/* appointment, dossier, agent */
	CSQL_IV_LINK_PERSON,	/* appointment, person, agent */
	CSQL_IV_PRINCIPAL,	/* dossier -> principal person, latest phone */
	CSQL__MAX
};

extern const struct db_table casefile_sqls;

/*
 * The current version of active procedure id: 0 with *version_id and
 * *def set, 404 if there is none (or it is not active), else the
 * status of a database failure.
 */
int	 procedure_current(struct req *, int64_t id, int64_t *version_id,
	    const struct wf_def **def);
/* The id of the procedure of code: DB_ROW with *id, DB_OK when there
 * is none, or the database failure. */
enum db_rc procedure_by_code(struct db *, const char *code, int64_t *id);
/* The agency's calendar (weekend from Workflow.Weekend, closed days);
 * cal->closed is malloc'd: free it with calendar_free. Returns DB_OK. */
enum db_rc calendar_load(struct req *, struct wf_calendar *cal);
void	 calendar_free(struct wf_calendar *);
/* Today's day number in the agency's time zone (Server.TimeZone). */
int64_t	 dossier_today(const struct req *);
/* Append a timeline event in the caller's transaction. */
enum db_rc dossier_event(struct db *, struct req *, int64_t dossier,
	    const char *kind, const char *from, const char *to,
	    const char *detail);

/* A clock row as read for a change or a page. */
struct clock_row {
	int64_t		 id;
	char		 code[WF_CODE_MAX + 1];
	int		 rule_length;
	int		 extended;
	struct wf_clock	 k;
};
/* Read the dossier's clocks (at most WF_MAX_DEADLINES) into rows, *n
 * their count. Returns DB_OK or the failure. */
enum db_rc clocks_read(struct db *, int64_t dossier, struct clock_row *rows,
	    size_t *n);
/*
 * Move the dossier (locked by the caller's transaction, its status
 * from) to status index to of def on today: stops the clocks the new
 * status stops, starts those it starts, pauses or resumes the running
 * ones, and keeps next_due and paused. Returns DB_OK or the failure.
 */
enum db_rc clocks_on_status(struct db *, const struct wf_calendar *,
	    const struct wf_def *, int64_t dossier, int from, int to,
	    int64_t today);
/* What clock_extend did. */
enum { EXTEND_DONE, EXTEND_NOT_RUNNING, EXTEND_OVER };
/*
 * Extend the running clock code by n units when its extensions stay
 * within max in all; *before receives its extension so far, *result
 * what was done (EXTEND_*). Returns DB_OK or the database failure.
 */
enum db_rc clock_extend(struct db *, const struct wf_calendar *,
	    int64_t dossier, const char *code, int n, int max, int *before,
	    int *result);
/* Recompute dossier.next_due and paused from its clocks. */
enum db_rc dossier_due_refresh(struct db *, int64_t dossier);

/* A dossier to open (dossier_create). */
struct dossier_new {
	const struct wf_def	*def;		/* the version's definition */
	const struct wf_calendar *cal;
	int64_t			 procedure, version_id;
	int64_t			 person;	/* the principal applicant */
	int64_t			 lodged;	/* day number, <= today */
	int64_t			 assignee;	/* 0: nobody */
	int			 sealed;
	char			 reference[9];	/* drawn by the caller */
	int64_t			 id;		/* out: the new dossier */
};
/*
 * Open dossier n in the caller's transaction: its row in the initial
 * status, the principal applicant, the "created" timeline event, the
 * clocks of the initial status started on the lodging date (a claim
 * lodged at the border and registered later), and the audit event.
 * Returns DB_OK (n->id set), DB_DUP for a reference drawn twice (draw
 * again), or the failure.
 */
enum db_rc dossier_create(struct db *, struct req *, struct dossier_new *n);
/* Add person to dossier with role ("principal", "member") and relation
 * (NULL for the principal) in the caller's transaction. */
enum db_rc dossier_person_add(struct db *, int64_t dossier, int64_t person,
	    const char *role, const char *relation);

/* --- interview.c: the interview appointment of a dossier --- */

/* The channel whose seats interviews take: the call centre's, the
 * agents' contingent of the quota grid. */
#define CF_IV_CHANNEL	CH_CALLCENTRE

/* An interview site (interview_site, migration 0018): the site, the
 * service the interview is, the level whose slots are booked. */
struct cf_interview_site {
	int64_t	 site_id;
	char	 name[201];
	char	 zone[65];
	int64_t	 service_id;
	int64_t	 level_id;
};

/* Interview sites listed, at most. */
#define CF_IV_SITES_MAX	100

/*
 * Read the interview site of site id (active site and service) into s.
 * Returns 1, 0 when there is none, or -1 with the failure in *rc.
 */
int	 cf_interview_site_get(struct db *, int64_t id,
	    struct cf_interview_site *s, enum db_rc *rc);
/*
 * Interview.Sites.N.{Value, Label}: the interview sites, by name (at
 * most CF_IV_SITES_MAX); *first receives the first one's id (0 when
 * there is none). Returns 0 or an HTTP status.
 */
int	 cf_interview_sites_fill(struct req *, int64_t *first);

/* The principal applicant as the appointment names them. */
struct cf_interview_person {
	int64_t	 person_id;	/* 0: the dossier has none */
	char	 phone[33];	/* E.164, "" when none is on file */
	char	 family[801];
	char	 given[801];
	char	 document[65];	/* normalised (PERSON_DOCNO_SIZE), or "" */
};

/*
 * The principal applicant of dossier into *p: the person, the phone on
 * file last and the first document's normalised number, and, when
 * names is set, the names from the person's record (havre-registration
 * passes 0 and names them as its desk typed them). Returns DB_ROW,
 * DB_OK when the dossier has no principal or (names) the person is
 * gone (*p zeroed), or the failure.
 */
enum db_rc cf_interview_principal(struct db *, int64_t dossier, int names,
	    struct cf_interview_person *p);

/* How cf_interview_book ended. */
enum cf_interview_result {
	CF_IV_OK,
	CF_IV_PERSON,	/* the person has an active interview (booking's key) */
	CF_IV_FULL,	/* the slot has no seat left */
	CF_IV_NO_SLOT,	/* not a slot of this site and level, or past, closed */
	CF_IV_ERROR,	/* database failure (the return value says which) */
};

/* An interview to book (cf_interview_book). */
struct cf_interview {
	struct req				*r;
	int64_t					 dossier;
	const struct cf_interview_site		*s;
	const struct cf_interview_person	*p;
	int64_t					 slot_id;
	const char				*lang;	/* the SMS's */
	/* the caller's step after the links, before the event (NULL:
	 * none); a failure rolls everything back */
	enum db_rc				(*step)(struct db *, void *);
	void					*step_arg;
	enum cf_interview_result		 result;	/* out */
	char					 reference[BOOKING_REF_LEN + 1];	/* out */
	int64_t					 appt_id;	/* out */
	char					 when[32];	/* out: local start */
};

/*
 * Book interview b in the caller's transaction, the dossier's row
 * locked by the caller (see interview.c). A refusal sets b->result and
 * returns DB_ERROR so that the caller's transaction rolls everything
 * back (the seat too). Returns DB_OK (b->result CF_IV_OK, reference,
 * appt_id and when set) or the failure.
 */
enum db_rc cf_interview_book(struct db *, struct cf_interview *b);
/* Does dossier have an active interview (*active 1 or 0)? Returns
 * DB_OK or the failure. */
enum db_rc cf_interview_active(struct db *, int64_t dossier, int *active);
/* When, in zone, an appointment starts ("YYYY-MM-DD HH:MM", from its
 * UTC text) into out (32 bytes; "" when unreadable). */
void	 cf_interview_when(const char *utc, const char *zone, char out[32]);

#endif

/*
 * dossier.h: havre-dossier's declarations: the SQL table (sql.c), the
 * procedures and the agency's calendar (proc.c), a dossier's loading
 * and its changes with their clocks (case.c), and the pages: work lists
 * (lists.c), the dossier page and its actions (pages.c), notes,
 * documents and decisions (items.c), procedures and closed days
 * (procedures.c), the applicant's status page (status.c), the
 * supervisors' monitoring figures (monitor.c), the interview
 * appointment booked through the booking library (interview.c).
 */
#ifndef HAVRE_DOSSIER_H
#define HAVRE_DOSSIER_H

#include <stdint.h>

#include "app.h"
#include "db.h"
#include "form.h"
#include "casefile.h"
#include "wf.h"

#define PERM_VIEW	"dossier.view"
#define PERM_EDIT	"dossier.edit"
#define PERM_CREATE	"dossier.create"
#define PERM_DECIDE	"dossier.decide"
#define PERM_ASSIGN	"dossier.assign"
#define PERM_SEALED	"dossier.sealed"
#define PERM_CONFIGURE	"dossier.configure"
#define PERM_EXCHANGE	"dossier.exchange"
/* A partner organisation's API key (its own exchanges only). */
#define PERM_XANSWER	"exchange.answer"
#define PERM_MONITOR	"dossier.monitor"
#define PERM_INTERVIEW	"dossier.interview"

/* The work lists, as named in URLs (?list=). */
enum dossier_list {
	LIST_MINE,
	LIST_UNASSIGNED,
	LIST_DUE7,
	LIST_DUE30,
	LIST_OVERDUE,
	LIST_PAUSED,
	LIST_XOVERDUE,	/* with an overdue exchange (exchange.c) */
	LIST_ALL,
	LIST__MAX
};

/* Rows per page of a work list. */
#define LIST_PAGE	50

enum dossier_sql {
	/* procedures (proc.c, procedures.c) */
	DSQL_PROC_LIST,
	DSQL_PROC_GET,
	DSQL_PROC_UPDATE,
	DSQL_VERSION_INSERT,
	DSQL_VERSION_MAX,
	DSQL_CLOSED_LIST,
	DSQL_CLOSED_INSERT,
	DSQL_CLOSED_DELETE,
	/* a dossier (case.c, pages.c) */
	DSQL_DOSSIER_GET,
	DSQL_DOSSIER_LOCK,
	DSQL_DOSSIER_STATUS,
	DSQL_DOSSIER_ASSIGN,
	DSQL_DOSSIER_SEAL,
	DSQL_DOSSIER_BY_REF,
	DSQL_AGENT_GET,
	DSQL_OFFICERS,
	DSQL_HOUSEHOLD,
	DSQL_EVENTS,
	/* notes, documents, decisions (items.c) */
	DSQL_NOTE_INSERT,
	DSQL_NOTES,
	DSQL_DOC_INSERT,
	DSQL_DOCS,
	DSQL_DOC_GET,
	DSQL_DECISION_INSERT,
	DSQL_DECISIONS,
	/* exchanges (exchange.c, exchange_api.c) */
	DSQL_X_SERVICES,
	DSQL_X_PARTNERS,
	DSQL_X_SERVICE_GET,
	DSQL_X_PARTNER_GET,
	DSQL_X_INSERT,
	DSQL_X_OF_DOSSIER,
	DSQL_X_FILES_OF_DOSSIER,
	DSQL_X_LOCK,
	DSQL_X_ACK,
	DSQL_X_ANSWER,
	DSQL_X_WITHDRAW,
	DSQL_X_DUE,
	DSQL_X_FILE_INSERT,
	DSQL_X_FILE_GET,
	DSQL_XAPI_LIST,
	DSQL_XAPI_GET,
	DSQL_XAPI_FILES,
	/* the applicant's status page and its codes (status.c) */
	DSQL_STATUS_FIND,
	DSQL_STATUS_CODES_CLOSE,
	DSQL_STATUS_CODE_INSERT,
	DSQL_STATUS_CODE_LIVE,
	DSQL_STATUS_CODE_USED,
	DSQL_STATUS_CODE_MISSED,
	DSQL_STATUS_NEXT_APPT,
	DSQL_MISSING_GET,
	DSQL_MISSING_SET,
	/* the interview appointment (interview.c) */
	DSQL_IV_SLOTS,
	DSQL_IV_OF_DOSSIER,
	/* monitoring (monitor.c): one procedure each; its counters */
	DSQL_MON_PROCESSING,
	DSQL_MON_DECISIONS,
	DSQL_MON_OPEN,
	DSQL_MON_XOVERDUE,
	DSQL_STAT_CLOCKS,
	DSQL_STAT_DAY_ADD,
	DSQL_STAT_DURATION_ADD,
	/* break glass (case.c): a sealed case file opened with a reason */
	DSQL_GLASS_VALID,	/* agent, dossier -> 1 while an opening lasts */
	DSQL_GLASS_ADD,		/* dossier, agent, actor, reason, hours, reqid */
	/* work lists (lists.c): one statement per list and order */
	DSQL_LIST_FIRST,
	DSQL_LIST_LAST = DSQL_LIST_FIRST + 2 * LIST__MAX - 1,
	DSQL__MAX
};

extern const char *const dossier_sqls[DSQL__MAX];

/* A dossier as loaded for a page or a change. */
struct dossier {
	int64_t		 id;
	char		 reference[9];
	int64_t		 procedure_id;
	int64_t		 version_id;
	char		 status[WF_CODE_MAX + 1];
	char		 lodged_on[11];
	char		 decided_on[11];
	int64_t		 assignee;	/* 0: none */
	char		 assignee_name[201];
	int		 sealed;
	int64_t		 version;
	char		 procedure_name[201];
	int		 procedure_number;
	char		 created_at[27];
	const struct wf_def *def;	/* from the cache: do not free */
};

/* --- proc.c --- */

/* A status's label in the page's language (its code if unknown). */
const char *status_label(const struct req *, const struct wf_def *,
	    const char *code);
/* Fill Procedures.N.{Id, Name} for a select (active ones, or all). */
int	 procedures_fill(struct req *, const char *node, int all);

/* --- case.c --- */

/* Load dossier id (DB_ROW), none (DB_OK), or the failure; with its
 * procedure version's definition. */
enum db_rc dossier_load(struct db *, int64_t id, struct dossier *);
/* 1 if the request's agent may open the dossier (sealed: assigned to
 * them, or dossier.sealed). */
int	 dossier_can_open(const struct req *, const struct dossier *);
/* 1 if the dossier is sealed and the agent opens it through
 * dossier.sealed, not as its officer: "break glass", with a reason. */
int	 dossier_needs_glass(const struct req *, const struct dossier *);
/* GET|POST /dossier/{id}/break-glass (break_glass_fields) */
extern const struct field_spec break_glass_fields[];
int	 page_break_glass_form(struct req *);
int	 page_break_glass(struct req *);
/* Fill Clocks.N.{Code, Label, Source, Due, Left, Unit, Light, Extended,
 * ExtendLeft, Started, Stopped} of the dossier page. */
int	 clocks_fill(struct req *, const struct dossier *,
	    const struct wf_calendar *, int64_t today);
/* Load the dossier of the path's {id} for a page or a change: 0, or the
 * status to answer (404 unknown, 403 sealed and not the agent's, logged
 * in the access log; database failures). A sealed one opened through
 * dossier.sealed needs a break-glass reason first: without one running,
 * a GET is redirected to the form asking for it (303, already sent), a
 * change refused (403); both logged. */
int	 dossier_open_path(struct req *, struct dossier *);
/* The dossier page again with the forms' messages (page_view),
 * answering status (422 refused input, 409 a lost race) when it
 * renders. */
int	 dossier_page_again(struct req *, int status);
/* After a change: flash msgkey and redirect (303) to the dossier's page
 * at anchor ("" or "#notes"). Returns resp_redirect's status. */
int	 dossier_redirect(struct req *, int64_t id, const char *anchor,
	    const char *msgkey);
/* "Lastname, Given" of a person into out (for lists and events). */
void	 person_display(const char *family, const char *given, char *out,
	    size_t outsz);

/* --- lists.c --- */
extern const struct field_spec list_fields[];
extern const struct field_spec assign_bulk_fields[];
int	 page_lists(struct req *);
int	 page_assign_bulk(struct req *);

/* --- pages.c --- */
extern const struct field_spec new_fields[];
extern const struct field_spec new_query_fields[];
extern const struct field_spec transition_fields[];
extern const struct field_spec assign_fields[];
extern const struct field_spec seal_fields[];
extern const struct field_spec extend_fields[];
extern const struct field_spec member_fields[];
extern const struct field_spec missing_fields[];
int	 page_new(struct req *);
int	 page_create(struct req *);
int	 page_view(struct req *);
int	 page_transition(struct req *);
int	 page_assign(struct req *);
int	 page_seal(struct req *);
int	 page_extend(struct req *);
int	 page_member_add(struct req *);
int	 page_missing_save(struct req *);

/* --- items.c --- */
extern const struct field_spec note_fields[];
extern const struct field_spec document_fields[];
extern const struct field_spec decision_fields[];
int	 page_note_add(struct req *);
int	 page_document_add(struct req *);
int	 page_document_get(struct req *);
int	 page_decision_add(struct req *);
/* Fill the dossier page's notes, documents and decisions. */
int	 items_fill(struct req *, const struct dossier *);

/* --- exchange.c: exchanges as officers see them --- */
extern const struct field_spec exchange_fields[];
extern const struct field_spec exchange_withdraw_fields[];
extern const struct field_spec exchange_answer_fields[];
int	 page_exchange_send(struct req *);
int	 page_exchange_withdraw(struct req *);
int	 page_exchange_answer(struct req *);
int	 page_exchange_file(struct req *);
/* Fill the dossier page's Exchanges.N, their files, the recipients
 * of the sending form and Dossier.ExchangesOverdue. */
int	 exchanges_fill(struct req *, const struct dossier *, int64_t today);

/* What exchange_change() does to an exchange. */
enum xchange {
	XCH_ACK,	/* acknowledged by its recipient */
	XCH_ANSWER,	/* answered (text; the files added so far go with it) */
	XCH_WITHDRAW,	/* withdrawn by an officer */
	XCH_FILE,	/* a file added to the answer to come */
};
/* The outcome of exchange_change(). */
enum xresult {
	XR_DONE,
	XR_UNCHANGED,	/* acknowledged already: nothing to do */
	XR_NOT_FOUND,	/* no such exchange (or not the partner's) */
	XR_CLOSED,	/* answered or withdrawn: nothing changed */
	XR_STALE,	/* the version given is not the stored one */
	XR_DB,		/* database failure (*rc) */
};
struct files_meta;
/*
 * Apply what to exchange id in one transaction with its timeline event,
 * its audit event and the dossier's exchange_due: partner, if not 0,
 * must be the exchange's partner key (else XR_NOT_FOUND); version, if
 * not 0, must be the stored one (else XR_STALE); dossier, if not 0,
 * must be its dossier. text is the answer (XCH_ANSWER), file and
 * filename the stored file (XCH_FILE). *status_out receives the stored
 * status after the change (16 bytes), *rc the database failure.
 */
enum xresult exchange_change(struct req *, enum xchange what, int64_t id,
	    int64_t dossier, int64_t partner, int64_t version,
	    const char *text, const struct files_meta *file,
	    const char *filename, char status_out[16], enum db_rc *rc);
/* The types of exchange (their codes; labels Dossier.Exchange.Types). */
extern const char *const exchange_types[];

/* --- exchange_api.c: the partners' JSON API --- */
extern const struct field_spec xapi_list_fields[];
extern const struct field_spec xapi_answer_fields[];
extern const struct field_spec xapi_file_fields[];
int	 page_xapi_list(struct req *);
int	 page_xapi_get(struct req *);
int	 page_xapi_ack(struct req *);
int	 page_xapi_answer(struct req *);
int	 page_xapi_file(struct req *);
/* --- status.c: the applicant's status page (public) --- */
extern const struct field_spec status_query_fields[];
extern const struct field_spec status_ask_fields[];
extern const struct field_spec status_code_fields[];
int	 page_status_form(struct req *);
int	 page_status_ask(struct req *);
int	 page_status_check(struct req *);
int	 page_status_code_fill(struct req *);
int	 page_status_view(struct req *);
/* --- interview.c: the interview appointment --- */
extern const struct field_spec interview_query_fields[];
extern const struct field_spec interview_fields[];
int	 page_interview(struct req *);
int	 page_interview_book(struct req *);
/* Fill the dossier page's Interviews.N, Dossier.InterviewActive and
 * Can.Interview. Returns 0 or a status. */
int	 interviews_fill(struct req *, const struct dossier *);
/* --- monitor.c --- */
extern const struct field_spec monitor_fields[];
/*
 * Count a decision in the monitoring counters (migration 0017), in the
 * caller's transaction, after its clocks were stopped: dossier d of
 * procedure, lodged on lodged, decided on decided ("YYYY-MM-DD").
 * Returns DB_OK or the failure.
 */
enum db_rc monitor_count_decision(struct db *, int64_t dossier,
	    int64_t procedure, const char *lodged, const char *decided);
int	 page_monitor(struct req *);
int	 page_monitor_csv(struct req *);

/* --- procedures.c --- */
extern const struct field_spec procedure_fields[];
extern const struct field_spec closed_fields[];
extern const struct field_spec closed_delete_fields[];
int	 page_procedures(struct req *);
int	 page_procedure(struct req *);
int	 page_procedure_save(struct req *);
int	 page_closed_add(struct req *);
int	 page_closed_delete(struct req *);

#endif

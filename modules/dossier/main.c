/*
 * havre-dossier: the case file (issue 15). Agents (intranet, /dossier):
 * work lists, a dossier's page and its changes through its procedure's
 * transitions, legal-deadline clocks, household, documents, notes and
 * decisions; exchanges with services and partner organisations (and
 * the partners' JSON API); procedures as data and the agency's closed
 * days; the interview appointment, booked through the booking library.
 * Applicants (public vhost, /status): their dossier's current step,
 * next appointment and missing documents, behind a one-time SMS code.
 * The route table below is the program's whole attack surface.
 */
#include "config.h"

#include "app.h"
#include "dossier.h"


static const struct route routes[] = {
	/* work lists (lists.c) */
	{M_GET, "/dossier", VHOST_INTRANET, PERM_VIEW, 0, page_lists,
	    "dossier/list.cs", list_fields, 0, page_lists},
	{M_POST, "/dossier/assign", VHOST_INTRANET, PERM_ASSIGN, ROUTE_CSRF,
	    page_assign_bulk, "dossier/list.cs", assign_bulk_fields, 0,
	    page_lists},

	/* opening a dossier and its page (pages.c) */
	{M_GET, "/dossier/new", VHOST_INTRANET, PERM_CREATE, 0, page_new,
	    "dossier/new.cs", new_query_fields, 0, NULL},
	{M_POST, "/dossier", VHOST_INTRANET, PERM_CREATE, ROUTE_CSRF,
	    page_create, "dossier/new.cs", new_fields, 0, page_new},
	{M_GET, "/dossier/{id:int}", VHOST_INTRANET, PERM_VIEW, 0, page_view,
	    "dossier/view.cs", NULL, 0, NULL},
	/* a sealed case file outside one's assignment: the reason first
	 * (glass.c) */
	{M_GET, "/dossier/{id:int}/break-glass", VHOST_INTRANET, PERM_VIEW, 0,
	    page_break_glass_form, "dossier/break_glass.cs", NULL, 0, NULL},
	{M_POST, "/dossier/{id:int}/break-glass", VHOST_INTRANET, PERM_VIEW,
	    ROUTE_CSRF, page_break_glass, "dossier/break_glass.cs",
	    break_glass_fields, 0, page_break_glass_form},
	{M_POST, "/dossier/{id:int}/transition", VHOST_INTRANET, PERM_VIEW,
	    ROUTE_CSRF, page_transition, "dossier/view.cs", transition_fields,
	    0, page_view},
	{M_POST, "/dossier/{id:int}/assign", VHOST_INTRANET, PERM_ASSIGN,
	    ROUTE_CSRF, page_assign, "dossier/view.cs", assign_fields, 0,
	    page_view},
	{M_POST, "/dossier/{id:int}/seal", VHOST_INTRANET, PERM_SEALED,
	    ROUTE_CSRF, page_seal, "dossier/view.cs", seal_fields, 0,
	    page_view},
	{M_POST, "/dossier/{id:int}/clocks/{code:token}/extend",
	    VHOST_INTRANET, PERM_EDIT, ROUTE_CSRF, page_extend,
	    "dossier/view.cs", extend_fields, 0, page_view},
	{M_POST, "/dossier/{id:int}/persons", VHOST_INTRANET, PERM_EDIT,
	    ROUTE_CSRF, page_member_add, "dossier/view.cs", member_fields, 0,
	    page_view},
	{M_POST, "/dossier/{id:int}/missing", VHOST_INTRANET, PERM_EDIT,
	    ROUTE_CSRF, page_missing_save, "dossier/view.cs", missing_fields,
	    0, page_view},

	/* notes, documents, decisions (items.c) */
	{M_POST, "/dossier/{id:int}/notes", VHOST_INTRANET, PERM_EDIT,
	    ROUTE_CSRF, page_note_add, "dossier/view.cs", note_fields, 0,
	    page_view},
	{M_POST, "/dossier/{id:int}/documents", VHOST_INTRANET, PERM_EDIT,
	    ROUTE_CSRF, page_document_add, "dossier/view.cs", document_fields,
	    0, page_view},
	{M_GET, "/dossier/{id:int}/documents/{doc:int}", VHOST_INTRANET,
	    PERM_VIEW, 0, page_document_get, NULL, NULL, 0, NULL},
	{M_POST, "/dossier/{id:int}/decisions", VHOST_INTRANET, PERM_DECIDE,
	    ROUTE_CSRF, page_decision_add, "dossier/view.cs", decision_fields,
	    0, page_view},

	/* exchanges with services and partners (exchange.c) */
	{M_POST, "/dossier/{id:int}/exchanges", VHOST_INTRANET,
	    PERM_EXCHANGE, ROUTE_CSRF, page_exchange_send, "dossier/view.cs",
	    exchange_fields, 0, page_view},
	{M_POST, "/dossier/{id:int}/exchanges/{x:int}/withdraw",
	    VHOST_INTRANET, PERM_EXCHANGE, ROUTE_CSRF, page_exchange_withdraw,
	    "dossier/view.cs", exchange_withdraw_fields, 0, page_view},
	{M_POST, "/dossier/{id:int}/exchanges/{x:int}/answer",
	    VHOST_INTRANET, PERM_EXCHANGE, ROUTE_CSRF, page_exchange_answer,
	    "dossier/view.cs", exchange_answer_fields, 0, page_view},
	{M_GET, "/dossier/{id:int}/exchanges/{x:int}/files/{f:int}",
	    VHOST_INTRANET, PERM_VIEW, 0, page_exchange_file, NULL, NULL, 0,
	    NULL},

	/* the partners' JSON API (exchange_api.c; API key of a partner
	 * organisation, its own exchanges only; CSRF applies to agents'
	 * sessions, API keys are exempt) */
	{M_GET, "/dossier/api/v1/exchanges", VHOST_INTRANET, PERM_XANSWER,
	    ROUTE_API, page_xapi_list, NULL, xapi_list_fields, 0, NULL},
	{M_GET, "/dossier/api/v1/exchanges/{x:int}", VHOST_INTRANET,
	    PERM_XANSWER, ROUTE_API, page_xapi_get, NULL, NULL, 0, NULL},
	{M_POST, "/dossier/api/v1/exchanges/{x:int}/acknowledge",
	    VHOST_INTRANET, PERM_XANSWER, ROUTE_API | ROUTE_CSRF,
	    page_xapi_ack, NULL, NULL, 0, NULL},
	{M_POST, "/dossier/api/v1/exchanges/{x:int}/attachments",
	    VHOST_INTRANET, PERM_XANSWER, ROUTE_API | ROUTE_CSRF,
	    page_xapi_file, NULL, xapi_file_fields, 0, NULL},
	{M_POST, "/dossier/api/v1/exchanges/{x:int}/answer", VHOST_INTRANET,
	    PERM_XANSWER, ROUTE_API | ROUTE_CSRF | ROUTE_JSON,
	    page_xapi_answer, NULL, xapi_answer_fields, 0, NULL},
	/* the interview appointment (interview.c) */
	{M_GET, "/dossier/{id:int}/interview", VHOST_INTRANET,
	    PERM_INTERVIEW, 0, page_interview, "dossier/interview.cs",
	    interview_query_fields, 0, page_interview},
	{M_POST, "/dossier/{id:int}/interview", VHOST_INTRANET,
	    PERM_INTERVIEW, ROUTE_CSRF, page_interview_book,
	    "dossier/interview.cs", interview_fields, 0, page_interview},
	/* monitoring for supervisors (monitor.c) */
	{M_GET, "/dossier/monitor", VHOST_INTRANET, PERM_MONITOR, 0,
	    page_monitor, "dossier/monitor.cs", monitor_fields, 0,
	    page_monitor},
	{M_GET, "/dossier/monitor/export", VHOST_INTRANET, PERM_MONITOR, 0,
	    page_monitor_csv, NULL, monitor_fields, 0, NULL},

	/* procedures and closed days (procedures.c) */
	{M_GET, "/dossier/procedures", VHOST_INTRANET, PERM_VIEW, 0,
	    page_procedures, "dossier/procedures.cs", NULL, 0, NULL},
	{M_GET, "/dossier/procedures/{id:int}", VHOST_INTRANET, PERM_VIEW, 0,
	    page_procedure, "dossier/procedure.cs", NULL, 0, NULL},
	{M_POST, "/dossier/procedures/{id:int}", VHOST_INTRANET,
	    PERM_CONFIGURE, ROUTE_CSRF, page_procedure_save,
	    "dossier/procedure.cs", procedure_fields, 0, page_procedure},
	{M_POST, "/dossier/closed-days", VHOST_INTRANET, PERM_CONFIGURE,
	    ROUTE_CSRF, page_closed_add, "dossier/procedures.cs",
	    closed_fields, 0, page_procedures},
	{M_POST, "/dossier/closed-days/delete", VHOST_INTRANET,
	    PERM_CONFIGURE, ROUTE_CSRF, page_closed_delete,
	    "dossier/procedures.cs", closed_delete_fields, 0, page_procedures},

	/* the applicant's status page, public vhost (status.c) */
	{M_GET, "/status", VHOST_PUBLIC, PERM_PUBLIC, 0, page_status_form,
	    "dossier/status_form.cs", status_query_fields, 0, NULL},
	{M_POST, "/status", VHOST_PUBLIC, PERM_PUBLIC, ROUTE_CSRF,
	    page_status_ask, "dossier/status_form.cs", status_ask_fields, 0,
	    page_status_form},
	{M_POST, "/status/code", VHOST_PUBLIC, PERM_PUBLIC, ROUTE_CSRF,
	    page_status_check, "dossier/status_code.cs", status_code_fields,
	    0, page_status_code_fill},
	{M_GET, "/status/{ref:token}", VHOST_PUBLIC, PERM_PUBLIC, 0,
	    page_status_view, "dossier/status_view.cs", NULL, 0, NULL},
};

static const struct app dossier = {
	"havre-dossier", routes, sizeof(routes) / sizeof(routes[0]),
	dossier_sqls, DSQL__MAX, NULL,
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &dossier);
}

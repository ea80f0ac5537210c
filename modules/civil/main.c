/*
 * havre-civil: civil-status acts (issue 17). Officers (intranet,
 * /civil): requests for birth, marriage and death acts opened for a
 * person (from the person's record or a dossier), the workbench (source
 * documents beside the form, PDF pages rendered outside the worker, the
 * values read in each source and the chosen one with its reason), the
 * four-eyes review, amendments keeping the established version,
 * marginal mentions; the supervisors' backlog; the documents issued
 * (copies, extracts and attestations signed through modules/certify,
 * revoked and re-issued: issue.c), their verification by anyone on the
 * public vhost (/verify, verify.c) and their delivery to the person
 * with a code sent by SMS (delivery.c, collect.c).
 * The route table below is the program's whole attack surface.
 */
#include "config.h"

#include "app.h"
#include "civil.h"
#include "verify.h"

static const struct route routes[] = {
	/* acts (act.c) */
	{M_GET, "/civil", VHOST_INTRANET, PERM_DRAFT, 0, page_list,
	    "civil/list.cs", list_fields, 0, page_list},
	{M_GET, "/civil/new", VHOST_INTRANET, PERM_DRAFT, 0, page_new,
	    "civil/new.cs", new_query_fields, 0, NULL},
	{M_POST, "/civil", VHOST_INTRANET, PERM_DRAFT, ROUTE_CSRF,
	    page_create, "civil/new.cs", new_fields, 0, page_new},
	/* the supervisors' backlog (backlog.c) */
	{M_GET, "/civil/backlog", VHOST_INTRANET, PERM_BACKLOG, 0,
	    page_backlog, "civil/backlog.cs", backlog_fields, 0, NULL},
	{M_GET, "/civil/backlog/export", VHOST_INTRANET, PERM_BACKLOG, 0,
	    page_backlog_csv, NULL, backlog_fields, 0, NULL},
	{M_GET, "/civil/{id:int}", VHOST_INTRANET, PERM_DRAFT, 0, page_view,
	    "civil/act.cs", NULL, 0, NULL},
	{M_POST, "/civil/{id:int}/transition", VHOST_INTRANET, PERM_DRAFT,
	    ROUTE_CSRF, page_transition, "civil/act.cs", transition_fields,
	    0, page_view},

	/* the workbench's sources (sources.c, render.c) */
	{M_POST, "/civil/{id:int}/sources", VHOST_INTRANET, PERM_DRAFT,
	    ROUTE_CSRF, page_source_add, "civil/act.cs", source_fields, 0,
	    page_view},
	{M_POST, "/civil/{id:int}/declarations", VHOST_INTRANET, PERM_DRAFT,
	    ROUTE_CSRF, page_declaration_add, "civil/act.cs",
	    declaration_fields, 0, page_view_declaration},
	{M_GET, "/civil/{id:int}/sources/{s:int}/pages/{p:int}",
	    VHOST_INTRANET, PERM_DRAFT, 0, page_page_image, NULL, NULL, 0,
	    NULL},
	{M_POST, "/civil/{id:int}/found", VHOST_INTRANET, PERM_DRAFT,
	    ROUTE_CSRF, page_found_add, "civil/act.cs", found_fields, 0,
	    page_view_found},

	/* values, four eyes, amendments, mentions (fields.c) */
	{M_POST, "/civil/{id:int}/fields/{field:token}", VHOST_INTRANET,
	    PERM_DRAFT, ROUTE_CSRF, page_choose, "civil/act.cs",
	    choose_fields, 0, page_view_choose},
	{M_POST, "/civil/{id:int}/review", VHOST_INTRANET, PERM_SIGN,
	    ROUTE_CSRF, page_review, "civil/act.cs", review_fields, 0,
	    page_view},
	{M_POST, "/civil/{id:int}/amend", VHOST_INTRANET, PERM_DRAFT,
	    ROUTE_CSRF, page_amend, "civil/act.cs", amend_fields, 0,
	    page_view},
	{M_POST, "/civil/{id:int}/mentions", VHOST_INTRANET, PERM_DRAFT,
	    ROUTE_CSRF, page_mention_add, "civil/act.cs", mention_fields, 0,
	    page_view},

	/* documents issued: copies, extracts, attestations, revocation
	 * and re-issue (issue.c; issue 17.4) */
	{M_GET, "/civil/{id:int}/documents", VHOST_INTRANET, PERM_DRAFT, 0,
	    page_act_documents, "civil/documents.cs", NULL, 0, NULL},
	{M_POST, "/civil/{id:int}/documents", VHOST_INTRANET, PERM_ISSUE,
	    ROUTE_CSRF, page_act_issue, "civil/documents.cs",
	    issue_act_fields, 0, page_act_documents},
	{M_GET, "/civil/persons/{id:int}/documents", VHOST_INTRANET,
	    PERM_DRAFT, 0, page_person_documents, "civil/documents.cs", NULL,
	    0, NULL},
	{M_POST, "/civil/persons/{id:int}/documents", VHOST_INTRANET,
	    PERM_ISSUE, ROUTE_CSRF, page_person_issue, "civil/documents.cs",
	    issue_person_fields, 0, page_person_documents},
	{M_GET, "/civil/documents/{doc:int}", VHOST_INTRANET, PERM_DRAFT, 0,
	    page_document, "civil/document.cs", NULL, 0, NULL},
	{M_GET, "/civil/documents/{doc:int}/pdf", VHOST_INTRANET,
	    PERM_ISSUE, 0, page_document_pdf, NULL, NULL, 0, NULL},
	{M_GET, "/civil/documents/{doc:int}/revoke", VHOST_INTRANET,
	    PERM_ISSUE, 0, page_document_revoke_ask, "civil/document.cs",
	    NULL, 0, NULL},
	{M_POST, "/civil/documents/{doc:int}/revoke", VHOST_INTRANET,
	    PERM_ISSUE, ROUTE_CSRF, page_document_revoke,
	    "civil/document.cs", revoke_fields, 0,
	    page_document_revoke_ask},

	/* issued documents on the public vhost, no login (verify.c): the
	 * verdict of a serial (GET) or of a QR code's text (POST), the
	 * published public keys */
	{M_GET, "/verify", VHOST_PUBLIC, PERM_PUBLIC, 0, page_verify,
	    "civil/verify.cs", verify_query_fields, 0, page_verify},
	{M_POST, "/verify", VHOST_PUBLIC, PERM_PUBLIC, ROUTE_CSRF,
	    page_verify_payload, "civil/verify.cs", verify_payload_fields, 0,
	    page_verify},
	{M_GET, "/verify/keys", VHOST_PUBLIC, PERM_PUBLIC, 0,
	    page_verify_keys, "civil/verify_keys.cs", NULL, 0, NULL},
	{M_GET, "/verify/keys.txt", VHOST_PUBLIC, PERM_PUBLIC, 0,
	    page_verify_keyfile, NULL, NULL, 0, NULL},
	/* the person collects their document with the SMS's code
	 * (collect.c, delivery.c) */
	{M_GET, "/verify/collect", VHOST_PUBLIC, PERM_PUBLIC, 0,
	    page_collect_form, "civil/collect.cs", NULL, 0, NULL},
	{M_POST, "/verify/collect", VHOST_PUBLIC, PERM_PUBLIC, ROUTE_CSRF,
	    page_collect, "civil/collect.cs", collect_fields, 0,
	    page_collect_form},
	{M_GET, "/verify/collect/{serial:token}", VHOST_PUBLIC, PERM_PUBLIC,
	    0, page_collect_serial, "civil/collect.cs", NULL, 0, NULL},
	{M_GET, "/verify/collect/{serial:token}/pdf", VHOST_PUBLIC,
	    PERM_PUBLIC, 0, page_collect_pdf, NULL, NULL, 0, NULL},
	/* an officer sends a document's download code again */
	{M_POST, "/civil/documents/{id:int}/offer", VHOST_INTRANET,
	    PERM_DRAFT, ROUTE_CSRF, page_offer, NULL, offer_fields, 0, NULL},
};

static const struct app civil = {
	"havre-civil", routes, sizeof(routes) / sizeof(routes[0]),
	civil_sqls, CSQL__MAX, NULL,
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &civil);
}

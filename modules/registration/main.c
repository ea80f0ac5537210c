/*
 * havre-registration: the registration desk (issue 16). A registrar
 * registers a household in one flow (intranet, /registration): the
 * principal applicant, then each member with their relation, every
 * person checked before anything is stored and checked against the
 * person register (the side-by-side decision: an existing person is
 * linked, not created again); the summary with the triage proposed by
 * the configurable rules; the save in one transaction (persons, family
 * links, the dossier with its clocks, the triage); the receipt. The
 * household in progress is a draft kept server-side for the desk's
 * agent. The route table below is the program's whole attack surface.
 */
#include "config.h"

#include "app.h"
#include "registration.h"

static const struct route routes[] = {
	/* the desk and its draft (household.c) */
	{M_GET, "/registration", VHOST_INTRANET, PERM_REGISTER, 0, page_home,
	    "registration/home.cs", NULL, 0, NULL},
	{M_POST, "/registration/start", VHOST_INTRANET, PERM_REGISTER,
	    ROUTE_CSRF, page_start, "registration/home.cs", start_fields, 0,
	    page_home},

	/* a person's step and the duplicate decision (member.c) */
	{M_GET, "/registration/member/{pos:int}", VHOST_INTRANET,
	    PERM_REGISTER, 0, page_member, "registration/member.cs", NULL, 0,
	    NULL},
	{M_POST, "/registration/member/{pos:int}", VHOST_INTRANET,
	    PERM_REGISTER, ROUTE_CSRF, page_member_save,
	    "registration/member.cs", member_fields, 0, page_member_fill},
	{M_GET, "/registration/member/{pos:int}/match", VHOST_INTRANET,
	    PERM_REGISTER, 0, page_match, "registration/match.cs", NULL, 0,
	    NULL},
	{M_POST, "/registration/member/{pos:int}/match", VHOST_INTRANET,
	    PERM_REGISTER, ROUTE_CSRF, page_match_save,
	    "registration/match.cs", match_fields, 0, page_match},

	/* a person's photo: webcam or upload, the document store (photo.c) */
	{M_POST, "/registration/member/{pos:int}/photo", VHOST_INTRANET,
	    PERM_REGISTER, ROUTE_CSRF, page_photo_upload,
	    "registration/member.cs", photo_fields, 0, page_member},
	{M_GET, "/registration/member/{pos:int}/photo", VHOST_INTRANET,
	    PERM_REGISTER, 0, page_photo_view, NULL, NULL, 0, NULL},

	/* the summary, the save, the receipt (household.c) */
	{M_GET, "/registration/summary", VHOST_INTRANET, PERM_REGISTER, 0,
	    page_summary, "registration/summary.cs", NULL, 0, NULL},
	{M_POST, "/registration/save", VHOST_INTRANET, PERM_REGISTER,
	    ROUTE_CSRF, page_save, "registration/summary.cs", save_fields, 0,
	    page_summary},
	{M_GET, "/registration/receipt/{id:int}", VHOST_INTRANET,
	    PERM_REGISTER, 0, page_receipt, "registration/receipt.cs",
	    receipt_fields, 0, page_receipt},

	/* the triage rules (rules.c) */
	{M_GET, "/registration/rules", VHOST_INTRANET, PERM_CONFIGURE, 0,
	    page_rules, "registration/rules.cs", NULL, 0, NULL},
	{M_GET, "/registration/rules/new", VHOST_INTRANET, PERM_CONFIGURE, 0,
	    page_rule_new, "registration/rule.cs", NULL, 0, NULL},
	{M_POST, "/registration/rules", VHOST_INTRANET, PERM_CONFIGURE,
	    ROUTE_CSRF, page_rule_create, "registration/rule.cs", rule_fields,
	    0, page_rule_new},
	{M_GET, "/registration/rules/{id:int}", VHOST_INTRANET,
	    PERM_CONFIGURE, 0, page_rule, "registration/rule.cs", NULL, 0,
	    NULL},
	{M_POST, "/registration/rules/{id:int}", VHOST_INTRANET,
	    PERM_CONFIGURE, ROUTE_CSRF, page_rule_save, "registration/rule.cs",
	    rule_fields, 0, page_rule},

	/* the interview proposed on the receipt, booked (interview.c) */
	{M_POST, "/registration/receipt/{id:int}/interview", VHOST_INTRANET,
	    PERM_REGISTER, ROUTE_CSRF, page_interview_book,
	    "registration/receipt.cs", interview_fields, 0, page_receipt},
};

static const struct app registration = {
	"havre-registration", routes, sizeof(routes) / sizeof(routes[0]),
	reg_sqls, RSQL__MAX, reg_init,
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &registration);
}

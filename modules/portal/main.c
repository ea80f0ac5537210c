/*
 * havre-portal: the front door of the intranet. The landing page,
 * health check and language choice; login, logout and password change;
 * each agent's dashboard and own account; agents' administration and
 * the audit trail. The route table below is the program's whole attack
 * surface: method, path, vhost, permission, CSRF, handler, template,
 * declared inputs.
 */
#include "config.h"

#include "app.h"
#include "portal.h"

static const struct route routes[] = {
	/* anyone */
	{M_GET, "/", VHOST_INTRANET, PERM_PUBLIC, 0, page_home,
	    "portal/home.cs", NULL, 0, NULL},
	{M_GET, "/healthz", VHOST_ANY, PERM_PUBLIC, ROUTE_NOLOG, page_healthz,
	    NULL, NULL, 0, NULL},
	{M_POST, "/lang", VHOST_ANY, PERM_PUBLIC, 0, page_lang, NULL,
	    lang_fields, 0, NULL},
	{M_GET, "/login", VHOST_INTRANET, PERM_PUBLIC, 0, page_login_form,
	    "portal/login.cs", NULL, 0, NULL},
	{M_POST, "/login", VHOST_INTRANET, PERM_PUBLIC, ROUTE_CSRF, page_login,
	    "portal/login.cs", login_fields, 0, page_login_form},

	/* any signed-in agent */
	{M_POST, "/logout", VHOST_INTRANET, PERM_LOGIN, ROUTE_CSRF,
	    page_logout, NULL, NULL, 0, NULL},
	{M_GET, "/password", VHOST_INTRANET, PERM_LOGIN, 0,
	    page_password_form, "portal/password.cs", NULL, 0, NULL},
	{M_POST, "/password", VHOST_INTRANET, PERM_LOGIN, ROUTE_CSRF,
	    page_password, "portal/password.cs", password_fields, 0,
	    page_password_form},
	{M_GET, "/api/v1/me", VHOST_ANY, PERM_LOGIN, ROUTE_API, page_api_me,
	    NULL, NULL, 0, NULL},
	{M_GET, "/dashboard", VHOST_INTRANET, PERM_LOGIN, 0, page_dashboard,
	    "portal/dashboard.cs", NULL, 0, NULL},
	{M_GET, "/me", VHOST_INTRANET, PERM_LOGIN, 0, page_me, "portal/me.cs",
	    NULL, 0, NULL},
	{M_POST, "/me/sessions/{id:int}/revoke", VHOST_INTRANET, PERM_LOGIN,
	    ROUTE_CSRF, page_me_revoke, NULL, NULL, 0, NULL},

	/* agents' administration */
	{M_GET, "/agents", VHOST_INTRANET, "agents.admin", 0, page_agents,
	    "portal/agents.cs", agents_query_fields, 0, page_agents},
	{M_GET, "/agents/new", VHOST_INTRANET, "agents.admin", 0,
	    page_agent_new_form, "portal/agent_new.cs", NULL, 0, NULL},
	{M_POST, "/agents/new", VHOST_INTRANET, "agents.admin", ROUTE_CSRF,
	    page_agent_new, "portal/agent_new.cs", agent_fields, 0,
	    page_agent_new_form},
	{M_GET, "/agents/{id:int}", VHOST_INTRANET, "agents.admin", 0,
	    page_agent_form, "portal/agent.cs", NULL, 0, NULL},
	{M_POST, "/agents/{id:int}", VHOST_INTRANET, "agents.admin",
	    ROUTE_CSRF, page_agent_save, "portal/agent.cs", agent_fields, 0,
	    page_agent_form},
	{M_POST, "/agents/{id:int}/reset-password", VHOST_INTRANET,
	    "agents.admin", ROUTE_CSRF, page_agent_reset,
	    "portal/agent_reset.cs", NULL, 0, NULL},

	/* message templates (notify_templates.c) */
	{M_GET, "/notify/templates", VHOST_INTRANET, "notify.templates", 0,
	    page_notify_templates, "portal/notify_templates.cs", NULL, 0, NULL},
	{M_GET, "/notify/templates/{id:int}", VHOST_INTRANET,
	    "notify.templates", 0, page_notify_template_form,
	    "portal/notify_template.cs", NULL, 0, NULL},
	{M_POST, "/notify/templates/{id:int}", VHOST_INTRANET,
	    "notify.templates", ROUTE_CSRF, page_notify_template_save,
	    "portal/notify_template.cs", template_fields, 0,
	    page_notify_template_form},

	/* data protection (dataprotection.c): retention rules, legal holds */
	{M_GET, "/dataprotection", VHOST_INTRANET, "dataprotection.retention",
	    0, page_dataprotection, "portal/dataprotection.cs", NULL, 0, NULL},
	{M_GET, "/dataprotection/rules/{category:token}", VHOST_INTRANET,
	    "dataprotection.retention", 0, page_rule_form,
	    "portal/retention_rule.cs", NULL, 0, NULL},
	{M_POST, "/dataprotection/rules/{category:token}", VHOST_INTRANET,
	    "dataprotection.retention", ROUTE_CSRF, page_rule_save,
	    "portal/retention_rule.cs", rule_fields, 0, page_rule_form},
	{M_POST, "/dataprotection/holds", VHOST_INTRANET,
	    "dataprotection.retention", ROUTE_CSRF, page_hold_add,
	    "portal/dataprotection.cs", hold_fields, 0, page_dataprotection},
	{M_GET, "/dataprotection/holds/{id:int}/release", VHOST_INTRANET,
	    "dataprotection.retention", 0, page_hold_release_form,
	    "portal/hold_release.cs", NULL, 0, NULL},
	{M_POST, "/dataprotection/holds/{id:int}/release", VHOST_INTRANET,
	    "dataprotection.retention", ROUTE_CSRF, page_hold_release,
	    "portal/hold_release.cs", release_fields, 0,
	    page_hold_release_form},

	/* persons' requests about their data (requests.c) */
	{M_GET, "/dataprotection/requests", VHOST_INTRANET,
	    "dataprotection.requests", 0, page_requests,
	    "portal/requests.cs", NULL, 0, NULL},
	{M_POST, "/dataprotection/requests", VHOST_INTRANET,
	    "dataprotection.requests", ROUTE_CSRF, page_request_add,
	    "portal/requests.cs", request_fields, 0, page_requests},
	{M_GET, "/dataprotection/requests/{id:int}", VHOST_INTRANET,
	    "dataprotection.requests", 0, page_request_view,
	    "portal/request.cs", NULL, 0, NULL},
	{M_POST, "/dataprotection/requests/{id:int}", VHOST_INTRANET,
	    "dataprotection.requests", ROUTE_CSRF, page_request_answer,
	    "portal/request.cs", answer_fields, 0, page_request_view},
	{M_POST, "/dataprotection/requests/{id:int}/extend", VHOST_INTRANET,
	    "dataprotection.requests", ROUTE_CSRF, page_request_extend,
	    "portal/request.cs", extend_fields, 0, page_request_view},

	/* the access review (review.c) */
	{M_GET, "/access-review", VHOST_INTRANET,
	    "dataprotection.review", 0, page_review, "portal/review.cs",
	    review_fields, 0, page_review},
	{M_GET, "/access-review/export", VHOST_INTRANET,
	    "dataprotection.review", 0, page_review_csv, NULL, review_fields,
	    0, NULL},

	/* audit trail */
	{M_GET, "/audit", VHOST_INTRANET, "audit.view", 0, page_audit,
	    "portal/audit.cs", audit_fields, 0, page_audit},
};

static const struct app portal = {
	"havre-portal", routes, sizeof(routes) / sizeof(routes[0]),
	portal_sqls, PSQL__MAX, NULL,
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &portal);
}

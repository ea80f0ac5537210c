/*
 * portal.h: havre-portal's pages (login, dashboard, agents'
 * administration, own account, audit) and its SQL table. The route
 * table in main.c lists them all.
 */
#ifndef HAVRE_PORTAL_H
#define HAVRE_PORTAL_H

#include "app.h"
#include "db.h"

/* The program's SQL (portal_sqls[] in sql.c). */
enum portal_sql {
	PSQL_AGENT_BY_USERNAME,	/* username -> id, password_hash, disabled, must_change */
	PSQL_AGENT_PASSWORD,	/* id -> password_hash */
	PSQL_AGENT_SET_PASSWORD,/* hash, must_change, id */
	PSQL_ATTEMPT_ADD,	/* username, client_addr, success */
	PSQL_FAILURES_USER,	/* username, window s, username -> count, seconds since last */
	PSQL_FAILURES_ADDR,	/* addr, window s, addr -> count, seconds since last */
	PSQL_SESSIONS_REVOKE_OTHERS, /* agent_id, keep session id */
	/* agents' administration (agents.c) */
	PSQL_AGENT_LIST,
	PSQL_AGENT_GET,
	PSQL_AGENT_INSERT,
	PSQL_AGENT_UPDATE,
	PSQL_AGENT_ROLES,
	PSQL_AGENT_ROLE_ADD,
	PSQL_AGENT_ROLES_CLEAR,
	PSQL_AGENT_SESSIONS_REVOKE_ALL,
	PSQL_ROLE_LIST,
	PSQL_SITE_LIST,
	/* own account (me.c) */
	PSQL_MY_SESSIONS,
	/* audit viewer (auditlog.c) */
	PSQL_AUDIT_SEARCH,
	PSQL_ACCESS_SEARCH,
	/* dashboard.c: today's figures */
	PSQL_DASH_SITES,	/* -> id, name, time zone of the sites open for booking */
	PSQL_DASH_APPOINTMENTS,	/* site, day, site, day -> status, count */
	PSQL_DASH_WAITING,	/* -> site id, name, waiting, longest wait (min) */
	PSQL_DASH_SMS_FAILED,	/* -> failed SMS of the last 24 h */
	PSQL_DASH_SMS_FAILED_LIST, /* -> appointment id, reference, event, at (UTC) */
	PSQL_DASH_DUPLICATES,	/* -> duplicate pairs awaiting a decision */
	PSQL_DASH_DOSSIERS_MINE,	/* agent, today, today + 7 -> open,
					   overdue, due within 7 days */
	PSQL_DASH_DOSSIERS_UNASSIGNED,	/* -> open dossiers without officer */
	/* dataprotection.c */
	PSQL_RULE_LIST,		/* -> category, keep_days, action, starts, what, source, enabled, version, updated, by */
	PSQL_RULE_GET,		/* category -> the same */
	PSQL_RULE_HISTORY,	/* category -> version, keep_days, source, at, by, reason */
	PSQL_RULE_LOCK,		/* category -> version, keep_days, source (FOR UPDATE) */
	PSQL_RULE_HISTORY_ADD,	/* by, reason, category: the rule as it is */
	PSQL_RULE_UPDATE,	/* keep_days, source, by, category, version */
	PSQL_HOLD_LIST,		/* -> id, kind, entity, entity_id, reason, placed, by, released, by */
	PSQL_HOLD_GET,		/* id -> the same */
	PSQL_HOLD_PERSON,	/* id -> 1 if it exists */
	PSQL_HOLD_DOSSIER,
	PSQL_HOLD_APPOINTMENT,
	PSQL_HOLD_ADD,		/* kind, entity, entity_id, reason, by */
	PSQL_HOLD_FIND,		/* id -> in force (FOR UPDATE) */
	PSQL_HOLD_RELEASE,	/* by, id */
	/* review.c */
	PSQL_REVIEW_AGENTS,	/* days, min -> agent, actor, persons, outside, sealed, glass, refused */
	PSQL_REVIEW_GLASS,	/* days -> at, actor, reference, dossier, reason, until */
	/* requests.c */
	PSQL_REQ_COUNTS,	/* week, today, today -> open, due7, overdue, late this year,
				   extended */
	PSQL_REQ_LIST,		/* today -> request_row's columns */
	PSQL_REQ_GET,		/* today, id -> the same */
	PSQL_REQ_ADD,		/* kind, person, requester, details, received x2, by */
	PSQL_REQ_ANSWER,	/* decision, reason, answer, by, day, id, version */
	PSQL_REQ_EXTEND,	/* day, by, reason, id, version, today */
	PSQL_REQ_DUE,		/* id -> first due, due */
	PSQL__MAX
};

extern const char *const portal_sqls[PSQL__MAX];

/* login.c */
int	 page_login_form(struct req *);
int	 page_login(struct req *);
int	 page_logout(struct req *);
int	 page_password_form(struct req *);
int	 page_password(struct req *);
/* dashboard.c */
int	 page_home(struct req *);
int	 page_healthz(struct req *);
int	 page_lang(struct req *);
int	 page_dashboard(struct req *);
int	 page_api_me(struct req *);
/* agents.c (agents.admin) */
int	 page_agents(struct req *);
int	 page_agent_new_form(struct req *);
int	 page_agent_new(struct req *);
int	 page_agent_form(struct req *);
int	 page_agent_save(struct req *);
int	 page_agent_reset(struct req *);
/* me.c (any agent) */
int	 page_me(struct req *);
int	 page_me_revoke(struct req *);
/* auditlog.c (audit.view) */
int	 page_audit(struct req *);
/* Helpers shared by agents.c, me.c and auditlog.c: a stored UTC time
 * ("YYYY-MM-DD HH:MM:SS") for display in Site.TimeZone (out gets "" for
 * an empty or malformed time), and a role's label in the page language
 * (Lang.Agents.Roles.<name>, else the name). */
void	 portal_local_time(const struct req *, const char *utc, char *out,
	    size_t outsz);
const char *portal_role_label(struct req *, const char *name);

/* notify_templates.c (notify.templates): the SMS message templates */
int	 page_notify_templates(struct req *);
int	 page_notify_template_form(struct req *);
int	 page_notify_template_save(struct req *);
extern const struct field_spec template_fields[];

/* Declared inputs of the forms (each list ends with a {NULL} row). */
/* dataprotection.c: retention rules and legal holds */
int	 page_dataprotection(struct req *);
int	 page_rule_form(struct req *);
int	 page_rule_save(struct req *);
int	 page_hold_add(struct req *);
int	 page_hold_release_form(struct req *);
int	 page_hold_release(struct req *);
extern const struct field_spec rule_fields[];
extern const struct field_spec hold_fields[];
extern const struct field_spec release_fields[];
/* review.c: the access review */
int	 page_review(struct req *);
int	 page_review_csv(struct req *);
extern const struct field_spec review_fields[];
/* Options.<name>.N.{Value, Label} of a select: each of the NULL-ended
 * codes with its label <keys>.<code> (dataprotection.c). */
void	 portal_options_set(struct req *, const char *name,
	    const char *const *codes, const char *keys);

/* requests.c: persons' access, rectification and erasure requests */
int	 page_requests(struct req *);
int	 page_request_add(struct req *);
int	 page_request_view(struct req *);
int	 page_request_answer(struct req *);
int	 page_request_extend(struct req *);
extern const struct field_spec request_fields[];
extern const struct field_spec answer_fields[];
extern const struct field_spec extend_fields[];
/* <prefix>.{Open, Due7, Overdue, Late}: the requests open, due within
 * 7 days of the agency's today, overdue, and answered late this year.
 * Returns 0 or a status. */
int	 requests_counts(struct req *, const char *prefix);

extern const struct field_spec lang_fields[];
extern const struct field_spec login_fields[];
extern const struct field_spec password_fields[];
extern const struct field_spec agent_fields[];
extern const struct field_spec agents_query_fields[];
extern const struct field_spec audit_fields[];

#endif

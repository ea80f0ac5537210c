/*
 * common_sql.h: the common library's own SQL (sessions, audit, schema
 * checks), one enum-indexed table like each program's. Use it with
 * db_cstmt(db, CSQL_...). To add a statement: a name before CSQL__MAX
 * here and its text at the same index in common_sql.c.
 */
#ifndef HAVRE_COMMON_SQL_H
#define HAVRE_COMMON_SQL_H

enum common_sql {
	CSQL_SCHEMA_VERSION,	/* -> highest applied migration (0: none) */
	/* sessions and API keys (auth.c) */
	CSQL_SESSION_LOOKUP,
	CSQL_SESSION_TOUCH,
	CSQL_SESSION_INSERT,
	CSQL_SESSION_REVOKE,
	CSQL_SESSION_REVOKE_TOKEN,
	CSQL_AGENT_PERMS,
	CSQL_APIKEY_LOOKUP,
	CSQL_APIKEY_USES,
	CSQL_APIKEY_TOUCH,
	/* audit trail (audit.c) */
	CSQL_AUDIT_HEAD_LOCK,
	CSQL_AUDIT_HEAD_READ,
	CSQL_AUDIT_HEAD_MOVE,
	CSQL_AUDIT_INSERT,
	CSQL_AUDIT_WALK,
	CSQL_AUDIT_REDACTIONS,
	CSQL_AUDIT_REDACT,
	CSQL_ACCESS_INSERT,
	/* the document store (files.c, havre-admin files verify) */
	CSQL_FILE_INSERT,	/* id, purpose, mime, size, blake2b, created_by */
	CSQL_FILE_DELETE,	/* id */
	CSQL_FILE_GET,		/* id -> mime, size, blake2b */
	CSQL_FILE_LIST,		/* after id -> id, purpose, size, blake2b
				   (500 rows in id order) */
	/* per-key rate limits (ratelimit.c) */
	CSQL_RATE_COUNT,
	CSQL_RATE_INSERT,
	CSQL_RATE_PURGE,
	/* notifications: outbox and templates (outbox.c, the booking
	 * library's messages.c, havre-notify, the templates page); shared
	 * because several programs write the outbox (what is about an
	 * appointment is in the booking library's own table) */
	CSQL_OUTBOX_INSERT,
	CSQL_OUTBOX_DLR,
	CSQL_TEMPLATE_BODY,
	CSQL_TEMPLATE_LIST,
	CSQL_TEMPLATE_GET,
	CSQL_TEMPLATE_UPDATE,
	CSQL_TEMPLATE_HISTORY_ADD,
	CSQL_TEMPLATE_HISTORY,
	CSQL__MAX
};

extern const char *const common_sqls[CSQL__MAX];

#endif

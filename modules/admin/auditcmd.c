/*
 * auditcmd.c: `havre-admin audit-verify`: walk the audit trail's hash
 * chain (audit.h) and say whether any event was edited, removed or
 * reordered since it was written. Run it from cron and alert on exit 1.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "audit.h"
#include "db.h"

/* The db_txn argument: audit_verify()'s results. */
struct verify {
	int64_t			 broken; /* 0 intact, > 0 seq, -1 error */
	struct audit_check	 c;
};

/*
 * Run audit_verify() in one transaction, so that the walk and the final
 * read of audit_head see the same snapshot (REPEATABLE READ): events
 * written meanwhile do not look like a truncated chain.
 * Returns DB_OK (results in arg) or DB_ERROR.
 */
static enum db_rc
verify_txn(struct db *db, void *arg)
{
	struct verify	*v = arg;

	v->broken = audit_verify(db, &v->c);
	return v->broken < 0 ? DB_ERROR : DB_OK;
}

/*
 * havre-admin audit-verify
 * Prints "audit chain intact: N events" on stdout, or "audit chain
 * broken at event SEQ" with that event's entity and action (when the
 * row still exists) on stderr.
 * Returns ADMIN_OK if intact, ADMIN_FAIL if broken or on a database
 * error, ADMIN_USAGE.
 */
int
cmd_audit_verify(struct admin *a, int argc, char **argv)
{
	struct verify	 v;
	struct db	*db;
	struct db_stmt	*st;
	enum db_rc	 rc;

	if (argc != 1)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	memset(&v, 0, sizeof(v));
	if (db_txn(db, verify_txn, &v) != DB_OK) {
		fprintf(stderr, "havre-admin: %s: cannot read the audit "
		    "trail: %s\n", a->cmdname, db_errmsg(db));
		return ADMIN_FAIL;
	}
	if (v.broken == 0) {
		printf("audit chain intact: %llu events",
		    (unsigned long long)v.c.checked);
		/* Redacted events are sound: their values were removed by
		 * the retention purge, which the chain records. */
		if (v.c.redacted > 0)
			printf(" (%llu redacted by the retention purge, each "
			    "named by a redaction event)",
			    (unsigned long long)v.c.redacted);
		printf("\n");
		return ADMIN_OK;
	}
	/* Say which event, when it is still there, to start the inquiry. */
	if ((st = db_stmt(db, ASQL_AUDIT_EVENT)) != NULL) {
		db_bind_int(st, 0, v.broken);
		rc = db_step(st);
	} else
		rc = db_last_rc(db);
	if (rc == DB_ROW) {
		fprintf(stderr, "audit chain broken at event %lld (entity %s "
		    "%s, action %s)", (long long)v.broken,
		    db_col_text(st, 0) ? db_col_text(st, 0) : "",
		    db_col_text(st, 1) ? db_col_text(st, 1) : "",
		    db_col_text(st, 2) ? db_col_text(st, 2) : "");
		db_reset(st);
	} else if (rc == DB_OK)
		fprintf(stderr, "audit chain broken at event %lld (the event "
		    "is missing)", (long long)v.broken);
	else
		fprintf(stderr, "audit chain broken at event %lld",
		    (long long)v.broken);
	fprintf(stderr, ": %s\n", v.c.why ? v.c.why : "");
	return ADMIN_FAIL;
}

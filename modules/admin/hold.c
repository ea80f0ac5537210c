/*
 * hold.c: `havre-admin hold add|release|list`: legal holds (issue 20).
 *
 * A hold (a pending appeal, litigation, a supervisor's decision) on a
 * person, a case file or an appointment suspends the retention purge of
 * everything it covers (purge.c) until it is released. Released holds
 * stay as history; placing and releasing are audited with the reason.
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "audit.h"
#include "buf.h"
#include "db.h"
#include "valid.h"

#define HOLD_REASON_MAX	500

enum hold_sql {
	HSQL_PERSON,		/* id -> 1 if it exists */
	HSQL_DOSSIER,
	HSQL_APPOINTMENT,
	HSQL_ADD,		/* kind, entity, entity_id, reason, by */
	HSQL_FIND,		/* id -> released_at IS NULL (FOR UPDATE) */
	HSQL_RELEASE,		/* by, id */
	HSQL_LIST,		/* -> id, kind, entity, entity_id, reason,
				   placed_at, placed_by */
	HSQL__MAX
};

static const char *const hold_sqls_v[] = {
	[HSQL_PERSON] = "SELECT 1 FROM person WHERE id = ?",
	[HSQL_DOSSIER] = "SELECT 1 FROM dossier WHERE id = ?",
	[HSQL_APPOINTMENT] = "SELECT 1 FROM appointment WHERE id = ?",
	[HSQL_ADD] =
	    "INSERT INTO legal_hold (kind, entity, entity_id, reason, "
	    "placed_at, placed_by) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), ?)",
	[HSQL_FIND] =
	    "SELECT released_at IS NULL FROM legal_hold WHERE id = ? "
	    "FOR UPDATE",
	[HSQL_RELEASE] =
	    "UPDATE legal_hold SET released_at = UTC_TIMESTAMP(6), "
	    "released_by = ? WHERE id = ?",
	[HSQL_LIST] =
	    "SELECT id, kind, entity, entity_id, reason, "
	    "DATE_FORMAT(placed_at, '%Y-%m-%d %H:%i'), placed_by "
	    "FROM legal_hold WHERE released_at IS NULL ORDER BY id",
};

static const struct db_table hold_sqls = { "hold", hold_sqls_v, HSQL__MAX };

/* The db_txn argument of add and release. */
struct hold {
	const char	*kind;
	const char	*entity;
	long long	 entity_id;
	const char	*reason;
	long long	 id;		/* release: the hold; add: the new id */
	int		 missing;	/* the entity or the hold is not there */
	int		 released;	/* release: it was already */
};

/* Record the hold and its audit event. */
static enum db_rc
add_txn(struct db *db, void *arg)
{
	struct hold		*h = arg;
	struct db_stmt		*st;
	struct actor		 act;
	struct audit_change	 ch[4];
	char			 name[80], id[24], target[24];
	size_t			 check;
	enum db_rc		 rc;

	check = strcmp(h->entity, "person") == 0 ? HSQL_PERSON :
	    strcmp(h->entity, "dossier") == 0 ? HSQL_DOSSIER :
	    HSQL_APPOINTMENT;
	if ((st = db_tstmt(db, &hold_sqls, check)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, h->entity_id);
	if ((rc = db_step(st)) == DB_OK) {
		h->missing = 1;
		return DB_OK;
	}
	if (rc != DB_ROW)
		return rc;
	db_reset(st);
	admin_actor(&act, name, sizeof(name));
	if ((st = db_tstmt(db, &hold_sqls, HSQL_ADD)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, h->kind);
	db_bind_text(st, 1, h->entity);
	db_bind_int(st, 2, h->entity_id);
	db_bind_text(st, 3, h->reason);
	db_bind_text(st, 4, act.name);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	h->id = (long long)db_insert_id(st);
	snprintf(id, sizeof(id), "%lld", h->id);
	snprintf(target, sizeof(target), "%lld", h->entity_id);
	ch[0] = (struct audit_change){ "kind", NULL, h->kind };
	ch[1] = (struct audit_change){ "entity", NULL, h->entity };
	ch[2] = (struct audit_change){ "entity_id", NULL, target };
	ch[3] = (struct audit_change){ "reason", NULL, h->reason };
	return audit_write(db, &act, "legal_hold", id, "place", ch, 4);
}

/* Release the hold and audit it. */
static enum db_rc
release_txn(struct db *db, void *arg)
{
	struct hold		*h = arg;
	struct db_stmt		*st;
	struct actor		 act;
	struct audit_change	 ch[1];
	char			 name[80], id[24];
	enum db_rc		 rc;

	if ((st = db_tstmt(db, &hold_sqls, HSQL_FIND)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, h->id);
	if ((rc = db_step(st)) == DB_OK) {
		h->missing = 1;
		return DB_OK;
	}
	if (rc != DB_ROW)
		return rc;
	h->released = db_col_int(st, 0) == 0;
	db_reset(st);
	if (h->released)
		return DB_OK;
	admin_actor(&act, name, sizeof(name));
	if ((st = db_tstmt(db, &hold_sqls, HSQL_RELEASE)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, act.name);
	db_bind_int(st, 1, h->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	snprintf(id, sizeof(id), "%lld", h->id);
	ch[0] = (struct audit_change){ "reason", NULL, h->reason };
	return audit_write(db, &act, "legal_hold", id, "release", ch, 1);
}

/* Is s one of the NULL-terminated words? */
static int
one_of(const char *s, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strcmp(s, *words) == 0)
			return 1;
	return 0;
}

/* A reason: required, at most HOLD_REASON_MAX bytes of valid UTF-8. */
static int
reason_ok(const char *s)
{
	return s != NULL && s[0] != '\0' && strlen(s) <= HOLD_REASON_MAX &&
	    utf8_valid(s, strlen(s));
}

/*
 * havre-admin hold add (--person|--dossier|--appointment) ID
 *     --kind appeal|litigation|supervisor --reason TEXT
 * Prints the hold's id. Returns ADMIN_OK, ADMIN_FAIL, ADMIN_USAGE.
 */
int
cmd_hold_add(struct admin *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "person", required_argument, NULL, 'P' },
		{ "dossier", required_argument, NULL, 'D' },
		{ "appointment", required_argument, NULL, 'A' },
		{ "kind", required_argument, NULL, 'k' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const kinds[] = { "appeal", "litigation",
	    "supervisor", NULL };
	struct hold	 h;
	struct db	*db;
	int		 c, targets = 0;

	memset(&h, 0, sizeof(h));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'P' || c == 'D' || c == 'A') {
			h.entity = c == 'P' ? "person" : c == 'D' ?
			    "dossier" : "appointment";
			targets++;
			if (!valid_int(optarg, 1, INT64_MAX, &h.entity_id))
				return admin_usage(a);
		} else if (c == 'k')
			h.kind = optarg;
		else if (c == 'r')
			h.reason = optarg;
		else
			return admin_usage(a);
	}
	if (optind != argc || targets != 1 || h.kind == NULL ||
	    !one_of(h.kind, kinds))
		return admin_usage(a);
	if (!reason_ok(h.reason)) {
		fprintf(stderr, "havre-admin: hold add: --reason is required "
		    "(at most %d bytes of UTF-8 text): say why the data must "
		    "be kept\n", HOLD_REASON_MAX);
		return ADMIN_USAGE;
	}
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	if (db_txn(db, add_txn, &h) != DB_OK) {
		fprintf(stderr, "havre-admin: hold add: %s\n", db_errmsg(db));
		return ADMIN_FAIL;
	}
	if (h.missing) {
		fprintf(stderr, "havre-admin: hold add: no %s %lld\n",
		    h.entity, h.entity_id);
		return ADMIN_FAIL;
	}
	printf("hold %lld placed on %s %lld\n", h.id, h.entity, h.entity_id);
	return ADMIN_OK;
}

/*
 * havre-admin hold release --id N --reason TEXT
 * Returns ADMIN_OK, ADMIN_FAIL (no such hold, already released, database
 * error), ADMIN_USAGE.
 */
int
cmd_hold_release(struct admin *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "id", required_argument, NULL, 'i' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct hold	 h;
	struct db	*db;
	int		 c;

	memset(&h, 0, sizeof(h));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'i' && valid_int(optarg, 1, INT64_MAX, &h.id))
			;
		else if (c == 'r')
			h.reason = optarg;
		else
			return admin_usage(a);
	}
	if (optind != argc || h.id == 0)
		return admin_usage(a);
	if (!reason_ok(h.reason)) {
		fprintf(stderr, "havre-admin: hold release: --reason is "
		    "required (at most %d bytes of UTF-8 text)\n",
		    HOLD_REASON_MAX);
		return ADMIN_USAGE;
	}
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	if (db_txn(db, release_txn, &h) != DB_OK) {
		fprintf(stderr, "havre-admin: hold release: %s\n",
		    db_errmsg(db));
		return ADMIN_FAIL;
	}
	if (h.missing || h.released) {
		fprintf(stderr, "havre-admin: hold release: hold %lld %s\n",
		    h.id, h.missing ? "does not exist" :
		    "was already released");
		return ADMIN_FAIL;
	}
	printf("hold %lld released\n", h.id);
	return ADMIN_OK;
}

/*
 * havre-admin hold list: the holds in force, one per line (tab
 * separated: id, kind, entity, id, placed at, by, reason).
 */
int
cmd_hold_list(struct admin *a, int argc, char **argv)
{
	struct db_stmt	*st;
	struct db	*db;
	enum db_rc	 rc;

	(void)argv;
	if (argc != 1)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	if ((st = db_tstmt(db, &hold_sqls, HSQL_LIST)) == NULL) {
		fprintf(stderr, "havre-admin: hold list: %s\n", db_errmsg(db));
		return ADMIN_FAIL;
	}
	while ((rc = db_step(st)) == DB_ROW)
		printf("%lld\t%s\t%s\t%lld\t%s\t%s\t%s\n",
		    (long long)db_col_int(st, 0), db_col_text(st, 1),
		    db_col_text(st, 2), (long long)db_col_int(st, 3),
		    db_col_text(st, 5), db_col_text(st, 6),
		    db_col_text(st, 4));
	if (rc != DB_OK) {
		fprintf(stderr, "havre-admin: hold list: %s\n", db_errmsg(db));
		return ADMIN_FAIL;
	}
	return ADMIN_OK;
}

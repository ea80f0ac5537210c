/*
 * apikey.c: `havre-admin apikey add|revoke|list`: keys for partner
 * systems. A key is "hvk_" and 64 hex characters (256 random bits); it
 * is printed once and only its BLAKE2b-256 hash is stored, so a copy of
 * the database does not give anyone a working key. Each key acts with
 * the permissions of one role.
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "admin.h"
#include "audit.h"
#include "crypto.h"
#include "db.h"
#include "valid.h"

#define APIKEY_PREFIX	"hvk_"
#define APIKEY_RANDOM	32			/* bytes of randomness */
#define APIKEY_LEN	(4 + APIKEY_RANDOM * 2)	/* 68 characters */

/* An `apikey add` or `apikey revoke` request, the db_txn argument. */
struct apikey_req {
	const char	*name;
	const char	*role;
	long long	 role_id;		/* add */
	unsigned char	 hash[32];		/* add */
	struct actor	 actor;
	int64_t		 id;			/* out */
	int		 found;			/* out (revoke) */
	int		 revoked;		/* out (revoke): already */
};

/*
 * Parse "--name NAME" and, when role is wanted, "--role ROLE" into k.
 * Returns 0, or -1 on a usage error.
 */
static int
apikey_args(struct apikey_req *k, int want_role, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	int	 c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			k->name = optarg;
			break;
		case 'r':
			if (!want_role)
				return -1;
			k->role = optarg;
			break;
		default:
			return -1;
		}
	}
	if (optind != argc || k->name == NULL || (want_role && k->role == NULL))
		return -1;
	return 0;
}

/*
 * Returns 1 if name is acceptable for a key: 1 to 100 characters, no
 * control characters (tabs included: `apikey list` separates with
 * them), else 0 after a message.
 */
static int
apikey_name_ok(const struct admin *a, const char *name)
{
	if (valid_string(name, 1, 100, 0) && strchr(name, '\t') == NULL)
		return 1;
	fprintf(stderr, "havre-admin: %s: bad key name: 1 to 100 characters, "
	    "no control characters\n", a->cmdname);
	return 0;
}

/*
 * Transaction of `apikey add`: the key and its audit event.
 * Returns DB_OK (k->id set), DB_DUP if the name exists, or another
 * database error.
 */
static enum db_rc
apikey_add_txn(struct db *db, void *arg)
{
	struct apikey_req	*k = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[2];
	char			 id[24];
	enum db_rc		 rc;

	if ((st = db_stmt(db, ASQL_APIKEY_ADD)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, k->name);
	db_bind_blob(st, 1, k->hash, sizeof(k->hash));
	db_bind_int(st, 2, k->role_id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	k->id = (int64_t)db_insert_id(st);
	snprintf(id, sizeof(id), "%lld", (long long)k->id);
	memset(ch, 0, sizeof(ch));
	ch[0].field = "name";
	ch[0].new_value = k->name;
	ch[1].field = "role";
	ch[1].new_value = k->role;
	return audit_write(db, &k->actor, "apikey", id, "create", ch, 2);
}

/*
 * havre-admin apikey add --name NAME --role ROLE
 * Create a key acting as ROLE and print it, alone on its line, on
 * stdout: the only time it is shown.
 * Returns ADMIN_OK, ADMIN_FAIL (unknown role, name taken, database) or
 * ADMIN_USAGE.
 */
int
cmd_apikey_add(struct admin *a, int argc, char **argv)
{
	struct apikey_req	 k;
	struct db		*db;
	char			 key[APIKEY_LEN + 1];
	char			 actor_name[80];
	enum db_rc		 rc;
	int			 status = ADMIN_FAIL;

	memset(&k, 0, sizeof(k));
	memset(key, 0, sizeof(key));
	if (apikey_args(&k, 1, argc, argv) == -1)
		return admin_usage(a);
	if (!apikey_name_ok(a, k.name))
		return ADMIN_FAIL;
	if (admin_role_id(a, k.role, &k.role_id) != 1)
		return ADMIN_FAIL;
	if ((db = admin_db(a)) == NULL || sodium_init() < 0)
		return ADMIN_FAIL;

	memcpy(key, APIKEY_PREFIX, 4);
	token_hex(key + 4, APIKEY_RANDOM);
	secret_hash(key, k.hash);
	admin_actor(&k.actor, actor_name, sizeof(actor_name));
	if ((rc = db_txn(db, apikey_add_txn, &k)) == DB_DUP) {
		fprintf(stderr, "havre-admin: %s: an API key named \"%s\" "
		    "already exists\n", a->cmdname, k.name);
		goto out;
	} else if (rc != DB_OK) {
		fprintf(stderr, "havre-admin: %s: cannot create the key: %s\n",
		    a->cmdname, db_errmsg(db));
		goto out;
	}
	printf("%s\n", key);
	fflush(stdout);
	fprintf(stderr, "API key \"%s\" (role %s) created. Store it now: it "
	    "will not be shown again.\n", k.name, k.role);
	status = ADMIN_OK;
out:
	sodium_memzero(key, sizeof(key));
	return status;
}

/*
 * Transaction of `apikey revoke`: lock the key, set revoked_at, write
 * the audit event. Returns DB_OK (see k->found and k->revoked) or a
 * database error.
 */
static enum db_rc
apikey_revoke_txn(struct db *db, void *arg)
{
	struct apikey_req	*k = arg;
	struct db_stmt		*st;
	struct audit_change	 ch;
	char			 id[24];
	enum db_rc		 rc;

	k->found = k->revoked = 0;
	if ((st = db_stmt(db, ASQL_APIKEY_FIND)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, k->name);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;	/* DB_OK: no such key */
	k->found = 1;
	k->id = db_col_int(st, 0);
	k->revoked = db_col_int(st, 1) != 0;
	db_reset(st);
	if (k->revoked)
		return DB_OK;
	if ((st = db_stmt(db, ASQL_APIKEY_REVOKE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, k->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	snprintf(id, sizeof(id), "%lld", (long long)k->id);
	memset(&ch, 0, sizeof(ch));
	ch.field = "revoked";
	ch.old_value = "0";
	ch.new_value = "1";
	return audit_write(db, &k->actor, "apikey", id, "revoke", &ch, 1);
}

/*
 * havre-admin apikey revoke --name NAME
 * Revoke the key: requests with it are refused from now on.
 * Returns ADMIN_OK, ADMIN_FAIL (no such key, already revoked, database)
 * or ADMIN_USAGE.
 */
int
cmd_apikey_revoke(struct admin *a, int argc, char **argv)
{
	struct apikey_req	 k;
	struct db		*db;
	char			 actor_name[80];

	memset(&k, 0, sizeof(k));
	if (apikey_args(&k, 0, argc, argv) == -1)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	admin_actor(&k.actor, actor_name, sizeof(actor_name));
	if (db_txn(db, apikey_revoke_txn, &k) != DB_OK) {
		fprintf(stderr, "havre-admin: %s: cannot revoke \"%s\": %s\n",
		    a->cmdname, k.name, db_errmsg(db));
		return ADMIN_FAIL;
	}
	if (!k.found) {
		fprintf(stderr, "havre-admin: %s: no API key \"%s\"\n",
		    a->cmdname, k.name);
		return ADMIN_FAIL;
	}
	if (k.revoked) {
		fprintf(stderr, "havre-admin: %s: API key \"%s\" is already "
		    "revoked\n", a->cmdname, k.name);
		return ADMIN_FAIL;
	}
	printf("revoked API key %s\n", k.name);
	return ADMIN_OK;
}

/*
 * havre-admin apikey list
 * Print one tab-separated line per key after a header: name, role,
 * created, last used, revoked (times in UTC, "-" for never) and the
 * number of recorded uses.
 * Returns ADMIN_OK, ADMIN_FAIL or ADMIN_USAGE.
 */
int
cmd_apikey_list(struct admin *a, int argc, char **argv)
{
	struct db	*db;
	struct db_stmt	*st;
	enum db_rc	 rc;

	if (argc != 1)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	if ((st = db_stmt(db, ASQL_APIKEY_LIST)) == NULL)
		goto dberr;
	printf("name\trole\tcreated\tlast_used\trevoked\tuses\n");
	while ((rc = db_step(st)) == DB_ROW)
		printf("%s\t%s\t%.19s\t%.19s\t%.19s\t%lld\n",
		    db_col_text(st, 0) ? db_col_text(st, 0) : "",
		    db_col_text(st, 1) ? db_col_text(st, 1) : "",
		    db_col_text(st, 2) ? db_col_text(st, 2) : "-",
		    db_col_text(st, 3) ? db_col_text(st, 3) : "-",
		    db_col_text(st, 4) ? db_col_text(st, 4) : "-",
		    (long long)db_col_int(st, 5));
	if (rc != DB_OK)
		goto dberr;
	return ADMIN_OK;
dberr:
	fprintf(stderr, "havre-admin: %s: cannot list API keys: %s\n",
	    a->cmdname, db_errmsg(db));
	return ADMIN_FAIL;
}

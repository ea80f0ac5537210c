/*
 * keys.c: `havre-admin keys init|new|list|retire|export-public`: the
 * Ed25519
 * keys that sign issued documents (libcertify, docs/certificates.md).
 * `keys init` is what an installation runs: a key only when none signs
 * now.
 *
 * A key's public half and validity are a row of signing_key; its
 * secret is the file Paths.Var/keys/sign-<id>.key (the 32-byte seed,
 * mode 0600), written before the row so no row ever lacks its secret,
 * and removed when the key is retired: a retired key must sign nothing
 * more, and a secret that no longer exists cannot be stolen to forge
 * documents dated within its old validity. Rotation: `keys new` makes
 * the next key (the program signs with the newest key valid now), then
 * `keys retire --id OLD` ends the old one; documents it signed stay
 * genuine, because verification takes the key the payload names and
 * checks the issue time against that key's validity.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "admin.h"
#include "audit.h"
#include "buf.h"
#include "certify.h"
#include "crypto.h"
#include "db.h"
#include "htime.h"

/* A `keys new` or `keys retire` request, the db_txn argument. */
struct key_req {
	char		 id[CERTIFY_KEYID_MAX + 1];
	unsigned char	 pk[CERTIFY_PK_LEN];
	char		 at[20];	/* now, YYYY-MM-DD HH:MM:SS (UTC) */
	struct actor	 actor;
	int		 found;		/* out (retire) */
	int		 retired;	/* out (retire): already */
};

/*
 * Parse "--id ID" (required when need_id) into k->id.
 * Returns 0, or -1 on a usage error or an invalid id (said).
 */
static int
key_args(const struct admin *a, struct key_req *k, int need_id, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "id", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 },
	};
	int	 c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'i')
			return -1;
		if (!certify_key_id_valid(optarg)) {
			fprintf(stderr, "havre-admin: %s: bad key id: 1 to %d "
			    "of a-z, 0-9 and -, not starting with -\n",
			    a->cmdname, CERTIFY_KEYID_MAX);
			return -1;
		}
		snprintf(k->id, sizeof(k->id), "%s", optarg);
	}
	if (optind != argc || (need_id && k->id[0] == '\0'))
		return -1;
	return 0;
}

/* now as "YYYY-MM-DD HH:MM:SS" (UTC) into out (20 bytes). */
static void
utc_text(time_t now, char out[20])
{
	struct tm	 tm;

	gmtime_r(&now, &tm);
	time_format_datetime(&tm, out);
}

/*
 * Transaction of `keys new`: the row and its audit event.
 * Returns DB_OK, DB_DUP if the id exists, or another database error.
 */
static enum db_rc
key_new_txn(struct db *db, void *arg)
{
	struct key_req		*k = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[2];
	char			 pkhex[CERTIFY_PK_LEN * 2 + 1];
	enum db_rc		 rc;

	if ((st = db_stmt(db, ASQL_KEY_ADD)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, k->id);
	db_bind_blob(st, 1, k->pk, sizeof(k->pk));
	db_bind_text(st, 2, k->at);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	sodium_bin2hex(pkhex, sizeof(pkhex), k->pk, sizeof(k->pk));
	memset(ch, 0, sizeof(ch));
	ch[0].field = "public_key";
	ch[0].new_value = pkhex;
	ch[1].field = "valid_from";
	ch[1].new_value = k->at;
	return audit_write(db, &k->actor, "signing_key", k->id, "create", ch,
	    2);
}

/*
 * havre-admin keys new [--id ID]
 * Make a key pair valid from now: the secret file, then the row. The
 * default id is k<YYYYMMDD>-<4 hex>. Prints the key's line of the
 * published file on stdout.
 * Returns ADMIN_OK, ADMIN_FAIL or ADMIN_USAGE.
 */
int
cmd_keys_new(struct admin *a, int argc, char **argv)
{
	struct key_req		 k;
	struct certify_signer	 s;
	struct buf		 line = {0};
	struct db		*db;
	unsigned char		 seed[CERTIFY_SEED_LEN];
	char			 actor_name[80], path[4096], rnd[5], day[9];
	time_t			 now;
	struct tm		 tm;
	enum db_rc		 rc;
	int			 status = ADMIN_FAIL;

	memset(&k, 0, sizeof(k));
	memset(&s, 0, sizeof(s));
	if (key_args(a, &k, 0, argc, argv) == -1)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL || sodium_init() < 0)
		return ADMIN_FAIL;
	now = time(NULL);
	if (k.id[0] == '\0') {
		gmtime_r(&now, &tm);
		strftime(day, sizeof(day), "%Y%m%d", &tm);
		token_hex(rnd, 2);
		snprintf(k.id, sizeof(k.id), "k%s-%s", day, rnd);
	}
	if (certify_key_path(a->conf.var, k.id, path, sizeof(path)) != 0) {
		fprintf(stderr, "havre-admin: %s: Paths.Var is not set\n",
		    a->cmdname);
		return ADMIN_FAIL;
	}
	certify_keypair_new(&s, seed);
	memcpy(k.pk, s.pub.pk, sizeof(k.pk));
	utc_text(now, k.at);
	if (certify_key_write(a->conf.var, k.id, seed) != 0) {
		fprintf(stderr, "havre-admin: %s: cannot write %s: %s\n",
		    a->cmdname, path, errno == EEXIST ?
		    "a key with this id exists" : strerror(errno));
		goto out;
	}
	admin_actor(&k.actor, actor_name, sizeof(actor_name));
	if ((rc = db_txn(db, key_new_txn, &k)) != DB_OK) {
		unlink(path);
		fprintf(stderr, "havre-admin: %s: %s\n", a->cmdname,
		    rc == DB_DUP ? "a key with this id exists" :
		    db_errmsg(db));
		goto out;
	}
	snprintf(s.pub.id, sizeof(s.pub.id), "%s", k.id);
	s.pub.valid_from = now;
	if (certify_pubkey_format(&s.pub, &line) != 0)
		goto out;
	fputs(line.data, stdout);
	fprintf(stderr, "key %s signs from %s UTC; its secret is %s (mode "
	    "0600). Publish the public keys again (keys export-public).\n",
	    k.id, k.at, path);
	status = ADMIN_OK;
out:
	sodium_memzero(seed, sizeof(seed));
	certify_signer_clear(&s);
	buf_free(&line);
	return status;
}

/*
 * Transaction of `keys retire`: lock the row, set retired_at and end
 * the validity now, write the audit event. Returns DB_OK (see
 * k->found and k->retired) or a database error.
 */
static enum db_rc
key_retire_txn(struct db *db, void *arg)
{
	struct key_req		*k = arg;
	struct db_stmt		*st;
	struct audit_change	 ch;
	enum db_rc		 rc;

	k->found = k->retired = 0;
	if ((st = db_stmt(db, ASQL_KEY_FIND)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, k->id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;	/* DB_OK: no such key */
	k->found = 1;
	k->retired = db_col_int(st, 0) != 0;
	db_reset(st);
	if (k->retired)
		return DB_OK;
	if ((st = db_stmt(db, ASQL_KEY_RETIRE)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, k->at);
	db_bind_text(st, 1, k->at);
	db_bind_text(st, 2, k->at);
	db_bind_text(st, 3, k->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	memset(&ch, 0, sizeof(ch));
	ch.field = "retired_at";
	ch.new_value = k->at;
	return audit_write(db, &k->actor, "signing_key", k->id, "retire", &ch,
	    1);
}

/*
 * havre-admin keys retire --id ID
 * End the key's validity now and remove its secret file.
 * Returns ADMIN_OK, ADMIN_FAIL (no such key, already retired, database)
 * or ADMIN_USAGE.
 */
int
cmd_keys_retire(struct admin *a, int argc, char **argv)
{
	struct key_req	 k;
	struct db	*db;
	char		 actor_name[80], path[4096];

	memset(&k, 0, sizeof(k));
	if (key_args(a, &k, 1, argc, argv) == -1)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	utc_text(time(NULL), k.at);
	admin_actor(&k.actor, actor_name, sizeof(actor_name));
	if (db_txn(db, key_retire_txn, &k) != DB_OK) {
		fprintf(stderr, "havre-admin: %s: cannot retire \"%s\": %s\n",
		    a->cmdname, k.id, db_errmsg(db));
		return ADMIN_FAIL;
	}
	if (!k.found) {
		fprintf(stderr, "havre-admin: %s: no key \"%s\"\n", a->cmdname,
		    k.id);
		return ADMIN_FAIL;
	}
	if (k.retired) {
		fprintf(stderr, "havre-admin: %s: key \"%s\" is already "
		    "retired\n", a->cmdname, k.id);
		return ADMIN_FAIL;
	}
	printf("retired key %s at %s UTC; documents it signed before stay "
	    "genuine\n", k.id, k.at);
	if (certify_key_path(a->conf.var, k.id, path, sizeof(path)) == 0 &&
	    unlink(path) != 0 && errno != ENOENT) {
		fprintf(stderr, "havre-admin: %s: cannot remove %s: %s; remove "
		    "it by hand\n", a->cmdname, path, strerror(errno));
		return ADMIN_FAIL;
	}
	return ADMIN_OK;
}

/*
 * Read the current row of ASQL_KEY_LIST into *k. Returns 0, or -1 if a
 * value is malformed.
 */
static int
key_row(struct db_stmt *st, struct certify_pubkey *k)
{
	const char	*id = db_col_text(st, 0);

	memset(k, 0, sizeof(*k));
	if (id == NULL || !certify_key_id_valid(id) ||
	    db_col_len(st, 4) != CERTIFY_PK_LEN ||
	    db_col_text(st, 1) == NULL ||
	    time_parse_utc(db_col_text(st, 1), &k->valid_from) != 0)
		return -1;
	snprintf(k->id, sizeof(k->id), "%s", id);
	if (db_col_text(st, 2) != NULL &&
	    time_parse_utc(db_col_text(st, 2), &k->valid_until) != 0)
		return -1;
	memcpy(k->pk, db_col_text(st, 4), CERTIFY_PK_LEN);
	return 0;
}

/* Returns 1 if key id's secret file is in this host's Paths.Var. */
static int
secret_present(const struct admin *a, const char *id)
{
	struct stat	 sb;
	char		 path[4096];

	return certify_key_path(a->conf.var, id, path, sizeof(path)) == 0 &&
	    stat(path, &sb) == 0;
}

/*
 * havre-admin keys list
 * One tab-separated line per key after a header: id, valid from, valid
 * until, retired (UTC, "-" for none), whether the secret file is
 * present here, and the public key (base64url).
 * Returns ADMIN_OK, ADMIN_FAIL or ADMIN_USAGE.
 */
int
cmd_keys_list(struct admin *a, int argc, char **argv)
{
	struct certify_pubkey	 k;
	struct db		*db;
	struct db_stmt		*st;
	char			 b64[64];
	enum db_rc		 rc;

	if (argc != 1)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	if ((st = db_stmt(db, ASQL_KEY_LIST)) == NULL)
		goto dberr;
	printf("id\tvalid_from\tvalid_until\tretired\tsecret\tpublic_key\n");
	while ((rc = db_step(st)) == DB_ROW) {
		if (key_row(st, &k) != 0) {
			fprintf(stderr, "havre-admin: %s: a malformed row\n",
			    a->cmdname);
			db_reset(st);
			return ADMIN_FAIL;
		}
		sodium_bin2base64(b64, sizeof(b64), k.pk, sizeof(k.pk),
		    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		printf("%s\t%s\t%s\t%s\t%s\t%s\n", k.id, db_col_text(st, 1),
		    db_col_text(st, 2) ? db_col_text(st, 2) : "-",
		    db_col_text(st, 3) ? db_col_text(st, 3) : "-",
		    secret_present(a, k.id) ? "present" : "missing", b64);
	}
	if (rc != DB_OK)
		goto dberr;
	return ADMIN_OK;
dberr:
	fprintf(stderr, "havre-admin: %s: cannot list keys: %s\n", a->cmdname,
	    db_errmsg(db));
	return ADMIN_FAIL;
}

/*
 * havre-admin keys export-public
 * Print the published key file: a comment, then every key (retired
 * ones too: their documents still verify), one per line, as
 * certify_keyring_parse() reads it.
 * Returns ADMIN_OK, ADMIN_FAIL or ADMIN_USAGE.
 */
int
cmd_keys_export(struct admin *a, int argc, char **argv)
{
	struct certify_keyring	 ring = {0};
	struct certify_pubkey	 k;
	struct db		*db;
	struct db_stmt		*st;
	struct buf		 out = {0};
	enum db_rc		 rc;
	int			 status = ADMIN_FAIL;

	if (argc != 1)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	if ((st = db_stmt(db, ASQL_KEY_LIST)) == NULL)
		goto dberr;
	while ((rc = db_step(st)) == DB_ROW) {
		if (key_row(st, &k) != 0 ||
		    certify_keyring_add(&ring, &k) != 0) {
			fprintf(stderr, "havre-admin: %s: key %s cannot be "
			    "exported\n", a->cmdname, k.id);
			db_reset(st);
			goto out;
		}
		/* Retired in the second it began: left out of the file. */
		if (certify_pubkey_signed_nothing(&k))
			fprintf(stderr, "havre-admin: %s: key %s left out: "
			    "never in force\n", a->cmdname, k.id);
	}
	if (rc != DB_OK)
		goto dberr;
	if (certify_keyfile_format(&ring, &out) != 0)
		goto out;
	fputs(out.data, stdout);
	status = ADMIN_OK;
	goto out;
dberr:
	fprintf(stderr, "havre-admin: %s: cannot read keys: %s\n", a->cmdname,
	    db_errmsg(db));
out:
	certify_keyring_free(&ring);
	buf_free(&out);
	return status;
}

/*
 * havre-admin keys init
 * What an installation (or contrib/dev up) runs: when a key signs now
 * (not retired, within its validity, its secret file here), print its
 * id and change nothing; else make one as `keys new` does. Safe to run
 * at every start.
 * Returns ADMIN_OK, ADMIN_FAIL or ADMIN_USAGE.
 */
int
cmd_keys_init(struct admin *a, int argc, char **argv)
{
	struct certify_pubkey	 k;
	struct db		*db;
	struct db_stmt		*st;
	char			 found[CERTIFY_KEYID_MAX + 1] = "";
	time_t			 now = time(NULL);
	enum db_rc		 rc;

	if (argc != 1)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	if ((st = db_stmt(db, ASQL_KEY_LIST)) == NULL)
		goto dberr;
	while ((rc = db_step(st)) == DB_ROW) {
		if (key_row(st, &k) != 0 || db_col_text(st, 3) != NULL ||
		    k.valid_from > now ||
		    (k.valid_until != 0 && k.valid_until <= now))
			continue;
		if (secret_present(a, k.id))
			snprintf(found, sizeof(found), "%s", k.id);
	}
	if (rc != DB_OK)
		goto dberr;
	if (found[0] != '\0') {
		printf("%s\n", found);
		fprintf(stderr, "key %s signs now: nothing to do\n", found);
		return ADMIN_OK;
	}
	return cmd_keys_new(a, argc, argv);
dberr:
	fprintf(stderr, "havre-admin: %s: cannot list keys: %s\n", a->cmdname,
	    db_errmsg(db));
	return ADMIN_FAIL;
}

/*
 * main.c: havre-admin's entry point: global options, the command
 * table, the program's SQL table, and the dispatch between them.
 *   havre-admin [--config FILE] COMMAND [ARGS ...]
 * Exit status: 0 done, 1 failed, 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "audit.h"
#include "buf.h"
#include "db.h"
#include "log.h"
#include "person.h"

/*
 * Every statement of havre-admin. Placeholders only. The table below
 * must stay identical to the one in sql/migrations/0001_*.sql: the tool
 * creates it before it can read which migrations were applied.
 */
/* Multi-row VALUES lists for the import's batched INSERTs. */
#define IMPORT_ROWS5(r)		r ", " r ", " r ", " r ", " r
#define IMPORT_ROWS20(r)	IMPORT_ROWS5(r) ", " IMPORT_ROWS5(r) ", " \
	IMPORT_ROWS5(r) ", " IMPORT_ROWS5(r)
#define IMPORT_ROWS100(r)	IMPORT_ROWS20(r) ", " IMPORT_ROWS20(r) ", " \
	IMPORT_ROWS20(r) ", " IMPORT_ROWS20(r) ", " IMPORT_ROWS20(r)
#define IMPORT_ROWS500(r)	IMPORT_ROWS100(r) ", " IMPORT_ROWS100(r) ", " \
	IMPORT_ROWS100(r) ", " IMPORT_ROWS100(r) ", " IMPORT_ROWS100(r)

#define IMPORT_ROWS50(r)	IMPORT_ROWS20(r) ", " IMPORT_ROWS20(r) ", " \
	IMPORT_ROWS5(r) ", " IMPORT_ROWS5(r)
/* The person columns an import writes, a row of them, and the update
 * of an existing (source, source_id). */
#define IMPORT_PERSON_COLS \
	"(family_name, given_names, family_name_latin, given_names_latin," \
	" sex, birth_year, birth_month, birth_day, birth_precision," \
	" birth_place, nationality, father_name, mother_name, source," \
	" source_id, created_at, updated_at, version)"
#define IMPORT_PERSON_ROW \
	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6)," \
	" UTC_TIMESTAMP(6), 1)"
#define IMPORT_PERSON_UPDATE \
	" family_name = VALUES(family_name)," \
	" given_names = VALUES(given_names)," \
	" family_name_latin = VALUES(family_name_latin)," \
	" given_names_latin = VALUES(given_names_latin)," \
	" sex = VALUES(sex), birth_year = VALUES(birth_year)," \
	" birth_month = VALUES(birth_month), birth_day = VALUES(birth_day)," \
	" birth_precision = VALUES(birth_precision)," \
	" birth_place = VALUES(birth_place)," \
	" nationality = VALUES(nationality)," \
	" father_name = VALUES(father_name)," \
	" mother_name = VALUES(mother_name)," \
	" updated_at = UTC_TIMESTAMP(6), version = version + 1"

/* The fingerprint of a person's identifying fields (person.h): the
 * one havre-identity stores with an agent's decision. */
#define IMPORT_FP(col)	PERSON_FINGERPRINT(col)

/* The review queue's upsert (ASQL_IMPORT_PAIR[S]): one row, or 50. */
#define IMPORT_PAIR_INSERT \
	"INSERT INTO duplicate_pair (person_a, person_b, status, origin," \
	" score, class, explanation, detected_at) VALUES "
#define IMPORT_PAIR_ROW \
	"(?, ?, 'pending', 'import', ?, ?, ?, UTC_TIMESTAMP(6))"
#define IMPORT_PAIR_UPDATE \
	" ON DUPLICATE KEY UPDATE" \
	" status = IF(status = 'distinct' AND fingerprint_a = " \
	IMPORT_FP("person_a") " AND fingerprint_b = " IMPORT_FP("person_b") \
	", status, IF(status IN ('merged', 'same'), status, 'pending'))," \
	" origin = IF(status = 'pending', 'import', origin)," \
	" score = VALUES(score), class = VALUES(class)," \
	" explanation = VALUES(explanation), version = version + 1"

static const char *const admin_sqls[ASQL__MAX] = {
	[ASQL_MIGRATION_CREATE] =
	    "CREATE TABLE IF NOT EXISTS schema_migration ("
	    " version INT NOT NULL,"
	    " name VARCHAR(255) NOT NULL,"
	    " checksum CHAR(64) CHARACTER SET ascii NOT NULL,"
	    " applied_at DATETIME(6) NOT NULL,"
	    " PRIMARY KEY (version)"
	    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
	    " COLLATE=utf8mb4_unicode_ci",
	[ASQL_MIGRATION_LIST] =
	    "SELECT version, name, checksum, applied_at"
	    " FROM schema_migration ORDER BY version",
	[ASQL_MIGRATION_ADD] =
	    "INSERT INTO schema_migration (version, name, checksum,"
	    " applied_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6))",
	[ASQL_ROLE_LIST] =
	    "SELECT id, name FROM role ORDER BY name",
	[ASQL_AGENT_ADD] =
	    "INSERT INTO agent (username, display_name, email, lang,"
	    " password_hash, must_change_password, disabled, created_at,"
	    " updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, UTC_TIMESTAMP(6),"
	    " UTC_TIMESTAMP(6))",
	[ASQL_AGENT_ROLE_ADD] =
	    "INSERT INTO agent_role (agent_id, role_id) VALUES (?, ?)",
	[ASQL_AGENT_FIND] =
	    "SELECT id, disabled FROM agent WHERE username = ? FOR UPDATE",
	[ASQL_AGENT_PASSWD] =
	    "UPDATE agent SET password_hash = ?, must_change_password = ?,"
	    " updated_at = UTC_TIMESTAMP(6), version = version + 1"
	    " WHERE id = ?",
	[ASQL_AGENT_DISABLE] =
	    "UPDATE agent SET disabled = ?, updated_at = UTC_TIMESTAMP(6),"
	    " version = version + 1 WHERE id = ?",
	[ASQL_AGENT_SESSIONS_REVOKE] =
	    "UPDATE session SET revoked_at = UTC_TIMESTAMP(6)"
	    " WHERE agent_id = ? AND revoked_at IS NULL",
	[ASQL_AGENT_LIST] =
	    "SELECT a.username, a.display_name,"
	    " COALESCE(GROUP_CONCAT(r.name ORDER BY r.name SEPARATOR ','), ''),"
	    " a.disabled, a.must_change_password"
	    " FROM agent a LEFT JOIN agent_role ar ON ar.agent_id = a.id"
	    " LEFT JOIN role r ON r.id = ar.role_id"
	    " GROUP BY a.id, a.username, a.display_name, a.disabled,"
	    " a.must_change_password ORDER BY a.username",
	[ASQL_APIKEY_ADD] =
	    "INSERT INTO api_key (name, key_hash, role_id, created_at)"
	    " VALUES (?, ?, ?, UTC_TIMESTAMP(6))",
	[ASQL_APIKEY_FIND] =
	    "SELECT id, revoked_at IS NOT NULL FROM api_key WHERE name = ?"
	    " FOR UPDATE",
	[ASQL_APIKEY_REVOKE] =
	    "UPDATE api_key SET revoked_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[ASQL_APIKEY_LIST] =
	    "SELECT k.name, r.name, k.created_at, k.last_used_at,"
	    " k.revoked_at,"
	    " (SELECT COUNT(*) FROM api_key_use u WHERE u.api_key_id = k.id)"
	    " FROM api_key k JOIN role r ON r.id = k.role_id ORDER BY k.name",
	[ASQL_AUDIT_EVENT] =
	    "SELECT entity, entity_id, action FROM audit_event WHERE seq = ?",
	/* import.c. Upsert on (source, source_id): LAST_INSERT_ID(id)
	 * hands back the id of an updated row too; affected rows are 1
	 * for an insert, 2 for an update. */
	[ASQL_IMPORT_PERSON] =
	    "INSERT INTO person " IMPORT_PERSON_COLS " VALUES "
	    IMPORT_PERSON_ROW " ON DUPLICATE KEY UPDATE"
	    " id = LAST_INSERT_ID(id)," IMPORT_PERSON_UPDATE,
	/* The same for 50 rows of one source; their ids are read back
	 * with ASQL_IMPORT_IDS (ids are never assumed contiguous). */
	[ASQL_IMPORT_PERSONS] =
	    "INSERT INTO person " IMPORT_PERSON_COLS " VALUES "
	    IMPORT_ROWS50(IMPORT_PERSON_ROW) " ON DUPLICATE KEY UPDATE"
	    IMPORT_PERSON_UPDATE,
	[ASQL_IMPORT_IDS] =
	    "SELECT id, source_id, version FROM person WHERE source = ?"
	    " AND source_id"
	    " IN (" IMPORT_ROWS50("?") ")",
	[ASQL_IMPORT_KEYS_DELETE] =
	    "DELETE FROM person_name_key WHERE person_id = ?",
	[ASQL_IMPORT_KEYS] =
	    "INSERT IGNORE INTO person_name_key (`key`, person_id) VALUES "
	    IMPORT_ROWS500("(?, ?)"),
	[ASQL_IMPORT_KEYS_TAIL] =
	    "INSERT IGNORE INTO person_name_key (`key`, person_id) VALUES "
	    IMPORT_ROWS100("(?, ?)"),
	/* Around the inserts of rows whose person the same transaction
	 * just wrote (import.c: batch_txn says why that is safe). */
	[ASQL_IMPORT_FK_OFF] = "SET SESSION foreign_key_checks = 0",
	[ASQL_IMPORT_FK_ON] = "SET SESSION foreign_key_checks = 1",
	[ASQL_IMPORT_DOCS] =
	    "INSERT IGNORE INTO person_document (person_id, doc_type, number,"
	    " number_norm, created_at) VALUES "
	    IMPORT_ROWS20("(?, ?, ?, ?, UTC_TIMESTAMP(6))"),
	[ASQL_IMPORT_PHONES] =
	    "INSERT IGNORE INTO person_contact (person_id, kind, value,"
	    " created_at) VALUES "
	    IMPORT_ROWS20("(?, 'phone', ?, UTC_TIMESTAMP(6))"),
	/* The register's persons, a page at a time, for the duplicate pass
	 * (import.c: register_load). */
	[ASQL_IMPORT_REGISTER] =
	    "SELECT p.id, family_name, given_names, father_name, mother_name,"
	    " COALESCE(sex, ''), birth_year, birth_month, birth_day,"
	    " birth_precision + 0, COALESCE(nationality, ''), source,"
	    " COALESCE(source_id, ''),"
	    " COALESCE((SELECT MIN(d.number_norm) FROM person_document d"
	    " WHERE d.person_id = p.id), ''),"
	    " COALESCE((SELECT MIN(c.value) FROM person_contact c"
	    " WHERE c.person_id = p.id), ''), COALESCE(birth_place, '')"
	    " FROM person p WHERE p.id > ? AND p.status = 'active'"
	    " ORDER BY p.id LIMIT ?",
	[ASQL_IMPORT_ACTIVE] =
	    "SELECT COUNT(*) FROM person WHERE status = 'active'",
	/* A pair scoring probable or above goes to the review queue of
	 * havre-identity as pending, unless an agent decided it is not
	 * the same person and neither record changed in an identifying
	 * field since (the fingerprint is the person library's,
	 * PERSON_FINGERPRINT), or it is merged or waiting for its
	 * merge. */
	[ASQL_IMPORT_PAIR] =
	    IMPORT_PAIR_INSERT IMPORT_PAIR_ROW IMPORT_PAIR_UPDATE,
	[ASQL_IMPORT_PAIRS] =
	    IMPORT_PAIR_INSERT IMPORT_ROWS50(IMPORT_PAIR_ROW)
	    IMPORT_PAIR_UPDATE,
	/* keys.c: the keys that sign issued documents (times in UTC,
	 * whole seconds: the payload's issue time has no fraction) */
	[ASQL_KEY_ADD] =
	    "INSERT INTO signing_key (id, public_key, valid_from, created_at)"
	    " VALUES (?, ?, ?, UTC_TIMESTAMP(6))",
	[ASQL_KEY_FIND] =
	    "SELECT retired_at IS NOT NULL FROM signing_key WHERE id = ?"
	    " FOR UPDATE",
	/* retiring ends the validity there, unless it ended before */
	[ASQL_KEY_RETIRE] =
	    "UPDATE signing_key SET retired_at = ?,"
	    " valid_until = IF(valid_until IS NULL OR valid_until > ?, ?,"
	    " valid_until), version = version + 1 WHERE id = ?",
	[ASQL_KEY_LIST] =
	    "SELECT id, DATE_FORMAT(valid_from, '%Y-%m-%d %H:%i:%s'),"
	    " DATE_FORMAT(valid_until, '%Y-%m-%d %H:%i:%s'),"
	    " DATE_FORMAT(retired_at, '%Y-%m-%d %H:%i:%s'), public_key"
	    " FROM signing_key ORDER BY valid_from, id",
};

/* A command: its words ("migrate", "user add"), usage, help, function. */
struct admin_cmd {
	const char	*name;
	const char	*usage;
	const char	*help;
	admin_cmd_fn	 fn;
};

static const struct admin_cmd cmds[] = {
	{ "migrate", "migrate [--status]",
	    "apply pending schema migrations (--status: list them)",
	    cmd_migrate },
	{ "user add", "user add --username U [--role ROLE ...]"
	    " --password-file F [--display-name NAME] [--email E]"
	    " [--lang en|fr|ar] [--temporary]",
	    "create an agent (password read from F, - for stdin)",
	    cmd_user_add },
	{ "user passwd", "user passwd --username U --password-file F"
	    " [--temporary]",
	    "set an agent's password and end its sessions",
	    cmd_user_passwd },
	{ "user disable", "user disable --username U",
	    "disable an agent and end its sessions", cmd_user_disable },
	{ "user enable", "user enable --username U",
	    "enable a disabled agent", cmd_user_enable },
	{ "user list", "user list", "list agents with their roles",
	    cmd_user_list },
	{ "apikey add", "apikey add --name NAME --role ROLE",
	    "create an API key (printed once)", cmd_apikey_add },
	{ "apikey revoke", "apikey revoke --name NAME",
	    "revoke an API key", cmd_apikey_revoke },
	{ "apikey list", "apikey list", "list API keys and their use",
	    cmd_apikey_list },
	{ "audit-verify", "audit-verify",
	    "check the audit trail's hash chain", cmd_audit_verify },
	{ "import-persons", "import-persons FILE.csv "
	    "[--duplicates OUT.csv | --no-duplicate-pass]",
	    "import persons from a legacy CSV (idempotent on source,"
	    " source_id)", cmd_import_persons },
	{ "persons rekey", "persons rekey [--batch N] [--pause MS] [--from ID]"
	    " [--non-ascii]",
	    "bring the persons' search keys up to this build's matcher"
	    " (after a change to its rules)", cmd_persons_rekey },
	{ "persons frequencies", "persons frequencies [--min N]",
	    "count the register's common name keys for the searches"
	    " (nightly from cron; import-persons and rekey do it too)",
	    cmd_persons_frequencies },
	{ "files verify", "files verify",
	    "re-hash every stored file; name any missing or altered",
	    cmd_files_verify },
	{ "files sweep", "files sweep [--min-age SECONDS]",
	    "remove stored files without a row (default: an hour old)",
	    cmd_files_sweep },
	{ "grants", "grants [--host HOST] [--accounts]",
	    "print the SQL giving each program its own database account",
	    cmd_grants },
	{ "backup", "backup --to DIR",
	    "back up the database (mariadb-backup) and the document store",
	    cmd_backup },
	{ "keys init", "keys init",
	    "make a signing key unless one signs now (for installations)",
	    cmd_keys_init },
	{ "keys new", "keys new [--id ID]",
	    "make a key that signs issued documents from now on",
	    cmd_keys_new },
	{ "keys list", "keys list",
	    "list the signing keys, their validity and secret files",
	    cmd_keys_list },
	{ "keys retire", "keys retire --id ID",
	    "stop a key signing (what it signed stays genuine)",
	    cmd_keys_retire },
	{ "keys export-public", "keys export-public",
	    "print the public key file havre-verify and third parties use",
	    cmd_keys_export },
	{ "purge", "purge [--dry-run] [--category C] [--batch N] [--pause MS]",
	    "apply the retention rules (--dry-run: list what would go and"
	    " why)", cmd_purge },
	{ "hold add", "hold add (--person|--dossier|--appointment) ID"
	    " --kind appeal|litigation|supervisor --reason TEXT",
	    "place a legal hold: the purge keeps what it covers",
	    cmd_hold_add },
	{ "hold release", "hold release --id N --reason TEXT",
	    "release a legal hold", cmd_hold_release },
	{ "hold list", "hold list", "list the legal holds in force",
	    cmd_hold_list },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

/*
 * Print the global usage and the command list to f.
 */
static void
usage_all(FILE *f)
{
	size_t	 i;

	fprintf(f, "usage: havre-admin [--config FILE] COMMAND [ARGS ...]\n"
	    "commands:\n");
	for (i = 0; i < NCMDS; i++)
		if (strlen(cmds[i].usage) <= 28)
			fprintf(f, "  %-28s %s\n", cmds[i].usage, cmds[i].help);
		else	/* long usage: the help goes on the next line */
			fprintf(f, "  %s\n  %-28s %s\n", cmds[i].usage, "",
			    cmds[i].help);
}

/*
 * Print the current command's usage on stderr.
 * Returns ADMIN_USAGE.
 */
int
admin_usage(const struct admin *a)
{
	fprintf(stderr, "usage: havre-admin [--config FILE] %s\n", a->usage);
	return ADMIN_USAGE;
}

/*
 * The database handle, connected on first use.
 * Returns it, or NULL after printing why on stderr.
 */
struct db *
admin_db(struct admin *a)
{
	if (a->db == NULL &&
	    (a->db = db_new(&a->conf, admin_sqls, ASQL__MAX)) == NULL) {
		fprintf(stderr, "havre-admin: out of memory\n");
		return NULL;
	}
	if (db_ping(a->db) != DB_OK) {
		fprintf(stderr, "havre-admin: cannot connect to the database "
		    "%s: %s\n", a->conf.db_name, db_errmsg(a->db));
		return NULL;
	}
	return a->db;
}

/*
 * Fill a with the command-line operator: the login behind sudo, else
 * $USER, else the numeric uid, as "cli:<who>" in name (namesz bytes).
 */
void
admin_actor(struct actor *act, char *name, size_t namesz)
{
	const char	*who;

	memset(act, 0, sizeof(*act));
	if (((who = getenv("SUDO_USER")) != NULL && *who != '\0') ||
	    ((who = getenv("USER")) != NULL && *who != '\0'))
		snprintf(name, namesz, "cli:%.60s", who);
	else
		snprintf(name, namesz, "cli:%lu", (unsigned long)getuid());
	act->name = name;
	act->reqid = "cli";
}

/* See admin.h. */
void
admin_pause_ms(long long ms)
{
	struct timespec	ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1)
		;
}

/*
 * Look up role name. Returns 1 and its id in *id, 0 if there is no such
 * role (after listing the valid ones on stderr), -1 on a database error
 * (printed).
 */
int
admin_role_id(struct admin *a, const char *name, long long *id)
{
	struct db	*db;
	struct db_stmt	*st;
	struct buf	 names = {0};
	enum db_rc	 rc;
	int		 found = 0;

	if ((db = admin_db(a)) == NULL)
		return -1;
	if ((st = db_stmt(db, ASQL_ROLE_LIST)) == NULL)
		goto dberr;
	while ((rc = db_step(st)) == DB_ROW) {
		if (db_col_text(st, 1) == NULL)
			continue;
		if (strcmp(db_col_text(st, 1), name) == 0) {
			*id = db_col_int(st, 0);
			found = 1;
		}
		buf_puts(&names, names.len > 0 ? ", " : "");
		buf_puts(&names, db_col_text(st, 1));
	}
	if (rc != DB_OK)
		goto dberr;
	if (!found)
		fprintf(stderr, "havre-admin: %s: unknown role \"%s\"; valid "
		    "roles: %s\n", a->cmdname, name,
		    names.data != NULL ? names.data : "(none)");
	buf_free(&names);
	return found;
dberr:
	buf_free(&names);
	fprintf(stderr, "havre-admin: %s: cannot read roles: %s\n",
	    a->cmdname, db_errmsg(db));
	return -1;
}

/*
 * How many leading words of argv (argc of them) spell the command
 * name (words separated by one space). Returns that count, or 0 if the
 * name does not match.
 */
static int
cmd_match(const char *name, int argc, char **argv)
{
	const char	*p, *sp;
	size_t		 wlen;
	int		 n;

	for (n = 0, p = name; *p != '\0'; n++) {
		sp = strchr(p, ' ');
		wlen = sp != NULL ? (size_t)(sp - p) : strlen(p);
		if (n >= argc || strlen(argv[n]) != wlen ||
		    strncmp(argv[n], p, wlen) != 0)
			return 0;
		p += wlen;
		if (*p == ' ')
			p++;
	}
	return n;
}

/*
 * Parse the global options, find the command (the longest name that
 * matches the next words), load the configuration and run it.
 * Returns the command's exit status, ADMIN_USAGE for bad arguments or
 * ADMIN_FAIL if the configuration cannot be loaded.
 */
int
main(int argc, char **argv)
{
	struct admin		 a;
	const struct admin_cmd	*cmd = NULL;
	const char		*config = NULL;
	int			 i, n, best = 0, rc;
	size_t			 c;

	memset(&a, 0, sizeof(a));
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "--config") == 0 ||
		    strcmp(argv[i], "-c") == 0) {
			if (++i >= argc) {
				usage_all(stderr);
				return ADMIN_USAGE;
			}
			config = argv[i];
		} else if (strncmp(argv[i], "--config=", 9) == 0) {
			config = argv[i] + 9;
		} else if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			usage_all(stdout);
			return ADMIN_OK;
		} else {
			fprintf(stderr, "havre-admin: unknown option %s\n",
			    argv[i]);
			usage_all(stderr);
			return ADMIN_USAGE;
		}
	}
	if (i >= argc) {
		usage_all(stderr);
		return ADMIN_USAGE;
	}
	if (strcmp(argv[i], "help") == 0) {
		usage_all(stdout);
		return ADMIN_OK;
	}
	for (c = 0; c < NCMDS; c++)
		if ((n = cmd_match(cmds[c].name, argc - i, argv + i)) > best) {
			best = n;
			cmd = &cmds[c];
		}
	if (cmd == NULL) {
		fprintf(stderr, "havre-admin: unknown command %s\n", argv[i]);
		usage_all(stderr);
		return ADMIN_USAGE;
	}

	log_open("havre-admin", NULL);
	if (conf_load(&a.conf, config) == -1)
		return ADMIN_FAIL;
	/* migrate changes the schema and purge redacts the audit trail:
	 * they run as the schema owner, DB.User; every other command as
	 * havre-admin's own account when there is one (DB.Accounts.admin,
	 * docs/database-accounts.md). */
	if (cmd->fn != cmd_migrate && cmd->fn != cmd_purge &&
	    conf_use_account(&a.conf, "havre-admin") == -1) {
		conf_free(&a.conf);
		return ADMIN_FAIL;
	}
	a.cmdname = cmd->name;
	a.usage = cmd->usage;
	/* argv[0] of the command is its last word. */
	rc = cmd->fn(&a, argc - i - best + 1, argv + i + best - 1);
	db_free(&a.db);
	conf_free(&a.conf);
	log_close();
	return rc;
}

/*
 * main.c: havre-admin's entry point: global options, the command
 * table, the program's SQL table, and the dispatch between them.
 *   havre-admin [--config FILE] COMMAND [ARGS ...]
 * Exit status: 0 done, 1 failed, 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "audit.h"
#include "buf.h"
#include "db.h"
#include "log.h"

/*
 * Every statement of havre-admin. Placeholders only. The table below
 * must stay identical to the one in sql/migrations/0001_*.sql: the tool
 * creates it before it can read which migrations were applied.
 */
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
	a.cmdname = cmd->name;
	a.usage = cmd->usage;
	/* argv[0] of the command is its last word. */
	rc = cmd->fn(&a, argc - i - best + 1, argv + i + best - 1);
	db_free(&a.db);
	conf_free(&a.conf);
	log_close();
	return rc;
}

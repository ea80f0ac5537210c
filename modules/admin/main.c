/*
 * main.c: havre-admin's entry point: global options, the command
 * table, the program's SQL table, and the dispatch between them.
 *   havre-admin [--config FILE] COMMAND [ARGS ...]
 * Exit status: 0 done, 1 failed, 2 usage error.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
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
		fprintf(f, "  %-28s %s\n", cmds[i].usage, cmds[i].help);
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

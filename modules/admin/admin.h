/*
 * admin.h: havre-admin, the operator's command-line tool. Each command
 * is one row of the table in main.c plus one function in its own file;
 * the program's SQL is one enum-indexed table (admin_sqls[] in main.c).
 *
 * To add a command: declare cmd_<name>() below, write it in
 * modules/admin/<name>.c (add the file to havre_admin_SOURCES), and add
 * its row to cmds[] in main.c. Its SQL goes into enum admin_sql here
 * and admin_sqls[] in main.c.
 */
#ifndef HAVRE_ADMIN_H
#define HAVRE_ADMIN_H

#include <stddef.h>

#include "conf.h"

/* Exit statuses of havre-admin and of every command. */
#define ADMIN_OK	0	/* done */
#define ADMIN_FAIL	1	/* failed: a message is on stderr */
#define ADMIN_USAGE	2	/* bad arguments: usage is on stderr */

/* What every command gets. */
struct admin {
	struct conf	 conf;		/* loaded before the command runs */
	struct db	*db;		/* NULL until admin_db() */
	const char	*cmdname;	/* the command's words, for messages */
	const char	*usage;		/* the command's usage line */
};

/*
 * A command: argv[0] is the command's last word, argv[1..argc-1] its
 * own arguments (so getopt(3) works as usual). Returns an ADMIN_ exit
 * status.
 */
typedef int (*admin_cmd_fn)(struct admin *, int argc, char **argv);

/* The database, connected on first use. Returns NULL after printing
 * why on stderr (the command should return ADMIN_FAIL). */
struct db	*admin_db(struct admin *);
/* Print "usage: havre-admin [--config FILE] <usage>" on stderr and
 * return ADMIN_USAGE. */
int		 admin_usage(const struct admin *);

/* The program's SQL (admin_sqls[] in main.c). */
enum admin_sql {
	ASQL_MIGRATION_CREATE,	/* schema_migration, if missing */
	ASQL_MIGRATION_LIST,	/* -> version, name, checksum, applied_at */
	ASQL_MIGRATION_ADD,	/* version, name, checksum */
	/* user.c, apikey.c */
	ASQL_ROLE_LIST,		/* -> id, name */
	ASQL_AGENT_ADD,		/* username, display_name, email, lang,
				   password_hash, must_change_password */
	ASQL_AGENT_ROLE_ADD,	/* agent_id, role_id */
	ASQL_AGENT_FIND,	/* username -> id, disabled (FOR UPDATE) */
	ASQL_AGENT_PASSWD,	/* password_hash, must_change_password, id */
	ASQL_AGENT_DISABLE,	/* disabled, id */
	ASQL_AGENT_SESSIONS_REVOKE, /* agent_id */
	ASQL_AGENT_LIST,	/* -> username, display_name, roles,
				   disabled, must_change_password */
	ASQL_APIKEY_ADD,	/* name, key_hash, role_id */
	ASQL_APIKEY_FIND,	/* name -> id, revoked (FOR UPDATE) */
	ASQL_APIKEY_REVOKE,	/* id */
	ASQL_APIKEY_LIST,	/* -> name, role, created_at, last_used_at,
				   revoked_at, uses */
	/* auditcmd.c */
	ASQL_AUDIT_EVENT,	/* seq -> entity, entity_id, action */
	/* import.c */
	ASQL_IMPORT_PERSON,	/* 15 fields -> insert id (also when updated) */
	ASQL_IMPORT_PERSONS,	/* 50 x 15 fields (one source) */
	ASQL_IMPORT_IDS,	/* source, 50 source_ids -> id, source_id, version */
	ASQL_IMPORT_KEYS_DELETE, /* person_id */
	ASQL_IMPORT_KEYS,	/* 500 x (key, person_id) */
	ASQL_IMPORT_KEYS_TAIL,	/* 100 x (key, person_id) */
	ASQL_IMPORT_FK_OFF,	/* session foreign_key_checks off */
	ASQL_IMPORT_FK_ON,	/* and on again */
	ASQL_IMPORT_DOCS,	/* 20 x (person_id, type, number, norm) */
	ASQL_IMPORT_PHONES,	/* 20 x (person_id, phone) */
	ASQL_IMPORT_REGISTER,	/* after id, limit -> what the matcher needs */
	ASQL_IMPORT_ACTIVE,	/* -> active persons */
	ASQL_IMPORT_PAIR,	/* a, b, score, class, explanation: pending pair */
	ASQL_IMPORT_PAIRS,	/* the same, 50 pairs */
	/* keys.c */
	ASQL_KEY_ADD,		/* id, public_key, valid_from */
	ASQL_KEY_FIND,		/* id -> retired (FOR UPDATE) */
	ASQL_KEY_RETIRE,	/* at, at, at, id */
	ASQL_KEY_LIST,		/* -> id, valid_from, valid_until,
				   retired_at, public_key */
	ASQL__MAX
};

struct actor;

/* The actor of a command-line change: no agent, no key, name
 * "cli:<$SUDO_USER, else $USER, else the uid>" written into name
 * (namesz bytes), request id "cli". */
void		 admin_actor(struct actor *, char *name, size_t namesz);
/* Sleep ms milliseconds (a batch command's pause between batches, so a
 * long run leaves the database to the programs). */
void		 admin_pause_ms(long long ms);
/* frequencies.c: refresh the register's common keys' counts
 * (person_freq_refresh, min: PERSON_FREQ_MIN by default), printing one
 * line; after a command that changed keys wholesale. Returns ADMIN_OK
 * or ADMIN_FAIL (the reason on stderr). */
struct db;
struct actor;
int		 admin_freq_refresh(struct db *, long min,
		    const struct actor *);
/* The id of the role called name. Returns 1 and sets *id, 0 if there
 * is no such role (the valid names are then printed on stderr), or -1
 * on a database error (printed). */
int		 admin_role_id(struct admin *, const char *name, long long *id);

/* Commands. */
int	 cmd_migrate(struct admin *, int, char **);
int	 cmd_user_add(struct admin *, int, char **);
int	 cmd_user_passwd(struct admin *, int, char **);
int	 cmd_user_disable(struct admin *, int, char **);
int	 cmd_user_enable(struct admin *, int, char **);
int	 cmd_user_list(struct admin *, int, char **);
int	 cmd_apikey_add(struct admin *, int, char **);
int	 cmd_apikey_revoke(struct admin *, int, char **);
int	 cmd_apikey_list(struct admin *, int, char **);
int	 cmd_audit_verify(struct admin *, int, char **);
int	 cmd_import_persons(struct admin *, int, char **);
int	 cmd_persons_rekey(struct admin *, int, char **);
int	 cmd_persons_frequencies(struct admin *, int, char **);
int	 cmd_files_verify(struct admin *, int, char **);
int	 cmd_files_sweep(struct admin *, int, char **);
int	 cmd_grants(struct admin *, int, char **);
int	 cmd_backup(struct admin *, int, char **);
int	 cmd_keys_init(struct admin *, int, char **);
int	 cmd_keys_new(struct admin *, int, char **);
int	 cmd_keys_list(struct admin *, int, char **);
int	 cmd_keys_retire(struct admin *, int, char **);
int	 cmd_keys_export(struct admin *, int, char **);
int	 cmd_purge(struct admin *, int, char **);
int	 cmd_hold_add(struct admin *, int, char **);
int	 cmd_hold_release(struct admin *, int, char **);
int	 cmd_hold_list(struct admin *, int, char **);

#endif

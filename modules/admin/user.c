/*
 * user.c: `havre-admin user add|passwd|disable|enable|list`: agents'
 * accounts from the command line, for the first administrator and for
 * recovery when nobody can log in. Every change is written with its
 * audit event in one transaction; passwords are read from a file (or
 * stdin), never from the command line, where `ps` would show them.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "admin.h"
#include "audit.h"
#include "buf.h"
#include "db.h"
#include "passwd.h"
#include "valid.h"

#define USER_ROLES_MAX	16
/* PASSWORD_MAX_LENGTH code points of up to 4 bytes, a CR, LF and NUL. */
#define PW_BUF		(PASSWORD_MAX_LENGTH * 4 + 3)

/* A `user add` request, also the db_txn argument. */
struct user_add {
	const char	*username;
	const char	*display_name;
	const char	*email;		/* NULL: none */
	const char	*lang;
	const char	*roles[USER_ROLES_MAX];
	long long	 role_ids[USER_ROLES_MAX];
	size_t		 nroles;
	int		 temporary;
	char		 hash[crypto_pwhash_STRBYTES];
	struct actor	 actor;
	int64_t		 agent_id;	/* out */
};

/* A change to one existing agent (passwd, disable, enable). */
enum user_op { USER_PASSWD, USER_DISABLE, USER_ENABLE };

struct user_change {
	enum user_op	 op;
	const char	*username;
	int		 temporary;	/* USER_PASSWD */
	char		 hash[crypto_pwhash_STRBYTES];	/* USER_PASSWD */
	struct actor	 actor;
	int		 found;		/* out: the agent exists */
	int		 noop;		/* out: already in that state */
	uint64_t	 revoked;	/* out: sessions ended */
};

/*
 * Returns 1 if s is a valid username: [a-z0-9._-]{3,64}, else 0.
 */
static int
valid_username(const char *s)
{
	size_t	 n = strlen(s);

	return n >= 3 && n <= 64 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

/*
 * The English text of a passwd_policy() reason key (the command line
 * is not localised).
 */
static const char *
policy_text(const char *key)
{
	if (strcmp(key, "Password.Error.TooShort") == 0)
		return "too short (at least 12 characters)";
	if (strcmp(key, "Password.Error.TooLong") == 0)
		return "too long (at most 256 characters)";
	if (strcmp(key, "Password.Error.Common") == 0)
		return "too common or too easy to guess";
	if (strcmp(key, "Password.Error.Username") == 0)
		return "too close to the username";
	if (strcmp(key, "Password.Error.Invalid") == 0)
		return "not valid UTF-8 text";
	return key;
}

/*
 * Read the first line of path ("-": stdin) into pw (PW_BUF bytes),
 * without its line ending, check the password policy against username
 * and hash it into hash. pw is wiped before returning.
 * Returns 0, or -1 after a message on stderr.
 */
static int
password_from_file(const struct admin *a, const char *path,
    const char *username, char hash[crypto_pwhash_STRBYTES])
{
	char		 pw[PW_BUF];
	const char	*why;
	FILE		*f;
	size_t		 len;
	int		 rc = -1, hr;

	memset(pw, 0, sizeof(pw));
	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "re")) == NULL) {
		fprintf(stderr, "havre-admin: %s: %s: %s\n", a->cmdname, path,
		    strerror(errno));
		return -1;
	}
	if (fgets(pw, sizeof(pw), f) == NULL) {
		fprintf(stderr, "havre-admin: %s: %s: no password in the "
		    "file\n", a->cmdname, path);
		goto out;
	}
	len = strlen(pw);
	if (len == sizeof(pw) - 1 && pw[len - 1] != '\n') {
		fprintf(stderr, "havre-admin: %s: password refused: too long "
		    "(at most %d characters)\n", a->cmdname,
		    PASSWORD_MAX_LENGTH);
		goto out;
	}
	if (len > 0 && pw[len - 1] == '\n')
		pw[--len] = '\0';
	if (len > 0 && pw[len - 1] == '\r')
		pw[--len] = '\0';
	if ((why = passwd_policy(pw, username)) != NULL) {
		fprintf(stderr, "havre-admin: %s: password refused: %s\n",
		    a->cmdname, policy_text(why));
		goto out;
	}
	passwd_init(&a->conf);
	if (sodium_init() < 0 || (hr = passwd_hash(pw, hash)) == -1) {
		fprintf(stderr, "havre-admin: %s: cannot hash the password\n",
		    a->cmdname);
		goto out;
	}
	if (hr == -2) {
		fprintf(stderr, "havre-admin: %s: every password-hashing slot "
		    "is busy; try again\n", a->cmdname);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(pw, sizeof(pw));
	if (f != stdin)
		fclose(f);
	return rc;
}

/*
 * Transaction of `user add`: the agent, its roles and the audit event.
 * Returns DB_OK (u->agent_id set), DB_DUP if the username exists, or
 * another database error.
 */
static enum db_rc
user_add_txn(struct db *db, void *arg)
{
	struct user_add		*u = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[6];
	struct buf		 roles = {0};
	char			 id[24];
	size_t			 i;
	enum db_rc		 rc;

	if ((st = db_stmt(db, ASQL_AGENT_ADD)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, u->username);
	db_bind_text(st, 1, u->display_name);
	db_bind_text(st, 2, u->email);
	db_bind_text(st, 3, u->lang);
	db_bind_text(st, 4, u->hash);
	db_bind_int(st, 5, u->temporary);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	u->agent_id = (int64_t)db_insert_id(st);
	for (i = 0; i < u->nroles; i++) {
		if ((st = db_stmt(db, ASQL_AGENT_ROLE_ADD)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, u->agent_id);
		db_bind_int(st, 1, u->role_ids[i]);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
		if (buf_puts(&roles, i > 0 ? "," : "") == -1 ||
		    buf_puts(&roles, u->roles[i]) == -1) {
			buf_free(&roles);
			return DB_ERROR;
		}
	}
	snprintf(id, sizeof(id), "%lld", (long long)u->agent_id);
	memset(ch, 0, sizeof(ch));
	ch[0].field = "username";
	ch[0].new_value = u->username;
	ch[1].field = "display_name";
	ch[1].new_value = u->display_name;
	ch[2].field = "email";
	ch[2].new_value = u->email;
	ch[3].field = "lang";
	ch[3].new_value = u->lang;
	ch[4].field = "roles";
	ch[4].new_value = roles.data != NULL ? roles.data : "";
	ch[5].field = "must_change_password";
	ch[5].new_value = u->temporary ? "1" : "0";
	rc = audit_write(db, &u->actor, "agent", id, "create", ch, 6);
	buf_free(&roles);
	return rc;
}

/*
 * havre-admin user add --username U --role ROLE [--role ROLE ...]
 *     --password-file F [--display-name NAME] [--email E]
 *     [--lang en|fr|ar] [--temporary]
 * Create an agent with the password on the first line of F ("-":
 * stdin), checked against the policy. --temporary makes the agent
 * change it at the first login. The display name defaults to the
 * username, the language to en.
 * Returns ADMIN_OK, ADMIN_FAIL (policy, unknown role, duplicate
 * username, database) or ADMIN_USAGE.
 */
int
cmd_user_add(struct admin *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "username", required_argument, NULL, 'u' },
		{ "role", required_argument, NULL, 'r' },
		{ "password-file", required_argument, NULL, 'p' },
		{ "display-name", required_argument, NULL, 'd' },
		{ "email", required_argument, NULL, 'e' },
		{ "lang", required_argument, NULL, 'l' },
		{ "temporary", no_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const langs[] = { "en", "fr", "ar", NULL };
	struct user_add	 u;
	struct db	*db;
	const char	*pwfile = NULL;
	char		 actor_name[80];
	long long	 role_id;
	size_t		 i, k;
	enum db_rc	 rc;
	int		 c, r, status = ADMIN_FAIL;

	memset(&u, 0, sizeof(u));
	u.lang = "en";
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			u.username = optarg;
			break;
		case 'r':
			if (u.nroles == USER_ROLES_MAX) {
				fprintf(stderr, "havre-admin: %s: at most %d "
				    "roles\n", a->cmdname, USER_ROLES_MAX);
				return ADMIN_USAGE;
			}
			u.roles[u.nroles++] = optarg;
			break;
		case 'p':
			pwfile = optarg;
			break;
		case 'd':
			u.display_name = optarg;
			break;
		case 'e':
			u.email = optarg;
			break;
		case 'l':
			u.lang = optarg;
			break;
		case 't':
			u.temporary = 1;
			break;
		default:
			return admin_usage(a);
		}
	}
	/* No role is allowed: an account can exist before it is given
	 * work (roles are assigned on the agents' page later). */
	if (optind != argc || u.username == NULL || pwfile == NULL)
		return admin_usage(a);
	if (!valid_username(u.username)) {
		fprintf(stderr, "havre-admin: %s: bad username \"%s\": 3 to 64 "
		    "of a-z 0-9 . _ -\n", a->cmdname, u.username);
		return ADMIN_FAIL;
	}
	if (u.display_name == NULL)
		u.display_name = u.username;
	if (!valid_string(u.display_name, 1, 200, 0) ||
	    strchr(u.display_name, '\t') != NULL) {
		fprintf(stderr, "havre-admin: %s: bad display name: 1 to 200 "
		    "characters, no control characters\n", a->cmdname);
		return ADMIN_FAIL;
	}
	if (u.email != NULL && !valid_email(u.email)) {
		fprintf(stderr, "havre-admin: %s: bad e-mail address \"%s\"\n",
		    a->cmdname, u.email);
		return ADMIN_FAIL;
	}
	if (!valid_enum(u.lang, langs, &i)) {
		fprintf(stderr, "havre-admin: %s: bad language \"%s\": en, fr "
		    "or ar\n", a->cmdname, u.lang);
		return ADMIN_FAIL;
	}

	/* Roles first: a typo should not cost a password hash. A role
	 * given twice is kept once. */
	for (i = 0; i < u.nroles; i++) {
		if ((r = admin_role_id(a, u.roles[i], &role_id)) != 1)
			return ADMIN_FAIL;
		for (k = 0; k < i; k++)
			if (u.role_ids[k] == role_id)
				break;
		if (k < i) {
			memmove(&u.roles[i], &u.roles[i + 1],
			    (u.nroles - i - 1) * sizeof(u.roles[0]));
			u.nroles--;
			i--;
			continue;
		}
		u.role_ids[i] = role_id;
	}
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	if (password_from_file(a, pwfile, u.username, u.hash) == -1)
		goto out;

	admin_actor(&u.actor, actor_name, sizeof(actor_name));
	if ((rc = db_txn(db, user_add_txn, &u)) == DB_DUP) {
		fprintf(stderr, "havre-admin: %s: agent \"%s\" already "
		    "exists\n", a->cmdname, u.username);
		goto out;
	} else if (rc != DB_OK) {
		fprintf(stderr, "havre-admin: %s: cannot create \"%s\": %s\n",
		    a->cmdname, u.username, db_errmsg(db));
		goto out;
	}
	printf("created agent %s (id %lld)%s\n", u.username,
	    (long long)u.agent_id, u.temporary ?
	    ", password to change at first login" : "");
	status = ADMIN_OK;
out:
	sodium_memzero(u.hash, sizeof(u.hash));
	return status;
}

/*
 * Transaction of passwd, disable and enable: lock the agent, change it,
 * end its sessions where needed, write the audit event.
 * Returns DB_OK (see c->found and c->noop) or a database error.
 */
static enum db_rc
user_change_txn(struct db *db, void *arg)
{
	struct user_change	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[2];
	const char		*action;
	char			 id[24], nrev[24];
	int64_t			 agent_id;
	int			 disabled, revoke;
	enum db_rc		 rc;

	c->found = c->noop = 0;
	c->revoked = 0;
	if ((st = db_stmt(db, ASQL_AGENT_FIND)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, c->username);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;	/* DB_OK: no such agent */
	c->found = 1;
	agent_id = db_col_int(st, 0);
	disabled = db_col_int(st, 1) != 0;
	db_reset(st);

	memset(ch, 0, sizeof(ch));
	switch (c->op) {
	case USER_PASSWD:
		if ((st = db_stmt(db, ASQL_AGENT_PASSWD)) == NULL)
			return db_last_rc(db);
		db_bind_text(st, 0, c->hash);
		db_bind_int(st, 1, c->temporary);
		db_bind_int(st, 2, agent_id);
		action = "password_set";
		ch[0].field = "must_change_password";
		ch[0].new_value = c->temporary ? "1" : "0";
		revoke = 1;
		break;
	case USER_DISABLE:
	case USER_ENABLE:
	default:
		if (disabled == (c->op == USER_DISABLE)) {
			c->noop = 1;
			return DB_OK;
		}
		if ((st = db_stmt(db, ASQL_AGENT_DISABLE)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->op == USER_DISABLE);
		db_bind_int(st, 1, agent_id);
		action = c->op == USER_DISABLE ? "disable" : "enable";
		ch[0].field = "disabled";
		ch[0].old_value = disabled ? "1" : "0";
		ch[0].new_value = disabled ? "0" : "1";
		revoke = c->op == USER_DISABLE;
		break;
	}
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (revoke) {
		if ((st = db_stmt(db, ASQL_AGENT_SESSIONS_REVOKE)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, agent_id);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
		c->revoked = db_affected(st);
	}
	snprintf(id, sizeof(id), "%lld", (long long)agent_id);
	snprintf(nrev, sizeof(nrev), "%llu", (unsigned long long)c->revoked);
	ch[1].field = "sessions_revoked";
	ch[1].new_value = nrev;
	return audit_write(db, &c->actor, "agent", id, action, ch,
	    revoke ? 2 : 1);
}

/*
 * Run the change c with its messages. Returns an ADMIN_ status.
 */
static int
user_change(struct admin *a, struct user_change *c)
{
	struct db	*db;
	char		 actor_name[80];
	enum db_rc	 rc;

	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	admin_actor(&c->actor, actor_name, sizeof(actor_name));
	if ((rc = db_txn(db, user_change_txn, c)) != DB_OK) {
		fprintf(stderr, "havre-admin: %s: cannot change \"%s\": %s\n",
		    a->cmdname, c->username, db_errmsg(db));
		return ADMIN_FAIL;
	}
	if (!c->found) {
		fprintf(stderr, "havre-admin: %s: no agent \"%s\"\n",
		    a->cmdname, c->username);
		return ADMIN_FAIL;
	}
	if (c->noop) {
		fprintf(stderr, "havre-admin: %s: \"%s\" is already %s\n",
		    a->cmdname, c->username,
		    c->op == USER_DISABLE ? "disabled" : "enabled");
		return ADMIN_FAIL;
	}
	switch (c->op) {
	case USER_PASSWD:
		printf("password of %s set%s; %llu session(s) ended\n",
		    c->username, c->temporary ?
		    " (to change at next login)" : "",
		    (unsigned long long)c->revoked);
		break;
	case USER_DISABLE:
		printf("disabled %s; %llu session(s) ended\n", c->username,
		    (unsigned long long)c->revoked);
		break;
	case USER_ENABLE:
		printf("enabled %s\n", c->username);
		break;
	}
	return ADMIN_OK;
}

/*
 * Parse "--username U" and, for passwd, "--password-file F" and
 * "--temporary" into c and *pwfile. Returns 0, or -1 on a usage error.
 */
static int
user_change_args(struct user_change *c, const char **pwfile, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "username", required_argument, NULL, 'u' },
		{ "password-file", required_argument, NULL, 'p' },
		{ "temporary", no_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	int	 ch;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'u':
			c->username = optarg;
			break;
		case 'p':
			if (pwfile == NULL)
				return -1;
			*pwfile = optarg;
			break;
		case 't':
			if (pwfile == NULL)
				return -1;
			c->temporary = 1;
			break;
		default:
			return -1;
		}
	}
	if (optind != argc || c->username == NULL ||
	    (pwfile != NULL && *pwfile == NULL))
		return -1;
	return 0;
}

/*
 * havre-admin user passwd --username U --password-file F [--temporary]
 * Set the agent's password (policy checked) and end all its sessions.
 * Returns ADMIN_OK, ADMIN_FAIL or ADMIN_USAGE.
 */
int
cmd_user_passwd(struct admin *a, int argc, char **argv)
{
	struct user_change	 c;
	const char		*pwfile = NULL;
	int			 status = ADMIN_FAIL;

	memset(&c, 0, sizeof(c));
	c.op = USER_PASSWD;
	if (user_change_args(&c, &pwfile, argc, argv) == -1)
		return admin_usage(a);
	if (!valid_username(c.username)) {
		fprintf(stderr, "havre-admin: %s: no agent \"%s\"\n",
		    a->cmdname, c.username);
		return ADMIN_FAIL;
	}
	if (admin_db(a) == NULL)
		return ADMIN_FAIL;
	if (password_from_file(a, pwfile, c.username, c.hash) == 0)
		status = user_change(a, &c);
	sodium_memzero(c.hash, sizeof(c.hash));
	return status;
}

/*
 * Shared body of disable and enable. Returns an ADMIN_ status.
 */
static int
user_set_disabled(struct admin *a, enum user_op op, int argc, char **argv)
{
	struct user_change	 c;

	memset(&c, 0, sizeof(c));
	c.op = op;
	if (user_change_args(&c, NULL, argc, argv) == -1)
		return admin_usage(a);
	if (!valid_username(c.username)) {
		fprintf(stderr, "havre-admin: %s: no agent \"%s\"\n",
		    a->cmdname, c.username);
		return ADMIN_FAIL;
	}
	return user_change(a, &c);
}

/*
 * havre-admin user disable --username U
 * Disable the agent (it can no longer log in) and end its sessions.
 * Returns ADMIN_OK, ADMIN_FAIL (no such agent, already disabled,
 * database) or ADMIN_USAGE.
 */
int
cmd_user_disable(struct admin *a, int argc, char **argv)
{
	return user_set_disabled(a, USER_DISABLE, argc, argv);
}

/*
 * havre-admin user enable --username U
 * Enable a disabled agent. Returns as cmd_user_disable().
 */
int
cmd_user_enable(struct admin *a, int argc, char **argv)
{
	return user_set_disabled(a, USER_ENABLE, argc, argv);
}

/*
 * havre-admin user list
 * Print one tab-separated line per agent after a header: username,
 * display name, roles (comma-separated), disabled (yes/no), and
 * must_change_password (yes/no).
 * Returns ADMIN_OK, ADMIN_FAIL or ADMIN_USAGE.
 */
int
cmd_user_list(struct admin *a, int argc, char **argv)
{
	struct db	*db;
	struct db_stmt	*st;
	const char	*s;
	enum db_rc	 rc;

	if (argc != 1)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	if ((st = db_stmt(db, ASQL_AGENT_LIST)) == NULL)
		goto dberr;
	printf("username\tdisplay_name\troles\tdisabled\t"
	    "must_change_password\n");
	while ((rc = db_step(st)) == DB_ROW) {
		s = db_col_text(st, 2);
		printf("%s\t%s\t%s\t%s\t%s\n",
		    db_col_text(st, 0) ? db_col_text(st, 0) : "",
		    db_col_text(st, 1) ? db_col_text(st, 1) : "",
		    s != NULL && *s != '\0' ? s : "-",
		    db_col_int(st, 3) ? "yes" : "no",
		    db_col_int(st, 4) ? "yes" : "no");
	}
	if (rc != DB_OK)
		goto dberr;
	return ADMIN_OK;
dberr:
	fprintf(stderr, "havre-admin: %s: cannot list agents: %s\n",
	    a->cmdname, db_errmsg(db));
	return ADMIN_FAIL;
}

/*
 * conf.c: load the one HDF configuration file shared by every program
 * and expose its well-known keys as struct conf fields. Every key and
 * its default is documented in contrib/havre.hdf.example.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "buf.h"
#include "conf.h"

#ifndef HAVRE_CONFIG
#define HAVRE_CONFIG "/etc/havre/havre.hdf"
#endif
#ifndef HAVRE_DATADIR
#define HAVRE_DATADIR "/usr/share/havre"
#endif

/* A string key: its default (NULL: computed) and where it goes. */
struct conf_str {
	const char	*key;
	const char	*def;
	size_t		 off;
};

static const struct conf_str conf_strs[] = {
	{ "DB.Host", "localhost", offsetof(struct conf, db_host) },
	{ "DB.Socket", "", offsetof(struct conf, db_socket) },
	{ "DB.Name", "havre", offsetof(struct conf, db_name) },
	{ "DB.User", "havre", offsetof(struct conf, db_user) },
	{ "DB.Password", "", offsetof(struct conf, db_password) },
	{ "Paths.Templates", HAVRE_DATADIR "/templates",
	    offsetof(struct conf, templates) },
	{ "Paths.Migrations", HAVRE_DATADIR "/sql/migrations",
	    offsetof(struct conf, migrations) },
	{ "Paths.Var", "/var/lib/havre", offsetof(struct conf, var) },
	{ "Log.Dir", "", offsetof(struct conf, log_dir) },
	{ "Site.Languages", "en,fr,ar", offsetof(struct conf, languages) },
	{ "Site.DefaultLanguage", "en", offsetof(struct conf, default_lang) },
	{ "Site.TimeZone", "UTC", offsetof(struct conf, timezone) },
	{ "Site.BasePath", "", offsetof(struct conf, base_path) },
};

/*
 * Print a ClearSilver error about path to stderr and free it.
 */
static void
conf_nerr(const char *path, NEOERR *err)
{
	STRING	 s;

	string_init(&s);
	nerr_error_string(err, &s);
	fprintf(stderr, "havre: cannot read configuration %s: %s\n",
	    path, s.buf != NULL ? s.buf : "unknown error");
	string_clear(&s);
	nerr_ignore(&err);
}

/*
 * Set c->files from Paths.Files, by default Paths.Var/files (c->var is
 * set), stored in the HDF like the other defaults.
 * Returns 0, or -1 with a message on stderr.
 */
static int
conf_files(struct conf *c, const char *path)
{
	NEOERR	*err;
	char	 def[PATH_MAX];
	int	 n;

	if ((c->files = hdf_get_value(c->hdf, "Paths.Files", NULL)) != NULL)
		return 0;
	n = snprintf(def, sizeof(def), "%s/files", c->var);
	if (n < 0 || (size_t)n >= sizeof(def)) {
		fprintf(stderr, "havre: %s: Paths.Var is too long\n", path);
		return -1;
	}
	if ((err = hdf_set_value(c->hdf, "Paths.Files", def)) != STATUS_OK) {
		conf_nerr(path, err);
		return -1;
	}
	c->files = hdf_get_value(c->hdf, "Paths.Files", "");
	return 0;
}

/*
 * The password of group (DB, DB.Accounts.portal ...): the first line of
 * the file <group>.PasswordFile (its newline removed) when that key is
 * set, else <group>.Password. A password read from its file is stored
 * as <group>.Password, so it lives in the HDF until conf_free().
 * Returns 0 with *pw set (NULL when neither key is set), or -1 with a
 * message on stderr.
 */
static int
conf_password(struct conf *c, const char *group, const char **pw)
{
	NEOERR		*err;
	FILE		*f;
	const char	*file;
	char		 key[160], line[256];
	size_t		 len;

	*pw = NULL;
	snprintf(key, sizeof(key), "%s.PasswordFile", group);
	if ((file = hdf_get_value(c->hdf, key, NULL)) == NULL || *file == '\0') {
		snprintf(key, sizeof(key), "%s.Password", group);
		*pw = hdf_get_value(c->hdf, key, NULL);
		return 0;
	}
	if ((f = fopen(file, "r")) == NULL) {
		fprintf(stderr, "havre: %s %s: %s\n", key, file, strerror(errno));
		return -1;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	len = strcspn(line, "\r\n");
	if (line[len] == '\0' && len == sizeof(line) - 1) {
		fprintf(stderr, "havre: %s %s: the password is too long\n",
		    key, file);
		sodium_memzero(line, sizeof(line));
		return -1;
	}
	line[len] = '\0';
	snprintf(key, sizeof(key), "%s.Password", group);
	err = hdf_set_value(c->hdf, key, line);
	sodium_memzero(line, sizeof(line));
	if (err != STATUS_OK) {
		conf_nerr(file, err);
		return -1;
	}
	*pw = hdf_get_value(c->hdf, key, "");
	return 0;
}

/*
 * Read integer key into *out, or def when the key is absent. The value
 * must be a base-10 integer within [min, max].
 * Returns 0, or -1 with a message naming the key on stderr.
 */
static int
conf_int_checked(const struct conf *c, const char *path, const char *key,
    long long min, long long max, long long def, long long *out)
{
	const char	*s;

	s = hdf_get_value(c->hdf, key, NULL);
	if (s == NULL) {
		*out = def;
		return 0;
	}
	if (parse_int(s, min, max, out) == -1) {
		fprintf(stderr, "havre: %s: %s must be an integer in "
		    "[%lld, %lld]\n", path, key, min, max);
		return -1;
	}
	return 0;
}

/*
 * Load path (NULL: $HAVRE_CONFIG, then the compiled-in HAVRE_CONFIG)
 * into c. String fields point into c->hdf and live until conf_free().
 * Returns 0 on success, -1 with a message on stderr (c is then empty).
 */
int
conf_load(struct conf *c, const char *path)
{
	NEOERR		*err;
	const char	*env, *pw;
	size_t		 i;
	long long	 v;

	memset(c, 0, sizeof(*c));
	if (path == NULL || *path == '\0') {
		env = getenv("HAVRE_CONFIG");
		path = (env != NULL && *env != '\0') ? env : HAVRE_CONFIG;
	}

	if ((err = nerr_init()) != STATUS_OK) {
		conf_nerr(path, err);
		return -1;
	}
	if ((err = hdf_init(&c->hdf)) != STATUS_OK) {
		conf_nerr(path, err);
		return -1;
	}
	if ((err = hdf_read_file(c->hdf, path)) != STATUS_OK) {
		conf_nerr(path, err);
		goto fail;
	}

	/* DB.PasswordFile, when set, is read into DB.Password. */
	if (conf_password(c, "DB", &pw) == -1)
		goto fail;

	/*
	 * Store each missing default in the HDF itself, so that every
	 * string field points into one place that conf_free() releases.
	 */
	for (i = 0; i < sizeof(conf_strs) / sizeof(conf_strs[0]); i++) {
		const char	*s;

		s = hdf_get_value(c->hdf, conf_strs[i].key, NULL);
		if (s == NULL) {
			err = hdf_set_value(c->hdf, conf_strs[i].key,
			    conf_strs[i].def);
			if (err != STATUS_OK) {
				conf_nerr(path, err);
				goto fail;
			}
			s = hdf_get_value(c->hdf, conf_strs[i].key, "");
		}
		*(const char **)(void *)((char *)c + conf_strs[i].off) = s;
	}

	if (conf_files(c, path) == -1)
		goto fail;
	if (conf_int_checked(c, path, "DB.Port", 0, 65535, 3306, &v) == -1)
		goto fail;
	c->db_port = (int)v;
	if (conf_int_checked(c, path, "DB.SyncWait", 0, 1, 0, &v) == -1)
		goto fail;
	c->db_sync_wait = (int)v;
	if (conf_int_checked(c, path, "Session.Secure", 0, 1, 1, &v) == -1)
		goto fail;
	c->cookie_secure = (int)v;
	if (conf_int_checked(c, path, "Limits.MaxBody", 1, LONG_MAX,
	    1L << 20, &v) == -1)
		goto fail;
	c->max_body = (long)v;
	if (conf_int_checked(c, path, "Limits.MaxUpload", 1, LONG_MAX,
	    10L << 20, &v) == -1)
		goto fail;
	c->max_upload = (long)v;
	if (*c->default_lang == '\0' || *c->languages == '\0') {
		fprintf(stderr, "havre: %s: Site.Languages and "
		    "Site.DefaultLanguage must not be empty\n", path);
		goto fail;
	}
	return 0;
fail:
	conf_free(c);
	return -1;
}

/*
 * The account name of program: "havre-portal" -> "portal" (a leading
 * "havre-" dropped, '-' as '_'), into name (namesz bytes). Returns 0, or
 * -1 if the result is empty, too long or not [a-z0-9_].
 */
static int
conf_account_name(const char *program, char *name, size_t namesz)
{
	size_t	 i;

	if (strncmp(program, "havre-", 6) == 0)
		program += 6;
	if (*program == '\0' || strlen(program) >= namesz)
		return -1;
	for (i = 0; program[i] != '\0'; i++) {
		if (program[i] == '-')
			name[i] = '_';
		else if (islower((unsigned char)program[i]) ||
		    isdigit((unsigned char)program[i]) || program[i] == '_')
			name[i] = program[i];
		else
			return -1;
	}
	name[i] = '\0';
	return 0;
}

/* See conf.h. */
int
conf_account(struct conf *c, const char *program, const char **user,
    const char **password)
{
	NEOERR		*err;
	char		 name[64], group[96], key[128], def[80];

	if (conf_account_name(program, name, sizeof(name)) == -1) {
		fprintf(stderr, "havre: %s: not a program name\n", program);
		return -1;
	}
	snprintf(group, sizeof(group), "DB.Accounts.%s", name);
	if (hdf_get_obj(c->hdf, group) == NULL)
		return 0;
	snprintf(key, sizeof(key), "%s.User", group);
	if (hdf_get_value(c->hdf, key, NULL) == NULL) {
		snprintf(def, sizeof(def), "havre_%s", name);
		if ((err = hdf_set_value(c->hdf, key, def)) != STATUS_OK) {
			conf_nerr(key, err);
			return -1;
		}
	}
	*user = hdf_get_value(c->hdf, key, "");
	if (**user == '\0') {
		fprintf(stderr, "havre: %s is empty\n", key);
		return -1;
	}
	return conf_password(c, group, password) == -1 ? -1 : 1;
}

/* See conf.h. */
int
conf_use_account(struct conf *c, const char *program)
{
	const char	*user, *pw;
	int		 rc;

	if ((rc = conf_account(c, program, &user, &pw)) != 1)
		return rc;
	c->db_user = user;
	c->db_password = pw != NULL ? pw : "";
	return 1;
}

/*
 * A string value of the file, or def when the key is absent.
 * The result lives until conf_free().
 */
const char *
conf_get(const struct conf *c, const char *key, const char *def)
{
	if (c == NULL || c->hdf == NULL)
		return def;
	return hdf_get_value(c->hdf, key, def);
}

/*
 * An integer value of the file, or def when the key is absent or not a
 * base-10 integer (checked keys are validated by conf_load instead).
 */
long
conf_get_int(const struct conf *c, const char *key, long def)
{
	const char	*s;
	long long	 v;

	if ((s = conf_get(c, key, NULL)) == NULL)
		return def;
	if (parse_int(s, LONG_MIN, LONG_MAX, &v) == -1)
		return def;
	return (long)v;
}

/*
 * Destroy the HDF and clear every field (safe to call twice).
 */
void
conf_free(struct conf *c)
{
	if (c == NULL)
		return;
	if (c->hdf != NULL)
		hdf_destroy(&c->hdf);
	memset(c, 0, sizeof(*c));
}

/*
 * migrate.c: `havre-admin migrate [--status]`: apply the schema
 * migrations in Paths.Migrations (files NNNN_description.sql) that the
 * database has not recorded in schema_migration yet, in the order of
 * their numbers. Each applied file is recorded with a BLAKE2b-256
 * checksum of its bytes; a recorded file that changed or disappeared
 * stops everything, since the database would no longer match the
 * migrations that describe it.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "admin.h"
#include "buf.h"
#include "db.h"

#define MIG_MAX_BYTES	(16L << 20)	/* larger files are refused */
#define MIG_SUM_HEX	(crypto_generichash_BYTES * 2 + 1)

/* State of one migration, from its file and/or its record. */
enum mig_state {
	MIG_PENDING,	/* file only */
	MIG_APPLIED,	/* recorded, file unchanged */
	MIG_CHANGED,	/* recorded, file or name differs */
	MIG_MISSING,	/* recorded, no file */
};

static const char *const mig_state_names[] = {
	"pending", "applied", "CHANGED", "MISSING",
};

struct mig {
	long long	 version;
	char		*name;		/* file name (or recorded name) */
	char		*sql;		/* file contents; NULL if missing */
	size_t		 len;
	char		 sum[MIG_SUM_HEX];	/* of the file */
	enum mig_state	 state;
	char		*applied_at;	/* recorded: when (UTC) */
};

struct migset {
	struct mig	*v;
	size_t		 n;
	size_t		 cap;
};

/*
 * Free every migration of s and the array; s may be reused.
 */
static void
migset_free(struct migset *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].sql);
		free(s->v[i].applied_at);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/*
 * Append a zeroed migration to s. Returns it, or NULL when out of
 * memory.
 */
static struct mig *
migset_add(struct migset *s)
{
	struct mig	*nv;
	size_t		 ncap;

	if (s->n == s->cap) {
		ncap = s->cap == 0 ? 16 : s->cap * 2;
		if ((nv = reallocarray(s->v, ncap, sizeof(*nv))) == NULL)
			return NULL;
		s->v = nv;
		s->cap = ncap;
	}
	memset(&s->v[s->n], 0, sizeof(s->v[0]));
	return &s->v[s->n++];
}

/*
 * Parse a migration file name: digits, '_', then [A-Za-z0-9_-]+, then
 * ".sql". Returns 1 and the version in *version if name is one, 0 if
 * it is not an .sql file at all, -1 if it is a badly named .sql file.
 */
static int
mig_parse_name(const char *name, long long *version)
{
	char		 num[16];
	size_t		 len, i, nd;

	len = strlen(name);
	if (len < 4 || strcmp(name + len - 4, ".sql") != 0)
		return 0;
	for (nd = 0; nd < len && name[nd] >= '0' && name[nd] <= '9'; nd++)
		continue;
	if (nd == 0 || nd >= sizeof(num) || name[nd] != '_' ||
	    nd + 1 >= len - 4)
		return -1;
	for (i = nd + 1; i < len - 4; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9') ||
		    name[i] == '_' || name[i] == '-'))
			return -1;
	memcpy(num, name, nd);
	num[nd] = '\0';
	if (parse_int(num, 1, INT32_MAX, version) == -1)
		return -1;
	return 1;
}

/*
 * Read dir/m->name into m->sql and compute its checksum.
 * Returns 0, or -1 after a message on stderr.
 */
static int
mig_read(const char *dir, struct mig *m)
{
	char		 path[4096];
	unsigned char	 h[crypto_generichash_BYTES];
	struct stat	 sb;
	size_t		 off = 0;
	ssize_t		 r;
	int		 fd = -1, rc = -1, n;

	n = snprintf(path, sizeof(path), "%s/%s", dir, m->name);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "havre-admin: migrate: path too long: %s\n",
		    m->name);
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &sb) == -1) {
		fprintf(stderr, "havre-admin: migrate: %s: %s\n", path,
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size > MIG_MAX_BYTES) {
		fprintf(stderr, "havre-admin: migrate: %s: not a regular "
		    "file of at most %ld bytes\n", path, MIG_MAX_BYTES);
		goto out;
	}
	m->len = (size_t)sb.st_size;
	if ((m->sql = malloc(m->len + 1)) == NULL) {
		fprintf(stderr, "havre-admin: migrate: out of memory\n");
		goto out;
	}
	while (off < m->len) {
		r = read(fd, m->sql + off, m->len - off);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0) {
			fprintf(stderr, "havre-admin: migrate: %s: %s\n", path,
			    r == 0 ? "file shrank while reading" :
			    strerror(errno));
			goto out;
		}
		off += (size_t)r;
	}
	m->sql[m->len] = '\0';
	crypto_generichash(h, sizeof(h), (const unsigned char *)m->sql,
	    m->len, NULL, 0);
	sodium_bin2hex(m->sum, sizeof(m->sum), h, sizeof(h));
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	return rc;
}

/* qsort order: by version. */
static int
mig_cmp(const void *a, const void *b)
{
	const struct mig	*ma = a, *mb = b;

	return (ma->version > mb->version) - (ma->version < mb->version);
}

/*
 * Load every migration file of dir into s, sorted by version.
 * Returns 0, or -1 after a message on stderr (bad name, duplicate
 * number, unreadable file).
 */
static int
mig_scan(const char *dir, struct migset *s)
{
	DIR		*d;
	struct dirent	*de;
	struct mig	*m;
	long long	 version;
	size_t		 i;
	int		 r, rc = -1;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "havre-admin: migrate: %s: %s\n", dir,
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((r = mig_parse_name(de->d_name, &version)) == 0)
			continue;
		if (r == -1) {
			fprintf(stderr, "havre-admin: migrate: %s/%s: bad "
			    "name (want NNNN_description.sql)\n", dir,
			    de->d_name);
			goto out;
		}
		if ((m = migset_add(s)) == NULL ||
		    (m->name = strdup(de->d_name)) == NULL) {
			fprintf(stderr, "havre-admin: migrate: out of "
			    "memory\n");
			goto out;
		}
		m->version = version;
		m->state = MIG_PENDING;
		if (mig_read(dir, m) == -1)
			goto out;
	}
	if (s->n > 0)
		qsort(s->v, s->n, sizeof(s->v[0]), mig_cmp);
	for (i = 1; i < s->n; i++)
		if (s->v[i].version == s->v[i - 1].version) {
			fprintf(stderr, "havre-admin: migrate: %s and %s have "
			    "the same number\n", s->v[i - 1].name,
			    s->v[i].name);
			goto out;
		}
	rc = 0;
out:
	closedir(d);
	return rc;
}

/*
 * Returns the migration of s with version, or NULL.
 */
static struct mig *
mig_find(struct migset *s, long long version)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].version == version)
			return &s->v[i];
	return NULL;
}

/*
 * Mark the migrations of s that schema_migration records, comparing
 * each record with its file; records without a file are added as
 * MIG_MISSING. Prints a message naming each changed or missing file.
 * Returns the number of changed or missing migrations, or -1 on a
 * database error (printed).
 */
static int
mig_load_applied(struct db *db, const char *dir, struct migset *s)
{
	struct db_stmt	*st;
	struct mig	*m;
	const char	*name, *sum, *at;
	enum db_rc	 rc;
	int		 bad = 0;
	long long	 version;

	if ((st = db_stmt(db, ASQL_MIGRATION_LIST)) == NULL)
		goto dberr;
	while ((rc = db_step(st)) == DB_ROW) {
		version = db_col_int(st, 0);
		name = db_col_text(st, 1);
		sum = db_col_text(st, 2);
		at = db_col_text(st, 3);
		if (name == NULL || sum == NULL || at == NULL)
			continue;	/* NOT NULL columns */
		if ((m = mig_find(s, version)) == NULL) {
			if ((m = migset_add(s)) == NULL ||
			    (m->name = strdup(name)) == NULL)
				goto oom;
			m->version = version;
			m->state = MIG_MISSING;
			fprintf(stderr, "havre-admin: migrate: migration "
			    "%lld was applied as %s, but %s/%s is missing\n",
			    version, name, dir, name);
			bad++;
		} else if (strcmp(m->name, name) != 0) {
			m->state = MIG_CHANGED;
			fprintf(stderr, "havre-admin: migrate: %s/%s: "
			    "migration %lld was applied as %s\n", dir,
			    m->name, version, name);
			bad++;
		} else if (strcmp(m->sum, sum) != 0) {
			m->state = MIG_CHANGED;
			fprintf(stderr, "havre-admin: migrate: %s/%s changed "
			    "since it was applied on %s UTC (checksum %.16s..., "
			    "now %.16s...); write a new migration instead\n",
			    dir, m->name, at, sum, m->sum);
			bad++;
		} else
			m->state = MIG_APPLIED;
		if ((m->applied_at = strdup(at)) == NULL)
			goto oom;
	}
	if (rc != DB_OK)
		goto dberr;
	if (s->n > 0)
		qsort(s->v, s->n, sizeof(s->v[0]), mig_cmp);
	return bad;
oom:
	db_reset(st);
	fprintf(stderr, "havre-admin: migrate: out of memory\n");
	return -1;
dberr:
	fprintf(stderr, "havre-admin: migrate: cannot read schema_migration: "
	    "%s\n", db_errmsg(db));
	return -1;
}

/*
 * Run migration m and record it. Returns 0, or -1 after a message.
 */
static int
mig_apply(struct db *db, const char *dir, struct mig *m)
{
	struct db_stmt	*st;

	if (db_exec_script(db, m->sql, m->len) != DB_OK) {
		fprintf(stderr, "havre-admin: migrate: %s/%s failed: %s "
		    "(%u); the statements before the failing one stay "
		    "applied\n", dir, m->name, db_errmsg(db), db_errno(db));
		return -1;
	}
	if ((st = db_stmt(db, ASQL_MIGRATION_ADD)) == NULL)
		goto dberr;
	db_bind_int(st, 0, m->version);
	db_bind_text(st, 1, m->name);
	db_bind_text(st, 2, m->sum);
	if (db_exec(st) != DB_OK)
		goto dberr;
	m->state = MIG_APPLIED;
	return 0;
dberr:
	fprintf(stderr, "havre-admin: migrate: %s was applied but could not "
	    "be recorded: %s\n", m->name, db_errmsg(db));
	return -1;
}

/*
 * havre-admin migrate [--status]
 * Without options: apply every pending migration in order, printing
 * "applied NAME" for each, or "nothing to apply". With --status: print
 * "STATE NAME [APPLIED_AT]" for each migration, changing nothing.
 * Returns ADMIN_OK, ADMIN_FAIL (a recorded file changed or is missing,
 * a migration failed, or the database is unreachable) or ADMIN_USAGE.
 */
int
cmd_migrate(struct admin *a, int argc, char **argv)
{
	struct migset	 s;
	struct db	*db;
	struct db_stmt	*st;
	const char	*dir = a->conf.migrations;
	long long	 maxapplied = 0;
	size_t		 i, napplied = 0;
	int		 status = 0, bad, rc = ADMIN_FAIL;

	memset(&s, 0, sizeof(s));
	if (argc == 2 && strcmp(argv[1], "--status") == 0)
		status = 1;
	else if (argc != 1)
		return admin_usage(a);

	if (mig_scan(dir, &s) == -1)
		goto out;
	if ((db = admin_db(a)) == NULL)
		goto out;
	if ((st = db_stmt(db, ASQL_MIGRATION_CREATE)) == NULL ||
	    db_exec(st) != DB_OK) {
		fprintf(stderr, "havre-admin: migrate: cannot create "
		    "schema_migration: %s\n", db_errmsg(db));
		goto out;
	}
	if ((bad = mig_load_applied(db, dir, &s)) == -1)
		goto out;

	if (status) {
		for (i = 0; i < s.n; i++)
			printf("%-8s %s%s%s\n", mig_state_names[s.v[i].state],
			    s.v[i].name, s.v[i].applied_at != NULL ? "  " : "",
			    s.v[i].applied_at != NULL ? s.v[i].applied_at : "");
		if (s.n == 0)
			printf("no migrations in %s\n", dir);
		rc = bad > 0 ? ADMIN_FAIL : ADMIN_OK;
		goto out;
	}
	if (bad > 0) {
		fprintf(stderr, "havre-admin: migrate: refusing to apply "
		    "anything until the files above match the database\n");
		goto out;
	}

	for (i = 0; i < s.n; i++)
		if (s.v[i].state == MIG_APPLIED &&
		    s.v[i].version > maxapplied)
			maxapplied = s.v[i].version;
	for (i = 0; i < s.n; i++) {
		if (s.v[i].state != MIG_PENDING)
			continue;
		if (s.v[i].version < maxapplied)
			fprintf(stderr, "havre-admin: migrate: warning: %s is "
			    "older than migration %lld, applied already\n",
			    s.v[i].name, maxapplied);
		if (mig_apply(db, dir, &s.v[i]) == -1)
			goto out;
		printf("applied %s\n", s.v[i].name);
		fflush(stdout);
		napplied++;
	}
	if (napplied == 0)
		printf("nothing to apply\n");
	rc = ADMIN_OK;
out:
	migset_free(&s);
	return rc;
}

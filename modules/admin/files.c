/*
 * files.c: `havre-admin files verify`: read every file of the document
 * store (files.h) that the database lists, decrypt it, and compare its
 * BLAKE2b-256 and size with its row. Names each file that is missing
 * or altered. Run it from cron as the service account (it needs the
 * key file and the store folder) and alert on exit 1. It also names the
 * folder's files that have no row (orphans) and unfinished temporaries;
 * `havre-admin files sweep` removes those once they are old enough.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "admin.h"
#include "common_sql.h"
#include "db.h"
#include "files.h"
#include "valid.h"

/*
 * An orphan younger than this (seconds) may belong to an upload whose
 * transaction is still running (files_write comes before the commit):
 * sweep leaves it unless told otherwise. A transaction waits at most
 * innodb_lock_wait_timeout (50 s) per try, a few tries: an hour is far
 * beyond any of them, on every host sharing the folder.
 */
#define SWEEP_MIN_AGE	3600

#define VERIFY_BATCH	500	/* rows per CSQL_FILE_LIST */

/* One row of stored_file. */
struct file_row {
	char	 id[FILES_ID_LEN + 1];
	char	 purpose[40];
	size_t	 size;
	char	 hash[FILES_HASH_LEN + 1];	/* "": none recorded */
};

/* What the walk found. */
struct tally {
	uint64_t	 checked;
	uint64_t	 unhashed;	/* ok, but adopted without a hash */
	uint64_t	 missing;
	uint64_t	 altered;
	uint64_t	 errors;
	uint64_t	 orphans;	/* files without a row */
	uint64_t	 temporaries;	/* <id>.tmp: unfinished writes */
	uint64_t	 removed;	/* sweep: orphans and temporaries removed */
	uint64_t	 young;		/* sweep: too recent to remove */
};

/* What orphan_one needs during files_walk. */
struct walk_ctx {
	struct admin	*a;
	struct db	*db;
	struct tally	*t;
	int		 sweep;		/* 0: verify (name them), 1: remove */
	long long	 min_age;	/* sweep: seconds */
	time_t		 now;
};

/*
 * Read the next batch of rows after id after (""; the first) into rows
 * (VERIFY_BATCH of them). Returns the number read, or -1 on a database
 * error (printed).
 */
static int
batch_read(struct admin *a, struct db *db, const char *after,
    struct file_row *rows)
{
	struct db_stmt	*st;
	enum db_rc	 rc = DB_OK;
	int		 n = 0;

	if ((st = db_cstmt(db, CSQL_FILE_LIST)) == NULL)
		goto fail;
	db_bind_text(st, 0, after);
	while (n < VERIFY_BATCH && (rc = db_step(st)) == DB_ROW) {
		snprintf(rows[n].id, sizeof(rows[n].id), "%s",
		    db_col_text(st, 0) != NULL ? db_col_text(st, 0) : "");
		snprintf(rows[n].purpose, sizeof(rows[n].purpose), "%s",
		    db_col_text(st, 1) != NULL ? db_col_text(st, 1) : "");
		rows[n].size = (size_t)db_col_int(st, 2);
		snprintf(rows[n].hash, sizeof(rows[n].hash), "%s",
		    db_col_null(st, 3) ? "" : db_col_text(st, 3));
		n++;
	}
	if (n == VERIFY_BATCH)
		db_reset(st);
	else if (rc != DB_OK)
		goto fail;
	return n;
fail:
	fprintf(stderr, "havre-admin: %s: cannot list the stored files: %s\n",
	    a->cmdname, db_errmsg(db));
	return -1;
}

/*
 * Check one file against its row and count the result in t; a missing,
 * altered or unreadable file is named on stderr.
 */
static void
check_one(const struct admin *a, const struct file_row *row,
    struct tally *t)
{
	void		*data = NULL;
	size_t		 len = 0;
	enum files_rc	 rc;

	t->checked++;
	rc = files_read(&a->conf, row->id, row->hash[0] != '\0' ? row->hash :
	    NULL, row->size, &data, &len);
	if (data != NULL) {
		sodium_memzero(data, len);
		free(data);
	}
	switch (rc) {
	case FILES_OK:
		if (row->hash[0] == '\0')
			t->unhashed++;
		break;
	case FILES_MISSING:
		t->missing++;
		fprintf(stderr, "missing: %s (%s)\n", row->id, row->purpose);
		break;
	case FILES_ALTERED:
		t->altered++;
		fprintf(stderr, "altered: %s (%s)\n", row->id, row->purpose);
		break;
	default:
		t->errors++;
		fprintf(stderr, "unreadable: %s (%s): see the log\n", row->id,
		    row->purpose);
		break;
	}
}

/*
 * Whether file id has a row in stored_file.
 * Returns 1 if it has, 0 if not, -1 on a database error (printed).
 */
static int
has_row(struct admin *a, struct db *db, const char *id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_cstmt(db, CSQL_FILE_GET)) == NULL)
		goto fail;
	db_bind_text(st, 0, id);
	if ((rc = db_step(st)) == DB_ROW) {
		db_reset(st);
		return 1;
	}
	if (rc == DB_OK)
		return 0;
fail:
	fprintf(stderr, "havre-admin: %s: cannot read the stored files: %s\n",
	    a->cmdname, db_errmsg(db));
	return -1;
}

/*
 * files_walk's callback: a temporary, or a file without a row, is
 * counted and named on stderr ("orphan: ID", "temporary: ID.tmp"), or,
 * when sweeping, removed if it is at least min_age seconds old.
 * Returns 0 to go on, -1 on a database error (printed).
 */
static int
orphan_one(const struct files_entry *e, void *arg)
{
	struct walk_ctx	*w = arg;
	const char	*what = e->temporary ? "temporary" : "orphan";
	int		 r;

	if (!e->temporary) {
		if ((r = has_row(w->a, w->db, e->id)) != 0)
			return r == 1 ? 0 : -1;
		w->t->orphans++;
	} else
		w->t->temporaries++;
	if (!w->sweep) {
		fprintf(stderr, "%s: %s%s (no row)\n", what, e->id,
		    e->temporary ? ".tmp" : "");
		return 0;
	}
	if (w->now - e->mtime < w->min_age) {
		w->t->young++;
		return 0;
	}
	if (unlink(e->path) == -1 && errno != ENOENT) {
		fprintf(stderr, "havre-admin: %s: cannot remove %s: %s\n",
		    w->a->cmdname, e->path, strerror(errno));
		w->t->errors++;
		return 0;
	}
	w->t->removed++;
	fprintf(stderr, "removed %s: %s%s\n", what, e->id,
	    e->temporary ? ".tmp" : "");
	return 0;
}

/*
 * Walk the store folder for orphans and temporaries (orphan_one) into
 * t, naming them (sweep 0) or removing those at least min_age seconds
 * old (sweep 1). Returns 0, or -1 if the folder or the database could
 * not be read (printed).
 */
static int
orphans_walk(struct admin *a, struct db *db, struct tally *t, int sweep,
    long long min_age)
{
	struct walk_ctx	 w;

	w = (struct walk_ctx){ .a = a, .db = db, .t = t, .sweep = sweep,
	    .min_age = min_age, .now = time(NULL) };
	switch (files_walk(&a->conf, orphan_one, &w)) {
	case 0:
		return 0;
	case -1:
		if (has_row(a, db, "") != -1)	/* the folder, not the db */
			fprintf(stderr, "havre-admin: %s: cannot read the "
			    "store folder %s (see the log)\n", a->cmdname,
			    a->conf.files != NULL ? a->conf.files : "");
		return -1;
	default:
		return -1;
	}
}

/*
 * havre-admin files verify
 * Prints "files verified: N checked, N missing, N altered, N
 * unreadable" on stdout (plus how many have no recorded hash, then
 * "; N orphans, N temporaries" when the folder holds files without a
 * row), and one line per bad file on stderr: "missing: ID (PURPOSE)",
 * "altered: ID (PURPOSE)", "unreadable: ID (PURPOSE)", "orphan: ID (no
 * row)" or "temporary: ID.tmp (no row)". Orphans lose nothing (no row
 * points at them): they do not fail the check; `files sweep` removes them.
 * Returns ADMIN_OK if every file is intact, ADMIN_FAIL if one is not or
 * on a database or folder error, ADMIN_USAGE.
 */
int
cmd_files_verify(struct admin *a, int argc, char **argv)
{
	struct file_row	*rows = NULL;
	struct tally	 t;
	struct db	*db;
	char		 after[FILES_ID_LEN + 1] = "";
	int		 n, i, rc = ADMIN_FAIL;

	(void)argv;
	if (argc != 1)
		return admin_usage(a);
	memset(&t, 0, sizeof(t));
	if ((db = admin_db(a)) == NULL)
		goto out;
	if ((rows = calloc(VERIFY_BATCH, sizeof(*rows))) == NULL) {
		fprintf(stderr, "havre-admin: %s: out of memory\n",
		    a->cmdname);
		goto out;
	}
	do {
		if ((n = batch_read(a, db, after, rows)) == -1)
			goto out;
		for (i = 0; i < n; i++)
			check_one(a, &rows[i], &t);
		if (n > 0)
			snprintf(after, sizeof(after), "%s", rows[n - 1].id);
	} while (n == VERIFY_BATCH);
	if (orphans_walk(a, db, &t, 0, 0) == -1)
		goto out;
	printf("files verified: %llu checked, %llu missing, %llu altered, "
	    "%llu unreadable", (unsigned long long)t.checked,
	    (unsigned long long)t.missing, (unsigned long long)t.altered,
	    (unsigned long long)t.errors);
	if (t.unhashed > 0)
		printf(" (%llu intact without a recorded hash: stored before "
		    "migration 0008)", (unsigned long long)t.unhashed);
	if (t.orphans > 0 || t.temporaries > 0)
		printf("; %llu orphans, %llu temporaries (files sweep "
		    "removes them)", (unsigned long long)t.orphans,
		    (unsigned long long)t.temporaries);
	printf("\n");
	if (t.missing == 0 && t.altered == 0 && t.errors == 0)
		rc = ADMIN_OK;
out:
	free(rows);
	return rc;
}

/*
 * havre-admin files sweep [--min-age SECONDS]
 * Removes the store folder's files that no stored_file row names
 * (orphans: a worker that died between writing a file and committing
 * its row, a replaced file whose removal failed) and unfinished
 * temporaries, when at least SECONDS old (default SWEEP_MIN_AGE: an
 * upload in progress writes its file before its row). Names each
 * removed file on stderr ("removed orphan: ID", "removed temporary:
 * ID.tmp") and prints "files swept: N removed, N too recent (younger
 * than S s)" on stdout.
 * Returns ADMIN_OK, ADMIN_FAIL on a database or folder error or a file
 * that could not be removed, ADMIN_USAGE.
 */
int
cmd_files_sweep(struct admin *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "min-age", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	struct tally	 t;
	struct db	*db;
	long long	 min_age = SWEEP_MIN_AGE;
	int		 c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'm' || !valid_int(optarg, 0, 365LL * 86400, &min_age))
			return admin_usage(a);
	}
	if (optind != argc)
		return admin_usage(a);
	memset(&t, 0, sizeof(t));
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	if (orphans_walk(a, db, &t, 1, min_age) == -1)
		return ADMIN_FAIL;
	printf("files swept: %llu removed, %llu too recent (younger than "
	    "%lld s)\n", (unsigned long long)t.removed,
	    (unsigned long long)t.young, min_age);
	return t.errors == 0 ? ADMIN_OK : ADMIN_FAIL;
}

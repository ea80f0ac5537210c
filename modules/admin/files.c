/*
 * files.c: `havre-admin files verify`: read every file of the document
 * store (files.h) that the database lists, decrypt it, and compare its
 * BLAKE2b-256 and size with its row. Names each file that is missing
 * or altered. Run it from cron as the service account (it needs the
 * key file and the store folder) and alert on exit 1.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "admin.h"
#include "common_sql.h"
#include "db.h"
#include "files.h"

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
 * havre-admin files verify
 * Prints "files verified: N checked, N missing, N altered, N
 * unreadable" on stdout (plus how many have no recorded hash), and one
 * line per bad file on stderr: "missing: ID (PURPOSE)", "altered: ID
 * (PURPOSE)" or "unreadable: ID (PURPOSE)".
 * Returns ADMIN_OK if every file is intact, ADMIN_FAIL if one is not or
 * on a database error, ADMIN_USAGE.
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
	printf("files verified: %llu checked, %llu missing, %llu altered, "
	    "%llu unreadable", (unsigned long long)t.checked,
	    (unsigned long long)t.missing, (unsigned long long)t.altered,
	    (unsigned long long)t.errors);
	if (t.unhashed > 0)
		printf(" (%llu intact without a recorded hash: stored before "
		    "migration 0008)", (unsigned long long)t.unhashed);
	printf("\n");
	if (t.missing == 0 && t.altered == 0 && t.errors == 0)
		rc = ADMIN_OK;
out:
	free(rows);
	return rc;
}

/*
 * import.c: havre-admin import-persons FILE.csv [--duplicates OUT.csv]
 *     [--no-duplicate-pass]
 *
 * Bulk import of persons from a legacy system: UTF-8 CSV (RFC 4180)
 * with exactly the header
 *   source,source_id,family_name,given_names,sex,birth_date,birth_place,
 *   nationality,father_name,mother_name,document_type,document_number,phone
 * Idempotent on (source, source_id): a re-import updates the person.
 * Each row is checked whole before anything is written (a rejected row
 * is reported on stderr as FILE:LINE: reason, and nothing of it is
 * saved); valid rows are written in transactions of IMPORT_BATCH rows
 * (person upserts one by one, their blocking keys, documents and phones
 * in multi-row INSERTs), each with one audit event naming the rows.
 * Records of one person, within the file and against the persons
 * already there, always go to havre-identity's review queue as pending
 * pairs (duplicate_pair): an import cannot ask an agent, so it reports.
 * They are found in groups (match_group): a group starts from a pair
 * scoring probable or above, and a record joins when it scores well on
 * average with the group's records, so a record that shares little
 * with one of them is still found through the others; every pair of a
 * group is reported with its own score and class, and "group:N records"
 * in its reasons when the group is larger than the pair. --duplicates
 * also writes them to a file (with the group: its smallest person id).
 * The pass is libmatch's duplicate scan (modules/match/scan.c): this
 * file hands it the file's persons and the register's (read once, a
 * page at a time) with their blocking keys, and writes the pairs it
 * finds to the queue and the file. --no-duplicate-pass leaves the pass
 * out (a register loaded whole for a benchmark or a first migration
 * whose review is planned apart): the persons, their blocking keys,
 * documents and phones are stored exactly as with the pass; no pair
 * goes to the queue.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "audit.h"
#include "buf.h"
#include "csv.h"
#include "db.h"
#include "htime.h"
#include "match.h"
#include "person.h"
#include "valid.h"

/*
 * Rows per transaction: large enough that commits (an fsync each) do
 * not dominate, small enough that a retried deadlock redoes little and
 * locks stay short. Measured on the dev stack: 500 rows keep the
 * import above 5,000 rows/s.
 */
#define IMPORT_BATCH	500

/* The header, in this order, exactly. */
static const char *const columns[] = {
	"source", "source_id", "family_name", "given_names", "sex",
	"birth_date", "birth_place", "nationality", "father_name",
	"mother_name", "document_type", "document_number", "phone",
};
#define NCOLUMNS	(sizeof(columns) / sizeof(columns[0]))
enum col {
	C_SOURCE, C_SOURCE_ID, C_FAMILY, C_GIVEN, C_SEX, C_BIRTH, C_PLACE,
	C_NAT, C_FATHER, C_MOTHER, C_DOCTYPE, C_DOCNUM, C_PHONE,
};

static const char *const precision_names[] = {
	"unknown", "year", "month", "day",
};

/* One checked row, ready to write. */
struct irow {
	size_t		 line;
	char		 source[257];
	char		 source_id[513];
	char		 family[801];
	char		 given[801];
	char		 family_latin[1601];
	char		 given_latin[1601];
	char		 sex[2];
	struct pdate	 birth;
	char		 place[801];
	char		 nat[4];
	char		 father[801];
	char		 mother[801];
	const char	*doc_type;
	char		 doc_number[65];
	char		 doc_norm[65];
	char		 phone[17];
	char		 keys[MATCH_MAX_KEYS][MATCH_KEY_LEN];
	size_t		 nkeys;
	int64_t		 id;		/* set by the write */
	const struct match_scan_person *packed;	/* the matcher's view */
};

/* A blocking key row: the key and its person. */
struct keyrow {
	const char	*key;
	int64_t		 id;
};

/* The import's state. */
struct import {
	struct admin		*a;
	struct db		*db;
	struct match_ctx	*m;
	struct match_person	*mp;		/* scratch */
	const char		*file;
	const char		*cc;		/* Site.PhoneCountryCode */
	struct irow		*rows;		/* the current batch */
	struct keyrow		*krows;		/* its keys (keys_write) */
	size_t			 nrows;
	int64_t			*ids;		/* every imported id (for --duplicates) */
	size_t			 nids, capids;
	size_t			 created, updated, rejected, total;
	struct actor		 actor;
	char			 actor_name[80];
	struct match_scan	*scan;		/* the duplicate pass's persons */
	long			 before;	/* active persons before the import */
	double			 t0;		/* start of the duplicate pass */
	int			 nopass;	/* --no-duplicate-pass */
};

/* Print a rejected row's reason (fmt is a constant). */
static void __attribute__((format(printf, 3, 4)))
reject(struct import *im, size_t line, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s:%zu: ", im->file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	im->rejected++;
}

/* Copy a name-like field (0..max code points, one line). Returns 1 if
 * valid, else 0. */
static int
text_field(const char *s, size_t max, char *out, size_t outsz)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (!valid_string(s, 0, max, 0))
		return 0;
	snprintf(out, outsz, "%s", s);
	/* Trailing spaces are not part of the value. */
	for (max = strlen(out); max > 0 && (out[max - 1] == ' ' ||
	    out[max - 1] == '\t'); max--)
		out[max - 1] = '\0';
	return 1;
}

/* Returns 1 if s has the shape of a (partial) date YYYY[-MM[-DD]]. */
static int
date_shaped(const char *s)
{
	size_t	i, n = strlen(s);

	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (i = 0; i < n; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* Join the Latin forms of a name's tokens with spaces. */
static void
name_latin(const struct name *n, char *out, size_t outsz)
{
	size_t	i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n->n && len < outsz; i++)
		len += (size_t)snprintf(out + len, outsz - len, "%s%s",
		    len ? " " : "", n->t[i].latin);
}

/*
 * Check record rec (data line rec->line) into row. Returns 1 if the
 * row is good, else 0 after reporting why.
 */
static int
row_check(struct import *im, const struct csv_record *rec, struct irow *row)
{
	struct match_person	*mp = im->mp;
	const char		*f;
	char			 up[8];
	size_t			 i, k;

	memset(row, 0, offsetof(struct irow, keys));
	row->nkeys = 0;
	row->line = rec->line;
	if (rec->n != NCOLUMNS) {
		fprintf(stderr, "%s:%zu: expected %zu fields, found %zu\n",
		    im->file, rec->line, NCOLUMNS, rec->n);
		im->rejected++;
		return 0;
	}
	for (i = 0; i < NCOLUMNS; i++)
		if (!utf8_valid(rec->f[i], rec->len[i])) {
			reject(im, rec->line, "invalid UTF-8 in %s", columns[i]);
			return 0;
		}
	if (!text_field(rec->f[C_SOURCE], 64, row->source,
	    sizeof(row->source)) || row->source[0] == '\0') {
		reject(im, rec->line, "%s is missing or too long", "source");
		return 0;
	}
	if (!text_field(rec->f[C_SOURCE_ID], 128, row->source_id,
	    sizeof(row->source_id)) || row->source_id[0] == '\0') {
		reject(im, rec->line, "%s is missing or too long", "source_id");
		return 0;
	}
	if (!text_field(rec->f[C_FAMILY], 200, row->family,
	    sizeof(row->family))) {
		reject(im, rec->line, "%s is too long or holds control "
		    "characters", "family_name");
		return 0;
	}
	if (!text_field(rec->f[C_GIVEN], 200, row->given, sizeof(row->given))) {
		reject(im, rec->line, "%s is too long or holds control "
		    "characters", "given_names");
		return 0;
	}
	if (row->family[0] == '\0' && row->given[0] == '\0') {
		reject(im, rec->line, "%s", "no name: family_name and "
		    "given_names are both empty");
		return 0;
	}
	f = rec->f[C_SEX];
	if (f[0] != '\0') {
		if (f[1] != '\0' || strchr("MFXmfx", f[0]) == NULL) {
			reject(im, rec->line, "sex \"%s\" is not M, F or X", f);
			return 0;
		}
		row->sex[0] = (char)(f[0] >= 'a' ? f[0] - 'a' + 'A' : f[0]);
	}
	f = rec->f[C_BIRTH];
	if (f[0] != '\0' && !valid_partial_date(f, &row->birth)) {
		reject(im, rec->line, date_shaped(f) ? "impossible birth_date "
		    "\"%s\"" : "malformed birth_date \"%s\" (YYYY, YYYY-MM or "
		    "YYYY-MM-DD)", f);
		return 0;
	}
	if (!text_field(rec->f[C_PLACE], 200, row->place, sizeof(row->place))) {
		reject(im, rec->line, "%s is too long or holds control "
		    "characters", "birth_place");
		return 0;
	}
	f = rec->f[C_NAT];
	if (f[0] != '\0') {
		for (k = 0; f[k] != '\0' && k + 1 < sizeof(up); k++)
			up[k] = (char)(f[k] >= 'a' && f[k] <= 'z' ?
			    f[k] - 'a' + 'A' : f[k]);
		up[k] = '\0';
		if (strlen(f) != 3 || !valid_country(up)) {
			reject(im, rec->line, "unknown country code \"%s\" in "
			    "nationality", f);
			return 0;
		}
		memcpy(row->nat, up, 4);
	}
	if (!text_field(rec->f[C_FATHER], 200, row->father,
	    sizeof(row->father)) || !text_field(rec->f[C_MOTHER], 200,
	    row->mother, sizeof(row->mother))) {
		reject(im, rec->line, "%s is too long or holds control "
		    "characters", "a parent's name");
		return 0;
	}
	f = rec->f[C_DOCNUM];
	if (f[0] != '\0') {
		if (strlen(f) > 64 || (person_docno_normalise(f, row->doc_norm),
		    row->doc_norm[0] == '\0')) {
			reject(im, rec->line, "document_number \"%s\" is not a "
			    "document number", f);
			return 0;
		}
		snprintf(row->doc_number, sizeof(row->doc_number), "%s", f);
		row->doc_type = "other";
		if (rec->f[C_DOCTYPE][0] != '\0') {
			row->doc_type = NULL;
			for (k = 0; person_doc_types[k] != NULL; k++)
				if (strcmp(rec->f[C_DOCTYPE],
				    person_doc_types[k]) == 0)
					row->doc_type = person_doc_types[k];
			if (row->doc_type == NULL) {
				reject(im, rec->line, "unknown document_type "
				    "\"%s\"", rec->f[C_DOCTYPE]);
				return 0;
			}
		}
	} else if (rec->f[C_DOCTYPE][0] != '\0') {
		reject(im, rec->line, "%s", "document_type without a "
		    "document_number");
		return 0;
	}
	f = rec->f[C_PHONE];
	if (f[0] != '\0' && !valid_phone(f, im->cc, row->phone)) {
		reject(im, rec->line, "phone \"%s\" is not a phone number", f);
		return 0;
	}

	/* The matcher's view: Latin forms and blocking keys. */
	memset(mp, 0, sizeof(*mp));
	if (match_name(im->m, row->family, &mp->family) == -1 ||
	    match_name(im->m, row->given, &mp->given) == -1 ||
	    match_name(im->m, row->father, &mp->father) == -1 ||
	    match_name(im->m, row->mother, &mp->mother) == -1 ||
	    match_name(im->m, row->place, &mp->birthplace) == -1) {
		reject(im, rec->line, "%s", "a name cannot be normalised");
		return 0;
	}
	name_latin(&mp->family, row->family_latin, sizeof(row->family_latin));
	name_latin(&mp->given, row->given_latin, sizeof(row->given_latin));
	mp->birth = row->birth;
	mp->sex = row->sex[0];
	memcpy(mp->nationality, row->nat, sizeof(row->nat));
	if (row->doc_norm[0] != '\0') {
		snprintf(mp->docs[0], sizeof(mp->docs[0]), "%s", row->doc_norm);
		mp->ndocs = 1;
	}
	if (row->phone[0] != '\0') {
		snprintf(mp->phones[0], sizeof(mp->phones[0]), "%s", row->phone);
		mp->nphones = 1;
	}
	row->nkeys = match_keys(mp, row->keys, MATCH_MAX_KEYS);
	if (im->nopass)
		return 1;
	if ((row->packed = match_scan_pack(im->scan, mp, row->source,
	    row->source_id)) == NULL) {
		reject(im, rec->line, "%s", "out of memory");
		return 0;
	}
	return 1;
}

/* A multi-row INSERT being filled: rows bound so far, rows per
 * statement, placeholders per row, its ASQL_ id. */
struct pending {
	size_t	 n;
	size_t	 per;
	size_t	 cols;
	size_t	 sql;
};

/* qsort: by key, then person. */
static int
cmp_keyrow(const void *a, const void *b)
{
	const struct keyrow	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void
bind_key(struct db_stmt *st, size_t base, const void *v)
{
	const struct keyrow	*k = v;

	db_bind_text(st, base, k->key);
	db_bind_int(st, base + 1, k->id);
}

static void
bind_doc(struct db_stmt *st, size_t base, const void *v)
{
	const struct irow	*r = v;

	db_bind_int(st, base, r->id);
	db_bind_text(st, base + 1, r->doc_type);
	db_bind_text(st, base + 2, r->doc_number);
	db_bind_text(st, base + 3, r->doc_norm);
}

static void
bind_phone(struct db_stmt *st, size_t base, const void *v)
{
	const struct irow	*r = v;

	db_bind_int(st, base, r->id);
	db_bind_text(st, base + 1, r->phone);
}

/* Counts of one batch, set by batch_txn (rerun from zero on retry). */
struct batch_ctx {
	struct import	*im;
	size_t		 created, updated;
};

/*
 * Key rows per multi-row INSERT (ASQL_IMPORT_KEYS), and per statement
 * for a batch's last ones (ASQL_IMPORT_KEYS_TAIL). A batch has ~7,500
 * keys; 500 a statement took a few percent off the server's time
 * against 100, the tail statement keeps the padding small.
 */
#define KEYS_PER_INSERT	500
#define KEYS_PER_TAIL	100

/* Person rows per multi-row upsert (ASQL_IMPORT_PERSONS). */
#define PERSONS_PER_INSERT	50

/* Bind row r's 15 person columns from parameter base. */
static void
bind_person(struct db_stmt *st, size_t base, const struct irow *r)
{
	db_bind_text(st, base, r->family);
	db_bind_text(st, base + 1, r->given);
	db_bind_text(st, base + 2, r->family_latin);
	db_bind_text(st, base + 3, r->given_latin);
	db_bind_text(st, base + 4, r->sex[0] ? r->sex : NULL);
	db_bind_int(st, base + 5, r->birth.year);
	db_bind_int(st, base + 6, r->birth.month);
	db_bind_int(st, base + 7, r->birth.day);
	db_bind_text(st, base + 8, precision_names[r->birth.precision]);
	db_bind_text(st, base + 9, r->place);
	db_bind_text(st, base + 10, r->nat[0] ? r->nat : NULL);
	db_bind_text(st, base + 11, r->father);
	db_bind_text(st, base + 12, r->mother);
	db_bind_text(st, base + 13, r->source);
	db_bind_text(st, base + 14, r->source_id);
}

/* Forget an updated person's old keys (they are written again). */
static enum db_rc
keys_delete(struct db *db, int64_t id)
{
	struct db_stmt	*st;

	if ((st = db_stmt(db, ASQL_IMPORT_KEYS_DELETE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	return db_exec(st);
}

/*
 * Upsert one person; its id comes back through LAST_INSERT_ID(id)
 * whether inserted (1 affected row) or updated (2). Returns DB_OK or
 * the error.
 */
static enum db_rc
person_upsert_one(struct db *db, struct batch_ctx *c, struct irow *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_stmt(db, ASQL_IMPORT_PERSON)) == NULL)
		return db_last_rc(db);
	bind_person(st, 0, r);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	r->id = (int64_t)db_insert_id(st);
	if (r->id <= 0)
		return DB_ERROR;
	if (db_affected(st) == 1) {
		c->created++;
		return DB_OK;
	}
	c->updated++;
	return keys_delete(db, r->id);
}

/*
 * Read back the ids of PERSONS_PER_INSERT rows of one source just
 * upserted into rows[].id, and whether each existed before into
 * existed[]: a new row has version 1, and each upsert of a row adds 1,
 * so a person named k times among the rows existed iff its version is
 * above k. Returns DB_OK, or the error (DB_ERROR when a row is missing).
 */
static enum db_rc
person_ids(struct db *db, struct irow *rows, int *existed)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 ver[PERSONS_PER_INSERT];
	const char	*sid;
	size_t		 i, j, k;

	if ((st = db_stmt(db, ASQL_IMPORT_IDS)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, rows[0].source);
	for (i = 0; i < PERSONS_PER_INSERT; i++) {
		rows[i].id = 0;
		ver[i] = 0;
		db_bind_text(st, 1 + i, rows[i].source_id);
	}
	while ((rc = db_step(st)) == DB_ROW) {
		sid = db_col_text(st, 1);
		for (i = 0; i < PERSONS_PER_INSERT; i++)
			if (sid != NULL && strcmp(rows[i].source_id, sid) == 0) {
				rows[i].id = db_col_int(st, 0);
				ver[i] = db_col_int(st, 2);
			}
	}
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < PERSONS_PER_INSERT; i++) {
		if (rows[i].id <= 0)
			return DB_ERROR;
		for (j = 0, k = 0; j < PERSONS_PER_INSERT; j++)
			k += rows[j].id == rows[i].id;
		existed[i] = ver[i] > (int64_t)k;
	}
	return DB_OK;
}

/*
 * Upsert PERSONS_PER_INSERT persons of one source in one statement,
 * then read every id back with whether it existed (those are updated
 * and lose their old keys). Returns DB_OK or the error.
 */
static enum db_rc
person_upsert_many(struct db *db, struct batch_ctx *c, struct irow *rows)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int		 existed[PERSONS_PER_INSERT];
	size_t		 i;

	if ((st = db_stmt(db, ASQL_IMPORT_PERSONS)) == NULL)
		return db_last_rc(db);
	for (i = 0; i < PERSONS_PER_INSERT; i++)
		bind_person(st, i * 15, &rows[i]);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((rc = person_ids(db, rows, existed)) != DB_OK)
		return rc;
	for (i = 0; i < PERSONS_PER_INSERT; i++) {
		if (!existed[i]) {
			c->created++;
			continue;
		}
		c->updated++;
		if ((rc = keys_delete(db, rows[i].id)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/*
 * Turn the connection's foreign key checks off (on == 0) or on again.
 * Returns DB_OK or the error.
 */
static enum db_rc
fk_checks(struct db *db, int on)
{
	struct db_stmt	*st;

	if ((st = db_stmt(db, on ? ASQL_IMPORT_FK_ON : ASQL_IMPORT_FK_OFF)) ==
	    NULL)
		return db_last_rc(db);
	return db_exec(st);
}

/*
 * Insert the batch's blocking keys. They are sorted by (key, person),
 * the order of the primary key, so that consecutive rows go to the
 * same or neighbouring leaves, and exact repeats are dropped; then
 * written KEYS_PER_INSERT rows a statement while that many are left,
 * the rest KEYS_PER_TAIL a statement, the last one repeating its last
 * row (INSERT IGNORE makes the copies no-ops). Returns DB_OK or the
 * error.
 */
static enum db_rc
keys_write(struct db *db, struct import *im)
{
	struct db_stmt		*st = NULL;
	const struct irow	*r;
	enum db_rc		 rc;
	size_t			 i, k, nk = 0, per = 0, bound = 0;

	for (i = 0; i < im->nrows; i++) {
		r = &im->rows[i];
		for (k = 0; k < r->nkeys; k++) {
			im->krows[nk].key = r->keys[k];
			im->krows[nk++].id = r->id;
		}
	}
	qsort(im->krows, nk, sizeof(*im->krows), cmp_keyrow);
	for (i = 0, k = 0; i < nk; i++)
		if (k == 0 || cmp_keyrow(&im->krows[i], &im->krows[k - 1]) != 0)
			im->krows[k++] = im->krows[i];
	nk = k;

	for (i = 0; i < nk; i++) {
		if (bound == 0) {
			per = nk - i >= KEYS_PER_INSERT ? KEYS_PER_INSERT :
			    KEYS_PER_TAIL;
			if ((st = db_stmt(db, per == KEYS_PER_INSERT ?
			    ASQL_IMPORT_KEYS : ASQL_IMPORT_KEYS_TAIL)) == NULL)
				return db_last_rc(db);
		}
		bind_key(st, bound * 2, &im->krows[i]);
		if (++bound == per) {
			if ((rc = db_exec(st)) != DB_OK)
				return rc;
			bound = 0;
		}
	}
	if (bound > 0) {
		for (; bound < per; bound++)
			bind_key(st, bound * 2, &im->krows[nk - 1]);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/*
 * Write the batch (db_txn function): each person upserted (its id
 * found whether inserted or updated), an updated person's old keys
 * removed, then the keys, documents and phones in multi-row INSERT
 * IGNOREs, and one audit event.
 */
static enum db_rc
batch_txn(struct db *db, void *arg)
{
	struct batch_ctx	*c = arg;
	struct import		*im = c->im;
	struct pending		 pd = {0, 20, 4, ASQL_IMPORT_DOCS},
				 pp = {0, 20, 2, ASQL_IMPORT_PHONES};
	struct audit_change	 ch[4];
	struct db_stmt		*sd = NULL, *sp = NULL;
	const struct irow	*lastd = NULL, *lastp = NULL;
	struct irow		*r;
	enum db_rc		 rc;
	char			 eid[160], n1[24], n2[24], n3[24];
	size_t			 i, n;

	c->created = c->updated = 0;
	/* a retried transaction starts over with the checks on (turning
	 * them off below is not undone by the rollback) */
	if ((rc = fk_checks(db, 1)) != DB_OK)
		return rc;
	for (i = 0; i < im->nrows; i += n) {
		/* 50 rows of one source go in one statement. */
		for (n = 1; i + n < im->nrows && n < PERSONS_PER_INSERT &&
		    strcmp(im->rows[i + n].source, im->rows[i].source) == 0; n++)
			;
		if (n < PERSONS_PER_INSERT) {
			n = 1;
			if ((rc = person_upsert_one(db, c, &im->rows[i])) != DB_OK)
				return rc;
		} else if ((rc = person_upsert_many(db, c, &im->rows[i])) !=
		    DB_OK)
			return rc;
	}

	/*
	 * The keys, documents and phones reference persons upserted above
	 * in this transaction, whose rows it holds locked until it ends:
	 * their foreign keys to person cannot fail, so the checks (a
	 * lookup in person and a lock on its row, for each of ~15 rows a
	 * person) are off for these inserts only, as mysqldump turns them
	 * off to load rows whose parents it wrote. They are on again
	 * before the audit event and at the start of a retry; batch_flush
	 * turns them on after a failed batch, and a new connection starts
	 * with them on.
	 */
	if ((rc = fk_checks(db, 0)) != DB_OK ||
	    (rc = keys_write(db, im)) != DB_OK)
		return rc;

	/* Documents and phones: multi-row statements, each bound as a
	 * whole just before it runs. */
	for (i = 0; i < im->nrows; i++) {
		r = &im->rows[i];
		if (r->doc_norm[0] != '\0') {
			if (pd.n == 0 && (sd = db_stmt(db, pd.sql)) == NULL)
				return db_last_rc(db);
			bind_doc(sd, pd.n * pd.cols, r);
			lastd = r;
			if (++pd.n == pd.per) {
				if ((rc = db_exec(sd)) != DB_OK)
					return rc;
				pd.n = 0;
			}
		}
		if (r->phone[0] != '\0') {
			if (pp.n == 0 && (sp = db_stmt(db, pp.sql)) == NULL)
				return db_last_rc(db);
			bind_phone(sp, pp.n * pp.cols, r);
			lastp = r;
			if (++pp.n == pp.per) {
				if ((rc = db_exec(sp)) != DB_OK)
					return rc;
				pp.n = 0;
			}
		}
	}
	/* Partly filled statements repeat their last row (INSERT IGNORE
	 * makes the copies no-ops). */
	if (pd.n > 0) {
		for (; pd.n < pd.per; pd.n++)
			bind_doc(sd, pd.n * pd.cols, lastd);
		if ((rc = db_exec(sd)) != DB_OK)
			return rc;
	}
	if (pp.n > 0) {
		for (; pp.n < pp.per; pp.n++)
			bind_phone(sp, pp.n * pp.cols, lastp);
		if ((rc = db_exec(sp)) != DB_OK)
			return rc;
	}
	if ((rc = fk_checks(db, 1)) != DB_OK)
		return rc;

	snprintf(n1, sizeof(n1), "%zu", im->nrows);
	snprintf(n2, sizeof(n2), "%zu", c->created);
	snprintf(n3, sizeof(n3), "%zu", c->updated);
	ch[0] = (struct audit_change){"file", NULL, im->file};
	ch[1] = (struct audit_change){"rows", NULL, n1};
	ch[2] = (struct audit_change){"created", NULL, n2};
	ch[3] = (struct audit_change){"updated", NULL, n3};
	snprintf(eid, sizeof(eid), "%.60s:%zu-%zu", im->rows[0].source,
	    im->rows[0].line, im->rows[im->nrows - 1].line);
	return audit_write(db, &im->actor, "person_import", eid, "import",
	    ch, 4);
}

/* Write the current batch. Returns 0, or -1 after printing why. */
static int
batch_flush(struct import *im)
{
	struct batch_ctx	c;
	enum db_rc		rc;
	size_t			i;

	if (im->nrows == 0)
		return 0;
	memset(&c, 0, sizeof(c));
	c.im = im;
	if ((rc = db_txn(im->db, batch_txn, &c)) != DB_OK) {
		fprintf(stderr, "havre-admin: import-persons: cannot write "
		    "lines %zu-%zu: %s\n", im->rows[0].line,
		    im->rows[im->nrows - 1].line, db_errmsg(im->db));
		/* batch_txn may have stopped with the checks off. */
		(void)fk_checks(im->db, 1);
		return -1;
	}
	im->created += c.created;
	im->updated += c.updated;
	if (im->ids != NULL || im->capids > 0) {
		if (im->nids + im->nrows > im->capids) {
			size_t	 cap = (im->capids + im->nrows) * 2;
			int64_t	*n = realloc(im->ids, cap * sizeof(*n));

			if (n == NULL) {
				fprintf(stderr, "havre-admin: import-persons: "
				    "out of memory\n");
				return -1;
			}
			im->ids = n;
			im->capids = cap;
		}
		for (i = 0; i < im->nrows; i++)
			im->ids[im->nids++] = im->rows[i].id;
	}
	for (i = 0; i < im->nrows && !im->nopass; i++)
		if (match_scan_add(im->scan, im->rows[i].id,
		    im->rows[i].packed, im->rows[i].keys,
		    im->rows[i].nkeys) == -1) {
			fprintf(stderr, "havre-admin: import-persons: out of "
			    "memory\n");
			return -1;
		}
	im->nrows = 0;
	return 0;
}

/* --- duplicates --- */

/* qsort/bsearch over int64_t. */
static int
cmp_id(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The matcher's view of a register person from a row of
 * ASQL_IMPORT_REGISTER into mp; *source and *source_id point into the
 * row (valid until the next step).
 */
static void
register_row(struct import *im, struct db_stmt *st, struct match_person *mp,
    const char **source, const char **source_id)
{
	int64_t		 prec;
	const char	*s;

	memset(mp, 0, sizeof(*mp));
	match_name(im->m, db_col_text(st, 1), &mp->family);
	match_name(im->m, db_col_text(st, 2), &mp->given);
	match_name(im->m, db_col_text(st, 3), &mp->father);
	match_name(im->m, db_col_text(st, 4), &mp->mother);
	match_name(im->m, db_col_text(st, 15), &mp->birthplace);
	mp->sex = db_col_text(st, 5)[0];
	mp->birth.year = (int)db_col_int(st, 6);
	mp->birth.month = (int)db_col_int(st, 7);
	mp->birth.day = (int)db_col_int(st, 8);
	prec = db_col_int(st, 9) - 1;
	mp->birth.precision = (prec >= DATE_UNKNOWN && prec <= DATE_DAY) ?
	    (enum date_precision)prec : DATE_UNKNOWN;
	snprintf(mp->nationality, sizeof(mp->nationality), "%s",
	    db_col_text(st, 10));
	*source = db_col_text(st, 11);
	*source_id = db_col_text(st, 12);
	if ((s = db_col_text(st, 13)) != NULL && s[0] != '\0') {
		snprintf(mp->docs[0], sizeof(mp->docs[0]), "%.64s", s);
		mp->ndocs = 1;
	}
	if ((s = db_col_text(st, 14)) != NULL && s[0] != '\0') {
		snprintf(mp->phones[0], sizeof(mp->phones[0]), "%.16s", s);
		mp->nphones = 1;
	}
}

/* Register persons read a page at a time. */
#define REGISTER_PAGE	5000

/*
 * Load the persons already in the register (active, not in the file)
 * into the scan after the file's (match_scan_queries_end marks the end
 * of those): packed, with the keys they store, as the file's are. The pass then
 * reads only memory, whatever the register's size. Returns 0, or -1
 * after printing why.
 */
static int
register_load(struct import *im)
{
	struct db_stmt	*st;
	const struct match_scan_person *packed;
	const char	*src, *sid;
	char		 (*keys)[MATCH_KEY_LEN];
	size_t		 got, nk, loaded = 0;
	int64_t		 last = 0, id;
	enum db_rc	 rc;
	int		 status = -1;

	if (im->before == 0)
		return 0;
	if ((keys = calloc(MATCH_MAX_KEYS, MATCH_KEY_LEN)) == NULL)
		goto nomem;
	do {
		if ((st = db_stmt(im->db, ASQL_IMPORT_REGISTER)) == NULL)
			goto dberr;
		db_bind_int(st, 0, last);
		db_bind_int(st, 1, REGISTER_PAGE);
		for (got = 0; (rc = db_step(st)) == DB_ROW; got++) {
			last = id = db_col_int(st, 0);
			/* the file's persons are there already */
			if (im->nids > 0 && bsearch(&id, im->ids, im->nids,
			    sizeof(*im->ids), cmp_id) != NULL)
				continue;
			register_row(im, st, im->mp, &src, &sid);
			nk = match_keys(im->mp, keys, MATCH_MAX_KEYS);
			if ((packed = match_scan_pack(im->scan, im->mp, src,
			    sid)) == NULL ||
			    match_scan_add(im->scan, id, packed, keys, nk) == -1)
				goto nomem;
			if (++loaded % 100000 == 0)
				fprintf(stderr, "import-persons: duplicates: "
				    "%zu persons of the register loaded\n",
				    loaded);
		}
		if (rc != DB_OK)
			goto dberr;
	} while (got == REGISTER_PAGE);
	status = 0;
	goto out;
dberr:
	fprintf(stderr, "havre-admin: import-persons: duplicates: %s\n",
	    db_errmsg(im->db));
	goto out;
nomem:
	fprintf(stderr, "havre-admin: import-persons: duplicates: out of "
	    "memory\n");
out:
	free(keys);
	return status;
}

/* A pair for the review queue. */
struct qpair {
	int64_t		 a, b;		/* a < b */
	char		 score[16];
	const char	*cls;
	char		 why[1000];
};

/* The pairs found, written QPAIRS_TXN at a time (a transaction each:
 * small enough that a retried deadlock redoes little). */
#define QPAIRS_TXN	1000
struct qpairs {
	struct import	*im;
	struct qpair	*v;
	size_t		 n, cap;
};

/* Remember a pair; returns 0, or -1 when out of memory. */
static int
qpair_add(struct qpairs *q, int64_t x, int64_t y, const char *score,
    const char *cls, const char *why)
{
	struct qpair	*grown;

	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 64;
		if ((grown = reallocarray(q->v, q->cap, sizeof(*q->v))) ==
		    NULL)
			return -1;
		q->v = grown;
	}
	q->v[q->n].a = x < y ? x : y;
	q->v[q->n].b = x < y ? y : x;
	snprintf(q->v[q->n].score, sizeof(q->v[0].score), "%s", score);
	q->v[q->n].cls = cls;
	snprintf(q->v[q->n].why, sizeof(q->v[0].why), "%s", why);
	q->n++;
	return 0;
}

/* Pairs per multi-row upsert (ASQL_IMPORT_PAIRS). */
#define PAIRS_PER_INSERT	50

/* Write the pending pairs and one audit event (db_txn function). */
static enum db_rc
qpairs_txn(struct db *db, void *arg)
{
	struct qpairs		*q = arg;
	struct audit_change	 ch[2];
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 n[24];
	size_t			 i, k, per;

	for (i = 0; i < q->n; i += per) {
		per = q->n - i >= PAIRS_PER_INSERT ? PAIRS_PER_INSERT : 1;
		if ((st = db_stmt(db, per > 1 ? ASQL_IMPORT_PAIRS :
		    ASQL_IMPORT_PAIR)) == NULL)
			return db_last_rc(db);
		for (k = 0; k < per; k++) {
			db_bind_int(st, k * 5, q->v[i + k].a);
			db_bind_int(st, k * 5 + 1, q->v[i + k].b);
			db_bind_text(st, k * 5 + 2, q->v[i + k].score);
			db_bind_text(st, k * 5 + 3, q->v[i + k].cls);
			db_bind_text(st, k * 5 + 4, q->v[i + k].why);
		}
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	snprintf(n, sizeof(n), "%zu", q->n);
	ch[0] = (struct audit_change){"file", NULL, q->im->file};
	ch[1] = (struct audit_change){"pairs", NULL, n};
	return audit_write(db, &q->im->actor, "duplicate_pair", "import",
	    "import_pending", ch, 2);
}

/* Write one CSV field, quoted when needed. */
static void
csv_put(FILE *f, const char *s, int last)
{
	if (f == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', f);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else
		fputs(s, f);
	fputc(last ? '\n' : ',', f);
}

/* Write the review queue's pending pairs so far (a transaction per
 * QPAIRS_TXN pairs). Returns 0, or -1 after printing why. */
static int
qpairs_flush(struct qpairs *q)
{
	if (q->n > 0 && db_txn(q->im->db, qpairs_txn, q) != DB_OK) {
		fprintf(stderr, "havre-admin: import-persons: review queue: "
		    "%s\n", db_errmsg(q->im->db));
		return -1;
	}
	q->n = 0;
	return 0;
}

/* The duplicate pass's output: the queue and the file. */
struct dpass {
	struct import	*im;
	FILE		*f;
	struct qpairs	 q;
	long		 pairs;
};

/*
 * match_scan_pair_fn of the pass: write pair pr of a group (its own
 * score, class and reasons, and the group) to the file and the queue.
 * Returns 0, -1 when out of memory, -2 when the queue could not be
 * written (printed).
 */
static int
dpass_report(const struct match_scan_pair *pr, void *arg)
{
	struct dpass			*d = arg;
	const struct match_result	*res = pr->res;
	char				 sc[16], ida[24], idb[24], grp[24];
	char				 why[1000];
	size_t				 k, w = 0;

	why[0] = '\0';
	for (k = 0; k < res->nreasons && w < sizeof(why); k++)
		w += (size_t)snprintf(why + w, sizeof(why) - w, "%s%s:%s",
		    w ? "; " : "", res->reasons[k].field, res->reasons[k].how);
	if (pr->group_size > 2 && w < sizeof(why))
		snprintf(why + w, sizeof(why) - w, "%sgroup:%zu records",
		    w ? "; " : "", pr->group_size);
	snprintf(ida, sizeof(ida), "%lld", (long long)pr->id_a);
	snprintf(idb, sizeof(idb), "%lld", (long long)pr->id_b);
	snprintf(grp, sizeof(grp), "%lld", (long long)pr->group_id);
	snprintf(sc, sizeof(sc), "%.3f", res->score);
	csv_put(d->f, ida, 0);
	csv_put(d->f, pr->source_a, 0);
	csv_put(d->f, pr->source_id_a, 0);
	csv_put(d->f, idb, 0);
	csv_put(d->f, pr->source_b, 0);
	csv_put(d->f, pr->source_id_b, 0);
	csv_put(d->f, sc, 0);
	csv_put(d->f, match_class_name(res->cls), 0);
	csv_put(d->f, grp, 0);
	csv_put(d->f, why, 1);
	d->pairs++;
	if (qpair_add(&d->q, pr->id_a, pr->id_b, sc,
	    match_class_name(res->cls), why) == -1)
		return -1;
	return d->q.n >= QPAIRS_TXN && qpairs_flush(&d->q) == -1 ? -2 : 0;
}

/* match_scan_progress_fn of the pass: a line on stderr. */
static void
dpass_progress(size_t done, size_t total, void *arg)
{
	struct dpass	*d = arg;

	fprintf(stderr, "import-persons: duplicates: %zu/%zu persons checked "
	    "(%.0f persons/s)\n", done, total, (double)done /
	    (time_mono_s() - d->im->t0));
}

/*
 * Find the persons of the file that are one person, with each other or
 * with persons already there, put their pairs in the review queue as
 * pending, and write them to path (NULL: no file): the duplicate scan
 * of libmatch (match_scan_run) over the file's persons, checked against
 * each other and the register's (all in memory: register_load); every
 * pair of a group it finds is reported with its own score, class and
 * reasons. Returns the number of pairs, or -1 after printing why.
 */
static long
duplicates_write(struct import *im, const char *path)
{
	struct dpass		 d;
	struct match_scan_stats	 stats;
	double			 t1;
	long			 status = -1;
	int			 rc;

	memset(&d, 0, sizeof(d));
	d.im = im;
	d.q.im = im;
	if (path != NULL && (d.f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "havre-admin: import-persons: %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	im->t0 = time_mono_s();
	if (d.f != NULL)
		fputs("person_id_a,source_a,source_id_a,person_id_b,source_b,"
		    "source_id_b,score,class,group,reasons\n", d.f);
	if (match_scan_queries_end(im->scan) == 0) {
		/* nothing imported, nothing to find */
		status = 0;
		goto out;
	}
	qsort(im->ids, im->nids, sizeof(*im->ids), cmp_id);
	if (register_load(im) == -1)
		goto out;
	rc = match_scan_run(im->scan, dpass_report, dpass_progress, &d,
	    &stats);
	if (rc == 0 && qpairs_flush(&d.q) == -1)
		rc = -2;
	if (rc == -1)
		goto nomem;
	if (rc != 0)
		goto out;
	t1 = time_mono_s();
	printf("duplicate pass: %zu persons checked against %zu of the "
	    "register (%zu scanners), %zu pairs scored, %zu kept for "
	    "grouping, in %.1f s (%.0f persons/s)\n", stats.queries,
	    stats.others, stats.scanners, stats.scored, stats.kept,
	    t1 - im->t0, t1 > im->t0 ? (double)stats.queries /
	    (t1 - im->t0) : 0.0);
	status = d.pairs;
	goto out;
nomem:
	fprintf(stderr, "havre-admin: import-persons: duplicates: out of "
	    "memory\n");
out:
	free(d.q.v);
	if (d.f != NULL && (ferror(d.f) | (fclose(d.f) != 0)) && status >= 0) {
		fprintf(stderr, "havre-admin: import-persons: %s: %s\n", path,
		    strerror(errno));
		status = -1;
	}
	return status;
}

/* Count the active persons before the import into im->before.
 * Returns 0, or -1 after printing why. */
static int
active_count(struct import *im)
{
	struct db_stmt	*st;

	if ((st = db_stmt(im->db, ASQL_IMPORT_ACTIVE)) == NULL ||
	    db_step(st) != DB_ROW) {
		fprintf(stderr, "havre-admin: import-persons: %s\n",
		    db_errmsg(im->db));
		return -1;
	}
	im->before = (long)db_col_int(st, 0);
	db_reset(st);
	return 0;
}

/*
 * havre-admin import-persons FILE.csv [--duplicates OUT.csv]
 * Returns ADMIN_OK when every row was imported, ADMIN_FAIL when some
 * were rejected (the others are imported) or the import stopped,
 * ADMIN_USAGE for bad arguments.
 */
int
cmd_import_persons(struct admin *a, int argc, char **argv)
{
	struct import		 im;
	struct csv_reader	 csv;
	struct csv_record	 rec;
	struct stat		 sb;
	const char		*dupfile = NULL, *data = NULL;
	void			*map = NULL;
	size_t			 len = 0, maplen = 0, i, lastmsg = 0;
	double			 t0, t1;
	long			 pairs = -1;
	int			 fd = -1, rc, status = ADMIN_FAIL, header = 1;

	memset(&im, 0, sizeof(im));
	memset(&csv, 0, sizeof(csv));
	for (i = 1; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "--duplicates") == 0 && i + 1 < (size_t)argc)
			dupfile = argv[++i];
		else if (strcmp(argv[i], "--no-duplicate-pass") == 0)
			im.nopass = 1;
		else if (argv[i][0] == '-' || im.file != NULL)
			return admin_usage(a);
		else
			im.file = argv[i];
	}
	if (im.file == NULL || (im.nopass && dupfile != NULL))
		return admin_usage(a);
	im.a = a;
	if ((fd = open(im.file, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &sb) == -1) {
		fprintf(stderr, "havre-admin: import-persons: %s: %s\n",
		    im.file, strerror(errno));
		goto out;
	}
	len = maplen = (size_t)sb.st_size;
	if (len > 0 && (map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd,
	    0)) == MAP_FAILED) {
		map = NULL;
		fprintf(stderr, "havre-admin: import-persons: %s: %s\n",
		    im.file, strerror(errno));
		goto out;
	}
	data = map != NULL ? map : "";
	/* A UTF-8 byte-order mark is not part of the header. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if ((im.db = admin_db(a)) == NULL)
		goto out;
	if ((im.m = match_open(conf_get(&a->conf, "Paths.MatchData",
	    NULL))) == NULL) {
		fprintf(stderr, "havre-admin: import-persons: cannot open the "
		    "matcher\n");
		goto out;
	}
	if ((im.mp = calloc(1, sizeof(*im.mp))) == NULL ||
	    (im.scan = match_scan_new()) == NULL ||
	    (im.rows = calloc(IMPORT_BATCH, sizeof(*im.rows))) == NULL ||
	    (im.krows = calloc(IMPORT_BATCH * MATCH_MAX_KEYS,
	    sizeof(*im.krows))) == NULL) {
		fprintf(stderr, "havre-admin: import-persons: out of memory\n");
		goto out;
	}
	/* remember the ids: the duplicate pass needs them */
	im.capids = im.nopass ? 0 : 1;
	im.cc = conf_get(&a->conf, "Site.PhoneCountryCode", NULL);
	admin_actor(&im.actor, im.actor_name, sizeof(im.actor_name));
	if (active_count(&im) == -1)
		goto out;

	t0 = time_mono_s();
	csv_open(&csv, data, len);
	while ((rc = csv_next(&csv, &rec)) != 0) {
		if (header) {
			header = 0;
			if (rc != 1 || rec.n != NCOLUMNS)
				goto badheader;
			for (i = 0; i < NCOLUMNS; i++)
				if (strcmp(rec.f[i], columns[i]) != 0)
					goto badheader;
			continue;
		}
		im.total++;
		if (rc == -1) {
			fprintf(stderr, "%s:%zu: malformed CSV: %s\n", im.file,
			    rec.line, rec.error);
			im.rejected++;
			if (csv.pos >= csv.len)
				break;
			continue;
		}
		if (!row_check(&im, &rec, &im.rows[im.nrows]))
			continue;
		if (++im.nrows == IMPORT_BATCH && batch_flush(&im) == -1)
			goto out;
		if (im.total - lastmsg >= 50000) {
			lastmsg = im.total;
			t1 = time_mono_s();
			fprintf(stderr, "import-persons: %zu rows read, %zu "
			    "imported, %zu rejected (%.0f rows/s)\n", im.total,
			    im.created + im.updated, im.rejected,
			    (double)(im.created + im.updated) / (t1 - t0));
		}
	}
	if (header) {
badheader:
		fprintf(stderr, "%s:1: the header must be exactly: ", im.file);
		for (i = 0; i < NCOLUMNS; i++)
			fprintf(stderr, "%s%s", i ? "," : "", columns[i]);
		fputc('\n', stderr);
		goto out;
	}
	if (batch_flush(&im) == -1)
		goto out;
	t1 = time_mono_s();
	printf("imported %zu rows (%zu created, %zu updated), %zu rejected, "
	    "in %.1f s (%.0f rows/s)\n", im.created + im.updated, im.created,
	    im.updated, im.rejected, t1 - t0, t1 > t0 ?
	    (double)(im.created + im.updated) / (t1 - t0) : 0.0);
	/* the register's common keys, counted again for the searches
	 * (the import changed them wholesale; before the duplicate pass,
	 * which may take long, so the desks have them meanwhile) */
	if (admin_freq_refresh(im.db, PERSON_FREQ_MIN, &im.actor) !=
	    ADMIN_OK)
		goto out;
	if (im.nopass) {
		printf("no duplicate pass (--no-duplicate-pass)\n");
		status = im.rejected > 0 ? ADMIN_FAIL : ADMIN_OK;
		goto out;
	}
	if ((pairs = duplicates_write(&im, dupfile)) < 0)
		goto out;
	printf("%ld possible duplicate pairs pending in the review queue\n",
	    pairs);
	if (dupfile != NULL)
		printf("%ld possible duplicate pairs written to %s\n", pairs,
		    dupfile);
	status = im.rejected > 0 ? ADMIN_FAIL : ADMIN_OK;
out:
	csv_close(&csv);
	if (map != NULL)
		munmap(map, maplen);
	if (fd != -1)
		close(fd);
	match_close(&im.m);
	free(im.mp);
	free(im.rows);
	free(im.krows);
	free(im.ids);
	match_scan_free(&im.scan);
	return status;
}

/*
 * import.c: havre-admin import-persons FILE.csv [--duplicates OUT.csv]
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
 * The pass works in memory: the file's persons and the register's
 * (read once, a page at a time) with their blocking keys; each file
 * person's blocks of shared keys give candidates, scored without a
 * query, with name frequencies counted from the same keys
 * (match_set_frequency), one thread per processor.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
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

/* Document types (person_document.doc_type); empty means "other". */
static const char *const doc_types[] = {
	"passport", "id_card", "residence_permit", "travel_document",
	"birth_certificate", "driving_licence", "other", NULL,
};
static const char *const precision_names[] = {
	"unknown", "year", "month", "day",
};

/*
 * The duplicate pass works in memory: each imported person's matcher
 * view is packed into an arena (a header, then its name tokens: family,
 * given, father, mother, birthplace; then "source\0source_id\0"), about
 * 1.5 KB a
 * person, and its stored blocking keys go into one array of (key hash,
 * person) sorted once: a key's block is a binary search away, the
 * persons of a block are scored without a query.
 */
struct dhead {
	struct pdate	 birth;
	char		 sex;
	char		 nat[4];
	char		 doc[65];
	char		 phone[17];
	unsigned char	 n[5];		/* tokens of family, given, father, mother,
					   birthplace */
};
#define ARENA_CHUNK	(64u << 20)

/* The arena: chunks of ARENA_CHUNK bytes, never moved. */
struct arena {
	char	**chunk;
	size_t	  nchunk, used;
};

/* A person of the pass: its id and packed view. */
struct drow {
	int64_t		 id;
	struct dhead	*p;
};

/* One stored key of a person: FNV-1a hash of the key, index in drows. */
struct dent {
	uint64_t	 h;
	uint32_t	 row;
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
	struct dhead	*packed;	/* the matcher's view (arena) */
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
	struct arena		 arena;		/* packed persons */
	struct drow		*drows;		/* every imported person */
	size_t			 ndrows, capdrows;
	struct dent		*ents;		/* their stored keys */
	size_t			 nents, capents;
	long			 before;	/* active persons before the import */
	size_t			 nfile;		/* drows[0..nfile): the file's */
};

/* Allocate n bytes (8-aligned) in the arena. Returns NULL when out of
 * memory. */
static void *
arena_alloc(struct arena *ar, size_t n)
{
	char	**grown;

	n = (n + 7) & ~(size_t)7;
	if (n > ARENA_CHUNK)
		return NULL;
	if (ar->nchunk == 0 || ar->used + n > ARENA_CHUNK) {
		if ((grown = reallocarray(ar->chunk, ar->nchunk + 1,
		    sizeof(*grown))) == NULL)
			return NULL;
		ar->chunk = grown;
		if ((ar->chunk[ar->nchunk] = malloc(ARENA_CHUNK)) == NULL)
			return NULL;
		ar->nchunk++;
		ar->used = 0;
	}
	ar->used += n;
	return ar->chunk[ar->nchunk - 1] + ar->used - n;
}

/* Free the arena's chunks. */
static void
arena_free(struct arena *ar)
{
	size_t	i;

	for (i = 0; i < ar->nchunk; i++)
		free(ar->chunk[i]);
	free(ar->chunk);
	memset(ar, 0, sizeof(*ar));
}

/* FNV-1a of a key. */
static uint64_t
key_hash(const char *k)
{
	uint64_t	h = 14695981039346656037ull;

	for (; *k != '\0'; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211ull;
	return h;
}

/*
 * Pack the matcher's view mp of a person of source/source_id into the
 * arena. Returns the packed person, or NULL when out of memory.
 */
static struct dhead *
dpack(struct arena *ar, const struct match_person *mp, const char *source,
    const char *source_id)
{
	const struct name	*nm[5] = {&mp->family, &mp->given, &mp->father,
				    &mp->mother, &mp->birthplace};
	struct dhead		*h;
	struct name_token	*t;
	size_t			 i, nt = 0, ls, li;
	char			*s;

	for (i = 0; i < 5; i++)
		nt += nm[i]->n;
	ls = strlen(source) + 1;
	li = strlen(source_id) + 1;
	if ((h = arena_alloc(ar, sizeof(*h) + nt * sizeof(*t) + ls + li)) ==
	    NULL)
		return NULL;
	h->birth = mp->birth;
	h->sex = mp->sex;
	memcpy(h->nat, mp->nationality, sizeof(h->nat));
	memcpy(h->doc, mp->ndocs ? mp->docs[0] : "", mp->ndocs ?
	    sizeof(h->doc) : 1);
	memcpy(h->phone, mp->nphones ? mp->phones[0] : "", mp->nphones ?
	    sizeof(h->phone) : 1);
	t = (struct name_token *)(h + 1);
	for (i = 0; i < 5; i++) {
		h->n[i] = (unsigned char)nm[i]->n;
		memcpy(t, nm[i]->t, nm[i]->n * sizeof(*t));
		t += nm[i]->n;
	}
	s = (char *)t;
	memcpy(s, source, ls);
	memcpy(s + ls, source_id, li);
	return h;
}

/* Unpack h into mp; *source and *source_id point into the arena. */
static void
dunpack(const struct dhead *h, struct match_person *mp,
    const char **source, const char **source_id)
{
	struct name		*nm[5] = {&mp->family, &mp->given, &mp->father,
				    &mp->mother, &mp->birthplace};
	const struct name_token	*t = (const struct name_token *)(h + 1);
	size_t			 i;

	for (i = 0; i < 5; i++) {
		nm[i]->n = h->n[i];
		memcpy(nm[i]->t, t, h->n[i] * sizeof(*t));
		t += h->n[i];
	}
	mp->birth = h->birth;
	mp->sex = h->sex;
	memcpy(mp->nationality, h->nat, sizeof(h->nat));
	mp->ndocs = h->doc[0] != '\0';
	if (mp->ndocs)
		memcpy(mp->docs[0], h->doc, sizeof(h->doc));
	mp->nphones = h->phone[0] != '\0';
	if (mp->nphones)
		memcpy(mp->phones[0], h->phone, sizeof(h->phone));
	*source = (const char *)t;
	*source_id = *source + strlen(*source) + 1;
}

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
			for (k = 0; doc_types[k] != NULL; k++)
				if (strcmp(rec->f[C_DOCTYPE], doc_types[k]) == 0)
					row->doc_type = doc_types[k];
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
	if ((row->packed = dpack(&im->arena, mp, row->source, row->source_id)) == NULL) {
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

/* Remember person id for the duplicate pass: its packed view and its
 * nkeys stored keys. Returns 0, or -1 when out of memory. */
static int
drow_append(struct import *im, int64_t id, struct dhead *packed,
    char keys[][MATCH_KEY_LEN], size_t nkeys)
{
	size_t	k, cap;
	void	*grown;

	if (im->ndrows == im->capdrows) {
		cap = im->capdrows ? im->capdrows * 2 : 4096;
		if ((grown = reallocarray(im->drows, cap, sizeof(*im->drows))) ==
		    NULL)
			return -1;
		im->drows = grown;
		im->capdrows = cap;
	}
	if (im->nents + nkeys > im->capents) {
		cap = (im->capents + nkeys) * 2;
		if ((grown = reallocarray(im->ents, cap, sizeof(*im->ents))) ==
		    NULL)
			return -1;
		im->ents = grown;
		im->capents = cap;
	}
	for (k = 0; k < nkeys; k++) {
		im->ents[im->nents].h = key_hash(keys[k]);
		im->ents[im->nents++].row = (uint32_t)im->ndrows;
	}
	im->drows[im->ndrows].id = id;
	im->drows[im->ndrows++].p = packed;
	return 0;
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
	for (i = 0; i < im->nrows; i++)
		if (drow_append(im, im->rows[i].id, im->rows[i].packed,
		    im->rows[i].keys, im->rows[i].nkeys) == -1) {
			fprintf(stderr, "havre-admin: import-persons: out of "
			    "memory\n");
			return -1;
		}
	im->nrows = 0;
	return 0;
}

/* Seconds since some fixed point, as a double. */
static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- duplicates --- */

/* Candidates per imported person (the persons sharing most keys). */
#define DUP_SCORED	50
#define DUP_KEY_ROWS	200

/* qsort/bsearch over int64_t. */
static int
cmp_id(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* One candidate of the duplicate search. */
struct dcand {
	int64_t	id;
	int	hits;
};

/* qsort: most hits first. */
static int
cmp_hits(const void *a, const void *b)
{
	const struct dcand	*x = a, *y = b;

	if (x->hits != y->hits)
		return y->hits - x->hits;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* qsort: (id, row) pairs by id, then row. */
static int
cmp_idrow(const void *p, const void *q)
{
	const int64_t *a = p, *b = q;

	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return a[1] < b[1] ? -1 : a[1] > b[1];
}

/*
 * A file may name one person twice (the same source and source_id):
 * the later row updated it, so only the last row stays a node of the
 * pass; the earlier ones are dropped (their p set to NULL, their keys
 * removed from ents by ents_live). Returns the number dropped, or -1
 * when out of memory.
 */
static long
file_nodes_unique(struct import *im)
{
	int64_t	(*v)[2];
	size_t	 i;
	long	 dropped = 0;

	if (im->nfile < 2)
		return 0;
	if ((v = calloc(im->nfile, sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < im->nfile; i++) {
		v[i][0] = im->drows[i].id;
		v[i][1] = (int64_t)i;
	}
	qsort(v, im->nfile, sizeof(*v), cmp_idrow);
	for (i = 0; i + 1 < im->nfile; i++)
		if (v[i][0] == v[i + 1][0]) {
			im->drows[v[i][1]].p = NULL;
			dropped++;
		}
	free(v);
	return dropped;
}

/* Remove the keys of dropped nodes (file_nodes_unique) from ents. */
static void
ents_live(struct import *im)
{
	size_t i, k = 0;

	for (i = 0; i < im->nents; i++)
		if (im->drows[im->ents[i].row].p != NULL)
			im->ents[k++] = im->ents[i];
	im->nents = k;
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
 * into the pass after the file's (im->nfile marks the end of those):
 * packed, with the keys they store, as the file's are. The pass then
 * reads only memory, whatever the register's size. Returns 0, or -1
 * after printing why.
 */
static int
register_load(struct import *im)
{
	struct db_stmt	*st;
	struct dhead	*packed;
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
			if ((packed = dpack(&im->arena, im->mp, src, sid)) ==
			    NULL || drow_append(im, id, packed, keys, nk) == -1)
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

/* qsort: entries by key hash, then person. */
static int
cmp_ent(const void *a, const void *b)
{
	const struct dent	*x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* The first entry of hash h (im->nents when none); with after set,
 * the first entry past h's. */
static size_t
ent_bound(const struct import *im, uint64_t h, int after)
{
	size_t	lo = 0, hi = im->nents, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (im->ents[mid].h < h || (after && im->ents[mid].h == h))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
#define ent_first(im, h)	ent_bound((im), (h), 0)

/*
 * Keep the DUP_SCORED candidates of cands[0..nc) hit most (ties: the
 * first found), best first, without sorting them all (a person of a
 * large register has thousands). Returns how many are kept.
 */
static size_t
top_hits(struct dcand *cands, size_t nc)
{
	size_t	hist[MATCH_MAX_KEYS + 2] = {0}, i, n = 0, above = 0, tie;
	int	t;

	if (nc <= DUP_SCORED) {
		qsort(cands, nc, sizeof(*cands), cmp_hits);
		return nc;
	}
	for (i = 0; i < nc; i++)
		hist[cands[i].hits > MATCH_MAX_KEYS ? MATCH_MAX_KEYS + 1 :
		    cands[i].hits]++;
	for (t = MATCH_MAX_KEYS + 1; t > 0 && above + hist[t] < DUP_SCORED;
	    t--)
		above += hist[t];
	tie = DUP_SCORED - above;
	for (i = 0; i < nc && n < DUP_SCORED; i++) {
		int	h = cands[i].hits > MATCH_MAX_KEYS ?
		    MATCH_MAX_KEYS + 1 : cands[i].hits;

		if (h > t || (h == t && tie > 0)) {
			if (h == t)
				tie--;
			cands[n++] = cands[i];
		}
	}
	qsort(cands, n, sizeof(*cands), cmp_hits);
	return n;
}

/*
 * match_freq_fn of the import: persons carrying key, the file's and the
 * register's (all in memory: register_load), the count of the key's
 * block; the same numbers whatever the order of the rows.
 */
static long
import_freq(const char *key, void *arg)
{
	struct import	*im = arg;
	uint64_t	 h = key_hash(key);

	return (long)(ent_bound(im, h, 1) - ent_bound(im, h, 0));
}

/*
 * The pass's graph. Nodes are drows' persons: the file's
 * (0..nfile-1), then the register's (register_load); edges are the
 * pairs scoring at least match_group_min(), each pair kept once.
 */
struct dpass {
	struct import		*im;
	FILE			*f;
	struct qpairs		 q;
	struct match_person	*self, *other;
	struct match_edge	*edges;
	size_t			 nedges, capedges;
	long			 pairs;
	size_t			 scored;
	size_t			 done;		/* persons scanned (atomic) */
	double			 t0;
};

/*
 * A scanner of the file's persons drows[from..to): its scratch and the
 * pairs it kept. Only memory is read (the arena, the sorted keys, name
 * frequencies counted from them): one scanner per processor shares the
 * work.
 */
struct dscan {
	struct dpass		*d;
	size_t			 from, to;
	struct match_person	*self, *other;
	char			(*keys)[MATCH_KEY_LEN];
	struct dcand		*cands;
	uint32_t		*stamp, *hits;	/* per drows index */
	struct match_edge	*edges;
	size_t			 nedges, capedges, scored;
	int			 nomem;
	pthread_t		 thread;
};

/* Most scanners (threads) of a pass. */
#define DSCAN_MAX	8

/* Score node x (unpacked in sc->self) against node y; keep the pair as
 * an edge when it scores at least match_group_min(). Returns 0, or -1
 * when out of memory. */
static int
dscan_score(struct dscan *sc, uint32_t x, uint32_t y)
{
	struct match_result	 res;
	struct match_edge	*grown;
	const char		*src, *sid;
	size_t			 cap;

	dunpack(sc->d->im->drows[y].p, sc->other, &src, &sid);
	match_score(sc->self, sc->other, &res);
	sc->scored++;
	if (res.score < match_group_min())
		return 0;
	if (sc->nedges == sc->capedges) {
		cap = sc->capedges ? sc->capedges * 2 : 4096;
		if ((grown = reallocarray(sc->edges, cap, sizeof(*grown))) ==
		    NULL)
			return -1;
		sc->edges = grown;
		sc->capedges = cap;
	}
	sc->edges[sc->nedges++] = (struct match_edge){x < y ? x : y,
	    x < y ? y : x, (float)res.score};
	return 0;
}

/* qsort: edges by persons (to drop the pairs found from both sides). */
static int
cmp_edge_pair(const void *p, const void *q)
{
	const struct match_edge *a = p, *b = q;

	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* match_pair_fn of the grouping: the score of nodes a and b. */
static double
dpass_pair(uint32_t a, uint32_t b, void *arg)
{
	struct dpass		*d = arg;
	struct match_result	 res;
	const char		*src, *sid;

	dunpack(d->im->drows[a].p, d->self, &src, &sid);
	dunpack(d->im->drows[b].p, d->other, &src, &sid);
	match_score(d->self, d->other, &res);
	return res.score;
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

/*
 * Report the pair of nodes x and y of a group of size members whose
 * smallest person id is gid: its own score, class and reasons, and the
 * group. Returns 0, -1 when out of memory, -2 when the queue could not
 * be written (printed).
 */
static int
dpass_report(struct dpass *d, uint32_t x, uint32_t y, size_t size,
    int64_t gid)
{
	const struct drow	*a = &d->im->drows[x], *b = &d->im->drows[y];
	struct match_result	 res;
	const char		*asrc, *asid, *bsrc, *bsid;
	char			 sc[16], ida[24], idb[24], grp[24], why[1000];
	size_t			 k, w = 0;

	if (a->id == b->id)	/* never a person with itself */
		return 0;

	dunpack(a->p, d->self, &asrc, &asid);
	dunpack(b->p, d->other, &bsrc, &bsid);
	match_score(d->self, d->other, &res);
	why[0] = '\0';
	for (k = 0; k < res.nreasons && w < sizeof(why); k++)
		w += (size_t)snprintf(why + w, sizeof(why) - w, "%s%s:%s",
		    w ? "; " : "", res.reasons[k].field, res.reasons[k].how);
	if (size > 2 && w < sizeof(why))
		snprintf(why + w, sizeof(why) - w, "%sgroup:%zu records",
		    w ? "; " : "", size);
	snprintf(ida, sizeof(ida), "%lld", (long long)a->id);
	snprintf(idb, sizeof(idb), "%lld", (long long)b->id);
	snprintf(grp, sizeof(grp), "%lld", (long long)gid);
	snprintf(sc, sizeof(sc), "%.3f", res.score);
	csv_put(d->f, ida, 0);
	csv_put(d->f, asrc, 0);
	csv_put(d->f, asid, 0);
	csv_put(d->f, idb, 0);
	csv_put(d->f, bsrc, 0);
	csv_put(d->f, bsid, 0);
	csv_put(d->f, sc, 0);
	csv_put(d->f, match_class_name(res.cls), 0);
	csv_put(d->f, grp, 0);
	csv_put(d->f, why, 1);
	d->pairs++;
	if (qpair_add(&d->q, a->id, b->id, sc, match_class_name(res.cls),
	    why) == -1)
		return -1;
	return d->q.n >= QPAIRS_TXN && qpairs_flush(&d->q) == -1 ? -2 : 0;
}

/* qsort: nodes by group, then node. */
static int
cmp_member(const void *p, const void *q)
{
	const uint64_t a = *(const uint64_t *)p, b = *(const uint64_t *)q;

	return a < b ? -1 : a > b;
}

/*
 * Group the nodes (match_group) and report every pair of a group with
 * at least one person of the file. Returns 0, -1 when out of memory,
 * -2 when the queue could not be written (printed).
 */
static int
dpass_groups(struct dpass *d)
{
	size_t		 n = d->im->ndrows, i, j, a, b, size;
	uint32_t	*group = NULL;
	uint64_t	*m = NULL;
	int64_t		 gid;
	int		 rc = -1;

	/* each pair once (both sides may have found it) */
	qsort(d->edges, d->nedges, sizeof(*d->edges), cmp_edge_pair);
	for (i = 0, j = 0; i < d->nedges; i++)
		if (j == 0 || cmp_edge_pair(&d->edges[j - 1], &d->edges[i]))
			d->edges[j++] = d->edges[i];
	d->nedges = j;
	if ((group = calloc(n ? n : 1, sizeof(*group))) == NULL ||
	    (m = calloc(n ? n : 1, sizeof(*m))) == NULL ||
	    match_group(n, d->edges, d->nedges, dpass_pair, d, group) == -1)
		goto out;
	for (i = 0; i < n; i++)
		m[i] = (uint64_t)group[i] << 32 | i;
	qsort(m, n, sizeof(*m), cmp_member);
	for (a = 0; a < n; a = b) {
		for (b = a + 1; b < n && m[b] >> 32 == m[a] >> 32; b++)
			;
		if ((size = b - a) < 2)
			continue;
		gid = INT64_MAX;
		for (i = a; i < b; i++)
			if (d->im->drows[(uint32_t)m[i]].id < gid)
				gid = d->im->drows[(uint32_t)m[i]].id;
		for (i = a; i < b; i++)
			for (j = i + 1; j < b; j++) {
				/* pairs within the register are not this
				 * import's to report */
				if ((uint32_t)m[i] >= d->im->nfile &&
				    (uint32_t)m[j] >= d->im->nfile)
					continue;
				if ((rc = dpass_report(d, (uint32_t)m[i],
				    (uint32_t)m[j], size, gid)) != 0)
					goto out;
			}
	}
	rc = qpairs_flush(&d->q) == 0 ? 0 : -2;
out:
	free(group);
	free(m);
	return rc;
}

/*
 * Scan file person i: the persons sharing its query keys, the file's
 * and the register's (at most DUP_KEY_ROWS a block), the DUP_SCORED
 * hit most scored. Returns 0, or -1 when out of memory.
 */
static int
dscan_person(struct dscan *sc, size_t i)
{
	struct import	*im = sc->d->im;
	const char	*ssrc, *ssid;
	size_t		 k, j, x, nkeys, nc = 0, taken;
	uint64_t	 h;

	if (im->drows[i].p == NULL)	/* a repeated row (file_nodes_unique) */
		return 0;
	dunpack(im->drows[i].p, sc->self, &ssrc, &ssid);
	nkeys = match_query_keys(sc->self, sc->keys, MATCH_MAX_KEYS);
	for (k = 0; k < nkeys; k++) {
		h = key_hash(sc->keys[k]);
		taken = 0;
		for (x = ent_first(im, h); x < im->nents &&
		    im->ents[x].h == h && taken < DUP_KEY_ROWS; x++) {
			j = im->ents[x].row;
			if (j == i)
				continue;
			taken++;
			/* a candidate's id here is its drows index */
			if (sc->stamp[j] != i + 1) {
				sc->stamp[j] = (uint32_t)(i + 1);
				sc->hits[j] = 0;
				sc->cands[nc].id = (int64_t)j;
				sc->cands[nc++].hits = 0;
			}
			sc->hits[j]++;
		}
	}
	for (j = 0; j < nc; j++)
		sc->cands[j].hits = (int)sc->hits[sc->cands[j].id];
	nc = top_hits(sc->cands, nc);
	for (j = 0; j < nc; j++)
		if (dscan_score(sc, (uint32_t)i, (uint32_t)sc->cands[j].id) ==
		    -1) {
			sc->nomem = 1;
			return -1;
		}
	return 0;
}

/* Scan sc's persons (a thread's function). Returns NULL. */
static void *
dscan_run(void *arg)
{
	struct dscan	*sc = arg;
	struct dpass	*d = sc->d;
	size_t		 i, n;

	for (i = sc->from; i < sc->to; i++) {
		if (dscan_person(sc, i) == -1)
			break;
		n = __atomic_add_fetch(&d->done, 1, __ATOMIC_RELAXED);
		if (n % 50000 == 0)
			fprintf(stderr, "import-persons: duplicates: %zu/%zu "
			    "persons checked (%.0f persons/s)\n", n,
			    d->im->nfile, (double)n / (now_s() - d->t0));
	}
	return NULL;
}

/* Allocate scanner sc's scratch for a pass over n persons. Returns 0,
 * or -1 when out of memory. */
static int
dscan_init(struct dscan *sc, struct dpass *d, size_t n)
{
	memset(sc, 0, sizeof(*sc));
	sc->d = d;
	if ((sc->self = calloc(1, sizeof(*sc->self))) == NULL ||
	    (sc->other = calloc(1, sizeof(*sc->other))) == NULL ||
	    (sc->keys = calloc(MATCH_MAX_KEYS, MATCH_KEY_LEN)) == NULL ||
	    (sc->cands = calloc(MATCH_MAX_KEYS * DUP_KEY_ROWS,
	    sizeof(*sc->cands))) == NULL ||
	    (sc->stamp = calloc(n + 1, sizeof(*sc->stamp))) == NULL ||
	    (sc->hits = calloc(n + 1, sizeof(*sc->hits))) == NULL)
		return -1;
	return 0;
}

/* Free scanner sc's scratch and kept pairs. */
static void
dscan_free(struct dscan *sc)
{
	free(sc->self);
	free(sc->other);
	free(sc->keys);
	free(sc->cands);
	free(sc->stamp);
	free(sc->hits);
	free(sc->edges);
	memset(sc, 0, sizeof(*sc));
}

/* How many scanners: one per processor (at most DSCAN_MAX) when the
 * file is large enough to share, else one. */
static size_t
dscan_count(const struct import *im)
{
	long	ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	if (im->nfile < 20000 || ncpu < 2)
		return 1;
	return ncpu > DSCAN_MAX ? DSCAN_MAX : (size_t)ncpu;
}

/*
 * Scan every file person with nscan scanners (threads when more than
 * one; the first runs in this thread) and gather their pairs into
 * d->edges. Returns 0, or -1 when out of memory.
 */
static int
dpass_scan(struct dpass *d, struct dscan *sc, size_t nscan)
{
	size_t	 n = d->im->nfile, k, started = 1, total = 0;
	int	 rc = 0;

	for (k = 0; k < nscan; k++) {
		sc[k].from = n * k / nscan;
		sc[k].to = n * (k + 1) / nscan;
	}
	for (k = 1; k < nscan; k++) {
		if (pthread_create(&sc[k].thread, NULL, dscan_run, &sc[k]) !=
		    0)
			break;
		started++;
	}
	dscan_run(&sc[0]);
	/* what a thread could not be started for, this one does */
	for (k = started; k < nscan; k++)
		dscan_run(&sc[k]);
	for (k = 1; k < started; k++)
		pthread_join(sc[k].thread, NULL);
	for (k = 0; k < nscan; k++) {
		if (sc[k].nomem)
			rc = -1;
		total += sc[k].nedges;
		d->scored += sc[k].scored;
	}
	if (rc != 0)
		return rc;
	if ((d->edges = calloc(total ? total : 1, sizeof(*d->edges))) == NULL)
		return -1;
	for (k = 0; k < nscan; k++) {
		memcpy(d->edges + d->nedges, sc[k].edges, sc[k].nedges *
		    sizeof(*d->edges));
		d->nedges += sc[k].nedges;
	}
	return 0;
}

/*
 * Find the persons of the file that are one person, with each other or
 * with persons already there, put their pairs in the review queue as
 * pending, and write them to path (NULL: no file). Each imported
 * person's query keys' blocks (at most DUP_KEY_ROWS persons a block)
 * give candidates, the DUP_SCORED hit most are scored (the file's and
 * the register's persons, all in memory: register_load); the pairs
 * scoring at least match_group_min() are grouped
 * (match_group), and every pair of a group is reported with its own
 * score, class and reasons. Returns the number of pairs, or -1 after
 * printing why.
 */
static long
duplicates_write(struct import *im, const char *path)
{
	struct dpass		 d;
	struct dscan		 sc[DSCAN_MAX];
	size_t			 k, nscan = 1;
	double			 t1;
	long			 status = -1, live;
	int			 rc;

	memset(&d, 0, sizeof(d));
	memset(sc, 0, sizeof(sc));
	d.im = im;
	d.q.im = im;
	if (path != NULL && (d.f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "havre-admin: import-persons: %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	d.t0 = now_s();
	if (d.f != NULL)
		fputs("person_id_a,source_a,source_id_a,person_id_b,source_b,"
		    "source_id_b,score,class,group,reasons\n", d.f);
	im->nfile = im->ndrows;
	if (im->nfile == 0) {		/* nothing imported, nothing to find */
		status = 0;
		goto out;
	}
	if ((live = file_nodes_unique(im)) == -1)
		goto nomem;
	qsort(im->ids, im->nids, sizeof(*im->ids), cmp_id);
	if (register_load(im) == -1)
		goto out;
	ents_live(im);
	live = (long)im->ndrows - live;
	nscan = dscan_count(im);
	if ((d.self = calloc(1, sizeof(*d.self))) == NULL ||
	    (d.other = calloc(1, sizeof(*d.other))) == NULL)
		goto nomem;
	for (k = 0; k < nscan; k++)
		if (dscan_init(&sc[k], &d, im->ndrows) == -1)
			goto nomem;
	qsort(im->ents, im->nents, sizeof(*im->ents), cmp_ent);
	match_set_frequency(import_freq, im, live);
	if (dpass_scan(&d, sc, nscan) == -1)
		goto nomem;
	for (k = 0; k < nscan; k++)
		dscan_free(&sc[k]);
	if ((rc = dpass_groups(&d)) == -1)
		goto nomem;
	if (rc != 0)
		goto out;
	t1 = now_s();
	printf("duplicate pass: %zu persons checked against %zu of the "
	    "register (%zu scanners), %zu pairs scored, %zu kept for "
	    "grouping, in %.1f s (%.0f persons/s)\n", im->nfile,
	    im->ndrows - im->nfile, nscan, d.scored, d.nedges, t1 - d.t0,
	    t1 > d.t0 ? (double)im->nfile / (t1 - d.t0) : 0.0);
	status = d.pairs;
	goto out;
nomem:
	fprintf(stderr, "havre-admin: import-persons: duplicates: out of "
	    "memory\n");
out:
	match_set_frequency(NULL, NULL, 0);
	for (k = 0; k < nscan; k++)
		dscan_free(&sc[k]);
	free(d.self);
	free(d.other);
	free(d.q.v);
	free(d.edges);
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
		else if (argv[i][0] == '-' || im.file != NULL)
			return admin_usage(a);
		else
			im.file = argv[i];
	}
	if (im.file == NULL)
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
	    (im.rows = calloc(IMPORT_BATCH, sizeof(*im.rows))) == NULL ||
	    (im.krows = calloc(IMPORT_BATCH * MATCH_MAX_KEYS,
	    sizeof(*im.krows))) == NULL) {
		fprintf(stderr, "havre-admin: import-persons: out of memory\n");
		goto out;
	}
	im.capids = 1;	/* remember the ids: the duplicate pass needs them */
	im.cc = conf_get(&a->conf, "Site.PhoneCountryCode", NULL);
	admin_actor(&im.actor, im.actor_name, sizeof(im.actor_name));
	if (active_count(&im) == -1)
		goto out;

	t0 = now_s();
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
			t1 = now_s();
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
	t1 = now_s();
	printf("imported %zu rows (%zu created, %zu updated), %zu rejected, "
	    "in %.1f s (%.0f rows/s)\n", im.created + im.updated, im.created,
	    im.updated, im.rejected, t1 - t0, t1 > t0 ?
	    (double)(im.created + im.updated) / (t1 - t0) : 0.0);
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
	free(im.drows);
	free(im.ents);
	arena_free(&im.arena);
	return status;
}

/*
 * load.c: a person record read whole (person_load) and the normalised
 * numbers of its documents (person_doc_norms), through the library's
 * own statements (sql.c).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "person.h"

/* Copy column i's text (or "" for NULL) into out. */
static void
col_copy(struct db_stmt *st, size_t i, char *out, size_t outsz)
{
	const char	*s = db_col_text(st, i);

	snprintf(out, outsz, "%s", s != NULL ? s : "");
}

/* Read the birth date of the current row (columns 5 to 8) into d. */
static void
birth_read(struct db_stmt *st, struct pdate *d)
{
	int64_t	 prec;

	d->year = (int)db_col_int(st, 5);
	d->month = (int)db_col_int(st, 6);
	d->day = (int)db_col_int(st, 7);
	/* birth_precision + 0 is 1..4; enum date_precision is 0..3 */
	prec = db_col_int(st, 8) - 1;
	d->precision = (prec >= DATE_UNKNOWN && prec <= DATE_DAY) ?
	    (enum date_precision)prec : DATE_UNKNOWN;
}

/* See person.h. */
enum db_rc
person_load(struct db *db, int64_t id, struct person *p)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(p, 0, sizeof(*p));
	if ((st = db_tstmt(db, &person_sqls, PSQL_PERSON_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	p->id = id;
	col_copy(st, 0, p->family_name, sizeof(p->family_name));
	col_copy(st, 1, p->given_names, sizeof(p->given_names));
	col_copy(st, 2, p->family_latin, sizeof(p->family_latin));
	col_copy(st, 3, p->given_latin, sizeof(p->given_latin));
	col_copy(st, 4, p->sex, sizeof(p->sex));
	birth_read(st, &p->birth);
	col_copy(st, 9, p->birth_place, sizeof(p->birth_place));
	col_copy(st, 10, p->nationality, sizeof(p->nationality));
	col_copy(st, 11, p->father_name, sizeof(p->father_name));
	col_copy(st, 12, p->mother_name, sizeof(p->mother_name));
	col_copy(st, 13, p->source, sizeof(p->source));
	col_copy(st, 14, p->source_id, sizeof(p->source_id));
	col_copy(st, 15, p->status, sizeof(p->status));
	p->merged_into = db_col_int(st, 16);
	col_copy(st, 17, p->created_at, sizeof(p->created_at));
	col_copy(st, 18, p->updated_at, sizeof(p->updated_at));
	p->version = db_col_int(st, 19);
	col_copy(st, 20, p->death_date, sizeof(p->death_date));
	db_reset(st);
	return DB_ROW;
}

/* See person.h. */
enum db_rc
person_doc_norms(struct db *db, int64_t id, char docs[][PERSON_DOCNO_SIZE],
    size_t max, size_t *n)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	*n = 0;
	if (id == 0)
		return DB_OK;
	if ((st = db_tstmt(db, &person_sqls, PSQL_DOC_NORMS)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW)
		if (*n < max)
			col_copy(st, 0, docs[(*n)++], PERSON_DOCNO_SIZE);
	return rc;
}

/* See person.h. */
int
person_latin_says_more(const char *name, const char *latin)
{
	const unsigned char	*a = (const unsigned char *)name;
	const unsigned char	*b = (const unsigned char *)latin;

	for (;;) {
		while (*a != '\0' && *a < 0x80 && !isalnum(*a))
			a++;
		while (*b != '\0' && *b < 0x80 && !isalnum(*b))
			b++;
		if (*a == '\0' || *b == '\0')
			return *a != *b;
		if (tolower(*a) != tolower(*b))
			return 1;
		a++;
		b++;
	}
}

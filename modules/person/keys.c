/*
 * keys.c: a person as the matcher sees it: the Latin forms of its
 * names (person_latin), its match_person view (person_match), and the
 * blocking keys of person_name_key that the search and the duplicate
 * check read, rewritten from what is stored (person_keys_rewrite), or
 * brought up to the matcher's rules of today (person_keys_refresh).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "person.h"

/* Join the Latin forms of a name's tokens with spaces into out. */
static void
name_latin(const struct name *n, char *out, size_t outsz)
{
	size_t	i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n->n && len < outsz; i++)
		len += (size_t)snprintf(out + len, outsz - len, "%s%s",
		    len ? " " : "", n->t[i].latin);
}

/* See person.h. */
int
person_latin(struct match_ctx *m, struct person *p)
{
	struct name	*n;
	int		 rc = -1;

	p->family_latin[0] = p->given_latin[0] = '\0';
	if ((n = calloc(1, sizeof(*n))) == NULL)
		return -1;
	if (match_name(m, p->family_name, n) == -1)
		goto out;
	name_latin(n, p->family_latin, sizeof(p->family_latin));
	if (match_name(m, p->given_names, n) == -1)
		goto out;
	name_latin(n, p->given_latin, sizeof(p->given_latin));
	rc = 0;
out:
	free(n);
	return rc;
}

/* See person.h. */
void
person_match(struct match_ctx *m, const struct person *p,
    char docs[][PERSON_DOCNO_SIZE], size_t ndocs, struct match_person *mp)
{
	size_t	i;

	memset(mp, 0, sizeof(*mp));
	match_name(m, p->family_name, &mp->family);
	match_name(m, p->given_names, &mp->given);
	match_name(m, p->father_name, &mp->father);
	match_name(m, p->mother_name, &mp->mother);
	/* as import-persons compares them: a pair's page shows the score
	 * the import queued it with */
	match_name(m, p->birth_place, &mp->birthplace);
	mp->birth = p->birth;
	mp->sex = p->sex[0];
	snprintf(mp->nationality, sizeof(mp->nationality), "%s",
	    p->nationality);
	for (i = 0; i < ndocs && mp->ndocs < MATCH_MAX_DOCS; i++)
		if (docs[i][0] != '\0')
			snprintf(mp->docs[mp->ndocs++], sizeof(mp->docs[0]),
			    "%s", docs[i]);
}

/*
 * The key inputs of person id as stored, into mp: names (not the birth
 * place: keys never used it), birth date, sex, nationality, the first
 * documents and phones; the person as loaded into *loaded when not
 * NULL. Returns DB_OK, DB_ERROR when there is no such person or memory
 * runs out, or the database error.
 */
static enum db_rc
keys_input(struct db *db, struct match_ctx *m, int64_t id,
    struct match_person *mp, struct person *loaded)
{
	struct person	*p;
	struct db_stmt	*st;
	const char	*s;
	enum db_rc	 rc;

	if ((p = loaded) == NULL && (p = calloc(1, sizeof(*p))) == NULL)
		return DB_ERROR;
	if ((rc = person_load(db, id, p)) != DB_ROW) {
		if (rc == DB_OK)
			rc = DB_ERROR;
		goto out;
	}
	match_name(m, p->family_name, &mp->family);
	match_name(m, p->given_names, &mp->given);
	match_name(m, p->father_name, &mp->father);
	match_name(m, p->mother_name, &mp->mother);
	mp->birth = p->birth;
	mp->sex = p->sex[0];
	snprintf(mp->nationality, sizeof(mp->nationality), "%s",
	    p->nationality);
	if ((st = db_tstmt(db, &person_sqls, PSQL_DOC_NORMS)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW)
		if (mp->ndocs < MATCH_MAX_DOCS) {
			s = db_col_text(st, 0);
			snprintf(mp->docs[mp->ndocs++], sizeof(mp->docs[0]),
			    "%s", s != NULL ? s : "");
		}
	if (rc != DB_OK)
		goto out;
	if ((st = db_tstmt(db, &person_sqls, PSQL_PHONES_OF)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW)
		if (mp->nphones < MATCH_MAX_PHONES) {
			s = db_col_text(st, 0);
			snprintf(mp->phones[mp->nphones++],
			    sizeof(mp->phones[0]), "%s", s != NULL ? s : "");
		}
out:
	if (p != loaded)
		free(p);
	return rc;
}

/* qsort: keys in byte order. */
static int
key_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/*
 * Are the n keys of keys (MATCH_KEY_LEN each; sorted here) exactly the
 * keys stored for person id? Sets *same to 1 or 0. Returns DB_OK or the
 * database error.
 */
static enum db_rc
keys_same(struct db *db, int64_t id, char (*keys)[MATCH_KEY_LEN], size_t n,
    int *same)
{
	struct db_stmt	*st;
	const char	*k;
	size_t		 seen = 0;
	enum db_rc	 rc;

	*same = 1;
	qsort(keys, n, MATCH_KEY_LEN, key_cmp);
	if ((st = db_tstmt(db, &person_sqls, PSQL_KEYS_OF)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	/* the stored keys come in the same byte order (ascii_bin) */
	while ((rc = db_step(st)) == DB_ROW) {
		k = db_col_text(st, 0);
		if (seen >= n || k == NULL || strcmp(k, keys[seen]) != 0)
			*same = 0;
		seen++;
	}
	if (seen != n)
		*same = 0;
	return rc;
}

/*
 * Write keys[0..nkeys) as person id's keys, its old keys deleted first,
 * inside the caller's transaction. Returns DB_OK or the database error.
 */
static enum db_rc
keys_write(struct db *db, int64_t id, char (*keys)[MATCH_KEY_LEN],
    size_t nkeys)
{
	struct db_stmt	*st;
	size_t		 i;
	enum db_rc	 rc;

	if ((rc = person_keys_delete(db, id)) != DB_OK)
		return rc;
	for (i = 0; i < nkeys; i++) {
		if ((st = db_tstmt(db, &person_sqls, PSQL_KEY_INSERT)) == NULL)
			return db_last_rc(db);
		db_bind_text(st, 0, keys[i]);
		db_bind_int(st, 1, id);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* See person.h. */
enum db_rc
person_keys_refresh(struct db *db, struct match_ctx *m, int64_t id,
    int *changed)
{
	struct match_person	*mp = NULL;
	struct person		*p = NULL;
	struct db_stmt		*st;
	char			 (*keys)[MATCH_KEY_LEN] = NULL;
	char			 family[sizeof(p->family_latin)];
	char			 given[sizeof(p->given_latin)];
	size_t			 nkeys;
	int			 same;
	enum db_rc		 rc;

	*changed = 0;
	if ((mp = calloc(1, sizeof(*mp))) == NULL ||
	    (p = calloc(1, sizeof(*p))) == NULL ||
	    (keys = calloc(MATCH_MAX_KEYS, MATCH_KEY_LEN)) == NULL) {
		rc = DB_ERROR;
		goto out;
	}
	if ((rc = keys_input(db, m, id, mp, p)) != DB_OK)
		goto out;
	nkeys = match_keys(mp, keys, MATCH_MAX_KEYS);
	if ((rc = keys_same(db, id, keys, nkeys, &same)) != DB_OK)
		goto out;
	if (!same) {
		if ((rc = keys_write(db, id, keys, nkeys)) != DB_OK)
			goto out;
		*changed |= PERSON_REKEY_KEYS;
	}
	/* The Latin forms stored with the record (lists, sorting). */
	memcpy(family, p->family_latin, sizeof(family));
	memcpy(given, p->given_latin, sizeof(given));
	if (person_latin(m, p) == -1) {
		rc = DB_ERROR;
		goto out;
	}
	if (strcmp(family, p->family_latin) != 0 ||
	    strcmp(given, p->given_latin) != 0) {
		if ((st = db_tstmt(db, &person_sqls, PSQL_LATIN_SET)) == NULL) {
			rc = db_last_rc(db);
			goto out;
		}
		db_bind_text(st, 0, p->family_latin);
		db_bind_text(st, 1, p->given_latin);
		db_bind_int(st, 2, id);
		if ((rc = db_exec(st)) != DB_OK)
			goto out;
		*changed |= PERSON_REKEY_LATIN;
	}
	rc = DB_OK;
out:
	free(mp);
	free(p);
	free(keys);
	return rc;
}

/* See person.h. */
enum db_rc
person_keys_delete(struct db *db, int64_t id)
{
	struct db_stmt	*st;

	if ((st = db_tstmt(db, &person_sqls, PSQL_KEYS_DELETE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	return db_exec(st);
}

/* See person.h. */
enum db_rc
person_keys_rewrite(struct db *db, struct match_ctx *m, int64_t id)
{
	struct match_person	*mp = NULL;
	char			 (*keys)[MATCH_KEY_LEN] = NULL;
	size_t			 nkeys;
	enum db_rc		 rc;

	if ((mp = calloc(1, sizeof(*mp))) == NULL ||
	    (keys = calloc(MATCH_MAX_KEYS, MATCH_KEY_LEN)) == NULL) {
		rc = DB_ERROR;
		goto out;
	}
	if ((rc = keys_input(db, m, id, mp, NULL)) != DB_OK)
		goto out;
	nkeys = match_keys(mp, keys, MATCH_MAX_KEYS);
	rc = keys_write(db, id, keys, nkeys);
out:
	free(mp);
	free(keys);
	return rc;
}

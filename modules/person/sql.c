/*
 * sql.c: every statement of the person library, indexed by enum
 * person_sql (person.h). Placeholders only; prepared once per
 * connection of the program that links the library (db_tstmt).
 */
#include "config.h"

#include "person.h"

/* The person's columns as person_load() reads them. birth_precision
 * is read back as its index (1..4: unknown, year, month, day). */
#define PERSON_COLUMNS \
	"family_name, given_names, family_name_latin, given_names_latin, " \
	"COALESCE(sex, ''), birth_year, birth_month, birth_day, " \
	"birth_precision + 0, birth_place, COALESCE(nationality, ''), " \
	"father_name, mother_name, source, COALESCE(source_id, ''), status, " \
	"COALESCE(merged_into, 0), " \
	"DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), " \
	"DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s'), version, " \
	"COALESCE(DATE_FORMAT(death_date, '%Y-%m-%d'), '')"

static const char *const sqls[PSQL__MAX] = {
	[PSQL_PERSON_GET] =
	    "SELECT " PERSON_COLUMNS " FROM person WHERE id = ?",
	/* the first 50 of each, as the person's page lists them */
	[PSQL_DOC_NORMS] =
	    "SELECT number_norm FROM person_document WHERE person_id = ? "
	    "ORDER BY id LIMIT 50",
	[PSQL_PHONES_OF] =
	    "SELECT value FROM person_contact WHERE person_id = ? "
	    "AND kind = 'phone' ORDER BY id LIMIT 50",
	[PSQL_KEYS_DELETE] =
	    "DELETE FROM person_name_key WHERE person_id = ?",
	[PSQL_KEY_INSERT] =
	    "INSERT IGNORE INTO person_name_key (`key`, person_id) "
	    "VALUES (?, ?)",
	/* the key column is ascii_bin: the primary key's order is strcmp's */
	[PSQL_KEYS_OF] =
	    "SELECT `key` FROM person_name_key WHERE person_id = ? "
	    "ORDER BY `key`",
	[PSQL_LATIN_SET] =
	    "UPDATE person SET family_name_latin = ?, given_names_latin = ? "
	    "WHERE id = ?",
};

/* See person.h. */
const struct db_table person_sqls = { "psql", sqls, PSQL__MAX };

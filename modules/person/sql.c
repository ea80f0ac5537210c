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

/* One key's block for PSQL_KEY_BLOCKS: at most 2001 rows (search.c's
 * BLOCK_READ + 1). */
#define KEY_BLOCK \
	"(SELECT `key`, person_id FROM person_name_key WHERE `key` = ? " \
	"LIMIT 2001)"

/* Ten and eighty placeholders (freq.c's FREQ_BATCH, the query's keys:
 * MATCH_MAX_KEYS). */
#define Q10	"?,?,?,?,?,?,?,?,?,?"
#define Q80	Q10 "," Q10 "," Q10 "," Q10 "," Q10 "," Q10 "," Q10 "," Q10

#define STR_(x)	#x
#define STR(x)	STR_(x)

/* Key i's live count for PSQL_KEY_COUNTS, stopped at its cap. */
#define KEY_COUNT(i) \
	"(SELECT " #i ", COUNT(*) FROM (SELECT 1 FROM person_name_key " \
	"WHERE `key` = ? LIMIT ?) k" #i ")"

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

	/* search.c: candidates by indexed key lookups (the primary key of
	 * person_name_key starts with the key: a range scan), capped per
	 * key so that a very common key cannot flood the scorer */
	[PSQL_KEY_LOOKUP] =
	    "SELECT person_id FROM person_name_key WHERE `key` = ? LIMIT ?",
	/* PERSON_KEYS_BATCH keys' blocks in one round trip, each capped
	 * at BLOCK_READ + 1 rows (search.c) */
	[PSQL_KEY_BLOCKS] =
	    KEY_BLOCK " UNION ALL " KEY_BLOCK " UNION ALL " KEY_BLOCK
	    " UNION ALL " KEY_BLOCK " UNION ALL " KEY_BLOCK " UNION ALL "
	    KEY_BLOCK " UNION ALL " KEY_BLOCK " UNION ALL " KEY_BLOCK,
	[PSQL_DOC_LOOKUP] =
	    "SELECT person_id FROM person_document WHERE number_norm = ? "
	    "LIMIT 50",
	[PSQL_PHONE_LOOKUP] =
	    "SELECT person_id FROM person_contact WHERE value = ? LIMIT 50",
	/* PERSON_BATCH candidates at once (ids padded with 0, which no
	 * person has): one round trip for twenty persons */
	[PSQL_CANDIDATE] =
	    "SELECT p.id, family_name, given_names, father_name, mother_name, "
	    "COALESCE(sex, ''), birth_year, birth_month, birth_day, "
	    "birth_precision + 0, COALESCE(nationality, ''), source, "
	    "COALESCE(source_id, ''), "
	    "COALESCE((SELECT GROUP_CONCAT(d.number_norm SEPARATOR ' ') "
	    "FROM person_document d WHERE d.person_id = p.id), ''), "
	    "COALESCE((SELECT GROUP_CONCAT(c.value SEPARATOR ' ') "
	    "FROM person_contact c WHERE c.person_id = p.id), '') "
	    "FROM person p WHERE p.id IN (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
	    "?,?) AND p.status = 'active'",
	[PSQL_ACTIVE_COUNT] =
	    "SELECT COUNT(*) FROM person WHERE status = 'active'",

	/* freq.c: the last refresh that ended */
	[PSQL_FREQ_RUN] =
	    "SELECT min_count, persons FROM person_key_freq_run "
	    "WHERE id = 1 AND refreshed_at IS NOT NULL",
	/* a search's keys in the common keys' table: primary key look-ups
	 * (padded with "", which no key is) */
	[PSQL_FREQ_KEYS] =
	    "SELECT `key`, persons FROM person_key_freq WHERE `key` IN ("
	    Q80 ")",
	/* name frequencies of keys the table does not list, eight a
	 * statement, each stopped at its cap (freq.c): a bounded index
	 * range each */
	[PSQL_KEY_COUNTS] =
	    KEY_COUNT(0) " UNION ALL " KEY_COUNT(1) " UNION ALL "
	    KEY_COUNT(2) " UNION ALL " KEY_COUNT(3) " UNION ALL "
	    KEY_COUNT(4) " UNION ALL " KEY_COUNT(5) " UNION ALL "
	    KEY_COUNT(6) " UNION ALL " KEY_COUNT(7),
	[PSQL_FREQ_CLAIM] =
	    "INSERT INTO person_key_freq_run (id, run, min_count, persons, "
	    "keys_listed, refreshed_at) VALUES (1, 1, 0, 0, 0, NULL) "
	    "ON DUPLICATE KEY UPDATE run = run + 1",
	[PSQL_FREQ_RUN_NO] =
	    "SELECT run FROM person_key_freq_run WHERE id = 1",
	/* the keys' primary key read in order, grouped as it goes: one
	 * pass over the index, no temporary table; a plain read (a
	 * snapshot), no lock */
	[PSQL_FREQ_SCAN] =
	    "SELECT `key`, COUNT(*) FROM person_name_key GROUP BY `key` "
	    "HAVING COUNT(*) > ?",
	[PSQL_FREQ_PUT] =
	    "INSERT INTO person_key_freq (`key`, persons, run) "
	    "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "persons = VALUES(persons), run = VALUES(run)",
	[PSQL_FREQ_PRUNE] =
	    "DELETE FROM person_key_freq WHERE run < ? LIMIT 1000",
	/* a run that a later one overtook leaves that one's row alone */
	[PSQL_FREQ_DONE] =
	    "UPDATE person_key_freq_run SET min_count = ?, persons = ?, "
	    "keys_listed = ?, refreshed_at = UTC_TIMESTAMP(6) "
	    "WHERE id = 1 AND run = ?",

	/* search.c, person_dup_recheck: the persons written since (the
	 * purge's index person_purge: purged_at NULL, updated_at after;
	 * a new person's updated_at is its creation) that carry some of
	 * the query's keys, most first. STRAIGHT_JOIN: from the few
	 * persons written to their keys (name_key_person), never from a
	 * common key's block to the persons. */
	[PSQL_CHANGED_KEYS] =
	    "SELECT k.person_id, COUNT(*) FROM person p FORCE INDEX "
	    "(person_purge) STRAIGHT_JOIN person_name_key k "
	    "ON k.person_id = p.id WHERE p.purged_at IS NULL AND "
	    "p.updated_at > CAST(? AS DATETIME(6)) - INTERVAL "
	    STR(PERSON_RECHECK_MARGIN) " SECOND "
	    "AND p.status = 'active' AND k.`key` IN (" Q80 ") "
	    "GROUP BY k.person_id ORDER BY COUNT(*) DESC, k.person_id "
	    "LIMIT ?",
};

/* See person.h. */
const struct db_table person_sqls = { "psql", sqls, PSQL__MAX };

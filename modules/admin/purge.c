/*
 * purge.c: `havre-admin purge`: retention per purpose (issue 20).
 *
 * Each row of retention_rule names a category of personal data, how many
 * days it is kept from its start event, and its legal source. The purge
 * anonymises, erases or redacts what is older, in bounded batches, one
 * transaction each: a run can be interrupted anywhere and run again (what
 * is done is marked done; nothing is counted twice). Everything a legal
 * hold in force covers (the views held_person, held_appointment,
 * held_dossier of migration 0051) is left. Each batch writes one audit
 * event with its count, never the contents.
 *
 * A hold placed while a purge runs is respected: each batch first takes
 * a shared lock on every hold row and the table's end (placing a hold
 * waits for the batch to commit), then reads the holds and picks its
 * rows, so the next batch sees the new hold.
 *
 * The purge runs as the schema owner (DB.User), like migrate: redacting
 * audit events and erasing access records are rights no program's
 * account holds (docs/database-accounts.md).
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "audit.h"
#include "db.h"
#include "valid.h"

#define PURGE_BATCH	500	/* rows per transaction, by default */
#define PURGE_BATCH_MAX	10000
#define PURGE_PAUSE_MAX	60000	/* ms between batches, at most */

/* "older than keep_days" as every statement below reads it (? = days) */
#define CUTOFF	"UTC_TIMESTAMP(6) - INTERVAL ? DAY"

/* The purge's statements: per category, its rows (count, held count,
 * a batch) and what is done to one of them. */
enum purge_sql {
	PSQL_RULES,		/* -> category, keep_days, action, starts,
				   what, legal_source */
	PSQL_HOLDS_LOCK,	/* every hold row, shared lock */
	PSQL_CONTACT_COUNT,	/* days -> to go, held */
	PSQL_CONTACT_PICK,	/* days, limit -> ids */
	PSQL_CONTACT_DO,	/* id */
	PSQL_SMS_COUNT,
	PSQL_SMS_PICK,
	PSQL_SMS_DO,
	PSQL_REPLY_COUNT,
	PSQL_REPLY_PICK,
	PSQL_REPLY_DO,
	PSQL_ACCESS_COUNT,
	PSQL_ACCESS_PICK,
	PSQL_ACCESS_DO,
	PSQL_AUDIT_COUNT,
	PSQL_AUDIT_PICK,
	PSQL_DRAFT_COUNT,
	PSQL_DRAFT_PICK,
	PSQL_DRAFT_DO,
	PSQL_ISSUED_COUNT,
	PSQL_ISSUED_PICK,
	PSQL_ISSUED_DO,
	PSQL__MAX
};

/* An appointment older than the cutoff whose contact is still there;
 * an interview appointment of a case file follows the case file. */
#define CONTACT_FROM \
	" FROM appointment a WHERE a.contact_purged_at IS NULL" \
	" AND a.start_utc < " CUTOFF \
	" AND NOT EXISTS (SELECT 1 FROM dossier_appointment da" \
	" WHERE da.appointment_id = a.id)"
#define CONTACT_HELD \
	"a.id IN (SELECT appointment_id FROM held_appointment)"

/* A message that is done with (sent, delivered or failed). */
#define SMS_FROM \
	" FROM outbox_message o WHERE o.purged_at IS NULL" \
	" AND o.status IN ('sent', 'delivered', 'failed')" \
	" AND o.created_at < " CUTOFF
#define SMS_HELD \
	"((o.entity = 'appointment' AND o.entity_id IN" \
	" (SELECT appointment_id FROM held_appointment)) OR" \
	" (o.entity = 'dossier' AND o.entity_id IN" \
	" (SELECT dossier_id FROM held_dossier)))"

#define REPLY_FROM \
	" FROM sms_inbound s WHERE s.from_phone <> '' AND s.at < " CUTOFF
#define REPLY_HELD \
	"s.appointment_id IN (SELECT appointment_id FROM held_appointment)"

/* entity_id is text: ids are compared as numbers. */
#define ACCESS_FROM \
	" FROM access_event e WHERE e.at < " CUTOFF
#define ACCESS_HELD \
	"((e.entity = 'person' AND CAST(e.entity_id AS UNSIGNED) IN" \
	" (SELECT person_id FROM held_person)) OR" \
	" (e.entity = 'dossier' AND CAST(e.entity_id AS UNSIGNED) IN" \
	" (SELECT dossier_id FROM held_dossier)))"

/* The events whose values are about persons (applicants, and agents:
 * names and addresses of staff); the others (sites, services, levels,
 * templates, keys) hold none and keep theirs. */
#define AUDIT_FROM \
	" FROM audit_event v WHERE v.redacted_at IS NULL" \
	" AND v.changes_hash IS NOT NULL AND v.at < " CUTOFF \
	" AND v.entity IN ('person', 'appointment', 'visit'," \
	" 'duplicate_pair', 'dossier', 'exchange', 'agent')"
#define AUDIT_HELD \
	"((v.entity = 'person' AND CAST(v.entity_id AS UNSIGNED) IN" \
	" (SELECT person_id FROM held_person)) OR" \
	" (v.entity = 'appointment' AND CAST(v.entity_id AS UNSIGNED) IN" \
	" (SELECT appointment_id FROM held_appointment)) OR" \
	" (v.entity = 'dossier' AND CAST(v.entity_id AS UNSIGNED) IN" \
	" (SELECT dossier_id FROM held_dossier)))"

/* A household never saved; nothing holds it (it names no person of
 * the register yet). */
#define DRAFT_FROM \
	" FROM registration_draft g WHERE g.status = 'open'" \
	" AND g.updated_at < " CUTOFF
#define DRAFT_HELD	"0"

/* The PDF copy of a document havre-civil issued, kept keep_days after
 * its last valid day (after its issue when it has none); the row with
 * its serial, signed payload and revocation stays for verification. */
#define ISSUED_FROM \
	" FROM issued_document d WHERE d.pdf_file IS NOT NULL" \
	" AND COALESCE(d.valid_until + INTERVAL 1 DAY, d.issued_at) < " CUTOFF
#define ISSUED_HELD \
	"d.person_id IN (SELECT person_id FROM held_person)"

/* To go and held, in one statement (days). A hold test on a NULL id
 * (a message about nothing) reads as not held. */
#define COUNT(from, held) \
	"SELECT IFNULL(SUM(h = 0), 0), IFNULL(SUM(h = 1), 0) FROM" \
	" (SELECT IFNULL(" held ", 0) AS h" from ") x"
#define NOT_HELD(held)	" AND IFNULL(" held ", 0) = 0"

static const char *const purge_sqls_v[] = {
	[PSQL_RULES] =
	    "SELECT category, keep_days, action, starts, what, legal_source "
	    "FROM retention_rule WHERE enabled = 1 ORDER BY category",
	[PSQL_HOLDS_LOCK] =
	    "SELECT COUNT(*) FROM legal_hold LOCK IN SHARE MODE",
	[PSQL_CONTACT_COUNT] = COUNT(CONTACT_FROM, CONTACT_HELD),
	[PSQL_CONTACT_PICK] =
	    "SELECT a.id" CONTACT_FROM NOT_HELD(CONTACT_HELD)
	    " ORDER BY a.id LIMIT ? FOR UPDATE",
	[PSQL_CONTACT_DO] =
	    "UPDATE appointment SET family_name = '', given_names = '', "
	    "phone = '', document_number = '', notes = '', "
	    "person_key = CONCAT('purged:', id), "
	    "contact_purged_at = UTC_TIMESTAMP(6), "
	    "updated_at = UTC_TIMESTAMP(6), version = version + 1 "
	    "WHERE id = ? AND contact_purged_at IS NULL",
	[PSQL_SMS_COUNT] = COUNT(SMS_FROM, SMS_HELD),
	[PSQL_SMS_PICK] =
	    "SELECT o.id" SMS_FROM NOT_HELD(SMS_HELD)
	    " ORDER BY o.id LIMIT ? FOR UPDATE",
	[PSQL_SMS_DO] =
	    "UPDATE outbox_message SET body = '', to_addr = '', "
	    "purged_at = UTC_TIMESTAMP(6) WHERE id = ? AND purged_at IS NULL",
	[PSQL_REPLY_COUNT] = COUNT(REPLY_FROM, REPLY_HELD),
	[PSQL_REPLY_PICK] =
	    "SELECT s.id" REPLY_FROM NOT_HELD(REPLY_HELD)
	    " ORDER BY s.id LIMIT ? FOR UPDATE",
	[PSQL_REPLY_DO] =
	    "UPDATE sms_inbound SET from_phone = '' WHERE id = ?",
	[PSQL_ACCESS_COUNT] = COUNT(ACCESS_FROM, ACCESS_HELD),
	[PSQL_ACCESS_PICK] =
	    "SELECT e.id" ACCESS_FROM NOT_HELD(ACCESS_HELD)
	    " ORDER BY e.id LIMIT ? FOR UPDATE",
	[PSQL_ACCESS_DO] =
	    "DELETE FROM access_event WHERE id = ?",
	[PSQL_AUDIT_COUNT] = COUNT(AUDIT_FROM, AUDIT_HELD),
	[PSQL_AUDIT_PICK] =
	    "SELECT v.seq" AUDIT_FROM NOT_HELD(AUDIT_HELD)
	    " ORDER BY v.seq LIMIT ? FOR UPDATE",
	[PSQL_DRAFT_COUNT] = COUNT(DRAFT_FROM, DRAFT_HELD),
	[PSQL_DRAFT_PICK] =
	    "SELECT g.id" DRAFT_FROM " ORDER BY g.id LIMIT ? FOR UPDATE",
	/* its members go with it (ON DELETE CASCADE) */
	[PSQL_DRAFT_DO] =
	    "DELETE FROM registration_draft WHERE id = ? AND status = 'open'",
	[PSQL_ISSUED_COUNT] = COUNT(ISSUED_FROM, ISSUED_HELD),
	[PSQL_ISSUED_PICK] =
	    "SELECT d.id" ISSUED_FROM NOT_HELD(ISSUED_HELD)
	    " ORDER BY d.id LIMIT ? FOR UPDATE",
	/* the file's row goes and the document's pdf_file with it (ON
	 * DELETE SET NULL, migration 0036); its encrypted content, a file
	 * without a row, goes with the next `havre-admin files sweep` */
	[PSQL_ISSUED_DO] =
	    "DELETE FROM stored_file WHERE id = "
	    "(SELECT pdf_file FROM issued_document WHERE id = ?)",
};

static const struct db_table purge_sqls = { "purge", purge_sqls_v,
    PSQL__MAX };

/* A category the purge knows: its statements. do_sql 0: audit_redact. */
struct category {
	const char	*name;
	size_t		 count_sql, pick_sql, do_sql;
};

static const struct category categories[] = {
	{ "booking_contact", PSQL_CONTACT_COUNT, PSQL_CONTACT_PICK,
	    PSQL_CONTACT_DO },
	{ "sms_content", PSQL_SMS_COUNT, PSQL_SMS_PICK, PSQL_SMS_DO },
	{ "sms_replies", PSQL_REPLY_COUNT, PSQL_REPLY_PICK, PSQL_REPLY_DO },
	{ "access_log", PSQL_ACCESS_COUNT, PSQL_ACCESS_PICK, PSQL_ACCESS_DO },
	{ "audit_values", PSQL_AUDIT_COUNT, PSQL_AUDIT_PICK, 0 },
	{ "registration_draft", PSQL_DRAFT_COUNT, PSQL_DRAFT_PICK,
	    PSQL_DRAFT_DO },
	{ "issued_pdf", PSQL_ISSUED_COUNT, PSQL_ISSUED_PICK, PSQL_ISSUED_DO },
};
#define NCATEGORIES (sizeof(categories) / sizeof(categories[0]))

/* One rule of retention_rule. */
struct rule {
	char		 category[33];
	long long	 keep_days;
	char		 action[16];
	char		 starts[201];
	char		 what[401];
	char		 source[401];
};

/* One batch: the db_txn argument. */
struct batch {
	const struct category	*cat;
	const struct rule	*rule;
	struct actor		*actor;
	size_t			 limit;
	int64_t			*ids;
	size_t			 done;
};

static const struct category *
category_find(const char *name)
{
	size_t	i;

	for (i = 0; i < NCATEGORIES; i++)
		if (strcmp(categories[i].name, name) == 0)
			return &categories[i];
	return NULL;
}

/* Copy column i of st into out (size outsz). */
static void
col_copy(struct db_stmt *st, size_t i, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s", db_col_text(st, i) ? db_col_text(st, i) :
	    "");
}

/*
 * Read the enabled rules into *rules (*n of them). Returns 0, or -1 on
 * a database error (message printed).
 */
static int
rules_read(struct db *db, struct rule **rules, size_t *n)
{
	struct db_stmt	*st;
	struct rule	*r, *nr;
	size_t		 cap = 0;
	enum db_rc	 rc;

	*rules = NULL;
	*n = 0;
	if ((st = db_tstmt(db, &purge_sqls, PSQL_RULES)) == NULL)
		goto fail;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((nr = realloc(*rules, cap * sizeof(*nr))) == NULL) {
				db_reset(st);
				goto fail;
			}
			*rules = nr;
		}
		r = &(*rules)[(*n)++];
		col_copy(st, 0, r->category, sizeof(r->category));
		r->keep_days = db_col_int(st, 1);
		col_copy(st, 2, r->action, sizeof(r->action));
		col_copy(st, 3, r->starts, sizeof(r->starts));
		col_copy(st, 4, r->what, sizeof(r->what));
		col_copy(st, 5, r->source, sizeof(r->source));
	}
	if (rc == DB_OK)
		return 0;
fail:
	fprintf(stderr, "havre-admin: purge: cannot read the retention "
	    "rules: %s\n", db_errmsg(db));
	free(*rules);
	*rules = NULL;
	return -1;
}

/* What is due and what is held in one category. Returns 0 or -1. */
static int
category_count(struct db *db, const struct category *c,
    const struct rule *r, long long *due, long long *held)
{
	struct db_stmt	*st;

	if ((st = db_tstmt(db, &purge_sqls, c->count_sql)) == NULL)
		return -1;
	db_bind_int(st, 0, r->keep_days);
	if (db_step(st) != DB_ROW)
		return -1;
	*due = db_col_int(st, 0);
	*held = db_col_int(st, 1);
	db_reset(st);
	return 0;
}

/*
 * One batch, in its transaction: lock the holds, pick at most limit rows
 * that are due and not held, act on each, and record the count. Sets
 * b->done. Returns DB_OK or the database error (db_txn retries).
 */
static enum db_rc
batch_txn(struct db *db, void *arg)
{
	struct batch		*b = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[3];
	char			 count[24], days[24];
	size_t			 n = 0, i;
	enum db_rc		 rc;

	b->done = 0;
	if ((st = db_tstmt(db, &purge_sqls, PSQL_HOLDS_LOCK)) == NULL)
		return db_last_rc(db);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	db_reset(st);
	if ((st = db_tstmt(db, &purge_sqls, b->cat->pick_sql)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, b->rule->keep_days);
	db_bind_int(st, 1, (int64_t)b->limit);
	while (n < b->limit && (rc = db_step(st)) == DB_ROW)
		b->ids[n++] = db_col_int(st, 0);
	if (rc != DB_ROW && rc != DB_OK)
		return rc;
	db_reset(st);
	if (n == 0)
		return DB_OK;
	if (b->cat->do_sql == 0)
		rc = audit_redact(db, b->actor, b->ids, n, b->cat->name,
		    &b->done);
	else
		for (i = 0, rc = DB_OK; i < n && rc == DB_OK; i++) {
			if ((st = db_tstmt(db, &purge_sqls,
			    b->cat->do_sql)) == NULL)
				return db_last_rc(db);
			db_bind_int(st, 0, b->ids[i]);
			if ((rc = db_exec(st)) == DB_OK)
				b->done += db_affected(st);
		}
	if (rc != DB_OK || b->done == 0)
		return rc;
	snprintf(count, sizeof(count), "%zu", b->done);
	snprintf(days, sizeof(days), "%lld", b->rule->keep_days);
	ch[0] = (struct audit_change){ "count", NULL, count };
	ch[1] = (struct audit_change){ "action", NULL, b->rule->action };
	ch[2] = (struct audit_change){ "keep_days", NULL, days };
	return audit_write(db, b->actor, "retention", b->cat->name, "purge",
	    ch, 3);
}

/* Sleep ms milliseconds. */
static void
pause_ms(long long ms)
{
	struct timespec	ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1)
		;
}

/*
 * Purge one category batch after batch until none is left. Prints the
 * count. Returns 0, or -1 on a database error (what was committed
 * stays; a rerun continues).
 */
static int
category_purge(struct db *db, const struct category *c,
    const struct rule *r, size_t limit, long long pause)
{
	struct batch	 b;
	struct actor	 act;
	char		 name[80];
	uint64_t	 total = 0;
	enum db_rc	 rc;

	admin_actor(&act, name, sizeof(name));
	memset(&b, 0, sizeof(b));
	b.cat = c;
	b.rule = r;
	b.actor = &act;
	b.limit = limit;
	if ((b.ids = calloc(limit, sizeof(*b.ids))) == NULL)
		return -1;
	for (;;) {
		if ((rc = db_txn(db, batch_txn, &b)) != DB_OK) {
			fprintf(stderr, "havre-admin: purge: %s: %s (%llu "
			    "done before; run again to go on)\n", c->name,
			    db_errmsg(db), (unsigned long long)total);
			free(b.ids);
			return -1;
		}
		total += b.done;
		if (b.done < limit)
			break;
		pause_ms(pause);
	}
	free(b.ids);
	printf("%-16s %s: %llu\n", c->name, r->action,
	    (unsigned long long)total);
	return 0;
}

/* Print what one rule would do (--dry-run). Returns 0 or -1. */
static int
category_preview(struct db *db, const struct category *c,
    const struct rule *r)
{
	long long	due, held;

	if (category_count(db, c, r, &due, &held) == -1) {
		fprintf(stderr, "havre-admin: purge: %s: %s\n", c->name,
		    db_errmsg(db));
		return -1;
	}
	printf("%-16s would %s %lld, %lld held\n", c->name, r->action, due,
	    held);
	printf("    %lld days after %s: %s\n", r->keep_days, r->starts,
	    r->what);
	printf("    source: %s\n", r->source);
	return 0;
}

/*
 * havre-admin purge [--dry-run] [--category C] [--batch N] [--pause MS]
 * --dry-run lists per category what would go, what is held and why;
 * otherwise each category is purged in batches of N rows (PURGE_BATCH),
 * with a pause of MS milliseconds between batches to bound the load.
 * A rule whose category the purge does not know fails the run (a typo
 * in the rules must not pass for "nothing to purge").
 * Returns ADMIN_OK, ADMIN_FAIL or ADMIN_USAGE.
 */
int
cmd_purge(struct admin *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "category", required_argument, NULL, 'c' },
		{ "batch", required_argument, NULL, 'b' },
		{ "pause", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const struct category	*cat;
	const char		*only = NULL;
	struct rule		*rules;
	struct db		*db;
	long long		 batch = PURGE_BATCH, pause = 0;
	size_t			 n, i, matched = 0;
	int			 c, dry = 0, rc = ADMIN_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'n')
			dry = 1;
		else if (c == 'c')
			only = optarg;
		else if (c == 'b' && valid_int(optarg, 1, PURGE_BATCH_MAX,
		    &batch))
			;
		else if (c == 'p' && valid_int(optarg, 0, PURGE_PAUSE_MAX,
		    &pause))
			;
		else
			return admin_usage(a);
	}
	if (optind != argc)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL || rules_read(db, &rules, &n) == -1)
		return ADMIN_FAIL;
	for (i = 0; i < n; i++) {
		if (only != NULL && strcmp(only, rules[i].category) != 0)
			continue;
		matched++;
		if ((cat = category_find(rules[i].category)) == NULL) {
			fprintf(stderr, "havre-admin: purge: rule %s: no such "
			    "category (known: booking_contact, sms_content, "
			    "sms_replies, access_log, audit_values, "
			    "registration_draft, issued_pdf)\n",
			    rules[i].category);
			rc = ADMIN_FAIL;
			continue;
		}
		if ((dry ? category_preview(db, cat, &rules[i]) :
		    category_purge(db, cat, &rules[i], (size_t)batch,
		    pause)) == -1)
			rc = ADMIN_FAIL;
	}
	free(rules);
	if (only != NULL && matched == 0) {
		fprintf(stderr, "havre-admin: purge: no enabled rule for "
		    "category %s\n", only);
		return ADMIN_FAIL;
	}
	return rc;
}

/*
 * rekey.c: `havre-admin persons rekey`: the blocking keys
 * (person_name_key) and the Latin forms of every active person brought
 * up to the matcher's rules of today, after a change to them (issue 14:
 * Pashto's own letters folded to the Persian ones changed the keys of
 * Pashto records already stored, which the search then no longer found
 * by their names typed in Latin or in Dari spelling).
 *
 * Persons are taken in id order, in bounded batches, one transaction
 * each (the batch's person rows locked, so an agent's edit of one of
 * them waits for the batch, then rewrites its keys itself); a record is
 * written only when what the matcher gives differs from what is stored,
 * so a run can be interrupted anywhere and run again (or resumed with
 * --from, the last id it printed): nothing is rewritten twice. Each
 * batch that changed something writes one audit event with its counts,
 * never names.
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
#include "conf.h"
#include "db.h"
#include "person.h"
#include "valid.h"

#define REKEY_BATCH	500	/* persons per transaction, by default */
#define REKEY_BATCH_MAX	10000
#define REKEY_PAUSE_MAX	60000	/* ms between batches, at most */
#define REKEY_REPORT	20000	/* a progress line every this many persons */

enum rekey_sql {
	RSQL_PICK,		/* after id, non-ASCII only (0/1), limit -> id */
	RSQL__MAX
};

/* Names holding a byte beyond ASCII: the records a change to another
 * script's (or to diacritics') handling can touch. */
#define NON_ASCII(col)	"LENGTH(" col ") <> CHAR_LENGTH(" col ")"

static const char *const rekey_sqls_v[RSQL__MAX] = {
	/* the batch's rows locked until it commits (see above) */
	[RSQL_PICK] =
	    "SELECT id FROM person WHERE id > ? AND status = 'active'"
	    " AND (? = 0 OR " NON_ASCII("family_name") " OR "
	    NON_ASCII("given_names") " OR " NON_ASCII("father_name") " OR "
	    NON_ASCII("mother_name") ")"
	    " ORDER BY id LIMIT ? FOR UPDATE",
};

static const struct db_table rekey_sqls = { "rekey", rekey_sqls_v,
    RSQL__MAX };

/* One run's state: the options, the cursor and the counts. */
struct rekey {
	struct match_ctx	*m;
	const struct actor	*actor;
	int64_t			*ids;
	size_t			 limit;		/* persons per batch */
	int			 non_ascii;	/* --non-ascii */
	int64_t			 after;		/* the last id done */
	/* this batch */
	size_t			 picked, keys, latin;
	int64_t			 last;
	/* the run */
	uint64_t		 examined, keys_total, latin_total;
};

/*
 * One batch, in its transaction: pick at most limit persons after
 * r->after, refresh each, and record the counts when anything changed.
 * Returns DB_OK or the database error (db_txn retries from the start:
 * the counts are set again).
 */
static enum db_rc
batch_txn(struct db *db, void *arg)
{
	struct rekey		*r = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[4];
	char			 examined[24], keys[24], latin[24], range[48];
	size_t			 i;
	int			 changed;
	enum db_rc		 rc = DB_OK;

	r->picked = r->keys = r->latin = 0;
	r->last = r->after;
	if ((st = db_tstmt(db, &rekey_sqls, RSQL_PICK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, r->after);
	db_bind_int(st, 1, r->non_ascii);
	db_bind_int(st, 2, (int64_t)r->limit);
	while (r->picked < r->limit && (rc = db_step(st)) == DB_ROW)
		r->ids[r->picked++] = db_col_int(st, 0);
	if (rc != DB_ROW && rc != DB_OK)
		return rc;
	db_reset(st);
	for (i = 0; i < r->picked; i++) {
		if ((rc = person_keys_refresh(db, r->m, r->ids[i],
		    &changed)) != DB_OK)
			return rc;
		r->keys += (changed & PERSON_REKEY_KEYS) != 0;
		r->latin += (changed & PERSON_REKEY_LATIN) != 0;
	}
	if (r->picked > 0)
		r->last = r->ids[r->picked - 1];
	if (r->keys == 0 && r->latin == 0)
		return DB_OK;
	snprintf(examined, sizeof(examined), "%zu", r->picked);
	snprintf(keys, sizeof(keys), "%zu", r->keys);
	snprintf(latin, sizeof(latin), "%zu", r->latin);
	snprintf(range, sizeof(range), "%lld-%lld", (long long)r->ids[0],
	    (long long)r->last);
	ch[0] = (struct audit_change){ "examined", NULL, examined };
	ch[1] = (struct audit_change){ "keys_rewritten", NULL, keys };
	ch[2] = (struct audit_change){ "latin_rewritten", NULL, latin };
	ch[3] = (struct audit_change){ "non_ascii_only", NULL,
	    r->non_ascii ? "1" : "0" };
	return audit_write(db, r->actor, "person_keys", range, "rekey", ch,
	    4);
}

/*
 * havre-admin persons rekey [--batch N] [--pause MS] [--from ID]
 *     [--non-ascii]
 * Brings the keys and Latin forms of the active persons with an id
 * above ID (0) up to the matcher of this build, N persons a transaction
 * (REKEY_BATCH), pausing MS milliseconds between batches to bound the
 * load; --non-ascii takes only the persons whose names hold non-ASCII
 * letters (enough after a change to another script's rules). Prints
 * the counts (and a progress line on stderr every REKEY_REPORT
 * persons); on a failure, the id to go on --from.
 * Returns ADMIN_OK, ADMIN_FAIL or ADMIN_USAGE.
 */
int
cmd_persons_rekey(struct admin *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "batch", required_argument, NULL, 'b' },
		{ "pause", required_argument, NULL, 'p' },
		{ "from", required_argument, NULL, 'f' },
		{ "non-ascii", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct rekey	 r;
	struct actor	 act;
	struct db	*db;
	char		 name[80];
	long long	 batch = REKEY_BATCH, pause = 0, from = 0;
	uint64_t	 reported = 0;
	int		 c, rc = ADMIN_FAIL;

	memset(&r, 0, sizeof(r));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'b' && valid_int(optarg, 1, REKEY_BATCH_MAX, &batch))
			;
		else if (c == 'p' && valid_int(optarg, 0, REKEY_PAUSE_MAX,
		    &pause))
			;
		else if (c == 'f' && valid_int(optarg, 0, INT64_MAX, &from))
			;
		else if (c == 'n')
			r.non_ascii = 1;
		else
			return admin_usage(a);
	}
	if (optind != argc)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	if ((r.m = match_open(conf_get(&a->conf, "Paths.MatchData",
	    NULL))) == NULL) {
		fprintf(stderr, "havre-admin: persons rekey: cannot open the "
		    "matcher\n");
		return ADMIN_FAIL;
	}
	if ((r.ids = calloc((size_t)batch, sizeof(*r.ids))) == NULL) {
		fprintf(stderr, "havre-admin: persons rekey: out of memory\n");
		goto out;
	}
	admin_actor(&act, name, sizeof(name));
	r.actor = &act;
	r.limit = (size_t)batch;
	r.after = from;
	for (;;) {
		if (db_txn(db, batch_txn, &r) != DB_OK) {
			fprintf(stderr, "havre-admin: persons rekey: %s (done "
			    "through id %lld: run again with --from %lld to go "
			    "on)\n", db_errmsg(db), (long long)r.after,
			    (long long)r.after);
			goto out;
		}
		r.examined += r.picked;
		r.keys_total += r.keys;
		r.latin_total += r.latin;
		r.after = r.last;
		if (r.examined - reported >= REKEY_REPORT) {
			reported = r.examined;
			fprintf(stderr, "persons rekey: %llu examined through "
			    "id %lld, %llu keys rewritten\n",
			    (unsigned long long)r.examined, (long long)r.after,
			    (unsigned long long)r.keys_total);
		}
		if (r.picked < r.limit)
			break;
		admin_pause_ms(pause);
	}
	printf("persons rekey: %llu examined, keys rewritten for %llu, Latin "
	    "forms for %llu; done through id %lld\n",
	    (unsigned long long)r.examined,
	    (unsigned long long)r.keys_total,
	    (unsigned long long)r.latin_total, (long long)r.after);
	/* the common keys' counts follow the keys of today's matcher
	 * (also when none changed: an upgrade runs the rekey once, and
	 * the table may never have been filled) */
	rc = admin_freq_refresh(db, PERSON_FREQ_MIN, &act);
out:
	free(r.ids);
	match_close(&r.m);
	return rc;
}

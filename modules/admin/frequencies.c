/*
 * frequencies.c: `havre-admin persons frequencies`: the register's
 * common blocking keys counted into person_key_freq (the person
 * library's person_freq_refresh, freq.c says why and how), which every
 * search reads instead of counting names per worker. Run from cron
 * (docs/identity.md: nightly), and by import-persons at its end and by
 * persons rekey at its end (admin_freq_refresh), since both change the
 * keys wholesale. Registrations one at a time need no refresh to be
 * found: a key rarer than the threshold is counted live, and a count
 * a day old weighs a name the same to a fraction of a bit.
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "admin.h"
#include "audit.h"
#include "db.h"
#include "htime.h"
#include "person.h"
#include "valid.h"

#define FREQ_MIN_MAX	1000000	/* --min at most */

/* See admin.h. */
int
admin_freq_refresh(struct db *db, long min, const struct actor *actor)
{
	struct person_freq_run	 run;
	double			 t0 = time_mono_s();

	if (person_freq_refresh(db, min, actor, &run) != DB_OK) {
		fprintf(stderr, "havre-admin: persons frequencies: %s (run "
		    "havre-admin persons frequencies again)\n", db_errmsg(db));
		return ADMIN_FAIL;
	}
	printf("persons frequencies: %zu keys carried by more than %ld "
	    "persons (of %ld active), %llu rarer ones removed, in %.1f s\n",
	    run.listed, min, run.persons, (unsigned long long)run.pruned,
	    time_mono_s() - t0);
	return ADMIN_OK;
}

/*
 * havre-admin persons frequencies [--min N]
 * Counts every key carried by more than N persons (PERSON_FREQ_MIN,
 * 200) into person_key_freq; keys that became rarer leave it. N other
 * than the default is for tests and for measuring: the searches count
 * live what the table does not list, capped just above N.
 * Returns ADMIN_OK, ADMIN_FAIL or ADMIN_USAGE.
 */
int
cmd_persons_frequencies(struct admin *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "min", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	struct actor	 act;
	struct db	*db;
	char		 name[80];
	long long	 min = PERSON_FREQ_MIN;
	int		 c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'm' && valid_int(optarg, 1, FREQ_MIN_MAX, &min))
			;
		else
			return admin_usage(a);
	}
	if (optind != argc)
		return admin_usage(a);
	if ((db = admin_db(a)) == NULL)
		return ADMIN_FAIL;
	admin_actor(&act, name, sizeof(name));
	return admin_freq_refresh(db, (long)min, &act);
}

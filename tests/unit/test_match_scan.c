/*
 * test_match_scan.c: modules/match's duplicate scan (scan.c) on a few
 * real-looking records: records of one person are found, in the set to
 * check and against the others (a register), as one group with each
 * pair reported once; a stranger is not; a person added twice to check
 * is never paired with itself; two persons of the register are not the
 * scan's to report; the caller's function can stop a run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "match_testdata.h"
#include "matchint.h"
#include "valid.h"

/* A record: id, family, given, birth date, birth place. */
struct rec {
	int64_t		 id;
	const char	*family, *given, *birth, *place;
};

/* The pairs a run reported. */
#define MAXPAIRS	32
struct found {
	int64_t	a[MAXPAIRS], b[MAXPAIRS];
	size_t	size[MAXPAIRS];
	int64_t	gid[MAXPAIRS];
	size_t	n;
	int	stop;		/* returned by the function when non-zero */
};

/* match_scan_pair_fn: remember the pair (smaller id first). */
static int
collect(const struct match_scan_pair *pr, void *arg)
{
	struct found	*f = arg;

	if (f->n < MAXPAIRS) {
		f->a[f->n] = pr->id_a < pr->id_b ? pr->id_a : pr->id_b;
		f->b[f->n] = pr->id_a < pr->id_b ? pr->id_b : pr->id_a;
		f->size[f->n] = pr->group_size;
		f->gid[f->n] = pr->group_id;
		f->n++;
	}
	return f->stop;
}

/* Was pair (a, b) reported, and how many times? */
static int
reported(const struct found *f, int64_t a, int64_t b)
{
	size_t	i;
	int	n = 0;

	for (i = 0; i < f->n; i++)
		if (f->a[i] == a && f->b[i] == b)
			n++;
	return n;
}

/* Add record r to s with its keys. Returns 0 or -1. */
static int
add(struct match_ctx *m, struct match_scan *s, const struct rec *r)
{
	static struct match_person	 mp;
	static char			 keys[MATCH_MAX_KEYS][MATCH_KEY_LEN];
	const struct match_scan_person	*p;
	char				 sid[24];
	size_t				 nk;

	memset(&mp, 0, sizeof(mp));
	match_name(m, r->family, &mp.family);
	match_name(m, r->given, &mp.given);
	match_name(m, r->place, &mp.birthplace);
	if (!valid_partial_date(r->birth, &mp.birth))
		mp.birth.precision = DATE_UNKNOWN;
	nk = match_keys(&mp, keys, MATCH_MAX_KEYS);
	snprintf(sid, sizeof(sid), "%lld", (long long)r->id);
	if ((p = match_scan_pack(s, &mp, "test", sid)) == NULL)
		return -1;
	return match_scan_add(s, r->id, p, keys, nk);
}

/* Fill a scan: the records to check, then the register's. */
static struct match_scan *
scan_of(struct match_ctx *m)
{
	static const struct rec	 check[] = {
		{1, "Henderson", "Reuben", "1995-10-27", "Bristol"},
		{2, "Henderseon", "Reuben", "1995-10-27", "Bristol"},
		{3, "Okonkwo", "Grace", "1971-02-03", "Leeds"},
		/* the file names person 2 again */
		{2, "Henderseon", "Reuben", "1995-10-27", "Bristol"},
	};
	static const struct rec	 reg[] = {
		{10, "Henderson", "Reuben", "1995-10-27", "Bristol"},
		{11, "Haddad", "Yusuf", "1985-03-12", "Beirut"},
		{12, "Haddad", "Yusuf", "1985-03-12", "Beirut"},
	};
	struct match_scan	*s;
	size_t			 i;

	if ((s = match_scan_new()) == NULL)
		return NULL;
	for (i = 0; i < sizeof(check) / sizeof(check[0]); i++)
		if (add(m, s, &check[i]) == -1)
			goto fail;
	if (match_scan_queries_end(s) != 4)
		goto fail;
	for (i = 0; i < sizeof(reg) / sizeof(reg[0]); i++)
		if (add(m, s, &reg[i]) == -1)
			goto fail;
	return s;
fail:
	match_scan_free(&s);
	return NULL;
}

int
main(void)
{
	struct match_ctx	*m = test_match_open();
	struct match_scan	*s = NULL;
	struct match_scan_stats	 st;
	struct found		 f;
	size_t			 i;
	int			 self = 0, alien = 0;

	if (!ok(m != NULL, "the matcher opens"))
		return done_testing();
	if (!ok((s = scan_of(m)) != NULL, "persons added"))
		goto out;
	memset(&f, 0, sizeof(f));
	is_int(match_scan_run(s, collect, NULL, &f, &st), 0, "the scan runs");
	is_int(st.queries, 4, "4 persons checked");
	is_int(st.others, 3, "against 3 of the register");
	is_int(st.scanners, 1, "one scanner for a small set");
	ok(st.scored > 0 && st.kept >= 2, "pairs scored (%zu), kept (%zu)",
	    st.scored, st.kept);
	is_int(reported(&f, 1, 2), 1, "1 and 2 are one person, reported once");
	is_int(reported(&f, 1, 10), 1, "1 is register person 10");
	is_int(reported(&f, 2, 10), 1, "so is 2");
	for (i = 0; i < f.n; i++) {
		if (f.a[i] == f.b[i])
			self++;
		if (f.a[i] == 3 || f.b[i] == 3 || f.a[i] >= 11)
			alien++;
	}
	is_int(self, 0, "never a person with itself");
	is_int(alien, 0, "no pair with the stranger, none within the "
	    "register (11 and 12)");
	is_int(f.n, 3, "3 pairs in all");
	for (i = 0; i < f.n; i++)
		ok(f.size[i] == 3 && f.gid[i] == 1, "pair %zu: group of 3, "
		    "id 1", i);
	match_scan_free(&s);

	/* a second scan, stopped by the caller at its first pair */
	if (!ok((s = scan_of(m)) != NULL, "persons added again"))
		goto out;
	memset(&f, 0, sizeof(f));
	f.stop = 7;
	is_int(match_scan_run(s, collect, NULL, &f, &st), 7,
	    "the caller's value stops the run");
	is_int(f.n, 1, "after one pair");
out:
	match_scan_free(&s);
	match_close(&m);
	return done_testing();
}

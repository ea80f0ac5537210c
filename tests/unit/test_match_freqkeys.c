/*
 * test_match_freqkeys.c: match_freq_keys lists every key match_score
 * asks a name frequency of (libperson's search reads them all in one
 * statement before scoring, issue 16 speed; a key it missed would cost
 * one round trip more per name at 1,000,000 persons), each once, and
 * the scores are the same whether the counts come from a table filled
 * from those keys beforehand or are answered as asked.
 */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "match_testdata.h"
#include "matchint.h"
#include "valid.h"

static struct match_ctx *m;

#define ASKED_MAX	256
static char	asked[ASKED_MAX][MATCH_KEY_LEN];
static size_t	nasked;

/* A count per key that depends on the key (so that a wrong key would
 * score differently): 1 + its bytes' sum modulo 5000. */
static long
count_of(const char *key)
{
	long		 n = 0;
	const char	*p;

	for (p = key; *p != '\0'; p++)
		n += (unsigned char)*p;
	return 1 + n % 5000;
}

/* A frequency source that records what it is asked. */
static long
recording(const char *key, void *arg)
{
	size_t	i;

	(void)arg;
	for (i = 0; i < nasked && strcmp(asked[i], key) != 0; i++)
		;
	if (i == nasked && nasked < ASKED_MAX)
		snprintf(asked[nasked++], MATCH_KEY_LEN, "%s", key);
	return count_of(key);
}

/* A frequency source answering from keys listed beforehand only. */
static char	(*listed)[MATCH_KEY_LEN];
static size_t	nlisted;
static int	missed;

static long
from_list(const char *key, void *arg)
{
	size_t	i;

	(void)arg;
	for (i = 0; i < nlisted; i++)
		if (strcmp(listed[i], key) == 0)
			return count_of(key);
	missed++;
	return -1;
}

static void
person(struct match_person *p, const char *family, const char *given,
    const char *father, const char *birth, const char *place)
{
	memset(p, 0, sizeof(*p));
	match_name(m, family, &p->family);
	match_name(m, given, &p->given);
	match_name(m, father, &p->father);
	match_name(m, place, &p->birthplace);
	if (birth[0] == '\0' || !valid_partial_date(birth, &p->birth))
		p->birth.precision = DATE_UNKNOWN;
	p->sex = 'M';
	snprintf(p->nationality, sizeof(p->nationality), "SDN");
}

int
main(void)
{
	static char keys[2 * 5 * MATCH_MAX_TOKENS][MATCH_KEY_LEN];
	struct match_person q, c;
	struct match_result r1, r2;
	size_t i, j, k, nq;
	int all, once;
	const char *pairs[][10] = {
		{ "Hassan", "Mohamed Ali", "Omar", "1990-05-03", "Khartoum",
		  "\xd8\xad\xd8\xb3\xd9\x86",
		  "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf \xd8\xb9\xd9\x84\xd9\x8a",
		  "Umar", "1990-05-03", "Khartoum" },
		{ "Al-Rashid", "Fatima Zahra", "", "1984", "",
		  "El Rashid", "Fatma", "Ahmed", "1984-02-01", "Omdurman" },
		{ "Abu Bakr", "Yusuf", "Ibrahim", "2001-11-30", "",
		  "Abubakar", "Youssef", "Ibrahim", "2001-11-30", "" },
	};

	m = test_match_open();
	if (!ok(m != NULL, "match_open"))
		return done_testing();
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		person(&q, pairs[i][0], pairs[i][1], pairs[i][2], pairs[i][3],
		    pairs[i][4]);
		person(&c, pairs[i][5], pairs[i][6], pairs[i][7], pairs[i][8],
		    pairs[i][9]);
		nasked = 0;
		match_set_frequency(recording, NULL, 1000000);
		match_score(&q, &c, &r1);
		ok(nasked > 0, "pair %zu: the score asks name frequencies "
		    "(%zu keys)", i, nasked);
		nq = match_freq_keys(&q, keys, 5 * MATCH_MAX_TOKENS);
		nlisted = nq + match_freq_keys(&c, keys + nq,
		    5 * MATCH_MAX_TOKENS);
		listed = keys;
		for (j = 0, all = 1; j < nasked; j++) {
			for (k = 0; k < nlisted && strcmp(keys[k],
			    asked[j]) != 0; k++)
				;
			if (k == nlisted) {
				all = 0;
				printf("# not listed: %s\n", asked[j]);
			}
		}
		ok(all, "pair %zu: every key asked is listed", i);
		for (j = 0, once = 1; j < nq; j++)
			for (k = j + 1; k < nq; k++)
				if (strcmp(keys[j], keys[k]) == 0)
					once = 0;
		ok(once, "pair %zu: the query's keys listed once each", i);
		for (j = 0, all = 1; j < nlisted; j++)
			if (strncmp(keys[j], "s:", 2) != 0)
				all = 0;
		ok(all, "pair %zu: the stored name keys (s:)", i);
		missed = 0;
		match_set_frequency(from_list, NULL, 1000000);
		match_score(&q, &c, &r2);
		is_int(missed, 0, "pair %zu: nothing asked beyond the list", i);
		ok(r1.total == r2.total && r1.cls == r2.cls,
		    "pair %zu: the same score from the list (%.3f, %.3f)", i,
		    r1.total, r2.total);
	}
	match_set_frequency(NULL, NULL, 0);
	match_close(&m);
	return done_testing();
}

/*
 * test_match_score.c: modules/match's scoring and blocking keys: names
 * swapped, spellings and scripts, particles, birth dates (same, day and
 * month swapped, 01/01 placeholder read as year only, same year, one
 * year apart, partial, days apart, a decade apart), name frequencies,
 * documents, sex, parents; different persons
 * sharing a common name are never "certain"; keys shared across
 * scripts and spellings.
 */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "match_testdata.h"
#include "matchint.h"
#include "valid.h"

static struct match_ctx *m;

/* Build a person: names as written, a partial date ("" unknown), sex,
 * nationality, one document ("" none). */
static void
person(struct match_person *p, const char *family, const char *given,
    const char *birth, char sex, const char *nat, const char *doc)
{
	memset(p, 0, sizeof(*p));
	match_name(m, family, &p->family);
	match_name(m, given, &p->given);
	if (birth[0] == '\0' || !valid_partial_date(birth, &p->birth))
		p->birth.precision = DATE_UNKNOWN;
	p->sex = sex;
	snprintf(p->nationality, sizeof(p->nationality), "%s", nat);
	if (doc[0] != '\0') {
		snprintf(p->docs[0], sizeof(p->docs[0]), "%s", doc);
		p->ndocs = 1;
	}
}

/* The reason for field, or NULL. */
static const struct match_reason *
reason(const struct match_result *r, const char *field)
{
	size_t i;

	for (i = 0; i < r->nreasons; i++)
		if (strcmp(r->reasons[i].field, field) == 0)
			return &r->reasons[i];
	return NULL;
}

/* Print the result as TAP comments (for a reader of the log). */
static void
show(const char *what, const struct match_result *r)
{
	size_t i;

	printf("# %s: %.2f %s\n", what, r->score, match_class_name(r->cls));
	for (i = 0; i < r->nreasons; i++)
		printf("#   %s %s %.2f %+.1f %s\n", r->reasons[i].field,
		    r->reasons[i].how, r->reasons[i].score,
		    r->reasons[i].weight, r->reasons[i].detail);
}

/* Do the stored keys of a and b share one? */
static int
share_key(const struct match_person *a, const struct match_person *b)
{
	char ka[MATCH_MAX_KEYS][MATCH_KEY_LEN], kb[MATCH_MAX_KEYS][MATCH_KEY_LEN];
	size_t na = match_query_keys(a, ka, MATCH_MAX_KEYS),
	    nb = match_keys(b, kb, MATCH_MAX_KEYS), i, j;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (strcmp(ka[i], kb[j]) == 0)
				return 1;
	return 0;
}

/* Is key k among the n keys? */
static int
has_key(char keys[][MATCH_KEY_LEN], size_t n, const char *k)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(keys[i], k) == 0)
			return 1;
	return 0;
}

static long	freq_answer;	/* what test_freq answers */
static char	freq_key[MATCH_KEY_LEN];	/* the last key asked */

/* A name frequency source: every key counts freq_answer persons. */
static long
test_freq(const char *key, void *arg)
{
	(void)arg;
	snprintf(freq_key, sizeof(freq_key), "%s", key);
	return freq_answer;
}

int
main(void)
{
	struct match_person q, c;
	struct match_result r;
	const struct match_reason *re;
	double w0;
	char keys[MATCH_MAX_KEYS][MATCH_KEY_LEN];
	size_t nk, i;

	m = test_match_open();
	if (!ok(m != NULL, "match_open"))
		return done_testing();

	/* Same person, Latin and Arabic script. */
	person(&q, "Hassan", "Mohamed Ali", "1990-05-03", 'M', "SDN", "");
	person(&c, "\xd8\xad\xd8\xb3\xd9\x86",
	    "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf \xd8\xb9\xd9\x84\xd9\x8a",
	    "1990-05-03", 'M', "SDN", "");		/* حسن / محمد علي */
	match_score(&q, &c, &r);
	show("Latin vs Arabic", &r);
	ok(r.cls >= MATCH_PROBABLE, "Latin vs Arabic: probable or above");
	re = reason(&r, "given_names");
	ok(re != NULL && strcmp(re->how, "transliteration") == 0,
	    "given names: transliteration");
	/* The detail holds the values compared and nothing in English: the
	 * pages word the how (and any note) in their own language. */
	is_str(re ? re->detail : "", "Mohamed ~ \xd9\x85\xd8\xad\xd9"
	    "\x85\xd8\xaf, Ali ~ \xd8\xb9\xd9\x84\xd9\x8a",
	    "detail reads 'Mohamed ~ <Arabic>, Ali ~ <Arabic>', no words");

	/* Family and given names swapped. */
	person(&q, "Watson", "Noah", "2008-03-23", 0, "", "");
	person(&c, "Noah", "Watson", "2008-03-23", 0, "", "");
	match_score(&q, &c, &r);
	show("swapped", &r);
	ok(r.cls >= MATCH_PROBABLE, "swapped names: probable or above");
	re = reason(&r, "family_name");
	ok(re != NULL && strcmp(re->how, "swapped") == 0,
	    "family name: swapped");

	/* Spelling variants and particles. */
	person(&q, "al-Rashid", "Abdul Rahman", "1985", 0, "", "");
	person(&c, "Rashid", "Abdulrahman", "1985-07-01", 0, "", "");
	match_score(&q, &c, &r);
	show("particles", &r);
	re = reason(&r, "family_name");
	ok(re != NULL && strcmp(re->how, "same") == 0,
	    "al-Rashid = Rashid (article ignored)");
	re = reason(&r, "given_names");
	ok(re != NULL && re->score >= 0.99, "Abdul Rahman = Abdulrahman");

	person(&q, "Mohammed", "Yusuf", "", 0, "", "");
	person(&c, "Mehmet", "Youssef", "", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "family_name");
	ok(re != NULL && (strcmp(re->how, "variant") == 0 ||
	    strcmp(re->how, "phonetic") == 0), "Mohammed ~ Mehmet (%s)",
	    re ? re->how : "none");
	re = reason(&r, "given_names");
	ok(re != NULL && strcmp(re->how, "variant") == 0,
	    "Yusuf ~ Youssef (variant)");

	/* A typo. */
	person(&q, "Henderson", "Reuben", "", 0, "", "");
	person(&c, "Henderseon", "Reuben", "", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "family_name");
	ok(re != NULL && (strcmp(re->how, "typo") == 0 ||
	    strcmp(re->how, "phonetic") == 0) && re->weight > 0,
	    "Henderson ~ Henderseon agrees (%s)", re ? re->how : "none");

	/* Birth dates. */
	person(&q, "Tesfaye", "Yonas", "1990-05-03", 0, "", "");
	person(&c, "Tesfaye", "Yonas", "1990-03-05", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "birth_date");
	ok(re != NULL && strcmp(re->how, "day_month_swapped") == 0 &&
	    re->weight > 0, "day and month swapped");
	is_str(re ? re->detail : "", "1990-05-03 ~ 1990-03-05",
	    "day/month detail: the dates");
	is_str(re && re->note ? re->note : "", "day_month_swapped",
	    "day/month note: a code the pages word");

	person(&c, "Tesfaye", "Yonas", "1990-01-01", 0, "", "");
	match_score(&q, &c, &r);
	show("placeholder", &r);
	re = reason(&r, "birth_date");
	ok(re != NULL && strcmp(re->how, "same_year") == 0 && re->weight > 0,
	    "01/01 placeholder read as year only: compatible");
	is_str(re && re->note ? re->note : "", "year_only",
	    "placeholder note says so");

	person(&c, "Tesfaye", "Yonas", "1990-00-00", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "birth_date");
	ok(re != NULL && strcmp(re->how, "same_year") == 0 && re->weight > 0,
	    "partial date (year only) compatible");

	person(&c, "Tesfaye", "Yonas", "1990-05-00", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "birth_date");
	ok(re != NULL && re->weight > 0, "partial date (month) compatible");

	person(&c, "Tesfaye", "Yonas", "1990-11-20", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "birth_date");
	ok(re != NULL && strcmp(re->how, "same_year") == 0, "same year");

	person(&c, "Tesfaye", "Yonas", "1991-05-03", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "birth_date");
	ok(re != NULL && strcmp(re->how, "year_apart") == 0 && re->weight > 0,
	    "same day, one year apart (a typo in the year)");

	person(&c, "Tesfaye", "Yonas", "1991-11-20", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "birth_date");
	ok(re != NULL && strcmp(re->how, "year_apart") == 0 && re->weight < 0,
	    "full dates one year apart, day and month differing: against "
	    "(%+.1f)", re ? re->weight : 0);
	person(&c, "Tesfaye", "Yonas", "1991", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "birth_date");
	ok(re != NULL && strcmp(re->how, "year_apart") == 0 &&
	    re->weight == 0, "a year-only date one year apart: neutral");

	person(&c, "Tesfaye", "Yonas", "1975-11-20", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "birth_date");
	ok(re != NULL && strcmp(re->how, "different") == 0 && re->weight < 0,
	    "different dates count against");

	person(&c, "Tesfaye", "Yonas", "", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "birth_date");
	ok(re != NULL && strcmp(re->how, "unknown") == 0 && re->weight == 0,
	    "candidate without a date: unknown, weight 0");

	person(&c, "Tesfaye", "Yonas", "1990-05-20", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "birth_date");
	ok(re != NULL && re->weight > 0 && re->note != NULL &&
	    strcmp(re->note, "days_apart") == 0 &&
	    strcmp(re->detail, "1990-05-03 ~ 1990-05-20") == 0,
	    "dates 17 days apart agree (%s)", re ? re->detail : "");
	person(&c, "Tesfaye", "Yonas", "2000-05-10", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "birth_date");
	ok(re != NULL && strcmp(re->how, "typo") == 0 && re->weight > 0,
	    "ten years apart, near day: a digit of the year (%s)",
	    re ? re->how : "none");

	/* Name frequencies: a rare name weighs more, a common one less. */
	person(&q, "Tesfaye", "Yonas", "1990-05-03", 0, "", "");
	person(&c, "Tesfaye", "Yonas", "1990-05-03", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "family_name");
	w0 = re != NULL ? re->weight : 0;
	freq_answer = 1;
	match_set_frequency(test_freq, NULL, 100000);
	match_score(&q, &c, &r);
	re = reason(&r, "family_name");
	ok(re != NULL && re->weight > w0, "a rare family name weighs more "
	    "(%.1f > %.1f)", re ? re->weight : 0, w0);
	ok(strcmp(freq_key, "s:tsfy") == 0 || strcmp(freq_key, "s:yns") == 0,
	    "frequencies are asked by stored key (%s)", freq_key);
	freq_answer = 20000;
	match_score(&q, &c, &r);
	re = reason(&r, "family_name");
	ok(re != NULL && re->weight < w0 && re->weight > 0, "a common family "
	    "name weighs less (%.1f < %.1f)", re ? re->weight : 0, w0);
	/* Prior odds: the same names, equally common relative to the
	 * register, in a register 100 times larger score lower (a pair of
	 * look-alikes is rarer among more persons). */
	{
		struct match_result small, big;

		freq_answer = 40;
		match_set_frequency(test_freq, NULL, 20000);
		match_score(&q, &c, &small);
		freq_answer = 4000;
		match_set_frequency(test_freq, NULL, 2000000);
		match_score(&q, &c, &big);
		ok(big.score < small.score && big.cls <= small.cls,
		    "a register 100 times larger: %.3f < %.3f",
		    big.score, small.score);
		re = reason(&big, "register");
		/* prior_scale 1 (the default) times log2(100) */
		ok(re != NULL && re->weight < -6.6 && re->weight > -6.7 &&
		    reason(&small, "register") == NULL, "and says so: %s",
		    re ? re->detail : "no reason");
		match_set_prior_scale(2.0);
		match_score(&q, &c, &big);
		re = reason(&big, "register");
		ok(re != NULL && re->weight < -13.2 && re->weight > -13.4,
		    "a search's prior (scale 2): %s", re ? re->detail : "none");
		match_set_prior_scale(1.0);
		freq_answer = 20000;
		match_set_frequency(test_freq, NULL, 100000);
	}
	match_set_frequency(NULL, NULL, 0);
	match_score(&q, &c, &r);
	re = reason(&r, "family_name");
	ok(re != NULL && re->weight == w0, "without frequencies: the table's "
	    "average");

	/* An unknown query field is not held against anyone. */
	person(&q, "Tesfaye", "", "", 0, "", "");
	person(&c, "Tesfaye", "Yonas", "1990-05-03", 'M', "ERI", "P1234567");
	match_score(&q, &c, &r);
	for (i = 0; i < r.nreasons; i++)
		if (r.reasons[i].weight < 0)
			break;
	ok(i == r.nreasons && r.nreasons == 1,
	    "family name only: one reason, nothing negative");

	/* Documents. */
	person(&q, "Smith", "John", "1980-02-02", 'M', "GBR", "P1234567");
	person(&c, "Smyth", "Jon", "1980-02-02", 'M', "GBR", "P1234567");
	match_score(&q, &c, &r);
	show("document", &r);
	re = reason(&r, "document");
	ok(re != NULL && strcmp(re->how, "equal") == 0, "document equal");
	is_int(r.cls, MATCH_CERTAIN, "same document and names: certain");

	/* Sex. */
	person(&q, "Smith", "John", "1980-02-02", 'M', "", "");
	person(&c, "Smith", "John", "1980-02-02", 'F', "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "sex");
	ok(re != NULL && re->weight < 0, "different sex counts against");

	/* Parents. */
	person(&q, "Haile", "Tekle", "1970", 0, "", "");
	person(&c, "Haile", "Tekle", "1970", 0, "", "");
	match_name(m, "Gebre", &q.father);
	match_name(m, "Ghebre", &c.father);
	match_score(&q, &c, &r);
	re = reason(&r, "father_name");
	ok(re != NULL && re->weight > 0, "father's names agree (%s)",
	    re ? re->how : "none");

	/* Different persons sharing a common name are never certain. */
	person(&q, "Ahmed", "Mohammed", "1990", 'M', "SDN", "");
	person(&c, "Ahmad", "Mohamed", "1990-01-01", 'M', "SDN", "");
	match_score(&q, &c, &r);
	show("common name, same year", &r);
	ok(r.cls < MATCH_CERTAIN, "common name + same year: not certain");
	person(&q, "Ahmed", "Mohammed", "1985-03-12", 'M', "SDN", "P111");
	person(&c, "Ahmad", "Mohamed", "1985-03-12", 'M', "SDN", "P222");
	match_score(&q, &c, &r);
	show("common name, same date, other documents", &r);
	ok(r.cls < MATCH_CERTAIN,
	    "common name + same date + other documents: not certain");
	person(&q, "Ali", "Mohammed", "1990-05-05", 'M', "", "");
	person(&c, "Hassan", "Mohammed", "1975-02-11", 'M', "", "");
	match_score(&q, &c, &r);
	ok(r.cls <= MATCH_POSSIBLE, "shared given name only: possible at most");

	is_str(match_class_name(MATCH_CERTAIN), "certain", "class names");
	is_str(match_class_name(MATCH_NONE), "none", "class none");
	ok(r.score >= 0 && r.score <= 1, "score in 0..1");

	/* Blocking keys. */
	person(&q, "Hassan", "Mohammed", "1990-05-03", 0, "", "P1234567");
	nk = match_keys(&q, keys, MATCH_MAX_KEYS);
	for (i = 0; i < nk; i++)
		printf("# key %s\n", keys[i]);
	ok(nk > 0 && nk <= MATCH_MAX_KEYS, "%zu stored keys", nk);
	ok(has_key(keys, nk, "d:P1234567"), "document key");
	ok(has_key(keys, nk, "s:hsn") && has_key(keys, nk, "v:muhammad"),
	    "skeleton and variant keys");
	ok(has_key(keys, nk, "ys:mhmt:1990"), "skeleton + year key");
	ok(has_key(keys, nk, "n:shsn|smhmt"), "pair key (sorted)");
	nk = match_query_keys(&q, keys, MATCH_MAX_KEYS);
	ok(has_key(keys, nk, "ys:mhmt:1989") && has_key(keys, nk,
	    "ys:mhmt:1991"), "query keys cover the years around");
	ok(!has_key(keys, nk, "s:hsn"), "query with two names and a year: "
	    "no single-name keys");
	ok(has_key(keys, nk, "b:1990-03-05"), "query keys: day/month swapped");
	ok(has_key(keys, nk, "yd:hsn:0"), "query keys: name + last digit "
	    "of the year");
	person(&c, "nassaH", "Mohammed", "2000", 0, "", "");
	ok(share_key(&q, &c), "letters scrambled, a decade apart: a shared "
	    "key");

	person(&c, "\xd8\xad\xd8\xb3\xd9\x86", "\xd9\x85\xd8\xad\xd9\x85\xd8"
	    "\xaf", "1991", 0, "", "");			/* حسن محمد */
	ok(share_key(&q, &c), "Latin and Arabic spellings share a key");
	person(&c, "Mohamed", "Hasan", "", 0, "", "");
	ok(share_key(&q, &c), "swapped names without a date share a key");
	person(&c, "Smith", "John", "", 0, "", "P1234567");
	ok(share_key(&q, &c), "a document alone shares a key");
	person(&c, "Smith", "John", "1990", 0, "", "");
	ok(!share_key(&q, &c), "another person shares no key");

	/* Registers of very common names (issue 14): names alone, however
	 * many agree, are at most possible when they are common; a rare
	 * one, a full date or a document lifts the cap. */
	person(&q, "Xaaji", "Cabdiraxmaan", "1987", 'M', "SOM", "");
	person(&c, "Xaaji", "Cabdiraxmaan", "", 'M', "SOM", "");
	match_name(m, "Cali", &q.father);
	match_name(m, "Cali", &c.father);
	/* a register of prior_base persons: no prior, the cap alone */
	match_set_frequency(test_freq, NULL, 20000);
	freq_answer = 453;	/* 2^3.5 times the average name (40) */
	match_score(&q, &c, &r);
	show("common names only", &r);
	re = reason(&r, "names");
	ok(r.cls == MATCH_POSSIBLE && re != NULL &&
	    strcmp(re->how, "common_only") == 0 && re->weight < 0,
	    "common names only: capped at possible, and says so");
	freq_answer = 20;
	match_score(&q, &c, &r);
	show("the same names, rarer than average", &r);
	ok(r.cls >= MATCH_PROBABLE && reason(&r, "names") == NULL,
	    "the same names, rare: probable, no cap");
	freq_answer = 453;
	person(&c, "Xaaji", "Cabdiraxmaan", "", 'M', "SOM", "P7654321");
	snprintf(q.docs[0], sizeof(q.docs[0]), "P7654321");
	q.ndocs = 1;
	match_score(&q, &c, &r);
	ok(r.cls >= MATCH_PROBABLE && reason(&r, "names") == NULL,
	    "common names and the same document: no cap");
	/* Rare names, full dates years apart: namesakes, at most
	 * possible; the same document still makes them one person. */
	freq_answer = 1;
	person(&q, "Xaaji", "Cabdiraxmaan", "1987-03-14", 'M', "SOM", "");
	person(&c, "Xaaji", "Cabdiraxmaan", "1972-11-02", 'M', "SOM", "");
	match_score(&q, &c, &r);
	show("rare names, dates years apart", &r);
	re = NULL;
	for (i = 0; i < r.nreasons; i++)
		if (strcmp(r.reasons[i].how, "far_apart") == 0)
			re = &r.reasons[i];
	ok(r.cls == MATCH_POSSIBLE && re != NULL && re->weight < 0,
	    "rare names, full dates years apart: possible, and says so");
	person(&c, "Xaaji", "Cabdiraxmaan", "1987-03-14", 'M', "SOM", "");
	match_score(&q, &c, &r);
	ok(r.cls >= MATCH_PROBABLE, "the same with the same date: probable");
	/* A parent's name agreeing weighs by how common it is. */
	person(&q, "Tesfaye", "Yonas", "", 0, "", "");
	person(&c, "Tesfaye", "Yonas", "", 0, "", "");
	match_name(m, "Gebre", &q.father);
	match_name(m, "Gebre", &c.father);
	freq_answer = 100000;
	match_score(&q, &c, &r);
	re = reason(&r, "father_name");
	w0 = re != NULL ? re->weight : -1;
	freq_answer = 1;
	match_score(&q, &c, &r);
	re = reason(&r, "father_name");
	ok(w0 >= 0 && w0 < 0.01 && re != NULL && re->weight > 3.0,
	    "a very common father's name adds nothing (%.2f), a rare one "
	    "more than the table's 3 (%.2f)", w0, re ? re->weight : 0);
	match_set_frequency(NULL, NULL, 0);

	/* Spellings one skeleton does not bring together (issue 14: the
	 * known persons the skewed register's searches missed): Somali x
	 * (ḥ) and c (ʿayn), an Arabic article glued outside the
	 * dictionary, ʿayn unwritten before w; Diallo / Jallow. Each pair
	 * agrees on the name and shares a key, both ways. */
	{
		static const char *const pairs[][3] = {
			{ "Xasiib", "Hasib", "phonetic" },
			{ "Xadaax", "Hadah", "phonetic" },
			{ "Cabdiraxmaan", "Abdirahman", NULL },
			{ "Almadaj", "Al-Madaj", "phonetic" },
			{ "Alsadah", "\xd8\xa7\xd9\x84\xd8\xb3\xd8\xaf\xd8\xad",
			    "transliteration" },		/* السدح */
			{ "Awad", "\xd8\xb9\xd9\x88\xd8\xb6",
			    "transliteration" },		/* عوض */
			{ "Jallow", "Diallo", "variant" },
			/* w and v: Slavic в in German or Polish spelling,
			 * Persian و */
			{ "Iwan", "Ivan", NULL },
			{ "Pawel", "Pavel", NULL },
			{ "Jawad", "Javad", NULL },
			{ "Javad", "\xd8\xac\xd9\x88\xd8\xa7\xd8\xaf", NULL },
			    /* جواد */
			/* French and German spellings of Slavic ч and ш */
			{ "Schewtschenko", "Shevchenko", NULL },
			{ "Chevtchenko", "Shevchenko", NULL },
			{ "Schewtschenko", "\xd0\xa8\xd0\xb5\xd0\xb2\xd1\x87"
			    "\xd0\xb5\xd0\xbd\xd0\xba\xd0\xbe", NULL },
			    /* Шевченко */
			{ "Kowaltschuk", "Kovalchuk", NULL },
			/* a name's own ال, not the article */
			{ "Elham", "\xd8\xa7\xd9\x84\xd9\x87\xd8\xa7\xd9\x85",
			    "transliteration" },		/* الهام */
			{ "Ilyas", "\xd8\xa5\xd9\x84\xd9\x8a\xd8\xa7\xd8\xb3",
			    "transliteration" },		/* إلياس */
			/* a Pashto tribal name with and without -zai */
			{ "Popalzai", "Popal", NULL },
			{ "Barakzay", "Barak", NULL },
			{ "Popal", "\xd9\xbe\xd9\x88\xd9\xbe\xd9\x84\xd8\xb2"
			    "\xdb\x8c", NULL },		/* پوپلزی */
		};

		for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
			person(&q, pairs[i][0], "Rania", "2010-02-21", 0, "",
			    "");
			person(&c, pairs[i][1], "Rania", "2010-02-21", 0, "",
			    "");
			match_score(&q, &c, &r);
			re = reason(&r, "family_name");
			ok(re != NULL && re->score >= 0.7 && re->weight > 0 &&
			    (pairs[i][2] == NULL ||
			    strcmp(re->how, pairs[i][2]) == 0),
			    "%s ~ %s: the family names agree (%s)",
			    pairs[i][0], pairs[i][1], re ? re->how : "none");
			person(&q, pairs[i][0], "Rania", "2010", 0, "", "");
			person(&c, pairs[i][1], "Khadija", "2010-02-21", 0,
			    "", "");
			ok(share_key(&q, &c), "%s finds %s (a key shared, "
			    "the given names apart)", pairs[i][0],
			    pairs[i][1]);
			person(&q, pairs[i][1], "Rania", "2010", 0, "", "");
			person(&c, pairs[i][0], "Khadija", "2010-02-21", 0,
			    "", "");
			ok(share_key(&q, &c), "%s finds %s (a key shared, "
			    "the given names apart)", pairs[i][1],
			    pairs[i][0]);
		}
	}
	/* ... and does not make two names of one script agree where only
	 * the other script's ʿayn could explain it. */
	person(&q, "Awad", "Rania", "", 0, "", "");
	person(&c, "Wadi", "Rania", "", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "family_name");
	ok(re != NULL && strcmp(re->how, "different") == 0,
	    "Awad and Wadi stay two names (%s)", re ? re->how : "none");
	/* The short name typed alone (an agent's look-up) lists the
	 * tribal name: the stem's s: key is stored. */
	person(&q, "Popal", "", "", 0, "", "");
	person(&c, "Popalzai", "Habiba", "", 0, "", "");
	ok(share_key(&q, &c), "Popal typed alone finds Popalzai");
	ok(match_names_carried(&q, &c) == 1.0, "Popalzai carries Popal");
	/* -zai is dropped only after four letters, and never where the
	 * dictionary knows the two names apart. */
	person(&q, "Ahmadzai", "Rania", "", 0, "", "");
	person(&c, "Ahmad", "Rania", "", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "family_name");
	ok(re != NULL && strcmp(re->how, "phonetic") != 0,
	    "Ahmadzai and Ahmad: not one name by their -zai (%s)",
	    re ? re->how : "none");
	person(&q, "Razai", "Rania", "", 0, "", "");
	person(&c, "Ra", "Rania", "", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "family_name");
	ok(re != NULL && re->score < 0.7,
	    "Razai and Ra stay two names (%s)", re ? re->how : "none");
	person(&q, "Hassan", "Omar", "", 0, "", "");
	person(&c, "Xuseen", "Omar", "", 0, "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "family_name");
	ok(re != NULL && strcmp(re->how, "different") == 0,
	    "Hassan and Xuseen (Husayn) stay two names (%s)",
	    re ? re->how : "none");

	/* Look-ups: the share of the query's names a person carries, in
	 * any field. */
	person(&q, "Ali", "", "", 0, "", "");
	person(&c, "Al-Hassan", "Mohammed Ali", "1988", 0, "", "");
	ok(match_names_carried(&q, &c) == 1.0, "Ali is carried as a given "
	    "name");
	person(&q, "Wvbbcd", "Mohammed", "", 0, "", "");
	ok(match_names_carried(&q, &c) == 0.5, "one of two names carried");
	person(&q, "", "", "1988", 0, "", "P1");
	ok(match_names_carried(&q, &c) == 0.0, "no name asked: 0");
	ok(match_word_is_particle("Al") && match_word_is_particle("bin") &&
	    match_word_is_particle("ar-") && !match_word_is_particle("ar") &&
	    match_word_is_particle("\xd8\xa8\xd9\x86") &&	/* بن */
	    !match_word_is_particle("Ali") && !match_word_is_particle("Hassan"),
	    "particles as typed, in both scripts");
	person(&q, "Hassan", "Mohammed", "1990-05-03", 0, "", "");
	nk = match_lookup_keys(&q, keys, MATCH_MAX_KEYS);
	ok(has_key(keys, nk, "s:hsn") && has_key(keys, nk, "v:muhammad") &&
	    has_key(keys, nk, "ys:mhmt:1990"), "look-up keys: every name "
	    "part alone too, and the query keys");

	/* Closeness to what was typed (the search's tie-break between
	 * namesakes): the date as written, 1 January included, then the
	 * same month, the same year; then other fields that agree. */
	{
		static const struct {
			const char	*typed, *stored;
			double		 want;
		} dates[] = {
			{ "1988-01-01", "1988-01-01", 30 },	/* placeholder */
			{ "1988-01-01", "1988-07-03", 10 },
			{ "1988-01-01", "1988", 10 },
			{ "1975-03-14", "1975-03-14", 30 },
			{ "1975-03-14", "1975-03-02", 20 },
			{ "1975-03-14", "1975-03", 20 },
			{ "1975-03-14", "1975-09-14", 10 },
			{ "1975-03-14", "1975", 10 },
			{ "1975", "1975-09-14", 10 },
			{ "1975", "1975", 15 },		/* as recorded */
			{ "1975-03", "1975-03", 25 },
			{ "1975-03", "1975-03-14", 20 },
			{ "1975-03-14", "1976-03-14", 0 },
			{ "1975-03-14", "", 0 },
			{ "", "1975-03-14", 0 },
		};

		for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
			person(&q, "Warsame", "Hodan", dates[i].typed, 0, "", "");
			person(&c, "Warsame", "Hodan", dates[i].stored, 0, "",
			    "");
			match_score(&q, &c, &r);
			ok(match_closeness(&q, &c, &r) == dates[i].want,
			    "closeness of %s typed to %s stored: %.0f (want "
			    "%.0f)", dates[i].typed, dates[i].stored,
			    match_closeness(&q, &c, &r), dates[i].want);
		}
		person(&q, "Warsame", "Hodan", "1975", 'F', "SOM", "");
		person(&c, "Warsame", "Hodan", "1975-09-14", 'F', "SOM", "");
		match_score(&q, &c, &r);
		ok(match_closeness(&q, &c, &r) == 12, "same year, sex and "
		    "nationality: 12");
		person(&c, "Warsame", "Hodan", "1975-09-14", 'M', "ETH", "");
		match_score(&q, &c, &r);
		ok(match_closeness(&q, &c, &r) == 10, "fields that differ add "
		    "nothing");
	}
	/* The total orders what the score clamps alike: in a register of a
	 * million common names, "Wali Wali 1999" typed against a record
	 * without a family name (a fifth of Afghan records) given only Wali
	 * and against a Wali whose family name differs both show 0, but the
	 * family name that contradicts weighs against the second. (A record
	 * given "Wali Wali" reads its second part as the family name: below.) */
	{
		struct match_result r2;

		freq_answer = 40000;
		match_set_frequency(test_freq, NULL, 1000000);
		match_set_prior_scale(2.0);
		person(&q, "Wali", "Wali", "1999", 0, "", "");
		person(&c, "", "Wali", "1999-07-11", 0, "", "");
		match_score(&q, &c, &r);
		person(&c, "Rududzai", "Wali", "1999-09-02", 0, "", "");
		match_score(&q, &c, &r2);
		ok(r.score == 0 && r2.score == 0 && r.total > r2.total,
		    "scores clamped alike (%.2f, %.2f), totals apart (%.1f > "
		    "%.1f)", r.score, r2.score, r.total, r2.total);
		match_set_prior_scale(1.0);
		match_set_frequency(NULL, NULL, 0);
	}

	/*
	 * A person typed exactly as the register holds them, in a register
	 * of a million persons whose names are all among the commonest
	 * (each carried by 4 % of it: every name weighs the least, the
	 * parents' nothing, and a search's prior takes 11.3 bits): the
	 * names and the full birth date still make the pair at least
	 * possible, and probable when the father's name agrees too; a
	 * field that disagrees, a date that is not the same full date, or
	 * another spelling does not get the rise. [issue 14]
	 */
	{
		freq_answer = 40000;
		match_set_frequency(test_freq, NULL, 1000000);
		match_set_prior_scale(2.0);
		person(&q, "Hassan", "Mohammed", "1988-03-12", 'M', "", "");
		person(&c, "Hassan", "Mohammed", "1988-03-12", 'M', "", "");
		match_score(&q, &c, &r);
		show("exact, common names, 1M", &r);
		ok(r.cls == MATCH_POSSIBLE, "typed exactly, common names, "
		    "full date: possible (%s)", match_class_name(r.cls));
		re = reason(&r, "names");
		ok(re != NULL && strcmp(re->how, "exact") == 0 &&
		    re->weight > 0, "the rise is a reason of its own");
		match_name(m, "Ali", &q.father);
		match_name(m, "Ali", &c.father);
		match_score(&q, &c, &r);
		show("exact with the father's name", &r);
		ok(r.cls == MATCH_PROBABLE, "and the father's name: probable "
		    "(%s)", match_class_name(r.cls));
		re = reason(&r, "names");
		ok(re != NULL && strcmp(re->how, "exact_parents") == 0,
		    "reason exact_parents");
		match_name(m, "Omar", &c.father);
		match_score(&q, &c, &r);
		ok(r.cls == MATCH_NONE && reason(&r, "names") == NULL,
		    "the father's name differs: no rise (%s)",
		    match_class_name(r.cls));
		memset(&c.father, 0, sizeof(c.father));
		c.sex = 'F';
		match_score(&q, &c, &r);
		ok(r.cls == MATCH_NONE, "sex differs: no rise (%s)",
		    match_class_name(r.cls));
		person(&c, "Hassan", "Mohammed", "1988-03-13", 'M', "", "");
		match_score(&q, &c, &r);
		ok(r.cls == MATCH_NONE, "a day apart: no rise (%s)",
		    match_class_name(r.cls));
		person(&q, "Hassan", "Mohammed", "1988-01-01", 'M', "", "");
		person(&c, "Hassan", "Mohammed", "1988-01-01", 'M', "", "");
		match_score(&q, &c, &r);
		ok(r.cls == MATCH_NONE, "the 1 January placeholder is a year "
		    "only: no rise (%s)", match_class_name(r.cls));
		person(&q, "Hassan", "Mohamed", "1988-03-12", 'M', "", "");
		person(&c, "Hassan", "Mohammed", "1988-03-12", 'M', "", "");
		match_score(&q, &c, &r);
		ok(reason(&r, "names") == NULL, "another spelling: no rise");
		person(&q, "Hassan", "Mohammed Ali", "1988-03-12", 'M', "", "");
		person(&c, "Hassan", "Mohammed", "1988-03-12", 'M', "", "");
		match_score(&q, &c, &r);
		ok(reason(&r, "names") == NULL, "a name part more: no rise");
		/* across scripts, the same name is as exact as it gets */
		person(&q, "Hassan", "Mohammed", "1988-03-12", 'M', "", "");
		person(&c, "\xd8\xad\xd8\xb3\xd9\x86",
		    "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", "1988-03-12", 'M',
		    "", "");	/* حسن / محمد */
		match_score(&q, &c, &r);
		show("exact across scripts", &r);
		ok(r.cls >= MATCH_POSSIBLE, "the same names in Arabic script: "
		    "possible (%s)", match_class_name(r.cls));
		/* the duplicate pass's prior (1) leaves such a pair where it
		 * was: the rise only raises */
		match_set_prior_scale(1.0);
		person(&q, "Hassan", "Mohammed", "1988-03-12", 'M', "", "");
		person(&c, "Hassan", "Mohammed", "1988-03-12", 'M', "", "");
		match_score(&q, &c, &r);
		ok(reason(&r, "names") == NULL, "above the floor: no rise "
		    "(%.1f)", r.total);
		match_set_frequency(NULL, NULL, 0);
	}
	/*
	 * A record without a family name whose given names hold the
	 * query's given and family names ("Wali Wali": a fifth of Afghan
	 * records have no family name): the query's family name is read
	 * from the record's given names, and the other way round; not
	 * when the parts do not agree. [issue 14]
	 */
	{
		double before;

		freq_answer = 40000;
		match_set_frequency(test_freq, NULL, 1000000);
		match_set_prior_scale(2.0);
		person(&q, "Wali", "Wali", "1999", 0, "", "");
		person(&c, "", "Wali Wali", "1999-07-11", 0, "", "");
		match_score(&q, &c, &r);
		show("Wali / Wali against '' / Wali Wali", &r);
		re = reason(&r, "family_name");
		ok(re != NULL && re->weight > 0 && re->note != NULL &&
		    strcmp(re->note, "given_as_family") == 0,
		    "the family name read from the given names");
		before = r.total;
		person(&c, "Rududzai", "Wali", "1999-07-11", 0, "", "");
		match_score(&q, &c, &r);
		ok(before > r.total, "above a Wali of another family (%.1f > "
		    "%.1f)", before, r.total);
		person(&q, "", "Gul Ahmad", "1990-02-03", 0, "", "");
		person(&c, "Ahmad", "Gul", "1990-02-03", 0, "", "");
		match_score(&q, &c, &r);
		show("'' / Gul Ahmad against Ahmad / Gul", &r);
		re = reason(&r, "family_name");
		ok(re != NULL && re->note != NULL &&
		    strcmp(re->note, "given_as_family") == 0,
		    "the query without a family name too");
		person(&q, "Karimi", "Wali", "1999", 0, "", "");
		person(&c, "", "Wali Ahmad", "1999-07-11", 0, "", "");
		match_score(&q, &c, &r);
		re = reason(&r, "family_name");
		ok(re == NULL, "a family name the given names do not hold: "
		    "not read");
		match_set_prior_scale(1.0);
		match_set_frequency(NULL, NULL, 0);
	}

	/* One consonant in common ("r") is no agreement in one script
	 * (Arar / Rohai), unless one edit apart (Ola / Ula). */
	{
		struct name a, b;
		const char *how = "";
		double sim;

		match_name(m, "Arar", &a);
		match_name(m, "Rohai", &b);
		sim = match_token_sim(&a.t[0], &b.t[0], &how);
		ok(sim < 0.70, "Arar / Rohai: %s %.2f", how, sim);
		match_name(m, "Ola", &a);
		match_name(m, "Ula", &b);
		sim = match_token_sim(&a.t[0], &b.t[0], &how);
		ok(sim >= 0.70, "Ola / Ula: %s %.2f", how, sim);
	}

	/* Zahra as Persian writes it (زهرا, no hamza): one name. */
	person(&q, "Alavi", "Zahra", "2020-01-17", 'F', "", "");
	person(&c, "Alavi", "\xd8\xb2\xd9\x87\xd8\xb1\xd8\xa7", "2020-01-17",
	    'F', "", "");
	match_score(&q, &c, &r);
	re = reason(&r, "given_names");
	ok(re != NULL && strcmp(re->how, "transliteration") == 0,
	    "Zahra ~ \xd8\xb2\xd9\x87\xd8\xb1\xd8\xa7: transliteration (%s)",
	    re ? re->how : "none");

	/*
	 * A cap holds the pairs it caps at one total; raw keeps what they
	 * weighed before it, so a search can still put the record given
	 * Bilal before the one given Fatima Bilal for a query Bilal
	 * (common names only, no full date: both held to possible).
	 */
	{
		struct match_result r2;

		freq_answer = 1600;	/* 4 times the average name of 200,000 */
		match_set_frequency(test_freq, NULL, 200000);
		match_set_prior_scale(2.0);
		person(&q, "Ahmadzai", "Bilal", "2006", 0, "", "");
		person(&c, "Ahmadzai", "Bilal", "2006-10-10", 'M', "AFG", "");
		match_score(&q, &c, &r);
		show("Ahmadzai / Bilal 2006, capped", &r);
		person(&c, "Ahmadzai", "Fatima Bilal", "2006-05-07", 'F', "PAK",
		    "");
		match_score(&q, &c, &r2);
		show("Ahmadzai / Fatima Bilal, capped", &r2);
		ok(reason(&r, "names") != NULL && r.total == r2.total &&
		    r.raw > r2.raw, "held alike by the cap (%.1f, %.1f), raw "
		    "apart (%.1f > %.1f)", r.total, r2.total, r.raw, r2.raw);
		match_set_prior_scale(1.0);
		match_set_frequency(NULL, NULL, 0);
	}

	match_close(&m);
	return done_testing();
}

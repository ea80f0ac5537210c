/*
 * test_person.c: the person library's document numbers
 * (person_docno_normalise, modules/person/docno.c): the forms agents
 * type at the desk, imports carry and MRZs print must compare equal.
 * Hand-made cases, then the ICAO 9303 vectors of
 * $HAVRE_TESTDATA/mrz/mrz_cases.json: every valid TD1/TD2/TD3 case is
 * read by mrz_parse, and its document number, as the MRZ gives it and
 * as a desk would type it, must normalise to the documentNumber of the
 * independent parser (cheminfo/mrz) that produced the file. Skipped
 * when the vectors are absent. Then person_latin_says_more: when a
 * page shows a name's Latin form beside it.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mrz.h"
#include "mrz_testdata.h"
#include "person.h"
#include "tap.h"

/* Normalise in and compare with want. */
static void
docno_is(const char *in, const char *want, const char *what)
{
	char	out[PERSON_DOCNO_SIZE];

	person_docno_normalise(in, out);
	is_str(out, want, "%s", what);
}

/* The rules of person.h, one at a time. */
static void
hand_cases(void)
{
	char	 longer[200], out[PERSON_DOCNO_SIZE];

	docno_is("AB12345", "AB12345", "already normal");
	docno_is("ab 12-345", "AB12345", "desk: lower case, space, dash");
	docno_is("Ab.12345", "AB12345", "import: dot");
	docno_is("  ab/12 345\t", "AB12345", "slash, tab, outer spaces");
	docno_is("L898902C<3", "L898902C3", "MRZ filler dropped");
	docno_is("\xc3\x89" "123", "123", "non-ASCII bytes dropped");
	docno_is("", "", "empty");
	docno_is(NULL, "", "NULL gives empty");
	docno_is("- . /", "", "separators only");
	memset(longer, '7', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	person_docno_normalise(longer, out);
	is_int(strlen(out), PERSON_DOCNO_SIZE - 1, "capped at 64");
}

/* number as a desk types it: lower case, a space every 3 characters,
 * a dash after the first. */
static void
desk_form(const char *number, char *out, size_t outsz)
{
	size_t	i, n = 0;

	for (i = 0; number[i] != '\0' && n + 3 < outsz; i++) {
		if (i == 1)
			out[n++] = '-';
		else if (i > 0 && i % 3 == 0)
			out[n++] = ' ';
		out[n++] = (char)tolower((unsigned char)number[i]);
	}
	out[n] = '\0';
}

/* Check one valid case: what mrz_parse reads, and its desk form. */
static void
mrz_case(const char *fmt, const char *test, const struct buf *text,
    const char *want)
{
	struct mrz	 m;
	char		 desk[128], norm[PERSON_DOCNO_SIZE];

	if (!ok(mrz_parse(text->data, text->len, &m) == MRZ_OK,
	    "%s %s: parses", fmt, test))
		return;
	person_docno_normalise(m.number, norm);
	is_str(norm, want, "%s %s: MRZ number", fmt, test);
	desk_form(want, desk, sizeof(desk));
	person_docno_normalise(desk, norm);
	is_str(norm, want, "%s %s: typed \"%s\"", fmt, test, desk);
}

/* Every valid ICAO case of mrz_cases.json. */
static void
mrz_cases(const char *dir)
{
	char		 path[600], *s, *p, *obj, *end;
	char		 fmt[32], test[128], want[64];
	struct buf	 text = {0};
	int		 n = 0;

	snprintf(path, sizeof(path), "%s/mrz_cases.json", dir);
	if ((s = slurp(path)) == NULL) {
		ok(1, "# SKIP %s absent", path);
		return;
	}
	for (p = s; mrz_case_next(&p, &obj, &end) == 0;) {
		json_str(obj, end, "format", fmt, sizeof(fmt));
		json_str(obj, end, "test", test, sizeof(test));
		json_str(obj, end, "documentNumber", want, sizeof(want));
		if (!json_valid(obj, end) || !mrz_icao_format(fmt) ||
		    want[0] == '\0' || json_lines(obj, end, &text) == -1)
			continue;
		mrz_case(fmt, test, &text, want);
		n++;
	}
	ok(n >= 10, "%d valid ICAO cases read", n);
	buf_free(&text);
	free(s);
}

/* A Latin form is shown only where it tells the reader something. */
static void
latin_cases(void)
{
	ok(!person_latin_says_more("Al-Hassan", "al hassan"),
	    "a Latin name's own form, hyphen and case aside: not shown");
	ok(!person_latin_says_more("Mohammed Ali", "mohammed ali"),
	    "two given names lower-cased: not shown");
	ok(!person_latin_says_more("O'Neill", "oneill"),
	    "an apostrophe dropped: not shown");
	ok(person_latin_says_more("\xd0\xa8\xd0\xb5\xd0\xb2\xd1\x87\xd0\xb5"
	    "\xd0\xbd\xd0\xba\xd0\xbe", "shevchenko"),
	    "Cyrillic with its Latin form: shown");
	ok(person_latin_says_more("\xd8\xb9\xd9\x84\xd9\x8a", "ali"),
	    "Arabic with its Latin form: shown");
	ok(person_latin_says_more("\xc3\x89lodie", "elodie"),
	    "an accent folded away: shown");
	ok(person_latin_says_more("Ali", "ali hassan"),
	    "a Latin form longer than the name: shown");
	ok(!person_latin_says_more("", ""), "nothing: not shown");
}

int
main(void)
{
	char		 dir[512];

	mrz_testdata_dir(dir, sizeof(dir));
	hand_cases();
	mrz_cases(dir);
	latin_cases();
	return done_testing();
}

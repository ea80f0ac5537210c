/*
 * test_person.c: the person library's document numbers
 * (person_docno_normalise, modules/person/docno.c): the forms agents
 * type at the desk, imports carry and MRZs print must compare equal.
 * Hand-made cases, then the ICAO 9303 vectors of
 * $HAVRE_TESTDATA/mrz/mrz_cases.json: every valid TD1/TD2/TD3 case is
 * read by mrz_parse, and its document number, as the MRZ gives it and
 * as a desk would type it, must normalise to the documentNumber of the
 * independent parser (cheminfo/mrz) that produced the file. Skipped
 * when the vectors are absent.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mrz.h"
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

/* Read a whole file into a malloc'd NUL-terminated buffer, or NULL. */
static char *
slurp(const char *path)
{
	FILE	*f;
	char	*s = NULL;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (s = malloc((size_t)n + 1)) != NULL) {
		if (fread(s, 1, (size_t)n, f) != (size_t)n) {
			free(s);
			s = NULL;
		} else
			s[n] = '\0';
	}
	fclose(f);
	return s;
}

/* The string value of "key": "..." in [obj, end) into out ("" if none). */
static void
json_str(const char *obj, const char *end, const char *key, char *out,
    size_t outsz)
{
	char		 pat[64];
	const char	*q, *e;

	out[0] = '\0';
	snprintf(pat, sizeof(pat), "\"%s\": \"", key);
	if ((q = strstr(obj, pat)) == NULL || q >= end)
		return;
	q += strlen(pat);
	if ((e = strchr(q, '"')) != NULL && e < end)
		snprintf(out, outsz, "%.*s", (int)(e - q), q);
}

/* The MRZ lines of [obj, end), newline-separated, into text. */
static int
json_lines(const char *obj, const char *end, struct buf *text)
{
	const char	*q, *e;

	buf_reset(text);
	if ((q = strstr(obj, "\"lines\": [")) == NULL || q > end)
		return -1;
	for (q += 10; *q != ']' && q < end; q++) {
		if (*q != '"')
			continue;
		if ((e = strchr(q + 1, '"')) == NULL)
			return -1;
		buf_append(text, q + 1, (size_t)(e - q - 1));
		buf_puts(text, "\n");
		q = e;
	}
	return 0;
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
	char		 path[600], *s, *p, *obj, *end, *q;
	char		 fmt[32], test[128], want[64];
	struct buf	 text = {0};
	int		 n = 0;

	snprintf(path, sizeof(path), "%s/mrz_cases.json", dir);
	if ((s = slurp(path)) == NULL) {
		ok(1, "# SKIP %s absent", path);
		return;
	}
	for (p = s; (obj = strstr(p, "\"source_file\"")) != NULL; p = end) {
		if ((end = strstr(obj + 1, "\"source_file\"")) == NULL)
			end = obj + strlen(obj);
		json_str(obj, end, "format", fmt, sizeof(fmt));
		json_str(obj, end, "test", test, sizeof(test));
		json_str(obj, end, "documentNumber", want, sizeof(want));
		if ((q = strstr(obj, "\"valid\": true")) == NULL || q > end ||
		    (strcmp(fmt, "TD1") != 0 && strcmp(fmt, "TD2") != 0 &&
		    strcmp(fmt, "TD3") != 0) || want[0] == '\0' ||
		    json_lines(obj, end, &text) == -1)
			continue;
		mrz_case(fmt, test, &text, want);
		n++;
	}
	ok(n >= 10, "%d valid ICAO cases read", n);
	buf_free(&text);
	free(s);
}

int
main(void)
{
	const char	*data;
	char		 dir[512];

	data = getenv("HAVRE_TESTDATA");
	snprintf(dir, sizeof(dir), "%s/mrz", data != NULL && *data != '\0' ?
	    data : "/work/shared/testdata/external");
	hand_cases();
	mrz_cases(dir);
	return done_testing();
}

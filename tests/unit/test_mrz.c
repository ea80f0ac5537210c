/*
 * test_mrz.c: the MRZ parser (modules/person/mrz.c) against the ICAO
 * 9303 vectors in ../shared/testdata/external/mrz (check digits, and the
 * TD1/TD2/TD3 cases of cheminfo/mrz: valid ones must parse, invalid
 * ones must be refused), plus hand-made corruptions.
 * Vectors: $HAVRE_TESTDATA/mrz (see Makefile.am; skipped when
 * absent).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mrz.h"
#include "mrz_testdata.h"
#include "tap.h"

/* The check-digit vectors: input,check_digit,source. */
static void
check_digits(const char *dir)
{
	char	 path[600], *s, *line, *save, *comma;
	int	 first = 1;

	snprintf(path, sizeof(path), "%s/mrz_check_digits.csv", dir);
	if ((s = slurp(path)) == NULL) {
		ok(1, "# SKIP %s absent", path);
		return;
	}
	for (line = strtok_r(s, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (first) {
			first = 0;
			continue;
		}
		if ((comma = strchr(line, ',')) == NULL)
			continue;
		is_int(mrz_check_digit(line, (size_t)(comma - line)),
		    comma[1] - '0', "check digit of %.*s",
		    (int)(comma - line), line);
	}
	free(s);
}

/*
 * The cases: for each object, its "format", "valid" and "lines". A
 * small scanner: the file is the fixed JSON that SOURCES.md describes.
 */
static void
cases(const char *dir)
{
	char		 path[600], *s, *p, *obj, *end;
	char		 fmt[32], test[128];
	struct buf	 text = {0};
	struct mrz	 m;
	enum mrz_error	 err;
	int		 valid, n = 0;

	snprintf(path, sizeof(path), "%s/mrz_cases.json", dir);
	if ((s = slurp(path)) == NULL) {
		ok(1, "# SKIP %s absent", path);
		return;
	}
	for (p = s; mrz_case_next(&p, &obj, &end) == 0;) {
		json_str(obj, end, "test", test, sizeof(test));
		json_str(obj, end, "format", fmt, sizeof(fmt));
		valid = json_valid(obj, end);
		if (!mrz_icao_format(fmt) || json_lines(obj, end, &text) == -1)
			continue;
		err = mrz_parse(text.data, text.len, &m);
		if (valid)
			ok(err == MRZ_OK, "%s %s: valid (%s)", fmt, test,
			    mrz_error_name(err));
		else
			ok(err != MRZ_OK, "%s %s: refused (%s)", fmt, test,
			    mrz_error_name(err));
		n++;
	}
	ok(n >= 20, "%d ICAO cases read", n);
	buf_free(&text);
	free(s);
}

/* The ICAO 9303 part 4 specimen passport, and corruptions of it. */
static void
specimen(void)
{
	const char	*l1 = "P<DEUERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
	const char	*l2 = "L898902C36DEU7408122F1204159ZE184226B<<<<<10";
	char		 text[128];
	struct mrz	 m;

	snprintf(text, sizeof(text), "%s\n%s\n", l1, l2);
	is_int(mrz_parse(text, strlen(text), &m), MRZ_OK, "specimen parses");
	is_str(m.family, "ERIKSSON", "family name");
	is_str(m.given, "ANNA MARIA", "given names");
	is_str(m.number, "L898902C3", "document number");
	is_str(m.issuing, "DEU", "issuing state");
	is_str(m.birth, "740812", "birth date");
	ok(m.sex == 'F', "sex");
	is_int(m.format, MRZ_TD3, "TD3");
	/* One wrong check digit at a time. */
	snprintf(text, sizeof(text), "%s\n%s\n", l1,
	    "L898902C37DEU7408122F1204159ZE184226B<<<<<10");
	is_int(mrz_parse(text, strlen(text), &m), MRZ_ERR_DOC_CHECK,
	    "bad document check digit");
	snprintf(text, sizeof(text), "%s\n%s\n", l1,
	    "L898902C36DEU7408123F1204159ZE184226B<<<<<10");
	is_int(mrz_parse(text, strlen(text), &m), MRZ_ERR_BIRTH_CHECK,
	    "bad birth check digit");
	snprintf(text, sizeof(text), "%s\n%s\n", l1,
	    "L898902C36DEU7408122F1204159ZE184226B<<<<<11");
	is_int(mrz_parse(text, strlen(text), &m), MRZ_ERR_COMPOSITE_CHECK,
	    "bad composite check digit");
	snprintf(text, sizeof(text), "%s\n%s\n", l1,
	    "L898902C36DEU7402302F1204159ZE184226B<<<<<10");
	ok(mrz_parse(text, strlen(text), &m) != MRZ_OK, "30 February");
	snprintf(text, sizeof(text), "%s\n%s\n", l1,
	    "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
	is_int(mrz_parse(text, strlen(text), &m), MRZ_ERR_STATE,
	    "unknown nationality");
	ok(mrz_parse("P<", 2, &m) == MRZ_ERR_FORMAT, "too short");
	ok(mrz_parse("", 0, &m) == MRZ_ERR_FORMAT, "empty");
	ok(mrz_parse("P<DEU\xc3\xa9", 7, &m) == MRZ_ERR_CHARSET, "UTF-8");
	/* Lower case and CR LF are accepted. */
	snprintf(text, sizeof(text), "%s\r\n%s", "p<deueriksson<<anna<maria<<<<<<<<<<<<<<<<<<<",
	    "l898902c36deu7408122f1204159ze184226b<<<<<10");
	is_int(mrz_parse(text, strlen(text), &m), MRZ_OK, "lower case, CR LF");
}

int
main(void)
{
	char		 dir[512];

	mrz_testdata_dir(dir, sizeof(dir));
	check_digits(dir);
	cases(dir);
	specimen();
	return done_testing();
}

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
#include "tap.h"

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
	char		 path[600], *s, *p, *obj, *end, *q, *e;
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
	for (p = s; (obj = strstr(p, "\"source_file\"")) != NULL; p = end) {
		if ((end = strstr(obj + 1, "\"source_file\"")) == NULL)
			end = obj + strlen(obj);
		fmt[0] = test[0] = '\0';
		if ((q = strstr(obj, "\"test\": \"")) != NULL && q < end &&
		    (e = strchr(q + 9, '"')) != NULL)
			snprintf(test, sizeof(test), "%.*s", (int)(e - q - 9),
			    q + 9);
		if ((q = strstr(obj, "\"format\": \"")) != NULL && q < end &&
		    (e = strchr(q + 11, '"')) != NULL)
			snprintf(fmt, sizeof(fmt), "%.*s", (int)(e - q - 11),
			    q + 11);
		valid = (q = strstr(obj, "\"valid\": true")) != NULL && q < end;
		/* French national identity cards are not ICAO formats. */
		if (strcmp(fmt, "TD1") != 0 && strcmp(fmt, "TD2") != 0 &&
		    strcmp(fmt, "TD3") != 0)
			continue;
		buf_reset(&text);
		if ((q = strstr(obj, "\"lines\": [")) == NULL || q > end)
			continue;
		for (q += 10; *q != ']' && q < end; q++) {
			if (*q != '"')
				continue;
			e = strchr(q + 1, '"');
			buf_append(&text, q + 1, (size_t)(e - q - 1));
			buf_puts(&text, "\n");
			q = e;
		}
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
	const char	*data;
	char		 dir[512];

	/* The external test data folder, as for the other unit tests. */
	data = getenv("HAVRE_TESTDATA");
	snprintf(dir, sizeof(dir), "%s/mrz", data != NULL && *data != '\0' ?
	    data : "/work/shared/testdata/external");
	check_digits(dir);
	cases(dir);
	specimen();
	return done_testing();
}

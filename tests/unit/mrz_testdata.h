/*
 * mrz_testdata.h: reading the ICAO 9303 vectors of
 * $HAVRE_TESTDATA/mrz (test_mrz, test_person): the folder, a whole file
 * in memory, and the cases of mrz_cases.json (one object per case,
 * each starting with "source_file"), with their string members and
 * their MRZ lines. A reader for this one file's layout, not for JSON.
 */
#ifndef HAVRE_MRZ_TESTDATA_H
#define HAVRE_MRZ_TESTDATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* The vectors' folder into dir: $HAVRE_TESTDATA/mrz, else the
 * workplace's copy. */
static __attribute__((unused)) void
mrz_testdata_dir(char *dir, size_t dirsz)
{
	const char	*data = getenv("HAVRE_TESTDATA");

	snprintf(dir, dirsz, "%s/mrz", data != NULL && *data != '\0' ?
	    data : "/work/shared/testdata/external");
}

/* Read a whole file into a malloc'd NUL-terminated buffer, or NULL. */
static __attribute__((unused)) char *
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

/*
 * The next case of mrz_cases.json from *p: its object in [*obj, *end),
 * and *p moved past it. Returns 0, or -1 when there is none left.
 */
static __attribute__((unused)) int
mrz_case_next(char **p, char **obj, char **end)
{
	if ((*obj = strstr(*p, "\"source_file\"")) == NULL)
		return -1;
	if ((*end = strstr(*obj + 1, "\"source_file\"")) == NULL)
		*end = *obj + strlen(*obj);
	*p = *end;
	return 0;
}

/* The string value of "key": "..." in [obj, end) into out ("" if none). */
static __attribute__((unused)) void
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

/* Returns 1 if [obj, end) says "valid": true. */
static __attribute__((unused)) int
json_valid(const char *obj, const char *end)
{
	const char	*q = strstr(obj, "\"valid\": true");

	return q != NULL && q < end;
}

/* The MRZ lines of [obj, end), newline-separated, into text. Returns
 * 0, or -1 if the case has none. */
static __attribute__((unused)) int
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

/* Returns 1 if fmt is an ICAO format (the file also holds French
 * national identity cards, which are not). */
static __attribute__((unused)) int
mrz_icao_format(const char *fmt)
{
	return strcmp(fmt, "TD1") == 0 || strcmp(fmt, "TD2") == 0 ||
	    strcmp(fmt, "TD3") == 0;
}

#endif

/*
 * match_testdata.h: helpers for the modules/match tests and benchmark:
 * where the external test vectors are ($HAVRE_TESTDATA, default
 * /work/shared/testdata/external), a small in-place CSV splitter that
 * knows double quotes, and opening the matcher on the source tree's
 * dictionary ($HAVRE_SRCDIR/modules/match/data).
 */
#ifndef HAVRE_MATCH_TESTDATA_H
#define HAVRE_MATCH_TESTDATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"

#define TESTDATA_DEFAULT	"/work/shared/testdata/external"

/* Open $HAVRE_TESTDATA/rel for reading; NULL if absent. */
static __attribute__((unused)) FILE *
testdata_open(const char *rel)
{
	const char *dir = getenv("HAVRE_TESTDATA");
	char path[1024];

	if (dir == NULL || dir[0] == '\0')
		dir = TESTDATA_DEFAULT;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, rel) >=
	    sizeof(path))
		return NULL;
	return fopen(path, "r");
}

/* The test data folder, for messages. */
static __attribute__((unused)) const char *
testdata_dir(void)
{
	const char *dir = getenv("HAVRE_TESTDATA");

	return dir != NULL && dir[0] != '\0' ? dir : TESTDATA_DEFAULT;
}

/*
 * Split one CSV line in place into at most max fields (quotes removed,
 * "" inside quotes is one "). The trailing newline is dropped. Returns
 * the number of fields.
 */
static __attribute__((unused)) int
csv_split(char *line, char **f, int max)
{
	char *r = line, *w = line;
	int n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	if (max <= 0)
		return 0;
	f[n++] = w;
	while (*r != '\0') {
		if (*r == '"') {
			r++;
			while (*r != '\0') {
				if (r[0] == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (r[0] == '"') {
					r++;
					break;
				} else
					*w++ = *r++;
			}
			continue;
		}
		if (*r == ',') {
			*w++ = '\0';
			r++;
			if (n == max)
				break;
			f[n++] = w;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return n;
}

/*
 * One line of netransliteration-wikidata, parsed in place: the Arabic
 * clusters CSV (is_clusters: native,n,total,"latin:count|...") or
 * wd_russian_20 ("latin<TAB>native letters spaced<TAB>count"). Writes
 * the native spelling (spaces removed) and up to 64 Latin spellings
 * with their counts. Returns how many Latin spellings, 0 to skip the
 * line.
 */
static __attribute__((unused)) size_t
translit_line(char *line, int is_clusters, char native[256], char *lat[64],
    long counts[64])
{
	size_t	nl = 0, w = 0;

	if (is_clusters) {
		char *fl[4], *save = NULL, *v;

		if (csv_split(line, fl, 4) < 4)
			return 0;
		snprintf(native, 256, "%s", fl[0]);
		for (v = strtok_r(fl[3], "|", &save); v != NULL && nl < 64;
		    v = strtok_r(NULL, "|", &save)) {
			char *c = strrchr(v, ':');

			if (c == NULL)
				continue;
			*c = '\0';
			counts[nl] = strtol(c + 1, NULL, 10);
			lat[nl++] = v;
		}
	} else {
		char *t1 = strchr(line, '\t'), *t2, *p;

		if (t1 == NULL || (t2 = strchr(t1 + 1, '\t')) == NULL)
			return 0;
		*t1 = *t2 = '\0';
		for (p = t1 + 1; *p != '\0' && w + 1 < 256; p++)
			if (*p != ' ')
				native[w++] = *p;
		native[w] = '\0';
		counts[0] = strtol(t2 + 1, NULL, 10);
		lat[nl++] = line;
	}
	return nl;
}

/* Open the matcher on the source tree's dictionary. */
static __attribute__((unused)) struct match_ctx *
test_match_open(void)
{
	const char *src = getenv("HAVRE_SRCDIR");
	char dir[1024];

	if (src == NULL || src[0] == '\0')
		src = "..";
	snprintf(dir, sizeof(dir), "%s/modules/match/data", src);
	return match_open(dir);
}

#endif

/*
 * fuzz_route.c: libFuzzer target for routing: the raw path goes through
 * http_normalise_path() then route_match() against patterns shaped like
 * the programs' route tables (typed {name:int}, {name:token},
 * {name:str} segments). Invariants of a match: at most
 * ROUTE_MAX_PARAMS parameters, each named as in the pattern; an int is
 * a canonical positive integer, a token only [A-Za-z0-9_-] (1..64
 * bytes), a str one segment (no "/", at most 256 bytes); the pattern
 * with its parameters substituted gives the path back. Nothing leaks on
 * a failed match. Links libhavre (route.c with its dependencies).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const patterns[] = {
	"/",
	"/identity/persons/{id:int}",
	"/identity/persons/{id:int}/documents/{doc:int}/file",
	"/book/manage/{ref:token}/day",
	"/board/{site:int}",
	"/x/{a:str}/{b:token}/{c:int}/{d:str}",
	"/x/{a:str}/{b:token}/{c:int}/{d:str}/{e:int}",
	"/audit/{what:token}",
};

/* Abort unless value fits the type named in the pattern's segment. */
static void
value_check(const char *type, const char *v)
{
	size_t	n = strlen(v);

	if (strncmp(type, "int}", 4) == 0) {
		if (n == 0 || n > 16 || v[0] == '0' ||
		    strspn(v, "0123456789") != n)
			abort();
	} else if (strncmp(type, "token}", 6) == 0) {
		if (n == 0 || n > 64 || strspn(v, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != n)
			abort();
	} else if (strncmp(type, "str}", 4) == 0) {
		if (n == 0 || n > 256 || strchr(v, '/') != NULL)
			abort();
	} else
		abort();
}

/*
 * Rebuild the path from pattern and the captured values (checking each
 * name and value) into out. Aborts on a mismatch.
 */
static void
rebuild(const char *pattern, char **names, char **values, size_t n,
    char *out, size_t outsz)
{
	const char	*p = pattern, *close, *colon;
	size_t		 k = 0, o = 0, len;

	while (*p != '\0') {
		if (*p != '{') {
			if (o + 1 >= outsz)
				abort();
			out[o++] = *p++;
			continue;
		}
		close = strchr(p, '}');
		colon = strchr(p, ':');
		if (close == NULL || colon == NULL || k >= n)
			abort();
		len = (size_t)(colon - p - 1);
		if (strlen(names[k]) != len || strncmp(names[k], p + 1, len))
			abort();
		value_check(colon + 1, values[k]);
		len = strlen(values[k]);
		if (o + len >= outsz)
			abort();
		memcpy(out + o, values[k], len);
		o += len;
		k++;
		p = close + 1;
	}
	if (k != n)
		abort();
	out[o] = '\0';
}

/* Normalise, match every pattern, check the invariants. Returns 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*raw, *path, *names[ROUTE_MAX_PARAMS], *values[ROUTE_MAX_PARAMS];
	char	 back[8192];
	size_t	 i, n, k;

	if (size > 4096 || (raw = malloc(size + 1)) == NULL)
		return 0;
	memcpy(raw, data, size);
	raw[size] = '\0';
	if ((path = http_normalise_path(raw, strlen(raw))) != NULL) {
		for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
			if (!route_match(patterns[i], path, names, values, &n))
				continue;
			if (n > ROUTE_MAX_PARAMS)
				abort();
			rebuild(patterns[i], names, values, n, back,
			    sizeof(back));
			if (strcmp(back, path) != 0)
				abort();
			for (k = 0; k < n; k++) {
				free(names[k]);
				free(values[k]);
			}
		}
		free(path);
	}
	free(raw);
	return 0;
}

/*
 * test_route.c: route pattern matching with typed parameters; the
 * status dispatch answers for a handler's return.
 */
#include "config.h"

#include <stdlib.h>

#include "app.h"
#include "tap.h"

/* Match and return the number of params (-1 when no match); copies the
 * first value into first (if any). */
static int
try(const char *pattern, const char *path, char *first, size_t firstsz)
{
	char	*names[ROUTE_MAX_PARAMS], *values[ROUTE_MAX_PARAMS];
	size_t	 n, i;

	if (!route_match(pattern, path, names, values, &n))
		return -1;
	if (first != NULL)
		snprintf(first, firstsz, "%s", n ? values[0] : "");
	for (i = 0; i < n; i++) {
		free(names[i]);
		free(values[i]);
	}
	return (int)n;
}

int
main(void)
{
	char	v[300];

	is_int(try("/", "/", NULL, 0), 0, "root matches root");
	is_int(try("/", "/x", NULL, 0), -1, "root does not match /x");
	is_int(try("/healthz", "/healthz", NULL, 0), 0, "literal path");
	is_int(try("/healthz", "/healthz/x", NULL, 0), -1,
	    "literal path does not match a longer one");
	is_int(try("/a/b", "/a", NULL, 0), -1, "shorter path does not match");
	is_int(try("/p/{id:int}", "/p/42", v, sizeof(v)), 1, "int parameter");
	is_str(v, "42", "int value captured");
	is_int(try("/p/{id:int}", "/p/0", NULL, 0), -1, "int 0 refused");
	is_int(try("/p/{id:int}", "/p/042", NULL, 0), -1,
	    "leading zero refused");
	is_int(try("/p/{id:int}", "/p/-1", NULL, 0), -1, "sign refused");
	is_int(try("/p/{id:int}", "/p/9007199254740991", NULL, 0), 1,
	    "2^53 - 1 (DB_ID_MAX, the largest id a JSON number holds) accepted");
	is_int(try("/p/{id:int}", "/p/9007199254740992", NULL, 0), -1,
	    "2^53 refused");
	is_int(try("/p/{id:int}", "/p/12345678901234567", NULL, 0), -1,
	    "17 digits refused");
	is_int(try("/p/{id:int}", "/p/1x", NULL, 0), -1, "trailing junk refused");
	is_int(try("/b/{ref:token}", "/b/AB-12_x", v, sizeof(v)), 1,
	    "token parameter");
	is_str(v, "AB-12_x", "token captured");
	is_int(try("/b/{ref:token}", "/b/a.b", NULL, 0), -1,
	    "dot not in a token");
	is_int(try("/b/{ref:token}",
	    "/b/0123456789012345678901234567890123456789012345678901234567890123",
	    NULL, 0), 1, "64-char token accepted");
	is_int(try("/b/{ref:token}",
	    "/b/01234567890123456789012345678901234567890123456789012345678901234",
	    NULL, 0), -1, "65-char token refused");
	is_int(try("/n/{name:str}/edit", "/n/محمد/edit", v, sizeof(v)), 1,
	    "str parameter with UTF-8 and a literal after it");
	is_str(v, "محمد", "str captured");
	is_int(try("/x/{a:int}/y/{b:int}", "/x/1/y/2", NULL, 0), 2,
	    "two parameters");
	is_int(try("/x/{a:int}/y/{b:int}", "/x/1/z/2", NULL, 0), -1,
	    "literal between parameters must match");
	is_int(try("/x/{a:bogus}", "/x/1", NULL, 0), -1, "unknown type never matches");
	is_int(try("/x/{a:int}", "/x/", NULL, 0), -1, "empty segment refused");
	is_int(dispatch_status(0), 500,
	    "a handler's status 0 is answered as 500 (not sent as is: 502)");
	is_int(dispatch_status(-1), 500, "a negative status is 500");
	is_int(dispatch_status(99), 500, "99 is no HTTP status: 500");
	is_int(dispatch_status(600), 500, "600 is no HTTP status: 500");
	is_int(dispatch_status(200), 200, "200 kept");
	is_int(dispatch_status(404), 404, "404 kept");
	is_int(dispatch_status(503), 503, "503 kept");
	return done_testing();
}

/*
 * fuzz_urlencoded.c: libFuzzer target for http_parse_urlencoded(): the
 * input is a request body or query string. Every parsed pair must be
 * NUL-terminated at valsz, and the list must free cleanly.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Parse data, check invariants (abort on violation), free. Returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist	 l;
	enum http_parse	 rc;
	size_t		 i;

	memset(&l, 0, sizeof(l));
	rc = http_parse_urlencoded(&l, (const char *)data, size);
	if (rc == HTTP_PARSE_OK && l.n > HTTP_MAX_PAIRS)
		abort();
	for (i = 0; i < l.n; i++) {
		if (l.v[i].name[0] == '\0' ||
		    l.v[i].value[l.v[i].valsz] != '\0' ||
		    strlen(l.v[i].value) != l.v[i].valsz)
			abort();
		if (kv_get(&l, l.v[i].name) == NULL)
			abort();
	}
	kv_free(&l);
	return 0;
}

/*
 * fuzz_cookies.c: libFuzzer target for http_parse_cookies(): the input
 * is a Cookie header value (cut at its first NUL, as FastCGI params
 * are C strings). Names are never empty and carry no ';'.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Copy data to a C string, parse it, check invariants, free. Returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist	 l;
	char		*hdr;
	size_t		 i;

	if ((hdr = malloc(size + 1)) == NULL)
		return 0;
	memcpy(hdr, data, size);
	hdr[size] = '\0';
	memset(&l, 0, sizeof(l));
	if (http_parse_cookies(&l, hdr) == HTTP_PARSE_OK &&
	    l.n > HTTP_MAX_PAIRS)
		abort();
	for (i = 0; i < l.n; i++)
		if (l.v[i].name[0] == '\0' || strchr(l.v[i].name, ';') ||
		    strchr(l.v[i].value, ';') ||
		    strlen(l.v[i].value) != l.v[i].valsz)
			abort();
	kv_free(&l);
	free(hdr);
	return 0;
}

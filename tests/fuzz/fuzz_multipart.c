/*
 * fuzz_multipart.c: libFuzzer target for http_parse_multipart(). The
 * first line of the input (up to '\n') is the Content-Type value, the
 * rest is the body. Every part must have a non-empty name and a value
 * lying inside the body, NUL-terminated at valsz.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Split data into content type and body, parse, check, free.
 * Returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist	 l;
	const uint8_t	*nl;
	char		*ctype;
	size_t		 ctsz, i;

	if ((nl = memchr(data, '\n', size)) == NULL)
		return 0;
	ctsz = (size_t)(nl - data);
	if ((ctype = malloc(ctsz + 1)) == NULL)
		return 0;
	memcpy(ctype, data, ctsz);
	ctype[ctsz] = '\0';
	memset(&l, 0, sizeof(l));
	if (http_parse_multipart(&l, ctype, (const char *)nl + 1,
	    size - ctsz - 1) == HTTP_PARSE_OK && l.n > HTTP_MAX_PAIRS)
		abort();
	for (i = 0; i < l.n; i++)
		if (l.v[i].name[0] == '\0' || l.v[i].valsz > size ||
		    l.v[i].value[l.v[i].valsz] != '\0')
			abort();
	kv_free(&l);
	free(ctype);
	return 0;
}

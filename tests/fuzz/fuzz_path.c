/*
 * fuzz_path.c: libFuzzer target for http_normalise_path(), the decoding
 * and normalisation of REQUEST_URI's path that routing trusts (cut at the
 * first NUL, as FastCGI params are C strings). An accepted path starts
 * with "/", has no empty, "." or ".." segment, no control byte, is no
 * longer than its input, and normalises to itself when it holds no "%"
 * (a decoded "%25" would be decoded again).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless path p has no empty, "." or ".." segment. */
static void
segments_check(const char *p)
{
	const char	*seg, *slash;
	size_t		 n;

	for (seg = p + 1; ; seg = slash + 1) {
		slash = strchr(seg, '/');
		n = slash ? (size_t)(slash - seg) : strlen(seg);
		/* "/" alone is the one path with an empty segment */
		if (n == 0 && !(seg == p + 1 && slash == NULL))
			abort();
		if ((n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			abort();
		if (slash == NULL)
			break;
	}
}

/*
 * Copy data to a C string, normalise it, check the invariants, free.
 * Returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*raw, *p, *again;
	const char	*c;
	size_t		 len;

	if ((raw = malloc(size + 1)) == NULL)
		return 0;
	memcpy(raw, data, size);
	raw[size] = '\0';
	len = strlen(raw);
	if ((p = http_normalise_path(raw, len)) != NULL) {
		if (p[0] != '/' || strlen(p) > (len > 0 ? len : 1))
			abort();
		for (c = p; *c != '\0'; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				abort();
		segments_check(p);
		if (strchr(p, '%') == NULL) {
			if ((again = http_normalise_path(p, strlen(p))) == NULL ||
			    strcmp(again, p) != 0)
				abort();
			free(again);
		}
		free(p);
	}
	free(raw);
	return 0;
}

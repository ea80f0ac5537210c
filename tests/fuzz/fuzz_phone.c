/*
 * fuzz_phone.c: libFuzzer target for valid_phone() and valid_email(),
 * the contact fields of the public booking form, the call centre and the
 * partner API. Input: a first line (up to "\n") taken as the default
 * country code, the rest as the typed text (cut at its first NUL). An
 * accepted phone is "+" and 8..15 digits, not starting with 0, and is
 * accepted again as itself without a default country code; an accepted
 * e-mail address has one "@" and at most 254 bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "valid.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless out is "+" then 8..15 digits, the first not 0. */
static void
e164_check(const char *out)
{
	size_t	n;

	if (out[0] != '+' || out[1] < '1' || out[1] > '9')
		abort();
	n = strspn(out + 1, "0123456789");
	if (out[1 + n] != '\0' || n < 8 || n > 15)
		abort();
}

/* Split, validate, check the invariants. Returns 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*buf, *text, *nl, out[17], again[17];
	const char	*cc = NULL;

	if ((buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	text = buf;
	if ((nl = memchr(buf, '\n', size)) != NULL) {
		*nl = '\0';
		cc = buf[0] != '\0' ? buf : NULL;
		text = nl + 1;
	}
	if (valid_phone(text, cc, out)) {
		e164_check(out);
		if (!valid_phone(out, NULL, again) || strcmp(out, again) != 0)
			abort();
	}
	if (valid_email(text) &&
	    (strlen(text) > 254 || strchr(text, '@') != strrchr(text, '@')))
		abort();
	free(buf);
	return 0;
}

/*
 * fuzz_mrz.c: libFuzzer target for the MRZ parser (modules/common/mrz.c).
 * Any bytes: no crash, no read out of bounds, and every string field
 * NUL-terminated with only MRZ letters, digits and spaces in it; an
 * accepted MRZ has a known format and sex.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mrz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless s (size bytes) is NUL-terminated and holds only A-Z,
 * 0-9 and spaces. */
static void
field_check(const char *s, size_t size)
{
	size_t	i;

	if (memchr(s, '\0', size) == NULL)
		abort();
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == ' '))
			abort();
}

/*
 * Parse data as an MRZ and check the invariants (abort on violation).
 * Returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mrz	m;
	enum mrz_error	e;

	e = mrz_parse((const char *)data, size, &m);
	field_check(m.doc_code, sizeof(m.doc_code));
	field_check(m.issuing, sizeof(m.issuing));
	field_check(m.family, sizeof(m.family));
	field_check(m.given, sizeof(m.given));
	field_check(m.number, sizeof(m.number));
	field_check(m.nationality, sizeof(m.nationality));
	field_check(m.optional, sizeof(m.optional));
	if (e == MRZ_OK && (m.format == MRZ_NONE || (m.sex != 'M' &&
	    m.sex != 'F' && m.sex != 'X') || strlen(m.birth) != 6))
		abort();
	(void)mrz_check_digit((const char *)data, size);
	return 0;
}

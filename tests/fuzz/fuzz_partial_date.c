/*
 * fuzz_partial_date.c: libFuzzer target for the date and time
 * validators. An accepted partial date must format back to the same
 * canonical form it parses from, and an accepted full date must be an
 * accepted partial date of day precision.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "valid.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Returns 1 when s holds only ASCII bytes. */
static int
ascii_only(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s > 0x7f)
			return 0;
	return 1;
}

/*
 * Run the validators on data as a C string and check round trips
 * (abort on violation). Returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pdate	 p, q;
	char		*s, out[11];
	int		 sec;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (valid_partial_date(s, &p)) {
		if (p.year < 1850 || p.year > 2200 || p.month < 0 ||
		    p.month > 12 || p.day < 0 || p.day > 31 ||
		    (p.month == 0 && p.day != 0))
			abort();
		pdate_format(&p, out);
		if (!valid_partial_date(out, &q) || memcmp(&p, &q,
		    sizeof(p)) != 0)
			abort();
		/* ASCII only: Arabic-Indic and Persian digits (two bytes
		 * each) are folded, so "1\u0669\u0669\u0669-00" is 10 bytes
		 * and not the canonical "1999-00-00" */
		if (strlen(s) == 10 && ascii_only(s) && strcmp(s, out) != 0)
			abort();
	}
	if (valid_date(s, &p) && (!valid_partial_date(s, &q) ||
	    q.precision != DATE_DAY))
		abort();
	if (valid_time(s, &sec) && (sec < 0 || sec >= 86400))
		abort();
	free(s);
	return 0;
}

/*
 * fuzz_csv.c: libFuzzer target for the import's CSV reader
 * (modules/admin/csv.c). Any bytes: no crash, no read out of bounds;
 * every record has 1..CSV_MAX_FIELDS NUL-terminated fields of the
 * stated lengths, line numbers never go backwards, and the reader
 * always moves forward to the end.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../modules/admin/csv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Read every record of data and check the invariants (abort on
 * violation). Returns 0.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader	c;
	struct csv_record	rec;
	size_t			i, last_line = 0, last_pos = 0, rounds = 0;
	int			rc;

	csv_open(&c, (const char *)data, size);
	while ((rc = csv_next(&c, &rec)) != 0) {
		if (rec.line < last_line || c.pos > size ||
		    (c.pos <= last_pos && rounds > 0 && rc == 1))
			abort();
		last_line = rec.line;
		last_pos = c.pos;
		if (++rounds > size + 2)
			abort();
		if (rc == -1) {
			if (rec.error == NULL)
				abort();
			if (c.pos >= size)
				break;
			continue;
		}
		if (rec.n == 0 || rec.n > CSV_MAX_FIELDS)
			abort();
		for (i = 0; i < rec.n; i++)
			if (rec.f[i] == NULL || rec.f[i][rec.len[i]] != '\0')
				abort();
	}
	csv_close(&c);
	return 0;
}

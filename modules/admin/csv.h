/*
 * csv.h: an RFC 4180 CSV reader over a buffer in memory (the import's
 * file, mapped). Fields separated by commas, records by CRLF or LF;
 * quoted fields may hold commas, newlines and doubled quotes. A
 * malformed record is reported and skipped, so that the caller can
 * name its line and go on. Untrusted input: fuzzed
 * (tests/fuzz/fuzz_csv.c).
 */
#ifndef HAVRE_CSV_H
#define HAVRE_CSV_H

#include <stddef.h>

#include "buf.h"

#define CSV_MAX_FIELDS	64

struct csv_reader {
	const char	*data;
	size_t		 len;
	size_t		 pos;		/* next byte to read */
	size_t		 line;		/* line number of data[pos] (1-based) */
	struct buf	 scratch;	/* the current record's fields */
};

struct csv_record {
	const char	*f[CSV_MAX_FIELDS];	/* NUL-terminated, into scratch */
	size_t		 len[CSV_MAX_FIELDS];	/* bytes (a field may hold NUL) */
	size_t		 n;			/* fields read (<= CSV_MAX_FIELDS) */
	size_t		 line;			/* line where the record starts */
	int		 too_many;		/* more than CSV_MAX_FIELDS fields */
	const char	*error;			/* why a record is malformed */
};

/* Start reading len bytes at data (kept by reference). */
void	 csv_open(struct csv_reader *, const char *data, size_t len);
/* Free the reader's scratch space. */
void	 csv_close(struct csv_reader *);
/*
 * Read the next record into rec (valid until the next call). Returns
 * 1 for a record, 0 at the end of the data, -1 for a malformed record
 * (rec->line and rec->error say where and why; the reader has skipped
 * to the next line). A blank line is not a record.
 */
int	 csv_next(struct csv_reader *, struct csv_record *);

#endif

/*
 * csvw.h: the one CSV writer of every export (RFC 4180: fields
 * separated by commas, records ended by CRLF, a field quoted when it
 * holds a comma, a quote or a line end, quotes doubled).
 *
 * Exports are opened in spreadsheets, so a cell must never start a
 * formula (OWASP "CSV Injection"): a field starting with =, +, -, @, a
 * tab or a carriage return (or their full-width forms, which some
 * spreadsheets fold) is written as text, a ' before it and the whole
 * field quoted, so that no separator inside it can end the guarded cell
 * early. Plain numbers ("-12", "+3") are left as numbers.
 */
#ifndef HAVRE_CSVW_H
#define HAVRE_CSVW_H

#include "buf.h"

/* Append field v (NULL as empty) to b, preceded by a comma unless it is
 * the record's first. Returns 0, or -1 when memory runs out. */
int	 csvw_field(struct buf *, const char *v, int first);
/* End the record. Returns 0 or -1. */
int	 csvw_end(struct buf *);

#endif

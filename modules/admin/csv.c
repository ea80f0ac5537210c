/*
 * csv.c: the RFC 4180 reader of csv.h. One pass over the bytes; each
 * field's bytes are copied into the reader's scratch buffer with a NUL
 * after each, and the record's pointers are set once the record is
 * complete (the buffer may move while it grows).
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "csv.h"

/* See csv.h. */
void
csv_open(struct csv_reader *c, const char *data, size_t len)
{
	memset(c, 0, sizeof(*c));
	c->data = data;
	c->len = len;
	c->line = 1;
}

/* See csv.h. */
void
csv_close(struct csv_reader *c)
{
	buf_free(&c->scratch);
}

/* Skip to just after the end of the current line (LF). */
static void
skip_line(struct csv_reader *c)
{
	while (c->pos < c->len && c->data[c->pos] != '\n')
		c->pos++;
	if (c->pos < c->len) {
		c->pos++;
		c->line++;
	}
}

/* End the current field: remember its start and length. Returns 1,
 * or 0 if there are too many fields or no memory. */
static int
field_end(struct csv_reader *c, struct csv_record *rec, size_t start,
    size_t offs[CSV_MAX_FIELDS])
{
	if (rec->n >= CSV_MAX_FIELDS) {
		rec->too_many = 1;
		return 0;
	}
	offs[rec->n] = start;
	rec->len[rec->n] = c->scratch.len - start;
	rec->n++;
	return buf_append(&c->scratch, "", 1) == 0;
}

/* See csv.h. */
int
csv_next(struct csv_reader *c, struct csv_record *rec)
{
	size_t	 offs[CSV_MAX_FIELDS], start, i;
	int	 quoted;
	char	 ch;

	memset(rec, 0, sizeof(*rec));
	/* Blank lines (LF or CRLF) are not records. */
	while (c->pos < c->len && (c->data[c->pos] == '\n' ||
	    (c->data[c->pos] == '\r' && c->pos + 1 < c->len &&
	    c->data[c->pos + 1] == '\n'))) {
		c->pos += c->data[c->pos] == '\r' ? 2 : 1;
		c->line++;
	}
	if (c->pos >= c->len)
		return 0;
	rec->line = c->line;
	buf_reset(&c->scratch);
	for (;;) {
		/* One field. */
		start = c->scratch.len;
		quoted = 0;
		if (c->pos < c->len && c->data[c->pos] == '"') {
			quoted = 1;
			c->pos++;
		}
		for (;;) {
			if (c->pos >= c->len) {
				if (quoted) {
					rec->error = "a quoted field is not closed";
					return -1;
				}
				break;
			}
			ch = c->data[c->pos];
			if (quoted) {
				if (ch == '"') {
					if (c->pos + 1 < c->len &&
					    c->data[c->pos + 1] == '"') {
						buf_append(&c->scratch, "\"", 1);
						c->pos += 2;
						continue;
					}
					c->pos++;
					quoted = 0;
					/* Only a separator or the end may
					 * follow a closing quote. */
					if (c->pos < c->len &&
					    c->data[c->pos] != ',' &&
					    c->data[c->pos] != '\n' &&
					    !(c->data[c->pos] == '\r' &&
					    (c->pos + 1 >= c->len ||
					    c->data[c->pos + 1] == '\n'))) {
						rec->error = "text after a closing quote";
						skip_line(c);
						return -1;
					}
					continue;
				}
				if (ch == '\n')
					c->line++;
				buf_append(&c->scratch, &ch, 1);
				c->pos++;
				continue;
			}
			if (ch == ',' || ch == '\n')
				break;
			if (ch == '\r' && (c->pos + 1 >= c->len ||
			    c->data[c->pos + 1] == '\n')) {
				c->pos++;
				continue;
			}
			if (ch == '"') {
				rec->error = "a quote inside an unquoted field";
				skip_line(c);
				return -1;
			}
			buf_append(&c->scratch, &ch, 1);
			c->pos++;
		}
		if (!field_end(c, rec, start, offs)) {
			if (rec->too_many) {
				rec->error = "too many fields";
				skip_line(c);
				return -1;
			}
			rec->error = "out of memory";
			return -1;
		}
		if (c->pos >= c->len)
			break;
		if (c->data[c->pos] == '\n') {
			c->pos++;
			c->line++;
			break;
		}
		c->pos++;	/* the comma */
		if (c->pos >= c->len) {
			/* "a,b," at the very end: one more empty field. */
			start = c->scratch.len;
			if (!field_end(c, rec, start, offs)) {
				rec->error = "too many fields";
				return -1;
			}
			break;
		}
	}
	for (i = 0; i < rec->n; i++)
		rec->f[i] = c->scratch.data + offs[i];
	return 1;
}

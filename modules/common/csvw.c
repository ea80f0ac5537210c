/*
 * csvw.c: the CSV writer of every export, guarded against formula
 * injection (see csvw.h).
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "csvw.h"

/* Leading bytes a spreadsheet may read as the start of a formula (OWASP
 * CSV Injection), and the UTF-8 full-width forms of = + - @. */
static const char *const formula_starts[] = {
	"=", "+", "-", "@", "\t", "\r",
	"\xef\xbc\x9d", "\xef\xbc\x8b", "\xef\xbc\x8d", "\xef\xbc\xa0",
};

/* Returns 1 if v is a plain decimal integer or decimal number with an
 * optional sign ("-12", "+3.5"): safe as it is. */
static int
plain_number(const char *v)
{
	const char	*p = v;
	int		 digits = 0, dot = 0;

	if (*p == '+' || *p == '-')
		p++;
	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && !dot)
			dot = 1;
		else
			return 0;
	}
	return digits > 0;
}

/* Returns 1 if v would start a formula in a spreadsheet. */
static int
formula_like(const char *v)
{
	size_t	i;

	for (i = 0; i < sizeof(formula_starts) / sizeof(formula_starts[0]);
	    i++)
		if (strncmp(v, formula_starts[i], strlen(formula_starts[i])) == 0)
			return !plain_number(v);
	return 0;
}

/* See csvw.h. */
int
csvw_field(struct buf *b, const char *v, int first)
{
	const char	*p, *q;
	int		 guard;

	if (v == NULL)
		v = "";
	if (!first && buf_puts(b, ",") != 0)
		return -1;
	guard = formula_like(v);
	if (!guard && strpbrk(v, ",\"\r\n") == NULL)
		return buf_puts(b, v);
	if (buf_puts(b, guard ? "\"'" : "\"") != 0)
		return -1;
	for (p = v; (q = strchr(p, '"')) != NULL; p = q + 1)
		if (buf_append(b, p, (size_t)(q - p) + 1) != 0 ||
		    buf_puts(b, "\"") != 0)
			return -1;
	if (buf_puts(b, p) != 0)
		return -1;
	return buf_puts(b, "\"");
}

/* See csvw.h. */
int
csvw_end(struct buf *b)
{
	return buf_puts(b, "\r\n");
}

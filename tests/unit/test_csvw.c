/*
 * test_csvw.c: the CSV writer of every export (common/csvw.c): RFC 4180
 * quoting, and no cell that a spreadsheet would run as a formula, with
 * the OWASP CSV Injection list of dangerous leading characters and a
 * payload that tries to break out of the guard.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "csvw.h"
#include "tap.h"

/* The CSV text of one record holding the given fields. */
static const char *
record(struct buf *b, const char *const *f, size_t n)
{
	size_t	i;

	buf_reset(b);
	for (i = 0; i < n; i++)
		csvw_field(b, f[i], i == 0);
	csvw_end(b);
	buf_append(b, "", 1);
	return b->data;
}

/* One field alone, without the record's end. */
static const char *
field(struct buf *b, const char *v)
{
	buf_reset(b);
	csvw_field(b, v, 1);
	buf_append(b, "", 1);
	return b->data;
}

static void
test_rfc4180(struct buf *b)
{
	const char *const plain[] = {"a", "b c", "", "été"};
	const char *const quoted[] = {"a,b", "say \"hi\"", "two\nlines"};

	is_str(record(b, plain, 4), "a,b c,,été\r\n", "plain fields as they are");
	is_str(record(b, quoted, 3),
	    "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n",
	    "commas, quotes and line ends quoted, quotes doubled");
	is_str(field(b, NULL), "", "NULL is an empty field");
}

static void
test_formulas(struct buf *b)
{
	/* OWASP's leading characters, each alone and starting a payload. */
	static const struct {
		const char	*in;
		const char	*out;
		const char	*why;
	} cases[] = {
		{"=1+1", "\"'=1+1\"", "equals"},
		{"+1+1", "\"'+1+1\"", "plus"},
		{"-1+1", "\"'-1+1\"", "minus"},
		{"@SUM(A1)", "\"'@SUM(A1)\"", "at"},
		{"\t=1", "\"'\t=1\"", "a leading tab"},
		{"\r=1", "\"'\r=1\"", "a leading carriage return"},
		{"\xef\xbc\x9d" "1+1", "\"'\xef\xbc\x9d" "1+1\"", "a full-width equals"},
		{"=HYPERLINK(\"http://x\",\"y\")",
		    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
		    "a formula with quotes stays one guarded cell"},
		/* The break-out a probe found: the ' before the quote let
		 * the comma end the cell and start a bare formula. */
		{"=1,=SUM(6*7)+cmd|' /C calc'!A0,x",
		    "\"'=1,=SUM(6*7)+cmd|' /C calc'!A0,x\"",
		    "a payload with commas is one quoted text cell"},
		{"-12", "-12", "a negative number stays a number"},
		{"+3.5", "+3.5", "a signed decimal stays a number"},
		{"+33612345678 x", "\"'+33612345678 x\"", "a phone with text is text"},
		{"a=1", "a=1", "= inside a field is harmless"},
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(field(b, cases[i].in), cases[i].out, "%s", cases[i].why);
}

int
main(void)
{
	struct buf	b = {0};

	test_rfc4180(&b);
	test_formulas(&b);
	buf_free(&b);
	return done_testing();
}

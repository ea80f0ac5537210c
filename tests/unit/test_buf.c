/*
 * test_buf.c: unit tests of buf.c: the growable buffer, HTML and JSON
 * escaping, UTF-8 validation (overlongs, surrogates, truncated and
 * out-of-range sequences) and the ranged integer parser.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tap.h"

/*
 * Escape s with fn into a fresh buffer and compare with want.
 */
static void
check_escape(int (*fn)(struct buf *, const char *), const char *s,
    const char *want, const char *what)
{
	struct buf	 b = { NULL, 0, 0 };

	ok(fn(&b, s) == 0, "%s: escape returns 0", what);
	is_str(b.data, want, "%s: %s", what, want);
	is_int(b.len, strlen(want), "%s: length", what);
	buf_free(&b);
}

/*
 * The buffer itself: append, printf, binary data, growth, reset, take.
 */
static void
test_buffer(void)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 big[5000];
	char		*t;
	size_t		 i;

	ok(buf_append(&b, "", 0) == 0 && b.data != NULL && b.data[0] == '\0',
	    "empty append allocates a NUL-terminated buffer");
	ok(buf_puts(&b, "abc") == 0, "buf_puts");
	is_str(b.data, "abc", "buf_puts content");
	ok(buf_printf(&b, "-%d-%s-", 42, "x") == 0, "buf_printf");
	is_str(b.data, "abc-42-x-", "buf_printf appends");
	is_int(b.len, 9, "length after printf");
	ok(buf_append(&b, "a\0b", 3) == 0, "binary append");
	is_int(b.len, 12, "binary length counts the NUL");
	ok(memcmp(b.data + 9, "a\0b", 4) == 0, "binary bytes kept, NUL added");
	buf_reset(&b);
	is_int(b.len, 0, "reset empties");
	is_str(b.data, "", "reset keeps a valid empty string");
	ok(b.cap > 0, "reset keeps the allocation");

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (i = 0; i < 20; i++)
		buf_puts(&b, big);
	is_int(b.len, 20 * (sizeof(big) - 1), "growth to 100 KB");
	ok(b.cap > b.len && b.data[b.len] == '\0', "growth keeps the NUL");
	ok(buf_printf(&b, "%s", big) == 0 && b.len == 21 * (sizeof(big) - 1),
	    "printf longer than the spare room");

	t = buf_take(&b);
	ok(t != NULL && strlen(t) == 21 * (sizeof(big) - 1),
	    "take returns data");
	ok(b.data == NULL && b.len == 0 && b.cap == 0, "take empties");
	free(t);
	t = buf_take(&b);
	is_str(t, "", "take of an empty buffer gives \"\"");
	free(t);
	buf_free(&b);
	buf_free(&b);
	ok(b.data == NULL, "double buf_free is harmless");
}

static void
test_html(void)
{
	check_escape(buf_puts_html, "", "", "html empty");
	check_escape(buf_puts_html, "plain text", "plain text", "html plain");
	check_escape(buf_puts_html, "<script>alert('x')</script>",
	    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "html script");
	check_escape(buf_puts_html, "a & b \"c\"", "a &amp; b &quot;c&quot;",
	    "html amp quote");
	check_escape(buf_puts_html, "&amp;", "&amp;amp;", "html double escape");
	check_escape(buf_puts_html, "\" onmouseover=\"x",
	    "&quot; onmouseover=&quot;x", "html attribute breakout");
	check_escape(buf_puts_html, "Ahmed \xd8\xa3\xd8\xad\xd9\x85\xd8\xaf <",
	    "Ahmed \xd8\xa3\xd8\xad\xd9\x85\xd8\xaf &lt;", "html keeps UTF-8");
	check_escape(buf_puts_html, "<<>>", "&lt;&lt;&gt;&gt;", "html runs");
}

static void
test_json(void)
{
	check_escape(buf_puts_json, "", "", "json empty");
	check_escape(buf_puts_json, "abc", "abc", "json plain");
	check_escape(buf_puts_json, "a\"b\\c", "a\\\"b\\\\c", "json quote");
	check_escape(buf_puts_json, "l1\nl2\r\t", "l1\\nl2\\r\\t", "json ws");
	check_escape(buf_puts_json, "\x01\x1f\b\f", "\\u0001\\u001f\\b\\f",
	    "json controls");
	check_escape(buf_puts_json, "</script>", "\\u003c/script\\u003e",
	    "json script close");
	check_escape(buf_puts_json, "a&b", "a\\u0026b", "json amp");
	check_escape(buf_puts_json, "x\xe2\x80\xa8y\xe2\x80\xa9z",
	    "x\\u2028y\\u2029z", "json line separators");
	check_escape(buf_puts_json, "\xe2\x82\xac \xe2\x80",
	    "\xe2\x82\xac \xe2\x80", "json other UTF-8 untouched");
	check_escape(buf_puts_json, "\x7f", "\\u007f", "json DEL");
}

/*
 * utf8_valid over a table of inputs (lengths given, NULs allowed).
 */
static void
test_utf8(void)
{
	static const struct {
		const char	*s;
		size_t		 len;
		int		 want;
		const char	*what;
	} t[] = {
		{ "", 0, 1, "empty" },
		{ "hello", 5, 1, "ASCII" },
		{ "caf\xc3\xa9", 5, 1, "2-byte" },
		{ "\xe2\x82\xac", 3, 1, "3-byte euro" },
		{ "\xf0\x9f\x98\x80", 4, 1, "4-byte emoji" },
		{ "\xc2\x80", 2, 1, "U+0080 lowest 2-byte" },
		{ "\xdf\xbf", 2, 1, "U+07FF" },
		{ "\xe0\xa0\x80", 3, 1, "U+0800 lowest 3-byte" },
		{ "\xed\x9f\xbf", 3, 1, "U+D7FF below surrogates" },
		{ "\xee\x80\x80", 3, 1, "U+E000 above surrogates" },
		{ "\xef\xbf\xbf", 3, 1, "U+FFFF" },
		{ "\xf0\x90\x80\x80", 4, 1, "U+10000" },
		{ "\xf4\x8f\xbf\xbf", 4, 1, "U+10FFFF" },
		{ "\xef\xbb\xbf", 3, 1, "BOM is well-formed" },
		{ "a\0b", 3, 0, "NUL byte" },
		{ "\0", 1, 0, "lone NUL" },
		{ "\xc0\x80", 2, 0, "overlong NUL C0 80" },
		{ "\xc0\xaf", 2, 0, "overlong slash C0 AF" },
		{ "\xc1\xbf", 2, 0, "overlong C1 BF" },
		{ "\xe0\x80\xaf", 3, 0, "overlong 3-byte slash" },
		{ "\xe0\x9f\xbf", 3, 0, "overlong 3-byte U+07FF" },
		{ "\xf0\x80\x80\xaf", 4, 0, "overlong 4-byte slash" },
		{ "\xf0\x8f\xbf\xbf", 4, 0, "overlong 4-byte U+FFFF" },
		{ "\xed\xa0\x80", 3, 0, "surrogate U+D800" },
		{ "\xed\xbf\xbf", 3, 0, "surrogate U+DFFF" },
		{ "\xed\xa0\xbd\xed\xb8\x80", 6, 0, "CESU-8 surrogate pair" },
		{ "\xf4\x90\x80\x80", 4, 0, "U+110000" },
		{ "\xf5\x80\x80\x80", 4, 0, "lead F5" },
		{ "\xf8\x88\x80\x80\x80", 5, 0, "5-byte form" },
		{ "\xfe", 1, 0, "byte FE" },
		{ "\xff", 1, 0, "byte FF" },
		{ "\x80", 1, 0, "stray continuation" },
		{ "a\xbf", 2, 0, "continuation after ASCII" },
		{ "\xc3", 1, 0, "truncated 2-byte" },
		{ "\xe2\x82", 2, 0, "truncated 3-byte" },
		{ "\xf0\x9f\x98", 3, 0, "truncated 4-byte" },
		{ "\xe2\x82" "a", 3, 0, "3-byte cut by ASCII" },
		{ "\xc3\xa9\xc3", 3, 0, "truncated at the end" },
		{ "\xc3\xc3\xa9", 3, 0, "lead byte instead of continuation" },
		{ "\xe2\x82\xac", 2, 0, "length limit cuts a sequence" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_int(utf8_valid(t[i].s, t[i].len), t[i].want,
		    "utf8_valid %s", t[i].what);

	is_int(utf8_len(""), 0, "utf8_len empty");
	is_int(utf8_len("abc"), 3, "utf8_len ASCII");
	is_int(utf8_len("caf\xc3\xa9"), 4, "utf8_len 2-byte");
	is_int(utf8_len("\xe2\x82\xac\xf0\x9f\x98\x80"), 2, "utf8_len 3+4");
	is_int(utf8_len("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf"), 4,
	    "utf8_len Arabic");
}

static void
test_parse_int(void)
{
	long long	 v;

	v = 7;
	ok(parse_int("0", 0, 10, &v) == 0 && v == 0, "0");
	ok(parse_int("10", 0, 10, &v) == 0 && v == 10, "upper bound");
	ok(parse_int("-5", -5, 5, &v) == 0 && v == -5, "lower bound");
	ok(parse_int("+5", 0, 10, &v) == 0 && v == 5, "leading plus");
	ok(parse_int("007", 0, 10, &v) == 0 && v == 7, "leading zeros");
	v = 99;
	ok(parse_int("11", 0, 10, &v) == -1 && v == 99,
	    "above max refused, out untouched");
	ok(parse_int("-6", -5, 5, &v) == -1, "below min");
	ok(parse_int("", 0, 10, &v) == -1, "empty");
	ok(parse_int(NULL, 0, 10, &v) == -1, "NULL");
	ok(parse_int("-", 0, 10, &v) == -1, "sign only");
	ok(parse_int("+", 0, 10, &v) == -1, "plus only");
	ok(parse_int(" 5", 0, 10, &v) == -1, "leading space");
	ok(parse_int("5 ", 0, 10, &v) == -1, "trailing space");
	ok(parse_int("5x", 0, 10, &v) == -1, "trailing junk");
	ok(parse_int("5\n", 0, 10, &v) == -1, "trailing newline");
	ok(parse_int("0x10", 0, 100, &v) == -1, "hex refused");
	ok(parse_int("1e3", 0, 10000, &v) == -1, "exponent refused");
	ok(parse_int("1.0", 0, 10, &v) == -1, "decimal refused");
	ok(parse_int("--1", -10, 10, &v) == -1, "double sign");
	ok(parse_int("+-1", -10, 10, &v) == -1, "mixed sign");
	ok(parse_int("9223372036854775807", LLONG_MIN, LLONG_MAX, &v) == 0 &&
	    v == LLONG_MAX, "LLONG_MAX");
	ok(parse_int("-9223372036854775808", LLONG_MIN, LLONG_MAX, &v) == 0 &&
	    v == LLONG_MIN, "LLONG_MIN");
	ok(parse_int("9223372036854775808", LLONG_MIN, LLONG_MAX, &v) == -1,
	    "overflow by one");
	ok(parse_int("-9223372036854775809", LLONG_MIN, LLONG_MAX, &v) == -1,
	    "underflow by one");
	ok(parse_int("99999999999999999999999", LLONG_MIN, LLONG_MAX, &v) ==
	    -1, "huge overflow");
	ok(parse_int("5", 10, 0, &v) == -1, "min > max");
	ok(parse_int("2147483648", 0, INT_MAX, &v) == -1, "above INT_MAX");
}

int
main(void)
{
	test_buffer();
	test_html();
	test_json();
	test_utf8();
	test_parse_int();
	return done_testing();
}

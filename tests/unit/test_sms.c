/*
 * test_sms.c: unit tests of sms.c: the GSM-7 alphabet (basic and
 * extension tables), segment counting at the 160/153 and 70/67 limits,
 * template rendering, and the shortening of document lists so that a
 * message never exceeds three parts.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sms.h"
#include "tap.h"

/* A string of n copies of the UTF-8 character c (caller frees). */
static char *
repeat(const char *c, size_t n)
{
	size_t	 l = strlen(c), i;
	char	*s = malloc(l * n + 1);

	if (s == NULL)
		abort();
	for (i = 0; i < n; i++)
		memcpy(s + i * l, c, l);
	s[l * n] = '\0';
	return s;
}

/* The cost of s as "coding/units/segments". */
static void
check_cost(const char *s, int coding, size_t units, size_t segs,
    const char *what)
{
	struct sms_cost	 c;

	ok(sms_cost(s, &c) == 0, "%s: cost computed", what);
	is_int(c.coding, coding, "%s: coding", what);
	is_int(c.units, units, "%s: units", what);
	is_int(c.segments, segs, "%s: segments", what);
}

/* Cost of n copies of character ch. */
static void
check_repeat(const char *ch, size_t n, int coding, size_t units, size_t segs)
{
	char	*s = repeat(ch, n);
	char	 what[64];

	snprintf(what, sizeof(what), "%zu x U+%02X..", n,
	    (unsigned char)ch[0]);
	check_cost(s, coding, units, segs, what);
	free(s);
}

static void
test_alphabet(void)
{
	ok(sms_is_gsm7("Hello, world! 0123456789 @$_"), "ASCII letters");
	ok(sms_is_gsm7("réservé à l'école: où? Ça, Ñandu ü ß £ ¥ § ¿¡"),
	    "accented letters of the basic table");
	ok(sms_is_gsm7("ΔΦΓΛΩΠΨΣΘΞ"), "Greek capitals of the basic table");
	ok(sms_is_gsm7("{[]}\\^~|€"), "extension table");
	ok(sms_is_gsm7("line\nline\r\n"), "newlines");
	ok(!sms_is_gsm7("prêt"), "ê is not GSM-7");
	ok(!sms_is_gsm7("está"), "á is not GSM-7");
	ok(!sms_is_gsm7("ç minuscule"), "lower-case ç is not in the table");
	ok(!sms_is_gsm7("`"), "backtick is not GSM-7");
	ok(!sms_is_gsm7("نعم"), "Arabic is not GSM-7");
	ok(!sms_is_gsm7("\xc3"), "cut UTF-8 is refused");
	ok(!sms_is_gsm7("\xc0\xaf"), "overlong UTF-8 is refused");
	ok(sms_is_gsm7(""), "empty text");
}

static void
test_segments(void)
{
	struct sms_cost	 c;

	check_cost("", SMS_GSM7, 0, 1, "empty");
	check_repeat("a", 160, SMS_GSM7, 160, 1);
	check_repeat("a", 161, SMS_GSM7, 161, 2);
	check_repeat("a", 306, SMS_GSM7, 306, 2);
	check_repeat("a", 307, SMS_GSM7, 307, 3);
	check_repeat("a", 459, SMS_GSM7, 459, 3);
	check_repeat("a", 460, SMS_GSM7, 460, 4);
	check_repeat("€", 80, SMS_GSM7, 160, 1);
	check_repeat("€", 81, SMS_GSM7, 162, 2);
	check_repeat("é", 160, SMS_GSM7, 160, 1);
	check_repeat("ب", 70, SMS_UCS2, 70, 1);
	check_repeat("ب", 71, SMS_UCS2, 71, 2);
	check_repeat("ب", 134, SMS_UCS2, 134, 2);
	check_repeat("ب", 135, SMS_UCS2, 135, 3);
	check_repeat("ê", 201, SMS_UCS2, 201, 3);
	check_repeat("ê", 202, SMS_UCS2, 202, 4);
	/* An emoji is two UTF-16 units. */
	check_repeat("\xf0\x9f\x98\x80", 35, SMS_UCS2, 70, 1);
	check_repeat("\xf0\x9f\x98\x80", 36, SMS_UCS2, 72, 2);

	/* An escape pair never straddles parts: 152 'a' then '€' needs a
	 * second part for the euro sign (152 + 2 > 153). */
	{
		char	*s = repeat("a", 152), *t;
		size_t	 l = strlen(s);

		t = malloc(l + 4 + 153);
		memcpy(t, s, l);
		memcpy(t + l, "€", 3);
		memset(t + l + 3, 'b', 152);
		t[l + 3 + 152] = '\0';
		ok(sms_cost(t, &c) == 0, "straddle: computed");
		is_int(c.units, 306, "straddle: 306 septets");
		is_int(c.segments, 3, "straddle: the euro moves to part 2");
		free(s);
		free(t);
	}
	ok(sms_cost("\xff", &c) == -1, "malformed text: -1");
}

static void
test_render(void)
{
	struct sms_var	 v[] = {
		{"reference", "AB12CD34"},
		{"date", "2025-03-30"},
		{"empty", NULL},
	};
	struct buf	 b = {0};

	ok(sms_render("Ref {reference} on {date}.", v, 3, &b) == 0,
	    "render returns 0");
	is_str(b.data, "Ref AB12CD34 on 2025-03-30.", "placeholders replaced");
	buf_reset(&b);
	sms_render("{unknown} {reference}{", v, 3, &b);
	is_str(b.data, "{unknown} AB12CD34{", "unknown and lone braces kept");
	buf_reset(&b);
	sms_render("[{empty}] {{reference}}", v, 3, &b);
	is_str(b.data, "[] {AB12CD34}", "NULL is empty; nested braces");
	buf_reset(&b);
	sms_render("", v, 3, &b);
	is_str(b.data, "", "empty template");
	buf_free(&b);
}

static void
test_compose(void)
{
	struct sms_var	 v[] = {
		{"reference", "AB12CD34"},
		{"manage_url", "https://rdv.example/book/manage"},
	};
	const char	*tpl = "Ref {reference}. Bring: {documents}. {manage_url}";
	const char	*more = "and {count} more: {manage_url}";
	struct buf	 b = {0};
	struct sms_cost	 c;
	char		 *longdocs, *big, *ar;
	size_t		 i;
	int		 rc;

	rc = sms_compose(tpl, v, 2, "Passport\n\n  Photo  \nLetter\n", more,
	    3, &b, &c);
	is_int(rc, 0, "short list: not shortened");
	is_str(b.data, "Ref AB12CD34. Bring: Passport, Photo, Letter. "
	    "https://rdv.example/book/manage", "documents joined");
	is_int(c.segments, 1, "short list: one part");

	/* 40 long documents cannot fit in three parts. */
	longdocs = NULL;
	{
		struct buf	 d = {0};

		for (i = 0; i < 40; i++)
			buf_printf(&d, "Original and copy of document number %zu\n", i);
		longdocs = buf_take(&d);
	}
	rc = sms_compose(tpl, v, 2, longdocs, more, 3, &b, &c);
	is_int(rc, 1, "long list: shortened");
	ok(c.segments <= 3, "long list: at most 3 parts (%zu)", c.segments);
	ok(strstr(b.data, "more: https://rdv.example/book/manage") != NULL,
	    "long list: pointer to the booking page");
	ok(strstr(b.data, "document number 0,") != NULL,
	    "long list: the first documents are kept");
	ok(strstr(b.data, "number 39") == NULL, "long list: the last is left out");
	rc = sms_compose(tpl, v, 2, longdocs, more, 1, &b, &c);
	is_int(c.segments, 1, "one-part limit honoured");

	/* Arabic: UCS-2, 67 units per part. */
	ar = repeat("وثيقة\n", 60);
	rc = sms_compose("المرجع {reference}. أحضر: {documents}. {manage_url}",
	    v, 2, ar, "و{count} أخرى: {manage_url}", 3, &b, &c);
	is_int(rc, 1, "Arabic list: shortened");
	is_int(c.coding, SMS_UCS2, "Arabic: UCS-2");
	ok(c.segments <= 3 && c.units <= 201, "Arabic: within 3 parts (%zu units)",
	    c.units);

	/* A template too long by itself is cut at a whole character. */
	big = repeat("é", 600);
	rc = sms_compose(big, v, 2, "", more, 3, &b, &c);
	is_int(rc, 1, "long template: cut");
	is_int(c.units, 459, "long template: 3 x 153 septets");
	ok(utf8_valid(b.data, b.len), "long template: still valid UTF-8");
	free(big);
	big = repeat("ب", 300);
	rc = sms_compose(big, v, 2, "", more, 3, &b, &c);
	is_int(c.units, 201, "long Arabic template: 3 x 67 units");
	ok(utf8_valid(b.data, b.len), "long Arabic template: valid UTF-8");

	free(big);
	free(ar);
	free(longdocs);
	buf_free(&b);
}

static void
test_unknown_placeholder(void)
{
	static const char *const known[] = {"reference", "date", NULL};
	char	name[16];

	ok(!sms_unknown_placeholder("Ref {reference} on {date}.", known, name,
	    sizeof(name)), "known placeholders only");
	ok(sms_unknown_placeholder("a {x y} b", known, name, sizeof(name)) &&
	    strcmp(name, "x y") == 0,
	    "braces around other words are reported as written");
	ok(!sms_unknown_placeholder("a lone { brace", known, name,
	    sizeof(name)), "a lone brace is no placeholder");
	ok(sms_unknown_placeholder("Ref {reference} at {adress}.", known,
	    name, sizeof(name)) && strcmp(name, "adress") == 0,
	    "a misspelt placeholder is named");
	ok(sms_unknown_placeholder("{{date}", known, name, sizeof(name)) == 0,
	    "a doubled opening brace before a known name");
	ok(!sms_unknown_placeholder("no braces", known, name, sizeof(name)),
	    "no placeholder at all");
	ok(sms_unknown_placeholder("{a_very_long_placeholder_name}", known,
	    name, sizeof(name)) && strlen(name) == sizeof(name) - 1,
	    "a long name is cut to the buffer");
}

int
main(void)
{
	test_unknown_placeholder();
	test_alphabet();
	test_segments();
	test_render();
	test_compose();
	return done_testing();
}

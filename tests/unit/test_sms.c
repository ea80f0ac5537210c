/*
 * test_sms.c: unit tests of sms.c: the GSM-7 alphabet (basic and
 * extension tables, per 3GPP TS 23.038), segment counting at the
 * 160/153 and 70/67 limits with extension characters counting two,
 * folding into GSM-7, template rendering (an empty value takes its
 * list separator away) and the cut at a part limit.
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
	/* Our limit, 4 parts: 4 x 153 septets, 4 x 67 UTF-16 units. */
	check_repeat("a", 612, SMS_GSM7, 612, 4);
	check_repeat("a", 613, SMS_GSM7, 613, 5);
	/* An escape pair never straddles two parts: 76 euro signs (152
	 * septets) a part, so 304 fill 4 parts and 305 need a fifth. */
	check_repeat("€", 304, SMS_GSM7, 608, 4);
	check_repeat("€", 305, SMS_GSM7, 610, 5);
	check_repeat("ب", 268, SMS_UCS2, 268, 4);
	check_repeat("ب", 269, SMS_UCS2, 269, 5);
	is_int(SMS_MAX_SEGMENTS, 4, "our limit is 4 parts");
	check_cost("\f", SMS_GSM7, 2, 1, "form feed: extension table");
	check_cost("a`", SMS_UCS2, 2, 1, "a backtick is not GSM-7");
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
	buf_reset(&b);
	sms_render("at {date}, Centre, {empty}. Bring", v, 3, &b);
	is_str(b.data, "at 2025-03-30, Centre. Bring",
	    "an empty value takes its comma away");
	buf_reset(&b);
	sms_render("الساعة {date}، المركز، {empty}. أحضر", v, 3, &b);
	is_str(b.data, "الساعة 2025-03-30، المركز. أحضر",
	    "and its Arabic comma");
	buf_reset(&b);
	sms_render("Ref. {empty}: x", v, 3, &b);
	is_str(b.data, "Ref. : x", "no comma before: nothing else goes");
	buf_free(&b);
}

/* sms_fold_gsm7(in) gives want and returns rc. */
static void
check_fold(const char *in, const char *want, int rc, const char *what)
{
	struct buf	 b = {0};

	is_int(sms_fold_gsm7(in, &b), rc, "%s: return", what);
	is_str(b.data, want, "%s", what);
	buf_free(&b);
}

static void
test_fold(void)
{
	struct buf	 b = {0};
	struct sms_cost	 c;
	size_t		 i;
	/* Every character of the basic table beyond ASCII, and the
	 * extension table: folding leaves them alone. */
	const char	*gsm = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./"
	    "0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
	    "abcdefghijklmnopqrstuvwxyzäöñüà\f^{}\\[~]|€";

	check_fold(gsm, gsm, 1, "the whole GSM 03.38 alphabet stays");
	check_fold("Paris — Bureau des étrangers",
	    "Paris - Bureau des étrangers", 1, "em dash");
	check_fold("a–b‐c‑d−e", "a-b-c-d-e", 1, "en dash, hyphens, minus");
	check_fold("l’acte ‘x’ “y” «\xc2\xa0z\xc2\xa0» „w‟",
	    "l'acte 'x' \"y\" \" z \" \"w\"", 1, "quotes, guillemets, nbsp");
	check_fold("Attendez…", "Attendez...", 1, "ellipsis");
	check_fold("Apportez\xe2\x80\xaf: rien", "Apportez : rien", 1,
	    "narrow no-break space (French before a colon)");
	check_fold("a\xe2\x80\x8b" "b\xc2\xad" "c\xef\xbb\xbf" "d\xe2\x80\x8e",
	    "abcd", 1, "zero-width, soft hyphen, BOM, bidi mark: nothing");
	check_fold("prêt, être, reçu, Noël, maïs, cœur, Œuvre",
	    "pret, etre, recu, Noel, mais, coeur, OEuvre", 1,
	    "French letters outside the alphabet lose their accent");
	check_fold("fotografías, información, está",
	    "fotografias, informacion, esta", 1, "Spanish á í ó");
	check_fold("Rapèl: Prèv adrès, Paspò, lòt, à", "Rapèl: Prèv adrès, "
	    "Paspò, lòt, à", 1, "Kreyòl è ò à are GSM-7 and stay");
	check_fold("réservé à l'école, où", "réservé à l'école, où", 1,
	    "é è à ù stay");
	check_fold("Łódź, Škoda, İzmir, Ğ", "Lodz, Skoda, Izmir, G", 1,
	    "Latin Extended-A");
	check_fold("e\xcc\x81t\xc3\xa9", "eté", 1,
	    "a combining accent is dropped, the letter stays");
	check_fold("tab\there `x`", "tab here 'x'", 1, "tab and backtick");
	check_fold("Rendez-vous — مرحبا", "Rendez-vous - مرحبا", 0,
	    "Arabic cannot fold: 0");
	check_fold("emoji \xf0\x9f\x98\x80", "emoji \xf0\x9f\x98\x80", 0,
	    "an emoji cannot fold");
	is_int(sms_fold_gsm7("\xe2\x80", &b), -1, "cut UTF-8: -1");

	/* sms_finish: the fold when it is all GSM-7, else the text. */
	ok(sms_finish("Paris — «\xc2\xa0" "Cité\xc2\xa0»", &b, &c) == 0,
	    "finish: Latin");
	is_str(b.data, "Paris - \" Cité \"", "finish: folded");
	is_int(c.coding, SMS_GSM7, "finish: GSM-7 after the fold");
	ok(sms_finish("Paris — وثيقة", &b, &c) == 0, "finish: Arabic");
	is_str(b.data, "Paris — وثيقة", "finish: UCS-2 keeps the text as written");
	is_int(c.coding, SMS_UCS2, "finish: UCS-2");
	/* The reported case: 150 GSM-7 characters and one em dash were
	 * 151 UCS-2 units, 3 parts; folded, one part. */
	buf_reset(&b);
	for (i = 0; i < 150; i++)
		buf_puts(&b, "a");
	buf_puts(&b, "—");
	check_cost(b.data, SMS_UCS2, 151, 3, "150 + em dash, unfolded");
	{
		struct buf	 f = {0};

		sms_finish(b.data, &f, &c);
		is_int(c.coding, SMS_GSM7, "150 + em dash, folded: GSM-7");
		is_int(c.units, 151, "150 + em dash, folded: 151 septets");
		is_int(c.segments, 1, "150 + em dash, folded: one part");
		buf_free(&f);
	}
	buf_free(&b);
}

static void
test_truncate(void)
{
	struct buf	 b = {0};
	struct sms_cost	 c;
	char		*s;

	s = repeat("é", 700);
	buf_puts(&b, s);
	is_int(sms_truncate(&b, 4, &c), 1, "700 septets: cut");
	is_int(c.units, 612, "cut to 4 x 153 septets");
	is_int(c.segments, 4, "4 parts");
	ok(utf8_valid(b.data, b.len), "still valid UTF-8");
	is_int(sms_truncate(&b, 4, &c), 0, "fits now: unchanged");
	free(s);
	buf_reset(&b);
	s = repeat("ب", 300);
	buf_puts(&b, s);
	is_int(sms_truncate(&b, 4, &c), 1, "300 UCS-2 units: cut");
	is_int(c.units, 268, "cut to 4 x 67 units");
	ok(utf8_valid(b.data, b.len), "Arabic: valid UTF-8");
	free(s);
	/* An extension character never straddles: 152 'a' + '€' x 2 in one
	 * part limit of 160 septets: 152 + 2 + 2 = 156 fits one part. */
	buf_reset(&b);
	s = repeat("€", 100);
	buf_puts(&b, s);
	is_int(sms_truncate(&b, 1, &c), 1, "100 euros: cut to one part");
	is_int(c.units, 160, "80 euros, 160 septets");
	is_int(strlen(b.data), 240, "80 whole euro signs (3 bytes each)");
	free(s);
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
	test_fold();
	test_truncate();
	return done_testing();
}

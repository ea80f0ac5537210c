/*
 * test_booking_key.c: unit tests of the booking library's person key
 * (modules/booking/key.c), the person of the one-active-appointment
 * rule on every channel: case, separators and accents fold to one key;
 * the document number wins; the key never overflows nor ends inside a
 * UTF-8 sequence. Also the status lists and references.
 */
#include <stdio.h>
#include <string.h>

#include "booking.h"
#include "tap.h"

/* The key of a person without a document, on one phone. */
static const char *
key_of(const char *family, const char *given)
{
	static char	key[BOOKING_KEY_SIZE];

	booking_person_key("", "+33612345678", family, given, key);
	return key;
}

/* 1 if s is valid UTF-8. */
static int
is_utf8(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len, i;

	while (*p != '\0') {
		len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 :
		    *p >= 0xC2 ? 2 : 0;
		if (len == 0)
			return 0;
		for (i = 1; i < len; i++)
			if ((p[i] & 0xC0) != 0x80)
				return 0;
		p += len;
	}
	return 1;
}

/* The spellings of one name that the rule must see as one person. */
static void
test_spellings(void)
{
	const char	*want = "p:+33612345678:dupont|jean pierre";
	char		 other[BOOKING_KEY_SIZE];
	const char	*given[] = {"Jean-Pierre", "Jean Pierre", "JEAN-PIERRE",
	    "Jéan-Pierre", "JÉAN PIERRE", "jean  -  pierre", " Jean.Pierre ",
	    "Je\xcc\x81" "an-Pierre" /* e + combining acute */, NULL};
	size_t		 i;

	for (i = 0; given[i] != NULL; i++)
		is_str(key_of("Dupont", given[i]), want, "\"%s\" folds",
		    given[i]);
	is_str(key_of("Müller-Lüdenscheidt", "Zoë"),
	    "p:+33612345678:muller ludenscheidt|zoe", "umlauts and dashes");
	is_str(key_of("STRAßE", "Æsa"), "p:+33612345678:strasse|aesa",
	    "ß and Æ");
	is_str(key_of("Łukasiewicz", "Ñuño"),
	    "p:+33612345678:lukasiewicz|nuno", "Latin Extended-A");
	is_str(key_of("O'Brien", ""), "p:+33612345678:o brien|",
	    "apostrophe, empty given names");
	is_str(key_of("ИВАНОВ", "Пётр"),
	    "p:+33612345678:иванов|пётр", "Cyrillic capitals lower-cased");
	is_str(key_of("محمد", "علي"), "p:+33612345678:محمد|علي",
	    "Arabic kept as written");
	snprintf(other, sizeof(other), "%s", key_of("Dupond", "Jean"));
	ok(strcmp(key_of("Dupont", "Jean"), other) != 0,
	    "different names, different keys");
}

/* The document number, when given, is the person. */
static void
test_document(void)
{
	char	a[BOOKING_KEY_SIZE], b[BOOKING_KEY_SIZE];

	booking_person_key("ab 12-34.5", "+33600000000", "X", "Y", a);
	booking_person_key("AB12345", "+33699999999", "Other", "Name", b);
	is_str(a, "d:AB12345", "document normalised");
	is_str(b, a, "same document, same person whatever the name");
	booking_person_key(NULL, NULL, NULL, NULL, a);
	is_str(a, "p::|", "all NULL");
}

/* Long names are cut at a character boundary, within the key's size. */
static void
test_bounds(void)
{
	char	family[1200], key[BOOKING_KEY_SIZE];
	size_t	i;

	for (i = 0; i + 2 < sizeof(family) - 1; i += 2)
		memcpy(family + i, "\xc3\xa9", 2);	/* é, folds to e */
	family[i] = '\0';
	booking_person_key("", "+33612345678", family, family, key);
	ok(strlen(key) < BOOKING_KEY_SIZE, "key within its size (%zu)",
	    strlen(key));
	for (i = 0; i + 2 < sizeof(family) - 1; i += 2)
		memcpy(family + i, "\xd0\x96", 2);	/* Ж, two bytes */
	family[i] = '\0';
	booking_person_key("", "+33612345678", family, family, key);
	ok(strlen(key) < BOOKING_KEY_SIZE, "key within its size (%zu)",
	    strlen(key));
	ok(is_utf8(key), "key ends on a character boundary");
	ok(strchr(key, '|') != NULL, "given names' separator kept");
	booking_person_key("", "+1", "\xff\xfe" "Bad", "x\xc3", key);
	is_str(key, "p:+1:bad|x", "bytes that are not UTF-8 dropped");
}

/* The status lists made from BOOKING_STATUSES; references. */
static void
test_statuses_references(void)
{
	char	ref[BOOKING_REF_LEN + 1], shown[10], back[BOOKING_REF_LEN + 1];

	is_str(BOOKING_SQL_ACTIVE, "('booked','confirmed','arrived','~')",
	    "active list: arrived is active");
	is_str(BOOKING_SQL_INACTIVE, "('done','noshow','cancelled','~')",
	    "inactive list");
	is_str(BOOKING_SQL_OPEN, "('booked','confirmed','~')", "open list");
	ok(appt_status_active(APPT_ARRIVED) && !appt_status_open(APPT_ARRIVED),
	    "arrived: active, no longer open");
	is_int(appt_status_of("noshow"), APPT_NOSHOW, "status of a name");
	is_int(appt_status_of("nope"), APPT__MAX, "unknown status");
	booking_reference_new(ref);
	is_int(strspn(ref, BOOKING_REF_ALPHABET), BOOKING_REF_LEN,
	    "fresh reference in the alphabet");
	booking_reference_display(ref, shown);
	ok(shown[4] == '-' && strlen(shown) == 9, "shown as XXXX-XXXX");
	ok(booking_reference_normalise(shown, back) == 0 &&
	    strcmp(back, ref) == 0, "read back from its display");
	ok(booking_reference_normalise("abcd-2345", back) == 0 &&
	    strcmp(back, "ABCD2345") == 0, "lower case typed");
	ok(booking_reference_normalise("ABCD-O345", back) == -1,
	    "look-alike O refused");
	booking_reference_display("", shown);
	is_str(shown, "", "no reference: nothing shown, not a lone dash");
}

int
main(void)
{
	test_spellings();
	test_document();
	test_bounds();
	test_statuses_references();
	return done_testing();
}

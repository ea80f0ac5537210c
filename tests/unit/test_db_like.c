/*
 * test_db_like.c: db_like_contains, the LIKE pattern of the name
 * searches (reception's check-in list): the typed text anywhere, its
 * wildcards and the escape character taken literally, and a cut that
 * never splits a character.
 */
#include "config.h"

#include <string.h>

#include "db.h"
#include "tap.h"

int
main(void)
{
	char	out[64], tiny[8];

	db_like_contains("elodie", out, sizeof(out));
	is_str(out, "%elodie%", "plain text: anywhere");
	db_like_contains("", out, sizeof(out));
	is_str(out, "%%", "empty: everything (the caller asks for that)");
	db_like_contains("50%_off!", out, sizeof(out));
	is_str(out, "%50!%!_off!!%", "%%, _ and ! are literal (ESCAPE '!')");
	db_like_contains("\xc3\x89lodie", out, sizeof(out));	/* Élodie */
	is_str(out, "%\xc3\x89lodie%", "UTF-8 kept whole");
	/* 8 bytes: '%', 5 of text, '%', NUL; "éé" (4 bytes) fits, a third
	 * é would be cut in two: left out whole. */
	db_like_contains("\xc3\xa9\xc3\xa9\xc3\xa9", tiny, sizeof(tiny));
	is_str(tiny, "%\xc3\xa9\xc3\xa9%", "a cut at a character boundary");
	db_like_contains("abcdefgh", tiny, sizeof(tiny));
	is_str(tiny, "%abcde%", "a cut keeps the closing %%");
	db_like_contains("x", tiny, 2);
	is_str(tiny, "", "no room for a pattern: empty");
	return done_testing();
}

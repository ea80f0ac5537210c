/*
 * test_match_metrics.c: modules/match's string metrics and phonetic
 * codes against published vectors: jellyfish (Jaro, Jaro-Winkler,
 * Levenshtein, Damerau-Levenshtein, Soundex, Metaphone) and Apache
 * commons-codec (Metaphone, Soundex), read from $HAVRE_TESTDATA
 * (default /work/shared/testdata/external). Files that are absent are
 * skipped with a message; a few fixed cases run always.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "match_testdata.h"
#include "matchint.h"

enum kind { K_JARO, K_JW, K_LEV, K_DL, K_SOUNDEX, K_METAPHONE };

/*
 * Run every row of a vector file: for the similarity kinds "a,b,value"
 * (3 decimals), for the distances "a,b,n", for codes "input,code" (or
 * "code,input" when swapped). A header line is skipped when header is
 * 1. Prints one TAP line per file (all rows must pass, or at most
 * floor_bad when that is >= 0) plus a line per failing row as a
 * comment. Returns rows checked.
 */
static int
run_file(const char *rel, enum kind k, int header, int swapped, int floor_bad)
{
	FILE *f = testdata_open(rel);
	char line[1024];
	int rows = 0, bad = 0;

	if (f == NULL) {
		printf("# skip %s: not in %s\n", rel, testdata_dir());
		return 0;
	}
	if (header && fgets(line, sizeof(line), f) == NULL) {
		fclose(f);
		return 0;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *fl[5];
		int n = csv_split(line, fl, 5), fail = 0;
		char code[64];

		if (n < 2)
			continue;
		rows++;
		switch (k) {
		case K_JARO:
		case K_JW: {
			double want = strtod(fl[2], NULL), got = k == K_JARO ?
			    metric_jaro(fl[0], fl[1]) :
			    metric_jaro_winkler(fl[0], fl[1]);

			if (fabs(got - want) > 0.0015) {
				fail = 1;
				printf("#   %s,%s: got %.4f want %.3f\n", fl[0],
				    fl[1], got, want);
			}
			break;
		}
		case K_LEV:
		case K_DL: {
			int want = atoi(fl[2]), got = k == K_LEV ?
			    metric_levenshtein(fl[0], fl[1]) :
			    metric_damerau(fl[0], fl[1]);

			if (got != want) {
				fail = 1;
				printf("#   %s,%s: got %d want %d\n", fl[0],
				    fl[1], got, want);
			}
			break;
		}
		case K_SOUNDEX:
		case K_METAPHONE: {
			const char *in = swapped ? fl[1] : fl[0];
			const char *want = swapped ? fl[0] : fl[1];

			/* commons-codec's Metaphone tests use its default
			 * code length 4, and 6 in the one test that sets it
			 * (AXEAXEAXE -> AKSKSK). */
			if (k == K_SOUNDEX)
				phonetic_soundex(in, code);
			else
				phonetic_metaphone(in, code, sizeof(code),
				    strlen(want) > 4 ? 6 : 4);
			if (strcmp(code, want) != 0) {
				fail = 1;
				printf("#   %s: got '%s' want '%s'\n", in, code,
				    want);
			}
			break;
		}
		}
		bad += fail;
	}
	fclose(f);
	if (floor_bad < 0)
		ok(bad == 0, "%s: %d of %d rows agree", rel, rows - bad, rows);
	else
		ok(bad <= floor_bad, "%s: %d of %d rows agree (at most %d "
		    "differ, see above)", rel, rows - bad, rows, floor_bad);
	return rows;
}

/*
 * Like run_file for a file where a known share of rows follows another
 * reading of the rules: reports the agreement and asserts a floor.
 */
static void
run_metaphone_floor(const char *rel, double floor)
{
	FILE *f = testdata_open(rel);
	char line[1024], code[64];
	int rows = 0, good = 0;

	if (f == NULL) {
		printf("# skip %s: not in %s\n", rel, testdata_dir());
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *fl[3];

		if (csv_split(line, fl, 3) < 2)
			continue;
		rows++;
		phonetic_metaphone(fl[0], code, sizeof(code), 0);
		good += strcmp(code, fl[1]) == 0;
	}
	fclose(f);
	printf("# %s: %d of %d agree (jellyfish reads some rules "
	    "differently from commons-codec)\n", rel, good, rows);
	ok(rows > 0 && (double)good / rows >= floor,
	    "%s: agreement %.2f >= %.2f", rel, rows ? (double)good / rows : 0,
	    floor);
}

int
main(void)
{
	char code[32];

	/* Always: Winkler's own examples and a few codes. */
	ok(fabs(metric_jaro_winkler("martha", "marhta") - 0.961) < 0.001,
	    "JW martha/marhta 0.961");
	ok(fabs(metric_jaro_winkler("dwayne", "duane") - 0.84) < 0.001,
	    "JW dwayne/duane 0.84");
	is_int(metric_damerau("ca", "abc"), 2, "DL ca/abc 2 (unrestricted)");
	is_int(metric_levenshtein("kitten", "sitting"), 3, "Lev kitten 3");
	is_int(metric_damerau("", ""), 0, "DL empty 0");
	phonetic_soundex("Robert", code);
	is_str(code, "R163", "Soundex Robert");
	phonetic_soundex("Ashcraft", code);
	is_str(code, "A261", "Soundex Ashcraft (H/W rule)");
	phonetic_metaphone("Thompson", code, sizeof(code), 0);
	is_str(code, "0MPSN", "Metaphone Thompson (TH is 0)");
	phonetic_metaphone("Knight", code, sizeof(code), 4);
	is_str(code, "NT", "Metaphone Knight (KN, GH silent)");
	phonetic_metaphone("Christopher", code, sizeof(code), 4);
	is_str(code, "XRST", "Metaphone Christopher (CH is X, as commons-codec)");

	run_file("jellyfish/jaro_distance.csv", K_JARO, 0, 0, -1);
	run_file("jellyfish/jaro_winkler.csv", K_JW, 0, 0, -1);
	run_file("jellyfish/levenshtein.csv", K_LEV, 0, 0, -1);
	run_file("jellyfish/damerau_levenshtein.csv", K_DL, 0, 0, -1);
	/* Soundex is ASCII-only here: jellyfish folds accents first (2
	 * rows), and 4 commons-codec rows test its other Soundex flavours
	 * (Dodds, Lippmann, Dwdds, Dhdds). */
	run_file("jellyfish/soundex.csv", K_SOUNDEX, 0, 0, 2);
	run_file("commons-codec/soundex.csv", K_SOUNDEX, 1, 1, 4);
	run_file("commons-codec/metaphone.csv", K_METAPHONE, 1, 1, -1);
	run_metaphone_floor("jellyfish/metaphone.csv", 0.5);
	return done_testing();
}

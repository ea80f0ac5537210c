/*
 * test_valid.c: unit tests of valid.c and country.c: bounded strings,
 * integers, enums, full and partial dates, times, phone numbers, e-mail
 * addresses, and the country table checked against the external ISO
 * 3166, CLDR and ICAO lists (folder $HAVRE_TESTDATA, by default
 * /work/shared/testdata/external; those checks SKIP when it is absent).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "valid.h"
#include "tap.h"

static void
test_string(void)
{
	ok(valid_string("", 0, 10, 0), "empty with min 0");
	ok(!valid_string("", 1, 10, 0), "empty with min 1");
	ok(!valid_string(NULL, 0, 10, 0), "NULL");
	ok(valid_string("abc", 3, 3, 0), "exact length");
	ok(!valid_string("abcd", 0, 3, 0), "too long");
	ok(!valid_string("ab", 3, 10, 0), "too short");
	ok(valid_string("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", 4, 4, 0),
	    "Arabic: 4 code points, 8 bytes, max 4");
	ok(!valid_string("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", 0, 3, 0),
	    "Arabic over max 3 code points");
	ok(valid_string("\xf0\x9f\x98\x80", 1, 1, 0), "emoji is one");
	ok(valid_string("a\tb", 0, 10, 0), "tab allowed");
	ok(!valid_string("a\nb", 0, 10, 0), "newline refused single-line");
	ok(valid_string("a\nb", 0, 10, 1), "newline allowed multiline");
	ok(!valid_string("a\rb", 0, 10, 0), "CR refused single-line");
	ok(valid_string("a\r\nb", 0, 10, 1), "CRLF allowed multiline");
	ok(!valid_string("a\x01" "b", 0, 10, 1), "SOH refused");
	ok(!valid_string("a\x1b[31m", 0, 10, 1), "ESC refused");
	ok(!valid_string("a\x7f", 0, 10, 1), "DEL refused");
	ok(!valid_string("a\xc2\x85", 0, 10, 1), "C1 NEL refused");
	ok(!valid_string("a\xc2\x9f", 0, 10, 1), "C1 U+009F refused");
	ok(valid_string("a\xc2\xa0", 0, 10, 0), "U+00A0 allowed");
	ok(!valid_string("\xc0\xaf", 0, 10, 0), "overlong refused");
	ok(!valid_string("\xed\xa0\x80", 0, 10, 0), "surrogate refused");
	ok(!valid_string("caf\xe9", 0, 10, 0), "Latin-1 byte refused");
	ok(!valid_string("\xf4\x90\x80\x80", 0, 10, 0), "> U+10FFFF refused");
}

static void
test_int_enum(void)
{
	static const char *const colours[] = { "red", "green", "blue", NULL };
	long long	 v = 0;
	size_t		 idx = 9;

	ok(valid_int("42", 0, 100, &v) && v == 42, "int 42");
	ok(valid_int("-1", -1, 1, NULL), "int with NULL out");
	ok(!valid_int("101", 0, 100, &v), "int above max");
	ok(!valid_int("4 2", 0, 100, &v), "int with space");
	ok(!valid_int("", 0, 100, &v), "int empty");
	ok(!valid_int("12abc", 0, 100, &v), "int trailing junk");
	ok(!valid_int("99999999999999999999", LLONG_MIN, LLONG_MAX, &v),
	    "int overflow");
	ok(valid_enum("green", colours, &idx) && idx == 1, "enum green -> 1");
	ok(valid_enum("red", colours, &idx) && idx == 0, "enum red -> 0");
	ok(valid_enum("blue", colours, NULL), "enum with NULL out");
	ok(!valid_enum("Red", colours, &idx), "enum is case-sensitive");
	ok(!valid_enum("", colours, &idx), "enum empty");
	ok(!valid_enum("gree", colours, &idx), "enum prefix");
	ok(!valid_enum("greenish", colours, &idx), "enum longer");
	ok(!valid_enum(NULL, colours, &idx), "enum NULL");
}

/*
 * valid_partial_date over a table; checks precision and parts too.
 */
static void
test_partial_date(void)
{
	static const struct {
		const char		*s;
		int			 valid;
		int			 y, m, d;
		enum date_precision	 prec;
	} t[] = {
		{ "1990", 1, 1990, 0, 0, DATE_YEAR },
		{ "1990-00", 1, 1990, 0, 0, DATE_YEAR },
		{ "1990-00-00", 1, 1990, 0, 0, DATE_YEAR },
		{ "1990-05", 1, 1990, 5, 0, DATE_MONTH },
		{ "1990-05-00", 1, 1990, 5, 0, DATE_MONTH },
		{ "1990-05-17", 1, 1990, 5, 17, DATE_DAY },
		{ "1850-01-01", 1, 1850, 1, 1, DATE_DAY },
		{ "2200-12-31", 1, 2200, 12, 31, DATE_DAY },
		{ "2024-02-29", 1, 2024, 2, 29, DATE_DAY },
		{ "2000-02-29", 1, 2000, 2, 29, DATE_DAY },
		{ "1990-12-31", 1, 1990, 12, 31, DATE_DAY },
		{ "1990-04-30", 1, 1990, 4, 30, DATE_DAY },
		{ "1849", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "2201", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "0000", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "0000-00-00", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990-00-05", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990-02-30", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "2023-02-29", 0, 0, 0, 0, DATE_UNKNOWN },
		/* From edtf/edtf_partial_dates.csv ("spec:" notes). */
		{ "1990-02-29", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1900-02-29", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990-13", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "2001-21", 0, 0, 0, 0, DATE_UNKNOWN },	/* season */
		{ "1990-04-31", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990-05-32", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990-13-01", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "199", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "19900", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990-5", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990-05-1", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990-05-", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990/05/17", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990-05-17 ", 0, 0, 0, 0, DATE_UNKNOWN },
		{ " 1990", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990-XX-XX", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "17.05.1990", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "+990-05-17", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990-+5-17", 0, 0, 0, 0, DATE_UNKNOWN },
		{ "1990-05-17T00:00", 0, 0, 0, 0, DATE_UNKNOWN },
	};
	struct pdate	 p;
	char		 out[11];
	size_t		 i;
	int		 v;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(&p, 0xff, sizeof(p));
		v = valid_partial_date(t[i].s, &p);
		is_int(v, t[i].valid, "partial date '%s' %s", t[i].s,
		    t[i].valid ? "valid" : "invalid");
		if (v && t[i].valid)
			ok(p.year == t[i].y && p.month == t[i].m &&
			    p.day == t[i].d && p.precision == t[i].prec,
			    "partial date '%s' parts and precision", t[i].s);
	}
	ok(!valid_partial_date(NULL, &p), "partial date NULL");
	ok(valid_partial_date("1990-05", NULL), "partial date NULL out");

	p.year = 1990;
	p.month = 5;
	p.day = 0;
	p.precision = DATE_MONTH;
	pdate_format(&p, out);
	is_str(out, "1990-05-00", "pdate_format month precision");
	valid_partial_date("1985", &p);
	pdate_format(&p, out);
	is_str(out, "1985-00-00", "pdate_format year only");
	valid_partial_date("2024-02-29", &p);
	pdate_format(&p, out);
	is_str(out, "2024-02-29", "pdate_format full");
	p.year = 123456;
	p.month = -3;
	p.day = 1000;
	pdate_format(&p, out);
	is_str(out, "9999-00-99", "pdate_format clamps garbage");
}

static void
test_date_time(void)
{
	struct pdate	 p;
	int		 sec = -1;

	ok(valid_date("2024-02-29", &p) && p.precision == DATE_DAY &&
	    p.year == 2024 && p.month == 2 && p.day == 29, "date leap day");
	ok(!valid_date("2023-02-29", &p), "date 2023-02-29");
	ok(!valid_date("2100-02-29", &p), "date 2100 is not leap");
	ok(valid_date("2000-02-29", NULL), "date 2000 is leap");
	ok(!valid_date("1990-05", &p), "date needs a day");
	ok(!valid_date("1990", &p), "date needs month and day");
	ok(!valid_date("1990-05-00", &p), "date with unknown day");
	ok(!valid_date("1990-00-01", &p), "date with month 0");
	ok(!valid_date("1990-06-31", &p), "date June 31");
	ok(!valid_date("1849-12-31", &p), "date before 1850");
	ok(!valid_date("2024-1-01", &p), "date short month");
	ok(!valid_date(NULL, &p), "date NULL");

	ok(valid_time("00:00", &sec) && sec == 0, "time midnight");
	ok(valid_time("23:59", &sec) && sec == 86340, "time 23:59");
	ok(valid_time("23:59:59", &sec) && sec == 86399, "time 23:59:59");
	ok(valid_time("09:05:07", &sec) && sec == 9 * 3600 + 5 * 60 + 7,
	    "time 09:05:07");
	ok(valid_time("12:30", NULL), "time NULL out");
	ok(!valid_time("24:00", &sec), "time 24:00");
	ok(!valid_time("12:60", &sec), "time minute 60");
	ok(!valid_time("12:00:60", &sec), "time leap second refused");
	ok(!valid_time("9:05", &sec), "time one-digit hour");
	ok(!valid_time("09:5", &sec), "time one-digit minute");
	ok(!valid_time("0905", &sec), "time without colon");
	ok(!valid_time("09:05:", &sec), "time trailing colon");
	ok(!valid_time("09:05 ", &sec), "time trailing space");
	ok(!valid_time("", &sec), "time empty");
	ok(!valid_time(NULL, &sec), "time NULL");
}

static void
test_phone(void)
{
	static const struct {
		const char	*in;
		const char	*cc;
		const char	*want;	/* NULL: invalid */
	} t[] = {
		{ "+33612345678", NULL, "+33612345678" },
		{ "+33 6 12 34 56 78", NULL, "+33612345678" },
		{ "+33.6.12.34.56.78", NULL, "+33612345678" },
		{ "+33-6-12-34-56-78", NULL, "+33612345678" },
		{ "0033 6 12 34 56 78", NULL, "+33612345678" },
		{ "  +33 612345678", NULL, "+33612345678" },
		{ "06 12 34 56 78", "33", "+33612345678" },
		{ "6 12 34 56 78", "33", "+33612345678" },
		{ "06 12 34 56 78", "+33", "+33612345678" },
		{ "06 12 34 56 78", NULL, NULL },
		{ "+44 (0)20 7946 0958", NULL, "+442079460958" },
		{ "0044 (0)20 7946 0958", NULL, "+442079460958" },
		{ "(020) 7946 0958", "44", "+442079460958" },
		{ "+1 (212) 555-0100", NULL, "+12125550100" },
		{ "+12345678", NULL, "+12345678" },	/* 8 digits */
		{ "+1234567", NULL, NULL },		/* 7 digits */
		{ "+123456789012345", NULL, "+123456789012345" },
		{ "+1234567890123456", NULL, NULL },	/* 16 digits */
		{ "+0123456789", NULL, NULL },		/* cc starting 0 */
		{ "000123456789", NULL, NULL },		/* 00 then 0 */
		{ "00 33 06 12", NULL, NULL },		/* too short */
		{ "0612345678", "0", NULL },		/* bad default cc */
		{ "0612345678", "1234", NULL },		/* cc too long */
		{ "0612345678", "3a", NULL },
		{ "00612345678", "33", "+612345678" },	/* 00 is intl */
		{ "0", "33", NULL },
		{ "", "33", NULL },
		{ "+", NULL, NULL },
		{ "++33612345678", NULL, NULL },
		{ "+33 6 12 34 56 78 ext 5", NULL, NULL },
		{ "+33612345678x", NULL, NULL },
		{ "+33 (6 12 34 56 78", NULL, NULL },	/* unbalanced */
		{ "+33 6) 12 34 56 78", NULL, NULL },
		{ "+33 ((6)) 12 34 56 78", NULL, NULL },	/* nested */
		{ "+33 () 612345678", NULL, NULL },	/* empty group */
		{ "+33 6+12345678", NULL, NULL },	/* + inside */
		{ "+33\t612345678", NULL, NULL },	/* tab */
		/* Arabic-Indic digits are digits (issue 13: phones in Arabic). */
		{ "+\xd9\xa3\xd9\xa3" "612345678", NULL, "+33612345678" },
		{ "0612345678901234567890123456789012345678901", "33", NULL },
		{ "00 0", "33", NULL },
	};
	char	 out[17];
	size_t	 i;
	int	 v;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(out, 'Z', sizeof(out));
		v = valid_phone(t[i].in, t[i].cc, out);
		if (t[i].want == NULL)
			ok(!v && out[0] == '\0', "phone '%s' (cc %s) invalid",
			    t[i].in, t[i].cc ? t[i].cc : "none");
		else
			is_str(v ? out : NULL, t[i].want, "phone '%s' (cc %s)",
			    t[i].in, t[i].cc ? t[i].cc : "none");
	}
	ok(!valid_phone("0 0", "33", out), "phone of zeros only");
	ok(!valid_phone(NULL, "33", out), "phone NULL");
}

static void
test_email(void)
{
	static const struct {
		const char	*s;
		int		 want;
	} t[] = {
		{ "a@example.org", 1 },
		{ "first.last@example.org", 1 },
		{ "first+tag@sub.example.co.uk", 1 },
		{ "o'brien@example.ie", 1 },
		{ "x_y-z@e-x.org", 1 },
		{ "123@123.example", 1 },
		{ "a@b.c1", 1 },
		{ "", 0 },
		{ "plain", 0 },
		{ "@example.org", 0 },
		{ "a@", 0 },
		{ "a@@example.org", 0 },
		{ "a@b@example.org", 0 },
		{ "a@localhost", 0 },
		{ "a@example.", 0 },
		{ "a@.example.org", 0 },
		{ "a@example..org", 0 },
		{ "a@-example.org", 0 },
		{ "a@example-.org", 0 },
		{ "a@exa_mple.org", 0 },
		{ "a@192.168.1.1", 0 },
		{ "a@[192.168.1.1]", 0 },
		{ ".a@example.org", 0 },
		{ "a.@example.org", 0 },
		{ "a..b@example.org", 0 },
		{ "a b@example.org", 0 },
		{ "\"a b\"@example.org", 0 },
		{ "a@exa mple.org", 0 },
		{ "a@example.org\n", 0 },
		{ "a@example.org\r\nBcc: x@y.org", 0 },
		{ "a<b>@example.org", 0 },
		{ "a,b@example.org", 0 },
		{ "\xc3\xa9@example.org", 0 },
		{ "a@\xc3\xa9xample.org", 0 },
	};
	char	 buf[400];
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_int(valid_email(t[i].s), t[i].want, "email '%s'",
		    tap_vis(t[i].s, strlen(t[i].s)));
	ok(!valid_email(NULL), "email NULL");

	/* Local part 64 ok, 65 refused. */
	memset(buf, 'a', 64);
	snprintf(buf + 64, sizeof(buf) - 64, "@example.org");
	ok(valid_email(buf), "email local part of 64");
	memset(buf, 'a', 65);
	snprintf(buf + 65, sizeof(buf) - 65, "@example.org");
	ok(!valid_email(buf), "email local part of 65");
	/* Label 63 ok, 64 refused. */
	buf[0] = 'a';
	buf[1] = '@';
	memset(buf + 2, 'b', 63);
	snprintf(buf + 65, sizeof(buf) - 65, ".org");
	ok(valid_email(buf), "email label of 63");
	memset(buf + 2, 'b', 64);
	snprintf(buf + 66, sizeof(buf) - 66, ".org");
	ok(!valid_email(buf), "email label of 64");
	/* Total 254 ok, 255 refused: a@ + labels of 50 + tld. */
	snprintf(buf, sizeof(buf), "a@%s.%s.%s.%s.%s",
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
	    "cccccccccccccccccccccccccccccccccccccccccccccccc");
	is_int(strlen(buf), 254, "email fixture is 254 bytes");
	ok(valid_email(buf), "email of 254 bytes");
	snprintf(buf + 254, sizeof(buf) - 254, "c");
	ok(!valid_email(buf), "email of 255 bytes");
}

/*
 * Open name under the external test data folder: $HAVRE_TESTDATA, else
 * the shared folder of the development machine. Returns NULL if absent.
 */
static FILE *
open_testdata(const char *name)
{
	const char	*dir;
	char		 path[1024];

	if ((dir = getenv("HAVRE_TESTDATA")) == NULL)
		dir = "/work/shared/testdata/external";
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return fopen(path, "r");
}

/*
 * Remove every occurrence of cut from s in place.
 */
static void
strip(char *s, const char *cut)
{
	char	*p;
	size_t	 n = strlen(cut);

	while ((p = strstr(s, cut)) != NULL)
		memmove(p, p + n, strlen(p + n) + 1);
}

/*
 * Every code of ISO's list (mrz/states-iso3166.tsv: English name, French
 * name, alpha-2, alpha-3, numeric; tab-separated) is accepted, with
 * ISO's English name minus "(the)" and footnote marks.
 */
static void
test_country_iso(void)
{
	FILE	*f;
	char	 line[1024], *fld[5], *p;
	int	 n = 0, bad_name = 0, bad_code = 0, i;
	const char *name;

	if ((f = open_testdata("mrz/states-iso3166.tsv")) == NULL) {
		printf("ok %d # SKIP mrz/states-iso3166.tsv not found\n",
		    ++tap_n);
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0' ||
		    strncmp(line, "English short name", 18) == 0)
			continue;
		p = line;
		for (i = 0; i < 5; i++) {
			fld[i] = p;
			if ((p = strchr(p, '\t')) == NULL)
				break;
			*p++ = '\0';
		}
		if (i < 4)
			continue;
		n++;
		strip(fld[0], " (the)");
		strip(fld[0], "*");
		name = country_name(fld[3]);
		if (!valid_country(fld[3])) {
			bad_code++;
			printf("# not accepted: %s\n", fld[3]);
		} else if (name == NULL || strcmp(name, fld[0]) != 0) {
			bad_name++;
			printf("# name of %s: '%s', list says '%s'\n", fld[3],
			    name ? name : "(null)", fld[0]);
		}
	}
	fclose(f);
	is_int(n, 249, "ISO list holds 249 codes");
	is_int(bad_code, 0, "every ISO alpha-3 code is accepted");
	is_int(bad_name, 0, "every ISO code has ISO's English short name");
}

/*
 * CLDR 41's regions (cldr/countries_cldr41.csv: alpha2,alpha3,...):
 * every alpha-3 is accepted except CLDR's non-ISO extras.
 */
static void
test_country_cldr(void)
{
	static const char *const extras[] =
	    { "ASC", "CPT", "DGA", "TAA", "XKK", NULL };
	FILE	*f;
	char	 line[4096], *a3, *e;
	int	 n = 0, wrong = 0;
	size_t	 idx;

	if ((f = open_testdata("cldr/countries_cldr41.csv")) == NULL) {
		printf("ok %d # SKIP cldr/countries_cldr41.csv not found\n",
		    ++tap_n);
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "alpha2,", 7) == 0 ||
		    (a3 = strchr(line, ',')) == NULL)
			continue;
		a3++;
		if ((e = strchr(a3, ',')) == NULL)
			continue;
		*e = '\0';
		if (*a3 == '\0')
			continue;	/* EA, IC: no alpha-3 */
		n++;
		if (valid_country(a3) == valid_enum(a3, extras, &idx)) {
			wrong++;
			printf("# CLDR code %s wrongly %s\n", a3,
			    valid_country(a3) ? "accepted" : "refused");
		}
	}
	fclose(f);
	ok(n > 240, "CLDR list read (%d alpha-3 codes)", n);
	is_int(wrong, 0, "CLDR: ISO codes accepted, non-ISO extras refused");
}

/*
 * ICAO's non-ISO codes (mrz/icao_states_non_iso.txt, code last on each
 * line): only XXA, XXB, XXC and XXX are nationalities we accept.
 */
static void
test_country_icao(void)
{
	static const char *const accepted[] =
	    { "XXA", "XXB", "XXC", "XXX", NULL };
	FILE	*f;
	char	 line[1024], *code;
	int	 n = 0, wrong = 0;
	size_t	 idx;

	if ((f = open_testdata("mrz/icao_states_non_iso.txt")) == NULL) {
		printf("ok %d # SKIP mrz/icao_states_non_iso.txt not found\n",
		    ++tap_n);
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0' ||
		    (code = strrchr(line, ' ')) == NULL)
			continue;
		code++;
		n++;
		if (valid_country(code) != valid_enum(code, accepted, &idx)) {
			wrong++;
			printf("# ICAO code %s wrongly %s\n", code,
			    valid_country(code) ? "accepted" : "refused");
		}
	}
	fclose(f);
	ok(n >= 20, "ICAO list read (%d codes)", n);
	is_int(wrong, 0, "ICAO: XXA/XXB/XXC/XXX accepted, other codes refused");
}

static void
test_country(void)
{
	ok(valid_country("FRA"), "FRA");
	ok(valid_country("ABW"), "ABW (first)");
	ok(valid_country("ZWE"), "ZWE (last)");
	ok(valid_country("AFG") && valid_country("SYR") &&
	    valid_country("ERI") && valid_country("SDN") &&
	    valid_country("UKR") && valid_country("PSE"),
	    "common countries of origin");
	is_str(country_name("AFG"), "Afghanistan", "name of AFG");
	is_str(country_name("CIV"), "C\xc3\xb4te d'Ivoire", "name of CIV");
	is_str(country_name("XXA"), "Stateless person", "XXA");
	is_str(country_name("XXB"), "Refugee (1951 Convention)", "XXB");
	is_str(country_name("XXC"), "Refugee (other)", "XXC");
	is_str(country_name("XXX"), "Unspecified nationality", "XXX");
	ok(!valid_country("fra"), "lower case refused");
	ok(!valid_country("Fra"), "mixed case refused");
	ok(!valid_country("FR"), "alpha-2 refused");
	ok(!valid_country("FRAN"), "4 letters refused");
	ok(!valid_country("FRA "), "trailing space refused");
	ok(!valid_country(""), "empty refused");
	ok(!valid_country(NULL), "NULL refused");
	ok(!valid_country("UTO"), "ICAO specimen UTO refused");
	ok(!valid_country("D<<"), "MRZ D<< refused");
	ok(!valid_country("AAA"), "unassigned AAA refused");
	ok(!valid_country("ZZZ"), "unassigned ZZZ refused");
	ok(country_name("QQQ") == NULL, "no name for unknown");
	test_country_iso();
	test_country_cldr();
	test_country_icao();
}

/* Phones, numbers and dates typed on Arabic and Persian keyboards. */
static void
test_arabic_digits(void)
{
	char		out[17], buf[64];
	struct pdate	d;
	long long	n;
	int		secs;

	/* 0712345678 in Arabic-Indic, then in Persian (Extended) digits. */
	ok(valid_phone("\xd9\xa0\xd9\xa7\xd9\xa1\xd9\xa2\xd9\xa3"
	    "\xd9\xa4\xd9\xa5\xd9\xa6\xd9\xa7\xd9\xa8", "33", out) &&
	    strcmp(out, "+33712345678") == 0, "a phone in Arabic-Indic digits");
	ok(valid_phone("\xdb\xb0\xdb\xb7 \xdb\xb1\xdb\xb2 \xdb\xb3"
	    "\xdb\xb4 \xdb\xb5\xdb\xb6 \xdb\xb7\xdb\xb8", "33", out) &&
	    strcmp(out, "+33712345678") == 0,
	    "a phone in Persian digits with spaces");
	ok(valid_int("\xd9\xa4\xd9\xa2", 0, 100, &n) && n == 42,
	    "a number in Arabic-Indic digits");
	ok(valid_date("\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6-\xd9\xa0"
	    "\xd9\xa4-\xd9\xa0\xd9\xa7", &d) && d.year == 2026 &&
	    d.month == 4 && d.day == 7, "a date in Arabic-Indic digits");
	ok(valid_partial_date("\xdb\xb1\xdb\xb9\xdb\xb8\xdb\xb8", &d) &&
	    d.year == 1988 && d.precision == DATE_YEAR,
	    "a birth year in Persian digits");
	ok(valid_time("\xd9\xa0\xd9\xa9:\xd9\xa3\xd9\xa0", &secs) &&
	    secs == 9 * 3600 + 30 * 60, "a time in Arabic-Indic digits");
	ok(!valid_int("\xd9\xa4x", 0, 100, &n), "a digit and a letter: no number");
	is_str(valid_fold_digits("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", buf,
	    sizeof(buf)), "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf",
	    "Arabic letters are left alone");
	ok(valid_fold_digits("123", buf, sizeof(buf)) != buf,
	    "ASCII needs no copy");
}

int
main(void)
{
	test_arabic_digits();
	test_string();
	test_int_enum();
	test_partial_date();
	test_date_time();
	test_phone();
	test_email();
	test_country();
	return done_testing();
}

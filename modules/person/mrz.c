/*
 * mrz.c: ICAO 9303 machine-readable zones (see mrz.h). Positions below
 * are 0-based and come from ICAO Doc 9303, 8th edition: part 4 (TD3,
 * machine-readable passports), part 5 (TD1) and part 6 (TD2).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mrz.h"
#include "valid.h"

/* ICAO codes that are not ISO 3166 alpha-3 but are valid in an MRZ
 * (Doc 9303 part 3, 5: "D" is Germany; British nationality classes;
 * Kosovo; EU; UN; the XX? codes are known to valid_country()). */
static const char *const icao_states[] = {
	"GBD", "GBN", "GBO", "GBS", "GBP", "RKS", "XXK", "EUE", "UNO", "UNA",
	"UNK", NULL,
};

#define MRZ_MAX_LINES	3

/* The value of an MRZ character, or -1. */
static int
char_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	if (c == '<')
		return 0;
	return -1;
}

/* See mrz.h. */
int
mrz_check_digit(const char *s, size_t len)
{
	static const int	weights[3] = {7, 3, 1};
	size_t			i;
	int			v, sum = 0;

	for (i = 0; i < len; i++) {
		if ((v = char_value(s[i])) < 0)
			return -1;
		sum += v * weights[i % 3];
	}
	return sum % 10;
}

/*
 * Returns 1 if the check digit character c is right for len characters
 * at s ('<' counts as 0, as used for an empty optional field), else 0.
 */
static int
check_ok(const char *s, size_t len, char c)
{
	int	d = mrz_check_digit(s, len);

	if (d < 0)
		return 0;
	if (c == '<')
		return d == 0;
	return c >= '0' && c <= '9' && c - '0' == d;
}

/* Copy len characters at s into out (outsz bytes) with the trailing
 * '<' fillers dropped and inner '<' turned into spaces. */
static void
field_copy(const char *s, size_t len, char *out, size_t outsz)
{
	size_t	i, n;

	while (len > 0 && s[len - 1] == '<')
		len--;
	for (i = 0, n = 0; i < len && n + 1 < outsz; i++)
		out[n++] = s[i] == '<' ? ' ' : s[i];
	out[n] = '\0';
}

/* Split the name field into family and given names ("<<" between
 * them, "<" between parts). */
static void
name_split(const char *s, size_t len, struct mrz *m)
{
	size_t	i;

	for (i = 0; i + 1 < len; i++)
		if (s[i] == '<' && s[i + 1] == '<')
			break;
	if (i + 1 >= len) {
		field_copy(s, len, m->family, sizeof(m->family));
		m->given[0] = '\0';
		return;
	}
	field_copy(s, i, m->family, sizeof(m->family));
	field_copy(s + i + 2, len - i - 2, m->given, sizeof(m->given));
}

/* Read a state code (3 characters) into out; returns 1 if it is a
 * known state, else 0. */
static int
state_read(const char *s, char out[4])
{
	size_t	i;

	field_copy(s, 3, out, 4);
	if (strcmp(out, "D") == 0) {
		snprintf(out, 4, "DEU");
		return 1;
	}
	if (strlen(out) != 3)
		return 0;
	if (valid_country(out))
		return 1;
	for (i = 0; icao_states[i] != NULL; i++)
		if (strcmp(out, icao_states[i]) == 0)
			return 1;
	return 0;
}

/* Returns 1 if s holds a plausible YYMMDD date (any century), else 0. */
static int
date_ok(const char *s)
{
	static const int	mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31};
	int			i, yy, mm, dd;

	for (i = 0; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	yy = (s[0] - '0') * 10 + (s[1] - '0');
	mm = (s[2] - '0') * 10 + (s[3] - '0');
	dd = (s[4] - '0') * 10 + (s[5] - '0');
	if (mm < 1 || mm > 12 || dd < 1 || dd > mdays[mm - 1])
		return 0;
	/* 29 February: a leap year in either century (yy % 4 == 0). */
	if (mm == 2 && dd == 29 && yy % 4 != 0)
		return 0;
	return 1;
}

/*
 * Split text into at most MRZ_MAX_LINES upper-cased lines of at most
 * 44 characters (blank lines and surrounding spaces dropped). Returns
 * the number of lines, or -1 if a line is too long or a character is
 * not allowed.
 */
static int
lines_split(const char *text, size_t len, char lines[MRZ_MAX_LINES][45],
    size_t lens[MRZ_MAX_LINES])
{
	size_t	i = 0, s, e;
	int	n = 0;
	char	c;

	while (i < len) {
		s = i;
		while (i < len && text[i] != '\n')
			i++;
		e = i;
		if (i < len)
			i++;
		while (s < e && (text[s] == ' ' || text[s] == '\t' ||
		    text[s] == '\r'))
			s++;
		while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t' ||
		    text[e - 1] == '\r'))
			e--;
		if (s == e)
			continue;
		if (n >= MRZ_MAX_LINES || e - s > 44)
			return -1;
		for (lens[n] = 0; s < e; s++) {
			c = text[s];
			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			if (char_value(c) < 0)
				return -2;
			lines[n][lens[n]++] = c;
		}
		lines[n][lens[n]] = '\0';
		n++;
	}
	return n;
}

/*
 * The document number of TD1/TD2: 9 characters and a check digit at
 * num[9]; when num[9] is '<' the number goes on in the optional data
 * (opt, optlen) up to a '<', its last character being the check digit
 * (Doc 9303 part 5, 4.2.4 note j). Returns 1 if the check digit is
 * right, else 0; fills m->number.
 */
static int
docnum_read(const char *num, const char *opt, size_t optlen, struct mrz *m)
{
	char	full[40];
	size_t	k, n;

	if (optlen > 20)
		optlen = 20;

	if (num[9] != '<') {
		field_copy(num, 9, m->number, sizeof(m->number));
		return check_ok(num, 9, num[9]);
	}
	for (k = 0; k < optlen && opt[k] != '<'; k++)
		;
	if (k == 0)
		return 0;
	/* ICAO computes the check digit over the number without the
	 * filler; Belgian cards include it (000590240<601 -> 3): accept
	 * either. */
	memcpy(full, num, 10);
	n = 10;
	memcpy(full + n, opt, k - 1);
	n += k - 1;
	full[n] = '\0';
	memcpy(m->number, num, 9);
	memcpy(m->number + 9, opt, k - 1);
	m->number[9 + k - 1] = '\0';
	field_copy(m->number, 9 + k - 1, m->number, sizeof(m->number));
	if (check_ok(full, n, opt[k - 1]))
		return 1;
	memmove(full + 9, full + 10, n - 10 + 1);
	return check_ok(full, n - 1, opt[k - 1]);
}

/* Read the sex character into m; returns 1 if valid. */
static int
sex_read(char c, struct mrz *m)
{
	if (c == 'M' || c == 'F' || c == 'X') {
		m->sex = c;
		return 1;
	}
	if (c == '<') {
		m->sex = 'X';
		return 1;
	}
	return 0;
}

/* TD3 (2 x 44) and TD2 (2 x 36): same second-line layout up to the
 * optional data. */
static enum mrz_error
parse_td23(char l[][45], size_t width, struct mrz *m)
{
	const char	*a = l[0], *b = l[1];
	char		 comp[64];
	size_t		 n = 0, optlen = width - 28 - (width == 44 ? 2 : 1);
	int		 doc_ok;

	m->format = width == 44 ? MRZ_TD3 : MRZ_TD2;
	field_copy(a, 2, m->doc_code, sizeof(m->doc_code));
	name_split(a + 5, width - 5, m);
	if (!state_read(a + 2, m->issuing))
		return MRZ_ERR_STATE;
	if (!state_read(b + 10, m->nationality))
		return MRZ_ERR_STATE;
	if (width == 44)
		doc_ok = (field_copy(b, 9, m->number, sizeof(m->number)),
		    check_ok(b, 9, b[9]));
	else
		doc_ok = docnum_read(b, b + 28, optlen, m);
	field_copy(b + 28, optlen, m->optional, sizeof(m->optional));
	memcpy(m->birth, b + 13, 6);
	memcpy(m->expiry, b + 21, 6);
	if (!doc_ok)
		return MRZ_ERR_DOC_CHECK;
	if (!date_ok(b + 13))
		return MRZ_ERR_BIRTH;
	if (!check_ok(b + 13, 6, b[19]))
		return MRZ_ERR_BIRTH_CHECK;
	if (!sex_read(b[20], m))
		return MRZ_ERR_SEX;
	if (!date_ok(b + 21))
		return MRZ_ERR_EXPIRY;
	if (!check_ok(b + 21, 6, b[27]))
		return MRZ_ERR_EXPIRY_CHECK;
	if (width == 44 && !check_ok(b + 28, 14, b[42]))
		return MRZ_ERR_OPTIONAL_CHECK;
	/* Composite: number + check, birth + check, expiry + check,
	 * optional (+ its check on TD3). */
	memcpy(comp + n, b, 10);
	n += 10;
	memcpy(comp + n, b + 13, 7);
	n += 7;
	memcpy(comp + n, b + 21, width - 21 - 1);
	n += width - 21 - 1;
	if (!check_ok(comp, n, b[width - 1]))
		return MRZ_ERR_COMPOSITE_CHECK;
	return MRZ_OK;
}

/* TD1 (3 x 30). */
static enum mrz_error
parse_td1(char l[][45], struct mrz *m)
{
	const char	*a = l[0], *b = l[1], *c = l[2];
	char		 comp[64];
	size_t		 n = 0;
	int		 doc_ok;

	m->format = MRZ_TD1;
	field_copy(a, 2, m->doc_code, sizeof(m->doc_code));
	name_split(c, 30, m);
	if (!state_read(a + 2, m->issuing))
		return MRZ_ERR_STATE;
	if (!state_read(b + 15, m->nationality))
		return MRZ_ERR_STATE;
	doc_ok = docnum_read(a + 5, a + 15, 15, m);
	field_copy(b + 18, 11, m->optional, sizeof(m->optional));
	memcpy(m->birth, b, 6);
	memcpy(m->expiry, b + 8, 6);
	if (!doc_ok)
		return MRZ_ERR_DOC_CHECK;
	if (!date_ok(b))
		return MRZ_ERR_BIRTH;
	if (!check_ok(b, 6, b[6]))
		return MRZ_ERR_BIRTH_CHECK;
	if (!sex_read(b[7], m))
		return MRZ_ERR_SEX;
	if (!date_ok(b + 8))
		return MRZ_ERR_EXPIRY;
	if (!check_ok(b + 8, 6, b[14]))
		return MRZ_ERR_EXPIRY_CHECK;
	/* Composite: line 1 from the number on, line 2's dates with their
	 * checks, and line 2's optional data. */
	memcpy(comp + n, a + 5, 25);
	n += 25;
	memcpy(comp + n, b, 7);
	n += 7;
	memcpy(comp + n, b + 8, 7);
	n += 7;
	memcpy(comp + n, b + 18, 11);
	n += 11;
	if (!check_ok(comp, n, b[29]))
		return MRZ_ERR_COMPOSITE_CHECK;
	return MRZ_OK;
}

/* See mrz.h. */
enum mrz_error
mrz_parse(const char *text, size_t len, struct mrz *m)
{
	char	lines[MRZ_MAX_LINES][45];
	size_t	lens[MRZ_MAX_LINES];
	int	n;

	memset(m, 0, sizeof(*m));
	if (text == NULL)
		return MRZ_ERR_FORMAT;
	n = lines_split(text, len, lines, lens);
	if (n == -2)
		return MRZ_ERR_CHARSET;
	if (n == 2 && lens[0] == 44 && lens[1] == 44)
		return parse_td23(lines, 44, m);
	if (n == 2 && lens[0] == 36 && lens[1] == 36)
		return parse_td23(lines, 36, m);
	if (n == 3 && lens[0] == 30 && lens[1] == 30 && lens[2] == 30)
		return parse_td1(lines, m);
	return MRZ_ERR_FORMAT;
}

/* See mrz.h. */
const char *
mrz_error_name(enum mrz_error e)
{
	switch (e) {
	case MRZ_OK:			return "ok";
	case MRZ_ERR_FORMAT:		return "format";
	case MRZ_ERR_CHARSET:		return "charset";
	case MRZ_ERR_STATE:		return "state";
	case MRZ_ERR_DOC_CHECK:		return "document number check digit";
	case MRZ_ERR_BIRTH:		return "birth date";
	case MRZ_ERR_BIRTH_CHECK:	return "birth date check digit";
	case MRZ_ERR_EXPIRY:		return "expiry date";
	case MRZ_ERR_EXPIRY_CHECK:	return "expiry date check digit";
	case MRZ_ERR_OPTIONAL_CHECK:	return "personal number check digit";
	case MRZ_ERR_COMPOSITE_CHECK:	return "composite check digit";
	case MRZ_ERR_SEX:		return "sex";
	}
	return "unknown";
}

/* See mrz.h. */
const char *
mrz_error_key(enum mrz_error e)
{
	switch (e) {
	case MRZ_ERR_FORMAT:
	case MRZ_ERR_CHARSET:
		return "Identity.Error.MrzFormat";
	case MRZ_ERR_STATE:
		return "Identity.Error.MrzState";
	case MRZ_ERR_DOC_CHECK:
	case MRZ_ERR_BIRTH_CHECK:
	case MRZ_ERR_EXPIRY_CHECK:
	case MRZ_ERR_OPTIONAL_CHECK:
	case MRZ_ERR_COMPOSITE_CHECK:
		return "Identity.Error.MrzCheck";
	default:
		return "Identity.Error.MrzField";
	}
}

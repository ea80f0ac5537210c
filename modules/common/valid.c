/*
 * valid.c: typed validators for declared form fields (strings, numbers,
 * choices, full and partial dates, times, phone numbers, e-mail
 * addresses). Each takes raw untrusted text and returns 1 if it is
 * valid (filling a typed output), else 0. Numbers, dates, times and
 * phones may be typed with Arabic-Indic or Extended Arabic-Indic
 * (Persian, Urdu) digits, as phones in Arabic and Persian set them.
 * Country codes are in country.c.
 */
#include <stddef.h>
#include <string.h>

#include "buf.h"
#include "valid.h"

/* Years a partial or full date may carry: births of the living, their
 * parents, and document validity far into the future. */
#define YEAR_MIN 1850
#define YEAR_MAX 2200

/* No phone number written by a human is longer than this. */
#define PHONE_INPUT_MAX 40
/* E.164: at most 15 digits; below 8 it is not a diallable number. */
#define PHONE_DIGITS_MIN 8
#define PHONE_DIGITS_MAX 15

/* RFC 5321 limits (path 256 minus the angle brackets; local part 64,
 * DNS label 63). */
#define EMAIL_MAX 254
#define EMAIL_LOCAL_MAX 64
#define DNS_LABEL_MAX 63

/*
 * Returns 1 if c is an ASCII digit.
 */
static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Returns 1 if c is an ASCII letter.
 */
static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Value of exactly n digits at s, or -1 if any of them is not a digit.
 */
static int
digits(const char *s, size_t n)
{
	size_t	 i;
	int	 v = 0;

	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * Number of days in month (1..12) of year, Gregorian leap rules.
 */
static int
month_days(int year, int month)
{
	static const int days[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) ||
	    year % 400 == 0))
		return 29;
	return days[month - 1];
}

/*
 * Returns 1 if s is well-formed UTF-8 whose code point count lies in
 * [min, max] and that holds no control character: C0 controls are
 * refused except TAB (and LF, CR when multiline is set), DEL and the
 * C1 controls U+0080..U+009F are refused too. Else 0 (also for NULL).
 */
int
valid_string(const char *s, size_t min, size_t max, int multiline)
{
	const unsigned char	*p;
	size_t			 len;

	if (s == NULL)
		return 0;
	len = strlen(s);
	if (!utf8_valid(s, len))
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\t')
			continue;
		if ((*p == '\n' || *p == '\r') && multiline)
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		/* C1 controls are encoded 0xc2 0x80..0x9f. */
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return 0;
	}
	len = utf8_len(s);
	return len >= min && len <= max;
}

/* See valid.h. */
const char *
valid_fold_digits(const char *s, char *buf, size_t bufsz)
{
	const unsigned char	*p;
	size_t			 n = 0;

	if (s == NULL || strpbrk(s, "\xd9\xdb") == NULL)
		return s;
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (n + 1 >= bufsz)
			return s;
		/* U+0660..U+0669 (Arabic-Indic) are D9 A0..A9; U+06F0..
		 * U+06F9 (Extended, Persian and Urdu) are DB B0..B9. */
		if (p[0] == 0xd9 && p[1] >= 0xa0 && p[1] <= 0xa9) {
			buf[n++] = (char)('0' + (p[1] - 0xa0));
			p++;
		} else if (p[0] == 0xdb && p[1] >= 0xb0 && p[1] <= 0xb9) {
			buf[n++] = (char)('0' + (p[1] - 0xb0));
			p++;
		} else
			buf[n++] = (char)*p;
	}
	buf[n] = '\0';
	return buf;
}

/*
 * Returns 1 if s is a base-10 integer in [min, max] with nothing else
 * around it (Arabic-Indic digits read as digits), storing it in *out
 * when out is not NULL; else 0.
 */
int
valid_int(const char *s, long long min, long long max, long long *out)
{
	char		 folded[64];
	long long	 v;

	s = valid_fold_digits(s, folded, sizeof(folded));
	if (parse_int(s, min, max, &v) == -1)
		return 0;
	if (out != NULL)
		*out = v;
	return 1;
}

/*
 * Returns 1 if s equals (byte for byte) one of the NULL-terminated
 * choices, storing its index in *out when out is not NULL; else 0.
 */
int
valid_enum(const char *s, const char *const *choices, size_t *out)
{
	size_t	 i;

	if (s == NULL || choices == NULL)
		return 0;
	for (i = 0; choices[i] != NULL; i++)
		if (strcmp(s, choices[i]) == 0) {
			if (out != NULL)
				*out = i;
			return 1;
		}
	return 0;
}

/*
 * Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" into year, month and day (0
 * for an absent part) without checking ranges. Returns 1 if the shape
 * is right, else 0.
 */
static int
date_parts(const char *s, int *y, int *m, int *d)
{
	size_t	 len;

	if (s == NULL)
		return 0;
	len = strlen(s);
	if (len != 4 && len != 7 && len != 10)
		return 0;
	*m = *d = 0;
	if ((*y = digits(s, 4)) < 0)
		return 0;
	if (len >= 7 && (s[4] != '-' || (*m = digits(s + 5, 2)) < 0))
		return 0;
	if (len == 10 && (s[7] != '-' || (*d = digits(s + 8, 2)) < 0))
		return 0;
	return 1;
}

/*
 * Returns 1 if s is a real calendar day written YYYY-MM-DD with a year
 * in 1850..2200 (leap years checked), filling *out (precision DATE_DAY)
 * when out is not NULL; else 0.
 */
int
valid_date(const char *s, struct pdate *out)
{
	char	 folded[32];
	int	 y, m, d;

	s = valid_fold_digits(s, folded, sizeof(folded));
	if (s == NULL || strlen(s) != 10 || !date_parts(s, &y, &m, &d))
		return 0;
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1 ||
	    d > month_days(y, m))
		return 0;
	if (out != NULL) {
		out->year = y;
		out->month = m;
		out->day = d;
		out->precision = DATE_DAY;
	}
	return 1;
}

/*
 * Returns 1 if s is a partial date: YYYY, YYYY-MM or YYYY-MM-DD, with
 * 00 written for an unknown month or day, year in 1850..2200. A known
 * day needs a known month ("1990-00-05" is refused: civil records never
 * know the day without the month), and a known day must exist in that
 * month (1990-02-30, 2023-02-29 refused; 2024-02-29 accepted). Fills
 * *out with the parts (0 = unknown) and the precision when out is not
 * NULL. Else returns 0.
 */
int
valid_partial_date(const char *s, struct pdate *out)
{
	char	 folded[32];
	int	 y, m, d;

	s = valid_fold_digits(s, folded, sizeof(folded));
	if (!date_parts(s, &y, &m, &d))
		return 0;
	if (y < YEAR_MIN || y > YEAR_MAX || m > 12)
		return 0;
	if (m == 0 && d != 0)
		return 0;
	if (d != 0 && d > month_days(y, m))
		return 0;
	if (out != NULL) {
		out->year = y;
		out->month = m;
		out->day = d;
		out->precision = d != 0 ? DATE_DAY :
		    m != 0 ? DATE_MONTH : DATE_YEAR;
	}
	return 1;
}

/*
 * Write v as exactly n decimal digits at o (no NUL), clamped to
 * [0, 10^n - 1].
 */
static void
put_digits(char *o, int v, int n)
{
	int	 i, lim = 1;

	for (i = 0; i < n; i++)
		lim *= 10;
	if (v < 0)
		v = 0;
	if (v >= lim)
		v = lim - 1;
	for (i = n - 1; i >= 0; i--) {
		o[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/*
 * Write p as "YYYY-MM-DD" with 00 for unknown parts into out (11
 * bytes, NUL-terminated). Out-of-range fields are clamped so the
 * output always fits.
 */
void
pdate_format(const struct pdate *p, char out[11])
{
	put_digits(out, p->year, 4);
	out[4] = '-';
	put_digits(out + 5, p->month, 2);
	out[7] = '-';
	put_digits(out + 8, p->day, 2);
	out[10] = '\0';
}

/*
 * Returns 1 if s is a 24-hour time HH:MM or HH:MM:SS (00:00 to
 * 23:59:59, two digits per field), storing the seconds since midnight
 * in *seconds when it is not NULL; else 0.
 */
int
valid_time(const char *s, int *seconds)
{
	char	 folded[32];
	size_t	 len;
	int	 h, m, sec = 0;

	s = valid_fold_digits(s, folded, sizeof(folded));
	if (s == NULL)
		return 0;
	len = strlen(s);
	if (len != 5 && len != 8)
		return 0;
	if ((h = digits(s, 2)) < 0 || s[2] != ':' ||
	    (m = digits(s + 3, 2)) < 0)
		return 0;
	if (len == 8 && (s[5] != ':' || (sec = digits(s + 6, 2)) < 0))
		return 0;
	if (h > 23 || m > 59 || sec > 59)
		return 0;
	if (seconds != NULL)
		*seconds = h * 3600 + m * 60 + sec;
	return 1;
}

/*
 * Normalise a phone number to E.164 "+<digits>" in out (17 bytes).
 * Separators: spaces, dots, dashes and non-nested parentheses. An
 * international number starts with "+" or "00"; in it a "(0)" group
 * (the trunk prefix shown in "+44 (0)20 ...") is dropped. Otherwise the
 * number is national and needs default_cc (1 to 3 digits, optionally
 * after "+", not starting with 0): one leading trunk "0" is dropped and
 * the country code prepended. The result must have 8 to 15 digits and
 * its country code cannot start with 0. Returns 1 if valid, else 0
 * (out is then an empty string).
 */
int
valid_phone(const char *s, const char *default_cc, char out[17])
{
	char		 dig[PHONE_INPUT_MAX + 1], folded[PHONE_INPUT_MAX * 2];
	const char	*p, *d, *cc;
	size_t		 n = 0, ccsz, dsz, len;
	int		 intl = 0, paren = 0, ndigits_in_paren = 0;

	out[0] = '\0';
	s = valid_fold_digits(s, folded, sizeof(folded));
	if (s == NULL || (len = strlen(s)) == 0 || len > PHONE_INPUT_MAX)
		return 0;
	for (p = s; *p == ' '; p++)
		continue;
	if (*p == '+') {
		intl = 1;
		p++;
	}
	for (; *p != '\0'; p++) {
		if (is_digit(*p)) {
			dig[n++] = *p;
			if (paren)
				ndigits_in_paren++;
		} else if (*p == '(') {
			if (paren)
				return 0;
			/* "+44 (0)20": the (0) is a trunk prefix to omit. */
			if (n > 0 && (intl || (n >= 2 && dig[0] == '0' &&
			    dig[1] == '0')) && p[1] == '0' && p[2] == ')') {
				p += 2;
				continue;
			}
			paren = 1;
			ndigits_in_paren = 0;
		} else if (*p == ')') {
			if (!paren || ndigits_in_paren == 0)
				return 0;
			paren = 0;
		} else if (*p != ' ' && *p != '.' && *p != '-')
			return 0;
	}
	if (paren || n == 0)
		return 0;
	dig[n] = '\0';
	d = dig;
	if (!intl && n >= 2 && dig[0] == '0' && dig[1] == '0') {
		intl = 1;
		d += 2;
	}
	if (intl) {
		dsz = strlen(d);
		if (d[0] == '0' || dsz < PHONE_DIGITS_MIN ||
		    dsz > PHONE_DIGITS_MAX)
			return 0;
		out[0] = '+';
		memcpy(out + 1, d, dsz + 1);
		return 1;
	}
	/* National number: needs the site's default country code. */
	if (default_cc == NULL)
		return 0;
	cc = default_cc[0] == '+' ? default_cc + 1 : default_cc;
	ccsz = strlen(cc);
	if (ccsz < 1 || ccsz > 3 || cc[0] == '0' || digits(cc, ccsz) < 0)
		return 0;
	if (d[0] == '0')
		d++;
	if (d[0] == '\0' || d[0] == '0')
		return 0;
	dsz = strlen(d);
	if (ccsz + dsz < PHONE_DIGITS_MIN || ccsz + dsz > PHONE_DIGITS_MAX)
		return 0;
	/* Lengths checked above: 1 + 15 digits + NUL fit in 17 bytes. */
	out[0] = '+';
	memcpy(out + 1, cc, ccsz);
	memcpy(out + 1 + ccsz, d, dsz + 1);
	return 1;
}

/*
 * Returns 1 if c may appear in the local part of an address (RFC 5322
 * atext, plus '.' whose placement is checked separately).
 */
static int
email_local_char(char c)
{
	return is_alpha(c) || is_digit(c) ||
	    (c != '\0' && strchr(".!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

/*
 * Returns 1 if s is a plain address local@domain: at most 254 bytes,
 * exactly one '@'; a local part of 1..64 atext characters and dots
 * (no leading, trailing or doubled dot; no quoted forms); a domain of
 * at least two dot-separated labels of 1..63 letters, digits and
 * hyphens, no label starting or ending with '-', and a last label
 * that is not all digits (no IP literals). Else 0.
 */
int
valid_email(const char *s)
{
	const char	*at, *p, *label;
	size_t		 len, nlabels = 0;
	int		 alpha_in_label = 0;

	if (s == NULL || (len = strlen(s)) == 0 || len > EMAIL_MAX)
		return 0;
	if ((at = strchr(s, '@')) == NULL || strchr(at + 1, '@') != NULL)
		return 0;
	if (at == s || (size_t)(at - s) > EMAIL_LOCAL_MAX || s[0] == '.' ||
	    at[-1] == '.')
		return 0;
	for (p = s; p < at; p++)
		if (!email_local_char(*p) || (*p == '.' && p[1] == '.'))
			return 0;
	label = at + 1;
	for (p = label;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || (size_t)(p - label) > DNS_LABEL_MAX ||
			    label[0] == '-' || p[-1] == '-')
				return 0;
			nlabels++;
			if (*p == '\0')
				break;
			label = p + 1;
			alpha_in_label = 0;
			continue;
		}
		if (is_alpha(*p) || *p == '-')
			alpha_in_label = 1;
		else if (!is_digit(*p))
			return 0;
	}
	return nlabels >= 2 && alpha_in_label;
}

/*
 * valid.h: typed validators for declared form fields. Every validator
 * takes the raw NUL-terminated input and returns 1 if valid (filling
 * the typed output where there is one), else 0. The language key of the
 * message to show is chosen by form.c from the field type.
 */
#ifndef HAVRE_VALID_H
#define HAVRE_VALID_H

#include <stddef.h>

/* A date where unknown parts are 0: 1990-00-00 means "1990". */
enum date_precision { DATE_UNKNOWN = 0, DATE_YEAR, DATE_MONTH, DATE_DAY };

struct pdate {
	int			 year;	/* 0 when unknown */
	int			 month;	/* 0 when unknown */
	int			 day;	/* 0 when unknown */
	enum date_precision	 precision;
};

/* Bounded UTF-8: well-formed, no control characters except tab (and
 * newline when multiline), length in code points within [min,max]. */
int	 valid_string(const char *, size_t min, size_t max, int multiline);
/*
 * s with its Arabic-Indic (U+0660..0669) and Extended Arabic-Indic
 * (U+06F0..06F9) digits as ASCII digits: s itself when it has none (or
 * when the result does not fit in bufsz bytes), else buf. Used by every
 * numeric, date, time and phone validator below.
 */
const char *valid_fold_digits(const char *s, char *buf, size_t bufsz);
/* Integer in [min, max]. */
int	 valid_int(const char *, long long min, long long max, long long *);
/* One of a NULL-terminated list of choices; stores the index. */
int	 valid_enum(const char *, const char *const *choices, size_t *);
/* A full calendar date YYYY-MM-DD (leap years checked). */
int	 valid_date(const char *, struct pdate *);
/*
 * A partial date: YYYY, YYYY-MM, YYYY-MM-DD, with unknown parts written
 * as 00 (1990-00-00, 1990-05-00). Years 1850..2200. Impossible dates
 * (1990-02-30) are rejected.
 */
int	 valid_partial_date(const char *, struct pdate *);
/* Format a partial date canonically as YYYY-MM-DD with 00 for unknown
 * parts; out must hold 11 bytes. */
void	 pdate_format(const struct pdate *, char out[11]);
/* A time HH:MM or HH:MM:SS (24 h); stores seconds since midnight. */
int	 valid_time(const char *, int *seconds);
/*
 * An E.164 phone number. Accepts spaces, dots, dashes and parentheses
 * as separators, a leading "+" or "00", or a national number when
 * default_cc (digits, e.g. "33") is given (a leading trunk 0 is dropped).
 * Writes "+<8..15 digits>" into out (17 bytes).
 */
int	 valid_phone(const char *, const char *default_cc, char out[17]);
/* A plain e-mail address (local@domain.tld), at most 254 bytes. */
int	 valid_email(const char *);
/* ISO 3166-1 alpha-3 code (upper case) or ICAO XXA/XXB/XXC/XXX. */
int	 valid_country(const char *);
/* Name of a country code in English, or NULL. */
const char *country_name(const char *);

#endif

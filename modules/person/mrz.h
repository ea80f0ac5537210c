/*
 * mrz.h: machine-readable zones of travel documents (ICAO 9303 parts 3,
 * 4, 5 and 6): TD3 passports (2 x 44), TD2 (2 x 36) and TD1 identity
 * cards (3 x 30). Parses the fields and verifies every check digit,
 * the dates and the state codes. Untrusted input: fuzzed
 * (tests/fuzz/fuzz_mrz.c).
 */
#ifndef HAVRE_MRZ_H
#define HAVRE_MRZ_H

#include <stddef.h>

enum mrz_format { MRZ_NONE = 0, MRZ_TD1, MRZ_TD2, MRZ_TD3 };

/* Why an MRZ was refused: the first problem found. */
enum mrz_error {
	MRZ_OK = 0,
	MRZ_ERR_FORMAT,		/* line count or lengths fit no format */
	MRZ_ERR_CHARSET,	/* a character outside A-Z 0-9 < */
	MRZ_ERR_STATE,		/* unknown issuing state or nationality */
	MRZ_ERR_DOC_CHECK,	/* document number check digit */
	MRZ_ERR_BIRTH,		/* birth date malformed */
	MRZ_ERR_BIRTH_CHECK,
	MRZ_ERR_EXPIRY,		/* expiry date malformed */
	MRZ_ERR_EXPIRY_CHECK,
	MRZ_ERR_OPTIONAL_CHECK,	/* TD3 personal number check digit */
	MRZ_ERR_COMPOSITE_CHECK,
	MRZ_ERR_SEX,
};

struct mrz {
	enum mrz_format	 format;
	char		 doc_code[3];		/* "P", "ID", "I" ... ('<' removed) */
	char		 issuing[4];		/* alpha-3 ("D" becomes "DEU") */
	char		 family[48];		/* "ERIKSSON" (spaces between parts) */
	char		 given[48];		/* "ANNA MARIA" */
	char		 number[32];		/* document number without fillers */
	char		 nationality[4];
	char		 birth[7];		/* YYMMDD */
	char		 sex;			/* 'M', 'F' or 'X' (unspecified) */
	char		 expiry[7];		/* YYMMDD */
	char		 optional[32];		/* personal number / optional data */
};

/*
 * The check digit of len characters (weights 7, 3, 1; A=10 ... Z=35,
 * '<' = 0). Returns 0..9, or -1 if a character is not A-Z, 0-9 or '<'.
 */
int		 mrz_check_digit(const char *, size_t len);

/*
 * Parse an MRZ given as its lines separated by newlines (CR LF, LF;
 * surrounding spaces ignored; lower case accepted) into out. Returns
 * MRZ_OK when every check digit, date and state code is right, else
 * the first error (out then holds what could be read).
 */
enum mrz_error	 mrz_parse(const char *text, size_t len, struct mrz *out);

/* An English description of an error (for logs and tests). */
const char	*mrz_error_name(enum mrz_error);
/* The language key of an error for a form's field (Identity.Error.Mrz*),
 * the same wording wherever an MRZ is typed. */
const char	*mrz_error_key(enum mrz_error);

#endif

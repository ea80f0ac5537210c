/*
 * certint.h: what the files of libcertify share and nobody else uses.
 */
#ifndef HAVRE_CERTINT_H
#define HAVRE_CERTINT_H

#include <stddef.h>
#include <time.h>

#define CERTIFY_TIME_LEN	20	/* YYYY-MM-DDTHH:MM:SSZ */

/* t as YYYY-MM-DDTHH:MM:SSZ into out (21 bytes). Returns 0, or -1 if
 * out of years 2000..2199. */
int	 certify_time_text(time_t t, char out[CERTIFY_TIME_LEN + 1]);
/* Parse a canonical YYYY-MM-DDTHH:MM:SSZ of n bytes into *t. Returns
 * 0, or -1 if malformed or not canonical. */
int	 certify_time_parse(const char *s, size_t n, time_t *t);

#endif

/*
 * reference.c: what finds a booking: its reference, one alphabet for
 * every channel (drawn at random, read back as scanned or typed, shown
 * as XXXX-XXXX), and the digits of a phone as an agent types it.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "booking.h"
#include "valid.h"

static const char ref_alphabet[] = BOOKING_REF_ALPHABET;

/* See booking.h. */
void
booking_reference_new(char out[BOOKING_REF_LEN + 1])
{
	size_t	i;

	for (i = 0; i < BOOKING_REF_LEN; i++)
		out[i] = ref_alphabet[randombytes_uniform(
		    sizeof(ref_alphabet) - 1)];
	out[BOOKING_REF_LEN] = '\0';
}

/* See booking.h. Scanners may add spaces or a line end; people type the
 * dash shown on the confirmation ("ABCD-2345") or not, in any case. */
int
booking_reference_normalise(const char *in, char out[BOOKING_REF_LEN + 1])
{
	size_t	n = 0;

	for (; in != NULL && *in != '\0'; in++) {
		unsigned char c = (unsigned char)*in;

		if (c == '-' || c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		c = (unsigned char)toupper(c);
		if (strchr(ref_alphabet, c) == NULL || n == BOOKING_REF_LEN)
			return -1;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n == BOOKING_REF_LEN ? 0 : -1;
}

/* See booking.h. */
void
booking_reference_display(const char *ref, char out[10])
{
	if (ref[0] == '\0')	/* none (a visit without a booking): "" */
		out[0] = '\0';
	else
		snprintf(out, 10, "%.4s-%.4s", ref,
		    strlen(ref) > 4 ? ref + 4 : "");
}

/* See booking.h. */
void
booking_phone_digits(const char *q, size_t min_digits, char out[16])
{
	char		 folded[64];
	const char	*p;
	size_t		 n = 0;

	out[0] = '\0';
	if ((p = valid_fold_digits(q, folded, sizeof(folded))) == NULL)
		return;
	while (*p == ' ')
		p++;
	if (*p == '+')
		p++;
	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n == 0 && *p == '0')
				continue;	/* trunk or international zeros */
			if (n == 15)
				return;
			out[n++] = *p;
		} else if (strchr(" .-()", *p) == NULL) {
			n = 0;
			break;
		}
	}
	out[n] = '\0';
	if (n < min_digits)
		out[0] = '\0';
}

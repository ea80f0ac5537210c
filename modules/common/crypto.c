/*
 * crypto.c: random tokens and their hashes, through libsodium.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include "crypto.h"

/* See crypto.h. */
void
token_hex(char *out, size_t nbytes)
{
	unsigned char	raw[64];

	if (nbytes > sizeof(raw))
		nbytes = sizeof(raw);
	randombytes_buf(raw, nbytes);
	sodium_bin2hex(out, nbytes * 2 + 1, raw, nbytes);
	sodium_memzero(raw, sizeof(raw));
}

/* See crypto.h. A plain hash is enough: the secrets are 256-bit random
 * values, so there is nothing to brute-force. */
void
secret_hash(const char *secret, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)secret,
	    strlen(secret), NULL, 0);
}

/* See crypto.h. */
int
is_hex(const char *s, size_t len)
{
	return s != NULL && strlen(s) == len &&
	    strspn(s, "0123456789abcdef") == len;
}

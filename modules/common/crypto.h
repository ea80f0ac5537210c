/*
 * crypto.h: libsodium wrappers for secrets: random tokens (sessions,
 * API keys, CSRF) and their stored hashes.
 */
#ifndef HAVRE_CRYPTO_H
#define HAVRE_CRYPTO_H

#include <stddef.h>

/* Fill out with 2*nbytes hex characters of fresh randomness plus a NUL
 * (out holds 2*nbytes+1 bytes). */
void	 token_hex(char *out, size_t nbytes);
/* BLAKE2b-256 of a high-entropy secret (a token or key): what is stored
 * instead of the secret itself. */
void	 secret_hash(const char *secret, unsigned char out[32]);
/* Returns 1 if s is exactly len lower-case hex characters. */
int	 is_hex(const char *s, size_t len);

#endif

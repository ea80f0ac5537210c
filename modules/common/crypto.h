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
struct conf;

/*
 * A secret key of len bytes (at most 64) kept in Paths.Var/keys/<name>.key
 * (mode 0600), made with fresh randomness the first time it is needed.
 * The file appears whole or not at all (written aside, then linked), so
 * workers racing to create it all end up with the same key.
 * Returns 0, or -1 (logged).
 */
int	 key_file_get(const struct conf *, const char *name, unsigned char *key,
	    size_t len);
/* A keyed BLAKE2b-256 MAC of msg as 64 hex characters (out: 65 bytes). */
void	 mac_hex(const unsigned char key[32], const char *msg, char out[65]);
/* Returns 1 if s is exactly len lower-case hex characters. */
int	 is_hex(const char *s, size_t len);

#endif

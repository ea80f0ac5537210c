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
/*
 * A signed proof that lasts until expiry (unix seconds), for a cookie
 * that lets one browser repeat what it was allowed once (the person's
 * case on /status, a document's download on /verify/collect):
 * "<expiry>.<mac_hex(key, what ":" expiry)>" into out (PROOF_MAX bytes).
 * what names the purpose and the object ("view:<ref>:<id>").
 */
#define PROOF_MAX	96
void	 proof_make(const unsigned char key[32], const char *what,
	    long long expiry, char out[PROOF_MAX]);
/* Returns 1 if value (a cookie's, may be NULL) is a proof of what under
 * key that has not expired, else 0; compared in constant time. */
int	 proof_check(const unsigned char key[32], const char *what,
	    const char *value);
/* Returns 1 if s is exactly len lower-case hex characters. */
int	 is_hex(const char *s, size_t len);

#endif

/*
 * passwd.h: agents' passwords: argon2id hashes (libsodium
 * crypto_pwhash_str at INTERACTIVE limits: ~150 ms and 64 MiB each),
 * computed under a machine-wide concurrency limit, and the password
 * policy.
 */
#ifndef HAVRE_PASSWD_H
#define HAVRE_PASSWD_H

#include <sodium.h>

struct conf;

#define PASSWORD_MIN_LENGTH	12
#define PASSWORD_MAX_LENGTH	256

/* Configure the concurrency limit: Auth.HashSlots lock files under
 * Paths.Var (default 2). Call once per process. */
void	 passwd_init(const struct conf *);
/*
 * Hash a password into out. Returns 0, -1 on failure, or -2 when every
 * hashing slot stayed busy (answer 503: try again).
 */
int	 passwd_hash(const char *pw, char out[crypto_pwhash_STRBYTES]);
/*
 * Verify a password against a stored hash; hash NULL verifies against a
 * fixed dummy hash so that an unknown user costs the same time.
 * Returns 1 match, 0 no match, -2 when every slot stayed busy.
 */
int	 passwd_verify(const char *hash, const char *pw);
/*
 * Check the policy: at least PASSWORD_MIN_LENGTH characters, not a
 * common password, not the username. Returns NULL if acceptable, else
 * the language key of the reason.
 */
const char *passwd_policy(const char *pw, const char *username);
/* Make a temporary password (shown once): 16 characters from an
 * unambiguous alphabet, in groups of four. out holds 20 bytes. */
void	 passwd_temporary(char out[20]);

#endif

/*
 * crypto.c: random tokens and their hashes, through libsodium.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "conf.h"
#include "crypto.h"
#include "log.h"

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

/* Read exactly len bytes of path into key. Returns 0 or -1. */
static int
key_read(const char *path, unsigned char *key, size_t len)
{
	int	fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (read(fd, key, len) == (ssize_t)len)
		rc = 0;
	close(fd);
	return rc;
}

/* See crypto.h. */
int
key_file_get(const struct conf *conf, const char *name, unsigned char *key,
    size_t len)
{
	char	dir[512], path[600], tmp[640];
	int	fd;

	if (len == 0 || len > 64 || conf == NULL || conf->var == NULL ||
	    conf->var[0] == '\0') {
		log_err("keys: Paths.Var is not set");
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s/keys", conf->var);
	snprintf(path, sizeof(path), "%s/%s.key", dir, name);
	if (key_read(path, key, len) == 0)
		return 0;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		log_err("keys: mkdir %s: %s", dir, strerror(errno));
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s/.%s.%ld", dir, name, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1) {
		log_err("keys: cannot create %s: %s", tmp, strerror(errno));
		return -1;
	}
	randombytes_buf(key, len);
	if (write(fd, key, len) != (ssize_t)len || fsync(fd) != 0) {
		close(fd);
		unlink(tmp);
		log_err("keys: cannot write %s", tmp);
		return -1;
	}
	close(fd);
	/* link() fails if another worker got there first: use theirs. */
	if (link(tmp, path) == 0)
		log_info("keys: created %s", path);
	unlink(tmp);
	sodium_memzero(key, len);
	if (key_read(path, key, len) != 0) {
		log_err("keys: %s is not a key file of %zu bytes", path, len);
		return -1;
	}
	return 0;
}

/* See crypto.h. */
void
mac_hex(const unsigned char key[32], const char *msg, char out[65])
{
	unsigned char	mac[32];

	crypto_generichash(mac, sizeof(mac), (const unsigned char *)msg,
	    strlen(msg), key, 32);
	sodium_bin2hex(out, 65, mac, sizeof(mac));
}

/* See crypto.h. */
void
proof_make(const unsigned char key[32], const char *what, long long expiry,
    char out[PROOF_MAX])
{
	char	 msg[256], mac[65];

	snprintf(msg, sizeof(msg), "%s:%lld", what, expiry);
	mac_hex(key, msg, mac);
	snprintf(out, PROOF_MAX, "%lld.%s", expiry, mac);
}

/* See crypto.h. */
int
proof_check(const unsigned char key[32], const char *what,
    const char *value)
{
	const char	*dot;
	char		 want[PROOF_MAX], *end;
	long long	 expiry;

	if (value == NULL || (dot = strchr(value, '.')) == NULL ||
	    dot == value || dot - value > 12)
		return 0;
	expiry = strtoll(value, &end, 10);
	if (end != dot || expiry < (long long)time(NULL))
		return 0;
	proof_make(key, what, expiry, want);
	return strlen(value) == strlen(want) && sodium_memcmp(value, want,
	    strlen(want)) == 0;
}

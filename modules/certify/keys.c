/*
 * keys.c: signing keys: key pairs, the secret key files under
 * Paths.Var/keys (sign-<id>.key, the 32-byte seed, mode 0600), and
 * the keyring of public keys that verification uses, with the text of
 * the published key file (docs/certificates.md):
 *
 *   # comment
 *   <id> <valid_from> <valid_until or -> <public key, base64url>
 *
 * Times are YYYY-MM-DDTHH:MM:SSZ (UTC); valid_until is exclusive.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "buf.h"
#include "certify.h"
#include "certint.h"

#define PK_B64_LEN	43	/* base64url of 32 bytes, no padding */
#define KEYRING_MAX	1000	/* keys in one published file */

/* See certify.h. */
void
certify_keypair_seed(struct certify_signer *s,
    const unsigned char seed[CERTIFY_SEED_LEN])
{
	crypto_sign_seed_keypair(s->pub.pk, s->sk, seed);
}

/* See certify.h. */
void
certify_keypair_new(struct certify_signer *s,
    unsigned char seed[CERTIFY_SEED_LEN])
{
	randombytes_buf(seed, CERTIFY_SEED_LEN);
	certify_keypair_seed(s, seed);
}

/* See certify.h. */
void
certify_signer_clear(struct certify_signer *s)
{
	sodium_memzero(s->sk, sizeof(s->sk));
}

/* See certify.h. */
int
certify_key_path(const char *var, const char *id, char *path, size_t pathsz)
{
	int	 n;

	if (var == NULL || var[0] == '\0' || !certify_key_id_valid(id))
		return -1;
	n = snprintf(path, pathsz, "%s/keys/sign-%s.key", var, id);
	return n < 0 || (size_t)n >= pathsz ? -1 : 0;
}

/* See certify.h. */
int
certify_key_write(const char *var, const char *id,
    const unsigned char seed[CERTIFY_SEED_LEN])
{
	struct stat	 dst;
	char		 dir[4096], path[4096];
	int		 fd, saved;

	if (certify_key_path(var, id, path, sizeof(path)) != 0) {
		errno = EINVAL;
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s/keys", var);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	/* O_EXCL: a key file is never replaced (its documents would no
	 * longer verify against the public key on record). */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) == -1)
		return -1;
	/* Run as root (an installation's `keys init`), the secret goes to
	 * whoever owns the key folder: the service account the programs
	 * run as (www-data under Apache), which must read it. */
	if (geteuid() == 0 && stat(dir, &dst) == 0 && dst.st_uid != 0 &&
	    fchown(fd, dst.st_uid, dst.st_gid) != 0) {
		saved = errno;
		close(fd);
		unlink(path);
		errno = saved;
		return -1;
	}
	if (write(fd, seed, CERTIFY_SEED_LEN) != CERTIFY_SEED_LEN ||
	    fsync(fd) != 0) {
		saved = errno != 0 ? errno : EIO;
		close(fd);
		unlink(path);
		errno = saved;
		return -1;
	}
	return close(fd);
}

/* See certify.h. */
int
certify_signer_load(const char *var, const char *id,
    const unsigned char *pk, struct certify_signer *s, const char **why)
{
	unsigned char	 seed[CERTIFY_SEED_LEN + 1];
	char		 path[4096];
	struct stat	 st;
	ssize_t		 n;
	int		 fd = -1, rc = -1;

	memset(s, 0, sizeof(*s));
	*why = NULL;
	if (certify_key_path(var, id, path, sizeof(path)) != 0) {
		*why = "bad key id or Paths.Var";
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		*why = "cannot open the key file";
		goto out;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = "the key file is not a regular file";
		goto out;
	}
	if ((st.st_mode & 077) != 0) {
		*why = "the key file is readable by others (want mode 0600)";
		goto out;
	}
	if ((n = read(fd, seed, sizeof(seed))) != CERTIFY_SEED_LEN) {
		*why = "the key file does not hold 32 bytes";
		goto out;
	}
	certify_keypair_seed(s, seed);
	if (pk != NULL && sodium_memcmp(pk, s->pub.pk, CERTIFY_PK_LEN) != 0) {
		*why = "the key file does not match the public key on record";
		certify_signer_clear(s);
		goto out;
	}
	snprintf(s->pub.id, sizeof(s->pub.id), "%s", id);
	rc = 0;
out:
	sodium_memzero(seed, sizeof(seed));
	if (fd != -1)
		close(fd);
	return rc;
}

/* See certify.h. */
int
certify_keyring_add(struct certify_keyring *ring,
    const struct certify_pubkey *k)
{
	struct certify_pubkey	*nk;
	size_t			 ncap;

	if (!certify_key_id_valid(k->id) ||
	    certify_keyring_find(ring, k->id) != NULL ||
	    ring->nkeys >= KEYRING_MAX)
		return -1;
	if (ring->nkeys == ring->cap) {
		ncap = ring->cap == 0 ? 8 : ring->cap * 2;
		if ((nk = reallocarray(ring->keys, ncap, sizeof(*nk))) == NULL)
			return -1;
		ring->keys = nk;
		ring->cap = ncap;
	}
	ring->keys[ring->nkeys++] = *k;
	return 0;
}

/* See certify.h. */
const struct certify_pubkey *
certify_keyring_find(const struct certify_keyring *ring, const char *id)
{
	size_t	 i;

	for (i = 0; i < ring->nkeys; i++)
		if (strcmp(ring->keys[i].id, id) == 0)
			return &ring->keys[i];
	return NULL;
}

/* See certify.h. */
void
certify_keyring_free(struct certify_keyring *ring)
{
	free(ring->keys);
	memset(ring, 0, sizeof(*ring));
}

/*
 * Split line (n bytes, no newline) into at most max words separated by
 * spaces or tabs: word[i] and wlen[i]. Returns the number of words, or
 * max + 1 if there are more.
 */
static size_t
words(const char *line, size_t n, const char **word, size_t *wlen, size_t max)
{
	size_t	 i = 0, nw = 0, start;

	for (;;) {
		while (i < n && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == n)
			return nw;
		if (nw == max)
			return max + 1;
		start = i;
		while (i < n && line[i] != ' ' && line[i] != '\t')
			i++;
		word[nw] = line + start;
		wlen[nw++] = i - start;
	}
}

/*
 * One line of a published key file into *k. Returns 1 for a key, 0 for
 * a blank or comment line, -1 if malformed.
 */
static int
key_line(const char *line, size_t n, struct certify_pubkey *k)
{
	const char	*w[4];
	size_t		 wl[4], nw, binlen = 0;
	char		 b64[PK_B64_LEN + 1], again[PK_B64_LEN + 1];

	if (n > 0 && line[n - 1] == '\r')
		n--;
	nw = words(line, n, w, wl, 4);
	if (nw == 0 || w[0][0] == '#')
		return 0;
	if (nw != 4 || wl[0] > CERTIFY_KEYID_MAX || wl[3] != PK_B64_LEN)
		return -1;
	memset(k, 0, sizeof(*k));
	memcpy(k->id, w[0], wl[0]);
	if (!certify_key_id_valid(k->id) ||
	    certify_time_parse(w[1], wl[1], &k->valid_from) != 0)
		return -1;
	if (wl[2] == 1 && w[2][0] == '-')
		k->valid_until = 0;
	else if (certify_time_parse(w[2], wl[2], &k->valid_until) != 0 ||
	    k->valid_until <= k->valid_from)
		return -1;
	memcpy(b64, w[3], PK_B64_LEN);
	b64[PK_B64_LEN] = '\0';
	if (sodium_base642bin(k->pk, sizeof(k->pk), b64, PK_B64_LEN, NULL,
	    &binlen, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    binlen != CERTIFY_PK_LEN)
		return -1;
	sodium_bin2base64(again, sizeof(again), k->pk, sizeof(k->pk),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return strcmp(again, b64) == 0 ? 1 : -1;
}

/* See certify.h. */
int
certify_keyring_parse(struct certify_keyring *ring, const char *text,
    size_t len, size_t *line)
{
	struct certify_pubkey	 k;
	const char		*p = text, *end = text + len, *nl;
	size_t			 n = 0;
	int			 rc;

	*line = 0;
	if (memchr(text, '\0', len) != NULL) {
		*line = 1;
		return -1;
	}
	while (p < end) {
		n++;
		nl = memchr(p, '\n', (size_t)(end - p));
		rc = key_line(p, (size_t)((nl != NULL ? nl : end) - p), &k);
		if (rc < 0 || (rc == 1 && certify_keyring_add(ring, &k) != 0)) {
			*line = n;
			return -1;
		}
		p = nl != NULL ? nl + 1 : end;
	}
	return 0;
}

/* See certify.h. */
int
certify_pubkey_format(const struct certify_pubkey *k, struct buf *out)
{
	char	 from[CERTIFY_TIME_LEN + 1], until[CERTIFY_TIME_LEN + 1];
	char	 b64[PK_B64_LEN + 1];

	if (!certify_key_id_valid(k->id) ||
	    certify_time_text(k->valid_from, from) != 0)
		return -1;
	if (k->valid_until == 0)
		snprintf(until, sizeof(until), "-");
	else if (certify_time_text(k->valid_until, until) != 0)
		return -1;
	sodium_bin2base64(b64, sizeof(b64), k->pk, sizeof(k->pk),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return buf_printf(out, "%s %s %s %s\n", k->id, from, until, b64);
}

/* See certify.h. */
int
certify_pubkey_signed_nothing(const struct certify_pubkey *k)
{
	return k->valid_until != 0 && k->valid_until <= k->valid_from;
}

/* See certify.h. */
int
certify_keyfile_format(const struct certify_keyring *ring, struct buf *out)
{
	size_t	 i;

	if (buf_puts(out, "# Havre: the public keys that sign issued "
	    "documents (docs/certificates.md)\n# id valid_from "
	    "valid_until(exclusive, - for none) "
	    "ed25519_public_key(base64url)\n") != 0)
		return -1;
	for (i = 0; i < ring->nkeys; i++)
		if (!certify_pubkey_signed_nothing(&ring->keys[i]) &&
		    certify_pubkey_format(&ring->keys[i], out) != 0)
			return -1;
	return 0;
}

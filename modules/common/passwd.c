/*
 * passwd.c: argon2id hashing under a concurrency limit, and the policy.
 *
 * One hash costs ~150 ms and 64 MiB (STACK-FACTS.md), so a burst of
 * logins could exhaust memory: at most Auth.HashSlots hashes run at once
 * on a machine, whatever the number of workers and programs. Each slot
 * is a lock file under Paths.Var/locks taken with flock(); a caller
 * waits up to two seconds for a free slot, then gets a 503.
 */
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "conf.h"
#include "log.h"
#include "passwd.h"

#define MAX_SLOTS	16
#define SLOT_WAIT_MS	2000

static char	lock_dir[256];
static long	nslots = 2;

/*
 * The hash of a random password nobody knows, with the same parameters
 * as real hashes: verifying against it costs what a real verification
 * costs, so an unknown username answers in the same time.
 */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=65536,t=2,p=1$JR0d3Av1TBB2bcjqJXC4DQ$"
    "FDcBGd7vcqnTVHhDoDbqzcCOR5cjEW3Q3KWKTmCR/a4";

/*
 * Common passwords of policy length (shorter ones fail the length rule
 * anyway), compared case-insensitively. Drawn from the usual leaked-list
 * top entries, padded variants, and French keyboard/word variants.
 */
static const char *const common_passwords[] = {
	"000000000000", "012345678910", "111111111111", "123123123123",
	"1234567890123", "123456789012", "123456789abc", "1234qwerasdf",
	"1q2w3e4r5t6y", "1qaz2wsx3edc", "987654321000", "aaaaaaaaaaaa",
	"abc123456789", "abcdefgh1234", "abcdefghijkl", "admin1234567",
	"adminadmin12", "administrator", "asdfghjkl123", "azertyazerty",
	"azertyuiop12", "azertyuiop123", "baseball1234", "bonjour12345",
	"changeme1234", "changemechangeme", "computer1234", "dragon123456",
	"football1234", "havrehavre12", "iloveyou1234", "internet1234",
	"jetaime12345", "letmein12345", "marseille1234", "michael12345",
	"monkey123456", "motdepasse12", "motdepasse123", "motdepasse1234",
	"p@ssw0rd1234", "passw0rd1234", "password1234", "password12345",
	"password123!", "passwordpassword", "princess1234", "qwer1234asdf",
	"qwerty123456", "qwertyqwerty", "qwertyuiop12", "qwertyuiop123",
	"qwertyuiopasdf", "secret123456", "soleil123456", "starwars1234",
	"sunshine1234", "superman1234", "trustno1trustno1", "welcome12345",
	"welcome@1234", "zaq12wsxcde3",
};

/* See passwd.h. */
void
passwd_init(const struct conf *conf)
{
	const char	*var = conf->var;

	nslots = conf_get_int(conf, "Auth.HashSlots", 2);
	if (nslots < 1 || nslots > MAX_SLOTS)
		nslots = 2;
	if (var == NULL || *var == '\0')
		return;
	snprintf(lock_dir, sizeof(lock_dir), "%s/locks", var);
	if (mkdir(lock_dir, 0700) != 0 && errno != EEXIST) {
		log_warn("cannot create %s: hashing is not limited", lock_dir);
		lock_dir[0] = '\0';
	}
}

/*
 * Take a hashing slot. Returns an fd holding the lock (release with
 * slot_release), -1 if no lock directory is configured (no limit), or
 * -2 if every slot stayed busy for SLOT_WAIT_MS.
 */
static int
slot_take(void)
{
	char		path[300];
	long		i;
	int		fd, waited = 0;
	struct timespec	ts = {0, 20 * 1000 * 1000};

	if (lock_dir[0] == '\0')
		return -1;
	for (;;) {
		for (i = 0; i < nslots; i++) {
			snprintf(path, sizeof(path), "%s/hash.%ld", lock_dir, i);
			if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC,
			    0600)) < 0)
				return -1;
			if (flock(fd, LOCK_EX | LOCK_NB) == 0)
				return fd;
			close(fd);
		}
		if (waited >= SLOT_WAIT_MS)
			return -2;
		nanosleep(&ts, NULL);
		waited += 20;
	}
}

static void
slot_release(int fd)
{
	if (fd >= 0)
		close(fd);	/* closing the file drops the flock */
}

/* See passwd.h. */
int
passwd_hash(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	int	fd = slot_take(), rc;

	if (fd == -2)
		return -2;
	rc = crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ? 0 : -1;
	slot_release(fd);
	return rc;
}

/* See passwd.h. */
int
passwd_verify(const char *hash, const char *pw)
{
	int	fd = slot_take(), rc;

	if (fd == -2)
		return -2;
	rc = crypto_pwhash_str_verify(hash ? hash : dummy_hash, pw,
	    strlen(pw)) == 0;
	slot_release(fd);
	/* Nobody knows the dummy's password, but be explicit. */
	return hash ? rc : 0;
}

/* See passwd.h. */
const char *
passwd_policy(const char *pw, const char *username)
{
	size_t	i, n;

	if (!utf8_valid(pw, strlen(pw)))
		return "Password.Error.Invalid";
	n = utf8_len(pw);
	if (n < PASSWORD_MIN_LENGTH)
		return "Password.Error.TooShort";
	if (n > PASSWORD_MAX_LENGTH)
		return "Password.Error.TooLong";
	for (i = 0; i < sizeof(common_passwords) / sizeof(common_passwords[0]);
	    i++)
		if (strcasecmp(pw, common_passwords[i]) == 0)
			return "Password.Error.Common";
	if (username != NULL && strcasestr(pw, username) != NULL &&
	    strlen(username) * 2 >= strlen(pw))
		return "Password.Error.Username";
	/* One character repeated is as weak as a short password. */
	if (strspn(pw, (char[]){pw[0], '\0'}) == strlen(pw))
		return "Password.Error.Common";
	return NULL;
}

/* See passwd.h. No 0/O, 1/l/I: it is read aloud or copied by hand. */
void
passwd_temporary(char out[20])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	size_t	i, j = 0;

	for (i = 0; i < 16; i++) {
		if (i > 0 && i % 4 == 0)
			out[j++] = '-';
		out[j++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	out[j] = '\0';
}

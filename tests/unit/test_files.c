/*
 * test_files.c: unit tests of the document store's disk side (files.c)
 * on a temporary folder, without a database: a photo written and read
 * back (type by libmagic, BLAKE2b of the plaintext, ciphertext on
 * disk, mode 0600, no temporary file left), the use's allow-list and
 * cap, and the detection of a flipped byte, a truncated file, another
 * hash or size, a removed file, a malformed id, and a missing key.
 */
#define _GNU_SOURCE	/* memmem, nftw */

#include <sys/stat.h>

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "conf.h"
#include "files.h"
#include "tap.h"

/* A 1x1 PNG. */
static const unsigned char png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
	0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
	0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63,
	0x64, 0xf8, 0xcf, 0x50, 0x0f, 0x00, 0x03, 0x86, 0x01, 0x80, 0x5a,
	0x34, 0x7d, 0x6b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
	0xae, 0x42, 0x60, 0x82,
};

/* The path of file id in the store of c. */
static void
stored_path(const struct conf *c, const char *id, char *path, size_t sz)
{
	snprintf(path, sz, "%s/%.2s/%s", c->files, id, id);
}

/* The bytes of path into buf (at most sz). Returns the length or -1. */
static long
slurp(const char *path, unsigned char *buf, size_t sz)
{
	FILE	*f;
	size_t	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	n = fread(buf, 1, sz, f);
	fclose(f);
	return (long)n;
}

/* Write len bytes of buf to path. Returns 0 or -1. */
static int
spill(const char *path, const unsigned char *buf, size_t len)
{
	FILE	*f;
	int	 rc = 0;

	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	if (fwrite(buf, 1, len, f) != len)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

/* Returns the number of entries of dir whose name ends in ".tmp". */
static int
temporaries(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 l;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if ((l = strlen(e->d_name)) > 4 &&
		    strcmp(e->d_name + l - 4, ".tmp") == 0)
			n++;
	closedir(d);
	return n;
}

/* nftw callback: remove one entry. */
static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Write a photo, read it back, and check what lies on disk. */
static void
test_round_trip(const struct conf *c, struct files_meta *m)
{
	unsigned char	 h[32], disk[512];
	char		 hex[65], path[1100], dir[1100], key[1100];
	void		*data = NULL;
	size_t		 len = 0;
	struct stat	 sb;
	long		 n;

	is_int(files_write(c, FILES_PERSON_PHOTO, png, sizeof(png), m),
	    FILES_OK, "a PNG is stored as a person photo");
	is_str(m->mime, "image/png", "its type is libmagic's");
	is_int(m->size, sizeof(png), "its size is the plaintext's");
	crypto_generichash(h, sizeof(h), png, sizeof(png), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	is_str(m->hash, hex, "its hash is BLAKE2b-256 of the plaintext");
	ok(strlen(m->id) == FILES_ID_LEN && strspn(m->id,
	    "0123456789abcdef") == FILES_ID_LEN, "its id is 32 hex: %s",
	    m->id);
	is_str(files_use_name(m->use), "person.photo", "its use's name");

	stored_path(c, m->id, path, sizeof(path));
	ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600,
	    "the file is Paths.Files/<ab>/<id>, mode 0600");
	n = slurp(path, disk, sizeof(disk));
	is_int(n, (long)(sizeof(png) +
	    crypto_secretstream_xchacha20poly1305_HEADERBYTES +
	    crypto_secretstream_xchacha20poly1305_ABYTES),
	    "it holds the header, the ciphertext and the tag");
	ok(n > 16 && memmem(disk, (size_t)n, "IHDR", 4) == NULL,
	    "the plaintext does not show on disk");
	snprintf(dir, sizeof(dir), "%s/%.2s", c->files, m->id);
	is_int(temporaries(dir), 0, "no temporary file is left");
	snprintf(key, sizeof(key), "%s/keys/upload.key", c->var);
	ok(stat(key, &sb) == 0 && (sb.st_mode & 0777) == 0600 &&
	    sb.st_size == 32, "the key file is 32 bytes, mode 0600");

	is_int(files_read(c, m->id, m->hash, m->size, &data, &len), FILES_OK,
	    "it reads back with its hash and size");
	ok(data != NULL && len == sizeof(png) &&
	    memcmp(data, png, len) == 0, "the same bytes");
	free(data);
}

/* The use's allow-list and cap, and empty files. */
static void
test_refusals(const struct conf *c)
{
	static const char	 html[] = "<html><script>alert(1)</script>";
	struct files_meta	 m;
	unsigned char		*big;

	is_int(files_write(c, FILES_PERSON_PHOTO, html, sizeof(html) - 1,
	    &m), FILES_BAD_TYPE, "HTML named .png is refused");
	is_int(files_write(c, FILES_PERSON_PHOTO, png, 0, &m), FILES_EMPTY,
	    "an empty file is refused");
	if ((big = calloc(1, FILES_PHOTO_MAX + 1)) == NULL)
		abort();
	memcpy(big, png, sizeof(png));
	is_int(files_write(c, FILES_PERSON_PHOTO, big, FILES_PHOTO_MAX + 1,
	    &m), FILES_TOO_BIG, "a photo over the cap is refused");
	free(big);
}

/* Another hash or size, a flipped byte, a truncated file. */
static void
test_tampering(const struct conf *c, const struct files_meta *m)
{
	unsigned char	 disk[512];
	char		 path[1100], other[FILES_HASH_LEN + 1];
	void		*data = NULL;
	size_t		 len;
	long		 n;

	snprintf(other, sizeof(other), "%s", m->hash);
	other[0] = other[0] == '0' ? '1' : '0';
	is_int(files_read(c, m->id, other, m->size, &data, &len),
	    FILES_ALTERED, "another recorded hash: altered");
	ok(data == NULL, "and no bytes");
	is_int(files_read(c, m->id, m->hash, m->size + 1, &data, &len),
	    FILES_ALTERED, "another recorded size: altered");
	is_int(files_read(c, m->id, "", m->size, &data, &len),
	    FILES_ALTERED, "an empty recorded hash: altered");

	stored_path(c, m->id, path, sizeof(path));
	n = slurp(path, disk, sizeof(disk));
	disk[n / 2] ^= 0x01;
	ok(spill(path, disk, (size_t)n) == 0, "one bit flipped on disk");
	is_int(files_read(c, m->id, NULL, 0, &data, &len), FILES_ALTERED,
	    "a flipped bit does not decrypt");
	disk[n / 2] ^= 0x01;
	ok(spill(path, disk, (size_t)n - 1) == 0, "the file truncated");
	is_int(files_read(c, m->id, NULL, 0, &data, &len), FILES_ALTERED,
	    "a truncated file does not decrypt");
	ok(spill(path, disk, (size_t)n) == 0, "the file restored");
	is_int(files_read(c, m->id, m->hash, m->size, &data, &len), FILES_OK,
	    "the restored file reads again");
	free(data);
}

/* Removed files, malformed ids, a missing key. */
static void
test_missing(const struct conf *c, const char *tmp)
{
	struct files_meta	 m;
	struct conf		 nokey;
	char			 var[512], key[1100];
	void			*data = NULL;
	size_t			 len;
	struct stat		 sb;

	if (files_write(c, FILES_PERSON_PHOTO, png, sizeof(png), &m) !=
	    FILES_OK)
		abort();
	is_int(files_unlink(c, m.id), 0, "a file is removed");
	is_int(files_read(c, m.id, m.hash, m.size, &data, &len),
	    FILES_MISSING, "a removed file is missing");
	is_int(files_unlink(c, m.id), 0, "removing it again is no error");
	is_int(files_read(c, "../../etc/passwd", NULL, 0, &data, &len),
	    FILES_MISSING, "a path is not an id");
	is_int(files_unlink(c, "../x"), -1, "nor for removal");

	snprintf(var, sizeof(var), "%s/nokey", tmp);
	if (mkdir(var, 0700) != 0)
		abort();
	nokey = *c;
	nokey.var = var;
	if (files_write(c, FILES_PERSON_PHOTO, png, sizeof(png), &m) !=
	    FILES_OK)
		abort();
	is_int(files_read(&nokey, m.id, m.hash, m.size, &data, &len),
	    FILES_ERROR, "without the key file: an error, not altered");
	snprintf(key, sizeof(key), "%s/keys/upload.key", var);
	ok(stat(key, &sb) == -1, "and reading made no new key");
}

/* The download name of an upload, as both dossier uploads make it. */
static void
test_upload_name(void)
{
	char	out[201], small[12];

	files_upload_name("Scan 2026/é-01.pdf", "application/pdf", "document",
	    out, sizeof(out));
	is_str(out, "Scan2026-01.pdf", "only [A-Za-z0-9._-] is kept");
	files_upload_name("../../passwd", "image/png", "answer", out,
	    sizeof(out));
	is_str(out, "answer.png", "a name starting with a dot: the fallback");
	files_upload_name("مستند", "image/jpeg", "document", out, sizeof(out));
	is_str(out, "document.jpg", "nothing left: the stem and the type");
	files_upload_name(NULL, "application/pdf", "answer", out, sizeof(out));
	is_str(out, "answer.pdf", "no name: the stem and the type");
	files_upload_name("abcdefghijklmnop.pdf", "application/pdf", "document",
	    small, sizeof(small));
	is_str(small, "abcdef", "cut to leave room for an extension");
}

int
main(void)
{
	struct conf		 c;
	struct files_meta	 m;
	char			 tmp[] = "/tmp/havre-test-files-XXXXXX";
	char			 store[100];

	if (sodium_init() < 0 || mkdtemp(tmp) == NULL)
		return 1;
	snprintf(store, sizeof(store), "%s/store", tmp);
	memset(&c, 0, sizeof(c));
	c.var = tmp;
	c.files = store;

	test_round_trip(&c, &m);
	test_refusals(&c);
	test_tampering(&c, &m);
	test_missing(&c, tmp);
	test_upload_name();

	nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return done_testing();
}

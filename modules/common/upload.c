/*
 * upload.c: the upload store (see upload.h). Layout under Paths.Var:
 *   keys/upload.key        32-byte secretstream key, mode 0600, made once
 *   files/<ab>/<id>        secretstream header + one encrypted chunk
 * The id is 16 random bytes in hex; the client's file name is never
 * used for storage.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <magic.h>
#include <sodium.h>

#include "app.h"
#include "conf.h"
#include "crypto.h"
#include "log.h"
#include "upload.h"

/* See upload.h. */
const char *const upload_photo_types[] = {"image/jpeg", "image/png", NULL};

/* Content types upload_send() may answer with (constants, since the
 * response keeps a pointer to it). */
static const char *const send_types[] = {
	"image/jpeg", "image/png", "application/pdf", NULL,
};

/* libmagic, opened once per process (magic_load costs 0.1-0.2 ms). */
static magic_t	magic_cookie;

/*
 * Open libmagic on first use. Returns the cookie, or NULL (logged).
 */
static magic_t
magic_get(void)
{
	if (magic_cookie != NULL)
		return magic_cookie;
	if ((magic_cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) == NULL) {
		log_err("upload: magic_open failed");
		return NULL;
	}
	if (magic_load(magic_cookie, NULL) != 0) {
		log_err("upload: magic_load: %s", magic_error(magic_cookie));
		magic_close(magic_cookie);
		magic_cookie = NULL;
	}
	return magic_cookie;
}

/* See upload.h. */
int
upload_sniff(const void *data, size_t len, char *mime, size_t mimesz)
{
	magic_t		 m;
	const char	*t;

	if ((m = magic_get()) == NULL)
		return -1;
	if ((t = magic_buffer(m, data, len)) == NULL) {
		log_err("upload: magic_buffer: %s", magic_error(m));
		return -1;
	}
	snprintf(mime, mimesz, "%s", t);
	return 0;
}

/*
 * Make directory path (mode 0700) if it does not exist.
 * Returns 0, or -1 (logged).
 */
static int
dir_make(const char *path)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	log_err("upload: mkdir %s: %s", path, strerror(errno));
	return -1;
}

/*
 * The store's key: Paths.Var/keys/upload.key (see key_file_get).
 * Returns 0, or -1 (logged).
 */
static int
key_get(const struct conf *conf,
    unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES])
{
	return key_file_get(conf, "upload", key,
	    crypto_secretstream_xchacha20poly1305_KEYBYTES);
}

/*
 * The path of file id (already checked to be UPLOAD_ID_LEN hex) and,
 * when dir is not NULL, of its folder.
 */
static void
file_path(const struct conf *conf, const char *id, char *dir, size_t dirsz,
    char *path, size_t pathsz)
{
	if (dir != NULL)
		snprintf(dir, dirsz, "%s/files/%.2s", conf->var, id);
	snprintf(path, pathsz, "%s/files/%.2s/%s", conf->var, id, id);
}

/* Returns 1 if s is one of the NULL-terminated list, else 0. */
static int
type_allowed(const char *s, const char *const *list)
{
	size_t	i;

	for (i = 0; list != NULL && list[i] != NULL; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* See upload.h. */
enum upload_rc
upload_save(const struct conf *conf, const void *data, size_t len,
    size_t maxbytes, const char *const *allowed, char id[UPLOAD_ID_LEN + 1],
    char *mime, size_t mimesz)
{
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char	 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	unsigned char	 header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	unsigned char	*cipher = NULL;
	unsigned long long clen;
	char		 top[600], dir[600], path[700], tmp[720];
	enum upload_rc	 rc = UPLOAD_ERROR;
	FILE		*f = NULL;
	int		 fd;

	tmp[0] = '\0';
	if (len == 0)
		return UPLOAD_EMPTY;
	if (len > maxbytes)
		return UPLOAD_TOO_BIG;
	if (upload_sniff(data, len, mime, mimesz) == -1)
		return UPLOAD_ERROR;
	if (!type_allowed(mime, allowed))
		return UPLOAD_BAD_TYPE;
	if (key_get(conf, key) == -1)
		return UPLOAD_ERROR;
	token_hex(id, UPLOAD_ID_LEN / 2);
	snprintf(top, sizeof(top), "%s/files", conf->var);
	file_path(conf, id, dir, sizeof(dir), path, sizeof(path));
	if (dir_make(top) == -1 || dir_make(dir) == -1)
		goto out;

	/* One chunk, tagged FINAL: a truncated file does not decrypt. */
	if ((cipher = malloc(len +
	    crypto_secretstream_xchacha20poly1305_ABYTES)) == NULL)
		goto out;
	crypto_secretstream_xchacha20poly1305_init_push(&st, header, key);
	crypto_secretstream_xchacha20poly1305_push(&st, cipher, &clen, data,
	    len, NULL, 0, crypto_secretstream_xchacha20poly1305_TAG_FINAL);

	/* Written to a temporary name, then renamed into place. */
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1 || (f = fdopen(fd, "wb")) == NULL) {
		log_err("upload: cannot create %s: %s", tmp, strerror(errno));
		if (fd != -1)
			close(fd);
		tmp[0] = '\0';
		goto out;
	}
	if (fwrite(header, 1, sizeof(header), f) != sizeof(header) ||
	    fwrite(cipher, 1, (size_t)clen, f) != (size_t)clen ||
	    fflush(f) != 0 || fsync(fileno(f)) == -1) {
		log_err("upload: cannot write %s", tmp);
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		goto out;
	}
	f = NULL;
	if (rename(tmp, path) == -1) {
		log_err("upload: rename %s: %s", path, strerror(errno));
		goto out;
	}
	tmp[0] = '\0';
	rc = UPLOAD_OK;
out:
	if (f != NULL)
		fclose(f);
	if (tmp[0] != '\0')
		unlink(tmp);
	free(cipher);
	sodium_memzero(key, sizeof(key));
	sodium_memzero(&st, sizeof(st));
	return rc;
}

/* See upload.h. */
int
upload_load(const struct conf *conf, const char *id, void **data,
    size_t *len)
{
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char	 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	unsigned char	 header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	unsigned char	*cipher = NULL, *plain = NULL, tag;
	unsigned long long plen;
	char		 path[700];
	struct stat	 sb;
	size_t		 clen;
	FILE		*f = NULL;
	int		 rc = -1;

	*data = NULL;
	*len = 0;
	if (id == NULL || !is_hex(id, UPLOAD_ID_LEN))
		return -1;
	if (key_get(conf, key) == -1)
		return -1;
	file_path(conf, id, NULL, 0, path, sizeof(path));
	if ((f = fopen(path, "rb")) == NULL || fstat(fileno(f), &sb) == -1)
		goto out;
	if ((size_t)sb.st_size < sizeof(header) +
	    crypto_secretstream_xchacha20poly1305_ABYTES)
		goto out;
	clen = (size_t)sb.st_size - sizeof(header);
	if ((cipher = malloc(clen)) == NULL ||
	    (plain = malloc(clen + 1)) == NULL)
		goto out;
	if (fread(header, 1, sizeof(header), f) != sizeof(header) ||
	    fread(cipher, 1, clen, f) != clen)
		goto out;
	if (crypto_secretstream_xchacha20poly1305_init_pull(&st, header,
	    key) != 0 || crypto_secretstream_xchacha20poly1305_pull(&st, plain,
	    &plen, &tag, cipher, clen, NULL, 0) != 0 ||
	    tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
		log_err("upload: file %s does not decrypt", id);
		goto out;
	}
	*data = plain;
	*len = (size_t)plen;
	plain = NULL;
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	free(cipher);
	free(plain);
	sodium_memzero(key, sizeof(key));
	return rc;
}

/* See upload.h. */
int
upload_remove(const struct conf *conf, const char *id)
{
	char	path[700];

	if (id == NULL || !is_hex(id, UPLOAD_ID_LEN))
		return -1;
	file_path(conf, id, NULL, 0, path, sizeof(path));
	return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}

/* See upload.h. */
int
upload_send(struct req *r, const char *id, const char *mime,
    const char *filename)
{
	const char	*ctype = "application/octet-stream";
	char		 disp[160], safe[96];
	void		*data = NULL;
	size_t		 len, i, j = 0;

	for (i = 0; send_types[i] != NULL; i++)
		if (mime != NULL && strcmp(mime, send_types[i]) == 0)
			ctype = send_types[i];
	for (i = 0; filename != NULL && filename[i] != '\0' &&
	    j + 1 < sizeof(safe); i++)
		if ((filename[i] >= 'a' && filename[i] <= 'z') ||
		    (filename[i] >= 'A' && filename[i] <= 'Z') ||
		    (filename[i] >= '0' && filename[i] <= '9') ||
		    filename[i] == '.' || filename[i] == '_' ||
		    filename[i] == '-')
			safe[j++] = filename[i];
	safe[j] = '\0';
	if (j == 0)
		snprintf(safe, sizeof(safe), "file");
	if (upload_load(r->conf, id, &data, &len) == -1)
		return 404;
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", safe);
	/* nosniff and no-store come with every response (app.c). */
	resp_header(r, "Content-Disposition", disp);
	resp_bytes(r, 200, ctype, data, len);
	sodium_memzero(data, len);
	free(data);
	return 200;
}

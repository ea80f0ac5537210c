/*
 * files.c: the document store (see files.h). Layout:
 *   Paths.Var/keys/upload.key   32-byte secretstream key, mode 0600
 *                               (the name upload.c used, so files it
 *                               stored still decrypt)
 *   Paths.Files/<ab>/<id>       secretstream header + one encrypted chunk
 * The id is 16 random bytes in hex; the client's file name is never
 * used for storage. A file is written under a temporary name in its
 * final folder, fsync'ed, renamed into place and the folder fsync'ed,
 * so that another host reading the shared folder sees it whole or not
 * at all.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <magic.h>
#include <sodium.h>

#include "app.h"
#include "audit.h"
#include "common_sql.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "files.h"
#include "log.h"

#define KEYBYTES	crypto_secretstream_xchacha20poly1305_KEYBYTES
#define HEADERBYTES	crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define ABYTES		crypto_secretstream_xchacha20poly1305_ABYTES

/* A use: its name, allow-list (NULL-terminated) and cap. */
struct files_use_spec {
	const char		*name;
	const char *const	*types;
	size_t			 max_bytes;
};

static const char *const photo_types[] = {"image/jpeg", "image/png", NULL};
/* A case file's documents: scans and PDFs as agencies receive them. */
static const char *const document_types[] = {"application/pdf",
	"image/jpeg", "image/png", NULL};

/* A rendered page: what pdftoppm -png writes. */
static const char *const page_types[] = {"image/png", NULL};

/* An issued document: what libcertify's certify_pdf() writes. */
static const char *const issued_types[] = {"application/pdf", NULL};

static const struct files_use_spec uses[FILES_USE__MAX] = {
	[FILES_PERSON_PHOTO] = {"person.photo", photo_types, FILES_PHOTO_MAX},
	[FILES_DOSSIER_DOCUMENT] = {"dossier.document", document_types,
	    FILES_DOCUMENT_MAX},
	/* A service's or partner's answer to an exchange: the same kinds
	 * of files (a medical report, a verified scan, a translation). */
	[FILES_EXCHANGE_ANSWER] = {"exchange.answer", document_types,
	    FILES_DOCUMENT_MAX},
	/* A civil-status act's source documents, and their PDF pages as
	 * images (rendered outside the worker, stored encrypted too). */
	[FILES_CIVIL_SOURCE] = {"civil.source", document_types,
	    FILES_DOCUMENT_MAX},
	[FILES_CIVIL_PAGE] = {"civil.page", page_types, FILES_DOCUMENT_MAX},
	/* A document havre-civil issued (libcertify's PDF), kept for
	 * printing again and for the person's download. */
	[FILES_CIVIL_ISSUED] = {"civil.issued", issued_types,
	    FILES_DOCUMENT_MAX},
};

/* Content types files_send() may answer with (constants, since the
 * response keeps a pointer to it). */
static const char *const send_types[] = {
	"image/jpeg", "image/png", "application/pdf", NULL,
};

/* libmagic, opened once per process (magic_load costs 0.1-0.2 ms). */
static magic_t	magic_cookie;

/* See files.h. */
const char *
files_use_name(enum files_use use)
{
	return use < FILES_USE__MAX ? uses[use].name : "";
}

/*
 * Open libmagic on first use. Returns the cookie, or NULL (logged).
 */
static magic_t
magic_get(void)
{
	if (magic_cookie != NULL)
		return magic_cookie;
	if ((magic_cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) == NULL) {
		log_err("files: magic_open failed");
		return NULL;
	}
	if (magic_load(magic_cookie, NULL) != 0) {
		log_err("files: magic_load: %s", magic_error(magic_cookie));
		magic_close(magic_cookie);
		magic_cookie = NULL;
	}
	return magic_cookie;
}

/* See files.h. */
int
files_sniff(const void *data, size_t len, char *mime, size_t mimesz)
{
	magic_t		 m;
	const char	*t;

	if ((m = magic_get()) == NULL)
		return -1;
	if ((t = magic_buffer(m, data, len)) == NULL) {
		log_err("files: magic_buffer: %s", magic_error(m));
		return -1;
	}
	snprintf(mime, mimesz, "%s", t);
	return 0;
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

/*
 * The store's key. Writing makes it on first use (key_file_get; hosts
 * sharing a folder must be given the same file before they write);
 * reading never does, since no file of the store would decrypt under a
 * new key: a missing key file is then an error, not "altered" files.
 * Returns 0, or -1 (logged).
 */
static int
key_get(const struct conf *conf, int create, unsigned char key[KEYBYTES])
{
	char		path[1024];
	struct stat	sb;

	/* The path key_file_get() uses for the name "upload". */
	snprintf(path, sizeof(path), "%s/keys/upload.key",
	    conf->var != NULL ? conf->var : "");
	if (!create && stat(path, &sb) == -1) {
		log_err("files: no key file %s: %s", path, strerror(errno));
		return -1;
	}
	return key_file_get(conf, "upload", key, KEYBYTES);
}

/*
 * The folder of file id (already checked to be FILES_ID_LEN hex) into
 * dir, and its path into path. Returns 0, or -1 if Paths.Files is not
 * set or the names do not fit (logged).
 */
static int
file_path(const struct conf *conf, const char *id, char *dir, size_t dirsz,
    char *path, size_t pathsz)
{
	int	n;

	if (conf->files == NULL || conf->files[0] == '\0') {
		log_err("files: Paths.Files is not set");
		return -1;
	}
	n = snprintf(dir, dirsz, "%s/%.2s", conf->files, id);
	if (n < 0 || (size_t)n >= dirsz)
		goto toolong;
	n = snprintf(path, pathsz, "%s/%s", dir, id);
	if (n < 0 || (size_t)n >= pathsz)
		goto toolong;
	return 0;
toolong:
	log_err("files: Paths.Files is too long");
	return -1;
}

/*
 * Returns 1 if errno value e means the store's disk (or the service
 * account's quota) is full.
 */
static int
disk_full(int e)
{
	return e == ENOSPC || e == EDQUOT;
}

/*
 * Make directory path (mode 0700) if it does not exist.
 * Returns 0, or -1 (logged; errno says why).
 */
static int
dir_make(const char *path)
{
	int	e;

	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	e = errno;
	log_err("files: mkdir %s: %s", path, strerror(e));
	errno = e;
	return -1;
}

/*
 * Flush folder path's entries (the rename) to stable storage.
 * Returns 0, or -1 (logged).
 */
static int
dir_sync(const char *path)
{
	int	fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		goto out;
	if (fsync(fd) == -1 && errno != EINVAL)
		goto out;
	rc = 0;
out:
	if (rc == -1)
		log_err("files: cannot sync %s: %s", path, strerror(errno));
	if (fd != -1)
		close(fd);
	return rc;
}

/*
 * Write len bytes of buf to fd, through short writes and EINTR.
 * Returns 0, or -1 with errno set.
 */
static int
write_all(int fd, const unsigned char *buf, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, buf, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Create path atomically with the len bytes of buf, mode 0600: written
 * to a temporary name beside it, fsync'ed, renamed, then the folder dir
 * fsync'ed. A full disk shows at write, fsync or close (NFS reports
 * it there); nothing is left behind then either.
 * Returns 0, -1 (logged; no temporary file is left), or -2 when the
 * disk is full (logged; no temporary file is left).
 */
static int
file_put(const char *dir, const char *path, const unsigned char *buf,
    size_t len)
{
	char	tmp[1100];
	int	fd = -1, rc = -1, e = 0;

	/* The id is random: one writer per temporary name. */
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		e = errno;
		log_err("files: cannot create %s: %s", tmp, strerror(e));
		tmp[0] = '\0';
		goto out;
	}
	if (write_all(fd, buf, len) == -1 || fsync(fd) == -1) {
		e = errno;
		log_err("files: cannot write %s: %s", tmp, strerror(e));
		goto out;
	}
	if (close(fd) == -1) {
		e = errno;
		fd = -1;
		log_err("files: cannot close %s: %s", tmp, strerror(e));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) == -1) {
		e = errno;
		log_err("files: rename %s: %s", path, strerror(e));
		goto out;
	}
	tmp[0] = '\0';
	rc = dir_sync(dir);
out:
	if (fd != -1)
		close(fd);
	if (tmp[0] != '\0')
		unlink(tmp);
	return rc == -1 && disk_full(e) ? -2 : rc;
}

/*
 * Encrypt len bytes of data under key as one secretstream chunk tagged
 * FINAL (so that a truncated file does not decrypt): header then
 * ciphertext, in a malloc'd buffer (caller frees) of *outlen bytes.
 * Returns it, or NULL when out of memory.
 */
static unsigned char *
seal(const unsigned char key[KEYBYTES], const void *data, size_t len,
    size_t *outlen)
{
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char		*out;
	unsigned long long	 clen;

	if ((out = malloc(HEADERBYTES + len + ABYTES)) == NULL)
		return NULL;
	crypto_secretstream_xchacha20poly1305_init_push(&st, out, key);
	crypto_secretstream_xchacha20poly1305_push(&st, out + HEADERBYTES,
	    &clen, data, len, NULL, 0,
	    crypto_secretstream_xchacha20poly1305_TAG_FINAL);
	sodium_memzero(&st, sizeof(st));
	*outlen = HEADERBYTES + (size_t)clen;
	return out;
}

/*
 * Decrypt a file's bytes (header then one FINAL chunk) under key.
 * Returns a malloc'd plaintext (caller frees; one spare byte) of *len
 * bytes, or NULL if it does not decrypt (or out of memory: *altered is
 * then 0, else 1).
 */
static unsigned char *
unseal(const unsigned char key[KEYBYTES], const unsigned char *in,
    size_t inlen, size_t *len, int *altered)
{
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char		*plain = NULL, tag;
	unsigned long long	 plen;

	*altered = 1;
	if (inlen < HEADERBYTES + ABYTES)
		goto fail;
	if ((plain = malloc(inlen - HEADERBYTES - ABYTES + 1)) == NULL) {
		*altered = 0;
		goto fail;
	}
	if (crypto_secretstream_xchacha20poly1305_init_pull(&st, in,
	    key) != 0 || crypto_secretstream_xchacha20poly1305_pull(&st,
	    plain, &plen, &tag, in + HEADERBYTES, inlen - HEADERBYTES,
	    NULL, 0) != 0 ||
	    tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
		goto fail;
	sodium_memzero(&st, sizeof(st));
	*len = (size_t)plen;
	return plain;
fail:
	sodium_memzero(&st, sizeof(st));
	free(plain);
	return NULL;
}

/* BLAKE2b-256 of len bytes of data as 64 hex characters (out). */
static void
hash_hex(const void *data, size_t len, char out[FILES_HASH_LEN + 1])
{
	unsigned char	h[FILES_HASH_LEN / 2];

	crypto_generichash(h, sizeof(h), data, len, NULL, 0);
	sodium_bin2hex(out, FILES_HASH_LEN + 1, h, sizeof(h));
}

/*
 * Read the whole of path into a malloc'd buffer (caller frees) of *len
 * bytes. Returns it; NULL with *missing 1 if there is no such file,
 * NULL with *missing 0 on another error (logged).
 */
static unsigned char *
file_slurp(const char *path, size_t *len, int *missing)
{
	unsigned char	*buf = NULL;
	struct stat	 sb;
	FILE		*f;

	*missing = 0;
	if ((f = fopen(path, "rb")) == NULL) {
		if (errno == ENOENT)
			*missing = 1;
		else
			log_err("files: cannot open %s: %s", path,
			    strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) == -1 || sb.st_size < 0 ||
	    (buf = malloc((size_t)sb.st_size + 1)) == NULL ||
	    fread(buf, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
		log_err("files: cannot read %s", path);
		free(buf);
		buf = NULL;
	} else
		*len = (size_t)sb.st_size;
	fclose(f);
	return buf;
}

/* See files.h. */
enum files_rc
files_write(const struct conf *conf, enum files_use use, const void *data,
    size_t len, struct files_meta *meta)
{
	unsigned char	 key[KEYBYTES];
	unsigned char	*sealed = NULL;
	char		 dir[1024], path[1060];
	size_t		 sealedlen;
	enum files_rc	 rc = FILES_ERROR;

	memset(meta, 0, sizeof(*meta));
	if (use >= FILES_USE__MAX)
		return FILES_ERROR;
	if (len == 0)
		return FILES_EMPTY;
	if (len > uses[use].max_bytes)
		return FILES_TOO_BIG;
	if (files_sniff(data, len, meta->mime, sizeof(meta->mime)) == -1)
		return FILES_ERROR;
	if (!type_allowed(meta->mime, uses[use].types))
		return FILES_BAD_TYPE;
	if (key_get(conf, 1, key) == -1)
		return FILES_ERROR;
	token_hex(meta->id, FILES_ID_LEN / 2);
	meta->use = use;
	meta->size = len;
	hash_hex(data, len, meta->hash);
	if (file_path(conf, meta->id, dir, sizeof(dir), path,
	    sizeof(path)) == -1)
		goto out;
	if (dir_make(conf->files) == -1 || dir_make(dir) == -1) {
		if (disk_full(errno))
			rc = FILES_NO_SPACE;
		goto out;
	}
	if ((sealed = seal(key, data, len, &sealedlen)) == NULL)
		goto out;
	switch (file_put(dir, path, sealed, sealedlen)) {
	case 0:
		rc = FILES_OK;
		break;
	case -2:
		rc = FILES_NO_SPACE;
		break;
	default:
		break;
	}
out:
	free(sealed);
	sodium_memzero(key, sizeof(key));
	return rc;
}

/* See files.h. */
enum db_rc
files_record(struct db *db, const struct files_meta *meta, int64_t agent)
{
	struct db_stmt	*st;

	if ((st = db_cstmt(db, CSQL_FILE_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, meta->id);
	db_bind_text(st, 1, files_use_name(meta->use));
	db_bind_text(st, 2, meta->mime);
	db_bind_int(st, 3, (int64_t)meta->size);
	db_bind_text(st, 4, meta->hash);
	if (agent != 0)
		db_bind_int(st, 5, agent);
	else
		db_bind_null(st, 5);
	return db_exec(st);
}

/* See files.h. */
enum db_rc
files_forget(struct db *db, const char *id)
{
	struct db_stmt	*st;

	if ((st = db_cstmt(db, CSQL_FILE_DELETE)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, id);
	return db_exec(st);
}

/* See files.h. */
int
files_unlink(const struct conf *conf, const char *id)
{
	char	dir[1024], path[1060];

	if (id == NULL || !is_hex(id, FILES_ID_LEN))
		return -1;
	if (file_path(conf, id, dir, sizeof(dir), path, sizeof(path)) == -1)
		return -1;
	return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}

/*
 * Walk the store folder's subfolder dir (named for its ids' first two
 * characters, prefix) for files_walk.
 * Returns as files_walk does.
 */
static int
walk_dir(const char *dir, const char *prefix,
    int (*fn)(const struct files_entry *, void *), void *arg)
{
	struct files_entry	 e;
	struct dirent		*de;
	struct stat		 sb;
	DIR			*d;
	char			 path[1200];
	size_t			 n;
	int			 rc = 0;

	if ((d = opendir(dir)) == NULL) {
		log_err("files: cannot read %s: %s", dir, strerror(errno));
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if ((n != FILES_ID_LEN && (n != FILES_ID_LEN + 4 ||
		    strcmp(de->d_name + FILES_ID_LEN, ".tmp") != 0)) ||
		    strspn(de->d_name, "0123456789abcdef") != FILES_ID_LEN ||
		    strncmp(de->d_name, prefix, 2) != 0)
			continue;
		/* n <= FILES_ID_LEN + 4 here */
		if ((size_t)snprintf(path, sizeof(path), "%s/%.36s", dir,
		    de->d_name) >= sizeof(path))
			continue;
		if (lstat(path, &sb) == -1 || !S_ISREG(sb.st_mode))
			continue;	/* gone meanwhile, or not a file */
		memset(&e, 0, sizeof(e));
		memcpy(e.id, de->d_name, FILES_ID_LEN);
		e.temporary = n != FILES_ID_LEN;
		e.mtime = sb.st_mtime;
		e.path = path;
		rc = fn(&e, arg);
	}
	closedir(d);
	return rc;
}

/* See files.h. */
int
files_walk(const struct conf *conf,
    int (*fn)(const struct files_entry *, void *), void *arg)
{
	struct dirent	*de;
	DIR		*d;
	char		 dir[1100];
	int		 rc = 0;

	if (conf->files == NULL || conf->files[0] == '\0') {
		log_err("files: Paths.Files is not set");
		return -1;
	}
	if ((d = opendir(conf->files)) == NULL) {
		if (errno == ENOENT)
			return 0;
		log_err("files: cannot read %s: %s", conf->files,
		    strerror(errno));
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (strlen(de->d_name) != 2 || !is_hex(de->d_name, 2))
			continue;
		snprintf(dir, sizeof(dir), "%s/%s", conf->files, de->d_name);
		rc = walk_dir(dir, de->d_name, fn, arg);
	}
	closedir(d);
	return rc;
}

/* See files.h. */
enum files_rc
files_read(const struct conf *conf, const char *id, const char *hash,
    size_t size, void **data, size_t *len)
{
	unsigned char	 key[KEYBYTES];
	unsigned char	*sealed = NULL, *plain = NULL;
	char		 dir[1024], path[1060], got[FILES_HASH_LEN + 1];
	size_t		 sealedlen = 0, plen = 0;
	enum files_rc	 rc = FILES_ERROR;
	int		 missing, altered;

	*data = NULL;
	*len = 0;
	if (id == NULL || !is_hex(id, FILES_ID_LEN))
		return FILES_MISSING;
	if (file_path(conf, id, dir, sizeof(dir), path, sizeof(path)) == -1)
		return FILES_ERROR;
	if (key_get(conf, 0, key) == -1)
		return FILES_ERROR;
	if ((sealed = file_slurp(path, &sealedlen, &missing)) == NULL) {
		rc = missing ? FILES_MISSING : FILES_ERROR;
		goto out;
	}
	if ((plain = unseal(key, sealed, sealedlen, &plen, &altered)) == NULL) {
		if (altered)
			log_err("files: file %s does not decrypt", id);
		rc = altered ? FILES_ALTERED : FILES_ERROR;
		goto out;
	}
	if (hash != NULL) {
		hash_hex(plain, plen, got);
		if (plen != size || strlen(hash) != FILES_HASH_LEN ||
		    sodium_memcmp(got, hash, FILES_HASH_LEN) != 0) {
			log_err("files: file %s is not the one recorded "
			    "(hash or size)", id);
			rc = FILES_ALTERED;
			goto out;
		}
	}
	*data = plain;
	*len = plen;
	plain = NULL;
	rc = FILES_OK;
out:
	if (plain != NULL)
		sodium_memzero(plain, plen);
	free(plain);
	free(sealed);
	sodium_memzero(key, sizeof(key));
	return rc;
}

/*
 * Copy filename's characters of [A-Za-z0-9._-] into safe (safesz
 * bytes); "file" when none is left.
 */
static void
safe_name(const char *filename, char *safe, size_t safesz)
{
	size_t	i, j = 0;
	char	c;

	for (i = 0; filename != NULL && filename[i] != '\0' &&
	    j + 1 < safesz; i++) {
		c = filename[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')
			safe[j++] = c;
	}
	safe[j] = '\0';
	if (j == 0)
		snprintf(safe, safesz, "file");
}

/*
 * The metadata of file id from its row: the send_types constant of its
 * type (application/octet-stream for another), size and hash.
 * Returns DB_ROW, DB_OK when there is no such row, or the error.
 */
static enum db_rc
meta_get(struct db *db, const char *id, const char **ctype, size_t *size,
    char hash[FILES_HASH_LEN + 1])
{
	struct db_stmt	*st;
	const char	*mime;
	enum db_rc	 rc;
	size_t		 i;

	if ((st = db_cstmt(db, CSQL_FILE_GET)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	*ctype = "application/octet-stream";
	mime = db_col_text(st, 0);
	for (i = 0; send_types[i] != NULL; i++)
		if (mime != NULL && strcmp(mime, send_types[i]) == 0)
			*ctype = send_types[i];
	*size = (size_t)db_col_int(st, 1);
	snprintf(hash, FILES_HASH_LEN + 1, "%s",
	    db_col_text(st, 2) != NULL ? db_col_text(st, 2) : "");
	db_reset(st);
	return DB_ROW;
}

/* See files.h. */
int
files_send(struct req *r, const char *id, const char *filename)
{
	const char	*ctype = NULL;
	char		 disp[160], safe[96], hash[FILES_HASH_LEN + 1];
	void		*data = NULL;
	size_t		 size = 0, len = 0;
	enum files_rc	 frc;
	enum db_rc	 rc;

	if (id == NULL || !is_hex(id, FILES_ID_LEN))
		return 404;
	if ((rc = meta_get(r->db, id, &ctype, &size, hash)) != DB_ROW) {
		if (rc == DB_OK)
			return 404;
		log_err("files: cannot read file %s's row: %s", id,
		    db_errmsg(r->db));
		return 500;
	}
	/* A row adopted by migration 0008 has no hash: decryption alone
	 * vouches for it. */
	frc = files_read(r->conf, id, hash[0] != '\0' ? hash : NULL, size,
	    &data, &len);
	if (frc != FILES_OK) {
		if (frc == FILES_MISSING)
			log_err("files: file %s is missing", id);
		return frc == FILES_MISSING ? 404 : 500;
	}
	safe_name(filename, safe, sizeof(safe));
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", safe);
	/* nosniff and no-store come with every response (app.c). */
	resp_header(r, "Content-Disposition", disp);
	resp_bytes(r, 200, ctype, data, len);
	sodium_memzero(data, len);
	free(data);
	return 200;
}

/* See files.h. */
int
files_download(struct req *r, struct db_stmt *st, const char *entity,
    const char *entity_id, const char *reason)
{
	char		 file[FILES_ID_LEN + 1], name[201];
	enum db_rc	 rc;

	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	snprintf(file, sizeof(file), "%s", db_col_text(st, 0));
	snprintf(name, sizeof(name), "%s", db_col_text(st, 1));
	db_reset(st);
	if ((rc = access_write(r, entity, entity_id, reason)) != DB_OK)
		return db_http_status(rc);
	return files_send(r, file, name);
}

/* See files.h. */
void
files_upload_name(const char *filename, const char *mime, const char *stem,
    char *out, size_t outsz)
{
	size_t	i, n = 0;

	/* Keep room for a fallback's ".pdf" and the NUL. */
	for (i = 0; filename != NULL && filename[i] != '\0' && n + 6 < outsz;
	    i++) {
		unsigned char ch = (unsigned char)filename[i];

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' ||
		    ch == '_')
			out[n++] = (char)ch;
	}
	out[n] = '\0';
	if (n == 0 || out[0] == '.')
		snprintf(out, outsz, "%s.%s", stem,
		    strcmp(mime, "application/pdf") == 0 ? "pdf" :
		    strcmp(mime, "image/png") == 0 ? "png" : "jpg");
}

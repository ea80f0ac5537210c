/*
 * upload.h: the upload store. Uploaded files are capped in size, typed
 * by libmagic against the caller's allow-list (never by the client's
 * name or Content-Type), encrypted at rest with libsodium secretstream
 * (XChaCha20-Poly1305) under a key file in Paths.Var, and stored under
 * generated ids in Paths.Var/files, outside the web root. They are only
 * served back through a handler that checked permissions, as
 * attachments with nosniff.
 */
#ifndef HAVRE_UPLOAD_H
#define HAVRE_UPLOAD_H

#include <stddef.h>

struct conf;
struct req;

/* Result of upload_save(). */
enum upload_rc {
	UPLOAD_OK = 0,
	UPLOAD_EMPTY,		/* no bytes */
	UPLOAD_TOO_BIG,		/* more than the cap */
	UPLOAD_BAD_TYPE,	/* libmagic's type is not allowed */
	UPLOAD_ERROR,		/* key, disk or libmagic failure (logged) */
};

#define UPLOAD_ID_LEN	32	/* hex characters of a file id */

/* The allow-list of photos: JPEG and PNG. */
extern const char *const upload_photo_types[];

/*
 * Decide the MIME type of bytes with libmagic (opened once per
 * process). Writes it into mime (mimesz bytes). Returns 0, or -1 if
 * libmagic fails (logged).
 */
int	 upload_sniff(const void *data, size_t len, char *mime, size_t mimesz);

/*
 * Check and store data: at most maxbytes, its libmagic type one of the
 * NULL-terminated allowed list. On UPLOAD_OK writes the new file id
 * (UPLOAD_ID_LEN hex + NUL) and the type found (mimesz bytes).
 */
enum upload_rc upload_save(const struct conf *, const void *data, size_t len,
	    size_t maxbytes, const char *const *allowed, char id[UPLOAD_ID_LEN + 1],
	    char *mime, size_t mimesz);

/*
 * Read and decrypt file id. On success returns 0 and a malloc'd buffer
 * (caller frees) in *data with its size; -1 if the id is malformed, the
 * file is missing or it does not decrypt (tampered: logged).
 */
int	 upload_load(const struct conf *, const char *id, void **data,
	    size_t *len);

/* Remove file id. Returns 0, or -1 if it could not be removed. */
int	 upload_remove(const struct conf *, const char *id);

/*
 * Answer the request with file id as an attachment: Content-Type mime
 * (from the database, decided by libmagic at upload), Content-Disposition:
 * attachment with the safe name filename ([A-Za-z0-9._-] only), nosniff.
 * The caller has checked the permission. Returns the status (200, or
 * 404 if the file cannot be read).
 */
int	 upload_send(struct req *, const char *id, const char *mime,
	    const char *filename);

#endif

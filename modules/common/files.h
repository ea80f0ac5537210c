/*
 * files.h: the document store. Every stored file has an id (16 random
 * bytes in hex) and a row of table stored_file (use, MIME type decided
 * by libmagic, size, BLAKE2b-256 of the plaintext, created_at,
 * created_by); its content is encrypted at rest with libsodium
 * secretstream (XChaCha20-Poly1305) under the key file
 * Paths.Var/keys/upload.key and kept as Paths.Files/<ab>/<id>, a folder
 * that several application hosts may share (a network mount): files
 * appear whole or not at all (temporary name, fsync, rename). Types are
 * checked against the use's allow-list, never taken from the client.
 * Files are only served back through a handler that checked
 * permissions, as attachments with nosniff. docs/file-store.md is the
 * hosting teams' guide.
 *
 * Storing is two steps, so that the row joins the caller's transaction:
 * files_write() puts the encrypted content in place, then the caller's
 * db_txn function calls files_record() with the rest of its change (and
 * its audit event); if the transaction fails, files_unlink() removes the
 * content again. A process that dies in between leaves a file without a
 * row (an orphan): files_walk() finds those for `havre-admin files sweep`.
 */
#ifndef HAVRE_FILES_H
#define HAVRE_FILES_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "db.h"

struct conf;
struct req;

#define FILES_ID_LEN	32	/* hex characters of a file id */
#define FILES_HASH_LEN	64	/* hex characters of a BLAKE2b-256 */
#define FILES_MIME_LEN	64	/* room for a MIME type, with the NUL */

/* The largest person photo (also the photo field's cap). */
#define FILES_PHOTO_MAX	(5L * 1024 * 1024)
/* The largest document of a dossier (also the upload field's cap). */
#define FILES_DOCUMENT_MAX	(10L * 1024 * 1024)

/* What a file is for: each use has its name (stored_file.purpose),
 * its allow-list of types and its size cap. */
enum files_use {
	FILES_PERSON_PHOTO,	/* "person.photo": JPEG or PNG */
	FILES_DOSSIER_DOCUMENT,	/* "dossier.document": PDF, JPEG or PNG */
	FILES_EXCHANGE_ANSWER,	/* "exchange.answer": PDF, JPEG or PNG, an
				   attachment of an exchange's answer */
	FILES_CIVIL_SOURCE,	/* "civil.source": PDF, JPEG or PNG, a source
				   document of a civil-status act */
	FILES_CIVIL_PAGE,	/* "civil.page": PNG, a source PDF's page as
				   rendered by pdftoppm (havre-civil) */
	FILES_CIVIL_ISSUED,	/* "civil.issued": PDF, a certificate or an
				   attestation havre-civil issued */
	FILES_USE__MAX
};

/* Results of the store's calls. */
enum files_rc {
	FILES_OK = 0,
	FILES_EMPTY,		/* no bytes */
	FILES_TOO_BIG,		/* more than the use's cap */
	FILES_BAD_TYPE,		/* libmagic's type is not allowed for the use */
	FILES_MISSING,		/* no such file in the folder (or a bad id) */
	FILES_ALTERED,		/* it does not decrypt, or its hash or size
				   is not the recorded one (logged) */
	FILES_NO_SPACE,		/* the store's disk or quota is full
				   (logged; nothing was left in the store) */
	FILES_ERROR,		/* key, disk or libmagic failure (logged) */
};

/* A stored file's metadata, as files_write() fills it. */
struct files_meta {
	char		 id[FILES_ID_LEN + 1];
	enum files_use	 use;
	char		 mime[FILES_MIME_LEN];
	size_t		 size;
	char		 hash[FILES_HASH_LEN + 1];	/* BLAKE2b-256, hex */
};

/* The use's name as stored in stored_file.purpose ("person.photo"). */
const char	*files_use_name(enum files_use);

/*
 * Decide the MIME type of bytes with libmagic (opened once per
 * process). Writes it into mime (mimesz bytes). Returns 0, or -1 if
 * libmagic fails (logged).
 */
int		 files_sniff(const void *data, size_t len, char *mime,
		    size_t mimesz);

/*
 * Check data against use (not empty, within its cap, a libmagic type of
 * its allow-list), then encrypt it into a new file of the store folder.
 * On FILES_OK, meta holds the new id, type, size and hash; nothing is
 * in the database yet (see files_record). Otherwise FILES_EMPTY,
 * FILES_TOO_BIG, FILES_BAD_TYPE, FILES_NO_SPACE (the disk filled up,
 * before or during the write) or FILES_ERROR, and nothing is left on
 * disk.
 */
enum files_rc	 files_write(const struct conf *, enum files_use,
		    const void *data, size_t len, struct files_meta *meta);

/*
 * Insert the row of a file files_write() stored, created by agent
 * (0: none). Call it inside the caller's db_txn function, with the
 * change that refers to the file and its audit event. Returns DB_OK or
 * the database error.
 */
enum db_rc	 files_record(struct db *, const struct files_meta *,
		    int64_t agent);

/*
 * Delete file id's row, inside the caller's transaction; remove the
 * content with files_unlink() once it committed. Returns DB_OK (also
 * when there was no such row) or the database error.
 */
enum db_rc	 files_forget(struct db *, const char *id);

/*
 * Remove file id's content from the folder. Returns 0 (also when it
 * was not there), or -1 if the id is malformed or the file could not
 * be removed.
 */
int		 files_unlink(const struct conf *, const char *id);

/* A file of the store folder, as files_walk() finds it. */
struct files_entry {
	char		 id[FILES_ID_LEN + 1];	/* the file's id */
	int		 temporary;	/* 1: <id>.tmp, a write that never
					   reached its rename */
	time_t		 mtime;		/* last modification */
	const char	*path;		/* its path, valid during the call */
};

/*
 * Call fn(entry, arg) for every file of the store folder named as
 * files_write() names them, <ab>/<id> and <ab>/<id>.tmp, in no
 * particular order; other names are not the store's and are skipped.
 * fn returns 0 to go on, anything else to stop the walk with that value.
 * A file without a row (a worker that died between files_write and its
 * commit, a replaced photo whose removal failed) is found this way.
 * Returns 0 when every file was seen (also when the folder does not
 * exist yet), fn's value, or -1 if a folder cannot be read (logged).
 */
int		 files_walk(const struct conf *,
		    int (*fn)(const struct files_entry *, void *), void *arg);

/*
 * Read and decrypt file id. When hash is not NULL, the plaintext's
 * BLAKE2b-256 must be that hex string and its size must be size.
 * Returns FILES_OK with a malloc'd buffer in *data (caller frees) and
 * its length in *len; FILES_MISSING (bad id or no file), FILES_ALTERED
 * (does not decrypt, or another hash or size: logged) or FILES_ERROR
 * (key or read failure), with *data NULL.
 */
enum files_rc	 files_read(const struct conf *, const char *id,
		    const char *hash, size_t size, void **data, size_t *len);

/*
 * Answer the request with file id as an attachment: Content-Type from
 * its row (decided by libmagic when stored), Content-Disposition:
 * attachment with the safe name filename ([A-Za-z0-9._-] only),
 * nosniff; the content is checked against the recorded hash first. The
 * caller has checked the permission. Returns the status: 200; 404 if
 * there is no such row or file; 500 if it was altered or on a database
 * or disk error (logged).
 */
int		 files_send(struct req *, const char *id, const char *filename);

/*
 * A download: step st, a prepared statement the caller has bound, whose
 * row (if any) is column 0 the file id and column 1 its download name;
 * write the access event of entity/entity_id with reason (the agent saw
 * that file), then answer with files_send(). The caller has checked the
 * permission. Returns the status: 404 when st has no row; the database
 * error's status (db_http_status) if the query or the access event
 * fails; else files_send()'s.
 */
int		 files_download(struct req *, struct db_stmt *st,
		    const char *entity, const char *entity_id,
		    const char *reason);

/*
 * A download name for an upload from the client's filename: its
 * characters of [A-Za-z0-9._-] only, in out (outsz bytes, room kept
 * for a fallback's extension); when none is left or it starts with a
 * dot, "<stem>.pdf", ".png" or ".jpg" after mime (the type libmagic
 * decided).
 */
void		 files_upload_name(const char *filename, const char *mime,
		    const char *stem, char *out, size_t outsz);

#endif

/*
 * certify.h: issued documents that anyone can verify (libcertify).
 * Full copies and extracts of civil acts and attestations get a serial
 * and a canonical payload signed with Ed25519 (libsodium); the QR code
 * on the PDF holds the payload and its signature, so a bank, a school
 * or another administration can check it with the published public
 * keys, on /verify or offline with havre-verify. The payload format is
 * documented in docs/certificates.md (with a worked example); the
 * functions here are its only encoder and parser.
 *
 * The library holds no SQL and knows no request: the program keeps the
 * keys' rows (signing_key) and the issued documents (issued_document),
 * knows revocation, and passes what it read. Secret keys live in files,
 * Paths.Var/keys/sign-<id>.key (mode 0600, the 32-byte Ed25519 seed),
 * never in the database (docs/certificates.md says why).
 *
 * For the program (havre-civil):
 *   certify_signer_load()   the current key's secret, once per worker
 *   certify_issue()         serial, payload, signature, PDF bytes
 *   certify_verify()        a payload typed or scanned on /verify
 *                           against the keyring built from signing_key
 *                           (then the program adds CERTIFY_REVOKED)
 * and for havre-verify: certify_keyring_parse() reads the published key
 * file (havre-admin keys export-public).
 *
 * Conventions: functions returning int give 0 on success and -1 on
 * error unless their comment says otherwise; no function keeps a
 * pointer to its arguments.
 */
#ifndef HAVRE_CERTIFY_H
#define HAVRE_CERTIFY_H

#include <stddef.h>
#include <time.h>

struct buf;

/* "HV1": the payload's magic and version, its first field. */
#define CERTIFY_VERSION		"HV1"
/* A serial: 12 Crockford base-32 characters in groups of four. */
#define CERTIFY_SERIAL_LEN	14	/* "XXXX-XXXX-XXXX" */
/* A key id: 1..32 of [a-z0-9-], starting with a letter or digit. */
#define CERTIFY_KEYID_MAX	32
/* A name field: bytes of UTF-8, before escaping. */
#define CERTIFY_NAME_MAX	300
/* A whole signed payload (what the QR code holds), bytes. */
#define CERTIFY_TEXT_MAX	1600
/* Ed25519 sizes. */
#define CERTIFY_PK_LEN		32
#define CERTIFY_SIG_LEN		64
#define CERTIFY_SEED_LEN	32

/* What was issued; the code in the payload is in brackets. */
enum certify_type {
	CERTIFY_COPY_BIRTH,	/* [CN] full copy of a birth act */
	CERTIFY_COPY_MARRIAGE,	/* [CM] full copy of a marriage act */
	CERTIFY_COPY_DEATH,	/* [CD] full copy of a death act */
	CERTIFY_EXTRACT_BIRTH,	/* [EN] extract of a birth act */
	CERTIFY_EXTRACT_MARRIAGE, /* [EM] extract of a marriage act */
	CERTIFY_EXTRACT_DEATH,	/* [ED] extract of a death act */
	CERTIFY_ATTEST_PROTECTED, /* [AP] "protected by the office" */
	CERTIFY_ATTEST_PENDING,	/* [AE] "civil status being
				   established" */
	CERTIFY_TYPE__MAX
};

/* The two-letter code of a type ("CN"), or NULL if out of range. */
const char	*certify_type_code(enum certify_type);
/* The type of a code. Returns 1 and sets *type, or 0 if unknown. */
int		 certify_type_parse(const char *code,
		    enum certify_type *type);

/*
 * An issued document's signed facts, in the order of the payload. The
 * names are UTF-8 without control characters; the original-script
 * forms may be empty (a Latin-script name is written once, in the
 * Latin fields), the Latin forms not both.
 */
struct certify_doc {
	char		 serial[CERTIFY_SERIAL_LEN + 1];
	enum certify_type type;
	/* as written, then in Latin letters */
	char		 family_name[CERTIFY_NAME_MAX + 1];
	char		 given_names[CERTIFY_NAME_MAX + 1];
	char		 family_name_latin[CERTIFY_NAME_MAX + 1];
	char		 given_names_latin[CERTIFY_NAME_MAX + 1];
	/* YYYY-MM-DD, 00 for unknown parts; "" when unknown */
	char		 birth_date[11];
	time_t		 issued_at;	/* UTC, to the second */
	/* YYYY-MM-DD, the last valid day (UTC); "" for no end */
	char		 valid_until[11];
	char		 key_id[CERTIFY_KEYID_MAX + 1];
};

/*
 * The canonical payload of doc (without its signature) appended to
 * out: the same facts always give the same bytes. Returns 0, or -1 if
 * a field is invalid (the same rules as the parser's), the signed
 * payload would exceed CERTIFY_TEXT_MAX, or memory runs out (out is
 * then as it was).
 */
int	 certify_encode(const struct certify_doc *doc, struct buf *out);

/*
 * Parse a signed payload of len bytes (what the QR code holds; no NUL
 * needed) into *doc, its signature into sig, and the length of the
 * signed part (the bytes before the last "|") into *signed_len.
 * Anything not exactly canonical is refused: a field count, a version,
 * a type, a date, an escape or a byte out of place.
 * Returns 0, or -1 (*why then names the first fault, a constant).
 */
int	 certify_parse(const char *text, size_t len, struct certify_doc *doc,
	    unsigned char sig[CERTIFY_SIG_LEN], size_t *signed_len,
	    const char **why);

/* A new random serial (60 bits) into out (CERTIFY_SERIAL_LEN + 1). */
void	 certify_serial_new(char out[CERTIFY_SERIAL_LEN + 1]);
/*
 * A serial as someone typed it (any case, spaces or dashes anywhere,
 * O for 0, I and L for 1) in its canonical form into out. Returns 0,
 * or -1 if it is not 12 base-32 characters.
 */
int	 certify_serial_normalise(const char *typed,
	    char out[CERTIFY_SERIAL_LEN + 1]);

/* A key id's syntax. Returns 1 if valid, else 0. */
int	 certify_key_id_valid(const char *id);

/* --- keys --- */

/* A public key and the time during which it may sign. */
struct certify_pubkey {
	char		 id[CERTIFY_KEYID_MAX + 1];
	unsigned char	 pk[CERTIFY_PK_LEN];
	time_t		 valid_from;	/* UTC */
	/* UTC, exclusive; 0 for no end (a retired key's end is its
	 * retirement) */
	time_t		 valid_until;
};

/* The keys verification may use. */
struct certify_keyring {
	struct certify_pubkey	*keys;
	size_t			 nkeys, cap;
};

/* Add a key (copied). Returns 0, or -1 if the id is invalid or taken
 * or memory runs out. */
int	 certify_keyring_add(struct certify_keyring *,
	    const struct certify_pubkey *);
/*
 * Read a published key file (the text of `havre-admin keys
 * export-public`, docs/certificates.md) of len bytes into ring.
 * Returns 0, or -1 with *line the number of the first bad line (0 for
 * memory).
 */
int	 certify_keyring_parse(struct certify_keyring *ring,
	    const char *text, size_t len, size_t *line);
/* The key called id, or NULL. */
const struct certify_pubkey *certify_keyring_find(
	    const struct certify_keyring *, const char *id);
/* Free the keys; the ring may be reused. */
void	 certify_keyring_free(struct certify_keyring *);
/* One key as a line of the published file (with its "\n") appended to
 * out. Returns 0 or -1. */
int	 certify_pubkey_format(const struct certify_pubkey *,
	    struct buf *out);
/* Returns 1 if the key's validity is empty (retired in the second it
 * began): it signed nothing, and the file's readers refuse it. */
int	 certify_pubkey_signed_nothing(const struct certify_pubkey *);
/*
 * The published key file of ring (its two comment lines, then one line
 * per key that may have signed: keys that signed nothing are left out)
 * appended to out. Returns 0 or -1 (memory, a malformed key).
 */
int	 certify_keyfile_format(const struct certify_keyring *ring,
	    struct buf *out);

/* A key that signs: its id, its validity and its secret. */
struct certify_signer {
	struct certify_pubkey	 pub;
	unsigned char		 sk[64];	/* libsodium's secret */
};

/* A fresh key pair into *s (pub.id, validity left to the caller) and
 * its seed into seed. */
void	 certify_keypair_new(struct certify_signer *s,
	    unsigned char seed[CERTIFY_SEED_LEN]);
/* The key pair of a seed. */
void	 certify_keypair_seed(struct certify_signer *s,
	    const unsigned char seed[CERTIFY_SEED_LEN]);
/*
 * The path of key id's secret file under var (Paths.Var) into path
 * (pathsz bytes): var/keys/sign-<id>.key. Returns 0, or -1 if the id
 * is invalid or the path does not fit.
 */
int	 certify_key_path(const char *var, const char *id, char *path,
	    size_t pathsz);
/*
 * Write seed as key id's secret file (created, mode 0600, never
 * replacing one; var/keys made 0700 if missing). Run as root, the file
 * is given to the key folder's owner (the service account). Returns 0, or -1
 * with errno set (EEXIST if the file exists).
 */
int	 certify_key_write(const char *var, const char *id,
	    const unsigned char seed[CERTIFY_SEED_LEN]);
/*
 * Load key id's secret from var into *s and check it against pk, the
 * public key on record (NULL: no check). The file must be a regular
 * file of 32 bytes that neither group nor others can read.
 * Returns 0, or -1 with *why naming the fault (a constant).
 */
int	 certify_signer_load(const char *var, const char *id,
	    const unsigned char *pk, struct certify_signer *s,
	    const char **why);
/* Wipe the secret. */
void	 certify_signer_clear(struct certify_signer *);

/* --- signing and verifying --- */

/*
 * Sign doc (its key_id must be the signer's) and append the signed
 * payload, "<payload>|<signature in base64url>", to out.
 * Returns 0, or -1 (invalid field, wrong key id, memory).
 */
int	 certify_sign(const struct certify_doc *doc,
	    const struct certify_signer *signer, struct buf *out);

/* What a verification says. */
enum certify_verdict {
	CERTIFY_VALID,		/* genuine and within its validity */
	CERTIFY_EXPIRED,	/* genuine, its last valid day is past */
	CERTIFY_REVOKED,	/* genuine but revoked: only the server
				   knows, certify_verify never says it */
	CERTIFY_NOT_GENUINE,	/* malformed, unknown key, bad signature,
				   or issued outside its key's validity */
};

/*
 * Verify a signed payload of len bytes against ring at time now: the
 * key is the one the payload names, the signature must hold over the
 * signed part, and the issue time must lie within that key's validity
 * (so a rotated key's documents stay genuine, and a retired key signs
 * nothing new). *doc gets the facts when the verdict is VALID or
 * EXPIRED (else it is zeroed); *why (may be NULL) a constant reason.
 * Returns the verdict.
 */
enum certify_verdict certify_verify(const char *text, size_t len,
	    const struct certify_keyring *ring, time_t now,
	    struct certify_doc *doc, const char **why);

/* The verdict's name in English ("genuine and valid"...). */
const char	*certify_verdict_name(enum certify_verdict);

/* --- the printed document --- */

/* A label and its value, in French and in the person's language. */
struct certify_field {
	const char	*label_fr;
	const char	*label_local;	/* NULL or "" when fr is the
					   person's language */
	const char	*value;		/* as it reads, any script */
	/* NULL or a smaller line under the value (a full copy's source
	 * and reason for the choice) */
	const char	*detail;
};

/* What the PDF shows besides the payload's QR code and serial. */
struct certify_layout {
	/* the person's language, a BCP 47 tag ("ar", "en") */
	const char		*lang;
	const char		*issuer;	/* the office's name */
	const char		*title_fr;
	const char		*title_local;	/* NULL: French only */
	const struct certify_field *fields;
	size_t			 nfields;
	const char		*note_fr;	/* how to verify, or NULL */
	const char		*note_local;
};

/* The most pages a document may take (a full copy with its sources
 * and mentions); the QR code and the serial are on the last. */
#define CERTIFY_PAGES_MAX	3

/*
 * Lay out an A4 PDF of layout with the QR code of qr_text (the signed
 * payload) and the serial; append its bytes to pdf. Fields that do not
 * fit on a page go on the next, up to CERTIFY_PAGES_MAX pages. Fonts come from
 * fontconfig (Debian's fonts-noto-core, fonts-dejavu-core); Arabic is
 * shaped and set right to left by pango.
 * Returns 0, or -1 (QR too large, more than CERTIFY_PAGES_MAX pages,
 * cairo error, memory).
 */
int	 certify_pdf(const struct certify_layout *layout,
	    const char *qr_text, const char *serial, struct buf *pdf);
/*
 * The QR code of text (error correction M, a 4-module quiet zone) as a
 * PNG of scale pixels per module, appended to png.
 * Returns 0, or -1.
 */
int	 certify_qr_png(const char *text, int scale, struct buf *png);

/*
 * Issue a document: a new serial into doc->serial, doc->issued_at =
 * now, doc->key_id = the signer's; the signed payload into qr_text and
 * the PDF of layout into pdf. The signer must be valid at now. The
 * caller stores the row (issued_document) in its transaction.
 * Returns 0, or -1 (invalid fields, signer not valid at now, PDF).
 */
int	 certify_issue(struct certify_doc *doc,
	    const struct certify_signer *signer,
	    const struct certify_layout *layout, time_t now,
	    struct buf *qr_text, struct buf *pdf);

#endif

/*
 * payload.c: the canonical payload of an issued document, its parser,
 * serials, signing and verification (docs/certificates.md).
 *
 *   HV1|serial|type|family|given|family_latin|given_latin|birth|
 *       issued_at|valid_until|key_id|signature
 *
 * (one line, no spaces around "|"). Field values are UTF-8; "%" and
 * "|" inside a name are written %25 and %7C and nothing else is ever
 * escaped, so one set of facts has exactly one encoding and the parser
 * refuses any other. The signature, Ed25519 over every byte before the
 * last "|", is base64url without padding (86 characters).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "buf.h"
#include "certify.h"
#include "certint.h"
#include "valid.h"

/* Fields of a signed payload, in order. */
enum field {
	F_VERSION, F_SERIAL, F_TYPE, F_FAMILY, F_GIVEN, F_FAMILY_LATIN,
	F_GIVEN_LATIN, F_BIRTH, F_ISSUED, F_VALID_UNTIL, F_KEY_ID, F_SIG,
	F__MAX
};

#define SIG_B64_LEN	86	/* base64url of 64 bytes, no padding */

static const char *const type_codes[CERTIFY_TYPE__MAX] = {
	[CERTIFY_COPY_BIRTH] = "CN",
	[CERTIFY_COPY_MARRIAGE] = "CM",
	[CERTIFY_COPY_DEATH] = "CD",
	[CERTIFY_EXTRACT_BIRTH] = "EN",
	[CERTIFY_EXTRACT_MARRIAGE] = "EM",
	[CERTIFY_EXTRACT_DEATH] = "ED",
	[CERTIFY_ATTEST_PROTECTED] = "AP",
	[CERTIFY_ATTEST_PENDING] = "AE",
};

/* Crockford's base 32: no I, L, O, U (nothing to misread). */
static const char serial_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* See certify.h. */
const char *
certify_type_code(enum certify_type t)
{
	if ((int)t < 0 || t >= CERTIFY_TYPE__MAX)
		return NULL;
	return type_codes[t];
}

/* See certify.h. */
int
certify_type_parse(const char *code, enum certify_type *type)
{
	int	 i;

	for (i = 0; i < CERTIFY_TYPE__MAX; i++)
		if (strcmp(code, type_codes[i]) == 0) {
			*type = (enum certify_type)i;
			return 1;
		}
	return 0;
}

/* See certify.h. */
void
certify_serial_new(char out[CERTIFY_SERIAL_LEN + 1])
{
	unsigned char	 r[8];
	uint64_t	 bits = 0;
	size_t		 i, o = 0;

	randombytes_buf(r, sizeof(r));
	for (i = 0; i < sizeof(r); i++)
		bits = bits << 8 | r[i];
	for (i = 0; i < 12; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = serial_alphabet[bits & 31];
		bits >>= 5;
	}
	out[o] = '\0';
	sodium_memzero(r, sizeof(r));
}

/* See certify.h. */
int
certify_serial_normalise(const char *typed, char out[CERTIFY_SERIAL_LEN + 1])
{
	const char	*p;
	size_t		 n = 0, o = 0;
	int		 c;

	for (p = typed; *p != '\0'; p++) {
		c = (unsigned char)*p;
		if (c == ' ' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (c == 0 || strchr(serial_alphabet, c) == NULL || n == 12)
			return -1;
		if (n > 0 && n % 4 == 0)
			out[o++] = '-';
		out[o++] = (char)c;
		n++;
	}
	out[o] = '\0';
	return n == 12 ? 0 : -1;
}

/* Returns 1 if s (n bytes) is a canonical serial, else 0. */
static int
serial_ok(const char *s, size_t n)
{
	size_t	 i;

	if (n != CERTIFY_SERIAL_LEN)
		return 0;
	for (i = 0; i < n; i++) {
		if (i == 4 || i == 9) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] == '\0' ||
		    strchr(serial_alphabet, s[i]) == NULL)
			return 0;
	}
	return 1;
}

/* See certify.h. */
int
certify_key_id_valid(const char *id)
{
	size_t	 n = strlen(id);

	if (n == 0 || n > CERTIFY_KEYID_MAX || id[0] == '-')
		return 0;
	return strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/*
 * Returns 1 if s is an acceptable name value: valid UTF-8 of at most
 * CERTIFY_NAME_MAX bytes, no control character (C0, DEL, C1), no space
 * at either end; else 0.
 */
static int
name_ok(const char *s)
{
	size_t			 n = strlen(s), i;
	const unsigned char	*u = (const unsigned char *)s;

	if (n > CERTIFY_NAME_MAX || !utf8_valid(s, n))
		return 0;
	for (i = 0; i < n; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			return 0;
		/* U+0080..U+009F are C2 80..C2 9F */
		if (u[i] == 0xc2 && i + 1 < n && u[i + 1] < 0xa0)
			return 0;
	}
	if (n > 0 && (s[0] == ' ' || s[n - 1] == ' '))
		return 0;
	return 1;
}

/* Returns 1 if s is "" or a canonical partial date (1990-05-00). */
static int
birth_ok(const char *s)
{
	struct pdate	 d;
	char		 canon[11];

	if (s[0] == '\0')
		return 1;
	if (strlen(s) != 10 || !valid_partial_date(s, &d))
		return 0;
	pdate_format(&d, canon);
	return strcmp(canon, s) == 0;
}

/* Returns 1 if s is "" or a canonical calendar date, else 0. */
static int
until_ok(const char *s)
{
	struct pdate	 d;
	char		 canon[11];

	if (s[0] == '\0')
		return 1;
	if (strlen(s) != 10 || !valid_date(s, &d))
		return 0;
	pdate_format(&d, canon);
	return strcmp(canon, s) == 0;
}

/* See certint.h. */
int
certify_time_text(time_t t, char out[CERTIFY_TIME_LEN + 1])
{
	struct tm	 tm;

	if (gmtime_r(&t, &tm) == NULL || tm.tm_year < 100 ||
	    tm.tm_year > 299)
		return -1;
	strftime(out, CERTIFY_TIME_LEN + 1, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}

/* The value of n ASCII digits (already checked). */
static int
digits(const char *s, size_t n)
{
	int	 v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* See certint.h. */
int
certify_time_parse(const char *s, size_t n, time_t *t)
{
	struct tm	 tm;
	char		 canon[CERTIFY_TIME_LEN + 1];
	size_t		 i;

	if (n != CERTIFY_TIME_LEN)
		return -1;
	for (i = 0; i < n; i++) {
		const char *shape = "dddd-dd-ddTdd:dd:ddZ";

		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') :
		    s[i] != shape[i])
			return -1;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = digits(s, 4) - 1900;
	tm.tm_mon = digits(s + 5, 2) - 1;
	tm.tm_mday = digits(s + 8, 2);
	tm.tm_hour = digits(s + 11, 2);
	tm.tm_min = digits(s + 14, 2);
	tm.tm_sec = digits(s + 17, 2);
	/* timegm normalises 02-30 to 03-02: the text must come back. */
	*t = timegm(&tm);
	if (certify_time_text(*t, canon) != 0 || memcmp(canon, s, n) != 0)
		return -1;
	return 0;
}

/* Append name to out with "%" and "|" escaped. Returns 0 or -1. */
static int
put_escaped(struct buf *out, const char *s)
{
	const char	*p;
	int		 rc = 0;

	for (p = s; *p != '\0' && rc == 0; p++)
		if (*p == '%')
			rc = buf_puts(out, "%25");
		else if (*p == '|')
			rc = buf_puts(out, "%7C");
		else
			rc = buf_append(out, p, 1);
	return rc;
}

/*
 * Returns 1 if doc's fields are all valid, else 0 (*why set).
 */
static int
doc_ok(const struct certify_doc *doc, const char **why)
{
	if (!serial_ok(doc->serial, strlen(doc->serial)))
		*why = "bad serial";
	else if (certify_type_code(doc->type) == NULL)
		*why = "bad type";
	else if (!name_ok(doc->family_name) || !name_ok(doc->given_names) ||
	    !name_ok(doc->family_name_latin) ||
	    !name_ok(doc->given_names_latin))
		*why = "bad name";
	else if (doc->family_name_latin[0] == '\0' &&
	    doc->given_names_latin[0] == '\0')
		*why = "no name in Latin letters";
	else if (!birth_ok(doc->birth_date))
		*why = "bad birth date";
	else if (!until_ok(doc->valid_until))
		*why = "bad validity end";
	else if (!certify_key_id_valid(doc->key_id))
		*why = "bad key id";
	else
		return 1;
	return 0;
}

/* See certify.h. */
int
certify_encode(const struct certify_doc *doc, struct buf *out)
{
	char		 issued[CERTIFY_TIME_LEN + 1];
	const char	*why;
	size_t		 start = out->len;

	if (!doc_ok(doc, &why) ||
	    certify_time_text(doc->issued_at, issued) != 0)
		return -1;
	if (buf_printf(out, CERTIFY_VERSION "|%s|%s|", doc->serial,
	    certify_type_code(doc->type)) != 0 ||
	    put_escaped(out, doc->family_name) != 0 ||
	    buf_puts(out, "|") != 0 ||
	    put_escaped(out, doc->given_names) != 0 ||
	    buf_puts(out, "|") != 0 ||
	    put_escaped(out, doc->family_name_latin) != 0 ||
	    buf_puts(out, "|") != 0 ||
	    put_escaped(out, doc->given_names_latin) != 0 ||
	    buf_printf(out, "|%s|%s|%s|%s", doc->birth_date, issued,
	    doc->valid_until, doc->key_id) != 0 ||
	    /* room for "|" and the signature */
	    out->len - start + 1 + SIG_B64_LEN > CERTIFY_TEXT_MAX) {
		/* nothing of a refused payload stays in out */
		if (out->data != NULL) {
			out->len = start;
			out->data[start] = '\0';
		}
		return -1;
	}
	return 0;
}

/*
 * Copy field s (n bytes) into out (outsz bytes) with its escapes
 * decoded. Only %25 and %7C are escapes. Returns 0, or -1 if another
 * "%" appears or the value does not fit.
 */
static int
unescape(const char *s, size_t n, char *out, size_t outsz)
{
	size_t	 i, o = 0;

	for (i = 0; i < n; i++) {
		if (o + 1 >= outsz)
			return -1;
		if (s[i] != '%') {
			out[o++] = s[i];
			continue;
		}
		if (n - i >= 3 && memcmp(s + i, "%25", 3) == 0)
			out[o++] = '%';
		else if (n - i >= 3 && memcmp(s + i, "%7C", 3) == 0)
			out[o++] = '|';
		else
			return -1;
		i += 2;
	}
	out[o] = '\0';
	return 0;
}

/* Copy plain field s (n bytes) into out (outsz) if it fits. */
static int
copy_field(const char *s, size_t n, char *out, size_t outsz)
{
	if (n >= outsz || memchr(s, '%', n) != NULL)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* See certify.h. */
int
certify_parse(const char *text, size_t len, struct certify_doc *doc,
    unsigned char sig[CERTIFY_SIG_LEN], size_t *signed_len,
    const char **why)
{
	const char	*f[F__MAX];
	size_t		 fl[F__MAX], i, nf = 0, binlen = 0;
	const char	*p, *end = text + len, *bar;
	char		 code[3], b64[SIG_B64_LEN + 1];
	char		 again[SIG_B64_LEN + 1];

	memset(doc, 0, sizeof(*doc));
	*why = "malformed";
	if (len == 0 || len > CERTIFY_TEXT_MAX) {
		*why = "empty or too long";
		return -1;
	}
	if (!utf8_valid(text, len)) {
		*why = "not UTF-8";
		return -1;
	}
	for (p = text; ; p = bar + 1) {
		if (nf == F__MAX) {
			*why = "too many fields";
			return -1;
		}
		bar = memchr(p, '|', (size_t)(end - p));
		f[nf] = p;
		fl[nf] = (bar != NULL ? bar : end) - p;
		nf++;
		if (bar == NULL)
			break;
	}
	if (nf != F__MAX) {
		*why = "too few fields";
		return -1;
	}
	if (fl[F_VERSION] != 3 || memcmp(f[F_VERSION], CERTIFY_VERSION, 3)
	    != 0) {
		*why = "unknown version";
		return -1;
	}
	for (i = 0; i < len; i++)
		if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f) {
			*why = "control character";
			return -1;
		}
	if (copy_field(f[F_SERIAL], fl[F_SERIAL], doc->serial,
	    sizeof(doc->serial)) != 0 || !serial_ok(doc->serial,
	    fl[F_SERIAL])) {
		*why = "bad serial";
		return -1;
	}
	if (copy_field(f[F_TYPE], fl[F_TYPE], code, sizeof(code)) != 0 ||
	    !certify_type_parse(code, &doc->type)) {
		*why = "unknown document type";
		return -1;
	}
	if (unescape(f[F_FAMILY], fl[F_FAMILY], doc->family_name,
	    sizeof(doc->family_name)) != 0 ||
	    unescape(f[F_GIVEN], fl[F_GIVEN], doc->given_names,
	    sizeof(doc->given_names)) != 0 ||
	    unescape(f[F_FAMILY_LATIN], fl[F_FAMILY_LATIN],
	    doc->family_name_latin, sizeof(doc->family_name_latin)) != 0 ||
	    unescape(f[F_GIVEN_LATIN], fl[F_GIVEN_LATIN],
	    doc->given_names_latin, sizeof(doc->given_names_latin)) != 0) {
		*why = "bad name";
		return -1;
	}
	if (copy_field(f[F_BIRTH], fl[F_BIRTH], doc->birth_date,
	    sizeof(doc->birth_date)) != 0 ||
	    copy_field(f[F_VALID_UNTIL], fl[F_VALID_UNTIL], doc->valid_until,
	    sizeof(doc->valid_until)) != 0 ||
	    copy_field(f[F_KEY_ID], fl[F_KEY_ID], doc->key_id,
	    sizeof(doc->key_id)) != 0 ||
	    certify_time_parse(f[F_ISSUED], fl[F_ISSUED],
	    &doc->issued_at) != 0) {
		*why = "bad date or key id";
		return -1;
	}
	if (!doc_ok(doc, why))
		return -1;
	if (fl[F_SIG] != SIG_B64_LEN) {
		*why = "bad signature encoding";
		return -1;
	}
	memcpy(b64, f[F_SIG], SIG_B64_LEN);
	b64[SIG_B64_LEN] = '\0';
	if (sodium_base642bin(sig, CERTIFY_SIG_LEN, b64, SIG_B64_LEN, NULL,
	    &binlen, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    binlen != CERTIFY_SIG_LEN) {
		*why = "bad signature encoding";
		return -1;
	}
	/* The last character carries 2 unused bits: only one spelling. */
	sodium_bin2base64(again, sizeof(again), sig, CERTIFY_SIG_LEN,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	if (strcmp(again, b64) != 0) {
		*why = "bad signature encoding";
		return -1;
	}
	*signed_len = (size_t)(f[F_SIG] - 1 - text);
	*why = NULL;
	return 0;
}

/* See certify.h. */
int
certify_sign(const struct certify_doc *doc,
    const struct certify_signer *signer, struct buf *out)
{
	unsigned char	 sig[CERTIFY_SIG_LEN];
	char		 b64[SIG_B64_LEN + 1];
	size_t		 start = out->len;

	if (strcmp(doc->key_id, signer->pub.id) != 0)
		return -1;
	if (certify_encode(doc, out) != 0) {
		if (out->data != NULL) {
			out->len = start;
			out->data[start] = '\0';
		}
		return -1;
	}
	crypto_sign_detached(sig, NULL, (const unsigned char *)out->data +
	    start, out->len - start, signer->sk);
	sodium_bin2base64(b64, sizeof(b64), sig, sizeof(sig),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return buf_printf(out, "|%s", b64);
}

/* See certify.h. */
enum certify_verdict
certify_verify(const char *text, size_t len,
    const struct certify_keyring *ring, time_t now, struct certify_doc *doc,
    const char **why)
{
	const struct certify_pubkey	*key;
	unsigned char			 sig[CERTIFY_SIG_LEN];
	const char			*reason = NULL;
	char				 today[CERTIFY_TIME_LEN + 1];
	size_t				 signed_len = 0;
	enum certify_verdict		 v = CERTIFY_NOT_GENUINE;

	if (certify_parse(text, len, doc, sig, &signed_len, &reason) != 0)
		goto out;
	if ((key = certify_keyring_find(ring, doc->key_id)) == NULL) {
		reason = "unknown key";
		goto out;
	}
	if (crypto_sign_verify_detached(sig, (const unsigned char *)text,
	    signed_len, key->pk) != 0) {
		reason = "bad signature";
		goto out;
	}
	/* A key signs only within its validity: a retired key's end is
	 * its retirement, so what it signed before stays genuine and
	 * anything dated after is not. */
	if (doc->issued_at < key->valid_from || (key->valid_until != 0 &&
	    doc->issued_at >= key->valid_until)) {
		reason = "issued outside its key's validity";
		goto out;
	}
	if (doc->valid_until[0] != '\0' && certify_time_text(now, today) == 0 &&
	    strncmp(today, doc->valid_until, 10) > 0) {
		reason = "validity ended";
		v = CERTIFY_EXPIRED;
	} else
		v = CERTIFY_VALID;
out:
	if (v == CERTIFY_NOT_GENUINE)
		memset(doc, 0, sizeof(*doc));
	if (why != NULL)
		*why = reason;
	return v;
}

/* See certify.h. */
const char *
certify_verdict_name(enum certify_verdict v)
{
	switch (v) {
	case CERTIFY_VALID:
		return "genuine and valid";
	case CERTIFY_EXPIRED:
		return "genuine but expired";
	case CERTIFY_REVOKED:
		return "revoked";
	case CERTIFY_NOT_GENUINE:
		break;
	}
	return "not genuine";
}

/*
 * fuzz_certify.c: libFuzzer target for libcertify's parsers of
 * untrusted bytes: a payload typed or scanned on /verify or given to
 * havre-verify (certify_parse, certify_verify), a published key file
 * (certify_keyring_parse) and a typed serial (certify_serial_normalise).
 * Input: a key file, a NUL, then the payload; without a NUL the whole
 * input is the payload, checked against the key of RFC 8032's first
 * test vector.
 *
 * Invariants: an accepted payload re-encodes to exactly its signed
 * bytes (one encoding per set of facts), its signature is the last 86
 * bytes, its strings are NUL-terminated; a genuine verdict implies an
 * accepted payload; a parsed key file formats and parses back to the
 * same keys; a normalised serial is canonical and normalises to itself.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "buf.h"
#include "certify.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char default_keys[] =
    "k20261206-3fa9 2026-12-01T00:00:00Z - "
    "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\n";

/* Abort unless s (of a char[size]) is NUL-terminated. */
static void
nul_check(const char *s, size_t size)
{
	if (memchr(s, '\0', size) == NULL)
		abort();
}

/* Check the payload invariants on text (len bytes) against ring. */
static void
payload_check(const char *text, size_t len,
    const struct certify_keyring *ring)
{
	struct certify_doc	 doc, vdoc;
	struct buf		 again = {0};
	unsigned char		 sig[CERTIFY_SIG_LEN];
	const char		*why = NULL;
	size_t			 signed_len = 0;
	enum certify_verdict	 v;
	int			 parsed;

	parsed = certify_parse(text, len, &doc, sig, &signed_len, &why) == 0;
	if (parsed) {
		nul_check(doc.serial, sizeof(doc.serial));
		nul_check(doc.family_name, sizeof(doc.family_name));
		nul_check(doc.given_names, sizeof(doc.given_names));
		nul_check(doc.family_name_latin,
		    sizeof(doc.family_name_latin));
		nul_check(doc.given_names_latin,
		    sizeof(doc.given_names_latin));
		nul_check(doc.birth_date, sizeof(doc.birth_date));
		nul_check(doc.valid_until, sizeof(doc.valid_until));
		nul_check(doc.key_id, sizeof(doc.key_id));
		if (signed_len + 1 + 86 != len || text[signed_len] != '|')
			abort();
		if (certify_encode(&doc, &again) != 0 ||
		    again.len != signed_len ||
		    memcmp(again.data, text, signed_len) != 0)
			abort();
	} else if (why == NULL)
		abort();
	v = certify_verify(text, len, ring, (time_t)1796565912, &vdoc, &why);
	if (v == CERTIFY_REVOKED || (v != CERTIFY_NOT_GENUINE && !parsed))
		abort();
	buf_free(&again);
}

/* Check the key file invariants; ring gets the keys. */
static void
keys_check(const char *text, size_t len, struct certify_keyring *ring)
{
	struct certify_keyring	 again = {0};
	struct buf		 out = {0};
	size_t			 i, line = 0;

	if (certify_keyring_parse(ring, text, len, &line) != 0) {
		if (line == 0)
			abort();	/* only memory says line 0 */
		return;
	}
	for (i = 0; i < ring->nkeys; i++)
		if (certify_pubkey_format(&ring->keys[i], &out) != 0)
			abort();
	if (certify_keyring_parse(&again, out.data != NULL ? out.data : "",
	    out.len, &line) != 0 || again.nkeys != ring->nkeys ||
	    (ring->nkeys > 0 && memcmp(again.keys, ring->keys,
	    ring->nkeys * sizeof(ring->keys[0])) != 0))
		abort();
	certify_keyring_free(&again);
	buf_free(&out);
}

/* Split, parse, check. Returns 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct certify_keyring	 ring = {0};
	char			*buf, serial[CERTIFY_SERIAL_LEN + 1];
	char			 again[CERTIFY_SERIAL_LEN + 1];
	const char		*payload;
	const uint8_t		*nul;
	size_t			 plen;

	if (sodium_init() < 0)
		abort();
	if ((buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if ((nul = memchr(data, '\0', size)) != NULL) {
		keys_check(buf, (size_t)(nul - data), &ring);
		payload = buf + (nul - data) + 1;
		plen = size - (size_t)(nul - data) - 1;
	} else {
		size_t line;

		if (certify_keyring_parse(&ring, default_keys,
		    strlen(default_keys), &line) != 0)
			abort();
		payload = buf;
		plen = size;
	}
	payload_check(payload, plen, &ring);
	/* the payload's text up to its first NUL, as a typed serial */
	if (certify_serial_normalise(payload, serial) == 0 &&
	    (strlen(serial) != CERTIFY_SERIAL_LEN ||
	    certify_serial_normalise(serial, again) != 0 ||
	    strcmp(serial, again) != 0))
		abort();
	certify_keyring_free(&ring);
	free(buf);
	return 0;
}

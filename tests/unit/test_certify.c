/*
 * test_certify.c: libcertify's payload, keys and verdicts: the worked
 * example of docs/certificates.md (signed by another implementation,
 * node's crypto, so the format is checked against its documentation and
 * not against itself), canonical encoding and its refusals, tamper
 * detection at every byte, key rotation and retirement, expiry, the
 * published key file, secret key files.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "buf.h"
#include "certify.h"
#include "tap.h"

/* RFC 8032, section 7.1, TEST 1: a seed and its public key. */
static const char rfc_seed_hex[] =
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
static const char rfc_pk_b64[] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

/* docs/certificates.md's worked example, signed with the RFC key by
 * node's crypto.sign (an independent Ed25519). */
static const char example[] =
    "HV1|7K2M-9QXD-4TRA|AP|\xd8\xa7\xd9\x84\xd8\xb9\xd9\x84\xd9\x8a|"
    "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf|AL-ALI|MOHAMMED|1990-05-17|"
    "2026-12-06T14:05:12Z|2027-06-05|k20261206-3fa9|"
    "o4Q5RNE56QiIQEFZuV59Gb-9tyC5rXYLfkprfKFX71ZX8Pb-z7KbiZKfR4YyhsnDvl"
    "z2RFR1EL6GHFtuAolaBg";
static const char example_keys[] =
    "# the published file of the example\n"
    "\n"
    "k20261206-3fa9 2026-12-01T00:00:00Z - "
    "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\r\n";

/* 2026-12-06T14:05:12Z and a day. */
#define T_EXAMPLE	((time_t)1796565912)
#define DAY		86400

/* The doc of the example, as an issuer fills it. */
static void
example_doc(struct certify_doc *d)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->serial, sizeof(d->serial), "7K2M-9QXD-4TRA");
	d->type = CERTIFY_ATTEST_PROTECTED;
	snprintf(d->family_name, sizeof(d->family_name),
	    "\xd8\xa7\xd9\x84\xd8\xb9\xd9\x84\xd9\x8a");
	snprintf(d->given_names, sizeof(d->given_names),
	    "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf");
	snprintf(d->family_name_latin, sizeof(d->family_name_latin),
	    "AL-ALI");
	snprintf(d->given_names_latin, sizeof(d->given_names_latin),
	    "MOHAMMED");
	snprintf(d->birth_date, sizeof(d->birth_date), "1990-05-17");
	d->issued_at = T_EXAMPLE;
	snprintf(d->valid_until, sizeof(d->valid_until), "2027-06-05");
	snprintf(d->key_id, sizeof(d->key_id), "k20261206-3fa9");
}

/* The RFC key as a signer called id, valid [from, until). */
static void
rfc_signer(struct certify_signer *s, const char *id, time_t from,
    time_t until)
{
	unsigned char	 seed[32];

	memset(s, 0, sizeof(*s));
	sodium_hex2bin(seed, sizeof(seed), rfc_seed_hex, 64, NULL, NULL,
	    NULL);
	certify_keypair_seed(s, seed);
	snprintf(s->pub.id, sizeof(s->pub.id), "%s", id);
	s->pub.valid_from = from;
	s->pub.valid_until = until;
}

/* Verdict of text against ring at now. */
static enum certify_verdict
verdict(const char *text, const struct certify_keyring *ring, time_t now,
    const char **why)
{
	struct certify_doc	 d;

	return certify_verify(text, strlen(text), ring, now, &d, why);
}

static void
test_example(void)
{
	struct certify_keyring	 ring = {0};
	struct certify_signer	 s;
	struct certify_doc	 d, got;
	struct buf		 b = {0};
	char			 b64[64];
	const char		*why = NULL;
	size_t			 line = 9;

	rfc_signer(&s, "k20261206-3fa9", 0, 0);
	sodium_bin2base64(b64, sizeof(b64), s.pub.pk, 32,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	is_str(b64, rfc_pk_b64, "the RFC 8032 seed gives its public key");

	example_doc(&d);
	ok(certify_encode(&d, &b) == 0, "the example encodes");
	ok(b.data != NULL && strlen(example) > 87 &&
	    b.len == strlen(example) - 87 &&
	    memcmp(b.data, example, b.len) == 0,
	    "its payload is the documented one, byte for byte");
	buf_reset(&b);
	ok(certify_sign(&d, &s, &b) == 0, "the example signs");
	is_str(b.data, example, "the signature is node's (Ed25519 is "
	    "deterministic)");

	ok(certify_keyring_parse(&ring, example_keys, strlen(example_keys),
	    &line) == 0 && line == 0 && ring.nkeys == 1,
	    "the published file of the example parses (comment, blank, CRLF)");
	is_int(certify_verify(example, strlen(example), &ring, T_EXAMPLE + 60,
	    &got, &why), CERTIFY_VALID, "the example is genuine and valid");
	ok(memcmp(&got, &d, sizeof(d)) == 0, "and gives its facts back");
	is_int(verdict(example, &ring, T_EXAMPLE + 200 * DAY, &why),
	    CERTIFY_EXPIRED, "after 2027-06-05 it is expired");
	is_str(why, "validity ended", "with its reason");
	/* 2027-06-05T23:59:59Z: the last valid day still counts */
	is_int(verdict(example, &ring, (time_t)1812239999, NULL),
	    CERTIFY_VALID, "on its last valid day it is valid");
	is_int(verdict(example, &ring, (time_t)1812240000, NULL),
	    CERTIFY_EXPIRED, "the next day it is expired");
	certify_keyring_free(&ring);
	certify_signer_clear(&s);
	buf_free(&b);
}

/* Every single-byte change of the example, and every truncation, is
 * not genuine. */
static void
test_tamper(void)
{
	struct certify_keyring	 ring = {0};
	struct certify_doc	 d;
	char			 t[sizeof(example)];
	size_t			 i, n = strlen(example), bad = 0, line;
	int			 k;

	certify_keyring_parse(&ring, example_keys, strlen(example_keys),
	    &line);
	for (i = 0; i < n; i++)
		for (k = 0; k < 3; k++) {
			memcpy(t, example, sizeof(example));
			/* flip a low bit, a high bit, or swap with 'A' */
			if (k == 0)
				t[i] ^= 0x01;
			else if (k == 1)
				t[i] ^= 0x20;
			else if (t[i] != 'A')
				t[i] = 'A';
			else
				continue;
			if (verdict(t, &ring, T_EXAMPLE, NULL) !=
			    CERTIFY_NOT_GENUINE) {
				bad++;
				printf("# accepted: byte %zu variant %d\n", i,
				    k);
			}
		}
	is_int(bad, 0, "no change of any byte of the example is genuine");
	for (i = bad = 0; i < n; i++)
		if (certify_verify(example, i, &ring, T_EXAMPLE, &d, NULL) !=
		    CERTIFY_NOT_GENUINE)
			bad++;
	is_int(bad, 0, "no truncation of the example is genuine");
	certify_keyring_free(&ring);
}

/* Parse text (a payload with a well-formed signature appended). */
static int
parses(const char *payload)
{
	struct certify_doc	 d;
	struct buf		 b = {0};
	unsigned char		 sig[64];
	const char		*why;
	size_t			 sl;
	int			 rc;

	buf_printf(&b, "%s|%s", payload, "o4Q5RNE56QiIQEFZuV59Gb-9tyC5rXYLfkpr"
	    "fKFX71ZX8Pb-z7KbiZKfR4YyhsnDvlz2RFR1EL6GHFtuAolaBg");
	rc = certify_parse(b.data, b.len, &d, sig, &sl, &why);
	buf_free(&b);
	return rc == 0;
}

static void
test_canonical(void)
{
	static const char *const bad[] = {
		"HV2|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z|k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z|||k1",
		"HV1|7K2M-9QXD-4TRU|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7k2m-9qxd-4tra|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M9QXD4TRA|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|XX|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|ap|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|||1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP| a|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B |1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a%7c|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a%41|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a%|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a\tb|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a\xc2\x85|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a\xc0\xaf|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-5-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-02-30|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|\xd9\xa1\xd9\xa9\xd9\xa9\xd9\xa0-05-17|2026-12-06T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-12-06 14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12+00:00||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-02-30T14:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-12-06T24:05:12Z||k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z|2027-02-29|k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z|2027-06|k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z||K1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z||-k1",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z||",
		"HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|2026-12-06T14:05:12Z||k1 ",
	};
	struct certify_doc	 d, got;
	struct certify_signer	 s;
	struct buf		 b = {0};
	unsigned char		 sig[64];
	const char		*why;
	size_t			 i, sl;

	ok(parses("HV1|7K2M-9QXD-4TRA|AP|a|b|A|B|1990-05-17|"
	    "2026-12-06T14:05:12Z||k1"), "a minimal payload parses");
	ok(parses("HV1|7K2M-9QXD-4TRA|AP|||A|||2026-12-06T14:05:12Z||k1"),
	    "no original script, no given name, no birth date, no end: parses");
	ok(parses("HV1|7K2M-9QXD-4TRA|AE|a|b|A|B|1990-05-00|"
	    "2026-12-06T14:05:12Z|2027-01-01|k1"),
	    "a birth date of month precision parses");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(!parses(bad[i]), "refused: %s", tap_vis(bad[i],
		    strlen(bad[i])));
	ok(!parses(example), "refused: a second signature field");

	/* "%" and "|" in a name are escaped, and only they */
	rfc_signer(&s, "k1", 0, 0);
	example_doc(&d);
	snprintf(d.key_id, sizeof(d.key_id), "k1");
	snprintf(d.family_name_latin, sizeof(d.family_name_latin),
	    "O'BRIEN|100%%");
	ok(certify_sign(&d, &s, &b) == 0 &&
	    strstr(b.data, "|O'BRIEN%7C100%25|") != NULL,
	    "| and %% in a name are written %%7C and %%25");
	ok(certify_parse(b.data, b.len, &got, sig, &sl, &why) == 0 &&
	    strcmp(got.family_name_latin, "O'BRIEN|100%") == 0,
	    "and read back");
	buf_reset(&b);
	snprintf(d.family_name_latin, sizeof(d.family_name_latin), "A\nB");
	ok(certify_sign(&d, &s, &b) != 0 && b.len == 0,
	    "a name with a newline is not signed");
	snprintf(d.family_name_latin, sizeof(d.family_name_latin), "AL-ALI");
	d.given_names_latin[0] = '\0';
	snprintf(d.key_id, sizeof(d.key_id), "k2");
	ok(certify_sign(&d, &s, &b) != 0, "a doc naming another key is not "
	    "signed");
	memset(d.family_name_latin, 'A', CERTIFY_NAME_MAX);
	d.family_name_latin[CERTIFY_NAME_MAX] = '\0';
	memset(d.given_names_latin, 'B', CERTIFY_NAME_MAX);
	d.given_names_latin[CERTIFY_NAME_MAX] = '\0';
	memset(d.family_name, '%', CERTIFY_NAME_MAX);
	d.family_name[CERTIFY_NAME_MAX] = '\0';
	snprintf(d.key_id, sizeof(d.key_id), "k1");
	ok(certify_sign(&d, &s, &b) != 0, "a payload over %d bytes is not "
	    "signed", CERTIFY_TEXT_MAX);
	buf_reset(&b);
	buf_puts(&b, "kept");
	ok(certify_encode(&d, &b) != 0 && strcmp(b.data, "kept") == 0,
	    "nor encoded: the buffer is left as it was");
	certify_signer_clear(&s);
	buf_free(&b);
}

/* Every type's code round-trips through a signed payload. */
static void
test_types(void)
{
	struct certify_keyring	 ring = {0};
	struct certify_signer	 s;
	struct certify_doc	 d, got;
	struct buf		 b = {0};
	enum certify_type	 t, back;
	int			 good = 1;

	rfc_signer(&s, "k1", 0, 0);
	certify_keyring_add(&ring, &s.pub);
	example_doc(&d);
	snprintf(d.key_id, sizeof(d.key_id), "k1");
	for (t = 0; t < CERTIFY_TYPE__MAX; t++) {
		d.type = t;
		buf_reset(&b);
		if (certify_sign(&d, &s, &b) != 0 ||
		    certify_verify(b.data, b.len, &ring, T_EXAMPLE, &got,
		    NULL) != CERTIFY_VALID || got.type != t ||
		    !certify_type_parse(certify_type_code(t), &back) ||
		    back != t)
			good = 0;
	}
	ok(good, "all %d types sign, verify and come back", CERTIFY_TYPE__MAX);
	ok(certify_type_code(CERTIFY_TYPE__MAX) == NULL &&
	    !certify_type_parse("XX", &back), "no type past the list");
	certify_signer_clear(&s);
	certify_keyring_free(&ring);
	buf_free(&b);
}

static void
test_serials(void)
{
	char	 s[CERTIFY_SERIAL_LEN + 1], t[CERTIFY_SERIAL_LEN + 1];
	int	 i, good = 1, differ = 0;

	for (i = 0; i < 200; i++) {
		certify_serial_new(s);
		if (certify_serial_normalise(s, t) != 0 || strcmp(s, t) != 0)
			good = 0;
		if (i > 0 && strcmp(s, t) != 0)
			differ = 1;
	}
	certify_serial_new(t);
	ok(good, "new serials are canonical");
	ok(strcmp(s, t) != 0 || differ, "and differ");
	ok(certify_serial_normalise(" 7k2m 9qxd-4tra ", s) == 0 &&
	    strcmp(s, "7K2M-9QXD-4TRA") == 0, "a typed serial is normalised");
	ok(certify_serial_normalise("oil0-OIL0-1111", s) == 0 &&
	    strcmp(s, "0110-0110-1111") == 0, "O reads 0, I and L read 1");
	ok(certify_serial_normalise("7K2M-9QXD-4TR", s) != 0,
	    "11 characters are refused");
	ok(certify_serial_normalise("7K2M-9QXD-4TRAB", s) != 0,
	    "13 characters are refused");
	ok(certify_serial_normalise("7K2M-9QXD-4TRU", s) != 0,
	    "U is refused");
}

/*
 * Rotation: key A signs from T0, key B from T1 when A retires. What A
 * signed before T1 stays genuine; A's signature dated from T1 on, or
 * before A's start, is not; a payload naming B but signed by A is not;
 * a key nobody published is not.
 */
static void
test_rotation(void)
{
	struct certify_keyring	 ring = {0};
	struct certify_signer	 a, b;
	struct certify_doc	 d;
	struct buf		 old = {0}, late = {0}, early = {0};
	struct buf		 lie = {0}, fresh = {0}, unk = {0};
	unsigned char		 seed[32];
	const char		*why = NULL;
	time_t			 t0 = T_EXAMPLE, t1 = T_EXAMPLE + 30 * DAY;

	rfc_signer(&a, "ka", t0, 0);
	certify_keypair_new(&b, seed);
	snprintf(b.pub.id, sizeof(b.pub.id), "kb");
	b.pub.valid_from = t1;

	example_doc(&d);
	d.valid_until[0] = '\0';
	snprintf(d.key_id, sizeof(d.key_id), "ka");
	d.issued_at = t0 + DAY;
	certify_sign(&d, &a, &old);
	d.issued_at = t1 + DAY;
	certify_sign(&d, &a, &late);
	d.issued_at = t0 - 1;
	certify_sign(&d, &a, &early);
	snprintf(d.key_id, sizeof(d.key_id), "kb");
	snprintf(a.pub.id, sizeof(a.pub.id), "kb");
	certify_sign(&d, &a, &lie);
	snprintf(a.pub.id, sizeof(a.pub.id), "ka");
	d.issued_at = t1 + DAY;
	certify_sign(&d, &b, &fresh);
	snprintf(d.key_id, sizeof(d.key_id), "kc");
	snprintf(b.pub.id, sizeof(b.pub.id), "kc");
	certify_sign(&d, &b, &unk);
	snprintf(b.pub.id, sizeof(b.pub.id), "kb");

	/* A retired at t1: its validity ends there */
	a.pub.valid_until = t1;
	ok(certify_keyring_add(&ring, &a.pub) == 0 &&
	    certify_keyring_add(&ring, &b.pub) == 0, "two keys in the ring");
	ok(certify_keyring_add(&ring, &a.pub) != 0, "an id only once");
	is_int(verdict(old.data, &ring, t1 + 2 * DAY, &why), CERTIFY_VALID,
	    "signed by A before its retirement: still valid after rotation");
	is_int(verdict(fresh.data, &ring, t1 + 2 * DAY, &why), CERTIFY_VALID,
	    "signed by B after it: valid");
	is_int(verdict(late.data, &ring, t1 + 2 * DAY, &why),
	    CERTIFY_NOT_GENUINE, "signed by A, dated after its retirement: "
	    "not genuine");
	is_str(why, "issued outside its key's validity", "said so");
	is_int(verdict(early.data, &ring, t1, &why), CERTIFY_NOT_GENUINE,
	    "dated before A's validity: not genuine");
	is_int(verdict(lie.data, &ring, t1 + 2 * DAY, &why),
	    CERTIFY_NOT_GENUINE, "naming B, signed by A: not genuine");
	is_str(why, "bad signature", "bad signature");
	is_int(verdict(unk.data, &ring, t1 + 2 * DAY, &why),
	    CERTIFY_NOT_GENUINE, "a key nobody published: not genuine");
	is_str(why, "unknown key", "unknown key");

	certify_signer_clear(&a);
	certify_signer_clear(&b);
	certify_keyring_free(&ring);
	buf_free(&old);
	buf_free(&late);
	buf_free(&early);
	buf_free(&lie);
	buf_free(&fresh);
	buf_free(&unk);
}

static void
test_keyring(void)
{
	static const char *const bad[] = {
		"k1 2026-12-01T00:00:00Z -\n",
		"k1 2026-12-01T00:00:00Z - 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo x\n",
		"k1 2026-12-01T00:00:00Z - 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp\n",
		"k1 2026-12-01T00:00:00Z - 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR\n",
		"k1 2026-12-01 - 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\n",
		"k1 2026-12-01T00:00:00Z 2026-12-01T00:00:00Z 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\n",
		"K1 2026-12-01T00:00:00Z - 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\n",
		/* the same id twice */
		("k1 2026-12-01T00:00:00Z - 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\n"
		"k1 2026-12-02T00:00:00Z - 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\n"),
	};
	struct certify_keyring	 ring = {0}, again = {0};
	struct certify_pubkey	 k;
	struct buf		 b = {0};
	size_t			 i, line;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = certify_keyring_parse(&ring, bad[i], strlen(bad[i]),
		    &line);

		/* the bad line is the last one of each case */
		ok(rc != 0 && line == (size_t)(1 + (strchr(bad[i], '\n') + 1 <
		    bad[i] + strlen(bad[i]))), "key file refused at line %zu: %s",
		    line, tap_vis(bad[i], strlen(bad[i])));
		certify_keyring_free(&ring);
	}
	memset(&k, 0, sizeof(k));
	snprintf(k.id, sizeof(k.id), "k-old");
	randombytes_buf(k.pk, sizeof(k.pk));
	k.valid_from = T_EXAMPLE;
	k.valid_until = T_EXAMPLE + 10;
	certify_keyring_add(&ring, &k);
	snprintf(k.id, sizeof(k.id), "k-new");
	k.valid_from = T_EXAMPLE + 10;
	k.valid_until = 0;
	certify_keyring_add(&ring, &k);
	for (i = 0; i < ring.nkeys; i++)
		certify_pubkey_format(&ring.keys[i], &b);
	ok(strstr(b.data, "k-old 2026-12-06T14:05:12Z 2026-12-06T14:05:22Z ")
	    == b.data, "a key's line: id, from, until");
	ok(strstr(b.data, "\nk-new 2026-12-06T14:05:22Z - ") != NULL,
	    "an open end is -");
	ok(certify_keyring_parse(&again, b.data, b.len, &line) == 0 &&
	    again.nkeys == 2 && memcmp(again.keys, ring.keys,
	    2 * sizeof(k)) == 0, "the formatted file parses back the same");
	certify_keyring_free(&ring);
	certify_keyring_free(&again);
	buf_free(&b);
}

static void
test_key_files(void)
{
	struct certify_signer	 s, t;
	unsigned char		 seed[32], other[32];
	char			 var[] = "/tmp/havre-certify-XXXXXX", path[512];
	const char		*why = NULL;
	struct stat		 st;

	if (mkdtemp(var) == NULL) {
		ok(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	certify_keypair_new(&s, seed);
	ok(certify_key_write(var, "k1", seed) == 0, "a secret key file is "
	    "written");
	certify_key_path(var, "k1", path, sizeof(path));
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600 &&
	    st.st_size == 32, "sign-k1.key: 32 bytes, mode 0600");
	ok(certify_key_write(var, "k1", seed) != 0 && errno == EEXIST,
	    "it is never replaced");
	ok(certify_key_write(var, "../k1", seed) != 0, "an id with / is "
	    "refused");
	ok(certify_signer_load(var, "k1", s.pub.pk, &t, &why) == 0 &&
	    memcmp(t.sk, s.sk, 64) == 0 && strcmp(t.pub.id, "k1") == 0,
	    "it loads, matching the public key on record");
	certify_keypair_new(&t, other);
	memcpy(other, t.pub.pk, sizeof(other));
	ok(certify_signer_load(var, "k1", other, &t, &why) != 0 &&
	    strstr(why, "does not match") != NULL,
	    "against another public key it is refused");
	chmod(path, 0640);
	ok(certify_signer_load(var, "k1", NULL, &t, &why) != 0 &&
	    strstr(why, "0600") != NULL, "readable by its group: refused");
	ok(certify_signer_load(var, "k2", NULL, &t, &why) != 0 &&
	    strstr(why, "cannot open") != NULL, "a missing file: refused");
	chmod(path, 0600);
	{
		char link_path[512];

		certify_key_path(var, "k3", link_path, sizeof(link_path));
		ok(symlink(path, link_path) == 0 &&
		    certify_signer_load(var, "k3", NULL, &t, &why) != 0,
		    "a symbolic link to a key file: refused");
		unlink(link_path);
	}
	unlink(path);
	snprintf(path, sizeof(path), "%s/keys", var);
	rmdir(path);
	rmdir(var);
	certify_signer_clear(&s);
	certify_signer_clear(&t);
	sodium_memzero(seed, sizeof(seed));
}

int
main(void)
{
	if (sodium_init() < 0)
		return 1;
	test_example();
	test_tamper();
	test_canonical();
	test_types();
	test_serials();
	test_rotation();
	test_keyring();
	test_key_files();
	return done_testing();
}

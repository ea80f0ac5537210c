/*
 * main.c: havre-verify, the standalone verifier of issued documents.
 * It checks a payload (the text of a certificate's QR code) against
 * the published public keys, offline: no database, no server, no
 * network (docs/certificates.md).
 *
 *   havre-verify --key FILE [PAYLOAD]
 *
 * FILE is the published key file (`havre-admin keys export-public`);
 * the payload is the argument, else standard input (one line; a final
 * newline is ignored). It prints the verdict on the first line, then,
 * for a genuine document, its facts and a reminder that revocation is
 * known only to the issuing office.
 *
 * Exit status:
 *   0  genuine and valid (revocation not checked: offline)
 *   1  genuine but expired (its last valid day is past)
 *   2  not genuine: malformed, unknown key, bad signature, or issued
 *      outside its key's validity
 *   3  usage error, or the key file cannot be read or is malformed
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "buf.h"
#include "certify.h"

#define EXIT_VALID	0
#define EXIT_EXPIRED	1
#define EXIT_FORGED	2
#define EXIT_USAGE	3

#define KEYFILE_MAX	(256 * 1024)

/* What each type is, in plain English. */
static const char *const type_names[CERTIFY_TYPE__MAX] = {
	[CERTIFY_COPY_BIRTH] = "full copy of a birth act",
	[CERTIFY_COPY_MARRIAGE] = "full copy of a marriage act",
	[CERTIFY_COPY_DEATH] = "full copy of a death act",
	[CERTIFY_EXTRACT_BIRTH] = "extract of a birth act",
	[CERTIFY_EXTRACT_MARRIAGE] = "extract of a marriage act",
	[CERTIFY_EXTRACT_DEATH] = "extract of a death act",
	[CERTIFY_ATTEST_PROTECTED] =
	    "attestation: protected by the office",
	[CERTIFY_ATTEST_PENDING] =
	    "attestation: civil status being established",
};

static void
usage(void)
{
	fprintf(stderr, "usage: havre-verify --key FILE [PAYLOAD]\n"
	    "  (the payload is read from standard input when not given)\n");
}

/*
 * Read at most max bytes of f into out. Returns 0, or -1 on a read
 * error or when f holds more than max bytes.
 */
static int
read_all(FILE *f, struct buf *out, size_t max)
{
	char	 chunk[4096];
	size_t	 n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len + n > max || buf_append(out, chunk, n) != 0)
			return -1;
	}
	return ferror(f) ? -1 : 0;
}

/* Print "label: a b" with the empty parts left out. */
static void
print_names(const char *label, const char *a, const char *b)
{
	printf("%s: %s%s%s\n", label, a, a[0] != '\0' && b[0] != '\0' ?
	    " " : "", b);
}

/*
 * havre-verify --key FILE [PAYLOAD]. Returns an exit status above.
 */
int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct certify_keyring	 ring = {0};
	struct certify_doc	 doc;
	struct buf		 keys = {0}, in = {0};
	const char		*keyfile = NULL, *why = NULL;
	const char		*text;
	enum certify_verdict	 v;
	FILE			*f;
	size_t			 len, line = 0;
	char			 issued[32];
	struct tm		 tm;
	int			 c, status = EXIT_USAGE;

	while ((c = getopt_long(argc, argv, "k:h", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			keyfile = optarg;
			break;
		case 'h':
			usage();
			return EXIT_VALID;
		default:
			usage();
			return EXIT_USAGE;
		}
	}
	if (keyfile == NULL || argc - optind > 1) {
		usage();
		return EXIT_USAGE;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "havre-verify: libsodium cannot start\n");
		return EXIT_USAGE;
	}
	if ((f = fopen(keyfile, "r")) == NULL) {
		fprintf(stderr, "havre-verify: %s: %s\n", keyfile,
		    strerror(errno));
		goto out;
	}
	if (read_all(f, &keys, KEYFILE_MAX) != 0) {
		fclose(f);
		fprintf(stderr, "havre-verify: %s: unreadable or too large\n",
		    keyfile);
		goto out;
	}
	fclose(f);
	if (certify_keyring_parse(&ring, keys.data != NULL ? keys.data : "",
	    keys.len, &line) != 0) {
		fprintf(stderr, "havre-verify: %s: line %zu: not a key "
		    "(docs/certificates.md: id valid_from valid_until "
		    "public_key)\n", keyfile, line);
		goto out;
	}
	if (ring.nkeys == 0) {
		fprintf(stderr, "havre-verify: %s: no key\n", keyfile);
		goto out;
	}

	if (optind < argc) {
		text = argv[optind];
		len = strlen(text);
	} else {
		if (read_all(stdin, &in, CERTIFY_TEXT_MAX + 2) != 0) {
			/* too long to be a payload: not genuine */
			printf("not genuine (too long)\n");
			status = EXIT_FORGED;
			goto out;
		}
		text = in.data != NULL ? in.data : "";
		len = in.len;
	}
	/* One final newline (a file, echo) is not part of the payload. */
	if (len > 0 && text[len - 1] == '\n')
		len--;
	if (len > 0 && text[len - 1] == '\r')
		len--;

	v = certify_verify(text, len, &ring, time(NULL), &doc, &why);
	if (v == CERTIFY_NOT_GENUINE) {
		printf("not genuine (%s)\n", why != NULL ? why : "malformed");
		status = EXIT_FORGED;
		goto out;
	}
	printf("%s\n", certify_verdict_name(v));
	if (why != NULL)
		printf("reason: %s\n", why);
	printf("serial: %s\n", doc.serial);
	printf("document: %s (%s)\n", type_names[doc.type],
	    certify_type_code(doc.type));
	print_names("name", doc.family_name, doc.given_names);
	print_names("name in Latin letters", doc.family_name_latin,
	    doc.given_names_latin);
	printf("born: %s\n", doc.birth_date[0] != '\0' ? doc.birth_date :
	    "unknown");
	gmtime_r(&doc.issued_at, &tm);
	strftime(issued, sizeof(issued), "%Y-%m-%dT%H:%M:%SZ", &tm);
	printf("issued: %s (key %s)\n", issued, doc.key_id);
	printf("valid until: %s\n", doc.valid_until[0] != '\0' ?
	    doc.valid_until : "no end date");
	printf("revocation: unknown offline; only the issuing office knows "
	    "whether serial %s was revoked (its /verify page)\n", doc.serial);
	status = v == CERTIFY_VALID ? EXIT_VALID : EXIT_EXPIRED;
out:
	certify_keyring_free(&ring);
	buf_free(&keys);
	buf_free(&in);
	return status;
}

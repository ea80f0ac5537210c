/*
 * bench.c: libcertify's figures: the time to issue one certificate (a
 * new serial, the payload signed, the A4 PDF laid out with its QR
 * code), the first one apart (fontconfig and pango load their fonts
 * once per process, as a worker does on its first document), then the
 * mean over BENCH_DOCS; payloads signed and verified per second; the
 * sizes of the payload and the PDF. Never part of pass/fail.
 *   tests/bench/certify/run.sh   (or make bench-progs, then run it)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "buf.h"
#include "certify.h"

/* This process's VmRSS in kB, or -1. */
static long
rss_kb(void)
{
	FILE	*f;
	char	 line[256];
	long	 kb = -1;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

/* Monotonic seconds. */
static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct certify_field	 fields[] = {
		{ "Nom", "\xd8\xa7\xd9\x84\xd8\xa7\xd8\xb3\xd9\x85",
		    "\xd8\xa7\xd9\x84\xd8\xb9\xd9\x84\xd9\x8a "
		    "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", NULL },
		{ "Nom en lettres latines", NULL, "AL-ALI Mohammed", NULL },
		{ "Date de naissance", NULL, "17/05/1990", NULL },
		{ "Lieu de naissance", NULL, "Alep (Syrie)", NULL },
		{ "Nationalit\xc3\xa9", NULL, "syrienne", NULL },
		{ "Valable jusqu'au", NULL, "05/06/2027", NULL },
	};
	struct certify_layout	 lay = {
		.lang = "ar", .issuer = "Office de protection",
		.title_fr = "Attestation de protection",
		.title_local = "\xd8\xb4\xd9\x87\xd8\xa7\xd8\xaf\xd8\xa9 "
		    "\xd8\xa7\xd9\x84\xd8\xad\xd9\x85\xd8\xa7\xd9\x8a\xd8\xa9",
		.fields = fields, .nfields = 6,
		.note_fr = "V\xc3\xa9rifiez ce document sur /verify",
	};
	struct certify_signer	 s;
	struct certify_keyring	 ring = {0};
	struct certify_doc	 doc, got;
	struct buf		 qr = {0}, pdf = {0};
	unsigned char		 seed[32];
	double			 t0, first, rest, sign_s, verify_s;
	long			 rss0, rss1, rss2;
	long long		 docs = 50;
	long			 ops = 20000, i;
	time_t			 now = time(NULL);

	if ((argc > 1 && parse_int(argv[1], 1, 100000, &docs) != 0) ||
	    sodium_init() < 0)
		return 1;
	certify_keypair_new(&s, seed);
	snprintf(s.pub.id, sizeof(s.pub.id), "kbench");
	s.pub.valid_from = now - 60;
	certify_keyring_add(&ring, &s.pub);
	memset(&doc, 0, sizeof(doc));
	doc.type = CERTIFY_ATTEST_PROTECTED;
	snprintf(doc.family_name, sizeof(doc.family_name),
	    "\xd8\xa7\xd9\x84\xd8\xb9\xd9\x84\xd9\x8a");
	snprintf(doc.given_names, sizeof(doc.given_names),
	    "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf");
	snprintf(doc.family_name_latin, sizeof(doc.family_name_latin),
	    "AL-ALI");
	snprintf(doc.given_names_latin, sizeof(doc.given_names_latin),
	    "MOHAMMED");
	snprintf(doc.birth_date, sizeof(doc.birth_date), "1990-05-17");
	snprintf(doc.valid_until, sizeof(doc.valid_until), "2027-06-05");

	rss0 = rss_kb();
	t0 = now_s();
	if (certify_issue(&doc, &s, &lay, now, &qr, &pdf) != 0)
		return 1;
	first = now_s() - t0;
	rss1 = rss_kb();
	{
		struct buf	 png = {0};
		long		 side = 0;

		/* a PNG of one pixel a module: its width (IHDR bytes 16..19)
		 * is the symbol's side plus 8 (the quiet zone) */
		if (certify_qr_png(qr.data, 1, &png) == 0 && png.len > 20)
			side = (long)((unsigned char)png.data[18] << 8 |
			    (unsigned char)png.data[19]) - 8;
		printf("payload %zu bytes: QR code of %ld modules (version %ld, "
		    "level M); PDF %zu bytes\n", qr.len, side, (side - 17) / 4,
		    pdf.len);
		buf_free(&png);
	}
	t0 = now_s();
	for (i = 0; i < docs; i++) {
		buf_reset(&qr);
		buf_reset(&pdf);
		if (certify_issue(&doc, &s, &lay, now, &qr, &pdf) != 0)
			return 1;
	}
	rest = (now_s() - t0) / docs;
	rss2 = rss_kb();
	printf("issue one certificate (payload, signature, PDF): first %.1f ms"
	    " (fonts loaded), then %.2f ms mean over %lld\n", first *
	    1e3, rest * 1e3, docs);
	printf("VmRSS: %ld kB before, %ld kB after the first (fonts), %ld kB "
	    "after %lld more\n", rss0, rss1, rss2, docs);

	t0 = now_s();
	for (i = 0; i < ops; i++) {
		buf_reset(&qr);
		certify_sign(&doc, &s, &qr);
	}
	sign_s = ops / (now_s() - t0);
	t0 = now_s();
	for (i = 0; i < ops; i++)
		if (certify_verify(qr.data, qr.len, &ring, now, &got, NULL) !=
		    CERTIFY_VALID)
			return 1;
	verify_s = ops / (now_s() - t0);
	printf("payloads signed per second: %.0f; verified per second: %.0f "
	    "(one core)\n", sign_s, verify_s);
	certify_signer_clear(&s);
	certify_keyring_free(&ring);
	buf_free(&qr);
	buf_free(&pdf);
	return 0;
}

/*
 * test_certify_pdf.c: the printed document. certify_issue() makes a
 * signed attestation in Arabic and French; poppler's pdftotext (a
 * separate program, Debian's poppler-utils) reads the PDF back, and the
 * French and the Arabic text must come out as written: Arabic in
 * logical order, its letters shaped from the right code points (a
 * glyph with no Unicode mapping or set in visual order would not read
 * back). The payload the QR code holds verifies; the PNG of a QR code
 * is a PNG of the right size.
 */
#include "config.h"

#include <sys/wait.h>

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

/* Arabic: "attestation of protection", the family name, a label */
#define AR_TITLE	"\xd8\xb4\xd9\x87\xd8\xa7\xd8\xaf\xd8\xa9 " \
			"\xd8\xa7\xd9\x84\xd8\xad\xd9\x85\xd8\xa7\xd9\x8a\xd8\xa9"
#define AR_FAMILY	"\xd8\xa7\xd9\x84\xd8\xb9\xd9\x84\xd9\x8a"
#define AR_GIVEN	"\xd9\x85\xd8\xad\xd9\x85\xd8\xaf"
#define AR_LABEL_NAME	"\xd8\xa7\xd9\x84\xd8\xa7\xd8\xb3\xd9\x85"
#define FR_TITLE	"Attestation de protection"
#define FR_NOTE		"Vérifiez ce document sur https://havre.example/verify"

/*
 * Run pdftotext on pdf (len bytes) and put its UTF-8 text in out.
 * Returns 0, or -1 (said).
 */
static int
pdftotext(const char *pdf, size_t len, struct buf *out)
{
	char	 path[] = "/tmp/havre-certify-pdf-XXXXXX", cmd[256], chunk[4096];
	FILE	*p;
	size_t	 n;
	int	 fd, st;

	if ((fd = mkstemp(path)) == -1)
		return -1;
	if (write(fd, pdf, len) != (ssize_t)len) {
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 %s -", path);
	if ((p = popen(cmd, "r")) == NULL) {
		unlink(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_append(out, chunk, n);
	st = pclose(p);
	unlink(path);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		printf("# pdftotext failed (status %d): is poppler-utils "
		    "installed?\n", st);
		return -1;
	}
	return 0;
}

/*
 * s without white space and bidi marks (U+200E, U+200F, U+202A..U+202E:
 * pdftotext wraps right-to-left lines in U+202B..U+202C) into out.
 * pdftotext puts spaces where the gap between two glyphs is wide, as
 * after a letter that does not join the next (و ا د), so the text is
 * compared as a sequence of letters, in order.
 */
static void
squeeze(const char *s, struct buf *out)
{
	const unsigned char	*u = (const unsigned char *)s;

	for (; *u != '\0'; u++) {
		if (*u == ' ' || *u == '\n' || *u == '\t' || *u == '\f')
			continue;
		if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0x8e ||
		    u[2] == 0x8f || (u[2] >= 0xaa && u[2] <= 0xae))) {
			u += 2;
			continue;
		}
		buf_append(out, u, 1);
	}
}

/*
 * Returns 1 if the letters of needle appear in order in hay (both
 * squeezed). One known quirk of poppler is allowed for: the lam-alef
 * ligature (one glyph for U+0644 U+0627, mapped so by cairo's ToUnicode)
 * comes back as U+0627 U+0644, because poppler reverses the characters
 * of a right-to-left line including those inside a ligature; every
 * other letter must be in logical order.
 */
static int
contains(const char *hay, const char *needle)
{
	struct buf	 h = {0}, n = {0};
	char		*p;
	int		 found;

	squeeze(hay, &h);
	squeeze(needle, &n);
	while (n.data != NULL && (p = strstr(n.data, "\xd9\x84\xd8\xa7")) !=
	    NULL)
		memcpy(p, "\xd8\xa7\xd9\x84", 4);
	found = h.data != NULL && n.data != NULL &&
	    strstr(h.data, n.data) != NULL;
	buf_free(&h);
	buf_free(&n);
	return found;
}

int
main(void)
{
	struct certify_field	 fields[] = {
		{ "Nom", AR_LABEL_NAME, AR_FAMILY " " AR_GIVEN, NULL },
		{ "Nom en lettres latines", NULL, "AL-ALI Mohammed", NULL },
		{ "Date de naissance", "\xd8\xaa\xd8\xa7\xd8\xb1\xd9\x8a\xd8\xae "
		    "\xd8\xa7\xd9\x84\xd9\x85\xd9\x8a\xd9\x84\xd8\xa7\xd8\xaf",
		    "17/05/1990", NULL },
		{ "Valable jusqu'au", NULL, "05/06/2027", NULL },
	};
	struct certify_layout	 lay = {
		.lang = "ar",
		.issuer = "Office de protection des réfugiés et apatrides",
		.title_fr = FR_TITLE,
		.title_local = AR_TITLE,
		.fields = fields,
		.nfields = sizeof(fields) / sizeof(fields[0]),
		.note_fr = FR_NOTE,
		.note_local = "\xd8\xaa\xd8\xad\xd9\x82\xd9\x82 "
		    "\xd9\x85\xd9\x86 \xd9\x87\xd8\xb0\xd9\x87 "
		    "\xd8\xa7\xd9\x84\xd9\x88\xd8\xab\xd9\x8a\xd9\x82\xd8\xa9",
	};
	struct certify_signer	 s;
	struct certify_keyring	 ring = {0};
	struct certify_doc	 doc, got;
	struct buf		 qr = {0}, pdf = {0}, text = {0}, png = {0};
	unsigned char		 seed[32];
	time_t			 now = time(NULL);
	char			 want[64];

	if (sodium_init() < 0)
		return 1;
	certify_keypair_new(&s, seed);
	snprintf(s.pub.id, sizeof(s.pub.id), "ktest");
	s.pub.valid_from = now - 60;
	certify_keyring_add(&ring, &s.pub);

	memset(&doc, 0, sizeof(doc));
	doc.type = CERTIFY_ATTEST_PROTECTED;
	snprintf(doc.family_name, sizeof(doc.family_name), AR_FAMILY);
	snprintf(doc.given_names, sizeof(doc.given_names), AR_GIVEN);
	snprintf(doc.family_name_latin, sizeof(doc.family_name_latin),
	    "AL-ALI");
	snprintf(doc.given_names_latin, sizeof(doc.given_names_latin),
	    "MOHAMMED");
	snprintf(doc.birth_date, sizeof(doc.birth_date), "1990-05-17");
	snprintf(doc.valid_until, sizeof(doc.valid_until), "2199-12-31");

	ok(certify_issue(&doc, &s, &lay, now, &qr, &pdf) == 0,
	    "an attestation is issued");
	ok(pdf.len > 1000 && memcmp(pdf.data, "%PDF-", 5) == 0,
	    "its PDF is a PDF (%zu bytes)", pdf.len);
	ok(strcmp(doc.key_id, "ktest") == 0 && doc.issued_at == now &&
	    doc.serial[4] == '-', "serial %s, key and issue time set",
	    doc.serial);
	is_int(certify_verify(qr.data, qr.len, &ring, now, &got, NULL),
	    CERTIFY_VALID, "the QR code's payload verifies");
	is_str(got.serial, doc.serial, "and names the serial");

	if (pdftotext(pdf.data, pdf.len, &text) != 0 || text.data == NULL) {
		ok(0, "pdftotext reads the PDF");
		goto out;
	}
	ok(contains(text.data, FR_TITLE), "French title reads back");
	ok(contains(text.data, "Office de protection des réfugiés"),
	    "French with accents reads back");
	ok(contains(text.data, AR_TITLE), "Arabic title reads back in logical "
	    "order");
	ok(contains(text.data, AR_FAMILY " " AR_GIVEN),
	    "Arabic name reads back in logical order");
	ok(contains(text.data, AR_LABEL_NAME), "Arabic label (with a lam-alef) "
	    "reads back");
	ok(!contains(text.data, "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf "
	    AR_FAMILY), "the name's words are not in visual order");
	ok(contains(text.data, "AL-ALI Mohammed"), "Latin name reads back");
	snprintf(want, sizeof(want), "N° %s", doc.serial);
	ok(contains(text.data, want), "the serial reads back: %s", want);
	if (tap_failed > 0)
		printf("# pdftotext said:\n# %s\n", text.data);

	/* fields beyond a page run on to the next: the last one and the
	 * serial read back */
	{
		struct certify_field	 more[20];
		struct certify_layout	 two = lay;
		struct buf		 p2 = {0}, t2 = {0};
		size_t			 i;

		for (i = 0; i < 20; i++) {
			more[i] = fields[0];
			more[i].detail = "Source : acte de naissance, p. 1";
		}
		more[19].value = "the last field of the second page";
		two.fields = more;
		two.nfields = 20;
		ok(certify_pdf(&two, qr.data, doc.serial, &p2) == 0 &&
		    pdftotext(p2.data, p2.len, &t2) == 0 && t2.data != NULL &&
		    contains(t2.data, "the last field of the second page") &&
		    contains(t2.data, doc.serial) && strchr(t2.data, '\f') != NULL,
		    "20 fields run on to a second page");
		buf_free(&p2);
		buf_free(&t2);
	}
	/* a layout with too many fields for CERTIFY_PAGES_MAX pages is
	 * refused */
	{
		struct certify_field	 many[60];
		struct certify_layout	 big = lay;
		size_t			 i, before = pdf.len;

		for (i = 0; i < 60; i++)
			many[i] = fields[0];
		big.fields = many;
		big.nfields = 60;
		ok(certify_pdf(&big, qr.data, doc.serial, &pdf) != 0 &&
		    pdf.len == before, "60 fields do not fit: refused, "
		    "nothing appended");
	}

	certify_qr_png(qr.data, 4, &png);
	ok(png.len > 100 && memcmp(png.data, "\x89PNG\r\n\x1a\n", 8) == 0,
	    "the QR code as a PNG (%zu bytes)", png.len);
	/* the width is at bytes 16..19 of the IHDR chunk: a multiple of 4
	 * (the scale), a symbol of version 1..40 plus the quiet zone */
	if (png.len > 24) {
		unsigned long w = (unsigned long)(unsigned char)png.data[16] << 24 |
		    (unsigned long)(unsigned char)png.data[17] << 16 |
		    (unsigned long)(unsigned char)png.data[18] << 8 |
		    (unsigned char)png.data[19];

		ok(w % 4 == 0 && w / 4 >= 21 + 8 && w / 4 <= 177 + 8 &&
		    (w / 4 - 8 - 21) % 4 == 0, "its side is %lu px: %lu "
		    "modules with the quiet zone", w, w / 4);
	}
	ok(certify_qr_png("", 4, &png) != 0, "an empty text has no QR code");

	/* a key past its validity, or not yet valid, issues nothing */
	{
		struct buf	 q2 = {0}, p2 = {0};
		time_t		 until = s.pub.valid_until;

		s.pub.valid_until = now - 1;
		ok(certify_issue(&doc, &s, &lay, now, &q2, &p2) != 0 &&
		    q2.len == 0 && p2.len == 0, "a retired key issues nothing");
		s.pub.valid_until = until;
		ok(certify_issue(&doc, &s, &lay, now - 3600, &q2, &p2) != 0 &&
		    q2.len == 0, "nor before its validity");
		buf_free(&q2);
		buf_free(&p2);
	}
out:
	certify_signer_clear(&s);
	certify_keyring_free(&ring);
	buf_free(&qr);
	buf_free(&pdf);
	buf_free(&text);
	buf_free(&png);
	return done_testing();
}

/*
 * book_qr.c: the QR code of a booking reference (libqrencode), drawn
 * as one SVG path so the confirmation page can show it inline: no
 * script, no extra request, a few hundred bytes.
 */
#include "config.h"

#include <errno.h>
#include <qrencode.h>

#include "book.h"
#include "buf.h"

/* Blank modules around the symbol (the QR standard's quiet zone). */
#define QUIET	4

/*
 * Encode text (error correction M) and append to path the SVG path
 * data of its dark modules, one "M x y h n v 1 h -n z" rectangle per
 * horizontal run, offset by the quiet zone. *size gets the side of the
 * whole symbol with its quiet zone, in modules (the viewBox). Returns
 * 0, or -1 if the text cannot be encoded or memory runs out.
 */
int
book_qr_path(const char *text, struct buf *path, int *size)
{
	QRcode	*qr;
	int	 x, y, run, rc = -1;

	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8,
	    1)) == NULL)
		return -1;
	for (y = 0; y < qr->width; y++) {
		for (x = 0; x < qr->width; x += run > 0 ? run : 1) {
			run = 0;
			while (x + run < qr->width &&
			    (qr->data[y * qr->width + x + run] & 1))
				run++;
			if (run > 0 && buf_printf(path, "M%d %dh%dv1h-%dz",
			    x + QUIET, y + QUIET, run, run) != 0)
				goto out;
		}
	}
	*size = qr->width + 2 * QUIET;
	rc = 0;
out:
	QRcode_free(qr);
	return rc;
}

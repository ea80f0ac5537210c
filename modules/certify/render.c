/*
 * render.c: the printed document: its QR code (libqrencode, drawn with
 * cairo as vector squares in the PDF or as a PNG) and its A4 PDF laid
 * out with pango (shaping, right-to-left Arabic, font fallback through
 * fontconfig) on a cairo PDF surface written to memory. Also
 * certify_issue(), which makes and signs the payload and lays it out.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "buf.h"
#include "certify.h"

#define QR_QUIET	4		/* blank modules around the symbol */
#define PAGE_W		595.276		/* A4 in points */
#define PAGE_H		841.890
#define MARGIN		56.0		/* ~2 cm */
#define QR_SIDE		170.0		/* symbol and quiet zone */
#define FIELD_MIN	48.0		/* room a field needs at least */
/* fontconfig picks Noto (fonts-noto-core) and falls back per script,
 * DejaVu (fonts-dejavu-core) when Noto is missing. */
#define FONT_FAMILY	"Noto Sans, Noto Sans Arabic, DejaVu Sans"

/* cairo's write callback: append to the struct buf in closure. */
static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

/* The QR symbol of text (byte mode, level M), or NULL. */
static QRcode *
qr_encode(const char *text)
{
	size_t	 n = strlen(text);

	if (n == 0 || n > CERTIFY_TEXT_MAX)
		return NULL;
	return QRcode_encodeData((int)n, (const unsigned char *)text, 0,
	    QR_ECLEVEL_M);
}

/*
 * Draw qr at (x, y) with modules of side m on cr: white quiet zone,
 * then each dark run of a row as one rectangle.
 */
static void
qr_draw(cairo_t *cr, const QRcode *qr, double x, double y, double m)
{
	int	 r, c, run;
	double	 side = (qr->width + 2 * QR_QUIET) * m;

	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, side, side);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (r = 0; r < qr->width; r++)
		for (c = 0; c < qr->width; c += run > 0 ? run : 1) {
			run = 0;
			while (c + run < qr->width &&
			    (qr->data[r * qr->width + c + run] & 1))
				run++;
			if (run > 0)
				cairo_rectangle(cr, x + (c + QR_QUIET) * m,
				    y + (r + QR_QUIET) * m, run * m, m);
		}
	cairo_fill(cr);
	cairo_restore(cr);
}

/* See certify.h. */
int
certify_qr_png(const char *text, int scale, struct buf *png)
{
	QRcode		*qr;
	cairo_surface_t	*s = NULL;
	cairo_t		*cr = NULL;
	int		 side, rc = -1;

	if (scale < 1 || scale > 32 || (qr = qr_encode(text)) == NULL)
		return -1;
	side = (qr->width + 2 * QR_QUIET) * scale;
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		goto out;
	cr = cairo_create(s);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	qr_draw(cr, qr, 0, 0, scale);
	cairo_surface_flush(s);
	if (cairo_status(cr) == CAIRO_STATUS_SUCCESS &&
	    cairo_surface_write_to_png_stream(s, write_buf, png) ==
	    CAIRO_STATUS_SUCCESS)
		rc = 0;
out:
	if (cr != NULL)
		cairo_destroy(cr);
	cairo_surface_destroy(s);
	QRcode_free(qr);
	return rc;
}

/*
 * Set text (may be NULL: nothing) at (x, *y) in width w with font
 * desc and colour grey (0 black .. 1 white); *y moves below it. The
 * paragraph's direction comes from its first strong character, so an
 * Arabic line is set right to left and aligned on the right.
 */
static void
text_at(cairo_t *cr, PangoLayout *pl, const char *text, const char *desc,
    double x, double *y, double w, double grey)
{
	PangoFontDescription	*fd;
	int			 pw, ph;

	if (text == NULL || text[0] == '\0')
		return;
	fd = pango_font_description_from_string(desc);
	pango_layout_set_font_description(pl, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(pl, PANGO_ALIGN_LEFT);
	pango_layout_set_auto_dir(pl, TRUE);
	pango_layout_set_text(pl, text, -1);
	cairo_set_source_rgb(cr, grey, grey, grey);
	cairo_move_to(cr, x, *y);
	pango_cairo_show_layout(cr, pl);
	pango_layout_get_size(pl, &pw, &ph);
	*y += (double)ph / PANGO_SCALE;
}

/* Returns 1 if s is a non-empty string, else 0. */
static int
given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* See certify.h. */
int
certify_pdf(const struct certify_layout *lay, const char *qr_text,
    const char *serial, struct buf *pdf)
{
	cairo_surface_t		*s;
	cairo_t			*cr = NULL;
	PangoLayout		*pl = NULL;
	PangoContext		*ctx;
	PangoLanguage		*lang;
	QRcode			*qr;
	struct buf		 line = {0};
	double			 y = MARGIN, w = PAGE_W - 2 * MARGIN;
	double			 m, qy;
	size_t			 i, start = pdf->len;
	int			 rc = -1, pages = 1;

	if ((qr = qr_encode(qr_text)) == NULL)
		return -1;
	s = cairo_pdf_surface_create_for_stream(write_buf, pdf, PAGE_W,
	    PAGE_H);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		goto out;
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
	    lay->title_fr != NULL ? lay->title_fr : "");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "Havre");
	cr = cairo_create(s);
	pl = pango_cairo_create_layout(cr);
	ctx = pango_layout_get_context(pl);
	/* the person's language picks the right glyph forms per script */
	lang = pango_language_from_string(given(lay->lang) ? lay->lang :
	    "fr");
	pango_context_set_language(ctx, lang);

	text_at(cr, pl, lay->issuer, FONT_FAMILY " 10", MARGIN, &y, w, 0.3);
	y += 18;
	text_at(cr, pl, lay->title_fr, FONT_FAMILY " Bold 18", MARGIN, &y, w,
	    0);
	text_at(cr, pl, lay->title_local, FONT_FAMILY " Bold 16", MARGIN, &y,
	    w, 0);
	y += 8;
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, MARGIN, y);
	cairo_line_to(cr, PAGE_W - MARGIN, y);
	cairo_stroke(cr);
	y += 14;

	/* Each field: its labels in small grey type on one line, French
	 * from the left and the person's language in the other half (an
	 * Arabic label aligns right, as its paragraph runs right to left),
	 * its value below. */
	for (i = 0; i < lay->nfields; i++) {
		const struct certify_field *f = &lay->fields[i];
		double y_fr, y_local;

		/* a full copy with its sources and mentions runs on: a new
		 * page when the field would start in the bottom margin */
		if (y > PAGE_H - MARGIN - FIELD_MIN) {
			if (++pages > CERTIFY_PAGES_MAX)
				goto out;
			cairo_show_page(cr);
			y = MARGIN;
		}
		y_fr = y_local = y;

		text_at(cr, pl, f->label_fr, FONT_FAMILY " 8.5", MARGIN, &y_fr,
		    w / 2 - 6, 0.35);
		text_at(cr, pl, f->label_local, FONT_FAMILY " 8.5",
		    MARGIN + w / 2 + 6, &y_local, w / 2 - 6, 0.35);
		y = y_fr > y_local ? y_fr : y_local;
		text_at(cr, pl, f->value, FONT_FAMILY " 12.5", MARGIN, &y, w,
		    0);
		text_at(cr, pl, f->detail, FONT_FAMILY " 8", MARGIN, &y, w,
		    0.3);
		y += given(f->detail) ? 6 : 10;
	}

	/* The QR code and the serial at the bottom right, the note beside
	 * them. */
	qy = PAGE_H - MARGIN - QR_SIDE - 18;
	if (y > qy) {
		/* the QR code and the note on a page of their own */
		if (++pages > CERTIFY_PAGES_MAX)
			goto out;
		cairo_show_page(cr);
	}
	m = QR_SIDE / (qr->width + 2 * QR_QUIET);
	qr_draw(cr, qr, PAGE_W - MARGIN - QR_SIDE, qy, m);
	y = qy + QR_SIDE + 2;
	if (buf_printf(&line, "N° %s", serial != NULL ? serial : "") != 0)
		goto out;
	text_at(cr, pl, line.data, "DejaVu Sans Mono 10",
	    PAGE_W - MARGIN - QR_SIDE + 4 * m, &y, QR_SIDE, 0);
	y = qy;
	text_at(cr, pl, lay->note_fr, FONT_FAMILY " 9", MARGIN, &y,
	    w - QR_SIDE - 20, 0.25);
	y += 6;
	text_at(cr, pl, lay->note_local, FONT_FAMILY " 9", MARGIN, &y,
	    w - QR_SIDE - 20, 0.25);

	cairo_show_page(cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		goto out;
	g_object_unref(pl);
	pl = NULL;
	cairo_destroy(cr);
	cr = NULL;
	cairo_surface_finish(s);
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS)
		rc = 0;
out:
	if (pl != NULL)
		g_object_unref(pl);
	if (cr != NULL)
		cairo_destroy(cr);
	cairo_surface_destroy(s);
	QRcode_free(qr);
	buf_free(&line);
	if (rc != 0 && pdf->data != NULL) {
		pdf->len = start;
		pdf->data[start] = '\0';
	}
	return rc;
}

/* See certify.h. */
int
certify_issue(struct certify_doc *doc, const struct certify_signer *signer,
    const struct certify_layout *layout, time_t now, struct buf *qr_text,
    struct buf *pdf)
{
	size_t	 start = qr_text->len;

	if (now < signer->pub.valid_from || (signer->pub.valid_until != 0 &&
	    now >= signer->pub.valid_until))
		return -1;
	certify_serial_new(doc->serial);
	doc->issued_at = now;
	snprintf(doc->key_id, sizeof(doc->key_id), "%s", signer->pub.id);
	if (certify_sign(doc, signer, qr_text) != 0)
		return -1;
	if (certify_pdf(layout, qr_text->data + start, doc->serial, pdf) != 0) {
		qr_text->len = start;
		qr_text->data[start] = '\0';
		return -1;
	}
	return 0;
}

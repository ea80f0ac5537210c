/*
 * chart.c: server-side SVG charts as page data (chart.h), moved here
 * from havre-dossier's monitoring when havre-civil's backlog needed them.
 */
#include "config.h"

#include <stdio.h>

#include "app.h"
#include "buf.h"
#include "chart.h"
#include "tpl.h"

/* The chart colours: both above 4.5:1 on white (as reception's). */
static const char *const series_fill[] = {"#1d4e89", "#a14a00"};

/*
 * A horizontal bar chart under node (Charts.X): Legend.N.{Label, Fill,
 * X, TX}, Labels.N.{Text, Y}, Bars.N.{Y, W, Fill, TX, TY, Value}, H and
 * Desc (the text alternative: every label and value). Geometry for a
 * 640-wide viewBox: labels end at x 205, bars from 215 over at most 360.
 */
void
chart_hbars(struct req *r, const char *node, const struct bar_row *rows,
    size_t n, size_t nvals, const char *const *keys)
{
	struct buf	 desc = {0};
	char		 k[96], shown[48];
	long long	 max = 1, x;
	size_t		 i, j, nb = 0;
	int		 y = 30, rowh = (int)nvals * 18 + 10;

	for (i = 0; i < n; i++)
		for (j = 0; j < nvals; j++)
			if (rows[i].v[j] > max)
				max = rows[i].v[j];
	for (j = 0; j < nvals; j++) {
#define SETK(f, v) do { snprintf(k, sizeof(k), "%s.Legend.%zu." f, node, \
	j); page_set(r, k, (v)); } while (0)
		SETK("Label", tpl_text(r->hdf, keys[j]));
		SETK("Fill", series_fill[j % 2]);
		snprintf(k, sizeof(k), "%s.Legend.%zu.X", node, j);
		page_set_int(r, k, 215 + (long long)j * 180);
		snprintf(k, sizeof(k), "%s.Legend.%zu.TX", node, j);
		page_set_int(r, k, 235 + (long long)j * 180);
#undef SETK
	}
	for (i = 0; i < n; i++) {
		snprintf(k, sizeof(k), "%s.Labels.%zu.Text", node, i);
		page_set(r, k, rows[i].label);
		snprintf(k, sizeof(k), "%s.Labels.%zu.Y", node, i);
		page_set_int(r, k, y + rowh / 2);
		buf_printf(&desc, "%s%s:", i ? "; " : "", rows[i].label);
		for (j = 0; j < nvals; j++) {
			x = rows[i].v[j] < 0 ? 0 : rows[i].v[j];
			if (rows[i].v[j] < 0)
				snprintf(shown, sizeof(shown), "–");
			else
				snprintf(shown, sizeof(shown), "%lld%s",
				    rows[i].v[j], rows[i].unit);
			buf_printf(&desc, " %s %s", tpl_text(r->hdf, keys[j]),
			    shown);
#define SETB(f, v) do { snprintf(k, sizeof(k), "%s.Bars.%zu." f, node, nb); \
	page_set_int(r, k, (v)); } while (0)
			SETB("Y", y + (long long)j * 18);
			SETB("W", x * 360 / max);
			SETB("TX", 215 + x * 360 / max + 6);
			SETB("TY", y + (long long)j * 18 + 12);
#undef SETB
			snprintf(k, sizeof(k), "%s.Bars.%zu.Fill", node, nb);
			page_set(r, k, series_fill[j % 2]);
			snprintf(k, sizeof(k), "%s.Bars.%zu.Value", node, nb);
			page_set(r, k, shown);
			nb++;
		}
		y += rowh;
	}
	snprintf(k, sizeof(k), "%s.H", node);
	page_set_int(r, k, y + 8);
	snprintf(k, sizeof(k), "%s.Desc", node);
	page_set(r, k, desc.data ? desc.data : "");
	snprintf(k, sizeof(k), "%s.Show", node);
	page_set_int(r, k, n > 0);
	buf_free(&desc);
}


/*
 * chart.c: horizontal bar charts as SVG geometry in the page data (see
 * chart.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "chart.h"
#include "tpl.h"

/* The series' colours: both above 4.5:1 on white. */
static const char *const series_fill[CHART_SERIES_MAX] = {"#1d4e89",
	"#a14a00"};

/* Set node.<i>.<field> (printf-built under the chart's node) to an int. */
static void
set_int(struct chart *c, const char *part, size_t i, const char *field,
    long long v)
{
	char	k[128];

	snprintf(k, sizeof(k), "%s.%s.%zu.%s", c->node, part, i, field);
	page_set_int(c->r, k, v);
}

/* Same, to a text. */
static void
set_text(struct chart *c, const char *part, size_t i, const char *field,
    const char *v)
{
	char	k[128];

	snprintf(k, sizeof(k), "%s.%s.%zu.%s", c->node, part, i, field);
	page_set(c->r, k, v);
}

/* See chart.h. */
void
chart_begin(struct chart *c, struct req *r, const char *node, size_t nvals,
    const char *const *keys, long long max)
{
	size_t	j;

	memset(c, 0, sizeof(*c));
	c->r = r;
	snprintf(c->node, sizeof(c->node), "%s", node);
	c->keys = keys;
	c->nvals = nvals > CHART_SERIES_MAX ? CHART_SERIES_MAX : nvals;
	c->max = max < 1 ? 1 : max;
	c->y = 30;
	for (j = 0; j < c->nvals; j++) {
		set_text(c, "Legend", j, "Label", tpl_text(r->hdf, keys[j]));
		set_text(c, "Legend", j, "Fill", series_fill[j]);
		set_int(c, "Legend", j, "X", 215 + (long long)j * 180);
		set_int(c, "Legend", j, "TX", 235 + (long long)j * 180);
	}
}

/* See chart.h. */
void
chart_row(struct chart *c, const char *label, const char *chart_label,
    const long long *values, const char *const *shown)
{
	long long	w;
	size_t		j;
	int		rowh = (int)c->nvals * 18 + 10;

	set_text(c, "Labels", c->nrows, "Text",
	    chart_label != NULL ? chart_label : label);
	set_int(c, "Labels", c->nrows, "Y", c->y + rowh / 2);
	buf_printf(&c->desc, "%s%s:", c->nrows ? "; " : "", label);
	for (j = 0; j < c->nvals; j++) {
		w = values[j] < 0 ? 0 : values[j] * 360 / c->max;
		buf_printf(&c->desc, " %s %s", tpl_text(c->r->hdf, c->keys[j]),
		    shown[j]);
		set_int(c, "Bars", c->nbars, "X", 215);
		set_int(c, "Bars", c->nbars, "Y", c->y + (long long)j * 18);
		set_int(c, "Bars", c->nbars, "W", w);
		set_text(c, "Bars", c->nbars, "Fill", series_fill[j]);
		set_int(c, "Bars", c->nbars, "TX", 215 + w + 6);
		set_int(c, "Bars", c->nbars, "TY", c->y + (long long)j * 18 +
		    12);
		set_text(c, "Bars", c->nbars, "Value", shown[j]);
		c->nbars++;
	}
	c->y += rowh;
	c->nrows++;
}

/* See chart.h. */
void
chart_end(struct chart *c, const char *empty_desc)
{
	char	k[96];

	snprintf(k, sizeof(k), "%s.H", c->node);
	page_set_int(c->r, k, c->y + 8);
	snprintf(k, sizeof(k), "%s.Desc", c->node);
	page_set(c->r, k, c->desc.data != NULL ? c->desc.data :
	    empty_desc != NULL ? empty_desc : "");
	snprintf(k, sizeof(k), "%s.Show", c->node);
	page_set_int(c->r, k, c->nrows > 0);
	buf_free(&c->desc);
}

/* See chart.h. */
void
chart_hbars(struct req *r, const char *node, const struct bar_row *rows,
    size_t n, size_t nvals, const char *const *keys)
{
	struct chart	 c;
	char		 shown[CHART_SERIES_MAX][48];
	const char	*texts[CHART_SERIES_MAX] = {shown[0], shown[1]};
	long long	 max = 1;
	size_t		 i, j;

	if (nvals > CHART_SERIES_MAX)
		nvals = CHART_SERIES_MAX;
	for (i = 0; i < n; i++)
		for (j = 0; j < nvals; j++)
			if (rows[i].v[j] > max)
				max = rows[i].v[j];
	chart_begin(&c, r, node, nvals, keys, max);
	for (i = 0; i < n; i++) {
		for (j = 0; j < nvals; j++) {
			if (rows[i].v[j] < 0)
				snprintf(shown[j], sizeof(shown[j]), "–");
			else
				snprintf(shown[j], sizeof(shown[j]), "%lld%s",
				    rows[i].v[j], rows[i].unit ? rows[i].unit : "");
		}
		chart_row(&c, rows[i].label, NULL, rows[i].v, texts);
	}
	chart_end(&c, NULL);
}

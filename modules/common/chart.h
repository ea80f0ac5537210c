/*
 * chart.h: horizontal bar charts drawn as SVG geometry in the page data
 * (no script): the monitoring and dashboard pages put the geometry under
 * a node and def:chart_hbars of templates/layout/macros.cs draws it. One or two series (the
 * colours: both above 4.5:1 on white); a text alternative (Desc) names
 * every label and value. Geometry for a 640-wide viewBox: labels end at
 * x 205, bars start at x 215 and span at most 360.
 *
 * Under node: Legend.N.{Label, Fill, X, TX}, Labels.N.{Text, Y},
 * Bars.N.{X, Y, W, Fill, TX, TY, Value}, H (the viewBox height), Desc
 * and Show (1 when there is a row).
 *
 *	struct chart c;
 *	chart_begin(&c, r, "Charts.Backlog", 1, keys, max);
 *	for (each row) chart_row(&c, label, NULL, values, shown);
 *	chart_end(&c, NULL);
 */
#ifndef HAVRE_CHART_H
#define HAVRE_CHART_H

#include <stddef.h>

#include "buf.h"

struct req;

#define CHART_SERIES_MAX 2

struct chart {
	struct req		*r;
	char			 node[64];
	const char *const	*keys;
	size_t			 nvals;
	size_t			 nrows;
	size_t			 nbars;
	long long		 max;
	int			 y;
	struct buf		 desc;
};

/*
 * Start a chart under node with nvals series (1 or 2) named by the
 * language keys keys[0..nvals-1]; max is the largest value of any row
 * (the longest bar; taken as 1 when smaller). Sets the legend.
 */
void	 chart_begin(struct chart *, struct req *, const char *node,
	    size_t nvals, const char *const *keys, long long max);

/*
 * One row: label (in the description), chart_label (on the chart:
 * a shortened label, or NULL for label), values[0..nvals-1] (the bar
 * lengths; < 0 draws none) and shown[0..nvals-1] (the texts written
 * after the bars and in the description).
 */
void	 chart_row(struct chart *, const char *label, const char *chart_label,
	    const long long *values, const char *const *shown);

/*
 * End the chart: H, Desc (empty_desc, or "" if NULL, when no row was
 * given) and Show; frees what the chart held.
 */
void	 chart_end(struct chart *, const char *empty_desc);

/* One row of chart_hbars(): a label and up to two values. */
struct bar_row {
	const char	*label;
	long long	 v[2];	/* < 0: none */
	const char	*unit;	/* after the value ("" for none) */
};

/*
 * A whole chart of rows[0..n-1] at once under node, nvals series named
 * by keys: each value shown as "<value><unit>", a value < 0 draws no
 * bar and shows "–". The longest bar is the largest value.
 */
void	 chart_hbars(struct req *, const char *node, const struct bar_row *,
	    size_t n, size_t nvals, const char *const *keys);

#endif

/*
 * chart.h: server-side SVG charts as page data: the geometry of a
 * horizontal bar chart (one or two series) goes into the request's HDF
 * for templates/layout/chart.cs (def:hbars) to draw as inline SVG, with
 * a text alternative naming every label and value. No script. Used by
 * havre-dossier's monitoring and havre-civil's backlog.
 */
#ifndef HAVRE_CHART_H
#define HAVRE_CHART_H

#include <stddef.h>

struct req;

/* One row of a horizontal bar chart: a label and up to two values. */
struct bar_row {
	const char	*label;
	long long	 v[2];	/* < 0: none */
	const char	*unit;	/* after the value ("" for none) */
};

/*
 * A horizontal bar chart of n rows with nvals (1 or 2) series named by
 * the language keys keys[], under node (Charts.X): Legend.N.{Label,
 * Fill, X, TX}, Labels.N.{Text, Y}, Bars.N.{Y, W, Fill, TX, TY, Value},
 * H, Desc (the text alternative) and Show. Geometry for a 640-wide
 * viewBox: labels end at x 205, bars from 215 over at most 360.
 */
void	 chart_hbars(struct req *, const char *node, const struct bar_row *,
	    size_t n, size_t nvals, const char *const *keys);

#endif

/*
 * dashboard.c: counter-performance dashboards (permission
 * reception.dashboard) for a site and a day or a week (Monday to
 * Sunday): booked vs arrived vs no-show, waiting and service times per
 * station (p50, p90), throughput per counter and per agent,
 * arrival-to-exit time, figures by service and level, the quota fill of
 * each slot as a heat map, booking lead time and cancellation rate.
 *
 * Every figure is one SQL query over visit, visit_event, appointment and
 * slot_quota (sql.c, RSQL_DASH_*); percentiles are PERCENTILE_DISC, the
 * nearest-rank method: the smallest value with at least p of the values
 * at or below it. Each figure becomes a table (struct dtab) that is
 * shown as a chart drawn here as SVG geometry (rendered inline by the
 * template: no script), as an HTML table, and as a CSV download.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "buf.h"
#include "chart.h"
#include "csvw.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "reception.h"
#include "tpl.h"


#define CHART_LABEL_MAX 28	/* code points that fit the chart's label column */

/*
 * Copy at most max code points of the UTF-8 text in to out (outsz
 * bytes), ending with an ellipsis when something was cut.
 */
static void
label_fit(const char *in, char *out, size_t outsz, size_t max)
{
	size_t	i = 0, n = 0;

	while (in[i] != '\0' && n < max) {
		i++;
		while ((in[i] & 0xC0) == 0x80)
			i++;
		n++;
	}
	if (in[i] == '\0')
		snprintf(out, outsz, "%s", in);
	else
		snprintf(out, outsz, "%.*s…", (int)i, in);
}

static const char *const period_choices[] = {"day", "week", NULL};
static const char *const table_choices[] = {"counts", "overall",
	"stations", "counters", "agents", "levels", "heat", "lead", NULL};

/* GET /reception/dashboard and /reception/dashboard/export. */
const struct field_spec dashboard_fields[] = {
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"period", FIELD_ENUM, 0, 0, 0, period_choices},
	{"day", FIELD_DATE, 0, 0, 0, NULL},
	{"table", FIELD_ENUM, 0, 0, 0, table_choices},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

#define DTAB_COLS 8

/* A figure's rows: text cells, ncols per row. */
struct dtab {
	size_t	  ncols;
	size_t	  nrows;
	size_t	  cap;
	char	**cells;
};

/* Free a table's cells (the struct may be reused). */
static void
dtab_free(struct dtab *t)
{
	size_t	i;

	for (i = 0; t->cells != NULL && i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

/* Append a row of ncols strings (NULL: empty). Returns 0 or -1. */
static int
dtab_row(struct dtab *t, const char *const *v)
{
	char	**n;
	size_t	  i;

	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;

		if ((n = reallocarray(t->cells, cap * t->ncols,
		    sizeof(*n))) == NULL)
			return -1;
		t->cells = n;
		t->cap = cap;
	}
	for (i = 0; i < t->ncols; i++)
		if ((t->cells[t->nrows * t->ncols + i] =
		    strdup(v[i] ? v[i] : "")) == NULL)
			return -1;
	t->nrows++;
	return 0;
}

/* Cell (row, col). */
static const char *
dtab_cell(const struct dtab *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col];
}

/* Copy the current row of st (columns 0..ncols-1) into t. */
static int
dtab_from_stmt(struct dtab *t, struct db_stmt *st)
{
	const char	*v[DTAB_COLS];
	size_t		 i;

	for (i = 0; i < t->ncols && i < DTAB_COLS; i++)
		v[i] = db_col_null(st, i) ? "" : db_col_text(st, i);
	return dtab_row(t, v);
}

/* The query's range: site, local days, and their UTC bounds. */
struct range {
	struct site	 s;
	char		 from[11];	/* first local day */
	char		 to[11];	/* last local day (inclusive) */
	char		 from_utc[20];
	char		 to_utc[20];	/* the day after `to` starts */
	int		 week;
};

/* A figure: its CSV columns, column kinds for display (t text, n number,
 * s seconds, m minutes, p percent, l level code, c channel, k metric)
 * and the language keys of its headings. */
struct figure {
	const char	*name;
	size_t		 ncols;
	const char	*kinds;
	const char	*csv[DTAB_COLS];
	const char	*head[DTAB_COLS];
};

static const struct figure figures[] = {
	{"counts", 8, "nnnnnnnp", {"made", "cancelled", "booked", "arrived",
	    "noshow", "open", "walkins", "cancel_rate_pct"},
	    {"Reception.Dash.Col.Made", "Reception.Dash.Col.Cancelled",
	    "Reception.Dash.Col.Booked", "Reception.Dash.Col.Arrived",
	    "Reception.Dash.Col.NoShow", "Reception.Dash.Col.Open",
	    "Reception.Dash.Col.Walkins", "Reception.Dash.Col.CancelRate"}},
	{"overall", 4, "knss", {"metric", "n", "p50_s", "p90_s"},
	    {"Reception.Dash.Col.Metric", "Reception.Dash.Col.N",
	    "Reception.Dash.Col.P50", "Reception.Dash.Col.P90"}},
	{"stations", 6, "ttknss", {"station", "service", "metric", "n",
	    "p50_s", "p90_s"}, {"Reception.Dash.Col.Station",
	    "Reception.Dash.Col.Service", "Reception.Dash.Col.Metric",
	    "Reception.Dash.Col.N", "Reception.Dash.Col.P50",
	    "Reception.Dash.Col.P90"}},
	{"counters", 3, "ttn", {"counter", "station", "steps"},
	    {"Reception.Dash.Col.Counter", "Reception.Dash.Col.Station",
	    "Reception.Dash.Col.Steps"}},
	{"agents", 2, "tn", {"agent", "steps"}, {"Reception.Dash.Col.Agent",
	    "Reception.Dash.Col.Steps"}},
	{"levels", 6, "tlnnss", {"service", "level", "visits", "done",
	    "p50_wait_s", "p90_wait_s"}, {"Reception.Dash.Col.Service",
	    "Reception.Dash.Col.Level", "Reception.Dash.Col.Visits",
	    "Reception.Dash.Col.Done", "Reception.Dash.Col.P50",
	    "Reception.Dash.Col.P90"}},
	{"heat", 6, "lctnnp", {"level", "channel", "slot", "booked",
	    "capacity", "fill_pct"}, {"Reception.Dash.Col.Level",
	    "Reception.Dash.Col.Channel", "Reception.Dash.Col.Slot",
	    "Reception.Dash.Col.Booked", "Reception.Dash.Col.Capacity",
	    "Reception.Dash.Col.Fill"}},
	{"lead", 3, "nmm", {"n", "p50_min", "p90_min"},
	    {"Reception.Dash.Col.N", "Reception.Dash.Col.P50",
	    "Reception.Dash.Col.P90"}},
};
#define NFIGURES (sizeof(figures) / sizeof(figures[0]))

/* Percent of part in whole, rounded half up ("" for no whole). */
static void
percent(long long part, long long whole, char out[24])
{
	if (whole <= 0 || part < 0 || part > 1000000000LL)
		out[0] = '\0';
	else
		snprintf(out, 24, "%lld", (part * 200 + whole) / (whole * 2));
}

/*
 * Run figure i's query for the range into t (t->ncols set). Returns
 * DB_OK or the error.
 */
static enum db_rc
figure_load(struct req *r, size_t i, const struct range *g, struct dtab *t)
{
	static const size_t sqls[] = {RSQL_DASH_COUNTS, RSQL_DASH_OVERALL,
	    RSQL_DASH_STATION, RSQL_DASH_COUNTER, RSQL_DASH_AGENT,
	    RSQL_DASH_LEVEL, RSQL_DASH_HEAT, RSQL_DASH_LEAD};
	struct db_stmt	*st;
	enum db_rc	 rc;
	const char	*v[DTAB_COLS];
	char		 num[8][24], pct[24];
	size_t		 k;

	t->ncols = figures[i].ncols;
	if ((st = db_stmt(r->db, sqls[i])) == NULL)
		return db_last_rc(r->db);
	db_bind_int(st, 0, g->s.id);
	if (sqls[i] == RSQL_DASH_COUNTS || sqls[i] == RSQL_DASH_LEAD) {
		db_bind_text(st, 1, g->from_utc);
		db_bind_text(st, 2, g->to_utc);
	} else {
		db_bind_text(st, 1, g->from);
		db_bind_text(st, 2, g->to);
	}
	if (sqls[i] == RSQL_DASH_STATION || sqls[i] == RSQL_DASH_LEVEL)
		db_bind_text(st, 3, r->lang);
	while ((rc = db_step(st)) == DB_ROW) {
		int e = 0;

		switch (sqls[i]) {
		case RSQL_DASH_COUNTS: {
			long long made = db_col_int(st, 0);
			long long canc = db_col_int(st, 1);

			snprintf(num[0], 24, "%lld", made);
			snprintf(num[1], 24, "%lld", canc);
			snprintf(num[2], 24, "%lld", made - canc);
			for (k = 2; k < 6; k++)
				snprintf(num[k + 1], 24, "%lld",
				    (long long)db_col_int(st, k));
			percent(canc, made, pct);
			for (k = 0; k < 7; k++)
				v[k] = num[k];
			v[7] = pct;
			e = dtab_row(t, v);
			break;
		}
		case RSQL_DASH_STATION:
			/* station id (0) is not shown */
			for (k = 0; k < 6; k++)
				v[k] = db_col_text(st, k + 1);
			e = dtab_row(t, v);
			break;
		case RSQL_DASH_HEAT:
			for (k = 0; k < 5; k++)
				v[k] = db_col_text(st, k);
			percent(db_col_int(st, 3), db_col_int(st, 4), pct);
			v[5] = pct;
			e = dtab_row(t, v);
			break;
		default:
			e = dtab_from_stmt(t, st);
			break;
		}
		if (e != 0) {
			db_reset(st);
			return DB_ERROR;
		}
	}
	return rc;
}

/* A cell as shown: seconds as m:ss, levels, channels and metrics by
 * their translated names. */
static void
cell_display(struct req *r, char kind, const char *v, char *out,
    size_t outsz)
{
	long long	 x;
	char		 key[96];

	switch (kind) {
	case 's':
		if (parse_int(v, 0, 100000000LL, &x) == 0) {
			snprintf(out, outsz, "%lld:%02lld", x / 60, x % 60);
			return;
		}
		break;
	case 'p':
		if (v[0] != '\0') {
			snprintf(out, outsz, "%s %%", v);
			return;
		}
		break;
	case 'l':
	case 'c':
	case 'k':
		snprintf(key, sizeof(key), "Reception.%s.%s", kind == 'l' ?
		    "Level" : kind == 'c' ? "Channel" : "Dash.Metric", v);
		if (tpl_has_text(r->hdf, key)) {
			snprintf(out, outsz, "%s", tpl_text(r->hdf, key));
			return;
		}
		break;
	default:
		break;
	}
	snprintf(out, outsz, "%s", v);
}

/*
 * A horizontal bar chart under Dash.<name>.Chart (chart.h): for each
 * row, a label (label columns a and b joined) and one bar per value
 * column.
 */
static void
chart_bars(struct req *r, const char *name, const char *kinds,
    const struct dtab *t, int la, int lb, const int *vals, size_t nvals,
    const char *const *skeys)
{
	struct chart		 c;
	char			 node[64], shown[CHART_SERIES_MAX][64], a[200],
				 b[200];
	const char		*texts[CHART_SERIES_MAX] = {shown[0], shown[1]};
	/* "a · b": both cells and the separator always fit */
	char			 label[sizeof(a) + sizeof(" · ") + sizeof(b)];
	char			 shortlabel[sizeof(label)];
	long long		 max = 1, x, values[CHART_SERIES_MAX];
	size_t			 i, k, rows = t->nrows > 40 ? 40 : t->nrows;

	if (nvals > CHART_SERIES_MAX)
		nvals = CHART_SERIES_MAX;
	for (i = 0; i < rows; i++)
		for (k = 0; k < nvals; k++)
			if (parse_int(dtab_cell(t, i, vals[k]), 0,
			    1000000000LL, &x) == 0 && x > max)
				max = x;
	snprintf(node, sizeof(node), "Dash.%s.Chart", name);
	chart_begin(&c, r, node, nvals, skeys, max);
	for (i = 0; i < rows; i++) {
		cell_display(r, kinds[la], dtab_cell(t, i, (size_t)la), a,
		    sizeof(a));
		b[0] = '\0';
		if (lb >= 0)
			cell_display(r, kinds[lb], dtab_cell(t, i,
			    (size_t)lb), b, sizeof(b));
		snprintf(label, sizeof(label), "%s%s%s", a, b[0] ? " · " : "",
		    b);
		/* The chart's label column is 205 units wide: long labels are
		 * shortened there; the table and the description keep them. */
		label_fit(label, shortlabel, sizeof(shortlabel), CHART_LABEL_MAX);
		for (k = 0; k < nvals; k++) {
			const char *v = dtab_cell(t, i, (size_t)vals[k]);

			if (parse_int(v, 0, 1000000000LL, &values[k]) != 0)
				values[k] = 0;
			cell_display(r, kinds[vals[k]], v, shown[k],
			    sizeof(shown[k]));
		}
		chart_row(&c, label, shortlabel, values, texts);
	}
	chart_end(&c, tpl_text(r->hdf, "Reception.Dash.NoData"));
}

/*
 * The heat map of quota fill under Dash.heat.Heat: one row per level
 * and channel, one column per slot start time; cells coloured by fill
 * (five steps, the text colour chosen for contrast) and labelled with
 * their percentage.
 */
static void
chart_heat(struct req *r, const struct dtab *t)
{
	static const struct { int upto; const char *fill, *text; } steps[] = {
		{0, "#f2f4f7", "#111111"}, {25, "#c6dbef", "#111111"},
		{50, "#6baed6", "#111111"}, {75, "#2166ac", "#ffffff"},
		{101, "#08306b", "#ffffff"},
	};
	char		 times[48][8], rowkey[48][64], node[96], lv[96], ch[96];
	char		 label[200];
	size_t		 nt = 0, nr = 0, i, j, c = 0, k, row, col;
	long long	 p;
	struct buf	 desc = {0};

	for (i = 0; i < t->nrows; i++) {
		const char *tm = dtab_cell(t, i, 2);
		char key[64];

		for (j = 0; j < nt && strcmp(times[j], tm) != 0; j++)
			;
		if (j == nt && nt < 48)
			snprintf(times[nt++], sizeof(times[0]), "%s", tm);
		snprintf(key, sizeof(key), "%s/%s", dtab_cell(t, i, 0),
		    dtab_cell(t, i, 1));
		for (j = 0; j < nr && strcmp(rowkey[j], key) != 0; j++)
			;
		if (j == nr && nr < 48) {
			snprintf(rowkey[nr], sizeof(rowkey[0]), "%s", key);
			cell_display(r, 'l', dtab_cell(t, i, 0), lv,
			    sizeof(lv));
			cell_display(r, 'c', dtab_cell(t, i, 1), ch,
			    sizeof(ch));
			snprintf(label, sizeof(label), "%s · %s", lv, ch);
			snprintf(node, sizeof(node),
			    "Dash.heat.Heat.Rows.%zu.Label", nr);
			page_set(r, node, label);
			snprintf(node, sizeof(node),
			    "Dash.heat.Heat.Rows.%zu.Y", nr);
			page_set_int(r, node, 40 + (long long)nr * 30 + 19);
			nr++;
		}
	}
	/* Times sorted (they come sorted per row; merge them). */
	qsort(times, nt, sizeof(times[0]),
	    (int (*)(const void *, const void *))strcmp);
	for (j = 0; j < nt; j++) {
		snprintf(node, sizeof(node), "Dash.heat.Heat.Cols.%zu.Label", j);
		page_set(r, node, times[j]);
		snprintf(node, sizeof(node), "Dash.heat.Heat.Cols.%zu.X", j);
		page_set_int(r, node, 170 + (long long)j * 46 + 22);
	}
	for (i = 0; i < t->nrows; i++) {
		char key[64];

		snprintf(key, sizeof(key), "%s/%s", dtab_cell(t, i, 0),
		    dtab_cell(t, i, 1));
		for (row = 0; row < nr && strcmp(rowkey[row], key) != 0; row++)
			;
		for (col = 0; col < nt &&
		    strcmp(times[col], dtab_cell(t, i, 2)) != 0; col++)
			;
		if (row == nr || col == nt)
			continue;
		if (parse_int(dtab_cell(t, i, 5), 0, 1000, &p) != 0)
			p = -1;
		for (k = 0; k + 1 < sizeof(steps) / sizeof(steps[0]) &&
		    p > steps[k].upto; k++)
			;
		snprintf(node, sizeof(node), "Dash.heat.Heat.Cells.%zu.X", c);
		page_set_int(r, node, 170 + (long long)col * 46);
		snprintf(node, sizeof(node), "Dash.heat.Heat.Cells.%zu.Y", c);
		page_set_int(r, node, 40 + (long long)row * 30);
		snprintf(node, sizeof(node), "Dash.heat.Heat.Cells.%zu.CX", c);
		page_set_int(r, node, 170 + (long long)col * 46 + 22);
		snprintf(node, sizeof(node), "Dash.heat.Heat.Cells.%zu.CY", c);
		page_set_int(r, node, 40 + (long long)row * 30 + 19);
		snprintf(node, sizeof(node), "Dash.heat.Heat.Cells.%zu.Fill", c);
		page_set(r, node, p < 0 ? "#ffffff" : steps[k].fill);
		snprintf(node, sizeof(node), "Dash.heat.Heat.Cells.%zu.Text", c);
		page_set(r, node, steps[k].text);
		snprintf(node, sizeof(node), "Dash.heat.Heat.Cells.%zu.Value", c);
		page_set(r, node, p < 0 ? "–" : dtab_cell(t, i, 5));
		c++;
	}
	for (row = 0; row < nr && row < 12; row++)
		buf_printf(&desc, "%s%s", row ? "; " : "", rowkey[row]);
	page_set_int(r, "Dash.heat.Heat.W", 170 + (long long)nt * 46 + 10);
	page_set_int(r, "Dash.heat.Heat.H", 40 + (long long)nr * 30 + 10);
	page_set(r, "Dash.heat.Heat.Show", c > 0 ? "1" : "0");
	buf_free(&desc);
}

/* Table view: Dash.<name>.Head.N and Dash.<name>.Rows.N.Cells.M. */
static void
table_fill(struct req *r, const struct figure *f, const struct dtab *t)
{
	char	node[96], shown[400];
	size_t	i, k;

	for (k = 0; k < f->ncols; k++) {
		snprintf(node, sizeof(node), "Dash.%s.Head.%zu", f->name, k);
		page_set(r, node, tpl_text(r->hdf, f->head[k]));
	}
	for (i = 0; i < t->nrows && i < 500; i++)
		for (k = 0; k < f->ncols; k++) {
			cell_display(r, f->kinds[k], dtab_cell(t, i, k), shown,
			    sizeof(shown));
			snprintf(node, sizeof(node),
			    "Dash.%s.Rows.%zu.Cells.%zu", f->name, i, k);
			page_set(r, node, shown);
		}
	snprintf(node, sizeof(node), "Dash.%s.Count", f->name);
	page_set_int(r, node, (long long)t->nrows);
	snprintf(node, sizeof(node), "Dash.%s.Cols", f->name);
	page_set_int(r, node, (long long)f->ncols);
}

/*
 * The range of the request: the site (site_pick), the period and day
 * (default: today, one day); a week runs Monday to Sunday. Returns 0 or
 * a status (200 with no site at all).
 */
static int
range_fill(struct req *r, struct range *g)
{
	char		 today[11];
	const char	*day = form_str(r, "day");
	int		 status, wd, y, m, d;

	memset(g, 0, sizeof(*g));
	if ((status = site_pick(r, form_int(r, "site"), &g->s)) != 0)
		return status;
	site_today(&g->s, time(NULL), today, NULL);
	if (day[0] == '\0')
		day = today;
	g->week = strcmp(form_str(r, "period"), "week") == 0;
	snprintf(g->from, sizeof(g->from), "%s", day);
	if (g->week && sscanf(day, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
	    (wd = time_iso_weekday(y, m, d)) > 0)
		day_add(day, 1 - wd, g->from);
	snprintf(g->to, sizeof(g->to), "%s", g->from);
	if (g->week)
		day_add(g->from, 6, g->to);
	{
		char	end[20];

		if (day_bounds_utc(&g->s, g->from, g->from_utc, end) != 0 ||
		    day_bounds_utc(&g->s, g->to, end, g->to_utc) != 0)
			return 400;
	}
	page_set(r, "Dash.From", g->from);
	page_set(r, "Dash.To", g->to);
	page_set(r, "Dash.Week", g->week ? "1" : "0");
	page_set(r, "Form.day.Value", day);
	page_set(r, "Form.period.Value", g->week ? "week" : "day");
	return 0;
}

/*
 * GET /reception/dashboard (reception.dashboard; site, period, day):
 * every figure as a chart, a table and a CSV link. Template
 * reception/dashboard.cs.
 */
int
page_dashboard(struct req *r)
{
	static const char *const p5090[] = {"Reception.Dash.Col.P50",
	    "Reception.Dash.Col.P90"};
	static const char *const steps[] = {"Reception.Dash.Col.Steps"};
	struct range	 g;
	struct dtab	 t;
	enum db_rc	 rc;
	const char	*kinds;
	size_t		 i;
	int		 status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Reception.Dash.Title"));
	if ((status = range_fill(r, &g)) != 0)
		return status == 200 ? 200 : status;
	for (i = 0; i < NFIGURES; i++) {
		memset(&t, 0, sizeof(t));
		if ((rc = figure_load(r, i, &g, &t)) != DB_OK) {
			dtab_free(&t);
			log_err("dashboard %s: %s", figures[i].name,
			    db_errmsg(r->db));
			return db_http_status(rc);
		}
		table_fill(r, &figures[i], &t);
		kinds = figures[i].kinds;
		switch (i) {
		case 0: {
			static const char *const keys[] = {
			    "Reception.Dash.Col.Count"};
			static const int v[] = {1};
			struct dtab	 c;
			const char	*row[2];
			static const char *const names[] = {
			    "Reception.Dash.Col.Booked",
			    "Reception.Dash.Col.Arrived",
			    "Reception.Dash.Col.NoShow",
			    "Reception.Dash.Col.Walkins",
			    "Reception.Dash.Col.Cancelled"};
			static const size_t cols[] = {2, 3, 4, 6, 1};
			size_t		 k;

			/* One bar per count: a table of (label, value). */
			memset(&c, 0, sizeof(c));
			c.ncols = 2;
			for (k = 0; t.nrows > 0 && k < 5; k++) {
				row[0] = tpl_text(r->hdf, names[k]);
				row[1] = dtab_cell(&t, 0, cols[k]);
				dtab_row(&c, row);
			}
			chart_bars(r, "counts", "tn", &c, 0, -1, v, 1, keys);
			dtab_free(&c);
			break;
		}
		case 1: {
			static const int v[] = {2, 3};
			chart_bars(r, "overall", kinds, &t, 0, -1, v, 2, p5090);
			break;
		}
		case 2: {
			static const int v[] = {4, 5};
			chart_bars(r, "stations", kinds, &t, 0, 2, v, 2, p5090);
			break;
		}
		case 3: {
			static const int v[] = {2};
			chart_bars(r, "counters", kinds, &t, 1, 0, v, 1, steps);
			break;
		}
		case 4: {
			static const int v[] = {1};
			chart_bars(r, "agents", kinds, &t, 0, -1, v, 1, steps);
			break;
		}
		case 5: {
			static const int v[] = {4, 5};
			chart_bars(r, "levels", kinds, &t, 0, 1, v, 2, p5090);
			break;
		}
		case 6:
			chart_heat(r, &t);
			break;
		case 7: {
			static const int v[] = {1, 2};
			chart_bars(r, "lead", kinds, &t, 0, -1, v, 2, p5090);
			break;
		}
		}
		dtab_free(&t);
	}
	return 200;
}

/*
 * GET /reception/dashboard/export (reception.dashboard; site, period,
 * day, table): one figure as CSV (raw values: seconds, minutes,
 * percentages, codes), as an attachment named
 * reception-<table>-<site>-<from>.csv.
 */
int
page_dashboard_csv(struct req *r)
{
	struct range	 g;
	struct dtab	 t;
	struct buf	 b = {0};
	enum db_rc	 rc;
	const char	*name = form_str(r, "table");
	size_t		 i, k, row;
	int		 status;
	char		 disp[160];

	if (name[0] == '\0')
		name = "counts";
	for (i = 0; i < NFIGURES && strcmp(figures[i].name, name) != 0; i++)
		;
	if (i == NFIGURES)
		return 404;
	if ((status = range_fill(r, &g)) != 0)
		return status == 200 ? 404 : status;
	memset(&t, 0, sizeof(t));
	if ((rc = figure_load(r, i, &g, &t)) != DB_OK) {
		dtab_free(&t);
		return db_http_status(rc);
	}
	for (k = 0; k < figures[i].ncols; k++)
		csvw_field(&b, figures[i].csv[k], k == 0);
	csvw_end(&b);
	for (row = 0; row < t.nrows; row++) {
		for (k = 0; k < t.ncols; k++)
			csvw_field(&b, dtab_cell(&t, row, k), k == 0);
		csvw_end(&b);
	}
	dtab_free(&t);
	snprintf(disp, sizeof(disp),
	    "attachment; filename=\"reception-%s-%s-%s.csv\"", name, g.s.code,
	    g.from);
	resp_header(r, "Content-Disposition", disp);
	status = resp_bytes(r, 200, "text/csv; charset=utf-8",
	    b.data ? b.data : "", b.len);
	buf_free(&b);
	return status;
}

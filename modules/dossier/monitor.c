/*
 * monitor.c: the supervisors' monitoring figures (issue 15.6, permission
 * dossier.monitor) for one procedure or all, over a period (a year by
 * default, or from/to in whole months):
 *  - processing time, lodging to decision, in calendar days: p50 and
 *    p90 by the nearest-rank method (the smallest value with at least p
 *    of the decisions at or below it, as reception's dashboards), over
 *    the decisions taken in the period (dossier.decided_on);
 *  - the backlog: open dossiers (not in a final status) today, whatever
 *    the period, and its age profile (days since lodging, in bands);
 *  - throughput: decisions per week (weeks from Monday) in the period;
 *  - the share of decisions within the legal deadline: of the decisions
 *    in the period that stopped a legal-deadline clock (a clock stopped
 *    on the decision day), those whose clocks stopped that day were all
 *    met (dossier_clock.met, read when the decision is counted);
 *  - exchanges overdue today, whatever the period: open exchanges (sent
 *    or acknowledged) of the procedure's dossiers past their due date.
 * Figures are counts and days only: no name, reference or officer, so
 * the page and its CSV carry no personal data.
 *
 * Decisions are read from running counters (migration 0017) that the
 * transaction deciding a dossier keeps (monitor_count_decision, called
 * by pages.c's transition_txn): read live, a year of the regular
 * procedure at 1,000,000 dossiers took seconds (tests/bench/dossier).
 * Per procedure and day: decisions, with a deadline, within it; per
 * procedure, month and processing days: decisions. The backlog is a
 * live count over index dossier_open. Each figure is shown as an SVG
 * chart drawn here as geometry (no script), as a table, and as a CSV
 * through csvw.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "csvw.h"
#include "dossier.h"
#include "log.h"
#include "tpl.h"

static const char *const table_choices[] = {"processing", "backlog",
	"weeks", "deadline", "exchanges", NULL};

/* GET /dossier/monitor and /dossier/monitor/export. */
const struct field_spec monitor_fields[] = {
	{"procedure", FIELD_INT, 0, 0, DB_ID_MAX, NULL},
	{"year", FIELD_INT, 0, 2000, 2100, NULL},
	{"from", FIELD_DATE, 0, 0, 0, NULL},
	{"to", FIELD_DATE, 0, 0, 0, NULL},
	{"table", FIELD_ENUM, 0, 0, 0, table_choices},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The longest period: three years (at most 158 weeks on a chart). */
#define PERIOD_MAX_DAYS	1096
#define WEEKS_MAX	(PERIOD_MAX_DAYS / 7 + 2)
/* Processing times beyond this many days count as this many. */
#define DAYS_MAX	20000
/* Procedures shown at most. */
#define PROCS_MAX	64

/* Backlog age bands: days since lodging up to (inclusive); the last band
 * is open-ended. */
static const struct {
	int		 upto;
	const char	*code;	/* CSV */
	const char	*key;	/* label */
} bands[] = {
	{30, "0-30", "Dossier.Monitor.Band.B30"},
	{90, "31-90", "Dossier.Monitor.Band.B90"},
	{180, "91-180", "Dossier.Monitor.Band.B180"},
	{365, "181-365", "Dossier.Monitor.Band.B365"},
	{-1, "366+", "Dossier.Monitor.Band.Over"},
};
#define NBANDS	(sizeof(bands) / sizeof(bands[0]))

/* One procedure's figures. */
struct proc_fig {
	int64_t		 id;
	char		 code[WF_CODE_MAX + 1];
	char		 name[201];
	long long	 decisions;
	long long	 p50, p90;	/* -1: no decision */
	long long	 with_deadline, within;
	long long	 open[NBANDS];
	long long	 open_total;
	long long	 xoverdue;	/* open exchanges past due, today */
};

/* The whole page's figures. */
struct monitor {
	int64_t		 from, to, today;	/* day numbers */
	int64_t		 monday;		/* first week's Monday */
	int64_t		 procedure;		/* 0: all */
	int		 year;			/* 0: from/to given */
	size_t		 nprocs;
	struct proc_fig	 procs[PROCS_MAX];
	struct proc_fig	 all;		/* the sums (and all's percentiles) */
	size_t		 nweeks;
	long long	 weeks[WEEKS_MAX];
	long long	*hist;		/* DAYS_MAX + 1 counts, all procedures */
};

/*
 * The nearest-rank percentile p (1..100) of the n values counted in
 * hist[0..DAYS_MAX]: the smallest d such that at least p% of the values
 * are <= d. Returns -1 when n is 0.
 */
static long long
percentile(const long long *hist, long long n, int p)
{
	long long	rank, seen = 0;
	size_t		d;

	if (n <= 0)
		return -1;
	rank = (n * p + 99) / 100;	/* ceil(n * p / 100) */
	if (rank < 1)
		rank = 1;
	for (d = 0; d <= DAYS_MAX; d++)
		if ((seen += hist[d]) >= rank)
			return (long long)d;
	return DAYS_MAX;
}

/* Percent of part in whole, rounded half up ("" for no whole). */
static void
percent(long long part, long long whole, char out[24])
{
	if (whole <= 0 || part < 0)
		out[0] = '\0';
	else
		snprintf(out, 24, "%lld", (part * 200 + whole) / (whole * 2));
}

/* Bind procedure, from, to (params 0..2) of a DSQL_MON_* statement. */
static void
bind_period(struct db_stmt *st, int64_t procedure, const struct monitor *m)
{
	char	a[11], b[11];

	wf_day_format(m->from, a);
	wf_day_format(m->to, b);
	db_bind_int(st, 0, procedure);
	db_bind_text(st, 1, a);
	db_bind_text(st, 2, b);
}

/* Read one procedure's figures into f (and the sums into m). */
static enum db_rc
proc_load(struct req *r, struct monitor *m, struct proc_fig *f,
    long long *hist)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	long long	 days, n;
	int64_t		 day;
	size_t		 b;

	/* processing time (the months of the period) */
	memset(hist, 0, (DAYS_MAX + 1) * sizeof(*hist));
	if ((st = db_stmt(r->db, DSQL_MON_PROCESSING)) == NULL)
		return db_last_rc(r->db);
	bind_period(st, f->id, m);
	while ((rc = db_step(st)) == DB_ROW) {
		days = db_col_int(st, 0);
		n = db_col_int(st, 1);
		days = days < 0 ? 0 : days > DAYS_MAX ? DAYS_MAX : days;
		hist[days] += n;
		m->hist[days] += n;
		f->decisions += n;
	}
	if (rc != DB_OK)
		return rc;
	f->p50 = percentile(hist, f->decisions, 50);
	f->p90 = percentile(hist, f->decisions, 90);

	/* decisions per week, within the legal deadline */
	if ((st = db_stmt(r->db, DSQL_MON_DECISIONS)) == NULL)
		return db_last_rc(r->db);
	bind_period(st, f->id, m);
	while ((rc = db_step(st)) == DB_ROW) {
		if (wf_day_parse(db_col_text(st, 0), &day) == 0 &&
		    day >= m->monday &&
		    (size_t)((day - m->monday) / 7) < m->nweeks)
			m->weeks[(day - m->monday) / 7] += db_col_int(st, 1);
		f->with_deadline += db_col_int(st, 2);
		f->within += db_col_int(st, 3);
	}
	if (rc != DB_OK)
		return rc;

	/* backlog today, by age */
	if ((st = db_stmt(r->db, DSQL_MON_OPEN)) == NULL)
		return db_last_rc(r->db);
	db_bind_int(st, 0, f->id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (wf_day_parse(db_col_text(st, 0), &day) != 0)
			continue;
		n = db_col_int(st, 1);
		for (b = 0; b + 1 < NBANDS && m->today - day > bands[b].upto;
		    b++)
			;
		f->open[b] += n;
		f->open_total += n;
	}
	if (rc != DB_OK)
		return rc;

	/* exchanges overdue today */
	if ((st = db_stmt(r->db, DSQL_MON_XOVERDUE)) == NULL)
		return db_last_rc(r->db);
	{
		char	today[11];

		wf_day_format(m->today, today);
		db_bind_text(st, 0, today);
	}
	db_bind_int(st, 1, f->id);
	if ((rc = db_step(st)) == DB_ROW) {
		f->xoverdue = db_col_int(st, 0);
		db_reset(st);
	} else if (rc != DB_OK)
		return rc;

	m->all.xoverdue += f->xoverdue;
	m->all.decisions += f->decisions;
	m->all.with_deadline += f->with_deadline;
	m->all.within += f->within;
	for (b = 0; b < NBANDS; b++)
		m->all.open[b] += f->open[b];
	m->all.open_total += f->open_total;
	return DB_OK;
}

/*
 * The period of the request: from/to when both are given (whole months:
 * from a first day to a last day, at most PERIOD_MAX_DAYS), else the
 * year (default: this year).
 * Fills m->{from, to, today, monday, nweeks, year}. Returns 0, or 422
 * with the field's error set.
 */
static int
period_read(struct req *r, struct monitor *m)
{
	const struct field_value *a = form_get(r, "from"), *b = form_get(r, "to");
	int			 y, mo, d;

	m->today = dossier_today(r);
	if (a != NULL && a->present && b != NULL && b->present) {
		m->from = wf_day(a->date.year, a->date.month, a->date.day);
		m->to = wf_day(b->date.year, b->date.month, b->date.day);
		/* whole months: the processing times are counted by month
		 * of decision (migration 0017) */
		wf_ymd(m->to + 1, &y, &mo, &d);
		if (m->to < m->from || m->to - m->from >= PERIOD_MAX_DAYS ||
		    a->date.day != 1 || d != 1) {
			form_set_error(r, "to", "Dossier.Monitor.BadPeriod");
			return 422;
		}
	} else {
		wf_ymd(m->today, &y, &mo, &d);
		m->year = form_int(r, "year") ? (int)form_int(r, "year") : y;
		m->from = wf_day(m->year, 1, 1);
		m->to = wf_day(m->year, 12, 31);
	}
	m->monday = m->from - (wf_weekday(m->from) - 1);
	m->nweeks = (size_t)((m->to - m->monday) / 7 + 1);
	return 0;
}

/*
 * Load every figure: the procedures (the chosen one, or every one of
 * kind dossier), then each one's figures. Returns 0, 404 for an unknown
 * procedure, or a database status.
 */
static int
monitor_load(struct req *r, struct monitor *m)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	long long	*hist;
	size_t		 i;
	struct proc_fig	*f;

	if ((st = db_stmt(r->db, DSQL_PROC_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		if (m->nprocs == PROCS_MAX || (m->procedure != 0 &&
		    db_col_int(st, 0) != m->procedure))
			continue;
		f = &m->procs[m->nprocs++];
		memset(f, 0, sizeof(*f));
		f->id = db_col_int(st, 0);
		snprintf(f->code, sizeof(f->code), "%s", db_col_text(st, 1));
		snprintf(f->name, sizeof(f->name), "%s", db_col_text(st, 2));
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	if (m->procedure != 0 && m->nprocs == 0)
		return 404;
	if ((m->hist = calloc(DAYS_MAX + 1, sizeof(*m->hist))) == NULL ||
	    (hist = calloc(DAYS_MAX + 1, sizeof(*hist))) == NULL)
		return 500;
	for (i = 0; i < m->nprocs; i++)
		if ((rc = proc_load(r, m, &m->procs[i], hist)) != DB_OK) {
			log_err("monitor: %s", db_errmsg(r->db));
			free(hist);
			return db_http_status(rc);
		}
	free(hist);
	snprintf(m->all.code, sizeof(m->all.code), "all");
	m->all.p50 = percentile(m->hist, m->all.decisions, 50);
	m->all.p90 = percentile(m->hist, m->all.decisions, 90);
	return 0;
}

static void
monitor_free(struct monitor *m)
{
	free(m->hist);
	m->hist = NULL;
}

/* One row of a horizontal bar chart: a label and up to two values. */
struct bar_row {
	const char	*label;
	long long	 v[2];	/* < 0: none */
	const char	*unit;	/* after the value ("" for none) */
};

/*
 * A horizontal bar chart under node (Charts.X) of rows[0..n-1], nvals
 * series named by keys (chart.h): a value < 0 draws no bar and shows
 * "–".
 */
static void
chart_hbars(struct req *r, const char *node, const struct bar_row *rows,
    size_t n, size_t nvals, const char *const *keys)
{
	struct chart	 c;
	char		 shown[2][48];
	const char	*texts[2] = {shown[0], shown[1]};
	long long	 max = 1;
	size_t		 i, j;

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
				    rows[i].v[j], rows[i].unit);
		}
		chart_row(&c, rows[i].label, NULL, rows[i].v, texts);
	}
	chart_end(&c, NULL);
}

/*
 * The weekly throughput as columns under Charts.Weeks: Cols.N.{X, Y, H,
 * Title}, Ticks.N.{X, Text} (the first week of each month), Max, W and
 * Desc. viewBox 0 0 W 220: the plot spans y 20..180.
 */
static void
chart_weeks(struct req *r, const struct monitor *m)
{
	struct buf	 desc = {0};
	char		 k[64], day[11], title[48];
	long long	 max = 1;
	size_t		 i, nt = 0;
	int		 colw = m->nweeks > 60 ? 4 : 10, x, h, y, mo, d,
			 last_month = 0;

	for (i = 0; i < m->nweeks; i++)
		if (m->weeks[i] > max)
			max = m->weeks[i];
	for (i = 0; i < m->nweeks; i++) {
		x = 40 + (int)i * (colw + 2);
		h = (int)(m->weeks[i] * 160 / max);
		wf_day_format(m->monday + (int64_t)i * 7, day);
		snprintf(k, sizeof(k), "Charts.Weeks.Cols.%zu.X", i);
		page_set_int(r, k, x);
		snprintf(k, sizeof(k), "Charts.Weeks.Cols.%zu.Y", i);
		page_set_int(r, k, 180 - h);
		snprintf(k, sizeof(k), "Charts.Weeks.Cols.%zu.H", i);
		page_set_int(r, k, h);
		snprintf(title, sizeof(title), "%s: %lld", day, m->weeks[i]);
		snprintf(k, sizeof(k), "Charts.Weeks.Cols.%zu.Title", i);
		page_set(r, k, title);
		buf_printf(&desc, "%s%s", i ? "; " : "", title);
		wf_ymd(m->monday + (int64_t)i * 7, &y, &mo, &d);
		if (mo != last_month) {
			last_month = mo;
			snprintf(k, sizeof(k), "Charts.Weeks.Ticks.%zu.X", nt);
			page_set_int(r, k, x);
			snprintf(k, sizeof(k), "Charts.Weeks.Ticks.%zu.Text", nt);
			snprintf(title, sizeof(title), "%04d-%02d", y, mo);
			page_set(r, k, title);
			nt++;
		}
	}
	page_set_int(r, "Charts.Weeks.ColW", colw);
	page_set_int(r, "Charts.Weeks.Max", max);
	page_set_int(r, "Charts.Weeks.W", 40 + (long long)m->nweeks *
	    (colw + 2) + 10);
	page_set(r, "Charts.Weeks.Desc", desc.data ? desc.data : "");
	page_set_int(r, "Charts.Weeks.Show", m->nweeks > 0);
	buf_free(&desc);
}

/* Rows.N of a table (Proc.N, Bands.N ...): set field f of row i. */
static void
row_set(struct req *r, const char *table, size_t i, const char *f,
    const char *v)
{
	char	k[64];

	snprintf(k, sizeof(k), "%s.%zu.%s", table, i, f);
	page_set(r, k, v);
}

static void
row_set_num(struct req *r, const char *table, size_t i, const char *f,
    long long v)
{
	char	num[24];

	if (v < 0)
		snprintf(num, sizeof(num), "–");
	else
		snprintf(num, sizeof(num), "%lld", v);
	row_set(r, table, i, f, num);
}

/* Proc.N.{Name, Decisions, P50, P90, WithDeadline, Within, Share, Open}
 * for one procedure's row (or the total). */
static void
proc_row(struct req *r, size_t i, const struct proc_fig *f,
    const char *name)
{
	char	pct[24];

	row_set(r, "Proc", i, "Name", name);
	row_set_num(r, "Proc", i, "Decisions", f->decisions);
	row_set_num(r, "Proc", i, "P50", f->p50);
	row_set_num(r, "Proc", i, "P90", f->p90);
	row_set_num(r, "Proc", i, "WithDeadline", f->with_deadline);
	row_set_num(r, "Proc", i, "Within", f->within);
	percent(f->within, f->with_deadline, pct);
	row_set(r, "Proc", i, "Share", pct[0] ? pct : "–");
	row_set_num(r, "Proc", i, "Open", f->open_total);
	row_set_num(r, "Proc", i, "XOverdue", f->xoverdue);
}

/* Fill the page from m. */
static void
monitor_fill(struct req *r, const struct monitor *m)
{
	static const char *const p5090[] = {"Dossier.Monitor.P50",
	    "Dossier.Monitor.P90"};
	static const char *const open_key[] = {"Dossier.Monitor.Open"};
	static const char *const share_key[] = {"Dossier.Monitor.Share"};
	struct bar_row	 rows[PROCS_MAX + 1], bandrows[NBANDS];
	char		 a[11], b[11], pct[24], q[96];
	size_t		 i, j, n = 0;

	wf_day_format(m->from, a);
	wf_day_format(m->to, b);
	page_set(r, "Mon.From", a);
	page_set(r, "Mon.To", b);
	page_set_int(r, "Mon.Year", m->year);
	page_set_int(r, "Mon.Procedure", m->procedure);
	wf_day_format(m->today, a);
	page_set(r, "Mon.Today", a);
	if (m->year) {
		snprintf(a, sizeof(a), "%d", m->year);
		page_set(r, "Form.year.Value", a);
		snprintf(q, sizeof(q), "procedure=%lld&year=%d",
		    (long long)m->procedure, m->year);
	} else {
		wf_day_format(m->from, a);
		wf_day_format(m->to, b);
		snprintf(q, sizeof(q), "procedure=%lld&from=%s&to=%s",
		    (long long)m->procedure, a, b);
	}
	/* the CSV links' query: digits, dates and & only */
	page_set(r, "Mon.Query", q);
	for (i = 0; i < m->nprocs; i++) {
		proc_row(r, i, &m->procs[i], m->procs[i].name);
		rows[n++] = (struct bar_row){m->procs[i].name,
		    {m->procs[i].p50, m->procs[i].p90}, ""};
	}
	if (m->nprocs > 1) {
		proc_row(r, i, &m->all, tpl_text(r->hdf,
		    "Dossier.Monitor.AllProcedures"));
		row_set(r, "Proc", i, "Total", "1");
	}
	chart_hbars(r, "Charts.Processing", rows, n, 2, p5090);

	for (j = 0; j < NBANDS; j++) {
		row_set(r, "Bands", j, "Label", tpl_text(r->hdf, bands[j].key));
		row_set_num(r, "Bands", j, "Open", m->all.open[j]);
		bandrows[j] = (struct bar_row){tpl_text(r->hdf, bands[j].key),
		    {m->all.open[j], -1}, ""};
	}
	page_set_int(r, "Mon.OpenTotal", m->all.open_total);
	chart_hbars(r, "Charts.Backlog", bandrows, NBANDS, 1, open_key);

	for (i = 0, n = 0; i < m->nprocs; i++) {
		long long	s;

		percent(m->procs[i].within, m->procs[i].with_deadline, pct);
		s = pct[0] ? atoll(pct) : -1;
		rows[n++] = (struct bar_row){m->procs[i].name, {s, -1}, " %"};
	}
	chart_hbars(r, "Charts.Share", rows, n, 1, share_key);

	for (i = 0; i < m->nweeks; i++) {
		wf_day_format(m->monday + (int64_t)i * 7, a);
		row_set(r, "Weeks", i, "Start", a);
		row_set_num(r, "Weeks", i, "Decisions", m->weeks[i]);
	}
	page_set_int(r, "Mon.Decisions", m->all.decisions);
	chart_weeks(r, m);

	page_set_int(r, "Mon.XOverdue", m->all.xoverdue);
}

/* Read the request into m (procedure, period). 0 or a status. */
static int
monitor_read(struct req *r, struct monitor *m)
{
	memset(m, 0, sizeof(*m));
	m->procedure = form_int(r, "procedure");
	return period_read(r, m);
}

/*
 * GET /dossier/monitor (dossier.monitor; procedure, year or from/to):
 * the figures of one procedure or all over the period, each as a chart,
 * a table and a CSV link. A bad period (to before from, over three
 * years) is a 422 with the form. Template dossier/monitor.cs.
 */
int
page_monitor(struct req *r)
{
	struct monitor	*m;
	int		 status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Dossier.Monitor.Title"));
	r->tpl = "dossier/monitor.cs";
	if ((status = procedures_fill(r, "Procedures", 1)) != 0)
		return status;
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return 500;
	if ((status = monitor_read(r, m)) != 0)
		goto out;
	if ((status = monitor_load(r, m)) != 0)
		goto out;
	monitor_fill(r, m);
	status = 200;
out:
	monitor_free(m);
	free(m);
	return status;
}

/* The CSV of one table (raw values: days, counts, percentages; the
 * procedures by code). Returns 0 or -1 (memory). */
static int
csv_table(struct buf *b, const char *table, const struct monitor *m)
{
	char		 v[8][24];
	const char	*cells[8];
	size_t		 i, j, k, n = 0;
	int		 e = 0;
	const struct proc_fig *f;

#define ROW(...) do { const char *row_[] = {__VA_ARGS__}; \
	for (k = 0; k < sizeof(row_) / sizeof(row_[0]); k++) \
		e |= csvw_field(b, row_[k], k == 0); \
	e |= csvw_end(b); } while (0)
	if (strcmp(table, "processing") == 0 ||
	    strcmp(table, "deadline") == 0) {
		int proc = table[0] == 'p';

		if (proc)
			ROW("procedure", "decisions", "p50_days", "p90_days",
			    "open");
		else
			ROW("procedure", "decisions_with_deadline",
			    "within_deadline", "share_pct");
		n = m->nprocs > 1 ? m->nprocs + 1 : m->nprocs;
		for (i = 0; i < n; i++) {
			f = i < m->nprocs ? &m->procs[i] : &m->all;
			cells[0] = f->code;
			if (proc) {
				snprintf(v[1], 24, "%lld", f->decisions);
				if (f->p50 >= 0) {
					snprintf(v[2], 24, "%lld", f->p50);
					snprintf(v[3], 24, "%lld", f->p90);
				} else
					v[2][0] = v[3][0] = '\0';
				snprintf(v[4], 24, "%lld", f->open_total);
				for (j = 1; j < 5; j++)
					cells[j] = v[j];
				for (j = 0; j < 5; j++)
					e |= csvw_field(b, cells[j], j == 0);
			} else {
				snprintf(v[1], 24, "%lld", f->with_deadline);
				snprintf(v[2], 24, "%lld", f->within);
				percent(f->within, f->with_deadline, v[3]);
				for (j = 1; j < 4; j++)
					cells[j] = v[j];
				for (j = 0; j < 4; j++)
					e |= csvw_field(b, cells[j], j == 0);
			}
			e |= csvw_end(b);
		}
	} else if (strcmp(table, "exchanges") == 0) {
		ROW("procedure", "exchanges_overdue");
		n = m->nprocs > 1 ? m->nprocs + 1 : m->nprocs;
		for (i = 0; i < n; i++) {
			f = i < m->nprocs ? &m->procs[i] : &m->all;
			snprintf(v[0], 24, "%lld", f->xoverdue);
			ROW(f->code, v[0]);
		}
	} else if (strcmp(table, "backlog") == 0) {
		ROW("procedure", "age_days", "open");
		for (i = 0; i < m->nprocs; i++)
			for (j = 0; j < NBANDS; j++) {
				snprintf(v[0], 24, "%lld", m->procs[i].open[j]);
				ROW(m->procs[i].code, bands[j].code, v[0]);
			}
	} else {
		ROW("week_start", "decisions");
		for (i = 0; i < m->nweeks; i++) {
			wf_day_format(m->monday + (int64_t)i * 7, v[0]);
			snprintf(v[1], 24, "%lld", m->weeks[i]);
			ROW(v[0], v[1]);
		}
	}
#undef ROW
	return e ? -1 : 0;
}

/*
 * GET /dossier/monitor/export (dossier.monitor; procedure, year or
 * from/to, table: processing (default), backlog, weeks, deadline,
 * exchanges): one
 * table as CSV through csvw (codes, counts, days; no personal data), as
 * an attachment named dossier-<table>-<from>-<to>.csv.
 */
int
page_monitor_csv(struct req *r)
{
	struct monitor	*m;
	struct buf	 b = {0};
	const char	*table = form_str(r, "table");
	char		 disp[120], a[11], z[11];
	int		 status;

	if (table[0] == '\0')
		table = "processing";
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return 500;
	if ((status = monitor_read(r, m)) != 0) {
		status = 400;
		goto out;
	}
	if ((status = monitor_load(r, m)) != 0)
		goto out;
	if (csv_table(&b, table, m) != 0) {
		status = 500;
		goto out;
	}
	wf_day_format(m->from, a);
	wf_day_format(m->to, z);
	snprintf(disp, sizeof(disp),
	    "attachment; filename=\"dossier-%s-%s-%s.csv\"", table, a, z);
	resp_header(r, "Content-Disposition", disp);
	status = resp_bytes(r, 200, "text/csv; charset=utf-8",
	    b.data ? b.data : "", b.len);
out:
	buf_free(&b);
	monitor_free(m);
	free(m);
	return status;
}

/* See dossier.h. */
enum db_rc
monitor_count_decision(struct db *db, int64_t dossier, int64_t procedure,
    const char *lodged, const char *decided)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	long long	 stopped = 0, met = 1;

	if ((st = db_stmt(db, DSQL_STAT_CLOCKS)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, dossier);
	db_bind_text(st, 1, decided);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	stopped = db_col_int(st, 0);
	met = db_col_int(st, 1);
	db_reset(st);
	if ((st = db_stmt(db, DSQL_STAT_DAY_ADD)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, procedure);
	db_bind_text(st, 1, decided);
	db_bind_int(st, 2, stopped > 0);
	db_bind_int(st, 3, stopped > 0 && met == 1);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, DSQL_STAT_DURATION_ADD)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, procedure);
	db_bind_text(st, 1, decided);
	db_bind_text(st, 2, decided);
	db_bind_text(st, 3, lodged);
	return db_exec(st);
}

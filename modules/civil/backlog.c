/*
 * backlog.c: the supervisors' backlog of civil-status requests
 * (civil.backlog): acts by status, the open ones (not established: an
 * amendment under way counts as open) by days since their request and
 * by officer, and the time from request to first establishment in
 * calendar days, p50 and p90 by the nearest-rank method (the smallest
 * value with at least p% of the acts at or below it, as dossier's
 * monitoring and reception's dashboards count). Each figure is an SVG
 * bar chart (modules/common/chart.c), a table, and a CSV through csvw.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "civil.h"
#include "csvw.h"
#include "tpl.h"

static const char *const table_choices[] = {"status", "age", "officer",
	"time", NULL};

const struct field_spec backlog_fields[] = {
	{"table", FIELD_ENUM, 0, 0, 0, table_choices},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The statuses in their order, and the age bands (days, upper bound
 * included; the last has none). */
static const char *const statuses[] = {"requested", "preparation",
	"verification", "amended", "established"};
#define NSTATUS	(sizeof(statuses) / sizeof(statuses[0]))
static const struct {
	const char	*code;
	long long	 max;
} bands[] = {
	{"0-30", 30}, {"31-90", 90}, {"91-180", 180}, {"181-365", 365},
	{"366+", -1},
};
#define NBANDS	(sizeof(bands) / sizeof(bands[0]))
#define OFFICERS_MAX	50

struct backlog {
	long long	 status[NSTATUS];
	long long	 band[NBANDS];
	size_t		 nofficers;
	char		 officer[OFFICERS_MAX][201];
	long long	 officer_open[OFFICERS_MAX];
	long long	 established;	/* acts with a first establishment */
	long long	 p50, p90;	/* -1: none */
};

/* The nearest-rank percentile p of the n sorted values v, or -1. */
static long long
percentile(const long long *v, size_t n, int p)
{
	size_t	rank;

	if (n == 0)
		return -1;
	rank = (n * (size_t)p + 99) / 100;
	if (rank < 1)
		rank = 1;
	return v[rank - 1];
}

/* Read the figures. Returns 0 or a status. */
static int
backlog_load(struct req *r, struct backlog *b)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	long long	*days = NULL, d;
	size_t		 i, n = 0, cap = 0;

	memset(b, 0, sizeof(*b));
	if ((st = db_stmt(r->db, CSQL_BL_STATUS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW)
		for (i = 0; i < NSTATUS; i++)
			if (strcmp(db_col_text(st, 0), statuses[i]) == 0)
				b->status[i] = db_col_int(st, 1);
	if (rc != DB_OK)
		return db_http_status(rc);
	if ((st = db_stmt(r->db, CSQL_BL_AGES)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		d = db_col_int(st, 0);
		for (i = 0; i < NBANDS - 1 && d > bands[i].max; i++)
			;
		b->band[i]++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	if ((st = db_stmt(r->db, CSQL_BL_OFFICER)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		if (b->nofficers == OFFICERS_MAX)
			continue;
		snprintf(b->officer[b->nofficers], sizeof(b->officer[0]), "%s",
		    db_col_len(st, 0) > 0 ? db_col_text(st, 0) :
		    tpl_text(r->hdf, "Civil.Backlog.NoOfficer"));
		b->officer_open[b->nofficers++] = db_col_int(st, 1);
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	/* Sorted by the statement; at most 100,000 acts are read. */
	if ((st = db_stmt(r->db, CSQL_BL_DURATIONS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			long long *nd;

			cap = cap ? cap * 2 : 256;
			if ((nd = realloc(days, cap * sizeof(*days))) == NULL) {
				db_reset(st);
				free(days);
				return 500;
			}
			days = nd;
		}
		days[n++] = db_col_int(st, 0);
	}
	if (rc != DB_OK) {
		free(days);
		return db_http_status(rc);
	}
	b->established = (long long)n;
	b->p50 = percentile(days, n, 50);
	b->p90 = percentile(days, n, 90);
	free(days);
	return 0;
}

/*
 * GET /civil/backlog (civil.backlog): the page: Status.N.{Code, Label,
 * Count}, Ages.N.{Band, Open}, Officers.N.{Name, Open},
 * Time.{Established, P50, P90} and the charts Charts.{Status, Age,
 * Officer, Time}.
 */
int
page_backlog(struct req *r)
{
	static const char *const count_key[] = {"Civil.Backlog.Acts"};
	static const char *const open_key[] = {"Civil.Backlog.Open"};
	static const char *const time_keys[] = {"Civil.Backlog.P50",
	    "Civil.Backlog.P90"};
	struct backlog	*b;
	struct bar_row	 rows[OFFICERS_MAX];
	size_t		 i;
	int		 status;
	char		 k[64], key[64], day[24];

	if ((b = calloc(1, sizeof(*b))) == NULL)
		return 500;
	if ((status = backlog_load(r, b)) != 0)
		goto out;
	page_set(r, "Page.Title", tpl_text(r->hdf, "Civil.Backlog.Title"));
	for (i = 0; i < NSTATUS; i++) {
		snprintf(key, sizeof(key), "Civil.StatusName.%s", statuses[i]);
		snprintf(k, sizeof(k), "Status.%zu.Label", i);
		page_set(r, k, tpl_text(r->hdf, key));
		snprintf(k, sizeof(k), "Status.%zu.Count", i);
		page_set_int(r, k, b->status[i]);
		rows[i] = (struct bar_row){tpl_text(r->hdf, key),
		    {b->status[i], -1}, ""};
	}
	chart_hbars(r, "Charts.Status", rows, NSTATUS, 1, count_key);
	for (i = 0; i < NBANDS; i++) {
		snprintf(k, sizeof(k), "Ages.%zu.Band", i);
		page_set(r, k, bands[i].code);
		snprintf(k, sizeof(k), "Ages.%zu.Open", i);
		page_set_int(r, k, b->band[i]);
		rows[i] = (struct bar_row){bands[i].code, {b->band[i], -1}, ""};
	}
	chart_hbars(r, "Charts.Age", rows, NBANDS, 1, open_key);
	for (i = 0; i < b->nofficers; i++) {
		snprintf(k, sizeof(k), "Officers.%zu.Name", i);
		page_set(r, k, b->officer[i]);
		snprintf(k, sizeof(k), "Officers.%zu.Open", i);
		page_set_int(r, k, b->officer_open[i]);
		rows[i] = (struct bar_row){b->officer[i], {b->officer_open[i],
		    -1}, ""};
	}
	chart_hbars(r, "Charts.Officer", rows, b->nofficers, 1, open_key);
	page_set_int(r, "Time.Established", b->established);
	if (b->p50 >= 0) {
		page_set_int(r, "Time.P50", b->p50);
		page_set_int(r, "Time.P90", b->p90);
		snprintf(day, sizeof(day), " %s", tpl_text(r->hdf,
		    "Civil.Backlog.DaysShort"));
		rows[0] = (struct bar_row){tpl_text(r->hdf,
		    "Civil.Backlog.RequestToEstablished"), {b->p50, b->p90},
		    day};
		chart_hbars(r, "Charts.Time", rows, 1, 2, time_keys);
	}
	status = 200;
out:
	free(b);
	return status;
}

/* One table as CSV into out. Returns 0 or -1. */
static int
csv_table(struct buf *out, const char *table, const struct backlog *b)
{
	char		 v[3][24];
	size_t		 i, k;
	int		 e = 0;

#define ROW(...) do { const char *row_[] = {__VA_ARGS__}; \
	for (k = 0; k < sizeof(row_) / sizeof(row_[0]); k++) \
		e |= csvw_field(out, row_[k], k == 0); \
	e |= csvw_end(out); } while (0)
	if (strcmp(table, "age") == 0) {
		ROW("age_days", "open");
		for (i = 0; i < NBANDS; i++) {
			snprintf(v[0], 24, "%lld", b->band[i]);
			ROW(bands[i].code, v[0]);
		}
	} else if (strcmp(table, "officer") == 0) {
		ROW("officer", "open");
		for (i = 0; i < b->nofficers; i++) {
			snprintf(v[0], 24, "%lld", b->officer_open[i]);
			ROW(b->officer[i], v[0]);
		}
	} else if (strcmp(table, "time") == 0) {
		ROW("established", "p50_days", "p90_days");
		snprintf(v[0], 24, "%lld", b->established);
		v[1][0] = v[2][0] = '\0';
		if (b->p50 >= 0) {
			snprintf(v[1], 24, "%lld", b->p50);
			snprintf(v[2], 24, "%lld", b->p90);
		}
		ROW(v[0], v[1], v[2]);
	} else {
		ROW("status", "acts");
		for (i = 0; i < NSTATUS; i++) {
			snprintf(v[0], 24, "%lld", b->status[i]);
			ROW(statuses[i], v[0]);
		}
	}
#undef ROW
	return e ? -1 : 0;
}

/*
 * GET /civil/backlog/export?table=status|age|officer|time
 * (civil.backlog): one table as CSV, as an attachment named
 * civil-backlog-<table>.csv.
 */
int
page_backlog_csv(struct req *r)
{
	struct backlog	*b;
	struct buf	 out = {0};
	const char	*table = form_str(r, "table");
	char		 disp[96];
	int		 status;

	if (table[0] == '\0')
		table = "status";
	if ((b = calloc(1, sizeof(*b))) == NULL)
		return 500;
	if ((status = backlog_load(r, b)) != 0)
		goto out;
	if (csv_table(&out, table, b) != 0) {
		status = 500;
		goto out;
	}
	snprintf(disp, sizeof(disp),
	    "attachment; filename=\"civil-backlog-%s.csv\"", table);
	resp_header(r, "Content-Disposition", disp);
	status = resp_bytes(r, 200, "text/csv; charset=utf-8",
	    out.data ? out.data : "", out.len);
out:
	buf_free(&out);
	free(b);
	return status;
}

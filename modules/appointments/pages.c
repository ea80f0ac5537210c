/*
 * pages.c: helpers shared by havre-appointments' agent pages (site and
 * level pickers, labels, dates in a site's zone) and the section's
 * landing page.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "appointments.h"
#include "buf.h"
#include "db.h"
#include "htime.h"
#include "pages.h"
#include "session.h"
#include "sql.h"
#include "tpl.h"

/* See pages.h. */
void
appt_today(const char *zone, char out[11])
{
	struct tm	tm;

	time_utc_to_local(time(NULL), zone, &tm, NULL);
	time_format_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
}

/* See pages.h. */
int
appt_day_add(const char *day, int n, char out[11])
{
	struct tm	tm;
	long long	y, m, d;
	char		tmp[8];
	time_t		t;

	if (day == NULL || strlen(day) != 10 || day[4] != '-' ||
	    day[7] != '-')
		return -1;
	snprintf(tmp, sizeof(tmp), "%.4s", day);
	if (parse_int(tmp, 1900, 9999, &y) != 0)
		return -1;
	snprintf(tmp, sizeof(tmp), "%.2s", day + 5);
	if (parse_int(tmp, 1, 12, &m) != 0)
		return -1;
	snprintf(tmp, sizeof(tmp), "%.2s", day + 8);
	if (parse_int(tmp, 1, 31, &d) != 0)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)m - 1;
	tm.tm_mday = (int)d + n;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	if (tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 1900)
		return -1;
	time_format_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
	return 0;
}

/* See pages.h. */
int
appt_sites_fill(struct req *r, int64_t selected)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 node[64];

	if ((st = db_stmt(r->db, ASQL_SITE_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		if (n >= 500) {
			db_reset(st);
			break;
		}
		snprintf(node, sizeof(node), "Appt.Sites.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Appt.Sites.%zu.Code", n);
		page_set(r, node, db_col_text(st, 1));
		snprintf(node, sizeof(node), "Appt.Sites.%zu.Name", n);
		page_set(r, node, db_col_text(st, 2));
		snprintf(node, sizeof(node), "Appt.Sites.%zu.Zone", n);
		page_set(r, node, db_col_text(st, 3));
		snprintf(node, sizeof(node), "Appt.Sites.%zu.Active", n);
		page_set_int(r, node, db_col_int(st, 4));
		snprintf(node, sizeof(node), "Appt.Sites.%zu.Selected", n);
		page_set(r, node, db_col_int(st, 0) == selected ? "1" : "0");
		n++;
	}
	if (rc != DB_OK && rc != DB_ROW)
		return db_http_status(rc);
	page_set_int(r, "Appt.SiteCount", (long long)n);
	return 0;
}

/* See pages.h. */
int
appt_site_zone(struct req *r, int64_t site_id, char zone[65], enum db_rc *rcp)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	zone[0] = '\0';
	*rcp = DB_OK;
	if ((st = db_stmt(r->db, ASQL_SITE_ZONE)) == NULL) {
		*rcp = db_last_rc(r->db);
		return -1;
	}
	db_bind_int(st, 0, site_id);
	if ((rc = db_step(st)) == DB_OK)
		return 0;
	if (rc != DB_ROW) {
		*rcp = rc;
		return -1;
	}
	snprintf(zone, 65, "%s", db_col_text(st, 0));
	db_reset(st);
	return 1;
}

/* See pages.h. */
const char *
appt_label(struct req *r, const char *group, const char *code)
{
	char		 key[96];
	const char	*s;

	snprintf(key, sizeof(key), "Appt.%s.%s", group, code);
	if (!tpl_has_text(r->hdf, key))
		return code;
	s = tpl_text(r->hdf, key);
	return s ? s : code;
}

/* See pages.h. */
int
appt_levels_fill(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 node[64];

	if ((st = db_stmt(r->db, ASQL_LEVEL_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW && n < 20) {
		snprintf(node, sizeof(node), "Appt.Levels.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Appt.Levels.%zu.Code", n);
		page_set(r, node, db_col_text(st, 1));
		snprintf(node, sizeof(node), "Appt.Levels.%zu.Label", n);
		page_set(r, node, appt_label(r, "Level", db_col_text(st, 1)));
		snprintf(node, sizeof(node), "Appt.Levels.%zu.Public", n);
		page_set_int(r, node, db_col_int(st, 2));
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	return 0;
}

/*
 * GET /appointments (appointments.view): links to the section's pages
 * the agent may use (Appt.Can.{Configure,Book}). Template
 * appointments/home.cs.
 */
int
page_appt_home(struct req *r)
{
	int	status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.Title"));
	page_set(r, "Appt.Can.Configure", session_can(r->session,
	    "appointments.configure") ? "1" : "0");
	page_set(r, "Appt.Can.Book", session_can(r->session,
	    "appointments.book") ? "1" : "0");
	if ((status = appt_sites_fill(r, 0)) != 0)
		return status;
	return 200;
}

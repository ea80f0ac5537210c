/*
 * board.c: the hall's display board (public vhost, no login). Ticket
 * numbers and counters only, never a name: the people being called
 * (newest first) and the tickets still waiting. Headings are shown in
 * every language of the site's board (reception_site.languages, default
 * en, fr, ar) at once, each marked with its lang and dir, in large type
 * for a TV; the page reloads itself with <meta http-equiv="refresh">
 * (no script).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "conf.h"
#include "db.h"
#include "htime.h"
#include "reception.h"
#include "tpl.h"

/* No input: the site is in the path. */
const struct field_spec board_fields[] = {
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The board's headings, one set per language: the public group Board
 * of every language file (es and ht too: a site's board may show
 * Kreyòl). */
static const char *const labels[][2] = {
	{"Title", "Board.Title"},
	{"Called", "Board.Called"},
	{"Ticket", "Board.Ticket"},
	{"Counter", "Board.Counter"},
	{"Waiting", "Board.Waiting"},
	{"None", "Board.None"},
};

/*
 * Board.Langs.N.{Code, Dir, Title, Called, Ticket, Counter, Waiting,
 * None}: the headings in each language of the list (at most 4 known
 * ones), then the request's own language again for the page.
 */
static void
labels_fill(struct req *r, const char *list)
{
	char		 copy[65], *tok, *save, node[64];
	size_t		 n = 0, i;

	snprintf(copy, sizeof(copy), "%s", list);
	for (tok = strtok_r(copy, ", ", &save); tok != NULL && n < 4;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (!tpl_lang_ok(tok) || tpl_prepare(r->hdf, tok) != 0)
			continue;
		snprintf(node, sizeof(node), "Board.Langs.%zu.Code", n);
		page_set(r, node, tok);
		snprintf(node, sizeof(node), "Board.Langs.%zu.Dir", n);
		page_set(r, node, tpl_lang_rtl(tok) ? "rtl" : "ltr");
		for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
			snprintf(node, sizeof(node), "Board.Langs.%zu.%s", n,
			    labels[i][0]);
			page_set(r, node, tpl_text(r->hdf, labels[i][1]));
		}
		n++;
	}
	tpl_prepare(r->hdf, r->lang);
}

/*
 * GET /board/{code} (public): the display board of the site with that
 * code. Page data: Board.Site, Board.Time, Board.Refresh, Board.Langs.*,
 * Board.Called.N.{Ticket, Counter, Serving}, Board.Waiting.N.Ticket.
 * 404 for an unknown site. Template reception/board.cs.
 */
int
page_board(struct req *r)
{
	struct site	 s;
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 today[11], node[64], hhmm[16];
	long		 refresh;

	if ((rc = site_load_code(r->db, req_param(r, "code"), &s)) == DB_OK)
		return 404;
	if (rc != DB_ROW)
		return db_http_status(rc);
	close_past_days(r, &s);
	site_today(&s, time(NULL), today, NULL);
	refresh = r->conf ? conf_get_int(r->conf, "Reception.BoardRefresh",
	    10) : 10;
	if (refresh < 2 || refresh > 300)
		refresh = 10;
	page_set_int(r, "Board.Refresh", refresh);
	page_set(r, "Board.Site", s.name);
	page_set(r, "Board.Code", s.code);
	time_format_zone(time(NULL), s.zone, "%H:%M", hhmm, sizeof(hhmm));
	page_set(r, "Board.Time", hhmm);
	page_set(r, "Page.Title", tpl_text(r->hdf, "Board.Title"));
	labels_fill(r, s.languages);

	if ((st = db_stmt(r->db, RSQL_BOARD_CALLED)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, s.id);
	db_bind_text(st, 1, today);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Board.Called.%zu.Ticket", n);
		page_set(r, node, db_col_text(st, 0));
		snprintf(node, sizeof(node), "Board.Called.%zu.Counter", n);
		page_set(r, node, db_col_text(st, 1));
		if (strcmp(db_col_text(st, 2), "serving") == 0) {
			snprintf(node, sizeof(node),
			    "Board.Called.%zu.Serving", n);
			page_set(r, node, "1");
		}
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	if ((st = db_stmt(r->db, RSQL_BOARD_WAITING)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, s.id);
	db_bind_text(st, 1, today);
	n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Board.Waiting.%zu.Ticket", n);
		page_set(r, node, db_col_text(st, 0));
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	/* Caches in between must not keep an old board. */
	resp_header(r, "Cache-Control", "no-store");
	return 200;
}

/*
 * book.c: the booking steps of the applicants' site (/book, public
 * vhost, no login): office -> service -> level -> day -> time ->
 * details -> review -> confirm. Each GET step re-checks every choice
 * carried in its query (an office, service, public web level or slot
 * that does not exist, a past or closed day get a page that says so,
 * never a 500). The details are posted (CSRF: the anonymous
 * double-submit token) to review and confirm, so personal data never
 * sits in a URL. Confirm is rate-limited per client address
 * (Appointments.ConfirmPerHour, default 10) and goes through
 * booking_create(), which takes the seat inside the transaction; when
 * the slot filled up meanwhile the applicant keeps what they typed and
 * picks one of the nearest free times.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "buf.h"
#include "http.h"
#include "appointments.h"
#include "person.h"
#include "book.h"
#include "conf.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "memo.h"
#include "ratelimit.h"
#include "sql.h"
#include "tpl.h"


static const char *const lang_choices[] = {
	"en", "fr", "ar", "es", "ht", NULL,
};

/* GET steps: the choices so far; all optional, each checked in turn. */
/* GET /book: a search among the offices and a page of the list. */
const struct field_spec book_sites_fields[] = {
	{"q", FIELD_STRING, 0, 0, 100, NULL},
	{"page", FIELD_INT, 0, 1, 100000, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* Offices per page of GET /book: a phone screen's worth, and the page
 * stays under its 30 KB budget with long names and addresses. */
#define SITES_PAGE	30

const struct field_spec book_query_fields[] = {
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"service", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"level", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"slot", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"month", FIELD_STRING, 0, 7, 7, NULL},
	{"day", FIELD_DATE, 0, 0, 0, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* POST /book/review, /book/edit and /book/confirm: the choices and the
 * applicant's details. The phone is checked with the site's country
 * code and the document number when the service asks for one. */
const struct field_spec book_person_fields[] = {
	{"site", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"service", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"level", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"slot", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"family_name", FIELD_STRING, 1, 1, 100, NULL},
	{"given_names", FIELD_STRING, 1, 1, 100, NULL},
	{"phone", FIELD_STRING, 1, 4, 32, NULL},
	{"document_number", FIELD_STRING, 0, 0, 64, NULL},
	{"language", FIELD_ENUM, 1, 0, 0, lang_choices},
	{NULL, 0, 0, 0, 0, NULL},
};

/* The query of the steps so far ("site=1&service=2"), for links. */
static void
state_query(const struct book_ctx *c, int upto, char *out, size_t outsz)
{
	if (upto <= 0 || c->site_id == 0)
		snprintf(out, outsz, "%s", "");
	else if (upto == 1 || c->service_id == 0)
		snprintf(out, outsz, "site=%lld", (long long)c->site_id);
	else if (upto == 2 || c->level_id == 0)
		snprintf(out, outsz, "site=%lld&service=%lld",
		    (long long)c->site_id, (long long)c->service_id);
	else
		snprintf(out, outsz, "site=%lld&service=%lld&level=%lld",
		    (long long)c->site_id, (long long)c->service_id,
		    (long long)c->level_id);
}

/* The refusal of a choice that does not exist (or is not offered on
 * the web any more): 404 with a way back to the start. */
static int
unknown_choice(struct req *r)
{
	return book_problem(r, 404, "Book.Refused.UnknownTitle",
	    "Book.Refused.Unknown", NULL);
}

/*
 * Load the choices up to step upto (1 site, 2 service, 3 level, 4
 * slot) from the validated form; recall lets the worker's memory answer
 * for site, service and level (book_load_choice). Returns 0, or the
 * status of the page already answered (unknown choice) or of a failure.
 */
static int
load_choices(struct req *r, struct book_ctx *c, int upto, int recall)
{
	int	rc;

	memset(c, 0, sizeof(*c));
	/* Site, service and level together: one query. */
	if (upto >= 3) {
		if ((rc = book_load_choice(r, c, form_int(r, "site"),
		    form_int(r, "service"), form_int(r, "level"),
		    recall)) <= 0)
			return rc < 0 ? -rc : unknown_choice(r);
	} else if ((rc = book_load_site(r, c, form_int(r, "site"))) <= 0)
		return rc < 0 ? -rc : unknown_choice(r);
	if (upto == 2 &&
	    (rc = book_load_service(r, c, form_int(r, "service"))) <= 0)
		return rc < 0 ? -rc : unknown_choice(r);
	if (upto >= 4 &&
	    (rc = book_load_slot(r, c, form_int(r, "slot"))) <= 0)
		return rc < 0 ? -rc : book_problem(r, 404,
		    "Book.Refused.NotOfferedTitle", "Book.Refused.BadSlot",
		    NULL);
	return 0;
}

/*
 * GET /book (public, anyone): step 1, the offices taking appointments
 * online. Template appointments/book_sites.cs.
 */
int
page_book_sites(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	const char	*q = form_str(r, "q");
	struct buf	 lq = {0};
	char		 node[48], like[320], href[400];
	long long	 page = form_int(r, "page"), matching, all, pages;
	int		 n = 0;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Site.Title"));
	page_set(r, "Book.Step", "1");
	db_like_contains(q, like, sizeof(like));
	if ((st = db_stmt(r->db, ASQL_BOOK_SITES_COUNT)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, q);
	db_bind_text(st, 1, like);
	db_bind_text(st, 2, like);
	if ((rc = db_step(st)) != DB_ROW)
		return db_http_status(rc == DB_OK ? DB_ERROR : rc);
	matching = db_col_int(st, 0);
	all = db_col_int(st, 1);
	db_reset(st);
	pages = matching > 0 ? (matching + SITES_PAGE - 1) / SITES_PAGE : 1;
	if (page < 1)
		page = 1;	/* absent or not a page number: the first */
	if (page > pages)
		page = pages;
	/* The search is offered once the list is longer than a page. */
	if (all > SITES_PAGE || *q != '\0')
		page_set(r, "Book.SiteSearch", "1");
	page_set(r, "Book.Q", q);
	if (*q != '\0' && matching == 0)
		page_set(r, "Book.NoMatch", "1");
	/* q is at most 100 bytes: 300 escaped */
	http_url_escape(&lq, q, "-._~");
	if (page > 1) {
		snprintf(href, sizeof(href), "/book?q=%s&page=%lld",
		    lq.data ? lq.data : "", page - 1);
		page_set(r, "Book.Pager.Prev", href);
	}
	if (page < pages) {
		snprintf(href, sizeof(href), "/book?q=%s&page=%lld",
		    lq.data ? lq.data : "", page + 1);
		page_set(r, "Book.Pager.Next", href);
	}
	page_set_int(r, "Book.Pager.Page", page);
	page_set_int(r, "Book.Pager.Pages", pages);
	snprintf(href, sizeof(href), "q=%s&page=%lld", lq.data ? lq.data : "",
	    page);
	buf_free(&lq);
	book_lang_href(r, "/book", href);
	if ((st = db_stmt(r->db, ASQL_BOOK_SITES)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, q);
	db_bind_text(st, 1, like);
	db_bind_text(st, 2, like);
	db_bind_int(st, 3, SITES_PAGE);
	db_bind_int(st, 4, (page - 1) * SITES_PAGE);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Book.Sites.%d.Id", n);
		page_set(r, node, db_col_text(st, 0));
		snprintf(node, sizeof(node), "Book.Sites.%d.Name", n);
		page_set(r, node, db_col_text(st, 1));
		snprintf(node, sizeof(node), "Book.Sites.%d.Address", n);
		page_set(r, node, db_col_text(st, 2));
		n++;
	}
	return rc == DB_OK ? 200 : db_http_status(rc);
}

/*
 * GET /book/service (public; query site): step 2, the services the
 * office offers online. Template appointments/book_services.cs.
 */
int
page_book_services(struct req *r)
{
	struct book_ctx	 c;
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[48], q[96];
	int		 n = 0, s;

	if ((s = load_choices(r, &c, 1, 0)) != 0)
		return s;
	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Service.Title"));
	page_set(r, "Book.Step", "2");
	state_query(&c, 1, q, sizeof(q));
	book_lang_href(r, "/book/service", q);
	if ((st = db_stmt(r->db, ASQL_BOOK_SERVICES)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_text(st, 0, r->lang);
	db_bind_int(st, 1, c.site_id);
	db_bind_int(st, 2, c.site_id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Book.Services.%d.Id", n);
		page_set(r, node, db_col_text(st, 0));
		snprintf(node, sizeof(node), "Book.Services.%d.Name", n);
		page_set(r, node, db_col_text(st, 1));
		if (db_col_int(st, 2)) {
			snprintf(node, sizeof(node),
			    "Book.Services.%d.NeedsDocument", n);
			page_set(r, node, "1");
		}
		n++;
	}
	return rc == DB_OK ? 200 : db_http_status(rc);
}

/*
 * GET /book/level (public; query site, service): step 3, the public
 * levels offered for the service on the web at this office. Template
 * appointments/book_levels.cs.
 */
int
page_book_levels(struct req *r)
{
	struct book_ctx	 c;
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[48], key[64], q[96];
	int		 n = 0, s;

	if ((s = load_choices(r, &c, 2, 0)) != 0)
		return s;
	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Level.Title"));
	page_set(r, "Book.Step", "3");
	state_query(&c, 2, q, sizeof(q));
	book_lang_href(r, "/book/level", q);
	if ((st = db_stmt(r->db, ASQL_BOOK_LEVELS)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, c.service_id);
	db_bind_int(st, 1, c.site_id);
	db_bind_int(st, 2, c.site_id);
	while ((rc = db_step(st)) == DB_ROW) {
		const char	*code = db_col_text(st, 1);

		snprintf(node, sizeof(node), "Book.Levels.%d.Id", n);
		page_set(r, node, db_col_text(st, 0));
		snprintf(node, sizeof(node), "Book.Levels.%d.Code", n);
		page_set(r, node, code);
		snprintf(key, sizeof(key), "Book.Level.Names.%s", code);
		snprintf(node, sizeof(node), "Book.Levels.%d.Name", n);
		page_set(r, node, tpl_has_text(r->hdf, key) ?
		    tpl_text(r->hdf, key) : code);
		n++;
	}
	return rc == DB_OK ? 200 : db_http_status(rc);
}

/*
 * GET /book/day (public; query site, service, level, month YYYY-MM):
 * step 4, the month calendar with available, full and closed days.
 * Template appointments/book_calendar.cs.
 */
int
page_book_day(struct req *r)
{
	struct book_ctx	 c;
	char		 q[96], href[256], path[192];
	int		 s;

	if ((s = load_choices(r, &c, 3, 0)) != 0)
		return s;
	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Day.Title"));
	page_set(r, "Book.Step", "4");
	state_query(&c, 3, q, sizeof(q));
	snprintf(href, sizeof(href), "/book/day?%s&month=", q);
	page_set(r, "Book.MonthHref", href);
	snprintf(href, sizeof(href), "/book/slot?%s&day=", q);
	page_set(r, "Book.DayHref", href);
	state_query(&c, 2, path, sizeof(path));
	snprintf(href, sizeof(href), "/book/level?%s", path);
	page_set(r, "Book.BackHref", href);
	if ((s = book_calendar(r, &c, form_str(r, "month"))) != 0)
		return s;
	snprintf(path, sizeof(path), "%s&month=%s", q,
	    hdf_get_value(r->hdf, "Book.Cal.Month", ""));
	book_lang_href(r, "/book/day", path);
	return 200;
}

/*
 * Answer a refused day (book_day_slots' result why) with the problem
 * page, back to the calendar at calhref. Returns the status.
 */
static int
day_refused(struct req *r, int why, const char *calhref)
{
	const char	*msg = why == BOOK_DAY_PAST ? "Book.Refused.PastDay" :
	    why == BOOK_DAY_FAR ? "Book.Refused.FarDay" :
	    "Book.Refused.ClosedDay";

	if (book_day_invalid(r))
		return book_problem(r, 422, "Book.Refused.BadDateTitle",
		    "Book.Refused.BadDate", calhref);
	return book_problem(r, 422, "Book.Refused.NotOfferedTitle", msg,
	    calhref);
}

/*
 * The day pages this worker rendered (GET /book/slot), kept whole and
 * sent again while nothing they show can have changed: the same
 * language and query (Page.LangHref is the query without its lang),
 * the same audit trail's number (the office, service and level: every
 * change of them is audited) and the same versions of the day's slots
 * (booking_days_check: slot_day_version, which triggers move with every
 * seat, capacity, slot or closure of the day, in the change's own
 * transaction), before the first time shown as still to come starts
 * (it would then show as passed), and within BOOKING_RECALL_TTL
 * seconds (as the choice itself). The page holds nothing else of the
 * request but its request id (the footer's reference), put in at each
 * send; no session (agents' pages) and no flash message are kept, and
 * the anonymous CSRF token is a cookie of the answer's headers, never
 * in this page (it has no form). So the page answers as the bytes it
 * would be rendered into, for one primary-key read of the versions: the
 * render (ClearSilver, half of this page's own instructions) and the
 * HDF of the slots are what a kept page saves.
 */
#define SLOT_PAGES_MAX	16

/* One kept page: its language and query (Page.LangHref), the versions
 * it was made at, the UTC start of its first time to come ("" if
 * none), when it was made (time_mono_s), its bytes and where its
 * request id sits in them. */
struct slot_page {
	int			 used;
	char			 lang[8];
	char			*query;
	struct booking_days_ver	 ver;
	char			 until[20];
	double			 at;
	struct buf		 body;
	size_t			 reqid_at;
	size_t			 reqid_len;
};

static struct slot_page slot_pages[SLOT_PAGES_MAX];

/* The kept page for r's language and query, or NULL. */
static struct slot_page *
slot_page_find(struct req *r)
{
	const char	*query = hdf_get_value(r->hdf, "Page.LangHref", "");
	size_t		 i;

	for (i = 0; i < SLOT_PAGES_MAX; i++)
		if (slot_pages[i].used && strcmp(slot_pages[i].lang,
		    r->lang) == 0 && strcmp(slot_pages[i].query, query) == 0)
			return &slot_pages[i];
	return NULL;
}

/* Whether r's day page may be kept or answered from a kept one: an
 * anonymous request without a flash message. */
static int
slot_page_keepable(struct req *r)
{
	return r->session == NULL &&
	    hdf_get_obj(r->hdf, "Page.Flash") == NULL &&
	    strlen(r->lang) < sizeof(slot_pages[0].lang);
}

/*
 * Answer r with its kept day page when c's versions are those it was
 * made at and it is still current (see slot_pages). Returns 1 when
 * answered, else 0.
 */
static int
slot_page_send(struct req *r, const struct book_ctx *c)
{
	struct slot_page	*p;
	struct tm		 tm;
	time_t			 t;
	char			 now[20];

	if (!slot_page_keepable(r) || (p = slot_page_find(r)) == NULL)
		return 0;
	if (p->ver.stamp != c->dver.stamp || p->ver.count != c->dver.count ||
	    p->ver.sum != c->dver.sum ||
	    time_mono_s() - p->at >= BOOKING_RECALL_TTL)
		return 0;
	t = time(NULL);
	gmtime_r(&t, &tm);
	time_format_datetime(&tm, now);
	if (p->until[0] != '\0' && strcmp(now, p->until) >= 0)
		return 0;
	buf_reset(&r->out);
	if (buf_append(&r->out, p->body.data, p->reqid_at) != 0 ||
	    buf_puts(&r->out, r->reqid) != 0 ||
	    buf_append(&r->out, p->body.data + p->reqid_at + p->reqid_len,
	    p->body.len - p->reqid_at - p->reqid_len) != 0) {
		buf_reset(&r->out);
		return 0;
	}
	r->status = 200;
	r->done = 1;
	r->ctype = "text/html; charset=utf-8";
	return 1;
}

/*
 * Render r's day page (status 200) and keep it for c's versions when
 * it may be (its request id found exactly once). Returns the status.
 */
static int
slot_page_render(struct req *r, const struct book_ctx *c)
{
	struct slot_page	*p;
	const char		*hit, *next;
	size_t			 n = strlen(r->reqid);
	int			 status;

	status = book_render(r, 200, r->tpl ? r->tpl : r->route->tpl);
	if (status != 200 || !slot_page_keepable(r) || n == 0 ||
	    r->out.data == NULL)
		return status;
	if ((hit = strstr(r->out.data, r->reqid)) == NULL ||
	    (next = strstr(hit + 1, r->reqid)) != NULL)
		return status;
	if ((p = slot_page_find(r)) == NULL) {
		p = &slot_pages[memo_pick(slot_pages, SLOT_PAGES_MAX,
		    sizeof(slot_pages[0]), offsetof(struct slot_page, used),
		    offsetof(struct slot_page, at))];
		p->used = 0;
		free(p->query);
		if ((p->query = strdup(hdf_get_value(r->hdf, "Page.LangHref",
		    ""))) == NULL)
			return status;
		snprintf(p->lang, sizeof(p->lang), "%s", r->lang);
	}
	p->used = 0;
	buf_reset(&p->body);
	if (buf_append(&p->body, r->out.data, r->out.len) != 0)
		return status;
	p->reqid_at = (size_t)(hit - r->out.data);
	p->reqid_len = n;
	p->ver = c->dver;
	snprintf(p->until, sizeof(p->until), "%s", c->day_first_future);
	p->at = time_mono_s();
	p->used = 1;
	return status;
}

/*
 * GET /book/slot (public; query site, service, level, day): step 5,
 * the day's times with the places left. A past, too distant or closed
 * day gets a page saying so (422). Template appointments/book_slots.cs.
 * The choice may come from the worker's memory: the day's query then
 * confirms it, and when an audited change came since, the page is made
 * again from a fresh read (once: the memory was dropped).
 */
int
page_book_slots(struct req *r)
{
	struct book_ctx	 c;
	char		 q[96], href[256], path[192];
	const char	*day = form_str(r, "day");
	int		 s, fresh;

	for (fresh = 0; fresh < 2; fresh++) {
		/* Without a day nothing would confirm a recalled choice. */
		if ((s = load_choices(r, &c, 3, !fresh && *day != '\0')) != 0)
			return s;
		page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Slot.Title"));
		page_set(r, "Book.Step", "5");
		state_query(&c, 3, q, sizeof(q));
		snprintf(href, sizeof(href), "/book/day?%s&month=%.7s", q, day);
		page_set(r, "Book.BackHref", href);
		snprintf(path, sizeof(path), "%s&day=%s", q, day);
		book_lang_href(r, "/book/slot", path);
		if (*day == '\0')
			return day_refused(r, BOOK_DAY_CLOSED, href);
		if ((s = book_day_check(r, &c, day)) != BOOK_DAY_STALE)
			break;
	}
	if (s == 0 && slot_page_send(r, &c))
		return r->status;
	if (s == 0)
		s = book_day_fill(r, &c, day);
	if (s < 0)
		return day_refused(r, s, href);
	if (s != 0)
		return s;
	snprintf(href, sizeof(href), "/book/details?%s&slot=", q);
	page_set(r, "Book.SlotHref", href);
	return slot_page_render(r, &c);
}

/*
 * The language options of the details form (Book.LangOptions), the
 * configured languages with their own names.
 */
static void
lang_options(struct req *r)
{
	HDF	*l;
	int	 n = 0;
	char	 node[48];

	for (l = hdf_get_child(r->hdf, "Page.Languages"); l != NULL;
	    l = hdf_obj_next(l)) {
		snprintf(node, sizeof(node), "Book.LangOptions.%d.Value", n);
		page_set(r, node, hdf_get_value(l, "Code", ""));
		snprintf(node, sizeof(node), "Book.LangOptions.%d.Label", n);
		page_set(r, node, hdf_get_value(l, "Label", ""));
		n++;
	}
}

/* The own name of a language code, from Page.Languages. */
static const char *
lang_label(struct req *r, const char *code)
{
	HDF	*l;

	for (l = hdf_get_child(r->hdf, "Page.Languages"); l != NULL;
	    l = hdf_obj_next(l))
		if (strcmp(hdf_get_value(l, "Code", ""), code) == 0)
			return hdf_get_value(l, "Label", code);
	return code;
}

/* Page data of the details form for c (title, step, languages). */
static void
details_page(struct req *r, struct book_ctx *c)
{
	char	q[128];

	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Details.Title"));
	page_set(r, "Book.Step", "6");
	lang_options(r);
	state_query(c, 3, q, sizeof(q));
	snprintf(q + strlen(q), sizeof(q) - strlen(q), "&slot=%lld",
	    (long long)c->slot_id);
	book_lang_href(r, "/book/details", q);
	r->tpl = "appointments/book_details.cs";
}

/*
 * Check that c's slot can still be chosen: not passed, not on a
 * closed day, a place left. Returns 0, or the status of the page
 * already answered.
 */
static int
slot_bookable(struct req *r, struct book_ctx *c)
{
	char	href[256], q[96];

	state_query(c, 3, q, sizeof(q));
	snprintf(href, sizeof(href), "/book/day?%s&month=%.7s", q,
	    c->slot_day);
	if (!c->slot_future)
		return day_refused(r, BOOK_DAY_PAST, href);
	if (c->slot_closed)
		return day_refused(r, BOOK_DAY_CLOSED, href);
	/* Someone took the last place of this time since it was shown:
	 * say so, and offer the other times of that day (issue 13 item 9),
	 * not "the day is full". */
	if (c->slot_remaining <= 0) {
		snprintf(href, sizeof(href), "/book/slot?%s&day=%s", q,
		    c->slot_day);
		return book_problem(r, 409, "Book.Refused.SlotTakenTitle",
		    "Book.Refused.SlotTaken", href);
	}
	return 0;
}

/*
 * The checks only the handler can make on the details: the phone with
 * the site's country code (normalised into phone, 17 bytes), the
 * document number when the service asks for one (4 to 32 letters and
 * digits). Marks each bad field. Returns the number of errors.
 */
static size_t
check_person(struct req *r, struct book_ctx *c, char phone[17],
    char doc[65])
{
	size_t	n = 0;

	if (!valid_phone(form_str(r, "phone"), c->cc, phone)) {
		form_set_error(r, "phone", "Book.Error.Phone");
		n++;
	} else
		page_set(r, "Form.phone.Value", phone);
	doc[0] = '\0';
	if (c->needs_document) {
		person_docno_normalise(form_str(r, "document_number"), doc);
		if (strlen(doc) < 4 || strlen(doc) > 32) {
			form_set_error(r, "document_number",
			    *form_str(r, "document_number") == '\0' ?
			    "Form.Error.Required" : "Book.Error.Document");
			n++;
		}
	} else
		page_set(r, "Form.document_number.Value", "");
	return n;
}

/*
 * GET /book/details (public; query site, service, level, slot): step
 * 6, the applicant's details form, the page language chosen as the
 * preferred one. Also the fill of POST /book/review, /book/edit and
 * /book/confirm when their fields are rejected (422, input kept).
 * Template appointments/book_details.cs.
 */
int
page_book_details(struct req *r)
{
	struct book_ctx	 c;
	int		 s;

	if ((s = load_choices(r, &c, 4, 0)) != 0)
		return s;
	details_page(r, &c);
	if (r->method == M_GET) {
		if ((s = slot_bookable(r, &c)) != 0)
			return s;
		page_set(r, "Form.language.Value", r->lang);
		return 200;
	}
	/* A rejected form: add the checks of the phone and the document,
	 * so that every bad field has its message at once. */
	if (r->form.nerrors) {
		char	phone[17], doc[65];

		check_person(r, &c, phone, doc);
		return 422;
	}
	return 200;
}

/*
 * POST /book/review (public, CSRF; fields book_person_fields): step 7,
 * everything to check before confirming. Bad details come back on the
 * details form (422), each message next to its field. Template
 * appointments/book_review.cs.
 */
int
page_book_review(struct req *r)
{
	struct book_ctx	 c;
	char		 phone[17], doc[65];
	int		 s;

	if ((s = load_choices(r, &c, 4, 0)) != 0)
		return s;
	if (check_person(r, &c, phone, doc) > 0) {
		details_page(r, &c);
		return 422;
	}
	if ((s = slot_bookable(r, &c)) != 0)
		return s;
	details_page(r, &c);
	r->tpl = NULL;
	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Review.Title"));
	page_set(r, "Book.Step", "7");
	page_set(r, "Book.Person.Phone", phone);
	page_set(r, "Book.Person.LanguageLabel",
	    lang_label(r, form_str(r, "language")));
	return 200;
}

/*
 * POST /book/edit (public, CSRF; fields book_person_fields): back from
 * review to the details form with everything typed. Template
 * appointments/book_details.cs.
 */
int
page_book_edit(struct req *r)
{
	return page_book_details(r);
}

/* The 429 of too many bookings from one address: when to come back,
 * in the site's time. */
static int
confirm_throttled(struct req *r, struct book_ctx *c, long wait)
{
	char	when[32];

	time_format_zone(time(NULL) + wait, c->zone, "%H:%M", when,
	    sizeof(when));
	page_set(r, "Book.RetryAt", when);
	log_info("book: confirm throttled for %ld s", wait);
	return book_problem(r, 429, "Book.Refused.RateTitle",
	    "Book.Refused.Rate", NULL);
}

/*
 * The 409 of a slot that filled up (or passed) meanwhile: the details
 * kept in hidden fields, the nearest free times to pick from. Returns
 * the status.
 */
static int
slot_taken(struct req *r, struct book_ctx *c, const char *msg)
{
	int	s;

	if ((s = book_alternatives(r, c, c->slot_start)) != 0)
		return s;
	page_set(r, "Page.Title", tpl_text(r->hdf, "Book.Full.Title"));
	page_set(r, "Book.Problem", msg);
	details_page(r, c);
	return book_render(r, 409, "appointments/book_full.cs");
}

/*
 * POST /book/confirm (public, CSRF; fields book_person_fields): book.
 * Rate-limited per client address (Appointments.ConfirmPerHour, 10 by
 * default: 429 saying when to come back). On success the browser gets
 * a cookie proving the phone for this reference (bk_<REF>: a MAC,
 * a day) and
 * goes to the confirmation, GET /book/manage/<REF>. A slot filled up or
 * passed meanwhile: 409 with the nearest free times and the input
 * kept; the fairness rules (one active appointment per person and
 * service, the phone's limit): 409 saying what to do.
 */
int
page_book_confirm(struct req *r)
{
	struct book_ctx	 c;
	struct booking	 b;
	enum booking_rc	 brc;
	enum db_rc	 rc;
	char		 phone[17], doc[65], ref[9], cookie[16], loc[40];
	char		 proof[65];
	int64_t		 id;
	long		 wait, max;
	int		 s;

	if ((s = load_choices(r, &c, 4, 0)) != 0)
		return s;
	if (check_person(r, &c, phone, doc) > 0) {
		details_page(r, &c);
		return 422;
	}
	max = conf_get_int(r->conf, "Appointments.ConfirmPerHour", 10);
	if ((rc = ratelimit_hit(r->db, "book_confirm", r->remote_addr, 3600,
	    max, &wait)) != DB_OK)
		return db_http_status(rc);
	if (wait > 0)
		return confirm_throttled(r, &c, wait);
	memset(&b, 0, sizeof(b));
	b.site_id = c.site_id;
	b.service_id = c.service_id;
	b.level_id = c.level_id;
	b.channel = CH_WEB;
	b.slot_id = c.slot_id;
	b.family_name = form_str(r, "family_name");
	b.given_names = form_str(r, "given_names");
	b.phone = phone;
	b.document_number = c.needs_document ?
	    form_str(r, "document_number") : "";
	b.lang = form_str(r, "language");
	b.notes = "";
	brc = booking_create(r, &b, ref, &id);
	switch (brc) {
	case BOOK_OK:
		break;
	case BOOK_SLOT_FULL:
		return slot_taken(r, &c, "Book.Full.Taken");
	case BOOK_PAST:
		return slot_taken(r, &c, "Book.Full.Passed");
	case BOOK_PERSON_ACTIVE:
		page_set(r, "Book.Manage", "1");
		return book_problem(r, 409, "Book.Refused.PersonTitle",
		    "Book.Refused.Person", NULL);
	case BOOK_PHONE_LIMIT:
		page_set(r, "Book.Manage", "1");
		return book_problem(r, 409, "Book.Refused.PhoneTitle",
		    "Book.Refused.Phone", NULL);
	case BOOK_NOT_OFFERED:
	case BOOK_NOT_FOUND:
	case BOOK_NOT_ACTIVE:
	case BOOK_STALE:
		return book_problem(r, 422, "Book.Refused.NotOfferedTitle",
		    "Book.Refused.NotOffered", NULL);
	case BOOK_DB_DOWN:
		return 503;
	default:
		return 500;
	}
	snprintf(cookie, sizeof(cookie), "bk_%s", ref);
	if (book_proof(r, ref, phone, proof) == 0)
		resp_cookie(r, cookie, proof, 24L * 3600);
	flash_set(r, "ok", "Book.Flash.Booked");
	snprintf(loc, sizeof(loc), "/book/manage/%s", ref);
	return resp_redirect(r, loc);
}

/*
 * choice.c: a site, a service and a level as every channel reads them
 * (the public booking pages, the partner API): one query for the three,
 * with what making the site's slots needs (its zone, the audit trail's
 * last number). Each worker remembers the choices it read lately, so
 * that a page whose one query is booking_days_slots() (the day page,
 * the partner availability) needs no other: that query returns the
 * audit trail's last number, which every audited change moves, and a
 * choice remembered at another number is read again (see booking.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "booking.h"

/* How a remembered choice was asked for. */
enum recall_kind {
	RECALL_NONE,	/* free entry */
	RECALL_IDS,	/* booking_choice_get */
	RECALL_CODES,	/* booking_choice_by_code */
};

/* A choice this worker read, with the question that read it. */
struct recall {
	enum recall_kind	 kind;
	enum channel		 ch;
	int			 public_only;
	char			 lang[8];
	int64_t			 site_id, service_id, level_id;
	char			 site_code[33], service_code[33];
	time_t			 at;	/* CLOCK_MONOTONIC seconds of the read */
	struct booking_choice	 c;
};

/* Choices remembered per worker (a few sites x services x levels x
 * languages cover the pages of an office; each ~1.5 KB). */
#define RECALL_MAX	32

static struct recall recalls[RECALL_MAX];

/* Monotonic seconds. */
static time_t
mono_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* Copy column i of st into out (cut to outsz). */
static void
col_copy(struct db_stmt *st, size_t i, char *out, size_t outsz)
{
	const char	*s = db_col_text(st, i);

	snprintf(out, outsz, "%s", s != NULL ? s : "");
}

/* Returns 1 if entry e answers question q (kind and key fields). */
static int
recall_same(const struct recall *e, const struct recall *q)
{
	if (e->kind != q->kind || e->ch != q->ch)
		return 0;
	if (q->kind == RECALL_IDS)
		return e->site_id == q->site_id &&
		    e->service_id == q->service_id &&
		    e->level_id == q->level_id &&
		    e->public_only == q->public_only &&
		    strcmp(e->lang, q->lang) == 0;
	return strcmp(e->site_code, q->site_code) == 0 &&
	    strcmp(e->service_code, q->service_code) == 0;
}

/*
 * Remember c as the answer to question q (its key fields set), in q's
 * entry, else a free one, else the oldest. Choices without a stamp
 * (no audit head) are not remembered: nothing could confirm them.
 */
static void
recall_note(const struct recall *q, const struct booking_choice *c)
{
	struct recall	*e = NULL;
	size_t		 i;

	if (c->stamp < 0)
		return;
	for (i = 0; i < RECALL_MAX && e == NULL; i++)
		if (recall_same(&recalls[i], q))
			e = &recalls[i];
	for (i = 0; i < RECALL_MAX && e == NULL; i++)
		if (recalls[i].kind == RECALL_NONE)
			e = &recalls[i];
	if (e == NULL) {
		e = &recalls[0];
		for (i = 1; i < RECALL_MAX; i++)
			if (recalls[i].at < e->at)
				e = &recalls[i];
	}
	*e = *q;
	e->at = mono_now();
	e->c = *c;
	e->c.recalled = 0;
	e->c.stale = 0;
}

/*
 * Find the answer to question q read within BOOKING_RECALL_TTL seconds
 * into *c (marked recalled). Returns 1 if found, else 0.
 */
static int
recall_find(const struct recall *q, struct booking_choice *c)
{
	time_t	now = mono_now();
	size_t	i;

	for (i = 0; i < RECALL_MAX; i++) {
		if (!recall_same(&recalls[i], q))
			continue;
		if (now - recalls[i].at >= BOOKING_RECALL_TTL) {
			recalls[i].kind = RECALL_NONE;
			return 0;
		}
		*c = recalls[i].c;
		c->recalled = 1;
		return 1;
	}
	return 0;
}

/* The question of booking_choice_get() (key fields only). */
static void
question_ids(struct recall *q, const char *lang, enum channel ch,
    int public_only, int64_t site_id, int64_t service_id, int64_t level_id)
{
	memset(q, 0, sizeof(*q));
	q->kind = RECALL_IDS;
	q->ch = ch;
	q->public_only = public_only ? 1 : 0;
	snprintf(q->lang, sizeof(q->lang), "%s", lang != NULL ? lang : "");
	q->site_id = site_id;
	q->service_id = service_id;
	q->level_id = level_id;
}

/* The question of booking_choice_by_code() (key fields only). */
static void
question_codes(struct recall *q, const char *site_code,
    const char *service_code, enum channel ch)
{
	memset(q, 0, sizeof(*q));
	q->kind = RECALL_CODES;
	q->ch = ch;
	snprintf(q->site_code, sizeof(q->site_code), "%s", site_code);
	snprintf(q->service_code, sizeof(q->service_code), "%s",
	    service_code);
}

/* See booking.h. */
int
booking_choice_get(struct db *db, const char *lang, enum channel ch,
    int public_only, int64_t site_id, int64_t service_id, int64_t level_id,
    struct booking_choice *c, enum db_rc *rcp)
{
	struct db_stmt	*st;
	struct recall	 q;
	enum db_rc	 rc;

	memset(c, 0, sizeof(*c));
	if (site_id <= 0 || service_id <= 0 || level_id <= 0 || ch >= CH__MAX)
		return 0;
	if ((st = booking_stmt(db, BSQL_CHOICE)) == NULL) {
		*rcp = db_last_rc(db);
		return -1;
	}
	db_bind_text(st, 0, lang);
	db_bind_int(st, 1, service_id);
	db_bind_int(st, 2, level_id);
	db_bind_text(st, 3, channel_names[ch]);
	db_bind_int(st, 4, public_only ? 1 : 0);
	db_bind_int(st, 5, site_id);
	if ((rc = db_step(st)) != DB_ROW) {
		*rcp = rc;
		return rc == DB_OK ? 0 : -1;
	}
	c->site_id = site_id;
	col_copy(st, 0, c->site_name, sizeof(c->site_name));
	col_copy(st, 1, c->address, sizeof(c->address));
	col_copy(st, 2, c->zone, sizeof(c->zone));
	col_copy(st, 3, c->cc, sizeof(c->cc));
	c->service_id = service_id;
	col_copy(st, 4, c->service_code, sizeof(c->service_code));
	col_copy(st, 5, c->service_name, sizeof(c->service_name));
	c->needs_document = db_col_int(st, 6) != 0;
	c->level_id = level_id;
	col_copy(st, 7, c->level_code, sizeof(c->level_code));
	c->levels[0].id = level_id;
	col_copy(st, 7, c->levels[0].code, sizeof(c->levels[0].code));
	c->levels[0].rank = db_col_int(st, 8);
	c->nlevels = 1;
	c->stamp = db_col_null(st, 9) ? -1 : db_col_int(st, 9);
	col_copy(st, 10, c->site_code, sizeof(c->site_code));
	db_reset(st);
	question_ids(&q, lang, ch, public_only, site_id, service_id, level_id);
	recall_note(&q, c);
	*rcp = DB_OK;
	return 1;
}

/* See booking.h. */
int
booking_choice_by_code(struct db *db, const char *site_code,
    const char *service_code, enum channel ch, struct booking_choice *c,
    enum db_rc *rcp)
{
	struct db_stmt		*st;
	struct booking_level	*l;
	struct recall		 q;
	enum db_rc		 rc;

	memset(c, 0, sizeof(*c));
	if (ch >= CH__MAX)
		return 0;
	if ((st = booking_stmt(db, BSQL_CHOICE_BY_CODE)) == NULL) {
		*rcp = db_last_rc(db);
		return -1;
	}
	db_bind_ascii(st, 0, service_code);
	db_bind_text(st, 1, channel_names[ch]);
	db_bind_ascii(st, 2, site_code);
	/* One row per level offered on the channel, the site and service
	 * repeated on each. */
	while ((rc = db_step(st)) == DB_ROW) {
		if (c->site_id == 0) {
			c->site_id = db_col_int(st, 0);
			col_copy(st, 1, c->zone, sizeof(c->zone));
			col_copy(st, 2, c->cc, sizeof(c->cc));
			c->service_id = db_col_int(st, 3);
			col_copy(st, 4, c->service_code,
			    sizeof(c->service_code));
			c->needs_document = db_col_int(st, 5) != 0;
			c->stamp = db_col_null(st, 6) ? -1 : db_col_int(st, 6);
			col_copy(st, 7, c->site_code, sizeof(c->site_code));
		}
		if (db_col_null(st, 8) || c->nlevels == BOOKING_LEVELS_MAX)
			continue;
		l = &c->levels[c->nlevels++];
		l->id = db_col_int(st, 8);
		col_copy(st, 9, l->code, sizeof(l->code));
		l->rank = db_col_int(st, 10);
	}
	if (rc != DB_OK) {
		memset(c, 0, sizeof(*c));
		*rcp = rc;
		return -1;
	}
	*rcp = DB_OK;
	if (c->site_id == 0)
		return 0;
	question_codes(&q, site_code, service_code, ch);
	recall_note(&q, c);
	return 1;
}

/* See booking.h. */
int
booking_choice_recall(struct db *db, const char *lang, enum channel ch,
    int public_only, int64_t site_id, int64_t service_id, int64_t level_id,
    struct booking_choice *c, enum db_rc *rcp)
{
	struct recall	q;

	question_ids(&q, lang, ch, public_only, site_id, service_id, level_id);
	if (recall_find(&q, c)) {
		*rcp = DB_OK;
		return 1;
	}
	return booking_choice_get(db, lang, ch, public_only, site_id,
	    service_id, level_id, c, rcp);
}

/* See booking.h. */
int
booking_choice_recall_by_code(struct db *db, const char *site_code,
    const char *service_code, enum channel ch, struct booking_choice *c,
    enum db_rc *rcp)
{
	struct recall	q;

	question_codes(&q, site_code, service_code, ch);
	if (recall_find(&q, c)) {
		*rcp = DB_OK;
		return 1;
	}
	return booking_choice_by_code(db, site_code, service_code, ch, c, rcp);
}

/* See booking.h. */
void
booking_choice_forget(const struct booking_choice *c)
{
	size_t	i;

	for (i = 0; i < RECALL_MAX; i++)
		if (recalls[i].kind != RECALL_NONE &&
		    recalls[i].c.site_id == c->site_id &&
		    recalls[i].c.service_id == c->service_id)
			recalls[i].kind = RECALL_NONE;
}

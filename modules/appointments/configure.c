/*
 * configure.c: the configuration pages of havre-appointments
 * (permission appointments.configure): sites (name, code, address, time
 * zone, phone country code, slot length, opening hours per weekday,
 * closed dates), services (code, duration, document needed, names and
 * documents to bring per language, the levels and channels that offer
 * them) and service levels (which ones the public may choose). Site and
 * service edits use optimistic concurrency (the version column: a stale
 * save answers 409 with both values); every change runs in one
 * transaction together with its audit event.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "appointments.h"
#include "audit.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "htime.h"
#include "log.h"
#include "pages.h"
#include "sql.h"
#include "tpl.h"

#define ID_MAX		9007199254740991LL
#define NWEEKDAYS	7
#define MAX_INTERVALS	6	/* opening intervals per weekday */
#define HOURS_TEXT	200	/* code points of one weekday's hours */
#define NLANGS		5
#define NLEVELS		3
#define DOCS_MAX	2000	/* code points of a documents list */

/* Languages of service names and documents to bring. */
static const char *const svc_langs[NLANGS] = {"en", "fr", "ar", "es", "ht"};
/* The service levels seeded by migration 0003 (service_level.code). */
static const char *const level_codes[NLEVELS] = {"extreme", "urgent",
    "regular"};

/* Site create and edit (code is editable; version on edits only). */
const struct field_spec site_fields[] = {
	{"code", FIELD_STRING, 1, 1, 32, NULL},
	{"name", FIELD_STRING, 1, 1, 200, NULL},
	{"address", FIELD_TEXT, 0, 0, 1000, NULL},
	{"time_zone", FIELD_STRING, 1, 1, 64, NULL},
	{"phone_country_code", FIELD_STRING, 1, 1, 4, NULL},
	{"slot_minutes", FIELD_INT, 1, 5, 480, NULL},
	{"active", FIELD_BOOL, 0, 0, 0, NULL},
	{"hours_1", FIELD_STRING, 0, 0, HOURS_TEXT, NULL},
	{"hours_2", FIELD_STRING, 0, 0, HOURS_TEXT, NULL},
	{"hours_3", FIELD_STRING, 0, 0, HOURS_TEXT, NULL},
	{"hours_4", FIELD_STRING, 0, 0, HOURS_TEXT, NULL},
	{"hours_5", FIELD_STRING, 0, 0, HOURS_TEXT, NULL},
	{"hours_6", FIELD_STRING, 0, 0, HOURS_TEXT, NULL},
	{"hours_7", FIELD_STRING, 0, 0, HOURS_TEXT, NULL},
	{"version", FIELD_INT, 0, 1, 2147483647LL, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* A closed date (add: day and reason; delete: day). */
const struct field_spec closed_fields[] = {
	{"day", FIELD_DATE, 1, 0, 0, NULL},
	{"reason", FIELD_STRING, 0, 0, 200, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* Service create and edit. Offers are offer_<level code>_<channel>. */
const struct field_spec service_fields[] = {
	{"code", FIELD_STRING, 1, 1, 32, NULL},
	{"duration_minutes", FIELD_INT, 1, 1, 480, NULL},
	{"needs_document", FIELD_BOOL, 0, 0, 0, NULL},
	{"active", FIELD_BOOL, 0, 0, 0, NULL},
	{"name_en", FIELD_STRING, 0, 0, 200, NULL},
	{"name_fr", FIELD_STRING, 0, 0, 200, NULL},
	{"name_ar", FIELD_STRING, 0, 0, 200, NULL},
	{"name_es", FIELD_STRING, 0, 0, 200, NULL},
	{"name_ht", FIELD_STRING, 0, 0, 200, NULL},
	{"docs_en", FIELD_TEXT, 0, 0, DOCS_MAX, NULL},
	{"docs_fr", FIELD_TEXT, 0, 0, DOCS_MAX, NULL},
	{"docs_ar", FIELD_TEXT, 0, 0, DOCS_MAX, NULL},
	{"docs_es", FIELD_TEXT, 0, 0, DOCS_MAX, NULL},
	{"docs_ht", FIELD_TEXT, 0, 0, DOCS_MAX, NULL},
	{"offer_extreme_web", FIELD_BOOL, 0, 0, 0, NULL},
	{"offer_extreme_callcentre", FIELD_BOOL, 0, 0, 0, NULL},
	{"offer_extreme_partner", FIELD_BOOL, 0, 0, 0, NULL},
	{"offer_extreme_walkin", FIELD_BOOL, 0, 0, 0, NULL},
	{"offer_urgent_web", FIELD_BOOL, 0, 0, 0, NULL},
	{"offer_urgent_callcentre", FIELD_BOOL, 0, 0, 0, NULL},
	{"offer_urgent_partner", FIELD_BOOL, 0, 0, 0, NULL},
	{"offer_urgent_walkin", FIELD_BOOL, 0, 0, 0, NULL},
	{"offer_regular_web", FIELD_BOOL, 0, 0, 0, NULL},
	{"offer_regular_callcentre", FIELD_BOOL, 0, 0, 0, NULL},
	{"offer_regular_partner", FIELD_BOOL, 0, 0, 0, NULL},
	{"offer_regular_walkin", FIELD_BOOL, 0, 0, 0, NULL},
	{"version", FIELD_INT, 0, 1, 2147483647LL, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The levels page: public_<level code>, and the form's own hidden
 * "levels" field (required: an empty POST cannot clear every box). */
const struct field_spec level_fields[] = {
	{"levels", FIELD_INT, 1, 1, 1, NULL},
	{"public_extreme", FIELD_BOOL, 0, 0, 0, NULL},
	{"public_urgent", FIELD_BOOL, 0, 0, 0, NULL},
	{"public_regular", FIELD_BOOL, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* A site as stored or as submitted. hours[d] is weekday d + 1 as text
 * ("09:00-12:00, 13:00-17:00"; "" closed). */
struct site {
	int64_t	 id;
	int64_t	 version;
	int64_t	 slot_minutes;
	int	 active;
	char	 code[33];
	char	 name[801];
	char	 zone[65];
	char	 address[4001];
	char	 cc[5];
	char	 hours[NWEEKDAYS][HOURS_TEXT * 4 + 1];
};

/* A service as stored or as submitted; offers: bit level * CH__MAX +
 * channel (level in level_codes order). */
struct service {
	int64_t		 id;
	int64_t		 version;
	int64_t		 duration;
	int		 needs_document;
	int		 active;
	unsigned int	 offers;
	char		 code[33];
	char		 name[NLANGS][801];
	char		 docs[NLANGS][DOCS_MAX * 4 + 1];
};

/* One opening interval, minutes after midnight. */
struct interval {
	int	 opens;
	int	 closes;
};

/* "HH:MM" (00:00..24:00) at s into minutes. Returns 0 or -1. */
static int
parse_hm(const char *s, size_t len, int *min)
{
	long long	h, m;
	char		tmp[3];

	if (len != 5 || s[2] != ':')
		return -1;
	tmp[0] = s[0];
	tmp[1] = s[1];
	tmp[2] = '\0';
	if (parse_int(tmp, 0, 24, &h) != 0)
		return -1;
	tmp[0] = s[3];
	tmp[1] = s[4];
	if (parse_int(tmp, 0, 59, &m) != 0 || (h == 24 && m != 0))
		return -1;
	*min = (int)(h * 60 + m);
	return 0;
}

/*
 * Parse one weekday's hours: intervals "HH:MM-HH:MM" separated by
 * commas, each opening before it closes, in order and not overlapping.
 * An empty text is a closed day. Returns the number of intervals (0..
 * MAX_INTERVALS) or -1 if malformed.
 */
static int
hours_parse(const char *text, struct interval iv[MAX_INTERVALS])
{
	const char	*p = text, *end, *dash, *a, *b;
	size_t		 alen, blen;
	int		 n = 0;

	while (*p == ' ')
		p++;
	if (*p == '\0')
		return 0;
	for (;;) {
		end = p + strcspn(p, ",");
		if ((dash = memchr(p, '-', (size_t)(end - p))) == NULL ||
		    n >= MAX_INTERVALS)
			return -1;
		/* Trim spaces around both times. */
		for (a = p; a < dash && *a == ' '; a++)
			;
		for (alen = (size_t)(dash - a); alen > 0 && a[alen - 1] == ' ';
		    alen--)
			;
		for (b = dash + 1; b < end && *b == ' '; b++)
			;
		for (blen = (size_t)(end - b); blen > 0 && b[blen - 1] == ' ';
		    blen--)
			;
		if (parse_hm(a, alen, &iv[n].opens) != 0 ||
		    parse_hm(b, blen, &iv[n].closes) != 0 ||
		    iv[n].opens >= iv[n].closes || iv[n].opens >= 24 * 60 ||
		    (n > 0 && iv[n].opens < iv[n - 1].closes))
			return -1;
		n++;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	return n;
}

/* Minutes as "HH:MM" into out (6 bytes). */
static void
hm_text(int min, char out[6])
{
	snprintf(out, 6, "%02u:%02u", (unsigned)(min / 60) % 100u,
	    (unsigned)(min % 60) % 100u);
}

/* Returns 1 if s is a code: 1..32 of [a-z0-9_-]. */
static int
code_ok(const char *s)
{
	size_t	len = strlen(s);

	return len >= 1 && len <= 32 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == len;
}

/* "1" or "0" for a flag. */
static const char *
flag(int v)
{
	return v ? "1" : "0";
}

/* ---------------------------------------------------------------- sites */

/*
 * Load site id with its hours into s. Returns DB_ROW if found, DB_OK if
 * there is no such site, else the database error.
 */
static enum db_rc
site_load(struct db *db, int64_t id, struct site *s)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	long long	 wd;
	size_t		 len;
	char		*h;

	memset(s, 0, sizeof(*s));
	if ((st = db_stmt(db, ASQL_SITE_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	s->id = id;
	snprintf(s->code, sizeof(s->code), "%s", db_col_text(st, 0));
	snprintf(s->name, sizeof(s->name), "%s", db_col_text(st, 1));
	snprintf(s->zone, sizeof(s->zone), "%s", db_col_text(st, 2));
	snprintf(s->address, sizeof(s->address), "%s", db_col_text(st, 3));
	s->active = db_col_int(st, 4) != 0;
	snprintf(s->cc, sizeof(s->cc), "%s", db_col_text(st, 5));
	s->slot_minutes = db_col_int(st, 6);
	s->version = db_col_int(st, 7);
	db_reset(st);

	if ((st = db_stmt(db, ASQL_SITE_HOURS)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		wd = db_col_int(st, 0);
		if (wd < 1 || wd > NWEEKDAYS)
			continue;
		h = s->hours[wd - 1];
		len = strlen(h);
		snprintf(h + len, sizeof(s->hours[0]) - len, "%s%s-%s",
		    len ? ", " : "", db_col_text(st, 1), db_col_text(st, 2));
	}
	return rc == DB_OK ? DB_ROW : rc;
}

/* Read the submitted site fields into s (not id). */
static void
site_from_form(const struct req *r, struct site *s)
{
	char	name[16];
	int	d;

	snprintf(s->code, sizeof(s->code), "%s", form_str(r, "code"));
	snprintf(s->name, sizeof(s->name), "%s", form_str(r, "name"));
	snprintf(s->zone, sizeof(s->zone), "%s", form_str(r, "time_zone"));
	snprintf(s->address, sizeof(s->address), "%s", form_str(r, "address"));
	snprintf(s->cc, sizeof(s->cc), "%s", form_str(r, "phone_country_code"));
	s->slot_minutes = form_int(r, "slot_minutes");
	s->active = form_int(r, "active") != 0;
	s->version = form_int(r, "version");
	for (d = 0; d < NWEEKDAYS; d++) {
		snprintf(name, sizeof(name), "hours_%d", d + 1);
		snprintf(s->hours[d], sizeof(s->hours[d]), "%s",
		    form_str(r, name));
	}
}

/* Put s in the form's nodes, for a fresh page. */
static void
site_to_form(struct req *r, const struct site *s)
{
	char	node[48];
	int	d;

	page_set(r, "Form.code.Value", s->code);
	page_set(r, "Form.name.Value", s->name);
	page_set(r, "Form.time_zone.Value", s->zone);
	page_set(r, "Form.address.Value", s->address);
	page_set(r, "Form.phone_country_code.Value", s->cc);
	page_set_int(r, "Form.slot_minutes.Value", s->slot_minutes);
	page_set(r, "Form.active.Value", flag(s->active));
	page_set_int(r, "Form.version.Value", s->version);
	for (d = 0; d < NWEEKDAYS; d++) {
		snprintf(node, sizeof(node), "Form.hours_%d.Value", d + 1);
		page_set(r, node, s->hours[d]);
	}
}

/* The weekday pickers' labels: ApptConf.Weekdays.N.{Field,Label}. */
static void
weekdays_fill(struct req *r)
{
	char	node[48], field[16], key[32];
	int	d;

	for (d = 0; d < NWEEKDAYS; d++) {
		snprintf(node, sizeof(node), "ApptConf.Weekdays.%d.Field", d);
		snprintf(field, sizeof(field), "hours_%d", d + 1);
		page_set(r, node, field);
		snprintf(node, sizeof(node), "ApptConf.Weekdays.%d.Label", d);
		snprintf(key, sizeof(key), "Appt.Weekday.%d", d + 1);
		page_set(r, node, tpl_text(r->hdf, key));
	}
}

/*
 * Checks of the site form only the handler can make: the code's
 * characters, a known time zone, the country code's digits and each
 * weekday's hours. Marks the fields in error; returns the error count.
 */
static size_t
site_form_check(struct req *r)
{
	struct interval	 iv[MAX_INTERVALS];
	const char	*cc = form_str(r, "phone_country_code");
	char		 name[16];
	int		 d;

	if (form_get(r, "code")->valid && form_get(r, "code")->present &&
	    !code_ok(form_str(r, "code")))
		form_set_error(r, "code", "Appt.Error.Code");
	if (form_get(r, "time_zone")->valid &&
	    form_get(r, "time_zone")->present &&
	    !time_zone_valid(form_str(r, "time_zone")))
		form_set_error(r, "time_zone", "Appt.Error.Zone");
	if (form_get(r, "phone_country_code")->valid && cc[0] != '\0' &&
	    (strspn(cc, "0123456789") != strlen(cc) || cc[0] == '0'))
		form_set_error(r, "phone_country_code",
		    "Appt.Error.CountryCode");
	for (d = 0; d < NWEEKDAYS; d++) {
		snprintf(name, sizeof(name), "hours_%d", d + 1);
		if (form_get(r, name)->valid &&
		    hours_parse(form_str(r, name), iv) < 0)
			form_set_error(r, name, "Appt.Error.Hours");
	}
	return r->form.nerrors;
}

/* Replace the opening hours of site id with s's (inside a txn). */
static enum db_rc
hours_write(struct db *db, int64_t id, const struct site *s)
{
	struct interval	 iv[MAX_INTERVALS];
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 o[6], c[6];
	int		 d, i, n;

	if ((st = db_stmt(db, ASQL_SITE_HOURS_CLEAR)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	for (d = 0; d < NWEEKDAYS; d++) {
		if ((n = hours_parse(s->hours[d], iv)) <= 0)
			continue;
		for (i = 0; i < n; i++) {
			if ((st = db_stmt(db, ASQL_SITE_HOURS_ADD)) == NULL)
				return db_last_rc(db);
			hm_text(iv[i].opens, o);
			hm_text(iv[i].closes, c);
			db_bind_int(st, 0, id);
			db_bind_int(st, 1, d + 1);
			db_bind_text(st, 2, o);
			db_bind_text(st, 3, iv[i].closes == 24 * 60 ?
			    "23:59:59" : c);
			if ((rc = db_exec(st)) != DB_OK)
				return rc;
		}
	}
	return DB_OK;
}

/* Normalise each weekday's hours text as it will be stored and read
 * back ("09:00-12:00, 13:00-17:00"), so that comparisons are fair. */
static void
hours_normalise(struct site *s)
{
	struct interval	 iv[MAX_INTERVALS];
	char		 o[6], c[6];
	size_t		 len;
	int		 d, i, n;

	for (d = 0; d < NWEEKDAYS; d++) {
		if ((n = hours_parse(s->hours[d], iv)) < 0)
			continue;
		s->hours[d][0] = '\0';
		for (i = 0; i < n; i++) {
			hm_text(iv[i].opens, o);
			if (iv[i].closes == 24 * 60)
				snprintf(c, sizeof(c), "23:59");
			else
				hm_text(iv[i].closes, c);
			len = strlen(s->hours[d]);
			snprintf(s->hours[d] + len, sizeof(s->hours[d]) - len,
			    "%s%s-%s", i ? ", " : "", o, c);
		}
	}
}

/* Field names of a site's hours in the audit trail. */
static const char *const hours_audit[NWEEKDAYS] = {
	"hours_1", "hours_2", "hours_3", "hours_4", "hours_5", "hours_6",
	"hours_7",
};

/* Text forms of a site's numbers for the audit trail. */
struct site_text {
	char	 slot_minutes[24];
	char	 active[2];
};

/* Fill t from s. */
static void
site_text(const struct site *s, struct site_text *t)
{
	snprintf(t->slot_minutes, sizeof(t->slot_minutes), "%lld",
	    (long long)s->slot_minutes);
	snprintf(t->active, sizeof(t->active), "%s", flag(s->active));
}

/* What site_txn needs and gives back (old NULL: create). */
struct site_ctx {
	struct req		*r;
	int64_t			 id;		/* in (save) / out (create) */
	const struct site	*want;
	struct site		*old;		/* save: the values replaced */
	int			 found;		/* out */
	int			 conflict;	/* out */
};

/* Create or update (if its version is still the submitted one) a site,
 * replace its hours, write the audit event (db_txn function). */
static enum db_rc
site_txn(struct db *db, void *arg)
{
	struct site_ctx		*c = arg;
	const struct site	*w = c->want, *o = c->old;
	struct site		 empty;
	struct audit_change	 ch[7 + NWEEKDAYS];
	struct site_text	 ot, nt;
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 idtext[24];
	size_t			 n = 0;
	int			 d;

	c->found = c->conflict = 0;
	if (o != NULL) {
		if ((rc = site_load(db, c->id, c->old)) != DB_ROW)
			return rc;
		c->found = 1;
		if (o->version != w->version) {
			c->conflict = 1;
			return DB_OK;
		}
		if ((st = db_stmt(db, ASQL_SITE_UPDATE)) == NULL)
			return db_last_rc(db);
	} else if ((st = db_stmt(db, ASQL_SITE_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, w->code);
	db_bind_text(st, 1, w->name);
	db_bind_text(st, 2, w->zone);
	db_bind_text(st, 3, w->address);
	db_bind_text(st, 4, w->cc);
	db_bind_int(st, 5, w->slot_minutes);
	db_bind_int(st, 6, w->active);
	if (o != NULL) {
		db_bind_int(st, 7, c->id);
		db_bind_int(st, 8, w->version);
	}
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (o != NULL && db_affected(st) == 0) {
		c->conflict = 1;
		return DB_OK;
	}
	if (o == NULL) {
		c->id = (int64_t)db_insert_id(st);
		c->found = 1;
	}
	if ((rc = hours_write(db, c->id, w)) != DB_OK)
		return rc;
	if (o == NULL) {
		memset(&empty, 0, sizeof(empty));
		o = &empty;
	}
	site_text(o, &ot);
	site_text(w, &nt);
#define CHANGED(f, a, b)	do {					\
	if (c->old == NULL || strcmp((a), (b)) != 0)			\
		ch[n++] = (struct audit_change){(f),			\
		    c->old ? (a) : NULL, (b)};				\
} while (0)
	CHANGED("code", o->code, w->code);
	CHANGED("name", o->name, w->name);
	CHANGED("time_zone", o->zone, w->zone);
	CHANGED("address", o->address, w->address);
	CHANGED("phone_country_code", o->cc, w->cc);
	CHANGED("slot_minutes", ot.slot_minutes, nt.slot_minutes);
	CHANGED("active", ot.active, nt.active);
	for (d = 0; d < NWEEKDAYS; d++) {
		if (c->old == NULL && w->hours[d][0] == '\0')
			continue;
		CHANGED(hours_audit[d], o->hours[d], w->hours[d]);
	}
#undef CHANGED
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	return audit_req(c->r, "site", idtext, c->old ? "update" : "create",
	    ch, n);
}

/*
 * GET /appointments/sites (appointments.configure): the list of sites
 * (Appt.Sites.N.{Id,Code,Name,Zone,Active}). Template
 * appointments/configure_sites.cs.
 */
int
page_sites(struct req *r)
{
	r->tpl = "appointments/configure_sites.cs";
	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.Sites.Title"));
	return appt_sites_fill(r, 0) ? appt_db_fail(DB_ERROR) : 200;
}

/*
 * GET /appointments/sites/new (appointments.configure; also the fill of
 * a rejected POST): the empty site form, defaults from the
 * configuration (time zone) on GET; the handler-only checks on a POST.
 * Template appointments/configure_site.cs.
 */
int
page_site_new_form(struct req *r)
{
	r->tpl = "appointments/configure_site.cs";
	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.Sites.New"));
	page_set(r, "ApptConf.New", "1");
	weekdays_fill(r);
	if (r->method == M_GET) {
		page_set(r, "Form.time_zone.Value", r->conf &&
		    r->conf->timezone ? r->conf->timezone : "UTC");
		page_set(r, "Form.phone_country_code.Value", "33");
		page_set(r, "Form.slot_minutes.Value", "60");
		page_set(r, "Form.active.Value", "1");
	} else
		site_form_check(r);
	return 200;
}

/* The closed dates of a site: ApptConf.Closed.N.{Day,Reason}. Returns
 * 0 or a status. */
static int
closed_fill(struct req *r, int64_t id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[48];
	size_t		 n = 0;

	if ((st = db_stmt(r->db, ASQL_SITE_CLOSED_LIST)) == NULL)
		return appt_db_fail(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "ApptConf.Closed.%zu.Day", n);
		page_set(r, node, db_col_text(st, 0));
		snprintf(node, sizeof(node), "ApptConf.Closed.%zu.Reason", n);
		page_set(r, node, db_col_text(st, 1));
		n++;
	}
	if (rc != DB_OK)
		return appt_db_fail(rc);
	page_set_int(r, "ApptConf.ClosedCount", (long long)n);
	return 0;
}

/*
 * GET /appointments/sites/{id} (appointments.configure; also the fill
 * of the site's rejected POSTs): the edit form with the stored values
 * (a rejected save keeps the submitted ones), the closed dates
 * (ApptConf.Closed) and the closed-date form. ApptConf.Site.{Id,Name}.
 * 404 for an unknown id. Template appointments/configure_site.cs.
 */
int
page_site_form(struct req *r)
{
	struct site	*s;
	enum db_rc	 rc;
	int		 status = 200;

	r->tpl = "appointments/configure_site.cs";
	if ((s = malloc(sizeof(*s))) == NULL)
		return 500;
	rc = site_load(r->db, req_param_int(r, "id"), s);
	if (rc != DB_ROW) {
		status = rc == DB_OK ? 404 : appt_db_fail(rc);
		goto out;
	}
	if ((status = closed_fill(r, s->id)) != 0)
		goto out;
	status = 200;
	weekdays_fill(r);
	page_set(r, "Page.Title", s->name);
	page_set_int(r, "ApptConf.Site.Id", s->id);
	page_set(r, "ApptConf.Site.Name", s->name);
	/* The site form shows what is stored, except when its own save was
	 * refused (the closed-date forms have their own fields). */
	if (r->method == M_GET || r->route->handler != page_site_save)
		site_to_form(r, s);
	else {
		site_form_check(r);
		if (form_get(r, "version") != NULL &&
		    !form_get(r, "version")->present)
			form_set_error(r, "version", "Form.Error.Required");
	}
out:
	free(s);
	return status;
}

/* Add one row of the conflict table (ApptConf.Conflict.Rows.N) when the
 * stored and submitted texts differ. */
static void
conflict_row(struct req *r, size_t *n, const char *label, const char *stored,
    const char *mine)
{
	char	node[64];

	if (strcmp(stored, mine) == 0)
		return;
	snprintf(node, sizeof(node), "ApptConf.Conflict.Rows.%zu.Label", *n);
	page_set(r, node, label);
	snprintf(node, sizeof(node), "ApptConf.Conflict.Rows.%zu.Stored", *n);
	page_set(r, node, stored);
	snprintf(node, sizeof(node), "ApptConf.Conflict.Rows.%zu.Mine", *n);
	page_set(r, node, mine);
	(*n)++;
}

/* A yes/no label. */
static const char *
yes_no(struct req *r, int v)
{
	return tpl_text(r->hdf, v ? "ApptConf.Yes" : "ApptConf.No");
}

/* A lost site save: both values, and the stored version in the form so
 * that saving again overwrites knowingly. */
static void
site_conflict_fill(struct req *r, const struct site *st,
    const struct site *mine)
{
	struct site_text	 a, b;
	char			 key[32];
	size_t			 n = 0;
	int			 d;

	site_text(st, &a);
	site_text(mine, &b);
	page_set(r, "ApptConf.Conflict.Show", "1");
	conflict_row(r, &n, tpl_text(r->hdf, "Appt.Sites.Code"), st->code,
	    mine->code);
	conflict_row(r, &n, tpl_text(r->hdf, "Appt.Sites.Name"), st->name,
	    mine->name);
	conflict_row(r, &n, tpl_text(r->hdf, "Appt.Sites.Address"),
	    st->address, mine->address);
	conflict_row(r, &n, tpl_text(r->hdf, "Appt.Sites.Zone"), st->zone,
	    mine->zone);
	conflict_row(r, &n, tpl_text(r->hdf, "Appt.Sites.CountryCode"),
	    st->cc, mine->cc);
	conflict_row(r, &n, tpl_text(r->hdf, "ApptConf.SlotMinutes"),
	    a.slot_minutes, b.slot_minutes);
	conflict_row(r, &n, tpl_text(r->hdf, "Appt.Sites.Active"),
	    yes_no(r, st->active), yes_no(r, mine->active));
	for (d = 0; d < NWEEKDAYS; d++) {
		snprintf(key, sizeof(key), "Appt.Weekday.%d", d + 1);
		conflict_row(r, &n, tpl_text(r->hdf, key), st->hours[d],
		    mine->hours[d]);
	}
	page_set_int(r, "Form.version.Value", st->version);
}

/* Create (id 0) or save site id from the form; the page answer. */
static int
site_write(struct req *r, int64_t id)
{
	struct site_ctx	 c;
	struct site	*want = NULL, *old = NULL;
	enum db_rc	 rc;
	char		 loc[64];
	int		 status;

	if ((want = calloc(1, sizeof(*want))) == NULL ||
	    (id != 0 && (old = calloc(1, sizeof(*old))) == NULL)) {
		status = 500;
		goto out;
	}
	site_from_form(r, want);
	hours_normalise(want);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = id;
	c.want = want;
	c.old = old;
	rc = db_txn(r->db, site_txn, &c);
	if (rc == DB_DUP) {
		form_set_error(r, "code", "Appt.Error.CodeTaken");
		status = 422;
		goto out;
	}
	if (rc != DB_OK) {
		log_err("cannot save site %lld: %s", (long long)id,
		    db_errmsg(r->db));
		status = appt_db_fail(rc);
		goto out;
	}
	if (!c.found) {
		status = 404;
		goto out;
	}
	if (c.conflict) {
		site_conflict_fill(r, old, want);
		status = 409;
		goto out;
	}
	log_info("site %lld %s", (long long)c.id, id ? "saved" : "created");
	flash_set(r, "ok", "Appt.Flash.SiteSaved");
	snprintf(loc, sizeof(loc), "/appointments/sites/%lld", (long long)c.id);
	status = resp_redirect(r, loc);
out:
	free(want);
	free(old);
	return status;
}

/*
 * POST /appointments/sites/new (appointments.configure, CSRF; fields
 * site_fields): create a site with its opening hours. Redirects to the
 * site's page with a flash; 422 with a message per field (a taken code
 * too).
 */
int
page_site_new(struct req *r)
{
	int	status;

	if ((status = page_site_new_form(r)) != 200)
		return status;
	if (r->form.nerrors > 0)
		return 422;
	return site_write(r, 0);
}

/*
 * POST /appointments/sites/{id} (appointments.configure, CSRF; fields
 * site_fields, version required): save the site and its opening hours.
 * Redirects with a flash; 409 with both values when someone saved in
 * between; 422 for a bad field (a taken code too); 404 unknown id.
 */
int
page_site_save(struct req *r)
{
	int	status;

	if ((status = page_site_form(r)) != 200)
		return status;
	if (r->form.nerrors > 0)
		return 422;
	return site_write(r, req_param_int(r, "id"));
}

/* What closed_txn needs. */
struct closed_ctx {
	struct req	*r;
	int64_t		 id;
	const char	*day;
	const char	*reason;	/* NULL: remove the date */
	int		 changed;	/* out */
};

/* Add (or re-word) or remove a closed date with its audit event
 * (db_txn function). */
static enum db_rc
closed_txn(struct db *db, void *arg)
{
	struct closed_ctx	*c = arg;
	struct audit_change	 ch[2];
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 idtext[24];

	c->changed = 0;
	if ((st = db_stmt(db, c->reason ? ASQL_SITE_CLOSED_ADD :
	    ASQL_SITE_CLOSED_DELETE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	db_bind_text(st, 1, c->day);
	if (c->reason)
		db_bind_text(st, 2, c->reason);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) == 0)
		return DB_OK;
	c->changed = 1;
	ch[0] = (struct audit_change){"closed_day", c->reason ? NULL : c->day,
	    c->reason ? c->day : NULL};
	ch[1] = (struct audit_change){"closed_reason", NULL, c->reason};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	return audit_req(c->r, "site", idtext, c->reason ? "closed_add" :
	    "closed_remove", ch, c->reason ? 2 : 1);
}

/* Add or remove a closed date (remove: reason NULL); the page answer. */
static int
closed_change(struct req *r, const char *reason)
{
	struct closed_ctx	 c;
	enum db_rc		 rc;
	char			 loc[64], today[11];
	int			 status;

	/* The site exists; its page data for a refusal. */
	if ((status = page_site_form(r)) != 200)
		return status;
	if (reason != NULL) {
		appt_today(r->conf && r->conf->timezone ? r->conf->timezone :
		    "UTC", today);
		if (strcmp(form_str(r, "day"), today) < 0) {
			form_set_error(r, "day", "ApptConf.Error.ClosedPast");
			return 422;
		}
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = req_param_int(r, "id");
	c.day = form_str(r, "day");
	c.reason = reason;
	if ((rc = db_txn(r->db, closed_txn, &c)) != DB_OK) {
		log_err("cannot change closed date of site %lld: %s",
		    (long long)c.id, db_errmsg(r->db));
		return appt_db_fail(rc);
	}
	flash_set(r, "ok", reason ? "Appt.Flash.ClosedAdded" :
	    "Appt.Flash.ClosedRemoved");
	snprintf(loc, sizeof(loc), "/appointments/sites/%lld#closed",
	    (long long)c.id);
	return resp_redirect(r, loc);
}

/*
 * POST /appointments/sites/{id}/closed (appointments.configure, CSRF;
 * fields closed_fields): close the site on a day (today or later) with
 * a reason; the booking pages and the API stop offering that day.
 * Redirects with a flash; 422 for a bad or past date.
 */
int
page_site_closed_add(struct req *r)
{
	return closed_change(r, form_str(r, "reason"));
}

/*
 * POST /appointments/sites/{id}/closed/delete (appointments.configure,
 * CSRF; field day): open the site again on that day. Redirects with a
 * flash.
 */
int
page_site_closed_delete(struct req *r)
{
	return closed_change(r, NULL);
}

/* ------------------------------------------------------------- services */

/* The ids of the seeded levels (level_codes order; 0 if missing).
 * Returns DB_OK or the error. */
static enum db_rc
level_ids(struct db *db, int64_t ids[NLEVELS])
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int		 i;

	memset(ids, 0, NLEVELS * sizeof(ids[0]));
	if ((st = db_stmt(db, ASQL_LEVEL_LIST)) == NULL)
		return db_last_rc(db);
	while ((rc = db_step(st)) == DB_ROW)
		for (i = 0; i < NLEVELS; i++)
			if (strcmp(db_col_text(st, 1), level_codes[i]) == 0)
				ids[i] = db_col_int(st, 0);
	return rc;
}

/* The index in level_codes of a level id, or -1. */
static int
level_index(const int64_t ids[NLEVELS], int64_t id)
{
	int	i;

	for (i = 0; i < NLEVELS; i++)
		if (ids[i] == id && id != 0)
			return i;
	return -1;
}

/* The index of a language in svc_langs, or -1. */
static int
lang_index(const char *code)
{
	int	i;

	for (i = 0; i < NLANGS; i++)
		if (strcmp(code, svc_langs[i]) == 0)
			return i;
	return -1;
}

/*
 * Load service id, its texts and offers into s. Returns DB_ROW if found,
 * DB_OK if there is no such service, else the database error.
 */
static enum db_rc
service_load(struct db *db, int64_t id, struct service *s)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 ids[NLEVELS];
	enum channel	 ch;
	int		 i;

	memset(s, 0, sizeof(*s));
	if ((st = db_stmt(db, ASQL_SERVICE_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	s->id = id;
	snprintf(s->code, sizeof(s->code), "%s", db_col_text(st, 0));
	s->duration = db_col_int(st, 1);
	s->active = db_col_int(st, 2) != 0;
	s->needs_document = db_col_int(st, 3) != 0;
	s->version = db_col_int(st, 4);
	db_reset(st);

	if ((st = db_stmt(db, ASQL_SERVICE_TEXTS)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		if ((i = lang_index(db_col_text(st, 0))) < 0)
			continue;
		snprintf(s->name[i], sizeof(s->name[i]), "%s",
		    db_col_text(st, 1));
		snprintf(s->docs[i], sizeof(s->docs[i]), "%s",
		    db_col_text(st, 2));
	}
	if (rc != DB_OK)
		return rc;

	if ((rc = level_ids(db, ids)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, ASQL_SERVICE_OFFERS)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		i = level_index(ids, db_col_int(st, 0));
		ch = channel_of(db_col_text(st, 1));
		if (i >= 0 && ch != CH__MAX)
			s->offers |= 1u << (i * CH__MAX + (int)ch);
	}
	return rc == DB_OK ? DB_ROW : rc;
}

/* The field name of an offer cell into out (40 bytes). */
static void
offer_field(int level, int ch, char out[40])
{
	snprintf(out, 40, "offer_%s_%s", level_codes[level],
	    channel_names[ch]);
}

/* Normalise line ends of a documents list to "\n" and drop blank lines
 * and trailing spaces, in place. */
static void
docs_normalise(char *s)
{
	char	*w = s, *line = s, *end;
	size_t	 len;

	while (*line != '\0') {
		end = line + strcspn(line, "\r\n");
		len = (size_t)(end - line);
		while (len > 0 && (line[len - 1] == ' ' ||
		    line[len - 1] == '\t'))
			len--;
		while (len > 0 && (*line == ' ' || *line == '\t')) {
			line++;
			len--;
		}
		if (len > 0) {
			if (w != s)
				*w++ = '\n';
			memmove(w, line, len);
			w += len;
		}
		line = end;
		while (*line == '\r' || *line == '\n')
			line++;
	}
	*w = '\0';
}

/* Read the submitted service fields into s (not id). */
static void
service_from_form(const struct req *r, struct service *s)
{
	char	name[40];
	int	i, c;

	snprintf(s->code, sizeof(s->code), "%s", form_str(r, "code"));
	s->duration = form_int(r, "duration_minutes");
	s->needs_document = form_int(r, "needs_document") != 0;
	s->active = form_int(r, "active") != 0;
	s->version = form_int(r, "version");
	for (i = 0; i < NLANGS; i++) {
		snprintf(name, sizeof(name), "name_%s", svc_langs[i]);
		snprintf(s->name[i], sizeof(s->name[i]), "%s",
		    form_str(r, name));
		snprintf(name, sizeof(name), "docs_%s", svc_langs[i]);
		snprintf(s->docs[i], sizeof(s->docs[i]), "%s",
		    form_str(r, name));
		docs_normalise(s->docs[i]);
	}
	s->offers = 0;
	for (i = 0; i < NLEVELS; i++)
		for (c = 0; c < CH__MAX; c++) {
			offer_field(i, c, name);
			if (form_int(r, name))
				s->offers |= 1u << (i * CH__MAX + c);
		}
}

/* Put s in the form's nodes, for a fresh page. */
static void
service_to_form(struct req *r, const struct service *s)
{
	char	node[64], name[40];
	int	i, c;

	page_set(r, "Form.code.Value", s->code);
	page_set_int(r, "Form.duration_minutes.Value", s->duration);
	page_set(r, "Form.needs_document.Value", flag(s->needs_document));
	page_set(r, "Form.active.Value", flag(s->active));
	page_set_int(r, "Form.version.Value", s->version);
	for (i = 0; i < NLANGS; i++) {
		snprintf(node, sizeof(node), "Form.name_%s.Value",
		    svc_langs[i]);
		page_set(r, node, s->name[i]);
		snprintf(node, sizeof(node), "Form.docs_%s.Value",
		    svc_langs[i]);
		page_set(r, node, s->docs[i]);
	}
	for (i = 0; i < NLEVELS; i++)
		for (c = 0; c < CH__MAX; c++) {
			offer_field(i, c, name);
			snprintf(node, sizeof(node), "Form.%s.Value", name);
			page_set(r, node, flag(s->offers &
			    (1u << (i * CH__MAX + c))));
		}
}

/*
 * The service form's page data: ApptConf.Langs.N.{Code,Name,NameField,
 * DocsField} and the offer grid ApptConf.Offer.Levels.N.{Label,
 * Cells.C.{Field,Label}} with ApptConf.Offer.Channels.C.Label.
 */
static void
service_page_fill(struct req *r)
{
	char	node[80], field[40], key[48], label[256];
	int	i, c;

	for (i = 0; i < NLANGS; i++) {
		snprintf(node, sizeof(node), "ApptConf.Langs.%d.Code", i);
		page_set(r, node, svc_langs[i]);
		snprintf(key, sizeof(key), "Appt.LangName.%s", svc_langs[i]);
		snprintf(node, sizeof(node), "ApptConf.Langs.%d.Name", i);
		page_set(r, node, tpl_text(r->hdf, key));
		snprintf(node, sizeof(node), "ApptConf.Langs.%d.NameField", i);
		snprintf(field, sizeof(field), "name_%s", svc_langs[i]);
		page_set(r, node, field);
		snprintf(node, sizeof(node), "ApptConf.Langs.%d.DocsField", i);
		snprintf(field, sizeof(field), "docs_%s", svc_langs[i]);
		page_set(r, node, field);
	}
	for (c = 0; c < CH__MAX; c++) {
		snprintf(node, sizeof(node), "ApptConf.Offer.Channels.%d.Label",
		    c);
		page_set(r, node, appt_label(r, "Channel", channel_names[c]));
	}
	for (i = 0; i < NLEVELS; i++) {
		snprintf(node, sizeof(node), "ApptConf.Offer.Levels.%d.Label",
		    i);
		page_set(r, node, appt_label(r, "Level", level_codes[i]));
		for (c = 0; c < CH__MAX; c++) {
			offer_field(i, c, field);
			snprintf(node, sizeof(node),
			    "ApptConf.Offer.Levels.%d.Cells.%d.Field", i, c);
			page_set(r, node, field);
			snprintf(label, sizeof(label), "%s, %s",
			    appt_label(r, "Level", level_codes[i]),
			    appt_label(r, "Channel", channel_names[c]));
			snprintf(node, sizeof(node),
			    "ApptConf.Offer.Levels.%d.Cells.%d.Label", i, c);
			page_set(r, node, label);
		}
	}
}

/* Checks of the service form only the handler can make: the code's
 * characters, the English name. Returns the error count. */
static size_t
service_form_check(struct req *r)
{
	if (form_get(r, "code")->valid && form_get(r, "code")->present &&
	    !code_ok(form_str(r, "code")))
		form_set_error(r, "code", "Appt.Error.Code");
	if (form_get(r, "name_en")->valid && !form_get(r, "name_en")->present)
		form_set_error(r, "name_en", "Appt.Error.NameEnglish");
	return r->form.nerrors;
}

/* Write the texts and offers of service id from s (inside a txn):
 * languages without a name lose their text. */
static enum db_rc
service_children_write(struct db *db, int64_t id, const struct service *s)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 ids[NLEVELS];
	int		 i, c;

	for (i = 0; i < NLANGS; i++) {
		if ((st = db_stmt(db, s->name[i][0] ? ASQL_SERVICE_TEXT_SET :
		    ASQL_SERVICE_TEXT_DELETE)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, id);
		db_bind_text(st, 1, svc_langs[i]);
		if (s->name[i][0]) {
			db_bind_text(st, 2, s->name[i]);
			db_bind_text(st, 3, s->docs[i]);
		}
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	if ((rc = level_ids(db, ids)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, ASQL_SERVICE_OFFERS_CLEAR)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	for (i = 0; i < NLEVELS; i++)
		for (c = 0; c < CH__MAX; c++) {
			if (!(s->offers & (1u << (i * CH__MAX + c))) ||
			    ids[i] == 0)
				continue;
			if ((st = db_stmt(db, ASQL_SERVICE_OFFER_ADD)) == NULL)
				return db_last_rc(db);
			db_bind_int(st, 0, id);
			db_bind_int(st, 1, ids[i]);
			db_bind_text(st, 2, channel_names[c]);
			if ((rc = db_exec(st)) != DB_OK)
				return rc;
		}
	return DB_OK;
}

/* The offers of a mask as text ("regular:web,urgent:partner") into out. */
static void
offers_text(unsigned int mask, char *out, size_t outsz)
{
	size_t	len = 0;
	int	i, c;

	out[0] = '\0';
	for (i = 0; i < NLEVELS; i++)
		for (c = 0; c < CH__MAX; c++) {
			if (!(mask & (1u << (i * CH__MAX + c))))
				continue;
			len += (size_t)snprintf(out + len, outsz > len ?
			    outsz - len : 0, "%s%s:%s", len ? "," : "",
			    level_codes[i], channel_names[c]);
			if (len >= outsz)
				return;
		}
}

/* Field names of service texts in the audit trail. */
static const char *const name_audit[NLANGS] = {
	"name_en", "name_fr", "name_ar", "name_es", "name_ht",
};
static const char *const docs_audit[NLANGS] = {
	"documents_en", "documents_fr", "documents_ar", "documents_es",
	"documents_ht",
};

/* Text forms of a service's numbers for the audit trail. */
struct service_text {
	char	 duration[24];
	char	 needs_document[2];
	char	 active[2];
	char	 offers[400];
};

/* Fill t from s. */
static void
service_text(const struct service *s, struct service_text *t)
{
	snprintf(t->duration, sizeof(t->duration), "%lld",
	    (long long)s->duration);
	snprintf(t->needs_document, sizeof(t->needs_document), "%s",
	    flag(s->needs_document));
	snprintf(t->active, sizeof(t->active), "%s", flag(s->active));
	offers_text(s->offers, t->offers, sizeof(t->offers));
}

/* What service_txn needs and gives back (old NULL: create). */
struct service_ctx {
	struct req		*r;
	int64_t			 id;		/* in (save) / out (create) */
	const struct service	*want;
	struct service		*old;		/* save: the values replaced */
	int			 found;		/* out */
	int			 conflict;	/* out */
};

/* Create or update a service with its texts and offers, and write the
 * audit event (db_txn function). */
static enum db_rc
service_txn(struct db *db, void *arg)
{
	struct service_ctx	*c = arg;
	const struct service	*w = c->want, *o = c->old;
	struct service		 empty;
	struct audit_change	 ch[5 + 2 * NLANGS];
	struct service_text	 ot, nt;
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 idtext[24];
	size_t			 n = 0;
	int			 i;

	c->found = c->conflict = 0;
	if (o != NULL) {
		if ((rc = service_load(db, c->id, c->old)) != DB_ROW)
			return rc;
		c->found = 1;
		if (o->version != w->version) {
			c->conflict = 1;
			return DB_OK;
		}
		if ((st = db_stmt(db, ASQL_SERVICE_UPDATE)) == NULL)
			return db_last_rc(db);
	} else if ((st = db_stmt(db, ASQL_SERVICE_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, w->code);
	db_bind_int(st, 1, w->duration);
	db_bind_int(st, 2, w->needs_document);
	db_bind_int(st, 3, w->active);
	if (o != NULL) {
		db_bind_int(st, 4, c->id);
		db_bind_int(st, 5, w->version);
	}
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (o != NULL && db_affected(st) == 0) {
		c->conflict = 1;
		return DB_OK;
	}
	if (o == NULL) {
		c->id = (int64_t)db_insert_id(st);
		c->found = 1;
	}
	if ((rc = service_children_write(db, c->id, w)) != DB_OK)
		return rc;
	if (o == NULL) {
		memset(&empty, 0, sizeof(empty));
		o = &empty;
	}
	service_text(o, &ot);
	service_text(w, &nt);
#define CHANGED(f, a, b)	do {					\
	if (c->old == NULL || strcmp((a), (b)) != 0)			\
		ch[n++] = (struct audit_change){(f),			\
		    c->old ? (a) : NULL, (b)};				\
} while (0)
	CHANGED("code", o->code, w->code);
	CHANGED("duration_minutes", ot.duration, nt.duration);
	CHANGED("needs_document", ot.needs_document, nt.needs_document);
	CHANGED("active", ot.active, nt.active);
	CHANGED("offers", ot.offers, nt.offers);
	for (i = 0; i < NLANGS; i++) {
		if (c->old == NULL && w->name[i][0] == '\0')
			continue;
		CHANGED(name_audit[i], o->name[i], w->name[i]);
		CHANGED(docs_audit[i], o->docs[i], w->docs[i]);
	}
#undef CHANGED
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	return audit_req(c->r, "service", idtext, c->old ? "update" :
	    "create", ch, n);
}

/*
 * GET /appointments/services (appointments.configure): the list of
 * services, ApptConf.Services.N.{Id,Code,Name,Duration,NeedsDocument,
 * Active,Offers}. Template appointments/configure_services.cs.
 */
int
page_services(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64];
	size_t		 n = 0;

	r->tpl = "appointments/configure_services.cs";
	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.Services.Title"));
	if ((st = db_stmt(r->db, ASQL_SERVICE_LIST)) == NULL)
		return appt_db_fail(db_last_rc(r->db));
	db_bind_text(st, 0, r->lang);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "ApptConf.Services.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "ApptConf.Services.%zu.Code", n);
		page_set(r, node, db_col_text(st, 1));
		snprintf(node, sizeof(node), "ApptConf.Services.%zu.Name", n);
		page_set(r, node, db_col_text(st, 2));
		snprintf(node, sizeof(node), "ApptConf.Services.%zu.Duration",
		    n);
		page_set_int(r, node, db_col_int(st, 3));
		snprintf(node, sizeof(node),
		    "ApptConf.Services.%zu.NeedsDocument", n);
		page_set(r, node, yes_no(r, db_col_int(st, 4) != 0));
		snprintf(node, sizeof(node), "ApptConf.Services.%zu.Active", n);
		page_set(r, node, yes_no(r, db_col_int(st, 5) != 0));
		snprintf(node, sizeof(node), "ApptConf.Services.%zu.Offers", n);
		page_set_int(r, node, db_col_int(st, 6));
		n++;
	}
	if (rc != DB_OK)
		return appt_db_fail(rc);
	page_set_int(r, "ApptConf.ServiceCount", (long long)n);
	return 200;
}

/*
 * GET /appointments/services/new (appointments.configure; also the fill
 * of a rejected POST): the empty service form (defaults: 20 minutes,
 * active). Template appointments/configure_service.cs.
 */
int
page_service_new_form(struct req *r)
{
	r->tpl = "appointments/configure_service.cs";
	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.Services.New"));
	page_set(r, "ApptConf.New", "1");
	service_page_fill(r);
	if (r->method == M_GET) {
		page_set(r, "Form.duration_minutes.Value", "20");
		page_set(r, "Form.active.Value", "1");
	} else
		service_form_check(r);
	return 200;
}

/* A lost service save: both values, and the stored version in the form
 * so that saving again overwrites knowingly. */
static void
service_conflict_fill(struct req *r, const struct service *st,
    const struct service *mine)
{
	struct service_text	 a, b;
	char			 label[300], key[48];
	size_t			 n = 0;
	int			 i;

	service_text(st, &a);
	service_text(mine, &b);
	page_set(r, "ApptConf.Conflict.Show", "1");
	conflict_row(r, &n, tpl_text(r->hdf, "Appt.Services.Code"), st->code,
	    mine->code);
	conflict_row(r, &n, tpl_text(r->hdf, "Appt.Services.Duration"),
	    a.duration, b.duration);
	conflict_row(r, &n, tpl_text(r->hdf, "Appt.Services.NeedsDocument"),
	    yes_no(r, st->needs_document), yes_no(r, mine->needs_document));
	conflict_row(r, &n, tpl_text(r->hdf, "Appt.Services.Active"),
	    yes_no(r, st->active), yes_no(r, mine->active));
	conflict_row(r, &n, tpl_text(r->hdf, "Appt.Services.Offers"),
	    a.offers, b.offers);
	for (i = 0; i < NLANGS; i++) {
		snprintf(key, sizeof(key), "Appt.LangName.%s", svc_langs[i]);
		snprintf(label, sizeof(label), "%s %s",
		    tpl_text(r->hdf, "Appt.Services.NameIn"),
		    tpl_text(r->hdf, key));
		conflict_row(r, &n, label, st->name[i], mine->name[i]);
		snprintf(label, sizeof(label), "%s %s",
		    tpl_text(r->hdf, "Appt.Services.DocumentsIn"),
		    tpl_text(r->hdf, key));
		conflict_row(r, &n, label, st->docs[i], mine->docs[i]);
	}
	page_set_int(r, "Form.version.Value", st->version);
}

/* Create (old NULL) or save a service from the form; the page answer. */
static int
service_write(struct req *r, int64_t id)
{
	struct service_ctx	 c;
	struct service		*want = NULL, *old = NULL;
	enum db_rc		 rc;
	char			 loc[64];
	int			 status;

	if ((want = calloc(1, sizeof(*want))) == NULL ||
	    (id != 0 && (old = calloc(1, sizeof(*old))) == NULL)) {
		status = 500;
		goto out;
	}
	service_from_form(r, want);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = id;
	c.want = want;
	c.old = old;
	rc = db_txn(r->db, service_txn, &c);
	if (rc == DB_DUP) {
		form_set_error(r, "code", "Appt.Error.CodeTaken");
		status = 422;
		goto out;
	}
	if (rc != DB_OK) {
		log_err("cannot save service %lld: %s", (long long)id,
		    db_errmsg(r->db));
		status = appt_db_fail(rc);
		goto out;
	}
	if (!c.found) {
		status = 404;
		goto out;
	}
	if (c.conflict) {
		service_conflict_fill(r, old, want);
		status = 409;
		goto out;
	}
	log_info("service %lld saved", (long long)c.id);
	flash_set(r, "ok", "Appt.Flash.ServiceSaved");
	snprintf(loc, sizeof(loc), "/appointments/services/%lld",
	    (long long)c.id);
	status = resp_redirect(r, loc);
out:
	free(want);
	free(old);
	return status;
}

/*
 * POST /appointments/services/new (appointments.configure, CSRF; fields
 * service_fields): create a service with its texts and offers.
 * Redirects with a flash; 422 with a message per field.
 */
int
page_service_new(struct req *r)
{
	int	status;

	if ((status = page_service_new_form(r)) != 200)
		return status;
	if (r->form.nerrors > 0)
		return 422;
	return service_write(r, 0);
}

/*
 * GET /appointments/services/{id} (appointments.configure; also the
 * fill of a rejected POST): the edit form with the stored values (a
 * rejected save keeps the submitted ones). ApptConf.Service.{Id,Code}.
 * 404 for an unknown id. Template appointments/configure_service.cs.
 */
int
page_service_form(struct req *r)
{
	struct service	*s;
	enum db_rc	 rc;
	int		 status = 200;

	r->tpl = "appointments/configure_service.cs";
	if ((s = malloc(sizeof(*s))) == NULL)
		return 500;
	rc = service_load(r->db, req_param_int(r, "id"), s);
	if (rc != DB_ROW) {
		status = rc == DB_OK ? 404 : appt_db_fail(rc);
		goto out;
	}
	service_page_fill(r);
	page_set(r, "Page.Title", s->name[0][0] ? s->name[0] : s->code);
	page_set_int(r, "ApptConf.Service.Id", s->id);
	page_set(r, "ApptConf.Service.Code", s->code);
	if (r->method == M_GET)
		service_to_form(r, s);
	else {
		service_form_check(r);
		if (form_get(r, "version") != NULL &&
		    !form_get(r, "version")->present)
			form_set_error(r, "version", "Form.Error.Required");
	}
out:
	free(s);
	return status;
}

/*
 * POST /appointments/services/{id} (appointments.configure, CSRF;
 * fields service_fields, version required): save the service, its
 * texts and offers. Redirects with a flash; 409 with both values when
 * someone saved in between; 422 for a bad field; 404 unknown id.
 */
int
page_service_save(struct req *r)
{
	int	status;

	if ((status = page_service_form(r)) != 200)
		return status;
	if (r->form.nerrors > 0)
		return 422;
	return service_write(r, req_param_int(r, "id"));
}

/* --------------------------------------------------------------- levels */

/*
 * GET /appointments/levels (appointments.configure; also the fill of a
 * rejected POST): the service levels in queue order with the "public
 * may choose it" checkboxes, ApptConf.Levels.N.{Code,Label,Field}.
 * Template appointments/configure_levels.cs.
 */
int
page_levels(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64], field[40];
	size_t		 n = 0;

	r->tpl = "appointments/configure_levels.cs";
	page_set(r, "Page.Title", tpl_text(r->hdf, "Appt.Levels.Title"));
	if ((st = db_stmt(r->db, ASQL_LEVEL_LIST)) == NULL)
		return appt_db_fail(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		const char *code = db_col_text(st, 1);
		int i;

		for (i = 0; i < NLEVELS; i++)
			if (strcmp(code, level_codes[i]) == 0)
				break;
		if (i == NLEVELS)
			continue;
		snprintf(field, sizeof(field), "public_%s", code);
		snprintf(node, sizeof(node), "ApptConf.Levels.%zu.Code", n);
		page_set(r, node, code);
		snprintf(node, sizeof(node), "ApptConf.Levels.%zu.Label", n);
		page_set(r, node, appt_label(r, "Level", code));
		snprintf(node, sizeof(node), "ApptConf.Levels.%zu.Field", n);
		page_set(r, node, field);
		if (r->method == M_GET) {
			snprintf(node, sizeof(node), "Form.%s.Value", field);
			page_set(r, node, flag(db_col_int(st, 2) != 0));
		}
		n++;
	}
	if (rc != DB_OK)
		return appt_db_fail(rc);
	return 200;
}

/* What levels_txn needs. */
struct levels_ctx {
	struct req	*r;
	int		 want[NLEVELS];	/* public flags submitted */
};

/* Set the public flag of each seeded level and write one audit event
 * with the flags that changed (db_txn function). */
static enum db_rc
levels_txn(struct db *db, void *arg)
{
	struct levels_ctx	*c = arg;
	struct audit_change	 ch[NLEVELS];
	struct db_stmt		*st;
	enum db_rc		 rc;
	int64_t			 ids[NLEVELS];
	int			 old[NLEVELS];
	size_t			 n = 0;
	int			 i;

	memset(old, 0, sizeof(old));
	memset(ids, 0, sizeof(ids));
	if ((st = db_stmt(db, ASQL_LEVEL_LIST)) == NULL)
		return db_last_rc(db);
	while ((rc = db_step(st)) == DB_ROW)
		for (i = 0; i < NLEVELS; i++)
			if (strcmp(db_col_text(st, 1), level_codes[i]) == 0) {
				ids[i] = db_col_int(st, 0);
				old[i] = db_col_int(st, 2) != 0;
			}
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < NLEVELS; i++) {
		if (ids[i] == 0 || old[i] == c->want[i])
			continue;
		if ((st = db_stmt(db, ASQL_LEVEL_SET_PUBLIC)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->want[i]);
		db_bind_int(st, 1, ids[i]);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
		ch[n++] = (struct audit_change){level_codes[i], flag(old[i]),
		    flag(c->want[i])};
	}
	if (n == 0)
		return DB_OK;
	return audit_req(c->r, "service_level", "public", "update", ch, n);
}

/*
 * POST /appointments/levels (appointments.configure, CSRF; fields
 * level_fields): which levels the public may choose. Redirects with a
 * flash.
 */
int
page_levels_save(struct req *r)
{
	struct levels_ctx	 c;
	enum db_rc		 rc;
	char			 name[40];
	int			 i;

	memset(&c, 0, sizeof(c));
	c.r = r;
	for (i = 0; i < NLEVELS; i++) {
		snprintf(name, sizeof(name), "public_%s", level_codes[i]);
		c.want[i] = form_int(r, name) != 0;
	}
	if ((rc = db_txn(r->db, levels_txn, &c)) != DB_OK) {
		log_err("cannot save the levels: %s", db_errmsg(r->db));
		return appt_db_fail(rc);
	}
	flash_set(r, "ok", "Appt.Flash.LevelsSaved");
	return resp_redirect(r, "/appointments/levels");
}

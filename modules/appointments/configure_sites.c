/*
 * configure_sites.c: the sites pages of havre-appointments (permission
 * appointments.configure): name, code, address, time zone, phone
 * country code, slot length, opening hours per weekday and closed
 * dates. A site edit is a versioned edit (a stale save answers 409 with
 * both values, common/edit.c); every change runs in one transaction
 * together with its audit event.
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
#include "configure.h"
#include "db.h"
#include "edit.h"
#include "htime.h"
#include "log.h"
#include "pages.h"
#include "sql.h"
#include "tpl.h"

/*
 * A weekday's field name, "hours_N": sized for any int, since the
 * compiler cannot see that N stays within the week (-Wformat-truncation
 * with -O1 and the sanitizers).
 */
#define HOURS_FIELD_SIZE sizeof("hours_-2147483648")

#define NWEEKDAYS	7
#define MAX_INTERVALS	6	/* opening intervals per weekday */
#define HOURS_TEXT	200	/* code points of one weekday's hours */

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
	char	name[HOURS_FIELD_SIZE];
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
	page_set(r, "Form.active.Value", conf_flag(s->active));
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
	char	node[48], field[HOURS_FIELD_SIZE], key[32];
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
	char		 name[HOURS_FIELD_SIZE];
	int		 d;

	if (form_get(r, "code")->valid && form_get(r, "code")->present &&
	    !conf_code_ok(form_str(r, "code")))
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
	snprintf(t->active, sizeof(t->active), "%s", conf_flag(s->active));
}

#define SITE_EDIT_FIELDS	(7 + NWEEKDAYS)

/*
 * The fields of a site edit, stored (o; NULL on a creation) against
 * submitted (w), into f: as the audit trail records them when r is
 * NULL, else as the agent reads them (labels in the page's language,
 * yes/no for flags). ot and nt hold the numbers' texts.
 */
static void
site_fields_of(const struct site *o, const struct site *w, struct req *r,
    struct edit_field f[SITE_EDIT_FIELDS], struct site_text *ot,
    struct site_text *nt)
{
	static const char *const keys[7] = {"Appt.Sites.Code",
	    "Appt.Sites.Name", "Appt.Sites.Zone", "Appt.Sites.Address",
	    "Appt.Sites.CountryCode", "ApptConf.SlotMinutes",
	    "Appt.Sites.Active"};
	char	key[32];
	int	i, d;

	if (o != NULL)
		site_text(o, ot);
	site_text(w, nt);
	f[0] = (struct edit_field){"code", NULL, o ? o->code : NULL, w->code};
	f[1] = (struct edit_field){"name", NULL, o ? o->name : NULL, w->name};
	f[2] = (struct edit_field){"time_zone", NULL, o ? o->zone : NULL,
	    w->zone};
	f[3] = (struct edit_field){"address", NULL, o ? o->address : NULL,
	    w->address};
	f[4] = (struct edit_field){"phone_country_code", NULL,
	    o ? o->cc : NULL, w->cc};
	f[5] = (struct edit_field){"slot_minutes", NULL,
	    o ? ot->slot_minutes : NULL, nt->slot_minutes};
	f[6] = (struct edit_field){"active", NULL, o ? ot->active : NULL,
	    nt->active};
	for (d = 0; d < NWEEKDAYS; d++)
		f[7 + d] = (struct edit_field){hours_audit[d], NULL,
		    o ? o->hours[d] : NULL, w->hours[d]};
	if (r == NULL)
		return;
	for (i = 0; i < 7; i++)
		f[i].label = tpl_text(r->hdf, keys[i]);
	f[6].stored = o ? conf_yes_no(r, o->active) : NULL;
	f[6].mine = conf_yes_no(r, w->active);
	for (d = 0; d < NWEEKDAYS; d++) {
		snprintf(key, sizeof(key), "Appt.Weekday.%d", d + 1);
		f[7 + d].label = tpl_text(r->hdf, key);
	}
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
	struct edit_field	 f[SITE_EDIT_FIELDS];
	struct site_text	 ot, nt;
	struct db_stmt		*st;
	enum db_rc		 rc;

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
	if ((rc = edit_save(st, o == NULL, &c->id, &c->conflict)) != DB_OK ||
	    c->conflict)
		return rc;
	c->found = 1;
	if ((rc = hours_write(db, c->id, w)) != DB_OK)
		return rc;
	site_fields_of(o, w, NULL, f, &ot, &nt);
	return edit_audit(c->r, "site", c->id, o ? "update" : "create", f,
	    SITE_EDIT_FIELDS, NULL);
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
	return appt_sites_fill(r, 0) ? db_http_status(DB_ERROR) : 200;
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
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "ApptConf.Closed.%zu.Day", n);
		page_set(r, node, db_col_text(st, 0));
		snprintf(node, sizeof(node), "ApptConf.Closed.%zu.Reason", n);
		page_set(r, node, db_col_text(st, 1));
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
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
		status = rc == DB_OK ? 404 : db_http_status(rc);
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

/* A lost site save: both values, and the stored version in the form so
 * that saving again overwrites knowingly. */
static void
site_conflict_fill(struct req *r, const struct site *st,
    const struct site *mine)
{
	struct edit_field	 f[SITE_EDIT_FIELDS];
	struct site_text	 a, b;

	site_fields_of(st, mine, r, f, &a, &b);
	edit_conflict(r, f, SITE_EDIT_FIELDS, st->version);
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
		status = db_http_status(rc);
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
		return db_http_status(rc);
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


/*
 * configure_services.c: the services pages of havre-appointments
 * (permission appointments.configure): code, duration, whether a
 * document is needed, names and documents to bring per language (with
 * their short forms for SMS, line by line), and the levels and channels
 * that offer the service. A service edit is a
 * versioned edit (common/edit.c); every change runs in one transaction
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

#define NLANGS		5
#define DOCS_MAX	2000	/* code points of a documents list */

/* Languages of service names and documents to bring. */
static const char *const svc_langs[NLANGS] = {"en", "fr", "ar", "es", "ht"};

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
	{"short_en", FIELD_TEXT, 0, 0, DOCS_MAX, NULL},
	{"short_fr", FIELD_TEXT, 0, 0, DOCS_MAX, NULL},
	{"short_ar", FIELD_TEXT, 0, 0, DOCS_MAX, NULL},
	{"short_es", FIELD_TEXT, 0, 0, DOCS_MAX, NULL},
	{"short_ht", FIELD_TEXT, 0, 0, DOCS_MAX, NULL},
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
	/* line N: the SMS short form of document N ("": as written) */
	char		 shorts[NLANGS][DOCS_MAX * 4 + 1];
};


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
		snprintf(s->shorts[i], sizeof(s->shorts[i]), "%s",
		    db_col_text(st, 3));
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

/*
 * Normalise a list of lines in place: "\n" line ends, each line trimmed
 * of spaces and tabs, no blank line at the end; other blank lines are
 * dropped (a documents list), or kept when keep_blank (short forms:
 * line N stays the short form of document N).
 */
static void
lines_normalise(char *s, int keep_blank)
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
		if (len > 0 || keep_blank) {
			memmove(w, line, len);
			w += len;
			if (*end != '\0')
				*w++ = '\n';
		}
		if (*end == '\r' && end[1] == '\n')
			end++;
		if (*end == '\0')
			break;
		line = end + 1;
	}
	while (w > s && w[-1] == '\n')
		w--;
	*w = '\0';
}

/* Lines of s (a last line without "\n" counts; "" has none). */
static size_t
line_count(const char *s)
{
	size_t	 n = *s != '\0';

	for (; *s != '\0'; s++)
		if (*s == '\n')
			n++;
	return n;
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
		lines_normalise(s->docs[i], 0);
		snprintf(name, sizeof(name), "short_%s", svc_langs[i]);
		snprintf(s->shorts[i], sizeof(s->shorts[i]), "%s",
		    form_str(r, name));
		lines_normalise(s->shorts[i], 1);
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
	page_set(r, "Form.needs_document.Value", conf_flag(s->needs_document));
	page_set(r, "Form.active.Value", conf_flag(s->active));
	page_set_int(r, "Form.version.Value", s->version);
	for (i = 0; i < NLANGS; i++) {
		snprintf(node, sizeof(node), "Form.name_%s.Value",
		    svc_langs[i]);
		page_set(r, node, s->name[i]);
		snprintf(node, sizeof(node), "Form.docs_%s.Value",
		    svc_langs[i]);
		page_set(r, node, s->docs[i]);
		snprintf(node, sizeof(node), "Form.short_%s.Value",
		    svc_langs[i]);
		page_set(r, node, s->shorts[i]);
	}
	for (i = 0; i < NLEVELS; i++)
		for (c = 0; c < CH__MAX; c++) {
			offer_field(i, c, name);
			snprintf(node, sizeof(node), "Form.%s.Value", name);
			page_set(r, node, conf_flag(s->offers &
			    (1u << (i * CH__MAX + c))));
		}
}

/*
 * The service form's page data: ApptConf.Langs.N.{Code,Name,NameField,
 * DocsField,ShortField} and the offer grid ApptConf.Offer.Levels.N.{Label,
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
		snprintf(node, sizeof(node), "ApptConf.Langs.%d.ShortField",
		    i);
		snprintf(field, sizeof(field), "short_%s", svc_langs[i]);
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
 * characters, the English name, no more short forms than documents.
 * Returns the error count. */
static size_t
service_form_check(struct req *r)
{
	char	 docs[40], shorts[40], *d, *sh;
	int	 i;

	for (i = 0; i < NLANGS; i++) {
		snprintf(docs, sizeof(docs), "docs_%s", svc_langs[i]);
		snprintf(shorts, sizeof(shorts), "short_%s", svc_langs[i]);
		if (!form_get(r, docs)->valid || !form_get(r, shorts)->valid)
			continue;
		d = strdup(form_str(r, docs));
		sh = strdup(form_str(r, shorts));
		if (d != NULL && sh != NULL) {
			lines_normalise(d, 0);
			lines_normalise(sh, 1);
			if (line_count(sh) > line_count(d))
				form_set_error(r, shorts,
				    "Appt.Error.ShortTooMany");
		}
		free(d);
		free(sh);
	}
	if (form_get(r, "code")->valid && form_get(r, "code")->present &&
	    !conf_code_ok(form_str(r, "code")))
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
			db_bind_text(st, 4, s->shorts[i]);
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
static const char *const short_audit[NLANGS] = {
	"documents_short_en", "documents_short_fr", "documents_short_ar",
	"documents_short_es", "documents_short_ht",
};

/* Text forms of a service's numbers for the audit trail. */
struct service_text {
	char	 duration[24];
	char	 needs_document[2];
	char	 active[2];
	char	 offers[400];
	char	 labels[3 * NLANGS][300];	/* conflict table only */
};

/* Fill t from s. */
static void
service_text(const struct service *s, struct service_text *t)
{
	snprintf(t->duration, sizeof(t->duration), "%lld",
	    (long long)s->duration);
	snprintf(t->needs_document, sizeof(t->needs_document), "%s",
	    conf_flag(s->needs_document));
	snprintf(t->active, sizeof(t->active), "%s", conf_flag(s->active));
	offers_text(s->offers, t->offers, sizeof(t->offers));
}

#define SERVICE_EDIT_FIELDS	(5 + 3 * NLANGS)

/*
 * The fields of a service edit, stored (o; NULL on a creation) against
 * submitted (w), into f: as the audit trail records them when r is
 * NULL, else as the agent reads them (labels in the page's language,
 * "Name in French", yes/no for flags). ot and nt hold the numbers'
 * texts and, with r, the composed labels.
 */
static void
service_fields_of(const struct service *o, const struct service *w,
    struct req *r, struct edit_field f[SERVICE_EDIT_FIELDS],
    struct service_text *ot, struct service_text *nt)
{
	static const char *const keys[5] = {"Appt.Services.Code",
	    "Appt.Services.Duration", "Appt.Services.NeedsDocument",
	    "Appt.Services.Active", "Appt.Services.Offers"};
	char	key[48];
	int	i;

	if (o != NULL)
		service_text(o, ot);
	service_text(w, nt);
	f[0] = (struct edit_field){"code", NULL, o ? o->code : NULL, w->code};
	f[1] = (struct edit_field){"duration_minutes", NULL,
	    o ? ot->duration : NULL, nt->duration};
	f[2] = (struct edit_field){"needs_document", NULL,
	    o ? ot->needs_document : NULL, nt->needs_document};
	f[3] = (struct edit_field){"active", NULL, o ? ot->active : NULL,
	    nt->active};
	f[4] = (struct edit_field){"offers", NULL, o ? ot->offers : NULL,
	    nt->offers};
	for (i = 0; i < NLANGS; i++) {
		f[5 + 2 * i] = (struct edit_field){name_audit[i], NULL,
		    o ? o->name[i] : NULL, w->name[i]};
		f[6 + 2 * i] = (struct edit_field){docs_audit[i], NULL,
		    o ? o->docs[i] : NULL, w->docs[i]};
		f[5 + 2 * NLANGS + i] = (struct edit_field){short_audit[i],
		    NULL, o ? o->shorts[i] : NULL, w->shorts[i]};
		/* A creation records a language's documents only with its
		 * name (as before: the name says the language is offered). */
		if (o == NULL && w->name[i][0] == '\0') {
			f[6 + 2 * i].mine = "";
			f[5 + 2 * NLANGS + i].mine = "";
		}
	}
	if (r == NULL)
		return;
	for (i = 0; i < 5; i++)
		f[i].label = tpl_text(r->hdf, keys[i]);
	f[2].stored = o ? conf_yes_no(r, o->needs_document) : NULL;
	f[2].mine = conf_yes_no(r, w->needs_document);
	f[3].stored = o ? conf_yes_no(r, o->active) : NULL;
	f[3].mine = conf_yes_no(r, w->active);
	for (i = 0; i < NLANGS; i++) {
		snprintf(key, sizeof(key), "Appt.LangName.%s", svc_langs[i]);
		snprintf(ot->labels[2 * i], sizeof(ot->labels[0]), "%s %s",
		    tpl_text(r->hdf, "Appt.Services.NameIn"),
		    tpl_text(r->hdf, key));
		snprintf(ot->labels[2 * i + 1], sizeof(ot->labels[0]), "%s %s",
		    tpl_text(r->hdf, "Appt.Services.DocumentsIn"),
		    tpl_text(r->hdf, key));
		snprintf(ot->labels[2 * NLANGS + i], sizeof(ot->labels[0]),
		    "%s %s", tpl_text(r->hdf, "Appt.Services.ShortIn"),
		    tpl_text(r->hdf, key));
		f[5 + 2 * i].label = ot->labels[2 * i];
		f[6 + 2 * i].label = ot->labels[2 * i + 1];
		f[5 + 2 * NLANGS + i].label = ot->labels[2 * NLANGS + i];
	}
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
	struct edit_field	 f[SERVICE_EDIT_FIELDS];
	struct service_text	 ot, nt;
	struct db_stmt		*st;
	enum db_rc		 rc;

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
	if ((rc = edit_save(st, o == NULL, &c->id, &c->conflict)) != DB_OK ||
	    c->conflict)
		return rc;
	c->found = 1;
	if ((rc = service_children_write(db, c->id, w)) != DB_OK)
		return rc;
	service_fields_of(o, w, NULL, f, &ot, &nt);
	return edit_audit(c->r, "service", c->id, o ? "update" : "create", f,
	    SERVICE_EDIT_FIELDS, NULL);
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
		return db_http_status(db_last_rc(r->db));
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
		page_set(r, node, conf_yes_no(r, db_col_int(st, 4) != 0));
		snprintf(node, sizeof(node), "ApptConf.Services.%zu.Active", n);
		page_set(r, node, conf_yes_no(r, db_col_int(st, 5) != 0));
		snprintf(node, sizeof(node), "ApptConf.Services.%zu.Offers", n);
		page_set_int(r, node, db_col_int(st, 6));
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
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
	struct edit_field	 f[SERVICE_EDIT_FIELDS];
	struct service_text	*a, *b;

	/* Two texts of ~3 KB: not on the stack of a page handler. */
	if ((a = calloc(2, sizeof(*a))) == NULL)
		return;
	b = a + 1;
	service_fields_of(st, mine, r, f, a, b);
	edit_conflict(r, f, SERVICE_EDIT_FIELDS, st->version);
	free(a);
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
		status = db_http_status(rc);
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
		status = rc == DB_OK ? 404 : db_http_status(rc);
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


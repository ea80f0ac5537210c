/*
 * export.c: the subject-access export (GDPR art. 15; issue 20 item 1).
 * For one person, everything Havre holds about them across every
 * workflow: the identity record and its history, documents, photo,
 * phones, family links, appointments and visits, SMS, case files with
 * their events, decisions, documents and notes, the services and
 * partners their case files were sent to, civil-status acts, issued
 * documents, and who read their record or case files. Records merged
 * into the person are included (their rows name their person id).
 *
 * One builder (export_build) makes the whole export as a JSON value;
 * the JSON route answers it as it is, the page route shows the same
 * value as tables headed in the person's language and the agency's.
 *
 * What the law lets the agency withhold is data (migration 0053,
 * subject_access_withhold): a category (a section's name) withheld
 * 'always', or only for entries of case files still open ('pending').
 * Withheld entries are not shown, and the export says how many were
 * withheld, from which section, and on what legal basis.
 *
 * Producing an export is itself recorded: an access event (reason
 * subject_access) and an audit event (person, export) naming the
 * format.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "app.h"
#include "audit.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "htime.h"
#include "identity.h"
#include "jsonresp.h"
#include "log.h"
#include "tpl.h"

/* The most rows a section holds (each statement's LIMIT): a section
 * that reaches it is marked truncated, never silently cut. */
#define EXPORT_ROWS_MAX	20000

/* How a column's text becomes a JSON value. */
enum ex_kind {
	EX_TEXT,	/* a string */
	EX_INT,		/* an integer */
	EX_JSON,	/* JSON text (audit changes): the value it holds */
	EX_NOTE,	/* a sealed note: its opened text */
};

struct ex_col {
	const char	*name;
	enum ex_kind	 kind;
};

/* A section: its name (the JSON key, the withholding category, the
 * language key SubjectAccess.Section.<name>), its statement, its
 * columns (after the statement's pending flag). */
struct ex_section {
	const char		*name;
	enum identity_sql	 sql;
	const struct ex_col	*cols;
};

static const struct ex_col cols_person[] = {
	{"person_id", EX_INT}, {"family_name", EX_TEXT},
	{"given_names", EX_TEXT}, {"family_name_latin", EX_TEXT},
	{"given_names_latin", EX_TEXT}, {"sex", EX_TEXT},
	{"birth_precision", EX_TEXT}, {"birth_date", EX_TEXT},
	{"birth_place", EX_TEXT}, {"nationality", EX_TEXT},
	{"father_name", EX_TEXT}, {"mother_name", EX_TEXT},
	{"death_date", EX_TEXT}, {"status", EX_TEXT},
	{"merged_into", EX_INT}, {"source", EX_TEXT}, {"source_id", EX_TEXT},
	{"created_at", EX_TEXT}, {"updated_at", EX_TEXT}, {NULL, EX_TEXT},
};
static const struct ex_col cols_history[] = {
	{"seq", EX_INT}, {"person_id", EX_TEXT}, {"at", EX_TEXT},
	{"actor", EX_TEXT}, {"action", EX_TEXT}, {"changes", EX_JSON},
	{NULL, EX_TEXT},
};
static const struct ex_col cols_documents[] = {
	{"person_id", EX_INT}, {"doc_type", EX_TEXT}, {"number", EX_TEXT},
	{"issuing_country", EX_TEXT}, {"issued", EX_TEXT},
	{"expiry", EX_TEXT}, {"mrz", EX_TEXT}, {"created_at", EX_TEXT},
	{NULL, EX_TEXT},
};
static const struct ex_col cols_photo[] = {
	{"person_id", EX_INT}, {"mime", EX_TEXT}, {"size", EX_INT},
	{"created_at", EX_TEXT}, {NULL, EX_TEXT},
};
static const struct ex_col cols_contacts[] = {
	{"person_id", EX_INT}, {"kind", EX_TEXT}, {"value", EX_TEXT},
	{"created_at", EX_TEXT}, {NULL, EX_TEXT},
};
static const struct ex_col cols_family[] = {
	{"person_id", EX_INT}, {"relation", EX_TEXT},
	{"relative_id", EX_INT}, {"family_name", EX_TEXT},
	{"given_names", EX_TEXT}, {"created_at", EX_TEXT}, {NULL, EX_TEXT},
};
static const struct ex_col cols_appointments[] = {
	{"reference", EX_TEXT}, {"channel", EX_TEXT}, {"site", EX_TEXT},
	{"service", EX_TEXT}, {"start", EX_TEXT}, {"status", EX_TEXT},
	{"family_name", EX_TEXT}, {"given_names", EX_TEXT},
	{"phone", EX_TEXT}, {"document_number", EX_TEXT}, {"lang", EX_TEXT},
	{"notes", EX_TEXT}, {"created_at", EX_TEXT},
	{"cancelled_at", EX_TEXT}, {"anonymised_at", EX_TEXT},
	{NULL, EX_TEXT},
};
static const struct ex_col cols_visits[] = {
	{"reference", EX_TEXT}, {"kind", EX_TEXT}, {"outcome", EX_TEXT},
	{"at", EX_TEXT}, {NULL, EX_TEXT},
};
static const struct ex_col cols_sms[] = {
	{"created_at", EX_TEXT}, {"channel", EX_TEXT}, {"to", EX_TEXT},
	{"lang", EX_TEXT}, {"event", EX_TEXT}, {"status", EX_TEXT},
	{"text", EX_TEXT}, {"sent_at", EX_TEXT}, {"delivered_at", EX_TEXT},
	{NULL, EX_TEXT},
};
static const struct ex_col cols_dossiers[] = {
	{"person_id", EX_INT}, {"reference", EX_TEXT},
	{"procedure", EX_TEXT}, {"status", EX_TEXT}, {"role", EX_TEXT},
	{"relation", EX_TEXT}, {"lodged_on", EX_TEXT},
	{"decided_on", EX_TEXT}, {"closed", EX_INT}, {"sealed", EX_INT},
	{NULL, EX_TEXT},
};
static const struct ex_col cols_dossier_events[] = {
	{"reference", EX_TEXT}, {"at", EX_TEXT}, {"actor", EX_TEXT},
	{"kind", EX_TEXT}, {"from_status", EX_TEXT},
	{"to_status", EX_TEXT}, {"detail", EX_TEXT}, {NULL, EX_TEXT},
};
static const struct ex_col cols_decisions[] = {
	{"reference", EX_TEXT}, {"outcome", EX_TEXT}, {"final", EX_INT},
	{"text", EX_TEXT}, {"actor", EX_TEXT}, {"created_at", EX_TEXT},
	{NULL, EX_TEXT},
};
static const struct ex_col cols_dossier_documents[] = {
	{"reference", EX_TEXT}, {"title", EX_TEXT}, {"filename", EX_TEXT},
	{"created_at", EX_TEXT}, {NULL, EX_TEXT},
};
static const struct ex_col cols_notes[] = {
	{"reference", EX_TEXT}, {"actor", EX_TEXT}, {"created_at", EX_TEXT},
	{"text", EX_NOTE}, {NULL, EX_TEXT},
};
static const struct ex_col cols_exchanges[] = {
	{"reference", EX_TEXT}, {"type", EX_TEXT},
	{"recipient_kind", EX_TEXT}, {"recipient", EX_TEXT},
	{"legal_basis", EX_TEXT}, {"question", EX_TEXT},
	{"sent_at", EX_TEXT}, {"actor", EX_TEXT}, {"due_on", EX_TEXT},
	{"status", EX_TEXT}, {"answered_at", EX_TEXT}, {"answer", EX_TEXT},
	{NULL, EX_TEXT},
};
static const struct ex_col cols_civil_acts[] = {
	{"person_id", EX_INT}, {"kind", EX_TEXT}, {"status", EX_TEXT},
	{"act_version", EX_INT}, {"requested_at", EX_TEXT},
	{"established_at", EX_TEXT}, {"reference", EX_TEXT},
	{NULL, EX_TEXT},
};
static const struct ex_col cols_issued[] = {
	{"person_id", EX_INT}, {"serial", EX_TEXT}, {"doc_type", EX_TEXT},
	{"lang", EX_TEXT}, {"issued_at", EX_TEXT}, {"valid_until", EX_TEXT},
	{"revoked_at", EX_TEXT}, {"revoke_reason", EX_TEXT},
	{NULL, EX_TEXT},
};
static const struct ex_col cols_access[] = {
	{"at", EX_TEXT}, {"actor", EX_TEXT}, {"entity", EX_TEXT},
	{"entity_id", EX_TEXT}, {"reason", EX_TEXT}, {NULL, EX_TEXT},
};

/* The sections, in the order the export lists them. */
static const struct ex_section sections[] = {
	{"person", ISQL_EX_PERSON, cols_person},
	{"record_history", ISQL_EX_HISTORY, cols_history},
	{"documents", ISQL_EX_DOCUMENTS, cols_documents},
	{"photo", ISQL_EX_PHOTO, cols_photo},
	{"contacts", ISQL_EX_CONTACTS, cols_contacts},
	{"family", ISQL_EX_FAMILY, cols_family},
	{"appointments", ISQL_EX_APPOINTMENTS, cols_appointments},
	{"visits", ISQL_EX_VISITS, cols_visits},
	{"sms", ISQL_EX_SMS, cols_sms},
	{"dossiers", ISQL_EX_DOSSIERS, cols_dossiers},
	{"dossier_events", ISQL_EX_DOSSIER_EVENTS, cols_dossier_events},
	{"decisions", ISQL_EX_DECISIONS, cols_decisions},
	{"dossier_documents", ISQL_EX_DOSSIER_DOCUMENTS,
	    cols_dossier_documents},
	{"dossier_notes", ISQL_EX_NOTES, cols_notes},
	{"recipients", ISQL_EX_EXCHANGES, cols_exchanges},
	{"civil_acts", ISQL_EX_CIVIL_ACTS, cols_civil_acts},
	{"issued_documents", ISQL_EX_ISSUED, cols_issued},
	{"access_log", ISQL_EX_ACCESS, cols_access},
};
#define NSECTIONS	(sizeof(sections) / sizeof(sections[0]))

/* GET /identity/persons/{id}/export?lang= (the person's language when
 * the record does not tell it) */
static const char *const export_langs[] = {"en", "fr", "ar", "es", "ht",
	NULL};
const struct field_spec export_fields[] = {
	{"lang", FIELD_ENUM, 0, 0, 0, export_langs},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The withholding rules in force. */
#define WITHHOLD_MAX	32
struct withhold {
	char	category[33];
	int	always;		/* else only entries of open case files */
	char	source[401];
};

/*
 * Read the withholding rules into w (at most WITHHOLD_MAX), *n set.
 * Returns DB_OK or the error.
 */
static enum db_rc
withhold_load(struct db *db, struct withhold *w, size_t *n)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	*n = 0;
	if ((st = db_stmt(db, ISQL_EX_WITHHOLD)) == NULL)
		return db_last_rc(db);
	while ((rc = db_step(st)) == DB_ROW)
		if (*n < WITHHOLD_MAX) {
			snprintf(w[*n].category, sizeof(w[*n].category), "%s",
			    db_col_text(st, 0));
			w[*n].always = strcmp(db_col_text(st, 1), "always") == 0;
			snprintf(w[*n].source, sizeof(w[*n].source), "%s",
			    db_col_text(st, 2));
			(*n)++;
		}
	return rc;
}

/*
 * The opened text of a sealed note (secretbox: nonce || box) as a new
 * JSON string, or JSON null when it does not open (logged).
 */
static json_t *
note_open(const unsigned char *body, size_t len, const unsigned char *key)
{
	unsigned char	*plain;
	json_t		*j;

	if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES ||
	    (plain = malloc(len)) == NULL)
		return json_null();
	if (crypto_secretbox_open_easy(plain, body + crypto_secretbox_NONCEBYTES,
	    len - crypto_secretbox_NONCEBYTES, body, key) != 0) {
		log_err("subject-access export: a note does not open");
		free(plain);
		return json_null();
	}
	plain[len - crypto_secretbox_NONCEBYTES -
	    crypto_secretbox_MACBYTES] = '\0';
	j = json_string((const char *)plain);
	sodium_memzero(plain, len);
	free(plain);
	return j != NULL ? j : json_null();
}

/* Column i (the statement's i + 1) of the current row as a new JSON
 * value of its kind; SQL NULL is JSON null. */
static json_t *
col_value(struct db_stmt *st, size_t i, enum ex_kind kind,
    const unsigned char *notekey)
{
	json_t	*j;

	if (db_col_null(st, i + 1))
		return json_null();
	switch (kind) {
	case EX_INT:
		return json_integer(db_col_int(st, i + 1));
	case EX_JSON:
		if ((j = json_loads(db_col_text(st, i + 1), 0, NULL)) != NULL)
			return j;
		break;
	case EX_NOTE:
		if (notekey == NULL)	/* no key here: listed, unopened */
			return json_null();
		return note_open((const unsigned char *)db_col_text(st, i + 1),
		    db_col_len(st, i + 1), notekey);
	case EX_TEXT:
		break;
	}
	return json_stringn(db_col_text(st, i + 1), db_col_len(st, i + 1));
}

/*
 * Run section s for person id into a new array *rows; entries it must
 * withhold (rule w, or none) are counted in *withheld, not added.
 * Sets *truncated when the section reached EXPORT_ROWS_MAX. Returns
 * DB_OK or the error (*rows NULL).
 */
static enum db_rc
section_run(struct req *r, const struct ex_section *s, int64_t id,
    const struct withhold *w, const unsigned char *notekey, json_t **rows,
    size_t *withheld, int *truncated)
{
	struct db_stmt	*st;
	json_t		*row;
	enum db_rc	 rc;
	size_t		 i, n = 0;

	*withheld = 0;
	*truncated = 0;
	if ((*rows = json_array()) == NULL)
		return DB_ERROR;
	if ((st = db_stmt(r->db, s->sql)) == NULL) {
		json_decref(*rows);
		*rows = NULL;
		return db_last_rc(r->db);
	}
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		n++;
		if (w != NULL && (w->always || db_col_int(st, 0) != 0)) {
			(*withheld)++;
			continue;
		}
		if ((row = json_object()) == NULL) {
			db_reset(st);
			rc = DB_ERROR;
			break;
		}
		for (i = 0; s->cols[i].name != NULL; i++)
			json_object_set_new(row, s->cols[i].name,
			    col_value(st, i, s->cols[i].kind, notekey));
		json_array_append_new(*rows, row);
	}
	if (rc != DB_OK) {
		json_decref(*rows);
		*rows = NULL;
		return rc;
	}
	*truncated = n >= EXPORT_ROWS_MAX;
	return DB_OK;
}

/*
 * The whole export of person id as a new JSON object in *out:
 * {person_id, generated_at, generated_by, times (UTC), sections: {name: [rows]},
 * withheld: [{category, count, legal_source}], truncated: [names]}.
 * Returns DB_OK or the error (*out NULL).
 */
static enum db_rc
export_build(struct req *r, int64_t id, json_t **out)
{
	struct withhold	 w[WITHHOLD_MAX];
	const struct withhold *rule;
	struct actor	 who;
	unsigned char	 notekey[crypto_secretbox_KEYBYTES];
	char		 when[32];
	json_t		*all, *secs, *held, *cut, *rows, *h;
	enum db_rc	 rc;
	size_t		 nw, i, k, count;
	int		 truncated, havekey;

	*out = NULL;
	if ((rc = withhold_load(r->db, w, &nw)) != DB_OK)
		return rc;
	/* Without the notes' key the notes are still listed, unopened. */
	havekey = key_file_get(r->conf, "notes", notekey,
	    sizeof(notekey)) == 0;
	if (!havekey)
		memset(notekey, 0, sizeof(notekey));
	actor_of(r, &who);
	all = json_object();
	secs = json_object();
	held = json_array();
	cut = json_array();
	if (all == NULL || secs == NULL || held == NULL || cut == NULL) {
		rc = DB_ERROR;
		goto out;
	}
	json_object_set_new(all, "person_id", json_integer(id));
	json_object_set_new(all, "generated_by", json_string(who.name));
	json_object_set_new(all, "times", json_string("UTC"));
	time_format_zone(time(NULL), "UTC", "%Y-%m-%d %H:%M:%S", when,
	    sizeof(when));
	json_object_set_new(all, "generated_at", json_string(when));
	for (i = 0; i < NSECTIONS; i++) {
		rule = NULL;
		for (k = 0; k < nw; k++)
			if (strcmp(w[k].category, sections[i].name) == 0)
				rule = &w[k];
		rc = section_run(r, &sections[i], id, rule,
		    havekey ? notekey : NULL, &rows, &count, &truncated);
		if (rc != DB_OK)
			goto out;
		json_object_set_new(secs, sections[i].name, rows);
		if (count > 0 && (h = json_object()) != NULL) {
			json_object_set_new(h, "category",
			    json_string(sections[i].name));
			json_object_set_new(h, "count",
			    json_integer((json_int_t)count));
			json_object_set_new(h, "legal_source",
			    json_string(rule->source));
			json_array_append_new(held, h);
		}
		if (truncated)
			json_array_append_new(cut,
			    json_string(sections[i].name));
	}
	json_object_set_new(all, "sections", secs);
	json_object_set_new(all, "withheld", held);
	json_object_set_new(all, "truncated", cut);
	secs = held = cut = NULL;
	*out = all;
	all = NULL;
	rc = DB_OK;
out:
	sodium_memzero(notekey, sizeof(notekey));
	json_decref(secs);
	json_decref(held);
	json_decref(cut);
	json_decref(all);
	return rc;
}

/* What export_txn records. */
struct export_ctx {
	struct req	*r;
	const char	*idtext;
	const char	*format;
};

/* The export's audit event (person, export) with its format. */
static enum db_rc
export_txn(struct db *db, void *arg)
{
	struct export_ctx	*c = arg;
	struct audit_change	 ch = {"format", NULL, c->format};

	(void)db;
	return audit_req(c->r, "person", c->idtext, "export", &ch, 1);
}

/*
 * Check the person exists and record the export (access event with
 * reason subject_access, audit event). Returns 0 to go on, or the
 * status to answer (404 unknown person, 5xx database).
 */
static int
export_record(struct req *r, int64_t id, const char *format)
{
	struct person		*p;
	struct export_ctx	 c;
	enum db_rc		 rc;
	char			 idtext[24];

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return 500;
	rc = person_load(r->db, id, p);
	free(p);
	if (rc != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if ((rc = access_write(r, "person", idtext, "subject_access")) !=
	    DB_OK)
		return db_http_status(rc);
	c.r = r;
	c.idtext = idtext;
	c.format = format;
	if ((rc = db_txn(r->db, export_txn, &c)) != DB_OK)
		return db_http_status(rc);
	return 0;
}

/*
 * GET /identity/persons/{id}/export.json (dataprotection.export): the
 * export as JSON (export_build's object), as an attachment. 404 for an
 * unknown person.
 */
int
page_export_json(struct req *r)
{
	json_t	*j;
	enum db_rc rc;
	int64_t	 id = req_param_int(r, "id");
	int	 status;
	char	 disp[96];

	if ((status = export_record(r, id, "json")) != 0)
		return jsonresp_error(r, status, status == 404 ? "not_found" :
		    status == 503 ? "unavailable" : "internal");
	if ((rc = export_build(r, id, &j)) != DB_OK)
		return jsonresp_db_fail(r, rc);
	snprintf(disp, sizeof(disp),
	    "attachment; filename=\"subject-access-%lld.json\"", (long long)id);
	resp_header(r, "Content-Disposition", disp);
	return jsonresp_value(r, 200, j);
}

/* Page keys copied per language (SubjectAccess.<key>). */
static const char *const page_keys[] = {"Title", "Intro", "Withheld",
	"WithheldNone", "Truncated", "Times", "Count", NULL};

/* node.i.{Lang, Dir, Text}: one heading in language lang. */
static void
heading_set(struct req *r, const char *base, size_t i, const char *lang,
    const char *text)
{
	char	 node[128];

	snprintf(node, sizeof(node), "%s.%zu.Lang", base, i);
	page_set(r, node, lang);
	snprintf(node, sizeof(node), "%s.%zu.Dir", base, i);
	page_set(r, node, tpl_lang_rtl(lang) ? "rtl" : "ltr");
	snprintf(node, sizeof(node), "%s.%zu.Text", base, i);
	page_set(r, node, text);
}

/*
 * One language's texts: Export.Langs.i.{Lang, Dir, T.<key>} and, per
 * section and column, the heading in that language
 * (Export.Sections.N.T.i, Export.Sections.N.Cols.K.T.i).
 */
static void
lang_texts(struct req *r, size_t i, const char *lang)
{
	HDF	*h = NULL;
	char	 node[96], key[96];
	size_t	 k, s, c;

	if (hdf_init(&h) != STATUS_OK || h == NULL)
		return;
	if (hdf_set_value(h, "Page.Lang", lang) != STATUS_OK)
		goto out;
	snprintf(node, sizeof(node), "Export.Langs.%zu.Lang", i);
	page_set(r, node, lang);
	snprintf(node, sizeof(node), "Export.Langs.%zu.Dir", i);
	page_set(r, node, tpl_lang_rtl(lang) ? "rtl" : "ltr");
	for (k = 0; page_keys[k] != NULL; k++) {
		snprintf(key, sizeof(key), "SubjectAccess.%s", page_keys[k]);
		snprintf(node, sizeof(node), "Export.Langs.%zu.T.%s", i,
		    page_keys[k]);
		page_set(r, node, tpl_text(h, key));
	}
	for (s = 0; s < NSECTIONS; s++) {
		snprintf(key, sizeof(key), "SubjectAccess.Section.%s",
		    sections[s].name);
		snprintf(node, sizeof(node), "Export.Sections.%zu.T", s);
		heading_set(r, node, i, lang, tpl_text(h, key));
		for (c = 0; sections[s].cols[c].name != NULL; c++) {
			snprintf(key, sizeof(key), "SubjectAccess.Col.%s",
			    sections[s].cols[c].name);
			snprintf(node, sizeof(node),
			    "Export.Sections.%zu.Cols.%zu.T", s, c);
			heading_set(r, node, i, lang, tpl_text(h, key));
		}
	}
out:
	hdf_destroy(&h);
}

/* The text a cell shows for JSON value v: a string as it is, anything
 * else written into buf (bufsz bytes). */
static const char *
cell_text(json_t *v, char *buf, size_t bufsz)
{
	char	*dump;

	buf[0] = '\0';
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		snprintf(buf, bufsz, "%lld", (long long)json_integer_value(v));
	else if (v != NULL && !json_is_null(v) &&
	    (dump = json_dumps(v, JSON_COMPACT)) != NULL) {
		snprintf(buf, bufsz, "%s", dump);
		free(dump);
	}
	return buf;
}

/*
 * GET /identity/persons/{id}/export (dataprotection.export; ?lang=):
 * the export as a printable page: its explanation in the person's
 * language (?lang=, else the language of their latest appointment,
 * else the agency's) and in the agency's (DataProtection.
 * AgencyLanguage, else Registration.AgencyLanguage, else fr), then one
 * table per section headed in both (Export.Sections.N.{Name, Count,
 * T.L, Cols.K.T.L, Rows.M.Cells.K}), what was withheld
 * (Export.Withheld.N.{T.L, Count, Source}). 404 for an unknown
 * person. Template identity/export.cs.
 */
int
page_export(struct req *r)
{
	json_t		*j = NULL, *secs, *rows, *row, *appts, *v;
	enum db_rc	 rc;
	const char	*agency, *mine, *asked = form_str(r, "lang");
	const char	*alang = NULL, *hv;
	int64_t		 id = req_param_int(r, "id");
	char		 node[128], text[4096];
	size_t		 s, m, c, idx;
	int		 status;

	if ((status = export_record(r, id, "page")) != 0)
		return status;
	if ((rc = export_build(r, id, &j)) != DB_OK)
		return db_http_status(rc);
	secs = json_object_get(j, "sections");
	appts = json_object_get(secs, "appointments");
	if (json_array_size(appts) > 0 && (v = json_object_get(
	    json_array_get(appts, 0), "lang")) != NULL && json_is_string(v))
		alang = json_string_value(v);
	agency = r->conf ? conf_get(r->conf, "DataProtection.AgencyLanguage",
	    conf_get(r->conf, "Registration.AgencyLanguage", "fr")) : "fr";
	if (!tpl_lang_ok(agency))
		agency = r->conf && r->conf->default_lang ?
		    r->conf->default_lang : "en";
	mine = asked[0] != '\0' && tpl_lang_ok(asked) ? asked :
	    alang != NULL && tpl_lang_ok(alang) ? alang : agency;
	lang_texts(r, 0, mine);
	if (strcmp(mine, agency) != 0)
		lang_texts(r, 1, agency);
	page_set(r, "Page.Title", tpl_text(r->hdf, "SubjectAccess.Title"));
	page_set_int(r, "Export.PersonId", id);
	page_set(r, "Export.By", json_string_value(json_object_get(j,
	    "generated_by")));
	for (s = 0; s < NSECTIONS; s++) {
		rows = json_object_get(secs, sections[s].name);
		snprintf(node, sizeof(node), "Export.Sections.%zu.Name", s);
		page_set(r, node, sections[s].name);
		snprintf(node, sizeof(node), "Export.Sections.%zu.Count", s);
		page_set_int(r, node, (long long)json_array_size(rows));
		json_array_foreach(rows, m, row) {
			for (c = 0; sections[s].cols[c].name != NULL; c++) {
				snprintf(node, sizeof(node),
				    "Export.Sections.%zu.Rows.%zu.Cells.%zu",
				    s, m, c);
				page_set(r, node, cell_text(json_object_get(row,
				    sections[s].cols[c].name), text,
				    sizeof(text)));
			}
		}
	}
	/* what was withheld, named by its section's headings */
	json_array_foreach(json_object_get(j, "withheld"), idx, v) {
		for (s = 0; s < NSECTIONS; s++)
			if (strcmp(sections[s].name, json_string_value(
			    json_object_get(v, "category"))) == 0)
				break;
		for (c = 0; s < NSECTIONS && c < 2; c++) {
			snprintf(node, sizeof(node),
			    "Export.Sections.%zu.T.%zu.Text", s, c);
			if ((hv = hdf_get_value(r->hdf, node, NULL)) == NULL)
				break;
			snprintf(node, sizeof(node), "Export.Withheld.%zu.T",
			    idx);
			heading_set(r, node, c, c == 0 ? mine : agency, hv);
		}
		snprintf(node, sizeof(node), "Export.Withheld.%zu.Count", idx);
		page_set_int(r, node, (long long)json_integer_value(
		    json_object_get(v, "count")));
		snprintf(node, sizeof(node), "Export.Withheld.%zu.Source", idx);
		page_set(r, node, json_string_value(json_object_get(v,
		    "legal_source")));
	}
	json_array_foreach(json_object_get(j, "truncated"), idx, v) {
		snprintf(node, sizeof(node), "Export.Truncated.%zu", idx);
		page_set(r, node, json_string_value(v));
	}
	json_decref(j);
	return 200;
}

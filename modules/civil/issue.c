/*
 * issue.c: documents issued from havre-civil (issue 17, item 4 and the
 * issuing side of item 6): a full copy or an extract of an established
 * act (types CN CM CD, EN EM ED), an attestation from a person's record
 * ("protected by the office", AP; "civil status being established",
 * AE; with a validity date), in the person's language and in French.
 * libcertify makes the serial, the signed payload, the QR code and the
 * PDF (certify_issue); this file picks the facts, stores the PDF in the
 * document store (use civil.issued) and the row in issued_document in
 * one transaction with its audit event, lists the documents of a person
 * and of an act, serves the PDF, and revokes (with a reason, after a
 * confirmation page) or re-issues (a new serial, the old one revoked
 * with replaced_by set).
 *
 * A form sent twice issues one document: every issue form carries a
 * random request key (32 hex characters, made when the form is shown),
 * stored unique with the document; a second send finds the first
 * document (or loses the race on the unique key) and goes to it. A
 * revocation sent twice finds the document revoked and changes nothing.
 *
 * The signing key: the newest key of signing_key valid now and not
 * retired; its secret is loaded once per worker (certify_signer_load)
 * and again only when the current key changes. No usable key: the
 * agent is told so (409), never a 5xx.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "audit.h"
#include "buf.h"
#include "certify.h"
#include "civil.h"
#include "crypto.h"
#include "delivery.h"
#include "htime.h"
#include "conf.h"
#include "log.h"
#include "session.h"
#include "tpl.h"
#include "verify.h"

/* A request key: 16 random bytes in hex. */
#define KEY_HEX		32
/* An attestation is valid at most this long (days from today): the
 * office renews it rather than issue one for the whole procedure. */
#define ATTEST_MAX_DAYS	730
/* Strings a layout owns (values and details built for it). */
#define LAYOUT_STRS	96
#define LAYOUT_FIELDS	40

/* The languages a document can be issued in (besides French, always
 * there); only those configured (tpl_lang_ok) are accepted. */
static const char *const lang_choices[] = {"fr", "en", "ar", "es", "ht",
	NULL};
static const char *const form_choices[] = {"copy", "extract", NULL};
static const char *const attest_choices[] = {"AP", "AE", NULL};

/* POST /civil/{id}/documents */
const struct field_spec issue_act_fields[] = {
	{"form", FIELD_ENUM, 1, 0, 0, form_choices},
	{"lang", FIELD_ENUM, 1, 0, 0, lang_choices},
	{"key", FIELD_STRING, 1, KEY_HEX, KEY_HEX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /civil/persons/{id}/documents */
const struct field_spec issue_person_fields[] = {
	{"type", FIELD_ENUM, 1, 0, 0, attest_choices},
	{"valid_until", FIELD_DATE, 1, 0, 0, NULL},
	{"lang", FIELD_ENUM, 1, 0, 0, lang_choices},
	{"key", FIELD_STRING, 1, KEY_HEX, KEY_HEX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /civil/documents/{doc}/revoke */
const struct field_spec revoke_fields[] = {
	{"reason", FIELD_TEXT, 1, 3, 500, NULL},
	{"reissue", FIELD_BOOL, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* This worker's signer, and whether it holds a key. */
static struct certify_signer	worker_signer;
static int			worker_signer_ok;

enum signer_rc {
	SIGNER_OK,
	SIGNER_NONE,	/* no key valid now */
	SIGNER_BROKEN,	/* its secret file is missing or wrong (logged) */
	SIGNER_DB,	/* the database failed */
};

/*
 * The signer of the current key into *out (this worker's copy, loaded
 * once per key). Returns SIGNER_OK, SIGNER_NONE, SIGNER_BROKEN, or
 * SIGNER_DB with *dbrc set.
 */
static enum signer_rc
signer_current(struct req *r, const struct certify_signer **out,
    enum db_rc *dbrc)
{
	struct certify_signer	 s;
	struct db_stmt		*st;
	const char		*why = NULL;
	char			 id[CERTIFY_KEYID_MAX + 1];
	unsigned char		 pk[CERTIFY_PK_LEN];
	time_t			 from = 0, until = 0;
	enum db_rc		 rc;
	int			 bad;

	*out = NULL;
	if ((st = db_stmt(r->db, CSQL_KEY_CURRENT)) == NULL) {
		*dbrc = db_last_rc(r->db);
		return SIGNER_DB;
	}
	if ((rc = db_step(st)) == DB_OK)
		return SIGNER_NONE;
	if (rc != DB_ROW) {
		*dbrc = rc;
		return SIGNER_DB;
	}
	snprintf(id, sizeof(id), "%s", db_col_text(st, 0));
	bad = db_col_len(st, 1) != CERTIFY_PK_LEN ||
	    time_parse_utc(db_col_text(st, 2), &from) != 0 ||
	    (db_col_len(st, 3) > 0 &&
	    time_parse_utc(db_col_text(st, 3), &until) != 0);
	if (!bad)
		memcpy(pk, db_col_text(st, 1), CERTIFY_PK_LEN);
	db_reset(st);
	if (bad) {
		log_err("civil: signing key %s: malformed row", id);
		return SIGNER_BROKEN;
	}
	if (worker_signer_ok && strcmp(worker_signer.pub.id, id) == 0 &&
	    memcmp(worker_signer.pub.pk, pk, CERTIFY_PK_LEN) == 0) {
		worker_signer.pub.valid_from = from;
		worker_signer.pub.valid_until = until;
		*out = &worker_signer;
		return SIGNER_OK;
	}
	certify_signer_clear(&worker_signer);
	worker_signer_ok = 0;
	if (certify_signer_load(r->conf->var, id, pk, &s, &why) != 0) {
		log_err("civil: signing key %s cannot sign: %s", id, why);
		certify_signer_clear(&s);
		return SIGNER_BROKEN;
	}
	s.pub.valid_from = from;
	s.pub.valid_until = until;
	worker_signer = s;
	certify_signer_clear(&s);
	worker_signer_ok = 1;
	log_info("civil: signing with key %s", id);
	*out = &worker_signer;
	return SIGNER_OK;
}

/* Why an issue did not happen. */
enum issue_rc {
	ISSUE_OK,
	ISSUE_SENT_BEFORE,	/* the request key's document exists: is->id */
	ISSUE_REVOKED_BEFORE,	/* re-issue: the old one was revoked since */
	ISSUE_NO_KEY,
	ISSUE_KEY_BROKEN,
	ISSUE_NOT_ESTABLISHED,
	ISSUE_NO_PERSON,
	ISSUE_LAYOUT,		/* a name too long, too much for a page */
	ISSUE_STORE,		/* the document store failed (logged) */
	ISSUE_DB,		/* is->dbrc */
};

/* What to issue, and what was made. */
struct issue {
	struct req		*r;
	enum certify_type	 type;
	int64_t			 person;
	int64_t			 act;		/* 0: an attestation */
	int			 act_version;
	char			 lang[8];
	char			 valid_until[11];	/* "" none */
	char			 key[KEY_HEX + 1];	/* "" none */
	int64_t			 replaces;	/* re-issue of this one */
	const char		*reason;	/* and why it is revoked */
	/* made */
	struct certify_doc	 doc;
	struct buf		 payload, pdf;
	struct files_meta	 meta;
	int64_t			 id;
	enum db_rc		 dbrc;
	int			 revoked_before;
	/* delivery (issue 17.6): the person's newest phone ("" none) and
	 * what the offer of the document by SMS gave */
	char			 phone[33];
	enum delivery_refusal	 offered;
};

/* A layout under construction and the strings it owns. */
struct lay {
	struct certify_layout	 l;
	struct certify_field	 f[LAYOUT_FIELDS];
	char			*s[LAYOUT_STRS];
	size_t			 ns;
	HDF			*fr, *loc;	/* loc NULL: French only */
};

/* Keep a copy of the printf result in lay; returns it or "" (memory). */
static const char *
lay_str(struct lay *y, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *
lay_str(struct lay *y, const char *fmt, ...)
{
	va_list	 ap;
	char	 tmp[4096], *p;

	if (y->ns == LAYOUT_STRS)
		return "";
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if ((p = strdup(tmp)) == NULL)
		return "";
	y->s[y->ns++] = p;
	return p;
}

/* Lang.<key> in French, and in the person's language (NULL for French
 * only). */
static const char *
t_fr(const struct lay *y, const char *key)
{
	return tpl_text(y->fr, key);
}

static const char *
t_loc(const struct lay *y, const char *key)
{
	return y->loc != NULL ? tpl_text(y->loc, key) : NULL;
}

/* Add a field whose labels are Lang.<key>; detail may be NULL. */
static void
lay_field(struct lay *y, const char *key, const char *value,
    const char *detail)
{
	struct certify_field	*f;

	if (y->l.nfields == LAYOUT_FIELDS || value == NULL || value[0] == '\0')
		return;
	f = &y->f[y->l.nfields++];
	f->label_fr = t_fr(y, key);
	f->label_local = t_loc(y, key);
	f->value = value;
	f->detail = detail;
}

/* A text in French and, below it, in the person's language. */
static const char *
lay_both(struct lay *y, const char *key)
{
	if (y->loc == NULL)
		return t_fr(y, key);
	return lay_str(y, "%s\n%s", t_fr(y, key), t_loc(y, key));
}

/* Start a layout in French and lang (languages prepared, title, issuer,
 * note). Returns 0 or -1 (memory). */
static int
lay_init(struct lay *y, const char *lang, enum certify_type type)
{
	char	key[48];

	memset(y, 0, sizeof(*y));
	if (hdf_init(&y->fr) != STATUS_OK || tpl_prepare(y->fr, "fr") != 0)
		return -1;
	if (strcmp(lang, "fr") != 0 && (hdf_init(&y->loc) != STATUS_OK ||
	    tpl_prepare(y->loc, lang) != 0))
		return -1;
	snprintf(key, sizeof(key), "CivilDoc.Type.%s",
	    certify_type_code(type));
	y->l.lang = lang;
	y->l.issuer = t_fr(y, "CivilDoc.Issuer");
	y->l.title_fr = t_fr(y, key);
	y->l.title_local = t_loc(y, key);
	y->l.note_fr = t_fr(y, "CivilDoc.Note");
	y->l.note_local = t_loc(y, "CivilDoc.Note");
	y->l.fields = y->f;
	return 0;
}

static void
lay_free(struct lay *y)
{
	size_t	i;

	for (i = 0; i < y->ns; i++)
		free(y->s[i]);
	if (y->fr != NULL)
		hdf_destroy(&y->fr);
	if (y->loc != NULL)
		hdf_destroy(&y->loc);
}

/* Copy a name into the payload's two forms: the original script when
 * a Latin form differs from it, else the Latin form only. */
static void
doc_name(char *orig, char *latin, const char *value, const char *lat)
{
	if (lat != NULL && lat[0] != '\0' && strcmp(lat, value) != 0) {
		snprintf(orig, CERTIFY_NAME_MAX + 1, "%s", value);
		snprintf(latin, CERTIFY_NAME_MAX + 1, "%s", lat);
	} else {
		orig[0] = '\0';
		snprintf(latin, CERTIFY_NAME_MAX + 1, "%s", value);
	}
}

/* Is s a payload birth date (YYYY-MM-DD, 00 for unknown parts)? */
static int
birth_ok(const char *s)
{
	size_t	i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* The person's facts: names, birth date, place and nationality. */
struct facts {
	char	family[801], given[801], family_latin[801], given_latin[801];
	char	birth[11], place[801], nationality[4];
};

/* Load person id's facts. DB_ROW, DB_OK (none, or merged) or failure. */
static enum db_rc
facts_load(struct db *db, int64_t id, struct facts *p)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	const char	*prec;

	memset(p, 0, sizeof(*p));
	if ((st = db_stmt(db, CSQL_PERSON_FACTS)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	snprintf(p->family, sizeof(p->family), "%s", db_col_text(st, 0));
	snprintf(p->given, sizeof(p->given), "%s", db_col_text(st, 1));
	snprintf(p->family_latin, sizeof(p->family_latin), "%s",
	    db_col_text(st, 2));
	snprintf(p->given_latin, sizeof(p->given_latin), "%s",
	    db_col_text(st, 3));
	prec = db_col_text(st, 7);
	if (strcmp(prec, "unknown") != 0)
		snprintf(p->birth, sizeof(p->birth), "%04d-%02d-%02d",
		    (int)db_col_int(st, 4), strcmp(prec, "year") == 0 ? 0 :
		    (int)db_col_int(st, 5), strcmp(prec, "day") == 0 ?
		    (int)db_col_int(st, 6) : 0);
	snprintf(p->nationality, sizeof(p->nationality), "%s",
	    db_col_text(st, 8));
	snprintf(p->place, sizeof(p->place), "%s", db_col_text(st, 9));
	db_reset(st);
	return DB_ROW;
}

/* "family, given" (either may be empty). */
static const char *
name_join(struct lay *y, const char *family, const char *given)
{
	if (family[0] == '\0' || given[0] == '\0')
		return lay_str(y, "%s%s", family, given);
	return lay_str(y, "%s, %s", family, given);
}

/*
 * The payload's names and birth date, and the page's fields, of an
 * attestation for the person's facts p.
 */
static void
attest_layout(struct issue *is, struct lay *y, const struct facts *p)
{
	char	key[48];

	doc_name(is->doc.family_name, is->doc.family_name_latin, p->family,
	    p->family_latin);
	doc_name(is->doc.given_names, is->doc.given_names_latin, p->given,
	    p->given_latin);
	if (birth_ok(p->birth))
		snprintf(is->doc.birth_date, sizeof(is->doc.birth_date), "%s",
		    p->birth);
	snprintf(key, sizeof(key), "CivilDoc.Text.%s",
	    certify_type_code(is->type));
	lay_field(y, "CivilDoc.Statement", lay_both(y, key), NULL);
	if (p->family_latin[0] != '\0' && (strcmp(p->family,
	    p->family_latin) != 0 || strcmp(p->given, p->given_latin) != 0))
		lay_field(y, "CivilDoc.NameWritten", name_join(y, p->family,
		    p->given), NULL);
	lay_field(y, "CivilDoc.NameLatin", p->family_latin[0] != '\0' ?
	    name_join(y, p->family_latin, p->given_latin) :
	    name_join(y, p->family, p->given), NULL);
	lay_field(y, "Civil.FieldName.birth_date", p->birth[0] != '\0' ?
	    p->birth : lay_both(y, "CivilDoc.Unknown"), NULL);
	lay_field(y, "Civil.FieldName.birth_place", p->place, NULL);
	lay_field(y, "CivilDoc.Nationality", p->nationality, NULL);
	lay_field(y, "CivilDoc.ValidUntil", is->valid_until, NULL);
}

/* A JSON member's string, or "". */
static const char *
jstr(json_t *o, const char *k)
{
	const char	*s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

/*
 * The payload's names and birth date, and the page's fields, of a copy
 * or an extract of act a, from its established version o (the JSON of
 * civil_act_version). A full copy shows each value's source and the
 * reason for the choice, and the marginal mentions; an extract shows
 * the values without the parents (an "extrait sans filiation"), their
 * sources or the mentions. Returns 0, or a status.
 */
static int
act_layout(struct issue *is, struct lay *y, const struct act *a, json_t *o,
    const char *established, const struct facts *p)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	json_t		*v;
	size_t		 i;
	int		 full = is->type <= CERTIFY_COPY_DEATH;
	char		 key[64];

	lay_field(y, "CivilDoc.ActRef", lay_str(y, "%lld / %d / %s",
	    (long long)a->id, is->act_version, established), NULL);
	for (i = 0; i < civil_nfields; i++) {
		const struct cfield *f = &civil_fields[i];
		const char	*value, *latin, *shown, *detail = NULL;

		if (!cfield_of(f, a->kind_index) ||
		    !json_is_object(v = json_object_get(o, f->code)))
			continue;
		if (!full && (strcmp(f->code, "father") == 0 ||
		    strcmp(f->code, "mother") == 0))
			continue;
		value = jstr(v, "value");
		latin = jstr(v, "latin");
		if (f->type == CF_SEX) {
			snprintf(key, sizeof(key), "CivilDoc.Sex.%s", value);
			shown = t_fr(y, key);
			if (y->loc != NULL)
				shown = lay_str(y, "%s / %s", t_fr(y, key),
				    t_loc(y, key));
		} else if (latin[0] != '\0' && strcmp(latin, value) != 0)
			shown = lay_str(y, "%s (%s)", value, latin);
		else
			shown = value;
		if (full) {
			long long page = json_integer_value(
			    json_object_get(v, "page"));
			const char *reason = jstr(v, "reason");

			detail = lay_str(y, "%s : %s%s%s%s%s%s",
			    t_fr(y, "CivilDoc.Source"),
			    jstr(v, "source_title"), page > 0 ? ", p. " : "",
			    page > 0 ? lay_str(y, "%lld", page) : "",
			    reason[0] != '\0' ? " — " : "",
			    reason[0] != '\0' ? t_fr(y, "CivilDoc.Reason") :
			    "", reason[0] != '\0' ? lay_str(y, " : %s",
			    reason) : "");
		}
		snprintf(key, sizeof(key), "Civil.FieldName.%s", f->code);
		lay_field(y, key, shown, detail);
		if (strcmp(f->code, "family_name") == 0)
			doc_name(is->doc.family_name,
			    is->doc.family_name_latin, value, latin);
		else if (strcmp(f->code, "given_names") == 0)
			doc_name(is->doc.given_names,
			    is->doc.given_names_latin, value, latin);
		else if (strcmp(f->code, "birth_date") == 0 &&
		    birth_ok(value))
			snprintf(is->doc.birth_date,
			    sizeof(is->doc.birth_date), "%s", value);
	}
	/* A marriage act names two spouses: the payload names the person
	 * it was opened for, from the identity record. */
	if (is->doc.family_name_latin[0] == '\0' &&
	    is->doc.given_names_latin[0] == '\0') {
		doc_name(is->doc.family_name, is->doc.family_name_latin,
		    p->family, p->family_latin);
		doc_name(is->doc.given_names, is->doc.given_names_latin,
		    p->given, p->given_latin);
	}
	if (is->doc.birth_date[0] == '\0' && birth_ok(p->birth))
		snprintf(is->doc.birth_date, sizeof(is->doc.birth_date), "%s",
		    p->birth);
	if (!full)
		return 0;
	if ((st = db_stmt(is->r->db, CSQL_MENTIONS_OF)) == NULL)
		return db_http_status(db_last_rc(is->r->db));
	db_bind_int(st, 0, a->id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(key, sizeof(key), "Civil.Mention.%s",
		    db_col_text(st, 0));
		lay_field(y, "CivilDoc.Mention", lay_str(y, "%s — %s : %s",
		    db_col_text(st, 1), t_fr(y, key), db_col_text(st, 2)),
		    NULL);
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

/* The type of a copy (copy 1) or an extract of an act of kind. */
static enum certify_type
act_type(int kind, int copy)
{
	static const enum certify_type copies[] = {CERTIFY_COPY_BIRTH,
	    CERTIFY_COPY_MARRIAGE, CERTIFY_COPY_DEATH};
	static const enum certify_type extracts[] = {CERTIFY_EXTRACT_BIRTH,
	    CERTIFY_EXTRACT_MARRIAGE, CERTIFY_EXTRACT_DEATH};

	if (kind < 0 || kind > 2)
		kind = 0;
	return copy ? copies[kind] : extracts[kind];
}

/* Is an issued type a copy or extract (of an act)? */
static int
type_of_act(enum certify_type t)
{
	return t <= CERTIFY_EXTRACT_DEATH;
}

/*
 * Inside the issuing transaction: "your document is ready" by SMS to
 * the person's newest phone, with a link and a one-time code to fetch
 * the PDF on the public site (delivery.c; issue 17.6). People who move
 * often never receive what is mailed. Without a phone, or when the
 * offer is refused (no template), the document is issued all the same
 * and the officer is told (is->offered); a code can be sent later from
 * the document's page.
 */
static enum db_rc
issue_offer(struct db *db, struct issue *is)
{
	struct actor	 who;
	char		 lang[8];

	if (is->phone[0] == '\0') {
		is->offered = DELIVERY_BAD_PHONE;
		return DB_OK;
	}
	/* the SMS in the document's language when the public site has
	 * it, else the site's default */
	snprintf(lang, sizeof(lang), "%s", tpl_lang_ok(is->lang) ? is->lang :
	    is->r->conf->default_lang);
	actor_of(is->r, &who);
	return delivery_offer(db, is->r->conf, &who, is->id, is->phone, lang,
	    &is->offered);
}

/* The transaction: the stored file's row, the document, its audit
 * event; for a re-issue, the old document locked and revoked (unless
 * it was revoked meanwhile: nothing is written) and its download codes
 * closed; the new document offered by SMS (issue_offer). */
static enum db_rc
issue_txn(struct db *db, void *arg)
{
	struct issue		*is = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[7];
	struct tm		 tm;
	enum db_rc		 rc;
	char			 at[20], idtext[24], person[24], act[24];
	char			 old[24];

	is->revoked_before = 0;
	if (is->replaces != 0) {
		if ((st = db_stmt(db, CSQL_DOC_LOCK)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, is->replaces);
		if ((rc = db_step(st)) != DB_ROW)
			return rc == DB_OK ? DB_ERROR : rc;
		is->revoked_before = db_col_int(st, 1) != 0;
		db_reset(st);
		if (is->revoked_before)
			return DB_OK;
	}
	if ((rc = files_record(db, &is->meta, civil_agent(is->r))) != DB_OK)
		return rc;
	gmtime_r(&is->doc.issued_at, &tm);
	time_format_datetime(&tm, at);
	if ((st = db_stmt(db, CSQL_DOC_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_ascii(st, 0, is->doc.serial);
	db_bind_ascii(st, 1, certify_type_code(is->type));
	db_bind_int(st, 2, is->person);
	if (is->act != 0) {
		db_bind_int(st, 3, is->act);
		db_bind_int(st, 4, is->act_version);
	} else {
		db_bind_null(st, 3);
		db_bind_null(st, 4);
	}
	db_bind_ascii(st, 5, is->lang);
	db_bind_text(st, 6, is->payload.data);
	db_bind_ascii(st, 7, is->doc.key_id);
	db_bind_ascii(st, 8, is->meta.id);
	db_bind_ascii(st, 9, at);
	if (civil_agent(is->r) != 0)
		db_bind_int(st, 10, civil_agent(is->r));
	else
		db_bind_null(st, 10);
	if (is->valid_until[0] != '\0')
		db_bind_ascii(st, 11, is->valid_until);
	else
		db_bind_null(st, 11);
	if (is->key[0] != '\0')
		db_bind_ascii(st, 12, is->key);
	else
		db_bind_null(st, 12);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	is->id = (int64_t)db_insert_id(st);
	snprintf(idtext, sizeof(idtext), "%lld", (long long)is->id);
	snprintf(person, sizeof(person), "%lld", (long long)is->person);
	snprintf(act, sizeof(act), "%lld", (long long)is->act);
	snprintf(old, sizeof(old), "%lld", (long long)is->replaces);
	ch[0] = (struct audit_change){"serial", NULL, is->doc.serial};
	ch[1] = (struct audit_change){"type", NULL,
	    certify_type_code(is->type)};
	ch[2] = (struct audit_change){"person", NULL, person};
	ch[3] = (struct audit_change){"act", NULL, is->act ? act : NULL};
	ch[4] = (struct audit_change){"lang", NULL, is->lang};
	ch[5] = (struct audit_change){"valid_until", NULL,
	    is->valid_until[0] ? is->valid_until : NULL};
	ch[6] = (struct audit_change){"replaces", NULL, is->replaces ? old :
	    NULL};
	if ((rc = audit_req(is->r, "issued_document", idtext, "issue", ch,
	    7)) != DB_OK)
		return rc;
	if (is->replaces != 0) {
		if ((st = db_stmt(db, CSQL_DOC_REVOKE)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, civil_agent(is->r));
		db_bind_text(st, 1, is->reason);
		db_bind_int(st, 2, is->id);
		db_bind_int(st, 3, is->replaces);
		if ((rc = db_exec(st)) != DB_OK ||
		    (rc = delivery_close_revoked(db, is->replaces)) != DB_OK)
			return rc;
		ch[0] = (struct audit_change){"revoked", NULL, "1"};
		ch[1] = (struct audit_change){"reason", NULL, is->reason};
		ch[2] = (struct audit_change){"replaced_by", NULL, idtext};
		if ((rc = audit_req(is->r, "issued_document", old, "revoke",
		    ch, 3)) != DB_OK)
			return rc;
	}
	return issue_offer(db, is);
}

/* The person's newest phone into out ("" when none): DB_OK or failure. */
static enum db_rc
person_phone(struct db *db, int64_t person, char *out, size_t outsz)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	out[0] = '\0';
	if ((st = db_tstmt(db, &verify_sqls, VSQL_PERSON_PHONE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, person);
	if ((rc = db_step(st)) == DB_ROW) {
		snprintf(out, outsz, "%s", db_col_text(st, 0));
		db_reset(st);
		return DB_OK;
	}
	return rc;
}

/* The document a request key issued: DB_ROW (*id), DB_OK or failure. */
static enum db_rc
doc_by_key(struct db *db, const char *key, int64_t *id)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_stmt(db, CSQL_DOC_BY_KEY)) == NULL)
		return db_last_rc(db);
	db_bind_ascii(st, 0, key);
	if ((rc = db_step(st)) == DB_ROW) {
		*id = db_col_int(st, 0);
		db_reset(st);
	}
	return rc;
}

/*
 * Issue what is describes: check the request key, pick the facts (the
 * act's latest established version, or the person's record), sign and
 * lay out (certify_issue), store the PDF, then the transaction.
 * Returns ISSUE_OK with is->id, or why not.
 */
static enum issue_rc
issue_run(struct issue *is)
{
	struct req			*r = is->r;
	const struct certify_signer	*signer;
	struct lay			 y;
	struct facts			 p;
	struct act			 a;
	struct db_stmt			*st;
	json_t				*o = NULL;
	enum issue_rc			 out;
	enum db_rc			 rc;
	char				 established[27];
	int				 s, stored = 0;

	memset(&y, 0, sizeof(y));
	if (is->key[0] != '\0') {
		if ((rc = doc_by_key(r->db, is->key, &is->id)) == DB_ROW)
			return ISSUE_SENT_BEFORE;
		if (rc != DB_OK) {
			is->dbrc = rc;
			return ISSUE_DB;
		}
	}
	switch (signer_current(r, &signer, &is->dbrc)) {
	case SIGNER_OK:
		break;
	case SIGNER_NONE:
		return ISSUE_NO_KEY;
	case SIGNER_BROKEN:
		return ISSUE_KEY_BROKEN;
	default:
		return ISSUE_DB;
	}
	if ((rc = facts_load(r->db, is->person, &p)) != DB_ROW) {
		is->dbrc = rc;
		return rc == DB_OK ? ISSUE_NO_PERSON : ISSUE_DB;
	}
	memset(&is->doc, 0, sizeof(is->doc));
	is->doc.type = is->type;
	snprintf(is->doc.valid_until, sizeof(is->doc.valid_until), "%s",
	    is->valid_until);
	if (lay_init(&y, is->lang, is->type) != 0) {
		out = ISSUE_STORE;
		goto done;
	}
	if (is->act != 0) {
		if ((rc = act_load(r->db, is->act, &a)) != DB_ROW) {
			is->dbrc = rc == DB_OK ? DB_ERROR : rc;
			out = ISSUE_DB;
			goto done;
		}
		if ((st = db_stmt(r->db, CSQL_ACT_LAST_VERSION)) == NULL) {
			is->dbrc = db_last_rc(r->db);
			out = ISSUE_DB;
			goto done;
		}
		db_bind_int(st, 0, is->act);
		if ((rc = db_step(st)) != DB_ROW) {
			is->dbrc = rc;
			out = rc == DB_OK ? ISSUE_NOT_ESTABLISHED : ISSUE_DB;
			goto done;
		}
		is->act_version = (int)db_col_int(st, 0);
		o = json_loads(db_col_text(st, 1), 0, NULL);
		snprintf(established, sizeof(established), "%.10s",
		    db_col_text(st, 2));
		db_reset(st);
		if (!json_is_object(o)) {
			log_err("civil %lld: version %d is not a JSON object",
			    (long long)is->act, is->act_version);
			is->dbrc = DB_ERROR;
			out = ISSUE_DB;
			goto done;
		}
		if ((s = act_layout(is, &y, &a, o, established, &p)) != 0) {
			is->dbrc = DB_ERROR;
			out = ISSUE_DB;
			goto done;
		}
	} else
		attest_layout(is, &y, &p);
	if (certify_issue(&is->doc, signer, &y.l, time(NULL), &is->payload,
	    &is->pdf) != 0) {
		log_warn("civil: person %lld: the document could not be "
		    "laid out or signed", (long long)is->person);
		out = ISSUE_LAYOUT;
		goto done;
	}
	if (files_write(r->conf, FILES_CIVIL_ISSUED, is->pdf.data,
	    is->pdf.len, &is->meta) != FILES_OK) {
		out = ISSUE_STORE;
		goto done;
	}
	stored = 1;
	if ((rc = person_phone(r->db, is->person, is->phone,
	    sizeof(is->phone))) != DB_OK) {
		is->dbrc = rc;
		out = ISSUE_DB;
		goto done;
	}
	if ((rc = db_txn(r->db, issue_txn, is)) == DB_DUP && is->key[0] &&
	    doc_by_key(r->db, is->key, &is->id) == DB_ROW) {
		/* the same form sent twice at once: the other one won */
		out = ISSUE_SENT_BEFORE;
		goto done;
	}
	if (rc != DB_OK) {
		log_err("civil: cannot record an issued document: %s",
		    db_errmsg(r->db));
		is->dbrc = rc;
		out = ISSUE_DB;
		goto done;
	}
	if (is->revoked_before) {
		out = ISSUE_REVOKED_BEFORE;
		goto done;
	}
	stored = 0;
	log_info("civil: issued %s (%s) for person %lld", is->doc.serial,
	    certify_type_code(is->type), (long long)is->person);
	out = ISSUE_OK;
done:
	if (stored)
		files_unlink(r->conf, is->meta.id);
	json_decref(o);
	lay_free(&y);
	return out;
}

static void
issue_free(struct issue *is)
{
	buf_free(&is->payload);
	buf_free(&is->pdf);
}

/* The document's page, with flash msgkey. */
static int
doc_redirect(struct req *r, int64_t id, const char *msgkey)
{
	char	loc[64];

	flash_set(r, "ok", msgkey);
	snprintf(loc, sizeof(loc), "/civil/documents/%lld", (long long)id);
	return resp_redirect(r, loc);
}

/* Docs.N.{Id, Serial, Type, TypeLabel, Issued, ValidUntil, Status,
 * StatusLabel, Act} from st (DOC_LIST_COLUMNS). Returns 0 or a status. */
static int
docs_fill(struct req *r, struct db_stmt *st)
{
	enum db_rc	rc;
	size_t		n = 0;
	char		k[64], key[64];

	while ((rc = db_step(st)) == DB_ROW) {
#define SET(f, v) do { snprintf(k, sizeof(k), "Docs.%zu." f, n); \
	page_set(r, k, (v)); } while (0)
		snprintf(k, sizeof(k), "Docs.%zu.Id", n);
		page_set_int(r, k, db_col_int(st, 0));
		SET("Serial", db_col_text(st, 1));
		SET("Type", db_col_text(st, 2));
		snprintf(key, sizeof(key), "CivilDoc.Type.%s",
		    db_col_text(st, 2));
		SET("TypeLabel", tpl_text(r->hdf, key));
		SET("Issued", db_col_text(st, 3));
		SET("ValidUntil", db_col_text(st, 4));
		SET("Status", db_col_text(st, 5));
		snprintf(key, sizeof(key), "CivilDoc.Status.%s",
		    db_col_text(st, 5));
		SET("StatusLabel", tpl_text(r->hdf, key));
		if (db_col_int(st, 6) != 0) {
			snprintf(k, sizeof(k), "Docs.%zu.Act", n);
			page_set_int(r, k, db_col_int(st, 6));
		}
		SET("Lang", db_col_text(st, 7));
#undef SET
		n++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

/* Langs.N.{Value, Label} (configured languages) and Issue.Key: a fresh
 * request key unless the form sent one back. */
static void
issue_form_fill(struct req *r)
{
	size_t	i, n = 0;
	char	k[64], key[48], token[KEY_HEX + 1];

	for (i = 0; lang_choices[i] != NULL; i++) {
		if (!tpl_lang_ok(lang_choices[i]))
			continue;
		snprintf(k, sizeof(k), "Langs.%zu.Value", n);
		page_set(r, k, lang_choices[i]);
		snprintf(k, sizeof(k), "Langs.%zu.Label", n);
		snprintf(key, sizeof(key), "CivilDoc.Lang.%s", lang_choices[i]);
		page_set(r, k, tpl_text(r->hdf, key));
		n++;
	}
	token_hex(token, KEY_HEX / 2);
	page_set(r, "Issue.Key", token);
	page_set_int(r, "Can.Issue", session_can(r->session, PERM_ISSUE));
}

/* Person.{Id, Name, Latin}: DB_ROW, DB_OK (none) or failure. */
static enum db_rc
person_set(struct req *r, int64_t id)
{
	struct facts	*p;
	enum db_rc	 rc;
	char		 name[1700];

	if ((p = malloc(sizeof(*p))) == NULL)
		return DB_ERROR;
	if ((rc = facts_load(r->db, id, p)) == DB_ROW) {
		page_set_int(r, "Person.Id", id);
		snprintf(name, sizeof(name), "%s, %s", p->family, p->given);
		page_set(r, "Person.Name", name);
		if (p->family_latin[0] != '\0') {
			snprintf(name, sizeof(name), "%s, %s",
			    p->family_latin, p->given_latin);
			page_set(r, "Person.Latin", name);
		}
	}
	free(p);
	return rc;
}

/*
 * GET /civil/{id}/documents (civil.draft): the documents issued from
 * act id, and (civil.issue) the form issuing a full copy or an extract
 * of its latest established version. Template civil/documents.cs.
 */
int
page_act_documents(struct req *r)
{
	struct act	 a;
	struct db_stmt	*st;
	enum db_rc	 rc;
	int		 status;
	char		 key[64];

	r->tpl = "civil/documents.cs";
	if ((status = act_open_path(r, &a)) != 0)
		return status;
	snprintf(key, sizeof(key), "%lld", (long long)a.id);
	if ((rc = access_write(r, "civil_act", key, "documents")) != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Act.Id", a.id);
	snprintf(key, sizeof(key), "Civil.Kind.%s", a.kind);
	page_set(r, "Act.KindLabel", tpl_text(r->hdf, key));
	page_set(r, "Act.StatusLabel", act_status_label(r, &a, a.status));
	snprintf(key, sizeof(key), "%s %lld", tpl_text(r->hdf,
	    "CivilDoc.ActTitle"), (long long)a.id);
	page_set(r, "Page.Title", key);
	if ((rc = person_set(r, a.person_id)) != DB_ROW && rc != DB_OK)
		return db_http_status(rc);
	if ((st = db_stmt(r->db, CSQL_ACT_LAST_VERSION)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, a.id);
	if ((rc = db_step(st)) == DB_ROW) {
		page_set_int(r, "Act.Issuable", db_col_int(st, 0));
		db_reset(st);
	} else if (rc != DB_OK)
		return db_http_status(rc);
	issue_form_fill(r);
	if ((st = db_stmt(r->db, CSQL_DOCS_OF_ACT)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, a.id);
	return (status = docs_fill(r, st)) != 0 ? status : 200;
}

/*
 * GET /civil/persons/{id}/documents (civil.draft): every document
 * issued for person id, and (civil.issue) the attestation form.
 * Template civil/documents.cs.
 */
int
page_person_documents(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int64_t		 id = req_param_int(r, "id");
	int		 status;
	char		 idtext[24], date[11];
	time_t		 now = time(NULL);
	struct tm	 tm;

	r->tpl = "civil/documents.cs";
	if ((rc = person_set(r, id)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if ((rc = access_write(r, "person", idtext, "civil documents")) !=
	    DB_OK)
		return db_http_status(rc);
	page_set(r, "Page.Title", tpl_text(r->hdf, "CivilDoc.PersonTitle"));
	page_set_int(r, "Issue.Attest", 1);
	/* the date field's bounds: today .. today + ATTEST_MAX_DAYS */
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	page_set(r, "Issue.Today", date);
	now += (time_t)ATTEST_MAX_DAYS * 86400;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	page_set(r, "Issue.Latest", date);
	issue_form_fill(r);
	if ((st = db_stmt(r->db, CSQL_DOCS_OF_PERSON)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, id);
	return (status = docs_fill(r, st)) != 0 ? status : 200;
}

/*
 * After an issue that did not happen: the documents page again with
 * the reason (409 or 422), or the first document (a form sent twice),
 * or the failure's status. page is the page to show again.
 */
static int
issue_answer(struct req *r, struct issue *is, enum issue_rc rc,
    int (*page)(struct req *))
{
	const char	*msg = NULL;
	int		 status = 409, s;

	switch (rc) {
	case ISSUE_OK:
		return doc_redirect(r, is->id, is->offered == DELIVERY_OK ?
		    "CivilDoc.Flash.IssuedSms" : is->offered ==
		    DELIVERY_BAD_PHONE ? "CivilDoc.Flash.IssuedNoPhone" :
		    "CivilDoc.Flash.IssuedNoSms");
	case ISSUE_SENT_BEFORE:
		return doc_redirect(r, is->id, "CivilDoc.Flash.SentBefore");
	case ISSUE_NO_KEY:
		msg = "CivilDoc.Error.NoKey";
		break;
	case ISSUE_KEY_BROKEN:
		msg = "CivilDoc.Error.KeyBroken";
		break;
	case ISSUE_NOT_ESTABLISHED:
		msg = "CivilDoc.Error.NotEstablished";
		break;
	case ISSUE_NO_PERSON:
		return 404;
	case ISSUE_LAYOUT:
		msg = "CivilDoc.Error.Layout";
		status = 422;
		break;
	case ISSUE_STORE:
		msg = "CivilDoc.Error.Store";
		status = 503;
		break;
	case ISSUE_REVOKED_BEFORE:
		return doc_redirect(r, is->replaces,
		    "CivilDoc.Flash.RevokedBefore");
	default:
		return db_http_status(is->dbrc);
	}
	page_set(r, "CivilDoc.Refused", msg);
	s = page(r);
	return s == 200 ? status : s;
}

/* Copy the form's language and request key into is. Returns 0, or 422
 * after marking the field (a language not configured, a key not hex). */
static int
issue_common(struct req *r, struct issue *is)
{
	const char	*lang = form_str(r, "lang");
	const char	*key = form_str(r, "key");

	if (!tpl_lang_ok(lang)) {
		form_set_error(r, "lang", "Form.Error.Enum");
		return 422;
	}
	if (!is_hex(key, KEY_HEX)) {
		form_set_error(r, "key", "CivilDoc.Error.Key");
		return 422;
	}
	snprintf(is->lang, sizeof(is->lang), "%s", lang);
	snprintf(is->key, sizeof(is->key), "%s", key);
	return 0;
}

/*
 * POST /civil/{id}/documents (civil.issue, CSRF; issue_act_fields):
 * issue a full copy (form=copy) or an extract (form=extract) of act id's
 * latest established version in lang and French. 409 when the act was
 * never established or no key can sign; a form sent twice goes to the
 * first document. Redirects to the new document's page.
 */
int
page_act_issue(struct req *r)
{
	struct issue	 is;
	struct act	 a;
	enum issue_rc	 rc;
	int		 status;

	memset(&is, 0, sizeof(is));
	is.r = r;
	if ((status = act_open_path(r, &a)) != 0)
		return status;
	if ((status = issue_common(r, &is)) != 0) {
		status = page_act_documents(r);
		return status == 200 ? 422 : status;
	}
	is.act = a.id;
	is.person = a.person_id;
	is.type = act_type(a.kind_index,
	    strcmp(form_str(r, "form"), "copy") == 0);
	rc = issue_run(&is);
	status = issue_answer(r, &is, rc, page_act_documents);
	issue_free(&is);
	return status;
}

/* Is date (YYYY-MM-DD) within today .. today + ATTEST_MAX_DAYS (UTC)? */
static int
validity_ok(const char *date)
{
	time_t		now = time(NULL), last;
	struct tm	tm;
	char		today[11], latest[11];

	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	last = now + (time_t)ATTEST_MAX_DAYS * 86400;
	gmtime_r(&last, &tm);
	strftime(latest, sizeof(latest), "%Y-%m-%d", &tm);
	return strcmp(date, today) >= 0 && strcmp(date, latest) <= 0;
}

/*
 * POST /civil/persons/{id}/documents (civil.issue, CSRF;
 * issue_person_fields): issue an attestation (type AP or AE) for
 * person id, valid through valid_until (today at the earliest, at most
 * ATTEST_MAX_DAYS ahead: else 422), in lang and French. 409 when no key
 * can sign; a form sent twice goes to the first document.
 */
int
page_person_issue(struct req *r)
{
	struct issue	 is;
	enum issue_rc	 rc;
	int		 status;

	memset(&is, 0, sizeof(is));
	is.r = r;
	is.person = req_param_int(r, "id");
	if ((status = issue_common(r, &is)) == 0 &&
	    !validity_ok(form_str(r, "valid_until"))) {
		form_set_error(r, "valid_until", "CivilDoc.Error.Validity");
		status = 422;
	}
	if (status != 0) {
		status = page_person_documents(r);
		return status == 200 ? 422 : status;
	}
	snprintf(is.valid_until, sizeof(is.valid_until), "%s",
	    form_str(r, "valid_until"));
	is.type = strcmp(form_str(r, "type"), "AP") == 0 ?
	    CERTIFY_ATTEST_PROTECTED : CERTIFY_ATTEST_PENDING;
	rc = issue_run(&is);
	status = issue_answer(r, &is, rc, page_person_documents);
	issue_free(&is);
	return status;
}

/* An issued document as its page and its revocation read it. */
struct doc {
	int64_t		 id, person, act, replaced_by;
	int		 act_version;
	char		 serial[CERTIFY_SERIAL_LEN + 1];
	char		 type[3];
	char		 lang[8];
	char		 valid_until[11];
	char		 status[8];
	int		 revoked;
};

/*
 * Load the path's {doc} into *d and (page 1) the page's Doc.* nodes.
 * Returns 0, or the status (404, the database's).
 */
static int
doc_open(struct req *r, struct doc *d, int page)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 key[64];

	memset(d, 0, sizeof(*d));
	if ((st = db_stmt(r->db, CSQL_DOC_GET)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, req_param_int(r, "doc"));
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	d->id = db_col_int(st, 0);
	snprintf(d->serial, sizeof(d->serial), "%s", db_col_text(st, 1));
	snprintf(d->type, sizeof(d->type), "%s", db_col_text(st, 2));
	snprintf(d->valid_until, sizeof(d->valid_until), "%s",
	    db_col_text(st, 4));
	snprintf(d->status, sizeof(d->status), "%s", db_col_text(st, 5));
	d->act = db_col_int(st, 6);
	snprintf(d->lang, sizeof(d->lang), "%s", db_col_text(st, 7));
	d->person = db_col_int(st, 8);
	d->act_version = (int)db_col_int(st, 9);
	d->revoked = db_col_len(st, 13) > 0;
	d->replaced_by = db_col_int(st, 16);
	if (page) {
		page_set_int(r, "Doc.Id", d->id);
		page_set(r, "Doc.Serial", d->serial);
		page_set(r, "Doc.Type", d->type);
		snprintf(key, sizeof(key), "CivilDoc.Type.%s", d->type);
		page_set(r, "Doc.TypeLabel", tpl_text(r->hdf, key));
		page_set(r, "Doc.Issued", db_col_text(st, 3));
		page_set(r, "Doc.ValidUntil", d->valid_until);
		page_set(r, "Doc.Status", d->status);
		snprintf(key, sizeof(key), "CivilDoc.Status.%s", d->status);
		page_set(r, "Doc.StatusLabel", tpl_text(r->hdf, key));
		snprintf(key, sizeof(key), "CivilDoc.Lang.%s", d->lang);
		page_set(r, "Doc.Lang", tpl_text(r->hdf, key));
		if (d->act != 0) {
			page_set_int(r, "Doc.Act", d->act);
			page_set_int(r, "Doc.ActVersion", d->act_version);
		}
		page_set(r, "Doc.KeyId", db_col_text(st, 10));
		page_set_int(r, "Doc.HasPdf", db_col_int(st, 11));
		page_set(r, "Doc.IssuedBy", db_col_text(st, 12));
		page_set(r, "Doc.RevokedAt", db_col_text(st, 13));
		page_set(r, "Doc.RevokedBy", db_col_text(st, 14));
		page_set(r, "Doc.RevokeReason", db_col_text(st, 15));
		if (d->replaced_by != 0) {
			page_set_int(r, "Doc.ReplacedBy", d->replaced_by);
			page_set(r, "Doc.ReplacedBySerial", db_col_text(st, 17));
		}
		if (db_col_int(st, 18) != 0) {
			page_set_int(r, "Doc.Replaces", db_col_int(st, 18));
			page_set(r, "Doc.ReplacesSerial", db_col_text(st, 19));
		}
		page_set(r, "Doc.Payload", db_col_text(st, 20));
		snprintf(key, sizeof(key), "%s %s", tpl_text(r->hdf,
		    "CivilDoc.DocTitle"), d->serial);
		page_set(r, "Page.Title", key);
	}
	db_reset(st);
	if (page) {
		if ((rc = person_set(r, d->person)) != DB_ROW && rc != DB_OK)
			return db_http_status(rc);
		page_set_int(r, "Can.Issue", session_can(r->session,
		    PERM_ISSUE));
	}
	return 0;
}

/*
 * GET /civil/documents/{doc} (civil.draft): an issued document: type,
 * serial, dates, status, what it replaced or was replaced by, the PDF
 * (civil.issue) and the way to revoke it. Template civil/document.cs.
 */
int
page_document(struct req *r)
{
	struct doc	d;
	enum db_rc	rc;
	int		status;
	char		idtext[24];

	r->tpl = "civil/document.cs";
	if ((status = doc_open(r, &d, 1)) != 0)
		return status;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)d.id);
	if ((rc = access_write(r, "issued_document", idtext, "view")) !=
	    DB_OK)
		return db_http_status(rc);
	return 200;
}

/*
 * GET /civil/documents/{doc}/revoke (civil.issue): the question before
 * a revocation: what it means, the reason to give, revoke or revoke
 * and issue a new one. Nothing changes yet; works without JavaScript.
 */
int
page_document_revoke_ask(struct req *r)
{
	int	status;

	if ((status = page_document(r)) != 200)
		return status;
	page_set_int(r, "Doc.Ask", 1);
	return 200;
}

/*
 * GET /civil/documents/{doc}/pdf (civil.issue): the PDF as issued, as
 * an attachment <serial>.pdf; an access event. 404 once the PDF's
 * retention ended.
 */
int
page_document_pdf(struct req *r)
{
	struct db_stmt	*st;
	char		 idtext[24];

	snprintf(idtext, sizeof(idtext), "%lld",
	    (long long)req_param_int(r, "doc"));
	if ((st = db_stmt(r->db, CSQL_DOC_PDF)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_bind_int(st, 0, req_param_int(r, "doc"));
	return files_download(r, st, "issued_document", idtext, "download");
}

/* A plain revocation: the db_txn argument. */
struct revoke {
	struct req	*r;
	int64_t		 id;
	const char	*reason;
	int		 revoked_before;
};

static enum db_rc
revoke_txn(struct db *db, void *arg)
{
	struct revoke		*v = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[2];
	enum db_rc		 rc;
	char			 idtext[24];

	v->revoked_before = 0;
	if ((st = db_stmt(db, CSQL_DOC_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, v->id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	v->revoked_before = db_col_int(st, 1) != 0;
	db_reset(st);
	if (v->revoked_before)
		return DB_OK;
	if ((st = db_stmt(db, CSQL_DOC_REVOKE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, civil_agent(v->r));
	db_bind_text(st, 1, v->reason);
	db_bind_null(st, 2);
	db_bind_int(st, 3, v->id);
	if ((rc = db_exec(st)) != DB_OK ||
	    (rc = delivery_close_revoked(db, v->id)) != DB_OK)
		return rc;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)v->id);
	ch[0] = (struct audit_change){"revoked", NULL, "1"};
	ch[1] = (struct audit_change){"reason", NULL, v->reason};
	return audit_req(v->r, "issued_document", idtext, "revoke", ch, 2);
}

/* The revocation page again with msgkey, answering status. */
static int
revoke_again(struct req *r, const char *msgkey, int status)
{
	int	s;

	page_set(r, "CivilDoc.Refused", msgkey);
	s = page_document_revoke_ask(r);
	return s == 200 ? status : s;
}

/*
 * POST /civil/documents/{doc}/revoke (civil.issue, CSRF; revoke_fields):
 * revoke the document with the reason given; with reissue=1, issue a
 * new one in its place first (same type, language and validity, a new
 * serial, from the act's latest established version or the person's
 * record as they are now), the old one revoked with replaced_by set,
 * in one transaction. Sent again once revoked: nothing changes, the
 * page says so. A re-issue whose validity already ended is refused
 * (422: issue a new attestation); no key: 409.
 */
int
page_document_revoke(struct req *r)
{
	struct doc	 d;
	struct revoke	 v;
	struct issue	 is;
	enum issue_rc	 irc;
	enum db_rc	 rc;
	int		 status;

	if ((status = doc_open(r, &d, 0)) != 0)
		return status;
	if (d.revoked)
		return doc_redirect(r, d.id, "CivilDoc.Flash.RevokedBefore");
	if (!form_int(r, "reissue")) {
		memset(&v, 0, sizeof(v));
		v.r = r;
		v.id = d.id;
		v.reason = form_str(r, "reason");
		if ((rc = db_txn(r->db, revoke_txn, &v)) != DB_OK) {
			log_err("civil: cannot revoke document %lld: %s",
			    (long long)d.id, db_errmsg(r->db));
			return db_http_status(rc);
		}
		return doc_redirect(r, d.id, v.revoked_before ?
		    "CivilDoc.Flash.RevokedBefore" : "CivilDoc.Flash.Revoked");
	}
	if (d.valid_until[0] != '\0' && !validity_ok(d.valid_until))
		return revoke_again(r, "CivilDoc.Error.ReissueExpired", 422);
	memset(&is, 0, sizeof(is));
	is.r = r;
	is.person = d.person;
	is.act = d.act;
	snprintf(is.lang, sizeof(is.lang), "%s", tpl_lang_ok(d.lang) ?
	    d.lang : "fr");
	snprintf(is.valid_until, sizeof(is.valid_until), "%s",
	    d.valid_until);
	if (!certify_type_parse(d.type, &is.type) ||
	    (type_of_act(is.type) && d.act == 0))
		return 500;
	is.replaces = d.id;
	is.reason = form_str(r, "reason");
	irc = issue_run(&is);
	if (irc == ISSUE_OK)
		status = doc_redirect(r, is.id, is.offered == DELIVERY_OK ?
		    "CivilDoc.Flash.ReissuedSms" : "CivilDoc.Flash.Reissued");
	else if (irc == ISSUE_NO_KEY || irc == ISSUE_KEY_BROKEN ||
	    irc == ISSUE_LAYOUT || irc == ISSUE_STORE)
		status = revoke_again(r, irc == ISSUE_NO_KEY ?
		    "CivilDoc.Error.NoKey" : irc == ISSUE_KEY_BROKEN ?
		    "CivilDoc.Error.KeyBroken" : irc == ISSUE_LAYOUT ?
		    "CivilDoc.Error.Layout" : "CivilDoc.Error.Store",
		    irc == ISSUE_LAYOUT ? 422 : irc == ISSUE_STORE ? 503 :
		    409);
	else
		status = issue_answer(r, &is, irc, page_document);
	issue_free(&is);
	return status;
}

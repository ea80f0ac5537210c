/*
 * household.c: the desk's page (the agent's draft household, resumed
 * where it stopped), the household's summary with the triage proposal
 * from the configurable rules (registration_rule), the save in one
 * transaction (persons created or linked, family links, the principal's
 * dossier with its members and its clocks started on the lodging date,
 * the triage, the draft closed; a double submit saves one household),
 * and the receipt in the applicant's and the agency's languages.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "booking.h"
#include "casefile.h"
#include "conf.h"
#include "log.h"
#include "registration.h"
#include "session.h"
#include "tpl.h"

/* POST /registration/save */
const struct field_spec save_fields[] = {
	{"draft", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"procedure", FIELD_STRING, 1, 1, 32, NULL},
	{"reason", FIELD_STRING, 0, 0, 500, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /registration/start: a walk-in (nothing), or the visit of an
 * applicant served at a reception counter. */
const struct field_spec start_fields[] = {
	{"visit", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* GET /registration/receipt/{id}?lang= (the applicant's language when
 * it differs from the one the desk recorded) */
static const char *const receipt_langs[] = {"en", "fr", "ar", "es", "ht",
	NULL};
const struct field_spec receipt_fields[] = {
	{"lang", FIELD_ENUM, 0, 0, 0, receipt_langs},
	{"site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The triage of a household: the procedure proposed, the rules that
 * matched (in rank order), the priority track. */
#define TRIAGE_MAX	16
struct triage {
	char	 proposed[33];
	int	 priority;
	struct {
		char	 kind[24];
		char	 value[33];
		char	 procedure[33];
	} why[TRIAGE_MAX];
	size_t	 n;
};

/* A rule as read. */
struct rule {
	char	 kind[24];
	char	 value[33];
	char	 procedure[33];
	int	 priority;
};
#define RULES_MAX	500

/* Count rows of statement id for person (COUNT(*) or rows): >= 0, or
 * -1 on a database failure. */
static long
person_count(struct db *db, enum reg_sql id, int64_t person)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	long		 n = 0;

	if ((st = db_stmt(db, id)) == NULL)
		return -1;
	db_bind_int(st, 0, person);
	while ((rc = db_step(st)) == DB_ROW)
		n += id == RSQL_PERSON_PROTECTED ? (long)db_col_int(st, 0) : 1;
	return rc == DB_OK ? n : -1;
}

/* 1 if the comma-separated list has code. */
static int
list_has(const char *list, const char *code)
{
	size_t		 len = strlen(code);
	const char	*p = list;

	while ((p = strstr(p, code)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[len] == '\0' ||
		    p[len] == ','))
			return 1;
		p += len;
	}
	return 0;
}

/*
 * The triage of draft d from the rules: each matching rule is a reason,
 * the lowest rank proposes its procedure ("regular" when none matches),
 * a matching rule with priority_track sets t->priority. The facts: the
 * principal's nationality, every member's specific needs, and for the
 * members linked to an existing person their case files and a
 * protection granted. Returns DB_OK or the failure.
 */
static enum db_rc
triage_propose(struct db *db, const struct draft *d, struct triage *t)
{
	struct rule	*rules = NULL;
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 nrules = 0, i, j;
	int		 previous = 0, protected = 0, match;
	long		 k;
	const struct member *principal = NULL;

	memset(t, 0, sizeof(*t));
	snprintf(t->proposed, sizeof(t->proposed), "regular");
	for (i = 0; i < d->n; i++) {
		if (d->m[i].position == 1)
			principal = &d->m[i];
		if (strcmp(d->m[i].decision, "link") != 0 ||
		    d->m[i].link_person_id == 0)
			continue;
		if ((k = person_count(db, RSQL_PERSON_DOSSIERS,
		    d->m[i].link_person_id)) < 0)
			return db_last_rc(db);
		previous |= k > 0;
		if ((k = person_count(db, RSQL_PERSON_PROTECTED,
		    d->m[i].link_person_id)) < 0)
			return db_last_rc(db);
		protected |= k > 0;
	}
	if ((rules = calloc(RULES_MAX, sizeof(*rules))) == NULL)
		return DB_ERROR;
	if ((st = db_stmt(db, RSQL_RULES)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		if (nrules == RULES_MAX)
			continue;
		snprintf(rules[nrules].kind, sizeof(rules[0].kind), "%s",
		    db_col_text(st, 0));
		snprintf(rules[nrules].value, sizeof(rules[0].value), "%s",
		    db_col_text(st, 1));
		snprintf(rules[nrules].procedure, sizeof(rules[0].procedure),
		    "%s", db_col_text(st, 2));
		rules[nrules].priority = (int)db_col_int(st, 4);
		nrules++;
	}
	if (rc != DB_OK)
		goto out;
	/* rules come in rank order: the first that matches proposes */
	for (i = 0; i < nrules && t->n < TRIAGE_MAX; i++) {
		match = 0;
		if (strcmp(rules[i].kind, "previous_application") == 0)
			match = previous;
		else if (strcmp(rules[i].kind, "family_protected") == 0)
			match = protected;
		else if (strcmp(rules[i].kind, "safe_country") == 0)
			match = principal != NULL && strcmp(principal->nationality,
			    rules[i].value) == 0;
		else if (strcmp(rules[i].kind, "specific_need") == 0)
			for (j = 0; j < d->n && !match; j++)
				match = list_has(d->m[j].needs, rules[i].value);
		if (!match)
			continue;
		if (t->n == 0)
			snprintf(t->proposed, sizeof(t->proposed), "%s",
			    rules[i].procedure);
		t->priority |= rules[i].priority;
		snprintf(t->why[t->n].kind, sizeof(t->why[0].kind), "%s",
		    rules[i].kind);
		snprintf(t->why[t->n].value, sizeof(t->why[0].value), "%s",
		    rules[i].value);
		snprintf(t->why[t->n].procedure, sizeof(t->why[0].procedure),
		    "%s", rules[i].procedure);
		t->n++;
	}
	rc = DB_OK;
out:
	free(rules);
	return rc;
}

/* A procedure's label in language hdf's (its code's key, else name). */
static const char *
procedure_label(HDF *hdf, const char *code, const char *name)
{
	char	key[80];

	snprintf(key, sizeof(key), "Registration.Procedure.%s", code);
	return tpl_has_text(hdf, key) ? tpl_text(hdf, key) : name;
}

/* A triage reason as a sentence: the kind's text, the value's label
 * (a need, a country code). */
static void
reason_text(HDF *hdf, const char *kind, const char *value, char *out,
    size_t outsz)
{
	char	key[96];

	snprintf(key, sizeof(key), "Registration.Reason.%s", kind);
	if (strcmp(kind, "specific_need") == 0) {
		char	nk[96];

		snprintf(nk, sizeof(nk), "Registration.Need.%s", value);
		snprintf(out, outsz, "%s %s", tpl_text(hdf, key),
		    tpl_text(hdf, nk));
	} else if (value[0] != '\0')
		snprintf(out, outsz, "%s %s", tpl_text(hdf, key), value);
	else
		snprintf(out, outsz, "%s", tpl_text(hdf, key));
}

/* Household.N.* of the desk's and the summary's pages: every field of
 * every member, with its duplicate decision. */
static void
household_fill(struct req *r, const struct draft *d)
{
	const struct member *m;
	char		 node[64], key[96], name[1700], words[64];
	size_t		 i, j, k;

	for (i = 0; i < d->n; i++) {
		m = &d->m[i];
#define SET(f, v) do { snprintf(node, sizeof(node), "Household.%zu." f, i); \
	page_set(r, node, (v)); } while (0)
		snprintf(node, sizeof(node), "Household.%zu.Position", i);
		page_set_int(r, node, m->position);
		member_display(m, name, sizeof(name));
		SET("Name", name);
		snprintf(name, sizeof(name), "%s%s%s", m->family_latin,
		    m->family_latin[0] && m->given_latin[0] ? ", " : "",
		    m->given_latin);
		SET("Latin", name);
		snprintf(key, sizeof(key), "Registration.Relation.%s",
		    m->relation);
		SET("Relation", tpl_text(r->hdf, key));
		SET("Sex", m->sex);
		tpl_pdate_words(r->hdf, m->birth, words, sizeof(words));
		SET("Birth", words);
		SET("Nationality", m->nationality);
		SET("Languages", m->languages);
		SET("Interpreter", m->interpreter);
		SET("Phone", m->phone);
		SET("Address", m->address);
		SET("DocNumber", m->doc_number);
		SET("DocExpiry", m->doc_expiry);
		SET("Decision", m->decision);
		snprintf(node, sizeof(node), "Household.%zu.Link", i);
		page_set_int(r, node, m->link_person_id);
		for (j = 0, k = 0; reg_needs[j] != NULL; j++) {
			if (!list_has(m->needs, reg_needs[j]))
				continue;
			snprintf(key, sizeof(key), "Registration.Need.%s",
			    reg_needs[j]);
			snprintf(node, sizeof(node), "Household.%zu.Needs.%zu",
			    i, k++);
			page_set(r, node, tpl_text(r->hdf, key));
		}
#undef SET
	}
	page_set_int(r, "Draft.Members", (long long)d->n);
	page_set_int(r, "Draft.Next", (long long)d->n + 1);
	page_set_int(r, "Draft.Full", d->n >= REG_MAX_MEMBERS);
	page_set_int(r, "Draft.Id", d->id);
	page_set(r, "Draft.Lodged", d->lodged_on);
}

/* Members whose duplicate check waits for a decision. */
static size_t
undecided(const struct draft *d)
{
	size_t	i, n = 0;

	for (i = 0; i < d->n; i++)
		n += d->m[i].decision[0] == '\0';
	return n;
}

/*
 * GET /registration (registration.register): the desk. The agent's
 * open draft (older ones purged first) with its household, each
 * person's step and duplicate decision, adding a member, the summary;
 * or the button that starts a registration. Template
 * registration/home.cs.
 */
int
page_home(struct req *r)
{
	struct draft	*d;
	enum db_rc	 rc;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Registration.Home.Title"));
	page_set_int(r, "Can.ConfigureRules", session_can(r->session,
	    PERM_CONFIGURE));
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	rc = draft_open(r, d);
	if (rc == DB_ROW) {
		page_set(r, "Draft.Open", "1");
		household_fill(r, d);
		page_set_int(r, "Draft.Undecided", (long long)undecided(d));
	}
	free(d);
	return rc == DB_ROW || rc == DB_OK ? 200 : db_http_status(rc);
}

struct start_ctx {
	struct req	*r;
	char		 today[11];
	int64_t		 visit;
	char		 family[801], given[801], phone[33], document[257],
			 lang[9];
	int64_t		 id;
};

static enum db_rc
start_txn(struct db *db, void *arg)
{
	struct start_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[2];
	enum db_rc		 rc;
	char			 idtext[24], visit[24];

	if ((st = db_stmt(db, RSQL_DRAFT_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->r->session->agent_id);
	db_bind_text(st, 1, c->today);
	if (c->visit)
		db_bind_int(st, 2, c->visit);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, c->family);
	db_bind_text(st, 4, c->given);
	db_bind_text(st, 5, c->phone);
	db_bind_text(st, 6, c->document);
	db_bind_text(st, 7, c->lang);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	c->id = (int64_t)db_insert_id(st);
	snprintf(visit, sizeof(visit), "%lld", (long long)c->visit);
	ch[0] = (struct audit_change){"lodged_on", NULL, c->today};
	ch[1] = (struct audit_change){"visit", NULL, visit};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	return audit_req(c->r, "registration_draft", idtext, "create", ch, 2);
}

/* What the booking of visit (called or served at a counter) holds,
 * into c: DB_ROW, DB_OK when there is no such visit, or the failure. */
static enum db_rc
visit_prefill(struct req *r, int64_t visit, struct start_ctx *c)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	if ((st = db_stmt(r->db, RSQL_VISIT_GET)) == NULL)
		return db_last_rc(r->db);
	db_bind_int(st, 0, visit);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	c->visit = visit;
	snprintf(c->family, sizeof(c->family), "%s", db_col_text(st, 0));
	snprintf(c->given, sizeof(c->given), "%s", db_col_text(st, 1));
	snprintf(c->phone, sizeof(c->phone), "%s", db_col_text(st, 2));
	snprintf(c->document, sizeof(c->document), "%s", db_col_text(st, 3));
	snprintf(c->lang, sizeof(c->lang), "%s", db_col_text(st, 4));
	db_reset(st);
	return DB_ROW;
}

/*
 * POST /registration/start (registration.register, CSRF; start_fields):
 * a walk-in's registration starts empty, lodged today; one started from
 * a reception counter (visit: the applicant called or served there)
 * takes what the booking holds (names, phone, document number,
 * language) into the principal's form. With a draft already open, back
 * to it (one registration at a time per desk). Redirects to the
 * principal's step; 404 for a visit not at a counter.
 */
int
page_start(struct req *r)
{
	struct draft	*d;
	struct start_ctx c;
	enum db_rc	 rc;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	rc = draft_open(r, d);
	free(d);
	if (rc == DB_ROW) {
		flash_set(r, "info", "Registration.Flash.Resume");
		return resp_redirect(r, "/registration");
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	memset(&c, 0, sizeof(c));
	if (form_int(r, "visit") > 0 &&
	    (rc = visit_prefill(r, form_int(r, "visit"), &c)) != DB_ROW)
		return rc == DB_OK ? 404 : db_http_status(rc);
	c.r = r;
	wf_day_format(dossier_today(r), c.today);
	if ((rc = db_txn(r->db, start_txn, &c)) != DB_OK) {
		log_err("cannot start a registration: %s", db_errmsg(r->db));
		return db_http_status(rc);
	}
	return resp_redirect(r, "/registration/member/1");
}

/* The summary's page data for draft d: household, triage, procedures.
 * Returns 0 or a status. */
static int
summary_fill(struct req *r, const struct draft *d)
{
	struct triage	 t;
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64], text[400];
	size_t		 i, n = 0;

	page_set(r, "Page.Title", tpl_text(r->hdf,
	    "Registration.Summary.Title"));
	household_fill(r, d);
	page_set_int(r, "Draft.Undecided", (long long)undecided(d));
	if ((rc = triage_propose(r->db, d, &t)) != DB_OK)
		return db_http_status(rc);
	page_set(r, "Triage.Proposed", t.proposed);
	page_set_int(r, "Triage.Priority", t.priority);
	for (i = 0; i < t.n; i++) {
		reason_text(r->hdf, t.why[i].kind, t.why[i].value, text,
		    sizeof(text));
		snprintf(node, sizeof(node), "Triage.Reasons.%zu.Text", i);
		page_set(r, node, text);
		snprintf(node, sizeof(node), "Triage.Reasons.%zu.Kind", i);
		page_set(r, node, t.why[i].kind);
	}
	if ((st = db_stmt(r->db, RSQL_PROCEDURES)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Procedures.%zu.Value", n);
		page_set(r, node, db_col_text(st, 0));
		snprintf(node, sizeof(node), "Procedures.%zu.Label", n);
		page_set(r, node, procedure_label(r->hdf, db_col_text(st, 0),
		    db_col_text(st, 1)));
		if (strcmp(db_col_text(st, 0), t.proposed) == 0)
			page_set(r, "Triage.ProposedLabel", procedure_label(r->hdf,
			    db_col_text(st, 0), db_col_text(st, 1)));
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	if (form_get(r, "procedure") == NULL ||
	    !form_get(r, "procedure")->present)
		page_set(r, "Form.procedure.Value", t.proposed);
	return 0;
}

/*
 * GET /registration/summary (registration.register): the household to
 * review before saving: every person and field, the duplicate
 * decisions still waiting, the triage proposed with its reasons and the
 * procedure the registrar confirms or changes (with a reason). Also
 * the fill of a rejected POST /registration/save. Template
 * registration/summary.cs.
 */
int
page_summary(struct req *r)
{
	struct draft	*d;
	enum db_rc	 rc;
	int		 status;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((rc = draft_open(r, d)) != DB_ROW) {
		free(d);
		if (rc != DB_OK)
			return db_http_status(rc);
		flash_set(r, "error", "Registration.Flash.NoDraft");
		return resp_redirect(r, "/registration");
	}
	r->tpl = "registration/summary.cs";
	status = summary_fill(r, d);
	free(d);
	return status == 0 ? 200 : status;
}

/* What the save transaction needs and gives back. */
struct save_ctx {
	struct req		*r;
	const struct draft	*d;
	const struct triage	*t;
	struct dossier_new	 n;
	const char		*chosen;
	const char		*reason;
	int64_t			 persons[REG_MAX_MEMBERS];
	int			 already;	/* saved by an earlier submit */
};

/* The relation seen from the other side. */
static const char *
reciprocal(const char *rel)
{
	if (strcmp(rel, "parent") == 0)
		return "child";
	if (strcmp(rel, "child") == 0)
		return "parent";
	return rel;
}

/* Create member m as a person (with its keys, document, phone and
 * audit event). Returns DB_OK with *id, or the failure. */
static enum db_rc
person_create(struct db *db, struct req *r, const struct member *m,
    int64_t *id)
{
	static const char *const precision[] = {"unknown", "year", "month",
	    "day"};
	struct person		*p;
	struct db_stmt		*st;
	struct audit_change	 ch[4];
	enum db_rc		 rc = DB_ERROR;
	char			 idtext[24], norm[PERSON_DOCNO_SIZE];

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return DB_ERROR;
	member_person(m, p);
	if ((st = db_stmt(db, RSQL_PERSON_INSERT)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_text(st, 0, p->family_name);
	db_bind_text(st, 1, p->given_names);
	db_bind_text(st, 2, p->family_latin);
	db_bind_text(st, 3, p->given_latin);
	db_bind_text(st, 4, p->sex[0] ? p->sex : NULL);
	db_bind_int(st, 5, p->birth.year);
	db_bind_int(st, 6, p->birth.month);
	db_bind_int(st, 7, p->birth.day);
	db_bind_text(st, 8, precision[p->birth.precision]);
	db_bind_text(st, 9, p->nationality[0] ? p->nationality : NULL);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	*id = (int64_t)db_insert_id(st);
	if (m->doc_number[0] != '\0') {
		person_docno_normalise(m->doc_number, norm);
		if ((st = db_stmt(db, RSQL_DOC_INSERT)) == NULL) {
			rc = db_last_rc(db);
			goto out;
		}
		db_bind_int(st, 0, *id);
		db_bind_text(st, 1, m->doc_type[0] ? m->doc_type : "other");
		db_bind_text(st, 2, m->doc_number);
		db_bind_text(st, 3, norm);
		db_bind_text(st, 4, m->doc_country[0] ? m->doc_country : NULL);
		db_bind_text(st, 5, m->doc_expiry[0] ? m->doc_expiry : NULL);
		db_bind_text(st, 6, m->mrz[0] ? m->mrz : NULL);
		db_bind_text(st, 7, m->doc_issued[0] ? m->doc_issued : NULL);
		if ((rc = db_exec(st)) != DB_OK)
			goto out;
	}
	if (m->phone[0] != '\0') {
		if ((st = db_stmt(db, RSQL_PHONE_INSERT)) == NULL) {
			rc = db_last_rc(db);
			goto out;
		}
		db_bind_int(st, 0, *id);
		db_bind_text(st, 1, m->phone);
		if ((rc = db_exec(st)) != DB_OK)
			goto out;
	}
	if (reg_matcher == NULL) {
		rc = DB_DOWN;
		goto out;
	}
	if ((rc = person_keys_rewrite(db, reg_matcher, *id)) != DB_OK)
		goto out;
	ch[0] = (struct audit_change){"family_name", NULL, p->family_name};
	ch[1] = (struct audit_change){"given_names", NULL, p->given_names};
	ch[2] = (struct audit_change){"birth_date", NULL, m->birth};
	ch[3] = (struct audit_change){"nationality", NULL, p->nationality};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)*id);
	rc = audit_req(r, "person", idtext, "create", ch, 4);
out:
	free(p);
	return rc;
}

/* Insert the link person -> relative (relative is person's relation). */
static enum db_rc
link_insert(struct db *db, struct req *r, int64_t person, int64_t relative,
    const char *relation)
{
	struct db_stmt	*st;

	if ((st = db_stmt(db, RSQL_LINK_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, person);
	db_bind_int(st, 1, relative);
	db_bind_text(st, 2, relation);
	db_bind_int(st, 3, r->session->agent_id);
	return db_exec(st);
}

/* The documents still expected, one line each: a member without an
 * identity document (shown on /status and on the receipt). */
static void
missing_text(struct req *r, const struct draft *d, char *out, size_t outsz)
{
	char	name[1700];
	size_t	i, len = 0;

	out[0] = '\0';
	for (i = 0; i < d->n && len < outsz; i++) {
		if (d->m[i].doc_number[0] != '\0')
			continue;
		member_display(&d->m[i], name, sizeof(name));
		len += (size_t)snprintf(out + len, outsz - len, "%s%s %s",
		    len ? "\n" : "", tpl_text(r->hdf,
		    "Registration.Receipt.MissingId"), name);
	}
}

static enum db_rc
save_txn(struct db *db, void *arg)
{
	struct save_ctx		*c = arg;
	const struct draft	*d = c->d;
	struct db_stmt		*st;
	struct audit_change	 ch[4];
	enum db_rc		 rc;
	char			 idtext[24], dossier[24], reasons[400],
				 missing[2000];
	size_t			 i, len = 0;
	int64_t			 principal = 0;

	c->already = 0;
	/* The draft first, locked: a second submit waits here, then finds
	 * it saved and changes nothing. */
	if ((st = db_stmt(db, RSQL_DRAFT_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, d->id);
	db_bind_int(st, 1, c->r->session->agent_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_OK ? DB_ERROR : rc;
	c->already = strcmp(db_col_text(st, 0), "saved") == 0;
	c->n.id = db_col_int(st, 1);
	db_reset(st);
	if (c->already)
		return DB_OK;
	for (i = 0; i < d->n; i++) {
		if (strcmp(d->m[i].decision, "link") == 0)
			c->persons[i] = d->m[i].link_person_id;
		else if ((rc = person_create(db, c->r, &d->m[i],
		    &c->persons[i])) != DB_OK)
			return rc;
		if ((rc = photo_to_person(db, c->r, &d->m[i],
		    c->persons[i])) != DB_OK)
			return rc;
		if (d->m[i].position == 1)
			principal = c->persons[i];
	}
	if (principal == 0)
		return DB_ERROR;
	for (i = 0; i < d->n; i++) {
		if (d->m[i].position == 1 || c->persons[i] == principal)
			continue;
		if ((rc = link_insert(db, c->r, principal, c->persons[i],
		    d->m[i].relation)) != DB_OK ||
		    (rc = link_insert(db, c->r, c->persons[i], principal,
		    reciprocal(d->m[i].relation))) != DB_OK)
			return rc;
	}
	c->n.person = principal;
	if ((rc = dossier_create(db, c->r, &c->n)) != DB_OK)
		return rc;
	for (i = 0; i < d->n; i++) {
		if (c->persons[i] == principal)
			continue;
		if ((rc = dossier_person_add(db, c->n.id, c->persons[i],
		    "member", d->m[i].relation)) != DB_OK)
			return rc;
	}
	missing_text(c->r, d, missing, sizeof(missing));
	if ((st = db_stmt(db, RSQL_MISSING_SET)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, missing);
	db_bind_int(st, 1, c->n.id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	reasons[0] = '\0';
	for (i = 0; i < c->t->n && len < sizeof(reasons); i++)
		len += (size_t)snprintf(reasons + len, sizeof(reasons) - len,
		    "%s%s%s%s", i ? "," : "", c->t->why[i].kind,
		    c->t->why[i].value[0] ? ":" : "", c->t->why[i].value);
	if ((st = db_stmt(db, RSQL_TRIAGE_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, d->id);
	db_bind_int(st, 1, c->n.id);
	db_bind_text(st, 2, c->t->proposed);
	db_bind_text(st, 3, reasons);
	db_bind_text(st, 4, c->chosen);
	db_bind_int(st, 5, c->t->priority);
	db_bind_text(st, 6, c->reason);
	db_bind_int(st, 7, c->r->session->agent_id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, RSQL_DRAFT_SAVED)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->n.id);
	db_bind_int(st, 1, d->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	snprintf(dossier, sizeof(dossier), "%lld", (long long)c->n.id);
	ch[0] = (struct audit_change){"dossier", NULL, dossier};
	ch[1] = (struct audit_change){"proposed", NULL, c->t->proposed};
	ch[2] = (struct audit_change){"chosen", NULL, c->chosen};
	ch[3] = (struct audit_change){"override_reason", NULL, c->reason};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)d->id);
	return audit_req(c->r, "registration_draft", idtext, "save", ch, 4);
}

/* The summary again with a message, answering status (the household
 * as typed is still on the page; nothing was saved). */
static int
summary_again(struct req *r, int status, const char *msgkey)
{
	int	s;

	page_set(r, "Summary.Error", tpl_text(r->hdf, msgkey));
	if ((s = page_summary(r)) != 200)
		return s;
	if (status == 422 || status == 409)
		return status;
	/* A failure the page explains itself (the dispatcher renders only
	 * 2xx, 409 and 422 with the route's template). */
	buf_reset(&r->out);
	if (tpl_render(r->hdf, "registration/summary.cs", &r->out) != 0)
		return 500;
	r->status = status;
	r->done = 1;
	r->ctype = "text/html; charset=utf-8";
	return status;
}

/* Check every member created again against the register (a person
 * registered meanwhile elsewhere): a candidate not seen before puts the
 * member back to its decision. Returns the position of the first such
 * member (0: none), or -1 on a database failure (*rc). */
static int
recheck(struct req *r, const struct draft *d, enum db_rc *rc)
{
	struct reg_cand	 cands[REG_MAX_CANDS];
	struct db_stmt	*st;
	char		 id[26], seen[404], now[401], hash[REG_HASH_SIZE];
	size_t		 i, j, n, len;
	int		 first = 0;

	for (i = 0; i < d->n; i++) {
		if (strcmp(d->m[i].decision, "create") != 0)
			continue;
		if ((*rc = reg_dup_recheck(r->db, &d->m[i], cands, &n)) !=
		    DB_OK)
			return -1;
		snprintf(seen, sizeof(seen), ",%s,", d->m[i].seen);
		for (j = 0; j < n; j++) {
			snprintf(id, sizeof(id), ",%lld,", (long long)cands[j].id);
			if (strstr(seen, id) == NULL)
				break;
		}
		if (j == n)
			continue;
		/* the member waits for a decision again, on the
		 * candidates found now (the side-by-side page scores
		 * those again: reg_dup_seen) */
		for (j = 0, len = 0, now[0] = '\0'; j < n && len < sizeof(now);
		    j++)
			len += (size_t)snprintf(now + len, sizeof(now) - len,
			    "%s%lld", j ? "," : "", (long long)cands[j].id);
		if ((st = db_stmt(r->db, RSQL_MEMBER_DECIDE)) == NULL) {
			*rc = db_last_rc(r->db);
			return -1;
		}
		db_bind_text(st, 0, "");
		db_bind_null(st, 1);
		db_bind_text(st, 2, now);
		member_check_hash(&d->m[i], hash);
		db_bind_text(st, 3, hash);
		db_bind_int(st, 4, 1);	/* complete as of now */
		db_bind_int(st, 5, d->id);
		db_bind_int(st, 6, d->m[i].position);
		if ((*rc = db_exec(st)) != DB_OK)
			return -1;
		if (first == 0)
			first = d->m[i].position;
	}
	*rc = DB_OK;
	return first;
}

/*
 * POST /registration/save (registration.register, CSRF; save_fields):
 * save the household of draft in one transaction (save_txn). Refused
 * with the summary: a decision still waiting (409), a procedure
 * changed from the proposal without a reason, or an unknown one (422).
 * A member checked again finds a person registered meanwhile: back to
 * its decision (303). A draft already saved (a double submit) goes to
 * its receipt. A database failure leaves nothing written and shows the
 * summary again (503). Redirects to the receipt.
 */
int
page_save(struct req *r)
{
	struct draft		*d = NULL;
	struct triage		 t;
	struct save_ctx		 c;
	struct wf_calendar	 cal;
	const struct wf_def	*def = NULL;
	enum db_rc		 rc;
	const char		*chosen = form_str(r, "procedure");
	const char		*reason = form_str(r, "reason");
	int64_t			 procedure = 0, version_id = 0;
	char			 loc[64];
	int			 status, tries, pos;

	memset(&cal, 0, sizeof(cal));
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((rc = draft_load(r, form_int(r, "draft"), d)) != DB_ROW) {
		status = rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	snprintf(loc, sizeof(loc), "/registration/receipt/%lld",
	    (long long)d->id);
	if (strcmp(d->status, "saved") == 0) {
		status = resp_redirect(r, loc);
		goto out;
	}
	if (d->n == 0 || undecided(d) > 0) {
		status = summary_again(r, 409, "Registration.Error.Undecided");
		goto out;
	}
	if ((pos = recheck(r, d, &rc)) < 0) {
		status = db_http_status(rc);
		goto out;
	}
	if (pos > 0) {
		/* A double submit: the other one saved the household while
		 * this one checked, and the persons it created are the
		 * "new" candidates (the draft's members of a saved draft
		 * are left as they are: RSQL_MEMBER_DECIDE asks an open
		 * draft). One household: its receipt. */
		if ((rc = draft_load(r, d->id, d)) != DB_ROW) {
			status = rc == DB_OK ? 404 : db_http_status(rc);
			goto out;
		}
		if (strcmp(d->status, "saved") == 0) {
			status = resp_redirect(r, loc);
			goto out;
		}
		flash_set(r, "error", "Registration.Flash.NewCandidate");
		snprintf(loc, sizeof(loc), "/registration/member/%d/match", pos);
		status = resp_redirect(r, loc);
		goto out;
	}
	if ((rc = triage_propose(r->db, d, &t)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (strcmp(chosen, t.proposed) != 0 && reason[0] == '\0') {
		form_set_error(r, "reason", "Registration.Error.OverrideReason");
		status = summary_again(r, 422, "Registration.Error.OverrideReason");
		goto out;
	}
	if ((rc = procedure_by_code(r->db, chosen, &procedure)) != DB_ROW ||
	    (status = procedure_current(r, procedure, &version_id, &def)) != 0) {
		if (rc != DB_ROW && rc != DB_OK) {
			status = db_http_status(rc);
			goto out;
		}
		form_set_error(r, "procedure", "Form.Error.Enum");
		status = summary_again(r, 422, "Form.Error.Enum");
		goto out;
	}
	if ((rc = calendar_load(r, &cal)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.d = d;
	c.t = &t;
	c.chosen = chosen;
	c.reason = strcmp(chosen, t.proposed) != 0 ? reason : "";
	c.n.def = def;
	c.n.cal = &cal;
	c.n.procedure = procedure;
	c.n.version_id = version_id;
	if (wf_day_parse(d->lodged_on, &c.n.lodged) != 0)
		c.n.lodged = dossier_today(r);
	/* A reference drawn twice (1 in 31^8 per pair) is drawn again. */
	for (tries = 0; tries < 5; tries++) {
		booking_reference_new(c.n.reference);
		if ((rc = db_txn(r->db, save_txn, &c)) != DB_DUP)
			break;
	}
	if (rc != DB_OK) {
		log_err("cannot save a household: %s", db_errmsg(r->db));
		status = summary_again(r, rc == DB_DOWN ? 503 : 500,
		    "Registration.Error.SaveFailed");
		goto out;
	}
	log_info("household of draft %lld saved: dossier %lld",
	    (long long)d->id, (long long)c.n.id);
	flash_set(r, "ok", "Registration.Flash.Saved");
	snprintf(loc, sizeof(loc), "/registration/receipt/%lld",
	    (long long)d->id);
	status = resp_redirect(r, loc);
out:
	calendar_free(&cal);
	free(d);
	return status;
}

/* Receipt keys copied per language (Registration.Receipt.<key>). */
static const char *const receipt_keys[] = {"Title", "Intro", "Reference",
	"Date", "Procedure", "Priority", "Members", "Missing", "None",
	"Follow", "Keep", "Interview", "InterviewRef", "InterviewLater",
	NULL};

/* Receipt.Langs.i.* in language lang: its texts and the household's
 * facts in words of that language. */
static void
receipt_section(struct req *r, size_t i, const char *lang,
    const char *code, const char *name, int priority)
{
	HDF	*h = NULL;
	char	 node[96], key[96];
	size_t	 k;

	if (hdf_init(&h) != STATUS_OK || h == NULL)
		return;
	if (hdf_set_value(h, "Page.Lang", lang) != STATUS_OK)
		goto out;
	snprintf(node, sizeof(node), "Receipt.Langs.%zu.Lang", i);
	page_set(r, node, lang);
	snprintf(node, sizeof(node), "Receipt.Langs.%zu.Dir", i);
	page_set(r, node, tpl_lang_rtl(lang) ? "rtl" : "ltr");
	for (k = 0; receipt_keys[k] != NULL; k++) {
		snprintf(key, sizeof(key), "Registration.Receipt.%s",
		    receipt_keys[k]);
		snprintf(node, sizeof(node), "Receipt.Langs.%zu.T.%s", i,
		    receipt_keys[k]);
		page_set(r, node, tpl_text(h, key));
	}
	snprintf(node, sizeof(node), "Receipt.Langs.%zu.ProcedureName", i);
	page_set(r, node, procedure_label(h, code, name));
	snprintf(node, sizeof(node), "Receipt.Langs.%zu.MissingId", i);
	page_set(r, node, tpl_text(h, "Registration.Receipt.MissingId"));
	/* the section's own comma: "،" in Arabic */
	snprintf(node, sizeof(node), "Receipt.Langs.%zu.T.Comma", i);
	page_set(r, node, tpl_text(h, "Form.Comma"));
	if (priority) {
		snprintf(node, sizeof(node), "Receipt.Langs.%zu.IsPriority", i);
		page_set(r, node, "1");
	}
out:
	hdf_destroy(&h);
}

/*
 * GET /registration/receipt/{id} (registration.register; ?lang=): the
 * printable receipt of the agent's saved household (draft id): the
 * reference, lodging date, procedure, the persons, the documents still
 * expected and how to follow the case on /status, in the applicant's
 * language (the leaflet's, or ?lang=) and the agency's
 * (Registration.AgencyLanguage, default fr). Template
 * registration/receipt.cs.
 */
int
page_receipt(struct req *r)
{
	struct draft	*d = NULL;
	struct db_stmt	*st;
	enum db_rc	 rc;
	const struct member *principal = NULL;
	const char	*agency, *mine, *asked;
	char		 code[33], name[201], shown[10], node[64], who[1700];
	size_t		 i, n = 0;
	int		 status, priority = 0;

	/* ?lang= of the receipt (a refused interview's POST has the SMS's
	 * language under that name: the receipt keeps its own) */
	asked = r->method == M_GET ? form_str(r, "lang") : "";
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return 500;
	if ((rc = draft_load(r, req_param_int(r, "id"), d)) != DB_ROW ||
	    strcmp(d->status, "saved") != 0 || d->dossier_id == 0) {
		status = rc == DB_ROW || rc == DB_OK ? 404 : db_http_status(rc);
		goto out;
	}
	if ((st = db_stmt(r->db, RSQL_TRIAGE_GET)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, d->id);
	if ((rc = db_step(st)) == DB_ROW) {
		priority = (int)db_col_int(st, 3);
		db_reset(st);
	} else if (rc != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if ((st = db_stmt(r->db, RSQL_RECEIPT)) == NULL) {
		status = db_http_status(db_last_rc(r->db));
		goto out;
	}
	db_bind_int(st, 0, d->dossier_id);
	if ((rc = db_step(st)) != DB_ROW) {
		status = db_http_status(rc == DB_OK ? DB_ERROR : rc);
		goto out;
	}
	booking_reference_display(db_col_text(st, 0), shown);
	page_set(r, "Receipt.Reference", shown);
	page_set(r, "Receipt.Date", db_col_text(st, 1));
	snprintf(code, sizeof(code), "%s", db_col_text(st, 2));
	snprintf(name, sizeof(name), "%s", db_col_text(st, 3));
	db_reset(st);
	for (i = 0; i < d->n; i++) {
		if (d->m[i].position == 1)
			principal = &d->m[i];
		member_display(&d->m[i], who, sizeof(who));
		snprintf(node, sizeof(node), "Receipt.Members.%zu.Name", i);
		page_set(r, node, who);
		if (d->m[i].doc_number[0] == '\0') {
			snprintf(node, sizeof(node), "Receipt.Missing.%zu.Name",
			    n++);
			page_set(r, node, who);
		}
	}
	agency = r->conf ? conf_get(r->conf, "Registration.AgencyLanguage",
	    "fr") : "fr";
	if (!tpl_lang_ok(agency))
		agency = r->conf && r->conf->default_lang ?
		    r->conf->default_lang : "en";
	mine = asked[0] != '\0' && tpl_lang_ok(asked) ? asked :
	    principal != NULL && tpl_lang_ok(principal->leaflet_lang) ?
	    principal->leaflet_lang : agency;
	page_set(r, "Page.Title", tpl_text(r->hdf,
	    "Registration.Receipt.PageTitle"));
	receipt_section(r, 0, mine, code, name, priority);
	if (strcmp(mine, agency) != 0)
		receipt_section(r, 1, agency, code, name, priority);
	page_set_int(r, "Receipt.Draft", d->id);
	if ((status = interview_fill(r, d, mine)) != 0)
		goto out;
	status = 200;
out:
	free(d);
	return status;
}

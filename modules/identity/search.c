/*
 * search.c: the cross-script person search (identity.search). The
 * query is read from the form; the person library finds and scores its
 * candidates (person_search_run: blocking keys, documents, phones, the
 * register's name frequencies; modules/person/search.c) and they are
 * shown best first with a class and a per-field explanation, as HTML for
 * agents or as JSON for other systems (Accept: application/json, API
 * key with identity.search).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "identity.h"
#include "person.h"
#include "log.h"
#include "session.h"
#include "tpl.h"

static const char *const sex_choices[] = {"M", "F", "X", NULL};

/* The search form (GET): every field optional, at least one needed. */
const struct field_spec search_fields[] = {
	{"family_name", FIELD_STRING, 0, 0, 200, NULL},
	{"given_names", FIELD_STRING, 0, 0, 200, NULL},
	{"birth_date", FIELD_PDATE, 0, 0, 0, NULL},
	{"sex", FIELD_ENUM, 0, 0, 0, sex_choices},
	{"nationality", FIELD_COUNTRY, 0, 0, 0, NULL},
	{"document_number", FIELD_STRING, 0, 0, 64, NULL},
	{"phone", FIELD_PHONE, 0, 0, 0, NULL},
	{"q", FIELD_STRING, 0, 0, 300, NULL},
	{"page", FIELD_INT, 0, 1, IDENTITY_SCORED_MAX / IDENTITY_SHOWN, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

#define SHOWN		IDENTITY_SHOWN
/* Returns 1 if s holds a digit, else 0. */
static int
has_digit(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= '0' && *s <= '9')
			return 1;
	return 0;
}

/*
 * Read the free-text box: dates (1990, 1990-05, 1990-05-23) become the
 * birth date, numbers that read as phones the phone, other tokens with
 * digits a document number, and the words the names (the last one the
 * family name when none was typed; the matcher allows for swapped
 * names). Fills the query's parts left empty by the form.
 */
static void
free_text(struct req *r, const char *q, struct match_person *qp,
    struct buf *names)
{
	char		 copy[301], *tok, *save, phone[17], doc[65];
	struct pdate	 d;
	const char	*cc;

	snprintf(copy, sizeof(copy), "%s", q);
	cc = r->conf ? conf_get(r->conf, "Site.PhoneCountryCode", NULL) : NULL;
	for (tok = strtok_r(copy, " \t,;", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t,;", &save)) {
		if (!has_digit(tok)) {
			buf_puts(names, names->len ? " " : "");
			buf_puts(names, tok);
			continue;
		}
		if (valid_partial_date(tok, &d)) {
			if (qp->birth.precision == DATE_UNKNOWN)
				qp->birth = d;
		} else if ((tok[0] == '+' || strlen(tok) >= 9) &&
		    strspn(tok, "+0123456789") == strlen(tok) &&
		    valid_phone(tok, cc, phone)) {
			if (qp->nphones < MATCH_MAX_PHONES)
				snprintf(qp->phones[qp->nphones++],
				    sizeof(qp->phones[0]), "%s", phone);
			person_docno_normalise(tok, doc);
			if (qp->ndocs < MATCH_MAX_DOCS && doc[0])
				snprintf(qp->docs[qp->ndocs++],
				    sizeof(qp->docs[0]), "%s", doc);
		} else {
			person_docno_normalise(tok, doc);
			if (qp->ndocs < MATCH_MAX_DOCS && doc[0])
				snprintf(qp->docs[qp->ndocs++],
				    sizeof(qp->docs[0]), "%s", doc);
		}
	}
}

/*
 * Where the family name starts in free-text words: the last word, and
 * before it the particles that belong to it ("bin Salman", "Al Hassan",
 * "van der Berg"). A text of particles only is all family name.
 */
static char *
family_split(char *words)
{
	char	*start, *prev, save;

	if ((start = strrchr(words, ' ')) == NULL)
		return words;
	start++;
	while (start > words) {
		for (prev = start - 1; prev > words && prev[-1] != ' '; prev--)
			;
		save = start[-1];
		start[-1] = '\0';
		if (!match_word_is_particle(prev)) {
			start[-1] = save;
			break;
		}
		start[-1] = save;
		start = prev;
	}
	return start;
}

/* Words (separated by spaces) in s, NULL counting none. */
static size_t
words_count(const char *s)
{
	size_t	n = 0;

	while (s != NULL && *s != '\0') {
		s += strspn(s, " \t");
		if (*s == '\0')
			break;
		n++;
		s += strcspn(s, " \t");
	}
	return n;
}

/* Returns 1 if s holds a word that is a name: two letters or more and
 * not a particle ("Al", "bin", "de" alone name nobody). */
static int
has_name_word(const char *s)
{
	char	word[256];
	size_t	len, i, letters;

	while (*s != '\0') {
		s += strspn(s, " \t,;");
		len = strcspn(s, " \t,;");
		if (len > 0 && len < sizeof(word)) {
			memcpy(word, s, len);
			word[len] = '\0';
			for (i = 0, letters = 0; i < len; i++)
				if (((unsigned char)word[i] & 0xc0) != 0x80 &&
				    (unsigned char)word[i] > ' ' &&
				    word[i] != '-' && word[i] != '\'')
					letters++;
			if (letters >= 2 && !has_digit(word) &&
			    !match_word_is_particle(word))
				return 1;
		}
		s += len;
	}
	return 0;
}

/*
 * Build the query from the form. Returns 1 if anything was asked, 0 if
 * nothing, -1 if the names typed are particles only and nothing else
 * (a document, a phone) was asked: a look-up of "Al" would list half
 * the register; -2 if the family or the given names hold more words
 * than a name can (MATCH_MAX_TOKENS).
 */
static int
query_build(struct req *r, struct match_person *qp)
{
	const struct field_value	*v;
	struct buf			 names = {0};
	char				 family[801], doc[65], *sp;
	const char			*given;
	int				 asked = 0;

	memset(qp, 0, sizeof(*qp));
	snprintf(family, sizeof(family), "%s", form_str(r, "family_name"));
	given = form_str(r, "given_names");
	if ((v = form_get(r, "birth_date")) != NULL && v->present &&
	    v->valid) {
		qp->birth = v->date;
		asked = 1;
	}
	if (form_str(r, "sex")[0] != '\0') {
		qp->sex = form_str(r, "sex")[0];
		asked = 1;
	}
	snprintf(qp->nationality, sizeof(qp->nationality), "%s",
	    form_str(r, "nationality"));
	person_docno_normalise(form_str(r, "document_number"), doc);
	if (doc[0] != '\0')
		snprintf(qp->docs[qp->ndocs++], sizeof(qp->docs[0]), "%s", doc);
	if (form_str(r, "phone")[0] != '\0')
		snprintf(qp->phones[qp->nphones++], sizeof(qp->phones[0]), "%s",
		    form_str(r, "phone"));
	buf_puts(&names, given);
	if (form_str(r, "q")[0] != '\0')
		free_text(r, form_str(r, "q"), qp, &names);
	/* A name holds MATCH_MAX_TOKENS words; more would be dropped
	 * without a word: say so instead. */
	if (words_count(names.data) > MATCH_MAX_TOKENS ||
	    words_count(family) > MATCH_MAX_TOKENS) {
		buf_free(&names);
		return -2;
	}
	/* Free-text words with no family name typed: the last word is
	 * taken as the family name, with the particles written before it
	 * ("Mohammed Al Hassan": family "Al Hassan", as "Al-Hassan"). */
	if (family[0] == '\0' && given[0] == '\0' && names.len > 0) {
		sp = family_split(names.data);
		snprintf(family, sizeof(family), "%s", sp);
		if (sp > names.data)
			sp[-1] = '\0';
		else
			names.data[0] = '\0';
		names.len = strlen(names.data);
	}
	match_name(identity_matcher, family, &qp->family);
	match_name(identity_matcher, names.data ? names.data : "", &qp->given);
	buf_free(&names);
	if (qp->family.n || qp->given.n || qp->ndocs || qp->nphones ||
	    qp->nationality[0])
		asked = 1;
	if ((qp->family.n || qp->given.n) && !qp->ndocs && !qp->nphones &&
	    !has_name_word(form_str(r, "family_name")) &&
	    !has_name_word(form_str(r, "given_names")) &&
	    !has_name_word(form_str(r, "q")))
		return -1;
	return asked;
}

/* One candidate as page data under base: Id, FamilyName, GivenNames,
 * BirthDate, Sex, Nationality, Source, SourceId, Score, Class,
 * ClassLabel, Carried (percent of the query's names it carries),
 * Reasons.M.{Field, How, Bar, Percent, Detail, Note}. */
static void
candidate_page(struct req *r, const char *base, const struct person_cand *c)
{
	const struct match_reason	*m;
	char				 node[128], rb[96], words[64];
	size_t				 j;
	int				 bar;

#define SETS(b, k, v) do { snprintf(node, sizeof(node), "%s." k, (b)); \
	page_set(r, node, (v)); } while (0)
#define SETI(b, k, v) do { snprintf(node, sizeof(node), "%s." k, (b)); \
	page_set_int(r, node, (v)); } while (0)
	SETI(base, "Id", c->id);
	SETS(base, "FamilyName", c->family);
	SETS(base, "GivenNames", c->given);
	tpl_pdate_words(r->hdf, c->birth, words, sizeof(words));
	SETS(base, "BirthDate", words);
	SETS(base, "Sex", c->sex[0] ? identity_label(r, "Sex", c->sex) : "");
	SETS(base, "Nationality", c->nationality);
	SETS(base, "Source", c->source);
	SETS(base, "SourceId", c->source_id);
	SETI(base, "Score", (long long)lround(c->res.score * 100));
	SETI(base, "Carried", (long long)lround(c->carried * 100));
	SETS(base, "Class", match_class_name(c->res.cls));
	SETS(base, "ClassLabel", identity_label(r, "Class",
	    match_class_name(c->res.cls)));
	for (j = 0; j < c->res.nreasons; j++) {
		m = &c->res.reasons[j];
		bar = (int)lround(m->score * 10);
		if (bar < 0)
			bar = 0;
		if (bar > 10)
			bar = 10;
		snprintf(rb, sizeof(rb), "%s.Reasons.%zu", base, j);
		SETS(rb, "Field", identity_label(r, "Field", m->field));
		SETS(rb, "How", identity_label(r, "How", m->how));
		SETI(rb, "Bar", bar);
		SETI(rb, "Percent", (long long)lround(m->score * 100));
		SETS(rb, "Detail", m->detail);
		SETS(rb, "Note", m->note != NULL ? identity_label(r, "Note",
		    m->note) : "");
	}
#undef SETS
#undef SETI
}

/*
 * The page's slice of the results (from, n of them) as page data: the
 * duplicate classes in Search.Results.N, the weaker look-ups in
 * Search.Lookups.N (candidate_page), numbered from the slice's start
 * (ol start); Search.Count (all), Search.From, Search.To, Search.Page,
 * Search.PrevPage / Search.NextPage when there are such pages,
 * Search.More when more persons carry the names than were listed.
 */
static void
results_page(struct req *r, const struct person_search *q, size_t from,
    size_t n, long long page)
{
	char	base[64];
	size_t	i, nres = 0, nlook = 0;

	for (i = from; i < from + n; i++) {
		if (q->cands[i].lookup) {
			if (nlook++ == 0)
				page_set_int(r, "Search.LookupsStart",
				    (long long)i + 1);
			snprintf(base, sizeof(base), "Search.Lookups.%zu",
			    nlook - 1);
		} else {
			if (nres++ == 0)
				page_set_int(r, "Search.ResultsStart",
				    (long long)i + 1);
			snprintf(base, sizeof(base), "Search.Results.%zu",
			    nres - 1);
		}
		candidate_page(r, base, &q->cands[i]);
	}
	page_set_int(r, "Search.Count", (long long)q->n);
	page_set_int(r, "Search.Shown", (long long)n);
	page_set_int(r, "Search.From", (long long)(n ? from + 1 : 0));
	page_set_int(r, "Search.To", (long long)(from + n));
	page_set_int(r, "Search.Page", page);
	if (page > 1)
		page_set_int(r, "Search.PrevPage", page - 1);
	if (from + n < q->n)
		page_set_int(r, "Search.NextPage", page + 1);
	if (q->more && from + n >= q->n)
		page_set(r, "Search.More", "1");
}

/* Append "name":"value" (escaped) to j. */
static void
json_str(struct buf *j, const char *name, const char *value, int comma)
{
	buf_printf(j, "%s\"%s\":\"", comma ? "," : "", name);
	buf_puts_json(j, value);
	buf_puts(j, "\"");
}

/*
 * The page's slice of the results as the API's JSON: {"candidates":
 * [...], "page": N, "more": bool}; each candidate says with "lookup"
 * whether it is a weaker look-up (class none: it carries the names,
 * not enough else) rather than a duplicate class. "more" is true when
 * a next page or more persons exist. Returns the status.
 */
static int
results_json(struct req *r, const struct person_cand *c, size_t n,
    long long page, int more)
{
	struct buf			 j = {0};
	const struct match_reason	*m;
	size_t				 i, k;
	int				 status;

	buf_puts(&j, "{\"candidates\":[");
	for (i = 0; i < n; i++) {
		buf_printf(&j, "%s{\"person_id\":%lld", i ? "," : "",
		    (long long)c[i].id);
		json_str(&j, "source", c[i].source, 1);
		if (c[i].source_id[0])
			json_str(&j, "source_id", c[i].source_id, 1);
		else
			buf_puts(&j, ",\"source_id\":null");
		json_str(&j, "family_name", c[i].family, 1);
		json_str(&j, "given_names", c[i].given, 1);
		if (c[i].birth[0])
			json_str(&j, "birth_date", c[i].birth, 1);
		else
			buf_puts(&j, ",\"birth_date\":null");
		buf_printf(&j, ",\"score\":%.3f", c[i].res.score);
		json_str(&j, "class", match_class_name(c[i].res.cls), 1);
		buf_printf(&j, ",\"lookup\":%s", c[i].lookup ? "true" :
		    "false");
		buf_puts(&j, ",\"reasons\":[");
		for (k = 0; k < c[i].res.nreasons; k++) {
			m = &c[i].res.reasons[k];
			buf_puts(&j, k ? ",{" : "{");
			json_str(&j, "field", m->field ? m->field : "", 0);
			json_str(&j, "how", m->how ? m->how : "", 1);
			buf_printf(&j, ",\"score\":%.3f,\"weight\":%.3f",
			    m->score, m->weight);
			json_str(&j, "detail", m->detail, 1);
			if (m->note != NULL)
				json_str(&j, "note", m->note, 1);
			buf_puts(&j, "}");
		}
		buf_puts(&j, "]}");
	}
	buf_printf(&j, "],\"page\":%lld,\"more\":%s}", page,
	    more ? "true" : "false");
	status = resp_json(r, 200, j.data);
	buf_free(&j);
	return status;
}

/* Returns 1 if the client asked for JSON (API key, or Accept). */
static int
wants_json(const struct req *r)
{
	const char	*accept = req_env(r, "HTTP_ACCEPT");

	return r->is_api || (accept != NULL &&
	    strstr(accept, "application/json") != NULL);
}

/* The options of the form: sexes (Search.Sexes.N.{Value,Label}). */
static void
options_fill(struct req *r)
{
	char	node[64];
	size_t	i;

	for (i = 0; sex_choices[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Search.Sexes.%zu.Value", i);
		page_set(r, node, sex_choices[i]);
		snprintf(node, sizeof(node), "Search.Sexes.%zu.Label", i);
		page_set(r, node, identity_label(r, "Sex", sex_choices[i]));
	}
}

/* Characters of access_event.reason. */
#define SEARCH_TRAIL_CHARS	200

/*
 * What was searched, for the access trail: "name=value" for each field
 * given, joined by "; ", cut at SEARCH_TRAIL_CHARS characters (at a
 * character boundary). out holds SEARCH_TRAIL_CHARS * 4 + 1 bytes. The
 * trail keeps who looked for whom; the logs never carry it.
 */
static void
search_trail(const struct req *r, char out[SEARCH_TRAIL_CHARS * 4 + 1])
{
	struct buf	 b = {0};
	const char	*v, *p;
	size_t		 i, chars = 0;

	for (i = 0; search_fields[i].name != NULL; i++) {
		if ((v = form_str(r, search_fields[i].name))[0] == '\0')
			continue;
		buf_printf(&b, "%s%s=", b.len ? "; " : "", search_fields[i].name);
		buf_puts(&b, v);
	}
	out[0] = '\0';
	if (b.data == NULL)
		return;
	for (p = b.data; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80 &&
		    ++chars > SEARCH_TRAIL_CHARS)
			break;
	}
	memcpy(out, b.data, (size_t)(p - b.data));
	out[p - b.data] = '\0';
	buf_free(&b);
}

/*
 * GET /identity and /identity/search (identity.search; search_fields;
 * also the fill of a rejected search): the search form and, when
 * anything was asked, the persons found: first the duplicate classes
 * best first with score, class and explanation, then the weaker
 * look-ups (persons carrying the names typed), SHOWN a page (page=N,
 * up to IDENTITY_SCORED_MAX persons in all). Names of particles only
 * ("Al", "bin") are refused on the field with a message asking for
 * more. With Accept: application/json (or an API key) the answer is
 * {"candidates":[...],"page":N,"more":bool} (at most 20), and a bad
 * field is a JSON 422. Each search asked writes an access event
 * (person_search, the number of persons shown, what was asked).
 * Template identity/search.cs.
 */
int
page_search(struct req *r)
{
	struct match_person	*qp = NULL;
	struct person_search	 q = {0};
	enum db_rc		 rc;
	size_t			 from = 0, shown = 0;
	long long		 page = 1;
	int			 status, json = wants_json(r), asked;
	char			 trail[SEARCH_TRAIL_CHARS * 4 + 1], nshown[24];

	page_set(r, "Page.Title", tpl_text(r->hdf, "Identity.Search.Title"));
	options_fill(r);
	if (r->session != NULL && session_can(r->session, "identity.edit"))
		page_set(r, "Search.CanCreate", "1");
	if (r->form.nerrors > 0)
		return json ? auth_json_form_errors(r) : 422;
	if (form_str(r, "page")[0] != '\0')
		page = form_int(r, "page");
	q.m = identity_matcher;
	q.lookups = 1;
	q.max = IDENTITY_SCORED_MAX;
	if ((qp = calloc(1, sizeof(*qp))) == NULL ||
	    (q.cands = calloc(q.max, sizeof(*q.cands))) == NULL) {
		status = 500;
		goto out;
	}
	if (identity_matcher_open(r) != 0) {
		status = 503;
		goto out;
	}
	if ((asked = query_build(r, qp)) < 0) {
		form_set_error(r, form_str(r, "q")[0] ? "q" :
		    form_str(r, "family_name")[0] ? "family_name" :
		    "given_names", asked == -1 ? "Identity.Search.OnlyParticles" :
		    "Identity.Search.TooManyWords");
		status = json ? auth_json_form_errors(r) : 422;
		goto out;
	}
	if (!asked) {
		status = json ? results_json(r, q.cands, 0, 1, 0) : 200;
		goto out;
	}
	page_set(r, "Search.Asked", "1");
	if ((rc = person_search_run(r->db, qp, &q)) != DB_OK) {
		log_err("search failed: %s", db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	/* A page past the end (the register changed since the link was
	 * made) shows the last one. */
	if ((page - 1) * SHOWN >= (long long)q.n && q.n > 0)
		page = (long long)((q.n - 1) / SHOWN) + 1;
	from = (size_t)(page - 1) * SHOWN;
	if (from < q.n)
		shown = q.n - from < SHOWN ? q.n - from : SHOWN;
	/* Every search by an agent or an API key is on the access trail,
	 * with what was asked and how many persons were shown. */
	search_trail(r, trail);
	snprintf(nshown, sizeof(nshown), "%zu", shown);
	if ((rc = access_write(r, "person_search", nshown, trail)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (json)
		status = results_json(r, q.cands + from, shown, page,
		    q.more || from + shown < q.n);
	else {
		results_page(r, &q, from, shown, page);
		status = 200;
	}
out:
	free(qp);
	free(q.cands);
	return status;
}

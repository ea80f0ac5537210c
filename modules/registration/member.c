/*
 * member.c: one person's step of the household flow (the principal at
 * position 1, then each member with their relation to the principal):
 * the form, its automatic checks before anything is stored (each
 * explained next to its field: required fields, plausible ages, a child
 * born before a parent's 12th birthday, documents expired or issued in
 * the future, the MRZ's check digits, the phone's length for its
 * country), the Latin names proposed by the transliteration, and the
 * duplicate check against the register with its side-by-side decision.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "booking.h"
#include "casefile.h"
#include "log.h"
#include "mrz.h"
#include "registration.h"
#include "session.h"
#include "tpl.h"

/* Languages offered for the interpreter and the leaflet, each named in
 * its own script (a language picker's usual autonyms). */
static const char *const lang_codes[] = {"ar", "fa", "ps", "ti", "am",
	"so", "ku", "ur", "tr", "ru", "uk", "en", "fr", "es", "ht", NULL};
static const char *const lang_names[] = {"العربية", "فارسی", "پښتو",
	"ትግርኛ", "አማርኛ", "Soomaali", "Kurdî", "اردو", "Türkçe", "Русский",
	"Українська", "English", "Français", "Español", "Kreyòl ayisyen",
	NULL};

/* The information leaflets handed at the desk. */
static const char *const leaflets[] = {"rights_procedure", "dublin",
	"reception_conditions", NULL};

static const char *const sexes[] = {"M", "F", "X", NULL};

/* POST /registration/member/{pos}: a person of the household. Names
 * and the other identifying fields are not required here: an MRZ may
 * fill them; member_checks() says what is missing. */
const struct field_spec member_fields[] = {
	{"relation", FIELD_ENUM, 0, 0, 0, reg_relations},
	{"family_name", FIELD_STRING, 0, 0, 200, NULL},
	{"given_names", FIELD_STRING, 0, 0, 200, NULL},
	{"family_latin", FIELD_STRING, 0, 0, 400, NULL},
	{"given_latin", FIELD_STRING, 0, 0, 400, NULL},
	{"sex", FIELD_ENUM, 0, 0, 0, sexes},
	{"birth", FIELD_PDATE, 0, 0, 0, NULL},
	{"nationality", FIELD_COUNTRY, 0, 0, 0, NULL},
	{"languages", FIELD_STRING, 0, 0, 100, NULL},
	{"interpreter", FIELD_ENUM, 0, 0, 0, lang_codes},
	{"phone", FIELD_PHONE, 0, 0, 0, NULL},
	{"address", FIELD_STRING, 0, 0, 300, NULL},
	{"doc_type", FIELD_ENUM, 0, 0, 0, person_doc_types},
	{"doc_number", FIELD_STRING, 0, 0, 64, NULL},
	{"doc_country", FIELD_COUNTRY, 0, 0, 0, NULL},
	{"doc_issued", FIELD_DATE, 0, 0, 0, NULL},
	{"doc_expiry", FIELD_DATE, 0, 0, 0, NULL},
	{"mrz", FIELD_TEXT, 0, 0, 200, NULL},
	{"need_unaccompanied_child", FIELD_BOOL, 0, 0, 0, NULL},
	{"need_separated_child", FIELD_BOOL, 0, 0, 0, NULL},
	{"need_torture_survivor", FIELD_BOOL, 0, 0, 0, NULL},
	{"need_serious_medical", FIELD_BOOL, 0, 0, 0, NULL},
	{"need_disability", FIELD_BOOL, 0, 0, 0, NULL},
	{"need_pregnant_lactating", FIELD_BOOL, 0, 0, 0, NULL},
	{"need_older_at_risk", FIELD_BOOL, 0, 0, 0, NULL},
	{"need_single_parent", FIELD_BOOL, 0, 0, 0, NULL},
	{"leaflet", FIELD_ENUM, 0, 0, 0, leaflets},
	{"leaflet_lang", FIELD_ENUM, 0, 0, 0, lang_codes},
	{"consent", FIELD_BOOL, 0, 0, 0, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* POST /registration/member/{pos}/match: "create", or the id of the
 * candidate who is this person. */
const struct field_spec match_fields[] = {
	{"choice", FIELD_STRING, 1, 1, 20, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* Digits of national numbers per calling code (ITU-T E.164 national
 * numbering plans, mobile and fixed): a number outside its range was
 * mistyped. Codes not listed are only checked for E.164's 8..15. */
static const struct {
	const char	*cc;
	int		 min, max;
} phone_plans[] = {
	{"33", 9, 9},	/* France */
	{"32", 8, 9},	/* Belgium */
	{"41", 9, 9},	/* Switzerland */
	{"49", 6, 13},	/* Germany */
	{"44", 9, 10},	/* United Kingdom */
	{"212", 9, 9},	/* Morocco */
	{"213", 8, 9},	/* Algeria */
	{"216", 8, 8},	/* Tunisia */
	{"963", 8, 9},	/* Syria */
	{"964", 8, 10},	/* Iraq */
	{"93", 9, 9},	/* Afghanistan */
	{"249", 9, 9},	/* Sudan */
	{"291", 7, 7},	/* Eritrea */
	{"251", 9, 9},	/* Ethiopia */
	{"252", 7, 9},	/* Somalia */
	{"98", 10, 10},	/* Iran */
	{"90", 10, 10},	/* Turkey */
	{"380", 9, 9},	/* Ukraine */
	{"7", 10, 10},	/* Russia */
	{"509", 8, 8},	/* Haiti */
};

/* 1 if E.164 number e (+digits) fits its country's plan (or its
 * country is not listed). */
static int
phone_fits_plan(const char *e)
{
	size_t	i, cl, digits;

	if (e[0] != '+')
		return 0;
	digits = strlen(e + 1);
	for (i = 0; i < sizeof(phone_plans) / sizeof(phone_plans[0]); i++) {
		cl = strlen(phone_plans[i].cc);
		if (strncmp(e + 1, phone_plans[i].cc, cl) == 0)
			return (int)(digits - cl) >= phone_plans[i].min &&
			    (int)(digits - cl) <= phone_plans[i].max;
	}
	return 1;
}

/* A valid field's normalised or raw text ("" when absent or invalid). */
static const char *
field_text(struct req *r, const char *name)
{
	const struct field_value *v = form_get(r, name);

	if (v == NULL || !v->present || !v->valid)
		return "";
	return form_str(r, name);
}

/* The member typed into the form (pos, relation) into m. */
static void
member_from_form(struct req *r, int pos, struct member *m)
{
	size_t	i, len = 0;
	char	name[40];

	memset(m, 0, sizeof(*m));
	m->position = pos;
	snprintf(m->relation, sizeof(m->relation), "%s", pos == 1 ?
	    "principal" : field_text(r, "relation"));
#define TAKE(f) snprintf(m->f, sizeof(m->f), "%s", field_text(r, #f))
	TAKE(family_name);
	TAKE(given_names);
	TAKE(family_latin);
	TAKE(given_latin);
	TAKE(sex);
	TAKE(birth);
	TAKE(nationality);
	TAKE(languages);
	TAKE(interpreter);
	TAKE(phone);
	TAKE(address);
	TAKE(doc_type);
	TAKE(doc_number);
	TAKE(doc_country);
	TAKE(doc_issued);
	TAKE(doc_expiry);
	TAKE(leaflet);
	TAKE(leaflet_lang);
#undef TAKE
	for (i = 0; reg_needs[i] != NULL; i++) {
		snprintf(name, sizeof(name), "need_%s", reg_needs[i]);
		if (form_int(r, name))
			len += (size_t)snprintf(m->needs + len,
			    sizeof(m->needs) - len, "%s%s", len ? "," : "",
			    reg_needs[i]);
	}
	m->consent = form_int(r, "consent") != 0;
}

/* The MRZ typed or scanned: checked, then the fields left empty filled
 * from it (the number typed must be the MRZ's). Returns 0 or -1 (the
 * error is on the field). */
static int
mrz_apply(struct req *r, struct member *m)
{
	const char	*raw = field_text(r, "mrz");
	struct mrz	 z;
	enum mrz_error	 e;
	char		 norm[PERSON_DOCNO_SIZE];
	int		 yy, now_yy;
	int64_t		 today = dossier_today(r);
	int		 y, mo, d;
	size_t		 i, n = 0;

	if (raw[0] == '\0')
		return 0;
	if ((e = mrz_parse(raw, strlen(raw), &z)) != MRZ_OK) {
		form_set_error(r, "mrz", mrz_error_key(e));
		return -1;
	}
	for (i = 0; raw[i] != '\0' && n + 1 < sizeof(m->mrz); i++) {
		if (raw[i] == '\r' || raw[i] == ' ' || raw[i] == '\t')
			continue;
		m->mrz[n++] = (raw[i] >= 'a' && raw[i] <= 'z') ?
		    (char)(raw[i] - 'a' + 'A') : raw[i];
	}
	m->mrz[n] = '\0';
	person_docno_normalise(m->doc_number, norm);
	if (m->doc_number[0] == '\0')
		snprintf(m->doc_number, sizeof(m->doc_number), "%s", z.number);
	else if (strcmp(norm, z.number) != 0) {
		form_set_error(r, "doc_number", "Identity.Error.MrzNumber");
		return -1;
	}
	if (m->doc_type[0] == '\0')
		snprintf(m->doc_type, sizeof(m->doc_type), "%s",
		    z.doc_code[0] == 'P' ? "passport" : "id_card");
	if (m->doc_country[0] == '\0' && valid_country(z.issuing))
		snprintf(m->doc_country, sizeof(m->doc_country), "%s",
		    z.issuing);
	if (m->nationality[0] == '\0' && valid_country(z.nationality))
		snprintf(m->nationality, sizeof(m->nationality), "%s",
		    z.nationality);
	if (m->sex[0] == '\0' && z.sex != 0)
		snprintf(m->sex, sizeof(m->sex), "%c", z.sex);
	if (m->doc_expiry[0] == '\0')
		snprintf(m->doc_expiry, sizeof(m->doc_expiry),
		    "20%.2s-%.2s-%.2s", z.expiry, z.expiry + 2, z.expiry + 4);
	if (m->birth[0] == '\0') {
		/* A two-digit year after this year's is last century's. */
		wf_ymd(today, &y, &mo, &d);
		now_yy = y % 100;
		yy = (z.birth[0] - '0') * 10 + (z.birth[1] - '0');
		snprintf(m->birth, sizeof(m->birth), "%d-%.2s-%.2s",
		    (yy > now_yy ? 1900 : 2000) + yy, z.birth + 2, z.birth + 4);
	}
	if (m->family_name[0] == '\0' && m->given_names[0] == '\0') {
		snprintf(m->family_name, sizeof(m->family_name), "%s",
		    z.family);
		snprintf(m->given_names, sizeof(m->given_names), "%s",
		    z.given);
	}
	if (m->family_latin[0] == '\0' && m->given_latin[0] == '\0') {
		snprintf(m->family_latin, sizeof(m->family_latin), "%s",
		    z.family);
		snprintf(m->given_latin, sizeof(m->given_latin), "%s",
		    z.given);
	}
	return 0;
}

/* Whole years from birth b to day (a lower bound when parts are
 * unknown: unknown month or day count as the year's last). */
static int
age_on(const struct pdate *b, int64_t day)
{
	int	y, m, d, age;

	wf_ymd(day, &y, &m, &d);
	age = y - b->year;
	if (b->month == 0 || m < b->month || (m == b->month &&
	    (b->day == 0 || d < b->day)))
		age--;
	return age;
}

/*
 * 1 if a child born on c was born before the 12th birthday of a parent
 * born on p (comparing the parts both dates know), else 0. The
 * agency's rule: a parent is at least 12 at a child's birth; below, the
 * link or a date is mistyped.
 */
static int
child_too_early(const struct pdate *c, const struct pdate *p)
{
	if (c->year == 0 || p->year == 0)
		return 0;
	if (c->year != p->year + 12)
		return c->year < p->year + 12;
	if (c->month == 0 || p->month == 0 || c->month != p->month)
		return c->month != 0 && p->month != 0 && c->month < p->month;
	return c->day != 0 && p->day != 0 && c->day < p->day;
}

/* Mark field name in error with msgkey, unless its input was already
 * refused (its own message stays). */
static void
check_fail(struct req *r, const char *name, const char *msgkey)
{
	const struct field_value *v = form_get(r, name);

	if (v == NULL || v->valid)
		form_set_error(r, name, msgkey);
}

/*
 * The automatic checks of member m at position pos of draft d (the
 * principal's date for the family checks). Marks every field in error
 * with its message; returns the number of errors.
 */
static size_t
member_checks(struct req *r, const struct draft *d, struct member *m)
{
	struct pdate	 birth, other;
	int64_t		 today = dossier_today(r), day;
	const struct member *principal = NULL;
	size_t		 i;
	int		 age = -1;

	if (m->position > 1 && m->relation[0] == '\0')
		check_fail(r, "relation", "Form.Error.Required");
	if (m->family_name[0] == '\0')
		check_fail(r, "family_name", "Form.Error.Required");
	if (m->sex[0] == '\0')
		check_fail(r, "sex", "Form.Error.Required");
	if (m->nationality[0] == '\0')
		check_fail(r, "nationality", "Form.Error.Required");
	if (m->languages[0] == '\0')
		check_fail(r, "languages", "Form.Error.Required");
	if (m->birth[0] == '\0' || !valid_partial_date(m->birth, &birth)) {
		check_fail(r, "birth", "Form.Error.Required");
		memset(&birth, 0, sizeof(birth));
	} else if (wf_day(birth.year, birth.month ? birth.month : 1,
	    birth.day ? birth.day : 1) > today)
		check_fail(r, "birth", "Registration.Error.BirthFuture");
	else if ((age = age_on(&birth, today)) > 120)
		check_fail(r, "birth", "Registration.Error.TooOld");
	for (i = 0; i < d->n; i++)
		if (d->m[i].position == 1)
			principal = &d->m[i];
	if (m->position > 1 && principal != NULL && birth.year != 0 &&
	    valid_partial_date(principal->birth, &other)) {
		if (strcmp(m->relation, "child") == 0 &&
		    child_too_early(&birth, &other))
			check_fail(r, "birth",
			    "Registration.Error.ChildBeforeParent");
		if (strcmp(m->relation, "parent") == 0 &&
		    child_too_early(&other, &birth))
			check_fail(r, "birth",
			    "Registration.Error.ParentTooYoung");
	}
	if (age >= 18 && (strstr(m->needs, "unaccompanied_child") != NULL ||
	    strstr(m->needs, "separated_child") != NULL))
		check_fail(r, strstr(m->needs, "unaccompanied_child") ?
		    "need_unaccompanied_child" : "need_separated_child",
		    "Registration.Error.ChildNeedAdult");
	if (m->doc_number[0] != '\0' && m->doc_type[0] == '\0')
		check_fail(r, "doc_type", "Form.Error.Required");
	if (m->doc_type[0] != '\0' && m->doc_number[0] == '\0')
		check_fail(r, "doc_number", "Form.Error.Required");
	if (m->doc_expiry[0] != '\0' && wf_day_parse(m->doc_expiry, &day) == 0
	    && day < today)
		check_fail(r, "doc_expiry", "Registration.Error.DocExpired");
	if (m->doc_issued[0] != '\0' && wf_day_parse(m->doc_issued, &day) == 0
	    && day > today)
		check_fail(r, "doc_issued", "Registration.Error.DocFuture");
	if (m->phone[0] != '\0' && !phone_fits_plan(m->phone))
		check_fail(r, "phone", "Registration.Error.PhonePlan");
	if (m->position == 1) {
		if (m->leaflet[0] == '\0')
			check_fail(r, "leaflet", "Form.Error.Required");
		if (m->leaflet_lang[0] == '\0')
			check_fail(r, "leaflet_lang", "Form.Error.Required");
		if (!m->consent)
			check_fail(r, "consent", "Registration.Error.Consent");
	}
	return r->form.nerrors;
}

/* Options.{Relations,Sexes,DocTypes,Langs,Leaflets,Needs}.N and the
 * household so far (Household.N.{Position, Name, Relation}). */
static void
options_fill(struct req *r, const struct draft *d, int pos)
{
	char	node[64], key[96], name[1700];
	size_t	i;

#define OPT(list, i, value, label) do { \
	snprintf(node, sizeof(node), "Options." list ".%zu.Value", (i)); \
	page_set(r, node, (value)); \
	snprintf(node, sizeof(node), "Options." list ".%zu.Label", (i)); \
	page_set(r, node, (label)); } while (0)
	for (i = 0; reg_relations[i] != NULL; i++) {
		snprintf(key, sizeof(key), "Registration.Relation.%s",
		    reg_relations[i]);
		OPT("Relations", i, reg_relations[i], tpl_text(r->hdf, key));
	}
	for (i = 0; sexes[i] != NULL; i++) {
		snprintf(key, sizeof(key), "Registration.Sex.%s", sexes[i]);
		OPT("Sexes", i, sexes[i], tpl_text(r->hdf, key));
	}
	for (i = 0; person_doc_types[i] != NULL; i++) {
		snprintf(key, sizeof(key), "Identity.DocType.%s",
		    person_doc_types[i]);
		OPT("DocTypes", i, person_doc_types[i], tpl_text(r->hdf, key));
	}
	for (i = 0; lang_codes[i] != NULL; i++)
		OPT("Langs", i, lang_codes[i], lang_names[i]);
	for (i = 0; leaflets[i] != NULL; i++) {
		snprintf(key, sizeof(key), "Registration.Leaflet.%s",
		    leaflets[i]);
		OPT("Leaflets", i, leaflets[i], tpl_text(r->hdf, key));
	}
	for (i = 0; reg_needs[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Options.Needs.%zu.Name", i);
		snprintf(key, sizeof(key), "need_%s", reg_needs[i]);
		page_set(r, node, key);
		snprintf(key, sizeof(key), "Registration.Need.%s", reg_needs[i]);
		snprintf(node, sizeof(node), "Options.Needs.%zu.Label", i);
		page_set(r, node, tpl_text(r->hdf, key));
	}
#undef OPT
	for (i = 0; i < d->n; i++) {
		snprintf(node, sizeof(node), "Household.%zu.Position", i);
		page_set_int(r, node, d->m[i].position);
		member_display(&d->m[i], name, sizeof(name));
		snprintf(node, sizeof(node), "Household.%zu.Name", i);
		page_set(r, node, name);
		snprintf(key, sizeof(key), "Registration.Relation.%s",
		    d->m[i].relation);
		snprintf(node, sizeof(node), "Household.%zu.Relation", i);
		page_set(r, node, tpl_text(r->hdf, key));
	}
	page_set_int(r, "Member.Position", pos);
	page_set_int(r, "Member.Principal", pos == 1);
	page_set(r, "Page.Title", tpl_text(r->hdf, pos == 1 ?
	    "Registration.Member.TitlePrincipal" :
	    "Registration.Member.TitleMember"));
}

/* Form.<field>.Value of a stored member for the form. */
static void
member_to_form(struct req *r, const struct member *m)
{
	char	node[64];
	size_t	i;

#define PUT(f) page_set(r, "Form." #f ".Value", m->f)
	PUT(relation);
	PUT(family_name);
	PUT(given_names);
	PUT(family_latin);
	PUT(given_latin);
	PUT(sex);
	PUT(birth);
	PUT(nationality);
	PUT(languages);
	PUT(interpreter);
	PUT(phone);
	PUT(address);
	PUT(doc_type);
	PUT(doc_number);
	PUT(doc_country);
	PUT(doc_issued);
	PUT(doc_expiry);
	PUT(mrz);
	PUT(leaflet);
	PUT(leaflet_lang);
#undef PUT
	if (m->consent)
		page_set(r, "Form.consent.Value", "1");
	for (i = 0; reg_needs[i] != NULL; i++)
		if (strstr(m->needs, reg_needs[i]) != NULL) {
			snprintf(node, sizeof(node), "Form.need_%s.Value",
			    reg_needs[i]);
			page_set(r, node, "1");
		}
}

/* Form.*.Value of the principal from what the booking held (a
 * registration started at a reception counter). */
static void
prefill_to_form(struct req *r, const struct draft *d)
{
	size_t	i;

	page_set(r, "Form.family_name.Value", d->pre_family);
	page_set(r, "Form.given_names.Value", d->pre_given);
	page_set(r, "Form.phone.Value", d->pre_phone);
	page_set(r, "Form.doc_number.Value", d->pre_document);
	for (i = 0; lang_codes[i] != NULL; i++)
		if (strcmp(lang_codes[i], d->pre_lang) == 0) {
			page_set(r, "Form.leaflet_lang.Value", d->pre_lang);
			page_set(r, "Form.interpreter.Value", d->pre_lang);
		}
	page_set(r, "Member.FromReception", "1");
}

/* The agent's open draft into *dp (malloc'd; the caller frees it):
 * 0, 303 to the desk's page when there is none, or a status. */
static int
draft_or_home(struct req *r, struct draft **dp)
{
	enum db_rc	rc;

	if ((*dp = calloc(1, sizeof(**dp))) == NULL)
		return 500;
	if ((rc = draft_open(r, *dp)) == DB_ROW)
		return 0;
	if (rc != DB_OK)
		return db_http_status(rc);
	flash_set(r, "error", "Registration.Flash.NoDraft");
	return resp_redirect(r, "/registration");
}

/* The path's position, when the draft has it or it is the next one:
 * 0 if acceptable, else 404. */
static int
position_ok(const struct draft *d, int64_t pos)
{
	if (pos < 1 || pos > REG_MAX_MEMBERS || pos > (int64_t)d->n + 1)
		return 404;
	return 0;
}

/*
 * GET /registration/member/{pos} (registration.register): the form of
 * the household's person at pos (1: the principal; the next free
 * position adds a member), filled from the draft when already typed.
 * Template registration/member.cs.
 */
int
page_member(struct req *r)
{
	struct draft	*d = NULL;
	struct member	*m;
	int64_t		 pos = req_param_int(r, "pos");
	int		 status;

	if ((status = draft_or_home(r, &d)) != 0)
		goto out;
	if ((status = position_ok(d, pos)) != 0)
		goto out;
	options_fill(r, d, (int)pos);
	if ((m = draft_member(d, (int)pos)) != NULL) {
		member_to_form(r, m);
		/* the photo's form (photo.c) once the person is saved */
		page_set(r, "Member.Saved", "1");
		if (m->photo[0] != '\0')
			page_set(r, "Member.HasPhoto", "1");
	} else if (pos == 1 && d->visit_id != 0)
		prefill_to_form(r, d);
	status = 200;
out:
	free(d);
	return status;
}

/* The fill of a POST /registration/member/{pos} refused by its field
 * specs: the page's options, and the checks only the program makes,
 * so that every message shows at once. */
int
page_member_fill(struct req *r)
{
	struct draft	*d = NULL;
	struct member	*m = NULL;
	int64_t		 pos = req_param_int(r, "pos");
	int		 status;

	if ((status = draft_or_home(r, &d)) != 0)
		goto out;
	if ((status = position_ok(d, pos)) != 0)
		goto out;
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		status = 500;
		goto out;
	}
	member_from_form(r, (int)pos, m);
	if (mrz_apply(r, m) == 0)
		(void)member_checks(r, d, m);
	options_fill(r, d, (int)pos);
	status = 200;
out:
	free(d);
	free(m);
	return status;
}

/* A member's upsert, in one transaction with its audit event. */
struct member_ctx {
	struct req		*r;
	int64_t			 draft;
	const struct member	*m;
};

/* Bind m's columns after draft id and position. */
static enum db_rc
member_txn(struct db *db, void *arg)
{
	struct member_ctx	*c = arg;
	const struct member	*m = c->m;
	struct db_stmt		*st;
	struct audit_change	 ch[4];
	enum db_rc		 rc;
	char			 idtext[24], pos[8];
	size_t			 i = 0;

	if ((st = db_stmt(db, RSQL_MEMBER_UPSERT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, i++, c->draft);
	db_bind_int(st, i++, m->position);
	db_bind_text(st, i++, m->relation);
	db_bind_text(st, i++, m->family_name);
	db_bind_text(st, i++, m->given_names);
	db_bind_text(st, i++, m->family_latin);
	db_bind_text(st, i++, m->given_latin);
	db_bind_text(st, i++, m->sex);
	db_bind_text(st, i++, m->birth);
	db_bind_text(st, i++, m->nationality);
	db_bind_text(st, i++, m->languages);
	db_bind_text(st, i++, m->interpreter);
	db_bind_text(st, i++, m->phone);
	db_bind_text(st, i++, m->address);
	db_bind_text(st, i++, m->doc_type);
	db_bind_text(st, i++, m->doc_number);
	db_bind_text(st, i++, m->doc_country);
	db_bind_text(st, i++, m->doc_issued);
	db_bind_text(st, i++, m->doc_expiry);
	db_bind_text(st, i++, m->mrz);
	db_bind_text(st, i++, m->needs);
	db_bind_text(st, i++, m->leaflet);
	db_bind_text(st, i++, m->leaflet_lang);
	db_bind_int(st, i++, m->consent);
	db_bind_text(st, i++, m->decision);
	if (m->link_person_id)
		db_bind_int(st, i++, m->link_person_id);
	else
		db_bind_null(st, i++);
	db_bind_text(st, i++, m->seen);
	db_bind_text(st, i++, m->check_hash);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, RSQL_DRAFT_TOUCH)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->draft);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	snprintf(pos, sizeof(pos), "%d", m->position);
	ch[0] = (struct audit_change){"position", NULL, pos};
	ch[1] = (struct audit_change){"relation", NULL, m->relation};
	ch[2] = (struct audit_change){"family_name", NULL, m->family_name};
	ch[3] = (struct audit_change){"decision", NULL, m->decision};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->draft);
	return audit_req(c->r, "registration_draft", idtext, "member", ch, 4);
}

/* The ids of cands as "1,2,3" into out. */
static void
seen_text(const struct reg_cand *c, size_t n, char *out, size_t outsz)
{
	size_t	i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n && len < outsz; i++)
		len += (size_t)snprintf(out + len, outsz - len, "%s%lld",
		    i ? "," : "", (long long)c[i].id);
}

/*
 * POST /registration/member/{pos} (registration.register, CSRF;
 * member_fields): check the person typed (422 with every message next
 * to its field, the input kept on the page), propose the Latin names
 * when none were typed, store the person in the draft, then run the
 * duplicate check: with candidates, on to the side-by-side decision
 * (/registration/member/{pos}/match), else back to the household.
 */
int
page_member_save(struct req *r)
{
	struct draft		*d = NULL;
	struct member		*m = NULL;
	struct person		*p = NULL;
	struct reg_cand		 cands[REG_MAX_CANDS];
	struct member_ctx	 c;
	enum db_rc		 rc;
	int64_t			 pos = req_param_int(r, "pos");
	size_t			 ncands = 0;
	char			 loc[64];
	int			 status;

	if ((status = draft_or_home(r, &d)) != 0)
		goto out;
	if ((status = position_ok(d, pos)) != 0)
		goto out;
	if ((m = calloc(1, sizeof(*m))) == NULL ||
	    (p = calloc(1, sizeof(*p))) == NULL) {
		status = 500;
		goto out;
	}
	member_from_form(r, (int)pos, m);
	if (mrz_apply(r, m) != 0 || member_checks(r, d, m) > 0 ||
	    r->form.nerrors > 0) {
		options_fill(r, d, (int)pos);
		status = 422;
		goto out;
	}
	/* The Latin forms: proposed by the transliteration when the
	 * agent typed none, shown on the household page to be edited. */
	if (m->family_latin[0] == '\0' && m->given_latin[0] == '\0') {
		member_person(m, p);
		if (reg_matcher != NULL && person_latin(reg_matcher, p) == 0) {
			snprintf(m->family_latin, sizeof(m->family_latin), "%s",
			    p->family_latin);
			snprintf(m->given_latin, sizeof(m->given_latin), "%s",
			    p->given_latin);
		}
	}
	if ((rc = reg_dup_check(r->db, m, cands, &ncands)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	snprintf(m->decision, sizeof(m->decision), "%s", ncands ? "" :
	    "create");
	seen_text(cands, ncands, m->seen, sizeof(m->seen));
	member_check_hash(m, m->check_hash);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.draft = d->id;
	c.m = m;
	if ((rc = db_txn(r->db, member_txn, &c)) != DB_OK) {
		log_err("cannot store a member: %s", db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	if (ncands > 0) {
		snprintf(loc, sizeof(loc), "/registration/member/%lld/match",
		    (long long)pos);
		status = resp_redirect(r, loc);
	} else {
		flash_set(r, "ok", "Registration.Flash.MemberSaved");
		status = resp_redirect(r, "/registration");
	}
out:
	free(d);
	free(m);
	free(p);
	return status;
}

/* Cands.i.Prev.N.{Reference, Procedure, Status, Lodged}: the
 * candidate's case files (a previous application). Returns the number
 * found, or -1 on a database failure. */
static int
previous_fill(struct req *r, size_t i, int64_t person)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64], shown[10];
	int		 n = 0;

	if ((st = db_stmt(r->db, RSQL_PERSON_DOSSIERS)) == NULL)
		return -1;
	db_bind_int(st, 0, person);
	while ((rc = db_step(st)) == DB_ROW) {
		booking_reference_display(db_col_text(st, 0), shown);
		snprintf(node, sizeof(node), "Cands.%zu.Prev.%d.Reference", i, n);
		page_set(r, node, shown);
		snprintf(node, sizeof(node), "Cands.%zu.Prev.%d.Procedure", i, n);
		page_set(r, node, db_col_text(st, 2));
		snprintf(node, sizeof(node), "Cands.%zu.Prev.%d.Status", i, n);
		page_set(r, node, db_col_text(st, 3));
		snprintf(node, sizeof(node), "Cands.%zu.Prev.%d.Lodged", i, n);
		page_set(r, node, db_col_text(st, 4));
		n++;
	}
	return rc == DB_OK ? n : -1;
}

/* One row of the side-by-side table: Cands.i.Rows.k.{Label, Mine,
 * Theirs, Same}. */
static void
row_set(struct req *r, size_t i, size_t k, const char *labelkey,
    const char *mine, const char *theirs)
{
	char	node[64];

	snprintf(node, sizeof(node), "Cands.%zu.Rows.%zu.Label", i, k);
	page_set(r, node, tpl_text(r->hdf, labelkey));
	snprintf(node, sizeof(node), "Cands.%zu.Rows.%zu.Mine", i, k);
	page_set(r, node, mine);
	snprintf(node, sizeof(node), "Cands.%zu.Rows.%zu.Theirs", i, k);
	page_set(r, node, theirs);
	snprintf(node, sizeof(node), "Cands.%zu.Rows.%zu.Same", i, k);
	page_set_int(r, node, strcasecmp(mine, theirs) == 0);
}

/*
 * GET /registration/member/{pos}/match (registration.register): the
 * member beside each candidate of the duplicate check (score, the
 * reasons, the candidate's previous applications), to link an existing
 * person or create a new one. Template registration/match.cs.
 */
int
page_match(struct req *r)
{
	struct draft	*d = NULL;
	struct member	*m;
	struct person	*p = NULL;
	struct reg_cand	 cands[REG_MAX_CANDS];
	enum db_rc	 rc;
	size_t		 n = 0, i, k;
	char		 node[64], name[1700], birth[11], bmine[64], btheirs[64],
			 docs[1][PERSON_DOCNO_SIZE];
	size_t		 ndocs;
	int		 status, prev;

	if ((status = draft_or_home(r, &d)) != 0)
		goto out;
	if ((m = draft_member(d, (int)req_param_int(r, "pos"))) == NULL) {
		status = 404;
		goto out;
	}
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		status = 500;
		goto out;
	}
	/* the candidates the member's check found, as they are now */
	if ((rc = reg_dup_seen(r->db, m, cands, &n, NULL)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	page_set(r, "Page.Title", tpl_text(r->hdf, "Registration.Match.Title"));
	page_set_int(r, "Member.Position", m->position);
	member_display(m, name, sizeof(name));
	page_set(r, "Member.Name", name);
	for (i = 0; i < n; i++) {
		if ((rc = person_load(r->db, cands[i].id, p)) != DB_ROW) {
			status = db_http_status(rc == DB_OK ? DB_ERROR : rc);
			goto out;
		}
		if ((rc = person_doc_norms(r->db, p->id, docs, 1, &ndocs)) !=
		    DB_OK) {
			status = db_http_status(rc);
			goto out;
		}
		/* the agent sees a person of the register: logged */
		snprintf(node, sizeof(node), "%lld", (long long)p->id);
		access_write(r, "person", node, "registration:duplicate");
		snprintf(node, sizeof(node), "Cands.%zu.Id", i);
		page_set_int(r, node, p->id);
		snprintf(node, sizeof(node), "Cands.%zu.Percent", i);
		page_set_int(r, node, (long long)(cands[i].res.score * 100 + 0.5));
		snprintf(node, sizeof(node), "Cands.%zu.Class", i);
		page_set(r, node, match_class_name(cands[i].res.cls));
		k = 0;
		row_set(r, i, k++, "Registration.Field.FamilyName",
		    m->family_name, p->family_name);
		row_set(r, i, k++, "Registration.Field.GivenNames",
		    m->given_names, p->given_names);
		row_set(r, i, k++, "Registration.Field.FamilyLatin",
		    m->family_latin, p->family_latin);
		row_set(r, i, k++, "Registration.Field.Sex", m->sex, p->sex);
		/* both in words, as the rest of the pages show dates */
		pdate_format(&p->birth, birth);
		tpl_pdate_words(r->hdf, m->birth, bmine, sizeof(bmine));
		tpl_pdate_words(r->hdf, p->birth.year ? birth : "", btheirs,
		    sizeof(btheirs));
		row_set(r, i, k++, "Registration.Field.Birth", bmine, btheirs);
		row_set(r, i, k++, "Registration.Field.Nationality",
		    m->nationality, p->nationality);
		{
			char	mine[PERSON_DOCNO_SIZE];

			person_docno_normalise(m->doc_number, mine);
			row_set(r, i, k++, "Registration.Field.DocNumber", mine,
			    ndocs ? docs[0] : "");
		}
		for (k = 0; k < cands[i].res.nreasons; k++) {
			snprintf(node, sizeof(node), "Cands.%zu.Reasons.%zu.Field",
			    i, k);
			page_set(r, node, cands[i].res.reasons[k].field);
			snprintf(node, sizeof(node), "Cands.%zu.Reasons.%zu.How",
			    i, k);
			page_set(r, node, cands[i].res.reasons[k].how);
		}
		if ((prev = previous_fill(r, i, p->id)) < 0) {
			status = db_http_status(db_last_rc(r->db));
			goto out;
		}
		snprintf(node, sizeof(node), "Cands.%zu.HasPrev", i);
		page_set_int(r, node, prev > 0);
	}
	status = 200;
out:
	free(d);
	free(p);
	return status;
}

/* A decision on a member's candidates, in one transaction with its
 * audit event. */
struct decide_ctx {
	struct req	*r;
	int64_t		 draft;
	int		 position;
	const char	*decision;
	int64_t		 link;
	const char	*seen;
	const char	*check_hash;
	int		 full;		/* the full check ran: check_at now */
};

static enum db_rc
decide_txn(struct db *db, void *arg)
{
	struct decide_ctx	*c = arg;
	struct db_stmt		*st;
	struct audit_change	 ch[2];
	enum db_rc		 rc;
	char			 idtext[24], link[24];

	if ((st = db_stmt(db, RSQL_MEMBER_DECIDE)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, c->decision);
	if (c->link)
		db_bind_int(st, 1, c->link);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, c->seen);
	db_bind_text(st, 3, c->check_hash);
	db_bind_int(st, 4, c->full);
	db_bind_int(st, 5, c->draft);
	db_bind_int(st, 6, c->position);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	snprintf(link, sizeof(link), "%lld", (long long)c->link);
	ch[0] = (struct audit_change){"decision", NULL, c->decision};
	ch[1] = (struct audit_change){"link_person_id", NULL, link};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->draft);
	return audit_req(c->r, "registration_draft", idtext, "duplicate", ch,
	    2);
}

/*
 * POST /registration/member/{pos}/match (registration.register, CSRF;
 * match_fields): choice "create" (none of the candidates is this
 * person) or a candidate's id (this person: linked, not created again).
 * The candidates are those of the member's check scored again as they
 * are now (reg_dup_seen); an id that is not one of them is refused
 * (422). Redirects to the household.
 */
int
page_match_save(struct req *r)
{
	struct draft		*d = NULL;
	struct member		*m;
	struct reg_cand		 cands[REG_MAX_CANDS];
	struct decide_ctx	 c;
	enum db_rc		 rc;
	const char		*choice = form_str(r, "choice");
	char			 seen[401], hash[REG_HASH_SIZE];
	size_t			 n = 0, i;
	long long		 id = 0;
	int			 status;

	if ((status = draft_or_home(r, &d)) != 0)
		goto out;
	if ((m = draft_member(d, (int)req_param_int(r, "pos"))) == NULL) {
		status = 404;
		goto out;
	}
	memset(&c, 0, sizeof(c));
	if ((rc = reg_dup_seen(r->db, m, cands, &n, &c.full)) != DB_OK) {
		status = db_http_status(rc);
		goto out;
	}
	if (strcmp(choice, "create") == 0)
		c.decision = "create";
	else if (valid_int(choice, 1, DB_ID_MAX, &id)) {
		for (i = 0; i < n && cands[i].id != id; i++)
			;
		if (i == n)
			id = 0;
		c.decision = "link";
		c.link = id;
	}
	if (c.decision == NULL || (strcmp(c.decision, "link") == 0 &&
	    c.link == 0)) {
		form_set_error(r, "choice", "Form.Error.Enum");
		status = page_match(r);
		status = status == 200 ? 422 : status;
		goto out;
	}
	seen_text(cands, n, seen, sizeof(seen));
	member_check_hash(m, hash);
	c.check_hash = hash;
	c.r = r;
	c.draft = d->id;
	c.position = m->position;
	c.seen = seen;
	if ((rc = db_txn(r->db, decide_txn, &c)) != DB_OK) {
		log_err("cannot store a decision: %s", db_errmsg(r->db));
		status = db_http_status(rc);
		goto out;
	}
	flash_set(r, "ok", "Registration.Flash.Decided");
	status = resp_redirect(r, "/registration");
out:
	free(d);
	return status;
}

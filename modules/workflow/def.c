/*
 * def.c: a procedure version's definition (JSON, see wf.h) parsed into
 * a struct wf_def and checked whole, so that a supervisor's edit with a
 * transition to an unknown status, a permission that cannot exist or a
 * deadline that would run backwards is refused before it is saved.
 */
#include "config.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wf.h"

const char *const wf_langs[WF_LANGS] = {"en", "fr", "ar", "es", "ht"};

static const char *const unit_names[] = {"days", "workdays", "months"};

/* The longest deadline a rule may state: ten years in any unit. */
#define WF_LENGTH_MAX	3660

const char *
wf_unit_name(enum wf_unit u)
{
	return unit_names[u];
}

static int __attribute__((format(printf, 3, 4)))
fail(char *err, size_t errsz, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return -1;
}

/* 1 if s is a code: [a-z0-9_], 1..WF_CODE_MAX bytes. */
static int
code_ok(const char *s)
{
	size_t	n = strlen(s);

	if (n == 0 || n > WF_CODE_MAX)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

/* 1 if s is a permission name: [a-z_] words joined by dots. */
static int
perm_ok(const char *s)
{
	size_t	n = strlen(s);

	if (n == 0 || n > WF_PERM_MAX || s[0] == '.' || s[n - 1] == '.' ||
	    strchr(s, '.') == NULL || strstr(s, "..") != NULL)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz_.") == n;
}

/* Copy a label object {"en": ...}: English required, others optional. */
static int
label_parse(const json_t *o, struct wf_label *l, const char *what,
    char *err, size_t errsz)
{
	const json_t	*v;
	size_t		 i;

	memset(l, 0, sizeof(*l));
	if (!json_is_object(o))
		return fail(err, errsz, "%s: label must be an object of "
		    "languages", what);
	for (i = 0; i < WF_LANGS; i++) {
		v = json_object_get(o, wf_langs[i]);
		if (v == NULL)
			continue;
		if (!json_is_string(v) || json_string_length(v) == 0 ||
		    json_string_length(v) >= WF_LABEL_MAX)
			return fail(err, errsz, "%s: label %s must be a text "
			    "of 1 to %d bytes", what, wf_langs[i],
			    WF_LABEL_MAX - 1);
		snprintf(l->text[i], WF_LABEL_MAX, "%s", json_string_value(v));
	}
	if (l->text[0][0] == '\0')
		return fail(err, errsz, "%s: the English label is required",
		    what);
	return 0;
}

/* A status code member naming a declared status: its index, or -1. */
static int
status_ref(const struct wf_def *d, const json_t *v, const char *what,
    char *err, size_t errsz)
{
	int	i;

	if (!json_is_string(v))
		return fail(err, errsz, "%s: a status code is required", what);
	if ((i = wf_status_find(d, json_string_value(v))) < 0)
		return fail(err, errsz, "%s: unknown status \"%s\"", what,
		    json_string_value(v));
	return i;
}

static int
statuses_parse(const json_t *a, struct wf_def *d, char *err, size_t errsz)
{
	const json_t		*o, *code;
	struct wf_status	*s;
	size_t			 i;
	char			 what[64];

	if (!json_is_array(a) || json_array_size(a) < 2 ||
	    json_array_size(a) > WF_MAX_STATUSES)
		return fail(err, errsz, "statuses: between 2 and %d are "
		    "required", WF_MAX_STATUSES);
	json_array_foreach(a, i, o) {
		snprintf(what, sizeof(what), "status %zu", i + 1);
		code = json_object_get(o, "code");
		if (!json_is_string(code) || !code_ok(json_string_value(code)))
			return fail(err, errsz, "%s: code must be 1 to %d of "
			    "a-z, 0-9 and _", what, WF_CODE_MAX);
		if (wf_status_find(d, json_string_value(code)) >= 0)
			return fail(err, errsz, "%s: status \"%s\" is declared "
			    "twice", what, json_string_value(code));
		s = &d->statuses[d->nstatuses];
		snprintf(s->code, sizeof(s->code), "%s",
		    json_string_value(code));
		if (label_parse(json_object_get(o, "label"), &s->label,
		    s->code, err, errsz) != 0)
			return -1;
		s->pauses = json_is_true(json_object_get(o, "pauses"));
		s->final = json_is_true(json_object_get(o, "final"));
		d->nstatuses++;
	}
	return 0;
}

static int
transitions_parse(const json_t *a, struct wf_def *d, char *err,
    size_t errsz)
{
	const json_t		*o, *perm;
	struct wf_transition	*t;
	size_t			 i;
	int			 from, to;
	char			 what[64];

	if (!json_is_array(a) || json_array_size(a) < 1 ||
	    json_array_size(a) > WF_MAX_TRANS)
		return fail(err, errsz, "transitions: between 1 and %d are "
		    "required", WF_MAX_TRANS);
	json_array_foreach(a, i, o) {
		snprintf(what, sizeof(what), "transition %zu", i + 1);
		if ((from = status_ref(d, json_object_get(o, "from"), what,
		    err, errsz)) < 0 ||
		    (to = status_ref(d, json_object_get(o, "to"), what, err,
		    errsz)) < 0)
			return -1;
		if (from == to)
			return fail(err, errsz, "%s: goes from \"%s\" to itself",
			    what, d->statuses[from].code);
		if (d->statuses[from].final)
			return fail(err, errsz, "%s: \"%s\" is final, nothing "
			    "leaves it", what, d->statuses[from].code);
		if (wf_transition_find(d, from, to) != NULL)
			return fail(err, errsz, "%s: declared twice", what);
		perm = json_object_get(o, "permission");
		if (!json_is_string(perm) || !perm_ok(json_string_value(perm)))
			return fail(err, errsz, "%s: permission must be a name "
			    "such as dossier.edit", what);
		t = &d->trans[d->ntrans++];
		t->from = from;
		t->to = to;
		snprintf(t->permission, sizeof(t->permission), "%s",
		    json_string_value(perm));
	}
	return 0;
}

/* An integer member in lo..hi: 0, or -1 with a message. */
static int
int_member(const json_t *o, const char *name, int lo, int hi, int def,
    int *out, const char *what, char *err, size_t errsz)
{
	const json_t	*v = json_object_get(o, name);

	if (v == NULL) {
		*out = def;
		if (def >= lo)
			return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < lo ||
	    json_integer_value(v) > hi)
		return fail(err, errsz, "%s: %s must be a whole number from "
		    "%d to %d", what, name, lo, hi);
	*out = (int)json_integer_value(v);
	return 0;
}

static int
deadline_parse(const json_t *o, struct wf_def *d, struct wf_deadline *dl,
    size_t nth, char *err, size_t errsz)
{
	const json_t	*code, *unit, *stops, *v, *src;
	size_t		 i, j;
	int		 s;
	char		 what[64];

	snprintf(what, sizeof(what), "deadline %zu", nth);
	code = json_object_get(o, "code");
	if (!json_is_string(code) || !code_ok(json_string_value(code)))
		return fail(err, errsz, "%s: code must be 1 to %d of a-z, "
		    "0-9 and _", what, WF_CODE_MAX);
	snprintf(dl->code, sizeof(dl->code), "%s", json_string_value(code));
	for (j = 0; j + 1 < nth; j++)
		if (strcmp(d->deadlines[j].code, dl->code) == 0)
			return fail(err, errsz, "%s: \"%s\" is declared twice",
			    what, dl->code);
	if (label_parse(json_object_get(o, "label"), &dl->label, dl->code,
	    err, errsz) != 0)
		return -1;
	if ((dl->start = status_ref(d, json_object_get(o, "start"), what,
	    err, errsz)) < 0)
		return -1;
	stops = json_object_get(o, "stop");
	if (!json_is_array(stops) || json_array_size(stops) < 1 ||
	    json_array_size(stops) > WF_MAX_STOPS)
		return fail(err, errsz, "%s: stop must list 1 to %d statuses",
		    what, WF_MAX_STOPS);
	json_array_foreach(stops, i, v) {
		if ((s = status_ref(d, v, what, err, errsz)) < 0)
			return -1;
		if (s == dl->start)
			return fail(err, errsz, "%s: \"%s\" cannot both start "
			    "and stop the clock", what, d->statuses[s].code);
		dl->stops[dl->nstops++] = s;
	}
	/* A length under one unit would put the due date on or before the
	 * start: the clock would be negative from its first day. */
	if (int_member(o, "length", 1, WF_LENGTH_MAX, 0, &dl->length, what,
	    err, errsz) != 0 ||
	    int_member(o, "extend", 0, WF_LENGTH_MAX, 0, &dl->extend, what,
	    err, errsz) != 0 ||
	    int_member(o, "warn", 0, 365, 7, &dl->warn, what, err,
	    errsz) != 0)
		return -1;
	unit = json_object_get(o, "unit");
	for (i = 0; i < sizeof(unit_names) / sizeof(unit_names[0]); i++)
		if (json_is_string(unit) &&
		    strcmp(json_string_value(unit), unit_names[i]) == 0)
			break;
	if (i == sizeof(unit_names) / sizeof(unit_names[0]))
		return fail(err, errsz, "%s: unit must be days, workdays or "
		    "months", what);
	dl->unit = (enum wf_unit)i;
	/* The rule's source is part of the rule (issue 15.1). */
	src = json_object_get(o, "source");
	if (!json_is_string(src) || json_string_length(src) < 3 ||
	    json_string_length(src) >= WF_SOURCE_MAX)
		return fail(err, errsz, "%s: source (the rule's legal basis) "
		    "is required, up to %d bytes", what, WF_SOURCE_MAX - 1);
	snprintf(dl->source, sizeof(dl->source), "%s", json_string_value(src));
	return 0;
}

int
wf_parse(const char *text, struct wf_def *d, char *err, size_t errsz)
{
	json_t		*root;
	json_error_t	 jerr;
	const json_t	*a, *o;
	size_t		 i;
	int		 rc = -1;

	memset(d, 0, sizeof(*d));
	if ((root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return fail(err, errsz, "not valid JSON (line %d: %s)",
		    jerr.line, jerr.text);
	if (!json_is_object(root)) {
		fail(err, errsz, "the definition must be a JSON object");
		goto out;
	}
	if (statuses_parse(json_object_get(root, "statuses"), d, err,
	    errsz) != 0)
		goto out;
	if ((d->initial = status_ref(d, json_object_get(root, "initial"),
	    "initial", err, errsz)) < 0)
		goto out;
	if (transitions_parse(json_object_get(root, "transitions"), d, err,
	    errsz) != 0)
		goto out;
	a = json_object_get(root, "deadlines");
	if (a != NULL && (!json_is_array(a) ||
	    json_array_size(a) > WF_MAX_DEADLINES)) {
		fail(err, errsz, "deadlines: a list of at most %d",
		    WF_MAX_DEADLINES);
		goto out;
	}
	json_array_foreach(a, i, o) {
		if (deadline_parse(o, d, &d->deadlines[i], i + 1, err,
		    errsz) != 0)
			goto out;
		d->ndeadlines++;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

int
wf_status_find(const struct wf_def *d, const char *code)
{
	size_t	i;

	for (i = 0; i < d->nstatuses; i++)
		if (strcmp(d->statuses[i].code, code) == 0)
			return (int)i;
	return -1;
}

const struct wf_transition *
wf_transition_find(const struct wf_def *d, int from, int to)
{
	size_t	i;

	for (i = 0; i < d->ntrans; i++)
		if (d->trans[i].from == from && d->trans[i].to == to)
			return &d->trans[i];
	return NULL;
}

const char *
wf_label_text(const struct wf_label *l, const char *lang,
    const char *fallback)
{
	size_t	i;

	for (i = 0; i < WF_LANGS; i++)
		if (strcmp(wf_langs[i], lang) == 0 && l->text[i][0] != '\0')
			return l->text[i];
	return l->text[0][0] != '\0' ? l->text[0] : fallback;
}

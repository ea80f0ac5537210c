/*
 * form.c: validation of declared fields. Each field spec names a type
 * and bounds; the raw input is checked once here, before any handler
 * runs, and both the input and one message per field are put in the
 * request's HDF so a rejected form comes back as the user typed it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "conf.h"
#include "form.h"
#include "tpl.h"

/* Trim ASCII spaces and tabs around s, in place. Returns s. */
static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

/*
 * Remove, in place, the bidirectional embedding, override and isolate
 * controls (U+202A..U+202E, U+2066..U+2069) from s. Typed into a name,
 * a U+202E (right-to-left override) turns the rest of every line that
 * shows it backwards (a title, a list row, an audit value); isolating
 * user text is the pages' work (bdi, dir=auto), so these controls are
 * never needed in input. The marks U+200E/U+200F stay: they cannot
 * escape an isolate and Arabic and Hebrew typists use them. Returns s.
 */
static char *
strip_bidi_controls(char *s)
{
	unsigned char	*r = (unsigned char *)s, *w = (unsigned char *)s;

	while (*r != '\0') {
		if (r[0] == 0xe2 && ((r[1] == 0x80 && r[2] >= 0xaa &&
		    r[2] <= 0xae) || (r[1] == 0x81 && r[2] >= 0xa6 &&
		    r[2] <= 0xa9))) {
			r += 3;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return s;
}

/*
 * Check a UTF-8 string field's encoding and length. Returns NULL if
 * valid, else the language key of the message.
 */
static const char *
check_string(const char *s, const struct field_spec *f, int multiline)
{
	size_t	n;

	if (!utf8_valid(s, strlen(s)))
		return "Form.Error.BadUtf8";
	n = utf8_len(s);
	if (f->min > 0 && n < (size_t)f->min)
		return "Form.Error.TooShort";
	if (f->max > 0 && n > (size_t)f->max)
		return "Form.Error.TooLong";
	if (!valid_string(s, 0, (size_t)-1, multiline))
		return "Form.Error.BadUtf8";
	return NULL;
}

/*
 * Validate one present, non-empty value against its spec, filling v.
 * Returns NULL if valid, else the language key of the message.
 */
static const char *
check_value(const struct req *r, const struct field_spec *f,
    struct field_value *v, const struct kv *kv)
{
	const char	*s = v->raw, *cc;
	size_t		 idx;

	switch (f->type) {
	case FIELD_STRING:
	case FIELD_SECRET:
		return check_string(s, f, 0);
	case FIELD_TEXT:
		return check_string(s, f, 1);
	case FIELD_INT:
		if (valid_int(s, f->min, f->max, &v->i))
			return NULL;
		return valid_int(s, -(1LL << 62), 1LL << 62, &v->i) ?
		    "Form.Error.IntRange" : "Form.Error.Int";
	case FIELD_ENUM:
		if (f->choices == NULL || !valid_enum(s, f->choices, &idx))
			return "Form.Error.Enum";
		v->i = (long long)idx;
		return NULL;
	case FIELD_DATE:
		if (!valid_date(s, &v->date))
			return "Form.Error.Date";
		pdate_format(&v->date, v->norm);
		return NULL;
	case FIELD_PDATE:
		if (!valid_partial_date(s, &v->date))
			return "Form.Error.PartialDate";
		pdate_format(&v->date, v->norm);
		return NULL;
	case FIELD_TIME: {
		int	secs;

		if (!valid_time(s, &secs))
			return "Form.Error.Time";
		v->i = secs;
		snprintf(v->norm, sizeof(v->norm), "%02d:%02d", secs / 3600,
		    secs / 60 % 60);
		return NULL;
	}
	case FIELD_PHONE:
		cc = r->conf ? conf_get(r->conf, "Site.PhoneCountryCode", NULL) :
		    NULL;
		return valid_phone(s, cc, v->norm) ? NULL : "Form.Error.Phone";
	case FIELD_EMAIL:
		return valid_email(s) ? NULL : "Form.Error.Email";
	case FIELD_COUNTRY: {
		char	up[4];
		size_t	i;

		if (strlen(s) != 3)
			return "Form.Error.Country";
		for (i = 0; i < 3; i++)
			up[i] = (s[i] >= 'a' && s[i] <= 'z') ?
			    (char)(s[i] - 32) : s[i];
		up[3] = '\0';
		if (!valid_country(up))
			return "Form.Error.Country";
		memcpy(v->norm, up, 4);
		return NULL;
	}
	case FIELD_BOOL:
		if (strcmp(s, "1") == 0 || strcmp(s, "on") == 0 ||
		    strcmp(s, "yes") == 0 || strcmp(s, "true") == 0) {
			v->i = 1;
			return NULL;
		}
		return strcmp(s, "0") == 0 ? NULL : "Form.Error.Enum";
	case FIELD_FILE:
		if (kv == NULL || kv->filename == NULL)
			return "Form.Error.File";
		if (f->max > 0 && kv->valsz > (size_t)f->max)
			return "Form.Error.FileTooBig";
		v->data = kv->value;
		v->datasz = kv->valsz;
		v->filename = kv->filename;
		return NULL;
	}
	return "Form.Error.Enum";
}

/* Put a field's input and message in the HDF (Form.<name>.*). Field
 * names come from the spec, never from the request. */
static void
form_publish(struct req *r, const struct field_spec *f,
    const struct field_value *v)
{
	char	node[96];

	if (v->raw != NULL && f->type != FIELD_SECRET &&
	    f->type != FIELD_FILE) {
		snprintf(node, sizeof(node), "Form.%s.Value", f->name);
		/* Echo back what was typed, but never invalid UTF-8. */
		page_set(r, node, utf8_valid(v->raw, strlen(v->raw)) ?
		    v->raw : "");
	}
	if (v->errkey != NULL) {
		snprintf(node, sizeof(node), "Form.%s.Error", f->name);
		page_set(r, node, tpl_text(r->hdf, v->errkey));
	}
}

/* See form.h. */
size_t
field_count(const struct field_spec *spec)
{
	size_t	n = 0;

	while (spec != NULL && spec[n].name != NULL)
		n++;
	return n;
}

/*
 * Fill v from the input kv (NULL if absent) for field f and check it.
 * preset, if not NULL, refuses the field with that message whatever
 * its value (a JSON member of the wrong type). Returns 1 if the field
 * is invalid, else 0.
 */
static int
field_check(struct req *r, const struct field_spec *f, struct field_value *v,
    const struct kv *kv, const char *preset)
{
	if (preset != NULL) {
		/* Present but unusable: nothing to echo back. */
		v->present = 1;
		v->errkey = preset;
	} else {
		if (kv != NULL) {
			char	*raw = kv->value;

			/* Multi-line text keeps its spaces; a secret too. */
			if (f->type != FIELD_TEXT && f->type != FIELD_SECRET &&
			    f->type != FIELD_FILE)
				raw = trim(raw);
			/* Text shown to others loses its bidi controls (a
			 * secret is compared byte for byte: kept). */
			if (f->type == FIELD_STRING || f->type == FIELD_TEXT)
				strip_bidi_controls(raw);
			v->raw = raw;
			v->present = f->type == FIELD_FILE ?
			    kv->filename != NULL && kv->valsz > 0 :
			    v->raw[0] != '\0';
		}
		if (v->present)
			v->errkey = check_value(r, f, v, kv);
		else if (f->required)
			v->errkey = "Form.Error.Required";
	}
	v->valid = v->errkey == NULL;
	form_publish(r, f, v);
	return !v->valid;
}

/* See form.h. */
size_t
form_validate_kv(struct req *r, const struct field_spec *spec, size_t n,
    const struct kvlist *src, const char *const *preset)
{
	size_t	i;

	free(r->form.v);
	r->form.spec = spec;
	r->form.n = n;
	r->form.nerrors = 0;
	if ((r->form.v = calloc(n ? n : 1, sizeof(*r->form.v))) == NULL) {
		r->form.n = 0;
		return n ? n : 1;
	}
	for (i = 0; i < n; i++)
		r->form.nerrors += (size_t)field_check(r, &spec[i],
		    &r->form.v[i], kv_get(src, spec[i].name),
		    preset != NULL ? preset[i] : NULL);
	if (r->form.nerrors)
		page_set_int(r, "Form.Errors", (long long)r->form.nerrors);
	return r->form.nerrors;
}

/* See form.h. */
size_t
form_validate(struct req *r, const struct field_spec *spec, size_t n)
{
	return form_validate_kv(r, spec, n, r->method == M_GET ? &r->query :
	    &r->body, NULL);
}

/* See form.h. */
const struct field_value *
form_get(const struct req *r, const char *name)
{
	size_t	i;

	for (i = 0; i < r->form.n && r->form.v != NULL; i++)
		if (strcmp(r->form.spec[i].name, name) == 0)
			return &r->form.v[i];
	return NULL;
}

/* See form.h. Returns "" for absent or invalid fields. */
const char *
form_str(const struct req *r, const char *name)
{
	const struct field_value *v = form_get(r, name);

	if (v == NULL || !v->present || !v->valid)
		return "";
	switch (r->form.spec[v - r->form.v].type) {
	case FIELD_PHONE:
	case FIELD_COUNTRY:
	case FIELD_DATE:
	case FIELD_PDATE:
	case FIELD_TIME:
		return v->norm;
	default:
		return v->raw;
	}
}

/* See form.h. */
long long
form_int(const struct req *r, const char *name)
{
	const struct field_value *v = form_get(r, name);

	return (v != NULL && v->valid) ? v->i : 0;
}

/* See form.h. */
void
form_set_error(struct req *r, const char *name, const char *errkey)
{
	struct field_value	*v = (struct field_value *)form_get(r, name);
	char			 node[96];

	if (v != NULL && v->valid) {
		v->valid = 0;
		v->errkey = errkey;
		r->form.nerrors++;
	}
	snprintf(node, sizeof(node), "Form.%s.Error", name);
	page_set(r, node, tpl_text(r->hdf, errkey));
	page_set_int(r, "Form.Errors", (long long)(r->form.nerrors ?
	    r->form.nerrors : 1));
}

/*
 * form_json.c: JSON object bodies validated against the route's field
 * specs, like forms. Each member a spec names is type-checked, turned
 * into the text a form would have sent and then checked by form.c with
 * the same messages, so API handlers read typed values through
 * form_get/form_str/form_int. JSON types each field type takes:
 *  - a string: STRING, TEXT, SECRET, ENUM, DATE, PDATE, TIME, PHONE,
 *    EMAIL, COUNTRY (else Form.Error.NotString);
 *  - a number: INT, integral and within +-(2^53-1), the integers a
 *    double (and JavaScript) holds exactly (else Form.Error.Int, or
 *    Form.Error.IntRange for larger ones);
 *  - true or false: BOOL (else Form.Error.NotBoolean);
 *  - nothing: FILE (Form.Error.File).
 * null, like "", is an absent member. Objects and arrays are refused by
 * the type check: no field type takes one yet.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app.h"
#include "form.h"

/* Integers beyond this are not exact in a double: 2^53. */
#define JSON_INT_LIMIT	9007199254740992.0

/*
 * Turn a number member into the decimal text a form would send, for an
 * INT field. Returns NULL with text filled, or the message key that
 * refuses it.
 */
static const char *
json_int_text(const json_t *m, char text[24])
{
	double		d;
	long long	i;

	if (!json_is_number(m))
		return "Form.Error.Int";
	d = json_number_value(m);
	/* Also false for NaN (which jansson never produces). */
	if (!(d > -JSON_INT_LIMIT && d < JSON_INT_LIMIT))
		return "Form.Error.IntRange";
	i = (long long)d;
	if ((double)i != d)
		return "Form.Error.Int";
	snprintf(text, 24, "%lld", i);
	return NULL;
}

/*
 * Type-check member m of field f and append its text to body under the
 * field's name. Returns NULL if added (or if m is null: absent), else
 * the message key that refuses the field; *nomem is set to 1 on an
 * allocation failure.
 */
static const char *
json_member(struct kvlist *body, const struct field_spec *f,
    const json_t *m, int *nomem)
{
	const char	*err = NULL, *s = NULL;
	char		 text[24];
	size_t		 len = 0;

	if (json_is_null(m))
		return NULL;
	switch (f->type) {
	case FIELD_INT:
		if ((err = json_int_text(m, text)) == NULL) {
			s = text;
			len = strlen(text);
		}
		break;
	case FIELD_BOOL:
		if (!json_is_boolean(m))
			err = "Form.Error.NotBoolean";
		s = json_is_true(m) ? "1" : "0";
		len = 1;
		break;
	case FIELD_FILE:
		err = "Form.Error.File";
		break;
	default:
		if (!json_is_string(m))
			err = "Form.Error.NotString";
		else {
			s = json_string_value(m);
			len = json_string_length(m);
		}
		break;
	}
	if (err == NULL && kv_add(body, f->name, s, len) != HTTP_PARSE_OK)
		*nomem = 1;
	return err;
}

/* See form.h. */
int
form_validate_json(struct req *r, const struct field_spec *spec, size_t n)
{
	json_t		 *body = NULL, *m;
	json_error_t	  jerr;
	const char	**preset = NULL;
	size_t		  i;
	int		  rc = FORM_JSON_BAD, nomem = 0;

	/* A form-encoded Content-Type may have filled body: start again. */
	kv_free(&r->body);
	if (r->rawbody == NULL || r->rawbodysz == 0)
		goto out;
	/* Duplicate names are refused: which one counts would be a guess.
	 * Every number is read as a double so that a huge one is a field's
	 * range error, not an unreadable body. */
	body = json_loadb(r->rawbody, r->rawbodysz, JSON_REJECT_DUPLICATES |
	    JSON_DECODE_INT_AS_REAL, &jerr);
	if (body == NULL || !json_is_object(body))
		goto out;
	if ((preset = calloc(n ? n : 1, sizeof(*preset))) == NULL) {
		rc = FORM_JSON_NOMEM;
		goto out;
	}
	for (i = 0; i < n; i++)
		if ((m = json_object_get(body, spec[i].name)) != NULL)
			preset[i] = json_member(&r->body, &spec[i], m, &nomem);
	if (nomem) {
		rc = FORM_JSON_NOMEM;
		goto out;
	}
	rc = (int)form_validate_kv(r, spec, n, &r->body, preset);
out:
	free(preset);
	json_decref(body);
	return rc;
}

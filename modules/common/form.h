/*
 * form.h: declared field specs (kcgi's kvalid) and their validation.
 * Every input key a route reads is declared with a type and bounds;
 * undeclared keys are never seen by handlers. Validation results go to
 * the request's HDF as Form.<name>.Value / Form.<name>.Error so that a
 * rejected form re-renders with the user's input and one message per
 * field.
 */
#ifndef HAVRE_FORM_H
#define HAVRE_FORM_H

#include <stddef.h>
#include "valid.h"

enum field_type {
	FIELD_STRING,	/* one line of UTF-8, min..max code points */
	FIELD_TEXT,	/* multi-line UTF-8, min..max code points */
	FIELD_INT,	/* integer in min..max */
	FIELD_ENUM,	/* one of choices */
	FIELD_DATE,	/* YYYY-MM-DD */
	FIELD_PDATE,	/* partial date YYYY[-MM[-DD]] with 00 for unknown */
	FIELD_TIME,	/* HH:MM */
	FIELD_PHONE,	/* E.164 after normalisation */
	FIELD_EMAIL,
	FIELD_COUNTRY,	/* ISO 3166 alpha-3 or ICAO XX? */
	FIELD_BOOL,	/* checkbox: present and "1"/"on" */
	FIELD_FILE,	/* multipart upload, max bytes */
	FIELD_SECRET,	/* like STRING but never echoed back to the page */
};

struct field_spec {
	const char		*name;		/* input name, [a-z0-9_]+ */
	enum field_type		 type;
	int			 required;
	long long		 min;		/* STRING/TEXT: code points; INT: value */
	long long		 max;		/* STRING/TEXT: code points; INT: value; FILE: bytes */
	const char *const	*choices;	/* ENUM: NULL-terminated */
};

/* A validated value: the union member that matches the field type. */
struct field_value {
	const char	*raw;		/* input as received (NULL if absent) */
	int		 present;	/* non-empty input was given */
	int		 valid;		/* 1 if valid (absent optional fields too) */
	const char	*errkey;	/* language key of the message, or NULL */
	long long	 i;		/* INT, BOOL, ENUM index, TIME seconds */
	struct pdate	 date;		/* DATE, PDATE */
	char		 norm[32];	/* PHONE (E.164), COUNTRY, DATE text */
	const void	*data;		/* FILE bytes */
	size_t		 datasz;	/* FILE size */
	const char	*filename;	/* FILE client name (display only) */
};

struct form {
	const struct field_spec	*spec;
	size_t			 n;
	struct field_value	*v;	/* n values, owned by the request */
	size_t			 nerrors;
};

struct req;
struct kvlist;

/* Number of specs in a list that ends with a row whose name is NULL. */
size_t	 field_count(const struct field_spec *);

/*
 * Validate the request's parameters (body for POST, query for GET)
 * against spec. Fills req->form and the HDF Form.* nodes. Returns the
 * number of invalid fields (0: all good).
 */
size_t	 form_validate(struct req *, const struct field_spec *, size_t n);
/*
 * form_validate's work on the inputs src (NULL: none). preset, if not
 * NULL, holds n message keys (NULL for most): a field whose key is set
 * is refused with it whatever its input (a JSON member of the wrong
 * type). Returns the number of invalid fields.
 */
size_t	 form_validate_kv(struct req *, const struct field_spec *, size_t n,
	    const struct kvlist *src, const char *const *preset);

/* form_validate_json's answers besides a number of invalid fields. */
#define FORM_JSON_BAD	(-1)	/* not one JSON object: answer 400 */
#define FORM_JSON_NOMEM	(-2)	/* allocation failure: answer 500 */

/*
 * Validate the request body (r->rawbody, whatever its Content-Type) as
 * one JSON object whose members are the fields of spec, with the form
 * messages (form_json.c says which JSON types each field type takes).
 * Members spec does not name are dropped, as forms drop unknown keys.
 * The members become r->body's pairs, so handlers read them with
 * form_get/form_str/form_int as for forms. Returns FORM_JSON_BAD if the
 * body is not a JSON object (invalid JSON or UTF-8, a duplicate member,
 * a number out of double range), FORM_JSON_NOMEM, or the number of
 * invalid fields (0: all good).
 */
int	 form_validate_json(struct req *, const struct field_spec *, size_t n);
/* The validated value of a field by name (NULL if not declared). */
const struct field_value *form_get(const struct req *, const char *name);
/* Shorthands: text of a field ("" if absent), integer value. */
const char *form_str(const struct req *, const char *name);
long long form_int(const struct req *, const char *name);
/* Mark a field invalid after a check only the handler can make (a
 * unique name taken, a slot full). Updates HDF Form.<name>.Error. */
void	 form_set_error(struct req *, const char *name, const char *errkey);

#endif

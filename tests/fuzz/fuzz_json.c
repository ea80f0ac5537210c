/*
 * fuzz_json.c: libFuzzer target for form_validate_json(), the JSON
 * bodies of the partner API and of every route that takes JSON: the
 * input is the body, validated against specs of every field type (as a
 * worker builds the request, with req_new). Invariants: the answer is a
 * refusal (< 0) or a number of invalid fields no larger than the specs;
 * then every declared field has a value, a valid INT lies within its
 * range, a valid ENUM index names a choice, a valid string field holds
 * no NUL before its end; and the request frees whole (LeakSanitizer).
 * Links libhavre (req.c, form.c, valid.c ...) and jansson.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "conf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const colours[] = {"red", "green", "blue", NULL};

static const struct field_spec spec[] = {
	{"name", FIELD_STRING, 1, 1, 10, NULL},
	{"note", FIELD_TEXT, 0, 0, 200, NULL},
	{"count", FIELD_INT, 0, 1, 100, NULL},
	{"big", FIELD_INT, 0, -(1LL << 53), 1LL << 53, NULL},
	{"colour", FIELD_ENUM, 0, 0, 0, colours},
	{"born", FIELD_DATE, 0, 0, 0, NULL},
	{"birth", FIELD_PDATE, 0, 0, 0, NULL},
	{"at", FIELD_TIME, 0, 0, 0, NULL},
	{"phone", FIELD_PHONE, 0, 0, 0, NULL},
	{"agree", FIELD_BOOL, 0, 0, 0, NULL},
	{"email", FIELD_EMAIL, 0, 0, 0, NULL},
	{"country", FIELD_COUNTRY, 0, 0, 0, NULL},
	{"photo", FIELD_FILE, 0, 0, 1000, NULL},
	{"secret", FIELD_SECRET, 0, 0, 64, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

static struct conf	conf;

/* Validate data as a JSON body, check the invariants, free. Returns 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char				 ct[] = "CONTENT_TYPE=application/json";
	char				 meth[] = "REQUEST_METHOD=POST";
	char				 uri[] = "REQUEST_URI=/x";
	char				*envp[] = {meth, uri, ct, NULL};
	struct req			*r;
	const struct field_value	*v;
	size_t				 i, n = field_count(spec);
	int				 rc;

	if ((r = req_new(NULL, &conf, envp, (const char *)data, size)) == NULL)
		return 0;
	rc = form_validate_json(r, spec, n);
	if (rc >= 0) {
		if ((size_t)rc > n)
			abort();
		for (i = 0; i < n; i++) {
			if ((v = form_get(r, spec[i].name)) == NULL)
				abort();
			if (!v->valid || !v->present)
				continue;
			if (spec[i].type == FIELD_INT &&
			    (v->i < spec[i].min || v->i > spec[i].max))
				abort();
			if (spec[i].type == FIELD_ENUM && (v->i < 0 ||
			    v->i >= 3))
				abort();
		}
	}
	req_free(&r);
	return 0;
}

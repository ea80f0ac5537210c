/*
 * test_form_json.c: JSON object bodies validated against field specs
 * (form_validate_json): every field type from its JSON type, caps in
 * code points, enums, dates, phones with the configured country code,
 * missing and null members, wrong JSON types, unknown members dropped,
 * bodies that are not one JSON object (arrays, invalid JSON or UTF-8,
 * duplicate names, NUL escapes, numbers out of range) and huge numbers.
 * Requests are built by req_new() as the worker builds them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "conf.h"
#include "tap.h"

static const char *const colours[] = {"red", "green", NULL};

static const struct field_spec spec[] = {
	{"name", FIELD_STRING, 1, 1, 10, NULL},
	{"note", FIELD_TEXT, 0, 0, 20, NULL},
	{"count", FIELD_INT, 0, 1, 100, NULL},
	{"big", FIELD_INT, 0, -(1LL << 53), 1LL << 53, NULL},
	{"colour", FIELD_ENUM, 0, 0, 0, colours},
	{"born", FIELD_DATE, 0, 0, 0, NULL},
	{"phone", FIELD_PHONE, 0, 0, 0, NULL},
	{"agree", FIELD_BOOL, 0, 0, 0, NULL},
	{"email", FIELD_EMAIL, 0, 0, 0, NULL},
	{"country", FIELD_COUNTRY, 0, 0, 0, NULL},
	{"photo", FIELD_FILE, 0, 0, 1000, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

static struct conf	conf;

/* Build a POST request with body and content type ctype, and validate
 * it against spec; *rc gets form_validate_json's answer. The caller
 * frees the request. */
static struct req *
run(const char *ctype, const char *body, size_t len, int *rc)
{
	char		 ct[128];
	char		*envp[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/x", ct,
			    NULL};
	struct req	*r;

	snprintf(ct, sizeof(ct), "CONTENT_TYPE=%s", ctype);
	if ((r = req_new(NULL, &conf, envp, body, len)) == NULL) {
		*rc = FORM_JSON_NOMEM;
		return NULL;
	}
	*rc = form_validate_json(r, spec, field_count(spec));
	return r;
}

/* The message key a body gives field name ("" if valid, "?" if the
 * body is refused as a whole). */
static const char *
message(const char *body, const char *name)
{
	static char		 key[64];
	struct req		*r;
	const struct field_value *v;
	int			 rc;

	r = run("application/json", body, strlen(body), &rc);
	if (r == NULL || rc < 0)
		snprintf(key, sizeof(key), "?");
	else if ((v = form_get(r, name)) == NULL)
		snprintf(key, sizeof(key), "(undeclared)");
	else
		snprintf(key, sizeof(key), "%s", v->errkey ? v->errkey : "");
	req_free(&r);
	return key;
}

/* Answer of form_validate_json for body (len bytes). */
static int
answer(const char *body, size_t len)
{
	struct req	*r;
	int		 rc;

	r = run("application/json", body, len, &rc);
	req_free(&r);
	return rc;
}

/* A valid body: typed values read as for forms. */
static void
test_valid(void)
{
	static const char body[] = "{\"name\":\"  Zoé  \",\"note\":\"a\\nb\","
	    "\"count\":42,\"big\":-9007199254740991,\"colour\":\"green\","
	    "\"born\":\"1990-05-23\",\"phone\":\"06 12 34 56 78\","
	    "\"agree\":true,\"email\":\"a@example.org\",\"country\":\"fra\","
	    "\"photo\":null}";
	struct req	*r;
	int		 rc;

	r = run("application/json", body, strlen(body), &rc);
	is_int(rc, 0, "valid body: no invalid field");
	is_str(form_str(r, "name"), "Zoé", "string trimmed as in forms");
	is_str(form_str(r, "note"), "a\nb", "text keeps its newline");
	is_int(form_int(r, "count"), 42, "number read as an integer");
	is_int(form_int(r, "big"), -9007199254740991LL,
	    "-(2^53-1) read exactly");
	is_int(form_int(r, "colour"), 1, "enum index");
	is_str(form_str(r, "born"), "1990-05-23", "date");
	is_str(form_str(r, "phone"), "+33612345678",
	    "national phone with the configured country code");
	is_int(form_int(r, "agree"), 1, "true is a checked box");
	is_str(form_str(r, "country"), "FRA", "country upper-cased");
	ok(!form_get(r, "photo")->present, "null is absent");
	req_free(&r);
	is_str(message("{\"name\":\"A\",\"agree\":false}", "agree"), "",
	    "false is valid");
	is_str(message("{\"name\":\"ÉÉÉÉÉÉÉÉÉÉ\"}", "name"), "",
	    "the cap counts code points (10 two-byte letters)");
}

/* Caps, enums, dates, phones: the form messages. */
static void
test_messages(void)
{
	is_str(message("{\"name\":\"ÉÉÉÉÉÉÉÉÉÉÉ\"}", "name"),
	    "Form.Error.TooLong", "11 code points: too long");
	is_str(message("{\"name\":\"A\",\"note\":\"123456789012345678901\"}",
	    "note"), "Form.Error.TooLong", "text cap");
	is_str(message("{\"name\":\"a\\u0001b\"}", "name"),
	    "Form.Error.BadUtf8", "control character refused");
	is_str(message("{\"name\":\"a\\nb\"}", "name"), "Form.Error.BadUtf8",
	    "newline refused in a one-line string");
	is_str(message("{\"name\":\"A\",\"count\":101}", "count"),
	    "Form.Error.IntRange", "above max");
	is_str(message("{\"name\":\"A\",\"count\":0}", "count"),
	    "Form.Error.IntRange", "below min");
	is_str(message("{\"name\":\"A\",\"colour\":\"blue\"}", "colour"),
	    "Form.Error.Enum", "not a choice");
	is_str(message("{\"name\":\"A\",\"colour\":\"Red\"}", "colour"),
	    "Form.Error.Enum", "choices are case-sensitive");
	is_str(message("{\"name\":\"A\",\"born\":\"1990-02-30\"}", "born"),
	    "Form.Error.Date", "impossible date");
	is_str(message("{\"name\":\"A\",\"born\":\"23/05/1990\"}", "born"),
	    "Form.Error.Date", "date format");
	is_str(message("{\"name\":\"A\",\"phone\":\"12\"}", "phone"),
	    "Form.Error.Phone", "phone too short");
	is_str(message("{\"name\":\"A\",\"phone\":\"+33 6 12 ab\"}", "phone"),
	    "Form.Error.Phone", "letters in a phone");
	is_str(message("{\"name\":\"A\",\"email\":\"nope\"}", "email"),
	    "Form.Error.Email", "e-mail");
	is_str(message("{\"name\":\"A\",\"country\":\"ZZZ\"}", "country"),
	    "Form.Error.Country", "country");
}

/* Missing, empty and null required members. */
static void
test_required(void)
{
	is_str(message("{}", "name"), "Form.Error.Required", "missing");
	is_str(message("{\"name\":\"\"}", "name"), "Form.Error.Required",
	    "empty string");
	is_str(message("{\"name\":\"   \"}", "name"), "Form.Error.Required",
	    "blank string");
	is_str(message("{\"name\":null}", "name"), "Form.Error.Required",
	    "null");
	is_str(message("{}", "count"), "", "an optional member may be absent");
}

/* A member of the wrong JSON type is refused with a type message. */
static void
test_types(void)
{
	is_str(message("{\"name\":12}", "name"), "Form.Error.NotString",
	    "number for a string");
	is_str(message("{\"name\":true}", "name"), "Form.Error.NotString",
	    "boolean for a string");
	is_str(message("{\"name\":[\"A\"]}", "name"), "Form.Error.NotString",
	    "array for a string");
	is_str(message("{\"name\":{\"given\":\"A\"}}", "name"),
	    "Form.Error.NotString", "object for a string");
	is_str(message("{\"name\":\"A\",\"colour\":[\"red\"]}", "colour"),
	    "Form.Error.NotString", "array for an enum");
	is_str(message("{\"name\":\"A\",\"born\":19900523}", "born"),
	    "Form.Error.NotString", "number for a date");
	is_str(message("{\"name\":\"A\",\"phone\":33612345678}", "phone"),
	    "Form.Error.NotString", "number for a phone");
	is_str(message("{\"name\":\"A\",\"count\":\"42\"}", "count"),
	    "Form.Error.Int", "string for an integer");
	is_str(message("{\"name\":\"A\",\"count\":4.5}", "count"),
	    "Form.Error.Int", "fraction for an integer");
	is_str(message("{\"name\":\"A\",\"count\":4.0}", "count"), "",
	    "4.0 is the integer 4");
	is_str(message("{\"name\":\"A\",\"agree\":\"yes\"}", "agree"),
	    "Form.Error.NotBoolean", "string for a boolean");
	is_str(message("{\"name\":\"A\",\"agree\":1}", "agree"),
	    "Form.Error.NotBoolean", "number for a boolean");
	is_str(message("{\"name\":\"A\",\"photo\":\"aGVsbG8=\"}", "photo"),
	    "Form.Error.File", "no file in a JSON body");
	is_str(message("{\"name\":12}", "count"), "",
	    "one bad member does not touch the others");
}

/* Huge numbers are a field's range error, never a wrapped value. */
static void
test_huge(void)
{
	is_str(message("{\"name\":\"A\",\"big\":9007199254740991}", "big"),
	    "", "2^53-1 accepted");
	is_str(message("{\"name\":\"A\",\"big\":9007199254740992}", "big"),
	    "Form.Error.IntRange", "2^53 refused (not exact in a double)");
	is_str(message("{\"name\":\"A\",\"big\":9007199254740993}", "big"),
	    "Form.Error.IntRange", "2^53+1 refused, not rounded");
	is_str(message("{\"name\":\"A\",\"count\":"
	    "123456789012345678901234567890}", "count"),
	    "Form.Error.IntRange", "30-digit integer");
	is_str(message("{\"name\":\"A\",\"count\":-1e300}", "count"),
	    "Form.Error.IntRange", "-1e300");
	is_str(message("{\"name\":\"A\",\"count\":1e400}", "count"), "?",
	    "1e400 is beyond JSON numbers we read: body refused");
}

/* Unknown members are dropped: never in the body, no error. */
static void
test_unknown(void)
{
	static const char body[] = "{\"name\":\"A\",\"admin\":true,"
	    "\"nested\":{\"x\":[1,2]}}";
	struct req	*r;
	int		 rc;

	r = run("application/json", body, strlen(body), &rc);
	is_int(rc, 0, "unknown members: no error");
	ok(kv_get(&r->body, "admin") == NULL &&
	    kv_get(&r->body, "nested") == NULL, "unknown members dropped");
	ok(form_get(r, "admin") == NULL, "and not readable");
	is_str(form_str(r, "name"), "A", "declared member kept");
	req_free(&r);
}

/* Bodies that are not one JSON object are refused as a whole. */
static void
test_not_object(void)
{
	static const char nul[] = "{\"name\":\"a\0b\"}";

	is_int(answer("[{\"name\":\"A\"}]", 15), FORM_JSON_BAD, "array body");
	is_int(answer("\"A\"", 3), FORM_JSON_BAD, "string body");
	is_int(answer("42", 2), FORM_JSON_BAD, "number body");
	is_int(answer("null", 4), FORM_JSON_BAD, "null body");
	is_int(answer("", 0), FORM_JSON_BAD, "empty body");
	is_int(answer("{nope", 5), FORM_JSON_BAD, "invalid JSON");
	is_int(answer("{\"name\":\"A\"} x", 14), FORM_JSON_BAD,
	    "text after the object");
	is_int(answer("{\"name\":\"A\",\"name\":\"B\"}", 23), FORM_JSON_BAD,
	    "duplicate member name");
	is_int(answer("{\"name\":\"\xff\xfe\"}", 13), FORM_JSON_BAD,
	    "invalid UTF-8");
	is_int(answer("{\"name\":\"\xc3\xa9\xed\xa0\x80\"}", 16),
	    FORM_JSON_BAD, "UTF-8-encoded surrogate");
	is_int(answer("{\"name\":\"\\ud800\"}", 17), FORM_JSON_BAD,
	    "lone surrogate escape");
	is_int(answer("{\"name\":\"a\\u0000b\"}", 19), FORM_JSON_BAD,
	    "NUL escape");
	is_int(answer(nul, sizeof(nul) - 1), FORM_JSON_BAD, "raw NUL byte");
}

/* The body is read as JSON whatever the Content-Type said; pairs a
 * form parser found in it are not kept. */
static void
test_content_type(void)
{
	static const char body[] = "{\"name\":\"A\",\"count\":3}";
	struct req	*r;
	int		 rc;

	r = run("application/x-www-form-urlencoded", body, strlen(body), &rc);
	is_int(rc, 0, "form-encoded Content-Type: read as JSON");
	is_str(form_str(r, "name"), "A", "member read");
	is_int((long long)r->body.n, 2, "only the declared members in body");
	req_free(&r);
}

/* The messages go to the HDF as for forms. */
static void
test_hdf(void)
{
	static const char body[] = "{\"name\":7,\"count\":500}";
	struct req	*r;
	int		 rc;

	r = run("application/json", body, strlen(body), &rc);
	is_int(rc, 2, "two invalid fields");
	is_str(hdf_get_value(r->hdf, "Form.name.Error", NULL),
	    "Form.Error.NotString", "type message in the HDF");
	is_str(hdf_get_value(r->hdf, "Form.name.Value", NULL), NULL,
	    "a value of the wrong type is not echoed");
	is_str(hdf_get_value(r->hdf, "Form.count.Value", NULL), "500",
	    "a number is echoed as text");
	is_str(hdf_get_value(r->hdf, "Form.Errors", NULL), "2", "count");
	req_free(&r);
}

/* Bidi controls typed into a name (a right-to-left override would turn
 * every line showing it backwards) are dropped at input; text fields
 * too; a secret keeps every byte. */
static void
test_bidi_controls(void)
{
	static const char body[] = "{\"name\":\"\\u202eAli\\u2066x\\u2069\","
	    "\"note\":\"a\\u202ab\\u202cc\"}";
	static const char only[] = "{\"name\":\"\\u202e\"}";
	struct req	*r;
	int		 rc;

	r = run("application/json", body, strlen(body), &rc);
	is_int(rc, 0, "a name with bidi controls is accepted");
	is_str(form_str(r, "name"), "Alix", "its controls are gone");
	is_str(form_str(r, "note"), "abc", "a text field's too");
	is_str(hdf_get_value(r->hdf, "Form.name.Value", NULL), "Alix",
	    "and the echoed value has none");
	req_free(&r);
	is_str(message(only, "name"), "Form.Error.Required",
	    "a name of controls only is no name");
}

int
main(void)
{
	if (hdf_init(&conf.hdf) != STATUS_OK)
		return 1;
	hdf_set_value(conf.hdf, "Site.PhoneCountryCode", "33");
	test_valid();
	test_messages();
	test_required();
	test_types();
	test_huge();
	test_unknown();
	test_not_object();
	test_content_type();
	test_hdf();
	test_bidi_controls();
	hdf_destroy(&conf.hdf);
	return done_testing();
}

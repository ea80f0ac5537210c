/*
 * test_tpl.c: unit tests of tpl.c: escaping of var: (also through
 * includes and macros), url_validate, language fallback to en, the
 * Accept-Language choice, Page.Lang/Page.Dir, tpl_text, render errors
 * (logged, nothing emitted), the real layout and error page, and page
 * data set row by row from a node (page_node) and fmt_int.
 * Parse trees are cached per process: renders of one template with
 * different HDFs and languages must not see each other's data, and
 * templates whose tree would depend on request data are refused.
 * Reads $HAVRE_SRCDIR/templates; writes a scratch template tree under
 * $TMPDIR.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"
#include "app.h"
#include "buf.h"
#include "conf.h"
#include "tpl.h"
#include "tap.h"

static char	 scratch[256];

/* Write text to scratch/name. Returns 0 or -1. */
static int
put(const char *name, const char *text)
{
	char	 path[512];
	FILE	*f;
	int	 rc;

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	rc = fputs(text, f) < 0 ? -1 : 0;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

/* Remove scratch/name (errors ignored). */
static void
del(const char *name)
{
	char	 path[512];

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	remove(path);
}

/*
 * Make the scratch tree: lang/en.hdf, lang/fr.hdf (missing one key),
 * lang/ar.hdf and a few templates. Returns 0 or -1.
 */
static int
scratch_make(void)
{
	const char	*tmp;
	char		 path[512];

	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(scratch, sizeof(scratch), "%s/havre-test-tpl.XXXXXX", tmp);
	if (mkdtemp(scratch) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/lang", scratch);
	if (mkdir(path, 0700) == -1)
		return -1;
	snprintf(path, sizeof(path), "%s/sub", scratch);
	if (mkdir(path, 0700) == -1)
		return -1;
	if (put("lang/en.hdf", "Greeting = Hello\nOnly.En = English only\n"
	    "Quote = a < b\n") == -1 ||
	    put("lang/fr.hdf", "Greeting = Bonjour\nQuote = a < b\n") == -1 ||
	    put("lang/ar.hdf", "Greeting = مرحبا\nOnly.En = بالعربية\n"
	    "Quote = a < b\n") == -1 ||
	    put("esc.cs", "[<?cs var:X ?>]") == -1 ||
	    put("url.cs", "<a href=\"<?cs var:url_validate(U) ?>\">") == -1 ||
	    put("inc.cs", "<?cs include:\"sub/part.cs\" ?>") == -1 ||
	    put("sub/part.cs", "<?cs def:m(v) ?>(<?cs var:v ?>)<?cs /def ?>"
	    "<?cs call:m(X) ?><?cs each:i = L ?>{<?cs var:i ?>}"
	    "<?cs /each ?>") == -1 ||
	    put("lang.cs", "<?cs var:Page.Lang ?>/<?cs var:Page.Dir ?>/"
	    "<?cs var:Lang.Greeting ?>/<?cs var:Lang.Only.En ?>/"
	    "<?cs var:Lang.Quote ?>") == -1 ||
	    put("bad.cs", "<?cs if:X ?>never closed") == -1 ||
	    put("set.cs", "<?cs if:?X ?><?cs set:Y = X ?><?cs /if ?>"
	    "[<?cs var:Y ?>]") == -1 ||
	    put("each.cs", "<?cs each:k = Lang.Only ?><?cs var:k ?>"
	    "<?cs /each ?>") == -1 ||
	    put("macro.cs", "<?cs def:t(x) ?>(<?cs var:x ?>)<?cs /def ?>"
	    "<?cs call:t(Lang.Greeting) ?><?cs call:t(Lang[X]) ?>") == -1 ||
	    put("linc.cs", "<?cs linclude:\"esc.cs\" ?>") == -1 ||
	    put("dyn.cs", "<?cs include:X ?>") == -1 ||
	    put("dyn2.cs", "<?cs include:\"esc\" + X ?>") == -1 ||
	    put("evar.cs", "<?cs evar:X ?>") == -1 ||
	    put("notatemplate.txt", "x") == -1)
		return -1;
	return 0;
}

/* Remove the scratch tree. */
static void
scratch_remove(void)
{
	char	 path[512];

	del("lang/en.hdf");
	del("lang/fr.hdf");
	del("lang/ar.hdf");
	del("esc.cs");
	del("url.cs");
	del("inc.cs");
	del("sub/part.cs");
	del("lang.cs");
	del("bad.cs");
	del("set.cs");
	del("each.cs");
	del("macro.cs");
	del("linc.cs");
	del("dyn.cs");
	del("dyn2.cs");
	del("evar.cs");
	del("notatemplate.txt");
	snprintf(path, sizeof(path), "%s/lang", scratch);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/sub", scratch);
	rmdir(path);
	rmdir(scratch);
}

/*
 * Render file with a fresh HDF prepared for lang, after setting
 * name=value (when name is not NULL). Returns the page (malloc'd) or
 * NULL on failure.
 */
static char *
render(const char *file, const char *lang, const char *name,
    const char *value)
{
	HDF		*hdf = NULL;
	struct buf	 out = { NULL, 0, 0 };
	char		*page = NULL;

	if (hdf_init(&hdf) != STATUS_OK)
		return NULL;
	if (tpl_prepare(hdf, lang) == -1)
		goto out;
	if (name != NULL && hdf_set_value(hdf, name, value) != STATUS_OK)
		goto out;
	hdf_set_value(hdf, "L.0", "<i>");
	hdf_set_value(hdf, "L.1", "&");
	if (tpl_render(hdf, file, &out) == -1)
		goto out;
	page = buf_take(&out);
	if (page == NULL)
		page = strdup("");
out:
	buf_free(&out);
	hdf_destroy(&hdf);
	return page;
}

/*
 * Parse trees are reused: what one render sets or sees must not reach
 * the next; language strings come from the request's language; trees
 * that would depend on request data are refused. Needs tpl_init on the
 * scratch tree (default language fr).
 */
static void
test_cached(void)
{
	HDF	*hdf = NULL;
	char	*p;

	p = render("set.cs", "en", "X", "<1>");
	is_str(p, "[&lt;1&gt;]", "set: then var: in one render");
	free(p);
	p = render("set.cs", "en", NULL, NULL);
	is_str(p, "[]", "... the next render does not see that set:");
	free(p);
	p = render("each.cs", "ar", NULL, NULL);
	is_str(p, "بالعربية", "each: over Lang.* sees the request's language");
	free(p);
	p = render("each.cs", "en", NULL, NULL);
	is_str(p, "English only", "... and the next request's one");
	free(p);
	p = render("macro.cs", "fr", "X", "Greeting");
	is_str(p, "(Bonjour)(Bonjour)", "Lang.* as a macro argument");
	free(p);
	p = render("linc.cs", "en", "X", "<b>");
	is_str(p, "[&lt;b&gt;]", "linclude: renders, escaped");
	free(p);
	p = render("dyn.cs", "en", "X", "esc.cs");
	ok(p == NULL, "include: of a variable is refused");
	free(p);
	p = render("dyn2.cs", "en", "X", ".cs");
	ok(p == NULL, "include: of an expression is refused");
	free(p);
	p = render("evar.cs", "en", "X", "[<?cs var:Y ?>]");
	ok(p == NULL, "evar: is refused");
	free(p);

	p = render("lang.cs", "ar", NULL, NULL);
	is_str(p, "ar/rtl/مرحبا/بالعربية/a &lt; b", "ar again, same tree");
	free(p);
	hdf_init(&hdf);
	p = NULL;
	ok(tpl_has_text(hdf, "Greeting") == 0 &&
	    strcmp(tpl_text(hdf, "Greeting"), "Greeting") == 0,
	    "an unprepared HDF has no language strings");
	tpl_prepare(hdf, "fr");
	ok(tpl_has_text(hdf, "Greeting") && tpl_has_text(hdf, "Only.En") &&
	    !tpl_has_text(hdf, "No.Such") && !tpl_has_text(hdf, NULL),
	    "tpl_has_text: fr, en fallback, missing, NULL");
	is_str(tpl_text(hdf, "Only.En"), "English only",
	    "tpl_text falls back to en");
	hdf_set_value(hdf, "Lang.Greeting", "Salut");
	is_str(tpl_text(hdf, "Greeting"), "Salut",
	    "a Lang.* value set in the request HDF wins");
	hdf_destroy(&hdf);
}

/* Tests on the scratch tree (made-up language files and templates). */
static void
test_scratch(void)
{
	struct conf	 conf;
	struct buf	 out = { NULL, 0, 0 };
	HDF		*hdf = NULL;
	char		*p;

	memset(&conf, 0, sizeof(conf));
	conf.templates = scratch;
	conf.languages = "fr, ar";
	conf.default_lang = "fr";
	ok(tpl_init(&conf) == 0, "tpl_init on the scratch tree");

	p = render("esc.cs", "en", "X", "&<>\"'");
	is_str(p, "[&amp;&lt;&gt;&quot;&#39;]", "var: escapes & < > \" '");
	free(p);
	p = render("esc.cs", "en", "X",
	    "<script>alert(1)</script>\" onmouseover=x '");
	is_str(p, "[&lt;script&gt;alert(1)&lt;/script&gt;&quot; "
	    "onmouseover=x &#39;]", "a hostile value is inert");
	free(p);
	p = render("inc.cs", "en", "X", "<b>");
	is_str(p, "(&lt;b&gt;){&lt;i&gt;}{&amp;}",
	    "escaping holds in includes, macros and each");
	free(p);
	p = render("url.cs", "en", "U", "javascript:alert(1)");
	is_str(p, "<a href=\"#\">", "url_validate turns javascript: into #");
	free(p);
	p = render("url.cs", "en", "U", " JavaScript:alert(1)");
	is_str(p, "<a href=\"#\">", "url_validate: mixed case, leading space");
	free(p);
	p = render("url.cs", "en", "U", "/cases?id=1&x=\"2\"");
	is_str(p, "<a href=\"/cases?id=1&amp;x=&quot;2&quot;\">",
	    "url_validate keeps a relative URL, escaped");
	free(p);
	p = render("url.cs", "en", "U", "https://example.org/a");
	is_str(p, "<a href=\"https://example.org/a\">",
	    "url_validate keeps https:");
	free(p);

	p = render("lang.cs", "fr", NULL, NULL);
	is_str(p, "fr/ltr/Bonjour/English only/a &lt; b",
	    "fr: a key missing from fr.hdf falls back to en.hdf");
	free(p);
	p = render("lang.cs", "ar", NULL, NULL);
	is_str(p, "ar/rtl/مرحبا/بالعربية/a &lt; b",
	    "ar: Page.Dir is rtl, Arabic strings");
	free(p);
	p = render("lang.cs", "de", NULL, NULL);
	is_str(p, "fr/ltr/Bonjour/English only/a &lt; b",
	    "an unknown language gets the default language");
	free(p);
	p = render("lang.cs", NULL, NULL, NULL);
	is_str(p, "fr/ltr/Bonjour/English only/a &lt; b",
	    "no language gets the default language");
	free(p);

	test_cached();

	ok(tpl_lang_ok("en") && tpl_lang_ok("fr") && tpl_lang_ok("ar"),
	    "en (always), fr and ar are configured");
	ok(!tpl_lang_ok("de") && !tpl_lang_ok("") && !tpl_lang_ok(NULL),
	    "de, empty and NULL are not");
	is_str(tpl_lang_accept("*"), "fr", "\"*\" gives the default language");

	/* Errors: nothing emitted, earlier contents kept. */
	hdf_init(&hdf);
	tpl_prepare(hdf, "en");
	buf_puts(&out, "before");
	ok(tpl_render(hdf, "bad.cs", &out) == -1, "a parse error fails");
	is_str(out.data, "before", "... and leaves the buffer as it was");
	ok(tpl_render(hdf, "nosuch.cs", &out) == -1,
	    "an unknown template fails");
	ok(tpl_render(hdf, "notatemplate.txt", &out) == -1,
	    "only *.cs files are cached");
	ok(tpl_render(hdf, "../esc.cs", &out) == -1,
	    "no path outside the cache");
	is_str(out.data, "before", "... still nothing emitted");
	hdf_set_value(hdf, "X", "1");
	ok(tpl_render(hdf, "esc.cs", &out) == 0 &&
	    strcmp(out.data, "before[1]") == 0, "render appends to the buffer");
	buf_free(&out);
	hdf_destroy(&hdf);

	/* Escaping does not depend on tpl_prepare. */
	hdf_init(&hdf);
	hdf_set_value(hdf, "Config.VarEscapeMode", "none");
	hdf_set_value(hdf, "X", "<x>");
	ok(tpl_render(hdf, "esc.cs", &out) == 0 &&
	    strcmp(out.data, "[&lt;x&gt;]") == 0,
	    "tpl_render forces html escaping");
	buf_free(&out);
	hdf_destroy(&hdf);
	tpl_fini();

	/* A configured language without a file is a start-up error. */
	conf.languages = "en,xx";
	conf.default_lang = "en";
	ok(tpl_init(&conf) == -1, "a missing language file fails tpl_init");
	conf.languages = "en";
	conf.default_lang = "ar";
	ok(tpl_init(&conf) == -1,
	    "a default language outside the list fails tpl_init");
	tpl_fini();
}

/* Accept-Language and right-to-left, with en,fr,ar configured. */
static void
test_accept(void)
{
	is_str(tpl_lang_accept("fr-CA,fr;q=0.9,en;q=0.8"), "fr",
	    "fr-CA,fr;q=0.9,en;q=0.8 -> fr");
	is_str(tpl_lang_accept("de,ar;q=0.5"), "ar", "de,ar;q=0.5 -> ar");
	is_str(tpl_lang_accept("de"), NULL, "de -> NULL");
	is_str(tpl_lang_accept("*"), "en", "* -> the default language");
	is_str(tpl_lang_accept("de, *;q=0.1"), "en", "de, *;q=0.1 -> en");
	is_str(tpl_lang_accept("en;q=0,fr;q=0.1"), "fr", "q=0 refuses en");
	is_str(tpl_lang_accept("ar;q=0.5,fr;q=0.5"), "ar",
	    "a tie goes to the first");
	is_str(tpl_lang_accept("  fr ; q=0.7 , AR-eg;Q=0.8"), "ar",
	    "spaces, case and region are tolerated");
	is_str(tpl_lang_accept("fr;q=2,ar;q=abc,en;q=0.3"), "en",
	    "malformed q-values are ignored");
	is_str(tpl_lang_accept("en-US,en;q=0.9"), "en", "en-US -> en");
	is_str(tpl_lang_accept("fra,english,f"), NULL,
	    "no prefix match on other tags");
	is_str(tpl_lang_accept(""), NULL, "empty header -> NULL");
	is_str(tpl_lang_accept(NULL), NULL, "no header -> NULL");
	is_str(tpl_lang_accept(",,,;;;q=,"), NULL, "garbage -> NULL");

	ok(tpl_lang_rtl("ar") && tpl_lang_rtl("fa") && tpl_lang_rtl("he") &&
	    tpl_lang_rtl("ur") && tpl_lang_rtl("ps") && tpl_lang_rtl("ar-EG"),
	    "ar, fa, he, ur, ps, ar-EG are right to left");
	ok(!tpl_lang_rtl("en") && !tpl_lang_rtl("fr") && !tpl_lang_rtl(NULL),
	    "en, fr, NULL are left to right");
}

/* Plural categories against CLDR's own sample values (plurals.xml,
 * the integer samples of each rule). */
static void
test_plural(void)
{
	static const struct {
		const char	*lang;
		long long	 n;
		const char	*want;
	} cases[] = {
		{"ar", 0, "zero"}, {"ar", 1, "one"}, {"ar", 2, "two"},
		{"ar", 3, "few"}, {"ar", 10, "few"}, {"ar", 103, "few"},
		{"ar", 1010, "few"}, {"ar", 11, "many"}, {"ar", 26, "many"},
		{"ar", 99, "many"}, {"ar", 111, "many"}, {"ar", 1011, "many"},
		{"ar", 100, "other"}, {"ar", 102, "other"},
		{"ar", 200, "other"}, {"ar", 1000, "other"},
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "other"},
		{"fr", 17, "other"}, {"fr", 1000, "other"},
		{"fr", 1000000, "many"},
		{"es", 0, "other"}, {"es", 1, "one"}, {"es", 2, "other"},
		{"es", 1000000, "many"},
		{"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"},
		{"en", 1000000, "other"},
		{"ht", 1, "other"}, {"ht", 2, "other"}, {"xx", 1, "other"},
		{NULL, 1, "other"}, {"en", -1, "one"},
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(tpl_plural(cases[i].lang, cases[i].n), cases[i].want,
		    "plural of %lld in %s", cases[i].n,
		    cases[i].lang ? cases[i].lang : "(null)");
}

/* The real templates: layout, error page, lang strings. */
static void
test_real(const char *src)
{
	struct conf	 conf;
	char		 dir[512];
	HDF		*hdf = NULL;
	struct buf	 out = { NULL, 0, 0 };

	snprintf(dir, sizeof(dir), "%s/templates", src);
	memset(&conf, 0, sizeof(conf));
	conf.templates = dir;
	conf.languages = "en,fr,ar";
	conf.default_lang = "en";
	if (!ok(tpl_init(&conf) == 0, "tpl_init on %s", dir))
		return;

	test_accept();

	hdf_init(&hdf);
	ok(tpl_prepare(hdf, "ar") == 0, "tpl_prepare ar");
	is_str(hdf_get_value(hdf, "Page.Dir", NULL), "rtl", "ar: Page.Dir rtl");
	is_str(hdf_get_value(hdf, "Page.Lang", NULL), "ar", "ar: Page.Lang");
	is_str(hdf_get_value(hdf, "Config.VarEscapeMode", NULL), "html",
	    "Config.VarEscapeMode is html");
	is_str(tpl_text(hdf, "Layout.Logout"), "تسجيل الخروج",
	    "tpl_text gives the Arabic string");
	is_str(tpl_text(hdf, "No.Such.Key"), "No.Such.Key",
	    "tpl_text gives the key when missing");
	hdf_set_value(hdf, "Error.Status", "404");
	hdf_set_value(hdf, "Page.ReqId", "r<1>");
	hdf_set_value(hdf, "Page.Nav.0.Href", "javascript:alert(1)");
	hdf_set_value(hdf, "Page.Nav.0.Label", "x");
	ok(tpl_render(hdf, "error.cs", &out) == 0, "error.cs renders in ar");
	ok(out.data != NULL && strstr(out.data, "dir=\"rtl\"") != NULL &&
	    strstr(out.data, "الصفحة غير موجودة") != NULL,
	    "... right to left, with the Arabic 404 title");
	ok(out.data != NULL && strstr(out.data, "r&lt;1&gt;") != NULL &&
	    strstr(out.data, "<?cs") == NULL &&
	    strstr(out.data, "javascript:") == NULL,
	    "... request id escaped, nav href validated, no raw tags");
	buf_free(&out);
	hdf_destroy(&hdf);

	hdf_init(&hdf);
	ok(tpl_prepare(hdf, "fr") == 0, "tpl_prepare fr");
	is_str(hdf_get_value(hdf, "Page.Dir", NULL), "ltr", "fr: Page.Dir ltr");
	is_str(tpl_text(hdf, "Layout.Logout"), "Se déconnecter",
	    "tpl_text gives the French string");
	hdf_set_value(hdf, "Error.Status", "403");
	hdf_set_value(hdf, "Error.Message", "Error.Csrf");
	ok(tpl_render(hdf, "error.cs", &out) == 0 && out.data != NULL &&
	    strstr(out.data, "Accès refusé") != NULL &&
	    strstr(out.data, "Ce formulaire a expiré") != NULL,
	    "error.cs: message given as a language key is looked up");
	buf_free(&out);
	hdf_destroy(&hdf);
	tpl_fini();
	tpl_fini();
	ok(1, "tpl_fini twice is harmless");
}

/*
 * Page data set row by row from a node (page_node, page_set_in,
 * page_set_int_in) reads as the same names set from the root, and
 * fmt_int writes what "%lld" writes.
 */
static void
test_page_data(void)
{
	static const long long	 nums[] = {0, 7, -7, 10, 4096, -100000,
	    9223372036854775807LL, -9223372036854775807LL - 1};
	struct req		 r;
	HDF			*rows, *row;
	char			 want[32], got[24];
	size_t			 i;

	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		snprintf(want, sizeof(want), "%lld", nums[i]);
		is_str(fmt_int(nums[i], got), want, "fmt_int(%s)", want);
	}
	memset(&r, 0, sizeof(r));
	if (!ok(hdf_init(&r.hdf) == STATUS_OK, "hdf_init"))
		return;
	page_set(&r, "Book.Step", "5");
	rows = page_node(&r, "Book.Slots");
	ok(rows != NULL, "page_node makes Book.Slots");
	row = page_node_in(rows, "0");
	page_set_int_in(row, "Id", 42);
	page_set_in(row, "Time", "09:30");
	row = page_node_in(rows, "1");
	page_set_int_in(row, "Id", -3);
	page_set_in(row, "Time", NULL);
	is_str(hdf_get_value(r.hdf, "Book.Slots.0.Id", "?"), "42",
	    "a row's number under its node");
	is_str(hdf_get_value(r.hdf, "Book.Slots.0.Time", "?"), "09:30",
	    "a row's text under its node");
	is_str(hdf_get_value(r.hdf, "Book.Slots.1.Id", "?"), "-3",
	    "a negative number");
	is_str(hdf_get_value(r.hdf, "Book.Slots.1.Time", "?"), "",
	    "NULL sets an empty value, as page_set does");
	is_str(hdf_get_value(r.hdf, "Book.Step", "?"), "5",
	    "the rest of the page untouched");
	ok(page_node_in(NULL, "0") == NULL, "no parent, no node");
	page_set_in(NULL, "Id", "x");
	page_set_int_in(NULL, "Id", 1);
	ok(hdf_get_obj(r.hdf, "Id") == NULL, "a NULL node sets nothing");
	hdf_destroy(&r.hdf);
}

/*
 * Run the scratch-tree tests, then those on the real templates. Prints
 * TAP; returns 0 if all tests passed, else 1.
 */
int
main(void)
{
	const char	*src;

	if ((src = getenv("HAVRE_SRCDIR")) == NULL || *src == '\0')
		src = ".";
	if (!ok(scratch_make() == 0, "scratch template tree"))
		return done_testing();
	test_scratch();
	scratch_remove();
	test_plural();
	test_page_data();
	test_real(src);
	return done_testing();
}

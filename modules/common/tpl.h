/*
 * tpl.h: rendering through ClearSilver with Config.VarEscapeMode=html.
 * Templates and language files are read once per process and kept in
 * memory, each template parsed once per process; each request renders
 * into a buffer that is only sent whole.
 */
#ifndef HAVRE_TPL_H
#define HAVRE_TPL_H

#include "cs.h"
#include "buf.h"

struct conf;
struct req;

/* Languages known to the renderer, in templates/lang/<code>.hdf. */
#define TPL_MAX_LANGS 8

/*
 * Load templates/lang/<code>.hdf for the configured languages (en first, as
 * the fallback under every other) and cache template files.
 * Returns 0 or -1 (logged).
 */
int	 tpl_init(const struct conf *);
void	 tpl_fini(void);

/* Returns 1 if code is a configured language. */
int	 tpl_lang_ok(const char *code);
/* Returns 1 if the language is written right to left (ar, fa, ...). */
int	 tpl_lang_rtl(const char *code);
/* Pick a language from an Accept-Language header ("fr-FR,fr;q=0.9"),
 * or NULL if none is configured. */
const char *tpl_lang_accept(const char *header);

/*
 * Fill a fresh request HDF: Config.VarEscapeMode, Page.Lang, Page.Dir.
 * Templates rendered with it then see the language's strings as Lang.*
 * (shared, not copied into the HDF: read them with tpl_text or
 * tpl_has_text, not hdf_get_value). Returns 0 or -1.
 */
int	 tpl_prepare(HDF *, const char *lang);
/* A language string (Lang.<key>) for the request's language, or the key. */
const char *tpl_text(HDF *, const char *key);
/* Returns 1 if Lang.<key> exists for the request's language, else 0. */
int	 tpl_has_text(HDF *, const char *key);

/*
 * The CLDR plural category of the count n in language lang: "zero",
 * "one", "two", "few", "many" or "other", by the cardinal rules of
 * CLDR's plurals.xml (v44) for integers (i = n, v = 0) in the
 * languages we serve: en and es "one" for 1 (es "many" for a non-zero
 * multiple of a million); fr "one" for 0 and 1, "many" for a non-zero
 * multiple of a million; ar "zero" 0, "one" 1, "two" 2, "few" when
 * n % 100 is 3..10, "many" when 11..99; ht (and any language CLDR has
 * no rule for) "other" only. Negative counts are read as their
 * absolute value. Language files hold one string per category
 * (Lang.<group>.<category>), picked in templates with [Plural].
 */
const char *tpl_plural(const char *lang, long long n);

/*
 * Render template file (relative to Paths.Templates) with hdf into out.
 * Returns 0 or -1 (error logged with its traceback; nothing is sent).
 */
int	 tpl_render(HDF *, const char *file, struct buf *out);
/*
 * A partial date's text ("1990-05-00", "1990-00-00", "1990-05-23") as
 * pages show it: a month and year in words in the page's language ("May
 * 1990", "mai 1990", "مايو 1990"), a year alone as the year, a full date
 * unchanged, "" when empty or unreadable; into out (outsz bytes, 64 is
 * enough). Print it isolated (<bdi>), not left to right: the words are
 * in the page's script.
 */
void	 tpl_pdate_words(HDF *, const char *text, char *out, size_t outsz);

#endif

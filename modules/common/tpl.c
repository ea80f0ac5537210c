/*
 * tpl.c: rendering through ClearSilver. At start-up the language files
 * (templates/lang/<code>.hdf, each layered over en.hdf, kept under Lang.*
 * in one HDF per language) and every template file (*.cs under
 * Paths.Templates) are read into memory. A template is parsed once per
 * process, at its first render, with Config.VarEscapeMode=html; each
 * request then renders that parse tree with its own HDF, and sees the
 * strings of its language (Page.Lang) through the tree's global HDF
 * instead of a copy. Output goes into a buffer. Errors go to the log
 * with their traceback, never to the page.
 *
 * Why reusing a parse tree is safe with ClearSilver 0.10.5 (csparse.c):
 * - Rendering reads the tree and writes only into parse->hdf (set:) and
 *   into per-render state that each construct restores (locals of each,
 *   with, loop and call live on the C stack and are unlinked on every
 *   exit, errors included; escaping.current is reset at each var:;
 *   output_cb/output_ctx are set by every cs_render). Nothing is added
 *   to parse->alloc while rendering, so a tree does not grow.
 * - What the parser takes from the HDF is fixed here: the escaping
 *   mode (html, from parse_hdf below), Config.TagStart and
 *   Config.EnableAuditMode (the defaults), and the values of include:
 *   and evar: arguments; tpl_fileload refuses templates whose include:
 *   is not a literal file name, and any evar: (banned by the template
 *   lint anyway), so no request data can shape a tree.
 * - Variables not found in the request HDF are looked up in
 *   parse->global_hdf (var_lookup/var_lookup_obj), which we point at the
 *   request's language. Templates must not set: into Lang.* through a
 *   local (each/with/call argument) that points there: that would write
 *   into the shared strings. A plain set:Lang.X writes into the request
 *   HDF, which is looked up first. Nor may they set: a member (x.y) of
 *   a local holding a string or number (loop:, or a macro argument
 *   given a string): ClearSilver ignores that, but leaves the name cut
 *   at the dot in the tree. Our templates do neither (set: is used on
 *   plain HDF names only).
 * - After a failed render the tree is dropped and parsed again next time.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cs.h"
#include "buf.h"
#include "conf.h"
#include "log.h"
#include "tpl.h"
#include "valid.h"

/* Keep template paths well under ClearSilver's 256-byte buffers. */
#define TPL_PATH_MAX	200
/* How deep the template tree may go (guards against symlink loops). */
#define TPL_DEPTH_MAX	8
/* A template larger than this is surely a mistake. */
#define TPL_FILE_MAX	(1024 * 1024)
/* Accept-Language: entries looked at, bytes per language tag. */
#define ACCEPT_MAX_ENTRIES	32
#define ACCEPT_TAG_MAX		16

struct tpl_lang {
	char	 code[8];	/* "en", "fr", "ar" */
	HDF	*hdf;		/* Lang.*: en.hdf, then <code>.hdf over it */
};

struct tpl_file {
	char	*name;		/* path relative to the template root */
	char	*data;		/* NUL-terminated contents */
	size_t	 len;
	CSPARSE	*cs;		/* parse tree, made at the first render */
};

static struct tpl_lang	 langs[TPL_MAX_LANGS];
static size_t		 nlangs;
static const char	*default_lang = "en";
static struct tpl_file	*files;
static size_t		 nfiles, capfiles;
/* The HDF parse trees are made with (and point at between renders):
 * only Config.VarEscapeMode=html. */
static HDF		*parse_hdf;

/* Languages written right to left (primary subtags). */
static const char *const rtl_langs[] = {
	"ar", "fa", "ps", "ur", "he", "yi", "dv", "ckb", "sd", "ug", NULL
};

/*
 * Log a ClearSilver error with its traceback and free it.
 * what: a constant describing the failed step; name: a file or NULL.
 */
static void
tpl_log_nerr(NEOERR **err, const char *what, const char *name)
{
	STRING	 str;

	string_init(&str);
	nerr_error_traceback(*err, &str);
	log_err("tpl: %s%s%s: %s", what, name ? " " : "", name ? name : "",
	    str.buf ? str.buf : "(no traceback)");
	string_clear(&str);
	nerr_ignore(err);
}

/*
 * Copy the primary subtag of a language tag ("fr-CA" -> "fr"), lower
 * case, into out (size outsz). Returns 0, or -1 if the tag is not
 * 2 or 3 ASCII letters before an optional "-...".
 */
static int
lang_primary(const char *tag, size_t taglen, char *out, size_t outsz)
{
	size_t	 i;

	for (i = 0; i < taglen && tag[i] != '-' && tag[i] != '_'; i++) {
		if (!isalpha((unsigned char)tag[i]) || i + 1 >= outsz)
			return -1;
		out[i] = (char)tolower((unsigned char)tag[i]);
	}
	if (i < 2 || i > 3)
		return -1;
	out[i] = '\0';
	return 0;
}

/*
 * Index of a configured language by code (primary subtag compared),
 * or -1.
 */
static int
lang_index(const char *code)
{
	char	 prim[8];
	size_t	 i;

	if (code == NULL ||
	    lang_primary(code, strlen(code), prim, sizeof(prim)) == -1)
		return -1;
	for (i = 0; i < nlangs; i++)
		if (strcmp(langs[i].code, prim) == 0)
			return (int)i;
	return -1;
}

/*
 * Read templates/lang/<code>.hdf (over en.hdf unless code is en) into a
 * new language slot. Returns 0 or -1 (logged).
 */
static int
lang_load(const char *root, const char *code)
{
	char		 path[TPL_PATH_MAX + 32];
	struct tpl_lang	*l;
	HDF		*raw = NULL;
	NEOERR		*err = STATUS_OK;
	int		 rc = -1;

	if (lang_index(code) != -1)
		return 0;
	if (nlangs >= TPL_MAX_LANGS) {
		log_err("tpl: too many languages (max %d)", TPL_MAX_LANGS);
		return -1;
	}
	l = &langs[nlangs];
	memset(l, 0, sizeof(*l));
	if (lang_primary(code, strlen(code), l->code, sizeof(l->code)) == -1 ||
	    strlen(code) != strlen(l->code)) {
		log_err("tpl: bad language code in Site.Languages");
		return -1;
	}
	if ((err = hdf_init(&raw)) != STATUS_OK ||
	    (err = hdf_init(&l->hdf)) != STATUS_OK) {
		tpl_log_nerr(&err, "hdf_init", NULL);
		goto out;
	}
	if (strcmp(l->code, "en") != 0) {
		snprintf(path, sizeof(path), "%s/lang/en.hdf", root);
		if ((err = hdf_read_file(raw, path)) != STATUS_OK) {
			tpl_log_nerr(&err, "reading", path);
			goto out;
		}
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/lang/%s.hdf", root,
	    l->code) >= sizeof(path)) {
		log_err("tpl: template path too long");
		goto out;
	}
	if ((err = hdf_read_file(raw, path)) != STATUS_OK) {
		tpl_log_nerr(&err, "reading", path);
		goto out;
	}
	/* Once per process, not per request: templates see these nodes
	 * through parse->global_hdf, tpl_text() looks them up directly. */
	if ((err = hdf_copy(l->hdf, "Lang", raw)) != STATUS_OK) {
		tpl_log_nerr(&err, "copying", path);
		goto out;
	}
	nlangs++;
	rc = 0;
out:
	hdf_destroy(&raw);
	if (rc == -1 && l->hdf != NULL)
		hdf_destroy(&l->hdf);
	return rc;
}

/*
 * Read one file (at most TPL_FILE_MAX bytes) into a malloc'd,
 * NUL-terminated buffer. Returns the buffer (length in *len) or NULL.
 */
static char *
file_slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*data = NULL;
	long	 sz;
	int	 ok = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == -1 || (sz = ftell(f)) < 0 ||
	    sz > TPL_FILE_MAX || fseek(f, 0, SEEK_SET) == -1)
		goto out;
	if ((data = malloc((size_t)sz + 1)) == NULL)
		goto out;
	if (fread(data, 1, (size_t)sz, f) != (size_t)sz)
		goto out;
	data[sz] = '\0';
	*len = (size_t)sz;
	ok = 1;
out:
	fclose(f);
	if (!ok) {
		free(data);
		data = NULL;
	}
	return data;
}

/*
 * Add a template file to the cache under its relative name.
 * Returns 0 or -1 (logged).
 */
static int
cache_add(const char *path, const char *rel)
{
	struct tpl_file	*nf;
	char		*data;
	size_t		 len = 0;

	if (nfiles == capfiles) {
		capfiles = capfiles ? capfiles * 2 : 64;
		nf = reallocarray(files, capfiles, sizeof(*files));
		if (nf == NULL) {
			log_err("tpl: out of memory");
			return -1;
		}
		files = nf;
	}
	if ((data = file_slurp(path, &len)) == NULL) {
		log_err("tpl: cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	if ((files[nfiles].name = strdup(rel)) == NULL) {
		free(data);
		log_err("tpl: out of memory");
		return -1;
	}
	files[nfiles].data = data;
	files[nfiles].len = len;
	files[nfiles].cs = NULL;
	nfiles++;
	return 0;
}

/*
 * Walk dir (relative name rel, "" at the root) and cache every *.cs
 * regular file below it. Returns 0 or -1 (logged).
 */
static int
cache_walk(const char *dir, const char *rel, int depth)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		 path[TPL_PATH_MAX + 64], sub[TPL_PATH_MAX];
	size_t		 n;
	int		 rc = -1;

	if (depth > TPL_DEPTH_MAX) {
		log_err("tpl: template tree too deep at %s", dir);
		return -1;
	}
	if ((d = opendir(dir)) == NULL) {
		log_err("tpl: cannot open %s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    de->d_name) >= sizeof(path) ||
		    (size_t)snprintf(sub, sizeof(sub), "%s%s%s", rel,
		    rel[0] ? "/" : "", de->d_name) >= sizeof(sub)) {
			log_err("tpl: template path too long under %s", dir);
			goto out;
		}
		if (stat(path, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (cache_walk(path, sub, depth + 1) == -1)
				goto out;
			continue;
		}
		n = strlen(de->d_name);
		if (!S_ISREG(st.st_mode) || n < 4 ||
		    strcmp(de->d_name + n - 3, ".cs") != 0)
			continue;
		if (cache_add(path, sub) == -1)
			goto out;
	}
	rc = 0;
out:
	closedir(d);
	return rc;
}

/* qsort/bsearch comparison of cached files by name. */
static int
file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tpl_file *)a)->name,
	    ((const struct tpl_file *)b)->name);
}

/* The cached template called name, or NULL. */
static struct tpl_file *
cache_find(const char *name)
{
	struct tpl_file	 key;

	if (files == NULL)
		return NULL;
	key.name = (char *)name;
	return bsearch(&key, files, nfiles, sizeof(*files), file_cmp);
}

/*
 * Check that nothing in template text depends on request data at parse
 * time, so that its parse tree can serve every request: each include:
 * must name a literal file ("..." or '...', then ?>), and evar: (which
 * parses an HDF value as template text) must not appear. Commands are
 * matched as ClearSilver does, case-insensitively after "<?cs" and
 * white space; comments (<?cs # ...) are skipped.
 * Returns NULL if the text is fine, else a constant naming the problem.
 */
static const char *
static_check(const char *text)
{
	const char	*p, *t, *end;
	char		 q;

	for (p = strstr(text, "<?"); p != NULL; p = strstr(p + 2, "<?")) {
		if (strncasecmp(p + 2, "cs", 2) != 0 ||
		    !isspace((unsigned char)p[4]))
			continue;
		for (t = p + 4; isspace((unsigned char)*t); t++)
			continue;
		if (strncasecmp(t, "evar", 4) == 0 &&
		    (t[4] == ':' || t[4] == '!'))
			return "evar: is not allowed";
		if (strncasecmp(t, "include", 7) != 0 ||
		    (t[7] != ':' && t[7] != '!'))
			continue;
		for (t += 8; *t == ' ' || *t == '\t'; t++)
			continue;
		if (*t != '"' && *t != '\'')
			return "include: must name a literal file";
		q = *t;
		if ((end = strchr(t + 1, q)) == NULL)
			return "include: must name a literal file";
		for (t = end + 1; isspace((unsigned char)*t); t++)
			continue;
		if (t[0] != '?' || t[1] != '>')
			return "include: must name a literal file";
	}
	return NULL;
}

/*
 * ClearSilver file loader: hand a fresh malloc'd copy of a cached
 * template to the parser (which owns and frees it), after
 * static_check().
 * Returns STATUS_OK, or NERR_NOT_FOUND / NERR_PARSE / NERR_NOMEM.
 */
static NEOERR *
tpl_fileload(void *ctx, HDF *hdf, const char *filename, char **contents)
{
	struct tpl_file	*f;
	const char	*why;

	*contents = NULL;
	if ((f = cache_find(filename)) == NULL)
		return nerr_raise(NERR_NOT_FOUND, "template not found: %s",
		    filename);
	if ((why = static_check(f->data)) != NULL)
		return nerr_raise(NERR_PARSE, "%s: %s", filename, why);
	if ((*contents = malloc(f->len + 1)) == NULL)
		return nerr_raise(NERR_NOMEM, "out of memory for %s", filename);
	memcpy(*contents, f->data, f->len + 1);
	return STATUS_OK;
}

/* ClearSilver output callback: append to the struct buf in ctx. */
static NEOERR *
tpl_output(void *ctx, char *s)
{
	if (buf_puts((struct buf *)ctx, s) == -1)
		return nerr_raise(NERR_NOMEM, "out of memory rendering");
	return STATUS_OK;
}

/*
 * Load the configured languages (en always, first) and cache the
 * template files under conf->templates. Safe to call again after
 * tpl_fini(). Returns 0, or -1 (logged; partial state freed).
 */
int
tpl_init(const struct conf *conf)
{
	const char	*p, *e;
	char		 code[8];
	size_t		 n;
	NEOERR		*err;
	int		 rc = -1;

	tpl_fini();
	if ((err = nerr_init()) != STATUS_OK) {
		tpl_log_nerr(&err, "nerr_init", NULL);
		return -1;
	}
	if (conf == NULL || conf->templates == NULL ||
	    strlen(conf->templates) > TPL_PATH_MAX - 40) {
		log_err("tpl: Paths.Templates missing or too long");
		return -1;
	}
	if ((err = hdf_init(&parse_hdf)) != STATUS_OK ||
	    (err = hdf_set_value(parse_hdf, "Config.VarEscapeMode", "html")) !=
	    STATUS_OK) {
		tpl_log_nerr(&err, "hdf_init", NULL);
		goto out;
	}
	if (lang_load(conf->templates, "en") == -1)
		goto out;
	for (p = conf->languages ? conf->languages : ""; *p != '\0'; p = e) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		for (e = p; *e != '\0' && *e != ',' && *e != ' ' &&
		    *e != '\t'; e++)
			continue;
		n = (size_t)(e - p);
		if (n == 0)
			continue;
		if (n >= sizeof(code)) {
			log_err("tpl: bad language code in Site.Languages");
			goto out;
		}
		memcpy(code, p, n);
		code[n] = '\0';
		if (lang_load(conf->templates, code) == -1)
			goto out;
	}
	default_lang = "en";
	if (conf->default_lang != NULL && conf->default_lang[0] != '\0') {
		if (lang_index(conf->default_lang) == -1) {
			log_err("tpl: Site.DefaultLanguage is not in "
			    "Site.Languages");
			goto out;
		}
		default_lang = langs[lang_index(conf->default_lang)].code;
	}
	if (cache_walk(conf->templates, "", 0) == -1)
		goto out;
	if (nfiles > 0)
		qsort(files, nfiles, sizeof(*files), file_cmp);
	rc = 0;
out:
	if (rc == -1)
		tpl_fini();
	return rc;
}

/* Free the languages, the template cache and its parse trees. */
void
tpl_fini(void)
{
	size_t	 i;

	for (i = 0; i < nlangs; i++)
		hdf_destroy(&langs[i].hdf);
	nlangs = 0;
	for (i = 0; i < nfiles; i++) {
		cs_destroy(&files[i].cs);
		free(files[i].name);
		free(files[i].data);
	}
	free(files);
	files = NULL;
	nfiles = capfiles = 0;
	hdf_destroy(&parse_hdf);
	default_lang = "en";
}

/* Returns 1 if code (or its primary subtag) is configured, else 0. */
int
tpl_lang_ok(const char *code)
{
	return lang_index(code) != -1;
}

/* Returns 1 if the language is written right to left, else 0. */
int
tpl_lang_rtl(const char *code)
{
	char	 prim[8];
	size_t	 i;

	if (code == NULL ||
	    lang_primary(code, strlen(code), prim, sizeof(prim)) == -1)
		return 0;
	for (i = 0; rtl_langs[i] != NULL; i++)
		if (strcmp(prim, rtl_langs[i]) == 0)
			return 1;
	return 0;
}

/*
 * Parse a q-value ("1", "0.8", "0.125") into thousandths.
 * Returns 0..1000, or -1 if malformed.
 */
static int
qvalue(const char *s, size_t len)
{
	int	 q, scale;
	size_t	 i;

	if (len == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	q = (s[0] - '0') * 1000;
	if (len == 1)
		return q;
	if (s[1] != '.' || len > 5)
		return -1;
	for (i = 2, scale = 100; i < len; i++, scale /= 10) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q > 1000 ? -1 : q;
}

/*
 * Pick the configured language with the highest q-value from an
 * Accept-Language header. Tags match by primary subtag ("fr-CA" ->
 * "fr"); "*" stands for the default language; ties go to the earlier
 * entry; q=0 means "not acceptable". Returns a static code, or NULL.
 */
const char *
tpl_lang_accept(const char *header)
{
	const char	*p, *e, *semi, *tag_end, *qs;
	const char	*best = NULL;
	int		 bestq = 0, q, idx, entries = 0;
	size_t		 taglen;
	char		 prim[8];

	if (header == NULL)
		return NULL;
	for (p = header; *p != '\0' && entries < ACCEPT_MAX_ENTRIES; p = e) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		entries++;
		for (e = p; *e != '\0' && *e != ','; e++)
			continue;
		semi = memchr(p, ';', (size_t)(e - p));
		tag_end = semi ? semi : e;
		while (tag_end > p && (tag_end[-1] == ' ' || tag_end[-1] == '\t'))
			tag_end--;
		taglen = (size_t)(tag_end - p);
		q = 1000;
		if (semi != NULL) {
			qs = semi + 1;
			while (qs < e && (*qs == ' ' || *qs == '\t'))
				qs++;
			if (e - qs >= 2 && (qs[0] == 'q' || qs[0] == 'Q') &&
			    qs[1] == '=') {
				tag_end = e;
				while (tag_end > qs + 2 &&
				    (tag_end[-1] == ' ' || tag_end[-1] == '\t'))
					tag_end--;
				q = qvalue(qs + 2, (size_t)(tag_end - qs - 2));
			}
		}
		if (q <= bestq || taglen == 0 || taglen > ACCEPT_TAG_MAX)
			continue;
		if (taglen == 1 && p[0] == '*')
			idx = lang_index(default_lang);
		else if (lang_primary(p, taglen, prim, sizeof(prim)) == 0)
			idx = lang_index(prim);
		else
			idx = -1;
		if (idx == -1)
			continue;
		best = langs[idx].code;
		bestq = q;
	}
	return best;
}

/*
 * Prepare a request HDF: escaping on, Page.Lang (the configured
 * language, else the default one) and Page.Dir. The language strings
 * are not copied: tpl_render() and tpl_text() find them through
 * Page.Lang. Returns 0 or -1 (logged).
 */
int
tpl_prepare(HDF *hdf, const char *lang)
{
	NEOERR	*err = STATUS_OK;
	int	 idx;

	if (hdf == NULL)
		return -1;
	if ((idx = lang_index(lang)) == -1)
		idx = lang_index(default_lang);
	if ((err = hdf_set_value(hdf, "Config.VarEscapeMode", "html")) !=
	    STATUS_OK)
		goto fail;
	if (idx == -1) {
		log_err("tpl: tpl_prepare before tpl_init");
		return -1;
	}
	if ((err = hdf_set_value(hdf, "Page.Lang", langs[idx].code)) !=
	    STATUS_OK ||
	    (err = hdf_set_value(hdf, "Page.Dir",
	    tpl_lang_rtl(langs[idx].code) ? "rtl" : "ltr")) != STATUS_OK)
		goto fail;
	return 0;
fail:
	tpl_log_nerr(&err, "prepare", NULL);
	return -1;
}

/*
 * The Lang.* HDF of the language a request HDF was prepared for
 * (Page.Lang), or NULL if it was not prepared.
 */
static HDF *
request_lang(HDF *hdf)
{
	int	 idx;

	if ((idx = lang_index(hdf_get_value(hdf, "Page.Lang", NULL))) == -1)
		return NULL;
	return langs[idx].hdf;
}

/*
 * Look up Lang.<key> for a request: in its own HDF first (a value set
 * there for this request wins), then in the strings of its language.
 * Returns the string, or NULL if missing or the key is too long.
 */
static const char *
text_lookup(HDF *hdf, const char *key)
{
	char		 name[256];
	const char	*v;
	HDF		*lang;

	if (hdf == NULL || key == NULL)
		return NULL;
	if ((size_t)snprintf(name, sizeof(name), "Lang.%s", key) >=
	    sizeof(name))
		return NULL;
	if ((v = hdf_get_value(hdf, name, NULL)) != NULL)
		return v;
	if ((lang = request_lang(hdf)) == NULL)
		return NULL;
	return hdf_get_value(lang, name, NULL);
}

/*
 * The language string Lang.<key> of a prepared request HDF, or key
 * itself when it is missing (or too long to look up). The string lives
 * until the request HDF is destroyed or tpl_fini().
 */
const char *
tpl_text(HDF *hdf, const char *key)
{
	const char	*v;

	return (v = text_lookup(hdf, key)) != NULL ? v : key;
}

/* Returns 1 if Lang.<key> exists for a prepared request HDF, else 0. */
int
tpl_has_text(HDF *hdf, const char *key)
{
	return text_lookup(hdf, key) != NULL;
}

/*
 * The parse tree of a cached template, made on first use with
 * parse_hdf (so with html escaping), the string functions and our file
 * loader. Returns 0 with *csp set, or -1 (logged).
 */
static int
tree_get(const char *file, CSPARSE **csp)
{
	struct tpl_file	*f;
	CSPARSE		*cs = NULL;
	NEOERR		*err = STATUS_OK;

	*csp = NULL;
	if ((f = cache_find(file)) == NULL) {
		log_err("tpl: template not found: %s", file);
		return -1;
	}
	if (f->cs != NULL) {
		*csp = f->cs;
		return 0;
	}
	if (parse_hdf == NULL) {
		log_err("tpl: tpl_render before tpl_init");
		return -1;
	}
	if ((err = cs_init(&cs, parse_hdf)) != STATUS_OK ||
	    (err = cgi_register_strfuncs(cs)) != STATUS_OK)
		goto out;
	cs_register_fileload(cs, NULL, tpl_fileload);
	if ((err = cs_parse_file(cs, file)) != STATUS_OK)
		goto out;
	f->cs = cs;
	cs = NULL;
	*csp = f->cs;
out:
	if (err != STATUS_OK)
		tpl_log_nerr(&err, "parsing", file);
	cs_destroy(&cs);
	return *csp != NULL ? 0 : -1;
}

/* Drop the parse tree of a cached template (it is made again on use). */
static void
tree_drop(const char *file)
{
	struct tpl_file	*f;

	if ((f = cache_find(file)) != NULL)
		cs_destroy(&f->cs);
}

/*
 * Render a cached template with hdf, appending to out: its parse tree
 * reads hdf, and the strings of hdf's language (Page.Lang) for what hdf
 * lacks. On failure out is put back to its previous length, the
 * traceback is logged and -1 returned; else 0.
 */
int
tpl_render(HDF *hdf, const char *file, struct buf *out)
{
	CSPARSE		*cs = NULL;
	NEOERR		*err = STATUS_OK;
	const char	*mode;
	size_t		 oldlen;
	int		 rc = -1;

	if (hdf == NULL || file == NULL || out == NULL)
		return -1;
	oldlen = out->len;
	/* The tree escapes already; this keeps linclude's sub-parses
	 * (which read it from the request HDF) escaping too. */
	mode = hdf_get_value(hdf, "Config.VarEscapeMode", NULL);
	if ((mode == NULL || strcmp(mode, "html") != 0) &&
	    (err = hdf_set_value(hdf, "Config.VarEscapeMode", "html")) !=
	    STATUS_OK)
		goto out;
	if (tree_get(file, &cs) == -1)
		goto out;
	cs->hdf = hdf;
	cs->global_hdf = request_lang(hdf);
	err = cs_render(cs, out, tpl_output);
	/* Leave no pointer to this request in the cached tree. */
	cs->hdf = parse_hdf;
	cs->global_hdf = NULL;
	cs->output_ctx = NULL;
	cs->output_cb = NULL;
	cs->locals = NULL;
	if (err != STATUS_OK) {
		tree_drop(file);
		goto out;
	}
	rc = 0;
out:
	if (err != STATUS_OK)
		tpl_log_nerr(&err, "rendering", file);
	if (rc == -1 && out->data != NULL) {
		out->len = oldlen;
		out->data[oldlen] = '\0';
	}
	return rc;
}

/* See tpl.h. */
const char *
tpl_plural(const char *lang, long long n)
{
	unsigned long long	a, mod100;

	/* the magnitude, computed unsigned: -LLONG_MIN does not fit */
	a = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	if (lang == NULL)
		return "other";
	if (strcmp(lang, "ar") == 0) {
		mod100 = a % 100;
		if (a == 0)
			return "zero";
		if (a == 1)
			return "one";
		if (a == 2)
			return "two";
		if (mod100 >= 3 && mod100 <= 10)
			return "few";
		if (mod100 >= 11 && mod100 <= 99)
			return "many";
		return "other";
	}
	if (strcmp(lang, "fr") == 0) {
		if (a == 0 || a == 1)
			return "one";
		return a % 1000000 == 0 ? "many" : "other";
	}
	if (strcmp(lang, "es") == 0) {
		if (a == 1)
			return "one";
		return a != 0 && a % 1000000 == 0 ? "many" : "other";
	}
	if (strcmp(lang, "en") == 0)
		return a == 1 ? "one" : "other";
	return "other";
}

/* See tpl.h. */
void
tpl_pdate_words(HDF *hdf, const char *text, char *out, size_t outsz)
{
	struct pdate	d;
	char		key[32];

	if (outsz == 0)
		return;
	out[0] = '\0';
	if (text == NULL || *text == '\0' || !valid_partial_date(text, &d))
		return;
	switch (d.precision) {
	case DATE_YEAR:
		snprintf(out, outsz, "%04d", d.year);
		break;
	case DATE_MONTH:
		/* The month names of the language file (Book.Months). */
		snprintf(key, sizeof(key), "Book.Months.%d", d.month);
		snprintf(out, outsz, "%s %04d", tpl_text(hdf, key), d.year);
		break;
	default:
		pdate_format(&d, key);
		snprintf(out, outsz, "%s", key);
		break;
	}
}

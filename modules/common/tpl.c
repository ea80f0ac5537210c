/*
 * tpl.c: rendering through ClearSilver. At start-up the language files
 * (templates/lang/<code>.hdf, each layered over en.hdf) and every
 * template file (*.cs under Paths.Templates) are read into memory; each
 * request then copies its language strings into its own HDF and renders
 * a template from the cache, with Config.VarEscapeMode=html, into a
 * buffer. Errors go to the log with their traceback, never to the page.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"
#include "buf.h"
#include "conf.h"
#include "log.h"
#include "tpl.h"

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
	HDF	*hdf;		/* en.hdf, then <code>.hdf read over it */
};

struct tpl_file {
	char	*name;		/* path relative to the template root */
	char	*data;		/* NUL-terminated contents */
	size_t	 len;
};

static struct tpl_lang	 langs[TPL_MAX_LANGS];
static size_t		 nlangs;
static const char	*default_lang = "en";
static struct tpl_file	*files;
static size_t		 nfiles, capfiles;

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
	if ((err = hdf_init(&l->hdf)) != STATUS_OK) {
		tpl_log_nerr(&err, "hdf_init", NULL);
		goto out;
	}
	if (strcmp(l->code, "en") != 0) {
		snprintf(path, sizeof(path), "%s/lang/en.hdf", root);
		if ((err = hdf_read_file(l->hdf, path)) != STATUS_OK) {
			tpl_log_nerr(&err, "reading", path);
			goto out;
		}
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/lang/%s.hdf", root,
	    l->code) >= sizeof(path)) {
		log_err("tpl: template path too long");
		goto out;
	}
	if ((err = hdf_read_file(l->hdf, path)) != STATUS_OK) {
		tpl_log_nerr(&err, "reading", path);
		goto out;
	}
	nlangs++;
	rc = 0;
out:
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

/*
 * ClearSilver file loader: hand a fresh malloc'd copy of a cached
 * template to the parser (which owns and frees it).
 * Returns STATUS_OK, or NERR_NOT_FOUND / NERR_NOMEM.
 */
static NEOERR *
tpl_fileload(void *ctx, HDF *hdf, const char *filename, char **contents)
{
	struct tpl_file	 key, *f;

	*contents = NULL;
	key.name = (char *)filename;
	f = files == NULL ? NULL :
	    bsearch(&key, files, nfiles, sizeof(*files), file_cmp);
	if (f == NULL)
		return nerr_raise(NERR_NOT_FOUND, "template not found: %s",
		    filename);
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

/* Free the languages and the template cache. */
void
tpl_fini(void)
{
	size_t	 i;

	for (i = 0; i < nlangs; i++)
		hdf_destroy(&langs[i].hdf);
	nlangs = 0;
	for (i = 0; i < nfiles; i++) {
		free(files[i].name);
		free(files[i].data);
	}
	free(files);
	files = NULL;
	nfiles = capfiles = 0;
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
 * Prepare a request HDF: escaping on, the language strings under Lang
 * (falling back to the default language if lang is not configured),
 * Page.Lang and Page.Dir. Returns 0 or -1 (logged).
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
	if ((err = hdf_copy(hdf, "Lang", langs[idx].hdf)) != STATUS_OK ||
	    (err = hdf_set_value(hdf, "Page.Lang", langs[idx].code)) !=
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
 * The language string Lang.<key> of a prepared request HDF, or key
 * itself when it is missing (or too long to look up).
 */
const char *
tpl_text(HDF *hdf, const char *key)
{
	char	 name[256];

	if (hdf == NULL || key == NULL)
		return key;
	if ((size_t)snprintf(name, sizeof(name), "Lang.%s", key) >=
	    sizeof(name))
		return key;
	return hdf_get_value(hdf, name, key);
}

/*
 * Render a cached template with hdf, appending to out. On failure
 * out is put back to its previous length, the traceback is logged and
 * -1 returned; else 0.
 */
int
tpl_render(HDF *hdf, const char *file, struct buf *out)
{
	CSPARSE	*cs = NULL;
	NEOERR	*err = STATUS_OK;
	size_t	 oldlen;
	int	 rc = -1;

	if (hdf == NULL || file == NULL || out == NULL)
		return -1;
	oldlen = out->len;
	/* Escaping must not depend on the caller having prepared. */
	if ((err = hdf_set_value(hdf, "Config.VarEscapeMode", "html")) !=
	    STATUS_OK)
		goto out;
	if ((err = cs_init(&cs, hdf)) != STATUS_OK)
		goto out;
	if ((err = cgi_register_strfuncs(cs)) != STATUS_OK)
		goto out;
	cs_register_fileload(cs, NULL, tpl_fileload);
	if ((err = cs_parse_file(cs, file)) != STATUS_OK)
		goto out;
	if ((err = cs_render(cs, out, tpl_output)) != STATUS_OK)
		goto out;
	rc = 0;
out:
	if (err != STATUS_OK)
		tpl_log_nerr(&err, "rendering", file);
	if (rc == -1 && out->data != NULL) {
		out->len = oldlen;
		out->data[oldlen] = '\0';
	}
	cs_destroy(&cs);
	return rc;
}

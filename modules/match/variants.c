/*
 * variants.c: the curated name-variant dictionary (data/name-variants.tsv):
 * each line is "canonical<TAB>flags<TAB>spellings separated by spaces",
 * flags "c" for a very common name (weaker evidence when it matches) or
 * "-". Spellings are Latin (folded to lower case here) or native script
 * (Arabic script folded with match_fold_arabic; other scripts must be
 * written in lower case in the file). Loaded once into an
 * open-addressing hash table; lookups allocate nothing.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "matchint.h"

struct ventry {
	char	*key;		/* a spelling; NULL for an empty slot */
	size_t	 canon;		/* index into canon[] */
};

struct variants {
	struct ventry	*slots;
	size_t		 nslots;	/* a power of two */
	size_t		 nkeys;
	char		**canon;
	int		*common;
	size_t		 ncanon, capcanon;
};

/* FNV-1a hash of a NUL-terminated string. */
static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/* Slot holding key, or the empty slot where it would go. */
static struct ventry *
slot_for(const struct variants *v, const char *key)
{
	size_t i = hash_str(key) & (v->nslots - 1);

	while (v->slots[i].key != NULL && strcmp(v->slots[i].key, key) != 0)
		i = (i + 1) & (v->nslots - 1);
	return &v->slots[i];
}

/* Double the table. Returns 0, or -1 on allocation failure. */
static int
grow(struct variants *v)
{
	struct ventry *old = v->slots;
	size_t oldn = v->nslots, i;

	v->nslots = oldn ? oldn * 2 : 4096;
	v->slots = calloc(v->nslots, sizeof(*v->slots));
	if (v->slots == NULL) {
		v->slots = old;
		v->nslots = oldn;
		return -1;
	}
	for (i = 0; i < oldn; i++)
		if (old[i].key != NULL)
			*slot_for(v, old[i].key) = old[i];
	free(old);
	return 0;
}

/*
 * Add one spelling of canonical index c. A spelling already listed
 * under another name keeps its first entry. Returns 0, or -1 on
 * allocation failure.
 */
static int
add_key(struct variants *v, const char *key, size_t c)
{
	struct ventry *e;

	if (key[0] == '\0')
		return 0;
	if ((v->nkeys + 1) * 2 > v->nslots && grow(v) == -1)
		return -1;
	e = slot_for(v, key);
	if (e->key != NULL)
		return 0;
	if ((e->key = strdup(key)) == NULL)
		return -1;
	e->canon = c;
	v->nkeys++;
	return 0;
}

/* Fold one spelling for the table: ASCII lower case, Arabic script
 * folded. out has MATCH_TOKEN_LEN bytes. */
static void
fold_spelling(const char *in, char *out)
{
	size_t i;
	int ascii = 1;

	for (i = 0; in[i] != '\0'; i++)
		if ((unsigned char)in[i] >= 0x80)
			ascii = 0;
	if (!ascii) {
		match_fold_arabic(in, out, MATCH_TOKEN_LEN);
		return;
	}
	for (i = 0; in[i] != '\0' && i + 1 < MATCH_TOKEN_LEN; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

/*
 * Load the dictionary at path into *out. Blank lines and lines starting
 * with '#' are skipped; a malformed line is logged and skipped.
 * Returns 0, or -1 (logged) if the file cannot be read or memory runs out.
 */
int
variants_load(const char *path, struct variants **out)
{
	struct variants *v = NULL;
	FILE *f = NULL;
	char line[4096], folded[MATCH_TOKEN_LEN];
	int rc = -1, lineno = 0;

	*out = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		log_msg(LOG_ERR, "match: cannot open %s: %s", path,
		    strerror(errno));
		goto out;
	}
	if ((v = calloc(1, sizeof(*v))) == NULL || grow(v) == -1)
		goto out;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *canon, *flags, *rest, *tok, *save = NULL;
		size_t c;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		canon = line;
		if ((flags = strchr(canon, '\t')) == NULL ||
		    (rest = strchr(flags + 1, '\t')) == NULL) {
			log_msg(LOG_WARN, "match: %s:%d: malformed line",
			    path, lineno);
			continue;
		}
		*flags++ = '\0';
		*rest++ = '\0';
		if (v->ncanon == v->capcanon) {
			size_t ncap = v->capcanon ? v->capcanon * 2 : 256;
			char **nc = realloc(v->canon, ncap * sizeof(*nc));
			int *ncm;

			if (nc == NULL)
				goto out;
			v->canon = nc;
			if ((ncm = realloc(v->common, ncap * sizeof(*ncm))) ==
			    NULL)
				goto out;
			v->common = ncm;
			v->capcanon = ncap;
		}
		fold_spelling(canon, folded);
		c = v->ncanon;
		if ((v->canon[c] = strdup(folded)) == NULL)
			goto out;
		v->common[c] = strchr(flags, 'c') != NULL;
		v->ncanon++;
		if (add_key(v, folded, c) == -1)
			goto out;
		for (tok = strtok_r(rest, " \t", &save); tok != NULL;
		    tok = strtok_r(NULL, " \t", &save)) {
			fold_spelling(tok, folded);
			if (add_key(v, folded, c) == -1)
				goto out;
		}
	}
	if (ferror(f)) {
		log_msg(LOG_ERR, "match: reading %s failed", path);
		goto out;
	}
	*out = v;
	v = NULL;
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	variants_free(&v);
	return rc;
}

/* Free the dictionary; NULL-safe; *vp becomes NULL. */
void
variants_free(struct variants **vp)
{
	struct variants *v;
	size_t i;

	if (vp == NULL || (v = *vp) == NULL)
		return;
	for (i = 0; i < v->nslots; i++)
		free(v->slots[i].key);
	for (i = 0; i < v->ncanon; i++)
		free(v->canon[i]);
	free(v->slots);
	free(v->canon);
	free(v->common);
	free(v);
	*vp = NULL;
}

/* Look key up (already folded). Returns 1 and fills hit, else 0. */
int
variants_find(const struct variants *v, const char *key,
    struct variant_hit *hit)
{
	const struct ventry *e;

	if (v == NULL || key[0] == '\0')
		return 0;
	e = slot_for(v, key);
	if (e->key == NULL)
		return 0;
	hit->canonical = v->canon[e->canon];
	hit->common = v->common[e->canon];
	return 1;
}

/* 1 if canonical is a canonical name flagged common, else 0. */
int
variants_is_common(const struct variants *v, const char *canonical)
{
	struct variant_hit hit;

	if (!variants_find(v, canonical, &hit))
		return 0;
	return hit.common && strcmp(hit.canonical, canonical) == 0;
}

/* Number of spellings in the table. */
size_t
variants_count(const struct variants *v)
{
	return v != NULL ? v->nkeys : 0;
}

/*
 * test_lang.c: every language file under templates/lang/ parses with
 * ClearSilver's HDF reader and has no empty value; en.hdf holds the
 * keys the common code and the layout rely on. The key sets (missing
 * and extra keys are reported by name):
 *  - the agents' languages (agent_langs below: en, fr, ar) have exactly
 *    the same keys as en.hdf;
 *  - every other language (es, ht ...) serves the public pages only
 *    (the applicants' booking site): it has exactly the en.hdf keys
 *    of the public pages' top-level groups (public_groups below: App,
 *    Lang, Layout, Error, Form, Pager, Table, Book, Status,
 *    Board, SubjectAccess), plus the applicant-facing parts of agents'
 *    pages (public_prefixes below: the registration receipt, printed in
 *    the applicant's language, and the procedures' names it shows), and
 *    nothing else.
 *    A key added to one of those groups in en.hdf must be added to
 *    these files too; other keys fall back to en.hdf at run time.
 * In the right-to-left languages (rtl_langs: ar), a run of numbers
 * separated by spaces, dots or dashes ("06 12 34 56 78", "+33 6 12")
 * must follow a left-to-right mark (U+200E) or isolate (U+2066):
 * otherwise the bidi algorithm lays the groups out right to left and
 * the example reads "78 56 34 12 06" (issue 13.5). French writes its
 * apostrophes ’, not the typewriter ' (one style on a page).
 * Source tree: $HAVRE_SRCDIR (exported by make check).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"
#include "tap.h"

#define KEY_MAX 256

struct keys {
	char	**v;
	size_t	  n, cap;
	size_t	  empty;	/* leaves with no or a blank value */
};

/* Keys en.hdf must have (used by tpl.c callers and the layout). */
static const char *const required[] = {
	"App.Name", "Lang.Switch", "Nav.Label", "Layout.SkipLink",
	"Layout.Logout", "Layout.SignedInAs", "Layout.RequestId",
	"Layout.Home", "Error.Csrf",
	"Error.400.Title", "Error.400.Message", "Error.403.Title",
	"Error.403.Message", "Error.404.Title", "Error.404.Message",
	"Error.405.Title", "Error.405.Message", "Error.413.Title",
	"Error.413.Message", "Error.429.Title", "Error.429.Message",
	"Error.500.Title", "Error.500.Message", "Error.503.Title",
	"Error.503.Message", "Error.Default.Title", "Error.Default.Message",
	"Form.Required", "Form.Choose", "Form.Summary",
	"Form.Error.Required", "Form.Error.TooShort", "Form.Error.TooLong",
	"Form.Error.BadUtf8", "Form.Error.Int", "Form.Error.IntRange",
	"Form.Error.Enum", "Form.Error.Date", "Form.Error.PartialDate",
	"Form.Error.Time", "Form.Error.Phone", "Form.Error.Email",
	"Form.Error.Country", "Form.Error.File", "Form.Error.FileTooBig",
	"Portal.Home.Title", "Portal.Home.Intro", "Health.Title",
	"Table.Empty", "Pager.Previous", "Pager.Next",
	NULL
};

/* Language files with every key of en.hdf: the agents' languages. */
static const char *const agent_langs[] = {"fr.hdf", "ar.hdf", NULL};

/* Top-level groups the public pages use: the only keys (and all of
 * them) of the other language files. */
static const char *const public_groups[] = {
	"App", "Lang", "Layout", "Error", "Form", "Pager", "Table", "Book",
	"Status", "Board", "Verify",
	/* the subject-access export is read by the person in their
	 * language (issue 20) */
	"SubjectAccess", NULL
};

/* Keys of agents' pages that an applicant reads in their own language
 * (havre-registration's receipt). */
static const char *const public_prefixes[] = {
	"Registration.Receipt.", "Registration.Procedure.", NULL
};

/* Returns 1 if s is NULL or only white space. */
static int
blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Add a copy of key to k. Returns 0 or -1 (out of memory). */
static int
keys_add(struct keys *k, const char *key)
{
	char	**nv;

	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 128;
		if ((nv = realloc(k->v, k->cap * sizeof(*k->v))) == NULL)
			return -1;
		k->v = nv;
	}
	if ((k->v[k->n] = strdup(key)) == NULL)
		return -1;
	k->n++;
	return 0;
}

/* Free the keys of k. */
static void
keys_free(struct keys *k)
{
	size_t	 i;

	for (i = 0; i < k->n; i++)
		free(k->v[i]);
	free(k->v);
	memset(k, 0, sizeof(*k));
}

/*
 * Walk node's children: every node with a value is a key; a leaf with
 * a blank value is counted (and named) as empty. Returns 0 or -1.
 */
static int
walk(HDF *node, const char *prefix, struct keys *k, const char *file)
{
	HDF	*c;
	char	 name[KEY_MAX];
	int	 n;

	for (c = hdf_obj_child(node); c != NULL; c = hdf_obj_next(c)) {
		n = snprintf(name, sizeof(name), "%s%s%s", prefix,
		    prefix[0] ? "." : "", hdf_obj_name(c));
		if (n < 0 || (size_t)n >= sizeof(name))
			return -1;
		if (hdf_obj_value(c) != NULL && keys_add(k, name) == -1)
			return -1;
		if (hdf_obj_child(c) == NULL && blank(hdf_obj_value(c))) {
			printf("#   %s: empty value for %s\n", file, name);
			k->empty++;
		}
		if (walk(c, name, k, file) == -1)
			return -1;
	}
	return 0;
}

/* qsort comparison of key strings. */
static int
key_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *const rtl_langs[] = {"ar.hdf", NULL};

/* A number's characters: digits and what joins them into one. */
static int
numch(unsigned char c)
{
	return (c >= '0' && c <= '9') || c == '.' || c == ':' || c == '-' ||
	    c == '+' || c == '/';
}

/*
 * Returns 1 if v holds two numbers separated by a space or ", " (a
 * phone "06 12 34 56 78", two opening hours "09:00-12:00, 13:00-17:00")
 * whose first number no U+200E or U+2066 precedes. A date such as
 * 1990-05-23 is one number to the bidi algorithm and reads well alone.
 */
static int
unmarked_number_run(const char *v)
{
	const unsigned char	*s = (const unsigned char *)v, *p, *q, *n;

	for (p = s; *p != '\0'; p++) {
		if (!numch(*p) || (p > s && numch(p[-1])))
			continue;
		/* p starts a token: does it hold a digit, and another
		 * number follow after a space or ", "? */
		for (q = p; numch(*q) && (*q < '0' || *q > '9'); q++)
			;
		if (!numch(*q))
			continue;
		for (q = p; numch(*q); q++)
			;
		n = *q == ',' ? q + 1 : q;
		if (*n != ' ' || !numch(n[1]))
			continue;
		/* a number inside a run whose start was checked */
		if (p - s >= 2 && p[-1] == ' ' && (numch(p[-2]) ||
		    (p[-2] == ',' && p - s >= 3 && numch(p[-3]))))
			continue;
		if (p - s >= 3 && p[-3] == 0xe2 && ((p[-2] == 0x80 &&
		    p[-1] == 0x8e) || (p[-2] == 0x81 && p[-1] == 0xa6)))
			continue;
		return 1;
	}
	return 0;
}

/* Returns 1 if v has an ASCII apostrophe between two letters. */
static int
ascii_apostrophe(const char *v)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)v; *p != '\0'; p++)
		if (*p == '\'' && p > (const unsigned char *)v &&
		    (p[-1] >= 0x80 || (p[-1] | 0x20) >= 'a') &&
		    (p[-1] >= 0x80 || (p[-1] | 0x20) <= 'z') &&
		    (p[1] >= 0x80 || ((p[1] | 0x20) >= 'a' &&
		    (p[1] | 0x20) <= 'z')))
			return 1;
	return 0;
}

/* Count (and name) the values of node's tree for which bad() is 1. */
static size_t
values_walk(HDF *node, const char *prefix, const char *file,
    int (*bad)(const char *), const char *what)
{
	HDF	*c;
	char	 name[KEY_MAX];
	size_t	 n = 0;

	for (c = hdf_obj_child(node); c != NULL; c = hdf_obj_next(c)) {
		snprintf(name, sizeof(name), "%s%s%s", prefix,
		    prefix[0] ? "." : "", hdf_obj_name(c));
		if (hdf_obj_value(c) != NULL && bad(hdf_obj_value(c))) {
			printf("#   %s: %s: %s\n", file, name, what);
			n++;
		}
		n += values_walk(c, name, file, bad, what);
	}
	return n;
}

/* The values of the file at path for which bad() is 1. */
static size_t
values_check(const char *path, const char *file, int (*bad)(const char *),
    const char *what)
{
	HDF	*hdf = NULL;
	NEOERR	*err;
	size_t	 n;

	if ((err = hdf_init(&hdf)) != STATUS_OK ||
	    (err = hdf_read_file(hdf, path)) != STATUS_OK) {
		nerr_ignore(&err);
		hdf_destroy(&hdf);
		return 1;
	}
	n = values_walk(hdf, "", file, bad, what);
	hdf_destroy(&hdf);
	return n;
}

/*
 * Read path and collect its keys, sorted. Returns 0, or -1 with the
 * reason printed as a TAP comment.
 */
static int
load(const char *path, const char *file, struct keys *k)
{
	HDF	*hdf = NULL;
	NEOERR	*err;
	STRING	 str;
	int	 rc = -1;

	if ((err = hdf_init(&hdf)) != STATUS_OK ||
	    (err = hdf_read_file(hdf, path)) != STATUS_OK) {
		string_init(&str);
		nerr_error_string(err, &str);
		printf("#   %s: %s\n", file, str.buf ? str.buf : "error");
		string_clear(&str);
		nerr_ignore(&err);
		goto out;
	}
	if (walk(hdf, "", k, file) == -1) {
		printf("#   %s: key too long or out of memory\n", file);
		goto out;
	}
	qsort(k->v, k->n, sizeof(*k->v), key_cmp);
	rc = 0;
out:
	hdf_destroy(&hdf);
	return rc;
}

/*
 * Compare sorted key sets; print keys of en missing from other and
 * keys of other not in en. Returns the number of differences.
 */
static size_t
compare(const struct keys *en, const struct keys *other, const char *file)
{
	size_t	 i = 0, j = 0, diff = 0;
	int	 c;

	while (i < en->n || j < other->n) {
		if (i == en->n)
			c = 1;
		else if (j == other->n)
			c = -1;
		else
			c = strcmp(en->v[i], other->v[j]);
		if (c < 0) {
			printf("#   %s: missing key %s\n", file, en->v[i++]);
			diff++;
		} else if (c > 0) {
			printf("#   %s: extra key %s\n", file, other->v[j++]);
			diff++;
		} else {
			i++;
			j++;
		}
	}
	return diff;
}

/* Returns 1 if name is in the NULL-terminated list. */
static int
listed(const char *const *list, const char *name)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/* Returns 1 if key's top-level group is one of the public pages', or
 * it starts with one of public_prefixes. */
static int
public_key(const char *key)
{
	const char		*dot = strchr(key, '.');
	const char *const	*p;
	char			 group[KEY_MAX];

	for (p = public_prefixes; *p != NULL; p++)
		if (strncmp(key, *p, strlen(*p)) == 0)
			return 1;
	snprintf(group, sizeof(group), "%.*s",
	    (int)(dot ? (size_t)(dot - key) : strlen(key)), key);
	return listed(public_groups, group);
}

/*
 * Copy into pub the keys of en that belong to the public groups (sorted
 * like en). Returns 0 or -1 (out of memory).
 */
static int
public_subset(const struct keys *en, struct keys *pub)
{
	size_t	i;

	for (i = 0; i < en->n; i++)
		if (public_key(en->v[i]) && keys_add(pub, en->v[i]) == -1)
			return -1;
	return 0;
}

/* Returns 1 if key is in the sorted set k. */
static int
has_key(const struct keys *k, const char *key)
{
	return bsearch(&key, k->v, k->n, sizeof(*k->v), key_cmp) != NULL;
}

/*
 * Compare every templates/lang/<code>.hdf with en.hdf. Prints TAP; returns 0
 * if all tests passed, else 1.
 */
int
main(void)
{
	const char	*src;
	char		 dir[512], path[1024];
	char		*names[64];
	size_t		 nnames = 0, i, missing;
	struct keys	 en, other, pub;
	struct dirent	*de;
	DIR		*d;
	NEOERR		*err;
	int		 j;

	memset(&en, 0, sizeof(en));
	memset(&pub, 0, sizeof(pub));
	if ((err = nerr_init()) != STATUS_OK) {
		nerr_ignore(&err);
		printf("Bail out! nerr_init\n");
		return 1;
	}
	if ((src = getenv("HAVRE_SRCDIR")) == NULL || *src == '\0')
		src = ".";
	snprintf(dir, sizeof(dir), "%s/templates/lang", src);
	if ((d = opendir(dir)) == NULL) {
		printf("Bail out! cannot open %s (set HAVRE_SRCDIR)\n", dir);
		return 1;
	}
	while ((de = readdir(d)) != NULL && nnames < 64) {
		size_t	 n = strlen(de->d_name);

		if (de->d_name[0] != '.' && n > 4 &&
		    strcmp(de->d_name + n - 4, ".hdf") == 0)
			names[nnames++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, nnames, sizeof(*names), key_cmp);

	snprintf(path, sizeof(path), "%s/en.hdf", dir);
	if (!ok(load(path, "en.hdf", &en) == 0, "en.hdf parses"))
		return done_testing();
	ok(en.empty == 0, "en.hdf has no empty values");
	missing = 0;
	for (j = 0; required[j] != NULL; j++)
		if (!has_key(&en, required[j])) {
			printf("#   en.hdf: missing required key %s\n",
			    required[j]);
			missing++;
		}
	ok(missing == 0, "en.hdf has every key the code relies on");
	ok(nnames >= 3, "at least three language files (%zu)", nnames);
	j = public_subset(&en, &pub);
	ok(j == 0 && pub.n > 0, "en.hdf has public-page keys (%zu)", pub.n);

	for (i = 0; i < nnames; i++) {
		if (strcmp(names[i], "en.hdf") == 0) {
			free(names[i]);
			continue;
		}
		memset(&other, 0, sizeof(other));
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (ok(load(path, names[i], &other) == 0, "%s parses",
		    names[i])) {
			ok(other.empty == 0, "%s has no empty values",
			    names[i]);
			if (listed(agent_langs, names[i]))
				ok(compare(&en, &other, names[i]) == 0,
				    "%s has the same keys as en.hdf",
				    names[i]);
			else
				ok(compare(&pub, &other, names[i]) == 0,
				    "%s has exactly en.hdf's public-page "
				    "keys", names[i]);
			if (listed(rtl_langs, names[i]))
				ok(values_check(path, names[i],
				    unmarked_number_run, "numbers without a "
				    "left-to-right mark") == 0,
				    "%s: runs of numbers are marked "
				    "left to right", names[i]);
			if (strcmp(names[i], "fr.hdf") == 0)
				ok(values_check(path, names[i],
				    ascii_apostrophe, "a typewriter ' where "
				    "French writes ’") == 0,
				    "%s: apostrophes are typographic (’)",
				    names[i]);
		}
		keys_free(&other);
		free(names[i]);
	}
	keys_free(&en);
	keys_free(&pub);
	return done_testing();
}

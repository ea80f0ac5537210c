/*
 * util.c: havre-identity's small helpers shared by its page files
 * (persons, documents, dups, family, merge, search, timeline): the
 * worker's matcher, the status of a failed database call, dates and
 * times as pages show them, labels and options from the language file.
 * No page handler lives here; person records themselves are the person
 * library's (person.h).
 */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "app.h"
#include "conf.h"
#include "htime.h"
#include "identity.h"
#include "log.h"
#include "person.h"
#include "tpl.h"

/* See identity.h. */
void
identity_birth_text(const struct pdate *d, char out[11])
{
	if (d->precision == DATE_UNKNOWN || d->year == 0)
		out[0] = '\0';
	else
		pdate_format(d, out);
}

/* See identity.h. */
void
identity_local_time(const struct req *r, const char *utc, char *out,
    size_t outsz)
{
	time_t	t;

	if (outsz == 0)
		return;
	out[0] = '\0';
	if (utc == NULL || utc[0] == '\0' || time_parse_utc(utc, &t) != 0)
		return;
	time_format_zone(t, r->conf && r->conf->timezone ? r->conf->timezone :
	    "UTC", "%Y-%m-%d %H:%M", out, outsz);
}

/* See identity.h. */
const char *
identity_label(struct req *r, const char *group, const char *name)
{
	char	key[128];

	snprintf(key, sizeof(key), "Identity.%s.%s", group, name);
	return tpl_has_text(r->hdf, key) ? tpl_text(r->hdf, key) : name;
}

/* See identity.h. */
const char *
identity_sex_label(struct req *r, const char *sex)
{
	if (sex == NULL || sex[0] == '\0')
		return "";
	return identity_label(r, "Sex", sex);
}

/* The worker's matcher: ICU transliterators and the dictionary. */
struct match_ctx *identity_matcher;

/* Open the worker's matcher under conf's Paths.MatchData, once.
 * Returns 0, or -1 (logged). */
static int
matcher_open(const struct conf *conf)
{
	const char	*dir;

	if (identity_matcher != NULL)
		return 0;
	dir = conf != NULL ? conf_get(conf, "Paths.MatchData", NULL) : NULL;
	if ((identity_matcher = match_open(dir)) == NULL) {
		log_err("cannot open the matcher");
		return -1;
	}
	return 0;
}

/*
 * Worker start-up: the matcher is opened now (ICU's transliterators
 * take ~0.1 s), so that the worker's first search does not wait for
 * it; if it cannot be, the worker still starts and each request that
 * needs it tries again (503 meanwhile). Returns 0.
 */
int
identity_init(const struct conf *conf)
{
	(void)matcher_open(conf);
	return 0;
}

/* See identity.h. */
int
identity_matcher_open(const struct req *r)
{
	return matcher_open(r->conf);
}

/* See identity.h. */
void
identity_doc_types_fill(struct req *r)
{
	char	node[64], key[64];
	size_t	i;

	for (i = 0; person_doc_types[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Person.DocTypes.%zu.Value", i);
		page_set(r, node, person_doc_types[i]);
		snprintf(node, sizeof(node), "Person.DocTypes.%zu.Label", i);
		snprintf(key, sizeof(key), "Identity.DocType.%s",
		    person_doc_types[i]);
		page_set(r, node, tpl_text(r->hdf, key));
	}
}

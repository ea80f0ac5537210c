/*
 * util.c: havre-identity's small helpers shared by its page files
 * (persons, documents, dups, family, merge, search, timeline): the
 * status of a failed database call, dates and times as pages show
 * them, labels from the language file. No page handler lives here;
 * person records themselves are the person library's (person.h).
 */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "app.h"
#include "conf.h"
#include "htime.h"
#include "identity.h"
#include "tpl.h"

/* See identity.h. */
int
identity_db_fail(enum db_rc rc)
{
	return rc == DB_DOWN ? 503 : 500;
}

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


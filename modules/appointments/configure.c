/*
 * configure.c: the configuration pages of havre-appointments
 * (permission appointments.configure) share these: the seeded service
 * levels and small text helpers. The pages themselves: sites with their
 * opening hours and closed dates (configure_sites.c), services with
 * their names, documents to bring and offers (configure_services.c),
 * and which levels the public may choose (configure_levels.c). Site and
 * service edits are versioned edits (common/edit.c); every change runs
 * in one transaction together with its audit event.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "configure.h"
#include "tpl.h"

/* See configure.h. */
const char *const level_codes[NLEVELS] = {"extreme", "urgent", "regular"};

/* See configure.h. */
int
conf_code_ok(const char *s)
{
	size_t	len = strlen(s);

	return len >= 1 && len <= 32 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == len;
}

/* See configure.h. */
const char *
conf_flag(int v)
{
	return v ? "1" : "0";
}

/* See configure.h. */
const char *
conf_yes_no(struct req *r, int v)
{
	return tpl_text(r->hdf, v ? "ApptConf.Yes" : "ApptConf.No");
}

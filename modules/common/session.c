/*
 * session.c: the in-memory form of who is making a request.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "session.h"

/* See session.h. */
int
session_can(const struct session *s, const char *perm)
{
	size_t	i;

	if (s == NULL)
		return 0;
	if (perm == NULL || strcmp(perm, PERM_LOGIN) == 0)
		return 1;
	for (i = 0; i < s->nperms; i++)
		if (strcmp(s->perms[i], perm) == 0)
			return 1;
	return 0;
}

/* See session.h. */
void
session_free(struct session **sp)
{
	struct session	*s;
	size_t		 i;

	if (sp == NULL || (s = *sp) == NULL)
		return;
	for (i = 0; i < s->nperms; i++)
		free(s->perms[i]);
	free(s->username);
	free(s->display_name);
	free(s->lang);
	free(s);
	*sp = NULL;
}

/*
 * session.h: who is making the request: a signed-in agent (session
 * cookie) or a machine client (API key). Filled by auth.c in dispatch.
 */
#ifndef HAVRE_SESSION_H
#define HAVRE_SESSION_H

#include <stddef.h>
#include <stdint.h>

#define SESSION_MAX_PERMS 64

struct session {
	int64_t	 id;			/* session row id (0 for an API key) */
	int64_t	 agent_id;		/* agent, or 0 for an API key */
	int64_t	 apikey_id;		/* API key, or 0 for an agent */
	char	*username;		/* agent username or key name */
	char	*display_name;
	char	*lang;			/* the agent's language, or NULL */
	int64_t	 home_site;		/* 0 when none */
	int	 must_change_password;	/* temporary password in use */
	char	 csrf[65];		/* per-session CSRF token (hex) */
	char	*perms[SESSION_MAX_PERMS];	/* granted permissions */
	size_t	 nperms;
};

/* Returns 1 if the session grants perm (or perm is "login"), else 0. */
int	 session_can(const struct session *, const char *perm);
/* Free a session and NULL the pointer (NULL-safe). */
void	 session_free(struct session **);

#endif

/*
 * conf.h: the configuration file (HDF). One file for every program;
 * keys are documented in contrib/havre.hdf.example.
 */
#ifndef HAVRE_CONF_H
#define HAVRE_CONF_H

#include "cs.h"

struct conf {
	HDF		*hdf;		/* the whole file, for program-specific keys */
	const char	*db_host;	/* DB.Host (ignored when DB.Socket is set) */
	int		 db_port;	/* DB.Port */
	const char	*db_socket;	/* DB.Socket */
	const char	*db_name;	/* DB.Name */
	const char	*db_user;	/* DB.User */
	const char	*db_password;	/* DB.Password */
	int		 db_sync_wait;	/* DB.SyncWait: 1 = wsrep_sync_wait 1 (Galera) */
	const char	*templates;	/* Paths.Templates */
	const char	*migrations;	/* Paths.Migrations */
	const char	*var;		/* Paths.Var: keys, state */
	const char	*files;		/* Paths.Files: the document store
					   (default Paths.Var/files) */
	const char	*log_dir;	/* Log.Dir: <dir>/<program>.log; "" = stderr */
	const char	*languages;	/* Site.Languages, e.g. "en,fr,ar" */
	const char	*default_lang;	/* Site.DefaultLanguage */
	const char	*timezone;	/* Site.TimeZone (IANA name) */
	const char	*base_path;	/* Site.BasePath: stripped from REQUEST_URI */
	int		 cookie_secure;	/* Session.Secure: 1 = Secure cookies */
	long		 max_body;	/* Limits.MaxBody bytes for forms */
	long		 max_upload;	/* Limits.MaxUpload bytes for multipart */
};

/*
 * Load path (NULL: $HAVRE_CONFIG, then the compiled-in default).
 * Returns 0 on success, -1 with a message on stderr.
 */
int	 conf_load(struct conf *, const char *path);
/*
 * The database account configured for program ("havre-portal") or for
 * a role ("backup") under DB.Accounts.<name> (name: the program without
 * "havre-", '-' as '_'): its User (default havre_<name>) and password
 * (the first line of PasswordFile when set, else Password; NULL when
 * neither is). The strings live until conf_free(). Returns 1 when the
 * group exists, 0 when it does not (nothing set), -1 with a message on
 * stderr.
 */
int	 conf_account(struct conf *, const char *program, const char **user,
	    const char **password);
/*
 * Connect as program's own account when the configuration has one
 * (conf_account): db_user and db_password switch to it. Without one the
 * program keeps DB.User. Returns 1 switched, 0 kept, -1 on failure
 * (message on stderr).
 */
int	 conf_use_account(struct conf *, const char *program);
/* A string value of the file or def. */
const char *conf_get(const struct conf *, const char *key, const char *def);
/* An integer value of the file or def. */
long	 conf_get_int(const struct conf *, const char *key, long def);
void	 conf_free(struct conf *);

#endif

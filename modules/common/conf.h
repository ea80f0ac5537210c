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
/* A string value of the file or def. */
const char *conf_get(const struct conf *, const char *key, const char *def);
/* An integer value of the file or def. */
long	 conf_get_int(const struct conf *, const char *key, long def);
void	 conf_free(struct conf *);

#endif

/*
 * log.h: one log line per event, to stderr or a file, prefixed with the
 * time, the program, the pid and the current request id. Never user
 * message bodies, never passwords.
 */
#ifndef HAVRE_LOG_H
#define HAVRE_LOG_H

enum log_level { LOG_ERR, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Open the log: dir NULL or "" means stderr, else <dir>/<program>.log
 * (O_APPEND, so several processes share it). Returns 0 or -1. */
int	 log_open(const char *program, const char *dir);
/* Set (or clear with NULL) the request id put on each line. */
void	 log_set_reqid(const char *);
void	 log_msg(enum log_level, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
void	 log_close(void);

#endif

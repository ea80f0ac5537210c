/*
 * log.c: one line per event, written with a single write(2) so that
 * several worker processes can share one O_APPEND file:
 *   2026-11-22T12:00:00.123Z havre-portal[4242] ERR reqid=abcd message
 * Control characters (CR, LF ...) in messages are replaced by spaces so
 * that data quoted in a message cannot forge extra log lines.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define LOG_LINE_MAX	4096

static int	 log_fd = STDERR_FILENO;
static char	 log_program[64] = "havre";
static char	 log_reqid[65] = "";
/* The pid on each line, read once per process (a forked worker reads
 * its own: log_forked). getpid() is a system call each time. */
static pid_t	 log_pid;
static int	 log_atfork;

static const char *const log_levels[] = {
	"ERR", "WARN", "INFO", "DEBUG",
};

/* In a child after fork(): its pid is read again on its first line. */
static void
log_forked(void)
{
	log_pid = 0;
}

/*
 * Open the log for program: dir NULL or "" means stderr, else
 * <dir>/<program>.log created 0640 and opened O_APPEND.
 * Returns 0, or -1 (with a message on stderr; logging stays on stderr).
 */
int
log_open(const char *program, const char *dir)
{
	char	 path[1024];
	int	 fd, n;

	if (program != NULL && *program != '\0')
		snprintf(log_program, sizeof(log_program), "%s", program);
	if (!log_atfork && pthread_atfork(NULL, NULL, log_forked) == 0)
		log_atfork = 1;
	log_pid = 0;
	log_close();
	if (dir == NULL || *dir == '\0')
		return 0;
	n = snprintf(path, sizeof(path), "%s/%s.log", dir, log_program);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "%s: log directory name too long\n",
		    log_program);
		return -1;
	}
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd == -1) {
		fprintf(stderr, "%s: cannot open log %s: %s\n", log_program,
		    path, strerror(errno));
		return -1;
	}
	log_fd = fd;
	return 0;
}

/*
 * Set the request id put on each following line; NULL or "" clears it.
 * Only [A-Za-z0-9._-] are kept, at most 64 of them.
 */
void
log_set_reqid(const char *id)
{
	size_t	 i, o;
	char	 ch;

	o = 0;
	for (i = 0; id != NULL && id[i] != '\0' &&
	    o < sizeof(log_reqid) - 1; i++) {
		ch = id[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
		    ch == '-')
			log_reqid[o++] = ch;
	}
	log_reqid[o] = '\0';
}

/*
 * Write one line at level: the time (UTC, milliseconds), the program
 * and pid, the level, the request id ("-" when none), then the
 * formatted message with control characters replaced by spaces; long
 * messages are cut and end in "...". Errors writing are ignored.
 */
void
log_msg(enum log_level level, const char *fmt, ...)
{
	char		 line[LOG_LINE_MAX];
	struct timespec	 ts;
	struct tm	 tm;
	va_list		 ap;
	size_t		 len, i, start;
	int		 n;
	ssize_t		 w;

	if ((unsigned)level >= sizeof(log_levels) / sizeof(log_levels[0]))
		level = LOG_ERR;
	/* Without log_open (no fork handler) each line asks. */
	if (log_pid == 0 || !log_atfork)
		log_pid = getpid();
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	len = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%S", &tm);
	n = snprintf(line + len, sizeof(line) - len, ".%03ldZ %s[%ld] %s "
	    "reqid=%s ", ts.tv_nsec / 1000000L, log_program, (long)log_pid,
	    log_levels[level], log_reqid[0] != '\0' ? log_reqid : "-");
	if (n < 0 || (size_t)n >= sizeof(line) - len)
		return;
	len += (size_t)n;
	start = len;

	va_start(ap, fmt);
	n = vsnprintf(line + len, sizeof(line) - len - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line) - len - 1) {
		/* Cut: mark it. */
		len = sizeof(line) - 2;
		memcpy(line + len - 3, "...", 3);
	} else
		len += (size_t)n;
	for (i = start; i < len; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = ' ';
	line[len++] = '\n';

	do
		w = write(log_fd, line, len);
	while (w == -1 && errno == EINTR);
}

/*
 * Close a log file and go back to stderr.
 */
void
log_close(void)
{
	if (log_fd != STDERR_FILENO && log_fd != -1)
		close(log_fd);
	log_fd = STDERR_FILENO;
}

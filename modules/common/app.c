/*
 * app.c: the FastCGI worker loop every Havre program runs.
 *
 * Three ways to start, all handled by libfcgi's FCGX_Accept_r on one
 * listening socket:
 *  - under spawn-fcgi or Apache mod_fcgid: the socket is fd 0;
 *  - `--socket PATH --workers N`: we open the socket and fork N workers
 *    under a small supervisor that restarts a worker that dies (which
 *    spawn-fcgi does not do);
 *  - systemd socket activation passes the socket as fd 3 (LISTEN_FDS=1
 *    and LISTEN_PID, the sd_listen_fds protocol); with `--workers N` the
 *    same supervisor keeps N workers on it (contrib/systemd).
 * Each worker is single-threaded, serves one request at a time and keeps
 * one database connection. SIGTERM finishes the current request, then
 * the worker exits.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <fcgiapp.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

/*
 * Built with AddressSanitizer (clang says so through __has_feature, gcc
 * through __SANITIZE_ADDRESS__): LeakSanitizer's interface is there.
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVRE_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(HAVRE_ASAN)
#define HAVRE_ASAN 1
#endif
#ifdef HAVRE_ASAN
#include <sanitizer/lsan_interface.h>
#endif

#include "app.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "tpl.h"

#define MAX_WORKERS 64

static volatile sig_atomic_t stop_requested;

/* SIGTERM/SIGINT in a worker: let libfcgi's accept() return. */
static void
on_worker_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
	FCGX_ShutdownPending();
}

/* SIGTERM/SIGINT in the supervisor: stop restarting, then stop all. */
static void
on_supervisor_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/*
 * Install handler for SIGTERM and SIGINT without SA_RESTART, so that a
 * blocked accept() is interrupted. SIGPIPE is ignored: a client that
 * went away must not kill the worker.
 */
static void
install_signals(void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/*
 * Read exactly len body bytes from the FastCGI stream into a new
 * NUL-terminated buffer. Returns the buffer or NULL when the client sent
 * less than it announced (or on allocation failure).
 */
static char *
read_body(FCGX_Request *fr, size_t len)
{
	char	*body;
	size_t	 got = 0;
	int	 n;

	if ((body = malloc(len + 1)) == NULL)
		return NULL;
	while (got < len) {
		size_t want = len - got > (1 << 20) ? (1 << 20) : len - got;

		n = FCGX_GetStr(body + got, (int)want, fr->in);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != len) {
		free(body);
		return NULL;
	}
	body[len] = '\0';
	return body;
}

/* Drain an unread body so the connection ends cleanly after a 413. */
static void
discard_body(FCGX_Request *fr)
{
	char	scratch[4096];

	while (FCGX_GetStr(scratch, sizeof(scratch), fr->in) > 0)
		/* nothing */;
}

/*
 * Send the response of req: status line, standard security headers,
 * the request's own headers, then the body (not for HEAD).
 */
static void
send_response(FCGX_Request *fr, struct req *r)
{
	struct buf	h = {0};

	buf_printf(&h, "Status: %d %s\r\n", r->status, http_reason(r->status));
	buf_printf(&h, "Content-Type: %s\r\n",
	    r->ctype ? r->ctype : "text/html; charset=utf-8");
	buf_printf(&h, "Content-Length: %zu\r\n", r->out.len);
	/* No inline script or style anywhere: the CSP can forbid them. */
	buf_puts(&h, "Content-Security-Policy: default-src 'self'; "
	    "img-src 'self' data:; style-src 'self'; script-src 'self'; "
	    "object-src 'none'; base-uri 'none'; form-action 'self'; "
	    "frame-ancestors 'none'\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: same-origin\r\n");
	/* Pages carry personal data: never stored by shared caches. */
	buf_puts(&h, "Cache-Control: no-store\r\n");
	buf_printf(&h, "X-Request-Id: %s\r\n", r->reqid);
	if (r->headers.len)
		buf_append(&h, r->headers.data, r->headers.len);
	buf_puts(&h, "\r\n");
	FCGX_PutStr(h.data, (int)h.len, fr->out);
	if (!r->head && r->out.len)
		FCGX_PutStr(r->out.data, (int)r->out.len, fr->out);
	buf_free(&h);
}

/*
 * Answer a request that is refused before a struct req exists (body too
 * large, allocation failure): a short plain-text page, still with the
 * request id, since templates may not be usable at that point.
 */
static void
send_plain(FCGX_Request *fr, int status, const char *reqid)
{
	FCGX_FPrintF(fr->out,
	    "Status: %d %s\r\nContent-Type: text/plain; charset=utf-8\r\n"
	    "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n"
	    "X-Request-Id: %s\r\n\r\n%d %s\nRequest id: %s\n",
	    status, http_reason(status), reqid, status, http_reason(status),
	    reqid);
}

/* Body cap for this request: multipart forms may carry uploads. */
static long
body_cap(const struct conf *conf, const char *ctype)
{
	if (ctype != NULL && strncasecmp(ctype, "multipart/form-data", 19) == 0)
		return conf->max_upload;
	return conf->max_body;
}

/*
 * Serve one accepted request: enforce the size cap before reading the
 * body, build the request, dispatch, send, log, free.
 */
static void
serve(FCGX_Request *fr, const struct app *app, const struct conf *conf,
    struct db *db)
{
	struct req	*r = NULL;
	const char	*cl, *ctype;
	char		*body = NULL;
	long long	 len = 0;
	struct timespec	 t0, t1;
	char		 reqid[17];
	const char	*rid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	rid = FCGX_GetParam("HAVRE_REQUEST_ID", fr->envp);
	if (rid != NULL && strlen(rid) >= 16 &&
	    strspn(rid, "0123456789abcdef") >= 16) {
		memcpy(reqid, rid, 16);
		reqid[16] = '\0';
	} else {
		unsigned char	raw[8];

		randombytes_buf(raw, sizeof(raw));
		sodium_bin2hex(reqid, sizeof(reqid), raw, sizeof(raw));
	}
	log_set_reqid(reqid);

	cl = FCGX_GetParam("CONTENT_LENGTH", fr->envp);
	ctype = FCGX_GetParam("CONTENT_TYPE", fr->envp);
	if (cl != NULL && *cl != '\0' &&
	    parse_int(cl, 0, 1LL << 40, &len) != 0) {
		send_plain(fr, 400, reqid);
		goto out;
	}
	/* The cap is checked before a single body byte is read. */
	if (len > body_cap(conf, ctype)) {
		log_info("body of %lld bytes over the cap: 413", len);
		discard_body(fr);
		r = req_new(app, conf, fr->envp, NULL, 0);
		if (r == NULL) {
			send_plain(fr, 413, reqid);
			goto out;
		}
		memcpy(r->reqid, reqid, sizeof(reqid));
		r->db = db;
		r->fcgi = fr;
		error_page(r, 413, NULL);
		send_response(fr, r);
		goto log;
	}
	if (len > 0 && (body = read_body(fr, (size_t)len)) == NULL) {
		send_plain(fr, 400, reqid);
		goto out;
	}
	r = req_new(app, conf, fr->envp, body, (size_t)len);
	if (r == NULL) {
		send_plain(fr, 500, reqid);
		goto out;
	}
	memcpy(r->reqid, reqid, sizeof(reqid));
	r->db = db;
	r->fcgi = fr;
	dispatch(r);
	send_response(fr, r);
log:
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (r->route == NULL || !(r->route->flags & ROUTE_NOLOG))
		log_info("%s %s %d %.1fms", req_env(r, "REQUEST_METHOD") ?
		    req_env(r, "REQUEST_METHOD") : "-", r->path ? r->path : "-",
		    r->status, (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
out:
	free(body);
	req_free(&r);
	log_set_reqid(NULL);
}

/*
 * Let a worker blocked in accept() on listen_fd wake once a second
 * (accept then fails with EAGAIN) to do what waits for a quiet moment:
 * the API key uses it keeps (auth_key_uses_flush). Only for a Unix
 * socket: a TCP connection would inherit the timeout from its listener.
 * Several workers share the socket; they all set the same value.
 */
static void
idle_wake_setup(int listen_fd)
{
	struct sockaddr_storage	 ss;
	struct timeval		 tv = {1, 0};
	socklen_t		 len = sizeof(ss);

	if (getsockname(listen_fd, (struct sockaddr *)&ss, &len) != 0 ||
	    ss.ss_family != AF_UNIX)
		return;
	if (setsockopt(listen_fd, SOL_SOCKET, SO_RCVTIMEO, &tv,
	    sizeof(tv)) != 0)
		log_err("cannot set the accept timeout: %s", strerror(errno));
}

/*
 * End an accepted request (FCGX_Finish_r: the output flushed, the
 * connection closed). libfcgi's close shuts down the sending side and
 * then waits (poll, up to 2 s) until the web server closes its own,
 * reading what it still sends, so that closing with unread input never
 * resets the connection before the server has read the answer. When
 * nothing is left unread (the usual case: the whole request came in
 * its first read), a plain close already ends the connection cleanly
 * (Unix and TCP sockets report a reset only for unread data), so the
 * wait is skipped (FCGX_Detach: close without the shutdown) and the
 * worker goes back to accept() at once instead of sleeping until the
 * server got round to closing. Kept connections are left alone.
 */
static void
finish_request(FCGX_Request *fr)
{
	int	unread = -1;

	/* ipcFd is the accepted connection (libfcgi fills it in
	 * FCGX_Accept_r; there is no accessor). */
	if (!fr->keepConnection && fr->ipcFd >= 0 &&
	    ioctl(fr->ipcFd, FIONREAD, &unread) == 0 && unread == 0)
		FCGX_Detach(fr);
	FCGX_Finish_r(fr);
}

/*
 * A worker serves one request after another with much the same memory:
 * keep what a request freed for the next one. glibc maps a block over
 * its mmap threshold (128 KiB at first) on its own and unmaps it at its
 * free, and gives the top of the heap back past its trim threshold, so
 * each request paid a page fault for every page of its larger buffers
 * again (an identity search at 1,000,000 persons: 29 faults a search,
 * one perf sample in ten; none with this, the workers' resident size
 * unchanged at 23 MB). What a worker keeps is bounded by its largest
 * request.
 */
static void
memory_keep(void)
{
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
	mallopt(M_MMAP_THRESHOLD, 16 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

/*
 * One worker: accept and serve requests on listen_fd until SIGTERM.
 * Returns the process exit status.
 */
static int
worker(const struct app *app, const struct conf *conf, int listen_fd)
{
	FCGX_Request	 fr;
	struct db	*db;
	int		 rc;

	install_signals(on_worker_signal);
	memory_keep();
	if ((db = db_new(conf, app->sqls, app->nsqls)) == NULL) {
		log_err("out of memory");
		return 1;
	}
	if (app->init != NULL && app->init(conf) != 0) {
		log_err("program initialisation failed");
		db_free(&db);
		return 1;
	}
	if (FCGX_InitRequest(&fr, listen_fd, 0) != 0) {
		log_err("FCGX_InitRequest failed");
		db_free(&db);
		return 1;
	}
	idle_wake_setup(listen_fd);
	while (!stop_requested) {
		if ((rc = FCGX_Accept_r(&fr)) < 0) {
			/* The accept timeout (idle_wake_setup): nothing
			 * came for a second. */
			if ((rc == -EAGAIN || rc == -EWOULDBLOCK) &&
			    !stop_requested) {
				auth_key_uses_flush(db, 1);
				continue;
			}
			break;
		}
		serve(&fr, app, conf, db);
		finish_request(&fr);
		auth_key_uses_flush(db, 0);
	}
	auth_key_uses_flush(db, 1);
	FCGX_Free(&fr, 1);
	db_free(&db);
	return 0;
}

/*
 * Under AddressSanitizer, run LeakSanitizer's check now: a worker leaves
 * through _exit (the supervisor's atexit handlers and buffers are not
 * its own), and _exit skips the check LSan runs at exit. Leaks are
 * reported where ASan reports (ASAN_OPTIONS log_path, else stderr).
 * Returns rc, or 23 (LSan's exit code) when rc is 0 and there are leaks.
 * Without the sanitizer, returns rc.
 */
static int
leak_check(int rc)
{
#ifdef HAVRE_ASAN
	if (__lsan_do_recoverable_leak_check() != 0 && rc == 0)
		rc = 23;
#endif
	return rc;
}

/* Fork one worker; returns its pid, or -1. The child never returns. */
static pid_t
spawn_worker(const struct app *app, const struct conf *conf, int fd)
{
	pid_t	pid = fork();

	if (pid == 0) {
		int rc = worker(app, conf, fd);

		tpl_fini();
		rc = leak_check(rc);
		log_close();
		_exit(rc);
	}
	if (pid < 0)
		log_err("fork: %s", strerror(errno));
	return pid;
}

/*
 * The --socket/--workers supervisor: keeps n workers alive on fd. A
 * worker that dies unexpectedly is replaced (at most one restart per
 * second per slot, so a crash loop does not spin). On SIGTERM every
 * worker is asked to stop and waited for. Returns the exit status.
 */
static int
supervise(const struct app *app, const struct conf *conf, int fd, int n)
{
	pid_t	pids[MAX_WORKERS];
	time_t	started[MAX_WORKERS];
	int	i, status;
	pid_t	pid;

	install_signals(on_supervisor_signal);
	for (i = 0; i < n; i++) {
		pids[i] = spawn_worker(app, conf, fd);
		started[i] = time(NULL);
	}
	log_info("serving with %d workers", n);
	while (!stop_requested) {
		pid = waitpid(-1, &status, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < n; i++) {
			if (pids[i] != pid)
				continue;
			log_warn("worker %d exited (status %d): restarting",
			    (int)pid, status);
			if (time(NULL) - started[i] < 1)
				sleep(1);
			if (stop_requested)
				break;
			pids[i] = spawn_worker(app, conf, fd);
			started[i] = time(NULL);
		}
	}
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	while (waitpid(-1, &status, 0) > 0 || errno == EINTR)
		/* reap every worker */;
	log_info("stopped");
	return 0;
}

/* Print the route table: the program's whole attack surface. */
static void
print_routes(const struct app *app)
{
	static const char *const vhosts[] = {"-", "intranet", "public", "any"};
	size_t	i;

	printf("%-12s %-48s %-9s %-24s %-4s %s\n", "METHOD", "PATH", "VHOST",
	    "PERMISSION", "CSRF", "API");
	for (i = 0; i < app->nroutes; i++) {
		const struct route *rt = &app->routes[i];
		char	 m[32] = "";

		if (rt->methods & M_GET)
			strncat(m, "GET,", sizeof(m) - strlen(m) - 1);
		if (rt->methods & M_POST)
			strncat(m, "POST,", sizeof(m) - strlen(m) - 1);
		if (rt->methods & M_PUT)
			strncat(m, "PUT,", sizeof(m) - strlen(m) - 1);
		if (rt->methods & M_DELETE)
			strncat(m, "DELETE,", sizeof(m) - strlen(m) - 1);
		if (*m)
			m[strlen(m) - 1] = '\0';
		printf("%-12s %-48s %-9s %-24s %-4s %s\n", m, rt->pattern,
		    vhosts[rt->vhost & 3],
		    rt->perm == PERM_PUBLIC ? "public" : rt->perm,
		    (rt->flags & ROUTE_CSRF) ? "yes" : "no",
		    (rt->flags & ROUTE_API) ? "yes" : "no");
	}
}

/*
 * The listening socket a program was started with: fd 3 when systemd's
 * socket activation passed one socket to this process (LISTEN_FDS=1,
 * LISTEN_PID our pid or unset), else fd 0 (spawn-fcgi, mod_fcgid).
 * The variables are removed so that nothing started later takes them
 * for its own.
 */
static int
inherited_socket(void)
{
	const char	*lfds, *lpid;
	long long	 pid;
	int		 fd = 0;

	lfds = getenv("LISTEN_FDS");
	lpid = getenv("LISTEN_PID");
	if (lfds != NULL && strcmp(lfds, "1") == 0 && (lpid == NULL ||
	    (parse_int(lpid, 1, LLONG_MAX, &pid) == 0 &&
	    (pid_t)pid == getpid())))
		fd = 3;
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDNAMES");
	return fd;
}

/*
 * --check-sql: prepare every statement of the program's SQL table with
 * its database account (the server checks the account's rights on each
 * table a statement names when it prepares it) and name, on stderr,
 * each one the server refuses. Prints "N statements prepared, N
 * refused" on stdout. Returns the exit status: 0 when none was refused,
 * 1 otherwise (or when the server cannot be reached).
 */
static int
check_sql(const struct app *app, const struct conf *conf)
{
	struct db	*db;
	size_t		 i, prepared = 0, refused = 0;

	if ((db = db_new(conf, app->sqls, app->nsqls)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", app->name);
		return 1;
	}
	if (db_ping(db) != DB_OK) {
		fprintf(stderr, "%s: cannot connect as %s: %s\n", app->name,
		    conf->db_user, db_errmsg(db));
		db_free(&db);
		return 1;
	}
	for (i = 0; i < app->nsqls; i++) {
		if (app->sqls[i] == NULL)	/* an unused number */
			continue;
		if (db_stmt(db, i) != NULL) {
			prepared++;
			continue;
		}
		refused++;
		fprintf(stderr, "%s: statement %zu refused for %s: %s\n",
		    app->name, i, conf->db_user, db_errmsg(db));
	}
	printf("%s: %zu statements prepared as %s, %zu refused\n", app->name,
	    prepared, conf->db_user, refused);
	db_free(&db);
	return refused == 0 ? 0 : 1;
}

static void
usage(const char *name)
{
	fprintf(stderr, "usage: %s [--config FILE] [--socket PATH] "
	    "[--workers N] [--routes] [--check-sql]\n", name);
}

/* See app.h. */
int
app_main(int argc, char *argv[], const struct app *app)
{
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'},
		{"socket", required_argument, NULL, 's'},
		{"workers", required_argument, NULL, 'w'},
		{"routes", no_argument, NULL, 'r'},
		{"check-sql", no_argument, NULL, 'k'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct conf	 conf;
	const char	*config = NULL, *sockpath = NULL;
	long long	 workers = 1;
	int		 c, fd = 0, rc = 1, routes = 0, supervised = 0;
	int		 sqlcheck = 0;

	while ((c = getopt_long(argc, argv, "c:s:w:rh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 's':
			sockpath = optarg;
			break;
		case 'w':
			if (parse_int(optarg, 1, MAX_WORKERS, &workers) != 0) {
				fprintf(stderr, "--workers: 1..%d\n",
				    MAX_WORKERS);
				return 2;
			}
			supervised = 1;
			break;
		case 'r':
			routes = 1;
			break;
		case 'k':
			sqlcheck = 1;
			break;
		default:
			usage(argv[0]);
			return c == 'h' ? 0 : 2;
		}
	}
	if (routes) {
		print_routes(app);
		return 0;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "%s: libsodium failed to initialise\n",
		    app->name);
		return 1;
	}
	nerr_init();
	if (conf_load(&conf, config) != 0)
		return 1;
	/* Its own database account (DB.Accounts.<name>) when it has one. */
	if (conf_use_account(&conf, app->name) == -1)
		goto out_conf;
	if (log_open(app->name, conf.log_dir) != 0)
		goto out_conf;
	if (sqlcheck) {
		rc = check_sql(app, &conf);
		goto out_log;
	}
	if (tpl_init(&conf) != 0)
		goto out_log;
	if (FCGX_Init() != 0) {
		log_err("FCGX_Init failed");
		goto out_tpl;
	}
	if (sockpath != NULL) {
		unlink(sockpath);
		if ((fd = FCGX_OpenSocket(sockpath, 128)) < 0) {
			log_err("cannot listen on %s", sockpath);
			goto out_tpl;
		}
		chmod(sockpath, 0660);
		rc = supervise(app, &conf, fd, (int)workers);
		close(fd);
		unlink(sockpath);
	} else {
		/* The socket we were given; --workers N: N workers on it
		 * under the supervisor, else this process is the worker. */
		fd = inherited_socket();
		if (supervised)
			rc = supervise(app, &conf, fd, (int)workers);
		else
			rc = worker(app, &conf, fd);
	}
out_tpl:
	tpl_fini();
out_log:
	log_close();
out_conf:
	conf_free(&conf);
	return rc;
}

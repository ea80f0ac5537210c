/*
 * render.c: a source PDF's pages as PNG images, rendered by poppler's
 * pdftoppm in a child process, never in the worker: the child gets its
 * own process group, an address-space limit (Civil.RenderMemoryMB,
 * default 512), a CPU limit and a wall-clock limit (Civil.RenderSeconds,
 * default 10), a cap on what it may write (64 MiB a file) and on the
 * pages it renders (Civil.RenderPages, default 20), each page scaled to
 * at most 1600 pixels. A PDF that bombs or loops gets the child killed;
 * the worker only sees a failed render and answers 422.
 *
 * The PDF is written to a private folder under $TMPDIR, else /tmp
 * (0700, removed afterwards with what pdftoppm wrote in it): the
 * document store keeps files encrypted, and pdftoppm needs a plain
 * file. The temporary folder is one every host lets a program write
 * (systemd's PrivateTmp, Apache's www-data), where Paths.Var is not.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "civil.h"
#include "conf.h"
#include "htime.h"
#include "log.h"

/* The largest page image kept (what pdftoppm may write per file). */
#define PAGE_MAX	(16L * 1024 * 1024)

void
render_free(struct render_page **pages, size_t n)
{
	size_t	i;

	if (*pages == NULL)
		return;
	for (i = 0; i < n; i++)
		free((*pages)[i].data);
	free(*pages);
	*pages = NULL;
}

/* Write len bytes to a new file path (0600). Returns 0 or -1. */
static int
write_file(const char *path, const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 w;
	int		 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		return -1;
	while (len > 0) {
		if ((w = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return close(fd);
}

/* Read a whole file of at most max bytes into a malloc'd buffer.
 * Returns 0 or -1. */
static int
read_file(const char *path, size_t max, unsigned char **out, size_t *outlen)
{
	struct stat	 sb;
	unsigned char	*b;
	ssize_t		 r;
	size_t		 got = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &sb) != 0 || sb.st_size <= 0 ||
	    (size_t)sb.st_size > max || (b = malloc(sb.st_size)) == NULL) {
		close(fd);
		return -1;
	}
	while (got < (size_t)sb.st_size) {
		if ((r = read(fd, b + got, (size_t)sb.st_size - got)) <= 0) {
			if (r < 0 && errno == EINTR)
				continue;
			free(b);
			close(fd);
			return -1;
		}
		got += (size_t)r;
	}
	close(fd);
	*out = b;
	*outlen = got;
	return 0;
}

/* Remove the folder dir and the files in it. */
static void
remove_dir(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	char		 path[4096];

	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

/* The page number of "p-<n>.png", or -1. */
static int
page_number(const char *name)
{
	const char	*s;
	char		*end;
	long		 n;

	if (strncmp(name, "p-", 2) != 0)
		return -1;
	s = name + 2;
	n = strtol(s, &end, 10);
	if (end == s || strcmp(end, ".png") != 0 || n < 1 || n > 10000)
		return -1;
	return (int)n;
}

/*
 * Run argv in a child under the limits; wait at most wall seconds.
 * Returns 0 if it exited with status 0, 1 if it failed or was killed,
 * -1 if it could not be started.
 */
static int
run_limited(char *const argv[], long cpu, long mem_mb, long wall)
{
	struct timespec	 tick = {0, 20 * 1000 * 1000};
	int64_t		 deadline;
	pid_t		 pid, w;
	int		 st;

	if ((pid = fork()) < 0) {
		log_err("civil: fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		struct rlimit	rl;
		int		fd;

		/* Only async-signal-safe calls until exec. */
		setpgid(0, 0);
		rl.rlim_cur = rl.rlim_max = (rlim_t)cpu;
		setrlimit(RLIMIT_CPU, &rl);
		rl.rlim_cur = rl.rlim_max = (rlim_t)mem_mb * 1024 * 1024;
		setrlimit(RLIMIT_AS, &rl);
		rl.rlim_cur = rl.rlim_max = (rlim_t)PAGE_MAX;
		setrlimit(RLIMIT_FSIZE, &rl);
		rl.rlim_cur = rl.rlim_max = 0;
		setrlimit(RLIMIT_CORE, &rl);
		rl.rlim_cur = rl.rlim_max = 64;
		setrlimit(RLIMIT_NOFILE, &rl);
		if ((fd = open("/dev/null", O_RDWR)) >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	setpgid(pid, pid);	/* either side may win the race */
	deadline = time_now_us() + (int64_t)wall * 1000000;
	for (;;) {
		w = waitpid(pid, &st, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			log_err("civil: waitpid: %s", strerror(errno));
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			return 1;
		}
		if (time_now_us() > deadline) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			log_info("civil: the renderer ran out of time: killed");
			return 1;
		}
		nanosleep(&tick, NULL);
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFSIGNALED(st))
		log_info("civil: the renderer died of signal %d",
		    WTERMSIG(st));
	else
		log_info("civil: the renderer failed (exit %d)",
		    WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 1;
}

enum render_rc
render_pdf(const struct conf *conf, const void *pdf, size_t len,
    struct render_page **pagesp, size_t *npagesp)
{
	struct render_page	*pages = NULL;
	DIR			*d = NULL;
	struct dirent		*e;
	enum render_rc		 rc = RENDER_ERROR;
	long			 cpu, mem, maxpages;
	size_t			 npages = 0, i;
	int			 n, ran, made = 0;
	char			 tmp[1024], dir[1200], in[1300], root[1300],
				 path[1600], lastpage[16];
	char			*argv[16];

	*pagesp = NULL;
	*npagesp = 0;
	cpu = conf_get_int(conf, "Civil.RenderSeconds", 10);
	mem = conf_get_int(conf, "Civil.RenderMemoryMB", 512);
	maxpages = conf_get_int(conf, "Civil.RenderPages", 20);
	if (cpu < 1 || mem < 64 || maxpages < 1 || maxpages > 200) {
		log_err("civil: bad Civil.Render* settings");
		return RENDER_ERROR;
	}
	snprintf(tmp, sizeof(tmp), "%s", getenv("TMPDIR") != NULL &&
	    getenv("TMPDIR")[0] == '/' ? getenv("TMPDIR") : "/tmp");
	snprintf(dir, sizeof(dir), "%s/havre-render-XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		log_err("civil: mkdtemp %s: %s", dir, strerror(errno));
		return RENDER_ERROR;
	}
	made = 1;
	snprintf(in, sizeof(in), "%s/in.pdf", dir);
	snprintf(root, sizeof(root), "%s/p", dir);
	if (write_file(in, pdf, len) != 0) {
		log_err("civil: %s: %s", in, strerror(errno));
		goto out;
	}
	snprintf(lastpage, sizeof(lastpage), "%ld", maxpages);
	n = 0;
	argv[n++] = (char *)conf_get(conf, "Civil.Pdftoppm",
	    "/usr/bin/pdftoppm");
	argv[n++] = "-png";
	argv[n++] = "-r";
	argv[n++] = "100";
	argv[n++] = "-scale-to";
	argv[n++] = "1600";
	argv[n++] = "-f";
	argv[n++] = "1";
	argv[n++] = "-l";
	argv[n++] = lastpage;
	argv[n++] = in;
	argv[n++] = root;
	argv[n] = NULL;
	if ((ran = run_limited(argv, cpu, mem, cpu + 2)) < 0)
		goto out;
	if (ran > 0) {
		rc = RENDER_REFUSED;
		goto out;
	}
	if ((pages = calloc((size_t)maxpages, sizeof(*pages))) == NULL)
		goto out;
	if ((d = opendir(dir)) == NULL)
		goto out;
	while ((e = readdir(d)) != NULL) {
		int p = page_number(e->d_name);

		if (p < 1 || p > maxpages || pages[p - 1].data != NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (read_file(path, PAGE_MAX, &pages[p - 1].data,
		    &pages[p - 1].len) != 0) {
			rc = RENDER_REFUSED;
			goto out;
		}
	}
	/* The pages must be 1..n without a gap. */
	for (i = 0; i < (size_t)maxpages && pages[i].data != NULL; i++)
		npages++;
	for (; i < (size_t)maxpages; i++)
		if (pages[i].data != NULL) {
			rc = RENDER_REFUSED;
			goto out;
		}
	if (npages == 0) {
		rc = RENDER_REFUSED;
		goto out;
	}
	*pagesp = pages;
	*npagesp = npages;
	pages = NULL;
	rc = RENDER_OK;
out:
	if (d != NULL)
		closedir(d);
	render_free(&pages, (size_t)maxpages);
	if (made)
		remove_dir(dir);
	return rc;
}

/*
 * backup.c: `havre-admin backup --to DIR`: a complete backup of a
 * running host, the database and the document store together
 * (docs/backup.md):
 *   1. the store's files (Paths.Files, <ab>/<id>) are copied to DIR/files;
 *   2. mariadb-backup copies the database server's files to DIR/mariadb
 *      while it keeps serving (a consistent InnoDB snapshot), and
 *      prepares them, so that `mariadb-backup --copy-back` restores them
 *      as they were at one instant;
 *   3. the files stored since step 1 are copied too.
 * Every row of stored_file in the snapshot names a file that existed
 * before the snapshot's instant (a file is written before its row
 * commits, docs/file-store.md) and files are never rewritten, so the two
 * passes hold each file the database refers to. DIR/MANIFEST says what
 * was taken, when, and how big; DIR/files.blake2b lists each copied
 * file's BLAKE2b-256 (of its encrypted bytes) so a copy can be checked
 * before it is needed. The store's key (Paths.Var/keys/upload.key) is
 * never copied: it is backed up apart from the files it opens.
 *
 * mariadb-backup runs on the database host (it reads the server's data
 * folder), as root or the server's account, connecting as the account
 * DB.Accounts.backup (RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR:
 * havre-admin grants). Its options go through a defaults file of DIR,
 * mode 0600 and removed afterwards (never on the command line).
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "admin.h"
#include "crypto.h"
#include "files.h"

/* What a pass over the store copied. */
struct copied {
	uint64_t	 files;
	uint64_t	 bytes;
	uint64_t	 skipped;	/* already copied by the first pass */
};

/* The backup being made. */
struct backup {
	struct admin	*a;
	char		 dir[PATH_MAX];		/* DIR */
	FILE		*sums;			/* DIR/files.blake2b */
	struct copied	 pass[2];
};

/*
 * Format a path into out (PATH_MAX bytes).
 * Returns 0, or -1 with a message on stderr if it does not fit.
 */
static int path_fmt(char out[PATH_MAX], const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
path_fmt(char out[PATH_MAX], const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(out, PATH_MAX, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= PATH_MAX) {
		fprintf(stderr, "havre-admin: backup: a path is too long\n");
		return -1;
	}
	return 0;
}

/*
 * Copy the regular file src to dst (which must not exist) through
 * dst.tmp: written, flushed, renamed. Its BLAKE2b-256 goes into hex
 * (65 bytes) and its size into *size.
 * Returns 0, or -1 with a message on stderr (nothing left at dst).
 */
static int
copy_file(const char *src, const char *dst, char hex[65], uint64_t *size)
{
	crypto_generichash_state	 st;
	unsigned char			 buf[65536], h[32];
	char				 tmp[PATH_MAX];
	ssize_t				 n;
	int				 in = -1, out = -1, rc = -1;

	*size = 0;
	if (path_fmt(tmp, "%s.tmp", dst) == -1)
		return -1;
	if ((in = open(src, O_RDONLY | O_CLOEXEC)) == -1) {
		fprintf(stderr, "havre-admin: backup: %s: %s\n", src,
		    strerror(errno));
		goto out;
	}
	if ((out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1) {
		fprintf(stderr, "havre-admin: backup: %s: %s\n", tmp,
		    strerror(errno));
		goto out;
	}
	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "havre-admin: backup: %s: %s\n", src,
			    strerror(errno));
			goto out;
		}
		crypto_generichash_update(&st, buf, (unsigned long long)n);
		if (write(out, buf, (size_t)n) != n) {
			fprintf(stderr, "havre-admin: backup: %s: %s\n", tmp,
			    strerror(errno));
			goto out;
		}
		*size += (uint64_t)n;
	}
	if (fsync(out) == -1 || close(out) == -1) {
		out = -1;
		fprintf(stderr, "havre-admin: backup: %s: %s\n", tmp,
		    strerror(errno));
		goto out;
	}
	out = -1;
	if (rename(tmp, dst) == -1) {
		fprintf(stderr, "havre-admin: backup: %s: %s\n", dst,
		    strerror(errno));
		goto out;
	}
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(hex, 65, h, sizeof(h));
	rc = 0;
out:
	if (in != -1)
		close(in);
	if (out != -1)
		close(out);
	if (rc == -1)
		unlink(tmp);
	return rc;
}

/*
 * Returns 1 if name is n lower-case hex characters, else 0.
 */
static int
hex_name(const char *name, size_t n)
{
	return strlen(name) == n && is_hex(name, n);
}

/*
 * One pass over the store: copy each file <ab>/<id> of Paths.Files not
 * yet in DIR/files (files are never rewritten: one copy is the file),
 * its sum appended to DIR/files.blake2b. Temporary files (<id>.tmp,
 * being written) and anything else are left alone.
 * Returns 0, or -1 with a message on stderr.
 */
static int
copy_store(struct backup *b, struct copied *c)
{
	const char	*store = b->a->conf.files;
	DIR		*top = NULL, *sub = NULL;
	struct dirent	*d, *f;
	struct stat	 sb;
	char		 src[PATH_MAX], dst[PATH_MAX], hex[65];
	uint64_t	 size;
	int		 rc = -1;

	if ((top = opendir(store)) == NULL) {
		fprintf(stderr, "havre-admin: backup: the store %s: %s\n",
		    store, strerror(errno));
		return -1;
	}
	while ((d = readdir(top)) != NULL) {
		if (!hex_name(d->d_name, 2))
			continue;
		if (path_fmt(src, "%s/%s", store, d->d_name) == -1 ||
		    path_fmt(dst, "%s/files/%s", b->dir, d->d_name) == -1)
			goto out;
		if (mkdir(dst, 0700) == -1 && errno != EEXIST) {
			fprintf(stderr, "havre-admin: backup: %s: %s\n", dst,
			    strerror(errno));
			goto out;
		}
		if ((sub = opendir(src)) == NULL) {
			fprintf(stderr, "havre-admin: backup: %s: %s\n", src,
			    strerror(errno));
			goto out;
		}
		while ((f = readdir(sub)) != NULL) {
			if (!hex_name(f->d_name, FILES_ID_LEN) ||
			    strncmp(f->d_name, d->d_name, 2) != 0)
				continue;
			if (path_fmt(src, "%s/%s/%s", store, d->d_name,
			    f->d_name) == -1 || path_fmt(dst, "%s/files/%s/%s",
			    b->dir, d->d_name, f->d_name) == -1)
				goto out;
			if (lstat(dst, &sb) == 0) {
				c->skipped++;
				continue;
			}
			if (lstat(src, &sb) == -1) {
				if (errno == ENOENT)
					continue;	/* removed meanwhile */
				fprintf(stderr, "havre-admin: backup: %s: %s\n",
				    src, strerror(errno));
				goto out;
			}
			if (!S_ISREG(sb.st_mode))
				continue;
			if (copy_file(src, dst, hex, &size) == -1)
				goto out;
			fprintf(b->sums, "%s  %s/%s\n", hex, d->d_name,
			    f->d_name);
			c->files++;
			c->bytes += size;
		}
		closedir(sub);
		sub = NULL;
	}
	if (fflush(b->sums) == EOF) {
		fprintf(stderr, "havre-admin: backup: files.blake2b: %s\n",
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (sub != NULL)
		closedir(sub);
	closedir(top);
	return rc;
}

/*
 * Returns 1 if s can be an option file's value as it is (no quote,
 * backslash, '#' or control character), else 0.
 */
static int
option_plain(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '"' || *s == '\'' || *s == '\\' || *s == '#' ||
		    (unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/*
 * Write DIR/.mariadb-backup.cnf (0600): the connection of the account
 * DB.Accounts.backup to the configured server; its name into path
 * ("" when it was not created).
 * Returns 0, or -1 with a message on stderr.
 */
static int
write_defaults(struct backup *b, char path[PATH_MAX])
{
	const struct conf	*c = &b->a->conf;
	const char		*user, *pw;
	FILE			*f;
	int			 fd, rc;

	rc = conf_account(&b->a->conf, "backup", &user, &pw);
	if (rc == -1)
		return -1;
	if (rc == 0 || pw == NULL || *pw == '\0') {
		fprintf(stderr, "havre-admin: backup: DB.Accounts.backup needs "
		    "a User and a Password or PasswordFile (the account "
		    "mariadb-backup connects as: havre-admin grants)\n");
		return -1;
	}
	if (!option_plain(user) || !option_plain(pw) ||
	    !option_plain(c->db_socket) || !option_plain(c->db_host)) {
		fprintf(stderr, "havre-admin: backup: the backup account, its "
		    "password or the server's address holds a quote, a "
		    "backslash, '#' or a control character\n");
		return -1;
	}
	if (path_fmt(path, "%s/.mariadb-backup.cnf", b->dir) == -1) {
		path[0] = '\0';
		return -1;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "havre-admin: backup: %s: %s\n", path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	fprintf(f, "[mariadb-backup]\nuser=%s\npassword=%s\n", user, pw);
	if (*c->db_socket != '\0')
		fprintf(f, "socket=%s\n", c->db_socket);
	else
		fprintf(f, "host=%s\nport=%d\n", c->db_host, c->db_port);
	if (fclose(f) == EOF) {
		fprintf(stderr, "havre-admin: backup: %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Run argv (argv[0] looked up in PATH) with its output appended to the
 * file log, stdin from /dev/null, and wait for it.
 * Returns 0 when it exits with status 0, else -1 with a message on
 * stderr.
 */
static int
run_tool(char *const argv[], const char *log)
{
	pid_t	 pid;
	int	 status, fd;

	if ((pid = fork()) == -1) {
		fprintf(stderr, "havre-admin: backup: fork: %s\n",
		    strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if ((fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600)) == -1)
			_exit(126);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		close(fd);
		if ((fd = open("/dev/null", O_RDONLY)) != -1) {
			dup2(fd, STDIN_FILENO);
			close(fd);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "%s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			fprintf(stderr, "havre-admin: backup: waitpid: %s\n",
			    strerror(errno));
			return -1;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	fprintf(stderr, "havre-admin: backup: %s %s failed (status %d): "
	    "see %s\n", argv[0], argv[2], WIFEXITED(status) ?
	    WEXITSTATUS(status) : -1, log);
	return -1;
}

/*
 * The bytes under path (regular files, recursively); 0 on error.
 */
static uint64_t
tree_bytes(const char *path)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 sb;
	char		 p[PATH_MAX];
	uint64_t	 n = 0;

	if (lstat(path, &sb) == -1)
		return 0;
	if (S_ISREG(sb.st_mode))
		return (uint64_t)sb.st_size;
	if (!S_ISDIR(sb.st_mode) || (d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (path_fmt(p, "%s/%s", path, e->d_name) == 0)
			n += tree_bytes(p);
	}
	closedir(d);
	return n;
}

/*
 * Now as "YYYY-MM-DDTHH:MM:SSZ" into out (21 bytes).
 */
static void
utc_now(char out[21])
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * Make DIR (0700): it must not exist, or be an empty folder.
 * Returns 0, or -1 with a message on stderr.
 */
static int
make_dir(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	int		 empty = 1;

	if (mkdir(dir, 0700) == 0)
		return 0;
	if (errno != EEXIST || (d = opendir(dir)) == NULL) {
		fprintf(stderr, "havre-admin: backup: %s: %s\n", dir,
		    strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	if (!empty) {
		fprintf(stderr, "havre-admin: backup: %s is not empty\n", dir);
		return -1;
	}
	return chmod(dir, 0700);
}

/*
 * havre-admin backup --to DIR
 * Makes the backup described at the top of this file in DIR (a new or
 * empty folder), running mariadb-backup (Backup.MariadbBackup, default
 * "mariadb-backup" from PATH) with its log in DIR/mariadb-backup.log.
 * Prints each step and a summary on stdout.
 * Returns ADMIN_OK, ADMIN_FAIL (a message on stderr; DIR holds what was
 * done, not a usable backup: no MANIFEST), ADMIN_USAGE.
 */
int
cmd_backup(struct admin *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	struct backup	 b;
	struct timespec	 t0, t1;
	const char	*to = NULL, *tool;
	char		 cnf[PATH_MAX] = "", path[PATH_MAX], log[PATH_MAX];
	char		 opt_cnf[PATH_MAX], opt_dir[PATH_MAX];
	char		 started[21], finished[21];
	char		*args[6];
	uint64_t	 dbbytes;
	FILE		*m;
	int		 c, rc = ADMIN_FAIL;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 't')
			return admin_usage(a);
		to = optarg;
	}
	if (optind != argc || to == NULL || *to == '\0')
		return admin_usage(a);
	memset(&b, 0, sizeof(b));
	b.a = a;
	if (strlen(to) >= sizeof(b.dir) - 64) {
		fprintf(stderr, "havre-admin: backup: %s: name too long\n", to);
		return ADMIN_FAIL;
	}
	snprintf(b.dir, sizeof(b.dir), "%s", to);
	tool = conf_get(&a->conf, "Backup.MariadbBackup", "mariadb-backup");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	utc_now(started);
	if (make_dir(b.dir) == -1)
		return ADMIN_FAIL;
	if (path_fmt(path, "%s/files", b.dir) == -1)
		return ADMIN_FAIL;
	if (mkdir(path, 0700) == -1) {
		fprintf(stderr, "havre-admin: backup: %s: %s\n", path,
		    strerror(errno));
		return ADMIN_FAIL;
	}
	if (path_fmt(path, "%s/files.blake2b", b.dir) == -1)
		return ADMIN_FAIL;
	if ((b.sums = fopen(path, "w")) == NULL) {
		fprintf(stderr, "havre-admin: backup: %s: %s\n", path,
		    strerror(errno));
		return ADMIN_FAIL;
	}

	/* 1. The store as it is. */
	if (copy_store(&b, &b.pass[0]) == -1)
		goto out;
	printf("files, before the database: %llu copied (%llu bytes)\n",
	    (unsigned long long)b.pass[0].files,
	    (unsigned long long)b.pass[0].bytes);
	fflush(stdout);

	/* 2. The database: a snapshot, then prepared for --copy-back. */
	if (write_defaults(&b, cnf) == -1)
		goto out;
	if (path_fmt(log, "%s/mariadb-backup.log", b.dir) == -1 ||
	    path_fmt(opt_cnf, "--defaults-file=%s", cnf) == -1 ||
	    path_fmt(opt_dir, "--target-dir=%s/mariadb", b.dir) == -1)
		goto out;
	args[0] = (char *)tool;
	args[1] = opt_cnf;
	args[2] = (char *)"--backup";
	args[3] = opt_dir;
	args[4] = NULL;
	if (run_tool(args, log) == -1)
		goto out;
	args[2] = (char *)"--prepare";
	if (run_tool(args, log) == -1)
		goto out;
	if (path_fmt(path, "%s/mariadb", b.dir) == -1)
		goto out;
	dbbytes = tree_bytes(path);
	printf("database: mariadb-backup --backup and --prepare done "
	    "(%llu bytes)\n", (unsigned long long)dbbytes);
	fflush(stdout);

	/* 3. The files stored while the database was copied. */
	if (copy_store(&b, &b.pass[1]) == -1)
		goto out;
	printf("files, after the database: %llu more copied (%llu bytes)\n",
	    (unsigned long long)b.pass[1].files,
	    (unsigned long long)b.pass[1].bytes);
	if (fclose(b.sums) == EOF) {
		b.sums = NULL;
		fprintf(stderr, "havre-admin: backup: files.blake2b: %s\n",
		    strerror(errno));
		goto out;
	}
	b.sums = NULL;

	utc_now(finished);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (path_fmt(path, "%s/MANIFEST", b.dir) == -1)
		goto out;
	if ((m = fopen(path, "w")) == NULL) {
		fprintf(stderr, "havre-admin: backup: %s: %s\n", path,
		    strerror(errno));
		goto out;
	}
	fprintf(m, "# A Havre backup (havre-admin backup, docs/backup.md)\n"
	    "started = %s\nfinished = %s\n"
	    "database = mariadb/ (mariadb-backup, prepared: restore with "
	    "mariadb-backup --copy-back into an empty data folder)\n"
	    "database_bytes = %llu\n"
	    "files = files/ (Paths.Files %s, <ab>/<id>, encrypted)\n"
	    "file_count = %llu\nfile_bytes = %llu\n"
	    "file_sums = files.blake2b (BLAKE2b-256 of each file's "
	    "encrypted bytes)\n"
	    "key = not included: restore Paths.Var/keys/upload.key from its "
	    "own backup\n", started, finished, (unsigned long long)dbbytes,
	    a->conf.files,
	    (unsigned long long)(b.pass[0].files + b.pass[1].files),
	    (unsigned long long)(b.pass[0].bytes + b.pass[1].bytes));
	if (fclose(m) == EOF) {
		fprintf(stderr, "havre-admin: backup: %s: %s\n", path,
		    strerror(errno));
		goto out;
	}
	printf("backup complete in %s: database %llu bytes, %llu files "
	    "(%llu bytes), %.1f s; the key file is not included\n", b.dir,
	    (unsigned long long)dbbytes,
	    (unsigned long long)(b.pass[0].files + b.pass[1].files),
	    (unsigned long long)(b.pass[0].bytes + b.pass[1].bytes),
	    (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	rc = ADMIN_OK;
out:
	if (b.sums != NULL)
		fclose(b.sums);
	if (cnf[0] != '\0')
		unlink(cnf);
	return rc;
}

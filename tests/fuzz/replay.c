/*
 * replay.c: runs a fuzz target's saved inputs without libFuzzer, as a
 * TAP test of make check (built with the target as replay_<target>):
 * every seed of tests/fuzz/corpus/<target>/ and every crash kept as a
 * regression input in tests/fuzz/regressions/<target>/. Each input runs
 * in a child process, so a crash or a broken invariant (abort) fails
 * that input's line and names its file. In a --enable-sanitizers build
 * the inputs are checked by ASan and UBSan too.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define REPLAY_MAX_INPUT	(1024 * 1024)	/* libFuzzer's default -max_len is far less */

static int	tests, failed;

/*
 * Read file path whole into a new buffer (*len bytes). Returns the
 * buffer, or NULL on error or when it exceeds REPLAY_MAX_INPUT.
 */
static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	uint8_t	*b = NULL;
	size_t	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if ((b = malloc(REPLAY_MAX_INPUT + 1)) != NULL) {
		n = fread(b, 1, REPLAY_MAX_INPUT + 1, f);
		if (ferror(f) || n > REPLAY_MAX_INPUT) {
			free(b);
			b = NULL;
		} else
			*len = n;
	}
	fclose(f);
	return b;
}

/* Run the target on file path in a child; print one TAP line. */
static void
replay(const char *target, const char *path)
{
	uint8_t	*data;
	size_t	 len = 0;
	pid_t	 pid;
	int	 status = 0, pass;

	tests++;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		if ((data = slurp(path, &len)) == NULL)
			_exit(2);
		LLVMFuzzerTestOneInput(data, len);
		free(data);
		/* exit, not _exit: LeakSanitizer checks at exit */
		exit(0);
	}
	pass = pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0;
	printf("%sok %d - fuzz_%s %s\n", pass ? "" : "not ", tests, target,
	    path);
	if (!pass) {
		failed++;
		if (WIFSIGNALED(status))
			printf("#   killed by signal %d\n", WTERMSIG(status));
		else
			printf("#   exit status %d\n", WEXITSTATUS(status));
	}
}

/* Replay every regular file of folder dir (sorted); none is fine. */
static void
replay_dir(const char *target, const char *dir)
{
	struct dirent	**ents = NULL;
	char		 path[4096];
	int		 i, n;

	if ((n = scandir(dir, &ents, NULL, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.' &&
		    (size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    ents[i]->d_name) < sizeof(path))
			replay(target, path);
		free(ents[i]);
	}
	free(ents);
}

/*
 * The target's name comes from the program's (replay_<target>); its
 * folders from HAVRE_SRCDIR (make check sets it) or the arguments.
 * Returns 0 when every input passed.
 */
int
main(int argc, char *argv[])
{
	const char	*src = getenv("HAVRE_SRCDIR"), *target;
	char		 dir[4096];
	int		 i;

	target = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	if (strncmp(target, "replay_", 7) == 0)
		target += 7;
	if (argc > 1) {
		for (i = 1; i < argc; i++)
			replay(target, argv[i]);
	} else {
		if (src == NULL || *src == '\0')
			src = ".";
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", src,
		    target);
		replay_dir(target, dir);
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/regressions/%s",
		    src, target);
		replay_dir(target, dir);
	}
	if (tests == 0)
		printf("1..0 # SKIP no input for fuzz_%s\n", target);
	else
		printf("1..%d\n", tests);
	fflush(stdout);
	return failed ? 1 : 0;
}

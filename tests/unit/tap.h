/*
 * tap.h: the smallest TAP producer, for unit tests run by automake's
 * tap-driver. ok() prints one result line; is_str() and is_int() compare
 * and print got/want on failure (their names are printf formats too);
 * tap_vis() makes bytes printable for names; done_testing() prints the
 * plan and returns the exit status.
 */
#ifndef HAVRE_TAP_H
#define HAVRE_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) tap_is_int((long long)(got), (long long)(want), __FILE__, __LINE__, __VA_ARGS__)

static int __attribute__((format(printf, 4, 5)))
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%sok %d - ", pass ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return pass;
}

static int __attribute__((unused, format(printf, 5, 6)))
tap_is_str(const char *got, const char *want, const char *file, int line,
    const char *name, ...)
{
	int pass = (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);
	char desc[512];
	va_list ap;

	va_start(ap, name);
	vsnprintf(desc, sizeof(desc), name, ap);
	va_end(ap);
	tap_ok(pass, file, line, "%s", desc);
	if (!pass)
		printf("#   got: '%s'\n#   want: '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
	return pass;
}

static int __attribute__((unused, format(printf, 5, 6)))
tap_is_int(long long got, long long want, const char *file, int line,
    const char *name, ...)
{
	int pass = got == want;
	char desc[512];
	va_list ap;

	va_start(ap, name);
	vsnprintf(desc, sizeof(desc), name, ap);
	va_end(ap);
	tap_ok(pass, file, line, "%s", desc);
	if (!pass)
		printf("#   got: %lld\n#   want: %lld\n", got, want);
	return pass;
}

/*
 * Printable form of len bytes of s for a test name: bytes outside
 * 0x20..0x7e are shown as \xNN. Returns one of four static buffers used
 * in turn, so up to four calls may appear in one ok().
 */
static __attribute__((unused)) const char *
tap_vis(const char *s, size_t len)
{
	static char bufs[4][256];
	static int next;
	char *o = bufs[next++ % 4];
	size_t i, n = 0;

	if (s == NULL)
		return "(null)";
	for (i = 0; i < len && n + 5 < sizeof(bufs[0]); i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			o[n++] = (char)c;
		else
			n += (size_t)snprintf(o + n, sizeof(bufs[0]) - n,
			    "\\x%02x", c);
	}
	o[n] = '\0';
	return o;
}

static int __attribute__((unused))
done_testing(void)
{
	printf("1..%d\n", tap_n);
	/*
	 * Flushed now: a sanitizer that reports at exit (LeakSanitizer)
	 * leaves through _exit, and stdout's buffer would be lost with it.
	 */
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

#endif

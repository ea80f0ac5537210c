/*
 * hello-fcgi.c: the transport benchmark's baseline. A FastCGI worker that
 * answers every request with a constant HTML body of a given size (the
 * landing page's), using the same accept loop as Havre's programs
 * (FCGX_InitRequest on fd 0), so it runs under spawn-fcgi:
 *
 *	spawn-fcgi -s SOCK -F 2 -- hello-fcgi [BYTES]
 *
 * BYTES (default 1300, at most 1 MiB) is the body size. Built by
 * `make bench-progs`; used by tests/bench/transport/run.sh.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

#define BODY_DEFAULT	1300
#define BODY_MAX	(1024 * 1024)

/*
 * Parse the body size in s (decimal, 1..BODY_MAX) into *out.
 * Returns 0 on success, -1 if s is not such a number.
 */
static int
parse_size(const char *s, long *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > BODY_MAX)
		return -1;
	*out = v;
	return 0;
}

/*
 * Build a body of exactly len bytes: a small HTML page padded with a
 * comment. Returns a malloc'd buffer (not NUL-terminated), or NULL when
 * out of memory.
 */
static char *
make_body(long len)
{
	static const char head[] =
	    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
	    "<title>hello</title></head><body><p>hello</p><!--";
	static const char tail[] = "--></body></html>\n";
	char	*body;
	size_t	 hlen = sizeof(head) - 1, tlen = sizeof(tail) - 1;

	body = malloc((size_t)len);
	if (body == NULL)
		return NULL;
	memset(body, 'x', (size_t)len);
	/* A body shorter than the markup is just padding. */
	if ((size_t)len >= hlen + tlen) {
		memcpy(body, head, hlen);
		memcpy(body + len - tlen, tail, tlen);
	}
	return body;
}

/*
 * Serve requests on fd 0 until the socket is closed or a signal ends the
 * accept loop. Returns 0, or 1 on a usage or set-up error.
 */
int
main(int argc, char *argv[])
{
	FCGX_Request	 req;
	char		*body = NULL;
	long		 len = BODY_DEFAULT;
	int		 rc = 1;

	if (argc > 2 || (argc == 2 && parse_size(argv[1], &len) == -1)) {
		fprintf(stderr, "usage: hello-fcgi [BYTES 1..%d]\n", BODY_MAX);
		goto out;
	}
	if ((body = make_body(len)) == NULL) {
		fprintf(stderr, "hello-fcgi: out of memory\n");
		goto out;
	}
	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, 0, 0) != 0) {
		fprintf(stderr, "hello-fcgi: FastCGI set-up failed\n");
		goto out;
	}
	while (FCGX_Accept_r(&req) >= 0) {
		FCGX_FPrintF(req.out,
		    "Status: 200 OK\r\n"
		    "Content-Type: text/html; charset=utf-8\r\n"
		    "Content-Length: %ld\r\n"
		    "\r\n", len);
		FCGX_PutStr(body, (int)len, req.out);
		FCGX_Finish_r(&req);
	}
	rc = 0;
out:
	free(body);
	return rc;
}

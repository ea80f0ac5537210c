/*
 * test_http.c: unit tests of http.c on plain buffers: urlencoded and
 * query parsing, cookies, multipart/form-data (text and binary file
 * parts, malformed bodies, limits), path normalisation, header safety
 * and reason phrases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "tap.h"

#define CT "multipart/form-data; boundary=XyZ"

/*
 * Parse s (strlen) as urlencoded; returns the result, the list in l.
 */
static enum http_parse
ue(struct kvlist *l, const char *s)
{
	memset(l, 0, sizeof(*l));
	return http_parse_urlencoded(l, s, strlen(s));
}

/*
 * Value of the first pair named name in l, or NULL.
 */
static const char *
val(const struct kvlist *l, const char *name)
{
	const struct kv	*kv;

	kv = kv_get(l, name);
	return kv == NULL ? NULL : kv->value;
}

static void
test_urlencoded(void)
{
	struct kvlist	 l;
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;

	is_int(ue(&l, "a=1&b=2"), HTTP_PARSE_OK, "two pairs");
	is_int(l.n, 2, "two pairs: count");
	is_str(val(&l, "a"), "1", "two pairs: a");
	is_str(val(&l, "b"), "2", "two pairs: b");
	is_int(kv_get(&l, "b")->valsz, 1, "valsz of b");
	ok(kv_get(&l, "b")->filename == NULL && kv_get(&l, "b")->ctype == NULL,
	    "no filename or ctype");
	ok(kv_get(&l, "c") == NULL, "missing name -> NULL");
	kv_free(&l);
	ok(l.v == NULL && l.n == 0 && l.cap == 0, "kv_free empties the list");
	kv_free(&l);
	ok(1, "kv_free twice is harmless");

	is_int(ue(&l, ""), HTTP_PARSE_OK, "empty body");
	is_int(l.n, 0, "empty body: no pairs");
	kv_free(&l);
	memset(&l, 0, sizeof(l));
	is_int(http_parse_urlencoded(&l, NULL, 0), HTTP_PARSE_OK, "NULL body");
	kv_free(&l);

	ue(&l, "q=hello+world%21&x=%2B%25%26%3D");
	is_str(val(&l, "q"), "hello world!", "plus and %%21 decoded");
	is_str(val(&l, "x"), "+%&=", "escaped specials decoded once");
	kv_free(&l);

	ue(&l, "a=1&&b=2&");
	is_int(l.n, 2, "empty pairs skipped");
	kv_free(&l);
	ue(&l, "&&&");
	is_int(l.n, 0, "only ampersands");
	kv_free(&l);
	ue(&l, "flag&x=");
	is_str(val(&l, "flag"), "", "name without '=' gets \"\"");
	is_str(val(&l, "x"), "", "name with '=' and nothing");
	kv_free(&l);
	ue(&l, "=v&y=1");
	is_int(l.n, 1, "empty name skipped");
	kv_free(&l);
	ue(&l, "a=1=2");
	is_str(val(&l, "a"), "1=2", "second '=' belongs to the value");
	kv_free(&l);
	ue(&l, "a=first&a=second");
	is_int(l.n, 2, "duplicate names kept");
	is_str(val(&l, "a"), "first", "kv_get returns the first");
	kv_free(&l);
	ue(&l, "%C3%A9t%C3%A9=%E2%82%AC+1");
	is_str(val(&l, "\xc3\xa9t\xc3\xa9"), "\xe2\x82\xac 1",
	    "UTF-8 name and value decoded");
	kv_free(&l);
	ue(&l, "na%6De=v%61lue");
	is_str(val(&l, "name"), "value", "escapes in name, lower-case hex");
	kv_free(&l);
	ue(&l, "a=%ff%FE");
	is_int(l.n, 1, "invalid UTF-8 left to validators");
	is_int(kv_get(&l, "a")->valsz, 2, "raw bytes: valsz 2");
	kv_free(&l);

	is_int(ue(&l, "a=%zz"), HTTP_PARSE_BAD, "non-hex escape");
	kv_free(&l);
	is_int(ue(&l, "a=%4"), HTTP_PARSE_BAD, "truncated escape");
	kv_free(&l);
	is_int(ue(&l, "a=%"), HTTP_PARSE_BAD, "lone percent");
	kv_free(&l);
	is_int(ue(&l, "a=%4&b=1"), HTTP_PARSE_BAD, "escape cut by '&'");
	kv_free(&l);
	is_int(ue(&l, "%g1=1"), HTTP_PARSE_BAD, "bad escape in name");
	kv_free(&l);
	is_int(ue(&l, "ok=1&a=%00"), HTTP_PARSE_BAD, "%%00 refused");
	is_int(l.n, 1, "pairs before the error stay for kv_free");
	kv_free(&l);
	memset(&l, 0, sizeof(l));
	is_int(http_parse_urlencoded(&l, "a=1\0b=2", 7), HTTP_PARSE_BAD,
	    "raw NUL refused");
	kv_free(&l);
	memset(&l, 0, sizeof(l));
	is_int(http_parse_urlencoded(&l, "a=1&b=2", 3), HTTP_PARSE_OK,
	    "length respected");
	ok(l.n == 1 && val(&l, "b") == NULL, "length respected: only a");
	kv_free(&l);
	memset(&l, 0, sizeof(l));
	is_int(http_parse_urlencoded(&l, "a=%41", 4), HTTP_PARSE_BAD,
	    "escape cut by length");
	kv_free(&l);

	for (i = 0; i < HTTP_MAX_PAIRS; i++)
		buf_printf(&b, "%sk%zu=%zu", i ? "&" : "", i, i);
	is_int(ue(&l, b.data), HTTP_PARSE_OK, "%d pairs accepted",
	    HTTP_MAX_PAIRS);
	is_int(l.n, HTTP_MAX_PAIRS, "all pairs kept");
	is_str(val(&l, "k255"), "255", "last pair value");
	kv_free(&l);
	buf_puts(&b, "&one=more");
	is_int(ue(&l, b.data), HTTP_PARSE_BAD, "%d pairs refused",
	    HTTP_MAX_PAIRS + 1);
	kv_free(&l);
	buf_reset(&b);
	for (i = 0; i < 1000; i++)
		buf_puts(&b, "&&");
	buf_puts(&b, "a=1");
	is_int(ue(&l, b.data), HTTP_PARSE_OK, "empty segments are not pairs");
	kv_free(&l);
	buf_free(&b);
}

static void
test_cookies(void)
{
	struct kvlist	 l;
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;

	memset(&l, 0, sizeof(l));
	is_int(http_parse_cookies(&l, "a=b; c=d"), HTTP_PARSE_OK, "cookies");
	is_int(l.n, 2, "two cookies");
	is_str(val(&l, "a"), "b", "cookie a");
	is_str(val(&l, "c"), "d", "cookie c");
	kv_free(&l);
	http_parse_cookies(&l, "  sid = abc123 ;theme=dark;\t");
	is_str(val(&l, "sid"), "abc123", "spaces around name and value");
	is_str(val(&l, "theme"), "dark", "no space after ';'");
	is_int(l.n, 2, "trailing ';' adds nothing");
	kv_free(&l);
	http_parse_cookies(&l, "a=%41+b; q=\"quoted\"");
	is_str(val(&l, "a"), "%41+b", "values are raw");
	is_str(val(&l, "q"), "\"quoted\"", "quotes kept");
	kv_free(&l);
	http_parse_cookies(&l, "novalue; =v; x=1; e=");
	is_int(l.n, 2, "no '=' and empty name skipped");
	is_str(val(&l, "x"), "1", "x after skipped ones");
	is_str(val(&l, "e"), "", "empty value");
	kv_free(&l);
	http_parse_cookies(&l, "a=b=c");
	is_str(val(&l, "a"), "b=c", "second '=' is in the value");
	kv_free(&l);
	is_int(http_parse_cookies(&l, NULL), HTTP_PARSE_OK, "NULL header");
	is_int(l.n, 0, "NULL header: none");
	is_int(http_parse_cookies(&l, ""), HTTP_PARSE_OK, "empty header");
	is_int(http_parse_cookies(&l, ";; ;"), HTTP_PARSE_OK, "only ';'");
	is_int(l.n, 0, "only ';': none");
	kv_free(&l);
	http_parse_cookies(&l, "sid=1; sid=2");
	is_str(val(&l, "sid"), "1", "first duplicate wins");
	kv_free(&l);

	for (i = 0; i < HTTP_MAX_PAIRS; i++)
		buf_printf(&b, "c%zu=%zu; ", i, i);
	is_int(http_parse_cookies(&l, b.data), HTTP_PARSE_OK, "256 cookies");
	kv_free(&l);
	buf_puts(&b, "x=y");
	is_int(http_parse_cookies(&l, b.data), HTTP_PARSE_BAD, "257 cookies");
	kv_free(&l);
	buf_free(&b);
}

/*
 * Parse a multipart body given as len bytes under content type ct.
 */
static enum http_parse
mp(struct kvlist *l, const char *ct, const char *body, size_t len)
{
	memset(l, 0, sizeof(*l));
	return http_parse_multipart(l, ct, body, len);
}

#define MP(l, ct, lit) mp((l), (ct), (lit), sizeof(lit) - 1)

static void
test_multipart(void)
{
	static const char simple[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n"
	    "\r\n"
	    "Hello\r\n"
	    "--XyZ\r\n"
	    "content-disposition: form-data; name=\"empty\"\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"multi\"\r\n"
	    "\r\n"
	    "line 1\r\nline 2\r\n"
	    "--XyZ--\r\n";
	/* A file part with NUL, CR, LF, dashes and a near-boundary. */
	static const char binfile[] =
	    "preamble is ignored\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"doc\"; "
	    "filename=\"scan 1.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n"
	    "\r\n"
	    "%PDF\0\r\n\r\n--XyY\r\n--Xy\0\xff\r\n"
	    "\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"after\"\r\n"
	    "\r\n"
	    "ok\r\n"
	    "--XyZ--\r\n"
	    "epilogue is ignored too";
	static const char want_bin[] = "%PDF\0\r\n\r\n--XyY\r\n--Xy\0\xff\r\n";
	struct kvlist	 l;
	const struct kv	*kv;
	struct buf	 b = { NULL, 0, 0 }, body = { NULL, 0, 0 };
	size_t		 i;

	is_int(MP(&l, CT, simple), HTTP_PARSE_OK, "simple form");
	is_int(l.n, 3, "three parts");
	is_str(val(&l, "title"), "Hello", "text part");
	is_int(kv_get(&l, "title")->valsz, 5, "text part valsz");
	ok(kv_get(&l, "title")->filename == NULL, "no filename");
	ok(kv_get(&l, "title")->ctype == NULL, "no part content type");
	is_str(val(&l, "empty"), "", "empty part");
	is_int(kv_get(&l, "empty")->valsz, 0, "empty part valsz");
	is_str(val(&l, "multi"), "line 1\r\nline 2", "CRLF inside a value");
	kv_free(&l);

	is_int(MP(&l, CT, binfile), HTTP_PARSE_OK, "binary file part");
	kv = kv_get(&l, "doc");
	ok(kv != NULL, "file part found");
	if (kv != NULL) {
		is_int(kv->valsz, sizeof(want_bin) - 1, "binary valsz");
		ok(memcmp(kv->value, want_bin, sizeof(want_bin)) == 0,
		    "binary bytes intact, NUL-terminated");
		is_str(kv->filename, "scan 1.pdf", "filename");
		is_str(kv->ctype, "application/pdf", "part content type");
	}
	is_str(val(&l, "after"), "ok", "part after the file");
	kv_free(&l);

	is_int(MP(&l, "Multipart/Form-Data; charset=utf-8; "
	    "boundary=\"a b'c\"",
	    "--a b'c\r\nContent-Disposition: form-data; name=x\r\n\r\n"
	    "1\r\n--a b'c--"), HTTP_PARSE_OK,
	    "quoted boundary, type case, unquoted name, no final CRLF");
	is_str(val(&l, "x"), "1", "value under quoted boundary");
	kv_free(&l);
	is_int(MP(&l, "multipart/form-data;boundary=XyZ",
	    "--XyZ \t\r\nContent-Disposition: form-data;name=\"a\";"
	    "filename=\"C:\\fake\\x.txt\"\r\n\r\nv\r\n--XyZ--"), HTTP_PARSE_OK,
	    "padding after delimiter, no spaces in params");
	is_str(kv_get(&l, "a") ? kv_get(&l, "a")->filename : NULL,
	    "C:\\fake\\x.txt", "backslashes in filename kept raw");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"f\"; filename=\"\"\r\nContent-Type: "
	    "application/octet-stream\r\n\r\n\r\n--XyZ--"), HTTP_PARSE_OK,
	    "empty file input");
	is_str(kv_get(&l, "f") ? kv_get(&l, "f")->filename : NULL, "",
	    "empty filename kept as \"\"");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: Form-Data ; "
	    "name=\"a\"\r\n\r\nv\r\n--XyZ--"), HTTP_PARSE_OK,
	    "disposition type case and space before ';'");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"; name=\"b\"\r\n\r\nv\r\n--XyZ--"), HTTP_PARSE_OK,
	    "repeated name parameter");
	is_str(val(&l, "a"), "v", "first name parameter wins");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nX-Other: 1\r\nContent-Disposition: "
	    "form-data; name=\"a\"\r\n\r\nv\r\n--XyZ--"), HTTP_PARSE_OK,
	    "unknown part header ignored");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ--\r\n"), HTTP_PARSE_OK, "no parts at all");
	is_int(l.n, 0, "no parts: empty list");
	kv_free(&l);

	/* Malformed bodies. */
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\n\r\nvalue"), HTTP_PARSE_BAD,
	    "missing final boundary");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\n\r\nvalue\r\n--XyZ"), HTTP_PARSE_BAD,
	    "last delimiter not closed with --");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\n\r\nv\r\n--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"b\"\r\n\r\nw"), HTTP_PARSE_BAD,
	    "second part unterminated");
	is_int(l.n, 1, "first part kept for kv_free");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\n\r\nvalue\r\n--XyZ--"), HTTP_PARSE_BAD,
	    "missing headers");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n"
	    "--XyZ--"), HTTP_PARSE_BAD, "no Content-Disposition");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: attachment; "
	    "name=\"a\"\r\n\r\nv\r\n--XyZ--"), HTTP_PARSE_BAD,
	    "disposition not form-data");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data\r\n\r\n"
	    "v\r\n--XyZ--"), HTTP_PARSE_BAD, "no name");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"\"\r\n\r\nv\r\n--XyZ--"), HTTP_PARSE_BAD, "empty name");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\r\n\r\nv\r\n--XyZ--"), HTTP_PARSE_BAD,
	    "unterminated quote");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"x\r\n\r\nv\r\n--XyZ--"), HTTP_PARSE_BAD,
	    "junk after quoted value");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"; broken\r\n\r\nv\r\n--XyZ--"), HTTP_PARSE_BAD,
	    "parameter without '='");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n"
	    "v\r\n--XyZ--"), HTTP_PARSE_BAD, "two Content-Disposition");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition form-data; "
	    "name=\"a\"\r\n\r\nv\r\n--XyZ--"), HTTP_PARSE_BAD,
	    "header without colon");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data;\r\n "
	    "name=\"a\"\r\n\r\nv\r\n--XyZ--"), HTTP_PARSE_BAD,
	    "folded header");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\0b\"\r\n\r\nv\r\n--XyZ--"), HTTP_PARSE_BAD,
	    "NUL in a header");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\nContent-Disposition: form-data; "
	    "name=\"a\"\n\nv\n--XyZ--\n"), HTTP_PARSE_BAD, "bare LF lines");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\n"), HTTP_PARSE_BAD, "headers never end");
	kv_free(&l);
	is_int(MP(&l, CT, "no delimiter here"), HTTP_PARSE_BAD,
	    "no delimiter");
	kv_free(&l);
	is_int(MP(&l, CT, "--XyZjunk\r\n"), HTTP_PARSE_BAD,
	    "junk after delimiter");
	kv_free(&l);
	is_int(MP(&l, CT, ""), HTTP_PARSE_BAD, "empty body");
	kv_free(&l);
	is_int(mp(&l, CT, NULL, 0), HTTP_PARSE_BAD, "NULL body");
	kv_free(&l);

	/* Content types. */
	is_int(MP(&l, "multipart/form-data", simple), HTTP_PARSE_BAD,
	    "no boundary parameter");
	kv_free(&l);
	is_int(MP(&l, NULL, simple), HTTP_PARSE_BAD, "no content type");
	kv_free(&l);
	is_int(MP(&l, "application/x-www-form-urlencoded; boundary=XyZ",
	    simple), HTTP_PARSE_BAD, "not multipart/form-data");
	kv_free(&l);
	is_int(MP(&l, "multipart/mixed; boundary=XyZ", simple), HTTP_PARSE_BAD,
	    "multipart/mixed refused");
	kv_free(&l);
	is_int(MP(&l, "multipart/form-data; boundary=", simple),
	    HTTP_PARSE_BAD, "empty boundary");
	kv_free(&l);
	is_int(MP(&l, "multipart/form-data; boundary=\"XyZ", simple),
	    HTTP_PARSE_BAD, "unterminated quoted boundary");
	kv_free(&l);
	is_int(MP(&l, "multipart/form-data; boundary=\"XyZ \"", simple),
	    HTTP_PARSE_BAD, "boundary ending in space");
	kv_free(&l);
	is_int(MP(&l, "multipart/form-data; boundary=X\"yZ", simple),
	    HTTP_PARSE_BAD, "boundary with a quote");
	kv_free(&l);
	is_int(MP(&l, "multipart/form-data; BOUNDARY=XyZ", simple),
	    HTTP_PARSE_OK, "parameter name is case-insensitive");
	kv_free(&l);
	is_int(MP(&l, "multipart/form-data; boundary=xyz", simple),
	    HTTP_PARSE_BAD, "boundary value is case-sensitive");
	kv_free(&l);
	buf_puts(&b, "multipart/form-data; boundary=");
	buf_puts(&body, "--");
	for (i = 0; i < 70; i++) {
		buf_puts(&b, "b");
		buf_puts(&body, "b");
	}
	buf_puts(&body, "--");
	is_int(mp(&l, b.data, body.data, body.len), HTTP_PARSE_OK,
	    "70-char boundary accepted");
	kv_free(&l);
	buf_puts(&b, "b");
	buf_reset(&body);
	buf_puts(&body, "--");
	for (i = 0; i < 71; i++)
		buf_puts(&body, "b");
	buf_puts(&body, "--");
	is_int(mp(&l, b.data, body.data, body.len), HTTP_PARSE_BAD,
	    "71-char boundary refused");
	kv_free(&l);
	buf_reset(&b);
	buf_free(&body);

	/* Pair limit. */
	for (i = 0; i < HTTP_MAX_PAIRS; i++)
		buf_printf(&b, "--XyZ\r\nContent-Disposition: form-data; "
		    "name=\"f%zu\"\r\n\r\n%zu\r\n", i, i);
	buf_puts(&b, "--XyZ--\r\n");
	is_int(mp(&l, CT, b.data, b.len), HTTP_PARSE_OK, "256 parts");
	is_int(l.n, HTTP_MAX_PAIRS, "256 parts kept");
	kv_free(&l);
	b.len -= strlen("--XyZ--\r\n");
	buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"extra\"\r\n\r\nx\r\n--XyZ--\r\n");
	is_int(mp(&l, CT, b.data, b.len), HTTP_PARSE_BAD, "257 parts refused");
	kv_free(&l);
	buf_free(&b);
}

static void
test_path(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} t[] = {
		{ "/", "/" },
		{ "/a", "/a" },
		{ "/a/b", "/a/b" },
		{ "/a/b/", "/a/b" },
		{ "//a///b//", "/a/b" },
		{ "/a/./b/../c", "/a/c" },
		{ "/a/b/../../c", "/c" },
		{ "/..", "/" },
		{ "/.", "/" },
		{ "/./", "/" },
		{ "/../../etc/passwd", "/etc/passwd" },
		{ "/a/../../../b", "/b" },
		{ "/%2e%2e/x", "/x" },
		{ "/a/%2E%2e/", "/" },
		{ "/a/.%2e/b", "/b" },
		{ "/a/%2e/b", "/a/b" },
		{ "/a%2fb", "/a/b" },
		{ "/a%2F..%2Fb", "/b" },
		{ "/a/...", "/a/..." },
		{ "/a/..b", "/a/..b" },
		{ "/a/b..", "/a/b.." },
		{ "/.hidden", "/.hidden" },
		{ "/a+b", "/a+b" },
		{ "/a%20b", "/a b" },
		{ "/caf%C3%A9", "/caf\xc3\xa9" },
		{ "/caf\xc3\xa9", "/caf\xc3\xa9" },
		{ "/case/42/edit", "/case/42/edit" },
		{ "", NULL },
		{ "a/b", NULL },
		{ "%2Fa", NULL },
		{ "/a%00b", NULL },
		{ "/a%00", NULL },
		{ "/a%0ab", NULL },
		{ "/a%0D%0ALocation:x", NULL },
		{ "/a\nb", NULL },
		{ "/a\tb", NULL },
		{ "/a%7f", NULL },
		{ "/a%2", NULL },
		{ "/a%", NULL },
		{ "/a%zz", NULL },
		{ "/a%-1", NULL },
		{ "/%C0%AF", NULL },
		{ "/%c0%ae%c0%ae/x", NULL },
		{ "/%ed%a0%80", NULL },
		{ "/%ff", NULL },
		{ "/\xff", NULL },
		{ "/%C3", NULL },
	};
	char	*p;
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = http_normalise_path(t[i].in, strlen(t[i].in));
		is_str(p, t[i].want, "path '%s'",
		    tap_vis(t[i].in, strlen(t[i].in)));
		free(p);
	}
	p = http_normalise_path("/a\0b", 4);
	ok(p == NULL, "raw NUL in path");
	free(p);
	p = http_normalise_path("/abc/def", 4);
	is_str(p, "/abc", "length respected");
	free(p);
	ok(http_normalise_path(NULL, 0) == NULL, "NULL path");
}

static void
test_headers(void)
{
	static const int codes[] = { 200, 201, 202, 204, 301, 302, 303, 304,
	    400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500, 502,
	    503 };
	size_t	 i;
	int	 distinct = 1;

	ok(http_header_safe("text/html; charset=utf-8"), "plain header");
	ok(http_header_safe(""), "empty header");
	ok(http_header_safe("caf\xc3\xa9"), "UTF-8 header");
	ok(!http_header_safe("a\rb"), "CR refused");
	ok(!http_header_safe("a\nb"), "LF refused");
	ok(!http_header_safe("/x\r\nSet-Cookie: a=b"), "header injection");
	ok(!http_header_safe(NULL), "NULL refused");

	is_str(http_reason(200), "OK", "200");
	is_str(http_reason(303), "See Other", "303");
	is_str(http_reason(404), "Not Found", "404");
	is_str(http_reason(413), "Content Too Large", "413");
	is_str(http_reason(429), "Too Many Requests", "429");
	is_str(http_reason(500), "Internal Server Error", "500");
	is_str(http_reason(503), "Service Unavailable", "503");
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		if (i > 0 && strcmp(http_reason(codes[i]),
		    http_reason(codes[i - 1])) == 0)
			distinct = 0;
		ok(strcmp(http_reason(codes[i]), "Client Error") != 0 &&
		    strcmp(http_reason(codes[i]), "Server Error") != 0 &&
		    strcmp(http_reason(codes[i]), "Success") != 0 &&
		    strcmp(http_reason(codes[i]), "Redirection") != 0,
		    "%d has its own phrase (%s)", codes[i],
		    http_reason(codes[i]));
	}
	ok(distinct, "phrases differ");
	is_str(http_reason(499), "Client Error", "unknown 4xx");
	is_str(http_reason(599), "Server Error", "unknown 5xx");
	is_str(http_reason(0), "Unknown", "0");
	is_str(http_reason(-1), "Unknown", "negative");
}

int
main(void)
{
	test_urlencoded();
	test_cookies();
	test_multipart();
	test_path();
	test_headers();
	return done_testing();
}

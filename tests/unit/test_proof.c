/*
 * test_proof.c: proof_make and proof_check (common crypto.c), the signed
 * cookies that let one browser repeat what it was allowed once (the
 * person's case on /status, a document's download on /verify/collect):
 * a fresh proof holds; an expired one, one for another object or under
 * another key, a tampered MAC or expiry, and malformed values do not.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "crypto.h"
#include "tap.h"

int
main(void)
{
	unsigned char	 key[32], other[32];
	char		 p[PROOF_MAX], bad[PROOF_MAX + 8];
	long long	 later = (long long)time(NULL) + 600;

	if (sodium_init() < 0) {
		printf("Bail out! sodium_init\n");
		return 1;
	}
	memset(key, 7, sizeof(key));
	memset(other, 8, sizeof(other));
	proof_make(key, "view:ABCD2345:42", later, p);
	ok(strchr(p, '.') != NULL && strlen(strchr(p, '.') + 1) == 64,
	    "<expiry>.<64 hex>");
	ok(proof_check(key, "view:ABCD2345:42", p), "a fresh proof holds");
	ok(!proof_check(key, "view:ABCD2345:43", p), "not for another id");
	ok(!proof_check(key, "collect:ABCD2345:42", p),
	    "not for another purpose");
	ok(!proof_check(other, "view:ABCD2345:42", p), "not under another key");
	proof_make(key, "view:ABCD2345:42", (long long)time(NULL) - 1, bad);
	ok(!proof_check(key, "view:ABCD2345:42", bad), "expired");
	/* the expiry pushed later, the MAC kept: refused */
	snprintf(bad, sizeof(bad), "%lld%s", later + 1000, strchr(p, '.'));
	ok(!proof_check(key, "view:ABCD2345:42", bad), "a changed expiry");
	snprintf(bad, sizeof(bad), "%s", p);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
	ok(!proof_check(key, "view:ABCD2345:42", bad), "a changed MAC");
	snprintf(bad, sizeof(bad), "%s0", p);
	ok(!proof_check(key, "view:ABCD2345:42", bad), "a longer value");
	ok(!proof_check(key, "view:ABCD2345:42", NULL), "no cookie");
	ok(!proof_check(key, "view:ABCD2345:42", ""), "empty");
	ok(!proof_check(key, "view:ABCD2345:42", ".abc"), "no expiry");
	ok(!proof_check(key, "view:ABCD2345:42", "12x.abc"), "junk expiry");
	ok(!proof_check(key, "view:ABCD2345:42", "1234567890123.abc"),
	    "an expiry of 13 digits");
	return done_testing();
}

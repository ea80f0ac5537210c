/*
 * fuzz_sms.c: libFuzzer target for the SMS text path (modules/common/
 * sms.c): a template rendered with an applicant's values (names and
 * office texts come from the public site and agents), folded towards
 * GSM-7, costed and cut to SMS_MAX_SEGMENTS parts. Input: the template,
 * then a NUL, then the value of {name} (the rest; {ref} is fixed).
 * Invariants: a finished text costs what sms_finish says, and is GSM-7
 * when costed so; a cut text fits in SMS_MAX_SEGMENTS parts and is
 * still valid UTF-8; a fold that answers "all GSM-7" is; an unknown
 * placeholder's name is NUL-terminated within its buffer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sms.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const known[] = {"name", "ref", "site", NULL};

/* Render, finish, cut and fold; check the invariants. Returns 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 out = {0}, fin = {0}, fold = {0};
	struct sms_cost	 c, again;
	struct sms_var	 vars[3];
	char		*tpl, *value, unknown[16];
	size_t		 tlen;

	if (size > 8192 || (tpl = malloc(size + 2)) == NULL)
		return 0;
	memcpy(tpl, data, size);
	tpl[size] = tpl[size + 1] = '\0';
	tlen = strlen(tpl);
	value = tpl + tlen + (tlen < size ? 1 : 0);
	vars[0].name = "name";
	vars[0].value = value;
	vars[1].name = "ref";
	vars[1].value = "ABCD-2345";
	vars[2].name = "site";
	vars[2].value = "";
	if (sms_render(tpl, vars, 3, &out) == 0 && out.data != NULL &&
	    sms_finish(out.data, &fin, &c) == 0) {
		if (c.segments < 1 || sms_cost(fin.data ? fin.data : "",
		    &again) != 0 || again.segments != c.segments ||
		    again.units != c.units || again.coding != c.coding)
			abort();
		if (c.coding == SMS_GSM7 && !sms_is_gsm7(fin.data ?
		    fin.data : ""))
			abort();
		if (sms_truncate(&fin, SMS_MAX_SEGMENTS, &c) >= 0 &&
		    (c.segments > SMS_MAX_SEGMENTS || (fin.data != NULL &&
		    !utf8_valid(fin.data, fin.len))))
			abort();
	}
	if (sms_fold_gsm7(value, &fold) == 1 &&
	    !sms_is_gsm7(fold.data ? fold.data : ""))
		abort();
	if (sms_unknown_placeholder(tpl, known, unknown, sizeof(unknown)) &&
	    memchr(unknown, '\0', sizeof(unknown)) == NULL)
		abort();
	buf_free(&out);
	buf_free(&fin);
	buf_free(&fold);
	free(tpl);
	return 0;
}

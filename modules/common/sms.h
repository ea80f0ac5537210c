/*
 * sms.h: what an SMS costs and how a message is composed. GSM 03.38
 * alphabet detection (the basic table plus the extension table, whose
 * characters take two septets), segment counting (GSM-7: 160 in one
 * message, 153 per part of a concatenated one; UCS-2: 70 and 67 UTF-16
 * units), template rendering with {name} placeholders, and the
 * shortening of a long list of documents so that a message never
 * exceeds a given number of parts. Pure functions: no database.
 */
#ifndef HAVRE_SMS_H
#define HAVRE_SMS_H

#include <stddef.h>

#include "buf.h"

enum sms_coding {
	SMS_GSM7 = 1,	/* GSM 03.38 default alphabet (+ extension table) */
	SMS_UCS2 = 2,	/* anything else: UTF-16, coding=2 for Kannel */
};

/* Cost of one text: coding, length in units (septets or UTF-16 units)
 * and number of parts. */
struct sms_cost {
	enum sms_coding	 coding;
	size_t		 units;
	size_t		 segments;
};

#define SMS_MAX_SEGMENTS	3	/* our limit for every message */

/* Returns 1 if every character of the UTF-8 text s is in the GSM-7
 * basic or extension table, else 0 (also for malformed UTF-8). */
int	 sms_is_gsm7(const char *s);
/*
 * Cost of the UTF-8 text s: GSM-7 when possible, else UCS-2. Parts are
 * counted as a phone fills them: an extension character (two septets)
 * or a surrogate pair never straddles two parts. An empty text is one
 * part. Returns 0, or -1 for malformed UTF-8.
 */
int	 sms_cost(const char *s, struct sms_cost *);

/* One placeholder value: {name} in a template becomes value. */
struct sms_var {
	const char	*name;
	const char	*value;
};

/*
 * Render tpl into out (appended): every {name} of vars is replaced by
 * its value (NULL counts as ""); unknown placeholders and lone braces
 * are kept as written. Returns 0, or -1 on allocation failure.
 */
int	 sms_render(const char *tpl, const struct sms_var *, size_t nvars,
	    struct buf *out);

/*
 * The first {name} of tpl that is none of the NULL-terminated known
 * names, copied into name (namesz bytes, cut if longer). Lone braces
 * are not placeholders. Returns 1 if there is one, else 0.
 */
int	 sms_unknown_placeholder(const char *tpl, const char *const *known,
	    char *name, size_t namesz);

/*
 * Compose a message that fits in max_segments parts: render tpl with
 * vars plus {documents}, the lines of docs (newline-separated, blank
 * lines skipped) joined with ", ". When the result is too long, keep
 * the first documents that fit followed by more_tpl rendered with vars
 * and {count} (how many were left out), e.g. "and {count} more: {manage_url}";
 * with none left and still too long, cut the text at the last whole
 * character that fits. out is reset first. Fills *cost when not NULL.
 * Returns 0, 1 if the message had to be shortened, or -1 on error.
 */
int	 sms_compose(const char *tpl, const struct sms_var *, size_t nvars,
	    const char *docs, const char *more_tpl, size_t max_segments,
	    struct buf *out, struct sms_cost *cost);

#endif

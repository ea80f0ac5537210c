/*
 * sms.h: what an SMS costs and how its text is made. GSM 03.38
 * alphabet detection (the basic table plus the extension table, whose
 * characters take two septets), folding of typographic and accented
 * characters into that alphabet (so that a Latin-script text is not
 * sent as UCS-2 for one dash), segment counting (GSM-7: 160 in one
 * message, 153 per part of a concatenated one; UCS-2: 70 and 67 UTF-16
 * units) and template rendering with {name} placeholders. Pure
 * functions: no database. How an appointment's message is put together
 * from these is modules/booking/messages.h.
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

/* Our limit for every message (the gateway's max-messages matches:
 * contrib/kannel/kannel.conf.in). */
#define SMS_MAX_SEGMENTS	4

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
 * its value; unknown placeholders and lone braces are kept as written.
 * An empty (or NULL) value also takes away the list separator before
 * it (a comma, semicolon or Arabic comma, with its spaces): "{site},
 * {address}." without an address gives "Centre.". Returns 0, or -1 on
 * allocation failure.
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
 * Fold the UTF-8 text s towards GSM-7 into out (reset first): each
 * character outside the alphabet that has a plain equivalent is
 * replaced by it (dashes by "-", curly quotes and guillemets by
 * straight ones, "..." for the ellipsis, a space for no-break and thin
 * spaces, nothing for zero-width and bidi controls, the letter without
 * its accent for á ê ï ô ú ç œ ...); letters of the alphabet (é è à ù
 * ì ò ä ö ü ñ ß Ç É ...) stay. Others are copied unchanged. Returns 1
 * when out is all GSM-7, 0 when something was left outside it, -1 for
 * malformed UTF-8 or on allocation failure.
 */
int	 sms_fold_gsm7(const char *s, struct buf *out);

/*
 * The text to send for s, into out (reset first): s folded when the
 * fold makes it all GSM-7, else s as written (UCS-2 anyway; Arabic
 * keeps its joiners). Fills *c (may be NULL) with the cost of out.
 * Returns 0, or -1 for malformed UTF-8 or on allocation failure.
 */
int	 sms_finish(const char *s, struct buf *out, struct sms_cost *c);

/*
 * Cut b at the last whole character that fits in max_segments parts
 * (the last resort against a template too long by itself). Fills *c
 * (may be NULL) with the cost after. Returns 0 when b fitted, 1 when
 * it was cut, -1 on error.
 */
int	 sms_truncate(struct buf *b, size_t max_segments, struct sms_cost *c);

#endif

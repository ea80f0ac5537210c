/*
 * buf.h: a growable byte buffer (always NUL-terminated) and small
 * string helpers shared by every module.
 */
#ifndef HAVRE_BUF_H
#define HAVRE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;	/* NUL-terminated; NULL until first append */
	size_t	 len;
	size_t	 cap;
};

/* Append bytes. Returns 0 on success, -1 on allocation failure. */
int	 buf_append(struct buf *, const void *, size_t);
/* Append a NUL-terminated string. Same convention. */
int	 buf_puts(struct buf *, const char *);
/* Append formatted text (format strings are always constants). */
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Append text with &, <, >, ", ' escaped for HTML. */
int	 buf_puts_html(struct buf *, const char *);
/* Append text escaped for a JSON string body (no quotes added). */
int	 buf_puts_json(struct buf *, const char *);
/* Forget the contents but keep the allocation. */
void	 buf_reset(struct buf *);
/* Free the storage; the struct may be reused. */
void	 buf_free(struct buf *);
/* Detach the data (caller frees); the buffer becomes empty. */
char	*buf_take(struct buf *);

/* Returns 1 if the bytes are well-formed UTF-8 (no overlongs, no
 * surrogates, no NUL), else 0. */
int	 utf8_valid(const char *, size_t);
/* Number of code points in valid UTF-8. */
size_t	 utf8_len(const char *);

/*
 * Ranged integer parser in the spirit of OpenBSD's strtonum(3):
 * returns 0 and stores the value if s is a base-10 integer within
 * [min, max] with nothing trailing, else -1.
 */
int	 parse_int(const char *s, long long min, long long max, long long *out);

#endif

/*
 * memo.c: which entry of a worker's small cache a new answer takes
 * (memo.h).
 */
#include "config.h"

#include <string.h>

#include "memo.h"

/* See memo.h. */
size_t
memo_pick(const void *base, size_t n, size_t size, size_t used_off,
    size_t at_off)
{
	const char	*b = base;
	size_t		 i, oldest = 0;
	double		 at, min = 0;
	int		 used;

	for (i = 0; i < n; i++) {
		memcpy(&used, b + i * size + used_off, sizeof(used));
		if (!used)
			return i;
		memcpy(&at, b + i * size + at_off, sizeof(at));
		if (i == 0 || at < min) {
			min = at;
			oldest = i;
		}
	}
	return oldest;
}

/*
 * memo.h: a worker's small caches of answers ("keep N, replace the
 * oldest"): the applicants' day pages (havre-appointments), the days'
 * free seats (libbooking), the API keys (auth.c). Each keeps an array
 * of entries holding an int used flag and a double at (when the entry
 * was made); memo_pick says which entry a new answer goes to.
 */
#ifndef HAVRE_MEMO_H
#define HAVRE_MEMO_H

#include <stddef.h>

/*
 * The index of the entry of base[0..n) (each size bytes, its used flag
 * at used_off and its time at at_off: offsetof) a new answer takes: the
 * first unused one, else the oldest. n > 0.
 */
size_t	memo_pick(const void *base, size_t n, size_t size, size_t used_off,
	    size_t at_off);

#endif

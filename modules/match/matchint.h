/*
 * matchint.h: what the files of modules/match share and nobody else
 * sees: string metrics, the phonetic code, the skeleton, particles and
 * the name-variant dictionary. Programs include match.h only (the unit
 * tests include this header too, to test the pieces).
 */
#ifndef HAVRE_MATCHINT_H
#define HAVRE_MATCHINT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "match.h"

/* Longest string (in code points) the metrics look at. */
#define METRIC_MAX_CP	128

/* metrics.c: all work on UTF-8 (code points), case-sensitively. */
double		 metric_jaro(const char *, const char *);
/* Jaro-Winkler as jellyfish computes it (prefix <= 4, p = 0.1, boost
 * only above 0.7). */
double		 metric_jaro_winkler(const char *, const char *);
/* Unrestricted Damerau-Levenshtein distance. */
int		 metric_damerau(const char *, const char *);
/* Plain Levenshtein distance. */
int		 metric_levenshtein(const char *, const char *);

/* phonetic.c: original Metaphone (Lawrence Philips, 1990) with Apache
 * commons-codec's reading of the rules; maxlen 0 means no limit. Input
 * is any text (letters outside A-Z are ignored); out gets upper case. */
void		 phonetic_metaphone(const char *, char *out, size_t outsz,
		    size_t maxlen);
/* American Soundex (H/W rule), "" for a word without letters; out must
 * hold 5 bytes. */
void		 phonetic_soundex(const char *, char out[5]);

/*
 * normalise.c: fold Arabic-script text for dictionary look-ups: alef
 * forms to bare alef, teh marbuta to heh, alef maksura and Persian yeh
 * to yeh, keheh to kaf, Pashto's own letters (ګ ټ ډ ړ ښ ځ څ ڼ ې ۍ) to
 * the Persian or Arabic ones; harakat, tatweel and ZWNJ removed. Other bytes
 * are copied. out is always NUL-terminated (cut at a code point).
 */
void		 match_fold_arabic(const char *in, char *out, size_t outsz);
/* normalise.c: formatted text into dst (dstsz bytes); a cut never
 * leaves half a UTF-8 sequence. */
void		 match_fmt(char *dst, size_t dstsz, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* normalise.c: consonant skeleton of a lower-case ASCII Latin form. */
void		 match_skeleton(const char *latin, char *out, size_t outsz);
/* normalise.c: the other skeletons a token may be written with
 * (match_alt_skeletons says which); MATCH_ALT_MAX at most. */
#define MATCH_ALT_MAX	3
enum match_alt {
	ALT_SOMALI = 1,		/* Somali x and c (a stored record's keys too) */
	ALT_ARTICLE = 2,	/* an article glued */
	ALT_AYN_W = 4,		/* w/y after a vowel or ʿayn (across scripts) */
	ALT_W_V = 8,		/* w and v, one letter romanised two ways */
	ALT_TRIBE = 16,		/* Pashto -zai dropped (a stored record's too) */
	ALT_ALL = 31,		/* a query's keys */
	ALT_STORED = ALT_SOMALI | ALT_TRIBE,	/* a record's keys */
};
size_t		 match_alt_skeletons(const struct name_token *, int which,
		    char out[][MATCH_TOKEN_LEN]);
/* normalise.c: the skeleton of a Pashto tribal name without its -zai
 * (ALT_TRIBE) into out; 1 if it has one, else 0. */
int		 match_tribe_skeleton(const struct name_token *,
		    char out[MATCH_TOKEN_LEN]);

/* particles.c: particle kinds (name_token.particle). */
enum particle_kind {
	PARTICLE_NONE = 0,
	PARTICLE_ARTICLE,	/* al, el, ul, ad-, ar-, as- ... */
	PARTICLE_KINSHIP,	/* abu, bin, ben, ibn, bint, ould ... */
	PARTICLE_EUROPEAN,	/* de, da, van, von, der, le ... */
};
/* Kind of a Latin token; hyphen is 1 when the token was written with
 * a hyphen after it (ar-Rashid: "ar" is an article only then). */
int		 particle_latin(const char *latin, int hyphen);
/* Kind of an Arabic-script token, normalised (see arabic_fold). */
int		 particle_arabic(const char *written);

/* variants.c: the curated name-variant dictionary. */
struct variants;
struct variant_hit {
	const char	*canonical;
	int		 common;	/* a very frequent name: weaker evidence */
};
/* Load the TSV file; returns 0, or -1 (logged) when unreadable. */
int		 variants_load(const char *path, struct variants **);
void		 variants_free(struct variants **);
/* Look a lower-case Latin form or a folded native form up. Returns 1
 * and fills hit, or 0 when unknown. */
int		 variants_find(const struct variants *, const char *key,
		    struct variant_hit *hit);
/* Is this canonical form flagged common? */
int		 variants_is_common(const struct variants *, const char *canonical);
/* Number of spellings loaded. */
size_t		 variants_count(const struct variants *);

/* score.c: similarity of two tokens in [0, 1] and how they agree
 * ("same", "variant", "transliteration", "phonetic", "typo", "prefix",
 * "initial", "different"). */
double		 match_token_sim(const struct name_token *,
		    const struct name_token *, const char **how);

/* score.c: set the entry name of score.c's weight table to v (the
 * benchmark tunes with it). Returns 0, or -1 when there is no such
 * entry. */
int		 match_weight_set(const char *name, double v);
/* score.c: match_group's thresholds (edge, average, largest group). */
void		 match_group_limits(double *edge, double *avg, double *max);

/*
 * normalise.c: 1 if a canonical variant is flagged common in the
 * dictionary of the last match_open() (match_score has no context, so
 * the process keeps that one pointer; 0 when none is open).
 */
int		 match_common_name(const char *canonical);

#endif

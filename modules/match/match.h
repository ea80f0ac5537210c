/*
 * match.h: identity matching, a library of its own (havre-identity,
 * havre-registration and havre-admin's import use it): names in any
 * script brought to comparable Latin tokens (ICU transliteration plus a
 * curated name-variant dictionary), blocking keys stored in
 * person_name_key, a pairwise score with a per-field explanation an
 * agent can read and defend, the grouping of records of one person,
 * and the duplicate scan over persons held in memory (scan.c).
 */
#ifndef HAVRE_MATCH_H
#define HAVRE_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "valid.h"

#define MATCH_MAX_TOKENS	12
#define MATCH_TOKEN_LEN		64
#define MATCH_MAX_DOCS		4
#define MATCH_MAX_PHONES	4
#define MATCH_MAX_KEYS		80
#define MATCH_KEY_LEN		48
#define MATCH_MAX_REASONS	16

/* One name part after normalisation. */
struct name_token {
	char	written[MATCH_TOKEN_LEN];	/* as written, lower-cased (any script) */
	char	latin[MATCH_TOKEN_LEN];		/* transliterated, ASCII, lower case */
	char	skeleton[MATCH_TOKEN_LEN];	/* consonant skeleton (mhmd) */
	char	phonetic[16];			/* phonetic code of latin */
	char	variant[MATCH_TOKEN_LEN];	/* canonical form from the dictionary, or "" */
	int	particle;			/* al, el, abu, ben, bin, de, van ... */
	int	script;				/* the token's main script (a MATCH_SCRIPT_*) */
};

enum match_script {
	MATCH_SCRIPT_LATIN, MATCH_SCRIPT_ARABIC, MATCH_SCRIPT_CYRILLIC,
	MATCH_SCRIPT_ARMENIAN, MATCH_SCRIPT_GEORGIAN, MATCH_SCRIPT_ETHIOPIC,
	MATCH_SCRIPT_HAN, MATCH_SCRIPT_OTHER,
};

struct name {
	struct name_token	t[MATCH_MAX_TOKENS];
	size_t			n;
};

/* A person as the matcher sees it. Empty fields are unknown. */
struct match_person {
	struct name	 family;
	struct name	 given;
	struct name	 father;
	struct name	 mother;
	struct pdate	 birth;			/* precision DATE_UNKNOWN when unknown */
	char		 sex;			/* 'M', 'F', 'X' or 0 */
	char		 nationality[4];	/* ISO 3166 alpha-3 or "" */
	char		 docs[MATCH_MAX_DOCS][65];	/* normalised numbers */
	size_t		 ndocs;
	char		 phones[MATCH_MAX_PHONES][17];	/* E.164 */
	size_t		 nphones;
	struct name	 birthplace;		/* added: town of birth (match_name) */
};

struct match_ctx;

/*
 * Open the matcher: ICU transliterators (opened once, warmed up per
 * script) and the name-variant dictionary under datadir (NULL: the
 * compiled-in default). Returns NULL on failure (logged).
 */
struct match_ctx *match_open(const char *datadir);
void		 match_close(struct match_ctx **);

/* Normalise a name as written (any script, UTF-8) into tokens.
 * Returns 0, or -1 if the text is not valid UTF-8. */
int		 match_name(struct match_ctx *, const char *written,
		    struct name *);

/*
 * Blocking keys for a person (stored in person_name_key, and looked up
 * for a query): each a short ASCII string such as "s:mhmd", "v:muhammad",
 * "p:M530", "d:P1234567", "b:1990". Returns the number written (<= max).
 */
size_t		 match_keys(const struct match_person *,
		    char keys[][MATCH_KEY_LEN], size_t max);

/*
 * Keys a query looks up (keys.c explains both sets): documents, phones,
 * pairs of name parts (as written and by sorted letters), name part +
 * birth year for the year before, the year and the year after, name
 * part + last digit of the year, and single name parts only when the query
 * has neither two name parts nor a year. Returns the number written
 * (<= max; MATCH_MAX_KEYS is enough).
 */
size_t		 match_query_keys(const struct match_person *,
		    char keys[][MATCH_KEY_LEN], size_t max);
/*
 * Keys an agent's look-up reads: the query keys and every name part
 * alone (s:, v:), whose blocks the caller reads only when small.
 * Returns the number written (<= max).
 */
size_t		 match_lookup_keys(const struct match_person *,
		    char keys[][MATCH_KEY_LEN], size_t max);

enum match_class {
	MATCH_NONE,
	MATCH_POSSIBLE,
	MATCH_PROBABLE,
	MATCH_CERTAIN,
};

/* One line of the explanation: which field, how it matched, its weight. */
struct match_reason {
	const char	*field;		/* "family_name", "given_names", "birth_date", "document", ...;
					   "register" for the register's size (how "size") */
	const char	*how;		/* "same", "variant", "transliteration", "phonetic", "typo",
					   "swapped", "day_month_swapped", "same_year", "year_apart",
					   "different", "equal", "unknown"; also "prefix" (Rob ~
					   Robert) and "initial" (R ~ Robert); field "names":
					   "common_only" (held to possible), "exact" and
					   "exact_parents" (typed as recorded: raised to
					   possible, probable) */
	double		 score;		/* 0..1: the bar an agent sees */
	double		 weight;	/* contribution to the total */
	char		 detail[128];	/* the values compared, in no language:
					   "Mohamed ~ محمد", "1990-05-03 ~
					   1990-03-05", "1000000 -3.2" */
	const char	*note;		/* NULL, or what the detail means, a code
					   pages word in their language
					   (Identity.Note.<note>): "written_apart",
					   "written_together", "day_month_swapped",
					   "days_apart", "same_month", "same_day",
					   "day_month_year_apart", "one_digit",
					   "ten_years", "same_year", "one_year_apart",
					   "year_only", "partial_compatible",
					   "given_as_family" (one side has no family
					   name: read from its given names) */
};

struct match_result {
	double			score;	/* 0..1 */
	/* the total weight the class was decided on (log2 units, caps
	 * applied): orders pairs whose scores are clamped alike at 0 or 1 */
	double			total;
	/* the total before the caps and the rise (score.c's
	 * score_common_only, score_dates_apart, score_exact): orders
	 * pairs one of them holds at the same total */
	double			raw;
	enum match_class	cls;
	struct match_reason	reasons[MATCH_MAX_REASONS];
	size_t			nreasons;
};

/* Score a candidate against a query (order matters only for partial
 * query fields: an unknown query field is not held against anyone). */
void		 match_score(const struct match_person *query,
		    const struct match_person *candidate, struct match_result *);
/*
 * Name frequencies (optional, process-wide, like the dictionary): fn(key,
 * arg) answers how many persons of the register carry the stored key
 * key ("s:SKELETON", a count of person_name_key rows; 0 when none), or
 * -1 when it cannot tell; total is the number of persons. With it, two
 * names agreeing on a rare name weigh more than on a common one
 * (Fellegi-Sunter's term-frequency adjustment, score.c's tf_* entries);
 * without it (fn NULL or total <= 0: the default) every name weighs the
 * table's average. fn is called from match_score, twice per agreeing
 * name part: it should answer from a cache.
 */
typedef long	(*match_freq_fn)(const char *key, void *arg);
void		 match_set_frequency(match_freq_fn fn, void *arg, long total);
/*
 * The keys match_score may ask fn of for person p (its names' parts, the
 * query's or a candidate's), each once, at most max of them (4 *
 * MATCH_MAX_TOKENS is enough for the four names; 5 * with the birth
 * place): a caller reads them all in one statement before scoring.
 */
size_t		 match_freq_keys(const struct match_person *p,
		    char keys[][MATCH_KEY_LEN], size_t max);
/*
 * How strongly a large register lowers every total (process-wide; the
 * "register" reason): the prior's log2(total / 20000) bits times scale.
 * 1 (the default) suits the duplicate pass among a register's records;
 * a search for one person who may be absent sets 2 (score.c's table,
 * prior_scale, gives the figures).
 */
void		 match_set_prior_scale(double scale);

/*
 * Grouping (group.c): records of one person found through each other.
 * The caller scores the pairs its blocking finds, passes those scoring
 * at least match_group_min() as edges over its n persons (indexes
 * 0..n-1), and a function scoring any two of them (match_result.score,
 * or a negative value when the caller knows them to be different
 * persons; called for the pairs across two groups about to merge, so
 * every pair of a group has been through it). group[i] receives
 * the index of a representative of i's group (i itself when alone).
 * Edges are sorted in place. Returns 0, or -1 when out of memory.
 * Every threshold is in score.c's table (group_*).
 */
struct match_edge {
	uint32_t	a, b;		/* person indexes */
	float		score;		/* match_result.score of the pair */
};
typedef double	(*match_pair_fn)(uint32_t a, uint32_t b, void *arg);
double		 match_group_min(void);
int		 match_group(size_t n, struct match_edge *edges, size_t nedges,
		    match_pair_fn fn, void *arg, uint32_t *group);

/*
 * How closely candidate c (scored r) agrees with what was typed in q
 * beyond the names, for ranking records the score cannot tell apart
 * (namesakes): 30 the same birth date as written (1 January included),
 * 20 the same year and month, 10 the same year or a compatible partial
 * date, 0 else, 5 more for a partial date recorded just as typed (1975
 * and 1975); plus 1 for each other field known on both sides that
 * agrees (sex, nationality, birth place, parents, documents, phones).
 */
double		 match_closeness(const struct match_person *q,
		    const struct match_person *c, const struct match_result *r);
/*
 * Share (0..1) of q's name parts, family and given, particles aside,
 * that c carries in its family or given names, in any field: how a
 * search ranks the persons it lists as look-ups, below the duplicate
 * classes. 0 when q has no name.
 */
double		 match_names_carried(const struct match_person *q,
		    const struct match_person *c);
/*
 * Is word (one word as typed, any script) a name particle only: al,
 * el, bin, abu, de, van, ال, بن ... (hyphen-only articles such as
 * "ar-" count when written with the hyphen)? 1 or 0.
 */
int		 match_word_is_particle(const char *word);

/* "certain", "probable", "possible", "none". */
const char	*match_class_name(enum match_class);

/*
 * The duplicate scan (scan.c): which of a set of persons held in
 * memory are one person. The caller adds first the persons to check
 * (an import's file, a registration's new records), calls
 * match_scan_queries_end, then adds the persons they are checked
 * against (the register), each with its matcher view packed once
 * (match_scan_pack) and the blocking keys it stores (match_keys). A
 * run finds each person to check's candidates through its query keys
 * (match_query_keys), scores those sharing most keys with name
 * frequencies counted from the keys added (match_set_frequency, reset
 * after), one thread per processor for large sets; the pairs scoring
 * at least match_group_min() are grouped (match_group), and every pair
 * of a group holding at least one person to check is handed to the
 * caller with its own score. Not thread-safe itself: one run at a time
 * (the frequency table is the process's).
 */
struct match_scan;
struct match_scan_person;	/* a packed matcher view */

/* A pair found: both persons, as added, the pair's own result, and
 * its group (size, smallest person id). Valid during the call. */
struct match_scan_pair {
	int64_t				 id_a, id_b;
	const char			*source_a, *source_id_a;
	const char			*source_b, *source_id_b;
	const struct match_result	*res;
	size_t				 group_size;
	int64_t				 group_id;
};
/* Called for each pair, in group order: 0 to go on, else the run stops
 * and returns that value (-1 is the run's own "out of memory"). */
typedef int	(*match_scan_pair_fn)(const struct match_scan_pair *,
		    void *arg);
/* Called every 50,000 persons checked (from any scanner thread) with
 * the number checked and the number to check. */
typedef void	(*match_scan_progress_fn)(size_t done, size_t total,
		    void *arg);
/* What a run did. */
struct match_scan_stats {
	size_t	queries;	/* persons checked */
	size_t	others;		/* persons they were checked against */
	size_t	scanners;	/* threads */
	size_t	scored;		/* pairs scored */
	size_t	kept;		/* distinct pairs kept for grouping */
};

/* A new, empty scan, or NULL when out of memory. */
struct match_scan	*match_scan_new(void);
/* Free a scan and its packed persons; NULLs the pointer. */
void		 match_scan_free(struct match_scan **);
/*
 * Pack mp (names, birth, sex, nationality, first document and phone)
 * and the person's source and source_id into s's arena, until s is
 * freed. Returns the packed view, or NULL when out of memory.
 */
const struct match_scan_person *match_scan_pack(struct match_scan *s,
		    const struct match_person *mp, const char *source,
		    const char *source_id);
/*
 * Add person id (packed p of s) with its nkeys stored blocking keys.
 * A person added twice to check counts once (the last added stays).
 * Returns 0, or -1 when out of memory.
 */
int		 match_scan_add(struct match_scan *s, int64_t id,
		    const struct match_scan_person *p,
		    char keys[][MATCH_KEY_LEN], size_t nkeys);
/* The persons added so far are the ones to check; those added after
 * are only checked against. Returns how many there are to check. */
size_t		 match_scan_queries_end(struct match_scan *s);
/*
 * Run the scan: pair(arg) for every pair found, progress(arg) (may be
 * NULL) now and then; *stats filled. Returns 0, -1 when out of memory,
 * or the non-zero value pair returned.
 */
int		 match_scan_run(struct match_scan *s, match_scan_pair_fn pair,
		    match_scan_progress_fn progress, void *arg,
		    struct match_scan_stats *stats);

#endif

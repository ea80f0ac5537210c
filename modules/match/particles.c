/*
 * particles.c: name particles: articles (al-, el-, and the assimilated
 * ar-, as-, ad- ... of Arabic names), kinship words (abu, bin, bint,
 * ibn, ould) and European particles (de, da, van, von, der ...). They
 * are kept as tokens, flagged, and ignored when names are compared.
 */
#include <ctype.h>
#include <string.h>

#include "matchint.h"

struct particle {
	const char	*latin;
	int		 kind;
	int		 hyphen_only;	/* a particle only when written "xx-" */
};

/* Sorted by nothing: the list is short and looked up once per token. */
static const struct particle latin_particles[] = {
	{ "al", PARTICLE_ARTICLE, 0 },
	{ "el", PARTICLE_ARTICLE, 0 },
	{ "ul", PARTICLE_ARTICLE, 1 },
	{ "ad", PARTICLE_ARTICLE, 1 },
	{ "ed", PARTICLE_ARTICLE, 1 },
	{ "ud", PARTICLE_ARTICLE, 1 },
	{ "ar", PARTICLE_ARTICLE, 1 },
	{ "er", PARTICLE_ARTICLE, 1 },
	{ "ur", PARTICLE_ARTICLE, 1 },
	{ "as", PARTICLE_ARTICLE, 1 },
	{ "es", PARTICLE_ARTICLE, 1 },
	{ "us", PARTICLE_ARTICLE, 1 },
	{ "ash", PARTICLE_ARTICLE, 1 },
	{ "esh", PARTICLE_ARTICLE, 1 },
	{ "at", PARTICLE_ARTICLE, 1 },
	{ "et", PARTICLE_ARTICLE, 1 },
	{ "az", PARTICLE_ARTICLE, 1 },
	{ "ez", PARTICLE_ARTICLE, 1 },
	{ "an", PARTICLE_ARTICLE, 1 },
	{ "en", PARTICLE_ARTICLE, 1 },
	{ "un", PARTICLE_ARTICLE, 1 },
	{ "abu", PARTICLE_KINSHIP, 0 },
	{ "abou", PARTICLE_KINSHIP, 0 },
	{ "abo", PARTICLE_KINSHIP, 1 },
	{ "bu", PARTICLE_KINSHIP, 1 },
	{ "ben", PARTICLE_KINSHIP, 0 },
	{ "bin", PARTICLE_KINSHIP, 0 },
	{ "bint", PARTICLE_KINSHIP, 0 },
	{ "ibn", PARTICLE_KINSHIP, 0 },
	{ "ebn", PARTICLE_KINSHIP, 0 },
	{ "ould", PARTICLE_KINSHIP, 0 },
	{ "ag", PARTICLE_KINSHIP, 1 },
	{ "de", PARTICLE_EUROPEAN, 0 },
	{ "da", PARTICLE_EUROPEAN, 0 },
	{ "di", PARTICLE_EUROPEAN, 0 },
	{ "do", PARTICLE_EUROPEAN, 0 },
	{ "dos", PARTICLE_EUROPEAN, 0 },
	{ "das", PARTICLE_EUROPEAN, 0 },
	{ "del", PARTICLE_EUROPEAN, 0 },
	{ "della", PARTICLE_EUROPEAN, 0 },
	{ "des", PARTICLE_EUROPEAN, 0 },
	{ "du", PARTICLE_EUROPEAN, 0 },
	{ "la", PARTICLE_EUROPEAN, 0 },
	{ "le", PARTICLE_EUROPEAN, 0 },
	{ "van", PARTICLE_EUROPEAN, 0 },
	{ "von", PARTICLE_EUROPEAN, 0 },
	{ "der", PARTICLE_EUROPEAN, 0 },
	{ "den", PARTICLE_EUROPEAN, 0 },
	{ "ten", PARTICLE_EUROPEAN, 0 },
	{ "ter", PARTICLE_EUROPEAN, 0 },
	{ "zu", PARTICLE_EUROPEAN, 0 },
	{ "y", PARTICLE_EUROPEAN, 0 },
};

/* Arabic-script particles, folded (alef forms unified). */
static const struct particle arabic_particles[] = {
	{ "\xd8\xa7\xd9\x84", PARTICLE_ARTICLE, 0 },			/* ال */
	{ "\xd8\xa7\xd8\xa8\xd9\x88", PARTICLE_KINSHIP, 0 },		/* ابو */
	{ "\xd8\xa8\xd9\x86", PARTICLE_KINSHIP, 0 },			/* بن */
	{ "\xd8\xa7\xd8\xa8\xd9\x86", PARTICLE_KINSHIP, 0 },		/* ابن */
	{ "\xd8\xa8\xd9\x86\xd8\xaa", PARTICLE_KINSHIP, 0 },		/* بنت */
};

/*
 * Particle kind of a lower-case ASCII token, PARTICLE_NONE if it is
 * not one. Short assimilated articles (ar, as, ad ...) count only when
 * hyphen is 1, so that a given name "As" or a Dutch "An" stays a name.
 */
int
particle_latin(const char *latin, int hyphen)
{
	size_t i;

	for (i = 0; i < sizeof(latin_particles) / sizeof(latin_particles[0]);
	    i++) {
		if (strcmp(latin, latin_particles[i].latin) != 0)
			continue;
		if (latin_particles[i].hyphen_only && !hyphen)
			return PARTICLE_NONE;
		return latin_particles[i].kind;
	}
	return PARTICLE_NONE;
}

/* Particle kind of a folded Arabic-script token, PARTICLE_NONE if none. */
int
particle_arabic(const char *written)
{
	size_t i;

	for (i = 0; i < sizeof(arabic_particles) / sizeof(arabic_particles[0]);
	    i++)
		if (strcmp(written, arabic_particles[i].latin) == 0)
			return arabic_particles[i].kind;
	return PARTICLE_NONE;
}

/* See match.h: a Latin word lower-cased with its letters only, an
 * Arabic-script one folded, then looked up in the lists above. */
int
match_word_is_particle(const char *word)
{
	char low[MATCH_TOKEN_LEN], folded[MATCH_TOKEN_LEN];
	size_t i, n = 0, len = strlen(word);
	int ascii = 1;

	for (i = 0; i < len; i++)
		if ((unsigned char)word[i] >= 0x80)
			ascii = 0;
	if (!ascii) {
		match_fold_arabic(word, folded, sizeof(folded));
		return particle_arabic(folded) != PARTICLE_NONE;
	}
	for (i = 0; i < len && n + 1 < sizeof(low); i++)
		if (isalpha((unsigned char)word[i]))
			low[n++] = (char)tolower((unsigned char)word[i]);
	low[n] = '\0';
	return n > 0 && particle_latin(low, len > 0 &&
	    word[len - 1] == '-') != PARTICLE_NONE;
}

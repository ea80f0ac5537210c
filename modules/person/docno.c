/*
 * docno.c: identity documents' types, and their numbers normalised one
 * way (see person.h): a passport typed "ab 12-345" at the desk,
 * "AB12345" in an MRZ and "Ab.12345" in an import are the same
 * document.
 */
#include "config.h"

#include "person.h"

/* See person.h. */
const char *const person_doc_types[] = {
	"passport", "id_card", "residence_permit", "travel_document",
	"birth_certificate", "driving_licence", "other", NULL,
};

/* See person.h. */
void
person_docno_normalise(const char *in, char out[PERSON_DOCNO_SIZE])
{
	size_t	n = 0;

	for (; in != NULL && *in != '\0' && n < PERSON_DOCNO_SIZE - 1; in++) {
		unsigned char	c = (unsigned char)*in;

		if (c >= 'a' && c <= 'z')
			out[n++] = (char)(c - 'a' + 'A');
		else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			out[n++] = (char)c;
	}
	out[n] = '\0';
}

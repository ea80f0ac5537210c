/*
 * person.h: the person library (havre-identity, havre-admin, and the
 * registration and civil-status programs to come): a person record
 * loaded whole, its blocking keys rewritten, document numbers
 * normalised one way, fingerprints for the import, MRZ parsing.
 * Depends on common (and match for keys); never on a program.
 */
#ifndef HAVRE_PERSON_H
#define HAVRE_PERSON_H

#include <stddef.h>

/* Bytes of a normalised document number, its NUL included. */
#define PERSON_DOCNO_SIZE	65

/*
 * Normalise a document number the one way every program compares them:
 * ASCII letters upper-cased, digits kept, everything else (spaces,
 * dashes, dots, non-ASCII bytes) dropped, at most 64 characters. in may
 * be NULL (gives ""). out holds PERSON_DOCNO_SIZE bytes.
 */
void	 person_docno_normalise(const char *in, char out[PERSON_DOCNO_SIZE]);

#endif

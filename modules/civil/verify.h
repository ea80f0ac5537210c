/*
 * verify.h: havre-civil's public side (issue 17, items 5 and 6): the
 * verification of issued documents by anyone (/verify, verify.c), the
 * published public keys (/verify/keys), and the person's download of
 * their document with the code of delivery.h (/verify/collect). Its
 * statements are their own table (vsql, verify_sql.c), so that the
 * public side's SQL reads in one place.
 */
#ifndef HAVRE_CIVIL_VERIFY_H
#define HAVRE_CIVIL_VERIFY_H

#include "app.h"
#include "db.h"
#include "form.h"

enum verify_sql {
	VSQL_KEYS,		/* every signing key, for the keyring */
	VSQL_DOC_BY_SERIAL,	/* a document by its serial */
	VSQL_DOC_GET,		/* a document by id, for an offer */
	VSQL_CODES_CLOSE,	/* close a document's live codes */
	VSQL_CODES_REVOKED,	/* the same, the document revoked */
	VSQL_CODE_INSERT,
	VSQL_CODE_LIVE,		/* a document's live code, locked */
	VSQL_CODE_USED,
	VSQL_CODE_MISSED,
	VSQL_PERSON_PHONE,	/* a person's newest phone */
	VSQL__MAX
};

extern const struct db_table verify_sqls;

/* --- verify.c: /verify and /verify/keys (public vhost, no login) --- */
extern const struct field_spec verify_query_fields[];
extern const struct field_spec verify_payload_fields[];
int	 page_verify(struct req *);
int	 page_verify_payload(struct req *);
int	 page_verify_keys(struct req *);
int	 page_verify_keyfile(struct req *);

/* --- collect.c: /verify/collect (public) and the offer (intranet) --- */
extern const struct field_spec collect_fields[];
extern const struct field_spec offer_fields[];
int	 page_collect_form(struct req *);
int	 page_collect_serial(struct req *);
int	 page_collect(struct req *);
int	 page_collect_pdf(struct req *);
int	 page_offer(struct req *);

#endif

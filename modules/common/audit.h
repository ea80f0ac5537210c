/*
 * audit.h: the audit trail and the personal-data access log.
 *
 * Every state change writes one audit_event in the same transaction as
 * the change. Events form a hash chain: hash = BLAKE2b-256(prev_hash ||
 * canonical bytes of the event), so an edited, removed or reordered row
 * breaks the chain at that point (havre-admin audit-verify). Every view
 * of a person's or a dossier's page writes an access_event.
 */
#ifndef HAVRE_AUDIT_H
#define HAVRE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct req;

/* Who did it: an agent, an API key, or a command-line operator. */
struct actor {
	int64_t		 agent_id;	/* 0 if none */
	int64_t		 apikey_id;	/* 0 if none */
	const char	*name;		/* username, key name, or "cli:<user>" */
	const char	*reqid;		/* request id, or "cli" */
};

/* One changed field: old NULL for a creation, new NULL for a removal. */
struct audit_change {
	const char	*field;
	const char	*old_value;
	const char	*new_value;
};

/* The actor of a request (session agent or API key; anonymous public
 * users appear as "public"). */
void	 actor_of(const struct req *, struct actor *);

/*
 * Append an audit event inside the caller's transaction (call it from a
 * db_txn function, after the change itself). Returns DB_OK or the
 * database error (DB_RETRY: let db_txn run the transaction again).
 */
enum db_rc audit_write(struct db *, const struct actor *, const char *entity,
	    const char *entity_id, const char *action,
	    const struct audit_change *, size_t nchanges);
/* Same, with the request's actor. */
enum db_rc audit_req(struct req *, const char *entity, const char *entity_id,
	    const char *action, const struct audit_change *, size_t nchanges);
/* Record that the actor viewed entity/entity_id (own statement). */
enum db_rc access_write(struct req *, const char *entity,
	    const char *entity_id, const char *reason);

/*
 * The canonical bytes of an event and its hash (exposed for tests):
 * each field as "<decimal length>:<bytes>;" in a fixed order.
 */
struct audit_row {
	int64_t		 seq;
	const char	*at;		/* "YYYY-MM-DD HH:MM:SS.uuuuuu" UTC */
	int64_t		 agent_id;
	int64_t		 apikey_id;
	const char	*actor;
	const char	*entity;
	const char	*entity_id;
	const char	*action;
	const char	*changes;	/* JSON object */
	const char	*reqid;
};
void	 audit_hash(const unsigned char prev[32], const struct audit_row *,
	    unsigned char out[32]);

/*
 * Walk the whole chain in sequence order. Returns 0 if intact (sets
 * *checked), the sequence number of the first broken event (> 0), or
 * -1 on a database error.
 */
int64_t	 audit_verify(struct db *, uint64_t *checked);

#endif

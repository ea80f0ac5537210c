/*
 * audit.h: the audit trail and the personal-data access log.
 *
 * Every state change writes one audit_event in the same transaction as
 * the change. Events form a hash chain: hash = BLAKE2b-256(prev_hash ||
 * canonical bytes of the event), so an edited, removed or reordered row
 * breaks the chain at that point (havre-admin audit-verify). Every view
 * of a person's or a dossier's page writes an access_event.
 *
 * The changes (old and new values: names, phones) enter the chain
 * through changes_hash = BLAKE2b-256(salt || changes), so that the
 * retention purge can redact them later (audit_redact) without breaking
 * the chain: the values give way to AUDIT_REDACTED, the salt is erased,
 * and a redaction event appended to the chain names the events it
 * redacted. Events written before migration 0050 hash their changes
 * directly (no changes_hash) and cannot be redacted.
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

/* What a redacted event's changes read. */
#define AUDIT_REDACTED	"{\"_redacted\":true}"

/*
 * The canonical bytes of an event and its hash (exposed for tests):
 * each field as "<decimal length>:<bytes>;" in a fixed order. With
 * changes_hash set (events since migration 0050) the form starts with
 * the field "v2" and holds the changes' hash in hex instead of them.
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
	const unsigned char *changes_hash; /* 32 bytes, NULL: first form */
};
void	 audit_hash(const unsigned char prev[32], const struct audit_row *,
	    unsigned char out[32]);
/* changes_hash of changes with a 16-byte salt. */
void	 audit_changes_hash(const unsigned char salt[16], const char *changes,
	    unsigned char out[32]);

/* What audit_verify found. */
struct audit_check {
	uint64_t	 checked;	/* events walked */
	uint64_t	 redacted;	/* of which redacted, each accounted for */
	const char	*why;		/* when broken: what is wrong, in words */
};

/*
 * Walk the whole chain in sequence order. Returns 0 if intact, the
 * sequence number of the first broken event (> 0, c->why says what),
 * or -1 on a database error. An event is broken when it is missing, out
 * of order, its hash or link is wrong, its changes do not match their
 * hash while it is not redacted, or it is marked redacted without the
 * marker or without a later redaction event naming it.
 */
int64_t	 audit_verify(struct db *, struct audit_check *c);

/*
 * Redact the changes of the events seqs[0..n) (sorted, ascending)
 * inside the caller's transaction, then append one redaction event
 * (entity "audit", action "redact") naming their range, their count
 * and why (a retention category). Events already redacted or of the
 * first form are left as they are and not counted. Sets *done to the
 * number redacted. Returns DB_OK or the database error. Only the
 * schema owner may run it: no program's account can update the trail.
 */
enum db_rc audit_redact(struct db *, const struct actor *,
	    const int64_t *seqs, size_t n, const char *why, size_t *done);

#endif

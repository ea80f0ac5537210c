/*
 * audit.c: the hash-chained audit trail and the access log.
 *
 * audit_head (one row) holds the last sequence number and hash. A writer
 * locks it with SELECT ... FOR UPDATE inside the caller's transaction,
 * appends the event with seq + 1, and moves the head. The lock is held
 * until the caller commits, so the chain is linear even with many
 * workers (or Galera nodes: a conflict is error 1213, which db_txn
 * retries). Writers take it last, just before commit, to hold it
 * briefly.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "app.h"
#include "audit.h"
#include "buf.h"
#include "common_sql.h"
#include "htime.h"
#include "log.h"
#include "session.h"

/* See audit.h. */
void
actor_of(const struct req *r, struct actor *a)
{
	memset(a, 0, sizeof(*a));
	a->reqid = r->reqid;
	a->name = "public";
	if (r->session != NULL) {
		a->agent_id = r->session->agent_id;
		a->apikey_id = r->session->apikey_id;
		a->name = r->session->username;
	}
}

/* Append "<len>:<bytes>;" for one canonical field. */
static void
canon_field(crypto_generichash_state *st, const char *s)
{
	char	len[24];

	if (s == NULL)
		s = "";
	snprintf(len, sizeof(len), "%zu:", strlen(s));
	crypto_generichash_update(st, (const unsigned char *)len, strlen(len));
	crypto_generichash_update(st, (const unsigned char *)s, strlen(s));
	crypto_generichash_update(st, (const unsigned char *)";", 1);
}

/* Same for an integer (0 is written as an empty field: "none"). */
static void
canon_int(crypto_generichash_state *st, int64_t v)
{
	char	s[24] = "";

	if (v != 0)
		snprintf(s, sizeof(s), "%lld", (long long)v);
	canon_field(st, s);
}

/* See audit.h. */
void
audit_hash(const unsigned char prev[32], const struct audit_row *row,
    unsigned char out[32])
{
	crypto_generichash_state	st;

	char				hex[65];

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, prev, 32);
	if (row->changes_hash != NULL)
		canon_field(&st, "v2");
	canon_int(&st, row->seq);
	canon_field(&st, row->at);
	canon_int(&st, row->agent_id);
	canon_int(&st, row->apikey_id);
	canon_field(&st, row->actor);
	canon_field(&st, row->entity);
	canon_field(&st, row->entity_id);
	canon_field(&st, row->action);
	if (row->changes_hash != NULL) {
		sodium_bin2hex(hex, sizeof(hex), row->changes_hash, 32);
		canon_field(&st, hex);
	} else
		canon_field(&st, row->changes);
	canon_field(&st, row->reqid);
	crypto_generichash_final(&st, out, 32);
}

/* See audit.h. */
void
audit_changes_hash(const unsigned char salt[16], const char *changes,
    unsigned char out[32])
{
	crypto_generichash_state	st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, salt, 16);
	crypto_generichash_update(&st, (const unsigned char *)changes,
	    strlen(changes));
	crypto_generichash_final(&st, out, 32);
}

/* The changes as a JSON object {"field":{"old":..,"new":..},...}. */
static void
changes_json(struct buf *j, const struct audit_change *c, size_t n)
{
	size_t	i;

	buf_puts(j, "{");
	for (i = 0; i < n; i++) {
		buf_puts(j, i ? ",\"" : "\"");
		buf_puts_json(j, c[i].field);
		buf_puts(j, "\":{\"old\":");
		if (c[i].old_value == NULL)
			buf_puts(j, "null");
		else {
			buf_puts(j, "\"");
			buf_puts_json(j, c[i].old_value);
			buf_puts(j, "\"");
		}
		buf_puts(j, ",\"new\":");
		if (c[i].new_value == NULL)
			buf_puts(j, "null");
		else {
			buf_puts(j, "\"");
			buf_puts_json(j, c[i].new_value);
			buf_puts(j, "\"");
		}
		buf_puts(j, "}");
	}
	buf_puts(j, "}");
}

/* Bind an id, or NULL for 0. */
static void
bind_id(struct db_stmt *st, size_t i, int64_t v)
{
	if (v == 0)
		db_bind_null(st, i);
	else
		db_bind_int(st, i, v);
}

/* See audit.h. */
enum db_rc
audit_write(struct db *db, const struct actor *a, const char *entity,
    const char *entity_id, const char *action,
    const struct audit_change *changes, size_t nchanges)
{
	struct db_stmt		*st;
	struct buf		 json = {0};
	struct audit_row	 row;
	unsigned char		 prev[32], hash[32], chash[32], salt[16];
	char			 at[27];
	enum db_rc		 rc;

	if ((st = db_cstmt(db, CSQL_AUDIT_HEAD_LOCK)) == NULL)
		return db_last_rc(db);
	if ((rc = db_step(st)) != DB_ROW) {
		log_err("audit head missing");
		return rc == DB_OK ? DB_ERROR : rc;
	}
	memset(&row, 0, sizeof(row));
	row.seq = db_col_int(st, 0) + 1;
	if (db_col_len(st, 1) != 32) {
		db_reset(st);
		log_err("audit head hash has a bad length");
		return DB_ERROR;
	}
	memcpy(prev, db_col_text(st, 1), 32);
	db_reset(st);

	changes_json(&json, changes, nchanges);
	time_format_us(time_now_us(), at);
	row.at = at;
	row.agent_id = a->agent_id;
	row.apikey_id = a->apikey_id;
	row.actor = a->name ? a->name : "";
	row.entity = entity;
	row.entity_id = entity_id;
	row.action = action;
	row.changes = json.data ? json.data : "{}";
	row.reqid = a->reqid ? a->reqid : "";
	randombytes_buf(salt, sizeof(salt));
	audit_changes_hash(salt, row.changes, chash);
	row.changes_hash = chash;
	audit_hash(prev, &row, hash);

	if ((st = db_cstmt(db, CSQL_AUDIT_INSERT)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, row.seq);
	db_bind_text(st, 1, row.at);
	bind_id(st, 2, row.agent_id);
	bind_id(st, 3, row.apikey_id);
	db_bind_text(st, 4, row.actor);
	db_bind_text(st, 5, row.entity);
	db_bind_text(st, 6, row.entity_id);
	db_bind_text(st, 7, row.action);
	db_bind_text(st, 8, row.changes);
	db_bind_text(st, 9, row.reqid);
	db_bind_blob(st, 10, prev, 32);
	db_bind_blob(st, 11, hash, 32);
	db_bind_blob(st, 12, chash, 32);
	db_bind_blob(st, 13, salt, 16);
	if ((rc = db_exec(st)) != DB_OK)
		goto out;
	if ((st = db_cstmt(db, CSQL_AUDIT_HEAD_MOVE)) == NULL) {
		rc = db_last_rc(db);
		goto out;
	}
	db_bind_int(st, 0, row.seq);
	db_bind_blob(st, 1, hash, 32);
	rc = db_exec(st);
out:
	buf_free(&json);
	return rc;
}

/* See audit.h. */
enum db_rc
audit_req(struct req *r, const char *entity, const char *entity_id,
    const char *action, const struct audit_change *changes, size_t n)
{
	struct actor	a;

	actor_of(r, &a);
	return audit_write(r->db, &a, entity, entity_id, action, changes, n);
}

/* See audit.h. */
enum db_rc
access_write(struct req *r, const char *entity, const char *entity_id,
    const char *reason)
{
	struct db_stmt	*st;
	struct actor	 a;
	char		 at[27];

	actor_of(r, &a);
	if ((st = db_cstmt(r->db, CSQL_ACCESS_INSERT)) == NULL)
		return db_last_rc(r->db);
	time_format_us(time_now_us(), at);
	db_bind_text(st, 0, at);
	bind_id(st, 1, a.agent_id);
	bind_id(st, 2, a.apikey_id);
	db_bind_text(st, 3, a.name);
	db_bind_text(st, 4, entity);
	db_bind_text(st, 5, entity_id);
	db_bind_text(st, 6, reason ? reason : "");
	db_bind_text(st, 7, a.reqid);
	return db_exec(st);
}

/* A redaction event's range: it names events first..last and comes
 * after them in the chain (seq). */
struct redaction {
	int64_t	seq, first, last;
};

/* The redaction events, read before the walk (which then checks them
 * like any other event). */
struct redactions {
	struct redaction	*v;
	size_t			 n, cap;
};

/* The integer in changes' member name ({"name":{"old":..,"new":"N"}}),
 * or -1. */
static int64_t
change_int(json_t *changes, const char *name)
{
	json_t		*v;
	const char	*s;
	char		*end;
	long long	 n;

	v = json_object_get(json_object_get(changes, name), "new");
	if ((s = json_string_value(v)) == NULL)
		return -1;
	n = strtoll(s, &end, 10);
	return end == s || *end != '\0' || n < 1 ? -1 : n;
}

/* Read every redaction event's range into r (ascending by seq, so by
 * first). Returns 0, or -1 on a database error or out of memory. */
static int
redactions_read(struct db *db, struct redactions *r)
{
	struct db_stmt	*st;
	struct redaction *nv, x;
	json_t		*j;
	enum db_rc	 rc;

	if ((st = db_cstmt(db, CSQL_AUDIT_REDACTIONS)) == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		x.seq = db_col_int(st, 0);
		j = json_loads(db_col_text(st, 1) ? db_col_text(st, 1) : "",
		    0, NULL);
		x.first = change_int(j, "first_seq");
		x.last = change_int(j, "last_seq");
		json_decref(j);
		if (x.first < 1 || x.last < x.first || x.last >= x.seq)
			continue;	/* names nothing it may vouch for */
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 64;
			if ((nv = realloc(r->v, r->cap * sizeof(*nv))) == NULL) {
				db_reset(st);
				return -1;
			}
			r->v = nv;
		}
		r->v[r->n++] = x;
	}
	return rc == DB_OK ? 0 : -1;
}

/* Is event seq named by a redaction event that comes after it? Ranges
 * are ascending by first: the last one starting at or before seq is
 * looked up, then earlier ones (ranges rarely overlap). */
static int
redaction_covers(const struct redactions *r, int64_t seq)
{
	size_t	lo = 0, hi = r->n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (r->v[mid].first <= seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo-- > 0)
		if (r->v[lo].last >= seq && r->v[lo].seq > seq)
			return 1;
	return 0;
}

/*
 * Check what the chain cannot: a second-form event's changes against
 * their hash, or its redaction. Returns NULL when the event is sound,
 * else what is wrong. Sets *redacted when it is a sound redaction.
 */
static const char *
check_changes(struct db_stmt *st, const struct audit_row *row,
    const struct redactions *r, int *redacted)
{
	unsigned char	hash[32];

	*redacted = 0;
	if (row->changes_hash == NULL)
		return db_col_int(st, 14) ? "an event written before "
		    "redaction existed is marked redacted" : NULL;
	if (!db_col_int(st, 14)) {
		if (db_col_len(st, 13) != 16)
			return "its changes have lost their salt";
		audit_changes_hash((const unsigned char *)db_col_text(st, 13),
		    row->changes, hash);
		return memcmp(hash, row->changes_hash, 32) == 0 ? NULL :
		    "its changes do not match their hash";
	}
	if (strcmp(row->changes, AUDIT_REDACTED) != 0 ||
	    db_col_len(st, 13) != 0)
		return "it is marked redacted but holds something else";
	if (!redaction_covers(r, row->seq))
		return "it is marked redacted but no later redaction event "
		    "names it";
	*redacted = 1;
	return NULL;
}

/*
 * Check the events of one page of the walk (from seq *expect on, at
 * most AUDIT_PAGE rows), carrying prev and *expect forward. Returns 0
 * and counts into c, the broken seq (> 0, c->why set), or -1 on a
 * database error.
 */
#define AUDIT_PAGE 5000
static int64_t
verify_page(struct db *db, const struct redactions *r, unsigned char prev[32],
    int64_t *expect, uint64_t *rows, struct audit_check *c)
{
	struct db_stmt		*st;
	struct audit_row	 row;
	unsigned char		 hash[32];
	enum db_rc		 rc;
	int			 redacted;

	*rows = 0;
	if ((st = db_cstmt(db, CSQL_AUDIT_WALK)) == NULL)
		return -1;
	db_bind_int(st, 0, *expect);
	db_bind_int(st, 1, AUDIT_PAGE);
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&row, 0, sizeof(row));
		row.seq = db_col_int(st, 0);
		row.at = db_col_text(st, 1);
		row.agent_id = db_col_int(st, 2);
		row.apikey_id = db_col_int(st, 3);
		row.actor = db_col_text(st, 4);
		row.entity = db_col_text(st, 5);
		row.entity_id = db_col_text(st, 6);
		row.action = db_col_text(st, 7);
		row.changes = db_col_text(st, 8) ? db_col_text(st, 8) : "";
		row.reqid = db_col_text(st, 9);
		if (db_col_len(st, 12) == 32)
			row.changes_hash =
			    (const unsigned char *)db_col_text(st, 12);
		/* A missing row, a wrong link or a wrong hash all break the
		 * chain at this event. */
		if (row.seq != *expect || db_col_len(st, 10) != 32 ||
		    db_col_len(st, 11) != 32 ||
		    (db_col_len(st, 12) != 0 && row.changes_hash == NULL) ||
		    memcmp(db_col_text(st, 10), prev, 32) != 0) {
			db_reset(st);
			c->why = "an event is missing or out of order";
			return *expect;
		}
		audit_hash(prev, &row, hash);
		if (memcmp(hash, db_col_text(st, 11), 32) != 0) {
			db_reset(st);
			c->why = "its hash does not match what it holds";
			return row.seq;
		}
		if ((c->why = check_changes(st, &row, r, &redacted)) != NULL) {
			db_reset(st);
			return row.seq;
		}
		c->redacted += (uint64_t)redacted;
		memcpy(prev, hash, 32);
		(*expect)++;
		(*rows)++;
	}
	return rc == DB_OK ? 0 : -1;
}

/* See audit.h. */
int64_t
audit_verify(struct db *db, struct audit_check *c)
{
	struct db_stmt		*st;
	struct redactions	 r = { NULL, 0, 0 };
	unsigned char		 prev[32];
	int64_t			 expect = 1, broken;
	uint64_t		 rows;

	memset(c, 0, sizeof(*c));
	memset(prev, 0, sizeof(prev));
	if (redactions_read(db, &r) == -1) {
		free(r.v);
		return -1;
	}
	do {
		broken = verify_page(db, &r, prev, &expect, &rows, c);
		c->checked += rows;
	} while (broken == 0 && rows == AUDIT_PAGE);
	free(r.v);
	if (broken != 0)
		return broken;
	/* The head must point at the last event: a truncated tail is a
	 * break too. */
	if ((st = db_cstmt(db, CSQL_AUDIT_HEAD_READ)) == NULL)
		return -1;
	if (db_step(st) != DB_ROW)
		return -1;
	if (db_col_int(st, 0) != expect - 1 || db_col_len(st, 1) != 32 ||
	    memcmp(db_col_text(st, 1), prev, 32) != 0) {
		broken = expect;
		c->why = "the chain's head does not point at its last event "
		    "(events were removed from its end)";
	}
	db_reset(st);
	return broken;
}

/* See audit.h. */
enum db_rc
audit_redact(struct db *db, const struct actor *a, const int64_t *seqs,
    size_t n, const char *why, size_t *done)
{
	struct db_stmt		*st;
	struct audit_change	 ch[4];
	char			 at[27], first[24], last[24], count[24];
	char			 id[64];
	int64_t			 lo = 0, hi = 0;
	enum db_rc		 rc;
	size_t			 i;

	*done = 0;
	time_format_us(time_now_us(), at);
	for (i = 0; i < n; i++) {
		if ((st = db_cstmt(db, CSQL_AUDIT_REDACT)) == NULL)
			return db_last_rc(db);
		db_bind_text(st, 0, AUDIT_REDACTED);
		db_bind_text(st, 1, at);
		db_bind_int(st, 2, seqs[i]);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
		if (db_affected(st) == 0)
			continue;
		if (*done == 0)
			lo = seqs[i];
		hi = seqs[i];
		(*done)++;
	}
	if (*done == 0)
		return DB_OK;
	snprintf(first, sizeof(first), "%lld", (long long)lo);
	snprintf(last, sizeof(last), "%lld", (long long)hi);
	snprintf(count, sizeof(count), "%zu", *done);
	snprintf(id, sizeof(id), "%lld-%lld", (long long)lo, (long long)hi);
	ch[0] = (struct audit_change){ "category", NULL, why };
	ch[1] = (struct audit_change){ "first_seq", NULL, first };
	ch[2] = (struct audit_change){ "last_seq", NULL, last };
	ch[3] = (struct audit_change){ "events", NULL, count };
	return audit_write(db, a, "audit", id, "redact", ch, 4);
}

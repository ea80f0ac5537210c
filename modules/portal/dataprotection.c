/*
 * dataprotection.c: the data-protection administration page (issue 20;
 * dataprotection.retention): the retention rules (retention_rule,
 * migrations 0051, 0052, 0054) with their legal sources, and the legal
 * holds (legal_hold). A rule's length and legal source are changed with
 * a reason: the save is versioned (a save over a newer version is
 * refused, both values shown), keeps the rule as it was in
 * retention_rule_history and is audited. Holds are placed on a person,
 * a case file or an appointment and released, each with a reason and
 * audited, as `havre-admin hold` does; the purge (`havre-admin purge`)
 * reads both.
 *
 * Why havre-portal: rules and holds span every workflow, like agents,
 * message templates and the audit trail, which the portal administers.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db.h"
#include "edit.h"
#include "log.h"
#include "portal.h"
#include "session.h"
#include "tpl.h"

/* The longest retention: 100 years. */
#define KEEP_DAYS_MAX	36500

/* POST /dataprotection/rules/{category} */
const struct field_spec rule_fields[] = {
	{"keep_days", FIELD_INT, 1, 0, KEEP_DAYS_MAX, NULL},
	{"legal_source", FIELD_STRING, 1, 1, 400, NULL},
	{"reason", FIELD_STRING, 1, 1, 500, NULL},
	{"version", FIELD_INT, 1, 1, 2147483647LL, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* POST /dataprotection/holds */
static const char *const hold_kinds[] = {"appeal", "litigation",
	"supervisor", NULL};
static const char *const hold_entities[] = {"person", "dossier",
	"appointment", NULL};
const struct field_spec hold_fields[] = {
	{"kind", FIELD_ENUM, 1, 0, 0, hold_kinds},
	{"entity", FIELD_ENUM, 1, 0, 0, hold_entities},
	{"entity_id", FIELD_INT, 1, 1, DB_ID_MAX, NULL},
	{"reason", FIELD_STRING, 1, 1, 500, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* POST /dataprotection/holds/{id}/release */
const struct field_spec release_fields[] = {
	{"reason", FIELD_STRING, 1, 1, 500, NULL},
	{NULL, 0, 0, 0, 0, NULL},
};

/* See portal.h. */
void
portal_options_set(struct req *r, const char *name, const char *const *codes,
    const char *keys)
{
	char	 node[96], key[96];
	size_t	 i;

	for (i = 0; codes[i] != NULL; i++) {
		snprintf(node, sizeof(node), "Options.%s.%zu.Value", name, i);
		page_set(r, node, codes[i]);
		snprintf(key, sizeof(key), "%s.%s", keys, codes[i]);
		snprintf(node, sizeof(node), "Options.%s.%zu.Label", name, i);
		page_set(r, node, tpl_text(r->hdf, key));
	}
}

/*
 * GET /dataprotection (dataprotection.retention): the rules
 * (Rules.N.{Category, KeepDays, Action, Starts, What, Source, Enabled,
 * Version, UpdatedAt, UpdatedBy}), the holds, those in force first
 * (Holds.N.{Id, Kind, Entity, EntityId, Reason, PlacedAt, PlacedBy,
 * ReleasedAt, ReleasedBy}), and the form placing a hold (hold_fields).
 * Also fills a rejected hold form again. Template
 * portal/dataprotection.cs.
 */
int
page_dataprotection(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	char		 node[64];
	size_t		 n = 0, i;

	page_set(r, "Page.Title", tpl_text(r->hdf, "DataProtection.Title"));
	if ((st = db_stmt(r->db, PSQL_RULE_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		static const char *const keys[] = {"Category", "KeepDays",
			"Action", "Starts", "What", "Source", "Enabled",
			"Version", "UpdatedAt", "UpdatedBy"};

		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			snprintf(node, sizeof(node), "Rules.%zu.%s", n, keys[i]);
			page_set(r, node, db_col_null(st, i) ? "" :
			    db_col_text(st, i));
		}
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	n = 0;
	if ((st = db_stmt(r->db, PSQL_HOLD_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW) {
		static const char *const keys[] = {"Id", "Kind", "Entity",
			"EntityId", "Reason", "PlacedAt", "PlacedBy",
			"ReleasedAt", "ReleasedBy"};
		char	 key[64];

		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			snprintf(node, sizeof(node), "Holds.%zu.%s", n, keys[i]);
			page_set(r, node, db_col_null(st, i) ? "" :
			    db_col_text(st, i));
		}
		snprintf(key, sizeof(key), "DataProtection.Kind.%s",
		    db_col_text(st, 1));
		snprintf(node, sizeof(node), "Holds.%zu.KindLabel", n);
		page_set(r, node, tpl_text(r->hdf, key));
		snprintf(key, sizeof(key), "DataProtection.Entity.%s",
		    db_col_text(st, 2));
		snprintf(node, sizeof(node), "Holds.%zu.EntityLabel", n);
		page_set(r, node, tpl_text(r->hdf, key));
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	portal_options_set(r, "kind", hold_kinds, "DataProtection.Kind");
	portal_options_set(r, "entity", hold_entities, "DataProtection.Entity");
	return 200;
}

/*
 * Load rule category into Rule.{Category, KeepDays, ..., UpdatedBy}
 * (as page_dataprotection's Rules.N) and its history
 * (Rule.History.N.{Version, KeepDays, Source, At, By, Reason}).
 * Returns DB_ROW when found, DB_OK when not, or the error.
 */
static enum db_rc
rule_load(struct req *r, const char *category)
{
	static const char *const keys[] = {"Category", "KeepDays", "Action",
		"Starts", "What", "Source", "Enabled", "Version", "UpdatedAt",
		"UpdatedBy"};
	static const char *const hkeys[] = {"Version", "KeepDays", "Source",
		"At", "By", "Reason"};
	struct db_stmt	*st;
	enum db_rc	 rc, found = DB_OK;
	char		 node[64];
	size_t		 i, n = 0;

	if ((st = db_stmt(r->db, PSQL_RULE_GET)) == NULL)
		return db_last_rc(r->db);
	db_bind_ascii(st, 0, category);
	while ((rc = db_step(st)) == DB_ROW) {
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			snprintf(node, sizeof(node), "Rule.%s", keys[i]);
			page_set(r, node, db_col_null(st, i) ? "" :
			    db_col_text(st, i));
		}
		found = DB_ROW;
	}
	if (rc != DB_OK || found != DB_ROW)
		return rc != DB_OK ? rc : found;
	if ((st = db_stmt(r->db, PSQL_RULE_HISTORY)) == NULL)
		return db_last_rc(r->db);
	db_bind_ascii(st, 0, category);
	while ((rc = db_step(st)) == DB_ROW) {
		for (i = 0; i < sizeof(hkeys) / sizeof(hkeys[0]); i++) {
			snprintf(node, sizeof(node), "Rule.History.%zu.%s", n,
			    hkeys[i]);
			page_set(r, node, db_col_text(st, i));
		}
		n++;
	}
	return rc != DB_OK ? rc : DB_ROW;
}

/*
 * GET /dataprotection/rules/{category} (dataprotection.retention): the
 * rule's form (keep_days, legal_source, reason, version) and its
 * earlier versions. Also fills a rejected form again (keeping the
 * input). 404 for an unknown category. Template
 * portal/retention_rule.cs.
 */
int
page_rule_form(struct req *r)
{
	enum db_rc	 rc;

	page_set(r, "Page.Title", tpl_text(r->hdf, "DataProtection.Rule.Title"));
	if ((rc = rule_load(r, req_param(r, "category"))) == DB_OK)
		return 404;
	if (rc != DB_ROW)
		return db_http_status(rc);
	if (r->method == M_GET) {
		page_set(r, "Form.keep_days.Value", hdf_get_value(r->hdf,
		    "Rule.KeepDays", ""));
		page_set(r, "Form.legal_source.Value", hdf_get_value(r->hdf,
		    "Rule.Source", ""));
		page_set(r, "Form.version.Value", hdf_get_value(r->hdf,
		    "Rule.Version", ""));
	}
	return 200;
}

/* What rule_txn needs and gives back. */
struct rule_ctx {
	struct req	*r;
	const char	*category;
	long long	 keep_days;
	const char	*source;
	const char	*reason;
	long long	 version;
	int		 found;		/* out */
	int		 conflict;	/* out: the version moved on */
	long long	 stored_version; /* out */
	char		 stored_days[24];	/* out */
	char		 stored_source[401];	/* out */
};

/* Keep the rule as it was, save the new one, audit (db_txn function). */
static enum db_rc
rule_txn(struct db *db, void *arg)
{
	struct rule_ctx		*c = arg;
	struct audit_change	 ch[3];
	struct db_stmt		*st;
	struct actor		 act;
	enum db_rc		 rc;
	char			 days[24];
	size_t			 n = 0;
	int			 lost;

	c->found = c->conflict = 0;
	if ((st = db_stmt(db, PSQL_RULE_LOCK)) == NULL)
		return db_last_rc(db);
	db_bind_ascii(st, 0, c->category);
	while ((rc = db_step(st)) == DB_ROW) {
		c->found = 1;
		c->stored_version = db_col_int(st, 0);
		snprintf(c->stored_days, sizeof(c->stored_days), "%s",
		    db_col_text(st, 1));
		snprintf(c->stored_source, sizeof(c->stored_source), "%s",
		    db_col_text(st, 2));
	}
	if (rc != DB_OK || !c->found)
		return rc;
	if (c->stored_version != c->version) {
		c->conflict = 1;
		return DB_OK;
	}
	actor_of(c->r, &act);
	if ((st = db_stmt(db, PSQL_RULE_HISTORY_ADD)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, act.name);
	db_bind_text(st, 1, c->reason);
	db_bind_ascii(st, 2, c->category);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if ((st = db_stmt(db, PSQL_RULE_UPDATE)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->keep_days);
	db_bind_text(st, 1, c->source);
	db_bind_text(st, 2, act.name);
	db_bind_ascii(st, 3, c->category);
	db_bind_int(st, 4, c->version);
	if ((rc = edit_exec(st, &lost)) != DB_OK)
		return rc;
	if (lost) {
		/* locked above: cannot happen; refuse rather than audit */
		c->conflict = 1;
		return DB_ERROR;
	}
	/* the changed values, old -> new, and the reason with them */
	snprintf(days, sizeof(days), "%lld", c->keep_days);
	if (strcmp(days, c->stored_days) != 0)
		ch[n++] = (struct audit_change){"keep_days", c->stored_days,
		    days};
	if (strcmp(c->source, c->stored_source) != 0)
		ch[n++] = (struct audit_change){"legal_source",
		    c->stored_source, c->source};
	ch[n++] = (struct audit_change){"reason", NULL, c->reason};
	return audit_req(c->r, "retention_rule", c->category, "update", ch, n);
}

/*
 * POST /dataprotection/rules/{category} (dataprotection.retention,
 * CSRF; rule_fields): a new length (days, 0..36500) and legal source,
 * with the reason for the change. Saves a new version and redirects to
 * the page with a flash; a stale version answers 409 with both values
 * (the conflict table) and the form kept; 404 for an unknown category.
 */
int
page_rule_save(struct req *r)
{
	struct rule_ctx	 c;
	struct edit_field f[2];
	enum db_rc	 rc;
	char		 days[24];
	int		 status;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.category = req_param(r, "category");
	c.keep_days = form_int(r, "keep_days");
	c.source = form_str(r, "legal_source");
	c.reason = form_str(r, "reason");
	c.version = form_int(r, "version");
	if ((rc = db_txn(r->db, rule_txn, &c)) != DB_OK) {
		log_err("cannot save retention rule %s: %s", c.category,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (!c.found)
		return 404;
	if (c.conflict) {
		if ((status = page_rule_form(r)) != 200)
			return status;
		snprintf(days, sizeof(days), "%lld", c.keep_days);
		f[0] = (struct edit_field){"keep_days", tpl_text(r->hdf,
		    "DataProtection.Rule.KeepDays"), c.stored_days, days};
		f[1] = (struct edit_field){"legal_source", tpl_text(r->hdf,
		    "DataProtection.Rule.Source"), c.stored_source, c.source};
		edit_conflict(r, f, 2, c.stored_version);
		return 409;
	}
	log_info("retention rule %s saved: %lld days", c.category,
	    c.keep_days);
	flash_set(r, "ok", "DataProtection.Rule.Saved");
	return resp_redirect(r, "/dataprotection");
}

/* What hold_txn needs and gives back. */
struct hold_ctx {
	struct req	*r;
	const char	*kind;
	const char	*entity;
	int64_t		 entity_id;
	const char	*reason;
	int64_t		 id;		/* release: the hold; place: out */
	int		 missing;	/* out: the target or the hold is not there */
	int		 released;	/* out: release: it was already */
};

/* Place a hold and audit it, as `havre-admin hold add` does. */
static enum db_rc
hold_add_txn(struct db *db, void *arg)
{
	struct hold_ctx		*c = arg;
	struct audit_change	 ch[4];
	struct db_stmt		*st;
	struct actor		 act;
	enum db_rc		 rc;
	char			 id[24], target[24];

	c->missing = 0;
	if ((st = db_stmt(db, strcmp(c->entity, "person") == 0 ?
	    PSQL_HOLD_PERSON : strcmp(c->entity, "dossier") == 0 ?
	    PSQL_HOLD_DOSSIER : PSQL_HOLD_APPOINTMENT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->entity_id);
	if ((rc = db_step(st)) == DB_OK) {
		c->missing = 1;
		return DB_OK;
	}
	if (rc != DB_ROW)
		return rc;
	db_reset(st);
	actor_of(c->r, &act);
	if ((st = db_stmt(db, PSQL_HOLD_ADD)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, c->kind);
	db_bind_text(st, 1, c->entity);
	db_bind_int(st, 2, c->entity_id);
	db_bind_text(st, 3, c->reason);
	db_bind_text(st, 4, act.name);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	c->id = (int64_t)db_insert_id(st);
	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	snprintf(target, sizeof(target), "%lld", (long long)c->entity_id);
	ch[0] = (struct audit_change){"kind", NULL, c->kind};
	ch[1] = (struct audit_change){"entity", NULL, c->entity};
	ch[2] = (struct audit_change){"entity_id", NULL, target};
	ch[3] = (struct audit_change){"reason", NULL, c->reason};
	return audit_req(c->r, "legal_hold", id, "place", ch, 4);
}

/*
 * POST /dataprotection/holds (dataprotection.retention, CSRF;
 * hold_fields): place a hold of a kind on a person, case file or
 * appointment, with its reason. Redirects to the page with a flash; a
 * target that does not exist answers 422 on entity_id.
 */
int
page_hold_add(struct req *r)
{
	struct hold_ctx	 c;
	enum db_rc	 rc;
	int		 status;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.kind = form_str(r, "kind");
	c.entity = form_str(r, "entity");
	c.entity_id = form_int(r, "entity_id");
	c.reason = form_str(r, "reason");
	if ((rc = db_txn(r->db, hold_add_txn, &c)) != DB_OK) {
		log_err("cannot place a hold: %s", db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (c.missing) {
		form_set_error(r, "entity_id", "DataProtection.Hold.NoTarget");
		if ((status = page_dataprotection(r)) != 200)
			return status;
		return 422;
	}
	log_info("legal hold %lld placed on %s %lld", (long long)c.id,
	    c.entity, (long long)c.entity_id);
	flash_set(r, "ok", "DataProtection.Hold.Done");
	return resp_redirect(r, "/dataprotection");
}

/*
 * Load hold id into Hold.{Id, Kind, KindLabel, Entity, EntityLabel,
 * EntityId, Reason, PlacedAt, PlacedBy, Released}. Returns DB_ROW when
 * found, DB_OK when not, or the error.
 */
static enum db_rc
hold_load(struct req *r, int64_t id)
{
	static const char *const keys[] = {"Id", "Kind", "Entity",
		"EntityId", "Reason", "PlacedAt", "PlacedBy", "ReleasedAt",
		"ReleasedBy"};
	struct db_stmt	*st;
	enum db_rc	 rc, found = DB_OK;
	char		 node[64], key[64];
	size_t		 i;

	if ((st = db_stmt(r->db, PSQL_HOLD_GET)) == NULL)
		return db_last_rc(r->db);
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			snprintf(node, sizeof(node), "Hold.%s", keys[i]);
			page_set(r, node, db_col_null(st, i) ? "" :
			    db_col_text(st, i));
		}
		snprintf(key, sizeof(key), "DataProtection.Kind.%s",
		    db_col_text(st, 1));
		page_set(r, "Hold.KindLabel", tpl_text(r->hdf, key));
		snprintf(key, sizeof(key), "DataProtection.Entity.%s",
		    db_col_text(st, 2));
		page_set(r, "Hold.EntityLabel", tpl_text(r->hdf, key));
		found = DB_ROW;
	}
	return rc != DB_OK ? rc : found;
}

/*
 * GET /dataprotection/holds/{id}/release (dataprotection.retention):
 * the hold and the form releasing it (its reason). Also fills a
 * rejected form again. 404 for an unknown hold. Template
 * portal/hold_release.cs.
 */
int
page_hold_release_form(struct req *r)
{
	enum db_rc	 rc;

	page_set(r, "Page.Title", tpl_text(r->hdf,
	    "DataProtection.Hold.ReleaseTitle"));
	if ((rc = hold_load(r, req_param_int(r, "id"))) == DB_OK)
		return 404;
	return rc == DB_ROW ? 200 : db_http_status(rc);
}

/* Release a hold and audit it, as `havre-admin hold release` does. */
static enum db_rc
hold_release_txn(struct db *db, void *arg)
{
	struct hold_ctx		*c = arg;
	struct audit_change	 ch[1];
	struct db_stmt		*st;
	struct actor		 act;
	enum db_rc		 rc;
	char			 id[24];

	c->missing = c->released = 0;
	if ((st = db_stmt(db, PSQL_HOLD_FIND)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	if ((rc = db_step(st)) == DB_OK) {
		c->missing = 1;
		return DB_OK;
	}
	if (rc != DB_ROW)
		return rc;
	c->released = db_col_int(st, 0) == 0;
	db_reset(st);
	if (c->released)
		return DB_OK;
	actor_of(c->r, &act);
	if ((st = db_stmt(db, PSQL_HOLD_RELEASE)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, act.name);
	db_bind_int(st, 1, c->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	ch[0] = (struct audit_change){"reason", NULL, c->reason};
	return audit_req(c->r, "legal_hold", id, "release", ch, 1);
}

/*
 * POST /dataprotection/holds/{id}/release (dataprotection.retention,
 * CSRF; release_fields): release the hold with the reason. Redirects
 * to the page with a flash (also when it was released already: nothing
 * changes); 404 for an unknown hold.
 */
int
page_hold_release(struct req *r)
{
	struct hold_ctx	 c;
	enum db_rc	 rc;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = req_param_int(r, "id");
	c.reason = form_str(r, "reason");
	if ((rc = db_txn(r->db, hold_release_txn, &c)) != DB_OK) {
		log_err("cannot release hold %lld: %s", (long long)c.id,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (c.missing)
		return 404;
	flash_set(r, "ok", c.released ? "DataProtection.Hold.AlreadyReleased" :
	    "DataProtection.Hold.ReleasedMsg");
	return resp_redirect(r, "/dataprotection");
}

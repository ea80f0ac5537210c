/*
 * edit.h: the versioned edit every edit page shares (agents, persons,
 * sites, services ...). Every editable row has a version column; a save
 * names the version it was made against. Inside the save's transaction
 * the UPDATE is guarded by that version (WHERE ... AND version = ?), so
 * a save made against a stale copy changes nothing; the changed fields
 * go to the audit trail as old -> new; and a lost save shows the agent
 * a table of the stored values beside theirs (the Conflict node, drawn
 * by the conflict_table macro of layout/macros.cs) with the stored
 * version in the form, so that saving again overwrites knowingly.
 */
#ifndef HAVRE_EDIT_H
#define HAVRE_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct req;

/* The most fields one edit compares. */
#define EDIT_MAX_FIELDS	32

/* One field of an edit: the audit trail's name for it, its label as
 * the agent reads it (already looked up in the page's language) for the
 * conflict table, and the stored and submitted values as text ("" for
 * none). A NULL stored value means there is none: a creation. */
struct edit_field {
	const char	*name;
	const char	*label;
	const char	*stored;
	const char	*mine;
};

/*
 * Execute a version-guarded UPDATE (its binds set by the caller).
 * Returns DB_OK with *conflict 0 when the row was updated, DB_OK with
 * *conflict 1 when no row matched (another save moved the version on,
 * or the row went), or the failure.
 */
enum db_rc	 edit_exec(struct db_stmt *, int *conflict);

/*
 * Execute a creation's INSERT (creating non-zero: *id receives the new
 * row's id) or an edit's version-guarded UPDATE (as edit_exec), binds
 * set by the caller. Returns DB_OK with *conflict telling a lost edit,
 * or the failure.
 */
enum db_rc	 edit_save(struct db_stmt *, int creating, int64_t *id,
	    int *conflict);

/*
 * Write the audit event of an edit (entity, id, action) with one
 * change for each of the n fields whose stored and submitted texts
 * differ (on a creation, stored NULL: each field given a value). *nchanges (may be NULL) receives their number. Returns
 * audit_req's result.
 */
enum db_rc	 edit_audit(struct req *, const char *entity, int64_t id,
	    const char *action, const struct edit_field *, size_t n,
	    int *nchanges);

/*
 * A save lost to another change: fill Conflict.Show and one
 * Conflict.Rows.N.{Label,Stored,Mine} for each field whose stored and
 * submitted texts differ, and put stored_version in Form.version.Value.
 */
void		 edit_conflict(struct req *, const struct edit_field *,
	    size_t n, int64_t stored_version);

#endif

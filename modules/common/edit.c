/*
 * edit.c: the versioned edit (see edit.h): one way to refuse a stale
 * save, to audit what changed and to show a lost save's conflict.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "edit.h"

/* See edit.h. */
enum db_rc
edit_exec(struct db_stmt *st, int *conflict)
{
	enum db_rc	rc;

	*conflict = 0;
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) == 0)
		*conflict = 1;
	return DB_OK;
}

/* See edit.h. */
enum db_rc
edit_save(struct db_stmt *st, int creating, int64_t *id, int *conflict)
{
	enum db_rc	rc;

	if (!creating)
		return edit_exec(st, conflict);
	*conflict = 0;
	if ((rc = db_exec(st)) == DB_OK)
		*id = (int64_t)db_insert_id(st);
	return rc;
}

/* Whether field f was changed by the edit (given a value, on a
 * creation). */
static int
edit_changed(const struct edit_field *f)
{
	const char	*mine = f->mine ? f->mine : "";

	if (f->stored == NULL)
		return mine[0] != '\0';
	return strcmp(f->stored, mine) != 0;
}

/* See edit.h. */
enum db_rc
edit_audit(struct req *r, const char *entity, int64_t id, const char *action,
    const struct edit_field *f, size_t n, int *nchanges)
{
	struct audit_change	ch[EDIT_MAX_FIELDS];
	char			idtext[24];
	size_t			i, nch = 0;

	for (i = 0; i < n && i < EDIT_MAX_FIELDS; i++)
		if (edit_changed(&f[i]))
			ch[nch++] = (struct audit_change){f[i].name,
			    f[i].stored, f[i].mine ? f[i].mine : ""};
	if (nchanges != NULL)
		*nchanges = (int)nch;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	return audit_req(r, entity, idtext, action, ch, nch);
}

/* See edit.h. */
void
edit_conflict(struct req *r, const struct edit_field *f, size_t n,
    int64_t stored_version)
{
	char	node[64];
	size_t	i, row = 0;

	page_set(r, "Conflict.Show", "1");
	for (i = 0; i < n; i++) {
		if (!edit_changed(&f[i]))
			continue;
		snprintf(node, sizeof(node), "Conflict.Rows.%zu.Label", row);
		page_set(r, node, f[i].label ? f[i].label : f[i].name);
		snprintf(node, sizeof(node), "Conflict.Rows.%zu.Stored", row);
		page_set(r, node, f[i].stored ? f[i].stored : "");
		snprintf(node, sizeof(node), "Conflict.Rows.%zu.Mine", row);
		page_set(r, node, f[i].mine ? f[i].mine : "");
		row++;
	}
	page_set_int(r, "Form.version.Value", stored_version);
}

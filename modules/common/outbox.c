/*
 * outbox.c: queue messages in the caller's transaction and read the
 * message templates (see outbox.h).
 */
#include "config.h"

#include <string.h>

#include "common_sql.h"
#include "log.h"
#include "outbox.h"
#include "sms.h"

/* See outbox.h. */
enum db_rc
outbox_enqueue(struct db *db, const struct outbox_msg *m, int64_t *id)
{
	struct db_stmt	*st;
	struct sms_cost	 c = { SMS_GSM7, 0, 1 };
	enum db_rc	 rc;

	if (strcmp(m->channel, "sms") == 0 && sms_cost(m->body, &c) != 0) {
		log_err("outbox: %s message for %s %lld is not UTF-8",
		    m->event, m->entity, (long long)m->entity_id);
		return DB_ERROR;
	}
	if ((st = db_cstmt(db, CSQL_OUTBOX_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, m->channel);
	db_bind_text(st, 1, m->to);
	db_bind_text(st, 2, m->lang);
	db_bind_text(st, 3, m->event);
	db_bind_text(st, 4, m->entity != NULL ? m->entity : "");
	if (m->entity_id > 0)
		db_bind_int(st, 5, m->entity_id);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, m->body);
	db_bind_int(st, 7, c.coding);
	db_bind_int(st, 8, (int64_t)(c.segments > 127 ? 127 : c.segments));
	db_bind_text(st, 9, m->dedup_key);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (id != NULL)
		*id = (int64_t)db_insert_id(st);
	return DB_OK;
}

/* See outbox.h. */
int
outbox_template(struct db *db, const char *event, const char *lang,
    struct buf *out)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int		 found = 0;

	buf_reset(out);
	if ((st = db_cstmt(db, CSQL_TEMPLATE_BODY)) == NULL)
		return -1;
	db_bind_text(st, 0, event);
	db_bind_text(st, 1, lang);
	db_bind_text(st, 2, lang);
	while ((rc = db_step(st)) == DB_ROW) {
		if (buf_puts(out, db_col_text(st, 0)) != 0) {
			db_reset(st);
			return -1;
		}
		found = 1;
	}
	if (rc != DB_OK)
		return -1;
	return found;
}

/*
 * messages.c: what an appointment says by SMS (see messages.h). The
 * text comes from message_template in the booking's language (English
 * when the language has none); times are stored in UTC and written in
 * the site's zone; the documents to bring are shortened with a pointer
 * to the booking page rather than going past SMS_MAX_SEGMENTS parts.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "booking.h"
#include "htime.h"
#include "log.h"
#include "messages.h"
#include "outbox.h"

#define MANAGE_URL_DEFAULT	"/book/manage"

/* The columns of BSQL_MSG_APPOINTMENT, copied out of the row. */
struct appt_info {
	char	 reference[16];
	char	 start_utc[32];
	char	 phone[17];
	char	 lang[8];
	char	 site[201];
	char	 address[512];
	char	 zone[65];
	char	 status[16];
	struct buf docs;
};

/* Copy a column into a fixed buffer (cut if too long). */
static void
col_copy(struct db_stmt *st, size_t i, char *out, size_t outsz)
{
	const char	*s = db_col_text(st, i);

	snprintf(out, outsz, "%s", s != NULL ? s : "");
}

/*
 * Read appointment id into *a. Returns DB_OK, DB_ERROR when there is
 * no such appointment, or the database error.
 */
static enum db_rc
appt_load(struct db *db, int64_t id, struct appt_info *a)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	int		 found = 0;

	if ((st = booking_stmt(db, BSQL_MSG_APPOINTMENT)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW) {
		col_copy(st, 0, a->reference, sizeof(a->reference));
		col_copy(st, 1, a->start_utc, sizeof(a->start_utc));
		col_copy(st, 2, a->phone, sizeof(a->phone));
		col_copy(st, 3, a->lang, sizeof(a->lang));
		col_copy(st, 4, a->site, sizeof(a->site));
		col_copy(st, 5, a->address, sizeof(a->address));
		col_copy(st, 6, a->zone, sizeof(a->zone));
		buf_reset(&a->docs);
		if (buf_puts(&a->docs, db_col_text(st, 7) ?
		    db_col_text(st, 7) : "") != 0) {
			db_reset(st);
			return DB_ERROR;
		}
		col_copy(st, 8, a->status, sizeof(a->status));
		found = 1;
	}
	if (rc != DB_OK)
		return rc;
	if (!found) {
		log_warn("messages: no appointment %lld", (long long)id);
		return DB_ERROR;
	}
	return DB_OK;
}

/* See messages.h. {count} belongs to the documents_more template. */
const char *const appt_message_placeholders[] = {
	"reference", "date", "time", "site", "address", "manage_url",
	"status", "documents", "count", NULL,
};

/* See messages.h. */
enum db_rc
appt_message_render(struct db *db, const struct conf *conf, int64_t id,
    const char *event, struct buf *out, char phone[17], char lang[8])
{
	struct appt_info a;
	struct buf	 tpl = {0}, more = {0};
	struct sms_var	 v[7];
	char		 date[32] = "", tm[16] = "";
	const char	*manage;
	time_t		 t;
	enum db_rc	 rc;
	int		 n;

	memset(&a, 0, sizeof(a));
	if ((rc = appt_load(db, id, &a)) != DB_OK)
		goto out;
	if (time_parse_utc(a.start_utc, &t) == 0) {
		time_format_zone(t, a.zone, "%d/%m/%Y", date, sizeof(date));
		time_format_zone(t, a.zone, "%H:%M", tm, sizeof(tm));
	}
	if ((n = outbox_template(db, event, a.lang, &tpl)) <= 0 ||
	    outbox_template(db, "documents_more", a.lang, &more) < 0) {
		if (n == 0)
			log_err("messages: no template for %s", event);
		rc = n == 0 ? DB_ERROR : db_last_rc(db);
		if (rc == DB_OK)
			rc = DB_ERROR;
		goto out;
	}
	manage = conf != NULL ? conf_get(conf, "Notify.ManageUrl",
	    MANAGE_URL_DEFAULT) : MANAGE_URL_DEFAULT;
	v[0].name = "reference";	v[0].value = a.reference;
	v[1].name = "date";		v[1].value = date;
	v[2].name = "time";		v[2].value = tm;
	v[3].name = "site";		v[3].value = a.site;
	v[4].name = "address";		v[4].value = a.address;
	v[5].name = "manage_url";	v[5].value = manage;
	v[6].name = "status";		v[6].value = a.status;
	if (sms_compose(tpl.data, v, 7, a.docs.data, more.data,
	    SMS_MAX_SEGMENTS, out, NULL) < 0) {
		rc = DB_ERROR;
		goto out;
	}
	if (phone != NULL)
		snprintf(phone, 17, "%s", a.phone);
	if (lang != NULL)
		snprintf(lang, 8, "%s", a.lang);
	rc = DB_OK;
out:
	buf_free(&a.docs);
	buf_free(&tpl);
	buf_free(&more);
	return rc;
}

/*
 * Render event for appointment id and queue it with dedup key (NULL:
 * none). Returns what outbox_enqueue returns, or the render error.
 */
static enum db_rc
enqueue(struct db *db, const struct conf *conf, int64_t id,
    const char *event, const char *dedup)
{
	struct outbox_msg m;
	struct buf	 body = {0};
	char		 phone[17], lang[8];
	int64_t		 mid = 0;
	enum db_rc	 rc;

	if ((rc = appt_message_render(db, conf, id, event, &body, phone,
	    lang)) != DB_OK)
		goto out;
	memset(&m, 0, sizeof(m));
	m.channel = "sms";
	m.to = phone;
	m.lang = lang;
	m.event = event;
	m.entity = "appointment";
	m.entity_id = id;
	m.body = body.data;
	m.dedup_key = dedup;
	if ((rc = outbox_enqueue(db, &m, &mid)) == DB_OK)
		log_info("outbox: queued %s message %lld for appointment %lld",
		    event, (long long)mid, (long long)id);
out:
	buf_free(&body);
	return rc;
}

/* See messages.h. */
enum db_rc
appt_message_enqueue(struct db *db, const struct conf *conf, int64_t id,
    const char *event)
{
	return enqueue(db, conf, id, event, NULL);
}

/* See messages.h. */
enum db_rc
appt_reminder_enqueue(struct db *db, const struct conf *conf, int64_t id)
{
	struct appt_info a;
	char		 key[96];
	enum db_rc	 rc;

	memset(&a, 0, sizeof(a));
	rc = appt_load(db, id, &a);
	buf_free(&a.docs);
	if (rc != DB_OK)
		return rc;
	/* A moved appointment gets a reminder for its new time. */
	snprintf(key, sizeof(key), "reminder:%lld:%s", (long long)id,
	    a.start_utc);
	return enqueue(db, conf, id, "reminder", key);
}

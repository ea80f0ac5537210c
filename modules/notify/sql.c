/*
 * sql.c: every statement of havre-notify, indexed by enum notify_sql.
 * Placeholders only; prepared once per connection.
 */
#include "config.h"

#include "booking.h"
#include "notify.h"

const char *const notify_sqls[NSQL__MAX] = {
	/* Due SMS, oldest first; rows another daemon holds are skipped
	 * (on Galera, across nodes, the conflict surfaces as a deadlock
	 * and the claim transaction is retried). */
	[NSQL_CLAIM_DUE] =
	    "SELECT id FROM outbox_message WHERE status = 'queued' "
	    "AND channel = 'sms' AND next_try_at <= UTC_TIMESTAMP(6) "
	    "ORDER BY next_try_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
	[NSQL_CLAIM_MARK] =
	    "UPDATE outbox_message SET status = 'sending', claimed_by = ?, "
	    "claimed_at = UTC_TIMESTAMP(6), attempts = attempts + 1 "
	    "WHERE id = ? AND status = 'queued'",
	[NSQL_MESSAGE_GET] =
	    "SELECT to_addr, body, coding, attempts FROM outbox_message "
	    "WHERE id = ?",
	/* A delivery report may arrive before this update: it never
	 * turns delivered or failed back into sent. */
	[NSQL_MARK_SENT] =
	    "UPDATE outbox_message SET status = IF(status = 'sending', "
	    "'sent', status), provider_id = LEFT(?, 64), "
	    "sent_at = UTC_TIMESTAMP(6), last_error = NULL "
	    "WHERE id = ? AND claimed_by = ?",
	[NSQL_MARK_RETRY] =
	    "UPDATE outbox_message SET status = 'queued', claimed_by = NULL, "
	    "next_try_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND, "
	    "last_error = LEFT(?, 255) WHERE id = ? AND status = 'sending' "
	    "AND claimed_by = ?",
	[NSQL_MARK_FAILED] =
	    "UPDATE outbox_message SET status = 'failed', "
	    "last_error = LEFT(?, 255) WHERE id = ? AND status = 'sending' "
	    "AND claimed_by = ?",
	/* A daemon that died between its claim and its update leaves the
	 * message in 'sending': give it back after the claim timeout. */
	[NSQL_RECLAIM_STALE] =
	    "UPDATE outbox_message SET status = 'queued', claimed_by = NULL, "
	    "last_error = 'claim expired' WHERE status = 'sending' "
	    "AND claimed_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND LIMIT 100",
	/* Open appointments starting within the reminder window whose
	 * reminder for this start time is not queued yet; bookings made
	 * within the last hour wait (their confirmation just went out). */
	[NSQL_REMINDERS_DUE] =
	    "SELECT a.id FROM appointment a "
	    "WHERE a.status IN " BOOKING_SQL_OPEN " "
	    "AND a.start_utc > UTC_TIMESTAMP() "
	    "AND a.start_utc <= UTC_TIMESTAMP() + INTERVAL ? HOUR "
	    "AND a.created_at < UTC_TIMESTAMP(6) - INTERVAL 1 HOUR "
	    "AND NOT EXISTS (SELECT 1 FROM outbox_message o "
	    "WHERE o.dedup_key = CONCAT('reminder:', a.id, ':', "
	    "DATE_FORMAT(a.start_utc, '%Y-%m-%d %H:%i:%s'))) "
	    "ORDER BY a.start_utc LIMIT 200",
};

/*
 * db.h: MariaDB through Connector/C prepared statements only.
 *
 * Each program declares its SQL in one enum-indexed table (kcaldav's
 * sqls[SQL__MAX]); statements are prepared lazily once per connection
 * and re-prepared after a reconnect. Values are bound through typed
 * helpers; results are read column by column as text or integers.
 */
#ifndef HAVRE_DB_H
#define HAVRE_DB_H

#include <stddef.h>
#include <stdint.h>

struct conf;
struct db;
struct db_stmt;

/*
 * The largest id a form, a route or the API accepts: 2^53 - 1, the
 * largest integer a JSON number (a browser's or a partner's client)
 * holds exactly, so an id read back from JSON is the id written.
 */
#define DB_ID_MAX	9007199254740991LL

/* Result of every database call. */
enum db_rc {
	DB_OK = 0,	/* done (for db_step: no more rows) */
	DB_ROW,		/* db_step: a row is available */
	DB_DOWN,	/* server unreachable: answer 503, retry next request */
	DB_RETRY,	/* deadlock (1213) or lock wait timeout (1205) */
	DB_DUP,		/* duplicate key (1062) */
	DB_ERROR,	/* anything else: logged */
};

/*
 * Create a handle for the configured server and the program's SQL table
 * (nsql strings, kept by reference). Does not connect yet.
 * Returns NULL on allocation failure.
 */
struct db	*db_new(const struct conf *, const char *const *sqls, size_t nsql);
/* Close and free; NULLs the pointer. */
void		 db_free(struct db **);
/* Connect if needed and check the server answers. DB_OK or DB_DOWN. */
enum db_rc	 db_ping(struct db *);

/*
 * Get statement number id of the program's table, prepared and reset
 * with no binds. Returns NULL if the server is down or the SQL fails to
 * prepare (db_last_rc() tells which).
 */
struct db_stmt	*db_stmt(struct db *, size_t id);
/* The same for the common library's own table (common_sql.h). */
struct db_stmt	*db_cstmt(struct db *, size_t id);
/*
 * A domain library's own enum-indexed table (libperson's person_sqls[]
 * ...): a short name for the log ("psql") and its nsql statements.
 */
struct db_table {
	const char		*name;
	const char *const	*sqls;
	size_t			 nsql;
};
/* Statement id of table t, prepared and reset, as db_stmt(). */
struct db_stmt	*db_tstmt(struct db *, const struct db_table *t, size_t id);
enum db_rc	 db_last_rc(const struct db *);

/* Bind parameter i (0-based). NULL text binds SQL NULL. */
void	 db_bind_text(struct db_stmt *, size_t i, const char *);
void	 db_bind_blob(struct db_stmt *, size_t i, const void *, size_t);
void	 db_bind_int(struct db_stmt *, size_t i, int64_t);
void	 db_bind_null(struct db_stmt *, size_t i);
/*
 * Bind text that a statement compares with a CHARACTER SET ascii column
 * (codes, references, entity names). MariaDB refuses to compare such a
 * column with a string holding other characters (error 1267, "Illegal
 * mix of collations": a 500 for whoever typed "é" into a code), and no
 * value of the column can equal one: text outside ASCII binds SQL NULL,
 * which equals nothing.
 */
void	 db_bind_ascii(struct db_stmt *, size_t i, const char *);

/* Execute a statement that returns no rows. */
enum db_rc	 db_exec(struct db_stmt *);
/*
 * Execute on first call, then fetch the next row: DB_ROW while rows
 * remain, DB_OK at the end (the statement is then reset), or an error.
 */
enum db_rc	 db_step(struct db_stmt *);
/* Stop reading a result early; the statement can be reused. */
void		 db_reset(struct db_stmt *);

/* Column i of the current row: text (NULL for SQL NULL; valid until the
 * next step), its length, integer (0 for NULL), is-null. */
const char	*db_col_text(struct db_stmt *, size_t i);
size_t		 db_col_len(struct db_stmt *, size_t i);
int64_t		 db_col_int(struct db_stmt *, size_t i);
int		 db_col_null(struct db_stmt *, size_t i);

/* After db_exec: rows changed, and the last AUTO_INCREMENT id. */
uint64_t	 db_affected(struct db_stmt *);
uint64_t	 db_insert_id(struct db_stmt *);

/*
 * Run fn(db, arg) inside BEGIN ... COMMIT. If fn or COMMIT reports
 * DB_RETRY (deadlock, lock wait timeout, Galera certification failure),
 * roll back and run it again, at most DB_TXN_TRIES times with a short
 * random back-off. fn must be safe to rerun from the start (it reads
 * again what it needs). Any other non-DB_OK result rolls back and is
 * returned. DB_OK means committed.
 */
#define DB_TXN_TRIES 5
typedef enum db_rc (*db_txn_fn)(struct db *, void *arg);
enum db_rc	 db_txn(struct db *, db_txn_fn, void *arg);

/*
 * A LIKE pattern (with ESCAPE '!') matching text anywhere: "%" text "%",
 * its '!', '%' and '_' escaped, into out (outsz bytes; text cut at a
 * character boundary if it must be). LIKE compares by the column's
 * collation, so "elodie" finds "Élodie" where LOCATE() does not.
 */
void		 db_like_contains(const char *text, char *out, size_t outsz);

/* Is a db_txn running on db (its fn is calling)? 1 or 0. */
int		 db_in_txn(const struct db *);

/* Direct multi-statement text execution: migrations only (havre-admin),
 * never with request data. */
enum db_rc	 db_exec_script(struct db *, const char *sql, size_t len);

/*
 * The HTTP status for a failed database call: 503 when the server is
 * down or a conflict persisted (DB_RETRY: nothing was written, the
 * client may retry later), 500 for anything else.
 */
int		 db_http_status(enum db_rc);

/* The last server error text and number (for the log, never a page). */
const char	*db_errmsg(const struct db *);
unsigned int	 db_errno(const struct db *);

#endif

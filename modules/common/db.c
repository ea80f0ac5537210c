/*
 * db.c: MariaDB through Connector/C prepared statements.
 *
 * One connection per process, opened lazily. Statements come from
 * enum-indexed tables (the program's, common_sqls[], and those of the
 * domain libraries the program links: struct db_table), are prepared
 * on first use and cached until the connection is lost. A lost
 * connection closes everything and the failing call returns DB_DOWN;
 * the next call connects again. Results are stored client-side
 * (mysql_stmt_store_result) so several statements can be used in a
 * row, and every column is fetched as text into a growable buffer.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include <sodium.h>

#include "buf.h"
#include "common_sql.h"
#include "conf.h"
#include "db.h"
#include "log.h"

#define DB_CONNECT_TIMEOUT	2	/* seconds */
#define DB_RW_TIMEOUT		30	/* seconds, each read or write */
#define DB_COL_INITIAL		256	/* first size of a column buffer */
#ifndef DB_IDLE_CHECK
#define DB_IDLE_CHECK		60	/* seconds idle before a liveness ping */
#endif

/*
 * Run on every new connection: times are stored in UTC; strict mode
 * and no silent engine substitution (tables must stay InnoDB).
 */
#define DB_INIT_COMMAND \
	"SET time_zone = '+00:00', " \
	"sql_mode = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO," \
	"NO_ENGINE_SUBSTITUTION'"

/*
 * Run after it when DB.SyncWait is 1: on a Galera node, every read
 * first waits until the node has applied what the cluster committed
 * before it (read-your-writes across nodes).
 */
#define DB_SYNC_WAIT_COMMAND	"SET wsrep_sync_wait = 1"

/* Server errors without a name in every header version. */
#ifndef ER_CONNECTION_KILLED
#define ER_CONNECTION_KILLED	1927
#endif
#define DB_ER_IDLE_DISCONNECT	4031	/* idle session killed (wait_timeout) */
#define DB_ER_EMPTY_QUERY	1065

/* A parameter's value, kept until the statement runs. */
struct db_param {
	char		*buf;		/* text or blob bytes (copy) */
	size_t		 cap;
	unsigned long	 len;
	long long	 ival;
};

/* A result column, always fetched as text. */
struct db_col {
	char		*buf;		/* NUL-terminated after each fetch */
	size_t		 cap;		/* bytes allocated (> len) */
	unsigned long	 len;
	my_bool		 is_null;
	my_bool		 err;		/* truncated by the last fetch */
	/* A DATE, TIME, DATETIME or TIMESTAMP column without fractional
	 * seconds is fetched into tm and written into buf as text here
	 * (db_time_text); temporal is its type, 0 for other columns. */
	int		 temporal;
	MYSQL_TIME	 tm;
};

struct db_stmt {
	struct db	*db;
	const char	*sql;
	char		 label[24];	/* "sql#12", "csql#3", "psql#1" for the log */
	MYSQL_STMT	*stmt;		/* NULL: not prepared on this connection */
	unsigned long	 nparam;
	MYSQL_BIND	*pbind;
	struct db_param	*param;
	unsigned int	 ncol;
	MYSQL_BIND	*rbind;
	struct db_col	*col;
	int		 active;	/* executed with a stored result */
	int		 row;		/* a row has been fetched */
	int		 bad_bind;	/* a bind call was out of range */
};

/* The statements of one library table on this handle (db_tstmt). */
struct db_libslots {
	const struct db_table	*table;
	struct db_stmt		**slots;	/* table->nsql, created lazily */
};

/* The most library tables one handle serves (booking, person, ...). */
#define DB_TABLES_MAX	8

struct db {
	const struct conf	*conf;
	MYSQL			*my;		/* NULL while disconnected */
	const char *const	*sqls;
	size_t			 nsql;
	struct db_stmt		**pstmts;	/* nsql, created lazily */
	struct db_stmt		*cstmts[CSQL__MAX];
	struct db_libslots	 libs[DB_TABLES_MAX];
	size_t			 nlibs;
	enum db_rc		 last_rc;
	int			 in_txn;	/* inside db_txn: no silent reconnect */
	time_t			 last_used;	/* CLOCK_MONOTONIC seconds */
	unsigned int		 err_no;
	char			 errmsg[512];
};

static void	db_disconnect(struct db *);
static time_t	db_now(void);

/*
 * Returns 1 if the error number means the connection is unusable.
 */
static int
db_err_lost(unsigned int no)
{
	switch (no) {
	case CR_CONNECTION_ERROR:	/* 2002: can't connect via socket */
	case CR_CONN_HOST_ERROR:	/* 2003: can't connect via TCP */
	case CR_SERVER_GONE_ERROR:	/* 2006 */
	case CR_SERVER_LOST:		/* 2013 */
	case CR_SERVER_LOST_EXTENDED:	/* 2055 */
	case ER_SERVER_SHUTDOWN:	/* 1053: shutdown in progress */
	case ER_UNKNOWN_COM_ERROR:	/* 1047: Galera node not ready */
	case ER_CONNECTION_KILLED:	/* 1927 */
	case DB_ER_IDLE_DISCONNECT:	/* 4031 */
		return 1;
	default:
		return 0;
	}
}

/*
 * Record a failure of what (a label for the log) with the server's
 * number and text, log it, and classify it. A lost connection is closed
 * (statements included) so that the next call reconnects.
 * Returns the db_rc for the error (never DB_OK), also kept as last_rc.
 */
static enum db_rc
db_fail(struct db *db, const char *what, unsigned int no, const char *msg)
{
	enum db_rc	 rc;

	db->err_no = no;
	snprintf(db->errmsg, sizeof(db->errmsg), "%s",
	    msg != NULL ? msg : "unknown error");
	if (no == ER_LOCK_DEADLOCK || no == ER_LOCK_WAIT_TIMEOUT) {
		rc = DB_RETRY;
		log_warn("db: %s: %s (%u)", what, db->errmsg, no);
	} else if (no == ER_DUP_ENTRY || no == ER_DUP_KEY ||
	    no == ER_DUP_ENTRY_WITH_KEY_NAME) {
		/* The server's text quotes the duplicate value, which may
		 * be personal data: keep it out of the log. */
		rc = DB_DUP;
		log_info("db: %s: duplicate key (%u)", what, no);
	} else if (db_err_lost(no)) {
		rc = DB_DOWN;
		log_err("db: %s: connection lost: %s (%u)", what, db->errmsg,
		    no);
		db_disconnect(db);
	} else {
		rc = DB_ERROR;
		log_err("db: %s: %s (%u)", what, db->errmsg, no);
	}
	db->last_rc = rc;
	return rc;
}

/* The same for an error on the connection handle. */
static enum db_rc
db_fail_conn(struct db *db, const char *what)
{
	return db_fail(db, what, mysql_errno(db->my), mysql_error(db->my));
}

/* The same for an error on a statement handle. */
static enum db_rc
db_fail_stmt(struct db_stmt *st, const char *what)
{
	char	 label[64];

	snprintf(label, sizeof(label), "%s %s", st->label, what);
	return db_fail(st->db, label, mysql_stmt_errno(st->stmt),
	    mysql_stmt_error(st->stmt));
}

/*
 * Unprepare the n statements of slots (NULL entries skipped); the
 * wrappers stay allocated.
 */
static void
db_slots_close(struct db_stmt **slots, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		struct db_stmt	*st = slots[i];

		if (st == NULL || st->stmt == NULL)
			continue;
		mysql_stmt_close(st->stmt);
		st->stmt = NULL;
		st->active = st->row = 0;
	}
}

/*
 * Close the connection and every prepared statement; the statement
 * wrappers stay allocated (callers may hold them) but are unprepared.
 * mysql_close() first detaches the statements, so closing them after
 * only frees memory and sends nothing to a dead server.
 */
static void
db_disconnect(struct db *db)
{
	size_t	 i;

	if (db->my != NULL) {
		mysql_close(db->my);
		db->my = NULL;
	}
	db_slots_close(db->pstmts, db->nsql);
	db_slots_close(db->cstmts, CSQL__MAX);
	for (i = 0; i < db->nlibs; i++)
		db_slots_close(db->libs[i].slots, db->libs[i].table->nsql);
}

/*
 * Open the connection: the socket if DB.Socket is set, else host and
 * port; utf8mb4, UTC session time zone, short connect timeout.
 * Returns DB_OK, or DB_DOWN (logged) if the server cannot be reached
 * or refuses us.
 */
static enum db_rc
db_connect(struct db *db)
{
	const struct conf	*c = db->conf;
	const char		*sock, *host;
	unsigned int		 cto = DB_CONNECT_TIMEOUT, rwto = DB_RW_TIMEOUT;
	my_bool			 reconnect = 0;

	if (db->my != NULL)
		return DB_OK;
	if ((db->my = mysql_init(NULL)) == NULL) {
		log_err("db: mysql_init: out of memory");
		db->last_rc = DB_DOWN;
		return DB_DOWN;
	}
	sock = (c->db_socket != NULL && *c->db_socket != '\0') ?
	    c->db_socket : NULL;
	host = sock != NULL ? "localhost" : c->db_host;
	mysql_options(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &cto);
	mysql_options(db->my, MYSQL_OPT_READ_TIMEOUT, &rwto);
	mysql_options(db->my, MYSQL_OPT_WRITE_TIMEOUT, &rwto);
	mysql_options(db->my, MYSQL_OPT_RECONNECT, &reconnect);
	mysql_options(db->my, MYSQL_INIT_COMMAND, DB_INIT_COMMAND);
	/* Galera: reads wait for the node to catch up (DB.SyncWait). */
	if (c->db_sync_wait)
		mysql_options(db->my, MYSQL_INIT_COMMAND, DB_SYNC_WAIT_COMMAND);

	if (mysql_real_connect(db->my, host, c->db_user, c->db_password,
	    c->db_name, (unsigned int)c->db_port, sock, 0) == NULL) {
		db->err_no = mysql_errno(db->my);
		snprintf(db->errmsg, sizeof(db->errmsg), "%s",
		    mysql_error(db->my));
		log_err("db: cannot connect to %s: %s (%u)",
		    sock != NULL ? sock : (host != NULL ? host : "?"),
		    db->errmsg, db->err_no);
		mysql_close(db->my);
		db->my = NULL;
		db->last_rc = DB_DOWN;
		return DB_DOWN;
	}
	db->last_used = db_now();
	db->last_rc = DB_OK;
	return DB_OK;
}

/* Seconds of a monotonic clock. */
static time_t
db_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/*
 * Make sure a connection is open before a call. A connection idle for
 * DB_IDLE_CHECK seconds is pinged first and, if the server closed it
 * meanwhile (wait_timeout, a restart overnight), silently replaced, so
 * that the first request of the morning does not get a 503; a server
 * that is really down still gives DB_DOWN.
 * Returns DB_OK or DB_DOWN.
 */
static enum db_rc
db_ready(struct db *db)
{
	time_t	 now;

	now = db_now();
	if (db->my != NULL && now - db->last_used >= DB_IDLE_CHECK &&
	    mysql_ping(db->my) != 0) {
		log_info("db: idle connection was closed by the server: %s",
		    mysql_error(db->my));
		db_disconnect(db);
	}
	if (db->my == NULL && db_connect(db) != DB_OK)
		return DB_DOWN;
	db->last_used = now;
	return DB_OK;
}

/*
 * Create a handle for the configured server and the program's table of
 * nsql statements (kept by reference). Does not connect.
 * Returns NULL on allocation failure.
 */
struct db *
db_new(const struct conf *conf, const char *const *sqls, size_t nsql)
{
	struct db	*db;

	if (sodium_init() < 0)
		return NULL;
	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	db->conf = conf;
	db->sqls = sqls;
	db->nsql = nsql;
	if (nsql > 0 &&
	    (db->pstmts = calloc(nsql, sizeof(*db->pstmts))) == NULL) {
		free(db);
		return NULL;
	}
	return db;
}

/*
 * Free a statement wrapper's buffers (the handle must be closed).
 */
static void
db_stmt_free_bufs(struct db_stmt *st)
{
	unsigned long	 i;

	for (i = 0; i < st->nparam; i++)
		free(st->param[i].buf);
	free(st->param);
	free(st->pbind);
	st->param = NULL;
	st->pbind = NULL;
	st->nparam = 0;
	for (i = 0; i < st->ncol; i++)
		free(st->col[i].buf);
	free(st->col);
	free(st->rbind);
	st->col = NULL;
	st->rbind = NULL;
	st->ncol = 0;
}

/*
 * Free the n statement wrappers of slots (already unprepared).
 */
static void
db_slots_free(struct db_stmt **slots, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (slots[i] == NULL)
			continue;
		db_stmt_free_bufs(slots[i]);
		free(slots[i]);
		slots[i] = NULL;
	}
}

/*
 * Close the connection and free everything; NULLs *pdb.
 */
void
db_free(struct db **pdb)
{
	struct db	*db;
	size_t		 i;

	if (pdb == NULL || (db = *pdb) == NULL)
		return;
	db_disconnect(db);
	db_slots_free(db->pstmts, db->nsql);
	db_slots_free(db->cstmts, CSQL__MAX);
	for (i = 0; i < db->nlibs; i++) {
		db_slots_free(db->libs[i].slots, db->libs[i].table->nsql);
		free(db->libs[i].slots);
	}
	free(db->pstmts);
	free(db);
	*pdb = NULL;
}

/*
 * Connect if needed and check that the server answers.
 * Returns DB_OK or DB_DOWN (a lost connection is closed; the next call
 * connects again).
 */
enum db_rc
db_ping(struct db *db)
{
	if (db->my == NULL)
		return db_connect(db);
	if (mysql_ping(db->my) != 0) {
		if (db_fail_conn(db, "ping") != DB_DOWN)
			db_disconnect(db);
		db->last_rc = DB_DOWN;
		return DB_DOWN;
	}
	db->last_used = db_now();
	db->last_rc = DB_OK;
	return DB_OK;
}

/*
 * The field type of a column whose text db_time_text() writes: DATE,
 * TIME, DATETIME or TIMESTAMP without fractional seconds (decimals 0);
 * else 0 (the column is fetched as text by libmariadb).
 */
static int
db_temporal_type(const MYSQL_FIELD *f)
{
	if (f == NULL || f->decimals != 0)
		return 0;
	switch (f->type) {
	case MYSQL_TYPE_DATE:
	case MYSQL_TYPE_TIME:
	case MYSQL_TYPE_DATETIME:
	case MYSQL_TYPE_TIMESTAMP:
		return (int)f->type;
	default:
		return 0;
	}
}

/* Write v in decimal, at least width digits (zero-padded, as %0*u);
 * returns the end of the digits. */
static char *
db_put_uint(char *out, unsigned long v, int width)
{
	char	 tmp[24];
	int	 n = 0;

	/* The usual widths first: a date's and a time's fields. */
	if (width == 2 && v < 100) {
		out[0] = (char)('0' + v / 10);
		out[1] = (char)('0' + v % 10);
		return out + 2;
	}
	if (width == 4 && v < 10000) {
		out[0] = (char)('0' + v / 1000);
		out[1] = (char)('0' + v / 100 % 10);
		out[2] = (char)('0' + v / 10 % 10);
		out[3] = (char)('0' + v % 10);
		return out + 4;
	}
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n < width)
		tmp[n++] = '0';
	while (n > 0)
		*out++ = tmp[--n];
	return out;
}

/*
 * The text of a temporal column (type: db_temporal_type) fetched into
 * t, as libmariadb writes it when the column is bound as a string
 * ("%04u-%02u-%02u", "%s%02u:%02u:%02u" with its hours past 24, and the
 * two joined by a space; no fraction since decimals is 0), without its
 * sprintf: formatting three temporal columns per row through printf
 * was a third of the partner API's availability. out holds at least
 * 64 bytes. Returns the length written (NUL-terminated).
 */
static size_t
db_time_text(const MYSQL_TIME *t, int type, char *out)
{
	char	*p = out;

	if (type != MYSQL_TYPE_TIME) {
		p = db_put_uint(p, t->year, 4);
		*p++ = '-';
		p = db_put_uint(p, t->month, 2);
		*p++ = '-';
		p = db_put_uint(p, t->day, 2);
		if (type != MYSQL_TYPE_DATE)
			*p++ = ' ';
	} else if (t->neg)
		*p++ = '-';
	if (type != MYSQL_TYPE_DATE) {
		p = db_put_uint(p, t->hour, 2);
		*p++ = ':';
		p = db_put_uint(p, t->minute, 2);
		*p++ = ':';
		p = db_put_uint(p, t->second, 2);
	}
	*p = '\0';
	return (size_t)(p - out);
}

/*
 * Size the result binds to the statement's column count and bind them:
 * every column as a string into its own buffer, but temporal ones
 * (db_temporal_type) into their MYSQL_TIME, made text after each fetch.
 * Returns 0, or -1 on allocation failure.
 */
static int
db_stmt_bind_result(struct db_stmt *st)
{
	MYSQL_RES	*meta;
	MYSQL_FIELD	*fields = NULL;
	unsigned int	 n, i;

	n = mysql_stmt_field_count(st->stmt);
	if (n != st->ncol) {
		for (i = 0; i < st->ncol; i++)
			free(st->col[i].buf);
		free(st->col);
		free(st->rbind);
		st->col = NULL;
		st->rbind = NULL;
		st->ncol = 0;
		if (n == 0)
			return 0;
		st->col = calloc(n, sizeof(*st->col));
		st->rbind = calloc(n, sizeof(*st->rbind));
		if (st->col == NULL || st->rbind == NULL)
			return -1;
		st->ncol = n;
		for (i = 0; i < n; i++) {
			if ((st->col[i].buf = malloc(DB_COL_INITIAL)) == NULL)
				return -1;
			st->col[i].cap = DB_COL_INITIAL;
		}
	}
	if (st->ncol == 0)
		return 0;
	/* The result's field types (NULL when it has none to tell). */
	if ((meta = mysql_stmt_result_metadata(st->stmt)) != NULL &&
	    mysql_num_fields(meta) == st->ncol)
		fields = mysql_fetch_fields(meta);
	for (i = 0; i < st->ncol; i++) {
		MYSQL_BIND	*b = &st->rbind[i];
		struct db_col	*c = &st->col[i];

		memset(b, 0, sizeof(*b));
		c->temporal = fields != NULL ? db_temporal_type(&fields[i]) : 0;
		if (c->temporal) {
			/* libmariadb fills a MYSQL_TIME for any temporal
			 * field bound as DATETIME. */
			b->buffer_type = MYSQL_TYPE_DATETIME;
			b->buffer = &c->tm;
			b->buffer_length = sizeof(c->tm);
		} else {
			b->buffer_type = MYSQL_TYPE_STRING;
			b->buffer = c->buf;
			b->buffer_length = c->cap - 1;	/* room for NUL */
		}
		b->length = &c->len;
		b->is_null = &c->is_null;
		b->error = &c->err;
	}
	if (meta != NULL)
		mysql_free_result(meta);
	return mysql_stmt_bind_result(st->stmt, st->rbind) ? -1 : 0;
}

/*
 * Prepare st on the current connection and size its parameters.
 * Returns DB_OK, or the classified error (logged).
 */
static enum db_rc
db_stmt_prepare(struct db_stmt *st)
{
	struct db	*db = st->db;
	unsigned long	 i, n;
	enum db_rc	 rc;

	if ((st->stmt = mysql_stmt_init(db->my)) == NULL)
		return db_fail_conn(db, st->label);
	if (mysql_stmt_prepare(st->stmt, st->sql, strlen(st->sql)) != 0) {
		rc = db_fail_stmt(st, "prepare");
		log_err("db: %s is: %.200s", st->label, st->sql);
		if (st->stmt != NULL) {
			mysql_stmt_close(st->stmt);
			st->stmt = NULL;
		}
		return rc;
	}
	n = mysql_stmt_param_count(st->stmt);
	if (n != st->nparam) {
		for (i = 0; i < st->nparam; i++)
			free(st->param[i].buf);
		free(st->param);
		free(st->pbind);
		st->param = NULL;
		st->pbind = NULL;
		st->nparam = 0;
		if (n > 0) {
			st->param = calloc(n, sizeof(*st->param));
			st->pbind = calloc(n, sizeof(*st->pbind));
			if (st->param == NULL || st->pbind == NULL)
				goto oom;
			st->nparam = n;
		}
	}
	if (db_stmt_bind_result(st) == -1)
		goto oom;
	return DB_OK;
oom:
	log_err("db: %s: out of memory", st->label);
	mysql_stmt_close(st->stmt);
	st->stmt = NULL;
	db->last_rc = DB_ERROR;
	return DB_ERROR;
}

/*
 * Return statement id of table sqls (slot array slots, n entries),
 * prepared on a live connection, with no result pending and every
 * parameter bound to NULL. Returns NULL on failure (db->last_rc says
 * DB_DOWN or DB_ERROR).
 */
static struct db_stmt *
db_stmt_get(struct db *db, struct db_stmt **slots, const char *const *sqls,
    size_t n, size_t id, const char *prefix)
{
	struct db_stmt	*st;
	unsigned long	 i;

	if (id >= n || sqls[id] == NULL) {
		log_err("db: no statement %s#%zu", prefix, id);
		db->last_rc = DB_ERROR;
		return NULL;
	}
	if (db_ready(db) != DB_OK)
		return NULL;
	if ((st = slots[id]) == NULL) {
		if ((st = calloc(1, sizeof(*st))) == NULL) {
			db->last_rc = DB_ERROR;
			return NULL;
		}
		st->db = db;
		st->sql = sqls[id];
		snprintf(st->label, sizeof(st->label), "%s#%zu", prefix, id);
		slots[id] = st;
	}
	if (st->stmt == NULL) {
		/* A connection that died since its last use (the server was
		 * restarted) is replaced once, outside transactions: the
		 * request only fails if the server is still down. */
		if (db_stmt_prepare(st) != DB_OK &&
		    (db->last_rc != DB_DOWN || db->in_txn ||
		    db_ready(db) != DB_OK || db_stmt_prepare(st) != DB_OK))
			return NULL;
	} else if (st->active)
		db_reset(st);
	for (i = 0; i < st->nparam; i++)
		db_bind_null(st, i);
	st->bad_bind = 0;
	db->last_rc = DB_OK;
	return st;
}

/*
 * Statement id of the program's table, prepared and reset.
 * Returns NULL on failure; db_last_rc() tells DB_DOWN from DB_ERROR.
 */
struct db_stmt *
db_stmt(struct db *db, size_t id)
{
	return db_stmt_get(db, db->pstmts, db->sqls, db->nsql, id, "sql");
}

/* The same for the common library's table (common_sql.h). */
struct db_stmt *
db_cstmt(struct db *db, size_t id)
{
	return db_stmt_get(db, db->cstmts, common_sqls, CSQL__MAX, id,
	    "csql");
}

/*
 * The same for a domain library's table t (kept by reference; the
 * handle learns it on first use, DB_TABLES_MAX tables at most).
 * Returns NULL on failure; db_last_rc() tells DB_DOWN from DB_ERROR.
 */
struct db_stmt *
db_tstmt(struct db *db, const struct db_table *t, size_t id)
{
	struct db_libslots	*ls = NULL;
	size_t			 i;

	for (i = 0; i < db->nlibs && ls == NULL; i++)
		if (db->libs[i].table == t)
			ls = &db->libs[i];
	if (ls == NULL) {
		if (db->nlibs == DB_TABLES_MAX) {
			log_err("db: more than %d library tables", DB_TABLES_MAX);
			db->last_rc = DB_ERROR;
			return NULL;
		}
		ls = &db->libs[db->nlibs];
		if ((ls->slots = calloc(t->nsql > 0 ? t->nsql : 1,
		    sizeof(*ls->slots))) == NULL) {
			db->last_rc = DB_ERROR;
			return NULL;
		}
		ls->table = t;
		db->nlibs++;
	}
	return db_stmt_get(db, ls->slots, t->sqls, t->nsql, id, t->name);
}

/* The result of the last call on db. */
enum db_rc
db_last_rc(const struct db *db)
{
	return db->last_rc;
}

/*
 * Check parameter index i of st. Returns its slot, or NULL (and marks
 * the statement so that it fails to execute).
 */
static struct db_param *
db_param_slot(struct db_stmt *st, size_t i)
{
	if (st == NULL)
		return NULL;
	if (i >= st->nparam) {
		log_err("db: %s: no parameter %zu", st->label, i);
		st->bad_bind = 1;
		return NULL;
	}
	memset(&st->pbind[i], 0, sizeof(st->pbind[i]));
	return &st->param[i];
}

/*
 * Copy len bytes into parameter i's buffer and bind them as type.
 */
static void
db_bind_bytes(struct db_stmt *st, size_t i, enum enum_field_types type,
    const void *p, size_t len)
{
	struct db_param	*pa;
	char		*nb;

	if ((pa = db_param_slot(st, i)) == NULL)
		return;
	if (len + 1 > pa->cap) {
		if ((nb = realloc(pa->buf, len + 1)) == NULL) {
			log_err("db: %s: out of memory", st->label);
			st->bad_bind = 1;
			return;
		}
		pa->buf = nb;
		pa->cap = len + 1;
	}
	if (len > 0)
		memcpy(pa->buf, p, len);
	pa->buf[len] = '\0';
	pa->len = (unsigned long)len;
	st->pbind[i].buffer_type = type;
	st->pbind[i].buffer = pa->buf;
	st->pbind[i].buffer_length = pa->len;
	st->pbind[i].length = &pa->len;
}

/* Bind text to parameter i (copied); NULL binds SQL NULL. */
void
db_bind_text(struct db_stmt *st, size_t i, const char *s)
{
	if (s == NULL)
		db_bind_null(st, i);
	else
		db_bind_bytes(st, i, MYSQL_TYPE_STRING, s, strlen(s));
}

/* See db.h. */
void
db_bind_ascii(struct db_stmt *st, size_t i, const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; p != NULL && *p != '\0'; p++)
		if (*p >= 0x80) {
			db_bind_null(st, i);
			return;
		}
	db_bind_text(st, i, s);
}

/* Bind len bytes to parameter i (copied); NULL p binds SQL NULL. */
void
db_bind_blob(struct db_stmt *st, size_t i, const void *p, size_t len)
{
	if (p == NULL)
		db_bind_null(st, i);
	else
		db_bind_bytes(st, i, MYSQL_TYPE_BLOB, p, len);
}

/* Bind a 64-bit signed integer to parameter i. */
void
db_bind_int(struct db_stmt *st, size_t i, int64_t v)
{
	struct db_param	*pa;

	if ((pa = db_param_slot(st, i)) == NULL)
		return;
	pa->ival = v;
	st->pbind[i].buffer_type = MYSQL_TYPE_LONGLONG;
	st->pbind[i].buffer = &pa->ival;
	st->pbind[i].is_unsigned = 0;
}

/* Bind SQL NULL to parameter i. */
void
db_bind_null(struct db_stmt *st, size_t i)
{
	if (db_param_slot(st, i) == NULL)
		return;
	st->pbind[i].buffer_type = MYSQL_TYPE_NULL;
}

/*
 * Execute st with its binds and store any result set client-side.
 * Returns DB_OK, DB_DOWN if the connection was lost since st was
 * obtained, DB_ERROR for a bad bind, or the classified server error.
 */
static enum db_rc
db_stmt_run(struct db_stmt *st)
{
	if (st == NULL)
		return DB_ERROR;
	if (st->stmt == NULL) {
		/* The connection was lost after db_stmt() returned st. */
		st->db->last_rc = DB_DOWN;
		return DB_DOWN;
	}
	if (st->bad_bind) {
		st->db->last_rc = DB_ERROR;
		return DB_ERROR;
	}
	if (st->active)
		db_reset(st);
	if (st->nparam > 0 && mysql_stmt_bind_param(st->stmt, st->pbind))
		return db_fail_stmt(st, "bind");
	if (mysql_stmt_execute(st->stmt) != 0) {
		enum db_rc	rc = db_fail_stmt(st, "execute");

		/* As in db_stmt_get: outside a transaction, a connection
		 * found dead is replaced and the statement (its binds are
		 * kept) runs once more on the new one. */
		if (rc != DB_DOWN || st->db->in_txn ||
		    db_ready(st->db) != DB_OK || db_stmt_prepare(st) != DB_OK)
			return rc;
		log_info("db: reconnected; running %s again", st->label);
		if (st->nparam > 0 &&
		    mysql_stmt_bind_param(st->stmt, st->pbind))
			return db_fail_stmt(st, "bind");
		if (mysql_stmt_execute(st->stmt) != 0)
			return db_fail_stmt(st, "execute");
	}
	if (mysql_stmt_field_count(st->stmt) > 0) {
		if (mysql_stmt_field_count(st->stmt) != st->ncol &&
		    db_stmt_bind_result(st) == -1) {
			log_err("db: %s: out of memory", st->label);
			mysql_stmt_free_result(st->stmt);
			st->db->last_rc = DB_ERROR;
			return DB_ERROR;
		}
		if (mysql_stmt_store_result(st->stmt) != 0)
			return db_fail_stmt(st, "store");
		st->active = 1;
		st->row = 0;
	}
	st->db->last_rc = DB_OK;
	return DB_OK;
}

/*
 * Execute a statement that returns no rows (a result set, if any, is
 * discarded). Returns DB_OK or an error.
 */
enum db_rc
db_exec(struct db_stmt *st)
{
	enum db_rc	 rc;

	if ((rc = db_stmt_run(st)) == DB_OK && st->active)
		db_reset(st);
	return rc;
}

/*
 * Fetch the columns that did not fit their buffers again into buffers
 * grown to size. Returns 0, or -1 on failure (logged).
 */
static int
db_refetch_truncated(struct db_stmt *st)
{
	unsigned int	 i;
	char		*nb;

	for (i = 0; i < st->ncol; i++) {
		struct db_col	*c = &st->col[i];

		if (!c->err)
			continue;
		if ((nb = realloc(c->buf, (size_t)c->len + 1)) == NULL) {
			log_err("db: %s: out of memory", st->label);
			return -1;
		}
		c->buf = nb;
		c->cap = (size_t)c->len + 1;
		st->rbind[i].buffer = c->buf;
		st->rbind[i].buffer_length = c->cap - 1;
		c->err = 0;
		if (mysql_stmt_fetch_column(st->stmt, &st->rbind[i], i, 0)) {
			log_err("db: %s: fetch column %u: %s", st->label, i,
			    mysql_stmt_error(st->stmt));
			return -1;
		}
	}
	/* The handle keeps a copy of the binds: give it the new buffers. */
	return mysql_stmt_bind_result(st->stmt, st->rbind) ? -1 : 0;
}

/*
 * Execute st on the first call, then fetch the next row.
 * Returns DB_ROW while rows remain, DB_OK at the end (st is reset and
 * a further call executes it again), or an error.
 */
enum db_rc
db_step(struct db_stmt *st)
{
	enum db_rc	 rc;
	unsigned int	 i;
	int		 r;

	if (st == NULL)
		return DB_ERROR;
	if (!st->active) {
		if ((rc = db_stmt_run(st)) != DB_OK)
			return rc;
		if (!st->active)
			return DB_OK;	/* no result set */
	}
	r = mysql_stmt_fetch(st->stmt);
	if (r == MYSQL_NO_DATA) {
		db_reset(st);
		return DB_OK;
	}
	if (r == MYSQL_DATA_TRUNCATED && db_refetch_truncated(st) == -1) {
		db_reset(st);
		st->db->last_rc = DB_ERROR;
		return DB_ERROR;
	} else if (r != 0 && r != MYSQL_DATA_TRUNCATED) {
		rc = db_fail_stmt(st, "fetch");
		if (st->stmt != NULL)
			db_reset(st);
		return rc;
	}
	for (i = 0; i < st->ncol; i++) {
		struct db_col	*c = &st->col[i];

		if (c->is_null)
			continue;
		if (c->temporal)
			c->len = db_time_text(&c->tm, c->temporal, c->buf);
		else
			c->buf[c->len < c->cap ? c->len : c->cap - 1] = '\0';
	}
	st->row = 1;
	return DB_ROW;
}

/*
 * Drop the rest of a result; the statement keeps its binds and can be
 * executed again.
 */
void
db_reset(struct db_stmt *st)
{
	if (st == NULL)
		return;
	if (st->stmt != NULL && st->active)
		mysql_stmt_free_result(st->stmt);
	st->active = st->row = 0;
}

/* Returns column i of the current row if there is one, else NULL. */
static struct db_col *
db_col(struct db_stmt *st, size_t i)
{
	if (st == NULL || !st->row || i >= st->ncol)
		return NULL;
	return &st->col[i];
}

/* Column i as NUL-terminated text, NULL for SQL NULL or no row; valid
 * until the next step. */
const char *
db_col_text(struct db_stmt *st, size_t i)
{
	struct db_col	*c;

	if ((c = db_col(st, i)) == NULL || c->is_null)
		return NULL;
	return c->buf;
}

/* Byte length of column i (0 for NULL). */
size_t
db_col_len(struct db_stmt *st, size_t i)
{
	struct db_col	*c;

	if ((c = db_col(st, i)) == NULL || c->is_null)
		return 0;
	return c->len;
}

/* Column i as an integer: 0 for NULL or text that is not an integer. */
int64_t
db_col_int(struct db_stmt *st, size_t i)
{
	const char	*s;
	long long	 v;

	if ((s = db_col_text(st, i)) == NULL)
		return 0;
	if (parse_int(s, INT64_MIN, INT64_MAX, &v) == -1)
		return 0;
	return (int64_t)v;
}

/* Returns 1 if column i is SQL NULL (or there is no row), else 0. */
int
db_col_null(struct db_stmt *st, size_t i)
{
	struct db_col	*c;

	if ((c = db_col(st, i)) == NULL)
		return 1;
	return c->is_null ? 1 : 0;
}

/* Rows changed by the last db_exec. */
uint64_t
db_affected(struct db_stmt *st)
{
	if (st == NULL || st->stmt == NULL)
		return 0;
	return (uint64_t)mysql_stmt_affected_rows(st->stmt);
}

/* The AUTO_INCREMENT id made by the last db_exec (0 if none). */
uint64_t
db_insert_id(struct db_stmt *st)
{
	if (st == NULL || st->stmt == NULL)
		return 0;
	return (uint64_t)mysql_stmt_insert_id(st->stmt);
}

/*
 * Run a constant statement (START TRANSACTION) on the connection.
 * Returns DB_OK or the classified error.
 */
static enum db_rc
db_query_const(struct db *db, const char *sql)
{
	if (db_ready(db) != DB_OK)
		return DB_DOWN;
	if (mysql_real_query(db->my, sql, strlen(sql)) != 0)
		return db_fail_conn(db, sql);
	db->last_rc = DB_OK;
	return DB_OK;
}

/*
 * Sleep a random 1 .. 5 * 2^try milliseconds before a retry, so that
 * transactions that collided do not collide again in step.
 */
static void
db_backoff(int try)
{
	struct timespec	 ts;
	uint32_t	 ms;

	ms = 1 + randombytes_uniform(5u << try);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

/* See db.h. */
void
db_like_contains(const char *text, char *out, size_t outsz)
{
	const unsigned char	*p = (const unsigned char *)text;
	size_t			 n = 0, len, esc;

	if (outsz < 3) {
		if (outsz > 0)
			out[0] = '\0';
		return;
	}
	out[n++] = '%';
	for (; *p != '\0'; p += len) {
		/* Whole characters only: a cut never splits one. */
		len = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 :
		    (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 1;
		len = strnlen((const char *)p, len);
		esc = *p == '!' || *p == '%' || *p == '_';
		if (n + esc + len + 2 > outsz)
			break;
		if (esc)
			out[n++] = '!';
		memcpy(out + n, p, len);
		n += len;
	}
	out[n++] = '%';
	out[n] = '\0';
}

/* See db.h. */
int
db_in_txn(const struct db *db)
{
	return db->in_txn;
}

/*
 * Run fn(db, arg) between START TRANSACTION and COMMIT; on DB_RETRY from
 * fn or COMMIT roll back, back off and run again, at most DB_TXN_TRIES
 * times. Any other failure rolls back and is returned.
 * Returns DB_OK once committed, else the failure.
 */
enum db_rc
db_txn(struct db *db, db_txn_fn fn, void *arg)
{
	enum db_rc	 rc;
	int		 try;

	for (try = 0; ; try++) {
		/* Nothing is done yet: a dead connection may be replaced. */
		if ((rc = db_query_const(db, "START TRANSACTION")) == DB_DOWN &&
		    db_ready(db) == DB_OK)
			rc = db_query_const(db, "START TRANSACTION");
		if (rc != DB_OK)
			return rc;
		db->in_txn = 1;
		rc = fn(db, arg);
		if (rc == DB_OK && db->my == NULL)
			rc = DB_DOWN;	/* fn ignored a lost connection */
		if (rc == DB_OK) {
			if (mysql_commit(db->my) == 0) {
				db->in_txn = 0;
				db->last_rc = DB_OK;
				return DB_OK;
			}
			rc = db_fail_conn(db, "COMMIT");
		}
		db->in_txn = 0;
		if (db->my != NULL && mysql_rollback(db->my) != 0)
			(void)db_fail_conn(db, "ROLLBACK");
		if (rc != DB_RETRY) {
			db->last_rc = rc;
			return rc;
		}
		if (try + 1 >= DB_TXN_TRIES) {
			log_warn("db: transaction gave up after %d tries",
			    DB_TXN_TRIES);
			db->last_rc = DB_RETRY;
			return DB_RETRY;
		}
		db_backoff(try);
	}
}

/*
 * Execute len bytes of SQL holding several statements (a migration),
 * consuming every result. Never called with request data.
 * Returns DB_OK, or the classified error of the first failing
 * statement (later statements are not run).
 */
enum db_rc
db_exec_script(struct db *db, const char *sql, size_t len)
{
	MYSQL_RES	*res;
	enum db_rc	 rc = DB_OK;
	int		 st;

	if (db_ready(db) != DB_OK)
		return DB_DOWN;
	if (mysql_set_server_option(db->my, MYSQL_OPTION_MULTI_STATEMENTS_ON))
		return db_fail_conn(db, "multi-statements on");
	if (mysql_real_query(db->my, sql, (unsigned long)len) != 0) {
		if (mysql_errno(db->my) != DB_ER_EMPTY_QUERY)
			rc = db_fail_conn(db, "script");
		goto out;
	}
	for (;;) {
		if ((res = mysql_store_result(db->my)) != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(db->my) != 0) {
			rc = db_fail_conn(db, "script result");
			goto out;
		}
		if ((st = mysql_next_result(db->my)) == -1)
			break;
		if (st > 0) {
			if (mysql_errno(db->my) != DB_ER_EMPTY_QUERY)
				rc = db_fail_conn(db, "script");
			goto out;
		}
	}
out:
	if (db->my != NULL && mysql_set_server_option(db->my,
	    MYSQL_OPTION_MULTI_STATEMENTS_OFF) && rc == DB_OK)
		rc = db_fail_conn(db, "multi-statements off");
	db->last_rc = rc;
	return rc;
}

/* The last server error text (for the log, never a page). */
const char *
db_errmsg(const struct db *db)
{
	return db->errmsg;
}

/* The last server error number (0 if none yet). */
unsigned int
db_errno(const struct db *db)
{
	return db->err_no;
}

/* See db.h. */
int
db_http_status(enum db_rc rc)
{
	/* DB_RETRY here: the conflict outlived db_txn's tries (a Galera
	 * cluster reconfiguring, a storm of certification failures) or hit
	 * a statement outside a transaction; nothing was written, and the
	 * same request may succeed a moment later. */
	return rc == DB_DOWN || rc == DB_RETRY ? 503 : 500;
}

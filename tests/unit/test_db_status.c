/*
 * test_db_status.c: what the database layer tells a client, and the
 * Galera setting of the configuration (issue 18.6).
 *   - db_http_status: a server down and a conflict that outlived
 *     db_txn's tries (DB_RETRY: deadlock, lock wait timeout, a Galera
 *     certification failure, nothing written) answer 503, which the
 *     client may retry; anything else 500.
 *   - DB.SyncWait (wsrep_sync_wait = 1 on every connection): 0 when
 *     absent, 0 or 1, anything else refuses the file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "db.h"
#include "tap.h"

/*
 * Load a configuration whose text is body from a temporary file.
 * Returns conf_load's result; c is filled on success.
 */
static int
load(struct conf *c, const char *body)
{
	char	 path[] = "/tmp/havre-test-conf-XXXXXX";
	FILE	*f;
	int	 fd, rv;

	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL)
		return -2;
	fputs(body, f);
	fclose(f);
	rv = conf_load(c, path);
	unlink(path);
	return rv;
}

int
main(void)
{
	struct conf	 c;

	is_int(db_http_status(DB_DOWN), 503, "server down: 503");
	is_int(db_http_status(DB_RETRY), 503,
	    "a conflict db_txn gave up on (Galera certification): 503");
	is_int(db_http_status(DB_ERROR), 500, "any other error: 500");
	is_int(db_http_status(DB_DUP), 500, "an unhandled duplicate: 500");

	ok(load(&c, "DB.Name = havre\n") == 0, "a file without DB.SyncWait");
	is_int(c.db_sync_wait, 0, "DB.SyncWait defaults to 0 (nothing set)");
	conf_free(&c);
	ok(load(&c, "DB {\n  SyncWait = 1\n}\n") == 0, "DB.SyncWait = 1");
	is_int(c.db_sync_wait, 1, "read-your-writes across Galera nodes");
	conf_free(&c);
	ok(load(&c, "DB.SyncWait = 0\n") == 0, "0 is accepted");
	conf_free(&c);
	ok(load(&c, "DB.SyncWait = 2\n") == -1, "2 is refused");
	ok(load(&c, "DB.SyncWait = -1\n") == -1, "-1 is refused");
	ok(load(&c, "DB.SyncWait = yes\n") == -1, "text is refused");
	return done_testing();
}

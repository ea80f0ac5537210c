/*
 * havre-render: the golden-render tool. Renders one template with the
 * production renderer (tpl.c, the same string functions and escaping)
 * and prints the page on stdout:
 *
 *	havre-render TEMPLATE_DIR TEMPLATE.cs DATA.hdf LANG
 *
 * The request HDF is prepared for LANG (tpl_prepare) and DATA.hdf is
 * read over it. Exit status 0 on success, 1 on any error (logged on
 * stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"
#include "buf.h"
#include "conf.h"
#include "log.h"
#include "tpl.h"

/* Print the usage line on stderr. */
static void
usage(void)
{
	fprintf(stderr, "usage: havre-render TEMPLATE_DIR TEMPLATE.cs "
	    "DATA.hdf LANG\n");
}

/*
 * Render argv[2] from the templates in argv[1] with the data of argv[3]
 * in language argv[4]. Returns the exit status.
 */
int
main(int argc, char *argv[])
{
	struct conf	 conf;
	struct buf	 out = { NULL, 0, 0 };
	HDF		*hdf = NULL;
	NEOERR		*err = STATUS_OK;
	STRING		 str;
	int		 rc = 1, inited = 0;

	if (argc != 5) {
		usage();
		return 2;
	}
	log_open("havre-render", NULL);
	memset(&conf, 0, sizeof(conf));
	conf.templates = argv[1];
	conf.languages = argv[4];
	conf.default_lang = "en";
	if (tpl_init(&conf) == -1)
		goto out;
	inited = 1;
	if ((err = hdf_init(&hdf)) != STATUS_OK)
		goto out;
	if (tpl_prepare(hdf, argv[4]) == -1)
		goto out;
	if ((err = hdf_read_file(hdf, argv[3])) != STATUS_OK)
		goto out;
	if (tpl_render(hdf, argv[2], &out) == -1)
		goto out;
	if (out.len > 0 && fwrite(out.data, 1, out.len, stdout) != out.len)
		goto out;
	if (fflush(stdout) != 0)
		goto out;
	rc = 0;
out:
	if (err != STATUS_OK) {
		string_init(&str);
		nerr_error_traceback(err, &str);
		fprintf(stderr, "havre-render: %s\n",
		    str.buf ? str.buf : "error");
		string_clear(&str);
		nerr_ignore(&err);
	}
	buf_free(&out);
	hdf_destroy(&hdf);
	if (inited)
		tpl_fini();
	return rc;
}

/*
 * test_messages_demo.c: every message an appointment sends, as people
 * receive it (issue 13, "tests that see what people see"). The seeded
 * templates are read from sql/migrations (every INSERT INTO
 * message_template), the demo sites and services from sql/demo (INSERT
 * INTO site, INSERT INTO service_text) by a small SQL literal reader:
 * nothing is copied by hand, so a changed template or a new demo
 * service is tested as it is. For every event (each template that is
 * not a documents_* fragment: confirmation, change, cancellation,
 * reminder, document_ready, reply_confirmed, reply_help) x language
 * (en, fr, ar, es, ht) x demo service x demo site (their names have a
 * dash outside GSM-7), with and without an address, appt_message_compose
 * (SMS_MAX_SEGMENTS, as appt_message_render calls it) must give:
 *   - no placeholder left ("{" in the text), no empty fragment (", .",
 *     ": .", "، .", ", ,", a double space, "Bring: and");
 *   - every document of the service, as written (folded into GSM-7 when
 *     the message is), in one of the messages, nothing cut or left out;
 *   - at most SMS_MAX_SEGMENTS parts a message, at most two messages;
 *   - GSM-7 for the Latin-script languages;
 *   - the reference, the site and the address (when given) where the
 *     template names them;
 *   - no fragment of another language ("nothing" in a French text).
 * Then "nothing to bring" and "listed elsewhere" for every event,
 * language and site, and the longest list the demo could make (every
 * demo document of the language in one service): every document named,
 * or those left out counted in the message.
 * Last, havre-civil's civil_collect SMS in every language (civil_check).
 * HAVRE_SRCDIR (set by make check) is the source tree.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "messages.h"
#include "sms.h"
#include "tap.h"

#define MAXLIT	512
#define MAXROWS	256

static const char *const langs[] = {"en", "fr", "ar", "es", "ht", NULL};

struct tpl_row { char *event, *lang, *body; };
struct svc_row { char *code, *lang, *docs; };
struct site_row { char *code, *name, *address; };

static struct tpl_row	 tpls[MAXROWS];
static size_t		 ntpls;
static struct svc_row	 svcs[MAXROWS];
static size_t		 nsvcs;
static struct site_row	 sites[16];
static size_t		 nsites;
static int		 parse_errors;
static char		*lits[8192];	/* every literal read, to free */
static size_t		 nlits;

/* One statement: its literals and the SELECT/WHERE words, in order
 * (a word is stored as a NULL literal with its kind). */
struct item {
	char	 kind;		/* 'L' literal, 'S' SELECT, 'W' WHERE */
	char	*s;
};

static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "r");
	struct buf b = {0};
	char	 chunk[4096];
	size_t	 n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	buf_append(&b, "", 0);
	return b.data;
}

/*
 * Read the SQL literal at *pp (at its opening quote) into a new string,
 * MariaDB's way: '' is a quote, \n a newline, \t a tab, \x the x.
 * Advances *pp past the closing quote.
 */
static char *
literal(const char **pp)
{
	const char	*p = *pp + 1;
	struct buf	 b = {0};

	for (; *p != '\0'; p++) {
		if (*p == '\'' && p[1] == '\'') {
			buf_append(&b, "'", 1);
			p++;
		} else if (*p == '\'') {
			p++;
			break;
		} else if (*p == '\\' && p[1] != '\0') {
			p++;
			buf_append(&b, *p == 'n' ? "\n" : *p == 't' ? "\t" :
			    *p == 'r' ? "\r" : p, 1);
		} else
			buf_append(&b, p, 1);
	}
	buf_append(&b, "", 0);
	*pp = p;
	if (nlits < sizeof(lits) / sizeof(lits[0]))
		lits[nlits++] = b.data;
	return b.data;
}

static int
word_at(const char *p, const char *start, const char *w)
{
	size_t	 n = strlen(w);

	return strncmp(p, w, n) == 0 && (p == start || !(p[-1] == '_' ||
	    (p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= 'a' && p[-1] <= 'z')))
	    && !(p[n] == '_' || (p[n] >= 'A' && p[n] <= 'Z') ||
	    (p[n] >= 'a' && p[n] <= 'z'));
}

/* Take what the statement [s, e) says about templates, sites and
 * services (its head, head, its literals). */
static void
statement(const char *path, const char *head, struct item *it, size_t n)
{
	size_t	 i, j, k, nl;
	char	*lit[MAXLIT], *code;

	for (i = nl = 0; i < n; i++)
		if (it[i].kind == 'L')
			lit[nl++] = it[i].s;
	if (strstr(head, "UPDATE message_template") != NULL ||
	    (strstr(head, "documents_short") != NULL &&
	    strncmp(head, "ALTER TABLE", 11) != 0)) {
		printf("# %s changes templates or short forms: teach this "
		    "test to read it\n", path);
		parse_errors++;
	}
	if (strncmp(head, "INSERT INTO message_template ", 29) == 0) {
		if (nl % 3 != 0) {
			printf("# %s: message_template literals not in "
			    "threes\n", path);
			parse_errors++;
			return;
		}
		for (i = 0; i + 2 < nl && ntpls < MAXROWS; i += 3) {
			tpls[ntpls].event = lit[i];
			tpls[ntpls].lang = lit[i + 1];
			tpls[ntpls++].body = lit[i + 2];
		}
	} else if (strncmp(head, "INSERT INTO site (", 18) == 0) {
		if (nl % 6 != 0) {
			printf("# %s: site literals not in sixes\n", path);
			parse_errors++;
			return;
		}
		for (i = 0; i + 5 < nl && nsites < 16; i += 6) {
			sites[nsites].code = lit[i];
			sites[nsites].name = lit[i + 1];
			sites[nsites++].address = lit[i + 4];
		}
	} else if (strncmp(head, "INSERT INTO service_text ", 25) == 0) {
		/* SELECT 'code', 'lang', 'name', 'docs' branches, or
		 * SELECT 'lang', 'name', 'docs' with WHERE s.code = '...'. */
		size_t	 first = nsvcs;

		code = NULL;
		for (i = 0; i < n; i++)
			if (it[i].kind == 'W' && i + 1 < n &&
			    it[i + 1].kind == 'L')
				code = it[i + 1].s;
		for (i = 0; i < n; i++) {
			if (it[i].kind != 'S')
				continue;
			for (j = i + 1, k = 0; j < n && it[j].kind == 'L';
			    j++)
				k++;
			if (k == 0)
				continue;
			if (nsvcs >= MAXROWS || (k != 4 && !(k == 3 &&
			    code != NULL))) {
				printf("# %s: a service_text branch of %zu "
				    "literals\n", path, k);
				parse_errors++;
				continue;
			}
			svcs[nsvcs].code = k == 4 ? it[i + 1].s : code;
			svcs[nsvcs].lang = it[i + k - 2].s;
			svcs[nsvcs++].docs = it[i + k].s;
		}
		if (nsvcs == first) {
			printf("# %s: no service_text row read\n", path);
			parse_errors++;
		}
	}
}

/* Read the statements of one SQL file. */
static void
read_sql(const char *path)
{
	char		*text = slurp(path), *head;
	const char	*p, *s;
	struct item	 it[MAXLIT * 2];
	size_t		 n = 0;
	struct buf	 h = {0};

	if (text == NULL) {
		printf("# cannot read %s\n", path);
		parse_errors++;
		return;
	}
	for (p = s = text; *p != '\0'; ) {
		if (p[0] == '-' && p[1] == '-') {
			while (*p != '\0' && *p != '\n')
				p++;
		} else if (*p == '\'') {
			if (n < MAXLIT * 2) {
				it[n].kind = 'L';
				it[n++].s = literal(&p);
			} else
				(void)literal(&p);
			buf_append(&h, "''", 2);
		} else if (*p == ';') {
			buf_append(&h, "", 0);
			head = h.data;
			while (head != NULL && (*head == ' ' || *head == '\n' ||
			    *head == '\t'))
				head++;
			statement(path, head != NULL ? head : "", it, n);
			n = 0;
			buf_reset(&h);
			s = ++p;
		} else {
			if (word_at(p, s, "SELECT") && n < MAXLIT * 2) {
				it[n].kind = 'S';
				it[n++].s = NULL;
			} else if (word_at(p, s, "WHERE") && n < MAXLIT * 2) {
				it[n].kind = 'W';
				it[n++].s = NULL;
			}
			buf_append(&h, p, 1);
			p++;
		}
	}
	(void)s;
	buf_free(&h);
	free(text);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read every .sql file of dir, in name order (migrations apply so). */
static void
read_dir(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	char		*names[256], path[4096];
	size_t		 n = 0, i, len;

	if (d == NULL) {
		printf("# cannot open %s\n", dir);
		parse_errors++;
		return;
	}
	while ((e = readdir(d)) != NULL && n < 256) {
		len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".sql") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		read_sql(path);
		free(names[i]);
	}
}

/* The seeded template of event in lang (the last one read), or NULL. */
static const char *
tpl(const char *event, const char *lang)
{
	const char	*b = NULL;
	size_t		 i;

	for (i = 0; i < ntpls; i++)
		if (strcmp(tpls[i].event, event) == 0 &&
		    strcmp(tpls[i].lang, lang) == 0)
			b = tpls[i].body;
	return b;
}

static struct appt_texts
texts(const char *event, const char *lang)
{
	struct appt_texts t;

	t.body = tpl(event, lang);
	t.none = tpl("documents_none", lang);
	t.next = tpl("documents_next", lang);
	t.list = tpl("documents_list", lang);
	t.link = tpl("documents_link", lang);
	t.more = tpl("documents_more", lang);
	/* As messages.c's lang_texts_load: the Arabic comma. */
	t.sep = strcmp(lang, "ar") == 0 ? "\xd8\x8c " : ", ";
	return t;
}

/* s as a GSM-7 message shows it (folded when gsm), into out. */
static const char *
shown(const char *s, int gsm, struct buf *out)
{
	buf_reset(out);
	if (gsm)
		sms_fold_gsm7(s, out);
	else
		buf_puts(out, s);
	buf_append(out, "", 0);
	return out->data;
}

/* Where s is in one of c's messages: 1, else 0 (folded when the
 * message is GSM-7). */
static int
in_messages(const struct appt_composed *c, const char *s)
{
	struct buf	 b = {0};
	size_t		 i;
	int		 found = 0;

	for (i = 0; i < c->n && !found; i++)
		if (strstr(c->text[i].data, shown(s, c->cost[i].coding ==
		    SMS_GSM7, &b)) != NULL)
			found = 1;
	buf_free(&b);
	return found;
}

/* The empty fragments a missing value leaves. */
static const char *const holes[] = {", .", ",.", ", ,", ": .", ": ,",
	" :.", "\xd8\x8c .", "\xd8\x8c \xd8\x8c", "\xd8\x8c.", "  ", " .",
	": and ", ": et ", ": y ", ": ak ", NULL};

/*
 * Check one composition c of event in lang; docs: the list (NULL for
 * none), all: every document must be named (else those left out must
 * be counted), address: the site's (maybe ""). Prints each fault as a
 * diagnostic and returns how many.
 */
static int
check(const struct appt_composed *c, const char *event, const char *lang,
    const char *docs, int all, const char *site, const char *address)
{
	const char	*body = tpl(event, lang), *p, *e;
	char		*d, *line, *q;
	struct buf	 b = {0};
	size_t		 i, j, absent = 0;
	int		 bad = 0;

	if (c->n < 1 || c->n > 2) {
		printf("#   %zu messages\n", c->n);
		return 1;
	}
	if (c->n == 2 && strstr(body, "{documents}") == NULL) {
		printf("#   a second message for a template without "
		    "{documents}\n");
		bad++;
	}
	if (c->shortened & APPT_CUT) {
		printf("#   cut at the part limit\n");
		bad++;
	}
	for (i = 0; i < c->n; i++) {
		const char	*t = c->text[i].data;

		if (t == NULL || *t == '\0') {
			printf("#   message %zu empty\n", i + 1);
			bad++;
			continue;
		}
		if (c->cost[i].segments > SMS_MAX_SEGMENTS) {
			printf("#   message %zu: %zu parts\n", i + 1,
			    c->cost[i].segments);
			bad++;
		}
		if (strcmp(lang, "ar") != 0 && c->cost[i].coding !=
		    SMS_GSM7) {
			printf("#   message %zu not GSM-7\n", i + 1);
			bad++;
		}
		if ((p = strchr(t, '{')) != NULL) {
			printf("#   message %zu: a placeholder left: %.24s\n",
			    i + 1, p);
			bad++;
		}
		for (j = 0; holes[j] != NULL; j++)
			if ((p = strstr(t, holes[j])) != NULL) {
				printf("#   message %zu: an empty fragment "
				    "\"%s\" in ...%.30s\n", i + 1, holes[j],
				    p > t + 20 ? p - 20 : t);
				bad++;
			}
		/* Fragments of another language. */
		for (j = 0; langs[j] != NULL; j++) {
			static const char *const frag[] = {"documents_none",
			    "documents_next", "documents_link", NULL};
			size_t	 k;

			if (strcmp(langs[j], lang) == 0)
				continue;
			for (k = 0; frag[k] != NULL; k++) {
				const char *f = tpl(frag[k], langs[j]);
				const char *own = tpl(frag[k], lang);
				char	   *pre, *brace;

				if (f == NULL || (own != NULL &&
				    strcmp(f, own) == 0))
					continue;
				/* Up to the first placeholder. */
				pre = strdup(f);
				if ((brace = strchr(pre, '{')) != NULL)
					*brace = '\0';
				if (strlen(pre) > 4 && strstr(t,
				    shown(pre, c->cost[i].coding == SMS_GSM7,
				    &b)) != NULL) {
					printf("#   message %zu: %s's \"%s\"\n",
					    i + 1, langs[j], pre);
					bad++;
				}
				free(pre);
			}
		}
	}
	if (strstr(body, "{reference}") != NULL &&
	    !in_messages(c, "BYF5-5JVW")) {
		printf("#   no reference\n");
		bad++;
	}
	if (strstr(body, "{site}") != NULL && !in_messages(c, site)) {
		printf("#   no site name\n");
		bad++;
	}
	if (strstr(body, "{address}") != NULL && *address != '\0' &&
	    !in_messages(c, address)) {
		printf("#   no address\n");
		bad++;
	}
	if (strstr(body, "{documents}") != NULL && docs != NULL) {
		q = d = strdup(docs);
		while ((line = strsep(&q, "\n")) != NULL) {
			if (*line == '\0')
				continue;
			if (!in_messages(c, line)) {
				if (all)
					printf("#   missing document: %s\n",
					    line);
				absent++;
			}
		}
		free(d);
		if (all && absent > 0)
			bad++;
		if (!all && absent > 0) {
			char	 count[24];

			/* Left to the booking page: counted, said so. */
			snprintf(count, sizeof(count), "%zu", absent);
			e = c->n == 2 ? c->text[1].data : "";
			if (!(c->shortened & APPT_LEFT_OUT) ||
			    strstr(e, count) == NULL) {
				printf("#   %zu documents missing, not counted"
				    "\n", absent);
				bad++;
			}
		}
		if (all && (c->shortened & APPT_LEFT_OUT)) {
			printf("#   documents left to the booking page\n");
			bad++;
		}
	}
	buf_free(&b);
	return bad;
}

static void
show(const struct appt_composed *c)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		printf("#   [%zu/%zu, %zu parts] %s\n", i + 1, c->n,
		    c->cost[i].segments, c->text[i].data);
}

/* The events: every template that is not a documents_* fragment, nor
 * another workflow's message (civil_*: havre-civil composes its own,
 * checked by civil_check below). */
static size_t
events(const char **ev, size_t max)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < ntpls; i++) {
		if (strncmp(tpls[i].event, "documents_", 10) == 0 ||
		    strncmp(tpls[i].event, "civil_", 6) == 0)
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(ev[j], tpls[i].event) == 0)
				break;
		if (j == n && n < max)
			ev[n++] = tpls[i].event;
	}
	return n;
}

/*
 * havre-civil's "your document is ready" (civil_collect, delivery.c) in
 * every language, as delivery_offer() renders it (sms_render, then
 * sms_finish) with a 52-character link: no placeholder left, the code
 * and the link whole, GSM-7 for the Latin-script languages, at most two
 * parts. Returns the number of failed checks.
 */
static int
civil_check(void)
{
	static const char url[] =
	    "https://verify.example.org/verify/collect/7K2M-9QXD-4TRA";
	struct sms_var	 v[4] = { {"serial", "7K2M-9QXD-4TRA"}, {"url", url},
	    {"code", "04715293"}, {"days", "7"} };
	struct buf	 raw = {0}, text = {0};
	struct sms_cost	 cost;
	const char	*body;
	size_t		 j;
	int		 failed = 0, bad;

	for (j = 0; langs[j] != NULL; j++) {
		body = tpl("civil_collect", langs[j]);
		ok(body != NULL, "civil_collect %s: seeded", langs[j]);
		if (body == NULL) {
			failed++;
			continue;
		}
		buf_reset(&raw);
		bad = sms_render(body, v, 4, &raw) != 0 || raw.data == NULL ||
		    sms_finish(raw.data, &text, &cost) != 0;
		if (!bad)
			bad = strchr(text.data, '{') != NULL ||
			    strstr(text.data, url) == NULL ||
			    strstr(text.data, "04715293") == NULL ||
			    cost.segments > 2 || (strcmp(langs[j], "ar") != 0 &&
			    !sms_is_gsm7(text.data));
		if (bad)
			printf("#   %s\n", text.data ? text.data : "(none)");
		ok(!bad, "civil_collect %s: the link and the code whole, "
		    "%s, at most 2 parts", langs[j], strcmp(langs[j], "ar") ?
		    "GSM-7" : "UCS-2");
		failed += bad;
	}
	buf_free(&raw);
	buf_free(&text);
	return failed;
}

static void
fill(struct sms_var *v, const struct site_row *s, const char *address)
{
	v[0].name = "reference";	v[0].value = "BYF5-5JVW";
	v[1].name = "date";		v[1].value = "15/01/2030";
	v[2].name = "time";		v[2].value = "09:00";
	v[3].name = "site";		v[3].value = s->name;
	v[4].name = "address";		v[4].value = address;
	v[5].name = "manage_url";
	v[5].value = "https://book.example.org/book/manage";
	v[6].name = "status";		v[6].value = "booked";
}

int
main(void)
{
	const char	*src = getenv("HAVRE_SRCDIR"), *ev[32];
	const char	*frags[] = {"documents_none", "documents_next",
	    "documents_list", "documents_link", "documents_more", NULL};
	char		 dir[4096];
	struct appt_composed c = {0};
	struct appt_texts t;
	struct sms_var	 v[7];
	struct buf	 longest = {0};
	size_t		 nev, i, j, k, s, a, combos = 0, failed = 0;
	int		 bad;

	if (src == NULL) {
		printf("Bail out! HAVRE_SRCDIR is not set (make check sets "
		    "it)\n");
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/sql/migrations", src);
	read_dir(dir);
	snprintf(dir, sizeof(dir), "%s/sql/demo", src);
	read_dir(dir);
	is_int(parse_errors, 0, "the SQL read without surprises");
	nev = events(ev, 32);
	ok(nev >= 4, "%zu events read from the migrations", nev);
	for (i = 0; i < nev; i++)
		printf("# event %s\n", ev[i]);
	ok(nsites >= 2, "%zu demo sites", nsites);
	ok(nsvcs >= 20, "%zu demo service texts", nsvcs);
	for (i = 0; i < nsites; i++)
		ok(!sms_is_gsm7(sites[i].name), "site %s: a name outside "
		    "GSM-7 (%s)", sites[i].code, sites[i].name);

	/* Every language has every event and fragment. */
	for (j = 0; langs[j] != NULL; j++) {
		for (i = 0, bad = 0; i < nev; i++)
			if (tpl(ev[i], langs[j]) == NULL) {
				printf("# no %s in %s\n", ev[i], langs[j]);
				bad++;
			}
		for (i = 0; frags[i] != NULL; i++)
			if (tpl(frags[i], langs[j]) == NULL) {
				printf("# no %s in %s\n", frags[i], langs[j]);
				bad++;
			}
		is_int(bad, 0, "%s: every event and fragment seeded",
		    langs[j]);
	}

	/* Event x language x service x site x (address or none). */
	for (i = 0; i < nev; i++)
		for (j = 0; langs[j] != NULL; j++) {
			t = texts(ev[i], langs[j]);
			if (t.body == NULL)
				continue;
			for (k = 0; k < nsvcs; k++) {
				if (strcmp(svcs[k].lang, langs[j]) != 0)
					continue;
				for (s = 0; s < nsites; s++)
					for (a = 0; a < 2; a++) {
						const char *addr = a == 0 ?
						    sites[s].address : "";

						fill(v, &sites[s], addr);
						combos++;
						bad = appt_message_compose(&t,
						    v, 7, APPT_DOCS_LISTED,
						    svcs[k].docs, "",
						    SMS_MAX_SEGMENTS, &c) != 0;
						if (bad)
							printf("#   compose "
							    "failed\n");
						else
							bad = check(&c, ev[i],
							    langs[j],
							    svcs[k].docs, 1,
							    sites[s].name,
							    addr);
						if (bad) {
							show(&c);
							failed++;
						}
						ok(!bad, "%s %s %s %s%s",
						    ev[i], langs[j],
						    svcs[k].code,
						    sites[s].code, a ? ", no "
						    "address" : "");
					}
			}
		}
	ok(combos >= nev * 5 * 5 * 2 * 2, "%zu compositions (%zu failed)",
	    combos, failed);

	/* Nothing to bring, listed in English only, and the longest list
	 * the demo could make: every demo document of the language. */
	for (i = 0; i < nev; i++)
		for (j = 0; langs[j] != NULL; j++) {
			t = texts(ev[i], langs[j]);
			buf_reset(&longest);
			for (k = 0; k < nsvcs; k++)
				if (strcmp(svcs[k].lang, langs[j]) == 0)
					buf_printf(&longest, "%s%s",
					    longest.len ? "\n" : "",
					    svcs[k].docs);
			for (s = 0; s < nsites; s++) {
				fill(v, &sites[s], sites[s].address);
				bad = appt_message_compose(&t, v, 7,
				    APPT_DOCS_NONE, "", "", SMS_MAX_SEGMENTS,
				    &c) != 0 || check(&c, ev[i], langs[j],
				    NULL, 1, sites[s].name, sites[s].address);
				if (bad)
					show(&c);
				ok(!bad, "%s %s %s: nothing to bring", ev[i],
				    langs[j], sites[s].code);
				if (strstr(t.body, "{documents}") != NULL)
					ok(in_messages(&c, t.none), "  says "
					    "\"%s\"", t.none);
				bad = appt_message_compose(&t, v, 7,
				    APPT_DOCS_ELSEWHERE, "", "",
				    SMS_MAX_SEGMENTS, &c) != 0 || check(&c,
				    ev[i], langs[j], NULL, 1, sites[s].name,
				    sites[s].address);
				if (bad)
					show(&c);
				ok(!bad, "%s %s %s: listed in English only",
				    ev[i], langs[j], sites[s].code);
				bad = appt_message_compose(&t, v, 7,
				    APPT_DOCS_LISTED, longest.data, "",
				    SMS_MAX_SEGMENTS, &c) != 0 || check(&c,
				    ev[i], langs[j], longest.data, 0,
				    sites[s].name, sites[s].address);
				if (bad)
					show(&c);
				ok(!bad, "%s %s %s: every demo document in one "
				    "list (%zu bytes): named or counted",
				    ev[i], langs[j], sites[s].code,
				    longest.len);
			}
		}
	buf_free(&longest);
	civil_check();
	appt_composed_free(&c);
	for (i = 0; i < nlits; i++)
		free(lits[i]);
	return done_testing();
}

/*
 * test_messages.c: unit tests of appt_message_compose (booking
 * library, messages.c) with the seeded French, Arabic and Kreyòl
 * templates (sql/migrations/0006 and 0011): every document named, as
 * written or in its short form, else in a second message; Latin-script
 * messages folded into GSM-7; at most 4 parts each; "nothing to bring"
 * and the pointer to the booking page in the message's language; no
 * ", ." for a site without an address.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "messages.h"
#include "sms.h"
#include "tap.h"

static const struct appt_texts fr = {
	"Rendez-vous réservé, réf. {reference} : le {date} à {time}, {site}, "
	"{address}. Apportez : {documents}. Répondez OUI pour confirmer ou "
	"ANNULER pour annuler. {manage_url}",
	"aucun document", "la liste dans le SMS suivant",
	"Réf. {reference}, documents à apporter : {documents}.",
	"voir la liste sur {manage_url}", "et {count} autres : {manage_url}",
	", ",
};

static const struct appt_texts ar = {
	"تم حجز موعدك، المرجع {reference}: {date} الساعة {time}، {site}، "
	"{address}. أحضر: {documents}. أرسل نعم أو 1 للتأكيد أو 2 للإلغاء. "
	"{manage_url}",
	"لا شيء", "القائمة في الرسالة التالية",
	"المرجع {reference}، الوثائق المطلوبة: {documents}.",
	"انظر القائمة على {manage_url}", "و{count} وثائق أخرى: {manage_url}",
	"\xd8\x8c ",
};

static const struct appt_texts ht = {
	"Randevou w anrejistre, ref. {reference}: {date} a {time}, {site}, "
	"{address}. Pote: {documents}. Reponn WI pou konfime oswa 2 pou "
	"anile. {manage_url}",
	"anyen", "lis la nan pwochen SMS la",
	"Ref. {reference}, dokiman pou pote: {documents}.",
	"gade lis la sou {manage_url}", "ak {count} lòt: {manage_url}",
	", ",
};

/* The values of a Paris booking (the site of the report: an em dash). */
static struct sms_var vars[] = {
	{"reference", "BYF55JVW"},
	{"date", "15/01/2030"},
	{"time", "09:00"},
	{"site", "Paris — Bureau des étrangers"},
	{"address", "12 rue de la Cité, 75004 Paris"},
	{"manage_url", "https://rdv.example.org/book/manage"},
	{"status", "booked"},
};
#define NVARS	(sizeof(vars) / sizeof(vars[0]))

/* Every line of docs is in the text of one of c's messages (its short
 * form, from shorts, when given). Returns the number missing. */
static int
missing(const struct appt_composed *c, const char *docs, const char *shorts)
{
	char	*d = strdup(docs), *sh = strdup(shorts ? shorts : "");
	char	*line, *sline, *p = d, *q = sh;
	int	 miss = 0;
	size_t	 i;

	while ((line = strsep(&p, "\n")) != NULL) {
		sline = q != NULL ? strsep(&q, "\n") : NULL;
		if (*line == '\0')
			continue;
		if (sline != NULL && *sline != '\0')
			line = sline;
		for (i = 0; i < c->n; i++)
			if (strstr(c->text[i].data, line) != NULL)
				break;
		if (i == c->n) {
			printf("# missing: %s\n", line);
			miss++;
		}
	}
	free(d);
	free(sh);
	return miss;
}

static void
test_paris_passport(void)
{
	struct appt_composed c = {0};
	const char	*docs = "Votre passeport ou carte d'identité actuelle\n"
	    "Deux photographies récentes\nUn justificatif de domicile";

	ok(appt_message_compose(&fr, vars, NVARS, APPT_DOCS_LISTED, docs, "",
	    4, &c) == 0, "Paris passport (fr): composed");
	is_int(c.n, 1, "one message");
	is_int(c.cost[0].coding, SMS_GSM7, "GSM-7: the em dash is folded");
	ok(strstr(c.text[0].data, "Paris - Bureau des étrangers") != NULL,
	    "site name with a hyphen, é kept");
	ok(c.cost[0].segments <= 4, "at most 4 parts (%zu)",
	    c.cost[0].segments);
	is_int(missing(&c, docs, NULL), 0, "every document named");
	ok(strstr(c.text[0].data, "Apportez : Votre passeport ou carte "
	    "d'identité actuelle, Deux photographies récentes, Un "
	    "justificatif de domicile.") != NULL, "the list as written");
	is_int(c.shortened, 0, "nothing shortened");
	appt_composed_free(&c);
}

static void
test_short_forms_then_second(void)
{
	struct appt_composed c = {0};
	struct buf	 docs = {0}, shorts = {0}, big = {0};
	size_t		 i;

	/* Seven long lines: too long as written for 4 parts (with the
	 * template, ~700 septets), short enough in their short forms. */
	for (i = 0; i < 7; i++) {
		buf_printf(&docs, "%sOriginal et copie intégrale du justificatif "
		    "numéro %zu délivré par la mairie", i ? "\n" : "", i);
		buf_printf(&shorts, "%sJustificatif %zu", i ? "\n" : "", i);
	}
	ok(appt_message_compose(&fr, vars, NVARS, APPT_DOCS_LISTED, docs.data,
	    shorts.data, 4, &c) == 0, "long list with short forms");
	is_int(c.n, 1, "short forms: one message");
	ok(c.shortened & APPT_SHORT_FORMS, "short forms used");
	is_int(missing(&c, docs.data, shorts.data), 0,
	    "every document named by its short form");
	ok(c.cost[0].segments <= 4, "at most 4 parts");

	/* Without short forms: the list goes in a second message. */
	ok(appt_message_compose(&fr, vars, NVARS, APPT_DOCS_LISTED, docs.data,
	    "", 4, &c) == 0, "long list without short forms");
	is_int(c.n, 2, "two messages");
	ok(strstr(c.text[0].data, "Apportez : la liste dans le SMS suivant.")
	    != NULL, "the first points to the second");
	ok(strncmp(c.text[1].data, "Réf. BYF55JVW, documents à apporter : "
	    "Original", 46) == 0, "the second names the booking, then the list");
	is_int(missing(&c, docs.data, NULL), 0,
	    "every document named as written");
	ok(c.cost[0].segments <= 4 && c.cost[1].segments <= 4,
	    "each at most 4 parts (%zu, %zu)", c.cost[0].segments,
	    c.cost[1].segments);
	is_int(c.cost[0].coding, SMS_GSM7, "first: GSM-7");
	is_int(c.cost[1].coding, SMS_GSM7, "second: GSM-7");

	/* Some short forms only (an empty line keeps the document). */
	buf_reset(&shorts);
	buf_puts(&shorts, "\nJ1\n\nJ3");
	ok(appt_message_compose(&fr, vars, NVARS, APPT_DOCS_LISTED, docs.data,
	    shorts.data, 4, &c) == 0, "some short forms");
	is_int(missing(&c, docs.data, shorts.data), 0,
	    "each by its short form or as written");

	/* Past even a second message of 4 parts: the last resort. */
	for (i = 0; i < 40; i++)
		buf_printf(&big, "%sDocument officiel numéro %zu avec sa "
		    "traduction", i ? "\n" : "", i);
	ok(appt_message_compose(&fr, vars, NVARS, APPT_DOCS_LISTED, big.data,
	    "", 4, &c) == 0, "forty documents");
	is_int(c.n, 2, "two messages");
	ok(c.shortened & APPT_LEFT_OUT, "the last ones left to the page");
	ok(strstr(c.text[1].data, "autres : https://rdv.example.org/book/"
	    "manage.") != NULL, "with the count and the booking page");
	ok(strstr(c.text[1].data, "numéro 0 avec") != NULL,
	    "the first ones named");
	ok(c.cost[1].segments <= 4, "second: 4 parts at most");
	buf_free(&docs);
	buf_free(&shorts);
	buf_free(&big);
	appt_composed_free(&c);
}

static void
test_arabic(void)
{
	struct appt_composed c = {0};
	struct sms_var	 v[NVARS];
	const char	*docs = "جواز سفرك أو بطاقة هويتك الحالية\nصورتان حديثتان\n"
	    "إثبات عنوان السكن";

	memcpy(v, vars, sizeof(v));
	v[3].value = "باريس — مكتب الأجانب";
	ok(appt_message_compose(&ar, v, NVARS, APPT_DOCS_LISTED, docs, "", 4,
	    &c) == 0, "Arabic passport: composed");
	is_int(c.cost[0].coding, SMS_UCS2, "UCS-2");
	is_int(missing(&c, docs, NULL), 0, "every document named");
	ok(c.cost[0].segments <= 4 && (c.n == 1 ||
	    c.cost[1].segments <= 4), "at most 4 parts each");
	ok(strstr(c.n == 1 ? c.text[0].data : c.text[1].data,
	    "جواز سفرك أو بطاقة هويتك الحالية، صورتان") != NULL,
	    "listed with the Arabic comma");
	ok(strstr(c.text[0].data, "باريس — مكتب") != NULL,
	    "UCS-2 keeps the dash as written");
	appt_composed_free(&c);
}

static void
test_fragments(void)
{
	struct appt_composed c = {0};
	struct sms_var	 v[NVARS];

	ok(appt_message_compose(&fr, vars, NVARS, APPT_DOCS_NONE, "", "", 4,
	    &c) == 0, "nothing to bring (fr)");
	ok(strstr(c.text[0].data, "Apportez : aucun document.") != NULL,
	    "in French");
	ok(strstr(c.text[0].data, "Nothing") == NULL, "no English");
	ok(appt_message_compose(&ht, vars, NVARS, APPT_DOCS_LISTED, "\n \n",
	    "", 4, &c) == 0, "a blank list (ht)");
	ok(strstr(c.text[0].data, "Pote: anyen.") != NULL,
	    "a blank list is nothing to bring, in Kreyòl");
	ok(appt_message_compose(&ar, vars, NVARS, APPT_DOCS_ELSEWHERE, "", "",
	    4, &c) == 0, "listed in English only (ar)");
	ok(strstr(c.text[0].data, "أحضر: انظر القائمة على https://rdv.example"
	    ".org/book/manage.") != NULL, "a pointer in Arabic");
	memcpy(v, vars, sizeof(v));
	v[4].value = "";
	ok(appt_message_compose(&fr, v, NVARS, APPT_DOCS_NONE, "", "", 4,
	    &c) == 0, "a site without an address");
	ok(strstr(c.text[0].data, ", .") == NULL, "no \", .\"");
	ok(strstr(c.text[0].data, "à 09:00, Paris - Bureau des étrangers. "
	    "Apportez") != NULL, "the address part left out");
	ok(appt_message_compose(&ar, v, NVARS, APPT_DOCS_NONE, "", "", 4,
	    &c) == 0, "Arabic, no address");
	ok(strstr(c.text[0].data, "الأجانب. أحضر") != NULL ||
	    strstr(c.text[0].data, "étrangers. أحضر") != NULL,
	    "no Arabic comma before the full stop");
	appt_composed_free(&c);
}

static void
test_no_documents_placeholder(void)
{
	struct appt_composed c = {0};
	struct appt_texts t = fr;
	char		*s;

	t.body = "Votre rendez-vous {reference} du {date} à {time} est "
	    "annulé. Pour reprendre rendez-vous : {manage_url}";
	ok(appt_message_compose(&t, vars, NVARS, APPT_DOCS_LISTED,
	    "A\nB", "", 4, &c) == 0, "cancellation");
	is_int(c.n, 1, "one message");
	is_int(c.shortened, 0, "as is");
	/* A template too long by itself is cut at 4 parts. */
	s = malloc(1000);
	memset(s, 'x', 999);
	s[999] = '\0';
	t.body = s;
	ok(appt_message_compose(&t, vars, NVARS, APPT_DOCS_NONE, "", "", 4,
	    &c) == 0, "a template of 999 characters");
	ok(c.shortened & APPT_CUT, "cut");
	is_int(c.cost[0].units, 612, "to 4 x 153");
	free(s);
	appt_composed_free(&c);
}

int
main(void)
{
	test_paris_passport();
	test_short_forms_then_second();
	test_arabic();
	test_fragments();
	test_no_documents_placeholder();
	return done_testing();
}

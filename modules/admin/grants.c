/*
 * grants.c: `havre-admin grants`: the SQL script that gives every
 * program its own MariaDB account with rights on the tables it uses and
 * nothing else (docs/database-accounts.md). The accounts and their
 * rights are the table below; the names and passwords come from the
 * configuration (DB.Accounts.<name>: User, Password or PasswordFile),
 * the same entries the programs connect with. The database root applies
 * the script:
 *   havre-admin grants | mariadb
 * It is idempotent and exact: each account is created if missing, its
 * password set, every right it had revoked and the listed ones granted.
 *
 * The audit trail is insert-only for every account: audit_event and
 * access_event may be read by the programs that show them and written
 * by the ones that record events, never updated or deleted; grants_ok()
 * refuses a table below that says otherwise. Schema changes
 * (`havre-admin migrate`) run as the schema owner, DB.User, which is not
 * a program's account.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "admin.h"

/* Rights on a table. */
#define G_SELECT	0x01
#define G_INSERT	0x02
#define G_UPDATE	0x04
#define G_DELETE	0x08

/* One table an account uses and what it does with it. */
struct grant {
	const char	*table;
	int		 rights;
};

/* The rights of a program that serves agents' pages: sessions and
 * permissions (auth.c: the look-ups of dispatch, a session's last-seen
 * time), API keys (their look-up, last use and use log). */
#define GRANTS_WEB \
	{ "session", G_SELECT | G_UPDATE }, \
	{ "agent", G_SELECT }, \
	{ "agent_role", G_SELECT }, \
	{ "role_permission", G_SELECT }, \
	{ "api_key", G_SELECT | G_UPDATE }, \
	{ "api_key_use", G_INSERT }

/* Writing audit events (audit.c): the chain's head row is read locked
 * and moved; the event is only ever inserted. */
#define GRANTS_AUDIT \
	{ "audit_head", G_SELECT | G_UPDATE }, \
	{ "audit_event", G_INSERT }

/* The site's message templates as libbooking's messages read them
 * (messages.c, outbox.c). */
#define GRANTS_MESSAGES \
	{ "message_template", G_SELECT }, \
	{ "site", G_SELECT }, \
	{ "service", G_SELECT }, \
	{ "service_text", G_SELECT }

/* Making a site's slots from its weekly quotas (libbooking's slots.c,
 * booking_slots_make): hours, closed days, templates and overrides
 * over a sequence of days, the new slots inserted; the audit head dates
 * what a worker remembers. */
#define GRANTS_SLOTS \
	{ "site", G_SELECT }, \
	{ "site_hours", G_SELECT }, \
	{ "site_closed", G_SELECT }, \
	{ "quota_template", G_SELECT }, \
	{ "quota_override", G_SELECT }, \
	{ "slot_quota", G_SELECT | G_INSERT }, \
	{ "seq_0_to_62", G_SELECT }, \
	{ "audit_head", G_SELECT }

#define GRANTS_END	{ NULL, 0 }

/* havre-portal: sign-in (throttle, sessions), agents and their roles,
 * own account, the audit trail's pages, SMS templates, /healthz, and
 * the dashboard's figures of today (appointments per site and status,
 * people waiting, SMS failed, duplicates to review, the agent's open
 * case files and those nobody holds). */
static const struct grant grants_portal[] = {
	GRANTS_WEB,
	GRANTS_AUDIT,
	GRANTS_MESSAGES,
	{ "session", G_INSERT },
	{ "agent", G_INSERT | G_UPDATE },
	{ "agent_role", G_INSERT | G_DELETE },
	{ "role", G_SELECT },
	{ "login_attempt", G_SELECT | G_INSERT },
	{ "audit_event", G_SELECT },
	{ "access_event", G_SELECT },
	{ "message_template", G_UPDATE },
	{ "message_template_history", G_SELECT | G_INSERT },
	{ "schema_migration", G_SELECT },
	{ "slot_quota", G_SELECT },
	{ "appointment", G_SELECT },
	{ "visit", G_SELECT },
	{ "visit_event", G_SELECT },
	{ "outbox_message", G_SELECT },
	{ "duplicate_pair", G_SELECT },
	{ "dossier", G_SELECT },
	/* the data-protection page (dataprotection.c): retention rules
	 * edited with their history, legal holds placed and released on
	 * persons, case files and appointments */
	{ "retention_rule", G_SELECT | G_UPDATE },
	{ "retention_rule_history", G_SELECT | G_INSERT },
	{ "legal_hold", G_SELECT | G_INSERT | G_UPDATE },
	{ "person", G_SELECT },
	/* the access review (review.c): reads of persons against the
	 * case files assigned to the reader; break-glass openings */
	{ "dossier_person", G_SELECT },
	{ "break_glass", G_SELECT },
	/* persons' requests about their data (requests.c) */
	{ "subject_request", G_SELECT | G_INSERT | G_UPDATE },
	GRANTS_END
};

/* havre-appointments: sites, services, levels, quotas and their slots
 * (libbooking), bookings from every channel and their history (audit
 * events and SMS), the partner API's replays, the public site's rate
 * limits, SMS queued and their reports and replies. */
static const struct grant grants_appointments[] = {
	GRANTS_WEB,
	GRANTS_AUDIT,
	GRANTS_MESSAGES,
	GRANTS_SLOTS,
	{ "access_event", G_INSERT },
	{ "audit_event", G_SELECT },
	{ "site", G_INSERT | G_UPDATE },
	{ "site_hours", G_INSERT | G_DELETE },
	{ "site_closed", G_INSERT | G_UPDATE | G_DELETE },
	{ "service", G_INSERT | G_UPDATE },
	{ "service_text", G_INSERT | G_UPDATE | G_DELETE },
	{ "service_level", G_SELECT | G_UPDATE },
	{ "service_offer", G_SELECT | G_INSERT | G_DELETE },
	{ "quota_template", G_INSERT | G_UPDATE },
	{ "quota_override", G_INSERT | G_UPDATE },
	{ "slot_quota", G_UPDATE },
	{ "appointment", G_SELECT | G_INSERT | G_UPDATE },
	{ "api_idempotency", G_SELECT | G_INSERT },
	{ "rate_hit", G_SELECT | G_INSERT | G_DELETE },
	{ "outbox_message", G_SELECT | G_INSERT | G_UPDATE },
	{ "sms_inbound", G_INSERT },
	/* the day page's and the API's kept slots confirmed (libbooking's
	 * free.c); only triggers write it, as the schema owner */
	{ "slot_day_version", G_SELECT },
	GRANTS_END
};

/* havre-reception: stations and counters, check-in and walk-ins (the
 * day's slots, a seat and an appointment through libbooking), queues,
 * the board. */
static const struct grant grants_reception[] = {
	GRANTS_WEB,
	GRANTS_AUDIT,
	GRANTS_SLOTS,
	{ "service", G_SELECT },
	{ "service_text", G_SELECT },
	{ "service_level", G_SELECT },
	{ "service_offer", G_SELECT },
	{ "slot_quota", G_SELECT | G_UPDATE },
	{ "appointment", G_SELECT | G_INSERT | G_UPDATE },
	{ "reception_site", G_SELECT | G_INSERT | G_UPDATE },
	{ "station", G_SELECT | G_INSERT | G_UPDATE },
	{ "counter", G_SELECT | G_INSERT | G_UPDATE },
	{ "visit", G_SELECT | G_INSERT | G_UPDATE },
	{ "visit_event", G_SELECT | G_INSERT },
	{ "reception_ticket", G_SELECT | G_INSERT | G_UPDATE },
	{ "reception_day_close", G_SELECT | G_INSERT | G_UPDATE },
	GRANTS_END
};

/* havre-identity: person records and their documents, contacts,
 * photos (the document store's rows), family links, warnings, search
 * keys, duplicate decisions, merges; each view of a person is logged
 * (access_event); the timeline reads appointments, visits, events and
 * the person's case files' events; the subject-access export reads
 * everything held about a person and who read it. */
static const struct grant grants_identity[] = {
	GRANTS_WEB,
	GRANTS_AUDIT,
	{ "access_event", G_INSERT },
	{ "audit_event", G_SELECT },
	{ "person", G_SELECT | G_INSERT | G_UPDATE },
	{ "person_document", G_SELECT | G_INSERT | G_UPDATE | G_DELETE },
	{ "person_contact", G_SELECT | G_INSERT | G_UPDATE | G_DELETE },
	{ "person_link", G_SELECT | G_INSERT | G_UPDATE | G_DELETE },
	{ "person_photo", G_SELECT | G_INSERT | G_DELETE },
	{ "person_warning", G_SELECT | G_INSERT },
	{ "person_name_key", G_SELECT | G_INSERT | G_DELETE },
	/* the common keys' counts (libperson freq.c), read only */
	{ "person_key_freq", G_SELECT },
	{ "person_key_freq_run", G_SELECT },
	{ "person_merge", G_SELECT | G_INSERT | G_UPDATE },
	{ "person_merge_move", G_SELECT | G_INSERT },
	{ "person_merge_snapshot", G_SELECT | G_INSERT },
	{ "person_appointment", G_SELECT | G_UPDATE },
	{ "duplicate_pair", G_SELECT | G_INSERT | G_UPDATE },
	{ "stored_file", G_SELECT | G_INSERT | G_DELETE },
	{ "appointment", G_SELECT },
	{ "visit_event", G_SELECT },
	{ "dossier", G_SELECT },
	{ "dossier_person", G_SELECT },
	{ "dossier_event", G_SELECT },
	/* the subject-access export (export.c) reads what every workflow
	 * holds about the person, and the withholding rules */
	{ "subject_access_withhold", G_SELECT },
	{ "access_event", G_SELECT },
	{ "outbox_message", G_SELECT },
	{ "site", G_SELECT },
	{ "service", G_SELECT },
	{ "wf_procedure", G_SELECT },
	{ "dossier_decision", G_SELECT },
	{ "dossier_document", G_SELECT },
	{ "dossier_note", G_SELECT },
	{ "exchange", G_SELECT },
	{ "exchange_service", G_SELECT },
	{ "civil_act", G_SELECT },
	{ "issued_document", G_SELECT },
	GRANTS_END
};

/* havre-dossier: case files and their persons, documents (the store's
 * rows), notes, events, clocks and decisions; exchanges with services
 * and partners and their attachments; procedures (workflow definitions
 * and their versions, the calendar's closed days); the monitoring's
 * counters; the applicant's status codes (rate-limited, sent by SMS);
 * the interview appointment (the site's slots, a seat, an appointment
 * and its SMS through libbooking). Reads persons through libperson. */
static const struct grant grants_dossier[] = {
	GRANTS_WEB,
	GRANTS_AUDIT,
	GRANTS_MESSAGES,
	GRANTS_SLOTS,
	{ "access_event", G_INSERT },
	{ "dossier", G_SELECT | G_INSERT | G_UPDATE },
	{ "dossier_person", G_SELECT | G_INSERT },
	{ "dossier_document", G_SELECT | G_INSERT },
	{ "dossier_note", G_SELECT | G_INSERT },
	{ "dossier_event", G_SELECT | G_INSERT },
	{ "dossier_clock", G_SELECT | G_INSERT | G_UPDATE },
	{ "dossier_decision", G_SELECT | G_INSERT },
	{ "dossier_appointment", G_SELECT | G_INSERT },
	{ "dossier_stat_day", G_SELECT | G_INSERT | G_UPDATE },
	{ "dossier_stat_duration", G_SELECT | G_INSERT | G_UPDATE },
	{ "exchange", G_SELECT | G_INSERT | G_UPDATE },
	{ "exchange_attachment", G_SELECT | G_INSERT },
	{ "exchange_service", G_SELECT },
	{ "wf_procedure", G_SELECT | G_UPDATE },
	{ "wf_procedure_version", G_SELECT | G_INSERT },
	{ "closed_day", G_SELECT | G_INSERT | G_DELETE },
	{ "status_code", G_SELECT | G_INSERT | G_UPDATE },
	{ "interview_site", G_SELECT },
	{ "person", G_SELECT },
	{ "person_document", G_SELECT },
	{ "person_contact", G_SELECT },
	{ "person_appointment", G_SELECT | G_INSERT },
	{ "appointment", G_SELECT | G_INSERT },
	{ "slot_quota", G_UPDATE },
	{ "stored_file", G_SELECT | G_INSERT | G_DELETE },
	{ "rate_hit", G_SELECT | G_INSERT | G_DELETE },
	{ "outbox_message", G_INSERT },
	/* break glass (glass.c): sealed case files opened with a reason */
	{ "break_glass", G_SELECT | G_INSERT },
	GRANTS_END
};

/* havre-registration: the desk's drafts (purged when old) and their
 * members, the triage rules and the triages recorded; persons created
 * with their documents, phones, keys and family links (libperson reads
 * them for the duplicate check); the household's dossier opened through
 * libcasefile (its persons, events, clocks; procedures and the
 * calendar read); a linked person's case files and decisions read for
 * the triage; a visit at a reception counter and its booking read for a
 * registration started there; the interview booked from the receipt
 * (the interview sites' slots, a seat, an appointment linked to the
 * dossier and the person, its SMS through libbooking); a member's
 * photo (the document store's rows), given to the person at saving;
 * the triage rules edited. */
static const struct grant grants_registration[] = {
	GRANTS_WEB,
	GRANTS_AUDIT,
	GRANTS_MESSAGES,
	GRANTS_SLOTS,
	{ "interview_site", G_SELECT },
	{ "dossier_appointment", G_SELECT | G_INSERT },
	{ "person_appointment", G_SELECT | G_INSERT },
	{ "slot_quota", G_UPDATE },
	{ "outbox_message", G_INSERT },
	{ "stored_file", G_SELECT | G_INSERT | G_DELETE },
	{ "person_photo", G_SELECT | G_INSERT },
	{ "access_event", G_INSERT },
	{ "registration_draft", G_SELECT | G_INSERT | G_UPDATE | G_DELETE },
	{ "registration_member", G_SELECT | G_INSERT | G_UPDATE | G_DELETE },
	{ "registration_rule", G_SELECT | G_INSERT | G_UPDATE },
	{ "registration_triage", G_SELECT | G_INSERT },
	{ "person", G_SELECT | G_INSERT },
	{ "person_document", G_SELECT | G_INSERT },
	{ "person_contact", G_SELECT | G_INSERT },
	{ "person_link", G_SELECT | G_INSERT },
	{ "person_name_key", G_SELECT | G_INSERT | G_DELETE },
	/* the common keys' counts (libperson freq.c), read only */
	{ "person_key_freq", G_SELECT },
	{ "person_key_freq_run", G_SELECT },
	{ "dossier", G_SELECT | G_INSERT | G_UPDATE },
	{ "dossier_person", G_SELECT | G_INSERT },
	{ "dossier_event", G_SELECT | G_INSERT },
	{ "dossier_clock", G_SELECT | G_INSERT | G_UPDATE },
	{ "dossier_decision", G_SELECT },
	{ "wf_procedure", G_SELECT },
	{ "wf_procedure_version", G_SELECT },
	{ "closed_day", G_SELECT },
	{ "visit", G_SELECT },
	{ "appointment", G_SELECT | G_INSERT },
	GRANTS_END
};

/* havre-civil: civil-status acts, their sources (the store's rows for
 * the documents and their rendered pages), the values read and chosen,
 * reviews, established versions and mentions; the act's procedure
 * (read); persons through libperson and a dossier's principal (read). */
static const struct grant grants_civil[] = {
	GRANTS_WEB,
	GRANTS_AUDIT,
	{ "access_event", G_INSERT },
	{ "civil_act", G_SELECT | G_INSERT | G_UPDATE },
	{ "civil_source", G_SELECT | G_INSERT | G_UPDATE },
	{ "civil_source_page", G_SELECT | G_INSERT },
	{ "civil_found", G_SELECT | G_INSERT },
	{ "civil_field", G_SELECT | G_INSERT | G_UPDATE },
	{ "civil_act_version", G_SELECT | G_INSERT },
	{ "civil_review", G_SELECT | G_INSERT },
	{ "civil_review_comment", G_SELECT | G_INSERT },
	{ "civil_mention", G_SELECT | G_INSERT },
	{ "wf_procedure", G_SELECT },
	{ "wf_procedure_version", G_SELECT },
	{ "person", G_SELECT },
	{ "dossier_person", G_SELECT },
	{ "stored_file", G_SELECT | G_INSERT | G_DELETE },
	/* documents issued (issue.c: the current signing key, the
	 * documents, their revocation and re-issue) and the public side
	 * (verify.c, collect.c, delivery.c: the keyring, the register of
	 * issued documents, the delivery codes and their SMS (templates
	 * read), the throttle, a person's phone) */
	{ "signing_key", G_SELECT },
	{ "issued_document", G_SELECT | G_INSERT | G_UPDATE },
	{ "civil_delivery_code", G_SELECT | G_INSERT | G_UPDATE },
	{ "message_template", G_SELECT },
	{ "outbox_message", G_INSERT },
	{ "rate_hit", G_SELECT | G_INSERT | G_DELETE },
	{ "person_contact", G_SELECT },
	GRANTS_END
};

/* havre-notify: claims and marks the outbox's messages, queues the
 * reminders of coming appointments. */
static const struct grant grants_notify[] = {
	GRANTS_MESSAGES,
	{ "outbox_message", G_SELECT | G_INSERT | G_UPDATE },
	{ "appointment", G_SELECT },
	GRANTS_END
};

/* havre-admin, every command but migrate: agents and API keys, the
 * audit trail's walk, the person import (persons, their documents,
 * phones and keys, the review queue), the document store's check. */
static const struct grant grants_admin[] = {
	GRANTS_AUDIT,
	{ "audit_event", G_SELECT },
	{ "agent", G_SELECT | G_INSERT | G_UPDATE },
	{ "agent_role", G_SELECT | G_INSERT },
	{ "role", G_SELECT },
	{ "session", G_SELECT | G_UPDATE },
	{ "api_key", G_SELECT | G_INSERT | G_UPDATE },
	{ "api_key_use", G_SELECT },
	{ "person", G_SELECT | G_INSERT | G_UPDATE },
	{ "person_document", G_SELECT | G_INSERT },
	{ "person_contact", G_SELECT | G_INSERT },
	{ "person_name_key", G_SELECT | G_INSERT | G_DELETE },
	/* persons frequencies, import-persons, persons rekey (freq.c) */
	{ "person_key_freq", G_SELECT | G_INSERT | G_UPDATE | G_DELETE },
	{ "person_key_freq_run", G_SELECT | G_INSERT | G_UPDATE },
	{ "duplicate_pair", G_SELECT | G_INSERT | G_UPDATE },
	{ "stored_file", G_SELECT },
	/* keys init|new|list|retire|export-public (keys.c) */
	{ "signing_key", G_SELECT | G_INSERT | G_UPDATE },
	/* legal holds (hold.c); the purge itself runs as the owner */
	{ "legal_hold", G_SELECT | G_INSERT | G_UPDATE },
	{ "dossier", G_SELECT },
	{ "appointment", G_SELECT },
	GRANTS_END
};

/* An account: its configuration name (DB.Accounts.<name>), the program
 * it is for, its table rights, and rights on the server itself. */
struct account {
	const char		*name;
	const char		*program;
	const struct grant	*grants;
	const char		*global;
};

static const struct account accounts[] = {
	{ "portal", "havre-portal", grants_portal, NULL },
	{ "appointments", "havre-appointments", grants_appointments, NULL },
	{ "reception", "havre-reception", grants_reception, NULL },
	{ "identity", "havre-identity", grants_identity, NULL },
	{ "dossier", "havre-dossier", grants_dossier, NULL },
	{ "registration", "havre-registration", grants_registration, NULL },
	{ "civil", "havre-civil", grants_civil, NULL },
	{ "notify", "havre-notify", grants_notify, NULL },
	{ "admin", "havre-admin", grants_admin, NULL },
	/* mariadb-backup, run by havre-admin backup (docs/backup.md): a
	 * consistent copy of the server's files; no table rights. */
	{ "backup", "mariadb-backup", NULL,
	    "RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR" },
};

#define NACCOUNTS	(sizeof(accounts) / sizeof(accounts[0]))

/* Tables no account may update or delete from. */
static const char *const audit_tables[] = { "audit_event", "access_event" };

/*
 * Check the table above: the audit trail insert-only for every account.
 * Returns 1 when it holds, else 0 after naming the offending row.
 */
static int
grants_ok(void)
{
	const struct grant	*g;
	size_t			 i, j;

	for (i = 0; i < NACCOUNTS; i++)
		for (g = accounts[i].grants; g != NULL && g->table != NULL; g++)
			for (j = 0; j < 2; j++)
				if (strcmp(g->table, audit_tables[j]) == 0 &&
				    (g->rights & (G_UPDATE | G_DELETE)) != 0) {
					fprintf(stderr, "havre-admin: grants: %s "
					    "may change %s\n", accounts[i].name,
					    g->table);
					return 0;
				}
	return 1;
}

/*
 * Returns 1 if s can sit between single quotes in the script as it is
 * (no quote, backslash or control character; quotes would need the
 * server's escaping mode), else 0.
 */
static int
sql_plain(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\'' || *s == '\\' || *s == '`' ||
		    (unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/*
 * The rights of account acc on table, merged over its rows.
 */
static int
rights_of(const struct account *acc, const char *table)
{
	const struct grant	*g;
	int			 r = 0;

	for (g = acc->grants; g != NULL && g->table != NULL; g++)
		if (strcmp(g->table, table) == 0)
			r |= g->rights;
	return r;
}

/*
 * Print the GRANT lines of account acc (user@host) on database db: one
 * per table, tables in name order, rights merged.
 */
static void
print_grants(const struct account *acc, const char *db, const char *who)
{
	static const struct { int bit; const char *name; } names[] = {
		{ G_SELECT, "SELECT" }, { G_INSERT, "INSERT" },
		{ G_UPDATE, "UPDATE" }, { G_DELETE, "DELETE" },
	};
	const struct grant	*g;
	const char		*last = "";
	const char		*next;
	size_t			 k;
	int			 r, first;

	if (acc->global != NULL)
		printf("GRANT %s ON *.* TO %s;\n", acc->global, who);
	/* Tables in name order: pick the smallest name above the last. */
	for (;;) {
		next = NULL;
		for (g = acc->grants; g != NULL && g->table != NULL; g++)
			if (strcmp(g->table, last) > 0 &&
			    (next == NULL || strcmp(g->table, next) < 0))
				next = g->table;
		if (next == NULL)
			break;
		r = rights_of(acc, next);
		printf("GRANT ");
		for (k = 0, first = 1; k < sizeof(names) / sizeof(names[0]); k++)
			if (r & names[k].bit) {
				printf("%s%s", first ? "" : ", ", names[k].name);
				first = 0;
			}
		printf(" ON `%s`.`%s` TO %s;\n", db, next, who);
		last = next;
	}
}

/*
 * havre-admin grants [--host HOST] [--accounts]
 * Prints the script (see the top of this file) for the accounts of
 * DB.Accounts.* on database DB.Name, connecting from HOST (default
 * localhost; '%' or a network such as '10.0.0.%' for application hosts
 * elsewhere). --accounts prints "NAME USER PROGRAM" lines instead (the
 * configuration's user, else the default havre_NAME) and needs no
 * password.
 * Returns ADMIN_OK, ADMIN_FAIL when an account's entry is missing or
 * has no password (named on stderr), ADMIN_USAGE.
 */
int
cmd_grants(struct admin *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "host", required_argument, NULL, 'h' },
		{ "accounts", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*host = "localhost", *user, *pw;
	char		 who[256], def[80];
	size_t		 i;
	int		 c, list = 0, rc, bad = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			host = optarg;
			break;
		case 'a':
			list = 1;
			break;
		default:
			return admin_usage(a);
		}
	}
	if (optind != argc)
		return admin_usage(a);
	if (!grants_ok())
		return ADMIN_FAIL;
	if (*host == '\0' || strlen(host) > 100 || !sql_plain(host)) {
		fprintf(stderr, "havre-admin: grants: --host: not a host name\n");
		return ADMIN_USAGE;
	}
	if (!sql_plain(a->conf.db_name) || *a->conf.db_name == '\0') {
		fprintf(stderr, "havre-admin: grants: DB.Name: not a plain "
		    "name\n");
		return ADMIN_FAIL;
	}
	if (list) {
		for (i = 0; i < NACCOUNTS; i++) {
			if ((rc = conf_account(&a->conf, accounts[i].name, &user,
			    &pw)) == -1)
				return ADMIN_FAIL;
			if (rc == 0) {
				snprintf(def, sizeof(def), "havre_%s",
				    accounts[i].name);
				user = def;
			}
			printf("%s %s %s\n", accounts[i].name, user,
			    accounts[i].program);
		}
		return ADMIN_OK;
	}
	/* Every account must be configured with a password first. */
	for (i = 0; i < NACCOUNTS; i++) {
		rc = conf_account(&a->conf, accounts[i].name, &user, &pw);
		if (rc == -1)
			return ADMIN_FAIL;
		if (rc == 0 || pw == NULL || *pw == '\0') {
			fprintf(stderr, "havre-admin: grants: DB.Accounts.%s "
			    "needs a User and a Password or PasswordFile (%s)\n",
			    accounts[i].name, accounts[i].program);
			bad = 1;
		} else if (!sql_plain(user) || strlen(user) > 80 ||
		    !sql_plain(pw)) {
			fprintf(stderr, "havre-admin: grants: DB.Accounts.%s: "
			    "the user or password holds a quote, a backslash "
			    "or a control character\n", accounts[i].name);
			bad = 1;
		}
	}
	if (bad)
		return ADMIN_FAIL;

	printf("-- Havre: one MariaDB account per program (havre-admin "
	    "grants).\n-- Apply as the database root: havre-admin grants | "
	    "mariadb\n-- Database `%s`, accounts connecting from '%s'. The "
	    "audit trail\n-- (audit_event, access_event) is insert-only for "
	    "every account.\n", a->conf.db_name, host);
	for (i = 0; i < NACCOUNTS; i++) {
		conf_account(&a->conf, accounts[i].name, &user, &pw);
		snprintf(who, sizeof(who), "'%s'@'%s'", user, host);
		printf("\n-- %s\n", accounts[i].program);
		printf("CREATE USER IF NOT EXISTS %s IDENTIFIED BY '%s';\n",
		    who, pw);
		printf("ALTER USER %s IDENTIFIED BY '%s';\n", who, pw);
		printf("REVOKE ALL PRIVILEGES, GRANT OPTION FROM %s;\n", who);
		print_grants(&accounts[i], a->conf.db_name, who);
	}
	return ADMIN_OK;
}

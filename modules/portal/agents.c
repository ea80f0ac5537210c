/*
 * agents.c: agents' administration (permission agents.admin): the list
 * of agents, creating an agent with a temporary password shown once,
 * editing an agent with optimistic concurrency (the version column),
 * and resetting a password. Every change runs in one transaction that
 * also writes its audit event; disabling an agent or resetting their
 * password ends all their sessions.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "audit.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "edit.h"
#include "log.h"
#include "passwd.h"
#include "portal.h"
#include "session.h"
#include "tpl.h"

/* The languages an agent may work in (agent.lang). */
static const char *const lang_choices[] = {"en", "fr", "ar", NULL};
static const char *const lang_labels[] = {"English", "Français", "العربية"};

/*
 * The roles an administrator can grant, as seeded by migration 0002
 * (role.name); each one is a checkbox named role_<name>. Bit i of a
 * role mask stands for role_names[i].
 */
static const char *const role_names[] = {
	"administrator", "supervisor", "registrar", "case_officer",
	"civil_status_officer", "reception", "call_centre", "partner_agency",
	"verifier",
};
#define NROLES	(sizeof(role_names) / sizeof(role_names[0]))

/* Inputs of the create and edit forms (edit ignores username). The
 * username is required on creation only: the handler checks it. */
const struct field_spec agent_fields[] = {
	{"username", FIELD_STRING, 0, 3, 64, NULL},
	{"display_name", FIELD_STRING, 1, 1, 200, NULL},
	{"email", FIELD_EMAIL, 0, 0, 254, NULL},
	{"lang", FIELD_ENUM, 1, 0, 0, lang_choices},
	{"home_site", FIELD_INT, 0, 1, DB_ID_MAX, NULL},
	{"role_administrator", FIELD_BOOL, 0, 0, 0, NULL},
	{"role_supervisor", FIELD_BOOL, 0, 0, 0, NULL},
	{"role_registrar", FIELD_BOOL, 0, 0, 0, NULL},
	{"role_case_officer", FIELD_BOOL, 0, 0, 0, NULL},
	{"role_civil_status_officer", FIELD_BOOL, 0, 0, 0, NULL},
	{"role_reception", FIELD_BOOL, 0, 0, 0, NULL},
	{"role_call_centre", FIELD_BOOL, 0, 0, 0, NULL},
	{"role_partner_agency", FIELD_BOOL, 0, 0, 0, NULL},
	{"role_verifier", FIELD_BOOL, 0, 0, 0, NULL},
	{"disabled", FIELD_BOOL, 0, 0, 0, NULL},
	{"version", FIELD_INT, 0, 1, 2147483647LL, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* The list's filter: text found in the username or display name. */
const struct field_spec agents_query_fields[] = {
	{"q", FIELD_STRING, 0, 0, 64, NULL},
	{NULL, FIELD_STRING, 0, 0, 0, NULL},
};

/* An agent as stored (or as submitted). */
struct agent {
	int64_t		 id;
	int64_t		 home_site;	/* 0: none */
	int64_t		 version;
	int		 disabled;
	int		 must_change;
	unsigned int	 roles;		/* mask over role_names */
	char		 username[256];
	char		 display_name[801];
	char		 email[255];
	char		 lang[8];
};

/* Text forms of an agent's fields for the audit trail. */
struct agent_text {
	char	 home_site[24];
	char	 disabled[2];
	char	 roles[256];
};

/* The role mask bit of a role name, or 0 if it is not one we grant. */
static unsigned int
role_bit(const char *name)
{
	size_t	i;

	for (i = 0; i < NROLES; i++)
		if (name != NULL && strcmp(name, role_names[i]) == 0)
			return 1u << i;
	return 0;
}

/* Write the role names of mask into out, joined with ",". */
static void
roles_csv(unsigned int mask, char *out, size_t outsz)
{
	size_t	i, len = 0;

	out[0] = '\0';
	for (i = 0; i < NROLES; i++) {
		if (!(mask & (1u << i)))
			continue;
		len += (size_t)snprintf(out + len, outsz > len ? outsz - len : 0,
		    "%s%s", len ? "," : "", role_names[i]);
		if (len >= outsz)
			break;
	}
}

/* Write the translated labels of mask into out, joined with ", ". */
static void
roles_labels(struct req *r, unsigned int mask, char *out, size_t outsz)
{
	size_t	i, len = 0;

	out[0] = '\0';
	for (i = 0; i < NROLES; i++) {
		if (!(mask & (1u << i)))
			continue;
		len += (size_t)snprintf(out + len, outsz > len ? outsz - len : 0,
		    "%s%s", len ? ", " : "", portal_role_label(r,
		    role_names[i]));
		if (len >= outsz)
			break;
	}
}

/* See portal.h. */
const char *
portal_role_label(struct req *r, const char *name)
{
	char		 key[96];
	const char	*s;

	snprintf(key, sizeof(key), "Agents.Roles.%s", name);
	s = tpl_text(r->hdf, key);
	return (s == NULL || strcmp(s, key) == 0) ? name : s;
}

/* Fill an agent's text forms for the audit trail. */
static void
agent_text(const struct agent *a, struct agent_text *t)
{
	if (a->home_site)
		snprintf(t->home_site, sizeof(t->home_site), "%lld",
		    (long long)a->home_site);
	else
		t->home_site[0] = '\0';
	snprintf(t->disabled, sizeof(t->disabled), "%d", a->disabled ? 1 : 0);
	roles_csv(a->roles, t->roles, sizeof(t->roles));
}

/*
 * Load agent id (fields and roles) into a. Returns DB_ROW if found,
 * DB_OK if there is no such agent, else the database error.
 */
static enum db_rc
agent_load(struct db *db, int64_t id, struct agent *a)
{
	struct db_stmt	*st;
	enum db_rc	 rc;

	memset(a, 0, sizeof(*a));
	if ((st = db_stmt(db, PSQL_AGENT_GET)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	a->id = id;
	snprintf(a->username, sizeof(a->username), "%s", db_col_text(st, 0));
	snprintf(a->display_name, sizeof(a->display_name), "%s",
	    db_col_text(st, 1));
	snprintf(a->email, sizeof(a->email), "%s", db_col_text(st, 2));
	snprintf(a->lang, sizeof(a->lang), "%s", db_col_text(st, 3));
	a->home_site = db_col_int(st, 4);
	a->disabled = db_col_int(st, 5) != 0;
	a->version = db_col_int(st, 6);
	a->must_change = db_col_int(st, 7) != 0;
	db_reset(st);

	if ((st = db_stmt(db, PSQL_AGENT_ROLES)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, id);
	while ((rc = db_step(st)) == DB_ROW)
		a->roles |= role_bit(db_col_text(st, 0));
	return rc == DB_OK ? DB_ROW : rc;
}

/* Read the submitted fields (all but username) into a. */
static void
agent_from_form(const struct req *r, struct agent *a)
{
	size_t	i;
	char	name[64];

	snprintf(a->display_name, sizeof(a->display_name), "%s",
	    form_str(r, "display_name"));
	snprintf(a->email, sizeof(a->email), "%s", form_str(r, "email"));
	snprintf(a->lang, sizeof(a->lang), "%s", form_str(r, "lang"));
	a->home_site = form_int(r, "home_site");
	a->disabled = form_int(r, "disabled") != 0;
	a->version = form_int(r, "version");
	a->roles = 0;
	for (i = 0; i < NROLES; i++) {
		snprintf(name, sizeof(name), "role_%s", role_names[i]);
		if (form_int(r, name))
			a->roles |= 1u << i;
	}
}

/* Put a's stored values in the form's nodes (Form.<name>.Value), for a
 * fresh edit page. */
static void
agent_to_form(struct req *r, const struct agent *a)
{
	size_t	i;
	char	node[96];

	page_set(r, "Form.display_name.Value", a->display_name);
	page_set(r, "Form.email.Value", a->email);
	page_set(r, "Form.lang.Value", a->lang);
	if (a->home_site)
		page_set_int(r, "Form.home_site.Value", a->home_site);
	else
		page_set(r, "Form.home_site.Value", "");
	page_set(r, "Form.disabled.Value", a->disabled ? "1" : "0");
	page_set_int(r, "Form.version.Value", a->version);
	for (i = 0; i < NROLES; i++) {
		snprintf(node, sizeof(node), "Form.role_%s.Value",
		    role_names[i]);
		page_set(r, node, (a->roles & (1u << i)) ? "1" : "0");
	}
}

/*
 * The name of site id among the options loaded by options_fill(), or
 * NULL if it is not one of them.
 */
static const char *
site_name(struct req *r, int64_t id)
{
	HDF		*o;
	long long	 v;

	for (o = hdf_get_child(r->hdf, "Agent.Sites"); o != NULL;
	    o = hdf_obj_next(o))
		if (parse_int(hdf_get_value(o, "Value", ""), 1,
		    DB_ID_MAX, &v) == 0 && v == id)
			return hdf_get_value(o, "Label", "");
	return NULL;
}

/* The label of a language code ("" if unknown). */
static const char *
lang_label(const char *code)
{
	size_t	i;

	for (i = 0; lang_choices[i] != NULL; i++)
		if (strcmp(code, lang_choices[i]) == 0)
			return lang_labels[i];
	return "";
}

/*
 * Options of the agent form: sites (Agent.Sites.N.{Value,Label}),
 * languages (Agent.Langs.N.*) and roles (Agent.Roles.N.{Field,Label}).
 * Returns 0, or the status of a database failure.
 */
static int
options_fill(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	size_t		 n = 0;
	char		 node[64], field[64];

	if ((st = db_stmt(r->db, PSQL_SITE_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	while ((rc = db_step(st)) == DB_ROW && n < 1000) {
		snprintf(node, sizeof(node), "Agent.Sites.%zu.Value", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Agent.Sites.%zu.Label", n);
		page_set(r, node, db_col_text(st, 1));
		n++;
	}
	if (rc == DB_ROW)
		db_reset(st);
	else if (rc != DB_OK)
		return db_http_status(rc);
	for (n = 0; lang_choices[n] != NULL; n++) {
		snprintf(node, sizeof(node), "Agent.Langs.%zu.Value", n);
		page_set(r, node, lang_choices[n]);
		snprintf(node, sizeof(node), "Agent.Langs.%zu.Label", n);
		page_set(r, node, lang_labels[n]);
	}
	/* Only the seeded roles that have a checkbox, in table order. */
	if ((st = db_stmt(r->db, PSQL_ROLE_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *name = db_col_text(st, 0);

		if (role_bit(name) == 0 || n >= NROLES)
			continue;
		snprintf(field, sizeof(field), "role_%s", name);
		snprintf(node, sizeof(node), "Agent.Roles.%zu.Field", n);
		page_set(r, node, field);
		snprintf(node, sizeof(node), "Agent.Roles.%zu.Label", n);
		page_set(r, node, portal_role_label(r, name));
		n++;
	}
	return rc == DB_OK ? 0 : db_http_status(rc);
}

/*
 * Checks of the agent form that only the handler can make: the home
 * site exists; on creation, the username is given and made of
 * [a-z0-9._-]. Marks the fields in error; returns the number of errors.
 */
static size_t
agent_form_check(struct req *r, int creating)
{
	const char	*u;
	int64_t		 site = form_int(r, "home_site");

	if (creating) {
		u = form_str(r, "username");
		if (form_get(r, "username") != NULL &&
		    !form_get(r, "username")->present)
			form_set_error(r, "username", "Form.Error.Required");
		else if (u[0] != '\0' && strspn(u,
		    "abcdefghijklmnopqrstuvwxyz0123456789._-") != strlen(u))
			form_set_error(r, "username", "Agents.Error.Username");
	}
	if (site != 0 && site_name(r, site) == NULL)
		form_set_error(r, "home_site", "Form.Error.Enum");
	return r->form.nerrors;
}

/*
 * GET /agents (agents.admin; also the fill of a rejected ?q=): the list
 * of agents, optionally filtered by q (in username or display name).
 * Page data: Agents.Q, Agents.List.N.{Id, Username, DisplayName, Site,
 * Disabled, Roles, LastLogin}. Template portal/agents.cs.
 */
int
page_agents(struct req *r)
{
	struct db_stmt	*st;
	enum db_rc	 rc;
	const char	*q = form_str(r, "q");
	size_t		 n = 0;
	char		 node[64], roles[512], when[64], *list, *tok, *save;
	char		 like[2 * 4 * 64 + 3];	/* q: 64 characters */
	unsigned int	 mask;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Agents.Title"));
	page_set(r, "Agents.Q", q);
	if ((st = db_stmt(r->db, PSQL_AGENT_LIST)) == NULL)
		return db_http_status(db_last_rc(r->db));
	db_like_contains(q, like, sizeof(like));
	db_bind_text(st, 0, q);
	db_bind_text(st, 1, like);
	db_bind_text(st, 2, like);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(node, sizeof(node), "Agents.List.%zu.Id", n);
		page_set_int(r, node, db_col_int(st, 0));
		snprintf(node, sizeof(node), "Agents.List.%zu.Username", n);
		page_set(r, node, db_col_text(st, 1));
		snprintf(node, sizeof(node), "Agents.List.%zu.DisplayName", n);
		page_set(r, node, db_col_text(st, 2));
		snprintf(node, sizeof(node), "Agents.List.%zu.Site", n);
		page_set(r, node, db_col_text(st, 3));
		snprintf(node, sizeof(node), "Agents.List.%zu.Disabled", n);
		page_set(r, node, db_col_int(st, 4) ? "1" : "0");
		mask = 0;
		if ((list = strdup(db_col_text(st, 5))) != NULL) {
			for (tok = strtok_r(list, ",", &save); tok != NULL;
			    tok = strtok_r(NULL, ",", &save))
				mask |= role_bit(tok);
			free(list);
		}
		roles_labels(r, mask, roles, sizeof(roles));
		snprintf(node, sizeof(node), "Agents.List.%zu.Roles", n);
		page_set(r, node, roles);
		portal_local_time(r, db_col_text(st, 6), when, sizeof(when));
		snprintf(node, sizeof(node), "Agents.List.%zu.LastLogin", n);
		page_set(r, node, when);
		n++;
	}
	if (rc != DB_OK)
		return db_http_status(rc);
	page_set_int(r, "Agents.Count", (long long)n);
	page_set(r, "Agents.TimeZone", r->conf ? r->conf->timezone : "UTC");
	return 200;
}

/*
 * GET /agents/new (agents.admin; also the fill of a rejected POST):
 * the empty creation form with its options (options_fill). Template
 * portal/agent_new.cs.
 */
int
page_agent_new_form(struct req *r)
{
	int	status;

	page_set(r, "Page.Title", tpl_text(r->hdf, "Agents.New.Title"));
	if ((status = options_fill(r)) != 0)
		return status;
	if (r->method == M_GET)
		page_set(r, "Form.lang.Value", r->conf && r->conf->default_lang ?
		    r->conf->default_lang : "en");
	else
		agent_form_check(r, 1);
	return 200;
}

/* What create_txn needs and gives back. */
struct create_ctx {
	struct req		*r;
	const struct agent	*a;
	const char		*username;
	const char		*hash;
	int64_t			 id;	/* out: the new agent's id */
};

/* Insert the agent, its roles and the audit event (db_txn function). */
static enum db_rc
create_txn(struct db *db, void *arg)
{
	struct create_ctx	*c = arg;
	const struct agent	*a = c->a;
	struct audit_change	 ch[8];
	struct agent_text	 t;
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 idtext[24];
	size_t			 i;

	if ((st = db_stmt(db, PSQL_AGENT_INSERT)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, c->username);
	db_bind_text(st, 1, a->display_name);
	db_bind_text(st, 2, a->email[0] ? a->email : NULL);
	db_bind_text(st, 3, a->lang);
	if (a->home_site)
		db_bind_int(st, 4, a->home_site);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, c->hash);
	db_bind_int(st, 6, a->disabled);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	c->id = (int64_t)db_insert_id(st);
	for (i = 0; i < NROLES; i++) {
		if (!(a->roles & (1u << i)))
			continue;
		if ((st = db_stmt(db, PSQL_AGENT_ROLE_ADD)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->id);
		db_bind_text(st, 1, role_names[i]);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	agent_text(a, &t);
	ch[0] = (struct audit_change){"username", NULL, c->username};
	ch[1] = (struct audit_change){"display_name", NULL, a->display_name};
	ch[2] = (struct audit_change){"email", NULL, a->email};
	ch[3] = (struct audit_change){"lang", NULL, a->lang};
	ch[4] = (struct audit_change){"home_site", NULL, t.home_site};
	ch[5] = (struct audit_change){"disabled", NULL, t.disabled};
	ch[6] = (struct audit_change){"roles", NULL, t.roles};
	ch[7] = (struct audit_change){"password", NULL, "(temporary)"};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	return audit_req(c->r, "agent", idtext, "create", ch, 8);
}

/*
 * Draw a temporary password into pw and hash it, then run the
 * transaction fn(arg) with *hashp pointing to the hash, which is wiped
 * afterwards. Returns 0 with the transaction's result in *rc, or 503
 * (hashing slots busy) or 500 when hashing fails (pw wiped).
 */
static int
temp_password_txn(struct req *r, char pw[20], const char **hashp,
    db_txn_fn fn, void *arg, enum db_rc *rc)
{
	char	hash[crypto_pwhash_STRBYTES];
	int	hrc;

	passwd_temporary(pw);
	if ((hrc = passwd_hash(pw, hash)) != 0) {
		sodium_memzero(pw, 20);
		log_err("cannot hash a temporary password (%d)", hrc);
		return hrc == -2 ? 503 : 500;
	}
	*hashp = hash;
	*rc = db_txn(r->db, fn, arg);
	*hashp = NULL;
	sodium_memzero(hash, sizeof(hash));
	return 0;
}

/*
 * POST /agents/new (agents.admin, CSRF; fields agent_fields): create
 * an agent with a temporary password (must be changed at first
 * login), shown once on the answer page and stored nowhere. 201 with
 * portal/agent_new.cs (Agent.Created, Agent.Id, Agent.Username,
 * Agent.TempPassword); 422 with messages for a taken or malformed
 * username; 503 if the database or the hashing slots are busy.
 */
int
page_agent_new(struct req *r)
{
	struct create_ctx	 c;
	struct agent		 a;
	char			 pw[20];
	enum db_rc		 rc;
	int			 status;

	/* Options, and the checks only this handler can make. */
	if ((status = page_agent_new_form(r)) != 200)
		return status;
	if (r->form.nerrors > 0)
		return 422;
	memset(&a, 0, sizeof(a));
	agent_from_form(r, &a);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.a = &a;
	c.username = form_str(r, "username");
	if ((status = temp_password_txn(r, pw, &c.hash, create_txn, &c,
	    &rc)) != 0)
		return status;
	if (rc == DB_DUP) {
		sodium_memzero(pw, sizeof(pw));
		form_set_error(r, "username", "Agents.Error.Taken");
		return 422;
	}
	if (rc != DB_OK) {
		sodium_memzero(pw, sizeof(pw));
		log_err("cannot create agent: %s", db_errmsg(r->db));
		return db_http_status(rc);
	}
	log_info("agent %lld (%s) created", (long long)c.id, c.username);
	page_set(r, "Agent.Created", "1");
	page_set_int(r, "Agent.Id", c.id);
	page_set(r, "Agent.Username", c.username);
	page_set(r, "Agent.TempPassword", pw);
	sodium_memzero(pw, sizeof(pw));
	return 201;
}

/*
 * Checks of a submitted edit that only the handler can make: the
 * version is given, the home site exists, and administrators do not
 * lock themselves out (disable themselves or drop their own
 * administrator role). Marks the fields in error.
 */
static void
edit_check(struct req *r, const struct agent *stored)
{
	struct agent	want;

	if (form_get(r, "version") != NULL && !form_get(r, "version")->present)
		form_set_error(r, "version", "Form.Error.Required");
	agent_form_check(r, 0);
	if (r->session == NULL || r->session->agent_id != stored->id)
		return;
	memset(&want, 0, sizeof(want));
	agent_from_form(r, &want);
	if (want.disabled)
		form_set_error(r, "disabled", "Agents.Error.SelfDisable");
	if (!(want.roles & role_bit("administrator")))
		form_set_error(r, "role_administrator",
		    "Agents.Error.SelfAdmin");
}

/*
 * GET /agents/{id} (agents.admin; also the fill of a rejected POST):
 * the edit form with the stored values (a rejected POST keeps the
 * submitted ones). Page data: Agent.Id, Agent.Username,
 * Agent.MustChange, the options of options_fill(). 404 for an unknown
 * id. Template portal/agent.cs.
 */
int
page_agent_form(struct req *r)
{
	struct agent	a;
	enum db_rc	rc;
	int		status;

	rc = agent_load(r->db, req_param_int(r, "id"), &a);
	if (rc == DB_OK)
		return 404;
	if (rc != DB_ROW)
		return db_http_status(rc);
	if ((status = options_fill(r)) != 0)
		return status;
	page_set(r, "Page.Title", a.display_name);
	page_set_int(r, "Agent.Id", a.id);
	page_set(r, "Agent.Username", a.username);
	page_set(r, "Agent.DisplayName", a.display_name);
	page_set(r, "Agent.MustChange", a.must_change ? "1" : "0");
	if (r->session != NULL && r->session->agent_id == a.id)
		page_set(r, "Agent.Self", "1");
	if (r->method == M_GET)
		agent_to_form(r, &a);
	else
		edit_check(r, &a);
	return 200;
}

/* What save_txn needs and gives back. */
struct save_ctx {
	struct req		*r;
	int64_t			 id;
	const struct agent	*want;	/* the submitted values */
	struct agent		 old;	/* out: the values replaced */
	int			 found;	/* out: the agent exists */
	int			 conflict; /* out: the version moved on */
	int			 nchanges; /* out: fields changed */
};

/*
 * Update the agent if its version is still the submitted one, replace
 * its roles, end its sessions when it is being disabled, and write the
 * audit event with old -> new for each changed field (db_txn
 * function). A missing agent or a stale version changes nothing and
 * reports DB_OK with found/conflict set.
 */
static enum db_rc
save_txn(struct db *db, void *arg)
{
	struct save_ctx		*c = arg;
	const struct agent	*w = c->want;
	struct agent_text	 ot, nt;
	struct edit_field	 f[6];
	struct db_stmt		*st;
	enum db_rc		 rc;
	size_t			 i;

	c->found = c->conflict = c->nchanges = 0;
	if ((rc = agent_load(db, c->id, &c->old)) != DB_ROW)
		return rc;
	c->found = 1;
	if (c->old.version != w->version) {
		c->conflict = 1;
		return DB_OK;
	}
	if ((st = db_stmt(db, PSQL_AGENT_UPDATE)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, w->display_name);
	db_bind_text(st, 1, w->email[0] ? w->email : NULL);
	db_bind_text(st, 2, w->lang);
	if (w->home_site)
		db_bind_int(st, 3, w->home_site);
	else
		db_bind_null(st, 3);
	db_bind_int(st, 4, w->disabled);
	db_bind_int(st, 5, c->id);
	db_bind_int(st, 6, w->version);
	if ((rc = edit_exec(st, &c->conflict)) != DB_OK || c->conflict)
		return rc;
	/* Roles: replaced as a whole. */
	if ((st = db_stmt(db, PSQL_AGENT_ROLES_CLEAR)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	for (i = 0; i < NROLES; i++) {
		if (!(w->roles & (1u << i)))
			continue;
		if ((st = db_stmt(db, PSQL_AGENT_ROLE_ADD)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->id);
		db_bind_text(st, 1, role_names[i]);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	/* A disabled agent is signed out everywhere at once. */
	if (w->disabled && !c->old.disabled) {
		if ((st = db_stmt(db, PSQL_AGENT_SESSIONS_REVOKE_ALL)) == NULL)
			return db_last_rc(db);
		db_bind_int(st, 0, c->id);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	agent_text(&c->old, &ot);
	agent_text(w, &nt);
	f[0] = (struct edit_field){"display_name", NULL,
	    c->old.display_name, w->display_name};
	f[1] = (struct edit_field){"email", NULL, c->old.email, w->email};
	f[2] = (struct edit_field){"lang", NULL, c->old.lang, w->lang};
	f[3] = (struct edit_field){"home_site", NULL, ot.home_site,
	    nt.home_site};
	f[4] = (struct edit_field){"disabled", NULL, ot.disabled,
	    nt.disabled};
	f[5] = (struct edit_field){"roles", NULL, ot.roles, nt.roles};
	return edit_audit(c->r, "agent", c->id, "update", f, 6, &c->nchanges);
}

/*
 * A save lost to another change: show the stored values beside the
 * submitted ones (which stay in the form) as the agent reads them
 * (labels, not codes), with the stored version in the form so that
 * saving again overwrites knowingly.
 */
static void
conflict_fill(struct req *r, const struct agent *stored,
    const struct agent *mine)
{
	struct edit_field	 f[6];
	char			 sr[512], mr[512];
	const char		*ss, *ms;

	ss = stored->home_site ? site_name(r, stored->home_site) : "";
	ms = mine->home_site ? site_name(r, mine->home_site) : "";
	roles_labels(r, stored->roles, sr, sizeof(sr));
	roles_labels(r, mine->roles, mr, sizeof(mr));
	f[0] = (struct edit_field){"display_name",
	    tpl_text(r->hdf, "Agents.Field.DisplayName"),
	    stored->display_name, mine->display_name};
	f[1] = (struct edit_field){"email",
	    tpl_text(r->hdf, "Agents.Field.Email"), stored->email,
	    mine->email};
	f[2] = (struct edit_field){"lang", tpl_text(r->hdf, "Agents.Field.Lang"),
	    lang_label(stored->lang), lang_label(mine->lang)};
	f[3] = (struct edit_field){"home_site",
	    tpl_text(r->hdf, "Agents.Field.HomeSite"), ss ? ss : "",
	    ms ? ms : ""};
	f[4] = (struct edit_field){"disabled",
	    tpl_text(r->hdf, "Agents.Field.Disabled"),
	    tpl_text(r->hdf, stored->disabled ? "Agents.Yes" : "Agents.No"),
	    tpl_text(r->hdf, mine->disabled ? "Agents.Yes" : "Agents.No")};
	f[5] = (struct edit_field){"roles",
	    tpl_text(r->hdf, "Agents.Field.Roles"), sr, mr};
	edit_conflict(r, f, 6, stored->version);
}

/*
 * POST /agents/{id} (agents.admin, CSRF; fields agent_fields, version
 * required): save the agent. Redirects to the agent's page with a
 * flash on success; 409 with both versions shown when someone saved
 * in between; 422 for a bad field; 404 for an unknown id.
 */
int
page_agent_save(struct req *r)
{
	struct save_ctx	 c;
	struct agent	 want, stored;
	enum db_rc	 rc;
	int		 status;
	char		 loc[64];

	/* The stored agent, options, and the handler-only checks. */
	if ((status = page_agent_form(r)) != 200)
		return status;
	if (r->form.nerrors > 0)
		return 422;
	memset(&want, 0, sizeof(want));
	agent_from_form(r, &want);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = req_param_int(r, "id");
	c.want = &want;
	if ((rc = db_txn(r->db, save_txn, &c)) != DB_OK) {
		log_err("cannot save agent %lld: %s", (long long)c.id,
		    db_errmsg(r->db));
		return db_http_status(rc);
	}
	if (!c.found)
		return 404;
	if (c.conflict) {
		rc = agent_load(r->db, c.id, &stored);
		if (rc == DB_OK)
			return 404;
		if (rc != DB_ROW)
			return db_http_status(rc);
		conflict_fill(r, &stored, &want);
		return 409;
	}
	log_info("agent %lld saved (%d changes)", (long long)c.id, c.nchanges);
	flash_set(r, "ok", "Flash.Saved");
	snprintf(loc, sizeof(loc), "/agents/%lld", (long long)c.id);
	return resp_redirect(r, loc);
}

/* What reset_txn needs and gives back. */
struct reset_ctx {
	struct req	*r;
	int64_t		 id;
	const char	*hash;
	int		 found;		/* out */
};

/* Set the temporary password, end the agent's sessions and write the
 * audit event (db_txn function). */
static enum db_rc
reset_txn(struct db *db, void *arg)
{
	struct reset_ctx	*c = arg;
	struct audit_change	 ch[2];
	struct db_stmt		*st;
	enum db_rc		 rc;
	char			 idtext[24];

	c->found = 0;
	if ((st = db_stmt(db, PSQL_AGENT_SET_PASSWORD)) == NULL)
		return db_last_rc(db);
	db_bind_text(st, 0, c->hash);
	db_bind_int(st, 1, 1);
	db_bind_int(st, 2, c->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_affected(st) == 0)
		return DB_OK;
	c->found = 1;
	if ((st = db_stmt(db, PSQL_AGENT_SESSIONS_REVOKE_ALL)) == NULL)
		return db_last_rc(db);
	db_bind_int(st, 0, c->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	ch[0] = (struct audit_change){"password", "(hidden)", "(temporary)"};
	ch[1] = (struct audit_change){"must_change_password", NULL, "1"};
	snprintf(idtext, sizeof(idtext), "%lld", (long long)c->id);
	return audit_req(c->r, "agent", idtext, "password_reset", ch, 2);
}

/*
 * POST /agents/{id}/reset-password (agents.admin, CSRF): give the
 * agent a new temporary password, shown once (Agent.TempPassword on
 * portal/agent_reset.cs), and end all their sessions. 404 for an
 * unknown id; 503 when the database or the hashing slots are busy.
 */
int
page_agent_reset(struct req *r)
{
	struct reset_ctx	 c;
	struct agent		 a;
	char			 pw[20];
	enum db_rc		 rc;
	int			 status;

	rc = agent_load(r->db, req_param_int(r, "id"), &a);
	if (rc == DB_OK)
		return 404;
	if (rc != DB_ROW)
		return db_http_status(rc);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.id = a.id;
	if ((status = temp_password_txn(r, pw, &c.hash, reset_txn, &c,
	    &rc)) != 0)
		return status;
	if (rc != DB_OK || !c.found) {
		sodium_memzero(pw, sizeof(pw));
		if (rc == DB_OK)
			return 404;
		log_err("cannot reset the password of agent %lld: %s",
		    (long long)a.id, db_errmsg(r->db));
		return db_http_status(rc);
	}
	log_info("password of agent %lld reset", (long long)a.id);
	page_set(r, "Page.Title", tpl_text(r->hdf, "Agents.Reset.Title"));
	page_set_int(r, "Agent.Id", a.id);
	page_set(r, "Agent.Username", a.username);
	page_set(r, "Agent.DisplayName", a.display_name);
	page_set(r, "Agent.TempPassword", pw);
	sodium_memzero(pw, sizeof(pw));
	return 200;
}

/*
 * route.c: route matching and dispatch. One function decides, for every
 * request of every program, in this order: language, route (404/405),
 * vhost, session and permission, CSRF, form validation; only then does
 * the handler run, and its result is rendered here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "session.h"
#include "tpl.h"

#define PARAM_INT_MAX DB_ID_MAX

/*
 * Check one path segment (seg, len bytes) against a typed parameter
 * type ("int", "token", "str"). Returns 1 if it fits.
 */
static int
param_fits(const char *type, size_t typelen, const char *seg, size_t len)
{
	size_t	i;

	if (len == 0)
		return 0;
	if (typelen == 3 && strncmp(type, "int", 3) == 0) {
		long long	n = 0;

		/* Canonical positive integers only: no sign, no leading 0. */
		if (len > 16 || seg[0] == '0')
			return 0;
		for (i = 0; i < len; i++) {
			if (seg[i] < '0' || seg[i] > '9')
				return 0;
			n = n * 10 + (seg[i] - '0');
		}
		return n >= 1 && n <= PARAM_INT_MAX;
	}
	if (typelen == 5 && strncmp(type, "token", 5) == 0) {
		if (len > 64)
			return 0;
		for (i = 0; i < len; i++)
			if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
			    "OPQRSTUVWXYZ0123456789_-", seg[i]) == NULL ||
			    seg[i] == '\0')
				return 0;
		return 1;
	}
	if (typelen == 3 && strncmp(type, "str", 3) == 0)
		return len <= 256;
	return 0;
}

/* Free the parameters captured so far by route_match. */
static void
params_clear(char **names, char **values, size_t *n)
{
	while (*n > 0) {
		(*n)--;
		free(names[*n]);
		free(values[*n]);
		names[*n] = values[*n] = NULL;
	}
}

/* See app.h. */
int
route_match(const char *pattern, const char *path, char **names,
    char **values, size_t *n)
{
	const char	*p = pattern, *s = path;

	*n = 0;
	while (*p != '\0' && *s != '\0') {
		const char	*pend = strchr(p, '/'), *send = strchr(s, '/');
		size_t		 plen, slen;

		if ((*p == '/') != (*s == '/'))
			goto fail;
		if (*p == '/') {
			p++;
			s++;
			continue;
		}
		pend = pend ? pend : p + strlen(p);
		send = send ? send : s + strlen(s);
		plen = (size_t)(pend - p);
		slen = (size_t)(send - s);
		if (*p == '{' && p[plen - 1] == '}') {
			const char *colon = memchr(p, ':', plen);

			if (colon == NULL || *n >= ROUTE_MAX_PARAMS ||
			    !param_fits(colon + 1,
			    (size_t)(p + plen - 1 - colon - 1), s, slen))
				goto fail;
			names[*n] = strndup(p + 1, (size_t)(colon - p - 1));
			values[*n] = strndup(s, slen);
			(*n)++;
			if (names[*n - 1] == NULL || values[*n - 1] == NULL)
				goto fail;
		} else if (plen != slen || strncmp(p, s, plen) != 0)
			goto fail;
		p = pend;
		s = send;
	}
	if (*p == '\0' && *s == '\0')
		return 1;
fail:
	params_clear(names, values, n);
	return 0;
}

/*
 * Returns 1 if code is one of the agents' languages (Site.AgentLanguages,
 * default "en,fr,ar"): the intranet's switcher offers only those, the
 * public pages every configured language.
 */
static int
agent_language(const struct req *r, const char *code)
{
	const char	*list, *p;
	size_t		 n = strlen(code);

	list = r->conf ? conf_get(r->conf, "Site.AgentLanguages", "en,fr,ar") :
	    "en,fr,ar";
	for (p = list; p != NULL && *p != '\0'; p = strchr(p, ',') ?
	    strchr(p, ',') + 1 : NULL) {
		while (*p == ' ')
			p++;
		if (strncmp(p, code, n) == 0 &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
	}
	return 0;
}

/* Returns 1 if code may be the page language on this request's vhost. */
static int
lang_allowed(const struct req *r, const char *code)
{
	return tpl_lang_ok(code) && (r->vhost != VHOST_INTRANET ||
	    agent_language(r, code));
}

/*
 * Choose the page language: ?lang=, then the lang cookie, then the
 * agent's own language, then Accept-Language, then the default; on the
 * intranet only the agents' languages. A valid ?lang= is remembered in
 * a cookie for a year.
 */
static void
choose_language(struct req *r)
{
	const struct kv	*q = kv_get(&r->query, "lang");
	const char	*c = req_cookie(r, "lang"), *pick = NULL;

	if (q != NULL && lang_allowed(r, q->value)) {
		pick = q->value;
		resp_cookie(r, "lang", pick, 365L * 24 * 3600);
	} else if (c != NULL && lang_allowed(r, c))
		pick = c;
	else if (r->session != NULL && r->session->lang != NULL &&
	    lang_allowed(r, r->session->lang))
		pick = r->session->lang;
	else
		pick = tpl_lang_accept(req_env(r, "HTTP_ACCEPT_LANGUAGE"));
	if (pick != NULL && !lang_allowed(r, pick))
		pick = NULL;
	if (pick == NULL)
		pick = r->conf ? r->conf->default_lang : "en";
	snprintf(r->lang, sizeof(r->lang), "%s", pick);
}

/*
 * Page.LangHref: where a language link goes, "?" then the GET query
 * without its lang (each name and value %-escaped), then "lang=", so
 * that switching language keeps the page shown (a search and its page
 * of results); a re-rendered POST form starts again from "?lang=".
 */
static void
page_lang_href(struct req *r)
{
	struct buf	b = {0};
	size_t		i;

	buf_puts(&b, "?");
	for (i = 0; r->method == M_GET && i < r->query.n; i++) {
		const struct kv *kv = &r->query.v[i];

		if (strcmp(kv->name, "lang") == 0 || kv->value[0] == '\0')
			continue;
		http_url_escape(&b, kv->name, "-._~");
		buf_puts(&b, "=");
		http_url_escape(&b, kv->value, "-._~");
		buf_puts(&b, "&");
	}
	buf_puts(&b, "lang=");
	page_set(r, "Page.LangHref", b.data ? b.data : "?lang=");
	buf_free(&b);
}

/*
 * Page data every template may use: request id, language list for the
 * switcher (on the intranet, the agents' languages only) and where its
 * links go, current path, the flash message left by the previous POST.
 */
static void
page_common(struct req *r)
{
	static const char *const names[][2] = {
		{"en", "English"}, {"fr", "Français"}, {"ar", "العربية"},
		{"es", "Español"}, {"ht", "Kreyòl ayisyen"},
	};
	const char	*flash;
	size_t		 i, n = 0;
	char		 node[64];

	page_set(r, "Page.ReqId", r->reqid);
	page_set(r, "Page.Path", r->path ? r->path : "/");
	page_lang_href(r);
	page_set(r, "Page.Vhost", r->vhost == VHOST_INTRANET ? "intranet" :
	    "public");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!tpl_lang_ok(names[i][0]) || (r->vhost == VHOST_INTRANET &&
		    !agent_language(r, names[i][0])))
			continue;
		snprintf(node, sizeof(node), "Page.Languages.%zu.Code", n);
		page_set(r, node, names[i][0]);
		snprintf(node, sizeof(node), "Page.Languages.%zu.Label", n);
		page_set(r, node, names[i][1]);
		n++;
	}
	/* The flash cookie holds "kind:Key.Path"; only keys present in our
	 * own language files are shown, so it cannot carry text. */
	if ((flash = req_cookie(r, "flash")) != NULL) {
		const char	*colon = strchr(flash, ':');
		char		 kind[16];

		if (colon != NULL && (size_t)(colon - flash) < sizeof(kind) &&
		    strspn(colon + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
		    "nopqrstuvwxyz0123456789.") == strlen(colon + 1)) {
			snprintf(kind, sizeof(kind), "%.*s",
			    (int)(colon - flash), flash);
			if ((strcmp(kind, "ok") == 0 ||
			    strcmp(kind, "error") == 0 ||
			    strcmp(kind, "info") == 0) &&
			    tpl_has_text(r->hdf, colon + 1)) {
				page_set(r, "Page.Flash.0.Kind", kind);
				page_set(r, "Page.Flash.0.Text",
				    tpl_text(r->hdf, colon + 1));
			}
		}
		resp_cookie(r, "flash", "", 0);
	}
}

/*
 * Find the route for the request. Returns it, or NULL with *status set
 * to 404 (no path matches on this vhost) or 405 (path matches, method
 * does not; Allow header added).
 */
static const struct route *
find_route(struct req *r, int *status)
{
	const struct app	*app = r->app;
	int			 allow = 0;
	size_t			 i, n;
	char			*names[ROUTE_MAX_PARAMS], *values[ROUTE_MAX_PARAMS];

	for (i = 0; i < app->nroutes; i++) {
		const struct route *rt = &app->routes[i];

		if (!(rt->vhost & r->vhost))
			continue;
		if (!route_match(rt->pattern, r->path, names, values, &n))
			continue;
		if (!(rt->methods & r->method)) {
			allow |= rt->methods;
			params_clear(names, values, &n);
			continue;
		}
		memcpy(r->param_name, names, n * sizeof(names[0]));
		memcpy(r->param, values, n * sizeof(values[0]));
		r->nparams = n;
		return rt;
	}
	if (allow) {
		struct buf	a = {0};

		if (allow & M_GET)
			buf_puts(&a, "GET, HEAD, ");
		if (allow & M_POST)
			buf_puts(&a, "POST, ");
		if (allow & M_PUT)
			buf_puts(&a, "PUT, ");
		if (allow & M_DELETE)
			buf_puts(&a, "DELETE, ");
		a.data[a.len - 2] = '\0';
		resp_header(r, "Allow", a.data);
		buf_free(&a);
		*status = 405;
	} else
		*status = 404;
	return NULL;
}

/* Render the template for a handler's result: req->tpl or the route's. */
static int
render_page(struct req *r, int status)
{
	const char	*file = r->tpl ? r->tpl : r->route->tpl;

	if (file == NULL) {
		log_err("route %s has no template", r->route->pattern);
		return error_page(r, 500, NULL);
	}
	buf_reset(&r->out);
	if (tpl_render(r->hdf, file, &r->out) != 0)
		return error_page(r, 500, NULL);
	r->status = status;
	r->done = 1;
	r->ctype = "text/html; charset=utf-8";
	return status;
}

/*
 * Validate the request's input against the route's field specs: the
 * form, or with ROUTE_JSON the JSON object body. Returns 0 if every
 * field is valid, 1 if some are not (messages in r->form), or -1 after
 * answering the request itself (400 bad_json, 500).
 */
static int
input_check(struct req *r, const struct route *rt)
{
	size_t	n = rt->nfields ? rt->nfields : field_count(rt->fields);
	int	rc;

	if (!(rt->flags & ROUTE_JSON))
		return form_validate(r, rt->fields, n) != 0;
	rc = form_validate_json(r, rt->fields, n);
	if (rc == FORM_JSON_BAD) {
		resp_json(r, 400, "{\"error\":\"bad_json\"}");
		return -1;
	}
	if (rc < 0) {
		error_page(r, 500, NULL);
		return -1;
	}
	return rc != 0;
}

/* See app.h. */
int
dispatch_status(int status)
{
	return status >= 100 && status <= 599 ? status : 500;
}

/* See app.h. */
int
dispatch(struct req *r)
{
	const struct route	*rt;
	int			 status = 500, rc;

	if (r->method == 0) {
		resp_header(r, "Allow", "GET, HEAD, POST, PUT, DELETE");
		tpl_prepare(r->hdf, r->conf ? r->conf->default_lang : "en");
		page_common(r);
		return error_page(r, 405, NULL);
	}
	/* Who is asking comes first: the agent's language may choose the
	 * page language. An unreachable database only matters to routes
	 * that need a session, checked below. */
	rc = auth_identify(r);
	choose_language(r);
	if (tpl_prepare(r->hdf, r->lang) != 0)
		return error_page(r, 500, NULL);
	page_common(r);
	auth_page_data(r);
	if (r->input_error)
		return error_page(r, 400, NULL);
	if ((rt = find_route(r, &status)) == NULL)
		return error_page(r, status, NULL);
	r->route = rt;
	if ((status = auth_check(r, rc)) != 0)
		return status;
	if (rt->fields != NULL && (rc = input_check(r, rt)) != 0) {
		if (rc < 0)
			return r->status;
		/* No answer on a key from memory (ROUTE_KEY_LATER) before
		 * it is looked up. */
		if ((status = auth_key_confirm(r)) != 0)
			return status;
		if (rt->fill != NULL) {
			status = rt->fill(r);
			if (r->done)
				return r->status;
			if (dispatch_status(status) != status) {
				log_err("route %s: fill returned status %d",
				    rt->pattern, status);
				status = 500;
			}
			if (status >= 400 && status != 422)
				return error_page(r, status, NULL);
		}
		if (rt->flags & ROUTE_API)
			return auth_json_form_errors(r);
		/* A form with no page to show it again is a bad request. */
		if (r->tpl == NULL && rt->tpl == NULL)
			return error_page(r, 400, NULL);
		return render_page(r, 422);
	}
	status = rt->handler(r);
	if (r->done)
		return r->status;
	if (dispatch_status(status) != status) {
		log_err("route %s: handler returned status %d", rt->pattern,
		    status);
		status = 500;
	}
	/* Refusals a page explains itself (invalid input, a conflict, a
	 * throttle with its waiting time, a full file store) render the
	 * route's template. */
	if ((status >= 200 && status < 300) || status == 422 ||
	    status == 409 || status == 429 || status == 507)
		return render_page(r, status);
	return error_page(r, status, NULL);
}

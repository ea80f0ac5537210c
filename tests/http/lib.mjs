// tests/http/lib.mjs: helpers for Havre's HTTP tests (node:test), which
// go through the real nginx to the real FastCGI programs and MariaDB of
// the stack `contrib/dev check` starts (var/check).
//
// Environment (set by contrib/dev check):
//   HAVRE_INTRANET, HAVRE_PUBLIC  base URLs of the two vhosts
//   HAVRE_CONFIG                  the stack's havre.hdf
//   HAVRE_ADMIN                   build/havre-admin
//   HAVRE_DEV, HAVRE_ENV          contrib/dev and the env it manages
//   HAVRE_SRCDIR                  the work tree
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SRCDIR = process.env.HAVRE_SRCDIR ??
	resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ENV = process.env.HAVRE_ENV ?? 'check';
export const INTRANET = process.env.HAVRE_INTRANET ?? 'http://127.0.0.1:18080';
export const PUBLIC = process.env.HAVRE_PUBLIC ?? 'http://127.0.0.1:18081';
export const CONFIG = process.env.HAVRE_CONFIG ??
	join(SRCDIR, 'var', ENV, 'havre.hdf');
export const ADMIN = process.env.HAVRE_ADMIN ??
	join(SRCDIR, 'build', 'havre-admin');
export const DEV = process.env.HAVRE_DEV ?? join(SRCDIR, 'contrib', 'dev');
// The stack's log folder (Log.Dir): var/<env>/log beside the config.
export const LOG_DIR = join(dirname(CONFIG), 'log');

// A cookie jar: remembers name=value pairs from Set-Cookie headers
// (attributes are ignored; Max-Age=0 or an empty value deletes).
export class CookieJar {
	constructor() {
		this.cookies = new Map();
	}

	// Take the Set-Cookie headers of a fetch Response.
	update(res) {
		for (const line of res.headers.getSetCookie()) {
			const [pair, ...attrs] = line.split(';');
			const eq = pair.indexOf('=');
			if (eq <= 0)
				continue;
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
			if (value === '' || expired)
				this.cookies.delete(name);
			else
				this.cookies.set(name, value);
		}
	}

	// The value of cookie name, or undefined.
	get(name) {
		return this.cookies.get(name);
	}

	// The Cookie request header, or undefined when the jar is empty.
	header() {
		if (this.cookies.size === 0)
			return undefined;
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}
}

// Send one request and read the whole answer. Redirects are not
// followed. opts: method, headers, body, jar (a CookieJar used and
// updated). Returns {status, headers, text, res}.
export async function request(base, path, opts = {}) {
	const headers = { ...(opts.headers ?? {}) };
	const cookie = opts.jar?.header();
	if (cookie !== undefined && headers.Cookie === undefined)
		headers.Cookie = cookie;
	const res = await fetch(new URL(path, base), {
		method: opts.method ?? 'GET',
		headers,
		body: opts.body,
		redirect: 'manual',
		signal: AbortSignal.timeout(opts.timeout ?? 15000),
	});
	opts.jar?.update(res);
	const text = await res.text();
	return { status: res.status, headers: res.headers, text, res };
}

// GET path on base.
export function get(base, path, opts = {}) {
	return request(base, path, { ...opts, method: 'GET' });
}

// POST fields (an object or [name, value] pairs) urlencoded to path.
export function post(base, path, fields, opts = {}) {
	return postRaw(base, path, new URLSearchParams(fields).toString(), opts);
}

// POST a raw application/x-www-form-urlencoded body to path.
export function postRaw(base, path, body, opts = {}) {
	return request(base, path, {
		...opts,
		method: 'POST',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			...(opts.headers ?? {}),
		},
		body,
	});
}

// The <html> element's lang and dir attributes of a page.
export function htmlLangDir(text) {
	const m = /<html\b[^>]*>/i.exec(text);
	if (m === null)
		return { lang: undefined, dir: undefined };
	const attr = (name) =>
		new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(m[0])?.[1];
	return { lang: attr('lang'), dir: attr('dir') };
}

// Run contrib/dev with args for this env; throws (with its output) when
// it fails. Returns its stdout.
export function dev(...args) {
	const r = spawnSync(DEV, args, {
		env: { ...process.env, HAVRE_ENV: ENV },
		encoding: 'utf8',
		timeout: 120000,
	});
	if (r.status !== 0)
		throw new Error(`contrib/dev ${args.join(' ')} failed ` +
			`(${r.status ?? r.signal}): ${r.stderr}${r.stdout}`);
	return r.stdout;
}

// Call fn until it returns a truthy value or ms milliseconds passed.
// Returns the last value.
export async function waitFor(fn, ms = 10000, step = 200) {
	const end = Date.now() + ms;
	let v;
	for (;;) {
		try {
			v = await fn();
		} catch {
			v = undefined;
		}
		if (v || Date.now() >= end)
			return v;
		await new Promise((r) => setTimeout(r, step));
	}
}

// The text of the stack's access logs: nginx's, or Apache's two
// (contrib/dev check --apache); '' when there is none.
export function accessLog() {
	return ['nginx-access.log', 'havre-intranet-access.log',
		'havre-public-access.log']
		.map((name) => join(LOG_DIR, name))
		.filter((f) => existsSync(f))
		.map((f) => readFileSync(f, 'utf8')).join('');
}

// --- agents and sessions ---

// The CSRF token of the first form on a page (hidden field "csrf").
export function csrfOf(text) {
	return /name="csrf" value="([0-9a-f]{64})"/.exec(text)?.[1];
}

// Run havre-admin against the stack's configuration. Returns
// {status, stdout, stderr}; input is written to its standard input.
export function admin(args, input) {
	const r = spawnSync(ADMIN, ['--config', CONFIG, ...args], {
		encoding: 'utf8', input, timeout: 60000,
	});
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A username unique to this run (tests share one database).
// The agency's date n days from today, YYYY-MM-DD, in its zone
// (Agency.TimeZone: Europe/Paris in the test stacks), which is not
// UTC's date for an hour or two each night: a test that takes UTC's
// failed then (an exchange due "in 2 days" was 4 days late, not 3).
export function agencyDay(n = 0, zone = 'Europe/Paris') {
	return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric',
		month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + n * 86400000));
}

export function uniqueName(prefix) {
	return `${prefix}${process.pid}${Math.floor(Math.random() * 1e6)}`
		.slice(0, 60);
}

// Create an agent with havre-admin (roles: an array, may be empty).
// Returns {username, password}. Throws if the command fails.
export function makeAgent(prefix, roles, opts = {}) {
	const username = uniqueName(prefix);
	const password = opts.password ?? `Correct horse ${username} staple`;
	const args = ['user', 'add', '--username', username,
		'--password-file', '-', '--display-name', `Agent ${username}`];
	for (const role of roles)
		args.push('--role', role);
	if (opts.temporary)
		args.push('--temporary');
	const r = admin(args, password + '\n');
	if (r.status !== 0)
		throw new Error(`user add failed: ${r.stderr}`);
	return { username, password };
}

// Sign in through the real login form. Returns {jar, res} where res is
// the answer to the POST (303 on success).
export async function login(username, password, opts = {}) {
	const jar = opts.jar ?? new CookieJar();
	const form = await get(INTRANET, '/login', { jar });
	const csrf = csrfOf(form.text);
	const res = await post(INTRANET, '/login',
		{ csrf, username, password, next: opts.next ?? '' },
		{ jar, headers: { Origin: INTRANET } });
	return { jar, res };
}

// Parse the stack's havre.hdf enough to reach its database: the DB
// group's Socket, Name, User and Password (either syntax).
function dbConfig() {
	const text = readFileSync(CONFIG, 'utf8');
	const out = {};
	let group = '';
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#'))
			continue;
		let m;
		if ((m = /^(\w+)\s*\{$/.exec(line)) !== null) {
			group = m[1];
			continue;
		}
		if (line === '}') {
			group = '';
			continue;
		}
		if ((m = /^([\w.]+)\s*=\s*(.*)$/.exec(line)) !== null) {
			const key = group ? `${group}.${m[1]}` : m[1];
			out[key] = m[2];
		}
	}
	return out;
}

// Run SQL text with the mariadb client on the stack's database; returns
// the rows as arrays of strings (tab-separated batch output).
export function sql(query) {
	const c = dbConfig();
	const r = spawnSync('mariadb', ['--no-defaults', '--batch',
		'--skip-column-names', `--socket=${c['DB.Socket']}`,
		`--user=${c['DB.User']}`, `--password=${c['DB.Password']}`,
		c['DB.Name'] ?? 'havre', '-e', query], { encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`mariadb failed: ${r.stderr}`);
	return r.stdout.split('\n').filter((l) => l !== '')
		.map((l) => l.split('\t'));
}

// POST fields (with the session's CSRF token) to an identity path; a 409
// asking for duplicate decisions (records of earlier runs share the
// database) is answered "not the same person" with a reason for every
// candidate, as an agent would. s: {jar, csrf}. Returns the last answer.
export async function postDecided(s, path, fields) {
	const opts = { jar: s.jar, headers: { Origin: INTRANET } };
	let r = await post(INTRANET, path, { csrf: s.csrf, ...fields }, opts);
	if (r.status === 409 && /name="dup_id_/.test(r.text)) {
		const decided = { ...fields };
		for (const [, n, id] of r.text.matchAll(/name="dup_id_(\d+)" value="(\d+)"/g)) {
			decided[`dup_id_${n}`] = id;
			decided[`verdict_${n}`] = 'distinct';
			decided[`reason_${n}`] = 'test: a different person';
		}
		r = await post(INTRANET, path, { csrf: s.csrf, ...decided }, opts);
	}
	return r;
}

// Create a person through the form (postDecided); asserts the 303 and
// returns the new person's id.
export async function createPerson(s, fields) {
	const r = await postDecided(s, '/identity/persons/new', fields);
	if (r.status !== 303)
		throw new Error(`person not created (${r.status}): ${r.text.slice(0, 400)}`);
	return /\/identity\/persons\/(\d+)$/.exec(r.headers.get('location'))[1];
}

// tests/attack/attack.mjs: sqlmap and wapiti (Debian's) against every
// form and query parameter of every program on both vhosts, anonymous,
// as an agent (session cookie and CSRF token) and with API keys.
//
//   contrib/dev check --attack       a fresh stack, then this
//
// Against another stack set the variables of tests/http/lib.mjs and run
// `node tests/attack/attack.mjs` (sqlmap and wapiti installed).
//
// 1. Seeds data through the fixtures of tests/http (a site, a service
//    and its slots, bookings, persons, a station), so that every page
//    has its links and forms.
// 2. Crawls each vhost as each identity (links and forms of the same
//    origin, to HAVRE_ATTACK_DEPTH (6) links deep; one target per
//    method, path shape and set of parameter names) and adds the JSON
//    API's routes by hand (crawling cannot find them). Forms that end
//    the session or change the attacker's own account are left out
//    (logout, revoking a session, the password pages, the attacker's own
//    agent page), since the rest of the run needs the session.
// 3. sqlmap on every target (--batch --dbms=MySQL, level 1, risk 1,
//    every parameter but the CSRF token; the path's identifiers too, for
//    the API), HAVRE_ATTACK_TARGET_SECONDS (120) at most each and
//    HAVRE_ATTACK_SQLMAP_SECONDS (1800) in all.
//    Then every parameter once more, alone, with text in other scripts
//    (sqlmap's payloads are ASCII): no 500.
// 4. wapiti on each vhost and identity (modules xss, permanentxss, sql,
//    blindsql, exec, file, redirect, crlf), HAVRE_ATTACK_WAPITI_SECONDS
//    (300) each (--max-scan-time; a tenth of it per module), its report
//    in JSON; the quota grid's forms (a button per cell) are left to
//    sqlmap.
// It fails (exit 1) when sqlmap calls a parameter injectable, when
// wapiti reports a vulnerability of those modules, when a target could
// not be tested in its time (the run would say less than it claims), or
// when a program answered 500 (its log's request lines) during the run.
// Reports and logs: var/<env>/attack/.
import { spawn, spawnSync } from 'node:child_process';
import {
	existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

import {
	CONFIG, CookieJar, INTRANET, LOG_DIR, PUBLIC, SRCDIR, admin, createPerson, csrfOf,
	get, login, makeAgent, post, request, sql, uniqueName,
} from '../http/lib.mjs';
import { dayFromNow, freshPhone, makeKey, makeSite }
	from '../http/appointments-fixture.mjs';

const DEPTH = Number(process.env.HAVRE_ATTACK_DEPTH ?? 6);
const TARGET_S = Number(process.env.HAVRE_ATTACK_TARGET_SECONDS ?? 120);
const SQLMAP_S = Number(process.env.HAVRE_ATTACK_SQLMAP_SECONDS ?? 1800);
const WAPITI_S = Number(process.env.HAVRE_ATTACK_WAPITI_SECONDS ?? 300);
const OUT = join(dirname(CONFIG), 'attack');
const WAPITI_MODULES = 'xss,permanentxss,sql,blindsql,exec,file,redirect,crlf';

const say = (s) => console.log(s);
const failures = [];

for (const tool of ['sqlmap', 'wapiti']) {
	if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
		say(`attack: ${tool} is not installed (contrib/dev check --attack installs it)`);
		process.exit(1);
	}
}
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

// The programs' logs' sizes now, to read what the run adds.
const PROGRAM_LOGS = readdirSync(LOG_DIR).filter((f) => /^havre-.*\.log$/.test(f))
	.map((f) => join(LOG_DIR, f));
const logStart = new Map(PROGRAM_LOGS.map((f) =>
	[f, existsSync(f) ? readFileSync(f).length : 0]));

// --- 1. data ---

say('attack: seeding data');
const fx = makeSite({ capacity: { web: 50, callcentre: 50, partner: 50, walkin: 50 } });
const partnerKey = makeKey();
const partnerKeyId = sql('SELECT MAX(id) FROM api_key')[0][0];
const day = dayFromNow(3);
const refs = [];
for (let i = 0; i < 3; i++) {
	const r = await request(INTRANET, '/appointments/api/v1/bookings', {
		method: 'POST', headers: { Authorization: `Bearer ${partnerKey}`,
			'Content-Type': 'application/json' },
		body: JSON.stringify({ site: fx.site, service: fx.service, level: 'regular',
			start: `${day}T1${i}:00:00`, family_name: `Attack${i}`, given_names: 'Seed',
			phone: freshPhone(), language: 'en' }) });
	if (r.status !== 201)
		throw new Error(`seed booking: ${r.status} ${r.text}`);
	refs.push(JSON.parse(r.text).reference);
}
const boss = makeAgent('attackadm', ['administrator']);
const bossJar = (await login(boss.username, boss.password)).jar;
const idCsrf = csrfOf((await get(INTRANET, '/identity', { jar: bossJar })).text);
const persons = [];
for (const [f, g] of [['Haddad', 'Youssef'], ['Haddad', 'Yousef'], ['حداد', 'يوسف']])
	persons.push(await createPerson({ jar: bossJar, csrf: idCsrf },
		{ family_name: f, given_names: g, sex: 'M', birth_date: '1985-03-12' }));
await post(INTRANET, `/identity/persons/${persons[0]}/family`, { csrf: idCsrf,
	relative_id: persons[2], relation: 'sibling', ack_warnings: '1' },
{ jar: bossJar, headers: { Origin: INTRANET } });
sql(`INSERT INTO station (site_id, service_id, name, position)
	VALUES (${fx.siteId}, ${fx.serviceId}, 'Documents', 1)`);
// A person with a document and a phone (their delete forms), a pending
// duplicate pair from an import (the review queue, the merge form).
const O = { jar: bossJar, headers: { Origin: INTRANET } };
await post(INTRANET, `/identity/persons/${persons[0]}/documents`, { csrf: idCsrf,
	doc_type: 'passport', number: 'X1234567', issuing_country: 'LBN' }, O);
await post(INTRANET, `/identity/persons/${persons[0]}/phones`,
	{ csrf: idCsrf, phone: '+33612345678' }, O);
const csv = join(OUT, 'persons.csv');
writeFileSync(csv, 'source,source_id,family_name,given_names,sex,birth_date,' +
	'birth_place,nationality,father_name,mother_name,document_type,' +
	'document_number,phone\n' +
	'attack,1,Al-Hassan,Mohammed Ali,M,1988-04-12,Aleppo,SYR,Ali,Fatima,,,\n' +
	'attack,2,Al Hasan,Mohamed Ali,M,1988-04-12,Aleppo,SYR,Ali,Fatima,,,\n');
const imported = admin(['import-persons', csv]);
if (imported.status !== 0)
	throw new Error(`import-persons: ${imported.stderr}`);
// A closed day (its reopen form), a station with a counter, a walk-in
// waiting (the counter's call form).
await post(INTRANET, `/appointments/sites/${fx.siteId}/closed`, { csrf: idCsrf,
	day: dayFromNow(20), reason: 'Holiday' }, O);
sql(`INSERT INTO station (site_id, service_id, name, position)
	VALUES (${fx.siteId}, ${fx.serviceId}, 'Photo', 2)`);
const stationId = sql(`SELECT id FROM station WHERE site_id = ${fx.siteId}
	ORDER BY id LIMIT 1`)[0][0];
const desk = await get(INTRANET, `/reception/stations?site=${fx.siteId}&service=${fx.serviceId}`,
	{ jar: bossJar });
await post(INTRANET, `/reception/stations/${stationId}/counters`,
	{ csrf: csrfOf(desk.text), name: '1' }, O);
const counterId = sql(`SELECT id FROM counter WHERE station_id = ${stationId}`)[0]?.[0];
await post(INTRANET, '/reception/walkin', { csrf: idCsrf, site: fx.siteId,
	service: fx.serviceId, level: fx.levels.regular, family_name: 'Walkin',
	given_names: 'Attack', document_number: '' }, O);
// Another agent: the agents' pages and forms (not the attacker's own).
const other = makeAgent('attackee', ['reception']);
// An applicant's own booking on the public site (its proof cookie in
// the public jar): the booking's pages, cancel and move.
const publicJar = new CookieJar();
let publicForm;	// the confirm form's fields, for sqlmap
{
	const slots = await get(PUBLIC, `/book/slot?site=${fx.siteId}&service=${fx.serviceId}` +
		`&level=${fx.levels.regular}&day=${day}`, { jar: publicJar });
	const slot = /\/book\/details\?[^"]*slot=(\d+)"/.exec(slots.text)[1];
	const details = await get(PUBLIC, `/book/details?site=${fx.siteId}&service=` +
		`${fx.serviceId}&level=${fx.levels.regular}&slot=${slot}`, { jar: publicJar });
	const r = await post(PUBLIC, '/book/confirm', { csrf: csrfOf(details.text),
		site: fx.siteId, service: fx.serviceId, level: fx.levels.regular, slot,
		family_name: 'Public', given_names: 'Attack', phone: freshPhone(),
		document_number: '', language: 'en' }, { jar: publicJar, headers: { Origin: PUBLIC } });
	if (r.status !== 303)
		throw new Error(`seed public booking: ${r.status}`);
	publicForm = new URLSearchParams({ csrf: csrfOf(details.text), site: fx.siteId,
		service: fx.serviceId, level: fx.levels.regular, slot, family_name: 'Second',
		given_names: 'Attack', phone: freshPhone(), document_number: '',
		language: 'en' }).toString();
	refs.push(r.headers.get('location').split('/').pop());
}
// A case file with an exchange sent to the partner (havre-dossier).
let dossierId;
let exchangeId;
if (existsSync(join(dirname(process.env.HAVRE_ADMIN ?? ''), 'havre-dossier'))) {
	const proc = sql("SELECT id FROM wf_procedure WHERE code = 'regular'")[0][0];
	const d = await post(INTRANET, '/dossier', { csrf: idCsrf, person_id: persons[0],
		procedure_id: proc }, O);
	if (d.status !== 303)
		throw new Error(`seed dossier: ${d.status} ${d.text.slice(0, 300)}`);
	dossierId = /\/dossier\/(\d+)$/.exec(d.headers.get('location'))[1];
	const x = await post(INTRANET, `/dossier/${dossierId}/exchanges`, { csrf: idCsrf,
		type: 'medical_examination', recipient: `partner:${partnerKeyId}`,
		legal_basis: 'Directive 2013/32/EU, art. 18', question: 'Please examine.',
		due_on: dayFromNow(10) }, O);
	if (x.status !== 303)
		throw new Error(`seed exchange: ${x.status} ${x.text.slice(0, 300)}`);
	exchangeId = sql(`SELECT MAX(id) FROM exchange WHERE dossier_id = ${dossierId}`)[0][0];
}
const registrarKey = /(hvk_[0-9a-f]+)/.exec(admin(['apikey', 'add', '--name',
	uniqueName('attackreg'), '--role', 'registrar']).stdout)?.[1];
const bossId = sql(`SELECT id FROM agent WHERE username = '${boss.username}'`)[0][0];

// --- 2. targets ---

// The identities: name, base URL, the Cookie header, extra headers.
const cookieOf = (jar) => jar.header() ?? '';
const identities = {
	public: { base: PUBLIC, jar: publicJar, starts: ['/book', '/book/manage',
		`/board/${fx.site}`, `/book/manage/${refs.at(-1)}`, '/healthz',
		...(dossierId ? ['/status'] : [])] },
	anonymous: { base: INTRANET, jar: new CookieJar(), starts: ['/', '/login', '/healthz'] },
	agent: { base: INTRANET, jar: bossJar, starts: ['/', '/dashboard', '/me',
		'/appointments', '/appointments/sites', '/appointments/services',
		'/appointments/levels', `/appointments/quota?site=${fx.siteId}`,
		`/appointments/callcentre?site=${fx.siteId}&day=${day}`,
		`/appointments/day?site=${fx.siteId}&day=${day}`, '/reception',
		`/reception/checkin?site=${fx.siteId}`, `/reception/counter?site=${fx.siteId}`,
		`/reception/stations?site=${fx.siteId}&service=${fx.serviceId}`,
		`/reception/dashboard?site=${fx.siteId}`, '/identity',
		'/identity?family_name=Haddad', `/identity/persons/${persons[0]}`,
		'/identity/persons/new', '/identity/duplicates', '/agents', '/agents/new',
		`/agents?q=${other.username}`, `/reception/counter?site=${fx.siteId}&counter=${counterId}`,
		'/audit', '/notify/templates',
		...(dossierId ? ['/dossier', '/dossier/new', `/dossier/${dossierId}`,
			'/dossier/monitor', '/dossier/procedures'] : [])] },
};
// Never followed or attacked: they end the session, change the
// attacker's account, or are files.
const SKIP = [/^\/logout$/, /^\/me\/sessions\/\d+\/revoke$/, /^\/password$/,
	new RegExp(`^/agents/${bossId}(/|$)`), /^\/static\//];
const skipped = (path) => SKIP.some((re) => re.test(path));

// The shape of a path: numbers and references become placeholders.
const shape = (path) => path.replace(/\/\d+(?=\/|$)/g, '/{n}')
	.replace(/\/[2-9A-HJ-NP-Z]{8}(?=\/|$)/g, '/{ref}');

// Decode the few entities our templates write in attribute values.
const unesc = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'")
	.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attr = (tag, name) => {
	const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
	return m ? unesc(m[1]) : undefined;
};

// The forms of a page: [{method, action, fields: [[name, value]]}].
function formsOf(html, pageUrl) {
	const out = [];
	for (const f of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
		const method = (attr(f[1], 'method') ?? 'get').toUpperCase();
		const action = new URL(attr(f[1], 'action') ?? pageUrl, pageUrl);
		const fields = [];
		const radios = new Set();
		for (const el of f[2].matchAll(/<input\b([^>]*)>/gi)) {
			const name = attr(el[1], 'name');
			const type = (attr(el[1], 'type') ?? 'text').toLowerCase();
			if (!name || ['submit', 'button', 'image', 'reset', 'file'].includes(type))
				continue;
			if (type === 'checkbox' && !/\schecked\b/i.test(el[1]))
				continue;
			if (type === 'radio') {
				if (radios.has(name))
					continue;
				radios.add(name);
			}
			fields.push([name, attr(el[1], 'value') ?? (type === 'checkbox' ? 'on' : 'x')]);
		}
		for (const el of f[2].matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi))
			if (attr(el[1], 'name'))
				fields.push([attr(el[1], 'name'), unesc(el[2]) || 'x']);
		for (const el of f[2].matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
			if (!attr(el[1], 'name'))
				continue;
			const opts = [...el[2].matchAll(/<option\b([^>]*)>/gi)];
			const sel = opts.find((o) => /\sselected\b/i.test(o[1])) ??
				opts.find((o) => attr(o[1], 'value')) ?? opts[0];
			fields.push([attr(el[1], 'name'), sel ? attr(sel[1], 'value') ?? '' : '']);
		}
		out.push({ method, action, fields });
	}
	return out;
}

// Crawl an identity's vhost (and, once, the page each POST form answers
// with its own values: the booking's review page holds the confirm and
// edit forms); returns its targets:
// [{method, url, data, key}] (data: urlencoded POST body or undefined).
async function crawl(id) {
	const origin = new URL(id.base).origin;
	const seen = new Set();
	const followed = new Set();
	const targets = new Map();
	let frontier = id.starts.map((p) => new URL(p, id.base).href);
	for (let depth = 0; depth <= DEPTH && frontier.length > 0; depth++) {
		const next = [];
		for (const href of frontier) {
			const u = new URL(href);
			// ?lang= (every page's language links) is one parameter of
			// the common code: tested on its own targets below.
			u.searchParams.delete('lang');
			const key = `GET ${shape(u.pathname)}?${[...u.searchParams.keys()].sort()}`;
			if (u.origin !== origin || skipped(u.pathname) || seen.has(key))
				continue;
			seen.add(key);
			if ([...u.searchParams.keys()].length > 0 || /\/\d+(\/|$)|\/[2-9A-HJ-NP-Z]{8}(\/|$)/.test(u.pathname))
				targets.set(key, { method: 'GET', url: u.href, key });
			const r = await request(id.base, u.pathname + u.search,
				{ jar: id.jar }).catch(() => null);
			if (r === null || !/text\/html/.test(r.headers.get('content-type') ?? ''))
				continue;
			for (const a of r.text.matchAll(/\shref="([^"#]+)"/g))
				next.push(new URL(unesc(a[1]), u).href);
			for (const f of formsOf(r.text, u.href)) {
				if (f.action.origin !== origin || skipped(f.action.pathname))
					continue;
				const names = f.fields.map(([n]) => n).sort();
				if (f.method === 'GET') {
					const q = new URL(f.action);
					for (const [n, v] of f.fields)
						q.searchParams.set(n, v);
					next.push(q.href);
					continue;
				}
				const fkey = `POST ${shape(f.action.pathname)}?${names}`;
				if (targets.has(fkey))
					continue;
				const data = new URLSearchParams(f.fields).toString();
				targets.set(fkey, { method: 'POST', url: f.action.href, key: fkey, data });
				if (!followed.has(shape(f.action.pathname)) && !/\/delete$|\/cancel$/.test(f.action.pathname)) {
					followed.add(shape(f.action.pathname));
					const a = await post(id.base, f.action.pathname, Object.fromEntries(f.fields),
						{ jar: id.jar, headers: { Origin: origin } }).catch(() => null);
					if (a?.status === 200 || a?.status === 422)
						for (const g of formsOf(a.text, f.action.href)) {
							const gnames = g.fields.map(([x]) => x).sort();
							const gkey = `${g.method} ${shape(g.action.pathname)}?${gnames}`;
							if (g.method === 'POST' && g.action.origin === origin &&
							    !skipped(g.action.pathname) && !targets.has(gkey))
								targets.set(gkey, { method: 'POST', url: g.action.href, key: gkey,
									data: new URLSearchParams(g.fields).toString() });
						}
				}
			}
		}
		frontier = next;
	}
	return [...targets.values()];
}

const plan = [];
for (const [name, id] of Object.entries(identities)) {
	const t = await crawl(id);
	say(`attack: ${name} on ${id.base}: ${t.length} targets`);
	for (const x of t)
		plan.push({ who: name, id, ...x });
}
// The language parameter, once per vhost (every page reads it).
for (const [who, base] of [['public', PUBLIC],
	['agent', INTRANET]])
	plan.push({ who, id: identities[who], method: 'GET', key: `GET ?lang ${base}`,
		url: `${base}/${who === 'public' ? 'book' : 'dashboard'}?lang=fr` });
// The JSON API, by hand.
const api = (who, key, method, path, body) => plan.push({ who,
	id: { base: INTRANET, jar: new CookieJar(), auth: key }, method,
	url: `${INTRANET}${path}`, key: `${method} ${path}`, json: body });
const start = `${dayFromNow(5)}T10:00:00`;
api('partner key', partnerKey, 'GET', `/appointments/api/v1/availability?site=${fx.site}&service=${fx.service}&level=regular&from=${dayFromNow(2)}&to=${dayFromNow(4)}`);
api('partner key', partnerKey, 'POST', '/appointments/api/v1/bookings',
	{ site: fx.site, service: fx.service, level: 'regular', start,
		family_name: 'Api', given_names: 'Attack', phone: freshPhone(),
		document_number: 'X1234567', language: 'en' });
api('partner key', partnerKey, 'GET', `/appointments/api/v1/bookings/${refs[1]}*`);
api('partner key', partnerKey, 'DELETE', `/appointments/api/v1/bookings/${refs[2]}*`);
api('partner key', partnerKey, 'GET', '/api/v1/me');
if (exchangeId) {
	api('partner key', partnerKey, 'GET', '/dossier/api/v1/exchanges?state=all');
	api('partner key', partnerKey, 'GET', `/dossier/api/v1/exchanges/${exchangeId}*`);
	api('partner key', partnerKey, 'POST', `/dossier/api/v1/exchanges/${exchangeId}/answer`,
		{ answer: 'Examined.', version: 1 });
}
api('registrar key', registrarKey, 'GET', '/identity/search?family_name=Haddad&given_names=Youssef&birth_date=1985&sex=M&nationality=LBN&document_number=X1&phone=%2B33612345678&q=Haddad&page=1');
api('registrar key', registrarKey, 'POST', '/identity/persons',
	{ family_name: 'Keyed', given_names: 'Attack', sex: 'F', birth_date: '1990-01-02',
		birth_place: 'Paris', nationality: 'FRA', father_name: 'A', mother_name: 'B' });
// What links do not carry: a path's own identifier, the language form,
// the return path of the login form.
plan.push({ who: 'public', id: identities.public, method: 'GET', key: 'GET /board/{code}',
	url: `${PUBLIC}/board/${fx.site}*` });
for (const step of ['confirm', 'edit'])
	plan.push({ who: 'public', id: identities.public, method: 'POST', key: `POST /book/${step}`,
		url: `${PUBLIC}/book/${step}`, data: publicForm });
plan.push({ who: 'agent', id: identities.agent, method: 'POST',
	key: 'POST /appointments/bookings/{n}/move', data: `csrf=${idCsrf}&slot=1`,
	url: `${INTRANET}/appointments/bookings/${sql(`SELECT id FROM appointment
		WHERE reference = '${refs[0]}'`)[0][0]}/move` });
plan.push({ who: 'anonymous', id: identities.anonymous, method: 'POST', key: 'POST /lang',
	url: `${INTRANET}/lang`, data: 'lang=fr&next=%2Fdashboard' });
plan.push({ who: 'anonymous', id: identities.anonymous, method: 'GET', key: 'GET /login?next',
	url: `${INTRANET}/login?next=%2Fdashboard` });
// Kannel's callbacks, with the shared secret (else nothing reads them).
const secret = readFileSync(join(dirname(CONFIG), 'notify.secret'), 'utf8').trim();
plan.push({ who: 'gateway', id: identities.public, method: 'GET', key: 'GET /book/sms/mo',
	url: `${PUBLIC}/book/sms/mo?k=${secret}&from=%2B33612345678&to=12345&text=OK` });
plan.push({ who: 'gateway', id: identities.public, method: 'GET', key: 'GET /book/sms/dlr',
	url: `${PUBLIC}/book/sms/dlr?k=${secret}&id=1&status=1&to=%2B33612345678` });
// Last, as it may lock the attacker's account (wrong current passwords
// are throttled like logins): the password form.
plan.push({ who: 'agent', id: identities.agent, method: 'POST', key: 'POST /password',
	url: `${INTRANET}/password`, data: `csrf=${idCsrf}&current=wrong-${Date.now()}&` +
		'new=Another+long+password+1&confirm=Another+long+password+1' });
writeFileSync(join(OUT, 'targets.txt'), plan.map((t) =>
	`${t.who}\t${t.method}\t${t.url}\t${t.data ?? (t.json ? JSON.stringify(t.json) : '')}`).join('\n') + '\n');
say(`attack: ${plan.length} targets in all (var/.../attack/targets.txt)`);

// --- 3. sqlmap ---

// Run argv with a time limit; resolves {code, out, timedOut}.
function run(argv, seconds, logFile) {
	return new Promise((resolve) => {
		const p = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'],
			detached: true });
		let out = '';
		p.stdout.on('data', (d) => { out += d; });
		p.stderr.on('data', (d) => { out += d; });
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			try {
				process.kill(-p.pid, 'SIGTERM');
			} catch {
				// already gone
			}
			setTimeout(() => {
				try {
					process.kill(-p.pid, 'SIGKILL');
				} catch {
					// gone
				}
			}, 5000);
		}, seconds * 1000);
		p.on('close', (code) => {
			clearTimeout(timer);
			if (logFile)
				writeFileSync(logFile, out);
			resolve({ code, out, timedOut });
		});
	});
}

const sq = { targets: 0, params: 0, injectable: [], heuristic: [], untested: [],
	noParams: [], rejected: [] };
const sqlStart = Date.now();
let n = 0;
for (const t of plan) {
	n++;
	const left = SQLMAP_S - (Date.now() - sqlStart) / 1000;
	if (left < 5) {
		sq.untested.push(`${t.who} ${t.key} (the sqlmap budget of ${SQLMAP_S} s was spent)`);
		continue;
	}
	const origin = new URL(t.url).origin;
	// A form whose only field is its CSRF token: the path's identifiers
	// are what it takes (sqlmap's * marks them).
	const onlyCsrf = t.data !== undefined && [...new URLSearchParams(t.data).keys()]
		.every((k) => k === 'csrf');
	const url = onlyCsrf ? t.url.replace(/\/(\d+|[2-9A-HJ-NP-Z]{8})(?=\/|$)/g, '/$1*') : t.url;
	const argv = ['sqlmap', '--batch', '--dbms=MySQL', '--disable-coloring',
		'--threads=2', '--timeout=15', '--retries=1', '--drop-set-cookie',
		'--flush-session', `--output-dir=${join(OUT, 'sqlmap')}`, '--skip=csrf',
		// its WAF probe takes a 400 for a firewall and gives up the target
		'--skip-waf',
		'-u', url, '-H', `Origin: ${origin}`];
	if (t.method !== 'GET')
		argv.push(`--method=${t.method}`);
	if (t.data !== undefined)
		argv.push(`--data=${t.data}`);
	if (t.json !== undefined)
		argv.push(`--data=${JSON.stringify(t.json)}`, '-H', 'Content-Type: application/json');
	if (t.id.auth)
		argv.push('-H', `Authorization: Bearer ${t.id.auth}`);
	const cookie = cookieOf(t.id.jar);
	if (cookie)
		argv.push(`--cookie=${cookie}`);
	const r = await run(argv, Math.min(TARGET_S, left),
		join(OUT, `sqlmap-${String(n).padStart(3, '0')}.log`));
	sq.targets++;
	const tested = [...r.out.matchAll(/testing for SQL injection on (.*?)parameter '([^']+)'/g)]
		.map((m) => `${m[1]}${m[2]}`);
	sq.params += new Set(tested).size;
	// Only sqlmap's conclusion counts: a technique that first "appears"
	// to work and fails sqlmap's own false-positive checks is rejected.
	if (/identified the following injection point|is vulnerable\. Do you want/.test(r.out))
		sq.injectable.push(`${t.who} ${t.method} ${t.url}: ${(/(Parameter: .*)/.exec(r.out) ?? [''])[0]}`);
	for (const m of r.out.matchAll(/checking if the injection point on (\S+ parameter '[^']+') is a false positive/g))
		sq.rejected.push(`${t.who} ${t.key}: ${m[1]}`);
	for (const m of r.out.matchAll(/heuristic \(basic\) test shows that (\S+ parameter '[^']+') might be injectable/g))
		sq.heuristic.push(`${t.who} ${t.key}: ${m[1]}`);
	if (r.timedOut)
		sq.untested.push(`${t.who} ${t.key} (cut after ${Math.round(Math.min(TARGET_S, left))} s)`);
	else if (tested.length === 0)
		sq.noParams.push(`${t.who} ${t.key}: ${(/\[(?:CRITICAL|ERROR)\] ([^.]*)/.exec(r.out) ?? ['', 'no parameter tested'])[1]}`);
	if (n % 10 === 0)
		say(`attack: sqlmap ${n}/${plan.length} targets, ${sq.params} parameters, ` +
			`${Math.round((Date.now() - sqlStart) / 1000)} s`);
}
const sqlSeconds = Math.round((Date.now() - sqlStart) / 1000);
say(`attack: sqlmap: ${sq.targets} targets, ${sq.params} parameters tested in ${sqlSeconds} s; ` +
	`${sq.injectable.length} injectable, ${sq.rejected.length} rejected by sqlmap as false ` +
	`positives, ${sq.heuristic.length} heuristic positives, ` +
	`${sq.untested.length} untested, ${sq.noParams.length} without a testable parameter`);
for (const x of sq.rejected)
	say(`  false positive (sqlmap's own check): ${x}`);
for (const x of sq.heuristic)
	say(`  heuristic: ${x}`);
for (const x of sq.noParams)
	say(`  no parameter: ${x}`);
if (sq.injectable.length)
	failures.push(`sqlmap found injectable parameters:\n  ${sq.injectable.join('\n  ')}`);
if (sq.untested.length)
	failures.push(`sqlmap could not test ${sq.untested.length} targets in time:\n  ${sq.untested.join('\n  ')}`);

// --- 3b. text in other scripts ---

// sqlmap's payloads are ASCII; a comparison of typed text with an ascii
// column failed only with other characters (a 500: issue 19). Every
// parameter of every target once more, alone, with such text.
const OTHER = 'é¿\'"(中عß';
const probe = { requests: 0, fivexx: [] };
for (const t of plan) {
	const u = new URL(t.url.replace(/\*/g, ''));
	const form = t.data !== undefined ? new URLSearchParams(t.data) : null;
	const names = [...u.searchParams.keys(), ...(form ? [...form.keys()] : []),
		...(t.json ? Object.keys(t.json) : [])].filter((k) => k !== 'csrf' && k !== 'k');
	for (const name of names) {
		const q = new URL(u);
		if (q.searchParams.has(name))
			q.searchParams.set(name, OTHER);
		const f = form ? new URLSearchParams(form) : null;
		if (f?.has(name))
			f.set(name, OTHER);
		const j = t.json && name in t.json ? { ...t.json, [name]: OTHER } : t.json;
		const headers = { Origin: q.origin };
		if (t.id.auth)
			headers.Authorization = `Bearer ${t.id.auth}`;
		let body;
		if (f) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			body = f.toString();
		} else if (j) {
			headers['Content-Type'] = 'application/json';
			body = JSON.stringify(j);
		}
		const r = await request(q.origin, q.pathname + q.search, { method: t.method,
			headers, body, jar: t.id.jar }).catch((e) => ({ status: 0, text: String(e) }));
		probe.requests++;
		if (r.status >= 500 && r.status !== 503 || r.status === 0)
			probe.fivexx.push(`${t.who} ${t.method} ${q.pathname} ${name}: ${r.status}`);
	}
}
say(`attack: text in other scripts: ${probe.requests} requests, ${probe.fivexx.length} answered 5xx`);
if (probe.fivexx.length)
	failures.push(`text in other scripts answered 5xx:\n  ${probe.fivexx.join('\n  ')}`);

// --- 4. wapiti ---

// Wapiti's cookie file for a jar on base.
function cookieFile(jar, base, file) {
	const host = new URL(base).hostname;
	const cookies = {};
	for (const [k, v] of jar.cookies)
		cookies[k] = { value: v, expires: null, secure: false, port: null, version: 0 };
	writeFileSync(file, JSON.stringify({ [host]: { '/': cookies } }));
	return file;
}

const WANTED = /cross site scripting|sql injection|command execution|crlf|open redirect|path traversal|xss/i;
const wp = { runs: [], findings: [], anomalies: [] };
for (const [name, id] of Object.entries(identities)) {
	const dir = join(OUT, `wapiti-${name}`);
	mkdirSync(dir, { recursive: true });
	const origin = new URL(id.base).origin;
	const argv = ['/usr/bin/python3', join(SRCDIR, 'tests', 'attack', 'wapiti.py'), '-u', `${origin}/`, '--scope', 'folder', '-m', WAPITI_MODULES,
		'-d', String(DEPTH + 2), '--max-scan-time', String(WAPITI_S),
		// each of the 8 modules gets a tenth of the run, the crawl the rest
		'--max-attack-time', String(Math.max(15, Math.round(WAPITI_S / 10))),
		'-t', '15', '-H', `Origin: ${origin}`, '--flush-session',
		'--store-session', join(dir, 'session'), '--store-config', join(dir, 'config'),
		'-f', 'json', '-o', join(dir, 'report.json'), '-v', '1', '--no-bugreport'];
	for (const s of id.starts)
		argv.push('-s', new URL(s, id.base).href);
	// (the quota grid's buttons, three per cell over the weeks the
	// crawler would walk: sqlmap attacks the two forms, wapiti the rest)
	for (const x of [`${origin}/logout`, `${origin}/me/sessions/*`, `${origin}/password`,
		`${origin}/agents/${bossId}`, `${origin}/agents/${bossId}/*`, `${origin}/static/*`,
		`${origin}/appointments/quota/slot`, `${origin}/appointments/quota/template`])
		argv.push('-x', x);
	if (id.jar.cookies.size > 0)
		argv.push('-c', cookieFile(id.jar, id.base, join(dir, 'cookies.json')));
	const t0 = Date.now();
	const r = await run(argv, Math.round(WAPITI_S * 1.5) + 60, join(dir, 'wapiti.log'));
	const secs = Math.round((Date.now() - t0) / 1000);
	let report = null;
	try {
		report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
	} catch {
		failures.push(`wapiti (${name}) wrote no report (exit ${r.code}${r.timedOut ? ', killed' : ''}): see ${dir}/wapiti.log`);
		continue;
	}
	let found = 0;
	for (const [cat, list] of Object.entries(report.vulnerabilities ?? {})) {
		if (!WANTED.test(cat))
			continue;
		for (const v of list) {
			found++;
			wp.findings.push(`${name}: ${cat}: ${v.method} ${v.path} ${v.parameter ?? ''} ${(v.info ?? '').slice(0, 200)}`);
		}
	}
	for (const [cat, list] of Object.entries(report.anomalies ?? {}))
		for (const v of list)
			wp.anomalies.push(`${name}: ${cat}: ${v.method} ${v.path} ${(v.info ?? '').slice(0, 160)}`);
	const crawled = /found (\d+) URLs and forms/i.exec(r.out)?.[1] ?? '?';
	wp.runs.push(`${name}: ${secs} s, ${found} findings`);
	say(`attack: wapiti (${name}, ${origin}): ${crawled} URLs and forms, ${secs} s, ` +
		`${found} findings`);
}
for (const a of wp.anomalies)
	say(`  wapiti anomaly: ${a}`);
if (wp.findings.length)
	failures.push(`wapiti found:\n  ${wp.findings.join('\n  ')}`);

// --- the programs' 500s during the run ---

const errors = [];
for (const f of PROGRAM_LOGS) {
	if (!existsSync(f))
		continue;
	const text = readFileSync(f).subarray(logStart.get(f)).toString('utf8');
	for (const line of text.split('\n'))
		if (/ 5\d\d \d+\.\d+ms$/.test(line) && !/ 503 /.test(line))
			errors.push(line);
}
say(`attack: ${errors.length} answers 5xx (503 aside) in the programs' logs during the run`);
if (errors.length)
	failures.push(`answers 500 during the run:\n  ${errors.slice(0, 30).join('\n  ')}`);

if (failures.length) {
	say(`attack: FAILED\n${failures.join('\n')}`);
	process.exit(1);
}
say('attack: passed (no injectable parameter, no XSS, injection, redirect or CRLF finding, no 500)');

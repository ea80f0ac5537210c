// tests/soak/soak.mjs: a bounded mixed load on loopback against a running
// stack, watching each worker's memory and every answer.
//
//   contrib/dev check --soak        a fresh stack, then this (600 s)
//   HAVRE_SOAK_SECONDS=60 contrib/dev check --soak      a short trial
//
// Against another stack set the variables of tests/http/lib.mjs
// (HAVRE_INTRANET, HAVRE_PUBLIC, HAVRE_CONFIG, HAVRE_ADMIN, HAVRE_ENV ...)
// and run `node tests/soak/soak.mjs`.
//
// Clients (HAVRE_SOAK_CLIENTS, 4) share one pace (HAVRE_SOAK_RATE, 25
// requests a second at most) and each loop over a mix:
//  - an applicant books on the public site (home, service, level,
//    calendar, times, details, review, confirm, the booking's page, the
//    cancel question, cancel: the seat and the SMS come back);
//  - a call-centre agent books for a caller and cancels it (day list,
//    booking form, the appointment's page, the cancel question, cancel);
//  - agents read their pages (dashboard, the day list, reception's
//    check-in list, the audit trail, the call centre);
//  - agents search the register (the search page, by name in Latin and
//    Arabic script, a person's page, the JSON search).
// It starts with a warm-up (HAVRE_SOAK_WARM seconds, 20): the same mix
// from 4 clients per worker, unpaced, so that every worker (a program's
// requests go to whichever of its workers is free: one at a time, they
// would all reach the same one) has served each kind of request once.
// Then every HAVRE_SOAK_SAMPLE seconds (a twentieth of the run, at least
// 5) it prints each worker's RSS (by program: run/<prog>.pid's children)
// and the counts so far. It fails (exit 1) on any 5xx, any request that
// got no answer, any other answer a step does not expect, a worker that
// was replaced (one died), or a worker whose RSS floor rose more than
// HAVRE_SOAK_RSS_KB (1024 KiB): the lowest sample of the run's last fifth
// against the lowest of its second fifth (lowest: a search's large
// answer lifts a worker's RSS by up to ~1 MiB until glibc trims it back;
// a leak lifts the floor). Workers build each page in a per-request HDF
// and free it whole (STACK-FACTS: ~7 MB, flat), so what stays after
// warm-up (ICU's rules, prepared statements, libmagic) is fixed, and a
// leak of a few hundred bytes a request crosses the bound over the
// default run. The test data (a site, a service, agents, persons) is
// made at the start; the public confirm's rate limit (10 an hour per
// address) is reset before each confirm, since every applicant here
// comes from 127.0.0.1.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import {
	CookieJar, INTRANET, PUBLIC, createPerson, csrfOf, get, login,
	makeAgent, post, request, sql,
} from '../http/lib.mjs';
import { dayFromNow, freshPhone, makeSite } from '../http/appointments-fixture.mjs';
import { RUN, dbSession, sleep, workers } from '../faults/lib.mjs';

const SECONDS = Number(process.env.HAVRE_SOAK_SECONDS ?? 600);
const CLIENTS = Number(process.env.HAVRE_SOAK_CLIENTS ?? 4);
const RATE = Number(process.env.HAVRE_SOAK_RATE ?? 25);
const SAMPLE = Number(process.env.HAVRE_SOAK_SAMPLE ??
	Math.max(5, Math.round(SECONDS / 20)));
const RSS_BOUND_KB = Number(process.env.HAVRE_SOAK_RSS_KB ?? 1024);
const WARM = Number(process.env.HAVRE_SOAK_WARM ?? 20);
// Every FastCGI program of the stack (run/<prog>.pid; havre-notify is a
// daemon, not a worker pool).
const PROGRAMS = readdirSync(RUN).filter((f) => /^havre-.*\.pid$/.test(f))
	.map((f) => f.slice(0, -4)).filter((p) => p !== 'havre-notify').sort();

// --- answers ---

const stats = { requests: 0, byStatus: {}, byStep: {}, fivexx: [],
	noAnswer: [], unexpected: [] };

// One paced request: waits for its turn (RATE a second over all
// clients), sends, records. expect: the statuses the step accepts.
let nextAt = Date.now();
let paced = true;
async function call(step, base, path, expect, opts = {}) {
	const now = Date.now();
	nextAt = Math.max(nextAt + 1000 / RATE, now);
	if (paced && nextAt > now)
		await sleep(nextAt - now);
	stats.requests++;
	stats.byStep[step] = (stats.byStep[step] ?? 0) + 1;
	let r;
	try {
		r = await request(base, path, { timeout: 30000, ...opts });
	} catch (e) {
		stats.noAnswer.push(`${step} ${path}: ${e}`);
		return null;
	}
	stats.byStatus[r.status] = (stats.byStatus[r.status] ?? 0) + 1;
	if (r.status >= 500)
		stats.fivexx.push(`${step} ${opts.method ?? 'GET'} ${path}: ${r.status} ` +
			`(request id ${r.headers.get('x-request-id')})`);
	else if (!expect.includes(r.status))
		stats.unexpected.push(`${step} ${opts.method ?? 'GET'} ${path}: ` +
			`${r.status} ${r.text.replace(/\s+/g, ' ').slice(0, 160)}`);
	return expect.includes(r.status) ? r : null;
}

const form = (fields) => ({
	method: 'POST', body: new URLSearchParams(fields).toString(),
	headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});
const pick = (a) => a[Math.floor(Math.random() * a.length)];

// --- the test data ---

const fx = makeSite({ capacity: { web: 30, callcentre: 30, partner: 1,
	walkin: 1 } });
// Bookings spread over 39 days, so that the day lists agents read stay
// small (each answer's size, not a leak, would move the workers' heaps).
const days = Array.from({ length: 39 }, (_, i) => dayFromNow(2 + i));
const admin = makeAgent('soakadm', ['administrator']);
const adminJar = (await login(admin.username, admin.password)).jar;
const cc = makeAgent('soakcc', ['call_centre']);
const ccJar = (await login(cc.username, cc.password)).jar;
const idCsrf = csrfOf((await get(INTRANET, '/identity', { jar: adminJar })).text);
const NAMES = [['Haddad', 'Youssef'], ['حداد', 'يوسف'], ['Nguyen', 'Thi Mai'],
	['Okafor', 'Chinedu'], ['Petrosyan', 'Anahit'], ['محمد', 'علي'],
	['Mohamed', 'Ali'], ['Diallo', 'Mariama'], ['Fernández', 'José'],
	['Kowalski', 'Piotr'], ['Ahmadi', 'Zahra'], ['Tesfaye', 'Yonas']];
const persons = [];
for (const [fam, given] of NAMES)
	persons.push(await createPerson({ jar: adminJar, csrf: idCsrf },
		{ family_name: fam, given_names: given, sex: 'X',
			birth_date: `19${60 + persons.length}-0${1 + persons.length % 9}-1${persons.length % 9}` }));
const purger = dbSession();

// --- the mix ---

const q = `site=${fx.siteId}&service=${fx.serviceId}&level=${fx.levels.regular}`;

async function publicBooking() {
	const jar = new CookieJar();
	const o = { jar, headers: { Origin: PUBLIC } };
	if (!await call('book', PUBLIC, '/book', [200], { jar }))
		return;
	await call('book', PUBLIC, `/book/service?site=${fx.siteId}`, [200], { jar });
	await call('book', PUBLIC, `/book/level?site=${fx.siteId}&service=${fx.serviceId}`, [200], { jar });
	const day = pick(days);
	await call('book', PUBLIC, `/book/day?${q}&month=${day.slice(0, 7)}`, [200], { jar });
	const times = await call('book', PUBLIC, `/book/slot?${q}&day=${day}`, [200], { jar });
	const slots = [...(times?.text ?? '').matchAll(/\/book\/details\?[^"]*slot=(\d+)"/g)]
		.map((m) => m[1]);
	if (slots.length === 0) {
		stats.unexpected.push(`book: no free time on ${day}`);
		return;
	}
	const slot = pick(slots);
	const details = await call('book', PUBLIC, `/book/details?${q}&slot=${slot}`, [200], { jar });
	if (!details)
		return;
	const fields = { csrf: csrfOf(details.text), site: fx.siteId,
		service: fx.serviceId, level: fx.levels.regular, slot,
		family_name: pick(NAMES)[0], given_names: `Soak ${stats.requests}`,
		phone: freshPhone(), document_number: '', language: pick(['en', 'fr', 'ar']) };
	if (!await call('book', PUBLIC, '/book/review', [200], { ...form(fields), jar,
		headers: { ...form(fields).headers, Origin: PUBLIC } }))
		return;
	await purger.send("DELETE FROM rate_hit WHERE bucket = 'book_confirm';");
	const done = await call('book', PUBLIC, '/book/confirm', [303], { ...form(fields),
		jar, headers: { ...form(fields).headers, Origin: PUBLIC } });
	const ref = /^\/book\/manage\/([A-Z0-9]{8})$/.exec(done?.headers.get('location') ?? '')?.[1];
	if (!ref) {
		if (done)
			stats.unexpected.push(`book: confirmed, then sent to ${done.headers.get('location')}`);
		return;
	}
	const view = await call('book', PUBLIC, `/book/manage/${ref}`, [200], { jar });
	await call('book', PUBLIC, `/book/manage/${ref}/cancel`, [200], { jar });
	if (view)
		await call('book', PUBLIC, `/book/manage/${ref}/cancel`, [303], {
			...form({ csrf: csrfOf(view.text), confirm: 1 }), jar,
			headers: { ...form({}).headers, Origin: o.headers.Origin } });
}

async function callCentre() {
	const day = pick(days);
	const o = { jar: ccJar };
	const page = await call('callcentre', INTRANET,
		`/appointments/callcentre?site=${fx.siteId}&day=${day}`, [200], o);
	if (!page)
		return;
	const slots = [...page.text.matchAll(/name="slot" id="[^"]*" value="(\d+)"/g)]
		.map((m) => m[1]);
	if (slots.length === 0) {
		stats.unexpected.push(`callcentre: no slot on ${day}`);
		return;
	}
	const fields = { csrf: csrfOf(page.text), site: fx.siteId, day,
		slot: pick(slots), service: fx.serviceId, family_name: pick(NAMES)[0],
		given_names: `Caller ${stats.requests}`, phone: freshPhone(),
		document_number: '', lang: pick(['en', 'fr', 'ar']), notes: 'soak' };
	const booked = await call('callcentre', INTRANET, '/appointments/callcentre/book',
		[303], { ...form(fields), jar: ccJar,
			headers: { ...form(fields).headers, Origin: INTRANET } });
	// The call centre shows the booking found by its reference.
	const loc = booked?.headers.get('location') ?? '';
	if (!/^\/appointments\/callcentre\?.*q=[A-Z0-9]{8}$/.test(loc)) {
		if (booked)
			stats.unexpected.push(`callcentre: booked, then sent to ${loc}`);
		return;
	}
	const found = await call('callcentre', INTRANET, loc, [200], o);
	const id = /\/appointments\/bookings\/(\d+)"/.exec(found?.text ?? '')?.[1];
	if (!id) {
		stats.unexpected.push(`callcentre: the booking is not found at ${loc}`);
		return;
	}
	await call('callcentre', INTRANET, `/appointments/bookings/${id}`, [200], o);
	const ask = await call('callcentre', INTRANET, `/appointments/bookings/${id}/cancel`, [200], o);
	if (ask)
		await call('callcentre', INTRANET, `/appointments/bookings/${id}/cancel`, [303], {
			...form({ csrf: csrfOf(ask.text), confirm: 1 }), jar: ccJar,
			headers: { ...form({}).headers, Origin: INTRANET } });
}

async function agentPages() {
	const o = { jar: adminJar };
	const day = pick(days);
	switch (Math.floor(Math.random() * 5)) {
	case 0: await call('agent', INTRANET, '/dashboard', [200], o); break;
	case 1: await call('agent', INTRANET, `/appointments/day?site=${fx.siteId}&day=${day}`, [200], o); break;
	case 2: await call('agent', INTRANET, `/reception/checkin?site=${fx.siteId}&q=${encodeURIComponent(pick(NAMES)[0])}`, [200], o); break;
	case 3: await call('agent', INTRANET, '/audit', [200], o); break;
	default: await call('agent', INTRANET, `/appointments/callcentre?site=${fx.siteId}&day=${day}`, [200], o); break;
	}
}

async function search() {
	const o = { jar: adminJar };
	const [fam, given] = pick(NAMES);
	switch (Math.floor(Math.random() * 4)) {
	case 0: await call('search', INTRANET, `/identity?family_name=${encodeURIComponent(fam)}&given_names=${encodeURIComponent(given)}`, [200], o); break;
	case 1: await call('search', INTRANET, `/identity?q=${encodeURIComponent(`${given} ${fam}`)}`, [200], o); break;
	case 2: await call('search', INTRANET, `/identity/persons/${pick(persons)}`, [200], o); break;
	default: await call('search', INTRANET, `/identity/search?family_name=${encodeURIComponent(fam)}`, [200],
		{ ...o, headers: { Accept: 'application/json' } }); break;
	}
}

// --- memory ---

// Each live worker's RSS in KiB, by program: {prog: {pid: kib}}.
function rss() {
	const out = {};
	for (const prog of PROGRAMS) {
		out[prog] = {};
		for (const pid of workers(prog)) {
			try {
				const m = /^VmRSS:\s+(\d+) kB/m.exec(
					readFileSync(`/proc/${pid}/status`, 'utf8'));
				if (m)
					out[prog][pid] = Number(m[1]);
			} catch {
				// gone meanwhile: the next sample shows it
			}
		}
	}
	return out;
}

const samples = [];
function sample(t) {
	const s = { t, rss: rss(), requests: stats.requests,
		errors: stats.fivexx.length + stats.noAnswer.length,
		unexpected: stats.unexpected.length };
	samples.push(s);
	const cols = PROGRAMS.map((p) => `${p.replace('havre-', '')} ` +
		Object.values(s.rss[p]).map((k) => (k / 1024).toFixed(1)).join('/'));
	console.log(`${String(t).padStart(5)} s ${String(s.requests).padStart(7)} req ` +
		`${String(s.errors).padStart(3)} err ${String(s.unexpected).padStart(3)} other | ` +
		`RSS MiB: ${cols.join('  ')}`);
}

// --- run ---

const mix = [[publicBooking, 3], [callCentre, 2], [agentPages, 3], [search, 3]];
const total = mix.reduce((n, [, w]) => n + w, 0);
// clients loops over the mix until the time until.
const run = (clients, until) => Array.from({ length: clients }, async () => {
	while (Date.now() < until) {
		let r = Math.random() * total;
		const [fn] = mix.find(([, w]) => (r -= w) < 0);
		await fn();
	}
});

const perProgram = Math.max(...PROGRAMS.map((p) => workers(p).length));
console.log(`soak: warm-up ${WARM} s (${4 * perProgram} clients, unpaced), then ` +
	`${SECONDS} s, ${CLIENTS} clients, at most ${RATE} req/s; RSS per worker ` +
	`every ${SAMPLE} s (run ${RUN})`);
paced = false;
await Promise.all(run(4 * perProgram, Date.now() + WARM * 1000));
paced = true;
nextAt = Date.now();
const t0 = Date.now();
const end = t0 + SECONDS * 1000;
sample(0);
const loops = run(CLIENTS, end);
const sampler = (async () => {
	for (let k = 1; t0 + k * SAMPLE * 1000 <= end; k++) {
		await sleep(t0 + k * SAMPLE * 1000 - Date.now());
		sample(k * SAMPLE);
	}
})();
await Promise.all([...loops, sampler]);
const elapsed = Math.round((Date.now() - t0) / 1000);
const pacedRequests = stats.requests - samples[0].requests;
if (samples.at(-1).t !== elapsed)
	sample(elapsed);
await purger.close();

// --- verdict ---

const failures = [];
console.log(`soak: ${stats.requests} requests (${samples[0].requests} in the warm-up, ` +
	`${pacedRequests} in ${elapsed} s: ${(pacedRequests / elapsed).toFixed(1)}/s); ` +
	`by step ${JSON.stringify(stats.byStep)}; by status ${JSON.stringify(stats.byStatus)}`);
if (stats.fivexx.length)
	failures.push(`${stats.fivexx.length} answers 5xx:\n  ${stats.fivexx.slice(0, 20).join('\n  ')}`);
if (stats.noAnswer.length)
	failures.push(`${stats.noAnswer.length} requests without an answer:\n  ${stats.noAnswer.slice(0, 20).join('\n  ')}`);
if (stats.unexpected.length)
	failures.push(`${stats.unexpected.length} unexpected answers:\n  ${stats.unexpected.slice(0, 20).join('\n  ')}`);
// Workers: the same pids from the first sample to the last (none died),
// and each one's RSS floor from the second fifth of the run to the last.
const first = samples[0];
const last = samples.at(-1);
const inBase = samples.filter((x) => x.t >= SECONDS / 5 && x.t <= 2 * SECONDS / 5);
const inEnd = samples.filter((x) => x.t >= 4 * SECONDS / 5);
const floor = (set, prog, pid) => Math.min(...set.map((x) => x.rss[prog][pid])
	.filter((k) => k !== undefined));
const growth = [];
for (const prog of PROGRAMS) {
	const a = Object.keys(first.rss[prog]).sort().join(',');
	const b = Object.keys(last.rss[prog]).sort().join(',');
	if (a !== b)
		failures.push(`${prog}: workers ${a} became ${b} (one died or was replaced)`);
	for (const pid of Object.keys(last.rss[prog])) {
		const base = floor(inBase, prog, pid);
		const end = floor(inEnd, prog, pid);
		if (!Number.isFinite(base) || !Number.isFinite(end))
			continue;
		const d = end - base;
		growth.push(`${prog.replace('havre-', '')}[${pid}] ${(base / 1024).toFixed(1)} -> ` +
			`${(end / 1024).toFixed(1)} MiB (${d >= 0 ? '+' : ''}${d} KiB)`);
		if (d > RSS_BOUND_KB)
			failures.push(`${prog} worker ${pid}: RSS floor rose ${d} KiB (bound ${RSS_BOUND_KB} KiB)`);
	}
}
console.log(`soak: RSS floor (lowest sample) of ${inBase.map((x) => x.t).join(',')} s ` +
	`-> of ${inEnd.map((x) => x.t).join(',')} s, bound +${RSS_BOUND_KB} KiB:\n  ${growth.join('\n  ')}`);
if (failures.length) {
	console.log(`soak: FAILED\n${failures.join('\n')}`);
	process.exit(1);
}
console.log('soak: passed (no 5xx, every answer expected, no worker died, RSS within the bound)');

// bench-fixtures.test.mjs: the booking benchmark leaves nothing an
// applicant or an agent can see (issue 13 item 8). tests/bench/booking/
// run.sh makes its site, service and API key with fixtures.sh setup and
// removes them with fixtures.sh cleanup when it ends (sweep removes what
// a killed run left). This test runs that same path against the check
// stack: setup, then a booking through the partner API as the bench
// makes them (an appointment, its SMS in the outbox), then cleanup; and
// looks where people look: the public /book in several languages, and
// the agents' call centre, day list and configuration lists.
//
// Needs the stack of `contrib/dev check` (HAVRE_INTRANET, HAVRE_PUBLIC,
// HAVRE_CONFIG, HAVRE_ADMIN; tests/http/lib.mjs) and its database's root
// user without a password (contrib/dev's private server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
	ADMIN, CONFIG, INTRANET, PUBLIC, SRCDIR, get, login, makeAgent, request, sql,
} from '../http/lib.mjs';

const FIXTURES = join(SRCDIR, 'tests', 'bench', 'booking', 'fixtures.sh');

// The stack's MariaDB socket (DB.Socket or DB { Socket = ... }).
function dbSocket() {
	const text = readFileSync(CONFIG, 'utf8');
	const m = /^\s*(?:DB\.)?Socket\s*=\s*(\S+)\s*$/m.exec(text);
	assert.ok(m, `no DB socket in ${CONFIG}`);
	return m[1];
}

// Run fixtures.sh with args; asserts it succeeded; returns its stdout.
function fixtures(...args) {
	const r = spawnSync(FIXTURES, args, {
		encoding: 'utf8',
		timeout: 60000,
		env: {
			...process.env,
			BENCH_DB_SOCKET: dbSocket(),
			HAVRE_CONFIG: CONFIG,
			HAVRE_BUILD: process.env.HAVRE_BUILD ?? dirname(ADMIN),
		},
	});
	assert.equal(r.status, 0, `fixtures.sh ${args.join(' ')}: ${r.stderr}`);
	return r.stdout;
}

function benchTag() {
	return `bench${process.pid}${Math.floor(Math.random() * 1e6)}`;
}

// The visible text of a page (tags dropped, entities left).
function textOf(html) {
	return html.replace(/<script[\s\S]*?<\/script>/g, ' ')
		.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
}

// The option values of the <select name="NAME"> elements of a page.
function optionsOf(html, name) {
	const out = [];
	const re = new RegExp(`<select\\b[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`, 'g');
	for (const [, body] of html.matchAll(re))
		for (const [, v] of body.matchAll(/<option\b[^>]*\bvalue="([^"]*)"/g))
			out.push(v);
	return out;
}

// What an applicant sees on /book in each language, and an agent on the
// lists that name sites and services; all as one text per place.
async function placesPeopleLook(jar) {
	const out = {};
	for (const lang of ['en', 'fr', 'ar', 'es', 'ht']) {
		const r = await get(PUBLIC, `/book?lang=${lang}`);
		assert.equal(r.status, 200);
		out[`/book ${lang}`] = r.text;
		// The list is paged past 30 offices: the search finds a Bench
		// office on any page.
		const s = await get(PUBLIC, `/book?q=Bench&lang=${lang}`);
		assert.equal(s.status, 200);
		out[`/book?q=Bench ${lang}`] = s.text;
	}
	for (const path of ['/appointments/callcentre', '/appointments/day',
		'/appointments/sites', '/appointments/services',
		'/appointments/quota', '/reception']) {
		const r = await get(INTRANET, path, { jar });
		assert.equal(r.status, 200, path);
		out[path] = r.text;
	}
	return out;
}

// A booking on the bench's site through the partner API, as run.sh's
// load does: the first free partner slot in two days.
async function benchBooking(tag, key) {
	const day = new Date(Date.now() + 2 * 86400e3).toISOString().slice(0, 10);
	const auth = { Authorization: `Bearer ${key}` };
	const avail = await request(INTRANET,
		`/appointments/api/v1/availability?site=${tag}&service=${tag}` +
		`&level=regular&from=${day}&to=${day}`, { headers: auth });
	assert.equal(avail.status, 200, avail.text);
	const slot = JSON.parse(avail.text).slots[0];
	assert.ok(slot, 'the bench site has free partner slots');
	const r = await request(INTRANET, '/appointments/api/v1/bookings', {
		method: 'POST',
		headers: { ...auth, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			site: tag, service: tag, level: 'regular', start: slot.start,
			family_name: 'Benchmark', given_names: 'Load',
			phone: `+3361${String(process.pid % 1e7).padStart(7, '0')}`,
			language: 'fr',
		}),
	});
	assert.equal(r.status, 201, r.text);
	return JSON.parse(r.text).reference;
}

test('the bench data is seen while it runs, and nowhere once it has cleaned up', async () => {
	const agent = makeAgent('benchadm', ['administrator']);
	const { jar } = await login(agent.username, agent.password);
	const tag = benchTag();
	const [siteId, serviceId, , key] = fixtures('setup', tag).trim().split(' ');
	assert.match(key, /^hvk_[0-9a-f]+$/);
	let cleaned = false;
	try {
		// While the bench runs its site is a real site (it measures the
		// public pages): the checks below can see it, so their silence
		// after the cleanup means something.
		const during = await placesPeopleLook(jar);
		assert.match(textOf(during['/book?q=Bench en']), new RegExp(`Bench ${tag}`));
		assert.match(textOf(during['/appointments/sites']), new RegExp(`Bench ${tag}`));
		assert.ok(optionsOf(during['/appointments/callcentre'], 'site').includes(siteId),
			'the call centre offers the bench site while it runs');
		const ref = await benchBooking(tag, key);
		assert.equal(sql(`SELECT COUNT(*) FROM appointment WHERE site_id = ${siteId}`)[0][0], '1');
		assert.ok(Number(sql(`SELECT COUNT(*) FROM outbox_message o JOIN appointment a
			ON o.entity = 'appointment' AND o.entity_id = a.id
			WHERE a.reference = '${ref}'`)[0][0]) >= 1, 'the booking queued its SMS');

		fixtures('cleanup', tag);
		cleaned = true;

		const after = await placesPeopleLook(jar);
		for (const [place, html] of Object.entries(after)) {
			const seen = textOf(html);
			assert.doesNotMatch(seen, new RegExp(tag), `${place} names the bench`);
			assert.doesNotMatch(seen, /\bBench\b/, `${place} shows a Bench site or service`);
			assert.ok(!optionsOf(html, 'site').includes(siteId),
				`${place} offers the bench's site`);
			assert.ok(!optionsOf(html, 'service').includes(serviceId),
				`${place} offers the bench's service`);
		}
		// The booking and its SMS are gone with it; the key no longer works.
		assert.equal(sql(`SELECT COUNT(*) FROM appointment WHERE reference = '${ref}'`)[0][0], '0');
		assert.equal(sql(`SELECT COUNT(*) FROM outbox_message WHERE entity = 'appointment'
			AND entity_id NOT IN (SELECT id FROM appointment)`)[0][0], '0');
		assert.equal(sql(`SELECT (SELECT COUNT(*) FROM site WHERE code = '${tag}')
			+ (SELECT COUNT(*) FROM service WHERE code = '${tag}')
			+ (SELECT COUNT(*) FROM slot_quota WHERE site_id = ${siteId})
			+ (SELECT COUNT(*) FROM slot_day_version WHERE site_id = ${siteId})
			+ (SELECT COUNT(*) FROM api_key WHERE name = '${tag}')`)[0][0], '0');
		const refused = await request(INTRANET, '/appointments/api/v1/availability',
			{ headers: { Authorization: `Bearer ${key}` } });
		assert.equal(refused.status, 401);
	} finally {
		if (!cleaned)
			fixtures('cleanup', tag);
	}
});

test('sweep removes what a killed bench run left behind', async () => {
	const tag = benchTag();
	fixtures('setup', tag);
	const before = await get(PUBLIC, '/book?q=Bench');
	assert.match(textOf(before.text), new RegExp(`Bench ${tag}`));
	// No cleanup: as if the run was killed with SIGKILL. The next run
	// sweeps first.
	fixtures('sweep');
	const after = await get(PUBLIC, '/book?q=Bench');
	assert.equal(after.status, 200);
	assert.doesNotMatch(textOf(after.text), /\bBench\b/);
	assert.equal(sql(`SELECT COUNT(*) FROM site WHERE code REGEXP '^bench[0-9]+$'`)[0][0], '0');
	assert.equal(sql(`SELECT COUNT(*) FROM service WHERE code REGEXP '^bench[0-9]+$'`)[0][0], '0');
});

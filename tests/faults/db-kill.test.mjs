// tests/faults/db-kill.test.mjs: MariaDB killed (SIGKILL, no clean
// shutdown) and restarted under load. Partner-API clients keep booking
// (each with an Idempotency-Key, retried after a 503, as the API tells
// clients to), applicants read the public booking site and an agent reads
// the day list. While the server is down every answer is a 503 (never a
// 500, 502 or a hung request); once it is back none is; every booking
// acknowledged with a 201 exists afterwards (crash recovery kept every
// commit), and no retried key made a second booking.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { INTRANET, PUBLIC, get, login, makeAgent, sql, uniqueName }
	from '../http/lib.mjs';
import { dayFromNow, freshPhone, makeKey, makeSite }
	from '../http/appointments-fixture.mjs';
import { Load, alive, dbPid, devAsync, sleep } from './lib.mjs';

const API = '/appointments/api/v1';
// Seconds of load before the kill, of outage, and after the restart.
const BEFORE = 3000;
const DOWN = 3000;
const AFTER = 4000;

test('database killed under load: 503 while down, none after, no acknowledged booking lost', async () => {
	const fx = makeSite({ capacity: { partner: 60, web: 4, callcentre: 4,
		walkin: 2 } });
	const key = makeKey();
	const agent = makeAgent('dbkill', ['supervisor']);
	const { jar } = await login(agent.username, agent.password);
	const tag = uniqueName('Dbk').replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
	const days = [dayFromNow(5), dayFromNow(6), dayFromNow(7)];
	const acked = new Map();	// idempotency key -> reference
	const unexpected = [];
	const load = new Load();
	let deadlineMs = 0;

	// One booking per step, retried with the same key after a 503 until
	// it is acknowledged (whatever the load's state: a key is never left
	// half-tried).
	const bookUntilAcked = async (c, i) => {
		const idem = `${tag}-${c}-${i}`;
		const body = JSON.stringify({ site: fx.site, service: fx.service,
			level: 'regular', start: `${days[i % 3]}T${String(9 + ((c + i) % 8))
				.padStart(2, '0')}:00:00`,
			family_name: `${tag}${c}x${i}`, given_names: 'Fault',
			phone: freshPhone(), language: 'en' });
		for (;;) {
			const r = await load.request('book', INTRANET, `${API}/bookings`, {
				method: 'POST', body,
				headers: { Authorization: `Bearer ${key}`,
					'Content-Type': 'application/json',
					'Idempotency-Key': idem },
			});
			if (r.status === 201) {
				acked.set(idem, JSON.parse(r.text).reference);
				return;
			}
			if (r.status !== 503 || Date.now() > deadlineMs) {
				unexpected.push(`book ${idem}: ${r.status} ${r.text.slice(0, 200)}`);
				return;
			}
			await sleep(150);
		}
	};
	const step = async (c, i) => {
		if (c < 3)
			await bookUntilAcked(c, i);
		else if (c === 3)
			await load.request('public', PUBLIC, `/book/service?site=${fx.siteId}`);
		else
			await load.request('agent', INTRANET,
				`/appointments/day?site=${fx.siteId}&day=${days[0]}`, { jar });
		await sleep(50);
	};

	deadlineMs = Date.now() + 120000;
	load.start(5, step);
	await sleep(BEFORE);
	const pid = dbPid();
	assert.ok(pid && alive(pid), 'the database server runs');
	const tKill = Date.now();
	process.kill(pid, 'SIGKILL');
	let tUp;
	try {
		await sleep(DOWN);
	} finally {
		await devAsync('db-start');
		tUp = Date.now();
	}
	await sleep(AFTER);
	await load.stop();

	const during = (e) => e.t1 >= tKill && e.t0 <= tUp;
	const after = (e) => e.t0 > tUp;
	const before = (e) => e.t1 < tKill;
	const summary = JSON.stringify({ before: load.counts(before),
		during: load.counts(during), after: load.counts(after) });
	console.log(`# answers (${load.log.length}): ${summary}; outage ` +
		`${tUp - tKill} ms; bookings acknowledged ${acked.size}`);
	assert.deepEqual(unexpected, []);
	// Only 2xx or 503, at every moment.
	const bad = load.log.filter((e) => !(e.status === 503 ||
		(e.status >= 200 && e.status < 300)));
	assert.deepEqual(bad, [], 'answers other than 2xx and 503');
	assert.ok(load.log.some((e) => during(e) && e.status === 503),
		'the outage was seen as 503');
	assert.deepEqual(load.log.filter((e) => !during(e) && e.status === 503),
		[], '503 outside the outage');
	for (const what of ['book', 'public', 'agent']) {
		assert.ok(load.log.some((e) => before(e) && e.what === what &&
			e.status < 300), `${what} answered before the kill`);
		assert.ok(load.log.some((e) => after(e) && e.what === what &&
			e.status < 300), `${what} answered after the restart`);
	}

	// Every acknowledged booking is there, once; nothing else was made.
	const rows = sql(`SELECT reference, status FROM appointment
		WHERE family_name LIKE '${tag}%'`);
	const stored = new Map(rows.map(([ref, st]) => [ref, st]));
	for (const [idem, ref] of acked)
		assert.equal(stored.get(ref), 'booked', `booking ${idem} (${ref}) lost`);
	assert.equal(rows.length, acked.size,
		'bookings that no client was told about (a retry booked twice)');
	const seats = sql(`SELECT COALESCE(SUM(booked), 0) FROM slot_quota
		WHERE site_id = ${fx.siteId} AND channel = 'partner'`)[0][0];
	assert.equal(Number(seats), acked.size, 'seats taken = bookings');
	// The server is whole again: a fresh read answers.
	assert.equal((await get(INTRANET, '/healthz')).status, 200);
});

// tests/galera/galera.test.mjs: Havre across a 3-node MariaDB Galera
// cluster (issue 18.6). `contrib/galera check` (or `contrib/dev check
// --galera`) starts the nodes and two application hosts, a on node 1 and
// b on node 2, each with its own nginx, workers and havre-notify, one
// Kannel, one file store folder, and runs this file:
//   - the booking race: clients on both hosts, one partner slot of 4
//     seats: exactly 4 booked, the same 4 rows on every node;
//   - the SMS outbox with a havre-notify on node 1 and one on node 2:
//     every message goes through Kannel exactly once, both daemons work;
//   - a node killed under a mixed load (bookings, availability, public
//     pages through both hosts): errors only while the cluster
//     reconfigures, each one a 503 or a refused connection that the
//     client retried (another host, the same Idempotency-Key) until it
//     succeeded; every acknowledged booking is on every node after the
//     node rejoined by IST; its messages were sent once each.
// The figures (bookings, messages, errors during the kill, time to
// rejoin) are printed as diagnostics.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTRANET, LOG_DIR, PUBLIC, request, sql } from '../http/lib.mjs';
import { dayFromNow, freshPhone, makeKey, makeSite }
	from '../http/appointments-fixture.mjs';

const API = '/appointments/api/v1';
const B_INTRANET = process.env.HAVRE_GALERA_B_INTRANET;
const B_PUBLIC = process.env.HAVRE_GALERA_B_PUBLIC;
const SOCKETS = (process.env.HAVRE_GALERA_SOCKETS ?? '').split(':');
const GALERA = process.env.HAVRE_GALERA_SCRIPT;
const HOSTS = [{ name: 'a', intranet: INTRANET, public: PUBLIC },
	{ name: 'b', intranet: B_INTRANET, public: B_PUBLIC }];
// The fake SMSC behind the one Kannel (host a's stack runs it).
const SMSC_LOG = join(LOG_DIR, 'fakesmsc.log');
// A tag of this run in every phone number it makes up.
const RUN = String(Math.floor(Math.random() * 900) + 100);

if (!B_INTRANET || SOCKETS.length !== 3 || !GALERA)
	throw new Error('run through contrib/galera check (HAVRE_GALERA_* unset)');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// SQL as root on node i (0-based), after the node applied everything
// the cluster committed (wsrep_sync_wait). Rows as arrays of strings.
function nodeSql(i, query) {
	const r = spawnSync('mariadb', ['--no-defaults', '--batch',
		'--skip-column-names', `--socket=${SOCKETS[i]}`, '--user=root',
		'havre', '-e', `SET SESSION wsrep_sync_wait = 1; ${query}`],
	{ encoding: 'utf8', timeout: 60000 });
	if (r.status !== 0)
		throw new Error(`mariadb on node ${i + 1} failed: ${r.stderr}`);
	return r.stdout.split('\n').filter((l) => l !== '')
		.map((l) => l.split('\t'));
}

// The same query's rows on every node.
const onEveryNode = (query) => SOCKETS.map((_, i) => nodeSql(i, query));

// contrib/galera with args, without blocking the clients' event loop.
function galera(...args) {
	return new Promise((resolve, reject) => {
		execFile(GALERA, args, { timeout: 180000 }, (err, stdout, stderr) => {
			if (err)
				reject(new Error(`contrib/galera ${args.join(' ')}: ${err.message} ${stderr}`));
			else
				resolve(stdout);
		});
	});
}

// POST a partner booking to host h. Returns {status, text, error}: a
// refused or cut connection gives status 0 and the error's text.
// person: {name, phone}.
async function book(h, key, fx, day, hour, person, idem) {
	try {
		return await request(h.intranet, `${API}/bookings`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${key}`,
				'Content-Type': 'application/json',
				'Idempotency-Key': idem },
			body: JSON.stringify({ site: fx.site, service: fx.service,
				level: 'regular', start: `${day}T${hour}:00:00`,
				family_name: person.name, given_names: 'Galera',
				phone: person.phone, language: 'en' }),
			timeout: 60000,
		});
	} catch (e) {
		return { status: 0, text: String(e.cause?.code ?? e.message) };
	}
}

// A GET on base, {status, text} (status 0: no answer).
async function fetchSafe(base, path, headers = {}) {
	try {
		return await request(base, path, { headers, timeout: 60000 });
	} catch (e) {
		return { status: 0, text: String(e.cause?.code ?? e.message) };
	}
}

// A made-up French mobile number of this run (unique per call).
function phone() {
	return `+3379${RUN}${freshPhone().slice(-5)}`;
}

// How many times the fake SMSC received a message for each number of
// list (Kannel's fakesmsc logs "Got message N: <from to type text>").
function smscCounts(numbers) {
	const text = existsSync(SMSC_LOG) ? readFileSync(SMSC_LOG, 'utf8') : '';
	const want = new Set(numbers.map((n) => n.replace(/^\+/, '')));
	const counts = new Map(numbers.map((n) => [n.replace(/^\+/, ''), 0]));
	for (const m of text.matchAll(/Got message \d+: <\S+ \+?(\d+) /g))
		if (want.has(m[1]))
			counts.set(m[1], counts.get(m[1]) + 1);
	return counts;
}

// The SMS parts each number should have received once: its outbox
// messages' segments (a long text goes as several parts, each a
// message for the fake SMSC), keyed as smscCounts keys them.
function partsExpected(numbers) {
	const list = numbers.map((n) => `'${n}'`).join(',');
	return new Map(sql(`SELECT to_addr, SUM(segments), COUNT(*) FROM
		outbox_message WHERE to_addr IN (${list}) GROUP BY to_addr`)
		.map(([to, parts, rows]) => [to.replace(/^\+/, ''),
			{ parts: Number(parts), rows: Number(rows) }]));
}

// Wait until no message to the numbers is queued or sending (120 s at
// most); returns the statuses seen last, {status: count}.
async function drained(numbers) {
	const list = numbers.map((n) => `'${n}'`).join(',');
	let rows = [];
	for (let t = 0; t < 600; t++) {
		rows = sql(`SELECT status, COUNT(*) FROM outbox_message WHERE
			to_addr IN (${list}) GROUP BY status`);
		if (!rows.some(([s]) => s === 'queued' || s === 'sending'))
			break;
		await sleep(200);
	}
	return Object.fromEntries(rows.map(([s, n]) => [s, Number(n)]));
}

test('the cluster: 3 nodes, Synced, auto-increment stepped by the cluster size', () => {
	const rows = onEveryNode(`SHOW STATUS WHERE Variable_name IN
		('wsrep_cluster_size', 'wsrep_local_state_comment')`);
	for (const r of rows)
		assert.deepEqual(Object.fromEntries(r), { wsrep_cluster_size: '3',
			wsrep_local_state_comment: 'Synced' });
	const inc = onEveryNode("SHOW VARIABLES LIKE 'auto_increment_increment'");
	assert.deepEqual(inc.map((r) => r[0][1]), ['3', '3', '3']);
});

test('booking race across two hosts and nodes: exactly the capacity', async () => {
	const fx = makeSite({ capacity: { partner: 4, web: 0, callcentre: 0,
		walkin: 0 } });
	const key = makeKey();
	const day = dayFromNow(5);
	const n = 40;
	let tries = 0;
	// Each client books once; a 503 (conflict or node change) is sent
	// again with the same Idempotency-Key, as a partner's client would.
	const client = async (i) => {
		const h = HOSTS[i % 2];
		const person = { name: `Race${RUN}x${i}`, phone: phone() };
		for (let k = 0; ; k++) {
			tries++;
			const r = await book(h, key, fx, day, '10', person, `race-${RUN}-${i}`);
			if ((r.status !== 503 && r.status !== 0) || k >= 5)
				return r;
			await sleep(100 + Math.random() * 200);
		}
	};
	const t0 = Date.now();
	const all = await Promise.all(Array.from({ length: n }, (_, i) => client(i)));
	const codes = all.map((r) => r.status);
	console.log(`# race: ${n} clients over hosts a (node 1) and b (node 2), ` +
		`${tries} requests, ${Date.now() - t0} ms; answers ${
			JSON.stringify(Object.fromEntries([...new Set(codes)].map((c) =>
				[c, codes.filter((x) => x === c).length])))}`);
	assert.equal(codes.filter((c) => c === 201).length, 4, codes.join(','));
	assert.equal(codes.filter((c) => c === 409).length, n - 4, codes.join(','));
	const q = `SELECT q.booked, (SELECT COUNT(*) FROM appointment a WHERE
		a.slot_id = q.id AND a.status = 'booked'), (SELECT GROUP_CONCAT(a.id
		ORDER BY a.id) FROM appointment a WHERE a.slot_id = q.id) FROM
		slot_quota q WHERE q.site_id = ${fx.siteId} AND q.channel = 'partner'
		AND q.local_day = '${day}' AND q.local_time = '10:00'
		AND q.level_id = ${fx.levels.regular}`;
	const per = onEveryNode(q);
	for (const rows of per) {
		assert.equal(rows.length, 1);
		assert.deepEqual(rows[0].slice(0, 2), ['4', '4']);
	}
	assert.equal(per[1][0][2], per[0][0][2], 'the same rows on nodes 1 and 2');
	assert.equal(per[2][0][2], per[0][0][2], 'the same rows on nodes 1 and 3');
});

// The phone limit (Appointments.MaxActivePerPhone, 3) is counted under a
// FOR UPDATE that only locks on its own node; the booking that passes it
// inserts a new row, which no other node's booking touches. What keeps
// two nodes from both counting 2 and both booking is the audit chain:
// every booking moves the one audit_head row, so two concurrent ones
// conflict at certification and the loser (1213) counts again.
test('the phone limit across nodes: one phone, 12 bookings at once on two hosts, 3 booked', async () => {
	const fx = makeSite({ capacity: { partner: 10, web: 0, callcentre: 0,
		walkin: 0 } });
	const key = makeKey();
	const day = dayFromNow(3);
	const shared = phone();
	const all = await Promise.all(Array.from({ length: 12 }, (_, i) => (async () => {
		const person = { name: `Phone${RUN}x${i}`, phone: shared };
		for (let k = 0; ; k++) {
			const r = await book(HOSTS[i % 2], key, fx, day,
				String(9 + (i % 6)).padStart(2, '0'), person, `phone-${RUN}-${i}`);
			if ((r.status !== 503 && r.status !== 0) || k >= 5)
				return r;
			await sleep(100 + Math.random() * 200);
		}
	})()));
	const codes = all.map((r) => r.status);
	assert.equal(codes.filter((c) => c === 201).length, 3, codes.join(','));
	for (const r of all.filter((x) => x.status !== 201)) {
		assert.equal(r.status, 409, r.text);
		assert.equal(JSON.parse(r.text).error, 'phone_limit', r.text);
	}
	for (const rows of onEveryNode(`SELECT COUNT(*) FROM appointment WHERE
		phone = '${shared}' AND status = 'booked'`))
		assert.equal(rows[0][0], '3');
});

// DB.SyncWait = 1 on both hosts: a request reads what the one before it
// wrote through the other host and node (without it a node may answer
// before applying the other's last commit: STACK-FACTS saw stale reads).
test('read-your-writes across hosts: booked on b, read and cancelled on a, read on b; the seats left follow on both', async () => {
	const fx = makeSite({ capacity: { partner: 50, web: 0, callcentre: 0,
		walkin: 0 } });
	const key = makeKey();
	const day = dayFromNow(4);
	const auth = { Authorization: `Bearer ${key}` };
	const [a, b] = HOSTS;
	// The seats left at 11:00 as host h's availability answers them: its
	// workers keep a day's slots and confirm them with the days' versions
	// (migration 0031's triggers), which must move on every node. Asked
	// as many times as a host has workers, so that each has kept the day.
	const remaining = async (h) => {
		const seen = new Set();
		for (let k = 0; k < 4; k++) {
			const r = await fetchSafe(h.intranet, `${API}/availability?site=${fx.site
			}&service=${fx.service}&level=regular&from=${day}&to=${day}`, auth);
			assert.equal(r.status, 200, r.text);
			const slot = JSON.parse(r.text).slots.find((x) => x.start.includes('T11:00'));
			seen.add(slot ? slot.remaining : 0);
		}
		assert.equal(seen.size, 1, `every worker of ${h.name} answers alike: ${[...seen]}`);
		return [...seen][0];
	};
	const before = [await remaining(a), await remaining(b)];
	assert.equal(before[0], 50);
	assert.equal(before[1], 50);
	for (let i = 0; i < 20; i++) {
		const person = { name: `Ryw${RUN}x${i}`, phone: phone() };
		const r = await book(b, key, fx, day, '11', person, `ryw-${RUN}-${i}`);
		assert.equal(r.status, 201, r.text);
		const ref = JSON.parse(r.text).reference;
		const seen = await fetchSafe(a.intranet, `${API}/bookings/${ref}`, auth);
		assert.equal(seen.status, 200, `booking ${i} read on a: ${seen.text}`);
		if (i % 5 === 0)
			assert.equal(await remaining(a), 49, `booking ${i} on b: one seat less on a`);
		const del = await request(a.intranet, `${API}/bookings/${ref}`,
			{ method: 'DELETE', headers: auth });
		assert.equal(del.status, 200, del.text);
		const after = await fetchSafe(b.intranet, `${API}/bookings/${ref}`, auth);
		assert.equal(after.status, 200, after.text);
		assert.equal(JSON.parse(after.text).status, 'cancelled', after.text);
		if (i % 5 === 0)
			assert.equal(await remaining(b), 50, `cancelled on a: the seat back on b`);
	}
});

test('SMS outbox with havre-notify on two nodes: each message sent exactly once', async () => {
	const n = 150;
	const numbers = Array.from({ length: n }, () => phone());
	// Queued at once, half through node 1 and half through node 3
	// (neither daemon's node for the second half), so that both
	// daemons find due messages in the same passes.
	const values = (part) => part.map((to, i) => `('sms', '${to}', 'en',
		'test', 'galera', ${i}, 'Havre galera test ${RUN} ${i}',
		UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))`).join(',');
	const insert = (part) => `INSERT INTO outbox_message (channel, to_addr,
		lang, event, entity, entity_id, body, next_try_at, created_at)
		VALUES ${values(part)}`;
	const t0 = Date.now();
	nodeSql(0, insert(numbers.slice(0, n / 2)));
	nodeSql(2, insert(numbers.slice(n / 2)));
	const statuses = await drained(numbers);
	const secs = (Date.now() - t0) / 1000;
	assert.deepEqual(Object.keys(statuses).filter((s) => s !== 'sent' &&
		s !== 'delivered'), [], JSON.stringify(statuses));
	// Kannel hands them to the fake SMSC a moment later.
	let counts;
	for (let t = 0; t < 100; t++) {
		counts = smscCounts(numbers);
		if ([...counts.values()].every((c) => c >= 1))
			break;
		await sleep(200);
	}
	await sleep(1000);
	counts = smscCounts(numbers);
	const list = numbers.map((x) => `'${x}'`).join(',');
	const by = sql(`SELECT claimed_by, COUNT(*) FROM outbox_message WHERE
		to_addr IN (${list}) GROUP BY claimed_by ORDER BY claimed_by`);
	console.log(`# outbox: ${n} messages sent in ${secs.toFixed(1)} s; ` +
		`claimed by ${by.map(([c, k]) => `${c}: ${k}`).join(', ')}`);
	const expect = partsExpected(numbers);
	const wrong = [...counts].filter(([to, c]) => c !== 1 ||
		expect.get(to)?.parts !== 1 || expect.get(to)?.rows !== 1);
	assert.deepEqual(wrong, [], 'numbers not received exactly once');
	assert.equal(by.length, 2, 'both daemons claimed messages');
	const daemons = ['a', 'b'].map((h) => readFileSync(join(h === 'a' ? LOG_DIR :
		process.env.HAVRE_GALERA_B_LOG, 'havre-notify.log'), 'utf8'));
	for (const log of daemons)
		assert.match(log, /started as/);
});

test('a node killed under a mixed load: served throughout, nothing acknowledged lost, rejoined by IST',
    async () => {
	const fx = makeSite({ capacity: { partner: 200, web: 0, callcentre: 0,
		walkin: 0 } });
	const key = makeKey();
	const day = dayFromNow(9);
	const clients = 4;
	const acked = [];		// {reference, phone}
	const errors = [];		// {t, host, status, op}
	const counts = { book: 0, availability: 0, page: 0 };
	const slowest = { before: 0, kill: 0 };	// host a's longest answer, ms
	let stop = false;
	let killAt = 0;
	let rejoinedAt = 0;
	let rejoinText = '';
	const t0 = Date.now();
	const since = () => (Date.now() - t0) / 1000;
	// One operation through host h, retried on the other host (a 503 or
	// no answer) until it succeeds; 60 s at most.
	const op = async (c, seq) => {
		const kind = ['book', 'availability', 'book', 'page'][seq % 4];
		const person = { name: `Kill${RUN}c${c}n${seq}`, phone: phone() };
		const idem = `kill-${RUN}-${c}-${seq}`;
		const hour = String(9 + (seq % 8)).padStart(2, '0');
		for (let k = 0; ; k++) {
			const h = HOSTS[(c + k) % 2];
			const start = Date.now();
			let r;
			if (kind === 'book')
				r = await book(h, key, fx, day, hour, person, idem);
			else if (kind === 'availability')
				r = await fetchSafe(h.intranet, `${API}/availability?site=${
					fx.site}&service=${fx.service}&level=regular&from=${day}&to=${day}`,
				{ Authorization: `Bearer ${key}` });
			else
				r = await fetchSafe(h.public, '/book');
			if (h.name === 'a') {
				const w = killAt === 0 ? 'before' : 'kill';
				slowest[w] = Math.max(slowest[w], Date.now() - start);
			}
			const ok = kind === 'book' ? r.status === 201 : r.status === 200;
			if (ok) {
				counts[kind]++;
				if (kind === 'book')
					acked.push({ reference: JSON.parse(r.text).reference,
						phone: person.phone });
				return;
			}
			errors.push({ t: since(), host: h.name, status: r.status, op: kind,
				text: r.text.slice(0, 80) });
			if ((r.status !== 503 && r.status !== 0) || since() > 120)
				return;
			await sleep(250);
		}
	};
	const client = async (c) => {
		for (let seq = 0; !stop; seq++) {
			await op(c, seq);
			await sleep(50);
		}
	};
	const load = Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
	await sleep(8000);
	killAt = since();
	await galera('kill', '2');
	await sleep(12000);
	const rejoinFrom = since();
	rejoinText = (await galera('rejoin', '2')).trim();
	rejoinedAt = since();
	await sleep(8000);
	stop = true;
	await load;
	const total = since();
	// The messages of the acknowledged bookings, sent once each.
	const phones = acked.map((a) => a.phone);
	const statuses = await drained(phones);
	await sleep(1500);
	const smsc = smscCounts(phones);
	// Every acknowledged booking on every node, and the nodes agree.
	const refs = acked.map((a) => `'${a.reference}'`).join(',');
	const per = onEveryNode(`SELECT COUNT(*) FROM appointment WHERE
		reference IN (${refs})`);
	const sums = onEveryNode(`SELECT COUNT(*), SUM(CRC32(CONCAT_WS(',', a.id,
		a.reference, a.status, a.slot_id))) FROM appointment a JOIN slot_quota
		q ON q.id = a.slot_id WHERE q.site_id = ${fx.siteId}`);
	const booked = onEveryNode(`SELECT SUM(booked) FROM slot_quota WHERE
		site_id = ${fx.siteId}`);
	const ist = /\(IST\)/.test(rejoinText);
	const rejoinSecs = /in ([0-9.]+) s/.exec(rejoinText)?.[1];
	const byKind = {};
	for (const e of errors) {
		const k = `${e.host}:${e.status === 0 ? 'no answer' : e.status}`;
		byKind[k] = (byKind[k] ?? 0) + 1;
	}
	const first = errors.length ? Math.min(...errors.map((e) => e.t)) : 0;
	const last = errors.length ? Math.max(...errors.map((e) => e.t)) : 0;
	console.log(`# kill: ${clients} clients for ${total.toFixed(0)} s; node 2 ` +
		`killed at ${killAt.toFixed(1)} s, restarted at ${rejoinFrom.toFixed(1)} s, ` +
		`Synced at ${rejoinedAt.toFixed(1)} s`);
	console.log(`# kill: ${rejoinText}`);
	console.log(`# kill: host a's longest answer ${slowest.before} ms before ` +
		`the kill, ${slowest.kill} ms after it (writes wait while the ` +
		'cluster drops the node)');
	console.log(`# kill: acknowledged ${counts.book} bookings, ` +
		`${counts.availability} availability answers, ${counts.page} public pages`);
	console.log(`# kill: ${errors.length} errors, all retried: ${
		JSON.stringify(byKind)}, from ${first.toFixed(1)} s to ${last.toFixed(1)} s`);
	console.log(`# kill: messages of the bookings: ${JSON.stringify(statuses)}; ` +
		`parts received by the SMSC: ${[...smsc.values()].reduce((a, b) => a + b, 0)}`);
	console.log(`# kill: rows per node ${per.map((r) => r[0][0]).join(' / ')}, ` +
		`booked seats per node ${booked.map((r) => r[0][0]).join(' / ')}`);
	assert.ok(counts.book > 10, `only ${counts.book} bookings`);
	assert.ok(ist, `rejoined by IST: ${rejoinText}`);
	// Only 503 or no answer, each retried to a success.
	assert.deepEqual(errors.filter((e) => e.status !== 503 && e.status !== 0), []);
	assert.ok(since() < 300);
	// Errors only while the cluster changed: from the kill to a little
	// after the node was back.
	for (const e of errors)
		assert.ok(e.t >= killAt - 0.5 && e.t <= rejoinedAt + 5,
			`error outside the kill: ${JSON.stringify(e)}`);
	for (const r of per)
		assert.equal(Number(r[0][0]), acked.length, 'acknowledged bookings on every node');
	assert.deepEqual(sums[1], sums[0], 'node 2 caught up with node 1');
	assert.deepEqual(sums[2], sums[0], 'node 3 agrees with node 1');
	assert.deepEqual(booked.map((r) => r[0][0]), Array(3).fill(sums[0][0][0]));
	assert.deepEqual(Object.keys(statuses).filter((s) => s !== 'sent' &&
		s !== 'delivered'), [], JSON.stringify(statuses));
	// One confirmation per booking, each of its parts received once.
	const expect = partsExpected(phones);
	assert.equal(expect.size, phones.length);
	assert.deepEqual([...smsc].filter(([to, c]) => expect.get(to).rows !== 1 ||
		c !== expect.get(to).parts), [],
	'a booking\'s message not received exactly once');
});

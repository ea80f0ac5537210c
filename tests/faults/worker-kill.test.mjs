// tests/faults/worker-kill.test.mjs: a worker killed (SIGKILL) in the
// middle of a request. The test holds the audit chain's head row locked
// from another client, so that a booking's transaction stops at its last
// step with the seat taken and the appointment inserted (read
// uncommitted, the test sees the row); the worker that holds it is
// killed there. nginx answers 502 (it does not retry a POST);
// the transaction dies with the worker's connection: no appointment, no
// seat, no audit event, no message, no idempotency record; the
// supervisor replaces the worker, and the client's retry with the same
// Idempotency-Key books once.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

import {
	CONFIG, INTRANET, admin, createPerson, csrfOf, get, login, makeAgent, request,
	sql, uniqueName,
} from '../http/lib.mjs';
import { dayFromNow, freshPhone, makeKey, makeSite }
	from '../http/appointments-fixture.mjs';
import { alive, busyWorkers, dbSession, rootSql, sleep, workers }
	from './lib.mjs';

const PROG = 'havre-appointments';
// The stack's document store (Paths.Files = var/<env>/files).
const FILES = join(dirname(CONFIG), 'files');
// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

// The first column of query's first row, read uncommitted: what a
// transaction still open has written.
function dirty(query) {
	return rootSql(`SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED; ${query}`)[0][0];
}

// True when a program's connection waits to lock the audit chain's head
// (the last step of every change; the test holds that row).
function atAuditStep() {
	return rootSql(`SELECT COUNT(*) FROM information_schema.processlist
		WHERE user LIKE 'havre%' AND info LIKE 'SELECT seq, hash FROM audit_head%FOR UPDATE'`)[0][0] !== '0';
}

// Poll fn until it returns a truthy value (at most ms); returns it.
async function until(fn, ms = 10000) {
	const end = Date.now() + ms;
	for (;;) {
		const v = fn();
		if (v || Date.now() > end)
			return v;
		await sleep(50);
	}
}

test('a worker killed mid-transaction: 502, nothing half-written, the retry books once', async () => {
	const fx = makeSite({ capacity: { partner: 3, web: 1, callcentre: 1,
		walkin: 1 } });
	const key = makeKey();
	const name = uniqueName('Wk').replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
	const day = dayFromNow(4);
	const idem = `${name}-1`;
	const body = JSON.stringify({ site: fx.site, service: fx.service,
		level: 'regular', start: `${day}T10:00:00`, family_name: name,
		given_names: 'Killed', phone: freshPhone(), language: 'en' });
	const book = () => request(INTRANET, '/appointments/api/v1/bookings', {
		method: 'POST', timeout: 60000, body,
		headers: { Authorization: `Bearer ${key}`,
			'Content-Type': 'application/json', 'Idempotency-Key': idem },
	});
	const before = workers(PROG);
	assert.equal(before.length >= 1, true, 'the program has workers');

	const lock = dbSession();
	let answer;
	let victim;
	try {
		await lock.send('BEGIN; SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE;');
		const pending = book();
		// The booking's transaction waits on the lock having written
		// its rows: the appointment is there, uncommitted.
		const waiting = await until(() => atAuditStep() &&
			dirty(`SELECT COUNT(*) FROM appointment WHERE family_name = '${name}'`) === '1');
		assert.ok(waiting, 'the booking did not reach the audit step');
		const busy = busyWorkers(PROG);
		assert.equal(busy.length, 1, `one busy worker (${busy})`);
		victim = busy[0];
		process.kill(victim, 'SIGKILL');
		answer = await pending;
	} finally {
		await lock.close();
	}
	assert.equal(answer.status, 502, 'nginx answers 502 for the dead worker');

	// Nothing of the booking remains.
	assert.equal(sql(`SELECT COUNT(*) FROM appointment
		WHERE family_name = '${name}'`)[0][0], '0');
	assert.equal(sql(`SELECT COALESCE(SUM(booked), 0) FROM slot_quota
		WHERE site_id = ${fx.siteId}`)[0][0], '0', 'no seat taken');
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event
		WHERE changes LIKE '%${name}%'`)[0][0], '0', 'no audit event');
	assert.equal(sql(`SELECT COUNT(*) FROM api_idempotency
		WHERE idem_key = '${idem}'`)[0][0], '0', 'no idempotency record');

	// The supervisor replaced the worker.
	const replaced = await until(() => {
		const now = workers(PROG);
		return now.length === before.length && !now.includes(victim);
	});
	assert.ok(replaced, 'the killed worker was replaced');
	assert.equal(alive(victim), false);

	// The client retries with the same key: one booking.
	const retry = await book();
	assert.equal(retry.status, 201, retry.text);
	const again = await book();
	assert.equal(again.status, 201);
	assert.equal(again.headers.get('idempotent-replayed'), 'true');
	assert.equal(JSON.parse(again.text).reference, JSON.parse(retry.text).reference);
	assert.equal(sql(`SELECT COUNT(*) FROM appointment
		WHERE family_name = '${name}'`)[0][0], '1');
	assert.equal(sql(`SELECT COALESCE(SUM(booked), 0) FROM slot_quota
		WHERE site_id = ${fx.siteId}`)[0][0], '1');
});

// The files under the document store (Paths.Files), as relative paths.
function storeFiles() {
	const out = [];
	const walk = (dir, rel) => {
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			if (e.isDirectory())
				walk(join(dir, e.name), `${rel}${e.name}/`);
			else
				out.push(`${rel}${e.name}`);
		}
	};
	walk(FILES, '');
	return out;
}

test('a worker killed while recording an upload: 502, no row; files sweep removes the orphan file', async () => {
	const agent = makeAgent('wkphoto', ['registrar']);
	const { jar } = await login(agent.username, agent.password);
	const csrf = csrfOf((await get(INTRANET, '/identity', { jar })).text);
	const s = { jar, csrf };
	const name = uniqueName('Wkp').replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
	const id = await createPerson(s, { family_name: name });
	const upload = () => {
		const fd = new FormData();
		fd.set('csrf', csrf);
		fd.set('photo', new Blob([PNG], { type: 'image/png' }), 'me.png');
		return request(INTRANET, `/identity/persons/${id}/photo`, {
			method: 'POST', jar, body: fd, timeout: 60000,
			headers: { Origin: INTRANET } });
	};
	const filesBefore = new Set(storeFiles());
	const rowsBefore = sql('SELECT COUNT(*) FROM stored_file')[0][0];
	const lock = dbSession();
	let answer;
	try {
		await lock.send('BEGIN; SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE;');
		const pending = upload();
		const waiting = await until(() => atAuditStep() &&
			dirty(`SELECT COUNT(*) FROM person_photo WHERE person_id = ${id}`) === '1');
		assert.ok(waiting, 'the upload did not reach the audit step');
		const busy = busyWorkers('havre-identity');
		assert.equal(busy.length, 1, `one busy worker (${busy})`);
		process.kill(busy[0], 'SIGKILL');
		answer = await pending;
	} finally {
		await lock.close();
	}
	assert.equal(answer.status, 502);
	assert.equal(sql('SELECT COUNT(*) FROM stored_file')[0][0], rowsBefore,
		'no row for the file');
	assert.equal(sql(`SELECT COUNT(*) FROM person_photo
		WHERE person_id = ${id}`)[0][0], '0', 'no photo recorded');
	// The file was written before the transaction that died: it stays,
	// without a row. verify names it (without failing: nothing is
	// lost); sweep removes it once old enough (an hour by default, so
	// that an upload still in its transaction keeps its file).
	const left = storeFiles().filter((f) => !filesBefore.has(f));
	assert.equal(left.length, 1, `the dead upload's file: ${left}`);
	const orphan = left[0].split('/')[1];
	let r = admin(['files', 'verify']);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stderr, new RegExp(`^orphan: ${orphan} \\(no row\\)$`, 'm'));
	assert.match(r.stdout, /; [1-9]\d* orphans, \d+ temporaries/);
	r = admin(['files', 'sweep']);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^files swept: \d+ removed, [1-9]\d* too recent \(younger than 3600 s\)$/m);
	assert.deepEqual(storeFiles().filter((f) => !filesBefore.has(f)), left,
		'a recent orphan is kept');
	r = admin(['files', 'sweep', '--min-age', '0']);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^files swept: [1-9]\d* removed, 0 too recent/m);
	assert.match(r.stderr, new RegExp(`^removed orphan: ${orphan}$`, 'm'));
	assert.deepEqual(storeFiles().filter((f) => !filesBefore.has(f)), [],
		'the orphan is gone');
	r = admin(['files', 'verify']);
	assert.equal(r.status, 0, r.stderr);
	assert.doesNotMatch(r.stdout, /orphans/);
	// The agent sends it again: stored once.
	const retry = await upload();
	assert.equal(retry.status, 303, retry.text.slice(0, 300));
	assert.equal(storeFiles().filter((f) => !filesBefore.has(f)).length, 1);
});

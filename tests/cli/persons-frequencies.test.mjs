// persons-frequencies.test.mjs: `havre-admin persons frequencies` (issue
// 16 and 14, speed at 1,000,000 persons) against a running stack. The
// register's common blocking keys are counted into person_key_freq,
// which every search reads (one statement for a query's keys) instead
// of counting each name per worker; a key it does not list is counted
// live. A register built here holds one family name carried by 30
// persons: import-persons fills the table at its end; a refresh with
// --min 2 lists exactly the keys carried by more than 2 persons, each
// with its live count; the search scores the same from the table as
// from live counting; a count changed in the table changes the score
// (the search reads it); the default refresh removes the keys that are
// rarer than its threshold and is audited by counts only.
//
//   HAVRE_ADMIN=build/havre-admin HAVRE_CONFIG=var/dev/havre.hdf \
//   HAVRE_INTRANET=http://127.0.0.1:8080 \
//     node --test --test-reporter=tap tests/cli/persons-frequencies.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { INTRANET, admin, get, sql } from '../http/lib.mjs';

const skip = !process.env.HAVRE_ADMIN || !process.env.HAVRE_CONFIG ?
	'HAVRE_ADMIN and HAVRE_CONFIG not set' : false;
const source = `freq${process.pid}${Date.now().toString(36)}`;
const HEADER = 'source,source_id,family_name,given_names,sex,birth_date,' +
	'birth_place,nationality,father_name,mother_name,document_type,' +
	'document_number,phone';
// A family name of this run only: consonants drawn at random, so its
// key (its consonant skeleton) is carried by this run's persons alone.
const cons = 'bdfgklmnprstvz';
const family = 'Q' + Array.from({ length: 7 }, (_, i) =>
	cons[randomInt(cons.length)] + 'aeiou'[i % 5]).join('');
const GIVEN = ['Omar', 'Ali', 'Hassan', 'Layla', 'Yusuf', 'Samir', 'Rania',
	'Karim', 'Huda', 'Tariq'];

// The search's answer for the target: each candidate of this run by
// source_id, with its score, class and the weights of its reasons.
async function scores(key) {
	const r = await get(INTRANET, '/identity/search?' + new URLSearchParams({
		family_name: family, given_names: 'Nadia', birth_date: '1990-03-04' }),
	{ headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' } });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	const out = {};
	for (const c of JSON.parse(r.text).candidates)
		if (c.source === source)
			out[c.source_id] = [c.score, c.class,
				c.reasons.map((x) => `${x.field}:${x.weight}`).join(' ')];
	return out;
}

// Every key carried by more than min persons, with its live count.
const liveCommon = (min) => sql(`SELECT \`key\`, COUNT(*) FROM person_name_key ` +
	`GROUP BY \`key\` HAVING COUNT(*) > ${min} ORDER BY \`key\``);
const table = () => sql('SELECT `key`, persons FROM person_key_freq ORDER BY `key`');

test('persons frequencies: the common keys counted once, read by the search, the same scores as live counting', { skip }, async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-freq-'));
	const file = path.join(dir, 'register.csv');
	const rows = [HEADER, `${source},target,${family},Nadia,F,1990-03-04,,IRQ,,,,,`];
	for (let i = 1; i < 30; i++)
		rows.push(`${source},${i},${family},${GIVEN[i % GIVEN.length]},` +
			`${i % 2 ? 'M' : 'F'},19${50 + i}-0${1 + (i % 9)}-1${i % 10},,IRQ,,,,,`);
	fs.writeFileSync(file, rows.join('\n') + '\n');
	const imp = admin(['import-persons', file, '--no-duplicate-pass']);
	assert.equal(imp.status, 0, imp.stderr);
	assert.match(imp.stdout, /persons frequencies: \d+ keys carried by more than 200 persons/,
		'import-persons counts the common keys at its end');
	const add = admin(['apikey', 'add', '--name', `${source}key`, '--role', 'registrar']);
	assert.equal(add.status, 0, add.stderr);
	const key = add.stdout.trim();
	// The family name's key, carried by our 30 persons.
	const famKey = sql(`SELECT k.\`key\` FROM person_name_key k JOIN person p ON p.id = k.person_id ` +
		`WHERE p.source = '${source}' AND k.\`key\` LIKE 's:%' GROUP BY k.\`key\` ` +
		`HAVING COUNT(*) = 30`);
	assert.equal(famKey.length, 1, JSON.stringify(famKey));
	const fk = famKey[0][0];
	let live = null;

	try {
		// Live counting: the table lists none of our keys (threshold 200).
		assert.equal(sql(`SELECT COUNT(*) FROM person_key_freq WHERE \`key\` = '${fk}'`)[0][0], '0');
		live = await scores(key);
		assert.equal(Object.keys(live).length >= 2, true, JSON.stringify(live));
		assert.ok(['probable', 'certain'].includes(live.target?.[1]), JSON.stringify(live.target));

		// The table with a low threshold: exactly the keys carried by
		// more than 2 persons, each with its live count.
		const r = admin(['persons', 'frequencies', '--min', '2']);
		assert.equal(r.status, 0, r.stderr);
		const m = /persons frequencies: (\d+) keys carried by more than 2 persons \(of (\d+) active\)/.exec(r.stdout);
		assert.ok(m, r.stdout);
		const want = liveCommon(2);
		assert.deepEqual(table(), want, 'the table is the live counts of the common keys');
		assert.equal(Number(m[1]), want.length);
		assert.ok(want.some(([k, n]) => k === fk && n === '30'), 'our family name is listed, 30');
		const run = sql('SELECT min_count, persons, keys_listed, refreshed_at IS NOT NULL FROM person_key_freq_run WHERE id = 1')[0];
		assert.deepEqual(run, ['2', m[2], m[1], '1']);

		// The search reads the table: the same scores as live counting.
		assert.deepEqual(await scores(key), live, 'the table gives the live scores');

		// ... and it is the table it reads: a count changed there moves
		// the family name's weight (a rarer name weighs more).
		sql(`UPDATE person_key_freq SET persons = 1 WHERE \`key\` = '${fk}'`);
		const tampered = await scores(key);
		assert.notDeepEqual(tampered.target, live.target, 'the table\'s count is used');
		const famWeight = (s) => Number(/family_name:(-?[\d.]+)/.exec(s[2])[1]);
		assert.ok(famWeight(tampered.target) > famWeight(live.target),
			`${tampered.target[2]} vs ${live.target[2]}`);
	} finally {
		// The default threshold again: keys rarer than it removed (the
		// other tests' registers are counted live, as before).
		const seq = sql('SELECT COALESCE(MAX(seq), 0) FROM audit_event')[0][0];
		const r = admin(['persons', 'frequencies']);
		assert.equal(r.status, 0, r.stderr);
		const m = /persons frequencies: (\d+) keys carried by more than 200 persons \(of \d+ active\), (\d+) rarer ones removed/.exec(r.stdout);
		assert.ok(m, r.stdout);
		assert.ok(Number(m[2]) >= 1, 'our family name left the table');
		assert.deepEqual(table(), liveCommon(200));
		const ev = sql(`SELECT action, changes FROM audit_event WHERE seq > ${seq} ` +
			`AND entity = 'person_key_freq'`);
		assert.equal(ev.length, 1, JSON.stringify(ev));
		assert.equal(ev[0][0], 'refresh');
		assert.match(ev[0][1], /keys_listed/);
		assert.doesNotMatch(ev[0][1], new RegExp(family, 'i'), 'no names in the trail');
		if (live !== null)
			assert.deepEqual(await scores(key), live, 'counted live again');
		assert.equal(admin(['apikey', 'revoke', '--name', `${source}key`]).status, 0);
	}
});

test('persons frequencies: bad options are a usage error', { skip }, () => {
	assert.equal(admin(['persons', 'frequencies', '--min', '0']).status, 2);
	assert.equal(admin(['persons', 'frequencies', '--min', 'x']).status, 2);
	assert.equal(admin(['persons', 'frequencies', 'extra']).status, 2);
});

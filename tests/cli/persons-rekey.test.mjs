// persons-rekey.test.mjs: `havre-admin persons rekey` (issue 14) against
// a running stack. An Afghan register holds the same tribal and given
// names written in Pashto (ځدراڼ / ګل), in Dari (زدران / گل) and in Latin
// (Zadran / Gul); once the matcher folds Pashto's own letters, the
// search typed in Latin finds all three. A Pashto record whose keys were
// written before that (here: keys and Latin forms as an older matcher
// left them, removed) is not found; the rekey brings it back with the
// very keys an import writes today, in bounded batches, each batch that
// changed something audited by its counts; a second run rewrites
// nothing.
//
//   HAVRE_ADMIN=build/havre-admin HAVRE_CONFIG=var/dev/havre.hdf \
//   HAVRE_INTRANET=http://127.0.0.1:8080 \
//     node --test --test-reporter=tap tests/cli/persons-rekey.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { INTRANET, admin, get, sql } from '../http/lib.mjs';

const skip = !process.env.HAVRE_ADMIN || !process.env.HAVRE_CONFIG ?
	'HAVRE_ADMIN and HAVRE_CONFIG not set' : false;
const source = `rekey${process.pid}${Date.now().toString(36)}`;
const HEADER = 'source,source_id,family_name,given_names,sex,birth_date,' +
	'birth_place,nationality,father_name,mother_name,document_type,' +
	'document_number,phone';
// A birth date of this run: the search's date keys find only its records.
const date = `19${randomInt(40, 99)}-0${randomInt(2, 9)}-1${randomInt(0, 9)}`;

const idOf = (sid) => sql(`SELECT id FROM person WHERE source = '${source}' ` +
	`AND source_id = '${sid}'`)[0][0];
const keysOf = (id) => sql(`SELECT \`key\` FROM person_name_key WHERE ` +
	`person_id = ${id} ORDER BY \`key\``).map((r) => r[0]);
const latinOf = (id) => sql(`SELECT family_name_latin, given_names_latin ` +
	`FROM person WHERE id = ${id}`)[0];

// The source_ids of this run's records among a Latin search's answers.
async function found(key) {
	const r = await get(INTRANET, '/identity/search?' + new URLSearchParams({
		family_name: 'Zadran', given_names: 'Gul', birth_date: date }),
	{ headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' } });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	return JSON.parse(r.text).candidates.filter((c) => c.source === source)
		.map((c) => c.source_id).sort();
}

test('persons rekey: Pashto records keyed by the matcher of today, batched, audited', { skip }, async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-rekey-'));
	const file = path.join(dir, 'afghan.csv');
	fs.writeFileSync(file, [HEADER,
		`${source},1,ځدراڼ,ګل,M,${date},,AFG,,,,,`,
		`${source},2,زدران,گل,M,${date},,AFG,,,,,`,
		`${source},3,Zadran,Gul,M,${date},,AFG,,,,,`, ''].join('\n'));
	const imp = admin(['import-persons', file]);
	assert.equal(imp.status, 0, imp.stderr);
	const add = admin(['apikey', 'add', '--name', `${source}key`, '--role',
		'registrar']);
	assert.equal(add.status, 0, add.stderr);
	const key = add.stdout.trim();

	const pashto = idOf('1');
	// ګ and ځ ڼ read as their Dari letters: the three records share keys.
	assert.deepEqual(await found(key), ['1', '2', '3'],
		'Zadran / Gul finds the Pashto, Dari and Latin records');
	const keys = keysOf(pashto);
	assert.deepEqual(keys, keysOf(idOf('2')),
		'the Pashto record has the keys of its Dari spelling');
	assert.deepEqual(latinOf(pashto), latinOf(idOf('2')));

	// As an older matcher left it: Pashto letters dropped from its keys
	// and Latin forms (ګل read "l").
	sql(`DELETE FROM person_name_key WHERE person_id = ${pashto}`);
	sql(`INSERT INTO person_name_key (\`key\`, person_id) VALUES ` +
		`('s:l', ${pashto}), ('s:tr', ${pashto}), ('n:l|tr', ${pashto})`);
	sql(`UPDATE person SET family_name_latin = 'dra', given_names_latin = 'l' ` +
		`WHERE id = ${pashto}`);
	assert.deepEqual(await found(key), ['2', '3'],
		'with its old keys the Pashto record is not found');

	// The rekey from just before this run's records, two a batch.
	const from = String(Number(pashto) - 1);
	const seqBefore = sql('SELECT COALESCE(MAX(seq), 0) FROM audit_event')[0][0];
	const r = admin(['persons', 'rekey', '--batch', '2', '--from', from]);
	assert.equal(r.status, 0, r.stderr);
	const m = /persons rekey: (\d+) examined, keys rewritten for (\d+), Latin forms for (\d+); done through id (\d+)/
		.exec(r.stdout);
	assert.ok(m, r.stdout);
	assert.ok(Number(m[1]) >= 3, 'our three records examined');
	assert.equal(m[2], '1', 'only the Pashto record had other keys');
	assert.equal(m[3], '1', 'and other Latin forms');
	assert.deepEqual(keysOf(pashto), keys, 'the keys an import writes today');
	assert.deepEqual(latinOf(pashto), latinOf(idOf('2')));
	assert.deepEqual(await found(key), ['1', '2', '3'], 'found again');

	// One audit event, for the batch that changed something: counts only.
	const ev = sql(`SELECT entity, entity_id, action, changes FROM audit_event ` +
		`WHERE seq > ${seqBefore} AND entity = 'person_keys' ORDER BY seq`);
	assert.equal(ev.length, 1, JSON.stringify(ev));
	assert.equal(ev[0][2], 'rekey');
	assert.match(ev[0][1], new RegExp(`^\\d+-\\d+$`));
	const [lo, hi] = ev[0][1].split('-').map(Number);
	assert.ok(lo <= Number(pashto) && Number(pashto) <= hi, ev[0][1]);
	assert.match(ev[0][3], /keys_rewritten/);
	assert.doesNotMatch(ev[0][3], /ځدراڼ|Zadran|زدران/, 'no names in the trail');

	// Run again (as after an interruption): nothing left to rewrite.
	const again = admin(['persons', 'rekey', '--from', from, '--non-ascii']);
	assert.equal(again.status, 0, again.stderr);
	assert.match(again.stdout, /keys rewritten for 0, Latin forms for 0/);

	// Bad options are a usage error.
	assert.equal(admin(['persons', 'rekey', '--batch', '0']).status, 2);
	assert.equal(admin(['persons', 'rekey', '--from', 'x']).status, 2);
	assert.equal(admin(['apikey', 'revoke', '--name', `${source}key`]).status, 0);
});

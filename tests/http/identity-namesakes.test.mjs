// tests/http/identity-namesakes.test.mjs: namesakes in the search (issue
// 14). Registers of very common names hold several persons with the same
// names and close birth dates, whom the score cannot tell apart (the
// same total, or all held to "possible"); the record whose birth date
// agrees more closely with what was typed comes first: the same date as
// written (a 1 January placeholder too, which the score reads as a year
// only), then the same month, then the same year. The records are
// imported so that the one expected first has the highest id: ranked by
// id, it would come last.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INTRANET, admin, get, uniqueName } from './lib.mjs';

// Given names of this run (letters only), one per group of namesakes:
// each search sees only its group's records.
const letters = (s) => s.replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
const tagY = letters(uniqueName('Zy'));
const tagM = letters(uniqueName('Zm'));
const source = `names${process.pid}${Date.now().toString(36)}`;
const HEADER = 'source,source_id,family_name,given_names,sex,birth_date,' +
	'birth_place,nationality,father_name,mother_name,document_type,' +
	'document_number,phone';
let key;

before(() => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-namesakes-'));
	const file = path.join(dir, 'namesakes.csv');
	// Afghan records: a 1 January placeholder (the desk's "year only")
	// among namesakes born the same year; then Somali namesakes born in
	// March and September 1975.
	fs.writeFileSync(file, [HEADER,
		`${source},y1,Ahmadzai,Gul ${tagY},M,1988-07-03,,AFG,,,,,`,
		`${source},y2,Ahmadzai,Gul ${tagY},M,1988,,AFG,,,,,`,
		`${source},y3,Ahmadzai,Gul ${tagY},M,1988-01-01,,AFG,,,,,`,
		`${source},m1,Warsame,Hodan ${tagM},F,1975-09-14,,SOM,,,,,`,
		`${source},m2,Warsame,Hodan ${tagM},F,1975-03-02,,SOM,,,,,`,
		''].join('\n'));
	const r = admin(['import-persons', file]);
	assert.equal(r.status, 0, r.stderr);
	const add = admin(['apikey', 'add', '--name', `${source}key`, '--role',
		'registrar']);
	assert.equal(add.status, 0, add.stderr);
	key = add.stdout.trim();
});

// This run's records in the order of a search's answer, with their scores.
async function order(params) {
	const r = await get(INTRANET, '/identity/search?' + new URLSearchParams(params),
		{ headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' } });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	return JSON.parse(r.text).candidates.filter((c) => c.source === source)
		.map((c) => ({ id: c.source_id, score: c.score, class: c.class }));
}

test('namesakes: the 1 January typed finds its record first, not a namesake born that year', async () => {
	const got = await order({ family_name: 'Ahmadzai', given_names: `Gul ${tagY}`,
		birth_date: '1988-01-01' });
	assert.deepEqual(got.map((c) => c.id).sort(), ['y1', 'y2', 'y3']);
	// the score alone cannot tell them apart (all read as "1988")
	assert.equal(new Set(got.map((c) => c.score)).size, 1, JSON.stringify(got));
	assert.equal(got[0].id, 'y3', JSON.stringify(got));
});

test('namesakes: a year typed alone finds the record holding just that year first', async () => {
	const got = await order({ family_name: 'Ahmadzai', given_names: `Gul ${tagY}`,
		birth_date: '1988' });
	assert.deepEqual(got.map((c) => c.id).sort(), ['y1', 'y2', 'y3']);
	assert.equal(new Set(got.map((c) => c.score)).size, 1, JSON.stringify(got));
	// y1 (1988-07-03) was imported first: by id alone it would lead
	assert.equal(got[0].id, 'y2', JSON.stringify(got));
});

test('namesakes: the same month before the same year, the same date before both', async () => {
	let got = await order({ family_name: 'Warsame', given_names: `Hodan ${tagM}`,
		birth_date: '1975-03-14' });
	assert.deepEqual(got.map((c) => c.id), ['m2', 'm1'], JSON.stringify(got));
	assert.equal(got[0].score, got[1].score, 'a tie the score leaves');
	// typed exactly: that record first whatever its id
	got = await order({ family_name: 'Warsame', given_names: `Hodan ${tagM}`,
		birth_date: '1975-09-14' });
	assert.equal(got[0].id, 'm1', JSON.stringify(got));
	assert.ok(got[0].score > got[1].score);
	assert.equal(admin(['apikey', 'revoke', '--name', `${source}key`]).status, 0);
});

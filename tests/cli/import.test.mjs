// import.test.mjs: `havre-admin import-persons` against a real, migrated
// MariaDB: a small CSV with bad rows reported by line (the rest
// imported, nothing of a bad row saved), a re-import that updates
// instead of duplicating, the header check, --duplicates, and
// --no-duplicate-pass (the same stored keys, no pairs).
//
//   HAVRE_ADMIN=build/havre-admin HAVRE_CONFIG=var/dev/havre.hdf \
//     node --test --test-reporter=tap tests/cli/import.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { admin, sql } from '../http/lib.mjs';

const skip = !process.env.HAVRE_ADMIN || !process.env.HAVRE_CONFIG ?
	'HAVRE_ADMIN and HAVRE_CONFIG not set' : false;
const source = `imptest${process.pid}${Date.now().toString(36)}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-import-'));
const HEADER = 'source,source_id,family_name,given_names,sex,birth_date,' +
	'birth_place,nationality,father_name,mother_name,document_type,' +
	'document_number,phone';

// Write lines (strings or Buffers) as a CSV file; returns its path.
function csv(name, lines) {
	const file = path.join(dir, name);
	fs.writeFileSync(file, Buffer.concat(lines.map((l) =>
		Buffer.concat([Buffer.isBuffer(l) ? l : Buffer.from(l), Buffer.from('\n')]))));
	return file;
}

const rows = (where = '') => sql(`SELECT source_id, family_name, ` +
	`given_names, birth_year, birth_month, birth_day, birth_precision, ` +
	`COALESCE(nationality, ''), version FROM person WHERE source = '${source}' ` +
	`${where} ORDER BY CAST(source_id AS UNSIGNED)`);

test('import: good rows in, bad rows reported by line, re-import updates', { skip }, () => {
	const file = csv('first.csv', [
		HEADER,
		`${source},1,Haddad,Yusuf,M,1985-03-12,Beirut,LBN,Karim,Layla,passport,LB123456,+96170123456`,
		`${source},2,حداد,يوسف,M,1985-03-12,,LBN,,,,,`,
		`${source},3,Bad,Date,M,1990-02-30,,,,,,,`,
		`${source},4,Bad,Country,F,1990,,QQQ,,,,,`,
		Buffer.concat([Buffer.from(`${source},5,Bad`), Buffer.from([0xff]),
			Buffer.from(',Utf,F,,,,,,,,')]),
		`${source},6,"Quoted, Name","He said ""hi""",F,1991-00-00,,syr,,,,,`,
		`${source},7,Short`,
		`${source},8,Bad,Quote"here,M,,,,,,,,`,
		`${source},9,Malformed,Date,M,12/03/1985,,,,,,,`,
		`${source},10,Mohamed,Ali,M,1979,,,,,id_card,X-99 88,+33612345678`,
	]);
	const r = admin(['import-persons', file]);
	assert.equal(r.status, 1, 'some rows rejected: exit 1');
	assert.match(r.stdout, /imported 4 rows \(4 created, 0 updated\), 6 rejected/);
	const err = r.stderr;
	assert.match(err, /first\.csv:4: impossible birth_date "1990-02-30"/);
	assert.match(err, /first\.csv:5: unknown country code "QQQ"/);
	assert.match(err, /first\.csv:6: invalid UTF-8 in family_name/);
	assert.match(err, /first\.csv:8: expected 13 fields, found 3/);
	assert.match(err, /first\.csv:9: malformed CSV/);
	assert.match(err, /first\.csv:10: malformed birth_date/);
	const got = rows();
	assert.deepEqual(got.map((x) => x[0]), ['1', '2', '6', '10']);
	assert.deepEqual(got[2].slice(1, 8),
		['Quoted, Name', 'He said "hi"', '1991', '0', '0', 'year', 'SYR']);
	const doc = sql(`SELECT d.number_norm, d.doc_type FROM person_document d JOIN person p ON p.id = d.person_id WHERE p.source = '${source}' ORDER BY d.number_norm`);
	assert.deepEqual(doc, [['LB123456', 'passport'], ['X9988', 'id_card']]);
	const keys = sql(`SELECT COUNT(*) FROM person_name_key k JOIN person p ON p.id = k.person_id WHERE p.source = '${source}'`);
	assert.ok(Number(keys[0][0]) >= 8, 'keys written');
	const audit = sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'person_import' AND entity_id LIKE '${source}:%'`);
	assert.equal(audit[0][0], '1');

	// Re-import with a change: the same persons are updated, not added.
	const again = csv('second.csv', [
		HEADER,
		`${source},1,Haddad,Youssef,M,1985-03-12,Beirut,LBN,Karim,Layla,passport,LB123456,+96170123456`,
		`${source},2,حداد,يوسف,M,1985-03-12,,LBN,,,,,`,
	]);
	const r2 = admin(['import-persons', again]);
	assert.equal(r2.status, 0, r2.stderr);
	assert.match(r2.stdout, /imported 2 rows \(0 created, 2 updated\), 0 rejected/);
	const after = rows();
	assert.equal(after.length, 4);
	assert.equal(after[0][2], 'Youssef');
	assert.equal(after[0][8], '2', 'version moved on');
	const docs = sql(`SELECT COUNT(*) FROM person_document d JOIN person p ON p.id = d.person_id WHERE p.source = '${source}'`);
	assert.equal(docs[0][0], '2', 'no duplicate document');
});

test('import: the header must be exact', { skip }, () => {
	const file = csv('header.csv', [
		'source,source_id,family_name,given_names',
		`${source},99,X,Y`,
	]);
	const r = admin(['import-persons', file]);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /header must be exactly: source,source_id,family_name/);
	assert.equal(rows("AND source_id = '99'").length, 0);
	assert.equal(admin(['import-persons']).status, 2, 'usage');
});

test('import --duplicates: pairs probable or above, in the file and against the register', { skip }, () => {
	const dup = path.join(dir, 'dups.csv');
	const file = csv('dups-in.csv', [
		HEADER,
		// Against the register: the Haddad of the first test, in Arabic.
		`${source}d,1,حداد,يوسف,M,1985-03-12,,LBN,,,,,`,
		// Within the file: the same person twice, spelled differently.
		`${source}d,2,Abdelrahman,Omar,M,1992-07-04,,SDN,,,,,`,
		`${source}d,3,Abd al-Rahman,Omar,M,1992-04-07,,SDN,,,,,`,
		// Nobody like him.
		`${source}d,4,Kowalczyk,Zbigniew,M,1950-01-01,,POL,,,,,`,
	]);
	const r = admin(['import-persons', file, '--duplicates', dup]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /possible duplicate pairs written/);
	const lines = fs.readFileSync(dup, 'utf8').trim().split('\n');
	assert.equal(lines[0], 'person_id_a,source_a,source_id_a,person_id_b,' +
		'source_b,source_id_b,score,class,group,reasons');
	const pairs = lines.slice(1).map((l) => l.split(','));
	const has = (sa, ia, sb, ib) => pairs.some((p) =>
		(p[1] === sa && p[2] === ia && p[4] === sb && p[5] === ib) ||
		(p[1] === sb && p[2] === ib && p[4] === sa && p[5] === ia));
	assert.ok(has(`${source}d`, '2', `${source}d`, '3'), `in file: ${lines.join('\n')}`);
	assert.ok(has(source, '1', `${source}d`, '1'), `against register: ${lines.join('\n')}`);
	// (with this run's persons: an earlier run's Kowalczyk is him)
	const ours = (s) => s === source || s === `${source}d`;
	assert.ok(!pairs.some((p) => (p[1] === `${source}d` && p[2] === '4' && ours(p[4])) ||
		(p[4] === `${source}d` && p[5] === '4' && ours(p[1]))), 'no false pair');
	for (const p of pairs) {
		assert.ok(Number(p[6]) > 0 && Number(p[6]) <= 1);
		// two records: the pair itself scores probable or above
		if (!/group:/.test(p[9]))
			assert.match(p[7], /^(probable|certain)$/);
		assert.ok(Number(p[8]) > 0 && Number(p[8]) <= Math.min(Number(p[0]), Number(p[3])),
			'a group is named by its smallest person id');
	}
	// The import cannot ask: every pair is pending in the review queue.
	assert.match(r.stdout, /possible duplicate pairs pending in the review queue/);
	for (const p of pairs) {
		const [a, b] = [Number(p[0]), Number(p[3])].sort((x, y) => x - y);
		const q = sql(`SELECT status, origin FROM duplicate_pair WHERE person_a = ${a} AND person_b = ${b}`);
		assert.deepEqual(q[0], ['pending', 'import'], `pair ${a}/${b}`);
	}
	// A pair an agent decided "not the same person" stays decided on a
	// re-import that changes nothing identifying; it comes back pending
	// when an identifying field changed.
	const [a, b] = [Number(pairs[0][0]), Number(pairs[0][3])].sort((x, y) => x - y);
	const fp = (id) => `(SELECT CONVERT(MD5(CONCAT_WS(0x1f, fp.family_name, fp.given_names, COALESCE(fp.sex, ''), fp.birth_year, fp.birth_month, fp.birth_day, fp.birth_precision, COALESCE(fp.nationality, ''), fp.father_name, fp.mother_name, COALESCE((SELECT GROUP_CONCAT(fd.number_norm ORDER BY fd.number_norm SEPARATOR ' ') FROM person_document fd WHERE fd.person_id = fp.id), ''))) USING ascii) FROM person fp WHERE fp.id = ${id})`;
	sql(`UPDATE duplicate_pair SET status = 'distinct', reason = 'test', fingerprint_a = ${fp(a)}, fingerprint_b = ${fp(b)} WHERE person_a = ${a} AND person_b = ${b}`);
	assert.equal(admin(['import-persons', file]).status, 0);
	assert.equal(sql(`SELECT status FROM duplicate_pair WHERE person_a = ${a} AND person_b = ${b}`)[0][0], 'distinct');
	sql(`UPDATE duplicate_pair SET fingerprint_a = 'changed' WHERE person_a = ${a} AND person_b = ${b}`);
	assert.equal(admin(['import-persons', file]).status, 0);
	assert.equal(sql(`SELECT status FROM duplicate_pair WHERE person_a = ${a} AND person_b = ${b}`)[0][0], 'pending');
});

test('import --duplicates: records of one person found through each other', { skip }, () => {
	// splink's cluster 6: Max Henderson five times, names swapped or
	// missing, a date moved. "Henderson, 1972-05-12" and "Max,
	// 1972-06-10" share no name: alone they score low, through the
	// other three they are one person.
	const dup = path.join(dir, 'group.csv');
	const g = `${source}g`;
	const file = csv('group-in.csv', [
		HEADER,
		`${g},1,Max,Henderson,,1972-06-10,Warrington,,,,,,`,
		`${g},2,Henderson,,,1972-05-12,Warrington,,,,,,`,
		`${g},3,Henderson,,,1972-06-10,Warrington,,,,,,`,
		`${g},4,Henderson,Max,,1972-06-10,,,,,,,`,
		`${g},5,,Max,,1972-06-10,Warrington,,,,,,`,
		`${g},6,Lindqvist,Astrid,F,1948-03-02,,SWE,,,,,`,
	]);
	const r = admin(['import-persons', file, '--duplicates', dup]);
	assert.equal(r.status, 0, r.stderr);
	const pairs = fs.readFileSync(dup, 'utf8').trim().split('\n').slice(1)
		.map((l) => l.split(',')).filter((p) => p[1] === g && p[4] === g);
	const ids = (p) => [p[2], p[5]].sort().join('-');
	assert.deepEqual(pairs.map(ids).sort(), ['1-2', '1-3', '1-4', '1-5', '2-3',
		'2-4', '2-5', '3-4', '3-5', '4-5'], 'every pair of the five, none with the sixth');
	assert.equal(new Set(pairs.map((p) => p[8])).size, 1, 'one group');
	const linked = pairs.find((p) => ids(p) === '2-5');
	assert.ok(Number(linked[6]) < 0.7, `alone the pair is not probable: ${linked.join(',')}`);
	// (5, or more when an earlier run left its five in the register)
	assert.ok(Number((/group:(\d+) records/.exec(linked[9]) || [])[1]) >= 5, linked[9]);
	const [a, b] = [Number(linked[0]), Number(linked[3])].sort((x, y) => x - y);
	assert.deepEqual(sql(`SELECT status, explanation LIKE '%group:% records%' FROM duplicate_pair WHERE person_a = ${a} AND person_b = ${b}`)[0],
		['pending', '1'], 'queued for review with the group in its explanation');
});

test('import --duplicates: a person named twice in one file is one person, never paired with itself', { skip }, () => {
	const dup = path.join(dir, 'twice.csv');
	const t = `${source}t`;
	const file = csv('twice-in.csv', [
		HEADER,
		`${t},1,Mengistu,Abebe,M,1979-05-06,,ETH,,,,,`,
		// the same record again, corrected: it updates the first
		`${t},1,Mengistu,Abebe,M,1979-06-05,,ETH,,,,,`,
		`${t},2,Mengistou,Abebe,M,1979-06-05,,ETH,,,,,`,
	]);
	const r = admin(['import-persons', file, '--duplicates', dup]);
	assert.equal(r.status, 0, r.stderr);
	const pairs = fs.readFileSync(dup, 'utf8').trim().split('\n').slice(1)
		.map((l) => l.split(',')).filter((p) => p[1] === t && p[4] === t);
	assert.ok(pairs.every((p) => p[0] !== p[3]), 'no person paired with itself');
	assert.deepEqual(pairs.map((p) => [p[2], p[5]].sort().join('-')), ['1-2'],
		pairs.join('\n'));
	assert.equal(sql(`SELECT birth_month FROM person WHERE source = '${t}' AND source_id = '1'`)[0][0], '6');
});

test('import --no-duplicate-pass: the same stored keys, nothing in the review queue', { skip }, () => {
	// The same two records of one person, imported with the pass under
	// one source and without it under another: the persons' blocking
	// keys, documents and phones are the same; only the pass's pairs
	// are missing.
	const lines = (s) => [
		HEADER,
		`${s},1,Abdelrahman,Omar,M,1992-07-04,Khartoum,SDN,Ali,Amna,passport,P0099887,+249912345678`,
		`${s},2,Abd al-Rahman,Omar,M,1992-04-07,,SDN,,,,,`,
	];
	const withPass = `${source}w`, without = `${source}n`;
	const r1 = admin(['import-persons', csv('with-pass.csv', lines(withPass))]);
	assert.equal(r1.status, 0, r1.stderr);
	assert.match(r1.stdout, /possible duplicate pairs pending in the review queue/);
	const r2 = admin(['import-persons', csv('no-pass.csv', lines(without)),
		'--no-duplicate-pass']);
	assert.equal(r2.status, 0, r2.stderr);
	assert.match(r2.stdout, /imported 2 rows \(2 created, 0 updated\), 0 rejected/);
	assert.match(r2.stdout, /no duplicate pass/);
	assert.doesNotMatch(r2.stdout, /pending in the review queue/);
	const stored = (s) => sql(`SELECT p.source_id, k.\`key\` FROM person_name_key k ` +
		`JOIN person p ON p.id = k.person_id WHERE p.source = '${s}' ` +
		`ORDER BY p.source_id, k.\`key\``).map((x) => x.join(' '));
	const keys = stored(without);
	assert.ok(keys.length >= 8, `keys written: ${keys.length}`);
	assert.deepEqual(keys, stored(withPass));
	const docs = (s) => sql(`SELECT p.source_id, d.number_norm, c.value FROM person p ` +
		`LEFT JOIN person_document d ON d.person_id = p.id LEFT JOIN person_contact c ` +
		`ON c.person_id = p.id WHERE p.source = '${s}' ORDER BY p.source_id`);
	assert.deepEqual(docs(without), docs(withPass));
	assert.equal(sql(`SELECT COUNT(*) FROM duplicate_pair q JOIN person p ` +
		`ON p.id IN (q.person_a, q.person_b) WHERE p.source = '${without}'`)[0][0], '0');
	assert.notEqual(sql(`SELECT COUNT(*) FROM duplicate_pair q JOIN person p ` +
		`ON p.id IN (q.person_a, q.person_b) WHERE p.source = '${withPass}'`)[0][0], '0');
	// The pass's file cannot be asked for without the pass.
	const r3 = admin(['import-persons', csv('no-pass2.csv', lines(without)),
		'--no-duplicate-pass', '--duplicates', path.join(dir, 'x.csv')]);
	assert.notEqual(r3.status, 0);
});

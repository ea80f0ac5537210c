// tests/cli/civil-issued-purge.test.mjs: the retention of issued
// documents' PDF copies (`havre-admin purge`, category issued_pdf) on the
// stack's database: a copy kept past its rule goes (its stored file's
// row, and the document's pdf_file with it) while the document's row
// (serial, signed payload, revocation) stays and its page still answers;
// a recent one stays; a person under a legal hold keeps theirs. The rule
// is the one migration 0060 seeds (365 days, erase).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	INTRANET, admin, createPerson, csrfOf, get, login, makeAgent, post, sql,
} from '../http/lib.mjs';

const skip = !process.env.HAVRE_ADMIN || !process.env.HAVRE_CONFIG ?
	'needs HAVRE_ADMIN and HAVRE_CONFIG' : false;
const officer = skip ? null : makeAgent('cipurge', ['civil_status_officer', 'registrar']);
const inDays = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
let s;
const holds = [];

before(async () => {
	if (skip)
		return;
	if (sql('SELECT COUNT(*) FROM signing_key WHERE retired_at IS NULL')[0][0] === '0')
		assert.equal(admin(['keys', 'new']).status, 0);
	assert.deepEqual(sql(`SELECT keep_days, action, enabled FROM retention_rule
		WHERE category = 'issued_pdf'`), [['365', 'erase', '1']], 'the seeded rule');
	const { jar } = await login(officer.username, officer.password);
	s = { jar, csrf: csrfOf((await get(INTRANET, '/identity', { jar })).text) };
});

after(() => {
	if (skip)
		return;
	for (const id of holds)
		admin(['hold', 'release', '--id', id, '--reason', 'test over']);
});

// Issue an attestation for a new person; returns {person, doc}.
async function attestation(name) {
	const person = await createPerson(s, { family_name: `${name}${process.pid}`.replace(/[0-9]/g, (d) => 'abcdefghij'[d]),
		given_names: 'Retention', sex: 'F', birth_date: '1980-01-01' });
	const path = `/civil/persons/${person}/documents`;
	const page = await get(INTRANET, path, { jar: s.jar });
	const key = /name="key" value="([0-9a-f]{32})"/.exec(page.text)[1];
	const r = await post(INTRANET, path, { csrf: s.csrf, key, type: 'AP', lang: 'fr', valid_until: inDays(30) },
		{ jar: s.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303);
	return { person, doc: /(\d+)$/.exec(r.headers.get('location'))[1] };
}

// Make document id look issued years ago, valid until days ago.
function age(id, validDaysAgo) {
	sql(`UPDATE issued_document SET issued_at = UTC_TIMESTAMP(6) - INTERVAL ${validDaysAgo + 200} DAY,
		valid_until = UTC_DATE() - INTERVAL ${validDaysAgo} DAY WHERE id = ${id}`);
}

const fileOf = (id) => sql(`SELECT COALESCE(pdf_file, '-') FROM issued_document WHERE id = ${id}`)[0][0];

test('the PDF of a document past its retention goes, its row stays; a recent one and a held one stay', { skip }, async () => {
	const old = await attestation('Cpold');
	const recent = await attestation('Cprecent');
	const held = await attestation('Cpheld');
	age(old.doc, 400);
	age(recent.doc, 100);
	age(held.doc, 400);
	const h = admin(['hold', 'add', '--person', held.person, '--kind', 'appeal', '--reason', 'appeal pending']);
	assert.equal(h.status, 0, h.stderr);
	holds.push(sql(`SELECT MAX(id) FROM legal_hold WHERE entity = 'person' AND entity_id = ${held.person}`)[0][0]);
	const oldFile = fileOf(old.doc);
	assert.notEqual(oldFile, '-');

	const dry = admin(['purge', '--dry-run', '--category', 'issued_pdf']);
	assert.equal(dry.status, 0, dry.stderr);
	const m = /^issued_pdf\s+would erase (\d+), (\d+) held$/m.exec(dry.stdout);
	assert.ok(m, dry.stdout);
	assert.ok(Number(m[1]) >= 1 && Number(m[2]) >= 1, dry.stdout);
	assert.equal(fileOf(old.doc), oldFile, 'a dry run changes nothing');

	const r = admin(['purge', '--category', 'issued_pdf']);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^issued_pdf\s+erase: [1-9]\d*$/m);
	assert.equal(fileOf(old.doc), '-', 'the old copy\'s PDF is gone');
	assert.equal(sql(`SELECT COUNT(*) FROM stored_file WHERE id = '${oldFile}'`)[0][0], '0');
	assert.notEqual(fileOf(recent.doc), '-', 'a copy within its retention stays');
	assert.notEqual(fileOf(held.doc), '-', 'a person under a legal hold keeps theirs');
	const row = sql(`SELECT serial, payload, doc_type FROM issued_document WHERE id = ${old.doc}`)[0];
	assert.match(row[1], /^HV1\|/, 'the signed payload stays for verification');
	assert.ok(Number(sql("SELECT COUNT(*) FROM audit_event WHERE entity = 'retention' AND entity_id = 'issued_pdf' AND action = 'purge'")[0][0]) >= 1);

	// The agents' pages: the document still there, its PDF gone (404).
	const page = await get(INTRANET, `/civil/documents/${old.doc}`, { jar: s.jar });
	assert.equal(page.status, 200);
	assert.ok(page.text.includes(row[0]));
	assert.ok(!page.text.includes('id="doc-pdf"'), 'no download offered');
	assert.equal((await get(INTRANET, `/civil/documents/${old.doc}/pdf`, { jar: s.jar })).status, 404);
	assert.equal((await get(INTRANET, `/civil/documents/${recent.doc}/pdf`, { jar: s.jar })).status, 200);
	// Run again: nothing more is due.
	const again = admin(['purge', '--category', 'issued_pdf']);
	assert.match(again.stdout, /^issued_pdf\s+erase: 0$/m);
});

// tests/http/civil-issue.test.mjs: documents issued by havre-civil
// through nginx (issue 17, item 4): a birth act from two sources that
// disagree, through the four-eyes verification, to a full copy in Arabic
// and French and an extract in French (the chosen values and the reasons
// for them read back from the PDF with pdftotext; the QR payload's
// Ed25519 signature checked with node's crypto against the key on
// record); attestations with their validity date; a form sent twice
// issuing one document (one after the other and at the same time);
// revocation with its reason after a confirmation page, and re-issue
// (a new serial, the old one revoked with replaced_by set), audited;
// no signing key in force: a clear message, nothing issued, no 5xx.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import {
	CookieJar, INTRANET, PUBLIC, admin, createPerson, csrfOf, get, login,
	makeAgent, post, request, sql, uniqueName, waitFor,
} from './lib.mjs';
import { received } from './sms-fixture.mjs';

const officer = makeAgent('ciofficer', ['civil_status_officer']);
const verifier = makeAgent('civerify', ['civil_status_officer']);
const registrar = makeAgent('cireg', ['registrar']);
const tag = uniqueName('Ci').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);

// A key in force for this file: the newest valid key signs.
function newKey() {
	const r = admin(['keys', 'new']);
	assert.equal(r.status, 0, r.stderr);
	return sql('SELECT id FROM signing_key WHERE retired_at IS NULL ORDER BY valid_from DESC, id DESC LIMIT 1')[0][0];
}
let keyId = newKey();
after(() => {
	// leave a key in force whatever happened (the no-key test retires)
	if (sql('SELECT COUNT(*) FROM signing_key WHERE retired_at IS NULL')[0][0] === '0')
		newKey();
});

async function session(agent, path = '/civil') {
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, path, { jar });
	assert.equal(page.status, 200, `${agent.username} opens ${path}`);
	return { jar, csrf: csrfOf(page.text) };
}

function send(s, path, fields) {
	return post(INTRANET, path, { csrf: s.csrf, ...fields },
		{ jar: s.jar, headers: { Origin: INTRANET } });
}

function textOf(html) {
	return html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&').replace(/&quot;/g, '"')
		.replace(/\s+/g, ' ');
}

const actRow = (id) => sql(`SELECT status, version FROM civil_act WHERE id = ${id}`)[0];
const sourceId = (act, title) => sql(`SELECT id FROM civil_source WHERE act_id = ${act} AND title = '${title}'`)[0][0];

// The request key of the issue form on a page.
function keyOf(text) {
	const m = /name="key" value="([0-9a-f]{32})"/.exec(text);
	assert.ok(m, 'the issue form carries a request key');
	return m[1];
}

// Issue from the documents page at path: the form's key, then the POST.
async function issue(s, path, fields) {
	const page = await get(INTRANET, path, { jar: s.jar });
	assert.equal(page.status, 200);
	const key = keyOf(page.text);
	const r = await send(s, path, { key, ...fields });
	return { r, key };
}

function docId(r) {
	assert.equal(r.status, 303, textOf(r.text).slice(0, 400));
	return /\/civil\/documents\/(\d+)$/.exec(r.headers.get('location'))[1];
}

const docRow = (id) => {
	const [serial, type, person, act, version, lang, payload, key, pdf, valid, revoked, reason, replaced] = sql(`SELECT serial, doc_type, person_id, COALESCE(act_id, 0), COALESCE(act_version, 0), lang, payload, key_id, COALESCE(pdf_file, ''), COALESCE(valid_until, ''), COALESCE(revoked_at, ''), COALESCE(revoke_reason, ''), COALESCE(replaced_by, 0) FROM issued_document WHERE id = ${id}`)[0];
	return { serial, type, person, act, version, lang, payload, key, pdf, valid, revoked, reason, replaced };
};

// The PDF of document id as the agent downloads it, and its text.
async function pdfText(s, id) {
	const res = await fetch(new URL(`/civil/documents/${id}/pdf`, INTRANET), { headers: { Cookie: s.jar.header() } });
	assert.equal(res.status, 200);
	assert.equal(res.headers.get('content-type'), 'application/pdf');
	assert.match(res.headers.get('content-disposition'), /^attachment; filename="[0-9A-Z]{12}\.pdf"/);
	const bytes = Buffer.from(await res.arrayBuffer());
	assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
	const t = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' });
	assert.equal(t.status, 0, t.stderr);
	return t.stdout;
}

// Does the PDF's text (pdftotext) read want? Whitespace is squeezed
// (lines wrap on the page); poppler gives the lam-alef ligature back as
// alef-lam (reversing the characters of a right-to-left line, those of
// a ligature too: docs/certificates.md), so the wanted text is read so.
function readsBack(text, want) {
	const squeeze = (s) => s.replace(/\s+/g, ' ').trim();
	return squeeze(text).includes(squeeze(want).replaceAll('\u0644\u0627', '\u0627\u0644'));
}

function assertReads(text, wants, what) {
	for (const want of wants)
		assert.ok(readsBack(text, want), `${what} reads back ${want}; pdftotext said:\n${text}`);
}

// Check the payload's signature with the key on record (not Havre's
// code: node's Ed25519).
function signatureHolds(payload) {
	const cut = payload.lastIndexOf('|');
	const fields = payload.slice(0, cut).split('|');
	const pkHex = sql(`SELECT HEX(public_key) FROM signing_key WHERE id = '${fields[10]}'`)[0][0];
	const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(pkHex, 'hex')]);
	const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
	return verify(null, Buffer.from(payload.slice(0, cut), 'utf8'), key, Buffer.from(payload.slice(cut + 1), 'base64url'));
}

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const state = {};

test('an act from two conflicting sources, verified by a second officer, issued as a full copy (ar + fr) and an extract (fr) with the chosen values and reasons in the PDF', async () => {
	const reg = await session(registrar, '/identity');
	const personId = await createPerson(reg, { family_name: `${tag}Haddad`,
		given_names: 'Amina', sex: 'F', birth_date: '1990-03-04' });
	const d = await session(officer);
	const v = await session(verifier);
	let r = await send(d, '/civil', { kind: 'birth', person: personId });
	assert.equal(r.status, 303);
	const act = /\/civil\/(\d+)$/.exec(r.headers.get('location'))[1];
	state.act = act;
	state.person = personId;

	// Not established yet: nothing to issue.
	let page = await get(INTRANET, `/civil/${act}/documents`, { jar: d.jar });
	assert.equal(page.status, 200);
	assert.ok(textOf(page.text).includes('This act has never been established'));
	r = await send(d, `/civil/${act}/documents`, { key: 'ab'.repeat(16), form: 'copy', lang: 'fr' });
	assert.equal(r.status, 409);
	assert.equal(sql(`SELECT COUNT(*) FROM issued_document WHERE act_id = ${act}`)[0][0], '0');

	// Two sources that disagree: the passport (read by the officer) and
	// the mother's declaration.
	assert.equal((await send(d, `/civil/${act}/declarations`, { title: 'Passport', declarant: 'Border police', statement: 'Passport copy: HADDAD Amina, 04.03.1990, Homs' })).status, 303);
	assert.equal((await send(d, `/civil/${act}/declarations`, { title: 'Declaration of the mother', declarant: 'Fatima Haddad', statement: 'Born at the district hospital of Homs on 7 Shaban 1410.' })).status, 303);
	const passport = sourceId(act, 'Passport');
	const mother = sourceId(act, 'Declaration of the mother');
	assert.equal((await send(d, `/civil/${act}/found`, { field: 'family_name', source: passport, value: 'HADDAD' })).status, 303);
	assert.equal((await send(d, `/civil/${act}/found`, { field: 'family_name', source: mother, value: 'الحداد' })).status, 303);
	assert.equal((await send(d, `/civil/${act}/found`, { field: 'birth_date', source: mother, value: '1410-08-07 (Hijri)' })).status, 303);
	const nameReason = `${tag}: the mother's declaration keeps the article the passport drops`;
	const dateReason = `${tag}: 7 Shaban 1410 AH is 4 March 1990, as on the passport`;
	assert.equal((await send(d, `/civil/${act}/fields/family_name`, { value: 'الحداد', latin: 'Al-Haddad', source: mother, reason: nameReason })).status, 303);
	assert.equal((await send(d, `/civil/${act}/fields/birth_date`, { value: '1990-03-04', source: mother, reason: dateReason })).status, 303);
	assert.equal((await send(d, `/civil/${act}/fields/birth_place`, { value: 'Homs', source: mother })).status, 303);
	assert.equal((await send(d, `/civil/${act}/fields/father`, { value: 'يوسف الحداد', latin: 'Youssef Al-Haddad', source: mother })).status, 303);
	assert.equal((await send(d, `/civil/${act}/fields/mother`, { value: 'فاطمة', latin: 'Fatima', source: mother })).status, 303);
	assert.equal((await send(d, `/civil/${act}/transition`, { to: 'verification', version: actRow(act)[1] })).status, 303);
	assert.equal((await send(v, `/civil/${act}/review`, { decision: 'validate', version: actRow(act)[1] })).status, 303);
	assert.equal(actRow(act)[0], 'established');
	await send(d, `/civil/${act}/mentions`, { kind: 'marriage', on_date: '2015-06-20', text: `${tag} married Karim Saleh at Lyon` });

	// The act's page links to its documents; a registrar may not issue.
	page = await get(INTRANET, `/civil/${act}`, { jar: d.jar });
	assert.match(page.text, new RegExp(`href="/civil/${act}/documents"`));
	const regPage = await session(registrar, '/identity');
	r = await send(regPage, `/civil/${act}/documents`, { key: 'cd'.repeat(16), form: 'copy', lang: 'fr' });
	assert.equal(r.status, 403);

	// A full copy in Arabic and French.
	let { r: res } = await issue(d, `/civil/${act}/documents`, { form: 'copy', lang: 'ar' });
	const copy = docId(res);
	state.copy = copy;
	const row = docRow(copy);
	assert.equal(row.type, 'CN');
	assert.equal(row.act, act);
	assert.equal(row.version, '1');
	assert.equal(row.lang, 'ar');
	assert.equal(row.person, personId);
	assert.equal(row.key, keyId);
	assert.equal(row.valid, '', 'a copy of an act has no end of validity');
	assert.match(row.serial, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
	const f = row.payload.split('|');
	assert.deepEqual(f.slice(0, 8), ['HV1', row.serial, 'CN', 'الحداد', 'Amina', 'Al-Haddad', f[6], '1990-03-04']);
	assert.equal(f[10], keyId);
	assert.ok(signatureHolds(row.payload), 'the payload is signed with the key on record');
	assert.equal(sql(`SELECT purpose, mime FROM stored_file WHERE id = '${row.pdf}'`)[0].join(' '), 'civil.issued application/pdf');
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'issued_document' AND entity_id = '${copy}' AND action = 'issue'`)[0][0], '1');

	page = await get(INTRANET, `/civil/documents/${copy}`, { jar: d.jar });
	assert.equal(page.status, 200);
	assert.ok(textOf(page.text).includes(row.serial));
	assert.match(page.text, /id="doc-status" data-status="valid"/);
	const text = await pdfText(d, copy);
	assertReads(text, ["Copie intégrale d’acte de naissance", 'نسخة كاملة من عقد الميلاد', 'الحداد', 'Al-Haddad', '1990-03-04', 'Homs', 'Youssef Al-Haddad', 'Mention marginale', `${tag} married Karim Saleh at Lyon`, row.serial, 'Motif du choix', 'Declaration of the mother', nameReason, dateReason], 'the full copy');

	// An extract in French only: the values, no reasons, no parents.
	({ r: res } = await issue(d, `/civil/${act}/documents`, { form: 'extract', lang: 'fr' }));
	const extract = docId(res);
	assert.equal(docRow(extract).type, 'EN');
	const et = await pdfText(d, extract);
	assertReads(et, ["Extrait d’acte de naissance", 'Al-Haddad', '1990-03-04', docRow(extract).serial], 'the extract');
	assert.ok(!et.includes('Motif du choix') && !et.includes('Youssef') && !/[\u0600-\u06ff]{3}/.test(et.replace('الحداد', '')), 'an extract in French has no reasons, no parents and no Arabic besides the name');

	// Both listed for the act and for the person, newest first.
	page = await get(INTRANET, `/civil/${act}/documents`, { jar: d.jar });
	const serials = [...page.text.matchAll(/data-serial="([^"]+)" data-status="([a-z]+)"/g)].map((m) => [m[1], m[2]]);
	assert.deepEqual(serials, [[docRow(extract).serial, 'valid'], [row.serial, 'valid']]);
	page = await get(INTRANET, `/civil/persons/${personId}/documents`, { jar: d.jar });
	assert.equal(page.status, 200);
	assert.ok(page.text.includes(row.serial) && page.text.includes(docRow(extract).serial));

	// The PDF only for civil.issue.
	const reg2 = await session(registrar, '/identity');
	assert.equal((await get(INTRANET, `/civil/documents/${copy}/pdf`, { jar: reg2.jar })).status, 403);
});

test('attestations from a person\'s record, with a validity date; refused outside today .. two years', async () => {
	const d = await session(officer);
	const reg = await session(registrar, '/identity');
	const personId = await createPerson(reg, { family_name: `${tag}Nasser`,
		given_names: 'Omar', sex: 'M', birth_date: '1985-07-00' });
	const path = `/civil/persons/${personId}/documents`;
	let page = await get(INTRANET, path, { jar: d.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, /id="attest-form"/);
	const key = keyOf(page.text);
	let r = await send(d, path, { key, type: 'AP', lang: 'ar', valid_until: '2001-01-01' });
	assert.equal(r.status, 422);
	assert.ok(textOf(r.text).includes('Give a last valid day from today to two years ahead'));
	r = await send(d, path, { key, type: 'AP', lang: 'ar', valid_until: inDays(800) });
	assert.equal(r.status, 422);
	r = await send(d, path, { key, type: 'XX', lang: 'ar', valid_until: inDays(30) });
	assert.equal(r.status, 422);
	assert.equal(sql(`SELECT COUNT(*) FROM issued_document WHERE person_id = ${personId}`)[0][0], '0');

	const until = inDays(180);
	r = await send(d, path, { key, type: 'AP', lang: 'ar', valid_until: until });
	const ap = docId(r);
	const row = docRow(ap);
	assert.equal(row.type, 'AP');
	assert.equal(row.act, '0');
	assert.equal(row.valid, until);
	const f = row.payload.split('|');
	assert.equal(f[2], 'AP');
	assert.ok(`${f[3]}|${f[5]}`.toLowerCase().includes('nasser'), 'the family name from the record');
	assert.equal(f[7], '1985-07-00', 'a birth date known to the month');
	assert.equal(f[9], until);
	assert.ok(signatureHolds(row.payload));
	const text = await pdfText(d, ap);
	assertReads(text, ["Attestation de protection par l’Office", 'شهادة حماية من المكتب', "L’Office atteste que la personne désignée", 'يشهد المكتب بأن الشخص المذكور أدناه مشمول بحمايته', until, `${tag}Nasser`, row.serial], 'the attestation');

	// "Civil status being established", in French only.
	page = await get(INTRANET, path, { jar: d.jar });
	r = await send(d, path, { key: keyOf(page.text), type: 'AE', lang: 'fr', valid_until: today() });
	const ae = docId(r);
	assert.equal(docRow(ae).type, 'AE');
	assertReads(await pdfText(d, ae), ["Attestation d’état civil en cours d’établissement", "L’Office atteste que l’état civil", today()], 'the AE attestation');
	page = await get(INTRANET, path, { jar: d.jar });
	assert.equal([...page.text.matchAll(/data-serial="/g)].length, 2);
	state.ap = ap;
});

test('a form sent twice issues one document, one after the other or at the same time', async () => {
	assert.ok(state.act, 'the first test established an act');
	const d = await session(officer);
	const before = Number(sql(`SELECT COUNT(*) FROM issued_document WHERE act_id = ${state.act}`)[0][0]);
	const { r, key } = await issue(d, `/civil/${state.act}/documents`, { form: 'extract', lang: 'ar' });
	const first = docId(r);
	const again = await send(d, `/civil/${state.act}/documents`, { key, form: 'extract', lang: 'ar' });
	assert.equal(docId(again), first, 'the second send goes to the first document');
	const shown = await get(INTRANET, again.headers.get('location'), { jar: d.jar });
	assert.ok(textOf(shown.text).includes('This form had already been sent'));
	assert.equal(Number(sql(`SELECT COUNT(*) FROM issued_document WHERE act_id = ${state.act}`)[0][0]), before + 1);

	// Two sends of one form racing each other.
	const page = await get(INTRANET, `/civil/${state.act}/documents`, { jar: d.jar });
	const k2 = keyOf(page.text);
	const both = await Promise.all([1, 2, 3].map(() => send(d, `/civil/${state.act}/documents`, { key: k2, form: 'copy', lang: 'fr' })));
	const ids = new Set(both.map(docId));
	assert.equal(ids.size, 1, 'every send answers with the same document');
	assert.equal(sql(`SELECT COUNT(*) FROM issued_document WHERE request_key = '${k2}'`)[0][0], '1');
	assert.equal(Number(sql(`SELECT COUNT(*) FROM issued_document WHERE act_id = ${state.act}`)[0][0]), before + 2);
	// No stored file left behind by the sends that lost.
	assert.equal(sql(`SELECT COUNT(*) FROM stored_file f WHERE f.purpose = 'civil.issued' AND NOT EXISTS (SELECT 1 FROM issued_document d WHERE d.pdf_file = f.id)`)[0][0], '0');
});

test('revocation after a confirmation page, with its reason; re-issue with a new serial, the old one replaced; both audited', async () => {
	assert.ok(state.copy && state.ap, 'earlier tests issued documents');
	const d = await session(officer);
	// The confirmation page: a plain form, nothing changed yet.
	let page = await get(INTRANET, `/civil/documents/${state.copy}`, { jar: d.jar });
	assert.match(page.text, new RegExp(`href="/civil/documents/${state.copy}/revoke"`));
	page = await get(INTRANET, `/civil/documents/${state.copy}/revoke`, { jar: d.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, /<form method="post" action="\/civil\/documents\/\d+\/revoke"[^]*name="reason"[^]*name="reissue" value="1"/);
	assert.equal(docRow(state.copy).revoked, '');
	let r = await send(d, `/civil/documents/${state.copy}/revoke`, { reason: '' });
	assert.equal(r.status, 422, 'a revocation needs its reason');
	assert.equal(docRow(state.copy).revoked, '');
	const reg = await session(registrar, '/identity');
	assert.equal((await send(reg, `/civil/documents/${state.copy}/revoke`, { reason: 'no right' })).status, 403);

	const reason = `${tag}: issued with the wrong language`;
	r = await send(d, `/civil/documents/${state.copy}/revoke`, { reason });
	assert.equal(docId(r), state.copy);
	let row = docRow(state.copy);
	assert.notEqual(row.revoked, '');
	assert.equal(row.reason, reason);
	assert.equal(row.replaced, '0');
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'issued_document' AND entity_id = '${state.copy}' AND action = 'revoke'`)[0][0], '1');
	page = await get(INTRANET, `/civil/documents/${state.copy}`, { jar: d.jar });
	assert.match(page.text, /data-status="revoked"/);
	assert.ok(textOf(page.text).includes(reason));
	// Sent again: nothing changes.
	r = await send(d, `/civil/documents/${state.copy}/revoke`, { reason: 'again' });
	assert.equal(docId(r), state.copy);
	assert.equal(docRow(state.copy).reason, reason);
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'issued_document' AND entity_id = '${state.copy}' AND action = 'revoke'`)[0][0], '1');

	// Re-issue of the attestation: a new serial, the same type, language
	// and validity; the old one revoked and replaced.
	const old = docRow(state.ap);
	const why = `${tag}: the person's given names were corrected`;
	r = await send(d, `/civil/documents/${state.ap}/revoke`, { reason: why, reissue: '1' });
	const fresh = docId(r);
	assert.notEqual(fresh, state.ap);
	const nrow = docRow(fresh);
	assert.notEqual(nrow.serial, old.serial);
	assert.equal(nrow.type, 'AP');
	assert.equal(nrow.lang, old.lang);
	assert.equal(nrow.valid, old.valid);
	assert.equal(nrow.revoked, '');
	row = docRow(state.ap);
	assert.notEqual(row.revoked, '');
	assert.equal(row.reason, why);
	assert.equal(row.replaced, fresh);
	assert.ok(signatureHolds(nrow.payload));
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'issued_document' AND entity_id = '${fresh}' AND action = 'issue' AND changes LIKE '%replaces%'`)[0][0], '1');
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'issued_document' AND entity_id = '${state.ap}' AND action = 'revoke'`)[0][0], '1');
	page = await get(INTRANET, `/civil/documents/${fresh}`, { jar: d.jar });
	assert.ok(textOf(page.text).includes('The old document is revoked and this new one issued in its place'));
	assert.ok(page.text.includes(old.serial), 'the new document names the one it replaces');
	// The re-issue sent twice: the old one is revoked already, no third.
	r = await send(d, `/civil/documents/${state.ap}/revoke`, { reason: why, reissue: '1' });
	assert.equal(docId(r), state.ap);
	assert.equal(sql(`SELECT COUNT(*) FROM issued_document WHERE person_id = ${old.person} AND doc_type = 'AP'`)[0][0], '2');

	// A full copy re-issued from the act's latest established version.
	r = await send(d, `/civil/documents/${state.copy}/revoke`, { reason: 'the act was amended', reissue: '1' });
	assert.equal(docId(r), state.copy, 'a revoked document is not re-issued again');
});

test('no signing key in force: a clear message, nothing issued, never a 5xx; a new key signs again', async () => {
	const d = await session(officer);
	for (const [id] of sql('SELECT id FROM signing_key WHERE retired_at IS NULL'))
		assert.equal(admin(['keys', 'retire', '--id', id]).status, 0);
	const before = sql('SELECT COUNT(*) FROM issued_document')[0][0];
	const { r } = await issue(d, `/civil/${state.act}/documents`, { form: 'copy', lang: 'fr' });
	assert.equal(r.status, 409);
	assert.ok(textOf(r.text).includes('No signing key is in force: nothing was issued'));
	const p = await issue(d, `/civil/persons/${state.person}/documents`, { type: 'AE', lang: 'fr', valid_until: inDays(10) });
	assert.equal(p.r.status, 409);
	assert.equal(sql('SELECT COUNT(*) FROM issued_document')[0][0], before);

	keyId = newKey();
	const again = await issue(d, `/civil/persons/${state.person}/documents`, { type: 'AE', lang: 'fr', valid_until: inDays(10) });
	const id = docId(again.r);
	assert.equal(docRow(id).key, keyId, 'the worker loads the new key');
	assert.ok(signatureHolds(docRow(id).payload));
});

test('unknown documents, acts and persons answer 404', async () => {
	const d = await session(officer);
	for (const path of ['/civil/documents/999999999', '/civil/documents/999999999/revoke', '/civil/documents/999999999/pdf', '/civil/999999999/documents', '/civil/persons/999999999/documents'])
		assert.equal((await get(INTRANET, path, { jar: d.jar })).status, 404, path);
	const r = await request(INTRANET, '/civil/documents/999999999/revoke', { method: 'POST', jar: d.jar, headers: { Origin: INTRANET, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: d.csrf, reason: 'xyz' }).toString() });
	assert.equal(r.status, 404);
});

// Issue 17 items 4 to 6 as the person meets them: an officer issues an
// attestation; the person, who has moved and gets no mail, receives
// "your document is ready" by SMS with a link and a code, opens the
// link on the public site and downloads the very PDF the office
// issued; once the document is revoked, that code fetches nothing.
test('issued, the person gets the SMS, downloads the PDF with its code; revoked, the code no longer works; no phone, no SMS and the officer is told', async () => {
	const d = await session(officer);
	const reg = await session(registrar, '/identity');
	const phone = `+3367${String(process.pid % 10000).padStart(4, '0')}${String(Date.now() % 1000).padStart(3, '0')}`;
	const personId = await createPerson(reg, { family_name: `${tag}Rahimi`,
		given_names: 'Zahra', sex: 'F', birth_date: '1979-11-02' });
	let r = await send(reg, `/identity/persons/${personId}/phones`, { phone });
	assert.equal(r.status, 303);
	const before = received().filter((m) => m.to === phone).length;

	const path = `/civil/persons/${personId}/documents`;
	({ r } = await issue(d, path, { type: 'AP', lang: 'fr', valid_until: inDays(90) }));
	const id = docId(r);
	const row = docRow(id);
	let page = await get(INTRANET, r.headers.get('location'), { jar: d.jar });
	assert.ok(textOf(page.text).includes('La personne reçoit un SMS') ||
		textOf(page.text).includes('The person gets an SMS with a link'), 'the officer is told the SMS left');

	const sms = await waitFor(() => {
		const m = received().filter((x) => x.to === phone);
		return m.length > before ? m[m.length - 1] : undefined;
	}, 20000);
	assert.ok(sms, `no SMS reached ${phone}`);
	assert.ok(sms.text.includes(row.serial), `the serial: ${sms.text}`);
	assert.ok(sms.text.includes(`/verify/collect/${row.serial}`), `the link: ${sms.text}`);
	assert.ok(!sms.ucs2, 'French in GSM-7');
	const code = /\b(\d{8})\b/.exec(sms.text)?.[1];
	assert.ok(code, `the code: ${sms.text}`);
	assert.equal(sql(`SELECT COUNT(*) FROM civil_delivery_code WHERE document_id = ${id}
		AND closed_at IS NULL`)[0][0], '1', 'one live code, stored as a MAC only');
	assert.equal(sql(`SELECT COUNT(*) FROM civil_delivery_code WHERE code_mac LIKE '%${code}%'`)[0][0], '0');

	// The person follows the link and types the code.
	const jar = new CookieJar();
	const link = new URL(/https?:\/\/\S+/.exec(sms.text)[0]);
	page = await get(PUBLIC, `${link.pathname}?lang=fr`, { jar });
	assert.equal(page.status, 200);
	r = await post(PUBLIC, '/verify/collect', { csrf: csrfOf(page.text), serial: row.serial, code },
		{ jar, headers: { Origin: PUBLIC } });
	assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
	const got = await fetch(new URL(r.headers.get('location'), PUBLIC), { headers: { Cookie: jar.header() } });
	assert.equal(got.status, 200);
	const theirs = Buffer.from(await got.arrayBuffer());
	const office = await fetch(new URL(`/civil/documents/${id}/pdf`, INTRANET), { headers: { Cookie: d.jar.header() } });
	assert.ok(theirs.equals(Buffer.from(await office.arrayBuffer())), 'the very PDF the office issued');

	// A second code, then revocation: it fetches nothing any more.
	page = await get(INTRANET, `/civil/documents/${id}`, { jar: d.jar });
	assert.match(page.text, /id="offer-form"/, 'the document\'s page sends the code again');
	r = await send(d, `/civil/documents/${id}/offer`, {});
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), `/civil/documents/${id}`);
	const again = await waitFor(() => {
		const m = received().filter((x) => x.to === phone);
		return m.length > before + 1 ? m[m.length - 1] : undefined;
	}, 20000);
	const code2 = /\b(\d{8})\b/.exec(again.text)[1];
	page = await get(INTRANET, `/civil/documents/${id}/revoke`, { jar: d.jar });
	r = await send(d, `/civil/documents/${id}/revoke`, { reason: 'issued to the wrong person' });
	assert.equal(r.status, 303);
	assert.equal(sql(`SELECT COUNT(*) FROM civil_delivery_code WHERE document_id = ${id}
		AND closed_at IS NULL`)[0][0], '0', 'its codes closed');
	assert.equal(sql(`SELECT closed_why FROM civil_delivery_code WHERE document_id = ${id}
		ORDER BY id DESC LIMIT 1`)[0][0], 'revoked');
	const late = new CookieJar();
	page = await get(PUBLIC, `/verify/collect/${row.serial}?lang=en`, { jar: late });
	r = await post(PUBLIC, '/verify/collect', { csrf: csrfOf(page.text), serial: row.serial, code: code2 },
		{ jar: late, headers: { Origin: PUBLIC } });
	assert.equal(r.status, 422, 'a revoked document is not handed out');

	// A person with no phone: issued all the same, the officer told.
	const nophone = await createPerson(reg, { family_name: `${tag}Haidari`,
		given_names: 'Ali', sex: 'M', birth_date: '1990-01-15' });
	({ r } = await issue(d, `/civil/persons/${nophone}/documents`, { type: 'AE', lang: 'en', valid_until: inDays(30) }));
	const id2 = docId(r);
	page = await get(INTRANET, r.headers.get('location'), { jar: d.jar });
	assert.ok(textOf(page.text).includes('No SMS was sent') || textOf(page.text).includes('Aucun SMS'),
		'no mobile number: said');
	assert.equal(sql(`SELECT COUNT(*) FROM civil_delivery_code WHERE document_id = ${id2}`)[0][0], '0');
	assert.match(page.text, /id="offer-form"/, 'the code can be sent once a phone is known');
	// Expired, it is no longer offered.
	sql(`UPDATE issued_document SET valid_until = '2020-01-01' WHERE id = ${id2}`);
	page = await get(INTRANET, `/civil/documents/${id2}`, { jar: d.jar });
	assert.match(page.text, /data-status="expired"/);
	assert.doesNotMatch(page.text, /id="offer-form"/);
});

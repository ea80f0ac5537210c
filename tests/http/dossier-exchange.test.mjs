// tests/http/dossier-exchange.test.mjs: exchanges of a case file (issue
// 15.4) through nginx to havre-dossier: an officer's request to a
// partner organisation, which lists, acknowledges and answers it with an
// attachment through the JSON API with its own API key; another
// partner's key refused on it with nothing changed; an overdue exchange
// on the dossier page, in the work list and through the API; bad input
// refused field by field with nothing stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	INTRANET, admin, agencyDay, createPerson, csrfOf, get, login, makeAgent, post,
	request, sql, uniqueName,
} from './lib.mjs';

const officer = makeAgent('xoff', ['case_officer']);
const tag = uniqueName('Xq').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);

// A minimal PDF (libmagic reads the %PDF- header).
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n' +
	'trailer\n<< /Root 1 0 R >>\n%%EOF\n');

// A partner organisation: an API key of the partner_agency role.
// Returns {key, id}.
function makePartner() {
	const name = uniqueName('xpartner');
	const r = admin(['apikey', 'add', '--name', name, '--role',
		'partner_agency']);
	assert.equal(r.status, 0, r.stderr);
	const key = /(hvk_[0-9a-f]+)/.exec(r.stdout)[1];
	const id = sql(`SELECT id FROM api_key WHERE name = '${name}'`)[0][0];
	return { key, id };
}

// The agency's date n days from today.
const day = agencyDay;

// An API call with a partner key; body: an object sent as JSON, a
// FormData, or a string sent as it is. Returns {status, json, text}.
async function api(key, method, path, body) {
	const headers = { Authorization: `Bearer ${key}`,
		Accept: 'application/json' };
	let payload = body;
	if (body !== undefined && !(body instanceof FormData)) {
		headers['Content-Type'] = 'application/json';
		payload = typeof body === 'string' ? body : JSON.stringify(body);
	}
	const r = await request(INTRANET, path, { method, headers,
		body: payload });
	let json;
	try {
		json = JSON.parse(r.text);
	} catch {
		json = undefined;
	}
	return { status: r.status, json, text: r.text, headers: r.headers };
}

// A signed-in officer with a new dossier. Returns {jar, csrf, id}.
async function officerWithDossier() {
	const { jar } = await login(officer.username, officer.password);
	const csrf = csrfOf((await get(INTRANET, '/identity', { jar })).text);
	const person = await createPerson({ jar, csrf }, {
		family_name: `${tag}Haile`, given_names: 'Senait', sex: 'F',
		birth_date: '1991-03-04' });
	const proc = sql("SELECT id FROM wf_procedure WHERE code = 'regular'")[0][0];
	const r = await post(INTRANET, '/dossier', { csrf, person_id: person,
		procedure_id: proc }, { jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const id = /\/dossier\/(\d+)$/.exec(r.headers.get('location'))[1];
	return { jar, csrf, id };
}

// Send an exchange from dossier s.id; returns the answer.
function send(s, fields) {
	return post(INTRANET, `/dossier/${s.id}/exchanges`,
		{ csrf: s.csrf, ...fields },
		{ jar: s.jar, headers: { Origin: INTRANET } });
}

// The exchange, as stored: [status, version, open, attachments].
function stored(x) {
	return sql(`SELECT status, version, open, (SELECT COUNT(*) FROM exchange_attachment WHERE exchange_id = ${x}) FROM exchange WHERE id = ${x}`)[0];
}

function lastExchange(dossier) {
	return sql(`SELECT MAX(id) FROM exchange WHERE dossier_id = ${dossier}`)[0][0];
}

test('round trip: a partner lists, acknowledges and answers with an attachment; the officer reads it', async () => {
	const s = await officerWithDossier();
	const a = makePartner();
	const r = await send(s, { type: 'medical_examination',
		recipient: `partner:${a.id}`,
		legal_basis: 'Directive 2013/32/EU, art. 18',
		question: 'Please examine the applicant for signs of torture.',
		due_on: day(10) });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const x = lastExchange(s.id);
	assert.deepEqual(stored(x), ['sent', '1', '1', '0']);

	// The partner's list holds it, with what the partner needs.
	const list = await api(a.key, 'GET', '/dossier/api/v1/exchanges');
	assert.equal(list.status, 200, list.text);
	const mine = list.json.exchanges.find((e) => String(e.id) === x);
	assert.ok(mine, 'the exchange is in the partner\'s list');
	assert.equal(mine.type, 'medical_examination');
	assert.equal(mine.status, 'sent');
	assert.equal(mine.due_on, day(10));
	assert.equal(mine.legal_basis, 'Directive 2013/32/EU, art. 18');
	assert.match(mine.dossier, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

	const ack = await api(a.key, 'POST', `/dossier/api/v1/exchanges/${x}/acknowledge`);
	assert.equal(ack.status, 200, ack.text);
	assert.equal(ack.json.status, 'acknowledged');
	assert.ok(ack.json.acknowledged_at);
	assert.equal(ack.json.version, 2);

	const fd = new FormData();
	fd.append('file', new Blob([PDF], { type: 'application/pdf' }),
		'report 1.pdf');
	const up = await api(a.key, 'POST', `/dossier/api/v1/exchanges/${x}/attachments`, fd);
	assert.equal(up.status, 201, up.text);
	assert.equal(up.json.type, 'application/pdf');
	assert.equal(up.json.filename, 'report1.pdf');

	// An answer on a stale version is refused, nothing changed.
	const stale = await api(a.key, 'POST', `/dossier/api/v1/exchanges/${x}/answer`,
		{ answer: 'No signs found.', version: 1 });
	assert.equal(stale.status, 409, stale.text);
	assert.equal(stale.json.error, 'stale');
	assert.deepEqual(stored(x), ['acknowledged', '2', '1', '1']);

	const ans = await api(a.key, 'POST', `/dossier/api/v1/exchanges/${x}/answer`,
		{ answer: 'Examined on arrival: scars consistent with the account.', version: 2 });
	assert.equal(ans.status, 200, ans.text);
	assert.equal(ans.json.status, 'answered');
	assert.equal(ans.json.open, false);
	assert.equal(ans.json.attachments.length, 1);
	assert.deepEqual(stored(x), ['answered', '3', '0', '1']);

	// Answered once: a second answer is refused.
	const again = await api(a.key, 'POST', `/dossier/api/v1/exchanges/${x}/answer`,
		{ answer: 'Another answer.' });
	assert.equal(again.status, 409);
	assert.equal(again.json.error, 'closed');

	// The officer sees the answer and downloads the attachment.
	const page = await get(INTRANET, `/dossier/${s.id}`, { jar: s.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, /scars consistent with the account/);
	const href = new RegExp(`/dossier/${s.id}/exchanges/${x}/files/(\\d+)`).exec(page.text);
	assert.ok(href, 'a link to the attachment');
	const file = await get(INTRANET, href[0], { jar: s.jar });
	assert.equal(file.status, 200);
	assert.match(file.headers.get('content-disposition'), /^attachment; filename="report1\.pdf"/);
	assert.equal(file.text, PDF.toString());
	assert.equal(sql(`SELECT COUNT(*) FROM access_event WHERE entity = 'dossier' AND entity_id = '${s.id}' AND reason = 'exchange-file:${href[1]}'`)[0][0], '1');

	// Each change has its timeline event and its audit event.
	assert.deepEqual(sql(`SELECT kind FROM dossier_event WHERE dossier_id = ${s.id} AND kind LIKE 'exchange%' ORDER BY id`).map((row) => row[0]),
		['exchange_sent', 'exchange_acknowledged', 'exchange_file', 'exchange_answered']);
	assert.deepEqual(sql(`SELECT action FROM audit_event WHERE entity = 'exchange' AND entity_id = '${x}' ORDER BY seq`).map((row) => row[0]),
		['send', 'acknowledge', 'attach', 'answer']);
});

test('a partner key is refused on another partner\'s exchange, nothing changed', async () => {
	const s = await officerWithDossier();
	const a = makePartner();
	const b = makePartner();
	const r = await send(s, { type: 'document_verification',
		recipient: `partner:${a.id}`, legal_basis: 'Asylum Act, s. 12',
		question: 'Is this passport genuine?', due_on: day(5) });
	assert.equal(r.status, 303);
	const x = lastExchange(s.id);
	const before = stored(x);
	const events = sql(`SELECT COUNT(*) FROM dossier_event WHERE dossier_id = ${s.id}`)[0][0];

	const list = await api(b.key, 'GET', '/dossier/api/v1/exchanges?state=all');
	assert.equal(list.status, 200);
	assert.ok(!list.json.exchanges.some((e) => String(e.id) === x),
		'not in the other partner\'s list');
	for (const [method, path, body] of [
		['GET', `/dossier/api/v1/exchanges/${x}`],
		['POST', `/dossier/api/v1/exchanges/${x}/acknowledge`],
		['POST', `/dossier/api/v1/exchanges/${x}/answer`, { answer: 'Forged.' }],
	]) {
		const res = await api(b.key, method, path, body);
		assert.equal(res.status, 404, `${method} ${path}: ${res.text}`);
		assert.equal(res.json.error, 'not_found');
	}
	const fd = new FormData();
	fd.append('file', new Blob([PDF], { type: 'application/pdf' }), 'x.pdf');
	const up = await api(b.key, 'POST', `/dossier/api/v1/exchanges/${x}/attachments`, fd);
	assert.equal(up.status, 404);

	assert.deepEqual(stored(x), before);
	assert.equal(sql(`SELECT COUNT(*) FROM dossier_event WHERE dossier_id = ${s.id}`)[0][0], events);
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'exchange' AND entity_id = '${x}'`)[0][0], '1');

	// Without a key: 401; an officer's session is no partner.
	const anon = await request(INTRANET, '/dossier/api/v1/exchanges',
		{ headers: { Accept: 'application/json' } });
	assert.equal(anon.status, 401);
	const agent = await get(INTRANET, `/dossier/api/v1/exchanges/${x}`,
		{ jar: s.jar, headers: { Accept: 'application/json' } });
	assert.equal(agent.status, 403);
});

test('an overdue exchange shows on the dossier page, in the work list and through the API', async () => {
	const s = await officerWithDossier();
	const a = makePartner();
	const ref = sql(`SELECT reference FROM dossier WHERE id = ${s.id}`)[0][0];
	const shown = `${ref.slice(0, 4)}-${ref.slice(4)}`;
	assert.equal((await send(s, { type: 'security_check',
		recipient: `partner:${a.id}`, legal_basis: 'Asylum Act, s. 40',
		question: 'Any record of the applicant?', due_on: day(2) })).status, 303);
	const x = lastExchange(s.id);

	let page = await get(INTRANET, `/dossier/${s.id}`, { jar: s.jar });
	assert.doesNotMatch(page.text, /exchange-overdue/);
	let list = await get(INTRANET, '/dossier?list=exchanges', { jar: s.jar });
	assert.equal(list.status, 200);
	assert.ok(!list.text.includes(shown), 'not yet in the overdue list');

	// Five days pass: the stored dates move back by five days, which is
	// what the calendar moving forward does to them.
	sql(`UPDATE exchange SET due_on = due_on - INTERVAL 5 DAY WHERE id = ${x}`);
	sql(`UPDATE dossier SET exchange_due = exchange_due - INTERVAL 5 DAY WHERE id = ${s.id}`);

	page = await get(INTRANET, `/dossier/${s.id}`, { jar: s.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, /Exchanges overdue: 1/);
	assert.match(page.text, /class="light light-red exchange-status">Overdue \(3 days\)/);
	list = await get(INTRANET, '/dossier?list=exchanges', { jar: s.jar });
	assert.ok(list.text.includes(shown), 'in the list of overdue exchanges');
	assert.match(list.text, new RegExp(`${shown}[\\s\\S]*?Exchange overdue`));
	const one = await api(a.key, 'GET', `/dossier/api/v1/exchanges/${x}`);
	assert.equal(one.json.status, 'overdue');

	// Withdrawn, it leaves the list.
	const form = page.text.match(new RegExp(`/exchanges/${x}/withdraw"[\\s\\S]*?name="version" value="(\\d+)"`));
	const w = await post(INTRANET, `/dossier/${s.id}/exchanges/${x}/withdraw`,
		{ csrf: s.csrf, version: form[1] },
		{ jar: s.jar, headers: { Origin: INTRANET } });
	assert.equal(w.status, 303, w.text.slice(0, 300));
	assert.equal(stored(x)[0], 'withdrawn');
	list = await get(INTRANET, '/dossier?list=exchanges', { jar: s.jar });
	assert.ok(!list.text.includes(shown), 'a withdrawn exchange is not overdue');
	const ack = await api(a.key, 'POST', `/dossier/api/v1/exchanges/${x}/acknowledge`);
	assert.equal(ack.status, 409);
	assert.equal(ack.json.error, 'closed');
});

test('bad input: a clear message per field, nothing stored', async () => {
	const s = await officerWithDossier();
	const a = makePartner();
	const count = () => sql(`SELECT COUNT(*) FROM exchange WHERE dossier_id = ${s.id}`)[0][0];
	const good = { type: 'translation', recipient: `partner:${a.id}`,
		legal_basis: 'Asylum Act, s. 8', question: 'Translate the attached letter.',
		due_on: day(7) };

	let r = await send(s, { ...good, type: 'astrology' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-type"/);
	r = await send(s, { ...good, due_on: day(-3) });
	assert.equal(r.status, 422);
	assert.match(r.text, /The due date cannot be in the past\./);
	r = await send(s, { ...good, recipient: 'partner:999999999' });
	assert.equal(r.status, 422);
	assert.match(r.text, /Choose a service or a partner organisation from the list\./);
	r = await send(s, { ...good, legal_basis: '' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-legal_basis"/);
	assert.equal(count(), '0');

	// An internal service is a recipient too.
	const svc = sql("SELECT id FROM exchange_service WHERE code = 'translation'")[0][0];
	assert.equal((await send(s, { ...good, recipient: `service:${svc}` })).status, 303);
	assert.equal((await send(s, good)).status, 303);
	assert.equal(count(), '2');
	const x = lastExchange(s.id);
	const before = stored(x);

	// The partner API: malformed JSON, an empty answer, a wrong type.
	let res = await api(a.key, 'POST', `/dossier/api/v1/exchanges/${x}/answer`, '{"answer": ');
	assert.equal(res.status, 400);
	assert.equal(res.json.error, 'bad_json');
	res = await api(a.key, 'POST', `/dossier/api/v1/exchanges/${x}/answer`, { answer: '' });
	assert.equal(res.status, 422);
	assert.equal(res.json.error, 'invalid');
	assert.ok(res.json.errors.answer, 'the answer is named');
	res = await api(a.key, 'POST', `/dossier/api/v1/exchanges/${x}/answer`,
		{ answer: 'Fine.', version: 'two' });
	assert.equal(res.status, 422);
	assert.ok(res.json.errors.version, 'the version is named');
	const fd = new FormData();
	fd.append('file', new Blob(['just text, not a document'], { type: 'application/pdf' }), 'fake.pdf');
	res = await api(a.key, 'POST', `/dossier/api/v1/exchanges/${x}/attachments`, fd);
	assert.equal(res.status, 422);
	assert.ok(res.json.errors.file, 'the file is named');
	res = await api(a.key, 'GET', '/dossier/api/v1/exchanges?state=sometimes');
	assert.equal(res.status, 422);
	assert.ok(res.json.errors.state);
	assert.deepEqual(stored(x), before);
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'exchange' AND entity_id = '${x}'`)[0][0], '1');
});

test('an internal service\'s answer is recorded by its agent with an attachment', async () => {
	const s = await officerWithDossier();
	const svc = sql("SELECT id FROM exchange_service WHERE code = 'medical'")[0][0];
	assert.equal((await send(s, { type: 'medical_examination',
		recipient: `service:${svc}`, legal_basis: 'Asylum Act, s. 18',
		question: 'Fit for interview?', due_on: day(4) })).status, 303);
	const x = lastExchange(s.id);
	const fd = new FormData();
	fd.append('csrf', s.csrf);
	fd.append('version', '1');
	fd.append('answer', 'Fit for an interview of two hours.');
	fd.append('file', new Blob([PDF], { type: 'application/pdf' }), 'fit.pdf');
	const r = await request(INTRANET, `/dossier/${s.id}/exchanges/${x}/answer`,
		{ method: 'POST', body: fd, jar: s.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.deepEqual(stored(x), ['answered', '2', '0', '1']);
	const page = await get(INTRANET, `/dossier/${s.id}`, { jar: s.jar });
	assert.match(page.text, /Fit for an interview of two hours\./);
	assert.match(page.text, /fit\.pdf/);
});

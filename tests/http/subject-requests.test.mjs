// tests/http/subject-requests.test.mjs: persons' access, rectification and
// erasure requests (issue 20 item 5): recorded with the day received and
// due one month later (computed by hand below: 31 January is due on 28
// February), answered with a decision, its reason and the answer (each
// save audited, a second answer refused), and counted open, overdue and
// answered late on the requests page and the dashboard. The days are
// fixed in the past or taken from the page's own "today", so nothing
// depends on the hour the suite runs at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	INTRANET, createPerson, csrfOf, get, login, makeAgent, post, sql,
	uniqueName,
} from './lib.mjs';

const dpo = makeAgent('sqdpo', ['data_protection_officer']);
const clerk = makeAgent('sqcl', ['registrar']);

// The figures of the requests page: [open, due7, overdue, late,
// extended].
function counts(html) {
	const m = [...html.matchAll(/<li>[^<]*<strong>(\d+)<\/strong><\/li>/g)].map((x) => Number(x[1]));
	assert.equal(m.length, 5, 'five figures');
	return m;
}

// The day n months after a YYYY-MM-DD day, as MariaDB's INTERVAL n
// MONTH counts it: the same day of the month, or the month's last day
// when it has fewer (31 January + 3 months = 30 April).
function addMonths(day, n) {
	const [y, m, d] = day.split('-').map(Number);
	const first = new Date(Date.UTC(y, m - 1 + n, 1));
	const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
	first.setUTCDate(Math.min(d, last));
	return first.toISOString().slice(0, 10);
}

test('requests are recorded with their due date, answered once, and counted', async () => {
	const cl = await login(clerk.username, clerk.password);
	const s = { jar: cl.jar, csrf: csrfOf((await get(INTRANET, '/identity', { jar: cl.jar })).text) };
	const person = await createPerson(s, { family_name: uniqueName('Req'),
		given_names: 'Nadia', sex: 'F', birth_date: '1979-06-07' });
	assert.equal((await get(INTRANET, '/dataprotection/requests', { jar: cl.jar })).status, 403);

	const { jar } = await login(dpo.username, dpo.password);
	let page = await get(INTRANET, '/dataprotection/requests', { jar });
	assert.equal(page.status, 200);
	const before = counts(page.text);
	const today = /name="received_on"[^>]*value="(\d{4}-\d{2}-\d{2})"/.exec(page.text)[1];
	const send = (path, fields) => post(INTRANET, path, { csrf: csrfOf(page.text), ...fields },
		{ jar, headers: { Origin: INTRANET } });

	// refused: a day in the future, a record that does not exist
	let r = await send('/dataprotection/requests', { kind: 'erasure',
		requester: 'Nadia', details: 'Erase my phone', received_on: '2999-01-01' });
	assert.equal(r.status, 422);
	r = await send('/dataprotection/requests', { kind: 'erasure', person_id: '999999999',
		requester: 'Nadia', details: 'Erase my phone', received_on: '2025-01-31' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-person_id"/);

	const who = uniqueName('Nadia ');
	r = await send('/dataprotection/requests', { kind: 'erasure', person_id: String(person),
		requester: who, details: 'Erase my old phone number', received_on: '2025-01-31' });
	assert.equal(r.status, 303);
	const late = /\/dataprotection\/requests\/(\d+)$/.exec(r.headers.get('location'))[1];
	assert.deepEqual(sql(`SELECT kind, person_id, received_on, due_on, status, recorded_by FROM subject_request WHERE id = ${late}`)[0],
		['erasure', String(person), '2025-01-31', '2025-02-28', 'open', dpo.username]);
	r = await send('/dataprotection/requests', { kind: 'rectification',
		requester: who, details: 'My birth date is wrong', received_on: today });
	assert.equal(r.status, 303);
	const fresh = /\/dataprotection\/requests\/(\d+)$/.exec(r.headers.get('location'))[1];
	assert.deepEqual(sql(`SELECT due_on = '${today}' + INTERVAL 1 MONTH, person_id IS NULL FROM subject_request WHERE id = ${fresh}`)[0], ['1', '1']);
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'subject_request' AND entity_id IN ('${late}', '${fresh}') AND action = 'record'`)[0][0], '2');

	page = await get(INTRANET, '/dataprotection/requests', { jar });
	const mid = counts(page.text);
	assert.equal(mid[0], before[0] + 2, 'two more open');
	assert.equal(mid[2], before[2] + 1, 'one more overdue');
	assert.equal(mid[3], before[3], 'none answered yet');
	assert.match(page.text, new RegExp(`href="/dataprotection/requests/${late}" dir="ltr">#${late}</a></th>[\\s\\S]*?<strong>Overdue</strong>`));

	// the answer: decision, reason, answer; on the agency's today
	const view = await get(INTRANET, `/dataprotection/requests/${late}`, { jar });
	assert.equal(view.status, 200);
	assert.match(view.text, /name="version" value="1"/);
	const answer = (fields) => post(INTRANET, `/dataprotection/requests/${late}`,
		{ csrf: csrfOf(view.text), ...fields }, { jar, headers: { Origin: INTRANET } });
	r = await answer({ decision: 'partly', decision_reason: '', answer: 'x', version: '1' });
	assert.equal(r.status, 422, 'the reason is required');
	r = await answer({ decision: 'partly', decision_reason: 'The number is needed for an open appeal',
		answer: 'Your old number is erased from the bookings; the appeal file keeps it until decided.', version: '1' });
	assert.equal(r.status, 303);
	assert.deepEqual(sql(`SELECT status, decision, answered_on, answered_by FROM subject_request WHERE id = ${late}`)[0],
		['answered', 'partly', today, dpo.username]);
	const audit = JSON.parse(sql(`SELECT changes FROM audit_event WHERE entity = 'subject_request' AND entity_id = '${late}' AND action = 'answer'`)[0][0]);
	assert.equal(audit.decision.new, 'partly');
	// answered once: a second answer on the same version is refused
	r = await answer({ decision: 'granted', decision_reason: 'Again', answer: 'Again', version: '1' });
	assert.equal(r.status, 409);
	assert.equal(sql(`SELECT decision FROM subject_request WHERE id = ${late}`)[0][0], 'partly');

	page = await get(INTRANET, '/dataprotection/requests', { jar });
	const after = counts(page.text);
	assert.equal(after[0], before[0] + 1, 'one still open');
	assert.equal(after[2], before[2], 'no longer overdue');
	assert.equal(after[3], before[3] + 1, 'answered late');
	// the dashboard shows the same figures
	const dash = await get(INTRANET, '/dashboard', { jar });
	assert.match(dash.text, new RegExp(`href="/dataprotection/requests">Open requests</a> <strong>${after[0]}</strong>`));
	assert.doesNotMatch((await get(INTRANET, '/dashboard', { jar: cl.jar })).text, /\/dataprotection\/requests/);
});

test('a request is extended once by two months in its first month, with the reason told to the person (art. 12(3))', async () => {
	assert.equal(addMonths('2025-01-31', 3), '2025-04-30');
	assert.equal(addMonths('2024-11-30', 3), '2025-02-28');
	const { jar } = await login(dpo.username, dpo.password);
	let page = await get(INTRANET, '/dataprotection/requests', { jar });
	const before = counts(page.text);
	const today = /name="received_on"[^>]*value="(\d{4}-\d{2}-\d{2})"/.exec(page.text)[1];
	const send = (path, fields) => post(INTRANET, path, { csrf: csrfOf(page.text), ...fields },
		{ jar, headers: { Origin: INTRANET } });
	const who = uniqueName('Ext ');
	let r = await send('/dataprotection/requests', { kind: 'access', requester: who,
		details: 'Everything you hold about me and my children', received_on: today });
	assert.equal(r.status, 303);
	const id = /\/dataprotection\/requests\/(\d+)$/.exec(r.headers.get('location'))[1];
	// one received long ago: its first month is over
	r = await send('/dataprotection/requests', { kind: 'access', requester: who,
		details: 'Old request', received_on: '2025-01-31' });
	const old = /\/dataprotection\/requests\/(\d+)$/.exec(r.headers.get('location'))[1];

	let view = await get(INTRANET, `/dataprotection/requests/${id}`, { jar });
	assert.match(view.text, new RegExp(`action="/dataprotection/requests/${id}/extend"`));
	const extend = (rid, fields) => post(INTRANET, `/dataprotection/requests/${rid}/extend`,
		{ csrf: csrfOf(view.text), ...fields }, { jar, headers: { Origin: INTRANET } });
	r = await extend(id, { extension_reason: '', version: '1' });
	assert.equal(r.status, 422, 'the reason is required');
	assert.match(r.text, /id="e-extension_reason"/);
	const reason = 'Many records across four case files and two civil-status acts';
	r = await extend(id, { extension_reason: reason, version: '1' });
	assert.equal(r.status, 303);
	assert.deepEqual(sql(`SELECT received_on, first_due_on, due_on, extended_on, extended_by,
		extension_reason, version FROM subject_request WHERE id = ${id}`)[0],
	[today, addMonths(today, 1), addMonths(today, 3), today, dpo.username, reason, '2']);
	const audit = JSON.parse(sql(`SELECT changes FROM audit_event WHERE entity = 'subject_request'
		AND entity_id = '${id}' AND action = 'extend'`)[0][0]);
	assert.deepEqual(audit.due_on, { old: addMonths(today, 1), new: addMonths(today, 3) });
	assert.equal(audit.extension_reason.new, reason);
	// shown on the request, in the list and in the figures
	view = await get(INTRANET, `/dataprotection/requests/${id}`, { jar });
	assert.ok(view.text.includes(reason));
	assert.ok(view.text.includes(addMonths(today, 1)), 'the first due day');
	assert.doesNotMatch(view.text, /\/extend"/, 'extended once only');
	page = await get(INTRANET, '/dataprotection/requests', { jar });
	assert.match(page.text, new RegExp(`href="/dataprotection/requests/${id}" dir="ltr">#${id}</a></th>[\\s\\S]*?${addMonths(today, 3)}</span> \\(extended\\)`));
	const after = counts(page.text);
	assert.equal(after[4], before[4] + 1, 'one more extended');
	assert.equal(after[0], before[0] + 2);
	const dash = await get(INTRANET, '/dashboard', { jar });
	assert.match(dash.text, new RegExp(`Open and extended by two months <strong>${after[4]}</strong>`));
	// a second extension, an old request, an answered one: refused
	r = await extend(id, { extension_reason: 'Once more, please', version: '2' });
	assert.equal(r.status, 409);
	r = await extend(old, { extension_reason: 'Too late for this one', version: '1' });
	assert.equal(r.status, 422);
	assert.match(r.text, /The first month is over/);
	assert.deepEqual(sql(`SELECT due_on, extended_on FROM subject_request WHERE id = ${old}`)[0],
		['2025-02-28', 'NULL']);
	r = await post(INTRANET, `/dataprotection/requests/${id}`, { csrf: csrfOf(view.text),
		decision: 'granted', decision_reason: 'All found', answer: 'The export is enclosed.',
		version: '2' }, { jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303);
	assert.equal(sql(`SELECT answered_on <= due_on FROM subject_request WHERE id = ${id}`)[0][0], '1',
		'answered within the extended time: not late');
	r = await send('/dataprotection/requests', { kind: 'access', requester: who,
		details: 'Another one', received_on: today });
	const third = /\/dataprotection\/requests\/(\d+)$/.exec(r.headers.get('location'))[1];
	sql(`UPDATE subject_request SET status = 'answered', answered_on = '${today}', decision = 'granted',
		decision_reason = 'x', answer = 'x' WHERE id = ${third}`);
	r = await extend(third, { extension_reason: 'Answered already though', version: '1' });
	assert.equal(r.status, 409);
	const cl = await login(clerk.username, clerk.password);
	assert.equal((await post(INTRANET, `/dataprotection/requests/${id}/extend`,
		{ csrf: csrfOf((await get(INTRANET, '/identity', { jar: cl.jar })).text),
			extension_reason: 'Not my permission', version: '3' },
		{ jar: cl.jar, headers: { Origin: INTRANET } })).status, 403);
});

// tests/http/access-review.test.mjs: "break glass" and the access review
// (issue 20 item 4). A sealed case file opens without question for its
// officer; a supervisor (dossier.sealed) must first give a reason, which
// is recorded (break_glass, the access log, the audit trail) and opens
// it for a while; an agent without dossier.sealed stays refused. The
// supervisor's review lists, over a window of days, the agents who read
// at least N persons outside the case files assigned to them, read
// sealed case files not theirs or were refused, and every break-glass
// opening with its reason.
//
// The reads to review are a fixture written in the access log with
// times relative to now (a day ago, 40 days ago), so nothing depends on
// the hour the suite runs at; the break glass goes through the pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	INTRANET, csrfOf, get, login, makeAgent, post, sql, uniqueName,
} from './lib.mjs';

const officer = makeAgent('arof', ['case_officer']);
const reader = makeAgent('arrd', ['case_officer']);
const boss = makeAgent('arsv', ['supervisor']);
const boss2 = makeAgent('arsw', ['supervisor']);
const clerk = makeAgent('arcl', ['registrar']);
const idOf = (a) => sql(`SELECT id FROM agent WHERE username = '${a.username}'`)[0][0];

// A person by SQL; returns its id.
function person(name) {
	return sql(`INSERT INTO person (family_name, given_names, created_at,
		updated_at) VALUES ('${name}', 'Test', UTC_TIMESTAMP(6),
		UTC_TIMESTAMP(6)); SELECT LAST_INSERT_ID();`)[0][0];
}

// A case file of the 'regular' procedure for person p, assigned to
// agent id, sealed or not; returns {id, ref}.
function dossier(p, assignee, sealed) {
	const a = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	let ref = '';
	for (let i = 0; i < 8; i++)
		ref += a[Math.floor(Math.random() * a.length)];
	const [[id]] = sql(`INSERT INTO dossier (reference, procedure_id,
		procedure_version_id, status, lodged_on, assignee, sealed, created_at,
		updated_at) SELECT '${ref}', p.id, v.id, 'lodged', '2025-03-04',
		${assignee}, ${sealed}, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
		FROM wf_procedure p JOIN wf_procedure_version v ON v.procedure_id = p.id
		AND v.number = p.current_version WHERE p.code = 'regular';
		SELECT LAST_INSERT_ID();`);
	sql(`INSERT INTO dossier_person (dossier_id, person_id, role, added_at)
		VALUES (${id}, ${p}, 'principal', UTC_TIMESTAMP(6))`);
	return { id, ref };
}

// Reads of persons by agent a (its id), ago: an SQL interval.
function reads(a, persons, ago) {
	for (const p of persons)
		sql(`INSERT INTO access_event (at, agent_id, actor, entity, entity_id,
			reason, request_id) VALUES (UTC_TIMESTAMP(6) - INTERVAL ${ago},
			${idOf(a)}, '${a.username}', 'person', '${p}', 'view',
			'testtesttesttest')`);
}

// The review's row of agent a, or undefined: [persons, outside, sealed,
// glass, refused] as numbers.
function rowOf(html, a) {
	const m = new RegExp(`<th scope="row">${a.username}</th>\\s*` +
		'<td dir="ltr">(\\d+)</td>\\s*<td dir="ltr">(\\d+)</td>\\s*' +
		'<td dir="ltr">(\\d+)</td>\\s*<td dir="ltr">(\\d+)</td>\\s*' +
		'<td dir="ltr">(\\d+)</td>').exec(html);
	return m ? m.slice(1).map(Number) : undefined;
}

test('break glass: a sealed case file outside one\'s assignment opens only with a reason, recorded', async () => {
	const p = person(uniqueName('Glass'));
	const d = dossier(p, idOf(officer), 1);
	const off = await login(officer.username, officer.password);
	assert.equal((await get(INTRANET, `/dossier/${d.id}`, { jar: off.jar })).status, 200, 'its officer: no question');
	assert.equal((await get(INTRANET, `/dossier/${d.id}/break-glass`, { jar: off.jar })).status, 303, 'its officer needs no reason');

	const sv = await login(boss.username, boss.password);
	const first = await get(INTRANET, `/dossier/${d.id}`, { jar: sv.jar });
	assert.equal(first.status, 303);
	assert.equal(first.headers.get('location'), `/dossier/${d.id}/break-glass`);
	const form = await get(INTRANET, `/dossier/${d.id}/break-glass`, { jar: sv.jar });
	assert.equal(form.status, 200);
	assert.ok(form.text.includes(d.ref));
	const send = (path, fields) => post(INTRANET, path, { csrf: csrfOf(form.text), ...fields },
		{ jar: sv.jar, headers: { Origin: INTRANET } });
	// no change goes through without the reason
	assert.equal((await send(`/dossier/${d.id}/seal`, { sealed: '' })).status, 403);
	assert.equal(sql(`SELECT sealed FROM dossier WHERE id = ${d.id}`)[0][0], '1');
	assert.equal((await send(`/dossier/${d.id}/break-glass`, { reason: 'short' })).status, 422, 'a reason of ten characters at least');
	assert.equal(sql(`SELECT COUNT(*) FROM break_glass WHERE dossier_id = ${d.id}`)[0][0], '0');
	const reason = `Complaint ${uniqueName('c')} about this case`;
	const r = await send(`/dossier/${d.id}/break-glass`, { reason });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), `/dossier/${d.id}`);
	assert.deepEqual(sql(`SELECT actor, reason, expires_at > UTC_TIMESTAMP(6) FROM break_glass WHERE dossier_id = ${d.id}`),
		[[boss.username, reason, '1']]);
	const audit = sql(`SELECT actor, changes FROM audit_event WHERE entity = 'dossier' AND entity_id = '${d.id}' AND action = 'break_glass'`);
	assert.equal(audit.length, 1);
	assert.equal(JSON.parse(audit[0][1]).reason.new, reason);
	assert.equal((await get(INTRANET, `/dossier/${d.id}`, { jar: sv.jar })).status, 200, 'open now');
	assert.equal((await get(INTRANET, `/dossier/${d.id}`, { jar: sv.jar })).status, 200, 'and stays open');
	const log = sql(`SELECT reason FROM access_event WHERE entity = 'dossier' AND entity_id = '${d.id}' AND actor = '${boss.username}' ORDER BY id`).map((x) => x[0]);
	assert.deepEqual(log, ['refused:break_glass', 'refused:break_glass', 'break_glass', 'view', 'view']);

	// without dossier.sealed: refused, with or without a reason
	const cl = await login(clerk.username, clerk.password);
	assert.equal((await get(INTRANET, `/dossier/${d.id}`, { jar: cl.jar })).status, 403);
	assert.equal((await get(INTRANET, `/dossier/${d.id}/break-glass`, { jar: cl.jar })).status, 403);
	// an unsealed case file asks nothing
	const open = dossier(person(uniqueName('Open')), idOf(officer), 0);
	assert.equal((await get(INTRANET, `/dossier/${open.id}`, { jar: sv.jar })).status, 200);
});

test('the access review lists unusual reads and break-glass openings', async () => {
	const own = person(uniqueName('Own'));
	dossier(own, idOf(officer), 0);
	const others = [1, 2, 3].map(() => person(uniqueName('Other')));
	// the officer: their own applicant and three persons outside their
	// case files, yesterday
	reads(officer, [own, ...others], '1 DAY');
	// the reader: one person yesterday; five more 40 days ago
	reads(reader, [others[0]], '1 DAY');
	reads(reader, [1, 2, 3, 4, 5].map(() => person(uniqueName('Old'))), '40 DAY');
	// the supervisor opens a sealed case file with a reason
	const sealed = dossier(person(uniqueName('Sealed')), idOf(officer), 1);
	const sv = await login(boss2.username, boss2.password);
	await get(INTRANET, `/dossier/${sealed.id}`, { jar: sv.jar });
	const form = await get(INTRANET, `/dossier/${sealed.id}/break-glass`, { jar: sv.jar });
	const reason = `Audit request ${uniqueName('a')}`;
	assert.equal((await post(INTRANET, `/dossier/${sealed.id}/break-glass`,
		{ csrf: csrfOf(form.text), reason },
		{ jar: sv.jar, headers: { Origin: INTRANET } })).status, 303);
	assert.equal((await get(INTRANET, `/dossier/${sealed.id}`, { jar: sv.jar })).status, 200);

	const page = await get(INTRANET, '/access-review?days=30&min=3', { jar: sv.jar });
	assert.equal(page.status, 200);
	assert.deepEqual(rowOf(page.text, officer), [4, 3, 0, 0, 0], 'three persons outside their case files');
	assert.equal(rowOf(page.text, reader), undefined, 'one person in 30 days: below 3');
	assert.deepEqual(rowOf(page.text, boss2), [0, 0, 1, 1, 1], 'a sealed case file, by break glass, after a refusal');
	const glass = new RegExp(`${boss2.username}</td>\\s*<td><a href="/dossier/${sealed.id}" dir="ltr">${sealed.ref}</a></td>\\s*<td><bdi>${reason}</bdi>`);
	assert.match(page.text, glass, 'the opening with its reason');
	// a longer window takes the older reads in
	const wide = await get(INTRANET, '/access-review?days=60&min=3', { jar: sv.jar });
	assert.deepEqual(rowOf(wide.text, reader), [6, 6, 0, 0, 0]);
	// a higher bar leaves the officer out
	const high = await get(INTRANET, '/access-review?days=30&min=4', { jar: sv.jar });
	assert.equal(rowOf(high.text, officer), undefined);
	assert.equal((await get(INTRANET, '/access-review?days=0', { jar: sv.jar })).status, 422);

	// the same lists as CSV, linked from the page
	assert.match(page.text, /href="\/access-review\/export\?days=30&amp;min=3&amp;table=agents"/);
	const csv = await get(INTRANET, '/access-review/export?days=30&min=3&table=agents', { jar: sv.jar });
	assert.equal(csv.status, 200);
	assert.match(csv.headers.get('content-type'), /^text\/csv/);
	assert.equal(csv.headers.get('content-disposition'),
		'attachment; filename="access-review-agents-30d.csv"');
	const rows = csv.text.split('\r\n');
	assert.equal(rows[0], 'agent,persons_read,outside_assigned,sealed_not_theirs,break_glass,refused');
	assert.ok(rows.includes(`${officer.username},4,3,0,0,0`), csv.text);
	assert.ok(rows.includes(`${boss2.username},0,0,1,1,1`), csv.text);
	assert.ok(!rows.some((l) => l.startsWith(`${reader.username},`)), 'below the bar, as on the page');
	const wideCsv = await get(INTRANET, '/access-review/export?days=60&min=3', { jar: sv.jar });
	assert.ok(wideCsv.text.split('\r\n').includes(`${reader.username},6,6,0,0,0`), 'agents by default, the window applied');
	const gl = await get(INTRANET, '/access-review/export?days=30&table=glass', { jar: sv.jar });
	assert.equal(gl.status, 200);
	assert.equal(gl.text.split('\r\n')[0], 'at_utc,agent,dossier,dossier_id,reason,open_until_utc');
	assert.match(gl.text, new RegExp(`\\r\\n\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d,${boss2.username},${sealed.ref},${sealed.id},${reason},\\d{4}-`));
	assert.equal((await get(INTRANET, '/access-review/export?table=nope', { jar: sv.jar })).status, 400, 'a list it does not have');

	const cl = await login(clerk.username, clerk.password);
	assert.equal((await get(INTRANET, '/access-review', { jar: cl.jar })).status, 403);
	assert.equal((await get(INTRANET, '/access-review/export', { jar: cl.jar })).status, 403);
});

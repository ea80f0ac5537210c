// tests/http/dataprotection.test.mjs: the data-protection page of
// havre-portal (issue 20): retention rules listed with their legal
// sources and edited with a reason (a versioned save: the earlier
// version kept in retention_rule_history, the change audited, a save
// over a newer version refused with both values), legal holds placed
// and released with a reason (audited, seen by the purge's views), and
// the permission that guards it all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	INTRANET, createPerson, csrfOf, get, login, makeAgent, post, sql,
	uniqueName,
} from './lib.mjs';

const dpo = makeAgent('dpadm', ['data_protection_officer']);
const clerk = makeAgent('dpclerk', ['registrar']);

// POST fields with the page's CSRF token.
async function send(jar, page, path, fields) {
	return post(INTRANET, path, { csrf: csrfOf(page.text), ...fields },
		{ jar, headers: { Origin: INTRANET } });
}

test('retention rules: listed with their sources, edited with a reason, versioned and audited', async () => {
	const { jar } = await login(dpo.username, dpo.password);
	const list = await get(INTRANET, '/dataprotection', { jar });
	assert.equal(list.status, 200);
	for (const c of ['booking_contact', 'sms_content', 'access_log', 'registration_draft'])
		assert.match(list.text, new RegExp(`/dataprotection/rules/${c}"`), c);
	assert.match(list.text, /GDPR art\. 5\(1\)\(c\) and \(e\)/);
	for (const c of ['closed_dossier', 'identity_record', 'visit_timings', 'civil_act'])
		assert.match(list.text, new RegExp(`/dataprotection/rules/${c}"`), c);
	// civil-status acts: a rule that never purges, shown as such
	const civil = list.text.slice(list.text.indexOf('/dataprotection/rules/civil_act"'));
	assert.match(civil.slice(0, civil.indexOf('</tr>')), /<td dir="ltr">Never purged<\/td>/);
	assert.match(civil, /Code du patrimoine art\. L211-4/);
	assert.match(list.text, /href="\/dataprotection"/, 'the navigation names the page');

	// a category of its own, so that the suites sharing the database
	// (the purge's) never see its changes
	const cat = uniqueName('t').toLowerCase().slice(0, 30);
	sql(`INSERT INTO retention_rule (category, keep_days, action, starts,
		what, legal_source, enabled, updated_at) VALUES ('${cat}', 30,
		'erase', 'the test', 'nothing real', 'Test source v1', 0,
		UTC_TIMESTAMP(6))`);
	const form = await get(INTRANET, `/dataprotection/rules/${cat}`, { jar });
	assert.equal(form.status, 200);
	assert.match(form.text, /name="keep_days"[^>]*value="30"/);
	assert.match(form.text, /name="version" value="1"/);

	// the reason is required; days are bounded
	let r = await send(jar, form, `/dataprotection/rules/${cat}`,
		{ keep_days: '45', legal_source: 'Test source v2', reason: '', version: '1' });
	assert.equal(r.status, 422);
	r = await send(jar, form, `/dataprotection/rules/${cat}`,
		{ keep_days: '-1', legal_source: 'Test source v2', reason: 'r', version: '1' });
	assert.equal(r.status, 422);
	assert.equal(sql(`SELECT keep_days, version FROM retention_rule WHERE category = '${cat}'`)[0].join(' '), '30 1');

	r = await send(jar, form, `/dataprotection/rules/${cat}`,
		{ keep_days: '45', legal_source: 'Test source v2', reason: 'New notice to applicants', version: '1' });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), '/dataprotection');
	assert.deepEqual(sql(`SELECT keep_days, legal_source, version, updated_by FROM retention_rule WHERE category = '${cat}'`)[0],
		['45', 'Test source v2', '2', dpo.username]);
	assert.deepEqual(sql(`SELECT version, keep_days, legal_source, changed_by, reason FROM retention_rule_history WHERE category = '${cat}'`),
		[['1', '30', 'Test source v1', dpo.username, 'New notice to applicants']]);
	const audit = sql(`SELECT actor, changes FROM audit_event WHERE entity = 'retention_rule' AND entity_id = '${cat}' AND action = 'update'`);
	assert.equal(audit.length, 1);
	assert.equal(audit[0][0], dpo.username);
	const ch = JSON.parse(audit[0][1]);
	assert.deepEqual(ch.keep_days, { old: '30', new: '45' }, audit[0][1]);
	assert.equal(ch.reason.new, 'New notice to applicants');

	// a save made against version 1 is refused: both values shown
	r = await send(jar, form, `/dataprotection/rules/${cat}`,
		{ keep_days: '60', legal_source: 'Test source v2', reason: 'Late save', version: '1' });
	assert.equal(r.status, 409);
	assert.match(r.text, /class="conflict-stored"><bdi>45</);
	assert.match(r.text, /class="conflict-mine"><bdi>60</);
	assert.match(r.text, /name="version" value="2"/);
	assert.equal(sql(`SELECT keep_days FROM retention_rule WHERE category = '${cat}'`)[0][0], '45');
	const again = await get(INTRANET, `/dataprotection/rules/${cat}`, { jar });
	assert.match(again.text, /New notice to applicants/, 'the history shows the reason');

	assert.equal((await get(INTRANET, '/dataprotection/rules/no_such_rule', { jar })).status, 404);
	// the test's category goes (its audit events stay)
	sql(`DELETE FROM retention_rule_history WHERE category = '${cat}';
		DELETE FROM retention_rule WHERE category = '${cat}'`);
});

test('legal holds: placed and released with a reason, audited, seen by the purge', async () => {
	const { jar } = await login(dpo.username, dpo.password);
	const off = await login(clerk.username, clerk.password);
	const s = { jar: off.jar, csrf: csrfOf((await get(INTRANET, '/identity', { jar: off.jar })).text) };
	const person = await createPerson(s, { family_name: uniqueName('Hold'),
		given_names: 'Test', sex: 'F', birth_date: '1980-01-01' });

	let page = await get(INTRANET, '/dataprotection', { jar });
	// a record that does not exist is refused on its field
	let r = await send(jar, page, '/dataprotection/holds', { kind: 'appeal',
		entity: 'person', entity_id: '999999999', reason: 'Appeal lodged' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-entity_id"/);
	r = await send(jar, page, '/dataprotection/holds', { kind: 'appeal',
		entity: 'person', entity_id: String(person), reason: '' });
	assert.equal(r.status, 422);

	const reason = `Appeal lodged ${uniqueName('n')}`;
	r = await send(jar, page, '/dataprotection/holds', { kind: 'appeal',
		entity: 'person', entity_id: String(person), reason });
	assert.equal(r.status, 303);
	const [[id, kind, by]] = sql(`SELECT id, kind, placed_by FROM legal_hold WHERE entity = 'person' AND entity_id = ${person} AND released_at IS NULL`);
	assert.equal(kind, 'appeal');
	assert.equal(by, dpo.username);
	assert.equal(sql(`SELECT COUNT(*) FROM held_person WHERE person_id = ${person}`)[0][0], '1');
	const placed = JSON.parse(sql(`SELECT changes FROM audit_event WHERE entity = 'legal_hold' AND entity_id = '${id}' AND action = 'place'`)[0][0]);
	assert.equal(placed.reason.new, reason);
	page = await get(INTRANET, '/dataprotection', { jar });
	assert.ok(page.text.includes(reason));
	assert.match(page.text, new RegExp(`/dataprotection/holds/${id}/release`));

	const ask = await get(INTRANET, `/dataprotection/holds/${id}/release`, { jar });
	assert.equal(ask.status, 200);
	r = await send(jar, ask, `/dataprotection/holds/${id}/release`, { reason: '' });
	assert.equal(r.status, 422);
	assert.equal(sql(`SELECT released_at IS NULL FROM legal_hold WHERE id = ${id}`)[0][0], '1');
	r = await send(jar, ask, `/dataprotection/holds/${id}/release`, { reason: 'Appeal decided' });
	assert.equal(r.status, 303);
	assert.deepEqual(sql(`SELECT released_by FROM legal_hold WHERE id = ${id} AND released_at IS NOT NULL`), [[dpo.username]]);
	assert.equal(sql(`SELECT COUNT(*) FROM held_person WHERE person_id = ${person}`)[0][0], '0');
	const released = JSON.parse(sql(`SELECT changes FROM audit_event WHERE entity = 'legal_hold' AND entity_id = '${id}' AND action = 'release'`)[0][0]);
	assert.equal(released.reason.new, 'Appeal decided');
	// released twice: nothing changes, one release event
	r = await send(jar, ask, `/dataprotection/holds/${id}/release`, { reason: 'Again' });
	assert.equal(r.status, 303);
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'legal_hold' AND entity_id = '${id}' AND action = 'release'`)[0][0], '1');
});

test('the data-protection page needs its permission', async () => {
	const { jar } = await login(clerk.username, clerk.password);
	assert.equal((await get(INTRANET, '/dataprotection', { jar })).status, 403);
	assert.equal((await get(INTRANET, '/dataprotection/rules/booking_contact', { jar })).status, 403);
	const home = await get(INTRANET, '/dashboard', { jar });
	assert.doesNotMatch(home.text, /href="\/dataprotection"/);
	const r = await post(INTRANET, '/dataprotection/holds', { csrf: csrfOf(home.text),
		kind: 'appeal', entity: 'person', entity_id: '1', reason: 'x' },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 403);
});

// tests/http/registration-rules.test.mjs: the page that edits the triage
// rules of the registration desk (havre-registration rules.c): listed in
// rank order with the reason of their last change; a supervisor adds a
// rule (a safe country of origin), the desk's summary then proposes its
// procedure; an edit and a disabling each need a reason, are audited
// with the fields changed and the reason, and the summary follows; a
// save made against a stale copy changes nothing and shows both values;
// a value its kind does not take, an unknown procedure, a second rule of
// the same kind and value are refused; a registrar (no
// registration.configure) gets 403.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	INTRANET, csrfOf, get, login, makeAgent, post, sql, uniqueName,
} from './lib.mjs';

// A country that is no seeded safe country and that no other test uses
// as a nationality; its rule is this test's own (one left by an earlier
// run on the same database is removed first).
const NATS = ['ISL', 'NOR', 'FIN', 'DNK', 'EST', 'LVA', 'LTU', 'IRL', 'PRT',
	'NZL', 'CHL', 'URY', 'MNG', 'BTN', 'NPL', 'FJI'];
const NAT = NATS[process.pid % NATS.length];
const tag = uniqueName('Rr').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);

function textOf(html) {
	return html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/\s+/g, ' ');
}

async function session(agent, home) {
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, home, { jar });
	assert.equal(page.status, 200, `${agent.username} opens ${home}`);
	return { jar, csrf: csrfOf(page.text) };
}

function send(s, path, fields) {
	return post(INTRANET, path, { csrf: s.csrf, ...fields },
		{ jar: s.jar, headers: { Origin: INTRANET } });
}

// The procedure a registrar's summary proposes for a principal of
// nationality nat (a fresh draft each time, left open then dropped).
async function proposedFor(nat) {
	const s = await session(makeAgent('rgrd', ['registrar']), '/registration');
	assert.equal((await send(s, '/registration/start', {})).status, 303);
	const r = await send(s, '/registration/member/1', { family_name: `Olafs${tag}`,
		given_names: 'Ann', sex: 'F', birth: '1980-01-01', nationality: nat,
		languages: 'English', leaflet: 'rights_procedure', leaflet_lang: 'fr', consent: '1' });
	assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
	if (/\/match$/.test(r.headers.get('location')))
		assert.equal((await send(s, '/registration/member/1/match', { choice: 'create' })).status, 303);
	const sm = await get(INTRANET, '/registration/summary', { jar: s.jar });
	assert.equal(sm.status, 200);
	return { proposed: /<option value="([a-z_]+)" selected>/.exec(sm.text)[1], text: textOf(sm.text) };
}

const ruleRow = (id) => sql(`SELECT kind, value, procedure_code, rank_order, priority_track,
	active, reason, version FROM registration_rule WHERE id = ${id}`)[0];

test('triage rules: listed, added, edited, disabled with reasons, versioned, audited; the summary follows', async () => {
	sql(`DELETE FROM registration_rule WHERE kind = 'safe_country' AND value = '${NAT}'`);
	const sup = await session(makeAgent('rgsup', ['supervisor', 'registrar']), '/registration/rules');
	// The list, in rank order, with the seeded rules.
	let r = await get(INTRANET, '/registration/rules', { jar: sup.jar });
	assert.equal(r.status, 200);
	let t = textOf(r.text);
	assert.match(t, /Triage rules/);
	assert.match(t, /Previous application .*Subsequent application/);
	assert.match(t, /Safe country of origin ALB Accelerated procedure/);
	const ranks = [...r.text.matchAll(/<tr id="rule-\d+">\s*<td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
	assert.ok(ranks.length >= 17);
	assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'rank order');
	// The desk shows the link to those who may edit.
	r = await get(INTRANET, '/registration', { jar: sup.jar });
	assert.match(r.text, /href="\/registration\/rules"/);

	// The country is no safe country yet: the regular procedure.
	assert.equal((await proposedFor(NAT)).proposed, 'regular');

	// Refused: no reason, a value the kind does not take, an unknown
	// procedure; nothing stored.
	const count = () => sql(`SELECT COUNT(*) FROM registration_rule WHERE value = '${NAT}'`)[0][0];
	r = await send(sup, '/registration/rules', { kind: 'safe_country', value: NAT,
		procedure: 'accelerated', rank: '45', active: '1', reason: '' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-reason">[^<]*required/);
	r = await send(sup, '/registration/rules', { kind: 'safe_country', value: 'Nowhere',
		procedure: 'accelerated', rank: '45', active: '1', reason: 'Listed by decree' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-value">[^<]*does not fit the kind/);
	r = await send(sup, '/registration/rules', { kind: 'safe_country', value: NAT,
		procedure: 'no_such_procedure', rank: '45', active: '1', reason: 'Listed by decree' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-procedure"/);
	r = await send(sup, '/registration/rules', { kind: 'previous_application', value: 'x',
		procedure: 'subsequent', rank: '45', active: '1', reason: 'Listed by decree' });
	assert.equal(r.status, 422);
	assert.equal(count(), '0');

	// Added, lower-case code written as ISO writes it.
	const reason1 = `Listed by decree ${tag}`;
	r = await send(sup, '/registration/rules', { kind: 'safe_country', value: NAT.toLowerCase(),
		procedure: 'accelerated', rank: '45', active: '1', reason: reason1 });
	assert.equal(r.status, 303, textOf(r.text).slice(0, 400));
	const id = sql(`SELECT id FROM registration_rule WHERE kind = 'safe_country' AND value = '${NAT}'`)[0][0];
	assert.match(r.headers.get('location'), new RegExp(`/registration/rules#rule-${id}$`));
	assert.deepEqual(ruleRow(id), ['safe_country', NAT, 'accelerated', '45', '0', '1', reason1, '1']);
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'registration_rule'
		AND entity_id = '${id}' AND action = 'create' AND changes LIKE '%Listed by decree%'`)[0][0], '1');
	// A second rule of the same kind and value: refused.
	r = await send(sup, '/registration/rules', { kind: 'safe_country', value: NAT,
		procedure: 'border', rank: '46', active: '1', reason: 'Twice' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-value">[^<]*already exists/);
	assert.equal(count(), '1');
	// The summary proposes it, with its reason.
	let p = await proposedFor(NAT);
	assert.equal(p.proposed, 'accelerated');
	assert.match(p.text, new RegExp(`safe countries of origin: ${NAT}`));

	// The list shows it with its reason.
	r = await get(INTRANET, '/registration/rules', { jar: sup.jar });
	assert.ok(textOf(r.text).includes(reason1));

	// Edited: the border procedure on the priority track, with a reason.
	r = await get(INTRANET, `/registration/rules/${id}`, { jar: sup.jar });
	assert.equal(r.status, 200);
	assert.match(r.text, /name="version" value="1"/);
	assert.ok(textOf(r.text).includes(reason1), 'the last change\'s reason shown');
	r = await send(sup, `/registration/rules/${id}`, { value: NAT, procedure: 'border',
		rank: '44', priority: '1', active: '1', reason: '', version: '1' });
	assert.equal(r.status, 422, 'a change needs its reason');
	assert.equal(ruleRow(id)[7], '1');
	const reason2 = 'Arrivals from there examined at the border';
	r = await send(sup, `/registration/rules/${id}`, { value: NAT, procedure: 'border',
		rank: '44', priority: '1', active: '1', reason: reason2, version: '1' });
	assert.equal(r.status, 303, textOf(r.text).slice(0, 400));
	assert.deepEqual(ruleRow(id), ['safe_country', NAT, 'border', '44', '1', '1', reason2, '2']);
	const changes = sql(`SELECT changes FROM audit_event WHERE entity = 'registration_rule'
		AND entity_id = '${id}' AND action = 'update' ORDER BY seq DESC LIMIT 1`)[0][0];
	for (const f of ['procedure_code', 'accelerated', 'border', 'rank_order', 'priority_track', 'Arrivals from there'])
		assert.ok(changes.includes(f), `${f} in ${changes}`);
	assert.ok(!changes.includes('"kind"'), 'unchanged fields not recorded');
	p = await proposedFor(NAT);
	assert.equal(p.proposed, 'border');

	// A save against the stale version 1: nothing changed, both values.
	r = await send(sup, `/registration/rules/${id}`, { value: NAT, procedure: 'regular',
		rank: '44', active: '1', reason: 'Stale copy', version: '1' });
	assert.equal(r.status, 409);
	t = textOf(r.text);
	assert.match(t, /changed by someone else/);
	assert.match(t, /Procedure proposed Border procedure Regular procedure/);
	assert.match(t, /Priority track yes no/);
	assert.match(r.text, /name="version" value="2"/);
	assert.deepEqual(ruleRow(id), ['safe_country', NAT, 'border', '44', '1', '1', reason2, '2']);

	// Disabled with a reason: the summary no longer applies it.
	const reason3 = `Removed from the list ${tag}`;
	r = await send(sup, `/registration/rules/${id}`, { value: NAT, procedure: 'border',
		rank: '44', priority: '1', reason: reason3, version: '2' });
	assert.equal(r.status, 303);
	assert.deepEqual(ruleRow(id).slice(5), ['0', reason3, '3']);
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'registration_rule'
		AND entity_id = '${id}' AND action = 'update' AND changes LIKE '%active%'
		AND changes LIKE '%Removed from the list%'`)[0][0], '1');
	r = await get(INTRANET, '/registration/rules', { jar: sup.jar });
	assert.match(textOf(r.text), new RegExp(`${NAT} Border procedure yes disabled ${reason3}`));
	assert.equal((await proposedFor(NAT)).proposed, 'regular');
});

test('triage rules: only agents with registration.configure', async () => {
	const desk = await session(makeAgent('rgrn', ['registrar']), '/registration');
	let r = await get(INTRANET, '/registration/rules', { jar: desk.jar });
	assert.equal(r.status, 403);
	const id = sql("SELECT id FROM registration_rule WHERE kind = 'safe_country' AND value = 'ALB'")[0][0];
	const before = JSON.stringify(ruleRow(id));
	r = await send(desk, `/registration/rules/${id}`, { value: 'ALB', procedure: 'regular',
		rank: '50', active: '1', reason: 'Not mine to change', version: ruleRow(id)[7] });
	assert.equal(r.status, 403);
	assert.equal(JSON.stringify(ruleRow(id)), before);
	r = await get(INTRANET, '/registration', { jar: desk.jar });
	assert.doesNotMatch(r.text, /href="\/registration\/rules"/);
});

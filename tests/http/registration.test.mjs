// tests/http/registration.test.mjs: havre-registration through nginx
// (issue 16): a 4-person household whose spouse is already in the
// register (found by the duplicate check, its previous application
// shown, linked not created again), an MRZ filling the principal's
// document, the automatic checks next to their fields, each triage rule
// and a registrar's override with its reason, the receipt in Arabic and
// French, a double submit saving one household, a database failure
// injected mid-save leaving no row, drafts resumed, purged when old, and
// a person registered meanwhile caught at saving; a registration
// started from a reception counter, filled from the booking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import {
	INTRANET, createPerson, csrfOf, get, login, makeAgent, post, postDecided, sql,
	uniqueName,
} from './lib.mjs';
import { makeAppointment, makeSite, makeStations } from './reception-fixture.mjs';

// Letters only (names), unique to this run.
const tag = uniqueName('Rg').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);
let seq = 0;
// A fresh letters-only suffix.
function letters() {
	seq++;
	return `${tag}${'abcdefghij'[seq % 10]}${'abcdefghij'[Math.floor(seq / 10) % 10]}`;
}

async function session(agent, home = '/registration') {
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, home, { jar });
	assert.equal(page.status, 200, `${agent.username} opens ${home}`);
	return { jar, csrf: csrfOf(page.text) };
}

function send(s, path, fields) {
	return post(INTRANET, path, { csrf: s.csrf, ...fields },
		{ jar: s.jar, headers: { Origin: INTRANET } });
}

function textOf(html) {
	return html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/\s+/g, ' ');
}

// ICAO 9303 check digit (weights 7 3 1; < = 0, A = 10).
function check(s) {
	const w = [7, 3, 1];
	let sum = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		const v = c === '<' ? 0 : /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
		sum += v * w[i % 3];
	}
	return String(sum % 10);
}

// A passport's two MRZ lines (TD3) with every check digit right.
function td3({ state, family, given, number, nat, birth, sex, expiry }) {
	const names = `${family}<<${given.replace(/ /g, '<')}`.toUpperCase().padEnd(39, '<').slice(0, 39);
	const l1 = `P<${state}${names}`;
	const doc = number.padEnd(9, '<');
	const opt = '<'.repeat(14);
	const part = `${doc}${check(doc)}${nat}${birth}${check(birth)}${sex}${expiry}${check(expiry)}${opt}${check(opt)}`;
	const composite = check(part.slice(0, 10) + part.slice(13, 20) + part.slice(21, 43));
	return `${l1}\n${part}${composite}`;
}

// A principal applicant's usual fields.
function principalFields(over = {}) {
	return { family_name: `Haddad${letters()}`, given_names: 'Omar', sex: 'M',
		birth: '1985-04-12', nationality: 'SYR', languages: 'Arabic',
		phone: '+33612345678', address: '3 rue de la Gare, Lyon',
		leaflet: 'rights_procedure', leaflet_lang: 'ar', consent: '1', ...over };
}

// A birth date for a principal of its own: the save's check also meets
// the persons written within a minute before a member's check (perhaps
// not yet visible to it: PERSON_RECHECK_MARGIN), so an "Omar" of the
// usual date another test saved seconds before could be shown there.
function ownBirth() {
	return `19${randomInt(40, 80)}-0${randomInt(1, 10)}-${randomInt(10, 29)}`;
}

// Start the agent's registration (a walk-in): 303 to the principal.
async function start(s) {
	const r = await send(s, '/registration/start', {});
	assert.equal(r.status, 303);
	return r;
}

// Post member pos; when the check finds candidates and create is true,
// decide "create". Returns the answer to the member's POST.
async function member(s, pos, fields, { create = true } = {}) {
	const r = await send(s, `/registration/member/${pos}`, fields);
	if (r.status === 303 && /\/match$/.test(r.headers.get('location')) && create) {
		const d = await send(s, `/registration/member/${pos}/match`, { choice: 'create' });
		assert.equal(d.status, 303);
	}
	return r;
}

// The summary page and its proposed procedure (the selected option).
async function summary(s) {
	const r = await get(INTRANET, '/registration/summary', { jar: s.jar });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	const sel = /<option value="([a-z_]+)" selected>/.exec(r.text)?.[1];
	return { r, proposed: sel, text: textOf(r.text) };
}

function draftId(html) {
	return /name="draft" value="(\d+)"/.exec(html)[1];
}

const registrar = makeAgent('rgdesk', ['registrar']);
const officer = makeAgent('rgoff', ['case_officer']);

test('a 4-person household: the spouse already registered is found, shown with her previous application, linked; the MRZ fills the document; one transaction; a double submit saves one household', async () => {
	const s = await session(registrar);
	// The spouse, registered earlier with a case file.
	const spouseFamily = `Khalil${letters()}`;
	const spouseId = await createPerson(s, { family_name: spouseFamily,
		given_names: 'Rania', sex: 'F', birth_date: '1988-09-03', nationality: 'SYR' });
	const dn = await get(INTRANET, `/dossier/new?person_id=${spouseId}`, { jar: s.jar });
	assert.equal(dn.status, 200);
	const reg = sql("SELECT id FROM wf_procedure WHERE code = 'regular'")[0][0];
	const d0 = await post(INTRANET, '/dossier', { csrf: csrfOf(dn.text), person_id: spouseId,
		procedure_id: reg, lodged_on: '2024-03-01' }, { jar: s.jar, headers: { Origin: INTRANET } });
	assert.equal(d0.status, 303, d0.text.slice(0, 300));
	const spouseRef = sql(`SELECT d.reference FROM dossier d JOIN dossier_person p ON p.dossier_id = d.id WHERE p.person_id = ${spouseId}`)[0][0];

	await start(s);
	// The principal: names as written in Latin, his passport's MRZ
	// read by the scanner fills the number, country and expiry.
	const family = `Haddad${letters()}`;
	const number = `N${String(Date.now()).slice(-7)}`;
	const mrz = td3({ state: 'SYR', family, given: 'OMAR', number, nat: 'SYR',
		birth: '850412', sex: 'M', expiry: '341231' });
	let r = await member(s, 1, principalFields({ family_name: family, mrz,
		need_single_parent: '' }));
	assert.equal(r.status, 303, textOf(r.text).slice(0, 400));
	let row = sql(`SELECT doc_number, doc_country, doc_expiry, doc_type, family_latin FROM registration_member m JOIN registration_draft d ON d.id = m.draft_id WHERE m.family_name = '${family}'`)[0];
	assert.deepEqual(row.slice(0, 4), [number, 'SYR', '2034-12-31', 'passport']);

	// The spouse typed again at the desk: the check finds her.
	r = await send(s, '/registration/member/2', { relation: 'spouse', family_name: spouseFamily,
		given_names: 'Rania', sex: 'F', birth: '1988-09-03', nationality: 'SYR', languages: 'Arabic' });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), '/registration/member/2/match');
	const m = await get(INTRANET, '/registration/member/2/match', { jar: s.jar });
	assert.equal(m.status, 200);
	assert.match(m.text, new RegExp(`name="choice" id="f-choice-${spouseId}" value="${spouseId}"`));
	const mt = textOf(m.text);
	assert.match(mt, /A previous application was found/);
	assert.ok(mt.includes(`${spouseRef.slice(0, 4)}-${spouseRef.slice(4)}`), 'her case file is shown');
	// A made-up candidate is refused.
	r = await send(s, '/registration/member/2/match', { choice: '999999999' });
	assert.equal(r.status, 422);
	r = await send(s, '/registration/member/2/match', { choice: spouseId });
	assert.equal(r.status, 303);

	// Two children: one with names written in Arabic (Latin proposed).
	r = await member(s, 3, { relation: 'child', family_name: family, given_names: 'Lina',
		sex: 'F', birth: '2012-00-00', nationality: 'SYR', languages: 'Arabic' });
	assert.equal(r.status, 303);
	r = await member(s, 4, { relation: 'child', family_name: 'حداد', given_names: 'سامي',
		sex: 'M', birth: '2016-05-00', nationality: 'SYR', languages: 'Arabic, French',
		need_serious_medical: '1' });
	assert.equal(r.status, 303);
	const home = await get(INTRANET, '/registration', { jar: s.jar });
	assert.match(textOf(home.text), /hdad, sam/i, 'Latin letters proposed by the transliteration');

	// The summary: the previous application proposes the subsequent
	// procedure, with its reason; the medical need is listed too.
	const sm = await summary(s);
	assert.equal(sm.proposed, 'subsequent');
	assert.match(sm.text, /A previous application was found by the duplicate check/);
	assert.match(sm.text, /serious medical condition/);
	assert.match(sm.text, /Linked to an existing person/);
	// Partial birth dates read as words (issue 13 item 9), isolated.
	assert.match(sm.r.text, /<bdi>May 2016<\/bdi>/, 'a month and a year in words');
	assert.match(sm.r.text, /<bdi>2012<\/bdi>/, 'a year alone');
	assert.doesNotMatch(sm.text, /2016-05-00|2012-00-00/);
	const draft = draftId(sm.r.text);
	const before = Number(sql('SELECT COUNT(*) FROM person')[0][0]);

	// Two submits at once: one household.
	const fields = { draft, procedure: 'subsequent', reason: '' };
	const [a, b] = await Promise.all([send(s, '/registration/save', fields),
		send(s, '/registration/save', fields)]);
	assert.equal(a.status, 303, textOf(a.text).slice(0, 300));
	assert.equal(b.status, 303, textOf(b.text).slice(0, 300));
	assert.equal(a.headers.get('location'), `/registration/receipt/${draft}`);
	assert.equal(b.headers.get('location'), `/registration/receipt/${draft}`);
	assert.equal(Number(sql('SELECT COUNT(*) FROM person')[0][0]), before + 3,
		'three persons created, the spouse linked');
	const dossier = sql(`SELECT dossier_id FROM registration_draft WHERE id = ${draft}`)[0][0];
	const persons = sql(`SELECT person_id, role, COALESCE(relation, '') FROM dossier_person WHERE dossier_id = ${dossier} ORDER BY role DESC, person_id`);
	assert.equal(persons.length, 4);
	assert.ok(persons.some(([p, , rel]) => p === spouseId && rel === 'spouse'));
	const principal = persons.find(([, role]) => role === 'principal')[0];
	assert.equal(sql(`SELECT COUNT(*) FROM person_link WHERE person_id = ${principal}`)[0][0], '3');
	assert.equal(sql(`SELECT relation FROM person_link WHERE person_id = ${spouseId} AND relative_id = ${principal}`)[0][0], 'spouse');
	assert.equal(sql(`SELECT number FROM person_document WHERE person_id = ${principal}`)[0][0], number);
	assert.match(sql(`SELECT mrz FROM person_document WHERE person_id = ${principal}`)[0][0], /^P<SYR/);
	// The dossier: lodged today, its clocks started.
	const [proc, clocks] = sql(`SELECT p.code, (SELECT COUNT(*) FROM dossier_clock c WHERE c.dossier_id = d.id) FROM dossier d JOIN wf_procedure p ON p.id = d.procedure_id WHERE d.id = ${dossier}`)[0];
	assert.equal(proc, 'subsequent');
	assert.ok(Number(clocks) >= 1, 'the legal clock started');
	assert.equal(sql(`SELECT COUNT(*) FROM dossier WHERE id IN (SELECT dossier_id FROM dossier_person WHERE person_id = ${principal})`)[0][0], '1');
	// Audit rows: the save, the persons, the dossier.
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'registration_draft' AND entity_id = '${draft}' AND action = 'save'`)[0][0], '1');
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'dossier' AND entity_id = '${dossier}' AND action = 'create'`)[0][0], '1');
	// The new persons are in the register's keys (findable).
	assert.ok(Number(sql(`SELECT COUNT(*) FROM person_name_key WHERE person_id = ${principal}`)[0][0]) > 0);
	// The desk is free again.
	const again = await get(INTRANET, '/registration', { jar: s.jar });
	assert.match(textOf(again.text), /No registration is in progress/);
});

test('automatic checks explain themselves next to each field, and nothing is stored', async () => {
	const agent = makeAgent('rgchk', ['registrar']);
	const s = await session(agent);
	await start(s);
	// The principal without consent, an expired passport, a phone too
	// short for France, a birth date in the future.
	let r = await send(s, '/registration/member/1', principalFields({
		consent: '', birth: '2090-01-01', phone: '+33612345', doc_type: 'passport',
		doc_number: 'X1234567', doc_expiry: '2020-01-01', doc_issued: '2099-01-01' }));
	assert.equal(r.status, 422);
	let t = r.text;
	assert.match(t, /id="e-consent">[^<]*must be informed and consent/);
	assert.match(t, /id="e-birth">[^<]*in the future/);
	assert.match(t, /id="e-doc_expiry">[^<]*has expired/);
	assert.match(t, /id="e-doc_issued">[^<]*in the future/);
	assert.match(t, /id="e-phone">[^<]*too many or too few digits/);
	// A field its spec refuses keeps its own message beside the others.
	r = await send(s, '/registration/member/1', principalFields({ consent: '', birth: '1990-13-45' }));
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-birth">[^<]*YYYY-MM-DD/);
	assert.match(r.text, /id="e-consent">[^<]*must be informed/);
	assert.match(t, /value="\+33612345"/, 'the input is kept on the page');
	// A wrong MRZ check digit.
	const good = td3({ state: 'SYR', family: 'TEST', given: 'ONE', number: 'A1234567',
		nat: 'SYR', birth: '850412', sex: 'M', expiry: '341231' });
	const bad = good.slice(0, -2) + String((Number(good.slice(-2, -1)) + 1) % 10) + good.slice(-1);
	r = await send(s, '/registration/member/1', principalFields({ mrz: bad }));
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-mrz">[^<]*check digit/);
	assert.equal(sql(`SELECT COUNT(*) FROM registration_member m JOIN registration_draft d ON d.id = m.draft_id JOIN agent a ON a.id = d.agent_id WHERE a.username = '${agent.username}'`)[0][0], '0');
	// A child born before the principal's 12th birthday; a parent too
	// young; an adult marked unaccompanied child.
	r = await member(s, 1, principalFields({ birth: '1985-04-12' }));
	assert.equal(r.status, 303);
	r = await send(s, '/registration/member/2', { relation: 'child', family_name: 'Haddad',
		given_names: 'Early', sex: 'F', birth: '1996-03-00', nationality: 'SYR', languages: 'Arabic' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-birth">[^<]*born before the principal applicant(&#39;|')s 12th birthday/);
	r = await send(s, '/registration/member/2', { relation: 'parent', family_name: 'Haddad',
		given_names: 'Young', sex: 'F', birth: '1980-00-00', nationality: 'SYR', languages: 'Arabic' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-birth">[^<]*12th birthday/);
	r = await send(s, '/registration/member/2', { relation: 'sibling', family_name: 'Haddad',
		given_names: 'Adult', sex: 'F', birth: '1990-00-00', nationality: 'SYR', languages: 'Arabic',
		need_unaccompanied_child: '1' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-need_unaccompanied_child">[^<]*18 or older/);
	// Missing required fields of a member.
	r = await send(s, '/registration/member/2', { family_name: '' });
	assert.equal(r.status, 422);
	for (const f of ['relation', 'family_name', 'sex', 'birth', 'nationality', 'languages'])
		assert.match(r.text, new RegExp(`id="e-${f}">[^<]*This field is required`), f);
	// A position beyond the next one does not exist.
	r = await get(INTRANET, '/registration/member/5', { jar: s.jar });
	assert.equal(r.status, 404);
});

// Register a household of the given members (the first is the
// principal) with a fresh registrar; returns {s, draft, proposed, text}.
async function household(members, { agent } = {}) {
	const s = await session(agent ?? makeAgent('rgtri', ['registrar']));
	await start(s);
	for (let i = 0; i < members.length; i++) {
		const r = await member(s, i + 1, members[i]);
		assert.equal(r.status, 303, textOf(r.text).slice(0, 400));
	}
	const sm = await summary(s);
	return { s, draft: draftId(sm.r.text), proposed: sm.proposed, text: sm.text, html: sm.r.text };
}

test('triage: a safe country of origin proposes the accelerated procedure; an override needs a reason and is recorded', async () => {
	const h = await household([principalFields({ nationality: 'ALB', phone: '' })]);
	assert.equal(h.proposed, 'accelerated');
	assert.match(h.text, /Nationality on the list of safe countries of origin: ALB/);
	let r = await send(h.s, '/registration/save', { draft: h.draft, procedure: 'regular', reason: '' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-reason">[^<]*Give the reason/);
	assert.equal(sql(`SELECT status FROM registration_draft WHERE id = ${h.draft}`)[0][0], 'open');
	r = await send(h.s, '/registration/save', { draft: h.draft, procedure: 'regular',
		reason: 'Persecution as a journalist documented at the desk' });
	assert.equal(r.status, 303);
	const t = sql(`SELECT proposed, chosen, override_reason, reasons FROM registration_triage WHERE draft_id = ${h.draft}`)[0];
	assert.deepEqual(t, ['accelerated', 'regular', 'Persecution as a journalist documented at the desk', 'safe_country:ALB']);
	const dossier = sql(`SELECT dossier_id FROM registration_draft WHERE id = ${h.draft}`)[0][0];
	assert.equal(sql(`SELECT p.code FROM dossier d JOIN wf_procedure p ON p.id = d.procedure_id WHERE d.id = ${dossier}`)[0][0], 'regular');
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'registration_draft' AND entity_id = '${h.draft}' AND action = 'save' AND changes LIKE '%journalist%'`)[0][0], '1');
});

test('triage: a specific need calls for the regular procedure on the priority track, even from a safe country', async () => {
	const h = await household([principalFields({ nationality: 'ALB', phone: '',
		need_torture_survivor: '1' })]);
	assert.equal(h.proposed, 'regular');
	assert.match(h.text, /Specific need calling for special procedural guarantees: survivor of torture or violence/);
	assert.match(h.text, /priority track/);
	const r = await send(h.s, '/registration/save', { draft: h.draft, procedure: 'regular', reason: '' });
	assert.equal(r.status, 303);
	assert.deepEqual(sql(`SELECT chosen, priority_track FROM registration_triage WHERE draft_id = ${h.draft}`)[0], ['regular', '1']);
});

test('triage: a family member already protected proposes family reunification; no rule: the regular procedure', async () => {
	// A refugee of the register: a case file with a decision granting
	// protection, recorded by a case officer.
	const o = await session(officer, '/dossier');
	const fam = `Nasser${letters()}`;
	const id = await createPerson(o, { family_name: fam, given_names: 'Youssef', sex: 'M',
		birth_date: '1979-02-02', nationality: 'SDN' });
	const dn = await get(INTRANET, `/dossier/new?person_id=${id}`, { jar: o.jar });
	const reg = sql("SELECT id FROM wf_procedure WHERE code = 'regular'")[0][0];
	let r = await post(INTRANET, '/dossier', { csrf: csrfOf(dn.text), person_id: id, procedure_id: reg },
		{ jar: o.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, r.text.slice(0, 200));
	const did = /\/dossier\/(\d+)/.exec(r.headers.get('location'))[1];
	const page = await get(INTRANET, `/dossier/${did}`, { jar: o.jar });
	r = await post(INTRANET, `/dossier/${did}/decisions`, { csrf: csrfOf(page.text), outcome: 'granted',
		text: 'Refugee status granted under the 1951 Convention.' }, { jar: o.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303);

	// His wife registers; he is added as her spouse and linked.
	const s = await session(makeAgent('rgfam', ['registrar']));
	await start(s);
	r = await member(s, 1, principalFields({ family_name: fam, given_names: 'Huda', sex: 'F',
		nationality: 'SDN', birth: '1983-00-00', phone: '' }));
	assert.equal(r.status, 303);
	r = await send(s, '/registration/member/2', { relation: 'spouse', family_name: fam,
		given_names: 'Youssef', sex: 'M', birth: '1979-02-02', nationality: 'SDN', languages: 'Arabic' });
	assert.equal(r.headers.get('location'), '/registration/member/2/match');
	r = await send(s, '/registration/member/2/match', { choice: id });
	assert.equal(r.status, 303);
	const sm = await summary(s);
	// The rules in rank order: his case file is a previous application
	// too (subsequent ranks first), and the protection is listed.
	assert.match(sm.text, /A family member is already protected/);
	assert.ok(['subsequent', 'family_reunification'].includes(sm.proposed));

	// With the previous-application rule switched off (rules are data),
	// family reunification is proposed.
	sql("UPDATE registration_rule SET active = 0 WHERE kind = 'previous_application'");
	try {
		const again = await summary(s);
		assert.equal(again.proposed, 'family_reunification');
	} finally {
		sql("UPDATE registration_rule SET active = 1 WHERE kind = 'previous_application'");
	}

	// No rule applies: regular, said so.
	const h = await household([principalFields({ nationality: 'ERI', phone: '' })]);
	assert.equal(h.proposed, 'regular');
	assert.match(h.text, /No rule applies: the regular procedure is proposed/);
});

test('the receipt in Arabic (the applicant\'s language) and French (the agency\'s): reference, date, procedure, documents expected, how to follow', async () => {
	const fam = `Saleh${letters()}`;
	const h = await household([
		principalFields({ family_name: fam, given_names: 'Ahmad', leaflet_lang: 'ar', phone: '' }),
		{ relation: 'child', family_name: fam, given_names: 'Maya', sex: 'F', birth: '2015-00-00',
			nationality: 'SYR', languages: 'Arabic' },
	]);
	let r = await send(h.s, '/registration/save', { draft: h.draft, procedure: h.proposed, reason: '' });
	assert.equal(r.status, 303);
	r = await get(INTRANET, `/registration/receipt/${h.draft}`, { jar: h.s.jar });
	assert.equal(r.status, 200);
	const ref = sql(`SELECT d.reference, DATE_FORMAT(d.lodged_on, '%Y-%m-%d') FROM dossier d JOIN registration_draft g ON g.dossier_id = d.id WHERE g.id = ${h.draft}`)[0];
	const shown = `${ref[0].slice(0, 4)}-${ref[0].slice(4)}`;
	const ar = /<section class="card" lang="ar" dir="rtl"[^>]*>([\s\S]*?)<\/section>/.exec(r.text);
	const fr = /<section class="card" lang="fr" dir="ltr"[^>]*>([\s\S]*?)<\/section>/.exec(r.text);
	assert.ok(ar && fr, 'one section in Arabic, right to left, one in French');
	assert.ok(ar.index < fr.index, 'the applicant\'s language first');
	const at = textOf(ar[1]);
	const ft = textOf(fr[1]);
	assert.match(at, /إيصال طلب اللجوء الخاص بك/);
	assert.match(at, /المرجع/);
	assert.ok(at.includes(shown) && ft.includes(shown), 'the reference in both');
	assert.ok(at.includes(ref[1]) && ft.includes(ref[1]), 'the lodging date in both');
	assert.match(at, /الإجراء العادي/);
	assert.match(at, /الوثائق التي ما زالت مطلوبة وثيقة هوية [^;]*Ahmad ; وثيقة هوية [^;]*Maya/);
	assert.match(at, /\/status/);
	assert.match(ft, /Récépissé de votre demande d’asile/);
	assert.match(ft, /Procédure normale/);
	assert.match(ft, /Documents encore attendus Document d’identité de [^;]*Ahmad ; Document d’identité de [^;]*Maya/);
	assert.match(ft, /Suivez votre dossier sur la page de suivi \(\/status\) avec votre référence/);
	// What /status shows: the documents still expected.
	assert.match(sql(`SELECT missing_documents FROM dossier d JOIN registration_draft g ON g.dossier_id = d.id WHERE g.id = ${h.draft}`)[0][0], /Maya/);
	// Asked in French only (the applicant reads French): one section.
	r = await get(INTRANET, `/registration/receipt/${h.draft}?lang=fr`, { jar: h.s.jar });
	assert.equal((r.text.match(/<section class="card"/g) ?? []).length, 1);
	// Another agent's receipt is not found.
	const other = await session(makeAgent('rgoth', ['registrar']));
	r = await get(INTRANET, `/registration/receipt/${h.draft}`, { jar: other.jar });
	assert.equal(r.status, 404);
});

test('a database failure mid-save leaves no row, the household still on the page; saving again works', async () => {
	const fam = `Fault${letters()}`;
	const h = await household([
		principalFields({ family_name: fam, phone: '' }),
		{ relation: 'spouse', family_name: fam, given_names: 'Salma', sex: 'F', birth: '1987-00-00',
			nationality: 'SYR', languages: 'Arabic' },
	]);
	const counts = () => sql(`SELECT (SELECT COUNT(*) FROM person WHERE family_name = '${fam}'), (SELECT COUNT(*) FROM dossier), (SELECT COUNT(*) FROM person_link), (SELECT COUNT(*) FROM dossier_clock)`)[0];
	const before = counts();
	// The fault: the triage row, written after the persons, links, the
	// dossier and its clocks, fails.
	sql(`CREATE TRIGGER reg_fault_${process.pid} BEFORE INSERT ON registration_triage FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected fault'`);
	let r;
	try {
		r = await send(h.s, '/registration/save', { draft: h.draft, procedure: h.proposed, reason: '' });
	} finally {
		sql(`DROP TRIGGER reg_fault_${process.pid}`);
	}
	assert.equal(r.status, 500);
	const t = textOf(r.text);
	assert.match(t, /could not be saved: nothing was recorded/);
	assert.ok(t.includes(fam) && t.includes('Salma'), 'the household is still on the page');
	assert.deepEqual(counts(), before, 'no person, dossier, link or clock written');
	assert.equal(sql(`SELECT status FROM registration_draft WHERE id = ${h.draft}`)[0][0], 'open');
	r = await send(h.s, '/registration/save', { draft: h.draft, procedure: h.proposed, reason: '' });
	assert.equal(r.status, 303);
	assert.equal(sql(`SELECT COUNT(*) FROM person WHERE family_name = '${fam}'`)[0][0], '2');
});

test('drafts: resumed where they stopped, purged when old, and a person registered meanwhile is caught at saving', async () => {
	const agent = makeAgent('rgdraft', ['registrar']);
	let s = await session(agent);
	await start(s);
	const fam = `Draft${letters()}`;
	let r = await member(s, 1, principalFields({ family_name: fam, phone: '',
		birth: ownBirth() }));
	assert.equal(r.status, 303);
	r = await member(s, 2, { relation: 'sibling', family_name: fam, given_names: 'Karim', sex: 'M',
		birth: '1991-07-07', nationality: 'SYR', languages: 'Arabic' });
	assert.equal(r.status, 303);
	// Another sign-in later: the same household, the principal's form
	// filled from the draft.
	s = await session(agent);
	const home = await get(INTRANET, '/registration', { jar: s.jar });
	assert.ok(textOf(home.text).includes(`${fam}, Karim`));
	const p1 = await get(INTRANET, '/registration/member/1', { jar: s.jar });
	assert.match(p1.text, new RegExp(`name="family_name"[^>]* value="${fam}"`));
	// The brother's check is kept with the fields it read and when it
	// looked the register up: the save checks again only what was
	// written since (person_dup_recheck), the path the catch below takes.
	const kept = sql(`SELECT m.check_hash <> '', m.check_at IS NOT NULL FROM registration_member m JOIN registration_draft d ON d.id = m.draft_id WHERE d.agent_id = (SELECT id FROM agent WHERE username = '${agent.username}') AND m.position = 2`);
	assert.deepEqual(kept, [['1', '1']]);
	// Meanwhile the brother is registered at another desk (identity).
	const o = await session(officer, '/dossier');
	await createPerson(o, { family_name: fam, given_names: 'Karim', sex: 'M',
		birth_date: '1991-07-07', nationality: 'SYR' });
	const sm = await summary(s);
	r = await send(s, '/registration/save', { draft: draftId(sm.r.text), procedure: sm.proposed, reason: '' });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), '/registration/member/2/match');
	assert.equal(sql(`SELECT COUNT(*) FROM person WHERE family_name = '${fam}'`)[0][0], '1', 'nothing saved yet');
	r = await send(s, '/registration/save', { draft: draftId(sm.r.text), procedure: sm.proposed, reason: '' });
	assert.equal(r.status, 409, 'the decision is waiting');
	// A draft left for longer than Registration.DraftDays is purged.
	const id = draftId(sm.r.text);
	sql(`UPDATE registration_draft SET updated_at = UTC_TIMESTAMP() - INTERVAL 30 DAY WHERE id = ${id}`);
	const after = await get(INTRANET, '/registration', { jar: s.jar });
	assert.match(textOf(after.text), /No registration is in progress/);
	assert.equal(sql(`SELECT COUNT(*) FROM registration_draft WHERE id = ${id}`)[0][0], '0');
	assert.equal(sql(`SELECT COUNT(*) FROM registration_member WHERE draft_id = ${id}`)[0][0], '0');
});

test('only agents with registration.register reach the desk', async () => {
	const { jar } = await login(officer.username, officer.password);
	const r = await get(INTRANET, '/registration', { jar });
	assert.equal(r.status, 403);
});

test('started from a reception counter: the principal\'s form is filled from what the booking holds', async () => {
	const fam = `Counter${letters()}`;
	const site = makeSite();
	const [station] = makeStations(site.siteId, site.serviceId, ['Registration']);
	const a = makeAppointment(site, { family: fam });
	sql(`UPDATE appointment SET given_names = 'Yara', document_number = 'PA7654321', lang = 'ar' WHERE id = ${a.id}`);
	// A registrar who also serves a reception counter.
	const agent = makeAgent('rgcnt', ['reception', 'registrar']);
	const s = await session(agent, `/reception/checkin?site=${site.siteId}`);
	let r = await send(s, '/reception/checkin', { site: site.siteId, ref: a.reference });
	assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
	r = await send(s, `/reception/counter/${station.counterId}/call`, {});
	assert.equal(r.status, 303);
	const page = await get(INTRANET, `/reception/counter?counter=${station.counterId}`, { jar: s.jar });
	assert.equal(page.status, 200);
	const visit = /<form method="post" action="\/registration\/start">[\s\S]*?name="visit" value="(\d+)"/.exec(page.text)?.[1];
	assert.ok(visit, 'the counter page offers to register the applicant called');
	r = await send(s, '/registration/start', { visit });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), '/registration/member/1');
	const f = await get(INTRANET, '/registration/member/1', { jar: s.jar });
	assert.match(f.text, new RegExp(`name="family_name"[^>]* value="${fam}"`));
	assert.match(f.text, /name="given_names"[^>]* value="Yara"/);
	assert.match(f.text, /name="phone"[^>]* value="\+33600000000"/);
	assert.match(f.text, /name="doc_number"[^>]* value="PA7654321"/);
	assert.match(f.text, /<select id="f-leaflet_lang"[\s\S]*?<option value="ar" selected>/);
	assert.match(textOf(f.text), /Filled from the booking of the applicant called at reception/);
	// A reception agent who does not register sees no such button; a
	// visit not at a counter starts nothing.
	const plain = await session(makeAgent('rgrec', ['reception']), `/reception/counter?counter=${station.counterId}`);
	const other = await get(INTRANET, `/reception/counter?counter=${station.counterId}`, { jar: plain.jar });
	assert.doesNotMatch(other.text, /action="\/registration\/start"/);
	const walk = await session(makeAgent('rgwalk', ['registrar']));
	r = await send(walk, '/registration/start', { visit: '999999999' });
	assert.equal(r.status, 404);
});

test('the save checks again what changed since the members\' checks: a person edited meanwhile into the member is caught, an unchanged register lets the household through', async () => {
	const s = await session(makeAgent('rgrecheck', ['registrar']));
	const o = await session(officer, '/dossier');
	const fam = `Recheck${letters()}`;
	const brother = ownBirth();
	// A person of the register before the checks, nobody like them.
	const other = await createPerson(o, { family_name: `Zz${letters()}`, given_names: 'Walid',
		sex: 'M', birth_date: '1960-01-01', nationality: 'TUR' });
	await start(s);
	let r = await member(s, 1, principalFields({ family_name: fam, phone: '',
		birth: ownBirth() }));
	assert.equal(r.status, 303);
	r = await member(s, 2, { relation: 'sibling', family_name: fam, given_names: 'Karim', sex: 'M',
		birth: brother, nationality: 'SYR', languages: 'Arabic' });
	assert.equal(r.status, 303);
	// (earlier runs' namesakes, if any, were decided "create" by member())
	assert.equal(sql(`SELECT COUNT(*) FROM registration_member m JOIN registration_draft d ON d.id = m.draft_id WHERE m.family_name = '${fam}' AND d.status = 'open' AND FIND_IN_SET('${other}', m.seen)`)[0][0], '0',
		'the older record is not a candidate at the check');
	const at = sql(`SELECT COUNT(*) FROM registration_member m JOIN registration_draft d ON d.id = m.draft_id WHERE m.family_name = '${fam}' AND d.status = 'open' AND m.check_at IS NOT NULL AND m.check_hash <> ''`);
	assert.equal(at[0][0], '2', 'both checks kept with their time');

	// Meanwhile an agent corrects that older record at identity: it is
	// now the brother (its keys rewritten, updated_at moved).
	const form = await get(INTRANET, `/identity/persons/${other}/edit`, { jar: o.jar });
	assert.equal(form.status, 200);
	const version = /name="version" value="(\d+)"/.exec(form.text)[1];
	r = await postDecided({ ...o, csrf: csrfOf(form.text) }, `/identity/persons/${other}/edit`,
		{ version, family_name: fam, given_names: 'Karim', sex: 'M', birth_date: brother,
			nationality: 'SYR' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const sm = await summary(s);
	const draft = draftId(sm.r.text);
	r = await send(s, '/registration/save', { draft, procedure: sm.proposed, reason: '' });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), '/registration/member/2/match',
		'the record edited since the check is met at saving');
	const m2 = await get(INTRANET, '/registration/member/2/match', { jar: s.jar });
	assert.match(m2.text, new RegExp(`value="${other}"`), 'shown side by side');
	// The registrar links him; nothing else changed since: saved.
	r = await send(s, '/registration/member/2/match', { choice: other });
	assert.equal(r.status, 303);
	r = await send(s, '/registration/save', { draft, procedure: sm.proposed, reason: '' });
	assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
	assert.match(r.headers.get('location'), /^\/registration\/receipt\/\d+$/);
	assert.equal(sql(`SELECT COUNT(*) FROM person WHERE family_name = '${fam}'`)[0][0], '2',
		'the principal created, the brother linked');
});

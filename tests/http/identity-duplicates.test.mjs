// tests/http/identity-duplicates.test.mjs: the blocking duplicate check
// of havre-identity (create and identifying edits must be decided, the
// decision stored per pair and not asked again until an identifying
// field changes), the review queue fed by the API, merges and their
// exact undo (database dumps of the affected rows compared), family
// links kept reciprocal, consistency warnings acknowledged, and the bad
// input of merges (self, already merged, stale form, undo twice).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	INTRANET, admin, csrfOf, get, login, makeAgent, post, request, sql,
	uniqueName,
} from './lib.mjs';

// identity.edit (registrar) and identity.merge (supervisor).
const agent = makeAgent('iddup', ['registrar', 'supervisor']);
const editorOnly = makeAgent('iddupe', ['registrar']);

// Names unique to this run (letters only: digits would read as
// document numbers in searches).
const tag = uniqueName('Dq').replace(/[0-9]/g, (d) => 'klmnoprstu'[d]);

async function session(a) {
	const { jar } = await login(a.username, a.password);
	const page = await get(INTRANET, '/identity', { jar });
	return { jar, csrf: csrfOf(page.text) };
}

function send(s, path, fields) {
	return post(INTRANET, path, { csrf: s.csrf, ...fields },
		{ jar: s.jar, headers: { Origin: INTRANET } });
}

// The candidates a 409 page asks about: [[index, person id], ...].
function asked(text) {
	return [...text.matchAll(/name="dup_id_(\d+)" value="(\d+)"/g)]
		.map((m) => [m[1], m[2]]);
}

// Answer every candidate of a 409 page with verdict (and a reason).
function decisions(text, verdict, reason = 'different parents and birthplace') {
	const out = {};
	for (const [n, id] of asked(text)) {
		out[`dup_id_${n}`] = id;
		out[`verdict_${n}`] = verdict;
		out[`reason_${n}`] = reason;
	}
	return out;
}

// Create a person, deciding "not the same person" if asked. Returns id.
async function create(s, fields) {
	let r = await send(s, '/identity/persons/new', fields);
	if (r.status === 409)
		r = await send(s, '/identity/persons/new',
			{ ...fields, ...decisions(r.text, 'distinct') });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	return /\/identity\/persons\/(\d+)/.exec(r.headers.get('location'))[1];
}

test('a near-duplicate must be decided: side by side, reason required, stored per pair, asked again after an identifying change', async () => {
	const s = await session(agent);
	const fam = `${tag}Karimi`;
	const a = await create(s, { family_name: fam, given_names: 'Ahmad',
		sex: 'M', birth_date: '1990-04-01', nationality: 'AFG',
		father_name: 'Rahim' });
	const typed = { family_name: fam, given_names: 'Ahmed', sex: 'M',
		birth_date: '1990-04-01', nationality: 'AFG', father_name: 'Rahim' };
	let r = await send(s, '/identity/persons/new', typed);
	assert.equal(r.status, 409, r.text.slice(0, 300));
	assert.ok(asked(r.text).some(([, id]) => id === a), 'the first record is a candidate');
	assert.match(r.text, /class="compare-mine"><bdi>Ahmed<\/bdi>/);
	assert.match(r.text, /class="compare-theirs"><bdi>Ahmad<\/bdi>/);
	assert.match(r.text, /score-fill score-/);
	assert.match(r.text, /badge-(certain|probable)/);
	assert.equal(sql(`SELECT COUNT(*) FROM person WHERE family_name = '${fam}'`)[0][0], '1',
		'nothing saved before the decision');
	// "Not the same person" without a reason: refused, still nothing.
	r = await send(s, '/identity/persons/new',
		{ ...typed, ...decisions(r.text, 'distinct', '') });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-reason_0"/);
	assert.equal(sql(`SELECT COUNT(*) FROM person WHERE family_name = '${fam}'`)[0][0], '1');
	// With a reason: saved, the decision stored with both fingerprints.
	r = await send(s, '/identity/persons/new',
		{ ...typed, ...decisions(r.text, 'distinct', 'brothers, not the same') });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const b = /\/identity\/persons\/(\d+)/.exec(r.headers.get('location'))[1];
	const pair = sql(`SELECT status, origin, reason, LENGTH(fingerprint_a), LENGTH(fingerprint_b), decided_by IS NOT NULL FROM duplicate_pair WHERE person_a = ${a} AND person_b = ${b}`);
	assert.deepEqual(pair[0], ['distinct', 'form', 'brothers, not the same', '32', '32', '1']);
	const aud = sql(`SELECT changes FROM audit_event WHERE entity = 'person' AND entity_id = '${b}' AND action = 'duplicate_decision'`);
	assert.equal(aud.length >= 1, true);
	assert.match(aud[0][0], /brothers, not the same/);

	// A change of a non-identifying field is not asked again.
	let form = await get(INTRANET, `/identity/persons/${b}/edit`, { jar: s.jar });
	let version = /name="version" value="(\d+)"/.exec(form.text)[1];
	r = await send(s, `/identity/persons/${b}/edit`, { ...typed, version,
		birth_place: 'Herat' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	// An identifying change is: the decision no longer holds.
	form = await get(INTRANET, `/identity/persons/${b}/edit`, { jar: s.jar });
	version = /name="version" value="(\d+)"/.exec(form.text)[1];
	r = await send(s, `/identity/persons/${b}/edit`, { ...typed, version,
		birth_place: 'Herat', mother_name: 'Zahra' });
	assert.equal(r.status, 409, r.text.slice(0, 300));
	assert.ok(asked(r.text).some(([, id]) => id === a));
	assert.equal(sql(`SELECT CONCAT('[', mother_name, ']') FROM person WHERE id = ${b}`)[0][0], '[]');
});

test('an edit that makes a record collide is stopped; "same person" leads to the merge', async () => {
	const s = await session(agent);
	const c = await create(s, { family_name: `${tag}Novak`, given_names: 'Petra',
		sex: 'F', birth_date: '1970-02-03', nationality: 'CZE' });
	const d = await create(s, { family_name: `${tag}Horvatova`, given_names: 'Ana',
		sex: 'F', birth_date: '1985-11-20', nationality: 'HRV' });
	const form = await get(INTRANET, `/identity/persons/${d}/edit`, { jar: s.jar });
	const version = /name="version" value="(\d+)"/.exec(form.text)[1];
	const fields = { version, family_name: `${tag}Novak`, given_names: 'Petra',
		sex: 'F', birth_date: '1970-02-03', nationality: 'CZE' };
	let r = await send(s, `/identity/persons/${d}/edit`, fields);
	assert.equal(r.status, 409);
	assert.ok(asked(r.text).some(([, id]) => id === c), r.text.slice(0, 200));
	assert.equal(sql(`SELECT given_names FROM person WHERE id = ${d}`)[0][0], 'Ana');
	// An agent without identity.merge: saved, and the pair waits in the
	// queue for the agents who merge.
	const e = await session(editorOnly);
	r = await send(e, `/identity/persons/${d}/edit`,
		{ ...fields, ...decisions(r.text, 'same') });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(r.headers.get('location'), `/identity/persons/${d}`);
	assert.equal(sql(`SELECT status FROM duplicate_pair WHERE person_a = ${c} AND person_b = ${d}`)[0][0], 'same');
	const q = await get(INTRANET, '/identity/duplicates', { jar: s.jar });
	assert.equal(q.status, 200);
	assert.match(q.text, new RegExp(`${tag}Novak`));
	r = await get(INTRANET, '/identity/duplicates', { jar: e.jar });
	assert.equal(r.status, 403);
});

// The rows a merge touches, as text, for an exact comparison.
function dump(ids) {
	const list = ids.join(',');
	return JSON.stringify({
		person: sql(`SELECT id, family_name, given_names, family_name_latin, given_names_latin, sex, birth_year, birth_month, birth_day, birth_precision, death_date, birth_place, nationality, father_name, mother_name, source, source_id, status, merged_into, created_at FROM person WHERE id IN (${list}) ORDER BY id`),
		document: sql(`SELECT * FROM person_document WHERE person_id IN (${list}) ORDER BY id`),
		contact: sql(`SELECT * FROM person_contact WHERE person_id IN (${list}) ORDER BY id`),
		link: sql(`SELECT * FROM person_link WHERE person_id IN (${list}) OR relative_id IN (${list}) ORDER BY id`),
		keys: sql(`SELECT * FROM person_name_key WHERE person_id IN (${list}) ORDER BY person_id, \`key\``),
	});
}

test('merge moves documents, phones and family links; unmerge restores every row exactly; bad input changes nothing', async () => {
	const s = await session(agent);
	const p = await create(s, { family_name: `${tag}Haile`, given_names: 'Tesfay',
		sex: 'M', birth_date: '1988-00-00', nationality: 'ERI' });
	const q = await create(s, { family_name: `${tag}Hayle`, given_names: 'Tesfai Gebre',
		sex: 'M', birth_date: '1988-07-14', nationality: 'ERI', father_name: 'Gebre' });
	const parent = await create(s, { family_name: `${tag}Gebremedhin`, given_names: 'Gebre',
		sex: 'M', birth_date: '1950-01-01', nationality: 'ERI' });
	let r = await send(s, `/identity/persons/${q}/documents`,
		{ doc_type: 'id_card', number: `ER${Date.now() % 1e7}`, issuing_country: 'ERI' });
	if (r.status === 409)
		r = await send(s, `/identity/persons/${q}/documents`,
			{ doc_type: 'id_card', number: `ER${Date.now() % 1e7}`, issuing_country: 'ERI',
				...decisions(r.text, 'distinct') });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	r = await send(s, `/identity/persons/${q}/phones`, { phone: `+2917${String(Date.now() % 1e6).padStart(6, '0')}` });
	assert.equal(r.status, 303);
	r = await send(s, `/identity/persons/${q}/family`, { relative_id: parent, relation: 'parent' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const ids = [p, q, parent];
	const before = dump(ids);

	// Bad input: a record merged with itself.
	r = await get(INTRANET, `/identity/merge/${p}/${p}`, { jar: s.jar });
	assert.equal(r.status, 422);
	assert.match(r.text, /cannot be merged with itself/);
	// The merge form: survivor p, the given names of q kept.
	const form = await get(INTRANET, `/identity/merge/${p}/${q}`, { jar: s.jar });
	assert.equal(form.status, 200);
	const va = /name="version_a" value="(\d+)"/.exec(form.text)[1];
	const vb = /name="version_b" value="(\d+)"/.exec(form.text)[1];
	const fields = { version_a: va, version_b: vb, survivor: 'a',
		pick_given_names: 'b', pick_birth_date: 'b', pick_father_name: 'b' };
	// A stale form: someone changes p in between.
	const edit = await get(INTRANET, `/identity/persons/${p}/edit`, { jar: s.jar });
	const ev = /name="version" value="(\d+)"/.exec(edit.text)[1];
	r = await send(s, `/identity/persons/${p}/edit`, { version: ev,
		family_name: `${tag}Haile`, given_names: 'Tesfay', sex: 'M',
		birth_date: '1988-00-00', nationality: 'ERI', birth_place: 'Asmara' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const before2 = dump(ids);
	r = await send(s, `/identity/merge/${p}/${q}`, fields);
	assert.equal(r.status, 409);
	assert.match(r.text, /changed since this page was shown/);
	assert.equal(dump(ids), before2, 'nothing changed');

	const fresh = await get(INTRANET, `/identity/merge/${p}/${q}`, { jar: s.jar });
	fields.version_a = /name="version_a" value="(\d+)"/.exec(fresh.text)[1];
	r = await send(s, `/identity/merge/${p}/${q}`, fields);
	assert.equal(r.status, 303, r.text.slice(0, 400));
	const mergeId = /\/identity\/merges\/(\d+)/.exec(r.headers.get('location'))[1];
	assert.deepEqual(sql(`SELECT status, merged_into FROM person WHERE id = ${q}`)[0], ['merged', p]);
	assert.deepEqual(sql(`SELECT given_names, birth_day, father_name, birth_place FROM person WHERE id = ${p}`)[0],
		['Tesfai Gebre', '14', 'Gebre', 'Asmara']);
	assert.equal(sql(`SELECT COUNT(*) FROM person_document WHERE person_id = ${p}`)[0][0], '1');
	assert.equal(sql(`SELECT COUNT(*) FROM person_contact WHERE person_id = ${p}`)[0][0], '1');
	// Family links moved on both sides.
	assert.deepEqual(sql(`SELECT relation FROM person_link WHERE person_id = ${p} AND relative_id = ${parent}`), [['parent']]);
	assert.deepEqual(sql(`SELECT relation FROM person_link WHERE person_id = ${parent} AND relative_id = ${p}`), [['child']]);
	assert.equal(sql(`SELECT COUNT(*) FROM person_merge_move WHERE merge_id = ${mergeId}`)[0][0], '4');
	// The merged record redirects to the survivor.
	r = await get(INTRANET, `/identity/persons/${q}`, { jar: s.jar });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), `/identity/persons/${p}`);
	const actions = sql(`SELECT entity_id, action FROM audit_event WHERE entity = 'person' AND action IN ('merge', 'merged_into') AND entity_id IN ('${p}', '${q}')`);
	assert.equal(actions.length, 2);
	// Merging into an already merged record: refused.
	r = await get(INTRANET, `/identity/merge/${parent}/${q}`, { jar: s.jar });
	assert.equal(r.status, 409);
	assert.match(r.text, /already been merged/);

	// Unmerge: every row as it was before the merge.
	const view = await get(INTRANET, `/identity/merges/${mergeId}`, { jar: s.jar });
	assert.equal(view.status, 200);
	const mv = /name="version" value="(\d+)"/.exec(view.text)[1];
	r = await send(s, `/identity/merges/${mergeId}/undo`, { version: mv });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	assert.equal(dump(ids), before2, 'unmerge restores every row');
	assert.equal(sql(`SELECT status FROM person_merge WHERE id = ${mergeId}`)[0][0], 'undone');
	// Undo twice: refused, nothing changed.
	r = await send(s, `/identity/merges/${mergeId}/undo`, { version: mv });
	assert.equal(r.status, 409);
	assert.match(r.text, /already been undone/);
	assert.equal(dump(ids), before2);
	assert.notEqual(before, before2);
});

test('family links are reciprocal; a new relative goes through the check; warnings must be acknowledged and are kept', async () => {
	const s = await session(agent);
	const parent = await create(s, { family_name: `${tag}Osman`, given_names: 'Faduma',
		sex: 'F', birth_date: '1980-05-05', nationality: 'SOM' });
	// A relative recorded from the parent's page: a child born when the
	// parent was 8 must be acknowledged.
	let r = await get(INTRANET, `/identity/persons/new?relative_of=${parent}&relation=child`, { jar: s.jar });
	assert.equal(r.status, 200);
	assert.match(r.text, /name="relative_of" value="\d+"/);
	const child = { family_name: `${tag}Warsame`, given_names: 'Hodan', sex: 'F',
		birth_date: '1988-01-01', nationality: 'SOM', relative_of: parent, relation: 'child' };
	r = await send(s, '/identity/persons/new', child);
	if (r.status === 409)
		Object.assign(child, decisions(r.text, 'distinct'));
	r = await send(s, '/identity/persons/new', child);
	assert.equal(r.status, 422, r.text.slice(0, 300));
	assert.match(r.text, /id="e-ack_warnings"/);
	assert.match(r.text, /born before this parent was 12/);
	r = await send(s, '/identity/persons/new', { ...child, ack_warnings: '1' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const kid = sql(`SELECT id FROM person WHERE family_name = '${tag}Warsame'`)[0][0];
	assert.deepEqual(sql(`SELECT relation FROM person_link WHERE person_id = ${parent} AND relative_id = ${kid}`), [['child']]);
	assert.deepEqual(sql(`SELECT relation FROM person_link WHERE person_id = ${kid} AND relative_id = ${parent}`), [['parent']]);
	assert.equal(sql(`SELECT code FROM person_warning WHERE person_id = ${kid}`)[0][0], 'parent_too_young');
	// The page shows the family with each member's key data.
	r = await get(INTRANET, `/identity/persons/${parent}`, { jar: s.jar });
	assert.match(r.text, new RegExp(`${tag}Warsame`));
	assert.match(r.text, /1988-01-01/);

	// A spouse linked from an existing record, then removed: both
	// sides go together. The parent's record still has the warning
	// about the child (acknowledged on the child's record only): the
	// save asks for it, then keeps it with the parent's record too.
	const spouse = await create(s, { family_name: `${tag}Farah`, given_names: 'Abdi',
		sex: 'M', birth_date: '1978-03-03', nationality: 'SOM' });
	r = await send(s, `/identity/persons/${parent}/family`, { relative_id: spouse, relation: 'spouse' });
	assert.equal(r.status, 422, r.text.slice(0, 300));
	assert.match(r.text, /born before this parent was 12/);
	r = await send(s, `/identity/persons/${parent}/family`, { relative_id: spouse, relation: 'spouse', ack_warnings: '1' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(sql(`SELECT code FROM person_warning WHERE person_id = ${parent}`)[0][0], 'parent_too_young');
	assert.equal(sql(`SELECT COUNT(*) FROM person_link WHERE (person_id = ${parent} AND relative_id = ${spouse}) OR (person_id = ${spouse} AND relative_id = ${parent})`)[0][0], '2');
	r = await send(s, `/identity/persons/${parent}/family`, { relative_id: spouse, relation: 'spouse' });
	assert.equal(r.status, 422, 'the link exists');
	r = await send(s, `/identity/persons/${parent}/family`, { relative_id: parent, relation: 'sibling' });
	assert.equal(r.status, 422, 'not one\'s own relative');
	const link = sql(`SELECT id FROM person_link WHERE person_id = ${spouse} AND relative_id = ${parent}`)[0][0];
	const links = () => sql(`SELECT COUNT(*) FROM person_link WHERE (person_id = ${parent} AND relative_id = ${spouse}) OR (person_id = ${spouse} AND relative_id = ${parent})`)[0][0];
	const removals = () => sql(`SELECT COUNT(*) FROM audit_event WHERE action = 'link_remove' AND entity = 'person' AND entity_id IN ('${spouse}', '${parent}')`)[0][0];
	// Issue 13.2: "Remove" on the spouse's page first asks, naming the
	// person, the relation and the relative and saying what will happen;
	// nothing changes until "Yes, remove the link".
	const page = await get(INTRANET, `/identity/persons/${spouse}`, { jar: s.jar });
	const removeForm = new RegExp(`<form method="post" action="(/identity/persons/${spouse}/family/${link}/delete)">([\\s\\S]*?)</form>`).exec(page.text);
	assert.ok(removeForm, 'a Remove button in the family section');
	assert.doesNotMatch(removeForm[2], /name="confirm"/);
	const auditBefore = removals();
	r = await send(s, removeForm[1], {});
	assert.equal(r.status, 200);
	assert.match(r.text, /<h1>Remove this family link\?<\/h1>/);
	assert.match(r.text, /Nothing has changed yet/);
	assert.match(r.text, new RegExp(`<dt>Person</dt><dd><a href="/identity/persons/${spouse}"><bdi>${tag}Farah</bdi>, <bdi>Abdi</bdi>`));
	assert.match(r.text, /<dt>Relation<\/dt><dd>spouse<\/dd>/);
	assert.match(r.text, new RegExp(`<dt>Relative</dt><dd><a href="/identity/persons/${parent}">`));
	assert.match(r.text, /removed from both records/);
	assert.match(r.text, /Both records are kept/);
	assert.match(r.text, /name="confirm" value="1"/);
	assert.match(r.text, new RegExp(`href="/identity/persons/${spouse}#family">No, keep it</a>`));
	assert.equal(links(), '2', 'the first press removes nothing');
	assert.equal(removals(), auditBefore);
	// By GET too (a link); an unknown link or another person's: 404.
	assert.equal((await get(INTRANET, `/identity/persons/${spouse}/family/${link}/delete`, { jar: s.jar })).status, 200);
	assert.equal((await get(INTRANET, `/identity/persons/${parent}/family/${link}/delete`, { jar: s.jar })).status, 404);
	assert.equal((await send(s, `/identity/persons/${parent}/family/${link}/delete`, { confirm: 1 })).status, 404);
	// An answer that is not 1: the question again (422), nothing removed.
	const bad = await send(s, removeForm[1], { confirm: 2 });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /Yes, remove the link/);
	assert.equal(links(), '2');
	r = await send(s, removeForm[1], { confirm: 1 });
	assert.equal(r.status, 303);
	assert.equal(links(), '0');
	assert.equal(Number(removals()), Number(auditBefore) + 2, 'audited on both records');

	// A document expiring before its issue: a warning to acknowledge.
	const doc = { doc_type: 'passport', number: `SO${Date.now() % 1e7}`,
		issued: '2020-01-01', expiry: '2019-01-01' };
	r = await send(s, `/identity/persons/${spouse}/documents`, doc);
	if (r.status === 409)	/* records of earlier runs */
		r = await send(s, `/identity/persons/${spouse}/documents`,
			{ ...doc, ...decisions(r.text, 'distinct') });
	assert.equal(r.status, 422, r.text.slice(0, 300));
	assert.match(r.text, /expires before it was issued/);

	// The timeline lists the record's changes, newest first, with links.
	r = await get(INTRANET, `/identity/persons/${parent}/timeline`, { jar: s.jar });
	assert.equal(r.status, 200);
	assert.match(r.text, /Family link added/);
	assert.match(r.text, /Record created/);
});

test('the API reports pending pairs to the review queue, decided there side by side', async () => {
	const name = uniqueName('iddupkey');
	const add = admin(['apikey', 'add', '--name', name, '--role', 'registrar']);
	assert.equal(add.status, 0, add.stderr);
	const key = add.stdout.trim();
	const s = await session(agent);
	const first = await create(s, { family_name: `${tag}Tadesse`, given_names: 'Selam',
		sex: 'F', birth_date: '1995-09-09', nationality: 'ETH' });
	const r = await request(INTRANET, '/identity/persons', {
		method: 'POST', body: new URLSearchParams({ family_name: `${tag}Tadesse`,
			given_names: 'Selamawit', sex: 'F', birth_date: '1995-09-09',
			nationality: 'ETH' }).toString(),
		headers: { Authorization: `Bearer ${key}`, Accept: 'application/json',
			'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(r.status, 201, r.text);
	const body = JSON.parse(r.text);
	assert.ok(body.pending_duplicates.some((c) => String(c.person_id) === first), r.text);
	const pair = sql(`SELECT id, status, origin FROM duplicate_pair WHERE person_a = ${first} AND person_b = ${body.person_id}`)[0];
	assert.deepEqual(pair.slice(1), ['pending', 'api']);
	let page = await get(INTRANET, `/identity/duplicates/${pair[0]}`, { jar: s.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, /Selamawit/);
	const version = /name="version" value="(\d+)"/.exec(page.text)[1];
	let d = await send(s, `/identity/duplicates/${pair[0]}`, { verdict: 'distinct', reason: '', version });
	assert.equal(d.status, 422);
	d = await send(s, `/identity/duplicates/${pair[0]}`, { verdict: 'distinct', reason: 'twins', version });
	assert.equal(d.status, 303);
	// The same form again is stale.
	d = await send(s, `/identity/duplicates/${pair[0]}`, { verdict: 'same', reason: '', version });
	assert.equal(d.status, 409);
	assert.equal(sql(`SELECT status, reason FROM duplicate_pair WHERE id = ${pair[0]}`)[0].join('/'), 'distinct/twins');
	assert.doesNotMatch(page.text, /Found through a group/, 'a pair found on its own');
	admin(['apikey', 'revoke', '--name', name]);
});

test('a pair an import found through a group says so on its page', async () => {
	// Five records of one person (splink's cluster 6, renamed for this
	// run): "Henderson, 1972-05-12" and "Max, 1972-06-10" share no name
	// and are found only through the other three.
	const [fam, giv, town] = [`${tag}Henderson`, `${tag}Max`, `${tag}Warrington`];
	// A year of this run's own: on a database that ran this test before,
	// the earlier run's five (their made-up names much alike, the same
	// dates) joined the group and made it ten.
	const y = 1930 + Math.floor(Math.random() * 60);
	const src = uniqueName('grp');
	const file = path.join(os.tmpdir(), `${src}.csv`);
	fs.writeFileSync(file, [
		'source,source_id,family_name,given_names,sex,birth_date,birth_place,nationality,father_name,mother_name,document_type,document_number,phone',
		`${src},1,${giv},${fam},,${y}-06-10,${town},,,,,,`,
		`${src},2,${fam},,,${y}-05-12,${town},,,,,,`,
		`${src},3,${fam},,,${y}-06-10,${town},,,,,,`,
		`${src},4,${fam},${giv},,${y}-06-10,,,,,,,`,
		`${src},5,,${giv},,${y}-06-10,${town},,,,,,`,
	].join('\n') + '\n');
	const r = admin(['import-persons', file]);
	fs.unlinkSync(file);
	assert.equal(r.status, 0, r.stderr);
	const ids = Object.fromEntries(sql(`SELECT source_id, id FROM person WHERE source = '${src}'`));
	const [a, b] = [Number(ids['2']), Number(ids['5'])].sort((x, y) => x - y);
	const pair = sql(`SELECT id, explanation FROM duplicate_pair WHERE person_a = ${a} AND person_b = ${b}`)[0];
	assert.ok(pair, 'the linked pair is queued');
	assert.match(pair[1], /group:5 records/);
	const s = await session(agent);
	const page = await get(INTRANET, `/identity/duplicates/${pair[0]}`, { jar: s.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, /Found through a group of records[^<]*<strong>5<\/strong>/);
});

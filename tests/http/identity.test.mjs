// tests/http/identity.test.mjs: person records and the cross-script
// search of havre-identity, through nginx to the real program and
// MariaDB: create, view (access event), edit with optimistic
// concurrency (stale edit -> 409 with both values), bad input per field,
// documents with MRZ check digits, the search across spellings and
// scripts with explanations, and the JSON API with a key (401/403).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	INTRANET, LOG_DIR, admin, csrfOf, get, login, makeAgent, post, request,
	createPerson, postDecided, sql, uniqueName,
} from './lib.mjs';

// The text of a program's log ("" if it has none yet).
function programLog(prog) {
	const f = join(LOG_DIR, `${prog}.log`);
	return existsSync(f) ? readFileSync(f, 'utf8') : '';
}

const editor = makeAgent('idedit', ['registrar']);
const nobody = makeAgent('idnone', []);

// A family name unique to this run, so searches see only our records.
const tag = uniqueName('Zq').replace(/[0-9]/g, (d) => 'abcdefghij'[d]);

// Sign in and keep the jar and a CSRF token from the search page.
async function session(agent) {
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, '/identity', { jar });
	return { jar, csrf: csrfOf(page.text) };
}

// Create a person; returns its id (lib.mjs: a probable duplicate, as
// the search test records three spellings of one name on purpose, is
// answered "not the same person" with a reason, as an agent would).
const create = createPerson;

test('create, view with an access event, edit, and a stale edit refused with both values', async () => {
	const s = await session(editor);
	const id = await create(s, { family_name: `${tag}Haddad`,
		given_names: 'Yusuf', sex: 'M', birth_date: '1985-03-12',
		nationality: 'lbn', father_name: 'Karim' });
	const view = await get(INTRANET, `/identity/persons/${id}`,
		{ jar: s.jar });
	assert.equal(view.status, 200);
	assert.match(view.text, new RegExp(`${tag}Haddad`));
	assert.match(view.text, /LBN/);
	// A Latin name is not repeated lower-cased beside itself.
	assert.doesNotMatch(view.text, /class="latin"/, 'no "(…haddad)" echo');
	const arabic = await create(s, { family_name: 'حداد', given_names: `يوسف ${tag}` });
	const av = await get(INTRANET, `/identity/persons/${arabic}`, { jar: s.jar });
	assert.match(av.text, /<bdi>حداد<\/bdi> <span class="latin" dir="ltr">\(hdad\)<\/span>/,
		'a name in Arabic shows its Latin form');
	const acc = sql(`SELECT COUNT(*) FROM access_event WHERE entity = 'person' AND entity_id = '${id}'`);
	assert.ok(Number(acc[0][0]) >= 1, 'access event written');
	const aud = sql(`SELECT action FROM audit_event WHERE entity = 'person' AND entity_id = '${id}'`);
	assert.deepEqual(aud.map((r) => r[0])
		.filter((a) => a !== 'duplicate_decision'), ['create']);
	const keys = sql(`SELECT COUNT(*) FROM person_name_key WHERE person_id = ${id}`);
	assert.ok(Number(keys[0][0]) > 0, 'blocking keys stored');

	// Two agents open the edit form at version 1.
	const form = await get(INTRANET, `/identity/persons/${id}/edit`,
		{ jar: s.jar });
	assert.equal(form.status, 200);
	const version = /name="version" value="(\d+)"/.exec(form.text)[1];
	const fields = { csrf: csrfOf(form.text), version,
		family_name: `${tag}Haddad`, given_names: 'Youssef', sex: 'M',
		birth_date: '1985-03-12', nationality: 'LBN' };
	let r = await postDecided(s, `/identity/persons/${id}/edit`, fields);
	assert.equal(r.status, 303);
	// The second save still carries version 1: refused, both shown.
	r = await post(INTRANET, `/identity/persons/${id}/edit`,
		{ ...fields, given_names: 'Joseph' },
		{ jar: s.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 409);
	assert.match(r.text, /conflict-stored[^<]*<bdi>Youssef/);
	assert.match(r.text, /conflict-mine[^<]*<bdi>Joseph/);
	const row = sql(`SELECT given_names, version FROM person WHERE id = ${id}`);
	assert.deepEqual(row[0], ['Youssef', '2']);
	const upd = sql(`SELECT changes FROM audit_event WHERE entity = 'person' AND entity_id = '${id}' AND action = 'update'`);
	assert.equal(upd.length, 1);
	assert.match(upd[0][0], /Yusuf/);
	assert.match(upd[0][0], /Youssef/);
});

test('bad input: impossible date, unknown country, bad MRZ check digit; nothing saved', async () => {
	const s = await session(editor);
	let r = await post(INTRANET, '/identity/persons/new',
		{ csrf: s.csrf, family_name: `${tag}Bad`, birth_date: '1990-02-30',
			nationality: 'ZZZ' },
		{ jar: s.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-birth_date"/);
	assert.match(r.text, /id="e-nationality"/);
	assert.match(r.text, /value="1990-02-30"/, 'input kept');
	r = await post(INTRANET, '/identity/persons/new',
		{ csrf: s.csrf, family_name: '' },
		{ jar: s.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-family_name"/);
	assert.equal(sql(`SELECT COUNT(*) FROM person WHERE family_name = '${tag}Bad'`)[0][0], '0');

	// Documents: the ICAO specimen, then a wrong check digit.
	const id = await create(s, { family_name: `${tag}Eriksson`,
		given_names: 'Anna Maria', sex: 'F', birth_date: '1974-08-12' });
	const good = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';
	// UTO is the ICAO specimen state, not a real one: refused.
	r = await post(INTRANET, `/identity/persons/${id}/documents`,
		{ csrf: s.csrf, doc_type: 'passport', mrz: good },
		{ jar: s.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-mrz"/);
	const deu = good.replaceAll('UTO', 'DEU');
	const bad = deu.replace('7408122F', '7408123F');
	r = await post(INTRANET, `/identity/persons/${id}/documents`,
		{ csrf: s.csrf, doc_type: 'passport', mrz: bad },
		{ jar: s.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 422);
	assert.match(r.text, /check digit/);
	assert.equal(sql(`SELECT COUNT(*) FROM person_document WHERE person_id = ${id}`)[0][0], '0');
	r = await postDecided(s, `/identity/persons/${id}/documents`,
		{ doc_type: 'passport', mrz: deu });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const doc = sql(`SELECT number, issuing_country, expiry FROM person_document WHERE person_id = ${id}`);
	assert.deepEqual(doc[0], ['L898902C3', 'DEU', '2012-04-15']);
	// The document number finds the person.
	r = await get(INTRANET, `/identity/search?document_number=L898902C3`,
		{ jar: s.jar, headers: { Accept: 'application/json' } });
	assert.equal(r.status, 200);
	assert.ok(JSON.parse(r.text).candidates.some((c) =>
		String(c.person_id) === id && c.reasons.some((m) => m.field === 'document')),
		r.text.slice(0, 400));
	// Phones: E.164; a malformed one refused.
	r = await post(INTRANET, `/identity/persons/${id}/phones`,
		{ csrf: s.csrf, phone: 'not a phone' },
		{ jar: s.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 422);
	r = await post(INTRANET, `/identity/persons/${id}/phones`,
		{ csrf: s.csrf, phone: '+33 6 12 34 56 78' },
		{ jar: s.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303);
	assert.equal(sql(`SELECT value FROM person_contact WHERE person_id = ${id}`)[0][0], '+33612345678');

	// Removing a document or a phone asks first and says what it
	// removes (issue 13 item 2); only "Yes, remove it" removes it.
	const opts = { jar: s.jar, headers: { Origin: INTRANET } };
	const docId = sql(`SELECT id FROM person_document WHERE person_id = ${id}`)[0][0];
	const phoneId = sql(`SELECT id FROM person_contact WHERE person_id = ${id}`)[0][0];
	const removals = () => sql(`SELECT action, changes FROM audit_event WHERE entity = 'person'
		AND entity_id = '${id}' AND action IN ('document_remove', 'phone_remove') ORDER BY seq`);
	for (const [part, pid, shown, table] of [
		['documents', docId, /Passport <span dir="ltr">L898902C3<\/span>/, 'person_document'],
		['phones', phoneId, /<span dir="ltr">\+33612345678<\/span>/, 'person_contact']]) {
		const path = `/identity/persons/${id}/${part}/${pid}/delete`;
		const asked = await get(INTRANET, path, { jar: s.jar });
		const tapped = await post(INTRANET, path, { csrf: s.csrf }, opts);
		for (const q of [asked, tapped]) {
			assert.equal(q.status, 200, `${part}: the question, ${q.text.slice(0, 200)}`);
			assert.match(q.text, /<h1>Remove this (document|phone number)\?<\/h1>/);
			assert.match(q.text, shown, `${part}: what would be removed`);
			assert.match(q.text, /Nothing has changed yet/);
			assert.match(q.text, /a search by it no longer finds this person/);
			assert.match(q.text, /name="confirm" value="1"/);
			assert.ok(q.text.includes(`href="/identity/persons/${id}#${part}">No, keep it`));
		}
		assert.equal(sql(`SELECT COUNT(*) FROM ${table} WHERE id = ${pid}`)[0][0], '1',
			`${part}: a tap removes nothing`);
		// Another person's id in the path: no such part.
		const other = await get(INTRANET, `/identity/persons/${id}/${part}/999999999/delete`, { jar: s.jar });
		assert.equal(other.status, 404);
		const yes = await post(INTRANET, path, { csrf: s.csrf, confirm: 1 }, opts);
		assert.equal(yes.status, 303);
		assert.equal(yes.headers.get('location'), `/identity/persons/${id}#${part}`);
		assert.equal(sql(`SELECT COUNT(*) FROM ${table} WHERE id = ${pid}`)[0][0], '0');
		const again = await post(INTRANET, path, { csrf: s.csrf, confirm: 1 }, opts);
		assert.equal(again.status, 404, `${part}: removed once`);
	}
	const audited = removals();
	assert.deepEqual(audited.map(([a]) => a), ['document_remove', 'phone_remove']);
	assert.match(audited[0][1], /L898902C3/);
	assert.match(audited[1][1], /\+33612345678/);
});

test('photo: JPEG accepted and served as an attachment, other types refused', async () => {
	const s = await session(editor);
	const id = await create(s, { family_name: `${tag}Photo` });
	// A tiny valid PNG (1x1).
	const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
	const send = async (bytes, name, type) => {
		const fd = new FormData();
		fd.set('csrf', s.csrf);
		fd.set('photo', new Blob([bytes], { type }), name);
		return request(INTRANET, `/identity/persons/${id}/photo`,
			{ method: 'POST', jar: s.jar, body: fd,
				headers: { Origin: INTRANET } });
	};
	let r = await send(Buffer.from('<html><script>alert(1)</script>'), 'x.png', 'image/png');
	assert.equal(r.status, 422);
	r = await send(png, 'me.png', 'image/png');
	assert.equal(r.status, 303, r.text.slice(0, 300));
	r = await get(INTRANET, `/identity/persons/${id}/photo`, { jar: s.jar });
	assert.equal(r.status, 200);
	assert.match(r.headers.get('content-disposition'), /^attachment/);
	assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
	assert.equal(r.headers.get('content-type'), 'image/png');
});

test('search: Mohammed / محمد / Muhammad variants found, with explanations', async () => {
	const s = await session(editor);
	const fam = `${tag}Rahman`;
	const ids = [];
	ids.push(await create(s, { family_name: 'محمد', given_names: `${fam}`,
		birth_date: '1979-06-01', sex: 'M' }));
	ids.push(await create(s, { family_name: 'Muhammad', given_names: `${fam}`,
		birth_date: '1979-00-00', sex: 'M' }));
	ids.push(await create(s, { family_name: 'Mohamed', given_names: `${fam}`,
		birth_date: '1979-01-06', sex: 'M' }));
	const r = await get(INTRANET,
		`/identity/search?family_name=Mohammed&given_names=${encodeURIComponent(fam)}&birth_date=1979`,
		{ jar: s.jar, headers: { Accept: 'application/json' } });
	assert.equal(r.status, 200);
	const found = JSON.parse(r.text).candidates;
	for (const id of ids)
		assert.ok(found.some((c) => String(c.person_id) === id),
			`person ${id} found: ${r.text.slice(0, 600)}`);
	// The duplicate classes first, best first; weaker look-ups (class
	// none, persons merely carrying a name) only after them.
	for (const id of ids)
		assert.equal(found.find((c) => String(c.person_id) === id).lookup,
			false, `person ${id} is a match, not a look-up`);
	const classed = found.filter((c) => !c.lookup);
	assert.deepEqual(found.slice(0, classed.length), classed);
	for (const c of found) {
		assert.ok(c.score >= 0 && c.score <= 1);
		assert.match(c.class, c.lookup ? /^none$/ : /^(certain|probable|possible)$/);
		assert.ok(c.reasons.length > 0);
	}
	for (let i = 1; i < classed.length; i++)
		assert.ok(classed[i - 1].score >= classed[i].score, 'best first');
	// The HTML page shows a bar per field and the class.
	const page = await get(INTRANET,
		`/identity?q=${encodeURIComponent(`محمد ${fam}`)}`, { jar: s.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, /class="score-fill score-(10|[0-9])"/);
	assert.match(page.text, /badge-(certain|probable|possible)/);
	assert.doesNotMatch(page.text, /style=/);
	// A partial date that cannot exist is refused per field.
	const bad = await get(INTRANET, '/identity?birth_date=1990-13', { jar: s.jar });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /id="e-birth_date"/);
});

test('JSON API: key with identity.search, 401 without or with a bad key, 403 for an agent without it', async () => {
	const name = uniqueName('idkey');
	const add = admin(['apikey', 'add', '--name', name, '--role', 'registrar']);
	assert.equal(add.status, 0, add.stderr);
	const key = add.stdout.trim();
	const path = `/identity/search?family_name=${tag}Haddad&given_names=Youssef`;
	let r = await get(INTRANET, path, { headers: {
		Authorization: `Bearer ${key}`, Accept: 'application/json' } });
	assert.equal(r.status, 200);
	// The search is on the access trail: the key, what it asked, how
	// many persons it was shown.
	const [trail] = sql(`SELECT e.reason, e.entity_id FROM access_event e
		JOIN api_key k ON k.id = e.api_key_id
		WHERE k.name = '${name}' AND e.entity = 'person_search'`);
	assert.deepEqual(trail?.[0], `family_name=${tag}Haddad; given_names=Youssef`);
	assert.equal(trail[1], String(JSON.parse(r.text).candidates.length));
	assert.match(r.headers.get('content-type'), /application\/json/);
	const body = JSON.parse(r.text);
	assert.ok(Array.isArray(body.candidates));
	assert.ok(body.candidates.length <= 20);
	assert.ok(body.candidates.some((c) => c.family_name === `${tag}Haddad`));
	for (const k of ['person_id', 'source', 'source_id', 'family_name',
		'given_names', 'birth_date', 'score', 'class', 'reasons'])
		assert.ok(k in body.candidates[0], k);
	r = await get(INTRANET, path, { headers: { Accept: 'application/json' } });
	assert.equal(r.status, 401);
	r = await get(INTRANET, path, { headers: {
		Authorization: 'Bearer 00000000000000000000', Accept: 'application/json' } });
	assert.equal(r.status, 401);
	// A key opens API routes only: the person pages stay closed.
	r = await get(INTRANET, '/identity/persons/1', { headers: {
		Authorization: `Bearer ${key}`, Accept: 'application/json' } });
	assert.equal(r.status, 403);
	const { jar } = await login(nobody.username, nobody.password);
	r = await get(INTRANET, path, { jar, headers: { Accept: 'application/json' } });
	assert.equal(r.status, 403);
	r = await get(INTRANET, '/identity/persons/new', { jar });
	assert.equal(r.status, 403);
	// Bad input through the API: a JSON 422 naming the field.
	r = await get(INTRANET, '/identity/search?birth_date=1990-02-30',
		{ headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' } });
	assert.equal(r.status, 422);
	assert.ok(JSON.parse(r.text).errors.birth_date);
	admin(['apikey', 'revoke', '--name', name]);
});

test('a partner agency cannot search the identity register, by key or as an agent', async () => {
	const name = uniqueName('partnerkey');
	const add = admin(['apikey', 'add', '--name', name, '--role', 'partner_agency']);
	assert.equal(add.status, 0, add.stderr);
	const auth = { Authorization: `Bearer ${add.stdout.trim()}`, Accept: 'application/json' };
	const r = await get(INTRANET, `/identity/search?family_name=${tag}Haddad`, { headers: auth });
	assert.equal(r.status, 403);
	assert.equal(JSON.parse(r.text).error, 'forbidden');
	admin(['apikey', 'revoke', '--name', name]);
	const partner = makeAgent('partnerag', ['partner_agency']);
	const { jar } = await login(partner.username, partner.password);
	assert.equal((await get(INTRANET, `/identity?family_name=${tag}Haddad`, { jar })).status, 403);
	const [id] = sql(`SELECT id FROM person WHERE family_name = '${tag}Haddad' LIMIT 1`)[0];
	assert.equal((await get(INTRANET, `/identity/persons/${id}`, { jar })).status, 403,
		'no person page (documents, phones, photo, family) for a partner');
});

test('an agent\'s search is on the access trail with what was asked', async () => {
	const s = await session(editor);
	const q = `${tag}Haddad 1988`;
	const r = await get(INTRANET, `/identity?q=${encodeURIComponent(q)}`, { jar: s.jar });
	assert.equal(r.status, 200);
	const rows = sql(`SELECT e.reason FROM access_event e JOIN agent a ON a.id = e.agent_id
		WHERE a.username = '${editor.username}' AND e.entity = 'person_search'
		ORDER BY e.id DESC LIMIT 1`);
	assert.deepEqual(rows, [[`q=${q}`]]);
	// Not in clear in the program's log.
	assert.ok(!programLog('havre-identity').includes(`${tag}Haddad 1988`),
		'the searched name is not in the log');
});

// An agent who switches language on a page of results keeps the search
// (the links once went to "?lang=fr": the search and its page gone).
test('the language links keep the search and its page', async () => {
	const s = await session(editor);
	const q = `${tag} علي & 1988`;
	const r = await get(INTRANET, `/identity?q=${encodeURIComponent(q)}&page=1`, { jar: s.jar });
	assert.equal(r.status, 200);
	const href = /<a href="([^"]*)" lang="fr" hreflang="fr"/.exec(r.text)?.[1];
	assert.ok(href, 'a link to the French page');
	const url = new URL(href.replaceAll('&amp;', '&'), `${INTRANET}/identity`);
	assert.equal(url.pathname, '/identity');
	assert.equal(url.searchParams.get('q'), q, 'the query, whole');
	assert.equal(url.searchParams.get('page'), '1');
	assert.equal(url.searchParams.get('lang'), 'fr');
	assert.equal(url.searchParams.getAll('lang').length, 1);
	const fr = await get(INTRANET, url.pathname + url.search, { jar: s.jar });
	assert.match(fr.text, /<html lang="fr"/);
	assert.ok(fr.text.includes(`value="${tag} علي &amp; 1988"`), 'the search is still there, in French');
});

// The reasons' details hold the values compared and no English: what
// they mean is worded in the page's language (a French or Arabic agent
// once read "(day and month swapped)", "(same)", "look-alikes are
// rarer"); the JSON gives the note as a code.
test('the reasons speak the page\'s language; the JSON gives codes', async () => {
	const s = await session(editor);
	const id = await create(s, { family_name: `${tag}Dumont`, given_names: 'Lucie',
		sex: 'F', birth_date: '1991-05-03' });
	const q = `family_name=${tag}Dumont&given_names=Lucie&birth_date=1991-03-05`;
	for (const [lang, note] of [['fr', 'jour et mois inversés'], ['ar', 'اليوم والشهر مقلوبان'],
		['en', 'day and month swapped']]) {
		const r = await get(INTRANET, `/identity?${q}&lang=${lang}`, { jar: s.jar });
		assert.equal(r.status, 200);
		assert.ok(r.text.includes(`<td><bdi>1991-03-05 ~ 1991-05-03</bdi> (${note})</td>`),
			`${lang}: the dates compared, then the note in ${lang}`);
		if (lang !== 'en') {
			const table = r.text.slice(r.text.indexOf(`cand-${id}`));
			const cells = [...table.slice(0, table.indexOf('</table>'))
				.matchAll(/<td><bdi>([^<]*)<\/bdi>/g)].map((m) => m[1]);
			assert.ok(cells.length >= 3, `${lang}: the details (${cells})`);
			for (const c of cells)
				assert.doesNotMatch(c, /\((same|variant|transliteration|phonetic|typo|different|equal)\)|persons:|apart|swapped|given as|written|compatible|unknown|year only/,
					`${lang}: no English in "${c}"`);
		}
	}
	const j = await get(INTRANET, `/identity/search?${q}`,
		{ jar: s.jar, headers: { Accept: 'application/json' } });
	const cand = JSON.parse(j.text).candidates.find((c) => String(c.person_id) === id);
	const date = cand.reasons.find((m) => m.field === 'birth_date');
	assert.deepEqual([date.how, date.note, date.detail],
		['day_month_swapped', 'day_month_swapped', '1991-03-05 ~ 1991-05-03']);
});

// tests/http/identity-lookup.test.mjs: the person search as an agent
// uses it to look someone up (issue 14): one name alone lists the
// persons who carry it, in any field, below the duplicate classes and
// marked as weaker look-ups; particles written with a hyphen, a space
// or glued give the same list; "Al" or "bin" alone is refused with a
// message that keeps the input; long lists come in pages.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import {
	INTRANET, createPerson, csrfOf, get, login, makeAgent, uniqueName,
} from './lib.mjs';

const editor = makeAgent('idlook', ['registrar']);

// A given name unique to this run (letters only), so that a look-up by
// it sees only this run's records.
const tag = uniqueName('Zl').replace(/[0-9]/g, (d) => 'abcdefghij'[d]);

async function session() {
	const { jar } = await login(editor.username, editor.password);
	const page = await get(INTRANET, '/identity', { jar });
	return { jar, csrf: csrfOf(page.text) };
}

const create = createPerson;

// The JSON answer of a search (as the agent's session asks it).
async function search(s, params) {
	const r = await get(INTRANET, `/identity/search?${new URLSearchParams(params)}`,
		{ jar: s.jar, headers: { Accept: 'application/json' } });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	return JSON.parse(r.text);
}

const idsOf = (body) => body.candidates.map((c) => String(c.person_id));

// Every page of a search (earlier runs' records may push this run's to
// a later page): the person ids in order.
async function searchAll(s, params) {
	const all = [];
	for (let page = 1; page <= 5; page++) {
		const body = await search(s, { ...params, page });
		all.push(...idsOf(body));
		if (!body.more || body.candidates.length < 20)
			break;
	}
	return all;
}

let s;
// Three persons carrying Hassan and the name of this run.
const ids = {};

before(async () => {
	s = await session();
	ids.a = await create(s, { family_name: 'Al-Hassan', given_names: `Mohammed ${tag}`,
		birth_date: '1988-04-12', sex: 'M' });
	ids.b = await create(s, { family_name: 'Hassan', given_names: `Yusuf ${tag}`,
		birth_date: '1970-01-30', sex: 'M' });
	ids.c = await create(s, { family_name: `${tag}`, given_names: 'Hassan',
		birth_date: '2001-09-09', sex: 'F' });
});

test('one name alone lists every person carrying it, in any field', async () => {
	const body = await search(s, { q: tag });
	const found = idsOf(body);
	for (const id of [ids.a, ids.b, ids.c])
		assert.ok(found.includes(id), `person ${id} listed for "${tag}": ${found}`);
	// The one whose family name it is comes first.
	assert.equal(found[0], ids.c);
});

test('beside a word nobody carries, the persons carrying the other are listed as weaker look-ups', async () => {
	const other = uniqueName('Wv').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);
	const body = await search(s, { q: `${tag} ${other}` });
	const found = idsOf(body);
	for (const id of [ids.a, ids.b, ids.c])
		assert.ok(found.includes(id), `person ${id} listed: ${found}`);
	for (const c of body.candidates)
		if ([ids.a, ids.b, ids.c].includes(String(c.person_id))) {
			assert.equal(c.lookup, true);
			assert.equal(c.class, 'none');
		}
	// The page says which are weaker look-ups, and no "nobody" advice.
	const page = await get(INTRANET, `/identity?q=${encodeURIComponent(`${tag} ${other}`)}`,
		{ jar: s.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, /<h3 id="lookups-h">Other persons carrying these names<\/h3>/);
	assert.match(page.text, /Weaker matches/);
	assert.doesNotMatch(page.text, /Nobody in the register/);
	assert.match(page.text, new RegExp(`/identity/persons/${ids.a}"`));
	// Only a name nobody carries gets the "nobody" message.
	const none = await get(INTRANET, `/identity?q=${encodeURIComponent(other)}`, { jar: s.jar });
	assert.match(none.text, /Nobody in the register carries these names/);
});

test('a Pashto family name typed without its -zai lists the person who carries it with it', async () => {
	// Popal for Popalzai: one family, written both ways
	const stem = uniqueName('Qd').replace(/[0-9]/g, (d) => 'bcdfghjklm'[d]);
	const id = await create(s, { family_name: `${stem}zai`, given_names: 'Habiba',
		birth_date: '1994', sex: 'F' });
	for (const params of [{ q: stem }, { family_name: stem },
		{ q: `Habiba ${stem} 1994` }]) {
		const found = idsOf(await search(s, params));
		assert.equal(found[0], id, `${JSON.stringify(params)}: ${found}`);
	}
	const page = await get(INTRANET, `/identity?q=${encodeURIComponent(stem)}`, { jar: s.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`<bdi>${stem}zai</bdi>, <bdi>Habiba</bdi>`, 'i'));
	assert.match(page.text, /<td>sounds the same<\/td>/);
	assert.doesNotMatch(page.text, /Nobody in the register/);
});

test('a given and a family name typed in free text find the person whatever the order', async () => {
	for (const q of [`Mohammed ${tag}`, `${tag} Mohammed`]) {
		const found = idsOf(await search(s, { q }));
		assert.equal(found[0], ids.a, `"${q}" lists ${ids.a} first: ${found}`);
	}
});

test('Al-Hassan, Al Hassan, Alhassan and El Hassan give the same persons, typed free or in the fields', async () => {
	const ours = [ids.a, ids.b, ids.c];
	const groups = [
		[{ q: `Al-Hassan ${tag}` }, { q: `Al Hassan ${tag}` },
			{ q: `Alhassan ${tag}` }, { q: `El Hassan ${tag}` }],
		[{ family_name: 'Al-Hassan', given_names: tag },
			{ family_name: 'Al Hassan', given_names: tag },
			{ family_name: 'Alhassan', given_names: tag },
			{ family_name: 'El Hassan', given_names: tag }],
		[{ q: 'Al-Hassan' }, { q: 'Al Hassan' }, { q: 'Alhassan' },
			{ family_name: 'Al-Hassan' }, { family_name: 'el hassan' }],
	];
	for (const forms of groups) {
		const lists = [];
		for (const f of forms) {
			const found = (await searchAll(s, f)).filter((id) => ours.includes(id));
			lists.push(found);
			assert.ok(found.includes(ids.a) && found.includes(ids.b),
				`${JSON.stringify(f)} lists both Hassans: ${found}`);
		}
		for (let i = 1; i < lists.length; i++)
			assert.deepEqual(lists[i], lists[0], JSON.stringify(forms[i]));
	}
});

test('particles alone, or more words than a name holds, are refused with a message; the input is kept', async () => {
	for (const q of ['Al', 'bin', 'Al bin', 'بن', 'de la']) {
		const page = await get(INTRANET, `/identity?q=${encodeURIComponent(q)}`, { jar: s.jar });
		assert.equal(page.status, 422, q);
		assert.match(page.text, /Type a name besides particles/);
		assert.match(page.text, /id="e-q"/);
		assert.ok(page.text.includes(`value="${q}"`), `input "${q}" kept`);
	}
	const r = await get(INTRANET, '/identity/search?family_name=Al',
		{ jar: s.jar, headers: { Accept: 'application/json' } });
	assert.equal(r.status, 422);
	assert.match(r.text, /family_name/);
	// More words than a name holds: said, not silently dropped.
	const long = Array.from({ length: 14 }, (_, i) => `Name${'abcdefghijklmn'[i]}`).join(' ');
	const many = await get(INTRANET, `/identity?q=${encodeURIComponent(long)}`, { jar: s.jar });
	assert.equal(many.status, 422);
	assert.match(many.text, /Type at most 12 words of names/);
	// A particle with a real name or with a document number is a search.
	assert.equal((await get(INTRANET, '/identity?q=Al+Hassan', { jar: s.jar })).status, 200);
	assert.equal((await get(INTRANET, '/identity?q=Al+P1234567', { jar: s.jar })).status, 200);
});

test('a long look-up comes in pages of 20 with a way to the next page', async () => {
	// Random consonants: a word built on the run's tag could share the
	// tag's skeleton (tag + "p" did when the tag ended in b: p and b are
	// one sound class) and names of earlier runs (time-based, alike)
	// read as its typing errors; either joined the list.
	const word = `Zp${Array.from({ length: 10 }, () => 'bcdfghjklmnpqrstvwxz'[randomInt(20)]).join('')}`;
	const families = ['Diallo', 'Kaya', 'Novak', 'Okafor', 'Mensah', 'Haile',
		'Tadesse', 'Karimi', 'Rahimi', 'Osman', 'Farah', 'Warsame', 'Beridze',
		'Petrosyan', 'Nguyen', 'Eriksson', 'Haddad', 'Shevchenko', 'Ahmadi',
		'Tesfaye', 'Gebremedhin', 'Henderson', 'Baptiste', 'Kowalski', 'Sousa'];
	const made = [];
	for (const [i, f] of families.entries())
		made.push(await create(s, { family_name: f, given_names: word,
			birth_date: `19${50 + i}-02-0${1 + (i % 9)}`, sex: i % 2 ? 'F' : 'M' }));
	const p1 = await search(s, { q: word });
	const p2 = await search(s, { q: word, page: 2 });
	assert.equal(p1.candidates.length, 20);
	assert.equal(p1.page, 1);
	assert.equal(p1.more, true);
	assert.equal(p2.candidates.length, 5);
	assert.equal(p2.more, false);
	const all = [...idsOf(p1), ...idsOf(p2)];
	assert.deepEqual([...all].sort(), [...made].sort(), 'each person once, over both pages');
	// The page offers the next page as a form repeating the query.
	const html = await get(INTRANET, `/identity?q=${word}`, { jar: s.jar });
	assert.match(html.text, /Persons 1–20 \/ 25/);
	assert.match(html.text, new RegExp(`<input type="hidden" name="q" value="${word}">`));
	assert.match(html.text, /name="page" value="2"[^>]*>Next persons/);
	const html2 = await get(INTRANET, `/identity?q=${word}&page=2`, { jar: s.jar });
	assert.match(html2.text, /Persons 21–25 \/ 25/);
	assert.match(html2.text, /<ol class="candidates" start="21"/);
	assert.match(html2.text, /Previous persons/);
	assert.doesNotMatch(html2.text, /Next persons/);
	// A page past the end shows the last one; past the cap is refused.
	const past = await search(s, { q: word, page: 4 });
	assert.equal(past.page, 2);
	assert.deepEqual(idsOf(past), idsOf(p2));
	const bad = await get(INTRANET, `/identity?q=${word}&page=99`, { jar: s.jar });
	assert.equal(bad.status, 422);
});

// book-offices.test.mjs: the applicants' list of offices (GET /book) when
// an agency has many: it was cut at 100 offices without a word, so the
// others could not be booked online. Past 30 offices the list is paged
// and a search (town, name or address; accents and case ignored) finds
// an office; a search that finds nothing says so and leads back to the
// whole list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PUBLIC, get, htmlLangDir, sql } from './lib.mjs';

const tag = `of${process.pid}${Date.now().toString(36)}`.slice(0, 20);
const N = 35;

// The office links of a page, in order.
const offices = (html) => [...html.matchAll(/href="\/book\/service\?site=(\d+)"/g)]
	.map((m) => Number(m[1]));

let ids;
before(() => {
	const rows = [];
	for (let i = 1; i <= N; i++) {
		const n = String(i).padStart(2, '0');
		const address = i === 7 ? '3 rue Élodie-Fabre, Bobigny' : `${i} avenue du Test`;
		rows.push(`('${tag}${n}', 'Office ${tag} ${n}', 'Europe/Paris', '${address}', '33')`);
	}
	sql(`INSERT INTO site (code, name, time_zone, address, phone_country_code)
		VALUES ${rows.join(',')}`);
	ids = sql(`SELECT id FROM site WHERE code LIKE '${tag}%' ORDER BY name`).map((r) => Number(r[0]));
	assert.equal(ids.length, N);
});

after(() => {
	sql(`UPDATE site SET active = 0 WHERE code LIKE '${tag}%'`);
});

test('past 30 offices: a search field, and the list in pages that keep the search', async () => {
	const home = await get(PUBLIC, '/book');
	assert.equal(home.status, 200);
	assert.match(home.text, /<label for="f-q">Find an office: town, name or address<\/label>/);
	assert.ok(offices(home.text).length <= 30, 'one page at most 30 offices');
	assert.match(home.text, /<nav class="pager"/);

	const p1 = await get(PUBLIC, `/book?q=${tag}`);
	assert.equal(p1.status, 200);
	assert.deepEqual(offices(p1.text), ids.slice(0, 30));
	assert.match(p1.text, /<span aria-current="page">1 \/ 2<\/span>/);
	assert.match(p1.text, new RegExp(`value="${tag}"`), 'the search stays in its field');
	const next = /<a rel="next" href="([^"]+)"/.exec(p1.text)?.[1];
	assert.equal(next, `/book?q=${tag}&amp;page=2`);
	const p2 = await get(PUBLIC, next.replace(/&amp;/g, '&'));
	assert.deepEqual(offices(p2.text), ids.slice(30));
	assert.match(p2.text, new RegExp(`<a rel="prev" href="/book\\?q=${tag}&amp;page=1"`));
	assert.doesNotMatch(p2.text, /rel="next"/);
	// The language links keep the search and the page.
	assert.match(p2.text, new RegExp(`href="/book\\?q=${tag}&amp;page=2&amp;lang=fr"`));
});

test('the search ignores accents and case, and reads the address', async () => {
	const r = await get(PUBLIC, `/book?q=${encodeURIComponent('ELODIE-fabre')}`);
	assert.equal(r.status, 200);
	assert.deepEqual(offices(r.text), [ids[6]]);
	assert.match(r.text, /3 rue Élodie-Fabre, Bobigny/);
	assert.doesNotMatch(r.text, /<nav class="pager"/, 'one page: no pager');
});

test('no office found: it says so, in the page\'s language, and leads back to every office', async () => {
	for (const [lang, msg, all] of [
		['en', 'No office matches your search', 'show every office'],
		['fr', 'Aucun bureau ne correspond à votre recherche', 'affichez tous les bureaux'],
		['ar', 'لا يوجد مكتب يطابق بحثك', 'اعرض جميع المكاتب']]) {
		const r = await get(PUBLIC, `/book?q=${tag}zz&lang=${lang}`);
		assert.equal(r.status, 200, lang);
		assert.equal(htmlLangDir(r.text).lang, lang);
		assert.ok(r.text.includes(msg), `${lang}: ${msg}`);
		assert.ok(r.text.includes(`<a href="/book">${all}</a>`), `${lang}: the way back`);
		assert.deepEqual(offices(r.text), []);
	}
});

test('odd input never breaks the page: wildcards, quotes, markup, a page out of range', async () => {
	// % and _ are no wildcards: they find nothing here.
	for (const q of ['%', '_', `${tag}%`, `${tag.slice(0, 4)}_`]) {
		const r = await get(PUBLIC, `/book?q=${encodeURIComponent(q)}`);
		assert.equal(r.status, 200, q);
		assert.ok(!offices(r.text).some((id) => ids.includes(id)), q);
	}
	const markup = '"><script>alert(1)</script>';
	const x = await get(PUBLIC, `/book?q=${encodeURIComponent(markup)}`);
	assert.equal(x.status, 200);
	assert.doesNotMatch(x.text, /<script>alert/);
	assert.match(x.text, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
	const far = await get(PUBLIC, `/book?q=${tag}&page=99`);
	assert.equal(far.status, 200);
	assert.deepEqual(offices(far.text), ids.slice(30), 'the last page');
	// Not a page number (a hand-made link): the first page, still a list.
	const bad = await get(PUBLIC, `/book?q=${tag}&page=abc`);
	assert.equal(bad.status, 422);
	assert.deepEqual(offices(bad.text), ids.slice(0, 30));
	assert.doesNotMatch(bad.text, /No office takes appointments online/);
	// Longer than the field allows: refused as input, the list still shown.
	const long = await get(PUBLIC, `/book?q=${'a'.repeat(101)}`);
	assert.equal(long.status, 422);
	assert.match(long.text, /<ul class="choices">/);
});

// tests/http/board-languages.test.mjs: issue 13 item 9, the hall's
// display board shows every language the site chose for it, Kreyòl and
// Spanish included (their headings used to fall back to English): an
// agent sets a Port-au-Prince-like site's board to French, Kreyòl and
// Spanish through the stations page, and the public board then reads in
// those three languages, each heading marked with its lang.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { INTRANET, PUBLIC, csrfOf, get, login, makeAgent, post, sql } from './lib.mjs';
import { makeSite } from './reception-fixture.mjs';

// The visible text of the spans marked lang="code" in html.
function spans(html, code) {
	return [...html.matchAll(new RegExp(`<span lang="${code}" dir="(ltr|rtl)">([^<]*)</span>`, 'g'))]
		.map((m) => m[2]);
}

test('the board reads in the site\'s languages, Kreyòl included', async () => {
	const s = makeSite();
	const agent = makeAgent('brdl', ['administrator']);
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, `/reception/stations?site=${s.siteId}`, { jar });
	assert.equal(page.status, 200);
	const r = await post(INTRANET, `/reception/sites/${s.siteId}/languages`,
		{ csrf: csrfOf(page.text), languages: 'fr, ht, es' },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	assert.equal(sql(`SELECT languages FROM reception_site WHERE site_id = ${s.siteId}`)[0][0],
		'fr,ht,es');

	const board = await get(PUBLIC, `/board/${s.site}`);
	assert.equal(board.status, 200);
	assert.deepEqual(spans(board.text, 'fr').slice(0, 2), ['Accueil', 'Appels en cours']);
	assert.deepEqual(spans(board.text, 'ht').slice(0, 2), ['Resepsyon', 'Kounye a yo rele']);
	assert.deepEqual(spans(board.text, 'es').slice(0, 2), ['Recepción', 'Llamado ahora']);
	for (const word of ['Tikè', 'Gichè', 'Kap tann', 'Yo pa rele pèsonn.'])
		assert.ok(spans(board.text, 'ht').includes(word), word);
	// No English heading when English was not chosen.
	assert.equal(spans(board.text, 'en').length, 0);
	assert.doesNotMatch(board.text, /Now called|No one is being called/);
});

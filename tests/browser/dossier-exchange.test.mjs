// tests/browser/dossier-exchange.test.mjs: a case file's exchanges as
// an officer sees them in en and ar (issue 15.4): an answered exchange
// with its attachment and an overdue one on the dossier page, and the
// work list of overdue exchanges with its marker; axe-core finds no
// violation in the exchanges section and the list, nothing overflows the
// viewport.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	INTRANET, admin, agencyDay, createPerson, csrfOf, get, login, makeAgent, post,
	request, sql, uniqueName,
} from '../http/lib.mjs';
import { axe, describeViolations, launch, screenshot } from './lib.mjs';

const officer = makeAgent('brxo', ['case_officer']);
const tag = uniqueName('Xb').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n' +
	'trailer\n<< /Root 1 0 R >>\n%%EOF\n');
let browser;
let dossier;
let shown;

const day = agencyDay;	/* the agency's date n days from today */

before(async () => {
	browser = await launch();
	const name = uniqueName('brxpartner');
	const k = admin(['apikey', 'add', '--name', name, '--role', 'partner_agency']);
	assert.equal(k.status, 0, k.stderr);
	const key = /(hvk_[0-9a-f]+)/.exec(k.stdout)[1];
	const partner = sql(`SELECT id FROM api_key WHERE name = '${name}'`)[0][0];
	const { jar } = await login(officer.username, officer.password);
	const csrf = csrfOf((await get(INTRANET, '/identity', { jar })).text);
	const person = await createPerson({ jar, csrf }, {
		family_name: `${tag}Tesfaye`, given_names: 'Yonas', sex: 'M',
		birth_date: '1988-07-09' });
	const proc = sql("SELECT id FROM wf_procedure WHERE code = 'regular'")[0][0];
	const opts = { jar, headers: { Origin: INTRANET } };
	let r = await post(INTRANET, '/dossier', { csrf, person_id: person,
		procedure_id: proc }, opts);
	assert.equal(r.status, 303);
	dossier = /\/dossier\/(\d+)$/.exec(r.headers.get('location'))[1];
	const ref = sql(`SELECT reference FROM dossier WHERE id = ${dossier}`)[0][0];
	shown = `${ref.slice(0, 4)}-${ref.slice(4)}`;
	for (const type of ['medical_examination', 'security_check']) {
		r = await post(INTRANET, `/dossier/${dossier}/exchanges`, { csrf, type,
			recipient: `partner:${partner}`, legal_basis: 'Asylum Act, s. 18',
			question: 'Please report on the applicant.', due_on: day(3) }, opts);
		assert.equal(r.status, 303);
	}
	const [first, second] = sql(`SELECT id FROM exchange WHERE dossier_id = ${dossier} ORDER BY id`).map((row) => row[0]);
	const auth = { Authorization: `Bearer ${key}`, Accept: 'application/json' };
	const fd = new FormData();
	fd.append('file', new Blob([PDF], { type: 'application/pdf' }), 'report.pdf');
	r = await request(INTRANET, `/dossier/api/v1/exchanges/${first}/attachments`,
		{ method: 'POST', headers: auth, body: fd });
	assert.equal(r.status, 201, r.text);
	r = await request(INTRANET, `/dossier/api/v1/exchanges/${first}/answer`,
		{ method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' },
			body: JSON.stringify({ answer: 'Report attached.' }) });
	assert.equal(r.status, 200, r.text);
	// The second one falls overdue (its dates moved back five days).
	sql(`UPDATE exchange SET due_on = due_on - INTERVAL 5 DAY WHERE id = ${second}`);
	sql(`UPDATE dossier SET exchange_due = exchange_due - INTERVAL 5 DAY WHERE id = ${dossier}`);
});

// The violations with a node in the exchanges section or the overdue
// banner: what this part of the page adds (the rest of the dossier page
// is checked by its own browser test).
async function mine(page, violations) {
	const out = [];
	for (const v of violations) {
		const nodes = [];
		for (const n of v.nodes) {
			const inside = await page.evaluate((sel) => {
				const el = document.querySelector(sel);
				return el !== null && el.closest('#exchanges, .exchange-overdue') !== null;
			}, n.target[0]);
			if (inside)
				nodes.push(n);
		}
		if (nodes.length > 0)
			out.push({ ...v, nodes });
	}
	return out;
}

after(async () => {
	await browser?.close();
});

for (const lang of ['en', 'ar']) {
	test(`the dossier page's exchanges and the overdue list in ${lang}`, async () => {
		const context = await browser.newContext({
			viewport: { width: 1280, height: 800 }, locale: lang });
		const page = await context.newPage();
		try {
			await page.goto(`${INTRANET}/login`);
			await page.fill('#f-username', officer.username);
			await page.fill('#f-password', officer.password);
			await Promise.all([page.waitForURL(/\/dashboard$/),
				page.click('main button[type=submit]')]);
			const res = await page.goto(`${INTRANET}/dossier/${dossier}?lang=${lang}`);
			assert.equal(res.status(), 200);
			assert.equal(await page.locator('html').getAttribute('dir'),
				lang === 'ar' ? 'rtl' : 'ltr');
			const section = page.locator('#exchanges');
			assert.equal(await section.locator('article').count(), 2);
			assert.match(await section.innerText(), /Report attached\./);
			assert.equal(await section.locator('a[href*="/files/"]').count(), 1);
			assert.equal(await section.locator('.exchange-status.light-red').count(), 1,
				'one exchange shown overdue');
			const overflow = await page.evaluate(() =>
				document.documentElement.scrollWidth - window.innerWidth);
			assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
			await screenshot(page, `dossier-exchanges-${lang}`);
			let v = await mine(page, await axe(page));
			assert.equal(v.length, 0, describeViolations(v));

			await page.goto(`${INTRANET}/dossier?list=exchanges&lang=${lang}`);
			const row = page.locator('tbody tr', { hasText: shown });
			assert.equal(await row.count(), 1);
			assert.equal(await row.locator('.exchange-overdue').count(), 1);
			v = await axe(page);
			assert.equal(v.length, 0, describeViolations(v));
		} finally {
			await context.close();
		}
	});
}

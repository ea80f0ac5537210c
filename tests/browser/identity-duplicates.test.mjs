// tests/browser/identity-duplicates.test.mjs: the duplicate check in a
// real browser. Typing a near-duplicate of a recorded person stops the
// save and shows the candidate side by side with what was typed; the
// page passes axe-core (English on a laptop, Arabic rtl on a phone);
// choosing "not the same person" without a reason is refused, with a
// reason the record is saved. Then the merge form passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { csrfOf, get, login, makeAgent, post, sql } from '../http/lib.mjs';
import { INTRANET, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
const agent = makeAgent('brdup', ['registrar', 'supervisor']);
const tag = `Dz${process.pid}${Date.now() % 100000}`.replace(/[0-9]/g,
	(d) => 'klmnoprstu'[d]);
// One recorded person per language, far apart from each other.
const recorded = {
	en: { family_name: `${tag}Sultani`, given_names: 'Mariam',
		birth_date: '1992-06-15', sex: 'F', nationality: 'AFG',
		father_name: 'Nasir' },
	ar: { family_name: `${tag}Obradovic`, given_names: 'Jelena',
		birth_date: '1961-01-30', sex: 'F', nationality: 'SRB',
		father_name: 'Dragan' },
};
const typedGiven = { en: 'Maryam', ar: 'Jelina' };

before(async () => {
	browser = await launch();
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, '/identity/persons/new', { jar });
	for (const lang of ['en', 'ar']) {
		const fields = { csrf: csrfOf(page.text), ...recorded[lang] };
		let r = await post(INTRANET, '/identity/persons/new', fields,
			{ jar, headers: { Origin: INTRANET } });
		// Records of earlier runs share the database: not them.
		for (const [, n, id] of r.text.matchAll(/name="dup_id_(\d+)" value="(\d+)"/g))
			Object.assign(fields, { [`dup_id_${n}`]: id,
				[`verdict_${n}`]: 'distinct', [`reason_${n}`]: 'earlier test run' });
		if (r.status === 409)
			r = await post(INTRANET, '/identity/persons/new', fields,
				{ jar, headers: { Origin: INTRANET } });
		assert.equal(r.status, 303, r.text.slice(0, 200));
	}
});

after(async () => {
	await browser?.close();
});

async function accessible(page, what) {
	const v = await axe(page);
	assert.equal(v.length, 0, `${what}:\n${describeViolations(v)}`);
}

for (const [lang, vp] of [['en', { width: 1280, height: 800 }],
	['ar', { width: 360, height: 780 }]]) {
	test(`near-duplicate decided side by side (${lang}, ${vp.width}px)`, async () => {
		const context = await browser.newContext({ viewport: vp, locale: lang });
		const page = await context.newPage();
		const rec = recorded[lang];
		const fam = rec.family_name;
		try {
			await page.goto(`${INTRANET}/login?lang=${lang}`);
			await page.fill('#f-username', agent.username);
			await page.fill('#f-password', agent.password);
			await Promise.all([page.waitForURL(/\/dashboard$/),
				page.click('main button[type=submit]')]);
			await page.goto(`${INTRANET}/identity/persons/new?lang=${lang}`);
			await page.fill('#f-family_name', fam);
			await page.fill('#f-given_names', typedGiven[lang]);
			await page.fill('#f-birth_date', rec.birth_date);
			await page.selectOption('#f-sex', 'F');
			await page.fill('#f-nationality', rec.nationality);
			await page.fill('#f-father_name', rec.father_name);
			await page.click('main form button[type=submit]');
			await page.locator('.dup-panel').waitFor({ timeout: 5000 });
			const cand = page.locator('.dup-cand').first();
			assert.match(await cand.locator('.compare-mine').first().textContent(), new RegExp(fam));
			assert.ok(await cand.locator('.score-fill').count() > 0, 'bars');
			assert.equal(sql(`SELECT COUNT(*) FROM person WHERE family_name = '${fam}'`)[0][0], '1',
				'not saved yet');
			await accessible(page, 'duplicate decision');
			await screenshot(page, `identity-duplicate-${lang}-${vp.width}`);
			const wide = await page.evaluate(() =>
				document.documentElement.scrollWidth > window.innerWidth + 1);
			assert.equal(wide, false, 'fits the screen');
			// "Not the same person" without a reason: refused.
			await page.check('#verdict-0-distinct');
			await page.click('main form button[type=submit]');
			await page.locator('#e-reason_0').waitFor({ timeout: 5000 });
			await accessible(page, 'reason required');
			// Every candidate needs its answer (earlier runs may have
			// left look-alikes).
			const n = await page.locator('.dup-cand').count();
			for (let i = 0; i < n; i++) {
				await page.check(`#verdict-${i}-distinct`);
				await page.fill(`#f-reason_${i}`, 'Sisters: different mothers');
			}
			await Promise.all([page.waitForURL(/\/identity\/persons\/\d+$/),
				page.click('main form button[type=submit]')]);
			assert.equal(sql(`SELECT COUNT(*) FROM person WHERE family_name = '${fam}'`)[0][0], '2');
			// The merge form of the two records.
			const ids = sql(`SELECT id FROM person WHERE family_name = '${fam}' ORDER BY id`).map((r) => r[0]);
			await page.goto(`${INTRANET}/identity/merge/${ids[0]}/${ids[1]}?lang=${lang}`);
			await page.locator('table.merge').waitFor({ timeout: 5000 });
			await accessible(page, 'merge form');
			await screenshot(page, `identity-merge-${lang}-${vp.width}`);
		} finally {
			await context.close();
		}
	});
}

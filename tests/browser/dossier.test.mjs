// tests/browser/dossier.test.mjs: the case file in a real browser, as an
// officer meets it: the work list (its tabs, the overdue light, the
// applicant's name) and the dossier page (status, the legal deadline
// with its source, the next step moved by clicking), in English on a
// laptop and in Arabic (rtl) on a phone, each passing axe-core, fitting
// the screen, with screenshots.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { csrfOf, createPerson, get, login, makeAgent, post, sql }
	from '../http/lib.mjs';
import { INTRANET, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
const agent = makeAgent('brdos', ['case_officer']);
const family = `Dz${process.pid}`.replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
let dossier;

before(async () => {
	browser = await launch();
	const { jar } = await login(agent.username, agent.password);
	const s = { jar, csrf: csrfOf((await get(INTRANET, '/identity', { jar })).text) };
	const person = await createPerson(s, { family_name: family,
		given_names: 'فاطمة', sex: 'F', birth_date: '1991-03-00' });
	const proc = sql("SELECT id FROM wf_procedure WHERE code = 'border'")[0][0];
	// lodged long ago: its 4-week clock is overdue
	const r = await post(INTRANET, '/dossier', { csrf: s.csrf, person_id: person,
		procedure_id: proc, lodged_on: '2026-01-05', assign_me: '1' },
	{ jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303);
	dossier = /\/dossier\/(\d+)$/.exec(r.headers.get('location'))[1];
});

after(async () => {
	await browser?.close();
});

async function accessible(page, what) {
	const v = await axe(page);
	assert.equal(v.length, 0, `${what}:\n${describeViolations(v)}`);
}

async function fits(page) {
	const wide = await page.evaluate(() =>
		document.documentElement.scrollWidth > window.innerWidth + 1);
	assert.equal(wide, false, 'fits the screen');
}

for (const [lang, vp, words] of [
	['en', { width: 1366, height: 800 }, { overdue: 'Overdue', lodged: 'Lodged', move: 'Move the case file', next: 'Interview scheduled' }],
	['ar', { width: 390, height: 844 }, { overdue: 'متأخر', lodged: 'مسجّل', move: 'نقل الملف', next: 'المقابلة مُبرمجة' }]]) {
	test(`work list and dossier page (${lang}, ${vp.width}px)`, async () => {
		const context = await browser.newContext({ viewport: vp, locale: lang });
		const page = await context.newPage();
		try {
			await page.goto(`${INTRANET}/login?lang=${lang}`);
			await page.fill('#f-username', agent.username);
			await page.fill('#f-password', agent.password);
			await Promise.all([page.waitForURL(/\/dashboard$/),
				page.click('main button[type=submit]')]);
			await page.goto(`${INTRANET}/dossier?list=mine&lang=${lang}`);
			assert.equal(await page.getAttribute('html', 'dir'),
				lang === 'ar' ? 'rtl' : 'ltr');
			const row = page.locator('table.worklist tbody tr', { hasText: family });
			await row.waitFor({ timeout: 5000 });
			// the overdue light says so in words, visibly
			const light = row.locator('.light-red');
			assert.ok(await light.isVisible(), 'red light visible');
			assert.match(await light.innerText(), new RegExp(words.overdue));
			await accessible(page, 'work list');
			await fits(page);
			await screenshot(page, `dossier-list-${lang}-${vp.width}`);

			await Promise.all([page.waitForURL(/\/dossier\/\d+$/),
				row.locator('a').first().click()]);
			assert.match(await page.locator('main dl.record').innerText(),
				new RegExp(words.lodged));
			assert.match(await page.locator('table.clocks').innerText(),
				/art\. 43\(2\)/, 'the rule\'s source is visible');
			await accessible(page, 'dossier page');
			await fits(page);
			await screenshot(page, `dossier-page-${lang}-${vp.width}`);
			// move it to the interview step by clicking
			await page.getByLabel(words.next, { exact: true }).check();
			await Promise.all([page.waitForURL(/\/dossier\/\d+$/),
				page.getByRole('button', { name: words.move }).click()]);
			assert.match(await page.locator('main dl.record').innerText(),
				new RegExp(words.next));
			assert.ok(await page.locator('.flash').first().isVisible());
			// back to lodged for the next language's run
			await page.getByLabel(words.lodged, { exact: true }).check();
			await Promise.all([page.waitForURL(/\/dossier\/\d+$/),
				page.getByRole('button', { name: words.move }).click()]);
		} finally {
			await context.close();
		}
	});
}

// tests/browser/identity.test.mjs: the person search in a real browser:
// a record made in Arabic script is found from a Latin spelling, the
// results page (score, class, per-field bars) and the person's record
// pass axe-core, in English on a laptop and in Arabic (rtl) on a phone,
// with screenshots.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { csrfOf, get, login, makeAgent, post } from '../http/lib.mjs';
import { INTRANET, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
const agent = makeAgent('bridt', ['registrar']);
const given = `Zq${process.pid}`.replace(/[0-9]/g, (d) => 'abcdefghij'[d]);

before(async () => {
	browser = await launch();
	// A person written in Arabic script, through the real form.
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, '/identity/persons/new', { jar });
	const r = await post(INTRANET, '/identity/persons/new', {
		csrf: csrfOf(page.text), family_name: 'محمد', given_names: given,
		birth_date: '1988-04-00', sex: 'M', nationality: 'SYR',
	}, { jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303);
});

after(async () => {
	await browser?.close();
});

// Fail on any axe violation of the current page.
async function accessible(page, what) {
	const v = await axe(page);
	assert.equal(v.length, 0, `${what}:\n${describeViolations(v)}`);
}

for (const [lang, vp] of [['en', { width: 1280, height: 800 }],
	['ar', { width: 360, height: 780 }]]) {
	test(`search results and record (${lang}, ${vp.width}px)`, async () => {
		const context = await browser.newContext({ viewport: vp, locale: lang });
		const page = await context.newPage();
		try {
			await page.goto(`${INTRANET}/login?lang=${lang}`);
			await page.fill('#f-username', agent.username);
			await page.fill('#f-password', agent.password);
			await Promise.all([page.waitForURL(/\/dashboard$/),
				page.click('main button[type=submit]')]);
			await page.goto(`${INTRANET}/identity?lang=${lang}`);
			assert.equal(await page.getAttribute('html', 'dir'),
				lang === 'ar' ? 'rtl' : 'ltr');
			await accessible(page, 'search form');
			await page.fill('#f-family_name', 'Mohammed');
			await page.fill('#f-given_names', given);
			await page.fill('#f-birth_date', '1988');
			await Promise.all([page.waitForURL(/\/identity\?/),
				page.click('form.search-form button[type=submit]')]);
			const first = page.locator('.candidate').first();
			await first.waitFor({ timeout: 5000 });
			assert.match(await first.textContent(), /محمد/);
			assert.ok(await first.locator('.score-fill').count() > 0,
				'a bar per field');
			await accessible(page, 'search results');
			await screenshot(page, `identity-search-${lang}-${vp.width}`);
			// No horizontal scrolling on a phone.
			const wide = await page.evaluate(() =>
				document.documentElement.scrollWidth > window.innerWidth + 1);
			assert.equal(wide, false, 'fits the screen');
			await Promise.all([page.waitForURL(/\/identity\/persons\/\d+$/),
				first.locator('h3 a').click()]);
			await accessible(page, 'person record');
			await screenshot(page, `identity-person-${lang}-${vp.width}`);
		} finally {
			await context.close();
		}
	});
}

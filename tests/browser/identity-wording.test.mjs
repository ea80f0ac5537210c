// tests/browser/identity-wording.test.mjs: issue 13 item 9 in the
// identity pages, as an agent working in French (laptop) or Arabic
// (phone) sees them: the nationality is picked by the country's name in
// the page's language (a datalist: typing "Syri" offers "Syrie", which
// fills in SYR), and a partial birth date reads as words on the record
// ("avril 1988", "أبريل 1988", a year alone as the year), never as
// 1988-04-00.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { makeAgent, uniqueName } from '../http/lib.mjs';
import { INTRANET, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
const agent = makeAgent('brwd', ['registrar']);
// Letters only: a family name no other run shares (no duplicate panel).
const family = () => uniqueName('Wq').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);

before(async () => {
	browser = await launch();
});

after(async () => {
	await browser?.close();
});

async function signIn(page, lang) {
	await page.goto(`${INTRANET}/login?lang=${lang}`);
	await page.fill('#f-username', agent.username);
	await page.fill('#f-password', agent.password);
	await Promise.all([page.waitForURL(/\/dashboard$/),
		page.click('main button[type=submit]')]);
}

for (const [lang, vp, want] of [
	['fr', { width: 1366, height: 800 }, { typed: 'Syri', country: 'Syrie', month: 'avril 1988',
		date: '1988-04', given: 'Amal' }],
	['ar', { width: 390, height: 844 }, { typed: 'سور', country: 'سوريا', month: 'سبتمبر 1975',
		date: '1975-09', given: 'Rania' }],
]) {
	test(`nationality by name and a month-year birth date in words (${lang}, ${vp.width}px)`, async () => {
		const context = await browser.newContext({ viewport: vp, locale: lang });
		const page = await context.newPage();
		try {
			await signIn(page, lang);
			await page.goto(`${INTRANET}/identity/persons/new?lang=${lang}`);
			const input = page.locator('#f-nationality');
			assert.ok(await input.isVisible());
			// The field offers the countries by their names in this language.
			const list = await input.getAttribute('list');
			const option = page.locator(`datalist#${list} option[value="SYR"]`);
			assert.equal(await option.count(), 1);
			assert.equal((await option.textContent()).trim(), want.country);
			const matches = await page.$$eval(`datalist#${list} option`, (os, t) =>
				os.filter((o) => o.textContent.includes(t)).map((o) => o.value), want.typed);
			assert.ok(matches.includes('SYR'), `typing ${want.typed} offers SYR: ${matches}`);
			await accessible(page, 'person form');

			const name = family();
			await page.fill('#f-family_name', name);
			await page.fill('#f-given_names', want.given);
			await page.fill('#f-birth_date', want.date);
			// Picking the offered country fills in its code.
			await input.fill('SYR');
			await Promise.all([page.waitForLoadState('load'),
				page.click('main form button[type=submit]')]);
			// Records of other tests may look alike: the agent answers the
			// duplicate panel "not the same person", with a reason.
			if (await page.locator('#duplicates').count() > 0) {
				for (const radio of await page.locator('input[value="distinct"]').all())
					await radio.check();
				for (const reason of await page.locator('textarea[name^="reason_"]').all())
					await reason.fill('test: another person');
				await Promise.all([page.waitForLoadState('load'),
					page.click('main form button[type=submit]')]);
			}
			assert.match(page.url(), /\/identity\/persons\/\d+$/);
			const text = await page.innerText('main');
			assert.ok(text.includes(want.month), `${want.month} in: ${text.slice(0, 800)}`);
			assert.doesNotMatch(text, /\d{4}-\d\d-00/);
			assert.ok(text.includes(`SYR ${want.country}`), `SYR ${want.country}`);
			// Seen, not only in the text: in Arabic the month comes first
			// from the right ("سبتمبر 1975"), not turned around by a
			// left-to-right box ("1975 سبتمبر" to an Arabic reader).
			const order = await page.evaluate((month) => {
				const walker = document.createTreeWalker(document.querySelector('main'),
					NodeFilter.SHOW_TEXT);
				for (let n = walker.nextNode(); n; n = walker.nextNode()) {
					const at = n.data.indexOf(month);
					if (at < 0)
						continue;
					const word = month.indexOf(' ');
					const box = (from, to) => {
						const r = document.createRange();
						r.setStart(n, at + from);
						r.setEnd(n, at + to);
						return r.getBoundingClientRect();
					};
					return { month: box(0, word).left, year: box(word + 1, month.length).left };
				}
				return null;
			}, want.month);
			assert.ok(order, `${want.month} is on the page`);
			if (lang === 'ar')
				assert.ok(order.month > order.year, `the month right of the year (${JSON.stringify(order)})`);
			else
				assert.ok(order.month < order.year, `the month left of the year (${JSON.stringify(order)})`);
			await accessible(page, 'person record');
			await screenshot(page, `identity-wording-${lang}-${vp.width}`);
		} finally {
			await context.close();
		}
	});
}

// Fail on any axe violation of the current page.
async function accessible(page, what) {
	const v = await axe(page);
	assert.equal(v.length, 0, `${what}:\n${describeViolations(v)}`);
}

// tests/browser/styles.test.mjs: what the stylesheets do for the people
// who use the pages (issue 13). As a supervisor, on a laptop and a phone,
// the quota grid's screen-reader texts are really hidden (clipped to a
// 1x1 box) while its +, - and Close buttons stay visible, small and
// usable (a click on + raises the slot's capacity); and every class
// present in the rendered DOM of an intranet page and of the public
// booking pages is defined by a stylesheet the page loaded (collected
// from document.styleSheets, so a class with no rule cannot hide behind
// a template lint that was not run).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { makeAgent } from '../http/lib.mjs';
import { dayFromNow, makeSite } from '../http/appointments-fixture.mjs';
import { INTRANET, PUBLIC, assertHiddenTexts, launch, screenshot } from './lib.mjs';

let browser;
let S;
const agent = makeAgent('brcss', ['supervisor']);

before(async () => {
	browser = await launch();
	S = makeSite({ capacity: 4 });
});

after(async () => {
	await browser?.close();
});

const VIEWPORTS = [
	{ name: 'laptop', width: 1366, height: 800 },
	{ name: 'phone', width: 390, height: 844 },
];

// The classes used in the page's DOM that no loaded stylesheet defines,
// with how many stylesheets and class selectors were seen (so an empty
// answer cannot come from stylesheets that did not load).
function classesWithoutRule(page) {
	return page.evaluate(() => {
		const defined = new Set();
		const walk = (rules) => {
			for (const r of rules) {
				if (r.selectorText)
					for (const m of r.selectorText.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g))
						defined.add(m[1]);
				if (r.cssRules)
					walk(r.cssRules);
			}
		};
		const sheets = [];
		for (const s of document.styleSheets) {
			sheets.push(new URL(s.href).pathname);
			walk(s.cssRules);
		}
		const used = new Set();
		for (const el of document.querySelectorAll('[class]'))
			for (const c of el.classList)
				used.add(c);
		return { sheets, defined: defined.size,
			missing: [...used].filter((c) => !defined.has(c)).sort() };
	});
}

async function assertAllDefined(page, what, wantSheets) {
	const r = await classesWithoutRule(page);
	for (const s of wantSheets)
		assert.ok(r.sheets.includes(s), `${what}: ${s} loaded (${r.sheets})`);
	assert.ok(r.defined > 20, `${what}: class selectors seen (${r.defined})`);
	assert.deepEqual(r.missing, [], `${what}: classes without a rule`);
}

async function signIn(page) {
	await page.goto(`${INTRANET}/login`);
	await page.fill('#f-username', agent.username);
	await page.fill('#f-password', agent.password);
	await Promise.all([page.waitForURL(/\/dashboard$/),
		page.click('main button[type=submit]')]);
}

for (const vp of VIEWPORTS) {
	test(`quota grid: hidden texts hidden, buttons visible and usable (${vp.name})`, async () => {
		const context = await browser.newContext({ viewport: vp, locale: 'en' });
		const page = await context.newPage();
		try {
			await signIn(page);
			const level = S.levels.regular ?? Object.values(S.levels)[0];
			const url = `${INTRANET}/appointments/quota?site=${S.siteId}` +
				`&level=${level}&channel=web&view=day&day=${dayFromNow(7)}`;
			await page.goto(url);
			const buttons = page.locator('table.grid td button');
			const n = await buttons.count();
			assert.ok(n >= 3 * 3 * 8, `the grid has its buttons (${n})`);
			await screenshot(page, `quota-grid-${vp.name}`);

			// Every visually hidden text: clipped to at most 1x1 px.
			const hidden = await assertHiddenTexts(page, `quota grid (${vp.name})`);
			assert.ok(hidden >= n, `a hidden text per button (${hidden})`);

			// The buttons: visible, as small as their visible label, on
			// one row per cell, big enough to tap (WCAG 2.2 target 24px).
			for (let i = 0; i < 3; i++) {
				const b = buttons.nth(i);
				assert.ok(await b.isVisible(), `button ${i} visible`);
				const box = await b.boundingBox();
				assert.ok(box.width >= 24 && box.height >= 24,
					`button ${i} tappable (${box.width}x${box.height})`);
				assert.ok(box.width <= 120 && box.height <= 48,
					`button ${i} not swollen by its hidden text (${box.width}x${box.height})`);
			}
			const tops = await page.evaluate(() => [...document
				.querySelector('table.grid td .quota-actions').querySelectorAll('button')]
				.map((b) => Math.round(b.getBoundingClientRect().top)));
			assert.equal(new Set(tops).size, 1, `a cell's buttons on one row (${tops})`);
			const wide = await page.evaluate(() =>
				document.documentElement.scrollWidth > window.innerWidth + 1);
			assert.equal(wide, false, 'the page fits the screen (the grid scrolls in its frame)');

			// Usable: the first "+" (its accessible name includes the
			// hidden text) raises that slot's capacity by one.
			const cell = page.locator('table.grid td').first();
			const before = (await cell.locator('.quota').textContent()).trim();
			const m = /^(\d+) \/ (\d+)$/.exec(before);
			assert.ok(m, `a cell says booked / capacity (${before})`);
			const raise = page.getByRole('button', { name: /^\+ Raise/ }).first();
			assert.ok(await raise.isVisible(), 'named "+ Raise ..." for a screen reader');
			await raise.focus();
			// Wait for the new page (POST, redirect, GET): the one on
			// screen is already loaded, so a load-state wait alone would
			// read the old grid.
			const navigated = page.waitForEvent('framenavigated',
				(f) => f === page.mainFrame());
			await page.keyboard.press('Enter');
			await navigated;
			await page.waitForLoadState('load');
			assert.match(page.url(), /\/appointments\/quota/);
			const after = (await page.locator('table.grid td').first()
				.locator('.quota').textContent()).trim();
			assert.equal(after, `${m[1]} / ${Number(m[2]) + 1}`, 'the capacity went up');

			await assertAllDefined(page, `quota grid (${vp.name})`, ['/static/havre.css']);
		} finally {
			await context.close();
		}
	});
}

test('intranet day list: every class in the DOM has a rule', async () => {
	const context = await browser.newContext({ viewport: VIEWPORTS[0] });
	const page = await context.newPage();
	try {
		await signIn(page);
		await page.goto(`${INTRANET}/appointments/day?site=${S.siteId}&day=${dayFromNow(7)}`);
		await page.locator('main table').first().waitFor();
		await assertAllDefined(page, 'day list', ['/static/havre.css']);
	} finally {
		await context.close();
	}
});

for (const lang of ['fr', 'ar']) {
	test(`public booking pages (${lang}, 390 px): every class in the DOM has a rule`, async () => {
		const context = await browser.newContext({ viewport: VIEWPORTS[1], locale: lang });
		const page = await context.newPage();
		try {
			const level = S.levels.regular ?? Object.values(S.levels)[0];
			const q = `site=${S.siteId}&service=${S.serviceId}&level=${level}`;
			for (const [name, path] of [
				['sites', `/book?lang=${lang}`],
				['calendar', `/book/day?${q}&lang=${lang}`],
				['slots', `/book/slot?${q}&day=${dayFromNow(7)}&lang=${lang}`],
				['manage', `/book/manage?lang=${lang}`]]) {
				const r = await page.goto(`${PUBLIC}${path}`);
				assert.equal(r.status(), 200, `${name}: ${path}`);
				await assertAllDefined(page, `/book ${name} (${lang})`,
					['/static/havre.css', '/static/book.css']);
				const wide = await page.evaluate(() =>
					document.documentElement.scrollWidth > window.innerWidth + 1);
				assert.equal(wide, false, `${name} (${lang}) fits the phone`);
			}
			await screenshot(page, `book-manage-${lang}-390`);
		} finally {
			await context.close();
		}
	});
}

// tests/browser/registration.test.mjs: the registration desk's whole
// flow in a real browser on a desk-sized screen (1366x768), with the
// keyboard only (Tab to each control, typing, arrows for lists, Space
// for boxes, Enter to follow a link or send a form; no click, no
// script): sign in, start a walk-in's registration, the principal
// refused without consent (the summary of errors takes the focus) then
// accepted, a child added, the summary with its triage, the save, the
// receipt in Arabic and French. Every page passes axe-core, fits the
// screen and is kept as a screenshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { makeAgent, sql } from '../http/lib.mjs';
import { INTRANET, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
const agent = makeAgent('brreg', ['registrar']);
const family = `Rb${process.pid}`.replace(/[0-9]/g, (d) => 'abcdefghij'[d]);

before(async () => {
	browser = await launch();
});

after(async () => {
	await browser?.close();
});

async function check(page, what) {
	const v = await axe(page);
	assert.equal(v.length, 0, `${what}:\n${describeViolations(v)}`);
	const wide = await page.evaluate(() =>
		document.documentElement.scrollWidth > window.innerWidth + 1);
	assert.equal(wide, false, `${what} fits the screen`);
	await screenshot(page, `registration-${what}`);
}

// Press Tab until the focused element matches selector (at most 120
// times): the keyboard user's way to a control.
async function tabTo(page, selector) {
	for (let i = 0; i < 120; i++) {
		if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector))
			return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${selector}`);
}

// Tab to a text field and type into it.
async function type(page, name, text) {
	await tabTo(page, `[name="${name}"]`);
	await page.keyboard.type(text);
}

// Tab to a select and move down n options with the arrow key.
async function choose(page, name, n) {
	await tabTo(page, `select[name="${name}"]`);
	for (let i = 0; i < n; i++)
		await page.keyboard.press('ArrowDown');
}

// Tab to selector and press Enter, waiting for the page it loads.
async function enter(page, selector) {
	await tabTo(page, selector);
	await Promise.all([page.waitForLoadState('load'), page.waitForEvent('framenavigated'),
		page.keyboard.press('Enter')]);
	await page.waitForLoadState('load');
}

test('a household registered with the keyboard only at 1366x768, every page accessible', async () => {
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en' });
	const page = await context.newPage();
	try {
		await page.goto(`${INTRANET}/login?lang=en`);
		await type(page, 'username', agent.username);
		await type(page, 'password', agent.password);
		await Promise.all([page.waitForURL(/\/dashboard$/), page.keyboard.press('Enter')]);

		await enter(page, 'a[href="/registration"]');
		assert.match(await page.textContent('main'), /No registration is in progress/);
		await check(page, 'desk');
		await enter(page, 'main button[type=submit]');
		assert.match(page.url(), /\/registration\/member\/1$/);
		await check(page, 'principal');

		// The principal, first without the consent.
		await type(page, 'family_name', family);
		await type(page, 'given_names', 'Omar');
		await choose(page, 'sex', 1);
		await type(page, 'birth', '1986-02-00');
		await type(page, 'nationality', 'SYR');
		await type(page, 'languages', 'Arabic');
		await choose(page, 'leaflet', 1);
		await choose(page, 'leaflet_lang', 1);
		await enter(page, 'main form.form button[type=submit]');
		assert.match(await page.textContent('.form-summary'), /must be informed and consent/);
		assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('form-summary')),
			'the summary of errors has the focus');
		assert.equal(await page.inputValue('[name="family_name"]'), family, 'the input is kept');
		await check(page, 'principal-refused');
		await tabTo(page, '[name="consent"]');
		await page.keyboard.press('Space');
		await enter(page, 'main form.form button[type=submit]');
		assert.match(page.url(), /\/registration$/);
		assert.match(await page.textContent('main'), new RegExp(`${family}, Omar`));
		await check(page, 'household-1');

		// A child.
		await enter(page, 'a[href="/registration/member/2"]');
		await choose(page, 'relation', 2);
		await type(page, 'family_name', family);
		await type(page, 'given_names', 'Lina');
		await choose(page, 'sex', 2);
		await type(page, 'birth', '2014-00-00');
		await type(page, 'nationality', 'SYR');
		await type(page, 'languages', 'Arabic');
		await enter(page, 'main form.form button[type=submit]');
		assert.match(page.url(), /\/registration$/);
		assert.match(await page.textContent('main'), new RegExp(`${family}, Lina`));
		await check(page, 'household-2');

		// The summary, its triage, the save.
		await enter(page, 'a[href="/registration/summary"]');
		const summary = await page.textContent('main');
		assert.match(summary, /The rules propose/);
		assert.match(summary, /child/);
		await check(page, 'summary');
		await enter(page, 'main form.form button[type=submit]');
		assert.match(page.url(), /\/registration\/receipt\/\d+$/);
		const ref = sql(`SELECT d.reference FROM dossier d JOIN dossier_person p ON p.dossier_id = d.id JOIN person x ON x.id = p.person_id WHERE x.family_name = '${family}' AND p.role = 'principal'`)[0][0];
		const receipt = await page.textContent('main');
		assert.ok(receipt.includes(`${ref.slice(0, 4)}-${ref.slice(4)}`), 'the reference');
		assert.match(await page.textContent('section[lang="ar"]'), /إيصال طلب اللجوء الخاص بك/);
		assert.match(await page.textContent('section[lang="fr"]'), /Récépissé de votre demande d’asile/);
		await check(page, 'receipt');
	} finally {
		await context.close();
	}
});

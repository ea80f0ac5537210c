// tests/browser/identity-focus.test.mjs: issue 13 item 7, a registrar
// recording a person on a laptop (1366 px), and what has the focus and
// the view after each submit (no script of ours: autofocus):
// - "Record the person" with a likely duplicate: the duplicate panel
//   has the focus and is on screen, not left far below;
// - sent again without a decision: the error summary has the focus and
//   says, for the record it names, what is needed; the panel says it
//   next to the question;
// - any failed submit: the error summary has the focus and names each
//   field in error ("Family name: This field is required."), never the
//   same bare message three times.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { createPerson, csrfOf, get, login, makeAgent, uniqueName } from '../http/lib.mjs';
import { INTRANET, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
const agent = makeAgent('brfo', ['registrar']);
const family = uniqueName('Fq').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);
let existing;

before(async () => {
	browser = await launch();
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, '/identity/persons/new', { jar });
	existing = await createPerson({ jar, csrf: csrfOf(page.text) }, {
		family_name: family, given_names: 'Yohannes', sex: 'M',
		birth_date: '1990-03-14', nationality: 'ERI', birth_place: 'Asmara' });
});

after(async () => {
	await browser?.close();
});

// The focused element: its id, class and whether it is on screen, once
// the page has settled (autofocus runs at the first rendering after
// load: wait up to 5 s for an element matching want to hold the focus
// in view, then report whatever holds it).
async function focused(page, want) {
	await page.waitForFunction((sel) => {
		const e = document.activeElement;
		if (e === null || !e.matches(sel))
			return false;
		const b = e.getBoundingClientRect();
		return b.top >= 0 && b.top < window.innerHeight;
	}, want, { timeout: 5000 }).catch(() => {});
	return page.evaluate(() => {
		const e = document.activeElement;
		const b = e.getBoundingClientRect();
		return { id: e.id, cls: e.className, tag: e.tagName,
			top: b.top, scrollY: window.scrollY, onScreen: b.top >= 0 && b.top < window.innerHeight };
	});
}

async function newContext() {
	const context = await browser.newContext({ viewport: { width: 1366, height: 800 },
		locale: 'en' });
	const page = await context.newPage();
	await page.goto(`${INTRANET}/login`);
	await page.fill('#f-username', agent.username);
	await page.fill('#f-password', agent.password);
	await Promise.all([page.waitForURL(/\/dashboard$/),
		page.click('main button[type=submit]')]);
	return { context, page };
}

test('the duplicate panel takes the focus; no decision is explained', async () => {
	const { context, page } = await newContext();
	try {
		await page.goto(`${INTRANET}/identity/persons/new`);
		await page.fill('#f-family_name', family);
		await page.fill('#f-given_names', 'Yohannes');
		await page.fill('#f-birth_date', '1990-03-14');
		await page.fill('#f-nationality', 'ERI');
		await page.fill('#f-birth_place', 'Asmara');
		await Promise.all([page.waitForLoadState('load'),
			page.click('main form button[type=submit]')]);
		let f = await focused(page, '#duplicates-intro');
		assert.equal(f.id, 'duplicates-intro', `focus on ${JSON.stringify(f)}`);
		assert.ok(f.onScreen, `the panel is in view: ${JSON.stringify(f)}`);
		assert.ok(await page.locator('#duplicates > legend').isVisible());
		assert.ok(await page.locator('#duplicates > legend').evaluate((e) =>
			e.getBoundingClientRect().top >= 0), 'the panel\'s title is on screen');
		const panel = await page.locator('#duplicates').innerText();
		assert.ok(panel.includes(`${family}, Yohannes`), 'the candidate is named');
		assert.equal(await page.locator('.form-summary').count(), 0, 'no errors yet');
		await screenshot(page, 'identity-dup-panel-focus-1366');

		// Sent again without answering.
		await Promise.all([page.waitForLoadState('load'),
			page.click('main form button[type=submit]')]);
		f = await focused(page, '.form-summary');
		assert.match(f.cls, /form-summary/, `focus on ${JSON.stringify(f)}`);
		assert.ok(f.onScreen);
		const summary = await page.locator('.form-summary').innerText();
		assert.ok(summary.includes(`${family}, Yohannes (#${existing}): Answer: is this record the same person`),
			summary);
		const question = await page.locator('#f-verdict_0').innerText();
		assert.match(question, /Answer: is this record the same person as the one you are recording\?/);
		// The summary's link leads to the question.
		await page.locator('.form-summary a').first().click();
		assert.match(page.url(), /#f-verdict_0$/);
		const v = await axe(page);
		assert.deepEqual(v, [], describeViolations(v));
		await screenshot(page, 'identity-dup-undecided-1366');
	} finally {
		await context.close();
	}
});

test('a failed submit: the summary takes the focus and names each field', async () => {
	const { context, page } = await newContext();
	try {
		await page.goto(`${INTRANET}/identity/persons/new`);
		await page.fill('#f-given_names', 'Amanuel');
		await page.fill('#f-birth_date', '1990-13-45');
		await page.fill('#f-nationality', 'ZZZ');
		await page.fill('#f-death_date', 'yesterday');
		await Promise.all([page.waitForLoadState('load'),
			page.click('main form button[type=submit]')]);
		const f = await focused(page, '.form-summary');
		assert.match(f.cls, /form-summary/, `focus on ${JSON.stringify(f)}`);
		assert.ok(f.onScreen);
		const items = await page.locator('.form-summary li').allInnerTexts();
		assert.ok(items.length >= 3, items.join('\n'));
		assert.ok(items.some((t) => /^Family name: /.test(t)), items.join('\n'));
		assert.ok(items.some((t) => /^Birth date: /.test(t)), items.join('\n'));
		assert.ok(items.some((t) => /^Nationality: /.test(t)), items.join('\n'));
		assert.ok(items.some((t) => /^Date of death: /.test(t)), items.join('\n'));
		assert.equal(new Set(items).size, items.length, 'no two items alike');
	} finally {
		await context.close();
	}
});

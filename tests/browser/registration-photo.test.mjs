// tests/browser/registration-photo.test.mjs: a member's photo at the
// registration desk in chromium (havre-registration photo.c and
// /static/registration.js). Headless chromium has no camera: the script
// still offers "Use the camera" (the browser has the API), and pressing
// it ends with the message that the camera is not available, the focus
// back on the file input, no script error; the fallback, the file
// input, uploads a PNG: the page comes back with its message and shows
// the photo, served from the document store (it loads: 1x1 pixels).
// axe-core finds no violation on the step with its photo section.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { makeAgent, sql } from '../http/lib.mjs';
import { INTRANET, axe, describeViolations, launch, screenshot } from './lib.mjs';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let browser;
const agent = makeAgent('brregph', ['registrar']);
const family = `Rp${process.pid}`.replace(/[0-9]/g, (d) => 'abcdefghij'[d]);

before(async () => {
	browser = await launch();
});

after(async () => {
	await browser?.close();
});

test('the photo: no camera in headless chromium, the file upload works and the page does not break', async () => {
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en' });
	const page = await context.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	try {
		await page.goto(`${INTRANET}/login?lang=en`);
		await page.fill('[name="username"]', agent.username);
		await page.fill('[name="password"]', agent.password);
		await Promise.all([page.waitForURL(/\/dashboard$/), page.click('main button[type=submit]')]);
		await page.goto(`${INTRANET}/registration`);
		await Promise.all([page.waitForURL(/\/registration\/member\/1$/),
			page.click('main button[type=submit]')]);
		// The person's step first: no photo form before it is saved.
		assert.equal(await page.locator('#photo-h').count(), 0);
		await page.fill('[name="family_name"]', family);
		await page.fill('[name="given_names"]', 'Nadia');
		await page.selectOption('[name="sex"]', 'F');
		await page.fill('[name="birth"]', '1990-05-00');
		await page.fill('[name="nationality"]', 'SYR');
		await page.fill('[name="languages"]', 'Arabic');
		await page.selectOption('[name="leaflet"]', 'rights_procedure');
		await page.selectOption('[name="leaflet_lang"]', 'ar');
		await page.check('[name="consent"]');
		await Promise.all([page.waitForURL(/\/registration$/),
			page.click('main form.form button[type=submit]')]);
		await page.goto(`${INTRANET}/registration/member/1`);
		assert.ok(await page.isVisible('#photo-h'));
		assert.match(await page.textContent('#photo'), /No photo yet/);

		// The script shows the camera's button (the browser has the API);
		// there is no camera: the message, the focus on the file input.
		assert.ok(await page.isVisible('.camera-start'), 'the camera is offered');
		await page.click('.camera-start');
		await page.waitForFunction(() =>
			document.querySelector('.camera-status')?.textContent !== '', null, { timeout: 10000 });
		assert.match(await page.textContent('.camera-status'), /The camera is not available: choose a file instead/);
		assert.equal(await page.isVisible('.camera-view'), false, 'no video shown');
		assert.equal(await page.isVisible('.camera-take'), false, 'nothing to take');
		assert.ok(await page.evaluate(() => document.activeElement?.id === 'f-photo'),
			'the focus on the file input');
		const v = await axe(page);
		assert.equal(v.length, 0, describeViolations(v));
		await screenshot(page, 'registration-photo-nocamera');

		// The fallback: the file input.
		await page.setInputFiles('#f-photo', { name: 'nadia.png', mimeType: 'image/png', buffer: PNG });
		await Promise.all([page.waitForURL(/\/registration\/member\/1#photo$/),
			page.click('#photo button[type=submit]')]);
		assert.match(await page.textContent('main'), /The photo was saved/);
		const img = page.locator('img.member-photo');
		assert.equal(await img.count(), 1);
		await page.waitForFunction(() => document.querySelector('img.member-photo')?.complete);
		assert.equal(await img.evaluate((i) => i.naturalWidth), 1, 'the photo loads from the store');
		const draft = sql(`SELECT d.id FROM registration_draft d JOIN agent a ON a.id = d.agent_id
			WHERE a.username = '${agent.username}' AND d.status = 'open'`)[0][0];
		assert.equal(sql(`SELECT f.mime FROM registration_member m JOIN stored_file f
			ON f.id = m.photo_file WHERE m.draft_id = ${draft} AND m.position = 1`)[0][0], 'image/png');
		const v2 = await axe(page);
		assert.equal(v2.length, 0, describeViolations(v2));
		await screenshot(page, 'registration-photo-saved');
		assert.deepEqual(errors, [], 'no script error');
	} finally {
		await context.close();
	}
});

// tests/browser/login.test.mjs: an agent's first sign-in in a real
// browser: temporary password, forced change, dashboard, sign out; the
// pages are checked with axe-core and photographed, in English on a
// laptop and in Arabic on a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { makeAgent } from '../http/lib.mjs';
import { INTRANET, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;

before(async () => {
	browser = await launch();
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
	['ar', { width: 390, height: 844 }]]) {
	test(`first sign-in, password change and sign-out (${lang}, ${vp.width}px)`, async () => {
		const agent = makeAgent(`br${lang}`, ['supervisor'], { temporary: true });
		const context = await browser.newContext({ viewport: vp, locale: lang });
		const page = await context.newPage();
		try {
			await page.goto(`${INTRANET}/login?lang=${lang}`);
			await accessible(page, 'login page');
			await screenshot(page, `login-${lang}-${vp.width}`);

			// A wrong password first: the message, and the username kept.
			await page.fill('#f-username', agent.username);
			await page.fill('#f-password', 'not my password at all');
			await page.click('main button[type=submit]');
			await page.locator('.form-summary[role=alert]').waitFor({ timeout: 5000 });
			assert.equal(await page.inputValue('#f-username'), agent.username);

			await page.fill('#f-password', agent.password);
			await Promise.all([page.waitForURL(/\/password$/),
				page.click('main button[type=submit]')]);
			await accessible(page, 'password page');

			// A too-short password is refused next to its field.
			await page.fill('#f-current', agent.password);
			await page.fill('#f-new', 'short');
			await page.fill('#f-confirm', 'short');
			// The browser's own minlength check would stop the submit.
			await page.evaluate(() =>
				document.getElementById('f-new').removeAttribute('minlength'));
			await page.click('main button[type=submit]');
			await page.locator('#e-new').waitFor({ timeout: 5000 });
			assert.equal(await page.getAttribute('#f-new', 'aria-invalid'), 'true');
			await accessible(page, 'password page with an error');
			await screenshot(page, `password-error-${lang}-${vp.width}`);

			const fresh = `${agent.username} has a new long phrase`;
			await page.fill('#f-current', agent.password);
			await page.fill('#f-new', fresh);
			await page.fill('#f-confirm', fresh);
			await Promise.all([page.waitForURL(/\/dashboard$/),
				page.click('main button[type=submit]')]);
			assert.ok(await page.locator('.flash-ok').isVisible());
			assert.ok(await page.locator('a[href="/appointments"], a[href="/audit"]').count() > 0);
			await accessible(page, 'dashboard');
			await screenshot(page, `dashboard-${lang}-${vp.width}`);

			await Promise.all([page.waitForURL(/\/login$/),
				page.click('.agent form button')]);
			assert.ok(await page.locator('.flash-ok').isVisible());
			// Signed out for real: the dashboard asks for a sign-in.
			await page.goto(`${INTRANET}/dashboard`);
			assert.match(page.url(), /\/login\?next=\/dashboard/);
		} finally {
			await context.close();
		}
	});
}

// tests/browser/portal.test.mjs: the landing page in a real browser, in
// English and Arabic, on a phone and a laptop viewport: screenshots into
// $HAVRE_SCREENSHOTS, right-to-left layout for Arabic, no axe-core
// violation, no console error and no blocked (CSP) resource.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	INTRANET, VIEWPORTS, axe, describeViolations, launch, screenshot,
} from './lib.mjs';

let browser;

before(async () => {
	browser = await launch();
});

after(async () => {
	await browser?.close();
});

for (const lang of ['en', 'ar']) {
	for (const vp of VIEWPORTS) {
		test(`landing page, ${lang}, ${vp.name} ${vp.width}x${vp.height}`, async () => {
			const context = await browser.newContext({
				viewport: { width: vp.width, height: vp.height },
				locale: lang,
			});
			const page = await context.newPage();
			const problems = [];
			// Failed loads are reported by 'response' (with their URL);
			// the browser's own /favicon.ico probe is not the page's.
			page.on('console', (m) => {
				if (m.type() === 'error' &&
				    !m.text().startsWith('Failed to load resource'))
					problems.push(`console: ${m.text()}`);
			});
			page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
			page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
			page.on('response', (r) => {
				if (r.status() >= 400 &&
				    new URL(r.url()).pathname !== '/favicon.ico')
					problems.push(`${r.status()}: ${r.url()}`);
			});
			try {
				const res = await page.goto(`${INTRANET}/?lang=${lang}`,
					{ waitUntil: 'load' });
				assert.equal(res.status(), 200);
				const html = page.locator('html');
				assert.equal(await html.getAttribute('lang'), lang);
				assert.equal(await html.getAttribute('dir'),
					lang === 'ar' ? 'rtl' : 'ltr');
				// The stylesheet applied: the computed direction follows dir.
				const direction = await page.evaluate(() =>
					getComputedStyle(document.body).direction);
				assert.equal(direction, lang === 'ar' ? 'rtl' : 'ltr');
				// Nothing wider than the viewport (no horizontal scroll).
				const overflow = await page.evaluate(() =>
					document.documentElement.scrollWidth - window.innerWidth);
				assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
				await screenshot(page, `portal-home-${lang}-${vp.width}x${vp.height}`);
				const violations = await axe(page);
				assert.equal(violations.length, 0, describeViolations(violations));
				assert.deepEqual(problems, []);
			} finally {
				await context.close();
			}
		});
	}
}

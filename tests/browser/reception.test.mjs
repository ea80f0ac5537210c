// tests/browser/reception.test.mjs: havre-reception in chromium: a desk
// agent checks an appointment in by typing its reference, a counter agent
// calls and finishes the visit, the supervisor's dashboard (screenshot),
// and axe-core on the display board (in Arabic too) and the dashboard.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	INTRANET, PUBLIC, assertChartsReadable, axe, describeViolations, launch, screenshot,
} from './lib.mjs';
import { makeAgent, sql } from '../http/lib.mjs';
import {
	makeAppointment, makeSite, makeStations,
} from '../http/reception-fixture.mjs';

let browser;
const desk = makeAgent('bdesk', ['reception']);
const boss = makeAgent('bboss', ['supervisor']);
const s = makeSite();
const [station] = makeStations(s.siteId, s.serviceId, ['Document check']);
const appt = makeAppointment(s, { family: 'Browserova' });

before(async () => {
	browser = await launch();
});

after(async () => {
	await browser?.close();
});

// A page signed in as agent (through the real login form).
async function signedIn(agent, opts = {}) {
	const context = await browser.newContext({
		viewport: opts.viewport ?? { width: 1280, height: 800 },
		locale: opts.locale ?? 'en',
	});
	const page = await context.newPage();
	await page.goto(`${INTRANET}/login`);
	await page.fill('input[name="username"]', agent.username);
	await page.fill('input[name="password"]', agent.password);
	await Promise.all([page.waitForNavigation(),
		page.click('form button[type="submit"]')]);
	return { context, page };
}

test('check-in, then a counter calls and finishes the visit', async () => {
	const { context, page } = await signedIn(desk);
	await page.goto(`${INTRANET}/reception/checkin?site=${s.siteId}`);
	// A scanner types the reference and presses Enter.
	await page.fill('#f-ref', appt.reference.toLowerCase());
	await Promise.all([page.waitForNavigation(), page.press('#f-ref', 'Enter')]);
	assert.match(await page.textContent('.ticket'), /C001/);
	assert.equal(sql(`SELECT status FROM appointment WHERE id = ${appt.id}`)[0][0],
		'arrived');
	await screenshot(page, 'reception-checkin');

	await page.goto(`${INTRANET}/reception/counter?counter=${station.counterId}`);
	assert.match(await page.textContent('main'), /C001/);
	await Promise.all([page.waitForNavigation(),
		page.click(`form[action="/reception/counter/${station.counterId}/call"] button`)]);
	assert.match(await page.textContent('.current'), /Browserova/);
	await Promise.all([page.waitForNavigation(),
		page.click('form[action$="/start"] button')]);
	await Promise.all([page.waitForNavigation(),
		page.click('form[action$="/finish"] button')]);
	assert.match(await page.textContent('.current'), /No one is at this counter/);
	assert.equal(sql(`SELECT status FROM visit WHERE appointment_id = ${appt.id}`)[0][0],
		'done');
	const v = await axe(page);
	assert.deepEqual(v, [], describeViolations(v));
	await context.close();
});

test('the display board: large, multilingual, no violations', async () => {
	for (const locale of ['en', 'ar']) {
		const context = await browser.newContext({
			viewport: { width: 1920, height: 1080 }, locale,
		});
		const page = await context.newPage();
		const res = await page.goto(`${PUBLIC}/board/${s.site}?lang=${locale}`);
		assert.equal(res.status(), 200);
		assert.equal(await page.getAttribute('html', 'lang'), locale);
		const size = await page.evaluate(() =>
			parseFloat(getComputedStyle(document.querySelector('.board-called td'))
				.fontSize));
		assert.ok(size >= 48, `ticket numbers are ${size}px on a 1080p TV`);
		const v = await axe(page);
		assert.deepEqual(v, [], describeViolations(v));
		await screenshot(page, `reception-board-${locale}`);
		await context.close();
	}
});

test('the dashboard: screenshot, SVG charts with tables, no violations', async () => {
	const { context, page } = await signedIn(boss);
	await page.goto(`${INTRANET}/reception/dashboard?site=${s.siteId}`);
	assert.ok(await page.locator('svg.chart').count() >= 1);
	assert.ok(await assertChartsReadable(page, 'dashboard') >= 1);
	assert.ok(await page.locator('table').count() >= 8);
	await screenshot(page, 'reception-dashboard');
	const v = await axe(page);
	assert.deepEqual(v, [], describeViolations(v));
	await context.close();
});

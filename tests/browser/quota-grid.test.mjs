// tests/browser/quota-grid.test.mjs: the quota grid as a supervisor uses
// it (issue 13 item 6). The agency's own grid shows, for a day, one row
// per opening hour and the three service levels side by side, each cell
// "booked / capacity" with + and -; Havre's day view must read the same,
// span the site's opening hours only (not 00:00-23:00), weigh under 40 KB
// (the week view too), and bring the supervisor back to the row they
// changed, not to the top of the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { makeAgent, request, sql } from '../http/lib.mjs';
import { dayFromNow, freshPhone, makeKey, makeSite }
	from '../http/appointments-fixture.mjs';
import { INTRANET, launch, screenshot } from './lib.mjs';

const BUDGET = 40 * 1024;
const HOURS = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
const hm = (h) => `${String(h).padStart(2, '0')}:00`;

let browser;
let S;
const day = dayFromNow(9);
const sup = makeAgent('brquota', ['supervisor']);

before(async () => {
	browser = await launch();
	// Open 07:00-20:00, a slot each hour; the partner channel has 4 seats
	// per level, one of them booked at 15:00 on the regular level.
	S = makeSite({ hours: ['07:00', '20:00'], times: HOURS, capacity: 4 });
	const key = makeKey();
	const b = await request(INTRANET, '/appointments/api/v1/bookings', {
		method: 'POST',
		headers: { Authorization: `Bearer ${key}`, Accept: 'application/json',
			'Content-Type': 'application/json' },
		body: JSON.stringify({ site: S.site, service: S.service,
			level: 'regular', start: `${day}T15:00:00`, family_name: 'Martin',
			given_names: 'Anne', phone: freshPhone(), language: 'fr' }),
	});
	assert.equal(b.status, 201, b.text);
});

after(async () => {
	await browser?.close();
});

async function signIn(page) {
	await page.goto(`${INTRANET}/login`);
	await page.fill('#f-username', sup.username);
	await page.fill('#f-password', sup.password);
	await Promise.all([page.waitForURL(/\/dashboard$/),
		page.click('main button[type=submit]')]);
}

// The level labels in the order of the levels, as the grid must head them.
function levelLabels() {
	return sql(`SELECT code FROM service_level ORDER BY rank_order, id`)
		.map(([c]) => ({ regular: 'Regular', urgent: 'Urgent',
			extreme: 'Extreme urgency' })[c] ?? c);
}

test('day view: the levels side by side over the opening hours; back at the row changed', async () => {
	const context = await browser.newContext({
		viewport: { width: 1366, height: 600 }, locale: 'en' });
	const page = await context.newPage();
	try {
		await signIn(page);
		// From the week view, a click on the day's heading opens the day.
		const week = await page.goto(`${INTRANET}/appointments/quota?site=${
			S.siteId}&channel=partner&week=${day}`);
		assert.ok((await week.body()).length < BUDGET,
			`the week view weighs ${(await week.body()).length} bytes`);
		await Promise.all([page.waitForURL(/view=day/),
			page.locator(`table.grid thead a[href*="day=${day}"]`).click()]);
		const res = await page.reload();
		const bytes = (await res.body()).length;
		assert.ok(bytes < BUDGET, `the day view weighs ${bytes} bytes`);

		// Headed by the levels, in their order, as the agency's grid is.
		const heads = await page.locator('table.grid thead th').allInnerTexts();
		const labels = levelLabels();
		assert.ok(labels.length >= 3, `three levels at least (${labels})`);
		assert.deepEqual(heads.slice(1), labels,
			'time, then the levels side by side');
		const col = (label) => labels.indexOf(label);
		assert.match(await page.locator('table.grid caption').innerText(),
			new RegExp(day));

		// One row per opening hour, nothing before 07:00 or after 19:00.
		const rows = await page.locator('table.grid tbody th[scope=row]')
			.allInnerTexts();
		assert.deepEqual(rows, HOURS.map(hm));

		// "booked / capacity" per level: the 15:00 regular seat is taken.
		const cellText = (h, col) => page.locator(`tr#t-${
			String(h).padStart(2, '0')}00 td`).nth(col).locator('.quota')
			.innerText();
		assert.equal(await cellText(15, col('Regular')), '1 / 4');
		assert.equal(await cellText(15, col('Urgent')), '0 / 4');
		assert.equal(await cellText(9, col('Extreme urgency')), '0 / 4');
		await screenshot(page, 'quota-day-laptop');

		// Raise the urgent level at 19:00, the last row, below the fold.
		const row = page.locator('tr#t-1900');
		const raise = row.locator('td').nth(col('Urgent'))
			.getByRole('button', { name: /^\+ Raise/ });
		await raise.scrollIntoViewIfNeeded();
		const navigated = page.waitForEvent('framenavigated',
			(f) => f === page.mainFrame());
		await raise.click();
		await navigated;
		await page.waitForLoadState('load');
		assert.match(page.url(), /view=day/, 'still the day view');
		assert.match(page.url(), /#t-1900$/, 'addressed to the row changed');
		assert.equal(await cellText(19, col('Urgent')), '0 / 5',
			'the capacity went up');
		const seen = await page.evaluate(() => {
			const r = document.getElementById('t-1900').getBoundingClientRect();
			return { top: r.top, bottom: r.bottom, h: window.innerHeight,
				y: window.scrollY };
		});
		assert.ok(seen.y > 0, `the page is scrolled to the row (${seen.y})`);
		assert.ok(seen.top >= 0 && seen.bottom <= seen.h,
			`the row changed is on screen (${seen.top}-${seen.bottom} of ${seen.h})`);
		const status = await page.locator('[role=status], .flash').first()
			.innerText();
		assert.match(status, /saved/i, 'the change is confirmed');
		assert.deepEqual(sql(`SELECT capacity FROM slot_quota q JOIN
			service_level l ON l.id = q.level_id WHERE q.site_id = ${S.siteId}
			AND q.channel = 'partner' AND q.local_day = '${day}' AND
			q.local_time = '19:00' AND l.code = 'urgent'`), [['5']]);
	} finally {
		await context.close();
	}
});

test('day view on a phone: the grid scrolls in its frame, the page does not', async () => {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 }, locale: 'en' });
	const page = await context.newPage();
	try {
		await signIn(page);
		await page.goto(`${INTRANET}/appointments/quota?site=${S.siteId
		}&channel=partner&view=day&day=${day}`);
		assert.equal(await page.locator('table.grid tbody tr').count(),
			HOURS.length);
		const wide = await page.evaluate(() =>
			document.documentElement.scrollWidth > window.innerWidth + 1);
		assert.equal(wide, false, 'the page fits the screen');
		const b = page.locator('tr#t-0900 td').first().locator('button').first();
		assert.ok(await b.isVisible(), 'the + of 09:00 is visible');
		await screenshot(page, 'quota-day-phone');
	} finally {
		await context.close();
	}
});

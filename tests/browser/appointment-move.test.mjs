// tests/browser/appointment-move.test.mjs: issue 13 item 4 as a
// call-centre agent at 1366 px sees it, with JavaScript off. The booking
// page shows the applicant, the channel and the booking's history (who
// booked it, the confirmation SMS and its delivery); the agent moves the
// booking with the call centre's slot picker: another day, a free time
// of the same level and channel, "Move the appointment"; the page then
// shows the new time, the move and the change SMS in the history, and
// the seats moved with it (old slot freed, new one taken). A time taken
// by someone else between showing and moving is refused with a message
// and nothing moves. Checked through visible text (innerText) and the
// database.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { INTRANET, csrfOf, get, login, makeAgent, post, sql, waitFor } from '../http/lib.mjs';
import { dayFromNow, freshPhone, makeSite } from '../http/appointments-fixture.mjs';
import { axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
let S;
let id;
const agent = makeAgent('brmv', ['call_centre']);
const day = dayFromNow(2);
const nextDay = dayFromNow(3);

// The call-centre slot of the site at hh:mm on d (regular level).
const slotAt = (d, hm) => sql(`SELECT id FROM slot_quota WHERE site_id = ${S.siteId}
	AND local_day = '${d}' AND local_time = '${hm}' AND channel = 'callcentre'
	AND level_id = ${S.levels.regular}`)[0]?.[0];
const booked = (slot) => Number(sql(`SELECT booked FROM slot_quota WHERE id = ${slot}`)[0][0]);
const appt = () => sql(`SELECT slot_id, status FROM appointment WHERE id = ${id}`)[0];

before(async () => {
	browser = await launch();
	S = makeSite({ capacity: { web: 2, callcentre: 2, partner: 2, walkin: 2 } });
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET,
		`/appointments/callcentre?site=${S.siteId}&day=${day}`, { jar });
	assert.equal(page.status, 200);
	const r = await post(INTRANET, '/appointments/callcentre/book', {
		csrf: csrfOf(page.text), site: S.siteId, day, slot: slotAt(day, '10:00'),
		service: S.serviceId, family_name: 'Mbeki', given_names: 'Thandiwe',
		phone: freshPhone(), document_number: '', lang: 'fr', notes: '' },
	{ jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	id = sql(`SELECT id FROM appointment WHERE site_id = ${S.siteId}
		AND family_name = 'Mbeki'`)[0][0];
	// Make the next day's slots (the picker does it too) so that the test
	// can fill one of them.
	await get(INTRANET, `/appointments/callcentre?site=${S.siteId}&day=${nextDay}`, { jar });
});

after(async () => {
	await browser?.close();
});

test('the booking page shows the applicant, the channel and the history; the agent moves it', async () => {
	// The confirmation SMS goes through the SMS gateway and comes back
	// delivered: the history shows it so.
	const delivered = await waitFor(() => sql(`SELECT status FROM outbox_message
		WHERE entity = 'appointment' AND entity_id = ${id}
		AND event = 'confirmation'`)[0]?.[0] === 'delivered', 30000);
	assert.ok(delivered, 'the confirmation SMS was delivered');

	const context = await browser.newContext({ viewport: { width: 1366, height: 800 },
		locale: 'en', javaScriptEnabled: false });
	const page = await context.newPage();
	try {
		await page.goto(`${INTRANET}/login`);
		await page.fill('#f-username', agent.username);
		await page.fill('#f-password', agent.password);
		await Promise.all([page.waitForURL(/\/dashboard$/),
			page.click('main button[type=submit]')]);
		await page.goto(`${INTRANET}/appointments/bookings/${id}`);
		let text = await page.innerText('main');
		assert.match(text, /Applicant\s+Mbeki, Thandiwe/);
		assert.match(text, /Channel\s+Call centre/);
		assert.match(text, /Preferred language\s+French/);
		assert.ok(text.includes(`${day} 10:00`), 'the current time');
		// History: booked by the agent, for the booked time; the SMS.
		const history = page.locator('section[aria-labelledby="h-history"]');
		assert.ok(await history.isVisible());
		let h = await history.innerText();
		assert.match(h, new RegExp(`Booked, for ${day} 10:00\\s+${agent.username}`));
		assert.match(h, /SMS Booking confirmation: delivered; sent \d{4}-\d\d-\d\d \d\d:\d\d; delivered \d{4}-\d\d-\d\d \d\d:\d\d\s+\+33/);

		// The picker: the same slots as the call centre's, of this
		// level and channel, without the booking's own time.
		const move = page.locator('section[aria-labelledby="h-move"]');
		assert.ok(await move.isVisible(), 'a visible move section');
		text = await move.innerText();
		assert.match(text, /Move to another time/);
		assert.match(text, /It is now on \S+ 10:00/);
		assert.ok(!/^10:00 Regular/m.test(text), 'the current time is not offered');
		assert.match(text, /11:00 Regular \(2 left\)/);
		assert.doesNotMatch(text, /Urgent/, 'only the booking\'s level');
		// Another day.
		await Promise.all([page.waitForLoadState('load'),
			move.getByRole('link', { name: 'Next day' }).click()]);
		text = await move.innerText();
		assert.ok(text.includes(`Free times on ${nextDay}`), text);
		assert.match(text, /10:00 Regular \(2 left\)/, 'the same time another day is offered');

		// Someone takes 11:00 while the agent looks: refused, nothing moves.
		const taken = slotAt(nextDay, '11:00');
		const before = appt();
		sql(`UPDATE slot_quota SET capacity = booked WHERE id = ${taken}`);
		await move.getByLabel(/^11:00 Regular/).check();
		await Promise.all([page.waitForLoadState('load'),
			move.getByRole('button', { name: 'Move the appointment' }).click()]);
		text = await page.innerText('main');
		assert.match(text, /This slot has just been filled\. Choose another slot\./);
		assert.deepEqual(appt(), before, 'nothing moved');
		assert.ok(text.includes(`Free times on ${nextDay}`), 'the picker stays on the chosen day');
		const summary = page.locator('.form-summary');
		assert.ok(await summary.isVisible());

		// 14:00 the next day: moved.
		const from = slotAt(day, '10:00');
		const to = slotAt(nextDay, '14:00');
		const fromBooked = booked(from);
		const toBooked = booked(to);
		await page.locator('section[aria-labelledby="h-move"]').getByLabel(/^14:00 Regular/).check();
		await Promise.all([page.waitForLoadState('load'),
			page.getByRole('button', { name: 'Move the appointment' }).click()]);
		await screenshot(page, 'appointment-moved-1366');
		assert.match(page.url(), new RegExp(`/appointments/bookings/${id}$`));
		text = await page.innerText('main');
		assert.match(text, /The appointment is moved/);
		assert.ok(text.includes(`${nextDay} 14:00`), 'the new time is shown');
		assert.deepEqual(appt(), [String(to), 'booked']);
		assert.equal(booked(from), fromBooked - 1, 'the old seat is free');
		assert.equal(booked(to), toBooked + 1, 'the new seat is taken');
		h = await page.locator('section[aria-labelledby="h-history"]').innerText();
		assert.ok(h.includes(`Moved: ${day} 10:00 → ${nextDay} 14:00`), h);
		assert.match(h, /SMS Appointment moved: /);
		assert.equal(Number(sql(`SELECT COUNT(*) FROM outbox_message WHERE
			entity = 'appointment' AND entity_id = ${id} AND event = 'change'`)[0][0]), 1);
	} finally {
		await context.close();
	}
});

test('a status change shows in the history with who made it', async () => {
	const { jar } = await login(agent.username, agent.password);
	const form = await get(INTRANET, `/appointments/bookings/${id}`, { jar });
	const version = /name="version" value="(\d+)"/.exec(form.text)[1];
	const r = await post(INTRANET, `/appointments/bookings/${id}`, {
		csrf: csrfOf(form.text), version, family_name: 'Mbeki',
		given_names: 'Thandiwe', phone: sql(`SELECT phone FROM appointment WHERE id = ${id}`)[0][0],
		notes: '', status: 'confirmed' }, { jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	// On a phone; axe needs scripts, so this context keeps them.
	const context = await browser.newContext({ viewport: { width: 390, height: 844 },
		locale: 'en' });
	const page = await context.newPage();
	try {
		await page.goto(`${INTRANET}/login`);
		await page.fill('#f-username', agent.username);
		await page.fill('#f-password', agent.password);
		await Promise.all([page.waitForURL(/\/dashboard$/),
			page.click('main button[type=submit]')]);
		await page.goto(`${INTRANET}/appointments/bookings/${id}`);
		const h = await page.locator('section[aria-labelledby="h-history"]').innerText();
		assert.match(h, new RegExp(`Edited: Booked → Confirmed\\s+${agent.username}`));
		const v = await axe(page);
		assert.deepEqual(v, [], describeViolations(v));
	} finally {
		await context.close();
	}
});

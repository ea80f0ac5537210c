// tests/browser/confirm.test.mjs: issue 13.2 as an agent at 1366 px
// sees it: the day list's Cancel (which also sends an SMS) first shows
// a question saying whose appointment, when, the seat freed and the SMS
// to the applicant's number; "No, keep it" changes nothing and goes
// back to the day; only "Yes, cancel the appointment" cancels. Checked
// through visible text (innerText), with JavaScript off.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { INTRANET, csrfOf, get, login, makeAgent, post, sql } from '../http/lib.mjs';
import { dayFromNow, freshPhone, makeSite } from '../http/appointments-fixture.mjs';
import { launch, screenshot } from './lib.mjs';

let browser;
let S;
let id;
let phone;
const agent = makeAgent('brcf', ['call_centre']);
const day = dayFromNow(2);

before(async () => {
	browser = await launch();
	S = makeSite({ capacity: { web: 2, callcentre: 2, partner: 2, walkin: 2 } });
	// A call-centre booking, made over HTTP as the agent would.
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET,
		`/appointments/callcentre?site=${S.siteId}&day=${day}`, { jar });
	assert.equal(page.status, 200);
	const slot = sql(`SELECT id FROM slot_quota WHERE site_id = ${S.siteId}
		AND local_day = '${day}' AND local_time = '10:00'
		AND channel = 'callcentre' AND level_id = ${S.levels.regular}`)[0][0];
	phone = freshPhone();
	const r = await post(INTRANET, '/appointments/callcentre/book', {
		csrf: csrfOf(page.text), site: S.siteId, day, slot,
		service: S.serviceId, family_name: 'Okonkwo', given_names: 'Ada',
		phone, document_number: '', lang: 'en', notes: '' },
	{ jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	id = sql(`SELECT id FROM appointment WHERE site_id = ${S.siteId}
		AND family_name = 'Okonkwo'`)[0][0];
});

after(async () => {
	await browser?.close();
});

const status = () => sql(`SELECT status FROM appointment WHERE id = ${id}`)[0][0];
const sms = () => Number(sql(`SELECT COUNT(*) FROM outbox_message WHERE
	entity = 'appointment' AND entity_id = ${id} AND event = 'cancellation'`)[0][0]);

test('day list: Cancel asks first, "No, keep it" keeps, "Yes" cancels (no JavaScript)', async () => {
	const context = await browser.newContext({ viewport: { width: 1366, height: 800 },
		locale: 'en', javaScriptEnabled: false });
	const page = await context.newPage();
	try {
		await page.goto(`${INTRANET}/login`);
		await page.fill('#f-username', agent.username);
		await page.fill('#f-password', agent.password);
		await Promise.all([page.waitForURL(/\/dashboard$/),
			page.click('main button[type=submit]')]);
		const dayList = `${INTRANET}/appointments/day?site=${S.siteId}&day=${day}`;
		await page.goto(dayList);
		const before = status();
		const cancel = page.locator(`form[action="/appointments/bookings/${id}/cancel"] button`);
		assert.ok(await cancel.isVisible(), 'a visible Cancel');
		await Promise.all([page.waitForLoadState('load'), cancel.click()]);
		await screenshot(page, 'confirm-appt-cancel-ask-1366');
		const text = await page.innerText('main');
		assert.match(text, /Cancel the appointment/);
		assert.match(text, /Nothing has changed yet/);
		assert.match(text, /Okonkwo/);
		assert.ok(text.includes(day), 'the day');
		assert.match(text, /10:00/);
		assert.match(text, /freed for someone else/);
		assert.match(text, /An SMS telling the applicant of the cancellation is sent to \+33/);
		assert.equal(status(), before, 'the first press changes nothing');
		assert.equal(sms(), 0);
		// "No, keep it": back to the day, still booked.
		await Promise.all([page.waitForLoadState('load'),
			page.getByRole('link', { name: 'No, keep it' }).click()]);
		assert.match(page.url(), /\/appointments\/day\?site=/);
		assert.equal(status(), before);
		// Again, then "Yes, cancel the appointment".
		await Promise.all([page.waitForLoadState('load'), cancel.click()]);
		const yes = page.getByRole('button', { name: 'Yes, cancel the appointment' });
		assert.ok(await yes.isVisible());
		await Promise.all([page.waitForLoadState('load'), yes.click()]);
		assert.match(page.url(), /\/appointments\/day\?site=/);
		assert.equal(status(), 'cancelled');
		assert.equal(sms(), 1, 'the cancellation SMS is queued');
		assert.equal(await cancel.count(), 0, 'no Cancel any more');
	} finally {
		await context.close();
	}
});

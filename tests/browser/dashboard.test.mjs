// tests/browser/dashboard.test.mjs: issue 13 item 10, the agent's
// dashboard shows what matters today, as a supervisor (administrator)
// sees it at 1366 px and a call-centre agent on a phone: today's
// appointments of a site by status (its own today, in its zone), the
// people waiting there and the longest wait, the SMS that failed (each
// leading to its booking), the duplicate pairs awaiting a decision; an
// agent sees only the parts of the workflows their roles open. The
// fixture day is written with SQL (any time of day: slots of a past hour
// cannot be booked through the pages); the figures are read as text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { login, makeAgent, sql } from '../http/lib.mjs';
import { freshPhone, makeSite } from '../http/appointments-fixture.mjs';
import { INTRANET, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
let S;
let failedRef;
const boss = makeAgent('brdb', ['administrator']);
const caller = makeAgent('brdc', ['call_centre']);
const ZONE = 'Europe/Paris';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE })
	.format(new Date(Date.now() + 86400000));

// A reference no other booking has (8 letters and digits).
let refSeq = 0;
function freshRef() {
	refSeq++;
	return `D${(Date.now() % 1e6).toString(36)}${refSeq}${process.pid % 1000}`
		.toUpperCase().replace(/[^0-9A-Z]/g, '').padEnd(8, 'X').slice(0, 8);
}

// An appointment of site S in its slot of day at hh:00 (regular level,
// call-centre channel) with status. Returns [id, reference].
function appointment(day, hh, status) {
	const slot = sql(`SELECT id, DATE_FORMAT(start_utc, '%Y-%m-%d %H:%i:%s')
		FROM slot_quota WHERE site_id = ${S.siteId} AND local_day = '${day}'
		AND local_time = '${hh}:00:00' AND channel = 'callcentre'
		AND level_id = ${S.levels.regular}`)[0];
	const ref = freshRef();
	const phone = freshPhone();
	sql(`INSERT INTO appointment (reference, site_id, service_id, level_id,
		channel, slot_id, start_utc, family_name, given_names, phone,
		person_key, status, notes, created_at, updated_at)
		VALUES ('${ref}', ${S.siteId}, ${S.serviceId}, ${S.levels.regular},
		'callcentre', ${slot[0]}, '${slot[1]}', 'Dash${refSeq}', 'Test', '${phone}',
		'${phone}|dash${refSeq}', '${status}', '', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))`);
	return [sql(`SELECT id FROM appointment WHERE reference = '${ref}'`)[0][0], ref];
}

// A visit waiting at the site since minutes ago (an arrived booking).
function waiting(id, ticket, minutes) {
	sql(`INSERT INTO visit (site_id, service_id, level_id, appointment_id,
		local_day, ticket, rank_order, queue_time, arrived_at, status)
		VALUES (${S.siteId}, ${S.serviceId}, ${S.levels.regular}, ${id},
		'${today}', '${ticket}', 3, UTC_TIMESTAMP(6) - INTERVAL ${minutes * 60 + 30} SECOND,
		UTC_TIMESTAMP(6) - INTERVAL ${minutes * 60 + 30} SECOND, 'waiting');
	INSERT INTO visit_event (visit_id, appointment_id, kind, at)
		SELECT id, ${id}, 'queue', queue_time FROM visit WHERE appointment_id = ${id}`);
}

before(async () => {
	browser = await launch();
	S = makeSite({ capacity: { web: 4, callcentre: 4, partner: 2, walkin: 2 } });
	// The slots of today and tomorrow (the call centre makes them).
	const { jar } = await login(boss.username, boss.password);
	for (const d of [today, tomorrow]) {
		const r = await fetch(`${INTRANET}/appointments/callcentre?site=${S.siteId}&day=${d}`,
			{ headers: { Cookie: jar.header() } });
		assert.equal(r.status, 200);
	}
	appointment(today, '09', 'booked');
	appointment(today, '10', 'booked');
	appointment(today, '11', 'confirmed');
	const [a1] = appointment(today, '12', 'arrived');
	const [a2] = appointment(today, '13', 'arrived');
	appointment(today, '14', 'cancelled');
	appointment(tomorrow, '09', 'booked');	// not today
	waiting(a1, 'A901', 25);
	waiting(a2, 'A902', 5);
	const [f, ref] = appointment(today, '15', 'booked');
	failedRef = ref;
	sql(`INSERT INTO outbox_message (channel, to_addr, lang, event, entity,
		entity_id, body, status, attempts, next_try_at, last_error, created_at)
		VALUES ('sms', '+33600000000', 'fr', 'reminder', 'appointment', ${f},
		'x', 'failed', 5, UTC_TIMESTAMP(6), 'test: rejected', UTC_TIMESTAMP(6))`);
});

after(async () => {
	await browser?.close();
});

async function signedIn(agent, viewport) {
	const context = await browser.newContext({ viewport, locale: 'en' });
	const page = await context.newPage();
	await page.goto(`${INTRANET}/login`);
	await page.fill('#f-username', agent.username);
	await page.fill('#f-password', agent.password);
	await Promise.all([page.waitForURL(/\/dashboard$/),
		page.click('main button[type=submit]')]);
	return { context, page };
}

test('a supervisor sees today\'s figures of the workflows', async () => {
	const { context, page } = await signedIn(boss, { width: 1366, height: 800 });
	try {
		const section = page.locator('section[aria-labelledby="h-today"]');
		assert.ok(await section.isVisible());
		// Today's appointments of the site, by status.
		const row = section.locator('tr', { hasText: `Site ${S.site}` });
		assert.equal(await row.count(), 1);
		const cells = (await row.innerText()).split('\t').map((c) => c.trim());
		const heads = (await section.locator('thead tr').first().innerText())
			.split('\t').map((c) => c.trim());
		assert.deepEqual(heads, ['Site', 'Booked', 'Confirmed', 'Arrived', 'Done',
			'No-show', 'Cancelled', 'Total']);
		assert.deepEqual(cells, [`Site ${S.site}`, '3', '1', '2', '0', '0', '1', '7']);
		// People waiting there and the longest wait.
		const text = await section.innerText();
		assert.ok(text.includes(`Site ${S.site}: 2 people waiting, longest wait 25 minutes`), text);
		// Failed SMS: the count of the last 24 hours and the booking.
		const failed = sql(`SELECT COUNT(*) FROM outbox_message WHERE status = 'failed'
			AND created_at >= UTC_TIMESTAMP(6) - INTERVAL 1 DAY`)[0][0];
		assert.ok(text.includes(`${failed} SMS failed in the last 24 hours.`), text);
		const shown = `${failedRef.slice(0, 4)}-${failedRef.slice(4)}`;
		const link = section.getByRole('link', { name: shown });
		assert.ok(await link.isVisible(), `a link to ${shown}`);
		assert.ok(text.includes(`${shown} Reminder`));
		// Duplicates awaiting a decision.
		const pending = Number(sql(`SELECT COUNT(*) FROM duplicate_pair WHERE status = 'pending'`)[0][0]);
		assert.ok(text.includes(`${pending} ${pending === 1 ? 'pair of records awaits' : 'pairs of records await'} a decision`), text);
		const v = await axe(page);
		assert.deepEqual(v, [], describeViolations(v));
		await screenshot(page, 'dashboard-supervisor-1366');
		// The site's row leads to its day list.
		await Promise.all([page.waitForURL(/\/appointments\/day\?/),
			row.getByRole('link').click()]);
		assert.ok(page.url().includes(`site=${S.siteId}`) && page.url().includes(`day=${today}`));
	} finally {
		await context.close();
	}
});

test('a call-centre agent sees only the parts of their workflows', async () => {
	const { context, page } = await signedIn(caller, { width: 390, height: 844 });
	try {
		const text = await page.innerText('main');
		assert.match(text, /Appointments today, by site and status/);
		assert.match(text, /SMS not delivered/);
		assert.doesNotMatch(text, /Waiting now/);
		assert.doesNotMatch(text, /Duplicates to review/);
		const v = await axe(page);
		assert.deepEqual(v, [], describeViolations(v));
	} finally {
		await context.close();
	}
});

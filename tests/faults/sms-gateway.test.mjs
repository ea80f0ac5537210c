// tests/faults/sms-gateway.test.mjs: the SMS path loses its gateway and
// gets it back, while bookings keep coming. (tests/http/sms.test.mjs
// stops Kannel before a burst; here it goes away in the middle of one.)
// 1. Kannel (bearerbox and smsbox) stopped once the burst's first
//    messages arrived: havre-notify's sends fail and back off (the rest
//    wait, queued, with attempts and the error); after kannel-start every
//    phone gets its confirmation exactly once.
// 2. Kannel up but its link to the operator (the fake SMSC) cut: Kannel
//    takes the messages ("queued for later delivery") and havre-notify
//    marks them sent; when the link is back Kannel delivers each once.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { INTRANET, request, sql, waitFor } from '../http/lib.mjs';
import { dayFromNow, freshPhone, makeKey, makeSite }
	from '../http/appointments-fixture.mjs';
import { received } from '../http/sms-fixture.mjs';
import { devAsync, sleep } from './lib.mjs';

const fx = makeSite({ capacity: { partner: 40, web: 1, callcentre: 1,
	walkin: 1 } });
const key = makeKey();
let seq = 0;

// Book one appointment through the partner API for a fresh phone;
// returns {phone, id}.
async function book() {
	const phone = freshPhone();
	seq++;
	const r = await request(INTRANET, '/appointments/api/v1/bookings', {
		method: 'POST',
		headers: { Authorization: `Bearer ${key}`,
			'Content-Type': 'application/json' },
		body: JSON.stringify({ site: fx.site, service: fx.service,
			level: 'regular', start: `${dayFromNow(3 + (seq % 4))}T${String(
				9 + (seq % 8)).padStart(2, '0')}:00:00`,
			family_name: `Smsfault${seq}`, given_names: 'Gateway', phone,
			language: 'en' }),
	});
	assert.equal(r.status, 201, r.text);
	const ref = JSON.parse(r.text).reference;
	const id = sql(`SELECT id FROM appointment WHERE reference = '${ref}'`)[0][0];
	return { phone, id };
}

// How many messages each phone received.
function countsTo(phones) {
	const got = new Map(phones.map((p) => [p, 0]));
	for (const m of received())
		if (got.has(m.to))
			got.set(m.to, got.get(m.to) + 1);
	return got;
}

// Every phone got exactly one message, and each booking has one outbox
// row, sent (or delivered).
async function exactlyOnce(bookings) {
	const phones = bookings.map((b) => b.phone);
	const all = await waitFor(() => [...countsTo(phones).values()]
		.every((n) => n >= 1), 60000);
	const counts = countsTo(phones);
	assert.ok(all, `no message for ${phones.filter((p) => counts.get(p) === 0)}`);
	// Late duplicates, if any, would show now.
	await sleep(3000);
	for (const [p, n] of countsTo(phones))
		assert.equal(n, 1, `${p} received ${n} messages`);
	for (const b of bookings) {
		const rows = sql(`SELECT status FROM outbox_message WHERE
			entity = 'appointment' AND entity_id = ${b.id}`);
		assert.equal(rows.length, 1);
		assert.ok(['sent', 'delivered'].includes(rows[0][0]), rows[0][0]);
	}
}

test('the gateway stops in the middle of a burst and comes back: each message once', async () => {
	const bookings = [];
	let stopped = false;
	let booking = true;
	// Bookings keep coming, one after the other, while the gateway goes.
	const burst = (async () => {
		while (booking && bookings.length < 60)
			bookings.push(await book());
	})();
	try {
		await waitFor(() => [...countsTo(bookings.map((b) => b.phone))
			.values()].some((n) => n > 0), 15000, 20);
		await devAsync('kannel-stop');
		stopped = true;
		await sleep(1500);
		booking = false;
		await burst;
		const waiting = await waitFor(() => Number(sql(`SELECT COUNT(*)
			FROM outbox_message WHERE entity = 'appointment' AND entity_id
			IN (${bookings.map((b) => b.id).join(',')}) AND status = 'queued'
			AND attempts >= 1 AND last_error IS NOT NULL`)[0][0]) >= 1, 15000);
		assert.ok(waiting, 'no message waits with a failed attempt');
		const before = countsTo(bookings.map((b) => b.phone));
		const arrived = [...before.values()].filter((n) => n > 0).length;
		console.log(`${arrived} of ${bookings.length} delivered before the gateway stopped`);
		assert.ok(arrived > 0 && arrived < bookings.length,
			'the gateway stopped in the middle of the burst');
	} finally {
		booking = false;
		await burst;
		if (stopped)
			await devAsync('kannel-start');
	}
	await exactlyOnce(bookings);
});

test('the operator link is cut, Kannel holds the messages, delivers each once when it is back', async () => {
	const bookings = [];
	await devAsync('smsc-stop');
	try {
		for (let i = 0; i < 8; i++)
			bookings.push(await book());
		// havre-notify hands them over: Kannel queues them.
		const handed = await waitFor(() => Number(sql(`SELECT COUNT(*)
			FROM outbox_message WHERE entity = 'appointment' AND entity_id
			IN (${bookings.map((b) => b.id).join(',')}) AND status = 'sent'`)[0][0])
			=== bookings.length, 20000);
		assert.ok(handed, 'the messages were not handed to the gateway');
		await sleep(1000);
		for (const [p, n] of countsTo(bookings.map((b) => b.phone)))
			assert.equal(n, 0, `${p} received a message without a link`);
	} finally {
		await devAsync('smsc-start');
	}
	await exactlyOnce(bookings);
});

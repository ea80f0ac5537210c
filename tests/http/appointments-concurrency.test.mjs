// appointments-concurrency.test.mjs: the guarantee of issue 4: a slot's
// capacity for a channel is never exceeded, whatever the number of
// concurrent requests. Each run uses a fresh slot: 40 concurrent partner
// API bookings (distinct people) on a 4-seat slot give exactly 4 x 201
// and 36 x 409, and the database holds exactly 4; reschedules under
// contention move exactly as many appointments as the target slot has
// seats and free the old seats; and a DST check: a Europe/Paris template
// slot at 09:00 is 08:00 UTC in winter, 07:00 UTC in summer, and the
// 02:00 slot does not exist on the spring-forward day.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INTRANET, PUBLIC, csrfOf, get, login, makeAgent, post, request, sql }
	from './lib.mjs';
import { dayFromNow, freshPhone, makeKey, makeSite }
	from './appointments-fixture.mjs';

const API = '/appointments/api/v1';

function book(key, fx, day, hour, i) {
	return request(INTRANET, `${API}/bookings`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${key}`,
			'Content-Type': 'application/json' },
		body: JSON.stringify({ site: fx.site, service: fx.service,
			level: 'regular', start: `${day}T${hour}:00:00`,
			family_name: `Concurrent${i}`, given_names: `Person ${i}`,
			phone: freshPhone(), language: 'en' }),
		timeout: 60000,
	});
}

test('40 concurrent bookings on a 4-seat slot: exactly 4', async () => {
	const fx = makeSite({ capacity: { partner: 4, web: 4, callcentre: 2,
		walkin: 2 } });
	const key = makeKey();
	const day = dayFromNow(6);
	const all = await Promise.all(Array.from({ length: 40 },
		(_, i) => book(key, fx, day, '10', i)));
	const codes = all.map((r) => r.status);
	assert.equal(codes.filter((c) => c === 201).length, 4, codes.join(','));
	assert.equal(codes.filter((c) => c === 409).length, 36, codes.join(','));
	for (const r of all.filter((x) => x.status === 409))
		assert.equal(JSON.parse(r.text).error, 'slot_full');
	const q = sql(`SELECT q.booked, q.capacity, (SELECT COUNT(*) FROM
		appointment a WHERE a.slot_id = q.id AND a.status = 'booked')
		FROM slot_quota q WHERE q.site_id = ${fx.siteId} AND q.channel =
		'partner' AND q.local_day = '${day}' AND q.local_time = '10:00'
		AND q.level_id = ${fx.levels.regular}`);
	assert.deepEqual(q[0], ['4', '4', '4']);
});

test('reschedule under contention: the target slot never overflows',
    async () => {
	const fx = makeSite({ capacity: { partner: 0, web: 0, callcentre: 6,
		walkin: 0 } });
	const agent = makeAgent('mv', ['call_centre']);
	const { jar } = await login(agent.username, agent.password);
	const day = dayFromNow(7);
	const page = await get(INTRANET,
		`/appointments/callcentre?site=${fx.siteId}&day=${day}`, { jar });
	const csrf = csrfOf(page.text);
	const slotAt = (h) => sql(`SELECT id FROM slot_quota WHERE site_id =
		${fx.siteId} AND local_day = '${day}' AND local_time = '${h}'
		AND channel = 'callcentre' AND level_id = ${fx.levels.regular}`)[0][0];
	const from = slotAt('09:00');
	const to = slotAt('10:00');
	// Six appointments at 09:00; the 10:00 slot keeps 2 seats.
	for (let i = 0; i < 6; i++) {
		const r = await post(INTRANET, '/appointments/callcentre/book',
			{ csrf, site: fx.siteId, day, slot: from,
				service: fx.serviceId, family_name: `Move${i}`,
				given_names: 'X', phone: freshPhone(), lang: 'en' },
			{ jar, headers: { Origin: INTRANET } });
		assert.equal(r.status, 303, r.text.slice(0, 300));
	}
	sql(`UPDATE slot_quota SET capacity = 2 WHERE id = ${to}`);
	const ids = sql(`SELECT id FROM appointment WHERE slot_id = ${from}`)
		.map((r) => r[0]);
	const all = await Promise.all(ids.map((id) => post(INTRANET,
		`/appointments/bookings/${id}/move`, { csrf, slot: to },
		{ jar, headers: { Origin: INTRANET } })));
	const codes = all.map((r) => r.status);
	assert.equal(codes.filter((c) => c === 303).length, 2, codes.join(','));
	assert.equal(codes.filter((c) => c === 409).length, 4, codes.join(','));
	const q = sql(`SELECT id, booked, (SELECT COUNT(*) FROM appointment a
		WHERE a.slot_id = q.id AND a.status = 'booked') FROM slot_quota q
		WHERE q.id IN (${from}, ${to}) ORDER BY q.local_time`);
	assert.deepEqual(q.map((r) => [r[1], r[2]]), [['4', '4'], ['2', '2']]);
});

// Issue 19 (the soak): the first applicants to open a month's calendar
// make its slots (thousands of rows of INSERT IGNORE, in day and time
// order, not the unique key's); several at once deadlocked on the key's
// gap locks until db_txn gave up after 5 tries: 500. Now the site's row
// is locked first, so one makes the slots and the others wait for it.
test('a new month\'s calendar opened by many at once: every answer 200, each slot once', async () => {
	const month = new Date(Date.now() + 40 * 86400000).toISOString().slice(0, 7);
	for (let round = 0; round < 2; round++) {
		const fx = makeSite({ capacity: { web: 3, callcentre: 3, partner: 3,
			walkin: 3 }, times: [8, 9, 10, 11, 12, 13, 14, 15, 16, 17] });
		const q = `site=${fx.siteId}&service=${fx.serviceId}&level=${fx.levels.regular}`;
		const all = await Promise.all(Array.from({ length: 16 }, () =>
			request(PUBLIC, `/book/day?${q}&month=${month}`, { timeout: 60000 })));
		assert.deepEqual(all.map((r) => r.status).filter((c) => c !== 200), [],
			`round ${round}: ${all.map((r) => r.status).join(',')}`);
		const [rows, keys] = sql(`SELECT COUNT(*), COUNT(DISTINCT level_id,
			channel, start_utc) FROM slot_quota WHERE site_id = ${fx.siteId}
			AND local_day LIKE '${month}-%'`)[0];
		assert.equal(rows, keys);
		assert.ok(Number(rows) >= 28 * 10 * 3 * 4, `${rows} slots for the month`);
	}
});

// The last Sunday of a month (the EU's change days), YYYY-MM-DD.
function lastSunday(year, month) {
	const d = new Date(Date.UTC(year, month, 0));
	d.setUTCDate(d.getUTCDate() - d.getUTCDay());
	return d.toISOString().slice(0, 10);
}

test('daylight saving: Europe/Paris 09:00 in winter and summer, the gap',
    async () => {
	const fx = makeSite({ zone: 'Europe/Paris', hours: ['00:00', '23:59'],
		times: [2, 9] });
	const key = makeKey();
	const year = new Date().getUTCFullYear() + 1;
	const winter = `${year}-01-15`;
	const summer = `${year}-07-15`;
	const spring = lastSunday(year, 3);
	for (const day of [winter, summer, spring]) {
		const r = await request(INTRANET, `${API}/availability?site=${
			fx.site}&service=${fx.service}&level=regular&from=${day}&to=${
			day}`, { headers: { Authorization: `Bearer ${key}` } });
		assert.equal(r.status, 200, r.text);
	}
	const utc = (day, t) => sql(`SELECT DATE_FORMAT(start_utc,
		'%Y-%m-%d %H:%i') FROM slot_quota WHERE site_id = ${fx.siteId} AND
		local_day = '${day}' AND local_time = '${t}' AND channel = 'web'
		AND level_id = ${fx.levels.regular}`).map((r) => r[0]);
	assert.deepEqual(utc(winter, '09:00'), [`${winter} 08:00`]);
	assert.deepEqual(utc(summer, '09:00'), [`${summer} 07:00`]);
	assert.deepEqual(utc(spring, '09:00'), [`${spring} 07:00`]);
	assert.deepEqual(utc(winter, '02:00'), [`${winter} 01:00`]);
	assert.deepEqual(utc(spring, '02:00'), [], 'no 02:00 on the spring day');
	// The API shows the site's offset.
	const r = await request(INTRANET, `${API}/availability?site=${fx.site
		}&service=${fx.service}&level=regular&from=${summer}&to=${summer}`,
	{ headers: { Authorization: `Bearer ${key}` } });
	const starts = JSON.parse(r.text).slots.map((s) => s.start);
	assert.deepEqual(starts, [`${summer}T02:00:00+02:00`,
		`${summer}T09:00:00+02:00`]);
});

// booking-seats-fresh.test.mjs: the public day page (/book/slot) and
// the partner availability keep a day's slots per worker (booking
// library, free.c) and confirm them on each request with one read of
// the days' versions (slot_day_version, migration 0031), which triggers
// move in the transaction of every change of a day's slots or closure.
// A change must show on the very next request, whichever worker answers
// and whoever made it: every worker is made to keep the day first (more
// requests than workers), then each of the following requests (as many
// again) sees the change. One test per kind of change the triggers
// carry: a seat taken and given back (web booking and cancellation,
// partner booking and cancellation: UPDATE of slot_quota.booked), a
// capacity raised, lowered and closed (UPDATE of capacity, here straight
// in SQL, as no audited change moves anything else: only the trigger
// can tell), a slot added and removed (INSERT, DELETE), a day closed and
// opened again (site_closed). The partner availability of one site
// also takes its API key from the worker's memory and confirms it in
// that same statement: a revoked key is refused at once by every worker.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar, INTRANET, PUBLIC, admin, csrfOf, get, post, request,
	sql, uniqueName } from './lib.mjs';
import { dayFromNow, freshPhone, makeKey, makeSite }
	from './appointments-fixture.mjs';

// More requests than workers (contrib/dev runs 2 per core).
const ROUNDS = 12;
const API = '/appointments/api/v1';
const origin = { Origin: PUBLIC };

let S, key, day, dayPage, avail;
before(() => {
	// UTC zone: dayFromNow's days are the site's days.
	S = makeSite({ zone: 'UTC', capacity: { web: 3, partner: 3,
		callcentre: 2, walkin: 2 } });
	key = makeKey();
	day = dayFromNow(3);
	dayPage = `/book/slot?site=${S.siteId}&service=${S.serviceId}` +
		`&level=${S.levels.regular}&day=${day}`;
	avail = `${API}/availability?site=${S.site}&service=${S.service}` +
		`&level=regular&from=${day}&to=${day}`;
});

function api(method, path, body) {
	return request(INTRANET, API + path, {
		method,
		headers: { Authorization: `Bearer ${key}`,
			Accept: 'application/json',
			...(body !== undefined ?
				{ 'Content-Type': 'application/json' } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

// What the day page says of time hm ("3 places left", "full", or
// "absent"), or "status N" when the page is not a 200.
async function pageSays(hm) {
	const r = await get(PUBLIC, dayPage);
	if (r.status !== 200)
		return `status ${r.status}`;
	const m = new RegExp(`>${hm}</span> <span class="st">([^<]*)<`)
		.exec(r.text);
	return m ? m[1] : 'absent';
}

// The seats the partner API offers at hm of the day (0: not offered).
async function apiSays(hm) {
	const r = await api('GET', avail.slice(API.length));
	assert.equal(r.status, 200, r.text);
	const s = JSON.parse(r.text).slots
		.find((x) => x.start.startsWith(`${day}T${hm}:00`));
	return s ? s.remaining : 0;
}

// Every worker keeps the day (ROUNDS requests of each), then fn(),
// then ROUNDS requests of each must say the expected.
async function afterChange(hm, fn, page, partner) {
	for (let i = 0; i < ROUNDS; i++) {
		await pageSays(hm);
		await apiSays(hm);
	}
	await fn();
	for (let i = 0; i < ROUNDS; i++) {
		if (page !== undefined)
			assert.equal(await pageSays(hm), page, `day page, request ${i + 1}`);
		if (partner !== undefined)
			assert.equal(await apiSays(hm), partner, `API, request ${i + 1}`);
	}
}

// The web slot id of the regular level at hm of the day.
function webSlot(hm) {
	return Number(sql(`SELECT id FROM slot_quota WHERE site_id = ${S.siteId}
		AND level_id = ${S.levels.regular} AND channel = 'web'
		AND local_day = '${day}' AND local_time = '${hm}:00'`)[0][0]);
}

test('a web booking and its cancellation show on every worker at once', async () => {
	assert.equal(await pageSays('10:00'), '3 places left');
	let ref, jar;
	await afterChange('10:00', async () => {
		const slot = webSlot('10:00');
		jar = new CookieJar();
		const f = await get(PUBLIC, `/book/details?site=${S.siteId}` +
			`&service=${S.serviceId}&level=${S.levels.regular}&slot=${slot}`,
		{ jar });
		assert.equal(f.status, 200);
		const phone = freshPhone();
		const c = await post(PUBLIC, '/book/confirm', { csrf: csrfOf(f.text),
			site: S.siteId, service: S.serviceId, level: S.levels.regular,
			slot, family_name: 'Fresh', given_names: 'Web', phone,
			document_number: '', language: 'en' }, { jar, headers: origin });
		assert.equal(c.status, 303, c.text);
		ref = c.headers.get('location').split('/').pop();
	}, '2 places left', 3);
	// Cancelled through the applicant's manage page (proof cookie kept
	// in jar by the confirmation).
	await afterChange('10:00', async () => {
		const view = await get(PUBLIC, `/book/manage/${ref}`, { jar });
		assert.equal(view.status, 200, 'the booking page');
		const cancel = await post(PUBLIC, `/book/manage/${ref}/cancel`,
			{ csrf: csrfOf(view.text), confirm: 1 }, { jar, headers: origin });
		assert.equal(cancel.status, 303);
	}, '3 places left', 3);
});

test('a partner booking and its cancellation show on every worker at once', async () => {
	let ref;
	await afterChange('11:00', async () => {
		const res = await api('POST', '/bookings', { site: S.site,
			service: S.service, level: 'regular', start: `${day}T11:00:00`,
			family_name: 'Fresh', given_names: 'Partner',
			phone: freshPhone(), language: 'fr' });
		assert.equal(res.status, 201, res.text);
		ref = JSON.parse(res.text).reference;
	}, '3 places left', 2);
	await afterChange('11:00', async () => {
		assert.equal((await api('DELETE', `/bookings/${ref}`)).status, 200);
	}, '3 places left', 3);
});

test('a capacity raised, lowered and closed straight in SQL shows at once', async () => {
	const set = (cap) => sql(`UPDATE slot_quota SET capacity = ${cap}
		WHERE site_id = ${S.siteId} AND local_day = '${day}'
		AND local_time = '12:00:00' AND level_id = ${S.levels.regular}
		AND channel IN ('web', 'partner')`);
	await afterChange('12:00', () => set(5), '5 places left', 5);
	await afterChange('12:00', () => set(1), '1 place left', 1);
	await afterChange('12:00', () => set(0), 'absent', 0);
	await afterChange('12:00', () => set(3), '3 places left', 3);
});

test('a slot added and removed, a day closed and opened, show at once', async () => {
	// 17:00 is in the opening hours but not in the template.
	const add = () => sql(`INSERT INTO slot_quota (site_id, level_id,
		channel, start_utc, local_day, local_time, capacity)
		SELECT ${S.siteId}, ${S.levels.regular}, c.ch, '${day} 17:00:00',
		'${day}', '17:00:00', 2 FROM (SELECT 'web' ch UNION SELECT
		'partner') c`);
	const remove = () => sql(`DELETE FROM slot_quota WHERE site_id =
		${S.siteId} AND local_day = '${day}' AND local_time = '17:00:00'`);
	assert.equal(await pageSays('17:00'), 'absent');
	await afterChange('17:00', add, '2 places left', 2);
	await afterChange('17:00', remove, 'absent', 0);
	await afterChange('09:00', () => sql(`INSERT INTO site_closed (site_id,
		day, reason) VALUES (${S.siteId}, '${day}', 'fresh')`),
	'status 422', 0);
	await afterChange('09:00', () => sql(`DELETE FROM site_closed
		WHERE site_id = ${S.siteId} AND day = '${day}'`),
	'3 places left', 3);
});

test('a time shown as to come shows as passed once it starts, on every worker', async () => {
	// A site of its own whose template's one hour is far from now, and
	// a slot starting in a few seconds (kept pages and rows must not
	// outlive it: the page shows it passed, the API stops offering it).
	const hour = (new Date().getUTCHours() + 12) % 24;
	const T = makeSite({ zone: 'UTC', hours: ['00:00', '23:59'],
		times: [hour], capacity: 2 });
	let start = new Date(Date.now() + 8000);
	if (start.toISOString().slice(0, 10) !==
	    new Date().toISOString().slice(0, 10)) {
		// Too close to midnight UTC: wait for the new day.
		await new Promise((res) => setTimeout(res, 10000));
		start = new Date(Date.now() + 8000);
	}
	const iso = start.toISOString();
	const today = iso.slice(0, 10);
	const hms = iso.slice(11, 19);
	const hm = hms.slice(0, 5);
	sql(`INSERT INTO slot_quota (site_id, level_id, channel, start_utc,
		local_day, local_time, capacity) SELECT ${T.siteId},
		${T.levels.regular}, c.ch, '${today} ${hms}', '${today}', '${hms}', 2
		FROM (SELECT 'web' ch UNION SELECT 'partner') c`);
	const page = `/book/slot?site=${T.siteId}&service=${T.serviceId}` +
		`&level=${T.levels.regular}&day=${today}`;
	const id = sql(`SELECT id FROM slot_quota WHERE site_id = ${T.siteId}
		AND channel = 'web' AND local_time = '${hms}'`)[0][0];
	// What the page says of the slot: its places while it links it,
	// else "passed" (shown so, or, with no time left to offer that
	// day, the day's "no free time").
	const says = async () => {
		const r = await get(PUBLIC, page);
		assert.equal(r.status, 200, r.text);
		if (r.text.includes(`&amp;slot=${id}"`))
			return new RegExp(`>${hm}</span> <span class="st">([^<]*)<`)
				.exec(r.text)?.[1];
		assert.match(r.text, new RegExp(`>${hm}</span> <span class="st">passed<|There is no free time on this day`));
		return 'passed';
	};
	const offered = async () => {
		const r = await api('GET', `/availability?site=${T.site}` +
			`&service=${T.service}&level=regular&from=${today}&to=${today}`);
		assert.equal(r.status, 200, r.text);
		return JSON.parse(r.text).slots
			.some((x) => x.start.startsWith(`${today}T${hms}`));
	};
	for (let i = 0; i < ROUNDS; i++) {
		assert.equal(await says(), '2 places left', `before, request ${i + 1}`);
		assert.equal(await offered(), true, `API before, request ${i + 1}`);
	}
	await new Promise((res) => setTimeout(res,
		Math.max(0, start.getTime() - Date.now() + 1100)));
	for (let i = 0; i < ROUNDS; i++) {
		assert.equal(await says(), 'passed', `after, request ${i + 1}`);
		assert.equal(await offered(), false, `API after, request ${i + 1}`);
	}
});

test('a revoked partner key is refused at once by every worker, whatever it asks', async () => {
	const name = uniqueName('fk');
	const add = admin(['apikey', 'add', '--name', name, '--role',
		'partner_agency']);
	assert.equal(add.status, 0, add.stderr);
	const secret = /(hvk_[0-9a-f]+)/.exec(add.stdout)[1];
	const ask = (q) => request(INTRANET, `${API}/availability?${q}`, {
		headers: { Authorization: `Bearer ${secret}`,
			Accept: 'application/json' } });
	const one = `site=${S.site}&service=${S.service}&from=${day}&to=${day}`;
	for (let i = 0; i < ROUNDS; i++)
		assert.equal((await ask(one)).status, 200, `before, request ${i + 1}`);
	assert.equal(admin(['apikey', 'revoke', '--name', name]).status, 0);
	const asks = [one, `${one}&level=regular`, `site=${S.site}&from=${day}&to=${day}`,
		`site=${S.site}&service=${S.service}&from=${day}&to=2000-01-01`,
		`site=${S.site}&service=${S.service}&from=nope`, 'site=nosuchsite'];
	for (let i = 0; i < ROUNDS; i++)
		for (const q of asks) {
			const r = await ask(q);
			assert.equal(r.status, 401, `${q}, request ${i + 1}`);
			assert.equal(JSON.parse(r.text).error, 'unauthorized');
		}
});

// appointments-core.test.mjs: havre-appointments' agent pages and
// partner API through nginx, real workers and MariaDB: the call-centre
// page (book, edit with optimistic concurrency, cancel), the day list,
// the quota grid (lowering below what is booked is refused), and the
// partner API (availability, 201, 409 slot_full with alternatives, 422,
// idempotent retry, GET and DELETE by reference, 401 without a key).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INTRANET, csrfOf, get, login, makeAgent, post, request, sql }
	from './lib.mjs';
import { dayFromNow, freshPhone, makeKey, makeSite }
	from './appointments-fixture.mjs';

const API = '/appointments/api/v1';

function api(key, method, path, body, headers = {}) {
	return request(INTRANET, API + path, {
		method,
		headers: { Authorization: `Bearer ${key}`,
			Accept: 'application/json',
			...(body !== undefined ?
				{ 'Content-Type': 'application/json' } : {}),
			...headers },
		body: body === undefined ? undefined :
			(typeof body === 'string' ? body : JSON.stringify(body)),
	});
}

function person(fx, day, hour, extra = {}) {
	return { site: fx.site, service: fx.service, level: 'regular',
		start: `${day}T${String(hour).padStart(2, '0')}:00:00`,
		family_name: 'Martin', given_names: `Anne ${Math.random()}`,
		phone: freshPhone(), language: 'fr', ...extra };
}

test('partner API: 401 without a key, availability with offsets', async () => {
	const fx = makeSite({ zone: 'America/Port-au-Prince', cc: '509' });
	const key = makeKey();
	const anon = await request(INTRANET, `${API}/availability`,
		{ headers: { Accept: 'application/json' } });
	assert.equal(anon.status, 401);
	const day = dayFromNow(3);
	const res = await api(key, 'GET',
		`/availability?site=${fx.site}&service=${fx.service}&level=urgent&from=${day}&to=${day}`);
	assert.equal(res.status, 200, res.text);
	const slots = JSON.parse(res.text).slots;
	// 8 template hours, one service, one level.
	assert.equal(slots.length, 8);
	assert.match(slots[0].start, new RegExp(`^${day}T09:00:00-0[45]:00$`));
	assert.equal(slots[0].remaining, 4);
	assert.equal(slots[0].level, 'urgent');
	const bad = await api(key, 'GET',
		'/availability?site=nosuchsite&from=2030-13-01');
	assert.equal(bad.status, 422);
	const errs = JSON.parse(bad.text).errors;
	assert.ok(errs.from, 'from refused');
	// Default window: 14 days from today.
	const all = await api(key, 'GET', `/availability?site=${fx.site}`);
	assert.equal(all.status, 200);
	assert.ok(JSON.parse(all.text).slots.length > 8 * 3 * 10);
});

test('partner API: book, read, cancel; 422; slot full 409', async () => {
	const fx = makeSite({ capacity: { partner: 1, web: 4, callcentre: 2,
		walkin: 2 } });
	const key = makeKey();
	const day = dayFromNow(4);
	const body = person(fx, day, 10);
	const res = await api(key, 'POST', '/bookings', body);
	assert.equal(res.status, 201, res.text);
	const b = JSON.parse(res.text);
	assert.match(b.reference, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
	assert.equal(b.channel, 'partner');
	assert.equal(b.status, 'booked');
	assert.match(b.start, new RegExp(`^${day}T10:00:00\\+0[12]:00$`));

	const got = await api(key, 'GET', `/bookings/${b.reference}`);
	assert.equal(got.status, 200);
	assert.equal(JSON.parse(got.text).family_name, 'Martin');
	// Another key does not see it.
	const other = await api(makeKey(), 'GET', `/bookings/${b.reference}`);
	assert.equal(other.status, 404);
	assert.equal((await api(key, 'GET', '/bookings/ZZZZZZZZ')).status,
		404);

	// The slot (capacity 1 for partners) is full now.
	const full = await api(key, 'POST', '/bookings', person(fx, day, 10));
	assert.equal(full.status, 409, full.text);
	const fj = JSON.parse(full.text);
	assert.equal(fj.error, 'slot_full');
	assert.ok(fj.alternatives.length > 0);
	assert.ok(fj.alternatives.every((a) => a.remaining > 0 &&
		!a.start.startsWith(`${day}T10:00`)));

	// The same person twice for one service: refused.
	const again = await api(key, 'POST', '/bookings',
		{ ...body, start: `${day}T11:00:00` });
	assert.equal(again.status, 409);
	assert.equal(JSON.parse(again.text).error, 'person_active');

	// Bad input: one message per field.
	const bad = await api(key, 'POST', '/bookings', { site: fx.site,
		service: 'nope', level: 'regular', start: 'tomorrow',
		family_name: '', given_names: 'X', phone: '12' });
	assert.equal(bad.status, 422);
	const e = JSON.parse(bad.text).errors;
	for (const f of ['service', 'start', 'family_name', 'phone'])
		assert.ok(e[f], `error for ${f}`);
	assert.equal((await api(key, 'POST', '/bookings', '{nope')).status,
		400);
	const past = await api(key, 'POST', '/bookings',
		person(fx, dayFromNow(-2), 10));
	assert.equal(past.status, 422);
	assert.ok(JSON.parse(past.text).errors.start);

	// Cancel frees the seat.
	const del = await api(key, 'DELETE', `/bookings/${b.reference}`);
	assert.equal(del.status, 200);
	assert.equal(JSON.parse(del.text).status, 'cancelled');
	assert.equal((await api(key, 'DELETE', `/bookings/${b.reference}`))
		.status, 409);
	const booked = sql(`SELECT booked FROM slot_quota WHERE site_id =
		${fx.siteId} AND channel = 'partner' AND local_day = '${day}'
		AND local_time = '10:00' AND level_id = ${fx.levels.regular}`);
	assert.equal(booked[0][0], '0');
	const retry = await api(key, 'POST', '/bookings', person(fx, day, 10));
	assert.equal(retry.status, 201);
});

test('partner API: Idempotency-Key replays the first booking', async () => {
	const fx = makeSite();
	const key = makeKey();
	const body = person(fx, dayFromNow(5), 9);
	const h = { 'Idempotency-Key': `k-${Math.random()}` };
	const first = await api(key, 'POST', '/bookings', body, h);
	assert.equal(first.status, 201);
	const second = await api(key, 'POST', '/bookings', body, h);
	assert.equal(second.status, 201);
	assert.equal(JSON.parse(second.text).reference,
		JSON.parse(first.text).reference);
	const n = sql(`SELECT COUNT(*) FROM appointment WHERE site_id =
		${fx.siteId}`);
	assert.equal(n[0][0], '1');
	const changed = await api(key, 'POST', '/bookings',
		{ ...body, given_names: 'Other' }, h);
	assert.equal(changed.status, 422);
	assert.equal(JSON.parse(changed.text).error, 'idempotency_key_reused');
	// Concurrent retries with one key: one booking.
	const h2 = { 'Idempotency-Key': `k2-${Math.random()}` };
	const b2 = person(fx, dayFromNow(5), 11);
	const all = await Promise.all([1, 2, 3, 4, 5].map(() =>
		api(key, 'POST', '/bookings', b2, h2)));
	const refs = new Set(all.filter((r) => r.status === 201)
		.map((r) => JSON.parse(r.text).reference));
	assert.equal(refs.size, 1, all.map((r) => r.status).join(','));
	const active = sql(`SELECT COUNT(*) FROM appointment WHERE site_id =
		${fx.siteId} AND status = 'booked'`);
	assert.equal(active[0][0], '2');
});

test('call centre: book, find, edit (stale refused), cancel; day list',
    async () => {
	const fx = makeSite({ capacity: { web: 4, callcentre: 2, partner: 2,
		walkin: 2 } });
	const agent = makeAgent('cc', ['call_centre']);
	const { jar } = await login(agent.username, agent.password);
	const day = dayFromNow(2);
	const page = await get(INTRANET,
		`/appointments/callcentre?site=${fx.siteId}&day=${day}`, { jar });
	assert.equal(page.status, 200, page.text.slice(0, 500));
	assert.match(page.text, /2 \/ 2/);
	const slot = sql(`SELECT id FROM slot_quota WHERE site_id =
		${fx.siteId} AND local_day = '${day}' AND local_time = '09:00'
		AND channel = 'callcentre' AND level_id = ${fx.levels.urgent}`)[0][0];
	const csrf = csrfOf(page.text);
	// National format of a fresh number: "06 ..." for +336....
	const fresh = () => `0${freshPhone().slice(3)}`;
	const phone = fresh();
	const phoneE164 = `+33${phone.slice(1)}`;
	const fields = { csrf, site: fx.siteId, day, slot, service: fx.serviceId,
		family_name: 'Ndiaye', given_names: 'Awa', phone,
		document_number: '', lang: 'fr', notes: 'Needs a wheelchair' };
	const res = await post(INTRANET, '/appointments/callcentre/book',
		fields, { jar, headers: { Origin: INTRANET } });
	assert.equal(res.status, 303, res.text.slice(0, 800));
	const loc = res.headers.get('location');
	const found = await get(INTRANET, loc, { jar });
	assert.match(found.text, /Ndiaye/);
	const row = sql(`SELECT id, reference, channel, phone, version FROM
		appointment WHERE site_id = ${fx.siteId}`)[0];
	assert.equal(row[2], 'callcentre');
	assert.equal(row[3], phoneE164);
	assert.ok(loc.includes(row[1]));
	// Bad input keeps what was typed.
	const bad = await post(INTRANET, '/appointments/callcentre/book',
		{ ...fields, family_name: 'Sow', phone: 'abc' },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /value="Sow"/);
	// The call-centre contingent: 2 seats; a third booking is refused.
	const second = await post(INTRANET, '/appointments/callcentre/book',
		{ ...fields, family_name: 'Diallo', phone: fresh() },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(second.status, 303);
	const third = await post(INTRANET, '/appointments/callcentre/book',
		{ ...fields, family_name: 'Ba', phone: fresh() },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(third.status, 409);
	assert.match(third.text, /value="Ba"/);

	// Search by phone and by reference.
	const byPhone = await get(INTRANET, `/appointments/callcentre?site=${
		fx.siteId}&day=${day}&q=${encodeURIComponent(phone)}`,
	{ jar });
	// The reference as printed for the applicant: XXXX-XXXX.
	assert.match(byPhone.text, new RegExp(`${row[1].slice(0, 4)}-${row[1].slice(4)}`));

	// Edit the notes; then a stale version is refused with both values.
	const form = await get(INTRANET, `/appointments/bookings/${row[0]}`,
		{ jar });
	assert.equal(form.status, 200);
	const edit = { csrf: csrfOf(form.text), family_name: 'Ndiaye',
		given_names: 'Awa', phone: phoneE164, notes: 'Ground floor',
		status: 'confirmed', version: row[4] };
	const saved = await post(INTRANET, `/appointments/bookings/${row[0]}`,
		edit, { jar, headers: { Origin: INTRANET } });
	assert.equal(saved.status, 303);
	const stale = await post(INTRANET, `/appointments/bookings/${row[0]}`,
		{ ...edit, notes: 'Late edit' },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(stale.status, 409);
	assert.match(stale.text, /Ground floor/);
	assert.match(stale.text, /Late edit/);

	// The day list shows it with its notes and channel.
	const list = await get(INTRANET,
		`/appointments/day?site=${fx.siteId}&day=${day}`, { jar });
	assert.equal(list.status, 200);
	assert.match(list.text, /Ndiaye/);
	assert.match(list.text, /Ground floor/);
	assert.match(list.text, /Call centre/);
	// Its reference as the applicant's SMS and paper print it (13.3).
	const ref = sql(`SELECT reference FROM appointment WHERE id = ${row[0]}`)[0][0];
	assert.ok(list.text.includes(`<span class="ref" dir="ltr">${ref.slice(0, 4)}-${ref.slice(4)}</span>`),
		'the day list shows the reference as XXXX-XXXX');
	assert.ok(!list.text.includes(`>${ref}<`), 'never without its dash');

	// Cancel from the day list (issue 13.2): the first press asks,
	// saying whose appointment, when, the seat freed and the SMS to the
	// applicant's phone; nothing changes until "Yes, cancel".
	const cancelForm = new RegExp(`<form method="post" action="(/appointments/bookings/${row[0]}/cancel)"[^>]*>([\\s\\S]*?)</form>`).exec(list.text);
	assert.ok(cancelForm, 'a Cancel button in the day list');
	assert.doesNotMatch(cancelForm[2], /name="confirm"/);
	const sms = () => Number(sql(`SELECT COUNT(*) FROM outbox_message WHERE
		entity = 'appointment' AND entity_id = ${row[0]} AND event = 'cancellation'`)[0][0]);
	const statusOf = () => sql(`SELECT status FROM appointment WHERE id = ${row[0]}`)[0][0];
	const before = statusOf();
	assert.notEqual(before, 'cancelled');
	const ask = await post(INTRANET, cancelForm[1],
		{ csrf: csrfOf(list.text) }, { jar, headers: { Origin: INTRANET } });
	assert.equal(ask.status, 200);
	assert.match(ask.text, /<h1>Cancel the appointment <span class="ref" dir="ltr">/);
	assert.match(ask.text, /Nothing has changed yet/);
	assert.match(ask.text, /Ndiaye/);
	assert.match(ask.text, new RegExp(`<dd dir="ltr">${day} \\d\\d:\\d\\d \\(`), 'when');
	assert.match(ask.text, /freed for someone else/);
	assert.ok(ask.text.includes(`An SMS telling the applicant of the cancellation is sent to <span dir="ltr">${phoneE164}</span>`), 'the SMS and its number');
	assert.match(ask.text, /name="confirm" value="1"/);
	assert.match(ask.text, /Yes, cancel the appointment/);
	assert.ok(ask.text.includes(`href="/appointments/day?site=${fx.siteId}&amp;day=${day}">No, keep it</a>`), 'keep it: back to the day');
	assert.equal(statusOf(), before, 'not cancelled by the first press');
	assert.deepEqual(sql(`SELECT booked FROM slot_quota WHERE id = ${slot}`)[0], ['2']);
	assert.equal(sms(), 0, 'no SMS yet');
	// The same question by GET (a link), in French.
	const fr = await get(INTRANET, `/appointments/bookings/${row[0]}/cancel?lang=fr`, { jar });
	assert.equal(fr.status, 200);
	assert.match(fr.text, /Annuler le rendez-vous/);
	assert.match(fr.text, /Oui, annuler le rendez-vous/);
	await get(INTRANET, '/appointments?lang=en', { jar });
	// An answer that is not 1: the question again, nothing changes.
	const bad2 = await post(INTRANET, cancelForm[1],
		{ csrf: csrfOf(ask.text), confirm: 2 }, { jar, headers: { Origin: INTRANET } });
	assert.equal(bad2.status, 422);
	assert.match(bad2.text, /Yes, cancel the appointment/);
	assert.equal(statusOf(), before);
	// Cancel: the seat is free again, the SMS queued.
	const cancel = await post(INTRANET,
		`/appointments/bookings/${row[0]}/cancel`,
		{ csrf: csrfOf(ask.text), confirm: 1 }, { jar, headers: { Origin: INTRANET } });
	assert.equal(cancel.status, 303);
	assert.equal(sms(), 1, 'the cancellation SMS is queued');
	// Asked again once cancelled: the appointment's page says it is not active.
	const late = await post(INTRANET, cancelForm[1],
		{ csrf: csrfOf(ask.text) }, { jar, headers: { Origin: INTRANET } });
	assert.equal(late.status, 409);
	assert.doesNotMatch(late.text, /Yes, cancel the appointment/);
	const q = sql(`SELECT booked, capacity FROM slot_quota WHERE id = ${slot}`);
	assert.deepEqual(q[0], ['1', '2']);
	const status = sql(`SELECT status FROM appointment WHERE id = ${row[0]}`);
	assert.equal(status[0][0], 'cancelled');
	// Every change is audited.
	const audit = sql(`SELECT action FROM audit_event WHERE entity =
		'appointment' AND entity_id = '${row[0]}' ORDER BY seq`);
	assert.deepEqual(audit.map((a) => a[0]), ['create', 'update', 'cancel']);
	// Without appointments.book: no call-centre page.
	const recep = makeAgent('rc', ['reception']);
	const r2 = await login(recep.username, recep.password);
	assert.equal((await get(INTRANET, '/appointments/callcentre',
		{ jar: r2.jar })).status, 403);
	assert.equal((await get(INTRANET, `/appointments/day?site=${fx.siteId}`,
		{ jar: r2.jar })).status, 200);
});

test('quota grid: booked / capacity, raise, lower, close; never below booked',
    async () => {
	const fx = makeSite({ capacity: { web: 4, callcentre: 2, partner: 1,
		walkin: 2 } });
	const key = makeKey();
	const day = dayFromNow(8);
	const b = await api(key, 'POST', '/bookings', person(fx, day, 9));
	assert.equal(b.status, 201);
	const sup = makeAgent('sup', ['supervisor']);
	const { jar } = await login(sup.username, sup.password);
	const grid = `/appointments/quota?site=${fx.siteId}&level=${
		fx.levels.regular}&channel=partner&week=${day}`;
	const page = await get(INTRANET, grid, { jar });
	assert.equal(page.status, 200, page.text.slice(0, 300));
	assert.match(page.text, /1 \/ 1/);
	assert.match(page.text, /0 \/ 1/);
	// The day view's buttons name their action and carry the slot's id.
	const slotId = (time) => sql(`SELECT id FROM slot_quota
		WHERE site_id = ${fx.siteId} AND level_id = ${fx.levels.regular}
		AND channel = 'partner' AND local_day = '${day}'
		AND local_time = '${time}'`)[0][0];
	const f = { csrf: csrfOf(page.text), site: fx.siteId,
		level: fx.levels.regular, channel: 'partner', day, view: 'day' };
	const dayPage = await get(INTRANET, `/appointments/quota?site=${
		fx.siteId}&channel=partner&view=day&day=${day}`, { jar });
	assert.match(dayPage.text, new RegExp(`name="raise" value="${
		slotId('09:00')}"`), 'the day view offers the 09:00 slot');
	const slotCap = () => sql(`SELECT capacity, booked FROM slot_quota
		WHERE id = ${slotId('09:00')}`)[0];
	// Lower and close below the one booked seat: refused, unchanged.
	for (const action of ['lower', 'close']) {
		const res = await post(INTRANET, '/appointments/quota/slot',
			{ ...f, [action]: slotId('09:00') },
			{ jar, headers: { Origin: INTRANET } });
		assert.equal(res.status, 409, action);
		assert.match(res.text, /cannot go below/);
		assert.deepEqual(slotCap(), ['1', '1']);
	}
	// No action, or two at once: refused, unchanged.
	for (const extra of [{}, { raise: slotId('09:00'), close: slotId('09:00') }]) {
		const res = await post(INTRANET, '/appointments/quota/slot',
			{ ...f, ...extra }, { jar, headers: { Origin: INTRANET } });
		assert.equal(res.status, 422, JSON.stringify(extra));
		assert.deepEqual(slotCap(), ['1', '1']);
	}
	// Another site's slot id through this site's form: no such slot.
	const other = makeSite({});
	const otherId = sql(`SELECT id FROM slot_quota WHERE site_id =
		${other.siteId} LIMIT 1`)[0]?.[0] ?? '999999999';
	const foreign = await post(INTRANET, '/appointments/quota/slot',
		{ ...f, raise: otherId }, { jar, headers: { Origin: INTRANET } });
	assert.equal(foreign.status, 422);
	const up = await post(INTRANET, '/appointments/quota/slot',
		{ ...f, raise: slotId('09:00') },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(up.status, 303);
	assert.match(up.headers.get('location'), new RegExp(
		`view=day&day=${day}#t-0900$`), `back at the row changed: ${up.headers.get('location')}`);
	assert.deepEqual(slotCap(), ['2', '1']);
	assert.match((await get(INTRANET, grid, { jar })).text, /1 \/ 2/);
	const down = await post(INTRANET, '/appointments/quota/slot',
		{ ...f, lower: slotId('09:00') },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(down.status, 303);
	assert.deepEqual(slotCap(), ['1', '1']);
	// Close another slot: the API no longer offers it.
	const close = await post(INTRANET, '/appointments/quota/slot',
		{ ...f, close: slotId('10:00') },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(close.status, 303);
	const full = await api(key, 'POST', '/bookings', person(fx, day, 10));
	assert.equal(full.status, 409);
	// The template: below a booked future slot (one that follows the
	// template, with no override for its date) is refused.
	assert.equal((await api(key, 'POST', '/bookings',
		person(fx, day, 12))).status, 201);
	const wd = new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
	const t = { csrf: f.csrf, site: fx.siteId, level: fx.levels.regular,
		channel: 'partner', week: day, weekday: wd, time: '12:00' };
	const tlow = await post(INTRANET, '/appointments/quota/template',
		{ ...t, capacity: 0 }, { jar, headers: { Origin: INTRANET } });
	assert.equal(tlow.status, 409);
	const tset = await post(INTRANET, '/appointments/quota/template',
		{ ...t, time: '11:00', capacity: 3 },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(tset.status, 303);
	assert.match(tset.headers.get('location'), /&week=[-0-9]+#t-1100$/,
		'back at the template row changed');
	const cap11 = sql(`SELECT capacity FROM slot_quota WHERE site_id =
		${fx.siteId} AND level_id = ${fx.levels.regular} AND channel =
		'partner' AND local_day = '${day}' AND local_time = '11:00'`);
	assert.equal(cap11[0][0], '3');
	const audit = sql(`SELECT COUNT(*) FROM audit_event WHERE entity IN
		('slot_quota', 'quota_template') AND entity_id LIKE '%'`);
	assert.ok(Number(audit[0][0]) >= 4);
});

// appointments-config.test.mjs: havre-appointments' configuration pages
// (appointments.configure) through nginx, real workers and MariaDB:
// creating a site with opening hours and a closed date (the public
// calendar and the partner API stop offering that day), a service with
// documents in two languages and its level x channel offers, a stale
// edit answering 409 with both values, a bad time zone answering 422
// with the message next to the field, the levels page, and 403 for an
// agent without the permission.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INTRANET, PUBLIC, csrfOf, get, login, makeAgent, post, request,
	sql, uniqueName } from './lib.mjs';
import { dayFromNow, makeKey } from './appointments-fixture.mjs';

const sup = makeAgent('cfg', ['supervisor']);
let session;

// The supervisor's cookie jar (signed in once).
async function jar() {
	if (session === undefined) {
		const { jar: j, res } = await login(sup.username, sup.password);
		assert.equal(res.status, 303);
		session = j;
	}
	return session;
}

// GET a page as the supervisor and POST fields with its CSRF token.
async function submit(formPath, action, fields) {
	const j = await jar();
	const page = await get(INTRANET, formPath, { jar: j });
	assert.equal(page.status, 200, page.text);
	const csrf = csrfOf(page.text);
	assert.ok(csrf, 'form has a CSRF token');
	return post(INTRANET, action, { csrf, ...fields },
		{ jar: j, headers: { Origin: INTRANET } });
}

// The fields of a site form.
function siteFields(code, extra = {}) {
	return { code, name: `Config ${code}`, address: '3 rue du Test\nParis',
		time_zone: 'Europe/Paris', phone_country_code: '33',
		slot_minutes: '60', active: '1', hours_1: '09:00-12:00, 13:00-17:00',
		hours_2: '09:00-17:00', hours_3: '09:00-17:00', hours_4: '09:00-17:00',
		hours_5: '09:00-17:00', hours_6: '09:00-17:00', hours_7: '09:00-17:00',
		...extra };
}

// Create a site through the page; returns its id.
async function createSite(code, extra = {}) {
	const res = await submit('/appointments/sites/new',
		'/appointments/sites/new', siteFields(code, extra));
	assert.equal(res.status, 303, res.text);
	const m = /\/appointments\/sites\/(\d+)$/.exec(
		res.headers.get('location'));
	assert.ok(m, `redirect to the site: ${res.headers.get('location')}`);
	return Number(m[1]);
}

// Create a service offered on every level and channel; returns its id.
async function createService(code, extra = {}) {
	const fields = { code, duration_minutes: '20', active: '1',
		name_en: `Passport ${code}`, docs_en: 'Passport\nTwo photos',
		name_fr: `Passeport ${code}`,
		docs_fr: 'Passeport\r\n\r\nDeux photos  \r\n', ...extra };
	for (const l of ['extreme', 'urgent', 'regular'])
		for (const c of ['web', 'callcentre', 'partner', 'walkin'])
			fields[`offer_${l}_${c}`] ??= '1';
	const res = await submit('/appointments/services/new',
		'/appointments/services/new', fields);
	assert.equal(res.status, 303, res.text);
	const m = /\/appointments\/services\/(\d+)$/.exec(
		res.headers.get('location'));
	assert.ok(m);
	return Number(m[1]);
}

test('a site with hours and a closed date: the calendar and the API skip it',
    async () => {
	const code = uniqueName('cs').toLowerCase().slice(0, 30);
	const id = await createSite(code);
	const hours = sql(`SELECT weekday, TIME_FORMAT(opens, '%H:%i'),
		TIME_FORMAT(closes, '%H:%i') FROM site_hours WHERE site_id = ${id}
		ORDER BY weekday, opens`);
	assert.equal(hours.length, 8);
	assert.deepEqual(hours[0], ['1', '09:00', '12:00']);
	assert.deepEqual(hours[1], ['1', '13:00', '17:00']);
	const page = await get(INTRANET, `/appointments/sites/${id}`,
		{ jar: await jar() });
	assert.equal(page.status, 200);
	assert.match(page.text, /value="09:00-12:00, 13:00-17:00"/);
	assert.ok(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'site'
		AND entity_id = '${id}' AND action = 'create'`)[0][0] === '1');

	// A service (created through its page), a quota template by SQL
	// (the grid is another page), then the closed date.
	const svcCode = uniqueName('cv').toLowerCase().slice(0, 30);
	const svc = await createService(svcCode);
	sql(`INSERT INTO quota_template (site_id, level_id, channel, weekday,
		start_time, capacity) SELECT ${id}, l.id, c.ch, d.seq,
		MAKETIME(10, 0, 0), 3 FROM service_level l, (SELECT 'web' ch UNION
		SELECT 'partner') c, seq_1_to_7 d`);
	const day = dayFromNow(5);
	const refused = await submit(`/appointments/sites/${id}`,
		`/appointments/sites/${id}/closed`,
		{ day: dayFromNow(-3), reason: 'Past' });
	assert.equal(refused.status, 422);
	assert.match(refused.text, /class="field-error" id="e-day"/);
	const added = await submit(`/appointments/sites/${id}`,
		`/appointments/sites/${id}/closed`, { day, reason: 'Strike day' });
	assert.equal(added.status, 303, added.text);
	const shown = await get(INTRANET, `/appointments/sites/${id}`,
		{ jar: await jar() });
	assert.match(shown.text, new RegExp(`${day}[\\s\\S]*Strike day`));

	// The public calendar marks the day closed; the next day is open.
	const level = sql("SELECT id FROM service_level WHERE code = 'regular'")[0][0];
	const cal = await get(PUBLIC, `/book/day?site=${id}&service=${svc}` +
		`&level=${level}&month=${day.slice(0, 7)}`);
	assert.equal(cal.status, 200, cal.text);
	const num = Number(day.slice(8, 10));
	assert.match(cal.text, new RegExp(
		`<td class="closed"><span class="n">${num}</span>`));
	// The partner API offers the day before and after, not that day.
	const key = makeKey();
	const res = await request(INTRANET, '/appointments/api/v1/availability' +
		`?site=${code}&service=${svcCode}&from=${dayFromNow(4)}` +
		`&to=${dayFromNow(6)}`, { headers: {
		Authorization: `Bearer ${key}`, Accept: 'application/json' } });
	assert.equal(res.status, 200, res.text);
	const days = new Set(JSON.parse(res.text).slots
		.map((s) => s.start.slice(0, 10)));
	assert.ok(!days.has(day), 'closed day not offered');
	assert.ok(days.has(dayFromNow(4)) && days.has(dayFromNow(6)));

	// Removing the closed date opens the day again.
	const removed = await submit(`/appointments/sites/${id}`,
		`/appointments/sites/${id}/closed/delete`, { day });
	assert.equal(removed.status, 303);
	assert.equal(sql(`SELECT COUNT(*) FROM site_closed
		WHERE site_id = ${id}`)[0][0], '0');
});

test('a service with documents in two languages and its offers', async () => {
	const code = uniqueName('sv').toLowerCase().slice(0, 30);
	const fields = {};
	for (const l of ['extreme', 'urgent', 'regular'])
		for (const c of ['web', 'callcentre', 'partner', 'walkin'])
			fields[`offer_${l}_${c}`] = '';
	fields.offer_regular_web = '1';
	fields.offer_urgent_partner = '1';
	const id = await createService(code, fields);
	const texts = sql(`SELECT lang, name, documents FROM service_text
		WHERE service_id = ${id} ORDER BY lang`);
	assert.deepEqual(texts.map((t) => t[0]), ['en', 'fr']);
	assert.equal(texts[0][2], 'Passport\\nTwo photos');
	assert.equal(texts[1][2], 'Passeport\\nDeux photos', 'blank lines dropped');
	const offers = sql(`SELECT l.code, o.channel FROM service_offer o
		JOIN service_level l ON l.id = o.level_id WHERE o.service_id = ${id}
		ORDER BY l.code, o.channel`);
	assert.deepEqual(offers, [['regular', 'web'], ['urgent', 'partner']]);
	const page = await get(INTRANET, `/appointments/services/${id}`,
		{ jar: await jar() });
	assert.equal(page.status, 200);
	assert.match(page.text, /name="offer_regular_web" aria-label="[^"]+" checked/);
	assert.doesNotMatch(page.text, /name="offer_regular_partner"[^>]* checked/);
	assert.match(page.text, /Deux photos<\/textarea>/);
	const list = await get(INTRANET, '/appointments/services',
		{ jar: await jar() });
	assert.match(list.text, new RegExp(`Passport ${code}`));

	// Without an English name: 422 with the message at the field.
	const bad = await submit('/appointments/services/new',
		'/appointments/services/new', { code: `${code}x`.slice(0, 32),
			duration_minutes: '20', name_en: '', name_fr: 'Seulement' });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /id="e-name_en"/);
	assert.match(bad.text, /value="Seulement"/, 'input kept');
});

test('a stale site or service edit answers 409 with both values', async () => {
	const code = uniqueName('st').toLowerCase().slice(0, 30);
	const id = await createSite(code);
	const j = await jar();
	const form = await get(INTRANET, `/appointments/sites/${id}`, { jar: j });
	const csrf = csrfOf(form.text);
	const version = /name="version" value="(\d+)"/.exec(form.text)[1];
	const first = await post(INTRANET, `/appointments/sites/${id}`,
		{ csrf, version, ...siteFields(code, { name: 'First name' }) },
		{ jar: j, headers: { Origin: INTRANET } });
	assert.equal(first.status, 303, first.text);
	const second = await post(INTRANET, `/appointments/sites/${id}`,
		{ csrf, version, ...siteFields(code, { name: 'Second name' }) },
		{ jar: j, headers: { Origin: INTRANET } });
	assert.equal(second.status, 409);
	assert.match(second.text, /class="conflict-stored"><bdi>First name<\/bdi></);
	assert.match(second.text, /class="conflict-mine"><bdi>Second name<\/bdi></);
	assert.match(second.text, /value="Second name"/, 'my input kept');
	assert.equal(sql(`SELECT name FROM site WHERE id = ${id}`)[0][0],
		'First name');
	// Saving again with the version shown overwrites knowingly.
	const newer = /name="version" value="(\d+)"/.exec(second.text)[1];
	assert.equal(Number(newer), Number(version) + 1);
	const third = await post(INTRANET, `/appointments/sites/${id}`,
		{ csrf, version: newer, ...siteFields(code, { name: 'Second name' }) },
		{ jar: j, headers: { Origin: INTRANET } });
	assert.equal(third.status, 303);

	const svcCode = uniqueName('ss').toLowerCase().slice(0, 30);
	const svc = await createService(svcCode);
	const sform = await get(INTRANET, `/appointments/services/${svc}`,
		{ jar: j });
	const sver = /name="version" value="(\d+)"/.exec(sform.text)[1];
	sql(`UPDATE service SET duration_minutes = 45, version = version + 1
		WHERE id = ${svc}`);
	const stale = await post(INTRANET, `/appointments/services/${svc}`,
		{ csrf: csrfOf(sform.text), version: sver, code: svcCode,
			duration_minutes: '30', active: '1', name_en: 'Renamed' },
		{ jar: j, headers: { Origin: INTRANET } });
	assert.equal(stale.status, 409);
	assert.match(stale.text, /class="conflict-stored"><bdi>45<\/bdi></);
	assert.match(stale.text, /class="conflict-mine"><bdi>30<\/bdi></);
});

test('a bad time zone or hours answer 422 with the message at the field',
    async () => {
	const code = uniqueName('tz').toLowerCase().slice(0, 30);
	const res = await submit('/appointments/sites/new',
		'/appointments/sites/new', siteFields(code,
			{ time_zone: 'Mars/Olympus', hours_3: '17:00-09:00' }));
	assert.equal(res.status, 422);
	assert.match(res.text,
		/<p class="field-error" id="e-time_zone">[^<]*time zone/i);
	assert.match(res.text, /id="f-time_zone"[^>]*aria-invalid="true"/);
	assert.match(res.text, /id="e-hours_3"/);
	assert.match(res.text, /value="Mars\/Olympus"/, 'input kept');
	assert.equal(sql(`SELECT COUNT(*) FROM site WHERE code = '${code}'`)[0][0],
		'0');
	// A taken code.
	const taken = await submit('/appointments/sites/new',
		'/appointments/sites/new', siteFields(code));
	assert.equal(taken.status, 303);
	const again = await submit('/appointments/sites/new',
		'/appointments/sites/new', siteFields(code));
	assert.equal(again.status, 422);
	assert.match(again.text, /id="e-code"/);
});

test('levels: the public flag is saved and audited', async () => {
	const before = sql("SELECT code, public FROM service_level ORDER BY code");
	const want = Object.fromEntries(before);
	const fields = { levels: '1' };
	for (const [c, p] of before)
		fields[`public_${c}`] = p === '1' ? '1' : '';
	fields.public_extreme = want.extreme === '1' ? '' : '1';
	const res = await submit('/appointments/levels', '/appointments/levels',
		fields);
	assert.equal(res.status, 303);
	const flipped = sql("SELECT public FROM service_level WHERE code = 'extreme'")[0][0];
	assert.notEqual(flipped, want.extreme);
	// Put it back.
	fields.public_extreme = want.extreme === '1' ? '1' : '';
	const back = await submit('/appointments/levels', '/appointments/levels',
		fields);
	assert.equal(back.status, 303);
	assert.equal(sql("SELECT public FROM service_level WHERE code = 'extreme'")[0][0],
		want.extreme);
	// A POST without the form's fields changes nothing.
	const empty = await submit('/appointments/levels', '/appointments/levels',
		{});
	assert.equal(empty.status, 422);
	assert.deepEqual(sql('SELECT code, public FROM service_level ORDER BY code'),
		before);
});

test('an agent without appointments.configure gets 403', async () => {
	const cc = makeAgent('cfgcc', ['call_centre']);
	const { jar: j } = await login(cc.username, cc.password);
	for (const path of ['/appointments/sites', '/appointments/sites/new',
		'/appointments/services', '/appointments/levels']) {
		const res = await get(INTRANET, path, { jar: j });
		assert.equal(res.status, 403, path);
	}
	const home = await get(INTRANET, '/appointments', { jar: j });
	assert.equal(home.status, 200);
	assert.doesNotMatch(home.text, /href="\/appointments\/sites"/);
	const suphome = await get(INTRANET, '/appointments', { jar: await jar() });
	assert.match(suphome.text, /href="\/appointments\/sites"/);
	assert.match(suphome.text, /href="\/appointments\/services"/);
	assert.match(suphome.text, /href="\/appointments\/levels"/);
});

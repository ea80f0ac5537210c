// booking-recall.test.mjs: the public day page (/book/slot) and the
// partner availability of one site and service answer from a choice
// (site, service, level) each worker remembers, confirmed by the day's
// one query through the audit trail's last number (booking library,
// choice.c). A supervisor's change through the configuration pages must
// show on the very next page and answer, whichever worker serves it:
// every worker is made to remember the choice first, then each of the
// following requests (more than there are workers) sees the change.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INTRANET, PUBLIC, csrfOf, get, login, makeAgent, post,
	uniqueName } from './lib.mjs';
import { dayFromNow, makeKey, makeSite } from './appointments-fixture.mjs';

// More requests than workers (contrib/dev runs 2 per core).
const ROUNDS = 12;

const sup = makeAgent('recall', ['supervisor']);
const S = makeSite();
const key = makeKey();
const day = dayFromNow(3);
const dayPage = `/book/slot?site=${S.siteId}&service=${S.serviceId}` +
	`&level=${S.levels.regular}&day=${day}`;
const avail = `/appointments/api/v1/availability?site=${S.site}` +
	`&service=${S.service}&from=${day}&to=${day}`;
const bearer = { Authorization: `Bearer ${key}`, Accept: 'application/json' };

// The office name the day page shows, or the status when not 200.
async function officeShown() {
	const r = await get(PUBLIC, dayPage);
	if (r.status !== 200)
		return r.status;
	const m = /<dt>Office<\/dt><dd><bdi>([^<]*)<\/bdi>/.exec(r.text);
	assert.ok(m, 'the page names the office');
	return m[1];
}

// POST an edit form (its version and CSRF token read from the page).
async function edit(jar, path, fields) {
	const page = await get(INTRANET, path, { jar });
	assert.equal(page.status, 200);
	const version = /name="version" value="(\d+)"/.exec(page.text)[1];
	return post(INTRANET, path, { csrf: csrfOf(page.text), version,
		...fields }, { jar, headers: { Origin: INTRANET } });
}

test('a supervisor\'s change of a site or service shows on the very next ' +
    'day page and availability answer', async () => {
	const { jar } = await login(sup.username, sup.password);
	// Every worker reads and remembers the choice.
	for (let i = 0; i < ROUNDS; i++) {
		assert.equal(await officeShown(), `Site ${S.site}`);
		const r = await get(INTRANET, avail, { headers: bearer });
		assert.equal(r.status, 200);
		assert.ok(JSON.parse(r.text).slots.length > 0, 'free slots');
	}

	// The site renamed through its page: the next pages say so.
	const hours = {};
	for (let d = 1; d <= 7; d++)
		hours[`hours_${d}`] = '08:00-18:00';
	const renamed = `Renamed ${uniqueName('o')}`;
	const saved = await edit(jar, `/appointments/sites/${S.siteId}`, {
		code: S.site, name: renamed, address: '1 Test Street',
		time_zone: 'Europe/Paris', phone_country_code: '33',
		slot_minutes: '60', active: '1', ...hours });
	assert.equal(saved.status, 303, saved.text);
	for (let i = 0; i < ROUNDS; i++)
		assert.equal(await officeShown(), renamed, `page ${i}`);

	// The service no longer offered: the next pages refuse it and the
	// next answers name it unknown.
	const fields = { code: S.service, duration_minutes: '20',
		name_en: `Service ${S.service}`, docs_en: 'Passport\nPhoto',
		name_fr: `Service ${S.service}`, docs_fr: 'Passeport\nPhoto' };
	for (const l of ['extreme', 'urgent', 'regular'])
		for (const c of ['web', 'callcentre', 'partner', 'walkin'])
			fields[`offer_${l}_${c}`] = '1';
	const off = await edit(jar, `/appointments/services/${S.serviceId}`,
		fields);
	assert.equal(off.status, 303, off.text);
	for (let i = 0; i < ROUNDS; i++) {
		assert.equal(await officeShown(), 404, `page ${i}`);
		const r = await get(INTRANET, avail, { headers: bearer });
		assert.equal(r.status, 422, `answer ${i}: ${r.text}`);
		assert.ok(JSON.parse(r.text).errors.service, 'service unknown');
	}
});

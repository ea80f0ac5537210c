// tests/http/booking-fairness.test.mjs: the one-active-appointment rule
// across channels (issue 12). One person (one phone, no document number)
// spelled "Jean-Pierre" / "Jean Pierre" / "JEAN-PIERRE", with and without
// accents, books on one channel and is refused a second active
// appointment for the service on every channel: the public booking site,
// the call centre and reception's walk-in desk, each showing its own
// refusal. An arrived walk-in stays active until its visit is done.
// Through nginx to the real programs and MariaDB.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
	CookieJar, INTRANET, PUBLIC, csrfOf, get, login, makeAgent, post, sql,
} from './lib.mjs';
import { freshPhone, makeSite } from './appointments-fixture.mjs';
import { makeStations } from './reception-fixture.mjs';

const ZONE = 'Europe/Paris';
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const WEB_REFUSED = /You already have an appointment for this service/;
const AGENT_REFUSED =
	/This person already has an active appointment for this service\./;

let S;
let day;
let caller;
let desk;

// Local date YYYY-MM-DD in the site's zone, n days from today.
function localDay(n) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE })
		.format(new Date(Date.now() + n * 86400000));
}

before(() => {
	// Open around the clock so that a walk-in slot is always under way.
	S = makeSite({ hours: ['00:00', '23:59:59'], times: HOURS, capacity: 4 });
	makeStations(S.siteId, S.serviceId, ['Desk']);
	day = localDay(3);
	caller = makeAgent('fcc', ['call_centre']);
	desk = makeAgent('fdesk', ['reception']);
});

// The slot id of channel at HH:MM on local day d (made by a page first).
function slotAt(channel, d, hm) {
	const rows = sql(`SELECT id FROM slot_quota WHERE site_id = ${S.siteId}
		AND level_id = ${S.levels.regular} AND channel = '${channel}'
		AND local_day = '${d}' AND local_time = '${hm}:00'`);
	assert.equal(rows.length, 1, `${channel} slot ${d} ${hm}`);
	return Number(rows[0][0]);
}

// Book on the public site: the day page, the details form, confirm.
async function bookWeb(p, hm) {
	const jar = new CookieJar();
	// This file confirms more often than Appointments.ConfirmPerHour
	// allows one address: the limit has its own test (book.test.mjs).
	sql("DELETE FROM rate_hit WHERE bucket = 'book_confirm'");
	const q = `site=${S.siteId}&service=${S.serviceId}&level=${S.levels.regular}`;
	const days = await get(PUBLIC, `/book/slot?${q}&day=${day}`, { jar });
	assert.equal(days.status, 200, 'day page');
	const slot = slotAt('web', day, hm);
	const form = await get(PUBLIC, `/book/details?${q}&slot=${slot}`, { jar });
	assert.equal(form.status, 200, 'details form');
	return post(PUBLIC, '/book/confirm', {
		csrf: csrfOf(form.text), site: S.siteId, service: S.serviceId,
		level: S.levels.regular, slot, family_name: p.family,
		given_names: p.given, phone: p.phone, document_number: '',
		language: 'en',
	}, { jar, headers: { Origin: PUBLIC } });
}

// Book through the call centre (a signed-in call-centre agent).
async function bookCallCentre(p, hm) {
	const { jar } = await login(caller.username, caller.password);
	const page = await get(INTRANET,
		`/appointments/callcentre?site=${S.siteId}&day=${day}`, { jar });
	assert.equal(page.status, 200, 'call-centre day');
	return post(INTRANET, '/appointments/callcentre/book', {
		csrf: csrfOf(page.text), site: S.siteId, day,
		slot: slotAt('callcentre', day, hm), service: S.serviceId,
		family_name: p.family, given_names: p.given, phone: p.phone,
		document_number: '', lang: 'en', notes: '',
	}, { jar, headers: { Origin: INTRANET } });
}

// A walk-in at reception's desk (the walk-in slot under way now).
async function walkIn(p) {
	const { jar } = await login(desk.username, desk.password);
	const page = await get(INTRANET,
		`/reception/checkin?site=${S.siteId}`, { jar });
	assert.equal(page.status, 200, 'check-in page');
	return post(INTRANET, '/reception/walkin', {
		csrf: csrfOf(page.text), site: S.siteId, service: S.serviceId,
		level: S.levels.regular, family_name: p.family,
		given_names: p.given, phone: p.phone,
	}, { jar, headers: { Origin: INTRANET } });
}

// The person's active appointments for the service (any spelling).
function activeOf(phone) {
	return sql(`SELECT channel, status, given_names FROM appointment
		WHERE service_id = ${S.serviceId} AND phone = '${phone}'
		AND status IN ('booked', 'confirmed', 'arrived') ORDER BY id`);
}

// Expect a refusal on every channel for each spelling, nothing written.
async function refusedEverywhere(phone, spellings) {
	const before0 = activeOf(phone);
	for (const [i, sp] of spellings.entries()) {
		const p = { ...sp, phone };
		const web = await bookWeb(p, `1${i % 10}:00`);
		assert.equal(web.status, 409, `web refuses ${sp.family} ${sp.given}`);
		assert.match(web.text, WEB_REFUSED);
		const cc = await bookCallCentre(p, `1${i % 10}:00`);
		assert.equal(cc.status, 409, `call centre refuses ${sp.family} ${sp.given}`);
		assert.match(cc.text, AGENT_REFUSED);
		const w = await walkIn(p);
		assert.equal(w.status, 422, `walk-in refused for ${sp.family} ${sp.given}`);
		assert.match(w.text, AGENT_REFUSED);
	}
	assert.deepEqual(activeOf(phone), before0, 'nothing more written');
}

const SPELLINGS = [
	{ family: 'Dupont', given: 'Jean Pierre' },
	{ family: 'DUPONT', given: 'JEAN-PIERRE' },
	{ family: 'Dupont', given: 'Jéan-Pierre' },
	{ family: 'dupont', given: 'JÉAN PIERRE' },
	{ family: 'Dupont', given: 'Jean-Pierre' },
];

test('booked online as Jean-Pierre: refused on the web, at the call centre and at the desk, whatever the spelling', async () => {
	const phone = freshPhone();
	const first = await bookWeb({ family: 'Dupont', given: 'Jean-Pierre', phone }, '09:00');
	assert.equal(first.status, 303, first.text.slice(0, 400));
	await refusedEverywhere(phone, SPELLINGS);
	assert.deepEqual(activeOf(phone), [['web', 'booked', 'Jean-Pierre']]);
});

test('a walk-in "JEAN-PIERRE" is refused while booked online, then arrives once cancelled and stays active until done', async () => {
	const phone = freshPhone();
	const first = await bookWeb({ family: 'Dupont', given: 'Jéan Pierre', phone }, '08:00');
	assert.equal(first.status, 303, first.text.slice(0, 400));
	const w = await walkIn({ family: 'DUPONT', given: 'JEAN-PIERRE', phone });
	assert.equal(w.status, 422);
	assert.match(w.text, AGENT_REFUSED);
	// Once the online booking is cancelled the walk-in goes through ...
	sql(`UPDATE appointment SET status = 'cancelled' WHERE phone = '${phone}'`);
	const ok = await walkIn({ family: 'DUPONT', given: 'JEAN-PIERRE', phone });
	assert.equal(ok.status, 303, ok.text.slice(0, 400));
	assert.deepEqual(activeOf(phone), [['walkin', 'arrived', 'JEAN-PIERRE']]);
	// ... and the arrived person may not book again on any channel.
	await refusedEverywhere(phone, SPELLINGS);
	// Done: the rule lets them book again.
	sql(`UPDATE appointment SET status = 'done' WHERE phone = '${phone}'`);
	const again = await bookWeb({ family: 'Dupont', given: 'Jean Pierre', phone }, '20:00');
	assert.equal(again.status, 303, again.text.slice(0, 400));
});

test('booked by the call centre as Jéan-Pierre: refused online and at the desk as Jean Pierre or JEAN-PIERRE', async () => {
	const phone = freshPhone();
	const first = await bookCallCentre({ family: 'Dupont', given: 'Jéan-Pierre', phone }, '09:00');
	assert.equal(first.status, 303, first.text.slice(0, 400));
	await refusedEverywhere(phone, SPELLINGS);
	assert.deepEqual(activeOf(phone), [['callcentre', 'booked', 'Jéan-Pierre']]);
});

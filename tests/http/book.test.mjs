// tests/http/book.test.mjs: the applicants' booking site (/book on the
// public vhost) through nginx to havre-appointments and MariaDB: the
// whole web flow (calendar, times, details validated field by field
// with the input kept, review, confirm -> reference, QR code and
// documents), a slot that fills up meanwhile (alternatives, input
// kept), the fairness refusals, managing a booking (view, wrong phone,
// cancel frees the seat, reschedule), clear pages for a past day, a
// closed day, unknown choices and references (never a 500), the rate
// limits (429) and the weight of every page (< 30 KB).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { CookieJar, INTRANET, PUBLIC, get, htmlLangDir, post, sql } from './lib.mjs';
import { freshPhone, makeSite } from './appointments-fixture.mjs';

const BUDGET = 30 * 1024;
const ZONE = 'Europe/Paris';
const weights = new Map();

// Local date YYYY-MM-DD in the site's zone, n days from today.
function localDay(n) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE })
		.format(new Date(Date.now() + n * 86400000));
}

// Remember the weight of a page (the HTML: /static is cached).
function weigh(name, r) {
	const bytes = Buffer.byteLength(r.text, 'utf8');
	weights.set(name, Math.max(weights.get(name) ?? 0, bytes));
	return r;
}

// The test data: a site (Paris) with a service asking for a document,
// its documents in three languages, a closed day.
let S;
let day;
let closedDay;
before(() => {
	S = makeSite({ needsDocument: true, capacity: { web: 2, callcentre: 2 } });
	sql(`UPDATE service_text SET documents = 'Passport\\nTwo photos\\nProof of address'
		WHERE service_id = ${S.serviceId} AND lang = 'en';
	INSERT INTO service_text (service_id, lang, name, documents) VALUES
		(${S.serviceId}, 'ar', 'خدمة ${S.service}', 'جواز السفر\\nصورتان');
	UPDATE site SET address = '12 rue de la Paix, 75002 Paris'
		WHERE id = ${S.siteId}`);
	day = localDay(3);
	closedDay = localDay(4);
	sql(`INSERT INTO site_closed (site_id, day, reason) VALUES
		(${S.siteId}, '${closedDay}', 'holiday')`);
	sql("DELETE FROM rate_hit WHERE bucket IN ('book_confirm', 'book_manage')");
});

const q = () => `site=${S.siteId}&service=${S.serviceId}&level=${S.levels.regular}`;
const origin = { Origin: PUBLIC };

// The CSRF token of a page's first form.
const csrfOf = (text) => /name="csrf" value="([0-9a-f]{64})"/.exec(text)?.[1];

// A web slot id of the site's regular level on a local day at HH:MM.
function slotAt(d, hm) {
	const rows = sql(`SELECT id FROM slot_quota WHERE site_id = ${S.siteId}
		AND level_id = ${S.levels.regular} AND channel = 'web'
		AND local_day = '${d}' AND local_time = '${hm}:00'`);
	return rows.length ? Number(rows[0][0]) : undefined;
}

// Seats booked on a slot.
const booked = (id) => Number(sql(`SELECT booked FROM slot_quota WHERE id = ${id}`)[0][0]);

// A person: names, a fresh phone, a fresh document number.
let seq = 0;
function person(extra = {}) {
	seq++;
	return {
		family_name: `Durand${seq}`, given_names: 'Amélie Zoé',
		phone: freshPhone(), document_number: `X${process.pid}${seq}${Date.now() % 100000}`,
		language: 'en', ...extra,
	};
}

// Walk the GET steps to a slot's details form; returns {jar, csrf}.
async function detailsForm(slot, jar = new CookieJar()) {
	const r = weigh('details', await get(PUBLIC, `/book/details?${q()}&slot=${slot}`, { jar }));
	assert.equal(r.status, 200, 'details form');
	return { jar, csrf: csrfOf(r.text), text: r.text };
}

// Book slot for p; returns the answer of POST /book/confirm.
async function confirm(slot, p, jar) {
	const f = await detailsForm(slot, jar);
	return post(PUBLIC, '/book/confirm', { csrf: f.csrf, site: S.siteId,
		service: S.serviceId, level: S.levels.regular, slot, ...p },
	{ jar: f.jar, headers: origin });
}

test('the flow: office, service, public levels, calendar, times', async () => {
	const jar = new CookieJar();
	const home = weigh('sites', await get(PUBLIC, '/book', { jar }));
	assert.equal(home.status, 200);
	// The test database holds many offices: as an applicant would, look
	// for this one by its name (the list is paged past 30).
	const found = weigh('sites', await get(PUBLIC, `/book?q=${S.site}`, { jar }));
	assert.equal(found.status, 200);
	assert.match(found.text, new RegExp(`Site ${S.site}`));
	assert.match(found.text, new RegExp(`href="/book/service\\?site=${S.siteId}"`));
	const svc = weigh('services', await get(PUBLIC, `/book/service?site=${S.siteId}`, { jar }));
	assert.equal(svc.status, 200);
	assert.match(svc.text, new RegExp(`Service ${S.service}`));
	const lv = weigh('levels', await get(PUBLIC,
		`/book/level?site=${S.siteId}&service=${S.serviceId}`, { jar }));
	assert.equal(lv.status, 200);
	assert.match(lv.text, new RegExp(`level=${S.levels.regular}"`));
	assert.match(lv.text, new RegExp(`level=${S.levels.urgent}"`));
	assert.doesNotMatch(lv.text, new RegExp(`level=${S.levels.extreme}"`),
		'extreme urgency is not a public level');
	// The calendar of the day's month: the day is a link, the closed
	// day says so, works without script.
	const cal = weigh('calendar', await get(PUBLIC,
		`/book/day?${q()}&month=${day.slice(0, 7)}`, { jar }));
	assert.equal(cal.status, 200);
	assert.doesNotMatch(cal.text, /<script/i);
	assert.match(cal.text, new RegExp(`/book/slot\\?${q().replace(/&/g, '&amp;')}&amp;day=${day}"`));
	if (closedDay.slice(0, 7) === day.slice(0, 7))
		assert.match(cal.text, new RegExp(`<td class="closed"><span class="n">${Number(closedDay.slice(8))}</span>`));
	assert.match(cal.text, /rel="next"/, 'a next-month link');
	// The next month answers too.
	const next = /rel="next" href="([^"]+)"/.exec(cal.text)[1].replace(/&amp;/g, '&');
	assert.equal((await get(PUBLIC, next, { jar })).status, 200);
	// The day's times with the places left.
	const slots = weigh('slots', await get(PUBLIC, `/book/slot?${q()}&day=${day}`, { jar }));
	assert.equal(slots.status, 200);
	assert.match(slots.text, /09:00/);
	assert.match(slots.text, /2 places left/);
	assert.match(slots.text, /\/book\/details\?[^"]*slot=\d+"/);
});

test('details: a message next to each bad field, the input kept; review; confirm', async () => {
	const slot = slotAt(day, '09:00');
	assert.ok(slot, 'the 09:00 slot exists once the day was shown');
	const f = await detailsForm(slot);
	assert.match(f.text, /name="phone"/);
	assert.match(f.text, /name="document_number"/, 'the service asks for a document');
	assert.match(f.text, /\+<\/span>|\+33/, 'the site\'s country code is shown');
	const base = { csrf: f.csrf, site: S.siteId, service: S.serviceId,
		level: S.levels.regular, slot };
	const bad = weigh('details-422', await post(PUBLIC, '/book/review', { ...base,
		family_name: '', given_names: 'Kept Given', phone: 'not a phone',
		document_number: '', language: 'en' }, { jar: f.jar, headers: origin }));
	assert.equal(bad.status, 422);
	assert.match(bad.text, /id="e-family_name"/);
	assert.match(bad.text, /id="e-phone"/);
	assert.match(bad.text, /id="e-document_number"/);
	// The summary at the top names each field it lists (issue 13.7).
	assert.match(bad.text, /<a href="#f-phone">Phone number: Enter a phone number/);
	assert.match(bad.text, /<a href="#f-document_number">[^<:]+: /);
	assert.match(bad.text, /value="Kept Given"/, 'input kept');
	assert.match(bad.text, /value="not a phone"/, 'bad input kept too');
	// A national number is read with the site's country code.
	const p = person();
	const national = '0' + p.phone.slice(3).replace(/(\d\d)/g, '$1 ').trim();
	const review = weigh('review', await post(PUBLIC, '/book/review', { ...base, ...p,
		phone: national }, { jar: f.jar, headers: origin }));
	assert.equal(review.status, 200);
	assert.match(review.text, new RegExp(`\\${p.phone}`), 'phone shown in E.164');
	assert.match(review.text, /action="\/book\/confirm"/);
	// The same number typed on an Arabic or a Persian keyboard.
	for (const [zero, name] of [[0x0660, 'Arabic-Indic'], [0x06f0, 'Persian']]) {
		const typed = national.replace(/\d/g, (c) => String.fromCodePoint(zero + Number(c)));
		const r = await post(PUBLIC, '/book/review', { ...base, ...p, phone: typed },
			{ jar: f.jar, headers: origin });
		assert.equal(r.status, 200, `${name} digits: ${typed}`);
		assert.match(r.text, new RegExp(`\\${p.phone}`), `${name} digits read as ${p.phone}`);
	}
	assert.match(review.text, new RegExp(`name="family_name" value="${p.family_name}"`));
	// Back to the details with everything typed.
	const edit = await post(PUBLIC, '/book/edit', { ...base, ...p },
		{ jar: f.jar, headers: origin });
	assert.equal(edit.status, 200);
	assert.match(edit.text, new RegExp(`value="${p.family_name}"`));
	// Confirm: the reference, then the confirmation page.
	const before0 = booked(slot);
	const c = await post(PUBLIC, '/book/confirm', { ...base, ...p },
		{ jar: f.jar, headers: origin });
	assert.equal(c.status, 303, c.text.slice(0, 300));
	const m = /^\/book\/manage\/([2-9A-HJ-NP-Z]{8})$/.exec(c.headers.get('location'));
	assert.ok(m, `redirect to the booking: ${c.headers.get('location')}`);
	const ref = m[1];
	assert.equal(booked(slot), before0 + 1, 'one seat taken');
	const page = weigh('confirmation', await get(PUBLIC, `/book/manage/${ref}`, { jar: f.jar }));
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`${ref.slice(0, 4)}-${ref.slice(4)}`), 'XXXX-XXXX');
	assert.match(page.text, /Your appointment is booked/);
	assert.match(page.text, /09:00/);
	// The office's local time in words, never the zone's id (issue 13).
	assert.match(page.text, /09:00<\/span> <span class="sub">\(local time at the office\)/);
	assert.doesNotMatch(page.text, /Europe\/Paris/);
	assert.match(page.text, /12 rue de la Paix/);
	assert.match(page.text, /<li>Two photos<\/li>/);
	assert.match(page.text, /<svg class="qr"[^>]*role="img"/);
	assert.match(page.text, /<path fill="#000" d="M[0-9hvz M-]+"/);
	assert.match(page.text, /@media print|book\.css/);
	const row = sql(`SELECT channel, status, phone, lang FROM appointment WHERE reference = '${ref}'`)[0];
	assert.deepEqual(row, ['web', 'booked', p.phone, 'en']);
	// The documents follow the language (Arabic text, right to left).
	const ar = await get(PUBLIC, `/book/manage/${ref}?lang=ar`, { jar: f.jar });
	assert.deepEqual(htmlLangDir(ar.text), { lang: 'ar', dir: 'rtl' });
	assert.match(ar.text, /<li>صورتان<\/li>/);
});

test('a slot that filled up meanwhile: nearest free times, input kept', async () => {
	const slot = slotAt(day, '10:00');
	const p = person();
	const f = await detailsForm(slot);
	// Someone else takes the last places while the form is open.
	sql(`UPDATE slot_quota SET capacity = booked WHERE id = ${slot}`);
	const r = weigh('full-409', await post(PUBLIC, '/book/confirm', { csrf: f.csrf,
		site: S.siteId, service: S.serviceId, level: S.levels.regular,
		slot, ...p }, { jar: f.jar, headers: origin }));
	assert.equal(r.status, 409);
	assert.match(r.text, /no longer free/);
	assert.match(r.text, new RegExp(`name="family_name" value="${p.family_name}"`));
	assert.match(r.text, new RegExp(`name="document_number" value="${p.document_number}"`));
	const alts = [...r.text.matchAll(/name="slot" value="(\d+)"/g)].map((x) => Number(x[1]));
	assert.ok(alts.length >= 3, `alternatives offered: ${alts}`);
	assert.ok(!alts.includes(slot));
	// Picking one books at once with the kept details.
	const pick = await post(PUBLIC, '/book/confirm', { csrf: f.csrf,
		site: S.siteId, service: S.serviceId, level: S.levels.regular,
		...p, slot: alts[0] }, { jar: f.jar, headers: origin });
	assert.equal(pick.status, 303);
	sql(`UPDATE slot_quota SET capacity = 2 WHERE id = ${slot}`);
});

test('fairness: one active appointment per person and service; 3 per phone', async () => {
	const slot = slotAt(day, '11:00') ?? slotAt(day, '09:00');
	const p = person();
	const first = await confirm(slot, p);
	assert.equal(first.status, 303);
	const again = weigh('refused', await confirm(slotAt(day, '12:00'), { ...p, phone: freshPhone() }));
	assert.equal(again.status, 409);
	assert.match(again.text, /already have an appointment for this service/);
	assert.match(again.text, /href="\/book\/manage"/, 'says what to do');
	// Same phone, other people: the fourth is refused.
	const phone = freshPhone();
	for (let i = 0; i < 3; i++) {
		const r = await confirm(slotAt(day, `1${3 + (i % 2)}:00`), person({ phone }));
		assert.equal(r.status, 303, `booking ${i + 1} for one phone`);
	}
	const fourth = await confirm(slotAt(day, '15:00'), person({ phone }));
	assert.equal(fourth.status, 409);
	assert.match(fourth.text, /Too many appointments for this phone number/);
	assert.match(fourth.text, /Cancel one you no longer need/);
});

test('confirm is rate-limited per client address (429 saying when)', async () => {
	sql(`INSERT INTO rate_hit (bucket, hit_key, at)
		SELECT 'book_confirm', '127.0.0.1', UTC_TIMESTAMP(6) FROM seq_1_to_10`);
	try {
		const r = weigh('429', await confirm(slotAt(day, '16:00'), person()));
		assert.equal(r.status, 429);
		assert.match(r.text, /Too many bookings from this connection/);
		assert.match(r.text, /try again after <strong dir="ltr">\d\d:\d\d<\/strong>/);
	} finally {
		sql("DELETE FROM rate_hit WHERE bucket = 'book_confirm'");
	}
});

test('manage: same message for a wrong phone and an unknown reference; view; cancel frees the seat', async () => {
	const slot = slotAt(day, '16:00');
	const p = person();
	const jar0 = new CookieJar();
	const c = await confirm(slot, p, jar0);
	assert.equal(c.status, 303);
	const ref = c.headers.get('location').split('/').pop();
	const jar = new CookieJar();
	const form = weigh('manage', await get(PUBLIC, '/book/manage', { jar }));
	assert.equal(form.status, 200);
	const csrf = csrfOf(form.text);
	const msg = (t) => /class="flash flash-error" role="alert">([^<]*)</.exec(t)?.[1];
	const wrong = weigh('manage-422', await post(PUBLIC, '/book/manage',
		{ csrf, ref, phone: freshPhone() }, { jar, headers: origin }));
	assert.equal(wrong.status, 422);
	const unknown = await post(PUBLIC, '/book/manage',
		{ csrf, ref: 'ZZZZ-9999', phone: p.phone }, { jar, headers: origin });
	assert.equal(unknown.status, 422);
	assert.ok(msg(wrong.text));
	assert.equal(msg(wrong.text), msg(unknown.text), 'no enumeration');
	// Without the proof, the booking page sends to the form.
	const anon = await get(PUBLIC, `/book/manage/${ref}`, { jar });
	assert.equal(anon.status, 303);
	assert.match(anon.headers.get('location'), /^\/book\/manage\?ref=/);
	// A forged proof cookie (the phone's digits, or any value) is refused.
	for (const forged of [p.phone.replace(/\D/g, ''), 'a'.repeat(64)]) {
		const f = await get(PUBLIC, `/book/manage/${ref}`,
			{ headers: { Cookie: `bk_${ref}=${forged}` } });
		assert.equal(f.status, 303, `forged proof ${forged.slice(0, 6)}…`);
	}
	// The reference as printed (lower case, dash) and the phone.
	const ok = await post(PUBLIC, '/book/manage', { csrf,
		ref: `${ref.slice(0, 4).toLowerCase()}-${ref.slice(4)}`, phone: p.phone },
	{ jar, headers: origin });
	assert.equal(ok.status, 303);
	assert.equal(ok.headers.get('location'), `/book/manage/${ref}`);
	const view = await get(PUBLIC, `/book/manage/${ref}`, { jar });
	assert.equal(view.status, 200);
	assert.match(view.text, new RegExp(p.family_name));
	const seats = booked(slot);
	const cancel = await post(PUBLIC, `/book/manage/${ref}/cancel`,
		{ csrf: csrfOf(view.text), confirm: 1 }, { jar, headers: origin });
	assert.equal(cancel.status, 303);
	assert.equal(booked(slot), seats - 1, 'the seat is free again');
	assert.equal(sql(`SELECT status FROM appointment WHERE reference = '${ref}'`)[0][0], 'cancelled');
	const after = await get(PUBLIC, `/book/manage/${ref}`, { jar });
	assert.match(after.text, /has been cancelled/);
	assert.doesNotMatch(after.text, /\/cancel"/, 'no cancel button any more');
	// Cancelling twice is refused politely.
	const twice = await post(PUBLIC, `/book/manage/${ref}/cancel`,
		{ csrf: csrfOf(view.text), confirm: 1 }, { jar, headers: origin });
	assert.equal(twice.status, 303);
	const asked = await post(PUBLIC, `/book/manage/${ref}/cancel`,
		{ csrf: csrfOf(view.text) }, { jar, headers: origin });
	assert.equal(asked.status, 303, 'no question for a cancelled appointment');
});

// Issue 13.2: the applicant presses "Cancel this appointment" on the
// page of the booking; the first press only asks, saying what will
// happen; "Yes, cancel" cancels; the page then shows neither the QR
// code nor the documents to bring.
test('manage: cancelling asks first and says what will happen; after it, no QR code and no documents', async () => {
	const d = localDay(5);
	await get(PUBLIC, `/book/slot?${q()}&day=${d}`);	// the day's slots exist once shown
	const slot = slotAt(d, '15:00');
	const p = person();
	const jar = new CookieJar();
	const c = await confirm(slot, p, jar);
	assert.equal(c.status, 303);
	const ref = c.headers.get('location').split('/').pop();
	const status = () => sql(`SELECT status FROM appointment WHERE reference = '${ref}'`)[0][0];
	const sms = () => Number(sql(`SELECT COUNT(*) FROM outbox_message m
		JOIN appointment a ON m.entity = 'appointment' AND a.id = m.entity_id
		WHERE a.reference = '${ref}' AND m.event = 'cancellation'`)[0][0]);
	const view = await get(PUBLIC, `/book/manage/${ref}`, { jar });
	assert.equal(view.status, 200);
	assert.match(view.text, /<svg class="qr"/, 'the QR code while booked');
	assert.match(view.text, /<li>Passport<\/li>/, 'the documents while booked');
	const form = /<form method="post" action="(\/book\/manage\/[A-Z0-9]{8}\/cancel)"[^>]*>([\s\S]*?)<\/form>/.exec(view.text);
	assert.ok(form, 'a cancel form');
	assert.doesNotMatch(form[2], /name="confirm"/, 'the first button does not confirm');
	const seats = booked(slot);
	// The first press: a question, nothing changed.
	const ask = weigh('cancel-ask', await post(PUBLIC, form[1], { csrf: csrfOf(view.text) },
		{ jar, headers: origin }));
	assert.equal(ask.status, 200);
	assert.match(ask.text, /<h1>Cancel this appointment\?<\/h1>/);
	assert.match(ask.text, /Nothing has changed yet/);
	assert.match(ask.text, /freed for someone else/);
	assert.match(ask.text, /text message \(SMS\)/);
	const date = /<dt>Date<\/dt><dd>([^<]+)</.exec(view.text)[1];
	const time = /<dt>Time<\/dt><dd><span dir="ltr">(\d\d:\d\d)</.exec(view.text)[1];
	assert.equal(time, '15:00');
	assert.ok(ask.text.includes(`<dd>${date}</dd>`), 'the date');
	assert.match(ask.text, /<span dir="ltr">15:00<\/span>/, 'the time');
	assert.match(ask.text, new RegExp(`Site ${S.site}`), 'the office');
	assert.match(ask.text, /name="confirm" value="1"/);
	assert.match(ask.text, /Yes, cancel the appointment/);
	assert.match(ask.text, new RegExp(`<a class="btn" href="/book/manage/${ref}">No, keep it</a>`));
	assert.equal(status(), 'booked', 'not cancelled by the first press');
	assert.equal(booked(slot), seats, 'the seat is still taken');
	assert.equal(sms(), 0, 'no SMS yet');
	// The same question by GET (a link, the language switcher), in French.
	const fr = await get(PUBLIC, `/book/manage/${ref}/cancel?lang=fr`, { jar });
	assert.equal(fr.status, 200);
	assert.match(fr.text, /Annuler ce rendez-vous \?/);
	assert.match(fr.text, /Oui, annuler le rendez-vous/);
	assert.equal(status(), 'booked');
	// An answer that is not 1 is refused, nothing changes.
	const bad = await post(PUBLIC, form[1], { csrf: csrfOf(ask.text), confirm: 2 },
		{ jar, headers: origin });
	assert.equal(bad.status, 400);
	assert.equal(status(), 'booked');
	// Without the token, the confirming POST is refused.
	const nocsrf = await post(PUBLIC, form[1], { confirm: 1 }, { jar, headers: origin });
	assert.equal(nocsrf.status, 403);
	assert.equal(status(), 'booked');
	// "Yes, cancel".
	const yes = await post(PUBLIC, form[1], { csrf: csrfOf(ask.text), confirm: 1 },
		{ jar, headers: origin });
	assert.equal(yes.status, 303);
	assert.equal(yes.headers.get('location'), `/book/manage/${ref}`);
	assert.equal(status(), 'cancelled');
	assert.equal(booked(slot), seats - 1, 'the seat is free');
	assert.equal(sms(), 1, 'the cancellation SMS is queued');
	const after = await get(PUBLIC, `/book/manage/${ref}?lang=en`, { jar });
	assert.equal(after.status, 200);
	assert.match(after.text, /has been cancelled/);
	assert.match(after.text, /no longer active/);
	assert.doesNotMatch(after.text, /<svg/, 'no QR code');
	assert.doesNotMatch(after.text, /Passport|Documents to bring|class="docs"/, 'no documents');
	assert.doesNotMatch(after.text, /\/cancel"/, 'no cancel button');
	const again = await get(PUBLIC, `/book/manage/${ref}/cancel`, { jar });
	assert.equal(again.status, 303, 'no question any more');
});

test('manage: reschedule takes the new seat and frees the old one', async () => {
	const from = slotAt(day, '14:00');
	const p = person();
	const jar = new CookieJar();
	const c = await confirm(from, p, jar);
	assert.equal(c.status, 303);
	const ref = c.headers.get('location').split('/').pop();
	const d2 = localDay(5);
	const cal = weigh('move-calendar', await get(PUBLIC,
		`/book/manage/${ref}/day?month=${d2.slice(0, 7)}`, { jar }));
	assert.equal(cal.status, 200);
	assert.match(cal.text, new RegExp(`/book/manage/${ref}/slot\\?day=${d2}"`));
	const slots = weigh('move-slots', await get(PUBLIC, `/book/manage/${ref}/slot?day=${d2}`, { jar }));
	assert.equal(slots.status, 200);
	const to = slotAt(d2, '09:00');
	assert.match(slots.text, new RegExp(`name="slot" value="${to}"`));
	const oldSeats = booked(from);
	const newSeats = booked(to);
	// Issue 13.2: the pages of the move show the current day and time;
	// a tap on a time only asks "from ... to ...".
	const current = (t) => /<dt>Your appointment now<\/dt><dd><strong>([^<]+), <span dir="ltr">(\d\d:\d\d)<\/span>/.exec(t)?.slice(1);
	assert.equal(current(cal.text)?.[1], '14:00', 'the calendar shows the current time');
	assert.equal(current(slots.text)?.[1], '14:00', 'the times show the current time');
	assert.equal(current(slots.text)[0], current(cal.text)[0]);
	// Its own time is shown, not offered; posting it moves nothing.
	const own = await get(PUBLIC, `/book/manage/${ref}/slot?day=${day}`, { jar });
	assert.equal(own.status, 200);
	assert.doesNotMatch(own.text, new RegExp(`name="slot" value="${from}"`));
	assert.match(own.text, /<span class="t" dir="ltr">14:00<\/span> <span class="st">your appointment<\/span>/);
	const same = await post(PUBLIC, `/book/manage/${ref}/move`,
		{ csrf: csrfOf(own.text), slot: from, confirm: 1 }, { jar, headers: origin });
	assert.equal(same.status, 422);
	assert.match(same.text, /already at this time/);
	assert.equal(booked(from), oldSeats);
	const ask = weigh('move-ask', await post(PUBLIC, `/book/manage/${ref}/move`,
		{ csrf: csrfOf(slots.text), slot: to }, { jar, headers: origin }));
	assert.equal(ask.status, 200);
	assert.match(ask.text, /<h1>Move your appointment\?<\/h1>/);
	assert.match(ask.text, /Nothing has changed yet/);
	assert.ok(ask.text.includes(`<dt>Current day and time</dt><dd><del>${current(cal.text)[0]}, <span dir="ltr">14:00</span></del>`), 'from');
	assert.match(ask.text, /<dt>New day and time<\/dt><dd><strong>[^<]+, <span dir="ltr">09:00<\/span><\/strong>/, 'to');
	assert.match(ask.text, new RegExp(`name="slot" value="${to}"`));
	assert.match(ask.text, /name="confirm" value="1"/);
	assert.match(ask.text, /freed for someone else/);
	assert.match(ask.text, /text message \(SMS\)/);
	assert.match(ask.text, new RegExp(`href="/book/manage/${ref}/slot\\?day=${d2}">Choose another time`));
	assert.match(ask.text, new RegExp(`href="/book/manage/${ref}">Keep my current time`));
	assert.equal(booked(from), oldSeats, 'the first tap moves nothing');
	assert.equal(booked(to), newSeats);
	assert.equal(Number(sql(`SELECT slot_id FROM appointment WHERE reference = '${ref}'`)[0][0]), from);
	const mv = await post(PUBLIC, `/book/manage/${ref}/move`,
		{ csrf: csrfOf(ask.text), slot: to, confirm: 1 }, { jar, headers: origin });
	assert.equal(mv.status, 303);
	assert.equal(booked(from), oldSeats - 1);
	assert.equal(booked(to), newSeats + 1);
	assert.equal(Number(sql(`SELECT slot_id FROM appointment WHERE reference = '${ref}'`)[0][0]), to);
	// A full slot: 409, nothing changes.
	const full = slotAt(d2, '10:00');
	sql(`UPDATE slot_quota SET capacity = booked WHERE id = ${full}`);
	const no = await post(PUBLIC, `/book/manage/${ref}/move`,
		{ csrf: csrfOf(slots.text), slot: full, confirm: 1 }, { jar, headers: origin });
	assert.equal(no.status, 409);
	assert.match(no.text, /has not changed/);
	assert.equal(Number(sql(`SELECT slot_id FROM appointment WHERE reference = '${ref}'`)[0][0]), to);
	sql(`UPDATE slot_quota SET capacity = 2 WHERE id = ${full}`);
	// A slot of another site is refused.
	const other = await post(PUBLIC, `/book/manage/${ref}/move`,
		{ csrf: csrfOf(slots.text), slot: 987654321 }, { jar, headers: origin });
	assert.equal(other.status, 422);
	const otherYes = await post(PUBLIC, `/book/manage/${ref}/move`,
		{ csrf: csrfOf(slots.text), slot: 987654321, confirm: 1 }, { jar, headers: origin });
	assert.equal(otherYes.status, 422);
	// After the move, the booking page and the move pages show the new time.
	const after = await get(PUBLIC, `/book/manage/${ref}/day?month=${d2.slice(0, 7)}`, { jar });
	assert.equal(current(after.text)?.[1], '09:00');
});

// Seen at 15:00 in Paris: the day's last time was booked, the earlier
// ones had passed, and the move's calendar offered that day with "1
// free" (the booking's own time, with a seat left) leading to a page
// with no time to move to.
test('manage: the move calendar does not count the booking\'s own time as a free place', async () => {
	const d6 = localDay(6);
	const made = await get(PUBLIC, `/book/day?${q()}&month=${d6.slice(0, 7)}`);
	assert.equal(made.status, 200);
	const own = slotAt(d6, '14:00');
	assert.ok(own, 'the day has a 14:00 time');
	// Every other web time of that day is full; 14:00 keeps 2 seats.
	sql(`UPDATE slot_quota SET capacity = booked WHERE site_id = ${S.siteId}
		AND level_id = ${S.levels.regular} AND channel = 'web'
		AND local_day = '${d6}' AND id <> ${own}`);
	try {
		const jar = new CookieJar();
		const c = await confirm(own, person(), jar);
		assert.equal(c.status, 303);
		const ref = c.headers.get('location').split('/').pop();
		assert.equal(booked(own), 1, 'one seat of two is taken');
		// A new applicant still sees the seat left at 14:00 ...
		const other = await get(PUBLIC, `/book/day?${q()}&month=${d6.slice(0, 7)}`);
		assert.match(other.text, new RegExp(`slot\\?[^"]*day=${d6}"`), 'open for others');
		// ... the applicant moving sees no place on that day.
		const cal = await get(PUBLIC, `/book/manage/${ref}/day?month=${d6.slice(0, 7)}`, { jar });
		assert.equal(cal.status, 200);
		assert.doesNotMatch(cal.text, new RegExp(`/book/manage/${ref}/slot\\?day=${d6}"`),
			'the day is no link for the move');
		const times = await get(PUBLIC, `/book/manage/${ref}/slot?day=${d6}`, { jar });
		assert.equal(times.status, 200);
		assert.doesNotMatch(times.text, /name="slot"/, 'no time to move to');
		assert.match(times.text, /<p class="flash">There is no free time on this day/);
	} finally {
		sql(`UPDATE slot_quota SET capacity = 2 WHERE site_id = ${S.siteId}
			AND level_id = ${S.levels.regular} AND channel = 'web'
			AND local_day = '${d6}'`);
	}
});

test('clear pages, never a 500: past day, closed day, unknown choices and references', async () => {
	const past = weigh('past', await get(PUBLIC, `/book/slot?${q()}&day=2020-01-06`));
	assert.equal(past.status, 422);
	assert.match(past.text, /This day has passed/);
	const closed = await get(PUBLIC, `/book/slot?${q()}&day=${closedDay}`);
	assert.equal(closed.status, 422);
	assert.match(closed.text, /office is closed on this day/);
	const far = await get(PUBLIC, `/book/slot?${q()}&day=${localDay(400)}`);
	assert.equal(far.status, 422);
	const unknown = weigh('unknown', await get(PUBLIC, '/book/service?site=987654321'));
	assert.equal(unknown.status, 404);
	assert.match(unknown.text, /does not exist/);
	const extreme = await get(PUBLIC, `/book/day?site=${S.siteId}&service=${S.serviceId}&level=${S.levels.extreme}`);
	assert.equal(extreme.status, 404, 'a non-public level is not offered');
	for (const path of ['/book/service?site=abc', '/book/day?site=1&service=x',
		`/book/slot?${q()}&day=2025-02-30`, `/book/details?${q()}&slot=987654321`,
		`/book/day?${q()}&month=1999-99`, '/book/manage?ref=%FF',
		'/book/manage/ZZZZ9999', '/book/manage/zz/day', '/book/manage/ZZZZ9999/slot?day=x']) {
		const r = await get(PUBLIC, path);
		assert.ok(r.status < 500, `${path}: ${r.status}`);
	}
	const ref = await get(PUBLIC, '/book/manage/ZZZZ9999');
	assert.equal(ref.status, 303);
	// Booking a past slot directly: refused with alternatives.
	const old = sql(`INSERT INTO slot_quota (site_id, level_id, channel, start_utc,
		local_day, local_time, capacity) VALUES (${S.siteId}, ${S.levels.regular},
		'web', '2021-03-01 08:00:00', '2021-03-01', '09:00:00', 4);
		SELECT LAST_INSERT_ID()`);
	const pastSlot = Number(old[0][0]);
	const d = await get(PUBLIC, `/book/details?${q()}&slot=${pastSlot}`);
	assert.equal(d.status, 422);
	assert.match(d.text, /This day has passed/);
});

test('manage searches are limited per client address', async () => {
	sql(`INSERT INTO rate_hit (bucket, hit_key, at)
		SELECT 'book_manage', '127.0.0.1', UTC_TIMESTAMP(6) FROM seq_1_to_20`);
	try {
		const jar = new CookieJar();
		const form = await get(PUBLIC, '/book/manage', { jar });
		const r = await post(PUBLIC, '/book/manage', { csrf: csrfOf(form.text),
			ref: 'ABCD2345', phone: freshPhone() }, { jar, headers: origin });
		assert.equal(r.status, 429);
		assert.match(r.text, /try again after <strong dir="ltr">\d\d:\d\d/);
	} finally {
		sql("DELETE FROM rate_hit WHERE bucket = 'book_manage'");
	}
});

test('every language of the public pages; a POST without the token is refused', async () => {
	for (const [lang, dir, word] of [['fr', 'ltr', 'Choisissez'], ['ar', 'rtl', 'اختر'],
		['es', 'ltr', 'Elija'], ['ht', 'ltr', 'Chwazi'], ['en', 'ltr', 'Choose']]) {
		const r = await get(PUBLIC, `/book/day?${q()}&lang=${lang}`);
		assert.equal(r.status, 200);
		assert.deepEqual(htmlLangDir(r.text), { lang, dir });
		assert.match(r.text, new RegExp(word));
		// The language links keep the booking's state.
		assert.match(r.text, new RegExp(`href="/book/day\\?site=${S.siteId}&amp;service=`));
	}
	const r = await post(PUBLIC, '/book/confirm', { site: S.siteId },
		{ headers: origin });
	assert.equal(r.status, 403);
	// The intranet offers only the agents' languages (Site.AgentLanguages).
	const langs = (t) => [...t.matchAll(/hreflang="([a-z]+)"/g)].map((m) => m[1]);
	assert.deepEqual(langs((await get(PUBLIC, '/book')).text), ['en', 'fr', 'ar', 'es', 'ht']);
	assert.deepEqual(langs((await get(INTRANET, '/login')).text), ['en', 'fr', 'ar']);
	const es = await get(INTRANET, '/login?lang=es');
	assert.equal(htmlLangDir(es.text).lang, 'en', 'es is not an agents\' language');
});

test('page weights: every public page under 30 KB', () => {
	assert.ok(weights.size >= 12, `pages weighed: ${[...weights.keys()]}`);
	for (const [name, bytes] of weights) {
		console.log(`# weight ${name}: ${bytes} bytes`);
		assert.ok(bytes < BUDGET, `${name}: ${bytes} bytes`);
	}
});

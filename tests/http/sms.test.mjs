// tests/http/sms.test.mjs: SMS notifications through the real Kannel
// (bearerbox + smsbox) and its fake SMSC, which contrib/dev starts with
// havre-notify: a booking's confirmation arrives in the booking's
// language; delivery reports mark it delivered (shown in the day list);
// replies confirm or cancel; forged callbacks change nothing; a gateway
// outage during a burst of bookings loses and duplicates nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
	CONFIG, INTRANET, LOG_DIR, PUBLIC, csrfOf, dev, get, login, makeAgent,
	post, sql, waitFor,
} from './lib.mjs';
import { received, shownRef } from './sms-fixture.mjs';

// --- helpers ---

// A Notify.* value of the stack's configuration.
function notifyConf(key) {
	const text = readFileSync(CONFIG, 'utf8');
	const block = /^Notify \{\n([\s\S]*?)\n\}/m.exec(text)?.[1] ?? '';
	return new RegExp(`^\\s*${key} = (.*)$`, 'm').exec(block)?.[1];
}

const to = (phone) => received().filter((m) => m.to === phone);

// A fresh E.164 number for this run.
let seq = 0;
function phone() {
	seq++;
	return `+509${String(process.pid % 10000).padStart(4, '0')}${String(
		Math.floor(Math.random() * 90) + 10)}${String(seq).padStart(2, '0')}`;
}

// --- fixtures: a site, a service with documents, call-centre slots ---

const tag = `s${process.pid}${Math.floor(Math.random() * 1e4)}`.slice(0, 20);
let site, service, slot, slotDay, agent;

test('set-up: a site, a service, a slot and a call-centre agent', async () => {
	sql(`INSERT INTO site (code, name, time_zone, address, phone_country_code)
		VALUES ('${tag}', 'Centre ${tag}', 'America/Port-au-Prince',
		'12 Rue Capois', '509')`);
	site = sql(`SELECT id FROM site WHERE code = '${tag}'`)[0][0];
	sql(`INSERT INTO service (code, duration_minutes, needs_document)
		VALUES ('${tag}', 20, 0)`);
	service = sql(`SELECT id FROM service WHERE code = '${tag}'`)[0][0];
	sql(`INSERT INTO service_text (service_id, lang, name, documents) VALUES
		(${service}, 'en', 'Passport', 'Birth certificate\\nTwo photos'),
		(${service}, 'fr', 'Passeport', 'Acte de naissance\\nDeux photos'),
		(${service}, 'ar', 'جواز السفر', 'شهادة الميلاد\\nصورتان')`);
	sql(`INSERT INTO service_offer (service_id, level_id, channel)
		SELECT ${service}, id, 'callcentre' FROM service_level
		WHERE code = 'regular'`);
	// A slot in ten days at 09:00 in Port-au-Prince (14:00 UTC).
	slotDay = sql(`SELECT DATE_FORMAT(UTC_DATE() + INTERVAL 10 DAY,
		'%Y-%m-%d')`)[0][0];
	sql(`INSERT INTO slot_quota (site_id, level_id, channel, start_utc,
		local_day, local_time, capacity) SELECT ${site}, id, 'callcentre',
		'${slotDay} 14:00:00', '${slotDay}', '09:00:00', 40
		FROM service_level WHERE code = 'regular'`);
	slot = sql(`SELECT id FROM slot_quota WHERE site_id = ${site}`)[0][0];
	const a = makeAgent('smscc', ['call_centre']);
	agent = (await login(a.username, a.password)).jar;
	assert.ok(agent.get !== undefined);
});

// Book through the call-centre page; returns {id, reference}.
async function book(p, lang, family = 'Haddad') {
	const page = await get(INTRANET,
		`/appointments/callcentre?site=${site}&day=${slotDay}`, { jar: agent });
	assert.equal(page.status, 200);
	const r = await post(INTRANET, '/appointments/callcentre/book', {
		csrf: csrfOf(page.text), site, day: slotDay, slot, service,
		family_name: family, given_names: 'Leila', phone: p,
		document_number: '', lang, notes: '',
	}, { jar: agent, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, `booking refused: ${r.text.slice(0, 300)}`);
	const row = sql(`SELECT id, reference FROM appointment
		WHERE phone = '${p}' ORDER BY id DESC LIMIT 1`)[0];
	return { id: row[0], reference: row[1] };
}

const outbox = (id) => sql(`SELECT event, status, dlr_status, coding
	FROM outbox_message WHERE entity = 'appointment' AND entity_id = ${id}
	ORDER BY id`);

const seats = () => Number(sql(`SELECT booked FROM slot_quota
	WHERE id = ${slot}`)[0][0]);

let arPhone, arBooking, frPhone, frBooking;

test('Kannel\'s store and logs, which hold the callback secret, are private to the service', async () => {
	const store = join(dirname(CONFIG), 'kannel', 'store');
	assert.equal(statSync(store).mode & 0o777, 0o700, 'the store folder is 0700');
	const files = readdirSync(store).map((f) => join(store, f))
		.concat(readdirSync(LOG_DIR).filter((f) => /^(bearerbox|smsbox)\./.test(f))
			.map((f) => join(LOG_DIR, f)));
	assert.ok(files.some((f) => /kannel\.store$/.test(f)), 'the store exists');
	for (const f of files)
		assert.equal(statSync(f).mode & 0o077, 0, `${f} is readable by its owner only`);
});

test('an Arabic booking\'s confirmation arrives as UCS-2 with its details', async () => {
	arPhone = phone();
	arBooking = await book(arPhone, 'ar');
	const m = await waitFor(() => to(arPhone)[0], 15000);
	assert.ok(m, 'nothing arrived at the fake SMSC');
	assert.equal(m.ucs2, true);
	assert.match(m.text, /تم حجز موعدك/);
	assert.ok(m.text.includes(shownRef(arBooking.reference)), m.text);
	// 14:00 UTC is 09:00 in Port-au-Prince.
	assert.ok(m.text.includes('09:00'), m.text);
	assert.ok(m.text.includes('12 Rue Capois'), m.text);
	assert.ok(m.text.includes('شهادة الميلاد'), m.text);
	assert.equal(to(arPhone).length, 1);
});

test('a French booking\'s confirmation arrives in French (GSM-7)', async () => {
	frPhone = phone();
	frBooking = await book(frPhone, 'fr', 'Joseph');
	const m = await waitFor(() => to(frPhone)[0], 15000);
	assert.ok(m, 'nothing arrived');
	assert.equal(m.ucs2, false);
	assert.match(m.text, /Rendez-vous réservé/);
	assert.ok(m.text.includes(shownRef(frBooking.reference)), m.text);
	assert.ok(m.text.includes('Acte de naissance, Deux photos'), m.text);
	assert.equal(outbox(frBooking.id)[0][3], '1');
});

test('delivery reports mark the message delivered; the day list shows it', async () => {
	const st = await waitFor(() => outbox(arBooking.id)[0]?.[1] === 'delivered',
		15000);
	assert.ok(st, `status ${JSON.stringify(outbox(arBooking.id))}`);
	assert.equal(outbox(arBooking.id)[0][2], '1');
	const day = await get(INTRANET,
		`/appointments/day?site=${site}&day=${slotDay}`, { jar: agent });
	assert.equal(day.status, 200);
	// The day list prints references as the applicant reads them (XXXX-XXXX).
	const printed = arBooking.reference.replace(/^([0-9A-Z]{4})-?([0-9A-Z]{4})$/, '$1-$2');
	const row = day.text.split('<tr').find((r) => r.includes(printed));
	assert.ok(row, 'booking not in the day list');
	assert.match(row, /class="sms-status">delivered</);
});

test('a forged delivery report or reply changes nothing', async () => {
	const before = outbox(frBooking.id);
	const booked = seats();
	for (const q of [`id=${'1'}&st=2`, `id=1&st=2&k=wrong`,
		`id=1&st=2&k=${notifyConf('Secret')}x`]) {
		const r = await get(PUBLIC, `/book/sms/dlr?${q}`);
		assert.equal(r.status, 403, q);
	}
	const mo = await get(PUBLIC, `/book/sms/mo?from=${encodeURIComponent(frPhone)}&text=ANNULER`);
	assert.equal(mo.status, 403);
	const mo2 = await get(PUBLIC, `/book/sms/mo?k=nope&from=${encodeURIComponent(frPhone)}&text=ANNULER`);
	assert.equal(mo2.status, 403);
	// An unknown message id with the right secret: ignored.
	const unk = await get(PUBLIC,
		`/book/sms/dlr?id=987654321&st=2&k=${notifyConf('Secret')}`);
	assert.equal(unk.status, 200);
	assert.deepEqual(outbox(frBooking.id), before);
	assert.equal(sql(`SELECT status FROM appointment WHERE id = ${frBooking.id}`)[0][0],
		'booked');
	assert.equal(seats(), booked);
	// Nor is the agents' vhost a way in.
	const intra = await get(INTRANET, `/book/sms/dlr?id=1&st=2&k=${notifyConf('Secret')}`);
	assert.notEqual(intra.status, 200);
});

test('a reply from an unknown number is ignored', async () => {
	const n = Number(sql('SELECT COUNT(*) FROM sms_inbound')[0][0]);
	const r = await get(PUBLIC, `/book/sms/mo?k=${notifyConf('Secret')}` +
		`&from=${encodeURIComponent('+50900000001')}&to=12345&text=ANNULER`);
	assert.equal(r.status, 200);
	assert.equal(r.text, '');
	assert.equal(Number(sql('SELECT COUNT(*) FROM sms_inbound')[0][0]), n);
});

test('a reply "OK" through Kannel confirms the booking and is answered', async () => {
	const before = to(frPhone).length;
	dev('sms-mo', frPhone, '12345', 'OK');
	const ok = await waitFor(() => sql(`SELECT status FROM appointment
		WHERE id = ${frBooking.id}`)[0][0] === 'confirmed', 15000);
	assert.ok(ok, 'not confirmed');
	const reply = await waitFor(() => to(frPhone).slice(before)
		.find((m) => /confirmé/.test(m.text)), 10000);
	assert.ok(reply, 'no confirmation reply');
	assert.ok(reply.text.includes(shownRef(frBooking.reference)));
});

test('another text gets the help message in the booking\'s language (Arabic: UCS-2)', async () => {
	const before = to(arPhone).length;
	dev('sms-mo', arPhone, '12345', 'ماذا');
	const help = await waitFor(() => to(arPhone).slice(before)
		.find((m) => m.text.includes('لتأكيد موعدك')), 10000);
	assert.ok(help, 'no help reply');
	assert.equal(help.ucs2, true);
	assert.equal(sql(`SELECT status FROM appointment WHERE id = ${arBooking.id}`)[0][0],
		'booked');
});

test('a reply "ANNULER" cancels the booking, frees the seat, sends the cancellation', async () => {
	const booked = seats();
	const before = to(frPhone).length;
	dev('sms-mo', frPhone, '12345', 'annuler');
	const cancelled = await waitFor(() => sql(`SELECT status FROM appointment
		WHERE id = ${frBooking.id}`)[0][0] === 'cancelled', 15000);
	assert.ok(cancelled, 'not cancelled');
	assert.equal(seats(), booked - 1);
	const m = await waitFor(() => to(frPhone).slice(before)
		.find((x) => /annulé/.test(x.text)), 15000);
	assert.ok(m, 'no cancellation SMS');
	assert.deepEqual(outbox(frBooking.id).map((r) => r[0]),
		['confirmation', 'cancellation']);
});

test('gateway down during a burst: every message arrives exactly once', async () => {
	dev('kannel-stop');
	const phones = [];
	const bookings = [];
	try {
		for (let i = 0; i < 8; i++) {
			const p = phone();
			phones.push(p);
			bookings.push(await book(p, i % 2 ? 'en' : 'ar', `Burst${i}`));
		}
		// havre-notify fails to reach the gateway and backs off.
		const retried = await waitFor(() => Number(sql(`SELECT COUNT(*)
			FROM outbox_message WHERE entity = 'appointment' AND entity_id IN
			(${bookings.map((b) => b.id).join(',')}) AND status = 'queued'
			AND attempts >= 1 AND last_error IS NOT NULL`)[0][0]) >= 1, 15000);
		assert.ok(retried, 'no failed attempt recorded while the gateway was down');
		for (const p of phones)
			assert.equal(to(p).length, 0);
	} finally {
		dev('kannel-start');
	}
	const all = await waitFor(() => phones.every((p) => to(p).length >= 1), 40000);
	assert.ok(all, `missing: ${phones.filter((p) => to(p).length === 0)}`);
	// Let late duplicates show up if there were any.
	await new Promise((r) => setTimeout(r, 2000));
	for (const p of phones)
		assert.equal(to(p).length, 1, `${p} received ${to(p).length}`);
	for (const b of bookings) {
		const rows = outbox(b.id);
		assert.equal(rows.length, 1);
		assert.ok(['sent', 'delivered'].includes(rows[0][1]), rows[0][1]);
	}
	const delivered = await waitFor(() => bookings.every((b) =>
		outbox(b.id)[0][1] === 'delivered'), 15000);
	assert.ok(delivered, 'delivery reports missing after the restart');
});

test('message templates: segment counts, versioned saves, stale save refused', async () => {
	const s = makeAgent('smssup', ['supervisor']);
	const { jar } = await login(s.username, s.password);
	const list = await get(INTRANET, '/notify/templates', { jar });
	assert.equal(list.status, 200);
	assert.match(list.text, /Booking confirmation/);
	const id = sql(`SELECT id FROM message_template WHERE event = 'document_ready'
		AND lang = 'ht'`)[0][0];
	const form = await get(INTRANET, `/notify/templates/${id}`, { jar });
	assert.equal(form.status, 200);
	// The Creole text is GSM-7 and fits in one SMS.
	assert.match(form.text, /class="segments">[^<]*<strong>1<\/strong> \(GSM-7/);
	const version = /name="version" value="(\d+)"/.exec(form.text)[1];
	const body = 'Dokiman w pare ({reference}). Vin chèche l nan {site}, {address}.';
	const saved = await post(INTRANET, `/notify/templates/${id}`,
		{ csrf: csrfOf(form.text), body, version },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(saved.status, 303);
	const row = sql(`SELECT body, version FROM message_template WHERE id = ${id}`)[0];
	assert.equal(row[0], body);
	assert.equal(Number(row[1]), Number(version) + 1);
	assert.equal(sql(`SELECT COUNT(*) FROM message_template_history
		WHERE template_id = ${id} AND version = ${version}`)[0][0], '1');
	// The same old version again: refused, both texts shown.
	const stale = await post(INTRANET, `/notify/templates/${id}`,
		{ csrf: csrfOf(form.text), body: 'نص آخر {reference}', version },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(stale.status, 409);
	assert.ok(stale.text.includes('Vin chèche l nan'));
	assert.ok(stale.text.includes('نص آخر'));
	// Arabic text: counted as UCS-2 on the re-rendered form.
	assert.match(stale.text, /Unicode/);
	assert.equal(sql(`SELECT body FROM message_template WHERE id = ${id}`)[0][0], body);
	// A misspelt placeholder would reach applicants as written: refused,
	// named, the text kept, nothing saved.
	const fresh = await get(INTRANET, `/notify/templates/${id}`, { jar });
	const typo = await post(INTRANET, `/notify/templates/${id}`,
		{ csrf: csrfOf(fresh.text), body: 'Dokiman w pare ({reference}) nan {adress}.',
			version: /name="version" value="(\d+)"/.exec(fresh.text)[1] },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(typo.status, 422);
	assert.match(typo.text, /placeholder that messages never fill/);
	assert.match(typo.text, /<code dir="ltr">\{adress\}<\/code>/);
	assert.match(typo.text, /nan \{adress\}\.<\/textarea>/, 'the text is kept');
	assert.equal(sql(`SELECT body FROM message_template WHERE id = ${id}`)[0][0], body);
	// Agents without the permission are refused.
	const a = makeAgent('smsnope', ['reception']);
	const other = await login(a.username, a.password);
	assert.equal((await get(INTRANET, '/notify/templates', { jar: other.jar })).status, 403);
});

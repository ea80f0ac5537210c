// tests/http/registration-interview.test.mjs: the interview appointment
// proposed on a registration's receipt and booked through the booking
// library (havre-registration interview.c, issue 16 item 5). A household
// is saved; its receipt proposes the earliest free time of the chosen
// interview site from the site's next day on (whatever the hour the
// suite runs at); the registrar books it: one appointment at the site,
// for the interview service and level, on the call-centre seats, linked
// to the dossier and the principal person, the seat counted, the
// timeline and audit events written; the receipt then shows the date,
// time, site and reference in both its languages; the confirmation SMS
// reaches Kannel's fake SMSC with the date, time, site and documents to
// bring. A retried submit books nothing more; a full slot and a time of
// another site are refused with nothing changed.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	INTRANET, csrfOf, get, login, makeAgent, post, sql, uniqueName, waitFor,
} from './lib.mjs';
import { makeSite } from './appointments-fixture.mjs';
import { received, shownRef } from './sms-fixture.mjs';

const ZONE = 'America/Port-au-Prince';
const tag = uniqueName('Ri').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);
let seq = 0;
function letters() {
	seq++;
	return `${tag}${'abcdefghij'[seq % 10]}`;
}

// A fresh Haitian mobile number (8 digits after 509) for this run.
let phoneSeq = Math.floor(Math.random() * 1000);
function freshPhone() {
	phoneSeq = (phoneSeq + 1) % 1000;
	return `+5093${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(3, '0')}`;
}

function textOf(html) {
	return html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/\s+/g, ' ');
}

async function session(agent) {
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, '/registration', { jar });
	assert.equal(page.status, 200);
	return { jar, csrf: csrfOf(page.text) };
}

function send(s, path, fields) {
	return post(INTRANET, path, { csrf: s.csrf, ...fields },
		{ jar: s.jar, headers: { Origin: INTRANET } });
}

// A one-person household saved by a fresh registrar: {s, draft,
// dossier, person, phone, family}.
async function savedHousehold(over = {}) {
	const s = await session(makeAgent('rgiv', ['registrar']));
	let r = await send(s, '/registration/start', {});
	assert.equal(r.status, 303);
	const family = `Joseph${letters()}`;
	const phone = over.phone ?? freshPhone();
	r = await send(s, '/registration/member/1', { family_name: family,
		given_names: 'Marie', sex: 'F', birth: '1989-06-21', nationality: 'HTI',
		languages: 'Haitian Creole, French', phone, address: '12 rue du Port',
		leaflet: 'rights_procedure', leaflet_lang: 'fr', consent: '1', ...over });
	assert.equal(r.status, 303, textOf(r.text).slice(0, 400));
	if (/\/match$/.test(r.headers.get('location'))) {
		const d = await send(s, '/registration/member/1/match', { choice: 'create' });
		assert.equal(d.status, 303);
	}
	const sm = await get(INTRANET, '/registration/summary', { jar: s.jar });
	assert.equal(sm.status, 200);
	const draft = /name="draft" value="(\d+)"/.exec(sm.text)[1];
	const proposed = /<option value="([a-z_]+)" selected>/.exec(sm.text)[1];
	r = await send(s, '/registration/save', { draft, procedure: proposed, reason: '' });
	assert.equal(r.status, 303, textOf(r.text).slice(0, 400));
	const dossier = sql(`SELECT dossier_id FROM registration_draft WHERE id = ${draft}`)[0][0];
	const person = sql(`SELECT person_id FROM dossier_person WHERE dossier_id = ${dossier}
		AND role = 'principal'`)[0][0];
	return { s, draft, dossier, person, phone, family };
}

let S;	// the interview site: {siteId, site, serviceId, levelId}
// The site's next local day (its zone's date, not UTC's: between 00:00
// and 05:00 UTC they differ).
function siteTomorrow() {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE,
		year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
	const [y, m, d] = today.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
const TOMORROW = siteTomorrow();

// The receipt at site S: {r, text, times: [{id, when}], checked}.
async function receipt(h, extra = '') {
	const r = await get(INTRANET, `/registration/receipt/${h.draft}?site=${S.siteId}${extra}`,
		{ jar: h.s.jar });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	const times = [...r.text.matchAll(/<input type="radio" name="slot" id="f-slot-(\d+)" value="\d+"( checked)?>\s*<label[^>]*><span dir="ltr">([0-9-]+ [0-9:]+)<\/span>/g)]
		.map((m) => ({ id: m[1], when: m[3], checked: Boolean(m[2]) }));
	return { r, text: textOf(r.text), times };
}

const seats = (slot) => Number(sql(`SELECT booked FROM slot_quota WHERE id = ${slot}`)[0][0]);
const sent = (phone) => received().filter((x) => x.to === phone);

function snapshot(h) {
	return JSON.stringify(sql(`SELECT
		(SELECT COUNT(*) FROM appointment WHERE site_id = ${S.siteId}),
		(SELECT COALESCE(SUM(booked), 0) FROM slot_quota WHERE site_id = ${S.siteId}),
		(SELECT COUNT(*) FROM dossier_appointment WHERE dossier_id = ${h.dossier}),
		(SELECT COUNT(*) FROM person_appointment WHERE person_id = ${h.person}),
		(SELECT COUNT(*) FROM dossier_event WHERE dossier_id = ${h.dossier}),
		(SELECT COUNT(*) FROM audit_event WHERE entity = 'dossier'
			AND entity_id = '${h.dossier}'),
		(SELECT COUNT(*) FROM outbox_message WHERE to_addr = '${h.phone}')`));
}

before(() => {
	// An interview site in Haiti's zone: call-centre seats at 09:00 and
	// 14:00 every day (one each; the other channels none), its own
	// interview service with documents to bring in French and English;
	// open every day and every hour of the day listed, so the proposal
	// (from the site's next day) never depends on the hour.
	const site = makeSite({ zone: ZONE, cc: '509', hours: ['07:00', '19:00'],
		times: [9, 14], capacity: { callcentre: 1 } });
	const code = uniqueName('riv').toLowerCase().slice(0, 30);
	sql(`INSERT INTO service (code, duration_minutes) VALUES ('${code}', 60);
		SET @v = LAST_INSERT_ID();
		INSERT INTO service_text (service_id, lang, name, documents) VALUES
		(@v, 'en', 'Interview ${code}', 'Passport\\nRegistration receipt'),
		(@v, 'fr', 'Entretien ${code}', 'Passeport\\nRécépissé d''enregistrement');
		INSERT INTO interview_site (site_id, service_id, level_id)
		VALUES (${site.siteId}, @v, ${site.levels.regular})`);
	S = { siteId: site.siteId, site: site.site, levelId: site.levels.regular,
		serviceId: Number(sql(`SELECT id FROM service WHERE code = '${code}'`)[0][0]) };
});

test('the receipt proposes the interview, the registrar books it: appointment, seat, links, receipt, SMS with date, time and place', async () => {
	const h = await savedHousehold();
	let rc = await receipt(h);
	// Before booking, the printed sections say the date will follow.
	assert.match(rc.text, /La date de votre entretien vous sera envoyée par SMS/);
	assert.match(rc.r.text, /id="interview-h"/);
	assert.ok(rc.text.includes(h.phone), 'the phone the SMS goes to');
	// The proposal: the site's next day at 09:00 (then 14:00, the day
	// after ...), the first one selected.
	assert.ok(rc.times.length >= 2, JSON.stringify(rc.times));
	assert.equal(rc.times[0].when, `${TOMORROW} 09:00`);
	assert.ok(rc.times[0].checked, 'the first time is the proposal');
	assert.equal(rc.times[1].when, `${TOMORROW} 14:00`);
	assert.ok(rc.times.every((t, i) => i === 0 || !t.checked));
	assert.match(rc.r.text, /<option value="fr" selected>/, 'the SMS in the applicant\'s language');
	const slot = rc.times[0].id;
	assert.equal(seats(slot), 0);
	const smsBefore = sent(h.phone).length;

	let r = await send(h.s, `/registration/receipt/${h.draft}/interview`,
		{ site: S.siteId, slot, lang: 'fr' });
	assert.equal(r.status, 303, textOf(r.text).slice(0, 500));
	assert.equal(r.headers.get('location'), `/registration/receipt/${h.draft}#interview`);

	const rows = sql(`SELECT a.id, a.reference, a.site_id, a.service_id, a.level_id,
		a.channel, a.status, a.phone, a.lang, a.family_name, a.slot_id, pa.person_id
		FROM dossier_appointment da JOIN appointment a ON a.id = da.appointment_id
		JOIN person_appointment pa ON pa.appointment_id = a.id
		WHERE da.dossier_id = ${h.dossier}`);
	assert.equal(rows.length, 1, 'one appointment linked to the dossier and the person');
	const [apptId, ref, site, service, level, channel, status, phone, lang,
		family, slotId, personId] = rows[0];
	assert.deepEqual([Number(site), Number(service), Number(level), channel, status],
		[S.siteId, S.serviceId, S.levelId, 'callcentre', 'booked']);
	assert.deepEqual([phone, lang, family, slotId, personId],
		[h.phone, 'fr', h.family, slot, h.person]);
	assert.equal(seats(slot), 1, 'one seat taken');
	assert.equal(sql(`SELECT COUNT(*) FROM dossier_event WHERE dossier_id = ${h.dossier}
		AND kind = 'interview' AND detail LIKE '%${shownRef(ref)}%${TOMORROW} 09:00%'`)[0][0], '1');
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'appointment'
		AND entity_id = '${apptId}' AND action = 'create'`)[0][0], '1');
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'dossier'
		AND entity_id = '${h.dossier}' AND action = 'interview'`)[0][0], '1');

	// The receipt shows it in both languages (fr the applicant's and the
	// agency's: one section), the booking form gone.
	rc = await receipt(h);
	assert.ok(rc.text.includes(`${TOMORROW} 09:00 ( ${ZONE} )`) ||
		rc.text.includes(`${TOMORROW} 09:00 (${ZONE})`), rc.text);
	assert.ok(rc.text.includes(`Site ${S.site}`), rc.text);
	assert.ok(rc.text.includes(shownRef(ref)), rc.text);
	assert.doesNotMatch(rc.r.text, /id="interview-h"/);
	assert.equal(rc.times.length, 0);
	const en = await receipt(h, '&lang=en');
	assert.match(en.text, /Interview .*09:00/);
	assert.match(en.text, /Entretien .*09:00/);

	// The SMS through the outbox and Kannel: reference, date, time, site,
	// documents to bring in French.
	const got = await waitFor(() => {
		const m = sent(h.phone);
		return m.length > smsBefore ? m.slice(smsBefore) : undefined;
	}, 20000);
	assert.ok(got, `no SMS reached ${h.phone}`);
	const text = got.map((m) => m.text).join(' ');
	assert.ok(text.includes(shownRef(ref)), text);
	assert.ok(text.includes('09:00'), text);
	const [y, mo, d] = TOMORROW.split('-');
	assert.ok(text.includes(`${d}/${mo}/${y}`) || text.includes(TOMORROW), `date: ${text}`);
	assert.ok(text.includes(`Site ${S.site}`), `place: ${text}`);
	assert.ok(text.includes('Passeport'), `documents to bring: ${text}`);

	// A retried submit (the same form posted again) books nothing more.
	const before = snapshot(h);
	r = await send(h.s, `/registration/receipt/${h.draft}/interview`,
		{ site: S.siteId, slot: rc.times[0]?.id ?? slot, lang: 'fr' });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), `/registration/receipt/${h.draft}#interview`);
	assert.equal(snapshot(h), before, 'nothing changed');
});

test('two submits at once book one interview', async () => {
	const h = await savedHousehold();
	const rc = await receipt(h);
	const fields = { site: S.siteId, slot: rc.times[0].id, lang: 'fr' };
	const [a, b] = await Promise.all([
		send(h.s, `/registration/receipt/${h.draft}/interview`, fields),
		send(h.s, `/registration/receipt/${h.draft}/interview`, fields)]);
	assert.deepEqual([a.status, b.status], [303, 303]);
	assert.equal(sql(`SELECT COUNT(*) FROM dossier_appointment WHERE dossier_id = ${h.dossier}`)[0][0], '1');
	assert.equal(sql(`SELECT COUNT(*) FROM outbox_message WHERE to_addr = '${h.phone}'`)[0][0] > 0, true);
});

test('refused with nothing changed: a full slot, a time of another site; another agent cannot book', async () => {
	const h = await savedHousehold();
	const rc = await receipt(h);
	const slot = rc.times[0].id;
	// The slot fills up meanwhile.
	sql(`UPDATE slot_quota SET booked = capacity WHERE id = ${slot}`);
	try {
		const before = snapshot(h);
		let r = await send(h.s, `/registration/receipt/${h.draft}/interview`,
			{ site: S.siteId, slot, lang: 'fr' });
		assert.equal(r.status, 409);
		assert.match(r.text, /id="e-slot">[^<]*vient d’être pris|id="e-slot">[^<]*just been taken/);
		assert.equal(snapshot(h), before);
		// A slot of another site (any other slot id) is not a free time here.
		const other = sql(`SELECT id FROM slot_quota WHERE site_id <> ${S.siteId}
			ORDER BY id DESC LIMIT 1`)[0][0];
		r = await send(h.s, `/registration/receipt/${h.draft}/interview`,
			{ site: S.siteId, slot: other, lang: 'fr' });
		assert.equal(r.status, 422);
		assert.match(r.text, /id="e-slot"/);
		assert.equal(snapshot(h), before);
		// Another registrar: not their household.
		const o = await session(makeAgent('rgivo', ['registrar']));
		r = await send(o, `/registration/receipt/${h.draft}/interview`,
			{ site: S.siteId, slot: rc.times[1].id, lang: 'fr' });
		assert.equal(r.status, 404);
		assert.equal(snapshot(h), before);
	} finally {
		sql(`UPDATE slot_quota SET booked = 0 WHERE id = ${slot}`);
	}
});

test('the receipt in Spanish (the applicant\'s language) and French (the agency\'s), and in Haitian Creole; the interview\'s SMS in Spanish', async () => {
	const h = await savedHousehold({ leaflet_lang: 'es' });
	let r = await get(INTRANET, `/registration/receipt/${h.draft}?site=${S.siteId}`, { jar: h.s.jar });
	assert.equal(r.status, 200);
	const es = textOf(/<section class="card" lang="es"[\s\S]*?<\/section>/.exec(r.text)?.[0] ?? '');
	assert.match(es, /Resguardo de su solicitud de asilo/);
	assert.match(es, /Fecha de presentación/);
	assert.match(es, /Procedimiento ordinario/);
	assert.match(es, /La fecha de su entrevista se le enviará por SMS/);
	assert.match(es, /Siga su expediente en la página de seguimiento \(\/status\)/);
	const fr = textOf(/<section class="card" lang="fr"[\s\S]*?<\/section>/.exec(r.text)?.[0] ?? '');
	assert.match(fr, /Récépissé de votre demande d’asile/);
	assert.match(fr, /Procédure normale/);
	assert.match(r.text, /<option value="es" selected>/, 'the SMS in the applicant\'s language');
	r = await get(INTRANET, `/registration/receipt/${h.draft}?lang=ht`, { jar: h.s.jar });
	const ht = textOf(/<section class="card" lang="ht"[\s\S]*?<\/section>/.exec(r.text)?.[0] ?? '');
	assert.match(ht, /Resi demann azil ou/);
	assert.match(ht, /Pwosedi nòmal/);
	assert.match(ht, /N ap voye dat entrevi ou pa SMS/);

	const rc = await receipt(h);
	const before = sent(h.phone).length;
	r = await send(h.s, `/registration/receipt/${h.draft}/interview`,
		{ site: S.siteId, slot: rc.times[0].id, lang: 'es' });
	assert.equal(r.status, 303);
	r = await get(INTRANET, `/registration/receipt/${h.draft}`, { jar: h.s.jar });
	const es2 = textOf(/<section class="card" lang="es"[\s\S]*?<\/section>/.exec(r.text)[0]);
	assert.match(es2, new RegExp(`Entrevista ${rc.times[0].when}`));
	assert.match(es2, /referencia de la cita [2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/);
	const got = await waitFor(() => {
		const m = sent(h.phone);
		return m.length > before ? m.slice(before) : undefined;
	}, 20000);
	assert.ok(got, `no SMS reached ${h.phone}`);
	assert.match(got.map((m) => m.text).join(' '), /Cita reservada/);
});

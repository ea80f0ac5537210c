// tests/http/dossier-interview.test.mjs: the interview appointment of a
// dossier (havre-dossier interview.c, issue 15 item 5). An officer books
// the principal applicant's interview from the dossier through the
// booking library at an interview site (a row of interview_site, made
// here with its own service and quota grid): the appointment has the
// site, the service, the level and the person; the seat count moved by
// one; the confirmation SMS with the documents to bring reaches the fake
// SMSC; the dossier page shows the time in the site's zone, the
// reference XXXX-XXXX and the status, the timeline the booking; the
// dossier moved to interview_scheduled in the same step; the status
// page's query finds it as the next appointment. Refused with a clear
// message and nothing changed: a full slot, a second active interview
// (of the dossier, and of the person through another dossier), a
// dossier changed since the picker was shown; an agent without
// dossier.interview gets 403.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	INTRANET, createPerson, csrfOf, get, login, makeAgent, post, sql,
	uniqueName, waitFor,
} from './lib.mjs';
import { dayFromNow, makeSite } from './appointments-fixture.mjs';
import { received, shownRef } from './sms-fixture.mjs';

const ZONE = 'America/Port-au-Prince';
const DAY = dayFromNow(3);
const DOCS_FR = 'Passeport\nConvocation au guichet 4';
const tag = uniqueName('Iv').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);

let officer;	// {jar, csrf}: case officer (dossier.interview)
let clerk;	// {jar, csrf}: registrar (dossier.view only)
let S;		// the interview site: {siteId, site, serviceId, levelId}

// A fresh E.164 number for this run (Haiti).
let phoneSeq = Math.floor(Math.random() * 1000);
function freshPhone() {
	phoneSeq = (phoneSeq + 1) % 1000;
	return `+5094${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(3, '0')}`;
}

async function session(agent) {
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, '/dossier', { jar });
	assert.equal(page.status, 200, `${agent.username} opens /dossier`);
	return { jar, csrf: csrfOf(page.text) };
}

function send(s, path, fields) {
	return post(INTRANET, path, { csrf: s.csrf, ...fields },
		{ jar: s.jar, headers: { Origin: INTRANET } });
}

// The visible text of a page, tags dropped.
function textOf(html) {
	return html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

// A dossier (regular procedure) for a new person with a phone (given
// one, or a fresh number). Returns {id, person, phone, family}.
async function makeDossier(family, opts = {}) {
	const person = opts.person ?? await createPerson(officer, {
		family_name: `${tag}${family}`, given_names: 'Yasmine', sex: 'F',
		birth_date: '1991-02-17', nationality: 'SYR',
	});
	const phone = opts.phone ?? freshPhone();
	if (opts.person === undefined) {
		const r = await send(officer, `/identity/persons/${person}/phones`,
			{ phone });
		assert.equal(r.status, 303, `phone refused: ${r.text.slice(0, 300)}`);
	}
	const proc = sql("SELECT id FROM wf_procedure WHERE code = 'regular'")[0][0];
	const r = await send(officer, '/dossier',
		{ person_id: person, procedure_id: proc });
	assert.equal(r.status, 303, `dossier refused: ${r.text.slice(0, 300)}`);
	const id = /\/dossier\/(\d+)$/.exec(r.headers.get('location'))[1];
	return { id, person, phone, family: `${tag}${family}` };
}

const version = (d) => sql(`SELECT version FROM dossier WHERE id = ${d.id}`)[0][0];

// The free times the picker offers on DAY: {time: slot id}.
async function picker(s, d) {
	const r = await get(INTRANET,
		`/dossier/${d.id}/interview?site=${S.siteId}&day=${DAY}`, { jar: s.jar });
	assert.equal(r.status, 200, `picker: ${r.text.slice(0, 300)}`);
	const times = {};
	for (const m of r.text.matchAll(/<input type="radio" name="slot" id="f-slot-(\d+)"[^>]*>\s*<label[^>]*><span dir="ltr">(\d\d:\d\d)<\/span>/g))
		times[m[2]] = m[1];
	return { page: r, times };
}

function book(s, d, slot, extra = {}) {
	return send(s, `/dossier/${d.id}/interview`, {
		site: S.siteId, day: DAY, slot, lang: 'fr', version: version(d),
		...extra,
	});
}

const seats = (slot) => Number(sql(`SELECT booked FROM slot_quota WHERE id = ${slot}`)[0][0]);
const sent = (phone) => received().filter((x) => x.to === phone);

// Everything a refused booking must leave as it was.
function snapshot(d, slots) {
	return JSON.stringify(sql(`SELECT
		(SELECT COUNT(*) FROM appointment WHERE site_id = ${S.siteId}),
		(SELECT GROUP_CONCAT(CONCAT(id, ':', booked) ORDER BY id) FROM slot_quota
			WHERE id IN (${slots.join(', ')})),
		(SELECT CONCAT(status, ':', version) FROM dossier WHERE id = ${d.id}),
		(SELECT COUNT(*) FROM dossier_appointment WHERE dossier_id = ${d.id}),
		(SELECT COUNT(*) FROM person_appointment WHERE person_id = ${d.person}),
		(SELECT COUNT(*) FROM dossier_event WHERE dossier_id = ${d.id}),
		(SELECT COUNT(*) FROM audit_event WHERE entity = 'dossier'
			AND entity_id = '${d.id}'),
		(SELECT COUNT(*) FROM outbox_message WHERE to_addr = '${d.phone}')`));
}

before(async () => {
	officer = await session(makeAgent('ivoff', ['case_officer']));
	clerk = await session(makeAgent('ivclerk', ['registrar']));
	// An interview site in Haiti's zone: on DAY, two call-centre seats at
	// 10:00, one at 11:00 and 14:00, three at 15:00 (the other channels
	// have none); its own interview service, documents to bring in
	// English and French.
	const site = makeSite({ zone: ZONE, cc: '509', times: [10, 11, 14, 15],
		capacity: { callcentre: 1 } });
	const code = uniqueName('iv').toLowerCase().slice(0, 30);
	sql(`INSERT INTO service (code, duration_minutes) VALUES ('${code}', 60);
		SET @v = LAST_INSERT_ID();
		INSERT INTO service_text (service_id, lang, name, documents) VALUES
		(@v, 'en', 'Interview ${code}', 'Passport\\nNotice to attend'),
		(@v, 'fr', 'Entretien ${code}', '${DOCS_FR.replace('\n', '\\n')}');
		INSERT INTO quota_override (site_id, level_id, channel, day,
			start_time, capacity) VALUES (${site.siteId},
			${site.levels.regular}, 'callcentre', '${DAY}', '10:00', 2),
			(${site.siteId}, ${site.levels.regular}, 'callcentre', '${DAY}',
			'15:00', 3);
		INSERT INTO interview_site (site_id, service_id, level_id)
		VALUES (${site.siteId}, @v, ${site.levels.regular})`);
	S = { siteId: site.siteId, site: site.site, levelId: site.levels.regular,
		serviceId: Number(sql(`SELECT id FROM service WHERE code = '${code}'`)[0][0]) };
});

test('an officer books the interview from the dossier: appointment, seat, SMS, dossier page, status page', async () => {
	const A = await makeDossier('Alpha');
	// The dossier page offers the booking.
	let page = await get(INTRANET, `/dossier/${A.id}`, { jar: officer.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`href="/dossier/${A.id}/interview"`));
	const { page: pk, times } = await picker(officer, A);
	assert.deepEqual(Object.keys(times).sort(), ['10:00', '11:00', '14:00', '15:00'],
		'every free time of the day, in the site\'s zone');
	assert.match(textOf(pk.text), new RegExp(A.phone.replace('+', '\\+')),
		'the phone the SMS goes to');
	assert.match(pk.text, /name="move"[^>]*checked/, 'the move is offered');
	const slot = times['10:00'];
	assert.equal(seats(slot), 0);
	const smsBefore = sent(A.phone).length;

	const r = await book(officer, A, slot, { move: '1' });
	assert.equal(r.status, 303, `booking refused: ${r.text.slice(0, 500)}`);
	assert.equal(r.headers.get('location'), `/dossier/${A.id}#interview`);

	// The appointment: site, service, level, channel, person, status.
	const rows = sql(`SELECT a.id, a.reference, a.site_id, a.service_id,
		a.level_id, a.channel, a.status, a.phone, a.lang, a.family_name,
		a.slot_id, pa.person_id, da.dossier_id,
		DATE_FORMAT(a.start_utc, '%Y-%m-%d %H:%i')
		FROM dossier_appointment da JOIN appointment a ON a.id = da.appointment_id
		JOIN person_appointment pa ON pa.appointment_id = a.id
		WHERE da.dossier_id = ${A.id}`);
	assert.equal(rows.length, 1, 'one appointment linked to the dossier');
	const [apptId, ref, site, service, level, channel, status, phone, lang,
		family, slotId, personId, , startUtc] = rows[0];
	assert.equal(Number(site), S.siteId);
	assert.equal(Number(service), S.serviceId);
	assert.equal(Number(level), S.levelId);
	assert.equal(channel, 'callcentre');
	assert.equal(status, 'booked');
	assert.equal(phone, A.phone);
	assert.equal(lang, 'fr');
	assert.equal(family, A.family);
	assert.equal(slotId, slot);
	assert.equal(personId, String(A.person), 'linked to the principal person');
	assert.match(ref, /^[2-9A-HJKMNP-Z]{8}$/);
	// Stored in UTC: the hour whose wall-clock time in the zone is 10:00.
	const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE,
		hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
	const utcHour = [...Array(24).keys()].find((h) =>
		fmt.format(new Date(`${DAY}T${String(h).padStart(2, '0')}:00:00Z`)) === '10:00');
	assert.equal(startUtc, `${DAY} ${String(utcHour).padStart(2, '0')}:00`);
	// The seat count moved by one.
	assert.equal(seats(slot), 1, 'one seat taken');
	// The dossier moved in the same step; timeline and audit.
	assert.equal(sql(`SELECT status FROM dossier WHERE id = ${A.id}`)[0][0],
		'interview_scheduled');
	const kinds = sql(`SELECT kind FROM dossier_event WHERE dossier_id = ${A.id}
		ORDER BY id`).map((x) => x[0]);
	assert.deepEqual(kinds.slice(-2), ['transition', 'interview']);
	const detail = sql(`SELECT detail FROM dossier_event WHERE dossier_id = ${A.id}
		AND kind = 'interview'`)[0][0];
	assert.ok(detail.includes(shownRef(ref)), detail);
	assert.ok(detail.includes(`${DAY} 10:00`), detail);
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'appointment'
		AND entity_id = '${apptId}' AND action = 'create'`)[0][0], '1');
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'dossier'
		AND entity_id = '${A.id}' AND action = 'interview'`)[0][0], '1');

	// The SMS, as for any appointment: reference, time, documents in French.
	const got = await waitFor(() => {
		const m = sent(A.phone);
		return m.length > smsBefore ? m.slice(smsBefore) : undefined;
	}, 20000);
	assert.ok(got, `no SMS reached ${A.phone}`);
	const text = got.map((m) => m.text).join(' ');
	assert.ok(text.includes(shownRef(ref)), text);
	assert.ok(text.includes('10:00'), text);
	assert.ok(text.includes('Passeport'), `documents to bring: ${text}`);
	assert.ok(text.includes('Convocation au guichet 4'), `documents to bring: ${text}`);

	// The dossier page: time in the site's zone, reference, status,
	// timeline; no second booking offered.
	page = await get(INTRANET, `/dossier/${A.id}`, { jar: officer.jar });
	assert.equal(page.status, 200);
	const section = textOf(/<section aria-labelledby="interview-h"[\s\S]*?<\/section>/
		.exec(page.text)[0]);
	assert.ok(section.includes(`${DAY} 10:00`), section);
	assert.ok(section.includes(ZONE), section);
	assert.ok(section.includes(shownRef(ref)), section);
	assert.ok(section.includes('Booked'), section);
	assert.ok(section.includes(`Site ${S.site}`), section);
	assert.doesNotMatch(page.text, new RegExp(`href="/dossier/${A.id}/interview"`));
	const timeline = textOf(/<section aria-labelledby="timeline-h"[\s\S]*?<\/section>/
		.exec(page.text)[0]);
	assert.ok(timeline.includes('Interview booked'), timeline);
	assert.ok(timeline.includes(shownRef(ref)), timeline);

	// The status page's next appointment reads the principal's
	// person_appointment rows (modules/dossier/sql.c DSQL_STATUS_NEXT_APPT).
	const next = sql(`SELECT a.reference FROM person_appointment pa
		JOIN appointment a ON a.id = pa.appointment_id
		WHERE pa.person_id = ${A.person} AND a.status IN ('booked', 'confirmed')
		AND a.start_utc > UTC_TIMESTAMP() ORDER BY a.start_utc LIMIT 1`);
	assert.equal(next[0][0], ref);
});

test('a full slot is refused with a clear message and nothing changed', async () => {
	const B = await makeDossier('Bravo');
	const C = await makeDossier('Charlie');
	// C sees 11:00 free; B takes its only seat meanwhile.
	const { times } = await picker(officer, C);
	const slot = times['11:00'];
	assert.ok(slot, 'the 11:00 time is offered');
	assert.equal((await book(officer, B, slot)).status, 303);
	assert.equal(seats(slot), 1);
	const snap = snapshot(C, [slot]);
	const r = await book(officer, C, slot, { move: '1' });
	assert.equal(r.status, 409);
	assert.ok(textOf(r.text).includes('This time has just been taken: no seat is left.'),
		textOf(r.text).slice(0, 800));
	assert.equal(snapshot(C, [slot]), snap, 'nothing changed');
	assert.equal(seats(slot), 1);
	// The picker shown again no longer offers it.
	assert.doesNotMatch(r.text, new RegExp(`id="f-slot-${slot}"`));
});

test('a second active interview is refused: the dossier\'s, and the person\'s in another dossier', async () => {
	const D = await makeDossier('Delta');
	let { times } = await picker(officer, D);
	assert.equal((await book(officer, D, times['14:00'])).status, 303);
	// The picker now says so and offers no form.
	const pk = await get(INTRANET, `/dossier/${D.id}/interview?site=${S.siteId}&day=${DAY}`,
		{ jar: officer.jar });
	assert.equal(pk.status, 200);
	assert.ok(textOf(pk.text).includes('Only one active interview per case file'));
	assert.doesNotMatch(pk.text, /name="slot"/);
	// A forged POST for a free time is refused, nothing changed.
	({ times } = await picker(officer, await makeDossier('Echo')));
	const free = times['15:00'];
	assert.ok(free, 'the 15:00 time is free');
	let snap = snapshot(D, [free]);
	let r = await book(officer, D, free);
	assert.equal(r.status, 409);
	assert.ok(textOf(r.text).includes('The applicant already has an interview to come.'));
	assert.equal(snapshot(D, [free]), snap, 'nothing changed');
	// Another dossier of the same person: the booking library's one
	// active appointment per person and service refuses it too.
	const D2 = await makeDossier('Delta2', { person: D.person, phone: D.phone });
	snap = snapshot(D2, [free]);
	r = await book(officer, D2, free);
	assert.equal(r.status, 409);
	assert.ok(textOf(r.text).includes('The applicant already has an interview to come.'));
	assert.equal(snapshot(D2, [free]), snap, 'nothing changed');
	// Once the interview is cancelled, a new one can be booked.
	sql(`UPDATE appointment a JOIN dossier_appointment da ON da.appointment_id = a.id
		SET a.status = 'cancelled' WHERE da.dossier_id = ${D.id}`);
	assert.equal((await book(officer, D, free)).status, 303);
	assert.equal(seats(free), 1);
});

test('a dossier changed since the picker was shown: refused with both statuses', async () => {
	const F = await makeDossier('Foxtrot');
	const { times } = await picker(officer, F);
	const seen = version(F);
	const m = await send(officer, `/dossier/${F.id}/transition`,
		{ to: 'waiting_documents', version: seen, reason: '' });
	assert.equal(m.status, 303);
	const slot = times['15:00'];
	const snap = snapshot(F, [slot]);
	const r = await book(officer, F, slot, { version: seen });
	assert.equal(r.status, 409);
	assert.match(r.text, /Waiting for the applicant/);
	assert.equal(snapshot(F, [slot]), snap, 'nothing changed');
});

test('an agent without dossier.interview gets 403 and no link', async () => {
	const G = await makeDossier('Golf');
	const { times } = await picker(officer, G);
	const page = await get(INTRANET, `/dossier/${G.id}`, { jar: clerk.jar });
	assert.equal(page.status, 200, 'the registrar reads the dossier');
	assert.doesNotMatch(page.text, new RegExp(`href="/dossier/${G.id}/interview"`));
	const pk = await get(INTRANET, `/dossier/${G.id}/interview`, { jar: clerk.jar });
	assert.equal(pk.status, 403);
	const slot = times['15:00'];
	const snap = snapshot(G, [slot]);
	const r = await book(clerk, G, slot);
	assert.equal(r.status, 403);
	assert.equal(snapshot(G, [slot]), snap, 'nothing changed');
});

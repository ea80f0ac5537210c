// tests/http/subject-access.test.mjs: the subject-access export (issue 20
// item 1, GDPR art. 15): for a person present in every workflow, the
// export (JSON and the printable page) holds an entry from each, the
// access-log entries, what was merged into the person, and nothing of
// another person who is in the same workflows; internal notes of an
// open case file are withheld (and counted, with their legal source)
// while those of a closed one are given; only the data-protection
// permission opens it, and producing it is recorded.
//
// The fixture is built through the forms where a form exists (persons,
// notes, a page read) and by SQL elsewhere; every date is fixed in the
// past, so nothing depends on the hour the suite runs at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	INTRANET, createPerson, csrfOf, get, login, makeAgent, post, sql,
	uniqueName,
} from './lib.mjs';
import { makeAppointment, makeSite, levels } from './reception-fixture.mjs';

const dpo = makeAgent('sadpo', ['data_protection_officer']);
const officer = makeAgent('saoff', ['registrar', 'case_officer']);
const tag = uniqueName('Sa').replace(/[0-9]/g, (d) => 'bcdfghjklm'[d]);

// A fresh 8-letter case-file reference.
function reference() {
	const a = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	let s = '';
	for (let i = 0; i < 8; i++)
		s += a[Math.floor(Math.random() * a.length)];
	return s;
}

// A case file of the 'regular' procedure for person, lodged on a fixed
// past day; returns {id, ref}.
function dossier(person, closed) {
	const ref = reference();
	const [[id]] = sql(`INSERT INTO dossier (reference, procedure_id,
		procedure_version_id, status, lodged_on, closed, created_at,
		updated_at) SELECT '${ref}', p.id, v.id, '${closed ?
		'closed' : 'lodged'}', '2025-03-04', ${closed ? 1 : 0},
		'2025-03-04 10:00:00', '2025-03-04 10:00:00' FROM wf_procedure p
		JOIN wf_procedure_version v ON v.procedure_id = p.id
		AND v.number = p.current_version WHERE p.code = 'regular';
		SELECT LAST_INSERT_ID();`);
	sql(`INSERT INTO dossier_person (dossier_id, person_id, role, added_at)
		VALUES (${id}, ${person}, 'principal', '2025-03-04 10:00:00')`);
	return { id, ref };
}

// Everything of one person in every workflow, with texts carrying
// mark (so that another person's can be told apart). Returns the texts
// to look for.
function workflows(person, mark, s, phone, ticket) {
	const passport = `P${mark}`.toUpperCase().slice(0, 20);
	sql(`INSERT INTO person_document (person_id, doc_type, number,
		number_norm, issuing_country, expiry, created_at) VALUES (${person},
		'passport', '${passport}', '${passport}', 'SYR', '2030-01-01',
		'2025-03-01 09:00:00');
		INSERT INTO person_contact (person_id, kind, value, created_at)
		VALUES (${person}, 'phone', '${phone}', '2025-03-01 09:00:00')`);
	const appt = makeAppointment(s, { start: `'2025-03-02 09:00:00'`,
		created: `'2025-02-20 10:00:00'`, status: 'done', family: `Appt${mark}` });
	sql(`UPDATE appointment SET lang = 'ar', phone = '${phone}' WHERE id = ${appt.id};
		INSERT INTO person_appointment (appointment_id, person_id, linked_at)
		VALUES (${appt.id}, ${person}, '2025-03-02 09:30:00');
		INSERT INTO visit (site_id, service_id, level_id, appointment_id,
		local_day, ticket, rank_order, queue_time, arrived_at, status, exited_at)
		VALUES (${s.siteId}, ${s.serviceId}, ${levels().regular}, ${appt.id},
		'2025-03-02', '${ticket}', 1, '2025-03-02 09:01:00', '2025-03-02 09:01:00',
		'done', '2025-03-02 09:20:00');
		INSERT INTO visit_event (visit_id, appointment_id, kind, at) VALUES
		(LAST_INSERT_ID(), ${appt.id}, 'arrival', '2025-03-02 09:01:00');
		INSERT INTO outbox_message (to_addr, lang, event, entity, entity_id,
		body, status, next_try_at, created_at, sent_at) VALUES ('${phone}',
		'ar', 'confirm', 'appointment', ${appt.id}, 'Sms${mark} confirmed',
		'delivered', '2025-02-20 10:00:00', '2025-02-20 10:00:00',
		'2025-02-20 10:00:01')`);
	const open = dossier(person, false);
	const closed = dossier(person, true);
	sql(`INSERT INTO dossier_event (dossier_id, at, actor, kind, to_status,
		detail) VALUES (${open.id}, '2025-03-04 10:00:00', 'test', 'created',
		'lodged', 'Event${mark}');
		INSERT INTO dossier_decision (dossier_id, outcome, text, final, actor,
		created_at) VALUES (${closed.id}, 'granted', 'Decision${mark}', 1,
		'test', '2025-04-01 10:00:00');
		INSERT INTO exchange (dossier_id, type, legal_basis, question, due_on,
		service_id, status, open, sent_at, sent_actor) VALUES (${open.id},
		'translation', 'Basis${mark}', 'Question${mark}', '2025-04-01',
		(SELECT MIN(id) FROM exchange_service), 'sent', 1,
		'2025-03-05 10:00:00', 'test');
		INSERT INTO civil_act (kind, person_id, procedure_version_id, status,
		requested_at, updated_at) SELECT 'birth', ${person}, v.id,
		'requested', '2025-03-06 10:00:00', '2025-03-06 10:00:00'
		FROM wf_procedure p JOIN wf_procedure_version v ON v.procedure_id =
		p.id AND v.number = p.current_version WHERE p.code = 'civil_act'`);
	// A key id as havre-admin makes them ([a-z0-9-]), retired long ago:
	// it never becomes the key in force, and the published key file
	// (keys export-public, /verify/keys.txt) can still list it.
	const key = `t${mark}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 32);
	const serial = `S${reference()}${reference()}`.slice(0, 14);
	sql(`INSERT INTO signing_key (id, public_key, valid_from, valid_until,
		retired_at, created_at) VALUES ('${key}', UNHEX(SHA2('${key}', 256)),
		'2025-01-01', '2025-06-01', '2025-06-01', '2025-01-01');
		INSERT INTO issued_document (serial, doc_type, person_id, payload,
		key_id, issued_at) VALUES ('${serial}', 'CN', ${person},
		'HV1 test', '${key}', '2025-03-07 10:00:00')`);
	return { passport, appt: appt.reference, sms: `Sms${mark} confirmed`,
		open: open.ref, closed: closed.ref, openId: open.id,
		closedId: closed.id, event: `Event${mark}`,
		decision: `Decision${mark}`, basis: `Basis${mark}`, serial, phone };
}

// Add a note through the case file's form.
async function note(jar, dossierId, text) {
	const page = await get(INTRANET, `/dossier/${dossierId}`, { jar });
	assert.equal(page.status, 200);
	const r = await post(INTRANET, `/dossier/${dossierId}/notes`,
		{ csrf: csrfOf(page.text), note: text },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, `note on ${dossierId}`);
}

test('the subject-access export holds every workflow, the access log and merged records, and no one else', async () => {
	const off = await login(officer.username, officer.password);
	const s = { jar: off.jar, csrf: csrfOf((await get(INTRANET, '/identity', { jar: off.jar })).text) };
	const a = await createPerson(s, { family_name: `${tag}Haddad`,
		given_names: 'Rania', sex: 'F', birth_date: '1988-04-05' });
	const b = await createPerson(s, { family_name: `${tag}Okonkwo`,
		given_names: 'Emeka', sex: 'M', birth_date: '1975-09-10' });
	const child = await createPerson(s, { family_name: `${tag}Haddad`,
		given_names: 'Karim', sex: 'M', birth_date: '2015-01-01' });
	const merged = await createPerson(s, { family_name: `${tag}Hadad`,
		given_names: 'Rania', sex: 'F', birth_date: '1988-04-05' });
	const site = makeSite({ zone: 'UTC' });
	const num = String(Date.now()).slice(-7);
	const wa = workflows(a, `${tag}a`, site, `+3361${num}1`, 'C001');
	const wb = workflows(b, `${tag}b`, site, `+3361${num}2`, 'C002');
	sql(`INSERT INTO person_link (person_id, relative_id, relation, created_at)
		VALUES (${a}, ${child}, 'parent', '2025-03-01 09:00:00'),
		(${child}, ${a}, 'child', '2025-03-01 09:00:00');
		INSERT INTO person_document (person_id, doc_type, number, number_norm,
		created_at) VALUES (${merged}, 'id_card', 'M${num}', 'M${num}',
		'2025-03-01 09:00:00');
		UPDATE person SET status = 'merged', merged_into = ${a} WHERE id = ${merged}`);
	await note(off.jar, wa.openId, `OpenNote${tag} pending`);
	await note(off.jar, wa.closedId, `ClosedNote${tag} given`);
	// the officer reads the record: the access log must show it
	assert.equal((await get(INTRANET, `/identity/persons/${a}`, { jar: off.jar })).status, 200);

	// only the data-protection permission opens the export
	assert.equal((await get(INTRANET, `/identity/persons/${a}/export.json`, { jar: off.jar })).status, 403);
	assert.equal((await get(INTRANET, `/identity/persons/${a}/export`, { jar: off.jar })).status, 403);

	const { jar } = await login(dpo.username, dpo.password);
	const before = Number(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'person' AND entity_id = '${a}' AND action = 'export'`)[0][0]);
	const res = await get(INTRANET, `/identity/persons/${a}/export.json`, { jar });
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-type'), /application\/json/);
	assert.match(res.headers.get('content-disposition') ?? '', /attachment/);
	const ex = JSON.parse(res.text);
	const sec = ex.sections;
	const has = (name, pred, what) => assert.ok(sec[name].some(pred),
		`${name}: ${what} in ${JSON.stringify(sec[name]).slice(0, 600)}`);

	assert.equal(ex.person_id, Number(a));
	assert.match(ex.generated_at, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
	assert.equal(ex.generated_by, dpo.username);
	has('person', (p) => p.person_id === Number(a) && p.given_names === 'Rania', 'the record');
	has('person', (p) => p.person_id === Number(merged) && p.merged_into === Number(a), 'the merged record');
	has('record_history', (e) => e.action === 'create' && e.person_id === String(a), 'its creation');
	has('documents', (d) => d.number === wa.passport && d.issuing_country === 'SYR', 'the passport');
	has('documents', (d) => d.person_id === Number(merged) && d.number === `M${num}`, "the merged record's document");
	has('contacts', (c) => c.value === wa.phone, 'the phone');
	has('family', (l) => l.relative_id === Number(child) && l.relation === 'parent', 'the child');
	has('appointments', (x) => x.reference === wa.appt && x.status === 'done', 'the appointment');
	has('visits', (v) => v.reference === wa.appt && v.kind === 'arrival', 'the visit');
	has('sms', (m) => m.text === wa.sms && m.status === 'delivered', 'the SMS');
	has('dossiers', (d) => d.reference === wa.open && d.closed === 0, 'the open case file');
	has('dossiers', (d) => d.reference === wa.closed && d.closed === 1, 'the closed case file');
	has('dossier_events', (e) => e.detail === wa.event, 'the event');
	has('decisions', (d) => d.text === wa.decision && d.final === 1, 'the decision');
	has('recipients', (x) => x.legal_basis === wa.basis && x.recipient_kind === 'service' && x.recipient, 'the service asked');
	has('civil_acts', (c) => c.kind === 'birth' && c.person_id === Number(a), 'the act');
	has('issued_documents', (d) => d.serial === wa.serial, 'the issued document');
	has('access_log', (e) => e.actor === officer.username && e.entity === 'person' && e.entity_id === String(a), "the officer's read");
	has('access_log', (e) => e.actor === dpo.username && e.reason === 'subject_access', 'this export');

	// the open case file's note is withheld (counted, with its source);
	// the closed one's is given, opened
	has('dossier_notes', (n) => n.reference === wa.closed && n.text === `ClosedNote${tag} given`, 'the closed note');
	assert.ok(!sec.dossier_notes.some((n) => n.reference === wa.open), 'no note of the open case file');
	assert.doesNotMatch(res.text, new RegExp(`OpenNote${tag}`));
	assert.deepEqual(ex.withheld.map((w) => [w.category, w.count]), [['dossier_notes', 1]]);
	assert.match(ex.withheld[0].legal_source, /art\. 23/);
	assert.deepEqual(ex.truncated, []);

	// nothing of the other person, though in the same workflows
	for (const t of [`${tag}Okonkwo`, wb.passport, wb.appt, wb.sms, wb.open,
		wb.closed, wb.event, wb.decision, wb.basis, wb.serial, wb.phone])
		assert.ok(!res.text.includes(t), `another person's ${t} is in the export`);

	// producing it is recorded
	assert.equal(Number(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'person' AND entity_id = '${a}' AND action = 'export'`)[0][0]), before + 1);

	// the printable page: the person's language (their appointments'
	// language, ar) and the agency's, the same entries
	const page = await get(INTRANET, `/identity/persons/${a}/export`, { jar });
	assert.equal(page.status, 200);
	assert.match(page.text, /<section class="card" lang="ar" dir="rtl"/);
	assert.match(page.text, /<section class="card" lang="fr" dir="ltr"/);
	assert.match(page.text, /بياناتك الشخصية لدى الإدارة/);
	assert.match(page.text, /Vos données personnelles détenues par l’administration/);
	for (const t of [wa.passport, wa.appt, wa.sms, wa.open, wa.decision, wa.serial, `ClosedNote${tag} given`, officer.username])
		assert.ok(page.text.includes(t), `page: ${t}`);
	assert.ok(!page.text.includes(`OpenNote${tag}`), 'page: the withheld note');
	assert.ok(!page.text.includes(wb.passport) && !page.text.includes(`${tag}Okonkwo`), "page: another person's data");
	assert.match(page.text, /ملاحظات الموظفين/, 'page: what was withheld, in Arabic');
	// ?lang= chooses the person's language
	const es = await get(INTRANET, `/identity/persons/${a}/export?lang=es`, { jar });
	assert.equal(es.status, 200);
	assert.match(es.text, /<section class="card" lang="es" dir="ltr"/);
	assert.match(es.text, /Sus datos personales/);

	assert.equal((await get(INTRANET, '/identity/persons/999999999/export.json', { jar })).status, 404);
});

// tests/http/dossier-status.test.mjs: the applicant's status page on the
// public vhost (/status, havre-dossier, issue 15 item 7). The whole flow
// with the one-time code read from the fake SMSC (Kannel, through the
// outbox and havre-notify), in French and Arabic, with the step in plain
// words, the next appointment and the documents still missing; a wrong,
// expired, reused or forged code, a guessed reference and a wrong birth
// date all refused with the same message, nothing changed; brute force
// gets 429; the page weighs under 30 KB, has no <script>, and never shows
// the officer's notes or a decision's draft.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	CookieJar, INTRANET, PUBLIC, createPerson, csrfOf, get, htmlLangDir,
	login, makeAgent, post, sql, waitFor,
} from './lib.mjs';
import { makeSite } from './appointments-fixture.mjs';
import { received, shownRef } from './sms-fixture.mjs';

const origin = { Origin: PUBLIC };
const BUCKETS = "('status_send', 'status_send_ref', 'status_fail', " +
	"'status_fail_ref')";
const clearThrottles = () => sql(`DELETE FROM rate_hit WHERE bucket IN ${BUCKETS}`);

const NOTE = `Secret officer note ${process.pid}`;
const DRAFT = `Draft decision text ${process.pid}: protection refused`;
const BIRTH = '1987-04-23';

// A fresh E.164 number for this run (Haiti).
let phoneSeq = Math.floor(Math.random() * 1000);
function freshPhone() {
	phoneSeq = (phoneSeq + 1) % 1000;
	return `+5093${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(3, '0')}`;
}

let officer;	// {jar, csrf}
// Dossiers made by before(): {id, ref, phone, person}
let A;	// with a phone, an appointment, a note and a draft decision
let B;	// without a phone on file

// Open a dossier for a new person (with a phone if given); returns
// {id, ref, phone, person}.
async function makeDossier(family, phone) {
	const person = await createPerson(officer, {
		family_name: family, given_names: 'Amina', sex: 'F',
		birth_date: BIRTH, nationality: 'SYR',
	});
	if (phone !== undefined) {
		const r = await post(INTRANET, `/identity/persons/${person}/phones`,
			{ csrf: officer.csrf, phone },
			{ jar: officer.jar, headers: { Origin: INTRANET } });
		assert.equal(r.status, 303, `phone refused: ${r.text.slice(0, 300)}`);
	}
	const proc = sql("SELECT id FROM wf_procedure WHERE code = 'regular'")[0][0];
	const r = await post(INTRANET, '/dossier', {
		csrf: officer.csrf, person_id: person, procedure_id: proc,
	}, { jar: officer.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, `dossier refused: ${r.text.slice(0, 300)}`);
	const id = /\/dossier\/(\d+)$/.exec(r.headers.get('location'))[1];
	const ref = sql(`SELECT reference FROM dossier WHERE id = ${id}`)[0][0];
	return { id, ref, phone, person };
}

// Move dossier d to status `to` as the officer.
async function move(d, to) {
	const version = sql(`SELECT version FROM dossier WHERE id = ${d.id}`)[0][0];
	const r = await post(INTRANET, `/dossier/${d.id}/transition`,
		{ csrf: officer.csrf, to, version, reason: '' },
		{ jar: officer.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, `transition refused: ${r.text.slice(0, 300)}`);
}

// Write the documents still missing on dossier d as the officer.
async function setMissing(d, text) {
	const version = sql(`SELECT version FROM dossier WHERE id = ${d.id}`)[0][0];
	const r = await post(INTRANET, `/dossier/${d.id}/missing`,
		{ csrf: officer.csrf, version, missing_documents: text },
		{ jar: officer.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, `list refused: ${r.text.slice(0, 300)}`);
}

before(async () => {
	const a = makeAgent('stoff', ['case_officer']);
	const s = await login(a.username, a.password);
	assert.equal(s.res.status, 303);
	const page = await get(INTRANET, '/dossier', { jar: s.jar });
	officer = { jar: s.jar, csrf: csrfOf(page.text) };
	assert.ok(officer.csrf, 'a CSRF token on the work lists');
	A = await makeDossier(`Statusa${process.pid}`, freshPhone());
	B = await makeDossier(`Statusb${process.pid}`);
	// The officer's note and a draft decision: never on the status page.
	let r = await post(INTRANET, `/dossier/${A.id}/notes`,
		{ csrf: officer.csrf, note: NOTE },
		{ jar: officer.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303);
	r = await post(INTRANET, `/dossier/${A.id}/decisions`,
		{ csrf: officer.csrf, outcome: 'rejected', text: DRAFT },
		{ jar: officer.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303);
	// A booked appointment in five days at noon UTC at a site in Paris,
	// linked to the principal applicant; the page shows it in the
	// site's zone.
	const S = makeSite({ zone: 'Europe/Paris' });
	const day = new Date(Date.now() + 5 * 86400000).toISOString().slice(0, 10);
	A.apptLocal = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris',
		hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
		.format(new Date(`${day}T12:00:00Z`));
	const apptRef = `S${String(process.pid).padStart(7, '7')}`.slice(0, 8);
	sql(`UPDATE site SET address = '3 quai de Seine' WHERE id = ${S.siteId};
		INSERT INTO appointment (reference, site_id, service_id, level_id,
		channel, start_utc, family_name, given_names, phone, person_key,
		lang, status, notes, created_at, updated_at) VALUES
		('${apptRef}', ${S.siteId}, ${S.serviceId}, ${S.levels.regular},
		'callcentre', '${day} 12:00:00', 'Statusa', 'Amina', '${A.phone}',
		'k:status${process.pid}', 'fr', 'booked', '', UTC_TIMESTAMP(6),
		UTC_TIMESTAMP(6));
		INSERT INTO person_appointment (appointment_id, person_id, linked_at)
		VALUES (LAST_INSERT_ID(), ${A.person}, UTC_TIMESTAMP(6))`);
	A.site = `Site ${S.site}`;
	clearThrottles();
});

after(() => clearThrottles());

// A visitor of the public site in lang: {jar, csrf}.
async function visitor(lang) {
	const jar = new CookieJar();
	const r = await get(PUBLIC, `/status?lang=${lang}`, { jar });
	assert.equal(r.status, 200);
	return { jar, csrf: csrfOf(r.text), page: r };
}

// Ask for a code; returns the answer.
function ask(v, ref, birth = BIRTH) {
	return post(PUBLIC, '/status', { csrf: v.csrf, ref, birth_date: birth },
		{ jar: v.jar, headers: origin });
}

// Give a code; returns the answer.
function give(v, ref, code, birth = BIRTH) {
	return post(PUBLIC, '/status/code',
		{ csrf: v.csrf, ref, birth_date: birth, code },
		{ jar: v.jar, headers: origin });
}

// The newest status code SMS to phone after `count` earlier ones:
// waits for havre-notify and Kannel. Returns {text, code}.
async function smsCode(phone, count) {
	const got = await waitFor(() => {
		const m = received().filter((x) => x.to === phone);
		return m.length > count ? m[m.length - 1] : undefined;
	}, 20000);
	assert.ok(got, `no SMS reached ${phone}`);
	const code = /(\d{6})/.exec(got.text)?.[1];
	assert.ok(code, `no code in: ${got.text}`);
	return { text: got.text, code, ucs2: got.ucs2 };
}

const sent = (phone) => received().filter((x) => x.to === phone).length;

// The words of the one refusal in a language.
const REFUSED = {
	fr: 'Nous ne pouvons pas afficher de demande avec ces informations.',
	ar: 'لا يمكننا عرض طلب بهذه البيانات.',
	en: 'We cannot show an application with these details.',
};

// A page is light, has no script and carries nothing internal.
function clean(r) {
	assert.ok(Buffer.byteLength(r.text, 'utf8') < 30 * 1024,
		`page weighs ${Buffer.byteLength(r.text, 'utf8')} bytes`);
	assert.doesNotMatch(r.text, /<script/i);
	assert.ok(!r.text.includes(NOTE), 'the officer\'s note is shown');
	assert.ok(!r.text.includes(DRAFT), 'the draft decision is shown');
	assert.ok(!r.text.includes('Secret officer note'));
	assert.ok(!r.text.includes('protection refused'));
}

// Everything a refusal must leave as it was: codes, dossier, outbox.
function snapshot(d) {
	return JSON.stringify(sql(`SELECT
		(SELECT COUNT(*) FROM status_code WHERE dossier_id = ${d.id}),
		(SELECT COALESCE(GROUP_CONCAT(CONCAT(id, ':', COALESCE(closed_why, '-'))
			ORDER BY id), '') FROM status_code WHERE dossier_id = ${d.id}),
		(SELECT version FROM dossier WHERE id = ${d.id}),
		(SELECT COUNT(*) FROM outbox_message WHERE entity = 'dossier'
			AND entity_id = ${d.id}),
		(SELECT COUNT(*) FROM audit_event WHERE entity = 'dossier'
			AND entity_id = '${d.id}')`));
}

test('the whole flow in French: code by SMS, the step in plain words, the appointment', async () => {
	clearThrottles();
	const v = await visitor('fr');
	clean(v.page);
	assert.equal(htmlLangDir(v.page.text).lang, 'fr');
	const before = sent(A.phone);
	// The reference as printed, in lower case, with its dash.
	const shown = shownRef(A.ref).toLowerCase();
	const r = await ask(v, shown);
	assert.equal(r.status, 200);
	clean(r);
	assert.match(r.text, /Si ces informations correspondent à une demande/);
	const sms = await smsCode(A.phone, before);
	assert.match(sms.text, /Votre code pour suivre votre demande/);
	assert.equal(sms.ucs2, false, 'the French SMS is GSM-7 text');
	// A code is stored only as its MAC, never as the digits.
	const stored = sql(`SELECT code_mac FROM status_code WHERE dossier_id = ${A.id}
		ORDER BY id DESC LIMIT 1`)[0][0];
	assert.match(stored, /^[0-9a-f]{64}$/);
	assert.ok(!stored.includes(sms.code));
	const ok = await give(v, shown, sms.code);
	assert.equal(ok.status, 303, ok.text.slice(0, 400));
	assert.equal(ok.headers.get('location'), `/status/${A.ref}`);
	const page = await get(PUBLIC, `/status/${A.ref}`, { jar: v.jar });
	assert.equal(page.status, 200);
	clean(page);
	assert.equal(htmlLangDir(page.text).lang, 'fr');
	assert.match(page.text, /Votre demande est enregistrée\. Elle attend d’être examinée\./);
	assert.ok(page.text.includes(shownRef(A.ref)));
	// The next appointment, in the site's zone.
	assert.match(page.text, /Votre prochain rendez-vous/);
	assert.ok(page.text.includes(` ${A.apptLocal}</strong>`), A.apptLocal);
	assert.ok(page.text.includes('3 quai de Seine'));
	assert.ok(page.text.includes(A.site));
	assert.match(page.text, /Nous n’attendons aucun document/);
	// Each view is in the access log.
	const views = sql(`SELECT COUNT(*) FROM access_event WHERE entity = 'dossier'
		AND entity_id = '${A.id}' AND reason = 'status:applicant'`)[0][0];
	assert.ok(Number(views) >= 1);
	// The language switch keeps the page: English now.
	const en = await get(PUBLIC, `/status/${A.ref}?lang=en`, { jar: v.jar });
	assert.equal(en.status, 200);
	assert.match(en.text, /Your application is registered\./);
});

test('the whole flow in Arabic: waiting for documents, in plain words, right to left', async () => {
	clearThrottles();
	await move(A, 'waiting_documents');
	const v = await visitor('ar');
	const before = sent(A.phone);
	const r = await ask(v, A.ref);	// without the dash, upper case
	assert.equal(r.status, 200);
	assert.equal(htmlLangDir(r.text).dir, 'rtl');
	const sms = await smsCode(A.phone, before);
	assert.match(sms.text, /رمز متابعة طلبك/);
	const ok = await give(v, A.ref, sms.code);
	assert.equal(ok.status, 303);
	const page = await get(PUBLIC, `/status/${A.ref}`, { jar: v.jar });
	assert.equal(page.status, 200);
	clean(page);
	const { lang, dir } = htmlLangDir(page.text);
	assert.equal(lang, 'ar');
	assert.equal(dir, 'rtl');
	assert.ok(page.text.includes('ننتظر وثائق منك قبل مواصلة دراسة طلبك.'));
	assert.ok(page.text.includes('طلبك في انتظار وثائق منك.'));
	// No list written yet: ask the office.
	assert.ok(page.text.includes('اتصل بمكتبك لمعرفة الوثائق المطلوبة.'));
	// The officer writes the list on the dossier page; the applicant
	// reads it as written, line by line.
	await setMissing(A, 'شهادة الميلاد\r\n\r\nترجمة جواز السفر \n');
	const again = await get(PUBLIC, `/status/${A.ref}`, { jar: v.jar });
	assert.equal(again.status, 200);
	clean(again);
	assert.ok(again.text.includes('<li><bdi>شهادة الميلاد</bdi></li>'));
	assert.ok(again.text.includes('<li><bdi>ترجمة جواز السفر</bdi></li>'));
	assert.ok(!again.text.includes('اتصل بمكتبك لمعرفة الوثائق المطلوبة.'));
	await setMissing(A, '');
	await move(A, 'lodged');
});

test('a wrong, a forged, an expired and a reused code, a guessed reference, a wrong birth date: one message, nothing changed', async () => {
	clearThrottles();
	const v = await visitor('fr');
	const before = sent(A.phone);
	assert.equal((await ask(v, A.ref)).status, 200);
	const { code } = await smsCode(A.phone, before);
	const wrong = code === '000000' ? '111111' : '000000';
	const refused = async (ref, c, birth) => {
		const snap = snapshot(A);
		const r = await give(v, ref, c, birth);
		assert.equal(r.status, 422, `${ref}/${c}/${birth}: ${r.status}`);
		clean(r);
		assert.ok(r.text.includes(REFUSED.fr), r.text.slice(0, 600));
		assert.equal(r.headers.get('location'), null);
		assert.ok(!/^st_/m.test(r.headers.getSetCookie().join('\n')));
		return { r, snap };
	};
	// Wrong code: only the code's attempt counter moves.
	let { snap } = await refused(A.ref, wrong);
	assert.equal(snapshot(A), snap);
	// A forged code (not even digits), a code of another length.
	({ snap } = await refused(A.ref, 'abc" OR 1=1'));
	assert.equal(snapshot(A), snap);
	({ snap } = await refused(A.ref, `${code}0`));
	assert.equal(snapshot(A), snap);
	// The right code with a wrong birth date.
	({ snap } = await refused(A.ref, code, '1987-04-24'));
	assert.equal(snapshot(A), snap);
	// The right code with a guessed reference.
	const guess = A.ref === '23456789' ? '98765432' : '23456789';
	({ snap } = await refused(guess, code));
	assert.equal(snapshot(A), snap);
	// The wrong six-digit try on the live code is counted (the others
	// could never match: no attempt is spent on them).
	const attempts = sql(`SELECT attempts FROM status_code WHERE dossier_id = ${A.id}
		AND closed_at IS NULL`)[0][0];
	assert.equal(attempts, '1');
	// The right code still works once...
	const ok = await give(v, A.ref, code);
	assert.equal(ok.status, 303);
	// ... and never again (reused).
	({ snap } = await refused(A.ref, code));
	assert.equal(snapshot(A), snap);
	const why = sql(`SELECT closed_why FROM status_code WHERE dossier_id = ${A.id}
		ORDER BY id DESC LIMIT 1`)[0][0];
	assert.equal(why, 'used');
	// An expired code.
	const n = sent(A.phone);
	assert.equal((await ask(v, A.ref)).status, 200);
	const fresh = await smsCode(A.phone, n);
	sql(`UPDATE status_code SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND
		WHERE dossier_id = ${A.id} AND closed_at IS NULL`);
	({ snap } = await refused(A.ref, fresh.code));
	assert.equal(snapshot(A), snap);
	// A newer code replaces the older one (past the three codes an
	// hour of one reference: the throttle is tested below).
	clearThrottles();
	const m = sent(A.phone);
	assert.equal((await ask(v, A.ref)).status, 200);
	const first = await smsCode(A.phone, m);
	assert.equal((await ask(v, A.ref)).status, 200);
	const second = await smsCode(A.phone, m + 1);
	if (first.code !== second.code) {
		({ snap } = await refused(A.ref, first.code));
		assert.equal(snapshot(A), snap);
	}
	assert.equal((await give(v, A.ref, second.code)).status, 303);
});

test('asking for a code says the same whether the details match or not, and sends only when they do', async () => {
	clearThrottles();
	const v = await visitor('en');
	const texts = [];
	const before = sent(A.phone);
	const snapB = snapshot(B);
	const guess = A.ref === '23456789' ? '98765432' : '23456789';
	for (const [ref, birth] of [[A.ref, '1990-01-01'], [guess, BIRTH],
		[B.ref, BIRTH]]) {
		const r = await ask(v, ref, birth);
		assert.equal(r.status, 200);
		clean(r);
		// The page differs only by the reference it repeats.
		texts.push(r.text.replace(/name="csrf" value="[0-9a-f]+"/, '')
			.replace(/X-Request-Id|[0-9a-f]{16}/g, '')
			.replaceAll(shownRef(ref), 'REF').replaceAll(birth, 'BIRTH'));
	}
	assert.equal(texts[0], texts[1]);
	assert.equal(texts[1], texts[2]);
	// No SMS for a wrong birth date; none for a dossier without a phone.
	await new Promise((res) => setTimeout(res, 1500));
	assert.equal(sent(A.phone), before);
	assert.equal(sql(`SELECT COUNT(*) FROM status_code WHERE dossier_id = ${B.id}`)[0][0], '0');
	assert.equal(snapshot(B), snapB);
	// Not the shape of a reference: the first form, with its field message.
	const bad = await ask(v, 'ABC');
	assert.equal(bad.status, 422);
	assert.match(bad.text, /A reference has 8 letters and digits/);
});

test('a code\'s wrong attempts close it: after five, even the right one is refused', async () => {
	clearThrottles();
	const v = await visitor('en');
	const n = sent(A.phone);
	assert.equal((await ask(v, A.ref)).status, 200);
	const { code } = await smsCode(A.phone, n);
	const wrong = code === '000000' ? '111111' : '000000';
	for (let i = 0; i < 5; i++)
		assert.equal((await give(v, A.ref, wrong)).status, 422);
	const r = await give(v, A.ref, code);
	assert.equal(r.status, 422);
	assert.ok(r.text.includes(REFUSED.en));
	assert.equal(sql(`SELECT closed_why FROM status_code WHERE dossier_id = ${A.id}
		ORDER BY id DESC LIMIT 1`)[0][0], 'attempts');
});

test('brute force gets 429: failures per reference, per address, and codes asked per reference', async () => {
	clearThrottles();
	const v = await visitor('en');
	let last;
	// Guesses against one reference: the tenth failure is the last.
	for (let i = 0; i < 12; i++) {
		last = await give(v, A.ref, String(100000 + i));
		if (last.status === 429)
			break;
		assert.equal(last.status, 422);
	}
	assert.equal(last.status, 429);
	clean(last);
	assert.match(last.text, /Too many attempts/);
	// Once throttled, even a right code is not looked at.
	const codes = sql(`SELECT COUNT(*) FROM status_code WHERE dossier_id = ${A.id}`)[0][0];
	assert.equal((await give(v, A.ref, '123456')).status, 429);
	assert.equal(sql(`SELECT COUNT(*) FROM status_code WHERE dossier_id = ${A.id}`)[0][0], codes);
	// Guesses over many references from one address.
	clearThrottles();
	let status;
	for (let i = 0; i < 25; i++) {
		const ref = `2345${String(6789 + i).slice(-4)}`.replace(/[01]/g, '2');
		status = (await give(v, ref, '123456')).status;
		if (status === 429)
			break;
		assert.equal(status, 422);
	}
	assert.equal(status, 429);
	// Codes asked for one reference: three an hour.
	clearThrottles();
	const n = sent(A.phone);
	for (let i = 0; i < 3; i++)
		assert.equal((await ask(v, A.ref)).status, 200);
	const r = await ask(v, A.ref);
	assert.equal(r.status, 429);
	clean(r);
	await smsCode(A.phone, n + 2);
	await new Promise((res) => setTimeout(res, 1000));
	assert.equal(sent(A.phone), n + 3, 'the throttled request sent no SMS');
	clearThrottles();
});

test('the view needs its proof: no cookie, a forged or another dossier\'s cookie go back to the form', async () => {
	const anon = new CookieJar();
	let r = await get(PUBLIC, `/status/${A.ref}`, { jar: anon });
	assert.equal(r.status, 303);
	assert.match(r.headers.get('location'), new RegExp(`^/status\\?ref=${A.ref}$`));
	const forged = new CookieJar();
	forged.cookies.set(`st_${A.ref}`, `${Math.floor(Date.now() / 1000) + 600}.${'a'.repeat(64)}`);
	r = await get(PUBLIC, `/status/${A.ref}`, { jar: forged });
	assert.equal(r.status, 303);
	// A lower-case or unknown reference in the path: the form too.
	r = await get(PUBLIC, `/status/${A.ref.toLowerCase()}`, { jar: anon });
	assert.equal(r.status, 303);
	// Not on the intranet vhost.
	r = await get(INTRANET, '/status');
	assert.equal(r.status, 404);
});

test('the officer\'s list of missing documents: version-guarded, audited, in the timeline, shown to the applicant in any status', async () => {
	await setMissing(A, 'Birth certificate\nTwo photos');
	const page = await get(INTRANET, `/dossier/${A.id}`, { jar: officer.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, /<textarea[^>]*name="missing_documents"[^>]*>Birth certificate\nTwo photos<\/textarea>/);
	assert.match(page.text, /Missing documents updated/);
	const audit = sql(`SELECT changes FROM audit_event WHERE entity = 'dossier'
		AND entity_id = '${A.id}' AND action = 'missing_documents'
		ORDER BY seq DESC LIMIT 1`)[0][0];
	assert.match(audit, /Two photos/);
	// A stale form is refused with both lists, nothing saved.
	const stale = Number(sql(`SELECT version FROM dossier WHERE id = ${A.id}`)[0][0]) - 1;
	const r = await post(INTRANET, `/dossier/${A.id}/missing`,
		{ csrf: officer.csrf, version: stale, missing_documents: 'Other paper' },
		{ jar: officer.jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 409);
	assert.ok(r.text.includes('Other paper'));
	assert.equal(sql(`SELECT missing_documents FROM dossier WHERE id = ${A.id}`)[0][0],
		'Birth certificate\\nTwo photos');
	// The applicant sees the list although the status does not pause.
	clearThrottles();
	const v = await visitor('en');
	const n = sent(A.phone);
	assert.equal((await ask(v, A.ref)).status, 200);
	const { code } = await smsCode(A.phone, n);
	assert.equal((await give(v, A.ref, code)).status, 303);
	const view = await get(PUBLIC, `/status/${A.ref}`, { jar: v.jar });
	assert.equal(view.status, 200);
	clean(view);
	assert.ok(view.text.includes('<li><bdi>Birth certificate</bdi></li>'));
	assert.ok(view.text.includes('<li><bdi>Two photos</bdi></li>'));
	assert.ok(!view.text.includes('We need no document from you'));
	await setMissing(A, '');
	clearThrottles();
});

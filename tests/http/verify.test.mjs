// tests/http/verify.test.mjs: issued documents on the public vhost
// (havre-civil, issue 17 items 5 and 6), through nginx. /verify on a
// genuine, a tampered, an expired and a revoked document, a retired
// key's documents (genuine before its retirement, not after), an unknown
// serial, a genuine signature the register does not hold, and garbage
// (never a 5xx), by serial (typed any way) and by the QR code's text;
// the five languages, under 30 KB and without script; the published
// keys (page and file, the file as `havre-admin keys export-public`
// prints it, and havre-verify accepting our node-signed payload with
// it). Delivery: an officer's offer queues the SMS with the link and an
// eight-digit code (read from Kannel's fake SMSC), only its MAC stored;
// a wrong code refused, the right one downloads the PDF (again while
// the proof cookie holds), each download an access event; a used, an
// exhausted, an expired or a replaced code refused; a revoked document
// neither offered nor downloaded; brute force gets 429.
//
// Documents are signed in node from the key file (verify-fixture.mjs),
// and their PDF is a source uploaded to an act (the store's own path),
// since the issuing is on another branch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	CookieJar, INTRANET, PUBLIC, admin, csrfOf, get, htmlLangDir, login,
	makeAgent, post, request, sql, waitFor,
} from './lib.mjs';
import { received } from './sms-fixture.mjs';
import {
	dayFromToday, issue, makeKey, makePerson, newSerial, nowIso, signPayload,
} from './verify-fixture.mjs';

const origin = { Origin: PUBLIC };
const BUCKETS = "('collect_fail', 'collect_fail_serial')";
const clearThrottles = () => sql(`DELETE FROM rate_hit WHERE bucket IN ${BUCKETS}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const FACTS = {
	type: 'AP', family: 'العلي', given: 'محمد', familyLatin: 'AL-ALI',
	givenLatin: 'MOHAMMED', birth: '1990-05-17', until: dayFromToday(180),
};

let key, person, tmp;
let genuine, expired, revoked;
let retiredBefore, retiredAfter;	// signed by a retired key, before and after
let officer;	// {jar, csrf}
let pdf;	// {file, bytes}

// The visible text of a page.
function textOf(html) {
	return html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&').replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<').replace(/&gt;/g, '>')
		.replace(/\s+/g, ' ');
}

// A one-page PDF (the smallest pdftoppm renders), its xref at the
// right offsets.
function makePdf(text) {
	const parts = [];
	const offsets = [];
	let len = 0;
	const push = (s) => {
		const b = Buffer.from(s, 'latin1');
		parts.push(b);
		len += b.length;
	};
	const content = `BT /F1 12 Tf 20 150 Td (${text}) Tj ET`;
	push('%PDF-1.4\n');
	const objs = ['<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
	objs.forEach((o, i) => {
		offsets[i + 1] = len;
		push(`${i + 1} 0 obj\n${o}\nendobj\n`);
	});
	const xref = len;
	let x = 'xref\n0 6\n0000000000 65535 f \n';
	for (let i = 1; i <= 5; i++)
		x += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
	push(x);
	push(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
	return Buffer.concat(parts);
}

// A visitor of the public site in lang: {jar, csrf, page}.
async function visitor(lang = 'en', path = '/verify') {
	const jar = new CookieJar();
	const page = await get(PUBLIC, `${path}?lang=${lang}`, { jar });
	assert.equal(page.status, 200, `${path}: ${page.status}`);
	return { jar, csrf: csrfOf(page.text), page };
}

const bySerial = (serial, lang = 'en') =>
	get(PUBLIC, `/verify?serial=${encodeURIComponent(serial)}&lang=${lang}`);

async function byPayload(payload, lang = 'en') {
	const v = await visitor(lang);
	return post(PUBLIC, '/verify', { csrf: v.csrf, payload },
		{ jar: v.jar, headers: origin });
}

// The verdict heading of a page ("" when none).
const verdict = (html) => /<h2 id="verdict-h">([^<]*)<\/h2>/.exec(html)?.[1] ?? '';

// A page is light, has no script.
function light(r) {
	const n = Buffer.byteLength(r.text, 'utf8');
	assert.ok(n < 30 * 1024, `page weighs ${n} bytes`);
	assert.doesNotMatch(r.text, /<script/i);
}

before(async () => {
	key = makeKey();
	person = makePerson(`Verify${process.pid}`);
	tmp = mkdtempSync(join(tmpdir(), 'havre-verify-http-'));
	// A worker that read its keyring in the last second reloads it for
	// a key it lacks only a second later.
	await sleep(1100);
	genuine = issue(key, person, FACTS);
	expired = issue(key, person, { ...FACTS, until: dayFromToday(-1) });
	revoked = issue(key, person, FACTS);
	sql(`UPDATE issued_document SET revoked_at = UTC_TIMESTAMP(6),
		revoke_reason = 'test: re-issued' WHERE id = ${revoked.id}`);

	// The PDF: a source uploaded to an act, stored by the document
	// store as any upload.
	const a = makeAgent('vfoff', ['civil_status_officer']);
	const { jar } = await login(a.username, a.password);
	const page = await get(INTRANET, '/civil', { jar });
	officer = { jar, csrf: csrfOf(page.text) };
	let r = await post(INTRANET, '/civil', { csrf: officer.csrf, kind: 'birth',
		person }, { jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, `act: ${r.status} ${textOf(r.text).slice(0, 300)}`);
	const act = /\/civil\/(\d+)$/.exec(r.headers.get('location'))[1];
	const bytes = makePdf(`Document ${process.pid}`);
	const form = new FormData();
	form.append('csrf', officer.csrf);
	form.append('title', 'Issued document');
	form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'doc.pdf');
	r = await request(INTRANET, `/civil/${act}/sources`, { method: 'POST',
		jar, headers: { Origin: INTRANET }, body: form, timeout: 60000 });
	assert.equal(r.status, 303, `upload: ${r.status} ${textOf(r.text).slice(0, 300)}`);
	const file = sql(`SELECT file_id FROM civil_source WHERE act_id = ${act}
		AND kind = 'document'`)[0][0];
	pdf = { file, bytes };
	// A key retired after signing one document: what it signed stays
	// genuine, a signature dated after the retirement is not. (No
	// request reaches havre-civil between the key's making and its
	// retirement, so no worker keeps it open-ended.)
	const old = makeKey();
	await sleep(1100);
	const during = nowIso();
	await sleep(1100);
	const ret = admin(['keys', 'retire', '--id', old.id]);
	assert.equal(ret.status, 0, ret.stderr);
	await sleep(1100);
	retiredBefore = issue(old, person, { ...FACTS, issued: during });
	retiredAfter = issue(old, person, { ...FACTS, issued: nowIso() });
	clearThrottles();
});

after(() => {
	clearThrottles();
	if (tmp)
		rmSync(tmp, { recursive: true, force: true });
});

test('a genuine document: valid by its serial typed any way and by its QR code text, with only the minimum', async () => {
	const raw = genuine.serial.replace(/-/g, '');
	// lower case, no dashes, spaces; 0 typed as O and 1 as I or L
	const typed = [genuine.serial, raw.toLowerCase(),
		` ${raw.slice(0, 4)} ${raw.slice(4, 8)} ${raw.slice(8)} `,
		raw.replace(/0/g, 'O').replace(/1/g, 'l')];
	for (const s of typed) {
		const r = await bySerial(s);
		assert.equal(r.status, 200, s);
		assert.equal(verdict(r.text), 'Genuine and valid', s);
		light(r);
	}
	const r = await byPayload(genuine.payload);
	assert.equal(r.status, 200);
	assert.equal(verdict(r.text), 'Genuine and valid');
	const t = textOf(r.text);
	assert.match(t, new RegExp(`Serial number: ${genuine.serial}`));
	assert.match(t, /Document Certificate: this person is protected by the office/);
	assert.match(t, /Name العلي محمد/);
	assert.match(t, /Name in Latin letters AL-ALI MOHAMMED/);
	assert.match(t, /Date of birth 1990-05-17/);
	assert.match(t, new RegExp(`Valid until ${FACTS.until}`));
	assert.match(t, new RegExp(`Issued on ${new Date().toISOString().slice(0, 10)}`));
	// nothing else of the register: the key, the signature, the person
	assert.ok(!r.text.includes(key.id), 'the key id is shown');
	assert.ok(!r.text.includes(genuine.payload.slice(-20)), 'the signature is shown');
	assert.ok(!r.text.includes(`Verify${process.pid}`), 'the person record is shown');
	// A scanner's newline and spaces around the text do not matter.
	assert.equal(verdict((await byPayload(`  ${genuine.payload}\r\n`)).text), 'Genuine and valid');
});

test('a tampered document is not genuine, by its QR code text', async () => {
	const p = genuine.payload;
	for (const [from, to] of [['MOHAMMED', 'MOHAMED'], ['1990-05-17', '1990-05-18'],
		[`|${FACTS.until}|`, `|${dayFromToday(3000)}|`], ['|AP|', '|CN|']]) {
		const t = p.replace(from, to);
		assert.notEqual(t, p);
		const r = await byPayload(t);
		assert.equal(r.status, 200);
		assert.equal(verdict(r.text), 'Not genuine', `${from} -> ${to}`);
		assert.match(textOf(r.text), /Its signature does not match/);
		assert.ok(!r.text.includes('MOHAMED'), 'a tampered name is shown');
	}
	// the signature's first character changed
	const i = p.lastIndexOf('|') + 1;
	const s = p.slice(0, i) + (p[i] === 'A' ? 'B' : 'A') + p.slice(i + 1);
	assert.equal(verdict((await byPayload(s)).text), 'Not genuine');
	// genuinely signed with our key, but never recorded: not genuine
	const forged = signPayload(key, { ...FACTS, serial: newSerial() });
	const r = await byPayload(forged);
	assert.equal(verdict(r.text), 'Not genuine');
	assert.match(textOf(r.text), /The office's register holds no such document/);
	// recorded under its serial, but other facts signed for that serial
	const other = signPayload(key, { ...FACTS, serial: genuine.serial, givenLatin: 'OMAR' });
	assert.equal(verdict((await byPayload(other)).text), 'Not genuine');
});

test('an expired document: genuine but expired, by serial and by payload', async () => {
	for (const r of [await bySerial(expired.serial), await byPayload(expired.payload)]) {
		assert.equal(r.status, 200);
		assert.equal(verdict(r.text), 'Genuine, but expired');
		assert.match(textOf(r.text), new RegExp(`Valid until ${dayFromToday(-1)}`));
	}
});

test('a revoked document: revoked, by serial and by payload (its signature still holds)', async () => {
	for (const r of [await bySerial(revoked.serial), await byPayload(revoked.payload)]) {
		assert.equal(r.status, 200);
		assert.equal(verdict(r.text), 'Revoked');
		assert.match(textOf(r.text), /withdrew it/);
	}
});

test('a retired key: what it signed before stays genuine, a signature dated after its retirement is not', async () => {
	for (const r of [await bySerial(retiredBefore.serial), await byPayload(retiredBefore.payload)])
		assert.equal(verdict(r.text), 'Genuine and valid');
	for (const r of [await bySerial(retiredAfter.serial), await byPayload(retiredAfter.payload)]) {
		assert.equal(r.status, 200);
		assert.equal(verdict(r.text), 'Not genuine');
	}
});

test('an unknown serial is not genuine, and says the office issued none', async () => {
	const r = await bySerial(newSerial());
	assert.equal(r.status, 200);
	assert.equal(verdict(r.text), 'Not genuine');
	assert.match(textOf(r.text), /The office issued no document with this serial number/);
});

test('garbage is refused with a message or a not-genuine verdict, never a 5xx', async () => {
	const serials = ['zz', 'x'.repeat(41), '7K2M-9QXD-4TR', '7K2M-9QXD-4TRAA', 'UUUU-UUUU-UUUU',
		'<script>alert(1)</script>', "' OR 1=1 --", '%00', '٧K2M-9QXD-4TRA', 'é'.repeat(12),
		'\u202e7K2M9QXD4TRA', '7K2M\t9QXD\n4TRA'];
	for (const s of serials) {
		const r = await bySerial(s);
		assert.ok(r.status < 500, `serial ${JSON.stringify(s)}: ${r.status}`);
		assert.ok([200, 400, 422].includes(r.status), `serial ${JSON.stringify(s)}: ${r.status}`);
		assert.ok(!r.text.includes('<script>alert'), 'reflected unescaped');
	}
	const p = genuine.payload;
	const payloads = ['HV1', 'HV1|||||||||||', '|'.repeat(1599), 'x'.repeat(5000),
		p + p, p.replace('HV1', 'HV2'), p.slice(0, -1), `${p}|extra`,
		'<img src=x onerror=alert(1)>', p.replace(key.id, 'nokey'),
		p.replace(key.id, 'x'.repeat(40)), 'HV1|\u0000', p.replace('|', '\u2028|')];
	for (const s of payloads) {
		const r = await byPayload(s);
		assert.ok(r.status < 500, `payload ${JSON.stringify(s.slice(0, 40))}: ${r.status}`);
		assert.ok([200, 400, 422].includes(r.status), `payload ${s.slice(0, 40)}: ${r.status}`);
		if (r.status === 200)
			assert.equal(verdict(r.text), 'Not genuine', s.slice(0, 60));
		assert.ok(!r.text.includes('<img src=x'), 'reflected unescaped');
	}
	// no payload at all: the field's message
	const v = await visitor();
	const r = await post(PUBLIC, '/verify', { csrf: v.csrf, payload: '' },
		{ jar: v.jar, headers: origin });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-payload"/);
	// not on the intranet vhost
	assert.equal((await get(INTRANET, `/verify?serial=${genuine.serial}`)).status, 404);
});

test('five languages, Arabic right to left; each page under 30 KB without script', async () => {
	const words = {
		en: ['Genuine and valid', 'Not genuine', 'Revoked', 'Check a document issued by the office'],
		fr: ['Authentique et valide', 'Non authentique', 'Révoqué', 'Vérifier un document délivré par l’office'],
		ar: ['أصلية وسارية', 'غير أصلية', 'ملغاة', 'التحقق من وثيقة صادرة عن المكتب'],
		es: ['Auténtico y válido', 'No auténtico', 'Revocado', 'Verificar un documento expedido por la oficina'],
		ht: ['Otantik epi valab', 'Pa otantik', 'Anile', 'Verifye yon dokiman biwo a bay'],
	};
	for (const [lang, [valid, notGenuine, rev, title]] of Object.entries(words)) {
		let r = await bySerial(genuine.serial, lang);
		assert.deepEqual(htmlLangDir(r.text), { lang, dir: lang === 'ar' ? 'rtl' : 'ltr' });
		assert.equal(verdict(r.text), valid, lang);
		assert.ok(r.text.includes(title), `${lang}: ${title}`);
		light(r);
		r = await bySerial(newSerial(), lang);
		assert.equal(verdict(r.text), notGenuine, lang);
		light(r);
		r = await byPayload(revoked.payload, lang);
		assert.equal(verdict(r.text), rev, lang);
		light(r);
		for (const path of ['/verify/keys', '/verify/collect', `/verify/collect/${genuine.serial}`]) {
			const p = await get(PUBLIC, `${path}?lang=${lang}`);
			assert.equal(p.status, 200, `${path} ${lang}`);
			assert.deepEqual(htmlLangDir(p.text), { lang, dir: lang === 'ar' ? 'rtl' : 'ltr' });
			light(p);
		}
	}
});

test('the published keys: the page, the file as keys export-public prints it, and havre-verify accepts our payloads with it', async () => {
	const page = await get(PUBLIC, '/verify/keys?lang=en');
	assert.equal(page.status, 200);
	assert.ok(page.text.includes(`<dd><span dir="ltr">${key.id}</span></dd>`));
	assert.match(page.text, /href="\/verify\/keys.txt"/);
	const file = await get(PUBLIC, '/verify/keys.txt');
	assert.equal(file.status, 200);
	assert.match(file.headers.get('content-type'), /^text\/plain/);
	assert.match(file.headers.get('content-disposition'), /attachment; filename="havre-keys.txt"/);
	const exported = admin(['keys', 'export-public']);
	assert.equal(exported.status, 0, exported.stderr);
	assert.equal(file.text, exported.stdout);
	assert.match(file.text, new RegExp(`^${key.id} \\S+Z - [A-Za-z0-9_-]{43}$`, 'm'));
	// The offline verifier, with the downloaded file: the documentation
	// (by which the payloads were built) matches libcertify.
	const verifier = join(process.env.HAVRE_BUILD ?? 'build', 'havre-verify');
	const keyFile = join(tmp, 'havre-keys.txt');
	writeFileSync(keyFile, file.text);
	const run = (p) => spawnSync(verifier, ['--key', keyFile, p], { encoding: 'utf8' });
	let v = run(genuine.payload);
	assert.equal(v.status, 0, v.stdout + v.stderr);
	assert.match(v.stdout, /^genuine and valid$/m);
	assert.match(v.stdout, /^name: العلي محمد$/m);
	v = run(expired.payload);
	assert.equal(v.status, 1, v.stdout + v.stderr);
	v = run(genuine.payload.replace('MOHAMMED', 'MOHAMED'));
	assert.equal(v.status, 2, v.stdout + v.stderr);
	assert.equal(run(retiredBefore.payload).status, 0);
	v = run(retiredAfter.payload);
	assert.equal(v.status, 2, v.stdout + v.stderr);
	assert.match(v.stdout, /issued outside its key's validity/);
});

// --- delivery ---

// Offer document d again to phone as the officer; returns the answer.
function offer(d, phone) {
	return post(INTRANET, `/civil/documents/${d.id}/offer`,
		{ csrf: officer.csrf, phone }, { jar: officer.jar, headers: { Origin: INTRANET } });
}

let phoneSeq = Math.floor(Math.random() * 1000);
function freshPhone() {
	phoneSeq = (phoneSeq + 1) % 1000;
	return `+3367${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(3, '0')}`;
}

// The newest SMS to phone after `count` earlier ones; returns {text, code, ucs2}.
async function smsTo(phone, count) {
	const got = await waitFor(() => {
		const m = received().filter((x) => x.to === phone);
		return m.length > count ? m[m.length - 1] : undefined;
	}, 20000);
	assert.ok(got, `no SMS reached ${phone}`);
	const code = /\b(\d{8})\b/.exec(got.text)?.[1];
	assert.ok(code, `no code in: ${got.text}`);
	return { text: got.text, code, ucs2: got.ucs2 };
}
const sent = (phone) => received().filter((x) => x.to === phone).length;

// Give serial and code as a visitor; returns the answer.
async function collect(serial, code, jar = new CookieJar()) {
	const page = await get(PUBLIC, `/verify/collect/${serial}?lang=en`, { jar });
	assert.equal(page.status, 200);
	return post(PUBLIC, '/verify/collect', { csrf: csrfOf(page.text), serial, code },
		{ jar, headers: origin });
}

// A document with the PDF, offered to a fresh phone; returns {doc, phone, sms}.
async function offered(lang = 'fr') {
	const doc = issue(key, person, FACTS, { pdf: pdf.file, lang });
	const phone = freshPhone();
	const n = sent(phone);
	const r = await offer(doc, phone);
	assert.equal(r.status, 303, `offer: ${r.status} ${textOf(r.text).slice(0, 300)}`);
	return { doc, phone, sms: await smsTo(phone, n) };
}

const codeRows = (d) => sql(`SELECT COALESCE(closed_why, '-'), attempts,
	used_at IS NOT NULL FROM civil_delivery_code WHERE document_id = ${d.id} ORDER BY id`);

test('delivery: the SMS holds the link and the code; a wrong code is refused, the right one downloads the PDF, again while its proof holds', async () => {
	clearThrottles();
	const { doc, phone, sms } = await offered('fr');
	assert.ok(sms.text.includes(`${PUBLIC}/verify/collect/${doc.serial}`), sms.text);
	// folded to GSM-7: ê has no place in it
	assert.match(sms.text, /^Votre document [0-9A-Z-]{14} est pret\. /);
	assert.equal(sms.ucs2, false, 'the French SMS is GSM-7');
	// only a MAC is stored, never the code; the audit names no code
	const stored = sql(`SELECT code_mac FROM civil_delivery_code WHERE document_id = ${doc.id}`);
	assert.equal(stored.length, 1);
	assert.match(stored[0][0], /^[0-9a-f]{64}$/);
	assert.ok(!stored[0][0].includes(sms.code));
	const audit = sql(`SELECT action, COALESCE(changes, '') FROM audit_event
		WHERE entity = 'issued_document' AND entity_id = '${doc.id}'`);
	assert.deepEqual(audit.map((a) => a[0]), ['offered']);
	assert.ok(!audit[0][1].includes(sms.code) && !audit[0][1].includes(phone));

	// a wrong code: refused with the one message, one attempt counted
	const wrong = sms.code === '12345678' ? '87654321' : '12345678';
	let r = await collect(doc.serial, wrong);
	assert.equal(r.status, 422);
	assert.match(textOf(r.text), /We cannot give a document for this serial number and code/);
	assert.deepEqual(codeRows(doc), [['-', '1', '0']]);

	// the right code (typed with a space, the serial in lower case)
	const jar = new CookieJar();
	r = await collect(doc.serial.toLowerCase(), `${sms.code.slice(0, 4)} ${sms.code.slice(4)}`, jar);
	assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
	assert.equal(r.headers.get('location'), `/verify/collect/${doc.serial}/pdf`);
	const fetchPdf = () => fetch(new URL(`/verify/collect/${doc.serial}/pdf`, PUBLIC),
		{ headers: { Cookie: jar.header() }, redirect: 'manual' });
	for (let i = 0; i < 2; i++) {
		const res = await fetchPdf();
		assert.equal(res.status, 200);
		assert.equal(res.headers.get('content-type'), 'application/pdf');
		assert.match(res.headers.get('content-disposition'), new RegExp(`attachment; filename="?${doc.serial}.pdf`));
		assert.ok(Buffer.from(await res.arrayBuffer()).equals(pdf.bytes), 'the stored PDF');
	}
	assert.deepEqual(codeRows(doc), [['used', '1', '1']]);
	assert.equal(sql(`SELECT COUNT(*) FROM access_event WHERE entity = 'issued_document'
		AND entity_id = '${doc.id}' AND reason = 'collect:person'`)[0][0], '2');
	assert.deepEqual(sql(`SELECT action FROM audit_event WHERE entity = 'issued_document'
		AND entity_id = '${doc.id}' ORDER BY seq`).map((a) => a[0]), ['offered', 'collected']);

	// the code was used: refused; without the proof the PDF is not served
	r = await collect(doc.serial, sms.code);
	assert.equal(r.status, 422);
	const res = await fetch(new URL(`/verify/collect/${doc.serial}/pdf`, PUBLIC), { redirect: 'manual' });
	assert.equal(res.status, 303);
	assert.equal(res.headers.get('location'), `/verify/collect/${doc.serial}`);
	// a forged proof neither
	const forged = await fetch(new URL(`/verify/collect/${doc.serial}/pdf`, PUBLIC), {
		redirect: 'manual', headers: { Cookie: `cl_${doc.serial}=9999999999.${'0'.repeat(64)}` } });
	assert.equal(forged.status, 303);
});

test('delivery in Arabic: the SMS in Arabic with the link and the code', async () => {
	clearThrottles();
	const { doc, sms } = await offered('ar');
	assert.equal(sms.ucs2, true);
	assert.match(sms.text, /وثيقتك/);
	assert.ok(sms.text.includes(`/verify/collect/${doc.serial}`), sms.text);
	const r = await collect(doc.serial, sms.code);
	assert.equal(r.status, 303);
});

test('delivery: exhausted attempts, an expired code, a replaced code and a revoked document are refused', async () => {
	clearThrottles();
	// five wrong codes close the code: the right one is refused after
	let { doc, sms } = await offered();
	const wrong = sms.code === '00000000' ? '11111111' : '00000000';
	for (let i = 0; i < 5; i++)
		assert.equal((await collect(doc.serial, wrong)).status, 422);
	assert.deepEqual(codeRows(doc), [['attempts', '5', '0']]);
	assert.equal((await collect(doc.serial, sms.code)).status, 422);
	clearThrottles();

	// expired
	({ doc, sms } = await offered());
	sql(`UPDATE civil_delivery_code SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND
		WHERE document_id = ${doc.id}`);
	assert.equal((await collect(doc.serial, sms.code)).status, 422);
	assert.deepEqual(codeRows(doc), [['-', '0', '0']]);

	// replaced: a second offer closes the first code
	const first = await offered();
	const phone = freshPhone();
	const n = sent(phone);
	assert.equal((await offer(first.doc, phone)).status, 303);
	const second = await smsTo(phone, n);
	assert.equal((await collect(first.doc.serial, first.sms.code)).status, 422);
	assert.deepEqual(codeRows(first.doc).map((c) => c[0]), ['replaced', '-']);
	assert.equal((await collect(first.doc.serial, second.code)).status, 303);

	// revoked: no offer, and a live code no longer downloads
	const late = await offered();
	sql(`UPDATE issued_document SET revoked_at = UTC_TIMESTAMP(6), revoke_reason = 'test'
		WHERE id = ${late.doc.id}`);
	assert.equal((await collect(late.doc.serial, late.sms.code)).status, 422);
	const r = await offer(late.doc, freshPhone());
	assert.equal(r.status, 409);
	assert.match(textOf(r.text), /This document was revoked/);
	// unknown document, a document without its PDF
	assert.equal((await offer({ id: 999999999 }, freshPhone())).status, 404);
	const bare = issue(key, person, FACTS);
	assert.equal((await offer(bare, freshPhone())).status, 409);
	// the refused offers made no code (the revoked one keeps its old,
	// now useless one)
	assert.deepEqual(codeRows(late.doc), [['-', '0', '0']]);
	assert.deepEqual(codeRows(bare), []);
	clearThrottles();
});

test('delivery: guessing codes gets 429 after 10 failures for a serial', async () => {
	clearThrottles();
	const { doc, sms } = await offered();
	// other documents' codes: the serial's failures still count
	for (let i = 0; i < 10; i++) {
		const r = await collect(doc.serial, 'not a code');
		assert.equal(r.status, 422, `try ${i}`);
	}
	const r = await collect(doc.serial, sms.code);
	assert.equal(r.status, 429);
	assert.match(textOf(r.text), /Too many attempts/);
	assert.deepEqual(codeRows(doc), [['-', '0', '0']], 'nothing checked while throttled');
	clearThrottles();
});

test('delivery: garbage in the download form and paths is refused, never a 5xx', async () => {
	clearThrottles();
	const jar = new CookieJar();
	const page = await get(PUBLIC, '/verify/collect?lang=fr', { jar });
	assert.equal(page.status, 200);
	const csrf = csrfOf(page.text);
	for (const [serial, code] of [['', ''], ['x'.repeat(41), '1'], ['<script>alert(1)</script>', '12345678'],
		['é'.repeat(12), '12345678'], [newSerial(), '1'.repeat(30)], [newSerial(), '١٢٣٤٥٦٧٨'],
		[`${newSerial()}\u0000`, '12345678'], ["' OR 1=1 --", "' OR 1=1 --"]]) {
		const r = await post(PUBLIC, '/verify/collect', { csrf, serial, code },
			{ jar, headers: origin });
		assert.ok([422, 400].includes(r.status), `${JSON.stringify([serial, code])}: ${r.status}`);
		assert.ok(!r.text.includes('<script>alert'), 'reflected unescaped');
	}
	for (const path of ['/verify/collect/zz/pdf', '/verify/collect/%00/pdf',
		`/verify/collect/${'A'.repeat(70)}/pdf`, '/verify/collect/..%2F..%2Fetc/pdf',
		`/verify/collect/${newSerial().toLowerCase()}/pdf`]) {
		const r = await get(PUBLIC, path);
		assert.ok(r.status < 500, `${path}: ${r.status}`);
		assert.ok([303, 400, 404].includes(r.status), `${path}: ${r.status}`);
	}
	// without the form's CSRF token: refused, nothing checked
	const r = await post(PUBLIC, '/verify/collect', { serial: newSerial(), code: '12345678' },
		{ headers: origin });
	assert.equal(r.status, 403);
	clearThrottles();
});

test('delivery: without a phone typed, the code goes to the person\'s newest phone; no phone at all is refused', async () => {
	clearThrottles();
	const who = makePerson(`Vphone${process.pid}`);
	const doc = issue(key, who, FACTS, { pdf: pdf.file, lang: 'es' });
	let r = await offer(doc, '');
	assert.equal(r.status, 409);
	assert.match(textOf(r.text), /No mobile phone number for this person/);
	assert.deepEqual(codeRows(doc), []);
	const older = freshPhone();
	const newer = freshPhone();
	sql(`INSERT INTO person_contact (person_id, kind, value, created_at) VALUES
		(${who}, 'phone', '${older}', UTC_TIMESTAMP(6));
		INSERT INTO person_contact (person_id, kind, value, created_at) VALUES
		(${who}, 'phone', '${newer}', UTC_TIMESTAMP(6))`);
	const n = sent(newer);
	r = await offer(doc, '');
	assert.equal(r.status, 303);
	const sms = await smsTo(newer, n);
	assert.match(sms.text, /^Su documento [0-9A-Z-]{14} esta listo\. /, 'in Spanish, folded to GSM-7');
	assert.equal(sent(older), 0);
	assert.equal((await collect(doc.serial, sms.code)).status, 303);
});

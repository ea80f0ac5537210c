// tests/http/sms-documents.test.mjs: the confirmation SMS names every
// document to bring (issue 13 item 1). An applicant books on the public
// site (/book), in French, Arabic, Kreyòl and English, at an office
// whose name has an em dash (outside GSM-7) for a service with five
// documents; what the fake SMSC behind Kannel received must name each
// of them, be GSM-7 for the Latin-script languages, and take at most 4
// parts, or come as two messages (the second naming the documents). A
// service with a long list splits; short forms are used when set; a
// service with no documents says so in the booking's language; an
// office without an address reads without ", .".
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { CookieJar, INTRANET, PUBLIC, get, login, makeAgent, post, sql,
	waitFor } from './lib.mjs';
import { freshPhone, makeSite } from './appointments-fixture.mjs';
import { received, shownRef } from './sms-fixture.mjs';

const ZONE = 'Europe/Paris';
const origin = { Origin: PUBLIC };
const csrfOf = (text) => /name="csrf" value="([0-9a-f]{64})"/.exec(text)?.[1];
const esc = (s) => s.replace(/'/g, "''");

// Five documents per language, as an agency writes them.
const DOCS = {
	fr: ['Votre passeport ou carte d’identité actuelle',
		'Deux photographies d’identité récentes (moins de 6 mois)',
		'Un justificatif de domicile de moins de 3 mois',
		'L’acte de naissance intégral', 'Le timbre fiscal de 86 €'],
	ar: ['جواز سفرك أو بطاقة هويتك الحالية', 'صورتان حديثتان',
		'إثبات عنوان السكن', 'شهادة الميلاد', 'الطابع الضريبي'],
	ht: ['Paspò oswa kat idantite ou genyen kounye a', 'De foto resan',
		'Prèv adrès ki gen mwens pase 3 mwa', 'Batistè ou', 'Tenm fiskal la'],
	en: ['Your current passport or identity card',
		'Two recent photographs (less than 6 months old)',
		'Proof of address less than 3 months old',
		'Your full birth certificate', 'The tax stamp of 86 €'],
};
// A service with a long list (seven lines: too long for one message, not
// for a second one of 4 parts), with short forms for English (nine lines).
const LONG = [...Array(7).keys()].map((i) =>
	`Original et copie certifiée conforme de la pièce justificative numéro ${i + 1}`);
const LONG_EN = [...Array(9).keys()].map((i) =>
	`Original and certified copy of supporting document number ${i + 1}`);
const LONG_EN_SHORT = [...Array(9).keys()].map((i) => `Doc ${i + 1}`);

let S;		// site and the five-document service
let longService, noneService, bareSite;
let day;

// Local date YYYY-MM-DD in the site's zone, n days from today.
function localDay(n) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE })
		.format(new Date(Date.now() + n * 86400000));
}

function addService(code, texts) {
	sql(`INSERT INTO service (code, duration_minutes, needs_document)
		VALUES ('${code}', 20, 0)`);
	const id = Number(sql(`SELECT id FROM service WHERE code = '${code}'`)[0][0]);
	for (const [lang, [docs, shorts]] of Object.entries(texts))
		sql(`INSERT INTO service_text (service_id, lang, name, documents,
			documents_short) VALUES (${id}, '${lang}', 'Service ${code}',
			'${esc(docs.join('\n'))}', '${esc((shorts ?? []).join('\n'))}')`);
	sql(`INSERT INTO service_offer (service_id, level_id, channel)
		SELECT ${id}, id, 'web' FROM service_level WHERE code = 'regular'`);
	return id;
}

before(() => {
	S = makeSite({ capacity: { web: 20 } });
	sql(`UPDATE site SET name = 'Paris — Bureau des étrangers ${S.site.slice(-6)}',
		address = '12 rue de la Cité, 75004 Paris' WHERE id = ${S.siteId};
	DELETE FROM service_text WHERE service_id = ${S.serviceId}`);
	for (const [lang, docs] of Object.entries(DOCS))
		sql(`INSERT INTO service_text (service_id, lang, name, documents)
			VALUES (${S.serviceId}, '${lang}', 'Passeport ${lang}',
			'${esc(docs.join('\n'))}')`);
	longService = addService(`${S.service}-l`.slice(0, 32), {
		en: [LONG_EN, LONG_EN_SHORT], fr: [LONG], ht: [LONG] });
	noneService = addService(`${S.service}-n`.slice(0, 32), {
		en: [[]], fr: [[]], ht: [[]], ar: [[]] });
	// The same site without an address (its own copy).
	const bare = makeSite({ capacity: { web: 20 } });
	sql(`UPDATE site SET address = '' WHERE id = ${bare.siteId}`);
	bareSite = bare;
	day = localDay(3);
	sql("DELETE FROM rate_hit WHERE bucket IN ('book_confirm', 'book_manage')");
});

// Book as an applicant on the public site: the day's times, the
// details form, confirm. Returns the appointment's {id, reference, phone}.
async function book(site, service, lang, n) {
	const jar = new CookieJar();
	const q = `site=${site.siteId}&service=${service}&level=${site.levels.regular}`;
	const times = await get(PUBLIC, `/book/slot?${q}&day=${day}&lang=${lang}`, { jar });
	assert.equal(times.status, 200, 'the day\'s times');
	const slot = sql(`SELECT id FROM slot_quota WHERE site_id = ${site.siteId}
		AND level_id = ${site.levels.regular} AND channel = 'web'
		AND local_day = '${day}' AND local_time = '${9 + (n % 8)}:00:00'`)[0][0];
	const form = await get(PUBLIC, `/book/details?${q}&slot=${slot}&lang=${lang}`, { jar });
	assert.equal(form.status, 200, 'the details form');
	const phone = freshPhone();
	const r = await post(PUBLIC, '/book/confirm', {
		csrf: csrfOf(form.text), site: site.siteId, service,
		level: site.levels.regular, slot, family_name: `Docs${n}${process.pid}`,
		given_names: 'Nadia', phone, document_number: `D${process.pid}x${n}`,
		language: lang,
	}, { jar, headers: origin });
	assert.equal(r.status, 303, `booking refused: ${r.text.slice(0, 300)}`);
	sql("DELETE FROM rate_hit WHERE bucket = 'book_confirm'");
	const row = sql(`SELECT id, reference, lang FROM appointment
		WHERE phone = '${phone}'`)[0];
	assert.equal(row[2], lang, 'booked in the chosen language');
	return { id: row[0], reference: row[1], phone };
}

// The messages the phone received once the outbox sent them all.
async function messagesFor(b) {
	const n = Number(sql(`SELECT COUNT(*) FROM outbox_message
		WHERE entity = 'appointment' AND entity_id = ${b.id}`)[0][0]);
	assert.ok(n >= 1, 'a message was queued');
	const got = await waitFor(() => {
		const m = received().filter((x) => x.to === b.phone);
		return m.length >= n ? m : undefined;
	}, 20000);
	assert.ok(got, `${n} message(s) expected at the fake SMSC`);
	return got;
}

// The checks every confirmation passes.
function checkMessages(msgs, b, docs, latin) {
	const all = msgs.map((m) => m.text).join('\n');
	for (const d of docs)
		assert.ok(all.includes(d), `"${d}" is named in:\n${all}`);
	assert.ok(msgs.length <= 2, `${msgs.length} messages`);
	for (const m of msgs) {
		assert.ok(m.parts <= 4, `${m.parts} parts: ${m.text}`);
		if (latin)
			assert.equal(m.ucs2, false, `GSM-7 expected: ${m.text}`);
	}
	const rows = sql(`SELECT coding, segments FROM outbox_message
		WHERE entity = 'appointment' AND entity_id = ${b.id} ORDER BY id`);
	for (const [coding, segments] of rows) {
		assert.ok(Number(segments) <= 4, `${segments} parts queued`);
		if (latin)
			assert.equal(coding, '1', 'queued as GSM-7');
	}
	if (msgs.length === 2)
		assert.ok(msgs[1].text.includes(shownRef(b.reference)),
			'the second message names the booking');
	assert.doesNotMatch(all, /, \./, 'no empty list item');
	return all;
}

// The documents as the GSM-7 fold writes them (’ and the em dash).
const folded = (s) => s.replace(/[’‘]/g, "'").replace(/—/g, '-');

let n = 0;
for (const lang of ['fr', 'ar', 'ht', 'en']) {
	test(`a booking in ${lang} names the five documents (${lang === 'ar' ?
		'UCS-2' : 'GSM-7 despite the em dash'})`, async () => {
		const b = await book(S, S.serviceId, lang, n++);
		const msgs = await messagesFor(b);
		const latin = lang !== 'ar';
		const all = checkMessages(msgs, b, latin ? DOCS[lang].map(folded) :
			DOCS[lang], latin);
		if (latin)
			assert.ok(all.includes('Paris - Bureau des étrangers'),
				`the site's dash folded, é kept: ${all}`);
		assert.ok(all.includes('12 rue de la Cité'), 'the address');
		assert.doesNotMatch(all, /\band \d+ more\b|\bet \d+ autres\b/,
			'nothing left out');
		if (lang !== 'en')
			assert.doesNotMatch(all, /Bring|Nothing/, 'no English fragment');
	});
}

test('a list too long for one message goes in a second one, sent with it (fr, ht)', async () => {
	for (const lang of ['fr', 'ht']) {
		const b = await book(S, longService, lang, n++);
		const msgs = await messagesFor(b);
		assert.equal(msgs.length, 2, `two messages in ${lang}`);
		checkMessages(msgs, b, LONG, true);
		assert.match(msgs[0].text, lang === 'fr' ? /Apportez : la liste dans le SMS suivant\./ :
			/Pote: lis la nan pwochen SMS la\./);
	}
});

test('short forms keep a long list in one message (en)', async () => {
	const b = await book(S, longService, 'en', n++);
	const msgs = await messagesFor(b);
	assert.equal(msgs.length, 1);
	checkMessages(msgs, b, LONG_EN_SHORT, true);
	assert.match(msgs[0].text, /Bring: Doc 1, Doc 2, Doc 3, Doc 4, Doc 5, Doc 6, Doc 7, Doc 8, Doc 9\./);
});

test('nothing to bring, said in the booking\'s language', async () => {
	const want = { fr: 'Apportez : aucun document.', ht: 'Pote: anyen.',
		ar: 'أحضر: لا شيء.', en: 'Bring: nothing.' };
	for (const lang of Object.keys(want)) {
		const b = await book(S, noneService, lang, n++);
		const [m] = await messagesFor(b);
		assert.ok(m.text.includes(want[lang]), `${lang}: ${m.text}`);
		if (lang !== 'en')
			assert.doesNotMatch(m.text, /Nothing|Bring/);
	}
});

test('an office without an address: no ", ." in any language', async () => {
	for (const lang of ['fr', 'ar']) {
		const b = await book(bareSite, bareSite.serviceId, lang, n++);
		const [m] = await messagesFor(b);
		assert.doesNotMatch(m.text, /, \.|، \./, m.text);
		assert.ok(m.text.includes(`Site ${bareSite.site}`), m.text);
	}
});

test('the supervisor sets short forms on the service form; more lines than documents are refused', async () => {
	const a = makeAgent('smsdocs', ['supervisor']);
	const { jar } = await login(a.username, a.password);
	const form = await get(INTRANET, `/appointments/services/${S.serviceId}`, { jar });
	assert.equal(form.status, 200);
	assert.match(form.text, /name="short_fr"/);
	assert.match(form.text, /Short forms for SMS, line by line/);
	const version = /name="version" value="(\d+)"/.exec(form.text)[1];
	const fields = { csrf: csrfOf(form.text), version, code: S.service,
		duration_minutes: '20', active: '1', offer_regular_web: '1' };
	for (const [lang, docs] of Object.entries(DOCS)) {
		fields[`name_${lang}`] = `Passeport ${lang}`;
		fields[`docs_${lang}`] = docs.join('\r\n');
	}
	// Six short forms for five documents: refused at the field.
	const bad = await post(INTRANET, `/appointments/services/${S.serviceId}`,
		{ ...fields, short_fr: 'a\nb\nc\nd\ne\nf' },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /id="e-short_fr"[^>]*>[^<]*more short forms than documents/);
	// The second line left empty keeps that document as written.
	const ok = await post(INTRANET, `/appointments/services/${S.serviceId}`,
		{ ...fields, short_fr: ' Passeport ou CNI \r\n\r\nJustificatif de domicile\r\n\r\n' },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	assert.equal(sql(`SELECT documents_short FROM service_text
		WHERE service_id = ${S.serviceId} AND lang = 'fr'`)[0][0],
	'Passeport ou CNI\\n\\nJustificatif de domicile');
	const again = await get(INTRANET, `/appointments/services/${S.serviceId}`, { jar });
	assert.match(again.text, /Passeport ou CNI\n\nJustificatif de domicile<\/textarea>/);
});

test('the template editor shows the worst case in parts, with the second SMS', async () => {
	const a = makeAgent('smsworst', ['supervisor']);
	const { jar } = await login(a.username, a.password);
	const id = sql(`SELECT id FROM message_template WHERE event = 'confirmation'
		AND lang = 'fr'`)[0][0];
	const page = await get(INTRANET, `/notify/templates/${id}`, { jar });
	assert.equal(page.status, 200);
	// Some service's French list (this file's seven long lines, if no
	// longer one) does not fit with the text: the second SMS is shown.
	assert.match(page.text, /Worst case: the longest site name and address, and the documents of service <code dir="ltr">[^<]+<\/code>/);
	const first = /class="segments">SMS parts: <strong>(\d)<\/strong> \(GSM-7/.exec(page.text);
	assert.ok(first, 'the first SMS counted in GSM-7');
	assert.ok(Number(first[1]) <= 4);
	// Its length says what it counts ("153 per part; 412 characters").
	const len = /class="segments">SMS parts: <strong>\d<\/strong> \(GSM-7[^;)]*; (\d+) characters\)/.exec(page.text);
	assert.ok(len, 'the length with its unit');
	const parts = Number(first[1]), n = Number(len[1]);
	assert.ok(parts === 1 ? n <= 160 : n > 160 && n <= 153 * parts,
		`${n} characters in ${parts} parts`);
	const second = /class="segments">Second SMS \(the documents\): <strong>(\d)<\/strong>/.exec(page.text);
	assert.ok(second, 'the second SMS counted');
	assert.ok(Number(second[1]) <= 4);
	assert.match(page.text, /Apportez : la liste dans le SMS suivant/);
	const list = await get(INTRANET, '/notify/templates', { jar });
	assert.equal(list.status, 200);
	assert.match(list.text, /\(GSM-7[^)]*\) \+ \d \(second SMS\)/);
});

// tests/http/wording.test.mjs: issue 13 item 9, the words an applicant
// reads on the public booking site, in every language it offers:
// - counts follow each language's CLDR plural rules ("1 place left",
//   "2 places left"; French 0 and 1 singular; Arabic's forms for 1, 2,
//   3-10, 11-99 and 100, the forms for 1 and 2 said in words without a
//   digit: "مكانان متبقيان", never "2 مكانان");
// - the details page of a time someone has just taken says that this
//   time was taken and leads back to that day's times (not "the day is
//   full");
// - a day typed as 2026-13-45 (or 2026-02-30) is called an invalid
//   date, not a day the office is closed;
// - times are said to be the office's local time in words, never with
//   a zone id such as Europe/Paris.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { PUBLIC, get, htmlLangDir, sql } from './lib.mjs';
import { makeSite } from './appointments-fixture.mjs';

const ZONE = 'Europe/Paris';

function localDay(n) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE })
		.format(new Date(Date.now() + n * 86400000));
}

// The visible text of a page.
const textOf = (html) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

let S;
let day;
const q = () => `site=${S.siteId}&service=${S.serviceId}&level=${S.levels.regular}`;

// The web slot of the regular level at hh:00 on day.
const slotAt = (h) => sql(`SELECT id FROM slot_quota WHERE site_id = ${S.siteId}
	AND level_id = ${S.levels.regular} AND channel = 'web' AND local_day = '${day}'
	AND local_time = '${String(h).padStart(2, '0')}:00:00'`)[0][0];

// Places left at 9, 10, 11, 12, 13, 14 and 15 o'clock.
const LEFT = { 9: 1, 10: 2, 11: 3, 12: 11, 13: 100, 14: 0, 15: 102 };

before(async () => {
	S = makeSite({ capacity: { web: 4, callcentre: 2 },
		times: [9, 10, 11, 12, 13, 14, 15, 16] });
	sql(`INSERT INTO service_text (service_id, lang, name, documents) VALUES
		(${S.serviceId}, 'ar', 'خدمة', 'جواز السفر'),
		(${S.serviceId}, 'es', 'Servicio', 'Pasaporte'),
		(${S.serviceId}, 'ht', 'Sèvis', 'Paspò')`);
	day = localDay(3);
	// The day's slots are made when its page is first shown.
	const r = await get(PUBLIC, `/book/slot?${q()}&day=${day}`);
	assert.equal(r.status, 200);
	for (const [h, left] of Object.entries(LEFT))
		sql(`UPDATE slot_quota SET capacity = ${left + 1}, booked = 1
			WHERE id = ${slotAt(h)}`);
});

test('places left follow each language\'s plural rules', async () => {
	const want = {
		en: ['1 place left', '2 places left', '3 places left', '11 places left',
			'100 places left', '102 places left'],
		fr: ['1 place restante', '2 places restantes', '3 places restantes',
			'11 places restantes', '100 places restantes'],
		es: ['1 plaza disponible', '2 plazas disponibles', '11 plazas disponibles'],
		ht: ['1 plas ki rete', '2 plas ki rete', '100 plas ki rete'],
		// one, two, few (3-10), many (11-99), other (100, 102); one and
		// two say their number in words, without digits (as CLDR's
		// Arabic patterns: مكانان is "two places")
		ar: ['مكان واحد متبقٍ', 'مكانان متبقيان', '3 أماكن متبقية',
			'11 مكانًا متبقيًا', '100 مكان متبقٍ', '102 مكان متبقٍ'],
	};
	const never = {
		en: ['1 places left', '2 place left'],
		fr: ['1 places restantes', '2 place restante '],
		es: ['1 plazas', '2 plaza disponible'],
		ar: ['2 أماكن متبقية', '11 أماكن متبقية', '1 أماكن متبقية',
			'2 مكانان', '1 مكان', '1 مكان واحد'],
		ht: [],
	};
	for (const [lang, phrases] of Object.entries(want)) {
		const r = await get(PUBLIC, `/book/slot?${q()}&day=${day}&lang=${lang}`);
		assert.equal(r.status, 200, lang);
		assert.equal(htmlLangDir(r.text).lang, lang);
		const text = textOf(r.text);
		// A phrase starting at a number's first digit ("1 places" is not
		// the end of "11 places").
		const has = (p) => new RegExp(`(^|[^0-9])${p}`).test(text);
		for (const p of phrases)
			// (the forms said in words: never after a count, see never)
			assert.ok(/^[0-9]/.test(p) ? has(p) : text.includes(p),
				`${lang}: "${p}" in ${text.slice(0, 2000)}`);
		for (const p of never[lang])
			assert.ok(!has(p), `${lang}: never "${p}"`);
	}
});

// A day of the calendar with one free place: "1 libre", not "1 libres".
test('the calendar\'s free places of a day follow each language\'s plural rules', async () => {
	const d1 = localDay(5);
	const made = await get(PUBLIC, `/book/slot?${q()}&day=${d1}`);
	assert.equal(made.status, 200);
	sql(`UPDATE slot_quota SET capacity = booked WHERE site_id = ${S.siteId}
		AND level_id = ${S.levels.regular} AND channel = 'web' AND local_day = '${d1}';
		UPDATE slot_quota SET capacity = booked + 1 WHERE site_id = ${S.siteId}
		AND level_id = ${S.levels.regular} AND channel = 'web' AND local_day = '${d1}'
		AND local_time = '10:00:00'`);
	const want = { en: ['1 free'], fr: ['1 libre'], es: ['1 libre'],
		ht: ['1 disponib'], ar: ['1 متاح'] };
	const never = { en: [], fr: ['1 libres'], es: ['1 libres'], ht: [], ar: [] };
	for (const [lang, phrases] of Object.entries(want)) {
		const r = await get(PUBLIC, `/book/day?${q()}&month=${d1.slice(0, 7)}&lang=${lang}`);
		assert.equal(r.status, 200, lang);
		const cell = new RegExp(`day=${d1}"><span class="n">\\d+</span> <span class="st">([^<]+)</span>`).exec(r.text);
		assert.ok(cell, `${lang}: the day is a link with its count`);
		assert.equal(cell[1], phrases[0], `${lang}: the day with one free place`);
		const text = textOf(r.text);
		const has = (p) => new RegExp(`(^|[^0-9])${p}`).test(text);
		for (const p of never[lang])
			assert.ok(!has(p), `${lang}: never "${p}"`);
	}
});

test('a time someone has just taken says so and leads back to that day\'s times', async () => {
	const taken = slotAt(16);
	// Shown with a free place, then taken before the applicant goes on.
	const shown = await get(PUBLIC, `/book/slot?${q()}&day=${day}`);
	assert.match(shown.text, new RegExp(`slot=${taken}"`));
	sql(`UPDATE slot_quota SET booked = capacity WHERE id = ${taken}`);
	for (const [lang, title, not] of [
		['en', 'This time has just been taken', /no free place left on this day/],
		['fr', 'Cette heure vient d’être prise', /plus aucune place/i],
		['ht', 'Lè sa a fèk pran', /Pa gen plas disponib ankò jou sa a/],
	]) {
		const r = await get(PUBLIC, `/book/details?${q()}&slot=${taken}&lang=${lang}`);
		assert.equal(r.status, 409, lang);
		const text = textOf(r.text);
		assert.ok(text.includes(title), `${lang}: ${text.slice(0, 1500)}`);
		assert.doesNotMatch(text, not);
		assert.ok(r.text.includes(`/book/slot?${q().replace(/&/g, '&amp;')}&amp;day=${day}`),
			`${lang}: a link back to the times of ${day}`);
	}
});

test('a date that does not exist is called invalid, not a closed day', async () => {
	for (const bad of ['2026-13-45', '2026-02-30', 'tomorrow']) {
		for (const [lang, title, closed] of [
			['en', 'This date is not valid', /closed/i],
			['fr', 'Cette date n’est pas valide', /fermé/i],
			['es', 'Esta fecha no es válida', /cerrad/i],
		]) {
			const r = await get(PUBLIC, `/book/slot?${q()}&day=${encodeURIComponent(bad)}&lang=${lang}`);
			assert.equal(r.status, 422, `${bad} ${lang}`);
			const text = textOf(r.text);
			assert.ok(text.includes(title), `${bad} ${lang}: ${text.slice(0, 1500)}`);
			assert.doesNotMatch(text, closed, `${bad} ${lang}`);
		}
	}
	// A real day the office is closed keeps its own message.
	sql(`INSERT INTO site_closed (site_id, day, reason) VALUES
		(${S.siteId}, '${localDay(5)}', 'holiday')`);
	const r = await get(PUBLIC, `/book/slot?${q()}&day=${localDay(5)}`);
	assert.equal(r.status, 422);
	assert.doesNotMatch(textOf(r.text), /not valid/);
});

test('times are the office\'s local time in words, never a zone id', async () => {
	const words = {
		en: 'local time at the office', fr: 'heure locale du bureau',
		ar: 'بالتوقيت المحلي للمكتب', es: 'hora local de la oficina',
		ht: 'lè lokal biwo a',
	};
	const free = slotAt(11);
	for (const [lang, said] of Object.entries(words)) {
		for (const path of [`/book/slot?${q()}&day=${day}&lang=${lang}`,
			`/book/details?${q()}&slot=${free}&lang=${lang}`]) {
			const r = await get(PUBLIC, path);
			assert.equal(r.status, 200, `${lang} ${path}`);
			const text = textOf(r.text);
			assert.ok(text.includes(`(${said})`), `${lang} ${path}: ${text.slice(0, 1500)}`);
			// No zone id (Area/City) anywhere an applicant reads.
			assert.doesNotMatch(text, /\b(Europe|America|Africa|Asia|Atlantic|Indian|Pacific|Australia)\/[A-Za-z_-]+/,
				`${lang} ${path}`);
		}
	}
});

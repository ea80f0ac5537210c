// appointments-api-json.test.mjs: the partner API's booking body is
// validated by the route's field specs before the handler runs (a JSON
// object's members, as forms' fields): through nginx to the real
// havre-appointments and MariaDB, bad bodies sent to
// POST /appointments/api/v1/bookings get 400 {"error":"bad_json"} or
// 422 {"error":"invalid","errors":{member: message}} with the messages
// forms show, in the request's language; unknown members are dropped.
// One site serves the whole file and is closed at the end, so that the
// tests after this one do not walk its slots.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { INTRANET, request, sql } from './lib.mjs';
import { dayFromNow, freshPhone, makeKey, makeSite }
	from './appointments-fixture.mjs';

const BOOKINGS = '/appointments/api/v1/bookings';

const REQUIRED = 'This field is required.';
const NOT_STRING = 'This value must be a string.';
const TOO_LONG = 'This text is too long.';
const BAD_TEXT = 'This text contains characters that cannot be accepted.';
const ENUM = 'Choose one of the options offered.';
const PHONE = 'Enter a phone number in international format, for example ' +
	'+33 6 12 34 56 78.';

// POST body (a string or Buffer as is, else JSON) with key; query is
// appended to the path. Returns {status, json, res}.
async function book(key, body, { query = '', headers = {} } = {}) {
	const res = await request(INTRANET, BOOKINGS + query, {
		method: 'POST',
		headers: { Authorization: `Bearer ${key}`,
			Accept: 'application/json',
			'Content-Type': 'application/json', ...headers },
		body: (typeof body === 'string' || Buffer.isBuffer(body)) ?
			body : JSON.stringify(body),
	});
	let json = null;
	try {
		json = JSON.parse(res.text);
	} catch {
		// asserted by the callers
	}
	return { status: res.status, json, res };
}

// The site of every booking here; its service needs a document.
let fx;
before(() => {
	fx = makeSite({ needsDocument: true });
});
after(() => {
	sql(`UPDATE site SET active = 0 WHERE id = ${fx.siteId}`);
});

// A valid booking body for a new person, n days ahead at hour.
function valid(n, hour, extra = {}) {
	return { site: fx.site, service: fx.service, level: 'regular',
		start: `${dayFromNow(n)}T${String(hour).padStart(2, '0')}:00:00`,
		family_name: 'Okafor', given_names: `Ngozi ${Math.random()}`,
		phone: freshPhone(), language: 'en',
		document_number: `D${String(Math.random()).slice(2, 12)}`,
		...extra };
}

// Assert a 422 whose errors are exactly want ({member: message}).
function assertInvalid(r, want, what) {
	assert.equal(r.status, 422, `${what}: ${JSON.stringify(r.json)}`);
	assert.match(r.res.headers.get('content-type'), /^application\/json/);
	assert.equal(r.json.error, 'invalid', what);
	assert.deepEqual(r.json.errors, want, what);
}

test('bookings: bodies that are not one JSON object answer 400 bad_json',
	async () => {
		const key = makeKey();
		const bodies = [
			['not JSON', '{nope'],
			['empty body', ''],
			['an array', '[{"site":"x"}]'],
			['a string', '"booking"'],
			['null', 'null'],
			['text after the object', '{"site":"x"} {}'],
			['a duplicate member', '{"site":"a","site":"b"}'],
			['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x73, 0x69,
				0x74, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22,
				0x7d])],
			['a lone surrogate', '{"family_name":"\\ud800"}'],
			['a NUL escape', '{"family_name":"a\\u0000b"}'],
			['a number beyond doubles', '{"phone":1e400}'],
		];
		for (const [what, body] of bodies) {
			const r = await book(key, body);
			assert.equal(r.status, 400, `${what}: ${r.res.status}`);
			assert.deepEqual(r.json, { error: 'bad_json' }, what);
		}
		// Without a key the answer is 401 whatever the body.
		const anon = await request(INTRANET, BOOKINGS, { method: 'POST',
			headers: { Accept: 'application/json',
				'Content-Type': 'application/json' },
			body: '{nope' });
		assert.equal(anon.status, 401);
	});

test('bookings: one message per member, types, caps and the enum',
	async () => {
		const key = makeKey();
		const r = await book(key, {
			site: 123,
			service: ['passport'],
			level: null,
			family_name: 'É'.repeat(201),
			given_names: 'Ngozi\u0001',
			phone: '12',
			language: 'de',
			document_number: { number: 'X1' },
		}, { headers: { 'Accept-Language': 'en' } });
		assertInvalid(r, {
			site: NOT_STRING,
			service: NOT_STRING,
			level: REQUIRED,
			start: REQUIRED,
			family_name: TOO_LONG,
			given_names: BAD_TEXT,
			// No known site: a national number has no country.
			phone: PHONE,
			document_number: NOT_STRING,
			language: ENUM,
		}, 'every member wrong');
		// 200 code points of two bytes each are within the cap.
		const ok = await book(key, valid(6, 9,
			{ family_name: 'É'.repeat(200) }));
		assert.equal(ok.status, 201, JSON.stringify(ok.json));
		assert.equal(ok.json.family_name, 'É'.repeat(200));
	});

test('bookings: the checks that need the site come in the same 422',
	async () => {
		const key = makeKey();
		// The field specs refuse family_name and given_names; the site
		// checks still name the unknown level, the bad start and the
		// missing document in the same answer.
		const r = await book(key, { ...valid(5, 10), level: 'nope',
			start: 'tomorrow', family_name: '', given_names: 7,
			document_number: undefined });
		assertInvalid(r, {
			level: 'Unknown service level code.',
			start: 'Give the start as ISO 8601, for example ' +
				'2025-05-20T09:00:00+02:00.',
			family_name: REQUIRED,
			given_names: NOT_STRING,
			document_number: 'This service needs the number of an ' +
				'identity document.',
		}, 'specs and site checks together');
		// A document number with no letter or digit.
		const d = await book(key, valid(5, 10,
			{ document_number: '-- --' }));
		assertInvalid(d, { document_number: 'Enter the document ' +
			'number with its letters and digits.' }, 'document');
		// A start in the past.
		const p = await book(key, valid(-2, 10));
		assertInvalid(p, { start: 'This slot has already started. ' +
			'Choose a later one.' }, 'past');
	});

// Codes are ascii columns: a code in another script was a 500 ("Illegal
// mix of collations", found by probing after wapiti's, issue 19); it is
// an unknown code like any other.
test('codes typed in any script are unknown codes, never a 500', async () => {
	const key = makeKey();
	const r = await book(key, { ...valid(5, 11), site: 'pärïs', service: 'passéport' });
	assertInvalid(r, { site: 'Unknown site code.', service: 'Unknown service code.' },
		'site and service');
	const l = await book(key, { ...valid(5, 11), service: 'خدمة', level: 'régulier' });
	assertInvalid(l, { service: 'Unknown service code.', level: 'Unknown service level code.' },
		'service and level');
	const a = await request(INTRANET, `/appointments/api/v1/availability?site=${
		encodeURIComponent('é')}&service=${encodeURIComponent('中')}&level=${
		encodeURIComponent('ü')}`, { headers: { Authorization: `Bearer ${key}` } });
	assert.equal(a.status, 422, a.text);
	assert.deepEqual(JSON.parse(a.text).errors, { site: 'Unknown site code.',
		service: 'Unknown service code.', level: 'Unknown service level code.' });
});

test('bookings: messages in the request language', async () => {
	const key = makeKey();
	const r = await book(key, { site: 'x', service: 'y', level: 'z',
		start: '2030-01-01T09:00:00Z', given_names: 'A', phone: 42 },
	{ query: '?lang=fr' });
	assert.equal(r.status, 422);
	assert.equal(r.json.errors.family_name, 'Ce champ est obligatoire.');
	assert.equal(r.json.errors.phone,
		'Cette valeur doit être une chaîne.');
	assert.equal(r.json.errors.site, 'Code de site inconnu.');
});

test('bookings: unknown members are dropped, as forms drop unknown keys',
	async () => {
		const key = makeKey();
		const r = await book(key, valid(7, 11, { notes: 'x',
			status: 'arrived', channel: 'web', extra: { a: [1, 2] } }));
		assert.equal(r.status, 201, JSON.stringify(r.json));
		assert.equal(r.json.status, 'booked');
		assert.equal(r.json.channel, 'partner');
	});

test('bookings: huge numbers and values of the wrong type', async () => {
	const key = makeKey();
	const r = await book(key, valid(7, 12, {
		phone: 123456789012345678901234567890,
		language: true,
		start: 1767258000 }));
	assertInvalid(r, { phone: NOT_STRING, language: NOT_STRING,
		start: NOT_STRING }, 'numbers and booleans for strings');
	// Surrounding spaces are trimmed as in forms; null is absent.
	const t = await book(key, valid(7, 12, { site: `  ${fx.site} `,
		language: null, notes: null }));
	assert.equal(t.status, 201, JSON.stringify(t.json));
	assert.equal(t.json.site, fx.site);
	assert.equal(t.json.language, 'en');
});

test('bookings: a JSON body sent with another Content-Type is read',
	async () => {
		const key = makeKey();
		const r = await book(key, JSON.stringify(valid(8, 9)),
			{ headers: { 'Content-Type': 'text/plain' } });
		assert.equal(r.status, 201, JSON.stringify(r.json));
	});

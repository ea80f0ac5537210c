// tests/http/xss.test.mjs: an XSS payload corpus through every text
// field that is stored and shown again, and through the query parameters
// pages reflect, checked everywhere the value is rendered (issue 19):
//  - HTML (text and attributes: lists, pages, edit forms, the public
//    site, the display board, the audit trail): the value is shown, and
//    only escaped (& < > " ' as entities): the raw payload never appears,
//    so no tag or attribute of it reaches the browser; no href, src or
//    action ever starts with javascript:;
//  - JSON (the partner API, the identity search API): the exact value
//    back after parsing, served as application/json with nosniff;
//  - CSV (the reception dashboard's export): one cell, the exact value,
//    a formula guarded with a leading ' (tests/unit/test_csvw.c has the
//    OWASP list);
//  - SMS (the site, its address, a service's documents, a template):
//    plain text, the value as typed (an SMS escaped for HTML would show
//    &lt; to the applicant);
//  - redirects: a `next` or a reference never leads off the site.
// Every payload carries its own marker, so a test finds where each one
// went. Fields whose values are normalised (document numbers: letters
// and digits only) are checked for the raw payload only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	CookieJar, INTRANET, PUBLIC, admin, createPerson, csrfOf, get, login,
	makeAgent, post, request, sql, uniqueName, waitFor,
} from './lib.mjs';
import { dayFromNow, freshPhone } from './appointments-fixture.mjs';
import { received } from './sms-fixture.mjs';

// --- the corpus ---

// Each entry makes a payload around a marker; none is longer than 60
// characters with a 6-character marker. The ones marked short fit a
// 32-character field.
const CORPUS = [
	(m) => `<script>alert('${m}')</script>`,
	(m) => `"><img src=x onerror=alert('${m}')>`,
	(m) => `'><svg/onload=alert(${m})>`,
	(m) => `" autofocus onfocus="alert(${m})" x="`,
	(m) => `</title></textarea><b>${m}</b><!--`,
	(m) => `javascript:alert(${m})//<i>`,
	(m) => `<a href="//evil.example/${m}">&amp;${m}</a>`,
	(m) => `<iframe srcdoc="<script>${m}</script>">`,
];
const SHORT = [
	(m) => `"'><svg onload=${m}>`,
	(m) => `<script>${m}</script>`,
	(m) => `'"><b>${m}`,
];

let seq = 0;
const tag = uniqueName('').replace(/[0-9]/g, (d) => 'qwrtypsdfg'[d]).slice(-5);

// A fresh payload: entry i of the corpus (or of SHORT), with a marker.
function payload(i, short = false) {
	const m = `X${tag}${(seq++).toString(36)}`.slice(0, 9);
	const list = short ? SHORT : CORPUS;
	return list[i % list.length](m);
}

// HTML escaping as ClearSilver's html mode does it.
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
	.replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const JS_URL = /\b(?:href|src|action|formaction|xlink:href|srcdoc)\s*=\s*["']?\s*javascript:/i;

// An HTML answer shows value only escaped; with shown, it shows it.
// status: the answers expected (a page that refuses input shows it
// again, with a 422).
function html(r, value, where, { shown = true, status = [200] } = {}) {
	assert.ok(status.includes(r.status), `${where}: ${r.status}`);
	assert.match(r.headers.get('content-type') ?? '', /^text\/html/, where);
	const text = r.text.toLowerCase();
	assert.ok(!text.includes(value.toLowerCase()),
		`${where}: the payload is in the page unescaped: ${value}`);
	if (shown)
		assert.ok(text.includes(esc(value).toLowerCase()),
			`${where}: the value is not shown (escaped): ${esc(value)}`);
	assert.doesNotMatch(r.text, JS_URL, `${where}: a javascript: URL`);
}

// A JSON answer: application/json, nosniff, and find(value) true.
function json(r, where, find) {
	assert.equal(r.status, 200, `${where}: ${r.status} ${r.text.slice(0, 200)}`);
	assert.match(r.headers.get('content-type') ?? '', /^application\/json/, where);
	assert.equal(r.headers.get('x-content-type-options'), 'nosniff', where);
	assert.ok(find(JSON.parse(r.text)), `${where}: the value is not in the JSON`);
}

// True when some string inside the parsed JSON value j equals value.
function holds(j, value) {
	if (typeof j === 'string')
		return j === value;
	if (j !== null && typeof j === 'object')
		return Object.values(j).some((x) => holds(x, value));
	return false;
}

// The cells of a CSV text (RFC 4180: quoted cells, "" inside).
function csvRows(text) {
	const rows = [];
	let row = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"')
				quoted = false;
			else
				cell += c;
		} else if (c === '"')
			quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n')
				i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else
			cell += c;
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

// --- sessions and data ---

let boss;	// an administrator's {jar}
const O = { Origin: INTRANET };

// GET form, POST fields to action with the form's CSRF token as jar.
async function submit(jar, form, action, fields, origin = INTRANET) {
	const base = origin === PUBLIC ? PUBLIC : INTRANET;
	const page = await get(base, form, { jar });
	assert.equal(page.status, 200, `${form}: ${page.status}`);
	return post(base, action, { csrf: csrfOf(page.text), ...fields },
		{ jar, headers: { Origin: origin } });
}

// The site, service and station this file makes through the forms.
const S = {};

before(async () => {
	const a = makeAgent('xssadm', ['administrator']);
	boss = (await login(a.username, a.password)).jar;
});

// Templates this file changes, put back at the end: [id, body]; and
// its office closed, so that later suites' booking pages do not list it.
const templates = [];
after(() => {
	for (const [id, body] of templates)
		sql(`UPDATE message_template SET body = '${body.replace(/\\/g, '\\\\')
			.replace(/'/g, "''")}' WHERE id = ${id}`);
	if (S.siteId)
		sql(`UPDATE site SET active = 0 WHERE id = ${S.siteId}`);
});

test('configuration: a site, its closed day, a service with documents, through the forms', async () => {
	S.siteName = payload(0);
	S.address = `${payload(1)}\n${payload(2)}`;
	S.reason = payload(3);
	// (a formula too: the dashboard's CSV export lists the service)
	S.serviceName = `=HYPERLINK("http://evil.example/","${payload(4)}")`;
	S.docs = [payload(5), payload(6)];
	S.short = payload(7);
	S.code = `x${tag}${seq}`.toLowerCase().slice(0, 30);
	let r = await submit(boss, '/appointments/sites/new', '/appointments/sites/new', {
		code: S.code, name: S.siteName, address: S.address,
		time_zone: 'Europe/Paris', phone_country_code: '33', slot_minutes: '60',
		active: '1', hours_1: '08:00-18:00', hours_2: '08:00-18:00',
		hours_3: '08:00-18:00', hours_4: '08:00-18:00', hours_5: '08:00-18:00',
		hours_6: '08:00-18:00', hours_7: '08:00-18:00' });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	S.siteId = Number(/(\d+)$/.exec(r.headers.get('location'))[1]);
	S.closed = dayFromNow(9);
	r = await submit(boss, `/appointments/sites/${S.siteId}`,
		`/appointments/sites/${S.siteId}/closed`, { day: S.closed, reason: S.reason });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	r = await submit(boss, '/appointments/services/new', '/appointments/services/new', {
		code: S.code, duration_minutes: '20', active: '1', needs_document: '1',
		name_en: S.serviceName, docs_en: S.docs.join('\n'), short_en: S.short,
		name_es: S.serviceName, docs_es: S.docs.join('\n'), short_es: S.short });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	S.serviceId = Number(/(\d+)$/.exec(r.headers.get('location'))[1]);
	// Offers and a weekly grid (their forms take no text).
	sql(`INSERT INTO service_offer (service_id, level_id, channel)
		SELECT ${S.serviceId}, l.id, c.ch FROM service_level l,
		(SELECT 'web' ch UNION SELECT 'callcentre' UNION SELECT 'partner'
		 UNION SELECT 'walkin') c;
	INSERT INTO quota_template (site_id, level_id, channel, weekday,
		start_time, capacity)
		SELECT ${S.siteId}, l.id, c.ch, d.seq, MAKETIME(h.seq, 0, 0), 20
		FROM service_level l, (SELECT 'web' ch UNION SELECT 'callcentre'
		UNION SELECT 'partner' UNION SELECT 'walkin') c, seq_1_to_7 d,
		seq_9_to_16 h`);
	S.level = Number(sql("SELECT id FROM service_level WHERE code = 'regular'")[0][0]);

	// Where agents see them.
	html(await get(INTRANET, '/appointments/sites', { jar: boss }), S.siteName, 'sites list');
	const edit = await get(INTRANET, `/appointments/sites/${S.siteId}`, { jar: boss });
	html(edit, S.siteName, 'site form: name');
	for (const line of S.address.split('\n'))
		html(edit, line, 'site form: address');
	html(edit, S.reason, 'site form: closed day');
	html(await get(INTRANET, '/appointments/services', { jar: boss }), S.serviceName, 'services list');
	const sv = await get(INTRANET, `/appointments/services/${S.serviceId}`, { jar: boss });
	for (const v of [S.serviceName, ...S.docs, S.short])
		html(sv, v, 'service form');
	const audit = await get(INTRANET, `/audit?entity=site&entity_id=${S.siteId}`, { jar: boss });
	html(audit, S.siteName, 'audit trail: the site');
	// Where applicants see them.
	html(await get(PUBLIC, `/book?q=${encodeURIComponent(S.siteName.slice(0, 100))}`), S.siteName,
		'public: offices, found by their name (the search field holds it too)');
	const q = `site=${S.siteId}&service=${S.serviceId}&level=${S.level}`;
	html(await get(PUBLIC, `/book/service?site=${S.siteId}`), S.serviceName, 'public: services');
	html(await get(PUBLIC, `/book/day?${q}&month=${S.closed.slice(0, 7)}`), S.siteName,
		'public: calendar', { shown: false });
	html(await get(PUBLIC, `/book/slot?${q}&day=${S.closed}`), S.reason,
		'public: the closed day', { shown: false, status: [200, 422] });
});

test('public booking: each payload as a name, on every page that shows it', async () => {
	assert.ok(S.siteId, 'the configuration test ran');
	const q = `site=${S.siteId}&service=${S.serviceId}&level=${S.level}`;
	const day = dayFromNow(3);
	S.bookings = [];
	for (let i = 0; i < CORPUS.length; i++) {
		const jar = new CookieJar();
		const times = await get(PUBLIC, `/book/slot?${q}&day=${day}`, { jar });
		const slot = /\/book\/details\?[^"]*slot=(\d+)"/.exec(times.text)[1];
		const details = await get(PUBLIC, `/book/details?${q}&slot=${slot}`, { jar });
		const p = { family_name: payload(i), given_names: payload(i + 1),
			document_number: payload(i, true), phone: freshPhone(),
			language: i === 0 ? 'es' : 'en' };
		const fields = { csrf: csrfOf(details.text), site: S.siteId,
			service: S.serviceId, level: S.level, slot, ...p };
		const review = await post(PUBLIC, '/book/review', fields,
			{ jar, headers: { Origin: PUBLIC } });
		html(review, p.family_name, `review ${i}: family name`);
		html(review, p.given_names, `review ${i}: given names`);
		html(review, p.document_number, `review ${i}: document`, { shown: false });
		sql("DELETE FROM rate_hit WHERE bucket = 'book_confirm'");
		const done = await post(PUBLIC, '/book/confirm', fields,
			{ jar, headers: { Origin: PUBLIC } });
		assert.equal(done.status, 303, done.text.slice(0, 400));
		const ref = done.headers.get('location').split('/').pop();
		const page = await get(PUBLIC, `/book/manage/${ref}`, { jar });
		html(page, p.family_name, `manage ${i}: family name`);
		html(page, S.siteName, `manage ${i}: the office`);
		for (const d of S.docs)
			html(page, d, `manage ${i}: documents`);
		const id = sql(`SELECT id FROM appointment WHERE reference = '${ref}'`)[0][0];
		S.bookings.push({ ref, id, ...p });
		html(await get(INTRANET, `/appointments/bookings/${id}`, { jar: boss }),
			p.family_name, `appointment page ${i}`);
		html(await get(INTRANET, `/appointments/callcentre?site=${S.siteId}&day=${day}&q=${ref}`,
			{ jar: boss }), p.given_names, `call centre, found ${i}`);
	}
	const list = await get(INTRANET, `/appointments/day?site=${S.siteId}&day=${day}`, { jar: boss });
	for (const b of S.bookings) {
		html(list, b.family_name, 'day list: family name');
		html(list, b.given_names, 'day list: given names');
	}
	const b = S.bookings[1];
	html(await get(INTRANET, `/audit?entity=appointment&entity_id=${b.id}`, { jar: boss }),
		b.family_name, 'audit trail: the booking');
});

test('SMS: the site, its address and the documents arrive as typed', async () => {
	assert.ok(S.bookings?.length, 'the booking test ran');
	// The Spanish confirmation's template gets a payload too.
	const [id, body, version] = sql(`SELECT id, body, version FROM message_template
		WHERE event = 'confirmation' AND lang = 'es'`)[0];
	templates.push([id, body]);
	const mark = payload(0).replace(/[{}]/g, '');
	const form = await get(INTRANET, `/notify/templates/${id}`, { jar: boss });
	const saved = await post(INTRANET, `/notify/templates/${id}`, {
		csrf: csrfOf(form.text), version,
		body: `${mark} {reference} {site} {address} {documents}` },
	{ jar: boss, headers: O });
	assert.equal(saved.status, 303, saved.text.slice(0, 400));
	html(await get(INTRANET, `/notify/templates/${id}`, { jar: boss }), mark,
		'template editor');
	// A booking in Spanish now: its confirmation carries everything.
	const q = `site=${S.siteId}&service=${S.serviceId}&level=${S.level}`;
	const jar = new CookieJar();
	const times = await get(PUBLIC, `/book/slot?${q}&day=${dayFromNow(4)}`, { jar });
	const slot = /\/book\/details\?[^"]*slot=(\d+)"/.exec(times.text)[1];
	const details = await get(PUBLIC, `/book/details?${q}&slot=${slot}`, { jar });
	const phone = freshPhone();
	sql("DELETE FROM rate_hit WHERE bucket = 'book_confirm'");
	const done = await post(PUBLIC, '/book/confirm', { csrf: csrfOf(details.text),
		site: S.siteId, service: S.serviceId, level: S.level, slot,
		family_name: 'Sms', given_names: 'Corpus', document_number: 'X123',
		phone, language: 'es' }, { jar, headers: { Origin: PUBLIC } });
	assert.equal(done.status, 303, done.text.slice(0, 300));
	const sms = await waitFor(() => received().find((m) => m.to === phone), 20000);
	assert.ok(sms, 'the confirmation arrived');
	for (const v of [mark, S.siteName, ...S.address.split('\n'), ...S.docs])
		assert.ok(sms.text.includes(v), `the SMS carries ${v} as typed: ${sms.text}`);
	assert.doesNotMatch(sms.text, /&(lt|gt|quot|#39);/, 'nothing HTML-escaped in an SMS');
	// The first booking was in Spanish too (made before the change).
	assert.ok(received().some((m) => m.to === S.bookings[0].phone &&
		m.text.includes(S.siteName)), 'the earlier confirmation names the site as typed');
});

test('call centre: names and notes', async () => {
	assert.ok(S.siteId, 'the configuration test ran');
	const day = dayFromNow(5);
	const page = await get(INTRANET, `/appointments/callcentre?site=${S.siteId}&day=${day}`,
		{ jar: boss });
	const slot = /name="slot" id="[^"]*" value="(\d+)"/.exec(page.text)[1];
	const p = { family_name: payload(2), given_names: payload(3),
		notes: `${payload(4)}\n${payload(5)}` };
	const r = await post(INTRANET, '/appointments/callcentre/book', {
		csrf: csrfOf(page.text), site: S.siteId, day, slot, service: S.serviceId,
		phone: `0${freshPhone().slice(3)}`, document_number: 'CC1', lang: 'en', ...p },
	{ jar: boss, headers: O });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	const found = await get(INTRANET, r.headers.get('location'), { jar: boss });
	html(found, p.family_name, 'call centre: found');
	const id = /\/appointments\/bookings\/(\d+)"/.exec(found.text)[1];
	const view = await get(INTRANET, `/appointments/bookings/${id}`, { jar: boss });
	for (const v of [p.family_name, p.given_names, ...p.notes.split('\n')])
		html(view, v, 'appointment page (and its edit form)');
	const list = await get(INTRANET, `/appointments/day?site=${S.siteId}&day=${day}`, { jar: boss });
	html(list, p.given_names, 'day list');
	html(await get(INTRANET, `/appointments/bookings/${id}/cancel`, { jar: boss }),
		p.family_name, 'the cancel question');

});

test('identity: every text of a person, on the page, the form, the search, the JSON, the timeline', async () => {
	const idCsrf = csrfOf((await get(INTRANET, '/identity', { jar: boss })).text);
	const s = { jar: boss, csrf: idCsrf };
	// (a word of letters first, so that the search takes the name)
	const p = { family_name: `Zq${tag} ${payload(0)}`, given_names: payload(1),
		birth_place: payload(2), father_name: payload(3), mother_name: payload(4) };
	const id = await createPerson(s, { ...p, sex: 'F', birth_date: '1980-02-03' });
	const rel = await createPerson(s, { family_name: payload(5), given_names: payload(6) });
	const relName = sql(`SELECT family_name FROM person WHERE id = ${rel}`)[0][0];
	let r = await post(INTRANET, `/identity/persons/${id}/family`,
		{ csrf: idCsrf, relative_id: rel, relation: 'sibling', ack_warnings: '1' },
		{ jar: boss, headers: O });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const doc = payload(7);
	r = await post(INTRANET, `/identity/persons/${id}/documents`,
		{ csrf: idCsrf, doc_type: 'passport', number: `AB${doc}`.slice(0, 64), mrz: doc },
		{ jar: boss, headers: O });
	assert.ok([303, 422].includes(r.status), `document: ${r.status}`);
	if (r.status === 422)
		html(r, doc, 'document form again', { shown: false, status: [422] });
	const page = await get(INTRANET, `/identity/persons/${id}`, { jar: boss });
	for (const v of Object.values(p))
		html(page, v, 'person page');
	html(page, relName, 'person page: the relative');
	html(page, doc, 'person page: document', { shown: false });
	const edit = await get(INTRANET, `/identity/persons/${id}/edit`, { jar: boss });
	for (const v of Object.values(p))
		html(edit, v, 'person edit form');
	html(await get(INTRANET, `/identity/persons/${id}/timeline`, { jar: boss }),
		p.family_name, 'timeline');
	// The search page: the query reflected in the form, the result shown.
	const search = await get(INTRANET, `/identity?family_name=${encodeURIComponent(p.family_name)}`,
		{ jar: boss });
	// (a name of markup words alone may be refused, 422: the form again)
	html(search, p.family_name, 'search page', { status: [200, 422] });
	html(await get(INTRANET, `/identity?q=${encodeURIComponent(p.given_names)}`, { jar: boss }),
		p.given_names, 'search page: q');
	// The JSON search with a key.
	const name = uniqueName('xsskey');
	const add = admin(['apikey', 'add', '--name', name, '--role', 'registrar']);
	assert.equal(add.status, 0, add.stderr);
	r = await get(INTRANET, `/identity/search?family_name=${encodeURIComponent(p.family_name)}` +
		'&birth_date=1980-02-03&sex=F',
		{ headers: { Authorization: `Bearer ${add.stdout.trim()}` } });
	json(r, 'identity search JSON', (j) => holds(j, p.family_name));
	admin(['apikey', 'revoke', '--name', name]);
	html(await get(INTRANET, `/audit?entity=person&entity_id=${id}`, { jar: boss }),
		p.birth_place, 'audit trail: the person');
});

test('reception: a station, a counter and a walk-in, on the settings, the board, the check-in list; the dashboard and its CSV', async () => {
	assert.ok(S.siteId, 'the configuration test ran');
	const station = `=HYPERLINK("http://evil.example","${payload(1)}")`.slice(0, 100);
	const counter = payload(0, true);
	const form = `/reception/stations?site=${S.siteId}&service=${S.serviceId}`;
	let r = await submit(boss, form, '/reception/stations',
		{ site: S.siteId, service: S.serviceId, name: station, position: 1 });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const sid = sql(`SELECT id FROM station WHERE site_id = ${S.siteId}`)[0][0];
	r = await submit(boss, form, `/reception/stations/${sid}/counters`, { name: counter });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const settings = await get(INTRANET, form, { jar: boss });
	html(settings, station, 'stations page');
	html(settings, counter, 'stations page: counter');
	html(await get(PUBLIC, `/board/${S.code}`), S.siteName, 'display board', { shown: false });
	// A walk-in at reception, today (the site has a station now). It
	// takes a seat of the walk-in slot under way, and the site's grid
	// covers 9:00-17:00 in Paris: open the site all day and give it a
	// walk-in slot for the hour the suite runs in (Paris offsets are
	// whole hours; the slot generator inserts with IGNORE).
	const now = new Date();
	const paris = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris',
		year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
		hourCycle: 'h23' }).formatToParts(now);
	const part = (t) => paris.find((x) => x.type === t).value;
	const utcHour = `${now.toISOString().slice(0, 13).replace('T', ' ')}:00:00`;
	sql(`UPDATE site_hours SET opens = '00:00', closes = '23:59:59' WHERE site_id = ${S.siteId};
		INSERT INTO slot_quota (site_id, level_id, channel, start_utc, local_day,
		local_time, capacity, booked) VALUES (${S.siteId}, ${S.level}, 'walkin',
		'${utcHour}', '${part('year')}-${part('month')}-${part('day')}',
		'${part('hour')}:00:00', 20, 0) ON DUPLICATE KEY UPDATE capacity = 20`);
	const w = { family_name: payload(6), given_names: payload(7) };
	const desk = await get(INTRANET, `/reception/checkin?site=${S.siteId}`, { jar: boss });
	assert.equal(desk.status, 200);
	const walk = await post(INTRANET, '/reception/walkin', { csrf: csrfOf(desk.text),
		site: S.siteId, service: S.serviceId, level: S.level, document_number: '',
		...w }, { jar: boss, headers: O });
	assert.equal(walk.status, 303, `walk-in: ${walk.text.slice(0, 300)}`);
	const list = await get(INTRANET, `/reception/checkin?site=${S.siteId}`, { jar: boss });
	html(list, w.family_name, 'check-in: today\'s list');
	const dash = await get(INTRANET, `/reception/dashboard?site=${S.siteId}`, { jar: boss });
	html(dash, S.siteName, 'dashboard', { shown: false });
	// The export: the service's name is one cell, exactly the value with
	// its formula guarded by a ' first; no cell of any table starts a
	// formula.
	let guarded = 0;
	for (const table of ['counts', 'overall', 'stations', 'counters', 'agents',
		'levels', 'heat', 'lead']) {
		const e = await get(INTRANET, `/reception/dashboard/export?site=${S.siteId}&table=${table}`,
			{ jar: boss });
		assert.equal(e.status, 200, `export ${table}`);
		assert.match(e.headers.get('content-type'), /^text\/csv/);
		for (const row of csvRows(e.text))
			for (const cell of row) {
				if (cell === `'${S.serviceName}`)
					guarded++;
				assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${table}: a formula cell: ${cell}`);
			}
	}
	assert.ok(guarded >= 1, 'the service\'s name is in the export, guarded');
});

test('agents, keys and the trail: display names and key names', async () => {
	const display = payload(2);
	const username = uniqueName('xssag');
	let r = await submit(boss, '/agents/new', '/agents/new',
		{ username, display_name: display, lang: 'en', role_reception: '1' });
	assert.ok([200, 201].includes(r.status), `agents/new: ${r.status} ${r.text.slice(0, 300)}`);
	html(r, display, 'the new agent\'s page', { status: [200, 201], shown: false });
	html(await get(INTRANET, `/agents?q=${username}`, { jar: boss }), display, 'agents list');
	const aid = sql(`SELECT id FROM agent WHERE username = '${username}'`)[0][0];
	html(await get(INTRANET, `/agents/${aid}`, { jar: boss }), display, 'agent form');
	// An agent named so signs in: the header shows the name.
	const named = makeAgent('xssnm', ['supervisor']);
	const other = payload(3);
	sql(`UPDATE agent SET display_name = '${other.replace(/'/g, "''")}'
		WHERE username = '${named.username}'`);
	const { jar } = await login(named.username, named.password);
	html(await get(INTRANET, '/dashboard', { jar }), other, 'the header of their pages');
	// (the trail names agents by username, which is letters and digits)
	// A key named so books: the trail names it.
	const keyName = payload(4).slice(0, 100);
	const add = admin(['apikey', 'add', '--name', keyName, '--role', 'partner_agency']);
	assert.equal(add.status, 0, add.stderr);
	const key = add.stdout.trim();
	const fam = payload(5);
	r = await request(INTRANET, '/appointments/api/v1/bookings', {
		method: 'POST', headers: { Authorization: `Bearer ${key}`,
			'Content-Type': 'application/json' },
		body: JSON.stringify({ site: S.code, service: S.code, level: 'regular',
			start: `${dayFromNow(6)}T10:00:00`, family_name: fam, given_names: 'Api',
			phone: freshPhone(), document_number: 'K9', language: 'en' }) });
	assert.equal(r.status, 201, r.text);
	const ref = JSON.parse(r.text).reference;
	assert.equal(JSON.parse(r.text).family_name, fam, 'the API answers the name as typed');
	json(await request(INTRANET, `/appointments/api/v1/bookings/${ref}`,
		{ headers: { Authorization: `Bearer ${key}` } }), 'partner API: the booking',
	(j) => holds(j, fam));
	const apptId = sql(`SELECT id FROM appointment WHERE reference = '${ref}'`)[0][0];
	const trail = await get(INTRANET, `/audit?entity=appointment&entity_id=${apptId}`, { jar: boss });
	html(trail, keyName, 'audit trail: the key as actor');
	html(trail, fam, 'audit trail: the name');
	admin(['apikey', 'revoke', '--name', keyName]);
});

test('reflected parameters: search boxes, filters, the login form, next and references', async () => {
	const v = payload(6);
	const e = encodeURIComponent(v);
	for (const path of [`/identity?q=${e}`, `/agents?q=${e}`,
		`/reception/checkin?site=${S.siteId}&q=${e}`,
		`/appointments/callcentre?site=${S.siteId}&day=${dayFromNow(2)}&q=${e}`,
		`/audit?agent=${e}`, `/audit?entity=${e}`, `/audit?entity_id=${e}`]) {
		const r = await get(INTRANET, path, { jar: boss });
		if (r.status === 422)
			html({ ...r, status: 200 }, v, path);
		else
			html(r, v, path);
	}
	// The public manage form keeps a typed reference.
	const ref = payload(0, true).slice(0, 16);
	html(await get(PUBLIC, `/book/manage?ref=${encodeURIComponent(ref)}`), ref,
		'/book/manage?ref', { shown: false });
	// A failed sign-in shows the username typed, escaped.
	const jar = new CookieJar();
	const user = payload(1).slice(0, 64);
	const form = await get(INTRANET, '/login', { jar });
	const bad = await post(INTRANET, '/login', { csrf: csrfOf(form.text),
		username: user, password: 'wrong', next: '' }, { jar, headers: O });
	html({ ...bad, status: 200 }, user, 'login form again');
	// next: only a local path; anything else leads home.
	const a = makeAgent('xssnext', ['supervisor']);
	for (const next of ['//evil.example/x', 'https://evil.example/', 'javascript:alert(1)',
		'/\\evil.example', '\r\nLocation: https://evil.example']) {
		const page = await get(INTRANET, `/login?next=${encodeURIComponent(next)}`, { jar: new CookieJar() });
		html(page, next, `login?next=${JSON.stringify(next)}`, { shown: false });
		const { res } = await login(a.username, a.password, { next });
		const loc = res.headers.get('location');
		if (res.status === 422) {
			// A control character: the form again, nobody signed in.
			assert.match(next, /[\r\n]/);
			assert.equal(loc, null);
			continue;
		}
		assert.equal(res.status, 303);
		assert.match(loc, /^\/(?![/\\])/, `next=${JSON.stringify(next)} led to ${loc}`);
	}
});

// tests/http/portal.test.mjs: havre-portal through nginx: the landing
// page and its languages, security headers, /healthz, error pages (404,
// 405, 413, 400) with the request id, POST /lang, the public vhost, and a
// database restart under a running stack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import {
	CookieJar, INTRANET, PUBLIC, SRCDIR, accessLog, dev, get, htmlLangDir,
	post, postRaw, request, waitFor,
} from './lib.mjs';

// A request id: nginx's $request_id (32 hex digits) or a prefix of it.
const REQID = /^[0-9a-f]{16,32}$/;

// Assert that an error page shows its request id: the X-Request-Id
// header, the same id in the page, and in nginx's access log.
async function assertRequestId(r) {
	const id = r.headers.get('x-request-id');
	assert.match(id ?? '', REQID, 'X-Request-Id header');
	assert.ok(r.text.includes(id), 'the page shows the request id');
	// nginx writes its log line after the answer has gone out.
	assert.ok(await waitFor(() => accessLog().includes(`rid=${id}`), 3000, 50),
		'the id is nginx\'s (in its access log)');
}

test('GET / on the intranet: the layout in English, ltr', async () => {
	const r = await get(INTRANET, '/');
	assert.equal(r.status, 200);
	assert.match(r.headers.get('content-type'), /^text\/html\b/);
	assert.match(r.text, /<html lang="en" dir="ltr"/);
	assert.match(r.text, /<\/html>\s*$/);
});

test('HEAD / answers like GET without a body', async () => {
	const r = await request(INTRANET, '/', { method: 'HEAD' });
	assert.equal(r.status, 200);
	assert.match(r.headers.get('content-type'), /^text\/html\b/);
	assert.equal(r.text, '');
});

test('?lang=fr renders in French', async () => {
	const r = await get(INTRANET, '/?lang=fr');
	assert.equal(r.status, 200);
	assert.deepEqual(htmlLangDir(r.text), { lang: 'fr', dir: 'ltr' });
});

test('?lang=ar renders right-to-left and is remembered by a cookie', async () => {
	const jar = new CookieJar();
	const r = await get(INTRANET, '/?lang=ar', { jar });
	assert.equal(r.status, 200);
	assert.deepEqual(htmlLangDir(r.text), { lang: 'ar', dir: 'rtl' });
	assert.ok(r.headers.getSetCookie().some((c) => /lang=ar\b/.test(c)),
		'a Set-Cookie carries the language');
	const again = await get(INTRANET, '/', { jar });
	assert.equal(again.status, 200);
	assert.deepEqual(htmlLangDir(again.text), { lang: 'ar', dir: 'rtl' });
});

test('the language cookie is not HTML-injectable and unknown values fall back', async () => {
	const r = await get(INTRANET, '/?lang=xx');
	assert.equal(r.status, 200);
	assert.deepEqual(htmlLangDir(r.text), { lang: 'en', dir: 'ltr' });
	const c = await get(INTRANET, '/', { headers: { Cookie: 'lang="><script>' } });
	assert.equal(c.status, 200);
	assert.deepEqual(htmlLangDir(c.text), { lang: 'en', dir: 'ltr' });
	assert.ok(!c.text.includes('"><script>'));
});

test('Accept-Language: fr renders in French', async () => {
	const r = await get(INTRANET, '/', { headers: { 'Accept-Language': 'fr' } });
	assert.equal(r.status, 200);
	assert.equal(htmlLangDir(r.text).lang, 'fr');
	const q = await get(INTRANET, '/',
		{ headers: { 'Accept-Language': 'de-DE,de;q=0.9,ar;q=0.5' } });
	assert.equal(q.status, 200);
	assert.deepEqual(htmlLangDir(q.text), { lang: 'ar', dir: 'rtl' });
});

test('security headers on pages', async () => {
	for (const path of ['/', '/no-such-page']) {
		const r = await get(INTRANET, path);
		const csp = r.headers.get('content-security-policy');
		assert.ok(csp, `${path}: Content-Security-Policy`);
		assert.ok(!csp.includes('unsafe-inline'), `${path}: no 'unsafe-inline'`);
		assert.match(csp, /frame-ancestors\s+'none'|frame-ancestors\s+'self'/,
			`${path}: frame-ancestors`);
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
		assert.ok(r.headers.get('referrer-policy'), `${path}: Referrer-Policy`);
	}
});

test('GET /healthz: database ok; the schema version on the intranet only', async () => {
	for (const base of [INTRANET, PUBLIC]) {
		const r = await get(base, '/healthz');
		assert.equal(r.status, 200, `${base}/healthz`);
		assert.match(r.headers.get('content-type'), /^application\/json\b/);
		const j = JSON.parse(r.text);
		assert.equal(j.database, 'ok');
		if (base === INTRANET)
			assert.ok(Number.isInteger(j.schema_version) && j.schema_version >= 1,
				`schema_version ${j.schema_version}`);
		else
			assert.deepEqual(j, { database: 'ok' },
				'outsiders are not told which release runs');
	}
});

test('an unknown path: 404 page with the request id', async () => {
	const r = await get(INTRANET, '/no-such-page');
	assert.equal(r.status, 404);
	assert.match(r.headers.get('content-type'), /^text\/html\b/);
	assert.match(r.text, /<html lang="en" dir="ltr"/);
	await assertRequestId(r);
});

test('the 404 page follows the language', async () => {
	const r = await get(INTRANET, '/no-such-page?lang=ar');
	assert.equal(r.status, 404);
	assert.deepEqual(htmlLangDir(r.text), { lang: 'ar', dir: 'rtl' });
});

test('POST / is 405 with an Allow header', async () => {
	const r = await post(INTRANET, '/', { a: 'b' });
	assert.equal(r.status, 405);
	const allow = (r.headers.get('allow') ?? '').split(/\s*,\s*/);
	assert.ok(allow.includes('GET'), `Allow: ${allow}`);
	assert.ok(allow.includes('HEAD'), `Allow: ${allow}`);
	assert.ok(!allow.includes('POST'), `Allow: ${allow}`);
});

test('POST /lang sets the language cookie and redirects to /', async () => {
	const jar = new CookieJar();
	const r = await post(INTRANET, '/lang', { lang: 'fr' }, { jar });
	assert.ok([302, 303].includes(r.status), `status ${r.status}`);
	assert.equal(new URL(r.headers.get('location'), INTRANET).pathname, '/');
	assert.equal(jar.get('lang'), 'fr');
	const cookie = r.headers.getSetCookie().find((c) => c.startsWith('lang='));
	assert.match(cookie, /;\s*Path=\//i);
	assert.match(cookie, /;\s*SameSite=/i);
	const home = await get(INTRANET, '/', { jar });
	assert.equal(htmlLangDir(home.text).lang, 'fr');
});

test('POST /lang with a malformed body is 400', async () => {
	const r = await postRaw(INTRANET, '/lang', 'lang=%zz');
	assert.equal(r.status, 400);
	assert.ok(r.headers.getSetCookie().every((c) => !c.startsWith('lang=')),
		'no language cookie set');
	await assertRequestId(r);
});

test('POST /lang with a value outside the enum is refused', async () => {
	const r = await post(INTRANET, '/lang', { lang: 'xx' });
	assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
	assert.ok(r.headers.getSetCookie().every((c) => !c.startsWith('lang=')));
});

test('a body over Limits.MaxBody is 413 from the program', async () => {
	// nginx lets 2 MB through; the check stack's Limits.MaxBody is 64 KiB:
	// the program must refuse the 100 KB body before reading it.
	const body = 'lang=' + 'a'.repeat(100 * 1024);
	const r = await postRaw(INTRANET, '/lang', body);
	assert.equal(r.status, 413);
	await assertRequestId(r);
});

test('an API client over the body cap gets a JSON 413, not an HTML page', async () => {
	const body = JSON.stringify({ family_name: 'a'.repeat(100 * 1024) });
	for (const headers of [{ 'Content-Type': 'application/json' },
		{ Authorization: 'Bearer hvk_0000', 'Content-Type': 'text/plain' }]) {
		const r = await request(INTRANET, '/appointments/api/v1/bookings',
			{ method: 'POST', headers, body });
		assert.equal(r.status, 413);
		assert.match(r.headers.get('content-type'), /^application\/json\b/);
		const j = JSON.parse(r.text);
		assert.equal(j.error, 'payload_too_large');
		assert.match(j.request_id, /^[0-9a-f]{16}$/);
	}
});

test('the public vhost has no landing page', async () => {
	const r = await get(PUBLIC, '/');
	assert.equal(r.status, 404);
	await assertRequestId(r);
});

test('static files are served by nginx with nosniff', async (t) => {
	const dir = join(SRCDIR, 'htdocs', 'static');
	const files = existsSync(dir) ?
		readdirSync(dir).filter((f) => /\.(css|js|svg|png|woff2?)$/.test(f)) : [];
	if (files.length === 0) {
		t.skip('no static file yet');
		return;
	}
	for (const base of [INTRANET, PUBLIC]) {
		const r = await get(base, `/static/${files[0]}`);
		assert.equal(r.status, 200);
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
		assert.match(r.headers.get('cache-control') ?? '', /max-age=\d+/);
	}
	const missing = await get(INTRANET, '/static/no-such-file.css');
	assert.equal(missing.status, 404);
});

test('a database restart: 503 while down, healthy again after', async () => {
	dev('db-stop');
	try {
		const h = await get(INTRANET, '/healthz');
		assert.equal(h.status, 503);
		assert.equal(JSON.parse(h.text).database, 'down');
		const home = await get(INTRANET, '/');
		assert.ok([200, 503].includes(home.status),
			`GET / with the database down: ${home.status}`);
		if (home.status === 503) {
			assert.match(home.headers.get('content-type'), /^text\/html\b/);
			await assertRequestId(home);
		}
	} finally {
		dev('db-start');
	}
	const ok = await waitFor(async () =>
		(await get(INTRANET, '/healthz')).status === 200, 10000);
	assert.ok(ok, '/healthz answers 200 again within 10 s');
	const home = await get(INTRANET, '/');
	assert.equal(home.status, 200);
});

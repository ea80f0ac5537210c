// tests/http/compression.test.mjs: what an applicant on a slow phone
// link downloads. Pages, styles and JSON answers come gzip-compressed
// when the client accepts it (and whole when it does not), and the favicon every
// browser asks for on its first visit is served, not a 404.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';

import { INTRANET, PUBLIC } from './lib.mjs';
import { makeKey, makeSite } from './appointments-fixture.mjs';

// GET url with the given Accept-Encoding; the raw bytes as sent.
function rawGet(base, path, acceptEncoding, headers = {}) {
	return new Promise((resolve, reject) => {
		const req = http.get(new URL(path, base), {
			headers: { ...headers,
				...(acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {}) },
			timeout: 15000,
		}, (res) => {
			const parts = [];
			res.on('data', (c) => parts.push(c));
			res.on('end', () => resolve({
				status: res.statusCode, headers: res.headers,
				body: Buffer.concat(parts),
			}));
		});
		req.on('error', reject);
		req.on('timeout', () => req.destroy(new Error('timeout')));
	});
}

// Fetch path twice (gzip accepted, then not) and check that the
// compressed answer is smaller and decompresses to the plain one.
async function assertCompressed(base, path, type, headers = {}) {
	const z = await rawGet(base, path, 'gzip', headers);
	assert.equal(z.status, 200, `${path} answers`);
	assert.match(z.headers['content-type'], type);
	assert.equal(z.headers['content-encoding'], 'gzip', `${path} is gzip-compressed`);
	assert.match(z.headers.vary ?? '', /Accept-Encoding/i, 'caches keep both forms apart');
	const plain = await rawGet(base, path, null, headers);
	assert.equal(plain.status, 200);
	assert.equal(plain.headers['content-encoding'], undefined,
		'a client that accepts no compression gets the plain bytes');
	const unz = gunzipSync(z.body);
	assert.ok(z.body.length * 2 < unz.length,
		`${path}: ${z.body.length} bytes sent for ${unz.length} (at least 2x smaller)`);
	return unz;
}

test('the public booking page and its stylesheet are gzip-compressed', async () => {
	const page = await assertCompressed(PUBLIC, '/book', /^text\/html/);
	assert.match(page.toString('utf8'), /<html lang=/, 'the page itself, whole');
	const css = /href="(\/static\/[^"]+\.css)"/.exec(page.toString('utf8'));
	assert.ok(css, 'the page links a stylesheet');
	await assertCompressed(PUBLIC, css[1], /^text\/css/);
});

test('the intranet login page is gzip-compressed', async () => {
	const page = await assertCompressed(INTRANET, '/login', /^text\/html/);
	assert.match(page.toString('utf8'), /name="password"/);
});

test('the partner API\'s JSON is gzip-compressed', async () => {
	const fx = makeSite({});
	const key = makeKey();
	const body = await assertCompressed(INTRANET,
		`/appointments/api/v1/availability?site=${fx.site}`, /^application\/json/,
		{ Authorization: `Bearer ${key}`, Accept: 'application/json' });
	assert.ok(JSON.parse(body.toString('utf8')).slots.length > 0,
		'the answer itself, whole');
});

test('/favicon.ico is an icon on both vhosts, not a 404', async () => {
	for (const base of [PUBLIC, INTRANET]) {
		const r = await rawGet(base, '/favicon.ico', null);
		assert.equal(r.status, 200, `${base}/favicon.ico`);
		assert.match(r.headers['content-type'], /^image\/(x-icon|vnd\.microsoft\.icon)/);
		// An ICO file: reserved 0, type 1 (icon), at least one image.
		assert.equal(r.body.readUInt16LE(0), 0);
		assert.equal(r.body.readUInt16LE(2), 1);
		assert.ok(r.body.readUInt16LE(4) >= 1);
	}
});

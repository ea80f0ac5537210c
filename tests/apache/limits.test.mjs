// tests/apache/limits.test.mjs: the body caps of contrib/apache/havre.conf.in
// on the running Apache stack (contrib/dev check --apache): an upload
// of 1 MiB, over mod_fcgid's default FcgidMaxRequestLen (128 KiB, then a
// 500), reaches the upload program, which answers itself; 3 MiB is over
// the public site's and the portal's 2 MiB (LimitRequestBody: Apache's
// 413); 21 MiB is over the upload programs' 20 MiB. The programs' own
// caps (Limits.MaxBody, 413 from the program) are tests/http's.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { INTRANET, PUBLIC } from '../http/lib.mjs';

// POST size bytes of a multipart body to base + path; {status, rid, text}.
async function postBytes(base, path, size) {
	const boundary = 'havreapachetest';
	const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n` +
		'Content-Type: application/octet-stream\r\n\r\n';
	const tail = `\r\n--${boundary}--\r\n`;
	const body = Buffer.concat([Buffer.from(head), Buffer.alloc(size - head.length - tail.length, 0x61),
		Buffer.from(tail)]);
	const res = await fetch(new URL(path, base), {
		method: 'POST', body,
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: base },
	});
	const text = await res.text();
	return { status: res.status, rid: res.headers.get('x-request-id'), text };
}

test('a 1 MiB upload reaches the upload program (over mod_fcgid\'s default cap)', async () => {
	for (const path of ['/identity/persons', '/dossier']) {
		const r = await postBytes(INTRANET, path, 1024 * 1024);
		assert.ok(r.status < 500, `${path}: ${r.status}, not mod_fcgid's 500`);
		assert.notEqual(r.status, 413, `${path}: under the 20 MiB cap`);
		assert.match(r.rid ?? '', /^[0-9a-f]{16}$/, `${path}: the program answered`);
	}
});

test('3 MiB: Apache\'s 413 on the public site and the intranet portal', async () => {
	for (const [base, path] of [[PUBLIC, '/book'], [PUBLIC, '/status'], [INTRANET, '/lang']]) {
		const r = await postBytes(base, path, 3 * 1024 * 1024);
		assert.equal(r.status, 413, `${base}${path}`);
		assert.equal(r.rid, null, `${path}: refused before the program`);
	}
	const up = await postBytes(INTRANET, '/identity/persons', 3 * 1024 * 1024);
	assert.notEqual(up.status, 413, 'identity takes 3 MiB');
});

test('21 MiB: Apache\'s 413 on the upload programs too', async () => {
	const r = await postBytes(INTRANET, '/identity/persons', 21 * 1024 * 1024);
	assert.equal(r.status, 413);
	assert.equal(r.rid, null);
});

// verify-fixture.mjs: issued documents for the tests of /verify and of
// the delivery (tests/http/verify.test.mjs, tests/browser/verify.test.mjs)
// while the issuing itself lives on another branch. A signing key is
// made with `havre-admin keys new`; payloads are signed here with node's
// own Ed25519 from that key's 32-byte seed file (Paths.Var/keys), built
// field by field from docs/certificates.md, not from libcertify: so the
// server accepting them also checks that the documentation matches the
// code. Rows of issued_document are inserted as the issuing will.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { CONFIG, admin, sql } from './lib.mjs';

// Crockford's base 32, as docs/certificates.md lists it.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// A fresh random serial, XXXX-XXXX-XXXX.
export function newSerial() {
	const b = crypto.randomBytes(12);
	let s = '';
	for (let i = 0; i < 12; i++)
		s += CROCKFORD[b[i] % 32] + (i === 3 || i === 7 ? '-' : '');
	return s;
}

// Make a signing key with havre-admin; returns {id, privateKey}.
export function makeKey() {
	const id = `kt${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
	const r = admin(['keys', 'new', '--id', id]);
	assert.equal(r.status, 0, `keys new: ${r.stderr}`);
	// The secret is the 32-byte seed: PKCS#8 is a fixed 16-byte prefix
	// (RFC 8410) and the seed.
	const seed = readFileSync(join(dirname(CONFIG), 'keys', `sign-${id}.key`));
	assert.equal(seed.length, 32);
	const privateKey = crypto.createPrivateKey({ format: 'der', type: 'pkcs8',
		key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]) });
	return { id, privateKey };
}

// A name field: "%" and "|" escaped, nothing else.
const esc = (s) => s.replace(/%/g, '%25').replace(/\|/g, '%7C');

// The UTC time now to the second, YYYY-MM-DDTHH:MM:SSZ.
export const nowIso = () => new Date().toISOString().slice(0, 19) + 'Z';
// A day n days from today (UTC), YYYY-MM-DD.
export const dayFromToday = (n) =>
	new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

// The signed payload of facts f with key: the eleven fields joined by
// "|", then "|" and the base64url Ed25519 signature of those bytes.
export function signPayload(key, f) {
	const fields = ['HV1', f.serial, f.type ?? 'AP', esc(f.family ?? ''),
		esc(f.given ?? ''), esc(f.familyLatin ?? ''), esc(f.givenLatin ?? ''),
		f.birth ?? '', f.issued ?? nowIso(), f.until ?? '', key.id];
	const text = fields.join('|');
	const sig = crypto.sign(null, Buffer.from(text, 'utf8'), key.privateKey);
	return `${text}|${sig.toString('base64url')}`;
}

// A person row for the documents (the verify pages never read it).
export function makePerson(family = 'Verify') {
	return sql(`INSERT INTO person (family_name, given_names,
		family_name_latin, given_names_latin, created_at, updated_at)
		VALUES ('${family}', 'Test', '${family}', 'TEST', UTC_TIMESTAMP(6),
		UTC_TIMESTAMP(6)); SELECT LAST_INSERT_ID()`)[0][0];
}

// SQL text literal (the tests' own values; quotes doubled, backslashes
// doubled).
export const lit = (s) => s === null || s === undefined ? 'NULL' :
	`'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

// Sign facts f and record the document as issued (the facts' type,
// person, lang, pdf file id or null). Returns {id, serial, payload}.
export function issue(key, person, f, opts = {}) {
	const serial = f.serial ?? newSerial();
	const payload = signPayload(key, { ...f, serial });
	const id = sql(`INSERT INTO issued_document (serial, doc_type, person_id,
		lang, payload, key_id, pdf_file, issued_at, valid_until) VALUES
		(${lit(serial)}, ${lit(f.type ?? 'AP')}, ${person}, ${lit(opts.lang ?? 'fr')},
		${lit(payload)}, ${lit(key.id)}, ${lit(opts.pdf ?? null)},
		UTC_TIMESTAMP(6), ${lit(f.until || null)}); SELECT LAST_INSERT_ID()`)[0][0];
	return { id, serial, payload };
}

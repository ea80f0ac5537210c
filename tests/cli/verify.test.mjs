// verify.test.mjs: havre-verify, the offline verifier of issued documents
// (docs/certificates.md), on its own: no server, no database. The
// payloads and the published key file are made here from the format's
// documentation with node's own Ed25519 (crypto.sign), so the verifier is
// checked against the documented format by another implementation:
// genuine, tampered, expired, signed with a retired key after its
// retirement, signed with an unknown key, malformed; exit statuses 0, 1,
// 2 and 3 as documented.
//
// Needs HAVRE_BUILD (the build folder holding havre-verify).
//
//   HAVRE_BUILD=build node --test --test-reporter=tap tests/cli/verify.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const build = process.env.HAVRE_BUILD;
const verifier = build ? path.join(build, 'havre-verify') : null;
const skip = !verifier ? 'HAVRE_BUILD not set' : false;

let tmp, keyFile;

// A key pair with an id and a validity (ISO times; until null = open).
function makeKey(id, from, until) {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x; // base64url, 43 chars
  return { id, from, until, privateKey, line: `${id} ${from} ${until ?? '-'} ${x}` };
}

// The documented payload: fields joined with "|", "%" and "|" in names
// written %25 and %7C, then "|" and the base64url signature of those
// bytes.
function esc(s) {
  return s.replace(/%/g, '%25').replace(/\|/g, '%7C');
}
function payload(key, f) {
  const fields = ['HV1', f.serial ?? '7K2M-9QXD-4TRA', f.type ?? 'AP',
    esc(f.family ?? 'العلي'), esc(f.given ?? 'محمد'),
    esc(f.familyLatin ?? 'AL-ALI'), esc(f.givenLatin ?? 'MOHAMMED'),
    f.birth ?? '1990-05-17', f.issued ?? '2026-12-06T14:05:12Z',
    f.until ?? '2199-06-05', f.keyId ?? key.id];
  const text = fields.join('|');
  const sig = crypto.sign(null, Buffer.from(text, 'utf8'), key.privateKey);
  return `${text}|${sig.toString('base64url')}`;
}

function verify(args, input) {
  const r = spawnSync(verifier, args, { encoding: 'utf8', input: input ?? '' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Keys: "old" signed from 2020 until its retirement on 2026-01-01, "cur"
// signs since then; "lost" was never published.
const old = makeKey('k-old', '2020-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
const cur = makeKey('k20260101-ab12', '2026-01-01T00:00:00Z', null);
const lost = makeKey('k-lost', '2020-01-01T00:00:00Z', null);

before(() => {
  if (skip) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-verifytest-'));
  keyFile = path.join(tmp, 'keys.txt');
  fs.writeFileSync(keyFile, `# Havre public keys\n\n${old.line}\n${cur.line}\n`);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('a genuine, valid document: exit 0, its facts, and revocation unknown offline', { skip }, () => {
  const p = payload(cur, {});
  const r = verify(['--key', keyFile, p]);
  assert.equal(r.code, 0, r.out + r.err);
  const lines = r.out.split('\n');
  assert.equal(lines[0], 'genuine and valid');
  assert.match(r.out, /^serial: 7K2M-9QXD-4TRA$/m);
  assert.match(r.out, /^document: attestation: protected by the office \(AP\)$/m);
  assert.match(r.out, /^name: العلي محمد$/m);
  assert.match(r.out, /^name in Latin letters: AL-ALI MOHAMMED$/m);
  assert.match(r.out, /^born: 1990-05-17$/m);
  assert.match(r.out, /^issued: 2026-12-06T14:05:12Z \(key k20260101-ab12\)$/m);
  assert.match(r.out, /^valid until: 2199-06-05$/m);
  assert.match(r.out, /^revocation: unknown offline/m);
});

test('the payload may come on standard input, with its newline', { skip }, () => {
  const r = verify(['--key', keyFile], `${payload(cur, {})}\n`);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /^genuine and valid$/m);
  const crlf = verify(['--key', keyFile], `${payload(cur, {})}\r\n`);
  assert.equal(crlf.code, 0, crlf.out + crlf.err);
});

test('names with | and % round-trip through their escapes', { skip }, () => {
  const p = payload(cur, { familyLatin: "O'BRIEN|100%", family: '' });
  assert.ok(p.includes("|O'BRIEN%7C100%25|"));
  const r = verify(['--key', keyFile, p]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /^name in Latin letters: O'BRIEN\|100% MOHAMMED$/m);
});

test('a tampered document is not genuine: exit 2', { skip }, () => {
  const p = payload(cur, {});
  for (const [from, to] of [['MOHAMMED', 'MOHAMED'], ['1990-05-17', '1990-05-18'],
    ['2199-06-05', '2199-06-06'], ['|AP|', '|CN|'], ['العلي', 'العلى']]) {
    const t = p.replace(from, to);
    assert.notEqual(t, p);
    const r = verify(['--key', keyFile, t]);
    assert.equal(r.code, 2, `${from} -> ${to}: ${r.out}`);
    assert.equal(r.out, 'not genuine (bad signature)\n');
  }
  // the signature itself changed: the first character of it
  const i = p.lastIndexOf('|') + 1;
  const s = p.slice(0, i) + (p[i] === 'A' ? 'B' : 'A') + p.slice(i + 1);
  assert.equal(verify(['--key', keyFile, s]).code, 2);
});

test('an expired document is genuine but expired: exit 1', { skip }, () => {
  const p = payload(cur, { issued: '2026-01-02T10:00:00Z', until: '2026-02-01' });
  const r = verify(['--key', keyFile, p]);
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, /^genuine but expired$/m);
  assert.match(r.out, /^reason: validity ended$/m);
  assert.match(r.out, /^valid until: 2026-02-01$/m);
  assert.match(r.out, /^revocation: unknown offline/m);
});

test('what a retired key signed before its retirement stays genuine', { skip }, () => {
  const p = payload(old, { issued: '2025-06-01T09:30:00Z', until: '' });
  const r = verify(['--key', keyFile, p]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /^genuine and valid$/m);
  assert.match(r.out, /^valid until: no end date$/m);
});

test('a retired key\'s signature dated after its retirement is not genuine', { skip }, () => {
  const p = payload(old, { issued: '2026-03-01T09:30:00Z' });
  const r = verify(['--key', keyFile, p]);
  assert.equal(r.code, 2, r.out + r.err);
  assert.equal(r.out, 'not genuine (issued outside its key\'s validity)\n');
  // and dated before the key existed
  const early = verify(['--key', keyFile, payload(cur, { issued: '2025-12-31T23:59:59Z' })]);
  assert.equal(early.code, 2);
  assert.match(early.out, /issued outside its key's validity/);
});

test('an unknown key, or a key claiming another\'s id, is not genuine', { skip }, () => {
  const r = verify(['--key', keyFile, payload(lost, {})]);
  assert.equal(r.code, 2, r.out);
  assert.equal(r.out, 'not genuine (unknown key)\n');
  const claim = verify(['--key', keyFile, payload(lost, { keyId: cur.id })]);
  assert.equal(claim.code, 2);
  assert.equal(claim.out, 'not genuine (bad signature)\n');
});

test('malformed payloads are not genuine, never a crash', { skip }, () => {
  const good = payload(cur, {});
  const cases = ['', 'hello', good.replace('HV1', 'HV2'), `${good}|x`,
    good.split('|').slice(0, 11).join('|'), good.replace('|AP|', '|ZZ|'),
    good.replace('2026-12-06T14:05:12Z', '2026-12-06 14:05:12'),
    good.replace('7K2M-9QXD-4TRA', '7k2m-9qxd-4tra'),
    payload(cur, { birth: '1990-02-30' }), payload(cur, { familyLatin: 'A\tB' }),
    'x'.repeat(5000)];
  for (const c of cases) {
    const r = verify(['--key', keyFile], c);
    assert.equal(r.code, 2, `${JSON.stringify(c.slice(0, 60))}: ${r.out}${r.err}`);
    assert.match(r.out, /^not genuine \(/);
  }
});

test('usage and key file errors exit 3', { skip }, () => {
  const p = payload(cur, {});
  assert.equal(verify([p]).code, 3, 'no --key');
  assert.equal(verify(['--key', keyFile, p, p]).code, 3, 'two payloads');
  assert.equal(verify(['--bogus', '--key', keyFile, p]).code, 3);
  const missing = verify(['--key', path.join(tmp, 'none.txt'), p]);
  assert.equal(missing.code, 3);
  assert.match(missing.err, /none\.txt/);
  const bad = path.join(tmp, 'bad.txt');
  fs.writeFileSync(bad, `${cur.line}\nnot a key line\n`);
  const r = verify(['--key', bad, p]);
  assert.equal(r.code, 3);
  assert.match(r.err, /line 2: not a key/);
  const empty = path.join(tmp, 'empty.txt');
  fs.writeFileSync(empty, '# nothing\n');
  assert.equal(verify(['--key', empty, p]).code, 3);
});

// keys.test.mjs: `havre-admin keys init|new|list|retire|export-public`, the keys
// that sign issued documents (docs/certificates.md), against a real,
// migrated MariaDB, and the whole chain with havre-verify: a key made by
// havre-admin signs (here with node's Ed25519, from the secret file's
// seed, as the program will with libsodium), its published file verifies
// the document offline, and after rotation and retirement what it signed
// before stays genuine while anything dated later is not.
//
// Needs HAVRE_ADMIN, HAVRE_CONFIG (a running, migrated database) and
// HAVRE_BUILD (havre-verify). Key ids carry this run's suffix; the keys
// stay in the shared database (rows are never deleted, as in production).
//
//   HAVRE_ADMIN=build/havre-admin HAVRE_CONFIG=var/dev/havre.hdf HAVRE_BUILD=build \
//     node --test --test-reporter=tap tests/cli/keys.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const admin = process.env.HAVRE_ADMIN;
const config = process.env.HAVRE_CONFIG;
const build = process.env.HAVRE_BUILD;
const skip = !admin || !config || !build
  ? 'HAVRE_ADMIN, HAVRE_CONFIG and HAVRE_BUILD not set' : false;

const suffix = `${process.pid.toString(36)}${Date.now().toString(36)}`;
const idA = `kt-a-${suffix}`;
const idB = `kt-b-${suffix}`;

let tmp, db, varDir;

// Read the keys of an HDF file under prefix (e.g. "DB."): "A.B = v" lines
// and "A { B = v }" blocks.
function readHdf(file, prefix) {
  const keys = {};
  const stack = [];
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let m;
    if ((m = line.match(/^([A-Za-z0-9_.]+)\s*\{$/))) { stack.push(m[1]); continue; }
    if (line === '}') { stack.pop(); continue; }
    if ((m = line.match(/^([A-Za-z0-9_.]+)\s*=\s?(.*)$/))) {
      const full = [...stack, m[1]].join('.');
      if (full.startsWith(prefix)) keys[full.slice(prefix.length)] = m[2];
    }
  }
  return keys;
}

function sql1(text) {
  const args = ['--no-defaults', '--batch', '--skip-column-names',
    `--socket=${db.Socket}`, `-u${db.User}`];
  if (db.Password) args.push(`-p${db.Password}`);
  args.push(db.Name || 'havre');
  const r = spawnSync('mariadb', args, { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mariadb failed: ${r.stderr}`);
  return r.stdout.trim();
}

function run(args) {
  const r = spawnSync(admin, ['--config', config, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function verify(keyFile, text) {
  const r = spawnSync(path.join(build, 'havre-verify'), ['--key', keyFile, text],
    { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function secretPath(id) {
  return path.join(varDir, 'keys', `sign-${id}.key`);
}

// Sign the documented payload with the secret file of key id (its 32-byte
// seed) and the public key (base64url) on record.
function signWith(id, pub, issued) {
  const seed = fs.readFileSync(secretPath(id));
  const key = crypto.createPrivateKey({ format: 'jwk',
    key: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: pub } });
  const text = ['HV1', '7K2M-9QXD-4TRA', 'AE', 'Ndiaye', 'Awa', 'NDIAYE', 'AWA',
    '1988-00-00', issued, '', id].join('|');
  return `${text}|${crypto.sign(null, Buffer.from(text), key).toString('base64url')}`;
}

// The export's line of key id: [id, from, until, pub].
function exported(id) {
  const r = run(['keys', 'export-public']);
  assert.equal(r.code, 0, r.err);
  const line = r.out.split('\n').find((l) => l.startsWith(`${id} `));
  assert.ok(line, `${id} is exported`);
  return { text: r.out, fields: line.split(' ') };
}

function iso(d) {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

before(() => {
  if (skip) return;
  db = readHdf(config, 'DB.');
  if (process.env.HAVRE_TEST_DB_USER) {
    db.User = process.env.HAVRE_TEST_DB_USER;
    db.Password = process.env.HAVRE_TEST_DB_PASSWORD || '';
  }
  varDir = readHdf(config, 'Paths.').Var;
  assert.ok(varDir, `${config} has no Paths.Var`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-keystest-'));
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('keys: usage errors exit 2', { skip }, () => {
  assert.equal(run(['keys', 'retire']).code, 2);
  assert.equal(run(['keys', 'list', 'extra']).code, 2);
  assert.equal(run(['keys', 'export-public', 'x']).code, 2);
  assert.equal(run(['keys', 'new', '--bogus']).code, 2);
  const bad = run(['keys', 'new', '--id', 'Bad/Id']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /bad key id/);
});

test('keys new: a secret file 0600 under Paths.Var/keys, a row, an audit event', { skip }, () => {
  const before = Date.now();
  const r = run(['keys', 'new', '--id', idA]);
  assert.equal(r.code, 0, r.err);
  const [id, from, until, pub] = r.out.trim().split(' ');
  assert.equal(id, idA);
  assert.equal(until, '-');
  assert.match(pub, /^[A-Za-z0-9_-]{43}$/);
  assert.ok(Math.abs(Date.parse(from) - before) < 5000, `valid from now: ${from}`);
  const st = fs.statSync(secretPath(idA));
  assert.equal(st.mode & 0o777, 0o600);
  assert.equal(st.size, 32);
  // the seed in the file gives the public key printed and stored
  const seed = fs.readFileSync(secretPath(idA));
  const pk = crypto.createPublicKey(crypto.createPrivateKey({ format: 'jwk',
    key: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: pub } }));
  assert.equal(pk.export({ format: 'jwk' }).x, pub);
  assert.equal(sql1(`SELECT TO_BASE64(public_key), retired_at IS NULL,
      valid_until IS NULL FROM signing_key WHERE id = '${idA}';`),
    `${Buffer.from(pub, 'base64url').toString('base64')}\t1\t1`);
  assert.equal(sql1(`SELECT action FROM audit_event WHERE entity = 'signing_key'
      AND entity_id = '${idA}' ORDER BY seq DESC LIMIT 1;`), 'create');
  assert.ok(!sql1(`SELECT changes FROM audit_event WHERE entity = 'signing_key'
      AND entity_id = '${idA}';`).includes(seed.toString('hex')),
    'the secret is not audited');
  // the same id again: refused, the file untouched
  const again = run(['keys', 'new', '--id', idA]);
  assert.equal(again.code, 1);
  assert.match(again.err, /exists/);
  assert.deepEqual(fs.readFileSync(secretPath(idA)), seed);
});

test('keys list: the key, its validity, its secret present', { skip }, () => {
  const r = run(['keys', 'list']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.split('\n')[0], 'id\tvalid_from\tvalid_until\tretired\tsecret\tpublic_key');
  const row = r.out.split('\n').find((l) => l.startsWith(`${idA}\t`)).split('\t');
  assert.equal(row[2], '-');
  assert.equal(row[3], '-');
  assert.equal(row[4], 'present');
});

test('a document signed with the new key verifies offline with the export', { skip }, () => {
  const { text, fields } = exported(idA);
  assert.match(text, /^# /);
  const keyFile = path.join(tmp, 'keys-1.txt');
  fs.writeFileSync(keyFile, text);
  const doc = signWith(idA, fields[3], iso(new Date()));
  const r = verify(keyFile, doc);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /^genuine and valid$/m);
  assert.match(r.out, /^document: attestation: civil status being established \(AE\)$/m);
  assert.match(r.out, /^born: 1988-00-00$/m);
});

test('rotation: after keys new and keys retire, old documents stay genuine', { skip }, async () => {
  const pubA = exported(idA).fields[3];
  const docOld = signWith(idA, pubA, iso(new Date()));
  // whole seconds: let the retirement come strictly after the issue time
  await new Promise((res) => setTimeout(res, 1100));
  const nb = run(['keys', 'new', '--id', idB]);
  assert.equal(nb.code, 0, nb.err);
  const secretA = fs.readFileSync(secretPath(idA));
  const r = run(['keys', 'retire', '--id', idA]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`^retired key ${idA} at `));
  assert.ok(!fs.existsSync(secretPath(idA)), 'the retired key\'s secret is removed');
  assert.equal(sql1(`SELECT retired_at IS NOT NULL, valid_until = retired_at
      FROM signing_key WHERE id = '${idA}';`), '1\t1');
  assert.equal(sql1(`SELECT action FROM audit_event WHERE entity = 'signing_key'
      AND entity_id = '${idA}' ORDER BY seq DESC LIMIT 1;`), 'retire');
  const list = run(['keys', 'list']).out.split('\n')
    .find((l) => l.startsWith(`${idA}\t`)).split('\t');
  assert.notEqual(list[2], '-');
  assert.equal(list[4], 'missing');

  const { text, fields } = exported(idA);
  assert.notEqual(fields[2], '-', 'the export ends the retired key\'s validity');
  assert.ok(text.includes(`\n${idB} `), 'the new key is exported too');
  const keyFile = path.join(tmp, 'keys-2.txt');
  fs.writeFileSync(keyFile, text);
  const old = verify(keyFile, docOld);
  assert.equal(old.code, 0, old.out);
  assert.match(old.out, /^genuine and valid$/m);

  // A copy of the old secret, used after the retirement: not genuine.
  const stolen = path.join(varDir, 'keys', `sign-${idA}.key`);
  fs.writeFileSync(stolen, secretA, { mode: 0o600 });
  try {
    const late = signWith(idA, pubA, iso(new Date(Date.now() + 2000)));
    const v = verify(keyFile, late);
    assert.equal(v.code, 2, v.out);
    assert.equal(v.out, 'not genuine (issued outside its key\'s validity)\n');
  } finally {
    fs.rmSync(stolen, { force: true });
  }
  // The new key signs now.
  const docB = signWith(idB, exported(idB).fields[3], iso(new Date()));
  assert.equal(verify(keyFile, docB).code, 0);
  // Retiring twice, or a key that does not exist: refused.
  const twice = run(['keys', 'retire', '--id', idA]);
  assert.equal(twice.code, 1);
  assert.match(twice.err, /already retired/);
  const none = run(['keys', 'retire', '--id', `kt-none-${suffix}`]);
  assert.equal(none.code, 1);
  assert.match(none.err, /no key/);
});

test('keys export-public leaves out a key retired in the second it began', { skip }, () => {
  const id = `kt-z-${suffix}`;
  assert.equal(run(['keys', 'new', '--id', id]).code, 0);
  // What a quick `keys new` then `keys retire` leaves (whole seconds).
  sql1(`UPDATE signing_key SET valid_until = valid_from, retired_at = valid_from
    WHERE id = '${id}'`);
  const r = run(['keys', 'export-public']);
  assert.equal(r.code, 0, r.err);
  assert.ok(!r.out.includes(`${id} `), 'not in the published file');
  assert.match(r.err, new RegExp(`key ${id} left out: never in force`));
  // The file stays readable by havre-verify (it refuses an empty validity).
  const file = path.join(tmp, 'keys-z.txt');
  fs.writeFileSync(file, r.out);
  const v = verify(file, 'HV1|garbage');
  assert.doesNotMatch(v.err, /not a key/, v.err);
  fs.rmSync(secretPath(id), { force: true });
});

test('keys init: nothing when a key signs now; a key when none of them has its secret here', { skip }, () => {
  const count = () => Number(sql1('SELECT COUNT(*) FROM signing_key'));
  assert.equal(run(['keys', 'init', 'extra']).code, 2);
  // idB signs now (made by the rotation test) and its secret is here.
  const n = count();
  const here = run(['keys', 'init']);
  assert.equal(here.code, 0, here.err);
  assert.match(here.err, /signs now: nothing to do/);
  const inForce = here.out.trim();
  assert.match(inForce, /^[a-z0-9-]+$/);
  assert.equal(sql1(`SELECT COUNT(*) FROM signing_key WHERE id = '${inForce}'
    AND retired_at IS NULL AND valid_from <= UTC_TIMESTAMP()
    AND (valid_until IS NULL OR valid_until > UTC_TIMESTAMP())`), '1', 'a key in force');
  assert.ok(fs.existsSync(secretPath(inForce)), 'whose secret is here');
  assert.equal(count(), n, 'no new key');
  // Another host's Paths.Var, holding no secret: init makes one there,
  // and a second init finds it.
  const other = path.join(tmp, 'var');
  fs.mkdirSync(other);
  const conf = path.join(tmp, 'havre.hdf');
  fs.writeFileSync(conf, fs.readFileSync(config, 'utf8')
    .replace(/^(\s*Var\s*=\s*).*$/m, `$1${other}`));
  const runOther = (args) => {
    const r = spawnSync(admin, ['--config', conf, ...args], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const made = runOther(['keys', 'init']);
  assert.equal(made.code, 0, made.err);
  const [id] = made.out.trim().split(' ');
  assert.equal(count(), n + 1, 'one key made');
  const seed = path.join(other, 'keys', `sign-${id}.key`);
  assert.equal(fs.statSync(seed).mode & 0o777, 0o600);
  const again = runOther(['keys', 'init']);
  assert.equal(again.code, 0, again.err);
  assert.equal(again.out.trim(), id, 'the second run finds it');
  assert.equal(count(), n + 1, 'and makes nothing');
  // Its secret exists only in the scratch folder: retire it.
  assert.equal(runOther(['keys', 'retire', '--id', id]).code, 0);
});

// An installation runs `keys init` as root; the programs run as the
// service account (www-data under Apache), which must read the secret:
// it goes to whoever owns the key folder.
test('keys init as root: the secret belongs to the key folder\'s owner', { skip: skip || (process.getuid() !== 0 ? 'not run as root: the chown needs it' : false) }, () => {
  const other = path.join(tmp, 'var-owned');
  fs.mkdirSync(path.join(other, 'keys'), { recursive: true, mode: 0o700 });
  fs.chownSync(path.join(other, 'keys'), 65534, 65534);
  const conf = path.join(tmp, 'havre-owned.hdf');
  fs.writeFileSync(conf, fs.readFileSync(config, 'utf8')
    .replace(/^(\s*Var\s*=\s*).*$/m, `$1${other}`));
  const runOther = (args) => spawnSync(admin, ['--config', conf, ...args], { encoding: 'utf8' });
  // No key has its secret in this folder: init makes one.
  const made = runOther(['keys', 'init']);
  assert.equal(made.status, 0, made.stderr);
  const [id] = made.stdout.trim().split(' ');
  const st = fs.statSync(path.join(other, 'keys', `sign-${id}.key`));
  assert.equal(st.uid, 65534, 'owned by the folder\'s owner');
  assert.equal(st.gid, 65534);
  assert.equal(st.mode & 0o777, 0o600);
  assert.equal(runOther(['keys', 'retire', '--id', id]).status, 0);
});

test('cleanup: retire the run\'s second key', { skip }, () => {
  assert.equal(run(['keys', 'retire', '--id', idB]).code, 0);
  assert.ok(!fs.existsSync(secretPath(idB)));
});

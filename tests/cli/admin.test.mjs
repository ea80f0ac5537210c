// admin.test.mjs: `havre-admin user ...`, `apikey ...` and `audit-verify`
// against a real, migrated MariaDB.
//
// Needs HAVRE_ADMIN (the havre-admin binary) and HAVRE_CONFIG (the config
// of a running, migrated database). The database is shared with the other
// suites: every name made here carries this run's suffix, and the audit
// rows the test tampers with are restored before it ends (also on failure).
// Direct checks use the mariadb client over the config's DB.Socket, as the
// config's DB.User unless HAVRE_TEST_DB_USER / HAVRE_TEST_DB_PASSWORD name
// another account.
//
//   HAVRE_ADMIN=build/havre-admin HAVRE_CONFIG=var/dev/havre.hdf \
//     node --test --test-reporter=tap tests/cli/admin.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const admin = process.env.HAVRE_ADMIN;
const config = process.env.HAVRE_CONFIG;
const skip = !admin || !config ? 'HAVRE_ADMIN and HAVRE_CONFIG not set' : false;

// Unique per run: usernames are [a-z0-9._-]{3,64}.
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const alice = `admtest_a_${suffix}`;
const bob = `admtest_b_${suffix}`;
const keyName = `admtest key ${suffix}`;

const goodPassword = 'correct horse battery staple';
const otherPassword = 'Quiet-Harbour-Lantern-42';

let tmp, db;

// Read the DB.* keys of an HDF file: "DB.Key = v" lines and "DB { Key = v }"
// blocks (enough for our configs; later assignments win, as in HDF).
function readDbKeys(file) {
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
      if (full.startsWith('DB.')) keys[full.slice(3)] = m[2];
    }
  }
  return keys;
}

// Run an SQL text in the config's database; returns the tab-separated
// output without column names. Throws on failure.
function sql(text) {
  const args = ['--no-defaults', '--batch', '--skip-column-names',
    `--socket=${db.Socket}`, `-u${db.User}`];
  if (db.Password) args.push(`-p${db.Password}`);
  args.push(db.Name || 'havre');
  const r = spawnSync('mariadb', args, { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mariadb failed: ${r.stderr}`);
  return r.stdout;
}

// A single value of a query.
function sql1(text) {
  return sql(text).trim();
}

// Quote a string for SQL (the values here are our own test names).
function q(s) {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

// Run havre-admin with the config; input feeds stdin.
function run(args, input) {
  const r = spawnSync(admin, ['--config', config, ...args],
    { encoding: 'utf8', input: input ?? '' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// A password file holding text (plus a newline).
function pwFile(name, text) {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, `${text}\n`, { mode: 0o600 });
  return f;
}

function agentId(username) {
  return sql1(`SELECT id FROM agent WHERE username = ${q(username)};`);
}

// The last audit event of entity/id: "seq\taction\tactor\tchanges".
function lastEvent(entity, id) {
  return sql1(`SELECT seq, action, actor, changes FROM audit_event
    WHERE entity = ${q(entity)} AND entity_id = ${q(String(id))}
    ORDER BY seq DESC LIMIT 1;`).split('\t');
}

function verify() {
  return run(['audit-verify']);
}

before(() => {
  if (skip) return;
  db = readDbKeys(config);
  if (process.env.HAVRE_TEST_DB_USER) {
    db.User = process.env.HAVRE_TEST_DB_USER;
    db.Password = process.env.HAVRE_TEST_DB_PASSWORD || '';
  }
  assert.ok(db.Socket, `${config} has no DB.Socket`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-admintest-'));
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('usage errors exit 2', { skip }, () => {
  assert.equal(run(['user', 'add']).code, 2);
  assert.equal(run(['user', 'add', '--username', alice, '--role', 'registrar']).code, 2);
  assert.equal(run(['user', 'passwd', '--username', alice]).code, 2);
  assert.equal(run(['user', 'disable']).code, 2);
  assert.equal(run(['user', 'list', 'extra']).code, 2);
  assert.equal(run(['apikey', 'add', '--name', keyName]).code, 2);
  assert.equal(run(['apikey', 'revoke', '--name', keyName, '--role', 'x']).code, 2);
  assert.equal(run(['audit-verify', 'extra']).code, 2);
  assert.equal(run(['user', 'add', '--bogus']).code, 2);
});

test('the audit chain is intact before we start', { skip }, () => {
  const r = verify();
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^audit chain intact: \d+ events$/m);
});

test('user add refuses a short and a common password', { skip }, () => {
  const short = run(['user', 'add', '--username', alice, '--role', 'registrar',
    '--password-file', pwFile('short', 'tooshort')]);
  assert.equal(short.code, 1);
  assert.match(short.err, /password refused: too short/);
  const common = run(['user', 'add', '--username', alice, '--role', 'registrar',
    '--password-file', pwFile('common', 'password1234')]);
  assert.equal(common.code, 1);
  assert.match(common.err, /password refused: too common/);
  const same = run(['user', 'add', '--username', alice, '--role', 'registrar',
    '--password-file', pwFile('same', alice)]);
  assert.equal(same.code, 1);
  assert.match(same.err, /password refused/);
  assert.equal(agentId(alice), '', 'no agent may be created');
});

test('user add refuses an unknown role, listing the valid ones', { skip }, () => {
  const r = run(['user', 'add', '--username', alice, '--role', 'no_such_role',
    '--password-file', pwFile('good', goodPassword)]);
  assert.equal(r.code, 1);
  assert.match(r.err, /unknown role "no_such_role"/);
  assert.match(r.err, /administrator/);
  assert.match(r.err, /registrar/);
  assert.equal(agentId(alice), '');
});

test('user add refuses a bad username', { skip }, () => {
  const r = run(['user', 'add', '--username', 'Bad User', '--role', 'registrar',
    '--password-file', pwFile('good', goodPassword)]);
  assert.equal(r.code, 1);
  assert.match(r.err, /bad username/);
});

test('user add creates the agent, its roles and an audit event', { skip }, () => {
  const r = run(['user', 'add', '--username', alice, '--role', 'registrar',
    '--role', 'supervisor', '--password-file', pwFile('good', goodPassword),
    '--display-name', 'Alice Test', '--email', 'alice@example.org',
    '--lang', 'fr', '--temporary']);
  assert.equal(r.code, 0, r.err);
  const row = sql1(`SELECT display_name, email, lang, must_change_password,
      disabled, LEFT(password_hash, 10) FROM agent WHERE username = ${q(alice)};`);
  assert.equal(row, 'Alice Test\talice@example.org\tfr\t1\t0\t$argon2id$');
  const id = agentId(alice);
  assert.equal(sql1(`SELECT GROUP_CONCAT(r.name ORDER BY r.name) FROM agent_role ar
      JOIN role r ON r.id = ar.role_id WHERE ar.agent_id = ${id};`),
    'registrar,supervisor');
  const [seq, action, actor, changes] = lastEvent('agent', id);
  assert.ok(Number(seq) > 0);
  assert.equal(action, 'create');
  assert.match(actor, /^cli:.+/);
  const parsed = JSON.parse(changes);
  assert.equal(parsed.username.new, alice);
  assert.equal(parsed.must_change_password.new, '1');
  assert.ok(!changes.includes(goodPassword), 'the password must not be audited');
  assert.ok(!changes.includes('argon2'), 'the hash must not be audited');
});

test('user add reads the password from stdin, --temporary is optional', { skip }, () => {
  const r = run(['user', 'add', '--username', bob, '--role', 'case_officer',
    '--password-file', '-'], `${otherPassword}\n`);
  assert.equal(r.code, 0, r.err);
  assert.equal(sql1(`SELECT must_change_password, display_name FROM agent
      WHERE username = ${q(bob)};`), `0\t${bob}`);
});

test('user add refuses a duplicate username', { skip }, () => {
  const r = run(['user', 'add', '--username', alice, '--role', 'registrar',
    '--password-file', pwFile('good', goodPassword)]);
  assert.equal(r.code, 1);
  assert.match(r.err, /already exists/);
  assert.equal(sql1(`SELECT COUNT(*) FROM agent WHERE username = ${q(alice)};`), '1');
});

test('user passwd sets the password and ends the sessions', { skip }, () => {
  const id = agentId(alice);
  const before = sql1(`SELECT password_hash FROM agent WHERE id = ${id};`);
  sql(`INSERT INTO session (token_hash, agent_id, csrf, created_at, last_seen_at,
      expires_at) VALUES (RANDOM_BYTES(32), ${id}, REPEAT('a', 64), UTC_TIMESTAMP(6),
      UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 DAY);`);
  const refused = run(['user', 'passwd', '--username', alice,
    '--password-file', pwFile('short', 'tooshort')]);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /password refused/);
  assert.equal(sql1(`SELECT COUNT(*) FROM session WHERE agent_id = ${id}
      AND revoked_at IS NULL;`), '1', 'a refused password changes nothing');

  const r = run(['user', 'passwd', '--username', alice,
    '--password-file', pwFile('other', otherPassword)]);
  assert.equal(r.code, 0, r.err);
  const after = sql1(`SELECT password_hash FROM agent WHERE id = ${id};`);
  assert.notEqual(after, before);
  assert.match(after, /^\$argon2id\$/);
  assert.equal(sql1(`SELECT must_change_password FROM agent WHERE id = ${id};`), '0');
  assert.equal(sql1(`SELECT COUNT(*) FROM session WHERE agent_id = ${id}
      AND revoked_at IS NULL;`), '0');
  const [, action, , changes] = lastEvent('agent', id);
  assert.equal(action, 'password_set');
  assert.ok(!changes.includes(otherPassword));

  const missing = run(['user', 'passwd', '--username', `admtest_none_${suffix}`,
    '--password-file', pwFile('other', otherPassword)]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no agent/);
});

test('user disable and enable', { skip }, () => {
  const id = agentId(bob);
  sql(`INSERT INTO session (token_hash, agent_id, csrf, created_at, last_seen_at,
      expires_at) VALUES (RANDOM_BYTES(32), ${id}, REPEAT('b', 64), UTC_TIMESTAMP(6),
      UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 DAY);`);
  let r = run(['user', 'disable', '--username', bob]);
  assert.equal(r.code, 0, r.err);
  assert.equal(sql1(`SELECT disabled FROM agent WHERE id = ${id};`), '1');
  assert.equal(sql1(`SELECT COUNT(*) FROM session WHERE agent_id = ${id}
      AND revoked_at IS NULL;`), '0');
  assert.equal(lastEvent('agent', id)[1], 'disable');
  r = run(['user', 'disable', '--username', bob]);
  assert.equal(r.code, 1);
  assert.match(r.err, /already disabled/);

  const list = run(['user', 'list']);
  assert.equal(list.code, 0, list.err);
  const line = list.out.split('\n').find((l) => l.startsWith(`${bob}\t`));
  assert.ok(line, `${bob} not listed:\n${list.out}`);
  assert.deepEqual(line.split('\t').slice(0, 4), [bob, bob, 'case_officer', 'yes']);

  r = run(['user', 'enable', '--username', bob]);
  assert.equal(r.code, 0, r.err);
  assert.equal(sql1(`SELECT disabled FROM agent WHERE id = ${id};`), '0');
  assert.equal(lastEvent('agent', id)[1], 'enable');
  r = run(['user', 'enable', '--username', bob]);
  assert.equal(r.code, 1);
  assert.match(r.err, /already enabled/);
});

test('user list shows display names and roles', { skip }, () => {
  const r = run(['user', 'list']);
  assert.equal(r.code, 0, r.err);
  const line = r.out.split('\n').find((l) => l.startsWith(`${alice}\t`));
  assert.ok(line, `${alice} not listed:\n${r.out}`);
  assert.deepEqual(line.split('\t').slice(0, 4),
    [alice, 'Alice Test', 'registrar,supervisor', 'no']);
});

test('apikey add prints the key once and stores only its hash', { skip }, () => {
  const r = run(['apikey', 'add', '--name', keyName, '--role', 'partner_agency']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^hvk_[0-9a-f]{64}\n$/, 'only the key, on its own line');
  const key = r.out.trim();
  assert.equal(key.length, 68);
  assert.match(r.err, /not be shown again/);

  const row = sql1(`SELECT k.id, r.name, LENGTH(k.key_hash), LOWER(HEX(k.key_hash))
      FROM api_key k JOIN role r ON r.id = k.role_id WHERE k.name = ${q(keyName)};`);
  const [id, role, len, hashHex] = row.split('\t');
  assert.equal(role, 'partner_agency');
  assert.equal(len, '32');
  // BLAKE2b-256 of the key text (crypto.h secret_hash).
  const b2 = spawnSync('b2sum', ['-l', '256'], { input: key, encoding: 'utf8' });
  if (b2.status === 0)
    assert.equal(hashHex, b2.stdout.split(' ')[0]);
  // The key, or its random part, is nowhere in the table.
  const dump = sql(`SELECT id, name, HEX(key_hash), key_hash, role_id, created_at,
      last_used_at, revoked_at FROM api_key;`).toLowerCase();
  assert.ok(!dump.includes(key.slice(4)), 'the key text must not be stored');
  assert.equal(sql1(`SELECT COUNT(*) FROM api_key WHERE key_hash = ${q(key)}
      OR HEX(key_hash) = UPPER(${q(key.slice(4))});`), '0');

  const [, action, , changes] = lastEvent('apikey', id);
  assert.equal(action, 'create');
  assert.ok(!changes.includes(key.slice(4)), 'the key must not be audited');

  const again = run(['apikey', 'add', '--name', keyName, '--role', 'partner_agency']);
  assert.equal(again.code, 1);
  assert.match(again.err, /already exists/);
  assert.equal(again.out, '', 'no key printed for a refused name');
});

test('apikey list shows the key and its uses', { skip }, () => {
  const id = sql1(`SELECT id FROM api_key WHERE name = ${q(keyName)};`);
  sql(`INSERT INTO api_key_use (api_key_id, at, method, path, client_addr, request_id)
      VALUES (${id}, UTC_TIMESTAMP(6), 'GET', '/api/test', '127.0.0.1', 'admtest000000000');`);
  const r = run(['apikey', 'list']);
  assert.equal(r.code, 0, r.err);
  const line = r.out.split('\n').find((l) => l.startsWith(`${keyName}\t`));
  assert.ok(line, `key not listed:\n${r.out}`);
  const f = line.split('\t');
  assert.equal(f[1], 'partner_agency');
  assert.match(f[2], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.equal(f[3], '-');
  assert.equal(f[4], '-');
  assert.equal(f[5], '1');
});

test('apikey revoke, and revoking twice fails', { skip }, () => {
  let r = run(['apikey', 'revoke', '--name', keyName]);
  assert.equal(r.code, 0, r.err);
  assert.equal(sql1(`SELECT revoked_at IS NOT NULL FROM api_key WHERE name = ${q(keyName)};`), '1');
  const id = sql1(`SELECT id FROM api_key WHERE name = ${q(keyName)};`);
  assert.equal(lastEvent('apikey', id)[1], 'revoke');
  r = run(['apikey', 'revoke', '--name', keyName]);
  assert.equal(r.code, 1);
  assert.match(r.err, /already revoked/);
  r = run(['apikey', 'revoke', '--name', `${keyName} none`]);
  assert.equal(r.code, 1);
  assert.match(r.err, /no API key/);
});

test('audit-verify passes on the chain these commands wrote', { skip }, () => {
  const r = verify();
  assert.equal(r.code, 0, r.err);
  const m = r.out.match(/^audit chain intact: (\d+) events$/m);
  assert.ok(m, r.out);
  assert.ok(Number(m[1]) > 0, 'the commands above wrote events');
  assert.equal(Number(m[1]), Number(sql1('SELECT COUNT(*) FROM audit_event;')));
});

test('an edited audit event is detected, and restoring it heals the chain', { skip }, () => {
  // alice's creation: an event in the middle of the chain.
  const seq = sql1(`SELECT MIN(seq) FROM audit_event
      WHERE entity = 'agent' AND entity_id = ${q(agentId(alice))};`);
  const orig = sql1(`SELECT HEX(changes) FROM audit_event WHERE seq = ${seq};`);
  assert.notEqual(orig, '');
  try {
    sql(`UPDATE audit_event SET changes = '{}' WHERE seq = ${seq};`);
    const r = verify();
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`audit chain broken at event ${seq}\\b`));
    assert.match(r.err, /agent/);
    assert.match(r.err, /create/);
  } finally {
    sql(`UPDATE audit_event SET changes = CONVERT(UNHEX('${orig}') USING utf8mb4)
        WHERE seq = ${seq};`);
  }
  const ok = verify();
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /audit chain intact/);
});

test('a deleted last audit event is detected, and restoring it heals the chain', { skip }, () => {
  const seq = sql1('SELECT MAX(seq) FROM audit_event;');
  const saved = sql1(`SELECT at, IFNULL(agent_id, 'NULL'), IFNULL(api_key_id, 'NULL'),
      HEX(actor), HEX(entity), HEX(entity_id), HEX(action), HEX(changes),
      HEX(request_id), HEX(prev_hash), HEX(hash), HEX(changes_hash), HEX(changes_salt)
      FROM audit_event WHERE seq = ${seq};`)
    .split('\t');
  assert.equal(saved.length, 13);
  const [at, agent, key, ...hex] = saved;
  const text = (h) => `CONVERT(UNHEX('${h}') USING utf8mb4)`;
  try {
    sql(`DELETE FROM audit_event WHERE seq = ${seq};`);
    const r = verify();
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`audit chain broken at event ${seq}\\b`));
  } finally {
    sql(`INSERT INTO audit_event (seq, at, agent_id, api_key_id, actor, entity,
        entity_id, action, changes, request_id, prev_hash, hash, changes_hash,
        changes_salt) VALUES (${seq},
        '${at}', ${agent}, ${key}, ${text(hex[0])}, ${text(hex[1])}, ${text(hex[2])},
        ${text(hex[3])}, ${text(hex[4])}, ${text(hex[5])}, UNHEX('${hex[6]}'),
        UNHEX('${hex[7]}'), UNHEX('${hex[8]}'), UNHEX('${hex[9]}'));`);
  }
  const ok = verify();
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /audit chain intact/);
});

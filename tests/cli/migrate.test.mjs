// migrate.test.mjs: `havre-admin migrate` against a real MariaDB.
//
// Needs HAVRE_ADMIN (the havre-admin binary) and HAVRE_CONFIG (a config
// whose DB.Socket reaches a running server). The test creates its own
// database havre_migtest_<pid>, applies copies of sql/migrations/ from a
// temporary folder, and drops the database at the end.
// The account that creates and drops the database is the config's
// DB.User / DB.Password unless HAVRE_TEST_DB_USER / HAVRE_TEST_DB_PASSWORD
// name another (e.g. root); havre-admin then runs as that account too.
//
//   HAVRE_ADMIN=build/havre-admin HAVRE_CONFIG=var/havre.hdf \
//     node --test --test-reporter=tap tests/cli/migrate.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const admin = process.env.HAVRE_ADMIN;
const baseConfig = process.env.HAVRE_CONFIG;
const srcdir = process.env.HAVRE_SRCDIR ||
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dbName = `havre_migtest_${process.pid}`;
const skip = !admin || !baseConfig ? 'HAVRE_ADMIN and HAVRE_CONFIG not set' : false;

let tmp, migDir, config, db;

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

// Run an SQL text with the mariadb client; throws on failure.
function sql(text, database) {
  const args = ['--no-defaults', '--batch', '--skip-column-names',
    `--socket=${db.Socket}`, `-u${db.User}`];
  if (db.Password) args.push(`-p${db.Password}`);
  if (database) args.push(database);
  const r = spawnSync('mariadb', args, { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mariadb failed: ${r.stderr}`);
  return r.stdout;
}

// Run havre-admin with the temporary config.
function run(...args) {
  const r = spawnSync(admin, ['--config', config, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function migrationFiles() {
  return fs.readdirSync(path.join(srcdir, 'sql', 'migrations'))
    .filter((f) => /^\d+_[A-Za-z0-9_-]+\.sql$/.test(f)).sort();
}

before(() => {
  if (skip) return;
  db = readDbKeys(baseConfig);
  if (process.env.HAVRE_TEST_DB_USER) {
    db.User = process.env.HAVRE_TEST_DB_USER;
    db.Password = process.env.HAVRE_TEST_DB_PASSWORD || '';
  }
  assert.ok(db.Socket, `${baseConfig} has no DB.Socket`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-migtest-'));
  migDir = path.join(tmp, 'migrations');
  fs.mkdirSync(migDir);
  for (const f of migrationFiles())
    fs.copyFileSync(path.join(srcdir, 'sql', 'migrations', f), path.join(migDir, f));
  config = path.join(tmp, 'havre.hdf');
  // Later assignments override earlier ones in HDF.
  fs.writeFileSync(config, fs.readFileSync(baseConfig, 'utf8') +
    `\nDB.Name = ${dbName}\nDB.User = ${db.User}\nDB.Password = ${db.Password || ''}\n` +
    `Paths.Migrations = ${migDir}\n`);
  sql(`DROP DATABASE IF EXISTS ${dbName}; CREATE DATABASE ${dbName} ` +
    'CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;');
});

after(() => {
  if (skip) return;
  try { sql(`DROP DATABASE IF EXISTS ${dbName};`); } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('first run applies every migration in order', { skip }, () => {
  const r = run('migrate');
  assert.equal(r.code, 0, r.err);
  const applied = r.out.trim().split('\n');
  assert.deepEqual(applied, migrationFiles().map((f) => `applied ${f}`));
  const rows = sql('SELECT version, name, LENGTH(checksum) FROM schema_migration ORDER BY version;', dbName);
  assert.equal(rows.trim().split('\n').length, migrationFiles().length);
  for (const row of rows.trim().split('\n')) assert.match(row, /^\d+\t\d+_.*\.sql\t64$/);
});

test('every table is InnoDB, utf8mb4_unicode_ci (or ascii_bin for key-only tables), with a primary key', { skip }, () => {
  const bad = sql(`SELECT t.table_name, t.engine, t.table_collation,
      (SELECT COUNT(*) FROM information_schema.table_constraints c
        WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name
          AND c.constraint_type = 'PRIMARY KEY') AS pk
    FROM information_schema.tables t
    WHERE t.table_schema = '${dbName}' AND t.table_type = 'BASE TABLE'
    HAVING engine <> 'InnoDB' OR table_collation NOT IN ('utf8mb4_unicode_ci', 'ascii_bin') OR pk = 0;`);
  assert.equal(bad.trim(), '', `tables breaking the rules:\n${bad}`);
});

test('second run applies nothing', { skip }, () => {
  const r = run('migrate');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim(), 'nothing to apply');
});

test('a new file is applied, then listed by --status', { skip }, () => {
  fs.writeFileSync(path.join(migDir, '9001_migtest_extra.sql'),
    '-- test table\nCREATE TABLE migtest_extra (id INT NOT NULL PRIMARY KEY)\n' +
    '  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n' +
    'INSERT INTO migtest_extra VALUES (1), (2);\n');
  const r = run('migrate');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim(), 'applied 9001_migtest_extra.sql');
  assert.equal(sql('SELECT COUNT(*) FROM migtest_extra;', dbName).trim(), '2');

  fs.writeFileSync(path.join(migDir, '9002_migtest_pending.sql'),
    'CREATE TABLE migtest_pending (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;\n');
  const s = run('migrate', '--status');
  assert.equal(s.code, 0, s.err);
  const lines = s.out.trim().split('\n');
  assert.equal(lines.length, migrationFiles().length + 2);
  for (const f of migrationFiles())
    assert.ok(lines.some((l) => l.startsWith('applied') && l.includes(f)), `${f} not applied:\n${s.out}`);
  assert.match(s.out, /^applied\s+9001_migtest_extra\.sql\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/m);
  assert.match(s.out, /^pending\s+9002_migtest_pending\.sql$/m);
  fs.unlinkSync(path.join(migDir, '9002_migtest_pending.sql'));
});

test('a changed applied file is refused, naming the file', { skip }, () => {
  const f = path.join(migDir, '9001_migtest_extra.sql');
  const orig = fs.readFileSync(f, 'utf8');
  fs.writeFileSync(f, orig + '-- edited after it was applied\n');
  fs.writeFileSync(path.join(migDir, '9003_migtest_never.sql'),
    'CREATE TABLE migtest_never (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;\n');
  const r = run('migrate');
  assert.equal(r.code, 1);
  assert.match(r.err, /9001_migtest_extra\.sql/);
  assert.doesNotMatch(r.out, /applied/);
  assert.equal(sql("SHOW TABLES LIKE 'migtest_never';", dbName).trim(), '',
    'nothing may be applied while a recorded file differs');
  const s = run('migrate', '--status');
  assert.equal(s.code, 1);
  assert.match(s.out, /^CHANGED\s+9001_migtest_extra\.sql/m);
  fs.writeFileSync(f, orig);
  fs.unlinkSync(path.join(migDir, '9003_migtest_never.sql'));
  assert.equal(run('migrate').code, 0);
});

test('a missing applied file is refused, naming the file', { skip }, () => {
  const f = path.join(migDir, '9001_migtest_extra.sql');
  const orig = fs.readFileSync(f, 'utf8');
  fs.unlinkSync(f);
  const r = run('migrate');
  assert.equal(r.code, 1);
  assert.match(r.err, /9001_migtest_extra\.sql/);
  fs.writeFileSync(f, orig);
  assert.equal(run('migrate').code, 0);
});

test('a failing migration stops with exit 1 and is not recorded', { skip }, () => {
  fs.writeFileSync(path.join(migDir, '9004_migtest_broken.sql'),
    'CREATE TABLE migtest_ok (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;\nTHIS IS NOT SQL;\n');
  const r = run('migrate');
  assert.equal(r.code, 1);
  assert.match(r.err, /9004_migtest_broken\.sql/);
  assert.equal(sql('SELECT COUNT(*) FROM schema_migration WHERE version = 9004;', dbName).trim(), '0');
  fs.unlinkSync(path.join(migDir, '9004_migtest_broken.sql'));
});

test('a badly named .sql file is refused', { skip }, () => {
  const f = path.join(migDir, '9005-bad-name.sql');
  fs.writeFileSync(f, 'SELECT 1;\n');
  const r = run('migrate');
  assert.equal(r.code, 1);
  assert.match(r.err, /9005-bad-name\.sql/);
  fs.unlinkSync(f);
});

test('usage errors exit 2', { skip }, () => {
  assert.equal(run('migrate', '--bogus').code, 2);
  assert.equal(run('no-such-command').code, 2);
  assert.equal(spawnSync(admin, [], { encoding: 'utf8' }).status, 2);
});

// grants.test.mjs: one MariaDB account per program (havre-admin grants,
// docs/database-accounts.md).
//
// On a database of its own (havre_grantstest_<pid>, migrated, dropped at
// the end) with accounts of its own (gt<pid>_<name>, dropped too, so the
// stack's accounts are never touched), the test applies the script
// `havre-admin grants` prints and checks that:
//   - no program's account can UPDATE or DELETE a row of audit_event or
//     access_event (nor TRUNCATE, DROP or ALTER them), while the schema
//     owner can (so the rows are there to be refused);
//   - each account can do what its program does: every statement of each
//     FastCGI program's SQL table prepares under its account
//     (`--check-sql`; the server checks the rights of every table a
//     statement names when it prepares it), and havre-admin's commands
//     run as its account there (user add, apikey add, import-persons,
//     audit-verify, files verify);
//   - an account has no right on a table its program does not use.
// On the running stack, every program connects as its own account (the
// HTTP, CLI and browser suites all run so), and those accounts are
// refused an UPDATE and a DELETE of the stack's own audit rows.
//
// Needs HAVRE_ADMIN, HAVRE_CONFIG (the stack's), HAVRE_BUILD, and the
// server's root (HAVRE_TEST_DB_USER / HAVRE_TEST_DB_PASSWORD) to create
// the database and apply the script, as contrib/dev check passes them.
//
//   HAVRE_ADMIN=build/havre-admin HAVRE_CONFIG=var/check/havre.hdf \
//     HAVRE_BUILD=build HAVRE_TEST_DB_USER=root HAVRE_TEST_DB_PASSWORD= \
//     HAVRE_INTRANET=http://127.0.0.1:18080 \
//     node --test --test-reporter=tap tests/cli/grants.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INTRANET, get, login, makeAgent } from '../http/lib.mjs';

const ADMIN = process.env.HAVRE_ADMIN;
const CONFIG = process.env.HAVRE_CONFIG;
const BUILD = process.env.HAVRE_BUILD;
const ROOT = process.env.HAVRE_TEST_DB_USER;
const ROOTPW = process.env.HAVRE_TEST_DB_PASSWORD ?? '';
const skip = !ADMIN || !CONFIG || !BUILD || !ROOT ?
	'needs HAVRE_ADMIN, HAVRE_CONFIG, HAVRE_BUILD and HAVRE_TEST_DB_USER' : false;

const tag = `gt${process.pid}`;
const dbName = `havre_grantstest_${process.pid}`;

let tmp, config, socket, accounts, passwords;

// The HDF keys of a file ("A.B = v" and "A { B = v }" forms).
function hdfKeys(file) {
	const keys = {};
	const stack = [];
	for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
		const line = raw.trim();
		let m;
		if (line === '' || line.startsWith('#'))
			continue;
		if ((m = /^([\w.]+)\s*\{$/.exec(line)) !== null) {
			stack.push(m[1]);
			continue;
		}
		if (line === '}') {
			stack.pop();
			continue;
		}
		if ((m = /^([\w.]+)\s*=\s?(.*)$/.exec(line)) !== null)
			keys[[...stack, m[1]].join('.')] = m[2];
	}
	return keys;
}

// Run SQL as user (password pw) in database db; returns {status, out, err}.
function mysql(user, pw, db, text) {
	const args = ['--no-defaults', '--batch', '--skip-column-names',
		`--socket=${socket}`, `-u${user}`];
	if (pw)
		args.push(`-p${pw}`);
	if (db)
		args.push(db);
	const r = spawnSync('mariadb', args, { input: text, encoding: 'utf8' });
	return { status: r.status, out: r.stdout, err: r.stderr };
}

// The same as the server's root; throws on failure.
function root(text, db) {
	const r = mysql(ROOT, ROOTPW, db, text);
	if (r.status !== 0)
		throw new Error(`mariadb as ${ROOT} failed: ${r.err}`);
	return r.out;
}

// Run havre-admin with file cfg; input feeds stdin.
function admin(cfg, args, input) {
	const r = spawnSync(ADMIN, ['--config', cfg, ...args],
		{ encoding: 'utf8', input: input ?? '', timeout: 60000 });
	return { status: r.status, out: r.stdout, err: r.stderr };
}

// The accounts of havre-admin grants: [{name, user, program}].
function accountList(cfg) {
	const r = admin(cfg, ['grants', '--accounts']);
	assert.equal(r.status, 0, r.err);
	return r.out.trim().split('\n').map((l) => {
		const [name, user, program] = l.split(' ');
		return { name, user, program };
	});
}

// The FastCGI programs of the build (havre-* but the admin, notify and
// havre-verify, which opens no database).
function fcgiPrograms() {
	return fs.readdirSync(BUILD).filter((f) => /^havre-[a-z]+$/.test(f) &&
		!['havre-admin', 'havre-notify', 'havre-verify'].includes(f) &&
		fs.statSync(path.join(BUILD, f)).isFile() &&
		(fs.statSync(path.join(BUILD, f)).mode & 0o111) !== 0).sort();
}

before(() => {
	if (skip) return;
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-grants-'));
	socket = hdfKeys(CONFIG)['DB.Socket'];
	assert.ok(socket, `${CONFIG} has no DB.Socket`);
	accounts = accountList(CONFIG);
	// The test's configuration: its database, the root as the schema
	// owner (migrate), and its own account names and passwords.
	passwords = Object.fromEntries(accounts.map((a) =>
		[a.name, `Pw${tag}${a.name.length}x${Math.random().toString(36).slice(2)}`]));
	let hdf = `${fs.readFileSync(CONFIG, 'utf8')}\nDB.Name = ${dbName}\n` +
		`DB.User = ${ROOT}\nDB.Password = ${ROOTPW}\nPaths.Files = ${tmp}/files\n` +
		`Paths.Var = ${tmp}\nLog.Dir =\n`;
	for (const a of accounts)
		hdf += `DB.Accounts.${a.name}.User = ${tag}_${a.name}\n` +
			`DB.Accounts.${a.name}.Password = ${passwords[a.name]}\n`;
	config = path.join(tmp, 'havre.hdf');
	fs.writeFileSync(config, hdf, { mode: 0o600 });
	root(`DROP DATABASE IF EXISTS ${dbName}; CREATE DATABASE ${dbName} ` +
		'CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;');
	const m = admin(config, ['migrate']);
	assert.equal(m.status, 0, m.err);
});

after(() => {
	if (skip || !tmp) return;
	try {
		root(`DROP DATABASE IF EXISTS ${dbName};` + accounts.map((a) =>
			`DROP USER IF EXISTS '${tag}_${a.name}'@'localhost';`).join(''));
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
});

test('havre-admin grants needs every account\'s password, and --accounts lists them', { skip }, () => {
	const bare = path.join(tmp, 'bare.hdf');
	fs.writeFileSync(bare, `DB.Name = ${dbName}\nDB.Accounts.portal.User = x_portal\n` +
		'DB.Accounts.portal.Password = secret1\n');
	const r = admin(bare, ['grants']);
	assert.equal(r.status, 1);
	assert.match(r.err, /DB\.Accounts\.identity needs a User and a Password/);
	assert.doesNotMatch(r.err, /DB\.Accounts\.portal needs/);
	assert.equal(r.out, '', 'no half script');
	const names = accountList(bare);
	assert.deepEqual(names.find((a) => a.name === 'portal'),
		{ name: 'portal', user: 'x_portal', program: 'havre-portal' });
	assert.deepEqual(names.find((a) => a.name === 'identity'),
		{ name: 'identity', user: 'havre_identity', program: 'havre-identity' });
	// Every program the build has, havre-admin and havre-notify included,
	// has an account of its own.
	const have = names.map((a) => a.program);
	for (const p of [...fcgiPrograms(), 'havre-admin', 'havre-notify'])
		assert.ok(have.includes(p), `${p} has an account in havre-admin grants`);
	fs.writeFileSync(bare, 'DB.Accounts.portal.User = x\'y\nDB.Accounts.portal.Password = p\n');
	const q = admin(bare, ['grants']);
	assert.equal(q.status, 1);
	assert.match(q.err, /quote/);
});

test('the script applies and is exact: each account holds its tables\' rights only', { skip }, () => {
	const r = admin(config, ['grants']);
	assert.equal(r.status, 0, r.err);
	assert.match(r.out, /^-- Havre: one MariaDB account per program/);
	root(r.out);
	root(r.out);	// idempotent
	for (const a of accounts) {
		const user = `${tag}_${a.name}`;
		const g = root(`SHOW GRANTS FOR '${user}'@'localhost';`);
		assert.doesNotMatch(g, /ALL PRIVILEGES|GRANT OPTION|DROP|ALTER|CREATE|`havre`\./,
			`${user}: nothing beyond its tables: ${g}`);
		assert.doesNotMatch(g, new RegExp(`(UPDATE|DELETE)[^\\n]*\`${dbName}\`\\.\`(audit_event|access_event)\``),
			`${user}: the audit trail is insert-only`);
	}
	// A right taken by hand is taken back by the next run.
	root(`GRANT DELETE ON ${dbName}.audit_event TO '${tag}_portal'@'localhost';`);
	root(admin(config, ['grants']).out);
	assert.doesNotMatch(root(`SHOW GRANTS FOR '${tag}_portal'@'localhost';`), /DELETE ON `[^`]+`\.`audit_event`/);
	// An account cannot read a table its program does not use.
	const n = mysql(`${tag}_notify`, passwords.notify, dbName, 'SELECT COUNT(*) FROM person;');
	assert.notEqual(n.status, 0);
	assert.match(n.err, /ERROR 1142/);
	// (the portal reads person ids, for the legal holds and requests of
	// its data-protection pages, but never their documents)
	const p = mysql(`${tag}_portal`, passwords.portal, dbName, 'SELECT COUNT(*) FROM person_document;');
	assert.match(p.err, /ERROR 1142/);
});

test('havre-admin runs as its own account: agents, keys, the import, both checks', { skip }, () => {
	let r = admin(config, ['user', 'add', '--username', `${tag}agent`, '--role', 'registrar',
		'--password-file', '-'], 'correct horse battery staple\n');
	assert.equal(r.status, 0, r.err);
	r = admin(config, ['apikey', 'add', '--name', `${tag} key`, '--role', 'partner_agency']);
	assert.equal(r.status, 0, r.err);
	const csv = path.join(tmp, 'persons.csv');
	fs.writeFileSync(csv, 'source,source_id,family_name,given_names,sex,birth_date,' +
		'birth_place,nationality,father_name,mother_name,document_type,document_number,phone\n' +
		'gt,1,Okafor,Chinedu,M,1980-02-03,Lagos,NGA,,,passport,A1234567,+2348012345678\n' +
		'gt,2,Okafor,Chinedu,M,1980-02-03,Lagos,NGA,,,,,\n');
	r = admin(config, ['import-persons', csv]);
	assert.equal(r.status, 0, r.err);
	r = admin(config, ['audit-verify']);
	assert.equal(r.status, 0, r.err);
	assert.match(r.out, /audit chain intact: [1-9]\d* events/);
	r = admin(config, ['files', 'verify']);
	assert.equal(r.status, 0, r.err);
	// The connections were havre-admin's account's: it could not have
	// done what the owner does.
	r = admin(config, ['user', 'list']);
	assert.equal(r.status, 0, r.err);
	const who = mysql(`${tag}_admin`, passwords.admin, dbName, 'CREATE TABLE x (id INT PRIMARY KEY);');
	assert.match(who.err, /ERROR 1142/);
});

test('every FastCGI program\'s statements prepare under its own account', { skip }, () => {
	const progs = fcgiPrograms();
	assert.ok(progs.includes('havre-portal') && progs.length >= 4, progs.join(' '));
	for (const p of progs) {
		const r = spawnSync(path.join(BUILD, p), ['--config', config, '--check-sql'],
			{ encoding: 'utf8', timeout: 30000 });
		assert.equal(r.status, 0, `${p}: ${r.stdout}${r.stderr}`);
		const a = accounts.find((x) => x.program === p);
		assert.match(r.stdout, new RegExp(`^${p}: [1-9]\\d* statements prepared as ${tag}_${a.name}, 0 refused$`, 'm'));
	}
	// The check is not blind: an account without the rights is refused.
	const wrong = path.join(tmp, 'wrong.hdf');
	fs.writeFileSync(wrong, fs.readFileSync(config, 'utf8') +
		`DB.Accounts.identity.User = ${tag}_notify\n` +
		`DB.Accounts.identity.Password = ${passwords.notify}\n`);
	const w = spawnSync(path.join(BUILD, 'havre-identity'), ['--config', wrong, '--check-sql'],
		{ encoding: 'utf8', timeout: 30000 });
	assert.equal(w.status, 1, w.stdout);
	assert.match(w.stdout, /statements prepared as gt\d+_notify, [1-9]\d* refused/);
	assert.match(w.stderr, /refused for gt\d+_notify: .*denied/);
});

test('no program\'s account can UPDATE or DELETE an audit or access row; the owner can', { skip }, () => {
	// One row in each: an access event written as the identity program
	// would, and the audit events of the commands above.
	root(`INSERT INTO access_event (at, agent_id, actor, entity, entity_id, reason,
		request_id) VALUES (UTC_TIMESTAMP(6), NULL, 'test', 'person', '1', 'test',
		'gt');`, dbName);
	const seq = root('SELECT MAX(seq) FROM audit_event;', dbName).trim();
	assert.match(seq, /^[1-9]\d*$/);
	const changes = [
		`UPDATE audit_event SET actor = 'forged' WHERE seq = ${seq}`,
		`DELETE FROM audit_event WHERE seq = ${seq}`,
		"UPDATE access_event SET reason = 'forged'",
		'DELETE FROM access_event',
		'TRUNCATE TABLE audit_event',
		'DROP TABLE access_event',
		'ALTER TABLE audit_event ADD COLUMN x INT',
	];
	for (const a of accounts) {
		for (const sql of changes) {
			const r = mysql(`${tag}_${a.name}`, passwords[a.name], dbName, `${sql};`);
			assert.notEqual(r.status, 0, `${a.name} may ${sql}`);
			assert.match(r.err, /ERROR (1142|1044)/, `${a.name}: ${sql}: ${r.err}`);
		}
	}
	// Those that record events can insert one (rolled back here).
	for (const name of accounts.map((a) => a.name)
		.filter((n) => !['notify', 'backup'].includes(n))) {
		const r = mysql(`${tag}_${name}`, passwords[name], dbName,
			"BEGIN; SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE; " +
			"INSERT INTO audit_event (seq, at, actor, entity, entity_id, action, " +
			"changes, request_id, prev_hash, hash) VALUES (999999, UTC_TIMESTAMP(6), " +
			"'gt', 'x', '1', 'test', '', 'gt', UNHEX(REPEAT('0', 64)), " +
			"UNHEX(REPEAT('0', 64))); ROLLBACK;");
		assert.equal(r.status, 0, `${name} records an audit event: ${r.err}`);
	}
	// The rows are there to refuse: the owner changes one (rolled back).
	const o = root(`BEGIN; UPDATE audit_event SET actor = 'forged' WHERE seq = ${seq};
		SELECT ROW_COUNT(); ROLLBACK;`, dbName);
	assert.equal(o.trim(), '1');
	assert.equal(admin(config, ['audit-verify']).status, 0, 'the chain is intact');
});

test('on the stack, each program connects as its own account, which cannot change audit rows', { skip }, async () => {
	const keys = hdfKeys(CONFIG);
	const stackAccounts = accountList(CONFIG);
	// A signed-in agent's page on each program: each worker looks the
	// session up through its own connection.
	const agent = makeAgent('grantsv', ['administrator']);
	const { jar } = await login(agent.username, agent.password);
	const pages = { 'havre-portal': '/', 'havre-appointments': '/appointments',
		'havre-reception': '/reception', 'havre-identity': '/identity',
		'havre-dossier': '/dossier', 'havre-registration': '/registration',
		'havre-civil': '/civil' };
	for (const p of fcgiPrograms()) {
		if (pages[p] === undefined)
			continue;
		const r = await get(INTRANET, pages[p], { jar });
		assert.ok(r.status < 500, `${p}: ${pages[p]} answers ${r.status}`);
	}
	const users = root('SELECT DISTINCT user FROM information_schema.processlist;')
		.trim().split('\n');
	for (const p of Object.keys(pages).filter((x) => fcgiPrograms().includes(x))) {
		const a = stackAccounts.find((x) => x.program === p);
		assert.equal(keys[`DB.Accounts.${a.name}.User`], a.user);
		assert.ok(users.includes(a.user), `${p} is connected as ${a.user}: ${users.join(' ')}`);
	}
	const seq = root('SELECT MAX(seq) FROM audit_event;', keys['DB.Name']).trim();
	for (const a of stackAccounts) {
		const pw = keys[`DB.Accounts.${a.name}.Password`];
		for (const sql of [`UPDATE audit_event SET actor = 'forged' WHERE seq = ${seq}`,
			`DELETE FROM audit_event WHERE seq = ${seq}`, 'DELETE FROM access_event']) {
			const r = mysql(a.user, pw, keys['DB.Name'], `${sql};`);
			assert.match(r.err, /ERROR 1142/, `${a.user}: ${sql}`);
		}
	}
});

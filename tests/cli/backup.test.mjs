// backup.test.mjs: `havre-admin backup` of the running check stack and a
// restore into an empty server (docs/backup.md).
//
// 1. Before: bookings through the partner API, persons with a document
//    and, for some, a photo (a stored file) through havre-identity.
// 2. `havre-admin backup --to DIR` while writers keep booking and
//    storing persons with photos.
// 3. The restore, as docs/backup.md says: `mariadb-backup --copy-back`
//    into an empty data folder, a new server started on it, the files'
//    copy put in a new store folder, the key file from its own copy.
// 4. On the restored host: `havre-admin audit-verify` and `files verify`
//    pass; the data compares equal: every row of every table of the
//    restored database is, identical, in the source (the source only
//    went on: rows the stack updates in place afterwards must at least
//    exist), every booking, person, document and photo acknowledged
//    before the backup started is there, equal, and each restored file
//    is the source's file byte for byte; havre-identity, started on the
//    restored database and store, serves a photo stored before the backup
//    to the session of before the backup.
// Figures (time, sizes) go to the TAP output as diagnostics.
//
// Needs the check stack (HAVRE_CONFIG, HAVRE_ADMIN, HAVRE_BUILD,
// HAVRE_INTRANET), the server's root (HAVRE_TEST_DB_USER) and
// mariadb-backup (contrib/dev installs it); runs as root (mariadb-backup
// reads the server's data folder).
//
//   HAVRE_ADMIN=build/havre-admin HAVRE_CONFIG=var/check/havre.hdf \
//     HAVRE_BUILD=build HAVRE_INTRANET=http://127.0.0.1:18080 \
//     HAVRE_TEST_DB_USER=root node --test --test-reporter=tap \
//     tests/cli/backup.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	ADMIN, CONFIG, INTRANET, createPerson, csrfOf, get, login, makeAgent,
	postDecided, request,
} from '../http/lib.mjs';
import { dayFromNow, freshPhone, makeKey, makeSite } from '../http/appointments-fixture.mjs';

const BUILD = process.env.HAVRE_BUILD;
const ROOT = process.env.HAVRE_TEST_DB_USER;
const have = spawnSync('mariadb-backup', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = !process.env.HAVRE_CONFIG || !process.env.HAVRE_ADMIN || !BUILD || !ROOT ?
	'needs HAVRE_CONFIG, HAVRE_ADMIN, HAVRE_BUILD and HAVRE_TEST_DB_USER' : false;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A 1x1 PNG; each stored copy gets its own trailing bytes.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let tmp, keys, source, restored, server, figures = {};

// The HDF keys of a file ("A.B = v" and "A { B = v }" forms).
function hdfKeys(file) {
	const out = {};
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
			out[[...stack, m[1]].join('.')] = m[2];
	}
	return out;
}

// SQL as the root of the server on socket sock, in the stack's database;
// rows as arrays of strings (batch output: binary bytes escaped alike on
// both servers).
function rootSql(sock, text) {
	const r = spawnSync('mariadb', ['--no-defaults', '--batch', '--skip-column-names',
		`--socket=${sock}`, `-u${ROOT}`, ...(process.env.HAVRE_TEST_DB_PASSWORD ?
			[`-p${process.env.HAVRE_TEST_DB_PASSWORD}`] : []), keys['DB.Name'] ?? 'havre'],
	{ input: text, encoding: 'utf8', maxBuffer: 512 << 20 });
	if (r.status !== 0)
		throw new Error(`mariadb on ${sock} failed: ${r.stderr}`);
	return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

// Run havre-admin with config cfg.
function admin(cfg, args) {
	const r = spawnSync(ADMIN, ['--config', cfg, ...args], { encoding: 'utf8', timeout: 120000 });
	return { status: r.status, out: r.stdout, err: r.stderr };
}

// Every file under dir, relative, sorted.
function filesUnder(dir) {
	const out = [];
	const walk = (d) => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory())
				walk(p);
			else
				out.push(path.relative(dir, p));
		}
	};
	if (fs.existsSync(dir))
		walk(dir);
	return out.sort();
}

// A signed-in registrar's session: {jar, csrf}.
async function session() {
	const agent = makeAgent('bkp', ['registrar']);
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, '/identity', { jar });
	return { jar, csrf: csrfOf(page.text) };
}

// A name of random letters (persons unlike each other and earlier runs'
// so that the duplicate check has nothing to ask).
function family() {
	const c = 'bcdfghjklmnprstvz';
	const v = 'aeiou';
	let n = '';
	for (let i = 0; i < 5; i++)
		n += c[Math.floor(Math.random() * c.length)] + v[Math.floor(Math.random() * v.length)];
	return n[0].toUpperCase() + n.slice(1);
}

// A birth date between 1940 and 2003.
function birthDate() {
	const d = new Date(Date.UTC(1940, 0, 1) + Math.floor(Math.random() * 23000) * 86400000);
	return d.toISOString().slice(0, 10);
}

// A person with a passport, and a photo when photo is true. Returns
// {id, doc, file}.
async function storePerson(s, photo) {
	const id = await createPerson(s, { family_name: family(), given_names: family(),
		sex: 'F', birth_date: birthDate() });
	const doc = `BK${Math.floor(Math.random() * 1e9)}`;
	let r = await postDecided(s, `/identity/persons/${id}/documents`,
		{ doc_type: 'passport', number: doc, issuing_country: 'FRA' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	let file = null;
	if (photo) {
		const bytes = Buffer.concat([png, Buffer.from(`photo of ${id}`)]);
		const fd = new FormData();
		fd.set('csrf', s.csrf);
		fd.set('photo', new Blob([bytes], { type: 'image/png' }), 'p.png');
		r = await request(INTRANET, `/identity/persons/${id}/photo`,
			{ method: 'POST', jar: s.jar, body: fd, headers: { Origin: INTRANET } });
		assert.equal(r.status, 303, r.text.slice(0, 300));
		file = bytes;
	}
	return { id, doc, file };
}

// A booking through the partner API at a free slot of site. Returns its
// reference.
async function book(key, site, day, hour) {
	const r = await request(INTRANET, '/appointments/api/v1/bookings', {
		method: 'POST',
		headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ site: site.site, service: site.service, level: 'regular',
			start: `${day}T${String(hour).padStart(2, '0')}:00:00`,
			family_name: family(), given_names: family(), phone: freshPhone(),
			document_number: `D${Math.floor(Math.random() * 1e9)}`, language: 'en' }),
	});
	assert.equal(r.status, 201, r.text.slice(0, 300));
	return JSON.parse(r.text).reference;
}

// Start mariadbd on datadir with socket sock; resolves when it answers.
async function startServer(datadir, sock, dir) {
	const proc = spawn('mariadbd', ['--no-defaults', '--user=root', `--datadir=${datadir}`,
		`--socket=${sock}`, '--skip-networking', `--pid-file=${dir}/mysql.pid`,
		`--log-error=${dir}/mysql.log`, `--tmpdir=${dir}`,
		'--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci'],
	{ stdio: 'ignore', detached: true });
	const end = Date.now() + 60000;
	while (Date.now() < end) {
		if (spawnSync('mariadb-admin', ['--no-defaults', `--socket=${sock}`, '-uroot', 'ping'])
			.status === 0)
			return proc;
		if (proc.exitCode !== null)
			break;
		await sleep(100);
	}
	throw new Error(`the restored server did not start: ${fs.readFileSync(`${dir}/mysql.log`, 'utf8').slice(-2000)}`);
}

// The tables of the database on sock with their primary key columns.
function tables(sock) {
	const t = {};
	for (const [name, col] of rootSql(sock, `SELECT k.TABLE_NAME, k.COLUMN_NAME
		FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.TABLES b
		ON b.TABLE_SCHEMA = k.TABLE_SCHEMA AND b.TABLE_NAME = k.TABLE_NAME
		WHERE k.TABLE_SCHEMA = DATABASE() AND k.CONSTRAINT_NAME = 'PRIMARY'
		AND b.TABLE_TYPE = 'BASE TABLE' ORDER BY k.TABLE_NAME, k.ORDINAL_POSITION`))
		(t[name] = t[name] ?? []).push(col);
	return t;
}

// Table t's rows on sock: Map of primary key -> the whole row as text.
function rows(sock, t, pk) {
	const m = new Map();
	const cols = pk.map((c) => `\`${c}\``).join(', ');
	for (const r of rootSql(sock, `SELECT ${cols}, x.* FROM \`${t}\` x`))
		m.set(r.slice(0, pk.length).join('\t'), r.slice(pk.length).join('\t'));
	return m;
}

// What the stack changes in place as it runs (so a row restored from
// the snapshot may differ from the source's by now, but is there):
// seats taken, sessions touched, keys used, messages sent, the audit
// head moved, bookings and agents as their state moves on, the days'
// versions the seats move (migration 0031's triggers).
const UPDATED_IN_PLACE = new Set(['session', 'slot_quota', 'api_key', 'outbox_message',
	'audit_head', 'appointment', 'agent', 'slot_day_version']);
// What it deletes by itself: rate-limit hits older than a day.
const PURGED = new Set(['rate_hit']);

let before_ = {}, during = [], backupOut, dir;

before(async () => {
	if (skip) return;
	keys = hdfKeys(CONFIG);
	source = { sock: keys['DB.Socket'], files: keys['Paths.Files'] ?? `${keys['Paths.Var']}/files`,
		var: keys['Paths.Var'] };
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-backup-'));
	dir = path.join(tmp, 'backup');
});

after(() => {
	if (server !== undefined && server.exitCode === null) {
		try {
			process.kill(-server.pid, 'SIGTERM');
		} catch {
			/* gone */
		}
	}
	if (tmp)
		fs.rmSync(tmp, { recursive: true, force: true });
});

test('mariadb-backup is installed', { skip }, () => {
	assert.ok(have, 'mariadb-backup --version runs (contrib/dev installs mariadb-backup)');
});

test('backup refuses a folder in use, and a failed mariadb-backup leaves no MANIFEST', { skip: skip || !have }, () => {
	assert.equal(admin(CONFIG, ['backup']).status, 2);
	const used = path.join(tmp, 'used');
	fs.mkdirSync(used);
	fs.writeFileSync(path.join(used, 'x'), 'x');
	let r = admin(CONFIG, ['backup', '--to', used]);
	assert.equal(r.status, 1);
	assert.match(r.err, /is not empty/);
	const cfg = path.join(tmp, 'false.hdf');
	fs.writeFileSync(cfg, `${fs.readFileSync(CONFIG, 'utf8')}\nBackup.MariadbBackup = false\n`,
		{ mode: 0o600 });
	const bad = path.join(tmp, 'bad');
	r = admin(cfg, ['backup', '--to', bad]);
	assert.equal(r.status, 1, r.out);
	assert.match(r.err, /false --backup failed/);
	assert.equal(fs.existsSync(path.join(bad, 'MANIFEST')), false);
	assert.equal(fs.existsSync(path.join(bad, '.mariadb-backup.cnf')), false,
		'the defaults file with the password is removed');
});

test('backup of the running stack while it books and stores', { skip: skip || !have }, async (t) => {
	const s = await session();
	const site = makeSite({ capacity: 50 });
	const key = makeKey();
	const day = dayFromNow(3);
	before_.refs = [];
	for (const h of [9, 10, 11, 12])
		before_.refs.push(await book(key, site, day, h));
	before_.persons = [];
	for (let i = 0; i < 4; i++)
		before_.persons.push(await storePerson(s, i < 3));
	before_.session = s;

	// Writers that keep going while the backup runs.
	let stop = false;
	let started = Infinity;
	const writer = async (n) => {
		for (let i = 0; !stop; i++) {
			const t0 = Date.now();
			const p = await storePerson(s, true);
			const ref = await book(key, site, dayFromNow(4 + (i % 20)), 9 + n);
			during.push({ ...p, ref, sent: t0, before: Date.now() < started });
		}
	};
	const writers = [writer(0), writer(1)];
	await sleep(300);
	const t0 = Date.now();
	started = t0;
	const proc = spawn(ADMIN, ['--config', CONFIG, 'backup', '--to', dir],
		{ stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	proc.stdout.on('data', (d) => { out += d; });
	proc.stderr.on('data', (d) => { err += d; });
	const code = await new Promise((r) => proc.on('exit', r));
	figures.backupSeconds = (Date.now() - t0) / 1000;
	stop = true;
	await Promise.all(writers);
	backupOut = out;
	assert.equal(code, 0, `${out}${err}${fs.existsSync(`${dir}/mariadb-backup.log`) ?
		fs.readFileSync(`${dir}/mariadb-backup.log`, 'utf8').slice(-1500) : ''}`);
	assert.match(out, /^backup complete in /m);
	const manifest = fs.readFileSync(path.join(dir, 'MANIFEST'), 'utf8');
	assert.match(manifest, /^database_bytes = [1-9]\d*$/m);
	figures.dbBytes = Number(/^database_bytes = (\d+)$/m.exec(manifest)[1]);
	figures.files = Number(/^file_count = (\d+)$/m.exec(manifest)[1]);
	figures.fileBytes = Number(/^file_bytes = (\d+)$/m.exec(manifest)[1]);
	assert.ok(figures.files >= 3, manifest);
	assert.ok(during.length > 0, 'the writers wrote during the backup');
	// No key beside the files; the backup account's password is in no
	// file of the folder (its defaults file was removed).
	const all = filesUnder(dir);
	assert.deepEqual(all.filter((f) => /(^|\/)upload\.key$|\.mariadb-backup\.cnf$/.test(f)), []);
	const pw = Buffer.from(keys['DB.Accounts.backup.Password']);
	assert.ok(pw.length >= 16);
	for (const f of all)
		assert.equal(fs.readFileSync(path.join(dir, f)).includes(pw), false, `${f} holds the password`);
	// The sums list each copied file.
	const sums = fs.readFileSync(path.join(dir, 'files.blake2b'), 'utf8').trim().split('\n');
	assert.equal(sums.length, figures.files);
	assert.deepEqual(sums.map((l) => l.split('  ')[1]).sort(), filesUnder(path.join(dir, 'files')));
	const b2 = spawnSync('b2sum', ['-l', '256', '-c', '--quiet', '../files.blake2b'],
		{ cwd: path.join(dir, 'files'), encoding: 'utf8' });
	assert.equal(b2.status, 0, `b2sum -c: ${b2.stdout}${b2.stderr}`);
	t.diagnostic(`backup: ${figures.backupSeconds.toFixed(1)} s with 2 writers running; ` +
		`database ${(figures.dbBytes / 1048576).toFixed(1)} MiB, ${figures.files} files ` +
		`(${(figures.fileBytes / 1024).toFixed(1)} KiB); ${during.length} persons and bookings ` +
		'written during it');
});

test('restore into an empty server and store: audit-verify and files verify pass', { skip: skip || !have }, async (t) => {
	assert.ok(fs.existsSync(path.join(dir, 'MANIFEST')), 'the backup was made');
	const t0 = Date.now();
	const rdir = path.join(tmp, 'restored');
	const datadir = path.join(rdir, 'mysql');
	fs.mkdirSync(datadir, { recursive: true });
	let r = spawnSync('mariadb-backup', ['--no-defaults', '--copy-back',
		`--target-dir=${dir}/mariadb`, `--datadir=${datadir}`], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr.slice(-1500));
	const sock = path.join(rdir, 'mysql.sock');
	server = await startServer(datadir, sock, rdir);
	// The store: the backup's files in a new folder, the key from its
	// own copy (here: the source host's file).
	const files = path.join(rdir, 'files');
	fs.mkdirSync(files, { mode: 0o700 });
	r = spawnSync('cp', ['-a', `${dir}/files/.`, `${files}/`], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	fs.mkdirSync(path.join(rdir, 'keys'), { mode: 0o700 });
	fs.copyFileSync(path.join(source.var, 'keys', 'upload.key'),
		path.join(rdir, 'keys', 'upload.key'));
	figures.restoreSeconds = (Date.now() - t0) / 1000;
	restored = { sock, files, var: rdir, config: path.join(rdir, 'havre.hdf') };
	fs.writeFileSync(restored.config, `${fs.readFileSync(CONFIG, 'utf8')}\n` +
		`DB.Socket = ${sock}\nPaths.Var = ${rdir}\nPaths.Files = ${files}\nLog.Dir =\n`,
	{ mode: 0o600 });

	r = admin(restored.config, ['audit-verify']);
	assert.equal(r.status, 0, r.err);
	const events = Number(/audit chain intact: (\d+) events/.exec(r.out)[1]);
	r = admin(restored.config, ['files', 'verify']);
	assert.equal(r.status, 0, r.out + r.err);
	assert.match(r.out, /files verified: \d+ checked, 0 missing, 0 altered, 0 unreadable/);
	const checked = Number(/(\d+) checked/.exec(r.out)[1]);
	assert.equal(checked, Number(rootSql(sock, 'SELECT COUNT(*) FROM stored_file')[0][0]));
	t.diagnostic(`restore: ${figures.restoreSeconds.toFixed(1)} s (copy-back, server start, ` +
		`files, key); ${events} audit events intact, ${checked} files verified`);
});

test('the restored data compares equal to the source', { skip: skip || !have }, () => {
	assert.ok(restored, 'restored');
	const src = tables(source.sock);
	const dst = tables(restored.sock);
	assert.deepEqual(Object.keys(dst), Object.keys(src), 'the same tables');
	let compared = 0;
	for (const [t, pk] of Object.entries(dst)) {
		if (PURGED.has(t))
			continue;
		const a = rows(source.sock, t, pk);
		const b = rows(restored.sock, t, pk);
		for (const [k, row] of b) {
			assert.ok(a.has(k), `${t} ${k}: a restored row the source never had`);
			if (!UPDATED_IN_PLACE.has(t))
				assert.equal(row, a.get(k), `${t} ${k}: the same row`);
			compared++;
		}
	}
	assert.ok(compared > 100, `${compared} rows compared`);
	// Nothing acknowledged before the backup started is missing, and it
	// is what the source holds.
	const acked = [...before_.persons, ...during.filter((d) => d.before)];
	for (const p of acked) {
		for (const q of [`SELECT * FROM person WHERE id = ${p.id}`,
			`SELECT * FROM person_document WHERE person_id = ${p.id}`,
			`SELECT f.* FROM person_photo h JOIN stored_file f ON f.id = h.file_id
				WHERE h.person_id = ${p.id}`]) {
			const x = rootSql(restored.sock, q);
			assert.ok(x.length > 0 || (/photo/.test(q) && p.file === null), `${q}: restored`);
			assert.deepEqual(x, rootSql(source.sock, q), q);
		}
	}
	for (const ref of [...before_.refs, ...during.filter((d) => d.before).map((d) => d.ref)]) {
		const q = `SELECT reference, site_id, service_id, start_utc, phone, channel
			FROM appointment WHERE reference = '${ref}'`;
		const x = rootSql(restored.sock, q);
		assert.equal(x.length, 1, `booking ${ref} restored`);
		assert.deepEqual(x, rootSql(source.sock, q));
	}
	// The audit trail is the source's up to the snapshot.
	const last = Number(rootSql(restored.sock, 'SELECT MAX(seq) FROM audit_event')[0][0]);
	const head = rootSql(restored.sock, 'SELECT seq, HEX(hash) FROM audit_head')[0];
	assert.equal(Number(head[0]), last);
	assert.deepEqual(rootSql(source.sock, `SELECT seq, HEX(hash) FROM audit_event WHERE seq = ${last}`),
		[[head[0], head[1]]]);
	// Each restored file is the source's, byte for byte.
	const restoredFiles = filesUnder(restored.files);
	assert.ok(restoredFiles.length >= figures.files);
	for (const f of restoredFiles)
		assert.ok(fs.readFileSync(path.join(restored.files, f))
			.equals(fs.readFileSync(path.join(source.files, f))), `${f}: the same bytes`);
});

test('havre-identity on the restored host serves a photo stored before the backup', { skip: skip || !have }, async () => {
	assert.ok(restored, 'restored');
	const p = before_.persons.find((x) => x.file !== null);
	const sock = path.join(restored.var, 'identity.sock');
	const prog = spawn(path.join(BUILD, 'havre-identity'), ['--config', restored.config,
		'--socket', sock, '--workers', '1'], { stdio: 'ignore' });
	try {
		const cookie = before_.session.jar.header();
		let page = '';
		const end = Date.now() + 15000;
		while (Date.now() < end) {
			const r = spawnSync('cgi-fcgi', ['-bind', '-connect', sock], {
				timeout: 10000, maxBuffer: 16 << 20,
				env: { REQUEST_METHOD: 'GET', REQUEST_URI: `/identity/persons/${p.id}/photo`,
					HAVRE_VHOST: 'intranet', SERVER_PORT: '80', HTTP_HOST: 'localhost',
					HTTP_COOKIE: cookie },
			});
			page = r.stdout ?? Buffer.alloc(0);
			if (/^Status: 200/m.test(page.toString('latin1')))
				break;
			await sleep(200);
		}
		const text = page.toString('latin1');
		assert.match(text, /^Status: 200/m, text.slice(0, 500));
		assert.match(text, /^Content-Type: image\/png/m);
		const body = page.subarray(page.indexOf('\r\n\r\n') + 4);
		assert.ok(body.equals(p.file), 'the bytes uploaded before the backup');
	} finally {
		prog.kill('SIGTERM');
	}
});

// notify-gateway.test.mjs: what havre-notify records when the SMS
// gateway fails in each of the ways it can (issue 19, found by
// tests/faults/sms-gateway.test.mjs: Kannel stopped while it handled a
// request, took the message, sent it, and never answered; the retry sent
// it a second time). One `havre-notify --once` pass against a small fake
// gateway on loopback each time, on a database of its own (created,
// migrated and dropped here, so the stack's own daemon never sees these
// messages):
//  - nothing listens: the message waits (queued, one attempt, the error);
//  - the gateway takes the request and closes without a word, or answers
//    nothing before the time limit: counted as sent ("no answer: ..."),
//    never sent again (a second pass sends nothing);
//  - the gateway refuses it (HTTP 503): it waits, and goes once the
//    gateway accepts.
//  - the database goes away while the gateway takes it (a Galera node
//    dying): recorded as sent when the database answers again, never
//    sent a second time (issue 18.6).
//
// Needs HAVRE_ADMIN, HAVRE_CONFIG (a stack's, for its database server)
// and havre-notify beside havre-admin; creating the database takes the
// account HAVRE_TEST_DB_USER (root of the private server in the checks).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ADMIN = process.env.HAVRE_ADMIN;
const CONFIG = process.env.HAVRE_CONFIG;
const NOTIFY = ADMIN ? path.join(path.dirname(ADMIN), 'havre-notify') : '';
const dbName = `havre_notifytest_${process.pid}`;
const skip = !ADMIN || !CONFIG || !fs.existsSync(NOTIFY) ?
	'needs HAVRE_ADMIN, HAVRE_CONFIG and a built havre-notify' : false;

let tmp;
let db;	// {Socket, User, Password}

// The DB.Socket of the stack's configuration; the account from
// HAVRE_TEST_DB_USER / _PASSWORD (else the configuration's owner).
function dbKeys() {
	const keys = {};
	const stack = [];
	for (const raw of fs.readFileSync(CONFIG, 'utf8').split('\n')) {
		const line = raw.trim();
		let m;
		if (line === '' || line.startsWith('#'))
			continue;
		if ((m = /^([\w.]+)\s*\{$/.exec(line)) !== null)
			stack.push(m[1]);
		else if (line === '}')
			stack.pop();
		else if ((m = /^([\w.]+)\s*=\s?(.*)$/.exec(line)) !== null)
			keys[[...stack, m[1]].join('.')] = m[2];
	}
	return { Socket: keys['DB.Socket'],
		User: process.env.HAVRE_TEST_DB_USER ?? keys['DB.User'],
		Password: process.env.HAVRE_TEST_DB_USER !== undefined ?
			(process.env.HAVRE_TEST_DB_PASSWORD ?? '') : keys['DB.Password'] };
}

// Run SQL text on database (or none); returns the rows.
function sql(text, database = dbName) {
	const args = ['--no-defaults', '--batch', '--skip-column-names',
		`--socket=${db.Socket}`, `-u${db.User}`];
	if (db.Password)
		args.push(`-p${db.Password}`);
	if (database)
		args.push(database);
	const r = spawnSync('mariadb', args, { input: text, encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`mariadb failed: ${r.stderr}`);
	return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));
}

// A configuration for this database and a gateway on port: the
// stack's, without its per-program accounts (havre-notify connects as
// DB.User then) and with our own DB and Notify keys after it (later
// assignments win in HDF).
function configFor(port, timeout = 2) {
	const text = fs.readFileSync(CONFIG, 'utf8')
		.replace(/^ {2}Accounts \{\n(?: {4}.*\n| {2}\}\n)*?^ {2}\}\n/m, '');
	const file = path.join(tmp, `notify-${port}.hdf`);
	fs.writeFileSync(file, `${text}
DB.Name = ${dbName}
DB.User = ${db.User}
DB.Password = ${db.Password ?? ''}
Notify.SendsmsUrl = http://127.0.0.1:${port}/cgi-bin/sendsms
Notify.TimeoutSeconds = ${timeout}
Notify.MaxAttempts = 5
Log.Dir =
`, { mode: 0o600 });
	return file;
}

// A fake gateway: answer(socket, request) decides; returns {port,
// requests, close()}.
function gateway(answer) {
	const requests = [];
	const server = net.createServer((sock) => {
		let got = '';
		sock.on('data', (d) => {
			got += d;
			if (got.includes('\r\n\r\n')) {
				requests.push(got.split('\r\n')[0]);
				answer(sock);
			}
		});
		sock.on('error', () => {});
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
		resolve({ port: server.address().port, requests,
			close: () => new Promise((r) => server.close(r)) })));
}

// Queue one SMS to a fresh number; returns its id.
let n = 0;
function queue() {
	n++;
	sql(`INSERT INTO outbox_message (to_addr, lang, event, entity, body,
		next_try_at, created_at) VALUES ('+3361234${String(n).padStart(4, '0')}',
		'en', 'confirmation', 'test', 'Message ${n}', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))`);
	return sql('SELECT MAX(id) FROM outbox_message')[0][0];
}

// One pass of havre-notify with config (not spawnSync: the fake
// gateway answers from this process); resolves with its stderr (the log).
function pass(config) {
	return new Promise((resolve, reject) => {
		const p = spawn(NOTIFY, ['--config', config, '--once'],
			{ stdio: ['ignore', 'ignore', 'pipe'] });
		let log = '';
		p.stderr.on('data', (d) => { log += d; });
		const timer = setTimeout(() => p.kill('SIGKILL'), 30000);
		p.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0)
				resolve(log);
			else
				reject(new Error(`havre-notify --once: ${code} ${log}`));
		});
	});
}

// The message's [status, attempts, provider_id, last_error].
const row = (id) => sql(`SELECT status, attempts, COALESCE(provider_id, ''),
	COALESCE(last_error, '') FROM outbox_message WHERE id = ${id}`)[0];

// Due now, as if its back-off had passed.
const due = (id) => sql(`UPDATE outbox_message SET next_try_at = UTC_TIMESTAMP(6)
	WHERE id = ${id}`);

before(() => {
	if (skip)
		return;
	db = dbKeys();
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-notifytest-'));
	sql(`CREATE DATABASE ${dbName} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`, '');
	const r = spawnSync(ADMIN, ['--config', configFor(1), 'migrate'], { encoding: 'utf8' });
	assert.equal(r.status, 0, `migrate: ${r.stderr}`);
});

after(() => {
	if (skip)
		return;
	sql(`DROP DATABASE IF EXISTS ${dbName}`, '');
	fs.rmSync(tmp, { recursive: true, force: true });
});

test('nothing listens: the message waits with the error', { skip }, async () => {
	const g = await gateway(() => {});
	const port = g.port;
	await g.close();	// the port is free: connections are refused
	const id = queue();
	await pass(configFor(port));
	const [status, attempts, , error] = row(id);
	assert.equal(status, 'queued');
	assert.equal(attempts, '1');
	assert.match(error, /connect/i);
	// (out of the way of the passes below, which count requests)
	sql(`DELETE FROM outbox_message WHERE id = ${id}`);
});

test('the gateway takes the request and closes without an answer: sent once, never again', { skip }, async () => {
	const g = await gateway((sock) => sock.destroy());
	try {
		const id = queue();
		const log = await pass(configFor(g.port));
		assert.equal(g.requests.length, 1);
		assert.match(g.requests[0], /^GET \/cgi-bin\/sendsms\?/);
		const [status, attempts, provider] = row(id);
		assert.equal(status, 'sent', log);
		assert.equal(attempts, '1');
		assert.match(provider, /^no answer: gateway: Server returned nothing/);
		assert.match(log, /gave no answer .*counted as sent, not sent again/);
		due(id);
		await pass(configFor(g.port));
		assert.equal(g.requests.length, 1, 'not sent a second time');
	} finally {
		await g.close();
	}
});

test('the gateway hangs past the time limit after the request: sent once', { skip }, async () => {
	const held = [];
	const g = await gateway((sock) => held.push(sock));
	try {
		const id = queue();
		await pass(configFor(g.port, 1));
		assert.equal(g.requests.length, 1);
		assert.equal(row(id)[0], 'sent');
		assert.match(row(id)[2], /^no answer: gateway: Timeout/);
	} finally {
		for (const s of held)
			s.destroy();
		await g.close();
	}
});

test('the gateway refuses (503), then accepts: sent when it accepts, once', { skip }, async () => {
	let open = false;
	const g = await gateway((sock) => sock.end(open ?
		'HTTP/1.1 202 Accepted\r\nContent-Length: 24\r\n\r\n0: Accepted for delivery' :
		'HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n'));
	try {
		const id = queue();
		await pass(configFor(g.port));
		assert.deepEqual(row(id).slice(0, 2), ['queued', '1']);
		assert.match(row(id)[3], /HTTP 503/);
		open = true;
		due(id);
		await pass(configFor(g.port));
		assert.deepEqual(row(id).slice(0, 3), ['sent', '2', '0: Accepted for delivery']);
		assert.equal(g.requests.length, 2);
		due(id);
		await pass(configFor(g.port));
		assert.equal(g.requests.length, 2, 'once sent, never again');
	} finally {
		await g.close();
	}
});

// A stand-in for the database node of the daemon: a Unix socket that
// forwards to the server's. cut() closes it and every connection
// through it (the node died: connections refused); start() opens it
// again.
function dbProxy(target) {
	const file = path.join(tmp, `db-${process.pid}-${n}.sock`);
	const conns = new Set();
	let server;
	return {
		file,
		start: () => new Promise((resolve) => {
			server = net.createServer((c) => {
				const up = net.connect(target);
				const drop = () => {
					c.destroy();
					up.destroy();
				};
				conns.add(c);
				conns.add(up);
				c.on('error', drop).on('close', drop);
				up.on('error', drop).on('close', drop);
				c.pipe(up);
				up.pipe(c);
			});
			server.listen(file, resolve);
		}),
		cut: () => {
			server.close();
			for (const c of conns)
				c.destroy();
			conns.clear();
		},
	};
}

// Issue 18.6 (Galera): the daemon's database node dies between the
// gateway taking a message and the daemon recording it. Before, the
// message stayed 'sending' (the pass failed) until the claim expired,
// and then went a second time; now the daemon records it as soon as the
// database answers again. Here the daemon reaches the database through
// a proxy that the gateway cuts before accepting the message, and opens
// again 2 s later.
test('the database goes away while the gateway takes the message: recorded when it is back, sent once', { skip }, async () => {
	const proxy = dbProxy(db.Socket);
	await proxy.start();
	const g = await gateway((sock) => {
		proxy.cut();
		sock.end('HTTP/1.1 202 Accepted\r\nContent-Length: 24\r\n\r\n' +
			'0: Accepted for delivery');
		setTimeout(() => proxy.start(), 2000);
	});
	try {
		const id = queue();
		const config = `${configFor(g.port)}.proxy`;
		fs.writeFileSync(config, `${fs.readFileSync(configFor(g.port), 'utf8')}
DB.Socket = ${proxy.file}
`, { mode: 0o600 });
		const log = await pass(config);
		assert.equal(g.requests.length, 1);
		assert.deepEqual(row(id).slice(0, 3), ['sent', '1', '0: Accepted for delivery'],
			log);
		assert.match(log, /its sending recorded after \d+ ms/);
		due(id);
		await pass(config);
		assert.equal(g.requests.length, 1, 'not sent a second time');
	} finally {
		proxy.cut();
		await g.close();
	}
});

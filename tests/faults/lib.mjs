// tests/faults/lib.mjs: what the fault tests need beyond tests/http/lib.mjs:
// the stack's processes (the database server, a program's workers, which
// worker holds a request), contrib/dev without blocking the event loop
// (load keeps running while the database restarts), a row lock held by
// another client, and a small load generator that records every answer.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { CONFIG, DEV, ENV, request } from '../http/lib.mjs';

// The stack's run folder (var/<env>/run, beside havre.hdf).
export const RUN = join(dirname(CONFIG), 'run');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The first pid in file f, or undefined.
function pidIn(f) {
	try {
		const pid = Number(readFileSync(f, 'utf8').trim().split('\n')[0]);
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

// True when pid is a live process (a zombie counts as gone).
export function alive(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return !/\) [ZX] /.test(stat);
	} catch {
		return false;
	}
}

// The pid of the stack's MariaDB server.
export function dbPid() {
	return pidIn(join(RUN, 'mysql.pid'));
}

// The live worker pids of program prog (the children of its supervisor,
// whose pid contrib/dev keeps in run/<prog>.pid).
export function workers(prog) {
	const sup = pidIn(join(RUN, `${prog}.pid`));
	if (sup === undefined)
		return [];
	let kids = '';
	try {
		kids = readFileSync(`/proc/${sup}/task/${sup}/children`, 'utf8');
	} catch {
		return [];
	}
	return kids.split(/\s+/).filter(Boolean).map(Number).filter(alive);
}

// The pids among workers(prog) that hold an accepted FastCGI connection
// (a request in progress): /proc/net/unix lists an accepted socket with
// its listener's path and state 03 (connected); a worker waiting in
// accept() holds only the listening socket.
export function busyWorkers(prog) {
	const sock = join(RUN, `${prog}.sock`);
	const inodes = new Set();
	for (const line of readFileSync('/proc/net/unix', 'utf8').split('\n')) {
		const f = line.trim().split(/\s+/);
		// Num RefCount Protocol Flags Type St Inode Path
		if (f.length >= 8 && f[7] === sock && f[5] === '03')
			inodes.add(f[6]);
	}
	return workers(prog).filter((pid) => {
		let fds = [];
		try {
			fds = readdirSync(`/proc/${pid}/fd`);
		} catch {
			return false;
		}
		return fds.some((fd) => {
			try {
				const m = /^socket:\[(\d+)\]$/.exec(
					readlinkSync(`/proc/${pid}/fd/${fd}`));
				return m !== null && inodes.has(m[1]);
			} catch {
				return false;
			}
		});
	});
}

// Run contrib/dev args for this env without blocking the event loop.
// Resolves with its output; rejects when it fails.
export function devAsync(...args) {
	return new Promise((resolve, reject) => {
		const p = spawn(DEV, args, { env: { ...process.env, HAVRE_ENV: ENV },
			stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		p.stdout.on('data', (d) => { out += d; });
		p.stderr.on('data', (d) => { out += d; });
		p.on('close', (code) => (code === 0 ? resolve(out) :
			reject(new Error(`contrib/dev ${args.join(' ')}: ${code}: ${out}`))));
	});
}

// The stack's database settings from havre.hdf (either syntax).
function dbConfig() {
	const out = {};
	let group = '';
	for (const raw of readFileSync(CONFIG, 'utf8').split('\n')) {
		const line = raw.trim();
		let m;
		if (line === '' || line.startsWith('#'))
			continue;
		if ((m = /^(\w+)\s*\{$/.exec(line)) !== null)
			group = m[1];
		else if (line === '}')
			group = '';
		else if ((m = /^([\w.]+)\s*=\s*(.*)$/.exec(line)) !== null)
			out[group ? `${group}.${m[1]}` : m[1]] = m[2];
	}
	return out;
}

// Run SQL as the database server's administrator (HAVRE_TEST_DB_USER,
// root of the private server by default), for what the application's
// account may not read (information_schema.innodb_trx). Returns the rows
// as arrays of strings.
export function rootSql(query) {
	const c = dbConfig();
	const r = spawnSync('mariadb', ['--no-defaults', '--batch',
		'--skip-column-names', `--socket=${c['DB.Socket']}`,
		`--user=${process.env.HAVRE_TEST_DB_USER ?? 'root'}`,
		`--password=${process.env.HAVRE_TEST_DB_PASSWORD ?? ''}`,
		c['DB.Name'] ?? 'havre', '-e', query], { encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`mariadb failed: ${r.stderr}`);
	return r.stdout.split('\n').filter((l) => l !== '')
		.map((l) => l.split('\t'));
}

// A mariadb client kept open on the stack's database: send(sql) runs
// statements and resolves with their output once they all ran (so a
// statement that waits on a lock keeps its promise pending); sends are
// answered in order; close() ends the session (an open transaction
// rolls back).
export function dbSession() {
	const c = dbConfig();
	const p = spawn('mariadb', ['--no-defaults', '--batch', '--unbuffered',
		'--skip-column-names', `--socket=${c['DB.Socket']}`,
		`--user=${c['DB.User']}`, `--password=${c['DB.Password']}`,
		c['DB.Name'] ?? 'havre'], { stdio: ['pipe', 'pipe', 'pipe'] });
	let buf = '';
	let err = '';
	let n = 0;
	const waiting = [];	// {marker, resolve, reject}, in the order sent
	p.stdout.on('data', (d) => {
		buf += d;
		while (waiting.length > 0 && buf.includes(waiting[0].marker)) {
			const w = waiting.shift();
			const at = buf.indexOf(w.marker);
			const out = buf.slice(0, at);
			buf = buf.slice(at + w.marker.length).replace(/^\n/, '');
			w.resolve(out);
		}
	});
	p.stderr.on('data', (d) => { err += d; });
	p.on('close', () => {
		for (const w of waiting.splice(0))
			w.reject(new Error(`mariadb ended: ${err}`));
	});
	return {
		send(sqlText) {
			const marker = `--done-${++n}--`;
			return new Promise((resolve, reject) => {
				waiting.push({ marker, resolve, reject });
				p.stdin.write(`${sqlText}\nSELECT '${marker}';\n`);
			});
		},
		close() {
			return new Promise((resolve) => {
				if (p.exitCode !== null)
					return resolve();
				p.once('close', resolve);
				p.stdin.end();
			});
		},
		get stderr() {
			return err;
		},
	};
}

// A load generator: runs `clients` async loops, each calling
// step(client, i) until stop() (step returns nothing; use record()).
// Every answer is recorded with when it started and ended.
export class Load {
	constructor() {
		this.log = [];
		this.running = false;
		this.loops = [];
	}

	// Send one request and record {what, status, t0, t1} (status 0 and
	// error when the request itself failed).
	async request(what, base, path, opts = {}) {
		const t0 = Date.now();
		try {
			const r = await request(base, path, { timeout: 30000, ...opts });
			this.log.push({ what, status: r.status, t0, t1: Date.now() });
			return r;
		} catch (e) {
			this.log.push({ what, status: 0, error: String(e), t0,
				t1: Date.now() });
			return { status: 0, text: '', headers: new Headers() };
		}
	}

	start(clients, step) {
		this.running = true;
		for (let c = 0; c < clients; c++) {
			this.loops.push((async () => {
				for (let i = 0; this.running; i++)
					await step(c, i);
			})());
		}
	}

	async stop() {
		this.running = false;
		await Promise.all(this.loops);
		this.loops = [];
	}

	// Counts of answers by status, e.g. {"200": 40, "503": 3}.
	counts(filter = () => true) {
		const out = {};
		for (const e of this.log.filter(filter))
			out[e.status] = (out[e.status] ?? 0) + 1;
		return out;
	}
}

// tests/cli/worker.test.mjs: the FastCGI worker loop outside nginx: the
// program's own --socket/--workers supervisor (restarts a killed worker,
// stops cleanly on SIGTERM) and the spawn-fcgi / mod_fcgid way (the
// listening socket on fd 0), both spoken to with libfcgi's cgi-fcgi.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const CONFIG = process.env.HAVRE_CONFIG;
const PORTAL = join(dirname(process.env.HAVRE_ADMIN ?? ''), 'havre-portal');
const skip = !CONFIG || !existsSync(PORTAL) ? 'needs HAVRE_CONFIG and a built havre-portal' : false;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One FastCGI request through cgi-fcgi; returns its raw output.
function fcgi(sock, uri) {
	const r = spawnSync('cgi-fcgi', ['-bind', '-connect', sock], {
		encoding: 'utf8', timeout: 10000,
		env: { REQUEST_METHOD: 'GET', REQUEST_URI: uri, HAVRE_VHOST: 'intranet',
			SERVER_PORT: '80', HTTP_HOST: 'localhost' },
	});
	return r.stdout ?? '';
}

// Wait until a request on sock answers with the health JSON.
async function healthy(sock, ms = 10000) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (/"database":"ok"/.test(fcgi(sock, '/healthz')))
			return true;
		await sleep(100);
	}
	return false;
}

// The pids of the workers under a supervisor (its children).
function children(pid) {
	const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
	return r.stdout.split('\n').filter(Boolean).map(Number);
}

// True when a process is gone or a zombie.
function gone(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return / Z /.test(stat);
	} catch {
		return true;
	}
}

test('--socket --workers: serves, replaces a killed worker, stops on SIGTERM', { skip }, async () => {
	const dir = mkdtempSync(join(tmpdir(), 'havre-worker-'));
	const sock = join(dir, 'portal.sock');
	const sup = spawn(PORTAL, ['--config', CONFIG, '--socket', sock, '--workers', '2'],
		{ stdio: 'ignore' });
	try {
		assert.ok(await healthy(sock), 'answers /healthz');
		const page = fcgi(sock, '/');
		assert.match(page, /^Status: 200/m);
		assert.match(page, /Content-Security-Policy: /);
		let kids = children(sup.pid);
		assert.equal(kids.length, 2, 'two workers');
		process.kill(kids[0], 'SIGKILL');
		const end = Date.now() + 5000;
		while (Date.now() < end) {
			const now = children(sup.pid).filter((p) => !gone(p));
			if (now.length === 2 && !now.includes(kids[0]))
				break;
			await sleep(100);
		}
		kids = children(sup.pid).filter((p) => !gone(p));
		assert.equal(kids.length, 2, 'the killed worker was replaced');
		assert.ok(await healthy(sock), 'still serving');
		const exited = new Promise((r) => sup.on('exit', (code) => r(code)));
		sup.kill('SIGTERM');
		const code = await Promise.race([exited, sleep(5000).then(() => 'timeout')]);
		assert.equal(code, 0, 'clean exit on SIGTERM');
		assert.ok(kids.every(gone), 'workers stopped');
		assert.ok(!existsSync(sock), 'socket removed');
	} finally {
		if (!gone(sup.pid))
			sup.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	}
});

test('spawn-fcgi: the socket on fd 0, as under mod_fcgid', { skip }, async () => {
	const dir = mkdtempSync(join(tmpdir(), 'havre-spawn-'));
	const sock = join(dir, 'portal.sock');
	const pidfile = join(dir, 'pid');
	const r = spawnSync('spawn-fcgi', ['-s', sock, '-M', '0600', '-F', '1',
		'-P', pidfile, '--', PORTAL, '--config', CONFIG], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	const pid = Number(readFileSync(pidfile, 'utf8').trim());
	try {
		assert.ok(await healthy(sock), 'answers /healthz');
		const missing = fcgi(sock, '/no/such/page');
		assert.match(missing, /^Status: 404/m);
		assert.match(missing, /X-Request-Id: [0-9a-f]{16}/);
		process.kill(pid, 'SIGTERM');
		const end = Date.now() + 5000;
		while (!gone(pid) && Date.now() < end)
			await sleep(100);
		assert.ok(gone(pid), 'the worker ends on SIGTERM');
	} finally {
		if (!gone(pid))
			process.kill(pid, 'SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	}
});

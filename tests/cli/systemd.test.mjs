// systemd.test.mjs: contrib/systemd's units as `make install` installs
// them (docs/systemd.md): a socket and a service for every program, one
// for havre-notify; `systemd-analyze verify` finds nothing to say about
// them (and does speak up about a broken copy); each service carries its
// sandbox and `systemd-analyze security` rates it OK; the service account
// and its folders come out of sysusers.d and tmpfiles.d; and the program
// runs socket-activated (systemd-socket-activate hands it the listening
// socket as systemd does) with its workers on that socket.
//
// Needs the systemd package (systemd-analyze, systemd-socket-activate,
// systemd-sysusers, systemd-tmpfiles: contrib/dev installs it), and
// HAVRE_BUILD (a built tree) and HAVRE_CONFIG (a running stack's
// configuration, for the socket-activated program).
//
//   HAVRE_BUILD=build HAVRE_CONFIG=var/check/havre.hdf \
//     node --test --test-reporter=tap tests/cli/systemd.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BUILD = process.env.HAVRE_BUILD;
const CONFIG = process.env.HAVRE_CONFIG;
const skip = !BUILD || !CONFIG ? 'needs HAVRE_BUILD and HAVRE_CONFIG' : false;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let tmp, dest, dirs, units, verifyDir;

// The build's installation directories, as its Makefile expands them.
function installDirs() {
	const names = ['prefix', 'pkglibexecdir', 'pkgdatadir', 'sysconfdir',
		'systemdsystemunitdir', 'sysusersdir', 'tmpfilesdir'];
	const rules = `print-dirs:\n${names.map((n) => `\t@echo ${n}=$(${n})`).join('\n')}\n`;
	const r = spawnSync('make', ['-s', '-C', BUILD, '-f', 'Makefile', '-f', '-', 'print-dirs'],
		{ input: rules, encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split('=')));
}

// The programs the build made, but the operator's tools (havre-admin,
// havre-verify: bin_PROGRAMS): havre-* executables.
function programs() {
	return fs.readdirSync(BUILD).filter((f) => /^havre-/.test(f) &&
		!['havre-admin', 'havre-verify'].includes(f) &&
		fs.statSync(path.join(BUILD, f)).isFile() &&
		(fs.statSync(path.join(BUILD, f)).mode & 0o111) !== 0).sort();
}

// A unit file's directives: { Section: { Key: [values...] } }.
function parseUnit(text) {
	const out = {};
	let sec = null;
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		let m;
		if (line === '' || line.startsWith('#'))
			continue;
		if ((m = /^\[(\w+)\]$/.exec(line)) !== null) {
			sec = out[m[1]] = out[m[1]] ?? {};
			continue;
		}
		m = /^([A-Za-z]+)=(.*)$/.exec(line);
		assert.ok(m && sec, `a directive in a section: ${line}`);
		(sec[m[1]] = sec[m[1]] ?? []).push(m[2]);
	}
	return out;
}

// systemd-analyze verify on files; returns { status, output }.
function verify(files) {
	const r = spawnSync('systemd-analyze', ['verify', '--man=no', ...files],
		{ encoding: 'utf8', cwd: verifyDir });
	return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

before(() => {
	if (skip) return;
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-systemd-'));
	dest = path.join(tmp, 'dest');
	dirs = installDirs();
	const r = spawnSync('make', ['-s', '-C', BUILD, 'install', `DESTDIR=${dest}`],
		{ encoding: 'utf8', maxBuffer: 64 << 20 });
	assert.equal(r.status, 0, r.stdout + r.stderr);
	const unitDir = path.join(dest, dirs.systemdsystemunitdir);
	units = Object.fromEntries(fs.readdirSync(unitDir).sort()
		.map((f) => [f, fs.readFileSync(path.join(unitDir, f), 'utf8')]));
	// The copies systemd-analyze reads: the installed units with the
	// installed tree's paths under DESTDIR (its check that ExecStart is
	// an executable then looks at the installed binary).
	verifyDir = path.join(tmp, 'verify');
	fs.mkdirSync(verifyDir);
	for (const [f, text] of Object.entries(units)) {
		let t = text;
		for (const d of [dirs.pkglibexecdir, dirs.pkgdatadir, dirs.sysconfdir])
			t = t.split(`${d}/`).join(`${path.join(dest, d)}/`)
				.replace(new RegExp(`=${d}$`, 'gm'), `=${path.join(dest, d)}`);
		fs.writeFileSync(path.join(verifyDir, f), t);
	}
});

after(() => {
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('a socket and a service for every program, a service for havre-notify', { skip }, () => {
	const expect = [];
	for (const p of programs()) {
		if (p === 'havre-notify')
			expect.push('havre-notify.service');
		else
			expect.push(`${p}.service`, `${p}.socket`);
	}
	assert.ok(expect.includes('havre-portal.socket'));
	assert.deepEqual(Object.keys(units), expect.sort());
	for (const [f, text] of Object.entries(units)) {
		assert.doesNotMatch(text, /@[A-Za-z]+@/, `${f}: every placeholder replaced`);
		if (!f.endsWith('.socket'))
			continue;
		const p = f.replace(/\.socket$/, '');
		const u = parseUnit(text);
		assert.deepEqual(u.Socket.ListenStream, [`/run/havre/${p}.sock`]);
		assert.deepEqual(u.Socket.Accept, ['no'], 'one service holds the listening socket');
		assert.deepEqual(u.Socket.SocketMode, ['0660']);
		assert.deepEqual(u.Install.WantedBy, ['sockets.target']);
		const s = parseUnit(units[`${p}.service`]);
		assert.deepEqual(s.Unit.Requires, [`${p}.socket`]);
		assert.match(s.Service.ExecStart[0],
			new RegExp(`^${dirs.pkglibexecdir}/${p} --config ${dirs.sysconfdir}/havre/havre.hdf --workers \\$\\{HAVRE_WORKERS\\}$`));
	}
});

test('systemd-analyze verify passes on every unit, and fails on broken ones', { skip }, () => {
	const files = Object.keys(units).map((f) => `./${f}`);
	const r = verify(files);
	assert.equal(r.status, 0, r.output);
	assert.equal(r.output, '', 'no warning either');

	// The same check speaks up: an unknown directive, a missing program.
	const portal = fs.readFileSync(path.join(verifyDir, 'havre-portal.service'), 'utf8');
	const bad = path.join(verifyDir, 'bad');
	fs.mkdirSync(bad);
	fs.copyFileSync(path.join(verifyDir, 'havre-portal.socket'), path.join(bad, 'havre-portal.socket'));
	fs.writeFileSync(path.join(bad, 'havre-portal.service'),
		portal.replace('[Service]\n', '[Service]\nProtectSystemm=strict\n'));
	let b = verify(['./bad/havre-portal.socket', './bad/havre-portal.service']);
	assert.match(b.output, /Unknown key .*ProtectSystemm/);
	fs.writeFileSync(path.join(bad, 'havre-portal.service'),
		portal.replace(/^ExecStart=(\S+)/m, 'ExecStart=$1-missing'));
	b = verify(['./bad/havre-portal.socket', './bad/havre-portal.service']);
	assert.notEqual(b.status, 0);
	assert.match(b.output, /is not executable/);
});

test('every service runs sandboxed as havre; only the file store is writable', { skip }, (t) => {
	for (const [f, text] of Object.entries(units)) {
		if (!f.endsWith('.service'))
			continue;
		const s = parseUnit(text).Service;
		const one = (k) => (s[k] ?? []).join(' ');
		assert.equal(one('User'), 'havre', f);
		assert.equal(one('NoNewPrivileges'), 'yes', f);
		assert.equal(one('ProtectSystem'), 'strict', f);
		assert.equal(one('ProtectHome'), 'yes', f);
		assert.equal(one('PrivateTmp'), 'yes', f);
		assert.equal(one('CapabilityBoundingSet'), '', f);
		assert.deepEqual(s.SystemCallFilter, ['@system-service', '~@privileged @resources'], f);
		assert.equal(one('ReadOnlyPaths'), dirs.pkgdatadir, `${f}: templates read-only`);
		assert.equal(one('ReadWritePaths'),
			f === 'havre-notify.service' ? '' : '/var/lib/havre/files', f);
		const r = spawnSync('systemd-analyze', ['security', '--offline=true', '--threshold=20',
			`./${f}`], { encoding: 'utf8', cwd: verifyDir });
		const level = /Overall exposure level for \S+: ([0-9.]+) (\w+)/.exec(r.stdout);
		assert.ok(level, r.stdout + r.stderr);
		t.diagnostic(`${f}: exposure ${level[1]} ${level[2]}`);
		assert.equal(r.status, 0, `${f}: exposure ${level[1]} is above 2.0`);
	}
});

test('sysusers.d makes the account havre, tmpfiles.d its folders', { skip }, () => {
	const root = path.join(tmp, 'root');
	fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
	let r = spawnSync('systemd-sysusers', [`--root=${root}`,
		path.join(dest, dirs.sysusersdir, 'havre.conf')], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	const pw = fs.readFileSync(path.join(root, 'etc', 'passwd'), 'utf8')
		.split('\n').find((l) => l.startsWith('havre:'));
	assert.ok(pw, 'havre is in passwd');
	const [, , uid, , , home, shell] = pw.split(':');
	assert.equal(home, '/var/lib/havre');
	assert.equal(shell, '/usr/sbin/nologin');
	assert.ok(Number(uid) > 0 && Number(uid) < 1000, 'a system account');
	r = spawnSync('systemd-tmpfiles', ['--create', `--root=${root}`,
		path.join(dest, dirs.tmpfilesdir, 'havre.conf')], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	for (const [d, mode] of [['', 0o750], ['keys', 0o700], ['files', 0o700]]) {
		const st = fs.statSync(path.join(root, 'var', 'lib', 'havre', d));
		assert.equal(st.mode & 0o777, mode, `/var/lib/havre/${d}`);
		assert.equal(st.uid, Number(uid), `/var/lib/havre/${d} belongs to havre`);
	}
});

// One FastCGI request through cgi-fcgi; returns its raw output.
function fcgi(sock, uri) {
	const r = spawnSync('cgi-fcgi', ['-bind', '-connect', sock], {
		encoding: 'utf8', timeout: 10000,
		env: { REQUEST_METHOD: 'GET', REQUEST_URI: uri, HAVRE_VHOST: 'intranet',
			SERVER_PORT: '80', HTTP_HOST: 'localhost' },
	});
	return r.stdout ?? '';
}

// True when a process is gone or a zombie.
function gone(pid) {
	try {
		return / Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return true;
	}
}

// The live children of pid.
function children(pid) {
	const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
	return r.stdout.split('\n').filter(Boolean).map(Number).filter((p) => !gone(p));
}

test('socket activation: the service\'s command line, started on the first connection, serves with its workers', { skip }, async () => {
	// The unit's own arguments, with the built program and the stack's
	// configuration in place of the installed ones.
	const exec = parseUnit(units['havre-portal.service']).Service.ExecStart[0]
		.replace('${HAVRE_WORKERS}', '3').split(' ');
	exec[0] = path.join(BUILD, 'havre-portal');
	exec[exec.indexOf('--config') + 1] = CONFIG;
	const sock = path.join(tmp, 'portal.sock');
	const log = path.join(tmp, 'activate.log');
	const out = fs.openSync(log, 'w');
	const act = spawn('systemd-socket-activate', ['-l', sock, ...exec],
		{ stdio: ['ignore', out, out] });
	fs.closeSync(out);
	const said = () => fs.readFileSync(log, 'utf8');
	let kids = [];
	try {
		let end = Date.now() + 5000;
		while (!fs.existsSync(sock) && Date.now() < end)
			await sleep(50);
		assert.ok(fs.existsSync(sock), 'the socket is there before the program');
		assert.deepEqual(children(act.pid), [], 'nothing runs before the first request');
		const page = fcgi(sock, '/healthz');
		assert.match(page, /^Status: 200/m, said());
		assert.match(page, /"database":"ok"/);
		// The program replaced the activator (same pid) and keeps 3
		// workers on the socket it was handed.
		end = Date.now() + 5000;
		while (children(act.pid).length < 3 && Date.now() < end)
			await sleep(50);
		kids = children(act.pid);
		assert.equal(kids.length, 3, 'three workers');
		assert.match(fs.readFileSync(`/proc/${act.pid}/cmdline`, 'utf8'), /havre-portal/);
		for (let i = 0; i < 6; i++)
			assert.match(fcgi(sock, '/healthz'), /^Status: 200/m);
		const exited = new Promise((r) => act.on('exit', (code) => r(code)));
		act.kill('SIGTERM');
		const code = await Promise.race([exited, sleep(10000).then(() => 'timeout')]);
		assert.equal(code, 0, 'clean exit on SIGTERM');
		assert.ok(kids.every(gone), 'the workers stopped');
	} finally {
		for (const pid of [act.pid, ...kids, ...children(act.pid)])
			if (!gone(pid))
				process.kill(pid, 'SIGKILL');
	}
});

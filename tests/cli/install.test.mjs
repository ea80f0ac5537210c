// install.test.mjs: `make install` and `make uninstall` of the build
// (docs/install.md) into a temporary DESTDIR: where each part goes, that
// the installed copies are the tree's files, that the installed programs
// run from the installed templates and migrations, and that uninstall
// leaves no file behind.
//
// Needs HAVRE_BUILD (a configured, built tree), HAVRE_SRCDIR and
// HAVRE_CONFIG (the check stack's configuration: its database serves the
// installed programs).
//
//   HAVRE_BUILD=build HAVRE_SRCDIR=. HAVRE_CONFIG=var/check/havre.hdf \
//     node --test --test-reporter=tap tests/cli/install.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BUILD = process.env.HAVRE_BUILD;
const SRCDIR = process.env.HAVRE_SRCDIR;
const CONFIG = process.env.HAVRE_CONFIG;
const skip = !BUILD || !SRCDIR || !CONFIG ?
	'needs HAVRE_BUILD, HAVRE_SRCDIR and HAVRE_CONFIG' : false;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let tmp, dest, dirs;

// Run make in the build tree; throws with its output on failure.
function make(...args) {
	const r = spawnSync('make', ['-s', '-C', BUILD, ...args],
		{ encoding: 'utf8', maxBuffer: 64 << 20 });
	if (r.status !== 0)
		throw new Error(`make ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
	return r.stdout;
}

// The build's installation directories, as its Makefile expands them.
function installDirs() {
	const names = ['prefix', 'bindir', 'pkglibexecdir', 'pkgdatadir', 'sysconfdir'];
	const rules = `print-dirs:\n${names.map((n) => `\t@echo ${n}=$(${n})`).join('\n')}\n`;
	const r = spawnSync('make', ['-s', '-C', BUILD, '-f', 'Makefile', '-f', '-', 'print-dirs'],
		{ input: rules, encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split('=')));
}

// Every file under dir, as paths relative to it, sorted.
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

// The programs the build made: havre-* executables at its top.
function builtPrograms() {
	return fs.readdirSync(BUILD).filter((f) => /^havre-/.test(f) &&
		fs.statSync(path.join(BUILD, f)).isFile() &&
		(fs.statSync(path.join(BUILD, f)).mode & 0o111) !== 0).sort();
}

// A path of the installed tree (under DESTDIR).
const inst = (p) => path.join(dest, p);

before(() => {
	if (skip) return;
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-install-'));
	dest = path.join(tmp, 'dest');
	dirs = installDirs();
	make('install', `DESTDIR=${dest}`);
});

after(() => {
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('programs in libexec/havre, havre-admin in bin', { skip }, () => {
	const progs = builtPrograms();
	assert.ok(progs.includes('havre-portal') && progs.includes('havre-admin'));
	const tools = progs.filter((p) => p === 'havre-admin' || p === 'havre-verify');
	assert.deepEqual(filesUnder(inst(dirs.bindir)), tools);
	assert.deepEqual(filesUnder(inst(dirs.pkglibexecdir)),
		progs.filter((p) => !tools.includes(p)));
	for (const p of progs) {
		const where = tools.includes(p) ? dirs.bindir : dirs.pkglibexecdir;
		const st = fs.statSync(path.join(inst(where), p));
		assert.equal(st.mode & 0o755, 0o755, `${p} is executable`);
	}
	const r = spawnSync(path.join(inst(dirs.pkglibexecdir), 'havre-portal'), ['--routes'],
		{ encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^GET\s+\/healthz/m);
});

test('templates, static files and migrations in share/havre: the tree\'s files, nothing else', { skip }, () => {
	const share = inst(dirs.pkgdatadir);
	const expect = [
		['templates', 'templates'],
		['htdocs/static', 'static'],
		['sql/migrations', 'sql/migrations'],
	];
	for (const [from, to] of expect) {
		const src = filesUnder(path.join(SRCDIR, from));
		assert.ok(src.length > 0, `${from} has files`);
		assert.deepEqual(filesUnder(path.join(share, to)), src, `${to} mirrors ${from}`);
		for (const f of src) {
			const a = path.join(SRCDIR, from, f);
			const b = path.join(share, to, f);
			assert.ok(fs.readFileSync(a).equals(fs.readFileSync(b)), `${to}/${f} is a copy`);
			assert.equal(fs.statSync(b).mode & 0o777, 0o644, `${to}/${f} is 0644`);
		}
	}
	assert.ok(fs.existsSync(path.join(share, 'match', 'name-variants.tsv')));
	assert.equal(fs.existsSync(path.join(share, 'sql', 'demo')), false,
		'demo data is not installed');
	assert.deepEqual(fs.readdirSync(share).sort(), ['match', 'sql', 'static', 'templates']);
});

test('a commented sample configuration in etc/havre, with this prefix\'s paths', { skip }, () => {
	const file = path.join(inst(dirs.sysconfdir), 'havre', 'havre.hdf.example');
	const text = fs.readFileSync(file, 'utf8');
	assert.equal(fs.statSync(file).mode & 0o777, 0o644);
	assert.match(text, new RegExp(`^\\s*Templates = ${dirs.pkgdatadir}/templates$`, 'm'));
	assert.match(text, new RegExp(`^\\s*Migrations = ${dirs.pkgdatadir}/sql/migrations$`, 'm'));
	assert.ok(text.split('\n').filter((l) => /^\s*#/.test(l)).length > 50, 'commented');
	assert.equal(fs.existsSync(path.join(inst(dirs.sysconfdir), 'havre', 'havre.hdf')), false,
		'the live configuration is never written');
	// It parses, and names an account for every program.
	const r = spawnSync(path.join(inst(dirs.bindir), 'havre-admin'),
		['--config', file, 'grants', '--accounts'], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	for (const name of ['portal', 'appointments', 'reception', 'identity', 'dossier', 'registration', 'civil', 'notify',
		'admin', 'backup'])
		assert.match(r.stdout, new RegExp(`^${name} havre_${name} `, 'm'));
});

test('the installed programs run from the installed templates and migrations', { skip }, async () => {
	const share = inst(dirs.pkgdatadir);
	const config = path.join(tmp, 'havre.hdf');
	fs.writeFileSync(config, fs.readFileSync(CONFIG, 'utf8') +
		`\nPaths.Templates = ${share}/templates\n` +
		`Paths.Migrations = ${share}/sql/migrations\nLog.Dir =\n`);
	// Every migration of the tree is installed (and applied already).
	let r = spawnSync(path.join(inst(dirs.bindir), 'havre-admin'),
		['--config', config, 'migrate', '--status'], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	const applied = r.stdout.split('\n').filter((l) => /^applied\s/.test(l));
	assert.equal(applied.length, filesUnder(path.join(SRCDIR, 'sql', 'migrations')).length,
		r.stdout);
	assert.doesNotMatch(r.stdout, /pending/);

	// The portal renders its login page from the installed templates.
	const sock = path.join(tmp, 'portal.sock');
	const portal = spawn(path.join(inst(dirs.pkglibexecdir), 'havre-portal'),
		['--config', config, '--socket', sock, '--workers', '1'], { stdio: 'ignore' });
	try {
		let page = '';
		const end = Date.now() + 10000;
		while (Date.now() < end) {
			r = spawnSync('cgi-fcgi', ['-bind', '-connect', sock], {
				encoding: 'utf8', timeout: 10000,
				env: { REQUEST_METHOD: 'GET', REQUEST_URI: '/login',
					HAVRE_VHOST: 'intranet', SERVER_PORT: '80', HTTP_HOST: 'localhost' },
			});
			page = r.stdout ?? '';
			if (/^Status: 200/m.test(page))
				break;
			await sleep(100);
		}
		assert.match(page, /^Status: 200/m);
		assert.match(page, /<form[^>]+action="\/login"/);
		assert.match(page, /name="password"/);
	} finally {
		portal.kill('SIGTERM');
	}
});

test('make uninstall leaves no file behind', { skip }, () => {
	make('uninstall', `DESTDIR=${dest}`);
	const left = filesUnder(dest);
	assert.deepEqual(left, []);
});

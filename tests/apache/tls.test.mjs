// tests/apache/tls.test.mjs: contrib/apache/havre.conf.in as a production
// host fills it in (docs/apache.md): with TLS (no HAVRE_PLAIN_HTTP), the
// host's certificates (self-signed ones made here), the installed
// layout's paths and two addresses on port 443, `apache2 -t` passes with
// Debian's modules, mod_ssl included; a copy whose key is missing fails.
// `contrib/dev check --apache` runs it after the HTTP suites; it needs
// apache2, libapache2-mod-fcgid and openssl.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRCDIR = process.env.HAVRE_SRCDIR ??
	path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SITE = path.join(SRCDIR, 'contrib', 'apache', 'havre.conf.in');
const NAMES = { intranet: 'havre-intranet.example.org', public: 'havre.example.org' };
let tmp;

// contrib/dev's APACHE_MODULES.
function devModules() {
	const text = fs.readFileSync(path.join(SRCDIR, 'contrib', 'dev'), 'utf8');
	const m = /APACHE_MODULES=\(([^)]*)\)/.exec(text);
	assert.ok(m, 'contrib/dev lists APACHE_MODULES');
	return m[1].split(/\s+/).filter(Boolean);
}

// Fill the site file in for an installed host; write an httpd.conf
// around it in dir; returns its path.
function render(dir, keyName = null) {
	fs.mkdirSync(path.join(dir, 'run'), { recursive: true });
	fs.mkdirSync(path.join(dir, 'log'), { recursive: true });
	let site = fs.readFileSync(SITE, 'utf8');
	const values = {
		LIBEXECDIR: '/usr/libexec/havre', STATIC_DIR: path.join(SRCDIR, 'htdocs', 'static'),
		CONFIG: '/etc/havre/havre.hdf', INTRANET_LISTEN: '10.0.0.5:443',
		PUBLIC_LISTEN: '192.0.2.7:443', INTRANET_NAME: NAMES.intranet,
		PUBLIC_NAME: NAMES.public, LOG_DIR: path.join(dir, 'log'),
		TLS_DIR: path.join(tmp, 'tls'), PROCESSES: '8',
	};
	for (const [k, v] of Object.entries(values))
		site = site.replaceAll(`@${k}@`, v);
	assert.doesNotMatch(site.replace(/^\s*#.*$/gm, ''), /@[A-Z_]+@/,
		'every placeholder filled');
	if (keyName)
		site = site.replace(`${keyName}.key`, 'no-such.key');
	fs.writeFileSync(path.join(dir, 'havre.conf'), site);
	const mods = [...devModules(), 'ssl', 'socache_shmcb'].map((m) =>
		`LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n');
	const conf = path.join(dir, 'httpd.conf');
	fs.writeFileSync(conf, `ServerRoot "${dir}"
DefaultRuntimeDir "${dir}/run"
PidFile "${dir}/run/httpd.pid"
ErrorLog "${dir}/log/error.log"
${mods}
TypesConfig /etc/mime.types
ServerName localhost
FcgidIPCDir "${dir}/run"
FcgidProcessTableFile "${dir}/run/shm"
Include "${dir}/havre.conf"
`);
	return conf;
}

function configtest(dir, conf) {
	return spawnSync('apache2', ['-t', '-d', dir, '-f', conf], { encoding: 'utf8' });
}

before(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-apache-tls-'));
	fs.mkdirSync(path.join(tmp, 'tls'));
	for (const name of Object.values(NAMES)) {
		const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes',
			'-days', '2', '-subj', `/CN=${name}`,
			'-keyout', `${tmp}/tls/${name}.key`, '-out', `${tmp}/tls/${name}.pem`],
		{ encoding: 'utf8' });
		assert.equal(r.status, 0, `openssl: ${r.stderr}`);
	}
});

test('the site file with TLS, for an installed host, passes apache2 -t', () => {
	const dir = path.join(tmp, 'ok');
	const r = configtest(dir, render(dir));
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stderr, /Syntax OK/);
});

test('apache2 -t fails when a site\'s certificate key is missing', () => {
	const dir = path.join(tmp, 'broken');
	const r = configtest(dir, render(dir, NAMES.public));
	assert.notEqual(r.status, 0);
	assert.match(r.stderr, /no-such\.key/);
});

// nginx-production.test.mjs: contrib/nginx/havre-production.conf, the
// site file for a production host (docs/nginx.md). It passes `nginx -t`
// with a self-signed certificate made here (and a broken copy does not);
// every program of contrib/dev's maps has its locations, socket and body
// cap in it (and in contrib/apache/havre.conf.in); then it runs for real
// on loopback, its addresses, certificates and log folder swapped for the
// test's and its sockets for the running stack's programs: TLS answers,
// plain HTTP redirects, the public POST and look-up rate limits answer
// 429, the body caps 413 per location, and the sites stay apart.
//
// Needs nginx and openssl (contrib/dev installs them), HAVRE_CONFIG (a
// running stack: its programs' sockets are var/<env>/run/<program>.sock)
// and its intranet port (HAVRE_INTRANET_PORT, else HAVRE_INTRANET's): the
// test's nginx listens at that port + 40..42.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRCDIR = process.env.HAVRE_SRCDIR ??
	path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONFIG = process.env.HAVRE_CONFIG;
// Ports beside the stack's: its intranet port (HAVRE_INTRANET) + 40..42.
const BASE = Number(process.env.HAVRE_INTRANET_PORT ??
	new URL(process.env.HAVRE_INTRANET ?? 'http://127.0.0.1:18080').port) + 40;
const PORTS = { intranet: BASE, public: BASE + 1, plain: BASE + 2 };
const SITE = path.join(SRCDIR, 'contrib', 'nginx', 'havre-production.conf');
const APACHE = path.join(SRCDIR, 'contrib', 'apache', 'havre.conf.in');
const NAMES = { intranet: 'havre-intranet.example.org', public: 'havre.example.org' };

let tmp;

// contrib/dev's map $1 (PROG_INTRANET, PROG_PUBLIC, PROG_BODY): {program: value}.
function devMap(name) {
	const text = fs.readFileSync(path.join(SRCDIR, 'contrib', 'dev'), 'utf8');
	const m = new RegExp(`declare -A ${name}=\\(([\\s\\S]*?)\\n\\)`).exec(text);
	assert.ok(m, `contrib/dev declares ${name}`);
	return Object.fromEntries([...m[1].matchAll(/\[(havre-[a-z]+)\]="([^"]*)"/g)]
		.map((x) => [x[1], x[2]]));
}

// The text of the server block whose server_name is name.
function serverBlock(text, name) {
	const blocks = text.split(/\nserver \{/).slice(1);
	const b = blocks.find((x) => new RegExp(`server_name ${name.replace(/\./g, '\\.')};`).test(x));
	assert.ok(b, `a server block for ${name}`);
	return b;
}

// The body of `location <spec> {` in a server block (up to its closing brace).
function locationBody(block, spec) {
	const i = block.indexOf(`location ${spec} {`);
	if (i < 0)
		return null;
	return block.slice(i, block.indexOf('\n\t}', i));
}

// The site file for this machine: the test's certificates, logs, ports
// and (when given) the stack's sockets.
function localSite(text, runDir) {
	let s = text
		.replaceAll('/etc/ssl/certs/', `${tmp}/certs/`)
		.replaceAll('/etc/ssl/private/', `${tmp}/private/`)
		.replaceAll('/var/log/nginx/', `${tmp}/log/`)
		.replace('listen 10.0.0.5:443 ', `listen 127.0.0.1:${PORTS.intranet} `)
		.replace('listen 192.0.2.7:443 ', `listen 127.0.0.1:${PORTS.public} `)
		.replace('listen 80;', `listen 127.0.0.1:${PORTS.plain};`)
		.replace('listen [::]:80;', '')
		.replaceAll('/usr/share/havre/static/', `${SRCDIR}/htdocs/static/`);
	if (runDir)
		s = s.replaceAll('unix:/run/havre/', `unix:${runDir}/`);
	return s;
}

// Write nginx.conf around site text (as Debian's includes a site inside
// http) in folder dir; returns its path.
function wrap(dir, siteText) {
	fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'site.conf'), siteText);
	const conf = path.join(dir, 'nginx.conf');
	fs.writeFileSync(conf, `${process.getuid() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	client_body_temp_path ${dir}/tmp/client_body;
	fastcgi_temp_path ${dir}/tmp/fastcgi;
	proxy_temp_path ${dir}/tmp/proxy;
	uwsgi_temp_path ${dir}/tmp/uwsgi;
	scgi_temp_path ${dir}/tmp/scgi;
	include ${dir}/site.conf;
}
`);
	return conf;
}

function nginxTest(dir, conf) {
	return spawnSync('nginx', ['-t', '-p', dir, '-c', conf, '-e', `${dir}/error.log`],
		{ encoding: 'utf8' });
}

before(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'havre-nginx-prod-'));
	for (const d of ['certs', 'private', 'log'])
		fs.mkdirSync(path.join(tmp, d));
	for (const name of Object.values(NAMES)) {
		const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes',
			'-days', '2', '-subj', `/CN=${name}`,
			'-keyout', `${tmp}/private/${name}.key`, '-out', `${tmp}/certs/${name}.pem`],
		{ encoding: 'utf8' });
		assert.equal(r.status, 0, `openssl: ${r.stderr}`);
	}
});

after(() => {
	const pidFile = path.join(tmp, 'run', 'nginx.pid');
	if (fs.existsSync(pidFile)) {
		try {
			process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGQUIT');
		} catch { /* gone */ }
	}
});

test('the production site passes nginx -t with a self-signed certificate', () => {
	const dir = path.join(tmp, 'syntax');
	const conf = wrap(dir, localSite(fs.readFileSync(SITE, 'utf8')));
	const r = nginxTest(dir, conf);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stderr, /syntax is ok/);
	assert.match(r.stderr, /test is successful/);
});

test('nginx -t fails on a copy whose certificate key is missing', () => {
	const dir = path.join(tmp, 'broken');
	const text = localSite(fs.readFileSync(SITE, 'utf8'))
		.replace(`${NAMES.public}.key`, 'no-such.key');
	const r = nginxTest(dir, wrap(dir, text));
	assert.notEqual(r.status, 0);
	assert.match(r.stderr, /no-such\.key/);
});

test('every program of contrib/dev has its locations, socket and body cap in nginx and Apache', () => {
	const text = fs.readFileSync(SITE, 'utf8');
	const apache = fs.readFileSync(APACHE, 'utf8');
	const vhosts = apache.split('<VirtualHost ').slice(1);
	const avh = {
		intranet: vhosts.find((v) => v.startsWith('@INTRANET_LISTEN@>')),
		public: vhosts.find((v) => v.startsWith('@PUBLIC_LISTEN@>')),
	};
	const body = devMap('PROG_BODY');
	let n = 0;
	for (const [site, mapName] of [['intranet', 'PROG_INTRANET'], ['public', 'PROG_PUBLIC']]) {
		const block = serverBlock(text, NAMES[site]);
		assert.ok(avh[site], `an Apache VirtualHost for the ${site} site`);
		for (const [prog, prefixes] of Object.entries(devMap(mapName))) {
			for (const prefix of prefixes.split(/\s+/).filter(Boolean)) {
				const spec = prefix === '/' ? '/' : `~ ^${prefix}(/|$)`;
				const loc = locationBody(block, spec);
				assert.ok(loc, `nginx ${site}: location ${spec} for ${prog}`);
				assert.match(loc, new RegExp(`fastcgi_pass unix:/run/havre/${prog}\\.sock;`),
					`nginx ${site} ${prefix}: to ${prog}'s socket`);
				assert.match(loc, new RegExp(`fastcgi_param HAVRE_VHOST ${site};`));
				const cap = site === 'intranet' ? body[prog] : undefined;
				if (cap)
					assert.match(loc, new RegExp(`client_max_body_size ${cap};`),
						`nginx ${site} ${prefix}: body cap ${cap}`);
				else
					assert.doesNotMatch(loc, /client_max_body_size/);
				if (prefix === '/')
					assert.match(avh[site], new RegExp(
						`ScriptAliasMatch "\\^/\\(\\.\\*\\)\\$" "@LIBEXECDIR@/${prog}/\\$1"`));
				else
					assert.match(avh[site], new RegExp(
						`ScriptAlias ${prefix} "@LIBEXECDIR@/${prog}"`),
					`Apache ${site}: ${prefix} to ${prog}`);
				if (cap) {
					const up = /RewriteCond %\{REQUEST_URI\} \^\/\(([a-z|]+)\)\(\/\|\$\)\n\s*RewriteCond expr "[^"]*-gt 20971520"/
						.exec(avh[site]);
					assert.ok(up, `Apache ${site}: the 20 MiB cap's prefixes`);
					assert.ok(up[1].split('|').includes(prefix.slice(1)),
						`Apache ${site} ${prefix}: under the 20 MiB cap`);
				}
				n++;
			}
		}
	}
	assert.ok(n >= 10, `${n} prefixes checked`);
});

// A request to the running production nginx: {status, headers, text}.
function call(site, pathName, { method = 'GET', body, headers = {}, tls = true } = {}) {
	return new Promise((resolve, reject) => {
		const mod = tls ? https : http;
		const port = tls ? PORTS[site] : PORTS.plain;
		const req = mod.request({
			host: '127.0.0.1', port, path: pathName, method,
			servername: NAMES[site], rejectUnauthorized: false,
			headers: { Host: NAMES[site], ...headers,
				...(body !== undefined ? { 'Content-Length': Buffer.byteLength(body) } : {}) },
			timeout: 15000,
		}, (res) => {
			const parts = [];
			res.on('data', (c) => parts.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
				text: Buffer.concat(parts).toString('utf8') }));
		});
		req.on('error', reject);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.end(body);
	});
}

test('running: TLS, redirects, rate limits, body caps and the two sites apart', {
	skip: !CONFIG ? 'needs HAVRE_CONFIG (a running stack)' : false,
}, async () => {
	const runDir = path.join(path.dirname(CONFIG), 'run');
	assert.ok(fs.existsSync(path.join(runDir, 'havre-portal.sock')),
		`the stack's sockets in ${runDir}`);
	const dir = path.join(tmp, 'run');
	const conf = wrap(dir, localSite(fs.readFileSync(SITE, 'utf8'), runDir));
	const start = spawnSync('nginx', ['-p', dir, '-c', conf, '-e', `${dir}/error.log`],
		{ encoding: 'utf8' });
	assert.equal(start.status, 0, start.stderr);

	// TLS on both sites, each with its own certificate name; HSTS.
	const login = await call('intranet', '/login');
	assert.equal(login.status, 200);
	assert.match(login.text, /name="password"/);
	assert.match(login.headers['strict-transport-security'] ?? '', /max-age=\d+/);
	const book = await call('public', '/book');
	assert.equal(book.status, 200);
	// gzip as in the developer stack
	const z = await call('public', '/book', { headers: { 'Accept-Encoding': 'gzip' } });
	assert.equal(z.headers['content-encoding'], 'gzip');
	// Static files with nosniff.
	const css = /href="(\/static\/[^"]+\.css)"/.exec(book.text)?.[1];
	assert.ok(css, 'the booking page links a stylesheet');
	const st = await call('public', css);
	assert.equal(st.status, 200);
	assert.equal(st.headers['x-content-type-options'], 'nosniff');

	// Plain HTTP answers only with a redirect to HTTPS.
	const plain = await call('public', '/book?x=1', { tls: false });
	assert.equal(plain.status, 301);
	assert.equal(plain.headers.location, `https://${NAMES.public}/book?x=1`);

	// The sites stay apart: agents' pages are not on the public site.
	assert.equal((await call('public', '/login')).status, 404);
	assert.equal((await call('public', '/identity')).status, 404);

	// Body caps: 3 MB is over the public default (2m) and the intranet's
	// portal, but under identity's 20m (the program answers, not nginx).
	const big = 'x'.repeat(3 * 1024 * 1024);
	const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
	assert.equal((await call('public', '/book', { method: 'POST', body: big, headers: form })).status, 413);
	assert.equal((await call('intranet', '/lang', { method: 'POST', body: big, headers: form })).status, 413);
	const up = await call('intranet', '/identity/persons', { method: 'POST', body: big,
		headers: { 'Content-Type': 'multipart/form-data; boundary=b' } });
	assert.notEqual(up.status, 413, 'identity takes uploads up to 20m from nginx');
	assert.ok(up.status < 500, `identity answers ${up.status}`);

	// Case status look-ups: 10 a minute, bursts of 5, then 429.
	const looks = [];
	for (let i = 0; i < 8; i++)
		looks.push((await call('public', '/status')).status);
	assert.ok(looks.slice(0, 5).every((s) => s !== 429), `first look-ups: ${looks}`);
	assert.ok(looks.slice(6).every((s) => s === 429), `then 429: ${looks}`);
	// Public POSTs: bursts of 10 (the look-ups' GETs did not count), then
	// 429; GETs still answer.
	const posts = [];
	for (let i = 0; i < 13; i++)
		posts.push((await call('public', '/lang', { method: 'POST', body: 'lang=fr', headers: form })).status);
	assert.ok(posts.slice(0, 10).every((s) => s !== 429), `first POSTs: ${posts}`);
	assert.ok(posts.slice(11).every((s) => s === 429), `then 429: ${posts}`);
	assert.equal((await call('public', '/book')).status, 200, 'GETs are not limited');
	// The intranet has no such limit.
	for (let i = 0; i < 12; i++)
		assert.notEqual((await call('intranet', '/lang', { method: 'POST', body: 'lang=fr', headers: form })).status, 429);
});

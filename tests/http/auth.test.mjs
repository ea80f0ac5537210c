// tests/http/auth.test.mjs: agents, sessions, permissions, CSRF, API keys
// and the audit chain, through nginx to the real programs and MariaDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
	ADMIN, INTRANET, PUBLIC, CookieJar, admin, csrfOf, get, login,
	makeAgent, post, request, sql,
} from './lib.mjs';

// Every program's route table, from `PROGRAM --routes`.
function routeTables() {
	const dir = dirname(ADMIN);
	const rows = [];
	for (const f of readdirSync(dir)) {
		if (!f.startsWith('havre-') || f === 'havre-admin')
			continue;
		const path = join(dir, f);
		try {
			accessSync(path, constants.X_OK);
		} catch {
			continue;
		}
		const r = spawnSync(path, ['--routes'], { encoding: 'utf8' });
		if (r.status !== 0)
			continue;
		for (const line of r.stdout.split('\n').slice(1)) {
			const [methods, pattern, vhost, perm, csrf, api] =
				line.trim().split(/\s+/);
			if (!pattern)
				continue;
			for (const method of methods.split(','))
				rows.push({ program: f, method, pattern, vhost, perm,
					csrf: csrf === 'yes', api: api === 'yes' });
		}
	}
	return rows;
}

// A concrete path for a pattern: ids that exist nowhere, so that no
// request in the walk changes real data.
function concrete(pattern) {
	return pattern.replace(/\{[a-z_]+:int\}/g, '987654321')
		.replace(/\{[a-z_]+:token\}/g, 'ZZZ999')
		.replace(/\{[a-z_]+:str\}/g, 'nothing-here');
}

const baseOf = (vhost) => (vhost === 'public' ? PUBLIC : INTRANET);

const admin1 = makeAgent('walkadm', ['administrator']);
const nobody = makeAgent('walknone', []);

test('route inventory: every program prints its routes', () => {
	const rows = routeTables();
	assert.ok(rows.length >= 10, `only ${rows.length} routes found`);
	assert.ok(rows.some((r) => r.pattern === '/login'));
});

test('route walk: anonymous, without permission, with it, and CSRF', async (t) => {
	const rows = routeTables().filter((r) => r.perm !== 'public');
	let adm = (await login(admin1.username, admin1.password)).jar;
	let none = (await login(nobody.username, nobody.password)).jar;
	const signedIn = async (jar) =>
		(await get(INTRANET, '/dashboard', { jar })).status === 200;
	for (const r of rows) {
		// Some routes (POST /logout) end the session they were sent with.
		if (!await signedIn(adm))
			adm = (await login(admin1.username, admin1.password)).jar;
		if (!await signedIn(none))
			none = (await login(nobody.username, nobody.password)).jar;
		const base = baseOf(r.vhost);
		const path = concrete(r.pattern);
		const name = `${r.program} ${r.method} ${r.pattern}`;
		// Anonymous: browsers to the login page, API clients 401.
		const anon = await request(base, path, { method: r.method,
			headers: r.api ? { Accept: 'application/json' } : {} });
		if (r.api)
			assert.equal(anon.status, 401, `${name}: anonymous API`);
		else {
			assert.equal(anon.status, 303, `${name}: anonymous`);
			assert.match(anon.headers.get('location'), /^\/login/,
				`${name}: to login`);
		}
		const body = (jar, page) => ({ method: r.method, jar,
			headers: { Origin: base, 'Content-Type':
				'application/x-www-form-urlencoded' },
			body: r.method === 'GET' ? undefined :
				new URLSearchParams({ csrf: page }).toString() });
		// Without the permission: 403 (permission "login" is everyone's).
		if (r.perm !== 'login') {
			const page = csrfOf((await get(INTRANET, '/dashboard',
				{ jar: none })).text);
			const res = await request(base, path, body(none, page));
			assert.equal(res.status, 403, `${name}: without ${r.perm}`);
		}
		// With it: anything but 403.
		const page = csrfOf((await get(INTRANET, '/dashboard',
			{ jar: adm })).text);
		const ok = await request(base, path, body(adm, page));
		assert.notEqual(ok.status, 403, `${name}: with ${r.perm}`);
		// A POST without the CSRF token is refused, even with the
		// permission.
		if (r.method === 'POST' && r.csrf) {
			if (!await signedIn(adm))
				adm = (await login(admin1.username,
					admin1.password)).jar;
			const res = await request(base, path, { method: 'POST',
				jar: adm, headers: { Origin: base, 'Content-Type':
				'application/x-www-form-urlencoded' }, body: 'x=1' });
			assert.equal(res.status, 403, `${name}: no CSRF token`);
		}
	}
	t.diagnostic(`${rows.length} protected routes walked`);
});

test('login: wrong password and unknown user get the same answer', async () => {
	const a = makeAgent('samemsg', ['registrar']);
	const t0 = Date.now();
	const wrong = await login(a.username, 'not the right password');
	const t1 = Date.now();
	const unknown = await login(`${a.username}x`, 'not the right password');
	const t2 = Date.now();
	assert.equal(wrong.res.status, 422);
	assert.equal(unknown.res.status, 422);
	const msg = (s) => /class="form-summary"[^]*?<p>([^<]*)<\/p>/.exec(s)?.[1];
	assert.ok(msg(wrong.res.text));
	assert.equal(msg(wrong.res.text), msg(unknown.res.text));
	// The unknown user also pays for an argon2id verification.
	assert.ok(t2 - t1 > 0.4 * (t1 - t0),
		`unknown ${t2 - t1} ms vs known ${t1 - t0} ms`);
});

test('login: session cookie flags, stored hashed, rotated at login', async () => {
	const a = makeAgent('cookie', ['registrar']);
	const { jar, res } = await login(a.username, a.password);
	assert.equal(res.status, 303);
	assert.equal(res.headers.get('location'), '/dashboard');
	const line = res.headers.getSetCookie()
		.find((c) => c.startsWith('havre_session='));
	assert.ok(line, 'session cookie set');
	assert.match(line, /; HttpOnly/);
	assert.match(line, /; SameSite=Strict/);
	assert.match(line, /; Path=\//);
	const token = jar.get('havre_session');
	assert.match(token, /^[0-9a-f]{64}$/);
	const stored = sql(`SELECT HEX(token_hash) FROM session s JOIN agent a
		ON a.id = s.agent_id WHERE a.username = '${a.username}'`);
	assert.equal(stored.length, 1);
	assert.notEqual(stored[0][0].toLowerCase(), token);
	// Signing in again from the same browser (the login form while
	// signed in leads to the dashboard, so the token comes from there)
	// replaces the session.
	const dash = await get(INTRANET, '/dashboard', { jar });
	const again = await post(INTRANET, '/login', { csrf: csrfOf(dash.text),
		username: a.username, password: a.password },
	{ jar, headers: { Origin: INTRANET } });
	assert.equal(again.status, 303);
	assert.notEqual(jar.get('havre_session'), token);
	const old = await get(INTRANET, '/dashboard',
		{ headers: { Cookie: `havre_session=${token}` } });
	assert.equal(old.status, 303, 'the old session no longer works');
	const now = await get(INTRANET, '/dashboard', { jar });
	assert.equal(now.status, 200);
	assert.match(now.text, new RegExp(`Agent ${a.username}`));
});

test('login throttling: delay after 5 failures, lock after 10, then it clears', async () => {
	const a = makeAgent('throttle', ['registrar']);
	for (let i = 0; i < 5; i++) {
		const r = await login(a.username, `wrong password ${i}`);
		assert.equal(r.res.status, 422, `failure ${i + 1}`);
	}
	// The sixth try is refused without checking, even with the right
	// password, and says when to come back.
	const refused = await login(a.username, a.password);
	assert.equal(refused.res.status, 429);
	assert.match(refused.res.text, /try again after/i);
	assert.match(refused.res.text, /\d\d:\d\d:\d\d/);
	// Ten failures lock the account for 15 minutes.
	sql(`INSERT INTO login_attempt (username, client_addr, at, success)
		SELECT '${a.username}', '192.0.2.1', UTC_TIMESTAMP(6), 0
		FROM seq_1_to_5`);
	sql(`UPDATE login_attempt SET at = at - INTERVAL 60 SECOND
		WHERE username = '${a.username}'`);
	const locked = await login(a.username, a.password);
	assert.equal(locked.res.status, 429, 'locked');
	// Once the failures are older than the window, the right password
	// works again.
	sql(`UPDATE login_attempt SET at = at - INTERVAL 16 MINUTE
		WHERE username = '${a.username}'`);
	const ok = await login(a.username, a.password);
	assert.equal(ok.res.status, 303);
	// This address's failures count for every account: leave none.
	sql(`DELETE FROM login_attempt WHERE username = '${a.username}'`);
});

test('a password spray from one address stays throttled when one account signs in', async () => {
	const mine = makeAgent('sprayer', ['registrar']);
	const victim = makeAgent('sprayed', ['registrar']);
	// Failed tries at many accounts from this address (nginx passes
	// 127.0.0.1), just under the address's allowance (4 x 5).
	const spray = (n) => sql(`INSERT INTO login_attempt
		(username, client_addr, at, success)
		SELECT CONCAT('spray', seq), '127.0.0.1', UTC_TIMESTAMP(6), 0
		FROM seq_1_to_${n}`);
	// Other tests' failures from this address count too.
	const before = Number(sql(`SELECT COUNT(*) FROM login_attempt
		WHERE client_addr = '127.0.0.1' AND success = 0
		AND at > UTC_TIMESTAMP(6) - INTERVAL 15 MINUTE`)[0][0]);
	assert.ok(before < 19, `${before} failures from this address already`);
	try {
		spray(19 - before);
		// The attacker's own valid account signs in ...
		const own = await login(mine.username, mine.password);
		assert.equal(own.res.status, 303, 'under the allowance, a sign-in works');
		// ... and the spray goes on: the address's count was not reset.
		spray(19);
		const next = await login(victim.username, victim.password);
		assert.equal(next.res.status, 429,
			'38 failures from the address in the window: refused, even with the right password');
		assert.match(next.res.text, /try again after/i);
	} finally {
		sql(`DELETE FROM login_attempt WHERE username LIKE 'spray%'`);
	}
	const later = await login(victim.username, victim.password);
	assert.equal(later.res.status, 303, 'once the failures are gone, it works');
});

test('the current password of the password-change page is throttled like a sign-in', async () => {
	const a = makeAgent('pwguess', ['registrar']);
	const { jar } = await login(a.username, a.password);
	const form = await get(INTRANET, '/password', { jar });
	const csrf = csrfOf(form.text);
	const send = (current) => post(INTRANET, '/password',
		{ csrf, current, new: 'a long new pass phrase', confirm: 'a long new pass phrase' },
		{ jar, headers: { Origin: INTRANET } });
	try {
		for (let i = 0; i < 5; i++) {
			const r = await send(`guess number ${i}`);
			assert.equal(r.status, 422, `guess ${i + 1}`);
			assert.match(r.text, /current password is not correct/);
			// The error summary names the field it is about.
			assert.match(r.text, /<a href="#f-current">Current password: [^<]*not correct/);
		}
		// The sixth try is not checked, even with the right password.
		const refused = await send(a.password);
		assert.equal(refused.status, 429);
		assert.match(refused.text, /Too many wrong passwords/);
		assert.equal(sql(`SELECT COUNT(*) FROM login_attempt
			WHERE username = '${a.username}' AND success = 0`)[0][0], '5',
			'each guess was counted');
		// And the account's sign-in is throttled by the same count.
		const signin = await login(a.username, a.password);
		assert.equal(signin.res.status, 429);
	} finally {
		sql(`DELETE FROM login_attempt WHERE username = '${a.username}'`);
	}
	const ok = await send(a.password);
	assert.equal(ok.status, 303, 'once the window has passed, the change goes through');
});

test('session expiry: idle and absolute', async () => {
	const a = makeAgent('expiry', ['registrar']);
	const { jar } = await login(a.username, a.password);
	assert.equal((await get(INTRANET, '/dashboard', { jar })).status, 200);
	sql(`UPDATE session s JOIN agent a ON a.id = s.agent_id
		SET s.last_seen_at = s.last_seen_at - INTERVAL 31 MINUTE
		WHERE a.username = '${a.username}'`);
	const idle = await get(INTRANET, '/dashboard', { jar });
	assert.equal(idle.status, 303);
	assert.equal(idle.headers.get('location'),
		'/login?next=/dashboard&expired=1');
	const page = await get(INTRANET, idle.headers.get('location'));
	assert.match(page.text, /session has ended/);

	const b = await login(a.username, a.password);
	sql(`UPDATE session s JOIN agent a ON a.id = s.agent_id
		SET s.expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND
		WHERE a.username = '${a.username}' AND s.revoked_at IS NULL`);
	const abs = await get(INTRANET, '/dashboard', { jar: b.jar });
	assert.equal(abs.status, 303);
});

test('temporary password: must be changed first, policy enforced', async () => {
	const a = makeAgent('temp', ['registrar'], { temporary: true });
	const { jar, res } = await login(a.username, a.password);
	assert.equal(res.headers.get('location'), '/password');
	const dash = await get(INTRANET, '/dashboard', { jar });
	assert.equal(dash.status, 303);
	assert.equal(dash.headers.get('location'), '/password');
	const form = await get(INTRANET, '/password', { jar });
	assert.match(form.text, /temporary password/);
	const csrf = csrfOf(form.text);
	const send = (current, nw, confirm) => post(INTRANET, '/password',
		{ csrf, current, new: nw, confirm },
		{ jar, headers: { Origin: INTRANET } });
	let r = await send(a.password, 'short', 'short');
	assert.equal(r.status, 422);
	assert.match(r.text, /too short/);
	r = await send(a.password, 'password1234', 'password1234');
	assert.match(r.text, /too common/);
	r = await send('wrong current password', 'a long new pass phrase',
		'a long new pass phrase');
	assert.match(r.text, /current password is not correct/);
	r = await send(a.password, 'a long new pass phrase', 'another phrase!!');
	assert.match(r.text, /not the same/);
	r = await send(a.password, 'a long new pass phrase',
		'a long new pass phrase');
	assert.equal(r.status, 303);
	assert.equal((await get(INTRANET, '/dashboard', { jar })).status, 200);
	const back = await login(a.username, 'a long new pass phrase');
	assert.equal(back.res.headers.get('location'), '/dashboard');
});

test('disabled account: clear message, and its sessions stop', async () => {
	const a = makeAgent('disabled', ['registrar']);
	const { jar } = await login(a.username, a.password);
	assert.equal(admin(['user', 'disable', '--username', a.username]).status, 0);
	assert.equal((await get(INTRANET, '/dashboard', { jar })).status, 303);
	const r = await login(a.username, a.password);
	assert.equal(r.res.status, 422);
	assert.match(r.res.text, /account is disabled/);
});

test('CSRF: a missing token or a foreign origin is refused, input kept', async () => {
	const a = makeAgent('csrf', ['registrar']);
	const { jar } = await login(a.username, a.password);
	const page = await get(INTRANET, '/dashboard', { jar });
	const csrf = csrfOf(page.text);
	let r = await post(INTRANET, '/logout', { note: 'keep me' },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 403);
	assert.match(r.text, /form has expired/);
	assert.match(r.text, /name="note" value="keep me"/);
	r = await post(INTRANET, '/logout', { csrf },
		{ jar, headers: { Origin: 'http://evil.example' } });
	assert.equal(r.status, 403);
	assert.equal((await get(INTRANET, '/dashboard', { jar })).status, 200,
		'still signed in');
	r = await post(INTRANET, '/logout', { csrf },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303);
	assert.equal((await get(INTRANET, '/dashboard', { jar })).status, 303,
		'signed out');
});

test('API keys: bearer access, JSON errors, revocation, use logged', async () => {
	const name = `key${process.pid}${Date.now()}`;
	const add = admin(['apikey', 'add', '--name', name, '--role',
		'partner_agency']);
	assert.equal(add.status, 0, add.stderr);
	const key = add.stdout.trim();
	const auth = { Authorization: `Bearer ${key}`,
		Accept: 'application/json' };
	let r = await get(INTRANET, '/api/v1/me', { headers: auth });
	assert.equal(r.status, 200);
	const me = JSON.parse(r.text);
	assert.equal(me.kind, 'api_key');
	assert.equal(me.name, name);
	assert.ok(me.permissions.includes('partner.api'));
	// A key opens API routes only.
	r = await get(INTRANET, '/dashboard', { headers: auth });
	assert.equal(r.status, 403);
	assert.equal(JSON.parse(r.text).error, 'forbidden');
	r = await get(INTRANET, '/api/v1/me',
		{ headers: { Accept: 'application/json' } });
	assert.equal(r.status, 401);
	assert.equal(JSON.parse(r.text).error, 'unauthorized');
	const uses = sql(`SELECT COUNT(*) FROM api_key_use u JOIN api_key k
		ON k.id = u.api_key_id WHERE k.name = '${name}'`);
	assert.ok(Number(uses[0][0]) >= 1, 'use logged');
	assert.equal(admin(['apikey', 'revoke', '--name', name]).status, 0);
	r = await get(INTRANET, '/api/v1/me', { headers: auth });
	assert.equal(r.status, 401);
	assert.match(r.headers.get('content-type'), /application\/json/);
});

test('audit: logins and password changes are chained and verifiable', async () => {
	const a = makeAgent('audit', ['registrar']);
	const { jar } = await login(a.username, a.password);
	const rows = sql(`SELECT action FROM audit_event WHERE entity = 'agent'
		AND entity_id = (SELECT id FROM agent WHERE username = '${a.username}')
		ORDER BY seq`);
	assert.deepEqual(rows.map((x) => x[0]).slice(-1), ['login']);
	const page = await get(INTRANET, '/dashboard', { jar });
	await post(INTRANET, '/logout', { csrf: csrfOf(page.text) },
		{ jar, headers: { Origin: INTRANET } });
	const v = admin(['audit-verify']);
	assert.equal(v.status, 0, v.stdout + v.stderr);
	assert.match(v.stdout, /intact/);
});

test('dashboard lists only the workflows the agent may use', async () => {
	const adm = (await login(admin1.username, admin1.password)).jar;
	const full = await get(INTRANET, '/dashboard', { jar: adm });
	assert.match(full.text, /href="\/agents"/);
	assert.match(full.text, /href="\/audit"/);
	const none = (await login(nobody.username, nobody.password)).jar;
	const empty = await get(INTRANET, '/dashboard', { jar: none });
	assert.equal(empty.status, 200);
	assert.doesNotMatch(empty.text, /href="\/agents"/);
	assert.match(empty.text, /No workflow is open/);
});

test('anonymous CSRF token on the login form is required', async () => {
	const jar = new CookieJar();
	await get(INTRANET, '/login', { jar });
	const r = await post(INTRANET, '/login',
		{ username: admin1.username, password: admin1.password },
		{ jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 403);
});

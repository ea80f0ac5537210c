// files.test.mjs: `havre-admin files verify` against the real document
// store of the check stack: two photos stored through HTTP (the real
// identity program), verify passes; then one file's bytes are corrupted
// and the other file is deleted, and verify names each and fails. The
// files are put back before the test ends (also on failure), so that the
// store stays intact for whoever verifies next.
//
// Needs the stack of `contrib/dev check` (HAVRE_INTRANET, HAVRE_CONFIG,
// HAVRE_ADMIN; see tests/http/lib.mjs).
//
//   HAVRE_ADMIN=build/havre-admin HAVRE_CONFIG=var/check/havre.hdf \
//     HAVRE_INTRANET=http://127.0.0.1:18080 \
//     node --test --test-reporter=tap tests/cli/files.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
	CONFIG, INTRANET, admin, createPerson, csrfOf, get, login, makeAgent, request,
	sql, uniqueName,
} from '../http/lib.mjs';

// A 1x1 PNG, and another file of the same type (trailing bytes).
const png1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const png2 = Buffer.concat([png1, Buffer.from('second')]);

// Paths.Files of the stack's configuration, else Paths.Var/files (the
// default), read from either HDF syntax.
function storeFolder() {
	const keys = {};
	const stack = [];
	for (const raw of fs.readFileSync(CONFIG, 'utf8').split('\n')) {
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
		if ((m = /^([\w.]+)\s*=\s*(.*)$/.exec(line)) !== null)
			keys[[...stack, m[1]].join('.')] = m[2];
	}
	return keys['Paths.Files'] ?? path.join(keys['Paths.Var'], 'files');
}

// Sign in as agent; returns the jar and a CSRF token.
async function session(agent) {
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, '/identity', { jar });
	return { jar, csrf: csrfOf(page.text) };
}

// A family name unique to this run (letters only).
function family(prefix) {
	return uniqueName(prefix).replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
}

// Create a person with family name familyName; returns its id.
function createNamed(s, familyName) {
	return createPerson(s, { family_name: familyName });
}

// Upload bytes as person id's photo; returns the store's id of the file.
async function storePhoto(s, id, bytes) {
	const fd = new FormData();
	fd.set('csrf', s.csrf);
	fd.set('photo', new Blob([bytes], { type: 'image/png' }), 'p.png');
	const r = await request(INTRANET, `/identity/persons/${id}/photo`,
		{ method: 'POST', jar: s.jar, body: fd,
			headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const rows = sql(`SELECT f.id, f.purpose, f.mime, f.size, f.blake2b
		FROM person_photo p JOIN stored_file f ON f.id = p.file_id
		WHERE p.person_id = ${Number(id)}`);
	assert.equal(rows.length, 1, 'the photo is a row of stored_file');
	const [fid, purpose, mime, size, hash] = rows[0];
	assert.equal(purpose, 'person.photo');
	assert.equal(mime, 'image/png');
	assert.equal(Number(size), bytes.length);
	assert.match(hash, /^[0-9a-f]{64}$/);
	return fid;
}

// The files to put back whatever happens: path -> original bytes.
const saved = new Map();

after(() => {
	for (const [file, bytes] of saved)
		fs.writeFileSync(file, bytes, { mode: 0o600 });
});

test('files verify: intact store passes; a corrupted and a deleted file are named and fail it', async () => {
	const agent = makeAgent('filesv', ['registrar']);
	const s = await session(agent);
	const a = await storePhoto(s, await createNamed(s, family('Kestrelfile')), png1);
	const b = await storePhoto(s, await createNamed(s, family('Ospreystore')), png2);

	const folder = storeFolder();
	const fileA = path.join(folder, a.slice(0, 2), a);
	const fileB = path.join(folder, b.slice(0, 2), b);
	assert.ok(fs.existsSync(fileA) && fs.existsSync(fileB),
		`the files are under ${folder}/<ab>/<id>`);
	assert.equal(fs.readFileSync(fileA).includes(Buffer.from('IHDR')),
		false, 'the content is encrypted at rest');

	let r = admin(['files', 'verify']);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /files verified: \d+ checked, 0 missing, 0 altered/);

	// Corrupt one byte of A (in its ciphertext), delete B.
	saved.set(fileA, fs.readFileSync(fileA));
	saved.set(fileB, fs.readFileSync(fileB));
	const bytes = Buffer.from(saved.get(fileA));
	bytes[bytes.length - 20] ^= 0x40;
	fs.writeFileSync(fileA, bytes);
	fs.unlinkSync(fileB);

	r = admin(['files', 'verify']);
	assert.equal(r.status, 1, r.stdout + r.stderr);
	assert.match(r.stderr, new RegExp(`^altered: ${a} \\(person\\.photo\\)$`, 'm'));
	assert.match(r.stderr, new RegExp(`^missing: ${b} \\(person\\.photo\\)$`, 'm'));
	assert.match(r.stdout, /1 missing, 1 altered/);

	// The photo page refuses to serve the altered file.
	const idA = sql(`SELECT person_id FROM person_photo WHERE file_id = '${a}'`)[0][0];
	r = await get(INTRANET, `/identity/persons/${idA}/photo`, { jar: s.jar });
	assert.notEqual(r.status, 200);

	// Put them back: verify passes again.
	for (const [file, orig] of saved)
		fs.writeFileSync(file, orig, { mode: 0o600 });
	saved.clear();
	r = admin(['files', 'verify']);
	assert.equal(r.status, 0, r.stderr);
});

test('a replaced photo leaves the store: its row and its file are removed', async () => {
	const agent = makeAgent('filesr', ['registrar']);
	const s = await session(agent);
	const id = await createNamed(s, family('Harrierphoto'));
	const first = await storePhoto(s, id, png1);
	const second = await storePhoto(s, id, png2);
	assert.notEqual(first, second);
	assert.equal(sql(`SELECT COUNT(*) FROM stored_file WHERE id = '${first}'`)[0][0], '0');
	assert.equal(fs.existsSync(path.join(storeFolder(), first.slice(0, 2), first)), false);
	const ev = sql(`SELECT changes FROM audit_event WHERE entity = 'person'
		AND entity_id = '${id}' AND action = 'photo' ORDER BY seq DESC LIMIT 1`);
	assert.match(ev[0][0], new RegExp(first));
	assert.match(ev[0][0], new RegExp(second));
	const r = await get(INTRANET, `/identity/persons/${id}/photo`, { jar: s.jar });
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'image/png');
	assert.match(r.headers.get('content-disposition'), /^attachment/);
	assert.equal(r.text.length > 0 && r.text.endsWith('second'), true,
		'the new photo is served');
});

test('files verify names files without a row; files sweep removes them once an hour old', async () => {
	const agent = makeAgent('filess', ['registrar']);
	const s = await session(agent);
	const kept = await storePhoto(s, await createNamed(s, family('Merlinsweep')), png1);
	const folder = storeFolder();
	const hex = () => [...Array(32)].map(() =>
		'0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
	// What a worker that died mid-upload leaves: a file whose row never
	// committed, a temporary that never reached its rename; one of each
	// two hours old, one orphan written just now; and a name that is not
	// the store's, which is left alone.
	const oldOrphan = hex();
	const oldTmp = hex();
	const newOrphan = hex();
	const place = (name) => {
		const dir = path.join(folder, name.slice(0, 2));
		fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
		return path.join(dir, name);
	};
	const files = {
		oldOrphan: place(oldOrphan), oldTmp: place(`${oldTmp}.tmp`),
		newOrphan: place(newOrphan), other: place(`${hex()}.note`),
	};
	for (const f of Object.values(files))
		fs.writeFileSync(f, 'leftover', { mode: 0o600 });
	const twoHoursAgo = new Date(Date.now() - 7200 * 1000);
	fs.utimesSync(files.oldOrphan, twoHoursAgo, twoHoursAgo);
	fs.utimesSync(files.oldTmp, twoHoursAgo, twoHoursAgo);
	try {
		let r = admin(['files', 'verify']);
		assert.equal(r.status, 0, `orphans alone do not fail verify: ${r.stderr}`);
		assert.match(r.stderr, new RegExp(`^orphan: ${oldOrphan} \\(no row\\)$`, 'm'));
		assert.match(r.stderr, new RegExp(`^orphan: ${newOrphan} \\(no row\\)$`, 'm'));
		assert.match(r.stderr, new RegExp(`^temporary: ${oldTmp}\\.tmp \\(no row\\)$`, 'm'));
		assert.doesNotMatch(r.stderr, new RegExp(kept));
		assert.match(r.stdout, /; [2-9]\d* orphans, [1-9]\d* temporaries/);

		r = admin(['files', 'sweep', '--min-age', 'soon']);
		assert.equal(r.status, 2, 'a bad --min-age is a usage error');
		r = admin(['files', 'sweep']);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^files swept: [2-9]\d* removed, [1-9]\d* too recent \(younger than 3600 s\)$/m);
		assert.match(r.stderr, new RegExp(`^removed orphan: ${oldOrphan}$`, 'm'));
		assert.match(r.stderr, new RegExp(`^removed temporary: ${oldTmp}\\.tmp$`, 'm'));
		assert.equal(fs.existsSync(files.oldOrphan), false);
		assert.equal(fs.existsSync(files.oldTmp), false);
		assert.equal(fs.existsSync(files.newOrphan), true, 'a recent orphan stays');
		assert.equal(fs.existsSync(files.other), true, 'not a name of the store');
		assert.equal(fs.existsSync(path.join(folder, kept.slice(0, 2), kept)), true,
			'a file with its row stays');
		r = admin(['files', 'verify']);
		assert.equal(r.status, 0, r.stderr);
		assert.doesNotMatch(r.stderr, new RegExp(oldOrphan));
	} finally {
		for (const f of Object.values(files))
			fs.rmSync(f, { force: true });
	}
});

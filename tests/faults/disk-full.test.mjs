// tests/faults/disk-full.test.mjs: the document store's disk is full.
// The store's folder (Paths.Files) gets a small tmpfs of its own for the
// test (mounted over it, so the stack's other files are hidden, not
// touched, until it is unmounted), nearly filled by a filler file. A
// photo upload is then refused cleanly: 507 with the person's page and a
// message at the field, no file or temporary file left in the store, no
// stored_file row, no photo recorded, no audit event; the same happens
// when a large photo fills the disk part-way through its write. With
// room again the same upload is stored. Needs root (mount), or sudo -n.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import {
	CONFIG, INTRANET, admin, createPerson, csrfOf, get, login, makeAgent,
	request, sql, uniqueName,
} from '../http/lib.mjs';

const FILES = join(dirname(CONFIG), 'files');
const SIZE = 512 * 1024;	// the tmpfs' size in bytes

// Run a command as root (sudo -n when we are not); throws on failure.
function asRoot(cmd, ...args) {
	const argv = process.getuid() === 0 ? [cmd, ...args] :
		['sudo', '-n', cmd, ...args];
	const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`${argv.join(' ')}: ${r.stderr}${r.error ?? ''}`);
	return r.stdout;
}

// Every file under the store folder, relative paths.
function storeFiles() {
	const out = [];
	const walk = (dir, rel) => {
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			if (e.isDirectory())
				walk(join(dir, e.name), `${rel}${e.name}/`);
			else
				out.push(`${rel}${e.name}`);
		}
	};
	walk(FILES, '');
	return out.sort();
}

// A PNG of about n bytes that libmagic still calls image/png (a 1x1
// image followed by padding).
function png(n = 0) {
	const head = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
	return Buffer.concat([head, Buffer.alloc(n, 7)]);
}

test('the file store\'s disk is full: the upload is refused cleanly, nothing half-stored', async () => {
	const agent = makeAgent('diskfull', ['registrar']);
	const { jar } = await login(agent.username, agent.password);
	const csrf = csrfOf((await get(INTRANET, '/identity', { jar })).text);
	const name = uniqueName('Dfull').replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
	const id = await createPerson({ jar, csrf }, { family_name: name });
	const upload = (bytes) => {
		const fd = new FormData();
		fd.set('csrf', csrf);
		fd.set('photo', new Blob([bytes], { type: 'image/png' }), 'me.png');
		return request(INTRANET, `/identity/persons/${id}/photo`, {
			method: 'POST', jar, body: fd, headers: { Origin: INTRANET } });
	};
	const rows = () => sql('SELECT COUNT(*) FROM stored_file')[0][0];
	const photos = () => sql(`SELECT COUNT(*) FROM person_photo
		WHERE person_id = ${id}`)[0][0];
	const audits = () => sql(`SELECT COUNT(*) FROM audit_event
		WHERE entity = 'person' AND entity_id = '${id}' AND action = 'photo'`)[0][0];
	const rowsBefore = rows();

	asRoot('mount', '-t', 'tmpfs', '-o', `size=${SIZE},mode=0700`,
		'havre-fault-store', FILES);
	try {
		// A small file fits; then fill what is left.
		writeFileSync(join(FILES, 'filler'), Buffer.alloc(SIZE - 64 * 1024));
		const refused = async (bytes, what) => {
			const r = await upload(bytes);
			assert.equal(r.status, 507, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
			assert.match(r.headers.get('content-type'), /^text\/html/);
			assert.match(r.text, /document store is full/i, `${what}: the page says why`);
			assert.match(r.text, new RegExp(name), `${what}: the person's page`);
			assert.deepEqual(storeFiles(), ['filler'], `${what}: files left`);
			assert.equal(rows(), rowsBefore, `${what}: a stored_file row`);
			assert.equal(photos(), '0', `${what}: a photo recorded`);
			assert.equal(audits(), '0', `${what}: an audit event`);
		};
		// Part-way: 64 KiB left, a 200 KiB photo.
		await refused(png(200 * 1024), 'a write cut short');
		// Full to the last page.
		try {
			writeFileSync(join(FILES, 'filler2'), Buffer.alloc(SIZE));
		} catch (e) {
			assert.equal(e.code, 'ENOSPC');
		}
		rmSync(join(FILES, 'filler2'), { force: true });
		writeFileSync(join(FILES, 'filler'), Buffer.alloc(0));
		let fill = Buffer.alloc(4096);
		for (;;) {
			try {
				writeFileSync(join(FILES, 'filler'), fill, { flag: 'a' });
			} catch (e) {
				assert.equal(e.code, 'ENOSPC');
				break;
			}
		}
		await refused(png(), 'a full disk');
		// Room again: the same upload is stored, once.
		rmSync(join(FILES, 'filler'));
		const ok = await upload(png());
		assert.equal(ok.status, 303, ok.text.slice(0, 300));
		assert.equal(photos(), '1');
		assert.equal(storeFiles().length, 1);
		fill = null;
	} finally {
		asRoot('umount', FILES);
	}
	// Back on the stack's own store (the photo stored on the tmpfs went
	// with it): forget it, so that files verify stays green.
	sql(`DELETE FROM person_photo WHERE person_id = ${id};
		DELETE FROM stored_file WHERE id NOT IN (SELECT file_id FROM person_photo)
			AND created_by = (SELECT id FROM agent WHERE username = '${agent.username}')`);
	const v = admin(['files', 'verify']);
	assert.equal(v.status, 0, v.stderr);
});

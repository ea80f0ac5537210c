// tests/http/registration-photo.test.mjs: a household member's photo at
// the registration desk (havre-registration photo.c, issue 16 item 1):
// uploaded on the person's step (the webcam's shot arrives the same
// way), stored through the document store (a stored_file row of use
// person.photo, its type decided by libmagic, its content encrypted:
// the bytes on disk are not the photo's), audited; a replaced photo's
// row goes; refused with the step again and nothing stored: a file that
// is not a JPEG or PNG (whatever its name and declared type), an empty
// one, one over the 5 MiB cap; at saving the photo becomes the person's
// (identity serves it back, the same bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	CONFIG, INTRANET, csrfOf, get, login, makeAgent, post, request, sql,
	uniqueName,
} from './lib.mjs';

const tag = uniqueName('Rp').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);

// A tiny valid PNG (1x1) and a minimal JPEG (JFIF header, SOI ... EOI).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=', 'base64');

function textOf(html) {
	return html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

async function session(agent) {
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, '/registration', { jar });
	assert.equal(page.status, 200);
	return { jar, csrf: csrfOf(page.text) };
}

function send(s, path, fields) {
	return post(INTRANET, path, { csrf: s.csrf, ...fields },
		{ jar: s.jar, headers: { Origin: INTRANET } });
}

function upload(s, pos, bytes, name, type) {
	const fd = new FormData();
	fd.set('csrf', s.csrf);
	fd.set('photo', new Blob([bytes], { type }), name);
	return request(INTRANET, `/registration/member/${pos}/photo`,
		{ method: 'POST', jar: s.jar, body: fd, headers: { Origin: INTRANET } });
}

// The document store's folder (Paths.Files, else Paths.Var/files).
function storeDir() {
	const hdf = readFileSync(CONFIG, 'utf8');
	const paths = /^Paths \{([^}]*)\}/m.exec(hdf)?.[1] ?? '';
	const key = (k) => (new RegExp(`^\\s*(?:Paths\\.)?${k}\\s*=\\s*(.+)$`, 'm')
		.exec(k === 'Files' || k === 'Var' ? paths : hdf)?.[1].trim());
	return key('Files') ?? join(key('Var'), 'files');
}

const draftOf = (s) => sql(`SELECT d.id FROM registration_draft d JOIN agent a ON a.id = d.agent_id
	WHERE a.username = '${s.username}' AND d.status = 'open'`)[0][0];
const photoOf = (draft, pos) => sql(`SELECT COALESCE(photo_file, 'none') FROM registration_member
	WHERE draft_id = ${draft} AND position = ${pos}`)[0][0];
const photoRows = () => sql("SELECT COUNT(*) FROM stored_file WHERE purpose = 'person.photo'")[0][0];

test('a member\'s photo: uploaded through the document store, refused when not an image, empty or too big, given to the person at saving', async () => {
	const agent = makeAgent('rgph', ['registrar']);
	const s = { ...(await session(agent)), username: agent.username };
	let r = await send(s, '/registration/start', {});
	assert.equal(r.status, 303);
	// Before the person's step is saved there is no photo form (and no
	// member to give a photo to).
	r = await get(INTRANET, '/registration/member/1', { jar: s.jar });
	assert.doesNotMatch(r.text, /id="photo-h"/);
	r = await upload(s, 1, PNG, 'me.png', 'image/png');
	assert.equal(r.status, 404);
	r = await send(s, '/registration/member/1', { family_name: `Pierre${tag}`,
		given_names: 'Anne', sex: 'F', birth: '1992-03-14', nationality: 'HTI',
		languages: 'French', leaflet: 'rights_procedure', leaflet_lang: 'fr', consent: '1' });
	assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
	if (/\/match$/.test(r.headers.get('location')))
		assert.equal((await send(s, '/registration/member/1/match', { choice: 'create' })).status, 303);
	const draft = draftOf(s);
	r = await get(INTRANET, '/registration/member/1', { jar: s.jar });
	assert.match(r.text, /id="photo-h"/);
	assert.match(r.text, /<form method="post" action="\/registration\/member\/1\/photo" enctype="multipart\/form-data"/);
	assert.match(r.text, /<input type="file" accept="image\/jpeg,image\/png" id="f-photo" name="photo"/);
	assert.match(r.text, /<div class="camera" hidden>/, 'the webcam block is hidden without script');
	assert.match(r.text, /No photo yet/);

	// Refused, nothing stored: HTML named .png, an empty file, too big.
	const rows0 = photoRows();
	r = await upload(s, 1, Buffer.from('<html><script>alert(1)</script></html>'), 'x.png', 'image/png');
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-photo">[^<]*Only JPEG and PNG photos are accepted/);
	r = await upload(s, 1, Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'), 'scan.jpg', 'image/jpeg');
	assert.equal(r.status, 422);
	r = await upload(s, 1, Buffer.alloc(0), 'empty.png', 'image/png');
	assert.equal(r.status, 422);
	const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 + 1 - PNG.length)]);
	r = await upload(s, 1, big, 'big.png', 'image/png');
	assert.equal(r.status, 422);
	assert.match(r.text, /id="e-photo">[^<]*This file is too large/);
	assert.equal(photoRows(), rows0, 'no file recorded');
	assert.equal(photoOf(draft, 1), 'none');

	// A PNG: stored, encrypted, audited, shown on the step.
	r = await upload(s, 1, PNG, 'me.png', 'image/png');
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(r.headers.get('location'), '/registration/member/1#photo');
	const first = photoOf(draft, 1);
	assert.match(first, /^[0-9a-f]{32}$/);
	assert.deepEqual(sql(`SELECT purpose, mime, size FROM stored_file WHERE id = '${first}'`)[0],
		['person.photo', 'image/png', String(PNG.length)]);
	const onDisk = join(storeDir(), first.slice(0, 2), first);
	assert.ok(existsSync(onDisk), onDisk);
	assert.ok(!readFileSync(onDisk).includes(PNG.subarray(16, 40)), 'encrypted at rest');
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'registration_member'
		AND entity_id = '${draft}/1' AND action = 'photo'`)[0][0], '1');
	r = await get(INTRANET, '/registration/member/1', { jar: s.jar });
	assert.match(r.text, /<img class="member-photo" src="\/registration\/member\/1\/photo"/);
	r = await get(INTRANET, '/registration/member/1/photo', { jar: s.jar });
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'image/png');
	assert.match(r.headers.get('content-disposition'), /^attachment/);

	// Replaced by a JPEG (as the webcam sends it): the old row and file go.
	r = await upload(s, 1, JPEG, 'webcam.jpg', 'image/jpeg');
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const second = photoOf(draft, 1);
	assert.notEqual(second, first);
	assert.equal(sql(`SELECT mime FROM stored_file WHERE id = '${second}'`)[0][0], 'image/jpeg');
	assert.equal(sql(`SELECT COUNT(*) FROM stored_file WHERE id = '${first}'`)[0][0], '0');
	assert.ok(!existsSync(onDisk), 'the replaced file removed');

	// Another agent cannot see it.
	const other = await session(makeAgent('rgpho', ['registrar']));
	r = await get(INTRANET, '/registration/member/1/photo', { jar: other.jar });
	assert.equal(r.status, 404);

	// Saved: the photo is the person's.
	const sm = await get(INTRANET, '/registration/summary', { jar: s.jar });
	const proposed = /<option value="([a-z_]+)" selected>/.exec(sm.text)[1];
	r = await send(s, '/registration/save', { draft, procedure: proposed, reason: '' });
	assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
	const person = sql(`SELECT dp.person_id FROM registration_draft d JOIN dossier_person dp
		ON dp.dossier_id = d.dossier_id AND dp.role = 'principal' WHERE d.id = ${draft}`)[0][0];
	assert.deepEqual(sql(`SELECT file_id, mime FROM person_photo WHERE person_id = ${person}`)[0],
		[second, 'image/jpeg']);
	const off = makeAgent('rgphid', ['case_officer']);
	const officer = await login(off.username, off.password);
	const res = await fetch(new URL(`/identity/persons/${person}/photo`, INTRANET),
		{ headers: { Cookie: officer.jar.header() }, redirect: 'manual' });
	assert.equal(res.status, 200);
	assert.ok(Buffer.from(await res.arrayBuffer()).equals(JPEG), 'the same bytes, from the store');
});

test('a draft purged when old takes its photo with it: the store\'s row and the file', async () => {
	const agent = makeAgent('rgphp', ['registrar']);
	const s = { ...(await session(agent)), username: agent.username };
	assert.equal((await send(s, '/registration/start', {})).status, 303);
	let r = await send(s, '/registration/member/1', { family_name: `Purged${tag}`,
		given_names: 'Old', sex: 'M', birth: '1970-01-01', nationality: 'HTI',
		languages: 'French', leaflet: 'rights_procedure', leaflet_lang: 'fr', consent: '1' });
	assert.equal(r.status, 303);
	if (/\/match$/.test(r.headers.get('location')))
		assert.equal((await send(s, '/registration/member/1/match', { choice: 'create' })).status, 303);
	r = await upload(s, 1, PNG, 'old.png', 'image/png');
	assert.equal(r.status, 303);
	const draft = draftOf(s);
	const file = photoOf(draft, 1);
	const onDisk = join(storeDir(), file.slice(0, 2), file);
	assert.ok(existsSync(onDisk));
	// Left for longer than Registration.DraftDays; any desk opened purges it.
	sql(`UPDATE registration_draft SET updated_at = UTC_TIMESTAMP() - INTERVAL 30 DAY WHERE id = ${draft}`);
	const other = await session(makeAgent('rgphq', ['registrar']));
	r = await get(INTRANET, '/registration', { jar: other.jar });
	assert.equal(r.status, 200);
	assert.equal(sql(`SELECT COUNT(*) FROM registration_draft WHERE id = ${draft}`)[0][0], '0');
	assert.equal(sql(`SELECT COUNT(*) FROM stored_file WHERE id = '${file}'`)[0][0], '0');
	assert.ok(!existsSync(onDisk), 'the photo\'s file removed');
});

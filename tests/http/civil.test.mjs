// tests/http/civil.test.mjs: havre-civil through nginx (issue 17, items
// 1-3): a birth act from a person's record with two sources that
// disagree (a PNG passport scan and a PDF birth certificate rendered to
// a page image), the values read in each, the chosen values with their
// reasons, sent back once with a comment per field, then established by
// a second officer and kept whole; the drafter refused as verifier
// whatever their roles; an established act refusing edits; an amendment
// keeping the previous version; marginal mentions; uploads that are not
// PDF/JPEG/PNG refused; a hostile PDF (a decompression bomb of drawing
// operators that loops the renderer for minutes) and a broken one
// refused within the renderer's limits while the program keeps serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import {
	CONFIG, INTRANET, createPerson, csrfOf, get, login, makeAgent, post,
	request, sql, uniqueName,
} from './lib.mjs';

// The drafter holds every role (administrator too): the four-eyes rule
// must refuse them anyway. The verifier is a plain civil-status officer.
const drafter = makeAgent('cvdraft', ['civil_status_officer', 'administrator']);
const verifier = makeAgent('cvsign', ['civil_status_officer']);
const registrar = makeAgent('cvreg', ['registrar']);
const tag = uniqueName('Cq').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);

async function session(agent, path = '/civil') {
	const { jar } = await login(agent.username, agent.password);
	const page = await get(INTRANET, path, { jar });
	assert.equal(page.status, 200, `${agent.username} opens ${path}`);
	return { jar, csrf: csrfOf(page.text) };
}

function send(s, path, fields) {
	return post(INTRANET, path, { csrf: s.csrf, ...fields },
		{ jar: s.jar, headers: { Origin: INTRANET } });
}

function upload(s, act, title, name, type, bytes) {
	const form = new FormData();
	form.append('csrf', s.csrf);
	form.append('title', title);
	form.append('file', new Blob([bytes], { type }), name);
	return request(INTRANET, `/civil/${act}/sources`, { method: 'POST',
		jar: s.jar, headers: { Origin: INTRANET }, body: form,
		timeout: 60000 });
}

// The visible text of a page.
function textOf(html) {
	return html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&').replace(/&quot;/g, '"')
		.replace(/\s+/g, ' ');
}

// A one-page PDF with the given content stream (deflated or not), its
// cross-reference table at the right offsets.
function makePdf(content, deflate = false) {
	const body = deflate ? deflateSync(content, { level: 9 }) : content;
	const parts = [];
	const offsets = [];
	let len = 0;
	const push = (b) => {
		const buf = Buffer.isBuffer(b) ? b : Buffer.from(b, 'latin1');
		parts.push(buf);
		len += buf.length;
	};
	const obj = (n, s) => {
		offsets[n] = len;
		push(`${n} 0 obj\n${s}\nendobj\n`);
	};
	push('%PDF-1.4\n');
	obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
	obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
	obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R >>');
	offsets[4] = len;
	push(`4 0 obj\n<< /Length ${body.length}${deflate ? ' /Filter /FlateDecode' : ''} >>\nstream\n`);
	push(body);
	push('\nendstream\nendobj\n');
	const xref = len;
	let x = 'xref\n0 5\n0000000000 65535 f \n';
	for (let i = 1; i <= 4; i++)
		x += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
	push(x);
	push(`trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
	return Buffer.concat(parts);
}

// A 2x2 PNG (a scan stands in for it).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

const actRow = (id) => sql(`SELECT status, version, act_version FROM civil_act WHERE id = ${id}`)[0];

async function openAct(s, personId, kind = 'birth') {
	const r = await send(s, '/civil', { kind, person: personId });
	assert.equal(r.status, 303, `open: ${r.status} ${textOf(r.text).slice(0, 300)}`);
	return /\/civil\/(\d+)$/.exec(r.headers.get('location'))[1];
}

function choose(s, act, field, fields) {
	return send(s, `/civil/${act}/fields/${field}`, fields);
}

function found(s, act, field, source, value, extra = {}) {
	return send(s, `/civil/${act}/found`, { field, source, value, ...extra });
}

function submit(s, act) {
	return send(s, `/civil/${act}/transition`, { to: 'verification',
		version: actRow(act)[1] });
}

function review(s, act, decision, comments = {}) {
	return send(s, `/civil/${act}/review`, { decision,
		version: actRow(act)[1], ...comments });
}

// Sources of an act by kind and title.
function sourceId(act, title) {
	return sql(`SELECT id FROM civil_source WHERE act_id = ${act} AND title = '${title}'`)[0][0];
}

const state = {};

test('a birth act from two conflicting sources, sent back once, then established by a second officer with the chosen values and reasons kept', async () => {
	const reg = await session(registrar, '/identity');
	const personId = await createPerson(reg, { family_name: `${tag}Haddad`,
		given_names: 'Amina', sex: 'F', birth_date: '1990-03-04' });
	const d = await session(drafter);
	const v = await session(verifier);

	const form = await get(INTRANET, `/civil/new?person=${personId}`, { jar: d.jar });
	assert.equal(form.status, 200);
	assert.ok(textOf(form.text).includes(`${tag}Haddad, Amina`), 'the form names the person');
	assert.equal((await send(d, '/civil', { kind: 'birth', person: '999999999' })).status, 422, 'an unknown person is refused');
	const act = await openAct(d, personId);
	state.act = act;
	state.personId = personId;
	assert.deepEqual(actRow(act), ['requested', '1', '1']);
	// Pre-filled from the identity record, the record as their source.
	const pre = sql(`SELECT f.field, f.value, s.kind, COALESCE(f.chosen_by, 0) FROM civil_field f JOIN civil_source s ON s.id = f.source_id WHERE f.act_id = ${act} ORDER BY f.field`);
	assert.deepEqual(pre.map((r) => r[0]), ['birth_date', 'family_name', 'given_names', 'sex']);
	assert.ok(pre.every((r) => r[2] === 'identity' && r[3] === '0'));
	assert.equal(pre.find((r) => r[0] === 'family_name')[1], `${tag}Haddad`);

	// Two sources: a PNG scan of the passport, a PDF birth certificate.
	let r = await upload(d, act, 'Passport', 'passport.png', 'image/png', PNG);
	assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
	const pdf = makePdf(Buffer.from('0 0 m 300 300 l S 20 20 260 40 re f\n'));
	r = await upload(d, act, 'Birth certificate', 'acte.pdf', 'application/pdf', pdf);
	assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
	assert.deepEqual(actRow(act).slice(0, 1), ['preparation'], 'the first edit starts the preparation');
	const passport = sourceId(act, 'Passport');
	const certificate = sourceId(act, 'Birth certificate');
	assert.equal(sql(`SELECT pages FROM civil_source WHERE id = ${certificate}`)[0][0], '1');
	const img = await get(INTRANET, `/civil/${act}/sources/${passport}/pages/1`, { jar: d.jar });
	assert.equal(img.status, 200);
	assert.equal(img.headers.get('content-type'), 'image/png');
	const rendered = await request(INTRANET, `/civil/${act}/sources/${certificate}/pages/1`, { jar: d.jar });
	assert.equal(rendered.status, 200);
	assert.equal(rendered.headers.get('content-type'), 'image/png');
	const bytes = Buffer.from(await (await fetch(new URL(`/civil/${act}/sources/${certificate}/pages/1`, INTRANET), { headers: { Cookie: d.jar.header() } })).arrayBuffer());
	assert.ok(bytes.subarray(0, 4).equals(PNG_MAGIC), 'the PDF page is a PNG rendered by pdftoppm');
	assert.equal((await get(INTRANET, `/civil/${act}/sources/${certificate}/pages/2`, { jar: d.jar })).status, 404);
	assert.equal((await get(INTRANET, `/civil/${act}/sources/${passport}/pages/1`, { jar: v.jar })).status, 200);

	// The values each source gives; they disagree.
	assert.equal((await found(d, act, 'family_name', passport, 'HADDAD', { page: '1', rect: '10,60,40,8' })).status, 303);
	assert.equal((await found(d, act, 'family_name', certificate, 'الحداد', { page: '1', rect: '5,10,50,6' })).status, 303);
	assert.equal((await found(d, act, 'birth_date', passport, '04.03.1990')).status, 303);
	assert.equal((await found(d, act, 'birth_date', certificate, '1410-07-07 (Hijri)')).status, 303);
	assert.equal((await found(d, act, 'spouse1', passport, 'x')).status, 422, 'a field a birth act does not have');
	assert.equal((await found(d, act, 'family_name', passport, 'x', { rect: '90,90,20,20' })).status, 422, 'a box off the page');
	assert.equal((await found(d, act, 'family_name', passport, 'x', { page: '2' })).status, 422, 'a page the source does not have');
	let page = await get(INTRANET, `/civil/${act}`, { jar: d.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, /<tr class="differs"><td><bdi>Passport<\/bdi><\/td><td dir="ltr">p. 1 \[10,60,40,8\]<\/td><td><bdi>HADDAD<\/bdi>/, 'a value different from the chosen one is marked');
	assert.match(page.text, /<img class="wb-page" src="\/civil\/\d+\/sources\/\d+\/pages\/1" alt="Birth certificate, page 1">/);

	// The chosen name: original script and Latin letters, with a reason
	// since the sources differ.
	r = await choose(d, act, 'family_name', { value: 'الحداد', latin: 'Al-Haddad', source: certificate, page: '1', rect: '5,10,50,6' });
	assert.equal(r.status, 422, 'no reason while the sources differ');
	assert.match(textOf(r.text), /The sources differ for this field: give the reason/);
	r = await choose(d, act, 'family_name', { value: 'الحداد', source: certificate, reason: 'x' });
	assert.equal(r.status, 422, 'a name needs its Latin form');
	const nameReason = 'The birth certificate is the civil source; the passport drops the article';
	r = await choose(d, act, 'family_name', { value: 'الحداد', latin: 'Al-Haddad', source: certificate, page: '1', rect: '5,10,50,6', reason: nameReason });
	assert.equal(r.status, 303);
	assert.equal((await choose(d, act, 'birth_date', { value: '1990-13-04', source: passport, reason: 'x' })).status, 422, 'not a date');
	const dateReason = '7 Sha\'ban 1410 AH is 4 March 1990; the passport agrees';
	assert.equal((await choose(d, act, 'birth_date', { value: '1990-03-04', source: certificate, page: '1', reason: dateReason })).status, 303);
	assert.equal((await choose(d, act, 'sex', { value: 'Q', source: passport })).status, 422);
	// A refused form names its fields, and the summary's links reach them.
	r = await choose(d, act, 'birth_place', { value: '', source: passport });
	assert.equal(r.status, 422);
	assert.match(r.text, /<a href="#f-value">/);
	assert.match(r.text, /<div class="wb-field" id="field-birth_place">[^]*id="f-value"[^]*<\/form>/);
	assert.equal((r.text.match(/id="f-value"/g) ?? []).length, 1, 'one field with that id');

	// Not every field has a value yet: verification refused.
	r = await submit(d, act);
	assert.equal(r.status, 422);
	assert.match(textOf(r.text), /Every field of the act needs a chosen value/);
	const decl = await send(d, `/civil/${act}/declarations`, { title: 'Declaration of the mother', declarant: 'Fatima Haddad', statement: 'Born at the district hospital of Homs; father Youssef.' });
	assert.equal(decl.status, 303);
	const declaration = sourceId(act, 'Declaration of the mother');
	assert.equal((await choose(d, act, 'birth_place', { value: 'Homs', source: declaration })).status, 303);
	assert.equal((await choose(d, act, 'father', { value: 'يوسف الحداد', latin: 'Youssef Al-Haddad', source: declaration })).status, 303);
	assert.equal((await choose(d, act, 'mother', { value: 'فاطمة', latin: 'Fatima', source: declaration })).status, 303);
	assert.equal((await submit(d, act)).status, 303);
	assert.equal(actRow(act)[0], 'verification');

	// In verification the draft is frozen.
	r = await choose(d, act, 'birth_place', { value: 'Aleppo', source: declaration });
	assert.equal(r.status, 409);
	assert.match(textOf(r.text), /This act is in verification/);

	// The second officer sends it back with a comment on one field.
	assert.equal((await review(v, act, 'return')).status, 422, 'sending back needs a comment');
	r = await review(v, act, 'return', { c_birth_place: 'Give the district as well' });
	assert.equal(r.status, 303);
	assert.equal(actRow(act)[0], 'preparation');
	assert.deepEqual(sql(`SELECT c.field, c.comment FROM civil_review_comment c JOIN civil_review r ON r.id = c.review_id WHERE r.act_id = ${act}`), [['birth_place', 'Give the district as well']]);
	page = await get(INTRANET, `/civil/${act}`, { jar: d.jar });
	assert.match(textOf(page.text), /Verifier's comment: Give the district as well/);
	assert.equal((await choose(d, act, 'birth_place', { value: 'Homs, Al-Waer district', source: declaration })).status, 303);
	assert.equal((await submit(d, act)).status, 303);

	// The verifier validates: established, the version kept whole.
	r = await review(v, act, 'validate', { c_family_name: 'Checked against the certificate' });
	assert.equal(r.status, 303);
	assert.deepEqual(actRow(act).slice(0, 1), ['established']);
	const kept = JSON.parse(sql(`SELECT fields FROM civil_act_version WHERE act_id = ${act} AND number = 1`)[0][0]);
	assert.equal(kept.family_name.value, 'الحداد');
	assert.equal(kept.family_name.latin, 'Al-Haddad');
	assert.equal(kept.family_name.reason, nameReason);
	assert.equal(kept.family_name.source_title, 'Birth certificate');
	assert.equal(kept.family_name.rect, '5,10,50,6');
	assert.equal(kept.birth_date.value, '1990-03-04');
	assert.equal(kept.birth_date.reason, dateReason);
	assert.equal(kept.birth_place.value, 'Homs, Al-Waer district');
	assert.equal(kept.birth_place.source_title, 'Declaration of the mother');
	assert.equal(sql(`SELECT COUNT(*) FROM civil_found WHERE act_id = ${act}`)[0][0], '4', 'the values read stay beside the act');
	page = textOf((await get(INTRANET, `/civil/${act}`, { jar: v.jar })).text);
	assert.ok(page.includes(nameReason) && page.includes(dateReason), 'the page shows the reasons');
	assert.match(page, /Version 1, Established on/);
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity = 'civil_act' AND entity_id = '${act}' AND action = 'validate'`)[0][0], '1');

	// An established act refuses every edit outside an amendment.
	for (const res of [
		await choose(d, act, 'birth_place', { value: 'Aleppo', source: declaration }),
		await found(d, act, 'birth_place', declaration, 'Aleppo'),
		await upload(d, act, 'Late scan', 'late.png', 'image/png', PNG),
		await send(d, `/civil/${act}/declarations`, { title: 'Late', declarant: 'X', statement: 'Y' }),
	]) {
		assert.equal(res.status, 409);
		assert.match(textOf(res.text), /This act is established: it changes only through an amendment/);
	}
	assert.equal(sql(`SELECT value FROM civil_field WHERE act_id = ${act} AND field = 'birth_place'`)[0][0], 'Homs, Al-Waer district');
	assert.equal((await review(v, act, 'validate')).status, 409, 'not in verification any more');
});

test('four eyes: whoever drafted an act cannot validate it, whatever their roles; the check is on the server', async () => {
	const d = await session(drafter);
	const v = await session(verifier);
	const reg = await session(registrar, '/identity');
	const personId = await createPerson(reg, { family_name: `${tag}Nasser`,
		given_names: 'Omar', sex: 'M', birth_date: '1985-00-00' });
	const act = await openAct(d, personId, 'death');
	const src = sql(`SELECT id FROM civil_source WHERE act_id = ${act} AND kind = 'identity'`)[0][0];
	for (const [f, value] of [['birth_place', 'Kabul'], ['death_date', '2024-05-01'], ['death_place', 'Calais']])
		assert.equal((await choose(d, act, f, { value, source: src })).status, 303, f);
	assert.equal((await submit(d, act)).status, 303);
	assert.equal(actRow(act)[0], 'verification');

	// The drafter (an administrator too) tries to validate.
	let r = await review(d, act, 'validate');
	assert.equal(r.status, 403);
	assert.match(textOf(r.text), /You drafted this act: a second officer must verify it/);
	assert.equal(actRow(act)[0], 'verification');
	assert.equal(sql(`SELECT COUNT(*) FROM civil_review WHERE act_id = ${act}`)[0][0], '0');
	assert.equal(sql(`SELECT COUNT(*) FROM civil_act_version WHERE act_id = ${act}`)[0][0], '0');

	// An officer who only chose one value is a drafter too.
	r = await review(v, act, 'return', { c_death_place: 'Which commune exactly?' });
	assert.equal(r.status, 303);
	assert.equal((await choose(v, act, 'death_place', { value: 'Calais (Pas-de-Calais)', source: src })).status, 303);
	assert.equal((await submit(d, act)).status, 303);
	r = await review(v, act, 'validate');
	assert.equal(r.status, 403, 'the verifier chose a value of this version');
	// A stale version is refused with the page, not applied.
	r = await send(v, `/civil/${act}/review`, { decision: 'validate', version: '1' });
	assert.ok(r.status === 409 || r.status === 403);
	// Someone who needs no civil.sign... has none: the route refuses.
	r = await send(reg, `/civil/${act}/review`, { decision: 'validate', version: actRow(act)[1] });
	assert.equal(r.status, 403);
	// A third officer, who drafted nothing, validates.
	const third = makeAgent('cvthird', ['civil_status_officer']);
	const t = await session(third);
	assert.equal((await review(t, act, 'validate')).status, 303);
	assert.equal(actRow(act)[0], 'established');
});

test('an amendment keeps the previous version whole; mentions go on established acts only', async () => {
	assert.ok(state.act, 'the first test established an act');
	const act = state.act;
	const d = await session(drafter);
	const v = await session(verifier);
	let r = await send(d, `/civil/${act}/mentions`, { kind: 'marriage', on_date: '2015-06-20', text: 'Married Karim Saleh at Lyon' });
	assert.equal(r.status, 303);
	r = await send(d, `/civil/${act}/amend`, { reason: '', version: actRow(act)[1] });
	assert.equal(r.status, 422, 'an amendment needs its reason');
	const amendReason = 'Judgment of 3 May 2025 corrected the given names';
	r = await send(d, `/civil/${act}/amend`, { reason: amendReason, version: actRow(act)[1] });
	assert.equal(r.status, 303);
	assert.deepEqual(actRow(act).slice(0, 1), ['amended']);
	assert.equal(actRow(act)[2], '2');
	r = await send(d, `/civil/${act}/mentions`, { kind: 'divorce', on_date: '2020-01-10', text: 'x' });
	assert.equal(r.status, 409, 'no mention while the amendment is open');
	const src = sql(`SELECT id FROM civil_source WHERE act_id = ${act} AND kind = 'identity'`)[0][0];
	assert.equal((await choose(d, act, 'given_names', { value: 'أمينة مريم', latin: 'Amina Mariam', source: src, reason: amendReason })).status, 303);
	assert.equal((await submit(d, act)).status, 303);
	assert.equal((await review(v, act, 'validate')).status, 303);
	assert.equal(actRow(act)[0], 'established');
	const versions = sql(`SELECT number, fields, COALESCE(amend_reason, '') FROM civil_act_version WHERE act_id = ${act} ORDER BY number`);
	assert.equal(versions.length, 2);
	const v1 = JSON.parse(versions[0][1]);
	const v2 = JSON.parse(versions[1][1]);
	assert.equal(v1.given_names.value, 'Amina', 'version 1 kept as established');
	assert.equal(v2.given_names.value, 'أمينة مريم');
	assert.equal(v2.given_names.latin, 'Amina Mariam');
	assert.equal(v1.family_name.value, v2.family_name.value);
	assert.equal(versions[0][2], '');
	assert.equal(versions[1][2], amendReason);
	const page = textOf((await get(INTRANET, `/civil/${act}`, { jar: d.jar })).text);
	assert.match(page, /Version 2, Established on .*Reason for the amendment: Judgment of 3 May 2025/);
	assert.match(page, /Version 1, Established on/);
	assert.ok(page.includes('Married Karim Saleh at Lyon'), 'the mention stays on the act');
});

test('a source that is not PDF, JPEG or PNG is refused and nothing is kept', async () => {
	const d = await session(drafter);
	const reg = await session(registrar, '/identity');
	const personId = await createPerson(reg, { family_name: `${tag}Karimi`,
		given_names: 'Reza', sex: 'M', birth_date: '1979-11-02' });
	const act = await openAct(d, personId);
	const before = sql("SELECT COUNT(*) FROM stored_file WHERE purpose LIKE 'civil.%'")[0][0];
	const cases = [
		['scan.gif', 'image/gif', Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1')],
		['evil.pdf', 'application/pdf', Buffer.from('#!/bin/sh\necho not a pdf\n')],
		['page.html', 'text/html', Buffer.from('<html><script>alert(1)</script></html>')],
		['archive.zip', 'application/zip', Buffer.from('504b0506000000000000000000000000000000000000', 'hex')],
	];
	for (const [name, type, bytes] of cases) {
		const r = await upload(d, act, `Bad ${name}`, name, type, bytes);
		assert.equal(r.status, 422, name);
		assert.match(textOf(r.text), /Only PDF, JPEG and PNG files are accepted/, name);
	}
	assert.equal(sql(`SELECT COUNT(*) FROM civil_source WHERE act_id = ${act} AND kind = 'document'`)[0][0], '0');
	assert.equal(sql("SELECT COUNT(*) FROM stored_file WHERE purpose LIKE 'civil.%'")[0][0], before);
	state.plainAct = act;
});

test('a hostile PDF is refused within the renderer\'s limits while the program keeps serving', { timeout: 120000 }, async () => {
	assert.ok(state.plainAct, 'the previous test opened an act');
	const act = state.plainAct;
	const d = await session(drafter);
	const v = await session(verifier);
	// The renderer's private folders: $TMPDIR, else /tmp, as the programs
	// (started from the same environment) read it (render.c).
	const tmpDir = process.env.TMPDIR?.startsWith('/') ? process.env.TMPDIR : '/tmp';
	const renderDirs = () => new Set(readdirSync(tmpDir).filter((n) => n.startsWith('havre-render-')));
	const dirsBefore = renderDirs();
	const before = sql("SELECT COUNT(*) FROM stored_file WHERE purpose LIKE 'civil.%'")[0][0];

	// A broken PDF (libmagic says PDF; pdftoppm cannot read it).
	let r = await upload(d, act, 'Broken', 'broken.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));
	assert.equal(r.status, 422);
	assert.match(textOf(r.text), /This PDF could not be shown within the limits/);

	// A decompression bomb: 330 KB inflating to 140 MB of filled paths,
	// minutes of rendering: the renderer is killed at its limits.
	const pattern = '0 0 m 300 300 l 0 300 l h f\n';
	const bomb = makePdf(Buffer.alloc(pattern.length * 5000000, pattern), true);
	assert.ok(bomb.length < 1024 * 1024, `the bomb is small (${bomb.length} bytes)`);
	const started = Date.now();
	const pending = upload(d, act, 'Bomb', 'bomb.pdf', 'application/pdf', bomb);
	// Meanwhile the program answers other requests.
	await new Promise((res) => setTimeout(res, 1500));
	for (let i = 0; i < 3; i++) {
		const t = Date.now();
		const other = await get(INTRANET, '/civil', { jar: v.jar });
		assert.equal(other.status, 200, 'the program keeps serving');
		assert.ok(Date.now() - t < 5000, `answered in ${Date.now() - t} ms`);
	}
	r = await pending;
	const took = Date.now() - started;
	assert.equal(r.status, 422);
	assert.match(textOf(r.text), /This PDF could not be shown within the limits/);
	// Civil.RenderSeconds is 10 (the wall limit 12 s); allow the box's load.
	assert.ok(took < 40000, `refused in ${took} ms`);
	assert.equal(sql(`SELECT COUNT(*) FROM civil_source WHERE act_id = ${act} AND kind = 'document'`)[0][0], '0');
	assert.equal(sql("SELECT COUNT(*) FROM stored_file WHERE purpose LIKE 'civil.%'")[0][0], before, 'nothing kept of a refused upload');
	assert.deepEqual([...renderDirs()].filter((n) => !dirsBefore.has(n)), [], 'no plain copy left behind');
	const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
	assert.ok(!ps.split('\n').some((l) => l.includes('pdftoppm') && l.includes('havre-render-')), 'the renderer is gone');

	// And the same worker pool still serves, uploads included.
	assert.equal((await get(INTRANET, `/civil/${act}`, { jar: d.jar })).status, 200);
	r = await upload(d, act, 'Good scan', 'good.png', 'image/png', PNG);
	assert.equal(r.status, 303);
});

test('the backlog for supervisors: acts by status, open ones by age and officer, p50/p90 from request to establishment, as SVG charts, tables and CSV', async () => {
	const boss = makeAgent('cvboss', ['supervisor']);
	const { jar } = await login(boss.username, boss.password);
	const r = await get(INTRANET, '/civil/backlog', { jar });
	assert.equal(r.status, 200);
	const text = textOf(r.text);
	for (const id of ['time', 'status', 'age', 'officer'])
		assert.match(r.text, new RegExp(`<svg class="chart" viewBox="0 0 640 \\d+" role="img" aria-labelledby="${id}-t ${id}-d"`), `chart ${id}`);
	// The figures against the database (nearest-rank percentiles).
	const counts = Object.fromEntries(sql('SELECT status, COUNT(*) FROM civil_act GROUP BY status'));
	const csv = await get(INTRANET, '/civil/backlog/export?table=status', { jar });
	assert.equal(csv.status, 200);
	assert.match(csv.headers.get('content-type'), /^text\/csv/);
	assert.match(csv.headers.get('content-disposition'), /^attachment; filename="civil-backlog-status\.csv"/);
	const rows = csv.text.trim().split('\r\n').map((l) => l.split(','));
	assert.deepEqual(rows[0], ['status', 'acts']);
	for (const [status, n] of rows.slice(1))
		assert.equal(n, counts[status] ?? '0', status);
	assert.ok(Number(counts.established) >= 2, 'the earlier tests established acts');
	// Spread the request dates so that the percentiles mean something.
	sql('UPDATE civil_act SET requested_at = established_at - INTERVAL (id % 37) DAY WHERE established_at IS NOT NULL');
	const days = sql('SELECT DATEDIFF(established_at, requested_at) AS d FROM civil_act WHERE established_at IS NOT NULL ORDER BY d').map((x) => Number(x[0]));
	const rank = (p) => days[Math.max(1, Math.ceil(days.length * p / 100)) - 1];
	const time = (await get(INTRANET, '/civil/backlog/export?table=time', { jar })).text.trim().split('\r\n');
	assert.deepEqual(time, ['established,p50_days,p90_days', `${days.length},${rank(50)},${rank(90)}`]);
	// Open requests by age: one of ours requested 400 days ago.
	sql(`UPDATE civil_act SET requested_at = UTC_TIMESTAMP(6) - INTERVAL 400 DAY WHERE id = ${state.plainAct}`);
	const open = Number(sql("SELECT COUNT(*) FROM civil_act WHERE status <> 'established'")[0][0]);
	const old = Number(sql("SELECT COUNT(*) FROM civil_act WHERE status <> 'established' AND DATEDIFF(UTC_TIMESTAMP(), requested_at) > 365")[0][0]);
	const ages = (await get(INTRANET, '/civil/backlog/export?table=age', { jar })).text.trim().split('\r\n').map((l) => l.split(','));
	assert.deepEqual(ages.map((a) => a[0]), ['age_days', '0-30', '31-90', '91-180', '181-365', '366+']);
	assert.equal(ages.slice(1).reduce((s, a) => s + Number(a[1]), 0), open);
	assert.equal(ages[5][1], String(old));
	assert.ok(old >= 1);
	const officers = (await get(INTRANET, '/civil/backlog/export?table=officer', { jar })).text;
	assert.match(officers, new RegExp(`Agent ${drafter.username},\\d+`), 'the drafter has open requests');
	assert.ok(text.includes('Time from request to establishment'));
	// Officers without civil.backlog do not see it.
	const d = await session(verifier);
	assert.equal((await get(INTRANET, '/civil/backlog', { jar: d.jar })).status, 403);
	assert.ok(!(await get(INTRANET, '/civil', { jar: d.jar })).text.includes('/civil/backlog'));
});

test('requests are opened from the person\'s record and from a case file', async () => {
	const d = await session(drafter);
	const reg = await session(registrar, '/identity');
	const page = await get(INTRANET, `/identity/persons/${state.personId}`, { jar: d.jar });
	assert.equal(page.status, 200);
	assert.ok(page.text.includes(`href="/civil/new?person=${state.personId}"`), 'a link on the person\'s record');
	const noLink = await get(INTRANET, `/identity/persons/${state.personId}`, { jar: reg.jar });
	assert.ok(!noLink.text.includes('/civil/new'), 'not for an agent without civil.draft');
	// A dossier of the person: the request names its principal.
	const proc = sql("SELECT id FROM wf_procedure WHERE code = 'regular'")[0][0];
	let r = await send(d, '/dossier', { person_id: state.personId, procedure_id: proc });
	assert.equal(r.status, 303, textOf(r.text).slice(0, 200));
	const dossier = /\/dossier\/(\d+)$/.exec(r.headers.get('location'))[1];
	assert.ok((await get(INTRANET, `/dossier/${dossier}`, { jar: d.jar })).text.includes(`href="/civil/new?dossier=${dossier}"`));
	const form = await get(INTRANET, `/civil/new?dossier=${dossier}`, { jar: d.jar });
	assert.equal(form.status, 200);
	assert.ok(textOf(form.text).includes(`${tag}Haddad, Amina`), 'the principal applicant');
	assert.match(form.text, new RegExp(`name="dossier" value="${dossier}"`));
	r = await send(d, '/civil', { kind: 'marriage', person: state.personId, dossier });
	assert.equal(r.status, 303);
	const act = /\/civil\/(\d+)$/.exec(r.headers.get('location'))[1];
	assert.equal(sql(`SELECT dossier_id, kind FROM civil_act WHERE id = ${act}`)[0].join(), `${dossier},marriage`);
	// A marriage act has no pre-filled field from the record.
	assert.equal(sql(`SELECT COUNT(*) FROM civil_field WHERE act_id = ${act}`)[0][0], '0');
});

// tests/browser/civil-issue.test.mjs: issuing and revoking documents in
// havre-civil in a real browser: an officer issues an attestation from
// the person's documents page (type, validity date, language), opens
// the document, revokes it through the confirmation page (a refused
// empty reason, then "revoke and issue a new one"), and lands on the new
// document naming the one it replaces; every page axe-core clean and
// fitting the screen, in English on a laptop and in Arabic (rtl) on a
// phone. No JavaScript is needed on these pages: the confirmation is a
// page of its own.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { admin, csrfOf, createPerson, get, login, makeAgent, sql }
	from '../http/lib.mjs';
import { INTRANET, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
const agent = makeAgent('briss', ['civil_status_officer', 'registrar']);
const family = `Ci${process.pid}`.replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
let person;

before(async () => {
	browser = await launch();
	// a key in force (the newest valid key signs)
	const k = admin(['keys', 'new']);
	assert.equal(k.status, 0, k.stderr);
	const { jar } = await login(agent.username, agent.password);
	const s = { jar, csrf: csrfOf((await get(INTRANET, '/identity', { jar })).text) };
	person = await createPerson(s, { family_name: family,
		given_names: 'Samir', sex: 'M', birth_date: '1988-02-11' });
});

after(async () => {
	await browser?.close();
});

async function accessible(page, what) {
	const v = await axe(page);
	assert.equal(v.length, 0, `${what}:\n${describeViolations(v)}`);
}

async function fits(page, what) {
	const wide = await page.evaluate(() =>
		document.documentElement.scrollWidth > window.innerWidth + 1);
	assert.equal(wide, false, `${what} fits the screen`);
}

async function signIn(context, lang) {
	const page = await context.newPage();
	await page.goto(`${INTRANET}/login?lang=${lang}`);
	await page.fill('#f-username', agent.username);
	await page.fill('#f-password', agent.password);
	await Promise.all([page.waitForURL(/\/dashboard$/),
		page.click('main button[type=submit]')]);
	return page;
}

const inDays = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
let revokedId;

test('issue an attestation, revoke it through the confirmation page and re-issue it (en, 1280px)', async () => {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en' });
	try {
		const page = await signIn(context, 'en');
		// From the person's record to their civil-status documents.
		await page.goto(`${INTRANET}/identity/persons/${person}`);
		await Promise.all([page.waitForURL(new RegExp(`/civil/persons/${person}/documents$`)),
			page.getByRole('link', { name: 'Civil-status documents and attestations' }).click()]);
		assert.equal(await page.locator('h1').innerText(), 'Civil-status documents issued for this person');
		await accessible(page, 'documents of a person');
		await fits(page, 'documents of a person');
		await screenshot(page, 'civil-issue-person-en-1280');

		// The attestation form: type, validity, language.
		await page.getByLabel('Attestation: civil status being established').check();
		await page.fill('#f-valid_until', inDays(90));
		await page.selectOption('#f-lang', 'ar');
		await Promise.all([page.waitForURL(/\/civil\/documents\/\d+$/),
			page.getByRole('button', { name: 'Issue the document' }).click()]);
		const first = /\/civil\/documents\/(\d+)$/.exec(page.url())[1];
		assert.match(await page.locator('.flash').first().innerText(), /The document is issued and signed/);
		assert.equal(await page.locator('#doc-status').getAttribute('data-status'), 'valid');
		const serial = (await page.locator('h1 .ref').innerText()).trim();
		assert.match(serial, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		assert.equal(sql(`SELECT doc_type, lang, valid_until FROM issued_document WHERE id = ${first}`)[0].join(' '), `AE ar ${inDays(90)}`);
		assert.ok(await page.locator('#doc-pdf').isVisible(), 'the PDF is offered to a civil officer');
		await accessible(page, 'an issued document');
		await fits(page, 'an issued document');

		// The confirmation page: nothing happens without a reason.
		await Promise.all([page.waitForURL(/\/revoke$/),
			page.getByRole('link', { name: 'Revoke or re-issue…' }).click()]);
		assert.equal(await page.locator('#revoke-h').innerText(), 'Revoke this document?');
		await accessible(page, 'the revocation question');
		await fits(page, 'the revocation question');
		await screenshot(page, 'civil-issue-revoke-en-1280');
		await page.getByRole('button', { name: 'Revoke', exact: true }).click();
		await page.waitForSelector('.form-summary');
		assert.equal(sql(`SELECT revoked_at IS NULL FROM issued_document WHERE id = ${first}`)[0][0], '1', 'not revoked without a reason');
		assert.equal(await page.locator('#f-reason').getAttribute('aria-invalid'), 'true');
		await accessible(page, 'the revocation refused');

		// Revoke and issue a new one.
		await page.fill('#f-reason', 'The validity date was wrong');
		await Promise.all([page.waitForURL((u) => /\/civil\/documents\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${first}`)),
			page.getByRole('button', { name: 'Revoke and issue a new one' }).click()]);
		const fresh = /\/civil\/documents\/(\d+)$/.exec(page.url())[1];
		assert.match(await page.locator('.flash').first().innerText(), /The old document is revoked and this new one issued in its place/);
		assert.equal(await page.getByRole('link', { name: serial }).count(), 1, 'the new document names the one it replaces');
		const old = sql(`SELECT revoke_reason, replaced_by FROM issued_document WHERE id = ${first}`)[0];
		assert.deepEqual(old, ['The validity date was wrong', fresh]);
		await accessible(page, 'the re-issued document');

		// The old one shows as revoked, with its reason.
		await page.getByRole('link', { name: serial }).click();
		await page.waitForURL(new RegExp(`/civil/documents/${first}$`));
		assert.equal(await page.locator('#doc-status').getAttribute('data-status'), 'revoked');
		assert.equal(await page.locator('#revoke-reason').innerText(), 'The validity date was wrong');
		assert.equal(await page.locator('#doc-revoke').count(), 0, 'a revoked document offers no revocation');
		revokedId = first;
	} finally {
		await context.close();
	}
});

test('the documents pages in Arabic on a phone (rtl, 390px)', async () => {
	assert.ok(revokedId, 'the first test issued and revoked');
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ar' });
	try {
		const page = await signIn(context, 'ar');
		await page.goto(`${INTRANET}/civil/persons/${person}/documents?lang=ar`);
		assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
		const rows = page.locator('#issued-documents tbody tr');
		assert.equal(await rows.count(), 2);
		assert.deepEqual(await rows.evaluateAll((r) => r.map((e) => e.dataset.status)), ['valid', 'revoked']);
		await accessible(page, 'documents of a person (ar)');
		await fits(page, 'documents of a person (ar)');
		await screenshot(page, 'civil-issue-person-ar-390');
		await page.goto(`${INTRANET}/civil/documents/${revokedId}?lang=ar`);
		assert.equal(await page.locator('#doc-status').innerText(), 'ملغاة');
		await accessible(page, 'a revoked document (ar)');
		await fits(page, 'a revoked document (ar)');
	} finally {
		await context.close();
	}
});

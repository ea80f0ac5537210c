// tests/browser/dataprotection.test.mjs: the data-protection pages in a
// real browser (issue 20): the rules and holds page, a rule's form, a
// hold's release form, a person's subject-access export, the access
// review and the persons' requests (list and one request) pass
// axe-core, in English on a laptop and in Arabic (rtl) on a phone, fit
// the phone's width except inside their scrolling tables, with
// screenshots.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { makeAgent, sql, uniqueName } from '../http/lib.mjs';
import { INTRANET, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
let person;
let hold;
let request;
let fresh;
const dpo = makeAgent('brdp', ['data_protection_officer']);

before(async () => {
	browser = await launch();
	const name = uniqueName('Dp');
	[[person]] = sql(`INSERT INTO person (family_name, given_names, sex,
		created_at, updated_at) VALUES ('${name}', 'Leyla', 'F',
		UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)); SELECT LAST_INSERT_ID();`);
	sql(`INSERT INTO person_document (person_id, doc_type, number,
		number_norm, created_at) VALUES (${person}, 'passport', 'X${person}',
		'X${person}', UTC_TIMESTAMP(6))`);
	[[hold]] = sql(`INSERT INTO legal_hold (kind, entity, entity_id, reason,
		placed_at, placed_by) VALUES ('litigation', 'person', ${person},
		'Test litigation', UTC_TIMESTAMP(6), 'test'); SELECT LAST_INSERT_ID();`);
	[[request]] = sql(`INSERT INTO subject_request (kind, person_id, requester,
		details, received_on, due_on, recorded_at, recorded_by) VALUES
		('rectification', ${person}, 'Leyla', 'My birth place is wrong',
		'2025-01-31', '2025-02-28', UTC_TIMESTAMP(6), 'test');
		SELECT LAST_INSERT_ID();`);
	// one in its first month: its page offers the extension's form too
	[[fresh]] = sql(`INSERT INTO subject_request (kind, person_id, requester,
		details, received_on, due_on, recorded_at, recorded_by) VALUES
		('access', ${person}, 'Leyla', 'All you hold about me', UTC_DATE(),
		UTC_DATE() + INTERVAL 1 MONTH, UTC_TIMESTAMP(6), 'test');
		SELECT LAST_INSERT_ID();`);
});

after(async () => {
	sql(`UPDATE legal_hold SET released_at = UTC_TIMESTAMP(6),
		released_by = 'test' WHERE id = ${hold} AND released_at IS NULL`);
	await browser?.close();
});

// Fail on any axe violation of the current page.
async function accessible(page, what) {
	const v = await axe(page);
	assert.equal(v.length, 0, `${what}:\n${describeViolations(v)}`);
}

for (const [lang, vp] of [['en', { width: 1280, height: 800 }],
	['ar', { width: 360, height: 780 }]]) {
	test(`data-protection pages (${lang}, ${vp.width}px)`, async () => {
		const context = await browser.newContext({ viewport: vp, locale: lang });
		const page = await context.newPage();
		try {
			await page.goto(`${INTRANET}/login?lang=${lang}`);
			await page.fill('#f-username', dpo.username);
			await page.fill('#f-password', dpo.password);
			await Promise.all([page.waitForURL(/\/dashboard$/),
				page.click('main button[type=submit]')]);
			for (const [path, what] of [
				['/dataprotection', 'rules and holds'],
				['/dataprotection/rules/booking_contact', 'a rule'],
				[`/dataprotection/holds/${hold}/release`, 'a release'],
				[`/identity/persons/${person}/export`, 'an export'],
				['/access-review?days=30&min=1', 'the access review'],
				['/dataprotection/requests', 'the requests'],
				[`/dataprotection/requests/${request}`, 'a request'],
				[`/dataprotection/requests/${fresh}`, 'a request in its first month']]) {
				const res = await page.goto(`${INTRANET}${path}`);
				assert.equal(res.status(), 200, path);
				assert.equal(await page.getAttribute('html', 'dir'),
					lang === 'ar' ? 'rtl' : 'ltr');
				await accessible(page, what);
				const wide = await page.evaluate(() =>
					document.documentElement.scrollWidth > window.innerWidth + 1);
				assert.equal(wide, false, `${what} fits the screen`);
				await screenshot(page, `dataprotection-${what.replace(/ /g, '-')}-${lang}-${vp.width}`);
			}
		} finally {
			await context.close();
		}
	});
}

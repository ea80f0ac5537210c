// tests/browser/verify.test.mjs: /verify on the public vhost in a real
// browser (havre-civil, issue 17 item 5): with JavaScript disabled a
// verifier types a serial and pastes a QR code's text and reads the
// verdicts; then, in Arabic on a 390px phone, every page of the public
// side (the form, the verdicts genuine, expired, revoked and not genuine,
// a refused serial, the published keys, the download form) is checked
// with axe-core and photographed. Documents are signed in node
// (tests/http/verify-fixture.mjs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { sql } from '../http/lib.mjs';
import {
	dayFromToday, issue, makeKey, makePerson, newSerial,
} from '../http/verify-fixture.mjs';
import { PUBLIC, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
let genuine, expired, revoked;

const FACTS = {
	type: 'EN', family: 'حداد', given: 'ليلى', familyLatin: 'HADDAD',
	givenLatin: 'LAYLA', birth: '1985-00-00', until: '',
};

before(async () => {
	browser = await launch();
	const key = makeKey();
	const person = makePerson(`Vbrowser${process.pid}`);
	await new Promise((r) => setTimeout(r, 1100));
	genuine = issue(key, person, FACTS);
	expired = issue(key, person, { ...FACTS, type: 'AE', until: dayFromToday(-2) });
	revoked = issue(key, person, FACTS);
	sql(`UPDATE issued_document SET revoked_at = UTC_TIMESTAMP(6),
		revoke_reason = 'test' WHERE id = ${revoked.id}`);
});

after(async () => {
	await browser?.close();
});

test('without JavaScript: a serial typed, a QR code text pasted, their verdicts', async () => {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 },
		locale: 'en', javaScriptEnabled: false });
	const page = await context.newPage();
	try {
		await page.goto(`${PUBLIC}/verify?lang=en`);
		// the serial as someone reads it aloud: lower case, spaces
		const raw = genuine.serial.replace(/-/g, '').toLowerCase();
		await page.fill('#f-serial', `${raw.slice(0, 6)} ${raw.slice(6)}`);
		await Promise.all([page.waitForLoadState('load'),
			page.getByRole('button', { name: 'Check the serial number' }).click()]);
		let text = await page.innerText('main');
		assert.match(text, /Genuine and valid/);
		assert.match(text, /Extract of a birth certificate/);
		assert.match(text, /HADDAD LAYLA/);
		assert.match(text, /Date of birth\s+1985\b/);
		assert.match(text, /no end date/);
		await screenshot(page, 'verify-serial-en-1280');
		// the QR code's text, pasted
		await page.fill('#f-payload', expired.payload);
		await Promise.all([page.waitForLoadState('load'),
			page.getByRole('button', { name: 'Check the QR code' }).click()]);
		text = await page.innerText('main');
		assert.match(text, /Genuine, but expired/);
		assert.match(text, /civil status is being established/);
		await page.fill('#f-payload', revoked.payload.replace('LAYLA', 'LEILA'));
		await Promise.all([page.waitForLoadState('load'),
			page.getByRole('button', { name: 'Check the QR code' }).click()]);
		text = await page.innerText('main');
		assert.match(text, /Not genuine/);
		assert.doesNotMatch(text, /LEILA/);
	} finally {
		await context.close();
	}
});

test('Arabic on a 390px phone: every public page of issued documents passes axe-core', async () => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 },
		locale: 'ar', javaScriptEnabled: true });
	const page = await context.newPage();
	const check = async (what, shot) => {
		assert.equal(await page.getAttribute('html', 'dir'), 'rtl', what);
		assert.equal(await page.getAttribute('html', 'lang'), 'ar', what);
		const v = await axe(page);
		assert.equal(v.length, 0, `${what}:\n${describeViolations(v)}`);
		// nothing wider than the phone
		const wide = await page.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(wide <= 390, `${what}: ${wide}px wide`);
		await screenshot(page, shot);
	};
	try {
		await page.goto(`${PUBLIC}/verify?lang=ar`);
		await check('the form', 'verify-form-ar-390');
		for (const [d, word, shot] of [[genuine, 'أصلية وسارية', 'valid'],
			[expired, 'أصلية لكنها منتهية الصلاحية', 'expired'],
			[revoked, 'ملغاة', 'revoked']]) {
			await page.goto(`${PUBLIC}/verify?serial=${d.serial}`);
			assert.match(await page.innerText('main'), new RegExp(word));
			await check(`verdict ${shot}`, `verify-${shot}-ar-390`);
		}
		await page.goto(`${PUBLIC}/verify?serial=${newSerial()}`);
		assert.match(await page.innerText('main'), /غير أصلية/);
		await check('unknown serial', 'verify-unknown-ar-390');
		await page.goto(`${PUBLIC}/verify?serial=abc`);
		assert.match(await page.innerText('main'), /هذا ليس رقماً تسلسلياً/);
		await check('refused serial', 'verify-refused-ar-390');
		await page.fill('#f-payload', genuine.payload);
		await Promise.all([page.waitForLoadState('load'),
			page.getByRole('button', { name: 'التحقق من رمز QR' }).click()]);
		assert.match(await page.innerText('main'), /أصلية وسارية/);
		await check('verdict of a payload', 'verify-payload-ar-390');
		await page.goto(`${PUBLIC}/verify/keys`);
		await check('the keys', 'verify-keys-ar-390');
		await page.goto(`${PUBLIC}/verify/collect/${genuine.serial}`);
		await check('the download form', 'verify-collect-ar-390');
	} finally {
		await context.close();
	}
});

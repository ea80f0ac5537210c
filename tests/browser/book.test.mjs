// tests/browser/book.test.mjs: an applicant books an appointment in a
// real browser, without any script of ours: in Arabic (right to left)
// on a 390px phone, every step checked with axe-core and photographed,
// a field rejected on the way; then the same in Spanish on a 1280px
// laptop, ending with a cancellation. The test makes its own site,
// service and quota (the check database has no demo data).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { sql } from '../http/lib.mjs';
import { freshPhone, makeSite } from '../http/appointments-fixture.mjs';
import { PUBLIC, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
let S;

before(async () => {
	browser = await launch();
	S = makeSite({ needsDocument: true, capacity: { web: 3 } });
	sql(`INSERT INTO service_text (service_id, lang, name, documents) VALUES
		(${S.serviceId}, 'ar', 'تجديد تصريح الإقامة', 'جواز السفر\\nصورتان'),
		(${S.serviceId}, 'es', 'Renovación del permiso', 'Pasaporte\\nDos fotos');
	DELETE FROM rate_hit WHERE bucket = 'book_confirm'`);
});

after(async () => {
	await browser?.close();
});

// Fail on any axe violation of the current page.
async function accessible(page, what) {
	const v = await axe(page);
	assert.equal(v.length, 0, `${what}:\n${describeViolations(v)}`);
}

// Check, photograph, then follow the link or press the button matched.
async function step(page, name, shot, go) {
	await accessible(page, name);
	await screenshot(page, shot);
	if (go)
		await Promise.all([page.waitForLoadState('load'), go()]);
}

for (const [lang, vp, cancel] of [
	['ar', { width: 390, height: 844 }, false],
	['es', { width: 1280, height: 800 }, true]]) {
	test(`booking end to end (${lang}, ${vp.width}px)`, async () => {
		const context = await browser.newContext({ viewport: vp, locale: lang,
			javaScriptEnabled: true });
		const page = await context.newPage();
		const tag = `book-${lang}-${vp.width}`;
		try {
			await page.goto(`${PUBLIC}/book?lang=${lang}`);
			assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
			// Many offices (the test database): the applicant types the
			// office's name in the search field, as people do.
			if (await page.locator('#f-q').count() > 0) {
				await page.fill('#f-q', S.site);
				await Promise.all([page.waitForLoadState('load'),
					page.press('#f-q', 'Enter')]);
			}
			await step(page, 'offices', `${tag}-1-sites`, () =>
				page.click(`a[href="/book/service?site=${S.siteId}"]`));
			await step(page, 'services', `${tag}-2-services`, () =>
				page.click(`a[href*="service=${S.serviceId}"]`));
			await step(page, 'levels', `${tag}-3-levels`, () =>
				page.click(`a[href*="level=${S.levels.regular}"]`));
			// The calendar: a day with free places (this month or next).
			let day = page.locator('td.open a').first();
			if (await day.count() === 0) {
				await page.click('a[rel="next"]');
				day = page.locator('td.open a').first();
			}
			await step(page, 'calendar', `${tag}-4-calendar`, () => day.click());
			await step(page, 'times', `${tag}-5-times`, () =>
				page.locator('a.slot').first().click());
			// Details: a bad phone first, the message next to it.
			await accessible(page, 'details');
			await page.fill('#f-family_name', lang === 'ar' ? 'الحسن' : 'García');
			await page.fill('#f-given_names', lang === 'ar' ? 'خالد' : 'Lucía');
			await page.fill('#f-phone', '12');
			await page.fill('#f-document_number', `P${Date.now() % 1e8}`);
			await page.click('main form button[type=submit]');
			await page.locator('#e-phone').waitFor({ timeout: 5000 });
			assert.equal(await page.getAttribute('#f-phone', 'aria-invalid'), 'true');
			assert.equal(await page.inputValue('#f-family_name'), lang === 'ar' ? 'الحسن' : 'García');
			await step(page, 'details with an error', `${tag}-6-details-error`);
			await page.fill('#f-phone', freshPhone());
			await Promise.all([page.waitForLoadState('load'),
				page.click('main form button[type=submit]')]);
			await step(page, 'review', `${tag}-7-review`, () =>
				page.click('form[action="/book/confirm"] button[type=submit]'));
			// The confirmation: reference, QR code, documents.
			await page.waitForURL(/\/book\/manage\/[2-9A-Z]{8}$/);
			const ref = (await page.textContent('.ref .code')).trim();
			assert.match(ref, /^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
			assert.equal(await page.locator('svg.qr path').count(), 1);
			assert.match(await page.textContent('.docs'),
				lang === 'ar' ? /صورتان/ : /Dos fotos/);
			await step(page, 'confirmation', `${tag}-8-confirmation`);
			// The print layout hides the forms and the language links.
			await page.emulateMedia({ media: 'print' });
			assert.equal(await page.locator('.langs').isVisible(), false);
			await screenshot(page, `${tag}-9-print`);
			await page.emulateMedia({ media: 'screen' });
			// Moving it: the calendar and the day's times, then the
			// search form of "Manage my appointment".
			await Promise.all([page.waitForLoadState('load'),
				page.click('a[href$="/day"]')]);
			await step(page, 'move calendar', `${tag}-10-move-calendar`, () =>
				page.locator('td.open a').first().click());
			await step(page, 'move times', `${tag}-11-move-times`);
			// Issue 13.2: the pages of the move show the current day and
			// time; a tap on a time only asks "from ... to ...".
			const slotOf = () => sql(`SELECT slot_id FROM appointment
				WHERE reference = '${ref.replace('-', '')}'`)[0][0];
			const slotBefore = slotOf();
			assert.match(await page.innerText('main'), lang === 'ar' ? /موعدك الحالي/ : /Su cita actual/);
			await Promise.all([page.waitForLoadState('load'),
				page.locator('button.slot').first().click()]);
			await step(page, 'move question', `${tag}-11b-move-ask`);
			assert.equal(slotOf(), slotBefore, 'the tap on a time moves nothing');
			const moveAsk = await page.innerText('main');
			assert.match(moveAsk, lang === 'ar' ? /هل تريد تغيير موعدك؟/ : /¿Cambiar su cita\?/);
			assert.match(moveAsk, lang === 'ar' ? /اليوم والساعة الحاليان/ : /Día y hora actuales/);
			assert.match(moveAsk, lang === 'ar' ? /اليوم والساعة الجديدان/ : /Nuevo día y nueva hora/);
			assert.ok(await page.getByRole('button',
				{ name: lang === 'ar' ? 'نعم، غيّر موعدي' : 'Sí, cambiar mi cita' }).isVisible());
			await Promise.all([page.waitForLoadState('load'),
				page.getByRole('link', { name: lang === 'ar' ? 'احتفظ بموعدي الحالي' : 'Mantener mi hora actual' }).click()]);
			assert.equal(slotOf(), slotBefore, 'kept');
			assert.equal(await page.locator('svg.qr').count(), 1, 'still booked: the QR code');
			await page.goto(`${PUBLIC}/book/manage`);
			await step(page, 'manage form', `${tag}-12-manage`);
			await page.fill('#f-ref', ref);
			await page.fill('#f-phone', '0600000000');
			await Promise.all([page.waitForLoadState('load'),
				page.click('main form button[type=submit]')]);
			await step(page, 'manage, not found', `${tag}-13-manage-not-found`);
			await page.goto(`${PUBLIC}/book/manage/${ref.replace('-', '')}`);
			if (cancel) {
				// Issue 13.2: the first press asks, saying what will
				// happen; only "Yes, cancel" cancels; then neither the QR
				// code nor the documents to bring are shown.
				const status = () => sql(`SELECT status FROM appointment
					WHERE reference = '${ref.replace('-', '')}'`)[0][0];
				const before = status();
				await Promise.all([page.waitForLoadState('load'),
					page.click('form[action$="/cancel"] button[type=submit]')]);
				await step(page, 'cancel: the question', `${tag}-14-cancel-ask`);
				assert.equal(status(), before, 'the first press changes nothing');
				const ask = await page.innerText('main');
				assert.match(ask, /¿Anular esta cita\?/);
				assert.match(ask, /queda libre para otra persona/);
				assert.match(ask, /SMS/);
				assert.ok(await page.getByRole('button', { name: 'Sí, anular la cita' }).isVisible());
				assert.ok(await page.getByRole('link', { name: 'No, mantenerla' }).isVisible());
				await Promise.all([page.waitForLoadState('load'),
					page.getByRole('button', { name: 'Sí, anular la cita' }).click()]);
				await step(page, 'cancelled', `${tag}-15-cancelled`);
				assert.equal(status(), 'cancelled');
				assert.match(await page.innerText('main'), /anulada/);
				assert.equal(await page.locator('svg.qr').count(), 0, 'no QR code');
				assert.equal(await page.locator('.docs').count(), 0, 'no documents');
				assert.doesNotMatch(await page.innerText('main'), /Dos fotos/);
			}
		} finally {
			await context.close();
		}
	});
}

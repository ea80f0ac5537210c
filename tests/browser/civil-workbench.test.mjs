// tests/browser/civil-workbench.test.mjs: the civil-status workbench in a
// real browser: two source documents side by side on a laptop (a PNG
// scan, and a PDF's page rendered to an image), zoomed and rotated by
// their buttons; the values read in each source with the one that
// differs from the chosen value marked in words; a value chosen with its
// reason through the field's form; axe-core clean and fitting the screen
// in English on a laptop and in Arabic (rtl) on a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { csrfOf, createPerson, get, login, makeAgent, post, request, sql }
	from '../http/lib.mjs';
import { INTRANET, assertChartsReadable, axe, describeViolations, launch, screenshot } from './lib.mjs';

let browser;
const agent = makeAgent('brciv', ['civil_status_officer', 'registrar']);
const family = `Cw${process.pid}`.replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
let act;

// A one-page PDF drawing a few boxes (its cross-reference at the right
// offsets).
function makePdf() {
	const content = Buffer.from('0.2 g 20 200 260 60 re f 0 0 1 rg 40 40 120 80 re f\n');
	const parts = [];
	const offsets = [];
	let len = 0;
	const push = (s) => {
		const b = Buffer.isBuffer(s) ? s : Buffer.from(s, 'latin1');
		parts.push(b);
		len += b.length;
	};
	push('%PDF-1.4\n');
	const objs = ['<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R >>'];
	objs.forEach((o, i) => {
		offsets[i + 1] = len;
		push(`${i + 1} 0 obj\n${o}\nendobj\n`);
	});
	offsets[4] = len;
	push(`4 0 obj\n<< /Length ${content.length} >>\nstream\n`);
	push(content);
	push('\nendstream\nendobj\n');
	const xref = len;
	let x = 'xref\n0 5\n0000000000 65535 f \n';
	for (let i = 1; i <= 4; i++)
		x += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
	push(`${x}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
	return Buffer.concat(parts);
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

before(async () => {
	browser = await launch();
	const { jar } = await login(agent.username, agent.password);
	const s = { jar, csrf: csrfOf((await get(INTRANET, '/identity', { jar })).text) };
	const opts = { jar, headers: { Origin: INTRANET } };
	const person = await createPerson(s, { family_name: family,
		given_names: 'Layla', sex: 'F', birth_date: '1992-07-15' });
	let r = await post(INTRANET, '/civil', { csrf: s.csrf, kind: 'birth', person }, opts);
	assert.equal(r.status, 303);
	act = /\/civil\/(\d+)$/.exec(r.headers.get('location'))[1];
	for (const [title, name, type, bytes] of [
		['Passport scan', 'passport.png', 'image/png', PNG],
		['Birth certificate', 'acte.pdf', 'application/pdf', makePdf()]]) {
		const form = new FormData();
		form.append('csrf', s.csrf);
		form.append('title', title);
		form.append('file', new Blob([bytes], { type }), name);
		r = await request(INTRANET, `/civil/${act}/sources`, { method: 'POST', body: form, ...opts });
		assert.equal(r.status, 303, `upload ${name}`);
	}
	const src = (t) => sql(`SELECT id FROM civil_source WHERE act_id = ${act} AND title = '${t}'`)[0][0];
	for (const [source, value] of [[src('Passport scan'), 'LEILA'], [src('Birth certificate'), 'ليلى']]) {
		r = await post(INTRANET, `/civil/${act}/found`, { csrf: s.csrf, field: 'given_names',
			source, page: '1', value }, opts);
		assert.equal(r.status, 303);
	}
});

after(async () => {
	await browser?.close();
});

async function accessible(page, what) {
	const v = await axe(page);
	assert.equal(v.length, 0, `${what}:\n${describeViolations(v)}`);
}

async function fits(page) {
	const wide = await page.evaluate(() =>
		document.documentElement.scrollWidth > window.innerWidth + 1);
	assert.equal(wide, false, 'fits the screen');
}

for (const [lang, vp, words] of [
	['en', { width: 1366, height: 900 }, { differs: 'differs', choose: 'Record the value: Given names', zoom: 'Zoom in: Birth certificate', rotate: 'Rotate: Birth certificate', reason: 'Reason for the choice' }],
	['ar', { width: 390, height: 844 }, { differs: 'مختلفة', choose: 'تسجيل القيمة: الأسماء الشخصية', zoom: 'تكبير: Birth certificate', rotate: 'تدوير: Birth certificate', reason: 'سبب الاختيار' }]]) {
	test(`the workbench (${lang}, ${vp.width}px)`, async () => {
		const context = await browser.newContext({ viewport: vp, locale: lang });
		const page = await context.newPage();
		try {
			await page.goto(`${INTRANET}/login?lang=${lang}`);
			await page.fill('#f-username', agent.username);
			await page.fill('#f-password', agent.password);
			await Promise.all([page.waitForURL(/\/dashboard$/),
				page.click('main button[type=submit]')]);
			await page.goto(`${INTRANET}/civil/${act}?lang=${lang}`);
			assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');

			// Both sources shown, their pages loaded as images.
			const figures = page.locator('figure.wb-source');
			assert.equal(await figures.count(), 2);
			const imgs = page.locator('img.wb-page');
			assert.equal(await imgs.count(), 2);
			await page.waitForFunction(() => [...document.querySelectorAll('img.wb-page')]
				.every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 10000 });
			const rendered = await imgs.nth(1).evaluate((i) => i.naturalWidth);
			assert.ok(rendered > 100, `the PDF page rendered to an image ${rendered} px wide`);
			if (vp.width > 1000) {
				const a = await figures.nth(0).boundingBox();
				const b = await figures.nth(1).boundingBox();
				assert.ok(Math.abs(a.y - b.y) < 2 && b.x > a.x + a.width - 1, 'side by side');
				const form = await page.locator('section.wb-form').boundingBox();
				assert.ok(form.x > b.x, 'the form beside the sources');
			}

			// Zoom and rotate by the source's buttons.
			const fig = figures.nth(1);
			const before = await imgs.nth(1).evaluate((i) => i.getBoundingClientRect().width);
			await page.getByRole('button', { name: words.zoom }).click();
			assert.equal(await fig.getAttribute('data-zoom'), '1.25');
			const after = await imgs.nth(1).evaluate((i) => i.getBoundingClientRect().width);
			assert.ok(after > before * 1.2, `zoomed: ${before} -> ${after}`);
			await page.getByRole('button', { name: words.rotate }).click();
			assert.equal(await fig.getAttribute('data-rotate'), '90');
			assert.match(await imgs.nth(1).evaluate((i) => i.style.transform), /rotate\(90deg\)/);

			// The values read: the ones that differ from the chosen
			// value are marked in words (in English both differ from the
			// identity record's; the English run then chooses the
			// certificate's, so in Arabic only the passport's differs).
			const field = page.locator('#field-given_names');
			const differing = field.locator('tr.differs');
			assert.equal(await differing.count(), lang === 'en' ? 2 : 1);
			assert.match(await differing.first().innerText(), new RegExp(words.differs));
			await accessible(page, 'workbench');
			await fits(page);
			await screenshot(page, `civil-workbench-${lang}-${vp.width}`);

			// Choose the certificate's spelling, with its reason.
			if (lang === 'en') {
				await field.locator('input[name=value]').fill('ليلى');
				await field.locator('input[name=latin]').fill('Layla');
				const cert = await field.locator('select[name=source] option',
					{ hasText: 'Birth certificate' }).getAttribute('value');
				await field.locator('select[name=source]').selectOption(cert);
				await field.locator('input[name=reason]').fill('The certificate is the civil source');
				await Promise.all([page.waitForURL(/\/civil\/\d+#field-given_names$/),
					page.getByRole('button', { name: words.choose }).click()]);
				assert.ok(await page.locator('.flash').first().isVisible());
				const chosen = page.locator('#field-given_names tr.chosen');
				assert.match(await chosen.innerText(), /ليلى/);
				assert.match(await chosen.innerText(), /The certificate is the civil source/);
				// the certificate's value now agrees: only the passport's differs
				assert.equal(await page.locator('#field-given_names tr.differs').count(), 1);
				await accessible(page, 'workbench after a choice');
			}
		} finally {
			await context.close();
		}
	});
}

test('the backlog page with its charts (en, 1280px; ar, 390px)', async () => {
	const boss = makeAgent('brcivboss', ['supervisor']);
	for (const [lang, vp, title] of [['en', { width: 1280, height: 800 }, 'Backlog of civil-status requests'],
		['ar', { width: 390, height: 844 }, 'الطلبات المتراكمة للحالة المدنية']]) {
		const context = await browser.newContext({ viewport: vp, locale: lang });
		const page = await context.newPage();
		try {
			await page.goto(`${INTRANET}/login?lang=${lang}`);
			await page.fill('#f-username', boss.username);
			await page.fill('#f-password', boss.password);
			await Promise.all([page.waitForURL(/\/dashboard$/),
				page.click('main button[type=submit]')]);
			await page.goto(`${INTRANET}/civil/backlog?lang=${lang}`);
			assert.equal(await page.locator('h1').innerText(), title);
			assert.ok(await page.locator('svg.chart').count() >= 3, 'charts drawn on the server');
			assert.ok(await assertChartsReadable(page, `backlog ${lang}`) >= 3);
			assert.ok(await page.locator('#t-status').isVisible());
			await accessible(page, `backlog ${lang}`);
			await fits(page);
			await screenshot(page, `civil-backlog-${lang}-${vp.width}`);
		} finally {
			await context.close();
		}
	}
});

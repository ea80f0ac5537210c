// tests/browser/agent-pages.test.mjs: issue 13, "browser tests that
// open every agent page as its role": each agent page (appointments,
// reception, identity, the portal's /agents, /audit and SMS templates,
// the duplicate queue, the dossier pages) opened in a real browser by
// an agent holding only the role that page is for, on a laptop
// (1366 px) and on a phone (390 px). For each page, what a person
// meets, not what the markup claims:
// - the heading and the page's key controls are visible, say their
//   words (innerText, which CSS can hide, unlike textContent), are big
//   enough to tap (24 px, WCAG 2.2) and lie inside the screen's width;
// - every visually hidden text is really hidden (clipped to 1x1 px,
//   out of the flow), yet says something;
// - the focus order: no positive tabindex; the first Tab reaches the
//   skip link, shown on screen when focused; Tab after Tab walks the
//   page in document order through visible elements only, and reaches
//   the first key control;
// - a form sent empty puts the focus (and the view) on the error
//   summary, which names each field in error.
// The pages' own suites check their behaviour; axe runs in those too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { createPerson, csrfOf, get, login, makeAgent, post, sql, uniqueName }
	from '../http/lib.mjs';
import { makeSite } from '../http/appointments-fixture.mjs';
import { INTRANET, assertChartsReadable, assertHiddenTexts, launch, screenshot } from './lib.mjs';

const VIEWPORTS = [
	{ name: 'laptop', width: 1366, height: 800 },
	{ name: 'phone', width: 390, height: 844 },
];

const ROLES = ['call_centre', 'reception', 'registrar', 'supervisor',
	'administrator', 'case_officer'];
const agents = Object.fromEntries(ROLES.map((role) =>
	[role, makeAgent(`brap${role.slice(0, 3)}`, [role])]));

let browser;
let S;
let dossier;
let pair;
let template;

before(async () => {
	browser = await launch();
	S = makeSite({ capacity: 4 });
	// A case file the officer works on, with an applicant.
	const officer = agents.case_officer;
	const { jar } = await login(officer.username, officer.password);
	const s = { jar, csrf: csrfOf((await get(INTRANET, '/identity', { jar })).text) };
	const family = uniqueName('Ap').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);
	const a = await createPerson(s, { family_name: family, given_names: 'Amina',
		sex: 'F', birth_date: '1990-02-03' });
	const b = await createPerson(s, { family_name: `${family}x`, given_names: 'Omar',
		sex: 'M', birth_date: '1971-11-20' });
	const proc = sql("SELECT id FROM wf_procedure WHERE code = 'border'")[0][0];
	const r = await post(INTRANET, '/dossier', { csrf: s.csrf, person_id: a,
		procedure_id: proc, lodged_on: '2026-11-02', assign_me: '1' },
	{ jar, headers: { Origin: INTRANET } });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	dossier = /\/dossier\/(\d+)$/.exec(r.headers.get('location'))[1];
	// A pair in the duplicate queue (as the form's check leaves one).
	const [lo, hi] = Number(a) < Number(b) ? [a, b] : [b, a];
	sql(`INSERT INTO duplicate_pair (person_a, person_b, origin, detected_at)
		VALUES (${lo}, ${hi}, 'form', UTC_TIMESTAMP(6))`);
	pair = sql(`SELECT id FROM duplicate_pair WHERE person_a = ${lo} AND person_b = ${hi}`)[0][0];
	template = sql("SELECT id FROM message_template WHERE lang = 'en' ORDER BY id LIMIT 1")[0][0];
});

after(async () => {
	await browser?.close();
});

// The pages: who opens them, the heading's words, and the key controls
// as [ARIA role, accessible name, innerText] (innerText: what is seen).
// summary: the page's form sent empty must focus the error summary,
// which names these fields.
const PAGES = () => [
	{ role: 'call_centre', path: '/appointments', h1: 'Appointments',
		controls: [['link', 'Call centre', 'Call centre'], ['link', 'Day list', 'Day list']] },
	{ role: 'call_centre', path: `/appointments/callcentre?site=${S.siteId}`, h1: 'Call centre',
		controls: [['button', 'Search', 'Search']] },
	{ role: 'reception', path: `/appointments/day?site=${S.siteId}`, h1: 'Day list',
		controls: [['button', 'Show', 'Show']] },
	{ role: 'reception', path: '/reception/checkin', h1: 'Check-in',
		controls: [['button', 'Check in', 'Check in'], ['button', 'Give a ticket', 'Give a ticket']] },
	{ role: 'reception', path: '/reception/counter', h1: 'Counter',
		controls: [['button', 'Show', 'Show']] },
	{ role: 'registrar', path: '/identity/search', h1: 'Find a person',
		controls: [['button', 'Search', 'Search']] },
	{ role: 'registrar', path: '/identity/persons/new', h1: 'New person',
		controls: [['button', 'Record the person', 'Record the person']],
		summary: ['Family name'] },
	{ role: 'supervisor', path: '/identity/duplicates', h1: 'Duplicates to review',
		// the queue's first pair (its own is somewhere in the pages of
		// a shared database's queue)
		controls: [['link', null, null, 'table.queue a[href^="/identity/duplicates/"]']] },
	{ role: 'supervisor', path: `/identity/duplicates/${pair}`, h1: 'Possible duplicate',
		controls: [['button', 'Record the decision', 'Record the decision']] },
	{ role: 'administrator', path: '/agents', h1: 'Agents',
		controls: [['link', 'Create an agent', 'Create an agent'], ['button', 'Search', 'Search']] },
	{ role: 'administrator', path: '/agents/new', h1: 'Create an agent',
		controls: [['button', 'Create the agent', 'Create the agent']],
		summary: ['Username', 'Full name'] },
	{ role: 'supervisor', path: '/audit', h1: 'Audit trail',
		controls: [['button', 'Filter', 'Filter']] },
	{ role: 'supervisor', path: '/notify/templates', h1: 'Message templates',
		controls: [['link', null, null, `a[href="/notify/templates/${template}"]`]] },
	{ role: 'supervisor', path: `/notify/templates/${template}`, h1: 'Message templates',
		controls: [['button', 'Save', 'Save']] },
	{ role: 'case_officer', path: '/dossier', h1: 'Case files',
		controls: [['button', 'Show', 'Show']] },
	{ role: 'case_officer', path: '/dossier/new', h1: 'Open a case file',
		controls: [['button', 'Open the case file', 'Open the case file']],
		summary: ['Person number (from the register)', 'Procedure'] },
	{ role: 'case_officer', path: `/dossier/${dossier}`, h1: 'Case file',
		controls: [['button', 'Move the case file', 'Move the case file']] },
	{ role: 'supervisor', path: '/dossier/monitor', h1: 'Monitoring',
		controls: [['button', 'Show', 'Show']] },
	{ role: 'supervisor', path: '/registration/rules', h1: 'Triage rules',
		controls: [['link', 'Add a rule', 'Add a rule']] },
	{ role: 'supervisor', path: '/registration/rules/new', h1: 'Add a rule',
		controls: [['button', 'Save the rule', 'Save the rule']],
		summary: ['Procedure proposed', 'Reason for this change'] },
];

async function signIn(page, role) {
	const a = agents[role];
	await page.goto(`${INTRANET}/login?lang=en`);
	await page.fill('#f-username', a.username);
	await page.fill('#f-password', a.password);
	await Promise.all([page.waitForURL(/\/dashboard$/),
		page.click('main button[type=submit]')]);
}

// The locator of a key control: by its role and exact accessible name,
// or by a selector when the name is data (a pair, a template).
function control(page, [role, name, , selector]) {
	if (selector)
		return page.locator(`main ${selector}`).first();
	return page.locator('main').getByRole(role, { name, exact: true }).first();
}

// What a person sees of an element: visible, innerText, box.
async function seen(loc) {
	await loc.scrollIntoViewIfNeeded();
	return {
		visible: await loc.isVisible(),
		text: (await loc.innerText()).trim(),
		box: await loc.boundingBox(),
	};
}

async function checkControls(page, p, vp) {
	const h1 = page.locator('main h1').first();
	const head = await seen(h1);
	assert.ok(head.visible, `${p.path}: heading visible`);
	assert.ok(head.text.length > 0, `${p.path}: heading has words`);
	if (p.h1)
		assert.ok(head.text.startsWith(p.h1), `${p.path}: heading "${head.text}"`);
	for (const c of p.controls) {
		const what = `${p.path} (${vp.name}): ${c[1] ?? c[3]}`;
		const loc = control(page, c);
		assert.equal(await loc.count(), 1, `${what}: present`);
		const s = await seen(loc);
		assert.ok(s.visible, `${what}: visible`);
		if (c[2] !== null)
			assert.equal(s.text, c[2], `${what}: its visible words`);
		else
			assert.ok(s.text.length > 0, `${what}: has visible words`);
		assert.ok(s.box.width >= 24 && s.box.height >= 24 ||
			// a link inside text is exempt from the target size, not from
			// being readable
			c[0] === 'link' && s.box.height >= 16,
		`${what}: big enough (${s.box.width}x${s.box.height})`);
		assert.ok(s.box.x >= 0 && s.box.x + s.box.width <= vp.width + 1,
			`${what}: inside the screen's width (${s.box.x}+${s.box.width} of ${vp.width})`);
	}
}

// Tab through the page from its top until the first key control has
// the focus. Every focused element must be visible and come after the
// previous one in the document.
async function checkFocusOrder(page, p) {
	const positive = await page.evaluate(() =>
		[...document.querySelectorAll('[tabindex]')]
			.filter((e) => e.tabIndex > 0).map((e) => e.outerHTML.slice(0, 80)));
	assert.deepEqual(positive, [], `${p.path}: no positive tabindex`);
	const target = control(page, p.controls[0]);
	await target.evaluate((e) => { e.dataset.keyControl = '1'; });
	await page.evaluate(() => {
		window.scrollTo(0, 0);
		document.activeElement?.blur();
		let i = 0;
		for (const e of document.querySelectorAll('*'))
			e.dataset.order ??= String(i++);
	});
	// Start from the document itself, as after a page load.
	await page.evaluate(() => document.body.focus());
	let last = -1;
	for (let n = 0; n < 250; n++) {
		await page.keyboard.press('Tab');
		const f = await page.evaluate(() => {
			const e = document.activeElement;
			const r = e.getBoundingClientRect();
			return { order: Number(e.dataset.order), key: e.dataset.keyControl === '1',
				cls: e.className, tag: e.tagName, text: (e.innerText ?? '').trim().slice(0, 40),
				w: r.width, h: r.height, top: r.top, vh: window.innerHeight };
		});
		if (n === 0) {
			assert.match(String(f.cls), /skip-link/, `${p.path}: the first Tab reaches the skip link`);
			assert.ok(f.w > 1 && f.h > 1 && f.top >= 0 && f.top < f.vh,
				`${p.path}: the focused skip link is shown (${f.w}x${f.h} at ${f.top})`);
		}
		// (a date field keeps the focus over its day, month and year)
		assert.ok(f.order > last || f.order === last && f.tag === 'INPUT',
			`${p.path}: Tab ${n + 1} went back to ${f.tag}.${f.cls} "${f.text}"`);
		assert.ok(f.w > 0 && f.h > 0, `${p.path}: Tab ${n + 1} focused an invisible ${f.tag}.${f.cls} "${f.text}"`);
		last = f.order;
		if (f.key)
			return n + 1;
	}
	assert.fail(`${p.path}: 250 Tabs did not reach the key control`);
}

async function checkSummary(page, p) {
	const navigated = page.waitForEvent('framenavigated', (f) => f === page.mainFrame());
	await control(page, p.controls[0]).click();
	await navigated;
	await page.waitForLoadState('load');
	await page.waitForFunction(() => {
		const e = document.activeElement;
		return e !== null && e.classList.contains('form-summary');
	}, null, { timeout: 5000 }).catch(() => {});
	const f = await page.evaluate(() => {
		const e = document.activeElement;
		const r = e.getBoundingClientRect();
		return { cls: e.className, top: r.top, vh: window.innerHeight };
	});
	assert.match(String(f.cls), /form-summary/, `${p.path}: the error summary has the focus`);
	assert.ok(f.top >= 0 && f.top < f.vh, `${p.path}: and is in view (${f.top})`);
	const items = await page.locator('.form-summary li').allInnerTexts();
	assert.ok(items.length >= p.summary.length, `${p.path}: ${items}`);
	for (const label of p.summary)
		assert.ok(items.some((t) => t.startsWith(`${label}: `)),
			`${p.path}: the summary names "${label}" (${items.join(' | ')})`);
	assert.equal(new Set(items).size, items.length, `${p.path}: no message repeated bare`);
}

for (const vp of VIEWPORTS) {
	for (const role of ROLES) {
		test(`agent pages of a ${role} (${vp.name} ${vp.width} px)`, async () => {
			const context = await browser.newContext({
				viewport: { width: vp.width, height: vp.height }, locale: 'en' });
			const page = await context.newPage();
			const problems = [];
			page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
			page.on('response', (r) => {
				if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico')
					problems.push(`${r.status()}: ${r.url()}`);
			});
			try {
				await signIn(page, role);
				const pages = PAGES().filter((p) => p.role === role);
				assert.ok(pages.length > 0);
				for (const p of pages) {
					const res = await page.goto(`${INTRANET}${p.path}`);
					assert.equal(res.status(), 200, `${p.path} as ${role}`);
					await checkControls(page, p, vp);
					await assertHiddenTexts(page, p.path);
					await assertChartsReadable(page, `${p.path} (${vp.name})`);
					await checkFocusOrder(page, p);
					await screenshot(page, `agent-${p.path.replace(/[^a-z0-9]+/gi, '-')}-${vp.name}`);
					if (p.summary)
						await checkSummary(page, p);
				}
				assert.deepEqual(problems.filter((x) => !/ 422: /.test(x) &&
					!/^422: /.test(x)), []);
			} finally {
				await context.close();
			}
		});
	}
}

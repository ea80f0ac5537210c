// tests/browser/lib.mjs: helpers for Havre's browser tests: Debian's
// chromium driven by playwright-core (no browser download, ever), and
// axe-core accessibility checks. Base URLs and the screenshot folder come
// from the environment contrib/dev check sets (see tests/http/lib.mjs).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import assert from 'node:assert/strict';

import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));

export const SRCDIR = process.env.HAVRE_SRCDIR ?? resolve(HERE, '..', '..');
export const INTRANET = process.env.HAVRE_INTRANET ?? 'http://127.0.0.1:18080';
export const PUBLIC = process.env.HAVRE_PUBLIC ?? 'http://127.0.0.1:18081';
export const SCREENSHOTS = process.env.HAVRE_SCREENSHOTS ??
	join(SRCDIR, 'var', process.env.HAVRE_ENV ?? 'check', 'screenshots');

// The viewports every page is checked at: a phone and a laptop.
export const VIEWPORTS = [
	{ name: 'phone', width: 390, height: 844 },
	{ name: 'desktop', width: 1280, height: 800 },
];

// Launch Debian's chromium headless. The resolver rule stops look-ups
// of anything but the local stack (there is no network here).
export async function launch() {
	return chromium.launch({
		executablePath: process.env.HAVRE_CHROMIUM ?? '/usr/lib/chromium/chromium',
		headless: true,
		args: [
			'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
			'--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync',
			'--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
		],
	});
}

// Save a full-page screenshot of page as SCREENSHOTS/name.png. Returns
// the file's path.
export async function screenshot(page, name) {
	mkdirSync(SCREENSHOTS, { recursive: true });
	const path = join(SCREENSHOTS, `${name}.png`);
	await page.screenshot({ path, fullPage: true });
	return path;
}

let axeSource;

// Run axe-core on the page (WCAG 2.x A and AA rules, plus best
// practices). Returns the violations (an empty array when clean).
// axe is evaluated through the debugging protocol, not added as a
// <script>: our Content-Security-Policy (rightly) blocks inline scripts.
export async function axe(page) {
	axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
	if (!(await page.evaluate(() => typeof window.axe !== 'undefined')))
		await page.evaluate(axeSource);
	const result = await page.evaluate(() => window.axe.run(document, {
		runOnly: {
			type: 'tag',
			values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
		},
	}));
	return result.violations;
}

// A readable summary of axe violations for an assertion message.
export function describeViolations(violations) {
	return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
		v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}`).join('\n'))
		.join('\n');
}

// Every visually hidden text of the page (class visually-hidden) must be
// really hidden: clipped to at most 1x1 px and out of the flow, yet say
// something (it is there for screen readers). what names the page in
// the messages. Returns how many there are.
export async function assertHiddenTexts(page, what) {
	const hidden = await page.evaluate(() =>
		[...document.querySelectorAll('.visually-hidden')].map((e) => {
			const r = e.getBoundingClientRect();
			const cs = getComputedStyle(e);
			return { w: r.width, h: r.height, pos: cs.position,
				overflow: cs.overflow, text: e.textContent.trim() };
		}));
	for (const h of hidden) {
		assert.ok(h.w <= 1 && h.h <= 1, `${what}: "${h.text}" is ${h.w}x${h.h}, not hidden`);
		assert.equal(h.pos, 'absolute', `${what}: "${h.text}" out of the flow`);
		assert.equal(h.overflow, 'hidden', `${what}: "${h.text}" clipped`);
		assert.ok(h.text.length > 0, `${what}: a hidden text says something`);
	}
	return hidden.length;
}

// Every server-drawn chart (svg.chart) of the page must be readable as
// drawn: each label that is anchored at its end (the bar charts' and
// the heat map's row labels) ends before the first bar or cell starts
// (an RTL page once flipped the anchors and ran the labels over the
// bars) and is in sight as the page opens (a chart wider than a phone
// scrolls from its labels' side, in an RTL page too), and the chart's
// text is drawn at least minPx high (a 640-wide chart squeezed into a
// phone's width drew 7 px text). what names the
// page in the messages. Returns how many charts there are.
export async function assertChartsReadable(page, what, minPx = 10) {
	const charts = await page.evaluate(() =>
		[...document.querySelectorAll('svg.chart')].map((svg) => {
			const shapes = [...svg.querySelectorAll('rect')]
				.filter((r) => r.getAttribute('width') !== '14')
				.map((r) => r.getBoundingClientRect());
			const labels = [...svg.querySelectorAll('text[text-anchor="end"]')]
				.map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
			const wrap = (svg.closest('.chart-wrap') ?? svg).getBoundingClientRect();
			const heights = [...svg.querySelectorAll('text')]
				.filter((t) => t.textContent.trim() !== '')
				.map((t) => t.getBoundingClientRect().height);
			return {
				id: svg.getAttribute('aria-labelledby'),
				first: Math.min(...shapes.map((r) => r.left)),
				shown: wrap.left,
				labels: labels.map((l) => ({ text: l.text, left: l.r.left, right: l.r.right, w: l.r.width })),
				lowest: Math.min(...heights),
			};
		}));
	for (const c of charts) {
		for (const l of c.labels)
			assert.ok(l.w > 0 && l.right <= c.first + 1,
				`${what} ${c.id}: label "${l.text}" ends at ${l.right}, over the bars from ${c.first}`);
		// a chart wider than the screen scrolls, from its labels' side
		for (const l of c.labels)
			assert.ok(l.left >= c.shown - 1,
				`${what} ${c.id}: label "${l.text}" scrolled out of sight (${l.left} < ${c.shown})`);
		assert.ok(c.lowest >= minPx, `${what} ${c.id}: text drawn ${c.lowest}px high`);
	}
	return charts.length;
}

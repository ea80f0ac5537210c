// temporary walkthrough script (not a test; not committed)
import { launch } from './lib.mjs';
import { readFileSync } from 'node:fs';
const I = 'http://127.0.0.1:23080', P = 'http://127.0.0.1:23081';
const pw = readFileSync('/work/main/var/me/admin.password', 'utf8').trim();
const b = await launch();
const shots = process.argv.slice(2);
const ctx = await b.newContext({ viewport: { width: 1366, height: 900 } });
const page = await ctx.newPage();
await page.goto(I + '/login');
await page.fill('#f-username', 'admin');
await page.fill('#f-password', pw);
await page.click('button[type=submit]');
for (const s of shots) {
	const [base, path, name, w] = s.split('|');
	if (w) await page.setViewportSize({ width: Number(w), height: 900 });
	const r = await page.goto((base === 'P' ? P : I) + path);
	console.log(name, r.status(), (await r.body()).length);
	await page.screenshot({ path: `/work/walk/${name}.png`, fullPage: true });
}
await b.close();

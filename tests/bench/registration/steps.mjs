// steps.mjs: the registration benchmark's client (run by run.sh).
//   node steps.mjs BASE COOKIE CSV ROUNDS
// ROUNDS times, one client, a household of one through every step of
// the desk, typed from a person of the register (the CSV that was
// imported: every ROUNDS-th line), so that the duplicate check meets a
// real block of the register and finds that person: start, the form,
// the member's check (automatic checks, transliteration, duplicate
// check), the side-by-side page, the decision, the desk, the summary
// (triage), the save (one transaction), the receipt; and /healthz each
// round (the transport, for ratios on a loaded machine). Prints one line
// per step: "step p50_ms p95_ms max_ms n unexpected" (nearest rank);
// a round whose step answers unexpectedly is left there.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const [base, cookie, csv, roundsText] = process.argv.slice(2);
const rounds = Number(roundsText);
if (!base || !cookie || !csv || !(rounds > 0)) {
	console.error('usage: steps.mjs BASE COOKIE CSV ROUNDS');
	process.exit(2);
}

// The persons to type: spread over the file.
async function persons(file, want) {
	const lines = [];
	const rl = createInterface({ input: createReadStream(file) });
	for await (const line of rl) {
		if (!line.startsWith('source,'))
			lines.push(line);
	}
	const step = Math.max(1, Math.floor(lines.length / want));
	const out = [];
	for (let i = 0; i < want && i * step < lines.length; i++) {
		const f = lines[i * step].split(',');
		out.push({ family: f[2], given: f[3], sex: f[4] || 'M', birth: f[5],
			nat: f[7] || 'SYR', docType: f[10], docNo: f[11] });
	}
	return out;
}

const times = {};
const unexpected = {};
const order = ['transport', 'start', 'member form', 'member check', 'duplicate page',
	'decision', 'desk', 'summary', 'save', 'receipt'];
for (const s of order) {
	times[s] = [];
	unexpected[s] = 0;
}

async function timed(step, path, opts, want) {
	const t0 = process.hrtime.bigint();
	const res = await fetch(base + path, { redirect: 'manual', ...opts,
		headers: { Cookie: cookie, Origin: base, ...(opts.headers ?? {}) } });
	const text = await res.text();
	times[step].push(Number(process.hrtime.bigint() - t0) / 1e6);
	if (res.status !== want) {
		unexpected[step]++;
		return null;
	}
	return { res, text };
}

function form(csrf, fields) {
	return { method: 'POST', body: new URLSearchParams({ csrf, ...fields }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
}

const desk = await fetch(base + '/registration', { headers: { Cookie: cookie } });
const csrf = /name="csrf" value="([0-9a-f]{64})"/.exec(await desk.text())?.[1];
if (!csrf) {
	console.error('no CSRF token on /registration (not signed in?)');
	process.exit(1);
}

for (const p of await persons(csv, rounds)) {
	// the transport alone (nginx, FastCGI, no query): the ratio's base
	await timed('transport', '/healthz', {}, 200);
	let r = await timed('start', '/registration/start', form(csrf, {}), 303);
	if (!r) continue;
	r = await timed('member form', '/registration/member/1', {}, 200);
	if (!r) continue;
	const fields = { family_name: p.family, given_names: p.given, sex: p.sex,
		birth: p.birth, nationality: p.nat, languages: 'Arabic',
		leaflet: 'rights_procedure', leaflet_lang: 'ar', consent: '1' };
	if (p.docNo && p.docType) {
		fields.doc_type = p.docType;
		fields.doc_number = p.docNo;
	}
	r = await timed('member check', '/registration/member/1', form(csrf, fields), 303);
	if (!r) continue;
	if (/\/match$/.test(r.res.headers.get('location'))) {
		r = await timed('duplicate page', '/registration/member/1/match', {}, 200);
		if (!r) continue;
		r = await timed('decision', '/registration/member/1/match',
			form(csrf, { choice: 'create' }), 303);
		if (!r) continue;
	}
	r = await timed('desk', '/registration', {}, 200);
	if (!r) continue;
	r = await timed('summary', '/registration/summary', {}, 200);
	if (!r) continue;
	const draft = /name="draft" value="(\d+)"/.exec(r.text)?.[1];
	const proposed = /<option value="([a-z_]+)" selected>/.exec(r.text)?.[1];
	r = await timed('save', '/registration/save',
		form(csrf, { draft, procedure: proposed, reason: '' }), 303);
	if (!r) continue;
	await timed('receipt', r.res.headers.get('location'), {}, 200);
}

const rank = (v, q) => v[Math.max(0, Math.ceil(v.length * q / 100) - 1)];
for (const s of order) {
	const v = times[s].sort((a, b) => a - b);
	if (v.length === 0) {
		console.log(`${s.replace(/ /g, '_')} - - - 0 ${unexpected[s]}`);
		continue;
	}
	console.log(`${s.replace(/ /g, '_')} ${rank(v, 50).toFixed(1)} ${rank(v, 95).toFixed(1)} ` +
		`${v[v.length - 1].toFixed(1)} ${v.length} ${unexpected[s]}`);
}

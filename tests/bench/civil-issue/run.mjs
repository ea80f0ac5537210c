// tests/bench/civil-issue/run.mjs: the time to issue one document from
// the HTTP side (issue 17.4), never pass/fail, loopback only. Against a
// running stack (the tests' environment: HAVRE_INTRANET, HAVRE_CONFIG,
// HAVRE_ADMIN; contrib/dev's defaults otherwise), it makes a signing key
// when none is in force, an officer and a person, then issues
// BENCH_DOCS (30) attestations in Arabic and French one after the other:
// each is the issue form's GET (its request key) and the POST, which
// signs, lays out the PDF (cairo, pango), stores it encrypted and commits
// the row with its audit event before answering 303. It prints the
// first POST (a worker that had not laid out a PDF yet pays for the
// fonts), then min, p50, p90 and max of the others, the PDF's size, and
// the VmRSS of the havre-civil workers (their pid file under the stack's
// var/ folder) before and after. The documents stay in the stack's
// database, as the tests' do.
//   node tests/bench/civil-issue/run.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
	CONFIG, INTRANET, admin, createPerson, csrfOf, get, login, makeAgent,
	post, sql,
} from '../../http/lib.mjs';

const N = Number(process.env.BENCH_DOCS ?? 30);

function workersRss() {
	const pidFile = join(dirname(CONFIG), 'run', 'havre-civil.pid');
	let pids = [];
	try {
		pids = readFileSync(pidFile, 'utf8').split(/\s+/).filter(Boolean);
	} catch {
		return 'unknown (no pid file)';
	}
	const out = [];
	for (const pid of pids) {
		try {
			const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean);
			for (const p of [pid, ...kids]) {
				const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
				if (m)
					out.push(`${p}:${m[1]}kB`);
			}
		} catch {
			// a worker that went away
		}
	}
	return out.join(' ');
}

if (sql('SELECT COUNT(*) FROM signing_key WHERE retired_at IS NULL')[0][0] === '0') {
	const k = admin(['keys', 'new']);
	if (k.status !== 0)
		throw new Error(`keys new: ${k.stderr}`);
}
const agent = makeAgent('benchciv', ['civil_status_officer', 'registrar']);
const { jar } = await login(agent.username, agent.password);
const s = { jar, csrf: csrfOf((await get(INTRANET, '/identity', { jar })).text) };
const person = await createPerson(s, { family_name: `Bench${process.pid}`,
	given_names: 'Issue', sex: 'F', birth_date: '1991-04-05' });
const path = `/civil/persons/${person}/documents`;
const until = new Date(Date.now() + 90 * 86400000).toISOString().slice(0, 10);
console.log(`havre-civil workers before: ${workersRss()}`);
const times = [];
let pdfBytes = 0;
for (let i = 0; i < N; i++) {
	const page = await get(INTRANET, path, { jar });
	const key = /name="key" value="([0-9a-f]{32})"/.exec(page.text)[1];
	const t0 = process.hrtime.bigint();
	const r = await post(INTRANET, path, { csrf: s.csrf, key, type: 'AP', lang: 'ar', valid_until: until },
		{ jar, headers: { Origin: INTRANET } });
	const ms = Number(process.hrtime.bigint() - t0) / 1e6;
	if (r.status !== 303)
		throw new Error(`issue ${i}: ${r.status}`);
	times.push(ms);
	if (i === 0) {
		const id = /(\d+)$/.exec(r.headers.get('location'))[1];
		pdfBytes = sql(`SELECT f.size FROM issued_document d JOIN stored_file f ON f.id = d.pdf_file WHERE d.id = ${id}`)[0][0];
	}
}
console.log(`havre-civil workers after:  ${workersRss()}`);
const rest = times.slice(1).sort((a, b) => a - b);
const q = (p) => rest[Math.min(rest.length - 1, Math.ceil(p * rest.length) - 1)];
console.log(`attestation AP (ar + fr), PDF ${pdfBytes} bytes, ${N} issued one after the other`);
console.log(`first POST: ${times[0].toFixed(1)} ms`);
if (rest.length > 0)
	console.log(`then: min ${rest[0].toFixed(1)} ms, p50 ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, max ${rest[rest.length - 1].toFixed(1)} ms`);

#!/usr/bin/env node
// tests/bench/identity/queries.js: the skewed register's search figures
// through HTTP (never pass/fail). Runs the queries gen.c -S -q wrote
// (kind, expected source_ids, what was typed, query string) against
// GET /identity/search of a running stack, as JSON with an API key:
//   - recall@1 and recall@10 of the known persons' queries (a hit: any
//     record of the person, by source and source_id), overall and per
//     kind (exact, spelling, script, partial, swapped, typo, free), and
//     recall@1 of the queries that no namesake matches as well (another
//     person with the same names and a birth date the query cannot tell
//     apart: the generator counts them);
//   - the share of absent persons that get a "probable" (or "certain")
//     answer, overall and among those without such a namesake;
//   - latency p50 / p95 with one client (every query once, in order)
//     and with four (the same queries shared among four clients, each
//     one request at a time);
// each figure beside issue 14's target, with OK or MISS. The misses
// (expected, what was typed, the first answers, the expected person's
// rank when it is among them) go to MISSES, one block each.
//
// Usage: node queries.js QUERIES URL KEY SOURCE [MISSES]
// Environment: BENCH_CLIENTS (4), BENCH_QUERY_SECONDS (600: the time a
// pass may take; queries left when it is spent are not asked).
'use strict';

const fs = require('fs');
const http = require('http');

const [file, base, key, source, missesFile] = process.argv.slice(2);
if (!file || !base || !key || !source) {
	console.error('usage: node queries.js QUERIES URL KEY SOURCE [MISSES]');
	process.exit(2);
}
const CLIENTS = Number(process.env.BENCH_CLIENTS || 4);
const BUDGET_MS = Number(process.env.BENCH_QUERY_SECONDS || 600) * 1000;
// issue 14's targets (at 1,000,000 persons)
const T_R1 = 0.90, T_R10 = 0.97, T_ABSENT = 0.05, T_P95_1 = 50, T_P95_4 = 100;
const KINDS = ['exact', 'spelling', 'script', 'partial', 'swapped', 'typo',
	'free'];

const queries = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l)
	.map((l) => {
		const [kind, expected, namesakes, shown, qs] = l.split('\t');
		return { kind, shown, qs, namesakes: Number(namesakes),
			expected: expected === '-' ? null :
				new Set(expected.split('|')) };
	});

const url = new URL(base);

// One GET of the search: resolves to { ms, status, body }.
function search(agent, qs)
{
	return new Promise((resolve) => {
		const t0 = process.hrtime.bigint();
		const req = http.get({ host: url.hostname, port: url.port,
			path: '/identity/search?' + qs, agent,
			headers: { Authorization: 'Bearer ' + key,
				Accept: 'application/json' } }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode,
				ms: Number(process.hrtime.bigint() - t0) / 1e6,
				body: Buffer.concat(chunks).toString('utf8') }));
		});
		req.setTimeout(30000, () => req.destroy(new Error('timeout')));
		req.on('error', (e) => resolve({ status: 0, ms: Number(
			process.hrtime.bigint() - t0) / 1e6, body: String(e) }));
	});
}

// The p-th percentile of sorted values.
function pct(sorted, p)
{
	if (sorted.length === 0)
		return NaN;
	return sorted[Math.min(sorted.length - 1,
		Math.ceil(p / 100 * sorted.length) - 1)];
}

// Ask queries list[i] for i = from, from + step, ... one at a time,
// until the deadline; calls done(q, answer) for each.
async function client(list, from, step, deadline, done)
{
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	for (let i = from; i < list.length && Date.now() < deadline; i += step)
		done(list[i], await search(agent, list[i].qs));
	agent.destroy();
}

// One pass over the queries with n clients. Returns the latencies
// (sorted), the errors and how many were asked.
async function pass(n, done)
{
	const lat = [];
	let errors = 0, asked = 0;
	const deadline = Date.now() + BUDGET_MS;
	const clients = [];
	for (let c = 0; c < n; c++)
		clients.push(client(queries, c, n, deadline, (q, a) => {
			asked++;
			lat.push(a.ms);
			if (a.status !== 200)
				errors++;
			if (done)
				done(q, a);
		}));
	await Promise.all(clients);
	lat.sort((x, y) => x - y);
	return { lat, errors, asked };
}

function mark(ok)
{
	return ok ? 'OK' : 'MISS';
}

function f3(x)
{
	return Number.isFinite(x) ? x.toFixed(3) : 'n/a';
}

(async () => {
	const perKind = {};
	for (const k of KINDS)
		perKind[k] = { n: 0, r1: 0, r10: 0 };
	let known = 0, r1 = 0, r10 = 0, absent = 0, probable = 0;
	let alone = 0, aloneR1 = 0, absentAlone = 0, probableAlone = 0;
	// the class the expected person gets on the exact queries (typed as
	// recorded; "none" also when it is not among the answers)
	const exactClass = { certain: 0, probable: 0, possible: 0, none: 0 };
	const misses = [];
	let firstStatus = null;

	const slow = [];	// [ms, kind, shown] of the one-client pass
	const one = await pass(1, (q, a) => {
		slow.push([a.ms, q.kind, q.shown]);
		let cands = [];
		if (a.status === 200) {
			try {
				cands = JSON.parse(a.body).candidates || [];
			} catch (e) {
				cands = [];
			}
		} else if (firstStatus === null)
			firstStatus = a.status + ' ' + a.body.slice(0, 200);
		if (q.expected === null) {
			absent++;
			absentAlone += q.namesakes === 0;
			const p = cands.find((c) => c.class === 'probable' ||
				c.class === 'certain');
			if (p) {
				probable++;
				probableAlone += q.namesakes === 0;
				misses.push(`absent ${q.shown} (namesakes ` +
					`${q.namesakes})\n  got ${p.class} ` +
					`${p.score} ${p.family_name} | ${p.given_names} | ` +
					`${p.birth_date}`);
			}
			return;
		}
		known++;
		alone += q.namesakes === 0;
		const rank = cands.findIndex((c) => c.source === source &&
			q.expected.has(String(c.source_id)));
		const k = perKind[q.kind] || (perKind[q.kind] = { n: 0, r1: 0,
			r10: 0 });
		k.n++;
		if (rank === 0) {
			r1++;
			k.r1++;
			aloneR1 += q.namesakes === 0;
		}
		if (q.kind === 'exact') {
			const cl = rank >= 0 ? cands[rank].class : 'none';
			exactClass[cl in exactClass ? cl : 'none']++;
		}
		if (rank >= 0 && rank < 10) {
			r10++;
			k.r10++;
		}
		if (rank !== 0) {
			const top = cands.slice(0, 3).map((c) => `    ${c.class} ` +
				`${c.score} ${c.family_name} | ${c.given_names} | ` +
				`${c.birth_date} (${c.source_id})`).join('\n');
			misses.push(`${q.kind} ${q.shown} (namesakes ` +
				`${q.namesakes}) expected ` +
				`${[...q.expected].join(',')}: ` + (rank < 0 ?
				`not among the ${cands.length} answers` :
				`rank ${rank + 1} of ${cands.length}`) +
				(a.status !== 200 ? ` (HTTP ${a.status})` : '') +
				(top ? '\n' + top : ''));
		}
	});
	const four = await pass(CLIENTS);

	const R1 = r1 / known, R10 = r10 / known, AB = probable / absent;
	const R1A = aloneR1 / alone, ABA = probableAlone / absentAlone;
	const p95one = pct(one.lat, 95), p95four = pct(four.lat, 95);
	console.log(`search of the skewed register through nginx: ${known} ` +
		`known persons' queries, ${absent} absent persons'`);
	console.log(`  recall@1   ${f3(R1)}   target >= ${T_R1}   ` +
		mark(R1 >= T_R1));
	console.log(`  recall@1 of the ${alone} queries without a namesake ` +
		`${f3(R1A)}   target >= ${T_R1}   ` + mark(R1A >= T_R1));
	console.log(`  recall@10  ${f3(R10)}   target >= ${T_R10}   ` +
		mark(R10 >= T_R10));
	for (const k of Object.keys(perKind)) {
		const v = perKind[k];
		if (v.n)
			console.log(`    ${k.padEnd(9)} recall@1 ${f3(v.r1 / v.n)}  ` +
				`recall@10 ${f3(v.r10 / v.n)}  (${v.n} queries)`);
	}
	console.log(`  exact queries, the person's class: ` +
		Object.keys(exactClass).map((c) => `${c} ${exactClass[c]}`)
			.join(', ') + '   ("none": below possible or not answered)');
	console.log(`  absent persons answered "probable" ${f3(AB)} ` +
		`(${probable}/${absent})   target <= ${T_ABSENT}   ` +
		mark(AB <= T_ABSENT));
	console.log(`  the ${absentAlone} absent persons without a namesake ` +
		`answered "probable" ${f3(ABA)} (${probableAlone})   target <= ` +
		`${T_ABSENT}   ` + mark(ABA <= T_ABSENT));
	console.log(`  1 client:  ${one.asked} searches, p50 ` +
		`${pct(one.lat, 50).toFixed(1)} ms, p95 ${p95one.toFixed(1)} ms, ` +
		`errors ${one.errors}   target p95 < ${T_P95_1} ms   ` +
		mark(p95one < T_P95_1 && one.errors === 0));
	console.log(`  ${CLIENTS} clients: ${four.asked} searches, p50 ` +
		`${pct(four.lat, 50).toFixed(1)} ms, p95 ${p95four.toFixed(1)} ms, ` +
		`errors ${four.errors}   target p95 < ${T_P95_4} ms   ` +
		mark(p95four < T_P95_4 && four.errors === 0));
	// where the one-client time goes: p95 by kind, the slowest queries
	const byKind = {};
	for (const [ms, kind] of slow)
		(byKind[kind] = byKind[kind] || []).push(ms);
	console.log('    p50 / p95 ms by kind: ' + Object.keys(byKind).map((k) => {
		const v = byKind[k].sort((x, y) => x - y);
		return `${k} ${pct(v, 50).toFixed(0)}/${pct(v, 95).toFixed(0)}`;
	}).join(', '));
	slow.sort((x, y) => y[0] - x[0]);
	console.log('    slowest: ' + slow.slice(0, 5).map(([ms, kind, shown]) =>
		`${ms.toFixed(0)} ms ${kind} "${shown}"`).join('; '));
	if (one.asked < queries.length || four.asked < queries.length)
		console.log(`  (time budget spent: ${queries.length} queries, ` +
			`${one.asked} and ${four.asked} asked)`);
	if (firstStatus !== null)
		console.log(`  first error: ${firstStatus}`);
	if (missesFile)
		fs.writeFileSync(missesFile, misses.join('\n') + '\n');
})();

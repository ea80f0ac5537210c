// load.mjs: the dossier benchmark's client (run by run.sh).
//   node load.mjs BASE COOKIE REQUESTS CLIENTS PATH [PATH ...]
// CLIENTS concurrent loops make REQUESTS GETs in all (after CLIENTS * 2
// warm-up requests not counted), taking the paths in turn, with the
// session cookie; every answer is read whole. No new request starts
// after BENCH_BUDGET seconds (60) of measuring: a slow page gets fewer
// samples rather than a run of hours. Prints one line:
// "p50_ms p95_ms max_ms requests non200" (percentiles by nearest rank).
const [base, cookie, requestsText, clientsText, ...paths] = process.argv.slice(2);
const requests = Number(requestsText);
const clients = Number(clientsText);
if (!base || !(requests > 0) || !(clients > 0) || paths.length === 0) {
	console.error('usage: load.mjs BASE COOKIE REQUESTS CLIENTS PATH...');
	process.exit(2);
}

let next = 0;
let bad = 0;
const times = [];

async function one(record) {
	const path = paths[next++ % paths.length];
	const t0 = process.hrtime.bigint();
	const res = await fetch(base + path, { headers: { Cookie: cookie },
		redirect: 'manual' });
	await res.arrayBuffer();
	const ms = Number(process.hrtime.bigint() - t0) / 1e6;
	if (!record)
		return;
	if (res.status !== 200)
		bad++;
	times.push(ms);
}

await Promise.all(Array.from({ length: clients }, async () => {
	for (let i = 0; i < 2; i++)
		await one(false);
}));
let left = requests;
const budget = Number(process.env.BENCH_BUDGET ?? 60) * 1e9;
const start = process.hrtime.bigint();
await Promise.all(Array.from({ length: clients }, async () => {
	while (left-- > 0 && Number(process.hrtime.bigint() - start) < budget)
		await one(true);
}));
times.sort((a, b) => a - b);
const rank = (p) => times[Math.max(0, Math.ceil(times.length * p / 100) - 1)];
console.log(`${rank(50).toFixed(1)} ${rank(95).toFixed(1)} ` +
	`${times[times.length - 1].toFixed(1)} ${times.length} ${bad}`);

// load.mjs: the booking benchmark's clients (run by run.sh). Modes:
//   contention URL KEY SITE SERVICE START CLIENTS ATTEMPTS
//     CLIENTS concurrent loops make ATTEMPTS partner bookings in all on
//     one slot (distinct people); prints "successes full other seconds".
//   distinct URL KEY SITE SERVICE STARTS_FILE CLIENTS
//     one booking per start listed in the file (distinct slots); prints
//     "successes other seconds".
import { readFileSync } from 'node:fs';

const [mode, url, key, site, service, arg, clientsText, attemptsText] =
	process.argv.slice(2);
const clients = Number(clientsText);
let seq = 0;

async function book(start) {
	const i = seq++;
	const res = await fetch(`${url}/appointments/api/v1/bookings`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${key}`,
			'Content-Type': 'application/json' },
		body: JSON.stringify({ site, service, level: 'regular', start,
			family_name: `Bench${i}`, given_names: `Client ${process.pid}`,
			phone: `+3361${String(i + process.pid * 10000).padStart(7, '0')
				.slice(-7)}`, language: 'en' }),
	});
	await res.arrayBuffer();
	return res.status;
}

const t0 = process.hrtime.bigint();
const counts = { ok: 0, full: 0, other: 0 };
if (mode === 'contention') {
	let left = Number(attemptsText);
	await Promise.all(Array.from({ length: clients }, async () => {
		while (left-- > 0) {
			const s = await book(arg);
			if (s === 201) counts.ok++;
			else if (s === 409) counts.full++;
			else counts.other++;
		}
	}));
} else {
	const starts = readFileSync(arg, 'utf8').split('\n').filter(Boolean);
	let next = 0;
	await Promise.all(Array.from({ length: clients }, async () => {
		while (next < starts.length) {
			const s = await book(starts[next++]);
			if (s === 201) counts.ok++;
			else counts.other++;
		}
	}));
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
if (mode === 'contention')
	console.log(`${counts.ok} ${counts.full} ${counts.other} ${secs.toFixed(2)}`);
else
	console.log(`${counts.ok} ${counts.other} ${secs.toFixed(2)}`);

// dossier-monitor.test.mjs: the supervisors' monitoring (issue 15.6,
// GET /dossier/monitor and its CSV) on a fixture with hand-computed
// figures. The fixture has a procedure of its own (a copy of the regular
// procedure's rules, code unique to this run), so that dossiers other
// tests open in the seeded procedures never reach its figures; its
// dossiers are written through SQL with chosen lodging and decision
// dates and clocks, in 2019 (the period asked) and around it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { INTRANET, get, login, makeAgent, sql, uniqueName } from './lib.mjs';

// Decisions in 2019: [decided on, days from lodging, clocks stopped on
// the decision day (met 1 / 0; none: no deadline)].
const DECIDED = [
	['2019-01-07', 5, [1]],
	['2019-01-13', 10, [1]],
	['2019-01-14', 20, [1]],
	['2019-03-06', 30, [1]],
	['2019-03-06', 40, [0]],
	['2019-03-06', 50, [1]],
	['2019-12-31', 60, [1]],
	['2019-01-01', 70, [1, 0]],	// one of its two clocks missed
	['2019-06-10', 90, [1]],
	['2019-06-10', 182, []],	// no legal deadline stopped
];
// By hand, over the ten durations 5 10 20 30 40 50 60 70 90 182:
// p50 is the 5th value (rank ceil(0.5 * 10)) = 40, not the mean 45 of
// the 5th and 6th; p90 the 9th (rank ceil(0.9 * 10)) = 90, not the
// maximum. Nine decisions stopped a clock; seven met all of theirs
// (40 and 70 did not): 7 / 9 = 77.8 % -> 78.
const EXPECT = { decisions: 10, p50: 40, p90: 90, withDeadline: 9,
	within: 7, share: 78 };
// Weeks from Monday: 2019-01-01 is a Tuesday, so the first week starts
// on 2018-12-31 and the last on 2019-12-30 (53 weeks).
const WEEKS = { '2018-12-31': 1, '2019-01-07': 2, '2019-01-14': 1,
	'2019-03-04': 3, '2019-06-10': 2, '2019-12-30': 1 };
// Open dossiers lodged this many days ago (bands 0-30, 31-90, 91-180,
// 181-365, over 365: 1, 2, 1, 1, 2), away from the bands' edges so a
// time zone's day more or less changes nothing.
const OPEN_AGES = [10, 45, 80, 120, 250, 400, 800];
const BANDS = { '0-30': 1, '31-90': 2, '91-180': 1, '181-365': 1, '366+': 2 };
const PERSON = { family: `Zmonitorfamily${process.pid}`,
	given: `Zmonitorgiven${process.pid}` };

let procId, procCode, supervisor, officer;

function day(s, add = 0) {
	const d = new Date(`${s}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + add);
	return d.toISOString().slice(0, 10);
}

function today() {
	return new Date().toISOString().slice(0, 10);
}

function reference() {
	const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	let s = '';
	for (let i = 0; i < 8; i++)
		s += alphabet[Math.floor(Math.random() * alphabet.length)];
	return s;
}

// Insert a dossier of the fixture's procedure; returns its id.
function dossier({ lodged, decided = null, status, closed, person }) {
	const dec = decided === null ? 'NULL' : `'${decided}'`;
	const rows = sql(`INSERT INTO dossier (reference, procedure_id,
		procedure_version_id, status, lodged_on, decided_on, closed,
		created_at, updated_at) SELECT '${reference()}', p.id, v.id,
		'${status}', '${lodged}', ${dec}, ${closed}, UTC_TIMESTAMP(6),
		UTC_TIMESTAMP(6) FROM wf_procedure p JOIN wf_procedure_version v
		ON v.procedure_id = p.id WHERE p.id = ${procId};
		SELECT LAST_INSERT_ID();`);
	const id = rows[0][0];
	sql(`INSERT INTO dossier_person (dossier_id, person_id, role, added_at)
		VALUES (${id}, ${person}, 'principal', UTC_TIMESTAMP(6))`);
	return id;
}

function clock(dossierId, code, started, stopped, met) {
	sql(`INSERT INTO dossier_clock (dossier_id, code, started_on, length,
		unit, stopped_on, due_on, met) VALUES (${dossierId}, '${code}',
		'${started}', 6, 'months', '${stopped}', '${day(started, 180)}',
		${met})`);
}

before(() => {
	procCode = uniqueName('mon').toLowerCase().slice(0, 30);
	sql(`INSERT INTO wf_procedure (code, kind, name, current_version,
		version, updated_at) VALUES ('${procCode}', 'dossier',
		'Monitoring ${procCode}', 1, 1, UTC_TIMESTAMP(6))`);
	procId = sql(`SELECT id FROM wf_procedure WHERE code = '${procCode}'`)[0][0];
	sql(`INSERT INTO wf_procedure_version (procedure_id, number, definition,
		created_at) SELECT ${procId}, 1, v.definition, UTC_TIMESTAMP(6)
		FROM wf_procedure_version v JOIN wf_procedure p ON p.id =
		v.procedure_id WHERE p.code = 'regular' AND v.number = 1`);
	sql(`INSERT INTO person (family_name, given_names, family_name_latin,
		given_names_latin, created_at, updated_at) VALUES
		('${PERSON.family}', '${PERSON.given}', '${PERSON.family}',
		'${PERSON.given}', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))`);
	const person = sql(`SELECT id FROM person WHERE family_name =
		'${PERSON.family}'`)[0][0];

	for (const [decided, days, clocks] of DECIDED) {
		const lodged = day(decided, -days);
		const id = dossier({ lodged, decided, status: 'closed', closed: 1,
			person });
		clocks.forEach((met, i) => clock(id, i === 0 ? 'decision' : 'other',
			lodged, decided, met));
	}
	// The first one also has a clock missed before its decision day:
	// not a clock its decision stopped, so it is still within.
	const first = sql(`SELECT d.id FROM dossier d WHERE d.procedure_id =
		${procId} AND d.decided_on = '2019-01-07'`)[0][0];
	clock(first, 'admissibility', day('2019-01-07', -5), day('2019-01-07', -2), 0);
	// Decisions just outside 2019 (2018-12-31 is the first chart week's
	// Monday, but before the period).
	for (const decided of ['2018-12-31', '2020-01-01']) {
		const id = dossier({ lodged: day(decided, -1000), decided,
			status: 'closed', closed: 1, person });
		clock(id, 'decision', day(decided, -1000), decided, 0);
	}
	for (const age of OPEN_AGES)
		dossier({ lodged: day(today(), -age), status: 'lodged', closed: 0,
			person });
	// Withdrawn (final): not in the backlog.
	dossier({ lodged: day(today(), -50), status: 'withdrawn', closed: 1,
		person });

	supervisor = makeAgent('monsup', ['supervisor']);
	officer = makeAgent('monoff', ['case_officer']);
});

// The cells of the table rows marked data-figure=name: [{col: text}].
function rows(html, name) {
	const out = [];
	const re = new RegExp(`<tr[^>]*data-figure="${name}"[^>]*>([\\s\\S]*?)</tr>`, 'g');
	for (const [, inner] of html.matchAll(re)) {
		const row = {};
		const head = /<th scope="row"[^>]*>([^<]*)<\/th>/.exec(inner);
		row.head = head ? head[1] : '';
		for (const [, col, v] of inner.matchAll(/data-col="(\w+)">([^<]*)</g))
			row[col] = v;
		out.push(row);
	}
	return out;
}

function csvRows(text) {
	return text.split('\r\n').filter((l) => l !== '').map((l) => l.split(','));
}

async function supervisorJar() {
	const { jar, res } = await login(supervisor.username, supervisor.password);
	assert.equal(res.status, 303);
	return jar;
}

test('the page shows the hand-computed figures of a year of one procedure', async () => {
	const jar = await supervisorJar();
	const r = await get(INTRANET, `/dossier/monitor?procedure=${procId}&year=2019`, { jar });
	assert.equal(r.status, 200);
	assert.match(r.text, /2019-01-01 – 2019-12-31/);

	const [p] = rows(r.text, 'processing');
	assert.equal(p.head, `Monitoring ${procCode}`);
	assert.equal(Number(p.decisions), EXPECT.decisions);
	assert.equal(Number(p.p50), EXPECT.p50);
	assert.equal(Number(p.p90), EXPECT.p90);
	assert.equal(Number(p.open), OPEN_AGES.length);

	const [d] = rows(r.text, 'deadline');
	assert.equal(Number(d.with), EXPECT.withDeadline);
	assert.equal(Number(d.within), EXPECT.within);
	assert.equal(Number(d.share), EXPECT.share);

	const bands = rows(r.text, 'backlog').map((b) => Number(b.open));
	assert.deepEqual(bands, Object.values(BANDS));
	assert.equal(Number(rows(r.text, 'backlog-total')[0].open), OPEN_AGES.length);

	const weeks = rows(r.text, 'week');
	assert.equal(weeks.length, 53);
	assert.equal(weeks[0].head, '2018-12-31');
	assert.equal(weeks[52].head, '2019-12-30');
	for (const w of weeks)
		assert.equal(Number(w.decisions), WEEKS[w.head] ?? 0, `week ${w.head}`);
	assert.equal(Number(rows(r.text, 'weeks-total')[0].decisions), EXPECT.decisions);

	// Charts: inline SVG with a text alternative, no script.
	assert.match(r.text, /<svg class="chart"[^>]*role="img"/);
	assert.match(r.text, new RegExp(`<desc id="processing-d">Monitoring ${procCode}: p50 \\(days\\) 40 p90 \\(days\\) 90</desc>`));
	assert.match(r.text, /<title>2019-03-04: 3<\/title>/);
	assert.doesNotMatch(r.text, /<script/);
	// No personal data: the applicant's name is nowhere.
	assert.ok(!r.text.includes(PERSON.family) && !r.text.includes(PERSON.given));
});

test('the CSV tables carry the same figures, codes and counts only', async () => {
	const jar = await supervisorJar();
	const q = `procedure=${procId}&year=2019`;
	const get_ = async (table) => {
		const r = await get(INTRANET, `/dossier/monitor/export?${q}&table=${table}`, { jar });
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-type'), /^text\/csv/);
		assert.match(r.headers.get('content-disposition'),
			new RegExp(`attachment; filename="dossier-${table}-2019-01-01-2019-12-31.csv"`));
		assert.ok(!r.text.includes(PERSON.family) && !r.text.includes(PERSON.given),
			`${table}: no names`);
		return csvRows(r.text);
	};
	assert.deepEqual(await get_('processing'), [
		['procedure', 'decisions', 'p50_days', 'p90_days', 'open'],
		[procCode, '10', '40', '90', String(OPEN_AGES.length)],
	]);
	assert.deepEqual(await get_('deadline'), [
		['procedure', 'decisions_with_deadline', 'within_deadline', 'share_pct'],
		[procCode, '9', '7', '78'],
	]);
	assert.deepEqual(await get_('backlog'), [
		['procedure', 'age_days', 'open'],
		...Object.entries(BANDS).map(([band, n]) => [procCode, band, String(n)]),
	]);
	const weeks = await get_('weeks');
	assert.deepEqual(weeks[0], ['week_start', 'decisions']);
	assert.equal(weeks.length, 54);
	for (const [start, n] of weeks.slice(1))
		assert.equal(Number(n), WEEKS[start] ?? 0, `week ${start}`);
});

test('a period from/to narrows the decisions; a reversed period is refused', async () => {
	const jar = await supervisorJar();
	// 2019-03-01 .. 2019-06-30: durations 30 40 50 90 182 -> p50 the 3rd
	// (50), p90 the 5th (182).
	const r = await get(INTRANET, `/dossier/monitor?procedure=${procId}&from=2019-03-01&to=2019-06-30`, { jar });
	assert.equal(r.status, 200);
	const [p] = rows(r.text, 'processing');
	assert.deepEqual([p.decisions, p.p50, p.p90], ['5', '50', '182']);
	const c = await get(INTRANET, `/dossier/monitor/export?procedure=${procId}&from=2019-03-01&to=2019-06-30&table=deadline`, { jar });
	assert.deepEqual(csvRows(c.text)[1], [procCode, '4', '3', '75']);

	const bad = await get(INTRANET, `/dossier/monitor?procedure=${procId}&from=2019-06-30&to=2019-03-01`, { jar });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /The period must end on or after its first day/);
});

test('all procedures: the fixture is one row, with a total row', async () => {
	const jar = await supervisorJar();
	const r = await get(INTRANET, '/dossier/monitor?year=2019', { jar });
	assert.equal(r.status, 200);
	const all = rows(r.text, 'processing');
	const mine = all.find((x) => x.head === `Monitoring ${procCode}`);
	assert.equal(mine.p50, '40');
	assert.match(r.text, /<tr class="total" data-figure="processing">\s*<th scope="row">All procedures<\/th>/);
	const c = await get(INTRANET, '/dossier/monitor/export?year=2019', { jar });
	const lines = csvRows(c.text);
	assert.deepEqual(lines.find((l) => l[0] === procCode), [procCode, '10', '40', '90', String(OPEN_AGES.length)]);
	assert.equal(lines[lines.length - 1][0], 'all');
});

test('an unknown procedure is 404', async () => {
	const jar = await supervisorJar();
	const r = await get(INTRANET, '/dossier/monitor?procedure=999999999&year=2019', { jar });
	assert.equal(r.status, 404);
});

test('a case officer (no dossier.monitor) gets 403 on the page and the CSV', async () => {
	const { jar, res } = await login(officer.username, officer.password);
	assert.equal(res.status, 303);
	for (const path of [`/dossier/monitor?procedure=${procId}&year=2019`,
		`/dossier/monitor/export?procedure=${procId}&year=2019&table=processing`]) {
		const r = await get(INTRANET, path, { jar });
		assert.equal(r.status, 403, path);
		assert.doesNotMatch(r.text, /p50_days|data-figure/);
	}
	// The work list links the monitoring for supervisors only.
	const list = await get(INTRANET, '/dossier', { jar });
	assert.equal(list.status, 200);
	assert.doesNotMatch(list.text, /href="\/dossier\/monitor"/);
	const sup = await get(INTRANET, '/dossier', { jar: await supervisorJar() });
	assert.match(sup.text, /href="\/dossier\/monitor"/);
});

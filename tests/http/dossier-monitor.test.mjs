// dossier-monitor.test.mjs: the supervisors' monitoring (issue 15.6,
// GET /dossier/monitor and its CSV) on a fixture with hand-computed
// figures. The fixture has a procedure of its own (a copy of the regular
// procedure's rules, code unique to this run), so that dossiers other
// tests open in the seeded procedures never reach its figures. Its
// dossiers are written through SQL in status decision_drafted with a
// chosen lodging date and decision clock, then decided through the
// dossier page by a case officer: the decision's transaction stops the
// clocks and keeps the monitoring's counters (migration 0017). Open
// dossiers of known ages make the backlog.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { INTRANET, csrfOf, get, login, makeAgent, post, sql, uniqueName }
	from './lib.mjs';

// Decided today, lodged this many days before; the decision clock's
// rule in months (6: met, as every duration below but 250 is under 6
// months; 1: missed), or none.
const DECIDED = [[5, 6], [10, 6], [20, 6], [25, 6], [40, 1], [50, 6],
	[60, 6], [70, 6], [85, null], [250, 6]];
// By hand, over the ten durations 5 10 20 25 40 50 60 70 85 250: p50 is
// the 5th value (rank ceil(0.5 * 10)) = 40, not the mean 45 of the 5th
// and 6th; p90 the 9th (rank ceil(0.9 * 10)) = 85, not the maximum.
// Nine decisions stopped a clock (85 had none); seven were in time (40
// had a 1-month rule, 250 passed 6 months): 7 / 9 = 77.8 % -> 78.
const EXPECT = { decisions: 10, p50: 40, p90: 85, withDeadline: 9,
	within: 7, share: 78 };
// Open dossiers lodged this many days ago; the decided ones above stay
// open too (decided is not a final status). Bands 0-30, 31-90, 91-180,
// 181-365, over 365: decided 4, 5, 0, 1, 0 and these 1, 2, 1, 1, 2. No
// age sits on a band's edge, so a time zone's day more or less changes
// nothing.
const OPEN_AGES = [10, 45, 80, 120, 250, 400, 800];
const BANDS = { '0-30': 5, '31-90': 7, '91-180': 1, '181-365': 2, '366+': 2 };
const OPEN = 17;
// Open exchanges past their due date (the fixture has four: two open and
// past due, one open and not due, one answered late).
const XOVERDUE = 2;
const PERSON = { family: `Zmonitorfamily${process.pid}`,
	given: `Zmonitorgiven${process.pid}` };

let procId, procCode, supervisor, officer, shift = 0;

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
function dossier({ lodged, status, closed, person }) {
	const rows = sql(`INSERT INTO dossier (reference, procedure_id,
		procedure_version_id, status, lodged_on, closed, created_at,
		updated_at) SELECT '${reference()}', p.id, v.id, '${status}',
		'${lodged}', ${closed}, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
		FROM wf_procedure p JOIN wf_procedure_version v
		ON v.procedure_id = p.id WHERE p.id = ${procId};
		SELECT LAST_INSERT_ID();`);
	const id = rows[0][0];
	sql(`INSERT INTO dossier_person (dossier_id, person_id, role, added_at)
		VALUES (${id}, ${person}, 'principal', UTC_TIMESTAMP(6))`);
	return id;
}

before(async () => {
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

	supervisor = makeAgent('monsup', ['supervisor']);
	officer = makeAgent('monoff', ['case_officer']);
	const { jar, res } = await login(officer.username, officer.password);
	assert.equal(res.status, 303);

	const decided = [];
	for (const [days, months] of DECIDED) {
		const lodged = day(today(), -days);
		const id = dossier({ lodged, status: 'decision_drafted', closed: 0,
			person });
		if (months !== null)
			sql(`INSERT INTO dossier_clock (dossier_id, code, started_on,
				length, unit, due_on) VALUES (${id}, 'decision',
				'${lodged}', ${months}, 'months', '${lodged}' +
				INTERVAL ${months} MONTH)`);
		decided.push(id);
	}
	for (const id of decided) {
		const page = await get(INTRANET, `/dossier/${id}`, { jar });
		assert.equal(page.status, 200);
		const r = await post(INTRANET, `/dossier/${id}/transition`,
			{ csrf: csrfOf(page.text), to: 'decided', version: 1 },
			{ jar, headers: { Origin: INTRANET } });
		assert.equal(r.status, 303, `dossier ${id} decided`);
	}
	// The agency's day may differ from the test's UTC day by one: every
	// duration then moves by the same day.
	shift = Number(sql(`SELECT DATEDIFF(decided_on, lodged_on) FROM dossier
		WHERE id = ${decided[0]}`)[0][0]) - DECIDED[0][0];
	assert.ok(Math.abs(shift) <= 1);

	const open = OPEN_AGES.map((age) => dossier({ lodged: day(today(), -age),
		status: 'lodged', closed: 0, person }));
	// Exchanges: open and past due (2: overdue), open and not due yet,
	// answered after its due date (closed: not overdue).
	for (const [due, status, isOpen] of [[-5, 'sent', 1],
		[-1, 'acknowledged', 1], [10, 'sent', 1], [-20, 'answered', 0]])
		sql(`INSERT INTO exchange (dossier_id, type, legal_basis, question,
			due_on, service_id, status, open, sent_at, sent_actor)
			VALUES (${open[0]}, 'translation', 'Test basis', 'Test question',
			'${day(today(), due)}', (SELECT MIN(id) FROM exchange_service),
			'${status}', ${isOpen}, UTC_TIMESTAMP(6), 'Test')`);
	// Withdrawn (final): not in the backlog.
	dossier({ lodged: day(today(), -50), status: 'withdrawn', closed: 1,
		person });
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

// The page's period (the agency's current year) and the week rows.
function periodOf(html) {
	const m = /(\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})/.exec(html);
	return { from: m[1], to: m[2] };
}

test('the page shows the hand-computed figures of this year of one procedure', async () => {
	const jar = await supervisorJar();
	const r = await get(INTRANET, `/dossier/monitor?procedure=${procId}`, { jar });
	assert.equal(r.status, 200);
	const { from, to } = periodOf(r.text);
	assert.match(from, /^\d{4}-01-01$/);
	assert.equal(to, `${from.slice(0, 4)}-12-31`);

	const [p] = rows(r.text, 'processing');
	assert.equal(p.head, `Monitoring ${procCode}`);
	assert.equal(Number(p.decisions), EXPECT.decisions);
	assert.equal(Number(p.p50), EXPECT.p50 + shift);
	assert.equal(Number(p.p90), EXPECT.p90 + shift);
	assert.equal(Number(p.open), OPEN);

	const [d] = rows(r.text, 'deadline');
	assert.equal(Number(d.with), EXPECT.withDeadline);
	assert.equal(Number(d.within), EXPECT.within);
	assert.equal(Number(d.share), EXPECT.share);

	const [x] = rows(r.text, 'exchanges');
	assert.equal(x.overdue, String(XOVERDUE));

	const bands = rows(r.text, 'backlog').map((b) => Number(b.open));
	assert.deepEqual(bands, Object.values(BANDS));
	assert.equal(Number(rows(r.text, 'backlog-total')[0].open), OPEN);

	// Weeks from Monday over the year: all ten decisions in this week.
	const weeks = rows(r.text, 'week');
	assert.ok(weeks.length >= 53 && weeks.length <= 54);
	assert.ok(weeks[0].head <= from && day(weeks[0].head, 7) > from);
	const busy = weeks.filter((w) => Number(w.decisions) > 0);
	assert.equal(busy.length, 1);
	assert.equal(Number(busy[0].decisions), EXPECT.decisions);
	assert.ok(busy[0].head <= day(today(), 1) && day(busy[0].head, 7) >= today());
	assert.equal(Number(rows(r.text, 'weeks-total')[0].decisions), EXPECT.decisions);

	// Charts: inline SVG with a text alternative, no script.
	assert.match(r.text, /<svg class="chart"[^>]*role="img"/);
	assert.match(r.text, new RegExp(`<desc id="processing-d">Monitoring ${procCode}: p50 \\(days\\) ${EXPECT.p50 + shift} p90 \\(days\\) ${EXPECT.p90 + shift}</desc>`));
	assert.match(r.text, new RegExp(`<title>${busy[0].head}: 10</title>`));
	assert.doesNotMatch(r.text, /<script/);
	// No personal data: the applicant's name is nowhere.
	assert.ok(!r.text.includes(PERSON.family) && !r.text.includes(PERSON.given));
});

test('the CSV tables carry the same figures, codes and counts only', async () => {
	const jar = await supervisorJar();
	const page = await get(INTRANET, `/dossier/monitor?procedure=${procId}`, { jar });
	const { from, to } = periodOf(page.text);
	const q = `procedure=${procId}&year=${from.slice(0, 4)}`;
	const get_ = async (table) => {
		const r = await get(INTRANET, `/dossier/monitor/export?${q}&table=${table}`, { jar });
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-type'), /^text\/csv/);
		assert.equal(r.headers.get('content-disposition'),
			`attachment; filename="dossier-${table}-${from}-${to}.csv"`);
		assert.ok(!r.text.includes(PERSON.family) && !r.text.includes(PERSON.given),
			`${table}: no names`);
		return csvRows(r.text);
	};
	assert.deepEqual(await get_('processing'), [
		['procedure', 'decisions', 'p50_days', 'p90_days', 'open'],
		[procCode, '10', String(EXPECT.p50 + shift), String(EXPECT.p90 + shift),
			String(OPEN)],
	]);
	assert.deepEqual(await get_('deadline'), [
		['procedure', 'decisions_with_deadline', 'within_deadline', 'share_pct'],
		[procCode, '9', '7', '78'],
	]);
	assert.deepEqual(await get_('backlog'), [
		['procedure', 'age_days', 'open'],
		...Object.entries(BANDS).map(([band, n]) => [procCode, band, String(n)]),
	]);
	assert.deepEqual(await get_('exchanges'), [
		['procedure', 'exchanges_overdue'], [procCode, String(XOVERDUE)],
	]);
	const weeks = await get_('weeks');
	assert.deepEqual(weeks[0], ['week_start', 'decisions']);
	assert.equal(weeks.slice(1).reduce((a, [, n]) => a + Number(n), 0), 10);
	assert.equal(weeks.slice(1).filter(([, n]) => n !== '0').length, 1);
});

test('a period in whole months: this month has the decisions, another none; a broken month is refused', async () => {
	const jar = await supervisorJar();
	const decidedOn = sql(`SELECT MIN(decided_on) FROM dossier WHERE
		procedure_id = ${procId}`)[0][0];
	const first = `${decidedOn.slice(0, 8)}01`;
	const last = day(day(first, 32).slice(0, 8) + '01', -1);
	const r = await get(INTRANET, `/dossier/monitor?procedure=${procId}&from=${first}&to=${last}`, { jar });
	assert.equal(r.status, 200);
	const [p] = rows(r.text, 'processing');
	assert.deepEqual([p.decisions, p.p50, p.p90], ['10',
		String(EXPECT.p50 + shift), String(EXPECT.p90 + shift)]);
	const c = await get(INTRANET, `/dossier/monitor/export?procedure=${procId}&from=${first}&to=${last}&table=deadline`, { jar });
	assert.deepEqual(csvRows(c.text)[1], [procCode, '9', '7', '78']);

	const none = await get(INTRANET, `/dossier/monitor?procedure=${procId}&from=2019-03-01&to=2019-06-30`, { jar });
	assert.equal(none.status, 200);
	const [q] = rows(none.text, 'processing');
	assert.deepEqual([q.decisions, q.p50, q.p90], ['0', '–', '–']);
	// The backlog is today's, whatever the period.
	assert.equal(Number(q.open), OPEN);

	for (const bad of ['from=2019-06-30&to=2019-03-01',
		'from=2019-03-02&to=2019-06-30', 'from=2019-03-01&to=2019-06-29']) {
		const b = await get(INTRANET, `/dossier/monitor?procedure=${procId}&${bad}`, { jar });
		assert.equal(b.status, 422, bad);
		assert.match(b.text, /The period runs over whole months/);
	}
});

test('all procedures: the fixture is one row, with a total row', async () => {
	const jar = await supervisorJar();
	const r = await get(INTRANET, '/dossier/monitor', { jar });
	assert.equal(r.status, 200);
	const all = rows(r.text, 'processing');
	const mine = all.find((x) => x.head === `Monitoring ${procCode}`);
	assert.equal(mine.p50, String(EXPECT.p50 + shift));
	assert.match(r.text, /<tr class="total" data-figure="processing">\s*<th scope="row">All procedures<\/th>/);
	const c = await get(INTRANET, '/dossier/monitor/export', { jar });
	const lines = csvRows(c.text);
	assert.deepEqual(lines.find((l) => l[0] === procCode), [procCode, '10',
		String(EXPECT.p50 + shift), String(EXPECT.p90 + shift), String(OPEN)]);
	assert.equal(lines[lines.length - 1][0], 'all');
});

test('an unknown procedure is 404', async () => {
	const jar = await supervisorJar();
	const r = await get(INTRANET, '/dossier/monitor?procedure=999999999', { jar });
	assert.equal(r.status, 404);
});

test('a case officer (no dossier.monitor) gets 403 on the page and the CSV', async () => {
	const { jar, res } = await login(officer.username, officer.password);
	assert.equal(res.status, 303);
	for (const path of [`/dossier/monitor?procedure=${procId}`,
		`/dossier/monitor/export?procedure=${procId}&table=processing`]) {
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

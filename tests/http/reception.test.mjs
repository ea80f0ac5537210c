// tests/http/reception.test.mjs: havre-reception through nginx to the
// real program and MariaDB: a full visit through every station (check-in
// by scanned reference, calls, starts, finishes, the display board), walk-
// ins within the walk-in quota, the recall limit, the lazy no-show
// marking, refusals that change nothing, and the dashboard figures of a
// fixture day whose expected values are computed by hand below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	INTRANET, PUBLIC, csrfOf, get, login, makeAgent, post, sql,
} from './lib.mjs';
import {
	levels, makeAppointment, makeSite, makeStations,
} from './reception-fixture.mjs';

const desk = makeAgent('rdesk', ['reception']);
const boss = makeAgent('rboss', ['supervisor']);
const ORIGIN = { Origin: INTRANET };

// A signed-in agent's jar and a CSRF token from a page of theirs.
async function session(agent, page = '/reception') {
	const { jar } = await login(agent.username, agent.password);
	const r = await get(INTRANET, page, { jar });
	return { jar, csrf: csrfOf(r.text) };
}

// POST as a signed-in agent (with the CSRF token and Origin).
function send(s, path, fields) {
	return post(INTRANET, path, { csrf: s.csrf, ...fields },
		{ jar: s.jar, headers: ORIGIN });
}

// One visit's row: status, station, version, counter.
function visitOf(apptId) {
	const r = sql(`SELECT id, status, COALESCE(station_id, 0), version,
		COALESCE(counter_id, 0), ticket FROM visit
		WHERE appointment_id = ${apptId}`)[0];
	return r && { id: Number(r[0]), status: r[1], station: Number(r[2]),
		version: Number(r[3]), counter: Number(r[4]), ticket: r[5] };
}

// The events of a visit, in order.
function eventsOf(visitId) {
	return sql(`SELECT kind, COALESCE(station_id, 0), COALESCE(outcome, '')
		FROM visit_event WHERE visit_id = ${visitId} ORDER BY id`)
		.map((r) => `${r[0]}${r[1] !== '0' ? '@' + r[1] : ''}` +
			`${r[2] ? ':' + r[2] : ''}`);
}

test('a full visit through every station, the board and the refusals', async () => {
	const s = makeSite();
	const st = makeStations(s.siteId, s.serviceId,
		['Document check', 'Photo', 'Exit']);
	const a = makeAppointment(s, { start: 'UTC_TIMESTAMP() + INTERVAL 10 MINUTE' });
	const d = await session(desk, `/reception/checkin?site=${s.siteId}`);

	// The scanner's input: lower case with the dash, and a line end.
	const ref = `${a.reference.slice(0, 4)}-${a.reference.slice(4)}`
		.toLowerCase() + '\n';
	let r = await send(d, '/reception/checkin', { site: s.siteId, ref });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	const loc = r.headers.get('location');
	assert.match(loc, /^\/reception\/checkin\?site=\d+&visit=\d+$/);
	r = await get(INTRANET, loc, { jar: d.jar });
	assert.equal(r.status, 200);
	assert.match(r.text, /C001/);
	assert.match(r.text, /Document check/);
	assert.match(r.text, /min early/);
	let v = visitOf(a.id);
	assert.equal(v.status, 'waiting');
	assert.equal(v.station, st[0].id);
	assert.equal(v.ticket, 'C001');
	assert.equal(sql(`SELECT status FROM appointment WHERE id = ${a.id}`)[0][0],
		'arrived');
	assert.deepEqual(eventsOf(v.id), ['arrival', `queue@${st[0].id}`]);

	// Checking it in twice: a message, nothing changes.
	r = await send(d, '/reception/checkin', { site: s.siteId, ref: a.reference });
	assert.equal(r.status, 422);
	assert.match(r.text, /already checked in/);
	assert.equal(visitOf(a.id).version, v.version);

	// The board: the ticket waits; no personal data.
	r = await get(PUBLIC, `/board/${s.site}`);
	assert.equal(r.status, 200);
	assert.match(r.text, /<noscript><meta http-equiv="refresh" content="\d+"><\/noscript>/);
	assert.match(r.text, /<script src="\/static\/board.js" defer><\/script>/);
	assert.match(r.text, /C001/);
	assert.doesNotMatch(r.text, new RegExp(a.family));
	assert.match(r.text, /lang="fr"/);
	assert.match(r.text, /lang="ar" dir="rtl"/);

	// Through the three stations.
	const c = await session(desk, `/reception/counter?counter=${st[0].counterId}`);
	for (let i = 0; i < st.length; i++) {
		const counter = st[i].counterId;
		r = await send(c, `/reception/counter/${counter}/call`, {});
		assert.equal(r.status, 303, r.text.slice(0, 500));
		v = visitOf(a.id);
		assert.equal(v.status, 'called');
		assert.equal(v.counter, counter);
		// The counter's screen: who was called, the reference as
		// printed on the applicant's paper (XXXX-XXXX).
		const screen = await get(INTRANET, `/reception/counter?counter=${counter}`,
			{ jar: c.jar });
		assert.ok(screen.text.includes(
			`${a.reference.slice(0, 4)}-${a.reference.slice(4)}`),
		'the counter shows the reference as printed');
		const board = await get(PUBLIC, `/board/${s.site}`);
		assert.match(board.text, new RegExp(`C001</td><td dir="ltr">${i + 1}<`));
		r = await send(c, `/reception/visits/${v.id}/start`,
			{ counter, version: v.version });
		assert.equal(r.status, 303);
		v = visitOf(a.id);
		assert.equal(v.status, 'serving');
		const before = v.version;
		r = await send(c, `/reception/visits/${v.id}/finish`,
			{ counter, version: v.version });
		assert.equal(r.status, 303);
		// Finishing the same step again: refused, nothing changes.
		const after = visitOf(a.id);
		r = await send(c, `/reception/visits/${v.id}/finish`,
			{ counter, version: before });
		assert.equal(r.status, 409);
		assert.match(r.text, /already finished/);
		assert.deepEqual(visitOf(a.id), after);
	}
	v = visitOf(a.id);
	assert.equal(v.status, 'done');
	assert.equal(sql(`SELECT status FROM appointment WHERE id = ${a.id}`)[0][0],
		'done');
	const ev = eventsOf(v.id);
	assert.deepEqual(ev, ['arrival', `queue@${st[0].id}`,
		`call@${st[0].id}`, `start@${st[0].id}`, `end@${st[0].id}`,
		`queue@${st[1].id}`, `call@${st[1].id}`, `start@${st[1].id}`,
		`end@${st[1].id}`, `queue@${st[2].id}`, `call@${st[2].id}`,
		`start@${st[2].id}`, `end@${st[2].id}`, 'exit']);
	assert.ok(Number(sql(`SELECT COUNT(*) FROM audit_event
		WHERE entity = 'visit' AND entity_id = '${v.id}'`)[0][0]) >= 9);

	// Calling with an empty queue: a message, nothing changes.
	const events = Number(sql('SELECT COUNT(*) FROM visit_event')[0][0]);
	r = await send(c, `/reception/counter/${st[0].counterId}/call`, {});
	assert.equal(r.status, 409);
	assert.match(r.text, /No one is waiting/);
	assert.equal(Number(sql('SELECT COUNT(*) FROM visit_event')[0][0]), events);
});

test('check-in refusals: unknown, cancelled, another day, another site', async () => {
	const s = makeSite();
	const other = makeSite();
	makeStations(s.siteId, s.serviceId, ['Desk']);
	const d = await session(desk, `/reception/checkin?site=${s.siteId}`);
	const cancelled = makeAppointment(s, { status: 'cancelled' });
	const tomorrow = makeAppointment(s, { start: 'UTC_TIMESTAMP() + INTERVAL 2 DAY' });
	const elsewhere = makeAppointment(other);
	const cases = [
		['ZZZZ-2222', /No appointment has this reference/],
		['not a ref!', /No appointment has this reference/],
		[cancelled.reference, /was cancelled/],
		[tomorrow.reference, /not for today/],
		[elsewhere.reference, /at another site/],
	];
	const visits = Number(sql('SELECT COUNT(*) FROM visit')[0][0]);
	for (const [ref, msg] of cases) {
		const r = await send(d, '/reception/checkin', { site: s.siteId, ref });
		assert.equal(r.status, 422, ref);
		assert.match(r.text, msg, ref);
	}
	assert.equal(Number(sql('SELECT COUNT(*) FROM visit')[0][0]), visits);
	assert.equal(sql(`SELECT status FROM appointment
		WHERE id = ${cancelled.id}`)[0][0], 'cancelled');
	assert.equal(sql(`SELECT status FROM appointment
		WHERE id = ${tomorrow.id}`)[0][0], 'booked');
	// Today's list finds people by name and phone.
	const today = makeAppointment(s, { family: 'Zanzibarian' });
	let r = await get(INTRANET,
		`/reception/checkin?site=${s.siteId}&q=zanzibar`, { jar: d.jar });
	assert.match(r.text, /Zanzibarian/);
	// The reference as printed for the applicant: XXXX-XXXX.
	assert.match(r.text, new RegExp(`${today.reference.slice(0, 4)}-${today.reference.slice(4)}`));
	r = await get(INTRANET,
		`/reception/checkin?site=${s.siteId}&q=nobodyhere`, { jar: d.jar });
	assert.doesNotMatch(r.text, /Zanzibarian/);
});

test('walk-ins take a seat of the walk-in quota, never more', async () => {
	const s = makeSite({ walkin: 1 });
	makeStations(s.siteId, s.serviceId, ['Desk']);
	const lv = levels();
	const d = await session(desk, `/reception/checkin?site=${s.siteId}`);
	const form = { site: s.siteId, service: s.serviceId, level: lv.regular,
		family_name: 'Walker', given_names: 'Wanda', phone: '+33611111111' };
	let r = await send(d, '/reception/walkin', form);
	assert.equal(r.status, 303, r.text.slice(0, 400));
	r = await get(INTRANET, r.headers.get('location'), { jar: d.jar });
	assert.match(r.text, /C001/);
	const slot = sql(`SELECT booked, capacity FROM slot_quota
		WHERE site_id = ${s.siteId} AND channel = 'walkin'
		AND level_id = ${lv.regular} AND booked > 0`);
	assert.deepEqual(slot, [['1', '1']]);
	// The slot is full: a second walk-in is refused, nothing written.
	const appts = Number(sql(`SELECT COUNT(*) FROM appointment
		WHERE site_id = ${s.siteId}`)[0][0]);
	r = await send(d, '/reception/walkin',
		{ ...form, family_name: 'Second', phone: '+33622222222' });
	assert.equal(r.status, 422);
	assert.match(r.text, /walk-in quota of this slot is used up/);
	assert.equal(Number(sql(`SELECT COUNT(*) FROM appointment
		WHERE site_id = ${s.siteId}`)[0][0]), appts);
	// Another level has its own quota and letter.
	r = await send(d, '/reception/walkin',
		{ ...form, level: lv.extreme, family_name: 'Third' });
	assert.equal(r.status, 303);
	r = await get(INTRANET, r.headers.get('location'), { jar: d.jar });
	assert.match(r.text, /A001/);
	assert.equal(sql(`SELECT channel, status FROM appointment
		WHERE site_id = ${s.siteId} AND family_name = 'Third'`)[0].join(),
		'walkin,arrived');
});

test('queue order, recall limit, absence, stale versions', async () => {
	const s = makeSite();
	const [st] = makeStations(s.siteId, s.serviceId, ['Desk']);
	const d = await session(desk, `/reception/checkin?site=${s.siteId}`);
	// Regular first in time, then urgent, then extreme: called in the
	// reverse order (level rank first).
	const regular = makeAppointment(s, { start: 'UTC_TIMESTAMP() - INTERVAL 30 MINUTE' });
	const urgent = makeAppointment(s, { level: 'urgent' });
	const extreme = makeAppointment(s, { level: 'extreme', start: 'UTC_TIMESTAMP() + INTERVAL 30 MINUTE' });
	for (const a of [regular, urgent, extreme])
		assert.equal((await send(d, '/reception/checkin',
			{ site: s.siteId, ref: a.reference })).status, 303);
	const counter = st.counterId;
	let r = await send(d, `/reception/counter/${counter}/call`, {});
	assert.equal(r.status, 303);
	assert.equal(visitOf(extreme.id).status, 'called');
	// Calling again while someone is at the counter: refused.
	r = await send(d, `/reception/counter/${counter}/call`, {});
	assert.equal(r.status, 409);
	let v = visitOf(extreme.id);
	// A stale version: refused, nothing changes.
	r = await send(d, `/reception/visits/${v.id}/start`,
		{ counter, version: v.version - 1 });
	assert.equal(r.status, 409);
	assert.match(r.text, /changed this meanwhile/);
	assert.deepEqual(visitOf(extreme.id), v);
	// Recalls up to the limit (3), then absent.
	for (let i = 0; i < 3; i++) {
		v = visitOf(extreme.id);
		r = await send(d, `/reception/visits/${v.id}/recall`,
			{ counter, version: v.version });
		assert.equal(r.status, 303);
	}
	v = visitOf(extreme.id);
	r = await send(d, `/reception/visits/${v.id}/recall`,
		{ counter, version: v.version });
	assert.equal(r.status, 409);
	assert.match(r.text, /maximum number of times/);
	r = await send(d, `/reception/visits/${v.id}/absent`,
		{ counter, version: v.version });
	assert.equal(r.status, 303);
	assert.equal(visitOf(extreme.id).status, 'absent');
	assert.deepEqual(eventsOf(v.id).slice(-5), [`call@${st.id}`,
		`recall@${st.id}`, `recall@${st.id}`, `recall@${st.id}`,
		`outcome@${st.id}:absent`]);
	r = await send(d, `/reception/counter/${counter}/call`, {});
	assert.equal(visitOf(urgent.id).status, 'called');
	v = visitOf(urgent.id);
	r = await send(d, `/reception/visits/${v.id}/returning`,
		{ counter, version: v.version });
	assert.equal(r.status, 303);
	assert.equal(visitOf(urgent.id).status, 'returning');
	r = await send(d, `/reception/counter/${counter}/call`, {});
	assert.equal(visitOf(regular.id).status, 'called');
	// An unknown action or counter: 404.
	v = visitOf(regular.id);
	r = await send(d, `/reception/visits/${v.id}/dance`,
		{ counter, version: v.version });
	assert.equal(r.status, 404);
});

test('no-shows are marked on the first request after the site closed', async () => {
	const s = makeSite();
	makeStations(s.siteId, s.serviceId, ['Desk']);
	const past = makeAppointment(s, { start: 'UTC_TIMESTAMP() - INTERVAL 2 DAY' });
	const later = makeAppointment(s, { start: 'UTC_TIMESTAMP() + INTERVAL 2 DAY' });
	const d = await session(desk);
	const r = await get(INTRANET, `/reception/checkin?site=${s.siteId}`,
		{ jar: d.jar });
	assert.equal(r.status, 200);
	assert.equal(sql(`SELECT status FROM appointment WHERE id = ${past.id}`)[0][0],
		'noshow');
	assert.equal(sql(`SELECT status FROM appointment WHERE id = ${later.id}`)[0][0],
		'booked');
	assert.equal(sql(`SELECT COUNT(*) FROM audit_event WHERE entity =
		'appointment' AND entity_id = '${past.id}' AND action = 'noshow'`)[0][0],
		'1');
	// Once per site and day: a second request marks nothing more.
	assert.equal(sql(`SELECT COUNT(*) FROM reception_day_close
		WHERE site_id = ${s.siteId}`)[0][0], '1');
});

test('stations and counters are configured by a supervisor', async () => {
	const s = makeSite();
	const b = await session(boss, `/reception/stations?site=${s.siteId}&service=${s.serviceId}`);
	let r = await send(b, '/reception/stations',
		{ site: s.siteId, service: s.serviceId, name: 'Archives', position: 1 });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const [id, version] = sql(`SELECT id, version FROM station
		WHERE site_id = ${s.siteId}`)[0];
	r = await send(b, `/reception/stations/${id}/counters`, { name: '7' });
	assert.equal(r.status, 303);
	r = await send(b, `/reception/stations/${id}/counters`, { name: '7' });
	assert.equal(r.status, 422);
	r = await send(b, `/reception/stations/${id}`,
		{ name: 'Data entry', position: 2, active: 1, version });
	assert.equal(r.status, 303);
	// The same (now stale) version again: 409 with the stored values.
	r = await send(b, `/reception/stations/${id}`,
		{ name: 'Photo', position: 2, active: 1, version });
	assert.equal(r.status, 409);
	assert.match(r.text, /Data entry/);
	assert.equal(sql(`SELECT name FROM station WHERE id = ${id}`)[0][0],
		'Data entry');
	// A counter agent may not configure.
	const d = await session(desk);
	r = await send(d, '/reception/stations',
		{ site: s.siteId, service: s.serviceId, name: 'X', position: 3 });
	assert.equal(r.status, 403);
});

// The fixture day: 2024-03-04 at a site in UTC with two stations
// (1: Documents, counter "1"; 2: Photo, counter "2"). Times below are
// UTC; w = waiting (queue to call), s = service (start to end).
//   V1 regular  arrive 09:00  st1 call 09:05 (w 300) start 09:06 end 09:16 (s 600)
//                             st2 queue 09:16 call 09:20 (w 240) start 09:20 end 09:25 (s 300) exit 09:25
//   V2 regular  arrive 09:10  st1 call 09:20 (w 600) start 09:21 end 09:29 (s 480)
//                             st2 queue 09:29 call 09:31 (w 120) start 09:32 end 09:36 (s 240) exit 09:36
//   V3 urgent   arrive 09:30  st1 call 09:32 (w 120) start 09:32 end 09:44 (s 720)
//                             st2 queue 09:44 call 09:50 (w 360) start 09:50 end 10:00 (s 600) exit 10:00
//   V4 regular walk-in  arrive 10:00  st1 call 10:15 (w 900) recall 10:17, absent 10:20
// Nearest-rank percentiles (PERCENTILE_DISC):
//   arrival to first call: 120 300 600 900 -> p50 300, p90 900 (n 4)
//   arrival to exit: 1200 1500 1560 1800 -> p50 1500, p90 1800 (n 4)
//   st1 wait 120 300 600 900 -> 300, 900; st1 service 480 600 720 -> 600, 720
//   st2 wait 120 240 360 -> 240, 360; st2 service 240 300 600 -> 300, 600
//   by level: regular visits 3 done 2 waits 300 600 900 -> 600, 900;
//             urgent visits 1 done 1 wait 120 -> 120, 120
//   counters: "1" 3 steps, "2" 3 steps; agents: A 3, B 3
// Appointments of the day: A1-A3 done, A4 walk-in, A5 booked (becomes a
// no-show when the site's past days are closed), A6 no-show, A7
// cancelled: made 6, cancelled 1, booked 5, arrived 3, no-shows 2, open
// 0, walk-ins 1, cancellation 1/6 = 17 %.
// Lead times (minutes) 60 60 1440 1440 2880 4320 -> p50 1440, p90 4320.
// Quota fill: regular/web 09:00 2/4 = 50, 10:00 1/4 = 25; urgent/web
// 09:00 2/2 = 100; regular/walkin 10:00 1/2 = 50.
test('dashboard figures of a fixture day, computed by hand', async () => {
	const s = makeSite({ zone: 'UTC' });
	const [s1, s2] = makeStations(s.siteId, s.serviceId, ['Documents', 'Photo']);
	const lv = levels();
	const agentA = makeAgent('rfa', ['reception']);
	const agentB = makeAgent('rfb', ['reception']);
	const ida = sql(`SELECT id FROM agent WHERE username = '${agentA.username}'`)[0][0];
	const idb = sql(`SELECT id FROM agent WHERE username = '${agentB.username}'`)[0][0];
	const D = '2024-03-04';
	const at = (hm, day = D) => `'${day} ${hm}:00'`;
	const appt = (start, created, status, level = 'regular', channel = 'web') =>
		makeAppointment(s, { start: at(start), created, status, level, channel });
	const a1 = appt('09:00', at('09:00', '2024-03-03'), 'done');
	const a2 = appt('09:10', at('08:10'), 'done', 'regular', 'callcentre');
	const a3 = appt('09:30', at('09:30', '2024-03-02'), 'done', 'urgent');
	const a4 = appt('10:00', at('10:00'), 'done', 'regular', 'walkin');
	appt('11:00', at('11:00', '2024-03-03'), 'booked');
	appt('11:30', at('10:30'), 'noshow');
	appt('12:00', at('12:00', '2024-03-01'), 'cancelled');
	// visit(appt, ticket, level, arrive, exit, status, events)
	const visit = (a, ticket, level, arrive, exit, status, events) => {
		sql(`INSERT INTO visit (site_id, service_id, level_id,
			appointment_id, local_day, ticket, rank_order, queue_time,
			arrived_at, status, exited_at)
			VALUES (${s.siteId}, ${s.serviceId}, ${lv[level]}, ${a.id},
			'${D}', '${ticket}', ${level === 'urgent' ? 2 : 3}, ${at(arrive)},
			${at(arrive)}, '${status}', ${at(exit)});
			SET @v = LAST_INSERT_ID();
			INSERT INTO visit_event (visit_id, appointment_id, kind,
			station_id, counter_id, agent_id, outcome, at) VALUES ` +
			[['arrival', 0, arrive], ...events].map(([kind, n, t, outcome]) => {
				const stn = n === 0 ? null : (n === 1 ? s1 : s2);
				const agent = n === 0 ? 'NULL' : (n === 1 ? ida : idb);
				const counter = stn && kind !== 'queue' ? stn.counterId : 'NULL';
				return `(@v, ${a.id}, '${kind}', ${stn ? stn.id : 'NULL'},
					${counter}, ${agent}, ${outcome ? `'${outcome}'` : 'NULL'},
					${at(t)})`;
			}).join(','));
	};
	const step = (n, q, c, b, e) => [['queue', n, q], ['call', n, c],
		['start', n, b], ['end', n, e]];
	visit(a1, 'C001', 'regular', '09:00', '09:25', 'done', [
		...step(1, '09:00', '09:05', '09:06', '09:16'),
		...step(2, '09:16', '09:20', '09:20', '09:25'), ['exit', 0, '09:25']]);
	visit(a2, 'C002', 'regular', '09:10', '09:36', 'done', [
		...step(1, '09:10', '09:20', '09:21', '09:29'),
		...step(2, '09:29', '09:31', '09:32', '09:36'), ['exit', 0, '09:36']]);
	visit(a3, 'B001', 'urgent', '09:30', '10:00', 'done', [
		...step(1, '09:30', '09:32', '09:32', '09:44'),
		...step(2, '09:44', '09:50', '09:50', '10:00'), ['exit', 0, '10:00']]);
	visit(a4, 'C003', 'regular', '10:00', '10:20', 'absent', [
		['queue', 1, '10:00'], ['call', 1, '10:15'], ['recall', 1, '10:17'],
		['outcome', 1, '10:20', 'absent']]);
	sql(`INSERT INTO slot_quota (site_id, level_id, channel, start_utc,
		local_day, local_time, capacity, booked) VALUES
		(${s.siteId}, ${lv.regular}, 'web', ${at('09:00')}, '${D}', '09:00', 4, 2),
		(${s.siteId}, ${lv.regular}, 'web', ${at('10:00')}, '${D}', '10:00', 4, 1),
		(${s.siteId}, ${lv.urgent}, 'web', ${at('09:00')}, '${D}', '09:00', 2, 2),
		(${s.siteId}, ${lv.regular}, 'walkin', ${at('10:00')}, '${D}', '10:00', 2, 1)`);

	const b = await session(boss);
	const csv = async (table, period = 'day') => {
		const r = await get(INTRANET, `/reception/dashboard/export?site=${s.siteId}` +
			`&period=${period}&day=${D}&table=${table}`, { jar: b.jar });
		assert.equal(r.status, 200, `${table}: ${r.text.slice(0, 300)}`);
		assert.match(r.headers.get('content-type'), /^text\/csv/);
		assert.match(r.headers.get('content-disposition'),
			new RegExp(`^attachment; filename="reception-${table}-`));
		return r.text.trim().split('\r\n');
	};
	// The page itself (the lazy close of past days runs here).
	const page = await get(INTRANET,
		`/reception/dashboard?site=${s.siteId}&day=${D}`, { jar: b.jar });
	assert.equal(page.status, 200);
	assert.match(page.text, /<svg class="chart"/);
	assert.match(page.text, /<desc id="stations-d">/);

	assert.deepEqual(await csv('counts'), [
		'made,cancelled,booked,arrived,noshow,open,walkins,cancel_rate_pct',
		'6,1,5,3,2,0,1,17']);
	assert.deepEqual(await csv('overall'), ['metric,n,p50_s,p90_s',
		'wait,4,300,900', 'total,4,1500,1800']);
	const name = `Service ${s.service}`;
	assert.deepEqual(await csv('stations'), [
		'station,service,metric,n,p50_s,p90_s',
		`Documents,${name},wait,4,300,900`,
		`Documents,${name},service,3,600,720`,
		`Photo,${name},wait,3,240,360`,
		`Photo,${name},service,3,300,600`]);
	assert.deepEqual(await csv('counters'), ['counter,station,steps',
		'1,Documents,3', '2,Photo,3']);
	assert.deepEqual((await csv('agents')).slice(1).sort(), [
		`Agent ${agentA.username},3`, `Agent ${agentB.username},3`]);
	assert.deepEqual(await csv('levels'), [
		'service,level,visits,done,p50_wait_s,p90_wait_s',
		`${name},urgent,1,1,120,120`, `${name},regular,3,2,600,900`]);
	assert.deepEqual(await csv('heat'), [
		'level,channel,slot,booked,capacity,fill_pct',
		'urgent,web,09:00,2,2,100',
		'regular,web,09:00,2,4,50', 'regular,web,10:00,1,4,25',
		'regular,walkin,10:00,1,2,50']);
	assert.deepEqual(await csv('lead'), ['n,p50_min,p90_min', '6,1440,4320']);
	// The week (Monday 2024-03-04 to Sunday) holds the same figures.
	assert.deepEqual(await csv('overall', 'week'), ['metric,n,p50_s,p90_s',
		'wait,4,300,900', 'total,4,1500,1800']);
	// A station named to attack whoever opens the export in a
	// spreadsheet stays one text cell, not a formula (OWASP CSV
	// Injection; a probe broke out of the old guard with the comma).
	const evil = "=1,=SUM(6*7)+cmd|' /C calc'!A0,x";
	sql(`UPDATE station SET name = '${evil.replace(/'/g, "''")}'
		WHERE site_id = ${s.siteId} AND name = 'Photo'`);
	const guarded = await csv('counters');
	assert.equal(guarded[2], `2,"'${evil}",3`,
		'the name is quoted whole, a \' first inside the quotes');
	// A counter agent has no dashboard.
	const d = await session(desk);
	const r = await get(INTRANET, `/reception/dashboard?site=${s.siteId}`,
		{ jar: d.jar });
	assert.equal(r.status, 403);
});

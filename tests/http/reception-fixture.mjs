// reception-fixture.mjs: test data for havre-reception's tests (the
// check database has no demo data): a site open all day every day, a
// service offered on every level and channel with hourly quota slots
// around the clock (walk-in capacity configurable), and appointments.
// Every call makes fresh codes so that tests sharing one database never
// meet.
import { sql, uniqueName } from './lib.mjs';

// The reference alphabet of havre-appointments.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

// A fresh appointment reference.
export function freshRef() {
	let s = '';
	for (let i = 0; i < 8; i++)
		s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
	return s;
}

// The level ids by code.
export function levels() {
	const out = {};
	for (const [id, code] of sql('SELECT id, code FROM service_level'))
		out[code] = Number(id);
	return out;
}

// A zone where it is about noon now (Etc/GMT-N is N hours ahead of UTC:
// POSIX signs), so that "today" at the site holds for hours either way
// whatever hour the suite runs at: appointments made a few minutes or an
// hour from now stay on today's reception lists (a site in Paris put
// them on tomorrow's from 22:30 UTC).
export function noonZone() {
	const off = 12 - new Date().getUTCHours();
	if (off === 0)
		return 'Etc/UTC';
	return off > 0 ? `Etc/GMT-${off}` : `Etc/GMT+${-off}`;
}

// A site (zone: noonZone() unless opts.zone; hours 00:00-23:59 every
// day) and a service offered on every level and channel; quota template:
// every hour, capacity per channel (walkin: opts.walkin, default 2).
// Returns {siteId, site, serviceId, service}.
export function makeSite(opts = {}) {
	const zone = opts.zone ?? noonZone();
	const site = uniqueName('r').toLowerCase().slice(0, 30);
	const service = uniqueName('rv').toLowerCase().slice(0, 30);
	const walkin = opts.walkin ?? 2;
	sql(`INSERT INTO site (code, name, time_zone, address)
		VALUES ('${site}', 'Site ${site}', '${zone}', '1 Test Street');
	SET @s = LAST_INSERT_ID();
	INSERT INTO site_hours (site_id, weekday, opens, closes)
		SELECT @s, seq, '00:00', '23:59:59' FROM seq_1_to_7;
	INSERT INTO service (code, duration_minutes) VALUES ('${service}', 20);
	SET @v = LAST_INSERT_ID();
	INSERT INTO service_text (service_id, lang, name, documents) VALUES
		(@v, 'en', 'Service ${service}', 'Passport');
	INSERT INTO service_offer (service_id, level_id, channel)
		SELECT @v, l.id, c.ch FROM service_level l,
		(SELECT 'web' ch UNION SELECT 'callcentre' UNION SELECT 'partner'
		 UNION SELECT 'walkin') c;
	INSERT INTO quota_template (site_id, level_id, channel, weekday,
		start_time, capacity)
		SELECT @s, l.id, c.ch, d.seq, MAKETIME(h.seq, 0, 0),
		IF(c.ch = 'walkin', ${walkin}, 4)
		FROM service_level l, (SELECT 'web' ch UNION SELECT 'walkin') c,
		seq_1_to_7 d, seq_0_to_23 h;`);
	const ids = sql(`SELECT (SELECT id FROM site WHERE code = '${site}'),
		(SELECT id FROM service WHERE code = '${service}')`)[0];
	return { siteId: Number(ids[0]), site, serviceId: Number(ids[1]),
		service };
}

// Stations (names in order) with one counter each ("1", "2" ...), by SQL.
// Returns [{id, counterId}].
export function makeStations(siteId, serviceId, names) {
	const out = [];
	names.forEach((name, i) => {
		sql(`INSERT INTO station (site_id, service_id, position, name)
			VALUES (${siteId}, ${serviceId}, ${i + 1}, '${name}');
		INSERT INTO counter (station_id, name)
			VALUES (LAST_INSERT_ID(), '${i + 1}');`);
		const [sid, cid] = sql(`SELECT s.id, c.id FROM station s
			JOIN counter c ON c.station_id = s.id
			WHERE s.site_id = ${siteId} AND s.service_id = ${serviceId}
			AND s.position = ${i + 1}`)[0];
		out.push({ id: Number(sid), counterId: Number(cid) });
	});
	return out;
}

// An appointment starting at the SQL expression start (UTC), with
// status, level code and channel. Returns {id, reference}.
export function makeAppointment(s, opts = {}) {
	const ref = freshRef();
	const lv = levels()[opts.level ?? 'regular'];
	const status = opts.status ?? 'booked';
	const start = opts.start ?? 'UTC_TIMESTAMP()';
	const created = opts.created ?? 'UTC_TIMESTAMP(6)';
	const name = opts.family ?? uniqueName('Fam');
	sql(`INSERT INTO appointment (reference, site_id, service_id, level_id,
		channel, start_utc, family_name, given_names, phone, person_key,
		status, notes, created_at, updated_at)
		VALUES ('${ref}', ${s.siteId}, ${s.serviceId}, ${lv},
		'${opts.channel ?? 'web'}', ${start}, '${name}', 'Test',
		'+33600000000', 'p:${ref}', '${status}', '', ${created},
		UTC_TIMESTAMP(6))`);
	const id = Number(sql(`SELECT id FROM appointment
		WHERE reference = '${ref}'`)[0][0]);
	return { id, reference: ref, family: name };
}

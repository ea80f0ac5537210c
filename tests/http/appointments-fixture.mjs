// appointments-fixture.mjs: test data for havre-appointments' agent and
// partner-API tests (the check database has no demo data): a site with
// opening hours, a service offered on every level and channel, a weekly
// quota template, and a partner API key. Every call makes fresh codes so
// that tests sharing one database never meet.

import { admin, sql, uniqueName } from './lib.mjs';

export const CHANNELS = ['web', 'callcentre', 'partner', 'walkin'];

// Create a site and a service. opts: zone ('Europe/Paris'), cc ('33'),
// hours ['08:00', '18:00'] every day, times (template start hours,
// default 9..16), capacity (per slot, level and channel: a number or
// {web, callcentre, partner, walkin}), needsDocument (false).
// Returns {siteId, site, serviceId, service, levels: {code: id}}.
export function makeSite(opts = {}) {
	const zone = opts.zone ?? 'Europe/Paris';
	const cc = opts.cc ?? '33';
	const [opens, closes] = opts.hours ?? ['08:00', '18:00'];
	const times = opts.times ?? [9, 10, 11, 12, 13, 14, 15, 16];
	const cap = opts.capacity ?? 4;
	const capOf = (ch) => (typeof cap === 'number' ? cap : (cap[ch] ?? 0));
	const site = uniqueName('s').toLowerCase().slice(0, 30);
	const service = uniqueName('v').toLowerCase().slice(0, 30);
	const caseCap = CHANNELS.map((ch) => `WHEN '${ch}' THEN ${capOf(ch)}`)
		.join(' ');
	const timeList = times.map((h) => `SELECT MAKETIME(${h}, 0, 0) t`)
		.join(' UNION ');
	sql(`INSERT INTO site (code, name, time_zone, address,
		phone_country_code) VALUES ('${site}', 'Site ${site}', '${zone}',
		'1 Test Street', '${cc}');
	SET @s = LAST_INSERT_ID();
	INSERT INTO site_hours (site_id, weekday, opens, closes)
		SELECT @s, seq, '${opens}', '${closes}' FROM seq_1_to_7;
	INSERT INTO service (code, duration_minutes, needs_document)
		VALUES ('${service}', 20, ${opts.needsDocument ? 1 : 0});
	SET @v = LAST_INSERT_ID();
	INSERT INTO service_text (service_id, lang, name, documents) VALUES
		(@v, 'en', 'Service ${service}', 'Passport\\nPhoto'),
		(@v, 'fr', 'Service ${service}', 'Passeport\\nPhoto');
	INSERT INTO service_offer (service_id, level_id, channel)
		SELECT @v, l.id, c.ch FROM service_level l,
		(SELECT 'web' ch UNION SELECT 'callcentre' UNION SELECT 'partner'
		 UNION SELECT 'walkin') c;
	INSERT INTO quota_template (site_id, level_id, channel, weekday,
		start_time, capacity)
		SELECT @s, l.id, c.ch, d.seq, t.t, CASE c.ch ${caseCap} END
		FROM service_level l, (SELECT 'web' ch UNION SELECT 'callcentre'
		UNION SELECT 'partner' UNION SELECT 'walkin') c, seq_1_to_7 d,
		(${timeList}) t;`);
	const ids = sql(`SELECT (SELECT id FROM site WHERE code = '${site}'),
		(SELECT id FROM service WHERE code = '${service}')`)[0];
	const levels = {};
	for (const [id, code] of sql('SELECT id, code FROM service_level'))
		levels[code] = Number(id);
	return { siteId: Number(ids[0]), site, serviceId: Number(ids[1]),
		service, levels };
}

// A partner API key (role partner_agency). Returns the secret.
export function makeKey() {
	const name = uniqueName('pk');
	const r = admin(['apikey', 'add', '--name', name, '--role',
		'partner_agency']);
	if (r.status !== 0)
		throw new Error(`apikey add failed: ${r.stderr}`);
	const m = /(hvk_[0-9a-f]+)/.exec(r.stdout);
	if (m === null)
		throw new Error(`no key in: ${r.stdout}`);
	return m[1];
}

// Local date YYYY-MM-DD, n days from today (UTC based; tests pick days
// at least one day ahead so that the site's zone never matters).
export function dayFromNow(n) {
	const d = new Date(Date.now() + n * 86400000);
	return d.toISOString().slice(0, 10);
}

// A plausible French mobile number unique enough per call.
let phoneSeq = Math.floor(Math.random() * 1e6);
export function freshPhone() {
	phoneSeq = (phoneSeq + 1) % 1e8;
	return `+336${String(phoneSeq).padStart(8, '0')}`;
}

// tests/http/search-formats.test.mjs: a caller or an applicant at the
// desk gives a phone or a reference the way people say and write them;
// the agent must find the booking on every surface: the call centre's
// caller search, reception's check-in list and the applicant's own
// "manage my booking" form, for a site in France (+33, trunk 0) and one
// in Haiti (+509, no trunk). Phones in the site
// country's national format, with spaces, dots or dashes, with the
// international prefix, in Arabic-Indic or Persian digits; references
// with or without their dash, in any case. Text with an accent or in
// Arabic is a name search there, never a server error (the ASCII phone
// and reference columns once met it: "illegal mix of collations").
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar, INTRANET, PUBLIC, csrfOf, get, login, makeAgent, post, sql }
	from './lib.mjs';
import { makeSite, makeAppointment } from './reception-fixture.mjs';

let S, A, caller, desk, day;

// The ways to say the phone +33 6 12 34 56 78 (as a suffix unique to
// this run: the last 8 digits vary).
function phoneForms(e164, cc = '33', trunk = '0') {
	const rest = e164.slice(1 + cc.length);
	const nat = trunk + rest;	// 06xxxxxxxx in France, 37xxxxxx in Haiti
	const pairs = nat.replace(/(\d\d)(?=\d)/g, '$1 ');
	const arabic = (s, zero) => s.replace(/\d/g, (c) => String.fromCodePoint(zero + Number(c)));
	return {
		e164, international: `+${cc} ${rest}`, intl00: `00${cc}${rest}`,
		national: nat, spaced: pairs, dotted: pairs.replace(/ /g, '.'),
		dashed: pairs.replace(/ /g, '-'), arabic: arabic(nat, 0x0660),
		persian: arabic(pairs, 0x06f0),
	};
}

before(() => {
	S = makeSite();
	const last8 = String(Date.now() % 1e8).padStart(8, '0');
	A = makeAppointment(S, { family: `Élodie${last8}` });
	A.phone = `+336${last8}`;
	sql(`UPDATE appointment SET phone = '${A.phone}' WHERE id = ${A.id}`);
	day = sql(`SELECT DATE(start_utc) FROM appointment WHERE id = ${A.id}`)[0][0];
	caller = makeAgent('fmtcc', ['call_centre']);
	desk = makeAgent('fmtdesk', ['reception']);
});

const shown = (ref) => `${ref.slice(0, 4)}-${ref.slice(4)}`;

function refForms(ref) {
	return { plain: ref, printed: shown(ref), lower: shown(ref).toLowerCase(),
		spaced: `${ref.slice(0, 4)} ${ref.slice(4)}`.toLowerCase() };
}

test('the call centre finds the caller by any spelling of the phone or the reference', async () => {
	const { jar } = await login(caller.username, caller.password);
	const forms = { ...phoneForms(A.phone), ...refForms(A.reference) };
	for (const [how, q] of Object.entries(forms)) {
		for (const site of [`site=${S.siteId}&`, '']) {
			const r = await get(INTRANET,
				`/appointments/callcentre?${site}q=${encodeURIComponent(q)}`, { jar });
			assert.equal(r.status, 200, `${how} "${q}" ${site || '(no site)'}`);
			assert.ok(r.text.includes(shown(A.reference)),
				`${how} "${q}" ${site || '(no site)'}: the booking, its reference as printed`);
			assert.ok(r.text.includes(`<bdi>${A.family}</bdi>`),
				'the name isolated (a right-to-left name cannot reorder the row)');
		}
	}
});

test('reception finds today\'s applicant by any spelling, and a name in any script is no error', async () => {
	sql(`UPDATE appointment SET start_utc = UTC_TIMESTAMP() + INTERVAL 1 HOUR
		WHERE id = ${A.id}`);
	const { jar } = await login(desk.username, desk.password);
	const forms = { ...phoneForms(A.phone), ...refForms(A.reference),
		last4: A.phone.slice(-4), name: A.family };
	for (const [how, q] of Object.entries(forms)) {
		const r = await get(INTRANET,
			`/reception/checkin?site=${S.siteId}&q=${encodeURIComponent(q)}`, { jar });
		assert.equal(r.status, 200, `${how} "${q}"`);
		assert.ok(r.text.includes(shown(A.reference)), `${how} "${q}": found, reference as printed`);
		assert.ok(r.text.includes(`<bdi>${A.family}, Test</bdi>`), `${how}: the name isolated`);
	}
	// The name typed without its accent, in any case, finds it; a
	// % or _ typed is a character, not a wildcard.
	for (const q of [`elodie${A.family.slice(6)}`, 'ELODIE', 'lodie']) {
		const r = await get(INTRANET,
			`/reception/checkin?site=${S.siteId}&q=${encodeURIComponent(q)}`, { jar });
		assert.ok(r.text.includes(shown(A.reference)), `"${q}" finds ${A.family}`);
	}
	for (const q of ['%', '_lodie']) {
		const r = await get(INTRANET,
			`/reception/checkin?site=${S.siteId}&q=${encodeURIComponent(q)}`, { jar });
		assert.equal(r.status, 200);
		assert.ok(!r.text.includes(shown(A.reference)), `"${q}" is no wildcard`);
	}
	for (const q of ['élodie', 'محمد', 'Ωmega', '٠٧']) {
		const r = await get(INTRANET,
			`/reception/checkin?site=${S.siteId}&q=${encodeURIComponent(q)}`, { jar });
		assert.equal(r.status, 200, `"${q}" is a search, not a server error`);
	}
	const { jar: cj } = await login(caller.username, caller.password);
	for (const q of ['élodie', 'محمد', 'ÀÉÎÕÜ123']) {
		const r = await get(INTRANET,
			`/appointments/callcentre?site=${S.siteId}&q=${encodeURIComponent(q)}`, { jar: cj });
		assert.equal(r.status, 200, `call centre: "${q}" is a search, not a server error`);
	}
});

// The applicant's side: /book/manage asks for the reference and the
// phone given at booking; every way of writing either opens the
// booking, per site country; the call centre finds the same caller.
test('the applicant opens the booking by any spelling of the reference and the phone, in France and in Haiti', async () => {
	const last = String(Date.now() % 1e6).padStart(6, '0');
	const { jar: cj } = await login(caller.username, caller.password);
	for (const [cc, trunk, e164] of [['33', '0', `+336${last}10`], ['509', '', `+50937${last}`]]) {
		const site = makeSite();
		sql(`UPDATE site SET phone_country_code = '${cc}' WHERE id = ${site.siteId}`);
		const b = makeAppointment(site, { start: 'UTC_TIMESTAMP() + INTERVAL 3 DAY' });
		sql(`UPDATE appointment SET phone = '${e164}' WHERE id = ${b.id}`);
		const phones = phoneForms(e164, cc, trunk);
		const refs = refForms(b.reference);
		// Every phone form with the printed reference, every reference
		// form with the phone as the applicant says it in the country.
		const tries = [...Object.entries(phones).map(([how, p]) => [`phone ${how}`, refs.printed, p]),
			...Object.entries(refs).map(([how, r]) => [`reference ${how}`, r, phones.spaced])];
		for (const [how, ref, phone] of tries) {
			const jar = new CookieJar();
			const form = await get(PUBLIC, '/book/manage', { jar });
			const r = await post(PUBLIC, '/book/manage', { csrf: csrfOf(form.text), ref, phone },
				{ jar, headers: { Origin: PUBLIC } });
			assert.equal(r.status, 303, `+${cc} ${how}: "${ref}" "${phone}" opens the booking`);
			assert.equal(r.headers.get('location'), `/book/manage/${b.reference}`);
		}
		for (const [how, q] of Object.entries(phones)) {
			const r = await get(INTRANET, `/appointments/callcentre?site=${site.siteId}&q=${
				encodeURIComponent(q)}`, { jar: cj });
			assert.ok(r.text.includes(shown(b.reference)), `call centre, +${cc} ${how}: "${q}"`);
		}
	}
});

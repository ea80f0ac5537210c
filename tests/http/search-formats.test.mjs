// tests/http/search-formats.test.mjs: a caller or an applicant at the
// desk gives a phone or a reference the way people say and write them;
// the agent must find the booking on every surface: the call centre's
// caller search and reception's check-in list. Phones in the site
// country's national format, with spaces, dots or dashes, with the
// international prefix, in Arabic-Indic or Persian digits; references
// with or without their dash, in any case. Text with an accent or in
// Arabic is a name search there, never a server error (the ASCII phone
// and reference columns once met it: "illegal mix of collations").
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { INTRANET, get, login, makeAgent, sql } from './lib.mjs';
import { makeSite, makeAppointment } from './reception-fixture.mjs';

let S, A, caller, desk, day;

// The ways to say the phone +33 6 12 34 56 78 (as a suffix unique to
// this run: the last 8 digits vary).
function phoneForms(e164) {
	const nat = '0' + e164.slice(3);	// 06xxxxxxxx
	const pairs = nat.replace(/(\d\d)(?=\d)/g, '$1 ');
	const arabic = (s, zero) => s.replace(/\d/g, (c) => String.fromCodePoint(zero + Number(c)));
	return {
		e164, international: `+33 ${e164.slice(3)}`, intl00: `0033${e164.slice(3)}`,
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

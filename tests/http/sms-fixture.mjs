// sms-fixture.mjs: what the fake SMSC that contrib/dev starts with
// Kannel received (it prints each message on its standard error, which
// contrib/dev keeps in log/fakesmsc.log).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { LOG_DIR } from './lib.mjs';

// The bytes of fakesmsc's url-encoded payload ('+' is a space byte).
function payloadBytes(s) {
	const out = [];
	for (let i = 0; i < s.length; i++) {
		if (s[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
			out.push(parseInt(s.slice(i + 1, i + 3), 16));
			i += 2;
		} else if (s[i] === '+')
			out.push(0x20);
		else
			out.push(...Buffer.from(s[i], 'utf8'));
	}
	return Buffer.from(out);
}

// What the fake SMSC received, in order: [{from, to, ucs2, text, parts}],
// multi-part messages joined (UDH: 05 00 03 ref total seq), parts being
// how many SMS the phone got for it.
export function received() {
	const f = join(LOG_DIR, 'fakesmsc.log');
	if (!existsSync(f))
		return [];
	const msgs = [];
	const parts = new Map();
	for (const line of readFileSync(f, 'utf8').split('\n')) {
		const m = /Got message \d+: <(\S+) (\S+) (text|ucs-2|udh) (.*)>$/.exec(line);
		if (m === null)
			continue;
		const [, from, to, type, rest] = m;
		if (type === 'text')
			msgs.push({ from, to, ucs2: false, text: rest, parts: 1 });
		else if (type === 'ucs-2')
			msgs.push({ from, to, ucs2: true, parts: 1,
				text: new TextDecoder('utf-16be').decode(payloadBytes(rest)) });
		else {
			const u = /^(\S+) data (.*)$/.exec(rest);
			if (u === null)
				continue;
			const udh = payloadBytes(u[1]);
			const key = `${to}/${udh[3]}`;
			const p = parts.get(key) ?? { from, to, total: udh[4], got: [] };
			p.got[udh[5] - 1] = payloadBytes(u[2]);
			parts.set(key, p);
			if (p.got.filter(Boolean).length === p.total) {
				const bytes = Buffer.concat(p.got);
				// Parts of a UCS-2 text have a zero or Arabic high byte first.
				const ucs2 = bytes.length % 2 === 0 &&
					(bytes[0] === 0 || bytes[0] === 6);
				msgs.push({ from, to, ucs2, parts: p.total, text: ucs2 ?
					new TextDecoder('utf-16be').decode(bytes) :
					bytes.toString('utf8') });
				parts.delete(key);
			}
		}
	}
	return msgs;
}

// A booking reference as messages show it: XXXX-XXXX.
export function shownRef(reference) {
	return `${reference.slice(0, 4)}-${reference.slice(4)}`;
}

// setup.mjs: one genuine issued document for tests/bench/verify/run.sh,
// signed in node from a key made by `havre-admin keys new`
// (tests/http/verify-fixture.mjs). Needs HAVRE_CONFIG and HAVRE_ADMIN.
// Prints its serial, then its payload base64url-encoded, one a line.
import {
	dayFromToday, issue, makeKey, makePerson,
} from '../../http/verify-fixture.mjs';

const key = makeKey();
await new Promise((r) => setTimeout(r, 1100));
const doc = issue(key, makePerson('Benchverify'), {
	type: 'AP', family: 'العلي', given: 'محمد', familyLatin: 'AL-ALI',
	givenLatin: 'MOHAMMED', birth: '1990-05-17', until: dayFromToday(365),
});
console.log(doc.serial);
console.log(Buffer.from(doc.payload, 'utf8').toString('base64url'));

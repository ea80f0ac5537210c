// tests/http/identity-access.test.mjs: every page of havre-identity
// that shows a person's record writes an access event (issue 3: "every
// view of a person's page writes an access_event"), not only the
// record's own page: the edit form, the merge form and a duplicate
// pair's page show the whole record too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	INTRANET, createPerson, csrfOf, get, login, makeAgent, sql, uniqueName,
} from './lib.mjs';

const agent = makeAgent('idacc', ['registrar', 'supervisor']);
const tag = uniqueName('Xw').replace(/[0-9]/g, (d) => 'klmnopqrst'[d]);

const create = createPerson;

// The access events of person id with reason what.
function accesses(id, what) {
	return Number(sql(`SELECT COUNT(*) FROM access_event WHERE entity = 'person' AND entity_id = '${id}' AND reason = '${what}'`)[0][0]);
}

test('the edit form, the merge form and a duplicate pair write access events', async () => {
	const { jar } = await login(agent.username, agent.password);
	const s = { jar, csrf: csrfOf((await get(INTRANET, '/identity', { jar })).text) };
	const a = await create(s, { family_name: `${tag}Okafor`,
		given_names: 'Chidi', sex: 'M', birth_date: '1990-01-02' });
	const b = await create(s, { family_name: `${tag}Mensah`,
		given_names: 'Ama', sex: 'F', birth_date: '1970-05-06' });

	const edit = await get(INTRANET, `/identity/persons/${a}/edit`, { jar });
	assert.equal(edit.status, 200);
	assert.equal(accesses(a, 'edit'), 1, 'edit form: access event');

	const merge = await get(INTRANET, `/identity/merge/${a}/${b}`, { jar });
	assert.equal(merge.status, 200);
	assert.equal(accesses(a, 'merge'), 1, 'merge form: record a');
	assert.equal(accesses(b, 'merge'), 1, 'merge form: record b');

	const [lo, hi] = Number(a) < Number(b) ? [a, b] : [b, a];
	sql(`INSERT INTO duplicate_pair (person_a, person_b, origin, detected_at) VALUES (${lo}, ${hi}, 'form', UTC_TIMESTAMP(6))`);
	const pair = sql(`SELECT id FROM duplicate_pair WHERE person_a = ${lo} AND person_b = ${hi}`)[0][0];
	const dup = await get(INTRANET, `/identity/duplicates/${pair}`, { jar });
	assert.equal(dup.status, 200);
	assert.equal(accesses(a, 'duplicate'), 1, 'pair page: record a');
	assert.equal(accesses(b, 'duplicate'), 1, 'pair page: record b');
});

import * as assert from 'node:assert/strict';
import { directorySummary, groupCount, stateLook, typeName } from '../../src/tree/directory-words';

// The `type` and `state` enums of the Directory schema in WorkOS's OpenAPI spec.
const TYPES = [
  'azure scim v2.0',
  'bamboohr',
  'breathe hr',
  'cezanne hr',
  'cyberark scim v2.0',
  'fourth hr',
  'generic scim v2.0',
  'gsuite directory',
  'hibob',
  'sailpoint scim v2.0',
  'jump cloud scim v2.0',
  'okta scim v2.0',
  'onelogin scim v2.0',
  'people hr',
  'personio',
  'pingfederate scim v2.0',
  'rippling scim v2.0',
  's3',
  'sftp',
  'sftp workday',
  'workday',
];
const STATES = ['linked', 'validating', 'invalid_credentials', 'unlinked', 'deleting'];

describe('directory words', () => {
  it('names every directory type in words, none left as an API value', () => {
    assert.equal(TYPES.length, 21);
    for (const type of TYPES) {
      const name = typeName(type);
      assert.ok(name && name !== type && !/scim v2\.0|_/.test(name), `${type} → ${name}`);
    }
    assert.equal(typeName('gsuite directory'), 'Google Workspace');
    assert.equal(typeName('jump cloud scim v2.0'), 'JumpCloud SCIM');
    assert.equal(typeName('bamboohr'), 'BambooHR');
  });

  it('names every state with its own icon', () => {
    const looks = STATES.map(stateLook);
    assert.deepEqual(
      looks.map((look) => look.name),
      ['Linked', 'Validating', 'Invalid credentials', 'Unlinked', 'Deleting'],
    );
    assert.equal(new Set(looks.map((look) => look.icon)).size, STATES.length);
    assert.ok(!looks.some((look) => look.icon === 'question'));
  });

  it('shows an unknown type or state as it came, with a question-mark icon', () => {
    assert.equal(typeName('ldap v3'), 'ldap v3');
    assert.deepEqual(stateLook('paused'), { name: 'paused', icon: 'question', color: undefined });
  });

  it('built-in property names and values that are not text are unknown, never a crash', () => {
    for (const odd of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.equal(typeName(odd), odd);
      assert.deepEqual(stateLook(odd), { name: odd, icon: 'question', color: undefined });
    }
    for (const odd of [null, 42, { state: 'linked' }, ['linked'], undefined, '']) {
      assert.equal(typeName(odd), undefined);
      assert.equal(stateLook(odd).name, undefined);
      assert.equal(stateLook(odd).icon, 'question');
    }
  });

  it('counts groups only when the directory says how many', () => {
    assert.equal(groupCount(2600), '2,600 groups');
    assert.equal(groupCount(1), '1 group');
    assert.equal(groupCount(0), '0 groups');
    for (const odd of [undefined, null, '2600', -1, 1.5, NaN, { n: 1 }]) assert.equal(groupCount(odd), undefined);
  });

  it('summarises a row in words, each part as safe text, the count only when known', () => {
    assert.equal(
      directorySummary({ type: 'gsuite directory', state: 'validating', metadata: { groups: 2600 } }),
      'Google Workspace · Validating · 2,600 groups',
    );
    assert.equal(directorySummary({ type: 'evil\u202Etype\n', state: 42 }), 'evil�type�');
  });
});

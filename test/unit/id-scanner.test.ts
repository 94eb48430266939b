import * as assert from 'node:assert/strict';
import { findIds, idAt } from '../../src/ids-in-editors/id-scanner';

const DIRECTORY = 'directory_01ECAZ4NV9QMV47GW873HDCX74';
const GROUP = 'directory_group_01E1JJS84MFPPQ3G655FHTKX6Z';
const LEGACY_GROUP = 'directory_grp_01E1JJS84MFPPQ3G655FHTKX6Z';
const USER = 'directory_user_01E1JG7J09H96KYP8HM9B0G5SJ';
const ORG = 'org_01EHZNVPK3SFK441A1RGBFSHRT';

describe('WorkOS IDs in free text', () => {
  const positives: Array<[string, string, Array<[string, string]>]> = [
    ['an ID alone', DIRECTORY, [[DIRECTORY, 'directory']]],
    [
      'each kind',
      `${GROUP} ${USER} ${ORG}`,
      [
        [GROUP, 'directory_group'],
        [USER, 'directory_user'],
        [ORG, 'organization'],
      ],
    ],
    ['the legacy group prefix', `group=${LEGACY_GROUP}`, [[LEGACY_GROUP, 'directory_group']]],
    [
      'the legacy user prefix, as the emulator issues it',
      'directory_usr_7fK2m9Qx1',
      [['directory_usr_7fK2m9Qx1', 'directory_user']],
    ],
    [
      'at the start and end of lines',
      `${GROUP}\nx\n${USER}`,
      [
        [GROUP, 'directory_group'],
        [USER, 'directory_user'],
      ],
    ],
    [
      'in a JSON string',
      `{"directory_id": "${DIRECTORY}", "organization_id":"${ORG}"}`,
      [
        [DIRECTORY, 'directory'],
        [ORG, 'organization'],
      ],
    ],
    ['in a URL', `https://dashboard.workos.com/x/directories/${DIRECTORY}?tab=users`, [[DIRECTORY, 'directory']]],
    [
      'in CSV cells',
      `${GROUP},"${USER}";${ORG}`,
      [
        [GROUP, 'directory_group'],
        [USER, 'directory_user'],
        [ORG, 'organization'],
      ],
    ],
    ['in a log line with brackets', `[${USER}] → 404`, [[USER, 'directory_user']]],
  ];
  for (const [what, text, expected] of positives) {
    it(`finds ${what}`, () => {
      const found = findIds(text);
      assert.deepEqual(
        found.map((f) => [f.id, f.kind]),
        expected,
      );
      for (const f of found) assert.equal(text.slice(f.start, f.end), f.id);
    });
  }

  const negatives: Array<[string, string]> = [
    ['a word made of a prefix', 'directory_users'],
    ['another', 'org_chart'],
    ['a word glued before it', 'my_directory_x'],
    ['a prefix glued to a word', `my${DIRECTORY}`],
    ['a prefix after an underscore', `x_${DIRECTORY}`],
    ['a suffix glued to it', `${DIRECTORY}abc`],
    ['an underscore suffix', `${GROUP}_old`],
    ['a body one character short', DIRECTORY.slice(0, -1)],
    ['a body that is not base 32 (lower case)', DIRECTORY.toLowerCase()],
    ['a body with a letter Crockford leaves out (U)', 'directory_01ECAZ4NV9QMV47GW873HDCXUU'],
    ['an unknown prefix', 'conn_01EHZNVPK3SFK441A1RGBFSHRT'],
    ['a legacy prefix with a word', 'directory_grp_admins'],
    ["AuthKit's own group ID (another product's)", 'group_01E1JJS84MFPPQ3G655FHTKX6Z'],
  ];
  for (const [what, text] of negatives) {
    it(`finds nothing in ${what}: ${text}`, () => assert.deepEqual(findIds(text), []));
  }

  it('a directory group ID is one group ID, never a `group_…` inside it', () => {
    assert.deepEqual(
      findIds(`x ${GROUP} y`).map(({ id, kind }) => [id, kind]),
      [[GROUP, 'directory_group']],
    );
  });

  it('idAt finds the ID under a position, or none', () => {
    const line = `user ${USER} in ${GROUP}`;
    assert.equal(idAt(line, 5)?.id, USER);
    assert.equal(idAt(line, 5 + USER.length)?.id, USER, 'just after its last character');
    assert.equal(idAt(line, line.indexOf(' in ') + 2), undefined);
    assert.equal(idAt(line, line.length - 1)?.id, GROUP);
  });
});

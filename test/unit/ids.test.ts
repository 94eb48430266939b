import * as assert from 'node:assert/strict';
import {
  baseUrlFromSettings,
  checkBaseUrl,
  idProblem,
  keyWarning,
  kindOfId,
  normalizeId,
  normalizeKey,
} from '../../src/workos';

describe('WorkOS IDs', () => {
  it('recognises each kind, including the legacy group and user prefixes', () => {
    assert.equal(kindOfId('directory_01ECAZ4NV9QMV47GW873HDCX74'), 'directory');
    assert.equal(kindOfId('directory_group_01E1JJS84MFPPQ3G655FHTKX6Z'), 'directory_group');
    assert.equal(kindOfId('directory_grp_01E1JJS84MFPPQ3G655FHTKX6Z'), 'directory_group');
    assert.equal(kindOfId('directory_user_01E1JG7J09H96KYP8HM9B0G5SJ'), 'directory_user');
    assert.equal(kindOfId('directory_usr_01E1JG7J09H96KYP8HM9B0G5SJ'), 'directory_user');
    assert.equal(kindOfId('org_01EHZNVPK3SFK441A1RGBFSHRT'), 'organization');
    assert.equal(kindOfId('conn_01EHZNVPK3SFK441A1RGBFSHRT'), undefined);
  });

  it('words made of ID prefixes are not IDs', () => {
    for (const word of ['directory_users', 'directory_groups', 'org_chart', 'directory_user_list']) {
      assert.equal(kindOfId(word), undefined, word);
    }
    assert.match(
      idProblem('directory_users', ['directory', 'directory_user'])!,
      /^That is not a directory or directory user ID\. IDs look like /,
    );
  });

  it('accepts a valid group ID of either prefix and trims pasted whitespace', () => {
    assert.equal(
      idProblem(normalizeId('  directory_group_01E1JJS84MFPPQ3G655FHTKX6Z\n'), 'directory_group'),
      undefined,
    );
    assert.equal(idProblem('directory_grp_01E1JJS84MFPPQ3G655FHTKX6Z', 'directory_group'), undefined);
  });

  const hostile: Array<[string, RegExp]> = [
    ['', /Enter a directory group ID/],
    ['directory_group_01 E1', /no spaces/],
    ['../directories', /no '\/'/],
    ['%2e%2e', /no '%'/],
    ['directory_group_01?limit=1', /no '\?'/],
    ['directory_group_01#x', /no '#'/],
    ['directory_group_01Е1JJS', /U\+0415/], // Cyrillic capital Ie, looks like E
    ['x'.repeat(10_000), /10000 characters/],
    ['directory_user_01E1JG7J09H96KYP8HM9B0G5SJ', /That is a directory user ID; this needs a directory group ID/],
    ['org_01EHZNVPK3SFK441A1RGBFSHRT', /That is an organization ID/],
    ['hello', /not a directory group ID/],
  ];
  for (const [input, expected] of hostile) {
    it(`refuses ${JSON.stringify(input.slice(0, 30))} saying what a valid ID looks like`, () => {
      const problem = idProblem(input, 'directory_group');
      assert.match(problem ?? '', expected);
      assert.match(problem ?? '', /directory_group_01E1JJS84MFPPQ3G655FHTKX6Z/);
    });
  }
});

describe('API base URL', () => {
  it('accepts https and plain http to this machine only', () => {
    assert.deepEqual(checkBaseUrl('https://api.workos.com'), { origin: 'https://api.workos.com' });
    assert.deepEqual(checkBaseUrl('https://api.workos.com/'), { origin: 'https://api.workos.com' });
    assert.deepEqual(checkBaseUrl('http://127.0.0.1:4100'), { origin: 'http://127.0.0.1:4100' });
    assert.deepEqual(checkBaseUrl('http://localhost:4100'), { origin: 'http://localhost:4100' });
    assert.deepEqual(checkBaseUrl('http://[::1]:4100'), { origin: 'http://[::1]:4100' });
  });

  const refused: Array<[string, RegExp]> = [
    ['http://api.workos.com', /must use https/],
    ['http://10.0.0.5:4100', /must use https/],
    ['http://127.0.0.1.evil.example', /must use https/],
    ['file:///etc/passwd', /must use https/],
    ['javascript:alert(1)', /must use https/],
    ['https://user:secret@api.workos.com', /user name or password/],
    ['https://api.workos.com/v1', /origin only/],
    ['https://api.workos.com/?x=1', /origin only/],
    ['not a url', /not a URL/],
  ];
  for (const [value, expected] of refused) {
    it(`refuses ${value}`, () => {
      const result = checkBaseUrl(value);
      assert.ok('problem' in result, `expected a problem for ${value}`);
      assert.match(result.problem, expected);
      assert.ok(!result.problem.includes('secret'));
    });
  }
});

describe('API base URL from settings', () => {
  it('uses only the user-level value: a workspace or folder value never redirects the key', () => {
    const evil = 'http://127.0.0.1:4199';
    assert.deepEqual(baseUrlFromSettings({ workspaceValue: evil, workspaceFolderValue: evil }), {
      origin: 'https://api.workos.com',
    });
    assert.deepEqual(baseUrlFromSettings({ globalValue: 'http://127.0.0.1:4100', workspaceValue: evil }), {
      origin: 'http://127.0.0.1:4100',
    });
    assert.deepEqual(baseUrlFromSettings(undefined), { origin: 'https://api.workos.com' });
  });
});

describe('API key input', () => {
  it('trims the spaces and line breaks that pasting adds', () => {
    assert.equal(normalizeKey('  sk_test_abc123\n'), 'sk_test_abc123');
    assert.equal(normalizeKey(' \n\t '), '');
  });

  const warnings: Array<[string, RegExp | undefined]> = [
    ['sk_test_abc123', undefined],
    ['pk_test_abc123', /start with "sk_"/],
    ['sk_test_abc123sk_test_abc123', /pasted twice/],
    ['sk_test_abc 123', /spaces or line breaks/],
  ];
  for (const [key, expected] of warnings) {
    it(`${expected ? 'warns about' : 'accepts'} ${key}`, () => {
      const warning = keyWarning(key);
      if (expected) assert.match(warning ?? '', expected);
      else assert.equal(warning, undefined);
    });
  }
});

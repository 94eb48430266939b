import * as assert from 'node:assert/strict';
import { explainTarget, type UserFacts } from '../../src/explain-user/gather';
import { explanationMarkdown, preview, type LinkOf } from '../../src/explain-user/report';
import { emailProblem } from '../../src/text/email';
import {
  WorkOSError,
  type Directory,
  type DirectoryGroup,
  type DirectoryUser,
  type WorkOSEvent,
} from '../../src/workos';

const NOW = Date.UTC(2026, 11, 3, 12);
const HOUR = 3600_000;

const DIRECTORY: Directory = {
  object: 'directory',
  id: 'directory_01DIR',
  name: 'Acme Okta',
  organization_id: 'org_01ORG',
  type: 'okta scim v2.0',
  state: 'linked',
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
};

const USER: DirectoryUser = {
  object: 'directory_user',
  id: 'directory_user_01ADA',
  directory_id: DIRECTORY.id,
  organization_id: 'org_01ORG',
  idp_id: '00u1ada',
  email: 'ada@acme.test',
  first_name: 'Ada',
  last_name: 'Lovelace',
  state: 'active',
  role: { slug: 'admin' },
  roles: [{ slug: 'admin' }, { slug: 'member' }],
  custom_attributes: { department: 'Engineering', manager: { email: 'boss@acme.test', level: 3 } },
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
};

const group = (n: number, name = `Group ${n}`): DirectoryGroup => ({
  object: 'directory_group',
  id: `directory_group_01G${n}`,
  directory_id: DIRECTORY.id,
  organization_id: 'org_01ORG',
  idp_id: `g${n}`,
  name,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
});

function event(type: string, hoursAgo: number, data: unknown): WorkOSEvent {
  return { id: `event_01H${hoursAgo}`, event: type, data, created_at: new Date(NOW - hoursAgo * HOUR).toISOString() };
}

const link: LinkOf = (kind, object) => `workos://env/${kind}/${object.id}/x.json`;

function report(facts: Partial<UserFacts>, locale?: string): string {
  return explanationMarkdown(
    {
      user: USER,
      directory: DIRECTORY,
      organization: { object: 'organization', id: 'org_01ORG', name: 'Acme' } as UserFacts['organization'],
      groups: [group(1, 'Engineering'), group(2, 'Admins')],
      changes: { events: [] },
      now: NOW,
      ...facts,
    },
    link,
    locale,
  );
}

describe('Explain User Access: what the person typed', () => {
  it('takes a directory user ID or an email; the email trimmed and in lower case', () => {
    assert.deepEqual(explainTarget('  directory_user_01ADA \n'), { id: 'directory_user_01ADA' });
    assert.deepEqual(explainTarget('  Ada@ACME.test '), { email: 'ada@acme.test' });
  });

  it('says what is wrong: nothing, no @, spaces, a trailing dot, two @, another kind of ID', () => {
    const problem = (value: string) => {
      const target = explainTarget(value);
      assert.ok('problem' in target, `${JSON.stringify(value)} is refused`);
      return target.problem;
    };
    assert.match(problem('   '), /Enter a directory user ID .* or an email address/);
    assert.match(problem('ada.acme.test'), /neither an email address \(it has no @\) nor a directory user ID/);
    assert.match(problem('ada lovelace@acme.test'), /has no spaces/);
    assert.match(problem('ada@acme.test.'), /does not end with a dot/);
    assert.match(problem('ada@@acme.test'), /one @ with text on both sides/);
    assert.match(problem('directory_group_01ABC'), /directory group ID; this needs a directory user ID/);
    assert.match(problem('directory_user_01 ABC'), /no spaces/);
    assert.match(problem(`${'a'.repeat(400)}@acme.test`), /at most 320 characters/);
  });

  it('emailProblem alone: a plain address passes', () => {
    assert.equal(emailProblem('jane@example.com'), undefined);
    assert.equal(emailProblem(' Jane@Example.COM '), undefined);
  });
});

describe('Explain User Access: the report', () => {
  it('names the person, their state in words, directory and organisation, role and roles, groups, attributes', () => {
    const text = report({});
    assert.match(text, /^# Ada Lovelace\n/);
    assert.match(text, /Directory user `directory_user_01ADA` \(\[open its JSON\]\(<workos:\/\/env\/directory_user\//);
    assert.match(text, /\*\*Active\*\* \(`active`\)\. Ada Lovelace is provisioned to the customer's apps/);
    assert.match(
      text,
      /- Directory: \[Acme Okta\]\(<workos:\/\/env\/directory\/directory_01DIR\/x\.json>\) \(`directory_01DIR`\)/,
    );
    assert.match(text, /- Organisation: \[Acme\]\(<workos:\/\/env\/organization\/org_01ORG\/x\.json>\)/);
    assert.match(text, /- Role: `admin`\n- Roles: `admin`, `member`/);
    assert.match(text, /## Groups \(2\)\n\n- \[Admins\]\(<[^>]+>\) \(`directory_group_01G2`\)\n- \[Engineering\]/);
    assert.match(text, /- department: Engineering\n- manager:\n {2}- email: boss@acme\.test\n {2}- level: 3/);
  });

  it('the first line gives the email when there is one, and none when there is not', () => {
    assert.match(report({}), /\(\[open its JSON\]\([^)]+\)\), ada@acme\.test\. Read Thu, 03 Dec 2026 12:00:00 GMT\./);
    assert.match(
      report({ user: { ...USER, email: null } }),
      /\(\[open its JSON\]\([^)]+\)\)\. Read Thu, 03 Dec 2026 12:00:00 GMT\./,
    );
  });

  it('the number of groups as the locale writes it', () => {
    const many = Array.from({ length: 1200 }, (_, n) => group(n));
    assert.match(report({ groups: many }, 'de'), /^## Groups \(1\.200\)$/m);
    assert.match(report({ groups: many }, 'en'), /^## Groups \(1,200\)$/m);
    assert.match(report({ groups: [group(1)] }, 'de'), /^## Groups \(1\)$/m);
  });

  it('a suspended or inactive user is said plainly not to be provisioned', () => {
    for (const state of ['suspended', 'inactive']) {
      const text = report({ user: { ...USER, state } });
      assert.match(text, /is \*\*not provisioned to the customer's apps\*\*/, state);
    }
    assert.match(
      report({ user: { ...USER, state: 'pending' } }),
      /state `pending`, which this extension does not know/,
    );
  });

  it('a directory that does not sync is said so', () => {
    assert.match(report({ directory: { ...DIRECTORY, state: 'invalid_credentials' } }), /Its directory is \*\*/);
    assert.doesNotMatch(report({}), /Its directory is/);
  });

  it('no group, no role, no attributes: each says so', () => {
    const text = report({ groups: [], user: { ...USER, role: undefined, roles: [], custom_attributes: {} } });
    assert.match(text, /## Groups \(0\)\n\nIn no group\./);
    assert.match(text, /- Role: none assigned\n- Roles: none assigned/);
    assert.match(text, /## Custom attributes\n\nNone\./);
  });

  it('groups that could not all be read: the failure, and the ones read', () => {
    const error = new WorkOSError('invalid_response', 'Stopped reading the list at the limit of 10,000 items.');
    const text = report({ groupsError: error });
    assert.match(text, /\*\*Not every group could be read\*\*: .*limit of 10,000 items.* The 2 read are listed/);
  });

  it('changes: created, updated with old → new values (nested too), added, removed, deleted', () => {
    const added = event('dsync.group.user_added', 5, {
      directory_id: DIRECTORY.id,
      user: USER,
      group: group(1, 'Engineering'),
    });
    const text = report({
      changes: {
        events: [
          event('dsync.user.deleted', 1, USER),
          event('dsync.group.user_removed', 2, { directory_id: DIRECTORY.id, user: USER, group: group(2, 'Admins') }),
          event('dsync.user.updated', 3, {
            ...USER,
            state: 'suspended',
            custom_attributes: { department: 'Research' },
            previous_attributes: { state: 'active', custom_attributes: { department: 'Engineering' } },
          }),
          added,
          event('dsync.user.created', 600, USER),
        ],
      },
    });
    assert.match(text, /- 2026-12-03 11:00 UTC \(1 h ago\): \*\*Deleted\*\* \(`event_01H1`\)/);
    assert.match(
      text,
      /\*\*Removed from\*\* \[Admins\]\(<workos:\/\/env\/directory_group\/directory_group_01G2\/x\.json>\)/,
    );
    assert.match(
      text,
      /\*\*Updated\*\*: state: active → suspended; custom\\_attributes\.department: Engineering → Research/,
    );
    assert.match(text, /\*\*Added to\*\* \[Engineering\]/);
    assert.match(text, /\(25 d ago\): \*\*Created\*\*/);
  });

  it('no change and a failed read each say so', () => {
    assert.match(report({}), /No change to this user in the last 30 days/);
    const failed = report({ changes: { error: new WorkOSError('server', 'WorkOS answered with an error.') } });
    assert.match(failed, /Could not read the changes: /);
  });

  it('server text cannot add a link, HTML, a heading or reorder the line', () => {
    const hostile = '[x](command:workos.clearApiKey) <img src=x> \u202Eevil\u202C';
    const text = report({
      user: { ...USER, first_name: `# ${hostile}`, last_name: null, custom_attributes: { [hostile]: hostile } },
      groups: [group(1, hostile)],
      directory: { ...DIRECTORY, name: hostile },
    });
    assert.doesNotMatch(text, /\]\(command:/);
    assert.doesNotMatch(text, /<img/);
    assert.doesNotMatch(text, /[\u202A-\u202E\u2066-\u2069]/);
    assert.match(text, /^# # \\\[x\\\]\\\(command:workos\.clearApiKey\\\) &lt;img src=x&gt; /);
    // The only links are ours, to the objects' documents.
    for (const [, target] of text.matchAll(/\]\(<([^>]*)>\)/g)) assert.match(target, /^workos:\/\/env\//);
  });

  it('custom attributes nested 50 deep or of 1 MB: bounded, quickly', () => {
    let deep: Record<string, unknown> = { leaf: 'bottom' };
    for (let i = 0; i < 50; i++) deep = { [`level${i}`]: deep };
    const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`key${i}`, 'v'.repeat(50)]));
    const started = performance.now();
    const text = report({
      user: { ...USER, custom_attributes: { deep, big: 'x'.repeat(1024 * 1024), wide } },
    });
    assert.ok(performance.now() - started < 2000, 'bounded work');
    assert.ok(text.length < 100_000, `a bounded report (${text.length} characters)`);
    assert.match(text, /^ {10}- level45: \\\{level44: \\\{level43: \\\{level42: \\\{level41: \\\{…(\\\}){5}$/m);
    assert.match(text, /- big: x{199}…/);
    assert.match(text, /More attributes than shown here/);
  });

  it('preview: one line, bounded, text as it is', () => {
    assert.equal(preview('plain', 10), 'plain');
    assert.equal(preview({ a: [1, 'b'], c: null }, 100), '{a: [1, "b"], c: null}');
    // Text is cut just past the bound, for displayText to end it with an ellipsis.
    assert.equal(preview('x'.repeat(1_000_000), 10), 'x'.repeat(11));
    assert.equal(preview({ a: 'y'.repeat(1_000_000) }, 10), `{a: "${'y'.repeat(5)}…`);
  });
});

import * as assert from 'node:assert/strict';
import { diagnosisMarkdown, type DiagnosisInput } from '../../src/diagnose/report';
import { markdownText } from '../../src/text/markdown-text';
import { WorkOSError, type Directory, type WorkOSEvent } from '../../src/workos';

const NOW = Date.UTC(2026, 11, 3, 12);
const HOUR = 3600_000;

const DIRECTORY: Directory = {
  object: 'directory',
  id: 'directory_01DIR',
  name: 'Acme Okta',
  organization_id: 'org_01ORG',
  type: 'okta scim v2.0',
  state: 'linked',
  metadata: { users: { active: 250, inactive: 14 }, groups: 2600 },
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
};

function event(
  type: string,
  hoursAgo: number,
  data: unknown = { id: 'directory_user_01X', first_name: 'Ada', last_name: 'Lovelace' },
): WorkOSEvent {
  return { id: `event_01H${hoursAgo}`, event: type, data, created_at: new Date(NOW - hoursAgo * HOUR).toISOString() };
}

function report(input: Partial<DiagnosisInput>): string {
  return diagnosisMarkdown({
    directory: DIRECTORY,
    now: NOW,
    changes: { events: [] },
    lists: [
      { name: 'Groups', requestId: 'req_groups_1' },
      { name: 'Users', requestId: 'req_users_1' },
    ],
    ...input,
  });
}

describe('Diagnose Directory report', () => {
  it('a healthy directory: state in words, counts from metadata, the newest change and counts by kind and period', () => {
    const text = report({
      changes: {
        events: [
          event('dsync.group.user_added', 3, {
            user: { id: 'directory_user_01X', first_name: 'Ada', last_name: 'Lovelace' },
            group: { id: 'directory_group_01G', name: 'Engineering' },
          }),
          event('dsync.user.updated', 30),
          event('dsync.user.updated', 200),
          event('dsync.user.created', 600),
        ],
      },
    });
    assert.match(text, /\*\*Linked\*\* \(`linked`\)\. The directory is connected and syncing\. Nothing to do\./);
    assert.match(text, /- Users: 250 active, 14 inactive/);
    assert.match(text, /- Groups: 2,600/);
    assert.match(text, /Newest: Ada Lovelace added to Engineering, 3 h ago/);
    assert.match(text, /\| Updated \| 0 \| 1 \| 2 \|/);
    assert.match(text, /\| Added to a group \| 1 \| 1 \| 1 \|/);
    assert.match(text, /\| \*\*All\*\* \| 1 \| 2 \| 4 \|/);
    assert.match(text, /- Groups: answers \(request ID `req_groups_1`\)/);
  });

  it('says what to do for each state that stops syncing', () => {
    for (const [state, advice] of [
      ['invalid_credentials', /IT admin must reconnect it, for example through the Admin Portal/],
      ['validating', /still checking the connection/],
      ['unlinked', /not connected, so nothing syncs/],
      ['deleting', /deleting the directory/],
      ['something_new', /a state this extension does not know/],
    ] as const) {
      assert.match(report({ directory: { ...DIRECTORY, state } }), advice, state);
    }
  });

  it('no change in 30 days is quiet, not broken; failures say so with the request ID', () => {
    const quiet = report({});
    assert.match(quiet, /the directory is \*\*quiet\*\*\. That is not a fault/);
    const failed = report({
      changes: {
        error: new WorkOSError('server', 'WorkOS had a problem.', { status: 500, requestId: 'req_events_9' }),
      },
      lists: [
        {
          name: 'Users',
          error: new WorkOSError('forbidden', 'Not allowed.', { status: 403, requestId: 'req_users_9' }),
        },
      ],
    });
    assert.match(failed, /Could not read the changes: WorkOS had a problem\. Request ID: req\\_events\\_9\./);
    assert.match(failed, /- Users: \*\*fails\*\*: Not allowed\. Request ID: req\\_users\\_9\./);
  });

  it('a server’s error message cannot start a heading or a list, nor reorder the line', () => {
    const hostile = 'Bad request\n# Reconnect now\n- [Admin Portal](https://evil.example) \u202Eevil';
    const text = report({
      changes: { error: new WorkOSError('invalid', hostile, { status: 400 }) },
      lists: [{ name: 'Users', error: new WorkOSError('invalid', hostile, { status: 400 }) }],
    });
    assert.ok(!/^# Reconnect now/m.test(text), 'no heading from the server');
    assert.ok(!/^- \[Admin Portal\]/m.test(text), 'no list item from the server');
    assert.ok(!text.includes('\u202E'), 'no bidi override');
  });

  it('server text cannot add a link, HTML, a heading or a table cell; bidi is neutralised; metadata may be missing', () => {
    const hostile = `[x](command:workos.clearApiKey) <img src=x> # | \u202E${'y'.repeat(10_000)}`;
    const text = report({
      directory: { ...DIRECTORY, name: hostile, metadata: undefined, state: hostile },
      changes: { events: [event('dsync.user.created', 1, { id: 'directory_user_01X', first_name: hostile })] },
    });
    assert.ok(!text.includes('](command:'), 'no link');
    assert.ok(!text.includes('<img'), 'no HTML');
    assert.ok(!text.includes('\u202E'), 'no bidi override');
    assert.ok(!/^# .*\n.*^# /ms.test(text.split('## State')[0]), 'one heading only');
    assert.match(text, /- Users: not reported/);
    assert.ok(text.length < 10_000, `${text.length} characters`);
    assert.equal(markdownText('a_b*c[d](e)<f>'), 'a\\_b\\*c\\[d\\]\\(e\\)&lt;f&gt;');
  });
});

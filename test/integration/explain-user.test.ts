import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { SAMPLE, type DirectoryGroup, type DirectoryUser } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import {
  acceptQuickPick,
  isGroupNode,
  isUserNode,
  listedDirectory,
  useSuite,
  waitFor,
  waitForLogLine,
} from './helpers';

describe('Explain User Access', function () {
  this.timeout(30_000);
  let api: TestApi;
  let fake: FakeWorkOS;

  useSuite((suite) => ({ api, fake } = suite));

  const userOf = (id: string) => fake.dataset.users.find((user) => user.id === id)!;
  const emailLookups = () => fake.requests.filter((r) => r.route === 'list_users' && r.query.email !== undefined);

  /** The report the Markdown preview renders for `userId`, once `running` has opened it. */
  async function reportOf(userId: string, running: Thenable<unknown>): Promise<string> {
    await running;
    let document: vscode.TextDocument | undefined;
    await waitFor(() => {
      document = vscode.workspace.textDocuments.find(
        (candidate) => candidate.uri.scheme === 'workos-report' && candidate.uri.path.startsWith(`/${userId}/`),
      );
      return document !== undefined;
    }, 'the Markdown preview reads the report');
    // The preview's tab may follow the command's end by a moment when that report was shown before.
    await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .some((candidate) => candidate.input instanceof vscode.TabInputWebview),
      'the report shows rendered, in a preview',
    );
    return document!.getText();
  }

  const explain = (argument: unknown) => vscode.commands.executeCommand('workos.explainUser', argument);

  it('by ID: the person, state, directory and organisation by name, every group (all pages), role and attributes', async () => {
    const user = userOf(SAMPLE.userWithGroupsId);
    const text = await reportOf(user.id, explain(user.id));
    assert.match(text, new RegExp(`^# ${user.first_name} ${user.last_name}\\n`));
    assert.match(text, /\*\*Active\*\* \(`active`\)\. .* is provisioned to the customer's apps/);
    const directoryLink = /- Directory: \[Brightline Logistics \\\(Okta\\\)\]\(<(workos\.object:\/\/[^>]+)>\)/.exec(
      text,
    );
    assert.ok(directoryLink, 'the directory links to its JSON');
    assert.match(text, new RegExp(`- Organisation: \\[${SAMPLE.organizationNames[user.organization_id]}\\]`));
    assert.match(text, new RegExp(`## Groups \\(${SAMPLE.userWithGroupsCount}\\)`));
    assert.equal(text.match(/^- \[.*\(`directory_group_/gm)?.length, SAMPLE.userWithGroupsCount, 'every group listed');
    assert.match(text, new RegExp(`- Role: \`${user.role.slug}\``));
    assert.match(text, /## Changes in the last 30 days/);
    const groupPages = fake.requests.filter((r) => r.route === 'list_groups' && r.query.user === user.id);
    assert.equal(groupPages.length, Math.ceil(SAMPLE.userWithGroupsCount / 100), 'the groups at 100 a page');
    // What the preview does with a link of that scheme (the UI test clicks one).
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(directoryLink[1]));
    await waitFor(
      () => vscode.window.activeTextEditor?.document.getText().includes(`"id": "${user.directory_id}"`) === true,
      'the link opens the directory as JSON',
    );
  });

  it('from a user row; a suspended user is said plainly not to be provisioned, with their changes of the month', async () => {
    const user = userOf(SAMPLE.suspendedUserId);
    const directory = await listedDirectory(api, SAMPLE.largeDirectoryId);
    const memberOf = new Set(fake.dataset.memberships.filter(([u]) => u === user.id).map(([, g]) => g));
    const group = (await api.view.getChildren(directory)).find((r) => isGroupNode(r) && memberOf.has(r.group.id));
    assert.ok(group, 'a group of the user on the first page');
    const row = (await api.view.getChildren(group)).find((r) => isUserNode(r) && r.user.id === user.id);
    assert.ok(row, 'the user row');
    const text = await reportOf(user.id, explain(row));
    assert.match(text, /\*\*Suspended\*\* \(`suspended`\)\. .* is \*\*not provisioned to the customer's apps\*\*/);
    assert.match(text, /\*\*Added to\*\* \[[^\]]+\]\(<workos\.object:\/\/[^>]+directory_group[^>]+>\) \(`event_/);
  });

  it('an update names the fields with their old and new values', async () => {
    const updated = fake.dataset.events!.find(
      (event) =>
        event.event === 'dsync.user.updated' &&
        'state' in (event.data as { previous_attributes: object }).previous_attributes,
    )!;
    const data = updated.data as DirectoryUser & { previous_attributes: { state: string } };
    const text = await reportOf(data.id, explain(data.id));
    assert.match(
      text,
      new RegExp(`\\*\\*Updated\\*\\*: [^\\n]*state: ${data.previous_attributes.state} → ${data.state} `),
    );
  });

  it('by email (any case, spaces around): found in its directory after every directory was asked', async () => {
    const user = userOf(SAMPLE.userWithGroupsId);
    const text = await reportOf(user.id, explain(`  ${user.email!.toUpperCase()} `));
    assert.match(text, new RegExp(`^# ${user.first_name}`));
    const asked = emailLookups();
    assert.equal(asked.length, fake.dataset.directories.length, 'one lookup per directory');
    assert.ok(asked.every((r) => r.query.email === user.email!.toLowerCase()));
    assert.equal(new Set(asked.map((r) => r.query.directory)).size, fake.dataset.directories.length);
  });

  it('by email with several matches: the person picks one', async () => {
    const user = userOf(SAMPLE.userWithGroupsId);
    const twin: DirectoryUser = {
      ...user,
      id: 'directory_user_01TWIN00000000000000000000',
      directory_id: SAMPLE.smallDirectoryId,
      first_name: 'Twin',
    };
    fake.dataset.users.push(twin);
    try {
      const running = explain(user.email);
      await acceptQuickPick(running, 'the matches');
      await waitForLogLine(api, `Explain User Access: 2 users have the email ${user.email}`);
      await running;
      await waitFor(
        () =>
          vscode.workspace.textDocuments.some(
            (d) =>
              d.uri.scheme === 'workos-report' && [user.id, twin.id].some((id) => d.uri.path.startsWith(`/${id}/`)),
          ),
        'a report opened',
      );
    } finally {
      fake.dataset.users.splice(fake.dataset.users.indexOf(twin), 1);
    }
  });

  it('an email in no directory says so, with how many directories were searched; bad input sends nothing', async () => {
    await explain('nobody@example.com');
    const count = fake.dataset.directories.length;
    await waitForLogLine(
      api,
      `No user has the primary email nobody@example.com in any of the ${count} directories searched.`,
    );
    assert.equal(emailLookups().length, count);
    fake.clearRequests();
    for (const bad of ['', 'no at sign', 'a b@example.com', 'ada@example.com.', 'x@y@z', 'directory_group_01ABC']) {
      await explain(bad);
    }
    assert.equal(fake.requests.length, 0, 'nothing sent for bad input');
  });

  it('hostile data: 10,000 groups stop at the shared limit and say so; deep and 1 MB attributes; links and bidi in names', async function () {
    this.timeout(60_000);
    const user = userOf(SAMPLE.userWithoutEmailId);
    const saved = { first_name: user.first_name, custom_attributes: user.custom_attributes };
    const hostile = '[x](command:workos.clearApiKey) \u202Eevil\u202C';
    let deep: Record<string, unknown> = { leaf: 'bottom' };
    for (let i = 0; i < 50; i++) deep = { [`level${i}`]: deep };
    const groups: DirectoryGroup[] = Array.from({ length: 10_001 }, (_, i) => ({
      ...fake.dataset.groups.find((g) => g.directory_id === user.directory_id)!,
      id: `directory_group_01HOSTILE${String(i).padStart(17, '0')}`,
      name: `${hostile} ${i}`,
      created_at: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString(),
    }));
    const memberships = groups.map((group): [string, string] => [user.id, group.id]);
    fake.dataset.groups.push(...groups);
    fake.dataset.memberships.push(...memberships);
    user.first_name = hostile;
    user.custom_attributes = { deep, big: 'x'.repeat(1024 * 1024) };
    try {
      const text = await reportOf(user.id, explain(user.id));
      assert.match(text, /\*\*Not every group could be read\*\*: .*limit of 10,000 items.* The 10,000 read are listed/);
      assert.match(text, /- level45: /);
      assert.match(text, /- big: x{199}…/);
      assert.doesNotMatch(text, /\]\(command:/);
      assert.doesNotMatch(text, /[\u202A-\u202E\u2066-\u2069]/);
      assert.ok(text.length < 3_000_000, `a bounded report (${text.length} characters)`);
    } finally {
      fake.dataset.groups.splice(-groups.length);
      fake.dataset.memberships.splice(-memberships.length);
      Object.assign(user, saved);
    }
  });
});

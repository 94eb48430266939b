import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { GroupNode, TreeNode } from '../../src/tree/nodes';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeEvent } from '../fake-workos/event-data';
import type { FakeWorkOS } from '../fake-workos/server';
import { acceptQuickPick, isGroupNode, listedDirectory, useSuite, waitFor } from './helpers';

describe('Member counts', () => {
  let api: TestApi;
  let fake: FakeWorkOS;

  useSuite((suite) => ({ api, fake } = suite));
  // Hidden again, the WorkOS views ask for nothing while other suites count their requests.
  after(() => vscode.commands.executeCommand('workbench.view.explorer'));

  const membersOf = (groupId: string) => fake.dataset.memberships.filter(([, group]) => group === groupId).length;
  const description = (node: TreeNode) => api.view.getTreeItem(node).description;
  const groups = (rows: TreeNode[]) => rows.filter(isGroupNode);

  async function groupRow(directoryId: string, groupId: string): Promise<GroupNode> {
    const directory = await listedDirectory(api, directoryId);
    for (let pages = 0; pages < 30; pages++) {
      const rows = await api.view.getChildren(directory);
      const found = groups(rows).find((row) => row.group.id === groupId);
      if (found) return found;
      await api.view.loadMore(directory);
    }
    assert.fail(`group ${groupId} is listed in ${directoryId}`);
  }

  it('Count Members: every group row of the directory shows its count, and the report lists them by size', async () => {
    const directory = await listedDirectory(api, SAMPLE.smallDirectoryId);
    const rows = groups(await api.view.getChildren(directory));
    assert.ok(rows.length > 0);
    assert.equal(description(rows[0]), rows[0].group.id, 'before any count, the ID');
    await vscode.commands.executeCommand('workos.countMembers', SAMPLE.smallDirectoryId);
    for (const row of rows) {
      const count = membersOf(row.group.id);
      assert.equal(description(row), `${count} ${count === 1 ? 'member' : 'members'}`, row.group.id);
      const item = api.view.getTreeItem(row);
      assert.equal(
        item.accessibilityInformation?.label,
        `Group ${row.group.name}, ${String(item.description)}, in ${directory.directory.name}`,
      );
    }
    let report: vscode.TextDocument | undefined;
    await waitFor(() => {
      report = vscode.workspace.textDocuments.find(
        (document) =>
          document.uri.scheme === 'workos-report' && document.uri.path.startsWith(`/${SAMPLE.smallDirectoryId}/`),
      );
      return report !== undefined;
    }, 'the Markdown preview reads the report');
    const text = report!.getText();
    const sizes = [...text.matchAll(/^\| .+ \| ([\d,]+) \| `directory_group_\w+` \|$/gm)].map((m) =>
      Number(m[1].replace(/,/g, '')),
    );
    assert.deepEqual(
      sizes,
      [...sizes].sort((a, b) => b - a),
      'largest first',
    );
    const total = rows.reduce((sum, row) => sum + membersOf(row.group.id), 0);
    assert.match(text, new RegExp(`- Memberships: ${total.toLocaleString('en')}\\n`));
    // Export as CSV (the notification's button runs this command).
    await vscode.commands.executeCommand('workos.exportMemberCounts', SAMPLE.smallDirectoryId);
    const csv = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(csv, /^id,name,members,complete,error\r\n/);
    assert.equal(csv.trimEnd().split('\r\n').length, rows.length + 1);
    // Unsaved, the export would make closing every editor ask whether to save it.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('from the palette it asks for the directory; a directory without groups says so', async () => {
    const running = vscode.commands.executeCommand<unknown>('workos.countMembers');
    await acceptQuickPick(running, 'the directory');
    const uri = await running;
    assert.ok(uri instanceof vscode.Uri, 'a report opened');
    const text = api.reports.provideTextDocumentContent(uri);
    // The picker lists the newest directory first: the sample's empty one.
    assert.match(text, new RegExp(`Directory \`${SAMPLE.emptyDirectoryId}\``));
    assert.match(text, /This directory has no groups\./);
  });

  it('an expanded group shows 100+ while pages remain, the exact count at the end, 1 member, 0 members', async () => {
    const big = await groupRow(SAMPLE.largeDirectoryId, SAMPLE.bigGroupId);
    await api.view.getChildren(big);
    assert.equal(description(big), '100+ members');
    await api.view.loadMore(big);
    assert.equal(description(big), '200+ members');
    await api.view.loadMore(big);
    assert.equal(description(big), `${SAMPLE.bigGroupMemberCount} members`);
    const one = await groupRow(SAMPLE.largeDirectoryId, SAMPLE.oneMemberGroupId);
    await api.view.getChildren(one);
    assert.equal(description(one), '1 member');
    const empty = await groupRow(SAMPLE.largeDirectoryId, SAMPLE.emptyGroupId);
    await api.view.getChildren(empty);
    assert.equal(description(empty), '0 members');
  });

  it('Refresh drops the counts: the rows show their IDs again', async () => {
    const one = await groupRow(SAMPLE.largeDirectoryId, SAMPLE.oneMemberGroupId);
    await api.view.getChildren(one);
    assert.equal(description(one), '1 member');
    api.view.refresh();
    assert.equal(description(one), SAMPLE.oneMemberGroupId);
  });

  it('a membership change seen by Recent Changes drops the count; reading the members again shows the new one', async () => {
    const group = await groupRow(SAMPLE.largeDirectoryId, SAMPLE.oneMemberGroupId);
    await api.view.getChildren(group);
    assert.equal(description(group), '1 member');
    // Recent Changes' first screen read, so that its next poll asks only for what is newer.
    api.changes.show(undefined);
    await api.changes.getChildren();
    const user = fake.dataset.users.find(
      (candidate) =>
        candidate.directory_id === SAMPLE.largeDirectoryId &&
        !fake.dataset.memberships.some(([u, g]) => u === candidate.id && g === group.group.id),
    )!;
    const added: FakeEvent = {
      object: 'event',
      id: 'event_01ZZCOUNTED',
      event: 'dsync.group.user_added',
      data: { directory_id: SAMPLE.largeDirectoryId, user, group: group.group },
      created_at: new Date().toISOString(),
      context: {},
    };
    fake.dataset.events!.push(added);
    fake.dataset.memberships = [...fake.dataset.memberships, [user.id, group.group.id]];
    try {
      assert.equal(await api.changes.poll(), true);
      assert.equal(description(group), group.group.id, 'the old count is gone');
      await api.view.getChildren(group);
      assert.equal(description(group), '2 members');
    } finally {
      fake.dataset.events!.pop();
      fake.dataset.memberships = fake.dataset.memberships.slice(0, -1);
    }
  });
});

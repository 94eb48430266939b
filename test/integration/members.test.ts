import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { GroupNode, TreeNode } from '../../src/tree/nodes';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import {
  isDirectoryNode,
  isGroupNode,
  isUserNode,
  label,
  listedDirectory,
  tooltipText,
  useSuite,
  waitFor,
  workosLogFile,
} from './helpers';

describe('group members', () => {
  let api: TestApi;
  let fake: FakeWorkOS;

  useSuite((suite) => ({ api, fake } = suite));

  const membersOf = (groupId: string) =>
    fake.dataset.memberships.filter(([, group]) => group === groupId).map(([user]) => user);
  const memberRequests = (groupId: string) =>
    fake.requests.filter((r) => r.route === 'list_users' && r.query.group === groupId);
  const users = (rows: TreeNode[]) => rows.filter(isUserNode);
  /** By-ID requests only: the workbench may list the visible tree again at any time. */
  const byIdRequests = () => fake.requests.filter((r) => r.route.startsWith('get_')).map((r) => `${r.route} ${r.id}`);

  /** The group row of `groupId`, loading the large directory's group pages until it shows. */
  async function groupRow(groupId: string): Promise<GroupNode> {
    const directory = await listedDirectory(api, SAMPLE.largeDirectoryId);
    for (;;) {
      const rows = await api.view.getChildren(directory);
      const row = rows.find((r): r is GroupNode => isGroupNode(r) && r.group.id === groupId);
      if (row) return row;
      assert.equal(rows.at(-1)?.kind, 'loadMore', `group ${groupId} is in ${SAMPLE.largeDirectoryId}`);
      await api.view.loadMore(directory);
    }
  }

  it('a group row is collapsible; expanding it lists its members from GET /directory_users?group=', async () => {
    const group = await groupRow(SAMPLE.busyGroupId);
    const item = api.view.getTreeItem(group);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.equal(item.command?.command, 'workos.openGroup', 'its label still opens the JSON');
    fake.clearRequests();
    const rows = await api.view.getChildren(group);
    assert.deepEqual(new Set(users(rows).map((row) => row.user.id)), new Set(membersOf(SAMPLE.busyGroupId)));
    const asked = memberRequests(SAMPLE.busyGroupId);
    assert.deepEqual(
      asked.map(({ query: { directory: _directory, ...filters } }) => filters),
      [{ group: SAMPLE.busyGroupId, limit: '100' }],
    );
    // Nested, the group's directory is in the path; flat, it is not sent.
    assert.ok(asked.every((r) => r.query.directory === (r.nested ? SAMPLE.largeDirectoryId : undefined)));
    await api.view.getChildren(group);
    assert.equal(memberRequests(SAMPLE.busyGroupId).length, 1, 're-expanding costs nothing');
  });

  it('a user row: name, email, state icon, a tooltip with the details, a click that opens the JSON without a request', async () => {
    const rows = await api.view.getChildren(await groupRow(SAMPLE.busyGroupId));
    const row = users(rows)[0];
    const user = fake.dataset.users.find((u) => u.id === row.user.id)!;
    const item = api.view.getTreeItem(row);
    assert.equal(label(api, row), `${user.first_name} ${user.last_name}`);
    // A state other than active is written too: active and inactive differ by the icon's colour alone.
    assert.equal(item.description, user.state === 'active' ? user.email : `${user.email} · Inactive`);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'person');
    const color = (item.iconPath as vscode.ThemeIcon).color as unknown as { id: string };
    assert.equal(color.id, user.state === 'active' ? 'testing.iconPassed' : 'disabledForeground', 'colour by state');
    assert.equal(item.contextValue, 'workos.user.email');
    const tooltip = await tooltipText(api, row);
    for (const value of [user.id, user.idp_id, user.email!, user.state, user.role.slug]) {
      assert.ok(tooltip.includes(value), `tooltip shows ${value}: ${tooltip}`);
    }
    fake.clearRequests();
    await vscode.commands.executeCommand(item.command!.command, ...((item.command!.arguments ?? []) as unknown[]));
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.scheme, 'workos');
    assert.deepEqual(JSON.parse(document.getText()), row.user, 'exactly the object its page listed');
    assert.equal(row.user.email, user.email);
    assert.deepEqual(byIdRequests(), [], 'shown as its page listed it');
  });

  it('a user in two groups opens from the first group’s row without a request, after the second group listed it again', async () => {
    const inLarge = new Set(
      fake.dataset.groups.filter((g) => g.directory_id === SAMPLE.largeDirectoryId).map((g) => g.id),
    );
    const groupsOf = new Map<string, string[]>();
    for (const [user, group] of fake.dataset.memberships) {
      if (inLarge.has(group)) groupsOf.set(user, [...(groupsOf.get(user) ?? []), group]);
    }
    const [userId, [first, second]] = [...groupsOf].find(([, groups]) => groups.length >= 2)!;
    const firstRow = users(await api.view.getChildren(await groupRow(first))).find((row) => row.user.id === userId)!;
    await api.view.getChildren(await groupRow(second)); // caches a newer copy of the same user
    fake.clearRequests();
    const item = api.view.getTreeItem(firstRow);
    await vscode.commands.executeCommand(item.command!.command, ...((item.command!.arguments ?? []) as unknown[]));
    assert.equal(vscode.window.activeTextEditor?.document.uri.scheme, 'workos');
    assert.deepEqual(byIdRequests(), [], 'the row is this session’s: shown as listed');
  });

  it('Copy ID and Copy Email copy from a user row; Show Groups of Directory User takes the row', async () => {
    const row = users(await api.view.getChildren(await groupRow(SAMPLE.busyGroupId)))[0];
    await vscode.commands.executeCommand('workos.copyId', row);
    assert.equal(await vscode.env.clipboard.readText(), row.user.id);
    await vscode.commands.executeCommand('workos.copyEmail', row);
    assert.equal(await vscode.env.clipboard.readText(), row.user.email);
    fake.clearRequests();
    const running = vscode.commands.executeCommand('workos.showUserGroups', row);
    await waitFor(() => fake.requests.some((r) => r.query.user === row.user.id), 'the user’s groups are asked for');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await running;
    assert.ok(
      !fake.requests.some((r) => r.route === 'get_user' && r.id === row.user.id),
      'the row’s user titles the picker: no request for it',
    );
  });

  it('members page like groups: 100 a page, Load more with the cursor until the last page, then no Load more', async () => {
    const group = await groupRow(SAMPLE.bigGroupId);
    fake.clearRequests();
    let rows = await api.view.getChildren(group);
    assert.equal(users(rows).length, 100);
    assert.equal(rows.at(-1)?.kind, 'loadMore');
    assert.equal(label(api, rows.at(-1)!), 'Load more');
    const more = api.view.getTreeItem(rows.at(-1)!).command!;
    await vscode.commands.executeCommand(more.command, ...((more.arguments ?? []) as unknown[]));
    await api.view.loadMore(group);
    rows = await api.view.getChildren(group);
    assert.equal(users(rows).length, SAMPLE.bigGroupMemberCount);
    assert.equal(new Set(rows.map((row) => row.id)).size, rows.length, 'no row twice');
    assert.ok(rows.every(isUserNode), 'no Load more after the last page');
    const requests = memberRequests(SAMPLE.bigGroupId);
    assert.equal(requests.length, Math.ceil(SAMPLE.bigGroupMemberCount / 100), 'one request a page');
    assert.equal(requests[1].query.after, users(rows)[99].user.id, 'the next page starts after the last row shown');
  });

  it('an empty group shows one "No members" row: no error, no Load more', async () => {
    const rows = await api.view.getChildren(await groupRow(SAMPLE.emptyGroupId));
    assert.deepEqual(
      rows.map((row) => [row.kind, label(api, row)]),
      [['placeholder', 'No members']],
    );
  });

  it('a suspended member has its own icon; the tooltip says the state', async () => {
    const group = await groupRow(SAMPLE.firstListedGroupId);
    const rows = users(await api.view.getChildren(group));
    const suspended = rows.find((row) => row.user.state === 'suspended')!;
    assert.equal((api.view.getTreeItem(suspended).iconPath as vscode.ThemeIcon).id, 'circle-slash');
    assert.match(await tooltipText(api, suspended), /State: suspended/);
    const inactive = rows.find((row) => row.user.state === 'inactive')!;
    assert.notEqual((api.view.getTreeItem(inactive).iconPath as vscode.ThemeIcon).id, 'circle-slash');
  });

  it('listing directories asks for no organisation; a directory’s tooltip asks for its own, once', async () => {
    fake.clearRequests();
    await api.view.getChildren(undefined);
    const directory = await listedDirectory(api, SAMPLE.largeDirectoryId);
    assert.deepEqual(
      fake.requests.filter((r) => r.route === 'get_organization').map((r) => r.path),
      [],
      'nothing is asked before a row needs it',
    );
    const organizationId = directory.directory.organization_id as string;
    assert.match(
      await tooltipText(api, directory),
      new RegExp(`Organization: ${SAMPLE.organizationNames[organizationId]} \\(${organizationId}\\)`),
    );
    await tooltipText(api, directory);
    const asked = fake.requests.filter((r) => r.route === 'get_organization').map((r) => r.path);
    assert.deepEqual(asked, [`/organizations/${organizationId}`], 'asked once, for this directory only');
  });

  it('an organisation that cannot be read leaves its ID in the tooltip and one line in the log', async () => {
    const logged = () => {
      const file = workosLogFile(api);
      return file
        ? fs
            .readFileSync(file, 'utf8')
            .split('\n')
            .filter((l) => l.includes('Could not read an organization name'))
        : [];
    };
    const before = logged().length;
    fake.inject({ kind: 'status', status: 403, times: Infinity, match: { path: /^\/organizations\// } });
    const directories = (await api.view.getChildren(undefined)).filter(isDirectoryNode);
    const withOrganization = directories.filter((row) => typeof row.directory.organization_id === 'string');
    for (const row of withOrganization) {
      const organizationId = row.directory.organization_id as string;
      assert.match(await tooltipText(api, row), new RegExp(`Organization: ${organizationId}\\s`), 'the ID stays');
    }
    await waitFor(() => logged().length > before, 'the failure is logged');
    assert.equal(logged().length, before + 1, 'logged once, however many organisations fail');
  });

  it('a member page that fails becomes an error row under the group; clicking it retries', async () => {
    const group = await groupRow(SAMPLE.busyGroupId);
    fake.inject({ kind: 'status', status: 500, times: 4, match: { route: 'list_users' } });
    const failed = await api.view.getChildren(group);
    const trailer = failed.at(-1)!;
    assert.equal(trailer.kind, 'message');
    assert.match(label(api, trailer), /WorkOS server error \(500\)/);
    const retry = api.view.getTreeItem(trailer).command!;
    await vscode.commands.executeCommand(retry.command, ...((retry.arguments ?? []) as unknown[]));
    const rows = await api.view.getChildren(group);
    assert.equal(users(rows).length, membersOf(SAMPLE.busyGroupId).length);
    assert.ok(!rows.some((row) => row.kind === 'message'));
  });

  it('Refresh brings a group back with as many member pages as were loaded', async () => {
    const group = await groupRow(SAMPLE.busyGroupId);
    await api.view.getChildren(group);
    fake.clearRequests();
    api.view.refresh();
    const again = await groupRow(SAMPLE.busyGroupId);
    assert.equal(again, group, 'the same node object, so VS Code keeps it expanded');
    assert.equal(users(await api.view.getChildren(group)).length, membersOf(SAMPLE.busyGroupId).length);
    assert.equal(memberRequests(SAMPLE.busyGroupId).length, 1);
  });

  it('expanding 20 groups of one directory at once gets no 429 from a server that enforces 4 a second', async () => {
    const directory = await listedDirectory(api, SAMPLE.largeDirectoryId);
    const groups = (await api.view.getChildren(directory)).filter(isGroupNode).slice(0, 20);
    fake.clearRequests();
    const answers = await Promise.all(groups.map((group) => api.view.getChildren(group)));
    assert.equal(fake.requests.filter((r) => r.status === 429).length, 0, 'no 429');
    assert.equal(fake.requests.filter((r) => r.route === 'list_users').length, 20, 'one request a group');
    assert.ok(!answers.some((rows) => rows.some((row) => row.kind === 'message')), 'no error row');
  });

  describe('Open by ID', () => {
    const ids = () => ({
      directory: SAMPLE.smallDirectoryId,
      group: SAMPLE.busyGroupId,
      legacy: fake.dataset.groups.find((g) => g.id.startsWith('directory_grp_'))!.id,
      user: SAMPLE.userWithGroupsId,
    });

    for (const what of ['directory', 'group', 'legacy', 'user'] as const) {
      it(`opens a ${what} ID as its JSON, always asking the API anew`, async () => {
        const id = ids()[what];
        await vscode.commands.executeCommand('workos.openById', id);
        await vscode.commands.executeCommand('workos.openById', id);
        const gets = fake.requests.filter((r) => r.path.endsWith(`/${id}`));
        assert.equal(gets.length, 2, 'each open asks WorkOS what it says now');
        const document = vscode.window.activeTextEditor?.document;
        assert.equal(document?.uri.scheme, 'workos');
        assert.equal((JSON.parse(document.getText()) as { id: string }).id, id);
      });
    }

    it('refuses what is not a WorkOS ID, without a request', async () => {
      for (const bad of ['directory_users', 'org_chart', '../directories', 'directory_group_01X/../x', '']) {
        await vscode.commands.executeCommand('workos.openById', bad);
      }
      assert.deepEqual(byIdRequests(), [], 'nothing was asked for');
      assert.equal(vscode.window.activeTextEditor, undefined);
    });

    it('Open Directory JSON from a directory row shows the listed object without a request', async () => {
      const directory = await listedDirectory(api, SAMPLE.smallDirectoryId);
      fake.clearRequests();
      await vscode.commands.executeCommand('workos.openDirectory', directory);
      const document = vscode.window.activeTextEditor?.document;
      assert.deepEqual(JSON.parse(document!.getText()), directory.directory);
      assert.deepEqual(
        byIdRequests().filter((request) => request.startsWith('get_directory ')),
        [],
      );
    });
  });
});

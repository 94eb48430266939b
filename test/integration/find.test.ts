import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import {
  acceptQuickPick,
  closeAllEditors,
  isDirectoryNode,
  isGroupNode,
  listedDirectory,
  useSuite,
  waitFor,
  waitForLogLine,
} from './helpers';

describe('find', () => {
  let api: TestApi;
  let fake: FakeWorkOS;

  // A search stays across tests otherwise: every test starts from every directory.
  useSuite(
    (suite) => ({ api, fake } = suite),
    () => vscode.commands.executeCommand('workos.clearSearch'),
  );
  after(() => vscode.commands.executeCommand('workos.clearSearch'));

  const roots = () => api.view.getChildren(undefined);
  const directoryRequests = () => fake.requests.filter((r) => r.path === '/directories');

  describe('Search Directories', () => {
    it('shows what GET /directories?search= returns, names the search in the title line, and Clear Search undoes it', async () => {
      await vscode.commands.executeCommand('workos.searchDirectories', 'kestrel');
      const found = (await roots()).filter(isDirectoryNode);
      const expected = fake.dataset.directories.filter((d) => d.name.toLowerCase().includes('kestrel'));
      assert.ok(expected.length > 0 && expected.length < fake.dataset.directories.length);
      assert.deepEqual(new Set(found.map((row) => row.directory.id)), new Set(expected.map((d) => d.id)));
      assert.equal(directoryRequests().at(-1)?.query.search, 'kestrel', 'the server matches, not the extension');
      assert.equal(api.view.view.title, 'Directories · “kestrel”');
      await vscode.commands.executeCommand('workos.clearSearch');
      assert.equal((await roots()).length, fake.dataset.directories.length);
      assert.equal(api.view.view.title, 'Directories');
    });

    it('a directory expanded before the search keeps its loaded pages', async () => {
      const small = await listedDirectory(api, SAMPLE.smallDirectoryId);
      const groups = await api.view.getChildren(small);
      await vscode.commands.executeCommand('workos.searchDirectories', 'contractors');
      const again = await listedDirectory(api, SAMPLE.smallDirectoryId);
      assert.equal(again, small, 'the same row');
      fake.clearRequests();
      assert.deepEqual(await api.view.getChildren(again), groups);
      assert.equal(fake.requests.filter((r) => r.route === 'list_groups').length, 0, 'no request for its groups');
    });

    it('no match: an empty root (the view shows its "no directory matches" welcome)', async () => {
      await vscode.commands.executeCommand('workos.searchDirectories', 'zzz-no-such-directory');
      assert.deepEqual(await roots(), []);
      assert.deepEqual(api.view.model.state, { keyState: 'valid', directoryCount: 0 });
      assert.equal(api.view.model.search, 'zzz-no-such-directory');
    });
  });

  describe('Find Directory User by Email', () => {
    const user = () => fake.dataset.users.find((u) => u.id === SAMPLE.userWithGroupsId)!;

    it('one match opens the user’s JSON, found by GET /directory_users?directory=&email=', async () => {
      const directory = await listedDirectory(api, SAMPLE.largeDirectoryId);
      await vscode.commands.executeCommand('workos.findUser', directory, user().email!.toUpperCase());
      const document = vscode.window.activeTextEditor?.document;
      assert.equal((JSON.parse(document!.getText()) as { id: string }).id, user().id);
      const asked = fake.requests.filter((r) => r.route === 'list_users');
      assert.deepEqual(
        asked.map((r) => [r.query.directory, r.query.email]),
        [[SAMPLE.largeDirectoryId, user().email!.toUpperCase()]],
      );
    });

    it('takes a directory ID too; no match opens nothing', async () => {
      await vscode.commands.executeCommand('workos.findUser', SAMPLE.largeDirectoryId, 'nobody@example.com');
      assert.equal(vscode.window.activeTextEditor, undefined);
      assert.equal(fake.requests.filter((r) => r.route === 'list_users').length, 1);
    });

    it('a malformed email sends nothing', async () => {
      for (const bad of ['', 'no at sign', 'a b@example.com', 'x@y@z', `${'a'.repeat(400)}@example.com`]) {
        await vscode.commands.executeCommand('workos.findUser', SAMPLE.largeDirectoryId, bad);
      }
      assert.equal(fake.requests.filter((r) => r.route === 'list_users').length, 0);
    });

    it('a server that refuses the email filter is logged as such, and nothing opens', async () => {
      fake.inject({
        kind: 'status',
        status: 400,
        match: { route: 'list_users', query: { email: user().email! } },
      });
      await vscode.commands.executeCommand('workos.findUser', SAMPLE.largeDirectoryId, user().email);
      assert.equal(vscode.window.activeTextEditor, undefined);
      await waitForLogLine(api, `The email filter was refused for ${SAMPLE.largeDirectoryId}`);
    });
  });

  describe('Find Groups in Directory', () => {
    const groupRequests = () => fake.requests.filter((r) => r.route === 'list_groups');

    it('scans from both ends, finds a group on a late page by its ID and opens it; a second search sends nothing', async () => {
      const directory = await listedDirectory(api, SAMPLE.largeDirectoryId);
      fake.clearRequests();
      await acceptQuickPick(
        vscode.commands.executeCommand('workos.findGroups', directory, SAMPLE.bigGroupId),
        'the finder',
      );
      const document = vscode.window.activeTextEditor?.document;
      assert.equal((JSON.parse(document!.getText()) as { id: string }).id, SAMPLE.bigGroupId);
      const orders = new Set(groupRequests().map((r) => r.query.order));
      assert.deepEqual(orders, new Set(['desc', 'asc']), 'both ends');
      const pages = Math.ceil(SAMPLE.largeDirectoryGroupCount / 100);
      assert.ok(groupRequests().length <= pages + 2, `${groupRequests().length} requests for ${pages} pages`);
      await closeAllEditors();
      fake.clearRequests();
      const name = fake.dataset.groups.find((g) => g.id === SAMPLE.hundredMemberGroupId)!.name;
      await acceptQuickPick(
        vscode.commands.executeCommand('workos.findGroups', directory, name.toUpperCase()),
        'the finder',
      );
      assert.equal((JSON.parse(vscode.window.activeTextEditor!.document.getText()) as { name: string }).name, name);
      assert.equal(groupRequests().length, 0, 'the session kept the scan');
    });

    it('closing the picker mid-scan stops it: no request after the close', async () => {
      fake.setLatency(150);
      try {
        const directory = await listedDirectory(api, SAMPLE.largeDirectoryId);
        fake.clearRequests();
        const running = vscode.commands.executeCommand('workos.findGroups', directory, 'no such group');
        await waitFor(() => groupRequests().length >= 2, 'the scan is under way');
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await running;
        const sent = groupRequests().length;
        assert.ok(sent < Math.ceil(SAMPLE.largeDirectoryGroupCount / 100), 'stopped before the end');
        // Long enough for the scan's next pages, had it gone on: two more round trips.
        api.view.refresh();
        await api.view.getChildren(undefined);
        await api.view.getChildren(await listedDirectory(api, SAMPLE.smallDirectoryId));
        assert.equal(groupRequests().filter((r) => r.query.directory === SAMPLE.largeDirectoryId).length, sent);
      } finally {
        fake.setLatency(0);
      }
    });
  });

  describe('Export', () => {
    it('Export Groups writes every group of a directory as RFC 4180 CSV into an untitled editor', async () => {
      const directory = await listedDirectory(api, SAMPLE.smallDirectoryId);
      await acceptQuickPick(vscode.commands.executeCommand('workos.exportGroups', directory), 'the format picker');
      const document = vscode.window.activeTextEditor!.document;
      assert.equal(document.isUntitled, true, 'nothing is written to disk');
      const lines = document.getText().split('\r\n');
      assert.equal(lines[0], 'id,name,idp_id,created_at,updated_at');
      const groups = fake.dataset.groups.filter((g) => g.directory_id === SAMPLE.smallDirectoryId);
      assert.equal(lines.filter((line) => line !== '').length, groups.length + 1);
      for (const group of groups)
        assert.ok(
          lines.some((line) => line.startsWith(`${group.id},`)),
          group.id,
        );
    });

    it('Export Members writes every member of a group, paced, as CSV', async () => {
      const directory = await listedDirectory(api, SAMPLE.largeDirectoryId);
      const group = (await api.view.getChildren(directory)).find(isGroupNode)!;
      await acceptQuickPick(vscode.commands.executeCommand('workos.exportMembers', group), 'the format picker');
      const lines = vscode.window
        .activeTextEditor!.document.getText()
        .split('\r\n')
        .filter((line) => line !== '');
      assert.equal(lines[0], 'id,email,first_name,last_name,state');
      const members = fake.dataset.memberships.filter(([, g]) => g === group.group.id);
      assert.equal(lines.length, members.length + 1);
    });
  });
});

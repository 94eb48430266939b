import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import { closeAllEditors, closeSuite, isDirectoryNode, listedDirectory, openSuite, waitForLogLine } from './helpers';

describe('find', () => {
  let api: TestApi;
  let fake: FakeWorkOS;

  before(async () => ({ api, fake } = await openSuite()));
  after(async () => {
    await vscode.commands.executeCommand('workos.clearSearch');
    await closeSuite({ api, fake });
  });
  beforeEach(async () => {
    fake.clearFaults();
    await vscode.commands.executeCommand('workos.clearSearch');
    api.view.refresh();
    await closeAllEditors();
    fake.clearRequests();
  });

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
      assert.equal(api.view.view.description, '“kestrel”');
      await vscode.commands.executeCommand('workos.clearSearch');
      assert.equal((await roots()).length, fake.dataset.directories.length);
      assert.equal(api.view.view.description, undefined);
    });

    it('a directory expanded before the search keeps its loaded pages', async () => {
      const small = await listedDirectory(api, SAMPLE.smallDirectoryId);
      const groups = await api.view.getChildren(small);
      await vscode.commands.executeCommand('workos.searchDirectories', 'contractors');
      const again = await listedDirectory(api, SAMPLE.smallDirectoryId);
      assert.equal(again, small, 'the same row');
      fake.clearRequests();
      assert.deepEqual(await api.view.getChildren(again), groups);
      assert.equal(fake.requests.filter((r) => r.path === '/directory_groups').length, 0, 'no request for its groups');
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
      const asked = fake.requests.filter((r) => r.path === '/directory_users');
      assert.deepEqual(
        asked.map((r) => [r.query.directory, r.query.email]),
        [[SAMPLE.largeDirectoryId, user().email!.toUpperCase()]],
      );
    });

    it('takes a directory ID too; no match opens nothing', async () => {
      await vscode.commands.executeCommand('workos.findUser', SAMPLE.largeDirectoryId, 'nobody@example.com');
      assert.equal(vscode.window.activeTextEditor, undefined);
      assert.equal(fake.requests.filter((r) => r.path === '/directory_users').length, 1);
    });

    it('a malformed email sends nothing', async () => {
      for (const bad of ['', 'no at sign', 'a b@example.com', 'x@y@z', `${'a'.repeat(400)}@example.com`]) {
        await vscode.commands.executeCommand('workos.findUser', SAMPLE.largeDirectoryId, bad);
      }
      assert.equal(fake.requests.filter((r) => r.path === '/directory_users').length, 0);
    });

    it('a server that refuses the email filter is logged as such, and nothing opens', async () => {
      fake.inject({
        kind: 'status',
        status: 400,
        match: { path: '/directory_users', query: { email: user().email! } },
      });
      await vscode.commands.executeCommand('workos.findUser', SAMPLE.largeDirectoryId, user().email);
      assert.equal(vscode.window.activeTextEditor, undefined);
      await waitForLogLine(api, `The email filter was refused for ${SAMPLE.largeDirectoryId}`);
    });
  });
});

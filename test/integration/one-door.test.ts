// What reading WorkOS through the session's one door changes for a person: shared scans that outlive a
// closed picker, work that ends with its session, and answers checked against what was asked.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import { waitFor } from '../wait-for';
import { acceptQuickPick, closeAllEditors, KEY, listedDirectory, useKey, useSuite, waitForLogLine } from './helpers';

describe('one door to WorkOS data', () => {
  let api: TestApi;
  let fake: FakeWorkOS;
  useSuite((suite) => ({ api, fake } = suite));

  const isGroupsOf = (directory: string) => (request: FakeWorkOS['requests'][number]) =>
    /groups$/.test(request.path) && (request.query.directory === directory || request.path.includes(directory));
  const isUsersRequest = (request: FakeWorkOS['requests'][number]) => /users$/.test(request.path);
  /** The CSV lines of the active editor, header first. */
  const csvLines = () =>
    vscode.window
      .activeTextEditor!.document.getText()
      .split('\r\n')
      .filter((line) => line !== '');

  it('an export keeps reading when a Find Groups picker on the same scan is closed, and writes newest first', async () => {
    fake.setLatency(120);
    const directory = await listedDirectory(api, SAMPLE.largeDirectoryId);
    fake.clearRequests();
    const exporting = acceptQuickPick(
      vscode.commands.executeCommand('workos.exportGroups', directory),
      'the format picker',
    );
    await waitFor(() => fake.requests.filter(isGroupsOf(SAMPLE.largeDirectoryId)).length >= 2, 'the export reads');
    // A picker joins the same scan; closing it must not end the export.
    const finding = vscode.commands.executeCommand('workos.findGroups', directory, 'no such group');
    await waitFor(() => fake.requests.filter(isGroupsOf(SAMPLE.largeDirectoryId)).length >= 4, 'the scan goes on');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await finding;
    await exporting;
    const lines = csvLines();
    const groups = fake.dataset.groups.filter((group) => group.directory_id === SAMPLE.largeDirectoryId);
    assert.equal(lines.length, groups.length + 1, 'every group was exported');
    const newestFirst = [...groups]
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || (a.id < b.id ? -1 : 1))
      .map((group) => group.id);
    assert.deepEqual(
      lines.slice(1).map((line) => line.slice(0, line.indexOf(','))),
      newestFirst,
      'newest first, the same order every time',
    );
    const pages = Math.ceil(groups.length / 100);
    const read = fake.requests.filter(isGroupsOf(SAMPLE.largeDirectoryId)).length;
    assert.ok(read <= pages + 2, `one scan for the picker and the export: ${read} requests for ${pages} pages`);
  });

  it('Find Groups run twice at once: the second picker still finds and opens the group', async () => {
    fake.setLatency(60);
    const directory = await listedDirectory(api, SAMPLE.largeDirectoryId);
    const first = vscode.commands.executeCommand('workos.findGroups', directory, SAMPLE.bigGroupId);
    // A double click on the inline icon: the second picker replaces the first, which leaves the scan.
    await acceptQuickPick(
      vscode.commands.executeCommand('workos.findGroups', directory, SAMPLE.bigGroupId),
      'the second finder',
    );
    await first;
    const document = vscode.window.activeTextEditor?.document;
    assert.equal((JSON.parse(document!.getText()) as { id: string }).id, SAMPLE.bigGroupId);
  });

  it('a key changed during Export Members ends it: no request carries the old key after, nothing opens', async () => {
    fake.setLatency(250);
    fake.setApiKeys([KEY, 'sk_test_rotated_key_2']);
    fake.clearRequests();
    const exporting = acceptQuickPick(
      vscode.commands.executeCommand('workos.exportMembers', SAMPLE.bigGroupId),
      'the format',
    );
    await waitFor(() => fake.requests.some(isUsersRequest), 'the export reads');
    await useKey(api, 'sk_test_rotated_key_2');
    const changedAt = fake.requests.length;
    await exporting;
    assert.equal(vscode.window.activeTextEditor, undefined, 'no export document from the ended session');
    await api.view.getChildren(undefined); // a request with the new key, after any the old one could still send
    const late = fake.requests.slice(changedAt).filter((r) => r.headers.authorization === `Bearer ${KEY}`);
    assert.deepEqual(
      late.map((r) => r.path),
      [],
      'nothing sent with the old key after the change',
    );
  });

  describe('answers checked against what was asked', () => {
    const user = () => fake.dataset.users.find((u) => u.id === SAMPLE.userWithGroupsId)!;
    const others = () =>
      fake.dataset.users.filter((u) => u.directory_id === SAMPLE.largeDirectoryId && u.id !== user().id).slice(0, 2);
    const page = (data: unknown[]) => ({ object: 'list', data, list_metadata: { before: null, after: null } });

    it('a server that ignores the email filter: other people are left out, and nothing opens as “the match”', async () => {
      fake.inject({ kind: 'json', body: page(others()), match: { path: /users$/, query: { email: user().email! } } });
      await vscode.commands.executeCommand('workos.findUser', SAMPLE.largeDirectoryId, user().email);
      assert.equal(vscode.window.activeTextEditor, undefined);
      await waitForLogLine(api, 'the server ignored the email filter');
    });

    it('…and when the person is among them, only that person opens', async () => {
      fake.inject({
        kind: 'json',
        body: page([...others(), user()]),
        match: { path: /users$/, query: { email: user().email! } },
      });
      await vscode.commands.executeCommand('workos.findUser', SAMPLE.largeDirectoryId, user().email!.toUpperCase());
      const document = vscode.window.activeTextEditor?.document;
      assert.equal((JSON.parse(document!.getText()) as { id: string }).id, user().id);
      await closeAllEditors();
    });

    it('another directory’s groups in a page are dropped from the tree, the rest stay', async () => {
      const foreign = fake.dataset.groups.find((g) => g.directory_id === SAMPLE.largeDirectoryId)!;
      const own = fake.dataset.groups.filter((g) => g.directory_id === SAMPLE.smallDirectoryId);
      fake.inject({
        kind: 'json',
        body: page([own[0], foreign, own[1]]),
        match: { path: /groups$/, query: { directory: SAMPLE.smallDirectoryId } },
      });
      const small = await listedDirectory(api, SAMPLE.smallDirectoryId);
      const rows = await api.view.getChildren(small);
      const ids = rows.flatMap((row) => (row.kind === 'group' ? [row.group.id] : []));
      assert.deepEqual(ids, [own[0].id, own[1].id]);
    });
  });
});

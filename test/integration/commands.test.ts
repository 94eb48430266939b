import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import { acceptQuickPick, EXTENSION_ID, isGroupNode, KEY, listedDirectory, useSuite } from './helpers';

describe('commands', () => {
  let api: TestApi;
  let fake: FakeWorkOS;

  useSuite((suite) => ({ api, fake } = suite));

  const activeDocument = () => vscode.window.activeTextEditor?.document;
  const indent = () =>
    ' '.repeat(vscode.workspace.getConfiguration('editor', { languageId: 'json' }).get<number>('tabSize', 4));

  describe('Open Directory Group by ID', () => {
    it('fetches the group and opens exactly the API object as read-only JSON named after the group', async () => {
      const group = fake.dataset.groups.find((g) => g.directory_id === SAMPLE.smallDirectoryId)!;
      await vscode.commands.executeCommand('workos.openGroup', group.id);
      assert.deepEqual(
        fake.requests.map((r) => [r.route, r.id]),
        [['get_group', group.id]],
      );
      const document = activeDocument();
      assert.ok(document);
      assert.equal(document.uri.scheme, 'workos');
      assert.equal(document.languageId, 'json');
      assert.ok(document.uri.path.endsWith(`/${group.name}.json`), document.uri.path);
      assert.equal(document.getText(), `${JSON.stringify(group, null, indent())}\n`);
      assert.ok(!document.getText().includes(KEY));
    });

    it('is read-only: typing into it changes nothing', async () => {
      const typeIntoActiveEditor = async () => {
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        await vscode.commands.executeCommand('type', { text: 'tampered' });
        await vscode.commands.executeCommand('deleteLeft');
      };
      // Control: the same keystrokes do change an ordinary document, so they reach the editor.
      const scratch = await vscode.workspace.openTextDocument({ language: 'json', content: '{}' });
      await vscode.window.showTextDocument(scratch);
      await typeIntoActiveEditor();
      assert.notEqual(scratch.getText(), '{}', 'typing reaches the active editor');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

      const group = fake.dataset.groups[0];
      await vscode.commands.executeCommand('workos.openGroup', group.id);
      const editor = vscode.window.activeTextEditor!;
      const before = editor.document.getText();
      await typeIntoActiveEditor();
      assert.equal(editor.document.getText(), before);
      assert.equal(editor.document.isDirty, false);
    });

    it('opens the group of a tree row without a request, showing the full API object', async () => {
      const directory = await listedDirectory(api, SAMPLE.legacyDirectoryId);
      const row = (await api.view.getChildren(directory)).find(isGroupNode)!;
      assert.ok(row.group.id.startsWith('directory_grp_'), 'legacy IDs work');
      fake.clearRequests();
      const command = api.view.getTreeItem(row).command!;
      await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
      assert.equal(fake.requests.length, 0);
      const full = fake.dataset.groups.find((g) => g.id === row.group.id)!;
      assert.equal(activeDocument()?.getText(), `${JSON.stringify(full, null, indent())}\n`);
    });

    it('an unknown ID opens nothing and sends one request', async () => {
      await vscode.commands.executeCommand('workos.openGroup', 'directory_group_01AAAAAAAAAAAAAAAAAAAAAAAA');
      assert.equal(fake.requests.length, 1);
      assert.equal(fake.requests[0].status, 404);
      assert.equal(activeDocument(), undefined);
    });

    for (const bad of [
      '../directories',
      '%2e%2e',
      '?limit=1',
      'directory_user_01E1JG7J09H96KYP8HM9B0G5SJ',
      ' ',
      'x'.repeat(10_000),
    ]) {
      it(`a malformed ID argument ${JSON.stringify(bad.slice(0, 20))} sends nothing and opens nothing`, async () => {
        await vscode.commands.executeCommand('workos.openGroup', bad);
        assert.equal(fake.requests.length, 0);
        assert.equal(activeDocument(), undefined);
      });
    }
  });

  describe('Show Groups of Directory User', () => {
    it('pages through GET /directory_groups?user= and opens the picked group', async () => {
      const running = vscode.commands.executeCommand('workos.showUserGroups', SAMPLE.userWithGroupsId);
      await acceptQuickPick(running, 'the user’s groups');
      const requests = fake.requests.filter((r) => r.route === 'list_groups');
      assert.ok(requests.every((r) => r.query.user === SAMPLE.userWithGroupsId && r.query.limit === '100'));
      assert.equal(requests.length, Math.ceil(SAMPLE.userWithGroupsCount / 100));
      const document = activeDocument();
      assert.ok(document, 'the picked group opened');
      const opened = JSON.parse(document.getText()) as { id: string };
      assert.ok(
        fake.dataset.memberships.some(([user, group]) => user === SAMPLE.userWithGroupsId && group === opened.id),
      );
    });

    it('refuses a group ID where a user ID belongs, without a request', async () => {
      await vscode.commands.executeCommand('workos.showUserGroups', fake.dataset.groups[0].id);
      assert.equal(fake.requests.length, 0);
    });
  });

  it('Copy ID puts a directory ID, and a group ID, on the clipboard', async () => {
    const directory = await listedDirectory(api, SAMPLE.smallDirectoryId);
    await vscode.commands.executeCommand('workos.copyId', directory);
    assert.equal(await vscode.env.clipboard.readText(), directory.directory.id);
    const group = (await api.view.getChildren(directory)).find(isGroupNode)!;
    await vscode.commands.executeCommand('workos.copyId', group);
    assert.equal(await vscode.env.clipboard.readText(), group.group.id);
  });

  it('every command is registered and titled under "WorkOS"; the palette hides only the row commands', async () => {
    interface Manifest {
      contributes: {
        commands: Array<{ command: string; title: string; category?: string }>;
        menus: { commandPalette: Array<{ command: string; when?: string }> };
      };
    }
    const { contributes } = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as Manifest;
    const registered = new Set((await vscode.commands.getCommands(true)).filter((id) => id.startsWith('workos.')));
    // The palette lists a contributed command as "<category>: <title>".
    for (const { command, category } of contributes.commands) {
      assert.equal(category, 'WorkOS', `${command} shows as "WorkOS: …" in the palette`);
      assert.ok(registered.has(command), `${command} is registered, so choosing it does something`);
    }
    const hidden = contributes.menus.commandPalette.filter((entry) => entry.when === 'false').map((e) => e.command);
    // They act on the row they are run from; Open by ID opens any user from the palette. Every command
    // on a directory or a group is in the palette and asks for what it needs. A change row's commands
    // need the event it shows: there is no API to read one event by ID. Export Member Counts is the
    // button of Count Members' notification.
    assert.deepEqual(hidden.sort(), [
      'workos.compareEvent',
      'workos.copyEmail',
      'workos.copyEventId',
      'workos.copyId',
      'workos.exportMemberCounts',
      'workos.loadMore',
      'workos.loadOlderChanges',
      'workos.openEvent',
      'workos.openEventDirectory',
      'workos.openEventGroup',
      'workos.openEventUser',
      'workos.openUser',
      'workos.showEventInDirectories',
    ]);
  });
});

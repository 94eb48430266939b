import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import { hoverAt, isUserNode, KEY, listedDirectory, useSuite, waitFor, waitForLogLine } from './helpers';

// What a server sends reaches hovers, tabs, documents, the clipboard and the log only neutralised,
// in the real extension host.

describe('server text on screen, through the door', () => {
  let api: TestApi;
  let fake: FakeWorkOS;

  useSuite((suite) => ({ api, fake } = suite));

  const group = () => fake.dataset.groups.find((g) => g.id === SAMPLE.busyGroupId)!;
  const user = () => fake.dataset.users.find((u) => u.id === SAMPLE.userWithGroupsId)!;

  it('a hover shows a 100 KB email cut, with its RTL override replaced and the echoed key masked', async () => {
    const email = `jane\u202E${KEY}@${'x'.repeat(100_000)}.example`;
    fake.inject({
      kind: 'json',
      body: { ...user(), email, state: 'active\u202Esuspended' },
      match: { path: `/directory_users/${SAMPLE.userWithGroupsId}` },
    });
    const document = await vscode.workspace.openTextDocument({ content: `user ${SAMPLE.userWithGroupsId}` });
    const text = await hoverAt(document, SAMPLE.userWithGroupsId);
    assert.ok(text.includes('Email: jane�[redacted]@xxx'), text.slice(0, 300));
    assert.ok(text.includes('State: active�suspended'), 'the state passes the same rules');
    assert.ok(!text.includes('\u202E'), 'no override reaches the hover');
    assert.ok(!text.includes(KEY), 'the key is masked');
    assert.ok(text.length < 5_000, `the hover is ${text.length} characters`);
  });

  it('a name cut inside an emoji, with a bidi override, opens as a document whose tab title is whole code points', async () => {
    // 79 UTF-16 units before the emoji: a cut at 80 units fell inside it ("URI malformed").
    const name = `N\u202E${'N'.repeat(77)}👍 and more`;
    fake.inject({ kind: 'json', body: { ...group(), name }, match: { path: `/directory_groups/${group().id}` } });
    await vscode.commands.executeCommand('workos.openGroup', group().id);
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.scheme, 'workos', 'the group opened');
    assert.equal((JSON.parse(document.getText()) as { name: string }).name, name, 'the content is verbatim');
    const title = `${'N'.repeat(78)}👍.json`;
    assert.ok(document.uri.path.endsWith(`/${title}`), document.uri.path);
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, title);
  });

  describe('with a [json] editor.tabSize of -1', () => {
    const json = () => vscode.workspace.getConfiguration('', { languageId: 'json' });
    before(() => json().update('editor.tabSize', -1, vscode.ConfigurationTarget.Global, true));
    after(() => json().update('editor.tabSize', undefined, vscode.ConfigurationTarget.Global, true));

    it('a document still opens, indented by one space', async () => {
      assert.equal(
        vscode.workspace.getConfiguration('editor', { languageId: 'json' }).get('tabSize'),
        -1,
        'the setting as VS Code hands it over',
      );
      await vscode.commands.executeCommand('workos.openGroup', group().id);
      const document = vscode.window.activeTextEditor?.document;
      assert.equal(document?.uri.scheme, 'workos', 'the group opened');
      // A tab of this group that another suite opened is still in memory: it shows the new text once
      // VS Code has asked for it again.
      const expected = `${JSON.stringify(group(), null, ' ')}\n`;
      await waitFor(() => document.getText() === expected, 'the document is indented by one space');
    });
  });

  it('Copy Email refuses an email with a zero-width space: the clipboard keeps what it had', async () => {
    const directory = await listedDirectory(api, SAMPLE.smallDirectoryId);
    const groupRow = (await api.view.getChildren(directory)).find((row) => row.kind === 'group')!;
    const row = (await api.view.getChildren(groupRow)).find(isUserNode);
    assert.ok(row, 'a user row is listed');
    await vscode.env.clipboard.writeText('before');
    await vscode.commands.executeCommand('workos.copyEmail', {
      ...row,
      user: { ...row.user, email: 'jane\u200B@x.io' },
    });
    assert.equal(await vscode.env.clipboard.readText(), 'before');
    await vscode.commands.executeCommand('workos.copyEmail', row);
    assert.equal(await vscode.env.clipboard.readText(), row.user.email, 'a plain email is copied');
  });

  it('the WorkOS log keeps a search request’s parameter names, not the text searched', async () => {
    const wanted = 'Northwind Health';
    await vscode.commands.executeCommand('workos.searchDirectories', wanted);
    try {
      await api.view.getChildren(undefined);
      assert.ok(
        fake.requests.some((r) => r.query.search === wanted),
        'the search reached WorkOS',
      );
      const file = await waitForLogLine(api, 'search=…');
      const log = fs.readFileSync(file, 'utf8');
      assert.ok(!log.includes('search=Northwind'), 'the text searched is not in the log');
    } finally {
      await vscode.commands.executeCommand('workos.clearSearch');
    }
  });
});

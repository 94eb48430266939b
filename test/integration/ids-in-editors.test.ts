import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import { hoverAt, isGroupNode, KEY, listedDirectory, useKey, useSuite } from './helpers';

describe('WorkOS IDs in editors', () => {
  let api: TestApi;
  let fake: FakeWorkOS;

  useSuite((suite) => ({ api, fake } = suite));
  after(() =>
    vscode.workspace.getConfiguration('workos').update('hover.enabled', undefined, vscode.ConfigurationTarget.Global),
  );

  const group = () => fake.dataset.groups.find((g) => g.id === SAMPLE.busyGroupId)!;
  const untitled = (content: string) => vscode.workspace.openTextDocument({ content, language: 'plaintext' });
  const byIdRequests = () => fake.requests.filter((r) => r.route.startsWith('get_'));
  /** The hover text a person reads at `needle` in `document`, and its links. */
  const links = (document: vscode.TextDocument) =>
    vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);

  it('every ID in a plain-text document is a link to its JSON, computed without a request', async () => {
    const user = SAMPLE.userWithGroupsId;
    const text = `[error] user=${user} group "${SAMPLE.busyGroupId}" in ${SAMPLE.largeDirectoryId}\nnot an ID: directory_users org_chart my_directory_x\n`;
    const document = await untitled(text);
    const found = await links(document);
    assert.deepEqual(
      found.map((link) => document.getText(link.range)),
      [user, SAMPLE.busyGroupId, SAMPLE.largeDirectoryId],
    );
    const target = found[0].target!;
    assert.equal(target.scheme, 'command');
    assert.equal(target.path, 'workos.openById');
    assert.deepEqual(JSON.parse(decodeURIComponent(target.query)), [user]);
    await vscode.commands.executeCommand(target.path, ...(JSON.parse(decodeURIComponent(target.query)) as unknown[]));
    assert.equal((JSON.parse(vscode.window.activeTextEditor!.document.getText()) as { id: string }).id, user);
    assert.deepEqual(
      byIdRequests().map((r) => [r.route, r.id]),
      [['get_user', user]],
      'only the click asked WorkOS',
    );
  });

  it('opening and editing a file full of IDs sends no request', async () => {
    const ids = fake.dataset.groups.slice(0, 500).map((g) => g.id);
    const document = await untitled(ids.join('\n'));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), `${SAMPLE.largeDirectoryId} `));
    assert.equal((await links(document)).length, 501);
    assert.equal(fake.requests.length, 0);
  });

  it('hovering a group shows its name and its directory’s, with Open JSON; hovering it again sends nothing', async () => {
    const document = await untitled(`see ${SAMPLE.busyGroupId} here`);
    const text = await hoverAt(document, SAMPLE.busyGroupId);
    const directory = fake.dataset.directories.find((d) => d.id === group().directory_id)!;
    assert.match(text, new RegExp(`${group().name}.*directory group`));
    assert.ok(text.includes(`Directory: ${directory.name}`), text);
    assert.ok(
      text.includes(`[Open JSON](command:workos.openById?${encodeURIComponent(JSON.stringify([SAMPLE.busyGroupId]))})`),
      text,
    );
    const asked = byIdRequests().map((r) => `${r.route} ${r.id}`);
    await hoverAt(document, SAMPLE.busyGroupId);
    assert.deepEqual(
      byIdRequests().map((r) => `${r.route} ${r.id}`),
      asked,
      'the second hover is answered from the session',
    );
    assert.equal(asked.filter((request) => request === `get_group ${SAMPLE.busyGroupId}`).length, 1);
  });

  it('an ID the tree has shown costs nothing to hover', async () => {
    const rows = await api.view.getChildren(await listedDirectory(api, SAMPLE.smallDirectoryId));
    const row = rows.find(isGroupNode)!;
    fake.clearRequests();
    const document = await untitled(row.group.id);
    const text = await hoverAt(document, row.group.id);
    assert.ok(text.includes(row.group.name), text);
    assert.deepEqual(byIdRequests(), [], 'the group and its directory came from the tree');
  });

  it('a user hover shows email and state, and offers Show Groups of Directory User', async () => {
    const user = fake.dataset.users.find((u) => u.id === SAMPLE.userWithGroupsId)!;
    const text = await hoverAt(await untitled(`"${user.id}"`), user.id);
    assert.ok(text.includes(`Email: ${user.email}`) && text.includes(`State: ${user.state}`), text);
    assert.ok(text.includes('(command:workos.showUserGroups?'), text);
  });

  it('IDs in our own JSON documents are links with hovers too', async () => {
    await vscode.commands.executeCommand('workos.openGroup', SAMPLE.busyGroupId);
    const document = vscode.window.activeTextEditor!.document;
    assert.equal(document.uri.scheme, 'workos');
    const found = (await links(document)).map((link) => document.getText(link.range));
    assert.ok(found.includes(group().directory_id) && found.includes(group().organization_id), found.join(', '));
    const text = await hoverAt(document, group().directory_id);
    assert.match(text, /· directory/);
  });

  it('an unknown ID: "Not found with the current key", once; no key: Set API Key', async () => {
    const unknown = 'directory_group_01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const document = await untitled(unknown);
    assert.match(await hoverAt(document, unknown), /Not found with the current key/);
    await hoverAt(document, unknown);
    assert.equal(byIdRequests().length, 1, 'asked once per session');
    await useKey(api, undefined);
    try {
      const text = await hoverAt(document, unknown);
      assert.match(text, /No WorkOS API key is set\. \[Set API Key\]\(command:workos\.setApiKey\)/);
    } finally {
      await useKey(api, KEY);
    }
  });

  it('workos.hover.enabled off: no links, no hover, no request', async () => {
    await vscode.workspace.getConfiguration('workos').update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const document = await untitled(SAMPLE.busyGroupId);
      assert.deepEqual(await links(document), []);
      assert.equal(await hoverAt(document, SAMPLE.busyGroupId), '');
      assert.equal(fake.requests.length, 0);
    } finally {
      await vscode.workspace
        .getConfiguration('workos')
        .update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

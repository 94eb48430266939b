import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { ChangeRow } from '../../src/changes/changes-view';
import type { TreeNode } from '../../src/tree/nodes';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS, RecordedRequest } from '../fake-workos/server';
import { isDirectoryNode, isGroupNode, KEY, label, listedDirectory, useSuite, waitFor } from './helpers';

// Reveal in Directories (issue 22) in the real extension host: what the Directories view selects,
// which pages it reads to get there, and what an unknown ID, a refresh and a hostile name do.
describe('Reveal in Directories', () => {
  let api: TestApi;
  let fake: FakeWorkOS;

  useSuite(
    (suite) => ({ api, fake } = suite),
    async () => {
      // Nothing expanded, so VS Code reads no list of its own; another row selected, so a selected row is this test's doing.
      // The view shown first: its collapse command exists only then (a filtered run may start with this suite).
      await vscode.commands.executeCommand('workos.directories.focus');
      await vscode.commands.executeCommand('workbench.actions.treeView.workos.directories.collapseAll');
      await api.view.reveal(await listedDirectory(api, SAMPLE.smallDirectoryId));
    },
  );
  after(async () => {
    // Revealing opened the view; hidden again, VS Code asks it for nothing while other suites count requests.
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  const selected = () => api.view.view.selection[0] as TreeNode | undefined;
  const groupPagesOf = (directory: string) =>
    fake.requests.filter(
      (request: RecordedRequest) =>
        request.route === 'list_groups' &&
        (request.query.directory === directory || request.path.includes(`/directories/${directory}/`)),
    );
  /** The large directory's groups in list order, read beside the extension (its requests then forgotten). */
  async function largeGroups(): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const url = new URL(`${fake.url}/directory_groups`);
      url.search = new URLSearchParams({
        directory: SAMPLE.largeDirectoryId,
        limit: '100',
        ...(after && { after }),
      }).toString();
      const page = (await (await fetch(url, { headers: { authorization: `Bearer ${KEY}` } })).json()) as {
        data: Array<{ id: string }>;
        list_metadata: { after: string | null };
      };
      ids.push(...page.data.map((group) => group.id));
      after = page.list_metadata.after ?? undefined;
    } while (after);
    fake.clearRequests();
    return ids;
  }

  async function reveal(id: unknown): Promise<void> {
    await vscode.commands.executeCommand('workos.reveal', id);
  }
  async function selectionIs(test: (node: TreeNode | undefined) => boolean, what: string): Promise<void> {
    await waitFor(() => test(selected()), what);
    assert.ok(api.view.view.visible, 'the Directories view is shown');
  }

  it('a directory: its row selected and focused', async () => {
    await reveal(SAMPLE.legacyDirectoryId);
    await selectionIs(
      (node) => isDirectoryNode(node) && node.directory.id === SAMPLE.legacyDirectoryId,
      'the directory row is selected',
    );
    assert.equal(groupPagesOf(SAMPLE.legacyDirectoryId).length, 0, 'no group page for a directory');
  });

  it('a group on page 26 of the 2,600-group directory: pages 1–26 in order, once each, and its row selected', async () => {
    const groups = await largeGroups();
    const position = 2_550;
    const id = groups[position];
    await reveal(id);
    await selectionIs((node) => isGroupNode(node) && node.group.id === id, 'the group row is selected');
    const node = selected()!;
    assert.ok(isGroupNode(node) && node.parent.directory.id === SAMPLE.largeDirectoryId, 'under its directory');
    const pages = groupPagesOf(SAMPLE.largeDirectoryId);
    assert.equal(pages.length, Math.ceil((position + 1) / 100), 'exactly the pages up to it');
    assert.deepEqual(
      pages.map((page) => page.query.after ?? null),
      [null, ...pages.slice(1).map((_, i) => groups[100 * (i + 1) - 1])],
      'in order, each once',
    );
    assert.equal(fake.requests.filter((request) => request.route === 'get_group').length, 1, 'one lookup');
    // The view shows the same rows: every group up to it, and its row among them.
    const rows = await api.view.getChildren(node.parent);
    assert.equal(rows.filter(isGroupNode).length, 2_600);
  });

  it("from a group's JSON (the editor title's Show in Directories): the document's group, and the menu offers it there", async () => {
    const group = fake.dataset.groups.find((candidate) => candidate.directory_id === SAMPLE.smallDirectoryId)!;
    await vscode.commands.executeCommand('workos.openGroup', group.id);
    await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.path.includes(`/${group.id}/`) === true,
      'the group opens as JSON',
    );
    const uri = vscode.window.activeTextEditor!.document.uri;
    // The button's when clause, from the manifest as written, against this document's URI.
    const manifest = vscode.extensions.getExtension('directory-tools.workos-directory-explorer')!.extensionPath;
    const { contributes } = JSON.parse(fs.readFileSync(path.join(manifest, 'package.json'), 'utf8')) as {
      contributes: { menus: Record<string, Array<{ command: string; when: string }>> };
    };
    const entry = contributes.menus['editor/title'].find((item) => item.command === 'workos.reveal')!;
    const [, scheme, pathPattern] = /resourceScheme =~ \/(.+?)\/ && resourcePath =~ \/(.+)\/$/.exec(entry.when)!;
    assert.ok(new RegExp(scheme).test(uri.scheme) && new RegExp(pathPattern.replace(/\\\//g, '/')).test(uri.path));
    await reveal(uri);
    await selectionIs((node) => isGroupNode(node) && node.group.id === group.id, 'the group row is selected');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a legacy `directory_grp_` group', async () => {
    const legacy = fake.dataset.groups.find((group) => group.directory_id === SAMPLE.legacyDirectoryId)!;
    assert.match(legacy.id, /^directory_grp_/);
    await reveal(legacy.id);
    await selectionIs((node) => isGroupNode(node) && node.group.id === legacy.id, 'the legacy group is selected');
  });

  it('a user: its directory', async () => {
    await reveal(SAMPLE.userWithoutEmailId);
    await selectionIs(
      (node) => isDirectoryNode(node) && node.directory.id === SAMPLE.legacyDirectoryId,
      "the user's directory is selected",
    );
  });

  it('an unknown ID changes nothing: no page, no expanded row, the selection and title as they were', async () => {
    const before = selected();
    const title = api.view.view.title;
    const expanded: unknown[] = [];
    const listening = api.view.view.onDidExpandElement((event) => expanded.push(event.element));
    try {
      await reveal('directory_group_01HZZZZZZZZZZZZZZZZZZZZZZZ');
      await reveal('directory_01HZZZZZZZZZZZZZZZZZZZZZZZ');
    } finally {
      listening.dispose();
    }
    assert.deepEqual(
      fake.requests.map((request) => request.route),
      ['get_group', 'get_directory'],
      'the lookups only',
    );
    assert.equal(selected(), before);
    assert.equal(api.view.view.title, title);
    assert.deepEqual(expanded, []);
  });

  it('a refresh while it reads ends it: no more pages, nothing selected', async () => {
    fake.setLatency(100);
    const running = reveal(SAMPLE.busyGroupId);
    await waitFor(() => groupPagesOf(SAMPLE.largeDirectoryId).length >= 3, 'three pages are on their way');
    api.view.refresh();
    await running;
    const pages = groupPagesOf(SAMPLE.largeDirectoryId).length;
    fake.setLatency(0);
    assert.ok(pages < 26, `${pages} pages`);
    const node = selected();
    assert.ok(!(isGroupNode(node) && node.group.id === SAMPLE.busyGroupId), 'the group is not selected');
  });

  it('from a Recent Changes row: the group a membership change names', async () => {
    api.changes.show(undefined);
    const rows = await api.changes.getChildren();
    const groupIds = new Set(fake.dataset.groups.map((group) => group.id));
    const row = rows.find(
      (candidate: ChangeRow) =>
        candidate.kind === 'event' &&
        candidate.event.event === 'dsync.group.user_added' &&
        groupIds.has((candidate.event.data as { group?: { id?: string } }).group?.id ?? ''),
    );
    assert.ok(row?.kind === 'event', 'a membership change of a group that exists is listed');
    const groupId = (row.event.data as { group: { id: string } }).group.id;
    await vscode.commands.executeCommand('workos.showEventInDirectories', row);
    await selectionIs((node) => isGroupNode(node) && node.group.id === groupId, 'its group is selected');
  });

  it('a hostile group and directory name on the path: found by ID, shown as plain text', async () => {
    const hostile = '[x](command:workos.clearApiKey) \u202Eevil\u2066';
    const directory = fake.dataset.directories.find((d) => d.id === SAMPLE.largeDirectoryId)!;
    const group = fake.dataset.groups.find((g) => g.id === SAMPLE.hundredMemberGroupId)!;
    const names = [directory.name, group.name];
    directory.name = `Dir ${hostile}`;
    group.name = `Group ${hostile}`;
    try {
      api.view.refresh();
      await reveal(group.id);
      await selectionIs((node) => isGroupNode(node) && node.group.id === group.id, 'the group is selected');
      const node = selected()!;
      for (const row of [node, node.parent!]) {
        const text = label(api, row);
        assert.ok(!/[\u202a-\u202e\u2066-\u2069]/u.test(text), `no bidi control in ${JSON.stringify(text)}`);
        assert.match(text, /\[x\]\(command:workos\.clearApiKey\)/, 'the name reads as text');
      }
    } finally {
      [directory.name, group.name] = names;
    }
  });
});

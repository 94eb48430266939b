import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import { isGroupNode, KEY, label, listedDirectory, tooltipText, useKey, useSuite, waitFor } from './helpers';

describe('Directories view', () => {
  let api: TestApi;
  let fake: FakeWorkOS;

  useSuite((suite) => ({ api, fake } = suite));

  const roots = () => api.view.getChildren(undefined);
  const directory = (id: string) => listedDirectory(api, id);
  const groupRows = (rows: TreeNode[]) => rows.filter(isGroupNode);
  const groupsRequests = () => fake.requests.filter((request) => request.route === 'list_groups');

  it('lists the directories with name, type and state in words, a state icon and a tooltip with the details', async () => {
    const rows = await roots();
    assert.equal(rows.length, fake.dataset.directories.length);
    assert.deepEqual(
      fake.requests.map((r) => [r.path, r.query]),
      [['/directories', { limit: '100' }]],
    );
    const large = await directory(SAMPLE.largeDirectoryId);
    const item = api.view.getTreeItem(large);
    assert.equal(item.label, large.directory.name);
    assert.equal(large.directory.type, 'okta scim v2.0');
    assert.equal(
      item.description,
      `Okta SCIM · Linked · ${SAMPLE.largeDirectoryGroupCount.toLocaleString('en-US')} groups`,
    );
    const validating = api.view.getTreeItem(await directory(SAMPLE.emptyDirectoryId));
    assert.equal(validating.description, 'Google Workspace · Validating · 0 groups');
    const invalid = api.view.getTreeItem(await directory(SAMPLE.invalidCredentialsDirectoryId));
    assert.match(String(invalid.description), / · Invalid credentials · /);
    assert.equal(item.id, `directory/${SAMPLE.largeDirectoryId}`);
    assert.equal(item.contextValue, 'workos.directory');
    const tooltip = await tooltipText(api, large);
    for (const value of [large.directory.id, large.directory.organization_id as string, 'Okta SCIM (okta scim v2.0)'])
      assert.ok(tooltip.includes(value), `tooltip shows ${value}`);
    assert.match(tooltip, /State: Linked \(linked\)/);
    const icons = new Set(rows.map((row) => (api.view.getTreeItem(row).iconPath as { id: string }).id));
    assert.ok(icons.size >= 3, `distinct icons per state: ${[...icons].join(', ')}`);
    assert.deepEqual(api.view.model.state, { keyState: 'valid', directoryCount: rows.length });
  });

  it('expanding a directory fetches one page; Load more appends the next with the cursor; re-expanding costs nothing', async () => {
    const large = await directory(SAMPLE.largeDirectoryId); // first expanded here: nothing remembered yet;
    fake.clearRequests();
    const first = await api.view.getChildren(large);
    assert.equal(groupRows(first).length, 100);
    assert.deepEqual(
      groupsRequests().map((r) => r.query),
      [{ directory: SAMPLE.largeDirectoryId, limit: '100' }],
    );
    const more = first.at(-1)!;
    assert.equal(more.kind, 'loadMore');
    assert.equal(label(api, more), 'Load more');
    assert.equal(api.view.getTreeItem(more).command?.command, 'workos.loadMore');

    await api.view.getChildren(large); // collapse and expand again
    assert.equal(groupsRequests().length, 1);

    await api.view.loadMore(large);
    const second = await api.view.getChildren(large);
    assert.equal(groupRows(second).length, 200);
    const lastOfFirstPage = groupRows(first).at(-1)!;
    assert.equal(groupsRequests()[1].query.after, (lastOfFirstPage as { group: { id: string } }).group.id);
    assert.equal(new Set(second.map((row) => row.id)).size, second.length, 'stable, unique row ids');
    assert.ok(second.every((row) => row.id.startsWith(`directory/${SAMPLE.largeDirectoryId}/`)));
  });

  it('a double click loads a page once, and the row shows Loading… while it loads', async () => {
    const large = await directory(SAMPLE.largeDirectoryId);
    const before = groupRows(await api.view.getChildren(large)).length;
    fake.clearRequests();
    fake.setLatency(300);
    const clicks = [api.view.loadMore(large), api.view.loadMore(large)];
    await waitFor(() => groupsRequests().length === 1, 'the page is requested');
    const during = await api.view.getChildren(large);
    const trailer = during.at(-1)!;
    assert.equal(label(api, trailer), 'Loading…');
    assert.equal(api.view.getTreeItem(trailer).command, undefined, 'nothing to click while loading');
    await Promise.all(clicks);
    assert.equal(groupsRequests().length, 1);
    assert.equal(groupRows(await api.view.getChildren(large)).length, before + 100);
  });

  it('Load more disappears at the end of a directory whose last page ends exactly at the end', async () => {
    const small = await directory(SAMPLE.smallDirectoryId);
    const rows = await api.view.getChildren(small);
    assert.equal(groupRows(rows).length, SAMPLE.smallDirectoryGroupCount);
    assert.ok(rows.every((row) => row.kind === 'group'));
  });

  it('after Refresh a directory comes back with as many pages as were loaded, refetched', async () => {
    const large = await directory(SAMPLE.largeDirectoryId);
    await api.view.getChildren(large);
    await api.view.loadMore(large);
    await api.view.loadMore(large);
    const loaded = groupRows(await api.view.getChildren(large)).length;
    assert.ok(loaded >= 300);
    fake.clearRequests();
    api.view.refresh();
    const again = await directory(SAMPLE.largeDirectoryId);
    assert.equal(again, large, 'the same node object, so VS Code keeps it expanded');
    assert.equal(groupRows(await api.view.getChildren(large)).length, loaded);
    assert.equal(groupsRequests().length, loaded / 100);
  });

  it('a failed page becomes one error row under its directory; clicking it retries; other directories keep working', async () => {
    const large = await directory(SAMPLE.largeDirectoryId);
    fake.inject({
      kind: 'status',
      status: 500,
      times: Infinity,
      match: { route: 'list_groups', query: { directory: SAMPLE.largeDirectoryId } },
    });
    const rows = await api.view.getChildren(large);
    assert.equal(rows.length, 1);
    const error = rows[0];
    assert.equal(error.kind, 'message');
    assert.equal(label(api, error), 'WorkOS server error (500)');
    const failed = groupsRequests().at(-1)!;
    assert.ok((await tooltipText(api, error)).includes(failed.requestId), 'the tooltip carries the request ID');
    assert.equal(api.view.getTreeItem(error).command?.command, 'workos.loadMore');

    const small = await directory(SAMPLE.smallDirectoryId);
    assert.equal(groupRows(await api.view.getChildren(small)).length, SAMPLE.smallDirectoryGroupCount);

    fake.clearFaults();
    await api.view.loadMore(large); // the click on the error row
    assert.equal(groupRows(await api.view.getChildren(large)).length, 100);
  });

  it('a 401 while paging switches the view to "key rejected"; a new key brings it back', async () => {
    const large = await directory(SAMPLE.largeDirectoryId);
    await api.view.getChildren(large);
    fake.setApiKeys(['sk_test_someone_else']);
    await api.view.loadMore(large);
    assert.equal(api.view.model.state.keyState, 'rejected');
    assert.deepEqual(await roots(), [], 'the welcome view shows instead of rows');
    fake.setApiKeys([KEY, 'sk_test_new_key_1']);
    await useKey(api, 'sk_test_new_key_1');
    assert.equal((await roots()).length, fake.dataset.directories.length);
    assert.equal(fake.requests.at(-1)!.headers.authorization, 'Bearer sk_test_new_key_1');
  });

  it('a directory deleted while browsing gets a not-found row, the others stay', async () => {
    const small = await directory(SAMPLE.smallDirectoryId);
    // Every time: a 404 on the nested route is asked again on the flat one, where a deleted directory is gone too.
    fake.inject({
      kind: 'status',
      status: 404,
      times: Infinity,
      match: { route: 'list_groups', query: { directory: SAMPLE.smallDirectoryId } },
    });
    const rows = await api.view.getChildren(small);
    assert.equal(rows.length, 1);
    assert.match(label(api, rows[0]), /Not found \(404\)/);
    assert.equal(api.view.model.state.keyState, 'valid');
  });

  it('Refresh pressed 20 times while pages load: the newest state wins, with no duplicate or stale rows', async () => {
    const large = await directory(SAMPLE.largeDirectoryId);
    fake.setLatency(100);
    const pending = api.view.getChildren(large);
    for (let i = 0; i < 20; i++) api.view.refresh();
    const rows = await pending;
    assert.equal(new Set(rows.map((row) => row.id)).size, rows.length);
    const shown = groupRows(rows).map((row) => (row as { group: { id: string } }).group.id);
    assert.ok(shown.length > 0 && shown.length % 100 === 0, `${shown.length} rows`);
    const expected = fake.dataset.groups
      .filter((g) => g.directory_id === SAMPLE.largeDirectoryId)
      .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id < b.id ? 1 : -1))
      .slice(0, shown.length)
      .map((g) => g.id);
    assert.deepEqual(shown, expected, 'the first pages, in order');
    fake.clearRequests();
    fake.setLatency(0);
    await api.view.getChildren(large);
    assert.equal(groupsRequests().length, 0, 'the newest load is kept, not repeated');
  });

  it('an expanded directory with no groups shows one "No groups" row, neither an error nor Load more', async () => {
    const rows = await api.view.getChildren(await directory(SAMPLE.emptyDirectoryId));
    assert.deepEqual(
      rows.map((row) => label(api, row)),
      ['No groups'],
    );
    const item = api.view.getTreeItem(rows[0]);
    assert.equal(item.command, undefined, 'clicking it does nothing');
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.None);
  });
});

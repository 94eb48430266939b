import * as assert from 'node:assert/strict';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import { isGroupNode, isUserNode, label, listedDirectory, useSuite } from './helpers';

// What a screen reader says for each kind of row: a sentence that holds what the icon and its colour
// show (a state, a failure), with the names as the rows show them.
describe('accessible rows', () => {
  let api: TestApi;
  let fake: FakeWorkOS;

  useSuite((suite) => {
    ({ api, fake } = suite);
    api.sessions.setTiming({ sleep: async () => {} }); // retries of the injected failure wait no time
  });
  after(() => api.sessions.setTiming({}));

  const spoken = (node: TreeNode) => api.view.getTreeItem(node).accessibilityInformation?.label;
  const directoryName = (id: string) => fake.dataset.directories.find((d) => d.id === id)!.name;

  it('a directory, its groups and "Load more" read as sentences', async () => {
    const large = await listedDirectory(api, SAMPLE.largeDirectoryId);
    const name = directoryName(SAMPLE.largeDirectoryId);
    assert.equal(spoken(large), `Directory ${name}, Okta SCIM, Linked, 2,600 groups`);
    const invalid = await listedDirectory(api, SAMPLE.invalidCredentialsDirectoryId);
    assert.match(spoken(invalid) ?? '', /, Invalid credentials, /, 'the state the warning icon shows, in words');

    const rows = await api.view.getChildren(large);
    const group = rows.find(isGroupNode)!;
    assert.equal(spoken(group), `Group ${group.group.name}, in ${name}`);
    assert.equal(spoken(rows.at(-1)!), `Load more groups of ${name}`);
  });

  it('a user reads with its email, its state in words and its group; a state other than active is shown too', async () => {
    const large = await listedDirectory(api, SAMPLE.largeDirectoryId);
    const group = (await api.view.getChildren(large)).find(
      (row) => isGroupNode(row) && row.group.id === SAMPLE.firstListedGroupId,
    )!;
    assert.ok(group, 'the first listed group');
    const users = (await api.view.getChildren(group)).filter(isUserNode);
    const states = new Set(users.map((row) => row.user.state));
    assert.ok(states.has('active') && states.has('suspended') && states.has('inactive'), [...states].join());
    const groupName = label(api, group);
    for (const row of users) {
      const { user } = row;
      const state = user.state[0].toUpperCase() + user.state.slice(1);
      assert.equal(spoken(row), `User ${user.first_name} ${user.last_name}, ${user.email}, ${state}, in ${groupName}`);
      const description = api.view.getTreeItem(row).description;
      assert.equal(description, user.state === 'active' ? user.email : `${user.email} · ${state}`);
    }
  });

  it('a change reads as its sentence, where and when; the last row says it loads older changes', async () => {
    api.changes.show(undefined);
    const rows = await api.changes.getChildren();
    const event = rows.find((row) => row.kind === 'event')!;
    const item = api.changes.getTreeItem(event);
    const sentence = item.label as string;
    const [where, ago] = String(item.description).split(' · ');
    assert.equal(item.accessibilityInformation?.label, `${sentence}, in ${where}, ${ago}`);
    assert.match(ago, /^(just now|\d+ (min|h|d) ago)$/);
    assert.equal(api.changes.getTreeItem(rows.at(-1)!).accessibilityInformation?.label, 'Load older changes');
  });

  it('an empty list and a failed page say so, and that selecting the failure retries', async () => {
    const empty = await listedDirectory(api, SAMPLE.emptyDirectoryId);
    const [placeholder] = await api.view.getChildren(empty);
    assert.equal(spoken(placeholder), `No groups in ${directoryName(SAMPLE.emptyDirectoryId)}`);

    const unlinked = await listedDirectory(api, SAMPLE.unlinkedDirectoryId);
    fake.inject({
      kind: 'status',
      status: 500,
      times: Infinity,
      match: { route: 'list_groups', query: { directory: SAMPLE.unlinkedDirectoryId } },
    });
    try {
      const [error] = await api.view.getChildren(unlinked);
      assert.equal(error.kind, 'message');
      assert.equal(
        spoken(error),
        `Could not load the groups of ${directoryName(SAMPLE.unlinkedDirectoryId)}: WorkOS server error (500). Select to retry.`,
      );
    } finally {
      fake.clearFaults();
      await api.view.loadMore(unlinked);
    }
  });
});

import * as assert from 'node:assert/strict';
import { Session } from '../../src/session/session';
import { TreeModel } from '../../src/tree/model';
import type { DirectoryNode, TreeNode } from '../../src/tree/nodes';
import { WorkOSClient } from '../../src/workos';
import { SAMPLE } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';
import { waitFor } from '../wait-for';

// The model behind the Directories view, in plain Node against the fake API. What VS Code shows of it
// is tested in the extension host (test/integration); here: races that are hard to time there.
describe('tree model', () => {
  let fake: FakeWorkOS;
  let key: string;
  let model: TreeModel;
  let failures: unknown[];
  let session: Session | undefined;
  let sessionKey = '';

  /** What the view's Refresh and key change do: end the session, then reset the model. */
  function reset(options: { keepDepth: boolean }): void {
    session?.end();
    model.reset(options);
  }

  before(async () => {
    fake = await startFakeWorkOS({ apiKeys: ['sk_test_old', 'sk_test_new'] });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.clearFaults();
    fake.clearRequests();
    fake.setLatency(0);
    key = 'sk_test_old';
    failures = [];
    session = undefined;
    model = new TreeModel({
      // What the extension's Sessions does: one session per key, a new one after it ended.
      session: async () => {
        if (key === '') return { missingKey: true };
        if (!session || session.ended || sessionKey !== key) {
          session?.end();
          const client = new WorkOSClient({ apiKey: key, baseUrl: fake.url, backoffMs: () => 1 });
          session = new Session(client, () => 100, 'test');
          sessionKey = key;
        }
        return { session, keySource: 'secret-storage' };
      },
      activeSession: () => (session?.ended ? undefined : session),
      changed: () => {},
      stateChanged: () => {},
      pageFailed: (_parent, error) => failures.push(error),
    });
  });

  async function large(): Promise<DirectoryNode> {
    const rows = await model.children();
    return rows.find(
      (row): row is DirectoryNode => row.kind === 'directory' && row.directory.id === SAMPLE.largeDirectoryId,
    )!;
  }
  const groupRequests = () => fake.requests.filter((r) => r.route === 'list_groups');
  const groupIds = (rows: TreeNode[]) => rows.flatMap((row) => (row.kind === 'group' ? [row.group.id] : []));

  it('a key change while a page loads drops the old response; only the new key’s rows are shown', async () => {
    const directory = await large();
    fake.setLatency(150);
    const pending = model.children(directory);
    await waitFor(() => groupRequests().length === 1, 'the page is on its way');
    key = 'sk_test_new';
    reset({ keepDepth: false });
    const rows = await pending;
    assert.equal(groupIds(rows).length, 100);
    assert.equal(groupRequests().at(-1)!.headers.authorization, 'Bearer sk_test_new');
    assert.ok(groupRequests().length <= 2);
  });

  it('a key cleared while a page loads leaves the "no key" state, not the old key’s rows', async () => {
    const directory = await large();
    fake.setLatency(150);
    const pending = model.children(directory);
    await waitFor(() => groupRequests().length === 1, 'the page is on its way');
    key = '';
    reset({ keepDepth: false });
    assert.deepEqual(await pending, []);
    assert.deepEqual(await model.children(), []);
    assert.equal(model.state.keyState, 'missing');
  });

  it('expanding every directory at once makes exactly one request per directory', async () => {
    const directories = (await model.children()).filter((row): row is DirectoryNode => row.kind === 'directory');
    fake.setLatency(50);
    fake.clearRequests();
    await Promise.all(directories.map((directory) => model.children(directory)));
    assert.equal(fake.requests.length, directories.length);
  });

  it('an item repeated on the next page is shown once, so no two rows share an id', async () => {
    const directory = await large();
    const first = await model.children(directory);
    const last = first.filter((row) => row.kind === 'group').at(-1)!;
    const repeated = fake.dataset.groups.find((g) => g.id === (last as { group: { id: string } }).group.id)!;
    fake.inject({
      kind: 'json',
      body: {
        object: 'list',
        data: [repeated, { ...repeated, id: 'directory_group_01NEWONE0000000000000000000' }],
        list_metadata: { before: null, after: null },
      },
    });
    await model.loadMore(directory);
    const rows = await model.children(directory);
    assert.equal(new Set(rows.map((row) => row.id)).size, rows.length);
    assert.equal(groupIds(rows).length, 101);
  });

  it('a repeating cursor ends in an error row with retry, not a loop', async () => {
    const directory = await large();
    await model.children(directory);
    fake.inject({ kind: 'repeat-cursor', times: Infinity });
    await model.loadMore(directory);
    const rows = await model.children(directory);
    const trailer = rows.at(-1)!;
    assert.equal(trailer.kind, 'message');
    assert.equal(trailer.kind === 'message' && trailer.retry, true);
    assert.equal(groupIds(rows).length, 100);
    assert.equal(failures.length, 1, 'the failed page is reported once, for the log');
  });

  it('Refresh brings back as many pages as were loaded; a new key starts again from one page', async () => {
    const directory = await large();
    await model.children(directory);
    await model.loadMore(directory);
    await model.loadMore(directory);
    reset({ keepDepth: true });
    assert.equal(groupIds(await model.children(directory)).length, 300);
    key = 'sk_test_new';
    reset({ keepDepth: false });
    assert.equal(groupIds(await model.children(directory)).length, 100);
  });

  it('Refresh twice while reloading three pages still brings back three pages', async () => {
    const directory = await large();
    await model.children(directory);
    await model.loadMore(directory);
    await model.loadMore(directory);
    fake.setLatency(60);
    reset({ keepDepth: true });
    fake.clearRequests();
    const reloading = model.children(directory);
    await waitFor(() => groupRequests().length === 2, 'page 2 of 3 is on its way');
    reset({ keepDepth: true });
    await reloading;
    assert.equal(groupIds(await model.children(directory)).length, 300);
  });

  it('an expanded directory with no groups shows one "No groups" row: no error, no Load more', async () => {
    const rows = await model.children();
    const empty = rows.find((row) => row.kind === 'directory' && row.directory.id === SAMPLE.emptyDirectoryId)!;
    const children = await model.children(empty);
    assert.deepEqual(
      children.map((row) => [row.kind, row.kind === 'placeholder' ? row.text : '']),
      [['placeholder', 'No groups']],
    );
  });

  it('three levels: a group row lists its members by key users?group=…; an empty group says "No members"', async () => {
    const directory = await large();
    const rows = await model.children(directory);
    const group = rows.find((row) => row.kind === 'group' && row.group.id === SAMPLE.firstListedGroupId)!;
    fake.clearRequests();
    const members = await model.children(group);
    assert.ok(members.length > 0 && members.every((row) => row.kind === 'user' && row.parent === group));
    assert.deepEqual(
      fake.requests.map((r) => [r.route, r.query.group]),
      [['list_users', SAMPLE.firstListedGroupId]],
    );
    assert.ok(session?.existingList(`users?group=${SAMPLE.firstListedGroupId}`), 'the list is the session’s, by key');
    assert.equal(await model.children(members[0]).then((c) => c.length), 0, 'a user row has no children');
    while (
      !(await model.children(directory)).some((row) => row.kind === 'group' && row.group.id === SAMPLE.emptyGroupId)
    ) {
      await model.loadMore(directory);
    }
    const empty = (await model.children(directory)).find(
      (row) => row.kind === 'group' && row.group.id === SAMPLE.emptyGroupId,
    )!;
    const placeholder = await model.children(empty);
    assert.deepEqual(
      placeholder.map((row) => [row.kind, row.kind === 'placeholder' ? row.text : '']),
      [['placeholder', 'No members']],
    );
  });
});

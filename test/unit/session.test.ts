import * as assert from 'node:assert/strict';
import { listKey } from '../../src/session/lists';
import { Session } from '../../src/session/session';
import { WorkOSClient } from '../../src/workos';
import { SAMPLE } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';
import { waitFor } from '../wait-for';

describe('session', () => {
  let fake: FakeWorkOS;
  let session: Session;

  before(async () => {
    fake = await startFakeWorkOS({ apiKeys: [SAMPLE.apiKey] });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.clearFaults();
    fake.clearRequests();
    fake.setLatency(0);
    session = new Session(new WorkOSClient({ apiKey: SAMPLE.apiKey, baseUrl: fake.url }), () => 100, 'test');
  });
  afterEach(() => session.end());

  it('keeps one list per query: asking again gives the same list, another query another', async () => {
    const groups = session.list({ of: 'groups', directory: SAMPLE.smallDirectoryId });
    assert.equal(session.list({ of: 'groups', directory: SAMPLE.smallDirectoryId }), groups);
    assert.notEqual(session.list({ of: 'groups', directory: SAMPLE.largeDirectoryId }), groups);
    assert.equal(session.existingList(`groups?directory=${SAMPLE.smallDirectoryId}`), groups);
    assert.equal(fake.requests.length, 0, 'a list loads only when asked to');
  });

  it('every list page feeds the object cache: an object the tree listed costs no request', async () => {
    const list = session.list({ of: 'groups', directory: SAMPLE.smallDirectoryId });
    await list.loadNext();
    const group = list.items[0];
    fake.clearRequests();
    assert.equal(await session.get('directory_group', group.id), group);
    assert.equal(fake.requests.length, 0);
  });

  it('fetch asks anew, shares one request among callers meanwhile, and updates the cache', async () => {
    fake.setLatency(50);
    const [a, b] = await Promise.all([
      session.fetch('directory_group', SAMPLE.busyGroupId),
      session.fetch('directory_group', SAMPLE.busyGroupId),
    ]);
    assert.equal(a, b);
    assert.equal(fake.requests.length, 1, 'one request for two callers');
    assert.equal(session.cached('directory_group', SAMPLE.busyGroupId), a);
    await session.fetch('directory_group', SAMPLE.busyGroupId);
    assert.equal(fake.requests.length, 2, 'a later fetch asks again');
  });

  it('ending the session cancels what it started, lists and by-ID requests alike', async () => {
    fake.setLatency(200);
    const list = session.list({ of: 'directories' });
    const loading = list.loadNext();
    const fetching = session.fetch('directory', SAMPLE.largeDirectoryId);
    session.end();
    await loading;
    assert.equal(list.items.length, 0);
    assert.equal(list.error, undefined, 'a cancelled page is no failure');
    await assert.rejects(fetching, (error: Error) => /cancelled/.test(error.message));
    assert.equal(session.cached('directory', SAMPLE.largeDirectoryId), undefined);
  });

  it('a member list is paced with the other requests of its directory', async () => {
    const groups = session.list({ of: 'groups', directory: SAMPLE.largeDirectoryId });
    await groups.loadNext();
    const lists = groups.items
      .slice(0, 8)
      .map((group) => session.list({ of: 'members', group: group.id, directory: group.directory_id }));
    fake.clearRequests();
    await Promise.all(lists.map((list) => list.loadNext()));
    assert.deepEqual(
      lists.map((list) => list.error),
      lists.map(() => undefined),
    );
    assert.equal(
      fake.requests.filter((r) => r.status === 429).length,
      0,
      'no 429 from a server that enforces the limit',
    );
    const starts = fake.requests.map((r) => r.at).sort((a, b) => a - b);
    assert.ok(starts[4] - starts[0] >= 1000, 'the fifth waited for the window');
  });

  it('a request whose every caller stopped waiting is cancelled; one with a caller left goes on', async () => {
    fake.setLatency(300);
    const leaving = new AbortController();
    const first = session.fetch('directory_user', SAMPLE.userWithGroupsId, leaving.signal);
    await waitFor(() => fake.requests.length === 1, 'the request is on its way');
    leaving.abort();
    await assert.rejects(first, /cancelled/);
    // Asked again: a new request, since the first was cancelled rather than left running for nobody.
    assert.equal((await session.fetch('directory_user', SAMPLE.userWithGroupsId)).id, SAMPLE.userWithGroupsId);
    assert.equal(fake.requests.length, 2);
    assert.equal(fake.requests[0].status, 0, 'the first was never answered: the client hung up');
    const staying = new AbortController();
    const a = session.fetch('directory_group', SAMPLE.busyGroupId, staying.signal);
    const b = session.fetch('directory_group', SAMPLE.busyGroupId);
    staying.abort();
    await assert.rejects(a, /cancelled/);
    assert.equal((await b).id, SAMPLE.busyGroupId, 'the other caller still gets the answer');
  });

  it('an ID WorkOS does not know is asked once: get() answers "not found" again from the session', async () => {
    const unknown = 'directory_group_01JZZZZZZZZZZZZZZZZZZZZZZZ';
    await assert.rejects(session.get('directory_group', unknown), (error: Error) => /not found/i.test(error.message));
    await assert.rejects(session.get('directory_group', unknown), (error: Error) => /not found/i.test(error.message));
    assert.equal(fake.requests.length, 1);
  });

  describe('a group whose members changed (forgotten while its members are read)', () => {
    const query = { of: 'members', group: SAMPLE.oneMemberGroupId, directory: SAMPLE.largeDirectoryId } as const;

    it('a page of the forgotten list, arriving after, writes back no count', async () => {
      const list = session.list(query);
      const loading = list.loadNext();
      session.forgetQuery(query);
      await loading;
      assert.equal(list.items.length, 1, 'the page did arrive');
      assert.equal(session.memberCounts.get(query.group), undefined, 'the old members are not counted');
      await session.list(query).loadNext();
      assert.deepEqual(session.memberCounts.get(query.group), { count: 1, complete: true }, 'a new read counts');
    });

    it('a whole collection forgotten while read writes back no count', async () => {
      const reading = session.collect(query);
      session.forgetQuery(query);
      assert.equal((await reading).length, 1);
      assert.equal(session.memberCounts.get(query.group), undefined);
    });

    it('a membership change found by any poll of the session (not only the Recent Changes view) forgets the group', async () => {
      await session.list(query).loadNext();
      assert.deepEqual(session.memberCounts.get(query.group), { count: 1, complete: true });
      const directory = fake.dataset.directories.find((candidate) => candidate.id === SAMPLE.largeDirectoryId)!;
      // The feed Diagnose and Explain share with the view of one directory.
      const feed = session.changes.feed({ directory });
      await feed.loadOlder();
      assert.ok(session.existingList(listKey(query)), 'the first screen (older changes) forgets nothing');
      const group = fake.dataset.groups.find((candidate) => candidate.id === query.group)!;
      fake.dataset.events!.push({
        object: 'event',
        id: 'event_01ZZSESSIONFORGETS',
        event: 'dsync.group.user_removed',
        data: { directory_id: SAMPLE.largeDirectoryId, user: null, group },
        created_at: new Date(Date.now() + 1000).toISOString(),
        context: {},
      });
      try {
        const heard: string[] = [];
        session.memberCounts.onChange((id) => heard.push(id));
        assert.equal((await feed.poll()).length, 1);
        assert.equal(session.memberCounts.get(query.group), undefined, 'the count is gone');
        assert.equal(session.existingList(listKey(query)), undefined, 'the member list is read anew');
        assert.deepEqual(heard, [query.group], 'the rows hear it once');
      } finally {
        fake.dataset.events!.pop();
      }
    });
  });
});

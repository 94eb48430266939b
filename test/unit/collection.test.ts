import * as assert from 'node:assert/strict';
import { forEachAtOnce, SessionEnded } from '../../src/session/collection';
import { CACHE_LIMITS, countMismatch, Session } from '../../src/session/session';
import { isWorkOSError, WorkOSClient, type DirectoryGroup } from '../../src/workos';
import { generatedDataset, SAMPLE } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';
import { waitFor } from '../wait-for';

describe('session collections', () => {
  let fake: FakeWorkOS;
  let session: Session;
  /** When each attempt the client made began (ms, performance.now()), reported as it ends, answered or cancelled. */
  let attempts: number[];
  /** Every request that reached the fake has ended on the client's side too. */
  const settled = () => attempts.length >= fake.requests.length;

  before(async () => {
    fake = await startFakeWorkOS({ apiKeys: [SAMPLE.apiKey] });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.clearFaults();
    fake.clearRequests();
    fake.setLatency(0);
    attempts = [];
    const client = new WorkOSClient({
      apiKey: SAMPLE.apiKey,
      baseUrl: fake.url,
      onRequest: ({ durationMs }) => attempts.push(performance.now() - durationMs),
    });
    session = new Session(client, () => 100, 'test');
  });
  afterEach(() => session.end());

  /** After `at`, no attempt began: every request the client made started before it. */
  async function nothingSentAfter(at: number): Promise<void> {
    await waitFor(settled, 'every request that reached the fake has ended');
    assert.deepEqual(
      attempts.filter((began) => began > at + 1),
      [],
    );
  }

  it('one scan for everyone who asks: a second reader adds no request, and asking once it is read sends nothing', async () => {
    const query = { of: 'groupScan', directory: SAMPLE.largeDirectoryId } as const;
    const [first, second] = await Promise.all([session.collect(query), session.collect(query)]);
    assert.equal(first.length, SAMPLE.largeDirectoryGroupCount);
    assert.equal(second, first);
    const sent = fake.requests.length;
    assert.equal(new Set(first.map((group) => group.id)).size, first.length, 'each group once');
    await session.collect(query);
    assert.equal(fake.requests.length, sent, 'read once per session');
  });

  it('a reader who leaves (a picker closed) does not end the read of one who stays (an export)', async () => {
    fake.setLatency(30);
    const scan = session.collection({ of: 'groupScan', directory: SAMPLE.largeDirectoryId });
    const picker = new AbortController();
    const pickerWait = scan.all(picker.signal);
    const exported = scan.all();
    await waitFor(() => scan.items.length > 0, 'the first page is in');
    picker.abort();
    await assert.rejects(pickerWait, /cancelled/);
    const groups = await exported;
    assert.equal(groups.length, SAMPLE.largeDirectoryGroupCount, 'the export got every group');
  });

  it('the last reader to leave stops the read: no request after it, and the next asker starts over', async () => {
    fake.setLatency(30);
    const scan = session.collection({ of: 'groupScan', directory: SAMPLE.largeDirectoryId });
    const leave = scan.join();
    await waitFor(() => scan.items.length > 0, 'the first page is in');
    leave();
    const left = performance.now();
    await scan.finished;
    assert.ok(scan.items.length < SAMPLE.largeDirectoryGroupCount, 'stopped before the end');
    assert.equal(scan.usable, false);
    await nothingSentAfter(left);
    assert.notEqual(session.collection({ of: 'groupScan', directory: SAMPLE.largeDirectoryId }), scan);
  });

  it('a session that ends mid-read tells every reader plainly, and sends nothing more', async () => {
    fake.setLatency(30);
    const members = session.collection({ of: 'members', group: SAMPLE.bigGroupId, directory: SAMPLE.largeDirectoryId });
    const reading = members.all();
    await waitFor(() => members.items.length > 0, 'the first page is in');
    session.end();
    const ended = performance.now();
    await assert.rejects(
      reading,
      (error: Error) => error instanceof SessionEnded && /run the command again/i.test(error.message),
    );
    await nothingSentAfter(ended);
  });

  it('every collection stops at the same limit, with a plain message: a list that never ends', async () => {
    const item = { ...fake.dataset.groups[0], id: 'directory_group_01JENDLESS' };
    fake.inject({ kind: 'endless-list', item, times: Infinity, match: { path: /groups/ } });
    await assert.rejects(
      session.collect({ of: 'groups', directory: SAMPLE.largeDirectoryId }),
      /Stopped reading the list at the limit of 200 pages/,
    );
    assert.equal(fake.requests.length, 200);
  });

  it('a query forgotten (its items changed) is read anew by the next collection, and the next list page', async () => {
    const query = { of: 'groups', directory: SAMPLE.smallDirectoryId } as const;
    await session.collect(query);
    await session.list(query).loadNext();
    session.forgetQuery(query);
    fake.clearRequests();
    await session.collect(query);
    const list = session.list(query);
    await list.loadNext();
    assert.equal(list.pagesLoaded, 1, 'a new list');
    assert.equal(fake.requests.length, 2, 'one page for the collection, one for the list');
  });

  it('a collection reports its progress and feeds the object cache', async () => {
    const counts: number[] = [];
    const members = await session.collect(
      { of: 'members', group: SAMPLE.bigGroupId, directory: SAMPLE.largeDirectoryId },
      { onProgress: (read) => counts.push(read) },
    );
    assert.equal(members.length, SAMPLE.bigGroupMemberCount);
    assert.deepEqual(counts, [100, 200, SAMPLE.bigGroupMemberCount]);
    fake.clearRequests();
    assert.equal(await session.get('directory_user', members[0].id), members[0]);
    assert.equal(fake.requests.length, 0);
  });
});

describe('session object cache bounds', () => {
  const group = (id: number, padding = 0): DirectoryGroup => ({
    object: 'directory_group',
    id: `directory_group_01J${String(id).padStart(10, '0')}`,
    idp_id: '',
    directory_id: 'directory_01J0000000000',
    organization_id: null,
    name: 'x'.repeat(padding),
    created_at: '',
    updated_at: '',
  });
  const session = () =>
    new Session(new WorkOSClient({ apiKey: 'sk_test_cache', baseUrl: 'http://127.0.0.1:9' }), () => 10, 'test');

  it('an answer over about 1 MB is shown (the newest one) but not kept: eight 2 MB answers keep one', () => {
    const cache = session();
    const large = Array.from({ length: 8 }, (_, index) => group(index, 2 * 1024 * 1024));
    for (const object of large) cache.remember('directory_group', object);
    assert.equal(cache.cached('directory_group', large[7].id), large[7], 'the newest is there for its document');
    assert.equal(cache.cached('directory_group', large[0].id), undefined);
    assert.ok(cache.cacheSize.chars < 2 * 2 * 1024 * 1024, `${cache.cacheSize.chars} characters kept`);
  });

  it('past the count bound the least recently used object goes first', () => {
    const cache = session();
    for (let index = 0; index < CACHE_LIMITS.maxObjects; index++) cache.remember('directory_group', group(index));
    const used = cache.cached('directory_group', group(0).id);
    assert.ok(used, 'the oldest is still there');
    cache.remember('directory_group', group(CACHE_LIMITS.maxObjects));
    assert.equal(cache.cacheSize.objects, CACHE_LIMITS.maxObjects);
    assert.ok(cache.cached('directory_group', group(0).id), 'used lately, so kept');
    assert.equal(cache.cached('directory_group', group(1).id), undefined, 'the least recently used went');
  });
});

describe('countMismatch', () => {
  it('warns when a scan is more than 5% and more than 2 groups off the directory’s own count', () => {
    assert.equal(countMismatch(2600, 2600), undefined);
    assert.equal(countMismatch(2598, 2600), undefined, 'groups come and go during a scan');
    assert.equal(countMismatch(2500, 2600), undefined, 'within 5%');
    assert.match(countMismatch(2000, 2600) ?? '', /Read 2,000 groups, but the directory reports 2,600/);
    assert.match(countMismatch(5, 0) ?? '', /reports 0/);
    assert.equal(countMismatch(10, undefined), undefined, 'no count to compare with');
    assert.equal(countMismatch(10, '12'), undefined, 'a count that is not a number is no count');
  });
});

describe('organisation names, the cheaper way', () => {
  let fake: FakeWorkOS;
  before(async () => {
    fake = await startFakeWorkOS({
      apiKeys: ['sk_test_organizations'],
      dataset: generatedDataset({ directories: 250, groupsPerDirectory: 0, organizations: 250 }),
    });
  });
  after(() => fake.close());
  beforeEach(() => fake.clearRequests());
  const session = () =>
    new Session(new WorkOSClient({ apiKey: 'sk_test_organizations', baseUrl: fake.url }), () => 100, 'test');
  const organizationIds = () => (fake.dataset.organizations ?? []).map(({ id }) => id);

  it('a few are asked one by one', async () => {
    const names = session();
    await names.organizations(organizationIds().slice(0, 3));
    assert.deepEqual(
      fake.requests.map((r) => r.route),
      ['get_organization', 'get_organization', 'get_organization'],
    );
    assert.ok(
      organizationIds()
        .slice(0, 3)
        .every((id) => names.cached('organization', id)),
    );
  });

  it('many are read from the organisations list, 100 a page: 250 names for 3 requests, not 250', async () => {
    const names = session();
    await names.organizations(organizationIds());
    assert.deepEqual(
      fake.requests.map((r) => r.route),
      ['list_organizations', 'list_organizations', 'list_organizations'],
    );
    assert.ok(organizationIds().every((id) => names.cached('organization', id)));
    fake.clearRequests();
    await names.organizations(organizationIds());
    assert.equal(fake.requests.length, 0, 'known names cost nothing');
  });

  it('the list is read only while it costs fewer pages than the names still missing', async () => {
    const names = session();
    // The five newest: on the last of three pages (oldest first), so five requests beat three pages only just.
    const newest = organizationIds().slice(-5);
    await names.organizations(newest);
    const pages = fake.requests.filter((r) => r.route === 'list_organizations').length;
    const each = fake.requests.filter((r) => r.route === 'get_organization').length;
    assert.ok(pages + each <= newest.length * 2, `${pages} pages and ${each} single requests for ${newest.length}`);
    assert.ok(newest.every((id) => names.cached('organization', id)));
  });
});

describe('forEachAtOnce', () => {
  it('runs a few at a time, every item once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachAtOnce([1, 2, 3, 4, 5, 6, 7], 3, new AbortController().signal, async (item) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      done.push(item);
    });
    assert.equal(most, 3);
    assert.deepEqual(
      done.sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7],
    );
  });

  it('a cancel between items starts no more and rejects with cancelled, though every started item finished', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const running = forEachAtOnce([1, 2, 3, 4, 5], 1, controller.signal, async (item) => {
      started.push(item);
      if (item === 2) controller.abort();
    });
    await assert.rejects(running, (error) => isWorkOSError(error, 'cancelled'));
    assert.deepEqual(started, [1, 2]);
  });
});

import * as assert from 'node:assert/strict';
import { sampleDataset, SAMPLE } from '../fake-workos/dataset';
import type { FakeEvent } from '../fake-workos/event-data';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';
import { DSYNC_EVENT_TYPES, eventDirectoryId, EventTimeline, WorkOSClient, type WorkOSEvent } from '../../src/workos';

const KEY = 'sk_test_events_suite_0123456789';
const DAY = 24 * 3600 * 1000;

describe('Events: the newest first, by windows, from an API that lists oldest first', () => {
  let fake: FakeWorkOS;
  let client: WorkOSClient;
  const now = Date.now();

  before(async () => {
    fake = await startFakeWorkOS({ apiKeys: [KEY], dataset: sampleDataset({ now }) });
    client = new WorkOSClient({ apiKey: KEY, baseUrl: fake.url, sleep: async () => {} });
  });
  after(() => fake.close());
  beforeEach(() => fake.clearRequests());

  /** What the fake holds, newest first, as a person should see it. */
  function expected(keep: (event: FakeEvent) => boolean = () => true): string[] {
    const types = new Set<string>(DSYNC_EVENT_TYPES);
    return (fake.dataset.events ?? [])
      .filter(
        (event) => types.has(event.event) && Date.parse(event.created_at) >= now - 30 * DAY + 60_000 && keep(event),
      )
      .map((event) => event.id)
      .reverse();
  }

  function timeline(keep: (event: WorkOSEvent) => boolean = () => true, organization?: string): EventTimeline {
    return new EventTimeline(
      (window) =>
        client.listEvents({ events: DSYNC_EVENT_TYPES, organization_id: organization, limit: 100, ...window }),
      keep,
      now,
      organization !== undefined,
    );
  }

  it('the first screen is the 50 newest Directory Sync events, newest first, in a few requests', async () => {
    const reader = timeline();
    const screen = await reader.older(50);
    assert.ok(screen.length >= 50);
    assert.deepEqual(
      screen.map((event) => event.id),
      expected().slice(0, screen.length),
    );
    assert.ok(fake.requests.length <= 4, `${fake.requests.length} requests`);
    for (const request of fake.requests) {
      assert.equal(request.path, '/events');
      assert.ok(request.query.range_start && request.query.range_end, 'every window is bounded');
      assert.equal(request.query.order, undefined, 'never relies on order');
    }
  });

  it('Load older continues without a gap or a repeat until the 30 days are read, and other products never show', async () => {
    const reader = timeline();
    const read: string[] = [];
    while (reader.hasOlder) read.push(...(await reader.older(50)).map((event) => event.id));
    assert.deepEqual(read, expected());
    assert.ok(read.length > 1000);
  });

  it('one directory of an organisation with two: the server filters by organisation, the rest here', async () => {
    const directory = SAMPLE.smallDirectoryId;
    const reader = timeline((event) => eventDirectoryId(event) === directory, SAMPLE.organizationIds[0]);
    const screen = await reader.older(50);
    const wanted = expected((event) => {
      const data = event.data as { directory_id?: string; id?: string };
      return data.directory_id === directory || data.id === directory;
    });
    assert.deepEqual(
      screen.map((event) => event.id),
      wanted.slice(0, screen.length),
    );
    assert.ok(screen.length >= 50 || !reader.hasOlder);
    assert.ok(fake.requests.every((request) => request.query.organization_id === SAMPLE.organizationIds[0]));
  });

  it('polling asks once for what is newer than the newest row, and finds a new event', async () => {
    const reader = timeline();
    const [newest] = await reader.older(10);
    fake.clearRequests();
    assert.deepEqual(await reader.newer(), []);
    assert.equal(fake.requests.length, 1);
    assert.equal(fake.requests[0].query.after, newest.id);
    const added: FakeEvent = {
      object: 'event',
      id: 'event_01ZZZZZZZZZZZZZZZZZZZZZZZZ',
      event: 'dsync.group.user_added',
      data: { directory_id: SAMPLE.largeDirectoryId, user: null, group: null },
      created_at: new Date(Date.now() + 1000).toISOString(),
      context: {},
    };
    fake.dataset.events!.push(added);
    try {
      assert.deepEqual(
        (await reader.newer()).map((event) => event.id),
        [added.id],
      );
    } finally {
      fake.dataset.events!.pop();
    }
  });

  it('an odd item (no event ID, not an object, another product) is left out, a new dsync type kept, the rest shows', async () => {
    const good = {
      object: 'event',
      id: 'event_01GOOD',
      event: 'dsync.user.created',
      data: 'not an object',
      created_at: new Date(now - 1000).toISOString(),
    };
    fake.inject({
      kind: 'json',
      match: { path: '/events' },
      body: {
        object: 'list',
        data: [
          { ...good, id: 'directory_user_01NOTANEVENT' },
          null,
          { ...good, id: 'event_01OTHER', event: 'user.created' },
          { ...good, id: 'event_01NEWTYPE', event: 'dsync.user.suspended' },
          good,
        ],
        list_metadata: { before: null, after: null },
      },
    });
    const page = await client.listEvents({ events: DSYNC_EVENT_TYPES, limit: 100 });
    assert.deepEqual(
      page.data.map((event) => event.id),
      ['event_01NEWTYPE', 'event_01GOOD'],
    );
    assert.equal(page.dropped, 3);
  });
});

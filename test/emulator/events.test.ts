// Recent Changes against WorkOS's own emulator (npm `workos` 0.14.0): what it records when the store
// changes, and what our reader makes of its `/events`, which differs from the live API (§11.2, §11.4):
// it reads the types only as repeated `events[]=`, ignores `range_start`/`range_end`, and honours
// `order` (newest first by default) where the live API always lists oldest first.
import * as assert from 'node:assert/strict';
import { Session } from '../../src/session/session';
import { DSYNC_EVENT_TYPES, WorkOSClient, type RequestRecord } from '../../src/workos';
import { startEmulator, type Emulator } from './emulator';
import { addDirectory, addGroups, addOrganization, addUser } from './sample';

const HOUR = 3600 * 1000;

describe("Recent Changes on WorkOS's emulator (workos 0.14.0)", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  function sessionOf(): { session: Session; requests: RequestRecord[] } {
    const requests: RequestRecord[] = [];
    const client = new WorkOSClient({
      apiKey: emulator.apiKey,
      baseUrl: emulator.url,
      onRequest: (record) => requests.push(record),
    });
    return { session: new Session(client, () => 100, 'emulator'), requests };
  }

  /** A change made through the store, as a person's identity provider would make it. */
  function seedChanges() {
    const organization = addOrganization(emulator.store, 'Acme Emulated');
    const directory = addDirectory(emulator.store, organization, 'Acme Okta');
    const [group] = addGroups(emulator.store, directory, 1, 'Engineering');
    const user = addUser(emulator.store, directory, { first_name: 'Ada', email: 'ada@example.com' }, [group]);
    emulator.store.directoryUsers.update(user.id, { last_name: 'Lovelace' });
    emulator.store.directoryUsers.delete(user.id);
    return { organization, directory };
  }

  it('pins: a change through its store is recorded as `directory_user.created` and the like, not `dsync.*`', async () => {
    seedChanges();
    const answer = (await (
      await fetch(`${emulator.url}/events?limit=100`, { headers: { authorization: `Bearer ${emulator.apiKey}` } })
    ).json()) as { data: Array<{ event: string }> };
    const types = new Set(answer.data.map((event) => event.event));
    for (const type of [
      'directory_user.created',
      'directory_user.updated',
      'directory_user.deleted',
      'directory_group.created',
    ])
      assert.ok(types.has(type), `${type} in ${[...types].join(', ')}`);
    assert.ok(![...types].some((type) => type.startsWith('dsync.')), 'no dsync.* event: the live API records those');
  });

  it('pins: asked for `events=dsync.…` it sends every type; the view keeps only Directory Sync changes, so shows none', async () => {
    seedChanges();
    const { session, requests } = sessionOf();
    const feed = session.changes.feed(undefined);
    await feed.loadOlder();
    assert.equal(feed.error, undefined);
    assert.deepEqual(feed.events, [], 'organization.created, directory_user.created… are not Directory Sync events');
    const asked = new URL(requests[0].url, 'http://x').searchParams.get('events');
    assert.equal(asked, DSYNC_EVENT_TYPES.join(','), 'the form the Node SDK sends');
    session.end();
  });

  it('Directory Sync events it holds show newest first, each once, although it ignores the time windows', async () => {
    const { directory } = seedChanges();
    const now = Date.now();
    const inserted = [30, 5, 50, 1, 12].map((hoursAgo, index) => {
      const event = emulator.store.events.insert({
        object: 'event',
        event: 'dsync.user.created',
        data: { object: 'directory_user', id: `directory_user_01JEMU${index}`, directory_id: directory.id },
        environment_id: null,
      } as never);
      // The store stamps the time of insertion; a month of changes needs other times.
      (event as { created_at: string }).created_at = new Date(now - hoursAgo * HOUR).toISOString();
      return { id: event.id, hoursAgo };
    });
    const { session } = sessionOf();
    const feed = session.changes.feed(undefined);
    await feed.loadOlder();
    assert.equal(feed.error, undefined);
    const newestFirst = [...inserted].sort((a, b) => a.hoursAgo - b.hoursAgo).map(({ id }) => id);
    assert.deepEqual(
      feed.events.map((event) => event.id),
      newestFirst,
    );
    session.end();
  });
});

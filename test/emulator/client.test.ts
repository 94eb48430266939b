// Our client and session against WorkOS's own emulator (npm `workos` 0.14.0, `workos/emulate`) over
// real HTTP on loopback: a server we did not write. Where the emulator and the documented API differ,
// the test says which behaviour it pins (docs/workos-api.md §10.5 and §11.4 list the differences).
//
// The emulator 0.14.0 filters `/directory_groups` and `/directory_users` only by `directory_id` and
// `group_id`, names the API does not use; it ignores `directory`, `group`, `user` and `email`, which
// we send. So the walks and boundaries are measured in an environment that holds nothing but the list
// under test (where a filter cannot change the answer); on the whole sample each ignored filter is
// pinned, with what the client makes of the answer.
import * as assert from 'node:assert/strict';
import { Session } from '../../src/session/session';
import type { ListQuery } from '../../src/session/lists';
import {
  collectAll,
  followPages,
  isWorkOSError,
  scanBothEnds,
  WorkOSClient,
  type RequestRecord,
  type WorkOSClientOptions,
} from '../../src/workos';
import { SAMPLE, sampleDataset, type Dataset } from '../fake-workos/dataset';
import { startEmulator, type Emulator, type EmulatorStore } from './emulator';
import {
  addDirectory,
  addGroups,
  addOrganization,
  addUser,
  BUSY_GROUP_MEMBERS,
  LARGE_DIRECTORY_GROUPS,
  seedDataset,
  seedSample,
  USER_IN_MANY_GROUPS_COUNT,
  type EmulatorSample,
} from './sample';

/** A client of `emulator` that records every request it sends and every notice it gives. */
function clientOf(emulator: Emulator, options: Partial<WorkOSClientOptions> = {}) {
  const requests: Array<RequestRecord & { startedAt: number }> = [];
  const notices: string[] = [];
  const client = new WorkOSClient({
    apiKey: emulator.apiKey,
    baseUrl: emulator.url,
    onRequest: (record) => requests.push({ ...record, startedAt: performance.now() - record.durationMs }),
    onNotice: (text) => notices.push(text),
    ...options,
  });
  return { client, requests, notices };
}

/**
 * The requests that brought a page or an object: a client's first list of groups (or of users in a
 * directory) also costs one 404 on the nested route the emulator lacks (pinned at the end).
 */
const answered = (requests: readonly RequestRecord[]) => requests.filter((r) => r.status === 200);

const query = (record: RequestRecord, name: string) => new URL(record.url, 'http://x').searchParams.get(name);

/** The emulator's own answer to `GET pathAndQuery`, as JSON. */
async function emulatorAnswer(emulator: Emulator, pathAndQuery: string): Promise<{ data?: unknown[] }> {
  const response = await fetch(`${emulator.url}${pathAndQuery}`, {
    headers: { Authorization: `Bearer ${emulator.apiKey}` },
  });
  return (await response.json()) as { data?: unknown[] };
}

/** Every item of a session list, loaded page by page to its end; fails on a page error. */
async function walk<Q extends ListQuery>(session: Session, query: Q) {
  const list = session.list(query);
  await list.loadPages(Infinity);
  assert.equal(list.error, undefined, `no page of ${query.of} failed`);
  assert.equal(list.hasMore, false, `the ${query.of} list ended`);
  return list;
}

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);
const newestFirst = <T>(items: readonly T[]) => [...items].reverse();

/** Starts an emulator for the enclosing `describe`, seeded by `seed`, and closes it after. */
function useEmulator<T>(seed: (store: EmulatorStore) => T): { emulator: Emulator; data: T } {
  const handle = {} as { emulator: Emulator; data: T };
  before(async () => {
    handle.emulator = await startEmulator();
    handle.data = seed(handle.emulator.store);
  });
  after(() => handle.emulator.close());
  return handle;
}

/** One organisation, one directory with `groups` groups and nothing else. */
function lonelyDirectory(store: EmulatorStore, groups: number) {
  const directory = addDirectory(store, addOrganization(store, 'Solo'), 'Solo Directory');
  return { directory, groups: addGroups(store, directory, groups) };
}

describe("WorkOS's emulator (workos 0.14.0) through our client and session", () => {
  describe('the sample environment', () => {
    const env = useEmulator(seedSample);
    let sample: EmulatorSample;
    before(() => (sample = env.data));

    for (const [pageSize, requests] of [
      [1, 3],
      [2, 2],
      [100, 1],
    ]) {
      it(`lists its 3 directories newest first at page size ${pageSize}, in ${requests} request(s)`, async () => {
        const { client, requests: sent } = clientOf(env.emulator);
        const session = new Session(client, () => pageSize, 'emulator');
        const list = await walk(session, { of: 'directories' });
        assert.deepEqual(ids(list.items), ids(sample.directories));
        assert.deepEqual(
          sent.map((r) => [r.status, query(r, 'limit')]),
          Array.from({ length: requests }, () => [200, String(pageSize)]),
        );
        session.end();
      });
    }

    it('opens a directory, a `directory_grp_` group, users and the organisation by ID: exactly the body the emulator sent', async () => {
      const { client } = clientOf(env.emulator);
      const session = new Session(client, () => 100, 'emulator');
      const cases = [
        ['directory', '/directories', sample.largeDirectory.id],
        ['directory_group', '/directory_groups', sample.busyGroup.id],
        ['directory_user', '/directory_users', sample.emailOnlyUser.id],
        ['directory_user', '/directory_users', sample.firstNameOnlyUser.id],
        ['directory_user', '/directory_users', sample.suspendedUsers[0].id],
        ['organization', '/organizations', sample.organization.id],
      ] as const;
      assert.match(sample.busyGroup.id, /^directory_grp_/, "the emulator's own group prefix");
      for (const [kind, path, id] of cases) {
        const sent = await fetch(`${env.emulator.url}${path}/${id}`, {
          headers: { Authorization: `Bearer ${env.emulator.apiKey}` },
        }).then((response) => response.text());
        const object = await session.fetch(kind, id);
        assert.equal(JSON.stringify(object), JSON.stringify(JSON.parse(sent)), `${kind} ${id}, key order included`);
      }
      const suspended = await session.get('directory_user', sample.suspendedUsers[0].id);
      assert.equal(suspended.state, 'suspended');
      session.end();
    });

    it('an unknown ID of each kind is "not found" (404), and asking again sends nothing', async () => {
      const { client, requests } = clientOf(env.emulator);
      const session = new Session(client, () => 100, 'emulator');
      const unknown = [
        ['directory', 'directory_01JZZZZZZZZZZZZZZZZZZZZZZZ'],
        ['directory_group', 'directory_grp_01JZZZZZZZZZZZZZZZZZZZZZZZ'],
        ['directory_user', 'directory_user_01JZZZZZZZZZZZZZZZZZZZZZZZ'],
        ['organization', 'org_01JZZZZZZZZZZZZZZZZZZZZZZZ'],
      ] as const;
      for (const [kind, id] of unknown) {
        for (let ask = 0; ask < 2; ask++) {
          await assert.rejects(session.get(kind, id), (error) => isWorkOSError(error, 'not_found'));
        }
      }
      assert.deepEqual(
        requests.map((r) => r.status),
        unknown.map(() => 404),
      );
      session.end();
    });

    it('a key the emulator does not know is "unauthorized" (401) at once, without retries', async () => {
      const { client, requests } = clientOf(env.emulator, { apiKey: 'sk_test_not_this_one' });
      await assert.rejects(client.listDirectories({ limit: 10 }), (error) => isWorkOSError(error, 'unauthorized'));
      assert.deepEqual(
        requests.map((r) => r.status),
        [401],
      );
    });

    // The emulator filters groups and users only by `directory_id` and `group_id`, names the API does
    // not use; the API's `directory`, `group`, `user` and `email` it ignores. Each test first pins
    // the emulator's answer (it fails once the emulator honours the filter), then shows what we make of it.
    describe('filters the emulator ignores', () => {
      it('a directory with no groups shows none: the emulator sends every group of the environment, the client leaves them out and says so', async () => {
        const sent = await emulatorAnswer(
          env.emulator,
          `/directory_groups?directory=${sample.emptyDirectory.id}&limit=100`,
        );
        assert.equal(sent.data?.length, 100, 'the API: none');
        const { client, notices } = clientOf(env.emulator);
        const session = new Session(client, () => 100, 'emulator');
        const list = await walk(session, { of: 'groups', directory: sample.emptyDirectory.id });
        assert.deepEqual(list.items, []);
        assert.ok(
          notices.some((text) => /left out/.test(text)),
          `a notice says items were left out: ${notices.join(' | ')}`,
        );
        session.end();
      });

      it('find by email finds the one user, whatever the case: the emulator sends every user, the client keeps the match', async () => {
        const email = sample.emailOnlyUser.email!;
        const sent = await emulatorAnswer(
          env.emulator,
          `/directory_users?directory=${sample.largeDirectory.id}&email=${encodeURIComponent(email)}&limit=100`,
        );
        assert.equal(sent.data?.length, 100, 'the API: one');
        const { client } = clientOf(env.emulator);
        const users = await collectAll(
          followPages((after) =>
            client.listUsers({ directory: sample.largeDirectory.id, email: email.toUpperCase(), limit: 100, after }),
          ),
        );
        assert.deepEqual(ids(users), [sample.emailOnlyUser.id]);
      });

      // Pinned as it is: a user's groups are not on the wire for the client to check (`groups` is
      // deprecated, and empty for new WorkOS teams), so on the emulator a group lists every user.
      it(`a group of ${BUSY_GROUP_MEMBERS} members lists every user of its directory: the emulator ignores \`group\``, async () => {
        const { client } = clientOf(env.emulator);
        const session = new Session(client, () => 100, 'emulator');
        const list = await walk(session, {
          of: 'members',
          group: sample.busyGroup.id,
          directory: sample.largeDirectory.id,
        });
        assert.deepEqual(new Set(ids(list.items)), new Set(ids(sample.users)));
        assert.ok(list.items.length > BUSY_GROUP_MEMBERS);
        session.end();
      });

      // Pinned as it is: a group does not say who is in it, so without a directory nothing can be checked.
      it(`the groups of a user in ${USER_IN_MANY_GROUPS_COUNT} groups are every group of the environment: the emulator ignores \`user\``, async () => {
        const { client } = clientOf(env.emulator);
        const groups = await collectAll(
          followPages((after) => client.listGroups({ user: sample.userInManyGroups.id, limit: 100, after })),
        );
        assert.deepEqual(new Set(ids(groups)), new Set(ids(sample.groups)));
      });
    });
  });

  // 100 groups: exactly one full page at the largest page size (the emulator sends `after: null` with
  // the page that holds the last item, even a full one).
  for (const { count, walks } of [
    {
      count: 100,
      walks: [
        [100, 1],
        [50, 2],
        [1, 100],
      ],
    },
    {
      count: LARGE_DIRECTORY_GROUPS,
      walks: [
        [1, LARGE_DIRECTORY_GROUPS],
        [2, LARGE_DIRECTORY_GROUPS / 2],
        [100, 3],
      ],
    },
  ]) {
    describe(`a directory of ${count} groups, alone in its environment`, () => {
      const env = useEmulator((store) => lonelyDirectory(store, count));

      for (const [pageSize, requests] of walks) {
        it(`page size ${pageSize}: all ${count} groups newest first, each once, in ${requests} request(s), and the list ends`, async () => {
          const { client, requests: sent } = clientOf(env.emulator);
          const session = new Session(client, () => pageSize, 'emulator');
          const list = await walk(session, { of: 'groups', directory: env.data.directory.id });
          assert.deepEqual(ids(list.items), ids(newestFirst(env.data.groups)));
          assert.equal(answered(sent).length, requests);
          session.end();
        });
      }

      it('the two-ended scan (`order=asc` from the oldest, `desc` from the newest) gives the same list as one cursor', async () => {
        const { client, requests } = clientOf(env.emulator);
        const directory = env.data.directory.id;
        const oneCursor = await collectAll(followPages((after) => client.listGroups({ directory, limit: 100, after })));
        const cursorRequests = answered(requests).length;
        const scanned = await scanBothEnds((order, after, signal) =>
          client.listGroups({ directory, limit: 100, order, after }, signal),
        );
        assert.deepEqual(ids(scanned), ids(oneCursor));
        assert.equal(scanned.length, count);
        const orders = answered(requests)
          .slice(cursorRequests)
          .map((r) => query(r, 'order'));
        // A list of one page is over with its first `desc` page; a longer one is read from both ends.
        const ends = cursorRequests === 1 ? ['desc'] : ['asc', 'desc'];
        assert.deepEqual(new Set(orders), new Set(ends), 'the ends asked');
        assert.ok(orders.length <= cursorRequests + 1, `${orders.length} pages, one cursor needed ${cursorRequests}`);
      });
    });
  }

  // The documented API's answer to a deleted cursor is not known; the emulator answers with the first
  // page again (an unknown cursor restarts the list). The walk must neither loop nor repeat a row.
  describe('a cursor object deleted mid-walk (the emulator restarts the list)', () => {
    const env = useEmulator((store) => lonelyDirectory(store, LARGE_DIRECTORY_GROUPS));

    it('the session list goes on from the restart: every group once, in order, none repeated', async () => {
      const { client, requests } = clientOf(env.emulator);
      const session = new Session(client, () => 100, 'emulator');
      const list = session.list({ of: 'groups', directory: env.data.directory.id });
      await list.loadNext();
      const cursor = list.items.at(-1)!.id;
      assert.ok(env.emulator.store.directoryGroups.delete(cursor));
      await list.loadPages(Infinity);
      assert.equal(list.error, undefined);
      assert.equal(list.hasMore, false);
      // The deleted group stays where the first page showed it; the restart brings nothing twice.
      assert.deepEqual(ids(list.items), ids(newestFirst(env.data.groups)));
      const afters = answered(requests).map((r) => query(r, 'after'));
      assert.equal(afters[1], cursor, 'the second page was asked after the deleted group');
      assert.equal(afters.length, 4, 'the restarted page, then the two after it');
      session.end();
    });
  });

  describe(`a group of ${BUSY_GROUP_MEMBERS} members, alone in its environment`, () => {
    const env = useEmulator((store) => {
      const { directory, groups } = lonelyDirectory(store, 1);
      const members = Array.from({ length: BUSY_GROUP_MEMBERS }, (_, i) =>
        addUser(
          store,
          directory,
          {
            first_name: 'Member',
            last_name: `${i + 1}`,
            email: `member${i + 1}@acme.test`,
            state: i < 3 ? 'suspended' : 'active',
          },
          groups,
        ),
      );
      return { directory, group: groups[0], members };
    });

    it('lists all 150 members, suspended ones included, in 2 requests at page size 100', async () => {
      const { client, requests } = clientOf(env.emulator);
      const session = new Session(client, () => 100, 'emulator');
      const list = await walk(session, { of: 'members', group: env.data.group.id, directory: env.data.directory.id });
      assert.deepEqual(ids(list.items), ids(newestFirst(env.data.members)));
      assert.equal(list.items.filter((user) => user.state === 'suspended').length, 3);
      assert.equal(answered(requests).length, 2);
      session.end();
    });

    it('paces member pages at 4 requests a second per directory, as WorkOS asks of `/directory_users`', async function () {
      this.timeout(15_000);
      const { client, requests } = clientOf(env.emulator);
      const session = new Session(client, () => 25, 'emulator');
      const list = await walk(session, { of: 'members', group: env.data.group.id, directory: env.data.directory.id });
      assert.equal(list.items.length, BUSY_GROUP_MEMBERS);
      assert.equal(answered(requests).length, 6);
      // Any 5 requests in a row span more than a second.
      for (let i = 4; i < requests.length; i++) {
        const span = requests[i].startedAt - requests[i - 4].startedAt;
        assert.ok(span >= 1000, `requests ${i - 4}–${i} started within ${Math.round(span)} ms`);
      }
      session.end();
    });
  });

  describe(`a user in ${USER_IN_MANY_GROUPS_COUNT} groups, alone in its environment`, () => {
    const env = useEmulator((store) => {
      const { directory, groups } = lonelyDirectory(store, USER_IN_MANY_GROUPS_COUNT);
      return { groups, user: addUser(store, directory, { first_name: 'Many', last_name: 'Groups' }, groups) };
    });

    it('lists all 130 groups of the user, each once, in 2 requests', async () => {
      const { client, requests } = clientOf(env.emulator);
      const groups = await collectAll(
        followPages((after) => client.listGroups({ user: env.data.user.id, limit: 100, after })),
      );
      assert.deepEqual(ids(groups), ids(newestFirst(env.data.groups)));
      assert.equal(answered(requests).length, 2);
    });
  });

  // What `npm run demo -- --emulator` serves.
  describe("the demo's sample (our fake's dataset) in the emulator", () => {
    let dataset: Dataset;
    const env = useEmulator((store) => {
      dataset = sampleDataset();
      seedDataset(store, dataset);
    });

    it("lists the fake's directories in the fake's order, and serves its objects by their IDs with the same fields", async () => {
      const { client } = clientOf(env.emulator);
      const session = new Session(client, () => 100, 'emulator');
      const list = await walk(session, { of: 'directories' });
      const fakeOrder = [...dataset.directories].sort(
        (a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id),
      );
      assert.deepEqual(ids(list.items), ids(fakeOrder));
      // The emulator stamps its own times.
      const untimed = ({ created_at: _c, updated_at: _u, ...rest }: { created_at: string; updated_at: string }) => rest;
      const fakeGroup = dataset.groups.find((group) => group.id === SAMPLE.busyGroupId)!;
      assert.deepEqual(untimed(await session.get('directory_group', SAMPLE.busyGroupId)), untimed(fakeGroup));
      const user = await session.get('directory_user', SAMPLE.userWithGroupsId);
      assert.equal(user.groups?.length, SAMPLE.userWithGroupsCount, "memberships are the user's `groups`");
      session.end();
    });
  });

  // The emulator answers 404 on `/directories/{id}/groups` and `/directories/{id}/users`, as older API
  // versions do; the client then reads the flat routes for the rest of its life.
  describe('nested routes (`/directories/{id}/groups|users`), which the emulator does not have', () => {
    const env = useEmulator((store) => {
      const { directory, groups } = lonelyDirectory(store, 3);
      const user = addUser(store, directory, { first_name: 'Only', email: 'only@acme.test' }, groups);
      return { directory, groups, user };
    });

    it('the first list of each kind costs one 404 on its nested route, said once; the flat routes serve it and every later list', async function () {
      this.timeout(10_000); // 8 paced user lists: 4 a second
      const { client, requests, notices } = clientOf(env.emulator);
      const directory = env.data.directory.id;
      const user = env.data.user;
      for (const session of [1, 2].map(() => new Session(client, () => 100, 'emulator'))) {
        const groups = await walk(session, { of: 'groups', directory });
        assert.deepEqual(ids(groups.items), ids(newestFirst(env.data.groups)));
        for (const group of env.data.groups) {
          const members = await walk(session, { of: 'members', group: group.id, directory });
          assert.deepEqual(ids(members.items), [user.id]);
        }
        const found = await client.listUsers({ directory, email: user.email!, limit: 100 });
        assert.deepEqual(ids(found.data), [user.id]);
        session.end();
      }
      const lines = requests.map((r) => `${r.status} ${new URL(r.url, 'http://x').pathname}`);
      assert.deepEqual(
        lines.filter((line) => !line.startsWith('200')),
        [`404 /directories/${directory}/groups`, `404 /directories/${directory}/users`],
        lines.join('\n'),
      );
      // Per session: the groups, each group's members, the user found by email.
      assert.equal(answered(requests).length, 2 * (1 + env.data.groups.length + 1));
      assert.equal(notices.length, 2, notices.join('\n'));
      assert.match(notices[0], /\/directories\/\{id\}\/groups/);
      assert.match(notices[1], /\/directories\/\{id\}\/users/);
    });
  });
});

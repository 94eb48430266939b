import * as assert from 'node:assert/strict';
import * as diagnostics from 'node:diagnostics_channel';
import { inspect } from 'node:util';
import { SAMPLE } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS, type FakeWorkOSOptions } from '../fake-workos/server';
import {
  collectAll,
  defaultBackoffMs,
  WorkOSClient,
  WorkOSError,
  type Page,
  type RequestRecord,
  type WorkOSClientOptions,
} from '../../src/workos';
import { virtualClock } from '../virtual-clock';
import { waitFor } from '../wait-for';

const KEY = 'sk_test_client_suite_0123456789';

describe('WorkOS client against the fake API over HTTP', () => {
  let fake: FakeWorkOS;
  let waits: number[];
  const records: RequestRecord[] = [];
  const errorsSeen: unknown[] = [];

  before(async () => {
    fake = await startFakeWorkOS({ apiKeys: [KEY] });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.clearFaults();
    fake.clearRequests();
    fake.setLatency(0);
    fake.setNestedRoutes(true);
    waits = [];
  });

  function client(options: Partial<WorkOSClientOptions> = {}): WorkOSClient {
    return new WorkOSClient({
      apiKey: KEY,
      baseUrl: fake.url,
      userAgent: 'workos-directory-explorer/test',
      sleep: async (ms) => {
        waits.push(ms);
      },
      onRequest: (record) => records.push(record),
      ...options,
    });
  }

  /** Runs `work`, expecting a WorkOSError; keeps it for the key-leak check at the end. */
  async function failure(work: Promise<unknown>): Promise<WorkOSError> {
    try {
      await work;
    } catch (error) {
      errorsSeen.push(error);
      assert.ok(error instanceof WorkOSError, `expected a WorkOSError, got ${String(error)}`);
      return error;
    }
    assert.fail('expected the call to fail');
  }

  function groupsOf(directoryId: string) {
    return fake.dataset.groups.filter((group) => group.directory_id === directoryId);
  }
  /** A fake of its own, for a test that needs other options. */
  async function withFake(options: FakeWorkOSOptions, test: (other: FakeWorkOS) => Promise<void>): Promise<void> {
    const other = await startFakeWorkOS({ apiKeys: [KEY], ...options });
    try {
      await test(other);
    } finally {
      await other.close();
    }
  }

  function largestDirectory() {
    const counts = new Map<string, number>();
    for (const group of fake.dataset.groups) counts.set(group.directory_id, (counts.get(group.directory_id) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0][0];
  }

  describe('endpoints', () => {
    it('lists directories with the key only in the Authorization header and a named User-Agent', async () => {
      const page = await client().listDirectories({ limit: 100 });
      assert.equal(page.data.length, fake.dataset.directories.length);
      const [request] = fake.requests;
      assert.equal(request.path, '/directories');
      assert.deepEqual(request.query, { limit: '100' });
      assert.equal(request.headers.authorization, `Bearer ${KEY}`);
      assert.equal(request.headers['user-agent'], 'workos-directory-explorer/test');
      assert.ok(!request.rawUrl.includes(KEY));
    });

    it('sends the wire names organization_id, search, order and encodes values safely', async () => {
      const organization = fake.dataset.directories[0].organization_id;
      await client().listDirectories({ organization_id: organization, search: '&limit=1#x', order: 'asc', limit: 5 });
      assert.deepEqual(fake.requests[0].query, {
        organization_id: organization,
        search: '&limit=1#x',
        order: 'asc',
        limit: '5',
      });
    });

    it('gets a directory, a group and a user by ID', async () => {
      const directory = fake.dataset.directories[0];
      assert.deepEqual(await client().getDirectory(directory.id), JSON.parse(JSON.stringify(directory)));
      const group = fake.dataset.groups[0];
      const fetched = await client().getGroup(group.id);
      // Verbatim, key order included: this is what the JSON view shows.
      assert.equal(JSON.stringify(fetched), JSON.stringify(group));
      const user = fake.dataset.users[0];
      const fetchedUser = await client().getUser(user.id);
      assert.equal(fetchedUser.id, user.id);
      assert.ok(Array.isArray(fetchedUser.groups));
      assert.deepEqual(
        fake.requests.map((r) => r.path),
        [`/directories/${directory.id}`, `/directory_groups/${group.id}`, `/directory_users/${user.id}`],
      );
    });

    it('fetches a group with the legacy directory_grp_ prefix', async () => {
      const legacy = fake.dataset.groups.find((group) => group.id.startsWith('directory_grp_'));
      assert.ok(legacy, 'the sample data has a legacy group');
      assert.equal((await client().getGroup(legacy.id)).id, legacy.id);
    });

    it('lists every group of a directory user with ?user=, across pages', async () => {
      const groups = await collectAll(client().allGroups({ user: SAMPLE.userWithGroupsId, limit: 10 }));
      const expected = fake.dataset.memberships
        .filter(([user]) => user === SAMPLE.userWithGroupsId)
        .map(([, group]) => group);
      assert.equal(groups.length, SAMPLE.userWithGroupsCount);
      assert.deepEqual(new Set(groups.map((g) => g.id)), new Set(expected));
      assert.equal(fake.requests.length, Math.ceil(expected.length / 10));
      assert.deepEqual(fake.requests[0].query, { user: SAMPLE.userWithGroupsId, limit: '10' });
    });

    it('lists users of a directory and of a group', async () => {
      const group = fake.dataset.groups[0];
      await client().listUsers({ directory: group.directory_id, limit: 3 });
      await client().listUsers({ group: group.id });
      assert.deepEqual(
        fake.requests.map((r) => r.query),
        [{ directory: group.directory_id, limit: '3' }, { group: group.id }],
      );
    });
  });

  describe('nested routes', () => {
    const small = SAMPLE.smallDirectoryId;
    const large = SAMPLE.largeDirectoryId;
    const groupIn = (directory: string) => groupsOf(directory)[0];
    const userIn = (directory: string) => fake.dataset.users.find((user) => user.directory_id === directory)!;
    /** `[route, nested, status]` of each request, in order. */
    const asked = () => fake.requests.map((r) => `${r.route} ${r.nested ? 'nested' : 'flat'} ${r.status}`);
    let notices: string[];
    beforeEach(() => (notices = []));
    const noticing = (options: Partial<WorkOSClientOptions> = {}) =>
      client({ onNotice: (text) => notices.push(text), ...options });

    it('lists and gets through /directories/{id}/… when the directory is known, flat otherwise', async () => {
      const api = client();
      const group = groupIn(large);
      const user = userIn(large);
      await api.listGroups({ directory: large, user: SAMPLE.userWithGroupsId, limit: 5 });
      await api.listGroups({ user: SAMPLE.userWithGroupsId });
      await api.listUsers({ directory: large, group: group.id, limit: 5 });
      await api.listUsers({ directory: small, email: userIn(small).email!, idp_id: userIn(small).idp_id });
      await api.listUsers({ group: group.id }, undefined, large);
      assert.equal((await api.getGroup(group.id, undefined, large)).id, group.id);
      assert.equal((await api.getGroup(group.id)).id, group.id);
      const nestedUser = await api.getUser(user.id, undefined, large);
      assert.equal(nestedUser.id, user.id);
      assert.equal((await api.getUser(user.id)).id, user.id);
      assert.deepEqual(
        fake.requests.map((r) => r.rawUrl),
        [
          `/directories/${large}/groups?user=${SAMPLE.userWithGroupsId}&limit=5`,
          `/directory_groups?user=${SAMPLE.userWithGroupsId}`,
          `/directories/${large}/users?group=${group.id}&limit=5`,
          `/directories/${small}/users?email=${encodeURIComponent(userIn(small).email!)}&idp_id=${userIn(small).idp_id}`,
          `/directory_users?group=${group.id}`,
          `/directories/${large}/groups/${group.id}`,
          `/directory_groups/${group.id}`,
          `/directories/${large}/users/${user.id}`,
          `/directory_users/${user.id}`,
        ],
      );
      assert.ok(fake.requests.every((r) => r.status === 200));
    });

    it('reads the same groups and users either way', async () => {
      const nested = client();
      const fromNested = await collectAll(nested.allGroups({ directory: small, limit: 7 }));
      fake.setNestedRoutes(false);
      const fromFlat = await collectAll(client().allGroups({ directory: small, limit: 7 }));
      assert.deepEqual(fromFlat, fromNested);
      assert.equal(fromNested.length, SAMPLE.smallDirectoryGroupCount);
    });

    it('a server without them: one extra request per kind, then none, and one notice each', async () => {
      fake.setNestedRoutes(false);
      const api = noticing();
      const group = groupIn(small);
      const user = userIn(small);
      const groups = await api.listGroups({ directory: small, limit: 100 });
      assert.equal(groups.data.length, SAMPLE.smallDirectoryGroupCount);
      await api.listGroups({ directory: large, limit: 10 });
      assert.equal((await api.getGroup(group.id, undefined, small)).id, group.id);
      const users = await api.listUsers({ directory: small, limit: 100 });
      assert.ok(users.data.length > 0 && users.data.every((u) => u.directory_id === small));
      assert.equal((await api.getUser(user.id, undefined, small)).id, user.id);
      await api.listUsers({ directory: small, email: user.email! });
      assert.deepEqual(asked(), [
        'unknown nested 404',
        'list_groups flat 200',
        'list_groups flat 200',
        'get_group flat 200',
        'unknown nested 404',
        'list_users flat 200',
        'get_user flat 200',
        'list_users flat 200',
      ]);
      assert.deepEqual(notices, [
        "This server has no /directories/{id}/groups route (WorkOS's emulator and older servers); reading /directory_groups instead.",
        "This server has no /directories/{id}/users route (WorkOS's emulator and older servers); reading /directory_users instead.",
      ]);
      // The flat route gets the directory as a filter.
      assert.equal(fake.requests[1].rawUrl, `/directory_groups?directory=${small}&limit=100`);
    });

    it('a get alone learns it too: a nested get that 404s is read flat, and lists of that kind go flat', async () => {
      fake.setNestedRoutes(false);
      const api = noticing();
      const group = groupIn(small);
      assert.equal((await api.getGroup(group.id, undefined, small)).id, group.id);
      await api.listGroups({ directory: small });
      assert.deepEqual(asked(), ['unknown nested 404', 'get_group flat 200', 'list_groups flat 200']);
      assert.equal(notices.length, 1);
    });

    it('a flat 404 after a nested 404 is "not found", and teaches nothing', async () => {
      const unknown = 'directory_01NOSUCHDIRECTORY0000000000';
      // A server with the routes: the second request is paid until a nested answer shows the route is there.
      const api = noticing();
      const error = await failure(api.listGroups({ directory: unknown }));
      assert.equal(error.kind, 'not_found');
      assert.equal(error.status, 404);
      await api.listGroups({ directory: small });
      await failure(api.listGroups({ directory: unknown }));
      assert.deepEqual(asked(), [
        'list_groups nested 404',
        'list_groups flat 404',
        'list_groups nested 200',
        'list_groups nested 404',
      ]);
      // A server without them: the not-found did not mark the nested route present.
      fake.setNestedRoutes(false);
      fake.clearRequests();
      const emulator = noticing();
      await failure(emulator.listGroups({ directory: unknown }));
      assert.equal((await emulator.listGroups({ directory: small })).data.length, 10);
      await emulator.listGroups({ directory: small });
      assert.deepEqual(asked(), [
        'unknown nested 404',
        'list_groups flat 404',
        'unknown nested 404',
        'list_groups flat 200',
        'list_groups flat 200',
      ]);
      assert.equal(notices.length, 1);
    });

    it('first requests go out together, never waiting on one another, on a server with the routes', async () => {
      fake.setLatency(200);
      const api = client();
      const calls = [small, large, SAMPLE.legacyDirectoryId].map((directory) => api.listGroups({ directory }));
      await waitFor(() => fake.requests.length === 3, 'all three are out');
      assert.ok(
        fake.requests.every((r) => r.status === 0),
        'all three were sent before any answer',
      );
      await Promise.all(calls);
      assert.deepEqual(asked(), ['list_groups nested 200', 'list_groups nested 200', 'list_groups nested 200']);
    });

    it('without the routes: each request already out pays one 404; one that starts while the flat answer is awaited waits for it', async () => {
      fake.setNestedRoutes(false);
      fake.setLatency(100);
      const api = noticing();
      const flatAsked = () => fake.requests.filter((r) => r.route === 'list_groups');
      const first = [small, large, SAMPLE.legacyDirectoryId].map((directory) => api.listGroups({ directory }));
      await waitFor(() => flatAsked().length > 0, 'the first flat request is out');
      assert.equal(flatAsked()[0].status, 0, 'and not answered yet');
      const later = api.listGroups({ directory: SAMPLE.emptyDirectoryId });
      const pages = await Promise.all([...first, later]);
      assert.deepEqual(
        pages.map((page) => page.data.length),
        [10, 10, Math.min(10, groupsOf(SAMPLE.legacyDirectoryId).length), 0],
      );
      assert.equal(fake.requests.filter((r) => r.nested).length, 3, asked().join(', '));
      assert.equal(flatAsked().length, 4);
      await api.listGroups({ directory: small });
      assert.equal(fake.requests.filter((r) => r.nested).length, 3, 'none after');
      assert.equal(notices.length, 1);
    });

    it('a request waiting for that flat answer stops waiting when cancelled', async () => {
      fake.setNestedRoutes(false);
      fake.inject({ kind: 'hang', match: { route: 'list_groups' } });
      const api = client();
      const first = api.listGroups({ directory: small });
      await waitFor(() => fake.requests.some((r) => r.route === 'list_groups'), 'the flat request is out');
      const controller = new AbortController();
      const second = api.listGroups({ directory: large }, controller.signal);
      controller.abort();
      assert.equal((await failure(second)).kind, 'cancelled');
      assert.equal(fake.requests.length, 2, 'the cancelled request was never sent');
      // Released, the flat request is retried and answers.
      fake.clearFaults();
      assert.equal((await first).data.length, 10);
    });

    it('paces /directories/{id}/users like /directory_users: 4 a second per directory, the two together', async () => {
      await withFake({ usersRateLimit: false }, async (paced) => {
        const time = virtualClock();
        const api = new WorkOSClient({ apiKey: KEY, baseUrl: paced.url, clock: time.clock });
        const group = paced.dataset.groups.find((g) => g.directory_id === large)!;
        const answered = () => paced.requests.filter((r) => r.status !== 0).length;
        const calls = [
          ...Array.from({ length: 6 }, () => api.listUsers({ directory: large, limit: 1 })),
          ...Array.from({ length: 3 }, () => api.listUsers({ group: group.id, limit: 1 }, undefined, large)),
          api.listUsers({ directory: small, limit: 1 }),
        ];
        // 4 of `large` and the one of `small` now; the other 5 of `large` wait for the window to pass.
        await waitFor(() => answered() === 5 && time.sleeping() === 5, '5 answered and 5 waiting');
        assert.equal(paced.requests.filter((r) => r.query.directory === large || r.query.group).length, 4);
        time.advance(1049);
        assert.equal(time.sleeping(), 5, 'not before the window has passed');
        time.advance(1);
        await waitFor(() => answered() === 9 && time.sleeping() === 1, '4 more answered, 1 waiting');
        time.advance(1050);
        await Promise.all(calls);
        assert.equal(paced.requests.length, 10);
        assert.equal(paced.requests.filter((r) => r.nested).length, 7);
      });
    });

    it('leaves out list items of another directory, and counts them', async () => {
      const foreign = groupsOf(large).slice(0, 3);
      const expected = (await client().listGroups({ directory: small, limit: 5 })).data.map((g) => g.id);
      fake.inject({ kind: 'extra-items', items: foreign, times: 2, match: { route: 'list_groups' } });
      const api = noticing();
      const first = await api.listGroups({ directory: small, limit: 5 });
      assert.equal(first.dropped, 3);
      assert.deepEqual(
        first.data.map((g) => g.id),
        expected,
        'the rest of the page stays',
      );
      assert.ok(first.after !== null, 'paging goes on');
      const second = await api.listGroups({ directory: small, limit: 5, after: first.after });
      assert.equal(second.dropped, 3);
      assert.equal(second.data.length, 5);
      assert.deepEqual(notices, [
        "The server's /directories/{id}/groups answered with items of another directory than the one asked for (3 on one page); they are left out.",
      ]);
      const clean = await api.listGroups({ directory: small, limit: 5 });
      assert.equal(clean.dropped, 0);
    });

    it('leaves out users whose email is not the one asked for, ignoring case and spaces', async () => {
      const wanted = userIn(small);
      const others = fake.dataset.users.filter((u) => u.directory_id === small && u.id !== wanted.id).slice(0, 2);
      const sameEmail = { ...others[0], id: 'directory_user_01SAMEEMAIL', email: ` ${wanted.email!.toUpperCase()} ` };
      const noEmail = { ...others[1], id: 'directory_user_01NOEMAIL', email: null };
      fake.inject({ kind: 'extra-items', items: [...others, sameEmail, noEmail], match: { route: 'list_users' } });
      const api = noticing();
      const page = await api.listUsers({ directory: small, email: wanted.email!.toUpperCase() });
      assert.deepEqual(
        page.data.map((u) => u.id),
        [wanted.id, sameEmail.id],
      );
      assert.equal(page.dropped, 3);
      assert.deepEqual(notices, [
        "The server's /directories/{id}/users answered with users whose email is not the one asked for (3 on one page); they are left out.",
      ]);
    });

    it('a get through a directory answers only with an object of that directory', async () => {
      const group = groupIn(large);
      fake.inject({ kind: 'json', body: group, match: { route: 'get_group' } });
      const error = await failure(client().getGroup(group.id, undefined, small));
      assert.equal(error.kind, 'not_found');
      assert.match(error.message, new RegExp(`${group.id} is not in the directory ${small}`));
      assert.equal(fake.requests.length, 1, 'not asked again on the flat route');
      // On a server without the routes, the flat answer is checked the same way, and teaches nothing.
      fake.setNestedRoutes(false);
      fake.clearRequests();
      const api = noticing();
      assert.equal((await failure(api.getGroup(group.id, undefined, small))).kind, 'not_found');
      await api.getGroup(group.id, undefined, large);
      assert.deepEqual(asked(), [
        'unknown nested 404',
        'get_group flat 200',
        'unknown nested 404',
        'get_group flat 200',
      ]);
      assert.equal(notices.length, 1);
    });

    it('checks the directory ID before sending', async () => {
      const group = groupIn(small);
      for (const directory of ['directory_01X/../../directory_groups', fake.dataset.groups[0].id, '']) {
        assert.equal((await failure(client().getGroup(group.id, undefined, directory))).kind, 'invalid');
        assert.equal((await failure(client().getUser(userIn(small).id, undefined, directory))).kind, 'invalid');
      }
      assert.equal(fake.requests.length, 0);
    });
  });

  describe('pagination', () => {
    it('follows after to the end of a directory with thousands of groups: every group once, one request a page', async () => {
      const directory = largestDirectory();
      const expected = groupsOf(directory);
      assert.ok(expected.length >= 2500);
      const groups = await collectAll(client().allGroups({ directory, limit: 100 }));
      assert.equal(groups.length, expected.length);
      assert.equal(new Set(groups.map((g) => g.id)).size, expected.length);
      assert.equal(fake.requests.length, Math.ceil(expected.length / 100));
      // Each request's cursor is the last ID of the page before.
      for (let i = 1; i < fake.requests.length; i++) {
        assert.equal(fake.requests[i].query.after, groups[i * 100 - 1].id);
      }
    });

    it('asks for no extra page when the last page ends exactly at the end of the list', async () => {
      const total = SAMPLE.smallDirectoryGroupCount;
      assert.equal(total % 12, 0, 'the sample has a directory that pages of 12 divide');
      const pages = [];
      for await (const page of client().allGroups({ directory: SAMPLE.smallDirectoryId, limit: 12 })) pages.push(page);
      assert.equal(pages.length, total / 12);
      assert.equal(pages.at(-1)!.after, null);
      assert.equal(fake.requests.length, total / 12);
    });

    it('stops with a clear error on a cursor that repeats, without looping', async () => {
      const directory = largestDirectory();
      fake.inject({ kind: 'repeat-cursor', times: Infinity });
      const error = await failure(collectAll(client().allGroups({ directory, limit: 10 })));
      assert.equal(error.kind, 'invalid_response');
      assert.match(error.message, /cursor .* twice/);
      assert.ok(fake.requests.length <= 3, `${fake.requests.length} requests`);
    });

    it('stops on an empty page that claims more follow', async () => {
      fake.inject({
        kind: 'json',
        body: {
          object: 'list',
          data: [],
          list_metadata: { before: null, after: 'directory_group_01EMPTYPAGE000000000000000' },
        },
      });
      const error = await failure(collectAll(client().allGroups({ directory: largestDirectory() })));
      assert.equal(error.kind, 'invalid_response');
      assert.match(error.message, /empty page/);
      assert.equal(fake.requests.length, 1);
    });

    it('collects each item once when a cursor restarts the list (as WorkOS’s emulator does for a deleted cursor)', async () => {
      const directory = SAMPLE.smallDirectoryId;
      const expected = await collectAll(client().allGroups({ directory, limit: 5 }));
      const [first, second] = [expected.slice(0, 5), expected.slice(5, 10)];
      // The cursor of page 1 was deleted: the answer is page 1 again without it, and a new cursor.
      fake.inject({
        kind: 'json',
        body: { object: 'list', data: [...first.slice(0, 4), second[0]], list_metadata: { after: second[0].id } },
        match: { query: { after: first[4].id } },
      });
      const collected = await collectAll(client().allGroups({ directory, limit: 5 }));
      assert.deepEqual(
        collected.map((group) => group.id),
        expected.map((group) => group.id),
      );
    });

    it('stops with a clear error on a page that brings nothing new under a new cursor', async () => {
      const directory = SAMPLE.smallDirectoryId;
      const firstPage = await client().listGroups({ directory, limit: 5 });
      fake.clearRequests();
      fake.inject({
        kind: 'json',
        body: { object: 'list', data: firstPage.data, list_metadata: { after: 'directory_group_01NEWCURSOR' } },
        match: { query: { after: firstPage.after! } },
      });
      const error = await failure(collectAll(client().allGroups({ directory, limit: 5 })));
      assert.equal(error.kind, 'invalid_response');
      assert.match(error.message, /5 items .*all on earlier pages/);
      assert.equal(fake.requests.length, 2);
    });

    it('stops at 200 pages on a cursor that changes on every page and never ends', async () => {
      // 250 pages rather than Infinity: a collector without a cap then fails instead of running on.
      fake.inject({ kind: 'endless-list', item: fake.dataset.groups[0], times: 250 });
      const error = await failure(collectAll(client().allGroups({ directory: largestDirectory(), limit: 100 })));
      assert.equal(error.kind, 'invalid_response');
      assert.match(error.message, /limit of 200 pages/);
      assert.match(error.message, /200 items were collected/);
      assert.equal(fake.requests.length, 200);
    });

    it('stops at 10,000 items, and both limits can be set', async () => {
      let pagesRead = 0;
      /** Pages that claim more follow; ends after 500, so a collector without a cap fails, not hangs. */
      async function* endless(size: number): AsyncGenerator<Page<{ id: string }>> {
        for (let page = 0; page < 500; page++) {
          pagesRead++;
          const data = Array.from({ length: size }, (_, i) => ({ id: `directory_group_01P${page}I${i}` }));
          yield { data, before: null, after: page === 499 ? null : data.at(-1)!.id, dropped: 0 };
        }
      }
      const error = await failure(collectAll(endless(100)));
      assert.match(error.message, /limit of 10,000 items/);
      assert.match(error.message, /10,000 items were collected/);
      assert.ok(pagesRead <= 101, `${pagesRead} pages read`);
      pagesRead = 0;
      assert.match((await failure(collectAll(endless(10), { maxItems: 25 }))).message, /limit of 25 items/);
      assert.equal(pagesRead, 3);
      pagesRead = 0;
      assert.match((await failure(collectAll(endless(10), { maxPages: 4 }))).message, /limit of 4 pages: 40 items/);
      assert.equal(pagesRead, 4);
    });

    it('a list of exactly 10,000 items is not cut', async () => {
      async function* pages(): AsyncGenerator<Page<{ id: string }>> {
        for (let page = 0; page < 100; page++) {
          const data = Array.from({ length: 100 }, (_, i) => ({ id: `directory_group_01P${page}I${i}` }));
          yield { data, before: null, after: page === 99 ? null : data.at(-1)!.id, dropped: 0 };
        }
      }
      assert.equal((await collectAll(pages())).length, 10_000);
    });

    it('treats missing list_metadata keys as null', async () => {
      fake.inject({
        kind: 'json',
        body: { object: 'list', data: [{ id: 'directory_01X', name: 'x' }], list_metadata: {} },
      });
      const page = await client().listDirectories();
      assert.deepEqual([page.before, page.after], [null, null]);
    });
  });

  describe('errors', () => {
    it('401: unauthorized, with status and request ID, and never the key', async () => {
      const error = await failure(
        new WorkOSClient({
          apiKey: 'sk_test_wrong_key_987654',
          baseUrl: fake.url,
          sleep: async () => {},
        }).listDirectories(),
      );
      assert.equal(error.kind, 'unauthorized');
      assert.equal(error.status, 401);
      assert.equal(error.requestId, fake.requests[0].requestId);
      assert.match(error.message, /API key was rejected/);
      assert.ok(!error.message.includes('sk_test_wrong_key_987654'));
      assert.equal(fake.requests.length, 1, 'a 401 is not retried');
    });

    const statuses: Array<[number, string]> = [
      [400, 'invalid'],
      [403, 'forbidden'],
      [404, 'not_found'],
      [422, 'invalid'],
    ];
    for (const [status, kind] of statuses) {
      it(`${status}: ${kind}, not retried`, async () => {
        fake.inject({ kind: 'status', status });
        const error = await failure(client().listDirectories());
        assert.equal(error.kind, kind);
        assert.equal(error.status, status);
        assert.ok(error.requestId?.length);
        assert.equal(fake.requests.length, 1);
      });
    }

    it('404 for an unknown group keeps the API message', async () => {
      const error = await failure(client().getGroup('directory_group_01AAAAAAAAAAAAAAAAAAAAAAAA'));
      assert.equal(error.kind, 'not_found');
      assert.match(error.message, /directory_group_01AAAAAAAAAAAAAAAAAAAAAAAA/);
    });

    it('a server echoing the key in its message has it redacted', async () => {
      fake.inject({
        kind: 'status',
        status: 400,
        body: JSON.stringify({ message: `Header was Bearer ${KEY}`, code: 'x' }),
      });
      const error = await failure(client().listDirectories());
      assert.ok(!error.message.includes(KEY));
      assert.match(error.message, /\[redacted\]/);
    });

    const escapings: Array<[string, (key: string) => string]> = [
      ['its first letter \\u-escaped', (key) => `\\u${key.charCodeAt(0).toString(16).padStart(4, '0')}${key.slice(1)}`],
      [
        'every character \\u-escaped',
        (key) => [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
      ],
      ['its underscores written \\u005f', (key) => key.replaceAll('_', '\\u005f')],
    ];
    for (const [label, escape] of escapings) {
      it(`a server echoing the key JSON-escaped (${label}) has it redacted after decoding`, async () => {
        const echoed = escape(KEY);
        assert.equal(JSON.parse(`"${echoed}"`), KEY);
        fake.inject({
          kind: 'status',
          status: 400,
          body: `{"message":"Header was Bearer ${echoed}","code":"bad_key_${echoed}"}`,
        });
        const error = await failure(client().listDirectories());
        assert.equal(error.kind, 'invalid');
        assert.ok(!error.message.includes(KEY), error.message);
        assert.match(error.message, /Header was Bearer \[redacted\]/);
        assert.ok(!error.code?.includes(KEY), error.code);
      });
    }

    it('a key with a slash, echoed with the slash escaped as \\/, is redacted after decoding', async () => {
      const key = 'sk_test_with/slash_0123456789';
      fake.inject({
        kind: 'status',
        status: 422,
        body: JSON.stringify({ message: `Key ${key} is odd` }).replace('/', '\\/'),
      });
      const error = await failure(client({ apiKey: key }).listDirectories());
      assert.equal(error.kind, 'invalid');
      assert.ok(!error.message.includes(key), error.message);
      assert.match(error.message, /Key \[redacted\] is odd/);
    });

    it('a body that is not JSON: invalid_response', async () => {
      fake.inject({ kind: 'malformed' });
      const error = await failure(client().listDirectories());
      assert.equal(error.kind, 'invalid_response');
      assert.match(error.message, /not JSON/);
    });

    const wrongShapes: Array<[string, unknown]> = [
      ['data missing', { object: 'list', list_metadata: {} }],
      ['data not an array', { object: 'list', data: {}, list_metadata: {} }],
      ['an item without id', { object: 'list', data: [{ name: 'x' }], list_metadata: {} }],
      ['not an object', 'Ratelimited'],
    ];
    for (const [label, body] of wrongShapes) {
      it(`a list with ${label}: invalid_response`, async () => {
        fake.inject({ kind: 'json', body });
        assert.equal((await failure(client().listDirectories())).kind, 'invalid_response');
      });
    }

    it('a single object without id: invalid_response', async () => {
      fake.inject({ kind: 'json', body: { object: 'directory_group' } });
      assert.equal((await failure(client().getGroup(fake.dataset.groups[0].id))).kind, 'invalid_response');
    });

    const badIds = ['directory_01X\nInjected: line', 'directory_01X/../directories', 'x'.repeat(129), '', 'not an id'];
    for (const id of badIds) {
      it(`a list item whose id is not a WorkOS ID (${JSON.stringify(id.slice(0, 20))}): invalid_response, quoted`, async () => {
        fake.inject({
          kind: 'json',
          body: { object: 'list', data: [fake.dataset.directories[0], { id, name: 'x' }], list_metadata: {} },
        });
        const error = await failure(client().listDirectories());
        assert.equal(error.kind, 'invalid_response');
        assert.match(error.message, /not a WorkOS ID/);
        assert.ok(!/\p{Cc}/u.test(error.message), `no raw line break: ${JSON.stringify(error.message)}`);
        assert.ok(error.message.length < 300, 'at most a short prefix of the value');
      });

      it(`a by-ID object whose id is not a WorkOS ID (${JSON.stringify(id.slice(0, 20))}): invalid_response`, async () => {
        fake.inject({ kind: 'json', body: { ...fake.dataset.groups[0], id } });
        const error = await failure(client().getGroup(fake.dataset.groups[0].id));
        assert.equal(error.kind, 'invalid_response');
        assert.match(error.message, /not a WorkOS ID/);
      });
    }

    it('a by-ID object with another ID than the one asked for: invalid_response naming both', async () => {
      const [asked, other] = fake.dataset.groups;
      fake.inject({ kind: 'json', body: other });
      const error = await failure(client().getGroup(asked.id));
      assert.equal(error.kind, 'invalid_response');
      assert.ok(error.message.includes(asked.id) && error.message.includes(other.id), error.message);
    });

    it('a redirect is not followed, so the key never reaches the other origin', async () => {
      const other = await startFakeWorkOS({ apiKeys: [KEY] });
      try {
        fake.inject({ kind: 'redirect', location: `${other.url}/directories` });
        const error = await failure(client().listDirectories());
        assert.equal(error.kind, 'invalid_response');
        assert.match(error.message, /redirect/);
        assert.equal(other.requests.length, 0);
      } finally {
        await other.close();
      }
    });

    it('a response that never comes: timeout after the per-request limit, not retried', async () => {
      fake.inject({ kind: 'hang' });
      const error = await failure(client({ timeoutMs: 300 }).listDirectories());
      assert.equal(error.kind, 'timeout');
      assert.equal(fake.requests.length, 1);
    });

    it('a reset connection: network error after 3 retries', async () => {
      fake.inject({ kind: 'reset', times: Infinity });
      const error = await failure(client().listDirectories());
      assert.equal(error.kind, 'network');
      assert.equal(fake.requests.length, 4);
      assert.match(error.message, /Could not reach WorkOS/);
    });

    it('the client itself shows no key: not serialised, inspected or through its own properties', () => {
      const subject = client();
      assert.ok(!JSON.stringify(subject).includes(KEY), 'JSON.stringify');
      assert.ok(!inspect(subject, { showHidden: true, depth: 10 }).includes(KEY), 'util.inspect');
      for (const name of Reflect.ownKeys(subject)) {
        const value: unknown = Reflect.get(subject, name);
        assert.ok(!inspect(value, { showHidden: true, depth: 10 }).includes(KEY), `property ${String(name)}`);
      }
      assert.ok(!inspect(Object.values(subject), { showHidden: true, depth: 10 }).includes(KEY), 'Object.values');
    });

    it('refuses a non-https base URL before sending anything', () => {
      assert.throws(() => new WorkOSClient({ apiKey: KEY, baseUrl: 'http://example.com' }), /must use https/);
      assert.throws(() => new WorkOSClient({ apiKey: '  ', baseUrl: fake.url }), /No API key/);
    });
  });

  describe('request IDs', () => {
    const valid = ['req_01:Ab.c-d', 'r'.repeat(128)];
    for (const requestId of valid) {
      it(`keeps an X-Request-ID such as ${JSON.stringify(requestId.slice(0, 20))} (${requestId.length} characters)`, async () => {
        fake.inject({ kind: 'request-id', requestId, times: Infinity });
        records.length = 0;
        assert.equal((await client().listDirectories()).requestId, requestId);
        assert.equal(records[0].requestId, requestId);
      });
    }

    const odd = ['', 'r'.repeat(129), 'req 1', 'req_1, req_2', 'req_<b>', 'req_"x"', 'req_é', 'req/1'];
    for (const requestId of odd) {
      it(`leaves out an X-Request-ID that does not look like one: ${JSON.stringify(requestId.slice(0, 20))}`, async () => {
        fake.inject({ kind: 'request-id', requestId, times: Infinity });
        records.length = 0;
        assert.equal((await client().listDirectories()).requestId, undefined, 'a page');
        const error = await failure(client().getGroup('directory_group_01AAAAAAAAAAAAAAAAAAAAAAAA'));
        assert.equal(error.status, 404);
        assert.equal(error.requestId, undefined, 'an error');
        assert.deepEqual(
          records.map((record) => record.requestId),
          [undefined, undefined],
          'the request records',
        );
      });
    }
  });

  describe('retries', () => {
    for (const status of [408, 500, 502, 503, 504]) {
      it(`${status} once, then success: recovered with one retry`, async () => {
        fake.inject({ kind: 'status', status });
        const page = await client().listDirectories();
        assert.ok(page.data.length > 0);
        assert.equal(fake.requests.length, 2);
        assert.equal(waits.length, 1);
      });
    }

    it('5xx always: gives up after 3 retries with backoff growing per attempt', async () => {
      fake.inject({ kind: 'status', status: 503, times: Infinity });
      const attempts: number[] = [];
      const error = await failure(
        client({ backoffMs: (attempt) => (attempts.push(attempt), attempt * 10) }).listDirectories(),
      );
      assert.equal(error.kind, 'server');
      assert.equal(error.status, 503);
      assert.equal(fake.requests.length, 4);
      assert.deepEqual(attempts, [1, 2, 3]);
      assert.deepEqual(waits, [10, 20, 30]);
    });

    it('429 with Retry-After in seconds waits that long', async () => {
      fake.inject({ kind: 'status', status: 429, retryAfter: '7' });
      await client().listDirectories();
      assert.deepEqual(waits, [7000]);
    });

    it('429 with Retry-After as an HTTP date waits until then', async () => {
      fake.inject({ kind: 'status', status: 429, retryAfter: new Date(Date.now() + 5000).toUTCString() });
      await client().listDirectories();
      assert.equal(waits.length, 1);
      assert.ok(waits[0] >= 3000 && waits[0] <= 6000, `waited ${waits[0]}`);
    });

    it('429 with a fractional Retry-After waits the next whole second', async () => {
      fake.inject({ kind: 'status', status: 429, retryAfter: '3.5' });
      await client({ backoffMs: () => 123 }).listDirectories();
      assert.deepEqual(waits, [4000]);
    });

    for (const value of ['-1', '-0.5', '1e3', 'soon', '3.5.1']) {
      it(`429 with Retry-After ${JSON.stringify(value)} falls back to the normal backoff`, async () => {
        fake.inject({ kind: 'status', status: 429, retryAfter: value });
        await client({ backoffMs: () => 123 }).listDirectories();
        assert.deepEqual(waits, [123]);
      });
    }

    it('429 with an absurd Retry-After is capped at 60 s', async () => {
      fake.inject({ kind: 'status', status: 429, retryAfter: '86400' });
      await client().listDirectories();
      assert.deepEqual(waits, [60_000]);
    });

    it('429 without Retry-After falls back to backoff; exhausted, it reports rate_limited', async () => {
      fake.inject({ kind: 'status', status: 429, times: Infinity });
      const error = await failure(client({ backoffMs: () => 1 }).listDirectories());
      assert.equal(error.kind, 'rate_limited');
      assert.deepEqual(waits, [1, 1, 1]);
    });

    it('the default backoff grows with the attempt and never exceeds 8 s, whatever the jitter', () => {
      const random = Math.random;
      try {
        for (const jitter of [0, 0.5, 1 - Number.EPSILON]) {
          Math.random = () => jitter;
          const values = Array.from({ length: 20 }, (_, i) => defaultBackoffMs(i + 1));
          for (const [i, value] of values.entries()) {
            assert.ok(value >= 250 && value <= 8000, `attempt ${i + 1}, jitter ${jitter}: ${value} ms`);
            if (i > 0) assert.ok(value >= values[i - 1], `attempt ${i + 1} waits less than the one before`);
          }
          assert.ok(values[0] <= 750, `the first retry waits ${values[0]} ms`);
        }
      } finally {
        Math.random = random;
      }
    });
  });

  describe('answer size', () => {
    const MB = 1024 * 1024;
    const list = (data: unknown[]) => ({ object: 'list', data, list_metadata: { before: null, after: null } });

    it('refuses an answer larger than maxResponseBytes: invalid_response, not retried', async () => {
      const directory = { ...fake.dataset.directories[0], blob: 'x'.repeat(2 * MB) };
      fake.inject({ kind: 'json', body: list([directory]), times: Infinity });
      const error = await failure(client({ maxResponseBytes: MB }).listDirectories());
      assert.equal(error.kind, 'invalid_response');
      assert.match(error.message, /^WorkOS sent an answer larger than 1 MB; stopped reading it\./);
      assert.equal(error.status, 200);
      assert.ok(error.requestId);
      assert.equal(fake.requests.length, 1);
    });

    it('reads an answer of exactly maxResponseBytes', async () => {
      const json = JSON.stringify(list([fake.dataset.directories[0]]));
      fake.inject({ kind: 'malformed', body: json.padEnd(100_000, ' '), times: 2 });
      assert.equal((await client({ maxResponseBytes: 100_000 }).listDirectories()).data.length, 1);
      assert.equal((await failure(client({ maxResponseBytes: 99_999 }).listDirectories())).kind, 'invalid_response');
    });

    it('measures the decoded size: a small gzip answer that expands past the limit is refused', async () => {
      fake.inject({ kind: 'gzip', body: list([fake.dataset.directories[0]]), padTo: 4 * MB });
      const error = await failure(client({ maxResponseBytes: MB }).listDirectories());
      assert.equal(error.kind, 'invalid_response');
      assert.match(error.message, /larger than 1 MB/);
      fake.inject({ kind: 'gzip', body: list([fake.dataset.directories[0]]), padTo: MB / 2 });
      assert.equal((await client({ maxResponseBytes: MB }).listDirectories()).data.length, 1, 'under the limit');
    });

    it('the default limit is 32 MB, for error answers too', async function () {
      this.timeout(10_000);
      fake.inject({ kind: 'gzip', body: list([]), padTo: 33 * MB });
      assert.match((await failure(client().listDirectories())).message, /larger than 32 MB/);
      fake.inject({ kind: 'status', status: 400, body: ' '.repeat(33 * MB) });
      assert.match((await failure(client().listDirectories())).message, /larger than 32 MB/);
    });

    it('stops reading at the limit: a body that never ends is refused at once, and the connection closed', async () => {
      let closed: () => void;
      const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
      const endless = await startFakeWorkOS({ apiKeys: [KEY], onRequest: () => closed() });
      try {
        endless.inject({ kind: 'endless-body' });
        const started = Date.now();
        const error = await failure(
          client({ baseUrl: endless.url, maxResponseBytes: MB, timeoutMs: 3000 }).listDirectories(),
        );
        assert.equal(error.kind, 'invalid_response', error.message);
        assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
        await connectionClosed;
      } finally {
        await endless.close();
      }
    });

    it('a body that trickles in past the per-attempt timeout: timeout', async () => {
      fake.inject({ kind: 'endless-body', chunkBytes: 16, intervalMs: 50 });
      const started = Date.now();
      const error = await failure(client({ timeoutMs: 300 }).listDirectories());
      assert.equal(error.kind, 'timeout');
      assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
    });

    it('aborting while the body arrives rejects at once', async () => {
      fake.inject({ kind: 'endless-body', chunkBytes: 16, intervalMs: 50 });
      // The fetch under the client publishes on this channel when an answer's headers arrive: from
      // then on the client is reading the body, which the fake keeps sending.
      let headersIn = false;
      const onHeaders = (message: unknown) => {
        if ((message as { request: { origin?: string } }).request.origin === fake.url) headersIn = true;
      };
      diagnostics.subscribe('undici:request:headers', onHeaders);
      try {
        const controller = new AbortController();
        const failed = failure(client({ timeoutMs: 20_000 }).listDirectories({}, controller.signal));
        await waitFor(() => headersIn, 'the headers of the endless answer have reached the client');
        assert.equal(fake.requests[0].status, 200, 'the fake is sending the body');
        const started = Date.now();
        controller.abort();
        assert.equal((await failed).kind, 'cancelled');
        assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
      } finally {
        diagnostics.unsubscribe('undici:request:headers', onHeaders);
      }
    });
  });

  describe('cancellation', () => {
    it('an aborted signal sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      assert.equal((await failure(client().listDirectories({}, controller.signal))).kind, 'cancelled');
      assert.equal(fake.requests.length, 0);
    });

    it('aborting a request in flight rejects at once', async () => {
      fake.inject({ kind: 'hang' });
      const controller = new AbortController();
      const failed = failure(client({ timeoutMs: 20_000 }).listDirectories({}, controller.signal));
      await waitFor(() => fake.requests.length === 1, 'the request has reached the fake, which holds it');
      const started = Date.now();
      controller.abort();
      assert.equal((await failed).kind, 'cancelled');
      assert.ok(Date.now() - started < 2000);
    });

    it('aborting during a retry wait stops waiting at once', async () => {
      fake.inject({ kind: 'status', status: 503, times: Infinity });
      const controller = new AbortController();
      // The client's own wait between attempts, not an injected one: what is tested is that it ends
      // on the abort.
      const attempts: RequestRecord[] = [];
      const slow = new WorkOSClient({
        apiKey: KEY,
        baseUrl: fake.url,
        backoffMs: () => 30_000,
        onRequest: (record) => attempts.push(record),
      });
      const failed = failure(slow.listDirectories({}, controller.signal));
      // The attempt is logged once its 503 is read; the client then goes straight (no I/O between) to
      // the 30 s wait, so by the next poll it is waiting.
      await waitFor(() => attempts.length === 1, 'the first attempt has been answered 503');
      assert.equal(attempts[0].status, 503);
      const started = Date.now();
      controller.abort();
      assert.equal((await failed).kind, 'cancelled');
      assert.ok(Date.now() - started < 2000);
      assert.equal(fake.requests.length, 1);
    });
  });

  describe('bad input never reaches the server', () => {
    const badIds = [
      '',
      ' ',
      '../directories',
      '..',
      '%2e%2e',
      '?limit=1',
      '#x',
      'directory_group_01Е1',
      'x'.repeat(10_000),
      'directory_user_01E1JG7J09H96KYP8HM9B0G5SJ',
    ];
    for (const id of badIds) {
      it(`getGroup(${JSON.stringify(id.slice(0, 24))}) is refused with what a valid ID looks like`, async () => {
        const error = await failure(client().getGroup(id));
        assert.equal(error.kind, 'invalid');
        assert.match(error.message, /directory_group_/);
        assert.equal(fake.requests.length, 0);
      });
    }

    it('list filters and cursors are validated too', async () => {
      await failure(client().listGroups({ directory: 'directory_01X/../../directories' }));
      await failure(client().listGroups({ directory: fake.dataset.directories[0].id, after: 'x&limit=1' }));
      await failure(client().listGroups({ user: 'directory_group_01X' }));
      await failure(client().listGroups({} as never));
      await failure(client().listDirectories({ limit: 101 }));
      await failure(client().listDirectories({ limit: 0 }));
      assert.equal(fake.requests.length, 0);
    });
  });

  describe('afterwards', () => {
    it('the key appears in no error message, record or serialised error of this suite', () => {
      assert.ok(errorsSeen.length >= 30, `${errorsSeen.length} errors collected`);
      for (const error of errorsSeen) {
        const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
        assert.ok(!text.includes(KEY), text);
      }
      assert.ok(!JSON.stringify(records).includes(KEY));
    });
  });
});

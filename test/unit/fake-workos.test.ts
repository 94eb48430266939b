// Tests of the fake WorkOS API, over real HTTP, against the API as WorkOS documents it
// (https://workos.com/docs/reference, https://github.com/workos/openapi-spec).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { FakeControl } from '../fake-workos/control';
import {
  type Dataset,
  type DirectoryGroup,
  deleteDirectory,
  generatedDataset,
  SAMPLE,
  sampleDataset,
} from '../fake-workos/dataset';
import { type FakeWorkOS, type FakeWorkOSOptions, faultFromJson, startFakeWorkOS } from '../fake-workos/server';
import { waitFor } from '../wait-for';

const KEY = 'sk_test_demo';
const AUTH = { authorization: `Bearer ${KEY}` };
const ULID_ID = /^(directory|directory_group|directory_grp|directory_user|org)_01[0-9A-HJKMNP-TV-Z]{24}$/;

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** Undefined when the body is not JSON; the fields the tests read, whichever kind of answer it is. */
  body: Body;
}

type Item = {
  id: string;
  created_at: string;
  name: string;
  state: string;
  organization_id: string;
  [field: string]: unknown;
};
interface Body {
  object?: string;
  data: Item[];
  list_metadata: { before: string | null; after: string | null };
  code?: string;
  message?: string;
  errors?: Array<{ field: string; code: string }>;
  metadata: { groups?: number };
  groups: Array<{ id: string }>;
  [field: string]: unknown;
}

async function call(base: FakeWorkOS, path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(base.url + path, {
    ...init,
    headers: { ...AUTH, ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: body as Body };
}

/** Sends the path byte for byte: fetch would resolve `..` segments before sending. */
function rawGet(base: FakeWorkOS, path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: base.port, path, headers: AUTH, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Follows `after` from the first page; returns every page's body. */
async function allPages(base: FakeWorkOS, path: string): Promise<Reply['body'][]> {
  const pages = [];
  let after: string | null = null;
  do {
    const reply: Reply = await call(base, after === null ? path : `${path}&after=${after}`);
    assert.equal(reply.status, 200, reply.text);
    pages.push(reply.body);
    after = reply.body.list_metadata.after;
  } while (after !== null);
  return pages;
}

const ids = (list: { data: Array<{ id: string }> }) => list.data.map((item) => item.id);
const sortedDesc = (items: Array<{ id: string; created_at: string }>) =>
  [...items]
    .sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1))
    .map((item) => item.id);

describe('fake WorkOS API', function () {
  this.timeout(5000);
  let fake: FakeWorkOS;
  const reference = sampleDataset();
  const groupsOf = (directoryId: string) => reference.groups.filter((group) => group.directory_id === directoryId);

  before(async () => {
    fake = await startFakeWorkOS({ usersRateLimit: false });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.clearFaults();
    fake.setLatency(0);
    fake.setApiKeys([KEY]);
    fake.clearRequests();
  });

  /** A separate fake for tests that change data or need other options; by default the sample with a 30-group large directory. */
  async function withFake(options: FakeWorkOSOptions, test: (other: FakeWorkOS) => Promise<void>): Promise<void> {
    const other = await startFakeWorkOS({ dataset: sampleDataset({ largeDirectoryGroups: 30 }), ...options });
    try {
      await test(other);
    } finally {
      await other.close();
    }
  }

  describe('authentication and headers', () => {
    for (const [label, headers] of [
      ['no key', {}],
      ['an unknown key', { authorization: 'Bearer sk_test_wrong' }],
      ['a Basic header', { authorization: `Basic ${KEY}` }],
    ] as const) {
      it(`answers 401 with a request ID for ${label}`, async () => {
        const response = await fetch(`${fake.url}/directories`, { headers });
        assert.equal(response.status, 401);
        assert.deepEqual(await response.json(), { message: 'Unauthorized', code: 'unauthorized' });
        assert.match(response.headers.get('x-request-id') ?? '', /^req_[0-9a-f-]{36}$/);
        assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
      });
    }

    it('checks the key before the path', async () => {
      const response = await fetch(`${fake.url}/no/such/path`);
      assert.equal(response.status, 401);
    });

    it('echoes an incoming X-Request-ID', async () => {
      const reply = await call(fake, '/directories', { headers: { 'x-request-id': 'req_from_client' } });
      assert.equal(reply.headers.get('x-request-id'), 'req_from_client');
    });

    it('rejects a key revoked mid-run', async () => {
      assert.equal((await call(fake, '/directories')).status, 200);
      fake.setApiKeys(['sk_test_other']);
      assert.equal((await call(fake, '/directories')).status, 401);
    });
  });

  describe('directories', () => {
    it('lists all seven, newest first, with default limit 10 and null cursors', async () => {
      const { status, body } = await call(fake, '/directories');
      assert.equal(status, 200);
      assert.deepEqual(Object.keys(body), ['object', 'data', 'list_metadata']);
      assert.equal(body.object, 'list');
      assert.deepEqual(body.list_metadata, { before: null, after: null });
      assert.deepEqual(ids(body), sortedDesc(reference.directories));
      assert.equal(body.data.length, 7);
    });

    it('sends the wire shape in the documented key order, with wire states', async () => {
      const { body } = await call(fake, `/directories/${SAMPLE.largeDirectoryId}`);
      assert.deepEqual(Object.keys(body), [
        'object',
        'id',
        'organization_id',
        'external_key',
        'type',
        'state',
        'name',
        'domain',
        'metadata',
        'created_at',
        'updated_at',
      ]);
      assert.equal(body.object, 'directory');
      assert.equal(body.state, 'linked');
      assert.deepEqual(body.metadata.groups, SAMPLE.largeDirectoryGroupCount);
      const states = (await call(fake, '/directories')).body.data.map((d: { state: string }) => d.state).sort();
      assert.deepEqual(states, [
        'invalid_credentials',
        'linked',
        'linked',
        'linked',
        'linked',
        'unlinked',
        'validating',
      ]);
    });

    it('filters by organization_id, search (case-insensitive substring of the name) and domain', async () => {
      const [brightline] = SAMPLE.organizationIds;
      const byOrg = await call(fake, `/directories?organization_id=${brightline}`);
      assert.deepEqual(
        byOrg.body.data.map((d: { organization_id: string }) => d.organization_id),
        [brightline, brightline, brightline],
      );
      const bySearch = await call(fake, '/directories?search=KESTREL%20r');
      assert.deepEqual(
        bySearch.body.data.map((d: { name: string }) => d.name),
        ['Kestrel Research SCIM'],
      );
      const byDomain = await call(fake, '/directories?domain=brightline.io');
      assert.deepEqual(ids(byDomain.body), [SAMPLE.largeDirectoryId]);
      const unknownOrg = await call(fake, '/directories?organization_id=org_01NOPE');
      assert.deepEqual(unknownOrg.body.data, []);
    });

    it('pages with limit 3 in both orders', async () => {
      const desc = (await allPages(fake, '/directories?limit=3')).flatMap(ids);
      const asc = (await allPages(fake, '/directories?limit=3&order=asc')).flatMap(ids);
      assert.deepEqual(desc, sortedDesc(reference.directories));
      assert.deepEqual(asc, [...desc].reverse());
    });

    it('answers 404 entity_not_found for an unknown ID', async () => {
      const reply = await call(fake, '/directories/directory_01NOPE');
      assert.equal(reply.status, 404);
      assert.deepEqual(reply.body, { message: "Directory not found: 'directory_01NOPE'.", code: 'entity_not_found' });
    });
  });

  describe('organizations', () => {
    const [brightline, kestrel] = SAMPLE.organizationIds;

    it('gets one by ID in the documented shape, with its verified domains', async () => {
      const reply = await call(fake, `/organizations/${brightline}`);
      assert.equal(reply.status, 200);
      assert.deepEqual(Object.keys(reply.body), [
        'object',
        'id',
        'name',
        'allow_profiles_outside_organization',
        'domains',
        'created_at',
        'updated_at',
      ]);
      assert.equal(reply.body.object, 'organization');
      assert.equal(reply.body.id, brightline);
      assert.equal(reply.body.name, 'Brightline Logistics');
      assert.equal(reply.body.allow_profiles_outside_organization, false);
      const domains = reply.body.domains as Array<Record<string, unknown>>;
      assert.deepEqual(
        domains.map((domain) => domain.domain),
        ['brightline.io', 'brightline.co.uk'],
      );
      for (const domain of domains) {
        assert.deepEqual(Object.keys(domain), ['object', 'id', 'domain', 'state', 'verification_strategy']);
        assert.equal(domain.object, 'organization_domain');
        assert.match(String(domain.id), /^org_domain_01[0-9A-HJKMNP-TV-Z]{24}$/);
        assert.equal(domain.state, 'verified');
        assert.equal(domain.verification_strategy, 'dns');
      }
      assert.equal(fake.requests[0].route, 'get_organization');
    });

    it("names every directory's organization, as SAMPLE.organizationNames says", async () => {
      assert.deepEqual(Object.keys(SAMPLE.organizationNames), [brightline, kestrel]);
      assert.equal(SAMPLE.organizationNames[kestrel], 'Kestrel Analytics');
      for (const organizationId of new Set(reference.directories.map((d) => d.organization_id))) {
        const reply = await call(fake, `/organizations/${organizationId}`);
        assert.equal(reply.status, 200, organizationId);
        assert.equal(reply.body.name, SAMPLE.organizationNames[organizationId]);
      }
    });

    it('answers 404 entity_not_found for an unknown or bad ID, 400 for a query', async () => {
      const unknown = await call(fake, '/organizations/org_01NOPE');
      assert.equal(unknown.status, 404);
      assert.deepEqual(unknown.body, { message: "Organization not found: 'org_01NOPE'.", code: 'entity_not_found' });
      for (const [raw, id] of [
        [SAMPLE.largeDirectoryId, SAMPLE.largeDirectoryId], // another kind of object
        ['not%20an%20id', 'not an id'],
        ['..%2Fdirectories', '../directories'],
        [brightline.toLowerCase(), brightline.toLowerCase()],
      ]) {
        const reply = await rawGet(fake, `/organizations/${raw}`);
        assert.equal(reply.status, 404, raw);
        assert.deepEqual(reply.body, { message: `Organization not found: '${id}'.`, code: 'entity_not_found' });
      }
      assert.equal((await rawGet(fake, '/organizations/%E0%A4%A')).status, 404);
      assert.deepEqual(
        fake.requests.map((r) => r.route),
        Array(6).fill('get_organization'),
      );
      const withQuery = await call(fake, `/organizations/${brightline}?include=domains`);
      assert.equal(withQuery.status, 400);
      assert.deepEqual(withQuery.body.errors, [{ field: 'include', code: 'unknown_parameter' }]);
      for (const path of ['/organizations/', `/organizations/${brightline}/domains`]) {
        const reply = await rawGet(fake, path);
        assert.equal(reply.status, 404, path);
        assert.equal((reply.body as { code: string }).code, 'not_found');
      }
      assert.equal((await call(fake, `/organizations/${brightline}`, { method: 'DELETE' })).status, 404);
    });

    it('lists them newest first, pages with limit 1 both ways, and validates parameters', async () => {
      const all = await call(fake, '/organizations');
      assert.equal(all.status, 200);
      assert.deepEqual(Object.keys(all.body), ['object', 'data', 'list_metadata']);
      assert.deepEqual(ids(all.body), [kestrel, brightline]);
      assert.deepEqual(all.body.list_metadata, { before: null, after: null });
      assert.deepEqual(all.body.data[0], (await call(fake, `/organizations/${kestrel}`)).body);
      const desc = await allPages(fake, '/organizations?limit=1');
      assert.deepEqual(desc.map(ids), [[kestrel], [brightline]]);
      assert.deepEqual(desc[0].list_metadata, { before: null, after: kestrel });
      assert.deepEqual(desc[1].list_metadata, { before: brightline, after: null });
      assert.deepEqual((await allPages(fake, '/organizations?limit=1&order=asc')).flatMap(ids), [brightline, kestrel]);
      const back = await call(fake, `/organizations?limit=1&before=${brightline}`);
      assert.deepEqual(ids(back.body), [kestrel]);
      assert.deepEqual(back.body.list_metadata, { before: null, after: kestrel });
      assert.ok(fake.requests.every((r) => r.route === 'list_organizations' || r.route === 'get_organization'));
      assert.equal(fake.requests[0].route, 'list_organizations');
      for (const [query, errors] of [
        ['limit=0', [{ field: 'limit', code: 'invalid_value' }]],
        ['order=up', [{ field: 'order', code: 'invalid_value' }]],
        ['domains=brightline.io', [{ field: 'domains', code: 'unknown_parameter' }]],
        [`after=${SAMPLE.largeDirectoryId}`, [{ field: 'after', code: 'invalid_cursor' }]],
        [`before=${brightline}&after=${kestrel}`, [{ field: 'before', code: 'conflicts_with_after' }]],
      ] as const) {
        const reply = await call(fake, `/organizations?${query}`);
        assert.equal(reply.status, 400, query);
        assert.deepEqual(reply.body.errors, errors, query);
      }
    });

    it('needs the key, and takes faults and latency like the other routes', async () => {
      const response = await fetch(`${fake.url}/organizations/${brightline}`);
      assert.equal(response.status, 401);
      assert.equal((await fetch(`${fake.url}/organizations`)).status, 401);
      fake.inject({ kind: 'status', status: 503, match: { path: /^\/organizations\// } });
      assert.equal((await call(fake, '/organizations')).status, 200);
      assert.equal((await call(fake, `/organizations/${brightline}`)).status, 503);
      assert.equal((await call(fake, `/organizations/${brightline}`)).status, 200);
      fake.setLatency(80);
      const started = Date.now();
      assert.equal((await call(fake, `/organizations/${kestrel}`)).status, 200);
      assert.ok(Date.now() - started >= 75);
      assert.deepEqual(
        fake.requests.map((r) => [r.route, r.status]),
        [
          ['get_organization', 401],
          ['list_organizations', 401],
          ['list_organizations', 200],
          ['get_organization', 503],
          ['get_organization', 200],
          ['get_organization', 200],
        ],
      );
    });

    it('serves none for a dataset without organizations, and those of generatedDataset', async () => {
      await withFake(
        { dataset: { ...sampleDataset({ largeDirectoryGroups: 30 }), organizations: undefined } },
        async (bare) => {
          assert.equal((await call(bare, `/organizations/${brightline}`)).status, 404);
          assert.deepEqual((await call(bare, '/organizations')).body, {
            object: 'list',
            data: [],
            list_metadata: { before: null, after: null },
          });
        },
      );
      const dataset = generatedDataset({ directories: 3, groupsPerDirectory: 1 });
      await withFake({ dataset }, async (generated) => {
        const listed = (await call(generated, '/organizations')).body.data;
        assert.equal(listed.length, 2);
        for (const directory of dataset.directories)
          assert.ok(listed.some((organization) => organization.id === directory.organization_id));
      });
    });
  });

  describe('groups', () => {
    it('lists a directory 10 at a time, newest first, by default', async () => {
      const { body } = await call(fake, `/directory_groups?directory=${SAMPLE.largeDirectoryId}`);
      assert.equal(body.data.length, 10);
      assert.deepEqual(ids(body), sortedDesc(groupsOf(SAMPLE.largeDirectoryId)).slice(0, 10));
      assert.equal(body.list_metadata.before, null);
      assert.equal(body.list_metadata.after, body.data[9].id);
      assert.deepEqual(Object.keys(body.data[0]), [
        'object',
        'id',
        'idp_id',
        'directory_id',
        'organization_id',
        'name',
        'raw_attributes',
        'created_at',
        'updated_at',
      ]);
      assert.equal(body.data[0].object, 'directory_group');
    });

    it('pages the large directory to the end with no gaps or duplicates', async () => {
      const pages = await allPages(fake, `/directory_groups?directory=${SAMPLE.largeDirectoryId}&limit=100`);
      const all = pages.flatMap(ids);
      assert.equal(pages.length, 26);
      assert.equal(new Set(all).size, all.length);
      assert.deepEqual(all, sortedDesc(groupsOf(SAMPLE.largeDirectoryId)));
      const last = pages[pages.length - 1];
      assert.equal(last.list_metadata.after, null);
      assert.equal(last.list_metadata.before, last.data[0].id);
    });

    it('ends with after null when the total is a multiple of the limit', async () => {
      for (const limit of [8, 12, 24]) {
        const pages = await allPages(fake, `/directory_groups?directory=${SAMPLE.smallDirectoryId}&limit=${limit}`);
        assert.equal(pages.length, 24 / limit, `limit ${limit}`);
        assert.equal(pages.flatMap(ids).length, SAMPLE.smallDirectoryGroupCount);
      }
    });

    it('pages backwards with before: the limit items just before the cursor', async () => {
      const base = `/directory_groups?directory=${SAMPLE.largeDirectoryId}`;
      const first30 = ids((await call(fake, `${base}&limit=30`)).body);
      const back = await call(fake, `${base}&before=${first30[20]}`);
      assert.deepEqual(ids(back.body), first30.slice(10, 20));
      assert.deepEqual(back.body.list_metadata, { before: first30[10], after: first30[19] });
      const start = await call(fake, `${base}&before=${first30[10]}`);
      assert.deepEqual(ids(start.body), first30.slice(0, 10));
      assert.deepEqual(start.body.list_metadata, { before: null, after: first30[9] });
      const shortStart = await call(fake, `${base}&before=${first30[3]}`);
      assert.deepEqual(ids(shortStart.body), first30.slice(0, 3));
    });

    it('sorts asc oldest first; normal behaves as desc', async () => {
      const path = `/directory_groups?directory=${SAMPLE.legacyDirectoryId}`;
      const desc = ids((await call(fake, path)).body);
      assert.deepEqual(ids((await call(fake, `${path}&order=asc`)).body), [...desc].reverse());
      assert.deepEqual(ids((await call(fake, `${path}&order=normal`)).body), desc);
      assert.deepEqual(ids((await call(fake, `${path}&order=desc`)).body), desc);
    });

    it("lists a user's groups, across pages, and ANDs directory with user", async () => {
      const pages = await allPages(fake, `/directory_groups?user=${SAMPLE.userWithGroupsId}`);
      assert.ok(pages.length >= 3);
      assert.equal(pages.flatMap(ids).length, SAMPLE.userWithGroupsCount);
      const both = await call(
        fake,
        `/directory_groups?user=${SAMPLE.userWithGroupsId}&directory=${SAMPLE.largeDirectoryId}&limit=100`,
      );
      assert.equal(both.body.data.length, SAMPLE.userWithGroupsCount);
      const elsewhere = await call(
        fake,
        `/directory_groups?user=${SAMPLE.userWithGroupsId}&directory=${SAMPLE.smallDirectoryId}`,
      );
      assert.deepEqual(elsewhere.body, { object: 'list', data: [], list_metadata: { before: null, after: null } });
    });

    it('serves an empty directory and legacy directory_grp_ IDs', async () => {
      const empty = await call(fake, `/directory_groups?directory=${SAMPLE.emptyDirectoryId}`);
      assert.deepEqual(empty.body, { object: 'list', data: [], list_metadata: { before: null, after: null } });
      const legacy = await call(fake, `/directory_groups?directory=${SAMPLE.legacyDirectoryId}`);
      assert.equal(legacy.body.data.length, 7);
      for (const group of legacy.body.data) assert.match(group.id, /^directory_grp_01/);
      const one = await call(fake, `/directory_groups/${legacy.body.data[0].id}`);
      assert.deepEqual(one.body, legacy.body.data[0]);
    });

    it('answers 422 without directory or user, 404 for an unknown filter', async () => {
      const none = await call(fake, '/directory_groups?limit=100&order=asc');
      assert.equal(none.status, 422);
      assert.equal(none.body.code, 'unprocessable_entity');
      assert.deepEqual(none.body.errors, [{ field: 'directory', code: 'required' }]);
      const unknown = await call(fake, '/directory_groups?directory=directory_01NOPE');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.code, 'entity_not_found');
    });
  });

  describe('users', () => {
    it('lists a directory with a groups array on every user', async () => {
      const { body } = await call(fake, `/directory_users?directory=${SAMPLE.smallDirectoryId}&limit=100`);
      assert.equal(body.data.length, 40);
      for (const user of body.data) assert.deepEqual(user.groups, []);
      assert.deepEqual(Object.keys(body.data[0]), [
        'object',
        'id',
        'directory_id',
        'organization_id',
        'idp_id',
        'email',
        'first_name',
        'last_name',
        'name',
        'emails',
        'username',
        'job_title',
        'state',
        'raw_attributes',
        'custom_attributes',
        'role',
        'roles',
        'created_at',
        'updated_at',
        'groups',
      ]);
    });

    it('gets one user, including a service account with no email', async () => {
      const one = await call(fake, `/directory_users/${SAMPLE.userWithoutEmailId}`);
      assert.equal(one.status, 200);
      assert.equal(one.body.email, null);
      assert.deepEqual(one.body.groups, []);
      const missing = await call(fake, '/directory_users/directory_user_01NOPE');
      assert.deepEqual(missing.body, {
        message: "Directory User not found: 'directory_user_01NOPE'.",
        code: 'entity_not_found',
      });
    });

    it('filters by group (paged), email (case-insensitive) and idp_id', async () => {
      const members = (await allPages(fake, `/directory_users?group=${SAMPLE.busyGroupId}&limit=25`)).flatMap(ids);
      assert.equal(members.length, SAMPLE.busyGroupMemberCount);
      const user = reference.users.find((u) => u.directory_id === SAMPLE.smallDirectoryId)!;
      const byEmail = await call(
        fake,
        `/directory_users?directory=${SAMPLE.smallDirectoryId}&email=${encodeURIComponent(user.email!.toUpperCase())}`,
      );
      assert.deepEqual(ids(byEmail.body), [user.id]);
      const byIdp = await call(fake, `/directory_users?directory=${SAMPLE.smallDirectoryId}&idp_id=${user.idp_id}`);
      assert.deepEqual(ids(byIdp.body), [user.id]);
      const mismatched = await call(
        fake,
        `/directory_users?directory=${SAMPLE.smallDirectoryId}&group=${SAMPLE.busyGroupId}`,
      );
      assert.deepEqual(mismatched.body.data, []);
    });

    it('answers 422 without a filter, and for email or idp_id without directory', async () => {
      for (const query of ['', '?limit=5', '?email=a%40b.c', `?group=${SAMPLE.busyGroupId}&idp_id=x`]) {
        const reply = await call(fake, `/directory_users${query}`);
        assert.equal(reply.status, 422, query);
        assert.equal(reply.body.code, 'unprocessable_entity');
      }
    });

    it('pages exact member counts: 0, 1, 100 in one page of 100, and 250+ in three', async () => {
      const members = (groupId: string, query = '') => call(fake, `/directory_users?group=${groupId}${query}`);
      const empty = await members(SAMPLE.emptyGroupId);
      assert.deepEqual(empty.body, { object: 'list', data: [], list_metadata: { before: null, after: null } });
      const one = await members(SAMPLE.oneMemberGroupId);
      assert.equal(one.body.data.length, 1);
      assert.deepEqual(one.body.list_metadata, { before: null, after: null });

      const hundred = await members(SAMPLE.hundredMemberGroupId, '&limit=100');
      assert.equal(hundred.status, 200);
      assert.equal(hundred.body.data.length, 100);
      assert.deepEqual(hundred.body.list_metadata, { before: null, after: null });
      assert.equal(new Set(ids(hundred.body)).size, 100);
      const hundredPages = await allPages(fake, `/directory_users?group=${SAMPLE.hundredMemberGroupId}&limit=50`);
      assert.deepEqual(
        hundredPages.map((page) => page.data.length),
        [50, 50],
      );

      assert.ok(SAMPLE.bigGroupMemberCount >= 250);
      const bigPages = await allPages(fake, `/directory_users?group=${SAMPLE.bigGroupId}&limit=100`);
      assert.equal(bigPages.length, 3);
      assert.deepEqual(
        bigPages.map((page) => page.data.length),
        [100, 100, SAMPLE.bigGroupMemberCount - 200],
      );
      const big = bigPages.flatMap(ids);
      assert.equal(new Set(big).size, SAMPLE.bigGroupMemberCount);
      const expected = reference.memberships.filter(([, group]) => group === SAMPLE.bigGroupId).map(([user]) => user);
      assert.deepEqual(new Set(big), new Set(expected));
      assert.ok(bigPages.flatMap((page) => page.data).every((user) => user.directory_id === SAMPLE.largeDirectoryId));
      const asc = (await allPages(fake, `/directory_users?group=${SAMPLE.bigGroupId}&limit=100&order=asc`)).flatMap(
        ids,
      );
      assert.deepEqual(asc, [...big].reverse());
    });

    it('serves suspended and inactive users with their states', async () => {
      const suspended = await call(fake, `/directory_users/${SAMPLE.suspendedUserId}`);
      assert.equal(suspended.status, 200);
      assert.equal(suspended.body.state, 'suspended');
      assert.equal((suspended.body.raw_attributes as { active: boolean }).active, false);
      assert.equal(suspended.body.directory_id, SAMPLE.largeDirectoryId);
      const inactive = await call(fake, `/directory_users/${SAMPLE.inactiveUserId}`);
      assert.equal(inactive.body.state, 'inactive');
      assert.equal(inactive.body.directory_id, SAMPLE.largeDirectoryId);
      const listed = (await allPages(fake, `/directory_users?directory=${SAMPLE.largeDirectoryId}&limit=100`)).flatMap(
        (page) => page.data,
      );
      const states = new Map<string, number>();
      for (const user of listed) states.set(user.state, (states.get(user.state) ?? 0) + 1);
      assert.ok((states.get('suspended') ?? 0) >= 2, 'a few suspended');
      assert.ok((states.get('inactive') ?? 0) >= 2, 'some inactive');
      assert.equal(listed.find((user) => user.id === SAMPLE.suspendedUserId)?.state, 'suspended');
      // Suspended users are counted in neither metadata count.
      const directory = await call(fake, `/directories/${SAMPLE.largeDirectoryId}`);
      assert.deepEqual(directory.body.metadata, {
        users: { active: states.get('active'), inactive: states.get('inactive') },
        groups: SAMPLE.largeDirectoryGroupCount,
      });
      assert.equal(listed.length, states.get('active')! + states.get('inactive')! + states.get('suspended')!);
    });

    it('embeds partial groups when the dataset asks for legacy behaviour', async () => {
      const dataset = sampleDataset({ embedUserGroups: true, largeDirectoryGroups: 30 });
      await withFake({ dataset }, async (legacy) => {
        const { body } = await call(legacy, `/directory_users/${SAMPLE.userWithGroupsId}`);
        const expected = dataset.memberships
          .filter(([userId]) => userId === SAMPLE.userWithGroupsId)
          .map(([, groupId]) => groupId);
        assert.ok(expected.length > 1);
        assert.deepEqual(new Set(body.groups.map((group: { id: string }) => group.id)), new Set(expected));
        assert.deepEqual(Object.keys(body.groups[0]), ['object', 'id', 'directory_id', 'name', 'raw_attributes']);
      });
    });
  });

  describe('nested directory routes', () => {
    const small = SAMPLE.smallDirectoryId;
    const large = SAMPLE.largeDirectoryId;
    /** Every page's IDs, flat and nested alike, for the same filters. */
    const listed = async (path: string) => (await allPages(fake, path)).map(ids);

    it('/directories/{id}/groups pages, orders and filters by user exactly as /directory_groups?directory=', async () => {
      for (const query of ['limit=7', 'limit=7&order=asc', 'limit=5&order=normal']) {
        assert.deepEqual(
          await listed(`/directories/${small}/groups?${query}`),
          await listed(`/directory_groups?directory=${small}&${query}`),
          query,
        );
      }
      const user = SAMPLE.userWithGroupsId;
      const byUser = await listed(`/directories/${large}/groups?user=${user}&limit=10`);
      assert.equal(byUser.flat().length, SAMPLE.userWithGroupsCount);
      assert.deepEqual(byUser, await listed(`/directory_groups?directory=${large}&user=${user}&limit=10`));
      const page = await call(fake, `/directories/${small}/groups?limit=3`);
      assert.deepEqual(
        page.body.data,
        JSON.parse(
          JSON.stringify(
            sortedDesc(groupsOf(small))
              .slice(0, 3)
              .map((id) => reference.groups.find((g) => g.id === id)),
          ),
        ),
      );
    });

    it('/directories/{id}/users filters by group, email and idp_id as the flat route, and sends no groups array', async () => {
      const flatUsers = await call(fake, `/directory_users?directory=${small}&limit=100`);
      const nestedUsers = await call(fake, `/directories/${small}/users?limit=100`);
      assert.deepEqual(ids(nestedUsers.body), ids(flatUsers.body));
      for (const user of nestedUsers.body.data) assert.ok(!('groups' in user), 'no groups array');
      assert.deepEqual(
        nestedUsers.body.data,
        flatUsers.body.data.map(({ groups: _groups, ...user }) => user),
      );
      const user = reference.users.find((u) => u.directory_id === small)!;
      const byEmail = await call(
        fake,
        `/directories/${small}/users?email=${encodeURIComponent(user.email!.toUpperCase())}`,
      );
      assert.deepEqual(ids(byEmail.body), [user.id]);
      assert.deepEqual(ids((await call(fake, `/directories/${small}/users?idp_id=${user.idp_id}`)).body), [user.id]);
      const busy = reference.groups.find((g) => g.id === SAMPLE.busyGroupId)!;
      assert.deepEqual(
        await listed(`/directories/${busy.directory_id}/users?group=${busy.id}&limit=25`),
        await listed(`/directory_users?group=${busy.id}&limit=25`),
      );
      assert.deepEqual((await call(fake, `/directories/${small}/users?group=${busy.id}`)).body.data, []);
    });

    it('gets a group and a user through their directory; 404 for an unknown directory or another directory', async () => {
      const group = groupsOf(small)[0];
      const user = reference.users.find((u) => u.directory_id === small)!;
      const one = await call(fake, `/directories/${small}/groups/${group.id}`);
      assert.equal(one.status, 200);
      assert.equal(one.text, (await call(fake, `/directory_groups/${group.id}`)).text);
      const person = await call(fake, `/directories/${small}/users/${user.id}`);
      assert.equal(person.body.id, user.id);
      assert.ok(!('groups' in person.body), 'no groups array');
      const cases: Array<[string, string]> = [
        [`/directories/${large}/groups/${group.id}`, `Directory Group not found: '${group.id}'.`],
        [`/directories/${large}/users/${user.id}`, `Directory User not found: '${user.id}'.`],
        [`/directories/${small}/groups/directory_group_01NOPE`, "Directory Group not found: 'directory_group_01NOPE'."],
        [`/directories/directory_01NOPE/groups/${group.id}`, "Directory not found: 'directory_01NOPE'."],
        ['/directories/directory_01NOPE/groups', "Directory not found: 'directory_01NOPE'."],
        ['/directories/directory_01NOPE/users', "Directory not found: 'directory_01NOPE'."],
      ];
      for (const [path, message] of cases) {
        const reply = await call(fake, path);
        assert.equal(reply.status, 404, path);
        assert.deepEqual(reply.body, { message, code: 'entity_not_found' }, path);
      }
    });

    it('answers 400 for a directory parameter, 400 for a query on a get, 404 for other nested paths', async () => {
      const group = groupsOf(small)[0];
      const asParameter = await call(fake, `/directories/${small}/groups?directory=${small}`);
      assert.equal(asParameter.status, 400);
      assert.deepEqual(asParameter.body.errors, [{ field: 'directory', code: 'unknown_parameter' }]);
      const onGet = await call(fake, `/directories/${small}/groups/${group.id}?limit=1`);
      assert.deepEqual(onGet.body.errors, [{ field: 'limit', code: 'unknown_parameter' }]);
      for (const path of [
        `/directories/${small}/groups/`,
        `/directories/${small}/groups/${group.id}/users`,
        '/directories//groups',
      ]) {
        assert.equal((await rawGet(fake, path)).status, 404, path);
      }
      assert.equal((await call(fake, `/directories/${small}/groups`, { method: 'DELETE' })).status, 404);
    });

    it('logs what was asked: the route of the flat one, nested: true and the directory from the path', async () => {
      await call(fake, `/directories/${small}/users?limit=5`);
      await call(fake, `/directory_users?directory=${small}&limit=5`);
      await call(fake, `/directories/${encodeURIComponent(small)}/groups/${groupsOf(small)[0].id}`);
      assert.deepEqual(
        fake.requests.map((r) => [r.route, r.nested, r.query, r.id]),
        [
          ['list_users', true, { directory: small, limit: '5' }, undefined],
          ['list_users', false, { directory: small, limit: '5' }, undefined],
          ['get_group', true, { directory: small }, groupsOf(small)[0].id],
        ],
      );
    });

    it('matches faults by route and by directory, whichever route is asked', async () => {
      fake.inject({
        kind: 'status',
        status: 503,
        times: 2,
        match: { route: 'list_groups', query: { directory: small } },
      });
      assert.equal((await call(fake, `/directories/${large}/groups`)).status, 200, 'another directory');
      assert.equal((await call(fake, `/directories/${small}/groups/${groupsOf(small)[0].id}`)).status, 200, 'a get');
      assert.equal((await call(fake, `/directories/${small}/groups`)).status, 503);
      assert.equal((await call(fake, `/directory_groups?directory=${small}`)).status, 503);
      assert.equal((await call(fake, `/directory_groups?directory=${small}`)).status, 200);
      fake.inject({ kind: 'status', status: 500, match: { route: 'get_user' } });
      assert.equal((await call(fake, `/directory_users?directory=${small}`)).status, 200);
      const user = reference.users.find((u) => u.directory_id === small)!;
      assert.equal((await call(fake, `/directories/${small}/users/${user.id}`)).status, 500);
    });

    it('switched off (option, setter or control route): 404 as for an unknown path, logged as unknown', async () => {
      const check = async (other: FakeWorkOS, on: boolean) => {
        other.clearRequests();
        const nested = await call(other, `/directories/${small}/groups`);
        assert.equal(nested.status, on ? 200 : 404);
        if (!on) {
          assert.deepEqual(nested.body, {
            message: `The requested path '/directories/${small}/groups' could not be found.`,
            code: 'not_found',
          });
        }
        assert.equal((await call(other, `/directory_groups?directory=${small}`)).status, 200, 'the flat route');
        assert.deepEqual(
          other.requests.map((r) => [r.route, r.nested]),
          [
            [on ? 'list_groups' : 'unknown', true],
            ['list_groups', false],
          ],
        );
      };
      await withFake({ nestedRoutes: false }, async (other) => {
        // Off, a route fault does not take a nested request: the server does not know that path.
        other.inject({ kind: 'status', status: 503, match: { route: 'list_groups' } });
        assert.equal((await call(other, `/directories/${small}/groups`)).status, 404);
        other.clearFaults();
        await check(other, false);
        other.setNestedRoutes(true);
        await check(other, true);
        const control = new FakeControl(other.url);
        await control.setNestedRoutes(false);
        await check(other, false);
        await control.setNestedRoutes(true);
        await check(other, true);
        const refused = await fetch(`${other.url}/__fake/nested-routes`, { method: 'POST', body: '{"on": "no"}' });
        assert.equal(refused.status, 400);
      });
    });
  });

  describe('parameter validation', () => {
    const groups = `/directory_groups?directory=${SAMPLE.largeDirectoryId}`;
    const cases: Array<[string, string, Array<{ field: string; code: string }>]> = [
      ['limit=0', `${groups}&limit=0`, [{ field: 'limit', code: 'invalid_value' }]],
      ['limit=101', `${groups}&limit=101`, [{ field: 'limit', code: 'invalid_value' }]],
      ['limit=abc', `${groups}&limit=abc`, [{ field: 'limit', code: 'invalid_value' }]],
      ['limit=1.5', `${groups}&limit=1.5`, [{ field: 'limit', code: 'invalid_value' }]],
      ['order=up', `${groups}&order=up`, [{ field: 'order', code: 'invalid_value' }]],
      [
        'an unknown parameter (directory_id)',
        `/directory_groups?directory_id=${SAMPLE.largeDirectoryId}`,
        [{ field: 'directory_id', code: 'unknown_parameter' }],
      ],
      [
        'a repeated parameter',
        `${groups}&directory=${SAMPLE.smallDirectoryId}`,
        [{ field: 'directory', code: 'duplicate_parameter' }],
      ],
      ['both before and after', `${groups}&before=a&after=b`, [{ field: 'before', code: 'conflicts_with_after' }]],
      [
        'an after that is not in the list',
        `${groups}&after=directory_group_01NOPE`,
        [{ field: 'after', code: 'invalid_cursor' }],
      ],
      [
        'a before from another list',
        `${groups}&before=${groupsOf(SAMPLE.smallDirectoryId)[0].id}`,
        [{ field: 'before', code: 'invalid_cursor' }],
      ],
      [
        'a query on a get route',
        `/directories/${SAMPLE.largeDirectoryId}?include=groups`,
        [{ field: 'include', code: 'unknown_parameter' }],
      ],
    ];
    for (const [label, path, errors] of cases) {
      it(`answers 400 for ${label}`, async () => {
        const reply = await call(fake, path);
        assert.equal(reply.status, 400);
        assert.deepEqual(reply.body, { message: 'Validation failed.', code: 'invalid_request_parameters', errors });
      });
    }

    it('accepts limit 1 and 100 and the deprecated domain filter', async () => {
      assert.equal((await call(fake, `${groups}&limit=1`)).body.data.length, 1);
      assert.equal((await call(fake, `${groups}&limit=100`)).body.data.length, 100);
      assert.equal((await call(fake, '/directories?domain=kestrel.vc')).status, 200);
    });
  });

  describe('paths', () => {
    it('answers 404 not_found for other paths, never normalising', async () => {
      for (const path of [
        '/directory_sync/directories',
        '/directories/',
        `/directories/${SAMPLE.largeDirectoryId}/members`,
        '/directory_groups/../directories',
        '//directories',
      ]) {
        const reply = await rawGet(fake, path);
        assert.equal(reply.status, 404, path);
        assert.deepEqual(reply.body, {
          message: `The requested path '${path}' could not be found.`,
          code: 'not_found',
        });
      }
      assert.deepEqual(
        fake.requests.map((r) => r.route),
        ['unknown', 'unknown', 'unknown', 'unknown', 'unknown'],
      );
    });

    it('decodes a path ID exactly once', async () => {
      const reply = await rawGet(fake, '/directory_groups/..%2Fdirectories');
      assert.equal(reply.status, 404);
      assert.deepEqual(reply.body, {
        message: "Directory Group not found: '../directories'.",
        code: 'entity_not_found',
      });
      assert.equal(fake.requests[0].route, 'get_group');
      assert.equal(fake.requests[0].path, '/directory_groups/..%2Fdirectories');
      const encoded = SAMPLE.largeDirectoryId.replace('_', '%5F');
      assert.equal((await rawGet(fake, `/directories/${encoded}`)).status, 200);
      assert.equal((await rawGet(fake, `/directories/${encoded.replace('%', '%25')}`)).status, 404);
      assert.equal((await rawGet(fake, '/directories/%E0%A4%A')).status, 404);
    });

    it('deletes a directory with its groups and users', async () => {
      await withFake({}, async (other) => {
        const deleted = await call(other, `/directories/${SAMPLE.legacyDirectoryId}`, { method: 'DELETE' });
        assert.equal(deleted.status, 202);
        assert.deepEqual(deleted.body, {});
        assert.equal((await call(other, `/directories/${SAMPLE.legacyDirectoryId}`)).status, 404);
        assert.equal((await call(other, `/directory_groups?directory=${SAMPLE.legacyDirectoryId}`)).status, 404);
        assert.equal((await call(other, `/directory_users/${SAMPLE.userWithoutEmailId}`)).status, 404);
        assert.equal((await call(other, '/directories')).body.data.length, 6);
        assert.equal(other.requests[0].route, 'delete_directory');
      });
    });

    it('sees a directory deleted from the live dataset mid-browse', async () => {
      await withFake({}, async (other) => {
        const first = await call(other, `/directory_groups?directory=${SAMPLE.largeDirectoryId}`);
        assert.ok(deleteDirectory(other.dataset, SAMPLE.largeDirectoryId));
        const next = await call(
          other,
          `/directory_groups?directory=${SAMPLE.largeDirectoryId}&after=${first.body.list_metadata.after}`,
        );
        assert.equal(next.status, 404);
        assert.equal((await call(other, `/directory_groups?user=${SAMPLE.userWithGroupsId}`)).status, 404);
        assert.ok(!deleteDirectory(other.dataset, SAMPLE.largeDirectoryId));
      });
    });
  });

  describe('rate limit on /directory_users', () => {
    it('allows 4 requests per second per directory, then 429 with Retry-After', async () => {
      await withFake({}, async (limited) => {
        const path = `/directory_users?directory=${SAMPLE.largeDirectoryId}`;
        for (let i = 0; i < 4; i++) assert.equal((await call(limited, path)).status, 200);
        const refused = await call(limited, path);
        assert.equal(refused.status, 429);
        assert.equal(refused.headers.get('retry-after'), '1');
        assert.deepEqual(refused.body, { message: 'Too many requests.', code: 'rate_limit_exceeded' });
        assert.equal(
          (await call(limited, `/directory_users?group=${SAMPLE.busyGroupId}`)).status,
          429,
          "keyed by the group's directory",
        );
        assert.equal((await call(limited, `/directory_users?directory=${SAMPLE.smallDirectoryId}`)).status, 200);
        assert.equal((await call(limited, `/directory_groups?directory=${SAMPLE.largeDirectoryId}`)).status, 200);
      });
    });

    it('counts /directories/{id}/users against the same limit as /directory_users', async () => {
      await withFake({}, async (limited) => {
        const nested = `/directories/${SAMPLE.largeDirectoryId}/users`;
        const flat = `/directory_users?directory=${SAMPLE.largeDirectoryId}`;
        for (const path of [nested, flat, nested, flat]) assert.equal((await call(limited, path)).status, 200);
        assert.equal((await call(limited, nested)).status, 429);
        assert.equal((await call(limited, flat)).status, 429);
        assert.equal((await call(limited, `/directories/${SAMPLE.smallDirectoryId}/users`)).status, 200);
        const user = limited.dataset.users.find((u) => u.directory_id === SAMPLE.largeDirectoryId)!;
        assert.equal((await call(limited, `${nested}/${user.id}`)).status, 200, 'gets are not limited');
      });
    });
  });

  describe('faults', () => {
    const groups = `/directory_groups?directory=${SAMPLE.largeDirectoryId}`;

    it('status: sends the status, Retry-After and a default body once', async () => {
      fake.inject({ kind: 'status', status: 503, retryAfter: '2' });
      const failed = await call(fake, '/directories');
      assert.equal(failed.status, 503);
      assert.equal(failed.headers.get('retry-after'), '2');
      assert.deepEqual(failed.body, { message: 'Service Unavailable.', code: 'service_unavailable' });
      assert.match(failed.headers.get('x-request-id') ?? '', /^req_/);
      assert.equal((await call(fake, '/directories')).status, 200);
    });

    it('status: raw body, times and matching by method, path, RegExp and query', async () => {
      fake.inject({
        kind: 'status',
        status: 500,
        body: 'Internal Server Error',
        times: 2,
        match: { path: '/directory_groups', query: { limit: '5' } },
      });
      fake.inject({ kind: 'status', status: 408, match: { method: 'get', path: /^\/directories\// } });
      assert.equal((await call(fake, `${groups}&limit=6`)).status, 200);
      const first = await call(fake, `${groups}&limit=5`);
      assert.equal(first.status, 500);
      assert.equal(first.text, 'Internal Server Error');
      assert.equal((await call(fake, `${groups}&limit=5`)).status, 500);
      assert.equal((await call(fake, `${groups}&limit=5`)).status, 200);
      assert.equal((await call(fake, '/directories')).status, 200);
      assert.equal((await call(fake, `/directories/${SAMPLE.largeDirectoryId}`)).status, 408);
    });

    it('applies the first matching fault in injection order, Infinity until cleared', async () => {
      fake.inject({ kind: 'status', status: 502, times: Infinity });
      fake.inject({ kind: 'status', status: 504 });
      for (let i = 0; i < 3; i++) assert.equal((await call(fake, '/directories')).status, 502);
      fake.clearFaults();
      assert.equal((await call(fake, '/directories')).status, 200);
    });

    it('hang: never answers; clearFaults releases it, close ends it fast', async () => {
      fake.inject({ kind: 'hang' });
      const hung = fetch(`${fake.url}/directories`, { headers: AUTH });
      await waitFor(() => fake.requests.length === 1, 'the fake has recorded the hung request');
      assert.equal(fake.requests[0].status, 0);
      fake.clearFaults();
      await assert.rejects(hung);
      await withFake({}, async (other) => {
        other.inject({ kind: 'hang', times: Infinity });
        const pending = fetch(`${other.url}/directories`, { headers: AUTH });
        await waitFor(() => other.requests.length === 1, 'the other fake has recorded the hung request');
        const started = Date.now();
        await other.close();
        assert.ok(Date.now() - started < 500);
        await assert.rejects(pending);
      });
    });

    it('reset: destroys the socket without a response', async () => {
      fake.inject({ kind: 'reset' });
      await assert.rejects(fetch(`${fake.url}/directories`, { headers: AUTH }));
      assert.equal(fake.requests[0].status, 0);
      assert.equal((await call(fake, '/directories')).status, 200);
    });

    it('malformed: 200 JSON content type, body not JSON', async () => {
      fake.inject({ kind: 'malformed' });
      const reply = await call(fake, '/directories');
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(reply.text, '<html>oops</html>');
      fake.inject({ kind: 'malformed', body: '{"object":"list","data":[' });
      assert.equal((await call(fake, '/directories')).text, '{"object":"list","data":[');
    });

    it('json: 200 with the given body (e.g. an empty page that claims more)', async () => {
      const body = { object: 'list', data: [], list_metadata: { before: null, after: 'directory_group_01X' } };
      fake.inject({ kind: 'json', body });
      const reply = await call(fake, groups);
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, body);
    });

    it('extra-items: the real page with the items added at the end, cursors unchanged', async () => {
      const foreign = groupsOf(SAMPLE.smallDirectoryId).slice(0, 2);
      const real = (await call(fake, `${groups}&limit=5`)).body;
      fake.inject({ kind: 'extra-items', items: foreign, match: { route: 'list_groups' } });
      const mixed = (await call(fake, `/directories/${SAMPLE.largeDirectoryId}/groups?limit=5`)).body;
      assert.deepEqual(ids(mixed), [...ids(real), ...foreign.map((g) => g.id)]);
      assert.deepEqual(mixed.list_metadata, real.list_metadata);
      assert.deepEqual((await call(fake, `${groups}&limit=5`)).body, real, 'once');
    });

    it("repeat-cursor: the real page with after = the request's own after", async () => {
      const normal = await call(fake, `${groups}&limit=5`);
      fake.inject({ kind: 'repeat-cursor', times: 2 });
      const first = await call(fake, `${groups}&limit=5`);
      assert.deepEqual(first.body, normal.body, 'without an after, the normal page');
      const second = await call(fake, `${groups}&limit=5&after=${first.body.list_metadata.after}`);
      assert.equal(second.body.data.length, 5);
      assert.equal(second.body.list_metadata.after, first.body.list_metadata.after);
    });

    it('ignore-order: serves order=asc newest first, like desc, and logs the order sent', async () => {
      const desc = await call(fake, `${groups}&limit=5`);
      const asc = await call(fake, `${groups}&limit=5&order=asc`);
      assert.notDeepEqual(ids(asc.body), ids(desc.body), 'asc by default');
      fake.inject({ kind: 'ignore-order', times: Infinity });
      const ignored = await call(fake, `${groups}&limit=5&order=asc`);
      assert.deepEqual(ignored.body, desc.body);
      const next = await call(fake, `${groups}&limit=5&order=asc&after=${ignored.body.list_metadata.after}`);
      const descNext = await call(fake, `${groups}&limit=5&after=${desc.body.list_metadata.after}`);
      assert.deepEqual(next.body, descNext.body, 'the cursor walks the desc order too');
      assert.equal((await call(fake, `${groups}&order=sideways`)).status, 400, 'other parameters still checked');
      assert.equal(fake.requests[2].query.order, 'asc');
      fake.clearFaults();
      assert.deepEqual((await call(fake, `${groups}&limit=5&order=asc`)).body, asc.body);
      assert.deepEqual(faultFromJson({ kind: 'ignore-order', times: null }), {
        match: {},
        times: Infinity,
        kind: 'ignore-order',
      });
    });

    it('latency: delays the real response; global latency does not serialise requests', async () => {
      fake.inject({ kind: 'latency', ms: 120 });
      let started = Date.now();
      assert.equal((await call(fake, '/directories')).status, 200);
      assert.ok(Date.now() - started >= 115);
      fake.setLatency(100);
      started = Date.now();
      const replies = await Promise.all(Array.from({ length: 6 }, () => call(fake, '/directories')));
      const elapsed = Date.now() - started;
      assert.ok(replies.every((reply) => reply.status === 200));
      assert.ok(elapsed >= 95 && elapsed < 450, `6 concurrent requests took ${elapsed} ms`);
    });

    it('redirect: 302 with Location by default', async () => {
      fake.inject({ kind: 'redirect', location: 'https://attacker.example/steal' });
      const reply = await call(fake, '/directories', { redirect: 'manual' });
      assert.equal(reply.status, 302);
      assert.equal(reply.headers.get('location'), 'https://attacker.example/steal');
      fake.inject({ kind: 'redirect', location: '/directories?limit=1', status: 307 });
      const followed = await call(fake, '/directories');
      assert.equal(followed.body.data.length, 1);
      assert.deepEqual(
        fake.requests.map((r) => r.status),
        [302, 307, 200],
      );
    });

    it('endless-list: one item a page under a new ID, which is also the next cursor', async () => {
      const item = reference.groups[0];
      fake.inject({ kind: 'endless-list', item, times: 2 });
      const first = await call(fake, groups);
      const second = await call(fake, `${groups}&after=${first.body.list_metadata.after}`);
      for (const page of [first, second]) {
        assert.equal(page.status, 200);
        assert.equal(page.body.data.length, 1);
        assert.deepEqual({ ...page.body.data[0], id: item.id }, item);
        assert.match(page.body.data[0].id, new RegExp(`^${item.id}\\d+$`));
        assert.equal(page.body.list_metadata.after, page.body.data[0].id);
      }
      assert.notEqual(first.body.data[0].id, second.body.data[0].id);
    });

    it('gzip: 200 with the JSON body gzip-encoded and padded with spaces, a small download', async () => {
      const body = { object: 'list', data: [], list_metadata: { before: null, after: null } };
      fake.inject({ kind: 'gzip', body, padTo: 1_000_000 });
      const raw = await new Promise<{ headers: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
        http
          .get(`${fake.url}/directories`, { headers: AUTH }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
      assert.equal(raw.headers['content-encoding'], 'gzip');
      assert.ok(raw.bytes.length < 10_000, `${raw.bytes.length} bytes on the wire`);
      const decoded = gunzipSync(raw.bytes).toString('utf8');
      assert.equal(decoded.length, 1_000_000);
      assert.deepEqual(JSON.parse(decoded), body);
      fake.inject({ kind: 'gzip', body });
      assert.deepEqual((await call(fake, '/directories')).body, body, 'fetch decodes it; no padding by default');
    });

    it('endless-body: a 200 whose body never ends, until the client goes away', async () => {
      fake.inject({ kind: 'endless-body', chunkBytes: 1000 });
      const controller = new AbortController();
      const response = await fetch(`${fake.url}/directories`, { headers: AUTH, signal: controller.signal });
      assert.equal(response.status, 200);
      const reader = response.body!.getReader();
      let size = 0;
      while (size < 200_000) size += ((await reader.read()).value as Uint8Array).byteLength;
      controller.abort();
      await assert.rejects(reader.read());
    });

    it('request-id: the real response with the given X-Request-ID, also in the log', async () => {
      fake.inject({ kind: 'request-id', requestId: 'req with spaces <b>' });
      const reply = await call(fake, '/directories');
      assert.equal(reply.status, 200);
      assert.equal(reply.body.data.length, reference.directories.length);
      assert.equal(reply.headers.get('x-request-id'), 'req with spaces <b>');
      assert.equal(fake.requests[0].requestId, 'req with spaces <b>');
    });
  });

  describe('request log', () => {
    it('records each API request with its raw path, query, headers, route, status and request ID', async () => {
      const reply = await call(fake, `/directory_groups?directory=${SAMPLE.smallDirectoryId}&limit=5&limit=6`, {
        headers: { 'User-Agent': 'explorer-test' },
      });
      await call(fake, `/directory_users/${SAMPLE.userWithoutEmailId}`);
      const [first, second] = fake.requests;
      assert.equal(fake.requests.length, 2);
      assert.deepEqual(
        { ...first, headers: undefined, at: undefined },
        {
          method: 'GET',
          path: '/directory_groups',
          query: { directory: SAMPLE.smallDirectoryId, limit: '5' },
          rawUrl: `/directory_groups?directory=${SAMPLE.smallDirectoryId}&limit=5&limit=6`,
          headers: undefined,
          route: 'list_groups',
          nested: false,
          status: 400,
          requestId: reply.headers.get('x-request-id'),
          at: undefined,
        },
      );
      assert.equal(first.headers['user-agent'], 'explorer-test');
      assert.equal(first.headers.authorization, `Bearer ${KEY}`);
      assert.deepEqual([second.route, second.id], ['get_user', SAMPLE.userWithoutEmailId]);
      assert.ok(second.at >= first.at && first.at > 0);
      fake.clearRequests();
      assert.equal(fake.requests.length, 0);
    });
  });

  describe('control route', () => {
    it('drives faults, latency, keys and the log over HTTP without auth', async () => {
      const control = new FakeControl(`${fake.url}/`);
      await control.health();
      await call(fake, '/directories');
      const logged = await control.requests();
      assert.deepEqual(
        logged.map((r) => r.route),
        ['list_directories'],
        'control routes are not logged',
      );
      await control.clearRequests();
      assert.deepEqual(await control.requests(), []);

      await control.inject({
        kind: 'status',
        status: 503,
        times: Infinity,
        match: { path: /^\/directory_groups$/i, query: { directory: SAMPLE.smallDirectoryId } },
      });
      for (let i = 0; i < 2; i++)
        assert.equal((await call(fake, `/directory_groups?directory=${SAMPLE.smallDirectoryId}`)).status, 503);
      assert.equal((await call(fake, '/directories')).status, 200);
      await control.clearFaults();
      assert.equal((await call(fake, `/directory_groups?directory=${SAMPLE.smallDirectoryId}`)).status, 200);

      await control.setLatency(80);
      const started = Date.now();
      await call(fake, '/directories');
      assert.ok(Date.now() - started >= 75);
      await control.setLatency(0);

      await control.setKeys(['sk_test_rotated']);
      assert.equal((await call(fake, '/directories')).status, 401);
      await control.setKeys([KEY]);
      assert.equal((await call(fake, '/directories')).status, 200);
    });

    it('matches a fault by route over HTTP', async () => {
      const control = new FakeControl(fake.url);
      await control.inject({ kind: 'status', status: 503, match: { route: 'get_directory' } });
      assert.equal((await call(fake, '/directories')).status, 200);
      assert.equal((await call(fake, `/directories/${SAMPLE.smallDirectoryId}`)).status, 503);
    });

    it('accepts times as null or "Infinity" and refuses bad faults', async () => {
      const post = (body: unknown) =>
        fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify(body) });
      assert.equal(
        (await post({ kind: 'status', status: 500, times: null, match: { pathPattern: '^/directories$' } })).status,
        204,
      );
      for (let i = 0; i < 3; i++) assert.equal((await call(fake, '/directories')).status, 500);
      fake.clearFaults();
      for (const bad of [
        { kind: 'explode' },
        { kind: 'status', status: 'x' },
        { kind: 'latency' },
        { kind: 'status', status: 500, times: 0 },
        { kind: 'request-id' },
        { kind: 'endless-list', item: { name: 'no id' } },
        { kind: 'gzip' },
        { kind: 'endless-body', chunkBytes: 0 },
        { kind: 'extra-items', items: 'x' },
        { kind: 'status', status: 500, match: { route: 'list_members' } },
        'hang',
      ]) {
        const response = await post(bad);
        assert.equal(response.status, 400, JSON.stringify(bad));
        assert.equal(((await response.json()) as { code: string }).code, 'invalid_control_request');
      }
      assert.equal((await fetch(`${fake.url}/__fake/nothing`)).status, 404);
    });
  });

  describe('datasets', () => {
    it('sampleDataset is deterministic and matches SAMPLE', () => {
      // Events lead up to the time the sample is made (WorkOS keeps 30 days): the same for the same time.
      const again: Dataset = sampleDataset();
      assert.deepEqual({ ...again, events: undefined }, { ...reference, events: undefined });
      assert.deepEqual(
        sampleDataset({ now: 1_800_000_000_000 }).events,
        sampleDataset({ now: 1_800_000_000_000 }).events,
      );
      assert.ok(SAMPLE.largeDirectoryGroupCount >= 2500);
      assert.equal(groupsOf(SAMPLE.largeDirectoryId).length, SAMPLE.largeDirectoryGroupCount);
      assert.equal(groupsOf(SAMPLE.emptyDirectoryId).length, 0);
      assert.ok(groupsOf(SAMPLE.legacyDirectoryId).every((group) => group.id.startsWith('directory_grp_01')));
      assert.equal(new Set(reference.directories.map((d) => d.organization_id)).size, 2);
      assert.equal(new Set(reference.directories.map((d) => d.type)).size, 7);
      assert.ok(reference.users.length >= 300);
    });

    it('uses ULID-shaped IDs and metadata counts that match the data', () => {
      for (const item of [...reference.directories, ...reference.groups, ...reference.users])
        assert.match(item.id, ULID_ID);
      for (const directory of reference.directories) {
        const users = reference.users.filter((u) => u.directory_id === directory.id);
        assert.deepEqual(directory.metadata, {
          users: {
            active: users.filter((u) => u.state === 'active').length,
            inactive: users.filter((u) => u.state === 'inactive').length,
          },
          groups: groupsOf(directory.id).length,
        });
      }
    });

    it('keeps directory and user IDs stable when the large directory size changes', () => {
      const small = sampleDataset({ largeDirectoryGroups: 30 });
      assert.deepEqual(
        small.directories.map((d) => d.id),
        reference.directories.map((d) => d.id),
      );
      assert.equal(small.groups.filter((g) => g.directory_id === SAMPLE.largeDirectoryId).length, 30);
      assert.ok(small.users.some((u) => u.id === SAMPLE.userWithGroupsId));
    });

    it('keeps the member-count handles apart from the busy group and the user with groups', () => {
      const count = (groupId: string) => reference.memberships.filter(([, group]) => group === groupId).length;
      const large = new Set(groupsOf(SAMPLE.largeDirectoryId).map((group) => group.id));
      const handles = [SAMPLE.emptyGroupId, SAMPLE.oneMemberGroupId, SAMPLE.hundredMemberGroupId, SAMPLE.bigGroupId];
      assert.deepEqual(handles.map(count), [0, 1, 100, SAMPLE.bigGroupMemberCount]);
      assert.ok(handles.every((id) => large.has(id)));
      assert.equal(new Set([...handles, SAMPLE.busyGroupId]).size, 5);
      assert.ok(
        !reference.memberships.some(([user, group]) => user === SAMPLE.userWithGroupsId && handles.includes(group)),
      );
      const user = (id: string) => reference.users.find((u) => u.id === id);
      assert.equal(user(SAMPLE.suspendedUserId)?.state, 'suspended');
      assert.equal(user(SAMPLE.inactiveUserId)?.state, 'inactive');
      assert.deepEqual(
        Object.keys(SAMPLE.organizationNames),
        reference.organizations?.map((organization) => organization.id),
      );
      const small = sampleDataset({ largeDirectoryGroups: 30 });
      assert.equal(small.memberships.filter(([, group]) => group === SAMPLE.bigGroupId).length, 250);
    });

    it('generatedDataset is deterministic, with per-directory group counts', () => {
      const options = { directories: 12, groupsPerDirectory: [40, 5], usersPerDirectory: 2 };
      const dataset = generatedDataset(options);
      assert.deepEqual(generatedDataset(options), dataset);
      assert.equal(dataset.directories.length, 12);
      assert.equal(dataset.users.length, 24);
      const count = (id: string) => dataset.groups.filter((group: DirectoryGroup) => group.directory_id === id).length;
      assert.deepEqual(
        dataset.directories.slice(0, 3).map((d) => count(d.id)),
        [40, 5, 0],
      );
      assert.equal(new Set(dataset.directories.map((d) => d.name)).size, 12);
      assert.equal(generatedDataset({ ...options, groupsPerDirectory: 3 }).groups.length, 36);
    });

    it('generatedDataset serves a 10,000-group directory 100 at a time', async () => {
      const dataset = generatedDataset({ directories: 20, groupsPerDirectory: [10_000] });
      const big = dataset.directories[0];
      await withFake({ dataset }, async (bench) => {
        const pages = await allPages(bench, `/directory_groups?directory=${big.id}&limit=100`);
        assert.equal(pages.length, 100);
        assert.equal(new Set(pages.flatMap(ids)).size, 10_000);
      });
    });
  });
});

import * as assert from 'node:assert/strict';
import { collectAll, DSYNC_EVENT_TYPES, isWorkOSError, WorkOSClient, type Clock, type Page } from '../../src/workos';
import { countMembers } from '../../src/count-members/count';
import { Session } from '../../src/session/session';
import { plainReveal, plainTree } from '../bench/reveal';
import { SAMPLE } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';
import {
  EVENT_OPERATIONS,
  FAULT_CASES,
  OPERATIONS,
  type EventOperation,
  type MatrixRow,
  type Operation,
  type Target,
} from '../reliability/matrix';
import { writeResults } from '../reliability/results';

const KEY = 'sk_test_reliability_client';

/** Each operation as the client performs it: set up what comes before, then the request under test. */
const OPERATION_STEPS: Record<
  Operation | EventOperation,
  (client: WorkOSClient) => Promise<{ target: Target; run: () => Promise<unknown> }>
> = {
  'list directories': async (client) => ({
    target: { match: { route: 'list_directories' }, list: true },
    run: () => client.listDirectories({ limit: 100 }),
  }),
  'list a directory’s groups': async (client) => ({
    target: { match: { route: 'list_groups', query: { directory: SAMPLE.largeDirectoryId } }, list: true },
    run: () => client.listGroups({ directory: SAMPLE.largeDirectoryId, limit: 100 }),
  }),
  'load more': async (client) => {
    const pages = client.allGroups({ directory: SAMPLE.largeDirectoryId, limit: 100 });
    await pages.next();
    return {
      target: { match: { route: 'list_groups', query: { directory: SAMPLE.largeDirectoryId } }, list: true },
      run: async () => (await pages.next()).value as Page<unknown>,
    };
  },
  'open group by ID': async (client) => {
    const id = SAMPLE.busyGroupId;
    return {
      target: { match: { route: 'get_group', path: new RegExp(`/${id}$`) }, id, list: false },
      run: () => client.getGroup(id),
    };
  },
  'a window of changes': async (client) => ({
    target: { match: { path: '/events' }, list: true },
    run: () =>
      client.listEvents({ events: DSYNC_EVENT_TYPES, range_start: hoursAgo(6), range_end: hoursAgo(0), limit: 100 }),
  }),
  'one directory’s changes': async (client) => ({
    target: { match: { path: '/events', query: { organization_id: SAMPLE.organizationIds[0] } }, list: true },
    run: () =>
      client.listEvents({
        events: DSYNC_EVENT_TYPES,
        organization_id: SAMPLE.organizationIds[0],
        range_start: hoursAgo(48),
        limit: 100,
      }),
  }),
  // The group lookup, then its directory's first page, through the view's model (test/bench/reveal.ts).
  'reveal a group': async (client) => {
    const id = SAMPLE.firstListedGroupId;
    const session = new Session(client, () => 100, 'reliability');
    const model = plainTree(session);
    await model.children();
    return {
      target: {
        match: { route: 'get_group', path: new RegExp(`/${id}$`) },
        id,
        directory: SAMPLE.largeDirectoryId,
        list: false,
      },
      run: async () => {
        const outcome = await plainReveal(model, session, id);
        if ('failed' in outcome) throw outcome.failed;
        if (!('found' in outcome)) throw new Error(`not revealed: ${Object.keys(outcome).join()}`);
        return outcome.found;
      },
    };
  },
  'count members': async (client) => {
    // Every group counted once, then one forgotten: the run reads that group's members alone.
    const session = new Session(client, () => 100, 'reliability');
    const directory = { id: COUNTED_DIRECTORY };
    const { groups } = await countMembers(session, directory, new AbortController().signal, () => {});
    const { id } = groups[0].group;
    session.forgetQuery({ of: 'members', group: id, directory: directory.id });
    return {
      target: { match: { route: 'list_users', query: { group: id } }, list: true },
      run: async () => {
        const { groups: counts } = await countMembers(session, directory, new AbortController().signal, () => {});
        assert.ok(
          counts.slice(1).every((count) => count.error === undefined),
          'the other groups count',
        );
        const target = counts.find((count) => count.group.id === id);
        if (target?.error instanceof Error) throw target.error;
        assert.equal(target?.error, undefined);
        return counts;
      },
    };
  },
  'groups of a user': async (client) => ({
    target: { match: { route: 'list_groups', query: { user: SAMPLE.userWithGroupsId } }, list: true },
    run: () => collectAll(client.allGroups({ user: SAMPLE.userWithGroupsId, limit: 100 })),
  }),
};

/** A directory of 7 groups, for Count Members. */
const COUNTED_DIRECTORY = 'directory_01K42DB0484E28TBHBJXPT7FCN';

/** Pacing that waits no real time: the matrix is about faults, the bench measures the pace. */
function instantClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: (ms, signal) => (signal?.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve(void (now += ms))),
  };
}

function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * 3600_000).toISOString();
}

describe('reliability matrix, client level: every fault × every operation', function () {
  this.timeout(10_000);
  let fake: FakeWorkOS;
  const rows: MatrixRow[] = [];

  before(async () => {
    // The client paces users lists on instant time here, so the fake's own limit is off: a 429 comes only from a fault.
    fake = await startFakeWorkOS({ apiKeys: [KEY], usersRateLimit: false });
  });
  after(async () => {
    await fake.close();
    writeResults(process.cwd(), 'client', rows);
  });

  for (const fault of FAULT_CASES) {
    for (const operation of [...OPERATIONS, ...EVENT_OPERATIONS]) {
      it(`${fault.name} × ${operation}`, async () => {
        fake.clearFaults();
        const waits: number[] = [];
        const client = new WorkOSClient({
          apiKey: KEY,
          baseUrl: fake.url,
          timeoutMs: 2000,
          sleep: async (ms) => void waits.push(ms),
          clock: instantClock(),
        });
        const { target, run } = await OPERATION_STEPS[operation](client);
        fake.clearRequests();
        for (const injected of fault.faults(target)) fake.inject(injected);
        const expected = fault.expect(operation);
        const started = Date.now();
        let result: unknown;
        let error: unknown;
        try {
          result = await run();
        } catch (caught) {
          error = caught;
        }
        const elapsed = Date.now() - started;
        assert.ok(elapsed < 8000, `finished in ${elapsed} ms, not hung`);
        assert.ok(fake.requests.length <= 4, `${fake.requests.length} requests: retries stay within 3`);
        if (expected.outcome === 'recovered') {
          assert.equal(error, undefined, `recovered, but failed with ${String(error)}`);
          assert.ok(result !== undefined);
          if (expected.waitsMs) assert.deepEqual(waits, expected.waitsMs);
          rows.push({
            fault: fault.name,
            operation,
            outcome: 'recovered',
            detail: `${fake.requests.length} request(s)${waits.length ? `, waited ${waits.map((ms) => `${ms} ms`).join(', ')}` : ''}`,
          });
        } else {
          assert.ok(isWorkOSError(error), `a WorkOSError, got ${String(error)}`);
          assert.equal(error.kind, expected.kind, error.message);
          assert.ok(error.message.length > 10 && !error.message.includes(KEY));
          if (error.status !== undefined) assert.ok(error.requestId, 'a failure with a response names its request ID');
          rows.push({
            fault: fault.name,
            operation,
            outcome: 'clear failure',
            detail: `${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}`,
          });
        }
      });
    }
  }
});

// scanBothEnds against the fake API over real HTTP: the list read from both ends at once must be exactly
// what one newest-first cursor lists, for lists of every size around the page boundaries.
import * as assert from 'node:assert/strict';
import { generatedDataset } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS, type RecordedRequest } from '../fake-workos/server';
import {
  collectAll,
  scanBothEnds,
  WorkOSClient,
  WorkOSError,
  type DirectoryGroup,
  type ScanOptions,
  type ScanOrder,
  type ScanPage,
} from '../../src/workos';
import { waitFor } from '../wait-for';

const KEY = 'sk_test_scan_suite_0123456789';
/** Directory i of the dataset has SIZES[i] groups. */
const SIZES = [0, 1, 2, 6, 7, 8, 13, 14, 15, 21, 22, 99, 100, 101, 150, 199, 200, 201, 250, 1000, 1001];
/** Measured request counts, printed at the end: `limit N → desc + asc = total`. */
const measured: string[] = [];

describe('scanBothEnds: a list read from both ends at once, against the fake over HTTP', function () {
  this.timeout(20_000);
  const dataset = generatedDataset({ directories: SIZES.length, groupsPerDirectory: SIZES, seed: 'scan' });
  let fake: FakeWorkOS;
  let client: WorkOSClient;
  /** The requests of this test's fake whose answer is finished or whose socket has closed. */
  let finished: Set<RecordedRequest>;

  // A fake (and a client) of its own for each test: a request that a test's scan cancelled may still
  // be on its way when the test ends, and must not reach the next test's fake or take its faults. The
  // next fake starts listening before the last one closes, so it cannot be given the same port.
  beforeEach(async () => {
    const previous: FakeWorkOS | undefined = fake;
    const finishedHere = new Set<RecordedRequest>();
    finished = finishedHere;
    fake = await startFakeWorkOS({ apiKeys: [KEY], dataset, onRequest: (request) => finishedHere.add(request) });
    client = new WorkOSClient({ apiKey: KEY, baseUrl: fake.url, sleep: async () => undefined });
    await previous?.close();
  });
  after(async () => {
    await fake.close();
    if (measured.length > 0)
      console.log(`      requests (desc + asc = total):\n        ${measured.join('\n        ')}`);
  });

  const directoryOf = (size: number) => fake.dataset.directories[SIZES.indexOf(size)].id;

  function pagesOf(directory: string, limit: number): ScanPage<DirectoryGroup> {
    return (order, after, signal) => client.listGroups({ directory, limit, order, after }, signal);
  }

  /** The single-cursor (desc) listing, read before the requests are counted. */
  async function reference(directory: string, limit: number): Promise<string[]> {
    const all = await collectAll(client.allGroups({ directory, limit }), { maxPages: 1000 });
    return all.map((group) => group.id);
  }

  function listRequests(directory: string): RecordedRequest[] {
    return fake.requests.filter((r) => r.route === 'list_groups' && r.query.directory === directory);
  }

  /**
   * `directory`'s pages for one scan, each request noted. A request the scan cancels is cancelled only
   * once it has reached the fake (otherwise it might arrive after the test has counted, or never), so
   * `allAtFake` can wait until every request the scan sent is at the fake and finished there, answered
   * or dropped, before the requests are counted.
   */
  function trackedPages(directory: string, limit: number) {
    const sent: Array<{ order: ScanOrder; after: string | undefined }> = [];
    // Within one scan each side asks for each cursor once (a repeated one ends the scan).
    const recordOf = (call: (typeof sent)[number]) =>
      listRequests(directory).find(
        (r) => r.query.limit === String(limit) && r.query.order === call.order && r.query.after === call.after,
      );
    const pages: ScanPage<DirectoryGroup> = (order, after, signal) => {
      const call = { order, after };
      sent.push(call);
      const request = new AbortController();
      const cancel = () => request.abort();
      const onAbort = () => {
        const what = `the ${order} request after ${after ?? 'no cursor'} has reached the fake`;
        void waitFor(() => recordOf(call) !== undefined, what).then(cancel, cancel);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      return client
        .listGroups({ directory, limit, order, after }, request.signal)
        .finally(() => signal?.removeEventListener('abort', onAbort));
    };
    const allAtFake = () =>
      waitFor(
        () =>
          sent.every((call) => {
            const record = recordOf(call);
            return record !== undefined && finished.has(record);
          }),
        `each of the ${sent.length} requests the scan sent has reached the fake and finished there`,
      );
    return { pages, allAtFake };
  }

  async function scan(size: number, limit: number, options: ScanOptions<DirectoryGroup> = {}) {
    const directory = directoryOf(size);
    const expected = await reference(directory, limit);
    assert.equal(expected.length, size);
    fake.clearRequests();
    const batches: DirectoryGroup[][] = [];
    const tracked = trackedPages(directory, limit);
    const result = await scanBothEnds(tracked.pages, {
      ...options,
      onItems: (items) => {
        batches.push([...items]);
        options.onItems?.(items);
      },
    });
    await tracked.allAtFake();
    const requests = listRequests(directory);
    return { expected, result, ids: result.map((g) => g.id), batches, requests };
  }

  const count = (requests: RecordedRequest[], order: string) => requests.filter((r) => r.query.order === order).length;

  for (const limit of [100, 7]) {
    for (const size of SIZES.filter((n) => limit === 100 || n <= 250)) {
      it(`limit ${limit}, ${size} groups: exactly the single-cursor set, newest first, in about half the round trips`, async () => {
        const { expected, ids, batches, requests } = await scan(size, limit);
        assert.equal(new Set(ids).size, ids.length, 'no group twice');
        assert.deepEqual(new Set(ids), new Set(expected));
        assert.deepEqual(ids, expected, 'in the order of the single desc cursor');
        const handed = batches.flat().map((g) => g.id);
        assert.equal(handed.length, size, 'onItems hands each group over once');
        assert.deepEqual(new Set(handed), new Set(expected));

        const pages = Math.max(1, Math.ceil(size / limit));
        const desc = count(requests, 'desc');
        const asc = count(requests, 'asc');
        assert.equal(desc + asc, requests.length, 'every request names its order');
        measured.push(`limit ${limit}, N ${size} (${pages} pages): ${desc} + ${asc} = ${requests.length}`);
        // A page holds at most `limit` items, so the total cannot be below `pages`; what halves is
        // each cursor's chain of round trips. One page more per side when the two ends only touch.
        assert.ok(desc <= pages / 2 + 2 && asc <= pages / 2 + 2, `desc ${desc}, asc ${asc} for ${pages} pages`);
        assert.ok(requests.length <= pages + 2, `${requests.length} requests for ${pages} pages`);
        assert.ok(requests.every((r) => r.status === 200 || r.status === 0));
      });
    }
  }

  it('keeps the new items of a meeting page once, when the ends meet in the middle of a page', async () => {
    // 150 groups: the newest 100 and the oldest 100 overlap by 50, and whichever first page arrives
    // second is the meeting page.
    const { expected, ids, batches, requests } = await scan(150, 100);
    assert.deepEqual(ids, expected);
    assert.ok(requests.length <= 3, 'the two first pages, and perhaps a second desc one, cancelled');
    assert.deepEqual(
      batches.map((batch) => batch.length),
      [100, 50],
    );
    // 250 at limit 7, with the asc side slowed: the desc side runs ahead and meets it mid-page.
    fake.inject({ kind: 'latency', ms: 40, match: { query: { order: 'asc' } }, times: Infinity });
    const directory = directoryOf(250);
    const expected7 = await reference(directory, 7);
    fake.clearRequests();
    const handed: string[] = [];
    const tracked = trackedPages(directory, 7);
    const lopsided = await scanBothEnds(tracked.pages, {
      onItems: (items) => handed.push(...items.map((g) => g.id)),
    });
    await tracked.allAtFake();
    assert.deepEqual(
      lopsided.map((g) => g.id),
      expected7,
    );
    assert.equal(handed.length, 250);
    const lopsidedRequests = listRequests(directory);
    assert.ok(count(lopsidedRequests, 'desc') > count(lopsidedRequests, 'asc'), 'the desc side did more');
    assert.ok(
      lopsidedRequests.length <= Math.ceil(250 / 7) + 2,
      `${count(lopsidedRequests, 'desc')} + ${count(lopsidedRequests, 'asc')}`,
    );
  });

  describe('a server that refuses order=asc (422)', () => {
    for (const size of [1, 250]) {
      it(`${size} groups: falls back to the desc cursor, with a reason, and lists the exact set`, async () => {
        fake.inject({ kind: 'status', status: 422, times: Infinity, match: { query: { order: 'asc' } } });
        const reasons: string[] = [];
        const { expected, ids, requests } = await scan(size, 100, { onFallback: (r) => reasons.push(r) });
        assert.deepEqual(ids, expected);
        assert.equal(count(requests, 'desc'), Math.max(1, Math.ceil(size / 100)));
        // A one-page list may end from the desc side before the refusal arrives: nothing to fall back from.
        if (size > 100) assert.match(reasons.join(), /refused order=asc/);
        assert.ok(reasons.length <= 1);
      });
    }
  });

  describe('a server that ignores order=asc', () => {
    for (const size of [0, 1, 100, 101, 250, 1001]) {
      it(`${size} groups: falls back to the desc cursor once, with a reason, and lists the exact set`, async () => {
        fake.inject({ kind: 'ignore-order', times: Infinity });
        const reasons: string[] = [];
        const { expected, ids, batches, requests } = await scan(size, 100, { onFallback: (r) => reasons.push(r) });
        assert.deepEqual(ids, expected);
        assert.equal(batches.flat().length, size, 'no group handed over twice');
        const pages = Math.max(1, Math.ceil(size / 100));
        if (pages === 1) {
          // One page is the whole list, whichever order it came in: nothing to fall back from.
          assert.deepEqual(reasons, []);
        } else {
          assert.equal(reasons.length, 1);
          assert.match(reasons[0], /ignored order=asc/);
          assert.equal(count(requests, 'desc'), pages);
          assert.equal(count(requests, 'asc'), 1, 'the asc side stops after its first page');
        }
      });
    }

    it('falls back whichever first page arrives first', async () => {
      fake.inject({ kind: 'ignore-order', times: Infinity });
      const directory = directoryOf(1001);
      const expected = await reference(directory, 100);
      for (const slowOrder of ['asc', 'desc'] as const) {
        const reasons: string[] = [];
        const handed: string[] = [];
        // The slow side sends its first request once the other side's first page is in.
        let otherFirstIn!: () => void;
        const otherFirst = new Promise<void>((resolve) => (otherFirstIn = resolve));
        const slowed: ScanPage<DirectoryGroup> = async (order, after, signal) => {
          if (order === slowOrder && after === undefined) await otherFirst;
          const page = await pagesOf(directory, 100)(order, after, signal);
          if (order !== slowOrder && after === undefined) otherFirstIn();
          return page;
        };
        const result = await scanBothEnds(slowed, {
          onFallback: (reason) => reasons.push(reason),
          onItems: (items) => handed.push(...items.map((g) => g.id)),
        });
        assert.deepEqual(
          result.map((g) => g.id),
          expected,
          `${slowOrder} slow`,
        );
        assert.equal(reasons.length, 1);
        assert.equal(handed.length, 1001);
      }
    });
  });

  describe('cancellation', () => {
    it('rejects with cancelled when aborted after the first pages, and sends nothing more', async () => {
      // Each side's first page comes after 30 ms; every later request is held by the fake, in flight
      // until the scan drops it.
      fake.inject({ kind: 'latency', ms: 30, match: { query: { order: 'desc' } } });
      fake.inject({ kind: 'latency', ms: 30, match: { query: { order: 'asc' } } });
      fake.inject({ kind: 'hang', times: Infinity });
      const directory = directoryOf(1000);
      const controller = new AbortController();
      const calls: Array<{ order: string; afterAbort: boolean; signal: AbortSignal | undefined }> = [];
      const counted: ScanPage<DirectoryGroup> = (order, after, signal) => {
        calls.push({ order, afterAbort: controller.signal.aborted, signal });
        return pagesOf(directory, 100)(order, after, signal);
      };
      let batches = 0;
      const started = performance.now();
      const scanning = scanBothEnds(counted, { signal: controller.signal, onItems: () => void batches++ });
      scanning.catch(() => undefined); // checked below; not left unhandled should the wait fail
      // Aborted once both first pages are in and each side's next request has reached the fake: every
      // request sent before the abort is then at the fake, where the test can see what became of it.
      await waitFor(() => listRequests(directory).length === 4, "each side's second request is at the fake");
      assert.equal(batches, 2, 'both first pages handed over');
      const sentAtAbort = calls.length;
      controller.abort();
      await assert.rejects(scanning, (error: unknown) => {
        assert.ok(error instanceof WorkOSError);
        assert.equal(error.kind, 'cancelled');
        return true;
      });
      assert.ok(performance.now() - started < 1000);
      assert.equal(calls.length, sentAtAbort, 'no request after the abort');
      assert.ok(calls.every((call) => !call.afterAbort));
      assert.ok(
        calls.every((call) => call.signal?.aborted),
        'every request, those in flight too, got the abort',
      );
      await waitFor(
        () => listRequests(directory).every((r) => finished.has(r)),
        'every request at the fake has been answered or dropped',
      );
      const seen = listRequests(directory).length;
      assert.equal(seen, sentAtAbort, `${seen} requests at the fake, ${sentAtAbort} sent`);
      // Every request sent is accounted for at the fake, and none was sent since: nothing can arrive later.
      assert.equal(calls.length, seen, 'nothing arrives later');
      // Requests in flight at the abort got the signal: the fake saw them go away unanswered.
      assert.ok(
        listRequests(directory)
          .slice(2)
          .every((r) => r.status === 0 && finished.has(r)),
      );
    });

    it('sends nothing when the signal has already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      let calls = 0;
      await assert.rejects(
        scanBothEnds(
          () => {
            calls++;
            return Promise.reject(new Error('not expected'));
          },
          { signal: controller.signal },
        ),
        (error: unknown) => error instanceof WorkOSError && error.kind === 'cancelled',
      );
      assert.equal(calls, 0);
    });
  });

  it('hands over the first page of each end as soon as it arrives, before the scan ends', async () => {
    fake.setLatency(10);
    const directory = directoryOf(1000);
    const expected = await reference(directory, 100);
    let received = 0;
    let ended = false;
    const handed: Array<{ ids: string[]; received: number; ended: boolean }> = [];
    const counting: ScanPage<DirectoryGroup> = async (order, after, signal) => {
      const page = await pagesOf(directory, 100)(order, after, signal);
      received++;
      return page;
    };
    const scanning = scanBothEnds(counting, {
      onItems: (items) => handed.push({ ids: items.map((g) => g.id), received, ended }),
    }).then((result) => {
      ended = true;
      return result;
    });
    const result = await scanning;
    assert.equal(result.length, 1000);
    const newest = handed.find((batch) => batch.ids[0] === expected[0]);
    const oldest = handed.find((batch) => batch.ids[0] === expected[999]);
    assert.ok(newest && oldest, 'both first pages handed over');
    assert.deepEqual(newest.ids, expected.slice(0, 100));
    assert.deepEqual(oldest.ids, [...expected.slice(900)].reverse(), 'oldest first, as the asc page came');
    assert.ok(newest.received <= 2 && oldest.received <= 2, 'each in the turn its page arrived');
    assert.ok(!newest.ended && !oldest.ended);
    assert.ok(handed.indexOf(newest) <= 1 && handed.indexOf(oldest) <= 1, 'the first two batches');
  });

  describe('failures', () => {
    it('rejects with the error of a page that fails, and cancels the other side', async () => {
      fake.setLatency(20);
      fake.inject({ kind: 'status', status: 404, match: { query: { order: 'asc' } } });
      const tracked = trackedPages(directoryOf(1000), 100);
      const error = await scanBothEnds(tracked.pages).then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof WorkOSError);
      assert.equal(error.kind, 'not_found');
      assert.equal(error.status, 404);
      await tracked.allAtFake();
      assert.ok(listRequests(directoryOf(1000)).length <= 3);
    });

    it('stops a repeating cursor with invalid_response', async () => {
      fake.inject({ kind: 'repeat-cursor', times: Infinity, match: { query: { order: 'desc' } } });
      await assert.rejects(scanBothEnds(pagesOf(directoryOf(1000), 100)), (error: unknown) => {
        assert.ok(error instanceof WorkOSError);
        assert.equal(error.kind, 'invalid_response');
        assert.match(error.message, /cursor .* twice/);
        return true;
      });
    });

    it('stops a list that never ends at the page limit, with a clear error', async () => {
      const item = fake.dataset.groups[0];
      fake.inject({ kind: 'endless-list', item, times: Infinity });
      const tracked = trackedPages(directoryOf(1), 100);
      await assert.rejects(scanBothEnds(tracked.pages, { maxPages: 20 }), (error: unknown) => {
        assert.ok(error instanceof WorkOSError);
        assert.equal(error.kind, 'invalid_response');
        assert.match(error.message, /limit of 20 pages: 20 items were collected/);
        return true;
      });
      await tracked.allAtFake();
      assert.ok(fake.requests.length <= 21);
    });

    it('has no item limit by default; maxItems sets one', async () => {
      const result = await scanBothEnds(pagesOf(directoryOf(1001), 100));
      assert.equal(result.length, 1001);
      await assert.rejects(
        scanBothEnds(pagesOf(directoryOf(1001), 100), { maxItems: 500 }),
        /limit of 500 items: 500 items were collected/,
      );
    });
  });
});

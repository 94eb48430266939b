// Recent Changes against the fake's `/events`, which lists oldest first whatever `order` says (issue 21):
// what the newest screen costs by windows, beside reading the month forward; one directory of an
// organisation with two; and a poll when nothing changed.
import { DSYNC_EVENT_TYPES, eventDirectoryId, EventTimeline, WorkOSClient, type WorkOSEvent } from '../../src/workos';
import { SCREEN } from '../../src/session/events';
import { generatedDataset } from '../fake-workos/dataset';
import { monthOfEvents } from '../fake-workos/event-data';
import { startFakeWorkOS } from '../fake-workos/server';

const API_KEY = 'sk_test_bench_events';
const PAGE = 100;

export interface EventsBench {
  /** Rows of a screen. */
  screen: number;
  /** Directory Sync events the fake keeps (30 days). */
  events: number;
  newestScreen: { requests: number; ms: number[]; forwardPages: number; rows: number; sameRows: boolean };
  oneDirectory: {
    requests: number;
    ms: number[];
    /** Pages of the organisation's stream, newest first, that hold the directory's 50 newest events. */
    pagesHoldingScreen: number;
    forwardPages: number;
    share: number;
    sameRows: boolean;
  };
  poll: { requests: number };
}

/** Each figure `runs` times (`ms` per run); the fake answers after `latency` ms. */
export async function eventsBench(latency: number, runs: number): Promise<EventsBench> {
  // Three directories: the first and third in one organisation, the third with a tenth of its changes.
  const dataset = generatedDataset({ directories: 3, groupsPerDirectory: 20, usersPerDirectory: 200 });
  const [big, other, small] = dataset.directories;
  const now = Date.now();
  dataset.events = monthOfEvents(dataset, {
    now,
    perDay: 60,
    // In the other organisation, so that the third directory holds a tenth of its organisation's changes.
    bulkSyncDaysAgo: [26, 19, 12],
    bulkDirectory: other.id,
    weights: { [big.id]: 9, [other.id]: 1, [small.id]: 1 },
  });
  const fake = await startFakeWorkOS({ apiKeys: [API_KEY], dataset, latencyMs: latency });
  const client = new WorkOSClient({ apiKey: API_KEY, baseUrl: fake.url });
  const kept = dataset.events
    .filter((event) => (DSYNC_EVENT_TYPES as readonly string[]).includes(event.event))
    .filter((event) => Date.parse(event.created_at) > now - 30 * 24 * 3600_000 + 60_000)
    .reverse() as unknown as WorkOSEvent[];
  const organization = small.organization_id;
  const ofSmall = (event: WorkOSEvent) => eventDirectoryId(event) === small.id;
  const inOrganization = kept.filter((event) => {
    const data = event.data as { organization_id?: string; user?: { organization_id?: string } };
    return (data.organization_id ?? data.user?.organization_id) === organization;
  });
  const timeline = (keep: (event: WorkOSEvent) => boolean, organization_id?: string) =>
    new EventTimeline(
      (window) => client.listEvents({ events: DSYNC_EVENT_TYPES, organization_id, limit: PAGE, ...window }),
      keep,
      now,
      organization_id !== undefined,
    );
  const measure = async (keep: (event: WorkOSEvent) => boolean, organization_id?: string) => {
    const reader = timeline(keep, organization_id);
    const started = performance.now();
    const rows = await reader.older(SCREEN);
    return { reader, rows, ms: performance.now() - started };
  };
  try {
    const all: Array<Awaited<ReturnType<typeof measure>>> = [];
    const one: Array<Awaited<ReturnType<typeof measure>>> = [];
    for (let run = 0; run < runs; run++) {
      all.push(await measure(() => true));
      one.push(await measure(ofSmall, organization));
    }
    const smallIds = inOrganization.filter(ofSmall).map((event) => event.id);
    const fiftieth = inOrganization.findIndex((event) => event.id === smallIds[SCREEN - 1]);
    const before = fake.requests.length;
    await all[0].reader.newer();
    const poll = { requests: fake.requests.length - before };
    return {
      screen: SCREEN,
      events: kept.length,
      newestScreen: {
        requests: Math.max(...all.map((run) => run.reader.requests)),
        ms: all.map((run) => run.ms),
        forwardPages: await forwardPages(client, now),
        rows: all[0].rows.length,
        sameRows: all.every((run) => run.rows.every((event, i) => event.id === kept[i].id)),
      },
      oneDirectory: {
        requests: Math.max(...one.map((run) => run.reader.requests)),
        ms: one.map((run) => run.ms),
        pagesHoldingScreen: Math.ceil((fiftieth + 1) / PAGE),
        forwardPages: await forwardPages(client, now, organization),
        share: smallIds.length / inOrganization.length,
        sameRows: one.every((run) => run.rows.every((event, i) => event.id === smallIds[i])),
      },
      poll,
    };
  } finally {
    await fake.close();
  }
}

/** The naive way: the month read forward from 30 days ago, to reach the newest. */
async function forwardPages(client: WorkOSClient, now: number, organization_id?: string): Promise<number> {
  const range_start = new Date(now - 30 * 24 * 3600_000 + 60_000).toISOString();
  let pages = 0;
  let after: string | undefined;
  do {
    const page = await client.listEvents({
      events: DSYNC_EVENT_TYPES,
      organization_id,
      range_start,
      limit: PAGE,
      after,
    });
    pages++;
    after = page.after ?? undefined;
  } while (after);
  return pages;
}

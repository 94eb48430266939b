// Figures of the one-door session (issue 20), measured in this process against fakes of their own:
// organisation names for 1,000 directories one by one and from the organisations list; expanding a
// directory idle and while 100 organisation names load; what the object cache keeps of eight 20 MB
// answers. Reported by run.ts; goals are reported there, never asserted.
import { Session } from '../../src/session/session';
import { WorkOSClient, type DirectoryGroup } from '../../src/workos';
import { generatedDataset } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';

const API_KEY = 'sk_test_bench_one_door';
const NAMED_DIRECTORIES = 1_000;
const BACKGROUND_NAMES = 100;
const LARGE_ANSWERS = 8;
const LARGE_ANSWER_BYTES = 20 * 1024 * 1024;

export interface OneDoorFigures {
  /** Requests and wall time to name the organisations of 1,000 directories (1,000 organisations). */
  organisationNames: { directories: number; oneEach: Way; list: Way };
  /** Loading a directory's first group page alone, and while 100 organisation names load. */
  expandWhileBackground: { idleMs: number; busyMs: number; ratio: number; busyOneEachMs: number };
  /** Bytes of JSON the session's cache holds after eight 20 MB answers (each shown, not kept). */
  cacheCeiling: { answers: number; answerBytes: number; keptBytes: number; keptObjects: number };
}

interface Way {
  requests: number;
  ms: number;
}

function session(fake: FakeWorkOS): Session {
  return new Session(new WorkOSClient({ apiKey: API_KEY, baseUrl: fake.url }), () => 100, 'bench');
}

async function timed(fake: FakeWorkOS, work: () => Promise<unknown>): Promise<Way> {
  fake.clearRequests();
  const started = performance.now();
  await work();
  return { ms: performance.now() - started, requests: fake.requests.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function oneDoorFigures(latencyMs: number, runs: number): Promise<OneDoorFigures> {
  const dataset = generatedDataset({
    directories: NAMED_DIRECTORIES,
    groupsPerDirectory: 150,
    organizations: NAMED_DIRECTORIES,
    seed: 'one door',
  });
  const fake = await startFakeWorkOS({ apiKeys: [API_KEY], dataset, latencyMs });
  try {
    const organizationIds = dataset.directories.map((directory) => directory.organization_id);
    const oneEach = await timed(fake, () =>
      Promise.all(
        organizationIds.map((id) =>
          session(fake)
            .get('organization', id)
            .catch(() => undefined),
        ),
      ),
    );
    // What the extension does for many names (the directory picker): the list, 100 a page.
    const list = await timed(fake, () => session(fake).organizations(organizationIds));

    const directory = dataset.directories[0].id;
    const expand = async (background: (names: Session) => Promise<unknown>) => {
      const results: number[] = [];
      for (let run = 0; run < runs; run++) {
        const names = session(fake);
        const busy = background(names);
        const started = performance.now();
        await names.list({ of: 'groups', directory }).loadNext();
        results.push(performance.now() - started);
        await busy;
      }
      return median(results);
    };
    const hundred = organizationIds.slice(1, 1 + BACKGROUND_NAMES);
    const idleMs = await expand(async () => {});
    const busyMs = await expand((names) => names.organizations(hundred));
    const busyOneEachMs = await expand((names) =>
      Promise.all(hundred.map((id) => names.get('organization', id).catch(() => undefined))),
    );

    const cache = session(fake);
    const group = dataset.groups[0];
    for (let answer = 0; answer < LARGE_ANSWERS; answer++) {
      const id = `${group.id.slice(0, -2)}${String(answer).padStart(2, '0')}`;
      const large: DirectoryGroup = { ...group, id, name: 'x'.repeat(LARGE_ANSWER_BYTES) };
      fake.inject({ kind: 'json', body: large, match: { route: 'get_group', path: `/directory_groups/${id}` } });
      await cache.fetch('directory_group', id);
    }
    const kept = cache.cacheSize;
    return {
      organisationNames: { directories: NAMED_DIRECTORIES, oneEach, list },
      expandWhileBackground: { idleMs, busyMs, ratio: busyMs / idleMs, busyOneEachMs },
      cacheCeiling: {
        answers: LARGE_ANSWERS,
        answerBytes: LARGE_ANSWER_BYTES,
        keptBytes: kept.chars,
        keptObjects: kept.objects,
      },
    };
  } finally {
    await fake.close();
  }
}

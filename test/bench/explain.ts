// Explain User Access (issue 22), measured in this process against a fake of its own with the users
// list's limit on: a user in 135 groups, by ID (goal: 1 + ⌈135 / 100⌉ requests plus the event windows)
// and by email across 20 directories (goal: at most 20 more). Each run starts from a session that
// has what the Directories view shows at once (the directories and their organisations' names), as
// the command does from the view. Reported by run.ts; goals are reported there, never asserted.
import { findByEmail, gatherFacts } from '../../src/explain-user/gather';
import { Session } from '../../src/session/session';
import { emailKey } from '../../src/text/email';
import { WorkOSClient } from '../../src/workos';
import { generatedDataset } from '../fake-workos/dataset';
import { monthOfEvents } from '../fake-workos/event-data';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';

const API_KEY = 'sk_test_bench_explain';
const DIRECTORIES = 20;
export const EXPLAIN_GROUPS = 135;
const PAGE = 100;

interface Way {
  /** Requests of the whole explanation, the most in any run. */
  requests: number;
  groupPages: number;
  eventRequests: number;
  /** Email lookups (by email only). */
  lookups: number;
  ms: number;
  /** Groups the report would list, the fewest in any run. */
  groups: number;
}

export interface ExplainBench {
  groups: number;
  directories: number;
  byId: Way;
  byEmail: Way;
  /** 1 + ⌈groups / 100⌉ + the event windows of the by-ID run. */
  byIdGoal: number;
}

export async function explainBench(latencyMs: number, runs: number): Promise<ExplainBench> {
  const dataset = generatedDataset({
    directories: DIRECTORIES,
    groupsPerDirectory: [EXPLAIN_GROUPS + 15, ...Array<number>(DIRECTORIES - 1).fill(10)],
    usersPerDirectory: 40,
    seed: 'explain',
  });
  const directory = dataset.directories[0];
  const user = dataset.users.find((candidate) => candidate.directory_id === directory.id)!;
  // The user is in exactly 135 of its directory's groups.
  dataset.memberships = dataset.memberships.filter(([userId]) => userId !== user.id);
  const groups = dataset.groups.filter((group) => group.directory_id === directory.id).slice(0, EXPLAIN_GROUPS);
  dataset.memberships.push(...groups.map((group): [string, string] => [user.id, group.id]));
  dataset.events = monthOfEvents(dataset, { now: Date.now(), perDay: 40, bulkSyncDaysAgo: [] });
  const fake = await startFakeWorkOS({ apiKeys: [API_KEY], dataset, latencyMs, usersRateLimit: true });
  try {
    const byId = await measure(fake, runs, async (session, signal) => {
      const fetched = await session.fetch('directory_user', user.id, signal);
      return gatherFacts(session, fetched, signal, () => {});
    });
    const byEmail = await measure(fake, runs, async (session, signal) => {
      const found = await findByEmail(session, emailKey(user.email!), signal, () => {});
      if (found.matches.length !== 1) throw new Error(`${found.matches.length} matches for ${user.email}`);
      return gatherFacts(session, found.matches[0].user, signal, () => {});
    });
    return {
      groups: EXPLAIN_GROUPS,
      directories: DIRECTORIES,
      byId,
      byEmail,
      byIdGoal: 1 + Math.ceil(EXPLAIN_GROUPS / PAGE) + byId.eventRequests,
    };
  } finally {
    await fake.close();
  }
}

async function measure(
  fake: FakeWorkOS,
  runs: number,
  explain: (session: Session, signal: AbortSignal) => Promise<{ groups: readonly unknown[] }>,
): Promise<Way> {
  const results: Way[] = [];
  for (let run = 0; run < runs; run++) {
    const session = new Session(new WorkOSClient({ apiKey: API_KEY, baseUrl: fake.url }), () => PAGE, 'bench');
    // What the Directories view holds before the command: the directories and their organisations.
    const directories = session.list({ of: 'directories' });
    await directories.loadNext();
    await session.organizations(directories.items.flatMap((d) => (d.organization_id ? [d.organization_id] : [])));
    // Past the fake's 1 s window for the users list: each run starts with the limit unspent.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    fake.clearRequests();
    const started = performance.now();
    const facts = await explain(session, new AbortController().signal);
    const ms = performance.now() - started;
    const requests = fake.requests;
    results.push({
      requests: requests.length,
      groupPages: requests.filter((r) => r.route === 'list_groups').length,
      eventRequests: requests.filter((r) => r.path === '/events').length,
      lookups: requests.filter((r) => r.route === 'list_users' && r.query.email !== undefined).length,
      ms,
      groups: facts.groups.length,
    });
  }
  const most = (key: 'requests' | 'groupPages' | 'eventRequests' | 'lookups') =>
    Math.max(...results.map((result) => result[key]));
  const sorted = results.map((result) => result.ms).sort((a, b) => a - b);
  return {
    requests: most('requests'),
    groupPages: most('groupPages'),
    eventRequests: most('eventRequests'),
    lookups: most('lookups'),
    ms: sorted[Math.floor(sorted.length / 2)],
    groups: Math.min(...results.map((result) => result.groups)),
  };
}

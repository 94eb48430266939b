// Count Members of a 250-group directory whose groups hold 0 to 1,000 members (issue 22), measured in
// this process against a fake of its own with the `/directory_users` limit on: the wall time against
// the pacing floor (member pages ÷ 4 a second), the 429s the fake sent, and every count against the
// fake's. Reported by run.ts (goals are reported, never asserted); `node out/test/bench/count-members.js`
// runs it alone.
import { countMembers } from '../../src/count-members/count';
import { Session } from '../../src/session/session';
import { WorkOSClient } from '../../src/workos';
import { generatedDataset } from '../fake-workos/dataset';
import { startFakeWorkOS } from '../fake-workos/server';

const API_KEY = 'sk_test_bench_count_members';
const GROUPS = 250;
const LARGEST = 1_000;
const PAGE = 100;
const USERS_PER_SECOND = 4;
export const COUNT_MEMBERS_GOAL_RATIO = 1.05;

export interface CountMembersFigures {
  groups: number;
  memberships: number;
  /** Member pages the counts need: one per 100 members, and one for an empty group. */
  memberPages: number;
  ms: number;
  /** memberPages ÷ 4 a second. */
  floorMs: number;
  ratio: number;
  /** 429s the fake answered. */
  throttled: number;
  /** Every group counted, each equal to the fake's. */
  exact: boolean;
}

export async function countMembersFigures(latencyMs: number): Promise<CountMembersFigures> {
  const dataset = generatedDataset({
    directories: 1,
    groupsPerDirectory: GROUPS,
    usersPerDirectory: LARGEST,
    seed: 'count members',
  });
  const directory = dataset.directories[0].id;
  const users = dataset.users.filter((user) => user.directory_id === directory);
  const groups = dataset.groups.filter((group) => group.directory_id === directory);
  // Sizes spread evenly from 0 to 1,000; shaped here, on this fake's own data, not the shared sample.
  const sizes = new Map(groups.map((group, i) => [group.id, Math.round((i * LARGEST) / (groups.length - 1))]));
  dataset.memberships = groups.flatMap((group) =>
    users.slice(0, sizes.get(group.id)).map((user): [string, string] => [user.id, group.id]),
  );
  const memberPages = [...sizes.values()].reduce((sum, size) => sum + Math.max(1, Math.ceil(size / PAGE)), 0);
  const fake = await startFakeWorkOS({ apiKeys: [API_KEY], dataset, latencyMs });
  try {
    const session = new Session(new WorkOSClient({ apiKey: API_KEY, baseUrl: fake.url }), () => PAGE, 'bench');
    const started = performance.now();
    const { groups: counts } = await countMembers(session, { id: directory }, new AbortController().signal, () => {});
    const ms = performance.now() - started;
    session.end();
    const floorMs = (memberPages / USERS_PER_SECOND) * 1000;
    return {
      groups: counts.length,
      memberships: dataset.memberships.length,
      memberPages,
      ms,
      floorMs,
      ratio: ms / floorMs,
      throttled: fake.requests.filter((request) => request.status === 429).length,
      exact:
        counts.length === GROUPS &&
        counts.every(({ group, count, error }) => error === undefined && count === sizes.get(group.id)),
    };
  } finally {
    await fake.close();
  }
}

if (require.main === module) {
  void countMembersFigures(Number(process.argv[2] ?? 50)).then(
    (figures) => console.log(JSON.stringify({ countMembers: figures })),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

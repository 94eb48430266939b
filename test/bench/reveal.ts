// Reveal in Directories (issue 22) in plain Node: the view's model and a session against the fake, as
// the command drives them (revealTarget, then findRow). The benchmark counts what revealing a group at
// position k of the 2,600-group sample directory costs; the unit tests and the client-level fault
// matrix use the same harness.
import { Session } from '../../src/session/session';
import { TreeModel } from '../../src/tree/model';
import { findRow, revealTarget, type RevealOutcome, type RevealStep } from '../../src/tree/reveal-path';
import { WorkOSClient } from '../../src/workos';
import { SAMPLE } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';

/** The Directories view's model over one session, as the extension builds it, minus VS Code. */
export function plainTree(session: Session): TreeModel {
  return new TreeModel({
    session: async () => ({ session, keySource: 'secret-storage' }),
    activeSession: () => (session.ended ? undefined : session),
    changed: () => {},
    stateChanged: () => {},
    pageFailed: () => {},
  });
}

/** What the command does for `id`, minus the screen: the lookup (throws a 404), then the pages in order. */
export async function plainReveal(
  model: TreeModel,
  session: Session,
  id: string,
  options: { signal?: AbortSignal; onStep?: (step: RevealStep) => void } = {},
): Promise<RevealOutcome> {
  const target = await revealTarget(session, id, options.signal ?? session.signal);
  return findRow(model, session, target.row, options);
}

export interface RevealFigures {
  /** The group's position in the directory's list (0 is the first row). */
  position: number;
  /** Every request: the group lookup, the directories page, and the group pages. */
  requests: number;
  /** Group pages read. */
  pages: number;
  /** ⌈(k + 1) / 100⌉. */
  expectedPages: number;
  found: boolean;
  ms: number;
}

const API_KEY = 'sk_test_bench_reveal';
/** Page 26 of 26, as in the issue. */
const POSITION = 2_550;

function session(fake: FakeWorkOS): Session {
  return new Session(new WorkOSClient({ apiKey: API_KEY, baseUrl: fake.url }), () => 100, 'bench');
}

/** Reveals the group at {@link POSITION} of the large sample directory, in a fresh session. */
export async function revealFigures(latencyMs: number): Promise<RevealFigures> {
  const fake = await startFakeWorkOS({ apiKeys: [API_KEY], latencyMs });
  try {
    const groups = await session(fake).collect({ of: 'groups', directory: SAMPLE.largeDirectoryId });
    const id = groups[POSITION].id;
    const revealing = session(fake);
    fake.clearRequests();
    const started = performance.now();
    const outcome = await plainReveal(plainTree(revealing), revealing, id);
    const ms = performance.now() - started;
    return {
      position: POSITION,
      requests: fake.requests.length,
      pages: fake.requests.filter((request) => request.route === 'list_groups').length,
      expectedPages: Math.ceil((POSITION + 1) / 100),
      found: 'found' in outcome,
      ms,
    };
  } finally {
    await fake.close();
  }
}

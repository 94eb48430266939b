// The child side of the benchmark. The parent serves the fake WorkOS API and counts what reaches it;
// a child runs one task at a time when asked, timing its own work, so that the parent can interleave
// the variants' runs and count the requests of each.

/** What the fake saw during one task. */
export interface Counts {
  requests: number;
  /** Response bytes on the wire, headers included. */
  bytesDown: number;
  /** Request bytes on the wire. */
  bytesUp: number;
  maxInFlight: number;
  /** Time the fake held the requests, arrival to response sent, summed. */
  serverMs: number;
}

export interface ChildArgs {
  url: string;
  apiKey: string;
  /** The directory with the big group list. */
  directory: string;
  /** Side-by-side runs of the SDK's autoPagination(). */
  runs: number;
  /** A second fake, with group members and its `/directory_users` limit on, and the groups to expand at once. */
  members: { url: string; directory: string; groups: string[] };
}

export interface Listing {
  ms: number;
  groups: number;
}

/** One `scanBothEnds` of the big directory with a fresh client, checked against a single-cursor listing. */
export interface ScanRun {
  ms: number;
  /** From calling scanBothEnds to its first and its second `onItems` call (the first page of each end). */
  firstPageMs: number;
  firstTwoPagesMs: number;
  /** `onItems` calls. */
  batches: number;
  /** Items returned, and distinct IDs among them. */
  items: number;
  distinct: number;
  /** Items of the single-cursor listing (`collectAll(client.allGroups(...))`) the result is checked against. */
  referenceItems: number;
  /** The result's IDs are exactly the listing's, each once; and in the listing's order (newest first). */
  sameSet: boolean;
  sameOrder: boolean;
  /** `onFallback` reasons (the fake honours `order`: none expected). */
  fallbacks: string[];
}

/** One expansion of many groups at once (see run.ts). */
export interface MembersExpansion {
  /** Until every group answered, or (SDK) until `Promise.all` rejected. */
  ms: number;
  groups: number;
  /** Member rows shown (ours) or members returned (SDK), over the groups that answered. */
  rows: number;
  /** Groups whose members came: ours, without an error row; the SDK, whose promise fulfilled. */
  groupsDone: number;
  completed: boolean;
  /** The first failure, as its caller sees it. */
  error?: string;
  /** SDK: until every group's promise settled (after `Promise.all` rejects, the others go on). */
  settledMs?: number;
}

/** The link provider's work on the ID log, repeated (see ids.ts). */
export interface LinksRun {
  bytes: number;
  lines: number;
  /** IDs written into the log, and by kind. */
  written: number;
  kinds: Record<string, number>;
  /** IDs found, whether they are the ones written in the same order, and whether every range covers its ID. */
  found: number;
  sameIds: boolean;
  rangesCoverIds: boolean;
  /** Median of the runs; and the fastest, every run, and findIds' own median share. */
  ms: number;
  fastestMs: number;
  runsMs: number[];
  scanMs: number;
}

/** `session.get` of a cached group, per call. */
export interface CachedHover {
  /** The fastest batch's mean. */
  perCallMs: number;
  medianBatchPerCallMs: number;
  calls: number;
  /** The same object as the list page's. */
  sameObject: boolean;
}

/** `session.get` of a group a fresh session has not seen. */
export interface ColdHover {
  ms: number;
  id: string;
  answered: boolean;
}

export const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;

/** Answers `{ task }` messages with `{ result }` until the parent disconnects. */
export function serve(tasks: Record<string, () => Promise<unknown>>): void {
  process.on('message', ({ task }: { task: string }) => {
    void tasks[task]().then((result) => process.send!({ result }));
  });
  process.on('disconnect', () => process.exit(0));
}

export async function timed(listing: () => Promise<number>): Promise<Listing> {
  const started = performance.now();
  const groups = await listing();
  return { ms: performance.now() - started, groups };
}

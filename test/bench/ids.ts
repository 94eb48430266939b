// "WorkOS IDs in any editor" without VS Code (issue 11): a deterministic log with a known set of real
// IDs, and what the DocumentLinkProvider costs on it. The provider itself needs VS Code; what it does
// is `findIds(document.getText())` and two `document.positionAt()` per ID, and the extension host's
// TextDocument answers positionAt from its lines: their text joined once (getText), an index of line
// starts built once per version, and a binary search per offset. That is what `links()` repeats.
import { findIds } from '../../src/ids-in-editors/id-scanner';
import type { WorkOSObjectKind } from '../../src/workos';
import { sampleDataset } from '../fake-workos/dataset';

export const LOG_BYTES = 5_000_000;
export const LOG_IDS = 10_000;

/** A text document as the extension host holds it: its lines, without their line ends. */
export interface LogDocument {
  lines: string[];
  eol: string;
  /** Every ID written into it, in order. */
  ids: string[];
  kinds: Partial<Record<WorkOSObjectKind | 'legacy directory_group', number>>;
  bytes: number;
}

/** mulberry32: the same log on every run and machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * About `LOG_BYTES` of a sync service's log with exactly `LOG_IDS` IDs of the sample data's kinds
 * (directory_group_, the legacy directory_grp_, directory_user_, directory_, org_), spread evenly over
 * its lines, between lines without IDs; near misses (`/directory_users`, `org_chart`, an ID with a
 * glued suffix or prefix, a lower-case body) that the scanner must not take.
 */
export function idLog(): LogDocument {
  const dataset = sampleDataset();
  const pools = {
    group: dataset.groups.filter((group) => group.id.startsWith('directory_group_')).map((group) => group.id),
    legacyGroup: dataset.groups.filter((group) => group.id.startsWith('directory_grp_')).map((group) => group.id),
    user: dataset.users.map((user) => user.id),
    directory: dataset.directories.map((directory) => directory.id),
    organization: (dataset.organizations ?? []).map((organization) => organization.id),
  };
  const next = random(11);
  const int = (below: number) => Math.floor(next() * below);
  const pick = (pool: string[]) => pool[int(pool.length)];
  const hex = (length: number) => Array.from({ length }, () => '0123456789abcdef'[int(16)]).join('');
  const doc: LogDocument = { lines: [], eol: '\n', ids: [], kinds: {}, bytes: 0 };
  const id = (pool: keyof typeof pools) => {
    const value = pick(pools[pool]);
    const kind =
      pool === 'group'
        ? 'directory_group'
        : pool === 'legacyGroup'
          ? 'legacy directory_group'
          : pool === 'user'
            ? 'directory_user'
            : pool === 'organization'
              ? 'organization'
              : 'directory';
    doc.kinds[kind] = (doc.kinds[kind] ?? 0) + 1;
    doc.ids.push(value);
    return value;
  };
  let time = Date.UTC(2025, 2, 3, 8, 0, 0);
  const stamp = () => new Date((time += int(400))).toISOString();
  /** Lines that carry IDs, by how many. */
  const withIds: Array<[ids: number, line: () => string]> = [
    [1, () => `${stamp()} DEBUG http GET /directory_groups/${id('group')} -> 200 (${int(90)} ms) req=${hex(16)}`],
    [
      1,
      () =>
        `${stamp()} DEBUG http GET /directory_users?group=${id('group')}&limit=100 -> 200 (${int(90)} ms) req=${hex(16)}`,
    ],
    [1, () => `${stamp()} WARN  sync: retrying ${id('legacyGroup')} after 429 (Retry-After: 1), attempt ${int(3) + 1}`],
    [
      2,
      () =>
        `${stamp()} INFO  webhook dsync.group.user_added group=${id('group')} user=${id('user')} delivered in ${int(900)} ms`,
    ],
    [
      3,
      () =>
        `${stamp()} INFO  payload {"object":"directory_user","id":"${id('user')}","directory_id":"${id('directory')}","organization_id":"${id('organization')}","state":"active"}`,
    ],
    [
      2,
      () =>
        `${stamp()} INFO  directory ${id('directory')} (organization ${id('organization')}) synced: ${int(3000)} users, ${int(500)} groups`,
    ],
  ];
  const withoutIds: Array<() => string> = [
    () => `${stamp()} INFO  heartbeat ok, ${int(40)} pending on queue directory_sync_events, worker ${int(8)}`,
    () => `${stamp()} DEBUG http GET /directory_users?limit=100&after=${hex(12)} -> 200 (${int(90)} ms) req=${hex(16)}`,
    () => `${stamp()} DEBUG cache org_chart refreshed; my_directory_x unchanged; directory_groups page ${int(9)} of 9`,
    () =>
      `${stamp()} INFO  request ${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)} finished: 200, ${int(9000)} bytes`,
    // Near misses: glued to a word or a suffix, or a body that is no Crockford base-32 ULID.
    () => `${stamp()} DEBUG archived ${pick(pools.group)}_old and x${pick(pools.user)}; skipped ${pick(pools.group)}9`,
    () => `${stamp()} DEBUG lower-case body directory_group_${hex(26)}, short org_${hex(10).toUpperCase()}, done`,
  ];
  while (doc.ids.length < LOG_IDS || doc.bytes < LOG_BYTES) {
    // Evenly spread: an ID line whenever the IDs lag behind the bytes.
    const idsDue = doc.ids.length < LOG_IDS && doc.ids.length / LOG_IDS <= doc.bytes / LOG_BYTES;
    const fitting = withIds.filter(([count]) => count <= LOG_IDS - doc.ids.length);
    const line = idsDue ? fitting[int(fitting.length)][1]() : withoutIds[int(withoutIds.length)]();
    doc.lines.push(line);
    doc.bytes += line.length + doc.eol.length;
  }
  doc.bytes -= doc.eol.length;
  return doc;
}

/**
 * Line starts as the extension host keeps them for positionAt (a prefix sum of line lengths plus
 * their line ends, built once per document version).
 */
export function lineStarts(doc: LogDocument): Uint32Array {
  const starts = new Uint32Array(doc.lines.length);
  for (let i = 1; i < doc.lines.length; i++) starts[i] = starts[i - 1] + doc.lines[i - 1].length + doc.eol.length;
  return starts;
}

/** `document.positionAt(offset)`: the last line starting at or before it, by binary search. */
export function positionAt(starts: Uint32Array, offset: number): { line: number; character: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: offset - starts[low] };
}

/** One run of what the link provider does to `doc`: its text, its IDs, and their ranges as positions. */
export function links(doc: LogDocument) {
  const started = performance.now();
  const text = doc.lines.join(doc.eol);
  const starts = lineStarts(doc);
  const scanStarted = performance.now();
  const found = findIds(text);
  const scanMs = performance.now() - scanStarted;
  const ranges = found.map(({ start, end }) => [positionAt(starts, start), positionAt(starts, end)] as const);
  return { ms: performance.now() - started, scanMs, found, ranges };
}

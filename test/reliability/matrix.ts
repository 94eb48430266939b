// The reliability matrix (issue: every fault × every operation ends "recovered" or "clear failure").
// Shared by the client-level suite (test/unit) and the extension-level suite (test/integration).
import type { WorkOSErrorKind } from '../../src/workos';
import type { Fault } from '../fake-workos/server';

export const OPERATIONS = [
  'list directories',
  'list a directory’s groups',
  'load more',
  'open group by ID',
  'groups of a user',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The request an operation makes, so a fault hits exactly it. */
export interface Target {
  /** Path of the request under test, e.g. `/directory_groups` or `/directory_groups/<id>`. */
  path: string;
  /** For a get-by-ID: the ID, so a replacement body can carry it. */
  id?: string;
  /** A list request (as opposed to a get-by-ID). */
  list: boolean;
}

export type Expected =
  { outcome: 'recovered'; waitsMs?: number[] } | { outcome: 'clear failure'; kind: WorkOSErrorKind };

export interface FaultCase {
  name: string;
  faults(target: Target): Fault[];
  expect(operation: Operation): Expected;
}

const recovered = (waitsMs?: number[]): Expected => ({ outcome: 'recovered', ...(waitsMs && { waitsMs }) });
const failure = (kind: WorkOSErrorKind): Expected => ({ outcome: 'clear failure', kind });
const always = { times: Infinity };

/** A body of about `bytes`, as a list page or as the object a get-by-ID asked for. */
function hugeBody(target: Target, bytes: number): unknown {
  const blob = 'x'.repeat(Math.floor(bytes / 100));
  const item = (i: number) => ({
    object: 'directory_group',
    id: `directory_group_01HUGE${String(i).padStart(20, '0')}`,
    name: `Huge ${i}`,
    raw_attributes: { blob },
  });
  if (!target.list) return { ...item(0), id: target.id, raw_attributes: { blob: 'x'.repeat(bytes) } };
  return {
    object: 'list',
    data: Array.from({ length: 100 }, (_, i) => item(i)),
    list_metadata: { before: null, after: null },
  };
}

export const FAULT_CASES: FaultCase[] = [
  {
    name: '429, Retry-After: 2 (seconds)',
    faults: ({ path }) => [{ kind: 'status', status: 429, retryAfter: '2', match: { path } }],
    expect: () => recovered([2000]),
  },
  {
    name: '429, Retry-After as an HTTP date',
    faults: ({ path }) => [
      { kind: 'status', status: 429, retryAfter: new Date(Date.now() + 3000).toUTCString(), match: { path } },
    ],
    expect: () => recovered(),
  },
  {
    name: '429 without Retry-After',
    faults: ({ path }) => [{ kind: 'status', status: 429, match: { path } }],
    expect: () => recovered(),
  },
  {
    name: '429, Retry-After: 86400 (capped at 60 s)',
    faults: ({ path }) => [{ kind: 'status', status: 429, retryAfter: '86400', match: { path } }],
    expect: () => recovered([60_000]),
  },
  {
    name: '429 always',
    faults: ({ path }) => [{ kind: 'status', status: 429, retryAfter: '1', match: { path }, ...always }],
    expect: () => failure('rate_limited'),
  },
  ...[500, 502, 503, 504].flatMap((status): FaultCase[] => [
    {
      name: `${status} once`,
      faults: ({ path }) => [{ kind: 'status', status, match: { path } }],
      expect: () => recovered(),
    },
    {
      name: `${status} always`,
      faults: ({ path }) => [{ kind: 'status', status, match: { path }, ...always }],
      expect: () => failure('server'),
    },
  ]),
  {
    name: '408 once',
    faults: ({ path }) => [{ kind: 'status', status: 408, match: { path } }],
    expect: () => recovered(),
  },
  {
    name: 'no response (timeout)',
    faults: ({ path }) => [{ kind: 'hang', match: { path } }],
    expect: () => failure('timeout'),
  },
  {
    name: 'connection reset once',
    faults: ({ path }) => [{ kind: 'reset', match: { path } }],
    expect: () => recovered(),
  },
  {
    name: 'connection reset always',
    faults: ({ path }) => [{ kind: 'reset', match: { path }, ...always }],
    expect: () => failure('network'),
  },
  {
    name: 'body is not JSON',
    faults: ({ path }) => [{ kind: 'malformed', match: { path } }],
    expect: () => failure('invalid_response'),
  },
  {
    name: 'JSON without `data`',
    faults: ({ path }) => [
      { kind: 'json', body: { object: 'list', list_metadata: { before: null, after: null } }, match: { path } },
    ],
    expect: () => failure('invalid_response'),
  },
  {
    name: '`data` not an array',
    faults: ({ path }) => [
      { kind: 'json', body: { object: 'list', data: { id: 'x' }, list_metadata: {} }, match: { path } },
    ],
    expect: () => failure('invalid_response'),
  },
  {
    name: 'an item without `id`',
    faults: ({ path }) => [
      { kind: 'json', body: { object: 'list', data: [{ name: 'no id' }], list_metadata: {} }, match: { path } },
    ],
    expect: () => failure('invalid_response'),
  },
  {
    name: 'a cursor that repeats',
    faults: ({ path }) => [{ kind: 'repeat-cursor', match: { path }, ...always }],
    // Only a request that follows a cursor can see it repeat; single-page answers are unaffected.
    expect: (operation) => (operation === 'load more' ? failure('invalid_response') : recovered()),
  },
  {
    name: 'an empty page whose `after` is not null',
    faults: ({ path }) => [
      {
        kind: 'json',
        body: {
          object: 'list',
          data: [],
          list_metadata: { before: null, after: 'directory_group_01EMPTY000000000000000000000' },
        },
        match: { path },
      },
    ],
    expect: () => failure('invalid_response'),
  },
  {
    name: 'a 10 MB answer',
    faults: (target) => [{ kind: 'json', body: hugeBody(target, 10_000_000), match: { path: target.path } }],
    expect: () => recovered(),
  },
  {
    name: '401 (key revoked mid-browse)',
    faults: ({ path }) => [{ kind: 'status', status: 401, match: { path } }],
    expect: () => failure('unauthorized'),
  },
  {
    name: '404 (deleted while browsing)',
    faults: ({ path }) => [{ kind: 'status', status: 404, match: { path } }],
    expect: () => failure('not_found'),
  },
];

export interface MatrixRow {
  fault: string;
  operation: Operation;
  outcome: string;
  detail: string;
}

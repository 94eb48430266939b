// The reliability matrix (issue: every fault × every operation ends "recovered" or "clear failure").
// Shared by the client-level suite (test/unit) and the extension-level suite (test/integration).
import type { WorkOSErrorKind } from '../../src/workos';
import type { Fault, FaultMatch } from '../fake-workos/server';

export const OPERATIONS = [
  'list directories',
  'list a directory’s groups',
  'load more',
  'open group by ID',
  'groups of a user',
  'reveal a group',
  /** One group's members failing under Count Members: that group says why in the report, the others count. */
  'count members',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * Recent Changes' reads, at the client level: a window of the newest events, and one organisation's
 * (the directory filter). A page of events leaves an odd item out rather than failing: one odd event
 * never takes the other rows down.
 */
export const EVENT_OPERATIONS = ['a window of changes', 'one directory’s changes'] as const;
export type EventOperation = (typeof EVENT_OPERATIONS)[number];
/** Explain User Access, through the extension only: by ID (the user's own request) and by email (the lookup in the user's directory). */
export const EXPLAIN_OPERATIONS = ['explain a user by ID', 'explain a user by email'] as const;
export type ExplainOperation = (typeof EXPLAIN_OPERATIONS)[number];
export type AnyOperation = Operation | EventOperation | ExplainOperation;

function isEventOperation(operation: AnyOperation): operation is EventOperation {
  return (EVENT_OPERATIONS as readonly string[]).includes(operation);
}

/** The request an operation makes, so a fault hits exactly it. */
export interface Target {
  /**
   * What the request under test asks, whichever route serves it (flat or nested), e.g.
   * `{ route: 'list_groups', query: { user } }`.
   */
  match: FaultMatch;
  /** For a get-by-ID: the ID, so a replacement body can carry it. */
  id?: string;
  /** For a get-by-ID of a group: its directory, which a replacement body carries too. */
  directory?: string;
  /** A list request (as opposed to a get-by-ID). */
  list: boolean;
  /** The object asked for (or the one item the list should hold): a huge answer carries it, padded. */
  sample?: Record<string, unknown>;
}

export type Expected =
  { outcome: 'recovered'; waitsMs?: number[] } | { outcome: 'clear failure'; kind: WorkOSErrorKind };

export interface FaultCase {
  name: string;
  faults(target: Target): Fault[];
  expect(operation: AnyOperation): Expected;
}

const recovered = (waitsMs?: number[]): Expected => ({ outcome: 'recovered', ...(waitsMs && { waitsMs }) });
const failure = (kind: WorkOSErrorKind): Expected => ({ outcome: 'clear failure', kind });
const always = { times: Infinity };

/** A body of about `bytes`, as a list page or as the object a get-by-ID asked for. */
function hugeBody(target: Target, bytes: number): unknown {
  const blob = 'x'.repeat(Math.floor(bytes / 100));
  // Of the directory asked for, if any: the client leaves out items of another.
  const item = (i: number) => ({
    object: 'directory_group',
    id: `directory_group_01HUGE${String(i).padStart(20, '0')}`,
    directory_id: target.directory ?? target.match.query?.directory,
    name: `Huge ${i}`,
    raw_attributes: { blob },
  });
  const { sample } = target;
  if (!target.list) {
    return { ...(sample ?? item(0)), id: target.id, raw_attributes: { blob: 'x'.repeat(bytes) } };
  }
  // With a sample: it, and 99 others of its kind that the filter asked for would have left out.
  const filler = (i: number) =>
    sample
      ? {
          ...sample,
          id: `${String(sample.id).replace(/_[^_]*$/, '')}_01HUGE${String(i).padStart(20, '0')}`,
          email: `huge${i}@example.invalid`,
          raw_attributes: { blob },
        }
      : item(i);
  return {
    object: 'list',
    data: Array.from({ length: 100 }, (_, i) => (sample && i === 0 ? sample : filler(i))),
    list_metadata: { before: null, after: null },
  };
}

export const FAULT_CASES: FaultCase[] = [
  {
    name: '429, Retry-After: 2 (seconds)',
    faults: ({ match }) => [{ kind: 'status', status: 429, retryAfter: '2', match }],
    expect: () => recovered([2000]),
  },
  {
    name: '429, Retry-After as an HTTP date',
    faults: ({ match }) => [
      { kind: 'status', status: 429, retryAfter: new Date(Date.now() + 3000).toUTCString(), match },
    ],
    expect: () => recovered(),
  },
  {
    name: '429 without Retry-After',
    faults: ({ match }) => [{ kind: 'status', status: 429, match }],
    expect: () => recovered(),
  },
  {
    name: '429, Retry-After: 86400 (capped at 60 s)',
    faults: ({ match }) => [{ kind: 'status', status: 429, retryAfter: '86400', match }],
    expect: () => recovered([60_000]),
  },
  {
    name: '429 always',
    faults: ({ match }) => [{ kind: 'status', status: 429, retryAfter: '1', match, ...always }],
    expect: () => failure('rate_limited'),
  },
  ...[500, 502, 503, 504].flatMap((status): FaultCase[] => [
    {
      name: `${status} once`,
      faults: ({ match }) => [{ kind: 'status', status, match }],
      expect: () => recovered(),
    },
    {
      name: `${status} always`,
      faults: ({ match }) => [{ kind: 'status', status, match, ...always }],
      expect: () => failure('server'),
    },
  ]),
  {
    name: '408 once',
    faults: ({ match }) => [{ kind: 'status', status: 408, match }],
    expect: () => recovered(),
  },
  {
    name: 'no response (timeout)',
    faults: ({ match }) => [{ kind: 'hang', match }],
    expect: () => failure('timeout'),
  },
  {
    name: 'connection reset once',
    faults: ({ match }) => [{ kind: 'reset', match }],
    expect: () => recovered(),
  },
  {
    name: 'connection reset always',
    faults: ({ match }) => [{ kind: 'reset', match, ...always }],
    expect: () => failure('network'),
  },
  {
    name: 'body is not JSON',
    faults: ({ match }) => [{ kind: 'malformed', match }],
    expect: () => failure('invalid_response'),
  },
  {
    name: 'JSON without `data`',
    faults: ({ match }) => [
      { kind: 'json', body: { object: 'list', list_metadata: { before: null, after: null } }, match },
    ],
    expect: () => failure('invalid_response'),
  },
  {
    name: '`data` not an array',
    faults: ({ match }) => [{ kind: 'json', body: { object: 'list', data: { id: 'x' }, list_metadata: {} }, match }],
    expect: () => failure('invalid_response'),
  },
  {
    name: 'an item without `id`',
    faults: ({ match }) => [
      { kind: 'json', body: { object: 'list', data: [{ name: 'no id' }], list_metadata: {} }, match },
    ],
    expect: (operation) => (isEventOperation(operation) ? recovered() : failure('invalid_response')),
  },
  {
    name: 'a cursor that repeats',
    faults: ({ match }) => [{ kind: 'repeat-cursor', match, ...always }],
    // Only a request that follows a cursor can see it repeat; single-page answers are unaffected.
    expect: (operation) => (operation === 'load more' ? failure('invalid_response') : recovered()),
  },
  {
    name: 'an empty page whose `after` is not null',
    faults: ({ match }) => [
      {
        kind: 'json',
        body: {
          object: 'list',
          data: [],
          list_metadata: { before: null, after: 'directory_group_01EMPTY000000000000000000000' },
        },
        match,
      },
    ],
    expect: () => failure('invalid_response'),
  },
  {
    name: 'a 10 MB answer',
    faults: (target) => [{ kind: 'json', body: hugeBody(target, 10_000_000), match: target.match }],
    expect: () => recovered(),
  },
  {
    name: '401 (key revoked mid-browse)',
    faults: ({ match }) => [{ kind: 'status', status: 401, match }],
    expect: () => failure('unauthorized'),
  },
  {
    // Every time: a 404 on a nested route is asked again on the flat one, where a deleted object is gone too.
    name: '404 (deleted while browsing)',
    faults: ({ match }) => [{ kind: 'status', status: 404, match, ...always }],
    expect: () => failure('not_found'),
  },
];

export interface MatrixRow {
  fault: string;
  operation: AnyOperation;
  outcome: string;
  detail: string;
}

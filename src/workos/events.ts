import * as l10n from '@vscode/l10n';
import { WorkOSError } from './errors';
import { idProblem, isIdShaped } from './ids';
import { CursorTrail } from './pagination';
import type { Page } from './types';

// The Events API (`GET /events`) as it really behaves: it ignores `order` and lists oldest first, and
// keeps 30 days. The newest events are found by windows: `range_start`/`range_end` bound a recent
// stretch of time, read forward with `after`, widened backwards until a screen is full.

/** An event exactly as the API sent it: `data` and `context` are whatever the server put there. */
export interface WorkOSEvent {
  object?: unknown;
  id: string;
  event: string;
  data: unknown;
  created_at: string;
  context?: unknown;
  [field: string]: unknown;
}

export const DSYNC_EVENT_TYPES = [
  'dsync.activated',
  'dsync.deleted',
  'dsync.group.created',
  'dsync.group.updated',
  'dsync.group.deleted',
  'dsync.group.user_added',
  'dsync.group.user_removed',
  'dsync.user.created',
  'dsync.user.updated',
  'dsync.user.deleted',
] as const;

export interface ListEventsParams {
  /** The types asked for; the API needs at least one. */
  events: readonly string[];
  organization_id?: string;
  /** ISO 8601. */
  range_start?: string;
  range_end?: string;
  after?: string;
  limit?: number;
}

/** How long WorkOS keeps events. */
export const EVENTS_KEPT_MS = 30 * 24 * 3600 * 1000;

/** The query `/events` is sent; refuses what would be a 400 or reach the wrong organisation. */
export function eventsQuery(params: ListEventsParams): Record<string, string | number | undefined> {
  if (params.events.length === 0)
    throw new WorkOSError('invalid', l10n.t('Events are listed by type: name at least one.'));
  if (params.organization_id !== undefined) {
    const problem = idProblem(params.organization_id, 'organization');
    if (problem) throw new WorkOSError('invalid', problem);
  }
  if (params.after !== undefined && !isIdShaped(params.after)) {
    throw new WorkOSError('invalid', l10n.t('A page cursor must be a WorkOS object ID.'));
  }
  const { limit } = params;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 100)) {
    throw new WorkOSError('invalid', l10n.t('The page size must be a whole number from 1 to 100, not {0}.', limit));
  }
  // Comma-separated, as the Node SDK sends them.
  return { ...params, events: params.events.join(',') };
}

/**
 * A page of events, read leniently: one odd item (no `event_` ID, not an object) is left out and
 * counted in `dropped` instead of failing the page, and so is an event of another product than the
 * types asked for (some servers read only `events[]=` and send every type).
 */
export function parseEventsPage(
  body: unknown,
  requestId: string | undefined,
  types: readonly string[],
): Page<WorkOSEvent> {
  const envelope = (typeof body === 'object' && body !== null ? body : {}) as {
    data?: unknown;
    list_metadata?: unknown;
  };
  if (!Array.isArray(envelope.data)) {
    throw new WorkOSError(
      'invalid_response',
      l10n.t('WorkOS answered with a list in an unexpected shape (no `data` array).'),
      {
        requestId,
      },
    );
  }
  const asked = new Set(types);
  // A Directory Sync type not known yet (WorkOS adds types) is still a directory's change.
  const family = new Set(types.map(familyOf));
  const data = envelope.data.filter(
    (item): item is WorkOSEvent => isEvent(item) && (asked.has(item.event) || family.has(familyOf(item.event))),
  );
  const metadata = (
    typeof envelope.list_metadata === 'object' && envelope.list_metadata !== null ? envelope.list_metadata : {}
  ) as Record<string, unknown>;
  const cursor = (value: unknown) => (typeof value === 'string' && isIdShaped(value) ? value : null);
  const after = cursor(metadata.after);
  if (envelope.data.length === 0 && after !== null) {
    throw new WorkOSError(
      'invalid_response',
      l10n.t('WorkOS sent an empty page that claims more follow; stopped paging to avoid a loop.'),
      { requestId },
    );
  }
  return { data, before: cursor(metadata.before), after, requestId, dropped: envelope.data.length - data.length };
}

/**
 * The events of [start, end], oldest first. The live API sends just those, in that order; a server
 * that ignores `range_start`/`range_end` or honours `order` (WorkOS's emulator does both) must not put
 * other days' events into a window or turn the list around.
 */
function inTimeOrder(events: readonly WorkOSEvent[], start: number, end: number): WorkOSEvent[] {
  const at = (event: WorkOSEvent) => Date.parse(event.created_at);
  return events
    .filter((event) => at(event) >= start && at(event) <= end)
    .sort((a, b) => at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** An event's ID: `event_…` from WorkOS, `evt_…` from its emulator. */
export function isEventId(id: string): boolean {
  return /^(?:event|evt)_[0-9A-Za-z]{1,100}$/.test(id);
}

/** `dsync` of `dsync.user.created`. */
function familyOf(type: string): string {
  return type.split('.')[0] ?? type;
}

function isEvent(item: unknown): item is WorkOSEvent {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const { id, event, created_at } = item as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    isEventId(id) &&
    typeof event === 'string' &&
    typeof created_at === 'string' &&
    !Number.isNaN(Date.parse(created_at))
  );
}

/** The directory an event is about: `data.directory_id`, or the directory itself for `dsync.activated`/`deleted`. */
export function eventDirectoryId(event: WorkOSEvent): string | undefined {
  const data = event.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const { directory_id, id, object } = data as Record<string, unknown>;
  if (typeof directory_id === 'string') return directory_id;
  return object === 'directory' && typeof id === 'string' ? id : undefined;
}

/** One page of `/events` in a window: the times are ISO 8601, `after` pages forward. */
export type EventsFetcher = (window: {
  range_start: string;
  range_end?: string;
  after?: string;
}) => Promise<Page<WorkOSEvent>>;

/** The first window; each next one is sized from what the earlier ones held. */
const FIRST_SPAN_MS = 6 * 3600 * 1000;
const SCOPED_FIRST_SPAN_MS = 48 * 3600 * 1000;
/** Below this a window is read forward whatever it holds: a bulk sync can put hundreds in one second. */
const MIN_SPAN_MS = 1000;
/** Pages one read may take at most, so that a server that keeps sending pages cannot keep us reading. */
const MAX_PAGES = 200;

/**
 * Reads one feed of events newest first. Everything between {@link end} and the newest is read; older
 * events come window by window on {@link older}, newer ones on {@link newer}. `keep` says which events
 * count (the events of one directory, when the server could filter only by organisation).
 */
export class EventTimeline {
  /** Events from here to the newest are read; older ones are not yet. */
  private end: number;
  private readonly oldest: number;
  private span: number;
  /** What was read so far: raw events, kept ones, and the time they span; they size the next window. */
  private raw = 0;
  private kept = 0;
  private spanRead = 0;
  /** The newest event read (kept or not): polling asks only for what follows it. */
  private newest: WorkOSEvent | undefined;
  private readonly seen = new Set<string>();
  /** Requests sent, for the benchmark. */
  requests = 0;

  constructor(
    private readonly fetch: EventsFetcher,
    private readonly keep: (event: WorkOSEvent) => boolean,
    private readonly startedAt: number,
    /**
     * Whether `keep` keeps only some events (one directory of an organisation): the first window is
     * wider, so that it shows what share that is, and it is read whole whatever it holds.
     */
    private readonly scoped = false,
  ) {
    this.span = scoped ? SCOPED_FIRST_SPAN_MS : FIRST_SPAN_MS;
    this.end = startedAt;
    // A minute inside the 30 days, so that the oldest window never asks for what WorkOS no longer keeps.
    this.oldest = startedAt - EVENTS_KEPT_MS + 60_000;
  }

  /** Whether older events may exist within the 30 days. */
  get hasOlder(): boolean {
    return this.end > this.oldest;
  }

  /** At least `want` kept events older than those read (fewer at the end of the 30 days), newest first. */
  async older(want: number): Promise<WorkOSEvent[]> {
    const found: WorkOSEvent[] = [];
    while (found.length < want && this.hasOlder) {
      const start = Math.max(this.oldest, this.end - this.span);
      const events = await this.window(start, this.end, want - found.length);
      if (events === undefined) {
        this.span = Math.max(MIN_SPAN_MS, (this.end - start) / 4);
        continue;
      }
      const kept = this.take(events);
      this.newest ??= events.at(-1);
      this.raw += events.length;
      this.kept += kept.length;
      this.spanRead += this.end - start;
      this.end = start;
      found.push(...kept.reverse());
      // Sized for the rest of this screen, or for the next one once this is full.
      this.span = this.nextSpan(found.length < want ? want - found.length : want);
    }
    return found;
  }

  /** The kept events newer than every one read so far, newest first: one request when there are none. */
  async newer(): Promise<WorkOSEvent[]> {
    const events: WorkOSEvent[] = [];
    const trail = new CursorTrail();
    let after = this.newest?.id;
    const range_start = new Date(this.newest ? Date.parse(this.newest.created_at) : this.startedAt).toISOString();
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await this.page({ range_start, after });
      events.push(...page.data);
      const next = trail.advance(page, after);
      if (next === null) break;
      after = next;
    }
    const since = this.newest ? Date.parse(this.newest.created_at) : this.startedAt;
    const newer = inTimeOrder(events, since, Infinity);
    this.newest = newer.at(-1) ?? this.newest;
    return this.take(newer).reverse();
  }

  /**
   * Every event of [start, end], oldest first; undefined when the window holds more than a page and a
   * narrower one would do: the rest of the screen is expected within one page of the stream.
   */
  private async window(start: number, end: number, wanted: number): Promise<WorkOSEvent[] | undefined> {
    const range = { range_start: new Date(start).toISOString(), range_end: new Date(end).toISOString() };
    const events: WorkOSEvent[] = [];
    const trail = new CursorTrail();
    let after: string | undefined;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await this.page({ ...range, after });
      events.push(...page.data);
      const next = trail.advance(page, after);
      if (next === null) return inTimeOrder(events, start, end);
      const shareKnown = !this.scoped || this.raw > 0;
      if (after === undefined && shareKnown && end - start > MIN_SPAN_MS && this.rawFor(wanted) <= page.data.length) {
        return undefined;
      }
      after = next;
    }
    throw new WorkOSError(
      'invalid_response',
      l10n.t('Stopped reading events at the limit of {0} pages in one window.', MAX_PAGES),
    );
  }

  private async page(window: Parameters<EventsFetcher>[0]): Promise<Page<WorkOSEvent>> {
    this.requests++;
    return this.fetch(window);
  }

  /** The kept events not seen before (windows may share their bounds), in the order given. */
  private take(events: readonly WorkOSEvent[]): WorkOSEvent[] {
    const kept: WorkOSEvent[] = [];
    for (const event of events) {
      if (this.seen.has(event.id)) continue;
      this.seen.add(event.id);
      if (this.keep(event)) kept.push(event);
    }
    return kept;
  }

  /** Raw events expected to hold `wanted` kept ones, by the share kept so far. */
  private rawFor(wanted: number): number {
    return (wanted * (this.raw + 1)) / (this.kept + 1);
  }

  /**
   * A span expected to hold `wanted` kept events with room for chance (two standard deviations of a
   * count of that size), at most 8 times the last: one window too few costs a request, as does a page too many.
   */
  private nextSpan(wanted: number): number {
    const density = this.raw / this.spanRead;
    const span = density > 0 ? this.rawFor(wanted + 2 * Math.sqrt(wanted)) / density : this.span * 8;
    return Math.max(MIN_SPAN_MS, Math.min(span, this.span * 8));
  }
}

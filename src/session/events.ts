import {
  DSYNC_EVENT_TYPES,
  eventDirectoryId,
  EventTimeline,
  isWorkOSError,
  kindOfId,
  type Directory,
  type WorkOSClient,
  type WorkOSEvent,
} from '../workos';

/** Rows of one screen: the first read, and each Load older. */
export const SCREEN = 50;
/** Events remembered per session for their documents, newest kept; older ones are read again from the list. */
const MAX_REMEMBERED = 20_000;

/** Which changes a feed shows: every directory's, or one directory's. */
export type ChangesScope = { readonly directory: Pick<Directory, 'id' | 'organization_id'> } | undefined;

/**
 * One list of changes, newest first: the first screen on first ask, older ones on request, newer ones
 * on poll. One read at a time; a failed read keeps the rows and is retried from where it stopped.
 */
export class ChangeFeed {
  readonly events: WorkOSEvent[] = [];
  error: unknown = undefined;
  private started = false;
  private inFlight: Promise<void> | undefined;
  private readonly timeline: EventTimeline;

  constructor(
    client: WorkOSClient,
    readonly scope: ChangesScope,
    signal: AbortSignal,
    /** Hears every event read; `newer` for those a poll found, which happened after the feed began. */
    private readonly remember: (events: readonly WorkOSEvent[], newer: boolean) => void,
    now: number,
  ) {
    const directory = scope?.directory;
    const organization = typeof directory?.organization_id === 'string' ? directory.organization_id : undefined;
    this.timeline = new EventTimeline(
      (window) =>
        client.listEvents({ events: DSYNC_EVENT_TYPES, organization_id: organization, limit: 100, ...window }, signal),
      directory ? (event) => eventDirectoryId(event) === directory.id : () => true,
      now,
      directory !== undefined,
    );
  }

  get isPristine(): boolean {
    return !this.started;
  }

  get isLoading(): boolean {
    return this.inFlight !== undefined;
  }

  get hasOlder(): boolean {
    return this.timeline.hasOlder;
  }

  /** The first screen, or the next older one (also the retry of a failed read). */
  loadOlder(): Promise<void> {
    return this.run(async () => {
      const older = await this.timeline.older(SCREEN);
      this.remember(older, false);
      this.events.push(...older);
    });
  }

  /** Asks for what is newer than the newest row; returns the new rows (none on failure, kept in `error`). */
  async poll(): Promise<WorkOSEvent[]> {
    let found: WorkOSEvent[] = [];
    await this.run(async () => {
      found = await this.timeline.newer();
      this.remember(found, true);
      this.events.unshift(...found);
    });
    return found;
  }

  private run(read: () => Promise<void>): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.started = true;
    this.error = undefined;
    this.inFlight = read()
      .catch((error: unknown) => {
        if (!isWorkOSError(error, 'cancelled')) this.error = error;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}

/**
 * A session's changes: one feed per scope, and every event read, by ID, for its JSON and diff. A
 * membership change that any poll finds (Recent Changes', Diagnose's, Explain's) is told to
 * `membersChanged`, so the group's members and count are read anew whoever polled.
 */
export class SessionChanges {
  private readonly feeds = new Map<string, ChangeFeed>();
  private readonly byId = new Map<string, WorkOSEvent>();

  constructor(
    private readonly client: WorkOSClient,
    private readonly signal: AbortSignal,
    private readonly membersChanged: (group: string, directory: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  feed(scope: ChangesScope): ChangeFeed {
    const key = scope?.directory.id ?? '';
    let feed = this.feeds.get(key);
    if (!feed) {
      feed = new ChangeFeed(
        this.client,
        scope,
        this.signal,
        (events, newer) => this.remember(events, newer),
        this.now(),
      );
      this.feeds.set(key, feed);
    }
    return feed;
  }

  /** Refresh: the scope's feed starts over on next ask. */
  restart(scope: ChangesScope): void {
    this.feeds.delete(scope?.directory.id ?? '');
  }

  /** The event as read in this session, or undefined (the list no longer holds it, or another session's). */
  event(id: string): WorkOSEvent | undefined {
    return this.byId.get(id);
  }

  private remember(events: readonly WorkOSEvent[], newer: boolean): void {
    for (const event of events) {
      this.byId.delete(event.id);
      this.byId.set(event.id, event);
      if (!newer || (event.event !== 'dsync.group.user_added' && event.event !== 'dsync.group.user_removed')) continue;
      const { group, directory } = eventSubjects(event);
      if (group && directory) this.membersChanged(group, directory);
    }
    for (const [oldest] of this.byId) {
      if (this.byId.size <= MAX_REMEMBERED) break;
      this.byId.delete(oldest);
    }
  }
}

/** What an event is about: the IDs a row offers to open (each checked to be an ID of its kind). */
export interface EventSubjects {
  user?: string;
  group?: string;
  directory?: string;
}

/** The user, group and directory the event is about, where the data names them with IDs of their kind. */
export function eventSubjects(event: WorkOSEvent): EventSubjects {
  if (!isObject(event.data)) return {};
  const data = event.data as Record<string, unknown>;
  const idOf = (value: unknown, kind: string) => {
    const id = isObject(value) ? (value as { id?: unknown }).id : value;
    return typeof id === 'string' && kindOfId(id) === kind ? id : undefined;
  };
  const subjects: EventSubjects = {
    directory: idOf(data.directory_id, 'directory') ?? idOf(data, 'directory'),
    user: idOf(data.user, 'directory_user') ?? idOf(data, 'directory_user'),
    group: idOf(data.group, 'directory_group') ?? idOf(data, 'directory_group'),
  };
  return Object.fromEntries(Object.entries(subjects).filter(([, id]) => id !== undefined));
}

/** A JSON object (an event's `data`, a user in it), not null nor an array. */
export function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

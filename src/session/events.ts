import {
  DSYNC_EVENT_TYPES,
  eventDirectoryId,
  EventTimeline,
  isWorkOSError,
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
    private readonly remember: (events: readonly WorkOSEvent[]) => void,
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
      this.remember(older);
      this.events.push(...older);
    });
  }

  /** Asks for what is newer than the newest row; returns the new rows (none on failure, kept in `error`). */
  async poll(): Promise<WorkOSEvent[]> {
    let found: WorkOSEvent[] = [];
    await this.run(async () => {
      found = await this.timeline.newer();
      this.remember(found);
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

/** A session's changes: one feed per scope, and every event read, by ID, for its JSON and diff. */
export class SessionChanges {
  private readonly feeds = new Map<string, ChangeFeed>();
  private readonly byId = new Map<string, WorkOSEvent>();

  constructor(
    private readonly client: WorkOSClient,
    private readonly signal: AbortSignal,
    private readonly now: () => number = Date.now,
  ) {}

  feed(scope: ChangesScope): ChangeFeed {
    const key = scope?.directory.id ?? '';
    let feed = this.feeds.get(key);
    if (!feed) {
      feed = new ChangeFeed(this.client, scope, this.signal, (events) => this.remember(events), this.now());
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

  private remember(events: readonly WorkOSEvent[]): void {
    for (const event of events) {
      this.byId.delete(event.id);
      this.byId.set(event.id, event);
    }
    for (const [oldest] of this.byId) {
      if (this.byId.size <= MAX_REMEMBERED) break;
      this.byId.delete(oldest);
    }
  }
}

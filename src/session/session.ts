import { setMaxListeners } from 'node:events';
import * as l10n from '@vscode/l10n';
import {
  collectAll,
  followPages,
  isWorkOSError,
  scanBothEnds,
  WorkOSError,
  type CollectLimits,
  type Directory,
  type DirectoryGroup,
  type DirectoryUser,
  type Organization,
  type Page,
  type WorkOSClient,
  type WorkOSObjectKind,
} from '../workos';
import { abortable, Collection, type CollectionSink } from './collection';
import { SessionChanges } from './events';
import { MemberCounts } from './member-counts';
import { fetchPage, itemKind, listKey, type ItemOf, type ListQuery } from './lists';
import { PagedList } from './paged-list';

/** What each kind of object is on the wire. */
export interface ObjectOfKind {
  directory: Directory;
  directory_group: DirectoryGroup;
  directory_user: DirectoryUser;
  organization: Organization;
}

export type WorkOSObject = ObjectOfKind[WorkOSObjectKind];

/** Every group of a directory, read from both ends of the list at once (see scanBothEnds). */
export interface GroupScanQuery {
  readonly of: 'groupScan';
  readonly directory: string;
}

/** A whole collection: every page of a list, or the two-ended group scan. */
export type CollectionQuery = ListQuery | GroupScanQuery;
type CollectionItem<Q extends CollectionQuery> = Q extends ListQuery ? ItemOf<Q> : DirectoryGroup;

/**
 * The same limits for every collection, whoever reads it: a list that goes on past them (or a server
 * that keeps sending pages) stops with a plain message rather than filling the extension host.
 */
export const COLLECT_LIMITS: Required<CollectLimits> = { maxItems: 10_000, maxPages: 200 };

/** Up to this many names, one request each; past it the organisations list may cost less. */
const ORGANIZATIONS_ONE_BY_ONE = 3;

/**
 * The object cache's bounds. An answer larger than LARGE_OBJECT_CHARS is shown but not kept (only the
 * newest such answer, so the document being opened finds it); the rest is kept newest-used first up to
 * MAX_OBJECTS objects and MAX_CACHED_CHARS characters of JSON.
 */
export const CACHE_LIMITS = {
  maxObjects: 20_000,
  maxChars: 64 * 1024 * 1024,
  largeObjectChars: 1024 * 1024,
  maxNotFound: 1_000,
  /** Finished collections kept for reuse; running ones are never dropped. */
  maxCollections: 32,
};

/**
 * Everything one API key at one address has loaded: the client, one cancellation for all it started,
 * one cache of objects by (kind, ID) that every list page and every by-ID answer feeds, and the paged
 * lists keyed by their query. The tree, the documents and the commands all ask it. A new key or
 * address, or Refresh, ends it and starts another: nothing of an old session reaches a new one.
 */
export class Session {
  readonly #controller = new AbortController();
  /** Newest-used last: a Map keeps insertion order, and a use moves an entry to the end. */
  readonly #objects = new Map<string, { object: WorkOSObject; chars: number }>();
  #cachedChars = 0;
  /** The newest answer too large for the cache, so that the document opening it finds it. */
  #large: { key: string; object: WorkOSObject } | undefined;
  /** Every object this session received, also copies since replaced in the cache by a newer one. */
  readonly #received = new WeakSet<object>();
  readonly #lists = new Map<string, PagedList<WorkOSObject>>();
  readonly #collections = new Map<string, Collection<WorkOSObject>>();
  /** By-ID requests in flight, shared by everyone who asks for the same object meanwhile. */
  readonly #fetching = new Map<
    string,
    { promise: Promise<WorkOSObject>; controller: AbortController; waiting: number }
  >();
  /** IDs WorkOS said it does not know, so asking from the cache again sends nothing. */
  readonly #notFound = new Map<string, WorkOSError>();
  #changes: SessionChanges | undefined;
  /** How many members each group has, from the member lists read in this session. */
  readonly memberCounts = new MemberCounts();

  constructor(
    readonly client: WorkOSClient,
    private readonly pageSize: () => number,
    /** The environment whose key the client sends: documents opened from this session name it. */
    readonly environmentId: string,
    /** Told what a reader should know but need not act on (a server that ignores `order`). */
    private readonly onNotice: (text: string) => void = () => {},
  ) {
    // Every request of the session listens on this signal; 20 directories at once exceed Node's default of 10.
    setMaxListeners(0, this.#controller.signal);
  }

  /** Aborted when the session ends. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get ended(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Cancels everything the session started; answers still on their way are dropped. */
  end(): void {
    this.#controller.abort();
  }

  /** The list for `query`, paged on request, made on first ask and kept for the session's life. */
  list<Q extends ListQuery>(query: Q): PagedList<ItemOf<Q>> {
    const key = listKey(query);
    let list = this.#lists.get(key);
    if (!list) {
      const kind = itemKind(query);
      list = new PagedList<WorkOSObject>(
        (after) => fetchPage(this.client, query, { limit: this.pageSize(), after }, this.signal),
        (items) => {
          for (const item of items) this.remember(kind, item);
        },
        // A group's count, "100+" while more pages exist, exact once the last is in; not from a list
        // forgotten meanwhile (its members changed), whose count no longer holds.
        query.of === 'members'
          ? (members) =>
              this.#lists.get(key) === members &&
              this.memberCounts.record(query.group, members.items.length, !members.hasMore)
          : undefined,
      );
      this.#lists.set(key, list);
    }
    return list as unknown as PagedList<ItemOf<Q>>;
  }

  /** The Directory Sync changes read in this session; made on first ask, so nothing is requested before. */
  get changes(): SessionChanges {
    return (this.#changes ??= new SessionChanges(this.client, this.signal, (group, directory) =>
      this.forgetQuery({ of: 'members', group, directory }),
    ));
  }

  /** The first item of `query`'s list: one small request, to see that the list answers (and its request ID). */
  probe<Q extends ListQuery>(query: Q, signal?: AbortSignal): Promise<Page<ItemOf<Q>>> {
    return fetchPage(this.client, query, { limit: 1 }, signal ? AbortSignal.any([this.signal, signal]) : this.signal);
  }

  /**
   * Forgets what was read of `query` (its items changed on the server), paged list and whole collection
   * alike: the next ask, by the tree or an export, reads it anew.
   */
  forgetQuery(query: ListQuery): void {
    this.#lists.delete(listKey(query));
    this.#collections.delete(collectionKey(query));
    if (query.of === 'members') this.memberCounts.forget(query.group);
  }

  /** The list under `key` if it was asked for in this session. */
  existingList(key: string): PagedList<WorkOSObject> | undefined {
    return this.#lists.get(key);
  }

  /**
   * The whole collection for `query`, shared by every caller of this session who asks meanwhile (and
   * kept once read, so asking again sends nothing) until it is stopped, fails or the session ends.
   * Callers join it (see {@link Collection.join}); {@link collect} is the short way.
   */
  collection<Q extends CollectionQuery>(query: Q): Collection<CollectionItem<Q>> {
    const key = collectionKey(query);
    const existing = this.#collections.get(key);
    if (existing?.usable) {
      // Used again: the newest-used are the last to be dropped.
      this.#collections.delete(key);
      this.#collections.set(key, existing);
      return existing as unknown as Collection<CollectionItem<Q>>;
    }
    const kind = query.of === 'groupScan' ? 'directory_group' : itemKind(query);
    const collection: Collection<WorkOSObject> = new Collection<WorkOSObject>(
      (signal, sink) => this.read(query, signal, kind, sink, () => this.#collections.get(key) === collection),
      this.signal,
    );
    this.#collections.set(key, collection);
    this.dropFinishedCollections();
    return collection as unknown as Collection<CollectionItem<Q>>;
  }

  /**
   * Every item of `query`'s list (de-duplicated, within {@link COLLECT_LIMITS}); `onProgress` hears the
   * count as pages arrive. Ends with the caller's `signal` or the session, whichever comes first.
   */
  async collect<Q extends CollectionQuery>(
    query: Q,
    options: { signal?: AbortSignal; onProgress?: (read: number) => void } = {},
  ): Promise<Array<CollectionItem<Q>>> {
    const collection = this.collection(query);
    const { onProgress } = options;
    let reported = -1;
    const report = () => {
      if (collection.items.length === reported) return;
      reported = collection.items.length;
      onProgress?.(reported);
    };
    return collection.all(options.signal, onProgress && report);
  }

  /**
   * The organisations of `ids` into the cache, whichever way costs fewer requests: one each for a few;
   * for many, the organisations list (100 a page), read only while it costs fewer pages than the names
   * still missing, the rest then one each. A name that cannot be read stays missing: callers show the ID.
   */
  async organizations(ids: Iterable<string>, signal?: AbortSignal): Promise<void> {
    const missing = new Set(
      [...ids].filter((id) => !this.cached('organization', id) && !this.#notFound.has(cacheKey('organization', id))),
    );
    if (missing.size > ORGANIZATIONS_ONE_BY_ONE) {
      const list = this.list({ of: 'organizations' });
      while (list.hasMore && missing.size > list.pagesLoaded && !signal?.aborted) {
        const before = list.pagesLoaded;
        await abortable(list.loadNext(), signal);
        if (list.pagesLoaded === before) break; // failed: one each from here
        for (const { id } of list.items) missing.delete(id);
      }
      for (const { id } of list.items) missing.delete(id);
    }
    await Promise.all([...missing].map((id) => this.get('organization', id, signal).catch(() => undefined)));
  }

  /** The object as this session last saw it, in a list page or a by-ID answer. */
  cached<K extends WorkOSObjectKind>(kind: K, id: string): ObjectOfKind[K] | undefined {
    const key = cacheKey(kind, id);
    const entry = this.#objects.get(key);
    if (entry) {
      this.#objects.delete(key);
      this.#objects.set(key, entry);
      return entry.object as ObjectOfKind[K];
    }
    return this.#large?.key === key ? (this.#large.object as ObjectOfKind[K]) : undefined;
  }

  /** Keeps `object` as the newest copy of its kind and ID, within {@link CACHE_LIMITS}. */
  remember(kind: WorkOSObjectKind, object: WorkOSObject): void {
    this.#received.add(object);
    const key = cacheKey(kind, object.id);
    this.forget(key);
    const chars = JSON.stringify(object)?.length ?? 0;
    if (chars > CACHE_LIMITS.largeObjectChars) {
      this.#large = { key, object };
      return;
    }
    if (this.#large?.key === key) this.#large = undefined;
    this.#objects.set(key, { object, chars });
    this.#cachedChars += chars;
    for (const [oldest] of this.#objects) {
      if (this.#objects.size <= CACHE_LIMITS.maxObjects && this.#cachedChars <= CACHE_LIMITS.maxChars) break;
      this.forget(oldest);
    }
  }

  /** What the object cache holds, for the benchmark's ceiling and the tests. */
  get cacheSize(): { objects: number; chars: number } {
    return {
      objects: this.#objects.size + (this.#large ? 1 : 0),
      chars: this.#cachedChars + (this.#large ? (JSON.stringify(this.#large.object)?.length ?? 0) : 0),
    };
  }

  /** Whether `object` came from this session (a row of its lists), not from another environment's. */
  received(object: unknown): boolean {
    return typeof object === 'object' && object !== null && this.#received.has(object);
  }

  /**
   * The object from the cache, or from the API when this session has not seen it; an ID WorkOS said
   * it does not know fails again without a request.
   */
  async get<K extends WorkOSObjectKind>(kind: K, id: string, signal?: AbortSignal): Promise<ObjectOfKind[K]> {
    const notFound = this.#notFound.get(cacheKey(kind, id));
    if (notFound !== undefined) throw notFound;
    return this.cached(kind, id) ?? this.fetch(kind, id, signal);
  }

  /**
   * The object as WorkOS has it now, asked anew (one request however many ask at once), and cached.
   * `signal` ends this caller's wait; when every caller has stopped waiting, the request is cancelled.
   */
  async fetch<K extends WorkOSObjectKind>(kind: K, id: string, signal?: AbortSignal): Promise<ObjectOfKind[K]> {
    const key = cacheKey(kind, id);
    let pending = this.#fetching.get(key);
    if (!pending) {
      const controller = new AbortController();
      const promise = fetchObject(this.client, kind, id, AbortSignal.any([this.signal, controller.signal])).then(
        (object) => {
          if (!this.ended) this.remember(kind, object);
          this.#notFound.delete(key);
          return object;
        },
        (error: unknown) => {
          if (isWorkOSError(error, 'not_found') && !this.ended) this.rememberNotFound(key, error);
          throw error;
        },
      );
      pending = { promise, controller, waiting: 0 };
      const entry = pending;
      const forget = () => this.#fetching.get(key) === entry && this.#fetching.delete(key);
      promise.then(forget, forget);
      this.#fetching.set(key, pending);
    }
    pending.waiting++;
    try {
      return (await abortable(pending.promise, signal)) as ObjectOfKind[K];
    } finally {
      // Nobody waits any more (a hover went away): stop the request rather than let it finish unseen.
      if (--pending.waiting === 0 && signal?.aborted && this.#fetching.get(key) === pending) {
        pending.controller.abort();
        this.#fetching.delete(key);
      }
    }
  }

  private forget(key: string): void {
    const entry = this.#objects.get(key);
    if (!entry) return;
    this.#objects.delete(key);
    this.#cachedChars -= entry.chars;
  }

  private rememberNotFound(key: string, error: WorkOSError): void {
    this.#notFound.delete(key);
    this.#notFound.set(key, error);
    for (const [oldest] of this.#notFound) {
      if (this.#notFound.size <= CACHE_LIMITS.maxNotFound) break;
      this.#notFound.delete(oldest);
    }
  }

  /** Finished collections beyond the bound go, oldest-used first; one still being read stays. */
  private dropFinishedCollections(): void {
    let excess = this.#collections.size - CACHE_LIMITS.maxCollections;
    for (const [key, collection] of this.#collections) {
      if (excess <= 0) break;
      if (collection.done || !collection.usable) {
        this.#collections.delete(key);
        excess--;
      }
    }
  }

  /**
   * Reads every item of `query` into `sink` (and the cache), within the shared limits. `current` says
   * whether the collection is still the session's for its query (not forgotten since).
   */
  private async read(
    query: CollectionQuery,
    signal: AbortSignal,
    kind: WorkOSObjectKind,
    sink: CollectionSink<WorkOSObject>,
    current: () => boolean,
  ): Promise<void> {
    const onItems = (items: readonly WorkOSObject[]) => {
      for (const item of items) this.remember(kind, item);
      sink.items(items);
    };
    const counted = <T>(page: Page<T>) => {
      if (page.dropped) sink.dropped(page.dropped);
      return page;
    };
    if (query.of !== 'groupScan') {
      const pages = followPages((after) => fetchPage(this.client, query, { limit: 100, after }, signal).then(counted));
      let read = 0;
      const onPage = (added: readonly WorkOSObject[]) => {
        read += added.length;
        if (added.length > 0) onItems(added);
      };
      let complete = false;
      try {
        await collectAll(pages, { ...COLLECT_LIMITS, onPage });
        complete = true;
      } finally {
        // Stopped early (a limit, a failure, a cancel), the group still has at least what was read. A
        // read forgotten meanwhile (the members changed) counted the old members: not recorded.
        if (query.of === 'members' && !this.ended && current() && (complete || read > 0)) {
          this.memberCounts.record(query.group, read, complete);
        }
      }
      return;
    }
    const { directory } = query;
    const groups = await scanBothEnds<DirectoryGroup>(
      (order, after, pageSignal) =>
        this.client.listGroups({ directory, limit: 100, order, after }, pageSignal ?? signal).then(counted),
      {
        signal,
        onItems,
        // onNotice lines go to the log only: English, as every log line (host/log.ts).
        onFallback: (reason) => this.onNotice(`The groups of ${directory}: ${reason}`),
        ...COLLECT_LIMITS,
      },
    );
    const warning = countMismatch(groups.length, this.cached('directory', directory)?.metadata?.groups);
    if (warning) {
      sink.warn(warning);
      this.onNotice(`The groups of ${directory}: ${warning}`);
    }
  }
}

/**
 * A sentence when a scan's total is far from the directory's own count (`metadata.groups`): more than 5%
 * off, and by more than 2, since groups come and go during a scan and the count is refreshed on a schedule.
 */
export function countMismatch(read: number, expected: unknown): string | undefined {
  if (typeof expected !== 'number' || !Number.isFinite(expected)) return undefined;
  const off = Math.abs(read - expected);
  if (off <= 2 || off <= expected * 0.05) return undefined;
  const count = (n: number) => n.toLocaleString('en-US');
  // Shown (a picker's placeholder, an export's warning) as well as logged: translated.
  return l10n.t(
    'Read {0} groups, but the directory reports {1}: the server may have skipped or repeated some.',
    count(read),
    count(expected),
  );
}

/** The key a collection is remembered by: its query, as for lists. */
function collectionKey(query: CollectionQuery): string {
  return query.of === 'groupScan' ? `scan:groups?directory=${query.directory}` : `all:${listKey(query)}`;
}

/** One object by ID, by the route of its kind. */
function fetchObject(client: WorkOSClient, kind: WorkOSObjectKind, id: string, signal: AbortSignal) {
  return OBJECT_FETCHERS[kind](client, id, signal);
}

const OBJECT_FETCHERS: {
  readonly [K in WorkOSObjectKind]: (client: WorkOSClient, id: string, signal: AbortSignal) => Promise<ObjectOfKind[K]>;
} = {
  directory: (client, id, signal) => client.getDirectory(id, signal),
  directory_group: (client, id, signal) => client.getGroup(id, signal),
  directory_user: (client, id, signal) => client.getUser(id, signal),
  organization: (client, id, signal) => client.getOrganization(id, signal),
};

function cacheKey(kind: WorkOSObjectKind, id: string): string {
  return `${kind} ${id}`;
}

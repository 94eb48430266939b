import { setMaxListeners } from 'node:events';
import {
  isWorkOSError,
  WorkOSError,
  type Directory,
  type DirectoryGroup,
  type DirectoryUser,
  type Organization,
  type WorkOSClient,
  type WorkOSObjectKind,
} from '../workos';
import { GroupScan } from './group-scan';
import { ITEM_KIND, listKey, type ItemOf, type ListQuery } from './lists';
import { PagedList } from './paged-list';

/** What each kind of object is on the wire. */
export interface ObjectOfKind {
  directory: Directory;
  directory_group: DirectoryGroup;
  directory_user: DirectoryUser;
  organization: Organization;
}

export type WorkOSObject = ObjectOfKind[WorkOSObjectKind];

/**
 * Everything one API key at one address has loaded: the client, one cancellation for all it started,
 * one cache of objects by (kind, ID) that every list page and every by-ID answer feeds, and the paged
 * lists keyed by their query. The tree, the documents and the commands all ask it. A new key or
 * address, or Refresh, ends it and starts another: nothing of an old session reaches a new one.
 */
export class Session {
  readonly #controller = new AbortController();
  readonly #objects = new Map<string, WorkOSObject>();
  /** Every object this session received, also copies since replaced in the cache by a newer one. */
  readonly #received = new WeakSet<object>();
  readonly #lists = new Map<string, PagedList<WorkOSObject>>();
  /** By-ID requests in flight, shared by everyone who asks for the same object meanwhile. */
  readonly #fetching = new Map<
    string,
    { promise: Promise<WorkOSObject>; controller: AbortController; waiting: number }
  >();
  readonly #scans = new Map<string, GroupScan>();
  /** IDs WorkOS said it does not know, so asking from the cache again sends nothing. */
  readonly #notFound = new Map<string, WorkOSError>();

  constructor(
    readonly client: WorkOSClient,
    private readonly pageSize: () => number,
    /** The environment whose key the client sends: documents opened from this session name it. */
    readonly environmentId: string,
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

  /** The list for `query`, made on first ask and kept for the session's life. */
  list<Q extends ListQuery>(query: Q): PagedList<ItemOf<Q>> {
    const key = listKey(query);
    let list = this.#lists.get(key);
    if (!list) {
      const kind = ITEM_KIND[query.of];
      list = new PagedList<WorkOSObject>(
        (after) => this.fetchPage(query, after),
        (items) => {
          for (const item of items) this.remember(kind, item);
        },
      );
      this.#lists.set(key, list);
    }
    return list as unknown as PagedList<ItemOf<Q>>;
  }

  /**
   * Every group of `directory`, scanned from both ends; the same scan for every caller of this session
   * until it is stopped or fails. `onFallback` hears if the server ignores `order`.
   */
  groupScan(directory: string, onFallback: (reason: string) => void): GroupScan {
    const existing = this.#scans.get(directory);
    if (existing?.usable) return existing;
    const scan = new GroupScan(
      (order, after, signal) => this.client.listGroups({ directory, limit: 100, order, after }, signal),
      this.signal,
      (items) => {
        for (const group of items) this.remember('directory_group', group);
      },
      onFallback,
    );
    this.#scans.set(directory, scan);
    return scan;
  }

  /** The list under `key` if it was asked for in this session. */
  existingList(key: string): PagedList<WorkOSObject> | undefined {
    return this.#lists.get(key);
  }

  /** The object as this session last saw it, in a list page or a by-ID answer. */
  cached<K extends WorkOSObjectKind>(kind: K, id: string): ObjectOfKind[K] | undefined {
    return this.#objects.get(cacheKey(kind, id)) as ObjectOfKind[K] | undefined;
  }

  remember(kind: WorkOSObjectKind, object: WorkOSObject): void {
    this.#objects.set(cacheKey(kind, object.id), object);
    this.#received.add(object);
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
      const promise = this.fetchObject(kind, id, AbortSignal.any([this.signal, controller.signal])).then(
        (object) => {
          if (!this.ended) this.remember(kind, object);
          this.#notFound.delete(key);
          return object;
        },
        (error: unknown) => {
          if (isWorkOSError(error, 'not_found') && !this.ended) this.#notFound.set(key, error);
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

  private fetchObject(kind: WorkOSObjectKind, id: string, signal: AbortSignal): Promise<WorkOSObject> {
    switch (kind) {
      case 'directory':
        return this.client.getDirectory(id, signal);
      case 'directory_group':
        return this.client.getGroup(id, signal);
      case 'directory_user':
        return this.client.getUser(id, signal);
      case 'organization':
        return this.client.getOrganization(id, signal);
    }
  }

  private fetchPage(query: ListQuery, after: string | undefined) {
    const limit = this.pageSize();
    const signal = this.signal;
    switch (query.of) {
      case 'directories':
        return this.client.listDirectories({ limit, after, search: query.search }, signal);
      case 'groups':
        return this.client.listGroups({ directory: query.directory, limit, after }, signal);
      case 'members':
        return this.client.listUsers({ group: query.group, limit, after }, signal, query.directory);
    }
  }
}

function cacheKey(kind: WorkOSObjectKind, id: string): string {
  return `${kind} ${id}`;
}

/** `promise`, or a rejection as soon as `signal` aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      const onAbort = () => reject(new WorkOSError('cancelled', 'The request was cancelled.'));
      if (signal.aborted) onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      // then(), not finally(): a rejection of `promise` is the caller's to handle, not a new unhandled one.
      const stopListening = () => signal.removeEventListener('abort', onAbort);
      promise.then(stopListening, stopListening);
    }),
  ]);
}

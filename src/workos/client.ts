import * as l10n from '@vscode/l10n';
import { ofetch, type $Fetch } from 'ofetch';
import { checkBaseUrl, DEFAULT_BASE_URL } from './base-url';
import { cancelledError, errorFromResponse, WorkOSError } from './errors';
import { eventsQuery, parseEventsPage, type ListEventsParams, type WorkOSEvent } from './events';
import { idProblem, isIdShaped, type WorkOSObjectKind } from './ids';
import { normalizeKey } from './keys';
import { Pacer, type Clock } from './pacer';
import { followPages } from './pagination';
import { flatPath, NestedRoutes, routeLabel, type RouteKind } from './routes';
import type {
  Directory,
  DirectoryGroup,
  DirectoryUser,
  ListDirectoriesParams,
  ListGroupsParams,
  ListUsersParams,
  Organization,
  Page,
  PageParams,
} from './types';

/** One line of the request log: never the key, never a header. */
export interface RequestRecord {
  method: string;
  /** Path and query, e.g. `/directories/directory_01…/groups?limit=100`. */
  url: string;
  status: number | undefined;
  durationMs: number;
  requestId: string | undefined;
  attempt: number;
  error?: string;
}

export interface WorkOSClientOptions {
  apiKey: string;
  baseUrl?: string;
  /** Sent as `User-Agent`, e.g. `workos-directory-explorer/0.1.0`. */
  userAgent?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** Upper bound for a server's `Retry-After`. */
  maxRetryAfterMs?: number;
  /** Delay before retry `attempt` (1-based) when the server gave no `Retry-After`. */
  backoffMs?: (attempt: number) => number;
  /** Waits between retries; tests inject a fast one. Must reject promptly when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  onRequest?: (record: RequestRecord) => void;
  /** Requests in flight at once; more wait their turn (browsing 20 directories must not burst 20). */
  maxConcurrent?: number;
  /**
   * Largest answer read, decoded (fetch undoes gzip itself, so a small download can expand without
   * bound); default 32 MB. The client shares the extension host's memory with every other extension.
   */
  maxResponseBytes?: number;
  /** Time for pacing users lists; tests inject a virtual one. */
  clock?: Clock;
  /**
   * Plain sentences about how this server answers, each said once per client: that it lacks the
   * nested routes and the flat ones are read instead, or that it sent items that do not match a filter.
   */
  onNotice?: (text: string) => void;
}

/**
 * WorkOS allows `/directory_users` 4 requests a second per directory; `/directories/{id}/users` is
 * paced the same way, with the same count (whether it shares the limit is not documented).
 */
const USERS_PER_SECOND = 4;
/** A little over a second: requests started exactly a second apart can arrive closer together. */
const USERS_WINDOW_MS = 1050;

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** Exponential backoff with jitter: ~0.5 s, 1 s, 2 s (×0.5–1.5), at most 8 s (capped after the jitter). */
export function defaultBackoffMs(attempt: number): number {
  return Math.min(500 * 2 ** (attempt - 1) * (0.5 + Math.random()), 8000);
}

/**
 * A client for the Directory Sync endpoints. Retries are written here rather than with ofetch's
 * `retry` option: ofetch's wait between attempts ignores the abort signal, and its `timeout` is
 * dropped whenever a signal is passed, while we need both a per-attempt timeout and instant cancel.
 */
export class WorkOSClient {
  // ECMAScript private, unlike TypeScript's `private`: JSON.stringify, util.inspect and Reflect cannot
  // see them, so logging the client does not print the key. The fetcher holds it in a header.
  readonly #fetcher: $Fetch;
  readonly #apiKey: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryAfterMs: number;
  private readonly maxResponseBytes: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  private readonly onRequest: ((record: RequestRecord) => void) | undefined;
  private readonly slots: Slots;
  private readonly clock: Clock;
  private readonly usersPacers = new Map<string, Pacer>();
  private readonly onNotice: ((text: string) => void) | undefined;
  private readonly noticesGiven = new Set<string>();
  private readonly routes: NestedRoutes;

  constructor(options: WorkOSClientOptions) {
    const checked = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    if ('problem' in checked) throw new WorkOSError('invalid', checked.problem);
    this.#apiKey = normalizeKey(options.apiKey);
    if (!this.#apiKey) throw new WorkOSError('unauthorized', l10n.t('No API key is set.'));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 32 * MB;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.sleep = options.sleep ?? abortableSleep;
    this.onRequest = options.onRequest;
    this.slots = new Slots(options.maxConcurrent ?? 6);
    this.clock = options.clock ?? { now: () => performance.now(), sleep: abortableSleep };
    this.onNotice = options.onNotice;
    this.routes = new NestedRoutes((text) => this.onNotice?.(text));
    this.#fetcher = ofetch.create({
      baseURL: checked.origin,
      headers: {
        Authorization: `Bearer ${this.#apiKey}`,
        Accept: 'application/json',
        'User-Agent': options.userAgent ?? 'workos-directory-explorer',
      },
      retry: false,
      ignoreResponseError: true,
      // Read here, within a size limit, rather than whole by ofetch.
      responseType: 'stream',
      // A redirect could carry the key to another origin: report it instead of following it.
      redirect: 'manual',
    });
  }

  async listDirectories(params: ListDirectoriesParams = {}, signal?: AbortSignal): Promise<Page<Directory>> {
    if (params.organization_id !== undefined) this.assertId(params.organization_id, 'organization');
    return this.getPage<Directory>('/directories', '/directories', params, signal);
  }

  async getDirectory(id: string, signal?: AbortSignal): Promise<Directory> {
    return this.getObject<Directory>('/directories', id, 'directory', signal);
  }

  /** `GET /directories/{directory}/groups` (`user` a filter), or `GET /directory_groups?user=` without a directory. */
  async listGroups(params: ListGroupsParams, signal?: AbortSignal): Promise<Page<DirectoryGroup>> {
    this.assertFilters(params.directory, params.user, 'directory', 'directory_user');
    const { directory, ...filters } = params;
    const checks = directory === undefined ? [] : [inDirectory(directory)];
    return this.listOf<DirectoryGroup>('groups', directory, filters, signal, checks);
  }

  /**
   * `GET /directories/{directory}/groups/{id}` when the group's directory is known; the flat
   * `GET /directory_groups/{id}` is the only way to read a group whose directory is not.
   */
  async getGroup(id: string, signal?: AbortSignal, directory?: string): Promise<DirectoryGroup> {
    return this.objectOf<DirectoryGroup>('groups', id, 'directory_group', directory, signal);
  }

  /**
   * `GET /directories/{directory}/users` (`group`, `email`, `idp_id` filters), or
   * `GET /directory_users?group=` without a directory. `paceDirectory` names the directory a group
   * belongs to when only `group` is given, so that the request is paced with the others of that
   * directory (WorkOS allows 4 a second per directory).
   */
  async listUsers(params: ListUsersParams, signal?: AbortSignal, paceDirectory?: string): Promise<Page<DirectoryUser>> {
    this.assertFilters(params.directory, params.group, 'directory', 'directory_group');
    const { directory, ...filters }: PageParams & { directory?: string; email?: string; idp_id?: string } = params;
    const paceBy = directory ?? paceDirectory;
    const checks: Array<PageCheck<DirectoryUser>> = directory === undefined ? [] : [inDirectory(directory)];
    // `send` leaves out an empty filter, so an empty one checks nothing either.
    if (filters.email) checks.push(sameEmail(filters.email));
    if (filters.idp_id) checks.push(sameIdpId(filters.idp_id));
    return this.listOf<DirectoryUser>(
      'users',
      directory,
      filters,
      signal,
      checks,
      paceBy ? this.usersPacer(paceBy) : undefined,
    );
  }

  /** As {@link getGroup}: nested when `directory` is given, flat otherwise. */
  async getUser(id: string, signal?: AbortSignal, directory?: string): Promise<DirectoryUser> {
    return this.objectOf<DirectoryUser>('users', id, 'directory_user', directory, signal);
  }

  /** `GET /organizations`, oldest first unless `order` says otherwise: one page names 100 organisations. */
  async listOrganizations(params: PageParams = {}, signal?: AbortSignal): Promise<Page<Organization>> {
    return this.getPage<Organization>('/organizations', '/organizations', params, signal);
  }

  async getOrganization(id: string, signal?: AbortSignal): Promise<Organization> {
    return this.getObject<Organization>('/organizations', id, 'organization', signal);
  }

  /** `GET /events`: oldest first whatever `order` says; see events.ts for how to find the newest. */
  async listEvents(params: ListEventsParams, signal?: AbortSignal): Promise<Page<WorkOSEvent>> {
    const { body, requestId } = await this.send('/events', eventsQuery(params), signal);
    return parseEventsPage(body, requestId, params.events);
  }

  private usersPacer(directory: string): Pacer {
    let pacer = this.usersPacers.get(directory);
    if (!pacer) {
      pacer = new Pacer(USERS_PER_SECOND, USERS_WINDOW_MS, this.clock);
      this.usersPacers.set(directory, pacer);
    }
    return pacer;
  }

  /** Every page of groups from `params.after` on, following `after` until the API says there is no more. */
  allGroups(params: ListGroupsParams, signal?: AbortSignal): AsyncGenerator<Page<DirectoryGroup>> {
    return followPages((after) => this.listGroups({ ...params, after }, signal), params.after);
  }

  /** A list of `kind` in `directory` through the nested route (or the flat one where it is missing), else flat. */
  private listOf<T extends { id: string }>(
    kind: RouteKind,
    directory: string | undefined,
    filters: PageParams,
    signal: AbortSignal | undefined,
    checks: Array<PageCheck<T>>,
    pacer?: Pacer,
  ): Promise<Page<T>> {
    // The flat route takes the directory as a filter, first as the SDKs send it.
    const flatQuery: PageParams = Object.assign({ directory }, filters);
    const flat = () => this.getPage<T>(flatPath(kind), routeLabel(kind, false), flatQuery, signal, checks, pacer);
    if (directory === undefined) return flat();
    const nested = () =>
      this.getPage<T>(
        `/directories/${encodeURIComponent(directory)}/${kind}`,
        routeLabel(kind, true),
        filters,
        signal,
        checks,
        pacer,
      );
    return this.routes.read(kind, 'list', nested, flat, signal);
  }

  /** One group or user; with `directory`, only one of that directory is an answer. */
  private async objectOf<T extends { id: string; directory_id: string }>(
    kind: RouteKind,
    id: string,
    objectKind: WorkOSObjectKind,
    directory: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    this.assertId(id, objectKind);
    if (directory === undefined) return this.getObject<T>(flatPath(kind), id, objectKind, signal);
    this.assertId(directory, 'directory');
    const inAsked = (object: T): T => {
      if (object.directory_id === directory) return object;
      throw new WorkOSError(
        'not_found',
        l10n.t(
          '{0} is not in the directory {1}: WorkOS has it in {2}.',
          id,
          directory,
          this.quote(String(object.directory_id)),
        ),
      );
    };
    const nested = () =>
      this.getObject<T>(`/directories/${encodeURIComponent(directory)}/${kind}`, id, objectKind, signal).then(inAsked);
    const flat = () => this.getObject<T>(flatPath(kind), id, objectKind, signal).then(inAsked);
    return this.routes.read(kind, 'get', nested, flat, signal);
  }

  /** Says `text` through `onNotice` the first time `key` comes up. */
  private notice(key: string, text: string): void {
    if (this.noticesGiven.has(key)) return;
    this.noticesGiven.add(key);
    this.onNotice?.(text);
  }

  private assertId(id: string, kind: WorkOSObjectKind): void {
    const problem = idProblem(id, kind);
    if (problem) throw new WorkOSError('invalid', problem);
  }

  private assertFilters(
    first: string | undefined,
    second: string | undefined,
    firstKind: WorkOSObjectKind,
    secondKind: WorkOSObjectKind,
  ): void {
    if (first === undefined && second === undefined) {
      throw new WorkOSError(
        'invalid',
        // A caller's mistake only: the commands always pass one.
        l10n.t(
          'This list needs a {0} or a {1} to filter by.',
          firstKind.replace('_', ' '),
          secondKind.replace('_', ' '),
        ),
      );
    }
    if (first !== undefined) this.assertId(first, firstKind);
    if (second !== undefined) this.assertId(second, secondKind);
  }

  /** `label` names the route in notices: `/directories/{id}/groups`. */
  private async getPage<T extends { id: string }>(
    path: string,
    label: string,
    params: PageParams,
    signal: AbortSignal | undefined,
    checks: Array<PageCheck<T>> = [],
    pacer?: Pacer,
  ): Promise<Page<T>> {
    for (const cursor of [params.before, params.after]) {
      if (cursor !== undefined && !isIdShaped(cursor)) {
        throw new WorkOSError('invalid', l10n.t('A page cursor must be a WorkOS object ID.'));
      }
    }
    if (params.limit !== undefined && !(Number.isInteger(params.limit) && params.limit >= 1 && params.limit <= 100)) {
      throw new WorkOSError(
        'invalid',
        l10n.t('The page size must be a whole number from 1 to 100, not {0}.', params.limit),
      );
    }
    const { body, requestId } = await this.send(path, params, signal, pacer);
    const page = parsePage<T>(body, requestId, (value) => this.quote(value));
    for (const check of checks) {
      const kept = page.data.filter(check.keep);
      const dropped = page.data.length - kept.length;
      if (dropped === 0) continue;
      page.data = kept;
      page.dropped += dropped;
      // Notices go to the log: English, as every log line (host/log.ts).
      this.notice(
        `${label} ${check.reason}`,
        `The server's ${label} answered with ${check.what} (${dropped} on one page); they are left out.`,
      );
    }
    return page;
  }

  private async getObject<T extends { id: string }>(
    collection: string,
    id: string,
    kind: WorkOSObjectKind,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    this.assertId(id, kind);
    const { body, requestId } = await this.send(`${collection}/${encodeURIComponent(id)}`, {}, signal);
    if (!isObjectWithId(body)) {
      throw new WorkOSError(
        'invalid_response',
        l10n.t('WorkOS answered with something that is not the expected object.'),
        {
          requestId,
        },
      );
    }
    if (!isIdShaped(body.id)) {
      throw new WorkOSError(
        'invalid_response',
        l10n.t('WorkOS answered with an object whose ID is not a WorkOS ID ({0}).', this.quote(body.id)),
        { requestId },
      );
    }
    if (body.id !== id) {
      throw new WorkOSError(
        'invalid_response',
        l10n.t(
          'WorkOS answered with {0} when asked for {1}. Try again; if it persists, check the API address.',
          this.quote(body.id),
          id,
        ),
        { requestId },
      );
    }
    return body as T;
  }

  /** One logical request: attempts, retries within the rules, and error mapping. */
  private async send(
    path: string,
    query: object,
    signal: AbortSignal | undefined,
    pacer?: Pacer,
  ): Promise<{ body: unknown; requestId: string | undefined }> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query))
      if (value !== undefined && value !== '') search.append(name, String(value));
    const url = search.size ? `${path}?${search.toString()}` : path;
    for (let attempt = 1; ; attempt++) {
      // Every attempt counts against a paced limit, retries too; waiting here holds no request slot.
      if (pacer) await pacer.take(signal).catch(() => Promise.reject(cancelledError()));
      const outcome = await this.attempt(url, attempt, signal);
      if (!(outcome instanceof WorkOSError)) return outcome;
      const retryable =
        outcome.kind === 'network' || (outcome.status !== undefined && RETRYABLE_STATUSES.has(outcome.status));
      if (!retryable || attempt > this.maxRetries) throw outcome;
      const waitMs =
        outcome.retryAfter !== undefined
          ? Math.min(outcome.retryAfter * 1000, this.maxRetryAfterMs)
          : this.backoffMs(attempt);
      try {
        await this.sleep(waitMs, signal);
      } catch {
        throw cancelledError();
      }
    }
  }

  private async attempt(
    url: string,
    attempt: number,
    signal: AbortSignal | undefined,
  ): Promise<{ body: unknown; requestId: string | undefined } | WorkOSError> {
    try {
      await this.slots.acquire(signal);
    } catch {
      throw cancelledError();
    }
    try {
      return await this.attemptInSlot(url, attempt, signal);
    } finally {
      this.slots.release();
    }
  }

  /** `url` is the path and query exactly as sent, and as logged. */
  private async attemptInSlot(
    url: string,
    attempt: number,
    signal: AbortSignal | undefined,
  ): Promise<{ body: unknown; requestId: string | undefined } | WorkOSError> {
    if (signal?.aborted) throw cancelledError();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const started = performance.now();
    const record = (status: number | undefined, requestId: string | undefined, error?: string) =>
      this.onRequest?.({
        method: 'GET',
        url,
        status,
        durationMs: Math.round(performance.now() - started),
        requestId,
        attempt,
        ...(error ? { error } : {}),
      });
    let status: number;
    let headers: Headers;
    let text: string | undefined;
    try {
      // The signal also ends the body's stream, so the timeout and a cancel cover reading it too.
      const response = await this.#fetcher.raw(url, {
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      status = response.status;
      headers = response.headers;
      text = await readText(response.body, this.maxResponseBytes);
    } catch (cause) {
      if (signal?.aborted) {
        record(undefined, undefined, 'cancelled');
        throw cancelledError();
      }
      const failure = timeout.aborted
        ? new WorkOSError(
            'timeout',
            l10n.t(
              'WorkOS did not answer within {0} s. Check the network and try again.',
              Math.round(this.timeoutMs / 1000),
            ),
          )
        : new WorkOSError(
            'network',
            l10n.t(
              'Could not reach WorkOS ({0}). Check the network or proxy settings and try again.',
              describeCause(cause, (text) => this.redact(text)),
            ),
          );
      record(undefined, undefined, failure.kind);
      if (failure.kind === 'timeout') throw failure;
      return failure;
    }
    const requestId = requestIdOf(headers);
    record(status, requestId);
    if (text === undefined) {
      throw new WorkOSError(
        'invalid_response',
        l10n.t(
          'WorkOS sent an answer larger than {0}; stopped reading it. Try again; if it persists, check the API address.',
          formatBytes(this.maxResponseBytes),
        ),
        { status, requestId },
      );
    }
    if (status >= 300 && status < 400) {
      return new WorkOSError(
        'invalid_response',
        l10n.t(
          'WorkOS answered with a redirect ({0}), which is not followed so that the key stays with the configured address.',
          status,
        ),
        { status, requestId },
      );
    }
    if (status >= 200 && status < 300) {
      const body = parseJson(text);
      if (body === undefined) {
        throw new WorkOSError(
          'invalid_response',
          l10n.t(
            'WorkOS answered with something that is not JSON ({0}). Try again; if it persists, check the API address.',
            status,
          ),
          { status, requestId },
        );
      }
      return { body, requestId };
    }
    return errorFromResponse(status, parseJson(text), requestId, parseRetryAfter(headers.get('retry-after')), (value) =>
      this.redact(value),
    );
  }

  /** Servers and proxies sometimes echo request headers in error text; the key must not travel on. */
  private redact(text: string): string {
    return text.split(this.#apiKey).join('[redacted]');
  }

  /** A value from an answer, for a message: redacted, cut short, and quoted so a line break shows as `\n`. */
  private quote(value: string): string {
    return (
      JSON.stringify(this.redact(value).slice(0, 60)) +
      (value.length > 60 ? l10n.t('… ({0} characters)', value.length) : '')
    );
  }
}

const MB = 1024 * 1024;

function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

/**
 * The body as text, or undefined as soon as it passes `maxBytes`: the stream is then cancelled, so
 * at most one chunk more is read, and the chunk that passes the limit is dropped, not kept.
 */
async function readText(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string | undefined> {
  if (body === null) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObjectWithId(value: unknown): value is { id: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { id?: unknown }).id === 'string'
  );
}

function parsePage<T extends { id: string }>(
  body: unknown,
  requestId: string | undefined,
  quote: (value: string) => string,
): Page<T> {
  const envelope = (typeof body === 'object' && body !== null ? body : {}) as {
    data?: unknown;
    list_metadata?: unknown;
  };
  if (!Array.isArray(envelope.data) || !envelope.data.every(isObjectWithId)) {
    throw new WorkOSError(
      'invalid_response',
      l10n.t('WorkOS answered with a list in an unexpected shape (no `data` array of objects with IDs).'),
      { requestId },
    );
  }
  // Items are told apart, shown and fetched again by their IDs.
  const badId = envelope.data.find((item) => !isIdShaped(item.id));
  if (badId) {
    throw new WorkOSError(
      'invalid_response',
      l10n.t('WorkOS answered with a list item whose ID is not a WorkOS ID ({0}).', quote(badId.id)),
      { requestId },
    );
  }
  const metadata = (
    typeof envelope.list_metadata === 'object' && envelope.list_metadata !== null ? envelope.list_metadata : {}
  ) as Record<string, unknown>;
  const cursor = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
  const page = {
    data: envelope.data as T[],
    before: cursor(metadata.before),
    after: cursor(metadata.after),
    requestId,
    dropped: 0,
  };
  if (page.data.length === 0 && page.after !== null) {
    // Following it would fetch nothing forever.
    throw new WorkOSError(
      'invalid_response',
      l10n.t('WorkOS sent an empty page that claims more follow; stopped paging to avoid a loop.'),
      { requestId },
    );
  }
  return page;
}

/** Keeps the items of a page that match what was asked; `what` names the others in a notice. */
interface PageCheck<T> {
  reason: string;
  what: string;
  keep: (item: T) => boolean;
}

/** A server can ignore a filter: only items of the directory asked for are kept. */
function inDirectory<T extends { directory_id: string }>(directory: string): PageCheck<T> {
  return {
    reason: 'directory',
    what: 'items of another directory than the one asked for',
    keep: (item) => item.directory_id === directory,
  };
}

/** WorkOS matches emails ignoring case. */
function sameEmail(email: string): PageCheck<DirectoryUser> {
  const wanted = email.trim().toLowerCase();
  return {
    reason: 'email',
    what: 'users whose email is not the one asked for',
    keep: (user) => typeof user.email === 'string' && user.email.trim().toLowerCase() === wanted,
  };
}

function sameIdpId(idpId: string): PageCheck<DirectoryUser> {
  return {
    reason: 'idp_id',
    what: 'users whose IdP ID is not the one asked for',
    keep: (user) => user.idp_id === idpId,
  };
}

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * The response's `X-Request-ID` if it looks like one. It is shown in messages, tooltips and the log,
 * so whatever a proxy put there (markup, line noise, a whole page) is left out.
 */
function requestIdOf(headers: Headers): string | undefined {
  const value = headers.get('x-request-id');
  return value !== null && REQUEST_ID.test(value) ? value : undefined;
}

/**
 * `Retry-After` in whole seconds, from delta-seconds (a fraction rounds up) or an HTTP date; undefined
 * for anything else, so the normal backoff applies. Only a value starting with a letter (every HTTP
 * date starts with the day's name) goes to Date.parse, which would read `3.5` or `-1` as past dates.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  if (!/^[A-Za-z]/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The innermost cause's code (ECONNRESET…) or message, redacted before it is shortened. */
function describeCause(cause: unknown, redact: (text: string) => string): string {
  let current = cause;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  const code = (current as { code?: unknown })?.code;
  return typeof code === 'string'
    ? redact(code)
    : current instanceof Error
      ? redact(current.message).slice(0, 120)
      : l10n.t('unknown error');
}

/** A counting semaphore whose waiters leave the queue when their signal aborts. */
class Slots {
  private free: number;
  private readonly waiters: Array<() => void> = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelledError());
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters.splice(this.waiters.indexOf(grant), 1);
        reject(cancelledError());
      };
      this.waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.free++;
  }
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// A local fake of the WorkOS Directory Sync API (and the two organization reads a client needs to name
// a directory's organization), on node:http: the routes, parameters and shapes of
// WorkOS's OpenAPI spec (https://github.com/workos/openapi-spec, "the spec" below) and reference
// (https://workos.com/docs/reference). Where those leave the real API's behaviour open
// the fake is the stricter one, so a client that passes here should also work against production.
// Modelling choices:
// - unknown or repeated parameters, a bad limit/order, both cursors, or a cursor that is not in the
//   (filtered) list: 400 invalid_request_parameters;
// - groups/users with no directory/user/group filter, or email/idp_id without directory: 422;
// - a filter naming an unknown directory, user or group: 404 (the spec lists 404 for those routes);
//   an unknown organization_id: an empty list (it lists none for /directories);
// - the documented 4 requests per second per directory on /directory_users
//   (https://workos.com/docs/reference/rate-limits) counts list requests only, and
//   /directories/{id}/users counts against the same limit (whether it does is undocumented);
// - the nested routes /directories/{id}/groups[/{group}] and /directories/{id}/users[/{user}] (Node SDK
//   12.x) behave as the flat ones given `directory`, refuse a `directory` parameter, and send users
//   without the `groups` array; they can be switched off, as WorkOS's emulator and older servers lack them.
import * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import {
  type Dataset,
  type DatasetIndex,
  type DirectoryGroup,
  type DirectoryUser,
  type DirectoryUserWithGroups,
  type SortedList,
  datasetIndex,
  deleteDirectory,
  EMPTY_LIST,
  sampleDataset,
  sortedList,
} from './dataset';
import { listEvents } from './events';

export interface FakeWorkOSOptions {
  host?: string;
  port?: number;
  /** Accepted Bearer keys; default ['sk_test_demo']. */
  apiKeys?: string[];
  /** Default `sampleDataset()`. */
  dataset?: Dataset;
  /** Delay before every API response. */
  latencyMs?: number;
  /** 4 req/s per directory on /directory_users and /directories/{id}/users (429 + Retry-After); default true. */
  usersRateLimit?: boolean;
  /** Serve /directories/{id}/groups… and /directories/{id}/users…; default true. Off, they answer 404. */
  nestedRoutes?: boolean;
  /** Called once per API request when its response is finished or its socket closes. */
  onRequest?: (request: RecordedRequest, durationMs: number) => void;
}

const ROUTE_NAMES = new Set([
  'list_organizations',
  'get_organization',
  'list_directories',
  'get_directory',
  'delete_directory',
  'list_groups',
  'get_group',
  'list_users',
  'get_user',
  'unknown',
] as const);

export type RouteName = typeof ROUTE_NAMES extends Set<infer Name> ? Name : never;

export interface RecordedRequest {
  method: string;
  /** The raw pathname as received, not decoded. */
  path: string;
  /** First value of each parameter. */
  query: Record<string, string>;
  rawUrl: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  /**
   * What was asked, whichever route served it: `list_groups` for `/directory_groups` and
   * `/directories/{id}/groups` alike. A nested path while the nested routes are off is `unknown`.
   */
  route: RouteName;
  /**
   * The path has the nested form `/directories/{id}/groups…` or `/directories/{id}/users…`. When it
   * was served, `query.directory` holds the directory of the path (percent-decoded), so that a
   * request is matched and counted by its directory whichever route it took.
   */
  nested: boolean;
  /** A get's object ID, percent-decoded, whichever route served it; absent on other requests. */
  id?: string;
  /** Status sent; 0 for hang/reset (or while still pending). */
  status: number;
  requestId: string;
  /** ms since server start. */
  at: number;
}

export type FaultMatch = {
  /** What was asked, flat or nested route alike (see `RecordedRequest.route`). */
  route?: RouteName;
  /** Case-insensitive. */
  method?: string;
  /** Matched against the raw pathname; a string must be equal. */
  path?: string | RegExp;
  /** Each given key must equal the request's (first) value; `directory` also matches a nested path's. */
  query?: Record<string, string>;
};

export type Fault = { match?: FaultMatch; times?: number /* default 1; Infinity = until cleared */ } & (
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'malformed'; body?: string }
  | { kind: 'json'; body: unknown }
  | { kind: 'repeat-cursor' }
  /**
   * 200 with one copy of `item` under a new ID (`item.id` and a serial number) and that ID as `after`:
   * a list whose cursor changes on every page and which never ends.
   */
  | { kind: 'endless-list'; item: { id: string } }
  /**
   * 200 with the JSON of `body` gzip-encoded (`Content-Encoding: gzip`), padded with trailing spaces
   * to `padTo` bytes before compression: a small download that expands to any size.
   */
  | { kind: 'gzip'; body: unknown; padTo?: number }
  /** 200 whose body never ends: `chunkBytes` spaces (default 65,536) every `intervalMs` (default 1). */
  | { kind: 'endless-body'; chunkBytes?: number; intervalMs?: number }
  | { kind: 'latency'; ms: number }
  | { kind: 'redirect'; location: string; status?: number }
  /** The real response, with this `X-Request-ID` (a proxy may send anything there). */
  | { kind: 'request-id'; requestId: string }
  /**
   * The real response as if `order=asc` had not been sent (served newest first, like the default
   * `desc`): a server that ignores `order`. The request log still shows the `order` that was sent.
   */
  | { kind: 'ignore-order' }
  /**
   * The real list response with `items` added at the end of its `data`, cursors unchanged: a server
   * that ignores a filter (another directory's groups, users with other emails).
   */
  | { kind: 'extra-items'; items: unknown[] }
);

export interface FakeWorkOS {
  /** 'http://127.0.0.1:PORT', no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Live: tests may mutate it (see `deleteDirectory`). */
  readonly dataset: Dataset;
  /** Every API request in arrival order (control routes excluded). */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  setLatency(ms: number): void;
  /** Replaces the accepted keys, e.g. to revoke one mid-run. */
  setApiKeys(apiKeys: string[]): void;
  /** Turns the nested directory routes on or off (off: 404 as for an unknown path). */
  setNestedRoutes(on: boolean): void;
  /**
   * Faults are checked in injection order; the first matching one with times left applies. They
   * act before authentication and routing; global latency still applies (except to `hang`).
   */
  inject(fault: Fault): void;
  /** Also releases hung requests (destroys their sockets). */
  clearFaults(): void;
  /** Closes every socket, hung ones included. */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const USERS_PER_SECOND = 4;

interface FieldError {
  field: string;
  code: string;
}

interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface ListEnvelope {
  object: 'list';
  data: unknown[];
  list_metadata: { before: string | null; after: string | null };
}

const apiError = (status: number, message: string, code: string, errors?: FieldError[]): ApiResponse => ({
  status,
  body: errors ? { message, code, errors } : { message, code },
});
const pathNotFound = (path: string) => apiError(404, `The requested path '${path}' could not be found.`, 'not_found');
const entityNotFound = (entity: string, id: string) =>
  apiError(404, `${entity} not found: '${id}'.`, 'entity_not_found');
// The real field-error codes are undocumented; these name the problem.
const invalidParameters = (errors: FieldError[]) =>
  apiError(400, 'Validation failed.', 'invalid_request_parameters', errors);

/** Default bodies for injected statuses, in the API's `{message, code}` shape. */
function statusBody(status: number, path: string): unknown {
  switch (status) {
    case 400:
      return { message: 'Validation failed.', code: 'invalid_request_parameters' };
    case 401:
      return { message: 'Unauthorized', code: 'unauthorized' };
    case 404:
      return pathNotFound(path).body;
    case 429:
      return { message: 'Too many requests.', code: 'rate_limit_exceeded' };
    default: {
      const text = http.STATUS_CODES[status] ?? 'Error';
      return { message: `${text}.`, code: text.toLowerCase().replace(/[^a-z0-9]+/g, '_') };
    }
  }
}

interface Route {
  name: RouteName;
  /** The path ID, percent-decoded once. */
  id?: string;
  /** For a nested path: its directory, percent-decoded once. */
  directory?: string;
}

const COLLECTIONS: Record<string, [list: RouteName, get: RouteName]> = {
  organizations: ['list_organizations', 'get_organization'],
  directories: ['list_directories', 'get_directory'],
  directory_groups: ['list_groups', 'get_group'],
  directory_users: ['list_users', 'get_user'],
};

/** `/directories/{id}/…` collections: read-only. */
const NESTED_COLLECTIONS: Record<string, [list: RouteName, get: RouteName]> = {
  groups: ['list_groups', 'get_group'],
  users: ['list_users', 'get_user'],
};

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes: an ID that matches nothing
  }
}

/** Works on the raw path: `..` is an ordinary segment, and `%2F` inside an ID stays in the ID. */
function routeOf(method: string, path: string): Route {
  const segments = path.split('/');
  if (isNestedPath(segments)) {
    const [list, get] = NESTED_COLLECTIONS[segments[3]];
    if (method !== 'GET') return { name: 'unknown' };
    const directory = decodeSegment(segments[2]);
    return segments.length === 4 ? { name: list, directory } : { name: get, directory, id: decodeSegment(segments[4]) };
  }
  const routes = segments[0] === '' && Object.hasOwn(COLLECTIONS, segments[1]) ? COLLECTIONS[segments[1]] : undefined;
  if (!routes) return { name: 'unknown' };
  if (segments.length === 2) return { name: method === 'GET' ? routes[0] : 'unknown' };
  if (segments.length !== 3 || segments[2] === '') return { name: 'unknown' };
  const id = decodeSegment(segments[2]);
  if (method === 'GET') return { name: routes[1], id };
  if (method === 'DELETE' && routes[0] === 'list_directories') return { name: 'delete_directory', id };
  return { name: 'unknown' };
}

/** `['', 'directories', id, 'groups' | 'users']`, with an ID after that for a get. */
function isNestedPath(segments: string[]): boolean {
  return (
    segments[0] === '' &&
    segments[1] === 'directories' &&
    (segments[2] ?? '') !== '' &&
    Object.hasOwn(NESTED_COLLECTIONS, segments[3] ?? '') &&
    (segments.length === 4 || (segments.length === 5 && segments[4] !== ''))
  );
}

type Order = 'asc' | 'desc';
interface PageParams {
  limit: number;
  order: Order;
  before?: string;
  after?: string;
}

/**
 * Checks names, duplicates and paging values. Returns the first value of each allowed parameter, or
 * the 400 to send. The API validates parameter names (a client sending `directory_id` got 400
 * "Validation failed.", workos/workos-python#511); `limit` is 1 to 100, default 10, and `order` is
 * `asc`, `desc` (the default) or `normal` (the spec; https://workos.com/docs/reference/pagination).
 */
function parseQuery(
  params: URLSearchParams,
  filters: readonly string[],
): { values: Map<string, string>; page: PageParams } | ApiResponse {
  const allowed = new Set([...filters, 'limit', 'before', 'after', 'order']);
  const values = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const [name, value] of params) {
    if (!allowed.has(name)) errors.push({ field: name, code: 'unknown_parameter' });
    else if (values.has(name)) errors.push({ field: name, code: 'duplicate_parameter' });
    else values.set(name, value);
  }
  const limitText = values.get('limit');
  const limit = limitText === undefined ? 10 : /^\d+$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= 100)) errors.push({ field: 'limit', code: 'invalid_value' });
  const orderText = values.get('order') ?? 'desc';
  if (orderText !== 'asc' && orderText !== 'desc' && orderText !== 'normal')
    errors.push({ field: 'order', code: 'invalid_value' });
  const before = values.get('before');
  const after = values.get('after');
  if (before !== undefined && after !== undefined) errors.push({ field: 'before', code: 'conflicts_with_after' });
  if (errors.length > 0) return invalidParameters(errors);
  // `normal` is documented as desc with reversed cursor semantics; the fake treats it as plain desc.
  return { values, page: { limit, order: orderText === 'asc' ? 'asc' : 'desc', before, after } };
}

/**
 * Cursors are object IDs and `after` is null on the last page
 * (https://workos.com/docs/reference/pagination); the rest follows WorkOS's emulator
 * (https://github.com/workos/emulate, src/core/pagination.ts): sort by (created_at, id), slice
 * strictly after `after` or strictly before `before`, take `limit`. A `before` page is the `limit` items just before the cursor (the previous page; WorkOS's
 * emulator takes the first items instead). A cursor that is not in the list is a 400.
 */
function paginate<T extends { id: string; created_at: string }>(
  list: SortedList<T>,
  page: PageParams,
  serialize: (item: T) => unknown = (item) => item,
): ApiResponse {
  const n = list.items.length;
  const asc = page.order === 'asc';
  const at = (i: number) => list.items[asc ? i : n - 1 - i];
  let start = 0;
  let end = Math.min(n, page.limit);
  const cursor = page.after ?? page.before;
  if (cursor !== undefined) {
    const position = list.position.get(cursor);
    if (position === undefined)
      return invalidParameters([{ field: page.after !== undefined ? 'after' : 'before', code: 'invalid_cursor' }]);
    const p = asc ? position : n - 1 - position;
    if (page.after !== undefined) {
      start = p + 1;
      end = Math.min(n, start + page.limit);
    } else {
      end = p;
      start = Math.max(0, end - page.limit);
    }
  }
  const data: unknown[] = [];
  for (let i = start; i < end; i++) data.push(serialize(at(i)));
  const body: ListEnvelope = {
    object: 'list',
    data,
    list_metadata: {
      before: start > 0 && end > start ? at(start).id : null,
      after: end < n && end > start ? at(end - 1).id : null,
    },
  };
  return { status: 200, body };
}

function filtered<T extends { id: string; created_at: string }>(
  list: SortedList<T>,
  keep: (item: T) => boolean,
): SortedList<T> {
  return sortedList(list.items.filter(keep));
}

class Api {
  constructor(private readonly dataset: Dataset) {}

  private get index(): DatasetIndex {
    return datasetIndex(this.dataset);
  }

  /**
   * `params` of a nested list carry the path's directory as `directory`; `route.directory` set means
   * a nested route, whose users come without `groups` (as the Node SDK 12.x types them).
   */
  handle(route: Route & { name: Exclude<RouteName, 'unknown'> }, params: URLSearchParams): ApiResponse {
    const index = this.index;
    const id = route.id ?? '';
    const nested = route.directory !== undefined;
    switch (route.name) {
      case 'list_organizations': {
        // The real route also filters by `domains` and `search`; here those are unknown parameters (400).
        const parsed = parseQuery(params, []);
        return 'status' in parsed ? parsed : paginate(index.organizations, parsed.page);
      }
      case 'get_organization': {
        const organization = index.organizationById.get(id);
        return organization ? { status: 200, body: organization } : entityNotFound('Organization', id);
      }
      case 'list_directories':
        return this.listDirectories(params);
      case 'get_directory': {
        const directory = index.directoryById.get(id);
        return directory ? { status: 200, body: directory } : entityNotFound('Directory', id);
      }
      case 'delete_directory':
        return deleteDirectory(this.dataset, id) ? { status: 202, body: {} } : entityNotFound('Directory', id);
      case 'list_groups':
        return this.listGroups(params);
      case 'get_group': {
        const group = index.groupById.get(id);
        return (
          this.outsidePathDirectory(route.directory, group) ??
          (group ? { status: 200, body: group } : entityNotFound('Directory Group', id))
        );
      }
      case 'list_users':
        return this.listUsers(params, nested);
      case 'get_user': {
        const user = index.userById.get(id);
        return (
          this.outsidePathDirectory(route.directory, user) ??
          (user ? { status: 200, body: nested ? user : this.withGroups(user) } : entityNotFound('Directory User', id))
        );
      }
    }
  }

  /**
   * For a nested get: the 404 when the path's directory is unknown or the object is not in it;
   * undefined when it is (or for a flat get).
   */
  private outsidePathDirectory(
    directory: string | undefined,
    object: { object: string; id: string; directory_id: string } | undefined,
  ): ApiResponse | undefined {
    if (directory === undefined) return undefined;
    if (!this.index.directoryById.has(directory)) return entityNotFound('Directory', directory);
    if (object && object.directory_id !== directory) {
      return entityNotFound(object.object === 'directory_group' ? 'Directory Group' : 'Directory User', object.id);
    }
    return undefined;
  }

  /** The directory a users list request counts against for the rate limit. */
  usersRateKey(params: URLSearchParams): string | undefined {
    const group = params.get('group');
    return (
      params.get('directory') ?? (group === null ? undefined : (this.index.groupById.get(group)?.directory_id ?? group))
    );
  }

  private withGroups(user: DirectoryUser): DirectoryUserWithGroups {
    const groups = this.dataset.embedUserGroups ? (this.index.groupsByUser.get(user.id)?.items ?? []) : [];
    return {
      ...user,
      groups: groups.map(({ object, id, directory_id, name, raw_attributes }) => ({
        object,
        id,
        directory_id,
        name,
        raw_attributes,
      })),
    };
  }

  private listDirectories(params: URLSearchParams): ApiResponse {
    const parsed = parseQuery(params, ['organization_id', 'search', 'domain']);
    if ('status' in parsed) return parsed;
    const organization = parsed.values.get('organization_id');
    const search = parsed.values.get('search')?.toLowerCase();
    const domain = parsed.values.get('domain')?.toLowerCase();
    let list = this.index.directories;
    // An unknown organization is an empty list: the spec documents no 404 for this route.
    if (organization !== undefined || search !== undefined || domain !== undefined) {
      list = filtered(
        list,
        (d) =>
          (organization === undefined || d.organization_id === organization) &&
          (search === undefined || d.name.toLowerCase().includes(search)) &&
          (domain === undefined || d.domain?.toLowerCase() === domain),
      );
    }
    return paginate(list, parsed.page);
  }

  private listGroups(params: URLSearchParams): ApiResponse {
    const parsed = parseQuery(params, ['directory', 'user']);
    if ('status' in parsed) return parsed;
    const directory = parsed.values.get('directory');
    const user = parsed.values.get('user');
    if (directory === undefined && user === undefined) {
      return apiError(422, "One of 'directory' or 'user' is required.", 'unprocessable_entity', [
        { field: 'directory', code: 'required' },
      ]);
    }
    // The spec lists 404 for this route: a filter naming an unknown object is a 404, not an empty list.
    const index = this.index;
    if (directory !== undefined && !index.directoryById.has(directory)) return entityNotFound('Directory', directory);
    if (user !== undefined && !index.userById.has(user)) return entityNotFound('Directory User', user);
    let list: SortedList<DirectoryGroup>;
    if (user === undefined) list = index.groupsByDirectory.get(directory!) ?? EMPTY_LIST;
    else {
      list = index.groupsByUser.get(user) ?? EMPTY_LIST;
      if (directory !== undefined) list = filtered(list, (group) => group.directory_id === directory);
    }
    return paginate(list, parsed.page);
  }

  private listUsers(params: URLSearchParams, nested: boolean): ApiResponse {
    const parsed = parseQuery(params, ['directory', 'group', 'email', 'idp_id']);
    if ('status' in parsed) return parsed;
    const directory = parsed.values.get('directory');
    const group = parsed.values.get('group');
    const email = parsed.values.get('email')?.toLowerCase();
    const idpId = parsed.values.get('idp_id');
    if (directory === undefined && (email !== undefined || idpId !== undefined)) {
      return apiError(422, "'email' and 'idp_id' require 'directory'.", 'unprocessable_entity', [
        { field: 'directory', code: 'required' },
      ]);
    }
    if (directory === undefined && group === undefined) {
      return apiError(422, "One of 'directory' or 'group' is required.", 'unprocessable_entity', [
        { field: 'directory', code: 'required' },
      ]);
    }
    const index = this.index;
    if (directory !== undefined && !index.directoryById.has(directory)) return entityNotFound('Directory', directory);
    if (group !== undefined && !index.groupById.has(group)) return entityNotFound('Directory Group', group);
    let list: SortedList<DirectoryUser> =
      group === undefined
        ? (index.usersByDirectory.get(directory!) ?? EMPTY_LIST)
        : (index.usersByGroup.get(group) ?? EMPTY_LIST);
    if ((group !== undefined && directory !== undefined) || email !== undefined || idpId !== undefined) {
      list = filtered(
        list,
        (u) =>
          (directory === undefined || u.directory_id === directory) &&
          (email === undefined || u.email?.toLowerCase() === email) &&
          (idpId === undefined || u.idp_id === idpId),
      );
    }
    return paginate(list, parsed.page, (u: DirectoryUser) => (nested ? u : this.withGroups(u)));
  }
}

/** Sliding one-second window per directory. */
class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  allow(key: string, now: number): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 1000);
    const allowed = recent.length < USERS_PER_SECOND;
    if (allowed) recent.push(now);
    this.hits.set(key, recent);
    return allowed;
  }
}

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

function faultMatches(
  match: FaultMatch | undefined,
  route: RouteName,
  method: string,
  path: string,
  query: Record<string, string>,
): boolean {
  if (!match) return true;
  if (match.route !== undefined && match.route !== route) return false;
  if (match.method !== undefined && match.method.toUpperCase() !== method) return false;
  if (
    match.path !== undefined &&
    (typeof match.path === 'string' ? match.path !== path : path.search(match.path) === -1)
  )
    return false;
  return Object.entries(match.query ?? {}).every(
    ([name, value]) => Object.hasOwn(query, name) && query[name] === value,
  );
}

/** Whether a recorded request is one `match` picks: to count requests the way faults select them. */
export function requestMatches(match: FaultMatch, request: RecordedRequest): boolean {
  return faultMatches(match, request.route, request.method, request.path, request.query);
}

/** The same parameters, in the same order, with each `order=asc` read as `order=desc`. */
function ascAsDesc(params: URLSearchParams): URLSearchParams {
  return new URLSearchParams(
    [...params].map(([name, value]): [string, string] => [name, name === 'order' && value === 'asc' ? 'desc' : value]),
  );
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A Fault from the control route's JSON: a RegExp path arrives as `match.pathPattern` (+ optional
 * `pathFlags`), and `times` as a number, "Infinity" or null (= until cleared).
 */
export function faultFromJson(value: unknown): Fault {
  if (!isObject(value)) throw new Error('A fault must be a JSON object.');
  const match: FaultMatch = {};
  if (value.match !== undefined) {
    const m = value.match;
    if (!isObject(m)) throw new Error('match must be an object.');
    if (m.route !== undefined) {
      const route = expectString(m.route, 'match.route');
      if (!ROUTE_NAMES.has(route as RouteName)) throw new Error(`Unknown route ${JSON.stringify(route)}.`);
      match.route = route as RouteName;
    }
    if (m.method !== undefined) match.method = expectString(m.method, 'match.method');
    if (m.path !== undefined) match.path = expectString(m.path, 'match.path');
    if (m.pathPattern !== undefined)
      match.path = new RegExp(
        expectString(m.pathPattern, 'match.pathPattern'),
        m.pathFlags === undefined ? '' : expectString(m.pathFlags, 'match.pathFlags'),
      );
    if (m.query !== undefined) {
      if (!isObject(m.query) || !Object.values(m.query).every((v) => typeof v === 'string'))
        throw new Error('match.query must map names to strings.');
      match.query = m.query as Record<string, string>;
    }
  }
  const times =
    value.times === null || value.times === 'Infinity' ? Infinity : value.times === undefined ? 1 : value.times;
  if (typeof times !== 'number' || !(times >= 1))
    throw new Error('times must be a positive number, "Infinity" or null.');
  const common = { match, times };
  switch (value.kind) {
    case 'status': {
      const status = value.status;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599)
        throw new Error('status must be an integer from 200 to 599.');
      return {
        ...common,
        kind: 'status',
        status,
        ...(value.retryAfter !== undefined && { retryAfter: expectString(value.retryAfter, 'retryAfter') }),
        ...(value.body !== undefined && { body: expectString(value.body, 'body') }),
      };
    }
    case 'hang':
    case 'reset':
    case 'repeat-cursor':
    case 'ignore-order':
      return { ...common, kind: value.kind };
    case 'malformed':
      return {
        ...common,
        kind: 'malformed',
        ...(value.body !== undefined && { body: expectString(value.body, 'body') }),
      };
    case 'json':
      if (!('body' in value)) throw new Error('A json fault needs a body.');
      return { ...common, kind: 'json', body: value.body };
    case 'extra-items':
      if (!Array.isArray(value.items)) throw new Error('An extra-items fault needs an items array.');
      return { ...common, kind: 'extra-items', items: value.items };
    case 'latency':
      if (typeof value.ms !== 'number' || !(value.ms >= 0)) throw new Error('ms must be a number ≥ 0.');
      return { ...common, kind: 'latency', ms: value.ms };
    case 'endless-list':
      if (!isObject(value.item) || typeof value.item.id !== 'string')
        throw new Error('An endless-list fault needs an item with a string id.');
      return { ...common, kind: 'endless-list', item: { ...value.item, id: value.item.id } };
    case 'gzip':
      if (!('body' in value)) throw new Error('A gzip fault needs a body.');
      return {
        ...common,
        kind: 'gzip',
        body: value.body,
        ...(value.padTo !== undefined && { padTo: expectCount(value.padTo, 'padTo') }),
      };
    case 'endless-body':
      return {
        ...common,
        kind: 'endless-body',
        ...(value.chunkBytes !== undefined && { chunkBytes: expectCount(value.chunkBytes, 'chunkBytes') }),
        ...(value.intervalMs !== undefined && { intervalMs: expectCount(value.intervalMs, 'intervalMs') }),
      };
    case 'request-id':
      return { ...common, kind: 'request-id', requestId: expectString(value.requestId, 'requestId') };
    case 'redirect': {
      const status = value.status ?? 302;
      if (typeof status !== 'number' || status < 300 || status > 399) throw new Error('A redirect status must be 3xx.');
      return { ...common, kind: 'redirect', location: expectString(value.location, 'location'), status };
    }
    default:
      throw new Error(`Unknown fault kind ${JSON.stringify(value.kind)}.`);
  }
}

function expectCount(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number ≥ 1.`);
  return value;
}

function expectString(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new Error(`${name} must be a string.`);
  return value;
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) reject(new Error('Body too large.'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Error('The body must be JSON.'));
      }
    });
    req.on('error', reject);
  });
}

export async function startFakeWorkOS(options: FakeWorkOSOptions = {}): Promise<FakeWorkOS> {
  const dataset = options.dataset ?? sampleDataset();
  datasetIndex(dataset); // built now so the first request does not pay for it
  const api = new Api(dataset);
  const limiter = new RateLimiter();
  const rateLimitUsers = options.usersRateLimit ?? true;
  let nestedRoutes = options.nestedRoutes ?? true;
  const requests: RecordedRequest[] = [];
  let apiKeys = new Set(options.apiKeys ?? ['sk_test_demo']);
  let latencyMs = options.latencyMs ?? 0;
  let faults: ActiveFault[] = [];
  const hung = new Set<http.IncomingMessage>();
  const timers = new Set<NodeJS.Timeout>();
  const startedAt = performance.now();
  let endlessSerial = 0;

  const clearFaults = () => {
    faults = [];
    for (const req of hung) req.socket.destroy();
    hung.clear();
  };
  const inject = (fault: Fault) => {
    faults.push({ fault, remaining: fault.times ?? 1 });
  };
  const setLatency = (ms: number) => {
    latencyMs = ms;
  };
  const setApiKeys = (keys: string[]) => {
    apiKeys = new Set(keys);
  };
  const clearRequests = () => {
    requests.length = 0;
  };
  const setNestedRoutes = (on: boolean) => {
    nestedRoutes = on;
  };

  function takeFault(
    routeName: RouteName,
    method: string,
    path: string,
    query: Record<string, string>,
  ): Fault | undefined {
    const active = faults.find((f) => f.remaining > 0 && faultMatches(f.fault.match, routeName, method, path, query));
    if (!active) return undefined;
    active.remaining--;
    if (active.remaining <= 0) faults = faults.filter((f) => f !== active);
    return active.fault;
  }

  function later(ms: number, action: () => void): void {
    if (ms <= 0) return action();
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  }

  function handleApi(req: http.IncomingMessage, res: http.ServerResponse, path: string, search: string): void {
    const method = req.method ?? 'GET';
    const params = new URLSearchParams(search);
    const firstValues = new Map<string, string>();
    for (const [name, value] of params) if (!firstValues.has(name)) firstValues.set(name, value);
    const parsedRoute = routeOf(method, path);
    const nested = parsedRoute.directory !== undefined;
    // Off, a nested path is an unknown one: it neither takes the faults of the route it would be.
    const route: Route = nested && !nestedRoutes ? { name: 'unknown' } : parsedRoute;
    if (route.directory !== undefined && !firstValues.has('directory')) firstValues.set('directory', route.directory);
    const query = Object.fromEntries(firstValues);
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && incomingId !== '' ? incomingId : `req_${randomUUID()}`;
    const arrived = performance.now();
    const record: RecordedRequest = {
      method,
      path,
      query,
      rawUrl: req.url ?? '',
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
      ),
      route: route.name,
      nested,
      ...(route.id !== undefined && { id: route.id }),
      status: 0,
      requestId,
      at: Math.round((arrived - startedAt) * 1000) / 1000,
    };
    requests.push(record);
    res.on('close', () => options.onRequest?.(record, performance.now() - arrived));
    req.resume();

    const send = (status: number, body: string | Buffer, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      record.status = status;
      res.writeHead(status, {
        'X-Request-ID': record.requestId,
        'Content-Type': JSON_TYPE,
        'Content-Length': String(Buffer.byteLength(body)),
        ...headers,
      });
      res.end(body);
    };

    const fault = takeFault(route.name, method, path, query);
    if (fault?.kind === 'request-id') record.requestId = fault.requestId;
    if (fault?.kind === 'hang') {
      hung.add(req);
      res.on('close', () => hung.delete(req));
      return;
    }
    later(latencyMs + (fault?.kind === 'latency' ? fault.ms : 0), () => {
      switch (fault?.kind) {
        case 'reset':
          return void req.socket.destroy();
        case 'status':
          return send(
            fault.status,
            fault.body ?? JSON.stringify(statusBody(fault.status, path)),
            fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter },
          );
        case 'malformed':
          return send(200, fault.body ?? '<html>oops</html>');
        case 'json':
          return send(200, JSON.stringify(fault.body));
        case 'endless-list': {
          const id = `${fault.item.id}${++endlessSerial}`;
          const list: ListEnvelope = {
            object: 'list',
            data: [{ ...fault.item, id }],
            list_metadata: { before: null, after: id },
          };
          return send(200, JSON.stringify(list));
        }
        case 'gzip': {
          const json = JSON.stringify(fault.body);
          const padded = Buffer.alloc(Math.max(Buffer.byteLength(json), fault.padTo ?? 0), ' ');
          padded.write(json);
          return send(200, gzipSync(padded), { 'Content-Encoding': 'gzip' });
        }
        case 'endless-body':
          return endlessBody(res, record, fault.chunkBytes ?? 65_536, Math.max(1, fault.intervalMs ?? 1));
        case 'redirect':
          return send(fault.status ?? 302, '', { Location: fault.location });
      }
      const response = respond(req, route, fault?.kind === 'ignore-order' ? ascAsDesc(params) : params, path);
      if (response.status === 200 && isObject(response.body) && response.body.object === 'list') {
        const list = response.body as unknown as ListEnvelope;
        if (fault?.kind === 'repeat-cursor') list.list_metadata.after = query.after ?? list.list_metadata.after;
        if (fault?.kind === 'extra-items') list.data.push(...fault.items);
      }
      send(response.status, JSON.stringify(response.body), response.headers);
    });
  }

  /** Writes until the client goes away (or the fake closes), waiting for the socket to drain. */
  function endlessBody(res: http.ServerResponse, record: RecordedRequest, chunkBytes: number, intervalMs: number) {
    record.status = 200;
    res.writeHead(200, { 'X-Request-ID': record.requestId, 'Content-Type': JSON_TYPE });
    const chunk = Buffer.alloc(chunkBytes, ' ');
    const pump = () => {
      if (res.destroyed) return;
      if (res.write(chunk)) later(intervalMs, pump);
      else res.once('drain', () => later(intervalMs, pump));
    };
    res.write('[');
    later(intervalMs, pump);
  }

  function respond(req: http.IncomingMessage, route: Route, params: URLSearchParams, path: string): ApiResponse {
    const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
    if (!match || !apiKeys.has(match[1])) return apiError(401, 'Unauthorized', 'unauthorized');
    // Events live in their own file: they page by time windows, not by the directory routes' rules.
    if (route.name === 'unknown' && req.method === 'GET' && path === '/events') {
      return listEvents(dataset.events ?? [], params, Date.now());
    }
    if (route.name === 'unknown') return pathNotFound(path);
    let served = params;
    if (route.directory !== undefined && route.id === undefined) {
      // The directory is the path's; the nested lists have no `directory` parameter.
      if (params.has('directory')) return invalidParameters([{ field: 'directory', code: 'unknown_parameter' }]);
      served = new URLSearchParams([['directory', route.directory], ...params]);
    }
    if (route.name === 'list_users' && rateLimitUsers) {
      const key = api.usersRateKey(served);
      if (key !== undefined && !limiter.allow(key, performance.now())) {
        return { ...apiError(429, 'Too many requests.', 'rate_limit_exceeded'), headers: { 'Retry-After': '1' } };
      }
    }
    if (route.id !== undefined && params.size > 0) {
      return invalidParameters([...new Set(params.keys())].map((field) => ({ field, code: 'unknown_parameter' })));
    }
    return api.handle({ ...route, name: route.name }, served);
  }

  async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    const reply = (status: number, body?: unknown) => {
      if (body === undefined) return void res.writeHead(status).end();
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(text)) });
      res.end(text);
    };
    try {
      switch (`${req.method} ${path}`) {
        case 'GET /__fake/health':
          return reply(200, { ok: true, url, directories: dataset.directories.length });
        case 'GET /__fake/requests':
          return reply(200, requests);
        case 'DELETE /__fake/requests':
          clearRequests();
          return reply(204);
        case 'POST /__fake/faults':
          inject(faultFromJson(await readJson(req)));
          return reply(204);
        case 'DELETE /__fake/faults':
          clearFaults();
          return reply(204);
        case 'POST /__fake/latency': {
          const body = await readJson(req);
          if (!isObject(body) || typeof body.ms !== 'number' || !(body.ms >= 0))
            throw new Error('Send {"ms": n} with n ≥ 0.');
          setLatency(body.ms);
          return reply(204);
        }
        case 'POST /__fake/nested-routes': {
          const body = await readJson(req);
          if (!isObject(body) || typeof body.on !== 'boolean') throw new Error('Send {"on": true} or {"on": false}.');
          setNestedRoutes(body.on);
          return reply(204);
        }
        case 'POST /__fake/keys': {
          const body = await readJson(req);
          if (!isObject(body) || !Array.isArray(body.apiKeys) || !body.apiKeys.every((k) => typeof k === 'string'))
            throw new Error('Send {"apiKeys": ["sk_…"]}.');
          setApiKeys(body.apiKeys);
          return reply(204);
        }
        default:
          return reply(404, pathNotFound(path).body);
      }
    } catch (e) {
      reply(400, { message: e instanceof Error ? e.message : String(e), code: 'invalid_control_request' });
    }
  }

  const server = http.createServer((req, res) => {
    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    if (path.startsWith('/__fake/')) void handleControl(req, res, path);
    else handleApi(req, res, path, queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The fake WorkOS API has no TCP address.');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  return {
    url,
    port: address.port,
    dataset,
    requests,
    clearRequests,
    setLatency,
    setApiKeys,
    setNestedRoutes,
    inject,
    clearFaults,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        clearFaults();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

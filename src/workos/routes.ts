// Which of WorkOS's two route families a client reads groups and users through. WorkOS recommends the
// nested `/directories/{id}/groups…` and `/directories/{id}/users…` routes (Node SDK 12.x); WorkOS's own
// emulator and older servers answer 404 there, and the flat `/directory_groups…` and
// `/directory_users…` routes serve the same objects.
import { cancelledError, isWorkOSError } from './errors';

export type RouteKind = 'groups' | 'users';
export type RouteUse = 'list' | 'get';

const FLAT: Record<RouteKind, string> = { groups: '/directory_groups', users: '/directory_users' };

/** The route a request went to, as a person reads it: `/directories/{id}/groups`, `/directory_users`. */
export function routeLabel(kind: RouteKind, nested: boolean): string {
  return nested ? `/directories/{id}/${kind}` : FLAT[kind];
}

/** The flat collection path of `kind`, e.g. `/directory_groups`. */
export function flatPath(kind: RouteKind): string {
  return FLAT[kind];
}

/**
 * What one client has learnt of its server's nested routes, from the answers themselves.
 *
 * - A nested answer other than 404 shows that route exists: from then on its 404s are plain "not found".
 * - A nested 404 while that is not known asks the flat route with the same filters. A flat 200 shows the
 *   server lacks the kind's nested routes: lists and gets of that kind go flat for the rest of the
 *   client's life, and `notice` says so once. A server without the nested list has no nested get either,
 *   and reading flat is never wrong (the flat routes answer everywhere), so "missing" covers both uses;
 *   "present" does not, since a server rolling the routes out may have one and not the other.
 * - A flat 404 too is "not found" and teaches nothing: on WorkOS's emulator a deleted directory answers
 *   404 on both, and taking the nested route as present then would break every later read.
 * - Requests go out together, the first ones too: a server with the routes (WorkOS itself) never waits
 *   on this. Those already out when a nested 404 comes each ask the flat route in turn (their answers
 *   are needed anyway); those that start while that flat answer is awaited wait for it, and go flat if
 *   it shows the routes missing. So a server without them costs one 404 per request sent before the
 *   first answer, once.
 */
export class NestedRoutes {
  private readonly missing = new Set<RouteKind>();
  private readonly present = new Set<string>();
  /** The flat request that follows a kind's first nested 404, while it is awaited. */
  private readonly probes = new Map<RouteKind, Promise<unknown>>();

  constructor(private readonly notice: (text: string) => void) {}

  /**
   * `nested()` while the server may have the route, else `flat()`; `flat()` must ask for the same
   * objects with the same filters. Waiting for another request's answer ends at once when `signal` aborts.
   */
  async read<R>(
    kind: RouteKind,
    use: RouteUse,
    nested: () => Promise<R>,
    flat: () => Promise<R>,
    signal: AbortSignal | undefined,
  ): Promise<R> {
    const key = `${use} ${kind}`;
    const probe = this.probes.get(kind);
    if (probe && !this.present.has(key)) await settledOrAborted(probe, signal);
    if (this.missing.has(kind)) return flat();
    if (this.present.has(key)) return nested();
    return this.tryNested(kind, key, nested, flat);
  }

  private async tryNested<R>(
    kind: RouteKind,
    key: string,
    nested: () => Promise<R>,
    flat: () => Promise<R>,
  ): Promise<R> {
    let answer: R;
    try {
      answer = await nested();
    } catch (error) {
      // Only the server's own 404: a not-found the client concluded itself says nothing of the route.
      if (!isWorkOSError(error, 'not_found') || error.status !== 404) throw error;
      if (this.present.has(key) && !this.missing.has(kind)) throw error;
      const fallback = flat();
      if (!this.missing.has(kind) && !this.probes.has(kind)) {
        this.probes.set(kind, fallback);
        const forget = () => this.probes.delete(kind);
        fallback.then(forget, forget);
      }
      const flatAnswer = await fallback;
      this.markMissing(kind);
      return flatAnswer;
    }
    this.present.add(key);
    return answer;
  }

  private markMissing(kind: RouteKind): void {
    if (this.missing.has(kind)) return;
    this.missing.add(kind);
    // A notice for the log: English, as every log line (host/log.ts).
    this.notice(
      `This server has no ${routeLabel(kind, true)} route (WorkOS's emulator and older servers); reading ${FLAT[kind]} instead.`,
    );
  }
}

function settledOrAborted(promise: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelledError());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    promise.then(done, done);
  });
}

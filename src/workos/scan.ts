// A whole list read from both ends at once. Cursor pages never overlap, so one cursor needs
// ceil(N / limit) round trips one after another; reading `order=desc` from the newest item and
// `order=asc` from the oldest at the same time, until the two meet, needs about half as many.
import * as l10n from '@vscode/l10n';
import { cancelledError, isWorkOSError, WorkOSError } from './errors';
import { CursorTrail } from './pagination';
import type { Page } from './types';

export type ScanOrder = 'asc' | 'desc';

/** One page of the list in `order`, after the cursor `after` (undefined: the first page). */
export type ScanPage<T> = (
  order: ScanOrder,
  after: string | undefined,
  signal: AbortSignal | undefined,
) => Promise<Page<T>>;

export interface ScanOptions<T> {
  /**
   * Each batch of new items (de-duplicated by ID) as its page arrives, in arrival order: the first
   * page of each end is handed over as soon as it arrives, whichever comes first. Not called for a
   * page with nothing new.
   */
  onItems?: (items: readonly T[]) => void;
  /**
   * Called at most once, when the server ignores `order=asc` (the oldest-first page begins with the
   * same item as the newest-first one, in a list of more than one page): the scan goes on with the
   * `desc` cursor alone. `reason` says so in a sentence.
   */
  onFallback?: (reason: string) => void;
  /** Stops the scan: no request is sent after it aborts, requests in flight get it too. */
  signal?: AbortSignal;
  /**
   * No limit by default: a directory may have more than 10,000 groups, and the tree shows them all.
   * Past it the scan rejects with `invalid_response`.
   */
  maxItems?: number;
  /**
   * Pages read, both ends together; default 1,000 (100,000 items at 100 a page). A list that still
   * goes on then (or a server that keeps sending pages) rejects with `invalid_response`.
   */
  maxPages?: number;
}

type Step = { after: string } | 'end' | 'side-done';

interface Side<T> {
  readonly order: ScanOrder;
  readonly trail: CursorTrail;
  /** Every ID on this side's pages. */
  readonly seen: Set<string>;
  /** The same IDs, each once, in the order this side read them. */
  readonly ids: string[];
  first?: Page<T>;
}

/**
 * Every item of the list, each ID once, newest first (the order a single `desc` listing gives). The
 * `desc` and `asc` cursors run concurrently, each page by page with its own CursorTrail; the scan ends
 * as soon as a page of one side brings an ID the other side has read (that page's new items are kept)
 * or either side reaches the end of the list (`after` null). The request of the other side still in
 * flight then is cancelled, and its answer is not used.
 *
 * For a list that does not change during the scan the result is exactly what one `desc` cursor lists:
 * each side has read a contiguous run from its end, and they overlap (or one is the whole list) when
 * the scan ends. When the two runs only touch (the list is a whole number of pages), neither side can
 * tell, so each reads one page more than it needed.
 *
 * Rejects with the WorkOSError of a page that fails, `invalid_response` for a cursor that repeats, a
 * page with nothing new for its side (a list that restarted) or a limit passed, and `cancelled` when
 * `signal` aborts.
 */
export function scanBothEnds<T extends { id: string }>(
  fetchPage: ScanPage<T>,
  options: ScanOptions<T> = {},
): Promise<T[]> {
  // onFallback's reasons go to the log: English, as every log line (host/log.ts).
  const { onItems, onFallback, signal, maxItems = Infinity, maxPages = 1000 } = options;
  if (signal?.aborted) return Promise.reject(cancelledError());
  return new Promise<T[]>((resolve, reject) => {
    const stop = new AbortController();
    const requestSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    const items = new Map<string, T>();
    const side = (order: ScanOrder): Side<T> => ({ order, trail: new CursorTrail(), seen: new Set(), ids: [] });
    const desc = side('desc');
    const asc = side('asc');
    let pageCount = 0;
    let fallback = false;
    let done = false;
    // The asc side waits for the desc side's first page before its second request: until both first
    // pages are in, a server that ignores `order` cannot be told from one that does not.
    let descFirstIn!: () => void;
    const descFirst = new Promise<void>((resolveFirst) => (descFirstIn = resolveFirst));

    const end = (): boolean => {
      if (done) return false;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      stop.abort();
      descFirstIn();
      return true;
    };
    const finish = () => {
      if (end()) resolve(result());
    };
    const fail = (error: unknown) => {
      if (end()) reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onAbort = () => fail(cancelledError());
    signal?.addEventListener('abort', onAbort, { once: true });

    /** Newest first: the desc side's items, then those only the asc side read, oldest last. */
    const result = (): T[] => {
      const list = desc.ids.map((id) => items.get(id)!);
      for (let i = asc.ids.length - 1; i >= 0; i--) if (!desc.seen.has(asc.ids[i])) list.push(items.get(asc.ids[i])!);
      return list;
    };

    /** Takes in one page: the side goes on `after` a cursor, or the scan ends, or the side does. */
    const take = (self: Side<T>, page: Page<T>, after: string | undefined): Step => {
      const next = self.trail.advance(page, after);
      pageCount++;
      const other = self === desc ? asc : desc;
      if (self.first === undefined) {
        self.first = page;
        if (self === desc) descFirstIn();
        if (other.first !== undefined && ignoresOrder(desc.first!, asc.first!)) {
          fallback = true;
          onFallback?.(
            `The server ignored order=asc: the oldest-first page began with ${desc.first!.data[0].id}, as the newest-first page did. The list is read from the newest end only.`,
          );
          // The asc side's pages are the desc side's: the one in hand is dropped (one taken before is harmless).
          if (self === asc) return 'side-done';
        }
      }
      const met = !fallback && page.data.some((item) => other.seen.has(item.id));
      const fresh: T[] = [];
      let newForSide = 0;
      for (const item of page.data) {
        if (self.seen.has(item.id)) continue;
        newForSide++;
        self.seen.add(item.id);
        self.ids.push(item.id);
        if (items.has(item.id)) continue;
        if (items.size === maxItems)
          throw limitReached(l10n.t('{0} items', maxItems.toLocaleString('en')), items.size, page);
        items.set(item.id, item);
        fresh.push(item);
      }
      if (page.data.length > 0 && newForSide === 0) {
        throw new WorkOSError(
          'invalid_response',
          l10n.t(
            'WorkOS sent a page of {0} items that were all on earlier pages (the list may have restarted); stopped paging to avoid a loop.',
            page.data.length,
          ),
          { requestId: page.requestId },
        );
      }
      if (fresh.length > 0) onItems?.(fresh);
      if (met || next === null) return 'end';
      if (pageCount >= maxPages)
        throw limitReached(l10n.t('{0} pages', maxPages.toLocaleString('en')), items.size, page);
      return { after: next };
    };

    const run = async (self: Side<T>): Promise<void> => {
      let after: string | undefined;
      for (;;) {
        if (self === asc && self.first !== undefined && desc.first === undefined) await descFirst;
        if (done || (self === asc && fallback)) return;
        let page: Page<T>;
        try {
          page = await fetchPage(self.order, after, requestSignal);
        } catch (error) {
          // Some servers refuse order=asc on these lists (a 422 has been reported): one cursor still works.
          if (self !== asc || self.first !== undefined || done || !isWorkOSError(error, 'invalid')) throw error;
          fallback = true;
          onFallback?.(`The server refused order=asc (${error.message}) The list is read from the newest end only.`);
          return;
        }
        if (done) return;
        const next = take(self, page, after);
        if (next === 'end') return finish();
        if (next === 'side-done') return;
        after = next.after;
      }
    };
    run(desc).catch(fail);
    run(asc).catch(fail);
  });
}

/**
 * Both first pages in hand: a list of more than one page whose oldest-first page begins with the
 * newest item (a list of one item begins both ways with the same one).
 */
function ignoresOrder(desc: Page<{ id: string }>, asc: Page<{ id: string }>): boolean {
  return desc.after !== null && desc.data.length > 0 && asc.data[0]?.id === desc.data[0].id;
}

function limitReached(limit: string, collected: number, page: Page<unknown>): WorkOSError {
  return new WorkOSError(
    'invalid_response',
    l10n.t({
      message:
        'Stopped reading the list at the limit of {0}: {1} items were collected, and the list goes on (or WorkOS keeps sending pages).',
      args: [limit, collected.toLocaleString('en')],
      comment: ['{0} is the limit: "10,000 items" or "200 pages"'],
    }),
    { requestId: page.requestId },
  );
}

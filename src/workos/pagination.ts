import * as l10n from '@vscode/l10n';
import { WorkOSError } from './errors';
import type { Page } from './types';

/** Remembers the cursors of one walk through a list and refuses a page whose cursor was seen before. */
export class CursorTrail {
  private readonly seen = new Set<string>();

  /** Checks a page fetched with `after`; returns the cursor of the next page, or null at the end. */
  advance(page: Page<unknown>, after: string | undefined): string | null {
    if (page.after === null) return null;
    if (page.after === after || this.seen.has(page.after)) {
      throw new WorkOSError(
        'invalid_response',
        l10n.t('WorkOS sent the page cursor {0} twice; stopped paging to avoid a loop.', page.after),
        { requestId: page.requestId },
      );
    }
    this.seen.add(page.after);
    return page.after;
  }
}

/** Yields pages, following `list_metadata.after` until it is null. */
export async function* followPages<T>(
  fetchPage: (after: string | undefined) => Promise<Page<T>>,
  startAfter?: string,
): AsyncGenerator<Page<T>> {
  const trail = new CursorTrail();
  let after = startAfter;
  for (;;) {
    const page = await fetchPage(after);
    // Checked before yielding: a page that would start a loop is not handed out either.
    const next = trail.advance(page, after);
    yield page;
    if (next === null) return;
    after = next;
  }
}

export interface CollectLimits {
  /** Default 10,000. */
  maxItems?: number;
  /** Default 200. */
  maxPages?: number;
}

export interface CollectOptions<T> extends CollectLimits {
  /** Each page as it arrives, with the items it added (those not on an earlier page). */
  onPage?: (added: readonly T[], page: Page<T>) => void;
}

/**
 * Every item of every page, in order, each ID once: a cursor can restart a list (WorkOS's emulator
 * answers a deleted cursor with page 1 and a new `after`), so a page may repeat items. A page with
 * nothing new, or a list past the limits, is an error rather than a loop or a heap that only grows.
 */
export async function collectAll<T extends { id: string }>(
  pages: AsyncIterable<Page<T>>,
  { maxItems = 10_000, maxPages = 200, onPage }: CollectOptions<T> = {},
): Promise<T[]> {
  const items = new Map<string, T>();
  let pageCount = 0;
  for await (const page of pages) {
    pageCount++;
    const known = items.size;
    const added: T[] = [];
    for (const item of page.data) {
      if (items.has(item.id)) continue;
      if (items.size === maxItems)
        throw limitReached(l10n.t('{0} items', maxItems.toLocaleString('en')), items.size, page);
      items.set(item.id, item);
      added.push(item);
    }
    onPage?.(added, page);
    if (page.data.length > 0 && items.size === known) {
      throw new WorkOSError(
        'invalid_response',
        l10n.t(
          'WorkOS sent a page of {0} items that were all on earlier pages (the list may have restarted); stopped paging to avoid a loop.',
          page.data.length,
        ),
        { requestId: page.requestId },
      );
    }
    if (page.after !== null && pageCount === maxPages) {
      throw limitReached(l10n.t('{0} pages', maxPages.toLocaleString('en')), items.size, page);
    }
  }
  return [...items.values()];
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

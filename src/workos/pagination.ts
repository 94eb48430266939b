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
        `WorkOS sent the page cursor ${page.after} twice; stopped paging to avoid a loop.`,
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

/** Every item of every page, in order. */
export async function collectAll<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page.data);
  return items;
}

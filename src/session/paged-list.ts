import { CursorTrail, isWorkOSError, type Page } from '../workos';

/**
 * The items of one paged API list, loaded a page at a time on request. One page is in flight at most:
 * a second `loadNext()` while one loads gets the same promise, so a double click never loads a page
 * twice. A failed page keeps the items loaded so far and is retried from the same cursor.
 */
export class PagedList<Item extends { id: string }> {
  readonly items: Item[] = [];
  /** Changes whenever what the list shows changes (items, loading, error), so views can reuse answers. */
  version = 0;
  error: unknown = undefined;
  pagesLoaded = 0;
  private readonly ids = new Set<string>();
  private readonly trail = new CursorTrail();
  /** undefined until the first page arrives; null once the last one has. */
  private cursor: string | null | undefined = undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly fetchPage: (after: string | undefined) => Promise<Page<Item>>,
    /** Sees every page's items as they arrive (the session's object cache). */
    private readonly onItems: (items: readonly Item[]) => void = () => {},
    /** Hears each page once it is in the list (items, cursor and all): the session's member counts. */
    private readonly onPage: (list: PagedList<Item>) => void = () => {},
  ) {}

  get hasMore(): boolean {
    return this.cursor !== null;
  }

  get isLoading(): boolean {
    return this.inFlight !== undefined;
  }

  /** True until a first page has been asked for. */
  get isPristine(): boolean {
    return this.pagesLoaded === 0 && this.inFlight === undefined && this.error === undefined;
  }

  loadNext(): Promise<void> {
    if (!this.inFlight && this.hasMore) {
      this.version++;
      this.inFlight = this.fetchNext().finally(() => {
        this.inFlight = undefined;
        this.version++;
      });
    }
    return this.inFlight ?? Promise.resolve();
  }

  /** Loads pages until `count` are loaded, the list ends, or a page fails or is cancelled. */
  async loadPages(count: number): Promise<void> {
    for (;;) {
      const before = this.pagesLoaded;
      await this.loadNext();
      if (this.pagesLoaded === before || this.pagesLoaded >= count || !this.hasMore) return;
    }
  }

  private async fetchNext(): Promise<void> {
    const after = this.cursor ?? undefined;
    this.error = undefined;
    try {
      const page = await this.fetchPage(after);
      const next = this.trail.advance(page, after);
      this.onItems(page.data);
      for (const item of page.data) {
        // An item repeated across pages (a cursor that restarted the list) would give two tree rows one id.
        if (this.ids.has(item.id)) continue;
        this.ids.add(item.id);
        this.items.push(item);
      }
      this.cursor = next;
      this.pagesLoaded++;
      this.onPage(this);
    } catch (error) {
      if (!isWorkOSError(error, 'cancelled')) this.error = error;
    }
  }
}

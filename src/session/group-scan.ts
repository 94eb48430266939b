import { scanBothEnds, WorkOSError, type DirectoryGroup } from '../workos';

/**
 * Every group of one directory, read from both ends at once (see scanBothEnds), shared by whoever
 * asks in the session: a second search reuses what the first read. Listeners see each batch as it
 * arrives. Stopped before the end (the picker closed), it sends nothing more and is not reused.
 */
export class GroupScan {
  readonly items: DirectoryGroup[] = [];
  done = false;
  error: Error | undefined = undefined;
  readonly finished: Promise<void>;
  readonly #controller = new AbortController();
  readonly #listeners = new Set<() => void>();

  constructor(
    fetchPage: Parameters<typeof scanBothEnds<DirectoryGroup>>[0],
    sessionSignal: AbortSignal,
    onItems: (items: readonly DirectoryGroup[]) => void,
    onFallback: (reason: string) => void,
  ) {
    this.finished = scanBothEnds(fetchPage, {
      signal: AbortSignal.any([sessionSignal, this.#controller.signal]),
      onItems: (items) => {
        this.items.push(...items);
        onItems(items);
        this.notify();
      },
      onFallback,
    }).then(
      () => {
        this.done = true;
        this.notify();
      },
      (error: unknown) => {
        this.error = error instanceof Error ? error : new WorkOSError('invalid_response', 'The scan stopped.');
        this.notify();
      },
    );
  }

  /** Every group, once the scan has read them all; its failure otherwise. */
  async all(): Promise<DirectoryGroup[]> {
    await this.finished;
    if (this.error) throw this.error;
    return this.items;
  }

  /** Stopped, or failed: the next search starts over. */
  get usable(): boolean {
    return !this.#controller.signal.aborted && this.error === undefined;
  }

  stop(): void {
    if (!this.done) this.#controller.abort();
  }

  /** Calls `listener` after every batch and at the end; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

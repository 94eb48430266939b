import * as l10n from '@vscode/l10n';
import { WorkOSError } from '../workos';

/** What a collection reads into: its items as they arrive, and what a reader should be told. */
export interface CollectionSink<T> {
  items(batch: readonly T[]): void;
  /** Items the server sent that the query did not ask for. */
  dropped(count: number): void;
  /** Something about the result a person should know (a total far from the directory's own count). */
  warn(text: string): void;
}

/** A collection stopped under everyone still waiting for it: said, unlike a person's own cancel. */
export class SessionEnded extends Error {
  constructor() {
    super(
      l10n.t(
        'It stopped because the view was refreshed, or the environment or API key changed. Run the command again.',
      ),
    );
    this.name = 'SessionEnded';
  }
}

/**
 * One whole collection (every page of a list, or every group read from both ends), shared by whoever
 * asks the session for the same query. Each asker joins; the reading stops only when the last one has
 * left before the end, so closing one picker never ends another's export. When the session ends
 * (Refresh, a switch, a new key), everyone still there is told plainly, and nothing more is sent.
 */
export class Collection<T extends { id: string }> {
  readonly items: T[] = [];
  /** Items the server sent that the query did not ask for (another directory's, another email). */
  dropped = 0;
  /** Set when the result looks incomplete or odd, in a sentence. */
  warning: string | undefined = undefined;
  done = false;
  error: Error | undefined = undefined;
  readonly finished: Promise<void>;
  readonly #controller = new AbortController();
  readonly #listeners = new Set<() => void>();
  #members = 0;

  /** Starts the reading on the first join: a collection nobody joined sends nothing. */
  readonly #start: () => void;

  constructor(read: (signal: AbortSignal, sink: CollectionSink<T>) => Promise<unknown>, sessionSignal: AbortSignal) {
    const signal = AbortSignal.any([sessionSignal, this.#controller.signal]);
    const sink: CollectionSink<T> = {
      items: (batch) => {
        this.items.push(...batch);
        this.notify();
      },
      dropped: (count) => (this.dropped += count),
      warn: (text) => (this.warning = text),
    };
    let started!: () => void;
    this.#start = () => started();
    this.finished = new Promise<void>((resolve) => (started = resolve))
      .then(() => read(signal, sink))
      .then(
        () => {
          this.done = true;
          this.notify();
        },
        (error: unknown) => {
          if (sessionSignal.aborted) this.error = new SessionEnded();
          else if (error instanceof Error) this.error = error;
          else this.error = new WorkOSError('invalid_response', l10n.t('The reading stopped.'));
          this.notify();
        },
      );
  }

  /** Neither stopped nor failed: the next asker may join it (a stopped or failed one starts over). */
  get usable(): boolean {
    return !this.#controller.signal.aborted && this.error === undefined;
  }

  /**
   * Joins: `listener` hears every batch and the end. The returned function leaves, and so does an
   * abort of `signal`; the last one to leave before the end stops the reading.
   */
  join(listener: () => void = () => {}, signal?: AbortSignal): () => void {
    this.#members++;
    this.#listeners.add(listener);
    this.#start();
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      signal?.removeEventListener('abort', leave);
      this.#listeners.delete(listener);
      if (--this.#members === 0 && !this.done) this.#controller.abort();
    };
    if (signal?.aborted) leave();
    else signal?.addEventListener('abort', leave, { once: true });
    return leave;
  }

  /**
   * Every item once the reading is done, for a caller that joins until then (or until `signal` aborts,
   * which leaves and rejects with `cancelled`).
   */
  async all(signal?: AbortSignal, listener?: () => void): Promise<T[]> {
    const leave = this.join(listener, signal);
    try {
      await abortable(this.finished, signal);
      if (this.error) throw this.error;
      return this.items;
    } finally {
      leave();
    }
  }

  private notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

/** `promise`, or a `cancelled` rejection as soon as `signal` aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      const onAbort = () => reject(cancelled());
      if (signal.aborted) onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      // then(), not finally(): a rejection of `promise` is the caller's to handle, not a new unhandled one.
      const stopListening = () => signal.removeEventListener('abort', onAbort);
      promise.then(stopListening, stopListening);
    }),
  ]);
}

/**
 * Runs `work` on each of `items`, `atOnce` at a time (a few readers keep a paced client busy without
 * queueing many). Once `signal` aborts no more start, and it rejects with `cancelled`, as abortable.
 */
export async function forEachAtOnce<T>(
  items: readonly T[],
  atOnce: number,
  signal: AbortSignal,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, worker));
  if (signal.aborted) throw cancelled();
}

function cancelled(): WorkOSError {
  return new WorkOSError('cancelled', l10n.t('The request was cancelled.'));
}

import type * as vscode from 'vscode';
import { KeyringError, type ApiKeyStore, type KeySource } from '../keys/api-key-store';
import type { Log } from '../log';
import { apiBaseUrl } from '../settings';
import { WorkOSClient, type WorkOSClientOptions } from '../workos';
import { Session } from './session';

/** The session for the current key and address, or why there is none. */
export type SessionState = { session: Session; keySource: KeySource } | { missingKey: true } | { problem: string };

/** Timing of the client's requests (timeout, waits between retries): the extension's own tests shorten them. */
export type Timing = Pick<WorkOSClientOptions, 'timeoutMs' | 'sleep' | 'backoffMs'>;

/**
 * Hands out one session for the current key and API address, made on first use (never at activation)
 * and replaced when either changes, or on {@link restart}; the old one is ended whole. A restart for
 * the same key and address keeps the client: WorkOS's rate limits count per key, so its pacing must
 * outlive a Refresh.
 */
export class Sessions implements vscode.Disposable {
  #client: { key: string; origin: string; client: WorkOSClient } | undefined;
  #session: Session | undefined;
  #timing: Timing = {};

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
    private readonly userAgent: string,
    private readonly pageSize: () => number,
  ) {}

  async current(): Promise<SessionState> {
    const address = apiBaseUrl();
    if ('problem' in address) return { problem: `workos.apiBaseUrl: ${address.problem}` };
    let key;
    try {
      key = await this.keys.get();
    } catch (error) {
      if (error instanceof KeyringError) return { problem: error.message };
      throw error;
    }
    if (!key) {
      this.restart();
      return { missingKey: true };
    }
    if (this.#client?.key !== key.value || this.#client.origin !== address.origin) {
      this.restart();
      const client = new WorkOSClient({
        apiKey: key.value,
        baseUrl: address.origin,
        userAgent: this.userAgent,
        onRequest: (record) => this.log.request(record),
        ...this.#timing,
      });
      this.#client = { key: key.value, origin: address.origin, client };
    }
    if (!this.#session || this.#session.ended) this.#session = new Session(this.#client.client, this.pageSize);
    return { session: this.#session, keySource: key.source };
  }

  /** The session in use, if one has been made and not ended; never reads the keychain. */
  get active(): Session | undefined {
    return this.#session?.ended ? undefined : this.#session;
  }

  /** Ends the current session: Refresh, or a new key or address. The next {@link current} makes another. */
  restart(): void {
    this.#session?.end();
    this.#session = undefined;
  }

  dispose(): void {
    this.restart();
  }

  /** For the extension's own tests, through its test API only. */
  setTiming(timing: Timing): void {
    this.#timing = timing;
    this.#client = undefined;
    this.restart();
  }
}

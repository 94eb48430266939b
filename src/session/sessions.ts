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
 * and replaced when either changes, or on {@link restart}; the old one is ended whole.
 */
export class Sessions implements vscode.Disposable {
  #current: { key: string; origin: string; session: Session } | undefined;
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
    const current = this.#current;
    if (current && current.key === key.value && current.origin === address.origin && !current.session.ended) {
      return { session: current.session, keySource: key.source };
    }
    current?.session.end();
    const client = new WorkOSClient({
      apiKey: key.value,
      baseUrl: address.origin,
      userAgent: this.userAgent,
      onRequest: (record) => this.log.request(record),
      ...this.#timing,
    });
    const session = new Session(client, this.pageSize);
    this.#current = { key: key.value, origin: address.origin, session };
    return { session, keySource: key.source };
  }

  /** The session in use, if one has been made and not ended; never reads the keychain. */
  get active(): Session | undefined {
    const session = this.#current?.session;
    return session && !session.ended ? session : undefined;
  }

  /** Ends the current session: Refresh, or a new key or address. The next {@link current} makes another. */
  restart(): void {
    this.#current?.session.end();
    this.#current = undefined;
  }

  dispose(): void {
    this.restart();
  }

  /** For the extension's own tests, through its test API only. */
  setTiming(timing: Timing): void {
    this.#timing = timing;
    this.restart();
  }
}

import { KeyringError, type ApiKeyStore, type KeySource } from './api-key';
import type { Log } from './log';
import { apiBaseUrl } from './settings';
import type { Connection } from './tree/model';
import { WorkOSClient, type WorkOSClientOptions } from './workos';

/**
 * Hands out one WorkOS client for the current key and API address, made on first use (never at
 * activation) and remade only when either changes.
 */
export class Connector {
  #current: { key: string; origin: string; client: WorkOSClient } | undefined;
  /** Where the key in use came from, for the view's message. */
  keySource: KeySource | undefined;
  /** Timing options (timeout, waits between retries); the extension's own tests shorten them. */
  private timing: Pick<WorkOSClientOptions, 'timeoutMs' | 'sleep' | 'backoffMs'> = {};

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
    private readonly userAgent: string,
  ) {}

  async connect(): Promise<Connection> {
    const address = apiBaseUrl();
    if ('problem' in address) return { problem: `workos.apiBaseUrl: ${address.problem}` };
    let key;
    try {
      key = await this.keys.get();
    } catch (error) {
      if (error instanceof KeyringError) return { problem: error.message };
      throw error;
    }
    this.keySource = key?.source;
    if (!key) return { missingKey: true };
    if (this.#current?.key !== key.value || this.#current.origin !== address.origin) {
      const client = new WorkOSClient({
        apiKey: key.value,
        baseUrl: address.origin,
        userAgent: this.userAgent,
        onRequest: (record) => this.log.request(record),
        ...this.timing,
      });
      this.#current = { key: key.value, origin: address.origin, client };
    }
    return { client: this.#current.client };
  }

  setTiming(timing: Pick<WorkOSClientOptions, 'timeoutMs' | 'sleep' | 'backoffMs'>): void {
    this.timing = timing;
    this.#current = undefined;
  }
}

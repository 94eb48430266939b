import type * as vscode from 'vscode';
import {
  KeyringError,
  type ApiKey,
  type Environment,
  type EnvironmentStore,
  type KeySource,
} from '../environments/environment-store';
import { environmentLabel } from '../environments/environment-text';
import type { Log } from '../log';
import { apiBaseUrl } from '../settings';
import { checkBaseUrl, WorkOSClient, type BaseUrlCheck, type WorkOSClientOptions } from '../workos';
import { Session } from './session';

/** The session of an environment, or why there is none. */
export type SessionState = { environment?: Environment } & (
  { session: Session; keySource: KeySource } | { missingKey: true } | { problem: string }
);

/** Timing of the client's requests (timeout, waits between retries): the extension's own tests shorten them. */
export type Timing = Pick<WorkOSClientOptions, 'timeoutMs' | 'sleep' | 'backoffMs'>;

/**
 * Hands out one session per environment, for its current key and API address, made on first use
 * (never at activation) and replaced when either changes, or on {@link restart}; the old one is ended
 * whole. A restart for the same key and address keeps the client: WorkOS's rate limits count per key,
 * so its pacing must outlive a Refresh. Nothing of one environment's session (its cache, its lists)
 * is ever handed out for another.
 */
export class Sessions implements vscode.Disposable {
  readonly #clients = new Map<string, { key: string; origin: string; client: WorkOSClient }>();
  readonly #sessions = new Map<string, Session>();
  /** The environment this window worked in last. */
  #activeId: string | undefined;
  #timing: Timing = {};
  readonly #keyChanges: { dispose(): void };

  constructor(
    private readonly environments: EnvironmentStore,
    private readonly log: Log,
    private readonly userAgent: string,
    private readonly pageSize: () => number,
  ) {
    // A key changed or removed in any window: nothing of this window may go on with the old one.
    this.#keyChanges = environments.onDidChangeKey((id) => this.end(id));
  }

  /** The session of the environment this window works in. */
  async current(): Promise<SessionState> {
    let active;
    try {
      active = await this.environments.active();
    } catch (error) {
      if (error instanceof KeyringError) return { environment: undefined, problem: error.message };
      throw error;
    }
    // Whatever moved the window to another environment, the old one's session ends here, so no late
    // answer of it reaches the tree.
    if (this.#activeId !== undefined && this.#activeId !== active.environment?.id) this.end(this.#activeId);
    this.#activeId = active.environment?.id;
    return this.sessionOf(active.environment, active.key);
  }

  /**
   * The session of environment `id` (a document's own), whichever environment the window works in;
   * with no `id` (not one of our documents, or a tab from before environments), the window's.
   */
  async of(id: string | undefined): Promise<SessionState> {
    if (id === undefined) return this.current();
    try {
      const environment = (await this.environments.list()).find((candidate) => candidate.id === id);
      return this.sessionOf(environment, environment && (await this.environments.key(id)));
    } catch (error) {
      if (error instanceof KeyringError) return { problem: error.message };
      throw error;
    }
  }

  /** The session in use in this window, if one has been made and not ended; never reads the keychain. */
  get active(): Session | undefined {
    const session = this.#activeId === undefined ? undefined : this.#sessions.get(this.#activeId);
    return session?.ended ? undefined : session;
  }

  /** Ends the session of the window's environment: Refresh, a switch, a new key or address. */
  restart(): void {
    if (this.#activeId !== undefined) this.end(this.#activeId);
  }

  /** Ends an environment's session and drops its client: the environment was removed. */
  forget(id: string): void {
    this.end(id);
    this.#clients.delete(id);
  }

  dispose(): void {
    this.#keyChanges.dispose();
    this.endAll();
  }

  /** For the extension's own tests, through its test API only. */
  setTiming(timing: Timing): void {
    this.#timing = timing;
    this.#clients.clear();
    this.endAll();
  }

  /** The address is checked before the key, so that a bad one is said even before a key is set. */
  private sessionOf(environment: Environment | undefined, key: ApiKey | undefined): SessionState {
    if (!environment) return { missingKey: true };
    const address = this.addressOf(environment);
    if ('problem' in address) return { environment, problem: address.problem };
    if (!key) {
      this.end(environment.id);
      return { environment, missingKey: true };
    }
    const { id } = environment;
    let client = this.#clients.get(id);
    if (client?.key !== key.value || client.origin !== address.origin) {
      this.end(id);
      client = {
        key: key.value,
        origin: address.origin,
        client: new WorkOSClient({
          apiKey: key.value,
          baseUrl: address.origin,
          userAgent: this.userAgent,
          onRequest: (record) => this.log.request(record),
          ...this.#timing,
        }),
      };
      this.#clients.set(id, client);
    }
    let session = this.#sessions.get(id);
    if (!session || session.ended) {
      session = new Session(client.client, this.pageSize, id);
      this.#sessions.set(id, session);
    }
    return { environment, session, keySource: key.source };
  }

  /** The environment's own address, else the user-level setting; a workspace never decides either. */
  private addressOf(environment: Environment): BaseUrlCheck {
    if (environment.apiBaseUrl === undefined) {
      const setting = apiBaseUrl();
      return 'problem' in setting ? { problem: `workos.apiBaseUrl: ${setting.problem}` } : setting;
    }
    const own = checkBaseUrl(environment.apiBaseUrl);
    return 'problem' in own
      ? { problem: `The API address of environment ${environmentLabel(environment)}: ${own.problem}` }
      : own;
  }

  private endAll(): void {
    for (const id of [...this.#sessions.keys()]) this.end(id);
  }

  private end(id: string): void {
    this.#sessions.get(id)?.end();
    this.#sessions.delete(id);
  }
}

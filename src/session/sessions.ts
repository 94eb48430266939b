import * as vscode from 'vscode';
import {
  KeyringError,
  type ApiKey,
  type Environment,
  type EnvironmentStore,
  type KeySource,
} from '../environments/environment-store';
import { environmentLabel } from '../environments/environment-text';
import type { Log } from '../host/log';
import { affectsConnection, apiBaseUrl } from '../host/settings';
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
 * (never at activation) and replaced when either changes, or on {@link refresh}; the old one is ended
 * whole. It alone decides when sessions end: a key changed or removed in any window, the window moved to
 * another environment, an environment removed, the connection settings changed. Views hear it through
 * {@link onDidReset}. A restart for the same key and address keeps the client: WorkOS's rate limits count per key,
 * so its pacing must outlive a Refresh. Nothing of one environment's session (its cache, its lists)
 * is ever handed out for another.
 */
export class Sessions implements vscode.Disposable {
  readonly #clients = new Map<string, { key: string; origin: string; client: WorkOSClient }>();
  readonly #sessions = new Map<string, Session>();
  /** The environment this window worked in last. */
  #activeId: string | undefined;
  #timing: Timing = {};
  readonly #resets = new vscode.EventEmitter<{ keepDepth: boolean }>();
  /**
   * The window's session ended and a new one starts on next use: `keepDepth` after a Refresh (same key
   * and address: lists may reload as deep as they were), not after a change of key, environment or address.
   */
  readonly onDidReset = this.#resets.event;
  readonly #subscriptions: Array<{ dispose(): void }>;

  constructor(
    private readonly environments: EnvironmentStore,
    private readonly log: Log,
    private readonly userAgent: string,
    private readonly pageSize: () => number,
  ) {
    this.#subscriptions = [
      this.#resets,
      // A key changed or removed in any window: nothing of this window may go on with the old one.
      environments.onDidChangeKey((id) => this.end(id)),
      // The window's environment, or its key, changed.
      environments.onDidChangeActive(() => this.startOver()),
      environments.onDidChangeList(() => void this.forgetRemoved()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!affectsConnection(event)) return;
        this.endAll();
        this.#resets.fire({ keepDepth: false });
      }),
    ];
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

  /** Refresh: a new session for the same key and client (its pacing must outlive a Refresh). */
  refresh(): void {
    if (this.#activeId !== undefined) this.end(this.#activeId);
    this.#resets.fire({ keepDepth: true });
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.endAll();
  }

  private startOver(): void {
    if (this.#activeId !== undefined) this.end(this.#activeId);
    this.#resets.fire({ keepDepth: false });
  }

  /** An environment removed in any window: its session ends and its client (with the old key) goes. */
  private async forgetRemoved(): Promise<void> {
    let listed: Set<string>;
    try {
      listed = new Set((await this.environments.list()).map(({ id }) => id));
    } catch {
      return; // a keychain that failed says nothing about removals
    }
    for (const id of [...this.#clients.keys(), ...this.#sessions.keys()]) {
      if (listed.has(id)) continue;
      this.end(id);
      this.#clients.delete(id);
    }
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
          // A server without the nested routes, or one that ignores a filter: said once, in the log.
          onNotice: (text) => this.log.info(text),
          ...this.#timing,
        }),
      };
      this.#clients.set(id, client);
    }
    let session = this.#sessions.get(id);
    if (!session || session.ended) {
      session = new Session(client.client, this.pageSize, id, (text) => this.log.info(text));
      this.#sessions.set(id, session);
    }
    return { environment, session, keySource: key.source };
  }

  /** The environment's own address, else the user-level setting; a workspace never decides either. */
  private addressOf(environment: Environment): BaseUrlCheck {
    if (environment.apiBaseUrl === undefined) {
      const setting = apiBaseUrl();
      return 'problem' in setting
        ? {
            problem: vscode.l10n.t({
              message: 'workos.apiBaseUrl: {0}',
              args: [setting.problem],
              comment: ['the setting, then its problem'],
            }),
          }
        : setting;
    }
    const own = checkBaseUrl(environment.apiBaseUrl);
    return 'problem' in own
      ? {
          problem: vscode.l10n.t('The API address of environment {0}: {1}', environmentLabel(environment), own.problem),
        }
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

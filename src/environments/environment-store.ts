// Free of VS Code at run time (types only), so the store and its migration are tested in plain Node
// with an in-memory secret store.
import type * as vscode from 'vscode';
import { protectKey } from '../safe-text';
import { normalizeKey } from '../workos';

/** A named WorkOS environment. Its key is in secret storage only; everything here is in global state. */
export interface Environment {
  readonly id: string;
  readonly name: string;
  /** Marked production: the status bar uses the warning background while it is active. */
  readonly production: boolean;
  /** Where its key is sent; when absent, the user-level `workos.apiBaseUrl` setting decides. */
  readonly apiBaseUrl?: string;
  /** The one from `WORKOS_API_KEY`: it cannot be renamed, removed or given another key here. */
  readonly readOnly?: boolean;
}

export type KeySource = 'secret-storage' | 'environment';

export interface ApiKey {
  value: string;
  source: KeySource;
}

/** The environment a window works in, with its key when it has one. */
export interface ActiveEnvironment {
  environment: Environment | undefined;
  key: ApiKey | undefined;
}

/** Secret storage failed (on Linux: no keyring). The message says what to do about it. */
export class KeyringError extends Error {
  override name = 'KeyringError';
}

export const ENVIRONMENT_VARIABLE = 'WORKOS_API_KEY';
/** The environment that holds the key stored before environments existed, under its old secret. */
export const DEFAULT_ENVIRONMENT: Environment = { id: 'default', name: 'Default', production: false };
const VARIABLE_ENVIRONMENT: Environment = {
  id: 'environment-variable',
  name: 'Environment variable',
  production: false,
  readOnly: true,
};

const LEGACY_SECRET = 'workos.apiKey';
const LIST_STATE = 'workos.environments';
const LAST_CHOSEN_STATE = 'workos.lastEnvironment';
const MAX_NAME_LENGTH = 40;

type Listener<T> = (value: T) => unknown;

/**
 * The environments, their keys, and which one this window works in.
 *
 * The choice is this window's own (each window has its own extension host); a new window starts with
 * the one last chosen in any window. A window whose chosen environment has no key falls back to
 * `WORKOS_API_KEY` when it is set, shown as the read-only "Environment variable" environment, as the
 * single key did before environments.
 */
export class EnvironmentStore {
  /** Stored keys, read once per change rather than from the keychain on every expansion. */
  readonly #keys = new Map<string, Promise<string | undefined>>();
  #chosen: string | undefined;
  #resolved: Environment | undefined;
  #resolvedHasKey = false;
  readonly #resolveListeners = new Set<Listener<ActiveEnvironment>>();
  readonly #activeListeners = new Set<Listener<void>>();
  readonly #keyListeners = new Set<Listener<string>>();
  readonly #listListeners = new Set<Listener<void>>();
  readonly #subscription: { dispose(): unknown };

  constructor(
    private readonly secrets: Pick<vscode.SecretStorage, 'get' | 'store' | 'delete' | 'onDidChange'>,
    private readonly state: Pick<vscode.Memento, 'get' | 'update'>,
    private readonly variables: NodeJS.ProcessEnv = process.env,
  ) {
    this.#chosen = state.get<string>(LAST_CHOSEN_STATE);
    // Fires in every window: a key set, changed or removed in one reaches all of them.
    this.#subscription = secrets.onDidChange(({ key: secret }) => {
      const id = environmentOfSecret(secret);
      if (id === undefined) return;
      this.#keys.delete(id);
      for (const listener of this.#keyListeners) listener(id);
      // This window's environment, or the chosen one that the window may fall back from.
      if (id === this.#resolved?.id || id === this.chosenStored()?.id) {
        this.fireActive();
      }
    });
  }

  /** Every environment: the stored ones in the order added, then the one from `WORKOS_API_KEY`. */
  async list(): Promise<Environment[]> {
    const stored = await this.migrated();
    return this.variableKey() ? [...stored, VARIABLE_ENVIRONMENT] : stored;
  }

  /** The environment this window works in, resolved on first use (it reads the keychain). */
  async active(): Promise<ActiveEnvironment> {
    const all = await this.list();
    const chosen = all.find(({ id }) => id === this.#chosen) ?? all[0];
    let active: ActiveEnvironment = { environment: chosen, key: chosen && (await this.key(chosen.id)) };
    if (!active.key && this.variableKey())
      active = { environment: VARIABLE_ENVIRONMENT, key: await this.key(VARIABLE_ENVIRONMENT.id) };
    const changed =
      JSON.stringify(this.#resolved) !== JSON.stringify(active.environment) ||
      this.#resolvedHasKey !== (active.key !== undefined);
    this.#resolved = active.environment;
    this.#resolvedHasKey = active.key !== undefined;
    if (changed) for (const listener of this.#resolveListeners) listener(active);
    return active;
  }

  /** The environment resolved last, without reading anything: undefined until this window used one. */
  get resolved(): Environment | undefined {
    return this.#resolved;
  }

  async key(id: string): Promise<ApiKey | undefined> {
    if (id === VARIABLE_ENVIRONMENT.id) {
      const value = this.variableKey();
      if (value) protectKey(value);
      return value ? { value, source: 'environment' } : undefined;
    }
    let stored = this.#keys.get(id);
    if (!stored) {
      stored = this.keyring('read', () => this.secrets.get(secretOf(id)));
      this.#keys.set(id, stored);
      // A keyring that failed may work on the next try.
      stored.catch(() => this.#keys.get(id) === stored && this.#keys.delete(id));
    }
    const value = await stored;
    if (value) protectKey(value);
    return value ? { value, source: 'secret-storage' } : undefined;
  }

  /** Makes `id` this window's environment, and the one a new window starts with. */
  async choose(id: string): Promise<void> {
    this.#chosen = id;
    await this.state.update(LAST_CHOSEN_STATE, id);
    this.fireActive();
  }

  /** Adds an environment with its key (the key first: a keyring failure leaves no environment without one). */
  async add(fields: Omit<Environment, 'id' | 'readOnly'>, key: string): Promise<Environment> {
    const stored = await this.migrated();
    const environment: Environment = { id: newId(stored), ...fields };
    await this.storeKey(environment.id, key);
    await this.state.update(LIST_STATE, [...(await this.migrated()), environment]);
    this.fireList();
    return environment;
  }

  async rename(id: string, name: string): Promise<void> {
    const stored = await this.migrated();
    await this.state.update(
      LIST_STATE,
      stored.map((environment) => (environment.id === id ? { ...environment, name } : environment)),
    );
    this.fireList();
    if (id === this.#resolved?.id) this.fireActive();
  }

  /**
   * Forgets the environment and deletes its key. The list changes first, so that other windows, told
   * by the key's deletion, no longer find it; when the keychain refuses, the environment comes back.
   */
  async remove(id: string): Promise<void> {
    const stored = await this.migrated();
    await this.state.update(
      LIST_STATE,
      stored.filter((environment) => environment.id !== id),
    );
    try {
      await this.deleteKey(id);
    } catch (error) {
      await this.state.update(LIST_STATE, stored);
      throw error;
    }
    if (this.#chosen === id) this.#chosen = undefined;
    // Only when it is still the last choice: another window may have chosen since.
    if (this.state.get(LAST_CHOSEN_STATE) === id) await this.state.update(LAST_CHOSEN_STATE, undefined);
    this.fireList();
    this.fireActive();
  }

  /**
   * Stores `key` for `id`; the default environment is listed again if it was not. Listed first, so that
   * every window, told by the key's change, finds it; when the keychain refuses, the list is as before.
   */
  async storeKey(id: string, key: string): Promise<void> {
    protectKey(key);
    this.#keys.delete(id);
    const stored = await this.migrated();
    const listed = id !== DEFAULT_ENVIRONMENT.id || stored.some((environment) => environment.id === id);
    if (!listed) await this.state.update(LIST_STATE, [DEFAULT_ENVIRONMENT, ...stored]);
    try {
      await this.keyring('save', () => this.secrets.store(secretOf(id), key));
    } catch (error) {
      if (!listed) await this.state.update(LIST_STATE, stored);
      throw error;
    }
    if (!listed) this.fireList();
  }

  async deleteKey(id: string): Promise<void> {
    this.#keys.delete(id);
    await this.keyring('delete', () => this.secrets.delete(secretOf(id)));
  }

  /** The stored environment a key set in this window goes to: the chosen one, else the first, else Default. */
  async keyTarget(): Promise<Environment> {
    await this.migrated();
    return this.chosenStored() ?? DEFAULT_ENVIRONMENT;
  }

  /** Why `name` cannot name an environment (other than `except`), or undefined when it can. */
  async nameProblem(name: string, except?: string): Promise<string | undefined> {
    const trimmed = name.trim();
    if (!trimmed) return 'Enter a name, such as staging or production.';
    if (trimmed.length > MAX_NAME_LENGTH) return `At most ${MAX_NAME_LENGTH} characters.`;
    if (/[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(trimmed)) return 'The name holds invisible characters.';
    if (/sk_[A-Za-z0-9_]{4,}/.test(trimmed))
      return 'That looks like an API key: the key goes in the next box, never in a name.';
    if (trimmed.toLocaleLowerCase() === VARIABLE_ENVIRONMENT.name.toLocaleLowerCase()) {
      return `"${VARIABLE_ENVIRONMENT.name}" names the key from ${ENVIRONMENT_VARIABLE}; choose another name.`;
    }
    const taken = (await this.list()).find(
      ({ id, name: other }) => id !== except && other.toLocaleLowerCase() === trimmed.toLocaleLowerCase(),
    );
    return taken ? `An environment is already called "${taken.name}".` : undefined;
  }

  /** Fires when this window's environment may have changed: a switch, a removal, or its key changed. */
  onDidChangeActive(listener: Listener<void>): { dispose(): void } {
    return subscribe(this.#activeListeners, listener);
  }

  /** Fires when the window's environment, or whether it has a key, turns out other than last time. */
  onDidResolve(listener: Listener<ActiveEnvironment>): { dispose(): void } {
    return subscribe(this.#resolveListeners, listener);
  }

  /** Fires with the environment's ID when its key is set, changed or removed, in any window. */
  onDidChangeKey(listener: Listener<string>): { dispose(): void } {
    return subscribe(this.#keyListeners, listener);
  }

  /** Fires when this window adds, renames or removes an environment. */
  onDidChangeList(listener: Listener<void>): { dispose(): void } {
    return subscribe(this.#listListeners, listener);
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#activeListeners.clear();
    this.#resolveListeners.clear();
    this.#keyListeners.clear();
    this.#listListeners.clear();
  }

  /**
   * The stored environments. Before environments existed there was one key under `workos.apiKey`: on
   * first use it becomes the environment "Default", which keeps that secret, so nothing moves.
   */
  private async migrated(): Promise<Environment[]> {
    const saved = this.stored();
    if (this.state.get(LIST_STATE) !== undefined) return saved;
    const legacy = await this.key(DEFAULT_ENVIRONMENT.id);
    const list = legacy ? [DEFAULT_ENVIRONMENT] : [];
    await this.state.update(LIST_STATE, list);
    return list;
  }

  /** The saved list, each entry checked: global state is ours, but one bad entry must not hide the rest. */
  private stored(): Environment[] {
    const saved = this.state.get<unknown>(LIST_STATE);
    if (!Array.isArray(saved)) return [];
    const seen = new Set<string>();
    return saved.flatMap((entry: unknown): Environment[] => {
      const { id, name, production, apiBaseUrl } = (entry ?? {}) as Record<string, unknown>;
      if (typeof id !== 'string' || typeof name !== 'string' || seen.has(id) || id === VARIABLE_ENVIRONMENT.id)
        return [];
      seen.add(id);
      // An address is kept as saved, even one that no longer passes: the session refuses it in words,
      // rather than silently sending the key to the default address instead.
      const address = typeof apiBaseUrl === 'string' ? { apiBaseUrl } : {};
      return [{ id, name, production: production === true, ...address }];
    });
  }

  /** The stored environment this window means: the chosen one, else the first. */
  private chosenStored(): Environment | undefined {
    const stored = this.stored();
    return stored.find(({ id }) => id === this.#chosen) ?? stored[0];
  }

  private variableKey(): string {
    return normalizeKey(this.variables[ENVIRONMENT_VARIABLE] ?? '');
  }

  private fireActive(): void {
    for (const listener of this.#activeListeners) listener();
  }

  private fireList(): void {
    for (const listener of this.#listListeners) listener();
  }

  private async keyring<T>(action: string, work: () => Thenable<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new KeyringError(
        `Could not ${action} the API key in the system keychain (${reason}). On Linux, VS Code needs a running keyring such as GNOME Keyring or KWallet, or the --password-store flag; see "Troubleshooting" in the extension's README. The key was not written anywhere else.`,
      );
    }
  }
}

/** Default keeps the secret ID of the single key that came before it. */
function secretOf(id: string): string {
  return id === DEFAULT_ENVIRONMENT.id ? LEGACY_SECRET : `${LEGACY_SECRET}.${id}`;
}

function environmentOfSecret(secret: string): string | undefined {
  if (secret === LEGACY_SECRET) return DEFAULT_ENVIRONMENT.id;
  return secret.startsWith(`${LEGACY_SECRET}.`) ? secret.slice(LEGACY_SECRET.length + 1) : undefined;
}

/** Random, so two windows adding an environment at once do not pick the same secret. */
function newId(stored: readonly Environment[]): string {
  for (;;) {
    const id = `env-${Math.random().toString(36).slice(2, 10)}`;
    if (!stored.some((environment) => environment.id === id)) return id;
  }
}

function subscribe<T>(listeners: Set<Listener<T>>, listener: Listener<T>): { dispose(): void } {
  listeners.add(listener);
  return { dispose: () => void listeners.delete(listener) };
}

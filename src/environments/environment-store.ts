// Free of VS Code at run time (types only), so the store and its migration are tested in plain Node
// with an in-memory secret store.
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { displayText, protectKey } from '../text/safe-text';
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
/**
 * The environment that holds the key stored before environments existed, under its old secret. Its
 * name, and the variable's below, are names a person may type and pick (stored, compared): not translated.
 */
export const DEFAULT_ENVIRONMENT: Environment = { id: 'default', name: 'Default', production: false };
/** The read-only environment of the key in `WORKOS_API_KEY`, listed while it is set. */
export const VARIABLE_ENVIRONMENT: Environment = {
  id: 'environment-variable',
  name: 'Environment variable',
  production: false,
  readOnly: true,
};

const LEGACY_SECRET = 'workos.apiKey';
const LIST_STATE = 'workos.environments';
const LAST_CHOSEN_STATE = 'workos.lastEnvironment';
/** Longest environment name: it has to fit the status bar. */
export const MAX_NAME_LENGTH = 40;

type Listener<T> = (value: T) => unknown;

/**
 * The environments, their keys, and which one this window works in.
 *
 * The choice is this window's own (each window has its own extension host); a new window starts with
 * the one last chosen in any window. When Default (the single key of old) has no key, or there is no
 * environment at all, `WORKOS_API_KEY` is used when it is set, shown as the read-only "Environment
 * variable" environment, as the single key's fallback was before environments.
 */
export class EnvironmentStore {
  /** Stored keys, read once per change rather than from the keychain on every expansion. */
  readonly #keys = new Map<string, Promise<string | undefined>>();
  #chosen: string | undefined;
  #resolved: Environment | undefined;
  /** The key last resolved (the client holds it anyway), so that a changed key is told as a change. */
  #resolvedKey: string | undefined;
  /** Whether this window has resolved its environment yet: until then nothing is loaded, so nothing is told. */
  #used = false;
  /** Whether the last try failed (the keychain): the view shows that, and must be told what follows. */
  #failed = false;
  /** Bumped by a switch, a removal and any key change: a resolution begun before one is done again. */
  #generation = 0;
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
    // Fires in every window: a key set, changed or removed in one reaches all of them. Whether it
    // concerns this window is decided by resolving again, not from the list, which another window's
    // change may not have reached yet.
    this.#subscription = secrets.onDidChange(({ key: secret }) => {
      const id = environmentOfSecret(secret);
      if (id === undefined) return;
      this.#keys.delete(id);
      this.#generation++;
      for (const listener of this.#keyListeners) listener(id);
      if (this.#used || this.#failed) void this.resolveAgain();
    });
  }

  /** Every environment: the stored ones in the order added, then the one from `WORKOS_API_KEY`. */
  async list(): Promise<Environment[]> {
    const stored = await this.migrated();
    return this.variableKey() ? [...stored, VARIABLE_ENVIRONMENT] : stored;
  }

  /**
   * The environment this window works in, resolved on first use (it reads the keychain). When it, or
   * its key, is another than last time, whatever made it so (a switch, a removal or a key changed in
   * any window), {@link onDidChangeActive} fires.
   */
  async active(): Promise<ActiveEnvironment> {
    for (;;) {
      const generation = this.#generation;
      let active;
      try {
        active = await this.resolve();
      } catch (error) {
        this.#failed = true;
        throw error;
      }
      if (generation === this.#generation) return this.settle(active);
    }
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
    this.#generation++;
    await this.state.update(LAST_CHOSEN_STATE, id);
    await this.resolveAgain();
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
    this.#generation++;
    // Only when it is still the last choice: another window may have chosen since.
    if (this.state.get(LAST_CHOSEN_STATE) === id) await this.state.update(LAST_CHOSEN_STATE, undefined);
    this.fireList();
    if (this.#used || this.#failed) await this.resolveAgain();
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
    const stored = await this.migrated();
    const implicit = this.#chosen === VARIABLE_ENVIRONMENT.id ? undefined : stored[0];
    return stored.find(({ id }) => id === this.#chosen) ?? implicit ?? DEFAULT_ENVIRONMENT;
  }

  /** Why `name` cannot name an environment (other than `except`), or undefined when it can. */
  async nameProblem(name: string, except?: string): Promise<string | undefined> {
    const trimmed = name.trim();
    if (!trimmed) return l10n.t('Enter a name, such as staging or production.');
    if (trimmed.length > MAX_NAME_LENGTH) return l10n.t('At most {0} characters.', MAX_NAME_LENGTH);
    // What would show masked or replaced (a key, invisible characters) would not show as typed.
    if (displayText(trimmed, MAX_NAME_LENGTH) !== trimmed) {
      return l10n.t('Use visible characters only, and no API key: the key goes in its own box, never in a name.');
    }
    if (trimmed.toLocaleLowerCase() === VARIABLE_ENVIRONMENT.name.toLocaleLowerCase()) {
      return l10n.t(
        '"{0}" names the key from {1}; choose another name.',
        VARIABLE_ENVIRONMENT.name,
        ENVIRONMENT_VARIABLE,
      );
    }
    const taken = (await this.list()).find(
      ({ id, name: other }) => id !== except && other.toLocaleLowerCase() === trimmed.toLocaleLowerCase(),
    );
    return taken ? l10n.t('An environment is already called "{0}".', taken.name) : undefined;
  }

  /** Fires when this window works in another environment than before, or its environment's key changed. */
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
    // Nothing is saved while there is no old key: a locked keychain, or a window of an older version
    // that sets the key later, must still find it as Default.
    if (!(await this.key(DEFAULT_ENVIRONMENT.id))) return [];
    await this.state.update(LIST_STATE, [DEFAULT_ENVIRONMENT]);
    return [DEFAULT_ENVIRONMENT];
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

  /**
   * The chosen environment (else the first) with its key. Only Default, the single key of old, falls
   * back to `WORKOS_API_KEY`: a named environment without a key says so rather than quietly sending
   * another key (perhaps production's) in its name.
   */
  private async resolve(): Promise<ActiveEnvironment> {
    const all = await this.list();
    const chosen = all.find(({ id }) => id === this.#chosen) ?? all[0];
    const key = chosen && (await this.key(chosen.id));
    if (!key && this.variableKey() && (!chosen || chosen.id === DEFAULT_ENVIRONMENT.id)) {
      return { environment: VARIABLE_ENVIRONMENT, key: await this.key(VARIABLE_ENVIRONMENT.id) };
    }
    return { environment: chosen, key };
  }

  /** Records what was resolved and tells who needs to know. */
  private settle(active: ActiveEnvironment): ActiveEnvironment {
    const shown =
      JSON.stringify(this.#resolved) !== JSON.stringify(active.environment) ||
      (this.#resolvedKey === undefined) !== (active.key === undefined);
    const changed =
      (this.#used || this.#failed) &&
      (this.#failed || this.#resolved?.id !== active.environment?.id || this.#resolvedKey !== active.key?.value);
    this.#used = true;
    this.#failed = false;
    this.#resolved = active.environment;
    this.#resolvedKey = active.key?.value;
    if (shown) for (const listener of this.#resolveListeners) listener(active);
    if (changed) this.fireActive();
    return active;
  }

  /** Resolves the window's environment again; a keychain that fails is told too, so the view shows it in place. */
  private async resolveAgain(): Promise<void> {
    await this.active().then(
      () => undefined,
      () => this.fireActive(),
    );
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

  private async keyring<T>(action: 'read' | 'save' | 'delete', work: () => Thenable<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // One sentence for each action, so that a translation need not fit a verb into another's.
      throw new KeyringError(
        action === 'read'
          ? l10n.t({
              message:
                'Could not read the API key in the system keychain ({0}). On Linux, VS Code needs a running keyring such as GNOME Keyring or KWallet, or the --password-store flag; see "Troubleshooting" in the extension\'s README. The key was not written anywhere else.',
              args: [reason],
              comment: ['{0} is the keychain’s own error message'],
            })
          : action === 'save'
            ? l10n.t({
                message:
                  'Could not save the API key in the system keychain ({0}). On Linux, VS Code needs a running keyring such as GNOME Keyring or KWallet, or the --password-store flag; see "Troubleshooting" in the extension\'s README. The key was not written anywhere else.',
                args: [reason],
                comment: ['{0} is the keychain’s own error message'],
              })
            : l10n.t({
                message:
                  'Could not delete the API key in the system keychain ({0}). On Linux, VS Code needs a running keyring such as GNOME Keyring or KWallet, or the --password-store flag; see "Troubleshooting" in the extension\'s README. The key was not written anywhere else.',
                args: [reason],
                comment: ['{0} is the keychain’s own error message'],
              }),
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

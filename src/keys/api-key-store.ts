import * as vscode from 'vscode';
import { protectKey } from '../safe-text';
import { normalizeKey } from '../workos';

const SECRET_ID = 'workos.apiKey';
export const ENVIRONMENT_VARIABLE = 'WORKOS_API_KEY';

export type KeySource = 'secret-storage' | 'environment';

export interface ApiKey {
  value: string;
  source: KeySource;
}

/** Secret storage failed (on Linux: no keyring). The message says what to do about it. */
export class KeyringError extends Error {}

/**
 * The API key lives in VS Code's SecretStorage only (the OS keychain). When it holds none, a
 * `WORKOS_API_KEY` in the extension host's environment is used, read at the time of use.
 */
export class ApiKeyStore implements vscode.Disposable {
  readonly onDidChange: vscode.Event<void>;
  /** The stored key, read once per change rather than from the keychain on every expansion. */
  #stored: Promise<string | undefined> | undefined;
  private readonly forgetOnChange: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    // Registered before anyone else listens, so listeners below already read the new key.
    this.forgetOnChange = secrets.onDidChange((event) => {
      if (event.key === SECRET_ID) this.#stored = undefined;
    });
    // Fires in every window, so all of them switch keys together.
    this.onDidChange = (listener, thisArgs, disposables) =>
      secrets.onDidChange(
        (event) => {
          if (event.key === SECRET_ID) listener.call(thisArgs);
        },
        undefined,
        disposables,
      );
  }

  async get(): Promise<ApiKey | undefined> {
    this.#stored ??= this.keyring('read', () => this.secrets.get(SECRET_ID)).catch((error: unknown) => {
      this.#stored = undefined; // a keyring that failed may work on the next try
      throw error;
    });
    const stored = await this.#stored;
    const fromEnvironment = normalizeKey(process.env[ENVIRONMENT_VARIABLE] ?? '');
    const key: ApiKey | undefined = stored
      ? { value: stored, source: 'secret-storage' }
      : fromEnvironment
        ? { value: fromEnvironment, source: 'environment' }
        : undefined;
    if (key) protectKey(key.value);
    return key;
  }

  store(key: string): Promise<void> {
    protectKey(key);
    this.#stored = undefined;
    return this.keyring('save', () => this.secrets.store(SECRET_ID, key));
  }

  delete(): Promise<void> {
    this.#stored = undefined;
    return this.keyring('delete', () => this.secrets.delete(SECRET_ID));
  }

  dispose(): void {
    this.forgetOnChange.dispose();
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

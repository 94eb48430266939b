import * as l10n from '@vscode/l10n';

export const DEFAULT_BASE_URL = 'https://api.workos.com';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type BaseUrlCheck = { origin: string } | { problem: string };

/**
 * The API key is sent to this origin, so only https is accepted, plus plain http to this machine for
 * local fakes and emulators. Credentials, paths, queries and fragments are refused rather than
 * silently dropped, so that what a person typed is what is used.
 */
export function checkBaseUrl(value: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return {
      problem: l10n.t(
        'The API address is not a URL. Use {0} or http://127.0.0.1:<port> for a local server.',
        DEFAULT_BASE_URL,
      ),
    };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    return {
      problem: l10n.t(
        'The API address must use https (plain http only to 127.0.0.1, localhost or [::1]); "{0}" is not allowed.',
        `${url.protocol}//${url.host}`,
      ),
    };
  }
  if (url.username || url.password) {
    return {
      problem: l10n.t(
        'The API address must not contain a user name or password; the API key is set with "WorkOS: Set API Key".',
      ),
    };
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    return {
      problem: l10n.t(
        'The API address must be an origin only, such as {0}, without a path, query or fragment.',
        DEFAULT_BASE_URL,
      ),
    };
  }
  return { origin: url.origin };
}

/** The values a setting has in each scope, as VS Code's `inspect()` gives them. */
export interface SettingScopes<T = string> {
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/**
 * The API address from the `workos.apiBaseUrl` setting: the user's own value or the default. A
 * workspace's value is ignored whatever the setting's declared scope, so a repository's
 * `.vscode/settings.json` can never redirect the key.
 */
export function baseUrlFromSettings(scopes: SettingScopes | undefined): BaseUrlCheck {
  return checkBaseUrl(scopes?.globalValue ?? DEFAULT_BASE_URL);
}

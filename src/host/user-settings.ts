// How settings are read where a workspace must not decide: free of VS Code, so that the rule is
// tested in plain Node (VS Code's own scope handling would hide a mistake here).
import type { SettingScopes } from '../workos';

const DEFAULT_PAGE_SIZE = 100;

/**
 * Items per page, 1 to 100 as the API allows, from the user's own settings only: a repository's
 * `.vscode/settings.json` could otherwise make every listing 100 times as many requests against the
 * person's rate limit.
 */
export function pageSizeFromSettings(scopes: SettingScopes<unknown> | undefined): number {
  const value = scopes?.globalValue;
  return typeof value === 'number' && Number.isInteger(value) ? Math.min(100, Math.max(1, value)) : DEFAULT_PAGE_SIZE;
}

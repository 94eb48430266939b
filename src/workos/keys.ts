import * as l10n from '@vscode/l10n';

/** Why a pasted API key looks wrong, or undefined. A warning, not a refusal: WorkOS only promises `sk_`. */
export function keyWarning(key: string): string | undefined {
  if (!key.startsWith('sk_')) return l10n.t('WorkOS secret keys start with "sk_"; this one does not.');
  if (key.indexOf('sk_', 3) !== -1) return l10n.t('This key contains "sk_" twice; it may have been pasted twice.');
  if (/\s/.test(key)) return l10n.t('This key contains spaces or line breaks.');
  return undefined;
}

/** Keys are pasted from dashboards and terminals, which add spaces and line breaks at the ends. */
export function normalizeKey(input: string): string {
  return input.trim();
}

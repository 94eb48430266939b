import * as l10n from '@vscode/l10n';

/**
 * "12 members", "1 member", "0 members"; "100+ members" while more pages exist. Thousands are
 * separated as `locale` writes them (VS Code's display language; the runtime's when not given).
 */
export function memberCountText(count: number, complete: boolean, locale?: string): string {
  const number = localeNumber(count, locale);
  if (!complete) return l10n.t('{0}+ members', number);
  return count === 1 ? l10n.t('1 member') : l10n.t('{0} members', number);
}

/** "1 group read", "1,200 groups read": the progress of a list of groups being read. */
export function groupsReadText(count: number, locale?: string): string {
  return count === 1 ? l10n.t('1 group read') : l10n.t('{0} groups read', localeNumber(count, locale));
}

/** `value` with the locale's separators; a locale the runtime does not know (a pseudo-language) gets its default. */
export function localeNumber(value: number, locale?: string): string {
  try {
    return value.toLocaleString(locale);
  } catch {
    return value.toLocaleString();
  }
}

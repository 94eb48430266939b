/** Why a pasted API key looks wrong, or undefined. A warning, not a refusal: WorkOS only promises `sk_`. */
export function keyWarning(key: string): string | undefined {
  if (!key.startsWith('sk_')) return 'WorkOS secret keys start with "sk_"; this one does not.';
  if (key.indexOf('sk_', 3) !== -1) return 'This key contains "sk_" twice; it may have been pasted twice.';
  if (/\s/.test(key)) return 'This key contains spaces or line breaks.';
  return undefined;
}

/** Keys are pasted from dashboards and terminals, which add spaces and line breaks at the ends. */
export function normalizeKey(input: string): string {
  return input.trim();
}

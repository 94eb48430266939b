import * as l10n from '@vscode/l10n';

// What a person types as an email: checked before anything is sent, with a message that says what
// is wrong. Matching ignores case (WorkOS does too) and the spaces a paste adds around it.

/** The longest address SMTP allows. */
const MAX_EMAIL_LENGTH = 320;

/** Why `value` is not an email address, as a sentence a person can act on; undefined when it is one. */
export function emailProblem(value: string): string | undefined {
  const email = value.trim();
  if (email === '') return l10n.t('Enter an email address, for example jane@example.com.');
  if (email.length > MAX_EMAIL_LENGTH) return l10n.t('An email address is at most 320 characters.');
  if (/[\s\p{Cc}]/u.test(email)) return l10n.t('An email address has no spaces: remove them.');
  if (!email.includes('@')) return l10n.t('An email address has an @, as in jane@example.com.');
  if (!/^[^@]+@[^@]+$/.test(email)) return l10n.t('An email address has one @ with text on both sides.');
  if (email.endsWith('.')) return l10n.t('An email address does not end with a dot: remove the last ".".');
  return undefined;
}

/** The form emails are compared in: trimmed, lower case. */
export function emailKey(value: string): string {
  return value.trim().toLowerCase();
}

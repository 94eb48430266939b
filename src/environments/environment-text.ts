// How an environment is named on screen. Names are the person's own, but still pass through the
// same masking as server text: a key pasted into the wrong box must not show.
import * as l10n from '@vscode/l10n';
import { displayText, pickText } from '../text/safe-text';
import { ENVIRONMENT_VARIABLE, MAX_NAME_LENGTH, type Environment } from './environment-store';

/** The name in quotes, for sentences: Remove the API key of “staging”? */
export function environmentLabel(environment: Environment): string {
  return l10n.t({ message: '“{0}”', args: [environmentName(environment)], comment: ['an environment name in quotes'] });
}

/** The name alone, for a tab title, the view's title line or a quick pick row. */
export function environmentName(environment: Environment): string {
  return displayText(environment.name, MAX_NAME_LENGTH);
}

/**
 * The status bar's text: codicons in a name stay text; production shows ⚠ before the name (and the
 * item the warning background, which its tooltip and accessible label put in words).
 */
export function statusBarText(environment: Environment, hasKey: boolean): string {
  const icon = environment.production ? '$(warning)' : '$(server-environment)';
  const name = pickText(environmentName(environment));
  return `${icon} ${hasKey ? name : l10n.t('{0} (no key)', name)}`;
}

/** What a quick pick row says beside the name. */
export function environmentFacts(
  environment: Environment,
  { active, hasKey }: { active: boolean; hasKey: boolean },
): string {
  const facts = [
    active ? l10n.t('active in this window') : '',
    environment.production ? l10n.t('production') : '',
    environment.readOnly ? l10n.t('from {0}, read-only', ENVIRONMENT_VARIABLE) : '',
    hasKey ? '' : l10n.t('no API key'),
    environment.apiBaseUrl ? pickText(displayText(environment.apiBaseUrl, 80)) : '',
  ];
  return facts.filter(Boolean).join(' · ');
}

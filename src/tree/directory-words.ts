import * as l10n from '@vscode/l10n';
import { displayText } from '../text/safe-text';

// How a directory's type and state read to a person: the names the WorkOS dashboard uses. The API
// sends enum strings (the Directory schema of WorkOS's OpenAPI spec lists 21 types and 5 states) and
// adds new ones over time, so an unknown value is shown as it came, never dropped.

/** The `type` enum of a directory, as the dashboard names each provider: product names, not translated. */
const TYPE_NAMES = new Map<string, string>([
  ['azure scim v2.0', 'Microsoft Entra ID SCIM'],
  ['bamboohr', 'BambooHR'],
  ['breathe hr', 'Breathe HR'],
  ['cezanne hr', 'Cezanne HR'],
  ['cyberark scim v2.0', 'CyberArk SCIM'],
  ['fourth hr', 'Fourth HR'],
  ['generic scim v2.0', 'Generic SCIM'],
  ['gsuite directory', 'Google Workspace'],
  ['hibob', 'HiBob'],
  ['sailpoint scim v2.0', 'SailPoint SCIM'],
  ['jump cloud scim v2.0', 'JumpCloud SCIM'],
  ['okta scim v2.0', 'Okta SCIM'],
  ['onelogin scim v2.0', 'OneLogin SCIM'],
  ['people hr', 'People HR'],
  ['personio', 'Personio'],
  ['pingfederate scim v2.0', 'PingFederate SCIM'],
  ['rippling scim v2.0', 'Rippling SCIM'],
  ['s3', 'Amazon S3'],
  ['sftp', 'SFTP'],
  ['sftp workday', 'Workday (SFTP)'],
  ['workday', 'Workday'],
]);

export interface StateLook {
  readonly name: string;
  /** A codicon, and the theme colour it is drawn in. */
  readonly icon: string;
  readonly color: string | undefined;
}

/** The `state` enum of a directory on the wire. Names are getters: translated when read, after activation. */
const STATES = new Map<string, StateLook>([
  [
    'linked',
    {
      get name() {
        return l10n.t('Linked');
      },
      icon: 'pass',
      color: 'testing.iconPassed',
    },
  ],
  [
    'validating',
    {
      get name() {
        return l10n.t('Validating');
      },
      icon: 'sync',
      color: undefined,
    },
  ],
  [
    'invalid_credentials',
    {
      get name() {
        return l10n.t('Invalid credentials');
      },
      icon: 'warning',
      color: 'problemsWarningIcon.foreground',
    },
  ],
  [
    'unlinked',
    {
      get name() {
        return l10n.t('Unlinked');
      },
      icon: 'debug-disconnect',
      color: 'disabledForeground',
    },
  ],
  [
    'deleting',
    {
      get name() {
        return l10n.t('Deleting');
      },
      icon: 'trash',
      color: 'disabledForeground',
    },
  ],
]);

const UNKNOWN_STATE_ICON = { icon: 'question', color: undefined };

// Maps, not object literals: a state such as `constructor` or `__proto__` must not find a built-in.

/** The provider's name; an unknown type as it came; undefined when there is no text at all. */
export function typeName(type: unknown): string | undefined {
  if (typeof type !== 'string' || type === '') return undefined;
  return TYPE_NAMES.get(type) ?? type;
}

/** The state's name and icon; an unknown state keeps its own text and gets a question mark. */
export function stateLook(state: unknown): StateLook | { name: string | undefined; icon: string; color: undefined } {
  const known = typeof state === 'string' ? STATES.get(state) : undefined;
  if (known) return known;
  return { name: typeof state === 'string' && state !== '' ? state : undefined, ...UNKNOWN_STATE_ICON };
}

/** "2,600 groups", "1 group"; undefined without a count (no count, no guess). */
export function groupCount(count: unknown): string | undefined {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return undefined;
  const shown = count.toLocaleString('en-US');
  return count === 1 ? l10n.t('{0} group', shown) : l10n.t('{0} groups', shown);
}

/**
 * "Google Workspace · Validating · 2,600 groups": a directory in the words a person uses, each part
 * shown as safe text (an unknown type or state comes from the server as it is).
 */
export function directorySummary(directory: DirectoryWords): string {
  return directoryParts(directory).join(' · ');
}

/** The type, the state and the group count a directory has, as safe text: the row's description and its sentence. */
export function directoryParts(directory: DirectoryWords): string[] {
  return [typeName(directory.type), stateLook(directory.state).name, groupCount(directory.metadata?.groups)]
    .filter((part) => part !== undefined)
    .map((part) => displayText(part, 80));
}

interface DirectoryWords {
  type?: unknown;
  state?: unknown;
  metadata?: { groups?: unknown };
}

import * as l10n from '@vscode/l10n';
import { displayName, displayText } from '../text/safe-text';
import { userName } from '../text/user-names';
import { isObject } from '../session/events';
import type { DirectoryUser, WorkOSEvent } from '../workos';

// What an event says, in words a person takes in at a glance. Free of VS Code, so every type and
// every missing field is tested in plain Node; every value from the server passes displayText.

// The session's feed needs these too (a membership change forgets the group's members): re-exported.
export { eventSubjects, type EventSubjects } from '../session/events';

/** The kind of change, for the row's icon and the report's counts. */
export type ChangeKind = 'added' | 'removed' | 'created' | 'updated' | 'deleted' | 'linked' | 'unlinked' | 'other';

const MAX_SENTENCE = 200;

type Phrase = (data: Record<string, unknown>) => string;

const user = (value: unknown) => (isObject(value) && userName(value as DirectoryUser)) || l10n.t('A user');
const group = (value: unknown, fallback = l10n.t('a group')) =>
  (isObject(value) && displayName(value as { id: string })) || fallback;
const named = (data: Record<string, unknown>, fallback: string) => displayName(data as { id: string }) || fallback;

// One message per subject (its comment, literal for the bundle generator, tells them apart), so that a
// language whose verb agrees with its noun can.

const TYPES: Readonly<Record<string, { kind: ChangeKind; phrase: Phrase }>> = {
  'dsync.activated': {
    kind: 'linked',
    phrase: (data) =>
      l10n.t({ message: '{0} linked', args: [named(data, l10n.t('A directory'))], comment: ['{0} is a directory'] }),
  },
  'dsync.deleted': {
    kind: 'unlinked',
    phrase: (data) =>
      l10n.t({ message: '{0} deleted', args: [named(data, l10n.t('A directory'))], comment: ['{0} is a directory'] }),
  },
  'dsync.group.created': {
    kind: 'created',
    phrase: (data) =>
      l10n.t({ message: '{0} created', args: [group(data, l10n.t('A group'))], comment: ['{0} is a group'] }),
  },
  'dsync.group.updated': {
    kind: 'updated',
    phrase: (data) =>
      l10n.t({
        message: '{0} updated{1}',
        args: [group(data, l10n.t('A group')), fields(data)],
        comment: ['{0} is a group', '{1} names the changed fields (": email, state"), or is empty'],
      }),
  },
  'dsync.group.deleted': {
    kind: 'deleted',
    phrase: (data) =>
      l10n.t({ message: '{0} deleted', args: [group(data, l10n.t('A group'))], comment: ['{0} is a group'] }),
  },
  'dsync.group.user_added': {
    kind: 'added',
    phrase: (data) => l10n.t('{0} added to {1}', user(data.user), group(data.group)),
  },
  'dsync.group.user_removed': {
    kind: 'removed',
    phrase: (data) => l10n.t('{0} removed from {1}', user(data.user), group(data.group)),
  },
  'dsync.user.created': {
    kind: 'created',
    phrase: (data) => l10n.t({ message: '{0} created', args: [user(data)], comment: ['{0} is a user'] }),
  },
  'dsync.user.updated': {
    kind: 'updated',
    phrase: (data) =>
      l10n.t({
        message: '{0} updated{1}',
        args: [user(data), fields(data)],
        comment: ['{0} is a user', '{1} names the changed fields (": email, state"), or is empty'],
      }),
  },
  'dsync.user.deleted': {
    kind: 'deleted',
    phrase: (data) => l10n.t({ message: '{0} deleted', args: [user(data)], comment: ['{0} is a user'] }),
  },
};

/** The row's sentence and kind; an unknown type, or `data` that is not an object, still reads. */
export function describeEvent(event: WorkOSEvent): { sentence: string; kind: ChangeKind } {
  const type = Object.hasOwn(TYPES, event.event) ? TYPES[event.event] : undefined;
  if (!type) return { sentence: l10n.t('Other change ({0})', displayText(event.event, 80)), kind: 'other' };
  const data = isObject(event.data) ? (event.data as Record<string, unknown>) : {};
  // Names may be 10 KB: a row reads at a glance, the JSON holds the rest.
  return { sentence: displayText(type.phrase(data), MAX_SENTENCE), kind: type.kind };
}

/** Who made the change, from `context.actor` (name, else ID, with its source), when the event says. */
export function eventActor(event: WorkOSEvent): string | undefined {
  const actor = isObject(event.context) ? (event.context as { actor?: unknown }).actor : undefined;
  if (!isObject(actor)) return undefined;
  const { name, id, source } = actor as Record<string, unknown>;
  const who = displayText(name, 120) || displayText(id, 120);
  if (!who) return undefined;
  const from = displayText(source, 40);
  return from ? `${who} (${from})` : who;
}

/** "just now", "12 min ago", "3 h ago", "4 d ago". */
export function timeAgo(time: number, now: number): string {
  const minutes = Math.floor((now - time) / 60_000);
  if (!(minutes >= 1)) return l10n.t('just now');
  if (minutes < 60) return l10n.t('{0} min ago', minutes);
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? l10n.t('{0} h ago', hours) : l10n.t('{0} d ago', Math.floor(hours / 24));
}

/** The previous values (`data` with `previous_attributes` applied), without the attribute itself. */
export function previousValues(event: WorkOSEvent): unknown {
  if (!isObject(event.data)) return event.data;
  const { previous_attributes: previous, ...current } = event.data as Record<string, unknown>;
  return isObject(previous) ? { ...current, ...(previous as Record<string, unknown>) } : current;
}

/** The data now, without `previous_attributes`, so that the diff shows only what changed. */
export function currentValues(event: WorkOSEvent): unknown {
  if (!isObject(event.data)) return event.data;
  const { previous_attributes: _previous, ...current } = event.data as Record<string, unknown>;
  return current;
}

const MAX_FIELDS = 4;

/** ": email, state" from `previous_attributes`; nothing when it names no field. */
function fields(data: Record<string, unknown>): string {
  const previous = data.previous_attributes;
  if (!isObject(previous)) return '';
  const names = Object.keys(previous)
    .map((name) => displayText(name, 40))
    .filter(Boolean);
  if (names.length === 0) return '';
  const shown = names.slice(0, MAX_FIELDS).join(', ');
  return names.length > MAX_FIELDS
    ? l10n.t(': {0} and {1} more', shown, names.length - MAX_FIELDS)
    : l10n.t({ message: ': {0}', args: [shown], comment: ['after "… updated": the changed fields'] });
}

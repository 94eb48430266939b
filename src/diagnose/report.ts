import * as l10n from '@vscode/l10n';
import { describeEvent, timeAgo, type ChangeKind } from '../changes/event-words';
import { fullFailure } from '../text/failure-text';
import { code, markdownText } from '../text/markdown-text';
import { displayName, displayText } from '../text/safe-text';
import { stateLook, typeName } from '../tree/directory-words';
import type { Directory, WorkOSEvent } from '../workos';

// The Diagnose Directory report: is this directory healthy, and if not, what to do. Plain Markdown,
// free of VS Code so it is tested in plain Node. Every value from the server goes through
// displayText and then markdownText, so no name can add a link, an image, HTML or a heading.

/** What a list check found: one small request, and the request ID WorkOS support asks for. */
export type ListCheck = { name: string } & ({ requestId: string | undefined } | { error: unknown });

export interface DiagnosisInput {
  directory: Directory;
  organizationName?: string;
  now: number;
  /** The directory's changes of the 30 days, newest first, or why they could not be read. */
  changes: { events: readonly WorkOSEvent[] } | { error: unknown };
  lists: readonly ListCheck[];
}

// The tables below are functions: @vscode/l10n translates only after activation configures it, and
// these modules load before that.

/** What a state means and what to do about it. */
const STATE_ADVICE = (): Readonly<Record<string, string>> => ({
  linked: l10n.t('The directory is connected and syncing. Nothing to do.'),
  active: l10n.t('The directory is connected and syncing. Nothing to do.'),
  invalid_credentials: l10n.t(
    "The identity provider no longer accepts WorkOS's credentials, so nothing syncs. The customer's IT admin must reconnect it, for example through the Admin Portal.",
  ),
  validating: l10n.t(
    "WorkOS is still checking the connection. Wait a few minutes; if it stays here, the customer's IT admin should finish the setup in the Admin Portal.",
  ),
  unlinked: l10n.t(
    "The directory is not connected, so nothing syncs. The customer's IT admin must connect it again, for example through the Admin Portal.",
  ),
  inactive: l10n.t(
    "The directory is not connected, so nothing syncs. The customer's IT admin must connect it again, for example through the Admin Portal.",
  ),
  deleting: l10n.t('WorkOS is deleting the directory: nothing syncs any more, and its users and groups go with it.'),
});

const KIND_NAMES = (): ReadonlyArray<[ChangeKind, string]> => [
  ['added', l10n.t('Added to a group')],
  ['removed', l10n.t('Removed from a group')],
  ['created', l10n.t('Created')],
  ['updated', l10n.t('Updated')],
  ['deleted', l10n.t('Deleted')],
  ['linked', l10n.t('Directory linked')],
  ['unlinked', l10n.t('Directory deleted')],
  ['other', l10n.t('Other')],
];

const HOUR = 3600_000;
const PERIODS = (): ReadonlyArray<[string, number]> => [
  [l10n.t('24 h'), 24 * HOUR],
  [l10n.t('7 days'), 7 * 24 * HOUR],
  [l10n.t('30 days'), 30 * 24 * HOUR],
];

export function diagnosisMarkdown({ directory, organizationName, now, changes, lists }: DiagnosisInput): string {
  const out: string[] = [];
  const periods = PERIODS();
  const text = (value: unknown, max?: number) => markdownText(displayText(value, max));
  out.push(`# ${text(displayName(directory), 200)}`, '');
  const organizationId = typeof directory.organization_id === 'string' ? ` (${code(directory.organization_id)})` : '';
  const type = text(typeName(directory.type) ?? directory.type, 80);
  const read = new Date(now).toUTCString();
  out.push(
    organizationName
      ? l10n.t({
          message: 'Directory {0} of {1}{2}, {3}. Read {4}.',
          args: [code(directory.id), text(organizationName, 200), organizationId, type, read],
          comment: ['{1} is the organisation, {2} its ID in brackets or empty, {3} the provider, {4} the time'],
        })
      : l10n.t({
          message: 'Directory {0}{1}, {2}. Read {3}.',
          args: [code(directory.id), organizationId, type, read],
          comment: ['{1} is the organisation ID in brackets, or empty'],
        }),
    '',
  );

  out.push(`## ${l10n.t('State')}`, '');
  const state = displayText(directory.state, 60);
  const adviceOf = STATE_ADVICE();
  const advice = Object.hasOwn(adviceOf, state) ? adviceOf[state] : undefined;
  out.push(
    `**${text(stateLook(directory.state).name ?? l10n.t('Unknown'), 60)}** (${code(state || '?')}). ` +
      (advice ??
        l10n.t('WorkOS reports a state this extension does not know: check the directory in the WorkOS dashboard.')),
    '',
  );

  out.push(`## ${l10n.t('Users and groups')}`, '');
  const metadata = typeof directory.metadata === 'object' && directory.metadata !== null ? directory.metadata : {};
  const users = typeof metadata.users === 'object' && metadata.users !== null ? metadata.users : undefined;
  const count = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString('en-US') : '?';
  out.push(
    `- ${users ? l10n.t('Users: {0} active, {1} inactive', count(users.active), count(users.inactive)) : l10n.t('Users: not reported')}`,
    `- ${metadata.groups !== undefined ? l10n.t('Groups: {0}', count(metadata.groups)) : l10n.t('Groups: not reported')}`,
    '',
    `_${l10n.t('Counts from the directory’s own metadata, which WorkOS refreshes on a schedule.')}_`,
    '',
  );

  out.push(`## ${l10n.t('Changes in the last 30 days')}`, '');
  if ('error' in changes) {
    out.push(l10n.t('Could not read the changes: {0}', markdownText(displayText(fullFailure(changes.error)))), '');
  } else if (changes.events.length === 0) {
    out.push(
      l10n.t(
        'No change in the last 30 days: the directory is **quiet**. That is not a fault: WorkOS keeps events for 30 days, and a directory whose people and groups did not change sends none. If people were added in the identity provider and are missing here, check the state above and the provisioning settings in the identity provider.',
      ),
      '',
    );
  } else {
    const [newest] = changes.events;
    const at = Date.parse(newest.created_at);
    out.push(
      l10n.t(
        'Newest: {0}, {1} ({2}, {3}).',
        markdownText(describeEvent(newest).sentence),
        timeAgo(at, now),
        new Date(at).toISOString(),
        code(newest.id),
      ),
      '',
    );
    out.push(
      `| ${l10n.t('Kind')} | ${periods.map(([name]) => name).join(' | ')} |`,
      `|---|${periods.map(() => '--:').join('|')}|`,
    );
    const kinds = changes.events.map((event) => ({
      kind: describeEvent(event).kind,
      at: Date.parse(event.created_at),
    }));
    for (const [kind, name] of KIND_NAMES()) {
      const counts = periods.map(([, span]) => kinds.filter((e) => e.kind === kind && now - e.at <= span).length);
      if (counts.at(-1)) out.push(`| ${name} | ${counts.join(' | ')} |`);
    }
    out.push(
      `| **${l10n.t('All')}** | ${periods.map(([, span]) => kinds.filter((e) => now - e.at <= span).length).join(' | ')} |`,
      '',
    );
  }

  out.push(`## ${l10n.t('Do its lists answer?')}`, '');
  for (const check of lists) {
    out.push(
      `- ${
        'error' in check
          ? l10n.t('{0}: **fails**: {1}', check.name, markdownText(displayText(fullFailure(check.error))))
          : check.requestId
            ? l10n.t('{0}: answers (request ID {1})', check.name, code(check.requestId))
            : l10n.t('{0}: answers', check.name)
      }`,
    );
  }
  out.push(
    '',
    `_${l10n.t('Each list was asked for one item. Give WorkOS support the request IDs when you contact them.')}_`,
    '',
  );
  return out.join('\n');
}

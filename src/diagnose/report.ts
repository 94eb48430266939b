import { describeEvent, timeAgo, type ChangeKind } from '../changes/event-words';
import { fullFailure } from '../text/failure-text';
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

/** What a state means and what to do about it. */
const STATE_ADVICE: Readonly<Record<string, string>> = {
  linked: 'The directory is connected and syncing. Nothing to do.',
  active: 'The directory is connected and syncing. Nothing to do.',
  invalid_credentials:
    "The identity provider no longer accepts WorkOS's credentials, so nothing syncs. The customer's IT admin must reconnect it, for example through the Admin Portal.",
  validating:
    "WorkOS is still checking the connection. Wait a few minutes; if it stays here, the customer's IT admin should finish the setup in the Admin Portal.",
  unlinked:
    "The directory is not connected, so nothing syncs. The customer's IT admin must connect it again, for example through the Admin Portal.",
  inactive:
    "The directory is not connected, so nothing syncs. The customer's IT admin must connect it again, for example through the Admin Portal.",
  deleting: 'WorkOS is deleting the directory: nothing syncs any more, and its users and groups go with it.',
};

const KIND_NAMES: ReadonlyArray<[ChangeKind, string]> = [
  ['added', 'Added to a group'],
  ['removed', 'Removed from a group'],
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['deleted', 'Deleted'],
  ['linked', 'Directory linked'],
  ['unlinked', 'Directory deleted'],
  ['other', 'Other'],
];

const HOUR = 3600_000;
const PERIODS: ReadonlyArray<[string, number]> = [
  ['24 h', 24 * HOUR],
  ['7 days', 7 * 24 * HOUR],
  ['30 days', 30 * 24 * HOUR],
];

export function diagnosisMarkdown({ directory, organizationName, now, changes, lists }: DiagnosisInput): string {
  const out: string[] = [];
  const text = (value: unknown, max?: number) => markdownText(displayText(value, max));
  out.push(`# ${text(displayName(directory), 200)}`, '');
  out.push(
    `Directory ${code(directory.id)}` +
      (organizationName ? ` of ${text(organizationName, 200)}` : '') +
      (typeof directory.organization_id === 'string' ? ` (${code(directory.organization_id)})` : '') +
      `, ${text(typeName(directory.type) ?? directory.type, 80)}. Read ${new Date(now).toUTCString()}.`,
    '',
  );

  out.push('## State', '');
  const state = displayText(directory.state, 60);
  const advice = Object.hasOwn(STATE_ADVICE, state) ? STATE_ADVICE[state] : undefined;
  out.push(
    `**${text(stateLook(directory.state).name ?? 'Unknown', 60)}** (${code(state || '?')}). ` +
      (advice ?? 'WorkOS reports a state this extension does not know: check the directory in the WorkOS dashboard.'),
    '',
  );

  out.push('## Users and groups', '');
  const metadata = typeof directory.metadata === 'object' && directory.metadata !== null ? directory.metadata : {};
  const users = typeof metadata.users === 'object' && metadata.users !== null ? metadata.users : undefined;
  const count = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString('en-US') : '?';
  out.push(
    users ? `- Users: ${count(users.active)} active, ${count(users.inactive)} inactive` : '- Users: not reported',
    metadata.groups !== undefined ? `- Groups: ${count(metadata.groups)}` : '- Groups: not reported',
    '',
    '_Counts from the directory’s own metadata, which WorkOS refreshes on a schedule._',
    '',
  );

  out.push('## Changes in the last 30 days', '');
  if ('error' in changes) {
    out.push(`Could not read the changes: ${markdownText(displayText(fullFailure(changes.error)))}`, '');
  } else if (changes.events.length === 0) {
    out.push(
      'No change in the last 30 days: the directory is **quiet**. That is not a fault: WorkOS keeps events for 30 days, and a directory whose people and groups did not change sends none. If people were added in the identity provider and are missing here, check the state above and the provisioning settings in the identity provider.',
      '',
    );
  } else {
    const [newest] = changes.events;
    const at = Date.parse(newest.created_at);
    out.push(
      `Newest: ${markdownText(describeEvent(newest).sentence)}, ${timeAgo(at, now)} (${new Date(at).toISOString()}, ${code(newest.id)}).`,
      '',
    );
    out.push(`| Kind | ${PERIODS.map(([name]) => name).join(' | ')} |`, `|---|${PERIODS.map(() => '--:').join('|')}|`);
    const kinds = changes.events.map((event) => ({
      kind: describeEvent(event).kind,
      at: Date.parse(event.created_at),
    }));
    for (const [kind, name] of KIND_NAMES) {
      const counts = PERIODS.map(([, span]) => kinds.filter((e) => e.kind === kind && now - e.at <= span).length);
      if (counts.at(-1)) out.push(`| ${name} | ${counts.join(' | ')} |`);
    }
    out.push(
      `| **All** | ${PERIODS.map(([, span]) => kinds.filter((e) => now - e.at <= span).length).join(' | ')} |`,
      '',
    );
  }

  out.push('## Do its lists answer?', '');
  for (const check of lists) {
    out.push(
      'error' in check
        ? `- ${check.name}: **fails**: ${markdownText(displayText(fullFailure(check.error)))}`
        : `- ${check.name}: answers${check.requestId ? ` (request ID ${code(check.requestId)})` : ''}`,
    );
  }
  out.push('', '_Each list was asked for one item. Give WorkOS support the request IDs when you contact them._', '');
  return out.join('\n');
}

/**
 * Text that Markdown shows as written within a line: no emphasis, link, image, table cell or HTML.
 * The report puts server text only after a line's start, where `#`, `-` or `1.` start nothing.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()|<>~&]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
  );
}

/** An ID or state as code, when it is plain: letters, digits and underscores only. */
export function code(value: string): string {
  return /^[\w.-]{1,200}$/.test(value) ? `\`${value}\`` : markdownText(displayText(value, 200));
}

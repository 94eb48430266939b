import * as l10n from '@vscode/l10n';
import { toCsv } from '../text/csv';
import { fullFailure } from '../text/failure-text';
import { localeNumber, memberCountText } from '../text/count-words';
import { code, markdownText } from '../text/markdown-text';
import { displayName, displayText } from '../text/safe-text';
import type { Directory } from '../workos';
import type { GroupCount } from './count';

// The Count Members report: a directory's groups by size, its empty groups and its total of
// memberships. Plain Markdown, free of VS Code so it is tested in plain Node. Every value from the
// server goes through displayText and then markdownText, so no name can add a link, an image, HTML,
// a table cell or a heading.

export interface CountReportInput {
  directory: Pick<Directory, 'id' | 'name'>;
  groups: readonly GroupCount[];
  /** What the group list itself looked like (a total far from the directory's own), in sentences. */
  warnings?: readonly string[];
  now: number;
  /** How numbers are written (VS Code's display language). */
  locale?: string;
}

/** Largest first; equal sizes by name, then ID, so the order is the same every run. */
export function bySize(groups: readonly GroupCount[]): GroupCount[] {
  const name = (count: GroupCount) => displayName(count.group);
  return [...groups].sort(
    (a, b) =>
      b.count - a.count ||
      name(a).localeCompare(name(b)) ||
      (a.group.id < b.group.id ? -1 : a.group.id > b.group.id ? 1 : 0),
  );
}

export function countReportMarkdown({ directory, groups, warnings = [], now, locale }: CountReportInput): string {
  const text = (value: unknown, max = 200) => markdownText(displayText(value, max));
  const number = (value: number) => localeNumber(value, locale);
  const failed = groups.filter((count) => count.error !== undefined);
  const read = bySize(groups.filter((count) => count.error === undefined));
  const members = read.filter((count) => count.count > 0);
  const empty = read.filter((count) => count.count === 0);
  const total = groups.reduce((sum, count) => sum + count.count, 0);

  const out: string[] = [];
  out.push(`# ${text(l10n.t('Members of {0}', displayName(directory)))}`, '');
  out.push(
    l10n.t('Directory {0}, read {1}.', code(directory.id), new Date(now).toUTCString()),
    '',
    `- ${l10n.t('Groups: {0}', number(groups.length))}`,
    `- ${l10n.t('Groups with members: {0}', number(members.length))}`,
    `- ${l10n.t('Empty groups: {0}', number(empty.length))}`,
    ...(failed.length > 0
      ? [`- ${l10n.t('Groups that could not be read completely: {0}', number(failed.length))}`]
      : []),
    `- ${
      failed.length > 0 ? l10n.t('Memberships: at least {0}', number(total)) : l10n.t('Memberships: {0}', number(total))
    }`,
    '',
    ...warnings.flatMap((warning) => [`> ${text(warning, 1000)}`, '']),
    `_${l10n.t('A person in three groups counts three times. Counts as read in this session (Refresh reads them anew): the identity provider may change them at any time.')}_`,
    '',
  );

  if (groups.length === 0) {
    out.push(l10n.t('This directory has no groups.'), '');
    return out.join('\n');
  }

  out.push(`## ${l10n.t('Groups by size')}`, '');
  if (members.length === 0) {
    out.push(l10n.t('No group has members.'), '');
  } else {
    out.push(`| ${l10n.t('Group')} | ${l10n.t('Members')} | ${l10n.t('ID')} |`, '|---|--:|---|');
    for (const { group, count } of members)
      out.push(`| ${text(displayName(group))} | ${number(count)} | ${code(group.id)} |`);
    out.push('');
  }

  out.push(`## ${l10n.t('Empty groups')}`, '');
  if (empty.length === 0) out.push(l10n.t('None: every group read has members.'));
  for (const { group } of empty) out.push(`- ${text(displayName(group))} (${code(group.id)})`);
  out.push('');

  if (failed.length > 0) {
    out.push(`## ${l10n.t('Could not be read completely')}`, '');
    for (const { group, count, error } of bySize(failed)) {
      const read = count > 0 ? ` ${text(l10n.t('At least {0}.', memberCountText(count, true, locale)))}` : '';
      out.push(`- ${text(displayName(group))} (${code(group.id)}):${read} ${text(fullFailure(error), 1000)}`);
    }
    out.push('');
  }
  return out.join('\n');
}

export const CSV_COLUMNS = ['id', 'name', 'members', 'complete', 'error'] as const;

/**
 * The counts as CSV, largest first: a group read only in part has `complete` false, its count what
 * was read and the reason in `error`. Names as the server sent them (csv.ts defuses formulas).
 */
export function countCsv(groups: readonly GroupCount[]): string {
  return toCsv(
    CSV_COLUMNS,
    bySize(groups).map(({ group, count, error }) => [
      group.id,
      group.name,
      count,
      error === undefined,
      error === undefined ? '' : fullFailure(error),
    ]),
  );
}

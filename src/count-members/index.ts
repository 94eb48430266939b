import * as vscode from 'vscode';
import { showExport } from '../export/export-lists';
import { pickDirectory } from '../find/pick-directory';
import type { Services } from '../services';
import type { Session } from '../session/session';
import { localeNumber } from '../text/count-words';
import { displayName } from '../text/safe-text';
import { COMMANDS } from '../ui/contributes';
import { showFailure, showNotice, withProgress } from '../ui/notify';
import { requireSession } from '../ui/prompts';
import { countMembers, type CountProgress, type GroupCount, type MemberCountResult } from './count';
import { countCsv, countReportMarkdown } from './report';

/**
 * Count Members (directory rows and the palette): every group's member count, shown on the rows and
 * in a report, with its CSV a button away. Links in the rendered report cannot run commands, so the
 * export is offered on the notification that says the count is done.
 */
export function registerCountMembers(context: vscode.ExtensionContext, services: Services): void {
  /** The newest counts per directory, for their CSV: they end with their session. */
  const counted = new WeakMap<Session, Map<string, readonly GroupCount[]>>();
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.countMembers, async (argument?: unknown) => {
      const session = await requireSession(services.sessions);
      if (!session) return;
      const directory = await pickDirectory(session, services.log, vscode.l10n.t('WorkOS: Count Members'), argument);
      if (!directory) return;
      const name = displayName(directory);
      const locale = vscode.env.language;
      const number = (value: number) => localeNumber(value, locale);
      let result: MemberCountResult;
      try {
        result = await withProgress(
          vscode.l10n.t('Counting the members of {0}…', name),
          (signal, report) =>
            countMembers(session, directory, signal, (progress) => report(progressText(progress, number))),
          session.signal,
        );
      } catch (error) {
        return showFailure(services.log, vscode.l10n.t('Could not count the members of {0}', name), error);
      }
      const { groups } = result;
      if (!counted.has(session)) counted.set(session, new Map());
      counted.get(session)?.set(directory.id, groups);
      const warnings = listWarnings(result, number);
      const markdown = countReportMarkdown({ directory, groups, warnings, now: Date.now(), locale });
      const uri = await services.reports.show(
        session.environmentId,
        directory.id,
        vscode.l10n.t('{0} member counts', name),
        markdown,
      );
      const failed = groups.filter((group) => group.error !== undefined).length;
      const exportAction = vscode.l10n.t('Export as CSV');
      // Not awaited: the command ends with the report, whether or not the person answers the notification.
      void showNotice(
        failed > 0 || warnings.length > 0 ? 'warning' : 'info',
        doneText(name, groups, failed, warnings.length > 0, number),
        exportAction,
      ).then((choice) => {
        // The command, as from anywhere: after a Refresh or another key it says the counts are gone.
        if (choice === exportAction) void vscode.commands.executeCommand(COMMANDS.exportMemberCounts, directory.id);
      });
      // The report, for a caller that reads it (the extension's tests).
      return uri;
    }),
    // The notification's button; a directory ID as argument, hidden from the palette.
    vscode.commands.registerCommand(COMMANDS.exportMemberCounts, (directoryId?: unknown) => {
      const session = services.sessions.active;
      const groups = session && typeof directoryId === 'string' ? counted.get(session)?.get(directoryId) : undefined;
      if (!groups) {
        return showNotice(
          'info',
          vscode.l10n.t('Count the members of the directory first: its counts are gone (Refresh or another API key).'),
        );
      }
      return showExport(countCsv(groups), 'csv');
    }),
  );
}

function progressText(progress: CountProgress, number: (value: number) => string): string {
  if (progress.phase === 'groups') {
    return progress.read === 1
      ? vscode.l10n.t('1 group read')
      : vscode.l10n.t('{0} groups read', number(progress.read));
  }
  return progress.total === 1
    ? vscode.l10n.t('{0} of 1 group', number(progress.counted))
    : vscode.l10n.t('{0} of {1} groups', number(progress.counted), number(progress.total));
}

/** What the group list itself looked like, in sentences for the report. */
function listWarnings({ warning, dropped }: MemberCountResult, number: (value: number) => string): string[] {
  const warnings = warning === undefined ? [] : [warning];
  if (dropped === 1) warnings.push(vscode.l10n.t('The server also sent 1 group of another directory: it is left out.'));
  if (dropped > 1) {
    warnings.push(
      vscode.l10n.t('The server also sent {0} groups of other directories: they are left out.', number(dropped)),
    );
  }
  return warnings;
}

/** The notification's sentence; a whole message for each singular and plural. */
function doneText(
  name: string,
  groups: readonly GroupCount[],
  failed: number,
  warned: boolean,
  number: (value: number) => string,
): string {
  const total = groups.length;
  if (failed > 0) {
    return total === 1
      ? vscode.l10n.t('Counted the members of {0}: its one group could not be read completely (see the report).', name)
      : vscode.l10n.t(
          'Counted the members of {0}: {1} of {2} groups could not be read completely (see the report).',
          name,
          number(failed),
          number(total),
        );
  }
  if (warned) {
    return vscode.l10n.t(
      'Counted the members of {0}, but its list of groups may be incomplete (see the report).',
      name,
    );
  }
  const memberships = groups.reduce((sum, group) => sum + group.count, 0);
  if (total === 1) {
    return memberships === 1
      ? vscode.l10n.t('Counted the members of {0}: 1 membership in 1 group.', name)
      : vscode.l10n.t('Counted the members of {0}: {1} memberships in 1 group.', name, number(memberships));
  }
  return memberships === 1
    ? vscode.l10n.t('Counted the members of {0}: 1 membership in {1} groups.', name, number(total))
    : vscode.l10n.t(
        'Counted the members of {0}: {1} memberships in {2} groups.',
        name,
        number(memberships),
        number(total),
      );
}

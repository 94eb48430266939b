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
import { countMembers, type GroupCount } from './count';
import { countCsv, countReportMarkdown } from './report';

/**
 * Count Members (directory rows and the palette): every group's member count, shown on the rows and
 * in a report, with its CSV a button away. Links in the rendered report cannot run commands, so the
 * export is offered on the notification that says the count is done.
 */
export function registerCountMembers(context: vscode.ExtensionContext, services: Services): void {
  /** The newest counts per directory, for their CSV: they end with their session. */
  const counted = new WeakMap<Session, Map<string, readonly GroupCount[]>>();
  const exportCsv = (session: Session | undefined, directoryId: unknown) => {
    const groups = session && typeof directoryId === 'string' ? counted.get(session)?.get(directoryId) : undefined;
    if (!groups) {
      return showNotice(
        'info',
        vscode.l10n.t('Count the members of the directory first: its counts are gone (Refresh or another API key).'),
      );
    }
    return showExport(countCsv(groups), 'csv');
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.countMembers, async (argument?: unknown) => {
      const session = await requireSession(services.sessions);
      if (!session) return;
      const directory = await pickDirectory(session, services.log, vscode.l10n.t('WorkOS: Count Members'), argument);
      if (!directory) return;
      const name = displayName(directory);
      const locale = vscode.env.language;
      let groups: GroupCount[];
      try {
        groups = await withProgress(
          vscode.l10n.t('Counting the members of {0}…', name),
          (signal, report) =>
            countMembers(session, directory, signal, (done, total) =>
              report(vscode.l10n.t('{0} of {1} groups', localeNumber(done, locale), localeNumber(total, locale))),
            ),
          session.signal,
        );
      } catch (error) {
        return showFailure(services.log, vscode.l10n.t('Could not count the members of {0}', directory.id), error);
      }
      if (!counted.has(session)) counted.set(session, new Map());
      counted.get(session)?.set(directory.id, groups);
      const markdown = countReportMarkdown({ directory, groups, now: Date.now(), locale });
      const uri = await services.reports.show(
        session.environmentId,
        directory.id,
        vscode.l10n.t('{0} member counts', name),
        markdown,
      );
      const failed = groups.filter((group) => group.error !== undefined).length;
      const memberships = localeNumber(
        groups.reduce((sum, group) => sum + group.count, 0),
        locale,
      );
      const exportAction = vscode.l10n.t('Export as CSV');
      // Not awaited: the command ends with the report, whether or not the person answers the notification.
      void showNotice(
        failed > 0 ? 'warning' : 'info',
        failed > 0
          ? vscode.l10n.t(
              'Counted the members of {0}: {1} of {2} groups could not be read completely (see the report).',
              name,
              localeNumber(failed, locale),
              localeNumber(groups.length, locale),
            )
          : vscode.l10n.t(
              'Counted the members of {0}: {1} memberships in {2} groups.',
              name,
              memberships,
              localeNumber(groups.length, locale),
            ),
        exportAction,
      ).then((choice) => {
        if (choice === exportAction) void exportCsv(session, directory.id);
      });
      // The report, for a caller that reads it (the extension's tests).
      return uri;
    }),
    // Also the notification's button; a directory ID as argument, hidden from the palette.
    vscode.commands.registerCommand(COMMANDS.exportMemberCounts, (directoryId?: unknown) =>
      exportCsv(services.sessions.active, directoryId),
    ),
  );
}

import * as vscode from 'vscode';
import { pickDirectory } from '../find/pick-directory';
import type { Services } from '../services';
import { abortable } from '../session/collection';
import type { ListQuery } from '../session/lists';
import type { Session } from '../session/session';
import { displayName } from '../text/safe-text';
import { COMMANDS } from '../ui/contributes';
import { showFailure, withProgress } from '../ui/notify';
import { requireSession } from '../ui/prompts';
import type { Directory, WorkOSEvent } from '../workos';
import { diagnosisMarkdown, type DiagnosisInput, type ListCheck } from './report';

/** Diagnose Directory: a read-only Markdown report, shown rendered. */
export function registerDiagnose(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.diagnoseDirectory, async (argument?: unknown) => {
      const session = await requireSession(services.sessions);
      if (!session) return;
      const picked = await pickDirectory(session, services.log, vscode.l10n.t('WorkOS: Diagnose Directory'), argument);
      if (!picked) return;
      let input: DiagnosisInput;
      try {
        input = await withProgress(
          vscode.l10n.t('Diagnosing {0}…', displayName(picked)),
          (signal, report) => diagnose(session, picked, signal, report),
          session.signal,
        );
      } catch (error) {
        return showFailure(services.log, vscode.l10n.t('Could not diagnose {0}', picked.id), error);
      }
      // The tab is titled after the directory; its ID keeps reports of like-named directories apart.
      const title = vscode.l10n.t('{0} diagnosis', displayName(picked));
      await services.reports.show(session.environmentId, picked.id, title, diagnosisMarkdown(input));
    }),
  );
}

/**
 * What the report needs: the directory as WorkOS has it now, its changes of the 30 days (through the
 * same feed as Recent Changes, so the view reuses them), and one small request for each of its lists.
 */
async function diagnose(
  session: Session,
  picked: Directory,
  signal: AbortSignal,
  report: (message: string) => void,
): Promise<DiagnosisInput> {
  const directory = await session.fetch('directory', picked.id, signal);
  const organizationId = directory.organization_id;
  const organization =
    typeof organizationId === 'string'
      ? await session.get('organization', organizationId, signal).catch(() => undefined)
      : undefined;
  const check = async (name: string, query: ListQuery): Promise<ListCheck> => {
    try {
      return { name, requestId: (await session.probe(query, signal)).requestId };
    } catch (error) {
      if (signal.aborted) throw error;
      return { name, error };
    }
  };
  const lists = Promise.all([
    check(vscode.l10n.t('Groups'), { of: 'groups', directory: directory.id }),
    check(vscode.l10n.t('Users'), { of: 'users', directory: directory.id }),
  ]);
  const feed = session.changes.feed({ directory });
  report(vscode.l10n.t('reading its changes of the last 30 days'));
  const readChanges = async () => {
    // The feed Recent Changes shares: what it already holds is brought up to now first (which also
    // clears a failure it kept), so the report never shows an old error or misses the newest change.
    if (!feed.isPristine) await feed.poll();
    while (feed.hasOlder && feed.error === undefined && !signal.aborted) await feed.loadOlder();
  };
  // Cancel ends the wait at once; the lists are awaited with it, so their failure is never left unhandled.
  const [checked] = await abortable(Promise.all([lists, readChanges()]), signal);
  const changes: { events: readonly WorkOSEvent[] } | { error: unknown } =
    feed.error === undefined ? { events: feed.events } : { error: feed.error };
  return {
    directory,
    organizationName: organization?.name,
    now: Date.now(),
    changes,
    lists: checked,
  };
}

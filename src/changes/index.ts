import * as vscode from 'vscode';
import { pickDirectory } from '../find/pick-directory';
import { displayText } from '../text/safe-text';
import { COMMANDS } from '../ui/contributes';
import { copyText, showNotice } from '../ui/notify';
import { requireSession } from '../ui/prompts';
import type { Services } from '../services';
import { ChangesView, CHANGES_VIEW_ID, isEventRow, type EventRow } from './changes-view';
import { EventDocuments } from './event-documents';
import { describeEvent, eventSubjects } from './event-words';

const POLL_SETTING = 'workos.changes.pollSeconds';
/** The shortest interval between polls, whatever the setting says. */
const MIN_POLL_SECONDS = 15;

/** The Recent Changes view, its event documents and its commands. */
export function registerChanges(context: vscode.ExtensionContext, services: Services): ChangesView {
  const view = new ChangesView(services.sessions, services.log);
  const documents = new EventDocuments(services.sessions);
  const onRow =
    (action: (row: EventRow) => unknown) =>
    (row?: unknown): unknown =>
      isEventRow(row) ? action(row) : undefined;
  const NAMES_NO = {
    user: () => vscode.l10n.t('This change names no user by ID.'),
    group: () => vscode.l10n.t('This change names no group by ID.'),
    directory: () => vscode.l10n.t('This change names no directory by ID.'),
  };
  const openSubject = (pick: 'user' | 'group' | 'directory') =>
    onRow((row) => {
      const id = eventSubjects(row.event)[pick];
      // A membership event may name a user or group that is null, or not by an ID of its kind.
      if (!id) return showNotice('info', NAMES_NO[pick]());
      return vscode.commands.executeCommand(COMMANDS.openById, id, row.session.environmentId);
    });
  context.subscriptions.push(
    view,
    documents,
    startPolling(view),
    vscode.commands.registerCommand(
      COMMANDS.openEvent,
      onRow((row) => documents.open(row.session.environmentId, row.event)),
    ),
    vscode.commands.registerCommand(
      COMMANDS.compareEvent,
      onRow((row) =>
        documents.compare(
          row.session.environmentId,
          row.event,
          vscode.l10n.t('{0} (before ↔ after)', displayText(describeEvent(row.event).sentence, 80)),
        ),
      ),
    ),
    vscode.commands.registerCommand(
      COMMANDS.copyEventId,
      onRow((row) => copyText(row.event.id, vscode.l10n.t('ID'))),
    ),
    vscode.commands.registerCommand(COMMANDS.openEventUser, openSubject('user')),
    vscode.commands.registerCommand(COMMANDS.openEventGroup, openSubject('group')),
    vscode.commands.registerCommand(COMMANDS.openEventDirectory, openSubject('directory')),
    vscode.commands.registerCommand(
      COMMANDS.showEventInDirectories,
      onRow((row) => {
        // A membership change shows its group; a user's change, the directory it happened in.
        const { group, directory } = eventSubjects(row.event);
        if (!group && !directory)
          return showNotice('info', vscode.l10n.t('This change names no directory or group by ID.'));
        return vscode.commands.executeCommand(COMMANDS.reveal, group ?? directory);
      }),
    ),
    vscode.commands.registerCommand(COMMANDS.loadOlderChanges, () => view.loadOlder()),
    vscode.commands.registerCommand(COMMANDS.refreshChanges, () => {
      services.sessions.active?.changes.restart(view.scope && { directory: view.scope });
      view.show(view.scope);
    }),
    vscode.commands.registerCommand(COMMANDS.showChanges, async (argument?: unknown) => {
      const session = await requireSession(services.sessions);
      if (!session) return;
      const directory = await pickDirectory(
        session,
        services.log,
        vscode.l10n.t('WorkOS: Show Recent Changes'),
        argument,
      );
      if (!directory) return;
      view.show(directory);
      await vscode.commands.executeCommand(`${CHANGES_VIEW_ID}.focus`);
    }),
    vscode.commands.registerCommand(COMMANDS.showAllChanges, () => view.show(undefined)),
  );
  return view;
}

/** Polls while the view is visible, every `workos.changes.pollSeconds` (0, the default, is off). */
function startPolling(view: ChangesView): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearInterval(timer);
    timer = undefined;
    const seconds = pollSeconds();
    if (seconds > 0 && view.view.visible) timer = setInterval(() => void view.poll(), seconds * 1000);
  };
  schedule();
  const subscriptions = [
    view.view.onDidChangeVisibility(schedule),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(POLL_SETTING) && schedule()),
  ];
  return new vscode.Disposable(() => {
    clearInterval(timer);
    for (const subscription of subscriptions) subscription.dispose();
  });
}

function pollSeconds(): number {
  const value = vscode.workspace.getConfiguration().get<unknown>(POLL_SETTING);
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return 0;
  return Math.max(MIN_POLL_SECONDS, value);
}

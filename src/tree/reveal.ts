import * as vscode from 'vscode';
import { environmentOfDocument, objectOfDocument } from '../documents/object-documents';
import type { Services } from '../services';
import { SessionEnded } from '../session/collection';
import type { Session } from '../session/session';
import { groupsReadText, localeNumber } from '../text/count-words';
import { COMMANDS } from '../ui/contributes';
import { showFailure, showNotice, withProgress } from '../ui/notify';
import { askForId, requireSession } from '../ui/prompts';
import { isWorkOSError } from '../workos';
import type { DirectoriesView } from './directories-view';
import { findRow, revealTarget, type RevealOutcome, type RevealStep } from './reveal-path';

/**
 * Show in Directories from an object's JSON (the editor title): the document's object, if the document
 * belongs to the environment the Directories view shows; else says so, since its tree cannot hold it.
 */
export async function revealDocument(view: DirectoriesView, services: Services, uri: vscode.Uri): Promise<void> {
  const object = objectOfDocument(uri);
  if (!object) return;
  const environmentId = environmentOfDocument(uri);
  const active = environmentId === undefined ? undefined : await services.environments.active().catch(() => undefined);
  if (environmentId !== undefined && active?.environment?.id !== environmentId) {
    void showNotice(
      'warning',
      vscode.l10n.t(
        'This document is from another WorkOS environment than the Directories view shows: switch to it first.',
      ),
      vscode.l10n.t('Switch to It'),
    ).then((choice) => choice && vscode.commands.executeCommand(COMMANDS.switchEnvironment, environmentId));
    return;
  }
  await revealInDirectories(view, services, object.id);
}

/**
 * `workos.reveal`: the row of a directory or group (or a user's directory) selected and focused in the
 * Directories view, its parents expanded, the pages before it loaded in order. The argument is an ID
 * (from reports, Recent Changes, other commands) or nothing (ask). An ID WorkOS does not know changes nothing.
 */
export async function revealInDirectories(view: DirectoriesView, services: Services, argument: unknown): Promise<void> {
  const id = await askForId(
    ['directory', 'directory_group', 'directory_user'],
    argument,
    vscode.l10n.t('WorkOS: Reveal in Directories'),
  );
  if (!id) return;
  const session = await requireSession(services.sessions);
  if (!session) return;
  let outcome: RevealOutcome | undefined;
  let name = id;
  try {
    outcome = await withProgress(
      vscode.l10n.t('Revealing {0} in Directories', id),
      async (signal, report) => {
        const target = await revealTarget(session, id, signal);
        name = target.name;
        const onStep = (step: RevealStep) => report(stepText(step));
        let found = await findRow(view.model, session, target.row, { signal, onStep });
        if ('outsideSearch' in found) {
          // The search hides the directory: every directory again, as a person would clear it.
          view.search(undefined);
          found = await findRow(view.model, session, target.row, { signal, onStep });
        }
        if ('found' in found) await view.reveal(found.found);
        if (target.user && 'found' in found) {
          void showNotice(
            'info',
            vscode.l10n.t('{0} is in directory {1}; a user can be in several of its groups.', target.user, target.name),
            vscode.l10n.t('Show Groups'),
          ).then((choice) => choice && vscode.commands.executeCommand(COMMANDS.showUserGroups, id));
        }
        return found;
      },
      session.signal,
    );
  } catch (error) {
    if (!isWorkOSError(error, 'not_found'))
      return showFailure(services.log, vscode.l10n.t('Could not reveal {0}', id), error);
    // The lookup before any page: nothing was loaded, expanded or selected. The log keeps the request ID.
    services.log.error(`Could not reveal ${id}`, error); // the log stays English
    return void showNotice('warning', unknownText(id));
  }
  if (outcome) tell(services, outcome, id, name, session);
}

/** "1,200 of 2,600 groups read", "300 directories read", in VS Code's display language. */
function stepText({ list, rows, total }: RevealStep): string {
  const locale = vscode.env.language;
  const count = localeNumber(rows, locale);
  if (list === 'directories')
    return rows === 1 ? vscode.l10n.t('1 directory read') : vscode.l10n.t('{0} directories read', count);
  if (total === undefined) return groupsReadText(rows, locale);
  return total === 1
    ? vscode.l10n.t('{0} of 1 group read', count)
    : vscode.l10n.t('{0} of {1} groups read', count, localeNumber(total, locale));
}

function unknownText(id: string): string {
  return vscode.l10n.t('WorkOS knows no {0} in this environment: nothing was revealed.', id);
}

/** Says how a reveal that found no row ended; a found row says nothing (it is selected). */
function tell(services: Services, outcome: RevealOutcome, id: string, name: string, session: Session): void {
  if ('found' in outcome) return;
  if ('cancelled' in outcome) {
    // A person's own cancel needs no word; a refresh or a switch under it does.
    if (session.ended) void showNotice('warning', new SessionEnded().message);
    return;
  }
  if ('failed' in outcome) return showFailure(services.log, vscode.l10n.t('Could not reveal {0}', id), outcome.failed);
  if ('limit' in outcome) {
    const { rows, pages } = outcome.limit;
    return void showNotice(
      'warning',
      vscode.l10n.t(
        'Stopped after {0} rows in {1} pages, the most one list is read to, before {2} came. Find Groups searches by name instead.',
        localeNumber(rows, vscode.env.language),
        localeNumber(pages, vscode.env.language),
        name,
      ),
    );
  }
  if ('missing' in outcome) {
    void showNotice(
      'warning',
      outcome.missing === 'directory'
        ? vscode.l10n.t('The directories list ended without {0}: nothing was revealed.', name)
        : vscode.l10n.t('The groups of its directory ended without {0}: nothing was revealed.', name),
    );
  }
}
